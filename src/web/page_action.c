/* page_action.c - GET and POST /pupils/{upn}/action : record that a duty was done.
 *
 * GET without parameters lists the pupil's duties as of today (the statutory ones and the
 * local protocol's, duties.h), each not yet done with a "Record" link; GET with
 * ?urn=URN&event=EVENT_ID&rule=RULE (the link, also used by the pupil's page) shows the form
 * for that duty: the date it was done, how the notice was sent (hand, email, post: the deemed
 * date of DOMAIN.md §2 depends on it), the outcome where the rule has one (the board's and the
 * review panel's decisions), who was told, notes.
 *
 * POST records an `action` event (formats.md) naming the event and the rule, through the
 * importer exactly as a CSV row (one batch, source kind "form"), with its line in the audit
 * log in the same transaction; then back to the pupil's page, where the duty shows as done.
 *
 * Who: a school account for its own school's duties; the LA for any. The route is WEB_F_PUPIL
 * (scope checked, read logged: server.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/rules.h"
#include "web/forms.h"

static const gov_choice deliveries[] = {
    {"hand", "Handed over", "Deemed received that day"},
    {"email", "Email", "Deemed received the second working day after it was sent"},
    {"post", "First-class post", "Deemed received the second working day after posting"},
};
static const gov_choice board_outcomes[] = {
    {"upheld", "The exclusion was upheld", NULL},
    {"reinstated", "The pupil was reinstated", NULL},
};
static const gov_choice panel_outcomes[] = {
    {"upheld", "The panel upheld the decision", NULL},
    {"recommend_reconsider", "The panel recommended that the board reconsider", NULL},
    {"direct_reconsider", "The panel directed the board to reconsider", NULL},
};

static const web_field fields[] = {
    {"start", "done-day", "date it was done", NULL},
    {"delivery", "delivery", "way it was sent", NULL},
    {"outcome", "outcome", "outcome", "Select the outcome"},
    {"to", "to", "person told", NULL},
    {"notes", "notes", "notes", NULL},
};

/* The outcomes a rule's action may have (rowcheck.c), or NULL. */
static const gov_choice *outcomes_of(const char *rule, int *n)
{
    if (!strcmp(rule, "STAT-GB-15DAY") || !strcmp(rule, "STAT-GB-50DAY") ||
        !strcmp(rule, "STAT-IRP-RECONSIDER")) {
        *n = 2;
        return board_outcomes;
    }
    if (!strcmp(rule, "STAT-IRP-MEET")) {
        *n = 3;
        return panel_outcomes;
    }
    *n = 0;
    return NULL;
}

/* The pupil's duties as of today that this user may act on (a school: its own). The model
 * owns the duties' strings: free it after use. */
static or_code load_duties(const web_request *req, const char *upn, or_model **m, or_duty_list *out,
                           or_error *err)
{
    or_duty_list_init(out, req->arena);
    or_code rc = or_model_load(req->store, upn, m, err);
    if (rc)
        return rc;
    const or_pupil_facts *f = web_view_facts(req, or_model_params(*m), or_model_find(*m, upn));
    if (!f)
        return OR_OK;
    or_date today = web_today(req), later = OR_DATE_NONE;
    if ((rc = or_duties_for_pupil(f, or_model_params(*m), today, out, err)))
        return rc;
    /* an exclusion decided after today (recorded ahead) has its duties as of its decision */
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].decided > today && f->events[i].decided > later)
            later = f->events[i].decided;
    if (later != OR_DATE_NONE) {
        or_duty_list ahead;
        or_duty_list_init(&ahead, req->arena);
        if ((rc = or_duties_for_pupil(f, or_model_params(*m), later, &ahead, err)))
            return rc;
        for (int i = 0; i < ahead.n; i++) {
            const or_fact_event *e =
                ahead.items[i].event_id && *ahead.items[i].event_id
                    ? or_facts_event(f, ahead.items[i].urn, ahead.items[i].event_id)
                    : NULL;
            if (!e || e->decided <= today)
                continue;
            or_duty d = ahead.items[i];
            if (d.status == OR_DUTY_OVERDUE && (d.due == OR_DATE_NONE || d.due >= today))
                d.status = OR_DUTY_OPEN; /* not overdue today, only as of the later date */
            if (out->n == out->cap) {
                int cap = out->cap ? out->cap * 2 : 16;
                or_duty *items = or_arena_alloc(req->arena, (size_t)cap * sizeof *items);
                if (out->n)
                    memcpy(items, out->items, (size_t)out->n * sizeof *items);
                out->items = items;
                out->cap = cap;
            }
            out->items[out->n++] = d;
        }
    }
    int mine = web_user_school(req), n = 0;
    for (int i = 0; i < out->n; i++)
        if (!mine || out->items[i].urn == mine)
            out->items[n++] = out->items[i];
    out->n = n;
    or_duties_sort(out);
    return OR_OK;
}

static const or_duty *find_duty(const or_duty_list *l, int urn, const char *event, const char *rule)
{
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        if (d->urn == urn && !strcmp(d->rule->id, rule) &&
            !strcmp(d->event_id ? d->event_id : "", event))
            return d;
    }
    return NULL;
}

static void list_page(const web_request *req, web_response *res, const char *upn)
{
    or_model *m = NULL;
    or_duty_list duties;
    or_error err = {0};
    if (load_duties(req, upn, &m, &duties, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's duties could not be worked out.");
        return;
    }
    or_sb *out = &res->body;
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    gov_page_start(out, req, "Record a duty done");
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's "
                "record</a>\n",
                upn);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                name[0] ? name : "Pupil", upn);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Record a duty done</h1>\n");
    if (duties.n)
        web_duties_table(out, "Duties as of today", upn, duties.items, duties.n, true);
    else
        html_raw(out, "<p class=\"govuk-body\">There are no duties to record for this "
                      "pupil.</p>\n");
    gov_page_end(out, req);
    or_model_free(m);
}

typedef struct {
    const char *upn, *urn, *event, *rule, *event_id;
    const char *done_d, *done_m, *done_y, *delivery, *outcome, *to, *notes;
} action_form;

static void read_form(const web_request *req, action_form *a, bool post)
{
    const char *(*get)(const web_request *, const char *) = post ? web_form : web_query;
    memset(a, 0, sizeof *a);
    a->upn = web_path(req, "upn");
    a->urn = get(req, "urn");
    a->event = get(req, "event");
    a->rule = get(req, "rule");
    a->event_id = web_form(req, "event_id");
    a->done_d = web_form(req, "done-day");
    a->done_m = web_form(req, "done-month");
    a->done_y = web_form(req, "done-year");
    a->delivery = web_form(req, "delivery");
    a->outcome = web_form(req, "outcome");
    a->to = web_form(req, "to");
    a->notes = web_form(req, "notes");
    int mine = web_user_school(req);
    if (mine && !post)
        a->urn = or_arena_printf(req->arena, "%d", mine);
}

static void form_page(const web_request *req, web_response *res, const action_form *a,
                      const or_duty *d, const gov_error *errs, int nerrs)
{
    or_sb *out = &res->body;
    char name[300], due[16];
    web_pupil_name(req, a->upn, name, sizeof name);
    const char *title = or_arena_printf(req->arena, "Record: %s", d->rule->summary);
    gov_page_start(out, req, nerrs ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t/action\" class=\"govuk-back-link\">Back to the pupil's "
                "duties</a>\n",
                a->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, errs, nerrs);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                name[0] ? name : "Pupil", a->upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", d->rule->summary);
    gov_summary_start(out);
    gov_summary_row(out, "Duty", d->rule->id);
    gov_summary_row(out, "Who", d->rule->who);
    gov_summary_row(out, "Source", d->rule->source);
    if (d->event_id && *d->event_id)
        gov_summary_row(out, "Event", d->event_id);
    gov_summary_row(out, "School", or_arena_printf(req->arena, "URN %d", d->urn));
    gov_summary_row(out, "Due",
                    d->due == OR_DATE_NONE ? "No fixed date" : web_date_human(d->due, due));
    gov_summary_row(out, "Status",
                    d->status == OR_DUTY_DONE      ? "Done"
                    : d->status == OR_DUTY_OVERDUE ? "Overdue"
                                                   : "Open");
    if (d->detail && *d->detail)
        gov_summary_row(out, "Why", d->detail);
    gov_summary_end(out);

    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/action", a->upn));
    gov_hidden(out, "urn", a->urn);
    gov_hidden(out, "event", a->event);
    gov_hidden(out, "rule", a->rule);
    gov_hidden(out, "event_id", a->event_id);
    gov_date_input(out, "done", "Date it was done", "For example, 24 11 2026", a->done_d, a->done_m,
                   a->done_y, gov_error_for(errs, nerrs, "done-day"));
    int nout;
    const gov_choice *outs = outcomes_of(a->rule, &nout);
    if (outs)
        gov_radios(out, "outcome", "Outcome", NULL, outs, nout, a->outcome,
                   gov_error_for(errs, nerrs, "outcome"), false);
    gov_radios(out, "delivery", "How was it sent? (optional)",
               "For a notice or an application: the deadlines count from when it is deemed "
               "received",
               deliveries, 3, a->delivery, gov_error_for(errs, nerrs, "delivery"), true);
    gov_text_input(out, "to", "Who was told (optional)",
                   "For example, the parent, the Virtual "
                   "School Head, the governing board",
                   a->to, NULL, gov_error_for(errs, nerrs, "to"));
    gov_textarea(out, "notes", "Notes (optional)", NULL, a->notes, 3,
                 gov_error_for(errs, nerrs, "notes"));
    gov_button(out, "Record it as done", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (nerrs)
        res->status = 400;
}

void page_action(const web_request *req, web_response *res)
{
    action_form a;
    read_form(req, &a, false);
    if (!*web_query(req, "rule")) {
        list_page(req, res, a.upn);
        return;
    }
    or_model *m = NULL;
    or_duty_list duties;
    or_error err = {0};
    if (load_duties(req, a.upn, &m, &duties, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's duties could not be worked out.");
        return;
    }
    const or_duty *d = find_duty(&duties, atoi(a.urn), a.event, a.rule);
    if (!d) {
        or_model_free(m);
        web_error(req, res, 404, "Page not found",
                  "This pupil has no such duty (or it is another school's).");
        return;
    }
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    a.event_id = id;
    form_page(req, res, &a, d, NULL, 0);
    or_model_free(m);
}

/* The event a pupil-level duty's action names (an `action` must name an event of the
 * school): the pupil's latest event there, or "". */
static const char *latest_event(const or_model *m, const char *upn, int urn)
{
    const or_pupil_facts *f = or_model_find(m, upn);
    const char *id = "";
    for (int i = 0; f && i < f->nevents; i++)
        if (f->events[i].urn == urn && f->events[i].kind != OR_EV_ACTION)
            id = f->events[i].event_id;
    return id;
}

void page_action_post(const web_request *req, web_response *res)
{
    action_form a;
    read_form(req, &a, true);
    int mine = web_user_school(req);
    if (mine && atoi(a.urn) != mine) {
        web_audit(req, "denied", a.upn, "action for another school's duty");
        web_error(req, res, 403, "You do not have access to this page",
                  "A school records the duties of its own exclusions only.");
        return;
    }
    or_model *m = NULL;
    or_duty_list duties;
    or_error err = {0};
    if (load_duties(req, a.upn, &m, &duties, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's duties could not be worked out. Nothing was saved.");
        return;
    }
    const or_duty *d = find_duty(&duties, atoi(a.urn), a.event, a.rule);
    if (!d) {
        or_model_free(m);
        web_error(req, res, 404, "Page not found",
                  "This pupil has no such duty (or it is another school's).");
        return;
    }
    char id[WEB_EVENT_ID_LEN + 1];
    if (!web_event_id_ok(a.event_id)) {
        web_new_event_id(id);
        a.event_id = id;
    }
    gov_error errs[16];
    int nerrs = 0;
    const char *ref =
        or_arena_strdup(req->arena, *a.event ? a.event : latest_event(m, a.upn, atoi(a.urn)));
    if (!*ref)
        errs[nerrs++] = (gov_error){NULL, "This duty cannot be recorded here: the pupil has no "
                                          "event at this school for the action to name."};
    int nout;
    if (!outcomes_of(a.rule, &nout) && *a.outcome)
        a.outcome = ""; /* no outcome for this rule: the form had none */
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, a.event_id, a.upn, a.urn, "action",
                    web_date_from_parts(req->arena, a.done_d, a.done_m, a.done_y));
    cells[OR_EV_REF] = ref;
    cells[OR_EV_RULE] = a.rule;
    cells[OR_EV_OUTCOME] = a.outcome;
    cells[OR_EV_DELIVERY] = a.delivery;
    cells[OR_EV_TO] = a.to;
    cells[OR_EV_NOTES] = a.notes;
    const char *name = or_arena_printf(req->arena, "form /pupils/%s/action", a.upn);
    or_ingest_result ir = {0};
    or_code rc = OR_OK;
    if (!nerrs) {
        if (or_store_begin(req->store, &err))
            rc = OR_ESTORE;
        else if ((rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), name, cells, &ir, &err)))
            or_store_rollback(req->store);
    }
    if (rc == OR_EINPUT)
        web_form_errors(req->arena, ir.errors.len ? or_sb_str(&ir.errors) : err.msg, name, fields,
                        (int)(sizeof fields / sizeof fields[0]), errs, &nerrs, 16);
    if (nerrs) {
        form_page(req, res, &a, d, errs, nerrs);
        or_ingest_result_release(&ir);
        or_model_free(m);
        return;
    }
    or_model_free(m);
    if (rc) {
        or_ingest_result_release(&ir);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The database did not answer. Nothing was saved.");
        return;
    }
    char detail[200];
    snprintf(detail, sizeof detail, "recorded action %s: %s for %s at school %s on %s", a.event_id,
             a.rule, ref, a.urn, cells[OR_EV_START]);
    bool changed = ir.committed;
    or_ingest_result_release(&ir);
    if ((changed && web_audit(req, "change", a.upn, detail)) || or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The change could not be written to the audit log, so it was not saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/pupils/%s?action=%s", a.upn, a.rule));
}
