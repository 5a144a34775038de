/* store_interventions.h - the interventions directory in the store (migration 006, SQL in
 * src/store/interventions.c): searched, read, saved with its audit row, seeded from the guide.
 * An entry's fields and checks are interventions.h. */
#ifndef ONROLL_STORE_INTERVENTIONS_H
#define ONROLL_STORE_INTERVENTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/interventions.h"
#include "onroll/store.h"
#include "onroll/store_audit.h"

/* A search: every condition given must hold; 0 / NULL / "" means any. */
typedef struct {
    const char *text;     /* every word in the name, description, provider, how to access,
                             evidence or guide section (case-insensitive; at most 8 words) */
    unsigned needs;       /* addresses any of these needs */
    unsigned levels;      /* at one of these levels (bits 1u << or_iv_level) */
    unsigned phases;      /* for any of these phases */
    unsigned costs;       /* cost is one of these (bits 1u << or_iv_cost) */
    const char *provider; /* exactly this provider */
    bool inactive;        /* include entries no longer offered */
    int offset, limit;    /* the page: limit 0 = every match */
} or_iv_query;

/* An entry read from the store: strings valid during the callback only. */
typedef or_code (*or_iv_cb)(void *ctx, const or_intervention *e, or_error *err);
/* The matching entries by name (then id), the page of q; *total (may be NULL) is how many
 * match in all. */
or_code or_iv_search(or_store *s, const or_iv_query *q, or_iv_cb cb, void *ctx, int64_t *total,
                     or_error *err);
/* Every entry (active or not), by name. */
or_code or_iv_list(or_store *s, or_iv_cb cb, void *ctx, or_error *err);
/* One entry, its strings copied into a; *found false when there is none. */
or_code or_iv_get(or_store *s, const char *id, or_arena *a, or_intervention *out, bool *found,
                  or_error *err);
/* Is id an entry of the directory (active or not)? */
or_code or_iv_exists(or_store *s, const char *id, bool *found, or_error *err);
/* The providers of the active entries, each once, in order. */
typedef or_code (*or_iv_text_cb)(void *ctx, const char *text, or_error *err);
or_code or_iv_providers(or_store *s, or_iv_text_cb cb, void *ctx, or_error *err);
/* How many entries there are (active or not). */
or_code or_iv_count(or_store *s, int64_t *n, or_error *err);

/* Add (create) or change an entry, checked with or_iv_check, and write who did it to the
 * audit log in the same transaction (action "intervention.add" / "intervention.edit"; the
 * detail lists what changed, old and new): no log line, no change. who gives the actor, role,
 * object and address (its action and detail are set here). A new entry whose id is taken is
 * OR_ECONFLICT; an edit of an id not held is OR_ENOTFOUND; an edit that changes nothing writes
 * nothing (*changed false). An edit that changes the level records it as the LA's
 * (OR_IV_BASIS_LA). */
or_code or_iv_save(or_store *s, const or_intervention *e, bool create, const or_audit_entry *who,
                   bool *changed, or_error *err);
/* Seed the directory from the guide (or_iv_seeds) if it is empty: *added = entries added (0
 * when it held any already). by: who, for updated_by ("cli:LOGIN", "demo"). */
or_code or_iv_seed_store(or_store *s, const char *by, int *added, or_error *err);

#endif
