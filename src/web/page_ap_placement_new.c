/* page_ap_placement_new.c - GET and POST /pupils/{upn}/ap/new : record an alternative
 * provision placement as a plan (issue 17 part 2), a form of the form engine (form.h) with a
 * check step:
 *
 *   the school (a school's own; the LA chooses among the pupil's schools), who placed the
 *   pupil (a school: itself; the LA: the school or the LA), the provider (from the register,
 *   /ap/providers), the reason (the school census's list), the start, the planned end and the
 *   latest end date, sessions a week, the objectives, the reintegration plan and its date.
 *
 * The row is an `ap_placement` event (formats.md) with its provider's name and its plan in
 * `details` (plans.h kind "ap_placement", checked by the importer as a CSV row's would be);
 * the check page shows the placement's duties (LOCAL-AP-*) as they would be. Saved with its
 * audit line in one transaction; then to the pupil's page. Who: the LA for any school, a
 * school for its own pupils (WEB_F_PUPIL: scope checked, read logged). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/ap.h"
#include "onroll/model.h"
#include "onroll/plans.h"
#include "onroll/store_ap.h"
#include "web/ap_web.h"
#include "web/plans_web.h"
#include "web/view.h"

enum {
    F_EVENT_ID,
    F_URN,
    F_PLACED_BY,
    F_PROVIDER,
    F_REASON,
    F_START,
    F_END,
    F_MAX_END,
    F_SESSIONS,
    F_OBJECTIVES,
    F_REINTEGRATION,
    F_REINTEGRATION_DATE,
    F__N
};
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    [F_URN] = {"urn", "School", "The school whose pupil is placed", FORM_RADIOS,
               FORM_REQUIRED | FORM_SMALL | FORM_ANY, .missing = "Select the school",
               .column = FORM_COLUMN(OR_EV_URN)},
    [F_PLACED_BY] = {"placed_by", "Who placed the pupil?", NULL, FORM_RADIOS,
                     FORM_REQUIRED | FORM_DETAILS, .missing = "Select who placed the pupil"},
    [F_PROVIDER] = {"provider", "Provider", "From the register of providers", FORM_SELECT,
                    FORM_REQUIRED, .missing = "Select the provider"},
    [F_REASON] = {"reason", "Reason for the placement", NULL, FORM_RADIOS,
                  FORM_REQUIRED | FORM_DETAILS, .missing = "Select the reason for the placement"},
    [F_START] = {"start", "Start date", "For example, 5 1 2027", FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    [F_END] = {"end", "Planned end date", "The last day the pupil is planned to attend", FORM_DATE,
               FORM_REQUIRED, .column = FORM_COLUMN(OR_EV_END)},
    [F_MAX_END] = {"max_end", "Latest end date",
                   "The placement may not run past it without a new decision", FORM_DATE,
                   FORM_REQUIRED | FORM_DETAILS},
    [F_SESSIONS] = {"sessions_per_week", "Sessions a week",
                    "Half-day sessions at the provision, from 1 to 10", FORM_NUMBER,
                    FORM_REQUIRED | FORM_DETAILS, .noun = "sessions a week", .min = 1, .max = 10,
                    .width = "govuk-input--width-2"},
    [F_OBJECTIVES] = {"objectives", "Objectives",
                      "What the placement is for, and how progress will be measured", FORM_TEXTAREA,
                      FORM_REQUIRED | FORM_DETAILS, .max = 3000, .rows = 4},
    [F_REINTEGRATION] = {"reintegration_plan", "Reintegration plan",
                         "How and when the pupil goes back to school, or moves on", FORM_TEXTAREA,
                         FORM_REQUIRED | FORM_DETAILS, .max = 3000, .rows = 4},
    [F_REINTEGRATION_DATE] = {"reintegration_date", "Planned reintegration date (optional)",
                              "For example, 12 4 2027", FORM_DATE, FORM_DETAILS,
                              .noun = "planned reintegration date"},
};

typedef struct {
    const char *upn;
    const or_model *m;
    const or_pupil_facts *pf;
    gov_choice *providers;
    int nproviders;
    form f;
} ap_page;

typedef struct {
    const web_request *req;
    gov_choice *c;
    int n, cap;
} prov_list;

static or_code on_provider(void *ctx, const or_ap_provider *p, or_error *err)
{
    prov_list *l = ctx;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        gov_choice *more = or_arena_alloc(l->req->arena, (size_t)cap * sizeof *more);
        if (!more)
            return or_fail(err, OR_ENOMEM, "page_ap_placement_new.c: out of memory");
        if (l->n)
            memcpy(more, l->c, (size_t)l->n * sizeof *more);
        l->c = more;
        l->cap = cap;
    }
    l->c[l->n++] = (gov_choice){or_arena_strdup(l->req->arena, p->slug),
                                or_arena_strdup(l->req->arena, p->name), NULL};
    return OR_OK;
}

static const char *provider_name(const ap_page *p, const char *slug)
{
    for (int i = 0; i < p->nproviders; i++)
        if (!strcmp(p->providers[i].value, slug))
            return p->providers[i].label;
    return "";
}

static const char *path_of(const web_request *req, const ap_page *p)
{
    return or_arena_printf(req->arena, "/pupils/%s/ap/new", plan_url_part(req, p->upn));
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const ap_page *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Record an alternative provision placement",
                    or_arena_printf(req->arena, "/pupils/%s", plan_url_part(req, p->upn)),
                    "Back to the pupil", plan_caption(req, p->upn));
    if (!p->nproviders)
        html_raw(out, "<div class=\"govuk-inset-text\">The register has no providers yet: the "
                      "local authority adds them on <a class=\"govuk-link\" "
                      "href=\"/ap/providers\">the providers page</a>.</div>\n");
    form_start(out, f, path_of(req, p));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const ap_page *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_check_start(out, f, "Check the placement before saving", plan_caption(req, p->upn), true);
    const char *urn = form_text(f, F_URN);
    gov_summary_start(out);
    gov_summary_row(
        out, "School",
        or_arena_printf(req->arena, "%s (URN %s)", plan_school_name(req, m, atoi(urn)), urn));
    for (int i = F_PLACED_BY; i < F__N; i++)
        form_summary_row(out, f, i);
    gov_summary_end(out);
    /* the placement's duties as they would be (a school: its own) */
    or_duty_list duties;
    or_duty_list_init(&duties, req->arena);
    or_error err = {0};
    if (pf && !or_duties_for_pupil(pf, or_model_params(m), web_today(req), &duties, &err)) {
        int n = 0;
        const char *id = form_text(f, F_EVENT_ID);
        for (int i = 0; i < duties.n; i++)
            if (!strncmp(duties.items[i].rule->id, "LOCAL-AP-", 9) &&
                !strcmp(duties.items[i].event_id, id))
                duties.items[n++] = duties.items[i];
        duties.n = n;
        or_duties_sort(&duties);
        if (n)
            web_duties_table(out, "The placement's duties once it is saved", pf->upn, duties.items,
                             n, false);
    }
    form_check_end(out, f, path_of(req, p), "Save the placement");
}

/* The form's own checks: a provider of the register, the dates in order. */
static void validate(form *f, void *ctx)
{
    const ap_page *p = ctx;
    if (atoi(form_text(f, F_URN)) <= 0)
        form_error(f, F_URN, "Select the school");
    const char *slug = form_text(f, F_PROVIDER);
    if (*slug && !*provider_name(p, slug))
        form_error(f, F_PROVIDER, "Select a provider from the register");
    or_date end, max;
    if (or_date_parse(form_text(f, F_END), &end) && or_date_parse(form_text(f, F_MAX_END), &max) &&
        max < end)
        form_error(f, F_MAX_END,
                   "The latest end date must be the same as or after the planned "
                   "end date");
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const ap_page *p = ctx;
    const web_request *req = f->req;
    const or_plan_kind *k = or_plan_kind_find("ap_placement");
    or_plan_values v = {0};
    static const struct {
        int field;
        const char *key;
    } keys[] = {{F_PLACED_BY, "placed_by"},
                {F_PROVIDER, "provider"},
                {F_REASON, "reason"},
                {F_MAX_END, "max_end"},
                {F_SESSIONS, "sessions_per_week"},
                {F_OBJECTIVES, "objectives"},
                {F_REINTEGRATION, "reintegration_plan"},
                {F_REINTEGRATION_DATE, "reintegration_date"}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        v.text[or_plan_field_index(k, keys[i].key)] = form_text(f, keys[i].field);
    or_sb json = OR_SB_INIT;
    or_error err = {0};
    if (or_plan_details_json(k, &v, &json, &err)) {
        or_sb_release(&json);
        form_error(f, F_OBJECTIVES, "The placement's details could not be read");
        return false;
    }
    const char *id = form_text(f, F_EVENT_ID), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START);
    web_event_cells(req, cells, id, p->upn, urn, "ap_placement", start);
    form_cells(f, cells);
    cells[OR_EV_PROVIDER] = provider_name(p, form_text(f, F_PROVIDER));
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, or_sb_str(&json));
    or_sb_release(&json);
    *detail = or_arena_printf(req->arena, "recorded ap_placement %s at school %s from %s", id, urn,
                              start);
    return true;
}

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

static or_model *prepare(const web_request *req, web_response *res, ap_page *p)
{
    memset(p, 0, sizeof *p);
    p->upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    prov_list pl = {req, NULL, 0, 0};
    if (or_model_load(req->store, p->upn, &m, &err) ||
        or_ap_providers_each(req->store, on_provider, &pl, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    p->m = m;
    p->pf = or_model_find(m, p->upn);
    p->providers = pl.c;
    p->nproviders = pl.n;
    form *f = &p->f;
    form_init(f, req, fields, F__N);
    int n;
    gov_choice *c = ap_terms_choices(req, OR_AP_PLACED_BY, &n);
    f->fields[F_PLACED_BY].choices = c;
    f->fields[F_PLACED_BY].nchoices = n;
    c = ap_terms_choices(req, OR_AP_REASON, &n);
    f->fields[F_REASON].choices = c;
    f->fields[F_REASON].nchoices = n;
    gov_choice *pc = or_arena_alloc(req->arena, (size_t)(pl.n + 1) * sizeof *pc);
    pc[0] = (gov_choice){"", "Select the provider", NULL};
    if (pl.n)
        memcpy(pc + 1, pl.c, (size_t)pl.n * sizeof *pc);
    f->fields[F_PROVIDER].choices = pc;
    f->fields[F_PROVIDER].nchoices = pl.n + 1;
    form_read(f);
    form_event_id(f, F_EVENT_ID);
    int mine = web_user_school(req);
    if (mine) { /* a school places its own pupil */
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label = or_arena_printf(req->arena, "School: %s (URN %d).",
                                                 plan_school_name(req, m, mine), mine);
        form_set(f, F_PLACED_BY, "school");
        f->fields[F_PLACED_BY].type = FORM_FIXED;
        f->fields[F_PLACED_BY].label = "Placed by: the school.";
    } else {
        gov_choice *sc = or_arena_alloc(req->arena, 16 * sizeof *sc);
        int nsc = school_choices(req, m, p->pf, sc, 16);
        f->fields[F_URN].choices = sc;
        f->fields[F_URN].nchoices = nsc;
        if (!*form_text(f, F_URN) && nsc)
            form_set(f, F_URN, sc[0].value);
    }
    return m;
}

void page_ap_placement_new(const web_request *req, web_response *res)
{
    ap_page p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    show_form(&p.f, res, &p);
    or_model_free(m);
}

void page_ap_placement_new_post(const web_request *req, web_response *res)
{
    ap_page p;
    or_model *m = prepare(req, res, &p);
    if (!m)
        return;
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/ap/new", p.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s?placed=1#ap", plan_url_part(req, p.upn)),
        .facts = true,
        .what = "placement",
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(&p.f, res, &fl, &p);
    or_model_free(m);
}
