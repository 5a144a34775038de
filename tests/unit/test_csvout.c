/* test_csvout.c - unit tests of the one CSV writer (src/core/csvout.c): the formula-injection
 * guard on text cells (OWASP: a leading =, +, -, @, tab or CR gets a '), numbers left as they
 * are, RFC 4180 quoting, the importer's unguard (or_value_parse), and that a text written and
 * read back by libcsv with the importer's options comes back byte for byte. Every expected cell
 * below is written out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/kinds.h"

typedef struct {
    const char *in, *out;
} cell_case;

/* One text cell as written. */
static const cell_case text_cases[] = {
    /* each character a spreadsheet reads as the start of a formula */
    {"=1+1", "'=1+1"},
    {"+44 20 7946 0000", "'+44 20 7946 0000"},
    {"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
    {"@SUM(A1:A9)", "'@SUM(A1:A9)"},
    {"\tx", "'\tx"},     /* guarded: no longer begins with a tab, so not quoted */
    {"\rx", "\"'\rx\""}, /* a CR anywhere is quoted */
    {"-2", "'-2"},       /* in a TEXT column a number-like text is guarded too */
    {"-0.5", "'-0.5"},
    {"-", "'-"},
    /* quotes already there: one more, so that the importer's unguard gives them back */
    {"'=1", "''=1"},
    {"''+x", "'''+x"},
    {"'", "'"}, /* a quote before nothing dangerous: left alone */
    {"'abc", "'abc"},
    {"O'Brien", "O'Brien"},
    /* harmless: the dangerous character is not first */
    {"a=b", "a=b"},
    {"1+1", "1+1"},
    {"plain", "plain"},
    {"Chlo\xc3\xa9", "Chlo\xc3\xa9"},
    /* guard and quoting together */
    {"=a,b", "\"'=a,b\""},
    {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
    {"=x ", "\"'=x \""},
    /* RFC 4180 quoting */
    {"a,b", "\"a,b\""},
    {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"two\nlines", "\"two\nlines\""},
    {"cr\rlf", "\"cr\rlf\""},
    {" lead", "\" lead\""}, /* readers trim spaces outside quotes */
    {"trail ", "\"trail \""},
    {"tab\t", "\"tab\t\""},
    {"", ""},
};

/* One cell of a numeric column: a number is written as it is, anything else as text. */
static const cell_case number_cases[] = {
    {"-2", "-2"},
    {"-0.5", "-0.5"},
    {"12", "12"},
    {"0.00", "0.00"},
    {"1e-05", "1e-05"},
    {"-1.5E+3", "-1.5E+3"},
    {"2026-01-13", "2026-01-13"}, /* a date: not a number, but nothing to guard */
    {"c", "c"},                   /* suppressed */
    {"x", "x"},
    {"", ""},
    {"-2+3", "'-2+3"}, /* not a number: guarded as text */
    {"=1", "'=1"},
    {"+1", "'+1"},
    {"-.5", "'-.5"},
    {"1.", "1."},
    {"-", "'-"},
    {"1,5", "\"1,5\""},
};

static char *cell(bool number, const char *in)
{
    or_sb sb = OR_SB_INIT;
    or_csv w;
    or_csv_to_sb(&w, &sb);
    if (number)
        or_csv_number(&w, in);
    else
        or_csv_text(&w, in);
    return or_sb_detach(&sb);
}

static void test_text_cells(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
        char *got = cell(false, text_cases[i].in);
        if (strcmp(got, text_cases[i].out))
            fail_msg("text %zu '%s': got '%s', wanted '%s'", i, text_cases[i].in, got,
                     text_cases[i].out);
        free(got);
    }
    char *got = cell(false, NULL);
    assert_string_equal(got, "");
    free(got);
}

static void test_number_cells(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof number_cases / sizeof number_cases[0]; i++) {
        char *got = cell(true, number_cases[i].in);
        if (strcmp(got, number_cases[i].out))
            fail_msg("number %zu '%s': got '%s', wanted '%s'", i, number_cases[i].in, got,
                     number_cases[i].out);
        free(got);
    }
}

static void test_is_number(void **state)
{
    (void)state;
    static const char *const yes[] = {"0",    "-0",  "7",     "-2",     "3.14",
                                      "-0.5", "1e5", "1E-05", "2.5e+10"};
    static const char *const no[] = {"",   "-",  "+1", ".5",  "1.",  "1e",  "1e+", "--1",
                                     "1a", " 1", "1 ", "0x1", "inf", "nan", "1,5", "=1"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!or_csv_is_number(yes[i]))
            fail_msg("'%s' is a number", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (or_csv_is_number(no[i]))
            fail_msg("'%s' is not a number", no[i]);
    assert_false(or_csv_is_number(NULL));
}

static void test_rows(void **state)
{
    (void)state;
    or_sb sb = OR_SB_INIT;
    or_csv w;
    or_csv_to_sb(&w, &sb);
    static const char *const head[] = {"name", "urn", "change", "notes"};
    or_csv_texts(&w, head, 4);
    or_csv_end_row(&w);
    or_csv_text(&w, "=1+1");
    or_csv_int(&w, 300001);
    or_csv_number(&w, "-0.5");
    or_csv_text(&w, NULL);
    or_csv_end_row(&w);
    or_csv_text(&w, "Riverside, Upper");
    or_csv_int(&w, -3);
    or_csv_number(&w, "c");
    or_csv_text(&w, "@x");
    or_csv_end_row(&w);
    assert_string_equal(or_sb_str(&sb), "name,urn,change,notes\n"
                                        "'=1+1,300001,-0.5,\n"
                                        "\"Riverside, Upper\",-3,c,'@x\n");
    or_error err = {0};
    assert_int_equal(or_csv_close(&w, "the test", &err), OR_OK);
    or_sb_release(&sb);
}

/* A FILE writer writes exactly what an or_sb writer holds, across its 64 KiB flushes. */
static void test_file_writer(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    or_sb want = OR_SB_INIT;
    or_csv a, b;
    or_csv_to_sb(&a, &want);
    or_csv_to_file(&b, f);
    for (int r = 0; r < 5000; r++) {
        char id[32];
        snprintf(id, sizeof id, "=%d", r);
        or_csv *ws[] = {&a, &b};
        for (int k = 0; k < 2; k++) {
            or_csv_text(ws[k], id);
            or_csv_int(ws[k], -r);
            or_csv_text(ws[k], "a \"quoted\", long enough cell to pass the flush size");
            or_csv_end_row(ws[k]);
        }
    }
    or_error err = {0};
    assert_int_equal(or_csv_close(&b, "the test", &err), OR_OK);
    assert_true(want.len > 1 << 17);
    long len = ftell(f);
    assert_int_equal((size_t)len, want.len);
    rewind(f);
    char *got = malloc(want.len);
    assert_int_equal(fread(got, 1, want.len, f), want.len);
    assert_memory_equal(got, want.buf, want.len);
    free(got);
    fclose(f);
    or_sb_release(&want);
}

/* A write that fails is an error naming what was written. */
static void test_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    or_csv w;
    or_csv_to_file(&w, f);
    or_csv_text(&w, "x");
    or_csv_end_row(&w);
    or_error err = {0};
    assert_int_equal(or_csv_close(&w, "the schools export", &err), OR_EIO);
    assert_non_null(strstr(err.msg, "writing the schools export: "));
    fclose(f);
}

static void test_unguard(void **state)
{
    (void)state;
    static const cell_case cases[] = {
        {"'=1", "=1"},    {"''=1", "'=1"}, {"'''+x", "''+x"},      {"'-2", "-2"},
        {"'@x", "@x"},    {"'\tx", "\tx"}, {"'\rx", "\rx"},        {"'+", "+"},
        {"'abc", "'abc"}, {"'", "'"},      {"''", "''"},           {"=1", "=1"},
        {"x", "x"},       {"", ""},        {"O'Brien", "O'Brien"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(or_csv_unguard(cases[i].in), cases[i].out))
            fail_msg("unguard '%s': got '%s', wanted '%s'", cases[i].in,
                     or_csv_unguard(cases[i].in), cases[i].out);
}

/* The importer (or_value_parse) takes the guard off a text column only. */
static void test_value_parse_unguards(void **state)
{
    (void)state;
    const or_column name = {"name", "name", OR_V_TEXT, 0, NULL, 0, 0, 200};
    const or_column notes = {"notes", "notes", OR_V_NOTES, 0, NULL, 0, 0, 4000};
    const or_column num = {"sessions", "sessions", OR_V_INT, 0, NULL, 0, -90, 90};
    or_value v;
    or_error err = {0};
    assert_int_equal(or_value_parse(&name, "'=1+1", OR_DATE_NONE, &v, &err), OR_OK);
    assert_string_equal(v.s, "=1+1");
    assert_int_equal(or_value_parse(&name, "''=1+1", OR_DATE_NONE, &v, &err), OR_OK);
    assert_string_equal(v.s, "'=1+1");
    assert_int_equal(or_value_parse(&name, "'O'Brien", OR_DATE_NONE, &v, &err), OR_OK);
    assert_string_equal(v.s, "'O'Brien");
    assert_int_equal(or_value_parse(&notes, "'\tindented", OR_DATE_NONE, &v, &err), OR_OK);
    assert_string_equal(v.s, "\tindented");
    assert_int_equal(or_value_parse(&num, "-2", OR_DATE_NONE, &v, &err), OR_OK);
    assert_int_equal(v.i, -2);
    /* a number column is never unguarded: '-2 is not a number */
    assert_int_equal(or_value_parse(&num, "'-2", OR_DATE_NONE, &v, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "'-2' is not a whole number"));
}

/* libcsv with the importer's options (src/ingest/csv.c) */
typedef struct {
    or_sb field;
    int fields;
} parsed;

static void on_field(void *s, size_t len, void *data)
{
    parsed *p = data;
    p->fields++;
    or_sb_reset(&p->field);
    if (s)
        or_sb_add(&p->field, s, len);
}

static void on_record(int c, void *data)
{
    (void)c;
    (void)data;
}

static const char *read_back(const char *line, parsed *p)
{
    struct csv_parser cp;
    assert_int_equal(
        csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL), 0);
    p->fields = 0;
    or_sb_reset(&p->field);
    assert_int_equal(csv_parse(&cp, line, strlen(line), on_field, on_record, p), strlen(line));
    assert_int_equal(csv_fini(&cp, on_field, on_record, p), 0);
    csv_free(&cp);
    assert_int_equal(p->fields, 1);
    return or_sb_str(&p->field);
}

/* Every text written as a cell, read back by libcsv and unguarded, is itself. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "=1+1",
        "+1",
        "-2",
        "-2+3+cmd|' /C calc'!A0",
        "@x",
        "\tx",
        "\rx",
        "'=1",
        "''=1",
        "'",
        "'abc",
        "O'Brien",
        "a,b",
        "\"",
        "say \"hi\", then",
        "two\nlines",
        "\r\n",
        " lead",
        "trail ",
        "\t",
        " ",
        "=x ",
        "-",
        "plain",
        "Chlo\xc3\xa9",
        "x\ty",
    };
    parsed p = {OR_SB_INIT, 0};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *c = cell(false, texts[i]);
        or_sb line = OR_SB_INIT;
        or_sb_adds(&line, c);
        or_sb_addc(&line, '\n');
        const char *back = or_csv_unguard(read_back(or_sb_str(&line), &p));
        if (strcmp(back, texts[i]))
            fail_msg("'%s' written as '%s' comes back as '%s'", texts[i], c, back);
        or_sb_release(&line);
        free(c);
    }
    or_sb_release(&p.field);
}

/* The canonical form (store digests, messages) is quoted but never guarded. */
static void test_quote_unguarded(void **state)
{
    (void)state;
    or_sb sb = OR_SB_INIT;
    or_csv_quote(&sb, "=1+1");
    or_sb_addc(&sb, '|');
    or_csv_quote(&sb, "a,b");
    or_sb_addc(&sb, '|');
    or_csv_quote(&sb, NULL);
    assert_string_equal(or_sb_str(&sb), "=1+1|\"a,b\"|");
    or_sb_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_cells),  cmocka_unit_test(test_number_cells),
        cmocka_unit_test(test_is_number),   cmocka_unit_test(test_rows),
        cmocka_unit_test(test_file_writer), cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_unguard),     cmocka_unit_test(test_value_parse_unguards),
        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_quote_unguarded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
