/* rules_internal.h - what the rules wing shares inside itself (docs/architecture.md "Rules"):
 *   - the duty kit (duty_kit.c): the pupil's exclusions worked out once on their schools'
 *     calendars, and adding a duty with its status; the rule files call it, never the engine;
 *   - the risk kit (risk_kit.c): an indicator's words built in the arena, the pupil's school;
 *   - the evaluators of the rule files (statutory.c, protocol.c, risk.c, cap.c), which only
 *     the catalogue (catalogue.c) names; the engine (engine.c) calls them through its rows.
 * Calls go one way: engine -> catalogue -> rule files -> kits -> core. A rule file reaches the
 * rows through its context (c->rules), which the engine fills, never by calling the catalogue.
 * The citations are macros here so that a rule file that words its own refusal (cap.c) cites
 * the same text as its row without calling the catalogue. */
#ifndef ONROLL_RULES_INTERNAL_H
#define ONROLL_RULES_INTERNAL_H

#include <stdarg.h>

#include "onroll/duties.h"
#include "onroll/excl.h"
#include "onroll/risk.h"
#include "onroll/rules.h"

/* ---- the sources the rows cite ---- */

#define OR_SRC_GUIDE "DfE Suspension and permanent exclusion guidance (2024)"
#define OR_SRC_REGS  "SI 2012/1033 School Discipline (Pupil Exclusions and Reviews) Regulations"
#define OR_SRC_LOCAL "LA local protocol (Hackney No Need to Exclude)"
#define OR_SRC_WT    "Working Together to Safeguard Children 2023"
#define OR_SRC_RISK  "onroll early identification indicator (configurable)"
#define OR_SRC_AP                                                                                  \
    "DfE Arranging alternative provision: a guide for local authorities and schools (February "    \
    "2025)"
#define OR_SRC_APQA                                                                                \
    "DfE Non-school alternative provision: voluntary national standards (August 2025)"
#define OR_SRC_CAP "Education Act 2002 s51A; " OR_SRC_REGS " reg 4"

/* ---- the duty kit ---- */

enum { OR_MAX_EXCL_DAYS = 96 };

/* One exclusion as the rules see it. */
typedef struct or_excl_info {
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

typedef struct or_duty_ctx {
    const or_rule *rules; /* the catalogue, indexed by or_rule_id (the engine sets it) */
    const or_pupil_facts *f;
    const or_params *p;
    or_date as_of;
    or_duty_list *out;
    or_excl_info *x; /* the pupil's exclusions decided by as_of, in order */
    int nx;
} or_duty_ctx;

/* Work out the pupil's exclusions decided by c->as_of once (days, term and year totals,
 * half-term order) into c->x, allocated in arena. */
void or_duty_prepare(or_duty_ctx *c, or_arena *arena);

/* How a duty's status is worked out. */
typedef enum {
    OR_DUE_BY,      /* done by its action; overdue after the due date */
    OR_DUE_OVERDUE, /* the caller found it overdue already (unless done) */
} or_due_mode;

/* The action (decided on or before as_of) that did `rule` for event e, or NULL. */
const or_fact_event *or_duty_action(const or_duty_ctx *c, const or_fact_event *e, or_rule_id rule);
/* What did `rule` for event e when recording e in onroll does it (STAT-NOTIFY-LA: onroll is
 * the LA's own system): the earlier of its action and e's recording as of c->as_of. e itself
 * stands for the recording (the duty is done on e->recorded, by "onroll"); NULL if neither. */
const or_fact_event *or_duty_recorded(const or_duty_ctx *c, const or_fact_event *e,
                                      or_rule_id rule);
/* Add a duty of `rule`. e may be NULL for a pupil-level duty (then urn says where). A duty of
 * a withdrawn or reinstated exclusion that is not done and not yet due when it ended is
 * dropped, unless its row says it survives the end (the STAT-NOTIFY-* duties). */
void or_duty_add(or_duty_ctx *c, const or_fact_event *e, int urn, or_rule_id rule, or_date due,
                 or_due_mode mode, const or_fact_event *done, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/* done: an action event, or the exclusion itself (or_duty_recorded: done by recording it). */

/* AFTER(d, n) / NTH(d, n) on the exclusion's school calendar (OR_DATE_NONE without one). */
or_date or_duty_after(const or_excl_info *x, or_date d, int n);
or_date or_duty_nth(const or_excl_info *x, or_date d, int n);

bool or_is_suspension(or_event_kind k); /* a suspension or a lunchtime suspension */

/* ---- the risk kit ---- */

/* Text built in the arena. */
typedef struct {
    or_arena *arena;
    char *buf;
    size_t len, cap;
} or_rtext;

void or_rtext_addf(or_rtext *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void or_rtext_sep(or_rtext *t, const char *sep); /* sep unless t is empty */
void or_rtext_date(or_rtext *t, or_date d);      /* "12 Sep 2025" */
void or_rtext_days(or_rtext *t, int halves);     /* "1 day", "2 days", "0.5 days" */

typedef struct or_risk_ctx {
    const or_rule *rules; /* the catalogue, indexed by or_rule_id (the engine sets it) */
    const or_pupil_facts *f;
    const or_params *p;
    or_date as_of;
    int ay;
    or_date ay_start, ay_end;
    int urn;
    const or_calendar *cal; /* the pupil's school's, or NULL */
    or_arena *arena;
    or_rtext detail[OR_RULE__COUNT]; /* by rule: the facts that fired it */
    bool fired[OR_RULE__COUNT];
    or_date on[OR_RULE__COUNT]; /* by rule: the latest fact that fired it */
} or_risk_ctx;

/* Set c up for the pupil as of as_of: the school year, the pupil's school and its calendar. */
void or_risk_ctx_init(or_risk_ctx *c, const or_rule *rules, const or_pupil_facts *f,
                      const or_params *p, or_date as_of, or_arena *arena);
/* Fire indicator r on the fact dated on (kept: the latest of those it is fired with). */
void or_risk_fire(or_risk_ctx *c, or_rule_id r, or_date on);
/* The rows of the indicators fired so far, in rule-id order (the order flags are listed in);
 * returns how many. */
int or_risk_fired(const or_risk_ctx *c, const or_rule **out);
/* The pupil's school on as_of: the main enrolment covering it, else the latest enrolment (one
 * started by as_of if any), else the school of the latest event (likewise), else 0. */
int or_risk_pupil_urn(const or_pupil_facts *f, or_date as_of);
/* A school's calendar when it has school days, else NULL. */
const or_calendar *or_risk_school_cal(const or_pupil_facts *f, int urn);

/* ---- the evaluators (named only by the catalogue) ---- */

/* statutory.c (DOMAIN.md §3) */
void or_stat_notify(or_duty_ctx *c, const or_excl_info *x);
void or_stat_board(or_duty_ctx *c, const or_excl_info *x);
void or_stat_review(or_duty_ctx *c, const or_excl_info *x);
void or_stat_sixth_day_la(or_duty_ctx *c, const or_excl_info *x);
void or_stat_sixth_day_school(or_duty_ctx *c);

/* protocol.c (DOMAIN.md §4) */
void or_local_consult(or_duty_ctx *c);
void or_local_psp(or_duty_ctx *c);
void or_local_peap(or_duty_ctx *c);
void or_local_partners(or_duty_ctx *c);
void or_local_pep(or_duty_ctx *c);
void or_local_ptt(or_duty_ctx *c);
void or_local_referrals(or_duty_ctx *c);
/* cnis.c: children not in school */
void or_local_cnis(or_duty_ctx *c);
void or_stat_deletion(or_duty_ctx *c);
void or_local_mash(or_duty_ctx *c);
void or_local_panel(or_duty_ctx *c); /* panel_rules.c */
void or_local_attend_alert(or_duty_ctx *c);
/* ap_rules.c (issue 17: alternative provision placements) */
void or_local_ap(or_duty_ctx *c);
/* LOCAL-ACTION-PLAN: a school's, about a review's action plan, not a pupil (action_plan.c) */
void or_local_action_plan(or_duty_ctx *c);
/* LOCAL-PARTNERSHIP-MEETING: a school's, about its partnership meetings (partnership.c) */
void or_local_partnership_meeting(or_duty_ctx *c);
/* LOCAL-WORKSHOP-COMMITMENT: a workshop's commitment, not a pupil's (workshop_commitment.c) */
void or_local_workshop_commitment(or_duty_ctx *c);

/* risk.c (DOMAIN.md §5) */
void or_risk_repeat(or_risk_ctx *c);
void or_risk_days_in_year(or_risk_ctx *c);
void or_risk_halfterm(or_risk_ctx *c);
void or_risk_attendance(or_risk_ctx *c); /* RISK-PA and RISK-SA */
void or_risk_vulnerable(or_risk_ctx *c);
void or_risk_ptt(or_risk_ctx *c);
void or_risk_moves(or_risk_ctx *c);
void or_risk_missing(or_risk_ctx *c);
void or_risk_no_plan(or_risk_ctx *c); /* last: it reads what the others fired */

/* cap.c: or_cap_breach (duties.h) */

#endif
