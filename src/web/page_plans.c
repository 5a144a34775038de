/* page_plans.c - GET /pupils/{upn}/plans : a pupil's plans, as of today.
 *
 *   - the plan duties (LOCAL-PSP, its reviews and escalation, LOCAL-PEAP, LOCAL-PEP,
 *     LOCAL-PTT, LOCAL-REFERRAL: duties.h), each with its status and a link to the page that
 *     does it; when LOCAL-PSP-ESCALATE is open (two reviews in a row without improvement), a
 *     notification banner with a button to the referral form, the PSP attached;
 *   - each Pastoral Support Programme: its targets, overseeing leader, time limit, when the
 *     next review is due, and its reviews (date, outcome, the pupil's and the parents' views);
 *   - pre-exclusion assessments, Personal Education Plans and part-time timetables, each with
 *     its details;
 *   - buttons to start or record each (page_plan_new.c, page_plan_review.c) for those who may:
 *     the LA, the pupil's school, and the Virtual School (PEPs).
 *
 * The route is WEB_F_PUPIL: the pupil is in the user's scope (else 404) and the read is
 * logged before this runs. The record comes from the store each time (or_model_load(upn)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

typedef struct {
    const web_request *req;
    const or_model *m;
    const or_pupil_facts *f;
    const or_duty_list *duties;
    const char *upn;
} plans_page;

static void banner(const web_request *req, or_sb *out)
{
    const char *type = web_query(req, "recorded");
    const or_plan_kind *k = or_plan_kind_find(type);
    if (k && strcmp(type, "referral") && strcmp(type, "referral_update"))
        gov_notification(out, "Success",
                         or_arena_printf(req->arena, "%s recorded.",
                                         !strcmp(type, "plan_review") ? "Review" : k->label),
                         true);
}

/* The open escalation, if any: a banner with a button to the referral form. */
static void escalation_banner(or_sb *out, const plans_page *pg)
{
    const web_request *req = pg->req;
    for (int i = 0; i < pg->duties->n; i++) {
        const or_duty *d = &pg->duties->items[i];
        if (d->rule->code != OR_RULE_LOCAL_PSP_ESCALATE || d->status == OR_DUTY_DONE)
            continue;
        html_raw(out,
                 "<div class=\"govuk-notification-banner\" role=\"region\" "
                 "aria-labelledby=\"escalate-title\" data-module=\"govuk-notification-banner\">"
                 "\n<div class=\"govuk-notification-banner__header\">\n<h2 "
                 "class=\"govuk-notification-banner__title\" id=\"escalate-title\">Important"
                 "</h2>\n</div>\n<div class=\"govuk-notification-banner__content\">\n");
        html_raw(out,
                 "<p class=\"govuk-notification-banner__heading\">Two reviews in a row without "
                 "improvement: refer to the Re-engagement Unit or educational psychology</p>\n");
        const or_fact_event *e = or_facts_event(pg->f, d->urn, d->event_id);
        const or_fact_event *psp = e ? plan_psp_for(pg->f, d->urn, e->start) : NULL;
        /* the two reviews that call for it: the PSP's last two */
        const or_fact_event *r1 = NULL, *r2 = NULL;
        for (int k = 0; psp && k < pg->f->nevents; k++) {
            const or_fact_event *r = &pg->f->events[k];
            if (r->kind == OR_EV_PLAN_REVIEW && r->urn == psp->urn && r->ref &&
                !strcmp(r->ref, psp->event_id)) {
                r1 = r2;
                r2 = r;
            }
        }
        if (r1 && r2) {
            char d1[24], d2[24];
            html_printf(out,
                        "<p class=\"govuk-body\">The reviews of the Pastoral Support Programme on "
                        "%s and %s recorded %s and %s.</p>\n",
                        view_date(r1->start, d1), view_date(r2->start, d2),
                        r1->outcome && !strcmp(r1->outcome, "worse") ? "worse" : "no change",
                        r2->outcome && !strcmp(r2->outcome, "worse") ? "worse" : "no change");
        }
        bool school = req->user->role == OR_ROLE_SCHOOL;
        if (plan_may_record(req, "psp", d->urn)) {
            /* only a school refers to the REU; the LA refers to educational psychology */
            html_printf(out,
                        "<a href=\"/pupils/%t/referrals/new?service=%s&amp;urn=%d&amp;ref=%t\" "
                        "role=\"button\" draggable=\"false\" class=\"govuk-button\" "
                        "data-module=\"govuk-button\">%s</a>\n",
                        pg->upn, school ? "reu" : "ep", d->urn, psp ? psp->event_id : "",
                        school ? "Refer to the Re-engagement Unit"
                               : "Refer to educational "
                                 "psychology");
        }
        html_raw(out, "</div>\n</div>\n");
        return; /* one banner, however many */
    }
}

static void record_buttons(or_sb *out, const plans_page *pg)
{
    const web_request *req = pg->req;
    int mine = web_user_school(req);
    static const struct {
        const char *type, *words;
    } buttons[] = {
        {"psp", "Start a PSP"},
        {"plan_review", NULL},
        {"peap", "Record a pre-exclusion assessment"},
        {"pep", "Record a PEP"},
        {"part_time_timetable", "Record a part-time timetable"},
    };
    bool any = false;
    for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++) {
        if (!buttons[i].words || !plan_may_record(req, buttons[i].type, mine ? mine : 1))
            continue;
        if (!any)
            html_raw(out, "<div class=\"govuk-button-group\">\n");
        any = true;
        html_printf(out,
                    "<a href=\"/pupils/%t/plans/new?kind=%s\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "%s</a>\n",
                    pg->upn, buttons[i].type, buttons[i].words);
    }
    if (any)
        html_raw(out, "</div>\n");
}

static void duties_section(or_sb *out, const plans_page *pg)
{
    const web_request *req = pg->req;
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Plan duties</h2>\n");
    int n = 0;
    for (int i = 0; i < pg->duties->n; i++)
        n += plan_rule(pg->duties->items[i].rule);
    if (!n) {
        html_raw(out, "<p class=\"govuk-body\">No plan, review or referral is due.</p>\n");
        return;
    }
    html_raw(out,
             "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
             "govuk-table__caption--s\">Support plans, reviews and referrals: to do first, "
             "then done</caption>\n<thead class=\"govuk-table__head\">\n<tr "
             "class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
             "Due</th>\n<th scope=\"col\" class=\"govuk-table__header\">What must be done"
             "</th>\n<th scope=\"col\" class=\"govuk-table__header\">Status</th>\n<th "
             "scope=\"col\" class=\"govuk-table__header\">Action</th>\n</tr>\n</thead>\n<tbody "
             "class=\"govuk-table__body\">\n");
    char day[24];
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < pg->duties->n; i++) {
            const or_duty *d = &pg->duties->items[i];
            if (!plan_rule(d->rule) || (d->status == OR_DUTY_DONE) != (pass == 1))
                continue;
            html_printf(out,
                        "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                        "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">"
                        "%s: %s</span></td>\n<td class=\"govuk-table__cell\">",
                        d->due == OR_DATE_NONE ? "No fixed date" : view_date(d->due, day),
                        d->rule->summary, d->rule->id, d->detail);
            const char *colour;
            const char *words = view_duty_status(d->status, &colour);
            view_tag(out, words, colour);
            if (d->status == OR_DUTY_DONE && d->done_on != OR_DATE_NONE)
                html_printf(out, " <span class=\"onroll-secondary\">on %s</span>",
                            view_date(d->done_on, day));
            html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
            const char *link_words = NULL;
            const char *href = d->status == OR_DUTY_DONE && d->rule->code != OR_RULE_LOCAL_REFERRAL
                                   ? NULL
                                   : plan_duty_link(req, pg->f, d, &link_words);
            if (href)
                html_printf(out, "<a class=\"govuk-link\" href=\"%s\">%s</a>", href, link_words);
            html_raw(out, "</td>\n</tr>\n");
        }
    }
    html_raw(out, "</tbody>\n</table>\n");
}

/* The LOCAL-PSP-REVIEW duty of this PSP (its school and year), or NULL. */
static const or_duty *next_review(const plans_page *pg, const or_fact_event *psp)
{
    for (int i = 0; i < pg->duties->n; i++) {
        const or_duty *d = &pg->duties->items[i];
        if (d->rule->code != OR_RULE_LOCAL_PSP_REVIEW || d->urn != psp->urn)
            continue;
        const or_fact_event *e = or_facts_event(pg->f, d->urn, d->event_id);
        if (e && plan_psp_for(pg->f, d->urn, e->start) == psp)
            return d;
    }
    return NULL;
}

static void card_start(or_sb *out, const char *title, const char *href, const char *link,
                       const char *hidden)
{
    html_printf(out,
                "<div class=\"govuk-summary-card\">\n<div class=\"govuk-summary-card__title-"
                "wrapper\">\n<h3 class=\"govuk-summary-card__title\">%s</h3>\n",
                title);
    if (href)
        html_printf(out,
                    "<ul class=\"govuk-summary-card__actions\">\n<li class=\"govuk-summary-card__"
                    "action\"><a class=\"govuk-link\" href=\"%s\">%s<span "
                    "class=\"govuk-visually-hidden\"> %s</span></a></li>\n</ul>\n",
                    href, link, hidden);
    html_raw(out, "</div>\n<div class=\"govuk-summary-card__content\">\n<dl "
                  "class=\"govuk-summary-list\">\n");
}

static void card_end(or_sb *out)
{
    html_raw(out, "</dl>\n</div>\n</div>\n");
}

/* The reviews naming plan p, as a table; how many. */
static int reviews_table(or_sb *out, const plans_page *pg, const or_fact_event *p)
{
    const web_request *req = pg->req;
    const or_plan_kind *rk = or_plan_kind_find("plan_review");
    int n = 0;
    char day[24];
    for (int i = 0; i < pg->f->nevents; i++) {
        const or_fact_event *r = &pg->f->events[i];
        if (r->kind != OR_EV_PLAN_REVIEW || r->urn != p->urn || !r->ref ||
            strcmp(r->ref, p->event_id))
            continue;
        if (!n++)
            html_printf(out,
                        "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                        "govuk-table__caption--s\">Reviews of the %s from %s</caption>\n<thead "
                        "class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
                        "<th scope=\"col\" class=\"govuk-table__header\">Date</th>\n<th "
                        "scope=\"col\" class=\"govuk-table__header\">Outcome</th>\n<th "
                        "scope=\"col\" class=\"govuk-table__header\">The pupil's views</th>\n<th "
                        "scope=\"col\" class=\"govuk-table__header\">The parents' views</th>\n<th "
                        "scope=\"col\" class=\"govuk-table__header\">What has changed</th>\n"
                        "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n",
                        or_plan_kind_find(or_event_kind_name(p->kind))->short_name,
                        view_date(p->start, day));
        or_plan_values v;
        plan_details_of(req, rk, r->details, &v);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">",
                    view_date(r->start, day));
        plan_outcome_tag(out, r->outcome);
        html_printf(out,
                    "</td>\n<td class=\"govuk-table__cell onroll-text\">%s</td>\n<td "
                    "class=\"govuk-table__cell onroll-text\">%s</td>\n<td "
                    "class=\"govuk-table__cell onroll-text\">%s</td>\n</tr>\n",
                    v.text[0] ? v.text[0] : "", v.text[1] ? v.text[1] : "",
                    v.text[2] ? v.text[2] : "");
    }
    if (n)
        html_raw(out, "</tbody>\n</table>\n");
    return n;
}

static void plans_of_kind(or_sb *out, const plans_page *pg, or_event_kind kind, const char *id,
                          const char *heading, const char *none)
{
    const web_request *req = pg->req;
    const or_plan_kind *k = or_plan_kind_find(or_event_kind_name(kind));
    html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"%s\">%s</h2>\n", id, heading);
    int n = 0;
    char day[24];
    for (int i = pg->f->nevents - 1; i >= 0; i--) { /* newest first */
        const or_fact_event *e = &pg->f->events[i];
        if (e->kind != kind)
            continue;
        n++;
        const char *title =
            or_arena_printf(req->arena, "%s from %s, %s",
                            kind == OR_EV_PART_TIME ? "Part-time timetable" : k->short_name,
                            view_date(e->start, day), plan_school_name(req, pg->m, e->urn));
        const char *href = NULL;
        if (kind != OR_EV_PEAP && plan_may_record(req, k->type, e->urn) &&
            (kind != OR_EV_PART_TIME || req->user->role != OR_ROLE_VIRTUAL_SCHOOL))
            href = or_arena_printf(req->arena, "/pupils/%s/plans/%s/review?urn=%d",
                                   plan_url_part(req, pg->upn), plan_url_part(req, e->event_id),
                                   e->urn);
        card_start(out, title, href, "Record a review",
                   or_arena_printf(req->arena, "of the %s from %s", k->short_name,
                                   view_date(e->start, day)));
        gov_summary_row(out, k->start_label, view_date(e->start, day));
        if (k->end_label && e->end != OR_DATE_NONE)
            gov_summary_row(out, k->end_label, view_date(e->end, day));
        if (e->ref && *e->ref) {
            const or_fact_event *x = or_facts_event(pg->f, e->urn, e->ref);
            gov_summary_row(out, "Following",
                            x ? or_arena_printf(req->arena, "%s from %s",
                                                view_event_label(or_event_kind_name(x->kind)),
                                                view_date(x->start, day))
                              : e->ref);
        }
        if (kind == OR_EV_PSP) {
            const or_duty *d = next_review(pg, e);
            if (d)
                gov_summary_row(out, "Next review due",
                                or_arena_printf(req->arena, "%s%s", view_date(d->due, day),
                                                d->status == OR_DUTY_OVERDUE ? " (overdue)" : ""));
        }
        or_plan_values v;
        plan_details_of(req, k, e->details, &v);
        plan_summary_rows(out, req, k, &v);
        gov_summary_row(out, "Event", e->event_id);
        card_end(out);
        if (kind != OR_EV_PEAP && !reviews_table(out, pg, e) && kind == OR_EV_PSP)
            html_raw(out, "<p class=\"govuk-body\">No review has been recorded yet.</p>\n");
    }
    if (!n)
        html_printf(out, "<p class=\"govuk-body\">%s</p>\n", none);
}

void page_plans(const web_request *req, web_response *res)
{
    const char *upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return;
    }
    const or_pupil_facts *f = web_view_facts(req, or_model_params(m), or_model_find(m, upn));
    or_duty_list duties;
    or_duty_list_init(&duties, req->arena);
    if (f && or_duties_for_pupil(f, or_model_params(m), web_today(req), &duties, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's duties could not be worked out.");
        return;
    }
    or_duties_sort(&duties);
    static const or_pupil_facts empty = {0};
    plans_page pg = {req, m, f ? f : &empty, &duties, upn};
    or_sb *out = &res->body;
    gov_page_start(out, req, "Plans and support");
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's record</a>\n",
                upn);
    banner(req, out);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, upn));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Plans and support</h1>\n");
    escalation_banner(out, &pg);
    record_buttons(out, &pg);
    int nref = 0;
    for (int i = 0; i < pg.f->nevents; i++)
        nref += pg.f->events[i].kind == OR_EV_REFERRAL;
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils/%t/referrals\">"
                "Referrals (%d)</a></p>\n",
                upn, nref);
    duties_section(out, &pg);
    plans_of_kind(out, &pg, OR_EV_PSP, "psp", "Pastoral Support Programmes",
                  "No Pastoral Support Programme has been recorded.");
    plans_of_kind(out, &pg, OR_EV_PEAP, "peap", "Pre-exclusion assessments",
                  "No pre-exclusion assessment has been recorded.");
    plans_of_kind(out, &pg, OR_EV_PEP, "pep", "Personal Education Plans",
                  "No Personal Education Plan meeting has been recorded.");
    plans_of_kind(out, &pg, OR_EV_PART_TIME, "ptt", "Part-time timetables",
                  "No part-time timetable has been recorded.");
    gov_page_end(out, req);
    or_model_free(m);
}
