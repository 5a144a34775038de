/* test_form_engine.c - the form engine (src/web/form.c): each field type checked as declared
 * (a date, a choice, a whole number, text with the invisible-character check of invisible.h,
 * required and optional), every error of a form reported at once in the form's order, the
 * importer's messages put against the fields by column, and the values carried through the
 * check page by hidden fields coming back unchanged on "Change". Expected values by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

static const gov_choice types[] = {
    {"suspension", "Suspension", NULL},
    {"permanent", "Permanent exclusion", NULL},
};
static const gov_choice reasons[] = {
    {"DB", "Disruptive behaviour", NULL},
    {"VA", "Verbal abuse", NULL},
    {"PP", "Physical assault", NULL},
};
static const gov_choice plans[] = {{"200001:ID", "Intervention", NULL}};

enum {
    T_ID,
    T_TYPE,
    T_START,
    T_SESSIONS,
    T_SCORE,
    T_REASONS,
    T_LEADER,
    T_NOTES,
    T_TAKEN,
    T_REF,
    T__N
};
static const form_field fields[T__N] = {
    [T_ID] = {"event_id", .type = FORM_HIDDEN},
    [T_TYPE] = {"type", "Type", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the type of exclusion", .column = FORM_COLUMN(OR_EV_TYPE),
                .choices = types, .nchoices = 2},
    [T_START] = {"start", "Start date", NULL, FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    [T_SESSIONS] = {"sessions", "Number of sessions", NULL, FORM_NUMBER,
                    .column = FORM_COLUMN(OR_EV_SESSIONS)},
    [T_SCORE] = {"scale-conduct", "Conduct problems", NULL, FORM_NUMBER, .min = 0, .max = 10},
    [T_REASONS] = {"reasons", "Reasons", NULL, FORM_CHECKBOXES, FORM_REQUIRED, .max = 2,
                   .column = FORM_COLUMN(OR_EV_REASONS), .choices = reasons, .nchoices = 3},
    [T_LEADER] = {"leader", "Overseeing leader", NULL, FORM_TEXT, .max = 20},
    [T_NOTES] = {"notes", "Notes (optional)", NULL, FORM_TEXTAREA,
                 .column = FORM_COLUMN(OR_EV_NOTES)},
    [T_TAKEN] = {"taken", "Date it was completed", NULL, FORM_DATE, FORM_PAST},
    [T_REF] = {"ref", "Plan", NULL, FORM_RADIOS, FORM_ANY | FORM_QUERY, .choices = plans,
               .nchoices = 1, .column = FORM_COLUMN(OR_EV_REF)},
};

typedef struct {
    or_arena a;
    web_request req;
} fixture;

/* A POST (or GET) request of NAME=VALUE strings, NULL-terminated; today is 24 November 2026. */
static void request(fixture *x, const char *method, const char *const *kv)
{
    memset(&x->req, 0, sizeof x->req);
    x->req.arena = &x->a;
    x->req.method = method;
    x->req.now = 1795521600; /* 2026-11-24 12:00 UTC */
    web_params *p = !strcmp(method, "POST") ? &x->req.form : &x->req.query;
    for (int i = 0; kv && kv[i]; i++) {
        const char *eq = strchr(kv[i], '=');
        or_error err = {0};
        assert_non_null(eq);
        assert_int_equal(web_param_add(p, &x->a,
                                       or_arena_strndup(&x->a, kv[i], (size_t)(eq - kv[i])), eq + 1,
                                       &err),
                         OR_OK);
    }
}

/* ---- each type, table-driven ---- */

typedef struct {
    int field;
    const char *sent[4]; /* NAME=VALUE */
    const char *error;   /* the field's error, or NULL */
    const char *value;   /* its value when there is no error (NULL: not checked) */
} type_case;

static const type_case type_cases[] = {
    /* a date: three inputs, read as the importer reads dates */
    {T_START, {NULL}, "Enter the start date", NULL},
    {T_START, {"start-day=", "start-month=", "start-year="}, "Enter the start date", NULL},
    {T_START,
     {"start-day=31", "start-month=2", "start-year=2026"},
     "The start date must be a real date, for example 24 11 2026",
     NULL},
    {T_START,
     {"start-day=24", "start-month=", "start-year=2026"},
     "The start date must be a real date, for example 24 11 2026",
     NULL},
    {T_START,
     {"start-day=x", "start-month=11", "start-year=2026"},
     "The start date must be a real date, for example 24 11 2026",
     NULL},
    {T_START, {"start-day= 3", "start-month=9 ", "start-year=2026"}, NULL, "2026-09-03"},
    {T_TAKEN,
     {"taken-day=25", "taken-month=11", "taken-year=2026"},
     "The date it was completed must be today or in the past",
     NULL},
    {T_TAKEN, {"taken-day=24", "taken-month=11", "taken-year=2026"}, NULL, "2026-11-24"},
    {T_TAKEN, {NULL}, NULL, ""}, /* optional */
    /* a choice */
    {T_TYPE, {NULL}, "Select the type of exclusion", NULL},
    {T_TYPE, {"type=withdrawn"}, "Select the type of exclusion", NULL},
    {T_TYPE, {"type=Permanent"}, "Select the type of exclusion", NULL},
    {T_TYPE, {"type=permanent"}, NULL, "permanent"},
    {T_REF, {"ref=EXA2"}, NULL, "EXA2"}, /* offered, not enforced: the importer checks it */
    /* checkboxes */
    {T_REASONS, {NULL}, "Select the reasons", NULL},
    {T_REASONS, {"reasons=ZZ"}, "Select the reasons from the list", NULL},
    {T_REASONS, {"reasons=DB", "reasons=VA", "reasons=PP"}, "Select no more than 2 reasons", NULL},
    {T_REASONS, {"reasons=VA", "reasons=", "reasons=DB"}, NULL, "VA"},
    /* a whole number */
    {T_SESSIONS, {"sessions=abc"}, "Number of sessions: enter a whole number", NULL},
    {T_SESSIONS, {"sessions=-1"}, "Number of sessions: enter a whole number", NULL},
    {T_SESSIONS, {"sessions=2.5"}, "Number of sessions: enter a whole number", NULL},
    {T_SESSIONS, {"sessions= 4 "}, NULL, "4"},
    {T_SESSIONS, {"sessions="}, NULL, ""},
    {T_SCORE, {"scale-conduct=11"}, "Conduct problems: 11 is outside 0 to 10", NULL},
    {T_SCORE, {"scale-conduct=x"}, "Conduct problems: enter a whole number from 0 to 10", NULL},
    {T_SCORE, {"scale-conduct=0"}, NULL, "0"},
    {T_SCORE, {"scale-conduct=10"}, NULL, "10"},
    /* text: invisible and control characters refused (invisible.h), and the length */
    {T_LEADER,
     {"leader=Sam\xe2\x80\xaeLee"},
     "Overseeing leader: contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control "
     "character, at character 4; remove it",
     NULL},
    {T_LEADER,
     {"leader=Sam\xe2\x80\x8bLee"},
     "Overseeing leader: contains U+200B ZERO WIDTH SPACE, an invisible control character, at "
     "character 4; remove it",
     NULL},
    {T_LEADER,
     {"leader=one\ntwo"},
     "Overseeing leader: contains U+000A LINE FEED, a line break, at character 4; remove it",
     NULL},
    {T_LEADER,
     {"leader=123456789012345678901"},
     "Overseeing leader must be 20 characters or fewer",
     NULL},
    {T_LEADER, {"leader=\xd9\x85\xe2\x80\x8c\xd9\x86"}, NULL, NULL}, /* a joiner (Persian) */
    {T_LEADER, {NULL}, NULL, ""},                                    /* optional */
    {T_NOTES, {"notes=first\r\nsecond"}, NULL, "first\nsecond"},     /* line breaks allowed */
    {T_NOTES,
     {"notes=a\xe2\x80\xaez"},
     "Notes: contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control character, at "
     "character 2; remove it",
     NULL},
};

static void test_types(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof type_cases / sizeof type_cases[0]; c++) {
        const type_case *tc = &type_cases[c];
        fixture x = {OR_ARENA_INIT, {0}};
        request(&x, "POST", tc->sent);
        form f;
        form_init(&f, &x.req, fields, T__N);
        form_read(&f);
        form_validate(&f);
        const char *got = form_error_of(&f, tc->field);
        if (tc->error) {
            if (!got || strcmp(got, tc->error))
                fail_msg("case %zu (%s): expected \"%s\", got \"%s\"", c, tc->sent[0], tc->error,
                         got ? got : "(none)");
        } else {
            if (got)
                fail_msg("case %zu (%s): expected no error, got \"%s\"", c, tc->sent[0], got);
            if (tc->value)
                assert_string_equal(form_text(&f, tc->field), tc->value);
        }
        or_arena_free(&x.a);
    }
}

/* ---- every error at once ---- */

static void test_all_errors(void **state)
{
    (void)state;
    fixture x = {OR_ARENA_INIT, {0}};
    const char *sent[] = {"leader=123456789012345678901",
                          "sessions=abc",
                          "start-day=31",
                          "start-month=2",
                          "start-year=2026",
                          "type=withdrawn",
                          NULL};
    request(&x, "POST", sent);
    form f;
    form_init(&f, &x.req, fields, T__N);
    form_read(&f);
    /* the page's own checks come first: its word on a field is the one shown */
    form_error(&f, T_TYPE, "Only a school records this");
    form_error(&f, -1, "This duty cannot be recorded here");
    assert_false(form_validate(&f));
    /* the importer's messages after: a field already in error keeps its first message */
    form_importer_errors(&f,
                         "form x:1: column start: '2026-02-31' is not a date (expected "
                         "YYYY-MM-DD)\nform x:1: column notes: is 4050 bytes long; at most "
                         "4000 allowed\n",
                         "form x");
    form_errors_in_order(&f);
    static const struct {
        const char *field_id, *message;
    } want[] = {
        {NULL, "This duty cannot be recorded here"},
        {"type", "Only a school records this"},
        {"start-day", "The start date must be a real date, for example 24 11 2026"},
        {"sessions", "Number of sessions: enter a whole number"},
        {"reasons", "Select the reasons"},
        {"leader", "Overseeing leader must be 20 characters or fewer"},
        {"notes", "The notes: is 4050 bytes long; at most 4000 allowed"},
    };
    assert_int_equal(f.nerrors, (int)(sizeof want / sizeof want[0]));
    for (int i = 0; i < f.nerrors; i++) {
        if (want[i].field_id)
            assert_string_equal(f.errors[i].field_id, want[i].field_id);
        else
            assert_null(f.errors[i].field_id);
        assert_string_equal(f.errors[i].message, want[i].message);
    }
    /* the summary links each to its field, and the field shows its message */
    or_sb out = OR_SB_INIT;
    gov_error_summary(&out, f.errors, f.nerrors);
    form_field_html(&out, &f, T_START);
    const char *html = or_sb_str(&out);
    assert_non_null(strstr(html, "<a href=\"#start-day\">The start date must be a real date"));
    assert_non_null(strstr(html, "<li>This duty cannot be recorded here</li>"));
    assert_non_null(strstr(html, "id=\"start-error\""));
    assert_non_null(strstr(html, "name=\"start-day\" type=\"text\" inputmode=\"numeric\" "
                                 "value=\"31\""));
    or_sb_release(&out);
    or_arena_free(&x.a);
}

/* ---- the importer's messages ---- */

static void test_importer_errors(void **state)
{
    (void)state;
    fixture x = {OR_ARENA_INIT, {0}};
    request(&x, "POST", NULL);
    form f;
    form_init(&f, &x.req, fields, T__N);
    form_field details = {
        "targets_pupil",         "Targets for the pupil (optional)",          NULL, FORM_TEXTAREA,
        FORM_OWN | FORM_DETAILS, .missing = "Enter the targets for the pupil"};
    int t = form_add(&f, &details);
    form_off(&f, T_SESSIONS); /* not on this form: its column's message is the whole form's */
    form_read(&f);
    form_importer_errors(&f,
                         "form x:1: column type: is empty; a value is required\n"
                         "form x:1: column start: is empty; a value is required\n"
                         "form x:1: column reasons: is empty; a suspension event needs reasons\n"
                         "form x:1: column details: targets_pupil: is empty; a Pastoral "
                         "Support Programme needs it\n"
                         "form x:1: column details: targets_pupil: is 2001 bytes long\n"
                         "form x:1: column sessions: 'x' is not a whole number\n"
                         "form x:1: column upn: 'Z1' is not a UPN\n"
                         "form x:1: event E1 of school 100001 is recorded with other values\n",
                         "form x");
    assert_int_equal(f.nerrors, 8);
    assert_string_equal(form_error_of(&f, T_TYPE), "Select the type of exclusion");
    assert_string_equal(form_error_of(&f, T_START), "Enter the start date");
    assert_string_equal(f.errors[2].message,
                        "Enter the reasons (a suspension event needs reasons)");
    assert_string_equal(form_error_of(&f, t), "Enter the targets for the pupil");
    assert_string_equal(f.errors[4].message, "Targets for the pupil: is 2001 bytes long");
    assert_string_equal(f.errors[4].field_id, "targets_pupil");
    assert_null(f.errors[5].field_id);
    assert_string_equal(f.errors[5].message, "sessions: 'x' is not a whole number");
    assert_string_equal(f.errors[6].message, "upn: 'Z1' is not a UPN");
    assert_null(f.errors[7].field_id);
    assert_string_equal(f.errors[7].message,
                        "event E1 of school 100001 is recorded with other values");
    form_errors_in_order(&f);
    assert_int_equal(f.nerrors, 7); /* targets_pupil once */
    or_arena_free(&x.a);
}

/* ---- the check page carries the values; "Change" gives them back ---- */

/* The hidden inputs of html as NAME=VALUE strings (the entities html.h writes undone). */
static int hidden_pairs(or_arena *a, const char *html, const char **out, int max)
{
    static const char *const ent[][2] = {{"&amp;", "&"}, {"&quot;", "\""}, {"&lt;", "<"},
                                         {"&gt;", ">"},  {"&#39;", "'"},   {"&#10;", "\n"}};
    int n = 0;
    const char *tag = "<input type=\"hidden\" name=\"";
    for (const char *p = strstr(html, tag); p && n < max; p = strstr(p, tag)) {
        p += strlen(tag);
        const char *q = strstr(p, "\" value=\"");
        const char *end = strstr(q + 9, "\">");
        or_sb v = OR_SB_INIT;
        for (const char *c = q + 9; c < end;) {
            size_t k = 0;
            while (k < sizeof ent / sizeof ent[0] && strncmp(c, ent[k][0], strlen(ent[k][0])))
                k++;
            if (k < sizeof ent / sizeof ent[0]) {
                or_sb_adds(&v, ent[k][1]);
                c += strlen(ent[k][0]);
            } else {
                or_sb_add(&v, c++, 1);
            }
        }
        out[n++] = or_arena_printf(a, "%.*s=%s", (int)(q - p), p, or_sb_str(&v));
        or_sb_release(&v);
        p = end;
    }
    out[n] = NULL;
    return n;
}

static void test_change_keeps_values(void **state)
{
    (void)state;
    fixture x = {OR_ARENA_INIT, {0}};
    const char *sent[] = {"event_id=WEB-0123456789ABCDEF",
                          "type=suspension",
                          "start-day=31",
                          "start-month=2",
                          "start-year=2026",
                          "sessions= 4 ",
                          "reasons=DB",
                          "reasons=VA",
                          "notes=<script>alert(\"x\")</script> & first\r\nsecond",
                          "leader=Zo\xc3\xab O'Neil",
                          NULL};
    request(&x, "POST", sent);
    form f;
    form_init(&f, &x.req, fields, T__N);
    form_read(&f);
    or_sb html = OR_SB_INIT;
    form_hidden_html(&html, &f);
    assert_null(strstr(or_sb_str(&html), "<script"));
    assert_null(strstr(or_sb_str(&html), "name=\"ref\"")); /* neither sent nor set */
    assert_null(strstr(or_sb_str(&html), "name=\"taken-day\""));
    const char *pairs[40];
    int n = hidden_pairs(&x.a, or_sb_str(&html), pairs, 38);
    assert_int_equal(n, 10); /* id, type, 3 date parts, sessions, 2 reasons, leader, notes */
    pairs[n++] = "action=change";
    pairs[n] = NULL;
    or_sb_release(&html);

    fixture y = {OR_ARENA_INIT, {0}};
    request(&y, "POST", pairs);
    form g;
    form_init(&g, &y.req, fields, T__N);
    form_read(&g);
    for (int i = 0; i < T__N; i++)
        assert_string_equal(form_text(&g, i), form_text(&f, i));
    assert_string_equal(g.v[T_START].day, "31"); /* as typed, not as read */
    assert_string_equal(g.v[T_START].month, "2");
    assert_string_equal(form_text(&g, T_START), "2026-02-31");
    assert_string_equal(form_text(&g, T_SESSIONS), "4");
    assert_int_equal(g.v[T_REASONS].nitems, 2);
    assert_string_equal(g.v[T_REASONS].items[1], "VA");
    assert_string_equal(form_text(&g, T_NOTES), "<script>alert(\"x\")</script> & first\nsecond");
    /* and the form shows them again, escaped */
    or_sb out = OR_SB_INIT;
    form_fields_html(&out, &g, 0, g.n);
    const char *page = or_sb_str(&out);
    assert_non_null(strstr(page, "id=\"start-day\" name=\"start-day\" type=\"text\" "
                                 "inputmode=\"numeric\" value=\"31\""));
    assert_non_null(strstr(page, "value=\"suspension\" checked"));
    assert_non_null(strstr(page, "value=\"DB\" checked"));
    assert_non_null(strstr(page, "value=\"VA\" checked"));
    assert_null(strstr(page, "value=\"PP\" checked"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; first"));
    assert_non_null(strstr(page, "value=\"Zoë O&#39;Neil\""));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "name=\"event_id\"")); /* hidden: written by form_start */
    or_sb_release(&out);
    /* the row: the fields' columns, a list joined with ';' */
    const char *cells[OR_EV__N];
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    form_cells(&g, cells);
    assert_string_equal(cells[OR_EV_TYPE], "suspension");
    assert_string_equal(cells[OR_EV_START], "2026-02-31");
    assert_string_equal(cells[OR_EV_SESSIONS], "4");
    assert_string_equal(cells[OR_EV_REASONS], "DB;VA");
    assert_string_equal(cells[OR_EV_NOTES], "<script>alert(\"x\")</script> & first\nsecond");
    assert_string_equal(cells[OR_EV_REF], "");
    assert_string_equal(cells[OR_EV_EVENT_ID], ""); /* the page's own: no column declared */
    or_arena_free(&x.a);
    or_arena_free(&y.a);
}

/* ---- a GET; a field off; values set by the page ---- */

static void test_get_off_set(void **state)
{
    (void)state;
    fixture x = {OR_ARENA_INIT, {0}};
    const char *query[] = {"ref=200001:ID", "type=permanent", NULL};
    request(&x, "GET", query);
    form f;
    form_init(&f, &x.req, fields, T__N);
    form_off(&f, T_SESSIONS);
    form_read(&f);
    assert_false(f.posted);
    assert_string_equal(form_text(&f, T_REF), "200001:ID"); /* FORM_QUERY */
    assert_string_equal(form_text(&f, T_TYPE), "");         /* a form's field, not the query's */
    form_event_id(&f, T_ID);
    assert_true(web_event_id_ok(form_text(&f, T_ID)));
    form_set_date(&f, T_START, or_date_from_ymd(2026, 1, 5));
    assert_string_equal(f.v[T_START].day, "5");
    assert_string_equal(f.v[T_START].month, "1");
    assert_string_equal(form_text(&f, T_START), "2026-01-05");
    assert_string_equal(form_words(&f, T_START), "5 January 2026");
    form_set(&f, T_REASONS, "VA");
    assert_string_equal(form_words(&f, T_REASONS), "Verbal abuse");
    form_set(&f, T_TYPE, "permanent");
    assert_string_equal(form_words(&f, T_TYPE), "Permanent exclusion");
    assert_string_equal(form_field_id(&f, T_START), "start-day");
    assert_string_equal(form_noun(&f, T_NOTES), "notes");
    assert_string_equal(form_label(&f, T_NOTES), "Notes");
    or_sb out = OR_SB_INIT;
    form_fields_html(&out, &f, 0, f.n);
    form_hidden_html(&out, &f);
    assert_null(strstr(or_sb_str(&out), "sessions")); /* off: not shown, not carried */
    or_sb_release(&out);
    const char *cells[OR_EV__N];
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    form_cells(&f, cells);
    assert_string_equal(cells[OR_EV_SESSIONS], "");
    /* an off field is not checked either, even when required */
    form_field req = fields[T_TYPE];
    int i = form_add(&f, &req);
    form_off(&f, i);
    f.nerrors = 0;
    form_validate(&f);
    assert_null(form_error_of(&f, i));
    or_arena_free(&x.a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types),           cmocka_unit_test(test_all_errors),
        cmocka_unit_test(test_importer_errors), cmocka_unit_test(test_change_keeps_values),
        cmocka_unit_test(test_get_off_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
