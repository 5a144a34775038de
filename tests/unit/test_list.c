/* test_list.c - the list engine (src/web/list.c): page, per_page, sort and order read within
 * their bounds whatever the query holds (page=-1, per_page=100000, sort=xyz), the page clamped
 * to the last one, filters refused when they are not a choice or not a real date (and then not
 * applied), links that keep the query, headings with aria-sort, "Showing 26 to 50 of 1,354
 * results", and text from the query escaped. Expected values worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/list.h"

static const gov_choice schools[] = {
    {"100001", "Kestrel Primary School", NULL},
    {"100002", "Heron Academy", NULL},
};
static const gov_choice statuses[] = {
    {"overdue", "Overdue", NULL},
    {"due-this-week", "Due this week", NULL},
    {"open", "Open", NULL},
    {"done", "Done", NULL},
};

enum { F_SCHOOL, F_STATUS, F_FROM, F_PUPIL, F__N };
static const list_filter filters[F__N] = {
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "All schools"},
    [F_STATUS] = {"status", "Status", NULL, LIST_CHECKBOXES, .choices = statuses, .nchoices = 4},
    [F_FROM] = {"due_from", "Due from", NULL, LIST_DATE},
    [F_PUPIL] = {"pupil", "Pupil", "UPN or name", LIST_TEXT},
};
enum { C_PUPIL, C_UPN, C_SCHOOL, C_DUE, C_COUNT, C__N };
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Pupil", NULL, LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_DUE] = {"due", "Due", "due", LIST_SORT},
    [C_COUNT] = {"count", "Count", "count", LIST_SORT | LIST_DESC | LIST_NUMERIC},
};
static const list_spec spec = {
    "/duties",       "Duties", columns,       C__N,
    filters,         F__N,     .sort = "due", .csv_name = "onroll-duties",
    .noun = "duties"};

typedef struct {
    or_arena a;
    web_request req;
    list l;
} fixture;

/* A GET of NAME=VALUE strings (NULL-terminated), read into x->l. */
static void get(fixture *x, const char *const *kv)
{
    memset(&x->req, 0, sizeof x->req);
    x->req.arena = &x->a;
    x->req.method = "GET";
    x->req.path = "/duties";
    for (int i = 0; kv && kv[i]; i++) {
        const char *eq = strchr(kv[i], '=');
        or_error err = {0};
        assert_non_null(eq);
        assert_int_equal(web_param_add(&x->req.query, &x->a,
                                       or_arena_strndup(&x->a, kv[i], (size_t)(eq - kv[i])), eq + 1,
                                       &err),
                         OR_OK);
    }
    list_init(&x->l, &x->req, &spec);
    list_choices(&x->l, F_SCHOOL, schools, 2);
    list_read(&x->l);
}

static void test_bounds(void **state)
{
    (void)state;
    /* per_page: 25, 50 or 100, anything else 25 */
    assert_int_equal(list_parse_per_page("50"), 50);
    assert_int_equal(list_parse_per_page("100"), 100);
    assert_int_equal(list_parse_per_page("25"), 25);
    assert_int_equal(list_parse_per_page("100000"), 25);
    assert_int_equal(list_parse_per_page("-1"), 25);
    assert_int_equal(list_parse_per_page("0"), 25);
    assert_int_equal(list_parse_per_page("30"), 25);
    assert_int_equal(list_parse_per_page("50abc"), 25);
    assert_int_equal(list_parse_per_page(""), 25);
    assert_int_equal(list_parse_per_page(NULL), 25);
    assert_int_equal(list_parse_per_page("99999999999999999999"), 25);
    /* page: a whole number from 1, else 1 */
    assert_int_equal(list_parse_page("2"), 2);
    assert_int_equal(list_parse_page("-1"), 1);
    assert_int_equal(list_parse_page("0"), 1);
    assert_int_equal(list_parse_page("1e3"), 1);
    assert_int_equal(list_parse_page("' OR 1=1 --"), 1);
    assert_int_equal(list_parse_page("99999999999"), 1); /* more than 9 digits */
    assert_int_equal(list_parse_page("999999999"), 999999999);
    /* clamped to the last page: 1354 rows at 25 a page make 55 pages (54 full, 4 on the last) */
    assert_int_equal(list_clamp_page(999999999, 1354, 25), 55);
    assert_int_equal(list_clamp_page(55, 1354, 25), 55);
    assert_int_equal(list_clamp_page(2, 1354, 25), 2);
    assert_int_equal(list_clamp_page(3, 50, 25), 2);
    assert_int_equal(list_clamp_page(2, 0, 25), 1);
    assert_int_equal(list_clamp_page(-4, 10, 25), 1);
    /* thousands, as the list writes its counts (labels.h) */
    char b[32];
    assert_string_equal(or_fmt_int(1354, b), "1,354");
    assert_string_equal(or_fmt_int(0, b), "0");
    assert_string_equal(or_fmt_int(999, b), "999");
    assert_string_equal(or_fmt_int(1000, b), "1,000");
    assert_string_equal(or_fmt_int(29979, b), "29,979");
    assert_string_equal(or_fmt_int(1234567, b), "1,234,567");
    assert_string_equal(or_fmt_int(-1234, b), "-1,234");
}

static void test_paginate(void **state)
{
    (void)state;
    fixture x = {0};
    get(&x, (const char *[]){"page=2", NULL});
    list_paginate(&x.l, 1354);
    assert_int_equal(x.l.page, 2);
    assert_int_equal(x.l.first, 25);
    assert_int_equal(x.l.last, 50);
    assert_int_equal(x.l.pages, 55);
    get(&x, (const char *[]){"page=-1", "per_page=100000", NULL});
    list_paginate(&x.l, 60);
    assert_int_equal(x.l.page, 1);
    assert_int_equal(x.l.per_page, 25);
    assert_int_equal(x.l.first, 0);
    assert_int_equal(x.l.last, 25);
    get(&x, (const char *[]){"page=100", "per_page=50", NULL});
    list_paginate(&x.l, 60); /* page 2 of 2: rows 51 to 60 */
    assert_int_equal(x.l.page, 2);
    assert_int_equal(x.l.first, 50);
    assert_int_equal(x.l.last, 60);
    get(&x, NULL);
    list_paginate(&x.l, 0);
    assert_int_equal(x.l.page, 1);
    assert_int_equal(x.l.first, 0);
    assert_int_equal(x.l.last, 0);
    or_arena_free(&x.a);
}

static void test_sort(void **state)
{
    (void)state;
    fixture x = {0};
    get(&x, NULL); /* the default: due, ascending */
    assert_int_equal(list_sort(&x.l), C_DUE);
    assert_false(list_desc(&x.l));
    get(&x, (const char *[]){"sort=xyz", "order=sideways", NULL});
    assert_int_equal(list_sort(&x.l), C_DUE);
    assert_false(list_desc(&x.l));
    get(&x, (const char *[]){"sort=upn", NULL}); /* in the CSV only: not sortable */
    assert_int_equal(list_sort(&x.l), C_DUE);
    get(&x, (const char *[]){"sort=school", "order=desc", NULL});
    assert_int_equal(list_sort(&x.l), C_SCHOOL);
    assert_true(list_desc(&x.l));
    get(&x, (const char *[]){"sort=count", NULL}); /* a LIST_DESC column: descending first */
    assert_int_equal(list_sort(&x.l), C_COUNT);
    assert_true(list_desc(&x.l));
    or_arena_free(&x.a);
}

static void test_filters(void **state)
{
    (void)state;
    fixture x = {0};
    get(&x, (const char *[]){"school=100002", "status=overdue", "status=done", "status=overdue",
                             "due_from=2026-12-08", "pupil=  Ann  ", NULL});
    assert_int_equal(x.l.nerrors, 0);
    assert_string_equal(list_text(&x.l, F_SCHOOL), "100002");
    assert_true(list_has(&x.l, F_SCHOOL, "100002"));
    assert_false(list_has(&x.l, F_SCHOOL, "100001"));
    assert_true(list_has(&x.l, F_STATUS, "overdue"));
    assert_true(list_has(&x.l, F_STATUS, "done"));
    assert_false(list_has(&x.l, F_STATUS, "open"));
    assert_int_equal(x.l.v[F_STATUS].nitems, 2); /* the repeated one once */
    assert_string_equal(list_text(&x.l, F_FROM), "2026-12-08");
    or_date d;
    assert_true(or_date_parse("2026-12-08", &d));
    assert_int_equal(list_date(&x.l, F_FROM), d);
    assert_string_equal(list_text(&x.l, F_PUPIL), "Ann");
    /* the date as the form's three inputs */
    get(&x, (const char *[]){"due_from-day=8", "due_from-month=12", "due_from-year=2026", NULL});
    assert_int_equal(list_date(&x.l, F_FROM), d);
    /* refused: not applied, each named in the errors */
    get(&x, (const char *[]){"school=999999", "status=overdue", "status=' OR 1=1",
                             "due_from=2026-02-30", NULL});
    assert_int_equal(x.l.nerrors, 3);
    assert_string_equal(x.l.errors[0].message, "Select a school from the list");
    assert_string_equal(x.l.errors[0].field_id, "school");
    assert_string_equal(x.l.errors[1].message, "Select a status from the list");
    assert_string_equal(x.l.errors[2].message,
                        "Due from must be a real date, for example 8 12 2026");
    assert_string_equal(x.l.errors[2].field_id, "due_from-day");
    assert_false(list_set(&x.l, F_SCHOOL));
    assert_true(list_has(&x.l, F_STATUS, "overdue")); /* the good one kept */
    assert_int_equal(list_date(&x.l, F_FROM), OR_DATE_NONE);
    or_arena_free(&x.a);
}

/* The page's markup for a list of total rows. */
static const char *page(fixture *x, long long total)
{
    or_sb out = {0};
    list_paginate(&x->l, total);
    list_start(&out, &x->l);
    list_table_start(&out, &x->l);
    list_table_end(&out, &x->l);
    list_end(&out, &x->l);
    const char *s = or_arena_strdup(&x->a, or_sb_str(&out));
    or_sb_release(&out);
    return s;
}

static void test_markup(void **state)
{
    (void)state;
    fixture x = {0};
    get(&x, (const char *[]){"school=100001", "status=overdue", "page=2", NULL});
    const char *h = page(&x, 1354);
    assert_non_null(strstr(h, "Showing <b>26</b> to <b>50</b> of <b>1,354</b> results"));
    /* the selected filters, each removable, and Clear filters keeping sort and page size */
    assert_non_null(strstr(h, "Kestrel Primary School</a>"));
    assert_non_null(strstr(h, "href=\"/duties?status=overdue\""));    /* school removed */
    assert_non_null(strstr(h, "href=\"/duties?school=100001\""));     /* status removed */
    assert_non_null(strstr(h, "href=\"/duties\">Clear filters</a>")); /* every filter removed */
    /* the headings: the sorted one ascending, a link to reverse it; the others none */
    assert_non_null(strstr(h, "aria-sort=\"ascending\"><a class=\"govuk-link onroll-sort\" "
                              "href=\"/duties?school=100001&amp;status=overdue&amp;sort=due&amp;"
                              "order=desc\">Due"));
    assert_non_null(strstr(h, "aria-sort=\"none\"><a class=\"govuk-link onroll-sort\" "
                              "href=\"/duties?school=100001&amp;status=overdue&amp;sort=school&amp;"
                              "order=asc\">School"));
    assert_null(strstr(h, ">upn<")); /* a CSV-only column has no heading */
    /* pagination: previous, 1, 2 (current), 3, ..., 55, next */
    assert_non_null(strstr(h, "href=\"/duties?school=100001&amp;status=overdue\" rel=\"prev\""));
    assert_non_null(strstr(h, "href=\"/duties?school=100001&amp;status=overdue&amp;page=3\" "
                              "rel=\"next\""));
    assert_non_null(strstr(h, "aria-label=\"Page 2\" aria-current=\"page\">2</a>"));
    assert_non_null(strstr(h, "aria-label=\"Page 55\">55</a>"));
    assert_non_null(strstr(h, "&ctdot;"));
    /* the download: same filters, no page */
    assert_non_null(
        strstr(h, "href=\"/duties/download?school=100001&amp;status=overdue\" download>"));
    /* page size links start at page 1 */
    assert_non_null(strstr(h, "href=\"/duties?school=100001&amp;status=overdue&amp;per_page=50\""));
    or_arena_free(&x.a);
}

static void test_escaped(void **state)
{
    (void)state;
    fixture x = {0};
    get(&x, (const char *[]){"pupil=<script>alert(1)</script>\"", "sort=due", "order=desc",
                             "per_page=50", NULL});
    const char *h = page(&x, 3);
    assert_null(strstr(h, "<script>"));
    assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;"));
    /* in a link, percent-encoded */
    assert_non_null(strstr(h, "pupil=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22"));
    /* the filter form carries the sort and the page size */
    assert_non_null(strstr(h, "name=\"sort\" value=\"due\""));
    assert_non_null(strstr(h, "name=\"order\" value=\"desc\""));
    assert_non_null(strstr(h, "name=\"per_page\" value=\"50\""));
    assert_non_null(strstr(h, "Showing <b>1</b> to <b>3</b> of <b>3</b> results"));
    assert_null(strstr(h, "govuk-pagination")); /* one page: no pagination */
    or_arena_free(&x.a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounds), cmocka_unit_test(test_paginate),
        cmocka_unit_test(test_sort),   cmocka_unit_test(test_filters),
        cmocka_unit_test(test_markup), cmocka_unit_test(test_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
