/* sharing.c - data sharing and provenance (store_sharing.h): the latest source of every school's
 * rows, exclusions received since a moment, a pupil's events with their sources, and the
 * database's fingerprint. Portable SQL (SQLite and PostgreSQL), parameters only; times are
 * ISO 8601 text in both engines, so they compare as text. */
#include <stdio.h>
#include <string.h>

#include "onroll/store_sharing.h"
#include "store/access.h"

static int64_t num(or_query *q, int i, int64_t null_value)
{
    return q->d->col_null(q->st, i) ? null_value : q->d->col_int(q->st, i);
}

static or_date date(or_query *q, int i)
{
    or_date d = OR_DATE_NONE;
    if (!q->d->col_null(q->st, i) && !or_date_parse(q->d->col_text(q->st, i), &d))
        d = OR_DATE_NONE;
    return d;
}

or_code or_sharing_schools(or_store *s, or_sharing_cb cb, void *ctx, or_error *err)
{
    or_query q;
    /* the rows a school sends; the latest source of each school is its largest src_id */
    or_code rc = or_query_prep(
        s, &q,
        "SELECT sc.urn, sc.name, sc.phase, x.src_id, so.kind, so.name, "
        "so.received_at, so.detail FROM schools sc LEFT JOIN (SELECT urn, MAX(src_id) AS "
        "src_id FROM (SELECT urn, src_id FROM events UNION ALL SELECT urn, src_id "
        "FROM enrolments UNION ALL SELECT urn, src_id FROM attendance UNION ALL "
        "SELECT urn, src_id FROM attendance_totals) AS rows_sent GROUP BY urn) AS x "
        "ON x.urn = sc.urn LEFT JOIN sources so ON so.id = x.src_id ORDER BY sc.urn",
        err);
    if (rc)
        return rc;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_school_sharing r = {(int)num(&q, 0, 0),   or_query_text(&q, 1), or_query_text(&q, 2),
                               num(&q, 3, 0),        or_query_text(&q, 4), or_query_text(&q, 5),
                               or_query_text(&q, 6), or_query_text(&q, 7)};
        if ((rc = cb(ctx, &r, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_exclusions_received_since(or_store *s, const char *since, or_received_cb cb, void *ctx,
                                     or_error *err)
{
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT id, upn, event_id, type, urn, start_date, sessions, kind, "
                      "recorded FROM (SELECT e.id, e.upn, e.event_id, e.type, e.urn, "
                      "e.start_date, e.sessions, e.src_id, so.kind, CASE WHEN so.kind = 'demo' "
                      "THEN CAST(e.start_date AS TEXT) || 'T12:00:00Z' ELSE so.received_at END "
                      "AS recorded FROM events e JOIN sources so ON so.id = e.src_id WHERE "
                      "e.type IN ('suspension', 'lunchtime', 'permanent')) AS arrived WHERE "
                      "recorded > ? ORDER BY recorded DESC, src_id DESC, id DESC",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, since ? since : "");
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_received_event e = {num(&q, 0, 0),        or_query_text(&q, 1), or_query_text(&q, 2),
                               or_query_text(&q, 3), (int)num(&q, 4, 0),   date(&q, 5),
                               (int)num(&q, 6, -1),  or_query_text(&q, 7), or_query_text(&q, 8)};
        if ((rc = cb(ctx, &e, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_event_sources(or_store *s, const char *upn, or_event_source_cb cb, void *ctx,
                         or_error *err)
{
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT e.id, so.kind, so.name, so.received_at, so.user_name, e.src_line "
                      "FROM events e JOIN sources so ON so.id = e.src_id WHERE e.upn = ? "
                      "ORDER BY e.id",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn ? upn : "");
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_event_source e = {num(&q, 0, 0),        or_query_text(&q, 1), or_query_text(&q, 2),
                             or_query_text(&q, 3), or_query_text(&q, 4), num(&q, 5, 0)};
        if ((rc = cb(ctx, &e, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_store_fingerprint(or_store *s, char out[OR_FINGERPRINT_LEN], or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT (SELECT MAX(id) FROM sources), (SELECT COUNT(*) FROM sources)", err);
    if (rc)
        return rc;
    bool row = false;
    long long max_id = 0, count = 0;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        max_id = (long long)num(&q, 0, 0);
        count = (long long)num(&q, 1, 0);
    }
    or_query_done(&q);
    if (rc)
        return rc;
    /* the configuration is a few dozen rows: its content, hashed (FNV-1a), not its times */
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT key, value FROM config ORDER BY key%s", q.d->collate_bytes);
    if ((rc = or_query_prep(s, &q, sql, err)))
        return rc;
    uint64_t h = 1469598103934665603ull;
    for (;;) {
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        for (int c = 0; c < 2; c++) {
            for (const unsigned char *p = (const unsigned char *)or_query_text(&q, c); *p; p++)
                h = (h ^ *p) * 1099511628211ull;
            h = (h ^ 0xff) * 1099511628211ull; /* a separator no text contains */
        }
    }
    or_query_done(&q);
    if (!rc)
        snprintf(out, OR_FINGERPRINT_LEN, "src %lld/%lld cfg %016llx", max_id, count,
                 (unsigned long long)h);
    return rc;
}
