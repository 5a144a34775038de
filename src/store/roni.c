/* roni.c (store) - careers leaders' overrides of RONI scores (store_roni.h, migration 026):
 * one row per pupil, the latest. */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_roni.h"
#include "store/access.h"

or_code or_roni_override_set(or_store *s, const or_roni_override *o, or_error *err)
{
    if (!o->reason || !*o->reason)
        return or_fail(err, OR_EINPUT, "roni override of %s: a reason is needed", o->upn);
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO roni_overrides (upn, urn, score, calculated, version, reason, set_by, "
        "set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (upn) DO UPDATE SET urn = "
        "excluded.urn, score = excluded.score, calculated = excluded.calculated, version = "
        "excluded.version, reason = excluded.reason, set_by = excluded.set_by, set_at = "
        "excluded.set_at",
        err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_text(q.st, 1, o->upn);
    q.d->bind_int(q.st, 2, o->urn);
    q.d->bind_int(q.st, 3, o->score);
    q.d->bind_int(q.st, 4, o->calculated);
    q.d->bind_text(q.st, 5, o->version ? o->version : "");
    q.d->bind_text(q.st, 6, o->reason);
    q.d->bind_text(q.st, 7, o->set_by ? o->set_by : "");
    q.d->bind_text(q.st, 8, ts);
    return or_query_run(&q, err);
}

static int by_upn(const void *x, const void *y)
{
    return strcmp(((const or_roni_override *)x)->upn, ((const or_roni_override *)y)->upn);
}

or_code or_roni_overrides_load(or_store *s, or_arena *a, or_roni_override **out, int *n,
                               or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT upn, urn, score, calculated, version, reason, set_by, "
                               "set_at FROM roni_overrides",
                               err);
    if (rc)
        return rc;
    int cap = 0;
    or_roni_override *rows = NULL;
    for (;;) {
        bool have = false;
        if ((rc = or_query_step(&q, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, rows, *n + 1, cap);
        rows[(*n)++] = (or_roni_override){or_arena_strdup(a, or_query_text(&q, 0)),
                                          (int)q.d->col_int(q.st, 1),
                                          (int)q.d->col_int(q.st, 2),
                                          (int)q.d->col_int(q.st, 3),
                                          or_arena_strdup(a, or_query_text(&q, 4)),
                                          or_arena_strdup(a, or_query_text(&q, 5)),
                                          or_arena_strdup(a, or_query_text(&q, 6)),
                                          or_arena_strdup(a, or_query_text(&q, 7))};
    }
    or_query_done(&q);
    if (*n > 1)
        qsort(rows, (size_t)*n, sizeof *rows, by_upn);
    *out = rows;
    return rc;
}

const or_roni_override *or_roni_override_find(const or_roni_override *rows, int n, const char *upn)
{
    or_roni_override key = {.upn = upn};
    return n > 0 ? bsearch(&key, rows, (size_t)n, sizeof *rows, by_upn) : NULL;
}
