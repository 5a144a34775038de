/* page_pupil.c - GET /pupils/{upn} : a pupil's record, as of today: who they are and where they
 * are on roll; the risk indicators that fire, each with the facts that fired it; the duties of
 * their exclusions with due dates and whether each was done; attendance by school year; the
 * timeline of the ledger (every event, newest first, each with where and when it arrived);
 * their characteristics over time; their schools; their caseload. For those who record (the
 * LA; a school for its own school's duties): a button to record a suspension or exclusion
 * (page_record.c) and a "Record" link on each duty to do (page_action.c), whose success banner
 * (page_record_banner) shows here after the redirect. The interventions the pupil receives now
 * (interventions_view.h), with a link for those who record to the pupil's interventions page
 * (page_pupil_interventions.c), where they are listed in full and assigned. On each
 * suspension and permanent exclusion of the timeline, a link to its letters (page_letters.c).
 * A short summary of the pupil's plans and referrals links to their pages (page_plans.c,
 * page_pupil_referrals.c).
 *
 * The route is declared WEB_F_PUPIL: before this runs, server.c has checked that the pupil is
 * in the user's scope (404 otherwise, logged) and written the read to the audit log. It is also
 * WEB_F_PART: a reader who sees part of the record (req->view, view.h) gets that part only - a
 * school the pupil has left, its own period and events; a partner service, the referrals made
 * to it; a school whose claim waits, the pupil's name and date of birth and its claim
 * (page_pupil_claim). The
 * record comes from the store each time (the model's one-pupil path, or_model_load(upn)), not
 * from the dashboard's cache, so that it is always current. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/excl.h"
#include "onroll/kinds.h"
#include "onroll/listing.h"
#include "onroll/marks.h"
#include "onroll/yeargroup.h"
#include "web/ap_web.h"
#include "web/interventions_view.h"
#include "web/letters.h"
#include "web/panel_web.h"
#include "web/plans_web.h"
#include "web/view.h"

typedef struct {
    int n;
    or_date as_of; /* of the snapshot kept */
    char forename[128], surname[128], dob[11], as_of_text[11];
} latest;

/* Keep the snapshot in force now: the latest as_of, then the latest received (snapshots arrive
 * in the order of receipt). */
static or_code on_snapshot(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    latest *l = ctx;
    (void)meta;
    (void)err;
    or_date as_of = row[OR_PU_AS_OF].null ? OR_DATE_NONE : (or_date)row[OR_PU_AS_OF].i;
    if (l->n++ && as_of < l->as_of)
        return OR_OK;
    l->as_of = as_of;
    snprintf(l->forename, sizeof l->forename, "%s",
             row[OR_PU_FORENAME].s ? row[OR_PU_FORENAME].s : "");
    snprintf(l->surname, sizeof l->surname, "%s", row[OR_PU_SURNAME].s ? row[OR_PU_SURNAME].s : "");
    l->dob[0] = l->as_of_text[0] = '\0';
    if (!row[OR_PU_DOB].null)
        or_date_format((or_date)row[OR_PU_DOB].i, l->dob);
    if (as_of != OR_DATE_NONE)
        or_date_format(as_of, l->as_of_text);
    return OR_OK;
}

/* ---- provenance of the events ---- */

typedef struct {
    int64_t id, line;
    const char *route, *source, *received_at, *user;
} provenance;

typedef struct {
    or_arena *arena;
    provenance *items;
    int n, cap;
} provenances;

static or_code on_source(void *ctx, const or_event_source *e, or_error *err)
{
    provenances *p = ctx;
    OR_ARENA_GROW(p->arena, p->items, p->n + 1, p->cap);
    p->items[p->n++] = (provenance){e->id,
                                    e->line,
                                    or_arena_strdup(p->arena, e->route),
                                    or_arena_strdup(p->arena, e->source),
                                    or_arena_strdup(p->arena, e->received_at),
                                    or_arena_strdup(p->arena, e->user)};
    return OR_OK;
}

static const provenance *provenance_of(const provenances *p, int64_t id)
{
    int lo = 0, hi = p->n - 1; /* in id order */
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (p->items[mid].id == id)
            return &p->items[mid];
        if (p->items[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* ---- pieces ---- */

static const char *school_name(const or_model *m, int urn)
{
    const or_school_info *s = m ? or_model_school(m, urn) : NULL;
    return s && s->name ? s->name : "Unknown school";
}

static void td_school(or_sb *out, const web_request *req, const or_model *m, int urn)
{
    if (urn > 0 && web_can_see_school(req, urn))
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/schools/%d\">%s</a></td>\n",
                    urn, school_name(m, urn));
    else
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", school_name(m, urn));
}

static void thead(or_sb *out, const char *caption, const char *const *heads, int n,
                  int numeric_from)
{
    /* a region that scrolls on its own when the table is wider than the screen (320 px) */
    html_printf(out,
                "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">\n"
                "<table class=\"govuk-table\">\n"
                "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s</caption>\n",
                caption, caption);
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
    for (int i = 0; i < n; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    numeric_from >= 0 && i >= numeric_from ? " govuk-table__header--numeric" : "",
                    heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

static void tend(or_sb *out)
{
    html_raw(out, "</tbody>\n</table>\n</div>\n");
}

static void td(or_sb *out, const char *text)
{
    html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", text ? text : "");
}

static const char *yes_no(int8_t v)
{
    return v == 1 ? "Yes" : v == 0 ? "No" : "Not recorded";
}

static const char *sen_words(char sen)
{
    switch (sen) {
    case 'E':
        return "EHC plan";
    case 'K':
        return "SEN support";
    case 'N':
        return "No special educational needs";
    default:
        return "Not recorded";
    }
}

static const char *code_words(or_codeset cs, const char *code, or_date on)
{
    if (!code || !*code)
        return "Not recorded";
    const or_code_entry *e = or_code_find(cs, code, on);
    return e && e->description ? e->description : code;
}

/* ---- sections ---- */

static void risk_section(or_sb *out, const or_flag_list *flags, const or_params *p)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Risk indicators</h2>\n");
    if (!flags->n) {
        html_raw(out, "<p class=\"govuk-body\">No indicator fires today.</p>\n");
        return;
    }
    html_printf(out,
                "<p class=\"govuk-body\">%d %s today, each with the facts that fired it."
                "</p>\n",
                flags->n, flags->n == 1 ? "indicator fires" : "indicators fire");
    char why[512]; /* the tier and why (risk.h, docs/risk.md) */
    or_risk_explain(flags->items, flags->n, p, true, why, sizeof why);
    html_printf(out, "<p class=\"govuk-body\"><strong>%s</strong></p>\n", why);
    static const char *const heads[] = {"Indicator", "The facts that fired it", "Source"};
    thead(out, "Risk indicators that fire today", heads, 3, -1);
    for (int i = 0; i < flags->n; i++) {
        const or_flag *f = &flags->items[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s <span class=\"onroll-secondary\">%s</span>"
                    "</th>\n",
                    f->rule->summary, f->rule->id);
        td(out, f->detail);
        td(out, f->rule->source);
        html_raw(out, "</tr>\n");
    }
    tend(out);
}

/* May the user record that this duty was done (page_action.c)? The LA any; a school its own
 * school's. */
static bool can_record(const web_request *req, int urn)
{
    if (!(WEB_RECORD_ROLES & WEB_R(req->user->role)))
        return false;
    return req->user->role != OR_ROLE_SCHOOL || atoi(req->user->scope) == urn;
}

static void duty_rows(or_sb *out, const web_request *req, const char *upn, const or_duty_list *l,
                      bool done, bool record_column)
{
    char day[24];
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        if ((d->status == OR_DUTY_DONE) != done)
            continue;
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        td(out, d->due == OR_DATE_NONE ? "No fixed date" : view_date(d->due, day));
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">%s",
                    d->rule->summary, d->rule->id);
        if (d->event_id && *d->event_id && !web_event_id_ok(d->event_id)) /* the MIS's own id */
            html_printf(out, ", event %s", d->event_id);
        html_raw(out, "</span></td>\n");
        td(out, d->rule->who);
        const char *colour;
        const char *words = view_duty_status(d->status, &colour);
        html_raw(out, "<td class=\"govuk-table__cell\">");
        view_tag(out, words, colour);
        if (d->status == OR_DUTY_DONE && d->done_on != OR_DATE_NONE)
            html_printf(out, " <span class=\"onroll-secondary\">on %s</span>",
                        view_date(d->done_on, day));
        html_raw(out, "</td>\n");
        td(out, d->detail);
        if (record_column) {
            if (can_record(req, d->urn) && d->event_id && *d->event_id) {
                html_printf(out,
                            "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                            "href=\"/pupils/%t/action?urn=%d&amp;event=%t&amp;rule=%t\">Record"
                            "<span class=\"govuk-visually-hidden\"> that %s for %s was done"
                            "</span></a>",
                            upn, d->urn, d->event_id, d->rule->id, d->rule->id, d->event_id);
                if (web_duty_letter_href(req, upn, d)) /* the letter that does it (letters.h) */
                    html_raw(out, "<br>\n");
                web_duty_letter_button(out, req, upn, d);
                html_raw(out, "</td>\n");
            } else
                td(out, "");
        }
        html_raw(out, "</tr>\n");
    }
}

static void duties_section(or_sb *out, const web_request *req, const char *upn,
                           const or_duty_list *l)
{
    int open = 0, overdue = 0, done = 0;
    bool record = false;
    for (int i = 0; i < l->n; i++) {
        done += l->items[i].status == OR_DUTY_DONE;
        overdue += l->items[i].status == OR_DUTY_OVERDUE;
        open += l->items[i].status == OR_DUTY_OPEN;
        record |= l->items[i].status != OR_DUTY_DONE && can_record(req, l->items[i].urn);
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties</h2>\n");
    if (!l->n) {
        html_raw(out, "<p class=\"govuk-body\">No statutory duty or local protocol step applies."
                      "</p>\n");
        return;
    }
    html_printf(out,
                "<p class=\"govuk-body\">What must be done, by whom and by when: %d overdue, %d "
                "to do, %d done.</p>\n",
                overdue, open, done);
    static const char *const heads[] = {"Due",    "What must be done",           "Who",
                                        "Status", "How the date was worked out", "Record"};
    if (open + overdue) {
        thead(out, "To do, soonest first", heads, record ? 6 : 5, -1);
        duty_rows(out, req, upn, l, false, record);
        tend(out);
    }
    if (done) {
        html_printf(out,
                    "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                    "<span class=\"govuk-details__summary-text\">%d %s done</span></summary>\n"
                    "<div class=\"govuk-details__text\">\n",
                    done, done == 1 ? "duty" : "duties");
        thead(out, "Done", heads, 5, -1);
        duty_rows(out, req, upn, l, true, false);
        tend(out);
        html_raw(out, "</div>\n</details>\n");
    }
}

/* The school years the pupil has attendance for, marks or totals (or_attendance_summary). */
static bool attendance_year(const or_pupil_facts *f, int ay)
{
    for (int i = 0; i < f->nmarks; i++)
        if (f->marks[i].ay == ay)
            return true;
    for (int i = 0; i < f->ntotals; i++)
        if (or_date_academic_year(f->totals[i].from) == ay)
            return true;
    return false;
}

static void attendance_section(or_sb *out, const or_pupil_facts *f, const or_params *p,
                               or_date today)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"attendance\">Attendance</h2>\n");
    int first = 0, last = -1; /* the school years with marks or totals */
    for (int i = 0; f && i < f->nmarks; i++) {
        first = last < 0 || f->marks[i].ay < first ? f->marks[i].ay : first;
        last = f->marks[i].ay > last ? f->marks[i].ay : last;
    }
    for (int i = 0; f && i < f->ntotals; i++) {
        int ay = or_date_academic_year(f->totals[i].from);
        first = last < 0 || ay < first ? ay : first;
        last = ay > last ? ay : last;
    }
    if (last < 0) {
        html_raw(out, "<p class=\"govuk-body\">No attendance has been recorded.</p>\n");
        return;
    }
    static const char *const heads[] = {"School year", "Possible sessions", "Sessions attended",
                                        "Attendance (%)", "Absence"};
    thead(out, "Attendance by school year, across all schools, newest first", heads, 5, 1);
    for (int ay = last; ay >= first; ay--) {
        if (!attendance_year(f, ay))
            continue;
        or_date end = or_date_from_ymd(ay + 1, 7, 31), upto = end < today ? end : today;
        int possible = 0, attended = 0;
        or_attendance_summary(f, ay, upto, &possible, &attended);
        char year[32];
        snprintf(year, sizeof year, "%d/%02d%s", ay, (ay + 1) % 100,
                 end >= today ? " (so far)" : "");
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n",
                    year);
        html_printf(out,
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n"
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n",
                    possible, attended);
        if (possible > 0) {
            /* the one rounding rule (labels.h or_fmt_pct), as the attendance flags word it */
            char pct[OR_FMT_PCT_LEN];
            html_printf(out,
                        "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n"
                        "<td class=\"govuk-table__cell\">",
                        or_fmt_pct(attended, possible, pct));
            const or_fact_snapshot *sn = or_facts_snapshot_on(f, upto);
            long long a100 = (long long)attended * 100;
            if (!or_absence_age_counts(sn ? sn->dob : OR_DATE_NONE, ay))
                html_raw(out, "Not of compulsory school age (aged 5 to 15 on 31 August): "
                              "absence is not counted");
            else if (a100 < (long long)p->v[OR_P_RISK_SA_PCT] * possible)
                view_tag(out, "Severe absence", "red");
            else if (a100 < (long long)p->v[OR_P_RISK_PA_PCT] * possible)
                view_tag(out, "Persistent absence", "orange");
            else
                html_raw(out, "Neither persistent nor severe");
            html_raw(out, "</td>\n");
        } else {
            html_raw(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not "
                          "applicable</td>\n<td class=\"govuk-table__cell\">No possible "
                          "sessions</td>\n");
        }
        html_raw(out, "</tr>\n");
    }
    tend(out);
}

/* What an event says beyond its type and date, in words. */
static void event_details(or_sb *out, const or_model *m, const or_fact_event *e)
{
    char day[24];
    bool any = false;
#define SEP() (any ? "; " : "")
    if (e->sessions >= 0) {
        html_printf(out, "%s%d %s", SEP(), e->sessions,
                    e->kind == OR_EV_LUNCHTIME ? (e->sessions == 1 ? "lunchtime" : "lunchtimes")
                                               : (e->sessions == 1 ? "session" : "sessions"));
        any = true;
    }
    if (e->end != OR_DATE_NONE && e->end != e->start) {
        html_printf(out, "%still %s", SEP(), view_date(e->end, day));
        any = true;
    }
    if (e->reasons && *e->reasons) {
        html_printf(out, "%sreasons: ", SEP());
        view_reasons(out, e->reasons, e->start);
        any = true;
    }
    if (e->rule && *e->rule) {
        const or_rule *r = or_rule_find(e->rule);
        const char *words = r ? r->summary : e->rule;
        size_t n = strlen(words);
        char clause[512]; /* the rule's sentence, without its full stop */
        snprintf(clause, sizeof clause, "%.*s", (int)(n && words[n - 1] == '.' ? n - 1 : n), words);
        html_printf(out, "%s%s", SEP(), clause);
        any = true;
    }
    if (e->intervention && *e->intervention) {
        html_printf(out, "%sintervention: %s", SEP(), e->intervention);
        any = true;
    }
    if (e->ref && *e->ref) {
        if (e->kind == OR_EV_INTERVENTION)
            html_printf(out, "%schanges %s", SEP(), e->ref);
        else
            html_printf(out, "%sfor exclusion %s", SEP(), e->ref);
        any = true;
    }
    if (e->decided != OR_DATE_NONE && e->decided != e->start) {
        html_printf(out, "%sdecided %s", SEP(), view_date(e->decided, day));
        any = true;
    }
    if (e->outcome && *e->outcome) {
        html_printf(out, "%soutcome: %s", SEP(), e->outcome);
        any = true;
    }
    if (e->delivery && *e->delivery) {
        html_printf(out, "%sby %s", SEP(), e->delivery);
        any = true;
    }
    if (e->to_urn > 0) {
        html_printf(out, "%sto %s", SEP(), school_name(m, e->to_urn));
        any = true;
    }
    if (e->provider && *e->provider) {
        html_printf(out, "%sprovider: %s", SEP(), e->provider);
        any = true;
    }
#undef SEP
    if (!any)
        html_raw(out, "None");
}

static const char *upn_of(const or_pupil_facts *f)
{
    return f && f->upn ? f->upn : "";
}

static void timeline_section(or_sb *out, const web_request *req, const or_model *m,
                             const or_pupil_facts *f, const provenances *prov)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"timeline\">Timeline</h2>\n");
    if (!f || !f->nevents) {
        html_raw(out, "<p class=\"govuk-body\">Nothing has been recorded.</p>\n");
        return;
    }
    html_printf(out,
                "<p class=\"govuk-body\">%s (%d), newest first, with where and when it arrived. "
                "Corrections are new events: nothing is overwritten.</p>\n",
                req->view.kind == OR_VIEW_WHOLE ? "Every event recorded for this pupil"
                                                : "The events you can see",
                f->nevents);
    static const char *const heads[] = {"Date", "What", "School", "Details", "Recorded"};
    thead(out, "Timeline of the ledger, newest first", heads, 5, -1);
    char day[24], when[48];
    for (int i = f->nevents - 1; i >= 0; i--) {
        const or_fact_event *e = &f->events[i];
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        td(out, view_date(e->start, day));
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">%s"
                    "</span>",
                    view_event_label(or_event_kind_name(e->kind)),
                    web_event_id_ok(e->event_id) ? "" : e->event_id); /* an MIS's own id only */
        if (or_is_exclusion(e->kind) && can_record(req, e->urn))
            html_printf(out,
                        "<br><a class=\"govuk-link\" href=\"/pupils/%t/events/%t/letters?urn=%d\">"
                        "Letters<span class=\"govuk-visually-hidden\"> about the %s</span></a>",
                        upn_of(f), e->event_id, e->urn, view_event_name(req->arena, e));
        html_raw(out, "</td>\n");
        td_school(out, req, m, e->urn);
        html_raw(out, "<td class=\"govuk-table__cell\">");
        event_details(out, m, e);
        html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
        const provenance *p = provenance_of(prov, e->seq);
        if (p) {
            html_printf(out, "%s<br><span class=\"onroll-secondary\">%s, line %lld",
                        view_time(p->received_at, when), view_route_label(p->route),
                        (long long)p->line);
            if (p->user && *p->user)
                html_printf(out, ", by %s", p->user);
            html_raw(out, "</span>");
        } else {
            html_raw(out, "Not known");
        }
        html_raw(out, "</td>\n</tr>\n");
    }
    tend(out);
}

/* The interventions current or planned, briefly; the full list and assigning one are on the
 * pupil's interventions page (those who record). */
static void interventions_section(or_sb *out, const web_request *req, const char *upn,
                                  const iv_record *r, int n)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"interventions\">Interventions</h2>\n");
    int now = 0;
    for (int i = 0; i < n; i++)
        now += r[i].status != IV_ENDED;
    iv_record *cur = or_arena_alloc(req->arena, (size_t)(now + 1) * sizeof *cur);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (r[i].status != IV_ENDED)
            cur[k++] = r[i];
    if (k)
        iv_records_table(out, req, "Current and planned interventions", upn, cur, k, false);
    else
        html_printf(out, "<p class=\"govuk-body\">No current intervention%s.</p>\n",
                    n ? " (earlier ones have ended)" : "");
    if ((WEB_RECORD_ROLES & WEB_R(req->user->role)) && req->view.kind == OR_VIEW_WHOLE)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils/%t/"
                    "interventions\">All interventions (%d) and assign one</a></p>\n",
                    upn, n);
}

static void characteristics_section(or_sb *out, const or_pupil_facts *f)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"characteristics\">Characteristics over "
                  "time</h2>\n");
    if (!f || !f->nsnaps) {
        html_raw(out, "<p class=\"govuk-body\">None recorded.</p>\n");
        return;
    }
    static const char *const heads[] = {"Recorded as of",    "Ethnicity",
                                        "Free school meals", "Special educational needs",
                                        "Looked after",      "Child in need or protection plan",
                                        "Youth justice"};
    thead(out, "As recorded by schools, newest first", heads, 7, -1);
    char day[24];
    for (int i = f->nsnaps - 1; i >= 0; i--) {
        const or_fact_snapshot *s = &f->snaps[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n",
                    view_date(s->as_of, day));
        td(out, s->ethnicity && *s->ethnicity ? or_label_ethnicity(s->ethnicity) : "Not recorded");
        html_printf(out, "<td class=\"govuk-table__cell\">%s%s</td>\n", yes_no(s->fsm),
                    s->fsm6 == 1 ? " (in the last 6 years: yes)" : "");
        html_printf(out, "<td class=\"govuk-table__cell\">%s", sen_words(s->sen));
        if (s->sen_need && *s->sen_need)
            html_printf(out, ": %s", code_words(OR_CS_SEN_NEED, s->sen_need, s->as_of));
        html_raw(out, "</td>\n");
        html_printf(out, "<td class=\"govuk-table__cell\">%s%s</td>\n", yes_no(s->cla),
                    s->pla == 1 ? " (previously looked after)" : "");
        html_printf(out, "<td class=\"govuk-table__cell\">%s%s</td>\n",
                    s->cin == 1 || s->cp == 1   ? "Yes"
                    : s->cin == 0 || s->cp == 0 ? "No"
                                                : "Not recorded",
                    s->cp == 1 ? " (protection plan)" : "");
        td(out, yes_no(s->yjs));
        html_raw(out, "</tr>\n");
    }
    tend(out);
}

static void schools_section(or_sb *out, const web_request *req, const or_model *m,
                            const or_pupil_facts *f)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"schools\">Schools</h2>\n");
    if (!f || !f->nenrols) {
        html_raw(out, "<p class=\"govuk-body\">No enrolment recorded.</p>\n");
        return;
    }
    static const char *const heads[] = {"School", "Registration", "From", "To"};
    thead(out, "Enrolments, newest first", heads, 4, -1);
    char day[24];
    for (int i = f->nenrols - 1; i >= 0; i--) {
        const or_fact_enrolment *e = &f->enrols[i];
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        td_school(out, req, m, e->urn);
        td(out, e->reg_type == 'm' ? "Main" : e->reg_type == 'd' ? "Dual" : "Subsidiary");
        td(out, view_date(e->start, day));
        td(out, e->end == OR_DATE_NONE ? "On roll" : view_date(e->end, day));
        html_raw(out, "</tr>\n");
    }
    tend(out);
}

static void caseload_section(or_sb *out, const or_pupil_facts *f)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"caseload\">Workers</h2>\n");
    if (!f || !f->ncases) {
        html_raw(out, "<p class=\"govuk-body\">No worker is recorded.</p>\n");
        return;
    }
    static const char *const heads[] = {"Role", "Worker", "From", "To"};
    thead(out, "Caseload, newest first", heads, 4, -1);
    char day[24];
    for (int i = f->ncases - 1; i >= 0; i--) {
        const or_fact_case *c = &f->cases[i];
        const char *role = or_label_service(c->role);
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        td(out, role);
        td(out, c->worker);
        td(out, view_date(c->start, day));
        td(out, c->end == OR_DATE_NONE ? "Open" : view_date(c->end, day));
        html_raw(out, "</tr>\n");
    }
    tend(out);
}

/* ---- a reader who sees part of the record (view.h) ---- */

static void part_summary(or_sb *out, const web_request *req, const or_model *m,
                         const or_pupil_facts *f)
{
    char from[24], to[24];
    if (req->view.kind == OR_VIEW_PERIOD) {
        or_date start = OR_DATE_NONE;
        for (int i = 0; f && i < f->nenrols; i++)
            if (start == OR_DATE_NONE || f->enrols[i].start < start)
                start = f->enrols[i].start;
        gov_summary_row(
            out, "On roll at your school",
            or_arena_printf(req->arena, "%s, from %s to %s", school_name(m, req->view.urn),
                            start == OR_DATE_NONE ? "a date not recorded" : view_date(start, from),
                            view_date(req->view.left, to)));
        gov_summary_row(out, "You can see this record until", view_date(req->view.until, to));
    }
}

/* The sections a previous school or a partner service sees: its own duties, plans, referrals,
 * interventions, attendance, events, characteristics and enrolment - never the risk
 * indicators, the workers or what another school or service recorded. */
static void part_sections(or_sb *out, const web_request *req, const or_model *m,
                          const or_pupil_facts *f, const char *upn, const or_duty_list *duties,
                          const iv_record *ivs, int nivs, const provenances *prov, or_date today)
{
    if (req->view.kind == OR_VIEW_PERIOD)
        html_raw(out,
                 "<div class=\"govuk-inset-text\">This pupil has left your school. You can see "
                 "what your school recorded while the pupil was on its roll, and the duties "
                 "of your school's own exclusions. What later schools record is theirs."
                 "</div>\n");
    else
        html_printf(out,
                    "<div class=\"govuk-inset-text\">You can see the referrals made to your "
                    "service, the plan each one names, and their steps, until %d days after a "
                    "referral closes or is declined. The rest of the pupil's record is not shared "
                    "with your service.</div>\n",
                    or_model_params(m)->v[OR_P_SCOPE_PARTNER_DAYS]);
    plan_pupil_summary(out, req, f, duties); /* plans_web.c */
    duties_section(out, req, upn, duties);
    if (req->view.kind == OR_VIEW_PERIOD) {
        interventions_section(out, req, upn, ivs, nivs);
        attendance_section(out, f, or_model_params(m), today);
    }
    timeline_section(out, req, m, f, prov);
    if (req->view.kind == OR_VIEW_PERIOD) {
        characteristics_section(out, f);
        schools_section(out, req, m, f);
    }
}

void page_pupil(const web_request *req, web_response *res)
{
    const char *upn = web_path(req, "upn");
    latest l = {0};
    or_error err = {0};
    or_model *m = NULL;
    provenances prov = {req->arena, NULL, 0, 0};
    iv_record *ivs = NULL;
    int nivs = 0;
    if (or_store_scan_pupil(req->store, or_kind_get(OR_K_PUPILS), upn, on_snapshot, &l, &err) ||
        or_model_load(req->store, upn, &m, &err) ||
        or_event_sources(req->store, upn, on_source, &prov, &err) ||
        iv_pupil_records(req, upn, &ivs, &nivs, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return;
    }
    or_date today = web_today(req);
    const or_pupil_facts *f = or_model_find(m, upn);
    if (req->view.kind == OR_VIEW_CLAIM) {
        page_pupil_claim(req, res, upn, l.forename, l.surname, l.dob);
        or_model_free(m);
        return;
    }
    bool whole = req->view.kind == OR_VIEW_WHOLE;
    or_arena arena = OR_ARENA_INIT;
    f = web_view_facts(req, or_model_params(m), f); /* only the part this reader sees */
    if (!whole) {
        int k = 0;
        for (int i = 0; i < nivs; i++)
            if (req->view.kind == OR_VIEW_PERIOD && ivs[i].urn == req->view.urn)
                ivs[k++] = ivs[i];
        nivs = k;
    }
    or_duty_list duties;
    or_flag_list flags;
    or_duty_list_init(&duties, &arena);
    or_flag_list_init(&flags, &arena);
    if (f && (or_duties_for_pupil(f, or_model_params(m), today, &duties, &err) ||
              (whole && or_risk_for_pupil(f, or_model_params(m), today, &flags, &err)))) {
        or_arena_free(&arena);
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's duties could not be worked out.");
        return;
    }
    or_duties_sort(&duties);

    or_sb *out = &res->body;
    char name[260], day[24];
    snprintf(name, sizeof name, "%s %s", l.forename, l.surname);
    gov_page_start(out, req, name);
    page_record_banner(req, out);   /* after recording an exclusion or a duty done */
    page_movement_banner(req, out); /* after recording a movement */
    html_printf(out, "<span class=\"govuk-caption-l\">UPN %s</span>\n", upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", name);
    gov_summary_start(out);
    or_date dob = OR_DATE_NONE;
    if (or_date_parse(l.dob, &dob))
        gov_summary_row(
            out, "Date of birth",
            or_arena_printf(req->arena, "%s (age %d)", view_date(dob, day), or_age_on(dob, today)));
    else
        gov_summary_row(out, "Date of birth", "Not recorded");
    if (!whole) {
        part_summary(out, req, m, f);
        gov_summary_end(out);
        part_sections(out, req, m, f, upn, &duties, ivs, nivs, &prov, today);
        gov_page_end(out, req);
        or_arena_free(&arena);
        or_model_free(m);
        return;
    }
    char yg[40]; /* the National Curriculum year today, rolled forward (yeargroup.h) */
    or_yg_words(or_facts_year_group(f, today), yg);
    gov_summary_row(out, "Year group", yg[0] ? yg : "Not recorded");
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "On roll at</dt>\n<dd class=\"govuk-summary-list__value\">");
    int on_roll = 0;
    for (int i = 0; f && i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        if (e->start > today || (e->end != OR_DATE_NONE && e->end < today))
            continue;
        html_printf(out, "%s%s (%s registration)", on_roll++ ? "; " : "", school_name(m, e->urn),
                    e->reg_type == 'm'   ? "main"
                    : e->reg_type == 'd' ? "dual"
                                         : "subsidiary");
    }
    if (!on_roll)
        html_raw(out, "Not on roll at any school");
    html_raw(out, "</dd>\n</div>\n");
    or_date recorded = OR_DATE_NONE;
    gov_summary_row(out, "Characteristics last recorded",
                    or_date_parse(l.as_of_text, &recorded) ? view_date(recorded, day)
                                                           : "Not recorded");
    gov_summary_end(out);
    if (WEB_RECORD_ROLES & WEB_R(req->user->role))
        html_printf(out,
                    "<a href=\"/pupils/%t/record\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "Record a suspension or exclusion</a>\n"
                    "<a href=\"/pupils/%t/movements/new\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "Record a movement</a>\n",
                    upn, upn);

    html_raw(out, "<nav aria-label=\"On this page\">\n<h2 class=\"govuk-heading-s\">On this page"
                  "</h2>\n<ul class=\"govuk-list\">\n"
                  "<li><a class=\"govuk-link\" href=\"#risk\">Risk indicators</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#plans\">Plans and referrals</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#duties\">Duties</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#interventions\">Interventions</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#attendance\">Attendance</a></li>\n");
    if (WEB_OUTCOME_ROLES & WEB_R(req->user->role))
        html_raw(out, "<li><a class=\"govuk-link\" href=\"#outcomes\">Outcomes</a></li>\n");
    html_raw(out, "<li><a class=\"govuk-link\" href=\"#timeline\">Timeline</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#characteristics\">Characteristics over "
                  "time</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#schools\">Schools</a></li>\n"
                  "<li><a class=\"govuk-link\" href=\"#caseload\">Workers</a></li>\n"
                  "</ul>\n</nav>\n");
    risk_section(out, &flags, or_model_params(m));
    plan_pupil_summary(out, req, f, &duties); /* plans_web.c */
    duties_section(out, req, upn, &duties);
    page_ap_pupil_section(out, req, f, upn, &duties); /* alternative provision (ap_web.h) */
    panel_pupil_block(out, req, f); /* the multi-agency panel's feedback (panel_web.h) */
    interventions_section(out, req, upn, ivs, nivs);
    attendance_section(out, f, or_model_params(m), today);
    if (WEB_OUTCOME_ROLES & WEB_R(req->user->role)) /* the latest outcome measures */
        page_outcomes_section(out, req, f, upn);
    timeline_section(out, req, m, f, &prov);
    characteristics_section(out, f);
    page_roni_pupil_section(out, req, f, today); /* page_roni.c: special-category, the RONI */
    schools_section(out, req, m, f);
    caseload_section(out, f);
    gov_page_end(out, req);
    or_arena_free(&arena);
    or_model_free(m);
}
