/* survey_stats.c - a survey's published statistics (include/onroll/survey_stats.h): the
 * distribution of an item's answers with its mean, a mean of values, a respondent's domain
 * score, the pairing of two waves by pseudonym and the paired change with its 95% CI, all
 * suppressed as DOMAIN.md §6 says.
 *
 * Reused, not redone: suppression is or_suppress_list (suppress.c), the exact 2-d.p. rounding of
 * a mean of whole scores is or_round_div (stats.c), and the paired change with its CI is
 * or_paired_change_stats (outcomes.c: m -/+ t(0.975, n - 1) s / sqrt(n), Student's t inverted
 * exactly), the statistics of the outcomes report. Pure: no I/O. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"
#include "onroll/survey_stats.h"

or_code or_survey_dist_of(const int *levels, size_t n, int nlevels, const int *scores,
                          int threshold, or_survey_dist *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (nlevels < 1 || nlevels > OR_SURVEY_LEVELS_MAX)
        return or_fail(err, OR_EUSAGE, "or_survey_dist_of: %d levels (1 to %d)", nlevels,
                       OR_SURVEY_LEVELS_MAX);
    if (threshold < 0)
        return or_fail(err, OR_EUSAGE, "or_survey_dist_of: threshold %d", threshold);
    if (n > 0 && !levels)
        return or_fail(err, OR_EUSAGE, "or_survey_dist_of: no answers for %zu", n);
    out->nlevels = nlevels;
    out->scored = scores != NULL;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        int l = levels[i];
        if (l < 0)
            continue;
        if (l >= nlevels)
            return or_fail(err, OR_EUSAGE, "or_survey_dist_of: answer %zu is level %d of %d", i, l,
                           nlevels);
        out->counts[l]++;
        out->answered++;
        if (scores)
            sum += scores[l];
    }
    or_code rc = or_suppress_list(out->counts, nlevels, true, threshold, out->flags, err);
    if (rc != OR_OK)
        return rc;
    bool any = false;
    for (int l = 0; l <= nlevels; l++)
        any |= out->flags[l] != OR_SUP_NONE;
    if (scores && out->answered > 0) {
        if ((rc = or_round_div(sum, out->answered, 2, &out->mean_x100, err)) != OR_OK)
            return rc;
        out->mean_shown = !any && out->answered > threshold;
    }
    return OR_OK;
}

or_code or_survey_mean_of(const double *values, size_t n, int threshold, or_survey_mean *out,
                          or_error *err)
{
    memset(out, 0, sizeof *out);
    if (threshold < 0)
        return or_fail(err, OR_EUSAGE, "or_survey_mean_of: threshold %d", threshold);
    if (n > 0 && !values)
        return or_fail(err, OR_EUSAGE, "or_survey_mean_of: no values for %zu", n);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(values[i]))
            return or_fail(err, OR_EUSAGE, "or_survey_mean_of: value %zu is %g", i, values[i]);
        sum += values[i];
    }
    out->n = (int64_t)n;
    out->mean = n ? sum / (double)n : 0;
    out->shown = n > 0 && out->n > threshold;
    return OR_OK;
}

void or_survey_domain_score(const double *scores, const bool *answered, size_t nitems, bool sum,
                            double *out, bool *has)
{
    double total = 0;
    size_t k = 0;
    for (size_t i = 0; i < nitems; i++)
        if (answered[i]) {
            total += scores[i];
            k++;
        }
    *has = k > 0 && (!sum || k == nitems);
    *out = !*has ? 0 : sum ? total : total / (double)k;
}

static int by_key(const void *x, const void *y)
{
    return strcmp(((const or_survey_keyed *)x)->key, ((const or_survey_keyed *)y)->key);
}

static or_code sort_keys(or_survey_keyed *v, size_t n, const char *wave, or_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i].key)
            return or_fail(err, OR_EUSAGE, "or_survey_pair: the %s wave's value %zu has no key",
                           wave, i);
    if (n > 1) /* qsort with a NULL base and n 0 is undefined */
        qsort(v, n, sizeof *v, by_key);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(v[i - 1].key, v[i].key))
            return or_fail(err, OR_EUSAGE, "or_survey_pair: a respondent twice in the %s wave",
                           wave);
    return OR_OK;
}

or_code or_survey_pair(or_survey_keyed *a, size_t na, or_survey_keyed *b, size_t nb, double *before,
                       double *after, size_t *npairs, or_error *err)
{
    *npairs = 0;
    or_code rc;
    if ((rc = sort_keys(a, na, "earlier", err)) || (rc = sort_keys(b, nb, "later", err)))
        return rc;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        int c = strcmp(a[i].key, b[j].key);
        if (c < 0)
            i++;
        else if (c > 0)
            j++;
        else {
            before[*npairs] = a[i++].value;
            after[*npairs] = b[j++].value;
            (*npairs)++;
        }
    }
    return OR_OK;
}

or_code or_survey_change_of(const double *before, const double *after, size_t n, or_better better,
                            int threshold, or_survey_change *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (threshold < 0)
        return or_fail(err, OR_EUSAGE, "or_survey_change_of: threshold %d", threshold);
    or_code rc = or_paired_change_stats(before, after, n, better, &out->pc, err);
    if (rc != OR_OK)
        return rc;
    out->shown = n > 0 && out->pc.n > threshold;
    return OR_OK;
}

const char *or_survey_fmt2(double v, char buf[OR_SURVEY_NUM_LEN])
{
    if (!isfinite(v) || fabs(v) > 1e15) {
        snprintf(buf, OR_SURVEY_NUM_LEN, "z");
        return buf;
    }
    long long h = llround(v * 100.0); /* half away from zero */
    unsigned long long m = h < 0 ? (unsigned long long)-h : (unsigned long long)h;
    snprintf(buf, OR_SURVEY_NUM_LEN, "%s%llu.%02llu", h < 0 ? "-" : "", m / 100, m % 100);
    return buf;
}
