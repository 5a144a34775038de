/* claims.c - claims and the roll look-ups in the store (store_claims.h). Portable SQL,
 * parameters only. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/store_claims.h"
#include "store/access.h"

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static or_code exists(or_query *q, bool *yes, or_error *err)
{
    bool row = false;
    or_code rc = q->d->step(q->st, &row, err);
    *yes = !rc && row;
    or_query_done(q);
    return rc;
}

or_code or_roll_on(or_store *s, const char *upn, int urn, or_date on, bool *yes, or_error *err)
{
    char day[11];
    or_date_format(on, day);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT 1 FROM enrolments WHERE upn = ? AND urn = ? AND "
                               "start_date <= ? AND (end_date IS NULL OR end_date >= ?) LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, day);
    q.d->bind_text(q.st, 4, day);
    return exists(&q, yes, err);
}

or_code or_roll_elsewhere(or_store *s, const char *upn, int urn, or_date since, bool *any,
                          bool *open, or_error *err)
{
    char day[11];
    or_date_format(since, day);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT end_date IS NULL FROM enrolments WHERE upn = ? AND urn <> ? "
                               "AND (end_date IS NULL OR end_date >= ?)",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, day);
    *any = *open = false;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        *any = true;
        if (q.d->col_int(q.st, 0))
            *open = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_roll_has(or_store *s, const char *upn, int urn, or_date start, const char *type,
                    bool *yes, or_error *err)
{
    char day[11];
    or_date_format(start, day);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT 1 FROM enrolments WHERE upn = ? AND urn = ? AND "
                               "start_date = ? AND reg_type = ? LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, day);
    q.d->bind_text(q.st, 4, type);
    return exists(&q, yes, err);
}

or_code or_roll_moved_to(or_store *s, const char *upn, int urn, or_date since, bool *yes,
                         or_error *err)
{
    char day[11];
    or_date_format(since, day);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT 1 FROM events WHERE upn = ? AND to_urn = ? AND urn <> ? "
                               "AND type IN ('in_year_transfer', 'managed_move') AND "
                               "start_date >= ? LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_int(q.st, 3, urn);
    q.d->bind_text(q.st, 4, day);
    return exists(&q, yes, err);
}

/* ---- claims ---- */

#define CLAIM_COLUMNS                                                                              \
    "id, la_code, upn, urn, start_date, reg_type, status, was_open, claimed_by, claimed_at, "      \
    "decided_by, decided_at, decision, note"

/* The current row (CLAIM_COLUMNS) as a claim; strings valid until the next step. */
static void read_claim(or_query *q, or_claim *c)
{
    memset(c, 0, sizeof *c);
    c->id = q->d->col_int(q->st, 0);
    c->la_code = (int)q->d->col_int(q->st, 1);
    c->upn = or_query_text(q, 2);
    c->urn = (int)q->d->col_int(q->st, 3);
    c->start = OR_DATE_NONE;
    or_date_parse(or_query_text(q, 4), &c->start);
    c->reg_type = or_query_text(q, 5);
    c->status = or_query_text(q, 6);
    c->was_open = q->d->col_int(q->st, 7) != 0;
    c->claimed_by = or_query_text(q, 8);
    c->claimed_at = or_query_text(q, 9);
    c->decided_by = or_query_text(q, 10);
    c->decided_at = or_query_text(q, 11);
    c->decision = or_query_text(q, 12);
    c->note = or_query_text(q, 13);
}

or_code or_claim_put(or_store *s, const or_claim *c, int64_t src_id, int64_t *id, bool *created,
                     char status[16], or_error *err)
{
    char day[11], now[32];
    or_date_format(c->start, day);
    now_iso(now);
    *created = false;
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id, status FROM claims WHERE upn = ? AND urn = ? AND "
                               "start_date = ? AND reg_type = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, c->upn);
    q.d->bind_int(q.st, 2, c->urn);
    q.d->bind_text(q.st, 3, day);
    q.d->bind_text(q.st, 4, c->reg_type);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        *id = q.d->col_int(q.st, 0);
        snprintf(status, 16, "%s", or_query_text(&q, 1));
    }
    or_query_done(&q);
    if (rc || row)
        return rc;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO claims (la_code, upn, urn, start_date, reg_type, status, "
                            "was_open, claimed_by, claimed_at, src_id) VALUES (?, ?, ?, ?, ?, "
                            "'pending', ?, ?, ?, ?) RETURNING id",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, c->la_code);
    q.d->bind_text(q.st, 2, c->upn);
    q.d->bind_int(q.st, 3, c->urn);
    q.d->bind_text(q.st, 4, day);
    q.d->bind_text(q.st, 5, c->reg_type);
    q.d->bind_int(q.st, 6, c->was_open ? 1 : 0);
    q.d->bind_text(q.st, 7, c->claimed_by ? c->claimed_by : "");
    q.d->bind_text(q.st, 8, now);
    q.d->bind_int(q.st, 9, src_id);
    row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        *id = q.d->col_int(q.st, 0);
        *created = true;
        snprintf(status, 16, "pending");
    }
    or_query_done(&q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "claims: the claim of school %d for pupil %s got no id",
                     c->urn, c->upn);
    return rc;
}

or_code or_claim_row_put(or_store *s, int64_t claim_id, const char *kind, const char *cells,
                         int64_t src_id, int64_t line, bool *created, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT 1 FROM claim_rows WHERE claim_id = ? AND kind = ? AND cells = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, claim_id);
    q.d->bind_text(q.st, 2, kind);
    q.d->bind_text(q.st, 3, cells);
    bool held = false;
    if ((rc = exists(&q, &held, err)) || held) {
        *created = false;
        return rc;
    }
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO claim_rows (claim_id, kind, cells, src_id, src_line) "
                            "VALUES (?, ?, ?, ?, ?)",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, claim_id);
    q.d->bind_text(q.st, 2, kind);
    q.d->bind_text(q.st, 3, cells);
    q.d->bind_int(q.st, 4, src_id);
    q.d->bind_int(q.st, 5, line);
    rc = or_query_run(&q, err);
    *created = !rc;
    return rc;
}

or_code or_claim_pending(or_store *s, const char *upn, int urn, int64_t *id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id FROM claims WHERE upn = ? AND urn = ? AND status = "
                               "'pending' ORDER BY id LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    bool row = false;
    *id = 0;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_claims_list(or_store *s, const char *status, int urn, or_claim_cb cb, void *ctx,
                       or_error *err)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT " CLAIM_COLUMNS " FROM claims WHERE %s AND %s ORDER BY id DESC",
             status ? "status = ?" : "? IS NULL", urn ? "urn = ?" : "? = 0");
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    if (status)
        q.d->bind_text(q.st, 1, status);
    else
        q.d->bind_null(q.st, 1);
    q.d->bind_int(q.st, 2, urn);
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_claim c;
        read_claim(&q, &c);
        if ((rc = cb(ctx, &c, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

static const char *keep(or_arena *a, const char *s)
{
    return or_arena_strdup(a, s ? s : "");
}

or_code or_claim_get(or_store *s, int64_t id, or_arena *a, or_claim *out, bool *found,
                     or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " CLAIM_COLUMNS " FROM claims WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    *found = false;
    if (!(rc = q.d->step(q.st, found, err)) && *found) {
        read_claim(&q, out);
        out->upn = keep(a, out->upn);
        out->reg_type = keep(a, out->reg_type);
        out->status = keep(a, out->status);
        out->claimed_by = keep(a, out->claimed_by);
        out->claimed_at = keep(a, out->claimed_at);
        out->decided_by = keep(a, out->decided_by);
        out->decided_at = keep(a, out->decided_at);
        out->decision = keep(a, out->decision);
        out->note = keep(a, out->note);
    }
    or_query_done(&q);
    return rc;
}

or_code or_claim_rows(or_store *s, int64_t id, or_claim_row_cb cb, void *ctx, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT kind, cells, src_line FROM claim_rows WHERE claim_id = ? ORDER BY id", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), or_query_text(&q, 1), q.d->col_int(q.st, 2), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_claim_decide(or_store *s, int64_t id, const char *status, const char *by,
                        const char *decision, const char *note, bool *done, or_error *err)
{
    char now[32];
    now_iso(now);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE claims SET status = ?, decided_by = ?, decided_at = ?, "
                               "decision = ?, note = ? WHERE id = ? AND status = 'pending' "
                               "RETURNING id",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, status);
    q.d->bind_text(q.st, 2, by ? by : "");
    q.d->bind_text(q.st, 3, now);
    q.d->bind_text(q.st, 4, decision);
    if (note && *note)
        q.d->bind_text(q.st, 5, note);
    else
        q.d->bind_null(q.st, 5);
    q.d->bind_int(q.st, 6, id);
    return exists(&q, done, err);
}
