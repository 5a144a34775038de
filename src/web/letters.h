/* letters.h (web, internal) - what the letters pages share (page_letters.c: the letters of an
 * exclusion and writing a new one; page_letter.c: one letter, edited, printed, sent;
 * page_letter_pdf.c: its PDF): the exclusion of the path with the pupil's ledger and the duties
 * of that exclusion, its letter kinds, filling a kind from the ledger, and the letter of the
 * path. Each loader answers the request itself (404, 500) when it fails.
 *
 * Who may: the route table lets the LA and schools in, for a pupil in their scope (server.c,
 * WEB_F_PUPIL: scope checked, read audited); here a school account sees only its own
 * school's exclusions (another school's: 404, logged as denied). */
#ifndef ONROLL_WEB_LETTERS_H
#define ONROLL_WEB_LETTERS_H

#include "onroll/letter_doc.h"
#include "onroll/store_letters.h"
#include "onroll/letters.h"
#include "onroll/store_settings.h"
#include "web/forms.h"

typedef struct {
    const char *upn, *event_id;
    or_model *m; /* owns f, e, school */
    const or_pupil_facts *f;
    const or_fact_event *e;
    const or_school_info *school;
    const char *school_name;
    const char *pupil, *forename; /* "" when not recorded */
    or_date today, as_of;         /* as_of: the later of today and the decision */
    const or_duty **duties;       /* the exclusion's duties as of as_of */
    int nduties;
    const char **rules;   /* their rule ids, for or_letter_kind_applies */
    or_settings settings; /* the LA's and the school's (settings.h), in the request's arena */
} web_letter_ctx;

/* Load the exclusion of the path ({upn}, {event_id}, and ?urn= or the form's urn when the
 * pupil has exclusions of that id at several schools). false when the request has been
 * answered (not found, another school's, a failure). Free with web_letter_ctx_free. */
bool web_letter_ctx_load(const web_request *req, web_response *res, web_letter_ctx *c);
void web_letter_ctx_free(web_letter_ctx *c);

/* The exclusion's duty of rule id, or NULL. */
const or_duty *web_letter_duty(const web_letter_ctx *c, const char *rule);
/* Does letter kind k apply to the exclusion? */
bool web_letter_kind_applies(const web_letter_ctx *c, const or_letter_kind *k);

/* Fill kind k for the exclusion: dated and sent on send_on (OR_DATE_NONE: today), by delivery
 * (NULL: handed over). */
or_code web_letter_fill(const web_request *req, const web_letter_ctx *c, const or_letter_kind *k,
                        or_date send_on, const char *delivery, or_letter *out, or_error *err);

/* The letter {letter} of the path, which must be about the context's exclusion. false when the
 * request has been answered (404, 500). */
bool web_letter_row_load(const web_request *req, web_response *res, const web_letter_ctx *c,
                         or_letter_row *row);

/* Paths: the exclusion's letters, one letter. Allocated in the request's arena. */
const char *web_letters_path(const web_request *req, const web_letter_ctx *c);
const char *web_letter_path(const web_request *req, const web_letter_ctx *c, int64_t id);

/* "Suspension", "Permanent exclusion"... of the exclusion. */
const char *web_letter_event_label(const or_fact_event *e);

/* A letter's text as the edit boxes of page_letter.c hold it: each paragraph's own text (out,
 * allocated in the request's arena; returns how many). */
int web_letter_split_paras(const web_request *req, const char *body, const char ***out);
/* The form's boxes ("para", in order) as one text: each trimmed, line breaks as "\n", the
 * empty ones dropped, paragraphs separated by a blank line (in the request's arena). */
const char *web_letter_join_paras(const web_request *req);

/* Where the settings the letters use are not filled (settings.h), a warning naming each and
 * linking to where to fill it (the LA's: /admin/settings, for its administrator; the school's:
 * /schools/URN/settings). body NULL: the settings the letters of the exclusion would leave
 * gaps for; else those whose gaps the text still holds (or_letter_missing_settings). */
void web_letter_missing_settings(or_sb *out, const web_request *req, const web_letter_ctx *c,
                                 const char *body);

/* A duty's letter (the catalogue's .done.letters, rules.h): the path of the letters page of
 * the duty's exclusion showing the letters that do it ("...letters?urn=URN&duty=RULE"), or NULL
 * when no letter does it, it is done, it is of no exclusion, or the user may not write letters
 * for its school (the LA may; a school for its own). In the request's arena. */
const char *web_duty_letter_href(const web_request *req, const char *upn, const or_duty *d);
/* A "Write the letter" button for duty d (web_duty_letter_href), or nothing. The pupil's page
 * and the /duties list write it beside the duty. */
void web_duty_letter_button(or_sb *out, const web_request *req, const char *upn, const or_duty *d);

/* The ways a letter may be sent, for radios (the deemed dates of DOMAIN.md §2 in the hints). */
extern const gov_choice web_letter_deliveries[3];
bool web_letter_delivery_ok(const char *s);

#endif
