/* facts.h - one pupil's ledger, ready for the rules: events, characteristics over time,
 * enrolments, caseload and attendance, each sorted, with the schools' calendars at hand.
 *
 * The rules (src/rules/) are pure functions of these facts, a date and the LA's
 * parameters, so every duty and flag can be recomputed and explained at any time. The model
 * (src/model/) fills them from the store; tests fill them by hand. Strings are borrowed. */
#ifndef ONROLL_FACTS_H
#define ONROLL_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/calendar.h"
#include "onroll/date.h"

typedef enum {
    OR_EV_SUSPENSION,
    OR_EV_LUNCHTIME,
    OR_EV_PERMANENT,
    OR_EV_WITHDRAWN,
    OR_EV_REINSTATED,
    OR_EV_MANAGED_MOVE,
    OR_EV_OFF_SITE,
    OR_EV_AP_PLACEMENT,
    OR_EV_PART_TIME,
    OR_EV_EHE,
    OR_EV_CME,
    OR_EV_UNEXPLAINED_EXIT,
    OR_EV_IN_YEAR_TRANSFER,
    OR_EV_REPRESENTATIONS,
    OR_EV_ACTION,
    /* the graduated response */
    OR_EV_PSP,
    OR_EV_PLAN_REVIEW,
    OR_EV_PEAP,
    OR_EV_PEP,
    OR_EV_INTERVENTION,
    OR_EV_REFERRAL,
    OR_EV_REFERRAL_UPDATE,
    OR_EV_MEASURE,
    OR_EV__COUNT
} or_event_kind;

/* The event types' names in formats.md ("suspension"...), by kind, NULL-terminated: the
 * events file's `type` vocabulary (kinds.c). */
extern const char *const or_event_kind_names[OR_EV__COUNT + 1];
/* The event type's name in formats.md ("suspension"...), and back (-1 if unknown). */
const char *or_event_kind_name(or_event_kind k);
int or_event_kind_parse(const char *name);

typedef struct {
    const char *event_id;
    int urn;
    or_event_kind kind;
    or_date start, end, decided, exam_date; /* decided defaults to start */
    int sessions;                           /* -1 if not recorded */
    const char *reasons, *ref, *rule, *outcome, *delivery, *provider, *to;
    const char *intervention, *measure, *score, *details; /* the graduated response */
    int to_urn;
    int64_t seq;      /* order of receipt, to break ties */
    or_date recorded; /* the day it was recorded in onroll (local time); 0 when not known (facts
                         built by hand). An exclusion with no decision date was decided on the
                         earlier of its start and this day. */
} or_fact_event;

typedef struct {
    or_date as_of;
    or_date dob;
    char sex; /* 'M' or 'F' */
    const char *ethnicity, *sen_need, *year_group;
    char sen;                                      /* 'N', 'K', 'E' */
    int8_t fsm, fsm6, eal, cla, pla, cin, cp, yjs; /* -1 = not recorded */
    or_date social_worker_since;
    int8_t young_carer, parent_or_pregnant; /* special-category (roni.h); -1 = not recorded */
} or_fact_snapshot;

typedef struct {
    int urn;
    or_date start, end; /* end OR_DATE_NONE while on roll */
    char reg_type;      /* 'm'ain, 'd'ual, 's'ubsidiary */
    const char *year_group;
    const char *leaving_reason; /* why it ended, as the school recorded it; NULL if not */
} or_fact_enrolment;

typedef struct {
    const char *worker, *role;
    or_date start, end;
} or_fact_case;

typedef struct {
    int urn, ay;
    const char *marks; /* OR_MARKS_LEN bytes (marks.h) */
} or_fact_marks;

/* Attendance sent as totals (formats.md, the aggregate attendance form): over [from, to] at
 * urn, possible sessions, sessions present, authorised and unauthorised absence. */
typedef struct {
    int urn;
    or_date from, to;
    int possible, present, authorised, unauthorised;
} or_fact_totals;

/* A school as the rules need it. */
typedef struct {
    int urn, la_code;
    const char *name, *phase;
    const or_calendar *cal;
} or_school_info;

/* Look up a school by URN (NULL if unknown). */
typedef const or_school_info *(*or_school_lookup)(void *ctx, int urn);

typedef struct {
    const char *upn;
    const or_fact_snapshot *snaps; /* by as_of, then receipt */
    int nsnaps;
    const or_fact_event *events; /* by start, then seq */
    int nevents;
    const or_fact_enrolment *enrols; /* by start */
    int nenrols;
    const or_fact_case *cases;
    int ncases;
    const or_fact_marks *marks; /* by ay, urn */
    int nmarks;
    const or_fact_totals *totals; /* by from, then urn */
    int ntotals;
    or_school_lookup school;
    void *school_ctx;
} or_pupil_facts;

/* When an exclusion was decided: its `decided` date if recorded (not OR_DATE_NONE), else the
 * earlier of its start and the day it was recorded in onroll (recorded 0: not known). A
 * suspension recorded today that starts tomorrow was decided today: its duties exist now. */
or_date or_fact_decided(or_date decided, or_date start, or_date recorded);

/* Whether the pupil had left school urn before day d (issue 14: an event dated after it is
 * refused): the latest exit event at urn before d (an unexplained exit, elective home
 * education, child missing education or in-year transfer) that no enrolment at urn starting
 * after it, on or before d, undoes, in *exit; else, when the pupil has enrolments at urn and
 * none covers d but one ended before it, the last such end (*exit NULL). OR_DATE_NONE: not
 * left (or never on its roll, which this does not judge). */
or_date or_facts_left_school(const or_pupil_facts *f, int urn, or_date d,
                             const or_fact_event **exit);
/* Whether an event of this kind takes the pupil off the school's roll (an unexplained exit,
 * elective home education, child missing education, an in-year transfer). */
bool or_event_is_exit(or_event_kind k);

/* The snapshot in force on d (the latest as_of <= d, else the earliest one), or NULL. */
const or_fact_snapshot *or_facts_snapshot_on(const or_pupil_facts *f, or_date d);
/* The event with this id at this school, or NULL. */
const or_fact_event *or_facts_event(const or_pupil_facts *f, int urn, const char *event_id);
/* The latest `action` event for (urn, ref, rule), or NULL. */
const or_fact_event *or_facts_action(const or_pupil_facts *f, int urn, const char *ref,
                                     const char *rule);
/* Whether a withdrawn event names the exclusion; its date in *on. (Whether it was withdrawn
 * or reinstated, as the rules count it: excl.h, or_excl_fate_of.) */
bool or_facts_withdrawn(const or_pupil_facts *f, const or_fact_event *ex, or_date *on);
/* Has a social worker on d: CIN, CP or CLA in force, or an open social_worker caseload. */
bool or_facts_has_social_worker(const or_pupil_facts *f, or_date d);
/* Of compulsory school age on d (Education Act 1996 s8: from the prescribed day after the
 * 5th birthday to the last Friday of June of the school year in which the child turns 16). */
bool or_compulsory_school_age(or_date dob, or_date d);

#endif
