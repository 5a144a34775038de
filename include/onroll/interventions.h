/* interventions.h - the interventions directory: what a school or the LA can put in place for a
 * child (programmes, services, referral routes), each with its level of need, the phases and
 * needs it is for, who provides it, how to get it, what it costs and what evidence there is.
 *
 * The fixed vocabularies are here (levels of need, phases, needs, costs: each term an id as
 * stored and a label for people), with the checks of an entry as the LA types it (interventions.c).
 * The seed is Hackney's "No Need to Exclude" guide (shared/data/interventions.csv), normalised
 * by tools/gen_interventions.py into interventions_data.c (the decisions, row by row, are data
 * in that script). The directory itself lives in the store (migration 006,
 * store_interventions.h): `onroll init` seeds it when it is empty, LA users edit it, and
 * an `intervention` event names one of its ids (the importer refuses an id it does not hold).
 *
 * Ids are stable: events name them, so an entry is never deleted or renamed; one no longer
 * offered is marked inactive (kept for the records that name it, not offered for new ones). */
#ifndef ONROLL_INTERVENTIONS_H
#define ONROLL_INTERVENTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/sb.h"

/* ---- the vocabularies ---- */

/* One term of a vocabulary: its id (as stored and in URLs), its label and a hint for people. */
typedef struct {
    const char *id, *label, *hint;
} or_iv_term;

/* Levels of need (Hackney's Child Wellbeing Framework, as the guide uses it). */
typedef enum { OR_IV_UNIVERSAL, OR_IV_UNIVERSAL_PLUS, OR_IV_COMPLEX, OR_IV_LEVEL__N } or_iv_level;
/* Phases of education; a set of them is a bit set (1u << phase). */
typedef enum {
    OR_IV_EARLY_YEARS,
    OR_IV_PRIMARY,
    OR_IV_SECONDARY,
    OR_IV_POST16,
    OR_IV_PHASE__N
} or_iv_phase;
#define OR_IV_ALL_PHASES ((1u << OR_IV_PHASE__N) - 1u)
/* Needs an entry addresses (tags; a set is a bit set). The order is the display order. */
typedef enum {
    OR_IV_BEHAVIOUR,
    OR_IV_SOCIAL_EMOTIONAL,
    OR_IV_MENTAL_HEALTH,
    OR_IV_RELATIONSHIPS,
    OR_IV_ATTENDANCE,
    OR_IV_LEARNING,
    OR_IV_SPEECH_LANGUAGE,
    OR_IV_SEN,
    OR_IV_FAMILY,
    OR_IV_PARENTING,
    OR_IV_SAFEGUARDING,
    OR_IV_SUBSTANCE_MISUSE,
    OR_IV_YOUTH_OFFENDING,
    OR_IV_GANGS_EXPLOITATION,
    OR_IV_TRANSITION,
    OR_IV_EXCLUSION_RISK,
    OR_IV_STAFF,
    OR_IV_NEED__N
} or_iv_need;
typedef enum {
    OR_IV_FREE,
    OR_IV_CHARGED,
    OR_IV_VARIES,
    OR_IV_COST_UNKNOWN,
    OR_IV_COST__N
} or_iv_cost;

extern const or_iv_term or_iv_levels[OR_IV_LEVEL__N];
extern const or_iv_term or_iv_phases[OR_IV_PHASE__N];
extern const or_iv_term or_iv_needs[OR_IV_NEED__N];
extern const or_iv_term or_iv_costs[OR_IV_COST__N];

/* The index of id in terms[0..n), or -1. */
int or_iv_find(const or_iv_term *terms, int n, const char *id);
/* A set as stored ("primary;secondary": ids of terms separated by ';', each once, in any
 * order; "" is the empty set) into a bit set. An unknown or repeated id is OR_EINPUT, naming
 * field and the value. */
or_code or_iv_set_parse(const or_iv_term *terms, int n, const char *text, const char *field,
                        unsigned *out, or_error *err);
/* A bit set as stored: its ids in the vocabulary's order, separated by sep (";" to store). */
void or_iv_set_format(const or_iv_term *terms, int n, unsigned set, const char *sep, or_sb *out);
/* A bit set for people: its labels separated by "; " (labels may hold commas). */
void or_iv_set_labels(const or_iv_term *terms, int n, unsigned set, or_sb *out);

/* ---- an entry ---- */

enum {
    OR_IV_ID_MAX = 64,     /* bytes of an id (the events column `intervention` holds 64) */
    OR_IV_NAME_MAX = 200,  /* name, provider, guide section, cost text */
    OR_IV_TEXT_MAX = 4000, /* description, how to access, evidence, level note */
};

/* Where an entry's level of need came from. */
#define OR_IV_BASIS_GUIDE    "guide"    /* the guide states it (a level, or a SEAL wave) */
#define OR_IV_BASIS_INFERRED "inferred" /* the guide states none: decided from its content */
#define OR_IV_BASIS_LA       "la"       /* set by the LA */

typedef struct {
    const char *id, *name;
    const char *description; /* what it is for (the guide's words) */
    const char *provider;    /* the service that delivers it, never a person */
    or_iv_level level;
    const char *level_basis; /* OR_IV_BASIS_* */
    const char *level_note;  /* why this level, in words */
    unsigned phases, needs;  /* bit sets */
    const char *how_to_access;
    or_iv_cost cost;
    const char *cost_text; /* what the source says about the cost */
    const char *evidence;  /* what evidence there is; "Not stated in the guide." */
    const char *guide_section;
    bool active; /* offered for new records */
    const char *updated_by, *updated_at;
} or_intervention;

/* Is s a well-formed id: 1 to OR_IV_ID_MAX lower-case ASCII letters, digits and single '-'
 * between them? */
bool or_iv_id_ok(const char *s);
/* The id made from a name: its words (letters and digits, lower case) joined by '-', at most
 * 60 characters, cut at a word ("" when the name has no letter or digit). size >= 61. */
void or_iv_slug(const char *name, char *out, size_t size);
/* Check an entry as typed: every text valid UTF-8 without control characters (the long texts
 * may have line breaks) and within its limit, name and provider not empty, at least one phase
 * and one need, a well-formed id. On failure *field is the failing field's name ("name",
 * "needs"...) and err says what is wrong with the value. */
or_code or_iv_check(const or_intervention *e, const char **field, or_error *err);

/* ---- the seed (interventions_data.c, generated) ---- */

/* One entry of the guide, normalised, as text as it is stored. */
typedef struct {
    const char *id, *name, *description, *provider, *level, *level_basis, *level_note, *phases,
        *needs, *how_to_access, *cost, *cost_text, *evidence, *guide_section;
    bool offered; /* false: a sanction the guide lists, kept but not offered for a pupil */
} or_iv_seed;

extern const or_iv_seed or_iv_seeds[];
extern const size_t or_iv_nseeds;

/* A seed row as an entry (strings point into the seed; active; updated_by and updated_at
 * NULL). OR_EINPUT, naming the entry and the field, if it does not parse or check. */
or_code or_iv_from_seed(const or_iv_seed *s, or_intervention *out, or_error *err);

#endif
