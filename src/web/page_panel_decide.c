/* page_panel_decide.c - GET and POST /pupils/{upn}/panel/decide?meeting=DATE&urn=URN&ref=ID :
 * the panel's decision on a referral at a meeting, and an action agreed with its owner (a
 * service or a named person) and due date (LOCAL-PANEL-ACTION), a form of the form engine. The
 * first record of a referral is its decision (a `referral_update` "discussed": the referral is
 * considered, which ends its turnaround); each later one adds an action ("panel_action").
 * Saved through the importer with its audit line; the school sees both on the pupil's page.
 * Who: the LA. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "onroll/model.h"
#include "web/panel_web.h"
#include "web/plans_web.h"

enum { F_EVENT_ID, F_MEETING, F_URN, F_REF, F_DECISION, F_ACTION, F_OWNER, F_DUE, F__N };
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    [F_MEETING] = {"meeting", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_URN] = {"urn", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_REF] = {"ref", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_DECISION] = {"decision", "What did the panel decide?",
                    "In words the school can act on: this is the school's feedback", FORM_TEXTAREA,
                    FORM_REQUIRED, .noun = "decision", .max = 3000},
    [F_ACTION] = {"action", "Action agreed", "One action: add more after saving", FORM_TEXTAREA,
                  FORM_REQUIRED, .noun = "action", .max = 1000},
    [F_OWNER] = {"owner", "Who owns the action",
                 "A service (for example CAMHS, early help, the school) or a named person",
                 FORM_TEXT, FORM_REQUIRED, .noun = "owner of the action", .max = 200},
    [F_DUE] = {"due", "Due by", "For example, 18 12 2026", FORM_DATE, FORM_REQUIRED,
               .noun = "due date"},
};

typedef struct {
    const char *upn;
    const or_model *m;
    const or_fact_event *r;
    or_panel_case c;
    form f;
} decide_form;

static const char *path_of(const web_request *req, const decide_form *d)
{
    const form *f = &d->f;
    return or_arena_printf(req->arena, "/pupils/%s/panel/decide?meeting=%s&urn=%s&ref=%s",
                           plan_url_part(req, d->upn), plan_url_part(req, form_text(f, F_MEETING)),
                           plan_url_part(req, form_text(f, F_URN)),
                           plan_url_part(req, form_text(f, F_REF)));
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const decide_form *d = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, d->c.decision ? "Add an action" : "Record the panel's decision",
                    or_arena_printf(req->arena, "/panel/meetings/%s",
                                    plan_url_part(req, form_text(f, F_MEETING))),
                    "Back to the meeting", plan_caption(req, d->upn));
    if (d->r) {
        gov_summary_start(out);
        gov_summary_row(out, "Why now", or_panel_detail(d->r->details, "reason", req->arena));
        gov_summary_row(out, "The child's views",
                        or_panel_detail(d->r->details, "x_child_views", req->arena));
        gov_summary_row(out, "The parents' or carers' views",
                        or_panel_detail(d->r->details, "x_parent_views", req->arena));
        const char *aces = or_panel_detail(d->r->details, "x_aces", req->arena);
        const char *words = ""; /* the labels, "; " between (plain text, escaped below) */
        for (const char *s = aces; *s;) {
            size_t len = strcspn(s, ";");
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(len < 63 ? len : 63), s);
            words = or_arena_printf(req->arena, "%s%s%s", words, *words ? "; " : "",
                                    or_panel_ace_label(key));
            s += len;
            while (*s == ';' || *s == ' ')
                s++;
        }
        gov_summary_row(out, "Adverse experiences", *words ? words : "None given");
        gov_summary_row(out, "What has been tried",
                        or_panel_detail(d->r->details, "x_tried", req->arena));
        gov_summary_end(out);
    }
    form_start(out, f, path_of(req, d));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Save", NULL);
}

static void validate(form *f, void *ctx)
{
    const decide_form *d = ctx;
    if (!d->r)
        form_error(f, -1, "This referral to the panel was not found");
    or_date due = OR_DATE_NONE, met = OR_DATE_NONE;
    if (!or_date_parse(form_text(f, F_MEETING), &met))
        form_error(f, -1, "The meeting was not found");
    else if (or_date_parse(form_text(f, F_DUE), &due) && due < met)
        form_error(f, F_DUE, "The due date must be on or after the day of the meeting");
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const decide_form *d = ctx;
    const web_request *req = f->req;
    if (!d->r)
        return false;
    json_t *o = json_object();
    if (!d->c.decision)
        json_object_set_new(o, "notes", json_string(form_text(f, F_DECISION)));
    json_object_set_new(o, "x_action", json_string(form_text(f, F_ACTION)));
    json_object_set_new(o, "x_meeting", json_string(form_text(f, F_MEETING)));
    char *json = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!json)
        return false;
    const char *id = form_text(f, F_EVENT_ID);
    web_event_cells(req, cells, id, d->upn, form_text(f, F_URN), "referral_update",
                    form_text(f, F_MEETING));
    cells[OR_EV_REF] = d->r->event_id;
    cells[OR_EV_OUTCOME] = d->c.decision ? "panel_action" : "discussed";
    cells[OR_EV_TO] = form_text(f, F_OWNER);
    cells[OR_EV_END] = form_text(f, F_DUE);
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, json);
    free(json);
    *detail = or_arena_printf(req->arena, "recorded the panel's %s %s on referral %s",
                              d->c.decision ? "action" : "decision", id, d->r->event_id);
    return true;
}

static or_model *prepare(const web_request *req, web_response *res, decide_form *d)
{
    memset(d, 0, sizeof *d);
    d->upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, d->upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    d->m = m;
    form *f = &d->f;
    form_init(f, req, fields, F__N);
    form_read(f);
    form_event_id(f, F_EVENT_ID);
    const or_pupil_facts *pf = or_model_find(m, d->upn);
    const or_fact_event *r =
        pf ? or_facts_event(pf, atoi(form_text(f, F_URN)), form_text(f, F_REF)) : NULL;
    if (r && or_panel_case_of(pf, r, &d->c))
        d->r = r;
    if (d->c.decision)
        form_off(f, F_DECISION);
    return m;
}

void page_panel_decide(const web_request *req, web_response *res)
{
    decide_form d;
    or_model *m = prepare(req, res, &d);
    if (!m)
        return;
    if (!d.r)
        web_error(req, res, 404, "Page not found", "There is no such referral to the panel.");
    else
        show_form(&d.f, res, &d);
    or_model_free(m);
}

void page_panel_decide_post(const web_request *req, web_response *res)
{
    decide_form d;
    or_model *m = prepare(req, res, &d);
    if (!m)
        return;
    form *f = &d.f;
    form_flow fl = {
        .upn = d.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/panel/decide", d.upn),
        .done = or_arena_printf(req->arena, "/panel/meetings/%s?recorded=1",
                                plan_url_part(req, form_text(f, F_MEETING))),
        .no_check = true,
        .validate = validate,
        .row = row,
        .show_form = show_form,
    };
    form_post(f, res, &fl, &d);
    or_model_free(m);
}
