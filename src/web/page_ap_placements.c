/* page_ap_placements.c - alternative provision placements (issue 17 part 2), from the ledger's
 * `ap_placement` events and the rules' LOCAL-AP-* duties on the LA snapshot:
 *
 *   GET /ap/placements[?school=URN&provider=NAME&status=S&review=overdue]  the list on the list
 *       engine (list.h): the pupil, the school, the provider, the reason, the start, the latest
 *       end, the next review with its status, the placement's status (open, past its maximum,
 *       ended); the LA sees every placement, a school only its own pupils' at its school;
 *   GET /ap/placements/download  the same selection as CSV;
 *   page_ap_pupil_section  the pupil page's block (ap_web.h): each placement's plan, its
 *       information trail, reviews and outcome, with the links that record them (the duty
 *       form, page_action.c, for LOCAL-AP-INFO, -REVIEW and -MAX).
 *
 * The list names children: the audit log gets the read and every child on the page; the CSV
 * its "export" line (list.c) and the UPNs it holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/ap.h"
#include "onroll/labels.h"
#include "web/ap_web.h"
#include "web/list.h"
#include "web/plans_web.h"
#include "web/view.h"

typedef struct {
    const view_pupil *p;
    const or_fact_event *e;
    or_ap_plan plan;
    const or_duty *review; /* the latest LOCAL-AP-REVIEW not done, or NULL */
    const or_duty *max;    /* its LOCAL-AP-MAX */
    const char *status;    /* "open", "past_maximum", "ended" */
} pl_row;

static const char *status_words(const char *status, const char **colour)
{
    if (!strcmp(status, "ended")) {
        *colour = "grey";
        return "Ended";
    }
    if (!strcmp(status, "past_maximum")) {
        *colour = "red";
        return "Past its latest end date";
    }
    *colour = "blue";
    return "Open";
}

static const gov_choice statuses[] = {
    {"open", "Open", NULL},
    {"past_maximum", "Past its latest end date", NULL},
    {"ended", "Ended", NULL},
};
static const gov_choice reviews[] = {{"overdue", "Review overdue", NULL}};

enum { F_SCHOOL, F_PROVIDER, F_STATUS, F_REVIEW, F__N };
static const list_filter filters[F__N] = {
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "Every school"},
    [F_PROVIDER] = {"provider", "Provider", NULL, LIST_SELECT, .any = "Every provider"},
    [F_STATUS] = {"status", "Status", NULL, LIST_SELECT, .any = "Every status", .choices = statuses,
                  .nchoices = 3},
    [F_REVIEW] = {"review", "Review", NULL, LIST_SELECT, .any = "Any", .choices = reviews,
                  .nchoices = 1},
};
enum {
    C_PUPIL,
    C_UPN,
    C_SCHOOL,
    C_URN,
    C_PROVIDER,
    C_REASON,
    C_START,
    C_MAX,
    C_REVIEW,
    C_STATUS,
    C__N
};
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Pupil", "name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_PROVIDER] = {"provider", "Provider", "provider", LIST_SORT},
    [C_REASON] = {NULL, "Reason", "reason", 0},
    [C_START] = {"start", "Start", "start", LIST_SORT | LIST_DESC},
    [C_MAX] = {"max", "Latest end", "latest_end", LIST_SORT},
    [C_REVIEW] = {"review", "Next review", "next_review", LIST_SORT},
    [C_STATUS] = {NULL, "Status", "status", 0},
};
static const list_spec spec = {"/ap/placements",
                               "Alternative provision placements",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "review",
                               .csv_name = "onroll-ap-placements",
                               .noun = "placements"};

static bool review_overdue(const pl_row *r)
{
    return r->review && r->review->status == OR_DUTY_OVERDUE;
}

static int cmp_date(or_date a, or_date b)
{
    if (a == b)
        return 0;
    if (a == OR_DATE_NONE)
        return 1;
    if (b == OR_DATE_NONE)
        return -1;
    return a < b ? -1 : 1;
}

typedef struct {
    const view_snapshot *snap;
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const pl_row *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_PUPIL:
        c = strcasecmp(a->p->name, b->p->name);
        break;
    case C_SCHOOL:
        c = strcmp(view_school_name(s->snap, a->e->urn), view_school_name(s->snap, b->e->urn));
        break;
    case C_PROVIDER:
        c = strcasecmp(a->e->provider ? a->e->provider : "", b->e->provider ? b->e->provider : "");
        break;
    case C_START:
        c = cmp_date(a->e->start, b->e->start);
        break;
    case C_MAX:
        c = cmp_date(a->max ? a->max->due : OR_DATE_NONE, b->max ? b->max->due : OR_DATE_NONE);
        break;
    default: /* the review overdue first, then the next review's date, none last */
        if (review_overdue(a) != review_overdue(b))
            c = review_overdue(a) ? -1 : 1;
        else
            c = cmp_date(a->review ? a->review->due : OR_DATE_NONE,
                         b->review ? b->review->due : OR_DATE_NONE);
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = strcmp(a->p->upn, b->p->upn);
    return c ? c : strcmp(a->e->event_id, b->e->event_id);
}

/* The placement's row: its plan and its duties of the snapshot. */
static void fill(const web_request *req, const view_snapshot *snap, pl_row *r)
{
    or_error err = {0};
    if (or_ap_plan_read(r->e->details, req->arena, &r->plan, &err))
        or_ap_plan_read(NULL, req->arena, &r->plan, &err);
    for (int d = r->p->duty0; d < r->p->duty0 + r->p->nduties; d++) {
        const or_duty *du = &snap->duties.items[d];
        if (du->urn != r->e->urn || strcmp(du->event_id, r->e->event_id))
            continue;
        if (du->rule->code == OR_RULE_LOCAL_AP_MAX)
            r->max = du;
        if (du->rule->code == OR_RULE_LOCAL_AP_REVIEW && du->status != OR_DUTY_DONE &&
            (!r->review || du->due < r->review->due))
            r->review = du;
    }
    r->status = r->max && r->max->status == OR_DUTY_DONE      ? "ended"
                : r->max && r->max->status == OR_DUTY_OVERDUE ? "past_maximum"
                                                              : "open";
    if (!strcmp(r->status, "ended"))
        r->review = NULL;
}

typedef struct {
    list l;
    view_snapshot *snap;
    pl_row *rows;
    int n;
} placements;

static bool load(const web_request *req, web_response *res, placements *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The placements could not be listed. Try again later.");
        return false;
    }
    view_snapshot *snap = b->snap;
    int mine = web_user_school(req);
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The placements could not be listed.");
        return false;
    }
    int total = la ? snap->npupils : nscope, cap = 64;
    pl_row *all = or_arena_alloc(req->arena, (size_t)cap * sizeof *all);
    int nall = 0;
    for (int i = 0; all && i < total; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        for (int k = 0; k < p->f->nevents; k++) {
            const or_fact_event *e = &p->f->events[k];
            if (e->kind != OR_EV_AP_PLACEMENT || (!la && e->urn != mine))
                continue;
            if (nall == cap) {
                pl_row *more = or_arena_alloc(req->arena, (size_t)cap * 2 * sizeof *more);
                if (!more)
                    break;
                memcpy(more, all, (size_t)nall * sizeof *all);
                all = more;
                cap *= 2;
            }
            all[nall] = (pl_row){.p = p, .e = e};
            fill(req, snap, &all[nall]);
            nall++;
        }
    }
    list_init(&b->l, req, &spec);
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *sc);
    int nsc = 0;
    for (int i = 0; sc && i < snap->nschools; i++)
        if (la || snap->schools[i].urn == mine)
            sc[nsc++] = (gov_choice){or_arena_printf(req->arena, "%d", snap->schools[i].urn),
                                     snap->schools[i].name, NULL};
    list_choices(&b->l, F_SCHOOL, sc, nsc);
    /* the providers of the placements this user sees, each once */
    gov_choice *pv = or_arena_alloc(req->arena, ((size_t)nall + 1) * sizeof *pv);
    int npv = 0;
    for (int i = 0; pv && i < nall; i++) {
        const char *name = all[i].e->provider ? all[i].e->provider : "";
        bool seen = !*name;
        for (int k = 0; k < npv && !seen; k++)
            seen = !strcmp(pv[k].value, name);
        if (!seen)
            pv[npv++] = (gov_choice){name, name, NULL};
    }
    list_choices(&b->l, F_PROVIDER, pv, npv);
    list_read(&b->l);
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    const char *prov = list_text(&b->l, F_PROVIDER), *st = list_text(&b->l, F_STATUS);
    bool overdue_only = list_has(&b->l, F_REVIEW, "overdue");
    b->rows = all;
    for (int i = 0; i < nall; i++) {
        const pl_row *r = &all[i];
        if ((urn && r->e->urn != urn) ||
            (*prov && strcmp(prov, r->e->provider ? r->e->provider : "")) ||
            (*st && strcmp(st, r->status)) || (overdue_only && !review_overdue(r)))
            continue;
        b->rows[b->n++] = *r;
    }
    sort_by s = {snap, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

static void td_review(or_sb *out, const pl_row *r)
{
    char day[24];
    html_raw(out, "<td class=\"govuk-table__cell\">");
    if (r->review) {
        const char *colour, *words = view_duty_status(r->review->status, &colour);
        html_printf(out, "%s ", view_date(r->review->due, day));
        view_tag(out, words, colour);
    } else {
        html_raw(out, "None due");
    }
    html_raw(out, "</td>\n");
}

void page_ap_placements(const web_request *req, web_response *res)
{
    placements b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    int shown = b.l.last - b.l.first;
    const char **upns = or_arena_alloc(req->arena, ((size_t)shown + 1) * sizeof *upns);
    for (int i = 0; upns && i < shown; i++)
        upns[i] = b.rows[b.l.first + i].p->upn;
    char detail[160];
    snprintf(detail, sizeof detail, "ap placements: %d listed", shown);
    if (!upns || web_audit(req, "ap.placements.view", NULL, detail) ||
        web_audit_upns(req, upns, shown)) {
        view_snapshot_put(b.snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the placements cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Alternative provision placements");
    char day[24];
    html_printf(out,
                "<span class=\"govuk-caption-l\">As of %s</span>\n"
                "<h1 class=\"govuk-heading-l\">Alternative provision placements</h1>\n",
                view_date(b.snap->as_of, day));
    html_raw(out, "<p class=\"govuk-body\">Each placement is reviewed at least once a "
                  "half-term and ends, with its outcome recorded, by its latest end date. "
                  "Record a placement from the pupil's page. "
                  "<a class=\"govuk-link\" href=\"/ap/providers\">Providers</a>.</p>\n");
    list_start(out, &b.l);
    if (list_table_start(out, &b.l)) {
        for (int i = b.l.first; i < b.l.last; i++) {
            const pl_row *r = &b.rows[i];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/pupils/%s#ap", r->p->upn),
                        r->p->name[0] ? r->p->name : r->p->upn);
            view_td_school(out, req, b.snap, r->e->urn);
            gov_td(out, r->e->provider && *r->e->provider ? r->e->provider : "Not recorded");
            const char *why = or_ap_label(OR_AP_REASON, r->plan.reason);
            gov_td(out, why ? why : "Not recorded");
            gov_td(out, view_date(r->e->start, day));
            gov_td(out, r->max && r->max->due != OR_DATE_NONE ? view_date(r->max->due, day)
                                                              : "Not recorded");
            td_review(out, r);
            html_raw(out, "<td class=\"govuk-table__cell\">");
            const char *colour, *words = status_words(r->status, &colour);
            view_tag(out, words, colour);
            html_raw(out, "</td>\n");
            gov_table_row_end(out);
        }
        list_table_end(out, &b.l);
    }
    list_end(out, &b.l);
    gov_page_end(out, req);
    view_snapshot_put(b.snap);
}

void page_ap_placements_download(const web_request *req, web_response *res)
{
    placements b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const pl_row *r = &b.rows[i];
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, r->p->upn);
        or_csv_text(&w, view_school_name(b.snap, r->e->urn));
        or_csv_int(&w, r->e->urn);
        or_csv_text(&w, r->e->provider ? r->e->provider : "");
        or_csv_text(&w, r->plan.reason ? r->plan.reason : "");
        or_csv_date(&w, r->e->start);
        or_csv_date(&w, r->max ? r->max->due : OR_DATE_NONE);
        or_csv_date(&w, r->review ? r->review->due : OR_DATE_NONE);
        or_csv_text(&w, r->status);
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}

/* ---- the pupil page's block ---- */

static const char *action_href(const web_request *req, const char *upn, const or_fact_event *e,
                               const char *rule)
{
    return or_arena_printf(req->arena, "/pupils/%s/action?urn=%d&event=%s&rule=%s",
                           plan_url_part(req, upn), e->urn, plan_url_part(req, e->event_id), rule);
}

static const char *outcome_words(const char *rule, const char *outcome)
{
    if (!outcome)
        return "";
    if (!strcmp(rule, "LOCAL-AP-MAX")) {
        const char *w = or_ap_label(OR_AP_OUTCOME, outcome);
        return w ? w : outcome;
    }
    if (!strcmp(outcome, "sent"))
        return "Sent to the provider";
    if (!strcmp(outcome, "received"))
        return "Received by the provider";
    if (!strcmp(outcome, "improving"))
        return "Improving";
    if (!strcmp(outcome, "no_change"))
        return "No change";
    if (!strcmp(outcome, "worse"))
        return "Getting worse";
    return outcome;
}

/* The placement's actions of `rule`, in date order: its trail. */
static void trail(or_sb *out, const web_request *req, const or_pupil_facts *f,
                  const or_fact_event *p, const char *rule, const char *heading, bool sessions)
{
    char day[24];
    int n = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *a = &f->events[i];
        if (a->kind != OR_EV_ACTION || a->urn != p->urn || !a->ref || !a->rule ||
            strcmp(a->ref, p->event_id) || strcmp(a->rule, rule))
            continue;
        if (!n++)
            html_printf(out,
                        "<h4 class=\"govuk-heading-s\">%s</h4>\n<ul class=\"govuk-list "
                        "govuk-list--bullet\">\n",
                        heading);
        html_printf(out, "<li>%s: %s", view_date(a->start, day), outcome_words(rule, a->outcome));
        const char *what = or_ap_info_what(a->details, req->arena);
        if (*what)
            html_printf(out, " (%s)", what);
        if (sessions && a->sessions > 0)
            html_printf(out, "; %s sessions attended",
                        or_arena_printf(req->arena, "%d", a->sessions));
        html_raw(out, "</li>\n");
    }
    if (n)
        html_raw(out, "</ul>\n");
}

void page_ap_pupil_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                           const char *upn, const or_duty_list *duties)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"ap\">Alternative provision</h2>\n");
    if (web_query(req, "placed")[0])
        gov_notification(out, "Success", "Placement recorded.", true);
    bool may = (WEB_RECORD_ROLES & WEB_R(req->user->role)) != 0;
    int mine = web_user_school(req), n = 0;
    char day[24];
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind != OR_EV_AP_PLACEMENT)
            continue;
        n++;
        or_ap_plan plan;
        or_error err = {0};
        if (or_ap_plan_read(e->details, req->arena, &plan, &err))
            or_ap_plan_read(NULL, req->arena, &plan, &err);
        const char *who = e->provider && *e->provider ? e->provider : "Provider not recorded";
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s, from %s</h3>\n", who,
                    view_date(e->start, day));
        gov_summary_start(out);
        const char *why = or_ap_label(OR_AP_REASON, plan.reason);
        gov_summary_row(out, "Reason", why ? why : "Not recorded");
        gov_summary_row(out, "Placed by", or_ap_label(OR_AP_PLACED_BY, plan.placed_by));
        gov_summary_row(out, "Planned end",
                        e->end != OR_DATE_NONE ? view_date(e->end, day) : "Not recorded");
        gov_summary_row(out, "Latest end",
                        plan.max_end != OR_DATE_NONE ? view_date(plan.max_end, day)
                                                     : "The planned end");
        if (plan.sessions_per_week > 0)
            gov_summary_row(out, "Sessions a week",
                            or_arena_printf(req->arena, "%d", plan.sessions_per_week));
        if (plan.objectives)
            gov_summary_row(out, "Objectives", plan.objectives);
        if (plan.reintegration_plan)
            gov_summary_row(out, "Reintegration plan", plan.reintegration_plan);
        if (plan.reintegration_date != OR_DATE_NONE)
            gov_summary_row(out, "Planned reintegration", view_date(plan.reintegration_date, day));
        /* the duties of this placement, as the rules have them today */
        for (int d = 0; duties && d < duties->n; d++) {
            const or_duty *du = &duties->items[d];
            if (du->urn != e->urn || strcmp(du->event_id, e->event_id) ||
                strncmp(du->rule->id, "LOCAL-AP-", 9) || du->status == OR_DUTY_DONE)
                continue;
            const char *colour, *words = view_duty_status(du->status, &colour);
            html_printf(
                out,
                "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key"
                "\">%s</dt>\n<dd class=\"govuk-summary-list__value\">Due %s ",
                du->rule->summary, du->due != OR_DATE_NONE ? view_date(du->due, day) : "");
            view_tag(out, words, colour);
            html_raw(out, "</dd>\n</div>\n");
        }
        gov_summary_end(out);
        trail(out, req, f, e, "LOCAL-AP-INFO", "Information sent to the provider", false);
        trail(out, req, f, e, "LOCAL-AP-REVIEW", "Reviews", true);
        trail(out, req, f, e, "LOCAL-AP-MAX", "Outcome", false);
        const char *info_href = action_href(req, upn, e, "LOCAL-AP-INFO"),
                   *review_href = action_href(req, upn, e, "LOCAL-AP-REVIEW"),
                   *end_href = action_href(req, upn, e, "LOCAL-AP-MAX");
        if (may && (!mine || mine == e->urn))
            html_printf(out,
                        "<ul class=\"govuk-list\">\n"
                        "<li><a class=\"govuk-link\" href=\"%s\">Record information sent or "
                        "received<span class=\"govuk-visually-hidden\"> for the placement at "
                        "%s</span></a></li>\n"
                        "<li><a class=\"govuk-link\" href=\"%s\">Record a review<span "
                        "class=\"govuk-visually-hidden\"> of the placement at %s</span></a></li>\n"
                        "<li><a class=\"govuk-link\" href=\"%s\">Record how it ended<span "
                        "class=\"govuk-visually-hidden\"> the placement at %s</span></a></li>\n"
                        "</ul>\n",
                        info_href, who, review_href, who, end_href, who);
    }
    if (!n)
        html_raw(out,
                 "<p class=\"govuk-body\">No alternative provision placements recorded.</p>\n");
    if (may)
        html_printf(out,
                    "<a href=\"/pupils/%t/ap/new\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "Record an alternative provision placement</a>\n",
                    upn);
}
