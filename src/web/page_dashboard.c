/* page_dashboard.c - GET /dashboard : what needs attention, for each role.
 *
 *   LA administrator, LA officer: the suspensions and exclusions that arrived since their last
 *     visit, the duties overdue and due soon, the children at risk, the schools of concern
 *     (the funnel plot of pupils with one or more suspensions against the LA's rate) and data
 *     sharing (for every school, when its data last arrived and by which route); and, for the
 *     LA roles, the partner notifications not acknowledged (page_notifications.c);
 *   analyst: the same sections as aggregated figures only, small counts suppressed ("c"), no
 *     child named;
 *   school: its own school page (a redirect to /schools/URN);
 *   LA roles also: the support plans and referrals to act on, and the permanent exclusions
 *     recorded without a pre-exclusion assessment or LA consultation (view_plans.c); the
 *     caseload roles: their children's plans and referrals to act on;
 *   social worker, youth justice worker, Virtual School, partner service: their caseload (or
 *     cohort): new exclusions since the last visit, duties, and the list of their children.
 *
 * The figures come from the LA snapshot (view_cache.c), as of today. A dashboard that names
 * children is written to the audit log first (no log line, no page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"
#include "onroll/svg.h"
#include "web/plans_web.h"
#include "web/view.h"

enum { TABLE_ROWS = 25, CASELOAD_ROWS = 200 };

/* ---- collecting ---- */

typedef struct {
    int64_t id;
    const char *upn, *event_id, *type, *received_at;
    int urn, sessions;
    or_date start;
} arrival;

typedef struct {
    const web_request *req;
    const view_pupil *const *scope; /* only these pupils (sorted by upn), or all when NULL */
    int nscope;
    arrival *items;
    int n, cap;
    int64_t by_type[3]; /* suspension, lunchtime, permanent */
} arrivals;

static bool in_scope(const arrivals *a, const char *upn)
{
    int lo = 0, hi = a->nscope - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = strcmp(a->scope[mid]->upn, upn);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

static or_code on_arrival(void *ctx, const or_received_event *e, or_error *err)
{
    arrivals *a = ctx;
    if (a->scope && !in_scope(a, e->upn))
        return OR_OK;
    OR_ARENA_GROW(a->req->arena, a->items, a->n + 1, a->cap);
    or_arena *ar = a->req->arena;
    a->items[a->n++] = (arrival){e->id,
                                 or_arena_strdup(ar, e->upn),
                                 or_arena_strdup(ar, e->event_id),
                                 or_arena_strdup(ar, e->type),
                                 or_arena_strdup(ar, e->received_at),
                                 e->urn,
                                 e->sessions,
                                 e->start};
    a->by_type[!strcmp(e->type, "suspension") ? 0 : !strcmp(e->type, "lunchtime") ? 1 : 2]++;
    return OR_OK;
}

/* newest arrival first, then the latest start */
static int by_arrival(const void *x, const void *y)
{
    const arrival *a = x, *b = y;
    int c = strcmp(b->received_at, a->received_at);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start > b->start ? -1 : 1;
    return a->id > b->id ? -1 : a->id < b->id;
}

static int by_due(const void *x, const void *y)
{
    const or_duty *a = *(const or_duty *const *)x, *b = *(const or_duty *const *)y;
    if (a->due != b->due) /* no fixed date last */
        return a->due == OR_DATE_NONE ? 1 : b->due == OR_DATE_NONE ? -1 : a->due < b->due ? -1 : 1;
    int c = strcmp(a->upn, b->upn);
    return c ? c : strcmp(a->rule->id, b->rule->id);
}

/* The duties overdue and those open and due within VIEW_DUE_SOON_DAYS, of the given pupils
 * (all when scope is NULL), each sorted by due date. */
static void collect_duties(const web_request *req, const view_snapshot *snap,
                           const view_pupil *const *scope, int nscope, const or_duty ***overdue,
                           int *nover, const or_duty ***soon, int *nsoon)
{
    int n = scope ? nscope : snap->npupils, cap = 0;
    for (int i = 0; i < n; i++) {
        const view_pupil *p = scope ? scope[i] : &snap->pupils[i];
        cap += p->overdue > p->due_soon ? p->overdue : p->due_soon;
    }
    *overdue = or_arena_alloc(req->arena, ((size_t)cap + 1) * sizeof **overdue);
    *soon = or_arena_alloc(req->arena, ((size_t)cap + 1) * sizeof **soon);
    *nover = *nsoon = 0;
    for (int i = 0; i < n; i++) {
        const view_pupil *p = scope ? scope[i] : &snap->pupils[i];
        for (int d = p->duty0; d < p->duty0 + p->nduties; d++) {
            const or_duty *du = &snap->duties.items[d];
            if (du->status == OR_DUTY_OVERDUE)
                (*overdue)[(*nover)++] = du;
            else if (du->status == OR_DUTY_OPEN && du->due != OR_DATE_NONE &&
                     du->due <= snap->as_of + VIEW_DUE_SOON_DAYS)
                (*soon)[(*nsoon)++] = du;
        }
    }
    if (*nover > 1)
        qsort(*overdue, (size_t)*nover, sizeof **overdue, by_due);
    if (*nsoon > 1)
        qsort(*soon, (size_t)*nsoon, sizeof **soon, by_due);
}

/* most indicators first, then most duties overdue, then by name */
static int by_risk(const void *x, const void *y)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    if (a->nflags != b->nflags)
        return b->nflags - a->nflags;
    if (a->overdue != b->overdue)
        return b->overdue - a->overdue;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->upn, b->upn);
}

/* ---- sections ---- */

static void since_sentence(or_sb *out, const char *since, bool first)
{
    char when[48];
    if (first)
        html_raw(out, "<p class=\"govuk-body\">This is your first visit, so this shows what "
                      "arrived in the last 7 days.</p>\n");
    else
        html_printf(out,
                    "<p class=\"govuk-body\">Since your last visit on %s: the suspensions and "
                    "exclusions recorded since then, newest first.</p>\n",
                    view_time(since, when));
}

static void arrivals_table(or_sb *out, const web_request *req, const view_snapshot *snap,
                           const arrivals *a, int max)
{
    static const char *const heads[] = {"Received", "Pupil",   "School",
                                        "What",     "Started", "Sessions"};
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"New suspensions and exclusions\">\n<table class=\"govuk-table\">\n"
                  "<caption class=\"govuk-table__caption govuk-table__caption--s\">New "
                  "suspensions and exclusions</caption>\n<thead class=\"govuk-table__head\">\n"
                  "<tr class=\"govuk-table__row\">\n");
    for (int i = 0; i < 6; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i == 5 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char when[48], day[24];
    for (int i = 0; i < a->n && i < max; i++) {
        const arrival *e = &a->items[i];
        const view_pupil *p = view_find_pupil(snap, e->upn);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/pupils/%t\">%s</a></td>\n",
                    view_time(e->received_at, when), e->upn, p && p->name[0] ? p->name : e->upn);
        view_td_school(out, req, snap, e->urn);
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">%s"
                    "</td>\n",
                    view_event_label(e->type), view_date(e->start, day));
        if (e->sessions >= 0)
            html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n",
                        e->sessions);
        else
            html_raw(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
                          "Not recorded</td>\n");
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (a->n > max)
        html_printf(out, "<p class=\"govuk-body\">And %d more not shown.</p>\n", a->n - max);
}

/* The three counts of arrivals, with their total; suppressed for the analyst. */
static void arrivals_counts(or_sb *out, const arrivals *a, bool suppress)
{
    static const char *const labels[] = {"Suspensions", "Lunchtime suspensions",
                                         "Permanent exclusions"};
    uint8_t flags[4] = {0};
    or_error err = {0};
    if (suppress && or_suppress_list(a->by_type, 3, true, OR_SUPPRESS_THRESHOLD, flags, &err))
        memset(flags, OR_SUP_PRIMARY, sizeof flags); /* when in doubt, show nothing */
    char buf[24];
    gov_summary_start(out);
    for (int i = 0; i < 3; i++) {
        or_cell_count(a->by_type[i], flags[i], buf, sizeof buf);
        gov_summary_row(out, labels[i], buf);
    }
    or_cell_count(a->by_type[0] + a->by_type[1] + a->by_type[2], flags[3], buf, sizeof buf);
    gov_summary_row(out, "All", buf);
    gov_summary_end(out);
}

/* Children at risk: how many children each indicator fired for (and how many have any). */
static void risk_counts(or_sb *out, const view_snapshot *snap, bool suppress, int64_t children)
{
    size_t nrules = or_rules_count();
    int64_t *counts = calloc(nrules + 1, sizeof *counts);
    const or_rule **rules = calloc(nrules + 1, sizeof *rules);
    uint8_t *flags = calloc(nrules + 2, 1);
    if (!counts || !rules || !flags) {
        free(counts);
        free(rules);
        free(flags);
        return;
    }
    int n = 0;
    for (size_t r = 0; r < nrules; r++) {
        const or_rule *rule = or_rule_at(r);
        if (rule->kind != OR_RULE_RISK)
            continue;
        rules[n] = rule;
        for (int i = 0; i < snap->flags.n; i++)
            if (snap->flags.items[i].rule == rule)
                counts[n]++;
        n++;
    }
    or_error err = {0};
    if (suppress && n && or_suppress_list(counts, n, false, OR_SUPPRESS_THRESHOLD, flags, &err))
        memset(flags, OR_SUP_PRIMARY, nrules + 2);
    static const char *const heads[] = {"Indicator", "Children"};
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Children by indicator (a child may have "
                  "several)</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n");
    html_printf(out,
                "<th scope=\"col\" class=\"govuk-table__header\">%s</th>\n<th scope=\"col\" "
                "class=\"govuk-table__header govuk-table__header--numeric\">%s</th>\n",
                heads[0], heads[1]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char buf[24];
    for (int i = 0; i < n; i++) {
        or_cell_count(counts[i], suppress ? flags[i] : 0, buf, sizeof buf);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s <span class=\"onroll-secondary\">%s</span>"
                    "</th>\n<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n"
                    "</tr>\n",
                    rules[i]->summary, rules[i]->id, buf);
    }
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<th scope=\"row\" class=\"govuk-table__header\">"
                "Children with any indicator</th>\n<td class=\"govuk-table__cell "
                "govuk-table__cell--numeric\">%s</td>\n</tr>\n",
                view_count(children, suppress, buf));
    html_raw(out, "</tbody>\n</table>\n");
    free(counts);
    free(rules);
    free(flags);
}

static void risk_table(or_sb *out, const web_request *req, const view_snapshot *snap,
                       const view_pupil **list, int n, int max)
{
    static const char *const heads[] = {"Child", "School", "Indicators", "Duties overdue"};
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Children with the most indicators</caption>\n"
                  "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
    for (int i = 0; i < 4; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i == 3 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n && i < max; i++) {
        const view_pupil *p = list[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t\">%s</a></td>\n",
                    p->upn, p->name[0] ? p->name : p->upn);
        view_td_school(out, req, snap, p->urn);
        html_raw(out, "<td class=\"govuk-table__cell\"><ul class=\"onroll-cell-list\">\n");
        for (int f = p->flag0; f < p->flag0 + p->nflags; f++)
            html_printf(out, "<li>%s</li>\n", snap->flags.items[f].rule->summary);
        html_printf(out,
                    "</ul></td>\n<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d"
                    "</td>\n</tr>\n",
                    p->overdue);
    }
    html_raw(out, "</tbody>\n</table>\n");
    if (n > max)
        html_printf(out,
                    "<p class=\"govuk-body\">And %d more: <a class=\"govuk-link\" "
                    "href=\"/pupils?risk=1\">every child at risk</a>.</p>\n",
                    n - max);
}

/* ---- schools of concern ---- */

static or_svg_point_class point_class(const char *funnel)
{
    if (!strcmp(funnel, "of concern"))
        return OR_SVG_PT_CONCERN;
    if (!strcmp(funnel, "watch"))
        return OR_SVG_PT_WATCH;
    if (!strcmp(funnel, "low") || !strcmp(funnel, "very low"))
        return OR_SVG_PT_LOW;
    return OR_SVG_PT_WITHIN;
}

/* One school's row of the schools table. */
static void school_row(or_sb *out, const or_table *t, int r)
{
    const char *urn = view_report_cell(t, r, "urn");
    html_printf(out,
                "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                "class=\"govuk-link\" href=\"/schools/%t\">%s</a></td>\n",
                urn, view_report_cell(t, r, "school"));
    static const char *const cols[] = {"headcount", "suspension", "one_plus_susp",
                                       "one_plus_susp_rate", "share_of_la_suspensions"};
    for (int c = 0; c < 5; c++)
        html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n",
                    view_report_cell(t, r, cols[c]));
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_funnel_tag(out, view_report_cell(t, r, "funnel"));
    html_raw(out, "</td>\n</tr>\n");
}

static void schools_table_head(or_sb *out, const char *caption)
{
    static const char *const heads[] = {"School",        "Pupils",
                                        "Suspensions",   "Pupils with one or more suspensions",
                                        "Rate (%)",      "Share of the LA's suspensions (%)",
                                        "Against the LA"};
    html_printf(out,
                "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n",
                caption);
    for (int i = 0; i < 7; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i >= 1 && i <= 5 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

/* " (A, B and C)": the schools whose funnel class is cls. */
static void name_schools(or_sb *out, const or_table *t, const char *cls, int n)
{
    if (!n)
        return;
    html_raw(out, " (");
    int k = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (strcmp(view_report_cell(t, r, "funnel"), cls))
            continue;
        html_printf(out, "%s%s",
                    k == 0       ? ""
                    : k == n - 1 ? " and "
                                 : ", ",
                    view_report_cell(t, r, "school"));
        k++;
    }
    html_raw(out, ")");
}

static void schools_of_concern(or_sb *out, const web_request *req, const view_snapshot *snap,
                               bool suppress)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"schools\">Schools of concern</h2>\n");
    if (!snap->have_report || !snap->report[0].nrows) {
        html_raw(out, "<p class=\"govuk-body\">There are no figures for this school year "
                      "yet.</p>\n");
        return;
    }
    const or_table *t = &snap->report[suppress ? 0 : 1];
    const char *la_rate = view_report_cell(t, 0, "la_one_plus_susp_rate");
    int nconcern = 0, nwatch = 0, half = 0;
    or_svg_funnel_point *pts = or_arena_calloc(req->arena, (size_t)t->nrows + 1, sizeof *pts);
    int npts = 0;
    for (int r = 0; r < t->nrows; r++) {
        const char *f = view_report_cell(t, r, "funnel");
        nconcern += !strcmp(f, "of concern");
        nwatch += !strcmp(f, "watch");
        const char *cum = view_report_cell(t, r, "cumulative_share");
        if (!half && strcmp(cum, "c") && strcmp(cum, "z") && atof(cum) >= 50.0)
            half = r + 1;
        const char *rate = view_report_cell(t, r, "one_plus_susp_rate");
        const char *hc = view_report_cell(t, r, "headcount");
        if (!strcmp(rate, "c") || !strcmp(rate, "z") || !strcmp(hc, "c") || atof(hc) <= 0 ||
            !strcmp(f, "c") || !strcmp(f, "z"))
            continue; /* suppressed or not applicable: not drawn */
        pts[npts++] =
            (or_svg_funnel_point){view_report_cell(t, r, "school"), atof(hc), atof(rate),
                                  point_class(f), !strcmp(f, "of concern") || !strcmp(f, "watch")};
    }
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", snap->ay, (snap->ay + 1) % 100);
    html_printf(out,
                "<p class=\"govuk-body\">Pupils with one or more suspensions in %s, school by "
                "school, against the LA's rate of %s%%. A school above the 99.8%% limit is of "
                "concern; above the 95%% limit, one to watch.</p>\n",
                year, la_rate);
    html_printf(out, "<p class=\"govuk-body\">%d %s of concern", nconcern,
                nconcern == 1 ? "school is" : "schools are");
    name_schools(out, t, "of concern", nconcern);
    html_printf(out, " and %d to watch", nwatch);
    name_schools(out, t, "watch", nwatch);
    html_raw(out, ".");
    if (half)
        html_printf(out, " %d %s account for half of the LA's suspensions.", half,
                    half == 1 ? "school" : "schools");
    html_raw(out, "</p>\n");

    char *desc = or_arena_printf(
        req->arena,
        "Each school is a point: pupils on roll across, the percentage with one or more "
        "suspensions up, with the LA's rate of %s%% and the 95%% and 99.8%% control limits. %d "
        "%s above the 99.8%% limit and %d above the 95%% limit. The table below the chart gives "
        "every school's figures.",
        la_rate, nconcern, nconcern == 1 ? "school is" : "schools are", nwatch);
    char *title = or_arena_printf(
        req->arena, "Funnel plot: pupils with one or more suspensions by school, %s", year);
    or_svg_funnel_chart chart = {{"funnel", title, desc},
                                 "Pupils on roll",
                                 "Pupils with one or more suspensions (%)",
                                 atof(la_rate) / 100.0,
                                 npts,
                                 pts};
    html_raw(out, "<figure class=\"onroll-chart\">\n");
    or_svg_funnel(out, &chart);
    html_raw(out, "</figure>\n");

    if (nconcern + nwatch) {
        schools_table_head(out, "Schools of concern and to watch");
        for (int r = 0; r < t->nrows; r++) {
            const char *f = view_report_cell(t, r, "funnel");
            if (!strcmp(f, "of concern") || !strcmp(f, "watch"))
                school_row(out, t, r);
        }
        html_raw(out, "</tbody>\n</table>\n");
    }
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">Figures for every school</span>"
                  "</summary>\n<div class=\"govuk-details__text\">\n<div class=\"onroll-scroll\" "
                  "tabindex=\"0\" role=\"region\" aria-label=\"Every school's figures\">\n");
    schools_table_head(out, "Every school, most suspensions first");
    for (int r = 0; r < t->nrows; r++)
        school_row(out, t, r);
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (suppress)
        html_raw(out, "<p class=\"govuk-body\">c: a count of 1 or 2, or a figure built on one, "
                      "suppressed so that no child can be identified.</p>\n");
    html_raw(out, "</div>\n</details>\n");
}

/* ---- data sharing ---- */

static int by_staleness(const void *x, const void *y)
{
    const view_school *a = *(const view_school *const *)x, *b = *(const view_school *const *)y;
    int da = a->days < 0 ? 1 << 30 : a->days, db = b->days < 0 ? 1 << 30 : b->days;
    if (da != db)
        return db - da;
    return a->urn - b->urn;
}

static void data_sharing(or_sb *out, const web_request *req, const view_snapshot *snap)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"sharing\">Data sharing</h2>\n");
    int stopped = 0, late = 0;
    const view_school **list =
        or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *list);
    for (int i = 0; i < snap->nschools; i++) {
        list[i] = &snap->schools[i];
        stopped += snap->schools[i].share >= VIEW_SHARE_STOPPED;
        late += snap->schools[i].share == VIEW_SHARE_LATE;
    }
    if (snap->nschools > 1)
        qsort(list, (size_t)snap->nschools, sizeof *list, by_staleness);
    html_printf(out,
                "<p class=\"govuk-body\">When each school's data (exclusions, moves, roll and "
                "attendance) last arrived, and by which route. %d %s not shared anything for "
                "more than %d days; %d %s late (more than %d days).</p>\n",
                stopped, stopped == 1 ? "school has" : "schools have", VIEW_SHARING_STOPPED, late,
                late == 1 ? "is" : "are", VIEW_SHARING_LATE);
    static const char *const heads[] = {"School", "Last data received", "Days ago", "Route",
                                        "Status"};
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Data sharing by school, longest silent first"
                  "</caption>\n<thead class=\"govuk-table__head\">\n<tr "
                  "class=\"govuk-table__row\">\n");
    for (int i = 0; i < 5; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    i == 2 ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char when[48];
    for (int i = 0; i < snap->nschools; i++) {
        const view_school *s = list[i];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/schools/%d\">%s</a></td>\n",
                    s->urn, s->name);
        if (s->days < 0)
            html_raw(out, "<td class=\"govuk-table__cell\">Never</td>\n<td "
                          "class=\"govuk-table__cell govuk-table__cell--numeric\">Not "
                          "applicable</td>\n");
        else
            html_printf(out,
                        "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell "
                        "govuk-table__cell--numeric\">%d</td>\n",
                        view_time(s->received_at, when), s->days);
        const char *colour;
        const char *words = view_share_label(s->share, &colour);
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                    view_route_label(s->route));
        view_tag(out, words, colour);
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}

/* ---- the pages ---- */

static void as_of_caption(or_sb *out, const view_snapshot *snap)
{
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, day));
}

/* The LA dashboard's content (between the page's header and footer) and the line it writes to
 * the audit log. They depend on the snapshot, the role, the analyst's view and "since" (the
 * user's previous visit) only, so they are worked out once for those and kept with the
 * snapshot (view_memo_*, keyed by them): a cached dashboard is then a copy of this content
 * inside the user's own header and footer, not a pass over every pupil's duties and flags. */
typedef struct {
    char detail[160];
    size_t len;
    char html[]; /* len bytes and a NUL */
} la_content;

static la_content *la_content_build(const web_request *req, view_snapshot *snap, bool analyst,
                                    const char *since, bool first)
{
    or_error err = {0};
    arrivals a = {req, NULL, 0, NULL, 0, 0, {0}};
    if (or_exclusions_received_since(req->store, since, on_arrival, &a, &err))
        return NULL;
    if (a.n > 1)
        qsort(a.items, (size_t)a.n, sizeof *a.items, by_arrival);
    const or_duty **overdue, **soon;
    int nover, nsoon;
    collect_duties(req, snap, NULL, 0, &overdue, &nover, &soon, &nsoon);
    const view_pupil **risky =
        or_arena_alloc(req->arena, ((size_t)snap->npupils + 1) * sizeof *risky);
    int nrisky = 0;
    for (int i = 0; i < snap->npupils; i++)
        if (snap->pupils[i].nflags)
            risky[nrisky++] = &snap->pupils[i];
    if (nrisky > 1)
        qsort(risky, (size_t)nrisky, sizeof *risky, by_risk);
    int nconcern = 0, nstopped = 0;
    const or_table *t = &snap->report[analyst ? 0 : 1];
    for (int r = 0; snap->have_report && r < t->nrows; r++)
        nconcern += !strcmp(view_report_cell(t, r, "funnel"), "of concern");
    for (int i = 0; i < snap->nschools; i++)
        nstopped += snap->schools[i].share >= VIEW_SHARE_STOPPED;

    or_sb body = OR_SB_INIT;
    or_sb *out = &body;
    as_of_caption(out, snap);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Dashboard</h1>\n");
    if (analyst)
        html_raw(out, "<p class=\"govuk-body\">Figures for the whole local authority. Counts of "
                      "1 or 2, and figures that would reveal them, are shown as c.</p>\n");
    char b[6][24];
    int64_t new_total = a.by_type[0] + a.by_type[1] + a.by_type[2];
    view_figure figs[] = {
        {view_count(new_total, analyst, b[0]), "New suspensions and exclusions", "#new"},
        {view_count(nover, analyst, b[1]), "Duties overdue", "#duties"},
        {view_count(nsoon, analyst, b[2]), "Duties due in the next 7 days", "#duties"},
        {view_count(nrisky, analyst, b[3]), "Children at risk", "#risk"},
        {view_count(nconcern, false, b[4]), "Schools of concern", "#schools"},
        {view_count(nstopped, false, b[5]), "Schools not sharing data", "#sharing"},
    };
    view_figures(out, figs, 6);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    since_sentence(out, since, first);
    arrivals_counts(out, &a, analyst);
    if (!analyst && a.n)
        arrivals_table(out, req, snap, &a, TABLE_ROWS);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties due and overdue</h2>\n");
    char c1[24], c2[24];
    html_printf(out,
                "<p class=\"govuk-body\">Statutory duties and local protocol steps across the "
                "LA: %s overdue, %s due in the next %d days.</p>\n",
                view_count(nover, analyst, c1), view_count(nsoon, analyst, c2), VIEW_DUE_SOON_DAYS);
    if (!analyst) {
        if (nover)
            view_duties_table(out, req, "Overdue, longest overdue first", overdue, nover, snap,
                              true, TABLE_ROWS);
        if (nsoon)
            view_duties_table(out, req, "Due in the next 7 days", soon, nsoon, snap, true,
                              TABLE_ROWS);
    }

    if (!analyst) { /* the graduated response (view_plans.c) */
        view_plan_duties_panel(out, req, snap, NULL, 0, 0, TABLE_ROWS);
        view_pex_panel(out, req, snap, TABLE_ROWS);
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"risk\">Children at risk</h2>\n");
    html_printf(out,
                "<p class=\"govuk-body\">Children for whom one or more indicators fired as of "
                "today: %s.</p>\n",
                view_count(nrisky, analyst, c1));
    risk_counts(out, snap, analyst, nrisky);
    if (!analyst && nrisky)
        risk_table(out, req, snap, risky, nrisky, TABLE_ROWS);

    schools_of_concern(out, req, snap, analyst);
    data_sharing(out, req, snap);

    la_content *c = malloc(sizeof *c + body.len + 1);
    if (c) {
        if (analyst)
            snprintf(c->detail, sizeof c->detail, "LA dashboard: aggregated figures only");
        else
            snprintf(c->detail, sizeof c->detail,
                     "LA dashboard: %d new exclusions, %d duties, %d children "
                     "at risk listed",
                     a.n < TABLE_ROWS ? a.n : TABLE_ROWS,
                     (nover < TABLE_ROWS ? nover : TABLE_ROWS) +
                         (nsoon < TABLE_ROWS ? nsoon : TABLE_ROWS),
                     nrisky < TABLE_ROWS ? nrisky : TABLE_ROWS);
        c->len = body.len;
        memcpy(c->html, or_sb_str(&body), body.len + 1);
    }
    or_sb_release(&body);
    return c;
}

static void la_dashboard(const web_request *req, web_response *res, view_snapshot *snap,
                         bool analyst)
{
    or_sb *out = &res->body;
    char since[32];
    bool first = false;
    view_last_visit(req, since, &first);
    char key[96];
    snprintf(key, sizeof key, "la-dashboard %d %d %d %s", (int)req->user->role, analyst, first,
             since);
    int n = 0;
    const la_content *c = view_memo_get(snap, key, &n);
    la_content *mine = NULL;
    if (!c) {
        mine = la_content_build(req, snap, analyst, since, first);
        if (!mine) {
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The new exclusions could not be read.");
            return;
        }
        n = (int)(sizeof *mine + mine->len + 1);
        bool kept = false;
        c = view_memo_put(snap, key, mine, &n, &kept);
        if (kept)
            mine = NULL; /* the snapshot's now (or freed, another request's kept instead) */
    }
    if (web_audit(req, "dashboard.view", NULL, c->detail)) {
        free(mine);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the dashboard cannot be shown.");
        return;
    }
    gov_page_start(out, req, "Dashboard");
    html_kept(out, c->html, c->len);
    if (!analyst) /* read each time: an acknowledgement changes no snapshot */
        view_notifications_panel(out, req, snap);
    gov_page_end(out, req);
    free(mine);
}

static const char *caseload_title(or_role r)
{
    switch (r) {
    case OR_ROLE_VIRTUAL_SCHOOL:
        return "Your cohort";
    case OR_ROLE_PARTNER:
        return "Children referred to your service";
    default:
        return "Your caseload";
    }
}

static void caseload_dashboard(const web_request *req, web_response *res, view_snapshot *snap)
{
    or_sb *out = &res->body;
    or_error err = {0};
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your children could not be listed.");
        return;
    }
    char since[32];
    bool first = false;
    view_last_visit(req, since, &first);
    arrivals a = {req, scope, nscope, NULL, 0, 0, {0}};
    if (or_exclusions_received_since(req->store, since, on_arrival, &a, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The new exclusions could not be read.");
        return;
    }
    if (a.n > 1)
        qsort(a.items, (size_t)a.n, sizeof *a.items, by_arrival);
    const or_duty **overdue, **soon;
    int nover, nsoon, nrisky = 0;
    collect_duties(req, snap, scope, nscope, &overdue, &nover, &soon, &nsoon);
    for (int i = 0; i < nscope; i++)
        nrisky += scope[i]->nflags > 0;
    char detail[96];
    snprintf(detail, sizeof detail, "caseload dashboard: %d children listed",
             nscope < CASELOAD_ROWS ? nscope : CASELOAD_ROWS);
    if (web_audit(req, "dashboard.view", NULL, detail)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the dashboard cannot be shown.");
        return;
    }
    const char *title = caseload_title(req->user->role);
    gov_page_start(out, req, title);
    as_of_caption(out, snap);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    char b[4][24];
    view_figure figs[] = {
        {view_count(nscope, false, b[0]), "Children", "#children"},
        {view_count(a.n, false, b[1]), "New suspensions and exclusions", "#new"},
        {view_count(nover, false, b[2]), "Duties overdue", "#duties"},
        {view_count(nrisky, false, b[3]), "Children at risk", "#children"},
    };
    view_figures(out, figs, 4);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">New suspensions and exclusions</h2>\n");
    since_sentence(out, since, first);
    if (a.n)
        arrivals_table(out, req, snap, &a, TABLE_ROWS);
    else
        html_raw(out, "<p class=\"govuk-body\">None.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"duties\">Duties due and overdue</h2>\n");
    if (nover)
        view_duties_table(out, req, "Overdue, longest overdue first", overdue, nover, snap, true,
                          TABLE_ROWS);
    if (nsoon)
        view_duties_table(out, req, "Due in the next 7 days", soon, nsoon, snap, true, TABLE_ROWS);
    if (!nover && !nsoon)
        html_raw(out, "<p class=\"govuk-body\">No duty is overdue or due in the next 7 "
                      "days.</p>\n");

    view_plan_duties_panel(out, req, snap, scope, nscope, 0, TABLE_ROWS); /* view_plans.c */

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"children\">Children</h2>\n");
    if (!nscope) {
        html_raw(out, "<p class=\"govuk-body\">No child is in your scope today.</p>\n");
    } else {
        const view_pupil **sorted = or_arena_alloc(req->arena, (size_t)nscope * sizeof *sorted);
        memcpy(sorted, scope, (size_t)nscope * sizeof *sorted);
        qsort(sorted, (size_t)nscope, sizeof *sorted, by_risk);
        view_pupils_table(out, req, "Children, those with the most indicators first", snap, sorted,
                          nscope < CASELOAD_ROWS ? nscope : CASELOAD_ROWS);
        if (nscope > CASELOAD_ROWS)
            html_printf(out,
                        "<p class=\"govuk-body\">And %d more: <a class=\"govuk-link\" "
                        "href=\"/pupils\">search all your children</a>.</p>\n",
                        nscope - CASELOAD_ROWS);
    }
    gov_page_end(out, req);
}

void page_dashboard(const web_request *req, web_response *res)
{
    const or_user *u = req->user;
    if (u->role == OR_ROLE_SCHOOL) {
        char to[40];
        snprintf(to, sizeof to, "/schools/%d", atoi(u->scope));
        web_redirect(req, res, to);
        return;
    }
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be worked out. Try again later.");
        return;
    }
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        la_dashboard(req, res, snap, false);
        break;
    case OR_ROLE_ANALYST:
        la_dashboard(req, res, snap, true);
        break;
    default:
        caseload_dashboard(req, res, snap);
    }
    view_snapshot_put(snap);
}
