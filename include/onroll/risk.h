/* risk.h - children at risk (DOMAIN.md §5): every indicator that fires for a pupil, each with
 * its rule id and the facts that fired it in plain words ("3 suspensions this year: 12 Sep,
 * 3 Oct, 14 Nov"). Pure: facts, parameters and a date in, flags out. */
#ifndef ONROLL_RISK_H
#define ONROLL_RISK_H

#include <stddef.h>

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
    or_date on; /* the date of the latest fact that fired it (its recency) */
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

/* ---- ranking (risk_tier.c, docs/risk.md) ----
 * Each indicator is of one kind: exclusion risk or attendance risk. A child's tier comes from
 * the weights (parameters risk.weight.RISK-...) of the indicators that fired, added: from
 * risk.tier.high high, from risk.tier.medium medium, else low. RISK-NO-PLAN is of the
 * exclusion kind; as it only follows other indicators, it makes a child one of the exclusion
 * kind only beside another exclusion indicator (a child absent with no plan is at attendance
 * risk, whose weight it adds to). */
typedef enum { OR_RISK_EXCLUSION, OR_RISK_ATTENDANCE, OR_RISK_KIND__N } or_risk_kind;
typedef enum { OR_TIER_NONE, OR_TIER_LOW, OR_TIER_MEDIUM, OR_TIER_HIGH, OR_TIER__N } or_risk_tier;

/* The kind of an indicator (RISK-* rule id; an id that is no indicator: exclusion). */
or_risk_kind or_risk_kind_of(or_rule_id indicator);
/* An indicator's short name for people ("Persistent absence"); "" for a rule that is not one. */
const char *or_risk_indicator_name(or_rule_id indicator);
/* The parameter that weighs an indicator, -1 for a rule that is not one. */
int or_risk_weight_param(or_rule_id indicator);
/* "exclusion", "attendance"; "high", "medium", "low" ("" for none): the words of the lists,
 * CSV and URLs (?kind=, ?tier=); and back (-1 if unknown). */
const char *or_risk_kind_key(or_risk_kind k);
const char *or_risk_tier_key(or_risk_tier t);
int or_risk_kind_parse(const char *s);
int or_risk_tier_parse(const char *s);
/* For people: "Exclusion", "Attendance"; "High", "Medium", "Low". */
const char *or_risk_kind_label(or_risk_kind k);
const char *or_risk_tier_label(or_risk_tier t);

/* One child ranked: the tier, the weight it comes from, the kinds (bit 1 << kind), the most
 * recent date of what fired (OR_DATE_NONE when nothing did). */
typedef struct {
    or_risk_tier tier;
    int weight;
    unsigned kinds;
    or_date latest;
} or_risk_rank;

/* The tier of one pupil from that pupil's flags (n of them; none: OR_TIER_NONE). */
or_risk_rank or_risk_rank_of(const or_flag *flags, int n, const or_params *p);
/* Why that tier, in words: "High risk: weight 6 (RISK-HALFTERM 2, RISK-NO-PLAN 1,
 * RISK-REPEAT-SUSP 3); high from 5, medium from 3", the indicators by their ids, or with
 * names by their names for people ("Suspensions in one half-term 2, ..."). Into buf (always
 * terminated). */
void or_risk_explain(const or_flag *flags, int n, const or_params *p, bool names, char *buf,
                     size_t size);
/* Children by tier and kind: pupils[tier][kind], kind OR_RISK_KIND__N counting each child once
 * whatever its kinds; tier OR_TIER_NONE unused. */
typedef struct {
    int pupils[OR_TIER__N][OR_RISK_KIND__N + 1];
} or_risk_counts;
/* Add one pupil (its flags) to the counts. */
void or_risk_count_pupil(or_risk_counts *c, const or_flag *flags, int n, const or_params *p);
/* The counts of a flag list whose flags are grouped by pupil (as or_risk_for_pupil appends
 * them, or after or_flags_sort): each run of one UPN is a pupil. */
void or_risk_counts_of(const or_flag_list *l, const or_params *p, or_risk_counts *out);

/* Attendance in the academic year ay up to and including as_of, from the marks and the totals
 * (all schools; a school's totals for a year it sent marks for are not counted twice; totals
 * count for the periods that ended by as_of, a period covered by a longer one of the same
 * school is left out): possible sessions (codes that count), sessions attended (present and
 * approved educational activity; a totals row's `present`). */
void or_attendance_summary(const or_pupil_facts *f, int ay, or_date as_of, int *possible,
                           int *attended);

#endif
