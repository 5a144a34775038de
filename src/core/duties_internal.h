/* duties_internal.h - what duties.c (the framework), duties_stat.c (DOMAIN.md §3) and
 * protocol.c (§4) share: the pupil's exclusions worked out once on their schools' calendars,
 * and one function that adds a duty with its status. */
#ifndef ONROLL_DUTIES_INTERNAL_H
#define ONROLL_DUTIES_INTERNAL_H

#include <stdarg.h>

#include "onroll/duties.h"
#include "onroll/excl.h"

enum { OR_MAX_EXCL_DAYS = 96 };

/* One exclusion as the rules see it. */
typedef struct {
    const or_fact_event *e;
    const or_school_info *school; /* NULL if the school is unknown */
    const or_calendar *cal;       /* NULL if no calendar */
    bool counts;                  /* or_excl_counts as of the date */
    or_date ended_on;             /* withdrawn or reinstated on (as of the date), else NONE */
    int ndays;                    /* school days covered (or_excl_days) */
    or_date days[OR_MAX_EXCL_DAYS];
    int halves[OR_MAX_EXCL_DAYS];
    int term_after;   /* half-days in the (most loaded) term it touches, it included */
    int year_after;   /* suspensions (incl. lunchtime) counted this school year, it included */
    int halfterm_nth; /* it is the n-th counted suspension of its half-term at its school */
} or_excl_info;

typedef struct {
    const or_pupil_facts *f;
    const or_params *p;
    or_date as_of;
    or_duty_list *out;
    or_excl_info *x; /* the pupil's exclusions decided by as_of, in order */
    int nx;
} or_duty_ctx;

/* How a duty's status is worked out. */
typedef enum {
    OR_DUE_BY,      /* done by its action; overdue after the due date */
    OR_DUE_OVERDUE, /* the caller found it overdue already (unless done) */
} or_due_mode;

/* The action (decided on or before as_of) that did `rule` for event e, or NULL. */
const or_fact_event *or_duty_action(const or_duty_ctx *c, const or_fact_event *e, const char *rule);
/* Add a duty. e may be NULL for a pupil-level duty (then urn says where). A duty of a
 * withdrawn or reinstated exclusion that is not done and not yet due when it ended is
 * dropped, except the STAT-NOTIFY-* duties. */
void or_duty_add(or_duty_ctx *c, const or_fact_event *e, int urn, const char *rule_id, or_date due,
                 or_due_mode mode, const or_fact_event *done, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* AFTER(d, n) / NTH(d, n) on the exclusion's school calendar (OR_DATE_NONE without one). */
or_date or_duty_after(const or_excl_info *x, or_date d, int n);
or_date or_duty_nth(const or_excl_info *x, or_date d, int n);

void or_duties_statutory(or_duty_ctx *c);
void or_duties_local(or_duty_ctx *c);

#endif
