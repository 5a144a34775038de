/* survey_stats.h - the published statistics of a survey (issue 18 part 4): per item the
 * distribution of answers and, for a scored scale, the mean; per domain the mean domain score;
 * and the change between two waves of the respondents who answered both (paired by their
 * pseudonym), with its 95% confidence interval - all with the small-number suppression of
 * DOMAIN.md §6.
 *
 * Suppression (DOMAIN.md §6: "counts of 1 and 2 (configurable) and every rate or ratio computed
 * from them are shown as c; then secondary suppression where a total is shown"):
 *   - a distribution is a list of counts with its total shown (the number who answered the
 *     item): or_suppress_list, so a count of 1 or 2 is "c" and so is the next smallest count of
 *     the list (else the total); a percentage of a suppressed count is "c" (or_cell_rate);
 *   - a mean is computed from every count of its distribution, so it is "c" when any of them
 *     is suppressed (it would give them away: 9 "yes" of 10 is a mean of 0.9), and when the
 *     number it is the mean of is 1 to threshold;
 *   - a change is "c" when the pairs are 1 to threshold (a change of one or two people is
 *     theirs).
 * A 0 is shown as 0; nothing to compute (no answers) is "z".
 *
 * The change of a mean is or_paired_change_stats (outcomes.h, the outcomes report's statistics):
 * mean of the paired differences, sample SD (n - 1), 95% CI mean -/+ t(0.975, n - 1) SD / sqrt(n).
 *
 * Pure: numbers in, numbers out, no I/O, no globals. */
#ifndef ONROLL_SURVEY_STATS_H
#define ONROLL_SURVEY_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"
#include "onroll/outcomes.h"

#define OR_SURVEY_LEVELS_MAX 16 /* levels of one scale */

/* One item's answers in one wave. */
typedef struct {
    int nlevels;
    int64_t counts[OR_SURVEY_LEVELS_MAX];    /* answers per level, in the scale's order */
    int64_t answered;                        /* the total: answers given */
    uint8_t flags[OR_SURVEY_LEVELS_MAX + 1]; /* OR_SUP_* per level, then the total's */
    bool scored;                             /* the levels have scores: a mean means something */
    int64_t mean_x100;                       /* the mean score in hundredths, rounded exactly */
    bool mean_shown;                         /* scored, answered, and nothing suppressed */
} or_survey_dist;

/* The distribution of n answers: levels[i] is answer i's level (0 to nlevels - 1), or -1 for
 * no answer (not counted). scores: the score of each level (NULL: not a scored scale; then no
 * mean). threshold: DOMAIN.md §6's (OR_SUPPRESS_THRESHOLD; 0 turns suppression off).
 * OR_EUSAGE for nlevels outside 1 to OR_SURVEY_LEVELS_MAX, a level out of range, a negative
 * threshold. */
or_code or_survey_dist_of(const int *levels, size_t n, int nlevels, const int *scores,
                          int threshold, or_survey_dist *out, or_error *err);

/* A mean of n values (a domain score over respondents, a number item). */
typedef struct {
    int64_t n;
    double mean;
    bool shown; /* n > threshold */
} or_survey_mean;

/* OR_EUSAGE for a value that is not finite or NULL values with n > 0. */
or_code or_survey_mean_of(const double *values, size_t n, int threshold, or_survey_mean *out,
                          or_error *err);

/* One respondent's domain score (surveys.h's scoring) from the scores of the domain's scored
 * items: with sum false the mean of those they answered (at least one); with sum true their sum,
 * only when every one was answered (else *has is false). scores[i] is item i's score,
 * answered[i] whether it was answered. */
void or_survey_domain_score(const double *scores, const bool *answered, size_t nitems, bool sum,
                            double *out, bool *has);

/* A value of a respondent, by the respondent's pseudonym (the key). */
typedef struct {
    const char *key;
    double value;
} or_survey_keyed;

/* Pair the respondents of two waves: sorts a and b by key (in place) and writes the values of
 * the keys in both, in key order, to before[] and after[] (room for the smaller of na, nb);
 * *npairs their number. OR_EUSAGE for a key twice in one wave or a NULL key. */
or_code or_survey_pair(or_survey_keyed *a, size_t na, or_survey_keyed *b, size_t nb, double *before,
                       double *after, size_t *npairs, or_error *err);

/* The change between two waves of n pairs. */
typedef struct {
    or_paired_change pc; /* outcomes.h: n, means, mean change, SD, SE, t, CI */
    bool shown;          /* n > threshold (with threshold 0: n >= 1) */
} or_survey_change;

or_code or_survey_change_of(const double *before, const double *after, size_t n, or_better better,
                            int threshold, or_survey_change *out, or_error *err);

/* A double written to 2 decimal places, rounded half away from zero on its value in hundredths
 * (llround), never "-0.00": 0.125 -> "0.13" (as stored, 0.125 is exact), -0.001 -> "0.00".
 * Returns buf. */
enum { OR_SURVEY_NUM_LEN = 32 };
const char *or_survey_fmt2(double v, char buf[OR_SURVEY_NUM_LEN]);

#endif
