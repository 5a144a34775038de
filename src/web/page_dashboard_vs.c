/* page_dashboard_vs.c - the Virtual School's dashboard: its looked-after children by this
 * term's Personal Education Plan (LOCAL-PEP: overdue, to hold, held), those with no school
 * place today and those who never had a PEP, each count a link to /peps?...; then the
 * suspensions and exclusions of its children recorded since the last visit, and its
 * children's duties overdue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/dashboard.h"
#include "web/plans_web.h"

/* On a school's roll (main registration) on d? */
static bool on_roll(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nenrols; i++)
        if (f->enrols[i].reg_type == 'm' && f->enrols[i].start <= d &&
            (f->enrols[i].end == OR_DATE_NONE || f->enrols[i].end >= d))
            return true;
    return false;
}

typedef struct {
    int looked_after, overdue, due, current, no_term, never, no_place;
} pep_counts;

static pep_counts count_peps(const view_snapshot *snap, const view_pupil *const *scope,
                             int nscope)
{
    pep_counts c = {0};
    for (int i = 0; i < nscope; i++) {
        const view_pupil *p = scope[i];
        const or_fact_snapshot *s = or_facts_snapshot_on(p->f, snap->as_of);
        if (!s || s->cla != 1)
            continue;
        c.looked_after++;
        const or_duty *pep = NULL; /* this term's: the latest term begun */
        for (int d = p->duty0; d < p->duty0 + p->nduties; d++) {
            const or_duty *du = &snap->duties.items[d];
            if (du->rule->code == OR_RULE_LOCAL_PEP && (!pep || du->due > pep->due))
                pep = du;
        }
        if (!pep)
            c.no_term++;
        else if (pep->status == OR_DUTY_OVERDUE)
            c.overdue++;
        else if (pep->status == OR_DUTY_OPEN)
            c.due++;
        else
            c.current++;
        bool had = false;
        for (int e = 0; e < p->f->nevents && !had; e++)
            had = p->f->events[e].kind == OR_EV_PEP && p->f->events[e].start <= snap->as_of;
        c.never += !had;
        c.no_place += !on_roll(p->f, snap->as_of);
    }
    return c;
}

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
    or_error err = {0};
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your children could not be listed.");
        return;
    }
    char since[32];
    bool first = false;
    dash_visit(req, since, &first);
    dash_arrivals a;
    if (dash_arrivals_since(req, scope, nscope, since, &a, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The new exclusions could not be read.");
        return;
    }
    if (web_audit(req, "dashboard.view", NULL, "Virtual School dashboard")) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the dashboard cannot be shown.");
        return;
    }
    pep_counts c = count_peps(snap, scope, nscope);
    int nover = 0, nrisk = 0;
    for (int i = 0; i < nscope; i++) {
        nover += scope[i]->overdue;
        nrisk += scope[i]->nflags > 0;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Your cohort");
    dash_as_of(out, snap);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Your cohort</h1>\n");
    char b[4][24];
    view_figure figs[] = {
        {dash_num(c.looked_after, b[0]), "Looked-after children", "/peps"},
        {dash_num(c.overdue, b[1]), "PEP overdue", "/peps?status=overdue"},
        {dash_num(c.no_place, b[2]), "No school place", "/peps?place=none"},
        {dash_num(c.never, b[3]), "Never had a PEP", "/peps?status=never"},
    };
    view_figures(out, figs, 4);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"peps\">Personal Education Plans</h2>\n"
                  "<p class=\"govuk-body\">Every looked-after child has a Personal Education "
                  "Plan meeting every term. A child with no school place has no term's PEP to "
                  "count; one who never had a PEP is in another row as well.</p>\n"
                  "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Looked-after children by this term's PEP</caption>\n"
                  "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                  "scope=\"col\" class=\"govuk-table__header\">PEP</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Children</th>\n"
                  "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    row(out, "Overdue", c.overdue, "/peps?status=overdue");
    row(out, "To hold this term", c.due, "/peps?status=due");
    row(out, "Held this term", c.current, "/peps?status=current");
    row(out, "Never had a PEP", c.never, "/peps?status=never");
    row(out, "No school place today", c.no_place, "/peps?place=none");
    html_raw(out, "</tbody>\n</table>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    dash_since_sentence(out, since, first);
    if (a.n)
        dash_arrivals_table(out, req, snap, &a, DASH_TOP, true);
    else
        html_raw(out, "<p class=\"govuk-body\">None.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties and risk</h2>\n");
    char b1[24], b2[24], b3[24];
    html_printf(out,
                "<p class=\"govuk-body\">Your %s children: <a class=\"govuk-link\" "
                "href=\"/duties?status=overdue\">%s %s overdue</a>; <a class=\"govuk-link\" "
                "href=\"/risk\">%s with one or more risk indicators</a>.</p>\n",
                dash_num(nscope, b1), dash_num(nover, b2), nover == 1 ? "duty" : "duties",
                dash_num(nrisk, b3));
    dash_account(out, req);
    gov_page_end(out, req);
}
