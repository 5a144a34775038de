/* test_web_html.c - escaping on by default (src/html/html.c) and the GOV.UK patterns built on it
 * (src/web/govuk.c): every character that could end a text or an attribute is escaped, broken
 * UTF-8 never reaches a page, %t encodes URLs, forms that post carry the CSRF token. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "onroll/kinds.h"
#include "web/govuk.h"
#include "html/html.h"

static char *text_of(const char *s)
{
    or_sb out = OR_SB_INIT;
    html_text(&out, s);
    or_sb_addc(&out, '\0');
    return or_sb_detach(&out);
}

static void expect_text(const char *in, const char *want)
{
    char *got = text_of(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_escapes_markup(void **state)
{
    (void)state;
    expect_text("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    expect_text("a & b", "a &amp; b");
    expect_text("\"quoted\" 'single' `tick`", "&quot;quoted&quot; &#39;single&#39; &#96;tick&#96;");
    expect_text("&lt;", "&amp;lt;"); /* already-escaped text is escaped again, not trusted */
    expect_text("", "");
    char *got = text_of(NULL);
    assert_string_equal(got, "");
    free(got);
}

static void test_repairs_utf8(void **state)
{
    (void)state;
    expect_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    expect_text("a\xff"
                "b",
                "a\xef\xbf\xbd"
                "b");                                                    /* a stray byte */
    expect_text("\xc0\xbc", "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong '<' */
    expect_text("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* a surrogate */
    expect_text("\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd");                 /* cut short */
    expect_text("tab\there\nline\x01\x7f\x1b", "tab\there\nline");       /* controls dropped */
}

/* Whatever the bytes, the output has no character that could open markup or end an attribute,
 * and is valid UTF-8. */
static void test_escape_property(void **state)
{
    (void)state;
    srand(20251124);
    char in[64];
    for (int round = 0; round < 20000; round++) {
        int n = rand() % 63;
        for (int i = 0; i < n; i++) {
            int c = rand() % 256;
            in[i] = (char)(c ? c : 'x');
        }
        in[n] = '\0';
        char *out = text_of(in);
        assert_null(strpbrk(out, "<>\"'`"));
        assert_true(or_utf8_valid(out, true));
        for (char *p = strchr(out, '&'); p; p = strchr(p + 1, '&'))
            assert_true(!strncmp(p, "&amp;", 5) || !strncmp(p, "&lt;", 4) ||
                        !strncmp(p, "&gt;", 4) || !strncmp(p, "&quot;", 6) ||
                        !strncmp(p, "&#39;", 5) || !strncmp(p, "&#96;", 5));
        free(out);
    }
}

static void test_printf(void **state)
{
    (void)state;
    or_sb out = OR_SB_INIT;
    html_printf(&out, "<p title=\"%s\">%s %d %u %lld %zu %% %t</p>%q", "\"><img>", "<b>", -3, 7u,
                123456789012LL, (size_t)42, "a b/c?d=é&x");
    assert_string_equal(or_sb_str(&out), "<p title=\"&quot;&gt;&lt;img&gt;\">&lt;b&gt; -3 7 "
                                         "123456789012 42 % a%20b%2Fc%3Fd%3D%C3%A9%26x</p>?");
    or_sb_reset(&out);
    html_printf(&out, "end %");
    assert_string_equal(or_sb_str(&out), "end ?");
    or_sb_release(&out);
}

static void test_url(void **state)
{
    (void)state;
    or_sb out = OR_SB_INIT;
    html_url(&out, "AZaz09-_.~ \"<>#%");
    assert_string_equal(or_sb_str(&out), "AZaz09-_.~%20%22%3C%3E%23%25");
    or_sb_release(&out);
}

static void test_govuk_patterns(void **state)
{
    (void)state;
    web_config cfg = {0};
    web_request req = {.cfg = &cfg, .csrf = "TOKEN123"};
    or_sb out = OR_SB_INIT;
    gov_form_start(&out, &req, "post", "/sign-in");
    assert_non_null(strstr(or_sb_str(&out), "name=\"csrf_token\" value=\"TOKEN123\""));
    or_sb_reset(&out);
    gov_form_start(&out, &req, "get", "/admin/audit");
    assert_null(strstr(or_sb_str(&out), "csrf_token")); /* a GET form leaks no token */
    or_sb_reset(&out);
    gov_form_start(&out, &req, "post", "//evil.example/x");
    assert_non_null(strstr(or_sb_str(&out), "action=\"/\"")); /* never off-site */
    or_sb_reset(&out);
    gov_input(&out, "email", "Email <address>", "email", "\"><script>", "username", "Bad & wrong");
    const char *s = or_sb_str(&out);
    assert_non_null(strstr(s, "value=\"&quot;&gt;&lt;script&gt;\""));
    assert_non_null(strstr(s, "govuk-form-group--error"));
    assert_non_null(strstr(s, "aria-describedby=\"email-error\""));
    assert_non_null(strstr(s, "Bad &amp; wrong"));
    assert_non_null(strstr(s, "<label class=\"govuk-label\" for=\"email\">Email &lt;address&gt;"));
    or_sb_reset(&out);
    gov_error errs[] = {{"email", "Enter <it>"}, {NULL, "Whole form"}};
    gov_error_summary(&out, errs, 2);
    s = or_sb_str(&out);
    assert_non_null(strstr(s, "<a href=\"#email\">Enter &lt;it&gt;</a>"));
    assert_non_null(strstr(s, "<li>Whole form</li>"));
    assert_string_equal(gov_error_for(errs, 2, "email"), "Enter <it>");
    assert_null(gov_error_for(errs, 2, "password"));
    or_sb_reset(&out);
    gov_error_summary(&out, errs, 0);
    assert_int_equal(out.len, 0);
    gov_summary_row(&out, "<k>", "<v>");
    assert_non_null(strstr(or_sb_str(&out), "&lt;k&gt;"));
    assert_non_null(strstr(or_sb_str(&out), "&lt;v&gt;"));
    or_sb_reset(&out);
    gov_td_link(&out, "javascript:alert(1)", "x");
    assert_non_null(strstr(or_sb_str(&out), "href=\"/\"")); /* only local links */
    or_sb_reset(&out);
    gov_notification(&out, "Done", "<ok>", true);
    assert_non_null(strstr(or_sb_str(&out), "govuk-notification-banner--success"));
    assert_non_null(strstr(or_sb_str(&out), "&lt;ok&gt;"));
    or_sb_release(&out);
}

static void test_page_frame(void **state)
{
    (void)state;
    web_config cfg = {0};
    or_session sess = {0};
    snprintf(sess.user.name, sizeof sess.user.name, "<Ada>");
    sess.user.role = OR_ROLE_ANALYST;
    web_request req = {.cfg = &cfg, .csrf = "TOK", .session = &sess, .user = &sess.user};
    or_sb out = OR_SB_INIT;
    gov_page_start(&out, &req, "T<i>tle");
    gov_page_end(&out, &req);
    const char *s = or_sb_str(&out);
    assert_non_null(strstr(s, "<title>T&lt;i&gt;tle - onroll</title>"));
    assert_non_null(strstr(s, "&lt;Ada&gt; (Analyst)"));
    assert_non_null(strstr(s, "action=\"/sign-out\""));
    assert_non_null(strstr(s, "href=\"#main-content\""));
    assert_non_null(strstr(s, "id=\"main-content\""));
    assert_null(strstr(s, "<script>"));              /* the only script is the module file */
    assert_null(strstr(s, "style="));                /* no inline style: the CSP forbids it */
    assert_null(strstr(s, "href=\"/admin/audit\"")); /* not the analyst's */
    assert_non_null(strstr(s, "href=\"/status\""));
    or_sb_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_markup),
        cmocka_unit_test(test_repairs_utf8),
        cmocka_unit_test(test_escape_property),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_govuk_patterns),
        cmocka_unit_test(test_page_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
