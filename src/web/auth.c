/* auth.c - signing in and out, and the token comparisons CSRF protection rests on.
 *
 * Signing in, by delay and never by lock-out (store_signin.h): every attempt is
 * first claimed against two back-off counters, its address's and its account's, each in one
 * statement. An attempt that comes before its wait is over is refused with "wait N seconds"
 * before the password is even checked, so guessing cannot go on; it is counted against its
 * address only, never against the account: whoever keeps trying from one address keeps only
 * that address waiting, and the account's own wait runs out for its real user, who signs in
 * from elsewhere. Refused attempts go to the audit log as one row per address and period, with
 * their count. Then the password is checked (argon2id, as long for an unknown email as for a
 * wrong one); right, the account's counter is forgotten and the address's attempt given back.
 *
 * An account with a second factor then gives a code from its authenticator app (TOTP): the
 * sign-in waits under a new sign-in form token (the double-submit cookie, so the code form is
 * CSRF-protected as the first), at most five minutes and five wrong codes, each counted against
 * the account as a wrong password is; a code is good once.
 * With require_totp, an LA-wide account (LA administrator, LA officer, analyst) without one is
 * refused after its password. Then a new session (a fresh random token: nothing from before
 * signing in is reused, so a session cannot be fixed by an attacker). Every outcome is written
 * to the audit log. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "onroll/store_signin.h"
#include "onroll/totp.h"
#include "web/web.h"
bool web_token_equal(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t n = strlen(a);
    if (n == 0 || n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}

void web_random_token(char out[OR_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    if (sodium_init() < 0)
        abort();
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, OR_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* An audit entry for a sign-in attempt: the account is named by the email typed. */
static or_code audit_attempt(const web_request *req, const char *action, const char *email,
                             const or_user *u, const char *detail)
{
    or_audit_entry e = {email,       u ? u->id : 0, u ? or_role_name(u->role) : NULL,
                        action,      req->path,     NULL,
                        req->remote, detail};
    or_error err = {0};
    return or_audit_add(req->store, &e, &err);
}

enum {
    CODE_MAX_AGE = 300, /* seconds a sign-in waits for its code */
    CODE_MAX_TRIES = 5, /* wrong codes before it has to start again */
};

static or_backoff backoff(const web_config *cfg, bool account)
{
    or_backoff b = {account ? cfg->login_max_email : cfg->login_max_remote, cfg->login_wait_first,
                    cfg->login_wait_max, cfg->login_window};
    return b;
}

static void subjects(const web_request *req, const char *key, char account[OR_EMAIL_MAX + 16],
                     char address[80])
{
    snprintf(account, OR_EMAIL_MAX + 16, "account:%s", key);
    snprintf(address, 80, "address:%s", req->remote ? req->remote : "unknown");
}

/* Housekeeping, at most once a second across the server's threads: throttled attempts of the
 * periods that are over go to the audit log; once a minute old counters are forgotten. */
static void housekeeping(const web_request *req)
{
    static int64_t last_flush, last_purge;
    int64_t now = req->now, seen = __atomic_load_n(&last_flush, __ATOMIC_RELAXED);
    or_error err = {0};
    if (seen != now && __atomic_compare_exchange_n(&last_flush, &seen, now, false, __ATOMIC_RELAXED,
                                                   __ATOMIC_RELAXED))
        or_login_refused_flush(req->store, now, NULL, &err);
    seen = __atomic_load_n(&last_purge, __ATOMIC_RELAXED);
    if (now - seen >= 60 && __atomic_compare_exchange_n(&last_purge, &seen, now, false,
                                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        or_login_purge(req->store, now - req->cfg->login_window - req->cfg->login_wait_max,
                       now - CODE_MAX_AGE, &err);
}

/* The signed-in end: a new session, the counters told, the sign-in form's cookie cleared. */
static or_code start_session(const web_request *req, web_response *res, const or_user *u,
                             const char *account, const char *address, const char *detail,
                             or_error *err)
{
    char token[OR_TOKEN_LEN + 1], csrf[OR_TOKEN_LEN + 1];
    or_backoff by_address = backoff(req->cfg, false);
    if (req->session_token) /* signing in again: the old session ends */
        or_session_delete(req->store, req->session_token, NULL);
    or_code rc;
    if ((rc = or_session_create(req->store, u->id, req->remote, req->now, token, csrf, err)) ||
        (rc = or_login_clear(req->store, account, err)) ||
        (rc = or_login_release(req->store, address, &by_address, err)))
        return rc;
    web_set_cookie(req, res, WEB_SESSION_COOKIE, or_arena_strdup(req->arena, token), -1);
    web_set_cookie(req, res, WEB_PRESIGN_COOKIE, "", 0);
    sodium_memzero(token, sizeof token);
    return audit_attempt(req, "sign_in", u->email, u, detail);
}

static bool la_wide(or_role r)
{
    return r == OR_ROLE_LA_ADMIN || r == OR_ROLE_LA_OFFICER || r == OR_ROLE_ANALYST;
}

or_code web_sign_in(const web_request *req, web_response *res, const char *email,
                    const char *password, web_signin *out, or_error *err)
{
    const web_config *cfg = req->cfg;
    char key[OR_EMAIL_MAX + 1], account[OR_EMAIL_MAX + 16], address[80];
    memset(out, 0, sizeof *out);
    out->result = WEB_SIGNIN_BAD;
    housekeeping(req);
    bool well_formed = or_user_email(email, key, NULL) == OR_OK;
    if (!well_formed) /* recorded as typed (cut to length): the audit page shows it escaped */
        snprintf(key, sizeof key, "%s", email);
    subjects(req, key, account, address);

    /* the back-off: the address's wait, then the account's */
    or_backoff by_address = backoff(cfg, false), by_account = backoff(cfg, true);
    bool allowed = false;
    int64_t wait = 0;
    or_code rc = or_login_claim(req->store, address, &by_address, req->now, &allowed, &wait, err);
    if (!rc && !allowed) /* too early from this address: it waits longer */
        rc = or_login_count(req->store, address, &by_address, req->now, err);
    else if (!rc)
        rc = or_login_claim(req->store, account, &by_account, req->now, &allowed, &wait, err);
    if (rc)
        return rc;
    if (!allowed) {
        out->result = WEB_SIGNIN_THROTTLED;
        out->wait = wait;
        return or_login_refused_add(req->store, req->remote, key, req->now, cfg->login_audit_period,
                                    err);
    }

    or_user u;
    bool ok = false;
    if (well_formed && (rc = or_user_verify(req->store, key, password, &u, &ok, err)))
        return rc;
    if (!ok) { /* the claims stand: they were failures */
        out->result = well_formed ? WEB_SIGNIN_BAD : WEB_SIGNIN_MALFORMED;
        return audit_attempt(req, "sign_in.failed", key, NULL,
                             well_formed ? "wrong email or password" : "not an email address");
    }
    if (u.totp) { /* the code next, under a new sign-in form token */
        web_random_token(out->csrf);
        if ((rc = or_signin_pending_add(req->store, out->csrf, u.id, req->remote, req->now, err)))
            return rc;
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, or_arena_strdup(req->arena, out->csrf), -1);
        out->result = WEB_SIGNIN_CODE;
        return audit_attempt(req, "sign_in.password", u.email, &u,
                             "password right: the second factor's code asked");
    }
    if (cfg->require_totp && la_wide(u.role)) {
        out->result = WEB_SIGNIN_NO_TOTP;
        if ((rc = or_login_clear(req->store, account, err)) ||
            (rc = or_login_release(req->store, address, &by_address, err)))
            return rc;
        return audit_attempt(req, "sign_in.refused", u.email, &u,
                             "the role needs a second factor and the account has none");
    }
    if ((rc = start_session(req, res, &u, account, address, NULL, err)))
        return rc;
    out->result = WEB_SIGNIN_OK;
    return OR_OK;
}

bool web_sign_in_waiting(const web_request *req)
{
    or_user u;
    bool found = false;
    or_error err = {0};
    return !req->user && req->csrf &&
           !or_signin_pending_get(req->store, req->csrf, req->now, CODE_MAX_AGE, &u, &found,
                                  &err) &&
           found;
}

or_code web_sign_in_code(const web_request *req, web_response *res, const char *code,
                         web_signin *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    out->result = WEB_SIGNIN_EXPIRED;
    or_user u;
    bool found = false;
    or_code rc =
        or_signin_pending_get(req->store, req->csrf, req->now, CODE_MAX_AGE, &u, &found, err);
    if (rc || !found)
        return rc;
    char secret[OR_TOTP_SECRET_MAX + 1], account[OR_EMAIL_MAX + 16], address[80];
    if ((rc = or_user_totp_secret(req->store, u.id, secret, sizeof secret, err)))
        return rc;
    int64_t step = 0;
    bool fresh = false;
    or_error why = {0};
    if (secret[0] && or_totp_check(secret, req->now, code, &step, &why) == OR_OK) {
        if ((rc = or_user_totp_use(req->store, u.id, step, &fresh, err)))
            return rc;
        if (fresh) {
            subjects(req, u.email, account, address);
            if ((rc = or_signin_pending_delete(req->store, req->csrf, err)) ||
                (rc = start_session(req, res, &u, account, address, "with the second factor", err)))
                return rc;
            out->result = WEB_SIGNIN_OK;
            sodium_memzero(secret, sizeof secret);
            return OR_OK;
        }
    }
    sodium_memzero(secret, sizeof secret);
    /* a wrong code counts against the account too: whoever knows the password cannot go on
     * guessing codes faster than the back-off allows passwords */
    int tries = 0;
    or_backoff by_account = backoff(req->cfg, true);
    subjects(req, u.email, account, address);
    if ((rc = or_signin_pending_try(req->store, req->csrf, &tries, err)) ||
        (rc = or_login_count(req->store, account, &by_account, req->now, err)))
        return rc;
    char detail[96];
    snprintf(detail, sizeof detail, "%s (wrong code %d of %d)",
             step && !fresh ? "a code used already" : "a wrong code", tries, CODE_MAX_TRIES);
    if ((rc = audit_attempt(req, "sign_in.code_failed", u.email, &u, detail)))
        return rc;
    if (tries >= CODE_MAX_TRIES || tries == 0) {
        out->result = WEB_SIGNIN_EXPIRED;
        return or_signin_pending_delete(req->store, req->csrf, err);
    }
    out->result = step && !fresh ? WEB_SIGNIN_CODE_USED : WEB_SIGNIN_CODE_BAD;
    return OR_OK;
}

void web_sign_out(const web_request *req, web_response *res)
{
    or_error err = {0};
    if (req->session)
        web_audit(req, "sign_out", NULL, NULL);
    if (req->session_token)
        or_session_delete(req->store, req->session_token, &err);
    web_set_cookie(req, res, WEB_SESSION_COOKIE, "", 0);
}
