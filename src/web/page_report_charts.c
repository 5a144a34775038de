/* page_report_charts.c - the chart next to each report's table (reports.h): pictures of the
 * table's own figures (svg.h), so that a suppressed figure ("c") or one not applicable ("z")
 * is never drawn and the chart shows nothing the table does not.
 *
 *   rates               the LA's suspension, one-plus and permanent exclusion rates per 100
 *                       pupils over the five years up to the report's (a line chart);
 *   disproportionality  each group's risk ratio of one or more suspensions against the
 *                       reference, with its 95% confidence interval (log scale);
 *   schools             every school's one-plus rate against its headcount, with the LA's
 *                       rate and the 95% and 99.8% limits (a funnel plot). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/svg.h"
#include "web/reports.h"

enum { TREND_YEARS = 5, MAX_RATIO_ROWS = 40 };

/* A cell as a number; NAN when it is not one ("c", "z", "x", ""). */
static double number(const char *s)
{
    if (!s || !*s)
        return NAN;
    char *end;
    double v = strtod(s, &end);
    return *end ? NAN : v;
}

static int col(const or_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return -1;
}

static const char *cell(const or_table *t, int r, int c)
{
    return c < 0 ? "" : t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
}

static void chart_start(or_sb *out, const char *heading)
{
    html_printf(out, "<h2 class=\"govuk-heading-m\">%s</h2>\n<div class=\"onroll-chart\">\n",
                heading);
}

static void chart_end(or_sb *out)
{
    html_raw(out, "</div>\n<p class=\"govuk-body-s\">The chart shows the figures of the table: "
                  "a suppressed figure (c) is not drawn.</p>\n");
}

static void trend(or_sb *out, const web_request *req, const or_columns *c, const report_query *q)
{
    static const char *const measures[] = {"susp_rate", "one_plus_susp_rate", "perm_excl_rate"};
    static const char *const names[] = {"Suspensions per 100 pupils",
                                        "Pupils with one or more suspensions, per 100",
                                        "Permanent exclusions per 100 pupils"};
    or_columns_info info;
    or_columns_info_get(c, &info);
    int last = q->opts.ay, first = last - TREND_YEARS + 1;
    if (first < info.ay_first)
        first = info.ay_first;
    int np = last - first + 1;
    if (np < 1)
        return;
    const char **labels = or_arena_alloc(req->arena, (size_t)np * sizeof *labels);
    double *values = or_arena_alloc(req->arena, 3 * (size_t)np * sizeof *values);
    int shown = 0;
    for (int i = 0; i < np; i++) {
        int ay = first + i;
        labels[i] = or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
        or_report_opts o = q->opts;
        o.ay = ay;
        o.ndims = 0;
        or_table t;
        or_error err = {0};
        bool ok = !or_report_rates(c, &o, req->arena, &t, &err) && t.nrows > 0;
        for (int m = 0; m < 3; m++) {
            values[m * np + i] = ok ? number(cell(&t, 0, col(&t, measures[m]))) : NAN;
            shown += isfinite(values[m * np + i]);
        }
    }
    if (!shown)
        return;
    or_svg_series series[3];
    for (int m = 0; m < 3; m++)
        series[m] = (or_svg_series){names[m], values + m * np};
    const char *desc = or_arena_printf(
        req->arena,
        "Rates per 100 pupils in the local authority from %s to %s: suspensions, pupils with one "
        "or more suspensions and permanent exclusions. The table gives the figures of %s.",
        labels[0], labels[np - 1], labels[np - 1]);
    or_svg_line_chart chart = {{"chart-trend", "Rates per 100 pupils over the years", desc},
                               "per 100 pupils",
                               np,
                               labels,
                               3,
                               series,
                               2};
    chart_start(out, "Rates over the years");
    or_svg_line(out, &chart);
    chart_end(out);
}

static void ratios(or_sb *out, const web_request *req, const report_query *q, const or_table *t)
{
    int rr = col(t, "one_plus_rr"), lo = col(t, "one_plus_rr_lower"),
        hi = col(t, "one_plus_rr_upper"), sig = col(t, "one_plus_rr_significant");
    if (rr < 0 || t->nrows == 0)
        return;
    int n = t->nrows < MAX_RATIO_ROWS ? t->nrows : MAX_RATIO_ROWS, drawn = 0;
    or_svg_ratio_row *rows = or_arena_calloc(req->arena, (size_t)n, sizeof *rows);
    for (int r = 0; r < n; r++) {
        const char *label = "";
        for (int d = 0; d < q->opts.ndims; d++) {
            const char *name =
                or_arena_printf(req->arena, "%s_label", or_dim_name(q->opts.dims[d]));
            const char *v = cell(t, r, col(t, name));
            label = d ? or_arena_printf(req->arena, "%s, %s", label, v) : v;
        }
        double v = number(cell(t, r, rr)), l = number(cell(t, r, lo)), h = number(cell(t, r, hi));
        bool shown = isfinite(v) && isfinite(l) && isfinite(h) && v > 0 && l > 0 && h > 0;
        rows[r] = (or_svg_ratio_row){
            label,         shown,         shown ? NULL : cell(t, r, rr),  shown ? v : 0,
            shown ? l : 0, shown ? h : 0, !strcmp(cell(t, r, sig), "yes")};
        drawn += shown;
    }
    if (!drawn)
        return;
    const char *desc = or_arena_printf(
        req->arena,
        "Risk ratio of one or more suspensions for each group against %s, with its 95%% "
        "confidence interval, on a log scale. A ratio above 1 means the group is more likely to "
        "be suspended; an interval that does not cross 1 is a significant difference.%s",
        q->opts.reference && *q->opts.reference ? q->opts.reference : "all other pupils",
        t->nrows > n ? " Only the first 40 groups are drawn." : "");
    or_svg_ratio_chart chart = {{"chart-ratios", "Risk ratios of one or more suspensions", desc},
                                "Risk ratio (log scale)",
                                n,
                                rows};
    chart_start(out, "Risk ratios");
    or_svg_ratios(out, &chart);
    chart_end(out);
}

static or_svg_point_class point_class(const char *s)
{
    return !strcmp(s, "watch")                           ? OR_SVG_PT_WATCH
           : !strcmp(s, "of concern")                    ? OR_SVG_PT_CONCERN
           : !strcmp(s, "low") || !strcmp(s, "very low") ? OR_SVG_PT_LOW
                                                         : OR_SVG_PT_WITHIN;
}

static void funnel(or_sb *out, const web_request *req, const or_table *t)
{
    int head = col(t, "headcount"), rate = col(t, "one_plus_susp_rate"),
        la = col(t, "la_one_plus_susp_rate"), cls = col(t, "funnel"), name = col(t, "school");
    if (head < 0 || rate < 0 || la < 0 || t->nrows == 0)
        return;
    double p = number(cell(t, 0, la)) / 100.0;
    if (!isfinite(p) || p < 0 || p > 1)
        return;
    or_svg_funnel_point *pts = or_arena_calloc(req->arena, (size_t)t->nrows, sizeof *pts);
    int n = 0, concern = 0;
    for (int r = 0; r < t->nrows; r++) {
        double h = number(cell(t, r, head)), v = number(cell(t, r, rate));
        if (!isfinite(h) || !isfinite(v) || h <= 0)
            continue;
        or_svg_point_class c = point_class(cell(t, r, cls));
        concern += c == OR_SVG_PT_CONCERN;
        pts[n++] = (or_svg_funnel_point){cell(t, r, name), h, v, c, c == OR_SVG_PT_CONCERN};
    }
    if (!n)
        return;
    const char *desc = or_arena_printf(
        req->arena,
        "Each school's share of pupils with one or more suspensions against its number of "
        "pupils, with the local authority's rate of %.2f%% and the 95%% and 99.8%% limits. %d "
        "school%s above the 99.8%% limit (of concern).",
        p * 100, concern, concern == 1 ? " is" : "s are");
    or_svg_funnel_chart chart = {{"chart-funnel", "Schools against the local authority", desc},
                                 "Pupils on roll (census day)",
                                 "Pupils with one or more suspensions (%)",
                                 p,
                                 n,
                                 pts};
    chart_start(out, "Funnel plot");
    or_svg_funnel(out, &chart);
    chart_end(out);
}

void report_chart(or_sb *out, const web_request *req, const or_columns *c, const report_query *q,
                  const or_table *t)
{
    switch (q->kind) {
    case REPORT_RATES:
        trend(out, req, c, q);
        break;
    case REPORT_DISPROPORTIONALITY:
        ratios(out, req, q, t);
        break;
    case REPORT_SCHOOLS:
        funnel(out, req, t);
        break;
    default:
        break;
    }
}
