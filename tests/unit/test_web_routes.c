/* test_web_routes.c - the one route table (src/web/routes.c): its matcher, its completeness
 * (every route declares who may use it; nothing that shows a pupil's record is open to the
 * anonymous, the API or the analyst) and the role x route matrix, generated from the table and
 * checked against web_authorize, plus a hand-written expectation for the routes whose
 * audience is a promise (so that an accidental edit of the table fails here).
 *
 * `test_web_routes --dump` prints the table instead, one route a line (method, pattern, the
 * callers it admits, its flags), for tests/e2e/test_route_matrix.sh, which drives the same
 * matrix through the real server and checks its audit log. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* Every caller: each role, the anonymous, the API. */
static const unsigned callers[] = {
    WEB_R(OR_ROLE_LA_ADMIN),
    WEB_R(OR_ROLE_LA_OFFICER),
    WEB_R(OR_ROLE_VIRTUAL_SCHOOL),
    WEB_R(OR_ROLE_SCHOOL),
    WEB_R(OR_ROLE_SOCIAL_WORKER),
    WEB_R(OR_ROLE_YOUTH_JUSTICE),
    WEB_R(OR_ROLE_PARTNER),
    WEB_R(OR_ROLE_ANALYST),
    WEB_ANON,
    WEB_API,
};
#define NCALLERS (sizeof callers / sizeof callers[0])

static const char *caller_name(unsigned bit)
{
    if (bit == WEB_ANON)
        return "anonymous";
    if (bit == WEB_API)
        return "api";
    for (int r = 0; r < OR_ROLE__COUNT; r++)
        if (bit == WEB_R(r))
            return or_role_name((or_role)r);
    return "?";
}

static void test_pattern_match(void **state)
{
    (void)state;
    or_arena arena = OR_ARENA_INIT;
    web_params p = {0};
    assert_true(web_pattern_match("/", "/", &p, &arena));
    assert_false(web_pattern_match("/", "/x", &p, &arena));
    assert_true(web_pattern_match("/admin/audit", "/admin/audit", &p, &arena));
    assert_false(web_pattern_match("/admin/audit", "/admin/audit/", &p, &arena));
    assert_false(web_pattern_match("/admin/audit", "/admin/aud", &p, &arena));
    assert_false(web_pattern_match("/admin/audit", "/admin/auditx", &p, &arena));
    assert_int_equal(p.n, 0);
    assert_true(web_pattern_match("/pupils/{upn}", "/pupils/A123", &p, &arena));
    assert_int_equal(p.n, 1);
    assert_string_equal(web_param_get(&p, "upn"), "A123");
    p.n = 0;
    assert_false(web_pattern_match("/pupils/{upn}", "/pupils/", &p, &arena));
    assert_false(web_pattern_match("/pupils/{upn}", "/pupils/A/B", &p, &arena));
    assert_int_equal(p.n, 0); /* a failed match leaves nothing behind */
    assert_true(
        web_pattern_match("/schools/{urn}/pupils/{upn}", "/schools/100001/pupils/Z9", &p, &arena));
    assert_string_equal(web_param_get(&p, "urn"), "100001");
    assert_string_equal(web_param_get(&p, "upn"), "Z9");
    p.n = 0;
    assert_true(web_pattern_match("/assets/*", "/assets/onroll/app.css", &p, &arena));
    assert_string_equal(web_param_get(&p, "*"), "onroll/app.css");
    assert_false(web_pattern_match("/assets/*", "/assets/", &p, &arena));
    assert_false(web_pattern_match("/assets/*", "/assets", &p, &arena));
    or_arena_free(&arena);
}

static void test_route_find(void **state)
{
    (void)state;
    or_arena arena = OR_ARENA_INIT;
    web_params p = {0};
    bool other;
    const web_route *r = web_route_find("GET", "/", &p, &arena, &other);
    assert_non_null(r);
    assert_ptr_equal(r->fn, page_home);
    r = web_route_find("HEAD", "/healthz", &p, &arena, &other);
    assert_non_null(r); /* HEAD is answered by the GET route */
    assert_ptr_equal(r->fn, page_healthz);
    assert_null(web_route_find("DELETE", "/", &p, &arena, &other));
    assert_true(other); /* 405, not 404 */
    assert_null(web_route_find("GET", "/no/such/page", &p, &arena, &other));
    assert_false(other);
    r = web_route_find("POST", "/sign-in", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_sign_in_post);
    r = web_route_find("GET", "/sign-in", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_sign_in);
    assert_null(web_route_find("GET", "/api/v1/events", &p, &arena, &other));
    assert_true(other);
    /* the plan and referral pages: each path to its own handler, parameters captured */
    r = web_route_find("GET", "/pupils/K999250000002/plans/new", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_plan_new);
    p.n = 0;
    r = web_route_find("POST", "/pupils/K999250000002/plans/WEB-00/review", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_plan_review_post);
    assert_string_equal(web_param_get(&p, "event_id"), "WEB-00");
    p.n = 0;
    r = web_route_find("GET", "/referrals/100001/EV-1", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_referral);
    assert_string_equal(web_param_get(&p, "urn"), "100001");
    assert_null(web_param_get(&p, "upn")); /* server.c adds it from the event */
    r = web_route_find("GET", "/referrals", &p, &arena, &other);
    assert_ptr_equal(r->fn, page_referrals);
    assert_null(web_route_find("GET", "/referrals/100001", &p, &arena, &other));
    or_arena_free(&arena);
}

/* Every route says who may use it, with known bits only, a known method, a handler; no two
 * routes claim the same method and pattern. */
static void test_table_complete(void **state)
{
    (void)state;
    const unsigned known = WEB_STAFF | WEB_ANON | WEB_API;
    assert_true(web_nroutes > 0);
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        if (r->roles == 0)
            fail_msg("route %s %s has no role list", r->method, r->pattern);
        assert_int_equal(r->roles & ~known, 0);
        assert_true(!strcmp(r->method, "GET") || !strcmp(r->method, "POST"));
        assert_non_null(r->fn);
        assert_int_equal(r->pattern[0], '/');
        for (size_t j = 0; j < i; j++)
            if (!strcmp(web_routes[j].method, r->method) &&
                !strcmp(web_routes[j].pattern, r->pattern))
                fail_msg("route %s %s is declared twice", r->method, r->pattern);
    }
}

/* The promises the table must keep, whatever is added to it. */
static void test_table_invariants(void **state)
{
    (void)state;
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        bool api = !strncmp(r->pattern, "/api/", 5);
        if (r->flags & WEB_F_PUPIL) { /* a pupil's record: signed-in, scoped roles only */
            assert_int_equal(r->roles & (WEB_ANON | WEB_API | WEB_R(OR_ROLE_ANALYST)), 0);
            /* it names the pupil, or an event whose pupil server.c looks up */
            assert_true(strstr(r->pattern, "{upn}") ||
                        (strstr(r->pattern, "{urn}") && strstr(r->pattern, "{event_id}")));
        }
        /* the API (bearer tokens) and the pages (cookies) never share a route */
        assert_int_equal(api, (r->roles & WEB_API) != 0);
        assert_int_equal(api, (r->flags & WEB_F_JSON) != 0);
        if (api)
            assert_int_equal(r->roles, WEB_API);
        /* a POST never by the anonymous, except signing in (the password, then the second
         * factor's code), a partner's one-click acknowledgement (its random token is the
         * credential) and a workshop's pages, where a guest's cookie from a one-time link is
         * the credential, checked by ws_open (workshop_web.h) */
        bool workshop = !strncmp(r->pattern, "/workshops/{id}", 15) ||
                        !strcmp(r->pattern, "/workshops/join/{token}");
        if (!strcmp(r->method, "POST") && (r->roles & WEB_ANON) &&
            strcmp(r->pattern, "/n/{token}") && strcmp(r->pattern, "/sign-in/code") && !workshop)
            assert_string_equal(r->pattern, "/sign-in");
        /* navigation: plain GET pages only */
        if (r->nav) {
            assert_string_equal(r->method, "GET");
            assert_null(strchr(r->pattern, '{'));
            assert_null(strchr(r->pattern, '*'));
        }
        /* a path that carries a token is never written to a log */
        if (strstr(r->pattern, "{token}"))
            assert_true(r->flags & WEB_F_SECRET_PATH);
        /* anything under /admin/ is for the LA administrator alone */
        if (!strncmp(r->pattern, "/admin/", 7))
            assert_int_equal(r->roles, WEB_ADMIN);
    }
}

/* The matrix, generated from the table: every route x every caller. */
static void test_matrix_from_table(void **state)
{
    (void)state;
    int cells = 0, allowed = 0;
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        for (size_t c = 0; c < NCALLERS; c++) {
            unsigned who = callers[c];
            web_verdict want = (r->roles & who)                             ? WEB_ALLOW
                               : who == WEB_ANON                            ? WEB_SIGN_IN
                               : who == WEB_API && !(r->flags & WEB_F_JSON) ? WEB_SIGN_IN
                                                                            : WEB_FORBID;
            web_verdict got = web_authorize(r, who);
            if (got != want)
                fail_msg("%s %s for %s: got %d, declared %d", r->method, r->pattern,
                         caller_name(who), got, want);
            cells++;
            allowed += got == WEB_ALLOW;
        }
    }
    assert_int_equal(cells, (int)(web_nroutes * NCALLERS));
    assert_true(allowed > 0 && allowed < cells);
}

/* Written by hand, not from the table: who may use the routes whose audience matters. */
static void test_matrix_expected(void **state)
{
    (void)state;
    static const struct {
        const char *method, *path;
        const char *allowed; /* caller names, space-separated */
    } expect[] = {
        {"GET", "/healthz",
         "la_admin la_officer virtual_school school social_worker youth_justice "
         "partner analyst anonymous"},
        {"GET", "/sign-in",
         "la_admin la_officer virtual_school school social_worker youth_justice "
         "partner analyst anonymous"},
        {"GET", "/",
         "la_admin la_officer virtual_school school social_worker youth_justice "
         "partner analyst"},
        {"POST", "/sign-out",
         "la_admin la_officer virtual_school school social_worker "
         "youth_justice partner analyst"},
        {"GET", "/admin/audit", "la_admin"},
        {"GET", "/status", "la_admin la_officer analyst"},
        {"GET", "/pupils/K999250000002",
         "la_admin la_officer virtual_school school social_worker "
         "youth_justice partner"},
        /* the interventions directory: not the analyst; edits by the LA alone; a pupil's
         * interventions recorded by the LA and schools */
        {"GET", "/interventions",
         "la_admin la_officer virtual_school school social_worker youth_justice partner"},
        {"GET", "/interventions/camhs",
         "la_admin la_officer virtual_school school social_worker youth_justice partner"},
        {"GET", "/interventions/new", "la_admin la_officer"},
        {"POST", "/interventions/new", "la_admin la_officer"},
        {"GET", "/interventions/camhs/edit", "la_admin la_officer"},
        {"POST", "/interventions/camhs/edit", "la_admin la_officer"},
        {"GET", "/pupils/K999250000002/interventions", "la_admin la_officer school"},
        {"POST", "/pupils/K999250000002/interventions", "la_admin la_officer school"},
        {"GET", "/pupils/K999250000002/events/EX3/letters", "la_admin la_officer school"},
        {"POST", "/pupils/K999250000002/events/EX3/letters", "la_admin la_officer school"},
        {"GET", "/pupils/K999250000002/events/EX3/letters/7", "la_admin la_officer school"},
        {"POST", "/pupils/K999250000002/events/EX3/letters/7", "la_admin la_officer school"},
        {"GET", "/pupils/K999250000002/events/EX3/letters/7/pdf", "la_admin la_officer school"},
        /* the graduated response: a pupil's plans for everyone who may open the record; plans
         * recorded by those who record (and the Virtual School, its PEPs); the REU's list */
        {"GET", "/pupils/K999250000002/plans",
         "la_admin la_officer virtual_school school social_worker youth_justice partner"},
        {"GET", "/pupils/K999250000002/plans/new", "la_admin la_officer virtual_school school"},
        {"POST", "/pupils/K999250000002/plans/new", "la_admin la_officer virtual_school school"},
        {"POST", "/pupils/K999250000002/plans/WEB-0011223344556677/review",
         "la_admin la_officer virtual_school school"},
        {"GET", "/pupils/K999250000002/referrals",
         "la_admin la_officer virtual_school school social_worker youth_justice partner"},
        {"GET", "/pupils/K999250000002/referrals/new", "la_admin la_officer school"},
        {"POST", "/pupils/K999250000002/referrals/new", "la_admin la_officer school"},
        {"GET", "/referrals/100001/WEB-0011223344556677",
         "la_admin la_officer virtual_school school social_worker youth_justice partner"},
        {"POST", "/referrals/100001/WEB-0011223344556677", "la_admin la_officer school partner"},
        {"GET", "/referrals", "la_admin la_officer partner"},
        {"GET", "/peps", "la_admin la_officer virtual_school"},
        {"GET", "/notifications", "la_admin la_officer"},
        {"POST", "/notifications/12/retry", "la_admin la_officer"},
        {"GET", "/admin/recipients", "la_admin"},
        {"POST", "/admin/recipients", "la_admin"},
        {"GET", "/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
         "la_admin la_officer virtual_school school social_worker youth_justice "
         "partner analyst anonymous"},
        {"POST", "/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
         "la_admin la_officer virtual_school school social_worker youth_justice "
         "partner analyst anonymous"},
        {"GET", "/pupils/K999250000002/outcomes", "la_admin la_officer virtual_school school"},
        {"POST", "/pupils/K999250000002/outcomes", "la_admin la_officer virtual_school school"},
        {"GET", "/reports/outcomes", "la_admin la_officer analyst"},
        {"GET", "/reports/outcomes/download", "la_admin la_officer analyst"},
        {"GET", "/reports/scrutiny/actions", "la_admin la_officer"},
        {"POST", "/reports/scrutiny/actions", "la_admin la_officer"},
        {"POST", "/api/v1/events", "api"},
        {"POST", "/api/v1/pupils", "api"},
        {"GET", "/api/v1/duties", "api"},
    };
    or_arena arena = OR_ARENA_INIT;
    for (size_t e = 0; e < sizeof expect / sizeof expect[0]; e++) {
        bool other;
        const web_route *r = web_route_find(expect[e].method, expect[e].path, NULL, NULL, &other);
        if (!r)
            fail_msg("no route %s %s", expect[e].method, expect[e].path);
        for (size_t c = 0; c < NCALLERS; c++) {
            char padded[300], name[40];
            snprintf(padded, sizeof padded, " %s ", expect[e].allowed);
            snprintf(name, sizeof name, " %s ", caller_name(callers[c]));
            bool want = strstr(padded, name) != NULL;
            bool got = web_authorize(r, callers[c]) == WEB_ALLOW;
            if (got != want)
                fail_msg("%s %s for %s: %s, expected %s", expect[e].method, expect[e].path,
                         caller_name(callers[c]), got ? "allowed" : "refused",
                         want ? "allowed" : "refused");
        }
    }
    or_arena_free(&arena);
}

static void test_caller_bit(void **state)
{
    (void)state;
    web_request req = {0};
    assert_int_equal(web_caller_bit(&req), WEB_ANON);
    req.api_urn = 100001;
    assert_int_equal(web_caller_bit(&req), WEB_API);
    or_user u = {.role = OR_ROLE_SCHOOL};
    req.user = &u;
    assert_int_equal(web_caller_bit(&req), WEB_R(OR_ROLE_SCHOOL));
    /* a page (no JSON flag) never accepts the API's token as a sign-in */
    web_route page = {"GET", "/x", page_home, WEB_STAFF, 0, NULL};
    assert_int_equal(web_authorize(&page, WEB_API), WEB_SIGN_IN);
}

/* The route table as text: "METHOD PATTERN CALLERS FLAGS", callers and flags comma-separated
 * (flags: pupil, json, upload; "-" when none). */
static int dump_routes(void)
{
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        printf("%s %s ", r->method, r->pattern);
        const char *sep = "";
        for (size_t c = 0; c < NCALLERS; c++)
            if (r->roles & callers[c]) {
                printf("%s%s", sep, caller_name(callers[c]));
                sep = ",";
            }
        static const struct {
            unsigned bit;
            const char *name;
        } flags[] = {{WEB_F_PUPIL, "pupil"},
                     {WEB_F_PART, "part"},
                     {WEB_F_CLAIM, "claim"},
                     {WEB_F_JSON, "json"},
                     {WEB_F_UPLOAD, "upload"}};
        sep = " ";
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
            if (r->flags & flags[f].bit) {
                printf("%s%s", sep, flags[f].name);
                sep = ",";
            }
        printf("%s\n", *sep == ' ' ? " -" : "");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--dump"))
        return dump_routes();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pattern_match),     cmocka_unit_test(test_route_find),
        cmocka_unit_test(test_table_complete),    cmocka_unit_test(test_table_invariants),
        cmocka_unit_test(test_matrix_from_table), cmocka_unit_test(test_matrix_expected),
        cmocka_unit_test(test_caller_bit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
