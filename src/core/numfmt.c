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
    return den > 0 ? num * 1000 / den : 0;
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
