/* outbox.c - partner notifications in the database (store_outbox.h): the partner services'
 * addresses, the outbox (add once, claim under a lease, mark sent or failed, retry), the
 * one-click tokens and acknowledgements, and the searches the pages need. Portable SQL
 * (SQLite and PostgreSQL), parameters only; times are ISO 8601 UTC text in both engines, so
 * they compare as text.
 *
 * Claiming is one UPDATE of the oldest due row whose WHERE is checked again on the row it
 * updates: two senders racing for one row cannot both get it (the loser updates nothing and
 * looks again), on either engine. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "onroll/sb.h"
#include "store/access.h"

static int64_t num(or_query *q, int i, int64_t null_value)
{
    return q->d->col_null(q->st, i) ? null_value : q->d->col_int(q->st, i);
}

static void iso(int64_t t, char buf[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- recipients ---- */

static or_code check_recipient(const char *service, const char *email, char out[OR_EMAIL_MAX + 1],
                               or_error *err)
{
    if (or_service_parse(service) < 0)
        return or_fail(err, OR_EINPUT, "service: '%s' is not a partner service (one of: %s)",
                       service ? service : "", or_service_ids());
    or_error e = {0};
    if (or_user_email(email, out, &e))
        return or_fail(err, OR_EINPUT, "email: '%s': %s", email ? email : "", e.msg);
    return OR_OK;
}

or_code or_recipient_add(or_store *s, const char *service, const char *email, const char *by,
                         int64_t now, bool *added, or_error *err)
{
    char addr[OR_EMAIL_MAX + 1], ts[32];
    or_code rc = check_recipient(service, email, addr, err);
    if (rc)
        return rc;
    iso(now, ts);
    or_query q;
    if ((rc = or_query_prep(
             s, &q,
             "INSERT INTO partner_recipients (service, email, added_by, added_at) VALUES "
             "(?, ?, ?, ?) ON CONFLICT (service, email) DO NOTHING",
             err)))
        return rc;
    q.d->bind_text(q.st, 1, service);
    q.d->bind_text(q.st, 2, addr);
    if (by && *by)
        q.d->bind_text(q.st, 3, by);
    else
        q.d->bind_null(q.st, 3);
    q.d->bind_text(q.st, 4, ts);
    bool row;
    rc = q.d->step(q.st, &row, err);
    if (!rc && added)
        *added = q.d->changes(q.st) > 0;
    or_query_done(&q);
    return rc;
}

or_code or_recipient_remove(or_store *s, const char *service, const char *email, int64_t *cancelled,
                            or_error *err)
{
    char addr[OR_EMAIL_MAX + 1];
    or_code rc = check_recipient(service, email, addr, err);
    if (rc)
        return rc;
    if (cancelled)
        *cancelled = 0;
    if ((rc = or_store_begin(s, err)))
        return rc;
    or_query q;
    if (!(rc = or_query_prep(
              s, &q, "DELETE FROM partner_recipients WHERE service = ? AND email = ?", err))) {
        q.d->bind_text(q.st, 1, service);
        q.d->bind_text(q.st, 2, addr);
        bool row;
        rc = q.d->step(q.st, &row, err);
        if (!rc && q.d->changes(q.st) == 0)
            rc = or_fail(err, OR_ENOTFOUND, "%s is not an address of %s", addr, service);
        or_query_done(&q);
    }
    if (!rc &&
        !(rc = or_query_prep(s, &q,
                             "UPDATE outbox SET status = 'cancelled', lease_until = NULL WHERE "
                             "recipient = ? AND status IN ('pending', 'failed') AND NOT EXISTS "
                             "(SELECT 1 FROM partner_recipients WHERE email = ?)",
                             err))) {
        q.d->bind_text(q.st, 1, addr);
        q.d->bind_text(q.st, 2, addr);
        bool row;
        rc = q.d->step(q.st, &row, err);
        if (!rc && cancelled)
            *cancelled = q.d->changes(q.st);
        or_query_done(&q);
    }
    if (rc) {
        or_store_rollback(s);
        return rc;
    }
    return or_store_commit(s, err);
}

or_code or_recipients_each(or_store *s, or_recipient_cb cb, void *ctx, or_error *err)
{
    or_query q;
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT id, service, email, added_by, added_at FROM partner_recipients ORDER BY "
             "service%s, email%s",
             d->collate_bytes, d->collate_bytes);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_recipient r = {num(&q, 0, 0), or_query_text(&q, 1), or_query_text(&q, 2),
                          or_query_text(&q, 3), or_query_text(&q, 4)};
        if ((rc = cb(ctx, &r, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

/* ---- candidates ---- */

or_code or_notify_candidates(or_store *s, or_date from, or_date to, or_upn_cb cb, void *ctx,
                             or_error *err)
{
    or_query q;
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT upn FROM events WHERE type IN ('suspension', 'lunchtime', 'permanent') AND "
             "COALESCE(decided, start_date) >= ? AND COALESCE(decided, start_date) <= ? GROUP "
             "BY upn ORDER BY upn%s",
             d->collate_bytes);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    char f[11], t[11];
    or_date_format(from, f);
    or_date_format(to, t);
    q.d->bind_text(q.st, 1, f);
    q.d->bind_text(q.st, 2, t);
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_notify_attend_candidates(or_store *s, int ay_from, int ay_to, or_upn_cb cb, void *ctx,
                                    or_error *err)
{
    or_query q;
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT upn FROM attendance WHERE academic_year >= ? AND academic_year <= ? AND "
             "(upn IN (SELECT upn FROM pupil_snapshots WHERE cla = 1 OR cin = 1 OR cp = 1 OR "
             "social_worker_since IS NOT NULL) OR upn IN (SELECT upn FROM caseload WHERE role = "
             "'social_worker')) GROUP BY upn ORDER BY upn%s",
             d->collate_bytes);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, ay_from);
    q.d->bind_int(q.st, 2, ay_to);
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

/* ---- the outbox ---- */

or_code or_outbox_add(or_store *s, const or_outbox_new *m, int64_t now, int64_t *id, or_error *err)
{
    *id = 0;
    char ts[32];
    iso(now, ts);
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    or_query q;
    if (!(rc = or_query_prep(
              s, &q,
              "INSERT INTO outbox (created_at, rule, urn, event_id, recipient, subject, "
              "body, status, attempts, service) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, "
              "?) ON CONFLICT (rule, urn, event_id, recipient) DO NOTHING RETURNING id",
              err))) {
        q.d->bind_text(q.st, 1, ts);
        q.d->bind_text(q.st, 2, m->rule);
        q.d->bind_int(q.st, 3, m->urn);
        q.d->bind_text(q.st, 4, m->event_id);
        q.d->bind_text(q.st, 5, m->recipient);
        q.d->bind_text(q.st, 6, m->subject);
        q.d->bind_text(q.st, 7, m->body);
        q.d->bind_text(q.st, 8, m->services);
        bool row = false;
        rc = q.d->step(q.st, &row, err);
        if (!rc && row)
            *id = q.d->col_int(q.st, 0);
        if (!rc && row) /* finish the statement (PostgreSQL streams its rows) */
            rc = q.d->step(q.st, &row, err);
        or_query_done(&q);
    }
    if (!rc && *id) {
        unsigned char raw[8];
        char hex[17], mid[400];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        snprintf(mid, sizeof mid, "<onroll.%lld.%s@%s>", (long long)*id, hex,
                 m->msgid_domain && *m->msgid_domain ? m->msgid_domain : "onroll.invalid");
        if (!(rc = or_query_prep(s, &q, "UPDATE outbox SET message_id = ? WHERE id = ?", err))) {
            q.d->bind_text(q.st, 1, mid);
            q.d->bind_int(q.st, 2, *id);
            rc = or_query_run(&q, err);
        }
    }
    if (rc) {
        or_store_rollback(s);
        *id = 0;
        return rc;
    }
    return or_store_commit(s, err);
}

/* The columns of a row, joined with its exclusion and school (see read_row). */
#define ROW_COLS                                                                                   \
    "o.id, o.created_at, o.rule, o.urn, o.event_id, o.service, o.recipient, o.subject, o.body, "   \
    "o.status, o.attempts, o.next_attempt_at, o.sent_at, o.acknowledged_at, o.message_id, "        \
    "o.lease_until, o.last_attempt_at, o.last_error, e.upn, e.type, e.start_date, e.sessions, "    \
    "sc.name"
#define ROW_FROM                                                                                   \
    " FROM outbox o LEFT JOIN events e ON e.urn = o.urn AND e.event_id = o.event_id LEFT JOIN "    \
    "schools sc ON sc.urn = o.urn"

/* Read a row of ROW_COLS; strings copied into a when a is not NULL, else borrowed. */
static void read_row(or_query *q, or_arena *a, or_outbox_row *r)
{
    const char *t[23];
    for (int i = 0; i < 23; i++)
        t[i] = or_query_text(q, i);
    if (a)
        for (int i = 0; i < 23; i++)
            t[i] = or_arena_strdup(a, t[i]);
    r->id = num(q, 0, 0);
    r->created_at = t[1];
    r->rule = t[2];
    r->urn = (int)num(q, 3, 0);
    r->event_id = t[4];
    r->services = t[5];
    r->recipient = t[6];
    r->subject = t[7];
    r->body = t[8];
    r->status = t[9];
    r->attempts = (int)num(q, 10, 0);
    r->next_attempt_at = t[11];
    r->sent_at = t[12];
    r->acknowledged_at = t[13];
    r->message_id = t[14];
    r->lease_until = t[15];
    r->last_attempt_at = t[16];
    r->last_error = t[17];
    r->upn = t[18];
    r->event_type = t[19];
    r->event_start = OR_DATE_NONE;
    if (*t[20] && !or_date_parse(t[20], &r->event_start))
        r->event_start = OR_DATE_NONE;
    r->sessions = (int)num(q, 21, -1);
    r->school = t[22];
}

/* One row by id into *out (strings in a). */
static or_code row_by_id(or_store *s, int64_t id, or_arena *a, or_outbox_row *out, bool *found,
                         or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " ROW_COLS ROW_FROM " WHERE o.id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    rc = q.d->step(q.st, &row, err);
    *found = !rc && row;
    if (*found)
        read_row(&q, a, out);
    or_query_done(&q);
    return rc;
}

or_code or_outbox_claim(or_store *s, int64_t now, int lease, const char *token, or_arena *a,
                        or_outbox_row *out, bool *found, or_error *err)
{
    *found = false;
    char ts[32], until[32], hash[65];
    iso(now, ts);
    iso(now + (lease > 0 ? lease : 300), until);
    or_store_token_hash(token, hash);
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    int64_t id = 0;
    or_query q;
#define DUE                                                                                        \
    "acknowledged_at IS NULL AND ((status = 'pending' AND (next_attempt_at IS NULL OR "            \
    "next_attempt_at <= ?)) OR (status = 'sending' AND lease_until <= ?))"
    if (!(rc = or_query_prep(
              s, &q,
              "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = "
              "?, last_attempt_at = ? WHERE id = (SELECT id FROM outbox WHERE " DUE
              " ORDER BY id LIMIT 1) AND " DUE " RETURNING id",
              err))) {
        q.d->bind_text(q.st, 1, until);
        q.d->bind_text(q.st, 2, ts);
        for (int i = 3; i <= 6; i++)
            q.d->bind_text(q.st, i, ts);
        bool row = false;
        rc = q.d->step(q.st, &row, err);
        if (!rc && row) {
            id = q.d->col_int(q.st, 0);
            rc = q.d->step(q.st, &row, err);
        }
        or_query_done(&q);
    }
#undef DUE
    if (!rc && id &&
        !(rc = or_query_prep(s, &q,
                             "INSERT INTO outbox_tokens (token_hash, outbox_id, created_at) "
                             "VALUES (?, ?, ?)",
                             err))) {
        q.d->bind_text(q.st, 1, hash);
        q.d->bind_int(q.st, 2, id);
        q.d->bind_text(q.st, 3, ts);
        rc = or_query_run(&q, err);
    }
    if (!rc && id)
        rc = row_by_id(s, id, a, out, found, err);
    if (rc) {
        or_store_rollback(s);
        *found = false;
        return rc;
    }
    return or_store_commit(s, err);
}

static or_code update_one(or_store *s, const char *sql, const char *const *texts, int ntexts,
                          int64_t id, int64_t *changed, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    for (int i = 0; i < ntexts; i++)
        if (texts[i])
            q.d->bind_text(q.st, i + 1, texts[i]);
        else
            q.d->bind_null(q.st, i + 1);
    q.d->bind_int(q.st, ntexts + 1, id);
    bool row;
    rc = q.d->step(q.st, &row, err);
    if (!rc && changed)
        *changed = q.d->changes(q.st);
    or_query_done(&q);
    return rc;
}

or_code or_outbox_mark_sent(or_store *s, int64_t id, int64_t now, or_error *err)
{
    char ts[32];
    iso(now, ts);
    const char *t[] = {ts};
    return update_one(s,
                      "UPDATE outbox SET status = 'sent', sent_at = COALESCE(sent_at, ?), "
                      "lease_until = NULL, next_attempt_at = NULL, last_error = NULL WHERE id = ? "
                      "AND status IN ('pending', 'sending', 'failed')",
                      t, 1, id, NULL, err);
}

or_code or_outbox_mark_failed(or_store *s, int64_t id, int64_t now, int64_t retry_at, bool give_up,
                              const char *error, or_error *err)
{
    char next[32], msg[512];
    (void)now;
    iso(retry_at, next);
    snprintf(msg, sizeof msg, "%s", error && *error ? error : "unknown error");
    const char *t[] = {give_up ? "failed" : "pending", give_up ? NULL : next, msg};
    return update_one(s,
                      "UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, "
                      "lease_until = NULL WHERE id = ? AND status = 'sending'",
                      t, 3, id, NULL, err);
}

or_code or_outbox_retry(or_store *s, int64_t id, int64_t now, bool *found, or_error *err)
{
    char ts[32];
    iso(now, ts);
    const char *t[] = {ts};
    int64_t n = 0;
    or_code rc = update_one(s,
                            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at "
                            "= ?, lease_until = NULL WHERE id = ? AND status = 'failed'",
                            t, 1, id, &n, err);
    *found = !rc && n > 0;
    return rc;
}

or_code or_outbox_by_token(or_store *s, const char *token, or_arena *a, or_outbox_row *out,
                           bool *found, or_error *err)
{
    *found = false;
    if (!token || strlen(token) != OR_TOKEN_LEN)
        return OR_OK; /* not one of ours: no look-up */
    char hash[65];
    or_store_token_hash(token, hash);
    or_query q;
    or_code rc =
        or_query_prep(s, &q, "SELECT outbox_id FROM outbox_tokens WHERE token_hash = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    int64_t id = 0;
    rc = q.d->step(q.st, &row, err);
    if (!rc && row)
        id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (rc || !id)
        return rc;
    return row_by_id(s, id, a, out, found, err);
}

or_code or_outbox_acknowledge(or_store *s, int64_t id, int64_t now, bool *already, or_error *err)
{
    char ts[32];
    iso(now, ts);
    const char *t[] = {ts, ts};
    int64_t n = 0;
    or_code rc = update_one(s,
                            "UPDATE outbox SET acknowledged_at = ?, sent_at = COALESCE(sent_at, "
                            "?), status = CASE WHEN status IN ('pending', 'sending', 'failed') "
                            "THEN 'sent' ELSE status END, lease_until = NULL WHERE id = ? AND "
                            "acknowledged_at IS NULL",
                            t, 2, id, &n, err);
    *already = !rc && n == 0;
    return rc;
}

or_code or_outbox_search(or_store *s, const or_outbox_query *oq, or_outbox_cb cb, void *ctx,
                         or_error *err)
{
    or_sb sql = OR_SB_INIT;
    const char *texts[4];
    int ntexts = 0;
    char svc[40];
    or_sb_adds(&sql, "SELECT " ROW_COLS ROW_FROM " WHERE 1 = 1");
    if (oq->status && *oq->status) {
        or_sb_adds(&sql, " AND o.status = ?");
        texts[ntexts++] = oq->status;
    }
    if (oq->acknowledged == 0)
        or_sb_adds(&sql, " AND o.acknowledged_at IS NULL AND o.status <> 'cancelled'");
    else if (oq->acknowledged > 0)
        or_sb_adds(&sql, " AND o.acknowledged_at IS NOT NULL");
    if (oq->service && *oq->service) {
        /* services are stored as "a,b": match one whole id */
        or_sb_adds(&sql, " AND (',' || o.service || ',') LIKE ?");
        snprintf(svc, sizeof svc, "%%,%.30s,%%", oq->service);
        texts[ntexts++] = svc;
    }
    if (oq->urn > 0)
        or_sb_addf(&sql, " AND o.urn = %d", oq->urn);
    if (oq->before_id > 0)
        or_sb_addf(&sql, " AND o.id < %lld", (long long)oq->before_id);
    or_sb_addf(&sql, " ORDER BY o.id DESC LIMIT %d",
               oq->limit > 0 && oq->limit <= 10000 ? oq->limit : 100);
    or_query q;
    or_code rc = or_query_prep(s, &q, or_sb_str(&sql), err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    for (int i = 0; i < ntexts; i++)
        q.d->bind_text(q.st, i + 1, texts[i]);
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        or_outbox_row r;
        read_row(&q, NULL, &r);
        if ((rc = cb(ctx, &r, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_outbox_unsent(or_store *s, const char *rule, int urn, const char *event_id,
                         int64_t *unsent, or_error *err)
{
    *unsent = 0;
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT COUNT(*) FROM outbox WHERE rule = ? AND urn = ? AND event_id = ? "
                      "AND sent_at IS NULL AND status <> 'cancelled'",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, rule);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, event_id);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        *unsent = num(&q, 0, 0);
    or_query_done(&q);
    return rc;
}

or_code or_outbox_count(or_store *s, or_outbox_counts *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT status, COUNT(*), SUM(CASE WHEN acknowledged_at IS NULL AND status "
                      "<> 'cancelled' THEN 1 ELSE 0 END) FROM outbox GROUP BY status",
                      err);
    if (rc)
        return rc;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        const char *st = or_query_text(&q, 0);
        int64_t n = num(&q, 1, 0);
        out->unacknowledged += num(&q, 2, 0);
        if (!strcmp(st, "pending"))
            out->pending = n;
        else if (!strcmp(st, "sending"))
            out->sending = n;
        else if (!strcmp(st, "sent"))
            out->sent = n;
        else if (!strcmp(st, "failed"))
            out->failed = n;
        else if (!strcmp(st, "cancelled"))
            out->cancelled = n;
    }
    or_query_done(&q);
    return rc;
}
