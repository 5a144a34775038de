/* test_survey_results.c - a survey's results (survey_results.h) on a hand-made survey of two
 * waves, every figure worked out by hand below (the same survey as
 * tests/e2e/test_survey_answer.sh).
 *
 * The survey: one scale, Strongly Agree 3 / Agree 2 / Do not Agree 1 (SA, A, DNA); domains
 * BASICS (b1, b2) and BELONGING (g1, g2), scored by the mean of a respondent's answered items;
 * a comment box t1. Respondents R1..R10 (pseudonyms P01..P10).
 *
 *   wave 1 (R1..R8)          wave 2 (R1..R6, R9)
 *        b1  b2  g1  g2           b1  b2  g1  g2  t1
 *   R1   A   SA  DNA A        R1  SA  SA  A   SA  yes
 *   R2   A   SA  DNA A        R2  SA  SA  A   SA  yes
 *   R3   A   SA  DNA A        R3  SA  SA  A   SA  yes
 *   R4   DNA SA  A   A        R4  A   SA  SA  A
 *   R5   A   SA  A   SA       R5  A   SA  SA  A
 *   R6   DNA SA  A   SA       R6  A   DNA A   A
 *   R7   DNA SA  A   SA       R9  A   SA  SA  A
 *   R8   A   SA  A   A
 *
 * Wave 2: 7 answered; wave 1: 8; both: R1..R6 = 6.
 *   b1: SA 3, A 4, DNA 0 (nothing suppressed); mean (3x3 + 4x2) / 7 = 17 / 7 = 2.43;
 *       3 / 7 = 42.86%, 4 / 7 = 57.14%.
 *   b2: SA 6, A 0, DNA 1: 1 is primary, the next smallest non-zero (6) secondary, the 0 shown;
 *       so its mean is c, its change is c (it would give the mean away), and BASICS's score and
 *       change are c (BASICS's total less b1's would give b2's away).
 *   b1 change, pairs R1..R6: 2->3, 2->3, 2->3, 1->2, 2->2, 1->2: d = 1, 1, 1, 1, 0, 1;
 *       m = 5/6 = 0.83; deviations 1/6 (x5), -5/6; ss = 5/36 + 25/36 = 30/36 = 0.8333;
 *       s = sqrt(0.8333 / 5) = sqrt(0.16667) = 0.40825; SE = 0.40825 / sqrt(6) = 0.40825 /
 *       2.44949 = 0.16667; t(0.975, 5) = 2.57058; half 0.42843; CI 0.40490 -> 0.40 to
 *       1.26176 -> 1.26.
 *   g1: wave 2 SA 3 (R4, R5, R9), A 4: 17 / 7 = 2.43; wave 1 DNA 3, A 5: 13 / 8 = 1.625 -> 1.63;
 *       pairs: 1->2, 1->2, 1->2, 2->3, 2->3, 2->2: d = 1, 1, 1, 1, 1, 0: as b1, 0.83 (0.40
 * to 1.26). g2: wave 1 A 5, SA 3: 19 / 8 = 2.375 -> 2.38 (half away from zero); pairs 2->3, 2->3,
 * 2->3, 2->2, 3->2, 3->2: d = 1, 1, 1, 0, -1, -1; m = 1/6 = 0.17; deviations 5/6 (x3), -1/6, -7/6
 * (x2); ss = 75/36 + 1/36 + 98/36 = 174/36 = 4.8333; s = sqrt(0.96667) = 0.98319; SE = 0.98319
 * / 2.44949 = 0.40139; half 2.57058 x 0.40139 = 1.03180; CI -0.86513 -> -0.87 to 1.19846 -> 1.20:
 * it includes 0. BELONGING, the mean of g1 and g2 per respondent: wave 2 R1-R5, R9 2.5, R6 2.0: 17
 * / 7 = 2.43; wave 1 R1-R3 1.5, R4 2.0, R5-R7 2.5, R8 2.0: 16 / 8 = 2.00; pairs d = 1, 1, 1, 0.5,
 * 0, -0.5: m = 3 / 6 = 0.50; deviations .5, .5, .5, 0, -.5, -1; ss = .75 + .25 + 1 = 2.0; s =
 * sqrt(0.4) = 0.63246; SE = 0.63246 / 2.44949 = 0.25820; half 0.66372; CI -0.16372 -> -0.16
 * to 1.16372 -> 1.16. t1: 3 comments; their words never in the results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/stats.h"
#include "onroll/survey_results.h"

static const or_survey_level levels[] = {
    {"Strongly Agree", true, 3}, {"Agree", true, 2}, {"Do not Agree", true, 1}};
static const or_survey_scale scales[] = {{"s1", "Agreement", "", 3, levels}};
static const or_survey_item basics[] = {
    {"b1", "I feel safe most of the time", OR_SQ_SCALE, "s1"},
    {"b2", "I can get places I need to go safely", OR_SQ_SCALE, "s1"}};
static const or_survey_item belonging[] = {
    {"g1", "There are places in and out of school where I feel I belong", OR_SQ_SCALE, "s1"},
    {"g2", "People look out for me and I can count on them", OR_SQ_SCALE, "s1"}};
static const or_survey_item comments[] = {{"t1", "Anything else", OR_SQ_TEXT, ""}};
static const or_survey_domain domains[] = {
    {"BASICS", "", 2, basics}, {"BELONGING", "", 2, belonging}, {"Your words", "", 1, comments}};
static const or_survey_def def = {
    "Resilience", OR_AUD_PUPILS, "", "", OR_SCORE_MEAN, "", 1, scales, 3, domains};

#define SA "Strongly Agree"
#define AG "Agree"
#define DN "Do not Agree"

static or_survey_answer answers[128];
static int nanswers;

static void add(int64_t wave, int64_t resp, const char *b1, const char *b2, const char *g1,
                const char *g2, const char *t1)
{
    const char *item[] = {"b1", "b2", "g1", "g2", "t1"};
    const char *v[] = {b1, b2, g1, g2, t1};
    for (int i = 0; i < 5; i++)
        if (v[i])
            answers[nanswers++] = (or_survey_answer){wave, resp, item[i], v[i]};
}

static or_survey_respondent resp[10];

static int setup(void **state)
{
    (void)state;
    static char names[10][16];
    for (int i = 0; i < 10; i++) {
        snprintf(names[i], sizeof names[i], "P%02d", i + 1);
        resp[i] = (or_survey_respondent){i + 1, 1, names[i], 0};
    }
    nanswers = 0;
    add(11, 1, AG, SA, DN, AG, NULL);
    add(11, 2, AG, SA, DN, AG, NULL);
    add(11, 3, AG, SA, DN, AG, NULL);
    add(11, 4, DN, SA, AG, AG, NULL);
    add(11, 5, AG, SA, AG, SA, NULL);
    add(11, 6, DN, SA, AG, SA, NULL);
    add(11, 7, DN, SA, AG, SA, NULL);
    add(11, 8, AG, SA, AG, AG, NULL);
    add(12, 1, SA, SA, AG, SA, "SECRET-COMMENT-1");
    add(12, 2, SA, SA, AG, SA, "SECRET-COMMENT-2");
    add(12, 3, SA, SA, AG, SA, "SECRET-COMMENT-3");
    add(12, 4, AG, SA, SA, AG, NULL);
    add(12, 5, AG, SA, SA, AG, NULL);
    add(12, 6, AG, DN, AG, AG, NULL);
    add(12, 9, AG, SA, SA, AG, NULL);
    return 0;
}

static const char *f2(double v, char *b)
{
    return or_survey_fmt2(v, b);
}

static void test_two_waves(void **state)
{
    (void)state;
    or_arena a_arena = OR_ARENA_INIT, *a = &a_arena;
    or_survey_results r;
    or_error err = {0};
    assert_int_equal(
        or_survey_results_of(&def, answers, nanswers, resp, 10, 12, 11, 2, a, &r, &err), OR_OK);
    char b[OR_SURVEY_NUM_LEN], c[OR_SURVEY_NUM_LEN];
    assert_int_equal(r.responded, 7);
    assert_int_equal(r.earlier, 8);
    assert_int_equal(r.both, 6);
    assert_int_equal(r.nitems, 5);

    const or_survey_item_result *b1 = &r.items[0], *b2 = &r.items[1], *g1 = &r.items[2],
                                *g2 = &r.items[3], *t1 = &r.items[4];
    /* b1 */
    assert_int_equal(b1->dist.counts[0], 3);
    assert_int_equal(b1->dist.counts[1], 4);
    assert_int_equal(b1->dist.counts[2], 0);
    assert_true(b1->dist.mean_shown);
    assert_int_equal(b1->dist.mean_x100, 243);
    char pct[32];
    or_cell_rate(3, b1->dist.flags[0], 7, b1->dist.flags[3], pct, sizeof pct);
    assert_string_equal(pct, "42.86");
    assert_true(b1->change.shown);
    assert_int_equal(b1->change.pc.n, 6);
    assert_string_equal(f2(b1->change.pc.mean_change, b), "0.83");
    assert_string_equal(f2(b1->change.pc.ci_lo, b), "0.40");
    assert_string_equal(f2(b1->change.pc.ci_hi, c), "1.26");
    or_arena w_arena = OR_ARENA_INIT, *w = &w_arena;
    assert_string_equal(or_survey_change_words(&b1->change, w),
                        "rose by 0.83 (95% confidence interval 0.40 to 1.26)");
    /* b2: 6, 0, 1: primary 1, secondary 6, the 0 shown; mean, change c */
    assert_int_equal(b2->dist.flags[0], OR_SUP_SECONDARY);
    assert_int_equal(b2->dist.flags[1], OR_SUP_NONE);
    assert_int_equal(b2->dist.flags[2], OR_SUP_PRIMARY);
    assert_int_equal(b2->dist.flags[3], OR_SUP_NONE);
    assert_false(b2->dist.mean_shown);
    assert_true(b2->earlier_dist.mean_shown); /* 8 SA: 3.00 */
    assert_int_equal(b2->earlier_dist.mean_x100, 300);
    assert_false(b2->change.shown);
    assert_string_equal(or_survey_change_words(&b2->change, w), "c");
    /* g1, g2 */
    assert_int_equal(g1->dist.mean_x100, 243);
    assert_int_equal(g1->earlier_dist.mean_x100, 163);
    assert_string_equal(f2(g1->change.pc.mean_change, b), "0.83");
    assert_int_equal(g2->earlier_dist.mean_x100, 238);
    assert_true(g2->change.shown);
    assert_string_equal(f2(g2->change.pc.mean_change, b), "0.17");
    assert_string_equal(f2(g2->change.pc.ci_lo, b), "-0.87");
    assert_string_equal(f2(g2->change.pc.ci_hi, c), "1.20");
    assert_false(g2->change.pc.ci_excludes_zero);
    /* t1: a count of comments, no mean, no change */
    assert_int_equal(t1->answered, 3);
    assert_int_equal(t1->answered_flag, OR_SUP_NONE);
    assert_false(t1->has_change);

    /* domains */
    assert_int_equal(r.ndomains, 3);
    const or_survey_domain_result *basic = &r.domains[0], *bel = &r.domains[1];
    assert_true(basic->scored);
    assert_false(basic->score.shown); /* b2's mean is c */
    assert_false(basic->change.shown);
    assert_true(basic->earlier_score.shown);
    assert_true(bel->score.shown);
    assert_int_equal(bel->score.n, 7);
    assert_string_equal(f2(bel->score.mean, b), "2.43");
    assert_string_equal(f2(bel->earlier_score.mean, b), "2.00");
    assert_true(bel->change.shown);
    assert_string_equal(or_survey_change_words(&bel->change, w),
                        "rose by 0.50 (95% confidence interval -0.16 to 1.16)");
    assert_false(r.domains[2].scored); /* comments only */
    or_arena_free(w);
    or_arena_free(a);
}

static void test_small_wave(void **state)
{
    (void)state;
    /* wave 1 alone, R1..R2 only (answers of wave 11 from respondents 1 and 2): every count is 1
     * or 2, so every count, mean and domain score is c; no change without an earlier wave */
    or_survey_answer few[16];
    int n = 0;
    for (int i = 0; i < nanswers; i++)
        if (answers[i].wave_id == 11 && answers[i].respondent_id <= 2)
            few[n++] = answers[i];
    or_arena a_arena = OR_ARENA_INIT, *a = &a_arena;
    or_survey_results r;
    assert_int_equal(or_survey_results_of(&def, few, n, resp, 10, 11, 0, 2, a, &r, NULL), OR_OK);
    assert_int_equal(r.responded, 2);
    assert_int_equal(r.responded_flag, OR_SUP_PRIMARY);
    assert_int_equal(r.items[0].dist.flags[1], OR_SUP_PRIMARY); /* 2 Agree */
    assert_false(r.items[0].dist.mean_shown);
    assert_false(r.items[0].has_change);
    assert_false(r.domains[1].score.shown);
    assert_false(r.domains[1].has_change);
    or_arena_free(a);
}

static void test_bad_answers(void **state)
{
    (void)state;
    /* an answer that is not a level of its scale, or names no item, is not counted */
    or_survey_answer odd[] = {
        {12, 1, "b1", "Sometimes"}, {12, 1, "zz", "Agree"}, {12, 1, "g1", "Agree"}};
    or_arena a_arena = OR_ARENA_INIT, *a = &a_arena;
    or_survey_results r;
    assert_int_equal(or_survey_results_of(&def, odd, 3, resp, 10, 12, 0, 2, a, &r, NULL), OR_OK);
    assert_int_equal(r.items[0].answered, 0);
    assert_int_equal(r.items[2].answered, 1);
    /* an answer of a respondent who is not the survey's is refused */
    or_survey_answer stray[] = {{12, 77, "b1", "Agree"}};
    or_error err = {0};
    assert_int_equal(or_survey_results_of(&def, stray, 1, resp, 10, 12, 0, 2, a, &r, &err),
                     OR_EUSAGE);
    or_arena_free(a);
}

static void test_count_item(void **state)
{
    (void)state;
    /* a number question: wave 1 R1 2, R2 4, R3 9, R4 5; wave 2 R1 3, R2 4, R3 11 (R4 left out).
     * Wave 2 mean (3 + 4 + 11) / 3 = 18 / 3 = 6.00, shown (3 answered); the pairs R1..R3:
     * d = 1, 0, 2; m = 1.00; deviations 0, -1, 1; ss = 2; s = sqrt(2 / 2) = 1; SE = 1 / sqrt(3) =
     * 0.57735; t(0.975, 2) = 4.30265; half 2.48414; CI -1.48414 -> -1.48 to 3.48414 -> 3.48.
     * A number is not a domain score (no scale), so the part has none. */
    static const or_survey_item items[] = {{"n1", "Days", OR_SQ_COUNT, ""}};
    static const or_survey_domain dom[] = {{"", "", 1, items}};
    static const or_survey_def d = {"Numbers", OR_AUD_PUPILS, "", "", OR_SCORE_MEAN, "",
                                    0,         NULL,          1,  dom};
    or_survey_answer ans[] = {{11, 1, "n1", "2"}, {11, 2, "n1", "4"}, {11, 3, "n1", "9"},
                              {11, 4, "n1", "5"}, {12, 1, "n1", "3"}, {12, 2, "n1", "4"},
                              {12, 3, "n1", "11"}};
    or_arena a_arena = OR_ARENA_INIT, *a = &a_arena;
    or_survey_results r;
    assert_int_equal(or_survey_results_of(&d, ans, 7, resp, 10, 12, 11, 2, a, &r, NULL), OR_OK);
    char b[OR_SURVEY_NUM_LEN];
    assert_true(r.items[0].number.shown);
    assert_string_equal(f2(r.items[0].number.mean, b), "6.00");
    assert_true(r.items[0].change.shown);
    assert_string_equal(f2(r.items[0].change.pc.mean_change, b), "1.00");
    assert_string_equal(f2(r.items[0].change.pc.ci_lo, b), "-1.48");
    assert_string_equal(f2(r.items[0].change.pc.ci_hi, b), "3.48");
    assert_false(r.domains[0].scored);
    or_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_two_waves, setup),
        cmocka_unit_test_setup(test_small_wave, setup),
        cmocka_unit_test_setup(test_bad_answers, setup),
        cmocka_unit_test_setup(test_count_item, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
