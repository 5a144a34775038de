/* schoolday.c - whether a day is a school day at a school, and what covers it if not
 * (schoolday.h; DOMAIN.md §2: a school day is a weekday inside a term of the school's calendar,
 * not an England and Wales bank holiday, not inside a holiday, INSET day or closure; the
 * school's own rows of a kind replace the LA's of that kind, as calendar.c chooses them). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/letters.h"
#include "onroll/schoolday.h"

/* Which rows count: for each kind, the school's rows if it has any, else the LA's. */
static bool used(const bool school_has[], const or_cal_labelled *r)
{
    return r->row.school == school_has[r->row.kind];
}

/* Append one reason to why, after "; " if there is one already. */
static void add(char *why, size_t size, const char *item)
{
    size_t len = strlen(why);
    if (len + 3 >= size)
        return;
    snprintf(why + len, size - len, "%s%s", len ? "; " : "", item);
}

static const char *label_of(const or_cal_labelled *r)
{
    return r->label && *r->label ? r->label : NULL;
}

or_sd_verdict or_school_day_why(const or_cal_labelled *rows, int n, or_date d, char *why,
                                size_t size)
{
    if (size)
        why[0] = '\0';
    if (d == OR_DATE_NONE)
        return OR_SD_UNKNOWN;
    bool school_has[OR_CAL_CLOSURE + 1] = {false};
    for (int i = 0; i < n; i++)
        if (rows[i].row.school && rows[i].row.kind <= OR_CAL_CLOSURE)
            school_has[rows[i].row.kind] = true;
    int ay = or_date_academic_year(d);
    bool any_term = false, in_term = false;
    const or_cal_labelled *before = NULL, *after = NULL; /* the terms either side of d */
    for (int i = 0; i < n; i++) {
        const or_cal_row *r = &rows[i].row;
        if (r->kind != OR_CAL_TERM || !used(school_has, &rows[i]))
            continue;
        any_term |= or_date_academic_year(r->start) == ay || or_date_academic_year(r->end) == ay;
        in_term |= r->start <= d && d <= r->end;
        if (r->end < d && (!before || r->end > before->row.end))
            before = &rows[i];
        if (r->start > d && (!after || r->start < after->row.start))
            after = &rows[i];
    }
    if (!any_term)
        return OR_SD_UNKNOWN;
    char a[32], b[32], item[256];
    int wd = or_date_weekday(d);
    if (wd >= 5)
        add(why, size, wd == 5 ? "a Saturday" : "a Sunday");
    if (or_bank_holiday(d))
        add(why, size, "a bank holiday");
    static const char *const what[] = {NULL, "in a school holiday", "an INSET day",
                                       "a day the school is closed"};
    bool in_holiday = false;
    for (int k = OR_CAL_CLOSURE; k >= OR_CAL_HOLIDAY; k--)
        for (int i = 0; i < n; i++) {
            const or_cal_row *r = &rows[i].row;
            if ((int)r->kind != k || r->start > d || d > r->end || !used(school_has, &rows[i]))
                continue;
            in_holiday |= k == OR_CAL_HOLIDAY;
            or_letter_date_words(r->start, a);
            or_letter_date_words(r->end, b);
            const char *label = label_of(&rows[i]);
            if (r->start == r->end && label)
                snprintf(item, sizeof item, "%s (%s)", what[k], label);
            else if (r->start == r->end)
                snprintf(item, sizeof item, "%s", what[k]);
            else
                snprintf(item, sizeof item, "%s (%s%s%s to %s)", what[k], label ? label : "",
                         label ? ", " : "", a, b);
            add(why, size, item);
            break;
        }
    if (!in_term && !in_holiday) {
        if (before && after) {
            or_letter_date_words(before->row.end, a);
            or_letter_date_words(after->row.start, b);
            snprintf(item, sizeof item,
                     "between terms (the term ending %s and the term starting %s)", a, b);
        } else if (after) {
            or_letter_date_words(after->row.start, a);
            snprintf(item, sizeof item, "before the first term (starting %s)", a);
        } else {
            or_letter_date_words(before->row.end, a);
            snprintf(item, sizeof item, "after the last term (ending %s)", a);
        }
        add(why, size, item);
    }
    return why[0] ? OR_SD_NOT : OR_SD_SCHOOL_DAY;
}
