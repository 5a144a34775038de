/* list.h (internal) - one list engine for the worklists (/duties, /risk, /referrals, /peps,
 * /pupils, /schools): a list's columns and filters declared in tables, read from the query by
 * index, and the same markup for every list, all plain GET links and forms that work without
 * JavaScript:
 *
 *   - the Ministry of Justice Frontend's filter layout: a filter panel (the selected filters as
 *     tags, each a link that removes it, and "Clear filters"; then the filters' inputs and
 *     "Apply filters") beside the results;
 *   - a table whose sortable column headings are links (server-side sorting, `aria-sort`);
 *   - "Showing 26 to 50 of 1,354 results", GOV.UK pagination, 25, 50 or 100 a page;
 *   - a "Download this list (CSV)" link to PATH/download with the same query, which writes
 *     the same selection (every page, in the same order) through src/core/csvout (every cell
 *     guarded), after a line in the audit log ("export"); a download that names children is
 *     also on the record as their read (web_audit_listed, after the handler).
 *
 * The query: each filter's name (a date: NAME=YYYY-MM-DD, or NAME-day, -month, -year as the
 * filter form sends it; checkboxes: the name repeated), `page` (1-based; past the last page:
 * the last), `per_page` (25, 50 or 100; anything else: 25), `sort` (a sortable column's key;
 * anything else: the list's default) and `order` (`asc` or `desc`; else the column's first
 * order). A filter value that is not one of its choices, or not a real date, is not applied
 * and is shown as an error in the filter panel: the page is still the list, never a crash.
 *
 * As with the form engine (form.h), a page declares its list, then reads it by index:
 *
 *     enum { F_SCHOOL, F_STATUS, F_PUPIL, F__N };
 *     static const list_filter filters[F__N] = {
 *         [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "All schools"},
 *         [F_STATUS] = {"status", "Status", NULL, LIST_CHECKBOXES, .choices = statuses,
 *                       .nchoices = 4},
 *         [F_PUPIL] = {"pupil", "Pupil", "UPN or name", LIST_TEXT},
 *     };
 *     enum { C_PUPIL, C_SCHOOL, C_DUE, C__N };
 *     static const list_column columns[C__N] = {
 *         [C_PUPIL] = {"pupil", "Pupil", "upn", LIST_SORT},
 *         [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
 *         [C_DUE] = {"due", "Due", "due", LIST_SORT},
 *     };
 *     static const list_spec spec = {"/duties", "Duties", columns, C__N, filters, F__N,
 *                                    .sort = "due", .csv_name = "onroll-duties"};
 *
 *     list l;
 *     list_init(&l, req, &spec);
 *     list_choices(&l, F_SCHOOL, schools, nschools);   (choices known only per request)
 *     list_read(&l);
 *     ... keep the rows that match list_text(&l, F_PUPIL), list_has(&l, F_STATUS, "done")...
 *     ... sort them by list_sort(&l) (a column index) and list_desc(&l) ...
 *     list_paginate(&l, n);                 (then rows l.first .. l.last - 1 are this page's)
 *     gov_page_start(out, req, "Duties");  <h1>...
 *     list_start(out, &l);
 *     if (list_table_start(out, &l)) { // false: "No NOUN match these filters." instead
 *         for (int i = l.first; i < l.last; i++) { gov_table_row_start(out); gov_td(...); ... }
 *         list_table_end(out, &l);
 *     }
 *     list_end(out, &l);
 *
 * and for PATH/download, the same reading and sorting, then
 *
 *     or_csv w;
 *     if (!list_csv_start(&l, res, &w, n))  (the audit line, the header row: the columns' csv
 *         return;                             names; false: a 500 is already in res)
 *     for (int i = 0; i < n; i++) { or_csv_text(&w, ...); ... or_csv_end_row(&w); }
 *
 * A column with no heading is in the CSV only (a rule's id, a UPN); one with no csv name is on
 * screen only. Everything is written through html.h's escaping helpers. */
#ifndef ONROLL_WEB_LIST_H
#define ONROLL_WEB_LIST_H

#include <stdbool.h>

#include "onroll/csvout.h"
#include "onroll/date.h"
#include "web/forms.h"

typedef enum {
    LIST_SELECT,     /* one of choices, as a select whose first option is `any` (no filter) */
    LIST_TEXT,       /* words to look for (the page decides how: a UPN or a name...) */
    LIST_DATE,       /* a date: NAME=YYYY-MM-DD, or the three inputs NAME-day, -month, -year */
    LIST_CHECKBOXES, /* any of choices (the name repeated) */
} list_filter_type;

typedef struct {
    const char *name;  /* the query's name ("school") and the input's id */
    const char *label; /* "School" */
    const char *hint;  /* or NULL */
    list_filter_type type;
    const char *any; /* a select's "no filter" option ("All schools"); NULL: "Any" */
    const gov_choice *choices;
    int nchoices;
    const char *missing; /* the error when a value is not a choice; NULL: "Select a NOUN from
                            the list" (the label lower-cased) */
} list_filter;

enum {
    LIST_SORT = 1u << 0,    /* its heading is a link that sorts by it */
    LIST_DESC = 1u << 1,    /* sorted descending first (counts, dates most recent first) */
    LIST_NUMERIC = 1u << 2, /* right-aligned on screen; a number cell in the CSV */
};

typedef struct {
    const char *key;     /* `sort=KEY` (and the column's identity); NULL when not sortable */
    const char *heading; /* on screen, for people ("Due"); NULL: in the CSV only */
    const char *csv;     /* the CSV header, a machine name ("due"); NULL: on screen only */
    unsigned flags;      /* LIST_* */
} list_column;

typedef struct {
    const char *path;    /* the page ("/duties"); the CSV is at path + "/download" */
    const char *caption; /* the table's caption ("Duties") */
    const list_column *columns;
    int ncolumns;
    const list_filter *filters;
    int nfilters;
    const char *sort;     /* the default sort column's key */
    bool desc;            /* ... in descending order */
    const char *csv_name; /* the download's file name without ".csv" ("onroll-duties") */
    const char *noun;     /* what the rows are, plural, for "No NOUN match..." ("duties") */
} list_spec;

/* A filter's value. */
typedef struct {
    const char *text;   /* as read ("" when none or refused); a date as YYYY-MM-DD */
    or_date date;       /* a date filter's date, OR_DATE_NONE when none */
    const char **items; /* checkboxes ticked (each one of the choices) */
    int nitems;
    const char *day, *month, *year; /* a date's three inputs as typed (to show them again) */
    const char *error;              /* the value was refused: why */
} list_value;

enum { LIST_PER_PAGE = 25, LIST_MAX_ERRORS = 16 };

typedef struct {
    const web_request *req;
    const list_spec *spec;
    list_filter *filters; /* a copy of the table: a page may set choices per request */
    list_value *v;        /* by filter index */
    int page, per_page;   /* as asked (page clamped by list_paginate) */
    int sort;             /* the column sorted by (an index into spec->columns) */
    bool desc;
    bool sort_asked; /* sort or order came in the query */
    /* list_paginate: */
    long long total;
    int pages;
    int first, last; /* this page's rows: [first, last) */
    gov_error errors[LIST_MAX_ERRORS];
    int nerrors;
} list;

/* ---- reading ---- */

/* A list of spec, nothing read yet (the filter table copied into req->arena). */
void list_init(list *l, const web_request *req, const list_spec *spec);
/* Set filter i's choices for this request (the schools a user may choose...); the array must
 * live as long as the request. */
void list_choices(list *l, int i, const gov_choice *choices, int n);
/* Read the filters, page, per_page, sort and order from the query (see the top). */
void list_read(list *l);
/* Filter i's value: "" when none; a date's YYYY-MM-DD. */
const char *list_text(const list *l, int i);
/* Filter i's date, OR_DATE_NONE when none. */
or_date list_date(const list *l, int i);
/* Is value chosen in filter i (a select's value, or one of the checkboxes ticked)? */
bool list_has(const list *l, int i, const char *value);
/* Is filter i set at all? */
bool list_set(const list *l, int i);
/* The sorted column's index and order. */
int list_sort(const list *l);
bool list_desc(const list *l);
/* The column index of key, -1 when none. */
int list_column_of(const list *l, const char *key);

/* The bounds, pure (for the tests): page n of total rows at per_page a page, clamped to
 * 1..the last page (1 when there are none); per_page read from text (25, 50 or 100, else
 * 25); page read from text (a whole number, else 1). */
int list_parse_per_page(const char *text);
int list_parse_page(const char *text);
int list_clamp_page(int page, long long total, int per_page);

/* Having counted the rows: total rows match; sets page (clamped), pages, first and last. */
void list_paginate(list *l, long long total);

/* ---- the page ---- */

/* The filter layout's start: the filter panel (selected filters, the inputs), then the
 * results' column: any refused value in an error summary, the count ("Showing 26 to 50 of
 * 1,354 results"), page size links and the CSV link. */
/* The list as it is shown (its path, filters, sort and page), for a link that comes back to it
 * (a duty recorded from the list). In the request's arena. */
const char *list_here(const list *l);
void list_start(or_sb *out, const list *l);
/* The table (in a scrolling region) with its caption and headings: sortable ones are links
 * that sort by them (the order reversed when it is the column sorted by), with aria-sort. When
 * the selection is empty, "No NOUN match these filters." with Clear filters in its place, and
 * false: then write no rows and no list_table_end. */
bool list_table_start(or_sb *out, const list *l);
/* A row's cell of a LIST_NUMERIC column (right-aligned), with thousands separators. */
void list_td_num(or_sb *out, long long n);
/* The table's end, then the pagination (when there is more than one page). */
void list_table_end(or_sb *out, const list *l);
/* The layout's end. */
void list_end(or_sb *out, const list *l);

/* ---- the download ---- */

/* Start the CSV of the selection (n rows): one "export" line in the audit log naming the list
 * and its filters (when it cannot be written, a 500 is put in res and false returned), then
 * the response's type and file name and the header row (the columns that have a csv name, in
 * order) into w, which writes to res->body. The page then writes each row's cells in the
 * same order with or_csv_*, each row ended with or_csv_end_row. */
bool list_csv_start(list *l, web_response *res, or_csv *w, long long n);

#endif
