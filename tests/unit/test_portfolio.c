/* test_portfolio.c - the LA's portfolio counts (portfolio.h) and the partnership meeting
 * cadence (partnership.h), every expected figure worked out by hand below.
 *
 * The cadence's source: RSA / Mayor of London, Inclusive and Nurturing Schools toolkit (2021),
 * Hackney's WAMHS partnership (toolkit.json hackney_wamhs_partnership.cadence: secondary and
 * special "half termly", primary "termly"; toolkit-requirements.md §2.7: the group meets "half
 * termly in secondary and special schools and termly in primary schools to review the audit and
 * action plan").
 *
 * The calendar written out (the LA's 2025/26, as test_calendar.c):
 *   autumn term  Wed 3 Sep - Fri 19 Dec 2025, half-term holiday Mon 27 - Fri 31 Oct
 *   Christmas    holiday Sat 20 Dec 2025 - Sun 4 Jan 2026 (between terms: splits nothing)
 *   spring term  Mon 5 Jan - Fri 27 Mar 2026, half-term holiday Mon 16 - Fri 20 Feb
 *   summer term  Mon 13 Apr - Wed 22 Jul 2026, half-term holiday Mon 25 - Fri 29 May
 * Half-terms, by hand, with their last school day:
 *   0  3 Sep - 26 Oct 2025      Fri 24 Oct 2025
 *   1  1 Nov - 19 Dec 2025      Fri 19 Dec 2025
 *   2  5 Jan - 15 Feb 2026      Fri 13 Feb 2026
 *   3  21 Feb - 27 Mar 2026     Fri 27 Mar 2026
 *   4  13 Apr - 24 May 2026     Fri 22 May 2026
 *   5  30 May - 22 Jul 2026     Wed 22 Jul 2026
 * Terms: 0 autumn (Fri 19 Dec 2025), 1 spring (Fri 27 Mar 2026), 2 summer (Wed 22 Jul 2026). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/partnership.h"
#include "onroll/portfolio.h"
#include "onroll/rules.h"

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (!s)
        return OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

static const struct {
    const char *start, *end;
    or_cal_kind kind;
} rows[] = {
    {"2025-09-03", "2025-12-19", OR_CAL_TERM},    {"2025-10-27", "2025-10-31", OR_CAL_HOLIDAY},
    {"2025-12-20", "2026-01-04", OR_CAL_HOLIDAY}, {"2026-01-05", "2026-03-27", OR_CAL_TERM},
    {"2026-02-16", "2026-02-20", OR_CAL_HOLIDAY}, {"2026-04-13", "2026-07-22", OR_CAL_TERM},
    {"2026-05-25", "2026-05-29", OR_CAL_HOLIDAY},
};

static void test_cadence_of_phase(void **state)
{
    (void)state;
    assert_int_equal(or_pm_cadence_of("secondary"), OR_PM_HALF_TERMLY);
    assert_int_equal(or_pm_cadence_of("special"), OR_PM_HALF_TERMLY);
    assert_int_equal(or_pm_cadence_of("primary"), OR_PM_TERMLY);
    /* the source gives no cadence for these: no duty */
    assert_int_equal(or_pm_cadence_of("nursery"), OR_PM_NONE);
    assert_int_equal(or_pm_cadence_of("all-through"), OR_PM_NONE);
    assert_int_equal(or_pm_cadence_of("pru"), OR_PM_NONE);
    assert_int_equal(or_pm_cadence_of(NULL), OR_PM_NONE);
    assert_string_equal(or_pm_cadence_words(OR_PM_TERMLY), "termly");
    assert_string_equal(or_pm_role_label("camhs"), "CAMHS link worker");
    assert_null(or_pm_role_label("x"));
    /* the rule's row cites the source's words */
    const or_rule *r = or_rule_find("LOCAL-PARTNERSHIP-MEETING");
    assert_non_null(r);
    assert_non_null(strstr(r->source, "half termly in secondary and special schools and termly "
                                      "in primary schools"));
    assert_int_equal(r->code, OR_RULE_LOCAL_PARTNERSHIP_MEETING);
}

static void test_due_dates(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_cal_row r[sizeof rows / sizeof rows[0]];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        r[i] = (or_cal_row){D(rows[i].start), D(rows[i].end), rows[i].kind, false};
    or_calendar cal;
    or_error err = {0};
    assert_int_equal(or_calendar_build(&cal, r, (int)(sizeof r / sizeof r[0]), &a, &err), OR_OK);
    static const struct {
        const char *why;
        or_pm_cadence c;
        const char *last, *today, *due; /* due NULL: none on this calendar */
    } cases[] = {
        /* half-termly (secondary, special): the end of the half-term after the last one's */
        {"held in half-term 0 -> end of 1", OR_PM_HALF_TERMLY, "2025-10-15", "2025-10-16",
         "2025-12-19"},
        {"held in the October holiday -> the next half-term's end", OR_PM_HALF_TERMLY, "2025-10-29",
         "2025-11-03", "2025-12-19"},
        {"held in half-term 1 -> end of 2", OR_PM_HALF_TERMLY, "2025-12-10", "2025-12-11",
         "2026-02-13"},
        {"held at Christmas -> the spring's first half-term", OR_PM_HALF_TERMLY, "2025-12-28",
         "2026-01-05", "2026-02-13"},
        {"held on the last day of half-term 2 -> end of 3", OR_PM_HALF_TERMLY, "2026-02-13",
         "2026-02-13", "2026-03-27"},
        {"held in half-term 3 -> end of 4 (a Sunday half-term end: Fri 22 May)", OR_PM_HALF_TERMLY,
         "2026-03-02", "2026-03-03", "2026-05-22"},
        {"held in the last half-term: none on the calendar", OR_PM_HALF_TERMLY, "2026-06-01",
         "2026-06-02", NULL},
        {"never met, today in half-term 0 -> its end", OR_PM_HALF_TERMLY, NULL, "2025-09-10",
         "2025-10-24"},
        {"never met, today in the February holiday -> the next half-term's end", OR_PM_HALF_TERMLY,
         NULL, "2026-02-18", "2026-03-27"},
        /* termly (primary): the end of the term after the last one's */
        {"primary: held in autumn -> end of spring", OR_PM_TERMLY, "2025-10-15", "2025-10-16",
         "2026-03-27"},
        {"primary: held in the October holiday (inside the autumn term)", OR_PM_TERMLY,
         "2025-10-29", "2025-11-03", "2026-03-27"},
        {"primary: held at Christmas -> the spring term's end", OR_PM_TERMLY, "2025-12-28",
         "2026-01-05", "2026-03-27"},
        {"primary: held in spring -> end of summer", OR_PM_TERMLY, "2026-02-05", "2026-02-06",
         "2026-07-22"},
        {"primary: held in summer: none on the calendar", OR_PM_TERMLY, "2026-06-01", "2026-06-02",
         NULL},
        {"primary: never met, today in autumn -> its end", OR_PM_TERMLY, NULL, "2025-09-10",
         "2025-12-19"},
        {"no cadence: no duty", OR_PM_NONE, NULL, "2025-09-10", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_date got = or_pm_due(&cal, cases[i].c, D(cases[i].last), D(cases[i].today));
        if (got != D(cases[i].due))
            fail_msg("%s", cases[i].why);
    }
    assert_int_equal(or_pm_due(NULL, OR_PM_TERMLY, OR_DATE_NONE, D("2025-09-10")), OR_DATE_NONE);
    /* the current period's end, for what /duties lists */
    assert_int_equal(or_pm_period_end(&cal, OR_PM_HALF_TERMLY, D("2025-11-20")), D("2025-12-19"));
    assert_int_equal(or_pm_period_end(&cal, OR_PM_TERMLY, D("2025-09-20")), D("2025-12-19"));
    or_arena_free(&a);
}

/* Five schools (URNs 1-5) in 2025/26 on the wellbeing audit (levels Emerging, Established,
 * Advanced), today 1 March 2026 (12 months before: 1 March 2025), and school 9, not among them:
 *   1: 2025 complete on 10 Oct 2025, area 1 Established, area 2 Advanced;
 *      2024 complete, area 1 Emerging, area 2 Advanced
 *   2: 2025 started, area 1 Emerging; 2024 complete on 1 Nov 2024, area 1 Established
 *   3: 2024 complete on 1 Dec 2024 only
 *   4: no review
 *   5: 2025 complete on 28 Feb 2025 (before 1 March 2025: outdated), area 1 Advanced;
 *      2024 area 1 Advanced
 *   9: 2025 started, area 1 Emerging (not one of the five: not counted)
 * By hand: engaged 3 of 5 (1, 2, 5), complete 2 (1, 5).
 *   area 1: Emerging 1 (school 2), Established 1 (1), Advanced 1 (5), not judged 0;
 *           up 1 (school 1), down 1 (school 2), same 1 (school 5)
 *   area 2: Advanced 1 (1), not judged 2 (2, 5); same 1 (school 1)
 *   area 3: not judged 3
 *   due: 1 no, 2 started, 3 none this year (last 2024-12-01), 4 none (never), 5 outdated */
static void test_portfolio_counts(void **state)
{
    (void)state;
    const or_instrument *in = or_instrument_find("wellbeing-audit", 0);
    assert_non_null(in);
    assert_int_equal(in->njudgements, 3);
    const char *j1now[] = {"Established", "Advanced"}, *j1before[] = {"Emerging", "Advanced"};
    const char *j2now[] = {"Emerging"}, *j2before[] = {"Established"};
    const char *j5now[] = {"Advanced"}, *j5before[] = {"Advanced"}, *j9[] = {"Emerging"};
    const or_pf_review rs[] = {
        {1, 2025, "complete", "2025-10-10", j1now, 2},
        {1, 2024, "complete", "2024-10-01", j1before, 2},
        {2, 2025, "started", "", j2now, 1},
        {2, 2024, "complete", "2024-11-01", j2before, 1},
        {3, 2024, "complete", "2024-12-01", NULL, 0},
        {5, 2025, "complete", "2025-02-28", j5now, 1},
        {5, 2024, "complete", "2024-09-30", j5before, 1},
        {9, 2025, "started", "", j9, 1},
    };
    const int urns[] = {1, 2, 3, 4, 5};
    or_arena a = OR_ARENA_INIT;
    or_portfolio p;
    or_error err = {0};
    assert_int_equal(or_portfolio_build(in, 2025, D("2026-03-01"), urns, 5, rs,
                                        (int)(sizeof rs / sizeof rs[0]), &a, &p, &err),
                     OR_OK);
    assert_int_equal(p.schools, 5);
    assert_int_equal(p.engaged, 3);
    assert_int_equal(p.complete, 2);
    assert_int_equal(p.nareas, 9);
    assert_int_equal(p.nlevels, 3);
    const int want[3][4] = {{1, 1, 1, 0}, {0, 0, 1, 2}, {0, 0, 0, 3}};
    for (int s = 0; s < 3; s++)
        for (int l = 0; l < 4; l++)
            assert_int_equal(p.dist[s * 4 + l], want[s][l]);
    assert_int_equal(p.up[0], 1);
    assert_int_equal(p.down[0], 1);
    assert_int_equal(p.same[0], 1);
    assert_int_equal(p.up[1] + p.down[1], 0);
    assert_int_equal(p.same[1], 1);
    assert_int_equal(p.up[2] + p.down[2] + p.same[2], 0);
    const or_pf_due due[] = {OR_PF_NOT_DUE, OR_PF_DUE_STARTED, OR_PF_DUE_NONE, OR_PF_DUE_NONE,
                             OR_PF_DUE_OUTDATED};
    const char *last[] = {"2025-10-10", "2024-11-01", "2024-12-01", "", "2025-02-28"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(p.rows[i].urn, urns[i]);
        assert_int_equal(p.rows[i].due, due[i]);
        assert_string_equal(p.rows[i].last_completed, last[i]);
    }
    assert_string_equal(or_pf_due_words(OR_PF_DUE_OUTDATED),
                        "Last completed more than 12 months ago");
    or_arena_free(&a);
}

/* The SEND review's judgements, Stabilise < Repair < Improve < Sustain: a school from Repair to
 * Sustain moved up, one from Improve to Stabilise down. The inclusion review has no judgements:
 * no areas counted, engagement still. */
static void test_send_review_and_none(void **state)
{
    (void)state;
    const or_instrument *in = or_instrument_find("send-review", 0);
    const char *a_now[] = {"Sustain"}, *a_before[] = {"Repair"};
    const char *b_now[] = {"Stabilise"}, *b_before[] = {"Improve"};
    const or_pf_review rs[] = {{10, 2025, "complete", "2025-12-01", a_now, 1},
                               {10, 2024, "complete", "2024-12-01", a_before, 1},
                               {11, 2025, "complete", "2025-12-01", b_now, 1},
                               {11, 2024, "complete", "2024-12-01", b_before, 1}};
    const int urns[] = {10, 11};
    or_arena a = OR_ARENA_INIT;
    or_portfolio p;
    or_error err = {0};
    assert_int_equal(or_portfolio_build(in, 2025, D("2026-01-10"), urns, 2, rs, 4, &a, &p, &err),
                     OR_OK);
    assert_int_equal(p.nlevels, 4);
    assert_int_equal(p.dist[0 * 5 + 3], 1); /* Sustain */
    assert_int_equal(p.dist[0 * 5 + 0], 1); /* Stabilise */
    assert_int_equal(p.up[0], 1);
    assert_int_equal(p.down[0], 1);
    const or_instrument *none = or_instrument_find("inclusion-review", 0);
    assert_int_equal(or_portfolio_build(none, 2025, D("2026-01-10"), urns, 2, rs, 4, &a, &p, &err),
                     OR_OK);
    assert_int_equal(p.nareas, 0);
    assert_int_equal(p.engaged, 2);
    assert_int_equal(or_portfolio_build(NULL, 2025, D("2026-01-10"), urns, 2, rs, 4, &a, &p, &err),
                     OR_EUSAGE);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cadence_of_phase),
        cmocka_unit_test(test_due_dates),
        cmocka_unit_test(test_portfolio_counts),
        cmocka_unit_test(test_send_review_and_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
