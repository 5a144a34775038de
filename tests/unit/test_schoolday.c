/* test_schoolday.c - whether a day is a school day at a school and what covers it if not
 * (schoolday.h, or_school_day_why), table-driven, each answer worked out by hand from DOMAIN.md
 * §2 ("a weekday inside a term of that school's calendar (the school's own rows override the
 * LA's), not an England and Wales bank holiday, not inside a holiday, inset or closure") and
 * the GOV.UK bank holidays (shared/external-data/govuk-bank-holidays: Fri 25 Dec 2026 Christmas
 * Day, Mon 28 Dec 2026 Boxing Day substitute day, Fri 26 Mar 2027 Good Friday).
 *
 * Issue 14's finding: "A suspension starting on a Saturday or on 28 December is accepted".
 *
 * The calendar (2026/27), the LA's rows:
 *   term     Wed 2 Sep - Fri 18 Dec 2026 "Autumn term"
 *   holiday  Mon 26 - Fri 30 Oct 2026 "Autumn half-term"
 *   inset    Fri 6 Nov 2026 (the LA's; replaced for this school by its own INSET rows)
 *   term     Mon 4 Jan - Fri 26 Mar 2027 "Spring term"
 * the school's own:
 *   inset    Mon 2 Nov 2026 "Staff training"
 *   closure  Wed 9 - Thu 10 Dec 2026 (no label)
 * Nothing before Wed 2 Sep 2026 or after Fri 26 Mar 2027; no term in 2025/26. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/schoolday.h"

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date in the table: %s", s);
    return d;
}

typedef struct {
    const char *start, *end;
    or_cal_kind kind;
    bool school;
    const char *label;
} row_text;

static const row_text rows_text[] = {
    {"2026-09-02", "2026-12-18", OR_CAL_TERM, false, "Autumn term"},
    {"2026-10-26", "2026-10-30", OR_CAL_HOLIDAY, false, "Autumn half-term"},
    {"2026-11-06", "2026-11-06", OR_CAL_INSET, false, NULL},
    {"2027-01-04", "2027-03-26", OR_CAL_TERM, false, "Spring term"},
    {"2026-11-02", "2026-11-02", OR_CAL_INSET, true, "Staff training"},
    {"2026-12-09", "2026-12-10", OR_CAL_CLOSURE, true, ""},
};
#define NROWS (int)(sizeof rows_text / sizeof rows_text[0])

typedef struct {
    const char *day;
    or_sd_verdict want;
    const char *why; /* exactly, for OR_SD_NOT */
} sd_case;

#define XMAS_GAP                                                                                   \
    "between terms (the term ending Friday 18 December 2026 and the term starting Monday 4 "       \
    "January 2027)"

static const sd_case cases[] = {
    /* a Tuesday in the autumn term, no holiday: a school day */
    {"2026-12-08", OR_SD_SCHOOL_DAY, ""},
    /* the finding's Saturday, inside the term */
    {"2026-12-12", OR_SD_NOT, "a Saturday"},
    /* the finding's 28 December: a Monday, Boxing Day's substitute bank holiday, between the
     * autumn term (to Fri 18 Dec) and the spring term (from Mon 4 Jan) */
    {"2026-12-28", OR_SD_NOT, "a bank holiday; " XMAS_GAP},
    /* Fri 25 Dec: Christmas Day, between terms */
    {"2026-12-25", OR_SD_NOT, "a bank holiday; " XMAS_GAP},
    /* Sat 19 Dec, the day after the term ends */
    {"2026-12-19", OR_SD_NOT, "a Saturday; " XMAS_GAP},
    /* Sun 27 Dec */
    {"2026-12-27", OR_SD_NOT, "a Sunday; " XMAS_GAP},
    /* Tue 27 Oct: inside the term, in the half-term holiday */
    {"2026-10-27", OR_SD_NOT,
     "in a school holiday (Autumn half-term, Monday 26 October 2026 to Friday 30 October 2026)"},
    /* Mon 2 Nov: the school's own INSET day */
    {"2026-11-02", OR_SD_NOT, "an INSET day (Staff training)"},
    /* Fri 6 Nov: the LA's INSET day, which the school's own INSET rows replace: a school day */
    {"2026-11-06", OR_SD_SCHOOL_DAY, ""},
    /* Thu 10 Dec: the school's closure (no label) */
    {"2026-12-10", OR_SD_NOT,
     "a day the school is closed (Wednesday 9 December 2026 to Thursday 10 December 2026)"},
    /* Tue 1 Sep 2026: the day before the autumn term */
    {"2026-09-01", OR_SD_NOT, "before the first term (starting Wednesday 2 September 2026)"},
    /* Wed 2 Sep and Fri 18 Dec: the first and last days of the autumn term */
    {"2026-09-02", OR_SD_SCHOOL_DAY, ""},
    {"2026-12-18", OR_SD_SCHOOL_DAY, ""},
    /* Fri 26 Mar 2027: the last day of the spring term, Good Friday */
    {"2027-03-26", OR_SD_NOT, "a bank holiday"},
    /* Fri 2 Apr 2027: after the spring term, nothing later in the calendar */
    {"2027-04-02", OR_SD_NOT, "after the last term (ending Friday 26 March 2027)"},
    /* Wed 1 Oct 2025: no term at all in 2025/26: cannot tell */
    {"2025-10-01", OR_SD_UNKNOWN, ""},
};

static void test_cases(void **state)
{
    (void)state;
    or_cal_labelled rows[NROWS];
    for (int i = 0; i < NROWS; i++)
        rows[i] = (or_cal_labelled){
            {D(rows_text[i].start), D(rows_text[i].end), rows_text[i].kind, rows_text[i].school},
            rows_text[i].label};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char why[512];
        or_sd_verdict v = or_school_day_why(rows, NROWS, D(cases[i].day), why, sizeof why);
        if (v != cases[i].want || strcmp(why, cases[i].why))
            fail_msg("%s: got %d \"%s\", expected %d \"%s\"", cases[i].day, (int)v, why,
                     (int)cases[i].want, cases[i].why);
    }
}

/* No calendar rows at all: every day is unknown (the importer then refuses nothing). */
static void test_no_calendar(void **state)
{
    (void)state;
    char why[64];
    assert_int_equal(or_school_day_why(NULL, 0, D("2026-12-12"), why, sizeof why), OR_SD_UNKNOWN);
    assert_string_equal(why, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_no_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
