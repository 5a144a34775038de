/* signin.c - the SQL of signing in beyond the account itself (store_signin.h): the back-off
 * counters (login_throttle), the throttled attempts gathered per address and period for the audit
 * log (login_refused), the second factor's secret and last step used (users.totp_*), and the
 * sign-ins waiting for their code (signin_pending). Migration 009_signin.sql has the tables.
 *
 * Each counter changes in one statement, so that concurrent requests (worker threads, or
 * several servers on one PostgreSQL database) cannot slip past a limit between a read and a
 * write: an attempt is claimed by an INSERT ... ON CONFLICT DO UPDATE whose WHERE holds only
 * when the subject's wait is over, and RETURNING says whether it did. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/alloc.h"
#include "onroll/store_audit.h"
#include "onroll/store_signin.h"
#include "onroll/store_users.h"
#include "store/access.h"

/* ---- back-off ---- */

/* The wait after an attempt, from the one before: none before `free` attempts, then `first`,
 * doubling up to `cap`. Written once for both statements that count (the ?s are bound by
 * bind_wait, in order). */
#define NEXT_WAIT                                                                                  \
    "CASE WHEN login_throttle.last_at <= ? THEN ? "                                                \
    "WHEN login_throttle.attempts + 1 < ? THEN 0 "                                                 \
    "WHEN login_throttle.wait_s = 0 THEN ? "                                                       \
    "WHEN login_throttle.wait_s * 2 > ? THEN ? "                                                   \
    "ELSE login_throttle.wait_s * 2 END"
#define NEXT_ATTEMPTS                                                                              \
    "CASE WHEN login_throttle.last_at <= ? THEN 1 ELSE login_throttle.attempts + 1 END"

typedef struct {
    int64_t free, first, cap, forgotten; /* forgotten: last_at at or before it starts again */
} backoff_args;

static backoff_args args_of(const or_backoff *b, int64_t now)
{
    backoff_args a;
    a.free = b->free < 1 ? 1 : b->free;
    a.cap = b->cap < 1 ? 1 : b->cap;
    a.first = b->first < 1 ? 1 : b->first > a.cap ? a.cap : b->first;
    a.forgotten = now - (b->forget > a.cap ? b->forget : 2 * (int64_t)a.cap);
    return a;
}

/* The INSERT's values (subject, 1 attempt, its wait, now), then NEXT_ATTEMPTS, NEXT_WAIT and
 * last_at = now: 11 parameters from p. */
static int bind_count(or_query *q, int p, const char *subject, const backoff_args *a, int64_t now)
{
    q->d->bind_text(q->st, p++, subject);
    q->d->bind_int(q->st, p++, a->free <= 1 ? a->first : 0); /* the wait after a first attempt */
    q->d->bind_int(q->st, p++, now);
    q->d->bind_int(q->st, p++, a->forgotten); /* NEXT_ATTEMPTS */
    q->d->bind_int(q->st, p++, a->forgotten); /* NEXT_WAIT */
    q->d->bind_int(q->st, p++, a->free <= 1 ? a->first : 0);
    q->d->bind_int(q->st, p++, a->free);
    q->d->bind_int(q->st, p++, a->first);
    q->d->bind_int(q->st, p++, a->cap);
    q->d->bind_int(q->st, p++, a->cap);
    q->d->bind_int(q->st, p++, now); /* last_at */
    return p;
}

#define COUNT_SQL                                                                                  \
    "INSERT INTO login_throttle (subject, attempts, wait_s, last_at) VALUES (?, 1, ?, ?) "         \
    "ON CONFLICT (subject) DO UPDATE SET attempts = " NEXT_ATTEMPTS ", wait_s = " NEXT_WAIT        \
    ", last_at = ?"

or_code or_login_claim(or_store *s, const char *subject, const or_backoff *b, int64_t now,
                       bool *allowed, int64_t *wait, or_error *err)
{
    backoff_args a = args_of(b, now);
    *allowed = false;
    *wait = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               COUNT_SQL " WHERE login_throttle.last_at <= ? OR "
                                         "login_throttle.last_at + login_throttle.wait_s <= ? "
                                         "RETURNING attempts, wait_s",
                               err);
    if (rc)
        return rc;
    int p = bind_count(&q, 1, subject, &a, now);
    q.d->bind_int(q.st, p++, a.forgotten);
    q.d->bind_int(q.st, p, now);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        *allowed = true;
        *wait = q.d->col_int(q.st, 1);
    }
    or_query_done(&q);
    if (rc || *allowed)
        return rc;
    /* too early: how long is left */
    if ((rc = or_query_prep(s, &q, "SELECT last_at + wait_s FROM login_throttle WHERE subject = ?",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, subject);
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        *wait = q.d->col_int(q.st, 0) - now;
    or_query_done(&q);
    if (*wait < 1)
        *wait = 1; /* the wait ended between the two statements: try again in a second */
    return rc;
}

or_code or_login_count(or_store *s, const char *subject, const or_backoff *b, int64_t now,
                       or_error *err)
{
    backoff_args a = args_of(b, now);
    or_query q;
    or_code rc = or_query_prep(s, &q, COUNT_SQL, err);
    if (rc)
        return rc;
    bind_count(&q, 1, subject, &a, now);
    return or_query_run(&q, err);
}

or_code or_login_release(or_store *s, const char *subject, const or_backoff *b, or_error *err)
{
    backoff_args a = args_of(b, 0);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE login_throttle SET attempts = attempts - 1, wait_s = CASE "
                               "WHEN attempts - 1 < ? THEN 0 WHEN wait_s >= ? THEN wait_s "
                               "WHEN wait_s / 2 < ? THEN ? ELSE wait_s / 2 END "
                               "WHERE subject = ? AND attempts > 0",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, a.free);
    q.d->bind_int(q.st, 2, a.cap);
    q.d->bind_int(q.st, 3, a.first);
    q.d->bind_int(q.st, 4, a.first);
    q.d->bind_text(q.st, 5, subject);
    return or_query_run(&q, err);
}

or_code or_login_clear(or_store *s, const char *subject, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "DELETE FROM login_throttle WHERE subject = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, subject);
    return or_query_run(&q, err);
}

or_code or_login_purge(or_store *s, int64_t before, int64_t pending_before, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "DELETE FROM login_throttle WHERE last_at < ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, before);
    if ((rc = or_query_run(&q, err)))
        return rc;
    if ((rc = or_query_prep(s, &q, "DELETE FROM signin_pending WHERE created_at < ?", err)))
        return rc;
    q.d->bind_int(q.st, 1, pending_before);
    return or_query_run(&q, err);
}

/* ---- throttled attempts, gathered for the audit log ---- */

or_code or_login_refused_add(or_store *s, const char *remote, const char *email, int64_t now,
                             int period, or_error *err)
{
    if (period < 1)
        period = 60;
    int64_t start = now - now % period;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO login_refused (remote, period_start, period_end, n, email) VALUES (?, ?, ?, "
        "1, ?) ON CONFLICT (remote, period_start) DO UPDATE SET n = login_refused.n + 1, "
        "email = excluded.email",
        err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, remote && *remote ? remote : "unknown");
    q.d->bind_int(q.st, 2, start);
    q.d->bind_int(q.st, 3, start + period);
    q.d->bind_text(q.st, 4, email ? email : "");
    return or_query_run(&q, err);
}

typedef struct {
    char *remote, *email;
    int64_t start, end, n;
} refused_row;

static void utc_time(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void free_rows(refused_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].remote);
        free(rows[i].email);
    }
    free(rows);
}

or_code or_login_refused_flush(or_store *s, int64_t now, int64_t *nrows, or_error *err)
{
    if (nrows)
        *nrows = 0;
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "DELETE FROM login_refused WHERE period_end <= ? RETURNING remote, "
                            "period_start, period_end, n, email",
                            err))) {
        or_store_rollback(s);
        return rc;
    }
    q.d->bind_int(q.st, 1, now);
    refused_row *rows = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        OR_ALLOC_GROW(rows, n + 1, cap);
        refused_row *r = &rows[n++];
        r->remote = or_xstrdup(or_query_text(&q, 0));
        r->start = q.d->col_int(q.st, 1);
        r->end = q.d->col_int(q.st, 2);
        r->n = q.d->col_int(q.st, 3);
        r->email = or_xstrdup(or_query_text(&q, 4));
    }
    or_query_done(&q);
    for (size_t i = 0; !rc && i < n; i++) {
        char from[32], to[32], detail[160];
        utc_time(rows[i].start, from);
        utc_time(rows[i].end, to);
        snprintf(detail, sizeof detail,
                 "%lld attempt%s refused: too soon after failed sign-ins (from %s to %s)",
                 (long long)rows[i].n, rows[i].n == 1 ? "" : "s", from, to);
        or_audit_entry e = {rows[i].email, 0,    NULL,           "sign_in.throttled",
                            "/sign-in",    NULL, rows[i].remote, detail};
        rc = or_audit_add(s, &e, err);
    }
    free_rows(rows, n);
    if (rc) {
        or_store_rollback(s);
        return rc;
    }
    if ((rc = or_store_commit(s, err)))
        return rc;
    if (nrows)
        *nrows = (int64_t)n;
    return OR_OK;
}

/* ---- the second factor ---- */

or_code or_user_totp_set(or_store *s, const char *email, const char *secret, or_error *err)
{
    char key[OR_EMAIL_MAX + 1];
    snprintf(key, sizeof key, "%s", email ? email : "");
    for (char *c = key; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE users SET totp_secret = ?, totp_step = NULL WHERE email = ?", err);
    if (rc)
        return rc;
    if (secret)
        q.d->bind_text(q.st, 1, secret);
    else
        q.d->bind_null(q.st, 1);
    q.d->bind_text(q.st, 2, key);
    bool row;
    if (!(rc = q.d->step(q.st, &row, err)) && q.d->changes(q.st) == 0)
        rc = or_fail(err, OR_ENOTFOUND, "there is no account for %s", key);
    or_query_done(&q);
    return rc;
}

or_code or_user_totp_secret(or_store *s, int64_t user_id, char *out, size_t size, or_error *err)
{
    out[0] = '\0';
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT totp_secret FROM users WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, user_id);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        snprintf(out, size, "%s", or_query_text(&q, 0));
    or_query_done(&q);
    return rc;
}

or_code or_user_totp_use(or_store *s, int64_t user_id, int64_t step, bool *fresh, or_error *err)
{
    *fresh = false;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE users SET totp_step = ? WHERE id = ? AND totp_secret IS "
                               "NOT NULL AND (totp_step IS NULL OR totp_step < ?)",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, step);
    q.d->bind_int(q.st, 2, user_id);
    q.d->bind_int(q.st, 3, step);
    bool row;
    if (!(rc = q.d->step(q.st, &row, err)))
        *fresh = q.d->changes(q.st) == 1;
    or_query_done(&q);
    return rc;
}

/* ---- sign-ins waiting for their code ---- */

or_code or_signin_pending_add(or_store *s, const char *token, int64_t user_id, const char *remote,
                              int64_t now, or_error *err)
{
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    char hash[65];
    or_store_token_hash(token, hash);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO signin_pending (token_hash, user_id, created_at, "
                               "tries, remote) VALUES (?, ?, ?, 0, ?)",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    q.d->bind_int(q.st, 2, user_id);
    q.d->bind_int(q.st, 3, now);
    if (remote)
        q.d->bind_text(q.st, 4, remote);
    else
        q.d->bind_null(q.st, 4);
    return or_query_run(&q, err);
}

or_code or_signin_pending_delete(or_store *s, const char *token, or_error *err)
{
    if (!token || !*token)
        return OR_OK;
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    char hash[65];
    or_store_token_hash(token, hash);
    or_query q;
    or_code rc = or_query_prep(s, &q, "DELETE FROM signin_pending WHERE token_hash = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    return or_query_run(&q, err);
}

or_code or_signin_pending_get(or_store *s, const char *token, int64_t now, int64_t max_age,
                              or_user *out, bool *found, or_error *err)
{
    *found = false;
    if (!token || strlen(token) != OR_TOKEN_LEN)
        return OR_OK;
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    char hash[65], email[OR_EMAIL_MAX + 1] = "";
    or_store_token_hash(token, hash);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT p.created_at, u.email FROM signin_pending p JOIN users u "
                               "ON u.id = p.user_id WHERE p.token_hash = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    int64_t created = 0;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        created = q.d->col_int(q.st, 0);
        snprintf(email, sizeof email, "%s", or_query_text(&q, 1));
    }
    or_query_done(&q);
    if (rc || !row)
        return rc;
    if (now - created > max_age)
        return or_signin_pending_delete(s, token, err);
    if ((rc = or_user_find(s, email, out, found, err)))
        return rc;
    if (*found && out->disabled)
        *found = false;
    return OR_OK;
}

or_code or_signin_pending_try(or_store *s, const char *token, int *tries, or_error *err)
{
    *tries = 0;
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    char hash[65];
    or_store_token_hash(token, hash);
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE signin_pending SET tries = tries + 1 WHERE token_hash = ? RETURNING tries",
        err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        *tries = (int)q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}
