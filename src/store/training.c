/* training.c (store) - staff training recorded by schools (store_training.h, migration 031). */
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_training.h"
#include "store/access.h"

or_code or_training_list(or_store *s, int urn, or_arena *a, or_training **out, int *n,
                         or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        urn ? "SELECT id, urn, course, area, level, role, CAST(held_on AS TEXT), staff, "
              "recorded_by, CAST(recorded_at AS TEXT) FROM staff_training WHERE urn = ? "
              "ORDER BY held_on DESC, id DESC"
            : "SELECT id, urn, course, area, level, role, CAST(held_on AS TEXT), staff, "
              "recorded_by, CAST(recorded_at AS TEXT) FROM staff_training "
              "ORDER BY held_on DESC, id DESC",
        err);
    if (rc)
        return rc;
    if (urn)
        q.d->bind_int(q.st, 1, urn);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_training *t = &(*out)[len++];
        t->id = (long long)q.d->col_int(q.st, 0);
        t->urn = (int)q.d->col_int(q.st, 1);
        t->course = or_arena_strdup(a, or_query_text(&q, 2));
        t->area = or_arena_strdup(a, or_query_text(&q, 3));
        t->level = or_arena_strdup(a, or_query_text(&q, 4));
        t->role = or_arena_strdup(a, or_query_text(&q, 5));
        t->on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 6), &t->on);
        t->staff = (int)q.d->col_int(q.st, 7);
        t->recorded_by = or_arena_strdup(a, or_query_text(&q, 8));
        t->recorded_at = or_arena_strdup(a, or_query_text(&q, 9));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_training_add(or_store *s, const or_training *t, const char *user, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO staff_training (urn, course, area, level, role, "
                               "held_on, staff, recorded_by, recorded_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               err);
    if (rc)
        return rc;
    char ts[32], on[11];
    or_store_now_iso(ts);
    or_date_format(t->on, on);
    q.d->bind_int(q.st, 1, t->urn);
    q.d->bind_text(q.st, 2, t->course);
    q.d->bind_text(q.st, 3, t->area);
    q.d->bind_text(q.st, 4, t->level);
    q.d->bind_text(q.st, 5, t->role);
    q.d->bind_text(q.st, 6, on);
    q.d->bind_int(q.st, 7, t->staff);
    q.d->bind_text(q.st, 8, user ? user : "");
    q.d->bind_text(q.st, 9, ts);
    return or_query_run(&q, err);
}
