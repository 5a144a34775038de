/* page_referral.c - GET and POST /referrals/{urn}/{event_id} : one referral, and its next step.
 *
 * GET: the service, the referring school, the date, the Pastoral Support Programme attached,
 * the referral's details; its status; its steps (referrals.h) with who takes each, when each
 * was reached and the due date of the next one from the rules (LOCAL-REFERRAL, counted in
 * school days on the school's calendar); every update recorded; and, for those who may take
 * the next step, a form offering only the statuses that may come next (or_referral_next):
 * allocating a lead worker records the worker in `to`, the Re-engagement Unit's exit asks for
 * the sustainability plan. The form is one of the form engine's (form.h): POST checks the
 * step through the importer ("Continue"), then saves ONE referral_update event naming the
 * referral ("Save"), with its audit line.
 *
 * The route names an event, not a pupil: server.c looks up the event's pupil, checks that it
 * is in the user's scope (404 if not) and logs the read. A partner service sees only the
 * referrals to its own routes (another's is "not found"). Who takes a step:
 * plan_may_update_referral (the LA; the service's partner; the referring school the steps it
 * takes part in, and closing the referral). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

enum { F_UPDATE_ID, F_STATUS, F_START, F_TO, F__N };
static const form_field fields[F__N] = {
    [F_UPDATE_ID] = {"update_id", .type = FORM_HIDDEN},
    /* only the statuses that may come next and this user may record (set per request) */
    [F_STATUS] = {"status", "Which step has been reached?", NULL, FORM_RADIOS, FORM_REQUIRED,
                  .noun = "step", .missing = "Select the step reached",
                  .column = FORM_COLUMN(OR_EV_OUTCOME)},
    [F_START] = {"start", "Date of this step", "For example, 24 11 2026", FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    /* the worker allocated: on a form that offers the allocation only */
    [F_TO] = {"to", "Lead worker (when allocating)",
              "The name or email of the worker who leads the work with the pupil", FORM_TEXT,
              .noun = "lead worker", .missing = "Enter the lead worker's name",
              .column = FORM_COLUMN(OR_EV_TO)},
};

typedef struct {
    const char *upn, *urn_text, *event_id;
    int urn;
    or_model *m;
    const or_pupil_facts *f;
    const or_fact_event *r; /* the referral */
    or_referral_state st;
    or_duty_list duties;
    /* the step being recorded */
    const or_plan_kind *k;
    int first; /* the index of k's first field */
    gov_choice choices[OR_REFERRAL_MAX_STEPS + 4];
    int nchoices; /* the statuses this user may record next */
    form form;
} referral_page;

static const char *path_of(const web_request *req, const referral_page *p)
{
    return or_arena_printf(req->arena, "/referrals/%d/%s", p->urn, plan_url_part(req, p->event_id));
}

static int next_choices(const web_request *req, const referral_page *p, gov_choice *out, int max);

/* Load the pupil and the referral, and read the form; or a page written and false. */
static bool load(const web_request *req, web_response *res, referral_page *p)
{
    memset(p, 0, sizeof *p);
    p->upn = web_path(req, "upn"); /* added by server.c from the event */
    p->urn_text = web_path(req, "urn");
    p->urn = atoi(p->urn_text);
    p->event_id = web_path(req, "event_id");
    or_error err = {0};
    if (or_model_load(req->store, p->upn, &p->m, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return false;
    }
    p->f = web_view_facts(req, or_model_params(p->m), or_model_find(p->m, p->upn));
    p->r = p->f ? or_facts_event(p->f, p->urn, p->event_id) : NULL;
    if (!p->r || p->r->kind != OR_EV_REFERRAL ||
        !or_referral_state_of(p->f, p->r, web_today(req), &p->st) ||
        !plan_may_see_referral(req, p->st.flow)) {
        if (p->r && p->r->kind == OR_EV_REFERRAL)
            web_audit(req, "denied", p->upn, "referral to another partner's route");
        web_error(req, res, 404, "Page not found", "There is no such referral.");
        return false;
    }
    or_duty_list_init(&p->duties, req->arena);
    if (or_duties_for_pupil(p->f, or_model_params(p->m), web_today(req), &p->duties, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referral's steps could not be worked out.");
        return false;
    }
    p->nchoices = p->st.ended ? 0 : next_choices(req, p, p->choices, OR_REFERRAL_MAX_STEPS + 4);
    bool allocating = false, exiting = false;
    for (int i = 0; i < p->nchoices; i++) {
        allocating |= !strcmp(p->choices[i].value, "allocated");
        exiting |= !strcmp(p->choices[i].value, "exit");
    }
    form *f = &p->form;
    form_init(f, req, fields, F__N);
    f->fields[F_STATUS].choices = p->choices;
    f->fields[F_STATUS].nchoices = p->nchoices;
    if (!allocating)
        form_off(f, F_TO);
    p->k = or_plan_kind_find("referral_update");
    p->first = plan_form_add(f, p->k, NULL, NULL, 0);
    for (int i = 0; i < p->k->nfields; i++)
        if (!strcmp(p->k->fields[i].name, "sustainability_plan")) {
            if (exiting)
                f->fields[p->first + i].label = "Sustainability plan (at exit)";
            else
                form_off(f, p->first + i);
        }
    form_read(f);
    form_event_id(f, F_UPDATE_ID);
    if (!f->posted)
        form_set_date(f, F_START, web_today(req));
    return true;
}

/* The LOCAL-REFERRAL duty of this referral, or NULL. */
static const or_duty *next_duty(const referral_page *p)
{
    for (int i = 0; i < p->duties.n; i++) {
        const or_duty *d = &p->duties.items[i];
        if (!strcmp(d->rule->id, "LOCAL-REFERRAL") && d->urn == p->urn && d->event_id &&
            !strcmp(d->event_id, p->event_id))
            return d;
    }
    return NULL;
}

/* The statuses this user may record next. */
static int next_choices(const web_request *req, const referral_page *p, gov_choice *out, int max)
{
    const char *next[OR_REFERRAL_MAX_STEPS + 4];
    or_referral_next(&p->st, next, (int)(sizeof next / sizeof next[0]));
    int n = 0;
    for (int i = 0; next[i] && n < max; i++) {
        if (!plan_may_update_referral(req, p->st.flow, p->r, next[i]))
            continue;
        const char *hint = NULL;
        if (!strcmp(next[i], "allocated"))
            hint = "Enter the lead worker below";
        else if (!strcmp(next[i], "exit"))
            hint = "Enter the sustainability plan below";
        else if (!strcmp(next[i], "closed"))
            hint = "The referral ends here (withdrawn, or no longer needed)";
        out[n++] = (gov_choice){next[i], plan_status_label(p->st.flow, next[i]), hint};
    }
    return n;
}

/* The lead worker allocated: the latest `to` of an update naming this referral. */
static const char *lead_worker(const referral_page *p)
{
    const char *w = NULL;
    for (int i = 0; i < p->f->nevents; i++) {
        const or_fact_event *u = &p->f->events[i];
        if (u->kind == OR_EV_REFERRAL_UPDATE && u->urn == p->urn && u->ref &&
            !strcmp(u->ref, p->event_id) && u->to && *u->to)
            w = u->to;
    }
    return w;
}

static void banner(const web_request *req, or_sb *out, const referral_page *p)
{
    const char *what = web_query(req, "recorded");
    if (!strcmp(what, "referral"))
        gov_notification(
            out, "Success",
            or_arena_printf(req->arena, "Referral to the %s recorded.", p->st.flow->label), true);
    else if (*what && strcmp(plan_status_label(p->st.flow, what), what))
        gov_notification(
            out, "Success",
            or_arena_printf(req->arena, "Step recorded: %s.", plan_status_label(p->st.flow, what)),
            true);
}

static void steps_table(or_sb *out, const referral_page *p)
{
    const or_referral_flow *fl = p->st.flow;
    const or_duty *next = next_duty(p);
    char day[24];
    html_raw(out,
             "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
             "govuk-table__caption--m\">Steps</caption>\n<thead class=\"govuk-table__head\">\n"
             "<tr class=\"govuk-table__row\">\n<th scope=\"col\" class=\"govuk-table__header\">"
             "Step</th>\n<th scope=\"col\" class=\"govuk-table__header\">Who</th>\n<th "
             "scope=\"col\" class=\"govuk-table__header\">Due</th>\n<th scope=\"col\" "
             "class=\"govuk-table__header\">Status</th>\n</tr>\n</thead>\n<tbody "
             "class=\"govuk-table__body\">\n");
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">Referred</td>\n"
                "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\"></td>\n"
                "<td class=\"govuk-table__cell\">",
                "the referring school");
    view_tag(out, "Done", "green");
    html_printf(out, " <span class=\"onroll-secondary\">on %s</span></td>\n</tr>\n",
                view_date(p->r->start, day));
    /* when each step was reached (the first update recording it) */
    for (int k = 0; k < fl->nsteps; k++) {
        const or_referral_step *st = &fl->steps[k];
        or_date reached = OR_DATE_NONE;
        int times = 0;
        for (int i = 0; i < p->f->nevents; i++) {
            const or_fact_event *u = &p->f->events[i];
            if (u->kind == OR_EV_REFERRAL_UPDATE && u->urn == p->urn && u->ref &&
                !strcmp(u->ref, p->event_id) && u->outcome && !strcmp(u->outcome, st->status)) {
                if (reached == OR_DATE_NONE)
                    reached = u->start;
                times++;
            }
        }
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                    st->label, st->who);
        bool is_next = !p->st.ended && next &&
                       (k == p->st.step + 1 || (st->repeats && k == p->st.step && next));
        bool next_here = is_next && next->detail && strstr(next->detail, st->label);
        if (next_here)
            html_printf(out, "%s", view_date(next->due, day));
        else if (st->days == 0 && p->r->end != OR_DATE_NONE)
            html_printf(out, "On %s (the end of the placement)", view_date(p->r->end, day));
        else
            html_printf(out, "Within %d school days of the step before%s", st->days,
                        st->repeats ? ", then again every time" : "");
        html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
        if (reached != OR_DATE_NONE) {
            view_tag(out, "Done", "green");
            html_printf(out, " <span class=\"onroll-secondary\">on %s", view_date(reached, day));
            if (times > 1)
                html_printf(out, " (%d times)", times);
            html_raw(out, "</span>");
        } else if (next_here) {
            const char *colour;
            const char *status = view_duty_status(next->status, &colour);
            view_tag(out, status, colour); /* colour is set by the call before */
        } else if (p->st.ended) {
            view_tag(out, "Not reached", "grey");
        } else {
            view_tag(out, "Later", "grey");
        }
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}

static void updates_table(or_sb *out, const web_request *req, const referral_page *p)
{
    char day[24];
    int n = 0;
    for (int i = 0; i < p->f->nevents; i++) {
        const or_fact_event *u = &p->f->events[i];
        if (u->kind != OR_EV_REFERRAL_UPDATE || u->urn != p->urn || !u->ref ||
            strcmp(u->ref, p->event_id))
            continue;
        if (!n++)
            html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                          "govuk-table__caption--m\">Updates, oldest first</caption>\n<thead "
                          "class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Date</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Step</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Details</th>\n</tr>\n"
                          "</thead>\n<tbody class=\"govuk-table__body\">\n");
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                    view_date(u->start, day), plan_status_label(p->st.flow, u->outcome));
        or_plan_values v;
        plan_details_of(req, p->k, u->details, &v);
        bool any = false;
        if (u->to && *u->to) {
            html_printf(out, "Lead worker: %s", u->to);
            any = true;
        }
        for (int f = 0; f < p->k->nfields; f++) {
            const char *w = plan_value_words(req, &p->k->fields[f], &v, f);
            if (!*w)
                continue;
            if (any) /* markup, not data: %s would escape it into a literal "<br>" */
                html_raw(out, "<br>");
            html_printf(out, "<span class=\"onroll-text\">%s: %s</span>",
                        !strcmp(p->k->fields[f].name, "notes") ? "Notes" : p->k->fields[f].label,
                        w);
            any = true;
        }
        html_raw(out, "</td>\n</tr>\n");
    }
    if (n)
        html_raw(out, "</tbody>\n</table>\n");
}

static void show_page(form *fm, web_response *res, void *ctx)
{
    const referral_page *p = ctx;
    const web_request *req = fm->req;
    or_sb *out = &res->body;
    const or_referral_flow *fl = p->st.flow;
    char day[24];
    const char *title = or_arena_printf(req->arena, "Referral to the %s", fl->label);
    gov_page_start(out, req, fm->nerrors ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t/referrals\" class=\"govuk-back-link\">Back to the pupil's "
                "referrals</a>\n",
                p->upn);
    banner(req, out, p);
    gov_error_summary(out, fm->errors, fm->nerrors);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, p->upn));
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    const char *colour;
    const char *words = plan_status_words(&p->st, &colour);
    html_raw(out, "<p class=\"govuk-body\">Status: ");
    view_tag(out, words, colour);
    html_printf(out, " <span class=\"onroll-secondary\">since %s</span></p>\n",
                view_date(p->st.since, day));
    gov_summary_start(out);
    gov_summary_row(out, "Service", fl->label);
    gov_summary_row(out, "Referring school", plan_school_name(req, p->m, p->urn));
    gov_summary_row(out, "Date of the referral", view_date(p->r->start, day));
    if (p->r->ref && *p->r->ref) {
        const or_fact_event *psp = or_facts_event(p->f, p->urn, p->r->ref);
        html_printf(
            out,
            "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
            "Pastoral Support Programme attached</dt>\n<dd class=\"govuk-summary-list__"
            "value\"><a class=\"govuk-link\" href=\"/pupils/%t/plans#psp\">PSP from %s</a>"
            "</dd>\n</div>\n",
            p->upn, psp ? view_date(psp->start, day) : p->r->ref);
    } else if (fl->needs_psp) {
        gov_summary_row(out, "Pastoral Support Programme attached", "None");
    }
    if (p->r->provider && *p->r->provider)
        gov_summary_row(out, "Provider", p->r->provider);
    if (p->r->end != OR_DATE_NONE)
        gov_summary_row(out, "End of the placement", view_date(p->r->end, day));
    const char *worker = lead_worker(p);
    if (worker)
        gov_summary_row(out, "Lead worker", worker);
    or_plan_values rv;
    const or_plan_kind *rk = or_plan_kind_find("referral");
    plan_details_of(req, rk, p->r->details, &rv);
    plan_summary_rows(out, req, rk, &rv);
    gov_summary_end(out);
    steps_table(out, p);
    updates_table(out, req, p);

    if (p->nchoices) {
        html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">"
                      "\n<h2 class=\"govuk-heading-m\" id=\"next\">Record the next step</h2>\n");
        form_start(out, fm, path_of(req, p));
        form_fields_html(out, fm, 0, fm->n);
        gov_button_value(out, "Continue", "action", "check", false);
        gov_form_end(out);
        html_raw(out, "</div>\n</div>\n");
    }
    gov_page_end(out, req);
    if (fm->nerrors)
        res->status = 400;
}

static void show_check(form *fm, web_response *res, const or_pupil_facts *f, const or_model *m,
                       void *ctx)
{
    const referral_page *p = ctx;
    const web_request *req = fm->req;
    or_sb *out = &res->body;
    char day[24];
    form_check_start(out, fm, "Check the step before saving", plan_caption(req, p->upn), true);
    const char *to = form_text(fm, F_TO);
    gov_summary_start(out);
    gov_summary_row(out, "Referral",
                    or_arena_printf(req->arena, "To the %s on %s", p->st.flow->label,
                                    view_date(p->r->start, day)));
    gov_summary_row(out, "Step", plan_status_label(p->st.flow, form_text(fm, F_STATUS)));
    gov_summary_row(out, "Date", form_words(fm, F_START));
    if (*to && !strcmp(form_text(fm, F_STATUS), "allocated"))
        gov_summary_row(out, "Lead worker", to);
    or_plan_values v;
    plan_form_values(fm, p->first, p->k, &v);
    plan_summary_rows(out, req, p->k, &v);
    gov_summary_end(out);
    plan_duties_after(out, req, f, m);
    form_check_end(out, fm, path_of(req, p), "Save the step");
}

/* The step's own checks: a worker for an allocation; the details (plans.h). */
static void validate(form *fm, void *ctx)
{
    const referral_page *p = ctx;
    const char *status = form_text(fm, F_STATUS);
    if (!strcmp(status, "allocated") && !*form_text(fm, F_TO))
        form_error(fm, F_TO, "Enter the lead worker's name");
    plan_form_check(fm, p->first, p->k, status);
}

static bool row(form *fm, const char **cells, const char **detail, void *ctx)
{
    const referral_page *p = ctx;
    const web_request *req = fm->req;
    const char *json = plan_form_json(fm, p->first, p->k);
    if (!json)
        return false;
    const char *id = form_text(fm, F_UPDATE_ID), *status = form_text(fm, F_STATUS);
    const char *start = form_text(fm, F_START);
    web_event_cells(req, cells, id, p->upn, p->urn_text, "referral_update", start);
    form_cells(fm, cells);
    cells[OR_EV_REF] = p->event_id;
    if (strcmp(status, "allocated"))
        cells[OR_EV_TO] = ""; /* `to` is the worker allocated, on an allocation only */
    cells[OR_EV_DETAILS] = strcmp(json, "{}") ? json : "";
    *detail =
        or_arena_printf(req->arena, "recorded referral_update %s of %s at school %d on %s: %s", id,
                        p->event_id, p->urn, start, status);
    return true;
}

void page_referral(const web_request *req, web_response *res)
{
    referral_page p;
    if (load(req, res, &p))
        show_page(&p.form, res, &p);
    or_model_free(p.m);
}

void page_referral_post(const web_request *req, web_response *res)
{
    referral_page p;
    if (!load(req, res, &p)) {
        or_model_free(p.m);
        return;
    }
    /* only a status that may come next, and only one this user may record */
    if (!p.nchoices && strcmp(web_form(req, "action"), "change")) {
        or_model_free(p.m);
        web_audit(req, "denied", p.upn, "referral step not allowed for this role");
        web_error(req, res, 403, "You do not have access to this page",
                  p.st.ended ? "The referral has ended: nothing more can be recorded."
                             : "The next step of this referral is not yours to record.");
        return;
    }
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /referrals/%d", p.urn),
        .done = or_arena_printf(req->arena, "%s?recorded=%s", path_of(req, &p),
                                plan_url_part(req, form_text(&p.form, F_STATUS))),
        .facts = true,
        .validate = validate,
        .row = row,
        .show_form = show_page,
        .show_check = show_check,
    };
    form_post(&p.form, res, &fl, &p);
    or_model_free(p.m);
}
