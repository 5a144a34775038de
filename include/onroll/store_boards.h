/* store_boards.h - the workshop boards' cards and links, and the LA's catalogue of players
 * (boards.h; migration 036; docs/workshop-boards.md). The caller holds the transaction of a
 * write and writes its audit line in it; who may see or change what is the pages' (a draft is
 * its author's until the tool is revealed). Strings out are in the caller's arena. */
#ifndef ONROLL_STORE_BOARDS_H
#define ONROLL_STORE_BOARDS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/boards.h"
#include "onroll/store.h"

/* ---- cards ---- */

/* Every card of a workshop's board, oldest first, with `by` (the writer's name when they
 * agreed to it being shown, else their role, else "Participant"; "Facilitator" for a card of
 * someone who is not a participant). */
or_code or_board_cards(or_store *s, int64_t workshop, or_board_tool tool, or_arena *a,
                       or_board_card **out, int *n, or_error *err);
/* One card; *found false when there is none. */
or_code or_board_card_get(or_store *s, int64_t id, or_arena *a, or_board_card *out, bool *found,
                          or_error *err);
/* Add a card (id, created_at ignored); the new id out. */
or_code or_board_card_add(or_store *s, const or_board_card *c, int64_t *id, or_error *err);
/* Change a card's text, place, kind and mark (by c->id). */
or_code or_board_card_update(or_store *s, const or_board_card *c, or_error *err);
/* Remove a card and every link to or from it. */
or_code or_board_card_delete(or_store *s, int64_t id, or_error *err);

/* ---- links ---- */

or_code or_board_links(or_store *s, int64_t workshop, or_board_tool tool, or_arena *a,
                       or_board_link **out, int *n, or_error *err);
or_code or_board_link_get(or_store *s, int64_t id, or_arena *a, or_board_link *out, bool *found,
                          or_error *err);
or_code or_board_link_add(or_store *s, const or_board_link *l, int64_t *id, or_error *err);
/* Set how well (a code of or_map_strengths, "" not said). */
or_code or_board_link_strength(or_store *s, int64_t id, const char *strength, or_error *err);
or_code or_board_link_delete(or_store *s, int64_t id, or_error *err);

/* ---- the iceberg's seeds for the idea board ---- */

/* The iceberg's notes marked "intervene here" in a workshop whose iceberg has been revealed
 * (none before: a mark is the group's), deepest level first, then oldest. For the idea board
 * (branch h-ideas) to offer as seeds. */
or_code or_board_seeds(or_store *s, int64_t workshop, or_arena *a, or_board_card **out, int *n,
                       or_error *err);

/* ---- the LA's catalogue of players ---- */

typedef struct {
    int64_t id;
    const char *name;
    const char *type; /* a code of or_map_types */
    bool seeded;      /* one the toolkit names */
} or_board_player;

/* The catalogue, by name. */
or_code or_board_players(or_store *s, or_arena *a, or_board_player **out, int *n, or_error *err);
/* Add a player (nothing when one of that name, case aside, is there: *added false). */
or_code or_board_player_add(or_store *s, const char *name, const char *type, const char *user,
                            bool *added, or_error *err);

#endif
