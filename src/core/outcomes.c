/* outcomes.c - before-and-after statistics of issue 8 (include/onroll/outcomes.h): Student's t
 * quantiles, the mean change of paired measurements with its 95% confidence interval, and
 * suspensions in the term before against the term after.
 *
 * Student's t: for whole degrees of freedom v the distribution has a closed form. With
 * theta = atan(t / sqrt(v)), the probability A(t | v) = P(|T| < t) is (Abramowitz & Stegun,
 * Handbook of Mathematical Functions, 26.7.3 and 26.7.4; the same series is Hill GW (1970),
 * "Algorithm 395: Student's t-distribution", CACM 13(10):617-619):
 *   v = 1:    2 theta / pi
 *   v odd:    (2 / pi) (theta + sin theta (cos theta + (2/3) cos^3 theta + ...
 *                       + (2.4...(v-3)) / (1.3...(v-2)) cos^(v-2) theta))
 *   v even:   sin theta (1 + (1/2) cos^2 theta + (1.3)/(2.4) cos^4 theta + ...
 *                       + (1.3...(v-3)) / (2.4...(v-2)) cos^(v-2) theta)
 * Every term is positive (no cancellation), so the sum is accurate to a few ulps times the
 * number of terms. A(t) rises with theta from 0 at theta = 0 to 1 at pi/2, so the quantile is
 * found by bisecting theta in [0, pi/2) until the interval stops shrinking (about 60 steps),
 * then t = sqrt(v) tan theta. This inverts the exact distribution rather than approximating the
 * quantile (Hill's Algorithm 396 is an approximation good to about 6 digits).
 *
 * Confidence interval of a mean change: the changes d_i = post_i - pre_i of n pupils have mean
 * m and sample SD s (n - 1 denominator); the 95% CI is m -/+ t(0.975, n - 1) s / sqrt(n) (the
 * paired t interval). Means and SD are computed in two passes (mean first, then squared
 * deviations from it), which keeps the SD accurate when the changes are large but similar. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "onroll/outcomes.h"

/* ---- Student's t ---- */

#define PI 3.14159265358979323846

/* A(t | v) in terms of theta = atan(t / sqrt(v)), 0 <= theta <= pi/2. */
static double t_two_sided_theta(double theta, int64_t v)
{
    double s = sin(theta), c = cos(theta), c2 = c * c;
    if (v % 2 == 1) {
        if (v == 1)
            return 2.0 * theta / PI;
        /* sin theta (c + (2/3) c^3 + (2.4)/(3.5) c^5 + ...), (v - 1) / 2 terms */
        double term = c, sum = c;
        for (int64_t k = 1; k <= (v - 3) / 2; k++) {
            term *= c2 * (double)(2 * k) / (double)(2 * k + 1);
            sum += term;
        }
        double a = 2.0 / PI * (theta + s * sum);
        return a > 1.0 ? 1.0 : a;
    }
    /* sin theta (1 + (1/2) c^2 + (1.3)/(2.4) c^4 + ...), v / 2 terms */
    double term = 1.0, sum = 1.0;
    for (int64_t k = 1; k <= (v - 2) / 2; k++) {
        term *= c2 * (double)(2 * k - 1) / (double)(2 * k);
        sum += term;
    }
    double a = s * sum;
    return a > 1.0 ? 1.0 : a;
}

double or_t_two_sided(double t, int64_t df)
{
    if (df < 1 || !(t >= 0))
        return NAN;
    if (isinf(t))
        return 1.0;
    return t_two_sided_theta(atan(t / sqrt((double)df)), df);
}

or_code or_t_quantile(double p, int64_t df, double *out, or_error *err)
{
    *out = 0;
    if (!(p > 0 && p < 1))
        return or_fail(err, OR_EUSAGE, "or_t_quantile: probability %g is not between 0 and 1", p);
    if (df < 1)
        return or_fail(err, OR_EUSAGE, "or_t_quantile: %" PRId64 " degrees of freedom", df);
    if (p == 0.5)
        return OR_OK;
    /* P(T <= t) = p for t > 0 is A(t) = 2p - 1; below the median, by symmetry. */
    double q = p > 0.5 ? p : 1.0 - p, target = 2.0 * q - 1.0;
    double lo = 0.0, hi = PI / 2.0;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        if (t_two_sided_theta(mid, df) < target)
            lo = mid;
        else
            hi = mid;
    }
    double theta = 0.5 * (lo + hi);
    double t = sqrt((double)df) * tan(theta);
    *out = p > 0.5 ? t : -t;
    return OR_OK;
}

/* ---- direction ---- */

or_change or_change_of(double change, or_better better)
{
    if (!(change < 0 || change > 0) || better == OR_BETTER_UNKNOWN) /* 0 or NaN */
        return OR_CHANGE_NONE;
    bool down = change < 0;
    return down == (better == OR_BETTER_LOWER) ? OR_CHANGE_IMPROVED : OR_CHANGE_WORSENED;
}

const char *or_change_name(or_change c)
{
    switch (c) {
    case OR_CHANGE_NONE:
        return "no change";
    case OR_CHANGE_IMPROVED:
        return "improved";
    case OR_CHANGE_WORSENED:
        return "worse";
    }
    return "?";
}

/* ---- paired statistics ---- */

or_code or_paired_change_stats(const double *pre, const double *post, size_t n, or_better better,
                               or_paired_change *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return OR_OK;
    if (!pre || !post)
        return or_fail(err, OR_EUSAGE, "or_paired_change_stats: no values for %zu pairs", n);
    if (n > (size_t)INT64_MAX)
        return or_fail(err, OR_EUSAGE, "or_paired_change_stats: %zu pairs", n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(pre[i]) || !isfinite(post[i]))
            return or_fail(err, OR_EUSAGE, "or_paired_change_stats: pair %zu is (%g, %g)", i,
                           pre[i], post[i]);
    double dn = (double)n, spre = 0, spost = 0, sd = 0;
    for (size_t i = 0; i < n; i++) {
        spre += pre[i];
        spost += post[i];
        sd += post[i] - pre[i];
    }
    out->n = (int64_t)n;
    out->mean_pre = spre / dn;
    out->mean_post = spost / dn;
    out->mean_change = sd / dn;
    out->change = or_change_of(out->mean_change, better);
    if (n < 2)
        return OR_OK;
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        double dev = (post[i] - pre[i]) - out->mean_change;
        ss += dev * dev;
    }
    double t;
    or_code rc = or_t_quantile(0.975, (int64_t)n - 1, &t, err);
    if (rc != OR_OK)
        return rc;
    out->has_ci = true;
    out->sd_change = sqrt(ss / (dn - 1));
    out->se_change = out->sd_change / sqrt(dn);
    out->t_crit = t;
    out->ci_lo = out->mean_change - t * out->se_change;
    out->ci_hi = out->mean_change + t * out->se_change;
    out->ci_excludes_zero = out->ci_lo > 0 || out->ci_hi < 0;
    return OR_OK;
}

/* ---- suspensions ---- */

or_code or_suspensions_before_after(const int64_t *before, const int64_t *after, size_t n,
                                    or_suspension_change *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return OR_OK;
    if (!before || !after)
        return or_fail(err, OR_EUSAGE, "or_suspensions_before_after: no counts for %zu pupils", n);
    if (n > (size_t)INT64_MAX)
        return or_fail(err, OR_EUSAGE, "or_suspensions_before_after: %zu pupils", n);
    for (size_t i = 0; i < n; i++) {
        int64_t b = before[i], a = after[i];
        if (b < 0 || a < 0)
            return or_fail(err, OR_EUSAGE,
                           "or_suspensions_before_after: pupil %zu has %" PRId64
                           " suspensions before and %" PRId64 " after",
                           i, b, a);
        if (b > INT64_MAX - out->before || a > INT64_MAX - out->after)
            return or_fail(err, OR_EUSAGE, "or_suspensions_before_after: the sums overflow");
        out->before += b;
        out->after += a;
        out->any_before += b > 0;
        out->any_after += a > 0;
        out->fewer += a < b;
        out->same += a == b;
        out->more += a > b;
    }
    out->pupils = (int64_t)n;
    out->change = out->after - out->before; /* both in [0, INT64_MAX]: no overflow */
    out->direction = or_change_of((double)out->change, OR_BETTER_LOWER);
    return OR_OK;
}
