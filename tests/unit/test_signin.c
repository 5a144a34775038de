/* test_signin.c - signing in, below the web: the back-off (src/store/signin.c) with fixed
 * times, its one-statement claim under 20 threads at once, throttled attempts gathered for the
 * audit log, the second factor's codes against RFC 6238's test vectors (src/core/totp.c) and
 * their single use, and libpwquality's password check (src/core/password.c). On a real SQLite
 * database in a temporary file, or the empty database ONROLL_TEST_DB names (PostgreSQL). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/totp.h"
#include "onroll/store_audit.h"
#include "onroll/store_signin.h"
#include "onroll/store_users.h"

static char path[256];
static or_store *store;

static int setup(void **state)
{
    (void)state;
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_signin.%d.db", (int)getpid());
    if (!url || !*url)
        unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    if (!getenv("ONROLL_TEST_DB") || !*getenv("ONROLL_TEST_DB"))
        unlink(path);
    return 0;
}

/* One claim at t: whether it was allowed, and the wait it reports. */
static bool claim(const char *subject, const or_backoff *b, int64_t t, int64_t *wait)
{
    bool allowed = false;
    or_error err = {0};
    if (or_login_claim(store, subject, b, t, &allowed, wait, &err))
        fail_msg("claim: %s", err.msg);
    return allowed;
}

static void test_backoff(void **state)
{
    (void)state;
    const or_backoff b = {5, 1, 8, 900}; /* 5 free, then 1, 2, 4, 8, 8... seconds */
    const int64_t t0 = 1765000000;
    int64_t w = 0;
    for (int i = 0; i < 4; i++) {
        assert_true(claim("account:a@x.uk", &b, t0, &w));
        assert_int_equal(w, 0);
    }
    assert_true(claim("account:a@x.uk", &b, t0, &w)); /* the 5th: the next waits 1 s */
    assert_int_equal(w, 1);
    assert_false(claim("account:a@x.uk", &b, t0, &w)); /* too early: 1 s left, nothing counted */
    assert_int_equal(w, 1);
    assert_true(claim("account:a@x.uk", &b, t0 + 1, &w));
    assert_int_equal(w, 2);
    assert_false(claim("account:a@x.uk", &b, t0 + 2, &w));
    assert_int_equal(w, 1);
    assert_true(claim("account:a@x.uk", &b, t0 + 3, &w));
    assert_int_equal(w, 4);
    assert_true(claim("account:a@x.uk", &b, t0 + 7, &w));
    assert_int_equal(w, 8);
    assert_false(claim("account:a@x.uk", &b, t0 + 14, &w));
    assert_int_equal(w, 1);
    assert_true(claim("account:a@x.uk", &b, t0 + 15, &w));
    assert_int_equal(w, 8); /* the cap */
    /* another subject is not touched */
    assert_true(claim("account:b@x.uk", &b, t0 + 15, &w));
    assert_int_equal(w, 0);
    /* forgotten 900 s after the last attempt: free again */
    assert_false(claim("account:a@x.uk", &b, t0 + 22, &w));
    assert_true(claim("account:a@x.uk", &b, t0 + 15 + 900, &w));
    assert_int_equal(w, 0);
    /* counted whatever the wait: an address trying too early waits longer, from now */
    or_error err = {0};
    const or_backoff addr = {2, 1, 60, 900};
    assert_true(claim("address:10.0.0.1", &addr, t0, &w));
    assert_true(claim("address:10.0.0.1", &addr, t0, &w));
    assert_int_equal(w, 1);
    assert_false(claim("address:10.0.0.1", &addr, t0, &w));
    assert_int_equal(or_login_count(store, "address:10.0.0.1", &addr, t0, &err), OR_OK);
    assert_int_equal(or_login_count(store, "address:10.0.0.1", &addr, t0 + 3, &err), OR_OK);
    assert_false(claim("address:10.0.0.1", &addr, t0 + 6, &w)); /* 4 s from t0 + 3 */
    assert_int_equal(w, 1);
    assert_true(claim("address:10.0.0.1", &addr, t0 + 7, &w));
    assert_int_equal(w, 8);
    /* a claim given back (it succeeded): the wait halves, down to none under `free` */
    assert_int_equal(or_login_release(store, "address:10.0.0.1", &addr, &err), OR_OK);
    assert_false(claim("address:10.0.0.1", &addr, t0 + 10, &w));
    assert_int_equal(w, 1); /* 4 s from t0 + 7 */
    /* cleared: free at once */
    assert_int_equal(or_login_clear(store, "account:a@x.uk", &err), OR_OK);
    assert_true(claim("account:a@x.uk", &b, t0 + 16, &w));
    assert_int_equal(w, 0);
    /* housekeeping forgets the old */
    assert_int_equal(or_login_purge(store, t0 + 100, t0, &err), OR_OK);
    assert_true(claim("address:10.0.0.1", &addr, t0 + 11, &w));
    assert_int_equal(w, 0);
}

/* 12 threads, each on its own connection, claim the same subject at the same moment (12: the
 * test cluster of PostgreSQL takes 20 connections in all). */
enum { RACERS = 12 };

typedef struct {
    int allowed, errors;
    pthread_mutex_t lock;
    pthread_barrier_t start;
} race;

static race r;

static void *racer(void *arg)
{
    (void)arg;
    or_store *s = NULL;
    or_error err = {0};
    bool allowed = false;
    int64_t wait = 0;
    const or_backoff b = {5, 30, 300, 900};
    bool ok =
        or_store_open(path, &s, &err) == OR_OK &&
        or_login_claim(s, "account:race@x.uk", &b, 1765000000, &allowed, &wait, &err) == OR_OK;
    pthread_mutex_lock(&r.lock);
    if (!ok) {
        r.errors++;
        fprintf(stderr, "racer: %s\n", err.msg);
    } else if (allowed) {
        r.allowed++;
    }
    pthread_mutex_unlock(&r.lock);
    if (s)
        or_store_close(s);
    return NULL;
}

static void test_claim_race(void **state)
{
    (void)state;
    pthread_t t[RACERS];
    pthread_mutex_init(&r.lock, NULL);
    pthread_barrier_init(&r.start, NULL, RACERS);
    for (int i = 0; i < RACERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, racer, NULL), 0);
    for (int i = 0; i < RACERS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&r.start);
    pthread_mutex_destroy(&r.lock);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.allowed, 5); /* never more than the free attempts */
}

typedef struct {
    int rows;
    long long counts;
    char details[8][200];
} audit_seen;

static or_code on_row(void *ctx, const or_audit_row *row, or_error *err)
{
    (void)err;
    audit_seen *a = ctx;
    if (a->rows < 8)
        snprintf(a->details[a->rows], sizeof a->details[0], "%s|%s|%s", row->remote, row->actor,
                 row->detail);
    a->rows++;
    a->counts += atoll(row->detail);
    return OR_OK;
}

static void test_refused_gathered(void **state)
{
    (void)state;
    or_error err = {0};
    const int64_t t0 = 1764999980; /* 20 s into a minute */
    for (int i = 0; i < 150; i++)  /* 150 in this minute, 90 in the next, from one address */
        assert_int_equal(or_login_refused_add(store, "10.9.9.9", "a@x.uk", t0 + i % 40, 60, &err),
                         OR_OK);
    for (int i = 0; i < 90; i++)
        or_login_refused_add(store, "10.9.9.9", "b@x.uk", t0 + 40 + i % 20, 60, &err);
    or_login_refused_add(store, "10.8.8.8", "c@x.uk", t0, 60, &err);
    int64_t n = -1;
    assert_int_equal(or_login_refused_flush(store, t0 + 39, &n, &err), OR_OK);
    assert_int_equal(n, 0); /* nothing is over yet */
    assert_int_equal(or_login_refused_flush(store, t0 + 40, &n, &err), OR_OK);
    assert_int_equal(n, 2); /* the first minute, of both addresses */
    assert_int_equal(or_login_refused_flush(store, t0 + 200, &n, &err), OR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(or_login_refused_flush(store, t0 + 300, &n, &err), OR_OK);
    assert_int_equal(n, 0); /* written once */
    audit_seen a = {0};
    or_audit_query q = {.action = "sign_in.throttled", .from = OR_DATE_NONE, .to = OR_DATE_NONE};
    assert_int_equal(or_audit_search(store, &q, on_row, &a, &err), OR_OK);
    assert_int_equal(a.rows, 3);
    assert_int_equal(a.counts, 241);
    /* newest first: the second minute of 10.9.9.9, named by the last account tried */
    assert_string_equal(a.details[0], "10.9.9.9|b@x.uk|90 attempts refused: too soon after "
                                      "failed sign-ins (from 2025-12-06T05:47:00Z to "
                                      "2025-12-06T05:48:00Z)");
    /* the first minute's two rows, in either order */
    bool one = false, many = false;
    for (int i = 1; i < 3; i++) {
        one |= strstr(a.details[i], "10.8.8.8|c@x.uk|1 attempt refused") != NULL;
        many |= strstr(a.details[i], "10.9.9.9|a@x.uk|150 attempts refused") != NULL;
    }
    assert_true(one && many);
}

/* RFC 6238 appendix B, SHA-1 (the secret "12345678901234567890"), the last 6 of each 8 digits. */
static void test_totp_vectors(void **state)
{
    (void)state;
    static const char secret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    static const struct {
        int64_t t;
        const char *code;
    } v[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
             {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int64_t step = 0;
        or_error err = {0};
        if (or_totp_check(secret, v[i].t, v[i].code, &step, &err))
            fail_msg("t=%lld code %s: %s", (long long)v[i].t, v[i].code, err.msg);
        assert_int_equal(step, v[i].t / 30);
    }
    int64_t step = 0;
    /* one step either side */
    assert_int_equal(or_totp_check(secret, 59 + 30, "287082", &step, NULL), OR_OK);
    assert_int_equal(step, 1);
    assert_int_equal(or_totp_check(secret, 59 - 30, "287082", &step, NULL), OR_OK);
    assert_int_equal(or_totp_check(secret, 59 + 60, "287082", &step, NULL), OR_EINPUT);
    assert_int_equal(or_totp_check(secret, 1111111109, "081805", &step, NULL), OR_EINPUT);
    assert_int_equal(or_totp_check(secret, 1111111109, "081 804", &step, NULL), OR_OK);
    assert_int_equal(or_totp_check(secret, 1111111109, "81804", &step, NULL), OR_EINPUT);
    assert_int_equal(or_totp_check(secret, 1111111109, "0818040", &step, NULL), OR_EINPUT);
    assert_int_equal(or_totp_check(secret, 1111111109, "08180a", &step, NULL), OR_EINPUT);
    assert_int_equal(or_totp_check(secret, 1111111109, "", &step, NULL), OR_EINPUT);
    /* a new secret: 20 bytes, 32 base32 characters, never the same twice */
    char a[OR_TOTP_SECRET_MAX + 1], b[OR_TOTP_SECRET_MAX + 1];
    assert_int_equal(or_totp_secret_new(a, NULL), OR_OK);
    assert_int_equal(or_totp_secret_new(b, NULL), OR_OK);
    assert_int_equal(strlen(a), 32);
    assert_string_not_equal(a, b);
    or_sb uri = OR_SB_INIT;
    or_totp_uri("onroll", "jo.bloggs@la.example.gov.uk", "ABC", &uri);
    assert_string_equal(or_sb_str(&uri), "otpauth://totp/onroll:jo.bloggs@la.example.gov.uk?"
                                         "secret=ABC&issuer=onroll&algorithm=SHA1&digits=6&"
                                         "period=30");
    or_sb_release(&uri);
}

static void test_totp_single_use(void **state)
{
    (void)state;
    or_error err = {0};
    or_user u = {.role = OR_ROLE_LA_OFFICER};
    snprintf(u.email, sizeof u.email, "Two@LA.example.gov.uk");
    snprintf(u.name, sizeof u.name, "Two");
    assert_int_equal(or_user_add(store, &u, "heron-valley-73", &err), OR_OK);
    assert_false(u.totp);
    bool fresh = true, found = false;
    assert_int_equal(or_user_totp_use(store, u.id, 100, &fresh, &err), OR_OK);
    assert_false(fresh); /* no second factor: nothing to use */
    assert_int_equal(or_user_totp_set(store, "two@la.example.gov.uk", "GEZDGNBV", &err), OR_OK);
    assert_int_equal(or_user_totp_set(store, "nobody@x.uk", "GEZDGNBV", &err), OR_ENOTFOUND);
    or_user got;
    assert_int_equal(or_user_find(store, "two@la.example.gov.uk", &got, &found, &err), OR_OK);
    assert_true(found && got.totp);
    char secret[OR_TOTP_SECRET_MAX + 1];
    assert_int_equal(or_user_totp_secret(store, u.id, secret, sizeof secret, &err), OR_OK);
    assert_string_equal(secret, "GEZDGNBV");
    assert_int_equal(or_user_totp_use(store, u.id, 100, &fresh, &err), OR_OK);
    assert_true(fresh);
    or_user_totp_use(store, u.id, 100, &fresh, &err);
    assert_false(fresh); /* the same code again */
    or_user_totp_use(store, u.id, 99, &fresh, &err);
    assert_false(fresh); /* an older one */
    or_user_totp_use(store, u.id, 101, &fresh, &err);
    assert_true(fresh);
    /* enrolled again: a new secret, nothing used under it */
    assert_int_equal(or_user_totp_set(store, "two@la.example.gov.uk", "MFRGGZDF", &err), OR_OK);
    or_user_totp_use(store, u.id, 50, &fresh, &err);
    assert_true(fresh);
    /* removed */
    assert_int_equal(or_user_totp_set(store, "two@la.example.gov.uk", NULL, &err), OR_OK);
    or_user_find(store, "two@la.example.gov.uk", &got, &found, &err);
    assert_false(got.totp);
    or_user_totp_secret(store, u.id, secret, sizeof secret, &err);
    assert_string_equal(secret, "");
    /* a sign-in waiting for its code */
    or_user_totp_set(store, "two@la.example.gov.uk", "GEZDGNBV", &err);
    static const char token[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert_int_equal(or_signin_pending_add(store, token, u.id, "10.0.0.1", 1000, &err), OR_OK);
    assert_int_equal(or_signin_pending_get(store, token, 1300, 300, &got, &found, &err), OR_OK);
    assert_true(found);
    assert_string_equal(got.email, "two@la.example.gov.uk");
    int tries = 0;
    assert_int_equal(or_signin_pending_try(store, token, &tries, &err), OR_OK);
    assert_int_equal(tries, 1);
    or_signin_pending_try(store, token, &tries, &err);
    assert_int_equal(tries, 2);
    or_signin_pending_get(store, token, 1301, 300, &got, &found, &err);
    assert_false(found); /* too old: and gone */
    or_signin_pending_get(store, token, 1000, 300, &got, &found, &err);
    assert_false(found);
}

static void expect_refused(const char *password, const char *email, const char *reason)
{
    or_error err = {0};
    if (or_password_check(password, email, &err) != OR_EINPUT)
        fail_msg("'%s' was accepted", password);
    if (!strstr(err.msg, reason))
        fail_msg("'%s': '%s' does not say '%s'", password, err.msg, reason);
}

static void test_passwords(void **state)
{
    (void)state;
    expect_refused("aaaaaaaaaa", NULL, "The password is shorter than 12 characters");
    expect_refused("short", NULL, "shorter than 12");
    expect_refused("aaaaaaaaaaaa", NULL, "palindrome");
    expect_refused("aaaaaaaaaaab", NULL, "it does not contain enough DIFFERENT characters");
    expect_refused("password1234", NULL, "The password contains forbidden words in some form");
    expect_refused("Passw0rd-2026", NULL, "forbidden words");
    expect_refused("administrator1", NULL,
                   "The password fails the dictionary check - it is based on a dictionary word");
    expect_refused("abcdefghijkl", NULL, "too simplistic/systematic");
    expect_refused("jo.bloggs-2026", "Jo.Bloggs@la.example.gov.uk",
                   "The password contains the user name in some form");
    char longer[OR_PASSWORD_MAX + 2];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    expect_refused(longer, NULL, "at most");
    assert_int_equal(or_password_check("kestrel-river-41", "jo.bloggs@la.example.gov.uk", NULL),
                     OR_OK);
    assert_int_equal(or_password_check("correct horse battery", NULL, NULL), OR_OK);
    /* accounts and resets go through it */
    or_error err = {0};
    or_user u = {.role = OR_ROLE_ANALYST};
    snprintf(u.email, sizeof u.email, "weak@la.example.gov.uk");
    snprintf(u.name, sizeof u.name, "Weak");
    assert_int_equal(or_user_add(store, &u, "aaaaaaaaaa", &err), OR_EINPUT);
    assert_int_equal(or_user_add(store, &u, "otter-bridge-58", &err), OR_OK);
    assert_int_equal(or_user_set_password(store, u.email, "password1234", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "forbidden words"));
    /* generated passwords always pass */
    for (int i = 0; i < 50; i++) {
        char pw[32];
        or_password_generate(pw);
        assert_int_equal(or_password_check(pw, NULL, NULL), OR_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff),          cmocka_unit_test(test_claim_race),
        cmocka_unit_test(test_refused_gathered), cmocka_unit_test(test_totp_vectors),
        cmocka_unit_test(test_totp_single_use),  cmocka_unit_test(test_passwords),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
