/* page_dashboard_analyst.c - the analyst's dashboard: the year's headline rates for the whole
 * LA (suspensions and permanent exclusions per 100 pupils, pupils with one or more
 * suspensions), the new suspensions and exclusions counted, children by risk indicator, the
 * schools of concern and data sharing, and links to the reports. Aggregated figures only:
 * counts of 1 or 2 are shown as c, and no child is named or linked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/stats.h"
#include "web/dashboard.h"

/* The sum of a count column over the schools (unsuppressed, to make the LA's total). */
static int64_t column_sum(const or_table *t, const char *col)
{
    int64_t n = 0;
    for (int r = 0; r < t->nrows; r++)
        n += atoll(view_report_cell(t, r, col));
    return n;
}

/* "1.23%" of num per den pupils, rounded as every published rate is (or_cell_rate, DOMAIN.md
 * §6), "c" when num is a small count, "No pupils" when den is 0. */
static const char *rate(int64_t num, int64_t den, char buf[OR_FMT_INT_LEN])
{
    if (den <= 0) {
        snprintf(buf, OR_FMT_INT_LEN, "No pupils");
        return buf;
    }
    uint8_t flag = num >= 1 && num <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY : OR_SUP_NONE;
    int n = or_cell_rate(num, flag, den, OR_SUP_NONE, buf, OR_FMT_INT_LEN - 1);
    if (n > 0 && strcmp(buf, "c"))
        strcat(buf, "%");
    return buf;
}

void dash_analyst(const web_request *req, web_response *res, view_snapshot *snap)
{
    dash_start ds;
    if (!dash_open(req, res, snap, false, "LA dashboard: aggregated figures only", &ds))
        return;
    const char *since = ds.since;
    bool first = ds.first;
    dash_arrivals a = ds.a;
    const or_table *t = &snap->report[1];
    int64_t pupils = 0, susp = 0, one_plus = 0, perm = 0;
    if (snap->have_report) {
        pupils = column_sum(t, "headcount");
        susp = column_sum(t, "suspension");
        one_plus = column_sum(t, "one_plus_susp");
        perm = column_sum(t, "perm_excl");
    }
    int nany = 0;
    for (int i = 0; i < snap->npupils; i++)
        nany += snap->pupils[i].nflags > 0;

    or_sb *out = &res->body;
    gov_page_start(out, req, "Dashboard");
    dash_as_of(out, snap);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Dashboard</h1>\n<p class=\"govuk-body\">Figures "
                  "for the whole local authority. Counts of 1 or 2, and figures that would "
                  "reveal them, are shown as c.</p>\n");
    char b[4][OR_FMT_INT_LEN];
    int64_t nnew = a.by_type[0] + a.by_type[1] + a.by_type[2];
    view_figure figs[] = {
        {rate(susp, pupils, b[0]), "Suspension rate", "/reports?report=rates"},
        {rate(perm, pupils, b[1]), "Permanent exclusion rate", "/reports?report=rates"},
        {rate(one_plus, pupils, b[2]), "Pupils with one or more suspensions",
         "/reports?report=schools"},
        {view_count(nnew, true, b[3]), "New suspensions and exclusions", "#new"},
    };
    view_figures(out, figs, 4);
    char year[16], c1[OR_FMT_INT_LEN];
    snprintf(year, sizeof year, "%d/%02d", snap->ay, (snap->ay + 1) % 100);
    html_printf(out,
                "<p class=\"govuk-body\">In %s so far, of %s pupils on roll: the rates are per "
                "100 pupils, as the Department for Education publishes them.</p>\n",
                year, or_fmt_int(pupils, c1));

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"reports\">Reports</h2>\n<ul "
                  "class=\"govuk-list\">\n<li><a class=\"govuk-link\" "
                  "href=\"/reports?report=rates\">Rates by pupil characteristic</a></li>\n<li><a "
                  "class=\"govuk-link\" href=\"/reports?report=schools\">Schools against the "
                  "LA</a></li>\n<li><a class=\"govuk-link\" href=\"/schools?concern=1\">Schools "
                  "of concern</a></li>\n<li><a class=\"govuk-link\" href=\"/reports\">Every "
                  "report</a></li>\n</ul>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    dash_since_sentence(out, since, first);
    char d[3][OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">Suspensions: %s; lunchtime suspensions: %s; permanent "
                "exclusions: %s.</p>\n",
                view_count(a.by_type[0], true, d[0]), view_count(a.by_type[1], true, d[1]),
                view_count(a.by_type[2], true, d[2]));

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Children at risk</h2>\n");
    html_printf(out,
                "<p class=\"govuk-body\">Children for whom one or more indicators fired as of "
                "today: %s.</p>\n",
                view_count(nany, true, c1));
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">Children by indicator</span>"
                  "</summary>\n<div class=\"govuk-details__text\">\n");
    dash_risk_counts(out, snap, true, nany);
    html_raw(out, "</div>\n</details>\n");
    dash_schools_of_concern(out, req, snap, true);
    dash_sharing(out, req, snap);
    dash_account(out, req);
    gov_page_end(out, req);
}
