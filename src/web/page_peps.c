/* page_peps.c - GET /peps : Personal Education Plans this term. For the Virtual School, the
 * looked-after pupils in its scope (scope.c); for the LA, every looked-after pupil. Each row:
 * the pupil, the school, this term's PEP (LOCAL-PEP: done on a date, to do by the end of the
 * term, or overdue), the last PEP meeting, and a link to record one (page_plan_new.c: the
 * Virtual School may record a PEP for a pupil in its scope, at the pupil's school). Those
 * still to do come first.
 *
 * From the LA snapshot (view_cache.c) as of today; the page names children, so it is written
 * to the audit log first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/plans_web.h"
#include "web/view.h"

typedef struct {
    const view_pupil *p;
    const or_duty *pep;        /* this term's LOCAL-PEP, or NULL */
    const or_fact_event *last; /* the latest pep event, or NULL */
} pep_row;

/* On a school's roll (main registration) on d? */
static bool on_roll(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nenrols; i++)
        if (f->enrols[i].reg_type == 'm' && f->enrols[i].start <= d &&
            (f->enrols[i].end == OR_DATE_NONE || f->enrols[i].end >= d))
            return true;
    return false;
}

static int rank(const pep_row *r)
{
    if (!r->pep)
        return 3;
    return r->pep->status == OR_DUTY_OVERDUE ? 0 : r->pep->status == OR_DUTY_OPEN ? 1 : 2;
}

static int by_status(const void *x, const void *y)
{
    const pep_row *a = x, *b = y;
    int ra = rank(a), rb = rank(b);
    if (ra != rb)
        return ra - rb;
    int c = strcmp(a->p->name, b->p->name);
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

void page_peps(const web_request *req, web_response *res)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Personal Education Plans could not be listed. Try again later.");
        return;
    }
    bool la = req->user->role != OR_ROLE_VIRTUAL_SCHOOL;
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Personal Education Plans could not be listed.");
        return;
    }
    int n = la ? snap->npupils : nscope, count = 0, done = 0, todo = 0, overdue = 0;
    pep_row *rows = or_arena_alloc(req->arena, ((size_t)n + 1) * sizeof *rows);
    for (int i = 0; i < n; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        const or_fact_snapshot *s = or_facts_snapshot_on(p->f, snap->as_of);
        if (!s || s->cla != 1)
            continue;
        pep_row w = {p, NULL, NULL};
        for (int d = p->duty0; d < p->duty0 + p->nduties; d++) {
            const or_duty *du = &snap->duties.items[d];
            if (du->rule->code == OR_RULE_LOCAL_PEP && (!w.pep || du->due > w.pep->due))
                w.pep = du; /* the latest term begun */
        }
        for (int e = 0; e < p->f->nevents; e++)
            if (p->f->events[e].kind == OR_EV_PEP && p->f->events[e].start <= snap->as_of)
                w.last = &p->f->events[e];
        done += w.pep && w.pep->status == OR_DUTY_DONE;
        todo += w.pep && w.pep->status == OR_DUTY_OPEN;
        overdue += w.pep && w.pep->status == OR_DUTY_OVERDUE;
        rows[count++] = w;
    }
    if (count > 1)
        qsort(rows, (size_t)count, sizeof *rows, by_status);
    char detail[96];
    snprintf(detail, sizeof detail, "PEPs: %d looked-after children listed", count);
    if (web_audit(req, "peps.view", NULL, detail)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the list cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Personal Education Plans");
    char day[24], b[4][24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, day));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Personal Education Plans</h1>\n");
    html_raw(out, "<p class=\"govuk-body\">Every looked-after pupil has a Personal Education Plan "
                  "meeting with the Virtual School every term (LOCAL-PEP).</p>\n");
    view_figure figs[] = {
        {view_count(count, false, b[0]), "Looked-after pupils", NULL},
        {view_count(done, false, b[1]), "PEP held this term", NULL},
        {view_count(todo, false, b[2]), "PEP to hold this term", NULL},
        {view_count(overdue, false, b[3]), "PEP overdue", NULL},
    };
    view_figures(out, figs, 4);
    if (!count) {
        html_raw(out,
                 "<p class=\"govuk-body\">No looked-after pupil is in your scope today.</p>\n");
    } else {
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Personal Education Plans\">\n<table class=\"govuk-table\">\n"
                      "<caption class=\"govuk-table__caption govuk-table__caption--s\">"
                      "Looked-after pupils, those whose PEP is overdue or to do first</caption>\n"
                      "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                      "scope=\"col\" class=\"govuk-table__header\">Pupil</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">School</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">This term</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Last PEP meeting</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Action</th>\n</tr>\n</thead>\n<tbody "
                      "class=\"govuk-table__body\">\n");
        for (int i = 0; i < count; i++) {
            const pep_row *w = &rows[i];
            html_printf(out,
                        "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                        "class=\"govuk-link\" href=\"/pupils/%t/plans#pep\">%s</a></td>\n",
                        w->p->upn, w->p->name[0] ? w->p->name : w->p->upn);
            view_td_school(out, req, snap, w->p->urn);
            html_raw(out, "<td class=\"govuk-table__cell\">");
            if (w->pep) {
                const char *colour;
                const char *words = view_duty_status(w->pep->status, &colour);
                view_tag(out, words, colour);
                if (w->pep->status == OR_DUTY_DONE)
                    html_printf(out, " <span class=\"onroll-secondary\">on %s</span>",
                                view_date(w->pep->done_on, day));
                else
                    html_printf(out, " <span class=\"onroll-secondary\">by %s</span>",
                                view_date(w->pep->due, day));
            } else if (!on_roll(w->p->f, snap->as_of)) {
                html_raw(out, "Not on a school roll today");
            } else {
                html_raw(out, "No term in progress");
            }
            html_printf(out, "</td>\n<td class=\"govuk-table__cell\">%s</td>\n",
                        w->last ? view_date(w->last->start, day) : "None recorded");
            html_printf(out,
                        "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                        "href=\"/pupils/%t/plans/new?kind=pep\">Record a PEP<span "
                        "class=\"govuk-visually-hidden\"> for %s</span></a></td>\n</tr>\n",
                        w->p->upn, w->p->name[0] ? w->p->name : w->p->upn);
        }
        html_raw(out, "</tbody>\n</table>\n</div>\n");
    }
    gov_page_end(out, req);
    view_snapshot_put(snap);
}
