/* test_web_users.c - accounts, sessions, API tokens, the audit log and the scope
 * look-ups (src/store/users.c) on a real SQLite database in a temporary file, and the roles'
 * scope rule as web_can_see_pupil applies it (src/web/scope.c). The little LA below:
 *
 *   schools 100001, 100002
 *   A K999250000002 on roll at 100001; social worker sam@x.uk (open), youth justice yo@x.uk
 *                   (closed 2025-01-31)
 *   B W999250000001 on roll at 100002 until 2025-07-18, then none; looked after (cla=1)
 *   C Z999250000003 on roll at 100002; referred to the REU (caseload role reu, open)
 *   D N999250000004 known to nobody but the LA (no enrolment, no caseload)
 *   referrals: A to early help on 2025-11-10; D to the REU on 2025-12-01 (from school 100001)
 * and "today" is 2025-11-24. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "onroll/ingest.h"
#include "onroll/store_audit.h"
#include "onroll/store_scope.h"
#include "onroll/store_users.h"
#include "web/web.h"

static char path[256];
static or_store *store;

static void load(or_kind_id kind, const char *const *rows, int nrows, int ncols)
{
    or_ingest *in = NULL;
    or_error err = {0};
    or_source src = {"file", "test", NULL, "test", NULL};
    const or_kind *k = or_kind_get(kind);
    assert_int_equal(or_ingest_begin(store, k, &src, NULL, &in, &err), OR_OK);
    for (int r = 0; r < nrows; r++) {
        const char *cells[32];
        for (int c = 0; c < k->ncols; c++)
            cells[c] = "";
        for (int c = 0; c < ncols; c++)
            cells[c] = rows[r * ncols + c];
        if (or_ingest_row(in, r + 2, cells, &err))
            fail_msg("row %d of %s: %s", r, k->name, err.msg);
    }
    or_ingest_result res = {0};
    if (or_ingest_end(in, &res, &err))
        fail_msg("%s: %s\n%s", k->name, err.msg, or_sb_str(&res.errors));
    or_ingest_result_release(&res);
}

static int setup(void **state)
{
    (void)state;
    /* ONROLL_TEST_DB: an empty database to run on instead (a postgres:// URL, to check the SQL
     * on PostgreSQL too) */
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_web_users.%d.db", (int)getpid());
    if (!url || !*url)
        unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    /* schools: urn, laestab, name, phase, la_code */
    static const char *const schools[] = {"100001", "9992001", "Riverside", "primary",   "999",
                                          "100002", "9994001", "Hillside",  "secondary", "999"};
    load(OR_K_SCHOOLS, schools, 2, 5);
    /* pupils: upn, forename, surname, dob, sex, ethnicity, fsm, sen, as_of, fsm6, sen_need,
     * eal, cla */
    static const char *const pupils[] = {
        "K999250000002",
        "Jay",
        "C",
        "2011-11-02",
        "M",
        "BCRB",
        "1",
        "K",
        "2025-09-01",
        "",
        "",
        "",
        "0",
        "W999250000001",
        "Amy",
        "O",
        "2012-03-14",
        "F",
        "BAFR",
        "1",
        "N",
        "2025-09-01",
        "",
        "",
        "",
        "1",
        "Z999250000003",
        "Liv",
        "S",
        "2012-06-21",
        "F",
        "WBRI",
        "0",
        "N",
        "2025-09-01",
        "",
        "",
        "",
        "0",
        "N999250000004",
        "Nat",
        "B",
        "2012-01-01",
        "M",
        "WBRI",
        "0",
        "N",
        "2025-09-01",
        "",
        "",
        "",
        "0",
    };
    load(OR_K_PUPILS, pupils, 4, 13);
    /* enrolments: upn, urn, start, end, type */
    static const char *const enrols[] = {
        "K999250000002", "100001", "2023-09-04", "",           "main",
        "W999250000001", "100002", "2020-09-01", "2023-07-18", "main",
        "Z999250000003", "100002", "2023-09-04", "",           "main",
    };
    load(OR_K_ENROLMENTS, enrols, 3, 5);
    /* caseload: upn, worker, role, start, end */
    static const char *const cases[] = {
        "K999250000002", "Sam@X.uk", "social_worker", "2024-05-01", "",
        "K999250000002", "yo@x.uk",  "youth_justice", "2024-01-01", "2025-01-31",
        "Z999250000003", "reu@x.uk", "reu",           "2025-10-01", "",
    };
    load(OR_K_CASELOAD, cases, 3, 5);
    /* events: event_id, upn, urn, type, start, sessions, reasons, ref, to_urn, provider, end,
     * decided, exam_date, rule, outcome, delivery, to: A referred to early help; D to the REU,
     * after "today" */
    static const char *const events[] = {
        "EV-A1",
        "K999250000002",
        "100001",
        "referral",
        "2025-11-10",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "early_help",
        "EV-D1",
        "N999250000004",
        "100001",
        "referral",
        "2025-12-01",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "reu",
    };
    load(OR_K_EVENTS, events, 2, 17);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        return 0;
    unlink(path);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return 0;
}

static void test_roles(void **state)
{
    (void)state;
    for (int r = 0; r < OR_ROLE__COUNT; r++)
        assert_int_equal(or_role_parse(or_role_name((or_role)r)), r);
    assert_int_equal(or_role_parse("root"), -1);
    assert_int_equal(or_role_parse(NULL), -1);
    assert_int_equal(or_role_check_scope(OR_ROLE_SCHOOL, "100001", NULL), OR_OK);
    assert_int_equal(or_role_check_scope(OR_ROLE_SCHOOL, "", NULL), OR_EINPUT);
    assert_int_equal(or_role_check_scope(OR_ROLE_SCHOOL, "12", NULL), OR_EINPUT);
    assert_int_equal(or_role_check_scope(OR_ROLE_PARTNER, "reu", NULL), OR_OK);
    assert_int_equal(or_role_check_scope(OR_ROLE_PARTNER, "social_worker", NULL), OR_EINPUT);
    assert_int_equal(or_role_check_scope(OR_ROLE_LA_OFFICER, "", NULL), OR_OK);
    assert_int_equal(or_role_check_scope(OR_ROLE_LA_OFFICER, "100001", NULL), OR_EINPUT);
}

static void test_account_rules(void **state)
{
    (void)state;
    char email[OR_EMAIL_MAX + 1];
    assert_int_equal(or_user_email("Ada.Lovelace@LA.gov.UK", email, NULL), OR_OK);
    assert_string_equal(email, "ada.lovelace@la.gov.uk");
    assert_int_equal(or_user_email("not-an-email", email, NULL), OR_EINPUT);
    assert_int_equal(or_user_email("<script>@x.uk", email, NULL), OR_EINPUT);
    assert_int_equal(or_user_email("", email, NULL), OR_EINPUT);
    assert_int_equal(or_password_check("short", NULL, NULL), OR_EINPUT);
    assert_int_equal(or_password_check("long enough!", NULL, NULL), OR_OK);
    assert_int_equal(or_user_check_name("Ada", NULL), OR_OK);
    assert_int_equal(or_user_check_name("bad \xff", NULL), OR_EINPUT);
    assert_int_equal(or_user_check_name("", NULL), OR_EINPUT);
    char pw[32], pw2[32];
    or_password_generate(pw);
    or_password_generate(pw2);
    assert_int_equal(strlen(pw), 23);
    assert_int_equal(pw[5], '-');
    assert_string_not_equal(pw, pw2);
    assert_int_equal(or_password_check(pw, NULL, NULL), OR_OK);
}

static void test_accounts(void **state)
{
    (void)state;
    or_error err = {0};
    or_user u = {.role = OR_ROLE_SCHOOL};
    snprintf(u.email, sizeof u.email, "Head@Riverside.sch.uk");
    snprintf(u.name, sizeof u.name, "Head <b>");
    snprintf(u.scope, sizeof u.scope, "100001");
    assert_int_equal(or_user_add(store, &u, "correct horse battery", &err), OR_OK);
    assert_true(u.id > 0);
    assert_string_equal(u.email, "head@riverside.sch.uk");
    assert_int_equal(or_user_add(store, &u, "correct horse battery", &err), OR_ECONFLICT);
    or_user got;
    bool ok = false, found = false;
    assert_int_equal(
        or_user_verify(store, "HEAD@riverside.sch.uk", "correct horse battery", &got, &ok, &err),
        OR_OK);
    assert_true(ok);
    assert_int_equal(got.role, OR_ROLE_SCHOOL);
    assert_string_equal(got.scope, "100001");
    assert_string_equal(got.name, "Head <b>");
    assert_int_equal(
        or_user_verify(store, "head@riverside.sch.uk", "wrong horse battery", &got, &ok, &err),
        OR_OK);
    assert_false(ok);
    assert_int_equal(or_user_verify(store, "nobody@x.uk", "correct horse battery", &got, &ok, &err),
                     OR_OK);
    assert_false(ok);
    assert_int_equal(or_user_set_password(store, "head@riverside.sch.uk", "a new kestrel", &err),
                     OR_OK);
    or_user_verify(store, "head@riverside.sch.uk", "a new kestrel", &got, &ok, &err);
    assert_true(ok);
    assert_int_equal(or_user_set_password(store, "nobody@x.uk", "a new kestrel", &err),
                     OR_ENOTFOUND);
    assert_int_equal(or_user_set_disabled(store, "head@riverside.sch.uk", true, &err), OR_OK);
    or_user_verify(store, "head@riverside.sch.uk", "a new kestrel", &got, &ok, &err);
    assert_false(ok); /* a disabled account cannot sign in */
    assert_int_equal(or_user_find(store, "head@riverside.sch.uk", &got, &found, &err), OR_OK);
    assert_true(found && got.disabled);
    assert_int_equal(or_user_set_disabled(store, "head@riverside.sch.uk", false, &err), OR_OK);
    assert_int_equal(or_user_set_disabled(store, "nobody@x.uk", true, &err), OR_ENOTFOUND);
    u = (or_user){.role = OR_ROLE_LA_OFFICER};
    snprintf(u.email, sizeof u.email, "x@la.uk");
    snprintf(u.name, sizeof u.name, "X");
    snprintf(u.scope, sizeof u.scope, "100001");
    assert_int_equal(or_user_add(store, &u, "correct horse battery", &err), OR_EINPUT);
}

static void test_sessions(void **state)
{
    (void)state;
    or_error err = {0};
    or_user u;
    bool found;
    assert_int_equal(or_user_find(store, "head@riverside.sch.uk", &u, &found, &err), OR_OK);
    assert_true(found);
    char token[OR_TOKEN_LEN + 1], csrf[OR_TOKEN_LEN + 1];
    int64_t t0 = 1763990000;
    assert_int_equal(or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err), OR_OK);
    assert_int_equal(strlen(token), OR_TOKEN_LEN);
    assert_string_not_equal(token, csrf);
    or_session s;
    or_session_state st;
    assert_int_equal(or_session_get(store, token, t0 + 60, 1800, 43200, &s, &st, &err), OR_OK);
    assert_int_equal(st, OR_SESSION_VALID);
    assert_string_equal(s.csrf, csrf);
    assert_string_equal(s.user.email, "head@riverside.sch.uk");
    /* kept alive by use: 25 minutes later is 25 minutes after the last request, not the first */
    assert_int_equal(or_session_get(store, token, t0 + 60 + 1500, 1800, 43200, &s, &st, &err),
                     OR_OK);
    assert_int_equal(st, OR_SESSION_VALID);
    /* idle: 30 minutes without a request */
    assert_int_equal(
        or_session_get(store, token, t0 + 60 + 1500 + 1800, 1800, 43200, &s, &st, &err), OR_OK);
    assert_int_equal(st, OR_SESSION_IDLE_EXPIRED);
    assert_int_equal(
        or_session_get(store, token, t0 + 60 + 1500 + 1801, 1800, 43200, &s, &st, &err), OR_OK);
    assert_int_equal(st, OR_SESSION_NONE); /* gone for good */
    /* "last seen" is written at most once a minute for a 30-minute time-out (1800 / 30 s):
     * seen at t0 + 60, a page at t0 + 100 does not move it, one at t0 + 120 does */
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    or_session_get(store, token, t0 + 60, 1800, 43200, &s, &st, &err);
    assert_int_equal(s.seen, t0 + 60);
    or_session_get(store, token, t0 + 100, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_VALID);
    assert_int_equal(s.seen, t0 + 60);
    or_session_get(store, token, t0 + 120, 1800, 43200, &s, &st, &err);
    assert_int_equal(s.seen, t0 + 120);
    /* ... so the time-out runs from the last write: 1800 s after t0 + 120 it has expired */
    or_session_get(store, token, t0 + 120 + 1800, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_IDLE_EXPIRED);
    /* absolute: 12 hours after signing in, however busy */
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    for (int64_t t = t0; t < t0 + 43200; t += 1700) {
        or_session_get(store, token, t, 1800, 43200, &s, &st, &err);
        assert_int_equal(st, OR_SESSION_VALID);
    }
    or_session_get(store, token, t0 + 43200, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_ABS_EXPIRED);
    /* a token is only known by its hash; nonsense and a deleted session are no session */
    assert_int_equal(or_session_get(store, "nonsense", t0, 1800, 43200, &s, &st, &err), OR_OK);
    assert_int_equal(st, OR_SESSION_NONE);
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    assert_int_equal(or_session_delete(store, token, &err), OR_OK);
    or_session_get(store, token, t0, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_NONE);
    /* disabling an account or resetting its password ends its sessions */
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    or_user_set_disabled(store, u.email, true, &err);
    or_user_set_disabled(store, u.email, false, &err);
    or_session_get(store, token, t0, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_NONE);
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    or_user_set_password(store, u.email, "another kestrel", &err);
    or_session_get(store, token, t0, 1800, 43200, &s, &st, &err);
    assert_int_equal(st, OR_SESSION_NONE);
    /* purge */
    or_session_create(store, u.id, "127.0.0.1", t0, token, csrf, &err);
    int64_t n = -1;
    assert_int_equal(or_session_purge(store, t0 + 10, 1800, 43200, &n, &err), OR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(or_session_purge(store, t0 + 1800, 1800, 43200, &n, &err), OR_OK);
    assert_int_equal(n, 1);
}

static void test_api_tokens(void **state)
{
    (void)state;
    or_error err = {0};
    char t1[OR_TOKEN_LEN + 5], t2[OR_TOKEN_LEN + 5];
    assert_int_equal(or_api_token_create(store, 100001, "cli:test", t1, &err), OR_OK);
    assert_int_equal(or_api_token_create(store, 100002, "cli:test", t2, &err), OR_OK);
    assert_int_equal(or_api_token_create(store, 999999, "cli:test", t2, &err), OR_ENOTFOUND);
    assert_int_equal(strncmp(t1, "onr_", 4), 0);
    int urn = 0;
    bool found = false;
    assert_int_equal(or_api_token_find(store, t1, &urn, &found, &err), OR_OK);
    assert_true(found);
    assert_int_equal(urn, 100001);
    t1[10] = t1[10] == 'a' ? 'b' : 'a';
    or_api_token_find(store, t1, &urn, &found, &err);
    assert_false(found);
    or_api_token_find(store, "onr_", &urn, &found, &err);
    assert_false(found);
    int64_t n = 0;
    assert_int_equal(or_api_tokens_revoke(store, 100002, &n, &err), OR_OK);
    assert_int_equal(n, 1);
    or_api_token_find(store, t2, &urn, &found, &err);
    assert_false(found);
}

typedef struct {
    int n;
    char actions[8][32];
} seen;

static or_code on_audit(void *ctx, const or_audit_row *r, or_error *err)
{
    seen *s = ctx;
    (void)err;
    if (s->n < 8)
        snprintf(s->actions[s->n], sizeof s->actions[0], "%s", r->action);
    s->n++;
    return OR_OK;
}

static void test_audit(void **state)
{
    (void)state;
    or_error err = {0};
    or_audit_entry a = {
        "sam@x.uk",  7,   "social_worker", "pupil.read", "/pupils/K999250000002", "K999250000002",
        "127.0.0.1", NULL};
    assert_int_equal(or_audit_add(store, &a, &err), OR_OK);
    a.action = "export";
    a.upn = NULL;
    assert_int_equal(or_audit_add(store, &a, &err), OR_OK);
    or_audit_entry b = {"api:100001",     0,    "api",       "api.post",
                        "/api/v1/events", NULL, "127.0.0.1", "events: 1 rows"};
    assert_int_equal(or_audit_add(store, &b, &err), OR_OK);
    seen s = {0};
    or_audit_query q = {.actor = "sam@x.uk", .from = OR_DATE_NONE, .to = OR_DATE_NONE};
    assert_int_equal(or_audit_search(store, &q, on_audit, &s, &err), OR_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.actions[0], "export"); /* newest first */
    assert_string_equal(s.actions[1], "pupil.read");
    s = (seen){0};
    q = (or_audit_query){.upn = "K999250000002", .from = OR_DATE_NONE, .to = OR_DATE_NONE};
    or_audit_search(store, &q, on_audit, &s, &err);
    assert_int_equal(s.n, 1);
    /* by date: everything was written today (UTC); nothing yesterday */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    or_date today = or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    s = (seen){0};
    q = (or_audit_query){.from = today, .to = today};
    or_audit_search(store, &q, on_audit, &s, &err);
    assert_int_equal(s.n, 3);
    s = (seen){0};
    q = (or_audit_query){.from = OR_DATE_NONE, .to = today - 1};
    or_audit_search(store, &q, on_audit, &s, &err);
    assert_int_equal(s.n, 0);
    s = (seen){0};
    q = (or_audit_query){.from = OR_DATE_NONE, .to = OR_DATE_NONE, .limit = 2};
    or_audit_search(store, &q, on_audit, &s, &err);
    assert_int_equal(s.n, 2);
}

/* web_can_see_pupil for a user of each role, on 2025-11-24 (noon). */
static bool can_see(or_role role, const char *email, const char *scope, const char *upn)
{
    or_session sess = {0};
    sess.user.role = role;
    snprintf(sess.user.email, sizeof sess.user.email, "%s", email);
    snprintf(sess.user.scope, sizeof sess.user.scope, "%s", scope);
    struct tm tm = {.tm_year = 125, .tm_mon = 10, .tm_mday = 24, .tm_hour = 12, .tm_isdst = -1};
    web_request req = {
        .store = store, .session = &sess, .user = &sess.user, .now = (int64_t)mktime(&tm)};
    return web_can_see_pupil(&req, upn);
}

static void test_scope(void **state)
{
    (void)state;
    const char *A = "K999250000002", *B = "W999250000001", *C = "Z999250000003",
               *D = "N999250000004", *unknown = "A000000000000";
    /* the LA: every known pupil, nobody unknown */
    assert_true(can_see(OR_ROLE_LA_OFFICER, "o@la.uk", "", D));
    assert_true(can_see(OR_ROLE_LA_ADMIN, "a@la.uk", "", A));
    assert_false(can_see(OR_ROLE_LA_OFFICER, "o@la.uk", "", unknown));
    assert_false(can_see(OR_ROLE_LA_OFFICER, "o@la.uk", "", "<script>"));
    /* a school: its roll, and who left it in the last year */
    assert_true(can_see(OR_ROLE_SCHOOL, "h@s.uk", "100001", A));
    assert_false(can_see(OR_ROLE_SCHOOL, "h@s.uk", "100001", C));
    assert_true(can_see(OR_ROLE_SCHOOL, "h@s.uk", "100002", C));
    assert_false(can_see(OR_ROLE_SCHOOL, "h@s.uk", "100002", B)); /* left 2023: too long ago */
    assert_false(can_see(OR_ROLE_SCHOOL, "h@s.uk", "100002", D));
    /* caseloads: one's own, open, of one's own role; the email in any case */
    assert_true(can_see(OR_ROLE_SOCIAL_WORKER, "sam@x.uk", "", A));
    assert_false(can_see(OR_ROLE_SOCIAL_WORKER, "sam@x.uk", "", C));
    assert_false(can_see(OR_ROLE_SOCIAL_WORKER, "other@x.uk", "", A));
    assert_false(can_see(OR_ROLE_YOUTH_JUSTICE, "yo@x.uk", "", A));  /* closed in January */
    assert_false(can_see(OR_ROLE_YOUTH_JUSTICE, "sam@x.uk", "", A)); /* the wrong role */
    /* the virtual school: looked after (B), with a social worker (A); not C or D */
    assert_true(can_see(OR_ROLE_VIRTUAL_SCHOOL, "v@la.uk", "", A));
    assert_true(can_see(OR_ROLE_VIRTUAL_SCHOOL, "v@la.uk", "", B));
    assert_false(can_see(OR_ROLE_VIRTUAL_SCHOOL, "v@la.uk", "", C));
    assert_false(can_see(OR_ROLE_VIRTUAL_SCHOOL, "v@la.uk", "", D));
    /* a partner: its service's caseload (C), and the pupils referred to one of its routes (A
     * to early help), from the referral's date (D's REU referral is next week) */
    assert_true(can_see(OR_ROLE_PARTNER, "p@reu.uk", "reu", C));
    assert_false(can_see(OR_ROLE_PARTNER, "p@reu.uk", "reu", A));
    assert_false(can_see(OR_ROLE_PARTNER, "p@eh.uk", "early_help", C));
    assert_true(can_see(OR_ROLE_PARTNER, "p@eh.uk", "early_help", A));
    assert_false(can_see(OR_ROLE_PARTNER, "p@reu.uk", "reu", D));
    assert_false(can_see(OR_ROLE_PARTNER, "p@x.uk", "vsh", A)); /* a scope with no route */
    bool yes = true;
    or_error err = {0};
    const char *la_routes[] = {"map", "ep", "ap"}, *reu[] = {"reu"};
    assert_int_equal(
        or_scope_referred(store, A, la_routes, 3, or_date_from_ymd(2025, 11, 24), &yes, &err),
        OR_OK);
    assert_false(yes);
    assert_int_equal(or_scope_referred(store, D, reu, 1, or_date_from_ymd(2025, 12, 1), &yes, &err),
                     OR_OK);
    assert_true(yes); /* on the day of the referral */
    const char *services[8];
    assert_int_equal(web_partner_services("reu", services, 8), 1);
    assert_string_equal(services[0], "reu");
    assert_int_equal(web_partner_services("la", services, 8), 3); /* map, ep, ap: the LA's */
    assert_int_equal(web_partner_services("", services, 8), 0);
    /* the analyst: nobody */
    assert_false(can_see(OR_ROLE_ANALYST, "an@la.uk", "", A));
    /* nobody signed in: nobody */
    web_request anon = {.store = store};
    assert_false(web_can_see_pupil(&anon, A));
}

typedef struct {
    int n;
    char upns[8][14];
} upns;

static or_code on_upn(void *ctx, const char *upn, or_error *err)
{
    upns *u = ctx;
    (void)err;
    if (u->n < 8)
        snprintf(u->upns[u->n], sizeof u->upns[0], "%s", upn);
    u->n++;
    return OR_OK;
}

static void test_school_pupils(void **state)
{
    (void)state;
    or_error err = {0};
    upns u = {0};
    or_date on = or_date_from_ymd(2025, 11, 24);
    assert_int_equal(or_scope_school_pupils(store, 100002, on, on_upn, &u, &err), OR_OK);
    assert_int_equal(u.n, 1);
    assert_string_equal(u.upns[0], "Z999250000003");
    u = (upns){0};
    or_scope_school_pupils(store, 100002, or_date_from_ymd(2023, 9, 1), on_upn, &u, &err);
    assert_int_equal(u.n, 1); /* B, who left in July 2023 */
    assert_string_equal(u.upns[0], "W999250000001");
}

static void test_demo_accounts(void **state)
{
    (void)state;
    or_error err = {0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(or_users_create_demo(store, f, &err), OR_OK);
    fclose(f);
    for (int r = 0; r < OR_ROLE__COUNT; r++)
        assert_non_null(strstr(text, or_role_name((or_role)r)));
    assert_non_null(strstr(text, "sam@x.uk")); /* the social worker of the caseload */
    assert_non_null(strstr(text, "demo-head-kestrel"));
    free(text);
    or_user u;
    bool ok = false;
    assert_int_equal(or_user_verify(store, "sam@x.uk", "demo-social-kestrel", &u, &ok, &err),
                     OR_OK);
    assert_true(ok);
    assert_int_equal(u.role, OR_ROLE_SOCIAL_WORKER);
    assert_int_equal(or_users_create_demo(store, NULL, &err), OR_OK); /* again: no conflict */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),         cmocka_unit_test(test_account_rules),
        cmocka_unit_test(test_accounts),      cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_api_tokens),    cmocka_unit_test(test_audit),
        cmocka_unit_test(test_scope),         cmocka_unit_test(test_school_pupils),
        cmocka_unit_test(test_demo_accounts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
