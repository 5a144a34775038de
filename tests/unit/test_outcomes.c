/* test_outcomes.c - before-and-after statistics (outcomes.h): Student's t quantiles against
 * printed tables and closed forms, the paired mean change with its 95% CI worked by hand, the
 * direction of a change, and suspensions summed over pupils before and after.
 *
 * Sources:
 *   t quantiles   the two-sided 5% column of any table of Student's t (e.g. Fisher & Yates,
 *                 Statistical Tables, Table III): 12.706, 4.303, 3.182, 2.776, 2.571, 2.228,
 *                 2.042, 1.980 at df 1, 2, 3, 4, 5, 10, 30, 120; closed forms for df 1
 *                 (Cauchy: t = tan(pi (p - 1/2))) and df 2 (t = a sqrt(2 / (1 - a^2)) with
 *                 a = 2p - 1, from F(t) = 1/2 + t / (2 sqrt(t^2 + 2)));
 *   paired CI     mean change m, sample SD s (n - 1 denominator), SE = s / sqrt(n),
 *                 CI = m -/+ t(0.975, n - 1) SE. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/outcomes.h"

/* ---- Student's t ---- */

typedef struct {
    double p;
    int64_t df;
    double want, tol;
} tq_case;

static const tq_case tq_cases[] = {
    /* printed tables, 3 decimals: t(0.975, df) */
    {0.975, 1, 12.706, 0.0005},
    {0.975, 2, 4.303, 0.0005},
    {0.975, 3, 3.182, 0.0005},
    {0.975, 4, 2.776, 0.0005},
    {0.975, 5, 2.571, 0.0005},
    {0.975, 10, 2.228, 0.0005},
    {0.975, 30, 2.042, 0.0005},
    {0.975, 120, 1.980, 0.0005},
    /* other columns: one-sided 5% (0.95) and 0.5% (0.995), and 0.90 */
    {0.95, 1, 6.314, 0.0005},
    {0.95, 10, 1.812, 0.0005},
    {0.995, 10, 3.169, 0.0005},
    {0.9, 1, 3.078, 0.0005},
    {0.9, 30, 1.310, 0.0005},
    /* below the median, by symmetry */
    {0.025, 10, -2.228, 0.0005},
    {0.05, 1, -6.314, 0.0005},
    {0.5, 7, 0.0, 0.0},
    /* large df approach the normal 1.960 (1.95996 at infinity) */
    {0.975, 1000, 1.962, 0.0005},
    {0.975, 100000, 1.960, 0.0005},
    /* closed forms, to 1e-9:
     * df 1: tan(0.475 pi) = 12.7062047361747; tan(0.45 pi) = 6.31375151467504;
     * df 2: a = 0.95: 0.95 sqrt(2 / 0.0975) = 0.95 x 4.52910811 = 4.30265273; a = 0.98 (p 0.99):
     *       0.98 sqrt(2 / 0.0396) = 0.98 x 7.10669054 = 6.96455673. */
    {0.975, 1, 12.7062047361747, 1e-9},
    {0.95, 1, 6.31375151467504, 1e-9},
    {0.975, 2, 4.30265272974946, 1e-9},
    {0.99, 2, 6.96455673428327, 1e-9},
    /* to 1e-6 against a long table (and an independent numerical integration of the density):
     * t(0.975, 3) = 3.182446305, t(0.975, 10) = 2.228138852 */
    {0.975, 3, 3.182446305, 1e-6},
    {0.975, 10, 2.228138852, 1e-6},
};

static void test_t_quantile(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof tq_cases / sizeof tq_cases[0]; k++) {
        const tq_case *c = &tq_cases[k];
        double t = -99;
        or_error err = {0};
        if (or_t_quantile(c->p, c->df, &t, &err) != OR_OK)
            fail_msg("t(%g, %lld): %s", c->p, (long long)c->df, err.msg);
        if (fabs(t - c->want) > c->tol)
            fail_msg("t(%g, %lld) = %.10f, want %.10f", c->p, (long long)c->df, t, c->want);
    }
    /* the two-sided probability behind it */
    assert_true(fabs(or_t_two_sided(12.7062047361747, 1) - 0.95) < 1e-12);
    assert_true(fabs(or_t_two_sided(2.228138852, 10) - 0.95) < 1e-8);
    assert_true(or_t_two_sided(0, 5) == 0.0);
    assert_true(or_t_two_sided(INFINITY, 5) == 1.0);
    assert_true(isnan(or_t_two_sided(-1, 5)));
    assert_true(isnan(or_t_two_sided(1, 0)));

    double t;
    or_error err = {0};
    assert_int_equal(or_t_quantile(0.0, 5, &t, &err), OR_EUSAGE);
    assert_int_equal(or_t_quantile(1.0, 5, &t, &err), OR_EUSAGE);
    assert_int_equal(or_t_quantile(NAN, 5, &t, &err), OR_EUSAGE);
    assert_int_equal(or_t_quantile(0.975, 0, &t, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "0 degrees of freedom"));
}

/* ---- direction ---- */

static void test_change_of(void **state)
{
    (void)state;
    assert_int_equal(or_change_of(-1, OR_BETTER_LOWER), OR_CHANGE_IMPROVED);
    assert_int_equal(or_change_of(1, OR_BETTER_LOWER), OR_CHANGE_WORSENED);
    assert_int_equal(or_change_of(1, OR_BETTER_HIGHER), OR_CHANGE_IMPROVED);
    assert_int_equal(or_change_of(-0.5, OR_BETTER_HIGHER), OR_CHANGE_WORSENED);
    assert_int_equal(or_change_of(0, OR_BETTER_LOWER), OR_CHANGE_NONE);
    assert_int_equal(or_change_of(NAN, OR_BETTER_LOWER), OR_CHANGE_NONE);
    assert_int_equal(or_change_of(-1, OR_BETTER_UNKNOWN), OR_CHANGE_NONE);
    assert_string_equal(or_change_name(OR_CHANGE_IMPROVED), "improved");
    assert_string_equal(or_change_name(OR_CHANGE_WORSENED), "worse");
    assert_string_equal(or_change_name(OR_CHANGE_NONE), "no change");
}

/* ---- paired mean change ---- */

typedef struct {
    int n;
    double pre[6], post[6];
    or_better better;
    double mean_pre, mean_post, mean_change;
    bool has_ci;
    double sd, se, t, lo, hi; /* checked within 0.0005 */
    or_change change;
    bool excludes_zero;
    const char *why;
} paired_case;

static const paired_case paired_cases[] = {
    /* Total difficulties of 4 pupils: pre 10 12 8 14, post 8 8 8 8: changes -2 -4 0 -6.
     * Mean pre 44/4 = 11, post 8, change -12/4 = -3. Deviations 1 -1 3 -3, squares 1 1 9 9 = 20;
     * variance 20/3 = 6.6667, SD 2.5820; SE 2.5820 / 2 = 1.2910; t(0.975, 3) = 3.1824;
     * half-width 3.1824 x 1.2910 = 4.1085; CI -3 -/+ 4.1085 = (-7.1085, 1.1085). Lower is
     * better: improved, but the CI includes 0. */
    {4,
     {10, 12, 8, 14},
     {8, 8, 8, 8},
     OR_BETTER_LOWER,
     11,
     8,
     -3,
     true,
     2.5820,
     1.2910,
     3.1824,
     -7.1085,
     1.1085,
     OR_CHANGE_IMPROVED,
     false,
     "changes -2 -4 0 -6"},
    /* Prosocial of 5 pupils: pre 5 6 4 7 5 (mean 27/5 = 5.4), post 7 8 6 8 7 (36/5 = 7.2):
     * changes 2 2 2 1 2, mean 1.8. Deviations .2 .2 .2 -.8 .2, squares 4 x .04 + .64 = .8;
     * variance .8/4 = .2, SD .4472; SE .4472 / sqrt 5 = .2; t(0.975, 4) = 2.7764; half-width
     * .5553; CI (1.2447, 2.3553). Higher is better: improved, and the CI excludes 0. */
    {5,
     {5, 6, 4, 7, 5},
     {7, 8, 6, 8, 7},
     OR_BETTER_HIGHER,
     5.4,
     7.2,
     1.8,
     true,
     0.4472,
     0.2,
     2.7764,
     1.2447,
     2.3553,
     OR_CHANGE_IMPROVED,
     true,
     "changes 2 2 2 1 2"},
    /* The same rise on a difficulties scale is a worsening. */
    {5,
     {5, 6, 4, 7, 5},
     {7, 8, 6, 8, 7},
     OR_BETTER_LOWER,
     5.4,
     7.2,
     1.8,
     true,
     0.4472,
     0.2,
     2.7764,
     1.2447,
     2.3553,
     OR_CHANGE_WORSENED,
     true,
     "the same, lower better"},
    /* Attendance of 3 pupils, all up by exactly 2.5 points: SD 0, CI (2.5, 2.5). t(0.975, 2) =
     * 4.3027. */
    {3,
     {80, 90.5, 70},
     {82.5, 93, 72.5},
     OR_BETTER_HIGHER,
     80.1667,
     82.6667,
     2.5,
     true,
     0,
     0,
     4.3027,
     2.5,
     2.5,
     OR_CHANGE_IMPROVED,
     true,
     "no spread"},
    /* Two pupils, changes +1 and -1: mean 0, no change; SD sqrt(2/1) = 1.4142, SE 1; t(0.975, 1)
     * = 12.7062; CI (-12.7062, 12.7062). */
    {2,
     {4, 6},
     {5, 5},
     OR_BETTER_LOWER,
     5,
     5,
     0,
     true,
     1.4142,
     1,
     12.7062,
     -12.7062,
     12.7062,
     OR_CHANGE_NONE,
     false,
     "n 2, mean change 0"},
    /* One pupil: means only, no SD and no CI. */
    {1,
     {10},
     {7},
     OR_BETTER_LOWER,
     10,
     7,
     -3,
     false,
     0,
     0,
     0,
     0,
     0,
     OR_CHANGE_IMPROVED,
     false,
     "n 1"},
};

static void test_paired(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof paired_cases / sizeof paired_cases[0]; k++) {
        const paired_case *c = &paired_cases[k];
        or_paired_change r;
        or_error err = {0};
        if (or_paired_change_stats(c->pre, c->post, (size_t)c->n, c->better, &r, &err) != OR_OK)
            fail_msg("%s: %s", c->why, err.msg);
        const double e = 0.0005;
        if (r.n != c->n || fabs(r.mean_pre - c->mean_pre) > e ||
            fabs(r.mean_post - c->mean_post) > e || fabs(r.mean_change - c->mean_change) > e ||
            r.has_ci != c->has_ci || fabs(r.sd_change - c->sd) > e ||
            fabs(r.se_change - c->se) > e || fabs(r.t_crit - c->t) > e ||
            fabs(r.ci_lo - c->lo) > e || fabs(r.ci_hi - c->hi) > e || r.change != c->change ||
            r.ci_excludes_zero != c->excludes_zero)
            fail_msg("%s: n %lld means %.4f %.4f change %.4f ci %d sd %.4f se %.4f t %.4f "
                     "(%.4f, %.4f) %s excl %d",
                     c->why, (long long)r.n, r.mean_pre, r.mean_post, r.mean_change, r.has_ci,
                     r.sd_change, r.se_change, r.t_crit, r.ci_lo, r.ci_hi, or_change_name(r.change),
                     r.ci_excludes_zero);
    }

    or_paired_change r;
    or_error err = {0};
    assert_int_equal(or_paired_change_stats(NULL, NULL, 0, OR_BETTER_LOWER, &r, &err), OR_OK);
    assert_int_equal(r.n, 0);
    assert_false(r.has_ci);
    assert_int_equal(or_paired_change_stats(NULL, NULL, 3, OR_BETTER_LOWER, &r, &err), OR_EUSAGE);
    double pre[2] = {1, NAN}, post[2] = {2, 3};
    assert_int_equal(or_paired_change_stats(pre, post, 2, OR_BETTER_LOWER, &r, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "pair 1"));
    pre[1] = INFINITY;
    assert_int_equal(or_paired_change_stats(pre, post, 2, OR_BETTER_LOWER, &r, &err), OR_EUSAGE);
}

/* Two-pass SD: large but similar changes keep their small spread. Changes 1e9 + {-1, 0, 1}:
 * mean 1e9, deviations -1 0 1, SD sqrt(2/2) = 1. */
static void test_paired_precision(void **state)
{
    (void)state;
    double pre[3] = {0, 0, 0}, post[3] = {1e9 - 1, 1e9, 1e9 + 1};
    or_paired_change r;
    assert_int_equal(or_paired_change_stats(pre, post, 3, OR_BETTER_LOWER, &r, NULL), OR_OK);
    assert_true(fabs(r.sd_change - 1.0) < 1e-9);
    assert_true(r.mean_change == 1e9);
    assert_int_equal(r.change, OR_CHANGE_WORSENED);
}

/* ---- suspensions before and after ---- */

static void test_suspensions(void **state)
{
    (void)state;
    /* 4 pupils: before 2 0 1 3 (sum 6), after 0 0 2 1 (sum 3): change -3, improved.
     * Any suspension before: pupils 0, 2, 3 = 3; after: pupils 2, 3 = 2.
     * Fewer: pupil 0 (2 -> 0), pupil 3 (3 -> 1) = 2; same: pupil 1 (0 -> 0) = 1; more: pupil 2
     * (1 -> 2) = 1. */
    int64_t before[4] = {2, 0, 1, 3}, after[4] = {0, 0, 2, 1};
    or_suspension_change s;
    or_error err = {0};
    assert_int_equal(or_suspensions_before_after(before, after, 4, &s, &err), OR_OK);
    assert_int_equal(s.pupils, 4);
    assert_int_equal(s.before, 6);
    assert_int_equal(s.after, 3);
    assert_int_equal(s.change, -3);
    assert_int_equal(s.direction, OR_CHANGE_IMPROVED);
    assert_int_equal(s.any_before, 3);
    assert_int_equal(s.any_after, 2);
    assert_int_equal(s.fewer, 2);
    assert_int_equal(s.same, 1);
    assert_int_equal(s.more, 1);

    /* more after: worse */
    int64_t b2[2] = {0, 1}, a2[2] = {1, 1};
    assert_int_equal(or_suspensions_before_after(b2, a2, 2, &s, &err), OR_OK);
    assert_int_equal(s.change, 1);
    assert_int_equal(s.direction, OR_CHANGE_WORSENED);
    /* none before or after: no change */
    int64_t z[2] = {0, 0};
    assert_int_equal(or_suspensions_before_after(z, z, 2, &s, &err), OR_OK);
    assert_int_equal(s.direction, OR_CHANGE_NONE);
    assert_int_equal(s.same, 2);
    /* no pupils */
    assert_int_equal(or_suspensions_before_after(NULL, NULL, 0, &s, &err), OR_OK);
    assert_int_equal(s.pupils, 0);

    /* a negative count names the pupil; NULL arrays; overflow */
    int64_t bad[3] = {1, 2, -1};
    assert_int_equal(or_suspensions_before_after(bad, after, 3, &s, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "pupil 2 has -1 suspensions before"));
    assert_int_equal(or_suspensions_before_after(NULL, after, 3, &s, &err), OR_EUSAGE);
    int64_t big[2] = {INT64_MAX, 1};
    assert_int_equal(or_suspensions_before_after(big, z, 2, &s, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "overflow"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_t_quantile),  cmocka_unit_test(test_change_of),
        cmocka_unit_test(test_paired),      cmocka_unit_test(test_paired_precision),
        cmocka_unit_test(test_suspensions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
