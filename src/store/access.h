/* access.h - for the files of src/store/ beyond store.c: the driver and connection behind a
 * store (so each group of queries can live in its own file). */
#ifndef ONROLL_STORE_ACCESS_H
#define ONROLL_STORE_ACCESS_H

#include <stdio.h>

#include "onroll/accounts.h"
#include "onroll/store.h"
#include "store/driver.h"

const or_driver *or_store_driver(const or_store *s, or_db **db);
/* Whether a column is stored as text (else an integer; dates are ISO text). */
bool or_store_is_text(const or_column *c);
/* Read result column i of st into v as column c's value (text valid until the next step). */
void or_store_read_value(const or_driver *d, or_stmt *st, int i, const or_column *c, or_value *v);

/* The hex SHA-256 of a random token, as sessions, API tokens and notification links keep
 * them: the token itself is never stored (users.c). */
void or_store_token_hash(const char *token, char out[65]);

/* The helpers the account files share (users.c): the time now as ISO 8601 UTC; libsodium made
 * ready; 32 random bytes as base64url (OR_TOKEN_LEN characters); a token's stored form once
 * libsodium is ready. */
void or_store_now_iso(char buf[32]);
or_code or_store_crypto_ready(or_error *err);
void or_store_random_token(char out[OR_TOKEN_LEN + 1]);
or_code or_store_hash_of(const char *token, char hash[65], or_error *err);

/* The children of a list in the audit log (audit_lists.c): its digest out (32 hex digits and
 * NUL), and its children stored if this list is new. Call inside a transaction. */
or_code or_audit_list_put(or_store *s, const char *const *upns, int n, char digest[33],
                          or_error *err);

/* One prepared statement on the store's connection, as the query files use it. */
typedef struct {
    const or_driver *d;
    or_db *db;
    or_stmt *st;
} or_query;

static inline or_code or_query_prep(or_store *s, or_query *q, const char *sql, or_error *err)
{
    q->d = or_store_driver(s, &q->db);
    q->st = NULL;
    return q->d->prepare(q->db, sql, &q->st, err);
}

/* Run a statement that returns no rows, then finalize it. */
static inline or_code or_query_run(or_query *q, or_error *err)
{
    bool row;
    or_code rc = q->d->step(q->st, &row, err);
    if (q->st)
        q->d->finalize(q->st);
    q->st = NULL;
    return rc;
}

/* Result column i as text, "" when NULL (valid until the next step). */
static inline const char *or_query_text(or_query *q, int i)
{
    return q->d->col_null(q->st, i) ? "" : q->d->col_text(q->st, i);
}

/* Finalize (idempotent). */
static inline void or_query_done(or_query *q)
{
    if (q->st)
        q->d->finalize(q->st);
    q->st = NULL;
}

/* The next row of q: *row false at the end. */
static inline or_code or_query_step(or_query *q, bool *row, or_error *err)
{
    return q->d->step(q->st, row, err);
}

/* Bind text, or NULL when s is NULL or empty. */
static inline void or_query_bind_opt(or_query *q, int i, const char *s)
{
    if (s && *s)
        q->d->bind_text(q->st, i, s);
    else
        q->d->bind_null(q->st, i);
}

/* Copy src ("" when NULL) into dst of size bytes, cut to fit. */
static inline void or_copy_text(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

/* An account from result columns 0-6 of q (id, email, display_name, role, scope, disabled,
 * created_at), as every query of users reads it (users.c). */
void or_store_read_user(or_query *q, or_user *u);

/* When an event was recorded, as ISO 8601 UTC text, in a query over `events` (a correlated
 * look-up of its source): its source's received_at; but a row of the demo generator counts as
 * recorded at noon on the day it happened, as a live system would have had it (the demo loads
 * years of history in one go: its load time would make every old suspension "new" and start
 * every duty counted from the recording again). */
#define OR_SQL_EVENT_RECORDED                                                                      \
    "(SELECT CASE WHEN sources.kind = 'demo' THEN CAST(events.start_date AS TEXT) || "             \
    "'T12:00:00Z' ELSE sources.received_at END FROM sources WHERE sources.id = events.src_id)"

#endif
