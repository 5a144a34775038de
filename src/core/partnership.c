/* partnership.c - the partnership meeting cadence (partnership.h): which phases meet
 * half-termly or termly, and the day the next meeting is due by on the school's calendar. */
#include <string.h>

#include "onroll/partnership.h"

const or_pm_role or_pm_roles[] = {
    {"smhl", "Designated senior mental health lead in school"},
    {"camhs", "CAMHS link worker"},
    {"wfp", "Wellbeing framework partner"},
    {NULL, NULL},
};

const char *or_pm_role_label(const char *code)
{
    for (int i = 0; code && or_pm_roles[i].code; i++)
        if (!strcmp(or_pm_roles[i].code, code))
            return or_pm_roles[i].label;
    return NULL;
}

or_pm_cadence or_pm_cadence_of(const char *phase)
{
    if (!phase)
        return OR_PM_NONE;
    if (!strcmp(phase, "secondary") || !strcmp(phase, "special"))
        return OR_PM_HALF_TERMLY;
    if (!strcmp(phase, "primary"))
        return OR_PM_TERMLY;
    return OR_PM_NONE;
}

const char *or_pm_cadence_words(or_pm_cadence c)
{
    return c == OR_PM_HALF_TERMLY ? "half-termly" : c == OR_PM_TERMLY ? "termly" : "";
}

typedef struct {
    int n;
    const or_date *start, *end;
} periods;

static periods periods_of(const or_calendar *cal, or_pm_cadence c)
{
    if (c == OR_PM_HALF_TERMLY)
        return (periods){cal->nhalf_terms, cal->half_start, cal->half_end};
    return (periods){cal->nterms, cal->term_start, cal->term_end};
}

static int period_of(const or_calendar *cal, or_pm_cadence c, or_date d)
{
    return c == OR_PM_HALF_TERMLY ? or_cal_half_term_of(cal, d) : or_cal_term_of(cal, d);
}

/* The first period starting after d, -1 when none. */
static int first_after(periods p, or_date d)
{
    for (int i = 0; i < p.n; i++)
        if (p.start[i] > d)
            return i;
    return -1;
}

/* The last school day of period k (its last day when it has none: a half-term ends the day
 * before its holiday, often a Sunday). */
static or_date last_school_day(const or_calendar *cal, periods p, int k)
{
    for (or_date d = p.end[k]; d >= p.start[k]; d--)
        if (or_cal_is_school_day(cal, d))
            return d;
    return p.end[k];
}

or_date or_pm_period_end(const or_calendar *cal, or_pm_cadence c, or_date d)
{
    if (!cal || c == OR_PM_NONE || d == OR_DATE_NONE)
        return OR_DATE_NONE;
    periods p = periods_of(cal, c);
    int k = period_of(cal, c, d);
    if (k < 0)
        k = first_after(p, d);
    return k >= 0 && k < p.n ? last_school_day(cal, p, k) : OR_DATE_NONE;
}

or_date or_pm_due(const or_calendar *cal, or_pm_cadence c, or_date last, or_date today)
{
    if (!cal || c == OR_PM_NONE)
        return OR_DATE_NONE;
    if (last == OR_DATE_NONE)
        return or_pm_period_end(cal, c, today);
    periods p = periods_of(cal, c);
    int k = period_of(cal, c, last);
    int next = k >= 0 ? k + 1 : first_after(p, last);
    return next >= 0 && next < p.n ? last_school_day(cal, p, next) : OR_DATE_NONE;
}
