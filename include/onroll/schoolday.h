/* schoolday.h - whether a day is a school day at a school (DOMAIN.md §2), and if not, what
 * covers it, in words: a weekend, a bank holiday, a closure, an INSET day, a holiday of the
 * calendar, or the gap between its terms. The importer refuses an exclusion or a movement that
 * starts on such a day with these words (issue 14). Pure: the caller gives the calendar rows
 * (the LA's and the school's own, which override the LA's of a kind as in calendar.h). */
#ifndef ONROLL_SCHOOLDAY_H
#define ONROLL_SCHOOLDAY_H

#include <stddef.h>

#include "onroll/calendar.h"

/* A calendar row with its label ("Autumn term", "Christmas holiday"; NULL or "" if none). */
typedef struct {
    or_cal_row row;
    const char *label;
} or_cal_labelled;

typedef enum {
    OR_SD_SCHOOL_DAY, /* a school day */
    OR_SD_NOT,        /* not a school day: *why says what covers it */
    OR_SD_UNKNOWN,    /* the calendar has no term in the day's school year: cannot tell */
} or_sd_verdict;

/* The verdict on day d; with OR_SD_NOT, why (size bytes) holds the reasons, joined by "; ",
 * e.g. "a Saturday", "a bank holiday; in a school holiday (Christmas, Saturday 19 December 2026
 * to Sunday 3 January 2027)", "between terms (the term ending Friday 17 July 2026 and the term
 * starting Wednesday 2 September 2026)". */
or_sd_verdict or_school_day_why(const or_cal_labelled *rows, int n, or_date d, char *why,
                                size_t size);

#endif
