/* calendar.h - school days on one school's calendar (DOMAIN.md §2), precomputed for O(1) use.
 *
 * Built from the LA's calendar rows and the school's own (which override the LA's: if the
 * school has any row of a kind, its rows of that kind replace the LA's), plus the England and
 * Wales bank holidays. A school day is a weekday inside a `term`, not a bank holiday, not
 * inside a `holiday`, `inset` or `closure`. A `holiday` inside a term splits it into
 * half-terms. Lookups index a per-day table; counting school days between two dates is a
 * difference of prefix counts. Pure: the caller owns the arena that holds the tables. */
#ifndef ONROLL_CALENDAR_H
#define ONROLL_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/error.h"

typedef enum { OR_CAL_TERM, OR_CAL_HOLIDAY, OR_CAL_INSET, OR_CAL_CLOSURE } or_cal_kind;

typedef struct {
    or_date start, end; /* inclusive */
    or_cal_kind kind;
    bool school; /* a row of the school's own calendar (overrides the LA's of that kind) */
} or_cal_row;

typedef struct {
    or_date first, last; /* the days the tables cover */
    int32_t ndays;
    uint8_t *school_day; /* [ndays]: 1 if a school day */
    int32_t *count;      /* [ndays + 1]: school days in [first, first + i) */
    int16_t *term;       /* [ndays]: index of the term containing the day, -1 if none */
    int16_t *half_term;  /* [ndays]: index of the half-term containing the day, -1 if none */
    int nterms, nhalf_terms;
    or_date *term_start, *term_end; /* [nterms] */
    or_date *half_start, *half_end; /* [nhalf_terms] */
} or_calendar;

or_code or_calendar_build(or_calendar *cal, const or_cal_row *rows, int nrows, or_arena *arena,
                          or_error *err);
bool or_cal_is_school_day(const or_calendar *cal, or_date d);
/* School days in [from, to] inclusive (0 if to < from). */
int or_cal_school_days_between(const or_calendar *cal, or_date from, or_date to);
/* The first school day on or after d / strictly after d; OR_DATE_NONE if beyond the table. */
or_date or_cal_next_school_day(const or_calendar *cal, or_date d);
or_date or_cal_school_day_after(const or_calendar *cal, or_date d);
/* The n-th school day after d, d itself not counted (DOMAIN.md AFTER(d, n)). */
or_date or_cal_after(const or_calendar *cal, or_date d, int n);
/* The n-th school day counting d as day 1 if it is a school day (DOMAIN.md NTH(d, n)). */
or_date or_cal_nth(const or_calendar *cal, or_date d, int n);
int or_cal_term_of(const or_calendar *cal, or_date d);      /* -1 if not in a term */
int or_cal_half_term_of(const or_calendar *cal, or_date d); /* -1 if not in a half-term */

#endif
