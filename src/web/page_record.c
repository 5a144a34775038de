/* page_record.c - GET and POST /pupils/{upn}/record : record a suspension, a lunchtime
 * suspension or a permanent exclusion: a form of the form engine (form.h), in two steps.
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
#include "web/form.h"
#include "web/view.h"

static const gov_choice types[] = {
    {"suspension", "Suspension", "A fixed period, counted in half-day sessions"},
    {"lunchtime", "Lunchtime suspension", "Each lunchtime counts as half a school day"},
    {"permanent", "Permanent exclusion", NULL},
};

enum {
    F_EVENT_ID,
    F_TYPE,
    F_URN,
    F_START,
    F_SESSIONS,
    F_REASONS,
    F_DECIDED,
    F_EXAM,
    F_NOTES,
    F__N
};
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    [F_TYPE] = {"type", "Type", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the type of exclusion", .column = FORM_COLUMN(OR_EV_TYPE),
                .choices = types, .nchoices = 3},
    /* the LA chooses among the pupil's schools (or types a URN); a school records for itself */
    [F_URN] = {"urn", "School", "The school that is excluding the pupil", FORM_RADIOS,
               FORM_REQUIRED | FORM_SMALL | FORM_ANY, .noun = "school",
               .missing = "Select the school", .column = FORM_COLUMN(OR_EV_URN)},
    [F_START] = {"start", "Start date",
                 "The first day the pupil is out of school, for example 24 11 2026", FORM_DATE,
                 FORM_REQUIRED, .column = FORM_COLUMN(OR_EV_START)},
    /* required of a suspension (set per request); the importer checks the number */
    [F_SESSIONS] = {"sessions", "Number of sessions",
                    "Suspension: half-day sessions (2 a school day). Lunchtime suspension: the "
                    "number of lunchtimes. Leave empty for a permanent exclusion.",
                    FORM_NUMBER, .width = "govuk-input--width-3",
                    .column = FORM_COLUMN(OR_EV_SESSIONS)},
    /* the reasons of the census list in force from 1 September 2020 (set per request) */
    [F_REASONS] = {"reasons", "Reasons", "Select up to 3, the main reason first", FORM_CHECKBOXES,
                   FORM_REQUIRED, .missing = "Select at least one reason (at most three)",
                   .column = FORM_COLUMN(OR_EV_REASONS)},
    [F_DECIDED] = {"decided", "Date of the head teacher's decision (optional)",
                   "Only if it was made before the start date (a decision cannot come after it)",
                   FORM_DATE, .noun = "date of the decision", .column = FORM_COLUMN(OR_EV_DECIDED)},
    [F_EXAM] = {"exam", "Date of a public exam or national test the pupil would miss (optional)",
                NULL, FORM_DATE, .noun = "date of the exam",
                .column = FORM_COLUMN(OR_EV_EXAM_DATE)},
    [F_NOTES] = {"notes", "Notes (optional)",
                 "What happened and what was tried before. Write only what the record needs.",
                 FORM_TEXTAREA, .rows = 5, .column = FORM_COLUMN(OR_EV_NOTES)},
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

typedef struct {
    const char *upn;
    form f;
} record_page;

static const char *path_of(const web_request *req, const record_page *r)
{
    return or_arena_printf(req->arena, "/pupils/%s/record", r->upn);
}

static const char *caption(const web_request *req, const char *upn)
{
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    return or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", upn);
}

/* The form read and made for this request and user. */
static void prepare(const web_request *req, record_page *r)
{
    r->upn = web_path(req, "upn");
    form *f = &r->f;
    form_init(f, req, fields, F__N);
    gov_choice *reasons = or_arena_alloc(req->arena, 32 * sizeof *reasons);
    int nr = 0;
    for (size_t i = 0; i < or_codeset_size(OR_CS_EXCL_REASON) && nr < 32; i++) {
        const or_code_entry *c = or_codeset_at(OR_CS_EXCL_REASON, i);
        if (!c->group || strcmp(c->group, "2020-onwards") || c->valid_to != OR_DATE_NONE)
            continue;
        reasons[nr++] = (gov_choice){
            c->code, or_arena_printf(req->arena, "%s (%s)", c->description, c->code), NULL};
    }
    f->fields[F_REASONS].choices = reasons;
    f->fields[F_REASONS].nchoices = nr;
    form_read(f);  /* a GET has no form: every field empty */
    if (f->posted) /* the id is made at the first check, then carried */
        form_event_id(f, F_EVENT_ID);
    const char *type = form_text(f, F_TYPE);
    if (!strcmp(type, "suspension") || !strcmp(type, "lunchtime"))
        f->fields[F_SESSIONS].flags |= FORM_REQUIRED;
    int mine = web_user_school(req); /* a school records for itself */
    if (mine) {
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label =
            or_arena_printf(req->arena, "School: %s (your school).", view_school_label(req, mine));
    }
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const record_page *r = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    or_model *m = NULL;
    or_error err = {0};
    web_schools sc = {0};
    if (f->fields[F_URN].type != FORM_FIXED) { /* the LA: the pupil's schools */
        if (!or_model_load(req->store, r->upn, &m, &err))
            web_pupil_schools(req, m, r->upn, &sc);
        if (sc.n) {
            f->fields[F_URN].choices = sc.items;
            f->fields[F_URN].nchoices = sc.n;
            if (!*form_text(f, F_URN))
                form_set(f, F_URN, or_arena_strdup(req->arena, sc.current));
        } else {
            f->fields[F_URN].type = FORM_TEXT;
            f->fields[F_URN].label = "School URN";
            f->fields[F_URN].hint = "The school that is excluding the pupil: 6 digits";
            f->fields[F_URN].width = "govuk-input--width-10";
        }
    }
    form_page_start(out, f, "Record a suspension or exclusion",
                    or_arena_printf(req->arena, "/pupils/%s", r->upn), "Back to the pupil's record",
                    caption(req, r->upn));
    form_start(out, f, path_of(req, r));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
    or_model_free(m);
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
static void show_check(form *fm, web_response *res, const or_pupil_facts *f, const or_model *m,
                       void *ctx)
{
    const record_page *r = ctx;
    const web_request *req = fm->req;
    const or_params *p = or_model_params(m);
    or_sb *out = &res->body;
    const char *type = form_text(fm, F_TYPE), *event_id = form_text(fm, F_EVENT_ID);
    const char *sessions = form_text(fm, F_SESSIONS);
    int urn = atoi(form_text(fm, F_URN));
    const or_fact_event *ev = or_facts_event(f, urn, event_id);
    char name[300];
    web_pupil_name(req, r->upn, name, sizeof name);
    form_check_start(out, fm,
                     or_arena_printf(req->arena, "Check the %s before saving", type_words(type)),
                     caption(req, r->upn), true);

    const or_school_info *school = or_model_school(m, urn);
    char d1[24];
    gov_summary_start(out);
    gov_summary_row(out, "Type", type_label(type));
    gov_summary_row(out, "School",
                    or_arena_printf(req->arena, "%s (URN %d)",
                                    school && school->name ? school->name : "School", urn));
    gov_summary_row(out, "Start date", web_date_human(ev ? ev->start : OR_DATE_NONE, d1));
    if (*sessions)
        gov_summary_row(out, !strcmp(type, "lunchtime") ? "Lunchtimes" : "Sessions",
                        or_arena_printf(req->arena, "%s (%d%s school %s)", sessions,
                                        ev ? or_excl_halfdays(ev) / 2 : 0,
                                        ev && or_excl_halfdays(ev) % 2 ? ".5" : "",
                                        ev && or_excl_halfdays(ev) == 2 ? "day" : "days"));
    const char *reasons = "";
    const form_value *rv = &fm->v[F_REASONS];
    for (int i = 0; i < rv->nitems; i++) {
        const or_code_entry *c =
            or_code_find(OR_CS_EXCL_REASON, rv->items[i], ev ? ev->start : OR_DATE_NONE);
        const char *words = c ? c->description : rv->items[i];
        reasons = i ? or_arena_printf(req->arena, "%s; %s", reasons, words) : words;
    }
    gov_summary_row(out, "Reasons", reasons);
    gov_summary_row(out, "Date of the decision",
                    web_date_human(ev ? ev->decided : OR_DATE_NONE, d1));
    if (*form_text(fm, F_EXAM))
        gov_summary_row(out, "Exam the pupil would miss",
                        web_date_human(ev ? ev->exam_date : OR_DATE_NONE, d1));
    form_summary_row(out, fm, F_NOTES);
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
                !strcmp(duties.items[i].event_id, event_id))
                duties.items[n++] = duties.items[i];
        duties.n = n;
        or_duties_sort(&duties);
        if (n)
            web_duties_table(out, "The duties this creates", r->upn, duties.items, n, false);
        else
            html_raw(out, "<p class=\"govuk-body\">This creates no duties.</p>\n");
    }
    form_check_end(out, fm, path_of(req, r),
                   or_arena_printf(req->arena, "Save the %s", type_words(type)));
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const record_page *r = ctx;
    const web_request *req = f->req;
    const char *id = form_text(f, F_EVENT_ID), *type = form_text(f, F_TYPE);
    const char *urn = form_text(f, F_URN), *start = form_text(f, F_START);
    const char *sessions = form_text(f, F_SESSIONS);
    web_event_cells(req, cells, id, r->upn, urn, type, start);
    form_cells(f, cells);
    *detail = or_arena_printf(req->arena, "recorded %s %s at school %s from %s (%s sessions)", type,
                              id, urn, start, *sessions ? sessions : "no");
    return true;
}

void page_record(const web_request *req, web_response *res)
{
    record_page r;
    prepare(req, &r);
    show_form(&r.f, res, &r);
}

void page_record_post(const web_request *req, web_response *res)
{
    record_page r;
    prepare(req, &r);
    form_flow fl = {
        .upn = r.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/record", r.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s?recorded=%s", r.upn,
                                known_type(form_text(&r.f, F_TYPE)) ? form_text(&r.f, F_TYPE)
                                                                    : "suspension"),
        .facts = true,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(&r.f, res, &fl, &r);
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
