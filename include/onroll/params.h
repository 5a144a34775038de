/* params.h - the LA's thresholds and deadlines, as data: every number a rule uses, with its
 * default, the rule it belongs to and, for statutory ones, the statute's value that a local
 * setting may tighten but never weaken (ARCHITECTURE.md "rules are data"). */
#ifndef ONROLL_PARAMS_H
#define ONROLL_PARAMS_H

#include "onroll/error.h"

typedef enum {
    /* statutory (DOMAIN.md §3): an LA may only make these stricter */
    OR_P_CAP_DAYS,           /* STAT-45DAY-CAP: 45 school days a school year */
    OR_P_GB_NOTIFY_DAYS,     /* STAT-NOTIFY-GB: term total above 5 days */
    OR_P_GB_15_TERM_DAYS,    /* STAT-GB-15DAY: term total above 15 days */
    OR_P_GB_15_DEADLINE,     /* STAT-GB-15DAY: within 15 school days */
    OR_P_GB_50_DEADLINE,     /* STAT-GB-50DAY: within 50 school days */
    OR_P_IRP_APPLY_DEADLINE, /* STAT-IRP-APPLY: 15 school days */
    OR_P_IRP_MEET_DEADLINE,  /* STAT-IRP-MEET: 15 school days */
    OR_P_IRP_RECON_DEADLINE, /* STAT-IRP-RECONSIDER: 10 school days */
    OR_P_SIXTH_DAY,          /* STAT-6TH-DAY-*: provision from day 6 */
    /* local protocol (DOMAIN.md §4) */
    OR_P_CONSULT_SUSPENSIONS, /* LOCAL-CONSULT-2-15: more than 2 suspensions a year */
    OR_P_CONSULT_TERM_DAYS,   /* LOCAL-CONSULT-2-15: more than 15 days in a term */
    OR_P_PSP_SUSPENSIONS,     /* LOCAL-PSP: 2 or more suspensions a year */
    OR_P_PSP_LONG_DAYS,       /* LOCAL-PSP: one suspension of 10 days or more */
    OR_P_PSP_DEADLINE,        /* LOCAL-PSP: within 10 school days */
    OR_P_PSP_REVIEW_DAYS,     /* LOCAL-PSP-REVIEW: every 28 days */
    OR_P_PEAP_HALFTERM,       /* LOCAL-PEAP: 2 suspensions in one half-term */
    OR_P_PARTNERS_DEADLINE,   /* LOCAL-NOTIFY-PARTNERS: within 1 school day */
    OR_P_PTT_MAX_DAYS,        /* LOCAL-PTT: 30 school days */
    OR_P_CME_FIRST_DAYS,      /* LOCAL-CME-ENQUIRY: the first enquiry within 5 school days */
    OR_P_CME_EVERY_DAYS,      /* LOCAL-CME-ENQUIRY: then every 10 school days */
    OR_P_EHE_FIRST_DAYS,      /* LOCAL-EHE-ENQUIRY: the first enquiry within 10 school days */
    OR_P_EHE_REVIEW_DAYS,     /* LOCAL-EHE-ENQUIRY: suitable: again in 190 school days */
    OR_P_MASH_DEADLINE,       /* LOCAL-MASH-ASSESS: within 1 school day of being told */
    OR_P_APQA_NOTICE_DAYS,    /* LOCAL-APQA-EXPIRY: shown 20 school days before the expiry */
    OR_P_AP_REVIEW_MIN_DAYS,  /* LOCAL-AP-REVIEW: a half-term with 10 school days of it */
    /* children at risk (DOMAIN.md §5) */
    OR_P_RISK_REPEAT_COUNT, /* RISK-REPEAT-SUSP: 2 or more suspensions */
    OR_P_RISK_REPEAT_WEEKS, /* RISK-REPEAT-SUSP: in the last 12 school weeks */
    OR_P_RISK_DAYS,         /* RISK-SUSP-DAYS: more than 10 days in the year */
    OR_P_RISK_HALFTERM,     /* RISK-HALFTERM: 2 or more in one half-term */
    OR_P_RISK_PA_PCT,       /* RISK-PA: attendance below 90% */
    OR_P_RISK_SA_PCT,       /* RISK-SA: attendance below 50% */
    OR_P_RISK_PTT_DAYS,     /* RISK-PTT: over 30 school days */
    OR_P_RISK_MOVES,        /* RISK-MOVES: 2 or more changes of school */
    OR_P_RISK_MOVES_MONTHS, /* RISK-MOVES: in 12 months */
    OR_P_RISK_MISSING_DAYS, /* RISK-MISSING: 10 consecutive school days */
    /* how much each indicator weighs in a child's tier (risk.h, docs/risk.md) */
    OR_P_RISK_W_REPEAT_SUSP,
    OR_P_RISK_W_SUSP_DAYS,
    OR_P_RISK_W_HALFTERM,
    OR_P_RISK_W_PA,
    OR_P_RISK_W_SA,
    OR_P_RISK_W_VULNERABLE,
    OR_P_RISK_W_PTT,
    OR_P_RISK_W_MOVES,
    OR_P_RISK_W_MISSING,
    OR_P_RISK_W_NO_PLAN,
    OR_P_RISK_TIER_HIGH,   /* a weight of 5 or more is high risk */
    OR_P_RISK_TIER_MEDIUM, /* 3 or more is medium; below, low */

    /* who sees what (view.h, docs/security.md) */
    OR_P_SCOPE_PREVIOUS_DAYS, /* a previous school sees its period for 365 days after */
    OR_P_SCOPE_PARTNER_DAYS,  /* a partner sees a referral until 30 days after it ends */
    OR_P__COUNT
} or_param_id;

typedef enum {
    OR_TIGHTEN_LOWER, /* stricter = a smaller number (a threshold or a deadline) */
    OR_TIGHTEN_NONE,  /* local: any value in range */
} or_tighten;

typedef struct {
    const char *key;     /* "gb.notify_term_days": what `onroll config set` takes */
    const char *rule_id; /* the rule it belongs to */
    int def, min, max;
    or_tighten tighten; /* statutory ones: never above def */
    const char *meaning;
} or_param_def;

typedef struct {
    int v[OR_P__COUNT];
} or_params;

const or_param_def *or_param_def_at(or_param_id id);
int or_param_find(const char *key); /* or -1 */
void or_params_default(or_params *p);
/* Set key to value (text, as typed). Refuses unknown keys, values out of range, and a
 * statutory value weaker than the statute (the message names the rule and its source). */
or_code or_params_set(or_params *p, const char *key, const char *value, or_error *err);

#endif
