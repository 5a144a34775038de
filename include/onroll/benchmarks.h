/* benchmarks.h - the DfE's published exclusion statistics as onroll holds them (the benchmarks
 * kind: England, regions and LAs, from the 2006-2017 layout or Explore Education Statistics'),
 * each published rate recomputed from its own count and headcount (DOMAIN.md §6) so that an
 * analyst can see which figures onroll's rules reproduce: `onroll report benchmarks`. */
#ifndef ONROLL_BENCHMARKS_H
#define ONROLL_BENCHMARKS_H

#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/report.h"
#include "onroll/store.h"

typedef enum { OR_BM_ANY_LEVEL, OR_BM_NATIONAL, OR_BM_REGIONAL, OR_BM_LA } or_bm_level;

typedef struct {
    int year;          /* the academic year's start (2022 = 2022/23), or 0 for every year */
    or_bm_level level; /* OR_BM_ANY_LEVEL: every level */
    int la_code;       /* only this LA's rows (the DfE's three-digit code), or 0 */
} or_bm_opts;

typedef struct {
    int64_t rates;     /* published rates recomputed (a number, from a count and a headcount) */
    int64_t agree;     /* of which the recomputed rate is the published one */
    int64_t not_rates; /* published rate cells not recomputed: a symbol, empty, headcount 0 */
    int64_t rows;
} or_bm_tally;

/* The published rows the options select, in year, level and area order, with each rate beside
 * its recomputation and whether they agree ("yes", "no", or "" when not recomputed), into a
 * table allocated in a; *tally counts them. */
or_code or_report_benchmarks(or_store *s, const or_bm_opts *o, or_arena *a, or_table *out,
                             or_bm_tally *tally, or_error *err);

#endif
