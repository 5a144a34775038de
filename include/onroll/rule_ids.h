/* rule_ids.h - the ids of the rules, without the rules: the enum code names a rule by
 * (OR_RULE_STAT_NOTIFY_LA, so a misspelt id does not compile) and its text id for data
 * ("STAT-NOTIFY-LA"). A pure vocabulary, like the DfE codes, so that src/core can name a rule
 * without calling up into the rules wing; the rules themselves are rules.h. */
#ifndef ONROLL_RULE_IDS_H
#define ONROLL_RULE_IDS_H

/* Every rule id, in catalogue order: X(enum suffix, text id). The one list of rule ids. */
#define OR_RULE_IDS(X)                                                                             \
    X(STAT_45DAY_CAP, "STAT-45DAY-CAP")                                                            \
    X(STAT_NOTIFY_PARENT, "STAT-NOTIFY-PARENT")                                                    \
    X(STAT_NOTICE_S104, "STAT-NOTICE-S104")                                                        \
    X(STAT_NOTIFY_LA, "STAT-NOTIFY-LA")                                                            \
    X(STAT_NOTIFY_SW, "STAT-NOTIFY-SW")                                                            \
    X(STAT_NOTIFY_VSH, "STAT-NOTIFY-VSH")                                                          \
    X(STAT_NOTIFY_GB, "STAT-NOTIFY-GB")                                                            \
    X(STAT_GB_15DAY, "STAT-GB-15DAY")                                                              \
    X(STAT_GB_50DAY, "STAT-GB-50DAY")                                                              \
    X(STAT_GB_EXAM, "STAT-GB-EXAM")                                                                \
    X(STAT_IRP_APPLY, "STAT-IRP-APPLY")                                                            \
    X(STAT_IRP_MEET, "STAT-IRP-MEET")                                                              \
    X(STAT_IRP_RECONSIDER, "STAT-IRP-RECONSIDER")                                                  \
    X(STAT_6TH_DAY_SCHOOL, "STAT-6TH-DAY-SCHOOL")                                                  \
    X(STAT_6TH_DAY_LA, "STAT-6TH-DAY-LA")                                                          \
    X(STAT_ROLL_REMOVAL, "STAT-ROLL-REMOVAL")                                                      \
    X(STAT_ROLL_DELETION_NOTIFY, "STAT-ROLL-DELETION-NOTIFY")                                      \
    X(LOCAL_CONSULT_2_15, "LOCAL-CONSULT-2-15")                                                    \
    X(LOCAL_CONSULT_PEX, "LOCAL-CONSULT-PEX")                                                      \
    X(LOCAL_PSP, "LOCAL-PSP")                                                                      \
    X(LOCAL_PSP_REVIEW, "LOCAL-PSP-REVIEW")                                                        \
    X(LOCAL_PSP_ESCALATE, "LOCAL-PSP-ESCALATE")                                                    \
    X(LOCAL_PEAP, "LOCAL-PEAP")                                                                    \
    X(LOCAL_VS_CONSULT, "LOCAL-VS-CONSULT")                                                        \
    X(LOCAL_EHCP_REVIEW, "LOCAL-EHCP-REVIEW")                                                      \
    X(LOCAL_NOTIFY_PARTNERS, "LOCAL-NOTIFY-PARTNERS")                                              \
    X(LOCAL_PEP, "LOCAL-PEP")                                                                      \
    X(LOCAL_PTT, "LOCAL-PTT")                                                                      \
    X(LOCAL_REFERRAL, "LOCAL-REFERRAL")                                                            \
    X(LOCAL_CME_ENQUIRY, "LOCAL-CME-ENQUIRY")                                                      \
    X(LOCAL_EHE_ENQUIRY, "LOCAL-EHE-ENQUIRY")                                                      \
    X(LOCAL_MASH_ASSESS, "LOCAL-MASH-ASSESS")                                                      \
    X(LOCAL_ATTEND_ALERT, "LOCAL-ATTEND-ALERT")                                                    \
    X(LOCAL_AP_NOTIFY_LA, "LOCAL-AP-NOTIFY-LA")                                                    \
    X(LOCAL_AP_INFO, "LOCAL-AP-INFO")                                                              \
    X(LOCAL_AP_REVIEW, "LOCAL-AP-REVIEW")                                                          \
    X(LOCAL_AP_MAX, "LOCAL-AP-MAX")                                                                \
    X(LOCAL_APQA_EXPIRY, "LOCAL-APQA-EXPIRY")                                                      \
    X(LOCAL_PANEL_ACTION, "LOCAL-PANEL-ACTION")                                                    \
    X(LOCAL_ACTION_PLAN, "LOCAL-ACTION-PLAN")                                                      \
    X(LOCAL_PARTNERSHIP_MEETING, "LOCAL-PARTNERSHIP-MEETING")                                      \
    X(LOCAL_WORKSHOP_COMMITMENT, "LOCAL-WORKSHOP-COMMITMENT")                                      \
    X(RISK_REPEAT_SUSP, "RISK-REPEAT-SUSP")                                                        \
    X(RISK_SUSP_DAYS, "RISK-SUSP-DAYS")                                                            \
    X(RISK_HALFTERM, "RISK-HALFTERM")                                                              \
    X(RISK_PA, "RISK-PA")                                                                          \
    X(RISK_SA, "RISK-SA")                                                                          \
    X(RISK_VULNERABLE, "RISK-VULNERABLE")                                                          \
    X(RISK_PTT, "RISK-PTT")                                                                        \
    X(RISK_MOVES, "RISK-MOVES")                                                                    \
    X(RISK_MISSING, "RISK-MISSING")                                                                \
    X(RISK_NO_PLAN, "RISK-NO-PLAN")

typedef enum {
#define OR_RULE_ENUM_(e, text) OR_RULE_##e,
    OR_RULE_IDS(OR_RULE_ENUM_)
#undef OR_RULE_ENUM_
        OR_RULE__COUNT
} or_rule_id;

/* The text id of a rule ("STAT-NOTIFY-LA"), and back: the enum of a text id, or -1 if it names
 * no rule (src/core/rule_ids.c: the one place rule ids are read from
 * text). */
const char *or_rule_name(or_rule_id id);
int or_rule_parse(const char *text);

#endif
