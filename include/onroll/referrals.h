/* referrals.h - the graduated response's referral routes as data: each service a school (or the
 * LA) refers a pupil to, the steps its referral goes through, who takes each step and within how
 * many school days of the one before. A `referral` event (its `to` names the service) starts a
 * referral; `referral_update` events (`ref` = the referral, `outcome` = the step reached) move
 * it on. The rules engine (protocol.c, LOCAL-REFERRAL) shows the next step as a duty with its
 * due date; the web forms offer only the steps that may come next. */
#ifndef ONROLL_REFERRALS_H
#define ONROLL_REFERRALS_H

#include <stdbool.h>

#include "onroll/facts.h"

enum { OR_REFERRAL_MAX_STEPS = 6 };

typedef struct {
    const char *status; /* the `outcome` a referral_update records: "accepted" */
    const char *label;  /* "Accepted or declined" (what the step is) */
    const char *who;    /* who takes it: "Re-engagement Unit" */
    int days;           /* school days after the step before (the referral for the first) */
    bool repeats;       /* a report every `days` until the placement's end (then the next step) */
} or_referral_step;

typedef struct {
    const char *service; /* `to` of the referral event: "reu" */
    const char *label;   /* "Re-engagement Unit" */
    const char *partner; /* the partner scope whose users see these referrals ("reu") */
    bool needs_psp;      /* a school referral with the pupil's PSP attached (`ref`) */
    bool has_end;        /* a placement with an end date (the referral's `end`) */
    const char *about;   /* one sentence for the forms */
    or_referral_step steps[OR_REFERRAL_MAX_STEPS];
    int nsteps;
} or_referral_flow;

/* Statuses that end a referral wherever it is: declined and closed. */
bool or_referral_status_final(const char *status);

int or_referral_flows_count(void);
const or_referral_flow *or_referral_flow_at(int i);
const or_referral_flow *or_referral_flow_find(const char *service);

/* Where a referral stands: the last step reached (index into steps, -1 = just referred), its
 * date, whether it has ended (declined, closed, or its last step reached) and the update that
 * ended it. `updates` are the pupil's events; those naming the referral are read in date order. */
typedef struct {
    const or_referral_flow *flow;
    int step;           /* last step reached, -1 if none yet */
    const char *status; /* "referred" or the last status recorded */
    or_date since;      /* when it got there */
    bool ended;
    const or_fact_event *ended_by;
    const or_fact_event *last_update;
    int reports; /* reports recorded for a repeating step */
} or_referral_state;

/* Work out the state of referral event r from the pupil's facts, as of a date. Returns false
 * if r is not a referral or names an unknown service. */
bool or_referral_state_of(const or_pupil_facts *f, const or_fact_event *r, or_date as_of,
                          or_referral_state *out);

/* Where a referral stands, as a service's inbox says it (the one place these words come from;
 * labels.h): new (referred, no step yet), accepted (the service accepted it), declined,
 * allocated (a worker allocated, or the work under way: any later step), closed (closed, or
 * its last step reached). The order is the inbox's. */
typedef enum {
    OR_REFERRAL_NEW,
    OR_REFERRAL_ACCEPTED,
    OR_REFERRAL_DECLINED,
    OR_REFERRAL_ALLOCATED,
    OR_REFERRAL_CLOSED,
    OR_REFERRAL__N
} or_referral_status;

or_referral_status or_referral_status_of(const or_referral_state *s);
/* Its key in URLs and CSV ("new", "accepted", ...) and its words on screen ("New", ...). */
const char *or_referral_status_key(or_referral_status s);
const char *or_referral_status_words(or_referral_status s);
/* The status of a key, -1 when none. */
int or_referral_status_parse(const char *key);

/* The statuses a form may offer next (NULL-terminated, at most OR_REFERRAL_MAX_STEPS + 3):
 * the next step, a repeat of a repeating step, "declined" before acceptance, "closed". */
int or_referral_next(const or_referral_state *s, const char *out[], int max);

#endif
