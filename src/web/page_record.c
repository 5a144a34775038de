/* page_record.c - GET and POST /pupils/{upn}/record : record a suspension, a lunchtime
 * suspension or a permanent exclusion, in two steps.
 *
 *   1. The form: type, school, start date, sessions, reasons (the 2020 census reason codes,
 *      up to three), date of the decision, date of an exam the pupil would miss, notes.
 *   2. "Check" (action=check): the row goes through the importer (ingest.h: one batch, source
 *      kind "form", validated exactly as a CSV row) inside a transaction; the pupil's facts are
 *      loaded inside it, with the new event, and the duties it would create and the warnings
 *      (45-day cap, looked after: consult the Virtual School first, EHC plan) are worked out;
 *      then everything is rolled back. Errors go back to the form, each against its field,
 *      with what was typed kept.
 *   3. "Save" (action=save): the same row, committed together with its line in the audit log
 *      (no log line, no change); then to the pupil's page with a banner (page_record_banner).
 *
 * The event's id ("WEB-" and random hex, the school's event_id) is made at the first check and
 * carried through the steps, so that sending the same "Save" twice records it once.
 *
 * Who: a school account for its own pupils and its own school (the URN is the account's,
 * whatever the form says); the LA for any school. The route is WEB_F_PUPIL: the pupil is in
 * the user's scope (else 404) and the read is logged before this runs (server.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/excl.h"
#include "onroll/rules.h"
#include "web/forms.h"

/* What the form holds, as typed. */
typedef struct {
    const char *upn, *type, *urn, *sessions, *notes, *event_id;
    const char *start_d, *start_m, *start_y, *decided_d, *decided_m, *decided_y;
    const char *exam_d, *exam_m, *exam_y;
    const char **reasons; /* the ticked codes */
    int nreasons;
    /* as the importer gets them */
    const char *start, *decided, *exam, *reason_list;
} record;

static const gov_choice types[] = {
    {"suspension", "Suspension", "A fixed period, counted in half-day sessions"},
    {"lunchtime", "Lunchtime suspension", "Each lunchtime counts as half a school day"},
    {"permanent", "Permanent exclusion", NULL},
};

/* Each events column the form fills: the field it comes from (the error summary's link) and
 * its name for people. */
static const web_field fields[] = {
    {"type", "type", "type", "Select the type of exclusion"},
    {"urn", "urn", "school", "Select the school"},
    {"start", "start-day", "start date", NULL},
    {"sessions", "sessions", "number of sessions", NULL},
    {"reasons", "reasons", "reasons", "Select at least one reason (at most three)"},
    {"decided", "decided-day", "date of the decision", NULL},
    {"exam_date", "exam-day", "date of the exam", NULL},
    {"notes", "notes", "notes", NULL},
};

static const char *type_label(const char *type)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(types[i].value, type))
            return types[i].label;
    return "Exclusion";
}

/* "a suspension", "a permanent exclusion"... in a sentence. */
static const char *type_words(const char *type)
{
    return !strcmp(type, "lunchtime")   ? "lunchtime suspension"
           : !strcmp(type, "permanent") ? "permanent exclusion"
                                        : "suspension";
}

static bool known_type(const char *type)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(types[i].value, type))
            return true;
    return false;
}

/* Line breaks as "\n" (browsers send "\r\n"). */
static const char *unix_lines(or_arena *a, const char *s)
{
    char *out = or_arena_strdup(a, s), *o = out;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *o++ = *p == '\r' ? '\n' : *p;
    *o = '\0';
    return out;
}

static void read_form(const web_request *req, record *r)
{
    memset(r, 0, sizeof *r);
    r->upn = web_path(req, "upn");
    r->type = web_form(req, "type");
    r->urn = web_form(req, "urn");
    r->sessions = web_form(req, "sessions");
    r->notes = unix_lines(req->arena, web_form(req, "notes"));
    r->event_id = web_form(req, "event_id");
    r->start_d = web_form(req, "start-day");
    r->start_m = web_form(req, "start-month");
    r->start_y = web_form(req, "start-year");
    r->decided_d = web_form(req, "decided-day");
    r->decided_m = web_form(req, "decided-month");
    r->decided_y = web_form(req, "decided-year");
    r->exam_d = web_form(req, "exam-day");
    r->exam_m = web_form(req, "exam-month");
    r->exam_y = web_form(req, "exam-year");
    r->reasons = or_arena_alloc(req->arena, (size_t)(req->form.n + 1) * sizeof *r->reasons);
    r->reason_list = "";
    for (int i = 0; i < req->form.n; i++) {
        const char *v = req->form.items[i].value;
        if (strcmp(req->form.items[i].name, "reasons") || !*v)
            continue;
        r->reasons[r->nreasons++] = v;
        r->reason_list =
            *r->reason_list ? or_arena_printf(req->arena, "%s;%s", r->reason_list, v) : v;
    }
    r->start = web_date_from_parts(req->arena, r->start_d, r->start_m, r->start_y);
    r->decided = web_date_from_parts(req->arena, r->decided_d, r->decided_m, r->decided_y);
    r->exam = web_date_from_parts(req->arena, r->exam_d, r->exam_m, r->exam_y);
    /* a school records for itself */
    int mine = web_user_school(req);
    if (mine)
        r->urn = or_arena_printf(req->arena, "%d", mine);
}

/* The row for the importer, in the events kind's column order. */
static void to_cells(const web_request *req, const record *r, const char **cells)
{
    web_event_cells(req, cells, r->event_id, r->upn, r->urn, r->type, r->start);
    cells[OR_EV_SESSIONS] = r->sessions;
    cells[OR_EV_REASONS] = r->reason_list;
    cells[OR_EV_DECIDED] = r->decided;
    cells[OR_EV_EXAM_DATE] = r->exam;
    cells[OR_EV_NOTES] = r->notes;
}

/* ---- the errors of the importer, against the form's fields ---- */

typedef struct {
    gov_error items[64];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < (int)(sizeof e->items / sizeof e->items[0]))
        e->items[e->n++] = (gov_error){field, msg};
}

static void map_errors(const web_request *req, errors *e, const char *name, const char *text)
{
    web_form_errors(req->arena, text, name, fields, (int)(sizeof fields / sizeof fields[0]),
                    e->items, &e->n, (int)(sizeof e->items / sizeof e->items[0]));
}

/* ---- the pages ---- */

static void heading(or_sb *out, const char *caption, const char *title)
{
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", caption);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
}

static void show_form(const web_request *req, web_response *res, const record *r, const errors *e)
{
    or_sb *out = &res->body;
    char name[300];
    web_pupil_name(req, r->upn, name, sizeof name);
    or_model *m = NULL;
    or_error err = {0};
    int mine = web_user_school(req);
    web_schools sc = {0};
    if (!mine && !or_model_load(req->store, r->upn, &m, &err))
        web_pupil_schools(req, m, r->upn, &sc);

    const char *title = "Record a suspension or exclusion";
    gov_page_start(out, req, e->n ? "Error: Record a suspension or exclusion" : title);
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's "
                "record</a>\n",
                r->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    heading(out, or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", r->upn),
            title);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/record", r->upn));
    gov_hidden(out, "event_id", r->event_id);
    gov_radios(out, "type", "Type", NULL, types, 3, r->type, gov_error_for(e->items, e->n, "type"),
               false);
    if (mine) {
        html_printf(out, "<p class=\"govuk-body\">School: URN %s (your school).</p>\n", r->urn);
    } else if (sc.n) {
        gov_radios(out, "urn", "School", "The school that is excluding the pupil", sc.items, sc.n,
                   *r->urn ? r->urn : sc.current, gov_error_for(e->items, e->n, "urn"), true);
    } else {
        gov_text_input(out, "urn", "School URN", "The school that is excluding the pupil: 6 digits",
                       r->urn, "govuk-input--width-10", gov_error_for(e->items, e->n, "urn"));
    }
    gov_date_input(out, "start", "Start date",
                   "The first day the pupil is out of school, for example 24 11 2026", r->start_d,
                   r->start_m, r->start_y, gov_error_for(e->items, e->n, "start-day"));
    gov_text_input(out, "sessions", "Number of sessions",
                   "Suspension: half-day sessions (2 a school day). Lunchtime suspension: the "
                   "number of lunchtimes. Leave empty for a permanent exclusion.",
                   r->sessions, "govuk-input--width-3", gov_error_for(e->items, e->n, "sessions"));

    /* the reasons of the census list in force from 1 September 2020 */
    gov_choice reasons[32];
    bool ticked[32];
    int nr = 0;
    for (size_t i = 0; i < or_codeset_size(OR_CS_EXCL_REASON) && nr < 32; i++) {
        const or_code_entry *c = or_codeset_at(OR_CS_EXCL_REASON, i);
        if (!c->group || strcmp(c->group, "2020-onwards") || c->valid_to != OR_DATE_NONE)
            continue;
        ticked[nr] = false;
        for (int j = 0; j < r->nreasons; j++)
            ticked[nr] |= !strcmp(r->reasons[j], c->code);
        reasons[nr++] = (gov_choice){
            c->code, or_arena_printf(req->arena, "%s (%s)", c->description, c->code), NULL};
    }
    gov_checkboxes(out, "reasons", "Reasons", "Select up to 3, the main reason first", reasons, nr,
                   ticked, gov_error_for(e->items, e->n, "reasons"));
    gov_date_input(out, "decided", "Date of the head teacher's decision (optional)",
                   "Only if it was made before the start date (a decision cannot come after it)",
                   r->decided_d, r->decided_m, r->decided_y,
                   gov_error_for(e->items, e->n, "decided-day"));
    gov_date_input(out, "exam",
                   "Date of a public exam or national test the pupil would miss "
                   "(optional)",
                   NULL, r->exam_d, r->exam_m, r->exam_y,
                   gov_error_for(e->items, e->n, "exam-day"));
    gov_textarea(out, "notes", "Notes (optional)",
                 "What happened and what was tried before. Write only what the record needs.",
                 r->notes, 5, gov_error_for(e->items, e->n, "notes"));
    gov_button_value(out, "Continue", "action", "check", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    or_model_free(m);
    if (e->n)
        res->status = 400;
}

/* The record's fields again, hidden, for the check page's buttons. */
static void hidden_fields(or_sb *out, const record *r)
{
    gov_hidden(out, "event_id", r->event_id);
    gov_hidden(out, "type", r->type);
    gov_hidden(out, "urn", r->urn);
    gov_hidden(out, "start-day", r->start_d);
    gov_hidden(out, "start-month", r->start_m);
    gov_hidden(out, "start-year", r->start_y);
    gov_hidden(out, "sessions", r->sessions);
    for (int i = 0; i < r->nreasons; i++)
        gov_hidden(out, "reasons", r->reasons[i]);
    gov_hidden(out, "decided-day", r->decided_d);
    gov_hidden(out, "decided-month", r->decided_m);
    gov_hidden(out, "decided-year", r->decided_y);
    gov_hidden(out, "exam-day", r->exam_d);
    gov_hidden(out, "exam-month", r->exam_m);
    gov_hidden(out, "exam-year", r->exam_y);
    gov_hidden(out, "notes", r->notes);
}

/* Half-days of suspension counted in ev's school year, across all schools, ev included: the
 * cap's own sum (duties.h, or_cap_sum). */
static int year_halfdays(const or_pupil_facts *f, const or_fact_event *ev)
{
    or_cap_total t;
    or_cap_sum(f, or_date_academic_year(ev->start), 0, -1, &t);
    return t.halfdays;
}

static void warnings(const web_request *req, or_sb *out, const or_pupil_facts *f,
                     const or_params *p, const or_fact_event *ev, const char *name)
{
    const char *who = name[0] ? name : "The pupil";
    const char *what = type_words(or_event_kind_name(ev->kind));
    const or_fact_snapshot *s = or_facts_snapshot_on(f, ev->decided);
    if (s && s->cla == 1)
        gov_warning(out, or_arena_printf(req->arena,
                                         "%s is looked after. Consult the Virtual School first, "
                                         "before the %s is decided (LOCAL-VS-CONSULT), and tell "
                                         "the Virtual School Head of it without delay "
                                         "(STAT-NOTIFY-VSH).",
                                         who, what));
    else if ((s && s->pla == 1) || or_facts_has_social_worker(f, ev->decided))
        gov_warning(out, or_arena_printf(req->arena,
                                         "%s %s. Consult the Virtual School first, before the "
                                         "%s is decided (LOCAL-VS-CONSULT).",
                                         who,
                                         s && s->pla == 1 ? "was previously looked after"
                                                          : "has a social worker",
                                         what));
    if (s && s->sen == 'E')
        gov_warning(out, or_arena_printf(req->arena,
                                         "%s has an education, health and care (EHC) plan. Check "
                                         "that the plan's provision was in place, and consider an "
                                         "emergency review of the plan (LOCAL-EHCP-REVIEW).",
                                         who));
    if (ev->kind == OR_EV_SUSPENSION || ev->kind == OR_EV_LUNCHTIME) {
        int total = year_halfdays(f, ev), cap = p->v[OR_P_CAP_DAYS];
        int ay = or_date_academic_year(ev->start);
        const char *text = or_arena_printf(
            req->arena,
            "With this %s, %s has %d%s %s of suspension in %d/%02d across all schools. The "
            "limit is %d school days in a school year (STAT-45DAY-CAP).",
            what, who, total / 2, total % 2 ? ".5" : "", total == 2 ? "day" : "days", ay,
            (ay + 1) % 100, cap);
        if (total >= 2 * (cap - 10))
            gov_warning(out, text);
        else
            html_printf(out, "<p class=\"govuk-body\">%s</p>\n", text);
    }
}

/* The check page: what will be recorded, the warnings, the duties; Save or Change. */
static void show_check(const web_request *req, web_response *res, const record *r,
                       const or_pupil_facts *f, const or_params *p, const or_model *m)
{
    or_sb *out = &res->body;
    int urn = atoi(r->urn);
    const or_fact_event *ev = or_facts_event(f, urn, r->event_id);
    char name[300];
    web_pupil_name(req, r->upn, name, sizeof name);
    const char *title =
        or_arena_printf(req->arena, "Check the %s before saving", type_words(r->type));
    gov_page_start(out, req, title);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    heading(out, or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", r->upn),
            title);
    html_raw(out, "<p class=\"govuk-body\">Nothing has been saved yet.</p>\n");

    const or_school_info *school = or_model_school(m, urn);
    char d1[16];
    gov_summary_start(out);
    gov_summary_row(out, "Type", type_label(r->type));
    gov_summary_row(out, "School",
                    or_arena_printf(req->arena, "%s (URN %d)",
                                    school && school->name ? school->name : "School", urn));
    gov_summary_row(out, "Start date", web_date_human(ev ? ev->start : OR_DATE_NONE, d1));
    if (*r->sessions)
        gov_summary_row(out, !strcmp(r->type, "lunchtime") ? "Lunchtimes" : "Sessions",
                        or_arena_printf(req->arena, "%s (%d%s school %s)", r->sessions,
                                        ev ? or_excl_halfdays(ev) / 2 : 0,
                                        ev && or_excl_halfdays(ev) % 2 ? ".5" : "",
                                        ev && or_excl_halfdays(ev) == 2 ? "day" : "days"));
    const char *reasons = "";
    for (int i = 0; i < r->nreasons; i++) {
        const or_code_entry *c =
            or_code_find(OR_CS_EXCL_REASON, r->reasons[i], ev ? ev->start : OR_DATE_NONE);
        const char *words = c ? c->description : r->reasons[i];
        reasons = i ? or_arena_printf(req->arena, "%s; %s", reasons, words) : words;
    }
    gov_summary_row(out, "Reasons", reasons);
    gov_summary_row(out, "Date of the decision",
                    web_date_human(ev ? ev->decided : OR_DATE_NONE, d1));
    if (*r->exam)
        gov_summary_row(out, "Exam the pupil would miss",
                        web_date_human(ev ? ev->exam_date : OR_DATE_NONE, d1));
    if (*r->notes)
        gov_summary_row(out, "Notes", r->notes);
    gov_summary_end(out);

    if (ev)
        warnings(req, out, f, p, ev, name);

    /* the duties of this event, as of today (or the decision, if later) */
    or_duty_list duties;
    or_duty_list_init(&duties, req->arena);
    or_date as_of = web_today(req);
    if (ev && ev->decided > as_of)
        as_of = ev->decided;
    or_error err = {0};
    if (ev && !or_duties_for_pupil(f, p, as_of, &duties, &err)) {
        int n = 0;
        for (int i = 0; i < duties.n; i++)
            if (duties.items[i].urn == urn && duties.items[i].event_id &&
                !strcmp(duties.items[i].event_id, r->event_id))
                duties.items[n++] = duties.items[i];
        duties.n = n;
        or_duties_sort(&duties);
        if (n)
            web_duties_table(out, "The duties this creates", r->upn, duties.items, n, false);
        else
            html_raw(out, "<p class=\"govuk-body\">This creates no duties.</p>\n");
    }

    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/record", r->upn));
    hidden_fields(out, r);
    gov_check_page_end(out, req, or_arena_printf(req->arena, "Save the %s", type_words(r->type)));
}

static void server_error(const web_request *req, web_response *res, const char *what)
{
    or_sb_reset(&res->body);
    web_error(req, res, 500, "Sorry, there is a problem with the service", what);
}

void page_record(const web_request *req, web_response *res)
{
    record r;
    read_form(req, &r); /* a GET has no form: every field empty */
    errors e = {0};
    show_form(req, res, &r, &e);
}

void page_record_post(const web_request *req, web_response *res)
{
    record r;
    read_form(req, &r);
    const char *action = web_form(req, "action");
    errors e = {0};
    char id[WEB_EVENT_ID_LEN + 1];
    if (!web_event_id_ok(r.event_id)) {
        web_new_event_id(id);
        r.event_id = or_arena_strdup(req->arena, id);
    }
    if (!strcmp(action, "change")) {
        show_form(req, res, &r, &e);
        return;
    }
    if (!known_type(r.type)) {
        add_error(&e, "type", "Select the type of exclusion");
        show_form(req, res, &r, &e);
        return;
    }
    bool save = !strcmp(action, "save");
    const char *cells[OR_EV__N];
    to_cells(req, &r, cells);
    const char *name = or_arena_printf(req->arena, "form /pupils/%s/record", r.upn);
    or_ingest_result ir = {0};
    or_error err = {0};
    /* one transaction around the batch (a savepoint) and what goes with it: the preview's
     * look at the pupil's facts (then rolled back) or the audit line (committed with it) */
    if (or_store_begin(req->store, &err)) {
        server_error(req, res, "The database did not answer. Nothing was saved.");
        return;
    }
    or_code rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), name, cells, &ir, &err);
    if (rc == OR_EINPUT) {
        or_store_rollback(req->store);
        map_errors(req, &e, name, ir.errors.len ? or_sb_str(&ir.errors) : err.msg);
        if (!e.n)
            add_error(&e, NULL, "The record could not be checked.");
        or_ingest_result_release(&ir);
        show_form(req, res, &r, &e);
        return;
    }
    if (rc) {
        or_store_rollback(req->store);
        or_ingest_result_release(&ir);
        server_error(req, res, "The record could not be checked. Nothing was saved.");
        return;
    }
    if (!save) {
        or_model *m = NULL;
        const or_pupil_facts *f = NULL;
        if (!or_model_load(req->store, r.upn, &m, &err))
            f = or_model_find(m, r.upn);
        if (f)
            show_check(req, res, &r, f, or_model_params(m), m);
        else
            server_error(req, res, "The pupil's record could not be read. Nothing was saved.");
        or_store_rollback(req->store); /* the preview leaves no trace */
        or_model_free(m);
        or_ingest_result_release(&ir);
        return;
    }
    char detail[200];
    snprintf(detail, sizeof detail, "recorded %s %s at school %s from %s (%s sessions)", r.type,
             r.event_id, r.urn, r.start, *r.sessions ? r.sessions : "no");
    bool changed = ir.committed;
    or_ingest_result_release(&ir);
    if ((changed && web_audit(req, "change", r.upn, detail)) || or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        server_error(req, res,
                     "The change could not be written to the audit log, so it was not "
                     "saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/pupils/%s?recorded=%s", r.upn, r.type));
}

void page_record_banner(const web_request *req, or_sb *out)
{
    const char *type = web_query(req, "recorded"), *rule = web_query(req, "action");
    if (known_type(type)) {
        gov_notification(out, "Success",
                         or_arena_printf(req->arena, "%s recorded. Its duties are listed below.",
                                         type_label(type)),
                         true);
    } else if (*rule && or_rule_find(rule)) {
        gov_notification(out, "Success",
                         or_arena_printf(req->arena, "Action recorded: %s, %s", rule,
                                         or_rule_find(rule)->summary),
                         true);
    }
}
