/* page_toc_indicator.c - an outcome indicator plotted term by term from the live model
 * (toc_figures.h):
 *
 *   GET /theories/{id}/indicators/{n}            the line chart (SVG with <text>), the same
 *                                                figures as a table, and for each term the
 *                                                `onroll report rates` command that prints it
 *   GET /theories/{id}/indicators/{n}/chart.svg  the chart as a file
 *
 * Each term's figure is a cell of or_report_rates for the term's first and last day: the
 * function `onroll report rates --from --to` calls. Unsuppressed for the LA and the school
 * (audited as the reports' unsuppressed figures are); suppressed for the analyst. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/toc_figures.h"
#include "web/live_model.h"
#include "web/toc_web.h"
#include "web/view.h"

typedef struct {
    toc_page p;
    const or_toc_indicator *x;
    const or_toc_item *outcome;
    const or_toc_statistic *st;
    or_toc_point *pts;
    int n;
    bool unsuppressed;
    double baseline, target;
} ind_view;

static bool load(const web_request *req, web_response *res, ind_view *v)
{
    memset(v, 0, sizeof *v);
    if (!toc_load(req, res, false, &v->p))
        return false;
    const char *text = web_path(req, "n");
    long long id = text ? atoll(text) : 0;
    for (int i = 0; i < v->p.nind; i++)
        if (v->p.ind[i].id == id)
            v->x = &v->p.ind[i];
    if (!v->x || !(v->st = or_toc_statistic_find(v->x->statistic))) {
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return false;
    }
    v->outcome = toc_item_by_id(&v->p, v->x->item_id);
    v->unsuppressed = toc_unsuppressed(req);
    or_toc_figure_parse(v->x->baseline, &v->baseline);
    or_toc_figure_parse(v->x->target, &v->target);
    or_error err = {0};
    or_calendar cal;
    or_code rc = or_toc_calendar(req->store, v->x->urn, req->arena, &cal, &err);
    const or_columns *c = NULL;
    if (!rc && !(rc = web_live_get(req->store, &c, &err))) {
        rc = or_toc_figures(c, &cal, v->x, v->unsuppressed, web_today(req), req->arena, &v->pts,
                            &v->n, &err);
        web_live_put();
    }
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The indicator's figures could not be worked out.");
        return false;
    }
    if (v->unsuppressed &&
        web_audit(req, "report.unsuppressed", NULL,
                  or_arena_printf(req->arena, "theory of change %lld, indicator %lld (%s, %s)",
                                  v->p.t.id, v->x->id, v->x->statistic,
                                  toc_cohort_words(req, v->x)))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the figures cannot be shown.");
        return false;
    }
    return true;
}

static const char *title_of(const web_request *req, const ind_view *v)
{
    return or_arena_printf(req->arena, "%s: %s", v->st->label, toc_cohort_words(req, v->x));
}

/* The finding in words: the latest term with a figure against the baseline and target. */
static const char *desc_of(const web_request *req, const ind_view *v)
{
    const or_toc_point *last = NULL;
    for (int i = 0; i < v->n; i++)
        if (!isnan(v->pts[i].value))
            last = &v->pts[i];
    if (!last)
        return or_arena_printf(req->arena, "No term has a figure yet. Baseline %s, target %s.",
                               v->x->baseline, v->x->target);
    return or_arena_printf(req->arena, "%s: %s (the %s). Baseline %s, target %s.",
                           or_toc_term_short(&last->term, req->arena), last->text,
                           v->st->rate ? "rate per 100 pupils" : "number", v->x->baseline,
                           v->x->target);
}

static const char *cell_words(const or_toc_point *p)
{
    if (!p->started)
        return "Not started yet";
    if (p->no_data)
        return "No data for the year";
    if (p->no_row)
        return "No pupils in the group";
    if (!strcmp(p->text, "c"))
        return "c (fewer than 3: not shown)";
    return p->text;
}

void page_theory_indicator(const web_request *req, web_response *res)
{
    ind_view v;
    if (!load(req, res, &v))
        return;
    or_sb *out = &res->body;
    const char *title = title_of(req, &v);
    gov_page_start(out, req, or_arena_printf(req->arena, "%s: %s", title, v.p.t.title));
    html_printf(out,
                "<a class=\"govuk-back-link\" href=\"/theories/%lld\">Back to the theory of "
                "change</a>\n"
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                v.p.t.id, v.p.t.title, title);
    gov_summary_start(out);
    gov_summary_row(out, "Outcome", v.outcome ? v.outcome->body : "");
    gov_summary_row(out, "Measure", v.st->label);
    gov_summary_row(out, "Pupils", toc_cohort_words(req, v.x));
    gov_summary_row(out, "Academic years",
                    v.x->ay_first == v.x->ay_last
                        ? toc_year_label(req, v.x->ay_first)
                        : or_arena_printf(req->arena, "%s to %s",
                                          toc_year_label(req, v.x->ay_first),
                                          toc_year_label(req, v.x->ay_last)));
    gov_summary_row(out, "Baseline", v.x->baseline);
    gov_summary_row(out, "Target", v.x->target);
    gov_summary_row(out, "Figures",
                    v.unsuppressed ? "Not suppressed (as the LA and the school see them)"
                                   : "Suppressed for publication: counts of 1 or 2 are "
                                     "shown as c");
    gov_summary_end(out);
    html_raw(out, "<h2 class=\"govuk-heading-m\">Term by term</h2>\n"
                  "<div class=\"onroll-chart\">\n");
    or_toc_chart(out, "indicator-chart", title, desc_of(req, &v), v.pts, v.n, v.baseline, v.target,
                 v.st->rate, false, req->arena);
    html_raw(out, "</div>\n");
    html_printf(
        out,
        "<p class=\"govuk-body\"><a class=\"govuk-link\" "
        "href=\"/theories/%lld/indicators/%lld/chart.svg\">Download the chart (SVG)</a></p>\n",
        v.p.t.id, v.x->id);
    /* the baseline and target are the summary's: the table keeps to 320 px */
    static const char *const heads[] = {"Term", "Dates", "Figure"};
    gov_table_start(out, "The figures in the chart", heads, 3);
    char a[24], b[24];
    for (int i = 0; i < v.n; i++) {
        const or_toc_point *p = &v.pts[i];
        gov_table_row_start(out);
        gov_td(out,
               or_arena_printf(req->arena, "%s %s", p->term.name, toc_year_label(req, p->term.ay)));
        gov_td(out, or_arena_printf(req->arena, "%s to %s", view_date(p->term.start, a),
                                    view_date(p->term.end, b)));
        html_printf(out,
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\" "
                    "data-term=\"%d\">%s</td>",
                    i, cell_words(p));
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">How each figure is worked "
                  "out</span></summary>\n<div class=\"govuk-details__text\">\n"
                  "<p class=\"govuk-body\">A term's figure counts the suspensions or permanent "
                  "exclusions that started between the term's first and last day (from the "
                  "school's calendar), against the pupils on roll on the year's census day, "
                  "as onroll's rates report does. The same figure is printed by:</p>\n"
                  "<ul class=\"govuk-list\">");
    for (int i = 0; i < v.n; i++)
        html_printf(out, "<li><code>%s</code></li>", v.pts[i].command);
    html_raw(out, "</ul>\n</div>\n</details>\n");
    gov_page_end(out, req);
}

void page_theory_indicator_svg(const web_request *req, web_response *res)
{
    ind_view v;
    if (!load(req, res, &v))
        return;
    res->status = 200;
    res->content_type = "image/svg+xml; charset=utf-8";
    web_header_add(
        res, "Content-Disposition",
        or_arena_printf(req->arena, "attachment; filename=\"onroll-indicator-%lld.svg\"", v.x->id));
    or_toc_chart(&res->body, "indicator-chart", title_of(req, &v), desc_of(req, &v), v.pts, v.n,
                 v.baseline, v.target, v.st->rate, true, req->arena);
}
