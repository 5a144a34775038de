/* page_plan_review.c - GET and POST /pupils/{upn}/plans/{event_id}/review[?urn=URN] : record a
 * review of a plan (a Pastoral Support Programme, a Personal Education Plan or a part-time
 * timetable): its date, how the pupil is doing (improving, no change, worse: the outcome that
 * LOCAL-PSP-ESCALATE reads), the pupil's and the parents' views and what has changed
 * (plans.h). Two steps as page_plan_new.c: "Continue" checks the row through the importer
 * and shows the plan duties as they would be (a second review in a row without improvement
 * opens the escalation), then "Save" records ONE plan_review event naming the plan, with its
 * audit line, and goes back to the pupil's plans.
 *
 * Who: whoever may record the plan itself (plan_may_record: the LA; the plan's school; the
 * Virtual School a PEP's review). The route is WEB_F_PUPIL (scope checked, read logged). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

static const gov_choice outcomes[] = {
    {"improving", "Improving", "The pupil is meeting more of the targets"},
    {"no_change", "No change", NULL},
    {"worse", "Worse", NULL},
};

static const web_field columns[] = {
    {"start", "start-day", "date of the review", NULL},
    {"outcome", "outcome", "outcome", "Select how the pupil is doing"},
};

typedef struct {
    const char *upn, *event_id, *outcome, *review_id, *start;
    const or_fact_event *plan;  /* the plan reviewed */
    const or_plan_kind *k, *pk; /* plan_review's, and the plan's */
    or_plan_values v;
    bool post;
} review_form;

static void read_form(const web_request *req, review_form *r, const or_pupil_facts *f, bool post)
{
    memset(r, 0, sizeof *r);
    r->post = post;
    r->upn = web_path(req, "upn");
    r->event_id = web_path(req, "event_id");
    r->k = or_plan_kind_find("plan_review");
    const char *urn = post ? web_form(req, "urn") : web_query(req, "urn");
    int mine = web_user_school(req);
    if (f && *urn)
        r->plan = plan_reviewed(f, atoi(urn), r->event_id);
    for (int i = 0; f && !r->plan && i < f->nevents; i++) /* the user's school's first */
        if (!strcmp(f->events[i].event_id, r->event_id) && (!mine || f->events[i].urn == mine))
            r->plan = plan_reviewed(f, f->events[i].urn, r->event_id);
    r->pk = r->plan ? or_plan_kind_find(or_event_kind_name(r->plan->kind)) : NULL;
    r->outcome = web_form(req, "outcome");
    r->review_id = web_form(req, "review_id");
    r->start = web_date_from_parts(req->arena, web_form(req, "start-day"),
                                   web_form(req, "start-month"), web_form(req, "start-year"));
    plan_form_read(req, r->k, &r->v);
}

static const char *action_path(const web_request *req, const review_form *r)
{
    return or_arena_printf(req->arena, "/pupils/%s/plans/%s/review", plan_url_part(req, r->upn),
                           plan_url_part(req, r->event_id));
}

static void show_form(const web_request *req, web_response *res, const review_form *r,
                      const plan_errors *e)
{
    or_sb *out = &res->body;
    char day[24];
    const char *title = or_arena_printf(req->arena, "Record a review of the %s",
                                        r->plan->kind == OR_EV_PART_TIME ? "part-time timetable"
                                                                         : r->pk->short_name);
    gov_page_start(out, req, e->n ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t/plans\" class=\"govuk-back-link\">Back to the pupil's "
                "plans</a>\n",
                r->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, r->upn));
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_printf(out, "<p class=\"govuk-body\">The %s started on %s (event %s).</p>\n", r->pk->label,
                view_date(r->plan->start, day), r->plan->event_id);
    gov_form_start(out, req, "post", action_path(req, r));
    gov_hidden(out, "urn", or_arena_printf(req->arena, "%d", r->plan->urn));
    gov_hidden(out, "review_id", r->review_id);
    char d[3] = "", mo[3] = "", y[5] = "";
    if (!r->post)
        web_date_parts(web_today(req), d, mo, y);
    gov_date_input(
        out, "start", "Date of the review", "For example, 24 11 2026",
        r->post ? web_form(req, "start-day") : d, r->post ? web_form(req, "start-month") : mo,
        r->post ? web_form(req, "start-year") : y, gov_error_for(e->items, e->n, "start-day"));
    gov_radios(out, "outcome", "How is the pupil doing?",
               "Two reviews in a row without improvement call for a referral to the "
               "Re-engagement Unit or educational psychology",
               outcomes, 3, r->outcome, gov_error_for(e->items, e->n, "outcome"), false);
    plan_form_fields(out, req, r->k, &r->v, e->items, e->n, NULL, 0);
    gov_button_value(out, "Continue", "action", "check", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

static const char *outcome_words(const char *o)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(outcomes[i].value, o))
            return outcomes[i].label;
    return o;
}

static void show_check(const web_request *req, web_response *res, void *ctx,
                       const or_pupil_facts *f, const or_model *m)
{
    const review_form *r = ctx;
    or_sb *out = &res->body;
    char day[24];
    const char *title = "Check the review before saving";
    plan_check_start(out, req, r->upn, title);
    const or_fact_event *ev = or_facts_event(f, r->plan->urn, r->review_id);
    gov_summary_start(out);
    gov_summary_row(
        out, "Review of",
        or_arena_printf(req->arena, "%s from %s", r->pk->label, view_date(r->plan->start, day)));
    gov_summary_row(out, "Date of the review", ev ? view_date(ev->start, day) : r->start);
    gov_summary_row(out, "How the pupil is doing", outcome_words(r->outcome));
    plan_summary_rows(out, req, r->k, &r->v);
    gov_summary_end(out);
    plan_duties_after(out, req, f, m);
    gov_form_start(out, req, "post", action_path(req, r));
    gov_hidden(out, "urn", or_arena_printf(req->arena, "%d", r->plan->urn));
    gov_hidden(out, "review_id", r->review_id);
    gov_hidden(out, "outcome", r->outcome);
    static const char *const parts[] = {"start-day", "start-month", "start-year"};
    for (size_t i = 0; i < 3; i++)
        gov_hidden(out, parts[i], web_form(req, parts[i]));
    plan_form_hidden(out, req, r->k, &r->v);
    gov_check_page_end(out, req, "Save the review");
}

/* Load the pupil, find the plan, check the user may review it; NULL (a page written) if not. */
static or_model *prepare(const web_request *req, web_response *res, review_form *r, bool post)
{
    or_model *m = NULL;
    or_error err = {0};
    const char *upn = web_path(req, "upn");
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    read_form(req, r, or_model_find(m, upn), post);
    if (!r->plan) {
        or_model_free(m);
        web_error(req, res, 404, "Page not found",
                  "This pupil has no such plan (a PSP, PEP or part-time timetable).");
        return NULL;
    }
    if (!plan_may_record(req, r->pk->type, r->plan->urn)) {
        or_model_free(m);
        web_audit(req, "denied", upn, "review of a plan not allowed for this role or school");
        web_error(req, res, 403, "You do not have access to this page",
                  "A plan is reviewed by its school or the LA (a PEP also by the Virtual School).");
        return NULL;
    }
    return m;
}

void page_plan_review(const web_request *req, web_response *res)
{
    review_form r;
    or_model *m = prepare(req, res, &r, false);
    if (!m)
        return;
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    r.review_id = id;
    plan_errors e = {0};
    show_form(req, res, &r, &e);
    or_model_free(m);
}

void page_plan_review_post(const web_request *req, web_response *res)
{
    review_form r;
    or_model *m = prepare(req, res, &r, true);
    if (!m)
        return;
    if (!web_event_id_ok(r.review_id)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        r.review_id = or_arena_strdup(req->arena, id);
    }
    const char *action = web_form(req, "action");
    plan_errors e = {0};
    if (!strcmp(action, "change")) {
        show_form(req, res, &r, &e);
        or_model_free(m);
        return;
    }
    if (!*r.start)
        plan_error_add(&e, "start-day", "Enter the date of the review");
    if (!*r.outcome)
        plan_error_add(&e, "outcome", "Select how the pupil is doing");
    plan_check_errors(req, r.k, r.outcome, &r.v, &e);
    or_sb details = OR_SB_INIT;
    or_error err = {0};
    if (!e.n && or_plan_details_json(r.k, &r.v, &details, &err))
        plan_error_add(&e, NULL, or_arena_strdup(req->arena, err.msg));
    if (e.n) {
        or_sb_release(&details);
        show_form(req, res, &r, &e);
        or_model_free(m);
        return;
    }
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, r.review_id, r.upn, or_arena_printf(req->arena, "%d", r.plan->urn),
                    "plan_review", r.start);
    cells[OR_EV_REF] = r.plan->event_id;
    cells[OR_EV_OUTCOME] = r.outcome;
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, or_sb_str(&details));
    or_sb_release(&details);
    const char *source = or_arena_printf(req->arena, "form /pupils/%s/plans/review", r.upn);
    const char *detail =
        or_arena_printf(req->arena, "recorded plan_review %s of %s at school %d on %s: %s",
                        r.review_id, r.plan->event_id, r.plan->urn, r.start, r.outcome);
    plan_columns cols = {columns, (int)(sizeof columns / sizeof columns[0])};
    bool save = !strcmp(action, "save");
    plan_result res_ =
        plan_submit(req, res, r.upn, cells, source, save, detail, r.k, &cols, show_check, &r, &e);
    if (res_ == PLAN_INVALID)
        show_form(req, res, &r, &e);
    else if (res_ == PLAN_DONE && save)
        web_redirect(req, res,
                     or_arena_printf(req->arena, "/pupils/%s/plans?recorded=plan_review", r.upn));
    or_model_free(m);
}
