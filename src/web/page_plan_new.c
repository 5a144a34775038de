/* page_plan_new.c - GET and POST /pupils/{upn}/plans/new?kind=KIND : start a Pastoral Support
 * Programme (psp), record a pre-exclusion assessment (peap), a Personal Education Plan (pep)
 * or a part-time timetable (part_time_timetable), in two steps as page_record.c does:
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
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

static const char *const kinds_here[] = {"psp", "peap", "pep", "part_time_timetable"};

typedef struct {
    const char *upn, *type, *urn, *ref, *event_id;
    const char *start, *end; /* as the importer gets them */
    const or_plan_kind *k;
    or_plan_values v;
    bool post;
} plan_form;

static const char *form_or_query(const web_request *req, bool post, const char *name)
{
    return post ? web_form(req, name) : web_query(req, name);
}

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

static void read_form(const web_request *req, plan_form *p, bool post, const or_pupil_facts *f)
{
    memset(p, 0, sizeof *p);
    p->post = post;
    p->upn = web_path(req, "upn");
    p->type = form_or_query(req, post, "kind");
    p->k = NULL;
    for (size_t i = 0; i < sizeof kinds_here / sizeof kinds_here[0]; i++)
        if (!strcmp(p->type, kinds_here[i]))
            p->k = or_plan_kind_find(p->type);
    p->urn = form_or_query(req, post, "urn");
    p->ref = form_or_query(req, post, "ref");
    p->event_id = web_form(req, "event_id");
    p->start = web_date_from_parts(req->arena, web_form(req, "start-day"),
                                   web_form(req, "start-month"), web_form(req, "start-year"));
    p->end = web_date_from_parts(req->arena, web_form(req, "end-day"), web_form(req, "end-month"),
                                 web_form(req, "end-year"));
    if (p->k)
        plan_form_read(req, p->k, &p->v);
    /* a school records for itself; the Virtual School for the pupil's school today */
    int mine = web_user_school(req);
    if (mine)
        p->urn = or_arena_printf(req->arena, "%d", mine);
    else if (req->user->role == OR_ROLE_VIRTUAL_SCHOOL)
        p->urn = or_arena_printf(req->arena, "%d", school_today(f, web_today(req)));
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

static const web_field columns[] = {
    {"urn", "urn", "school", "Select the school"},
    {"start", "start-day", "date", NULL},
    {"end", "end-day", "end date", NULL},
    {"ref", "ref", "exclusion that led to it", NULL},
};

static void show_form(const web_request *req, web_response *res, const plan_form *p,
                      const or_model *m, const or_pupil_facts *f, const plan_errors *e)
{
    or_sb *out = &res->body;
    const or_plan_kind *k = p->k;
    const char *title = !strcmp(k->type, "psp")    ? "Start a Pastoral Support Programme"
                        : !strcmp(k->type, "peap") ? "Record a pre-exclusion assessment"
                        : !strcmp(k->type, "pep")  ? "Record a Personal Education Plan meeting"
                                                   : "Record a part-time timetable";
    gov_page_start(out, req, e->n ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t/plans\" class=\"govuk-back-link\">Back to the pupil's "
                "plans</a>\n",
                p->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, p->upn));
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/plans/new", p->upn));
    gov_hidden(out, "kind", k->type);
    gov_hidden(out, "event_id", p->event_id);
    gov_choice sc[16];
    int nsc = 0;
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER)
        nsc = school_choices(req, m, f, sc, 16);
    if (nsc) {
        gov_radios(out, "urn", "School", NULL, sc, nsc, *p->urn ? p->urn : sc[0].value,
                   gov_error_for(e->items, e->n, "urn"), true);
    } else if (atoi(p->urn) > 0) {
        gov_hidden(out, "urn", p->urn);
        html_printf(out, "<p class=\"govuk-body\">School: %s (URN %s).</p>\n",
                    plan_school_name(req, m, atoi(p->urn)), p->urn);
    }
    char d[3], mo[3], y[5];
    d[0] = mo[0] = y[0] = '\0';
    if (!p->post) /* a new form: today */
        web_date_parts(web_today(req), d, mo, y);
    gov_date_input(
        out, "start", k->start_label, "For example, 24 11 2026",
        p->post ? web_form(req, "start-day") : d, p->post ? web_form(req, "start-month") : mo,
        p->post ? web_form(req, "start-year") : y, gov_error_for(e->items, e->n, "start-day"));
    if (k->end_label)
        gov_date_input(out, "end", k->end_label, k->end_hint, web_form(req, "end-day"),
                       web_form(req, "end-month"), web_form(req, "end-year"),
                       gov_error_for(e->items, e->n, "end-day"));
    if (!strcmp(k->type, "psp") || !strcmp(k->type, "peap")) {
        gov_choice ex[21];
        int nex = exclusion_choices(req, m, f, ex, 21);
        gov_radios(out, "ref", "Which exclusion led to it? (optional)",
                   "The suspension or exclusion this follows, if any", ex, nex, p->ref,
                   gov_error_for(e->items, e->n, "ref"), true);
    }
    gov_choice iv[OR_PLAN_LIST_MAX];
    int niv = intervention_choices(req, f, iv, OR_PLAN_LIST_MAX);
    plan_form_fields(out, req, k, &p->v, e->items, e->n, iv, niv);
    gov_button_value(out, "Continue", "action", "check", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

typedef struct {
    const plan_form *p;
} check_ctx;

static void show_check(const web_request *req, web_response *res, void *ctx,
                       const or_pupil_facts *f, const or_model *m)
{
    const plan_form *p = ((check_ctx *)ctx)->p;
    const or_plan_kind *k = p->k;
    or_sb *out = &res->body;
    const char *title = or_arena_printf(
        req->arena, "Check the %s before saving",
        !strcmp(k->type, "part_time_timetable") ? "part-time timetable" : k->short_name);
    plan_check_start(out, req, p->upn, title);
    const or_fact_event *ev = or_facts_event(f, atoi(p->urn), p->event_id);
    char day[24];
    gov_summary_start(out);
    gov_summary_row(out, "What", k->label);
    gov_summary_row(
        out, "School",
        or_arena_printf(req->arena, "%s (URN %s)", plan_school_name(req, m, atoi(p->urn)), p->urn));
    gov_summary_row(out, k->start_label, ev ? view_date(ev->start, day) : p->start);
    if (k->end_label && *p->end)
        gov_summary_row(out, k->end_label, ev ? view_date(ev->end, day) : p->end);
    if (*p->ref)
        gov_summary_row(out, "Following", or_arena_printf(req->arena, "Event %s", p->ref));
    plan_summary_rows(out, req, k, &p->v);
    gov_summary_end(out);
    plan_duties_after(out, req, f, m);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/plans/new", p->upn));
    gov_hidden(out, "kind", k->type);
    gov_hidden(out, "event_id", p->event_id);
    gov_hidden(out, "urn", p->urn);
    gov_hidden(out, "ref", p->ref);
    static const char *const parts[] = {"start-day", "start-month", "start-year",
                                        "end-day",   "end-month",   "end-year"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        gov_hidden(out, parts[i], web_form(req, parts[i]));
    plan_form_hidden(out, req, k, &p->v);
    gov_check_page_end(out, req, or_arena_printf(req->arena, "Save the %s", k->short_name));
}

/* The pupil's model (for the choices), or a 500 page. */
static or_model *load(const web_request *req, web_response *res, const char *upn,
                      const or_pupil_facts **f)
{
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    *f = or_model_find(m, upn);
    return m;
}

/* The kind is one of this page's, and the user may record it. */
static bool allowed(const web_request *req, web_response *res, const plan_form *p)
{
    if (!p->k) {
        web_error(req, res, 404, "Page not found",
                  "Choose what to record from the pupil's plans page.");
        return false;
    }
    int mine = web_user_school(req);
    if ((mine && !plan_may_record(req, p->k->type, mine)) ||
        (!mine && !plan_may_record(req, p->k->type, atoi(p->urn)))) {
        web_audit(req, "denied", p->upn, "plan form not allowed for this role");
        web_error(req, res, 403, "You do not have access to this page",
                  req->user->role == OR_ROLE_VIRTUAL_SCHOOL
                      ? "The Virtual School records Personal Education Plans."
                      : "You cannot record this.");
        return false;
    }
    return true;
}

void page_plan_new(const web_request *req, web_response *res)
{
    const or_pupil_facts *f = NULL;
    or_model *m = load(req, res, web_path(req, "upn"), &f);
    if (!m)
        return;
    plan_form p;
    read_form(req, &p, false, f);
    if (allowed(req, res, &p)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        p.event_id = id;
        plan_errors e = {0};
        show_form(req, res, &p, m, f, &e);
    }
    or_model_free(m);
}

void page_plan_new_post(const web_request *req, web_response *res)
{
    const or_pupil_facts *f = NULL;
    or_model *m = load(req, res, web_path(req, "upn"), &f);
    if (!m)
        return;
    plan_form p;
    read_form(req, &p, true, f);
    if (!allowed(req, res, &p)) {
        or_model_free(m);
        return;
    }
    if (!web_event_id_ok(p.event_id)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        p.event_id = or_arena_strdup(req->arena, id);
    }
    const char *action = web_form(req, "action");
    plan_errors e = {0};
    if (!strcmp(action, "change")) {
        show_form(req, res, &p, m, f, &e);
        or_model_free(m);
        return;
    }
    /* the form's own checks first, every error at once */
    if (atoi(p.urn) <= 0)
        plan_error_add(&e, "urn",
                       req->user->role == OR_ROLE_VIRTUAL_SCHOOL
                           ? "The pupil is not on roll at a school: a PEP is recorded against "
                             "the pupil's school"
                           : "Select the school");
    if (!*p.start)
        plan_error_add(&e, "start-day",
                       or_arena_printf(req->arena, "Enter the %c%s", tolower(p.k->start_label[0]),
                                       p.k->start_label + 1));
    if (p.k->end_required && !*p.end)
        plan_error_add(&e, "end-day",
                       or_arena_printf(req->arena, "Enter the %c%s", tolower(p.k->end_label[0]),
                                       p.k->end_label + 1));
    plan_check_errors(req, p.k, NULL, &p.v, &e);
    if (e.n) {
        show_form(req, res, &p, m, f, &e);
        or_model_free(m);
        return;
    }
    or_sb details = OR_SB_INIT;
    or_error err = {0};
    if (or_plan_details_json(p.k, &p.v, &details, &err))
        plan_error_add(&e, NULL, or_arena_strdup(req->arena, err.msg));
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, p.event_id, p.upn, p.urn, p.k->type, p.start);
    cells[OR_EV_END] = p.k->end_label ? p.end : "";
    cells[OR_EV_REF] = !strcmp(p.k->type, "psp") || !strcmp(p.k->type, "peap") ? p.ref : "";
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, or_sb_str(&details));
    or_sb_release(&details);
    const char *source = or_arena_printf(req->arena, "form /pupils/%s/plans/new", p.upn);
    const char *detail = or_arena_printf(req->arena, "recorded %s %s at school %s from %s",
                                         p.k->type, p.event_id, p.urn, p.start);
    plan_columns cols = {columns, (int)(sizeof columns / sizeof columns[0])};
    check_ctx ctx = {&p};
    plan_result r = e.n ? PLAN_INVALID
                        : plan_submit(req, res, p.upn, cells, source, !strcmp(action, "save"),
                                      detail, p.k, &cols, show_check, &ctx, &e);
    if (r == PLAN_INVALID)
        show_form(req, res, &p, m, f, &e);
    else if (r == PLAN_DONE && !strcmp(action, "save"))
        web_redirect(req, res,
                     or_arena_printf(req->arena, "/pupils/%s/plans?recorded=%s", p.upn, p.k->type));
    or_model_free(m);
}
