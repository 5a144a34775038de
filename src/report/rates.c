/* rates.c - the three statistical tables of report.h: rates per 100 pupils in the DfE tidy
 * layout, disproportionality (risk ratios against a reference), and schools against the LA
 * (funnel-plot limits and shares). Each is one grouping of the columnar model, then text
 * cells; suppression is applied to the counts and carried to what is computed from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/report.h"
#include "onroll/stats.h"

enum { M_HEAD, M_SUSP, M_PERM, M_ONE, M__N }; /* the counts a cell holds */

static int64_t measure(const or_group_cell *c, int m)
{
    return m == M_HEAD   ? c->headcount
           : m == M_SUSP ? c->suspensions
           : m == M_PERM ? c->perm_excl
                         : c->one_plus;
}

/* A growing table in the arena. */
typedef struct {
    or_table *t;
    or_arena *a;
    int cap;
} builder;

static void begin(builder *b, or_table *t, or_arena *a, const char *title, const char *const *cols,
                  int ncols)
{
    memset(t, 0, sizeof *t);
    t->title = title;
    t->ncols = ncols;
    t->cols = or_arena_alloc(a, (size_t)ncols * sizeof *t->cols);
    bool *numeric = or_arena_calloc(a, (size_t)ncols, sizeof *numeric);
    for (int c = 0; c < ncols; c++) {
        t->cols[c] = cols[c];
        numeric[c] = strstr(cols[c], "rate") || strstr(cols[c], "count") ||
                     !strcmp(cols[c], "headcount") || !strcmp(cols[c], "suspension") ||
                     !strcmp(cols[c], "perm_excl") || !strcmp(cols[c], "one_plus_susp") ||
                     strstr(cols[c], "_rr") || strstr(cols[c], "share") || strstr(cols[c], "limit");
    }
    t->numeric = numeric;
    b->t = t;
    b->a = a;
    b->cap = 0;
}

static const char **new_row(builder *b)
{
    or_table *t = b->t;
    if (t->nrows == b->cap) { /* rows of ncols cells: OR_ARENA_GROW's steps, by hand */
        size_t cap = or_alloc_nr((size_t)b->cap, (size_t)t->nrows + 1), w = (size_t)t->ncols;
        t->cells = or_arena_grow(b->a, t->cells, (size_t)b->cap * w, cap * w, sizeof *t->cells);
        b->cap = (int)cap;
    }
    const char **row = (const char **)&t->cells[(size_t)t->nrows++ * (size_t)t->ncols];
    for (int c = 0; c < t->ncols; c++)
        row[c] = "";
    return row;
}

static const char *str(or_arena *a, const char *s)
{
    return or_arena_strdup(a, s ? s : "");
}

static const char *num(or_arena *a, int64_t v, uint8_t flag)
{
    char buf[32];
    or_cell_count(v, flag, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

static const char *rate(or_arena *a, int64_t n, uint8_t nf, int64_t d, uint8_t df)
{
    char buf[32];
    or_cell_rate(n, nf, d, df, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

/* ---- suppression over a grouping: per LA, along every dimension with its Total ---- */

/* Flags for measure m of every cell of r (axis 0 is the LA; axes 1.. the user's dims, with
 * Totals). Primary: counts 1..threshold. Secondary: helper tables for 1 and 2 dims; for 3 dims,
 * the rule of DOMAIN.md §6 along every line of every axis until nothing changes. */
static or_code suppress(const or_group_result *r, int m, int threshold, uint8_t *flags,
                        or_error *err)
{
    memset(flags, 0, r->ncells);
    if (threshold <= 0)
        return OR_OK;
    int nd = r->ndims - 1;
    for (size_t i = 0; i < r->ncells; i++) {
        int64_t v = measure(&r->cells[i], m);
        if (v >= 1 && v <= threshold)
            flags[i] = OR_SUP_PRIMARY;
    }
    if (nd == 0)
        return OR_OK;
    for (int la = 0; la < r->size[0]; la++) {
        size_t base = (size_t)la * r->stride[0];
        if (nd <= 2) {
            int rows = r->size[1], cols = nd == 2 ? r->size[2] : 1;
            int64_t *counts = malloc((size_t)rows * (size_t)cols * sizeof *counts);
            uint8_t *f = malloc(OR_SUP_NFLAGS(rows, cols));
            if (!counts || !f) {
                free(counts);
                free(f);
                return or_fail(err, OR_ENOMEM, "out of memory suppressing");
            }
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    counts[i * cols + j] =
                        measure(&r->cells[base + (size_t)i * r->stride[1] +
                                          (nd == 2 ? (size_t)j * r->stride[2] : 0)],
                                m);
            or_code rc = nd == 2
                             ? or_suppress_table(counts, rows, cols, true, true, threshold, f, err)
                             : or_suppress_list(counts, rows, true, threshold, f, err);
            if (!rc)
                for (int i = 0; i <= rows; i++)
                    for (int j = 0; j <= (nd == 2 ? cols : 0); j++) {
                        size_t at = nd == 2 ? OR_SUP_AT(cols, i, j) : (size_t)i;
                        size_t cell = base + (size_t)i * r->stride[1] +
                                      (nd == 2 ? (size_t)j * r->stride[2] : 0);
                        if (f[at] > flags[cell])
                            flags[cell] = f[at];
                    }
            free(counts);
            free(f);
            if (rc)
                return rc;
            continue;
        }
        /* three dimensions: every line along every axis, until stable */
        for (bool changed = true; changed;) {
            changed = false;
            for (int ax = 1; ax <= nd; ax++) {
                size_t n = 1;
                for (int o = 1; o <= nd; o++)
                    if (o != ax)
                        n *= (size_t)r->size[o] + 1;
                for (size_t line = 0; line < n; line++) {
                    size_t rest = line, start = base;
                    for (int o = 1; o <= nd; o++) {
                        if (o == ax)
                            continue;
                        start += (rest % ((size_t)r->size[o] + 1)) * r->stride[o];
                        rest /= (size_t)r->size[o] + 1;
                    }
                    size_t total = start + (size_t)r->size[ax] * r->stride[ax];
                    if (flags[total])
                        continue; /* the total is not shown: nothing to subtract from */
                    int lone = 0;
                    size_t pick = total;
                    int64_t best = -1;
                    for (int v = 0; v < r->size[ax]; v++) {
                        size_t at = start + (size_t)v * r->stride[ax];
                        int64_t x = measure(&r->cells[at], m);
                        if (flags[at])
                            lone++;
                        else if (x > 0 && (best < 0 || x < best)) {
                            best = x;
                            pick = at;
                        }
                    }
                    if (lone == 1) {
                        flags[pick] = OR_SUP_SECONDARY;
                        changed = true;
                    }
                }
            }
        }
    }
    return OR_OK;
}

/* ---- the grouping every table starts from ---- */

static or_code group(const or_columns *c, const or_report_opts *o, or_dim lead, bool totals,
                     or_group_result *r, or_error *err)
{
    or_group_query q = {o->ay, o->ay, 0, {0}, totals, true, 2};
    q.dims[q.ndims++] = lead;
    for (int i = 0; i < o->ndims; i++) {
        if (o->dims[i] == lead)
            continue;
        if (q.ndims == OR_GROUP_MAXDIMS)
            return or_fail(err, OR_EUSAGE, "at most %d dimensions", OR_GROUP_MAXDIMS - 1);
        q.dims[q.ndims++] = o->dims[i];
    }
    return o->dated ? or_columns_group_dated(c, &q, o->from, o->to, r, err)
                    : or_columns_group(c, &q, r, err);
}

static int threshold_of(const or_report_opts *o)
{
    return o->unsuppressed ? 0 : o->threshold > 0 ? o->threshold : OR_SUPPRESS_THRESHOLD;
}

/* Visit the cells of one LA, Totals first along each axis (the order of DfE's tidy files). */
typedef void (*cell_fn)(void *ctx, const int *v, size_t at);

static void each_cell(const or_group_result *r, int la, cell_fn fn, void *ctx)
{
    int nd = r->ndims - 1, v[OR_GROUP_MAXDIMS] = {la};
    int k[OR_GROUP_MAXDIMS] = {0}; /* k[i] = 0 means Total, else value k - 1 */
    for (;;) {
        size_t at = (size_t)la * r->stride[0];
        for (int i = 1; i <= nd; i++) {
            v[i] = k[i] == 0 ? r->size[i] : k[i] - 1;
            at += (size_t)v[i] * r->stride[i];
        }
        fn(ctx, v, at);
        int i = nd;
        while (i >= 1 && ++k[i] > r->size[i])
            k[i--] = 0;
        if (i < 1)
            return;
    }
}

/* ---- rates ---- */

typedef struct {
    const or_columns *c;
    const or_group_result *r;
    builder *b;
    const uint8_t *f[M__N];
    int school_axis; /* or -1 */
    const char *period;
} rates_ctx;

static void rates_row(void *ctx, const int *v, size_t at)
{
    rates_ctx *x = ctx;
    const or_group_result *r = x->r;
    const or_group_cell *cell = &r->cells[at];
    bool all_total = true;
    for (int i = 1; i < r->ndims; i++)
        all_total &= v[i] == r->size[i];
    if (!all_total && !cell->headcount && !cell->suspensions && !cell->perm_excl)
        return; /* a combination nobody is in */
    or_arena *a = x->b->a;
    const char **row = new_row(x->b);
    int col = 0;
    bool school = x->school_axis > 0 && v[x->school_axis] != r->size[x->school_axis];
    row[col++] = x->period;
    row[col++] = school ? "School" : "Local authority";
    row[col++] = str(a, or_group_code(x->c, r, 0, v[0]));
    row[col++] = school ? str(a, or_group_code(x->c, r, x->school_axis, v[x->school_axis])) : "";
    for (int i = 1; i < r->ndims; i++) {
        row[col++] = str(a, or_group_code(x->c, r, i, v[i]));
        row[col++] = str(a, or_group_label(x->c, r, i, v[i]));
    }
    uint8_t fh = x->f[M_HEAD][at], fs = x->f[M_SUSP][at], fp = x->f[M_PERM][at],
            fo = x->f[M_ONE][at];
    row[col++] = num(a, cell->headcount, fh);
    row[col++] = num(a, cell->suspensions, fs);
    row[col++] = rate(a, cell->suspensions, fs, cell->headcount, fh);
    row[col++] = num(a, cell->perm_excl, fp);
    row[col++] = rate(a, cell->perm_excl, fp, cell->headcount, fh);
    row[col++] = num(a, cell->one_plus, fo);
    row[col++] = rate(a, cell->one_plus, fo, cell->headcount, fh);
}

or_code or_report_rates(const or_columns *c, const or_report_opts *o, or_arena *a, or_table *out,
                        or_error *err)
{
    or_group_result r = {0};
    or_code rc = group(c, o, OR_DIM_LA, true, &r, err);
    if (rc)
        return rc;
    const char *cols[32];
    int n = 0;
    cols[n++] = "time_period";
    cols[n++] = "geographic_level";
    cols[n++] = "la_code";
    cols[n++] = "urn";
    int school_axis = -1;
    for (int i = 1; i < r.ndims; i++) {
        cols[n++] = or_dim_name(r.dims[i]);
        cols[n++] = or_arena_printf(a, "%s_label", or_dim_name(r.dims[i]));
        if (r.dims[i] == OR_DIM_SCHOOL)
            school_axis = i;
    }
    static const char *const measures[] = {"headcount",         "suspension",     "susp_rate",
                                           "perm_excl",         "perm_excl_rate", "one_plus_susp",
                                           "one_plus_susp_rate"};
    for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
        cols[n++] = measures[i];
    builder b;
    begin(&b, out, a,
          or_arena_printf(a, "Suspensions and permanent exclusions per 100 pupils, %d/%02d", o->ay,
                          (o->ay + 1) % 100),
          cols, n);
    rates_ctx x = {c, &r, &b, {0}, school_axis, or_arena_printf(a, "%d", or_time_period(o->ay))};
    for (int m = 0; m < M__N && !rc; m++) {
        uint8_t *f = or_arena_alloc(a, r.ncells ? r.ncells : 1);
        rc = suppress(&r, m, threshold_of(o), f, err);
        x.f[m] = f;
    }
    for (int la = 0; !rc && la < r.size[0]; la++)
        each_cell(&r, la, rates_row, &x);
    or_group_result_release(&r);
    return rc;
}

/* ---- disproportionality ---- */

static const char *ratio_text(or_arena *a, double v, bool z, bool suppressed)
{
    if (suppressed)
        return "c";
    if (z)
        return "z";
    return or_arena_printf(a, "%.2f", v);
}

typedef struct {
    const or_columns *c;
    const or_group_result *r;
    builder *b;
    const or_report_opts *o;
    const char *period;
    int threshold;
    size_t ref_at;          /* the reference group's cell, or SIZE_MAX: all other pupils */
    const uint8_t *f[M__N]; /* suppression of each count, secondary included (suppress()) */
} disp_ctx;

static bool small(const disp_ctx *x, int64_t v)
{
    return x->threshold > 0 && v >= 1 && v <= x->threshold;
}

static void ratios(disp_ctx *x, const char **row, int *col, int64_t a, int64_t n1, int64_t cc,
                   int64_t n2, bool hidden, bool rate_ratio)
{
    or_ratio rr = {0};
    or_error e;
    or_code rc =
        rate_ratio ? or_rate_ratio(a, n1, cc, n2, &rr, &e) : or_risk_ratio(a, n1, cc, n2, &rr, &e);
    bool z = rc != OR_OK || rr.z;
    or_arena *ar = x->b->a;
    row[(*col)++] = ratio_text(ar, rr.ratio, z, hidden);
    row[(*col)++] = ratio_text(ar, rr.lo, z, hidden);
    row[(*col)++] = ratio_text(ar, rr.hi, z, hidden);
    row[(*col)++] = hidden ? "c" : z ? "z" : rr.excludes_one ? "yes" : "no";
}

static void disp_row(void *ctx, const int *v, size_t at)
{
    disp_ctx *x = ctx;
    const or_group_result *r = x->r;
    int totals = 0;
    for (int i = 1; i < r->ndims; i++)
        totals += v[i] == r->size[i];
    if (totals == r->ndims - 1 || at == x->ref_at)
        return; /* the whole LA, or the reference itself */
    const or_group_cell *g = &r->cells[at];
    if (!g->headcount)
        return;
    size_t all = (size_t)v[0] * r->stride[0];
    for (int i = 1; i < r->ndims; i++)
        all += (size_t)r->size[i] * r->stride[i];
    const or_group_cell *t = &r->cells[all];
    or_group_cell ref;
    if (x->ref_at != (size_t)-1) {
        ref = r->cells[x->ref_at];
    } else { /* everyone else in the LA */
        ref.headcount = t->headcount - g->headcount;
        ref.one_plus = t->one_plus - g->one_plus;
        ref.perm_excl = t->perm_excl - g->perm_excl;
        ref.suspensions = t->suspensions - g->suspensions;
    }
    or_arena *a = x->b->a;
    const char **row = new_row(x->b);
    int col = 0;
    row[col++] = x->period;
    row[col++] = str(a, or_group_code(x->c, r, 0, v[0]));
    for (int i = 1; i < r->ndims; i++) {
        row[col++] = str(a, or_group_code(x->c, r, i, v[i]));
        row[col++] = str(a, or_group_label(x->c, r, i, v[i]));
    }
    /* hidden: suppressed in this grouping (primary or secondary, so that no hidden group
     * can be worked out from the totals), or built on a hidden headcount */
    bool hh = x->f[M_HEAD][at] != 0, ho = x->f[M_ONE][at] || hh, hp = x->f[M_PERM][at] || hh,
         hs = x->f[M_SUSP][at] || hh;
    row[col++] = num(a, g->headcount, hh);
    row[col++] = num(a, g->one_plus, ho);
    row[col++] = rate(a, g->one_plus, ho, g->headcount, hh);
    ratios(x, row, &col, g->one_plus, g->headcount, ref.one_plus, ref.headcount,
           ho || small(x, ref.one_plus), false);
    row[col++] = num(a, g->perm_excl, hp);
    row[col++] = rate(a, g->perm_excl, hp, g->headcount, hh);
    ratios(x, row, &col, g->perm_excl, g->headcount, ref.perm_excl, ref.headcount,
           hp || small(x, ref.perm_excl), false);
    row[col++] = num(a, g->suspensions, hs);
    row[col++] = rate(a, g->suspensions, hs, g->headcount, hh);
    ratios(x, row, &col, g->suspensions, g->headcount, ref.suspensions, ref.headcount,
           hs || small(x, ref.suspensions), true);
}

or_code or_report_disproportionality(const or_columns *c, const or_report_opts *o, or_arena *a,
                                     or_table *out, or_error *err)
{
    if (o->ndims < 1)
        return or_fail(err, OR_EUSAGE, "disproportionality needs a dimension (--by)");
    if (o->reference && o->ndims != 1)
        return or_fail(err, OR_EUSAGE, "--reference needs exactly one dimension");
    or_group_result r = {0};
    or_code rc = group(c, o, OR_DIM_LA, true, &r, err);
    if (rc)
        return rc;
    size_t ref_at = (size_t)-1;
    if (o->reference) {
        int found = -1;
        for (int v = 0; v < r.size[1]; v++)
            if (!strcmp(or_group_code(c, &r, 1, v), o->reference))
                found = v;
        if (found < 0) {
            or_group_result_release(&r);
            return or_fail(err, OR_EINPUT, "--reference '%s' is not a value of %s in %d/%02d",
                           o->reference, or_dim_name(o->dims[0]), o->ay, (o->ay + 1) % 100);
        }
        ref_at = (size_t)found * r.stride[1];
    }
    const char *cols[40];
    int n = 0;
    cols[n++] = "time_period";
    cols[n++] = "la_code";
    for (int i = 1; i < r.ndims; i++) {
        cols[n++] = or_dim_name(r.dims[i]);
        cols[n++] = or_arena_printf(a, "%s_label", or_dim_name(r.dims[i]));
    }
    static const char *const m[] = {"headcount",
                                    "one_plus_susp",
                                    "one_plus_susp_rate",
                                    "one_plus_rr",
                                    "one_plus_rr_lower",
                                    "one_plus_rr_upper",
                                    "one_plus_rr_significant",
                                    "perm_excl",
                                    "perm_excl_rate",
                                    "perm_excl_rr",
                                    "perm_excl_rr_lower",
                                    "perm_excl_rr_upper",
                                    "perm_excl_rr_significant",
                                    "suspension",
                                    "susp_rate",
                                    "susp_rate_ratio",
                                    "susp_rate_ratio_lower",
                                    "susp_rate_ratio_upper",
                                    "susp_rate_ratio_significant"};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        cols[n++] = m[i];
    builder b;
    begin(&b, out, a,
          or_arena_printf(a, "Disproportionality against %s, %d/%02d",
                          o->reference ? o->reference : "all other pupils", o->ay,
                          (o->ay + 1) % 100),
          cols, n);
    disp_ctx x = {
        c,      &r, &b, o, or_arena_printf(a, "%d", or_time_period(o->ay)), threshold_of(o),
        ref_at, {0}};
    for (int k = 0; k < M__N; k++) {
        uint8_t *f = or_arena_alloc(a, r.ncells ? r.ncells : 1);
        if ((rc = suppress(&r, k, x.threshold, f, err))) {
            or_group_result_release(&r);
            return rc;
        }
        x.f[k] = f;
    }
    for (int la = 0; la < r.size[0]; la++) {
        if (ref_at != (size_t)-1)
            x.ref_at = (size_t)la * r.stride[0] + ref_at;
        each_cell(&r, la, disp_row, &x);
    }
    or_group_result_release(&r);
    return OR_OK;
}

/* ---- schools against the LA ---- */

typedef struct {
    size_t at;
    int64_t susp;
} ranked;

static int by_suspensions(const void *p, const void *q)
{
    const ranked *x = p, *y = q;
    if (x->susp != y->susp)
        return x->susp > y->susp ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static const char *pct(or_arena *a, double v)
{
    return or_arena_printf(a, "%.2f", v * 100.0);
}

or_code or_report_schools(const or_columns *c, const or_report_opts *o, or_arena *a, or_table *out,
                          or_error *err)
{
    or_report_opts so = *o;
    so.ndims = 1;
    so.dims[0] = OR_DIM_SCHOOL;
    or_group_result r = {0};
    or_code rc = group(c, &so, OR_DIM_LA, true, &r, err);
    if (rc)
        return rc;
    static const char *const cols[] = {"time_period",
                                       "la_code",
                                       "urn",
                                       "school",
                                       "headcount",
                                       "suspension",
                                       "susp_rate",
                                       "one_plus_susp",
                                       "one_plus_susp_rate",
                                       "la_one_plus_susp_rate",
                                       "lower_limit_95",
                                       "upper_limit_95",
                                       "lower_limit_998",
                                       "upper_limit_998",
                                       "funnel",
                                       "share_of_la_suspensions",
                                       "cumulative_share",
                                       "perm_excl"};
    builder b;
    begin(&b, out, a,
          or_arena_printf(a, "Schools against the LA: one or more suspensions, %d/%02d", o->ay,
                          (o->ay + 1) % 100),
          cols, (int)(sizeof cols / sizeof cols[0]));
    int thr = threshold_of(o);
    const uint8_t *f[M__N];
    for (int m = 0; m < M__N; m++) {
        uint8_t *fl = or_arena_alloc(a, r.ncells ? r.ncells : 1);
        if ((rc = suppress(&r, m, thr, fl, err))) {
            or_group_result_release(&r);
            return rc;
        }
        f[m] = fl;
    }
    const char *period = or_arena_printf(a, "%d", or_time_period(o->ay));
    ranked *order = malloc(((size_t)r.size[1] + 1) * sizeof *order);
    if (!order) {
        or_group_result_release(&r);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    for (int la = 0; la < r.size[0]; la++) {
        size_t base = (size_t)la * r.stride[0];
        const or_group_cell *t = &r.cells[base + (size_t)r.size[1] * r.stride[1]];
        double p = t->headcount ? (double)t->one_plus / (double)t->headcount : 0;
        int n = 0;
        for (int s = 0; s < r.size[1]; s++) {
            size_t at = base + (size_t)s * r.stride[1];
            if (r.cells[at].headcount || r.cells[at].suspensions)
                order[n++] = (ranked){at, r.cells[at].suspensions};
        }
        qsort(order, (size_t)n, sizeof *order, by_suspensions);
        int64_t cum = 0;
        bool hide_cum = false;
        for (int i = 0; i < n; i++) {
            const or_group_cell *g = &r.cells[order[i].at];
            int sv = (int)((order[i].at - base) / r.stride[1]);
            /* primary and secondary suppression across the LA's schools and its total */
            size_t at = order[i].at, tat = base + (size_t)r.size[1] * r.stride[1];
            bool hh = f[M_HEAD][at] != 0;
            bool hs = hh || f[M_SUSP][at];
            bool ho = hh || f[M_ONE][at];
            bool hp = hh || f[M_PERM][at];
            bool lah = f[M_HEAD][tat] || f[M_ONE][tat];
            cum += g->suspensions;
            hide_cum |= hs; /* once a small count is in the sum, the sums would reveal it */
            const char **row = new_row(&b);
            int col = 0;
            row[col++] = period;
            row[col++] = str(a, or_group_code(c, &r, 0, la));
            row[col++] = str(a, or_group_code(c, &r, 1, sv));
            row[col++] = str(a, or_group_label(c, &r, 1, sv));
            row[col++] = num(a, g->headcount, hh);
            row[col++] = num(a, g->suspensions, hs);
            row[col++] = rate(a, g->suspensions, hs, g->headcount, hh);
            row[col++] = num(a, g->one_plus, ho);
            row[col++] = rate(a, g->one_plus, ho, g->headcount, hh);
            row[col++] = rate(a, t->one_plus, lah, t->headcount, lah);
            or_funnel fl;
            or_funnel_class cls;
            or_error e;
            bool ok = g->headcount > 0 && !or_funnel_limits(p, g->headcount, &fl, &e) &&
                      !or_funnel_classify(g->one_plus, g->headcount, p, &cls, &e);
            /* the limits depend on the headcount and the LA's rate: hidden with them */
            bool hl = hh || lah;
            row[col++] = hl ? "c" : ok ? pct(a, fl.lo95) : "z";
            row[col++] = hl ? "c" : ok ? pct(a, fl.hi95) : "z";
            row[col++] = hl ? "c" : ok ? pct(a, fl.lo998) : "z";
            row[col++] = hl ? "c" : ok ? pct(a, fl.hi998) : "z";
            row[col++] = !ok ? "z" : ho || hl ? "c" : or_funnel_class_name(cls);
            row[col++] = hs               ? "c"
                         : t->suspensions ? pct(a, (double)g->suspensions / (double)t->suspensions)
                                          : "z";
            row[col++] = hide_cum         ? "c"
                         : t->suspensions ? pct(a, (double)cum / (double)t->suspensions)
                                          : "z";
            row[col++] = num(a, g->perm_excl, hp);
        }
    }
    free(order);
    or_group_result_release(&r);
    return OR_OK;
}
