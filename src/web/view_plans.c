/* view_plans.c - the dashboards' panels of the graduated response (plans_web.h), from the LA
 * snapshot (view.h): the plan duties to act on (LOCAL-PSP, its reviews and escalation,
 * LOCAL-PEAP, LOCAL-PEP, LOCAL-PTT, LOCAL-REFERRAL) whatever their due date - an escalation
 * has none, and a PSP is due ten school days on, so the "due in 7 days" list alone would miss
 * them - each with the page that does it; and, for the LA, the permanent exclusions recorded
 * without a pre-exclusion assessment (LOCAL-PEAP) or without consulting the LA
 * (LOCAL-CONSULT-PEX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/plans_web.h"
#include "web/view.h"

typedef struct {
    const or_duty *d;
    const view_pupil *p;
} duty_row;

/* overdue first, then by due date (no date last), then pupil, rule */
static int by_urgency(const void *x, const void *y)
{
    const duty_row *a = x, *b = y;
    bool ao = a->d->status == OR_DUTY_OVERDUE, bo = b->d->status == OR_DUTY_OVERDUE;
    if (ao != bo)
        return ao ? -1 : 1;
    if (a->d->due != b->d->due)
        return a->d->due == OR_DATE_NONE   ? 1
               : b->d->due == OR_DATE_NONE ? -1
               : a->d->due < b->d->due     ? -1
                                           : 1;
    int c = strcmp(a->p->upn, b->p->upn);
    return c ? c : strcmp(a->d->rule->id, b->d->rule->id);
}

void view_plan_duties_panel(or_sb *out, const web_request *req, const view_snapshot *snap,
                            const view_pupil *const *scope, int nscope, int urn, int max)
{
    int n = scope ? nscope : snap->npupils, count = 0, overdue = 0, cap = 0;
    for (int i = 0; i < n; i++)
        cap += (scope ? scope[i] : &snap->pupils[i])->nduties;
    duty_row *rows = or_arena_alloc(req->arena, ((size_t)cap + 1) * sizeof *rows);
    for (int i = 0; i < n; i++) {
        const view_pupil *p = scope ? scope[i] : &snap->pupils[i];
        for (int k = p->duty0; k < p->duty0 + p->nduties; k++) {
            const or_duty *d = &snap->duties.items[k];
            if (d->status == OR_DUTY_DONE || !plan_rule(d->rule) || (urn && d->urn != urn))
                continue;
            rows[count++] = (duty_row){d, p};
            overdue += d->status == OR_DUTY_OVERDUE;
        }
    }
    if (count > 1)
        qsort(rows, (size_t)count, sizeof *rows, by_urgency);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"plans\">Support plans and referrals to act "
                  "on</h2>\n");
    html_printf(out,
                "<p class=\"govuk-body\">Pastoral Support Programmes to start and review, "
                "escalations, pre-exclusion assessments, Personal Education Plans, part-time "
                "timetables and referrals' next steps: %d to do, %d of them overdue.</p>\n",
                count, overdue);
    if (!count)
        return;
    html_raw(out,
             "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Support "
             "plans and referrals to act on\">\n<table class=\"govuk-table\">\n<caption "
             "class=\"govuk-table__caption govuk-table__caption--s\">Plans and referrals, "
             "overdue first</caption>\n<thead class=\"govuk-table__head\">\n<tr "
             "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
             "Due</th>\n<th scope=\"col\" class=\"govuk-table__header\">Pupil</th>\n<th "
             "scope=\"col\" class=\"govuk-table__header\">School</th>\n<th scope=\"col\" "
             "class=\"govuk-table__header\">What must be done</th>\n<th scope=\"col\" "
             "class=\"govuk-table__header\">Status</th>\n<th scope=\"col\" "
             "class=\"govuk-table__header\">Action</th>\n</tr>\n</thead>\n<tbody "
             "class=\"govuk-table__body\">\n");
    char day[24];
    for (int i = 0; i < count && i < max; i++) {
        const or_duty *d = rows[i].d;
        const view_pupil *p = rows[i].p;
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/pupils/%t/plans\">%s</a></td>\n",
                    d->due == OR_DATE_NONE ? "No fixed date" : view_date(d->due, day), p->upn,
                    p->name[0] ? p->name : p->upn);
        view_td_school(out, req, snap, d->urn);
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">%s"
                    "</span></td>\n<td class=\"govuk-table__cell\">",
                    d->rule->summary, d->rule->id);
        const char *colour;
        const char *status = view_duty_status(d->status, &colour);
        view_tag(out, status, colour); /* colour is set by the call before */
        html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
        const char *words = NULL;
        const char *href = plan_duty_link(req, p->f, d, &words);
        if (href)
            html_printf(out,
                        "<a class=\"govuk-link\" href=\"%s\">%s<span "
                        "class=\"govuk-visually-hidden\"> for %s</span></a>",
                        href, words, p->name[0] ? p->name : p->upn);
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (count > max)
        html_printf(out, "<p class=\"govuk-body\">And %d more not shown.</p>\n", count - max);
}

typedef struct {
    const view_pupil *p;
    const or_fact_event *e;
    bool no_peap, no_consult;
} pex_row;

static int by_date_desc(const void *x, const void *y)
{
    const pex_row *a = x, *b = y;
    if (a->e->decided != b->e->decided)
        return a->e->decided > b->e->decided ? -1 : 1;
    return strcmp(a->p->upn, b->p->upn);
}

void view_pex_panel(or_sb *out, const web_request *req, const view_snapshot *snap, int max)
{
    int count = 0, cap = 64, peap = 0, consult = 0;
    pex_row *rows = or_arena_alloc(req->arena, (size_t)cap * sizeof *rows);
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        for (int k = p->duty0; k < p->duty0 + p->nduties; k++) {
            const or_duty *d = &snap->duties.items[k];
            bool is_peap = d->rule->code == OR_RULE_LOCAL_PEAP,
                 is_consult = d->rule->code == OR_RULE_LOCAL_CONSULT_PEX;
            if (d->status == OR_DUTY_DONE || !(is_peap || is_consult) || !d->event_id[0])
                continue;
            const or_fact_event *e = or_facts_event(p->f, d->urn, d->event_id);
            if (!e || e->kind != OR_EV_PERMANENT || e->decided > snap->as_of)
                continue;
            int j = 0;
            while (j < count && rows[j].e != e)
                j++;
            if (j == count) {
                OR_ARENA_GROW(req->arena, rows, count + 1, cap);
                rows[count++] = (pex_row){p, e, false, false};
            }
            rows[j].no_peap |= is_peap;
            rows[j].no_consult |= is_consult;
        }
    }
    for (int j = 0; j < count; j++) {
        peap += rows[j].no_peap;
        consult += rows[j].no_consult;
    }
    if (count > 1)
        qsort(rows, (size_t)count, sizeof *rows, by_date_desc);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"pex\">Permanent exclusions without a "
                  "pre-exclusion assessment or LA consultation</h2>\n");
    html_printf(out,
                "<p class=\"govuk-body\">Before any permanent exclusion the school holds a "
                "pre-exclusion assessment (LOCAL-PEAP) and consults the LA exclusions team "
                "(LOCAL-CONSULT-PEX). %d permanent %s recorded without one or both: %d without "
                "a pre-exclusion assessment, %d without consultation.</p>\n",
                count, count == 1 ? "exclusion was" : "exclusions were", peap, consult);
    if (!count)
        return;
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Permanent exclusions missing a step, newest first"
                  "</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                  "Decided</th>\n<th scope=\"col\" class=\"govuk-table__header\">Pupil</th>\n<th "
                  "scope=\"col\" class=\"govuk-table__header\">School</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header\">Recorded without</th>\n</tr>\n</thead>\n<tbody "
                  "class=\"govuk-table__body\">\n");
    char day[24];
    for (int i = 0; i < count && i < max; i++) {
        const pex_row *w = &rows[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/pupils/%t\">"
                    "%s</a></td>\n",
                    view_date(w->e->decided, day), w->p->upn,
                    w->p->name[0] ? w->p->name : w->p->upn);
        view_td_school(out, req, snap, w->e->urn);
        html_raw(out, "<td class=\"govuk-table__cell\">");
        if (w->no_peap)
            view_tag(out, "Pre-exclusion assessment", "red");
        if (w->no_peap && w->no_consult)
            html_raw(out, " ");
        if (w->no_consult)
            view_tag(out, "LA consultation", "orange");
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
    if (count > max)
        html_printf(out, "<p class=\"govuk-body\">And %d more not shown.</p>\n", count - max);
}
