/* test_compare.c - unit tests for the comparison with England, the region and the statistical
 * neighbours (compare.h, src/report/compare.c) and its settings (settings.h la.code, la.region,
 * la.neighbours): the neighbours' pupil-weighted average from their published counts, which
 * published school types are compared, and each setting's check naming the wrong value. Every
 * expected value is worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "onroll/compare.h"
#include "onroll/settings.h"

/* Three neighbours' rows, by hand:
 *   A: 120 suspensions, 4,000 pupils (3.00 per 100)
 *   B:  30 suspensions,   500 pupils (6.00 per 100)
 *   C: "c" (suppressed),  1,500 pupils: no count, so C is left out, pupils and all
 * Pooled: (120 + 30) / (4,000 + 500) = 150 / 4,500 = 3.333... -> 3.33 per 100, from 2 of 3.
 * (The mean of A's and B's rates would be 4.50: the small B would weigh as much as A.) */
static void test_pool_weighted(void **state)
{
    (void)state;
    const char *counts[] = {"120", "30", "c"}, *heads[] = {"4000", "500", "1500"};
    or_cmp_cell c;
    or_cmp_pool(counts, heads, 3, &c);
    assert_true(c.shown);
    assert_string_equal(c.text, "3.33");
    assert_int_equal(c.num, 150);
    assert_int_equal(c.den, 4500);
    assert_int_equal(c.areas, 2);
}

/* Rounding half away from zero, exactly: 1 / 800 = 0.125 per 100 -> 0.13; a headcount of 0
 * (nothing to weigh) and a count that is not whole (a few DfE regional rows: 565.079) are left
 * out: from 1 of 3. Three whole rows 1/3, 1/3, 1/2: 3 / 8 = 37.5 -> 37.50, from 3. */
static void test_pool_rounding(void **state)
{
    (void)state;
    const char *counts[] = {"1", "0", "565.079"}, *heads[] = {"800", "0", "1000"};
    or_cmp_cell c;
    or_cmp_pool(counts, heads, 3, &c);
    assert_string_equal(c.text, "0.13");
    assert_int_equal(c.areas, 1);
    const char *counts2[] = {"1", "1", "1"}, *heads2[] = {"3", "3", "2"};
    or_cmp_pool(counts2, heads2, 3, &c);
    assert_string_equal(c.text, "37.50");
    assert_int_equal(c.num, 3);
    assert_int_equal(c.den, 8);
    assert_int_equal(c.areas, 3);
}

/* No neighbour with figures (symbols, empty, none at all): not shown, "x", from 0. */
static void test_pool_none(void **state)
{
    (void)state;
    const char *counts[] = {"x", "", "low"}, *heads[] = {"100", "200", "z"};
    or_cmp_cell c;
    or_cmp_pool(counts, heads, 3, &c);
    assert_false(c.shown);
    assert_string_equal(c.text, "x");
    assert_int_equal(c.areas, 0);
    or_cmp_pool(counts, heads, 0, &c);
    assert_string_equal(c.text, "x");
}

/* The school types of both layouts: 2006-2017 "Primary", EES "state-funded primary"; others
 * (alternative provision, a phase onroll does not compare) are not compared. */
static void test_types(void **state)
{
    (void)state;
    assert_int_equal(or_cmp_type_of_published("Total"), OR_CMP_TOTAL);
    assert_int_equal(or_cmp_type_of_published("Primary"), OR_CMP_PRIMARY);
    assert_int_equal(or_cmp_type_of_published("state-funded primary"), OR_CMP_PRIMARY);
    assert_int_equal(or_cmp_type_of_published("State-funded secondary"), OR_CMP_SECONDARY);
    assert_int_equal(or_cmp_type_of_published("special"), OR_CMP_SPECIAL);
    assert_int_equal(or_cmp_type_of_published("State-funded AP school"), -1);
    assert_int_equal(or_cmp_type_of_published(NULL), -1);
    assert_int_equal(or_cmp_type_parse("secondary"), OR_CMP_SECONDARY);
    assert_int_equal(or_cmp_type_parse("Secondary"), -1);
    assert_string_equal(or_cmp_type_code(OR_CMP_SPECIAL), "special");
}

/* The settings: keys, values accepted, and refusals naming the wrong value. */
static void test_settings(void **state)
{
    (void)state;
    or_setting_id id;
    int urn;
    or_error err = {0};
    assert_int_equal(or_setting_parse_key("la.neighbours", &id, &urn, &err), OR_OK);
    assert_int_equal(id, OR_SET_LA_NEIGHBOURS);
    assert_int_equal(or_setting_check(OR_SET_LA_CODE, "202", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_LA_REGION, "E12000007", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_LA_NEIGHBOURS, "202, 204,206 ,208", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_LA_NEIGHBOURS, "", &err), OR_OK); /* clears it */
    static const struct {
        or_setting_id id;
        const char *value, *says;
    } bad[] = {
        {OR_SET_LA_CODE, "20", "la.code: '20' is not a local authority code"},
        {OR_SET_LA_CODE, "2020", "la.code: '2020' is not a local authority code"},
        {OR_SET_LA_CODE, "020", "la.code: '020' is not a local authority code"},
        {OR_SET_LA_REGION, "London", "la.region: 'London' is not a region's code"},
        {OR_SET_LA_REGION, "E1200007", "la.region: 'E1200007' is not a region's code"},
        {OR_SET_LA_NEIGHBOURS, "202, 2O4, 206", "la.neighbours: '2O4' is not a local authority"},
        {OR_SET_LA_NEIGHBOURS, "202,,206", "la.neighbours: '' is not a local authority"},
        {OR_SET_LA_NEIGHBOURS, "202, 206, 202", "la.neighbours: 202 is given twice"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = (or_error){0};
        assert_int_equal(or_setting_check(bad[i].id, bad[i].value, &err), OR_EINPUT);
        if (!strstr(err.msg, bad[i].says))
            fail_msg("'%s': got '%s', wanted '%s'", bad[i].value, err.msg, bad[i].says);
    }
    /* more than OR_SETTING_NEIGHBOURS (20) codes */
    char many[200] = "";
    for (int i = 0; i < 21; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "%s%d", i ? "," : "", 301 + i);
    assert_int_equal(or_setting_check(OR_SET_LA_NEIGHBOURS, many, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "more than 20"));
    int codes[OR_SETTING_NEIGHBOURS], n;
    assert_int_equal(or_setting_la_codes(" 202 ,204", codes, OR_SETTING_NEIGHBOURS, &n, &err),
                     OR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(codes[0], 202);
    assert_int_equal(codes[1], 204);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_weighted), cmocka_unit_test(test_pool_rounding),
        cmocka_unit_test(test_pool_none),     cmocka_unit_test(test_types),
        cmocka_unit_test(test_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
