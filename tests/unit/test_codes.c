/* test_codes.c - unit tests for the census code lists and bank holidays (src/core/codes.c).
 *
 * Expected values are read by hand from the CSV files in shared/data/codesets and the GOV.UK
 * bank-holidays.json (the sources of the generated tables), not from the tables themselves. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "onroll/codes.h"

static or_date ymd(int y, int m, int d)
{
    return or_date_from_ymd(y, m, d);
}

typedef struct {
    or_codeset cs;
    const char *code;
    int y, m, d; /* y == 0: OR_DATE_NONE */
    bool valid;
} lookup_case;

static const lookup_case lookups[] = {
    /* exclusion_reasons.csv: PD (old list) 2006-08-01 to 2020-08-31 */
    {OR_CS_EXCL_REASON, "PD", 2019, 6, 1, true},
    {OR_CS_EXCL_REASON, "PD", 2021, 6, 1, false},
    {OR_CS_EXCL_REASON, "PD", 2020, 8, 31, true}, /* valid_to is inclusive */
    {OR_CS_EXCL_REASON, "PD", 2020, 9, 1, false},
    {OR_CS_EXCL_REASON, "PD", 2006, 7, 31, false}, /* before valid_from */
    {OR_CS_EXCL_REASON, "PD", 0, 0, 0, true},      /* any date */
    /* DB (new list) from 2020-09-01 */
    {OR_CS_EXCL_REASON, "DB", 2021, 6, 1, true},
    {OR_CS_EXCL_REASON, "DB", 2019, 6, 1, false},
    /* OW from 2020-09-01: valid_from is inclusive */
    {OR_CS_EXCL_REASON, "OW", 2020, 8, 31, false},
    {OR_CS_EXCL_REASON, "OW", 2020, 9, 1, true},
    /* OT withdrawn in autumn 2020 (old list only) */
    {OR_CS_EXCL_REASON, "OT", 2020, 9, 1, false},
    /* PP is in both lists: valid throughout */
    {OR_CS_EXCL_REASON, "PP", 2019, 6, 1, true},
    {OR_CS_EXCL_REASON, "PP", 2025, 6, 1, true},
    /* unconfirmed_codes.csv: never valid */
    {OR_CS_EXCL_REASON, "BW", 2026, 6, 1, false},
    {OR_CS_EXCL_REASON, "BW", 0, 0, 0, false},
    {OR_CS_EXCL_CATEGORY, "SUSP", 2026, 6, 1, false},
    {OR_CS_SEN_NEED, "DS", 0, 0, 0, false},
    /* ... but DS is a confirmed exclusion reason from 2020-09-01 (a different list) */
    {OR_CS_EXCL_REASON, "DS", 2021, 1, 1, true},
    /* attendance_codes.csv: K from 2024-08-19; H to 2024-08-18 */
    {OR_CS_ATTENDANCE, "K", 2024, 9, 1, true},
    {OR_CS_ATTENDANCE, "K", 2023, 9, 1, false},
    {OR_CS_ATTENDANCE, "K", 2024, 8, 19, true},
    {OR_CS_ATTENDANCE, "H", 2023, 9, 1, true},
    {OR_CS_ATTENDANCE, "H", 2025, 9, 1, false},
    {OR_CS_ATTENDANCE, "H", 2024, 8, 18, true},
    {OR_CS_ATTENDANCE, "H", 2024, 8, 19, false},
    {OR_CS_ATTENDANCE, "\\", 2025, 9, 1, true}, /* the afternoon "present" mark */
    {OR_CS_ATTENDANCE, "/", 2025, 9, 1, true},
    {OR_CS_ATTENDANCE, "#", 2025, 9, 1, true},
    {OR_CS_ATTENDANCE, "Y1", 2025, 9, 1, true},
    {OR_CS_ATTENDANCE, "Y", 2025, 9, 1, false}, /* replaced by Q and Y1-Y7 */
    /* sen_provision.csv: S (statements) to 2018-03-31; E from 2014-09-01 */
    {OR_CS_SEN_PROVISION, "S", 2018, 3, 31, true},
    {OR_CS_SEN_PROVISION, "S", 2018, 4, 1, false},
    {OR_CS_SEN_PROVISION, "E", 2014, 8, 31, false},
    {OR_CS_SEN_NEED, "SEMH", 2015, 1, 1, true},
    {OR_CS_SEN_NEED, "BESD", 2015, 1, 1, false},
    /* exact, case-sensitive */
    {OR_CS_ETHNICITY, "WBRI", 2025, 1, 1, true},
    {OR_CS_ETHNICITY, "wbri", 2025, 1, 1, false},
    {OR_CS_ETHNICITY, "WBRI ", 2025, 1, 1, false},
    {OR_CS_ETHNICITY, "", 0, 0, 0, false},
    {OR_CS_YEAR_GROUP, "R", 0, 0, 0, true},
    {OR_CS_YEAR_GROUP, "15", 0, 0, 0, false}, /* DfE placeholder, left out */
};

static void test_lookup_by_date(void **state)
{
    for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
        const lookup_case *c = &lookups[i];
        or_date on = c->y ? ymd(c->y, c->m, c->d) : OR_DATE_NONE;
        const or_code_entry *e = or_code_find(c->cs, c->code, on);
        if ((e != NULL) != c->valid)
            fail_msg("%s '%s' on %04d-%02d-%02d: expected %s", or_codeset_name(c->cs), c->code,
                     c->y, c->m, c->d, c->valid ? "valid" : "not valid");
        if (e)
            assert_string_equal(e->code, c->code);
    }
}

static void test_exclusion_lists(void **state)
{
    /* PP is listed twice; the entry found is the one valid on the date */
    const or_code_entry *e = or_code_find(OR_CS_EXCL_REASON, "PP", ymd(2019, 6, 1));
    assert_non_null(e);
    assert_string_equal(e->group, "2006-2020");
    assert_int_equal(e->valid_from, ymd(2006, 8, 1));
    assert_int_equal(e->valid_to, ymd(2020, 8, 31));
    e = or_code_find(OR_CS_EXCL_REASON, "PP", ymd(2021, 6, 1));
    assert_non_null(e);
    assert_string_equal(e->group, "2020-onwards");
    assert_int_equal(e->valid_from, ymd(2020, 9, 1));
    assert_int_equal(e->valid_to, OR_DATE_NONE);
    e = or_code_find(OR_CS_EXCL_REASON, "DB", ymd(2021, 6, 1));
    assert_non_null(e);
    assert_string_equal(e->description, "Persistent or general disruptive behaviour");
}

static void test_unconfirmed(void **state)
{
    assert_true(or_code_unconfirmed(OR_CS_EXCL_REASON, "BW"));
    assert_null(or_code_find(OR_CS_EXCL_REASON, "BW", ymd(2026, 6, 1)));
    assert_true(or_code_unconfirmed(OR_CS_EXCL_REASON, "OS"));
    assert_true(or_code_unconfirmed(OR_CS_EXCL_CATEGORY, "SUSP"));
    assert_true(or_code_unconfirmed(OR_CS_SEN_NEED, "DS"));
    /* keyed by list: DS is unconfirmed as a SEN need, not as an exclusion reason */
    assert_false(or_code_unconfirmed(OR_CS_EXCL_REASON, "DS"));
    assert_false(or_code_unconfirmed(OR_CS_EXCL_REASON, "DB"));
    assert_false(or_code_unconfirmed(OR_CS_EXCL_REASON, "bw"));
    assert_false(or_code_unconfirmed(OR_CS_ETHNICITY, "BW"));
    assert_false(or_code_unconfirmed(OR_CS_EXCL_REASON, NULL));
}

static void test_attendance_meaning(void **state)
{
    static const struct {
        const char *code;
        or_att_meaning meaning;
    } cases[] = {
        {"/", OR_ATT_PRESENT},      {"\\", OR_ATT_PRESENT},     {"L", OR_ATT_PRESENT},
        {"K", OR_ATT_PRESENT_AEA},  {"B", OR_ATT_PRESENT_AEA},  {"I", OR_ATT_AUTHORISED},
        {"C2", OR_ATT_AUTHORISED},  {"H", OR_ATT_AUTHORISED},   {"N", OR_ATT_UNAUTHORISED},
        {"G", OR_ATT_UNAUTHORISED}, {"D", OR_ATT_NOT_POSSIBLE}, {"Y7", OR_ATT_NOT_POSSIBLE},
        {"#", OR_ATT_NOT_POSSIBLE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const or_code_entry *e = or_code_find(OR_CS_ATTENDANCE, cases[i].code, OR_DATE_NONE);
        if (!e)
            fail_msg("attendance code '%s' not found", cases[i].code);
        if (e->meaning != (int)cases[i].meaning)
            fail_msg("attendance code '%s': meaning %d, expected %d", cases[i].code, e->meaning,
                     (int)cases[i].meaning);
    }
    const or_code_entry *bs = or_code_find(OR_CS_ATTENDANCE, "\\", OR_DATE_NONE);
    assert_non_null(bs);
    assert_int_equal(strlen(bs->code), 1);
    assert_int_equal(bs->code[0], '\\');
    assert_non_null(strstr(bs->description, "afternoon"));
}

static void test_ethnicity(void **state)
{
    const or_code_entry *e = or_code_find(OR_CS_ETHNICITY, "WIRT", OR_DATE_NONE);
    assert_non_null(e);
    assert_string_equal(e->group, "WIRT"); /* a main code is its own main code */
    assert_string_equal(e->major, "WHIT");
    assert_string_equal(e->major_description, "White");
    e = or_code_find(OR_CS_ETHNICITY, "WENG", OR_DATE_NONE); /* extended code */
    assert_non_null(e);
    assert_string_equal(e->group, "WBRI");
    assert_string_equal(e->major, "WHIT");
    e = or_code_find(OR_CS_ETHNICITY, "CHKC", OR_DATE_NONE);
    assert_non_null(e);
    assert_string_equal(e->group, "CHNE");
    assert_string_equal(e->major, "CHIN");
    e = or_code_find(OR_CS_ETHNICITY, "REFU", OR_DATE_NONE);
    assert_non_null(e);
    assert_string_equal(e->major, "UNCL");
    assert_string_equal(e->major_description, "Unclassified");
    /* non-ethnicity lists have no major group */
    e = or_code_find(OR_CS_SEN_PROVISION, "E", OR_DATE_NONE);
    assert_non_null(e);
    assert_null(e->major);
    assert_null(e->group);
}

static void test_year_groups(void **state)
{
    const or_code_entry *e = or_code_find(OR_CS_YEAR_GROUP, "7", OR_DATE_NONE);
    assert_non_null(e);
    assert_int_equal(e->typical_age, 11);
    assert_string_equal(e->group, "KS3");
    e = or_code_find(OR_CS_YEAR_GROUP, "R", OR_DATE_NONE);
    assert_non_null(e);
    assert_int_equal(e->typical_age, 4);
    assert_string_equal(e->group, "EYFS");
    e = or_code_find(OR_CS_YEAR_GROUP, "X", OR_DATE_NONE); /* no key stage, no age */
    assert_non_null(e);
    assert_int_equal(e->typical_age, -1);
    assert_null(e->group);
}

static void test_sizes_and_names(void **state)
{
    /* row counts from codesets/README.md */
    assert_int_equal(or_codeset_size(OR_CS_ETHNICITY), 99);
    assert_int_equal(or_codeset_size(OR_CS_EXCL_REASON), 28);
    assert_int_equal(or_codeset_size(OR_CS_EXCL_CATEGORY), 3);
    assert_int_equal(or_codeset_size(OR_CS_ATTENDANCE), 38);
    assert_int_equal(or_codeset_size(OR_CS_SEN_PROVISION), 7);
    assert_int_equal(or_codeset_size(OR_CS_SEN_NEED), 14);
    assert_int_equal(or_codeset_size(OR_CS_YEAR_GROUP), 18);
    assert_int_equal(or_codeset_size(OR_CS__COUNT), 0);
    assert_string_equal(or_codeset_at(OR_CS_EXCL_CATEGORY, 0)->code, "PERM");
    assert_null(or_codeset_at(OR_CS_EXCL_CATEGORY, 3));
    assert_null(or_codeset_at(OR_CS__COUNT, 0));
    assert_string_equal(or_codeset_name(OR_CS_EXCL_REASON), "exclusion reason");
    assert_string_equal(or_codeset_name(OR_CS_ETHNICITY), "ethnicity");
    for (int cs = 0; cs < OR_CS__COUNT; cs++)
        for (size_t i = 0; i < or_codeset_size((or_codeset)cs); i++) {
            const or_code_entry *e = or_codeset_at((or_codeset)cs, i);
            assert_non_null(e->code);
            assert_non_null(e->description);
        }
}

/* Does the ", "-separated list contain code as a whole item? */
static bool list_has(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, code, n) == 0)
            return true;
        if (!end)
            break;
        p = end + 2;
    }
    return false;
}

static size_t list_count(const char *list)
{
    if (!*list)
        return 0;
    size_t n = 1;
    for (const char *p = list; (p = strstr(p, ", ")) != NULL; p += 2)
        n++;
    return n;
}

static void test_allowed(void **state)
{
    or_sb sb = OR_SB_INIT;
    or_codeset_allowed(OR_CS_EXCL_REASON, ymd(2021, 1, 1), &sb);
    const char *s = or_sb_str(&sb);
    assert_true(list_has(s, "DB"));
    assert_true(list_has(s, "OW"));
    assert_true(list_has(s, "PP"));
    assert_false(list_has(s, "PD"));
    assert_false(list_has(s, "OT"));
    assert_false(list_has(s, "BW"));     /* unconfirmed */
    assert_int_equal(list_count(s), 16); /* the 2020-onwards list */
    or_sb_release(&sb);

    or_codeset_allowed(OR_CS_EXCL_REASON, ymd(2019, 6, 1), &sb);
    s = or_sb_str(&sb);
    assert_true(list_has(s, "PD"));
    assert_false(list_has(s, "DB"));
    assert_int_equal(list_count(s), 12); /* the 2006-2020 list */
    or_sb_release(&sb);

    /* any date: 12 old + 16 new - 10 in both (PP PA VP VA BU RA SM DA DM TH) = 18, each once */
    or_codeset_allowed(OR_CS_EXCL_REASON, OR_DATE_NONE, &sb);
    s = or_sb_str(&sb);
    assert_int_equal(list_count(s), 18);
    assert_int_equal(strncmp(s, "PP, PA, VP", 10), 0); /* table order; PP named first... */
    assert_null(strstr(s + 2, "PP"));                  /* ... and only once */
    or_sb_release(&sb);

    or_codeset_allowed(OR_CS_EXCL_CATEGORY, ymd(2025, 1, 1), &sb);
    assert_string_equal(or_sb_str(&sb), "PERM, FIXD, LNCH");
    or_sb_release(&sb);

    /* appends to what is already there */
    or_sb_adds(&sb, "allowed: ");
    or_codeset_allowed(OR_CS_SEN_PROVISION, ymd(2025, 1, 1), &sb);
    assert_string_equal(or_sb_str(&sb), "allowed: N, K, E");
    or_sb_release(&sb);
}

static void test_bank_holidays(void **state)
{
    static const struct {
        int y, m, d;
        bool hol;
    } cases[] = {
        {2025, 12, 25, true},  /* Christmas Day */
        {2025, 12, 26, true},  /* Boxing Day */
        {2026, 8, 31, true},   /* Summer bank holiday */
        {2025, 12, 24, false}, /* Christmas Eve */
        {2027, 12, 25, false}, /* a Saturday: the holiday moves to Monday 27 */
        {2027, 12, 27, true},  /* substitute day for Christmas Day */
        {2027, 12, 28, true},  /* substitute day for Boxing Day */
        {2019, 1, 1, true},    /* first in the file */
        {2025, 4, 18, true},   /* Good Friday 2025 */
        {2025, 4, 21, true},   /* Easter Monday 2025 */
        {2025, 4, 22, false},  {2018, 12, 25, false}, /* before the table: unknown, false */
        {2028, 1, 3, false},                          /* after the table */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (or_bank_holiday(ymd(cases[i].y, cases[i].m, cases[i].d)) != cases[i].hol)
            fail_msg("%04d-%02d-%02d: bank holiday should be %d", cases[i].y, cases[i].m,
                     cases[i].d, cases[i].hol);
    assert_int_equal(or_bank_holidays_from(), ymd(2019, 1, 1));
    assert_int_equal(or_bank_holidays_to(), ymd(2027, 12, 31));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_by_date),  cmocka_unit_test(test_exclusion_lists),
        cmocka_unit_test(test_unconfirmed),     cmocka_unit_test(test_attendance_meaning),
        cmocka_unit_test(test_ethnicity),       cmocka_unit_test(test_year_groups),
        cmocka_unit_test(test_sizes_and_names), cmocka_unit_test(test_allowed),
        cmocka_unit_test(test_bank_holidays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
