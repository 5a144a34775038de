/* page_pupil_interventions.c - GET and POST /pupils/{upn}/interventions : the interventions a
 * pupil receives, and assigning one, in two steps.
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

#include "web/interventions_view.h"
#include "web/view.h"

static const web_field fields[] = {
    {"intervention", "intervention", "intervention", "Select an intervention from the directory"},
    {"urn", "urn", "school", "Select the school"},
    {"start", "start-day", "start date", NULL},
    {"end", "end-day", "planned end date", NULL},
    {"provider", "provider", "who delivers it", NULL},
    {"notes", "notes", "notes", NULL},
};

/* The form as typed. */
typedef struct {
    const char *upn, *intervention, *urn, *event_id, *ref, *provider, *notes;
    const char *start_d, *start_m, *start_y, *end_d, *end_m, *end_y;
    const char *start, *end; /* as the importer gets them */
} form;

typedef struct {
    gov_error items[24];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < (int)(sizeof e->items / sizeof e->items[0]))
        e->items[e->n++] = (gov_error){field, msg};
}

/* The errors in the order of the form's fields (those of the whole form first), each field
 * once: the error summary reads as the form does. */
static void in_form_order(errors *e)
{
    errors sorted = {0};
    for (int k = -1; k < (int)(sizeof fields / sizeof fields[0]); k++)
        for (int i = 0; i < e->n; i++) {
            const char *id = e->items[i].field_id;
            if (k < 0 ? id != NULL : !id || strcmp(id, fields[k].field))
                continue;
            if (k >= 0 && gov_error_for(sorted.items, sorted.n, id))
                continue; /* the first message for a field is enough */
            sorted.items[sorted.n++] = e->items[i];
        }
    *e = sorted;
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

static void read_form(const web_request *req, form *f)
{
    memset(f, 0, sizeof f[0]);
    f->upn = web_path(req, "upn");
    f->intervention = web_form(req, "intervention");
    f->urn = web_form(req, "urn");
    f->event_id = web_form(req, "event_id");
    f->ref = web_form(req, "ref");
    f->provider = web_form(req, "provider");
    f->notes = unix_lines(req->arena, web_form(req, "notes"));
    f->start_d = web_form(req, "start-day");
    f->start_m = web_form(req, "start-month");
    f->start_y = web_form(req, "start-year");
    f->end_d = web_form(req, "end-day");
    f->end_m = web_form(req, "end-month");
    f->end_y = web_form(req, "end-year");
    f->start = web_date_from_parts(req->arena, f->start_d, f->start_m, f->start_y);
    f->end = web_date_from_parts(req->arena, f->end_d, f->end_m, f->end_y);
    int mine = web_user_school(req);
    if (mine)
        f->urn = or_arena_printf(req->arena, "%d", mine);
}

static void set_date(or_arena *a, or_date d, const char **day, const char **month,
                     const char **year)
{
    char dd[3], mm[3], yy[5];
    web_date_parts(d, dd, mm, yy);
    *day = or_arena_strdup(a, dd);
    *month = or_arena_strdup(a, mm);
    *year = or_arena_strdup(a, yy);
}

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

static void show_page(const web_request *req, web_response *res, const form *f,
                      const iv_record *change, const errors *e)
{
    or_sb *out = &res->body;
    iv_record *recs = NULL;
    int nrecs = 0;
    or_error err = {0};
    entries list = {NULL, 0, 0, req->arena};
    or_iv_query all = {0};
    if (iv_pupil_records(req, f->upn, &recs, &nrecs, &err) ||
        (!change && or_iv_search(req->store, &all, on_entry, &list, NULL, &err))) {
        server_error(req, res, "The pupil's interventions could not be read.");
        return;
    }
    const char *title = "Interventions";
    gov_page_start(out, req, e->n ? "Error: Interventions" : title);
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's record</a>\n",
                f->upn);
    if (!strcmp(web_query(req, "saved"), "1"))
        gov_notification(out, "Success", "Intervention recorded.", true);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    gov_error_summary(out, e->items, e->n);
    heading(req, out, f->upn, title);
    if (nrecs)
        iv_records_table(out, req, "Interventions received, the latest first", f->upn, recs, nrecs,
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
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/pupils/%s/interventions", f->upn));
    gov_hidden(out, "event_id", f->event_id);
#define ERR(x) gov_error_for(e->items, e->n, x)
    if (change) {
        gov_hidden(out, "ref", f->ref);
        gov_hidden(out, "intervention", f->intervention);
        gov_hidden(out, "urn", f->urn);
    } else {
        gov_choice *items = or_arena_alloc(req->arena, (size_t)(list.n + 1) * sizeof *items);
        items[0] = (gov_choice){"", "Choose an intervention", NULL};
        if (list.n)
            memcpy(items + 1, list.items, (size_t)list.n * sizeof *items);
        gov_select(out, "intervention", "Intervention",
                   "The entry of the directory (its level "
                   "of need in brackets)",
                   items, list.n + 1, f->intervention, ERR("intervention"));
        int mine = web_user_school(req);
        web_schools sc;
        if (mine) {
            html_printf(out, "<p class=\"govuk-body\">School: URN %s (your school).</p>\n", f->urn);
        } else {
            pupil_schools(req, f->upn, &sc);
            if (sc.n)
                gov_radios(out, "urn", "School", "The school that puts it in place", sc.items, sc.n,
                           *f->urn ? f->urn : sc.current, ERR("urn"), true);
            else
                gov_text_input(out, "urn", "School URN", "6 digits", f->urn,
                               "govuk-input--width-10", ERR("urn"));
        }
    }
    gov_date_input(out, "start", "Start date", "For example, 24 11 2026", f->start_d, f->start_m,
                   f->start_y, ERR("start-day"));
    gov_date_input(out, "end", change ? "End date" : "Planned end date",
                   change ? "The planned end, or the date it ended" : "For example, 19 2 2027",
                   f->end_d, f->end_m, f->end_y, ERR("end-day"));
    gov_text_input(out, "provider", "Who delivers it",
                   "A role or a service, for example \"Learning mentor\" or \"School Counselling "
                   "Service\"",
                   f->provider, NULL, ERR("provider"));
    gov_textarea(out, "notes", "Notes (optional)",
                 "Targets, how progress will be measured. Write only what the record needs.",
                 f->notes, 3, ERR("notes"));
#undef ERR
    gov_button_value(out, "Continue", "action", "check", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
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

void page_pupil_interventions(const web_request *req, web_response *res)
{
    form f;
    read_form(req, &f); /* a GET has no form: every field empty */
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    f.event_id = id;
    errors e = {0};
    int status = 0;
    const iv_record *change =
        changed_record(req, f.upn, web_query(req, "change"), web_query(req, "urn"), &status);
    if (status) {
        refuse(req, res, status, f.upn);
        return;
    }
    if (change) { /* the record as it stands */
        f.ref = change->first_id;
        f.intervention = change->intervention;
        f.urn = or_arena_printf(req->arena, "%d", change->urn);
        f.provider = change->provider;
        f.notes = change->notes;
        set_date(req->arena, change->start, &f.start_d, &f.start_m, &f.start_y);
        set_date(req->arena, change->end, &f.end_d, &f.end_m, &f.end_y);
    } else if (*web_query(req, "intervention")) { /* from the entry's "Assign to a pupil" */
        or_intervention x;
        bool found = false;
        or_error err = {0};
        const char *want = web_query(req, "intervention");
        if (or_iv_id_ok(want) && !or_iv_get(req->store, want, req->arena, &x, &found, &err) &&
            found && x.active) {
            f.intervention = x.id;
            if (strcmp(x.provider, "School") && strncmp(x.provider, "Not stated", 10))
                f.provider = x.provider;
        }
    }
    show_page(req, res, &f, change, &e);
}

/* The row for the importer, in the events kind's column order. */
static void to_cells(const web_request *req, const form *f, const char **cells)
{
    web_event_cells(req, cells, f->event_id, f->upn, f->urn, "intervention", f->start);
    cells[OR_EV_END] = f->end;
    cells[OR_EV_INTERVENTION_ID] = f->intervention;
    cells[OR_EV_PROVIDER] = f->provider;
    cells[OR_EV_REF] = f->ref;
    cells[OR_EV_NOTES] = f->notes;
}

static void hidden_fields(or_sb *out, const form *f)
{
    gov_hidden(out, "event_id", f->event_id);
    gov_hidden(out, "ref", f->ref);
    gov_hidden(out, "intervention", f->intervention);
    gov_hidden(out, "urn", f->urn);
    gov_hidden(out, "start-day", f->start_d);
    gov_hidden(out, "start-month", f->start_m);
    gov_hidden(out, "start-year", f->start_y);
    gov_hidden(out, "end-day", f->end_d);
    gov_hidden(out, "end-month", f->end_m);
    gov_hidden(out, "end-year", f->end_y);
    gov_hidden(out, "provider", f->provider);
    gov_hidden(out, "notes", f->notes);
}

static void show_check(const web_request *req, web_response *res, const form *f,
                       const or_intervention *x, const iv_record *change)
{
    or_sb *out = &res->body;
    const char *title =
        change ? "Check the change before saving" : "Check the intervention before saving";
    gov_page_start(out, req, title);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    heading(req, out, f->upn, title);
    html_raw(out, "<p class=\"govuk-body\">Nothing has been saved yet.</p>\n");
    or_date start = OR_DATE_NONE, end = OR_DATE_NONE;
    or_date_parse(f->start, &start);
    or_date_parse(f->end, &end);
    char d[24];
    gov_summary_start(out);
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Intervention</dt>\n<dd class=\"govuk-summary-list__value\">");
    html_printf(out, "%s<br>", x->name);
    iv_level_tag(out, x->level);
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_row(out, "Provider in the directory", x->provider);
    gov_summary_row(out, "School", or_arena_printf(req->arena, "URN %s", f->urn));
    gov_summary_row(out, "Start date", view_date(start, d));
    gov_summary_row(out, change ? "End date" : "Planned end date",
                    end == OR_DATE_NONE ? "None set" : view_date(end, d));
    gov_summary_row(out, "Who delivers it", f->provider);
    if (*f->notes)
        gov_summary_row(out, "Notes", f->notes);
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
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/pupils/%s/interventions", f->upn));
    hidden_fields(out, f);
    gov_check_page_end(out, req, change ? "Save the change" : "Save the intervention");
}

void page_pupil_interventions_post(const web_request *req, web_response *res)
{
    form f;
    read_form(req, &f);
    const char *action = web_form(req, "action");
    char id[WEB_EVENT_ID_LEN + 1];
    if (!web_event_id_ok(f.event_id)) {
        web_new_event_id(id);
        f.event_id = or_arena_strdup(req->arena, id);
    }
    int status = 0;
    const iv_record *change = changed_record(req, f.upn, f.ref, f.urn, &status);
    if (status) {
        refuse(req, res, status, f.upn);
        return;
    }
    if (change)
        f.intervention = change->intervention; /* a change restates the same entry */
    errors e = {0};
    if (!strcmp(action, "change")) {
        show_page(req, res, &f, change, &e);
        return;
    }
    /* what the form requires beyond the importer: the directory's entry offered, an end, who */
    or_intervention x = {0};
    bool found = false;
    or_error err = {0};
    if (*f.intervention && or_iv_id_ok(f.intervention) &&
        or_iv_get(req->store, f.intervention, req->arena, &x, &found, &err)) {
        server_error(req, res, "The directory could not be read. Nothing was saved.");
        return;
    }
    if (found && !x.active && !change)
        add_error(&e, "intervention", "This intervention is no longer offered: choose another");
    if (!*f.end)
        add_error(&e, "end-day", change ? "Enter the end date" : "Enter the planned end date");
    if (!*f.provider)
        add_error(&e, "provider", "Enter who delivers it");
    bool save = !strcmp(action, "save");
    const char *cells[OR_EV__N];
    to_cells(req, &f, cells);
    const char *name = or_arena_printf(req->arena, "form /pupils/%s/interventions", f.upn);
    or_ingest_result ir = {0};
    /* one transaction around the batch (a savepoint) and the audit line, or the check's look */
    if (or_store_begin(req->store, &err)) {
        server_error(req, res, "The database did not answer. Nothing was saved.");
        return;
    }
    or_code rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), name, cells, &ir, &err);
    if (rc == OR_EINPUT) {
        web_form_errors(req->arena, ir.errors.len ? or_sb_str(&ir.errors) : err.msg, name, fields,
                        (int)(sizeof fields / sizeof fields[0]), e.items, &e.n,
                        (int)(sizeof e.items / sizeof e.items[0]));
        if (!e.n)
            add_error(&e, NULL, "The intervention could not be checked.");
    }
    if (rc && rc != OR_EINPUT) {
        or_store_rollback(req->store);
        or_ingest_result_release(&ir);
        server_error(req, res, "The intervention could not be checked. Nothing was saved.");
        return;
    }
    in_form_order(&e);
    if (e.n || !save) {
        or_store_rollback(req->store); /* the check leaves no trace */
        or_ingest_result_release(&ir);
        if (e.n)
            show_page(req, res, &f, change, &e);
        else
            show_check(req, res, &f, &x, change);
        return;
    }
    char detail[300];
    if (change)
        snprintf(detail, sizeof detail, "changed intervention %s (%s) by %s: %s to %s, by %.80s",
                 f.ref, f.intervention, f.event_id, f.start, f.end, f.provider);
    else
        snprintf(detail, sizeof detail,
                 "recorded intervention %s: %s at school %s, %s to %s, by %.80s", f.event_id,
                 f.intervention, f.urn, f.start, f.end, f.provider);
    bool changed = ir.committed;
    or_ingest_result_release(&ir);
    if ((changed && web_audit(req, "change", f.upn, detail)) || or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        server_error(req, res,
                     "The change could not be written to the audit log, so it was not saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/pupils/%s/interventions?saved=1", f.upn));
}
