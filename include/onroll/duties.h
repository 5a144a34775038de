/* duties.h - what must be done, by whom and by when: the statutory duties (DOMAIN.md §3) and
 * the local protocol (§4) of one pupil's exclusions, as of a date, and the 45-day cap check.
 *
 * Each duty is (event, rule, who, due, status, done_on) as in `onroll duties --format csv`.
 * A duty is done by an `action` event naming the event and the rule (or as its rule's row
 * says: rules.h, or_rule_done). Pure functions of the pupil's facts (facts.h), the LA's
 * parameters (params.h) and the date. The rules engine (src/rules/engine.c) works them out from
 * the catalogue (src/rules/catalogue.c); the cap is src/rules/cap.c. */
#ifndef ONROLL_DUTIES_H
#define ONROLL_DUTIES_H

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/rules.h"

typedef enum { OR_DUTY_OPEN, OR_DUTY_OVERDUE, OR_DUTY_DONE } or_duty_status;

const char *or_duty_status_name(or_duty_status s); /* "open", "overdue", "done" */

typedef struct {
    const char *event_id; /* "" for a pupil-level duty (e.g. LOCAL-PEP) */
    int urn;
    const char *upn;
    const or_rule *rule;
    or_date due; /* OR_DATE_NONE: no fixed date */
    or_duty_status status;
    or_date done_on;     /* OR_DATE_NONE unless done */
    const char *done_by; /* "onroll" when recording the event in onroll did it, else NULL */
    const char *detail;  /* plain words: why it applies, how the date was counted */
} or_duty;

typedef struct {
    or_duty *items;
    int n, cap;
    or_arena *arena; /* owns items and their strings */
} or_duty_list;

void or_duty_list_init(or_duty_list *l, or_arena *arena);

/* Append the pupil's duties as of as_of (events decided after it are not yet known). */
or_code or_duties_for_pupil(const or_pupil_facts *f, const or_params *p, or_date as_of,
                            or_duty_list *out, or_error *err);

/* STAT-45DAY-CAP's sum, the one place it is counted: the half-days of suspension and
 * lunchtime suspension that count (or_excl_counts on the whole record) at school urn (urn 0:
 * across all schools). ay > 0: in that school year. ay 0: every school year on its own, in
 * date order. With limit >= 0 it stops at the first suspension that takes its year's total
 * above limit half-days (`over`, the total with it in halfdays). */
typedef struct {
    int ay;                    /* the school year of the total */
    int halfdays;              /* the total */
    bool several;              /* counted from more than one school */
    const or_fact_event *over; /* the suspension that went above the limit, or NULL */
} or_cap_total;
void or_cap_sum(const or_pupil_facts *f, int ay, int urn, int limit, or_cap_total *out);

/* STAT-45DAY-CAP: would a suspension or lunchtime suspension of `halfdays` half-day sessions
 * starting on `start` take the pupil's total in that school year, across all schools, above
 * the cap? OR_ERULE with the total so far and the statute named if so. */
or_code or_cap_check(const or_pupil_facts *f, const or_params *p, or_date start, int halfdays,
                     or_error *err);

/* STAT-45DAY-CAP over what is recorded: the first suspension (in date order) whose days take
 * the pupil's total in its school year above the cap, or NULL; *total = that total in
 * half-days. For checking a batch after it is written inside its transaction. */
const or_fact_event *or_cap_breach(const or_pupil_facts *f, const or_params *p, int *total);
/* The half-days of suspension at school urn in school year ay that count towards the cap. */
int or_cap_school_halfdays(const or_pupil_facts *f, int urn, int ay);

/* Sort duties as the CSV wants: by due (no date last), then urn, event_id, rule. */
void or_duties_sort(or_duty_list *l);

#endif
