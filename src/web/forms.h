/* forms.h (internal) - what the data-entry pages share (page_record.c, page_action.c,
 * page_upload.c, page_reports.c), under the form engine (form.h) that every form uses:
 *
 *   - the GOV.UK Frontend form components govuk.h does not have: date input, radios,
 *     checkboxes, textarea, select, file upload, warning text, hidden fields (forms.c);
 *   - sending a form's row through the importer (ingest.h) exactly as a CSV row is sent, one
 *     batch per submission, and reading the importer's messages back as (line, column,
 *     message) so that a page can put each against its field (forms_ingest.c);
 *   - a pupil's duties as a table, with a link to record the action of each (forms.c).
 *
 * Everything here writes through html.h's escaping helpers, like the pages. */
#ifndef ONROLL_WEB_FORMS_H
#define ONROLL_WEB_FORMS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "onroll/duties.h"
#include "onroll/ingest.h"
#include "onroll/model.h"
#include "web/govuk.h"

/* ---- components (forms.c): markup of govuk-frontend's templates, every datum escaped ---- */

typedef struct {
    const char *value, *label;
    const char *hint; /* or NULL */
} gov_choice;
/* Choices in the order of their labels (then values), as qsort's comparator: a select of
 * schools or rules by name. */
int gov_choice_cmp(const void *x, const void *y);

/* A form that sends a file (multipart/form-data), with the CSRF token. */
void gov_form_start_upload(or_sb *out, const web_request *req, const char *action);
void gov_hidden(or_sb *out, const char *name, const char *value);
/* A submit button that sends name=value (the step of a multi-step form). */
void gov_button_value(or_sb *out, const char *text, const char *name, const char *value,
                      bool secondary);
/* A text input with a hint (or NULL) and a width class ("govuk-input--width-4", or NULL). */
void gov_text_input(or_sb *out, const char *id, const char *label, const char *hint,
                    const char *value, const char *width, const char *error);
/* A date as three inputs: ID-day, ID-month, ID-year (the error summary links to ID-day). */
void gov_date_input(or_sb *out, const char *id, const char *legend, const char *hint,
                    const char *day, const char *month, const char *year, const char *error);
/* Radios named id (the first item's id is id, so the error summary can link to it); the item
 * whose value is `checked` is checked. */
void gov_radios(or_sb *out, const char *id, const char *legend, const char *hint,
                const gov_choice *items, int n, const char *checked, const char *error, bool small);
/* Checkboxes named id; checked[i] says whether item i is ticked (NULL: none). */
void gov_checkboxes(or_sb *out, const char *id, const char *legend, const char *hint,
                    const gov_choice *items, int n, const bool *checked, const char *error);
void gov_textarea(or_sb *out, const char *id, const char *label, const char *hint,
                  const char *value, int rows, const char *error);
void gov_select(or_sb *out, const char *id, const char *label, const char *hint,
                const gov_choice *items, int n, const char *selected, const char *error);
void gov_file_upload(or_sb *out, const char *id, const char *label, const char *hint,
                     const char *accept, const char *error);
/* The end of a check page (the "check your answers" step of a form): the Save button (name
 * action=save) and Change (action=change, back to the form with its values), then the form,
 * the two-thirds column and the page closed. */
void gov_check_page_end(or_sb *out, const web_request *req, const char *save_label);
/* Warning text: the "!" icon and a sentence in bold. */
void gov_warning(or_sb *out, const char *text);

/* A pupil's duties (already filtered and sorted) as a table: rule, what, who, due, status;
 * with record_links, a "Record" link per duty not done, to the action form of page_action.c:
 * /pupils/UPN/action?urn=URN&event=EVENT_ID&rule=RULE. */
void web_duties_table(or_sb *out, const char *caption, const char *upn, const or_duty *duties,
                      int n, bool record_links);
/* "24 November 2026" (GOV.UK's style) into buf[24]; "" for OR_DATE_NONE. */
const char *web_date_human(or_date d, char buf[24]);

/* A stream whose writes are appended to res->body, for a whole document made by another
 * module that escapes its own text (the scrutiny report's HTML, to download): never for a
 * page's markup, which goes through html.h. fclose() it before the response is sent. */
FILE *web_body_stream(web_response *res);

/* ---- the importer (forms_ingest.c) ---- */

/* One message of the importer. */
typedef struct {
    int64_t line;       /* 0 when it names no line */
    const char *column; /* NULL when it names no column */
    const char *message;
} web_import_error;

/* Split the importer's messages ("NAME:LINE: column C: message", one a line, as in
 * or_ingest_result.errors and or_error.msg) into *out (allocated in a); returns how many. */
int web_import_errors(or_arena *a, const char *text, const char *name, web_import_error **out);

/* Where a column of the importer's messages is on a form: the field's id (the error summary
 * links to it: a date input's ID-day) and its name for people. */
typedef struct {
    const char *column, *field, *label;
    const char *empty; /* the message when it is empty and must not be ("Select..."), or NULL */
} web_field;

/* The importer's messages (as for web_import_errors) as errors of the form's fields, in the
 * form's words ("Enter the start date", "Start date must be a real date..."; otherwise the
 * field's name and the importer's message); a message of no field of the form is an error of
 * the whole form. Appends to errs[*n], at most max. */
void web_form_errors(or_arena *a, const char *text, const char *name, const web_field *fields,
                     int nfields, gov_error *errs, int *n, int max);

/* The schools a pupil has been on roll at, the latest first, each with its dates as a hint
 * (for the LA's choice of school on a form), and the school of today's main registration (else
 * the latest) in current. m holds the pupil (or_model_load); nothing when it does not. */
typedef struct {
    gov_choice items[32];
    int n;
    char current[16];
} web_schools;
void web_pupil_schools(const web_request *req, const or_model *m, const char *upn,
                       web_schools *out);

/* A new id for an event recorded by a form: "WEB-" and 16 random hex digits (the school's
 * event_id; unique per school in practice). */
enum { WEB_EVENT_ID_LEN = 20 };
void web_new_event_id(char out[WEB_EVENT_ID_LEN + 1]);
/* Is s an id web_new_event_id could have made? */
bool web_event_id_ok(const char *s);

/* Start a row of the events kind for a form: every cell empty but the event's id, pupil,
 * school, type and start, and recorded_by (the signed-in user). cells has OR_EV__N entries. */
void web_event_cells(const web_request *req, const char **cells, const char *event_id,
                     const char *upn, const char *urn, const char *type, const char *start);

/* Send one row of kind k (cells in the kind's column order, "" = empty) through the importer
 * as one batch, from source kind "form" named name and the signed-in user: validated as a CSV
 * row is, all or nothing. Inside the caller's transaction when there is one (the batch is
 * then a savepoint). Returns or_ingest_end's code; *res holds the counts and the messages
 * (release it with or_ingest_result_release). */
or_code web_ingest_row(const web_request *req, const or_kind *k, const char *name,
                       const char *const *cells, or_ingest_result *res, or_error *err);

/* A date from the three fields of a date input, as the importer reads dates: "" when all
 * three are empty, YYYY-MM-DD when they are numbers, else the fields as typed (the importer
 * then says it is not a date). Allocated in a. */
const char *web_date_from_parts(or_arena *a, const char *day, const char *month, const char *year);
/* The three fields of a date (YYYY-MM-DD), for a form filled in again; "" when d is none. */
void web_date_parts(or_date d, char day[3], char month[3], char year[5]);

/* The pupil's name ("Forename Surname") as last recorded, into buf; "" if none. */
void web_pupil_name(const web_request *req, const char *upn, char *buf, size_t size);

#endif
