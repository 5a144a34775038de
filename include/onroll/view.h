/* view.h - what part of one pupil's record a reader may see: the scope model of
 * docs/security.md as pure functions of the pupil's facts, a day and the LA's settings.
 *
 *   - the school the pupil is on roll at (or will be: an admission recorded ahead) sees the
 *     whole record: the educational record goes with the child;
 *   - a school the pupil has left sees its own period and its own events, for
 *     scope.previous_school_days (365) after the pupil left, and nothing later schools recorded;
 *   - a partner service sees the referrals made to it and what they name (the PSP attached,
 *     its reviews), from the day of the referral until scope.partner_days (30) after the
 *     referral closed or was declined;
 *   - the LA, and workers with the pupil on an open caseload, see the whole record (their
 *     checks are the store's: scope.c in src/web).
 *
 * A school whose enrolment of the pupil is a claim not yet confirmed (claims.h) sees only the
 * pupil's name and date of birth and its claim: the claim is not in the facts at all. */
#ifndef ONROLL_VIEW_H
#define ONROLL_VIEW_H

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/params.h"

typedef enum {
    OR_VIEW_NONE,      /* nothing: the reader is told the page does not exist */
    OR_VIEW_WHOLE,     /* the whole record */
    OR_VIEW_PERIOD,    /* a previous school: its own period and events */
    OR_VIEW_REFERRALS, /* a partner service: identity and its own referrals */
    OR_VIEW_CLAIM,     /* a school with a claim waiting: name, date of birth, its claim */
} or_view_kind;

enum { OR_VIEW_SERVICES_MAX = 8 };

typedef struct {
    or_view_kind kind;
    int urn;       /* OR_VIEW_PERIOD: the school */
    or_date left;  /* OR_VIEW_PERIOD: the last day the pupil was on its roll */
    or_date until; /* OR_VIEW_PERIOD, OR_VIEW_REFERRALS: the last day of this view */
    const char *services[OR_VIEW_SERVICES_MAX]; /* OR_VIEW_REFERRALS: the partner's services */
    int nservices;
} or_pupil_view;

/* What school urn sees of the pupil on day `today`. */
or_pupil_view or_view_school(const or_pupil_facts *f, int urn, or_date today, const or_params *p);

/* What a partner with these services (referrals.h: a route's `service`) sees on `today`. */
or_pupil_view or_view_partner(const or_pupil_facts *f, const char *const *services, int n,
                              or_date today, const or_params *p);

/* What the MASH (a partner account of scope "mash", issue 17) sees on `today`: the whole record of
 * a pupil with a permanent exclusion decided by then that counts (not withdrawn, nor reinstated
 * before its first day: excl.h), whose safeguarding it assesses (LOCAL-MASH-ASSESS); nothing of
 * any other pupil. */
or_pupil_view or_view_mash(const or_pupil_facts *f, or_date today);

/* Does the view let the reader see event e (an event of the pupil)? */
bool or_view_event(const or_pupil_facts *f, const or_pupil_view *v, const or_fact_event *e,
                   or_date today, const or_params *p);

/* The facts cut to the view, in *out: for OR_VIEW_WHOLE the same facts; for the others only
 * what the view lets through (events, enrolments, attendance, characteristics up to the day the
 * pupil left; never the caseload). Arrays are allocated in a; strings stay borrowed from f. */
void or_view_facts(const or_pupil_facts *f, const or_pupil_view *v, or_date today,
                   const or_params *p, or_arena *a, or_pupil_facts *out);

#endif
