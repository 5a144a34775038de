/* yeargroup.c - a pupil's National Curriculum year group on a day (yeargroup.h): the age on 31
 * August before the school year gives it (Reception at 4), unless a school recorded another,
 * whose difference from the age's is kept and rolled forward each September. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/yeargroup.h"

int or_yg_parse(const char *code)
{
    if (!code || !*code)
        return OR_YG_NONE;
    if (!strcmp(code, "X"))
        return OR_YG_X;
    if (!strcmp(code, "R"))
        return 0;
    if (!strcmp(code, "N1"))
        return -2;
    if (!strcmp(code, "N2"))
        return -1;
    char *end = NULL;
    long n = strtol(code, &end, 10);
    if (end == code || *end || n < 1 || n > OR_YG_MAX)
        return OR_YG_NONE;
    return (int)n;
}

/* The base from the date of birth: the age on 31 August of ay is ay - k, k the year of birth
 * (plus one if born from September to December), and the year group age - 4, so b = -k - 4. */
static int age_base(or_date dob)
{
    int y, m, d;
    or_date_to_ymd(dob, &y, &m, &d);
    return -(y + (m >= 9)) - 4;
}

int or_yg_base(or_date dob, or_date snap_as_of, const char *recorded)
{
    int r = or_yg_parse(recorded);
    if (r == OR_YG_X)
        return OR_YG_X;
    if (r != OR_YG_NONE && snap_as_of != OR_DATE_NONE)
        return r - or_date_academic_year(snap_as_of); /* the recorded year, rolled forward */
    return dob == OR_DATE_NONE ? OR_YG_NONE : age_base(dob);
}

int or_yg_on(int base, or_date d)
{
    if (base == OR_YG_X || base == OR_YG_NONE)
        return base;
    if (d == OR_DATE_NONE)
        return OR_YG_NONE;
    int yg = base + or_date_academic_year(d);
    return yg < OR_YG_MIN || yg > OR_YG_MAX ? OR_YG_NONE : yg;
}

int or_facts_year_group(const or_pupil_facts *f, or_date d)
{
    const or_fact_snapshot *s = f ? or_facts_snapshot_on(f, d) : NULL;
    if (!s)
        return OR_YG_NONE;
    return or_yg_on(or_yg_base(s->dob, s->as_of, s->year_group), d);
}

const char *or_yg_words(int yg, char buf[40])
{
    /* labels.h: the year groups' names (shared/data/codesets/year_groups.csv) */
    if (yg == OR_YG_X)
        snprintf(buf, 40, "National Curriculum not followed");
    else if (yg == OR_YG_NONE || yg < OR_YG_MIN || yg > OR_YG_MAX)
        buf[0] = '\0';
    else if (yg == -2)
        snprintf(buf, 40, "Nursery first year");
    else if (yg == -1)
        snprintf(buf, 40, "Nursery second year");
    else if (yg == 0)
        snprintf(buf, 40, "Reception");
    else
        snprintf(buf, 40, "Year %d", yg);
    return buf;
}

const char *or_yg_code(int yg, char buf[8])
{
    if (yg == OR_YG_X)
        snprintf(buf, 8, "X");
    else if (yg == OR_YG_NONE || yg < OR_YG_MIN || yg > OR_YG_MAX)
        buf[0] = '\0';
    else if (yg < 0)
        snprintf(buf, 8, "N%d", yg + 3);
    else if (yg == 0)
        snprintf(buf, 8, "R");
    else
        snprintf(buf, 8, "%d", yg);
    return buf;
}
