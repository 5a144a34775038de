/* page_school.c - GET /schools/{urn} : one school (LA roles, the school's own account,
 * analyst): its figures against the LA, when its data last arrived and by which route, and -
 * for the LA and the school itself - its duties due and overdue, its children at risk and its
 * suspensions and exclusions this school year. The analyst sees the figures only, suppressed.
 *
 * Scope: web_can_see_school decides (a school sees its own page only: another school's is
 * "not found", and logged as denied). A school's account is shown only the children in its
 * own scope (scope.c: on its roll, or in the last year), even when another pupil has an event
 * of the school. A page that names children is written to the audit log first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/upn.h"
#include "web/plans_web.h"
#include "web/view.h"

enum { SCHOOL_ROWS = 50 };

static void figures_row(or_sb *out, const char *key, const char *value)
{
    gov_summary_row(out, key, value && *value ? value : "Not available");
}

/* The school's figures this year, from the schools report (suppressed for the analyst). */
static void school_figures(or_sb *out, const web_request *req, const view_snapshot *snap,
                           const view_school *s, bool suppress)
{
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", snap->ay, (snap->ay + 1) % 100);
    html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"figures\">This school year (%s)</h2>\n",
                year);
    if (!snap->have_report || s->row < 0) {
        html_raw(out, "<p class=\"govuk-body\">There are no figures for this school this year "
                      "yet.</p>\n");
        return;
    }
    const or_table *t = &snap->report[suppress ? 0 : 1];
    int r = s->row;
    gov_summary_start(out);
    figures_row(out, "Pupils on roll (census)", view_report_cell(t, r, "headcount"));
    figures_row(out, "Suspensions", view_report_cell(t, r, "suspension"));
    figures_row(out, "Suspensions per 100 pupils", view_report_cell(t, r, "susp_rate"));
    figures_row(out, "Pupils with one or more suspensions",
                view_report_cell(t, r, "one_plus_susp"));
    figures_row(out, "Of the pupils on roll (%)", view_report_cell(t, r, "one_plus_susp_rate"));
    figures_row(out, "The LA's rate (%)", view_report_cell(t, r, "la_one_plus_susp_rate"));
    figures_row(out, "95% limits (%)",
                or_arena_printf(req->arena, "%s to %s", view_report_cell(t, r, "lower_limit_95"),
                                view_report_cell(t, r, "upper_limit_95")));
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Against the LA</dt>\n<dd class=\"govuk-summary-list__value\">");
    const char *f = view_report_cell(t, r, "funnel");
    if (!strcmp(f, "of concern"))
        view_tag(out, "Of concern: above the 99.8% limit", "red");
    else if (!strcmp(f, "watch"))
        view_tag(out, "Watch: above the 95% limit", "orange");
    else if (!strcmp(f, "within"))
        view_tag(out, "Within the limits", "grey");
    else if (!strcmp(f, "low") || !strcmp(f, "very low"))
        view_tag(out, "Below the limits", "blue");
    else
        html_text(out, f);
    html_raw(out, "</dd>\n</div>\n");
    figures_row(out, "Share of the LA's suspensions (%)",
                view_report_cell(t, r, "share_of_la_suspensions"));
    figures_row(out, "Permanent exclusions", view_report_cell(t, r, "perm_excl"));
    gov_summary_end(out);
    if (suppress)
        html_raw(out, "<p class=\"govuk-body\">c: a count of 1 or 2, or a figure built on one, "
                      "suppressed so that no child can be identified.</p>\n");
}

static void school_sharing(or_sb *out, const view_school *s, bool show_source)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"sharing\">Data sharing</h2>\n");
    gov_summary_start(out);
    char when[48];
    gov_summary_row(out, "Last data received",
                    s->days < 0 ? "Never" : view_time(s->received_at, when));
    gov_summary_row(out, "Route", view_route_label(s->route));
    if (s->detail[0]) /* a CTF's version and supplier */
        gov_summary_row(out, "Version and supplier", s->detail);
    if (show_source && s->source[0]) /* a file's name may say anything: not for the analyst */
        gov_summary_row(out, "Source", s->source);
    const char *colour;
    const char *words = view_share_label(s->share, &colour);
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Status</dt>\n<dd class=\"govuk-summary-list__value\">");
    view_tag(out, words, colour);
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_end(out);
}

/* May the user see this pupil on the school's page? (all of them for the LA) */
static bool allowed(const view_pupil *const *scope, int nscope, const char *upn)
{
    if (!scope)
        return true;
    int lo = 0, hi = nscope - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = strcmp(scope[mid]->upn, upn);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

static int by_due(const void *x, const void *y)
{
    const or_duty *a = *(const or_duty *const *)x, *b = *(const or_duty *const *)y;
    if (a->due != b->due) /* no fixed date last */
        return a->due == OR_DATE_NONE ? 1 : b->due == OR_DATE_NONE ? -1 : a->due < b->due ? -1 : 1;
    return strcmp(a->upn, b->upn);
}

static int by_risk(const void *x, const void *y)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    if (a->nflags != b->nflags)
        return b->nflags - a->nflags;
    return strcmp(a->name, b->name);
}

typedef struct {
    const view_pupil *p;
    const or_fact_event *e;
} school_event;

static int by_start_desc(const void *x, const void *y)
{
    const school_event *a = x, *b = y;
    if (a->e->start != b->e->start)
        return a->e->start > b->e->start ? -1 : 1;
    return a->e->seq > b->e->seq ? -1 : a->e->seq < b->e->seq;
}

/* Duties, children at risk and this year's exclusions of the school; *listed = children named. */
static void school_children(or_sb *out, const web_request *req, const view_snapshot *snap, int urn,
                            const view_pupil *const *scope, int nscope)
{
    /* duties at the school */
    const or_duty **over = or_arena_alloc(req->arena, ((size_t)snap->duties.n + 1) * sizeof *over);
    const or_duty **soon = or_arena_alloc(req->arena, ((size_t)snap->duties.n + 1) * sizeof *soon);
    int nover = 0, nsoon = 0;
    for (int i = 0; i < snap->duties.n; i++) {
        const or_duty *d = &snap->duties.items[i];
        if (d->urn != urn || !allowed(scope, nscope, d->upn))
            continue;
        if (d->status == OR_DUTY_OVERDUE)
            over[nover++] = d;
        else if (d->status == OR_DUTY_OPEN && d->due != OR_DATE_NONE &&
                 d->due <= snap->as_of + VIEW_DUE_SOON_DAYS)
            soon[nsoon++] = d;
    }
    if (nover > 1)
        qsort(over, (size_t)nover, sizeof *over, by_due);
    if (nsoon > 1)
        qsort(soon, (size_t)nsoon, sizeof *soon, by_due);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties due and overdue</h2>\n");
    char b1[OR_FMT_INT_LEN], b2[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">%s overdue, %s due in the next %d days: <a "
                "class=\"govuk-link\" href=\"/duties?school=%d&amp;status=overdue\">the overdue "
                "duties</a>, <a class=\"govuk-link\" href=\"/duties?school=%d\">every open duty"
                "</a> (filter, sort and download).</p>\n",
                or_fmt_int(nover, b1), or_fmt_int(nsoon, b2), VIEW_DUE_SOON_DAYS, urn, urn);
    if (nover)
        view_duties_table(out, req, "Overdue, longest overdue first", over, nover, snap, false,
                          SCHOOL_ROWS);
    if (nsoon)
        view_duties_table(out, req, "Due in the next 7 days", soon, nsoon, snap, false,
                          SCHOOL_ROWS);

    /* plans to start and review, escalations, referrals' next steps, whatever their date */
    view_plan_duties_panel(out, req, snap, scope, nscope, urn, SCHOOL_ROWS); /* view_plans.c */

    /* children at risk whose flags name the school */
    const view_pupil **risky =
        or_arena_alloc(req->arena, ((size_t)snap->npupils + 1) * sizeof *risky);
    int nrisky = 0;
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        bool here = false;
        for (int f = p->flag0; f < p->flag0 + p->nflags && !here; f++)
            here = snap->flags.items[f].urn == urn;
        if (here && allowed(scope, nscope, p->upn))
            risky[nrisky++] = p;
    }
    if (nrisky > 1)
        qsort(risky, (size_t)nrisky, sizeof *risky, by_risk);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Children at risk</h2>\n");
    if (!nrisky)
        html_raw(out, "<p class=\"govuk-body\">No child of this school has a risk indicator "
                      "today.</p>\n");
    else
        view_pupils_table(out, req, "Children with a risk indicator, the most indicators first",
                          snap, risky, nrisky < SCHOOL_ROWS ? nrisky : SCHOOL_ROWS);
    if (nrisky > SCHOOL_ROWS)
        html_printf(out,
                    "<p class=\"govuk-body\">And %d more: <a class=\"govuk-link\" "
                    "href=\"/pupils?school=%d&amp;risk=1\">every child at risk at this school</a>"
                    ".</p>\n",
                    nrisky - SCHOOL_ROWS, urn);

    /* this year's suspensions and exclusions by the school */
    int cap = 0;
    for (int i = 0; i < snap->npupils; i++)
        cap += snap->pupils[i].f->nevents;
    school_event *ev = or_arena_alloc(req->arena, ((size_t)cap + 1) * sizeof *ev);
    int nev = 0;
    or_date year_start = or_date_academic_year_start(snap->ay);
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        for (int k = 0; k < p->f->nevents; k++) {
            const or_fact_event *e = &p->f->events[k];
            if (e->urn == urn && e->start >= year_start &&
                (e->kind == OR_EV_SUSPENSION || e->kind == OR_EV_LUNCHTIME ||
                 e->kind == OR_EV_PERMANENT) &&
                allowed(scope, nscope, p->upn))
                ev[nev++] = (school_event){p, e};
        }
    }
    if (nev > 1)
        qsort(ev, (size_t)nev, sizeof *ev, by_start_desc);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"exclusions\">Suspensions and exclusions "
                  "this school year</h2>\n");
    if (!nev) {
        html_raw(out, "<p class=\"govuk-body\">None recorded.</p>\n");
    } else {
        static const char *const heads[] = {"Started", "Pupil", "What", "Sessions", "Reasons"};
        html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                      "govuk-table__caption--s\">Newest first</caption>\n<thead "
                      "class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
        for (int i = 0; i < 5; i++)
            html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                        i == 3 ? " govuk-table__header--numeric" : "", heads[i]);
        html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
        char day[24];
        for (int i = 0; i < nev && i < SCHOOL_ROWS; i++) {
            const or_fact_event *e = ev[i].e;
            html_printf(
                out,
                "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                "href=\"/pupils/%t\">%s</a></td>\n<td class=\"govuk-table__cell\">%s</td>\n",
                view_date(e->start, day), ev[i].p->upn,
                ev[i].p->name[0] ? ev[i].p->name : ev[i].p->upn,
                view_event_label(or_event_kind_name(e->kind)));
            if (e->sessions >= 0)
                html_printf(out,
                            "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n",
                            e->sessions);
            else
                html_raw(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not "
                              "recorded</td>\n");
            html_raw(out, "<td class=\"govuk-table__cell\">");
            view_reasons(out, e->reasons, e->start);
            html_raw(out, "</td>\n</tr>\n");
        }
        html_raw(out, "</tbody>\n</table>\n");
        if (nev > SCHOOL_ROWS)
            html_printf(out, "<p class=\"govuk-body\">And %d more not shown.</p>\n",
                        nev - SCHOOL_ROWS);
    }
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils?school=%d\">Every "
                "pupil of this school</a></p>\n",
                urn);
}

static void not_found(const web_request *req, web_response *res, const char *why)
{
    char detail[200];
    snprintf(detail, sizeof detail, "GET %s: %s", req->path, why);
    web_audit(req, "denied", NULL, detail);
    web_error(req, res, 404, "Page not found",
              "If you typed the web address, check it is correct.");
}

void page_school(const web_request *req, web_response *res)
{
    int urn = 0;
    if (or_urn_validate(web_path(req, "urn"), &urn, NULL) || !web_can_see_school(req, urn)) {
        not_found(req, res, "school not in the user's scope (or not a URN)");
        return;
    }
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The school's figures could not be worked out. Try again later.");
        return;
    }
    const view_school *s = view_find_school(snap, urn);
    if (!s) {
        view_snapshot_put(snap);
        not_found(req, res, "no such school");
        return;
    }
    bool analyst = req->user->role == OR_ROLE_ANALYST;
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (!analyst && !la && view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The school's pupils could not be listed.");
        return;
    }
    char detail[64];
    snprintf(detail, sizeof detail, "school %d%s", urn, analyst ? " (figures only)" : "");
    if (web_audit(req, "school.view", NULL, detail)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the page cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, s->name);
    html_printf(out, "<span class=\"govuk-caption-l\">%s school, URN %d</span>\n", s->phase, urn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", s->name);
    if (!analyst) {
        html_raw(out, "<nav aria-label=\"On this page\">\n<h2 class=\"govuk-heading-s\">On this "
                      "page</h2>\n<ul class=\"govuk-list\">\n"
                      "<li><a class=\"govuk-link\" href=\"#figures\">This school year</a></li>\n"
                      "<li><a class=\"govuk-link\" href=\"#sharing\">Data sharing</a></li>\n"
                      "<li><a class=\"govuk-link\" href=\"#duties\">Duties due and overdue</a>"
                      "</li>\n<li><a class=\"govuk-link\" href=\"#plans\">Support plans and "
                      "referrals to act on</a></li>\n<li><a class=\"govuk-link\" "
                      "href=\"#risk\">Children at risk</a>"
                      "</li>\n<li><a class=\"govuk-link\" href=\"#exclusions\">Suspensions and "
                      "exclusions this school year</a></li>\n</ul>\n</nav>\n");
    }
    school_figures(out, req, snap, s, analyst);
    school_sharing(out, s, !analyst);
    if (!analyst) /* the vulnerability dashboard and training (page_vulnerability.c) */
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/schools/%d/vulnerability\">Vulnerability dashboard</a>: pupils by "
                    "need, the crossover of need, and staff <a class=\"govuk-link\" "
                    "href=\"/schools/%d/training\">training against need</a>.</p>\n",
                    urn, urn);
    if (!analyst) /* partnership meetings (page_partnership.c) */
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/schools/%d/partnership\">Partnership meetings</a>: the senior "
                    "mental health lead, the CAMHS link worker and the wellbeing framework "
                    "partner, and when the next meeting is due.</p>\n",
                    urn);
    if (!analyst)
        school_children(out, req, snap, urn, la ? NULL : scope, nscope);
    gov_page_end(out, req);
    view_snapshot_put(snap);
}
