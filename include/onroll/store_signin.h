/* store_signin.h - signing in beyond the account itself, in the store: the back-off counters
 * of sign-in throttling, the throttled attempts gathered for the audit log, the second
 * factor's codes used, and the sign-ins waiting for their code. SQL in src/store/signin.c.
 * Times are seconds since the epoch, passed in by the caller. */
#ifndef ONROLL_STORE_SIGNIN_H
#define ONROLL_STORE_SIGNIN_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/accounts.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* ---- sign-in throttling: by delay, never a lock-out ----
 *
 * A subject ("account:EMAIL", "address:ADDRESS") has a count of attempts and a wait: its first
 * `free` attempts need none; from then on each attempt must come at least `wait` seconds after
 * the one before, the wait starting at `first` and doubling up to `cap`. A subject whose last
 * attempt is `forget` seconds old starts again. An attempt is claimed in one statement (INSERT
 * ... ON CONFLICT DO UPDATE ... WHERE its wait is over ... RETURNING), so that attempts made at
 * the same moment cannot all slip under the limit. */
typedef struct {
    int free;       /* attempts before any wait (at least 1) */
    int first, cap; /* the first and the longest wait, seconds */
    int64_t forget; /* seconds after the last attempt when the count starts again */
} or_backoff;

/* Claim an attempt of subject at now: *allowed when its wait is over (the attempt is counted),
 * else nothing changes and *wait = the seconds still to wait. */
or_code or_login_claim(or_store *s, const char *subject, const or_backoff *b, int64_t now,
                       bool *allowed, int64_t *wait, or_error *err);
/* Count an attempt of subject whether or not its wait is over (an attempt refused for coming
 * too early, counted against its address): the wait doubles and starts again from now. */
or_code or_login_count(or_store *s, const char *subject, const or_backoff *b, int64_t now,
                       or_error *err);
/* Give back a claimed attempt that succeeded: one attempt fewer, the wait halved. */
or_code or_login_release(or_store *s, const char *subject, const or_backoff *b, or_error *err);
/* Forget a subject (an account, once signed in). */
or_code or_login_clear(or_store *s, const char *subject, or_error *err);
/* Housekeeping: forget subjects last tried before `before`, and sign-ins waiting for their code
 * since before `pending_before`. */
or_code or_login_purge(or_store *s, int64_t before, int64_t pending_before, or_error *err);

/* An attempt from remote (naming email) refused for coming too early, counted in the period of
 * `period` seconds that now falls in. */
or_code or_login_refused_add(or_store *s, const char *remote, const char *email, int64_t now,
                             int period, or_error *err);
/* Write the periods over by now to the audit log: one row per address and period
 * (sign_in.throttled, its count in the detail: "N attempts refused ..."), in one transaction;
 * *rows = how many (may be NULL). */
or_code or_login_refused_flush(or_store *s, int64_t now, int64_t *rows, or_error *err);

/* ---- the second factor (TOTP, totp.h) ---- */

/* Enrol an account (secret in base32) or, with secret NULL, remove its second factor;
 * OR_ENOTFOUND if there is no such account. Either way no code used before counts. */
or_code or_user_totp_set(or_store *s, const char *email, const char *secret, or_error *err);
/* The secret of an account's second factor into out ("" when it has none). */
or_code or_user_totp_secret(or_store *s, int64_t user_id, char *out, size_t size, or_error *err);
/* Use up the codes of the account up to time step `step`: *fresh is false (and nothing changes)
 * when a code of that step or a later one was used already. One statement: two requests with
 * the same code cannot both succeed. */
or_code or_user_totp_use(or_store *s, int64_t user_id, int64_t step, bool *fresh, or_error *err);

/* A sign-in whose password was right, waiting for its code: kept under the hash of token (the
 * sign-in form's new token). */
or_code or_signin_pending_add(or_store *s, const char *token, int64_t user_id, const char *remote,
                              int64_t now, or_error *err);
/* The account waiting under token, if it started at most max_age seconds before now (an older
 * one is removed); *found false otherwise, or when the account was disabled meanwhile. */
or_code or_signin_pending_get(or_store *s, const char *token, int64_t now, int64_t max_age,
                              or_user *out, bool *found, or_error *err);
/* One more wrong code for the sign-in under token: *tries = how many so far. */
or_code or_signin_pending_try(or_store *s, const char *token, int *tries, or_error *err);
or_code or_signin_pending_delete(or_store *s, const char *token, or_error *err);

#endif
