/* view_time.c - the store's ISO 8601 times ("2026-11-24T09:30:00Z") read as seconds and as
 * the LA's day: below view_cache.c and view_common.c, which both use them. */
#include <stdio.h>
#include <time.h>

#include "web/view.h"

/* "2026-11-24T09:30:00Z" as seconds since the epoch; -1 if it is not that. */
int64_t view_iso_seconds(const char *iso)
{
    int y, mo, d, h, mi, s;
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 ||
        !or_date_valid_ymd(y, mo, d) || h > 23 || mi > 59 || s > 60)
        return -1;
    return (int64_t)or_date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

or_date view_iso_day(const char *iso)
{
    int64_t t = view_iso_seconds(iso);
    if (t < 0)
        return OR_DATE_NONE;
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    return or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
