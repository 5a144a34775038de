/* test_web_words.c - the shared view helpers and the report table on screen speak as people do
 * (issue 14, "words and numbers"): key figures with thousands separators, GOV.UK dates, events
 * named by what and when, report headings people read with the CSV's machine names kept. Each
 * expected string worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "onroll/report.h"
#include "web/view.h"

static void test_key_figures(void **state)
{
    (void)state;
    char b[24];
    /* finding: "37166" beside "29,979" */
    assert_string_equal(view_count(37166, false, b), "37,166");
    assert_string_equal(view_count(29979, true, b), "29,979");
    assert_string_equal(view_count(2, true, b), "c");
    assert_string_equal(view_count(2, false, b), "2");
}

static void test_dates_and_events(void **state)
{
    (void)state;
    char b[24];
    assert_string_equal(view_date(or_date_from_ymd(2026, 12, 8), b), "8 December 2026");
    char h[24];
    or_date_human(or_date_from_ymd(2026, 12, 12), h);
    assert_string_equal(h, "12 December 2026"); /* was "Sat 12 Dec 2026" */
    or_arena a = OR_ARENA_INIT;
    or_fact_event e = {.event_id = "WEB-1A9DACE341DD4BBC",
                       .kind = OR_EV_SUSPENSION,
                       .start = or_date_from_ymd(2026, 12, 8),
                       .end = OR_DATE_NONE,
                       .sessions = 6};
    /* finding: "Letters about WEB-1A9DACE341DD4BBC" */
    assert_string_equal(view_event_name(&a, &e), "Suspension from 8 December 2026, 3 days");
    assert_true(view_internal_id(e.event_id));
    assert_false(view_internal_id("EX-2026-00017"));
    /* finding: raw codes ("pep", "(reu)") on screen: every event type and service by name */
    assert_string_equal(view_event_label("pep"), "Personal education plan");
    assert_string_equal(view_event_label("referral_update"), "Referral update");
    assert_string_equal(view_event_label("plan_review"), "Plan review");
    for (int k = 0; k < OR_EV__COUNT; k++) /* no type shown as its code */
        assert_string_not_equal(view_event_label(or_event_kind_name((or_event_kind)k)),
                                or_event_kind_name((or_event_kind)k));
    assert_string_equal(or_label_service("reu"), "Re-engagement Unit");
    or_arena_free(&a);
}

static void test_report_table_on_screen(void **state)
{
    (void)state;
    static const char *cols[] = {"time_period",       "la_code",          "eal",
                                 "eal_label",         "headcount",        "one_plus_rr",
                                 "one_plus_rr_lower", "one_plus_rr_upper"};
    static const bool numeric[] = {false, false, false, false, true, true, true, true};
    static const char *cells[] = {
        "202526", "999",  "1",    "English as an additional language",
        "1506",   "0.79", "0.54", "1.17",
        "202526", "999",  "0",    "First language English",
        "2418",   "c",    "c",    "c",
    };
    or_table t = {"By EAL", 8, 2, cols, cells, numeric};
    or_sb out = OR_SB_INIT;
    or_table_html(&out, &t);
    or_sb_addc(&out, '\0');
    const char *h = out.buf;
    /* finding: machine column names on screen (one_plus_rr_lower) */
    assert_null(strstr(h, "one_plus_rr"));
    assert_null(strstr(h, "eal_label"));
    assert_null(strstr(h, ">202526<")); /* the year every row holds: in the caption instead */
    assert_non_null(strstr(h, ">English as an additional language</th>"));
    assert_non_null(strstr(h, ">Pupils</th>"));
    assert_non_null(strstr(h, "Risk ratio, suspended at least once (95% confidence interval)"));
    assert_non_null(strstr(h, ">1,506<"));
    assert_non_null(strstr(h, ">0.79 (0.54 to 1.17)<"));
    assert_non_null(strstr(h, "numeric\">c<"));
    or_sb_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_figures),
        cmocka_unit_test(test_dates_and_events),
        cmocka_unit_test(test_report_table_on_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
