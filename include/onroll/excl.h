/* excl.h - the arithmetic of exclusions on a school's calendar (DOMAIN.md §2 CONV): which
 * school days a suspension covers, how many half-days it counts, whether it still counts
 * (not withdrawn), and when a notice is deemed served. Shared by duties, protocol and risk. */
#ifndef ONROLL_EXCL_H
#define ONROLL_EXCL_H

#include <stdbool.h>

#include "onroll/calendar.h"
#include "onroll/facts.h"

/* suspension, lunchtime or permanent */
bool or_is_exclusion(or_event_kind k);

/* Half-day sessions the exclusion counts towards totals: a suspension its sessions, a
 * lunchtime suspension one per lunchtime; a permanent exclusion 0. */
int or_excl_halfdays(const or_fact_event *e);

/* Whether the exclusion counts as of as_of: not withdrawn, and not reinstated on or before
 * its start (DOMAIN.md §6: "withdrawn exclusions and those reinstated before taking effect do
 * not count"). Decided after as_of: not yet known, so it does not count either. */
bool or_excl_counts(const or_pupil_facts *f, const or_fact_event *e, or_date as_of);

/* The school days the exclusion covers from its start: a suspension of s sessions covers
 * ceil(s/2) consecutive school days (2 half-days each, the last 1 if s is odd); a lunchtime
 * suspension of n lunchtimes covers n school days (1 half-day each). Fills up to max entries
 * of days[] and halves[]; returns the number of days (0 without a calendar, -1 if the
 * calendar ends first). A permanent exclusion covers no counted days. */
int or_excl_days(const or_calendar *cal, const or_fact_event *e, or_date *days, int *halves,
                 int max);

/* A working day: Monday to Friday, not a bank holiday (school holidays are working days). */
bool or_working_day(or_date d);
/* The day a notice is deemed served (DOMAIN.md §2): handed over, that day; first-class post
 * or email, the second working day after it was sent (email: unconfirmed). NULL or "" =
 * not recorded: taken as handed over. */
or_date or_deemed_date(or_date sent, const char *delivery);

#endif
