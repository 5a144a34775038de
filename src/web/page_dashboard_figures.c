/* page_dashboard_figures.c - the LA-wide sections the LA officer's and the analyst's
 * dashboards share (dashboard.h): children by risk indicator, the schools of concern (how many,
 * linking to /schools?concern=1, with the funnel plot and every school's figures folded away
 * under a "details"), and data sharing (how many schools are late or silent, every school's
 * latest data folded away). Small counts are suppressed ("c") for the analyst. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/stats.h"
#include "onroll/svg.h"
#include "web/dashboard.h"

/* Children at risk: how many children each indicator fired for (and how many have any). */
void dash_risk_counts(or_sb *out, const view_snapshot *snap, bool suppress, int64_t children)
{
    size_t nrules = or_rules_count();
    int64_t *counts = calloc(nrules + 1, sizeof *counts);
    const or_rule **rules = calloc(nrules + 1, sizeof *rules);
    uint8_t *flags = calloc(nrules + 2, 1);
    if (!counts || !rules || !flags) {
        free(counts);
        free(rules);
        free(flags);
        return;
    }
    int n = 0;
    for (size_t r = 0; r < nrules; r++) {
        const or_rule *rule = or_rule_at(r);
        if (rule->kind != OR_RULE_RISK)
            continue;
        rules[n] = rule;
        for (int i = 0; i < snap->flags.n; i++)
            if (snap->flags.items[i].rule == rule)
                counts[n]++;
        n++;
    }
    or_error err = {0};
    if (suppress && n && or_suppress_list(counts, n, false, OR_SUPPRESS_THRESHOLD, flags, &err))
        memset(flags, OR_SUP_PRIMARY, nrules + 2);
    static const char *const heads[] = {"Indicator", "Children"};
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Children by indicator (a child may have "
                  "several)</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n");
    html_printf(out,
                "<th scope=\"col\" class=\"govuk-table__header\">%s</th>\n<th scope=\"col\" "
                "class=\"govuk-table__header govuk-table__header--numeric\">%s</th>\n",
                heads[0], heads[1]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char buf[OR_FMT_INT_LEN];
    for (int i = 0; i < n; i++) {
        or_cell_count(counts[i], suppress ? flags[i] : 0, buf, sizeof buf);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s <span class=\"onroll-secondary\">%s</span>"
                    "</th>\n<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n"
                    "</tr>\n",
                    rules[i]->summary, rules[i]->id, buf);
    }
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<th scope=\"row\" class=\"govuk-table__header\">"
                "Children with any indicator</th>\n<td class=\"govuk-table__cell "
                "govuk-table__cell--numeric\">%s</td>\n</tr>\n",
                view_count(children, suppress, buf));
    html_raw(out, "</tbody>\n</table>\n");
    free(counts);
    free(rules);
    free(flags);
}
static or_svg_point_class point_class(const char *funnel)
{
    if (!strcmp(funnel, "of concern"))
        return OR_SVG_PT_CONCERN;
    if (!strcmp(funnel, "watch"))
        return OR_SVG_PT_WATCH;
    if (!strcmp(funnel, "low") || !strcmp(funnel, "very low"))
        return OR_SVG_PT_LOW;
    return OR_SVG_PT_WITHIN;
}

/* One school's row of the schools table. */
static void school_row(or_sb *out, const or_table *t, int r)
{
    const char *urn = view_report_cell(t, r, "urn");
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                "class=\"govuk-link\" href=\"/schools/%t\">%s</a></td>\n",
                urn, view_report_cell(t, r, "school"));
    static const char *const cols[] = {"headcount", "suspension", "one_plus_susp",
                                       "one_plus_susp_rate", "share_of_la_suspensions"};
    for (int c = 0; c < 5; c++)
        html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n",
                    view_report_cell(t, r, cols[c]));
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_funnel_tag(out, view_report_cell(t, r, "funnel"));
    html_raw(out, "</td>\n</tr>\n");
}

static void schools_table_head(or_sb *out, const char *caption)
{
    static const char *const heads[] = {"School",        "Pupils",
                                        "Suspensions",   "Pupils with one or more suspensions",
                                        "Rate (%)",      "Share of the LA's suspensions (%)",
                                        "Against the LA"};
    html_printf(out,
                "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n",
                caption);
    for (int i = 0; i < 7; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i >= 1 && i <= 5 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

/* " (A, B and C)": the schools whose funnel class is cls. */
static void name_schools(or_sb *out, const or_table *t, const char *cls, int n)
{
    if (!n)
        return;
    html_raw(out, " (");
    int k = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (strcmp(view_report_cell(t, r, "funnel"), cls))
            continue;
        html_printf(out, "%s%s",
                    k == 0       ? ""
                    : k == n - 1 ? " and "
                                 : ", ",
                    view_report_cell(t, r, "school"));
        k++;
    }
    html_raw(out, ")");
}

void dash_schools_of_concern(or_sb *out, const web_request *req, const view_snapshot *snap,
                             bool suppress)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"schools\">Schools of concern</h2>\n");
    if (!snap->have_report || !snap->report[0].nrows) {
        html_raw(out, "<p class=\"govuk-body\">There are no figures for this school year "
                      "yet.</p>\n");
        return;
    }
    const or_table *t = &snap->report[suppress ? 0 : 1];
    const char *la_rate = view_report_cell(t, 0, "la_one_plus_susp_rate");
    int nconcern = 0, nwatch = 0, half = 0;
    or_svg_funnel_point *pts = or_arena_calloc(req->arena, (size_t)t->nrows + 1, sizeof *pts);
    int npts = 0;
    for (int r = 0; r < t->nrows; r++) {
        const char *f = view_report_cell(t, r, "funnel");
        nconcern += !strcmp(f, "of concern");
        nwatch += !strcmp(f, "watch");
        const char *cum = view_report_cell(t, r, "cumulative_share");
        if (!half && strcmp(cum, "c") && strcmp(cum, "z") && atof(cum) >= 50.0)
            half = r + 1;
        const char *rate = view_report_cell(t, r, "one_plus_susp_rate");
        const char *hc = view_report_cell(t, r, "headcount");
        if (!strcmp(rate, "c") || !strcmp(rate, "z") || !strcmp(hc, "c") || atof(hc) <= 0 ||
            !strcmp(f, "c") || !strcmp(f, "z"))
            continue; /* suppressed or not applicable: not drawn */
        pts[npts++] =
            (or_svg_funnel_point){view_report_cell(t, r, "school"), atof(hc), atof(rate),
                                  point_class(f), !strcmp(f, "of concern") || !strcmp(f, "watch")};
    }
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", snap->ay, (snap->ay + 1) % 100);
    html_printf(out,
                "<p class=\"govuk-body\">Pupils with one or more suspensions in %s, school by "
                "school, against the LA's rate of %s%%. A school above the 99.8%% limit is of "
                "concern; above the 95%% limit, one to watch.</p>\n",
                year, la_rate);
    html_raw(out, "<p class=\"govuk-body\">");
    char b[OR_FMT_INT_LEN];
    if (nconcern)
        html_printf(out,
                    "<a class=\"govuk-link\" href=\"/schools?concern=1\">%s %s of "
                    "concern</a>",
                    or_fmt_int(nconcern, b), nconcern == 1 ? "school is" : "schools are");
    else
        html_raw(out, "No school is of concern");
    name_schools(out, t, "of concern", nconcern);
    html_printf(out, " and %d to watch", nwatch);
    name_schools(out, t, "watch", nwatch);
    html_raw(out, ".");
    if (half)
        html_printf(out, " %d %s account for half of the LA's suspensions.", half,
                    half == 1 ? "school" : "schools");
    html_raw(out, "</p>\n");

    char *desc = or_arena_printf(
        req->arena,
        "Each school is a point: pupils on roll across, the percentage with one or more "
        "suspensions up, with the LA's rate of %s%% and the 95%% and 99.8%% control limits. %d "
        "%s above the 99.8%% limit and %d above the 95%% limit. The table below the chart gives "
        "every school's figures.",
        la_rate, nconcern, nconcern == 1 ? "school is" : "schools are", nwatch);
    char *title = or_arena_printf(
        req->arena, "Funnel plot: pupils with one or more suspensions by school, %s", year);
    or_svg_funnel_chart chart = {{"funnel", title, desc},
                                 "Pupils on roll",
                                 "Pupils with one or more suspensions (%)",
                                 atof(la_rate) / 100.0,
                                 npts,
                                 pts};
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">Figures for every school, and the "
                  "funnel plot</span></summary>\n<div class=\"govuk-details__text\">\n"
                  "<figure class=\"onroll-chart\">\n");
    or_svg_funnel(out, &chart);
    html_raw(out, "</figure>\n");

    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Every school's figures\">\n");
    schools_table_head(out, "Every school, most suspensions first");
    for (int r = 0; r < t->nrows; r++)
        school_row(out, t, r);
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (suppress)
        html_raw(out, "<p class=\"govuk-body\">c: a count of 1 or 2, or a figure built on one, "
                      "suppressed so that no child can be identified.</p>\n");
    html_raw(out, "</div>\n</details>\n");
}

/* ---- data sharing ---- */
static int by_staleness(const void *x, const void *y)
{
    const view_school *a = *(const view_school *const *)x, *b = *(const view_school *const *)y;
    int da = a->days < 0 ? 1 << 30 : a->days, db = b->days < 0 ? 1 << 30 : b->days;
    if (da != db)
        return db - da;
    return a->urn - b->urn;
}

void dash_sharing(or_sb *out, const web_request *req, const view_snapshot *snap)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"sharing\">Data sharing</h2>\n");
    int stopped = 0, late = 0;
    const view_school **list =
        or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *list);
    for (int i = 0; i < snap->nschools; i++) {
        list[i] = &snap->schools[i];
        stopped += snap->schools[i].share >= VIEW_SHARE_STOPPED;
        late += snap->schools[i].share == VIEW_SHARE_LATE;
    }
    if (snap->nschools > 1)
        qsort(list, (size_t)snap->nschools, sizeof *list, by_staleness);
    html_printf(out,
                "<p class=\"govuk-body\">%d %s not shared anything for more than %d days; %d %s "
                "late (more than %d days).</p>\n",
                stopped, stopped == 1 ? "school has" : "schools have", VIEW_SHARING_STOPPED, late,
                late == 1 ? "is" : "are", VIEW_SHARING_LATE);
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">When each school's data last "
                  "arrived, and by which route</span></summary>\n<div "
                  "class=\"govuk-details__text\">\n<div class=\"onroll-scroll\" tabindex=\"0\" "
                  "role=\"region\" aria-label=\"Data sharing by school\">\n");
    static const char *const heads[] = {"School", "Last data received", "Days ago", "Route",
                                        "Status"};
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Data sharing by school, longest silent first"
                  "</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n");
    for (int i = 0; i < 5; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i == 2 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char when[48];
    for (int i = 0; i < snap->nschools; i++) {
        const view_school *s = list[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/schools/%d\">%s</a></td>\n",
                    s->urn, s->name);
        if (s->days < 0)
            html_raw(out, "<td class=\"govuk-table__cell\">Never</td>\n<td "
                          "class=\"govuk-table__cell govuk-table__cell--numeric\">Not "
                          "applicable</td>\n");
        else
            html_printf(out,
                        "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell "
                        "govuk-table__cell--numeric\">%d</td>\n",
                        view_time(s->received_at, when), s->days);
        const char *colour;
        const char *words = view_share_label(s->share, &colour);
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                    view_route_label(s->route));
        view_tag(out, words, colour);
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n</div>\n</details>\n");
}
