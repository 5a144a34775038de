/* store_roni.h - careers leaders' overrides of RONI scores (roni.h, docs/roni.md, migration
 * 026): the latest override of each pupil, with its reason, who made it and when. The caller
 * writes the audit line in the same transaction. */
#ifndef ONROLL_STORE_RONI_H
#define ONROLL_STORE_RONI_H

#include "onroll/arena.h"
#include "onroll/store.h"

enum { OR_RONI_REASON_MAX = 1000 };

typedef struct {
    const char *upn;
    int urn;
    int score;                                      /* the score the careers leader gave */
    int calculated;                                 /* the score onroll had worked out */
    const char *version, *reason, *set_by, *set_at; /* set_at: ISO 8601 UTC */
} or_roni_override;

/* Record an override (replacing the pupil's earlier one). */
or_code or_roni_override_set(or_store *s, const or_roni_override *o, or_error *err);
/* Every override, sorted by UPN, allocated in a. */
or_code or_roni_overrides_load(or_store *s, or_arena *a, or_roni_override **out, int *n,
                               or_error *err);
/* The override of upn among rows (sorted by UPN), or NULL. */
const or_roni_override *or_roni_override_find(const or_roni_override *rows, int n, const char *upn);

#endif
