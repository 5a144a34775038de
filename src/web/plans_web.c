/* plans_web.c - the pieces the plan and referral pages share (plans_web.h): a plan kind's
 * details on a form and on a page, one submission through the importer in one transaction,
 * and the graduated response's duties with the page that does each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

/* ---- a kind's details on a form ---- */

static const gov_choice yes_no[] = {{"yes", "Yes", NULL}, {"no", "No", NULL}};

/* A list field with nothing to choose from. */
static void no_choices(or_sb *out, const form *f, int i)
{
    html_printf(out, "<p class=\"govuk-body\">%s: none are recorded for this pupil.</p>\n",
                f->fields[i].label);
}

int plan_form_add(form *f, const or_plan_kind *k, const char *group, const gov_choice *choices,
                  int nchoices)
{
    int first = f->n;
    for (int i = 0; i < k->nfields; i++) {
        const or_plan_field *pf = &k->fields[i];
        form_field fd = {pf->name,
                         pf->label,
                         pf->hint,
                         FORM_TEXT,
                         FORM_OWN | FORM_DETAILS,
                         .missing = pf->missing,
                         .group = pf->group ? pf->group : group};
        switch (pf->type) {
        case OR_PF_TEXT:
            break;
        case OR_PF_NUMBER:
            fd.width = "govuk-input--width-4";
            break;
        case OR_PF_TEXTAREA:
            fd.type = FORM_TEXTAREA;
            fd.rows = 4;
            break;
        case OR_PF_YESNO:
            fd.type = FORM_RADIOS;
            fd.flags |= FORM_SMALL;
            fd.choices = yes_no;
            fd.nchoices = 2;
            break;
        case OR_PF_DATE:
            fd.type = FORM_DATE;
            break;
        case OR_PF_LIST:
            fd.type = FORM_CHECKBOXES;
            fd.choices = choices;
            fd.nchoices = nchoices;
            if (!nchoices)
                fd.render = no_choices;
            break;
        }
        form_add(f, &fd);
    }
    return first;
}

void plan_form_values(const form *f, int first, const or_plan_kind *k, or_plan_values *v)
{
    memset(v, 0, sizeof *v);
    for (int i = 0; i < k->nfields && i < OR_PLAN_MAX_FIELDS; i++) {
        const form_value *fv = &f->v[first + i];
        v->text[i] = fv->off || k->fields[i].type == OR_PF_LIST ? NULL : fv->text;
        if (k->fields[i].type == OR_PF_LIST && !fv->off) {
            v->items[i] = fv->items;
            v->nitems[i] = fv->nitems;
        }
    }
}

/* A label without its "(optional)". */
static const char *bare_label(const web_request *req, const char *label)
{
    const char *o = strstr(label, " (optional)");
    return o ? or_arena_strndup(req->arena, label, (size_t)(o - label)) : label;
}

const char *plan_value_words(const web_request *req, const or_plan_field *f,
                             const or_plan_values *v, int i)
{
    if (f->type == OR_PF_LIST) {
        const char *s = "";
        for (int j = 0; j < v->nitems[i]; j++)
            s = j ? or_arena_printf(req->arena, "%s, %s", s, v->items[i][j]) : v->items[i][j];
        return s;
    }
    const char *s = v->text[i] ? v->text[i] : "";
    if (f->type == OR_PF_YESNO)
        return !strcmp(s, "yes") ? "Yes" : !strcmp(s, "no") ? "No" : s;
    or_date d;
    char buf[24];
    if (f->type == OR_PF_DATE && or_date_parse(s, &d))
        return or_arena_strdup(req->arena, view_date(d, buf));
    if (f->type == OR_PF_NUMBER && *s)
        return or_arena_printf(req->arena, "%s", s);
    return s;
}

void plan_summary_rows(or_sb *out, const web_request *req, const or_plan_kind *k,
                       const or_plan_values *v)
{
    for (int i = 0; i < k->nfields; i++) {
        const or_plan_field *f = &k->fields[i];
        const char *words = plan_value_words(req, f, v, i);
        if (!*words)
            continue;
        html_printf(
            out,
            "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
            "%s</dt>\n<dd class=\"govuk-summary-list__value onroll-text\">%s</dd>\n</div>\n",
            bare_label(req, f->label), words);
    }
}

void plan_details_of(const web_request *req, const or_plan_kind *k, const char *json,
                     or_plan_values *v)
{
    or_error err = {0};
    memset(v, 0, sizeof *v);
    if (!json || or_plan_details_read(k, json, req->arena, v, &err))
        memset(v, 0, sizeof *v);
}

/* One problem in the form's words. */
static const char *problem_words(const web_request *req, const or_plan_field *f,
                                 const or_plan_error *pe)
{
    const char *label = bare_label(req, f->label);
    switch (pe->problem) {
    case OR_PE_EMPTY:
        return f->missing ? f->missing : or_arena_printf(req->arena, "Enter: %s", label);
    case OR_PE_LONG:
        return or_arena_printf(req->arena, "%s must be %d characters or fewer", label, f->max);
    case OR_PE_TEXT:
        return or_arena_printf(
            req->arena, "%s must be text only (no control characters or broken bytes)", label);
    case OR_PE_DATE:
        return or_arena_printf(req->arena, "%s must be a real date, for example 24 11 2026", label);
    case OR_PE_YESNO:
        return or_arena_printf(req->arena, "Select yes or no: %s", label);
    case OR_PE_NOT_YES:
        return "A part-time timetable can only start with the parents' or carers' agreement";
    case OR_PE_NUMBER:
        return or_arena_printf(req->arena, "%s must be a number from 0 to %d, for example 12.5",
                               label, f->max);
    default:
        return or_arena_strdup(req->arena, pe->message);
    }
}

void plan_form_check(form *f, int first, const or_plan_kind *k, const char *outcome)
{
    const web_request *req = f->req;
    or_plan_values v;
    plan_form_values(f, first, k, &v);
    or_plan_error pe[OR_PLAN_MAX_FIELDS * 2];
    int n = or_plan_check(k, outcome, &v, pe, (int)(sizeof pe / sizeof pe[0]));
    for (int i = 0; i < n && i < (int)(sizeof pe / sizeof pe[0]); i++) {
        if (pe[i].index >= 0)
            form_error(f, first + pe[i].index, problem_words(req, &k->fields[pe[i].index], &pe[i]));
        else
            form_error(f, -1, or_arena_strdup(req->arena, pe[i].message));
    }
}

const char *plan_form_json(form *f, int first, const or_plan_kind *k)
{
    or_plan_values v;
    plan_form_values(f, first, k, &v);
    or_sb details = OR_SB_INIT;
    or_error err = {0};
    const char *json = NULL;
    if (or_plan_details_json(k, &v, &details, &err))
        form_error(f, -1, or_arena_strdup(f->req->arena, err.msg));
    else
        json = or_arena_strdup(f->req->arena, or_sb_str(&details));
    or_sb_release(&details);
    return json;
}

const char *plan_caption(const web_request *req, const char *upn)
{
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    return or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", upn);
}

const char *plan_school_name(const web_request *req, const or_model *m, int urn)
{
    const or_school_info *s = m ? or_model_school(m, urn) : NULL;
    return s && s->name ? or_arena_strdup(req->arena, s->name)
                        : or_arena_printf(req->arena, "URN %d", urn);
}

/* ---- the graduated response's duties ---- */

bool plan_rule(const or_rule *rule)
{
    return rule && rule->done.plan; /* its row names the plan the duty is about */
}

static or_date year_from(or_date d)
{
    return or_date_academic_year_start(or_date_academic_year(d));
}

/* The first plan of kind k at school urn in the school year of d, or NULL. */
static const or_fact_event *plan_for(const or_pupil_facts *f, int k, int urn, or_date d)
{
    or_date from = year_from(d), to = or_date_academic_year_start(or_date_academic_year(d) + 1);
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if ((int)e->kind == k && e->urn == urn && e->start >= from && e->start < to)
            return e;
    }
    return NULL;
}

const or_fact_event *plan_psp_for(const or_pupil_facts *f, int urn, or_date d)
{
    return plan_for(f, OR_EV_PSP, urn, d);
}

const or_fact_event *plan_reviewed(const or_pupil_facts *f, int urn, const char *event_id)
{
    const or_fact_event *e = event_id ? or_facts_event(f, urn, event_id) : NULL;
    return e && (e->kind == OR_EV_PSP || e->kind == OR_EV_PEP || e->kind == OR_EV_PART_TIME) ? e
                                                                                             : NULL;
}

bool plan_may_record(const web_request *req, const char *type, int urn)
{
    const or_user *u = req->user;
    if (!u)
        return false;
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        return true;
    case OR_ROLE_SCHOOL:
        return web_user_school(req) == urn && urn > 0;
    case OR_ROLE_VIRTUAL_SCHOOL:
        return type && !strcmp(type, "pep");
    default:
        return false;
    }
}

bool plan_may_see_referral(const web_request *req, const or_referral_flow *fl)
{
    const or_user *u = req->user;
    if (!u || !fl)
        return false;
    return u->role != OR_ROLE_PARTNER || !strcmp(fl->partner, u->scope);
}

bool plan_may_update_referral(const web_request *req, const or_referral_flow *fl,
                              const or_fact_event *r, const char *status)
{
    const or_user *u = req->user;
    if (!u || !fl || !r)
        return false;
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        return true;
    case OR_ROLE_PARTNER:
        return !strcmp(fl->partner, u->scope);
    case OR_ROLE_SCHOOL: {
        if (web_user_school(req) != r->urn)
            return false;
        if (!status)
            return true; /* some step may be the school's */
        if (!strcmp(status, "closed"))
            return true; /* the referrer may withdraw it */
        for (int k = 0; k < fl->nsteps; k++)
            if (!strcmp(fl->steps[k].status, status))
                return strstr(fl->steps[k].who, "school") != NULL;
        return false;
    }
    default:
        return false;
    }
}

const char *plan_status_label(const or_referral_flow *fl, const char *status)
{
    if (!status || !strcmp(status, "referred"))
        return "Referred";
    if (!strcmp(status, "declined"))
        return "Declined";
    if (!strcmp(status, "closed"))
        return "Closed";
    for (int k = 0; fl && k < fl->nsteps; k++)
        if (!strcmp(fl->steps[k].status, status))
            return fl->steps[k].label;
    return status;
}

const char *plan_status_words(const or_referral_state *s, const char **colour)
{
    static const char *const colours[OR_REFERRAL__N] = {
        [OR_REFERRAL_NEW] = "blue",     [OR_REFERRAL_ACCEPTED] = "turquoise",
        [OR_REFERRAL_DECLINED] = "red", [OR_REFERRAL_ALLOCATED] = "green",
        [OR_REFERRAL_CLOSED] = "grey",
    };
    or_referral_status st = or_referral_status_of(s); /* the words: referrals.h, one place */
    *colour = colours[st];
    return or_referral_status_words(st);
}

void plan_outcome_tag(or_sb *out, const char *outcome)
{
    if (!outcome)
        return;
    if (!strcmp(outcome, "improving"))
        view_tag(out, "Improving", "green");
    else if (!strcmp(outcome, "no_change"))
        view_tag(out, "No change", "yellow");
    else if (!strcmp(outcome, "worse"))
        view_tag(out, "Worse", "red");
    else
        view_tag(out, outcome, "grey");
}

const char *plan_url_part(const web_request *req, const char *s)
{
    or_sb sb = OR_SB_INIT;
    html_url(&sb, s ? s : "");
    const char *out = or_arena_strdup(req->arena, or_sb_str(&sb));
    or_sb_release(&sb);
    return out;
}

/* How the duty is done comes from its rule's row (rules.h, or_rule_done). */
const char *plan_duty_link(const web_request *req, const or_pupil_facts *f, const or_duty *d,
                           const char **words)
{
    const or_rule_done *how = &d->rule->done;
    const char *rule = d->rule->id, *upn = plan_url_part(req, f->upn);
    const char *ev = plan_url_part(req, d->event_id);
    bool of_event = d->event_id && *d->event_id;
    const or_fact_event *e = of_event ? or_facts_event(f, d->urn, d->event_id) : NULL;
    or_arena *a = req->arena;
    *words = NULL;
    if (how->how == OR_DONE_STEP) { /* the referral's page records its next step */
        if (!e)
            return NULL;
        *words = how->words;
        return or_arena_printf(a, "/referrals/%d/%s", d->urn, ev);
    }
    if (!how->plan || !plan_may_record(req, how->plan, d->urn))
        return NULL;
    bool past = e && or_date_academic_year(e->start) != or_date_academic_year(web_today(req));
    if (past && how->how == OR_DONE_PLAN) {
        /* a plan started now cannot do a past school year's duty: record that it was done */
        *words = "Record that it was done";
        return or_arena_printf(a, "/pupils/%s/action?urn=%d&event=%s&rule=%s", upn, d->urn, ev,
                               rule);
    }
    int kind = or_event_kind_parse(how->plan);
    const or_fact_event *plan = e && kind >= 0 ? plan_for(f, kind, d->urn, e->start) : NULL;
    switch (how->how) {
    case OR_DONE_PLAN:
        *words = how->words;
        if (!of_event)
            return or_arena_printf(a, "/pupils/%s/plans/new?kind=%s&urn=%d", upn, how->plan,
                                   d->urn);
        return or_arena_printf(a, "/pupils/%s/plans/new?kind=%s&urn=%d&ref=%s", upn, how->plan,
                               d->urn, ev);
    case OR_DONE_REVIEW:
        if (!plan)
            return NULL;
        *words = how->words;
        return or_arena_printf(a, "/pupils/%s/plans/%s/review?urn=%d", upn,
                               plan_url_part(req, plan->event_id), d->urn);
    case OR_DONE_REFERRAL: { /* only a school refers to the first (the REU) */
        bool school = req->user->role == OR_ROLE_SCHOOL;
        *words = school ? "Refer to the Re-engagement Unit" : "Refer to educational psychology";
        return or_arena_printf(a, "/pupils/%s/referrals/new?service=%s&urn=%d&ref=%s", upn,
                               how->to[school ? 0 : 1], d->urn,
                               plan ? plan_url_part(req, plan->event_id) : "");
    }
    case OR_DONE_ACTION: /* e.g. a part-time timetable's review (page_action.c) */
        if (!e)
            return NULL;
        *words = how->words;
        return or_arena_printf(a, "/pupils/%s/action?urn=%d&event=%s&rule=%s", upn, d->urn, ev,
                               rule);
    default:
        return NULL;
    }
}

void plan_duties_after(or_sb *out, const web_request *req, const or_pupil_facts *f,
                       const or_model *m)
{
    or_duty_list duties;
    or_duty_list_init(&duties, req->arena);
    or_error err = {0};
    if (or_duties_for_pupil(f, or_model_params(m), web_today(req), &duties, &err))
        return;
    int mine = web_user_school(req), n = 0;
    for (int i = 0; i < duties.n; i++)
        if (plan_rule(duties.items[i].rule) && (!mine || duties.items[i].urn == mine))
            duties.items[n++] = duties.items[i];
    duties.n = n;
    or_duties_sort(&duties);
    if (n)
        web_duties_table(out, "The pupil's plan duties once this is saved", f->upn, duties.items, n,
                         false);
}

void plan_pupil_summary(or_sb *out, const web_request *req, const or_pupil_facts *f,
                        const or_duty_list *duties)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"plans\">Plans and referrals</h2>\n");
    static const or_event_kind kinds[] = {OR_EV_PSP, OR_EV_PEAP, OR_EV_PEP, OR_EV_PART_TIME};
    static const char *const names[][2] = {
        {"Pastoral Support Programme", "Pastoral Support Programmes"},
        {"pre-exclusion assessment", "pre-exclusion assessments"},
        {"Personal Education Plan meeting", "Personal Education Plan meetings"},
        {"part-time timetable", "part-time timetables"}};
    or_date today = web_today(req);
    char day[24];
    html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int n = 0;
        const or_fact_event *latest = NULL;
        for (int i = 0; f && i < f->nevents; i++)
            if (f->events[i].kind == kinds[k]) {
                n++;
                latest = &f->events[i];
            }
        if (n)
            html_printf(out, "<li>%d %s, the latest on %s</li>\n", n, names[k][n == 1 ? 0 : 1],
                        view_date(latest->start, day));
        else
            html_printf(out, "<li>No %s</li>\n", names[k][0]);
    }
    int open = 0, ended = 0;
    for (int i = 0; f && i < f->nevents; i++) {
        or_referral_state st;
        if (f->events[i].kind == OR_EV_REFERRAL &&
            or_referral_state_of(f, &f->events[i], today, &st) &&
            plan_may_see_referral(req, st.flow)) {
            open += !st.ended;
            ended += st.ended;
        }
    }
    html_printf(out, "<li>Referrals: %d open, %d ended</li>\n", open, ended);
    int todo = 0, overdue = 0;
    for (int i = 0; duties && i < duties->n; i++)
        if (plan_rule(duties->items[i].rule) && duties->items[i].status != OR_DUTY_DONE) {
            todo++;
            overdue += duties->items[i].status == OR_DUTY_OVERDUE;
        }
    html_printf(out, "<li>Plan duties to do: %d, of which %d overdue</li>\n", todo, overdue);
    html_raw(out, "</ul>\n");
    const char *upn = f ? f->upn : web_path(req, "upn");
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils/%t/plans\">Plans "
                "and support</a> &middot; <a class=\"govuk-link\" href=\"/pupils/%t/referrals\">"
                "Referrals</a></p>\n",
                upn, upn);
}
