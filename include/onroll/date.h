/* date.h - calendar dates as day numbers (days since 1970-01-01), parsed and printed strictly.
 *
 * A date is an int32 so that day arithmetic is plain integer arithmetic; OR_DATE_NONE means
 * "not recorded" (an empty CSV cell). Academic years run 1 August to 31 July (DOMAIN.md §2);
 * academic year 2025/26 is numbered 2025. */
#ifndef ONROLL_DATE_H
#define ONROLL_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t or_date;

#define OR_DATE_NONE     INT32_MIN
#define OR_DATE_MIN_YEAR 1900
#define OR_DATE_MAX_YEAR 2199

or_date or_date_from_ymd(int y, int m, int d); /* no validation: caller passes a real date */
void or_date_to_ymd(or_date d, int *y, int *m, int *day);
bool or_date_valid_ymd(int y, int m, int d);
/* Parse exactly "YYYY-MM-DD" (a real date between 1900 and 2199); false otherwise. */
bool or_date_parse(const char *s, or_date *out);
/* Write "YYYY-MM-DD" and a NUL into buf (11 bytes). */
void or_date_format(or_date d, char buf[11]);
/* "3 September 2025", for people: GOV.UK's style, the one every screen uses (24 bytes). */
void or_date_human(or_date d, char buf[24]);
int or_date_weekday(or_date d); /* 0 = Monday .. 6 = Sunday */
bool or_date_is_weekend(or_date d);
/* Academic year (1 Aug - 31 Jul) containing d, as its starting calendar year: 2025 for 2025/26. */
int or_date_academic_year(or_date d);
or_date or_date_academic_year_start(int ay); /* 1 August of ay */
/* "202526" style time period of an academic year. */
int or_time_period(int ay);
/* Parse "2025/26" (or "202526" or "2025-26"); returns false if malformed or inconsistent. */
bool or_academic_year_parse(const char *s, int *ay);
/* Age in whole years on date d of someone born on dob. */
int or_age_on(or_date dob, or_date d);

#endif
