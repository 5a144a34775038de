/* risk.h - children at risk (DOMAIN.md §5): every indicator that fires for a pupil, each with
 * its rule id and the facts that fired it in plain words ("3 suspensions this year: 12 Sep,
 * 3 Oct, 14 Nov"). Pure: facts, parameters and a date in, flags out. */
#ifndef ONROLL_RISK_H
#define ONROLL_RISK_H

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/rules.h"

typedef struct {
    const char *upn;
    int urn; /* the school the pupil is on roll at on the date (main registration), else the
                school of the latest enrolment */
    const or_rule *rule;
    const char *detail;
} or_flag;

typedef struct {
    or_flag *items;
    int n, cap;
    or_arena *arena;
} or_flag_list;

void or_flag_list_init(or_flag_list *l, or_arena *arena);

/* Append the indicators that fire for the pupil as of as_of, in rule-id order. */
or_code or_risk_for_pupil(const or_pupil_facts *f, const or_params *p, or_date as_of,
                          or_flag_list *out, or_error *err);

/* Attendance in the academic year ay up to and including as_of, from the marks (all
 * schools): possible sessions (codes that count), sessions attended (present and approved
 * educational activity). */
void or_attendance_summary(const or_pupil_facts *f, int ay, or_date as_of, int *possible,
                           int *attended);

#endif
