/* numfmt.c - the one way numbers, percentages and dates are written for people (labels.h):
 * thousands separators, one decimal place rounded down, GOV.UK's "8 December 2026". */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "onroll/labels.h"

const char *or_fmt_int(int64_t v, char buf[OR_FMT_INT_LEN])
{
    char digits[24];
    /* the magnitude as unsigned, so that INT64_MIN has one */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            *p++ = ',';
        *p++ = digits[i];
    }
    *p = '\0';
    return buf;
}

const char *or_fmt_number_text(const char *text, char *buf, size_t size)
{
    if (!size)
        return buf;
    const char *s = text ? text : "";
    const char *d = s + (*s == '-');
    size_t whole = strspn(d, "0123456789");
    bool plain = whole > 0 && (d[whole] == '\0' ||
                               (d[whole] == '.' && d[whole + 1] &&
                                strspn(d + whole + 1, "0123456789") == strlen(d + whole + 1)));
    if (!plain) {
        snprintf(buf, size, "%s", s);
        return buf;
    }
    size_t o = 0;
    for (const char *p = s; *p && o + 1 < size; p++) {
        size_t i = (size_t)(p - d);
        if (p > d && i < whole && (whole - i) % 3 == 0) {
            buf[o++] = ',';
            if (o + 1 >= size)
                break;
        }
        buf[o++] = *p;
    }
    buf[o] = '\0';
    return buf;
}

const char *or_fmt_date(or_date d, char buf[OR_FMT_DATE_LEN])
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    buf[0] = '\0';
    if (d == OR_DATE_NONE)
        return buf;
    int y, m, day;
    or_date_to_ymd(d, &y, &m, &day);
    snprintf(buf, OR_FMT_DATE_LEN, "%d %s %d", day, months[(m - 1) % 12], y);
    return buf;
}

int64_t or_pct_tenths(int64_t num, int64_t den)
{
    if (den <= 0)
        return 0;
    int64_t n = num * 1000; /* half away from zero, exactly (DOMAIN.md §6) */
    return n >= 0 ? (2 * n + den) / (2 * den) : -((-2 * n + den) / (2 * den));
}

const char *or_fmt_pct(int64_t num, int64_t den, char buf[OR_FMT_PCT_LEN])
{
    buf[0] = '\0';
    if (den <= 0)
        return buf;
    int64_t t = or_pct_tenths(num, den);
    snprintf(buf, OR_FMT_PCT_LEN, "%s%lld.%lld", t < 0 ? "-" : "", (long long)(t < 0 ? -t : t) / 10,
             (long long)(t < 0 ? -t : t) % 10);
    return buf;
}

const char *or_event_name(const char *type, or_date start, int sessions, or_date end, char *buf,
                          size_t size)
{
    if (!size)
        return buf;
    char from[OR_FMT_DATE_LEN], to[OR_FMT_DATE_LEN];
    or_fmt_date(start, from);
    or_fmt_date(end, to);
    const char *what = or_label_event(type);
    bool excl = type && (!strcmp(type, "suspension") || !strcmp(type, "permanent"));
    if (start == OR_DATE_NONE)
        snprintf(buf, size, "%s", what);
    else if (type && !strcmp(type, "lunchtime"))
        snprintf(buf, size, "%s on %s", what, from);
    else if (excl && sessions > 0 && strcmp(type, "permanent")) {
        /* its length in school days: 2 sessions a day */
        char days[32];
        if (sessions == 1)
            snprintf(days, sizeof days, "half a day");
        else
            snprintf(days, sizeof days, "%d%s day%s", sessions / 2, sessions % 2 ? ".5" : "",
                     sessions == 2 ? "" : "s");
        snprintf(buf, size, "%s from %s, %s", what, from, days);
    } else if (end != OR_DATE_NONE && end != start && !excl)
        snprintf(buf, size, "%s from %s to %s", what, from, to);
    else if (excl || (type && (!strcmp(type, "managed_move") || !strcmp(type, "ap_placement") ||
                               !strcmp(type, "part_time_timetable") ||
                               !strcmp(type, "off_site_direction") || !strcmp(type, "ehe") ||
                               !strcmp(type, "intervention"))))
        snprintf(buf, size, "%s from %s", what, from);
    else
        snprintf(buf, size, "%s on %s", what, from);
    return buf;
}
