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
#include "onroll/store_interventions.h"
#include "web/form.h"
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

/* ---- the form (form.h) ---- */

static const gov_choice whens[] = {
    {"pre", "Before", "The baseline, at or before the start"},
    {"post", "After", "At or after the end (or a review)"},
};

static const gov_choice entries[] = {
    {"responses", "The answer to each item",
     "As ticked on the questionnaire, by item number: onroll works out the scores"},
    {"scales", "The scale scores", "Copied from a paper form that has already been scored"},
};

/* Step 1: what it is for, the measure, before or after, the date, how it is entered. Step 2
 * (the fields from F_NUMBER on): a numeric measure's number, or a questionnaire's items or
 * scale scores, added for the measure chosen. */
enum { F_EVENT_ID, F_PLAN, F_MEASURE, F_OUTCOME, F_TAKEN, F_ENTRY, F_NUMBER, F__N };
enum { F_STEP2 = F_NUMBER };
static const form_field fields[F__N] = {
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    /* the pupil's interventions and plans this user may record against (set per request) */
    [F_PLAN] = {"plan", "Which intervention or plan is it for?", NULL, FORM_RADIOS, FORM_REQUIRED,
                .noun = "intervention or plan",
                .missing = "Select the intervention or plan the measurement is for",
                .column = FORM_COLUMN(OR_EV_REF)},
    /* measures.h's measures (set per request) */
    [F_MEASURE] = {"measure", "Measure",
                   "The SDQ's versions are for ages 4 to 17 (the self-report for 11 to 17)",
                   FORM_SELECT, FORM_REQUIRED, .missing = "Select the measure",
                   .column = FORM_COLUMN(OR_EV_MEASURE_ID)},
    [F_OUTCOME] = {"outcome", "Before or after?", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                   .noun = "before or after",
                   .missing = "Select whether it was taken before or after",
                   .column = FORM_COLUMN(OR_EV_OUTCOME), .choices = whens, .nchoices = 2},
    [F_TAKEN] = {"taken", "Date it was completed", "For example, 24 11 2026", FORM_DATE,
                 FORM_REQUIRED | FORM_PAST, .column = FORM_COLUMN(OR_EV_START)},
    /* required of a questionnaire (set per request) */
    [F_ENTRY] = {"entry", "How are you entering it?",
                 "For a questionnaire. A number, like attendance, is entered as it is.",
                 FORM_RADIOS, FORM_SMALL, .missing = "Select how you are entering it",
                 .choices = entries, .nchoices = 2},
    /* a numeric measure's value: checked by measures.h (its label and hint set per request) */
    [F_NUMBER] = {"number", .type = FORM_TEXT, .flags = FORM_OWN, .width = "govuk-input--width-5"},
};

typedef struct {
    const char *upn;
    const or_model *m;
    const or_pupil_facts *f;
    const or_measure *ms;   /* the measure chosen, or NULL */
    const or_fact_event *p; /* the plan chosen, when it is one of the choices */
    int first_item;         /* the index of item 1 or of the first scale (step 2), or -1 */
    or_score score;         /* after a successful step 2 */
    char score_text[OR_SCORE_TEXT_MAX];
    form fm;
} mpage;

static const char *plan_value(const web_request *req, const or_fact_event *e)
{
    return or_arena_printf(req->arena, "%d:%s", e->urn, e->event_id);
}

static bool questionnaire(const mpage *x)
{
    return x->ms && x->ms->kind == OR_MEASURE_QUESTIONNAIRE;
}

static const char *entry_of(const mpage *x)
{
    return form_text(&x->fm, F_ENTRY);
}

/* One item of a questionnaire: a fieldset whose legend is its number, with the measure's
 * responses and "Not answered" as inline radios (ids item-N, item-N-2, ...). */
static void item_fieldset(or_sb *out, const form *fm, int i)
{
    const web_request *req = fm->req;
    const or_measure *m = or_measure_find(form_text(fm, F_MEASURE));
    int item = atoi(fm->fields[i].name + 5); /* "item-N" */
    const char *value = fm->v[i].sent ? fm->v[i].text : NULL, *error = form_error_of(fm, i);
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

/* The form read and made for this request and user: the choices from the pupil's record and
 * measures.h, then the fields of step 2 for the measure chosen. */
static void prepare(const web_request *req, mpage *x, const or_model *m)
{
    memset(x, 0, sizeof *x);
    x->upn = web_path(req, "upn");
    x->m = m;
    const or_pupil_facts *f = x->f = or_model_find(m, x->upn);
    form *fm = &x->fm;
    form_init(fm, req, fields, F__N);
    gov_choice *plans =
        or_arena_alloc(req->arena, (size_t)(f ? f->nevents + 1 : 1) * sizeof *plans);
    int np = 0;
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *p = &f->events[i];
        if (is_plan(p) && visible(req, p))
            plans[np++] =
                (gov_choice){plan_value(req, p), plan_title(req, p), plan_when(req, m, f, p)};
    }
    fm->fields[F_PLAN].choices = plans;
    fm->fields[F_PLAN].nchoices = np;
    int nm = or_measure_count();
    gov_choice *ms = or_arena_alloc(req->arena, (size_t)(nm + 1) * sizeof *ms);
    ms[0] = (gov_choice){"", "Select a measure", NULL};
    for (int i = 0; i < nm; i++)
        ms[i + 1] = (gov_choice){or_measure_at(i)->id, or_measure_at(i)->label, NULL};
    fm->fields[F_MEASURE].choices = ms;
    fm->fields[F_MEASURE].nchoices = nm + 1;
    form_read(fm); /* a GET has no form: every field empty */
    form_event_id(fm, F_EVENT_ID);
    for (int i = 0; f && i < f->nevents && !x->p; i++)
        if (is_plan(&f->events[i]) && visible(req, &f->events[i]) &&
            !strcmp(plan_value(req, &f->events[i]), form_text(fm, F_PLAN)))
            x->p = &f->events[i];
    x->ms = or_measure_find(form_text(fm, F_MEASURE));
    if (!questionnaire(x))
        form_set(fm, F_ENTRY, ""); /* a number is entered as it is */
    else
        fm->fields[F_ENTRY].flags |= FORM_REQUIRED;

    /* step 2 */
    const or_measure *ms2 = x->ms;
    x->first_item = -1;
    if (ms2 && ms2->kind == OR_MEASURE_NUMERIC) {
        const char *unit = ms2->unit;
        while (*unit == ' ')
            unit++;
        char lo[OR_FIXED_STRLEN], hi[OR_FIXED_STRLEN];
        or_fixed_format(ms2->min, ms2->decimals, lo, sizeof lo);
        or_fixed_format(ms2->max, ms2->decimals, hi, sizeof hi);
        const char *places = ms2->decimals
                                 ? or_arena_printf(req->arena, ", to %d decimal place%s",
                                                   ms2->decimals, ms2->decimals == 1 ? "" : "s")
                                 : ", a whole number";
        fm->fields[F_NUMBER].label =
            *unit ? or_arena_printf(req->arena, "%s (%s)", ms2->label, unit) : ms2->label;
        fm->fields[F_NUMBER].hint =
            ms2->has_max ? or_arena_printf(req->arena, "From %s to %s%s", lo, hi, places)
                         : or_arena_printf(req->arena, "%s or more%s", lo, places);
        return;
    }
    form_off(fm, F_NUMBER);
    if (!questionnaire(x))
        return;
    if (!strcmp(entry_of(x), "responses")) {
        for (int item = 1; item <= ms2->nitems; item++) {
            form_field fd = {or_arena_printf(req->arena, "item-%d", item),
                             or_arena_printf(req->arena, "Item %d", item),
                             NULL,
                             FORM_RADIOS,
                             FORM_OWN,
                             .render = item_fieldset};
            int i = form_add(fm, &fd);
            if (x->first_item < 0)
                x->first_item = i;
        }
    } else if (!strcmp(entry_of(x), "scales")) {
        for (int k = 0; k < ms2->nscales; k++) {
            const or_scale_def *d = &ms2->scales[k];
            if (d->nitems == 0)
                continue;
            form_field fd = {or_arena_printf(req->arena, "scale-%s", d->id),
                             d->label,
                             or_arena_printf(req->arena, "0 to %d", d->max),
                             FORM_NUMBER,
                             .min = 0,
                             .max = d->max,
                             .width = "govuk-input--width-2"};
            int i = form_add(fm, &fd);
            if (x->first_item < 0)
                x->first_item = i;
        }
    }
    if (x->first_item >= 0)
        form_read_range(fm, x->first_item, fm->n);
}

/* Step 1, checked: the plan must be one this user may record against. */
static bool check_step1(mpage *x)
{
    if (!x->p)
        form_error(&x->fm, F_PLAN, "Select the intervention or plan the measurement is for");
    return form_validate_range(&x->fm, F_PLAN, F_STEP2);
}

/* Step 2's entry, scored with measures.h into x->score and x->score_text; each error against
 * its field. */
static void check_step2(form *fm, void *ctx)
{
    mpage *x = ctx;
    const web_request *req = fm->req;
    const or_measure *m = x->ms;
    or_error err = {0};
    int before = fm->nerrors;
    if (!m)
        return;
    form_validate_range(fm, F_STEP2, fm->n); /* the scale scores' range */
    if (!strcmp(entry_of(x), "responses")) {
        int responses[OR_MEASURE_MAX_ITEMS];
        for (int i = 0; i < OR_MEASURE_MAX_ITEMS; i++)
            responses[i] = OR_NO_ANSWER;
        for (int item = 1; item <= m->nitems; item++) {
            int i = x->first_item + item - 1;
            const char *v = form_text(fm, i);
            if (!*v)
                continue; /* not answered */
            size_t n = strlen(v);
            if (n > 6 || strspn(v, "0123456789") != n)
                form_error(fm, i,
                           or_arena_printf(req->arena,
                                           "Item %d: select a response, or Not answered", item));
            else if (or_measure_set_response(m, responses, item, atoi(v), &err))
                form_error(fm, i, capital(req->arena, err.msg));
        }
        if (fm->nerrors == before && or_measure_score_responses(m, responses, &x->score, &err))
            form_error(fm, x->first_item,
                       "Answer at least one item (choose Not answered for the items "
                       "left blank on the form)");
    } else if (!strcmp(entry_of(x), "scales")) {
        int scales[OR_MEASURE_MAX_SCALES];
        for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
            scales[k] = OR_NO_ANSWER;
        for (int k = 0, i = x->first_item; k < m->nscales; k++) {
            if (m->scales[k].nitems == 0)
                continue;
            if (*form_text(fm, i))
                scales[k] = atoi(form_text(fm, i));
            i++;
        }
        if (fm->nerrors == before && or_measure_score_scales(m, scales, &x->score, &err))
            form_error(fm, x->first_item, "Enter at least one scale score");
    } else if (m->kind == OR_MEASURE_NUMERIC) {
        const char *v = form_text(fm, F_NUMBER);
        while (*v == ' ' || *v == '\t')
            v++;
        char *t = or_arena_strdup(req->arena, v);
        for (size_t n = strlen(t); n && (t[n - 1] == ' ' || t[n - 1] == '\t'); n--)
            t[n - 1] = '\0';
        if (!*t) {
            form_error(fm, F_NUMBER, or_arena_printf(req->arena, "Enter the %s", m->label));
        } else if (or_measure_parse(m, t, &x->score, &err)) {
            /* measures.h names the measure by its id: put its label instead */
            size_t n = strlen(m->id);
            const char *why = !strncmp(err.msg, m->id, n) && !strncmp(err.msg + n, ": ", 2)
                                  ? err.msg + n + 2
                                  : err.msg;
            form_error(fm, F_NUMBER, or_arena_printf(req->arena, "%s: %s", m->label, why));
        }
    } else {
        form_error(fm, F_ENTRY, "Select how you are entering it");
    }
    if (fm->nerrors == before)
        or_score_format(&x->score, x->score_text, sizeof x->score_text);
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

/* Step 1: the list of what was measured, then the form. */
static void show_list(form *fm, web_response *res, const mpage *x)
{
    const web_request *req = fm->req;
    const or_pupil_facts *f = x->f;
    or_sb *out = &res->body;
    gov_page_start(out, req, fm->nerrors ? "Error: Outcomes" : "Outcomes");
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's record</a>\n",
                x->upn);
    gov_error_summary(out, fm->errors, fm->nerrors);
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
        plan_group(out, req, x->m, f, p, ++groups);
    }
    if (!groups)
        html_raw(out, "<p class=\"govuk-body\">No measurement has been recorded.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-l\" id=\"record\">Record a measurement</h2>\n");
    if (!fm->fields[F_PLAN].nchoices) {
        html_raw(out, "<p class=\"govuk-body\">There is nothing to measure yet: a measurement "
                      "is recorded against an intervention or a plan (Pastoral Support "
                      "Programme, Personal Education Plan, pre-exclusion assessment, part-time "
                      "timetable or referral) of the pupil, and none is recorded.</p>\n");
        gov_page_end(out, req);
        if (fm->nerrors)
            res->status = 400;
        return;
    }
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    form_start(out, fm, or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn));
    form_fields_html(out, fm, F_PLAN, F_STEP2);
    form_page_end(out, fm, res, "Continue", "entry");
}

static void step1_summary(or_sb *out, const form *fm, const mpage *x)
{
    const web_request *req = fm->req;
    gov_summary_start(out);
    gov_summary_row(out, "For",
                    or_arena_printf(req->arena, "%s. %s", plan_title(req, x->p),
                                    plan_when(req, x->m, x->f, x->p)));
    gov_summary_row(out, "Measure", x->ms->label);
    gov_summary_row(out, "Before or after", when_words(form_text(fm, F_OUTCOME)));
    form_summary_row(out, fm, F_TAKEN);
    if (questionnaire(x))
        gov_summary_row(out, "Entered as", form_words(fm, F_ENTRY));
    gov_summary_end(out);
}

/* Step 2: the entry fields. */
static void show_entry(form *fm, web_response *res, const mpage *x)
{
    const web_request *req = fm->req;
    or_sb *out = &res->body;
    const or_measure *ms = x->ms;
    const char *entry = entry_of(x);
    const char *title = !questionnaire(x) ? or_arena_printf(req->arena, "Enter the %s", ms->label)
                        : !strcmp(entry, "responses")
                            ? or_arena_printf(req->arena, "Enter the answers: %s", ms->label)
                            : or_arena_printf(req->arena, "Enter the scale scores: %s", ms->label);
    gov_page_start(out, req, fm->nerrors ? or_arena_printf(req->arena, "Error: %s", title) : title);
    /* the items' inline responses need the width: one line each */
    if (!strcmp(entry, "responses"))
        html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    else
        html_raw(out,
                 "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, fm->errors, fm->nerrors);
    heading(out, req, x->upn, title);
    step1_summary(out, fm, x);
    gov_form_start(out, req, "post", or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn));
    form_hidden_range(out, fm, 0, F_STEP2);
    if (!strcmp(entry, "responses"))
        html_printf(out,
                    "<p class=\"govuk-body\">For each item, the answer ticked on the form. Items "
                    "are numbered as on the questionnaire (1 to %d); their wording is not shown "
                    "here. A scale is worked out from at least 3 of its 5 items.</p>\n",
                    ms->nitems);
    else if (!strcmp(entry, "scales"))
        html_raw(out, "<p class=\"govuk-body\">The score of each scale as worked out on the "
                      "paper form. Leave a scale empty if it was not scored. The total and the "
                      "other derived scores are worked out here.</p>\n");
    form_fields_html(out, fm, F_STEP2, fm->n);
    html_raw(out, "<div class=\"govuk-button-group\">\n");
    gov_button_value(out, "Continue", "action", "check", false);
    gov_button_value(out, "Change what it is for", "action", "start", true);
    html_raw(out, "</div>\n");
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (fm->nerrors)
        res->status = 400;
}

/* The form again: step 1 when one of its fields is in error (or the plan is not known), else
 * step 2. */
static void show_step(form *fm, web_response *res, void *ctx)
{
    const mpage *x = ctx;
    bool step1 = !x->p || !x->ms;
    for (int k = 0; k < fm->nerrors; k++)
        step1 |= fm->error_field[k] >= F_PLAN && fm->error_field[k] < F_STEP2;
    if (step1)
        show_list(fm, res, x);
    else
        show_entry(fm, res, x);
}

/* Step 3: what will be saved, scored. */
static void show_check(form *fm, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const mpage *x = ctx;
    const web_request *req = fm->req;
    or_sb *out = &res->body;
    const or_score *s = &x->score;
    const or_measure *ms = x->ms;
    char name[300];
    web_pupil_name(req, x->upn, name, sizeof name);
    form_check_start(out, fm, "Check the measurement before saving",
                     or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", x->upn),
                     false);
    step1_summary(out, fm, x);
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
    form_check_end(out, fm, or_arena_printf(req->arena, "/pupils/%s/outcomes", x->upn),
                   "Save the measurement");
}

static bool row(form *fm, const char **cells, const char **detail, void *ctx)
{
    const mpage *x = ctx;
    const web_request *req = fm->req;
    if (fm->nerrors || !x->p || !x->ms)
        return false; /* the steps' errors: no row to check */
    const char *id = form_text(fm, F_EVENT_ID), *date = form_text(fm, F_TAKEN);
    const char *outcome = form_text(fm, F_OUTCOME);
    web_event_cells(req, cells, id, x->upn, or_arena_printf(req->arena, "%d", x->p->urn), "measure",
                    date);
    form_cells(fm, cells);
    cells[OR_EV_REF] = x->p->event_id;
    cells[OR_EV_SCORE] = x->score_text;
    *detail = or_arena_printf(req->arena, "recorded measure %s: %s %s for %s at school %d on %s",
                              id, x->ms->id, outcome, x->p->event_id, x->p->urn, date);
    return true;
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
    if (or_model_load(req->store, web_path(req, "upn"), &m, &err)) {
        or_model_free(m);
        server_error(req, res, "The pupil's record could not be read.");
        return;
    }
    mpage x;
    prepare(req, &x, m);
    show_list(&x.fm, res, &x);
    or_model_free(m);
}

void page_outcomes_post(const web_request *req, web_response *res)
{
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, web_path(req, "upn"), &m, &err)) {
        or_model_free(m);
        server_error(req, res, "The pupil's record could not be read. Nothing was saved.");
        return;
    }
    mpage x;
    prepare(req, &x, m);
    form *fm = &x.fm;
    const char *action = web_form(req, "action");
    if (!strcmp(action, "start")) { /* back to step 1 with the choices kept */
        show_list(fm, res, &x);
    } else if (!check_step1(&x)) {
        form_errors_in_order(fm);
        show_list(fm, res, &x);
    } else if (!strcmp(action, "entry")) {
        show_entry(fm, res, &x);
    } else {
        form_flow fl = {
            .upn = x.upn,
            .source = or_arena_printf(req->arena, "form /pupils/%s/outcomes", x.upn),
            .done =
                or_arena_printf(req->arena, "/pupils/%s/outcomes?recorded=1#measurements", x.upn),
            .what = "measurement",
            .validate = check_step2,
            .row = row,
            .show_form = show_step,
            .show_check = show_check,
        };
        form_post(fm, res, &fl, &x);
    }
    or_model_free(m);
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
