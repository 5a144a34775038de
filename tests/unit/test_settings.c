/* test_settings.c - unit tests for the settings people fill once (src/core/settings.c): the keys
 * (the LA's, a school's by URN), each value's check (a name, an email address, a UK telephone
 * number, an address of lines), and the LA team's contact as a letter gives it. Each expected
 * value is worked out by hand from settings.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "onroll/settings.h"

static void test_keys(void **state)
{
    (void)state;
    or_setting_id id;
    int urn = -1;
    or_error err = {0};
    assert_int_equal(or_setting_parse_key("la.name", &id, &urn, &err), OR_OK);
    assert_int_equal(id, OR_SET_LA_NAME);
    assert_int_equal(urn, 0);
    assert_int_equal(or_setting_parse_key("la.team_phone", &id, &urn, &err), OR_OK);
    assert_int_equal(id, OR_SET_LA_TEAM_PHONE);
    assert_int_equal(or_setting_parse_key("school.100001.head_teacher", &id, &urn, &err), OR_OK);
    assert_int_equal(id, OR_SET_HEAD_TEACHER);
    assert_int_equal(urn, 100001);
    assert_int_equal(or_setting_parse_key("school.100002.address", &id, &urn, &err), OR_OK);
    assert_int_equal(id, OR_SET_ADDRESS);
    assert_int_equal(urn, 100002);
    char buf[64];
    assert_string_equal(or_setting_key(OR_SET_CLERK_EMAIL, 100001, buf),
                        "school.100001.clerk_email");
    assert_string_equal(or_setting_key(OR_SET_LA_TEAM_NAME, 0, buf), "la.team_name");

    /* not settings: each refused with the key in the message */
    static const char *const bad[] = {"la.nope",
                                      "la.head_teacher", /* a school's key under the LA */
                                      "school.100001.name",
                                      "school.12.head_teacher", /* a URN has six digits */
                                      "school.1000011.head_teacher",
                                      "school.10000x.head_teacher",
                                      "school..head_teacher",
                                      "school.100001.team_email", /* the LA's under a school */
                                      "school.100001",
                                      "cap.days", /* a threshold (params.h), not a setting */
                                      ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = (or_error){0};
        assert_int_equal(or_setting_parse_key(bad[i], &id, &urn, &err), OR_EINPUT);
        assert_non_null(strstr(err.msg, bad[i]));
    }
}

static void test_checks(void **state)
{
    (void)state;
    or_error err = {0};
    /* accepted */
    assert_int_equal(or_setting_check(OR_SET_LA_NAME, "Kestrel Borough Council", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_HEAD_TEACHER, "Ms Siân O'Connor-Ávila", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_LA_NAME, "", &err), OR_OK); /* clears it */
    assert_int_equal(or_setting_check(OR_SET_LA_TEAM_EMAIL, "exclusions@kestrel.gov.uk", &err),
                     OR_OK);
    assert_int_equal(or_setting_check(OR_SET_CLERK_EMAIL, "clerk@oak.sch.uk", &err), OR_OK);
    /* 01632 960 000: 11 digits from 0 */
    assert_int_equal(or_setting_check(OR_SET_LA_TEAM_PHONE, "01632 960 000", &err), OR_OK);
    /* +44 1632 960000: +44 then 10 digits */
    assert_int_equal(or_setting_check(OR_SET_LA_TEAM_PHONE, "+44 (0)1632 960-000", &err), OR_OK);
    assert_int_equal(or_setting_check(OR_SET_LA_TEAM_PHONE, "+44 1632 960000", &err), OR_OK);
    /* 020 7946 0000: 11 digits */
    assert_int_equal(or_setting_check(OR_SET_LA_TEAM_PHONE, "020 7946 0000", &err), OR_OK);
    assert_int_equal(
        or_setting_check(OR_SET_ADDRESS, "Oak School\nOak Lane\nKestrel KE1 2AB", &err), OR_OK);

    /* refused, each message naming the setting and the value */
    struct {
        or_setting_id id;
        const char *value, *want;
    } bad[] = {
        {OR_SET_LA_TEAM_EMAIL, "exclusions.kestrel.gov.uk", "is not an email address"},
        {OR_SET_CLERK_EMAIL, "clerk@", "is not an email address"},
        {OR_SET_CLERK_EMAIL, "a b@oak.sch.uk", "is not an email address"},
        {OR_SET_LA_TEAM_PHONE, "01632 96", "is not a UK telephone number"},        /* 7 digits */
        {OR_SET_LA_TEAM_PHONE, "01632 960 000 1", "is not a UK telephone number"}, /* 12 */
        {OR_SET_LA_TEAM_PHONE, "1632 960 000", "is not a UK telephone number"},    /* no 0 */
        {OR_SET_LA_TEAM_PHONE, "01632 CALL ME", "is not a UK telephone number"},
        {OR_SET_LA_TEAM_PHONE, "+1 212 555 0100", "is not a UK telephone number"},
        {OR_SET_HEAD_TEACHER, "Ms A\nSmith", "a line break"}, /* one line */
        {OR_SET_HEAD_TEACHER,
         "Ms A \xE2\x80\xAE"
         "Smith",
         "RIGHT-TO-LEFT OVERRIDE"},
        {OR_SET_ADDRESS, "1\n2\n3\n4\n5\n6\n7", "at most 6 lines"},
        {OR_SET_LA_NAME, "\xff\xfe", "not valid UTF-8"},
        {OR_SET_LA_NAME, "   ", "only spaces"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = (or_error){0};
        assert_int_equal(or_setting_check(bad[i].id, bad[i].value, &err), OR_EINPUT);
        if (!strstr(err.msg, bad[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, bad[i].want);
        assert_non_null(strstr(err.msg, or_setting_def_at(bad[i].id)->key));
    }
    /* a name of 201 bytes: one more than OR_SETTING_MAX */
    char longname[202];
    memset(longname, 'a', 201);
    longname[201] = '\0';
    err = (or_error){0};
    assert_int_equal(or_setting_check(OR_SET_CLERK_NAME, longname, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "at most 200"));
}

static void test_la_contact(void **state)
{
    (void)state;
    or_settings s = {0};
    char buf[400];
    assert_string_equal(or_settings_la_contact(&s, buf, sizeof buf), "");
    assert_false(or_settings_has(&s, OR_SET_LA_NAME));
    s.v[OR_SET_LA_NAME] = "Kestrel Borough Council";
    /* the LA's name alone is no way to reach the team */
    assert_string_equal(or_settings_la_contact(&s, buf, sizeof buf), "");
    s.v[OR_SET_LA_TEAM_NAME] = "Exclusions Team";
    assert_string_equal(or_settings_la_contact(&s, buf, sizeof buf),
                        "Exclusions Team, Kestrel Borough Council");
    s.v[OR_SET_LA_TEAM_EMAIL] = "exclusions@kestrel.gov.uk";
    s.v[OR_SET_LA_TEAM_PHONE] = "01632 960 000";
    assert_string_equal(
        or_settings_la_contact(&s, buf, sizeof buf),
        "Exclusions Team, Kestrel Borough Council, email exclusions@kestrel.gov.uk, "
        "telephone 01632 960 000");
    s.v[OR_SET_LA_TEAM_NAME] = "";
    s.v[OR_SET_LA_NAME] = NULL;
    assert_string_equal(or_settings_la_contact(&s, buf, sizeof buf),
                        "email exclusions@kestrel.gov.uk, telephone 01632 960 000");
    assert_true(or_settings_has(&s, OR_SET_LA_TEAM_PHONE));
    assert_false(or_settings_has(&s, OR_SET_LA_TEAM_NAME));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_la_contact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
