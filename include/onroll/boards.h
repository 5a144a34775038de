/* boards.h - the two shared boards of a workshop (issue 19 parts 2-4; toolkit §1.1, §1.2): the
 * system-players map and the iceberg, as cards and links, their vocabularies and the pure
 * figures worked out from them (who depends on whom). The store keeps them (store_boards.h,
 * migration 036); the drawings are board_svg.h's.
 *
 * Words: the iceberg's four levels, the map's and the iceberg's discussion questions and the
 * seeded players are the toolkit's own (toolkit.json system_players_map, iceberg). What the
 * toolkit leaves open is onroll's and is said to be: the number of proximity rings (the map was
 * a picture), the players' types, and how well two players work together (a scale the toolkit
 * does not give). Pure: no I/O. */
#ifndef ONROLL_BOARDS_H
#define ONROLL_BOARDS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/error.h"

typedef enum { OR_BOARD_MAP, OR_BOARD_ICEBERG, OR_BOARD__N } or_board_tool;

/* "map", "iceberg" (the workshop core's tool names); -1 for neither. */
const char *or_board_tool_code(or_board_tool t);
int or_board_tool_parse(const char *s);

/* The map's proximity rings: onroll's choice (the toolkit gives no number), 1 the closest. */
enum { OR_MAP_RINGS = 3 };
const char *or_map_ring_label(int ring); /* "Closest to the young person"; NULL out of range */

/* The iceberg's four levels (toolkit.json iceberg.levels, verbatim), 1 the surface. */
enum { OR_ICEBERG_LEVELS = 4 };
typedef struct {
    const char *name;   /* "Events & Experiences" */
    const char *prompt; /* the template's prompt */
} or_iceberg_level;
const or_iceberg_level *or_iceberg_level_at(int level); /* NULL out of range */

/* A small vocabulary: the code stored, the words shown. NULL-code terminated. */
typedef struct {
    const char *code;
    const char *label;
} or_board_term;

extern const or_board_term or_map_types[];      /* a player's type: onroll's */
extern const or_board_term or_iceberg_sides[];  /* "driver", "barrier" (the template's columns) */
extern const or_board_term or_map_link_kinds[]; /* "depends_on", "works_with" */
extern const or_board_term or_map_strengths[];  /* how well: onroll's scale */
const char *or_board_term_label(const or_board_term *vocab, const char *code); /* NULL: none */

/* The discussion questions, verbatim: six for the map, five for the iceberg. */
extern const char *const or_map_questions[];
extern const int or_map_nquestions;
extern const char *const or_iceberg_questions[];
extern const int or_iceberg_nquestions;
/* The players an LA's catalogue starts with (toolkit.json, collected from the participant
 * lists), each with the type onroll gives it. */
extern const or_board_term or_map_seed_players[]; /* code: the name; label: a type code */

enum { OR_BOARD_TEXT_MAX = 300 };

/* One card: a player on the map, or a note on the iceberg. */
typedef struct {
    int64_t id;
    int64_t workshop;
    or_board_tool tool;
    int64_t participant; /* who wrote it (workshop_participants.id; 0: not a participant) */
    const char *author;  /* ws_ctx.who of the writer: whose draft it is until the reveal */
    const char *by;      /* the writer as others may see them: their name if they agreed,
                            else their role (the store's; "" when not read) */
    const char *text;    /* the player's name; the note */
    int place;           /* map: ring 1..OR_MAP_RINGS; iceberg: level 1..OR_ICEBERG_LEVELS */
    const char *kind;    /* map: a type of or_map_types; iceberg: "driver" | "barrier" */
    bool intervene;      /* iceberg: "intervene here" */
    const char *created_at;
} or_board_card;

/* One link between two cards of the same board. */
typedef struct {
    int64_t id;
    int64_t workshop;
    or_board_tool tool;
    int64_t participant;
    const char *author;   /* ws_ctx.who of the writer */
    int64_t from, to;     /* map "depends_on": from depends on to */
    const char *kind;     /* map: or_map_link_kinds; iceberg: "links" */
    const char *strength; /* map: a code of or_map_strengths, "" not said */
} or_board_link;

/* Whether a card's fields are right for its tool: text not empty, at most OR_BOARD_TEXT_MAX
 * bytes, no invisible characters; the place and kind in range. The error names the field and
 * the value ("ring: 4 is not 1 to 3"). */
or_code or_board_card_check(const or_board_card *c, or_error *err);
/* Whether a link may join from and to: two different cards of the same board and workshop;
 * on the iceberg, of different levels; the kind and strength of its tool. */
or_code or_board_link_check(const or_board_link *l, const or_board_card *from,
                            const or_board_card *to, or_error *err);

/* Who depends on whom on the map: one row per player, cards naming the same player (case,
 * spaces aside) counted as one. Counts are of distinct other players. */
typedef struct {
    const char *player;        /* the name as its first card writes it */
    int cards;                 /* how many cards name the player */
    int ring;                  /* the closest ring it was placed on */
    int depends_on;            /* players it depends on */
    int depended_on_by;        /* players that depend on it */
    int works_with;            /* players it works with (either way round) */
    const char *depends_names; /* "CAMHS; health" (in the order of the cards), "" none */
    const char *depended_names;
} or_map_dependence;

/* The rows for the map's cards and links (links whose cards are not among cards are left
 * out), most depended on first, then most dependent, then by name. Strings in a. */
void or_map_dependence_count(const or_board_card *cards, int n, const or_board_link *links, int nl,
                             or_arena *a, or_map_dependence **out, int *nout);

/* The text cut into at most max_lines lines of at most width characters (code points), broken
 * at spaces where it can be; the last line ends in "…" when the text did not fit. Returns the
 * number of lines (0 for an empty text). */
int or_board_wrap(const char *text, int width, int max_lines, or_arena *a, const char **lines);

#endif
