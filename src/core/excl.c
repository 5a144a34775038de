/* excl.c - exclusion arithmetic on a school's calendar (see excl.h; DOMAIN.md §2), and whether
 * an exclusion counts (§6): the one decision the rules and the model share. */
#include <string.h>

#include "onroll/codes.h"
#include "onroll/excl.h"
#include "onroll/rule_ids.h"

bool or_is_exclusion(or_event_kind k)
{
    return k == OR_EV_SUSPENSION || k == OR_EV_LUNCHTIME || k == OR_EV_PERMANENT;
}

int or_excl_halfdays(const or_fact_event *e)
{
    if ((e->kind == OR_EV_SUSPENSION || e->kind == OR_EV_LUNCHTIME) && e->sessions > 0)
        return e->sessions;
    return 0;
}

int or_excl_reinstating(const char *rule)
{
    static const or_rule_id rules[OR_EXCL_REINSTATING] = {
        OR_RULE_STAT_GB_15DAY, OR_RULE_STAT_GB_50DAY, OR_RULE_STAT_IRP_RECONSIDER};
    for (int k = 0; rule && k < OR_EXCL_REINSTATING; k++)
        if (strcmp(rule, or_rule_name(rules[k])) == 0)
            return k;
    return -1;
}

void or_excl_fate_of(const or_pupil_facts *f, const or_fact_event *e, or_excl_fate *out)
{
    *out = (or_excl_fate){e->decided, e->start, false, false, OR_DATE_NONE, OR_DATE_NONE};
    const or_fact_event *latest[OR_EXCL_REINSTATING] = {NULL};
    for (int i = 0; i < f->nevents; i++) { /* one pass: events naming it, in date order */
        const or_fact_event *a = &f->events[i];
        if (a->urn != e->urn || !a->ref || strcmp(a->ref, e->event_id) != 0)
            continue;
        if (a->kind == OR_EV_WITHDRAWN && !out->withdrawn) {
            out->withdrawn = true;
            out->withdrawn_on = a->start;
        } else if (a->kind == OR_EV_REINSTATED && !out->reinstated) {
            out->reinstated = true;
            out->reinstated_on = a->start;
        } else if (a->kind == OR_EV_ACTION) {
            int k = or_excl_reinstating(a->rule);
            if (k >= 0)
                latest[k] = a; /* by start then receipt: the latest */
        }
    }
    for (int k = 0; k < OR_EXCL_REINSTATING && !out->reinstated; k++)
        if (latest[k] && latest[k]->outcome && strcmp(latest[k]->outcome, "reinstated") == 0) {
            out->reinstated = true;
            out->reinstated_on = latest[k]->start;
        }
}

bool or_excl_fate_counts(const or_excl_fate *x, or_date as_of)
{
    if (x->decided > as_of)
        return false;
    if (x->withdrawn && x->withdrawn_on <= as_of)
        return false;
    if (x->reinstated && x->reinstated_on <= as_of && x->reinstated_on <= x->start)
        return false;
    return true;
}

bool or_excl_counts(const or_pupil_facts *f, const or_fact_event *e, or_date as_of)
{
    if (!or_is_exclusion(e->kind))
        return false;
    or_excl_fate x;
    or_excl_fate_of(f, e, &x);
    return or_excl_fate_counts(&x, as_of);
}

int or_excl_days(const or_calendar *cal, const or_fact_event *e, or_date *days, int *halves,
                 int max)
{
    if (!cal || cal->ndays == 0 || e->sessions <= 0 || e->kind == OR_EV_PERMANENT)
        return 0;
    bool lunch = e->kind == OR_EV_LUNCHTIME;
    int n = lunch ? e->sessions : (e->sessions + 1) / 2;
    or_date d = or_cal_nth(cal, e->start, 1);
    for (int i = 0; i < n; i++) {
        if (d == OR_DATE_NONE)
            return -1;
        if (i < max) {
            days[i] = d;
            halves[i] = lunch ? 1 : (i == n - 1 && e->sessions % 2 ? 1 : 2);
        }
        if (i + 1 < n)
            d = or_cal_after(cal, d, 1);
    }
    return n;
}

bool or_working_day(or_date d)
{
    return !or_date_is_weekend(d) && !or_bank_holiday(d);
}

or_date or_deemed_date(or_date sent, const char *delivery)
{
    if (!delivery || !*delivery || strcmp(delivery, "hand") == 0)
        return sent;
    or_date d = sent;
    for (int n = 0; n < 2;) /* the second working day after */
        if (or_working_day(++d))
            n++;
    return d;
}
