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

/* What the record says became of an exclusion: gathered from a pupil's facts here
 * (or_excl_fate_of), from the model's columns in src/model/columns.c. Withdrawn: by a
 * `withdrawn` event naming it (the first). Reinstated: by a `reinstated` event naming it (the
 * first), else by the latest action of a reinstating rule (or_excl_reinstating), of the first
 * such rule whose latest action has the outcome "reinstated". */
typedef struct {
    or_date decided, start;
    bool withdrawn, reinstated;
    or_date withdrawn_on, reinstated_on; /* when they are true */
} or_excl_fate;

void or_excl_fate_of(const or_pupil_facts *f, const or_fact_event *e, or_excl_fate *out);

/* The board's and the review's decisions that can reinstate: the index of the rule among
 * STAT-GB-15DAY, STAT-GB-50DAY and STAT-IRP-RECONSIDER (in that order of precedence), or -1. */
enum { OR_EXCL_REINSTATING = 3 };
int or_excl_reinstating(const char *rule);

/* Whether the exclusion counts as of as_of, the one decision of it (the duties, the risk
 * indicators, the cap and the model all use it): decided by as_of (else it is not yet known),
 * not withdrawn by as_of, and not reinstated by as_of on or before its start (DOMAIN.md §6:
 * "withdrawn exclusions and those reinstated before taking effect do not count"). */
bool or_excl_fate_counts(const or_excl_fate *x, or_date as_of);
/* The same for an exclusion event of the facts (false for any other event). */
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
