/* instruments.h - self-evaluation instruments as versioned data (issue 18 part 1): an
 * instrument is sections (areas) of items, each item with its response type (a rating on the
 * instrument's scale, yes/no, money, a number, free text), the descriptors of its levels where
 * the source gives them, and the fields that go with it (some filled from onroll's own figures:
 * `data_key`, see or_review_figures in reviews.h); a section may carry an area judgement and
 * evidence boxes.
 *
 * The seed is the RSA / Mayor of London toolkit's appendix (shared/data/toolkit/toolkit.json),
 * turned into instruments_data.c by tools/gen_instruments.py (committed): Hackney's Wellbeing
 * Framework audit, Astrea's SEND Review Tool and Astrea's Inclusion Review interview. Nothing is
 * invented: an area the source does not name is a placeholder that says so (`placeholder`).
 * A review names the instrument's id and version, so a new version never changes an old review. */
#ifndef ONROLL_INSTRUMENTS_H
#define ONROLL_INSTRUMENTS_H

#include <stdbool.h>

#include "onroll/arena.h"

typedef enum {
    OR_RESP_RATING, /* one of the instrument's levels */
    OR_RESP_YESNO,
    OR_RESP_MONEY, /* pounds */
    OR_RESP_NUMBER,
    OR_RESP_TEXT,
    OR_RESP_DATA, /* a figure onroll fills from its own records (data_key) */
    OR_RESP__N
} or_resp_type;

/* The response types' ids (as in JSON) */
extern const char *const or_resp_ids[OR_RESP__N];

/* A field that goes with an item (the source's "Insert details here", "Attendance SEND:"):
 * free text, or a figure from onroll when data_key is set. */
typedef struct {
    const char *label;
    const char *data_key; /* NULL: the reviewer types it */
} or_instr_field;

typedef struct {
    const char *key;  /* stable within the instrument: "a2.i5" (area 2, item 5) */
    const char *text; /* the source's words */
    or_resp_type resp;
    const char *const *descriptors; /* one per level (the instrument's nlevels), or NULL */
    int nfields;
    const or_instr_field *fields;
} or_instr_item;

typedef struct {
    const char *title;
    bool placeholder; /* the source does not name this area: the LA renames it */
    const char *note; /* what the source says (or does not) about it; "" */
    int nitems;
    const or_instr_item *items;
    int ndescriptors; /* the area's quality descriptors (the SEND review's), shown as guidance */
    const char *const *descriptors;
    int njudged;               /* how many area judgements it asks for (0, 1 or 2) */
    const char *const *judged; /* their labels */
} or_instr_section;

typedef struct {
    const char *id;
    int version;
    const char *title;
    const char *owner;
    const char *about; /* the purpose, in the source's words */
    int nlevels;       /* the rating scale of OR_RESP_RATING items */
    const char *const *levels;
    int njudgements; /* the area judgement's levels (0: none) */
    const char *const *judgements;
    const char *judgement_note; /* how a judgement is reached ("" when the source says) */
    int nboxes;                 /* free-text boxes after each area (evidence, strengths...) */
    const char *const *boxes;
    int nsections;
    const or_instr_section *sections;
} or_instrument;

/* The seeded instruments (instruments_data.c), each id's versions in order. */
extern const or_instrument or_instruments_seed[];
extern const int or_instruments_seed_count;

/* The instrument of that id and version (version 0: the latest), or NULL. */
const or_instrument *or_instrument_find(const char *id, int version);
/* The seeds and the LA's versions stored in the database (migration 033; store_instruments.h
 * or_instruments_load fills one in the caller's arena, per request: no shared state). Every
 * page and command that needs an instrument by (id, version) asks a set. */
typedef struct {
    const or_instrument *const *all; /* each id's versions together, oldest first */
    int n;
} or_instrument_set;
/* A set of the seeds and the stored versions (nstored of them, any order; a stored version
 * of a seed's id and version is ignored: the seed is the source's), in arena a. */
void or_instrument_set_make(or_arena *a, const or_instrument *stored, int nstored,
                            or_instrument_set *out);
/* The instrument of that id and version in the set (version 0: its newest), or NULL; a NULL
 * set is the seeds alone (or_instrument_find). */
const or_instrument *or_instrument_set_find(const or_instrument_set *set, const char *id,
                                            int version);
/* The newest version of each id, the seeds' ids first, in arena a; returns how many. */
int or_instrument_set_latest(const or_instrument_set *set, or_arena *a, const or_instrument ***out);
/* The next version of an id in the set (1 for a new id). */
int or_instrument_set_next_version(const or_instrument_set *set, const char *id);

/* Its items in all sections. */
int or_instrument_items(const or_instrument *in);
/* The item of that key, or NULL (its section's index in *section when not NULL). */
const or_instr_item *or_instrument_item(const or_instrument *in, const char *key, int *section);
/* The index of a level (rating) or judgement name, or -1. */
int or_instrument_level(const or_instrument *in, const char *name);
int or_instrument_judgement(const or_instrument *in, const char *name);
/* One answer of a review: an item's key ("a2.i5") and its value (reviews.h). */
typedef struct {
    const char *item, *value;
} or_instr_answer;
/* The change in area s (0-based) between last year's answers and this year's: of its rating
 * items rated in both, how many rose a level or more (*up), fell (*down), stayed (*same). */
void or_instrument_change(const or_instrument *in, int s, const or_instr_answer *before, int nb,
                          const or_instr_answer *now, int nn, int *up, int *down, int *same);
/* Whether value is an acceptable answer to an item of that type: a level of the instrument,
 * "yes"/"no", pounds ("1250" or "1250.50"), a whole number, any text; "" is unanswered. */
bool or_instrument_valid(const or_instrument *in, or_resp_type t, const char *value);

#endif
