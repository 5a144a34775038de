/* test_yeargroup.c - a pupil's National Curriculum year group on a day (yeargroup.h),
 * table-driven, each answer worked out by hand: the age on 31 August before the school year
 * (DfE school census: age "as at 31 August"; shared/data/codesets/year_groups.csv
 * typical_age_at_31_august: Reception 4, Year 1 5, ... Year 13 17, N2 3, N1 2), year group =
 * age - 4, unless a snapshot recorded another year group than its age's in its own school
 * year: that difference is kept and rolls forward each school year (DOMAIN.md §2: the school
 * year runs 1 August to 31 July).
 *
 * Issue 14's findings: "a child born in February 2013 shown as Year 7 in December 2026; a
 * 16-year-old as Year 9; a secondary school's list with Years 5 and 6". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/yeargroup.h"

static or_date D(const char *s)
{
    if (!s)
        return OR_DATE_NONE;
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date in the table: %s", s);
    return d;
}

typedef struct {
    const char *name;
    const char *dob, *snap_as_of, *recorded, *on;
    int want;
} yg_case;

static const yg_case cases[] = {
    /* Finding: born 14 Feb 2013, recorded Year 7 in a snapshot of 5 Sep 2024 (right then: 11
     * on 31 Aug 2024). On 8 Dec 2026 (school year 2026/27) the age on 31 Aug 2026 is 13: Year
     * 9 (7 rolled forward two Septembers), not Year 7. */
    {"finding: born February 2013, Year 7 in 2024, is Year 9 in December 2026", "2013-02-14",
     "2024-09-05", "7", "2026-12-08", 9},
    /* Finding: born 10 Mar 2010, recorded Year 9 on 4 Sep 2023 (13 on 31 Aug 2023); on 7 Dec
     * 2026 the pupil is 16 and was 16 on 31 Aug 2026: Year 12, not Year 9. */
    {"finding: a 16-year-old recorded Year 9 three years ago is Year 12", "2010-03-10",
     "2023-09-04", "9", "2026-12-07", 12},
    /* Finding (a secondary school's list with Years 5 and 6): born 3 Jun 2015, recorded Year 5
     * on 2 Sep 2024 (9 on 31 Aug 2024); on 7 Dec 2026, 11 on 31 Aug 2026: Year 7. */
    {"finding: Year 5 in 2024 is Year 7 at secondary school in 2026", "2015-06-03", "2024-09-02",
     "5", "2026-12-07", 7},
    /* No year group recorded: from the age alone. Born 1 Sep 2014, 11 on 31 Aug 2026 (12 the
     * next day): the oldest of Year 7. */
    {"no year recorded: born 1 September 2014 is Year 7 in 2026/27", "2014-09-01", "2026-09-03",
     NULL, "2026-12-07", 7},
    /* Born 31 Aug 2015: 11 on 31 Aug 2026 itself: the youngest of Year 7. */
    {"born 31 August 2015 is Year 7 in 2026/27", "2015-08-31", "2026-09-03", "", "2026-12-07", 7},
    /* Born 15 Jan 2022: 4 on 31 Aug 2026: Reception (0). */
    {"4 on 31 August: Reception", "2022-01-15", "2026-09-03", NULL, "2026-12-07", 0},
    /* Born 10 Oct 2022: 3 on 31 Aug 2026: nursery second year (N2, -1). */
    {"3 on 31 August: nursery second year", "2022-10-10", "2026-09-03", NULL, "2026-12-07", -1},
    /* Born 1 Dec 2009: 16 on 31 Aug 2026: Year 12; 17 on 31 Aug 2027: Year 13. */
    {"16 on 31 August: Year 12", "2009-12-01", "2026-09-03", NULL, "2026-12-07", 12},
    {"17 on 31 August: Year 13", "2009-12-01", "2026-09-03", NULL, "2027-12-07", 13},
    /* Born 1 Jan 2006: 20 on 31 Aug 2026: beyond Year 14: none. */
    {"20 on 31 August: no year group", "2006-01-01", "2026-09-03", NULL, "2026-12-07", OR_YG_NONE},
    /* Out of age, kept: born 20 Jun 2013 (12 on 31 Aug 2025: Year 8 by age) recorded Year 7 on
     * 10 Sep 2025 (kept back a year): one below its age's. On 7 Dec 2026, age's Year 9, so
     * Year 8; on 31 Jul 2026 (still 2025/26) Year 7; on 1 Aug 2026 (2026/27) Year 8. */
    {"out of age: recorded a year below, kept a year below", "2013-06-20", "2025-09-10", "7",
     "2026-12-07", 8},
    {"out of age: the same on the last day of 2025/26", "2013-06-20", "2025-09-10", "7",
     "2026-07-31", 7},
    {"out of age: moves up on 1 August, the first day of 2026/27", "2013-06-20", "2025-09-10", "7",
     "2026-08-01", 8},
    /* X stays X. */
    {"National Curriculum not followed stays so", "2013-06-20", "2025-09-10", "X", "2026-12-07",
     OR_YG_X},
    /* No date of birth, a recorded year group: rolled forward from it. */
    {"no date of birth: the recorded year rolled forward", NULL, "2025-09-10", "10", "2026-12-07",
     11},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const yg_case *c = &cases[i];
        int got = or_yg_on(or_yg_base(D(c->dob), D(c->snap_as_of), c->recorded), D(c->on));
        if (got != c->want)
            fail_msg("%s: got %d, expected %d", c->name, got, c->want);
    }
}

/* The snapshot in force on the day decides (or_facts_snapshot_on). Born 14 Feb 2013: a
 * snapshot of 5 Sep 2024 with Year 7, and one of 4 Sep 2025 with Year 7 again (kept back):
 * on 8 Dec 2026 the second is in force: Year 8 (7 + 1); on 8 Dec 2024 the first: Year 7. */
static void test_facts(void **state)
{
    (void)state;
    or_fact_snapshot s[2] = {{.as_of = D("2024-09-05"), .dob = D("2013-02-14"), .year_group = "7"},
                             {.as_of = D("2025-09-04"), .dob = D("2013-02-14"), .year_group = "7"}};
    or_pupil_facts f = {.upn = "A123", .snaps = s, .nsnaps = 2};
    assert_int_equal(or_facts_year_group(&f, D("2026-12-08")), 8);
    assert_int_equal(or_facts_year_group(&f, D("2024-12-08")), 7);
    or_pupil_facts none = {.upn = "A123"};
    assert_int_equal(or_facts_year_group(&none, D("2026-12-08")), OR_YG_NONE);
}

static void test_words(void **state)
{
    (void)state;
    char w[40], c[8];
    assert_string_equal(or_yg_words(9, w), "Year 9");
    assert_string_equal(or_yg_code(9, c), "9");
    assert_string_equal(or_yg_words(0, w), "Reception");
    assert_string_equal(or_yg_code(0, c), "R");
    assert_string_equal(or_yg_words(-2, w), "Nursery first year");
    assert_string_equal(or_yg_code(-2, c), "N1");
    assert_string_equal(or_yg_code(-1, c), "N2");
    assert_string_equal(or_yg_words(OR_YG_X, w), "National Curriculum not followed");
    assert_string_equal(or_yg_code(OR_YG_X, c), "X");
    assert_string_equal(or_yg_words(OR_YG_NONE, w), "");
    assert_string_equal(or_yg_code(OR_YG_NONE, c), "");
    assert_int_equal(or_yg_parse("14"), 14);
    assert_int_equal(or_yg_parse("N2"), -1);
    assert_int_equal(or_yg_parse("15"), OR_YG_NONE);
    assert_int_equal(or_yg_parse("0"), OR_YG_NONE);
    assert_int_equal(or_yg_parse("N3"), OR_YG_NONE);
    assert_int_equal(or_yg_parse("9a"), OR_YG_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
