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
 * The form is one of the form engine's (form.h), without a check step: it saves at once.
 *
 * Who: a school account for its own school's duties, but not the MASH's assessment; the MASH (a
 * partner account of scope "mash") its assessments (LOCAL-MASH-ASSESS) only, with the outcome;
 * the LA for any. The route is WEB_F_PUPIL (scope checked, read logged: server.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/ap.h"
#include "onroll/rules.h"
#include "web/form.h"
#include "web/view.h"

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
/* children not in school: the LA's enquiries (rowcheck.c; the ones after the first close the
 * case, cnis.c) */
static const gov_choice cme_outcomes[] = {
    {"still_missing", "Still missing: enquiries go on", NULL},
    {"found_in_school", "Found: on a school's roll", NULL},
    {"found_home_educated", "Found: educated at home", NULL},
    {"moved_away", "Moved away: the new local authority has been told", NULL},
    {"referred_social_care", "Referred to children's social care", NULL},
};
static const gov_choice ehe_outcomes[] = {
    {"suitable", "The education appears suitable", "The next enquiry falls due in a year"},
    {"not_suitable", "The education does not appear suitable",
     "Consider a school attendance order; the next enquiry falls due soon"},
    {"no_response", "The family did not respond", NULL},
    {"returned_to_school", "The child has returned to school", NULL},
    {"moved_away", "Moved away: the new local authority has been told", NULL},
};

/* LOCAL-MASH-ASSESS: the MASH's decision on the next steps (Working Together 2023, chapter 3) */
static const gov_choice mash_outcomes[] = {
    {"no_further_action", "No further action", NULL},
    {"early_help", "Early help", "Support from the early help service"},
    {"section_17", "Child in need assessment (section 17)",
     "An assessment under section 17 of the Children Act 1989"},
    {"section_47", "Child protection enquiries (section 47)",
     "Enquiries under section 47 of the Children Act 1989"},
    {"already_open", "Already open to children's social care", NULL},
};
/* alternative provision (issue 17): the information's trail, a review, how it ended */
static const gov_choice ap_info_outcomes[] = {
    {"sent", "Sent to the provider", NULL},
    {"received", "The provider confirmed it was received", NULL},
};
static const gov_choice ap_review_outcomes[] = {
    {"improving", "Improving", NULL},
    {"no_change", "No change", NULL},
    {"worse", "Getting worse", NULL},
};
static const gov_choice ap_end_outcomes[] = {
    {"reintegrated", "Reintegrated into school", NULL},
    {"continued", "Placement continued under a new decision", NULL},
    {"moved", "Moved to another placement", NULL},
    {"destination", "Left for another destination (say which in the notes)", NULL},
};

enum {
    F_URN,
    F_EVENT,
    F_RULE,
    F_BACK,
    F_EVENT_ID,
    F_DONE,
    F_OUTCOME,
    F_WHAT,
    F_DELIVERY,
    F_TO,
    F_NOTES,
    F_SESSIONS,
    F__N
};
static const form_field fields[F__N] = {
    /* the duty: its school, event and rule (the "Record" link's query) */
    [F_URN] = {"urn", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_EVENT] = {"event", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_RULE] = {"rule", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    /* the list the duty was recorded from (/duties?...), to go back to once saved */
    [F_BACK] = {"back", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    [F_DONE] = {"done", "Date it was done", "For example, 24 11 2026", FORM_DATE, FORM_REQUIRED,
                .column = FORM_COLUMN(OR_EV_START)},
    /* the rule's outcomes (outcomes_of), for the rules that have them */
    [F_OUTCOME] = {"outcome", "Outcome", NULL, FORM_RADIOS, FORM_REQUIRED,
                   .missing = "Select the outcome", .column = FORM_COLUMN(OR_EV_OUTCOME)},
    [F_DELIVERY] = {"delivery", "How was it sent? (optional)",
                    "For a notice or an application: the deadlines count from when it is deemed "
                    "received",
                    FORM_RADIOS, FORM_SMALL, .noun = "way it was sent",
                    .missing = "Select how it was sent", .column = FORM_COLUMN(OR_EV_DELIVERY),
                    .choices = deliveries, .nchoices = 3},
    [F_TO] = {"to", "Who was told (optional)",
              "For example, the parent, the Virtual School Head, the governing board", FORM_TEXT,
              .noun = "person told", .column = FORM_COLUMN(OR_EV_TO)},
    [F_NOTES] = {"notes", "Notes (optional)", NULL, FORM_TEXTAREA, .rows = 3,
                 .column = FORM_COLUMN(OR_EV_NOTES)},
    /* LOCAL-AP-REVIEW only: attendance at the provision */
    [F_SESSIONS] = {"sessions",
                    "Sessions attended at the provision since the last review "
                    "(optional)",
                    "Half-day sessions, for example 18", FORM_NUMBER, .noun = "sessions attended",
                    .column = FORM_COLUMN(OR_EV_SESSIONS), .min = 1, .max = 90,
                    .width = "govuk-input--width-3"},
    /* LOCAL-AP-INFO only: what was sent (the action's details, ap.h) */
    [F_WHAT] = {"what", "What was sent or received",
                "For example: the pupil's needs and SEN support, attendance, safeguarding "
                "information, the placement's objectives",
                FORM_TEXTAREA, FORM_REQUIRED, .missing = "Enter what was sent or received",
                .max = 2000, .rows = 3},
};

/* The outcomes a rule's action may have (rowcheck.c), or NULL. */
static const gov_choice *outcomes_of(const char *rule, int *n)
{
#define OUTCOMES(r, list)                                                                          \
    {                                                                                              \
        r, list, (int)(sizeof list / sizeof list[0])                                               \
    }
    static const struct {
        const char *rule;
        const gov_choice *choices;
        int n;
    } by_rule[] = {
        OUTCOMES("STAT-GB-15DAY", board_outcomes),
        OUTCOMES("STAT-GB-50DAY", board_outcomes),
        OUTCOMES("STAT-IRP-RECONSIDER", board_outcomes),
        OUTCOMES("STAT-IRP-MEET", panel_outcomes),
        OUTCOMES("LOCAL-CME-ENQUIRY", cme_outcomes),
        OUTCOMES("LOCAL-EHE-ENQUIRY", ehe_outcomes),
        OUTCOMES("LOCAL-MASH-ASSESS", mash_outcomes),
        OUTCOMES("LOCAL-AP-INFO", ap_info_outcomes),
        OUTCOMES("LOCAL-AP-REVIEW", ap_review_outcomes),
        OUTCOMES("LOCAL-AP-MAX", ap_end_outcomes),
    };
#undef OUTCOMES
    for (size_t i = 0; i < sizeof by_rule / sizeof by_rule[0]; i++)
        if (!strcmp(rule, by_rule[i].rule)) {
            *n = by_rule[i].n;
            return by_rule[i].choices;
        }
    *n = 0;
    return NULL;
}

/* Whether this user records duties of the rule: a school not the MASH's assessment; a partner
 * only that, and only the MASH. */
static bool may_record(const web_request *req, const char *rule)
{
    bool mash = !strcmp(rule, "LOCAL-MASH-ASSESS");
    switch (req->user->role) {
    case OR_ROLE_SCHOOL:
        return !mash;
    case OR_ROLE_PARTNER:
        return mash && !strcmp(req->user->scope, "mash");
    default:
        return true;
    }
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
        if ((!mine || out->items[i].urn == mine) &&
            (req->user->role != OR_ROLE_PARTNER || may_record(req, out->items[i].rule->id)))
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

/* Whether back names a worklist a duty is recorded from (a local path: /duties or the register
 * of children not in school). */
static bool list_back(const char *back)
{
    return web_local_path(back) && (!strncmp(back, "/duties?", 8) || !strcmp(back, "/duties") ||
                                    !strncmp(back, "/children-not-in-school?", 24) ||
                                    !strcmp(back, "/children-not-in-school"));
}

typedef struct {
    const char *upn;
    or_model *m;
    or_duty_list duties;
    const or_duty *d; /* the duty recorded */
    form f;
} action_page;

static void form_page(form *f, web_response *res, void *ctx)
{
    const action_page *a = ctx;
    const or_duty *d = a->d;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    char name[300], due[24];
    web_pupil_name(req, a->upn, name, sizeof name);
    const char *title = or_arena_printf(req->arena, "Record: %s", d->rule->summary);
    gov_page_start(out, req, f->nerrors ? or_arena_printf(req->arena, "Error: %s", title) : title);
    const char *back_href = form_text(f, F_BACK);
    if (list_back(back_href)) /* a local path (web_local_path) */
        html_printf(out, "<a href=\"%t\" class=\"govuk-back-link\">Back to the list</a>\n",
                    back_href);
    else
        html_printf(out,
                    "<a href=\"/pupils/%t/action\" class=\"govuk-back-link\">Back to the "
                    "pupil's duties</a>\n",
                    a->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, f->errors, f->nerrors);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                name[0] ? name : "Pupil", a->upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", d->rule->summary);
    gov_summary_start(out);
    gov_summary_row(out, "Who", d->rule->who);
    gov_summary_row(out, "Source", d->rule->source);
    const or_fact_event *e = d->event_id && *d->event_id
                                 ? or_facts_event(or_model_find(a->m, a->upn), d->urn, d->event_id)
                                 : NULL;
    if (e) { /* the event in words, not its id */
        char on[24];
        gov_summary_row(out, "About",
                        or_arena_printf(req->arena, "%s, %s",
                                        or_label_event(or_event_kind_name(e->kind)),
                                        web_date_human(e->start, on)));
    }
    gov_summary_row(out, "School", view_school_label(req, d->urn));
    gov_summary_row(out, "Due",
                    d->due == OR_DATE_NONE ? "No fixed date" : web_date_human(d->due, due));
    gov_summary_row(out, "Status",
                    d->status == OR_DUTY_DONE      ? "Done"
                    : d->status == OR_DUTY_OVERDUE ? "Overdue"
                                                   : "Open");
    if (d->detail && *d->detail)
        gov_summary_row(out, "Why", d->detail);
    gov_summary_end(out);
    form_start(out, f, or_arena_printf(req->arena, "/pupils/%s/action", a->upn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Record it as done", NULL);
}

/* The form read, and the duty it records found; false with a page written when it cannot be. */
static bool prepare(const web_request *req, web_response *res, action_page *a)
{
    memset(a, 0, sizeof *a);
    a->upn = web_path(req, "upn");
    form *f = &a->f;
    form_init(f, req, fields, F__N);
    form_read(f);
    form_event_id(f, F_EVENT_ID);
    if (req->user->role == OR_ROLE_PARTNER && strcmp(req->user->scope, "mash")) {
        web_audit(req, "denied", a->upn, "action by a partner other than the MASH");
        web_error(req, res, 403, "You do not have access to this page",
                  "Only the MASH records duties here: its safeguarding assessments.");
        return false;
    }
    if (*form_text(f, F_RULE) && !may_record(req, form_text(f, F_RULE))) {
        web_audit(req, "denied", a->upn, "action on another service's duty");
        web_error(req, res, 403, "You do not have access to this page",
                  "The MASH records its own safeguarding assessments; a school or another "
                  "service does not.");
        return false;
    }
    int mine = web_user_school(req);
    if (mine && !f->posted)
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
    if (mine && atoi(form_text(f, F_URN)) != mine) {
        web_audit(req, "denied", a->upn, "action for another school's duty");
        web_error(req, res, 403, "You do not have access to this page",
                  "A school records the duties of its own exclusions only.");
        return false;
    }
    or_error err = {0};
    if (load_duties(req, a->upn, &a->m, &a->duties, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  f->posted ? "The pupil's duties could not be worked out. Nothing was saved."
                            : "The pupil's duties could not be worked out.");
        return false;
    }
    const char *rule = form_text(f, F_RULE);
    a->d = find_duty(&a->duties, atoi(form_text(f, F_URN)), form_text(f, F_EVENT), rule);
    if (!a->d) {
        web_error(req, res, 404, "Page not found",
                  "This pupil has no such duty (or it is another school's).");
        return false;
    }
    int nout;
    const gov_choice *outs = outcomes_of(rule, &nout);
    if (outs) {
        f->fields[F_OUTCOME].choices = outs;
        f->fields[F_OUTCOME].nchoices = nout;
    } else {
        form_off(f, F_OUTCOME); /* no outcome for this rule */
    }
    if (!strcmp(rule, "LOCAL-CME-ENQUIRY") || !strcmp(rule, "LOCAL-EHE-ENQUIRY")) {
        form_off(f, F_DELIVERY); /* an enquiry is not a notice sent to someone */
        form_off(f, F_TO);
    }
    if (!strcmp(rule, "LOCAL-MASH-ASSESS")) { /* an assessment: nothing sent, no one told */
        f->fields[F_DONE].label = "Date of the assessment";
        f->fields[F_OUTCOME].label = "What did the MASH decide?";
        f->fields[F_OUTCOME].missing = "Select what the MASH decided";
        form_off(f, F_DELIVERY);
        form_off(f, F_TO);
    }
    if (strcmp(rule, "LOCAL-AP-REVIEW"))
        form_off(f, F_SESSIONS);
    if (strcmp(rule, "LOCAL-AP-INFO"))
        form_off(f, F_WHAT);
    return true;
}

void page_action(const web_request *req, web_response *res)
{
    if (!*web_query(req, "rule")) { /* a partner's list holds the MASH's assessments only */
        list_page(req, res, web_path(req, "upn"));
        return;
    }
    action_page a;
    if (prepare(req, res, &a))
        form_page(&a.f, res, &a);
    or_model_free(a.m);
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

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const action_page *a = ctx;
    const web_request *req = f->req;
    const char *urn = form_text(f, F_URN), *event = form_text(f, F_EVENT);
    const char *ref =
        or_arena_strdup(req->arena, *event ? event : latest_event(a->m, a->upn, atoi(urn)));
    if (!*ref) {
        form_error(f, -1,
                   "This duty cannot be recorded here: the pupil has no event at this school for "
                   "the action to name.");
        return false;
    }
    const char *id = form_text(f, F_EVENT_ID), *rule = form_text(f, F_RULE);
    web_event_cells(req, cells, id, a->upn, urn, "action", form_text(f, F_DONE));
    form_cells(f, cells);
    cells[OR_EV_REF] = ref;
    cells[OR_EV_RULE] = rule;
    if (!strcmp(rule, "LOCAL-AP-INFO")) { /* what was sent, as the action's details (ap.h) */
        or_sb json = OR_SB_INIT;
        or_error err = {0};
        if (or_ap_info_json(form_text(f, F_WHAT), &json, &err)) {
            or_sb_release(&json);
            form_error(f, F_WHAT, "Enter what was sent or received");
            return false;
        }
        cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, or_sb_str(&json));
        or_sb_release(&json);
    }
    *detail = or_arena_printf(req->arena, "recorded action %s: %s for %s at school %s on %s", id,
                              rule, ref, urn, cells[OR_EV_START]);
    return true;
}

/* Where to go once saved: back to the list the officer came from (list_back), else to the
 * pupil's page, where the duty shows as done. */
static const char *back_to(const web_request *req, const action_page *a)
{
    const char *back = form_text(&a->f, F_BACK);
    if (list_back(back))
        return or_arena_printf(req->arena, "%s%srecorded=%s", back, strchr(back, '?') ? "&" : "?",
                               form_text(&a->f, F_RULE));
    return or_arena_printf(req->arena, "/pupils/%s?action=%s", a->upn, form_text(&a->f, F_RULE));
}

void page_action_post(const web_request *req, web_response *res)
{
    action_page a;
    if (!prepare(req, res, &a)) {
        or_model_free(a.m);
        return;
    }
    form_flow fl = {
        .upn = a.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/action", a.upn),
        .done = back_to(req, &a),
        .no_check = true,
        .what = "action",
        .row = row,
        .show_form = form_page,
    };
    form_post(&a.f, res, &fl, &a);
    or_model_free(a.m);
}
