/* form.h (internal) - one form engine for the pages that record something: a form's fields
 * declared in a table, read and checked by their index, and one flow from the form to the
 * store.
 *
 * As kcgi declares its keys (an enum of indices and a table of {validator, name}, after which
 * the request's fields are found by index, never by name), a page declares its form:
 *
 *     enum { F_EVENT_ID, F_TYPE, F_START, F__N };
 *     static const form_field fields[F__N] = {
 *         [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
 *         [F_TYPE] = {"type", "Type", NULL, FORM_RADIOS, FORM_REQUIRED, .choices = types,
 *                     .nchoices = 3, .column = FORM_COLUMN(OR_EV_TYPE)},
 *         [F_START] = {"start", "Start date", "For example, 24 11 2026", FORM_DATE,
 *                      FORM_REQUIRED, .column = FORM_COLUMN(OR_EV_START)},
 *     };
 *
 * and then reads form_text(&f, F_START) ("2026-11-24", as the importer reads it). The flow
 * (form_post, form_flow.c) is the same for every form:
 *
 *   GET   the form (the page writes it with form_page_start, form_fields_html, form_page_end);
 *   POST  action=check: every field checked at once (the page's own checks, then each field's
 *         type, then the row through the importer in a transaction that is rolled back); with
 *         errors, the form again with every error in the GOV.UK error summary and against its
 *         field, what was typed kept (400); without, the check page ("check your answers"),
 *         the values carried as hidden fields;
 *   POST  action=change: the form again with the values carried;
 *   POST  action=save: the same checks, then the row through the importer and its line in the
 *         audit log in one transaction, then to the page the form came from.
 *
 * A form without a check step (a duty done: page_action.c) saves at once. Everything is written
 * through html.h's escaping helpers. */
#ifndef ONROLL_WEB_FORM_H
#define ONROLL_WEB_FORM_H

#include <stdbool.h>

#include "onroll/kinds.h"
#include "onroll/model.h"
#include "web/forms.h"

typedef enum {
    FORM_TEXT,       /* one line (gov_text_input) */
    FORM_TEXTAREA,   /* paragraphs (gov_textarea): line breaks read as "\n" */
    FORM_NUMBER,     /* a whole number, typed; from min to max when max > min */
    FORM_DATE,       /* three inputs NAME-day, -month, -year: read as YYYY-MM-DD */
    FORM_RADIOS,     /* one of choices */
    FORM_SELECT,     /* one of choices, as a select */
    FORM_CHECKBOXES, /* any of choices (the name repeated), at most max when max > 0 */
    FORM_HIDDEN,     /* carried, not shown (an event's id, the plan a review names) */
    FORM_FIXED,      /* carried, shown as a sentence (the label): "School: URN 100001." */
} form_type;

enum {
    FORM_REQUIRED = 1u << 0, /* empty is an error (`missing`, else "Enter/Select the NOUN") */
    FORM_QUERY = 1u << 1,    /* on a GET, read from the query string (a link fills it in) */
    FORM_SMALL = 1u << 2,    /* small radios */
    FORM_ANY = 1u << 3,      /* choices offered, not enforced: the importer checks the value */
    FORM_OWN = 1u << 4,      /* checked by its own table (plans.h, measures.h), not by type */
    FORM_PAST = 1u << 5,     /* a date: today or before */
    FORM_DETAILS = 1u << 6,  /* a key of the events' details column (plans.h) */
};

/* The events column (kinds.h OR_EV_*) a field fills, for .column; 0 is none. */
#define FORM_COLUMN(c) ((c) + 1)

typedef struct form form;

typedef struct {
    const char *name;  /* the input's name and id ("start": a date's inputs are start-day...) */
    const char *label; /* its label or legend ("Start date"; "Notes (optional)") */
    const char *hint;  /* or NULL */
    form_type type;
    unsigned flags;      /* FORM_* */
    const char *noun;    /* its name in sentences ("start date"); NULL: the label's */
    const char *missing; /* when required and empty, or not a choice ("Select the school") */
    int column;          /* FORM_COLUMN(OR_EV_...): the importer's column, for the row and for
                            the importer's messages; 0: none */
    const gov_choice *choices;
    int nchoices;
    int min, max;      /* a number's range; a text's most bytes; most checkboxes ticked */
    const char *width; /* a text input's width class ("govuk-input--width-4"), or NULL */
    int rows;          /* a textarea's rows (0: 5) */
    const char *group; /* the heading (h2) it is shown under, or NULL */
    /* its own markup instead of its type's (the field's value and error are in f) */
    void (*render)(or_sb *out, const form *f, int i);
} form_field;

/* A field's value. */
typedef struct {
    const char *text;               /* as the importer reads it; "" when empty, never NULL */
    const char *day, *month, *year; /* a date's three inputs, as typed */
    const char **items;             /* checkboxes ticked */
    int nitems;
    bool sent; /* in the request (or set by the page): carried even when empty */
    bool off;  /* not on the form for this request: not read, shown, checked or carried */
} form_value;

enum { FORM_MAX_ERRORS = 64 };

struct form {
    const web_request *req;
    form_field *fields; /* a copy of the table: a page may change a field for one request */
    form_value *v;      /* by field index */
    int n, cap;
    bool posted; /* read from a POST (else a GET: empty, or the query's FORM_QUERY fields) */
    gov_error errors[FORM_MAX_ERRORS];
    int error_field[FORM_MAX_ERRORS]; /* the field of each error, -1 for the whole form's */
    int nerrors;
};

/* ---- declaring and reading (form.c) ---- */

/* A form of the n fields of the table (copied into req->arena), every value empty. */
void form_init(form *f, const web_request *req, const form_field *fields, int n);
/* Add a field at the end (a plan kind's details, a measure's items); returns its index. */
int form_add(form *f, const form_field *field);
/* Read every field that is on from the request: a POST's form, or a GET's query for the
 * FORM_QUERY fields. */
void form_read(form *f);
/* Read fields from..to-1 only (fields added after the first read). */
void form_read_range(form *f, int from, int to);
/* Set a value (a default, a record's values on a change form; a date as YYYY-MM-DD). */
void form_set(form *f, int i, const char *text);
void form_set_date(form *f, int i, or_date d);
/* Take a field off the form for this request. */
void form_off(form *f, int i);
/* The value of field i ("" when empty or off). */
const char *form_text(const form *f, int i);
/* Field i holds a valid event id (forms.h web_event_id_ok), a new one if it did not. */
void form_event_id(form *f, int i);
/* The id the error summary links to: NAME-day for a date, else NAME (a group's first item). */
const char *form_field_id(const form *f, int i);
/* The label without " (optional)", and the noun (the label's, lower-cased, when not given). */
const char *form_label(const form *f, int i);
const char *form_noun(const form *f, int i);

/* ---- checking ---- */

/* An error against field i (-1: the whole form's). */
void form_error(form *f, int i, const char *message);
/* The first error of field i, or NULL. */
const char *form_error_of(const form *f, int i);
/* Check every field that is on and has no error yet, by its type and flags: required,
 * a real date (in the past), a choice offered, a whole number in range, text without
 * invisible or control characters (invisible.h) and not too long. Every error is kept.
 * Returns true when the form has no error at all. */
bool form_validate(form *f);
/* Check fields from..to-1 only (a step of a form in steps). */
bool form_validate_range(form *f, int from, int to);
/* The importer's messages (forms.h web_import_errors' text for source) against the fields
 * by their column, in the form's words: "Enter the start date", "The start date must be a
 * real date...", "The notes: is 4050 bytes long..."; a details message "KEY: ..." against the
 * FORM_DETAILS field KEY; any other as an error of the whole form. */
void form_importer_errors(form *f, const char *text, const char *source);
/* The errors in the order of the form (the whole form's first), one per field: the error
 * summary reads as the form does. */
void form_errors_in_order(form *f);

/* ---- markup ---- */

/* The top of a form page: the page (its title "Error: TITLE" with errors), the back link
 * (back_href a local path; NULL: none), the two-thirds column, the error summary, the
 * caption (or NULL) and the title as its heading. */
void form_page_start(or_sb *out, const form *f, const char *title, const char *back_href,
                     const char *back_text, const char *caption);
/* <form method="post"> to path, with the CSRF token and the FORM_HIDDEN fields. */
void form_start(or_sb *out, const form *f, const char *path);
/* Field i as its GOV.UK component with its value and error; fields from..to-1 that are on
 * (not hidden), each group's heading before its first field. */
void form_field_html(or_sb *out, const form *f, int i);
void form_fields_html(or_sb *out, const form *f, int from, int to);
/* Every field's value as hidden inputs (the check page carries the form); fields from..to-1
 * only (a step carries the steps before it). A field neither sent nor set is not carried. */
void form_hidden_html(or_sb *out, const form *f);
void form_hidden_range(or_sb *out, const form *f, int from, int to);
/* The end of a form page: the button (label; it sends action=ACTION, or nothing when action is
 * NULL), the form, the column and the page closed; 400 when it shows errors. */
void form_page_end(or_sb *out, const form *f, web_response *res, const char *label,
                   const char *action);
/* A field's value for people: a choice's label, "24 November 2026", the text, the ticked
 * choices' labels joined with "; ". */
const char *form_words(const form *f, int i);
/* A summary-list row of field i (its label, form_words); nothing when it is empty. */
void form_summary_row(or_sb *out, const form *f, int i);
/* The top of a check page: the page, the column (full or two-thirds), the caption (or NULL),
 * the title as heading and "Nothing has been saved yet." */
void form_check_start(or_sb *out, const form *f, const char *title, const char *caption, bool full);
/* The end of a check page: the form to path carrying every value, Save (action=save) and
 * Change (action=change: back to the form with its values), the page closed. */
void form_check_end(or_sb *out, const form *f, const char *path, const char *save_label);

/* ---- the row ---- */

/* The cells of the events row the fields fill (their columns; checkboxes joined with ";").
 * cells has OR_EV__N entries; others are left as they are. */
void form_cells(const form *f, const char **cells);

/* ---- the flow (form_flow.c) ---- */

typedef struct {
    const char *upn;    /* the pupil: the audit line's, and the facts the check page shows */
    const char *source; /* the importer's name for the row: "form /pupils/UPN/record" */
    const char *done;   /* where to go once saved (a local path) */
    bool no_check;      /* save at once: no check step */
    bool facts;         /* the check page needs the pupil's facts with the row in them */
    const char *what;   /* "record", "measurement": "The record could not be checked." */
    /* the page's own checks, before the fields' (an error against a field is the one shown) */
    void (*validate)(form *f, void *ctx);
    /* the row (cells: OR_EV__N, "" empty) and the audit line's detail; false: no row can be
     * made (the form's errors say why) */
    bool (*row)(form *f, const char **cells, const char **detail, void *ctx);
    /* the form again (with f's errors) */
    void (*show_form)(form *f, web_response *res, void *ctx);
    /* the check page; pf and m: the pupil's facts and model with the row in them (facts set) */
    void (*show_check)(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx);
} form_flow;

/* A POST of the form: action=change shows the form again; otherwise every check, then the row
 * through the importer in one transaction: rolled back after the check page, or committed with
 * its audit line ("change", detail) and a redirect to fl->done. */
void form_post(form *f, web_response *res, const form_flow *fl, void *ctx);

#endif
