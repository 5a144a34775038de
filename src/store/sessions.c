/* sessions.c - web sessions in the store (store_users.h): a random token for the cookie and
 * one for CSRF, kept only as hashes; idle and absolute time-outs; housekeeping. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "onroll/store_users.h"
#include "store/access.h"

/* ---- sessions ---- */

or_code or_session_create(or_store *s, int64_t user_id, const char *remote, int64_t now,
                          char token[OR_TOKEN_LEN + 1], char csrf[OR_TOKEN_LEN + 1], or_error *err)
{
    or_code rc = or_store_crypto_ready(err);
    if (rc)
        return rc;
    char hash[65];
    or_store_random_token(token);
    or_store_random_token(csrf);
    or_store_token_hash(token, hash);
    or_query q;
    if ((rc = or_query_prep(
             s, &q,
             "INSERT INTO sessions (token_hash, user_id, csrf, created_at, seen_at, remote) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    q.d->bind_int(q.st, 2, user_id);
    q.d->bind_text(q.st, 3, csrf);
    q.d->bind_int(q.st, 4, now);
    q.d->bind_int(q.st, 5, now);
    or_query_bind_opt(&q, 6, remote);
    return or_query_run(&q, err);
}

static or_code delete_session_hash(or_store *s, const char *hash, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "DELETE FROM sessions WHERE token_hash = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, hash);
    return or_query_run(&q, err);
}

or_code or_session_get(or_store *s, const char *token, int64_t now, int64_t idle, int64_t max,
                       or_session *out, or_session_state *state, or_error *err)
{
    *state = OR_SESSION_NONE;
    if (!token || strlen(token) != OR_TOKEN_LEN)
        return OR_OK;
    char hash[65];
    or_code rc = or_store_hash_of(token, hash, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(
             s, &q,
             "SELECT u.id, u.email, u.display_name, u.role, u.scope, u.disabled, "
             "u.created_at, s.csrf, s.created_at, s.seen_at FROM sessions s JOIN users u "
             "ON u.id = s.user_id WHERE s.token_hash = ?",
             err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        or_store_read_user(&q, &out->user);
        or_copy_text(out->csrf, sizeof out->csrf, or_query_text(&q, 7));
        out->created = q.d->col_int(q.st, 8);
        out->seen = q.d->col_int(q.st, 9);
    }
    or_query_done(&q);
    if (rc || !row)
        return rc;
    if (out->user.disabled)
        return delete_session_hash(s, hash, err);
    if (now - out->created >= max) {
        *state = OR_SESSION_ABS_EXPIRED;
        return delete_session_hash(s, hash, err);
    }
    if (now - out->seen >= idle) {
        *state = OR_SESSION_IDLE_EXPIRED;
        return delete_session_hash(s, hash, err);
    }
    /* "last seen" is written at most every idle/30 s (1 to 60 s): a busy user's pages do
     * not each write it, and the idle time-out is still kept to within a thirtieth */
    int64_t every = idle / 30 < 1 ? 1 : idle / 30 > 60 ? 60 : idle / 30;
    if (now - out->seen >= every) {
        if ((rc =
                 or_query_prep(s, &q, "UPDATE sessions SET seen_at = ? WHERE token_hash = ?", err)))
            return rc;
        q.d->bind_int(q.st, 1, now);
        q.d->bind_text(q.st, 2, hash);
        if ((rc = or_query_run(&q, err)))
            return rc;
        out->seen = now;
    }
    *state = OR_SESSION_VALID;
    return OR_OK;
}

or_code or_session_delete(or_store *s, const char *token, or_error *err)
{
    if (!token || !*token)
        return OR_OK;
    char hash[65];
    or_code rc = or_store_hash_of(token, hash, err);
    if (rc)
        return rc;
    return delete_session_hash(s, hash, err);
}

or_code or_session_purge(or_store *s, int64_t now, int64_t idle, int64_t max, int64_t *n,
                         or_error *err)
{
    or_query q;
    or_code rc =
        or_query_prep(s, &q, "DELETE FROM sessions WHERE seen_at <= ? OR created_at <= ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, now - idle);
    q.d->bind_int(q.st, 2, now - max);
    bool row;
    if (!(rc = or_query_step(&q, &row, err)) && n)
        *n = q.d->changes(q.st);
    or_query_done(&q);
    return rc;
}
