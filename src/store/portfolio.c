/* portfolio.c (store) - the area judgements the LA's portfolio counts, and the partnership
 * meetings of migration 032 (store_portfolio.h). */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_portfolio.h"
#include "store/access.h"

or_code or_pf_judgements(or_store *s, const char *instrument, or_arena *a, or_pf_judgement **out,
                         int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT a.review_id, a.item, a.value FROM review_answers a "
                               "JOIN reviews r ON r.id = a.review_id WHERE r.instrument = ? "
                               "AND a.item LIKE 'a%.j1' ORDER BY a.review_id, a.item",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, instrument);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        const char *item = or_query_text(&q, 1);
        int area = atoi(item + 1); /* "a3.j1" */
        if (area <= 0)
            continue;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_pf_judgement *j = &(*out)[len++];
        j->review_id = q.d->col_int(q.st, 0);
        j->area = area;
        j->value = or_arena_strdup(a, or_query_text(&q, 2));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_pm_list(or_store *s, int urn, or_arena *a, or_pm_meeting **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        urn ? "SELECT id, urn, CAST(held_on AS TEXT), roles, notes, next_on, recorded_by, "
              "CAST(recorded_at AS TEXT) FROM partnership_meetings WHERE urn = ? "
              "ORDER BY held_on DESC, id DESC"
            : "SELECT id, urn, CAST(held_on AS TEXT), roles, notes, next_on, recorded_by, "
              "CAST(recorded_at AS TEXT) FROM partnership_meetings "
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
        or_pm_meeting *m = &(*out)[len++];
        m->id = q.d->col_int(q.st, 0);
        m->urn = (int)q.d->col_int(q.st, 1);
        m->held_on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 2), &m->held_on);
        m->roles = or_arena_strdup(a, or_query_text(&q, 3));
        m->notes = or_arena_strdup(a, or_query_text(&q, 4));
        m->next_on = or_arena_strdup(a, or_query_text(&q, 5));
        m->recorded_by = or_arena_strdup(a, or_query_text(&q, 6));
        m->recorded_at = or_arena_strdup(a, or_query_text(&q, 7));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_pm_add(or_store *s, const or_pm_meeting *m, const char *user, int64_t *id, or_error *err)
{
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO partnership_meetings (urn, held_on, roles, notes, "
                               "next_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                               "RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32], on[11];
    or_store_now_iso(ts);
    or_date_format(m->held_on, on);
    q.d->bind_int(q.st, 1, m->urn);
    q.d->bind_text(q.st, 2, on);
    q.d->bind_text(q.st, 3, m->roles ? m->roles : "");
    q.d->bind_text(q.st, 4, m->notes ? m->notes : "");
    q.d->bind_text(q.st, 5, m->next_on ? m->next_on : "");
    q.d->bind_text(q.st, 6, user ? user : "");
    q.d->bind_text(q.st, 7, ts);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "partnership_meetings: the meeting of school %d got no id",
                     m->urn);
    return rc;
}
