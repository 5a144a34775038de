/* test_web_forms.c - what the data-entry pages share (src/web/forms.c, forms_ingest.c): the
 * importer's messages read back as line, column and message and put against a form's fields
 * in the form's words; a date input's three fields read as the importer reads dates; the ids
 * of events recorded by forms; and the form components escaping whatever they are given. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "web/forms.h"

static void test_import_errors(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    web_import_error *e;
    int n = web_import_errors(&a,
                              "up.csv:3: column start: '2026-13-01' is not a date (expected "
                              "YYYY-MM-DD)\n"
                              "up.csv:4: has 3 fields; the header has 7\n"
                              "up.csv: ... and 2 more errors\n"
                              "other: no line at all\n",
                              "up.csv", &e);
    assert_int_equal(n, 4);
    assert_int_equal(e[0].line, 3);
    assert_string_equal(e[0].column, "start");
    assert_string_equal(e[0].message, "'2026-13-01' is not a date (expected YYYY-MM-DD)");
    assert_int_equal(e[1].line, 4);
    assert_null(e[1].column);
    assert_string_equal(e[1].message, "has 3 fields; the header has 7");
    assert_int_equal(e[2].line, 0);
    assert_string_equal(e[2].message, "... and 2 more errors");
    assert_int_equal(e[3].line, 0);
    assert_string_equal(e[3].message, "other: no line at all");
    assert_int_equal(web_import_errors(&a, "", "up.csv", &e), 0);
    or_arena_free(&a);
}

static void test_form_errors(void **state)
{
    (void)state;
    static const web_field fields[] = {
        {"start", "start-day", "start date", NULL},
        {"reasons", "reasons", "reasons", "Select at least one reason"},
        {"sessions", "sessions", "number of sessions", NULL},
        {"type", "type", "type", NULL},
    };
    or_arena a = OR_ARENA_INIT;
    gov_error errs[8];
    int n = 0;
    web_form_errors(&a,
                    "f:1: column start: '2026-02-31' is not a date (expected YYYY-MM-DD)\n"
                    "f:1: column reasons: is empty; a suspension event needs reasons\n"
                    "f:1: column sessions: 'x' is not a whole number (expected 1 to 90)\n"
                    "f:1: column type: is empty; a value is required\n"
                    "f:1: column upn: 'Z1' is not a UPN\n"
                    "f:1: event E1 of school 100001 is recorded with other values\n",
                    "f", fields, 4, errs, &n, 8);
    assert_int_equal(n, 6);
    assert_string_equal(errs[0].field_id, "start-day");
    assert_string_equal(errs[0].message,
                        "The start date must be a real date, for example 24 11 2026");
    assert_string_equal(errs[1].field_id, "reasons");
    assert_string_equal(errs[1].message, "Select at least one reason");
    assert_string_equal(errs[2].message,
                        "The number of sessions: 'x' is not a whole number (expected 1 to 90)");
    assert_string_equal(errs[3].message, "Enter the type");
    assert_null(errs[4].field_id); /* a column the form does not have: the whole form's */
    assert_string_equal(errs[4].message, "upn: 'Z1' is not a UPN");
    assert_null(errs[5].field_id);
    n = 0;
    web_form_errors(&a, "f:1: column start: is empty; a value is required\n", "f", fields, 4, errs,
                    &n, 1);
    web_form_errors(&a, "f:1: column start: is empty; a value is required\n", "f", fields, 4, errs,
                    &n, 1);
    assert_int_equal(n, 1); /* never more than max */
    assert_string_equal(errs[0].message, "Enter the start date");
    or_arena_free(&a);
}

static void test_dates(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    assert_string_equal(web_date_from_parts(&a, "", "", ""), "");
    assert_string_equal(web_date_from_parts(&a, "3", "9", "2025"), "2025-09-03");
    assert_string_equal(web_date_from_parts(&a, " 24 ", "11", " 2026"), "2026-11-24");
    /* not numbers, or not whole: as typed, for the importer to refuse */
    assert_string_equal(web_date_from_parts(&a, "31", "2", "2026"), "2026-02-31");
    assert_string_equal(web_date_from_parts(&a, "x", "1", "2026"), "2026-1-x");
    assert_string_equal(web_date_from_parts(&a, "1", "", "2026"), "2026--1");
    assert_string_equal(web_date_from_parts(&a, "1", "1", "26"), "26-1-1");
    or_date d;
    assert_false(or_date_parse(web_date_from_parts(&a, "31", "2", "2026"), &d));
    assert_false(or_date_parse(web_date_from_parts(&a, "1", "", "2026"), &d));
    char day[3], month[3], year[5];
    web_date_parts(or_date_from_ymd(2026, 1, 5), day, month, year);
    assert_string_equal(day, "5");
    assert_string_equal(month, "1");
    assert_string_equal(year, "2026");
    web_date_parts(OR_DATE_NONE, day, month, year);
    assert_string_equal(day, "");
    or_arena_free(&a);
}

static void test_event_ids(void **state)
{
    (void)state;
    char a[WEB_EVENT_ID_LEN + 1], b[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(a);
    web_new_event_id(b);
    assert_int_equal(strlen(a), WEB_EVENT_ID_LEN);
    assert_true(web_event_id_ok(a));
    assert_true(web_event_id_ok(b));
    assert_string_not_equal(a, b);
    assert_false(web_event_id_ok(""));
    assert_false(web_event_id_ok("WEB-0123"));
    assert_false(web_event_id_ok("WEB-0123456789abcdef")); /* upper case only */
    assert_false(web_event_id_ok("EX-0123456789ABCDEF0"));
    assert_false(web_event_id_ok("WEB-0123456789ABCDE\""));
}

static void test_components_escape(void **state)
{
    (void)state;
    or_sb out = OR_SB_INIT;
    const char *evil = "\"><script>alert(1)</script>";
    gov_date_input(&out, "start", "Start <b>", evil, evil, "1", "2026", evil);
    gov_text_input(&out, "to", "To", evil, evil, NULL, evil);
    gov_textarea(&out, "notes", "Notes", NULL, "</textarea><script>x</script>", 3, NULL);
    gov_hidden(&out, "notes", evil);
    gov_choice items[] = {{"a\"b", "<i>label</i>", evil}};
    gov_radios(&out, "type", "Type", NULL, items, 1, "a\"b", NULL, false);
    bool ticked[] = {true};
    gov_checkboxes(&out, "reasons", "Reasons", NULL, items, 1, ticked, NULL);
    gov_select(&out, "year", "Year", NULL, items, 1, "a\"b", NULL);
    gov_warning(&out, evil);
    const char *html = or_sb_str(&out);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "<i>"));
    assert_null(strstr(html, "value=\"\">"));
    assert_non_null(strstr(html, "&lt;/textarea&gt;&lt;script&gt;"));
    assert_non_null(strstr(html, "value=\"a&quot;b\" checked"));
    assert_non_null(strstr(html, "value=\"a&quot;b\" selected"));
    /* a field in error: its message, linked from the input */
    assert_non_null(strstr(html, "id=\"start-error\""));
    assert_non_null(strstr(html, "aria-describedby=\"start-hint start-error\""));
    or_sb_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_errors),
        cmocka_unit_test(test_form_errors),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_event_ids),
        cmocka_unit_test(test_components_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
