/* panel.h - the multi-agency panel (hot clinic; issue 17 part 9; docs/panel.md): a school's or
 * the LA's referral of a pupil to the panel is a `referral` event to the "panel" route
 * (referrals.h), its details (plans.h's referral fields, and the panel's own under "x_" keys:
 * urgency, the child's and the parent's views, adverse experiences, what has been tried); the
 * panel's decision a `referral_update` "discussed", each further action agreed a
 * `referral_update` "panel_action"; an action's owner is the update's `to`, its due date its
 * `end` (LOCAL-PANEL-ACTION). Meetings are rows of migration 029 (store_panel.h).
 *
 * Turnaround, the panel's KPI: an urgent referral is to be considered the same school day, a
 * standard one within 3 school days of the referral (the referring school's calendar). Pure
 * functions: no I/O. */
#ifndef ONROLL_PANEL_H
#define ONROLL_PANEL_H

#include <stdbool.h>

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/facts.h"

/* The adverse experiences of the referral's checklist: key (stored) and words. */
typedef struct {
    const char *key, *label;
} or_panel_ace;
int or_panel_aces_count(void);
const or_panel_ace *or_panel_ace_at(int i);
const char *or_panel_ace_label(const char *key); /* the key itself when unknown */

/* The school days within which a referral is to be considered: 0 (the same day) for an
 * urgent one, 3 otherwise. */
int or_panel_target_days(bool urgent);

typedef struct {
    or_date due;     /* the last day within target */
    bool considered; /* considered (discussed) on or before as_of */
    int days;        /* school days from the referral to its consideration (or to as_of) */
    bool within;     /* considered by `due` */
    bool late;       /* not considered and as_of is past `due` */
} or_panel_turnaround;

/* The turnaround of a referral made on `referred` (urgent or not) considered on `considered`
 * (OR_DATE_NONE: not yet), as of as_of, on calendar cal (NULL: every weekday counts). Days are
 * the school days after the referral up to the day considered: the same day is 0. */
void or_panel_turnaround_of(const or_calendar *cal, or_date referred, bool urgent,
                            or_date considered, or_date as_of, or_panel_turnaround *out);

/* The median of n whole numbers (n > 0; the array is sorted in place), -1 when n is 0. */
double or_panel_median(int *days, int n);

/* The panel's referral as read from the pupil's facts: its details' urgency, and the day it
 * was considered (its first "discussed" update) and the decision event, if any. */
typedef struct {
    const or_fact_event *referral;
    bool urgent;
    const or_fact_event *decision; /* the "discussed" update, or NULL */
} or_panel_case;

bool or_panel_case_of(const or_pupil_facts *f, const or_fact_event *r, or_panel_case *out);

/* Whether an update is the panel's action ("discussed" or "panel_action" with an owner and a
 * due date): LOCAL-PANEL-ACTION's events. */
bool or_panel_is_action(const or_fact_event *u);

/* One key of a details object as text ("" when absent; arrays joined with "; "), copied into a. */
const char *or_panel_detail(const char *details, const char *key, or_arena *a);

#endif
