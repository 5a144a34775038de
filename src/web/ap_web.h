/* ap_web.h (internal) - what the alternative provision pages share (issue 17): the register
 * read with each provider's checks and LOCAL-APQA-EXPIRY's status (ap_register.c), and the
 * blocks on other pages: the pupil page's placements (page_pupil.c calls it once;
 * page_ap_placements.c) and the LA's expiring provider checks on /duties (page_duties.c calls
 * it once; page_ap_provider.c). */
#ifndef ONROLL_WEB_AP_WEB_H
#define ONROLL_WEB_AP_WEB_H

#include "onroll/duties.h"
#include "onroll/store_ap.h"
#include "web/forms.h"
#include "web/view.h"
#include "web/web.h"

/* ---- ap_register.c ---- */

/* One provider with its checks, as the register and the provider's page show it. */
typedef struct {
    or_ap_provider p;
    or_date last_check;  /* the latest check, OR_DATE_NONE if none */
    or_date next_expiry; /* the soonest expiry of its latest check of each pillar and item */
    const char *status;  /* or_apqa_status of it: "due", "expired" or NULL */
    int nchecks;
    unsigned seen; /* the (pillar, item) pairs met so far (ap_register.c) */
} ap_row;

/* The register, every provider (by name), in req->arena. */
typedef struct {
    const web_request *req;
    ap_row *rows;
    int n, cap;
} ap_register;

/* What LOCAL-APQA-EXPIRY counts with: apqa.notice_days on the calendar of the LA's first
 * school in the snapshot (held until ap_notice_done), as of today. */
typedef struct {
    int notice;
    const or_calendar *cal;
    or_date today;
    view_snapshot *snap; /* held while cal is used: ap_notice_done puts it back */
} ap_notice;

/* Read the register and every QA record into g (the latest record of each pillar and item of a
 * provider in force: its soonest expiry and its status); n is set even on failure (put it back
 * with ap_notice_done). */
or_code ap_register_load(const web_request *req, ap_register *g, ap_notice *n, or_error *err);
void ap_notice_done(ap_notice *n);
ap_row *ap_row_of(ap_register *g, const char *slug); /* NULL when none */
/* The bit of a (pillar, item) pair of a provider's checks, 0 for an unknown one. */
unsigned ap_qa_pair_bit(const char *pillar, const char *item);
/* A check's status in words and its tag's colour: "Expired", "Due for renewal", "In date". */
const char *ap_qa_words(const char *status, const char **colour);
/* A vocabulary of ap.h as choices (in req->arena); *n how many. */
gov_choice *ap_terms_choices(const web_request *req, or_ap_vocab v, int *n);
/* The provider's URN or UKPRN as text ("" for a non-school provider). */
const char *ap_number_of(const web_request *req, const or_ap_provider *p);
/* The signed-in user as an audit line's actor. */
or_audit_entry ap_who(const web_request *req);

/* ---- the blocks ---- */

/* The pupil's placements (facts f, as this reader sees them; duties as of today): each with
 * its plan, its information trail, reviews and outcome, and the links that record them. */
void page_ap_pupil_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                           const char *upn, const or_duty_list *duties);
/* For the LA: the providers' checks due or expired (LOCAL-APQA-EXPIRY), as a table linking
 * to each provider; nothing for other roles or when none is due. */
void page_ap_duties_section(or_sb *out, const web_request *req);

#endif
