/* users.c - accounts, sessions, API tokens, the audit log and the scope look-ups (see users.h):
 * their SQL, in the store's portable dialect, always with parameters. (Sign-in throttling and
 * the second factor's SQL: signin.c.)
 *
 * Secrets: passwords go through libsodium's crypto_pwhash_str (argon2id, the "interactive"
 * limits: about 64 MiB and a tenth of a second per check, which is what makes a stolen table
 * slow to attack); session and API tokens are 32 bytes of randombytes_buf, given out once as
 * base64url and kept only as the hex SHA-256 (a token has all the entropy a hash needs: no salt,
 * and a look-up by hash stays one index probe). */
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "onroll/users.h"
#include "store/access.h"

/* ---- roles ---- */

static const struct {
    const char *name, *label;
} roles[OR_ROLE__COUNT] = {
    [OR_ROLE_LA_ADMIN] = {"la_admin", "LA administrator"},
    [OR_ROLE_LA_OFFICER] = {"la_officer", "LA inclusion officer"},
    [OR_ROLE_VIRTUAL_SCHOOL] = {"virtual_school", "Virtual School"},
    [OR_ROLE_SCHOOL] = {"school", "School"},
    [OR_ROLE_SOCIAL_WORKER] = {"social_worker", "Social worker"},
    [OR_ROLE_YOUTH_JUSTICE] = {"youth_justice", "Youth justice worker"},
    [OR_ROLE_PARTNER] = {"partner", "Partner service"},
    [OR_ROLE_ANALYST] = {"analyst", "Analyst"},
};

const char *or_role_name(or_role r)
{
    return (unsigned)r < OR_ROLE__COUNT ? roles[r].name : "?";
}

const char *or_role_label(or_role r)
{
    return (unsigned)r < OR_ROLE__COUNT ? roles[r].label : "?";
}

int or_role_parse(const char *name)
{
    for (int r = 0; r < OR_ROLE__COUNT; r++)
        if (name && !strcmp(name, roles[r].name))
            return r;
    return -1;
}

or_code or_role_check_scope(or_role r, const char *scope, or_error *err)
{
    bool has = scope && *scope;
    switch (r) {
    case OR_ROLE_SCHOOL: {
        int urn;
        if (!has || or_urn_validate(scope, &urn, NULL))
            return or_fail(err, OR_EINPUT,
                           "a school account needs --scope URN (the school's 6-digit URN)");
        return OR_OK;
    }
    case OR_ROLE_PARTNER:
        if (!has || (strcmp(scope, "reu") && strcmp(scope, "early_help") && strcmp(scope, "vsh")))
            return or_fail(err, OR_EINPUT,
                           "a partner account needs --scope reu, early_help or vsh (the "
                           "caseload role of the pupils referred to it)");
        return OR_OK;
    default:
        if (has)
            return or_fail(err, OR_EINPUT, "a %s account takes no scope (got '%s')",
                           or_role_name(r), scope);
        return OR_OK;
    }
}

/* ---- small helpers ---- */

static or_code step(or_query *q, bool *row, or_error *err)
{
    return q->d->step(q->st, row, err);
}

static void bind_opt(or_query *q, int i, const char *s)
{
    if (s && *s)
        q->d->bind_text(q->st, i, s);
    else
        q->d->bind_null(q->st, i);
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void lower_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static or_code crypto_ready(or_error *err)
{
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    return OR_OK;
}

/* 32 random bytes as base64url (OR_TOKEN_LEN characters). */
static void random_token(char out[OR_TOKEN_LEN + 1])
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
static or_code hash_of(const char *token, char hash[65], or_error *err)
{
    or_code rc = crypto_ready(err);
    if (!rc)
        or_store_token_hash(token, hash);
    return rc;
}

/* ---- accounts ---- */

or_code or_user_email(const char *in, char out[OR_EMAIL_MAX + 1], or_error *err)
{
    static const or_column email = {"email", "email", OR_V_EMAIL, OR_COL_REQUIRED, NULL, 0, 0, 0};
    or_value v;
    or_error e = {0};
    if (!in || !*in)
        return or_fail(err, OR_EINPUT, "enter an email address");
    if (strlen(in) > OR_EMAIL_MAX)
        return or_fail(err, OR_EINPUT, "an email address has at most %d characters", OR_EMAIL_MAX);
    if (or_value_parse(&email, in, OR_DATE_NONE, &v, &e))
        return or_fail(err, OR_EINPUT, "%s", e.msg);
    copy(out, OR_EMAIL_MAX + 1, in);
    lower_ascii(out);
    return OR_OK;
}

or_code or_user_check_name(const char *name, or_error *err)
{
    if (!name || !*name)
        return or_fail(err, OR_EINPUT, "enter the person's name");
    if (strlen(name) > OR_NAME_MAX)
        return or_fail(err, OR_EINPUT, "a name has at most %d bytes", OR_NAME_MAX);
    if (!or_utf8_valid(name, false))
        return or_fail(err, OR_EINPUT, "the name is not valid UTF-8 text");
    return OR_OK;
}

static or_code hash_password(const char *password, char out[crypto_pwhash_STRBYTES], or_error *err)
{
    or_code rc = crypto_ready(err);
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

static void read_user(or_query *q, or_user *u)
{
    u->id = q->d->col_int(q->st, 0);
    copy(u->email, sizeof u->email, or_query_text(q, 1));
    copy(u->name, sizeof u->name, or_query_text(q, 2));
    int r = or_role_parse(or_query_text(q, 3));
    u->role = r < 0 ? OR_ROLE_ANALYST : (or_role)r; /* an unknown role: the least it can see */
    copy(u->scope, sizeof u->scope, or_query_text(q, 4));
    u->disabled = q->d->col_int(q->st, 5) != 0 || r < 0;
    copy(u->created_at, sizeof u->created_at, or_query_text(q, 6));
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
    copy(u->email, sizeof u->email, email);
    now_iso(u->created_at);
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO users (email, display_name, role, scope, password_hash, "
                            "disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, u->email);
    q.d->bind_text(q.st, 2, u->name);
    q.d->bind_text(q.st, 3, or_role_name(u->role));
    bind_opt(&q, 4, u->scope);
    q.d->bind_text(q.st, 5, hash);
    q.d->bind_text(q.st, 6, u->created_at);
    bool row = false;
    if (!(rc = step(&q, &row, err)) && row)
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
    copy(key, sizeof key, email);
    lower_ascii(key);
    *found = false;
    or_query q;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE email = ?", user_cols);
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, key);
    bool row = false;
    if (!(rc = step(&q, &row, err)) && row) {
        read_user(&q, out);
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
    copy(key, sizeof key, email);
    lower_ascii(key);
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
    if (!(rc = step(&q, &row, err)) && q.d->changes(q.st) == 0)
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
    copy(key, sizeof key, email);
    lower_ascii(key);
    or_query q;
    or_code rc = or_query_prep(s, &q, "UPDATE users SET disabled = ? WHERE email = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, disabled ? 1 : 0);
    q.d->bind_text(q.st, 2, key);
    bool row;
    if (!(rc = step(&q, &row, err)) && q.d->changes(q.st) == 0)
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
        if ((rc = step(&q, &row, err)) || !row)
            break;
        or_user u;
        read_user(&q, &u);
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
    or_code rc = crypto_ready(err);
    if (rc)
        return rc;
    pthread_once(&dummy_once, make_dummy);
    copy(key, sizeof key, email);
    lower_ascii(key);
    or_query q;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE email = ?", user_cols);
    if ((rc = or_query_prep(s, &q, sql, err)))
        return rc;
    q.d->bind_text(q.st, 1, key);
    bool row = false;
    if (!(rc = step(&q, &row, err)) && row) {
        read_user(&q, out);
        out->totp = q.d->col_int(q.st, 8) != 0;
        copy(hash, sizeof hash, or_query_text(&q, 7));
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
    if (!(rc = step(&q, &row, err)) && row)
        copy(out, OR_EMAIL_MAX + 1, or_query_text(&q, 0));
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
    if (!(rc = step(&q, &row, err)) && row)
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
            copy(u.email, sizeof u.email, sw);
        else if (r == OR_ROLE_YOUTH_JUSTICE && yj[0])
            copy(u.email, sizeof u.email, yj);
        else
            snprintf(u.email, sizeof u.email, "%s%s", or_role_name(u.role), domain);
        snprintf(u.name, sizeof u.name, "Demo %s", or_role_label(u.role));
        copy(u.scope, sizeof u.scope, scope);
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

/* ---- sessions ---- */

or_code or_session_create(or_store *s, int64_t user_id, const char *remote, int64_t now,
                          char token[OR_TOKEN_LEN + 1], char csrf[OR_TOKEN_LEN + 1], or_error *err)
{
    or_code rc = crypto_ready(err);
    if (rc)
        return rc;
    char hash[65];
    random_token(token);
    random_token(csrf);
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
    bind_opt(&q, 6, remote);
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
    or_code rc = hash_of(token, hash, err);
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
    if (!(rc = step(&q, &row, err)) && row) {
        read_user(&q, &out->user);
        copy(out->csrf, sizeof out->csrf, or_query_text(&q, 7));
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
    or_code rc = hash_of(token, hash, err);
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
    if (!(rc = step(&q, &row, err)) && n)
        *n = q.d->changes(q.st);
    or_query_done(&q);
    return rc;
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
    if ((rc = crypto_ready(err)))
        return rc;
    char raw[OR_TOKEN_LEN + 1], hash[65], ts[32];
    random_token(raw);
    snprintf(token, OR_TOKEN_LEN + 5, "onr_%s", raw);
    or_store_token_hash(token, hash);
    now_iso(ts);
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
    bind_opt(&q, 4, actor);
    return or_query_run(&q, err);
}

or_code or_api_token_find(or_store *s, const char *token, int *urn, bool *found, or_error *err)
{
    *found = false;
    if (!token || strlen(token) != OR_TOKEN_LEN + 4 || strncmp(token, "onr_", 4))
        return OR_OK;
    char hash[65];
    or_code rc = hash_of(token, hash, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(
             s, &q, "SELECT urn FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = step(&q, &row, err)) && row) {
        *urn = (int)q.d->col_int(q.st, 0);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_api_tokens_revoke(or_store *s, int urn, int64_t *n, or_error *err)
{
    char ts[32];
    now_iso(ts);
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE api_tokens SET revoked_at = ? WHERE urn = ? AND revoked_at IS NULL", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, ts);
    q.d->bind_int(q.st, 2, urn);
    bool row;
    if (!(rc = step(&q, &row, err)) && n)
        *n = q.d->changes(q.st);
    or_query_done(&q);
    return rc;
}

/* ---- audit ---- */

static or_code audit_insert(or_store *s, const or_audit_entry *e, const char *list, or_error *err)
{
    char ts[32];
    now_iso(ts);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "INSERT INTO audit_log (at, user_id, role, action, object, upn, remote, "
                      "detail, actor, list) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, ts);
    if (e->user_id)
        q.d->bind_int(q.st, 2, e->user_id);
    else
        q.d->bind_null(q.st, 2);
    bind_opt(&q, 3, e->role);
    q.d->bind_text(q.st, 4, e->action);
    bind_opt(&q, 5, e->object);
    bind_opt(&q, 6, list ? NULL : e->upn);
    bind_opt(&q, 7, e->remote);
    bind_opt(&q, 8, e->detail);
    bind_opt(&q, 9, e->actor);
    bind_opt(&q, 10, list);
    return or_query_run(&q, err);
}

or_code or_audit_add(or_store *s, const or_audit_entry *e, or_error *err)
{
    return audit_insert(s, e, NULL, err);
}

or_code or_audit_add_list(or_store *s, const or_audit_entry *e, const char *const *upns, int n,
                          or_error *err)
{
    if (n <= 0)
        return audit_insert(s, e, NULL, err);
    char list[33];
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    if ((rc = or_audit_list_put(s, upns, n, list, err)) || (rc = audit_insert(s, e, list, err))) {
        or_store_rollback(s);
        return rc;
    }
    return or_store_commit(s, err);
}

or_code or_audit_search(or_store *s, const or_audit_query *aq, or_audit_cb cb, void *ctx,
                        or_error *err)
{
    or_sb sql = OR_SB_INIT;
    const char *texts[9];
    int ntexts = 0;
    char from[16], to[16];
    or_sb_adds(&sql, "SELECT id, at, actor, role, action, object, upn, remote, detail, list "
                     "FROM audit_log WHERE 1 = 1");
    if (aq->actor && *aq->actor) {
        or_sb_adds(&sql, " AND actor = ?");
        texts[ntexts++] = aq->actor;
    }
    bool by_upn = aq->upn && *aq->upn;
    if (by_upn) { /* the pupil's own rows, and every list that named them */
        or_sb_adds(&sql, " AND (upn = ? OR list IN (SELECT list FROM audit_lists WHERE upn = ?))");
        texts[ntexts++] = aq->upn;
        texts[ntexts++] = aq->upn;
    }
    if (aq->action && *aq->action) {
        or_sb_adds(&sql, " AND action = ?");
        texts[ntexts++] = aq->action;
    }
    if (aq->from != OR_DATE_NONE) { /* at is ISO 8601 text: it sorts as it reads */
        or_date_format(aq->from, from);
        or_sb_adds(&sql, " AND at >= ?");
        texts[ntexts++] = from;
    }
    if (aq->to != OR_DATE_NONE) {
        or_date_format(aq->to + 1, to);
        or_sb_adds(&sql, " AND at < ?");
        texts[ntexts++] = to;
    }
    if (aq->before_id > 0)
        or_sb_adds(&sql, " AND id < ?");
    or_sb_adds(&sql, " ORDER BY id DESC LIMIT ?");
    or_query q;
    or_code rc = or_query_prep(s, &q, or_sb_str(&sql), err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    int p = 1;
    for (int i = 0; i < ntexts; i++)
        q.d->bind_text(q.st, p++, texts[i]);
    if (aq->before_id > 0)
        q.d->bind_int(q.st, p++, aq->before_id);
    q.d->bind_int(q.st, p, aq->limit > 0 ? aq->limit : 100);
    for (;;) {
        bool row = false;
        if ((rc = step(&q, &row, err)) || !row)
            break;
        or_audit_row r = {q.d->col_int(q.st, 0), or_query_text(&q, 1), or_query_text(&q, 2),
                          or_query_text(&q, 3),  or_query_text(&q, 4), or_query_text(&q, 5),
                          or_query_text(&q, 6),  or_query_text(&q, 7), or_query_text(&q, 8)};
        if (by_upn && !*r.upn && !q.d->col_null(q.st, 9))
            r.upn = aq->upn; /* a list that named the pupil */
        if ((rc = cb(ctx, &r, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

/* ---- scope ---- */

static or_code exists(or_query *q, bool *yes, or_error *err)
{
    bool row = false;
    or_code rc = step(q, &row, err);
    *yes = !rc && row;
    or_query_done(q);
    return rc;
}

or_code or_scope_at_school(or_store *s, const char *upn, int urn, or_date on, bool *yes,
                           or_error *err)
{
    char today[11], year_ago[11];
    or_date_format(on, today);
    or_date_format(on - 365, year_ago);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT 1 FROM enrolments WHERE upn = ? AND urn = ? AND start_date <= ? "
                      "AND (end_date IS NULL OR end_date >= ?) LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_int(q.st, 2, urn);
    q.d->bind_text(q.st, 3, today);
    q.d->bind_text(q.st, 4, year_ago);
    return exists(&q, yes, err);
}

or_code or_scope_on_caseload(or_store *s, const char *upn, const char *worker, const char *role,
                             or_date on, bool *yes, or_error *err)
{
    char today[11], key[OR_EMAIL_MAX + 1];
    or_date_format(on, today);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      worker ? "SELECT 1 FROM caseload WHERE upn = ? AND role = ? AND start_date "
                               "<= ? AND (end_date IS NULL OR end_date >= ?) AND lower(worker) "
                               "= ? LIMIT 1"
                             : "SELECT 1 FROM caseload WHERE upn = ? AND role = ? AND start_date "
                               "<= ? AND (end_date IS NULL OR end_date >= ?) LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, role);
    q.d->bind_text(q.st, 3, today);
    q.d->bind_text(q.st, 4, today);
    if (worker) {
        copy(key, sizeof key, worker);
        lower_ascii(key);
        q.d->bind_text(q.st, 5, key);
    }
    return exists(&q, yes, err);
}

or_code or_scope_virtual_school(or_store *s, const char *upn, or_date on, bool *yes, or_error *err)
{
    char today[11];
    or_date_format(on, today);
    or_query q;
    /* the snapshot in force: the latest as_of on or before the day, then the latest received */
    or_code rc =
        or_query_prep(s, &q,
                      "SELECT cla, pla, cin, cp, social_worker_since FROM pupil_snapshots WHERE "
                      "upn = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, today);
    bool row = false;
    *yes = false;
    if (!(rc = step(&q, &row, err)) && row) {
        for (int c = 0; c < 4; c++)
            if (!q.d->col_null(q.st, c) && q.d->col_int(q.st, c) == 1)
                *yes = true;
        if (!q.d->col_null(q.st, 4) && strcmp(q.d->col_text(q.st, 4), today) <= 0)
            *yes = true;
    }
    or_query_done(&q);
    if (rc || *yes)
        return rc;
    if ((rc = or_scope_on_caseload(s, upn, NULL, "social_worker", on, yes, err)) || *yes)
        return rc;
    return or_scope_on_caseload(s, upn, NULL, "vsh", on, yes, err);
}

or_code or_scope_referred(or_store *s, const char *upn, const char *const *services, int n,
                          or_date on, bool *yes, or_error *err)
{
    *yes = false;
    if (n <= 0)
        return OR_OK;
    if (n > 8)
        return or_fail(err, OR_EUSAGE, "or_scope_referred: %d services; at most 8", n);
    char today[11], sql[300];
    or_date_format(on, today);
    int len = snprintf(sql, sizeof sql,
                       "SELECT 1 FROM events WHERE upn = ? AND type = 'referral' AND start_date "
                       "<= ? AND notified_to IN (?");
    for (int i = 1; i < n; i++)
        len += snprintf(sql + len, sizeof sql - (size_t)len, ", ?");
    snprintf(sql + len, sizeof sql - (size_t)len, ") LIMIT 1");
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, upn);
    q.d->bind_text(q.st, 2, today);
    for (int i = 0; i < n; i++)
        q.d->bind_text(q.st, 3 + i, services[i]);
    return exists(&q, yes, err);
}

or_code or_scope_school_pupils(or_store *s, int urn, or_date on, or_upn_cb cb, void *ctx,
                               or_error *err)
{
    char today[11], year_ago[11];
    or_date_format(on, today);
    or_date_format(on - 365, year_ago);
    char sql[400];
    const or_driver *d;
    or_db *db;
    d = or_store_driver(s, &db);
    snprintf(sql, sizeof sql,
             "SELECT upn FROM (SELECT upn FROM enrolments WHERE urn = ? AND start_date <= ? AND "
             "(end_date IS NULL OR end_date >= ?) UNION SELECT upn FROM events WHERE urn = ?) "
             "AS t ORDER BY upn%s",
             d->collate_bytes);
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, urn);
    q.d->bind_text(q.st, 2, today);
    q.d->bind_text(q.st, 3, year_ago);
    q.d->bind_int(q.st, 4, urn);
    for (;;) {
        bool row = false;
        if ((rc = step(&q, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}
