/* test_outbox.c - the outbox in the database (store_outbox.h), on a fresh SQLite file (or the empty
 * database of ONROLL_TEST_DB, a postgres:// URL, to check the SQL on PostgreSQL): a message is
 * added once; claimed under a lease (nothing else can claim it until the lease has passed,
 * then it is claimed again: the crash of a sender); a failed attempt waits until its retry
 * time; giving up makes it failed until sent again; marked sent, it is never claimed again;
 * every attempt's token opens it; an acknowledgement counts once and proves delivery; the
 * partner services' addresses are checked, and removing an address's last service cancels what
 * was not yet sent to it. Times are passed in, so nothing waits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "onroll/notify.h"
#include "onroll/store_outbox.h"

static or_store *store;
static char path[512];

static int setup(void **state)
{
    (void)state;
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_outbox.%d.db", (int)getpid());
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
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        return 0;
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

#define OK(call)                                                                                   \
    do {                                                                                           \
        or_error err_ = {0};                                                                       \
        or_code rc_ = (call);                                                                      \
        if (rc_)                                                                                   \
            fail_msg("%s: %s", #call, err_.msg);                                                   \
    } while (0)

/* 2026-11-24T09:00:00Z */
#define T0 ((int64_t)1795510800)

static int64_t add(const char *event_id, const char *to)
{
    or_outbox_new m = {"LOCAL-NOTIFY-PARTNERS",
                       100002,
                       event_id,
                       "mash,safeguarding",
                       to,
                       "onroll: permanent exclusion",
                       "Body.\n" OR_NOTIFY_LINK "\n",
                       "onroll.example.gov.uk"};
    int64_t id = -1;
    or_error err = {0};
    if (or_outbox_add(store, &m, T0, &id, &err))
        fail_msg("or_outbox_add: %s", err.msg);
    return id;
}

static bool claim(int64_t now, const char *token, or_arena *a, or_outbox_row *r)
{
    bool found = false;
    or_error err = {0};
    if (or_outbox_claim(store, now, 300, token, a, r, &found, &err))
        fail_msg("or_outbox_claim: %s", err.msg);
    return found;
}

/* Tokens are 43 characters (OR_TOKEN_LEN), like the sender's. */
#define TOKEN1 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"
#define TOKEN2 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2"
#define TOKEN3 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3"
#define TOKEN4 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4"
#define TOKEN5 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA5"

static void test_life_of_a_message(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_outbox_row r;
    int64_t id = add("EX1", "mash@la.example.gov.uk");
    assert_true(id > 0);
    assert_int_equal(add("EX1", "mash@la.example.gov.uk"), 0); /* once only */

    /* claimed: sending, attempt 1, a Message-ID made from its id */
    assert_true(claim(T0, TOKEN1, &a, &r));
    assert_int_equal(r.id, id);
    assert_string_equal(r.status, "sending");
    assert_int_equal(r.attempts, 1);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "<onroll.%lld.", (long long)id);
    assert_memory_equal(r.message_id, prefix, strlen(prefix));
    assert_non_null(strstr(r.message_id, "@onroll.example.gov.uk>"));
    char *mid = or_arena_strdup(&a, r.message_id);
    assert_string_equal(r.body, "Body.\n" OR_NOTIFY_LINK "\n");

    /* held by its lease: no one else gets it ... */
    assert_false(claim(T0 + 299, TOKEN2, &a, &r));
    /* ... until the lease has passed (its sender died): attempt 2, the same Message-ID */
    assert_true(claim(T0 + 300, TOKEN2, &a, &r));
    assert_int_equal(r.id, id);
    assert_int_equal(r.attempts, 2);
    assert_string_equal(r.message_id, mid);

    /* this attempt fails: pending, not before its retry time */
    OK(or_outbox_mark_failed(store, id, T0 + 310, T0 + 430, false, "connection refused", &err_));
    assert_false(claim(T0 + 429, TOKEN3, &a, &r));
    assert_true(claim(T0 + 430, TOKEN3, &a, &r));
    assert_int_equal(r.attempts, 3);
    assert_string_equal(r.last_error, "connection refused");

    /* every attempt's token opens it; others do not */
    bool found = false;
    const char *tokens[] = {TOKEN1, TOKEN2, TOKEN3};
    for (int i = 0; i < 3; i++) {
        OK(or_outbox_by_token(store, tokens[i], &a, &r, &found, &err_));
        assert_true(found);
        assert_int_equal(r.id, id);
        assert_string_equal(r.event_id, "EX1");
    }
    OK(or_outbox_by_token(store, TOKEN5, &a, &r, &found, &err_));
    assert_false(found);
    OK(or_outbox_by_token(store, "short", &a, &r, &found, &err_));
    assert_false(found);

    /* sent: never claimed again */
    OK(or_outbox_mark_sent(store, id, T0 + 440, &err_));
    assert_false(claim(T0 + 100000, TOKEN4, &a, &r));
    /* a late failure report of an earlier attempt does not undo it */
    OK(or_outbox_mark_failed(store, id, T0 + 450, T0 + 500, true, "late", &err_));
    OK(or_outbox_by_token(store, TOKEN1, &a, &r, &found, &err_));
    assert_string_equal(r.status, "sent");
    assert_string_equal(r.sent_at, "2026-11-24T09:07:20Z");

    /* acknowledged once */
    bool already = true;
    OK(or_outbox_acknowledge(store, id, T0 + 3600, &already, &err_));
    assert_false(already);
    OK(or_outbox_acknowledge(store, id, T0 + 7200, &already, &err_));
    assert_true(already);
    OK(or_outbox_by_token(store, TOKEN2, &a, &r, &found, &err_));
    assert_string_equal(r.acknowledged_at, "2026-11-24T10:00:00Z");
    or_arena_free(&a);
}

static void test_giving_up_and_again(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_outbox_row r;
    int64_t id = add("EX2", "pru@pru.example.gov.uk");
    assert_true(claim(T0, TOKEN4, &a, &r));
    assert_int_equal(r.id, id);
    OK(or_outbox_mark_failed(store, id, T0, T0 + 60, true, "550 no such mailbox", &err_));
    assert_false(claim(T0 + 100000, TOKEN5 "x", &a, &r)); /* failed: not tried again */
    or_outbox_counts n;
    OK(or_outbox_count(store, &n, &err_));
    assert_int_equal(n.failed, 1);
    assert_int_equal(n.unacknowledged, 1); /* EX1's is acknowledged */

    bool found = false;
    OK(or_outbox_retry(store, id, T0 + 200, &found, &err_));
    assert_true(found);
    OK(or_outbox_retry(store, id, T0 + 200, &found, &err_));
    assert_false(found); /* it is no longer failed */
    assert_true(claim(T0 + 200, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB1", &a, &r));
    assert_int_equal(r.id, id);
    assert_int_equal(r.attempts, 1); /* counted afresh */

    /* acknowledged while still being sent (it had arrived before a crash): sent, and no
     * sender takes it again */
    bool already = false;
    OK(or_outbox_acknowledge(store, id, T0 + 210, &already, &err_));
    assert_false(claim(T0 + 100000, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB2", &a, &r));
    OK(or_outbox_by_token(store, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB1", &a, &r, &found,
                          &err_));
    assert_string_equal(r.status, "sent");
    or_arena_free(&a);
}

typedef struct {
    char got[1024];
} collect;

static or_code on_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    (void)err;
    collect *c = ctx;
    size_t n = strlen(c->got);
    snprintf(c->got + n, sizeof c->got - n, "%s:%s;", r->service, r->email);
    return OR_OK;
}

static void test_recipients(void **state)
{
    (void)state;
    bool added = false;
    or_error err = {0};
    OK(or_recipient_add(store, "mash", "MASH@la.example.gov.uk", "admin", T0, &added, &err_));
    assert_true(added);
    OK(or_recipient_add(store, "mash", "mash@la.example.gov.uk", "admin", T0, &added, &err_));
    assert_false(added); /* stored in lower case: the same address */
    OK(or_recipient_add(store, "safeguarding", "mash@la.example.gov.uk", NULL, T0, &added, &err_));
    OK(or_recipient_add(store, "pru", "pru@pru.example.gov.uk", NULL, T0, &added, &err_));
    assert_int_equal(or_recipient_add(store, "police", "x@y.example", NULL, T0, &added, &err),
                     OR_EINPUT);
    assert_non_null(strstr(err.msg, "service: 'police'"));
    assert_int_equal(or_recipient_add(store, "mash", "not an address", NULL, T0, &added, &err),
                     OR_EINPUT);
    assert_non_null(strstr(err.msg, "email: 'not an address'"));
    collect c = {""};
    OK(or_recipients_each(store, on_recipient, &c, &err_));
    assert_string_equal(c.got, "mash:mash@la.example.gov.uk;pru:pru@pru.example.gov.uk;"
                               "safeguarding:mash@la.example.gov.uk;");

    /* a pending message to mash@: removing one of its services keeps it ... */
    int64_t id = add("EX3", "mash@la.example.gov.uk");
    assert_true(id > 0);
    int64_t cancelled = -1;
    OK(or_recipient_remove(store, "mash", "mash@la.example.gov.uk", &cancelled, &err_));
    assert_int_equal(cancelled, 0);
    /* ... removing its last cancels what was not yet sent to it (not what was) */
    OK(or_recipient_remove(store, "safeguarding", "mash@la.example.gov.uk", &cancelled, &err_));
    assert_int_equal(cancelled, 1);
    assert_int_equal(
        or_recipient_remove(store, "safeguarding", "mash@la.example.gov.uk", &cancelled, &err),
        OR_ENOTFOUND);
    or_outbox_counts n;
    OK(or_outbox_count(store, &n, &err_));
    assert_int_equal(n.cancelled, 1);
    assert_int_equal(n.sent, 2); /* EX1's and EX2's, acknowledged */
}

typedef struct {
    int n;
    int64_t ids[16];
} ids;

static or_code on_row(void *ctx, const or_outbox_row *r, or_error *err)
{
    (void)err;
    ids *c = ctx;
    if (c->n < 16)
        c->ids[c->n] = r->id;
    c->n++;
    return OR_OK;
}

static void test_search(void **state)
{
    (void)state;
    ids c = {0};
    or_outbox_query q = {.acknowledged = -1};
    OK(or_outbox_search(store, &q, on_row, &c, &err_));
    assert_int_equal(c.n, 3);
    assert_true(c.ids[0] > c.ids[1] && c.ids[1] > c.ids[2]); /* newest first */
    c.n = 0;
    q = (or_outbox_query){.acknowledged = 0};
    OK(or_outbox_search(store, &q, on_row, &c, &err_));
    assert_int_equal(c.n, 0); /* two acknowledged, one cancelled */
    c.n = 0;
    q = (or_outbox_query){.acknowledged = -1, .service = "safeguarding"};
    OK(or_outbox_search(store, &q, on_row, &c, &err_));
    assert_int_equal(c.n, 3); /* "mash,safeguarding" matches a whole id ... */
    c.n = 0;
    q = (or_outbox_query){.acknowledged = -1, .service = "safe"};
    OK(or_outbox_search(store, &q, on_row, &c, &err_));
    assert_int_equal(c.n, 0); /* ... never a part of one */
    c.n = 0;
    q = (or_outbox_query){.acknowledged = -1, .status = "cancelled", .urn = 100002};
    OK(or_outbox_search(store, &q, on_row, &c, &err_));
    assert_int_equal(c.n, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_life_of_a_message),
        cmocka_unit_test(test_giving_up_and_again),
        cmocka_unit_test(test_recipients),
        cmocka_unit_test(test_search),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
