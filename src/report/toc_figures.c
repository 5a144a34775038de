/* toc_figures.c - an outcome indicator's figures per term (toc_figures.h): each is a cell of
 * or_report_rates for the term's dates, the very table `onroll report rates --from --to`
 * prints, found by the cohort's codes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/kinds.h"
#include "onroll/report.h"
#include "onroll/svg.h"
#include "onroll/toc_figures.h"

typedef struct {
    or_arena *a;
    or_cal_row *rows;
    int n, cap, urn;
} cal_rows;

static or_code on_row(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    (void)meta;
    (void)err;
    cal_rows *x = ctx;
    int scope = (int)r[OR_CA_SCOPE].i;
    if (scope != 0 && scope != x->urn)
        return OR_OK;
    static const char *const kinds[] = {"term", "holiday", "inset", "closure"};
    or_cal_row row = {(or_date)r[OR_CA_START].i, (or_date)r[OR_CA_END].i, OR_CAL_TERM, scope != 0};
    for (int k = 0; k < 4; k++)
        if (r[OR_CA_KIND].s && !strcmp(r[OR_CA_KIND].s, kinds[k]))
            row.kind = (or_cal_kind)k;
    if (x->n == x->cap) {
        size_t cap = x->cap ? (size_t)x->cap * 2 : 64;
        x->rows = or_arena_grow(x->a, x->rows, (size_t)x->cap, cap, sizeof *x->rows);
        x->cap = (int)cap;
    }
    x->rows[x->n++] = row;
    return OR_OK;
}

or_code or_toc_calendar(or_store *s, int urn, or_arena *a, or_calendar *cal, or_error *err)
{
    cal_rows x = {a, NULL, 0, 0, urn};
    or_code rc = or_store_scan_pupil(s, or_kind_get(OR_K_CALENDAR), NULL, on_row, &x, err);
    if (rc)
        return rc;
    return or_calendar_build(cal, x.rows, x.n, a, err);
}

const char *or_toc_cohort_dims(const or_toc_indicator *x, or_arena *a)
{
    const char *parts[3];
    int n = 0;
    if (x->urn)
        parts[n++] = "school";
    if (x->year_group && *x->year_group)
        parts[n++] = "year_group";
    if (x->dim && *x->dim)
        parts[n++] = x->dim;
    if (n == 0)
        return "";
    if (n == 1)
        return parts[0];
    if (n == 2)
        return or_arena_printf(a, "%s,%s", parts[0], parts[1]);
    return or_arena_printf(a, "%s,%s,%s", parts[0], parts[1], parts[2]);
}

/* The column of table t named name, or -1. */
static int column_of(const or_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return -1;
}

/* The row of t for the cohort: each of its dimensions at the wanted code. -1 if none. */
static int row_of(const or_table *t, const or_toc_indicator *x, or_arena *a)
{
    char urn[16];
    snprintf(urn, sizeof urn, "%d", x->urn);
    const char *want[3][2];
    int n = 0;
    if (x->urn)
        want[n][0] = "school", want[n++][1] = or_arena_strdup(a, urn);
    if (x->year_group && *x->year_group)
        want[n][0] = "year_group", want[n++][1] = x->year_group;
    if (x->dim && *x->dim)
        want[n][0] = x->dim, want[n++][1] = x->dim_value;
    int col[3];
    for (int i = 0; i < n; i++)
        if ((col[i] = column_of(t, want[i][0])) < 0)
            return -1;
    for (int r = 0; r < t->nrows; r++) {
        bool all = true;
        for (int i = 0; i < n && all; i++)
            all = !strcmp(t->cells[(size_t)r * (size_t)t->ncols + (size_t)col[i]], want[i][1]);
        if (all)
            return r;
    }
    return -1;
}

static const char *command_of(const or_toc_indicator *x, const or_toc_term *t, bool unsuppressed,
                              or_arena *a)
{
    char from[11], to[11];
    or_date_format(t->start, from);
    or_date_format(t->end, to);
    const char *dims = or_toc_cohort_dims(x, a);
    return or_arena_printf(a, "onroll report rates --year %d/%02d%s%s --from %s --to %s%s", t->ay,
                           (t->ay + 1) % 100, *dims ? " --by " : "", dims, from, to,
                           unsuppressed ? " --unsuppressed" : "");
}

or_code or_toc_figures(const or_columns *c, const or_calendar *cal, const or_toc_indicator *x,
                       bool unsuppressed, or_date today, or_arena *a, or_toc_point **out, int *n,
                       or_error *err)
{
    *out = NULL;
    *n = 0;
    if (x->ay_last < x->ay_first || x->ay_last - x->ay_first > 9)
        return or_fail(err, OR_EINPUT, "indicator %lld: academic years %d to %d", x->id,
                       x->ay_first, x->ay_last);
    const or_toc_statistic *st = or_toc_statistic_find(x->statistic);
    if (!st)
        return or_fail(err, OR_EINPUT,
                       "indicator %lld: statistic '%s' is not one of the rates "
                       "report's",
                       x->id, x->statistic);
    const char *dims = or_toc_cohort_dims(x, a);
    int cap = (x->ay_last - x->ay_first + 1) * 8, len = 0;
    or_toc_point *pts = or_arena_calloc(a, (size_t)cap, sizeof *pts);
    for (int ay = x->ay_first; ay <= x->ay_last; ay++) {
        or_toc_term terms[8];
        int nt = or_toc_terms(cal, ay, terms, 8);
        bool year_ok = true;
        or_error yerr = {0};
        if (or_report_year_check(c, ay, &yerr))
            year_ok = false;
        for (int t = 0; t < nt && len < cap; t++) {
            or_toc_point *p = &pts[len++];
            p->term = terms[t];
            p->started = terms[t].start <= today;
            p->no_data = !year_ok;
            p->text = "";
            p->value = NAN;
            p->command = command_of(x, &terms[t], unsuppressed, a);
            if (!p->started || !year_ok)
                continue;
            or_report_opts o = {.ay = ay,
                                .unsuppressed = unsuppressed,
                                .dated = true,
                                .from = terms[t].start,
                                .to = terms[t].end};
            if (*dims) {
                char buf[128];
                snprintf(buf, sizeof buf, "%s", dims);
                for (char *q = buf, *tok; (tok = strsep(&q, ",")) != NULL;) {
                    int d = or_dim_parse(tok);
                    if (d < 0)
                        return or_fail(err, OR_EINPUT, "indicator %lld: '%s' is not a dimension",
                                       x->id, tok);
                    o.dims[o.ndims++] = (or_dim)d;
                }
            }
            or_table tab;
            or_code rc = or_report_rates(c, &o, a, &tab, err);
            if (rc)
                return rc;
            int r = row_of(&tab, x, a), col = column_of(&tab, st->column);
            if (r < 0 || col < 0) {
                p->no_row = true; /* nobody of the cohort: the report prints no row */
                continue;
            }
            p->text = tab.cells[(size_t)r * (size_t)tab.ncols + (size_t)col];
            char *end = NULL;
            double v = strtod(p->text, &end);
            p->value = end && end != p->text && !*end ? v : NAN;
        }
    }
    *out = pts;
    *n = len;
    return OR_OK;
}

const char *or_toc_term_short(const or_toc_term *t, or_arena *a)
{
    int y, m, d;
    or_date_to_ymd(t->start, &y, &m, &d);
    const char *name = t->name;
    if (!strcmp(name, "Autumn term"))
        name = "Autumn";
    else if (!strcmp(name, "Spring term"))
        name = "Spring";
    else if (!strcmp(name, "Summer term"))
        name = "Summer";
    return or_arena_printf(a, "%s %d", name, y);
}

void or_toc_chart(or_sb *out, const char *id, const char *title, const char *desc,
                  const or_toc_point *pts, int n, double baseline, double target, bool rate,
                  bool standalone, or_arena *a)
{
    const char **labels = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *labels);
    double *v = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *v);
    double *b = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *b);
    double *t = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *t);
    for (int i = 0; i < n; i++) {
        labels[i] = or_toc_term_short(&pts[i].term, a);
        v[i] = pts[i].value;
        b[i] = baseline;
        t[i] = target;
    }
    or_svg_series series[3] = {{"Figure for the term", v}, {"Baseline", b}, {"Target", t}};
    or_svg_line_chart c = {
        {id, title, desc}, rate ? "per 100 pupils" : "number", n, labels, 3, series, rate ? 2 : 0};
    if (!standalone) {
        or_svg_line(out, &c);
        return;
    }
    or_sb tmp = OR_SB_INIT;
    or_svg_line(&tmp, &c);
    const char *s = or_sb_str(&tmp);
    or_sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (!strncmp(s, "<svg ", 5)) {
        or_sb_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
        or_sb_adds(out, s + 5);
    } else {
        or_sb_adds(out, s);
    }
    or_sb_release(&tmp);
}
