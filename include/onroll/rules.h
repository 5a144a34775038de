/* rules.h - the catalogue of rules (DOMAIN.md §3-5): one row per statutory duty, local-protocol
 * step, risk indicator and the 45-day cap, with who acts, the text, the source, the parameters
 * it reads (params.h), the function that evaluates it and how a duty of it is done. Code names
 * a rule by its enum id (OR_RULE_STAT_NOTIFY_LA), so a misspelt id does not compile; the text
 * id ("STAT-NOTIFY-LA") is for data (the `rule` column of events, CSV and JSON, `onroll
 * explain`) and is read back with or_rule_parse (rule_ids.h). id -> row -> function is one hop:
 * or_rule_get(OR_RULE_LOCAL_PSP)->eval. The rows are in src/rules/catalogue.c; the evaluators
 * in src/rules/statutory.c, protocol.c, risk.c and cap.c (docs/architecture.md "Rules"). */
#ifndef ONROLL_RULES_H
#define ONROLL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/error.h"
#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/rule_ids.h"

typedef enum { OR_RULE_STATUTORY, OR_RULE_LOCAL, OR_RULE_RISK } or_rule_kind;
typedef enum { OR_RULE_MUST, OR_RULE_SHOULD } or_rule_strength;

/* What the evaluators work on (src/rules/rules_internal.h). */
struct or_duty_ctx;
struct or_excl_info;
struct or_risk_ctx;

/* How the rules engine calls a rule's evaluator. Several rows may share one evaluator (it adds
 * the duties of a group of rules): the engine calls it once, where the first of them stands. */
typedef enum {
    OR_EVAL_EXCLUSION, /* duties: once for each of the pupil's exclusions, in date order */
    OR_EVAL_PUPIL,     /* duties: once for the pupil, after the per-exclusion ones */
    OR_EVAL_RISK,      /* risk: once for the pupil; fires its indicator (or several) */
    OR_EVAL_RECORD,    /* checked when a suspension is recorded (the importer refuses it) */
} or_eval_kind;

typedef struct {
    or_eval_kind kind;
    union {
        void (*exclusion)(struct or_duty_ctx *c, const struct or_excl_info *x);
        void (*pupil)(struct or_duty_ctx *c);
        void (*risk)(struct or_risk_ctx *c);
        const or_fact_event *(*record)(const or_pupil_facts *f, const or_params *p, int *total);
    } fn;
} or_rule_eval;

/* How a duty of the rule is done: what the pages offer to do it. */
typedef enum {
    OR_DONE_NOTHING,  /* nothing to record: an indicator, or a check made when recording */
    OR_DONE_ACTION,   /* an `action` event naming the event and the rule (page_action.c) */
    OR_DONE_PLAN,     /* an event of the plan kind `plan` (its form); an action for a past year */
    OR_DONE_REVIEW,   /* a review of the pupil's plan of kind `plan` (its review form) */
    OR_DONE_REFERRAL, /* a referral to one of the services `to` (referrals.h) */
    OR_DONE_STEP,     /* the referral's next step, recorded on the referral (referrals.h) */
} or_done_how;

typedef struct {
    or_done_how how;
    /* the graduated response's event type (plans.h) the duty is about: "psp", "peap", "pep",
     * "part_time_timetable", "referral"; NULL for a duty outside the graduated response */
    const char *plan;
    const char *words; /* what doing it is called on a link: "Start a PSP", or NULL */
    /* OR_DONE_REFERRAL: the services a referral to which does it; a school refers to the
     * first, the LA to the second */
    const char *to[2];
    /* the kinds of letter (letters.h) whose sending does the duty, where a letter does it: the
     * first that applies to the exclusion is the one its "Write the letter" button writes */
    const char *letters[2];
} or_rule_done;

enum { OR_RULE_MAX_PARAMS = 4 };

typedef struct {
    const char *id; /* "STAT-NOTIFY-LA" (or_rule_name(code)) */
    or_rule_kind kind;
    or_rule_strength strength;
    const char *who;     /* who must act */
    const char *summary; /* one plain sentence */
    const char *source;  /* statute, guidance paragraph or local protocol */
    int unconfirmed;     /* rests on a secondary source: show the source next to it */
    or_rule_id code;     /* OR_RULE_STAT_NOTIFY_LA: its index in the catalogue */
    or_param_id params[OR_RULE_MAX_PARAMS]; /* the thresholds and deadlines it reads */
    int nparams;
    or_rule_eval eval;
    or_rule_done done;
    /* a duty still owed when its exclusion is withdrawn or reinstated before it fell due
     * (telling people of the decision: STAT-NOTIFY-*) */
    bool survives_end;
} or_rule;

/* The row of a rule (NULL only for a number that is no id of the enum). */
const or_rule *or_rule_get(or_rule_id id);
size_t or_rules_count(void);
const or_rule *or_rule_at(size_t i); /* = or_rule_get(i), NULL past the end */
/* The row of a text id, or NULL (or_rule_parse, then or_rule_get). */
const or_rule *or_rule_find(const char *id);

#endif
