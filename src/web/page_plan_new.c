/* page_plan_new.c - GET and POST /pupils/{upn}/plans/new?kind=KIND : start a Pastoral Support
 * Programme (psp), record a pre-exclusion assessment (peap), a Personal Education Plan (pep)
 * or a part-time timetable (part_time_timetable), a form of the form engine (form.h), in two steps:
 *
 *   1. the form: the school (a school's own; the LA chooses among the pupil's schools; the
 *      Virtual School's PEP goes to the pupil's school today), the date, the time limit or end
 *      date where the kind has one, the exclusion that led to it (psp, peap), and the kind's
 *      details fields (plans.h), each checked by or_plan_check with every error listed;
 *   2. "Continue" (action=check): the row, with its details as JSON, goes through the importer
 *      (one batch, source kind "form", validated exactly as a CSV row) inside a transaction;
 *      the check page shows what will be recorded and the pupil's plan duties as they would
 *      be; then everything is rolled back;
 *   3. "Save" (action=save): the same row, committed with its audit line; then to the pupil's
 *      plans with a banner.
 *
 * The event id ("WEB-" and random hex) is made at the first check and carried through, so a
 * second "Save" records nothing new. Who: the LA for any school; a school for its own; the
 * Virtual School a PEP only. The route is WEB_F_PUPIL (scope checked, read logged). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

static const char *const kinds_here[] = {"psp", "peap", "pep", "part_time_timetable"};

enum { F_KIND, F_EVENT_ID, F_URN, F_START, F_END, F_REF, F__N };
static const form_field fields[F__N] = {
    [F_KIND] = {"kind", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    /* the LA chooses among the pupil's schools; a school and the Virtual School do not */
    [F_URN] = {"urn", "School", NULL, FORM_RADIOS,
               FORM_REQUIRED | FORM_QUERY | FORM_SMALL | FORM_ANY, .missing = "Select the school",
               .column = FORM_COLUMN(OR_EV_URN)},
    /* the labels are the kind's */
    [F_START] = {"start", NULL, "For example, 24 11 2026", FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    [F_END] = {"end", NULL, NULL, FORM_DATE, .column = FORM_COLUMN(OR_EV_END)},
    [F_REF] = {"ref", "Which exclusion led to it? (optional)",
               "The suspension or exclusion this follows, if any", FORM_RADIOS,
               FORM_QUERY | FORM_SMALL | FORM_ANY, .noun = "exclusion that led to it",
               .column = FORM_COLUMN(OR_EV_REF)},
};

typedef struct {
    const char *upn;
    const or_plan_kind *k; /* NULL: not a kind of this page */
    const or_model *m;
    const or_pupil_facts *pf;
    int first; /* the index of k's first field */
    form f;
} plan_page;

/* The school the pupil is on roll at today (main registration), else the latest; 0 if none. */
static int school_today(const or_pupil_facts *f, or_date today)
{
    int urn = 0, latest = 0;
    for (int i = 0; f && i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        latest = e->urn;
        if (e->reg_type == 'm' && e->start <= today && (e->end == OR_DATE_NONE || e->end >= today))
            urn = e->urn;
    }
    return urn ? urn : latest;
}

/* ---- choices from the pupil's record ---- */

/* The pupil's schools, the latest first. */
static int school_choices(const web_request *req, const or_model *m, const or_pupil_facts *f,
                          gov_choice *out, int max)
{
    int n = 0;
    for (int i = f ? f->nenrols - 1 : -1; i >= 0 && n < max; i--) {
        const char *urn = or_arena_printf(req->arena, "%d", f->enrols[i].urn);
        bool seen = false;
        for (int j = 0; j < n; j++)
            seen |= !strcmp(out[j].value, urn);
        if (!seen)
            out[n++] =
                (gov_choice){urn,
                             or_arena_printf(req->arena, "%s (URN %s)",
                                             plan_school_name(req, m, f->enrols[i].urn), urn),
                             NULL};
    }
    return n;
}

/* The pupil's exclusions of the last year (newest first), and "none". */
static int exclusion_choices(const web_request *req, const or_model *m, const or_pupil_facts *f,
                             gov_choice *out, int max)
{
    int n = 0;
    or_date since = web_today(req) - 366;
    char day[24];
    for (int i = f ? f->nevents - 1 : -1; i >= 0 && n < max - 1; i--) {
        const or_fact_event *e = &f->events[i];
        bool excl =
            e->kind == OR_EV_SUSPENSION || e->kind == OR_EV_LUNCHTIME || e->kind == OR_EV_PERMANENT;
        if (!excl || e->start < since || !plan_may_record(req, "psp", e->urn))
            continue;
        out[n++] = (gov_choice){e->event_id,
                                or_arena_printf(req->arena, "%s from %s",
                                                view_event_label(or_event_kind_name(e->kind)),
                                                view_date(e->start, day)),
                                or_arena_printf(req->arena, "%s, event %s",
                                                plan_school_name(req, m, e->urn), e->event_id)};
    }
    out[n++] = (gov_choice){"", "None of these", NULL};
    return n;
}

/* The pupil's recorded interventions (for the PEAP's list). */
static int intervention_choices(const web_request *req, const or_pupil_facts *f, gov_choice *out,
                                int max)
{
    int n = 0;
    char day[24];
    for (int i = 0; f && i < f->nevents && n < max; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind != OR_EV_INTERVENTION)
            continue;
        out[n++] = (gov_choice){e->event_id,
                                or_arena_printf(req->arena, "%s, from %s",
                                                e->intervention ? e->intervention : "Intervention",
                                                view_date(e->start, day)),
                                e->provider && *e->provider ? e->provider : NULL};
    }
    return n;
}

/* ---- the pages ---- */

static const char *path_of(const web_request *req, const plan_page *p)
{
    return or_arena_printf(req->arena, "/pupils/%s/plans/new", plan_url_part(req, p->upn));
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const plan_page *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const or_plan_kind *k = p->k;
    const char *title = !strcmp(k->type, "psp")    ? "Start a Pastoral Support Programme"
                        : !strcmp(k->type, "peap") ? "Record a pre-exclusion assessment"
                        : !strcmp(k->type, "pep")  ? "Record a Personal Education Plan meeting"
                                                   : "Record a part-time timetable";
    form_page_start(out, f, title,
                    or_arena_printf(req->arena, "/pupils/%s/plans", plan_url_part(req, p->upn)),
                    "Back to the pupil's plans", plan_caption(req, p->upn));
    form_start(out, f, path_of(req, p));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const plan_page *p = ctx;
    const web_request *req = f->req;
    const or_plan_kind *k = p->k;
    or_sb *out = &res->body;
    const char *title = or_arena_printf(
        req->arena, "Check the %s before saving",
        !strcmp(k->type, "part_time_timetable") ? "part-time timetable" : k->short_name);
    form_check_start(out, f, title, plan_caption(req, p->upn), true);
    const char *urn = form_text(f, F_URN), *ref = form_text(f, F_REF);
    gov_summary_start(out);
    gov_summary_row(out, "What", k->label);
    gov_summary_row(
        out, "School",
        or_arena_printf(req->arena, "%s (URN %s)", plan_school_name(req, m, atoi(urn)), urn));
    form_summary_row(out, f, F_START);
    form_summary_row(out, f, F_END);
    if (*ref)
        gov_summary_row(out, "Following", or_arena_printf(req->arena, "Event %s", ref));
    or_plan_values v;
    plan_form_values(f, p->first, k, &v);
    plan_summary_rows(out, req, k, &v);
    gov_summary_end(out);
    plan_duties_after(out, req, pf, m);
    form_check_end(out, f, path_of(req, p),
                   or_arena_printf(req->arena, "Save the %s", k->short_name));
}

/* The form's own checks: a school to record against; the kind's fields (plans.h). */
static void validate(form *f, void *ctx)
{
    const plan_page *p = ctx;
    if (atoi(form_text(f, F_URN)) <= 0)
        form_error(f, F_URN,
                   f->req->user->role == OR_ROLE_VIRTUAL_SCHOOL
                       ? "The pupil is not on roll at a school: a PEP is recorded against "
                         "the pupil's school"
                       : "Select the school");
    plan_form_check(f, p->first, p->k, NULL);
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const plan_page *p = ctx;
    const web_request *req = f->req;
    const char *json = plan_form_json(f, p->first, p->k);
    if (!json)
        return false;
    const char *id = form_text(f, F_EVENT_ID), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START);
    web_event_cells(req, cells, id, p->upn, urn, p->k->type, start);
    form_cells(f, cells);
    cells[OR_EV_DETAILS] = json;
    *detail = or_arena_printf(req->arena, "recorded %s %s at school %s from %s", p->k->type, id,
                              urn, start);
    return true;
}

/* The pupil's model (for the choices) and the form read and made for this request and user;
 * NULL with a page written (500, 404, 403) when it cannot be. */
static or_model *prepare(const web_request *req, web_response *res, plan_page *p)
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
    p->pf = or_model_find(m, p->upn);
    form *f = &p->f;
    form_init(f, req, fields, F__N);
    form_read(f);
    for (size_t i = 0; i < sizeof kinds_here / sizeof kinds_here[0]; i++)
        if (!strcmp(form_text(f, F_KIND), kinds_here[i]))
            p->k = or_plan_kind_find(kinds_here[i]);
    if (!p->k) {
        or_model_free(m);
        web_error(req, res, 404, "Page not found",
                  "Choose what to record from the pupil's plans page.");
        return NULL;
    }
    const or_plan_kind *k = p->k;
    gov_choice *iv = or_arena_alloc(req->arena, OR_PLAN_LIST_MAX * sizeof *iv);
    int niv = intervention_choices(req, p->pf, iv, OR_PLAN_LIST_MAX);
    p->first = plan_form_add(f, k, NULL, iv, niv);
    form_read_range(f, p->first, f->n);
    form_event_id(f, F_EVENT_ID);
    /* a school records for itself; the Virtual School for the pupil's school today */
    int mine = web_user_school(req);
    if (mine)
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
    else if (req->user->role == OR_ROLE_VIRTUAL_SCHOOL)
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", school_today(p->pf, web_today(req))));
    if ((mine && !plan_may_record(req, k->type, mine)) ||
        (!mine && !plan_may_record(req, k->type, atoi(form_text(f, F_URN))))) {
        or_model_free(m);
        web_audit(req, "denied", p->upn, "plan form not allowed for this role");
        web_error(req, res, 403, "You do not have access to this page",
                  req->user->role == OR_ROLE_VIRTUAL_SCHOOL
                      ? "The Virtual School records Personal Education Plans."
                      : "You cannot record this.");
        return NULL;
    }

    /* the fields as this kind and this user have them */
    gov_choice *sc = or_arena_alloc(req->arena, 16 * sizeof *sc);
    int nsc = 0;
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER)
        nsc = school_choices(req, m, p->pf, sc, 16);
    const char *urn = form_text(f, F_URN);
    if (nsc) {
        f->fields[F_URN].choices = sc;
        f->fields[F_URN].nchoices = nsc;
        if (!*urn)
            form_set(f, F_URN, sc[0].value);
    } else if (atoi(urn) > 0) {
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label = or_arena_printf(req->arena, "School: %s (URN %s).",
                                                 plan_school_name(req, m, atoi(urn)), urn);
    } else {
        f->fields[F_URN].type = FORM_HIDDEN;
    }
    f->fields[F_START].label = k->start_label;
    if (!f->posted) /* a new form: today */
        form_set_date(f, F_START, web_today(req));
    if (k->end_label) {
        f->fields[F_END].label = k->end_label;
        f->fields[F_END].hint = k->end_hint;
        if (k->end_required)
            f->fields[F_END].flags |= FORM_REQUIRED;
    } else {
        form_off(f, F_END);
    }
    if (!strcmp(k->type, "psp") || !strcmp(k->type, "peap")) {
        gov_choice *ex = or_arena_alloc(req->arena, 21 * sizeof *ex);
        f->fields[F_REF].choices = ex;
        f->fields[F_REF].nchoices = exclusion_choices(req, m, p->pf, ex, 21);
    } else {
        form_off(f, F_REF);
    }
    return m;
}

void page_plan_new(const web_request *req, web_response *res)
{
    plan_page p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    show_form(&p.f, res, &p);
    or_model_free(m);
}

void page_plan_new_post(const web_request *req, web_response *res)
{
    plan_page p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/plans/new", p.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s/plans?recorded=%s",
                                plan_url_part(req, p.upn), p.k->type),
        .facts = true,
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(&p.f, res, &fl, &p);
    or_model_free(m);
}
