/* page_dashboard_school.c - a school's dashboard (head teacher, SENCO, attendance lead...):
 * its duties by pupil (the 5 pupils with the most to do, each number a link to
 * /duties?school=URN&pupil=UPN&status=...), its support plans and referrals to act on and the
 * plans due for review (view_plans.c), its children at risk (/risk?school=URN) and the
 * suspensions and exclusions recorded since the last visit. The school's figures and data
 * sharing stay on its own page, /schools/URN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/dashboard.h"
#include "web/plans_web.h"

typedef struct {
    const view_pupil *p;
    int overdue, soon;
} pupil_row;

static int by_most(const void *x, const void *y)
{
    const pupil_row *a = x, *b = y;
    if (a->overdue != b->overdue)
        return b->overdue - a->overdue;
    if (a->soon != b->soon)
        return b->soon - a->soon;
    int c = strcmp(a->p->name, b->p->name);
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

static void pupil_cell(or_sb *out, int n, int urn, const char *upn, const char *status)
{
    char href[160];
    snprintf(href, sizeof href, "/duties?school=%d&pupil=%s&status=%s", urn, upn, status);
    html_raw(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
    dash_count_link(out, n, href);
    html_raw(out, "</td>\n");
}

/* The school's duties (at this school) by pupil; the totals into *nover and *nsoon. */
static void duties_by_pupil(or_sb *out, const web_request *req, const view_snapshot *snap,
                            const view_pupil *const *scope, int nscope, int urn, int *nover,
                            int *nsoon)
{
    pupil_row *rows = or_arena_calloc(req->arena, (size_t)nscope + 1, sizeof *rows);
    int n = 0;
    *nover = *nsoon = 0;
    for (int i = 0; i < nscope; i++) {
        pupil_row w = {scope[i], 0, 0};
        for (int d = w.p->duty0; d < w.p->duty0 + w.p->nduties; d++) {
            const or_duty *du = &snap->duties.items[d];
            if (du->urn != urn)
                continue;
            w.overdue += du->status == OR_DUTY_OVERDUE;
            w.soon += dash_due_this_week(snap, du);
        }
        *nover += w.overdue;
        *nsoon += w.soon;
        if (w.overdue || w.soon)
            rows[n++] = w;
    }
    if (n > 1)
        qsort(rows, (size_t)n, sizeof *rows, by_most);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties by pupil</h2>\n");
    char b1[OR_FMT_INT_LEN], b2[OR_FMT_INT_LEN], b3[OR_FMT_INT_LEN], href[160];
    snprintf(href, sizeof href, "/duties?school=%d", urn);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">%s %s overdue, %s "
                "due in the next %d days</a>, for %s %s.</p>\n",
                href, or_fmt_int(*nover, b1), *nover == 1 ? "duty" : "duties",
                or_fmt_int(*nsoon, b2), VIEW_DUE_SOON_DAYS, or_fmt_int(n, b3),
                n == 1 ? "pupil" : "pupils");
    if (!n)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Duties by pupil\">\n<table class=\"govuk-table\">\n<caption "
                  "class=\"govuk-table__caption govuk-table__caption--s\">The pupils with the "
                  "most overdue</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                  "Pupil</th>\n<th scope=\"col\" class=\"govuk-table__header "
                  "govuk-table__header--numeric\">Overdue</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Due in the next 7 "
                  "days</th>\n</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n && i < DASH_TOP; i++) {
        const view_pupil *p = rows[i].p;
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t\">%s</a></td>\n",
                    p->upn, p->name[0] ? p->name : p->upn);
        pupil_cell(out, rows[i].overdue, urn, p->upn, "overdue");
        pupil_cell(out, rows[i].soon, urn, p->upn, "due-this-week");
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    dash_see_all(out, *nover + *nsoon, 0, "duties", href);
}

/* The school's children at risk: how many, how many at high risk, the top few. */
static int at_risk(or_sb *out, const web_request *req, const view_snapshot *snap,
                   const view_pupil *const *scope, int nscope, int urn)
{
    const view_pupil **list = or_arena_alloc(req->arena, ((size_t)nscope + 1) * sizeof *list);
    int n = 0, high = 0;
    for (int i = 0; i < nscope; i++)
        if (scope[i]->nflags && scope[i]->urn == urn) {
            list[n++] = scope[i];
            high += dash_risk_high(snap, scope[i]);
        }
    dash_sort_by_risk(snap, list, n);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Children at risk</h2>\n");
    char href[96], high_href[96];
    snprintf(href, sizeof href, "/risk?school=%d", urn);
    snprintf(high_href, sizeof high_href, "/risk?school=%d&tier=high", urn);
    html_raw(out, "<p class=\"govuk-body\">");
    dash_count_link(out, n, href);
    html_printf(out, " %s on your roll with one or more indicators; ",
                n == 1 ? "child" : "children");
    dash_count_link(out, high, high_href);
    html_raw(out, " at high risk.</p>\n");
    if (!n)
        return 0;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Children at risk\">\n<table class=\"govuk-table\">\n<caption "
                  "class=\"govuk-table__caption govuk-table__caption--s\">Children with the most "
                  "indicators</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                  "Child</th>\n<th scope=\"col\" class=\"govuk-table__header "
                  "govuk-table__header--numeric\">Indicators</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Duties overdue</th>"
                  "\n</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n && i < DASH_TOP; i++) {
        const view_pupil *p = list[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t\">%s</a></td>\n<td "
                    "class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n<td "
                    "class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n</tr>\n",
                    p->upn, p->name[0] ? p->name : p->upn, p->nflags, p->overdue);
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    dash_see_all(out, n, DASH_TOP, "children at risk", href);
    return n;
}

void dash_school(const web_request *req, web_response *res, view_snapshot *snap)
{
    int urn = web_user_school(req);
    dash_start d;
    if (!dash_open(req, res, snap, true, "school dashboard", &d))
        return;
    const view_pupil *const *scope = d.scope;
    int nscope = d.nscope;
    const char *since = d.since;
    bool first = d.first;
    dash_arrivals a = d.a;
    or_sb body = OR_SB_INIT, *o = &body;
    int nover, nsoon;
    duties_by_pupil(o, req, snap, scope, nscope, urn, &nover, &nsoon);
    view_plan_duties_panel(o, req, snap, scope, nscope, urn, DASH_TOP); /* view_plans.c */
    html_raw(o, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-half\">\n");
    int nrisk = at_risk(o, req, snap, scope, nscope, urn);
    html_raw(o, "</div>\n<div class=\"govuk-grid-column-one-half\">\n");
    html_raw(o, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    dash_since_sentence(o, since, first);
    if (a.n)
        dash_arrivals_table(o, req, snap, &a, DASH_TOP, false);
    else
        html_raw(o, "<p class=\"govuk-body\">None.</p>\n");
    html_raw(o, "</div>\n</div>\n");
    html_printf(o,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/schools/%d\">Your "
                "school's figures and data sharing</a></p>\n",
                urn);

    or_sb *out = &res->body;
    const char *name = view_school_name(snap, urn);
    gov_page_start(out, req, "Dashboard");
    dash_as_of(out, snap);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", name);
    char b[4][OR_FMT_INT_LEN], h[3][96];
    snprintf(h[0], sizeof h[0], "/duties?school=%d&status=overdue", urn);
    snprintf(h[1], sizeof h[1], "/duties?school=%d&status=due-this-week", urn);
    snprintf(h[2], sizeof h[2], "/risk?school=%d", urn);
    view_figure figs[] = {
        {or_fmt_int(nover, b[0]), "Duties overdue", h[0]},
        {or_fmt_int(nsoon, b[1]), "Duties due in the next 7 days", h[1]},
        {or_fmt_int(nrisk, b[2]), "Children at risk", h[2]},
        {or_fmt_int(a.n, b[3]), "New suspensions and exclusions", "#new"},
    };
    view_figures(out, figs, 4);
    html_kept(out, or_sb_str(&body), body.len);
    or_sb_release(&body);
    dash_account(out, req);
    gov_page_end(out, req);
}
