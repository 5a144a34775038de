/* test_survey_stats.c - a survey's published statistics (survey_stats.h), every expected value
 * worked out by hand below, to 2 d.p.
 *
 * Suppression is DOMAIN.md §6: "counts of 1 and 2 (configurable) and every rate or ratio
 * computed from them are shown as c; then secondary suppression: where a row or column total is
 * shown and exactly one cell in it is suppressed, suppress the next smallest cell too". A
 * distribution is a list of counts with its total (those who answered) shown.
 *
 * The paired change is the outcomes report's: d_i = after_i - before_i, mean m, sample SD s
 * (n - 1), SE = s / sqrt(n), CI = m -/+ t(0.975, n - 1) SE; t(0.975, 4) = 2.776 (any printed
 * table of Student's t; 2.7764451 to 7 d.p.). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/stats.h"
#include "onroll/survey_stats.h"

/* strongly agree / agree / do not agree, scored 3 / 2 / 1 */
static const int agree_scores[3] = {3, 2, 1};

static void test_dist_plain(void **state)
{
    (void)state;
    /* 5 strongly agree, 4 agree, 3 do not agree, 1 no answer: counts 5, 4, 3; answered 12.
     * mean = (5x3 + 4x2 + 3x1) / 12 = (15 + 8 + 3) / 12 = 26 / 12 = 2.1666... -> 2.17 */
    int levels[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, -1};
    or_survey_dist d;
    or_error err = {0};
    assert_int_equal(or_survey_dist_of(levels, 13, 3, agree_scores, 2, &d, &err), OR_OK);
    assert_int_equal(d.counts[0], 5);
    assert_int_equal(d.counts[1], 4);
    assert_int_equal(d.counts[2], 3);
    assert_int_equal(d.answered, 12);
    for (int l = 0; l <= 3; l++)
        assert_int_equal(d.flags[l], OR_SUP_NONE);
    assert_true(d.mean_shown);
    assert_int_equal(d.mean_x100, 217);
    /* the percentages: 5 / 12 = 41.666...% -> 41.67; 4 / 12 = 33.33; 3 / 12 = 25.00 */
    char buf[32];
    or_cell_rate(d.counts[0], d.flags[0], d.answered, d.flags[3], buf, sizeof buf);
    assert_string_equal(buf, "41.67");
    or_cell_rate(d.counts[2], d.flags[2], d.answered, d.flags[3], buf, sizeof buf);
    assert_string_equal(buf, "25.00");
}

static void test_dist_exact_tie(void **state)
{
    (void)state;
    /* 3 strongly agree, 5 agree, 0 do not agree: (9 + 10 + 0) / 8 = 19 / 8 = 2.375 exactly,
     * half away from zero -> 2.38; the 0 is shown as 0, not suppressed */
    int levels[] = {0, 0, 0, 1, 1, 1, 1, 1};
    or_survey_dist d;
    assert_int_equal(or_survey_dist_of(levels, 8, 3, agree_scores, 2, &d, NULL), OR_OK);
    assert_int_equal(d.counts[2], 0);
    assert_int_equal(d.flags[2], OR_SUP_NONE);
    assert_true(d.mean_shown);
    assert_int_equal(d.mean_x100, 238);
    char buf[32];
    or_cell_count(d.counts[2], d.flags[2], buf, sizeof buf);
    assert_string_equal(buf, "0");
}

static void test_dist_primary_and_secondary(void **state)
{
    (void)state;
    /* yes 9, no 1, total 10 shown: 1 is primary; the list's total is shown and has exactly one
     * suppressed cell, so the next smallest non-zero cell (9) is suppressed too (§6). The mean
     * (9 x 1 + 1 x 0) / 10 = 0.90 would give both away: not shown. */
    static const int yes_no[2] = {1, 0};
    int levels[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    or_survey_dist d;
    assert_int_equal(or_survey_dist_of(levels, 10, 2, yes_no, 2, &d, NULL), OR_OK);
    assert_int_equal(d.flags[0], OR_SUP_SECONDARY);
    assert_int_equal(d.flags[1], OR_SUP_PRIMARY);
    assert_int_equal(d.flags[2], OR_SUP_NONE); /* the total, 10 */
    assert_false(d.mean_shown);
    char buf[32];
    or_cell_count(d.counts[1], d.flags[1], buf, sizeof buf);
    assert_string_equal(buf, "c");
    or_cell_rate(d.counts[0], d.flags[0], d.answered, d.flags[2], buf, sizeof buf);
    assert_string_equal(buf, "c");

    /* 6 strongly agree, 2 agree, 0 do not agree: 2 primary; the next smallest NON-ZERO is 6
     * (a 0 hides nothing), so 6 is secondary and the 0 stays shown */
    int l2[8] = {0, 0, 0, 0, 0, 0, 1, 1};
    assert_int_equal(or_survey_dist_of(l2, 8, 3, agree_scores, 2, &d, NULL), OR_OK);
    assert_int_equal(d.flags[0], OR_SUP_SECONDARY);
    assert_int_equal(d.flags[1], OR_SUP_PRIMARY);
    assert_int_equal(d.flags[2], OR_SUP_NONE);
    assert_int_equal(d.flags[3], OR_SUP_NONE);
    assert_false(d.mean_shown);
}

static void test_dist_two_answers(void **state)
{
    (void)state;
    /* 2 answers, both strongly agree: the count 2 and the total 2 are both primary; with two
     * suppressed in the line no secondary is needed; the mean of two people is not shown */
    int levels[] = {0, 0, -1};
    or_survey_dist d;
    assert_int_equal(or_survey_dist_of(levels, 3, 3, agree_scores, 2, &d, NULL), OR_OK);
    assert_int_equal(d.flags[0], OR_SUP_PRIMARY);
    assert_int_equal(d.flags[1], OR_SUP_NONE);
    assert_int_equal(d.flags[3], OR_SUP_PRIMARY);
    assert_false(d.mean_shown);
    /* threshold 0 turns suppression off: the 2 and its mean 3.00 are shown */
    assert_int_equal(or_survey_dist_of(levels, 3, 3, agree_scores, 0, &d, NULL), OR_OK);
    assert_int_equal(d.flags[0], OR_SUP_NONE);
    assert_true(d.mean_shown);
    assert_int_equal(d.mean_x100, 300);
}

static void test_dist_unscored_and_errors(void **state)
{
    (void)state;
    int levels[] = {0, 1, 2, 0, 1, 2, 0, 1, 2};
    or_survey_dist d;
    or_error err = {0};
    assert_int_equal(or_survey_dist_of(levels, 9, 3, NULL, 2, &d, &err), OR_OK);
    assert_false(d.scored);
    assert_false(d.mean_shown); /* no scores: no mean */
    assert_int_equal(d.answered, 9);
    int bad[] = {3};
    assert_int_equal(or_survey_dist_of(bad, 1, 3, NULL, 2, &d, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "level 3 of 3"));
    assert_int_equal(or_survey_dist_of(levels, 9, 0, NULL, 2, &d, &err), OR_EUSAGE);
    assert_int_equal(or_survey_dist_of(levels, 9, 3, NULL, -1, &d, &err), OR_EUSAGE);
    /* nobody answered: nothing to show, nothing suppressed */
    assert_int_equal(or_survey_dist_of(NULL, 0, 3, agree_scores, 2, &d, &err), OR_OK);
    assert_int_equal(d.answered, 0);
    assert_false(d.mean_shown);
}

static void test_mean_and_domain(void **state)
{
    (void)state;
    /* a domain score per respondent: items 4, 3, (not answered), 5.
     * mean: (4 + 3 + 5) / 3 = 12 / 3 = 4.00; sum: not every item answered, so none */
    double s[] = {4, 3, 1, 5};
    bool a[] = {true, true, false, true};
    double v;
    bool has;
    or_survey_domain_score(s, a, 4, false, &v, &has);
    assert_true(has);
    assert_float_equal(v, 4.0, 1e-12);
    or_survey_domain_score(s, a, 4, true, &v, &has);
    assert_false(has);
    /* every item answered: sum 4 + 3 + 1 + 5 = 13.00; mean 13 / 4 = 3.25 */
    bool all[] = {true, true, true, true};
    or_survey_domain_score(s, all, 4, true, &v, &has);
    assert_true(has);
    assert_float_equal(v, 13.0, 1e-12);
    or_survey_domain_score(s, all, 4, false, &v, &has);
    assert_float_equal(v, 3.25, 1e-12);
    bool none[] = {false, false, false, false};
    or_survey_domain_score(s, none, 4, false, &v, &has); /* nothing answered: never a score */
    assert_false(has);

    /* the mean over respondents: 2.5 + 3.0 + 3.5 + 4.0 = 13.0; / 4 = 3.25, shown (4 > 2) */
    double vals[] = {2.5, 3.0, 3.5, 4.0};
    or_survey_mean m;
    assert_int_equal(or_survey_mean_of(vals, 4, 2, &m, NULL), OR_OK);
    assert_int_equal(m.n, 4);
    assert_float_equal(m.mean, 3.25, 1e-12);
    assert_true(m.shown);
    /* two respondents: (2.5 + 3.0) / 2 = 2.75, but 2 is 1 to 2: "c" */
    assert_int_equal(or_survey_mean_of(vals, 2, 2, &m, NULL), OR_OK);
    assert_float_equal(m.mean, 2.75, 1e-12);
    assert_false(m.shown);
    double nan_v[] = {NAN};
    or_error err = {0};
    assert_int_equal(or_survey_mean_of(nan_v, 1, 2, &m, &err), OR_EUSAGE);
}

static void test_pair(void **state)
{
    (void)state;
    /* earlier wave: c 1, a 2, b 3, e 4; later wave: b 30, d 40, a 20, c 10.
     * In both: a, b, c -> in key order (2, 20), (3, 30), (1, 10); d and e unpaired */
    or_survey_keyed wa[] = {{"c", 1}, {"a", 2}, {"b", 3}, {"e", 4}};
    or_survey_keyed wb[] = {{"b", 30}, {"d", 40}, {"a", 20}, {"c", 10}};
    double before[4], after[4];
    size_t n = 99;
    assert_int_equal(or_survey_pair(wa, 4, wb, 4, before, after, &n, NULL), OR_OK);
    assert_int_equal(n, 3);
    assert_float_equal(before[0], 2, 0);
    assert_float_equal(after[0], 20, 0);
    assert_float_equal(before[1], 3, 0);
    assert_float_equal(after[1], 30, 0);
    assert_float_equal(before[2], 1, 0);
    assert_float_equal(after[2], 10, 0);
    /* nothing in one wave: no pairs, no qsort of a NULL base */
    assert_int_equal(or_survey_pair(NULL, 0, wb, 4, before, after, &n, NULL), OR_OK);
    assert_int_equal(n, 0);
    /* a respondent twice in a wave is refused */
    or_survey_keyed dup[] = {{"a", 1}, {"a", 2}};
    or_error err = {0};
    assert_int_equal(or_survey_pair(dup, 2, wb, 4, before, after, &n, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "twice"));
}

static void test_change(void **state)
{
    (void)state;
    /* 5 pairs: before 2, 3, 3, 4, 1; after 3, 3, 4, 5, 3.
     *   d = 1, 0, 1, 1, 2; sum 5; m = 5 / 5 = 1.00
     *   deviations 0, -1, 0, 0, 1; squares 0, 1, 0, 0, 1; ss = 2
     *   s = sqrt(2 / 4) = sqrt(0.5) = 0.70711; SE = 0.70711 / sqrt(5) = 0.70711 / 2.23607 = 0.31623
     *   t(0.975, 4) = 2.77645; half-width 2.77645 x 0.31623 = 0.87798
     *   CI 1 - 0.87798 = 0.12202 -> 0.12; 1 + 0.87798 = 1.87798 -> 1.88: it excludes 0
     *   means: before 13 / 5 = 2.60, after 18 / 5 = 3.60 */
    double before[] = {2, 3, 3, 4, 1}, after[] = {3, 3, 4, 5, 3};
    or_survey_change c;
    assert_int_equal(or_survey_change_of(before, after, 5, OR_BETTER_HIGHER, 2, &c, NULL), OR_OK);
    assert_true(c.shown);
    assert_int_equal(c.pc.n, 5);
    assert_float_equal(c.pc.mean_pre, 2.60, 1e-12);
    assert_float_equal(c.pc.mean_post, 3.60, 1e-12);
    assert_float_equal(c.pc.mean_change, 1.00, 1e-12);
    assert_float_equal(c.pc.sd_change, 0.70711, 5e-6);
    assert_float_equal(c.pc.se_change, 0.31623, 5e-6);
    assert_float_equal(c.pc.ci_lo, 0.12202, 5e-5);
    assert_float_equal(c.pc.ci_hi, 1.87798, 5e-5);
    assert_true(c.pc.ci_excludes_zero);
    assert_int_equal(c.pc.change, OR_CHANGE_IMPROVED);
    char a[OR_SURVEY_NUM_LEN], b[OR_SURVEY_NUM_LEN];
    assert_string_equal(or_survey_fmt2(c.pc.ci_lo, a), "0.12");
    assert_string_equal(or_survey_fmt2(c.pc.ci_hi, b), "1.88");

    /* 2 pairs: the change of two people is theirs: not shown (§6, 1 and 2) */
    assert_int_equal(or_survey_change_of(before, after, 2, OR_BETTER_HIGHER, 2, &c, NULL), OR_OK);
    assert_false(c.shown);
    /* 3 pairs: d = 1, 0, 1; m = 2/3 = 0.67; deviations 1/3, -2/3, 1/3; ss = 1/9 + 4/9 + 1/9 = 2/3;
     * s = sqrt((2/3) / 2) = sqrt(1/3) = 0.57735; SE = 0.57735 / 1.73205 = 0.33333;
     * t(0.975, 2) = 4.30265; half 1.43422; CI -0.76755 -> -0.77 to 2.10088 -> 2.10: includes 0 */
    assert_int_equal(or_survey_change_of(before, after, 3, OR_BETTER_HIGHER, 2, &c, NULL), OR_OK);
    assert_true(c.shown);
    assert_string_equal(or_survey_fmt2(c.pc.mean_change, a), "0.67");
    assert_string_equal(or_survey_fmt2(c.pc.ci_lo, a), "-0.77");
    assert_string_equal(or_survey_fmt2(c.pc.ci_hi, b), "2.10");
    assert_false(c.pc.ci_excludes_zero);
}

static void test_fmt2(void **state)
{
    (void)state;
    char b[OR_SURVEY_NUM_LEN];
    assert_string_equal(or_survey_fmt2(0.125, b), "0.13");   /* 12.5 exactly: away from 0 */
    assert_string_equal(or_survey_fmt2(-1.875, b), "-1.88"); /* -187.5 exactly */
    assert_string_equal(or_survey_fmt2(-0.004, b), "0.00");  /* never "-0.00" */
    assert_string_equal(or_survey_fmt2(12.3, b), "12.30");
    assert_string_equal(or_survey_fmt2(NAN, b), "z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dist_plain),
        cmocka_unit_test(test_dist_exact_tie),
        cmocka_unit_test(test_dist_primary_and_secondary),
        cmocka_unit_test(test_dist_two_answers),
        cmocka_unit_test(test_dist_unscored_and_errors),
        cmocka_unit_test(test_mean_and_domain),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_fmt2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
