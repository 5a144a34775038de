/* view_lists.h (internal) - the rows of the worklists /referrals and /peps, worked out in one
 * place so that every page that counts them (the lists' own tiles, the dashboards) counts the
 * same rows the lists show:
 *
 *   view_referrals.c  the referrals a user may see (a partner service: those to its own routes,
 *                     while it sees them; the LA: every one), each with its status in the
 *                     inbox's words (referrals.h, or_referral_status) and its next step;
 *   view_peps.c       the looked-after children a user may see, each with their Personal
 *                     Education Plan's status this term and whether they have a school place.
 *
 * Rows live in req->arena; they point into the snapshot, valid while it is held. */
#ifndef ONROLL_WEB_VIEW_LISTS_H
#define ONROLL_WEB_VIEW_LISTS_H

#include "onroll/referrals.h"
#include "web/view.h"

/* ---- view_referrals.c ---- */

typedef struct {
    const view_pupil *p;
    const or_fact_event *r; /* the referral */
    or_referral_state st;
    or_referral_status status;
    const or_duty *next; /* its LOCAL-REFERRAL (the next step and when), NULL when ended */
} view_referral;

typedef struct {
    const char *service; /* a route (referrals.h), NULL or "" for every one the user sees */
    int status;          /* an or_referral_status, -1 for every status */
    int urn;             /* the referring school, 0 for every school */
} view_referral_filter;

/* The referrals the signed-in user may see that match the filter, in no order. */
or_code view_referrals_list(const web_request *req, view_snapshot *snap,
                            const view_referral_filter *flt, view_referral **out, int *n,
                            or_error *err);

/* How many referrals the user sees in each status (counts[OR_REFERRAL__N]) to a service (NULL
 * or "": all the user sees) from a referring school (0: all): the figures of /referrals and of
 * every dashboard, each the length of the list /referrals?status=KEY&service=S&school=URN
 * shows. The total in *total. */
or_code view_referral_counts(const web_request *req, view_snapshot *snap, const char *service,
                             int urn, int counts[OR_REFERRAL__N], int *total, or_error *err);

/* ---- view_peps.c ---- */

/* A looked-after child's PEP this term: held (current), to hold by the end of the term (due),
 * the term ended without one (overdue), or no PEP ever recorded (never: whatever the term). */
typedef enum {
    VIEW_PEP_CURRENT,
    VIEW_PEP_DUE,
    VIEW_PEP_OVERDUE,
    VIEW_PEP_NEVER,
    VIEW_PEP__N
} view_pep_status;

const char *view_pep_key(view_pep_status s);   /* "current", "due", "overdue", "never" */
const char *view_pep_words(view_pep_status s); /* "PEP held this term"...; labels.h */
int view_pep_parse(const char *key);           /* -1 when none */

typedef struct {
    const view_pupil *p;
    view_pep_status status;
    bool no_place;             /* on no school's roll (a main registration) today */
    or_date due;               /* the end of the term the PEP is for, OR_DATE_NONE if none */
    const or_fact_event *last; /* the latest PEP meeting, or NULL */
} view_pep;

/* The looked-after children the signed-in user may see (the Virtual School: its scope; the
 * LA: every one), in no order. */
or_code view_peps_list(const web_request *req, view_snapshot *snap, view_pep **out, int *n,
                       or_error *err);

/* The figures of /peps: children in each status (they add up to *total) and those with no
 * school place (*no_place, a part of the total). */
or_code view_pep_counts(const web_request *req, view_snapshot *snap, int counts[VIEW_PEP__N],
                        int *no_place, int *total, or_error *err);

#endif
