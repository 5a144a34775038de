/* govuk.h - the page frame and the GOV.UK Frontend patterns every page shares, written with
 * html.h's escaping helpers so that a page never writes data unescaped.
 *
 * The frame is GOV.UK Frontend's page template: skip link, header (the generic header, since
 * onroll is not a GOV.UK service: no crown, no GDS Transport font), service navigation built
 * from the route table for the user's role with the sign-out button, main, footer. Stylesheets
 * and scripts are files under /assets/ (no inline script or style: the Content-Security-Policy
 * forbids them). Forms opened with gov_form_start() carry the CSRF token. */
#ifndef ONROLL_WEB_GOVUK_H
#define ONROLL_WEB_GOVUK_H

#include <stdbool.h>

#include "html/html.h"
#include "web/web.h"

void gov_page_start(or_sb *out, const web_request *req, const char *title);
void gov_page_end(or_sb *out, const web_request *req);

/* Error summary: one entry per field in error, linking to the field's id. */
typedef struct {
    const char *field_id; /* the input's id ("email"), or NULL for an error of the whole form */
    const char *message;
} gov_error;
void gov_error_summary(or_sb *out, const gov_error *errors, int n);
/* The message of the error whose field_id is id, or NULL. */
const char *gov_error_for(const gov_error *errors, int n, const char *id);

/* Notification banner: success (green, role=alert) or important (blue, role=region). */
void gov_notification(or_sb *out, const char *title, const char *text, bool success);

/* Summary list: rows of key and value (both text). */
void gov_summary_start(or_sb *out);
void gov_summary_row(or_sb *out, const char *key, const char *value);
void gov_summary_end(or_sb *out);

/* Table: a caption, then header cells, then rows of cells. */
void gov_table_start(or_sb *out, const char *caption, const char *const *heads, int n);
void gov_table_row_start(or_sb *out);
void gov_td(or_sb *out, const char *text);
void gov_td_num(or_sb *out, long long n);
void gov_td_link(or_sb *out, const char *href, const char *text); /* href: a local path */
void gov_table_row_end(or_sb *out);
void gov_table_end(or_sb *out);

/* A form: method "post" (with the CSRF token as a hidden field) or "get"; action a local path. */
void gov_form_start(or_sb *out, const web_request *req, const char *method, const char *action);
void gov_form_end(or_sb *out);
/* A labelled text input (type "text", "email", "password", "date"...) with its error, if any.
 * autocomplete may be NULL. */
void gov_input(or_sb *out, const char *id, const char *label, const char *type, const char *value,
               const char *autocomplete, const char *error);
void gov_button(or_sb *out, const char *text, bool secondary);

#endif
