/* stats.h - the published statistics of DOMAIN.md §6, as DfE defines them: rates per 100 pupils
 * rounded exactly, risk and rate ratios with 95% confidence intervals, funnel-plot limits, and
 * suppression of small counts (primary and secondary) in tables with totals.
 *
 * Pure: numbers in, numbers out, no I/O and no globals. Functions that can be misused return an
 * or_code and fill an or_error; the rate shortcuts return a marker instead.
 *
 * Markers used in published cells (DOMAIN.md §6): "c" = suppressed (confidential), "z" = not
 * applicable (e.g. a rate whose denominator is 0), "x" = not available. Zero is shown as 0. */
#ifndef ONROLL_STATS_H
#define ONROLL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"

/* ---- exact rounding ---- */

/* num * 10^decimals / den rounded to an integer half away from zero, computed exactly in integer
 * arithmetic (0.125 at 2 d.p. is 13; 201/20000 * 100 = 1.005 exactly is 1.01, where a double
 * holding 1.005 rounds to 1.00). decimals 0..18; num and den may be negative; den != 0 and
 * |den| <= 1.8e18. OR_EUSAGE when den is 0, decimals is out of range or the result would not fit
 * in an int64. */
or_code or_round_div(int64_t num, int64_t den, int decimals, int64_t *out, or_error *err);

#define OR_RATE_Z       INT64_MIN       /* "z": denominator 0 */
#define OR_RATE_INVALID (INT64_MIN + 1) /* a negative count, or too large to compute */

/* A rate per 100 (DOMAIN.md §6: suspensions, permanent exclusions or one-plus pupils over
 * headcount) in hundredths, rounded half away from zero exactly: 381865 / 8025075 -> 476, i.e.
 * 4.76. OR_RATE_Z when den is 0 (any num), OR_RATE_INVALID when num or den is negative or the
 * rate does not fit (num / den beyond 9.2e14). */
int64_t or_rate_x100(int64_t num, int64_t den);

/* Write v (a number of 10^-decimals units) as fixed-point text with exactly `decimals` places:
 * (476, 2) -> "4.76", (10, 2) -> "0.10", (-5, 2) -> "-0.05", (7, 0) -> "7". OR_RATE_Z is written
 * "z". snprintf's contract: returns the length the text needs; writes at most size bytes, always
 * NUL-terminated when size > 0. OR_RATE_INVALID writes "" and returns -1. */
#define OR_FIXED_STRLEN 24 /* enough for any int64 at any decimals, with sign and NUL */
int or_fixed_format(int64_t v, int decimals, char *buf, size_t size);

/* Parse fixed-point text ("4.76", "0.1", "-2", "12.") into units of 10^-decimals: "0.1" at 2
 * decimals is 10. At most `decimals` digits after the point (so DfE's published "0.1" and
 * onroll's "0.10" compare equal as numbers). OR_EINPUT for anything else, including "x", "." and
 * "z". */
or_code or_fixed_parse(const char *s, int decimals, int64_t *out, or_error *err);

/* A published rate recomputed from the published count and headcount it was made from, at the
 * published rate's own number of decimal places (DOMAIN.md §6: count / headcount x 100, half
 * away from zero, exactly; a count or headcount may have decimal places too, as a few regional
 * DfE rows do). OR_OK: out holds the recomputed rate in the published places and *agrees says
 * whether it is the published figure. OR_EINPUT when there is nothing to recompute, the
 * message saying why: a rate or count that is a symbol (c, x, z, low, :) or empty, a headcount
 * of 0. */
or_code or_rate_recheck(const char *count, const char *headcount, const char *rate, char *out,
                        size_t size, bool *agrees, or_error *err);

/* ---- ratios with 95% confidence intervals ----
 *
 * Doubles: the ratios and intervals are estimates shown to 2 d.p. at most, and the log/exp
 * involved are not exact anyway. Compute from the unrounded counts, not from rounded rates. */

#define OR_Z95  1.96 /* DOMAIN.md §6: the two-sided 95% normal quantile as DfE and PHE print it */
#define OR_Z998 3.09 /* the two-sided 99.8% quantile (Spiegelhalter 2005) */

typedef struct {
    bool z;            /* not computable ("z"): a or c is 0 (DOMAIN.md §6), or n1 or n2 is 0 */
    double ratio;      /* (a/n1) / (c/n2); 0 when z */
    double lo, hi;     /* 95% confidence interval; 0 when z */
    bool excludes_one; /* lo > 1 or hi < 1: a difference at the 5% level; false when z */
} or_ratio;

/* Risk ratio of a binary outcome (one-plus rate): a of n1 pupils in the group, c of n2 in the
 * reference. 95% CI exp(ln RR ± 1.96·√(1/a − 1/n1 + 1/c − 1/n2)) (Katz, Baptista, Azen & Pike
 * 1978, the log method). OR_EUSAGE when a count is negative or a > n1 or c > n2. */
or_code or_risk_ratio(int64_t a, int64_t n1, int64_t c, int64_t n2, or_ratio *out, or_error *err);

/* Rate ratio of event counts (suspensions, which may exceed the pupils): a events over n1 pupils
 * against c over n2. 95% CI exp(ln RR ± 1.96·√(1/a + 1/c)) (Poisson counts). OR_EUSAGE when a
 * count is negative. */
or_code or_rate_ratio(int64_t a, int64_t n1, int64_t c, int64_t n2, or_ratio *out, or_error *err);

/* ---- funnel plot of a proportion (Spiegelhalter 2005) ---- */

typedef struct {
    double lo95, hi95;   /* p ± 1.96·√(p(1−p)/n), clipped to [0, 1] */
    double lo998, hi998; /* p ± 3.09·√(p(1−p)/n), clipped to [0, 1] */
} or_funnel;

/* The limits at n for an expected proportion p (DOMAIN.md §6: the LA one-plus proportion, from
 * its counts, unrounded). OR_EUSAGE unless 0 <= p <= 1 and n > 0. */
or_code or_funnel_limits(double p, int64_t n, or_funnel *out, or_error *err);

typedef enum {
    OR_FUNNEL_WITHIN = 0, /* inside the 95% limits, or on one of them */
    OR_FUNNEL_WATCH,      /* above the 95% upper limit, not above the 99.8% one */
    OR_FUNNEL_CONCERN,    /* above the 99.8% upper limit: "of concern" */
    OR_FUNNEL_LOW,        /* below the 95% lower limit, not below the 99.8% one */
    OR_FUNNEL_VERY_LOW,   /* below the 99.8% lower limit */
} or_funnel_class;

/* Where a school with x of n pupils (x/n) falls against the limits for p. "Above" is strictly
 * above: a school exactly on a limit is inside it. OR_EUSAGE unless 0 <= x <= n, n > 0 and
 * 0 <= p <= 1. */
or_code or_funnel_classify(int64_t x, int64_t n, double p, or_funnel_class *out, or_error *err);

/* "within", "watch", "of concern", "low", "very low". */
const char *or_funnel_class_name(or_funnel_class c);

/* ---- suppression (suppress.c) ----
 *
 * Primary: a shown count in [1, threshold] (DOMAIN.md §6: 1 and 2, threshold configurable) is
 * "c". Zero is shown as 0 and never suppressed as primary.
 *
 * Secondary, in two stages repeated until nothing changes:
 *   1. DOMAIN.md §6 as written: where a row or column whose total is shown has exactly one
 *      suppressed cell, suppress the next smallest cell of it too: the smallest non-zero shown
 *      cell of that row or column (ties: the first), else its total. Zeros are not chosen: a
 *      pair {primary, 0} would still add up to the primary's small value, and "zero is shown as
 *      0". (There is always a non-zero candidate: see suppress.c.) Lines are visited rows
 *      first, top to bottom, then columns, left to right, until none has a lone "c".
 *   2. Beyond the letter of §6, so that no "c" can be worked out from the shown totals at all:
 *      stage 1 stops subtraction from one total, but a suppressed cell can still follow from
 *      adding and subtracting several (two separately protected 2x2 blocks joined by one more
 *      suppressed cell give that cell away). Any cell so exposed gets a further cell suppressed
 *      (the smallest, non-zero if possible) that closes a loop through it.
 * A margin total is a cell too: a row total of 1 or 2 is primary, and a total may be chosen in
 * stage 1 when its line has no other non-zero cell to hide.
 *
 * A rate or ratio built on a suppressed count is "c" as well: or_cell_rate(). */

#define OR_SUPPRESS_THRESHOLD 2 /* DOMAIN.md §6 default: counts 1 and 2 */

enum {
    OR_SUP_NONE = 0,
    OR_SUP_PRIMARY = 1,   /* a small count */
    OR_SUP_SECONDARY = 2, /* hidden so that a primary cannot be worked out from the totals */
};

/* Size and index of the flags of a rows x cols table with its margins: an (rows+1) x (cols+1)
 * grid, row-major. Cell (i, j) is at OR_SUP_AT(cols, i, j); the total of row i at
 * OR_SUP_AT(cols, i, cols); the total of column j at OR_SUP_AT(cols, rows, j); the grand total
 * at OR_SUP_AT(cols, rows, cols). */
#define OR_SUP_NFLAGS(rows, cols) ((size_t)((rows) + 1) * (size_t)((cols) + 1))
#define OR_SUP_AT(cols, i, j)     ((size_t)(i) * (size_t)((cols) + 1) + (size_t)(j))

/* Suppress a rows x cols table of non-negative counts (row-major, rows*cols entries). The
 * margins are computed here: row totals are shown when row_totals_shown, column totals when
 * col_totals_shown, and the grand total when both are. flags_out gets OR_SUP_NFLAGS(rows, cols)
 * entries (see OR_SUP_AT): OR_SUP_NONE / PRIMARY / SECONDARY, and NONE for margins not shown.
 * threshold 0 turns suppression off. OR_EUSAGE for a negative count or threshold, rows or cols
 * < 1, or totals that overflow; OR_ENOMEM. On failure flags_out is all NONE (untouched when
 * rows or cols is out of range). */
or_code or_suppress_table(const int64_t *counts, int rows, int cols, bool row_totals_shown,
                          bool col_totals_shown, int threshold, uint8_t *flags_out, or_error *err);

/* A list of n counts with (when total_shown) its total: flags_out gets n + 1 entries, the last
 * one the total's. Same rules and errors as or_suppress_table (it is an n x 1 table with its
 * column total). */
or_code or_suppress_list(const int64_t *counts, int n, bool total_shown, int threshold,
                         uint8_t *flags_out, or_error *err);

/* The published text of a count: "c" when flagged, else the number. Returns snprintf's length. */
int or_cell_count(int64_t count, uint8_t flag, char *buf, size_t size);

/* The published text of the rate per 100 of num over den at 2 d.p. ("4.76", "0.10"): "z" when
 * den is 0 (not applicable, whatever the flags), else "c" when either count is suppressed
 * (num_flag or den_flag not NONE), else the rate. "" and -1 for negative counts. */
int or_cell_rate(int64_t num, uint8_t num_flag, int64_t den, uint8_t den_flag, char *buf,
                 size_t size);

#endif
