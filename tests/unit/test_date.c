/* test_date.c - unit tests for day-number dates, academic years and ages (src/core/date.c).
 *
 * Day numbers are worked out by hand: 365 days a year plus one per 29 February passed, counted
 * from 1970-01-01 = 0. Academic years run 1 August to 31 July (DOMAIN.md §2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "onroll/date.h"

static void test_day_numbers(void **state)
{
    static const struct {
        const char *iso;
        or_date day;
    } cases[] = {
        {"1970-01-01", 0},
        {"1969-12-31", -1},
        /* 30 * 365 = 10950, + 7 leap days (1972 76 80 84 88 92 96) = 10957 */
        {"2000-01-01", 10957},
        /* 70 * 365 = 25550, + 17 leap days (1904 ... 1968; 1900 is not leap) = 25567 before */
        {"1900-01-01", -25567},
        /* 2020-01-01 = 50 * 365 + 12 leap days (1972 ... 2016) = 18262; + 244 days of
         * January-August 2020 (31+29+31+30+31+30+31+31) = 18506 */
        {"2020-09-01", 18506},
        /* 2025-01-01 = 55 * 365 + 14 leap days (1972 ... 2024) = 20089; + 243 (January-August,
         * 28-day February) + 2 = 20334 */
        {"2025-09-03", 20334},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_date d = 12345;
        if (!or_date_parse(cases[i].iso, &d) || d != cases[i].day)
            fail_msg("%s: got %d, expected %d", cases[i].iso, (int)d, (int)cases[i].day);
        char buf[11];
        or_date_format(cases[i].day, buf);
        assert_string_equal(buf, cases[i].iso);
    }
    int y, m, d;
    or_date_to_ymd(18506, &y, &m, &d);
    assert_int_equal(y, 2020);
    assert_int_equal(m, 9);
    assert_int_equal(d, 1);
    assert_int_equal(or_date_from_ymd(2020, 9, 1), 18506);
}

static void test_round_trip(void **state)
{
    /* every day the parser accepts: format then parse gives the same day back */
    or_date first = or_date_from_ymd(OR_DATE_MIN_YEAR, 1, 1);
    or_date last = or_date_from_ymd(OR_DATE_MAX_YEAR, 12, 31);
    for (or_date d = first; d <= last; d++) {
        char buf[11];
        or_date back = OR_DATE_NONE;
        or_date_format(d, buf);
        if (!or_date_parse(buf, &back) || back != d)
            fail_msg("day %d formats as %s which parses as %d", (int)d, buf, (int)back);
    }
    /* 1900-01-01 .. 2199-12-31: 300 years of 365 days = 109500, plus leap days: 75 years
     * divisible by 4 (1900, 1904 ... 2196), less 1900 and 2100 (centuries not divisible by 400;
     * 2000 is) = 73; 109500 + 73 = 109573 */
    assert_int_equal(last - first + 1, 109573);
}

static void test_parse_rejects(void **state)
{
    static const char *const bad[] = {
        "2025-02-29",                                            /* 2025 is not a leap year */
        "1900-02-29",                                            /* divisible by 100, not by 400 */
        "2024-13-01",                                            /* month 13 */
        "2024-00-10",                                            /* month 0 */
        "2024-04-31",                                            /* April has 30 days */
        "2024-01-00",                                            /* day 0 */
        "2025-1-01",                                             /* one-digit month */
        "2025-01-1",                                             /* one-digit day */
        "2025-01-01x",                                           /* trailing rubbish */
        " 2025-01-01",                                           /* leading space */
        "2025-01-01 ", "2025/01/01",                             /* wrong separator */
        "20250101",    "01-01-2025", "+025-01-01", "1899-12-31", /* outside 1900-2199 */
        "2200-01-01",  "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        or_date d = 0;
        if (or_date_parse(bad[i], &d))
            fail_msg("\"%s\" should be rejected", bad[i]);
    }
    or_date d = 0;
    assert_false(or_date_parse(NULL, &d));
}

static void test_parse_accepts(void **state)
{
    static const char *const good[] = {
        "2024-02-29", /* 2024 is a leap year */
        "2000-02-29", /* divisible by 400 */
        "1900-01-01", "2199-12-31", "2025-12-31", "2025-04-30",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        or_date d = OR_DATE_NONE;
        char buf[11];
        if (!or_date_parse(good[i], &d))
            fail_msg("\"%s\" should be accepted", good[i]);
        or_date_format(d, buf);
        assert_string_equal(buf, good[i]);
    }
    assert_true(or_date_valid_ymd(2024, 2, 29));
    assert_false(or_date_valid_ymd(2025, 2, 29));
    assert_false(or_date_valid_ymd(1899, 12, 31));
}

static void test_weekday(void **state)
{
    /* 1970-01-01 was a Thursday (3, Monday = 0). 2025-09-03 is day 20334 (above):
     * (20334 + 3) mod 7 = 20337 - 7 * 2905 = 20337 - 20335 = 2 = Wednesday */
    assert_int_equal(or_date_weekday(or_date_from_ymd(2025, 9, 3)), 2);
    assert_int_equal(or_date_weekday(0), 3);
    assert_int_equal(or_date_weekday(-1), 2);                           /* 1969-12-31 Wed */
    assert_int_equal(or_date_weekday(or_date_from_ymd(2025, 9, 1)), 0); /* Monday */
    assert_int_equal(or_date_weekday(or_date_from_ymd(2025, 9, 7)), 6); /* Sunday */
    assert_int_equal(or_date_weekday(or_date_from_ymd(1900, 1, 1)), 0); /* a Monday */
    assert_false(or_date_is_weekend(or_date_from_ymd(2025, 9, 5)));     /* Friday */
    assert_true(or_date_is_weekend(or_date_from_ymd(2025, 9, 6)));      /* Saturday */
    assert_true(or_date_is_weekend(or_date_from_ymd(2025, 9, 7)));      /* Sunday */
    assert_false(or_date_is_weekend(or_date_from_ymd(2025, 9, 8)));     /* Monday */
}

static void test_academic_year(void **state)
{
    assert_int_equal(or_date_academic_year(or_date_from_ymd(2025, 7, 31)), 2024);
    assert_int_equal(or_date_academic_year(or_date_from_ymd(2025, 8, 1)), 2025);
    assert_int_equal(or_date_academic_year(or_date_from_ymd(2026, 1, 1)), 2025);
    assert_int_equal(or_date_academic_year(or_date_from_ymd(2025, 12, 31)), 2025);
    assert_int_equal(or_date_academic_year_start(2025), or_date_from_ymd(2025, 8, 1));
    assert_int_equal(or_time_period(2025), 202526);
    assert_int_equal(or_time_period(2009), 200910);
    assert_int_equal(or_time_period(1999), 199900); /* 1999/00 */

    static const struct {
        const char *s;
        int ay; /* -1: rejected */
    } cases[] = {
        {"2025/26", 2025}, {"202526", 2025},  {"2025-26", 2025}, {"1999/00", 1999}, {"2025/27", -1},
        {"2025/25", -1},   {"2025/2026", -1}, {"25/26", -1},     {"2025", -1},      {"2025/2a", -1},
        {"", -1},          {"2025 26", -1},   {" 2025/26", -1},  {"2025/26 ", -1},  {"202527", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int ay = -7;
        bool ok = or_academic_year_parse(cases[i].s, &ay);
        if (cases[i].ay < 0 ? ok : (!ok || ay != cases[i].ay))
            fail_msg("\"%s\": got %s %d, expected %d", cases[i].s, ok ? "ok" : "rejected", ay,
                     cases[i].ay);
    }
    int ay = 0;
    assert_false(or_academic_year_parse(NULL, &ay));
}

static void test_age(void **state)
{
    static const struct {
        int by, bm, bd; /* date of birth */
        int y, m, d;    /* on */
        int age;
    } cases[] = {
        {2010, 3, 15, 2025, 3, 14, 14}, /* day before the 15th birthday */
        {2010, 3, 15, 2025, 3, 15, 15}, /* the birthday */
        {2010, 3, 15, 2025, 3, 16, 15},
        {2010, 3, 15, 2025, 2, 28, 14}, /* earlier month */
        {2010, 3, 15, 2024, 12, 31, 14},
        {2010, 3, 15, 2010, 3, 15, 0}, /* day of birth */
        /* born 29 February: a year older on 1 March in a non-leap year */
        {2012, 2, 29, 2025, 2, 28, 12},
        {2012, 2, 29, 2025, 3, 1, 13},
        {2012, 2, 29, 2024, 2, 29, 12},
        {2012, 2, 29, 2024, 2, 28, 11},
        /* typical age on 31 August (year_groups.csv): born 1 Sep 2013 is 11 on 31 Aug 2025 */
        {2013, 9, 1, 2025, 8, 31, 11},
        {2013, 8, 31, 2025, 8, 31, 12},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_date dob = or_date_from_ymd(cases[i].by, cases[i].bm, cases[i].bd);
        or_date on = or_date_from_ymd(cases[i].y, cases[i].m, cases[i].d);
        int got = or_age_on(dob, on);
        if (got != cases[i].age)
            fail_msg("born %04d-%02d-%02d, on %04d-%02d-%02d: age %d, expected %d", cases[i].by,
                     cases[i].bm, cases[i].bd, cases[i].y, cases[i].m, cases[i].d, got,
                     cases[i].age);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),   cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_parse_rejects), cmocka_unit_test(test_parse_accepts),
        cmocka_unit_test(test_weekday),       cmocka_unit_test(test_academic_year),
        cmocka_unit_test(test_age),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
