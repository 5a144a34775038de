/* params.c - the table of every threshold and deadline the rules use (see params.h). */
#include <stdlib.h>
#include <string.h>

#include "onroll/params.h"
#include "onroll/rules.h"

#define L OR_TIGHTEN_LOWER
#define N OR_TIGHTEN_NONE

static const or_param_def defs[OR_P__COUNT] = {
    [OR_P_CAP_DAYS] = {"cap.days", "STAT-45DAY-CAP", 45, 1, 45, L,
                       "most suspension days in a school year"},
    [OR_P_GB_NOTIFY_DAYS] = {"gb.notify_term_days", "STAT-NOTIFY-GB", 5, 0, 5, L,
                             "term total (days) above which the board is told"},
    [OR_P_GB_15_TERM_DAYS] = {"gb.meet_term_days", "STAT-GB-15DAY", 15, 0, 15, L,
                              "term total (days) above which the board must meet in 15 days"},
    [OR_P_GB_15_DEADLINE] = {"gb.meet_deadline", "STAT-GB-15DAY", 15, 1, 15, L,
                             "school days the board has to consider reinstatement"},
    [OR_P_GB_50_DEADLINE] = {"gb.representations_deadline", "STAT-GB-50DAY", 50, 1, 50, L,
                             "school days the board has to consider representations"},
    [OR_P_IRP_APPLY_DEADLINE] = {"irp.apply_deadline", "STAT-IRP-APPLY", 15, 15, 15, L,
                                 "school days the parent has to apply for a review"},
    [OR_P_IRP_MEET_DEADLINE] = {"irp.meet_deadline", "STAT-IRP-MEET", 15, 1, 15, L,
                                "school days to convene the review panel"},
    [OR_P_IRP_RECON_DEADLINE] = {"irp.reconsider_deadline", "STAT-IRP-RECONSIDER", 10, 1, 10, L,
                                 "school days the board has to reconsider"},
    [OR_P_SIXTH_DAY] = {"provision.from_day", "STAT-6TH-DAY-SCHOOL", 6, 1, 6, L,
                        "school day of an exclusion from which education must be provided"},
    [OR_P_CONSULT_SUSPENSIONS] = {"consult.suspensions", "LOCAL-CONSULT-2-15", 2, 0, 50, N,
                                  "suspensions in a year above which the LA is consulted"},
    [OR_P_CONSULT_TERM_DAYS] = {"consult.term_days", "LOCAL-CONSULT-2-15", 15, 1, 45, N,
                                "days in a term above which the LA is consulted"},
    [OR_P_PSP_SUSPENSIONS] = {"psp.suspensions", "LOCAL-PSP", 2, 1, 50, N,
                              "suspensions in a year that start a PSP"},
    [OR_P_PSP_LONG_DAYS] = {"psp.long_days", "LOCAL-PSP", 10, 1, 45, N,
                            "length (days) of one suspension that starts a PSP"},
    [OR_P_PSP_DEADLINE] = {"psp.deadline", "LOCAL-PSP", 10, 1, 60, N, "school days to start a PSP"},
    [OR_P_PSP_REVIEW_DAYS] = {"psp.review_days", "LOCAL-PSP-REVIEW", 28, 7, 90, N,
                              "days between PSP reviews"},
    [OR_P_PEAP_HALFTERM] = {"peap.halfterm_suspensions", "LOCAL-PEAP", 2, 1, 20, N,
                            "suspensions in one half-term that call for a pre-exclusion "
                            "assessment"},
    [OR_P_PARTNERS_DEADLINE] = {"partners.deadline", "LOCAL-NOTIFY-PARTNERS", 1, 0, 10, N,
                                "school days for the LA to notify partners"},
    [OR_P_MASH_DEADLINE] = {"mash.deadline", "LOCAL-MASH-ASSESS", 1, 0, 10, N,
                            "school days for the MASH to record its assessment of a permanent "
                            "exclusion"},
    [OR_P_PTT_MAX_DAYS] = {"ptt.max_days", "LOCAL-PTT", 30, 1, 190, N,
                           "school days a part-time timetable may last"},
    [OR_P_CME_FIRST_DAYS] = {"cme.first_days", "LOCAL-CME-ENQUIRY", 5, 1, 60, N,
                             "school days from a child going missing to the LA's first enquiry"},
    [OR_P_CME_EVERY_DAYS] = {"cme.every_days", "LOCAL-CME-ENQUIRY", 10, 1, 60, N,
                             "school days between the LA's enquiries while a child is missing"},
    [OR_P_EHE_FIRST_DAYS] = {"ehe.first_days", "LOCAL-EHE-ENQUIRY", 10, 1, 60, N,
                             "school days from elective home education to the LA's first "
                             "enquiry (and to the next, after one that found no suitable "
                             "education or had no answer)"},
    [OR_P_EHE_REVIEW_DAYS] = {"ehe.review_days", "LOCAL-EHE-ENQUIRY", 190, 20, 380, N,
                              "school days from an enquiry that found suitable education to "
                              "the next (190: a school year)"},
    [OR_P_APQA_NOTICE_DAYS] = {"apqa.notice_days", "LOCAL-APQA-EXPIRY", 20, 0, 190, N,
                               "school days before an AP provider's check expires that it is "
                               "shown as due"},
    [OR_P_AP_REVIEW_MIN_DAYS] = {"ap.review_min_days", "LOCAL-AP-REVIEW", 10, 1, 60, N,
                                 "school days of a half-term an AP placement runs in that call "
                                 "for a review in it"},
    [OR_P_RISK_REPEAT_COUNT] = {"risk.repeat_suspensions", "RISK-REPEAT-SUSP", 2, 2, 20, N,
                                "suspensions in the window that flag repeat suspension"},
    [OR_P_RISK_REPEAT_WEEKS] = {"risk.repeat_weeks", "RISK-REPEAT-SUSP", 12, 1, 52, N,
                                "school weeks of the repeat-suspension window"},
    [OR_P_RISK_DAYS] = {"risk.suspension_days", "RISK-SUSP-DAYS", 10, 1, 45, N,
                        "suspension days in a year above which a pupil is flagged"},
    [OR_P_RISK_HALFTERM] = {"risk.halfterm_suspensions", "RISK-HALFTERM", 2, 2, 20, N,
                            "suspensions in one half-term that flag a pupil"},
    [OR_P_RISK_PA_PCT] = {"risk.persistent_absence_pct", "RISK-PA", 90, 1, 100, N,
                          "attendance (%) below which absence is persistent"},
    [OR_P_RISK_SA_PCT] = {"risk.severe_absence_pct", "RISK-SA", 50, 1, 100, N,
                          "attendance (%) below which absence is severe"},
    [OR_P_RISK_PTT_DAYS] = {"risk.ptt_days", "RISK-PTT", 30, 1, 190, N,
                            "school days of part-time timetable that flag a pupil"},
    [OR_P_RISK_MOVES] = {"risk.moves", "RISK-MOVES", 2, 1, 20, N,
                         "changes of school that flag a pupil"},
    [OR_P_RISK_MOVES_MONTHS] = {"risk.moves_months", "RISK-MOVES", 12, 1, 36, N,
                                "months of the changes-of-school window"},
    [OR_P_RISK_MISSING_DAYS] = {"risk.missing_days", "RISK-MISSING", 10, 1, 60, N,
                                "consecutive school days of unexplained absence"},
/* a child's tier (risk.h, docs/risk.md): the weights of the indicators that fired, added */
#define W(id, rule, def, what)                                                                     \
    [id] = {"risk.weight." rule, rule, def, 0, 10, N, "weight in a child's risk tier: " what}
    W(OR_P_RISK_W_REPEAT_SUSP, "RISK-REPEAT-SUSP", 3, "repeated suspensions"),
    W(OR_P_RISK_W_SUSP_DAYS, "RISK-SUSP-DAYS", 3, "many days of suspension"),
    W(OR_P_RISK_W_HALFTERM, "RISK-HALFTERM", 2, "suspensions in one half-term"),
    W(OR_P_RISK_W_PA, "RISK-PA", 1, "persistent absence"),
    W(OR_P_RISK_W_SA, "RISK-SA", 3, "severe absence (on top of persistent absence)"),
    W(OR_P_RISK_W_VULNERABLE, "RISK-VULNERABLE", 3, "a vulnerable child excluded"),
    W(OR_P_RISK_W_PTT, "RISK-PTT", 2, "a part-time timetable too long"),
    W(OR_P_RISK_W_MOVES, "RISK-MOVES", 2, "changes of school"),
    W(OR_P_RISK_W_MISSING, "RISK-MISSING", 3, "unexplained absence"),
    W(OR_P_RISK_W_NO_PLAN, "RISK-NO-PLAN", 1, "no open support plan"),
#undef W
    [OR_P_RISK_TIER_HIGH] = {"risk.tier.high", "docs/risk.md", 5, 1, 100, N,
                             "weight from which a child is at high risk"},
    [OR_P_RISK_TIER_MEDIUM] = {"risk.tier.medium", "docs/risk.md", 3, 1, 100, N,
                               "weight from which a child is at medium risk (below it: low)"},
    [OR_P_SCOPE_PREVIOUS_DAYS] = {"scope.previous_school_days", "docs/security.md", 365, 0, 3660, N,
                                  "days after a pupil left that the school still sees its own "
                                  "part of the record"},
    [OR_P_SCOPE_PARTNER_DAYS] = {"scope.partner_days", "docs/security.md", 30, 0, 3660, N,
                                 "days after a referral closes or is declined that the partner "
                                 "service still sees it"},
};

const or_param_def *or_param_def_at(or_param_id id)
{
    return id >= 0 && id < OR_P__COUNT ? &defs[id] : NULL;
}

int or_param_find(const char *key)
{
    for (int i = 0; i < OR_P__COUNT; i++)
        if (strcmp(defs[i].key, key) == 0)
            return i;
    return -1;
}

void or_params_default(or_params *p)
{
    for (int i = 0; i < OR_P__COUNT; i++)
        p->v[i] = defs[i].def;
}

or_code or_params_set(or_params *p, const char *key, const char *value, or_error *err)
{
    int id = or_param_find(key);
    if (id < 0)
        return or_fail(err, OR_EINPUT, "'%s' is not a setting (see `onroll config list`)", key);
    const or_param_def *d = &defs[id];
    char *end;
    long v = strtol(value, &end, 10);
    if (!*value || *end)
        return or_fail(err, OR_EINPUT, "%s: '%s' is not a whole number", key, value);
    if (d->tighten == OR_TIGHTEN_LOWER && v > d->def) {
        const or_rule *r = or_rule_find(d->rule_id);
        return or_fail(err, OR_ERULE,
                       "%s: %ld is weaker than the statute (%s: %d; %s); a local setting may "
                       "only be stricter",
                       key, v, d->rule_id, d->def, r ? r->source : "DOMAIN.md");
    }
    if (v < d->min || v > d->max)
        return or_fail(err, OR_EINPUT, "%s: %ld is out of range (%d to %d)", key, v, d->min,
                       d->max);
    p->v[id] = (int)v;
    return OR_OK;
}
