/* risk.c - the risk indicators (DOMAIN.md §5, include/onroll/risk.h): the evaluator of each
 * RISK-* row of the catalogue, each firing its indicator from the facts known on a date and
 * explaining it in plain words with those facts ("2 suspensions in the last 12 school weeks:
 * 15 Sep 2025 (2 days), 5 Nov 2025 (1 day)"). The engine (engine.c) calls them in catalogue
 * order and lists the flags.
 *
 * Conventions (DOMAIN.md §2 and §5 as this file reads them):
 *   - Known as of as_of: an exclusion counts when or_excl_counts() says so (not withdrawn by
 *     as_of, decided on or before as_of); other events when decided and started by as_of.
 *     "Suspensions" are suspension and lunchtime events; a suspension's days are its half-day
 *     sessions / 2 (a lunchtime 0.5 day).
 *   - "The school year" is the academic year (1 Aug - 31 Jul) containing as_of. A suspension
 *     decided by as_of counts in it whole, even if some of its days are still to come; a
 *     suspension crossing 31 July counts each day in the year it falls in (CONV: days count in
 *     the term they fall in) when the excluding school's calendar covers it.
 *   - The pupil's school (the urn of every flag, and the calendar of "school weeks"): the main
 *     enrolment covering as_of, else the latest enrolment, else the school of the latest event.
 *   - A calendar of an excluding school that is unknown falls back to the pupil's school's.
 *
 * Pure: no I/O, no globals; the text and all scratch space live in the flag list's arena. */
#include <stdio.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/labels.h"
#include "onroll/marks.h"
#include "onroll/referrals.h"
#include "rules/rules_internal.h"

static const or_school_info *school_info(const or_pupil_facts *f, int urn)
{
    return f->school ? f->school(f->school_ctx, urn) : NULL;
}

/* The excluding (or arranging) school's calendar, else the pupil's school's. */
static const or_calendar *cal_for(const or_risk_ctx *c, int urn)
{
    const or_calendar *cal = or_risk_school_cal(c->f, urn);
    return cal ? cal : c->cal;
}

static void add_school(or_rtext *t, const or_risk_ctx *c, int urn)
{
    const or_school_info *s = school_info(c->f, urn);
    if (s && s->name && *s->name)
        or_rtext_addf(t, "%s, URN %d", s->name, urn);
    else
        or_rtext_addf(t, "URN %d", urn);
}

/* A suspension (or lunchtime suspension) that counts as of as_of. */
static bool counted_suspension(const or_risk_ctx *c, const or_fact_event *e)
{
    return or_is_suspension(e->kind) && or_excl_counts(c->f, e, c->as_of);
}

static or_date decided_on(const or_fact_event *e)
{
    return e->decided != OR_DATE_NONE ? e->decided : e->start;
}

/* A non-exclusion event known as of as_of: decided and started by then. */
static bool known(const or_risk_ctx *c, const or_fact_event *e)
{
    return e->start != OR_DATE_NONE && e->start <= c->as_of && decided_on(e) <= c->as_of;
}

static bool in_year(const or_risk_ctx *c, or_date d)
{
    return d != OR_DATE_NONE && d >= c->ay_start && d <= c->ay_end;
}

/* "15 Sep 2025 (2 days)", "2 Mar 2026 (lunchtime, 0.5 days)" */
static void add_suspension(or_rtext *t, const or_fact_event *e)
{
    or_rtext_date(t, e->start);
    int halves = or_excl_halfdays(e);
    or_rtext_addf(t, " (");
    if (e->kind == OR_EV_LUNCHTIME && halves > 1)
        or_rtext_addf(t, "%d lunchtimes, ", halves);
    else if (e->kind == OR_EV_LUNCHTIME)
        or_rtext_addf(t, "lunchtime, ");
    if (halves > 0)
        or_rtext_days(t, halves);
    else
        or_rtext_addf(t, "length not recorded");
    or_rtext_addf(t, ")");
}

/* ---- RISK-REPEAT-SUSP ---- */

/* The first day of the last `weeks` school weeks (5 * weeks school days) ending on as_of on the
 * pupil's school's calendar; without one, 7 * weeks calendar days. Where the calendar starts
 * within the window, the school days before it are taken as 5 a calendar week. */
static or_date repeat_window_start(const or_risk_ctx *c, int weeks)
{
    int need = 5 * weeks;
    const or_calendar *cal = c->cal;
    if (!cal || c->as_of < cal->first)
        return c->as_of - 7 * weeks + 1;
    int k = or_cal_school_days_between(cal, cal->first, c->as_of);
    if (k >= need)
        return or_cal_nth(cal, cal->first, k - need + 1);
    return cal->first - 7 * ((need - k + 4) / 5);
}

void or_risk_repeat(or_risk_ctx *c)
{
    int weeks = c->p->v[OR_P_RISK_REPEAT_WEEKS];
    or_date from = repeat_window_start(c, weeks);
    int n = 0;
    or_date last = OR_DATE_NONE;
    or_rtext list = {c->arena, NULL, 0, 0};
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (!counted_suspension(c, e) || e->start < from || e->start > c->as_of)
            continue;
        or_rtext_sep(&list, ", ");
        add_suspension(&list, e);
        n++;
        last = e->start;
    }
    if (n < c->p->v[OR_P_RISK_REPEAT_COUNT])
        return;
    or_rtext *t = &c->detail[OR_RULE_RISK_REPEAT_SUSP];
    or_rtext_addf(t, "%d suspensions in the last %d school week%s: %s", n, weeks,
                  weeks == 1 ? "" : "s", list.buf);
    or_risk_fire(c, OR_RULE_RISK_REPEAT_SUSP, last);
}

/* ---- RISK-SUSP-DAYS ---- */

/* The half-days of suspension e that fall in the school year: each school day on the excluding
 * school's calendar in the year of the day; without a calendar that covers it, all of them in
 * the year of its start. */
static int halves_in_year(const or_risk_ctx *c, const or_fact_event *e)
{
    int total = or_excl_halfdays(e);
    if (total <= 0)
        return 0;
    const or_calendar *cal = cal_for(c, e->urn);
    if (cal && (e->start < cal->first || e->start > cal->last))
        cal = NULL; /* the table does not know those days */
    int n = cal ? or_excl_days(cal, e, NULL, NULL, 0) : 0;
    if (n <= 0)
        return in_year(c, e->start) ? total : 0;
    or_date *days = or_arena_alloc(c->arena, sizeof *days * (size_t)n);
    int *halves = or_arena_alloc(c->arena, sizeof *halves * (size_t)n);
    or_excl_days(cal, e, days, halves, n);
    int sum = 0;
    for (int i = 0; i < n; i++)
        if (in_year(c, days[i]))
            sum += halves[i];
    return sum;
}

void or_risk_days_in_year(or_risk_ctx *c)
{
    int limit = c->p->v[OR_P_RISK_DAYS];
    int sum = 0;
    or_date last = OR_DATE_NONE;
    or_rtext list = {c->arena, NULL, 0, 0};
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (!counted_suspension(c, e))
            continue;
        int h = halves_in_year(c, e);
        if (h <= 0)
            continue;
        sum += h;
        last = e->start;
        or_rtext_sep(&list, ", ");
        add_suspension(&list, e);
        if (h != or_excl_halfdays(e)) {
            or_rtext_addf(&list, " [");
            or_rtext_days(&list, h);
            or_rtext_addf(&list, " in this school year]");
        }
    }
    /* DOMAIN.md §2: thresholds are strict: more than 10 days is 21 half-days or more */
    if (sum <= 2 * limit)
        return;
    or_rtext *t = &c->detail[OR_RULE_RISK_SUSP_DAYS];
    or_rtext_days(t, sum);
    or_rtext_addf(t, " of suspension this school year (more than %d): %s", limit, list.buf);
    or_risk_fire(c, OR_RULE_RISK_SUSP_DAYS, last);
}

/* ---- RISK-HALFTERM ---- */

typedef struct {
    const or_fact_event *e;
    or_date hs, he; /* the half-term's first and last school day */
} ht_item;

void or_risk_halfterm(or_risk_ctx *c)
{
    int need = c->p->v[OR_P_RISK_HALFTERM];
    ht_item *items = or_arena_alloc(c->arena, sizeof *items * (size_t)(c->f->nevents + 1));
    int n = 0;
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (!counted_suspension(c, e) || !in_year(c, e->start))
            continue;
        const or_calendar *cal = cal_for(c, e->urn);
        int h = cal ? or_cal_half_term_of(cal, e->start) : -1;
        if (h < 0)
            continue;
        or_date hs = cal->half_start[h], he = cal->half_end[h];
        int k = or_cal_school_days_between(cal, hs, he);
        if (k > 0) { /* name the half-term by its school days, not its calendar span */
            hs = or_cal_nth(cal, cal->half_start[h], 1);
            he = or_cal_nth(cal, cal->half_start[h], k);
        }
        items[n++] = (ht_item){e, hs, he};
    }
    or_rtext *t = &c->detail[OR_RULE_RISK_HALFTERM];
    for (int i = 0; i < n; i++) {
        bool seen = false; /* a half-term is reported at its first suspension */
        for (int j = 0; j < i && !seen; j++)
            seen = items[j].hs == items[i].hs && items[j].he == items[i].he;
        if (seen)
            continue;
        int count = 0;
        for (int j = i; j < n; j++)
            count += items[j].hs == items[i].hs && items[j].he == items[i].he;
        if (count < need)
            continue;
        or_rtext_sep(t, "; ");
        or_rtext_addf(t, "%d suspensions in the half-term ", count);
        or_rtext_date(t, items[i].hs);
        or_rtext_addf(t, " - ");
        or_rtext_date(t, items[i].he);
        or_rtext_addf(t, ": ");
        const char *sep = "";
        for (int j = i; j < n; j++)
            if (items[j].hs == items[i].hs && items[j].he == items[i].he) {
                or_rtext_addf(t, "%s", sep);
                add_suspension(t, items[j].e);
                sep = ", ";
                or_risk_fire(c, OR_RULE_RISK_HALFTERM, items[j].e->start);
            }
    }
}

/* ---- RISK-PA and RISK-SA ---- */

/* The meaning of mark bytes (an or_att_meaning; -1 for no mark or a byte that is no code),
 * looked up once per byte seen: a year of marks uses a handful of codes. */
typedef struct {
    signed char m[256]; /* -2: not looked up yet */
} meanings;

static void meanings_init(meanings *t)
{
    memset(t->m, -2, sizeof t->m);
}

static int meaning_of(meanings *t, char byte)
{
    unsigned char b = (unsigned char)byte;
    if (t->m[b] == -2) {
        char code[3];
        const or_code_entry *ce = NULL;
        if (or_mark_code(byte, code) && code[0])
            ce = or_code_find(OR_CS_ATTENDANCE, code, OR_DATE_NONE);
        t->m[b] = (signed char)(ce ? ce->meaning : -1);
    }
    return t->m[b];
}

/* Whether school urn sent marks for year ay: then its totals for the year are not counted. */
static bool has_marks(const or_pupil_facts *f, int urn, int ay)
{
    for (int i = 0; i < f->nmarks; i++)
        if (f->marks[i].urn == urn && f->marks[i].ay == ay && f->marks[i].marks)
            return true;
    return false;
}

static bool totals_in(const or_fact_totals *t, int ay, or_date as_of)
{
    return t->from != OR_DATE_NONE && or_date_academic_year(t->from) == ay && t->to <= as_of;
}

/* Totals row i counts in year ay as of as_of: its period ended by then, its school sent no marks
 * for the year, and no other row of that school's that ended by then covers its period (a
 * school that sends its totals so far each month sends periods that contain each other). */
static bool totals_count(const or_pupil_facts *f, int i, int ay, or_date as_of)
{
    const or_fact_totals *t = &f->totals[i];
    if (!totals_in(t, ay, as_of) || has_marks(f, t->urn, ay))
        return false;
    for (int j = 0; j < f->ntotals; j++) {
        const or_fact_totals *u = &f->totals[j];
        if (j != i && u->urn == t->urn && totals_in(u, ay, as_of) && u->from <= t->from &&
            u->to >= t->to && (u->from < t->from || u->to > t->to || j > i))
            return false;
    }
    return true;
}

/* or_attendance_summary, and the date of the latest session counted (OR_DATE_NONE if none). */
static void summary(const or_pupil_facts *f, int ay, or_date as_of, int *possible, int *attended,
                    or_date *latest)
{
    int pos_n = 0, att_n = 0;
    or_date last = OR_DATE_NONE;
    meanings mt;
    meanings_init(&mt);
    for (int i = 0; f && i < f->nmarks; i++) {
        const or_fact_marks *m = &f->marks[i];
        if (m->ay != ay || !m->marks)
            continue;
        for (int p = 0; p < OR_MARKS_LEN; p++) {
            or_date d = or_mark_date(ay, p);
            if (d > as_of)
                break;
            int mean = meaning_of(&mt, m->marks[p]);
            if (mean < 0 || mean == OR_ATT_NOT_POSSIBLE)
                continue;
            pos_n++;
            att_n += mean == OR_ATT_PRESENT || mean == OR_ATT_PRESENT_AEA;
            if (last == OR_DATE_NONE || d > last)
                last = d;
        }
    }
    for (int i = 0; f && i < f->ntotals; i++) {
        if (!totals_count(f, i, ay, as_of))
            continue;
        pos_n += f->totals[i].possible;
        att_n += f->totals[i].present;
        if (last == OR_DATE_NONE || f->totals[i].to > last)
            last = f->totals[i].to;
    }
    if (possible)
        *possible = pos_n;
    if (attended)
        *attended = att_n;
    if (latest)
        *latest = last;
}

void or_attendance_summary(const or_pupil_facts *f, int ay, or_date as_of, int *possible,
                           int *attended)
{
    summary(f, ay, as_of, possible, attended, NULL);
}

/* "84.2%": attended / possible to one decimal place, rounded as every figure is
 * (or_pct_tenths, labels.h); where that rounding reaches the threshold the rate is below, two
 * decimal places, rounded down, so that it never reads as the threshold itself (89.96%). */
static void add_pct(or_rtext *t, int attended, int possible, int threshold)
{
    int tenths = (int)or_pct_tenths(attended, possible);
    if (tenths >= threshold * 10) {
        long long h = (long long)attended * 10000 / possible;
        or_rtext_addf(t, "%lld.%02lld%%", h / 100, h % 100);
        return;
    }
    or_rtext_addf(t, "%d.%d%%", tenths / 10, tenths % 10);
}

/* DfE's absence statistics count pupils of compulsory school age, aged 5 to 15 on 31 August
 * before the school year (marks.h): the attendance indicators apply to them only. */
static bool absence_counts(const or_risk_ctx *c)
{
    const or_fact_snapshot *s = or_facts_snapshot_on(c->f, c->as_of);
    return or_absence_age_counts(s ? s->dob : OR_DATE_NONE, c->ay);
}

void or_risk_attendance(or_risk_ctx *c)
{
    if (!absence_counts(c))
        return;
    int possible, attended;
    or_date latest;
    summary(c->f, c->ay, c->as_of, &possible, &attended, &latest);
    if (possible <= 0)
        return;
    static const struct {
        int rule;
        or_param_id pct;
    } levels[] = {{OR_RULE_RISK_PA, OR_P_RISK_PA_PCT}, {OR_RULE_RISK_SA, OR_P_RISK_SA_PCT}};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        int pct = c->p->v[levels[i].pct];
        if ((long long)attended * 100 >= (long long)pct * possible)
            continue;
        or_rtext *t = &c->detail[levels[i].rule];
        or_rtext_addf(t, "attendance ");
        add_pct(t, attended, possible, pct);
        or_rtext_addf(t, " this school year (%d of %d sessions), below %d%%", attended, possible,
                      pct);
        or_risk_fire(c, levels[i].rule, latest);
    }
}

/* ---- RISK-VULNERABLE ---- */

/* What made the pupil vulnerable on d, "" if nothing. */
static void vulnerable_on(const or_risk_ctx *c, or_date d, or_rtext *t)
{
    const or_fact_snapshot *s = or_facts_snapshot_on(c->f, d);
    bool cla = s && s->cla == 1;
    if (cla)
        or_rtext_addf(t, "looked after");
    else if (or_facts_has_social_worker(c->f, d))
        or_rtext_addf(t, "has a social worker");
    if (s && s->sen == 'E') {
        or_rtext_sep(t, ", ");
        or_rtext_addf(t, "has an EHC plan");
    }
}

static void add_exclusion_verb(or_rtext *t, const or_fact_event *e)
{
    or_rtext_addf(t, "%s ", e->kind == OR_EV_LUNCHTIME ? "lunchtime suspension" : "suspended");
    or_rtext_date(t, e->start);
}

void or_risk_vulnerable(or_risk_ctx *c)
{
    or_rtext *t = &c->detail[OR_RULE_RISK_VULNERABLE];
    const char *last = NULL; /* consecutive exclusions with the same reason share it */
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        /* DOMAIN.md §5: "a suspension of a pupil who..." (a permanent exclusion is not) */
        if (e->kind == OR_EV_PERMANENT || !or_excl_counts(c->f, e, c->as_of) ||
            !in_year(c, e->start))
            continue;
        or_rtext why = {c->arena, NULL, 0, 0};
        vulnerable_on(c, e->start, &why);
        if (!why.len)
            continue;
        if (last && strcmp(last, why.buf) == 0) {
            or_rtext_addf(t, ", ");
        } else {
            or_rtext_sep(t, "; ");
            or_rtext_addf(t, "%s; ", why.buf);
        }
        add_exclusion_verb(t, e);
        last = why.buf;
        or_risk_fire(c, OR_RULE_RISK_VULNERABLE, e->start);
    }
}

/* ---- RISK-PTT ---- */

/* School days in [from, to] on the school's calendar; days the calendar does not cover (or all,
 * without one) are counted as working days (weekdays that are not bank holidays). */
static int school_days(const or_risk_ctx *c, int urn, or_date from, or_date to)
{
    const or_calendar *cal = cal_for(c, urn);
    int n = 0;
    for (or_date d = from; d <= to; d++) {
        if (cal && d >= cal->first && d <= cal->last) {
            or_date end = to < cal->last ? to : cal->last;
            n += or_cal_school_days_between(cal, d, end);
            d = end;
            continue;
        }
        n += or_working_day(d);
    }
    return n;
}

/* A later part-time timetable at the same school (or a later record of this one) that runs
 * past e's end: e was extended, not left to lapse. */
static bool extended(const or_risk_ctx *c, int i)
{
    const or_fact_event *e = &c->f->events[i];
    for (int j = i + 1; j < c->f->nevents; j++) {
        const or_fact_event *g = &c->f->events[j];
        if (g->kind == OR_EV_PART_TIME && g->urn == e->urn && known(c, g) &&
            (g->end == OR_DATE_NONE || g->end > e->end))
            return true;
    }
    return false;
}

void or_risk_ptt(or_risk_ctx *c)
{
    int limit = c->p->v[OR_P_RISK_PTT_DAYS];
    or_rtext *t = &c->detail[OR_RULE_RISK_PTT];
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (e->kind != OR_EV_PART_TIME || !known(c, e) ||
            or_date_academic_year(e->start) != or_date_academic_year(c->as_of))
            continue;
        /* the school recorded its review of the timetable (LOCAL-PTT): no longer a concern */
        const or_fact_event *closed =
            or_facts_action(c->f, e->urn, e->event_id, c->rules[OR_RULE_LOCAL_PTT].id);
        if (closed && closed->start <= c->as_of)
            continue;
        bool ended = e->end != OR_DATE_NONE && e->end < c->as_of;
        bool past_end = ended && !extended(c, i);
        or_date to = ended ? e->end : c->as_of;
        int days = school_days(c, e->urn, e->start, to);
        bool over = days > limit;
        if (!past_end && !over)
            continue;
        or_rtext_sep(t, "; ");
        or_rtext_addf(t, "part-time timetable from ");
        or_rtext_date(t, e->start);
        if (past_end) {
            or_rtext_addf(t, ": end date ");
            or_rtext_date(t, e->end);
            or_rtext_addf(t, " passed");
        } else if (e->end != OR_DATE_NONE) {
            or_rtext_addf(t, " (end date ");
            or_rtext_date(t, e->end);
            or_rtext_addf(t, ")");
        } else {
            or_rtext_addf(t, " (no end date)");
        }
        if (over)
            or_rtext_addf(t, "%s%d school days, more than %d", past_end ? ", " : ": ", days, limit);
        or_risk_fire(c, OR_RULE_RISK_PTT, past_end ? e->end : e->start);
    }
}

/* ---- RISK-MOVES ---- */

/* d moved by `months` calendar months (negative: back), the day clamped to the month's end. */
static or_date add_months(or_date d, int months)
{
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    while (dd > 28 && !or_date_valid_ymd(y, m, dd))
        dd--;
    return or_date_from_ymd(y, m, dd);
}

static bool is_move(or_event_kind k)
{
    return k == OR_EV_MANAGED_MOVE || k == OR_EV_IN_YEAR_TRANSFER || k == OR_EV_AP_PLACEMENT;
}

typedef struct {
    or_date on;
    const or_fact_event *e;      /* the move event, or NULL */
    const or_fact_enrolment *en; /* a new main enrolment at another school, or NULL */
} move_item;

static void add_move(or_rtext *t, const or_risk_ctx *c, const move_item *m)
{
    if (m->en) {
        or_rtext_addf(t, "new school ");
        or_rtext_date(t, m->on);
        or_rtext_addf(t, " (");
        add_school(t, c, m->en->urn);
        or_rtext_addf(t, ")");
        return;
    }
    const or_fact_event *e = m->e;
    or_rtext_addf(t, "%s ",
                  e->kind == OR_EV_MANAGED_MOVE   ? "managed move"
                  : e->kind == OR_EV_AP_PLACEMENT ? "AP placement"
                                                  : "in-year transfer");
    or_rtext_date(t, e->start);
    if (e->to_urn > 0) {
        or_rtext_addf(t, " (to ");
        add_school(t, c, e->to_urn);
        or_rtext_addf(t, ")");
    } else if (e->provider && *e->provider) {
        or_rtext_addf(t, " (%s)", e->provider);
    }
}

void or_risk_moves(or_risk_ctx *c)
{
    const or_pupil_facts *f = c->f;
    int months = c->p->v[OR_P_RISK_MOVES_MONTHS];
    or_date from = add_months(c->as_of, -months) + 1; /* (as_of - months, as_of] */
    move_item *items =
        or_arena_alloc(c->arena, sizeof *items * (size_t)(f->nevents + f->nenrols + 1));
    bool *matched = or_arena_calloc(c->arena, (size_t)f->nevents + 1, sizeof *matched);
    int n = 0;
    /* A new main enrolment at another school is the same move as a move event to that school
     * dated between the start of the previous main enrolment and the end of the new one: each
     * move counts once, by its event if it has one. */
    const or_fact_enrolment *prev = NULL;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *en = &f->enrols[i];
        if (en->reg_type != 'm' || en->start > c->as_of)
            continue;
        const or_fact_enrolment *before = prev;
        prev = en;
        if (!before || before->urn == en->urn)
            continue;
        or_date until = en->end != OR_DATE_NONE && en->end < c->as_of ? en->end : c->as_of;
        bool paired = false;
        for (int j = 0; j < f->nevents && !paired; j++) {
            const or_fact_event *e = &f->events[j];
            if (!matched[j] && is_move(e->kind) && known(c, e) && e->to_urn == en->urn &&
                e->start >= before->start && e->start <= until)
                matched[j] = paired = true;
        }
        if (!paired && en->start >= from)
            items[n++] = (move_item){en->start, NULL, en};
    }
    for (int j = 0; j < f->nevents; j++) {
        const or_fact_event *e = &f->events[j];
        if (is_move(e->kind) && known(c, e) && e->start >= from)
            items[n++] = (move_item){e->start, e, NULL};
    }
    if (n < c->p->v[OR_P_RISK_MOVES])
        return;
    for (int i = 1; i < n; i++) /* by date, stable */
        for (int j = i; j > 0 && items[j - 1].on > items[j].on; j--) {
            move_item tmp = items[j];
            items[j] = items[j - 1];
            items[j - 1] = tmp;
        }
    or_rtext *t = &c->detail[OR_RULE_RISK_MOVES];
    or_rtext_addf(t, "%d changes of school in the last %d month%s: ", n, months,
                  months == 1 ? "" : "s");
    for (int i = 0; i < n; i++) {
        if (i)
            or_rtext_addf(t, ", ");
        add_move(t, c, &items[i]);
    }
    or_risk_fire(c, OR_RULE_RISK_MOVES, items[n - 1].on);
}

/* ---- RISK-MISSING ---- */

enum { MISS_N = 1, MISS_O = 2, MISS_G = 4 };

static int missing_bit(char byte)
{
    char code[3];
    if (!or_mark_code(byte, code) || code[1])
        return 0;
    return code[0] == 'N' ? MISS_N : code[0] == 'O' ? MISS_O : code[0] == 'G' ? MISS_G : 0;
}

void or_risk_missing(or_risk_ctx *c)
{
    if (!absence_counts(c))
        return;
    const or_pupil_facts *f = c->f;
    int need = c->p->v[OR_P_RISK_MISSING_DAYS];
    meanings mt;
    meanings_init(&mt);
    int run = 0, run_codes = 0, best = 0, best_codes = 0;
    or_date run_from = OR_DATE_NONE, best_from = OR_DATE_NONE, best_to = OR_DATE_NONE;
    or_date last = c->as_of < c->ay_end ? c->as_of : c->ay_end;
    for (or_date d = c->ay_start; d <= last; d++) {
        int marked = 0, missing = 0, codes = 0;
        for (int i = 0; i < f->nmarks; i++) {
            const or_fact_marks *m = &f->marks[i];
            if (m->ay != c->ay || !m->marks)
                continue;
            for (int pm = 0; pm < 2; pm++) {
                char b = m->marks[or_mark_pos(d, pm)];
                if (meaning_of(&mt, b) < 0)
                    continue; /* no mark (or a byte that is no code) */
                marked++;
                int bit = missing_bit(b);
                missing += bit != 0;
                codes |= bit;
            }
        }
        if (!marked)
            continue; /* DOMAIN.md §5: consecutive days with marks, in order */
        if (missing < marked) {
            run = 0;
            continue;
        }
        if (!run) {
            run_from = d;
            run_codes = 0;
        }
        run++;
        run_codes |= codes;
        if (run >= best) { /* the longest run; of equals, the latest */
            best = run;
            best_codes = run_codes;
            best_from = run_from;
            best_to = d;
        }
    }
    if (best < need || best == 0)
        return;
    or_rtext *t = &c->detail[OR_RULE_RISK_MISSING];
    or_rtext_addf(t, "%d consecutive school day%s of unexplained absence (code%s", best,
                  best == 1 ? "" : "s", (best_codes & (best_codes - 1)) ? "s" : "");
    const char *sep = " ";
    static const struct {
        int bit;
        const char *code;
    } names[] = {{MISS_N, "N"}, {MISS_O, "O"}, {MISS_G, "G"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (best_codes & names[i].bit) {
            or_rtext_addf(t, "%s%s", sep, names[i].code);
            sep = ", ";
        }
    or_rtext_addf(t, ") from ");
    or_rtext_date(t, best_from);
    or_rtext_addf(t, " to ");
    or_rtext_date(t, best_to);
    or_risk_fire(c, OR_RULE_RISK_MISSING, best_to);
}

/* ---- RISK-NO-PLAN ---- */

/* An open support plan or referral as of as_of, however it was recorded (a form, a file, the
 * API, or the older `action` naming LOCAL-PSP or LOCAL-PEAP): a Pastoral Support Programme
 * until its time limit (without one: this school year); a pre-exclusion assessment this school
 * year; a part-time timetable until its agreed end date, its review; a referral (REU,
 * educational psychology, early help, the multi-agency panel, AP) not yet declined or closed.
 * Returns the event, or NULL. */
static const or_fact_event *open_plan(const or_risk_ctx *c)
{
    for (int i = c->f->nevents - 1; i >= 0; i--) {
        const or_fact_event *e = &c->f->events[i];
        if (!known(c, e))
            continue;
        switch (e->kind) {
        case OR_EV_PSP:
            if (e->end != OR_DATE_NONE ? e->end >= c->as_of : in_year(c, e->start))
                return e;
            break;
        case OR_EV_PEAP:
            if (in_year(c, e->start))
                return e;
            break;
        case OR_EV_PART_TIME:
            if (e->end != OR_DATE_NONE && e->end >= c->as_of)
                return e;
            break;
        case OR_EV_REFERRAL: {
            or_referral_state st;
            if (or_referral_state_of(c->f, e, c->as_of, &st) && !st.ended)
                return e;
            break;
        }
        case OR_EV_ACTION:
            if (e->rule && in_year(c, e->start) &&
                (!strcmp(e->rule, c->rules[OR_RULE_LOCAL_PSP].id) ||
                 !strcmp(e->rule, c->rules[OR_RULE_LOCAL_PEAP].id)))
                return e;
            break;
        default:
            break;
        }
    }
    return NULL;
}

void or_risk_no_plan(or_risk_ctx *c)
{
    or_rtext fired = {c->arena, NULL, 0, 0};
    const or_rule *rows[OR_RULE__COUNT];
    int n = or_risk_fired(c, rows);
    or_date on = OR_DATE_NONE;
    for (int r = 0; r < n; r++) {
        or_rtext_sep(&fired, ", ");
        or_rtext_addf(&fired, "%s", rows[r]->id);
        if (c->on[rows[r]->code] != OR_DATE_NONE &&
            (on == OR_DATE_NONE || c->on[rows[r]->code] > on))
            on = c->on[rows[r]->code];
    }
    if (!fired.len || open_plan(c))
        return;
    or_rtext *t = &c->detail[OR_RULE_RISK_NO_PLAN];
    or_rtext_addf(t,
                  "flagged %s and no open support plan (no Pastoral Support Programme, "
                  "pre-exclusion assessment, part-time timetable under review or open referral)",
                  fired.buf);
    or_risk_fire(c, OR_RULE_RISK_NO_PLAN, on);
}
