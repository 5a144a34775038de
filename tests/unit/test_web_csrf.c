/* test_web_csrf.c - the checks at the edge (src/web/request.c, src/web/auth.c): CSRF tokens
 * compared in constant time, random tokens, form bodies decoded and refused when they are not
 * valid text, too long or too many, and redirects kept on the site. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static void test_token_equal(void **state)
{
    (void)state;
    assert_true(web_token_equal("abc123", "abc123"));
    assert_false(web_token_equal("abc123", "abc124"));
    assert_false(web_token_equal("abc123", "Abc123"));
    assert_false(web_token_equal("abc123", "abc1234"));
    assert_false(web_token_equal("abc1234", "abc123"));
    assert_false(web_token_equal("", "")); /* no token is never a match */
    assert_false(web_token_equal(NULL, "x"));
    assert_false(web_token_equal("x", NULL));
    assert_false(web_token_equal(NULL, NULL));
}

static void test_random_token(void **state)
{
    (void)state;
    char a[OR_TOKEN_LEN + 1], b[OR_TOKEN_LEN + 1];
    web_random_token(a);
    web_random_token(b);
    assert_int_equal(strlen(a), OR_TOKEN_LEN);
    assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     OR_TOKEN_LEN); /* base64url: safe in a cookie and a form */
    assert_string_not_equal(a, b);
}

static or_code parse(const char *body, web_params *p, or_arena *arena, or_error *err)
{
    p->n = 0;
    return web_form_parse(body, strlen(body), p, arena, err);
}

static void test_form_parse(void **state)
{
    (void)state;
    or_arena arena = OR_ARENA_INIT;
    web_params p = {0};
    or_error err = {0};
    assert_int_equal(
        parse("email=a%40b.uk&password=x+y%2Bz&csrf_token=T&flag&=v&", &p, &arena, &err), OR_OK);
    assert_string_equal(web_param_get(&p, "email"), "a@b.uk");
    assert_string_equal(web_param_get(&p, "password"), "x y+z");
    assert_string_equal(web_param_get(&p, "csrf_token"), "T");
    assert_string_equal(web_param_get(&p, "flag"), "");
    assert_string_equal(web_param_get(&p, ""), "v");
    assert_null(web_param_get(&p, "missing"));
    assert_int_equal(parse("", &p, &arena, &err), OR_OK);
    assert_int_equal(p.n, 0);
    /* hostile text is kept as it was typed: escaping is the page's job */
    assert_int_equal(parse("name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &p, &arena, &err), OR_OK);
    assert_string_equal(web_param_get(&p, "name"), "<script>alert(1)</script>");
    /* a stray % is text */
    assert_int_equal(parse("a=100%&b=%zz&c=%4", &p, &arena, &err), OR_OK);
    assert_string_equal(web_param_get(&p, "a"), "100%");
    assert_string_equal(web_param_get(&p, "b"), "%zz");
    assert_string_equal(web_param_get(&p, "c"), "%4");
    /* refused: broken UTF-8, NUL, control characters, too long, too many */
    assert_int_equal(parse("a=%FF", &p, &arena, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "not valid text"));
    assert_int_equal(parse("a=%C0%BC", &p, &arena, &err), OR_EINPUT);
    assert_int_equal(parse("a=x%00y", &p, &arena, &err), OR_EINPUT);
    assert_int_equal(parse("a%00=y", &p, &arena, &err), OR_EINPUT);
    assert_int_equal(parse("a=%1B", &p, &arena, &err), OR_EINPUT);
    assert_int_equal(parse("a=line%0D%0Abreak%09tab", &p, &arena, &err), OR_OK); /* textarea */
    char *big = malloc(WEB_FIELD_MAX + 16);
    memcpy(big, "a=", 2);
    memset(big + 2, 'x', WEB_FIELD_MAX + 1);
    big[WEB_FIELD_MAX + 3] = '\0';
    assert_int_equal(parse(big, &p, &arena, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "longer than"));
    big[WEB_FIELD_MAX + 2] = '\0'; /* exactly the limit */
    assert_int_equal(parse(big, &p, &arena, &err), OR_OK);
    free(big);
    or_sb many = OR_SB_INIT;
    for (int i = 0; i <= WEB_FIELDS_MAX; i++)
        or_sb_addf(&many, "f%d=1&", i);
    assert_int_equal(parse(or_sb_str(&many), &p, &arena, &err), OR_EINPUT);
    or_sb_release(&many);
    or_arena_free(&arena);
}

static void test_local_path(void **state)
{
    (void)state;
    assert_true(web_local_path("/"));
    assert_true(web_local_path("/admin/audit?upn=A1"));
    assert_false(web_local_path("//evil.example/"));
    assert_false(web_local_path("/\\evil.example/"));
    assert_false(web_local_path("https://evil.example/"));
    assert_false(web_local_path("javascript:alert(1)"));
    assert_false(web_local_path("/x\r\nSet-Cookie: a=b"));
    assert_false(web_local_path(""));
    assert_false(web_local_path(NULL));
}

static void test_cookie_flags(void **state)
{
    (void)state;
    or_arena arena = OR_ARENA_INIT;
    web_config cfg = {0};
    web_request req = {.cfg = &cfg, .arena = &arena};
    web_response res = {0};
    web_set_cookie(&req, &res, "onroll_session", "TOKEN", -1);
    assert_int_equal(res.nheaders, 1);
    assert_string_equal(res.headers[0].name, "Set-Cookie");
    assert_string_equal(res.headers[0].value,
                        "onroll_session=TOKEN; Path=/; HttpOnly; SameSite=Strict");
    cfg.secure_cookies = true;
    web_set_cookie(&req, &res, "onroll_session", "", 0);
    assert_string_equal(res.headers[1].value,
                        "onroll_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
    web_redirect(&req, &res, "//evil.example/");
    assert_int_equal(res.status, 303);
    assert_string_equal(res.headers[2].value, "/");
    or_sb_release(&res.body);
    or_arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_equal),  cmocka_unit_test(test_random_token),
        cmocka_unit_test(test_form_parse),   cmocka_unit_test(test_local_path),
        cmocka_unit_test(test_cookie_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
