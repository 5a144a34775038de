/* test_web_audit.c - every child a response names is on the record (src/web/audit.c,
 * web_audit_listed; src/store/audit_lists.c): the UPNs found in a body (standing alone, their
 * check letter right), each list kept once in audit_lists, and the audit log's search by a
 * child finding the lists that named it. Only what a list shows counts: a POST's answer, an
 * error page, a pupil's own record (its read is pupil.read) and a caller nobody signed in as
 * write no list row. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "web/web.h"

static or_store *store;

static int setup(void **state)
{
    (void)state;
    or_error err = {0};
    if (or_store_open(":memory:", &store, &err) || or_store_migrate(store, NULL, &err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    return 0;
}

static void page(const web_request *req, web_response *res)
{
    (void)req;
    (void)res;
}

typedef struct {
    int n;
    char upns[8][14], actions[8][32];
} found;

static or_code on_row(void *ctx, const or_audit_row *r, or_error *err)
{
    (void)err;
    found *f = ctx;
    if (f->n < 8) {
        strcpy(f->upns[f->n], r->upn);
        strcpy(f->actions[f->n], r->action);
    }
    f->n++;
    return OR_OK;
}

static found search(const char *upn)
{
    found f = {0};
    or_error err = {0};
    or_audit_query q = {.upn = upn, .from = OR_DATE_NONE, .to = OR_DATE_NONE};
    assert_int_equal(or_audit_search(store, &q, on_row, &f, &err), OR_OK);
    return f;
}

/* W999250000001, K999250000002, N999250000004 and R999250000006 are valid UPNs (their check
 * letters worked out by upn.h's rule); the others below are not children of the list. */
static const char *body =
    "W999250000001 first, <a href=\"/pupils/K999250000002\">Jayden</a>, "
    "X999250000001 (wrong check letter), xC999250000005 (a letter before it), "
    "Z9992500000031 (a digit after it), N999250000004,N999250000004 (twice), "
    "<td>R999250000006</td> last: R999250000006";

static void test_list_on_record(void **state)
{
    (void)state;
    static const web_route route = {"GET", "/list", page, WEB_STAFF, 0, NULL, NULL};
    or_user u = {.id = 7, .role = OR_ROLE_LA_OFFICER};
    strcpy(u.email, "officer@la.example.gov.uk");
    or_arena a = OR_ARENA_INIT;
    web_request req = {.method = "GET",
                       .path = "/list",
                       .route = &route,
                       .store = store,
                       .arena = &a,
                       .user = &u,
                       .remote = "127.0.0.1"};
    web_response res = {.status = 200, .content_type = "text/html"};
    or_sb_adds(&res.body, body);

    assert_true(web_audit_listed(&req, &res));
    found f = search("N999250000004");
    assert_int_equal(f.n, 1);
    assert_string_equal(f.actions[0], "pupil.listed");
    assert_string_equal(f.upns[0], "N999250000004"); /* the row names the child searched */
    for (int i = 0; i < 3; i++) {
        static const char *const in[] = {"W999250000001", "K999250000002", "R999250000006"};
        assert_int_equal(search(in[i]).n, 1);
    }
    static const char *const out[] = {"X999250000001", "C999250000005", "Z999250000003"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(search(out[i]).n, 0);

    /* the same list again: one more row, the same children (found twice now, stored once) */
    assert_true(web_audit_listed(&req, &res));
    assert_int_equal(search("W999250000001").n, 2);

    /* not a list that was shown: nothing written */
    web_response err404 = res;
    err404.status = 404;
    assert_true(web_audit_listed(&req, &err404));
    web_request post = req;
    post.method = "POST";
    assert_true(web_audit_listed(&post, &res));
    static const web_route record = {"GET", "/pupils/{upn}", page, WEB_STAFF, WEB_F_PUPIL, NULL,
                                     NULL};
    web_request own = req;
    own.route = &record;
    assert_true(web_audit_listed(&own, &res));
    web_request anon = req;
    anon.user = NULL;
    assert_true(web_audit_listed(&anon, &res));
    assert_int_equal(search("W999250000001").n, 2);

    or_sb_release(&res.body);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_on_record, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
