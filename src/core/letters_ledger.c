/* letters_ledger.c - the facts of a letter from a pupil's ledger (or_letter_facts_from in
 * letters.h): the exclusion, its school's calendar, the characteristics in force on its first
 * day, the term total and the run of back-to-back suspensions worked out as the duties
 * (src/rules/duty_kit.c) work them out (so that a letter and `onroll duties` agree), and when the
 * governing board received the head teacher's notice (the STAT-NOTIFY-GB action, deemed). Pure. */
#include <string.h>

#include "onroll/excl.h"
#include "onroll/letters.h"
#include "onroll/rule_ids.h"

enum { MAX_DAYS = 96 };

/* An exclusion's school days on cal (0 when none can be counted). */
static int days_of(const or_calendar *cal, const or_fact_event *e, or_date *days, int *halves)
{
    int n = or_excl_days(cal, e, days, halves, MAX_DAYS);
    return n < 0 ? 0 : n > MAX_DAYS ? MAX_DAYS : n;
}

/* The exclusions the duties take into account as of as_of, up to and including index i. */
static bool considered(const or_pupil_facts *f, int j, int i, or_date as_of)
{
    const or_fact_event *y = &f->events[j];
    if (!or_is_exclusion(y->kind) || y->decided > as_of || y->urn != f->events[i].urn)
        return false;
    return j == i || or_excl_counts(f, y, as_of);
}

/* duty_kit.c's term_after: the most loaded term the exclusion touches, its total in half-days at
 * the school, the exclusions up to this one (those that count) included. */
static int term_total(const or_pupil_facts *f, int i, const or_calendar *cal, or_date as_of)
{
    or_date days[MAX_DAYS], ydays[MAX_DAYS];
    int halves[MAX_DAYS], yhalves[MAX_DAYS];
    int n = days_of(cal, &f->events[i], days, halves), best = 0;
    for (int d = 0; d < n; d++) {
        int term = or_cal_term_of(cal, days[d]);
        if (term < 0)
            continue;
        int total = 0;
        for (int j = 0; j <= i; j++) {
            if (!considered(f, j, i, as_of))
                continue;
            int m = days_of(cal, &f->events[j], ydays, yhalves);
            for (int k = 0; k < m; k++)
                if (or_cal_term_of(cal, ydays[k]) == term)
                    total += yhalves[k];
        }
        if (total > best)
            best = total;
    }
    return best;
}

/* statutory.c's runs: the first day of the run of back-to-back suspensions (at the same
 * school, each starting no later than the school day after the one before ends) that event i
 * belongs to. */
static or_date run_start(const or_pupil_facts *f, int i, const or_calendar *cal, or_date as_of)
{
    or_date days[MAX_DAYS];
    int halves[MAX_DAYS];
    int cur = i;
    int n = days_of(cal, &f->events[cur], days, halves);
    if (n == 0)
        return OR_DATE_NONE;
    or_date first = days[0];
    for (bool moved = true; moved;) {
        moved = false;
        for (int j = 0; j < cur; j++) {
            const or_fact_event *y = &f->events[j];
            if (y->kind != OR_EV_SUSPENSION || !considered(f, j, i, as_of) || j == i)
                continue;
            int m = days_of(cal, y, days, halves);
            if (m == 0 || days[0] >= first)
                continue;
            if (or_cal_after(cal, days[m - 1], 1) >= first) {
                first = days[0];
                cur = j;
                moved = true;
                break;
            }
        }
    }
    return first;
}

or_code or_letter_facts_from(const or_pupil_facts *pf, const or_fact_event *e, const or_params *p,
                             or_date as_of, or_letter_facts *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (!or_is_exclusion(e->kind))
        return or_fail(err, OR_EINPUT,
                       "event %s of URN %d is a %s: letters are written for a "
                       "suspension or a permanent exclusion",
                       e->event_id, e->urn, or_event_kind_name(e->kind));
    int i = (int)(e - pf->events);
    if (i < 0 || i >= pf->nevents)
        return or_fail(err, OR_EUSAGE, "event %s is not one of pupil %s's", e->event_id, pf->upn);
    const or_school_info *school = pf->school ? pf->school(pf->school_ctx, e->urn) : NULL;
    const or_fact_snapshot *s = or_facts_snapshot_on(pf, e->start);
    out->school = school && school->name ? school->name : "";
    out->cal = school ? school->cal : NULL;
    out->p = p;
    out->dob = s ? s->dob : OR_DATE_NONE;
    out->type = e->kind;
    out->event_id = e->event_id;
    out->start = e->start;
    out->decided = e->decided;
    out->sessions = e->sessions;
    out->reasons = e->reasons;
    out->exam = e->exam_date;
    out->run_start = OR_DATE_NONE;
    out->board_told = OR_DATE_NONE;
    out->send_on = OR_DATE_NONE;
    out->dated = OR_DATE_NONE;
    if (out->cal && e->kind != OR_EV_PERMANENT) {
        out->term_halfdays = term_total(pf, i, out->cal, as_of);
        if (e->kind == OR_EV_SUSPENSION)
            out->run_start = run_start(pf, i, out->cal, as_of);
    }
    const or_fact_event *told =
        or_facts_action(pf, e->urn, e->event_id, or_rule_name(OR_RULE_STAT_NOTIFY_GB));
    if (told && told->start <= as_of)
        out->board_told = or_deemed_date(told->start, told->delivery);
    return OR_OK;
}
