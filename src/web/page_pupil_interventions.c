/* page_pupil_interventions.c - GET and POST /pupils/{upn}/interventions : the interventions a
 * pupil receives, and assigning one: a form of the form engine (form.h), in two steps.
 *
 *   GET: the pupil's interventions (interventions_view.h: each as its latest record says:
 *        name, level, start, planned end, who delivers, status), then the form to assign one:
 *        the entry of the directory (chosen already with ?intervention=ID, from the entry's
 *        "Assign to a pupil"), the school (the LA chooses among the pupil's; a school records
 *        for itself), start date, planned end, who delivers, notes. With ?change=EVENT_ID&urn=URN
 *        (the "Change or end" link of a record) the form changes that intervention instead:
 *        the same fields, filled in, the entry fixed.
 *   POST action=check: the row goes through the importer (one batch, source kind "form",
 *        validated exactly as a CSV row, the directory's id checked) inside a transaction that
 *        is rolled back; the check page shows what will be recorded; errors go back to the form
 *        against their fields (the GOV.UK error summary), with what was typed kept.
 *   POST action=save: the same row, committed with its audit line; back here with a banner.
 *
 * What is recorded is an `intervention` event (formats.md additions: intervention = the
 * directory's id, provider = who delivers, end = the planned end). Changing or ending one early
 * records a new `intervention` event whose ref is the first record's event_id, restating it
 * with the new values: the latest record wins, the ledger is never overwritten. The event's id
 * ("WEB-" and random hex) is made at the first check and carried through the steps, so that
 * sending "Save" twice records it once.
 *
 * Who: the LA, and a school for its own pupils and its own school's records (routes.c:
 * WEB_RECORD_ROLES, WEB_F_PUPIL: the pupil is in scope and the read is logged by server.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store_interventions.h"
#include "web/form.h"
#include "web/interventions_view.h"
#include "web/view.h"

enum { F_EVENT_ID, F_REF, F_INTERVENTION, F_URN, F_START, F_END, F_PROVIDER, F_NOTES, F__N };
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    /* the first record's event_id, on a change */
    [F_REF] = {"ref", .type = FORM_HIDDEN, .column = FORM_COLUMN(OR_EV_REF)},
    /* the directory's active entries (set per request; the importer checks the id) */
    [F_INTERVENTION] = {"intervention", "Intervention",
                        "The entry of the directory (its level of need in brackets)", FORM_SELECT,
                        FORM_REQUIRED | FORM_ANY,
                        .missing = "Select an intervention from the directory",
                        .column = FORM_COLUMN(OR_EV_INTERVENTION_ID)},
    /* the LA chooses among the pupil's schools (or types a URN); a school records for itself */
    [F_URN] = {"urn", "School", "The school that puts it in place", FORM_RADIOS,
               FORM_REQUIRED | FORM_SMALL | FORM_ANY, .noun = "school",
               .missing = "Select the school", .column = FORM_COLUMN(OR_EV_URN)},
    [F_START] = {"start", "Start date", "For example, 24 11 2026", FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    [F_END] = {"end", "Planned end date", "For example, 19 2 2027", FORM_DATE, FORM_REQUIRED,
               .column = FORM_COLUMN(OR_EV_END)},
    [F_PROVIDER] = {"provider", "Who delivers it",
                    "A role or a service, for example \"Learning mentor\" or \"School "
                    "Counselling Service\"",
                    FORM_TEXT, FORM_REQUIRED, .noun = "who delivers it",
                    .missing = "Enter who delivers it", .column = FORM_COLUMN(OR_EV_PROVIDER)},
    [F_NOTES] = {"notes", "Notes (optional)",
                 "Targets, how progress will be measured. Write only what the record needs.",
                 FORM_TEXTAREA, .rows = 3, .column = FORM_COLUMN(OR_EV_NOTES)},
};

typedef struct {
    const char *upn;
    const iv_record *change; /* the record a change form changes, or NULL */
    or_intervention x;       /* the directory's entry chosen (on a POST) */
    bool found;
    form f;
} iv_page;

/* ---- what the page needs to know ---- */

typedef struct {
    gov_choice *items; /* the directory's active entries, by name */
    int n, cap;
    or_arena *a;
} entries;

static or_code on_entry(void *ctx, const or_intervention *e, or_error *err)
{
    (void)err;
    entries *l = ctx;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 128;
        gov_choice *items = or_arena_alloc(l->a, (size_t)cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, (size_t)l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] =
        (gov_choice){or_arena_strdup(l->a, e->id),
                     or_arena_printf(l->a, "%s (%s)", e->name, or_iv_levels[e->level].label), NULL};
    return OR_OK;
}

/* The pupil's schools, the latest first (for the LA's choice). */
static void pupil_schools(const web_request *req, const char *upn, web_schools *out)
{
    memset(out, 0, sizeof *out);
    or_model *m = NULL;
    or_error err = {0};
    if (!or_model_load(req->store, upn, &m, &err))
        web_pupil_schools(req, m, upn, out);
    or_model_free(m);
}

static const iv_record *find_record(const iv_record *r, int n, const char *first_id, int urn)
{
    for (int i = 0; i < n; i++)
        if (r[i].urn == urn && !strcmp(r[i].first_id, first_id))
            return &r[i];
    return NULL;
}

static void server_error(const web_request *req, web_response *res, const char *what)
{
    or_sb_reset(&res->body);
    web_error(req, res, 500, "Sorry, there is a problem with the service", what);
}

static void heading(const web_request *req, or_sb *out, const char *upn, const char *title)
{
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                name[0] ? name : "Pupil", upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
}

/* ---- the page: the records and the form ---- */

static void show_page(form *f, web_response *res, void *ctx)
{
    const iv_page *p = ctx;
    const iv_record *change = p->change;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    iv_record *recs = NULL;
    int nrecs = 0;
    or_error err = {0};
    entries list = {NULL, 0, 0, req->arena};
    or_iv_query all = {0};
    if (iv_pupil_records(req, p->upn, &recs, &nrecs, &err) ||
        (!change && or_iv_search(req->store, &all, on_entry, &list, NULL, &err))) {
        server_error(req, res, "The pupil's interventions could not be read.");
        return;
    }
    if (!change) { /* the directory's entries; the pupil's schools for the LA */
        gov_choice *items = or_arena_alloc(req->arena, (size_t)(list.n + 1) * sizeof *items);
        items[0] = (gov_choice){"", "Choose an intervention", NULL};
        if (list.n)
            memcpy(items + 1, list.items, (size_t)list.n * sizeof *items);
        f->fields[F_INTERVENTION].choices = items;
        f->fields[F_INTERVENTION].nchoices = list.n + 1;
        if (f->fields[F_URN].type != FORM_FIXED) {
            web_schools sc;
            pupil_schools(req, p->upn, &sc);
            if (sc.n) {
                gov_choice *schools = or_arena_alloc(req->arena, sizeof sc.items);
                memcpy(schools, sc.items, sizeof sc.items);
                f->fields[F_URN].choices = schools;
                f->fields[F_URN].nchoices = sc.n;
                if (!*form_text(f, F_URN))
                    form_set(f, F_URN, or_arena_strdup(req->arena, sc.current));
            } else {
                f->fields[F_URN].type = FORM_TEXT;
                f->fields[F_URN].label = "School URN";
                f->fields[F_URN].hint = "6 digits";
                f->fields[F_URN].width = "govuk-input--width-10";
            }
        }
    }
    const char *title = "Interventions";
    gov_page_start(out, req, f->nerrors ? "Error: Interventions" : title);
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's record</a>\n",
                p->upn);
    if (!strcmp(web_query(req, "saved"), "1"))
        gov_notification(out, "Success", "Intervention recorded.", true);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    gov_error_summary(out, f->errors, f->nerrors);
    heading(req, out, p->upn, title);
    if (nrecs)
        iv_records_table(out, req, "Interventions received, the latest first", p->upn, recs, nrecs,
                         true);
    else
        html_raw(out, "<p class=\"govuk-body\">No intervention has been recorded for this "
                      "pupil.</p>\n");
    html_raw(out, "</div>\n</div>\n<div class=\"govuk-grid-row\">\n"
                  "<div class=\"govuk-grid-column-two-thirds\">\n");
    if (change) {
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"assign\">Change or end: %s</h2>\n",
                    change->name);
        html_raw(out, "<p class=\"govuk-body\">This records the intervention again with what you "
                      "enter; the first record is kept. To end it early, enter the date it ended "
                      "as its end date.</p>\n");
    } else {
        html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"assign\">Assign an intervention</h2>\n");
        html_raw(out, "<p class=\"govuk-body\">Choose from the <a class=\"govuk-link\" "
                      "href=\"/interventions\">interventions directory</a>.</p>\n");
    }
    form_start(out, f, or_arena_printf(req->arena, "/pupils/%s/interventions", p->upn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

/* The record the form changes (?change= / ref), checked: the pupil's, and the user's school's.
 * NULL with *status 0 when the form assigns a new one; 404 or 403 otherwise. */
static const iv_record *changed_record(const web_request *req, const char *upn,
                                       const char *first_id, const char *urn, int *status)
{
    *status = 0;
    if (!*first_id)
        return NULL;
    iv_record *recs = NULL;
    int n = 0;
    or_error err = {0};
    if (iv_pupil_records(req, upn, &recs, &n, &err)) {
        *status = 500;
        return NULL;
    }
    const iv_record *r = find_record(recs, n, first_id, atoi(urn));
    if (!r) {
        *status = 404;
        return NULL;
    }
    int mine = web_user_school(req);
    if (mine && r->urn != mine) {
        *status = 403;
        return NULL;
    }
    return r;
}

static void refuse(const web_request *req, web_response *res, int status, const char *upn)
{
    if (status == 403) {
        web_audit(req, "denied", upn, "change of another school's intervention");
        web_error(req, res, 403, "You do not have access to this page",
                  "A school changes the interventions it recorded only.");
    } else if (status == 404) {
        web_error(req, res, 404, "Page not found", "This pupil has no such intervention.");
    } else {
        server_error(req, res, "The pupil's interventions could not be read.");
    }
}

/* The form read and made for this request and user (a change form: the record's entry and
 * school fixed); false with a page written (403, 404, 500) when it cannot be. */
static bool prepare(const web_request *req, web_response *res, iv_page *p)
{
    memset(p, 0, sizeof *p);
    p->upn = web_path(req, "upn");
    form *f = &p->f;
    form_init(f, req, fields, F__N);
    form_read(f); /* a GET has no form: every field empty */
    form_event_id(f, F_EVENT_ID);
    int mine = web_user_school(req);
    if (mine)
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
    int status = 0;
    p->change =
        f->posted
            ? changed_record(req, p->upn, form_text(f, F_REF), form_text(f, F_URN), &status)
            : changed_record(req, p->upn, web_query(req, "change"), web_query(req, "urn"), &status);
    if (status) {
        refuse(req, res, status, p->upn);
        return false;
    }
    const iv_record *change = p->change;
    if (change) {
        /* a change restates the same entry at the same school: both fixed */
        f->fields[F_INTERVENTION].type = FORM_HIDDEN;
        f->fields[F_URN].type = FORM_HIDDEN;
        f->fields[F_END].label = "End date";
        f->fields[F_END].hint = "The planned end, or the date it ended";
        f->fields[F_END].missing = "Enter the end date";
        form_set(f, F_INTERVENTION, change->intervention);
        if (!f->posted) { /* the record as it stands */
            form_set(f, F_REF, change->first_id);
            form_set(f, F_URN, or_arena_printf(req->arena, "%d", change->urn));
            form_set(f, F_PROVIDER, change->provider);
            form_set(f, F_NOTES, change->notes);
            form_set_date(f, F_START, change->start);
            form_set_date(f, F_END, change->end);
        }
    } else if (mine) {
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label =
            or_arena_printf(req->arena, "School: %s (your school).", view_school_label(req, mine));
    }
    return true;
}

void page_pupil_interventions(const web_request *req, web_response *res)
{
    iv_page p;
    if (!prepare(req, res, &p))
        return;
    const char *want = web_query(req, "intervention");
    if (!p.change && *want) { /* from the entry's "Assign to a pupil" */
        or_intervention x;
        bool found = false;
        or_error err = {0};
        if (or_iv_id_ok(want) && !or_iv_get(req->store, want, req->arena, &x, &found, &err) &&
            found && x.active) {
            form_set(&p.f, F_INTERVENTION, x.id);
            if (strcmp(x.provider, "School") && strncmp(x.provider, "Not stated", 10))
                form_set(&p.f, F_PROVIDER, x.provider);
        }
    }
    show_page(&p.f, res, &p);
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const iv_page *p = ctx;
    const iv_record *change = p->change;
    const or_intervention *x = &p->x;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    char name[300];
    web_pupil_name(req, p->upn, name, sizeof name);
    form_check_start(
        out, f, change ? "Check the change before saving" : "Check the intervention before saving",
        or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", p->upn), false);
    or_date end = OR_DATE_NONE;
    or_date_parse(form_text(f, F_END), &end);
    char d[24];
    gov_summary_start(out);
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Intervention</dt>\n<dd class=\"govuk-summary-list__value\">");
    html_printf(out, "%s<br>", x->name);
    iv_level_tag(out, x->level);
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_row(out, "Provider in the directory", x->provider);
    gov_summary_row(out, "School", or_arena_printf(req->arena, "URN %s", form_text(f, F_URN)));
    form_summary_row(out, f, F_START);
    gov_summary_row(out, change ? "End date" : "Planned end date",
                    end == OR_DATE_NONE ? "None set" : view_date(end, d));
    form_summary_row(out, f, F_PROVIDER);
    form_summary_row(out, f, F_NOTES);
    if (change) {
        char was[24];
        gov_summary_row(
            out, "Changes",
            or_arena_printf(req->arena,
                            "The intervention recorded as %s (from %s%s%s); that "
                            "record is kept",
                            change->first_id, view_date(change->start, d),
                            change->end == OR_DATE_NONE ? "" : " to ",
                            change->end == OR_DATE_NONE ? "" : view_date(change->end, was)));
    }
    gov_summary_end(out);
    form_check_end(out, f, or_arena_printf(req->arena, "/pupils/%s/interventions", p->upn),
                   change ? "Save the change" : "Save the intervention");
}

/* What the form requires beyond the importer: the directory's entry still offered. */
static void validate(form *f, void *ctx)
{
    const iv_page *p = ctx;
    if (p->found && !p->x.active && !p->change)
        form_error(f, F_INTERVENTION, "This intervention is no longer offered: choose another");
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const iv_page *p = ctx;
    const web_request *req = f->req;
    const char *id = form_text(f, F_EVENT_ID), *ref = form_text(f, F_REF);
    const char *iv = form_text(f, F_INTERVENTION), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START), *end = form_text(f, F_END);
    const char *provider = form_text(f, F_PROVIDER);
    web_event_cells(req, cells, id, p->upn, urn, "intervention", start);
    form_cells(f, cells);
    if (p->change)
        *detail =
            or_arena_printf(req->arena, "changed intervention %s (%s) by %s: %s to %s, by %.80s",
                            ref, iv, id, start, end, provider);
    else
        *detail = or_arena_printf(req->arena,
                                  "recorded intervention %s: %s at school %s, %s to %s, by %.80s",
                                  id, iv, urn, start, end, provider);
    return true;
}

void page_pupil_interventions_post(const web_request *req, web_response *res)
{
    iv_page p;
    if (!prepare(req, res, &p))
        return;
    const char *iv = form_text(&p.f, F_INTERVENTION);
    or_error err = {0};
    if (*iv && or_iv_id_ok(iv) && or_iv_get(req->store, iv, req->arena, &p.x, &p.found, &err)) {
        server_error(req, res, "The directory could not be read. Nothing was saved.");
        return;
    }
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/interventions", p.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s/interventions?saved=1", p.upn),
        .what = "intervention",
        .validate = validate,
        .row = row,
        .show_form = show_page,
        .show_check = show_check,
    };
    form_post(&p.f, res, &fl, &p);
}
