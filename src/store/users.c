/* users.c - the accounts (store_users.h): their SQL, in the store's portable dialect, always
 * with parameters; the demo database's accounts; the MIS API's per-school tokens; and the
 * helpers the other account files share (access.h): tokens made and hashed, the time now.
 * (Sessions: sessions.c; sign-in throttling and the second factor: signin.c; the audit log:
 * audit_log.c; the scope look-ups: scope.c; the account's pure checks: src/core/accounts.c.)
 *
 * Secrets: passwords go through libsodium's crypto_pwhash_str (argon2id, the "interactive"
 * limits: about 64 MiB and a tenth of a second per check, which is what makes a stolen table
 * slow to attack); session and API tokens are 32 bytes of randombytes_buf, given out once as
 * base64url and kept only as the hex SHA-256 (a token has all the entropy a hash needs: no salt,
 * and a look-up by hash stays one index probe). */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "onroll/store_users.h"
#include "store/access.h"

/* ---- small helpers ---- */

void or_store_now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

or_code or_store_crypto_ready(or_error *err)
{
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    return OR_OK;
}

/* 32 random bytes as base64url (OR_TOKEN_LEN characters). */
void or_store_random_token(char out[OR_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, OR_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* The hex SHA-256 of a token, as stored. */
void or_store_token_hash(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The stored form of a token, once libsodium is ready. */
or_code or_store_hash_of(const char *token, char hash[65], or_error *err)
{
    or_code rc = or_store_crypto_ready(err);
    if (!rc)
        or_store_token_hash(token, hash);
    return rc;
}

/* ---- accounts ---- */

static or_code hash_password(const char *password, char out[crypto_pwhash_STRBYTES], or_error *err)
{
    or_code rc = or_store_crypto_ready(err);
    if (rc)
        return rc;
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE))
        return or_fail(err, OR_ENOMEM, "hashing the password ran out of memory");
    return OR_OK;
}

/* the account's columns as read_user reads them, then its password hash (7) and whether it has
 * a second factor (8) */
static const char user_cols[] = "id, email, display_name, role, scope, disabled, created_at, "
                                "password_hash, CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END";

void or_store_read_user(or_query *q, or_user *u)
{
    u->id = q->d->col_int(q->st, 0);
    or_copy_text(u->email, sizeof u->email, or_query_text(q, 1));
    or_copy_text(u->name, sizeof u->name, or_query_text(q, 2));
    int r = or_role_parse(or_query_text(q, 3));
    u->role = r < 0 ? OR_ROLE_ANALYST : (or_role)r; /* an unknown role: the least it can see */
    or_copy_text(u->scope, sizeof u->scope, or_query_text(q, 4));
    u->disabled = q->d->col_int(q->st, 5) != 0 || r < 0;
    or_copy_text(u->created_at, sizeof u->created_at, or_query_text(q, 6));
}

or_code or_user_add(or_store *s, or_user *u, const char *password, or_error *err)
{
    char email[OR_EMAIL_MAX + 1], hash[crypto_pwhash_STRBYTES];
    or_code rc;
    if ((rc = or_user_email(u->email, email, err)) || (rc = or_user_check_name(u->name, err)) ||
        (rc = or_role_check_scope(u->role, u->scope, err)) ||
        (rc = or_password_check(password, email, err)))
        return rc;
    bool found = false;
    or_user old;
    if ((rc = or_user_find(s, email, &old, &found, err)))
        return rc;
    if (found)
        return or_fail(err, OR_ECONFLICT, "there is already an account for %s", email);
    if ((rc = hash_password(password, hash, err)))
        return rc;
    or_copy_text(u->email, sizeof u->email, email);
    or_store_now_iso(u->created_at);
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO users (email, display_name, role, scope, password_hash, "
                            "disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, u->email);
    q.d->bind_text(q.st, 2, u->name);
    q.d->bind_text(q.st, 3, or_role_name(u->role));
    or_query_bind_opt(&q, 4, u->scope);
    q.d->bind_text(q.st, 5, hash);
    q.d->bind_text(q.st, 6, u->created_at);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        u->id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    u->disabled = false;
    u->totp = false;
    sodium_memzero(hash, sizeof hash);
    return rc;
}

or_code or_user_find(or_store *s, const char *email, or_user *out, bool *found, or_error *err)
{
    char key[OR_EMAIL_MAX + 1];
    or_copy_text(key, sizeof key, email);
    or_ascii_lower(key);
    *found = false;
    or_query q;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE email = ?", user_cols);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, key);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        or_store_read_user(&q, out);
        out->totp = q.d->col_int(q.st, 8) != 0;
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

/* End every session of the account with this (lower-cased) email: a new password or a
 * disabled account signs it out everywhere. */
static or_code end_sessions(or_store *s, const char *key, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, key);
    return or_query_run(&q, err);
}

or_code or_user_set_password(or_store *s, const char *email, const char *password, or_error *err)
{
    char key[OR_EMAIL_MAX + 1], hash[crypto_pwhash_STRBYTES];
    or_code rc;
    or_copy_text(key, sizeof key, email);
    or_ascii_lower(key);
    if ((rc = or_password_check(password, key, err)))
        return rc;
    if ((rc = hash_password(password, hash, err)))
        return rc;
    or_query q;
    if ((rc = or_query_prep(s, &q, "UPDATE users SET password_hash = ? WHERE email = ?", err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    q.d->bind_text(q.st, 2, key);
    bool row;
    if (!(rc = or_query_step(&q, &row, err)) && q.d->changes(q.st) == 0)
        rc = or_fail(err, OR_ENOTFOUND, "there is no account for %s", key);
    or_query_done(&q);
    sodium_memzero(hash, sizeof hash);
    if (rc)
        return rc;
    /* a new password ends the sessions signed in with the old one */
    return end_sessions(s, key, err);
}

or_code or_user_set_disabled(or_store *s, const char *email, bool disabled, or_error *err)
{
    char key[OR_EMAIL_MAX + 1];
    or_copy_text(key, sizeof key, email);
    or_ascii_lower(key);
    or_query q;
    or_code rc = or_query_prep(s, &q, "UPDATE users SET disabled = ? WHERE email = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, disabled ? 1 : 0);
    q.d->bind_text(q.st, 2, key);
    bool row;
    if (!(rc = or_query_step(&q, &row, err)) && q.d->changes(q.st) == 0)
        rc = or_fail(err, OR_ENOTFOUND, "there is no account for %s", key);
    or_query_done(&q);
    if (rc || !disabled)
        return rc;
    return end_sessions(s, key, err);
}

or_code or_user_each(or_store *s, or_user_cb cb, void *ctx, or_error *err)
{
    or_query q;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM users ORDER BY email", user_cols);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    for (;;) {
        bool row = false;
        if ((rc = or_query_step(&q, &row, err)) || !row)
            break;
        or_user u;
        or_store_read_user(&q, &u);
        u.totp = q.d->col_int(q.st, 8) != 0;
        if ((rc = cb(ctx, &u, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

/* A hash of a random password nobody knows, checked when the account does not exist, so that
 * the answer takes as long for an unknown email as for a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    char pw[32];
    or_password_generate(pw);
    if (hash_password(pw, dummy_hash, NULL))
        dummy_hash[0] = '\0';
}

or_code or_user_verify(or_store *s, const char *email, const char *password, or_user *out, bool *ok,
                       or_error *err)
{
    char key[OR_EMAIL_MAX + 1], hash[crypto_pwhash_STRBYTES] = "";
    *ok = false;
    or_code rc = or_store_crypto_ready(err);
    if (rc)
        return rc;
    pthread_once(&dummy_once, make_dummy);
    or_copy_text(key, sizeof key, email);
    or_ascii_lower(key);
    or_query q;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE email = ?", user_cols);
    if ((rc = or_query_prep(s, &q, sql, err)))
        return rc;
    q.d->bind_text(q.st, 1, key);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        or_store_read_user(&q, out);
        out->totp = q.d->col_int(q.st, 8) != 0;
        or_copy_text(hash, sizeof hash, or_query_text(&q, 7));
    }
    or_query_done(&q);
    if (rc)
        return rc;
    const char *against = hash[0] ? hash : dummy_hash;
    bool match = against[0] && crypto_pwhash_str_verify(against, password, strlen(password)) == 0;
    *ok = row && hash[0] && match && !out->disabled;
    sodium_memzero(hash, sizeof hash);
    return OR_OK;
}

/* ---- demo accounts ---- */

/* The caseload worker with the most open cases of a role, into out ("" if none). */
static or_code busiest_worker(or_store *s, const char *role, char out[OR_EMAIL_MAX + 1],
                              or_error *err)
{
    or_query q;
    out[0] = '\0';
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT worker, COUNT(*) AS n FROM caseload WHERE role = ? AND end_date "
                      "IS NULL GROUP BY worker ORDER BY n DESC, worker LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, role);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        or_copy_text(out, OR_EMAIL_MAX + 1, or_query_text(&q, 0));
    or_query_done(&q);
    return rc;
}

/* The school with the most events (the liveliest to look at), else the first school. */
static or_code demo_school(or_store *s, char out[OR_SCOPE_MAX + 1], or_error *err)
{
    or_query q;
    out[0] = '\0';
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT urn FROM (SELECT urn, COUNT(*) AS n FROM events GROUP BY urn UNION "
                      "ALL SELECT urn, 0 AS n FROM schools) AS t ORDER BY n DESC, urn LIMIT 1",
                      err);
    if (rc)
        return rc;
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        snprintf(out, OR_SCOPE_MAX + 1, "%lld", (long long)q.d->col_int(q.st, 0));
    or_query_done(&q);
    return rc;
}

/* The demo accounts' passwords: public, and accepted by or_password_check (none holds its
 * account's name, which for most demo accounts is the role's). */
static const char *const demo_passwords[OR_ROLE__COUNT] = {
    [OR_ROLE_LA_ADMIN] = "demo-admin-kestrel",
    [OR_ROLE_LA_OFFICER] = "demo-officer-kestrel",
    [OR_ROLE_VIRTUAL_SCHOOL] = "demo-virtual-kestrel",
    [OR_ROLE_SCHOOL] = "demo-head-kestrel",
    [OR_ROLE_SOCIAL_WORKER] = "demo-social-kestrel",
    [OR_ROLE_YOUTH_JUSTICE] = "demo-youth-kestrel",
    [OR_ROLE_PARTNER] = "demo-reu-kestrel",
    [OR_ROLE_ANALYST] = "demo-figures-kestrel",
};

or_code or_users_create_demo(or_store *s, FILE *print_to, or_error *err)
{
    static const char domain[] = "@demo.onroll.example";
    char school[OR_SCOPE_MAX + 1], sw[OR_EMAIL_MAX + 1], yj[OR_EMAIL_MAX + 1];
    or_code rc;
    if ((rc = demo_school(s, school, err)) || (rc = busiest_worker(s, "social_worker", sw, err)) ||
        (rc = busiest_worker(s, "youth_justice", yj, err)))
        return rc;
    if (print_to)
        fprintf(print_to, "Demo accounts (for trying onroll only; passwords are public):\n");
    for (int r = 0; r < OR_ROLE__COUNT; r++) {
        or_user u = {.role = (or_role)r};
        const char *scope = "";
        if (r == OR_ROLE_SCHOOL) {
            if (!school[0])
                continue; /* no school to scope it to */
            scope = school;
        } else if (r == OR_ROLE_PARTNER) {
            scope = "reu";
        }
        if (r == OR_ROLE_SOCIAL_WORKER && sw[0])
            or_copy_text(u.email, sizeof u.email, sw);
        else if (r == OR_ROLE_YOUTH_JUSTICE && yj[0])
            or_copy_text(u.email, sizeof u.email, yj);
        else
            snprintf(u.email, sizeof u.email, "%s%s", or_role_name(u.role), domain);
        snprintf(u.name, sizeof u.name, "Demo %s", or_role_label(u.role));
        or_copy_text(u.scope, sizeof u.scope, scope);
        const char *password = demo_passwords[r];
        bool found = false;
        or_user old;
        if ((rc = or_user_find(s, u.email, &old, &found, err)))
            return rc;
        if (!found && (rc = or_user_add(s, &u, password, err)))
            return rc;
        if (print_to)
            fprintf(print_to, "  %-15s %-50s %-9s %s%s\n", or_role_name(u.role), u.email,
                    scope[0] ? scope : "-", password, found ? " (existed already)" : "");
    }
    return OR_OK;
}

/* ---- API tokens ---- */

or_code or_api_token_create(or_store *s, int urn, const char *actor, char token[OR_TOKEN_LEN + 5],
                            or_error *err)
{
    int la = 0;
    bool found = false;
    or_code rc = or_store_school_la(s, urn, &la, &found, err);
    if (rc)
        return rc;
    if (!found)
        return or_fail(err, OR_ENOTFOUND, "%d is not a known school: import the schools first",
                       urn);
    if ((rc = or_store_crypto_ready(err)))
        return rc;
    char raw[OR_TOKEN_LEN + 1], hash[65], ts[32];
    or_store_random_token(raw);
    snprintf(token, OR_TOKEN_LEN + 5, "onr_%s", raw);
    or_store_token_hash(token, hash);
    or_store_now_iso(ts);
    or_query q;
    if ((rc = or_query_prep(
             s, &q,
             "INSERT INTO api_tokens (token_hash, urn, created_at, created_by) VALUES (?, ?, "
             "?, ?)",
             err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, ts);
    or_query_bind_opt(&q, 4, actor);
    return or_query_run(&q, err);
}

or_code or_api_token_find(or_store *s, const char *token, int *urn, bool *found, or_error *err)
{
    *found = false;
    if (!token || strlen(token) != OR_TOKEN_LEN + 4 || strncmp(token, "onr_", 4))
        return OR_OK;
    char hash[65];
    or_code rc = or_store_hash_of(token, hash, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(
             s, &q, "SELECT urn FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        *urn = (int)q.d->col_int(q.st, 0);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_api_tokens_revoke(or_store *s, int urn, int64_t *n, or_error *err)
{
    char ts[32];
    or_store_now_iso(ts);
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE api_tokens SET revoked_at = ? WHERE urn = ? AND revoked_at IS NULL", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, ts);
    q.d->bind_int(q.st, 2, urn);
    bool row;
    if (!(rc = or_query_step(&q, &row, err)) && n)
        *n = q.d->changes(q.st);
    or_query_done(&q);
    return rc;
}
