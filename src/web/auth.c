/* auth.c - signing in and out, and the token comparisons CSRF protection rests on.
 *
 * Signing in: throttled first (too many recent failures for the account or for the address:
 * refused with 429 before the password is even checked, so guessing cannot go on), then the
 * password checked (argon2id, as long for an unknown email as for a wrong password), then a
 * new session (a fresh random token: nothing from before signing in is reused, so a session
 * cannot be fixed by an attacker). Every outcome is written to the audit log. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

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

or_code web_sign_in(const web_request *req, web_response *res, const char *email,
                    const char *password, web_signin_result *out, or_error *err)
{
    const web_config *cfg = req->cfg;
    char key[OR_EMAIL_MAX + 1];
    *out = WEB_SIGNIN_BAD;
    bool well_formed = or_user_email(email, key, NULL) == OR_OK;
    if (!well_formed) /* recorded as typed (cut to length): the audit page shows it escaped */
        snprintf(key, sizeof key, "%s", email);
    int by_email = 0, by_remote = 0;
    or_code rc = or_login_failures(req->store, key, req->remote, req->now - cfg->login_window,
                                   &by_email, &by_remote, err);
    if (rc)
        return rc;
    if (by_email >= cfg->login_max_email || by_remote >= cfg->login_max_remote) {
        char detail[96];
        snprintf(detail, sizeof detail, "refused: %d failures for the account, %d from the address",
                 by_email, by_remote);
        *out = WEB_SIGNIN_THROTTLED;
        return audit_attempt(req, "sign_in.throttled", key, NULL, detail);
    }
    or_user u;
    bool ok = false;
    if (well_formed && (rc = or_user_verify(req->store, key, password, &u, &ok, err)))
        return rc;
    if (!ok) {
        *out = well_formed ? WEB_SIGNIN_BAD : WEB_SIGNIN_MALFORMED;
        if ((rc = or_login_failure_add(req->store, key, req->remote, req->now, err)))
            return rc;
        return audit_attempt(req, "sign_in.failed", key, NULL,
                             well_formed ? "wrong email or password" : "not an email address");
    }
    char token[OR_TOKEN_LEN + 1], csrf[OR_TOKEN_LEN + 1];
    if (req->session_token) /* signing in again: the old session ends */
        or_session_delete(req->store, req->session_token, NULL);
    if ((rc = or_session_create(req->store, u.id, req->remote, req->now, token, csrf, err)) ||
        (rc = or_login_failures_clear(req->store, key, err)))
        return rc;
    web_set_cookie(req, res, WEB_SESSION_COOKIE, or_arena_strdup(req->arena, token), -1);
    web_set_cookie(req, res, WEB_PRESIGN_COOKIE, "", 0);
    sodium_memzero(token, sizeof token);
    *out = WEB_SIGNIN_OK;
    return audit_attempt(req, "sign_in", u.email, &u, NULL);
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
