/* page_referral_new.c - GET and POST /pupils/{upn}/referrals/new[?service=S&urn=URN&ref=PSP] :
 * refer a pupil to one of the LA's services (the routes of referrals.h: the Re-engagement
 * Unit, multi-agency planning, early help / the multi-agency team, educational psychology, an
 * alternative provision placement), in two steps as page_plan_new.c.
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

typedef struct {
    const char *upn, *service, *urn, *ref, *provider, *event_id, *start, *end;
    const or_referral_flow *fl;
    const or_plan_kind *k;
    or_plan_values v;
    bool post;
} referral_form;

static const web_field columns[] = {
    {"to", "service", "service", "Select the service"},
    {"urn", "urn", "school", "Select the school"},
    {"start", "start-day", "date of the referral", NULL},
    {"end", "end-day", "end of the placement", NULL},
    {"ref", "ref", "Pastoral Support Programme attached", NULL},
    {"provider", "provider", "provider", NULL},
};

static bool is_school(const web_request *req)
{
    return req->user->role == OR_ROLE_SCHOOL;
}

/* May this user refer to route fl? Only a school refers to the REU. */
static bool may_refer_to(const web_request *req, const or_referral_flow *fl)
{
    return fl && (!fl->needs_psp || is_school(req));
}

static void read_form(const web_request *req, referral_form *r, bool post)
{
    const char *(*get)(const web_request *, const char *) = post ? web_form : web_query;
    memset(r, 0, sizeof *r);
    r->post = post;
    r->upn = web_path(req, "upn");
    r->service = get(req, "service");
    r->fl = or_referral_flow_find(r->service);
    r->urn = get(req, "urn");
    r->ref = get(req, "ref");
    r->provider = web_form(req, "provider");
    r->event_id = web_form(req, "event_id");
    r->start = web_date_from_parts(req->arena, web_form(req, "start-day"),
                                   web_form(req, "start-month"), web_form(req, "start-year"));
    r->end = web_date_from_parts(req->arena, web_form(req, "end-day"), web_form(req, "end-month"),
                                 web_form(req, "end-year"));
    r->k = or_plan_kind_find("referral");
    plan_form_read(req, r->k, &r->v);
    int mine = web_user_school(req);
    if (mine)
        r->urn = or_arena_printf(req->arena, "%d", mine);
}

/* The pupil's age today, or -1. */
static int age_today(const web_request *req, const or_pupil_facts *f)
{
    const or_fact_snapshot *s = f && f->nsnaps ? &f->snaps[f->nsnaps - 1] : NULL;
    return s && s->dob != OR_DATE_NONE ? or_age_on(s->dob, web_today(req)) : -1;
}

static void show_form(const web_request *req, web_response *res, const referral_form *r,
                      const or_model *m, const or_pupil_facts *f, const plan_errors *e)
{
    or_sb *out = &res->body;
    const char *title = "Make a referral";
    gov_page_start(out, req, e->n ? "Error: Make a referral" : title);
    html_printf(out,
                "<a href=\"/pupils/%t/referrals\" class=\"govuk-back-link\">Back to the pupil's "
                "referrals</a>\n",
                r->upn);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, r->upn));
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/pupils/%s/referrals/new", r->upn));
    gov_hidden(out, "event_id", r->event_id);

    /* the services this user may refer to */
    gov_choice services[OR_REFERRAL_MAX_STEPS * 2];
    int ns = 0, age = age_today(req, f);
    for (int i = 0;
         i < or_referral_flows_count() && ns < (int)(sizeof services / sizeof services[0]); i++) {
        const or_referral_flow *fl = or_referral_flow_at(i);
        if (!may_refer_to(req, fl))
            continue;
        const char *hint = fl->about;
        if (!strcmp(fl->service, "early_help") && age >= 0)
            hint = or_arena_printf(req->arena, "%s The pupil is %d: %s.", fl->about, age,
                                   age < 11 ? "the multi-agency team" : "early help");
        services[ns++] = (gov_choice){fl->service, fl->label, hint};
    }
    gov_radios(out, "service", "Which service?", NULL, services, ns, r->service,
               gov_error_for(e->items, e->n, "service"), false);

    int mine = web_user_school(req);
    if (mine) {
        gov_hidden(out, "urn", r->urn);
        html_printf(out, "<p class=\"govuk-body\">Referring school: %s (URN %s).</p>\n",
                    plan_school_name(req, m, mine), r->urn);
    } else {
        gov_choice sc[16];
        int n = 0;
        for (int i = f ? f->nenrols - 1 : -1; i >= 0 && n < 16; i--) {
            const char *urn = or_arena_printf(req->arena, "%d", f->enrols[i].urn);
            bool seen = false;
            for (int j = 0; j < n; j++)
                seen |= !strcmp(sc[j].value, urn);
            if (!seen)
                sc[n++] =
                    (gov_choice){urn,
                                 or_arena_printf(req->arena, "%s (URN %s)",
                                                 plan_school_name(req, m, f->enrols[i].urn), urn),
                                 NULL};
        }
        gov_radios(out, "urn", "Referring school", "The school the referral is made for", sc, n,
                   *r->urn ? r->urn
                   : n     ? sc[0].value
                           : "",
                   gov_error_for(e->items, e->n, "urn"), true);
    }
    char d[3] = "", mo[3] = "", y[5] = "";
    if (!r->post)
        web_date_parts(web_today(req), d, mo, y);
    gov_date_input(
        out, "start", "Date of the referral", "For example, 24 11 2026",
        r->post ? web_form(req, "start-day") : d, r->post ? web_form(req, "start-month") : mo,
        r->post ? web_form(req, "start-year") : y, gov_error_for(e->items, e->n, "start-day"));

    /* the pupil's PSPs (newest first), the school's own for a school */
    gov_choice psps[16];
    int np = 0;
    char day[24];
    for (int i = f ? f->nevents - 1 : -1; i >= 0 && np < 15; i--) {
        const or_fact_event *p = &f->events[i];
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
        gov_radios(out, "ref", "Pastoral Support Programme attached",
                   "Required for the Re-engagement Unit, which takes school referrals with the "
                   "pupil's PSP",
                   psps, np, r->ref, gov_error_for(e->items, e->n, "ref"), true);
    } else {
        const char *err = gov_error_for(e->items, e->n, "ref");
        html_printf(out,
                    "<div class=\"govuk-form-group%s\" id=\"ref\">\n<p class=\"govuk-body\">"
                    "No Pastoral Support Programme is recorded for this pupil%s. The "
                    "Re-engagement Unit takes school referrals with the pupil's PSP: <a "
                    "class=\"govuk-link\" href=\"/pupils/%t/plans/new?kind=psp\">start one "
                    "first</a>.</p>\n",
                    err ? " govuk-form-group--error" : "", mine ? " at your school" : "", r->upn);
        if (err)
            html_printf(out,
                        "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
                        "Error:</span> %s</p>\n",
                        err);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\">Alternative provision placements</h2>\n");
    gov_text_input(out, "provider", "Provider (for an alternative provision placement)",
                   "The alternative provision the pupil is placed with", r->provider, NULL,
                   gov_error_for(e->items, e->n, "provider"));
    gov_date_input(out, "end", "End of the placement (for an alternative provision placement)",
                   "Its planned last day, for example six weeks after it starts",
                   web_form(req, "end-day"), web_form(req, "end-month"), web_form(req, "end-year"),
                   gov_error_for(e->items, e->n, "end-day"));
    html_raw(out, "<h2 class=\"govuk-heading-m\">The referral</h2>\n");
    plan_form_fields(out, req, r->k, &r->v, e->items, e->n, NULL, 0);
    gov_button_value(out, "Continue", "action", "check", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

static void show_check(const web_request *req, web_response *res, void *ctx,
                       const or_pupil_facts *f, const or_model *m)
{
    const referral_form *r = ctx;
    or_sb *out = &res->body;
    const char *title =
        or_arena_printf(req->arena, "Check the referral to the %s before saving", r->fl->label);
    plan_check_start(out, req, r->upn, title);
    const or_fact_event *ev = or_facts_event(f, atoi(r->urn), r->event_id);
    char day[24];
    gov_summary_start(out);
    gov_summary_row(out, "Service", r->fl->label);
    gov_summary_row(
        out, "Referring school",
        or_arena_printf(req->arena, "%s (URN %s)", plan_school_name(req, m, atoi(r->urn)), r->urn));
    gov_summary_row(out, "Date of the referral", ev ? view_date(ev->start, day) : r->start);
    if (*r->ref)
        gov_summary_row(out, "Pastoral Support Programme attached",
                        or_arena_printf(req->arena, "Event %s", r->ref));
    if (*r->provider)
        gov_summary_row(out, "Provider", r->provider);
    if (*r->end)
        gov_summary_row(out, "End of the placement", ev ? view_date(ev->end, day) : r->end);
    plan_summary_rows(out, req, r->k, &r->v);
    gov_summary_end(out);
    plan_duties_after(out, req, f, m);
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/pupils/%s/referrals/new", r->upn));
    gov_hidden(out, "event_id", r->event_id);
    gov_hidden(out, "service", r->service);
    gov_hidden(out, "urn", r->urn);
    gov_hidden(out, "ref", r->ref);
    gov_hidden(out, "provider", r->provider);
    static const char *const parts[] = {"start-day", "start-month", "start-year",
                                        "end-day",   "end-month",   "end-year"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        gov_hidden(out, parts[i], web_form(req, parts[i]));
    plan_form_hidden(out, req, r->k, &r->v);
    gov_check_page_end(out, req, "Save the referral");
}

static or_model *load(const web_request *req, web_response *res, const or_pupil_facts **f)
{
    or_model *m = NULL;
    or_error err = {0};
    const char *upn = web_path(req, "upn");
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return NULL;
    }
    *f = or_model_find(m, upn);
    return m;
}

void page_referral_new(const web_request *req, web_response *res)
{
    const or_pupil_facts *f = NULL;
    or_model *m = load(req, res, &f);
    if (!m)
        return;
    referral_form r;
    read_form(req, &r, false);
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    r.event_id = id;
    if (r.fl && !may_refer_to(req, r.fl))
        r.service = ""; /* the LA is sent here with ?service=reu: let it choose */
    plan_errors e = {0};
    show_form(req, res, &r, m, f, &e);
    or_model_free(m);
}

/* The form's own checks, every error at once: the service, the REU's rules, a placement's
 * provider and end, the details. */
static void check_form(const web_request *req, const referral_form *r, const or_pupil_facts *f,
                       plan_errors *e)
{
    if (!r->fl)
        plan_error_add(e, "service", "Select the service");
    else if (!may_refer_to(req, r->fl))
        plan_error_add(e, "service",
                       "Only a school refers a pupil to the Re-engagement Unit (school referrals "
                       "only)");
    if (atoi(r->urn) <= 0)
        plan_error_add(e, "urn", "Select the school");
    if (!*r->start)
        plan_error_add(e, "start-day", "Enter the date of the referral");
    if (r->fl && r->fl->needs_psp) {
        const or_fact_event *psp = *r->ref ? or_facts_event(f, atoi(r->urn), r->ref) : NULL;
        if (!psp || psp->kind != OR_EV_PSP)
            plan_error_add(e, "ref",
                           or_arena_printf(req->arena,
                                           "Attach the pupil's Pastoral Support Programme: the "
                                           "%s takes school referrals with the PSP",
                                           r->fl->label));
    }
    if (r->fl && r->fl->has_end) {
        if (!*r->provider)
            plan_error_add(e, "provider", "Enter the provider of the placement");
        if (!*r->end)
            plan_error_add(e, "end-day", "Enter the end of the placement");
    }
    plan_check_errors(req, r->k, NULL, &r->v, e);
}

void page_referral_new_post(const web_request *req, web_response *res)
{
    const or_pupil_facts *f = NULL;
    or_model *m = load(req, res, &f);
    if (!m)
        return;
    referral_form r;
    read_form(req, &r, true);
    if (!web_event_id_ok(r.event_id)) {
        char id[WEB_EVENT_ID_LEN + 1];
        web_new_event_id(id);
        r.event_id = or_arena_strdup(req->arena, id);
    }
    const char *action = web_form(req, "action");
    plan_errors e = {0};
    if (strcmp(action, "change"))
        check_form(req, &r, f, &e);
    if (e.n && r.fl && !may_refer_to(req, r.fl))
        web_audit(req, "denied", r.upn, "referral to the REU by an account that is not a school");
    or_sb details = OR_SB_INIT;
    or_error err = {0};
    if (!e.n && strcmp(action, "change") && or_plan_details_json(r.k, &r.v, &details, &err))
        plan_error_add(&e, NULL, or_arena_strdup(req->arena, err.msg));
    if (e.n || !strcmp(action, "change")) {
        or_sb_release(&details);
        show_form(req, res, &r, m, f, &e);
        or_model_free(m);
        return;
    }
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, r.event_id, r.upn, r.urn, "referral", r.start);
    cells[OR_EV_TO] = r.service;
    cells[OR_EV_REF] = r.ref;
    cells[OR_EV_PROVIDER] = r.fl->has_end ? r.provider : "";
    cells[OR_EV_END] = r.fl->has_end ? r.end : "";
    cells[OR_EV_DETAILS] = or_arena_strdup(req->arena, or_sb_str(&details));
    or_sb_release(&details);
    const char *source = or_arena_printf(req->arena, "form /pupils/%s/referrals/new", r.upn);
    const char *detail =
        or_arena_printf(req->arena, "recorded referral %s to %s at school %s on %s", r.event_id,
                        r.service, r.urn, r.start);
    plan_columns cols = {columns, (int)(sizeof columns / sizeof columns[0])};
    bool save = !strcmp(action, "save");
    plan_result pr =
        plan_submit(req, res, r.upn, cells, source, save, detail, r.k, &cols, show_check, &r, &e);
    if (pr == PLAN_INVALID)
        show_form(req, res, &r, m, f, &e);
    else if (pr == PLAN_DONE && save)
        web_redirect(
            req, res,
            or_arena_printf(req->arena, "/referrals/%s/%s?recorded=referral", r.urn, r.event_id));
    or_model_free(m);
}
