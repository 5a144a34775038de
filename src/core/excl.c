/* excl.c - exclusion arithmetic on a school's calendar (see excl.h; DOMAIN.md §2). */
#include <string.h>

#include "onroll/codes.h"
#include "onroll/excl.h"

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

bool or_excl_counts(const or_pupil_facts *f, const or_fact_event *e, or_date as_of)
{
    if (!or_is_exclusion(e->kind) || e->decided > as_of)
        return false;
    or_date on;
    if (or_facts_withdrawn(f, e, &on) && on <= as_of)
        return false;
    if (or_facts_reinstated(f, e, &on) && on <= as_of && on <= e->start)
        return false;
    return true;
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
