/* test_invisible.c - unit tests of the refusal of control and invisible characters in people's
 * text (src/core/invisible.c) and of its use by the importer's value parser (value.c): each
 * refused code point is put in the middle of a name and must be refused with its U+ number, its
 * Unicode name and its position; the characters next to them, and ordinary names in other
 * scripts, must pass. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "onroll/invisible.h"
#include "onroll/kinds.h"

/* cp as UTF-8 into buf (at least 5 bytes); returns buf */
static char *utf8(long cp, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        b[1] = 0;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xc0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3f));
        b[2] = 0;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xe0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (unsigned char)(0x80 | (cp & 0x3f));
        b[3] = 0;
    } else {
        b[0] = (unsigned char)(0xf0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (unsigned char)(0x80 | (cp & 0x3f));
        b[4] = 0;
    }
    return buf;
}

/* The Unicode names, from the Unicode Character Database (UnicodeData.txt). */
static const struct {
    long cp;
    const char *want;
} invisible[] = {
    {0x061c, "U+061C ARABIC LETTER MARK"},
    {0x200b, "U+200B ZERO WIDTH SPACE"},
    {0x200e, "U+200E LEFT-TO-RIGHT MARK"},
    {0x200f, "U+200F RIGHT-TO-LEFT MARK"},
    {0x202a, "U+202A LEFT-TO-RIGHT EMBEDDING"},
    {0x202b, "U+202B RIGHT-TO-LEFT EMBEDDING"},
    {0x202c, "U+202C POP DIRECTIONAL FORMATTING"},
    {0x202d, "U+202D LEFT-TO-RIGHT OVERRIDE"},
    {0x202e, "U+202E RIGHT-TO-LEFT OVERRIDE"},
    {0x2066, "U+2066 LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "U+2067 RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "U+2068 FIRST STRONG ISOLATE"},
    {0x2069, "U+2069 POP DIRECTIONAL ISOLATE"},
    {0xfeff, "U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)"},
};

/* "Ab" + cp + "c": the character is the third; returns or_text_check's code, message in err */
static or_code check_one(long cp, bool line_breaks, or_error *err)
{
    char ch[5], s[16];
    snprintf(s, sizeof s, "Ab%sc", utf8(cp, ch));
    return or_text_check(s, line_breaks, err);
}

static void test_each_invisible_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
        for (int lb = 0; lb < 2; lb++) {
            or_error err = {0};
            if (check_one(invisible[i].cp, lb, &err) != OR_EINPUT)
                fail_msg("U+%04lX accepted", invisible[i].cp);
            char want[160];
            snprintf(want, sizeof want,
                     "contains %s, an invisible control character, at character 3; remove it",
                     invisible[i].want);
            if (strcmp(err.msg, want))
                fail_msg("U+%04lX: got '%s', wanted '%s'", invisible[i].cp, err.msg, want);
        }
    }
}

static void test_controls(void **state)
{
    (void)state;
    or_error err = {0};
    /* C0 (NUL cannot be inside a C string), DEL, C1: refused everywhere */
    for (long cp = 1; cp <= 0xa0; cp++) {
        bool control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
        bool breaks = cp == '\t' || cp == '\n' || cp == '\r';
        or_code one_line = check_one(cp, false, &err);
        or_code free_text = check_one(cp, true, &err);
        if (one_line != (control ? OR_EINPUT : OR_OK))
            fail_msg("U+%04lX in a one-line text: %d", cp, one_line);
        if (free_text != (control && !breaks ? OR_EINPUT : OR_OK))
            fail_msg("U+%04lX in free text: %d", cp, free_text);
    }
    assert_int_equal(check_one(0x07, true, &err), OR_EINPUT);
    assert_string_equal(err.msg, "contains U+0007, a control character, at character 3; remove it");
    assert_int_equal(check_one(0x85, true, &err), OR_EINPUT);
    assert_string_equal(
        err.msg, "contains U+0085 NEXT LINE, a control character, at character 3; remove it");
    assert_int_equal(check_one(0x0a, false, &err), OR_EINPUT);
    assert_string_equal(err.msg,
                        "contains U+000A LINE FEED, a line break, at character 3; remove it");
    assert_int_equal(check_one(0x09, false, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "U+0009 CHARACTER TABULATION, a control character"));
}

/* The neighbours of the refused ranges, and names in other scripts, pass. */
static void test_allowed(void **state)
{
    (void)state;
    /* U+200C and U+200D (joiners) are letters' business in Persian and the Indic scripts */
    static const long ok[] = {0x200c, 0x200d, 0xa0,   0xe9,   0x061b, 0x061d, 0x200a, 0x2010,
                              0x2029, 0x2029, 0x2065, 0x206a, 0x202f, 0xfefe, 0xff01, 0x1f600};
    or_error err = {0};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (check_one(ok[i], false, &err) != OR_OK)
            fail_msg("U+%04lX refused: %s", ok[i], err.msg);
    static const char *const names[] = {
        "Chlo\xc3\xa9 O'Brien",                             /* Latin with an accent */
        "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",                 /* Arabic: Muhammad */
        "\xd7\xa9\xd7\xa8\xd7\x94",                         /* Hebrew: Sarah */
        "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf", /* Devanagari: "pri" */
        "Zo\xc3\xab-\xc5\x81ucja",
        "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd8\xa7", /* Persian with a non-joiner */
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (or_text_check(names[i], false, &err) != OR_OK)
            fail_msg("'%s' refused: %s", names[i], err.msg);
}

/* The position counts characters, not bytes. */
static void test_position(void **state)
{
    (void)state;
    or_error err = {0};
    /* A b b RLO: the override is the fourth character */
    assert_int_equal(or_text_check("Abb\xe2\x80\xaettobA", false, &err), OR_EINPUT);
    assert_string_equal(err.msg, "contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control "
                                 "character, at character 4; remove it");
    /* é (2 bytes) ü (2 bytes) then ZWSP: character 3, byte 5 */
    assert_int_equal(or_text_check("\xc3\xa9\xc3\xbc\xe2\x80\x8b", false, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "at character 3;"));
}

static void test_broken_utf8(void **state)
{
    (void)state;
    or_error err = {0};
    assert_int_equal(or_text_check("ab\xff", false, &err), OR_EINPUT);
    assert_string_equal(err.msg, "is not valid UTF-8 (a broken byte at byte 3)");
    assert_int_equal(or_text_check("\xc0\xaf", false, &err), OR_EINPUT);         /* overlong / */
    assert_int_equal(or_text_check("\xed\xa0\x80", false, &err), OR_EINPUT);     /* surrogate */
    assert_int_equal(or_text_check("\xf4\x90\x80\x80", false, &err), OR_EINPUT); /* > 10FFFF */
    assert_int_equal(or_text_check("\xe2\x80", false, &err), OR_EINPUT);         /* cut short */
    assert_int_equal(or_text_check("", false, &err), OR_OK);
    assert_true(or_utf8_valid("a\tb\n", true));
    assert_false(or_utf8_valid("a\tb", false));
    assert_false(or_utf8_valid("\xe2\x80", true));
    assert_true(or_utf8_valid("\xe2\x80\xae", false)); /* valid UTF-8: or_text_check refuses */
}

/* The importer's value parser refuses them in names, notes, emails and a plan's JSON. */
static void test_value_parse(void **state)
{
    (void)state;
    const or_column name = {"surname", "surname", OR_V_TEXT, 0, NULL, 0, 0, 100};
    const or_column notes = {"notes", "notes", OR_V_NOTES, 0, NULL, 0, 0, 4000};
    const or_column email = {"worker", "worker", OR_V_EMAIL, 0, NULL, 0, 0, 254};
    const or_column details = {"details", "details", OR_V_JSON, 0, NULL, 0, 0, 16000};
    or_value v;
    or_error err = {0};
    assert_int_equal(or_value_parse(&name, "Abb\xe2\x80\xaettobA", OR_DATE_NONE, &v, &err),
                     OR_EINPUT);
    assert_string_equal(err.msg, "contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control "
                                 "character, at character 4; remove it");
    assert_int_equal(or_value_parse(&notes, "two\nlines\tand a tab", OR_DATE_NONE, &v, &err),
                     OR_OK);
    assert_int_equal(or_value_parse(&notes, "x\xe2\x81\xa6y", OR_DATE_NONE, &v, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "U+2066 LEFT-TO-RIGHT ISOLATE"));
    assert_int_equal(or_value_parse(&email, "a\xe2\x80\x8b@x.example", OR_DATE_NONE, &v, &err),
                     OR_EINPUT);
    assert_non_null(strstr(err.msg, "U+200B ZERO WIDTH SPACE"));
    /* in JSON, as an escape inside a string: the decoded text is checked */
    assert_int_equal(
        or_value_parse(&details, "{\"summary\": \"ok \\u202e kO\"}", OR_DATE_NONE, &v, &err),
        OR_EINPUT);
    assert_string_equal(err.msg, "the text of \"summary\" contains U+202E RIGHT-TO-LEFT "
                                 "OVERRIDE, an invisible control character, at character 4; "
                                 "remove it");
    assert_int_equal(
        or_value_parse(&details, "{\"items\": [\"a\", \"b\\u200fc\"]}", OR_DATE_NONE, &v, &err),
        OR_EINPUT);
    assert_non_null(strstr(err.msg, "\"items\" contains U+200F RIGHT-TO-LEFT MARK"));
    assert_int_equal(
        or_value_parse(&details, "{\"summary\": \"two\\nlines\"}", OR_DATE_NONE, &v, &err), OR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_invisible_refused),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_allowed),
        cmocka_unit_test(test_position),
        cmocka_unit_test(test_broken_utf8),
        cmocka_unit_test(test_value_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
