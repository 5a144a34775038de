/* date.c - day-number dates: conversion (Howard Hinnant's civil-date algorithms), strict
 * YYYY-MM-DD parsing, academic years (1 August - 31 July, DOMAIN.md §2) and ages. */
#include <string.h>

#include "onroll/date.h"

or_date or_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void or_date_to_ymd(or_date z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

bool or_date_valid_ymd(int y, int m, int d)
{
    return y >= OR_DATE_MIN_YEAR && y <= OR_DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool or_date_parse(const char *s, or_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !or_date_valid_ymd(y, m, d))
        return false;
    *out = or_date_from_ymd(y, m, d);
    return true;
}

void or_date_format(or_date d, char buf[11])
{
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    if (y < 0 || y > 9999)
        y = 0;
    const int v[3] = {y, m, dd}, w[3] = {4, 2, 2};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        for (int j = w[i] - 1; j >= 0; j--) {
            int x = v[i];
            for (int k = 0; k < j; k++)
                x /= 10;
            *p++ = (char)('0' + x % 10);
        }
        *p++ = i < 2 ? '-' : '\0';
    }
}

void or_date_human(or_date d, char buf[24])
{
    /* GOV.UK's style, as labels.h's or_fmt_date, by hand: the rules word every duty with it */
    static const char *const mon[12] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    const char *mo = mon[(m - 1) % 12];
    char *p = buf;
    if (dd >= 10)
        *p++ = (char)('0' + dd / 10);
    *p++ = (char)('0' + dd % 10);
    *p++ = ' ';
    while (*mo)
        *p++ = *mo++;
    *p++ = ' ';
    y = y < 0 ? 0 : y % 10000;
    for (int div = 1000; div; div /= 10)
        *p++ = (char)('0' + (y / div) % 10);
    *p = '\0';
}

int or_date_weekday(or_date d)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    int w = (d + 3) % 7;
    return w < 0 ? w + 7 : w;
}

bool or_date_is_weekend(or_date d)
{
    return or_date_weekday(d) >= 5;
}

int or_date_academic_year(or_date d)
{
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    return m >= 8 ? y : y - 1;
}

or_date or_date_academic_year_start(int ay)
{
    return or_date_from_ymd(ay, 8, 1);
}

int or_time_period(int ay)
{
    return ay * 100 + (ay + 1) % 100;
}

bool or_academic_year_parse(const char *s, int *ay)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    int y, y2;
    if (n == 7 && (s[4] == '/' || s[4] == '-')) {
        y = digits(s, 4);
        y2 = digits(s + 5, 2);
    } else if (n == 6) {
        y = digits(s, 4);
        y2 = digits(s + 4, 2);
    } else {
        return false;
    }
    if (y < OR_DATE_MIN_YEAR || y >= OR_DATE_MAX_YEAR || y2 != (y + 1) % 100)
        return false;
    *ay = y;
    return true;
}

int or_age_on(or_date dob, or_date d)
{
    int y1, m1, d1, y2, m2, d2;
    or_date_to_ymd(dob, &y1, &m1, &d1);
    or_date_to_ymd(d, &y2, &m2, &d2);
    int age = y2 - y1;
    if (m2 < m1 || (m2 == m1 && d2 < d1))
        age--;
    return age;
}
