/* partnership.h - the partnership meeting cadence as duties (LOCAL-PARTNERSHIP-MEETING; issue
 * 18 part 3): Hackney's WAMHS three-way group, the school's senior mental health lead, its CAMHS
 * link worker and its wellbeing framework partner, "meet half termly in secondary and special
 * schools and termly in primary schools to review the audit and action plan" (RSA / Mayor of
 * London toolkit, §2.7 of toolkit-requirements.md; toolkit.json hackney_wamhs_partnership).
 *
 * The next meeting is due by the end of the next half-term (secondary, special) or term
 * (primary) after the one the last meeting was held in, on the school's calendar (calendar.h:
 * its terms, split into half-terms at the holidays inside them). Pure: no I/O. */
#ifndef ONROLL_PARTNERSHIP_H
#define ONROLL_PARTNERSHIP_H

#include "onroll/calendar.h"
#include "onroll/date.h"

typedef enum {
    OR_PM_NONE,        /* a phase the source gives no cadence for (nursery, all-through, AP) */
    OR_PM_HALF_TERMLY, /* secondary and special */
    OR_PM_TERMLY,      /* primary */
} or_pm_cadence;

/* The cadence of a school's phase (the schools table's: "primary", "secondary", "special"...). */
or_pm_cadence or_pm_cadence_of(const char *phase);
/* "half-termly", "termly", "" */
const char *or_pm_cadence_words(or_pm_cadence c);

/* The day the next meeting is due by: the last school day of the next period (a half-term or a
 * term, by cadence) after the period last was held in; a meeting held in no period (a holiday) is
 * in the one before the next. No meeting yet (last OR_DATE_NONE): the end of the period holding
 * today, or the next one when today is in none. OR_DATE_NONE when there is no such period on
 * the calendar, no calendar or no cadence. */
or_date or_pm_due(const or_calendar *cal, or_pm_cadence c, or_date last, or_date today);
/* The last school day of the period (by cadence) holding d, or of the next one when d is in none;
 * OR_DATE_NONE when none. */
or_date or_pm_period_end(const or_calendar *cal, or_pm_cadence c, or_date d);

/* The roles who attend, the source's words; codes stored in partnership_meetings.roles. */
typedef struct {
    const char *code, *label;
} or_pm_role;
extern const or_pm_role or_pm_roles[];          /* ends with {NULL, NULL} */
const char *or_pm_role_label(const char *code); /* or NULL */

#endif
