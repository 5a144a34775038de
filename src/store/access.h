/* access.h - for the files of src/store/ beyond store.c: the driver and connection behind a
 * store (so each group of queries can live in its own file). */
#ifndef ONROLL_STORE_ACCESS_H
#define ONROLL_STORE_ACCESS_H

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

#endif
