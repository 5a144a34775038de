/* page_outcomes.c - GET and POST /pupils/{upn}/outcomes : a pupil's outcome measures (issue 8)
 * and the form that records one; and the "Outcomes" section of the pupil's page.
 *
 * GET lists the pupil's `measure` events grouped by the intervention or plan each names (its
 * `ref`: an intervention, PSP, PEP, pre-exclusion assessment, part-time timetable or referral),
 * each with its date, the measure, before or after, and its scores with their bands
 * (or_score_summary); then, for each measure taken both before and after, the change of every
 * scale ("Total difficulties 21 -> 15", improved / worse / no change read with the scale's
 * direction), pairing the first `pre` with the last `post` as the outcomes report does
 * (outcomes_report.h). Below the list is the first step of recording a measurement.
 *
 * Recording, in steps, with no script needed:
 *   1. which intervention or plan it is for (the pupil's events a user may record against),
 *      the measure (measures.h), before or after, the date, and for a questionnaire how it is
 *      entered (action=entry);
 *   2. the entry: every item by number with the measure's responses and "Not answered" (the
 *      wording of the items is copyright and never shown), or the scale scores typed from a
 *      scored paper form, or a numeric measure's one number (action=check);
 *   3. the check: the scores and bands worked out by measures.h, the row sent through the
 *      importer inside a transaction and rolled back (so its errors show before saving); "Save"
 *      (action=save) sends the same row through the importer (web_ingest_row: it validates the
 *      score again) with its line in the audit log, in one transaction; "Change" goes back to
 *      step 2 with what was entered.
 * The `score` text stored is or_score_format's, from the fields, never from a hidden copy of
 * it. Errors go against their field: "Item 7: ..." against item 7's fieldset, "Conduct
 * problems: 11 is outside 0 to 10" against that scale's input.
 *
 * Who (routes.c, WEB_OUTCOME_ROLES): a school account for its own school's interventions and
 * plans (it sees and records only those); the LA for any; the Virtual School for the pupils in
 * its scope (a looked-after child's SDQ is part of the Virtual School's monitoring). The route
 * is WEB_F_PUPIL: the pupil is in scope (else 404) and the read is logged before this runs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/interventions.h"
#include "onroll/kinds.h"
#include "onroll/measures.h"
#include "onroll/outcomes.h"
#include "onroll/referrals.h"
#include "onroll/stats.h"
#include "web/forms.h"
#include "web/view.h"

/* ---- names ---- */

const char *web_intervention_name(const web_request *req, const char *id)
{
    if (!id || !*id)
        return "(no id)";
    or_intervention e;
    bool found = false;
    or_error err = {0};
    if (or_iv_get(req->store, id, req->arena, &e, &found, &err) || !found || !e.name || !*e.name)
        return id; /* not (or no longer readable) in the directory: its id */
    return e.name;
}

/* Events a measurement may name (rowcheck.c: a measure's ref is one of these). An intervention
 * that revises another (its ref names the first) is not offered: the first is the one that
 * counts in the outcomes report. */
static bool is_plan(const or_fact_event *e)
{
    switch (e->kind) {
    case OR_EV_INTERVENTION:
        return !e->ref || !*e->ref;
    case OR_EV_PSP:
    case OR_EV_PEP:
    case OR_EV_PEAP:
    case OR_EV_PART_TIME:
    case OR_EV_REFERRAL:
        return true;
    default:
        return false;
    }
}

/* Events this user sees here: a school its own school's, everyone else all of them. */
static bool visible(const web_request *req, const or_fact_event *e)
{
    int mine = web_user_school(req);
    return !mine || e->urn == mine;
}

static const char *plan_title(const web_request *req, const or_fact_event *e)
{
    switch (e->kind) {
    case OR_EV_INTERVENTION:
        return or_arena_printf(req->arena, "Intervention: %s",
                               web_intervention_name(req, e->intervention));
    case OR_EV_PSP:
        return "Pastoral Support Programme";
    case OR_EV_PEP:
        return "Personal Education Plan";
    case OR_EV_PEAP:
        return "Pre-exclusion assessment";
    case OR_EV_PART_TIME:
        return "Part-time timetable";
    case OR_EV_REFERRAL: {
        const or_referral_flow *fl = or_referral_flow_find(e->to);
        return or_arena_printf(req->arena, "Referral: %s",
                               fl ? fl->label : (e->to && *e->to ? e->to : "service"));
    }
    default:
        return view_event_label(or_event_kind_name(e->kind));
    }
}

/* The end of a plan: its own, or for an intervention that of its latest revision. */
static or_date plan_end(const or_pupil_facts *f, const or_fact_event *e)
{
    or_date end = e->end;
    for (int i = 0; e->kind == OR_EV_INTERVENTION && i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        if (r->kind == OR_EV_INTERVENTION && r->urn == e->urn && r->ref &&
            !strcmp(r->ref, e->event_id))
            end = r->end;
    }
    return end;
}

static const char *school_name(const or_model *m, int urn)
{
    const or_school_info *s = m ? or_model_school(m, urn) : NULL;
    return s && s->name ? s->name : "Unknown school";
}

/* "From 15 September 2025 to 12 December 2025 at Eastfield Academy (event IA)". */
static const char *plan_when(const web_request *req, const or_model *m, const or_pupil_facts *f,
                             const or_fact_event *e)
{
    char from[24], to[24];
    view_date(e->start, from);
    or_date end = plan_end(f, e);
    bool one_day = e->kind == OR_EV_PEP || e->kind == OR_EV_PEAP;
    view_date(end, to);
    return or_arena_printf(req->arena, "%s %s%s%s at %s (event %s)", one_day ? "On" : "From", from,
                           !one_day && end != OR_DATE_NONE ? " to " : "",
                           !one_day && end != OR_DATE_NONE ? to : "", school_name(m, e->urn),
                           e->event_id);
}

/* The plan event a measurement names, or NULL. */
static const or_fact_event *plan_of(const or_pupil_facts *f, const or_fact_event *x)
{
    return x->ref ? or_facts_event(f, x->urn, x->ref) : NULL;
}

static const char *when_words(const char *outcome)
{
    return outcome && !strcmp(outcome, "pre")    ? "Before"
           : outcome && !strcmp(outcome, "post") ? "After"
                                                 : "Not said";
}

/* "Not true" from "not true". */
static const char *capital(or_arena *a, const char *s)
{
    char *c = or_arena_strdup(a, s ? s : "");
    if (*c)
        *c = (char)toupper((unsigned char)*c);
    return c;
}

/* A measurement's scores for people, or why there are none. */
static const char *summary_of(const web_request *req, const or_fact_event *x, or_score *s)
{
    const or_measure *m = or_measure_find(x->measure);
    or_error ignore = {0};
    if (!m || or_measure_parse(m, x->score, s, &ignore))
        return or_arena_printf(req->arena, "Not readable as %s: %s", m ? m->label : x->measure,
                               x->score ? x->score : "");
    char buf[OR_SCORE_SUMMARY_MAX];
    or_score_summary(s, buf, sizeof buf);
    return or_arena_strdup(req->arena, buf);
}

/* A numeric measure's value with its unit: "92.5%". */
static const char *number_text(const web_request *req, const or_score *s)
{
    char v[OR_FIXED_STRLEN];
    or_fixed_format(s->number, s->measure->decimals, v, sizeof v);
    return or_arena_printf(req->arena, "%s%s", v, s->measure->unit);
}

static void change_tag(or_sb *out, or_change c)
{
    if (c == OR_CHANGE_IMPROVED)
        view_tag(out, "Improved", "green");
    else if (c == OR_CHANGE_WORSENED)
        view_tag(out, "Worse", "red");
    else
        view_tag(out, "No change", "grey");
}

/* ---- the list ---- */

static void th_cols(or_sb *out, const char *caption, const char *const *heads, int n)
{
    html_printf(out,
                "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n",
                caption);
    for (int i = 0; i < n; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>\n", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

/* The change of each scale of measure id between the first `pre` and the last `post` naming
 * plan p, as a table; nothing when there is not both. */
static void change_table(or_sb *out, const web_request *req, const or_pupil_facts *f,
                         const or_fact_event *p, const char *id)
{
    const or_fact_event *pre = NULL, *post = NULL;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *x = &f->events[i];
        if (x->kind != OR_EV_MEASURE || plan_of(f, x) != p || !x->measure || strcmp(x->measure, id))
            continue;
        if (x->outcome && !strcmp(x->outcome, "pre") && !pre)
            pre = x;
        else if (x->outcome && !strcmp(x->outcome, "post"))
            post = x;
    }
    const or_measure *m = or_measure_find(id);
    or_score a, b;
    or_error ignore = {0};
    if (!m || !pre || !post || or_measure_parse(m, pre->score, &a, &ignore) ||
        or_measure_parse(m, post->score, &b, &ignore))
        return;
    char d1[24], d2[24];
    static const char *const heads[] = {"Scale", "Before, then after", "Change"};
    th_cols(out,
            or_arena_printf(req->arena, "Change: %s, %s against %s", m->label,
                            view_date(pre->start, d1), view_date(post->start, d2)),
            heads, 3);
    int rows = 0;
    int nscales = m->kind == OR_MEASURE_QUESTIONNAIRE ? m->nscales : 1;
    for (int k = 0; k < nscales; k++) {
        const char *sid = m->kind == OR_MEASURE_QUESTIONNAIRE ? m->scales[k].id : NULL;
        double va, vb;
        if (!or_score_get(&a, sid, &va) || !or_score_get(&b, sid, &vb))
            continue;
        const char *before =
            sid ? or_arena_printf(req->arena, "%d", a.score[k]) : number_text(req, &a);
        const char *after =
            sid ? or_arena_printf(req->arena, "%d", b.score[k]) : number_text(req, &b);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n<td class=\"govuk-table__cell\">"
                    "%s → %s</td>\n<td class=\"govuk-table__cell\">",
                    sid ? m->scales[k].label : m->label, before, after);
        change_tag(out, or_change_of(vb - va, or_measure_better(m, sid)));
        html_raw(out, "</td>\n</tr>\n");
        rows++;
    }
    if (!rows)
        html_raw(out, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\" "
                      "colspan=\"3\">No scale was scored both times.</td>\n</tr>\n");
    html_raw(out, "</tbody>\n</table>\n");
}

static void plan_group(or_sb *out, const web_request *req, const or_model *m,
                       const or_pupil_facts *f, const or_fact_event *p, int nth)
{
    html_printf(out, "<h3 class=\"govuk-heading-m\" id=\"plan-%d\">%s</h3>\n", nth,
                plan_title(req, p));
    html_printf(out, "<p class=\"govuk-body\">%s.</p>\n", plan_when(req, m, f, p));
    static const char *const heads[] = {"Date", "Measure", "Before or after", "Scores"};
    th_cols(out, or_arena_printf(req->arena, "Measurements (%s)", plan_title(req, p)), heads, 4);
    char day[24];
    const char *ids[16];
    int nids = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *x = &f->events[i];
        if (x->kind != OR_EV_MEASURE || plan_of(f, x) != p)
            continue;
        const or_measure *ms = or_measure_find(x->measure);
        or_score s;
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">"
                    "%s</td>\n<td class=\"govuk-table__cell\">%s</td>\n</tr>\n",
                    view_date(x->start, day), ms ? ms->label : x->measure, when_words(x->outcome),
                    summary_of(req, x, &s));
        bool seen = false;
        for (int j = 0; j < nids; j++)
            seen |= !strcmp(ids[j], x->measure);
        if (!seen && ms && nids < 16)
            ids[nids++] = x->measure;
    }
    html_raw(out, "</tbody>\n</table>\n");
    for (int j = 0; j < nids; j++)
        change_table(out, req, f, p, ids[j]);
}

/* Does any measurement this user sees name plan p? */
static bool measured(const web_request *req, const or_pupil_facts *f, const or_fact_event *p)
{
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].kind == OR_EV_MEASURE && visible(req, &f->events[i]) &&
            plan_of(f, &f->events[i]) == p)
            return true;
    return false;
}

/* ---- the form's state ---- */

typedef struct {
    const char *upn, *event_id;
    const char *plan; /* "URN:EVENT_ID" of the plan */
    const char *measure, *outcome, *entry;
    const char *day, *month, *year;
    const char *items[OR_MEASURE_MAX_ITEMS];   /* as sent; NULL when not sent */
    const char *scales[OR_MEASURE_MAX_SCALES]; /* by scale index; "" when not sent */
    const char *number;
    /* worked out */
    const or_measure *m;
    const or_fact_event *p; /* the plan, when it is one of the choices */
    const char *date;       /* YYYY-MM-DD as the importer reads it */
    or_score score;         /* after a successful step 2 */
    char score_text[OR_SCORE_TEXT_MAX];
} mform;

typedef struct {
    gov_error items[64];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < (int)(sizeof e->items / sizeof e->items[0]))
        e->items[e->n++] = (gov_error){field, msg};
}

static const char *plan_value(const web_request *req, const or_fact_event *e)
{
    return or_arena_printf(req->arena, "%d:%s", e->urn, e->event_id);
}

static void read_form(const web_request *req, mform *x)
{
    memset(x, 0, sizeof *x);
    x->upn = web_path(req, "upn");
    x->event_id = web_form(req, "event_id");
    x->plan = web_form(req, "plan");
    x->measure = web_form(req, "measure");
    x->outcome = web_form(req, "outcome");
    x->entry = web_form(req, "entry");
    x->day = web_form(req, "taken-day");
    x->month = web_form(req, "taken-month");
    x->year = web_form(req, "taken-year");
    x->number = web_form(req, "number");
    x->m = or_measure_find(x->measure);
    for (int i = 0; i < OR_MEASURE_MAX_ITEMS; i++) {
        char name[24]; /* "item-" and any int */
        snprintf(name, sizeof name, "item-%d", i + 1);
        x->items[i] = web_param_get(&req->form, name);
    }
    for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
        x->scales[k] = "";
    for (int k = 0; x->m && x->m->kind == OR_MEASURE_QUESTIONNAIRE && k < x->m->nscales; k++)
        if (x->m->scales[k].nitems > 0)
            x->scales[k] =
                web_form(req, or_arena_printf(req->arena, "scale-%s", x->m->scales[k].id));
    x->date = web_date_from_parts(req->arena, x->day, x->month, x->year);
    if (!x->m || x->m->kind != OR_MEASURE_QUESTIONNAIRE)
        x->entry = "";
}

static bool questionnaire(const mform *x)
{
    return x->m && x->m->kind == OR_MEASURE_QUESTIONNAIRE;
}

/* Step 1's choices, checked. The plan must be one this user may record against. */
static void check_step1(const web_request *req, const or_pupil_facts *f, mform *x, errors *e)
{
    x->p = NULL;
    for (int i = 0; f && i < f->nevents && !x->p; i++)
        if (is_plan(&f->events[i]) && visible(req, &f->events[i]) &&
            !strcmp(plan_value(req, &f->events[i]), x->plan))
            x->p = &f->events[i];
    if (!x->p)
        add_error(e, "plan", "Select the intervention or plan the measurement is for");
    if (!x->m)
        add_error(e, "measure", "Select the measure");
    if (strcmp(x->outcome, "pre") && strcmp(x->outcome, "post"))
        add_error(e, "outcome", "Select whether it was taken before or after");
    or_date d;
    if (!*x->date)
        add_error(e, "taken-day", "Enter the date it was completed");
    else if (!or_date_parse(x->date, &d))
        add_error(e, "taken-day",
                  "The date it was completed must be a real date, for example 24 11 2026");
    else if (d > web_today(req))
        add_error(e, "taken-day", "The date it was completed must be today or in the past");
    if (questionnaire(x) && strcmp(x->entry, "responses") && strcmp(x->entry, "scales"))
        add_error(e, "entry", "Select how you are entering it");
}

/* Digits only, at most 6: its value; -1 otherwise. */
static int small_number(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 6 || strspn(s, "0123456789") != n)
        return -1;
    return atoi(s);
}

static const char *trimmed(or_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return or_arena_strndup(a, s, n);
}

/* Step 2's entry, scored with measures.h into x->score and x->score_text; each error against
 * its field. */
static void check_step2(const web_request *req, mform *x, errors *e)
{
    const or_measure *m = x->m;
    or_error err = {0};
    int before = e->n;
    if (!strcmp(x->entry, "responses")) {
        int responses[OR_MEASURE_MAX_ITEMS];
        for (int i = 0; i < OR_MEASURE_MAX_ITEMS; i++)
            responses[i] = OR_NO_ANSWER;
        for (int item = 1; item <= m->nitems; item++) {
            const char *v = x->items[item - 1];
            const char *field = or_arena_printf(req->arena, "item-%d", item);
            if (!v || !*v)
                continue; /* not answered */
            int n = small_number(v);
            if (n < 0)
                add_error(e, field,
                          or_arena_printf(req->arena, "Item %d: select a response, or Not answered",
                                          item));
            else if (or_measure_set_response(m, responses, item, n, &err))
                add_error(e, field, capital(req->arena, err.msg));
        }
        if (e->n == before && or_measure_score_responses(m, responses, &x->score, &err))
            add_error(e, "item-1",
                      "Answer at least one item (choose Not answered for the items "
                      "left blank on the form)");
    } else if (!strcmp(x->entry, "scales")) {
        int scales[OR_MEASURE_MAX_SCALES];
        const char *first = NULL;
        for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
            scales[k] = OR_NO_ANSWER;
        for (int k = 0; k < m->nscales; k++) {
            const or_scale_def *d = &m->scales[k];
            if (d->nitems == 0)
                continue;
            const char *field = or_arena_printf(req->arena, "scale-%s", d->id);
            if (!first)
                first = field;
            const char *v = trimmed(req->arena, x->scales[k]);
            if (!*v)
                continue;
            int n = small_number(v);
            if (n < 0)
                add_error(e, field,
                          or_arena_printf(req->arena, "%s: enter a whole number from 0 to %d",
                                          d->label, d->max));
            else if (n > d->max)
                add_error(
                    e, field,
                    or_arena_printf(req->arena, "%s: %s is outside 0 to %d", d->label, v, d->max));
            else
                scales[k] = n;
        }
        if (e->n == before && or_measure_score_scales(m, scales, &x->score, &err))
            add_error(e, first, "Enter at least one scale score");
    } else if (m->kind == OR_MEASURE_NUMERIC) {
        const char *v = trimmed(req->arena, x->number);
        if (!*v) {
            add_error(e, "number", or_arena_printf(req->arena, "Enter the %s", m->label));
        } else if (or_measure_parse(m, v, &x->score, &err)) {
            /* measures.h names the measure by its id: put its label instead */
            size_t n = strlen(m->id);
            const char *why = !strncmp(err.msg, m->id, n) && !strncmp(err.msg + n, ": ", 2)
                                  ? err.msg + n + 2
                                  : err.msg;
            add_error(e, "number", or_arena_printf(req->arena, "%s: %s", m->label, why));
        }
    } else {
        add_error(e, "entry", "Select how you are entering it");
    }
    if (e->n == before)
        or_score_format(&x->score, x->score_text, sizeof x->score_text);
}

/* ---- what the steps carry ---- */

static void hidden_step1(or_sb *out, const mform *x)
{
    gov_hidden(out, "event_id", x->event_id);
    gov_hidden(out, "plan", x->plan);
    gov_hidden(out, "measure", x->measure);
    gov_hidden(out, "outcome", x->outcome);
    gov_hidden(out, "taken-day", x->day);
    gov_hidden(out, "taken-month", x->month);
    gov_hidden(out, "taken-year", x->year);
    gov_hidden(out, "entry", x->entry);
}

static void hidden_entry(or_sb *out, const web_request *req, const mform *x)
{
    const or_measure *m = x->m;
    if (!strcmp(x->entry, "responses")) {
        for (int i = 0; i < m->nitems; i++)
            if (x->items[i])
                gov_hidden(out, or_arena_printf(req->arena, "item-%d", i + 1), x->items[i]);
    } else if (!strcmp(x->entry, "scales")) {
        for (int k = 0; k < m->nscales; k++)
            if (m->scales[k].nitems > 0)
                gov_hidden(out, or_arena_printf(req->arena, "scale-%s", m->scales[k].id),
                           x->scales[k]);
    } else {
        gov_hidden(out, "number", x->number);
    }
}

/* ---- the pages ---- */

static void heading(or_sb *out, const web_request *req, const char *upn, const char *title)
{
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                name[0] ? name : "Pupil", upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
}

static const gov_choice whens[] = {
    {"pre", "Before", "The baseline, at or before the start"},
    {"post", "After", "At or after the end (or a review)"},
};

static const gov_choice entries[] = {
    {"responses", "The answer to each item",
     "As ticked on the questionnaire, by item number: onroll works out the scores"},
    {"scales", "The scale scores", "Copied from a paper form that has already been scored"},
};

/* Step 1: the list of what was measured, then the form. */
static void show_list(const web_request *req, web_response *res, const or_model *m,
                      const or_pupil_facts *f, const mform *x, const errors *e)
{
    or_sb *out = &res->body;
    gov_page_start(out, req, e->n ? "Error: Outcomes" : "Outcomes");
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's record</a>\n",
                x->upn);
    gov_error_summary(out, e->items, e->n);
    if (!strcmp(web_query(req, "recorded"), "1"))
        gov_notification(out, "Success", "Measurement recorded.", true);
    heading(out, req, x->upn, "Outcomes");
    html_raw(out, "<p class=\"govuk-body\">Measures taken before and after each intervention or "
                  "plan, and how they changed. Questionnaire items are referred to by number "
                  "only: their wording is not reproduced here.</p>\n");
    html_raw(out, "<h2 class=\"govuk-heading-l\" id=\"measurements\">Measurements</h2>\n");
    int groups = 0;
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *p = &f->events[i];
        if (!is_plan(p) && p->kind != OR_EV_INTERVENTION)
            continue;
        if (!visible(req, p) || !measured(req, f, p))
            continue;
        plan_group(out, req, m, f, p, ++groups);
    }
    if (!groups)
        html_raw(out, "<p class=\"govuk-body\">No measurement has been recorded.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-l\" id=\"record\">Record a measurement</h2>\n");
    gov_choice *plans =
        or_arena_alloc(req->arena, (size_t)(f ? f->nevents + 1 : 1) * sizeof *plans);
    int np = 0;
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *p = &f->events[i];
        if (is_plan(p) && visible(req, p))
            plans[np++] =
                (gov_choice){plan_value(req, p), plan_title(req, p), plan_when(req, m, f, p)};
    }
    if (!np) {
        html_raw(out, "<p class=\"govuk-body\">There is nothing to measure yet: a measurement "
                      "is recorded against an intervention or a plan (Pastoral Support "
                      "Programme, Personal Education Plan, pre-exclusion assessment, part-time "
                      "timetable or referral) of the pupil, and none is recorded.</p>\n");
        gov_page_end(out, req);
        if (e->n)
            res->status = 400;
        return;
    }
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn));
    gov_hidden(out, "event_id", x->event_id);
    gov_radios(out, "plan", "Which intervention or plan is it for?", NULL, plans, np, x->plan,
               gov_error_for(e->items, e->n, "plan"), false);
    int nm = or_measure_count();
    gov_choice *ms = or_arena_alloc(req->arena, (size_t)(nm + 1) * sizeof *ms);
    ms[0] = (gov_choice){"", "Select a measure", NULL};
    for (int i = 0; i < nm; i++)
        ms[i + 1] = (gov_choice){or_measure_at(i)->id, or_measure_at(i)->label, NULL};
    gov_select(out, "measure", "Measure",
               "The SDQ's versions are for ages 4 to 17 (the self-report for 11 to 17)", ms, nm + 1,
               x->measure, gov_error_for(e->items, e->n, "measure"));
    gov_radios(out, "outcome", "Before or after?", NULL, whens, 2, x->outcome,
               gov_error_for(e->items, e->n, "outcome"), true);
    gov_date_input(out, "taken", "Date it was completed", "For example, 24 11 2026", x->day,
                   x->month, x->year, gov_error_for(e->items, e->n, "taken-day"));
    gov_radios(out, "entry", "How are you entering it?",
               "For a questionnaire. A number, like attendance, is entered as it is.", entries, 2,
               x->entry, gov_error_for(e->items, e->n, "entry"), true);
    gov_button_value(out, "Continue", "action", "entry", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

static void step1_summary(or_sb *out, const web_request *req, const or_model *m,
                          const or_pupil_facts *f, const mform *x)
{
    char day[24];
    or_date d = OR_DATE_NONE;
    or_date_parse(x->date, &d);
    gov_summary_start(out);
    gov_summary_row(
        out, "For",
        or_arena_printf(req->arena, "%s. %s", plan_title(req, x->p), plan_when(req, m, f, x->p)));
    gov_summary_row(out, "Measure", x->m->label);
    gov_summary_row(out, "Before or after", when_words(x->outcome));
    gov_summary_row(out, "Date it was completed", view_date(d, day));
    if (questionnaire(x))
        gov_summary_row(out, "Entered as",
                        !strcmp(x->entry, "responses") ? "The answer to each item"
                                                       : "The scale scores");
    gov_summary_end(out);
}

/* One item of a questionnaire: a fieldset whose legend is its number, with the measure's
 * responses and "Not answered" as inline radios (ids item-N, item-N-2, ...). */
static void item_fieldset(or_sb *out, const web_request *req, const or_measure *m, int item,
                          const char *value, const char *error)
{
    char id[16];
    snprintf(id, sizeof id, "item-%d", item);
    html_printf(out, "<div class=\"govuk-form-group onroll-item%s\">\n",
                error ? " govuk-form-group--error" : "");
    html_raw(out, "<fieldset class=\"govuk-fieldset\"");
    if (error)
        html_printf(out, " aria-describedby=\"%s-error\"", id);
    html_printf(out,
                ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s "
                "onroll-item__legend\">Item %d</legend>\n",
                item);
    if (error)
        html_printf(out,
                    "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
                    "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
                    id, error);
    html_raw(out, "<div class=\"govuk-radios govuk-radios--small govuk-radios--inline\" "
                  "data-module=\"govuk-radios\">\n");
    for (int r = 0; r <= m->nresponses; r++) {
        const char *v = r < m->nresponses ? or_arena_printf(req->arena, "%d", r) : "";
        const char *label =
            r < m->nresponses ? capital(req->arena, m->responses[r]) : "Not answered";
        const char *rid = r ? or_arena_printf(req->arena, "%s-%d", id, r + 1) : id;
        html_printf(out,
                    "<div class=\"govuk-radios__item\">\n<input class=\"govuk-radios__input\" "
                    "id=\"%s\" name=\"%s\" type=\"radio\" value=\"%s\"%s>\n<label "
                    "class=\"govuk-label govuk-radios__label\" for=\"%s\">%s</label>\n</div>\n",
                    rid, id, v, value && !strcmp(value, v) ? " checked" : "", rid, label);
    }
    html_raw(out, "</div>\n</fieldset>\n</div>\n");
}

/* Step 2: the entry fields. */
static void show_entry(const web_request *req, web_response *res, const or_model *m,
                       const or_pupil_facts *f, const mform *x, const errors *e)
{
    or_sb *out = &res->body;
    const or_measure *ms = x->m;
    const char *title = !questionnaire(x) ? or_arena_printf(req->arena, "Enter the %s", ms->label)
                        : !strcmp(x->entry, "responses")
                            ? or_arena_printf(req->arena, "Enter the answers: %s", ms->label)
                            : or_arena_printf(req->arena, "Enter the scale scores: %s", ms->label);
    gov_page_start(out, req, e->n ? or_arena_printf(req->arena, "Error: %s", title) : title);
    /* the items' inline responses need the width: one line each */
    if (!strcmp(x->entry, "responses"))
        html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    else
        html_raw(out,
                 "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    heading(out, req, x->upn, title);
    step1_summary(out, req, m, f, x);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn));
    hidden_step1(out, x);
    if (!strcmp(x->entry, "responses")) {
        html_printf(out,
                    "<p class=\"govuk-body\">For each item, the answer ticked on the form. Items "
                    "are numbered as on the questionnaire (1 to %d); their wording is not shown "
                    "here. A scale is worked out from at least 3 of its 5 items.</p>\n",
                    ms->nitems);
        for (int item = 1; item <= ms->nitems; item++)
            item_fieldset(
                out, req, ms, item, x->items[item - 1],
                gov_error_for(e->items, e->n, or_arena_printf(req->arena, "item-%d", item)));
    } else if (!strcmp(x->entry, "scales")) {
        html_raw(out, "<p class=\"govuk-body\">The score of each scale as worked out on the "
                      "paper form. Leave a scale empty if it was not scored. The total and the "
                      "other derived scores are worked out here.</p>\n");
        for (int k = 0; k < ms->nscales; k++) {
            const or_scale_def *d = &ms->scales[k];
            if (d->nitems == 0)
                continue;
            const char *id = or_arena_printf(req->arena, "scale-%s", d->id);
            gov_text_input(out, id, d->label, or_arena_printf(req->arena, "0 to %d", d->max),
                           x->scales[k], "govuk-input--width-2", gov_error_for(e->items, e->n, id));
        }
    } else {
        const char *unit = ms->unit;
        while (*unit == ' ')
            unit++;
        char lo[OR_FIXED_STRLEN], hi[OR_FIXED_STRLEN];
        or_fixed_format(ms->min, ms->decimals, lo, sizeof lo);
        or_fixed_format(ms->max, ms->decimals, hi, sizeof hi);
        const char *places = ms->decimals
                                 ? or_arena_printf(req->arena, ", to %d decimal place%s",
                                                   ms->decimals, ms->decimals == 1 ? "" : "s")
                                 : ", a whole number";
        const char *hint = ms->has_max
                               ? or_arena_printf(req->arena, "From %s to %s%s", lo, hi, places)
                               : or_arena_printf(req->arena, "%s or more%s", lo, places);
        gov_text_input(out, "number",
                       *unit ? or_arena_printf(req->arena, "%s (%s)", ms->label, unit) : ms->label,
                       hint, x->number, "govuk-input--width-5",
                       gov_error_for(e->items, e->n, "number"));
    }
    html_raw(out, "<div class=\"govuk-button-group\">\n");
    gov_button_value(out, "Continue", "action", "check", false);
    gov_button_value(out, "Change what it is for", "action", "start", true);
    html_raw(out, "</div>\n");
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

/* Step 3: what will be saved, scored. */
static void show_check(const web_request *req, web_response *res, const or_model *m,
                       const or_pupil_facts *f, const mform *x)
{
    or_sb *out = &res->body;
    const or_score *s = &x->score;
    const or_measure *ms = x->m;
    const char *title = "Check the measurement before saving";
    gov_page_start(out, req, title);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    heading(out, req, x->upn, title);
    html_raw(out, "<p class=\"govuk-body\">Nothing has been saved yet.</p>\n");
    step1_summary(out, req, m, f, x);
    if (ms->kind == OR_MEASURE_NUMERIC) {
        gov_summary_start(out);
        gov_summary_row(out, ms->label, number_text(req, s));
        gov_summary_end(out);
    } else {
        if (s->entry == OR_ENTRY_RESPONSES) {
            int answered = 0;
            for (int i = 0; i < ms->nitems; i++)
                answered += s->responses[i] != OR_NO_ANSWER;
            html_printf(out, "<p class=\"govuk-body\">%d of %d items answered.</p>\n", answered,
                        ms->nitems);
        }
        static const char *const heads[] = {"Scale", "Score", "Band"};
        th_cols(out, "The scores, worked out from what was entered", heads, 3);
        for (int k = 0; k < ms->nscales; k++) {
            const or_scale_def *d = &ms->scales[k];
            const char *band = or_score_band(s, k);
            const char *score =
                s->present[k] ? or_arena_printf(req->arena, "%d (0 to %d)", s->score[k], d->max)
                : s->entry == OR_ENTRY_RESPONSES && d->nitems > 0
                    ? or_arena_printf(req->arena, "Not scored (%d of %d items answered)",
                                      s->answered[k], d->nitems)
                    : "Not scored";
            html_printf(out,
                        "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                        "class=\"govuk-table__header\">%s</th>\n<td class=\"govuk-table__cell\">"
                        "%s</td>\n<td class=\"govuk-table__cell\">%s</td>\n</tr>\n",
                        d->label, score,
                        band             ? capital(req->arena, band)
                        : !s->present[k] ? ""
                        : d->nbands == 0 ? "No published bands"
                                         : "");
        }
        html_raw(out, "</tbody>\n</table>\n");
    }
    gov_summary_start(out);
    gov_summary_row(out, "As it will be stored", x->score_text);
    gov_summary_end(out);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn));
    hidden_step1(out, x);
    hidden_entry(out, req, x);
    gov_check_page_end(out, req, "Save the measurement");
}

static void server_error(const web_request *req, web_response *res, const char *what)
{
    or_sb_reset(&res->body);
    web_error(req, res, 500, "Sorry, there is a problem with the service", what);
}

void page_outcomes(const web_request *req, web_response *res)
{
    or_model *m = NULL;
    or_error err = {0};
    const char *upn = web_path(req, "upn");
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        server_error(req, res, "The pupil's record could not be read.");
        return;
    }
    mform x;
    read_form(req, &x); /* a GET has no form: every field empty */
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    x.event_id = id;
    errors e = {0};
    show_list(req, res, m, or_model_find(m, upn), &x, &e);
    or_model_free(m);
}

/* The importer's messages, against the form's fields: those of step 1's columns send the
 * user back to step 1 (*step1). */
static const web_field fields[] = {
    {"start", "taken-day", "date it was completed", NULL},
    {"ref", "plan", "intervention or plan", "Select the intervention or plan"},
    {"measure", "measure", "measure", "Select the measure"},
    {"outcome", "outcome", "before or after", "Select whether it was taken before or after"},
    {"score", "score", "scores", NULL},
};

static void importer_errors(const web_request *req, const char *name, const char *text, errors *e,
                            bool *step1)
{
    int from = e->n;
    web_form_errors(req->arena, text, name, fields, (int)(sizeof fields / sizeof fields[0]),
                    e->items, &e->n, (int)(sizeof e->items / sizeof e->items[0]));
    *step1 = false;
    for (int i = from; i < e->n; i++) {
        const char *fid = e->items[i].field_id;
        if (fid && !strcmp(fid, "score"))
            e->items[i].field_id = NULL; /* of the whole entry */
        else if (fid)
            *step1 = true;
    }
    if (e->n == from)
        add_error(e, NULL, "The measurement could not be checked.");
}

void page_outcomes_post(const web_request *req, web_response *res)
{
    const char *upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        server_error(req, res, "The pupil's record could not be read. Nothing was saved.");
        return;
    }
    const or_pupil_facts *f = or_model_find(m, upn);
    mform x;
    read_form(req, &x);
    char id[WEB_EVENT_ID_LEN + 1];
    if (!web_event_id_ok(x.event_id)) {
        web_new_event_id(id);
        x.event_id = or_arena_strdup(req->arena, id);
    }
    const char *action = web_form(req, "action");
    errors e = {0};
    if (!strcmp(action, "start")) { /* back to step 1 with the choices kept */
        show_list(req, res, m, f, &x, &e);
        or_model_free(m);
        return;
    }
    check_step1(req, f, &x, &e);
    if (e.n) {
        show_list(req, res, m, f, &x, &e);
        or_model_free(m);
        return;
    }
    if (!strcmp(action, "entry") || !strcmp(action, "change")) {
        show_entry(req, res, m, f, &x, &e);
        or_model_free(m);
        return;
    }
    check_step2(req, &x, &e);
    if (e.n) {
        show_entry(req, res, m, f, &x, &e);
        or_model_free(m);
        return;
    }
    bool save = !strcmp(action, "save");
    const char *cells[OR_EV__N];
    web_event_cells(req, cells, x.event_id, upn, or_arena_printf(req->arena, "%d", x.p->urn),
                    "measure", x.date);
    cells[OR_EV_REF] = x.p->event_id;
    cells[OR_EV_MEASURE_ID] = x.m->id;
    cells[OR_EV_SCORE] = x.score_text;
    cells[OR_EV_OUTCOME] = x.outcome;
    const char *name = or_arena_printf(req->arena, "form /pupils/%s/outcomes", upn);
    or_ingest_result ir = {0};
    /* one transaction: the batch (a savepoint) and its audit line, or the check's look */
    if (or_store_begin(req->store, &err)) {
        or_model_free(m);
        server_error(req, res, "The database did not answer. Nothing was saved.");
        return;
    }
    or_code rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), name, cells, &ir, &err);
    if (rc == OR_EINPUT) {
        or_store_rollback(req->store);
        bool step1;
        importer_errors(req, name, ir.errors.len ? or_sb_str(&ir.errors) : err.msg, &e, &step1);
        or_ingest_result_release(&ir);
        if (step1)
            show_list(req, res, m, f, &x, &e);
        else
            show_entry(req, res, m, f, &x, &e);
        or_model_free(m);
        return;
    }
    if (rc || !save) {
        or_store_rollback(req->store); /* the check leaves no trace */
        or_ingest_result_release(&ir);
        if (rc)
            server_error(req, res, "The measurement could not be checked. Nothing was saved.");
        else
            show_check(req, res, m, f, &x);
        or_model_free(m);
        return;
    }
    char detail[300];
    snprintf(detail, sizeof detail, "recorded measure %s: %s %s for %s at school %d on %s",
             x.event_id, x.m->id, x.outcome, x.p->event_id, x.p->urn, x.date);
    bool changed = ir.committed;
    or_ingest_result_release(&ir);
    or_model_free(m);
    if ((changed && web_audit(req, "change", upn, detail)) || or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        server_error(req, res,
                     "The change could not be written to the audit log, so it was not saved.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/pupils/%s/outcomes?recorded=1#measurements", upn));
}

/* ---- the pupil's page ---- */

void page_outcomes_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                           const char *upn)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"outcomes\">Outcomes</h2>\n");
    enum { LATEST = 3 };
    const or_fact_event *latest[LATEST];
    int n = 0, total = 0;
    for (int i = f ? f->nevents - 1 : -1; i >= 0; i--) { /* newest first */
        const or_fact_event *x = &f->events[i];
        if (x->kind != OR_EV_MEASURE || !visible(req, x))
            continue;
        total++;
        if (n < LATEST)
            latest[n++] = x;
    }
    if (!n) {
        html_raw(out, "<p class=\"govuk-body\">No outcome measure has been recorded.</p>\n");
    } else {
        html_printf(out,
                    "<p class=\"govuk-body\">%d %s before or after an intervention or plan; the "
                    "latest:</p>\n",
                    total, total == 1 ? "measurement" : "measurements");
        static const char *const heads[] = {"Date", "Measure", "For", "Scores"};
        th_cols(out, "The latest outcome measurements", heads, 4);
        char day[24];
        for (int i = 0; i < n; i++) {
            const or_fact_event *x = latest[i];
            const or_measure *ms = or_measure_find(x->measure);
            const or_fact_event *p = plan_of(f, x);
            or_score s;
            html_printf(out,
                        "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s"
                        "</td>\n<td class=\"govuk-table__cell\">%s (%s)</td>\n<td "
                        "class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">%s"
                        "</td>\n</tr>\n",
                        view_date(x->start, day), ms ? ms->label : x->measure,
                        x->outcome && !strcmp(x->outcome, "pre") ? "before" : "after",
                        p ? plan_title(req, p) : x->ref, summary_of(req, x, &s));
        }
        html_raw(out, "</tbody>\n</table>\n");
    }
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils/%t/outcomes\">"
                "Outcomes: every measurement, the change before and after, and recording one"
                "</a></p>\n",
                upn);
}
