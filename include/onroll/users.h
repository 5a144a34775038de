/* users.h - who may use onroll and what they did: accounts (roles and scopes, argon2id
 * passwords), web sessions (random tokens stored hashed), sign-in throttling, the MIS API's
 * per-school bearer tokens (stored hashed), the append-only audit log, and the look-ups that
 * decide whether a pupil is in a user's scope. All SQL lives in src/store/users.c.
 *
 * Secrets never reach the database in the clear: a password is stored as libsodium's
 * crypto_pwhash_str (argon2id), a session or API token as the SHA-256 of its 32 random bytes.
 * The one exception is the second factor's TOTP secret, which the server must read to compute
 * codes: it is kept as it is (docs/security.md says why it is not encrypted).
 * Times of sessions and throttling are seconds since the epoch, passed in by the caller so that
 * the rules can be tested without waiting. */
#ifndef ONROLL_USERS_H
#define ONROLL_USERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* ---- roles ---- */

/* Who a user is, which decides what they may see (PRODUCT.md "Users"). */
typedef enum {
    OR_ROLE_LA_ADMIN,       /* accounts, audit log, everything an LA officer sees */
    OR_ROLE_LA_OFFICER,     /* the whole LA: every school, every pupil */
    OR_ROLE_VIRTUAL_SCHOOL, /* looked-after, previously looked-after, with a social worker */
    OR_ROLE_SCHOOL,         /* one school's pupils (scope = its URN) */
    OR_ROLE_SOCIAL_WORKER,  /* the pupils on their own caseload */
    OR_ROLE_YOUTH_JUSTICE,  /* the pupils on their own caseload */
    OR_ROLE_PARTNER,        /* a partner service's referrals (scope = caseload role, e.g. reu) */
    OR_ROLE_ANALYST,        /* aggregated, suppressed figures only: no pupil record */
    OR_ROLE__COUNT
} or_role;

const char *or_role_name(or_role r);  /* "la_admin" ... */
const char *or_role_label(or_role r); /* "LA administrator" ... */
int or_role_parse(const char *name);  /* or -1 */
/* Check that scope fits the role: school -> a URN; partner -> a caseload role other than
 * social_worker and youth_justice (reu, early_help, vsh); every other role -> no scope. */
or_code or_role_check_scope(or_role r, const char *scope, or_error *err);

/* ---- accounts ---- */

enum {
    OR_EMAIL_MAX = 254,
    OR_NAME_MAX = 200,
    OR_SCOPE_MAX = 31,
    OR_PASSWORD_MIN = 12,
    OR_PASSWORD_MAX = 1024,
    OR_TOKEN_LEN = 43, /* 32 random bytes, base64url without padding */
};

typedef struct {
    int64_t id;
    char email[OR_EMAIL_MAX + 1]; /* stored in lower case */
    char name[OR_NAME_MAX + 1];
    or_role role;
    char scope[OR_SCOPE_MAX + 1]; /* "" when the role has none */
    bool disabled;
    bool totp; /* enrolled in the second factor (filled by or_user_find, _verify, _each) */
    char created_at[32];
} or_user;

/* Normalise an email address for an account (lower case) into out; OR_EINPUT if it is not one. */
or_code or_user_email(const char *in, char out[OR_EMAIL_MAX + 1], or_error *err);
/* A display name: valid UTF-8 text, 1 to OR_NAME_MAX bytes, no control characters. */
or_code or_user_check_name(const char *name, or_error *err);
/* A password strong enough for the account of email (may be NULL): libpwquality with its
 * dictionary check, at least OR_PASSWORD_MIN characters, not the email's name; OR_EINPUT with
 * libpwquality's reason ("The password is shorter than 12 characters") if not (password.c). */
or_code or_password_check(const char *password, const char *email, or_error *err);
/* A new random password of 20 letters and digits in four groups ("abcd-efgh-..."), one that
 * or_password_check accepts. */
void or_password_generate(char out[32]);

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

/* ---- MIS API tokens ---- */

/* A new bearer token for school urn (OR_ENOTFOUND if no such school); only its hash is kept.
 * The token is "onr_" followed by OR_TOKEN_LEN characters. */
or_code or_api_token_create(or_store *s, int urn, const char *actor, char token[OR_TOKEN_LEN + 5],
                            or_error *err);
/* The school of a token; *found false for an unknown or revoked one. */
or_code or_api_token_find(or_store *s, const char *token, int *urn, bool *found, or_error *err);
/* Revoke every token of school urn; *n = how many. */
or_code or_api_tokens_revoke(or_store *s, int urn, int64_t *n, or_error *err);

/* ---- audit log (append-only) ---- */

typedef struct {
    const char *actor;  /* the account's email, "api:URN", "cli:LOGIN" or "" when unknown */
    int64_t user_id;    /* 0 when none */
    const char *role;   /* role name, "api", "cli", or NULL */
    const char *action; /* "pupil.read", "export", "sign_in", "denied", "user.add"... */
    const char *object; /* what was touched: a path, a URN, an email */
    const char *upn;    /* the pupil concerned, or NULL */
    const char *remote; /* the client's address, or NULL */
    const char *detail; /* free text, or NULL */
} or_audit_entry;

or_code or_audit_add(or_store *s, const or_audit_entry *e, or_error *err);
/* One row for a list that names n children (their UPNs in any order, repeats allowed): the
 * row names the list by a digest of them (its `list`; e->upn is not used) and audit_lists
 * keeps each distinct list's children once, in the same transaction. */
or_code or_audit_add_list(or_store *s, const or_audit_entry *e, const char *const *upns, int n,
                          or_error *err);

typedef struct {
    const char *actor; /* exact, or NULL */
    const char *upn;   /* exact (the pupil's own rows and every list that named them), or NULL */
    const char *action;
    or_date from, to;  /* inclusive days (UTC), OR_DATE_NONE for open */
    int64_t before_id; /* only rows with a smaller id (paging), 0 for none */
    int limit;         /* 0: 100 */
} or_audit_query;

typedef struct {
    int64_t id;
    const char *at, *actor, *role, *action, *object, *upn, *remote, *detail; /* "" when NULL */
} or_audit_row;

typedef or_code (*or_audit_cb)(void *ctx, const or_audit_row *r, or_error *err);
/* Matching rows, newest first. */
or_code or_audit_search(or_store *s, const or_audit_query *q, or_audit_cb cb, void *ctx,
                        or_error *err);

/* ---- scope look-ups (what web_can_see_pupil is made of) ---- */

/* Is the pupil on school urn's roll on `on`, or was in the year before it (a school still has
 * duties for a pupil it excluded)? */
or_code or_scope_at_school(or_store *s, const char *upn, int urn, or_date on, bool *yes,
                           or_error *err);
/* Is the pupil on an open caseload (on `on`) of role `role`, held by worker (email, any case;
 * NULL: any worker)? */
or_code or_scope_on_caseload(or_store *s, const char *upn, const char *worker, const char *role,
                             or_date on, bool *yes, or_error *err);
/* Is the pupil looked after, previously looked after, in need, on a protection plan or with
 * a social worker on `on` (the snapshot in force, or an open social_worker or vsh caseload)? */
or_code or_scope_virtual_school(or_store *s, const char *upn, or_date on, bool *yes, or_error *err);
/* Has the pupil been referred to one of the services (n of them, at most 8: a `referral`
 * event whose `to` is one, dated on or before `on`), whatever became of the referral? */
or_code or_scope_referred(or_store *s, const char *upn, const char *const *services, int n,
                          or_date on, bool *yes, or_error *err);
/* The UPNs a school has duties for: on its roll on `on` or in the year before, or with an event
 * of the school; each once, in order. */
typedef or_code (*or_upn_cb)(void *ctx, const char *upn, or_error *err);
or_code or_scope_school_pupils(or_store *s, int urn, or_date on, or_upn_cb cb, void *ctx,
                               or_error *err);

#endif
