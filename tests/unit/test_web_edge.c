/* test_web_edge.c - the web server's edge: where `next` may send a user after signing in
 * (web_next_path), the client's address behind a trusted proxy (web_forwarded_client,
 * web_trusted_add): tables of hostile and ordinary input, every expected value worked out by
 * hand; and a request body kept in memory or in an unlinked temporary file (body.h). */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/body.h"
#include "web/forwarded.h"
#include "web/web.h"

static void test_next_path(void **state)
{
    (void)state;
    static const struct {
        const char *next, *want;
    } cases[] = {
        {"/", "/"},
        {"/pupils/W999250000001", "/pupils/W999250000001"},
        {"/referrals/100001/WEB-1A2B", "/referrals/100001/WEB-1A2B"},
        {"/reports/rates.csv", "/reports/rates.csv"},
        {"/a_b-c~d", "/a_b-c~d"},
        {"", "/"},
        {"pupils", "/"},
        {"//evil.example", "/"},
        {"//evil.example/pupils", "/"},
        {"/\\evil.example", "/"},
        {"/\t/evil.example", "/"}, /* the issue's /%09/evil.example: browsers drop the tab */
        {"/\n/evil.example", "/"},
        {"/\r\nSet-Cookie: a=b", "/"},
        {"/\x7f/evil.example", "/"},
        {"/ /evil.example", "/"},
        {"/%2F%2Fevil.example", "/"}, /* decoded once already: a % is a second encoding */
        {"/%09/evil.example", "/"},
        {"/%5Cevil.example", "/"},
        {"https://evil.example/", "/"},
        {"http:/evil.example", "/"},
        {"javascript:alert(1)", "/"},
        {"/pupils?x=1", "/"},
        {"/pupils#x", "/"},
        {"/pupils/\xc3\xa9", "/"}, /* é */
        {"/\xef\xbc\x8f\xef\xbc\x8f"
         "evil.example",
         "/"}, /* fullwidth solidus */
        {"/@evil.example", "/"},
        {"/sign-in", "/"},
        {"/sign-out", "/"},
        {"/sign-in?next=//evil", "/"},
        {"\\/evil.example", "/"},
        {" /pupils", "/"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = web_next_path(cases[i].next);
        if (strcmp(got, cases[i].want))
            fail_msg("web_next_path(\"%s\") = \"%s\", wanted \"%s\"", cases[i].next, got,
                     cases[i].want);
    }
    assert_string_equal(web_next_path(NULL), "/");
    char long_path[WEB_NEXT_MAX + 2];
    memset(long_path, 'a', sizeof long_path);
    long_path[0] = '/';
    long_path[WEB_NEXT_MAX] = '\0'; /* exactly the limit */
    assert_ptr_equal(web_next_path(long_path), long_path);
    long_path[WEB_NEXT_MAX] = 'a';
    long_path[WEB_NEXT_MAX + 1] = '\0';
    assert_string_equal(web_next_path(long_path), "/");
}

static void test_local_path_controls(void **state)
{
    (void)state;
    assert_true(web_local_path("/pupils?school=100001&x=%2F"));
    assert_false(web_local_path("/\t/evil.example"));
    assert_false(web_local_path("/x\x7f"));
    assert_false(web_local_path("/x\x01"));
}

static void test_trusted_add(void **state)
{
    (void)state;
    web_trusted t = {0};
    or_error err = {0};
    assert_int_equal(web_trusted_add(&t, "10.0.0.1", &err), OR_OK);
    assert_int_equal(web_trusted_add(&t, " 10.0.0.2 ,2001:db8::10", &err), OR_OK);
    assert_int_equal(t.n, 3);
    assert_true(web_trusted_has(&t, "10.0.0.2"));
    assert_true(web_trusted_has(&t, "2001:DB8:0::10"));
    assert_false(web_trusted_has(&t, "10.0.0.3"));
    assert_false(web_trusted_has(&t, "nonsense"));
    static const char *bad[] = {"nonsense",      "",           "10.0.0.1,",
                                ",10.0.0.1",     "10.0.0.0/8", "10.0.0.1:80",
                                "proxy.example", "10.0.0.256"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        web_trusted u = {0};
        memset(&err, 0, sizeof err);
        if (web_trusted_add(&u, bad[i], &err) != OR_EUSAGE)
            fail_msg("web_trusted_add(\"%s\") accepted", bad[i]);
        assert_non_null(strstr(err.msg, "is not an IPv4 or IPv6 address"));
    }
    assert_int_equal(web_trusted_add(&t, "nonsense", &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "'nonsense'"));
    web_trusted full = {0};
    for (int i = 0; i < WEB_TRUSTED_MAX; i++)
        assert_int_equal(web_trusted_add(&full, "10.1.1.1", &err), OR_OK);
    assert_int_equal(web_trusted_add(&full, "10.1.1.2", &err), OR_EUSAGE);
}

static void test_forwarded_client(void **state)
{
    (void)state;
    web_trusted t = {0};
    or_error err = {0};
    assert_int_equal(web_trusted_add(&t, "10.0.0.1,10.0.0.2,2001:db8::10", &err), OR_OK);
    static const struct {
        const char *peer, *xff, *want;
    } cases[] = {
        /* an untrusted peer: the header is ignored */
        {"192.0.2.5", "203.0.113.7", "192.0.2.5"},
        {"192.0.2.5", NULL, "192.0.2.5"},
        {"192.0.2.5", "10.0.0.1", "192.0.2.5"},
        /* a trusted proxy without a header: itself */
        {"10.0.0.1", NULL, "10.0.0.1"},
        {"10.0.0.1", "", "10.0.0.1"},
        /* the right-most address that is not a trusted proxy */
        {"10.0.0.1", "203.0.113.7", "203.0.113.7"},
        {"10.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"},
        {"10.0.0.1", "198.51.100.1,203.0.113.7,10.0.0.2", "203.0.113.7"},
        {"10.0.0.1", "203.0.113.7, 10.0.0.2, 10.0.0.1", "203.0.113.7"},
        {"10.0.0.1", "  203.0.113.7\t", "203.0.113.7"},
        {"10.0.0.1", "not-an-address, 203.0.113.7", "203.0.113.7"}, /* left of it: ignored */
        /* only trusted proxies: the left-most */
        {"10.0.0.1", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.1", "10.0.0.2, 10.0.0.1", "10.0.0.2"},
        /* IPv6, written in its usual form */
        {"10.0.0.1", "2001:DB8:0:0::1", "2001:db8::1"},
        {"2001:db8::10", "203.0.113.7", "203.0.113.7"},
        {"10.0.0.1", "203.0.113.7, 2001:db8:0::10", "203.0.113.7"},
        /* an item that is not an address where the client should be: the proxy's */
        {"10.0.0.1", "203.0.113.7, garbage", "10.0.0.1"},
        {"10.0.0.1", "203.0.113.7:8080", "10.0.0.1"},
        {"10.0.0.1", "[2001:db8::1]:8080", "10.0.0.1"},
        {"10.0.0.1", "203.0.113.7, ", "10.0.0.1"},
        {"10.0.0.1", ",", "10.0.0.1"},
        {"10.0.0.1", "unknown", "10.0.0.1"},
        {"10.0.0.1", "<script>alert(1)</script>", "10.0.0.1"},
        {"10.0.0.1", "203.0.113.7000000000000000000000000000000000000000000000000", "10.0.0.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[WEB_ADDR_MAX];
        web_forwarded_client(&t, cases[i].peer, cases[i].xff, out);
        if (strcmp(out, cases[i].want))
            fail_msg("peer %s, X-Forwarded-For \"%s\": got %s, wanted %s", cases[i].peer,
                     cases[i].xff ? cases[i].xff : "(none)", out, cases[i].want);
    }
    /* a long chain: only its right end matters */
    char chain[20000] = "";
    for (int i = 0; i < 1000; i++)
        strcat(chain, "198.51.100.9, ");
    strcat(chain, "203.0.113.7");
    char out[WEB_ADDR_MAX];
    web_forwarded_client(&t, "10.0.0.2", chain, out);
    assert_string_equal(out, "203.0.113.7");
    /* no proxy trusted: never believed */
    web_trusted none = {0};
    web_forwarded_client(&none, "10.0.0.1", "203.0.113.7", out);
    assert_string_equal(out, "10.0.0.1");
}

static void test_body_memory(void **state)
{
    (void)state;
    web_body b;
    or_error err = {0};
    assert_int_equal(web_body_init(&b, 10, false, &err), OR_OK);
    web_body_add(&b, "hello", 5);
    web_body_add(&b, "world", 5); /* exactly the limit */
    assert_false(b.too_large);
    web_body_add(&b, "!", 1);
    assert_true(b.too_large);
    web_body_add(&b, "", 0);
    const char *data = NULL;
    size_t len = 0;
    assert_int_equal(web_body_bytes(&b, &data, &len, &err), OR_OK);
    assert_int_equal(len, 10);
    assert_string_equal(data, "helloworld"); /* NUL-terminated */
    web_body_release(&b);
    web_body_release(&b); /* safe to repeat */
}

/* How many names a directory holds (besides . and ..). */
static int names_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

static void test_body_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/onroll-test-body-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TMPDIR", dir, 1);
    web_body b;
    or_error err = {0};
    assert_int_equal(web_body_init(&b, 1 << 20, true, &err), OR_OK);
    assert_true(b.fd >= 0);
    assert_int_equal(names_in(dir), 0); /* no name: only the server can reach it */
    char piece[4096];
    for (int i = 0; i < 256; i++) { /* 1 MiB in pieces of 4 KiB: exactly the limit */
        memset(piece, 'a' + i % 26, sizeof piece);
        web_body_add(&b, piece, sizeof piece);
    }
    assert_false(b.too_large);
    assert_false(b.failed);
    assert_int_equal(b.mem.len, 0); /* not in memory */
    web_body_add(&b, "x", 1);
    assert_true(b.too_large);
    const char *data = NULL;
    size_t len = 0;
    assert_int_equal(web_body_bytes(&b, &data, &len, &err), OR_OK);
    assert_int_equal(len, 1 << 20);
    assert_int_equal(data[0], 'a');
    assert_int_equal(data[4095], 'a');
    assert_int_equal(data[4096], 'b');
    assert_int_equal(data[(1 << 20) - 1], 'a' + 255 % 26);
    int fd = b.fd;
    web_body_release(&b);
    assert_int_equal(fcntl(fd, F_GETFD), -1); /* closed */
    assert_int_equal(b.fd, -1);
    /* an empty upload */
    assert_int_equal(web_body_init(&b, 10, true, &err), OR_OK);
    assert_int_equal(web_body_bytes(&b, &data, &len, &err), OR_OK);
    assert_int_equal(len, 0);
    web_body_release(&b);
    /* a directory that is not there: the error names it */
    setenv("TMPDIR", "/nonexistent/onroll-tmp", 1);
    assert_int_equal(web_body_init(&b, 10, true, &err), OR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/onroll-tmp"));
    web_body_release(&b);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
    assert_int_equal(names_in(dir), 0);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_path),   cmocka_unit_test(test_local_path_controls),
        cmocka_unit_test(test_trusted_add), cmocka_unit_test(test_forwarded_client),
        cmocka_unit_test(test_body_memory), cmocka_unit_test(test_body_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
