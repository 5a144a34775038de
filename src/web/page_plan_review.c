/* page_plan_review.c - GET and POST /pupils/{upn}/plans/{event_id}/review[?urn=URN] : record a
 * review of a plan (a Pastoral Support Programme, a Personal Education Plan or a part-time
 * timetable): its date, how the pupil is doing (improving, no change, worse: the outcome that
 * LOCAL-PSP-ESCALATE reads), the pupil's and the parents' views and what has changed
 * (plans.h). A form of the form engine (form.h): "Continue" checks the row through the
 * importer and shows the plan duties as they would be (a second review in a row without
 * improvement opens the escalation), then "Save" records ONE plan_review event naming the
 * plan, with its audit line, and goes back to the pupil's plans.
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

enum { F_URN, F_REVIEW_ID, F_START, F_OUTCOME, F__N };
static const form_field fields[F__N] = {
    [F_URN] = {"urn", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_REVIEW_ID] = {"review_id", .type = FORM_HIDDEN},
    [F_START] = {"start", "Date of the review", "For example, 24 11 2026", FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    [F_OUTCOME] = {"outcome", "How is the pupil doing?",
                   "Two reviews in a row without improvement call for a referral to the "
                   "Re-engagement Unit or educational psychology",
                   FORM_RADIOS, FORM_REQUIRED, .missing = "Select how the pupil is doing",
                   .column = FORM_COLUMN(OR_EV_OUTCOME), .choices = outcomes, .nchoices = 3},
};

typedef struct {
    const char *upn, *event_id;
    const or_fact_event *plan;  /* the plan reviewed */
    const or_plan_kind *k, *pk; /* plan_review's, and the plan's */
    int first;                  /* the index of k's first field */
    form f;
} review_page;

static const char *action_path(const web_request *req, const review_page *r)
{
    return or_arena_printf(req->arena, "/pupils/%s/plans/%s/review", plan_url_part(req, r->upn),
                           plan_url_part(req, r->event_id));
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const review_page *r = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    char day[24];
    const char *title = or_arena_printf(req->arena, "Record a review of the %s",
                                        r->plan->kind == OR_EV_PART_TIME ? "part-time timetable"
                                                                         : r->pk->short_name);
    form_page_start(out, f, title,
                    or_arena_printf(req->arena, "/pupils/%s/plans", plan_url_part(req, r->upn)),
                    "Back to the pupil's plans", plan_caption(req, r->upn));
    html_printf(out, "<p class=\"govuk-body\">The %s started on %s (event %s).</p>\n", r->pk->label,
                view_date(r->plan->start, day), r->plan->event_id);
    form_start(out, f, action_path(req, r));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const review_page *r = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    char day[24];
    form_check_start(out, f, "Check the review before saving", plan_caption(req, r->upn), true);
    gov_summary_start(out);
    gov_summary_row(
        out, "Review of",
        or_arena_printf(req->arena, "%s from %s", r->pk->label, view_date(r->plan->start, day)));
    form_summary_row(out, f, F_START);
    gov_summary_row(out, "How the pupil is doing", form_words(f, F_OUTCOME));
    or_plan_values v;
    plan_form_values(f, r->first, r->k, &v);
    plan_summary_rows(out, req, r->k, &v);
    gov_summary_end(out);
    plan_duties_after(out, req, pf, m);
    form_check_end(out, f, action_path(req, r), "Save the review");
}

static void validate(form *f, void *ctx)
{
    const review_page *r = ctx;
    plan_form_check(f, r->first, r->k, form_text(f, F_OUTCOME));
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const review_page *r = ctx;
    const web_request *req = f->req;
    const char *json = plan_form_json(f, r->first, r->k);
    if (!json)
        return false;
    const char *id = form_text(f, F_REVIEW_ID), *start = form_text(f, F_START);
    web_event_cells(req, cells, id, r->upn, or_arena_printf(req->arena, "%d", r->plan->urn),
                    "plan_review", start);
    form_cells(f, cells);
    cells[OR_EV_REF] = r->plan->event_id;
    cells[OR_EV_DETAILS] = json;
    *detail = or_arena_printf(req->arena, "recorded plan_review %s of %s at school %d on %s: %s",
                              id, r->plan->event_id, r->plan->urn, start, form_text(f, F_OUTCOME));
    return true;
}

/* Load the pupil, read the form, find the plan, check the user may review it; NULL (a page
 * written) if not. */
static or_model *prepare(const web_request *req, web_response *res, review_page *r)
{
    memset(r, 0, sizeof *r);
    r->upn = web_path(req, "upn");
    r->event_id = web_path(req, "event_id");
    r->k = or_plan_kind_find("plan_review");
    form_init(&r->f, req, fields, F__N);
    r->first = plan_form_add(&r->f, r->k, NULL, NULL, 0);
    form_read(&r->f);
    form_event_id(&r->f, F_REVIEW_ID);
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, r->upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    const or_pupil_facts *f = or_model_find(m, r->upn);
    const char *urn = form_text(&r->f, F_URN);
    int mine = web_user_school(req);
    if (f && *urn)
        r->plan = plan_reviewed(f, atoi(urn), r->event_id);
    for (int i = 0; f && !r->plan && i < f->nevents; i++) /* the user's school's first */
        if (!strcmp(f->events[i].event_id, r->event_id) && (!mine || f->events[i].urn == mine))
            r->plan = plan_reviewed(f, f->events[i].urn, r->event_id);
    if (!r->plan) {
        or_model_free(m);
        web_error(req, res, 404, "Page not found",
                  "This pupil has no such plan (a PSP, PEP or part-time timetable).");
        return NULL;
    }
    r->pk = or_plan_kind_find(or_event_kind_name(r->plan->kind));
    if (!plan_may_record(req, r->pk->type, r->plan->urn)) {
        or_model_free(m);
        web_audit(req, "denied", r->upn, "review of a plan not allowed for this role or school");
        web_error(req, res, 403, "You do not have access to this page",
                  "A plan is reviewed by its school or the LA (a PEP also by the Virtual School).");
        return NULL;
    }
    form_set(&r->f, F_URN, or_arena_printf(req->arena, "%d", r->plan->urn));
    if (!r->f.posted) /* a new form: today */
        form_set_date(&r->f, F_START, web_today(req));
    return m;
}

void page_plan_review(const web_request *req, web_response *res)
{
    review_page r;
    or_model *m = prepare(req, res, &r);
    if (!m)
        return;
    show_form(&r.f, res, &r);
    or_model_free(m);
}

void page_plan_review_post(const web_request *req, web_response *res)
{
    review_page r;
    or_model *m = prepare(req, res, &r);
    if (!m)
        return;
    form_flow fl = {
        .upn = r.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/plans/review", r.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s/plans?recorded=plan_review",
                                plan_url_part(req, r.upn)),
        .facts = true,
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(&r.f, res, &fl, &r);
    or_model_free(m);
}
