/* test_toc.c - a theory of change's terms and guardrails (toc.h), every expected answer
 * worked out by hand below.
 *
 * Terms: the calendar of test_calendar.c (DOMAIN.md §2) with the summer term of 2024/25 before
 * it and the autumn term of 2026/27 after it:
 *   2024/25  summer   Mon 28 Apr - Tue 22 Jul 2025   (before 1 September 2025: not 2025/26's)
 *   2025/26  autumn   Wed 3 Sep - Fri 19 Dec 2025, half-term Mon 27 - Fri 31 Oct inside it
 *            spring   Mon 5 Jan - Fri 27 Mar 2026, half-term Mon 16 - Fri 20 Feb inside it
 *            summer   Mon 13 Apr - Wed 22 Jul 2026, half-term Mon 25 - Fri 29 May inside it
 *   2026/27  autumn   Tue 1 Sep - Fri 18 Dec 2026   (on 1 September 2026: 2026/27's)
 * So 2025/26 has three terms, named Autumn, Spring and Summer, each the whole term row (a
 * half-term holiday inside one does not split the term: or_cal_term_of keeps it in the term),
 * and 2026/27 has one, "Term 1" (not three). A school with its own term rows (six terms of
 * 2025/26, as some LAs publish) gets "Term 1" to "Term 6". An exclusion on Fri 31 Oct 2025
 * (half-term) is in the autumn term's dates; one on Sat 20 Dec 2025 is in none.
 *
 * Guardrails: the toolkit's rules for outcomes (development step 3), in its words. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/toc.h"

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

typedef struct {
    const char *start, *end;
    or_cal_kind kind;
} row_text;

static void build(or_calendar *cal, or_arena *a, const row_text *rows, int n)
{
    or_cal_row r[32];
    for (int i = 0; i < n; i++)
        r[i] = (or_cal_row){D(rows[i].start), D(rows[i].end), rows[i].kind, false};
    or_error err = {0};
    assert_int_equal(or_calendar_build(cal, r, n, a, &err), OR_OK);
}

static const row_text la[] = {
    {"2025-04-28", "2025-07-22", OR_CAL_TERM},    {"2025-09-03", "2025-12-19", OR_CAL_TERM},
    {"2025-10-27", "2025-10-31", OR_CAL_HOLIDAY}, {"2025-12-20", "2026-01-04", OR_CAL_HOLIDAY},
    {"2026-01-05", "2026-03-27", OR_CAL_TERM},    {"2026-02-16", "2026-02-20", OR_CAL_HOLIDAY},
    {"2026-04-13", "2026-07-22", OR_CAL_TERM},    {"2026-05-25", "2026-05-29", OR_CAL_HOLIDAY},
    {"2026-09-01", "2026-12-18", OR_CAL_TERM},
};

static void test_terms(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_calendar cal;
    build(&cal, &a, la, (int)(sizeof la / sizeof la[0]));
    or_toc_term t[8];
    assert_int_equal(or_toc_terms(&cal, 2025, t, 8), 3);
    assert_string_equal(t[0].name, "Autumn term");
    assert_int_equal(t[0].start, D("2025-09-03"));
    assert_int_equal(t[0].end, D("2025-12-19"));
    assert_string_equal(t[1].name, "Spring term");
    assert_int_equal(t[1].start, D("2026-01-05"));
    assert_int_equal(t[1].end, D("2026-03-27"));
    assert_string_equal(t[2].name, "Summer term");
    assert_int_equal(t[2].start, D("2026-04-13"));
    assert_int_equal(t[2].end, D("2026-07-22"));
    for (int i = 0; i < 3; i++)
        assert_int_equal(t[i].ay, 2025);
    /* the half-term day is inside the autumn term's dates; the Christmas Saturday in none */
    or_date hol = D("2025-10-31"), xmas = D("2025-12-20");
    assert_true(hol >= t[0].start && hol <= t[0].end);
    for (int i = 0; i < 3; i++)
        assert_false(xmas >= t[i].start && xmas <= t[i].end);
    /* 2024/25: only its summer term is in the calendar; 2026/27: one term, numbered */
    assert_int_equal(or_toc_terms(&cal, 2024, t, 8), 1);
    assert_string_equal(t[0].name, "Term 1");
    assert_int_equal(t[0].start, D("2025-04-28"));
    assert_int_equal(or_toc_terms(&cal, 2026, t, 8), 1);
    assert_int_equal(t[0].start, D("2026-09-01"));
    assert_int_equal(or_toc_terms(&cal, 2027, t, 8), 0);
    /* at most max */
    assert_int_equal(or_toc_terms(&cal, 2025, t, 2), 2);
    or_arena_free(&a);
}

static void test_six_terms(void **state)
{
    (void)state;
    static const row_text six[] = {
        {"2025-09-03", "2025-10-24", OR_CAL_TERM}, {"2025-11-03", "2025-12-19", OR_CAL_TERM},
        {"2026-01-05", "2026-02-13", OR_CAL_TERM}, {"2026-02-23", "2026-03-27", OR_CAL_TERM},
        {"2026-04-13", "2026-05-22", OR_CAL_TERM}, {"2026-06-01", "2026-07-22", OR_CAL_TERM},
    };
    or_arena a = OR_ARENA_INIT;
    or_calendar cal;
    build(&cal, &a, six, 6);
    or_toc_term t[8];
    assert_int_equal(or_toc_terms(&cal, 2025, t, 8), 6);
    assert_string_equal(t[0].name, "Term 1");
    assert_string_equal(t[5].name, "Term 6");
    assert_int_equal(t[3].start, D("2026-02-23"));
    assert_int_equal(t[3].end, D("2026-03-27"));
    or_arena_free(&a);
}

static or_toc_item outcome(bool resp, bool acc, bool cons, bool prio)
{
    return (or_toc_item){.id = 1,
                         .toc_id = 1,
                         .kind = OR_TOC_OUTCOME,
                         .body = "x",
                         .responsible = resp,
                         .accountable = acc,
                         .consensus = cons,
                         .priority = prio,
                         .starts_on = OR_DATE_NONE,
                         .ends_on = OR_DATE_NONE};
}

static void test_guardrails(void **state)
{
    (void)state;
    const char *field = NULL;
    or_toc_item it = outcome(false, false, true, false);
    assert_string_equal(or_toc_item_refusal(&it, &field),
                        "Don't list outcomes you wouldn't want to be held responsible for");
    assert_string_equal(field, "responsible");
    it = outcome(true, true, false, false);
    assert_string_equal(or_toc_item_refusal(&it, &field),
                        "Make sure there is consensus about what the outcomes are and which you "
                        "will be held accountable for.");
    assert_string_equal(field, "accountable");
    it = outcome(true, true, true, true);
    assert_null(or_toc_item_refusal(&it, &field));
    assert_null(field);
    it = outcome(true, false, false, false); /* listed, not (yet) accountable, not agreed: kept */
    assert_null(or_toc_item_refusal(&it, NULL));
    /* the flags are an outcome's only */
    it = outcome(true, false, false, false);
    it.kind = OR_TOC_MECHANISM;
    assert_non_null(or_toc_item_refusal(&it, &field));
    assert_string_equal(field, "kind");
    it.responsible = false;
    assert_null(or_toc_item_refusal(&it, NULL));
    /* an activity ends on or after its start */
    or_toc_item act = {.kind = OR_TOC_ACTIVITY,
                       .body = "x",
                       .starts_on = D("2026-09-07"),
                       .ends_on = D("2026-09-06")};
    assert_string_equal(or_toc_item_refusal(&act, &field),
                        "The end date must be the same as or after the start date");
    assert_string_equal(field, "ends_on");
    act.ends_on = D("2026-09-07");
    assert_null(or_toc_item_refusal(&act, NULL));
    act.ends_on = OR_DATE_NONE; /* no end yet: allowed */
    assert_null(or_toc_item_refusal(&act, NULL));
    it.kind = (or_toc_kind)9;
    assert_non_null(or_toc_item_refusal(&it, &field));
}

static void test_feeds(void **state)
{
    (void)state;
    or_toc_item k[OR_TOC__KINDS];
    for (int i = 0; i < OR_TOC__KINDS; i++)
        k[i] = (or_toc_item){.id = 10 + i, .toc_id = 1, .kind = (or_toc_kind)i};
    /* left to right: activity 0, moderator 1, mechanism 2, outcome 3, aim 4 */
    assert_true(or_toc_may_feed(&k[OR_TOC_ACTIVITY], &k[OR_TOC_MECHANISM]));
    assert_true(or_toc_may_feed(&k[OR_TOC_ACTIVITY], &k[OR_TOC_OUTCOME]));
    assert_true(or_toc_may_feed(&k[OR_TOC_ACTIVITY], &k[OR_TOC_MODERATOR]));
    assert_true(or_toc_may_feed(&k[OR_TOC_MECHANISM], &k[OR_TOC_OUTCOME]));
    assert_true(or_toc_may_feed(&k[OR_TOC_OUTCOME], &k[OR_TOC_AIM]));
    assert_false(or_toc_may_feed(&k[OR_TOC_OUTCOME], &k[OR_TOC_ACTIVITY]));
    assert_false(or_toc_may_feed(&k[OR_TOC_AIM], &k[OR_TOC_OUTCOME]));
    assert_false(or_toc_may_feed(&k[OR_TOC_MECHANISM], &k[OR_TOC_MODERATOR]));
    or_toc_item same = k[OR_TOC_OUTCOME];
    same.id = 99;
    assert_false(or_toc_may_feed(&k[OR_TOC_OUTCOME], &same)); /* same column */
    assert_false(or_toc_may_feed(&k[OR_TOC_OUTCOME], &k[OR_TOC_OUTCOME]));
    or_toc_item other = k[OR_TOC_AIM];
    other.toc_id = 2; /* another theory's */
    assert_false(or_toc_may_feed(&k[OR_TOC_OUTCOME], &other));
    assert_false(or_toc_may_feed(NULL, &other));
}

static void test_priority_and_figures(void **state)
{
    (void)state;
    or_toc_item items[3] = {outcome(true, false, false, false),
                            outcome(true, false, false, false),
                            {.kind = OR_TOC_AIM}};
    assert_true(or_toc_needs_priority(items, 3)); /* two outcomes, none the most important */
    items[1].priority = true;
    assert_false(or_toc_needs_priority(items, 3));
    assert_false(or_toc_needs_priority(items, 1)); /* one outcome: no prompt */
    double v = -1;
    assert_true(or_toc_figure_parse("4.5", &v));
    assert_true(fabs(v - 4.5) < 1e-9);
    assert_true(or_toc_figure_parse("0", &v));
    assert_true(or_toc_figure_parse("100000", &v));
    assert_false(or_toc_figure_parse("100001", &v));
    assert_false(or_toc_figure_parse("4.555", &v));
    assert_false(or_toc_figure_parse("4.", &v));
    assert_false(or_toc_figure_parse(".5", &v));
    assert_false(or_toc_figure_parse("-1", &v));
    assert_false(or_toc_figure_parse("1e3", &v));
    assert_false(or_toc_figure_parse("", &v));
    assert_false(or_toc_figure_parse("9.77x", &v));
    assert_non_null(or_toc_statistic_find("susp_rate"));
    assert_true(or_toc_statistic_find("susp_rate")->rate);
    assert_false(or_toc_statistic_find("suspension")->rate);
    assert_null(or_toc_statistic_find("absence_rate")); /* the rates report has none */
    assert_int_equal(or_toc_kind_parse("mechanism"), OR_TOC_MECHANISM);
    assert_int_equal(or_toc_kind_parse("Mechanism"), -1);
    /* the toolkit's names, verbatim */
    assert_string_equal(or_toc_components[OR_TOC_AIM].name, "Aim(s)");
    assert_string_equal(or_toc_components[OR_TOC_OUTCOME].definition,
                        "The measurable results of your work.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_six_terms),
        cmocka_unit_test(test_guardrails),
        cmocka_unit_test(test_feeds),
        cmocka_unit_test(test_priority_and_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
