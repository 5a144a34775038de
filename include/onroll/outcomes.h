/* outcomes.h - before-and-after statistics for the outcomes of an intervention (issue 8): the
 * mean change of a measure over n pupils measured twice, with a 95% confidence interval from
 * Student's t, whether the change is an improvement given the measure's direction, and
 * suspensions in the term before against the term after, summed over pupils.
 *
 * Pure: numbers in, numbers out, no I/O, no globals, no allocation. */
#ifndef ONROLL_OUTCOMES_H
#define ONROLL_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"
#include "onroll/measures.h"

/* ---- Student's t ---- */

/* The p-quantile of Student's t with df degrees of freedom: the t with P(T <= t) = p. The 95%
 * two-sided critical value is or_t_quantile(0.975, df): 12.706 at df 1, 2.228 at df 10.
 *
 * Method: the exact distribution function for whole df, A(t | df) = P(|T| < t), as the finite
 * series in theta = atan(t / sqrt(df)) of Abramowitz & Stegun 26.7.3-26.7.4 (the series of
 * Hill's ACM Algorithm 395, 1970), inverted by bisection on theta in [0, pi/2) to full double
 * precision. O(df) per evaluation, about 64 evaluations. OR_EUSAGE unless 0 < p < 1 and
 * df >= 1. */
or_code or_t_quantile(double p, int64_t df, double *out, or_error *err);

/* P(|T| < t) for t >= 0: the two-sided probability behind or_t_quantile, exposed for tests. */
double or_t_two_sided(double t, int64_t df);

/* ---- direction of a change ---- */

typedef enum {
    OR_CHANGE_NONE = 0, /* no change (0), or an unknown direction */
    OR_CHANGE_IMPROVED,
    OR_CHANGE_WORSENED,
} or_change;

/* A change (after - before) read with the measure's direction: -3 on a lower-is-better scale is
 * an improvement, -3 on prosocial (higher is better) is not. */
or_change or_change_of(double change, or_better better);

/* "no change", "improved", "worse". */
const char *or_change_name(or_change c);

/* ---- paired before/after statistics ---- */

typedef struct {
    int64_t n;             /* pairs */
    double mean_pre;       /* valid when n >= 1, else 0 */
    double mean_post;      /* ditto */
    double mean_change;    /* mean of (post - pre) = mean_post - mean_pre */
    or_change change;      /* mean_change read with the direction */
    bool has_ci;           /* n >= 2: the SD, SE and CI below are filled */
    double sd_change;      /* sample SD of the changes (n - 1 denominator) */
    double se_change;      /* sd_change / sqrt(n) */
    double t_crit;         /* or_t_quantile(0.975, n - 1) */
    double ci_lo, ci_hi;   /* mean_change -/+ t_crit x se_change */
    bool ci_excludes_zero; /* ci_lo > 0 or ci_hi < 0: a change at the 5% level */
} or_paired_change;

/* The statistics of n pairs pre[i], post[i] of one measure or scale (the same pupil before and
 * after). n = 0 gives n 0 and nothing else. OR_EUSAGE for a value that is not finite or for
 * NULL arrays with n > 0. */
or_code or_paired_change_stats(const double *pre, const double *post, size_t n, or_better better,
                               or_paired_change *out, or_error *err);

/* ---- suspensions before and after ---- */

typedef struct {
    int64_t pupils;            /* pupils counted */
    int64_t before, after;     /* suspensions summed over the pupils, the term before and after */
    int64_t change;            /* after - before */
    or_change direction;       /* of change; fewer suspensions is an improvement */
    int64_t any_before;        /* pupils with at least one suspension in the term before */
    int64_t any_after;         /* ditto, the term after */
    int64_t fewer, same, more; /* pupils whose count fell, stayed, rose */
} or_suspension_change;

/* Sum per-pupil counts: before[i] and after[i] are pupil i's suspensions in the term before and
 * the term after. OR_EUSAGE for a negative count (naming the pupil's index), NULL arrays with
 * n > 0, or sums that overflow. */
or_code or_suspensions_before_after(const int64_t *before, const int64_t *after, size_t n,
                                    or_suspension_change *out, or_error *err);

#endif
