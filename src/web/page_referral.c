/* page_referral.c - GET and POST /referrals/{urn}/{event_id} : one referral, and its next step.
 *
 * GET: the service, the referring school, the date, the Pastoral Support Programme attached,
 * the referral's details; its status; its steps (referrals.h) with who takes each, when each
 * was reached and the due date of the next one from the rules (LOCAL-REFERRAL, counted in
 * school days on the school's calendar); every update recorded; and, for those who may take
 * the next step, a form offering only the statuses that may come next (or_referral_next):
 * allocating a lead worker records the worker in `to`, the Re-engagement Unit's exit asks for
 * the sustainability plan. POST checks the step through the importer ("Continue"), then saves
 * ONE referral_update event naming the referral ("Save"), with its audit line.
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

typedef struct {
    const char *upn, *urn_text, *event_id;
    int urn;
    or_model *m;
    const or_pupil_facts *f;
    const or_fact_event *r; /* the referral */
    or_referral_state st;
    or_duty_list duties;
    /* the step being recorded */
    const char *status, *to, *update_id, *start;
    const or_plan_kind *k;
    or_plan_values v;
    bool post;
} referral_page;

static const web_field columns[] = {
    {"outcome", "status", "step", "Select the step reached"},
    {"start", "start-day", "date of this step", NULL},
    {"to", "to", "lead worker", "Enter the lead worker's name"},
};

static const char *path_of(const web_request *req, const referral_page *p)
{
    return or_arena_printf(req->arena, "/referrals/%d/%s", p->urn, plan_url_part(req, p->event_id));
}

/* Load the pupil and the referral; NULL-free p->r, or a page written and false. */
static bool load(const web_request *req, web_response *res, referral_page *p, bool post)
{
    memset(p, 0, sizeof *p);
    p->post = post;
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
    p->status = web_form(req, "status");
    p->to = web_form(req, "to");
    p->update_id = web_form(req, "update_id");
    p->start = web_date_from_parts(req->arena, web_form(req, "start-day"),
                                   web_form(req, "start-month"), web_form(req, "start-year"));
    p->k = or_plan_kind_find("referral_update");
    plan_form_read(req, p->k, &p->v);
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
            html_printf(out, "%s<span class=\"onroll-text\">%s: %s</span>", any ? "<br>" : "",
                        !strcmp(p->k->fields[f].name, "notes") ? "Notes" : p->k->fields[f].label,
                        w);
            any = true;
        }
        html_raw(out, "</td>\n</tr>\n");
    }
    if (n)
        html_raw(out, "</tbody>\n</table>\n");
}

static void show_page(const web_request *req, web_response *res, const referral_page *p,
                      const plan_errors *e)
{
    or_sb *out = &res->body;
    const or_referral_flow *fl = p->st.flow;
    char day[24];
    const char *title = or_arena_printf(req->arena, "Referral to the %s", fl->label);
    gov_page_start(out, req, e->n ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t/referrals\" class=\"govuk-back-link\">Back to the pupil's "
                "referrals</a>\n",
                p->upn);
    banner(req, out, p);
    gov_error_summary(out, e->items, e->n);
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

    gov_choice choices[OR_REFERRAL_MAX_STEPS + 4];
    int n = p->st.ended ? 0 : next_choices(req, p, choices, OR_REFERRAL_MAX_STEPS + 4);
    if (n) {
        html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">"
                      "\n<h2 class=\"govuk-heading-m\" id=\"next\">Record the next step</h2>\n");
        gov_form_start(out, req, "post", path_of(req, p));
        gov_hidden(out, "update_id", p->update_id);
        gov_radios(out, "status", "Which step has been reached?", NULL, choices, n, p->status,
                   gov_error_for(e->items, e->n, "status"), false);
        char d[3] = "", mo[3] = "", y[5] = "";
        if (!p->post)
            web_date_parts(web_today(req), d, mo, y);
        gov_date_input(
            out, "start", "Date of this step", "For example, 24 11 2026",
            p->post ? web_form(req, "start-day") : d, p->post ? web_form(req, "start-month") : mo,
            p->post ? web_form(req, "start-year") : y, gov_error_for(e->items, e->n, "start-day"));
        bool allocating = false, exiting = false;
        for (int i = 0; i < n; i++) {
            allocating |= !strcmp(choices[i].value, "allocated");
            exiting |= !strcmp(choices[i].value, "exit");
        }
        if (allocating)
            gov_text_input(out, "to", "Lead worker (when allocating)",
                           "The name or email of the worker who leads the work with the pupil",
                           p->to, NULL, gov_error_for(e->items, e->n, "to"));
        for (int f = 0; f < p->k->nfields; f++) {
            const or_plan_field *fd = &p->k->fields[f];
            if (!strcmp(fd->name, "sustainability_plan") && !exiting)
                continue;
            const char *label = !strcmp(fd->name, "sustainability_plan")
                                    ? "Sustainability plan (at exit)"
                                    : fd->label;
            gov_textarea(out, fd->name, label, fd->hint, p->v.text[f] ? p->v.text[f] : "", 4,
                         gov_error_for(e->items, e->n, fd->name));
        }
        gov_button_value(out, "Continue", "action", "check", false);
        gov_form_end(out);
        html_raw(out, "</div>\n</div>\n");
    }
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

static void show_check(const web_request *req, web_response *res, void *ctx,
                       const or_pupil_facts *f, const or_model *m)
{
    const referral_page *p = ctx;
    or_sb *out = &res->body;
    char day[24];
    const char *title = "Check the step before saving";
    plan_check_start(out, req, p->upn, title);
    const or_fact_event *ev = or_facts_event(f, p->urn, p->update_id);
    gov_summary_start(out);
    gov_summary_row(out, "Referral",
                    or_arena_printf(req->arena, "To the %s on %s", p->st.flow->label,
                                    view_date(p->r->start, day)));
    gov_summary_row(out, "Step", plan_status_label(p->st.flow, p->status));
    gov_summary_row(out, "Date", ev ? view_date(ev->start, day) : p->start);
    if (*p->to)
        gov_summary_row(out, "Lead worker", p->to);
    plan_summary_rows(out, req, p->k, &p->v);
    gov_summary_end(out);
    plan_duties_after(out, req, f, m);
    gov_form_start(out, req, "post", path_of(req, p));
    gov_hidden(out, "update_id", p->update_id);
    gov_hidden(out, "status", p->status);
    gov_hidden(out, "to", p->to);
    static const char *const parts[] = {"start-day", "start-month", "start-year"};
    for (size_t i = 0; i < 3; i++)
        gov_hidden(out, parts[i], web_form(req, parts[i]));
    plan_form_hidden(out, req, p->k, &p->v);
    gov_check_page_end(out, req, "Save the step");
}

void page_referral(const web_request *req, web_response *res)
{
    referral_page p;
    if (load(req, res, &p, false)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        p.update_id = id;
        plan_errors e = {0};
        show_page(req, res, &p, &e);
    }
    or_model_free(p.m);
}

void page_referral_post(const web_request *req, web_response *res)
{
    referral_page p;
    if (!load(req, res, &p, true)) {
        or_model_free(p.m);
        return;
    }
    if (!web_event_id_ok(p.update_id)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        p.update_id = or_arena_strdup(req->arena, id);
    }
    const char *action = web_form(req, "action");
    plan_errors e = {0};
    if (!strcmp(action, "change")) {
        show_page(req, res, &p, &e);
        or_model_free(p.m);
        return;
    }
    /* only a status that may come next, and only one this user may record */
    gov_choice choices[OR_REFERRAL_MAX_STEPS + 4];
    int n = p.st.ended ? 0 : next_choices(req, &p, choices, OR_REFERRAL_MAX_STEPS + 4);
    if (!n) {
        or_model_free(p.m);
        web_audit(req, "denied", p.upn, "referral step not allowed for this role");
        web_error(req, res, 403, "You do not have access to this page",
                  p.st.ended ? "The referral has ended: nothing more can be recorded."
                             : "The next step of this referral is not yours to record.");
        return;
    }
    bool offered = false;
    for (int i = 0; i < n; i++)
        offered |= !strcmp(choices[i].value, p.status);
    if (!offered)
        plan_error_add(&e, "status", "Select the step reached");
    if (!*p.start)
        plan_error_add(&e, "start-day", "Enter the date of this step");
    if (!strcmp(p.status, "allocated") && !*p.to)
        plan_error_add(&e, "to", "Enter the lead worker's name");
    if (strcmp(p.status, "allocated"))
        p.to = ""; /* `to` is the worker allocated, on an allocation only */
    plan_check_errors(req, p.k, p.status, &p.v, &e);
    or_sb details = OR_SB_INIT;
    or_error err = {0};
    if (!e.n && or_plan_details_json(p.k, &p.v, &details, &err))
        plan_error_add(&e, NULL, or_arena_strdup(req->arena, err.msg));
    if (e.n) {
        or_sb_release(&details);
        show_page(req, res, &p, &e);
        or_model_free(p.m);
        return;
    }
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, p.update_id, p.upn, p.urn_text, "referral_update", p.start);
    cells[OR_EV_REF] = p.event_id;
    cells[OR_EV_OUTCOME] = p.status;
    cells[OR_EV_TO] = p.to;
    cells[OR_EV_DETAILS] =
        strcmp(or_sb_str(&details), "{}") ? or_arena_strdup(req->arena, or_sb_str(&details)) : "";
    or_sb_release(&details);
    const char *source = or_arena_printf(req->arena, "form /referrals/%d", p.urn);
    const char *detail =
        or_arena_printf(req->arena, "recorded referral_update %s of %s at school %d on %s: %s",
                        p.update_id, p.event_id, p.urn, p.start, p.status);
    plan_columns cols = {columns, (int)(sizeof columns / sizeof columns[0])};
    bool save = !strcmp(action, "save");
    plan_result pr =
        plan_submit(req, res, p.upn, cells, source, save, detail, p.k, &cols, show_check, &p, &e);
    if (pr == PLAN_INVALID)
        show_page(req, res, &p, &e);
    else if (pr == PLAN_DONE && save)
        web_redirect(req, res,
                     or_arena_printf(req->arena, "%s?recorded=%s", path_of(req, &p), p.status));
    or_model_free(p.m);
}
