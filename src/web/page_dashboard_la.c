/* page_dashboard_la.c - the dashboard of the LA officer and the LA administrator: what needs
 * them today, each count linking to the list it counts.
 *
 *   - the suspensions and exclusions recorded since their last visit (the 5 newest);
 *   - duties overdue and due in the next 7 days, by rule (a row per rule, each number a link
 *     to /duties?rule=...&status=...), and the support plans and referrals to act on and the
 *     permanent exclusions missing a step (view_plans.c, the top 5 of each);
 *   - children at high risk (/risk?tier=high) and with any indicator (/risk), the top 5;
 *   - schools of concern (/schools?concern=1), claims waiting (/claims), partner notices not
 *     acknowledged (/notifications?ack=0), and data sharing, the details folded away. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/dashboard.h"
#include "web/plans_web.h"

#include "onroll/store_claims.h"

enum { RULES_TOP = 6 }; /* the rules shown: those with the most overdue */

typedef struct {
    const or_rule *rule;
    int overdue, soon;
} rule_row;

/* most overdue first, then most due soon, then by id */
static int by_overdue(const void *x, const void *y)
{
    const rule_row *a = x, *b = y;
    if (a->overdue != b->overdue)
        return b->overdue - a->overdue;
    if (a->soon != b->soon)
        return b->soon - a->soon;
    return strcmp(a->rule->id, b->rule->id);
}

/* One number of the rules table: a link to the rule's duties with that status. */
static void rule_cell(or_sb *out, int n, const char *rule, const char *status)
{
    char href[160];
    snprintf(href, sizeof href, "/duties?rule=%s&status=%s", rule, status);
    html_raw(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
    dash_count_link(out, n, href);
    html_raw(out, "</td>\n");
}

/* Duties overdue and due this week, by rule; the totals into *nover and *nsoon. */
static void duties_by_rule(or_sb *out, const web_request *req, const view_snapshot *snap,
                           int *nover, int *nsoon)
{
    size_t nrules = or_rules_count();
    rule_row *rows = or_arena_calloc(req->arena, nrules + 1, sizeof *rows);
    *nover = *nsoon = 0;
    for (int i = 0; i < snap->duties.n; i++) {
        const or_duty *d = &snap->duties.items[i];
        size_t k = (size_t)d->rule->code;
        if (k >= nrules)
            continue;
        rows[k].rule = d->rule;
        if (d->status == OR_DUTY_OVERDUE) {
            rows[k].overdue++;
            (*nover)++;
        } else if (dash_due_this_week(snap, d)) {
            rows[k].soon++;
            (*nsoon)++;
        }
    }
    int n = 0;
    for (size_t k = 0; k < nrules; k++)
        if (rows[k].rule && (rows[k].overdue || rows[k].soon))
            rows[n++] = rows[k];
    if (n > 1)
        qsort(rows, (size_t)n, sizeof *rows, by_overdue);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties due and overdue</h2>\n");
    char b1[OR_FMT_INT_LEN], b2[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">Statutory duties and local protocol steps across the "
                "LA: <a class=\"govuk-link\" href=\"/duties?status=overdue\">%s overdue</a>, <a "
                "class=\"govuk-link\" href=\"/duties?status=due-this-week\">%s due in the next "
                "%d days</a>.</p>\n",
                or_fmt_int(*nover, b1), or_fmt_int(*nsoon, b2), VIEW_DUE_SOON_DAYS);
    if (!n)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Duties by rule\">\n<table class=\"govuk-table\">\n<caption "
                  "class=\"govuk-table__caption govuk-table__caption--s\">Duties by rule, the "
                  "most overdue first</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                  "Duty</th>\n<th scope=\"col\" class=\"govuk-table__header "
                  "govuk-table__header--numeric\">Overdue</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Due in the next 7 "
                  "days</th>\n</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n && i < RULES_TOP; i++) {
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n",
                    rows[i].rule->summary);
        rule_cell(out, rows[i].overdue, rows[i].rule->id, "overdue");
        rule_cell(out, rows[i].soon, rows[i].rule->id, "due-this-week");
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (n > RULES_TOP) {
        char b3[OR_FMT_INT_LEN];
        html_printf(out,
                    "<p class=\"govuk-body\">And %s other %s: <a class=\"govuk-link\" "
                    "href=\"/duties\">see every duty</a>.</p>\n",
                    or_fmt_int(n - RULES_TOP, b3), n - RULES_TOP == 1 ? "duty" : "duties");
    }
}

/* Children at risk: how many at high risk and with any indicator, and the top few. */
static void at_risk(or_sb *out, const web_request *req, const view_snapshot *snap, int *nhigh,
                    int *nany)
{
    const view_pupil **list =
        or_arena_alloc(req->arena, ((size_t)snap->npupils + 1) * sizeof *list);
    *nhigh = *nany = 0;
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        if (!p->nflags)
            continue;
        (*nany)++;
        if (dash_risk_high(snap, p))
            list[(*nhigh)++] = p;
    }
    dash_sort_by_risk(snap, list, *nhigh);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Children at risk</h2>\n<p "
                  "class=\"govuk-body\">");
    char b[OR_FMT_INT_LEN];
    if (*nhigh)
        html_printf(out,
                    "<a class=\"govuk-link\" href=\"/risk?tier=high\">%s %s at high "
                    "risk</a>",
                    or_fmt_int(*nhigh, b), *nhigh == 1 ? "child is" : "children are");
    else
        html_raw(out, "No child is at high risk");
    html_printf(out, "; <a class=\"govuk-link\" href=\"/risk\">%s with any indicator</a>.</p>\n",
                or_fmt_int(*nany, b));
    if (!*nhigh)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Children at high risk\">\n<table class=\"govuk-table\">\n<caption "
                  "class=\"govuk-table__caption govuk-table__caption--s\">Children with the most "
                  "indicators</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
                  "Child</th>\n<th "
                  "scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">"
                  "Indicators</th>\n<th scope=\"col\" class=\"govuk-table__header "
                  "govuk-table__header--numeric\">Duties overdue</th>\n</tr>\n</thead>\n<tbody "
                  "class=\"govuk-table__body\">\n");
    for (int i = 0; i < *nhigh && i < DASH_TOP; i++) {
        const view_pupil *p = list[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t\">%s</a></td>\n",
                    p->upn, p->name[0] ? p->name : p->upn);
        html_printf(out,
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n<td "
                    "class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n</tr>\n",
                    p->nflags, p->overdue);
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    dash_see_all(out, *nhigh, DASH_TOP, "children at high risk", "/risk?tier=high");
}

typedef struct {
    const view_pupil *p;
    const or_fact_event *e;
    bool no_peap, no_consult;
} pex_row;

static int by_decided(const void *x, const void *y)
{
    const pex_row *a = x, *b = y;
    if (a->e->decided != b->e->decided)
        return a->e->decided > b->e->decided ? -1 : 1;
    return strcmp(a->p->upn, b->p->upn);
}

/* The permanent exclusions recorded without a pre-exclusion assessment (LOCAL-PEAP) or the
 * LA's consultation (LOCAL-CONSULT-PEX), as view_plans.c's panel finds them: how many, each
 * count a link to its rule's list, and the newest three named in a sentence. */
static void pex(or_sb *out, const web_request *req, const view_snapshot *snap)
{
    int count = 0, cap = 0, peap = 0, consult = 0;
    pex_row *rows = NULL;
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
        qsort(rows, (size_t)count, sizeof *rows, by_decided);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"pex\">Permanent exclusions without a "
                  "pre-exclusion assessment or LA consultation</h2>\n<p class=\"govuk-body\">");
    char b[OR_FMT_INT_LEN];
    html_printf(out, "%s permanent %s recorded without one or both: ", or_fmt_int(count, b),
                count == 1 ? "exclusion was" : "exclusions were");
    dash_count_link(out, peap, "/duties?rule=LOCAL-PEAP");
    html_raw(out, " without a pre-exclusion assessment, ");
    dash_count_link(out, consult, "/duties?rule=LOCAL-CONSULT-PEX");
    html_raw(out, " without the LA's consultation.");
    char day[OR_FMT_INT_LEN];
    for (int i = 0; i < count && i < 3; i++) {
        const pex_row *w = &rows[i];
        html_printf(out, "%s<a class=\"govuk-link\" href=\"/pupils/%t\">%s</a> (%s, %s: %s)",
                    i == 0 ? " The newest: " : "; ", w->p->upn,
                    w->p->name[0] ? w->p->name : w->p->upn, view_school_name(snap, w->e->urn),
                    view_date(w->e->decided, day),
                    w->no_peap && w->no_consult ? "no pre-exclusion assessment, no LA consultation"
                    : w->no_peap                ? "no pre-exclusion assessment"
                                                : "no LA consultation");
    }
    if (count)
        html_raw(out, ".");
    html_raw(out, "</p>\n");
}

static or_code count_claim(void *ctx, const or_claim *c, or_error *err)
{
    (void)c;
    (void)err;
    (*(int64_t *)ctx)++;
    return OR_OK;
}

/* Claims waiting for the LA's decision and partner notices nobody has acknowledged. */
static void waiting(or_sb *out, const web_request *req)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"notifications\">Claims and notices "
                  "waiting</h2>\n");
    int64_t claims = 0;
    or_error err = {0};
    char b[OR_FMT_INT_LEN];
    if (or_claims_list(req->store, "pending", 0, count_claim, &claims, &err))
        html_raw(out, "<p class=\"govuk-body\">The claims could not be read.</p>\n");
    else
        html_printf(out,
                    "<p class=\"govuk-body\">Claims of a pupil by two schools waiting for a "
                    "decision: <a class=\"govuk-link\" href=\"/claims\">%s</a>.</p>\n",
                    or_fmt_int(claims, b));
    or_outbox_counts n;
    if (or_outbox_count(req->store, &n, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The notifications could not be read.</p>\n");
        return;
    }
    html_printf(out,
                "<p class=\"govuk-body\">Messages to partner services about suspensions and "
                "exclusions that no one has acknowledged yet: <strong>%lld</strong>",
                (long long)n.unacknowledged);
    if (n.failed)
        html_printf(out, ", of which %lld could not be delivered", (long long)n.failed);
    html_raw(out, ". <a class=\"govuk-link\" href=\"/notifications?ack=0\">See the notifications "
                  "not acknowledged</a>.</p>\n");
}

void dash_la(const web_request *req, web_response *res, view_snapshot *snap)
{
    dash_start d;
    if (!dash_open(req, res, snap, false, "LA dashboard", &d))
        return;
    const char *since = d.since;
    bool first = d.first;
    dash_arrivals a = d.a;
    /* the sections are written first, the key figures above them once counted */
    or_sb body = OR_SB_INIT, *o = &body;
    int nover, nsoon, nhigh, nany;
    duties_by_rule(o, req, snap, &nover, &nsoon); /* the plans' duties are rows of it */
    html_raw(o, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-half\">\n");
    at_risk(o, req, snap, &nhigh, &nany);
    html_raw(o, "</div>\n<div class=\"govuk-grid-column-one-half\">\n");
    pex(o, req, snap);
    html_raw(o, "</div>\n</div>\n<div class=\"govuk-grid-row\">\n<div "
                "class=\"govuk-grid-column-one-half\">\n");
    dash_schools_of_concern(o, req, snap, false);
    dash_offrolling(o, req, snap); /* page_report_offroll.c */
    html_raw(o, "</div>\n<div class=\"govuk-grid-column-one-half\">\n");
    waiting(o, req);
    dash_sharing(o, req, snap);
    html_raw(o, "</div>\n</div>\n");

    or_sb *out = &res->body;
    gov_page_start(out, req, "Dashboard");
    dash_as_of(out, snap);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Dashboard</h1>\n");
    char b[4][OR_FMT_INT_LEN];
    int64_t nnew = a.by_type[0] + a.by_type[1] + a.by_type[2];
    view_figure figs[] = {
        {or_fmt_int(nnew, b[0]), "New suspensions and exclusions", "#new"},
        {or_fmt_int(nover, b[1]), "Duties overdue", "/duties?status=overdue"},
        {or_fmt_int(nsoon, b[2]), "Duties due in the next 7 days", "/duties?status=due-this-week"},
        {or_fmt_int(nhigh, b[3]), "Children at high risk", "/risk?tier=high"},
    };
    view_figures(out, figs, 4);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    dash_since_sentence(out, since, first);
    char c[3][OR_FMT_INT_LEN];
    html_printf(out, "<p class=\"govuk-body\">%s %s, %s lunchtime %s and %s permanent %s.</p>\n",
                or_fmt_int(a.by_type[0], c[0]), a.by_type[0] == 1 ? "suspension" : "suspensions",
                or_fmt_int(a.by_type[1], c[1]), a.by_type[1] == 1 ? "suspension" : "suspensions",
                or_fmt_int(a.by_type[2], c[2]), a.by_type[2] == 1 ? "exclusion" : "exclusions");
    dash_arrivals_table(out, req, snap, &a, DASH_TOP, true);
    html_kept(out, or_sb_str(&body), body.len);
    or_sb_release(&body);
    dash_account(out, req);
    gov_page_end(out, req);
}
