/* offroll.c (store) - the LA's challenges over off-rolling signals (store_offroll.h, migration
 * 028): one row per (ay, urn). */
#include <string.h>
#include <time.h>

#include "onroll/alloc.h"
#include "onroll/store_offroll.h"
#include "store/access.h"

or_code or_offroll_challenges(or_store *s, int ay, or_arena *a, or_offroll_challenge **out, int *n,
                              or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT ay, urn, challenge, challenged_on, answer, answered_on, "
                               "set_by, set_at FROM offrolling_challenges WHERE ay = ? "
                               "ORDER BY urn",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, ay);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_offroll_challenge *c = &(*out)[len++];
        c->ay = (int)q.d->col_int(q.st, 0);
        c->urn = (int)q.d->col_int(q.st, 1);
        c->challenge = or_arena_strdup(a, or_query_text(&q, 2));
        c->challenged_on = or_arena_strdup(a, or_query_text(&q, 3));
        c->answer = or_arena_strdup(a, or_query_text(&q, 4));
        c->answered_on = or_arena_strdup(a, or_query_text(&q, 5));
        c->set_by = or_arena_strdup(a, or_query_text(&q, 6));
        c->set_at = or_arena_strdup(a, or_query_text(&q, 7));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_offroll_challenge_set(or_store *s, const or_offroll_challenge *c, const char *user,
                                 or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO offrolling_challenges (ay, urn, challenge, challenged_on, answer, "
        "answered_on, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ay, urn) DO "
        "UPDATE SET challenge = excluded.challenge, challenged_on = excluded.challenged_on, "
        "answer = excluded.answer, answered_on = excluded.answered_on, set_by = excluded.set_by, "
        "set_at = excluded.set_at",
        err);
    if (rc)
        return rc;
    char ts[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    q.d->bind_int(q.st, 1, c->ay);
    q.d->bind_int(q.st, 2, c->urn);
    q.d->bind_text(q.st, 3, c->challenge ? c->challenge : "");
    q.d->bind_text(q.st, 4, c->challenged_on ? c->challenged_on : "");
    q.d->bind_text(q.st, 5, c->answer ? c->answer : "");
    q.d->bind_text(q.st, 6, c->answered_on ? c->answered_on : "");
    q.d->bind_text(q.st, 7, user ? user : "");
    q.d->bind_text(q.st, 8, ts);
    return or_query_run(&q, err);
}
