/* scope.c - the look-ups that decide whether a pupil is in a user's scope (store_scope.h):
 * on a school's roll, on a worker's caseload, known to the Virtual School, referred to a
 * service; and the pupils a school has duties for. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "onroll/store_scope.h"
#include "store/access.h"

/* ---- scope ---- */

static or_code exists(or_query *q, bool *yes, or_error *err)
{
    bool row = false;
    or_code rc = or_query_step(q, &row, err);
    *yes = !rc && row;
    or_query_done(q);
    return rc;
}

or_code or_scope_at_school(or_store *s, const char *upn, int urn, or_date on, bool *yes,
                           or_error *err)
{
    char today[11], year_ago[11];
    or_date_format(on, today);
    or_date_format(on - 365, year_ago);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT 1 FROM enrolments WHERE upn = ? AND urn = ? AND start_date <= ? "
                      "AND (end_date IS NULL OR end_date >= ?) LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, today);
    q.d->bind_text(q.st, 4, year_ago);
    return exists(&q, yes, err);
}

or_code or_scope_on_caseload(or_store *s, const char *upn, const char *worker, const char *role,
                             or_date on, bool *yes, or_error *err)
{
    char today[11], key[OR_EMAIL_MAX + 1];
    or_date_format(on, today);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      worker ? "SELECT 1 FROM caseload WHERE upn = ? AND role = ? AND start_date "
                               "<= ? AND (end_date IS NULL OR end_date >= ?) AND lower(worker) "
                               "= ? LIMIT 1"
                             : "SELECT 1 FROM caseload WHERE upn = ? AND role = ? AND start_date "
                               "<= ? AND (end_date IS NULL OR end_date >= ?) LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, role);
    q.d->bind_text(q.st, 3, today);
    q.d->bind_text(q.st, 4, today);
    if (worker) {
        or_copy_text(key, sizeof key, worker);
        or_ascii_lower(key);
        q.d->bind_text(q.st, 5, key);
    }
    return exists(&q, yes, err);
}

or_code or_scope_virtual_school(or_store *s, const char *upn, or_date on, bool *yes, or_error *err)
{
    char today[11];
    or_date_format(on, today);
    or_query q;
    /* the snapshot in force: the latest as_of on or before the day, then the latest received */
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT cla, pla, cin, cp, social_worker_since FROM pupil_snapshots WHERE "
                      "upn = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, today);
    bool row = false;
    *yes = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        for (int c = 0; c < 4; c++)
            if (!q.d->col_null(q.st, c) && q.d->col_int(q.st, c) == 1)
                *yes = true;
        if (!q.d->col_null(q.st, 4) && strcmp(q.d->col_text(q.st, 4), today) <= 0)
            *yes = true;
    }
    or_query_done(&q);
    if (rc || *yes)
        return rc;
    if ((rc = or_scope_on_caseload(s, upn, NULL, "social_worker", on, yes, err)) || *yes)
        return rc;
    return or_scope_on_caseload(s, upn, NULL, "vsh", on, yes, err);
}

or_code or_scope_referred(or_store *s, const char *upn, const char *const *services, int n,
                          or_date on, bool *yes, or_error *err)
{
    *yes = false;
    if (n <= 0)
        return OR_OK;
    if (n > 8)
        return or_fail(err, OR_EUSAGE, "or_scope_referred: %d services; at most 8", n);
    char today[11], sql[300];
    or_date_format(on, today);
    int len = snprintf(sql, sizeof sql,
                       "SELECT 1 FROM events WHERE upn = ? AND type = 'referral' AND start_date "
                       "<= ? AND notified_to IN (?");
    for (int i = 1; i < n; i++)
        len += snprintf(sql + len, sizeof sql - (size_t)len, ", ?");
    snprintf(sql + len, sizeof sql - (size_t)len, ") LIMIT 1");
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, today);
    for (int i = 0; i < n; i++)
        q.d->bind_text(q.st, 3 + i, services[i]);
    return exists(&q, yes, err);
}

or_code or_scope_school_pupils(or_store *s, int urn, or_date on, or_upn_cb cb, void *ctx,
                               or_error *err)
{
    char today[11], year_ago[11];
    or_date_format(on, today);
    or_date_format(on - 365, year_ago);
    char sql[400];
    const or_driver *d;
    or_db *db;
    d = or_store_driver(s, &db);
    snprintf(sql, sizeof sql,
             "SELECT upn FROM (SELECT upn FROM enrolments WHERE urn = ? AND start_date <= ? AND "
             "(end_date IS NULL OR end_date >= ?) UNION SELECT upn FROM events WHERE urn = ?) "
             "AS t ORDER BY upn%s",
             d->collate_bytes);
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, urn);
    q.d->bind_text(q.st, 2, today);
    q.d->bind_text(q.st, 3, year_ago);
    q.d->bind_int(q.st, 4, urn);
    for (;;) {
        bool row = false;
        if ((rc = or_query_step(&q, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}
