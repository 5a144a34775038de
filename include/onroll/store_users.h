/* store_users.h - the accounts, their web sessions (random tokens stored hashed), their
 * second factor's secret, and the MIS API's per-school bearer tokens (stored hashed), in the
 * store. SQL in src/store/users.c, sessions.c and signin.c; the account's fields and checks
 * are accounts.h.
 *
 * Secrets never reach the database in the clear: a password is stored as libsodium's
 * crypto_pwhash_str (argon2id), a session or API token as the SHA-256 of its 32 random bytes.
 * The one exception is the second factor's TOTP secret, which the server must read to compute
 * codes: it is kept as it is (docs/security.md says why it is not encrypted).
 * Times of sessions are seconds since the epoch, passed in by the caller so that the rules can
 * be tested without waiting. */
#ifndef ONROLL_STORE_USERS_H
#define ONROLL_STORE_USERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "onroll/accounts.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* ---- accounts ---- */

/* Create an account (OR_ECONFLICT if the email is taken). u->id and created_at are set. */
or_code or_user_add(or_store *s, or_user *u, const char *password, or_error *err);
or_code or_user_find(or_store *s, const char *email, or_user *out, bool *found, or_error *err);
or_code or_user_set_password(or_store *s, const char *email, const char *password, or_error *err);
/* Disable (or enable) an account; disabling ends its sessions. OR_ENOTFOUND if no account. */
or_code or_user_set_disabled(or_store *s, const char *email, bool disabled, or_error *err);
typedef or_code (*or_user_cb)(void *ctx, const or_user *u, or_error *err);
or_code or_user_each(or_store *s, or_user_cb cb, void *ctx, or_error *err); /* by email */
/* Check a password. *ok is true only for an enabled account with that password; *out is the
 * account then. An unknown email costs the same time as a wrong password. */
or_code or_user_verify(or_store *s, const char *email, const char *password, or_user *out, bool *ok,
                       or_error *err);

/* One account per role with known passwords, for the demo database; prints each (email,
 * role, scope, password) to print_to when not NULL. The school account's scope is the school
 * with the most events; the social worker's and youth justice worker's emails are workers of the
 * caseload, so that each sees real children. Accounts that exist already are left as they are. */
or_code or_users_create_demo(or_store *s, FILE *print_to, or_error *err);

/* ---- sessions ---- */

typedef struct {
    or_user user;
    char csrf[OR_TOKEN_LEN + 1];
    int64_t created, seen;
} or_session;

typedef enum {
    OR_SESSION_NONE,         /* no such session (or its account is disabled) */
    OR_SESSION_VALID,        /* *out is filled; seen time updated */
    OR_SESSION_IDLE_EXPIRED, /* removed */
    OR_SESSION_ABS_EXPIRED,  /* removed */
} or_session_state;

/* Start a session for user_id: token (for the cookie) and CSRF token out, both random. */
or_code or_session_create(or_store *s, int64_t user_id, const char *remote, int64_t now,
                          char token[OR_TOKEN_LEN + 1], char csrf[OR_TOKEN_LEN + 1], or_error *err);
/* The session of a cookie's token as of now: idle (seconds since last seen) and max (since
 * created) are the time-outs. An expired session is deleted. "Last seen" is written when it
 * is idle/30 seconds old or more (at least 1 s, at most 60 s). */
or_code or_session_get(or_store *s, const char *token, int64_t now, int64_t idle, int64_t max,
                       or_session *out, or_session_state *state, or_error *err);
or_code or_session_delete(or_store *s, const char *token, or_error *err);
/* Delete every session expired as of now (housekeeping); *n = how many (may be NULL). */
or_code or_session_purge(or_store *s, int64_t now, int64_t idle, int64_t max, int64_t *n,
                         or_error *err);

/* ---- MIS API tokens ---- */

/* A new bearer token for school urn (OR_ENOTFOUND if no such school); only its hash is kept.
 * The token is "onr_" followed by OR_TOKEN_LEN characters. */
or_code or_api_token_create(or_store *s, int urn, const char *actor, char token[OR_TOKEN_LEN + 5],
                            or_error *err);
/* The school of a token; *found false for an unknown or revoked one. */
or_code or_api_token_find(or_store *s, const char *token, int *urn, bool *found, or_error *err);
/* Revoke every token of school urn; *n = how many. */
or_code or_api_tokens_revoke(or_store *s, int urn, int64_t *n, or_error *err);

#endif
