/* page_report_compare.c - GET /reports/compare and GET /reports/compare/download : the LA
 * against England, its region and its statistical neighbours (compare.h), on screen and as CSV
 * (`onroll report compare --format csv`, the same rows).
 *
 * A form chooses the school type (all schools, primary, secondary, special) and the last
 * academic year shown (the latest whose census day has passed, by default). For each headline
 * rate: a sentence comparing the latest published year, a line chart of the trend over every
 * year held (svg.h: a titled and described picture of the table beside it) and the table.
 * The LA's own figures are suppressed (counts of 1 and 2: c) on this page: the published
 * figures are public. What cannot be compared (no published figures imported, no LA code,
 * region or neighbours set) is said in a sentence, with where an LA administrator sets it.
 *
 * The LA's own figures come from the server's columnar model (live_model.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "onroll/compare.h"
#include "onroll/stats.h"
#include "web/live_model.h"
#include "web/reports.h"

static const gov_choice types[OR_CMP__TYPES] = {
    {"total", "All schools", NULL},
    {"primary", "Primary schools", NULL},
    {"secondary", "Secondary schools", NULL},
    {"special", "Special schools", NULL},
};

typedef struct {
    int type, ay;
    const char *year;
    gov_error errors[2];
    int nerrors;
} cmp_query;

static void read_query(const web_request *req, const or_columns *c, cmp_query *q)
{
    memset(q, 0, sizeof *q);
    const char *t = web_query(req, "type");
    q->type = *t ? or_cmp_type_parse(t) : OR_CMP_TOTAL;
    if (q->type < 0) {
        q->errors[q->nerrors++] = (gov_error){"type", "Select a type of school from the list"};
        q->type = OR_CMP_TOTAL;
    }
    or_columns_info info;
    or_columns_info_get(c, &info);
    q->year = web_query(req, "year");
    if (!*q->year || !or_academic_year_parse(q->year, &q->ay) || q->ay < info.ay_first ||
        q->ay > info.ay_last) {
        if (*q->year)
            q->errors[q->nerrors++] = (gov_error){"year", "Select an academic year from the list"};
        q->ay = report_default_year(c, req);
        q->year = or_cmp_year_label(req->arena, q->ay);
    }
}

/* The comparison asked for, built in the request's arena. */
static or_code build(const web_request *req, const or_columns *c, const cmp_query *q, or_cmp *out,
                     or_cmp_opts *o, or_error *err)
{
    memset(o, 0, sizeof *o);
    or_code rc = or_cmp_opts_load(req->store, req->arena, o, err);
    o->c = c;
    o->ay_last = q->ay;
    o->threshold = OR_SUPPRESS_THRESHOLD;
    return rc ? rc : or_compare_build(req->store, o, req->arena, out, err);
}

static void form(or_sb *out, const web_request *req, const or_columns *c, const cmp_query *q)
{
    or_columns_info info;
    or_columns_info_get(c, &info);
    gov_form_start(out, req, "get", "/reports/compare");
    gov_select(out, "type", "Type of school", NULL, types, OR_CMP__TYPES,
               or_cmp_type_code((or_cmp_type)q->type),
               gov_error_for(q->errors, q->nerrors, "type"));
    int ny =
        info.ay_last >= info.ay_first && info.ay_first > 0 ? info.ay_last - info.ay_first + 1 : 0;
    gov_choice *years = or_arena_alloc(req->arena, (size_t)(ny + 1) * sizeof *years);
    for (int i = 0; i < ny; i++) {
        const char *y = or_cmp_year_label(req->arena, info.ay_last - i);
        years[i] = (gov_choice){y, y, NULL};
    }
    if (!ny)
        years[ny++] = (gov_choice){q->year, q->year, NULL};
    gov_select(out, "year", "Up to the academic year", NULL, years, ny, q->year,
               gov_error_for(q->errors, q->nerrors, "year"));
    gov_button(out, "Show the comparison", false);
    gov_form_end(out);
}

/* What is missing, in a sentence each, with where it is set. */
static void missing(or_sb *out, const or_cmp *c, const or_cmp_opts *o)
{
    if (!o->la_code)
        html_raw(out, "<p class=\"govuk-body\">The local authority's own published figures are "
                      "not compared: its code is not set. An LA administrator can set it on "
                      "the <a class=\"govuk-link\" href=\"/admin/settings\">settings page</a>."
                      "</p>\n");
    if (!c->region_name)
        html_raw(out, "<p class=\"govuk-body\">There is no comparison with the region: the "
                      "region's code is not set, or the published figures do not have it. An "
                      "LA administrator can set it on the <a class=\"govuk-link\" "
                      "href=\"/admin/settings\">settings page</a>.</p>\n");
    if (!o->nneighbours)
        html_raw(out, "<p class=\"govuk-body\">There is no comparison with statistical "
                      "neighbours: they are not set. An LA administrator can list them on the "
                      "<a class=\"govuk-link\" href=\"/admin/settings\">settings page</a>.</p>\n");
}

static void measure(or_sb *out, const web_request *req, const or_cmp *c, const cmp_query *q,
                    or_cmp_measure m)
{
    or_arena *a = req->arena;
    or_svg_series series[4];
    const char **labels;
    int ns = or_cmp_series_of(c, m, (or_cmp_type)q->type, a, series, &labels);
    int shown = 0;
    for (int s = 0; s < ns; s++)
        for (int y = 0; y < c->nyears; y++)
            shown += !isnan(series[s].values[y]);
    html_printf(out, "<h2 class=\"govuk-heading-m\">%s</h2>\n", or_cmp_measure_name(m));
    if (shown) {
        /* the chart's description (plain text: the SVG writer escapes it) */
        const char *desc = or_arena_printf(a, "%s, %s, %s to %s. ", or_cmp_measure_name(m),
                                           types[q->type].label, labels[0], labels[c->nyears - 1]);
        for (int s = 0; s < ns; s++) {
            int last = -1;
            for (int y = 0; y < c->nyears; y++)
                if (!isnan(series[s].values[y]))
                    last = y;
            if (last >= 0)
                desc = or_arena_printf(a, "%s%s: %.2f in %s. ", desc, series[s].name,
                                       series[s].values[last], labels[last]);
        }
        desc = or_arena_printf(a, "%sEvery figure is in the table below the chart.", desc);
        static const char *const ids[OR_CMP__MEASURES] = {"chart-cmp-susp", "chart-cmp-one",
                                                          "chart-cmp-perm"};
        or_svg_line_chart lc = {
            {ids[m],
             or_arena_printf(a, "%s, %s: %s against England%s", or_cmp_measure_name(m),
                             types[q->type].label, c->la_label,
                             ns > 2 ? ", the region and neighbours" : ""),
             desc},
            m == OR_CMP_ONE ? "%" : "Per 100 pupils",
            c->nyears,
            labels,
            ns,
            series,
            -1};
        html_raw(out, "<div class=\"onroll-chart\">\n");
        or_svg_line(out, &lc);
        html_raw(out, "</div>\n");
    }
    or_table t;
    or_cmp_table(c, m, (or_cmp_type)q->type, a, &t);
    if (!t.nrows) {
        html_raw(out, "<p class=\"govuk-body\">There are no figures for this type of "
                      "school.</p>\n");
        return;
    }
    html_printf(out,
                "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-label=\"%s\">\n",
                t.title);
    or_table_html(out, &t);
    html_raw(out, "</div>\n");
}

void page_report_compare(const web_request *req, web_response *res)
{
    const or_columns *c = NULL;
    or_error err = {0};
    if (web_live_get(req->store, &c, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    cmp_query q;
    read_query(req, c, &q);
    or_cmp cmp;
    or_cmp_opts o;
    or_code rc = build(req, c, &q, &cmp, &o, &err);
    or_sb *out = &res->body;
    const char *title = "Compared with England, the region and statistical neighbours";
    gov_page_start(out, req,
                   q.nerrors ? "Error: Compared with England, the region and statistical "
                               "neighbours"
                             : title);
    html_raw(out, "<a href=\"/reports\" class=\"govuk-back-link\">Back to reports</a>\n");
    gov_error_summary(out, q.errors, q.nerrors);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_raw(out, "<p class=\"govuk-body\">Suspension and permanent exclusion rates of the local "
                  "authority's schools beside the DfE's published figures for England, the "
                  "region and the local authorities most like it (its statistical neighbours), "
                  "for every year held. Rates are per 100 pupils to 2 decimal places, worked out "
                  "from the counts. In the figures from the local authority's own records, counts "
                  "of 1 and 2, and the rates worked out from them, are shown as c.</p>\n");
    form(out, req, c, &q);
    if (rc) {
        html_raw(out, "<p class=\"govuk-body\">The comparison could not be made.</p>\n");
    } else if (!cmp.benchmarks || cmp.latest_published < 0) {
        html_raw(out, "<p class=\"govuk-body\">Comparisons with England, the region and "
                      "statistical neighbours are not available: the DfE's published figures "
                      "have not been imported. An LA administrator can import them (the file "
                      "<i>Suspensions and permanent exclusions in England</i>, national, "
                      "regional and local authority level) on the <a class=\"govuk-link\" "
                      "href=\"/upload\">upload page</a>.</p>\n");
    } else {
        html_printf(out,
                    "<p class=\"govuk-body\">The latest published year is %s. The DfE publishes "
                    "its figures a year or more after the year ends.</p>\n",
                    or_cmp_year_label(req->arena, cmp.latest_published));
        if (o.nneighbours)
            html_printf(out,
                        "<p class=\"govuk-body\">Statistical neighbours: the average of %d "
                        "local authorities weighted by pupils (their counts added together, "
                        "divided by their pupils added together); %d of them are in the "
                        "published figures. Each table says how many had figures each "
                        "year.</p>\n",
                        cmp.nneighbours, cmp.neighbours_found);
        missing(out, &cmp, &o);
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/reports/compare/download?type=%t&amp;year=%t\" download>Download "
                    "every figure as CSV</a></p>\n",
                    or_cmp_type_code((or_cmp_type)q.type), q.year);
        for (int m = 0; m < OR_CMP__MEASURES; m++)
            measure(out, req, &cmp, &q, (or_cmp_measure)m);
        html_raw(out, "<p class=\"govuk-body-s\">The charts show the figures of the tables: a "
                      "suppressed figure (c) is not drawn. Where the local authority's schools' "
                      "records have no figure for a year, its line shows the DfE's published "
                      "figure.</p>\n");
    }
    gov_page_end(out, req);
    if (q.nerrors)
        res->status = 400;
    web_live_put();
}

void page_report_compare_download(const web_request *req, web_response *res)
{
    const or_columns *c = NULL;
    or_error err = {0};
    if (web_live_get(req->store, &c, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    cmp_query q;
    read_query(req, c, &q);
    if (q.nerrors) {
        web_live_put();
        web_error(req, res, 400, "Bad request", q.errors[0].message);
        return;
    }
    or_cmp cmp;
    or_cmp_opts o;
    or_code rc = build(req, c, &q, &cmp, &o, &err);
    web_live_put();
    if (rc) {
        web_error(req, res, 500, "The comparison could not be made", err.msg);
        return;
    }
    const char *what = or_arena_printf(req->arena, "compare %s up to %s",
                                       or_cmp_type_code((or_cmp_type)q.type), q.year);
    if (web_audit(req, "export", NULL, what)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_table t;
    or_cmp_long_table(&cmp, q.type, req->arena, &t);
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    or_table_csv(&w, &t);
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-compare-%s-%d.csv\"",
                                   or_cmp_type_code((or_cmp_type)q.type), or_time_period(q.ay)));
}
