/* benchmarks.c - `onroll report benchmarks` (benchmarks.h): the DfE's published rows, each
 * rate recomputed from its count and headcount at the published number of places (stats.h
 * or_rate_recheck) with whether the two agree. */
#include <string.h>

#include "onroll/benchmarks.h"
#include "onroll/stats.h"

/* The columns: the area, then per measure its count, the published rate, the recomputed rate
 * and whether they agree. */
enum {
    B_PERIOD,
    B_LEVEL,
    B_AREA,
    B_LA_CODE,
    B_AREA_CODE,
    B_SCHOOL_TYPE,
    B_HEADCOUNT,
    B_M0,
    B__N = B_M0 + 12
};

static const char *cols[B__N] = {
    "time_period",
    "geographic_level",
    "area_name",
    "la_code",
    "area_code",
    "school_type",
    "headcount",
    "perm_excl",
    "perm_excl_rate",
    "perm_excl_rate_recomputed",
    "perm_excl_rate_agrees",
    "suspension",
    "susp_rate",
    "susp_rate_recomputed",
    "susp_rate_agrees",
    "one_plus_susp",
    "one_plus_susp_rate",
    "one_plus_susp_rate_recomputed",
    "one_plus_susp_rate_agrees",
};
static const bool numeric[B__N] = {[B_LA_CODE] = true, [B_HEADCOUNT] = true, [B_M0] = true,
                                   [B_M0 + 1] = true,  [B_M0 + 2] = true,    [B_M0 + 4] = true,
                                   [B_M0 + 5] = true,  [B_M0 + 6] = true,    [B_M0 + 8] = true,
                                   [B_M0 + 9] = true,  [B_M0 + 10] = true};

/* The kind's count and rate column of each measure. */
static const int measures[3][2] = {{OR_BM_PERM_EXCL, OR_BM_PERM_EXCL_RATE},
                                   {OR_BM_FIXED_EXCL, OR_BM_FIXED_EXCL_RATE},
                                   {OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE}};

typedef struct {
    const or_bm_opts *o;
    or_arena *a;
    const char **cells;
    int n, cap;
    or_bm_tally *tally;
} ctx;

static const char *text(const or_value *v)
{
    return v->null || !v->s ? "" : v->s;
}

static bool level_is(const char *level, or_bm_level want)
{
    switch (want) {
    case OR_BM_NATIONAL:
        return !strcmp(level, "National");
    case OR_BM_REGIONAL:
        return !strcmp(level, "Region");
    case OR_BM_LA:
        return !strcmp(level, "Local authority");
    default:
        return true;
    }
}

static or_code on_row(void *vctx, const or_value *row, const or_row_meta *m, or_error *err)
{
    ctx *x = vctx;
    (void)m;
    (void)err;
    int year = (int)row[OR_BM_YEAR].i; /* 202223 */
    if (x->o->year && year / 100 != x->o->year)
        return OR_OK;
    if (!level_is(text(&row[OR_BM_LEVEL]), x->o->level))
        return OR_OK;
    if (x->o->la_code && (row[OR_BM_LA_CODE].null || row[OR_BM_LA_CODE].i != x->o->la_code))
        return OR_OK;
    OR_ARENA_GROW(x->a, x->cells, (size_t)(x->n + 1) * B__N, x->cap);
    const char **c = x->cells + (size_t)x->n * B__N;
    c[B_PERIOD] = or_arena_printf(x->a, "%d", year);
    c[B_LEVEL] = or_arena_strdup(x->a, text(&row[OR_BM_LEVEL]));
    c[B_AREA] = or_arena_strdup(x->a, text(&row[OR_BM_LA_NAME]));
    c[B_LA_CODE] = row[OR_BM_LA_CODE].null
                       ? ""
                       : or_arena_printf(x->a, "%lld", (long long)row[OR_BM_LA_CODE].i);
    c[B_AREA_CODE] = or_arena_strdup(x->a, text(&row[OR_BM_AREA_CODE]));
    c[B_SCHOOL_TYPE] = or_arena_strdup(x->a, text(&row[OR_BM_SCHOOL_TYPE]));
    const char *head = text(&row[OR_BM_HEADCOUNT]);
    c[B_HEADCOUNT] = or_arena_strdup(x->a, head);
    for (int k = 0; k < 3; k++) {
        const char *count = text(&row[measures[k][0]]), *rate = text(&row[measures[k][1]]);
        char again[32];
        bool agrees;
        or_error e = {0};
        bool done = or_rate_recheck(count, head, rate, again, sizeof again, &agrees, &e) == OR_OK;
        c[B_M0 + 4 * k] = or_arena_strdup(x->a, count);
        c[B_M0 + 4 * k + 1] = or_arena_strdup(x->a, rate);
        c[B_M0 + 4 * k + 2] = done ? or_arena_strdup(x->a, again) : "";
        c[B_M0 + 4 * k + 3] = !done ? "" : agrees ? "yes" : "no";
        if (done) {
            x->tally->rates++;
            x->tally->agree += agrees;
        } else {
            x->tally->not_rates++;
        }
    }
    x->n++;
    x->tally->rows++;
    return OR_OK;
}

or_code or_report_benchmarks(or_store *s, const or_bm_opts *o, or_arena *a, or_table *out,
                             or_bm_tally *tally, or_error *err)
{
    *tally = (or_bm_tally){0};
    ctx x = {o, a, NULL, 0, 0, tally};
    or_code rc = or_store_scan_pupil(s, or_kind_get(OR_K_BENCHMARKS), NULL, on_row, &x, err);
    if (rc)
        return rc;
    *out = (or_table){"Published exclusion statistics, each rate recomputed from its counts",
                      B__N,
                      x.n,
                      cols,
                      x.cells,
                      numeric};
    return OR_OK;
}
