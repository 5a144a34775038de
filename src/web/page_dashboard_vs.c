/* page_dashboard_vs.c - the Virtual School's dashboard: its looked-after children by this
 * term's Personal Education Plan (overdue, to hold, held, never had one) and those with no
 * school place today, counted by /peps' own function (view_lists.h), each a link to
 * /peps?...; then the suspensions and exclusions of its children recorded since the last
 * visit, and its children's duties overdue and risk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/dashboard.h"
#include "web/view_lists.h"

static void row(or_sb *out, const char *label, int n, const char *href)
{
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<th scope=\"row\" class=\"govuk-table__header\">"
                "%s</th>\n<td class=\"govuk-table__cell govuk-table__cell--numeric\">",
                label);
    dash_count_link(out, n, href);
    html_raw(out, "</td>\n</tr>\n");
}

void dash_vs(const web_request *req, web_response *res, view_snapshot *snap)
{
    dash_start d;
    if (!dash_open(req, res, snap, true, "Virtual School dashboard", &d))
        return;
    const view_pupil *const *scope = d.scope;
    int nscope = d.nscope;
    const char *since = d.since;
    bool first = d.first;
    dash_arrivals a = d.a;
    or_error err = {0};
    int pep[VIEW_PEP__N] = {0}, no_place = 0, looked_after = 0;
    if (view_pep_counts(req, snap, pep, &no_place, &looked_after, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Personal Education Plans could not be counted.");
        return;
    }
    int nover = 0, nrisk = 0;
    for (int i = 0; i < nscope; i++) {
        nover += scope[i]->overdue;
        nrisk += scope[i]->nflags > 0;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Your cohort");
    dash_as_of(out, snap);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Your cohort</h1>\n");
    char b[4][OR_FMT_INT_LEN];
    view_figure figs[] = {
        {or_fmt_int(looked_after, b[0]), "Looked-after children", "/peps"},
        {or_fmt_int(pep[VIEW_PEP_OVERDUE], b[1]), "PEP overdue", "/peps?status=overdue"},
        {or_fmt_int(no_place, b[2]), "No school place", "/peps?place=none"},
        {or_fmt_int(pep[VIEW_PEP_NEVER], b[3]), "Never had a PEP", "/peps?status=never"},
    };
    view_figures(out, figs, 4);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"peps\">Personal Education Plans</h2>\n"
                  "<p class=\"govuk-body\">Every looked-after child has a Personal Education "
                  "Plan meeting every term. The first four rows add up to the looked-after "
                  "children; those with no school place are some of them.</p>\n"
                  "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Looked-after children by this term's PEP</caption>\n"
                  "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                  "scope=\"col\" class=\"govuk-table__header\">PEP</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Children</th>\n"
                  "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    static const view_pep_status order[] = {VIEW_PEP_OVERDUE, VIEW_PEP_DUE, VIEW_PEP_CURRENT,
                                            VIEW_PEP_NEVER};
    for (int i = 0; i < 4; i++) {
        char href[48];
        snprintf(href, sizeof href, "/peps?status=%s", view_pep_key(order[i]));
        row(out, view_pep_words(order[i]), pep[order[i]], href);
    }
    row(out, "No school place today", no_place, "/peps?place=none");
    html_raw(out, "</tbody>\n</table>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    dash_since_sentence(out, since, first);
    if (a.n)
        dash_arrivals_table(out, req, snap, &a, DASH_TOP, true);
    else
        html_raw(out, "<p class=\"govuk-body\">None.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties and risk</h2>\n");
    char b1[OR_FMT_INT_LEN], b2[OR_FMT_INT_LEN], b3[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">Your %s children: <a class=\"govuk-link\" "
                "href=\"/duties?status=overdue\">%s %s overdue</a>; <a class=\"govuk-link\" "
                "href=\"/risk\">%s with one or more risk indicators</a>.</p>\n",
                or_fmt_int(nscope, b1), or_fmt_int(nover, b2), nover == 1 ? "duty" : "duties",
                or_fmt_int(nrisk, b3));
    dash_account(out, req);
    gov_page_end(out, req);
}
