/* page_panel_new.c - GET and POST /pupils/{upn}/panel/new : refer a pupil to the multi-agency
 * panel (panel.h), a form of the form engine (form.h) with its check page. A school refers its
 * own pupils (the route is WEB_F_PUPIL: another school's pupil is not found; the school is its
 * own, fixed); the LA chooses among the pupil's schools. The form: why now, urgent or standard,
 * the child's views, the parents' or carers' views and consent, adverse experiences (a
 * checklist and words), what has been tried. Saved as ONE `referral` event to the "panel"
 * route through the importer with its audit line; the details hold the referral's own fields
 * (reason, consent) and the panel's under "x_" keys (plans.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "onroll/model.h"
#include "web/panel_web.h"
#include "web/plans_web.h"

enum {
    F_EVENT_ID,
    F_URN,
    F_START,
    F_URGENCY,
    F_WHY,
    F_CHILD,
    F_PARENT,
    F_CONSENT,
    F_ACES,
    F_ACES_NOTES,
    F_TRIED,
    F__N
};
static const gov_choice urgencies[] = {
    {"urgent", "Urgent", "The panel considers it the same school day"},
    {"standard", "Standard", "The panel considers it within 3 school days"},
};
static const gov_choice yesno[] = {{"yes", "Yes", NULL}, {"no", "No", NULL}};
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    [F_URN] = {"urn", "Referring school", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL | FORM_ANY,
               .missing = "Select the school"},
    [F_START] = {"start", "Date of the referral", "For example, 24 11 2026", FORM_DATE,
                 FORM_REQUIRED | FORM_PAST},
    [F_URGENCY] = {"urgency", "How urgent is it?", NULL, FORM_RADIOS, FORM_REQUIRED,
                   .missing = "Select whether the referral is urgent", .choices = urgencies,
                   .nchoices = 2},
    [F_WHY] = {"why_now", "Why refer now?", "What has changed, and what you ask the panel to do",
               FORM_TEXTAREA, FORM_REQUIRED, .noun = "why you refer now", .max = 3000},
    [F_CHILD] = {"child_views", "The child's views", "In the child's own words where you can",
                 FORM_TEXTAREA, FORM_REQUIRED, .noun = "child's views", .max = 3000},
    [F_PARENT] = {"parent_views", "The parents' or carers' views", NULL, FORM_TEXTAREA,
                  FORM_REQUIRED, .noun = "parents' or carers' views", .max = 3000},
    [F_CONSENT] = {"consent", "Have the parents or carers consented to the referral?", NULL,
                   FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                   .missing = "Select yes if the parents or carers have consented",
                   .choices = yesno, .nchoices = 2},
    [F_ACES] = {"aces", "Adverse experiences known (optional)", "Select all that apply",
                FORM_CHECKBOXES, .noun = "adverse experiences"},
    [F_ACES_NOTES] = {"aces_notes", "About these experiences (optional)", NULL, FORM_TEXTAREA,
                      .noun = "words about the experiences", .max = 3000},
    [F_TRIED] = {"tried", "What has been tried",
                 "Support, plans and referrals so far, and what "
                 "came of them",
                 FORM_TEXTAREA, FORM_REQUIRED, .noun = "what has been tried", .max = 3000},
};

typedef struct {
    const char *upn;
    const or_model *m;
    form f;
} panel_form;

static const char *path_of(const web_request *req, const panel_form *p)
{
    return or_arena_printf(req->arena, "/pupils/%s/panel/new", plan_url_part(req, p->upn));
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const panel_form *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Refer to the multi-agency panel",
                    or_arena_printf(req->arena, "/pupils/%s#panel", plan_url_part(req, p->upn)),
                    "Back to the pupil", plan_caption(req, p->upn));
    html_raw(out, "<p class=\"govuk-body\">The panel meets weekly: safeguarding, health, CAMHS, "
                  "the MASH, police and early help agree what happens next, and the school "
                  "hears back here.</p>\n");
    form_start(out, f, path_of(req, p));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    (void)pf;
    (void)m;
    const panel_form *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_check_start(out, f, "Check the referral to the multi-agency panel before saving",
                     plan_caption(req, p->upn), true);
    gov_summary_start(out);
    gov_summary_row(out, "Referring school",
                    plan_school_name(req, p->m, atoi(form_text(f, F_URN))));
    for (int i = F_START; i < F__N; i++)
        form_summary_row(out, f, i);
    gov_summary_end(out);
    form_check_end(out, f, path_of(req, p), "Save the referral");
}

static void validate(form *f, void *ctx)
{
    (void)ctx;
    if (atoi(form_text(f, F_URN)) <= 0)
        form_error(f, F_URN, "Select the school");
}

static void put(json_t *o, const char *key, const char *value)
{
    if (value && *value)
        json_object_set_new(o, key, json_string(value));
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const panel_form *p = ctx;
    const web_request *req = f->req;
    json_t *o = json_object();
    put(o, "reason", form_text(f, F_WHY));
    put(o, "consent", form_text(f, F_CONSENT));
    put(o, "x_urgency", form_text(f, F_URGENCY));
    put(o, "x_child_views", form_text(f, F_CHILD));
    put(o, "x_parent_views", form_text(f, F_PARENT));
    const char *aces = form_text(f, F_ACES); /* the ticked keys joined with ";" */
    if (*aces) {
        json_t *a = json_array();
        for (const char *s = aces; *s;) {
            size_t len = strcspn(s, ";");
            json_array_append_new(a, json_stringn(s, len));
            s += len + (s[len] == ';');
        }
        json_object_set_new(o, "x_aces", a);
    }
    put(o, "x_aces_notes", form_text(f, F_ACES_NOTES));
    put(o, "x_tried", form_text(f, F_TRIED));
    char *json = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!json)
        return false;
    const char *id = form_text(f, F_EVENT_ID), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START);
    web_event_cells(req, cells, id, p->upn, urn, "referral", start);
    cells[OR_EV_TO] = "panel";
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, json);
    free(json);
    *detail = or_arena_printf(req->arena,
                              "recorded referral %s to the multi-agency panel (%s) "
                              "at school %s on %s",
                              id, form_text(f, F_URGENCY), urn, start);
    return true;
}

static or_model *prepare(const web_request *req, web_response *res, panel_form *p)
{
    memset(p, 0, sizeof *p);
    p->upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, p->upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    p->m = m;
    const or_pupil_facts *pf = or_model_find(m, p->upn);
    form *f = &p->f;
    form_init(f, req, fields, F__N);
    gov_choice *aces = or_arena_alloc(req->arena, (size_t)or_panel_aces_count() * sizeof *aces);
    for (int i = 0; i < or_panel_aces_count(); i++)
        aces[i] = (gov_choice){or_panel_ace_at(i)->key, or_panel_ace_at(i)->label, NULL};
    f->fields[F_ACES].choices = aces;
    f->fields[F_ACES].nchoices = or_panel_aces_count();
    int mine = web_user_school(req);
    if (mine) {
        const char *urn = or_arena_printf(req->arena, "%d", mine);
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label =
            or_arena_printf(req->arena, "Referring school: %s.", plan_school_name(req, m, mine));
        form_read(f);
        form_set(f, F_URN, urn);
    } else {
        gov_choice *sc = or_arena_alloc(req->arena, 16 * sizeof *sc);
        int n = 0;
        for (int i = pf ? pf->nenrols - 1 : -1; i >= 0 && n < 16; i--) {
            const char *urn = or_arena_printf(req->arena, "%d", pf->enrols[i].urn);
            bool seen = false;
            for (int j = 0; j < n; j++)
                seen |= !strcmp(sc[j].value, urn);
            if (!seen)
                sc[n++] = (gov_choice){urn, plan_school_name(req, m, pf->enrols[i].urn), NULL};
        }
        f->fields[F_URN].choices = sc;
        f->fields[F_URN].nchoices = n;
        form_read(f);
        if (!*form_text(f, F_URN) && n)
            form_set(f, F_URN, sc[0].value);
    }
    form_event_id(f, F_EVENT_ID);
    if (!f->posted)
        form_set_date(f, F_START, web_today(req));
    return m;
}

void page_panel_new(const web_request *req, web_response *res)
{
    panel_form p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    show_form(&p.f, res, &p);
    or_model_free(m);
}

void page_panel_new_post(const web_request *req, web_response *res)
{
    panel_form p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    form *f = &p.f;
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/panel/new", p.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s?recorded=panel#panel",
                                plan_url_part(req, p.upn)),
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(f, res, &fl, &p);
    or_model_free(m);
}
