/* page_referral_new.c - GET and POST /pupils/{upn}/referrals/new[?service=S&urn=URN&ref=PSP] :
 * refer a pupil to one of the LA's services (the routes of referrals.h: the Re-engagement
 * Unit, multi-agency planning, early help / the multi-agency team, educational psychology, an
 * alternative provision placement), a form of the form engine (form.h) in two steps as
 * page_plan_new.c.
 *
 * The form: the service (each with what it is for), the school (a school's own; the LA
 * chooses), the date, the Pastoral Support Programme attached (the REU takes school referrals
 * only, with the pupil's PSP: a referral to it without one is refused here, and only a school
 * may make it), the provider and the end of an alternative provision placement, and the
 * referral's details (plans.h: reason, consent, lead worker). "Continue" sends the row through
 * the importer in a transaction and shows the plan duties as they would be (a referral to the
 * REU or educational psychology does LOCAL-PSP-ESCALATE; LOCAL-REFERRAL opens with the first
 * step's due date); "Save" records ONE referral event with its audit line and opens the
 * referral's page.
 *
 * Who: the LA and schools (a school for its own pupils). The route is WEB_F_PUPIL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

enum { F_EVENT_ID, F_SERVICE, F_URN, F_START, F_REF, F_PROVIDER, F_END, F__N };
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    /* the services this user may refer to (choices set per request) */
    [F_SERVICE] = {"service", "Which service?", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_QUERY,
                   .missing = "Select the service", .column = FORM_COLUMN(OR_EV_TO)},
    /* a school's own (fixed); the LA chooses among the pupil's schools */
    [F_URN] = {"urn", "Referring school", "The school the referral is made for", FORM_RADIOS,
               FORM_REQUIRED | FORM_QUERY | FORM_SMALL | FORM_ANY, .missing = "Select the school",
               .column = FORM_COLUMN(OR_EV_URN)},
    [F_START] = {"start", "Date of the referral", "For example, 24 11 2026", FORM_DATE,
                 FORM_REQUIRED, .column = FORM_COLUMN(OR_EV_START)},
    /* the pupil's PSPs (the REU takes school referrals with one): checked by the page */
    [F_REF] = {"ref", "Pastoral Support Programme attached",
               "Required for the Re-engagement Unit, which takes school referrals with the "
               "pupil's PSP",
               FORM_RADIOS, FORM_QUERY | FORM_SMALL | FORM_ANY,
               .noun = "Pastoral Support Programme attached", .column = FORM_COLUMN(OR_EV_REF)},
    /* required for an alternative provision placement (set per request) */
    [F_PROVIDER] = {"provider", "Provider (for an alternative provision placement)",
                    "The alternative provision the pupil is placed with", FORM_TEXT,
                    .noun = "provider", .missing = "Enter the provider of the placement",
                    .column = FORM_COLUMN(OR_EV_PROVIDER),
                    .group = "Alternative provision placements"},
    [F_END] = {"end", "End of the placement (for an alternative provision placement)",
               "Its planned last day, for example six weeks after it starts", FORM_DATE,
               .noun = "end of the placement", .column = FORM_COLUMN(OR_EV_END),
               .group = "Alternative provision placements"},
};

typedef struct {
    const char *upn;
    const or_referral_flow *fl; /* the service chosen, or NULL */
    const or_plan_kind *k;
    const or_model *m;
    const or_pupil_facts *pf;
    int first; /* the index of k's first field */
    form f;
} referral_form;

static bool is_school(const web_request *req)
{
    return req->user->role == OR_ROLE_SCHOOL;
}

/* May this user refer to route fl? Only a school refers to the REU. */
static bool may_refer_to(const web_request *req, const or_referral_flow *fl)
{
    return fl && (!fl->needs_psp || is_school(req));
}

/* The pupil's age today, or -1. */
static int age_today(const web_request *req, const or_pupil_facts *f)
{
    const or_fact_snapshot *s = f && f->nsnaps ? &f->snaps[f->nsnaps - 1] : NULL;
    return s && s->dob != OR_DATE_NONE ? or_age_on(s->dob, web_today(req)) : -1;
}

static const char *path_of(const web_request *req, const referral_form *r)
{
    return or_arena_printf(req->arena, "/pupils/%s/referrals/new", plan_url_part(req, r->upn));
}

/* The PSP field when the pupil has no PSP to attach: why, and where to start one. */
static void no_psp(or_sb *out, const form *f, int i)
{
    const char *err = form_error_of(f, i);
    html_printf(out,
                "<div class=\"govuk-form-group%s\" id=\"ref\">\n<p class=\"govuk-body\">"
                "No Pastoral Support Programme is recorded for this pupil%s. The "
                "Re-engagement Unit takes school referrals with the pupil's PSP: <a "
                "class=\"govuk-link\" href=\"/pupils/%t/plans/new?kind=psp\">start one "
                "first</a>.</p>\n",
                err ? " govuk-form-group--error" : "",
                web_user_school(f->req) ? " at your school" : "", web_path(f->req, "upn"));
    if (err)
        html_printf(out,
                    "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
                    "Error:</span> %s</p>\n",
                    err);
    html_raw(out, "</div>\n");
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const referral_form *r = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Make a referral",
                    or_arena_printf(req->arena, "/pupils/%s/referrals", plan_url_part(req, r->upn)),
                    "Back to the pupil's referrals", plan_caption(req, r->upn));
    form_start(out, f, path_of(req, r));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
}

static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const referral_form *r = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const char *title =
        or_arena_printf(req->arena, "Check the referral to the %s before saving", r->fl->label);
    form_check_start(out, f, title, plan_caption(req, r->upn), true);
    const char *urn = form_text(f, F_URN), *ref = form_text(f, F_REF);
    const char *provider = form_text(f, F_PROVIDER);
    gov_summary_start(out);
    gov_summary_row(out, "Service", r->fl->label);
    gov_summary_row(
        out, "Referring school",
        or_arena_printf(req->arena, "%s (URN %s)", plan_school_name(req, m, atoi(urn)), urn));
    form_summary_row(out, f, F_START);
    if (*ref)
        gov_summary_row(out, "Pastoral Support Programme attached",
                        or_arena_printf(req->arena, "Event %s", ref));
    if (*provider)
        gov_summary_row(out, "Provider", provider);
    if (*form_text(f, F_END))
        gov_summary_row(out, "End of the placement", form_words(f, F_END));
    or_plan_values v;
    plan_form_values(f, r->first, r->k, &v);
    plan_summary_rows(out, req, r->k, &v);
    gov_summary_end(out);
    plan_duties_after(out, req, pf, m);
    form_check_end(out, f, path_of(req, r), "Save the referral");
}

/* The form's own checks, every error at once: the service this user may refer to, the
 * school, the REU's PSP, the details. */
static void validate(form *f, void *ctx)
{
    const referral_form *r = ctx;
    const web_request *req = f->req;
    if (!r->fl) {
        form_error(f, F_SERVICE, "Select the service");
    } else if (!may_refer_to(req, r->fl)) {
        form_error(f, F_SERVICE,
                   "Only a school refers a pupil to the Re-engagement Unit (school referrals "
                   "only)");
        web_audit(req, "denied", r->upn, "referral to the REU by an account that is not a school");
    }
    const char *urn = form_text(f, F_URN), *ref = form_text(f, F_REF);
    if (atoi(urn) <= 0)
        form_error(f, F_URN, "Select the school");
    if (r->fl && r->fl->needs_psp) {
        const or_fact_event *psp = *ref ? or_facts_event(r->pf, atoi(urn), ref) : NULL;
        if (!psp || psp->kind != OR_EV_PSP)
            form_error(f, F_REF,
                       or_arena_printf(req->arena,
                                       "Attach the pupil's Pastoral Support Programme: the "
                                       "%s takes school referrals with the PSP",
                                       r->fl->label));
    }
    plan_form_check(f, r->first, r->k, NULL);
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const referral_form *r = ctx;
    const web_request *req = f->req;
    const char *json = plan_form_json(f, r->first, r->k);
    if (!json || !r->fl)
        return false;
    const char *id = form_text(f, F_EVENT_ID), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START), *service = form_text(f, F_SERVICE);
    web_event_cells(req, cells, id, r->upn, urn, "referral", start);
    form_cells(f, cells);
    if (!r->fl->has_end) /* a placement's only */
        cells[OR_EV_PROVIDER] = cells[OR_EV_END] = "";
    cells[OR_EV_DETAILS] = json;
    *detail = or_arena_printf(req->arena, "recorded referral %s to %s at school %s on %s", id,
                              service, urn, start);
    return true;
}

/* The pupil's model and the form, made for this request and user; NULL (a 500 page written)
 * when the record cannot be read. */
static or_model *prepare(const web_request *req, web_response *res, referral_form *r)
{
    memset(r, 0, sizeof *r);
    r->upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, r->upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    r->m = m;
    const or_pupil_facts *pf = r->pf = or_model_find(m, r->upn);
    form *f = &r->f;
    form_init(f, req, fields, F__N);
    r->k = or_plan_kind_find("referral");
    r->first = plan_form_add(f, r->k, "The referral", NULL, 0);
    form_read(f);
    form_event_id(f, F_EVENT_ID);
    r->fl = or_referral_flow_find(form_text(f, F_SERVICE));
    if (!f->posted && r->fl && !may_refer_to(req, r->fl))
        form_set(f, F_SERVICE, ""); /* the LA is sent here with ?service=reu: let it choose */
    if (r->fl && r->fl->has_end) {
        f->fields[F_PROVIDER].flags |= FORM_REQUIRED;
        f->fields[F_END].flags |= FORM_REQUIRED;
    }
    if (!f->posted)
        form_set_date(f, F_START, web_today(req));

    /* the services this user may refer to */
    gov_choice *services =
        or_arena_alloc(req->arena, (size_t)(or_referral_flows_count() + 1) * sizeof *services);
    int ns = 0, age = age_today(req, pf);
    for (int i = 0; i < or_referral_flows_count(); i++) {
        const or_referral_flow *fl = or_referral_flow_at(i);
        if (!may_refer_to(req, fl))
            continue;
        const char *hint = fl->about;
        if (!strcmp(fl->service, "early_help") && age >= 0)
            hint = or_arena_printf(req->arena, "%s The pupil is %d: %s.", fl->about, age,
                                   age < 11 ? "the multi-agency team" : "early help");
        services[ns++] = (gov_choice){fl->service, fl->label, hint};
    }
    f->fields[F_SERVICE].choices = services;
    f->fields[F_SERVICE].nchoices = ns;

    /* the referring school: a school's own, else one of the pupil's */
    int mine = web_user_school(req);
    if (mine) {
        const char *urn = or_arena_printf(req->arena, "%d", mine);
        form_set(f, F_URN, urn);
        f->fields[F_URN].type = FORM_FIXED;
        f->fields[F_URN].label = or_arena_printf(req->arena, "Referring school: %s (URN %s).",
                                                 plan_school_name(req, m, mine), urn);
    } else {
        gov_choice *sc = or_arena_alloc(req->arena, 16 * sizeof *sc);
        int n = 0;
        for (int i = pf ? pf->nenrols - 1 : -1; i >= 0 && n < 16; i--) {
            const char *urn = or_arena_printf(req->arena, "%d", pf->enrols[i].urn);
            bool seen = false;
            for (int j = 0; j < n; j++)
                seen |= !strcmp(sc[j].value, urn);
            if (!seen)
                sc[n++] =
                    (gov_choice){urn,
                                 or_arena_printf(req->arena, "%s (URN %s)",
                                                 plan_school_name(req, m, pf->enrols[i].urn), urn),
                                 NULL};
        }
        f->fields[F_URN].choices = sc;
        f->fields[F_URN].nchoices = n;
        if (!*form_text(f, F_URN) && n)
            form_set(f, F_URN, sc[0].value);
    }

    /* the pupil's PSPs (newest first), the school's own for a school */
    gov_choice *psps = or_arena_alloc(req->arena, 16 * sizeof *psps);
    int np = 0;
    char day[24];
    for (int i = pf ? pf->nevents - 1 : -1; i >= 0 && np < 15; i--) {
        const or_fact_event *p = &pf->events[i];
        if (p->kind != OR_EV_PSP || (mine && p->urn != mine))
            continue;
        psps[np++] =
            (gov_choice){p->event_id,
                         or_arena_printf(req->arena, "PSP from %s, %s", view_date(p->start, day),
                                         plan_school_name(req, m, p->urn)),
                         or_arena_printf(req->arena, "Event %s", p->event_id)};
    }
    if (np) {
        psps[np++] = (gov_choice){"", "None", NULL};
        f->fields[F_REF].choices = psps;
        f->fields[F_REF].nchoices = np;
    } else {
        f->fields[F_REF].render = no_psp;
    }
    return m;
}

void page_referral_new(const web_request *req, web_response *res)
{
    referral_form r;
    or_model *m = prepare(req, res, &r);
    if (!m)
        return;
    show_form(&r.f, res, &r);
    or_model_free(m);
}

void page_referral_new_post(const web_request *req, web_response *res)
{
    referral_form r;
    or_model *m = prepare(req, res, &r);
    if (!m)
        return;
    form *f = &r.f;
    form_flow fl = {
        .upn = r.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/referrals/new", r.upn),
        .done = or_arena_printf(req->arena, "/referrals/%s/%s?recorded=referral",
                                plan_url_part(req, form_text(f, F_URN)),
                                plan_url_part(req, form_text(f, F_EVENT_ID))),
        .facts = true,
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(f, res, &fl, &r);
    or_model_free(m);
}
