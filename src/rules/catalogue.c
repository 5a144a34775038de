/* catalogue.c - the rule catalogue: one row per rule of DOMAIN.md §3 (statutory), §4 (local
 * protocol) and §5 (children at risk), in the order of OR_RULE_IDS (rules.h): who acts, the
 * text, the source, the parameters it reads, its evaluator and how a duty of it is done.
 * The engine (engine.c) walks these rows; a new rule is a new id, a new row and its function
 * (docs/architecture.md "Rules"). */
#include <string.h>

#include "rules/rules_internal.h"

/* The text ids as objects of this file, so that a row can point at its own. */
#define NAME(e, text) static const char id_##e[] = text;
OR_RULE_IDS(NAME)
#undef NAME

#define ID(e) .code = OR_RULE_##e, .id = id_##e
#define PARAMS(...)                                                                                \
    .params = {__VA_ARGS__}, .nparams = sizeof((or_param_id[]){__VA_ARGS__}) / sizeof(or_param_id)
#define EACH(f)    .eval = {.kind = OR_EVAL_EXCLUSION, .fn = {.exclusion = f}}
#define PUPIL(f)   .eval = {.kind = OR_EVAL_PUPIL, .fn = {.pupil = f}}
#define RISK(f)    .eval = {.kind = OR_EVAL_RISK, .fn = {.risk = f}}
#define ACTION     .done = {.how = OR_DONE_ACTION}
#define STAT       OR_RULE_STATUTORY, OR_RULE_MUST
#define LOCAL      OR_RULE_LOCAL, OR_RULE_SHOULD
#define INDICATOR  OR_RULE_RISK, OR_RULE_SHOULD
#define LA_SCHOOL  "LA and school"
#define ATTENDANCE "DfE Working together to improve school attendance (2024)"

/* an action, which sending one of these letters (letters.h) records */
#define BY_LETTER(...) .done = {.how = OR_DONE_ACTION, .letters = {__VA_ARGS__}}
#define PARENTS_LETTER BY_LETTER("suspension-parent", "permanent-parent")
#define BOARDS_LETTER  BY_LETTER("board-upheld", "board-reinstated")

static const or_rule rows[OR_RULE__COUNT] = {
    /* ---- statutory (DOMAIN.md §3; statutory.c, cap.c) ---- */
    [OR_RULE_STAT_45DAY_CAP] =
        {ID(STAT_45DAY_CAP), STAT, "head teacher",
         "A pupil may not be suspended for more than 45 school days in a school year.", OR_SRC_CAP,
         PARAMS(OR_P_CAP_DAYS), .eval = {.kind = OR_EVAL_RECORD, .fn = {.record = or_cap_breach}},
         .done = {.how = OR_DONE_NOTHING}},
    [OR_RULE_STAT_NOTIFY_PARENT] = {ID(STAT_NOTIFY_PARENT), STAT, "head teacher",
                                    "Tell the parent of the suspension or exclusion without delay.",
                                    OR_SRC_REGS " regs 5 and 21", EACH(or_stat_notify),
                                    PARENTS_LETTER, .survives_end = true},
    [OR_RULE_STAT_NOTICE_S104] =
        {ID(STAT_NOTICE_S104), STAT, "head teacher",
         "Give written notice of the days the pupil must not be in a public place in school hours "
         "by the end of the afternoon session of the first day.",
         "Education and Inspections Act 2006 s103-104; " OR_SRC_GUIDE, EACH(or_stat_notify),
         PARENTS_LETTER},
    [OR_RULE_STAT_NOTIFY_LA] =
        {ID(STAT_NOTIFY_LA), STAT, "head teacher",
         "Tell the local authority of every suspension and permanent exclusion without delay.",
         OR_SRC_REGS " regs 5 and 21 (as amended 2022)", EACH(or_stat_notify), ACTION,
         .survives_end = true},
    [OR_RULE_STAT_NOTIFY_SW] = {ID(STAT_NOTIFY_SW), STAT, "head teacher",
                                "Tell the pupil's social worker without delay.",
                                OR_SRC_GUIDE " (pupils with a social worker)", EACH(or_stat_notify),
                                ACTION, .survives_end = true},
    [OR_RULE_STAT_NOTIFY_VSH] = {ID(STAT_NOTIFY_VSH), STAT, "head teacher",
                                 "Tell the Virtual School Head without delay.",
                                 OR_SRC_GUIDE " (looked-after children)", EACH(or_stat_notify),
                                 ACTION, .survives_end = true},
    [OR_RULE_STAT_NOTIFY_GB] = {ID(STAT_NOTIFY_GB), STAT, "head teacher",
                                "Tell the governing board without delay.",
                                OR_SRC_REGS " regs 5 and 21",
                                PARAMS(OR_P_GB_NOTIFY_DAYS, OR_P_GB_15_TERM_DAYS),
                                EACH(or_stat_board), BY_LETTER("board-notice"),
                                .survives_end = true},
    [OR_RULE_STAT_GB_15DAY] =
        {ID(STAT_GB_15DAY), STAT, "governing board",
         "Consider reinstatement within 15 school days of receiving the head teacher's notice.",
         OR_SRC_REGS " regs 6 and 22", PARAMS(OR_P_GB_15_TERM_DAYS, OR_P_GB_15_DEADLINE),
         EACH(or_stat_board), BOARDS_LETTER},
    [OR_RULE_STAT_GB_50DAY] = {ID(STAT_GB_50DAY), STAT, "governing board",
                               "Consider the parent's representations within 50 school days.",
                               OR_SRC_REGS " regs 6 and 22",
                               PARAMS(OR_P_GB_NOTIFY_DAYS, OR_P_GB_15_TERM_DAYS,
                                      OR_P_GB_50_DEADLINE),
                               EACH(or_stat_board), BOARDS_LETTER},
    [OR_RULE_STAT_GB_EXAM] =
        {ID(STAT_GB_EXAM), STAT, "governing board",
         "Meet before the public examination or national test, so far as practicable.",
         OR_SRC_REGS " regs 6 and 22", EACH(or_stat_board), ACTION},
    [OR_RULE_STAT_IRP_APPLY] =
        {ID(STAT_IRP_APPLY), STAT, "parent",
         "The parent may apply for an independent review within 15 school days of the board's "
         "decision.",
         OR_SRC_REGS " regs 7 and 23", PARAMS(OR_P_IRP_APPLY_DEADLINE), EACH(or_stat_review),
         ACTION},
    [OR_RULE_STAT_IRP_MEET] =
        {ID(STAT_IRP_MEET), STAT, "LA or academy trust",
         "Convene the independent review panel within 15 school days of the application.",
         OR_SRC_REGS " regs 7 and 23", PARAMS(OR_P_IRP_MEET_DEADLINE), EACH(or_stat_review),
         ACTION},
    [OR_RULE_STAT_IRP_RECONSIDER] = {ID(STAT_IRP_RECONSIDER), STAT, "governing board",
                                     "Reconsider within 10 school days of the panel's decision.",
                                     OR_SRC_REGS " regs 7 and 23", PARAMS(OR_P_IRP_RECON_DEADLINE),
                                     EACH(or_stat_review), ACTION},
    [OR_RULE_STAT_ROLL_DELETION_NOTIFY] =
        {ID(STAT_ROLL_DELETION_NOTIFY), STAT, "school",
         "Make a deletion return to the local authority when a pupil of compulsory school age "
         "leaves the roll, no later than the day they leave.",
         "SI 2024/208 reg 13(4); DfE Children missing education (2024)", PUPIL(or_stat_deletion),
         ACTION},
    [OR_RULE_STAT_6TH_DAY_SCHOOL] =
        {ID(STAT_6TH_DAY_SCHOOL), STAT, "school",
         "Arrange full-time education from the sixth school day of a suspension.",
         "SI 2007/1870 reg 3; Education Act 1996 s100", PARAMS(OR_P_SIXTH_DAY),
         PUPIL(or_stat_sixth_day_school), ACTION},
    [OR_RULE_STAT_6TH_DAY_LA] =
        {ID(STAT_6TH_DAY_LA), STAT, "local authority",
         "Arrange full-time education from the sixth school day of a permanent exclusion.",
         "Education Act 1996 s19(3A); SI 2014/3216", PARAMS(OR_P_SIXTH_DAY),
         EACH(or_stat_sixth_day_la), ACTION},
    [OR_RULE_STAT_ROLL_REMOVAL] =
        {ID(STAT_ROLL_REMOVAL), STAT, "school",
         "Remove the pupil from roll only once the review deadlines have passed or ended.",
         "SI 2024/208 reg 9 (secondary source)", 1, PARAMS(OR_P_IRP_APPLY_DEADLINE),
         EACH(or_stat_review), ACTION},

    /* ---- local protocol (DOMAIN.md §4; protocol.c) ---- */
    [OR_RULE_LOCAL_CONSULT_2_15] = {ID(LOCAL_CONSULT_2_15), LOCAL, "head teacher",
                                    "Consult the LA exclusions team before any further exclusion.",
                                    OR_SRC_LOCAL,
                                    PARAMS(OR_P_CONSULT_SUSPENSIONS, OR_P_CONSULT_TERM_DAYS),
                                    PUPIL(or_local_consult), ACTION},
    [OR_RULE_LOCAL_CONSULT_PEX] =
        {ID(LOCAL_CONSULT_PEX), LOCAL, "head teacher",
         "Consult the LA exclusions team on or before a permanent exclusion.", OR_SRC_LOCAL,
         PUPIL(or_local_consult), ACTION},
    [OR_RULE_LOCAL_PSP] = {ID(LOCAL_PSP), LOCAL, "school", "Start a Pastoral Support Programme.",
                           OR_SRC_LOCAL,
                           PARAMS(OR_P_PSP_SUSPENSIONS, OR_P_PSP_LONG_DAYS, OR_P_PSP_DEADLINE),
                           PUPIL(or_local_psp),
                           .done = {OR_DONE_PLAN, "psp", "Start a PSP", {NULL, NULL}}},
    [OR_RULE_LOCAL_PSP_REVIEW] = {ID(LOCAL_PSP_REVIEW), LOCAL, "school",
                                  "Review the Pastoral Support Programme every 4 weeks.",
                                  OR_SRC_LOCAL, PARAMS(OR_P_PSP_REVIEW_DAYS), PUPIL(or_local_psp),
                                  .done = {OR_DONE_REVIEW, "psp", "Record a review", {NULL, NULL}}},
    [OR_RULE_LOCAL_PSP_ESCALATE] =
        {ID(LOCAL_PSP_ESCALATE), LOCAL, "school",
         "After two reviews without improvement, refer to the Re-engagement Unit or educational "
         "psychology.",
         OR_SRC_LOCAL, PUPIL(or_local_psp), .done = {OR_DONE_REFERRAL, "psp", NULL, {"reu", "ep"}}},
    [OR_RULE_LOCAL_PEAP] =
        {ID(LOCAL_PEAP), LOCAL, "school",
         "Hold a pre-exclusion assessment meeting before any permanent exclusion.",
         OR_SRC_LOCAL " and Astrea Academy Trust pre-exclusion assessment",
         PARAMS(OR_P_PEAP_HALFTERM), PUPIL(or_local_peap),
         .done = {OR_DONE_PLAN, "peap", "Record a pre-exclusion assessment", {NULL, NULL}}},
    [OR_RULE_LOCAL_VS_CONSULT] =
        {ID(LOCAL_VS_CONSULT), LOCAL, "head teacher",
         "Consult the Virtual School on or before suspending a pupil with a social worker.",
         OR_SRC_LOCAL "; Children with a Social Worker policy (2024)", PUPIL(or_local_partners),
         ACTION},
    [OR_RULE_LOCAL_EHCP_REVIEW] = {ID(LOCAL_EHCP_REVIEW), LOCAL, "school",
                                   "Request an emergency annual review of the EHC plan.",
                                   OR_SRC_LOCAL, PARAMS(OR_P_PEAP_HALFTERM), PUPIL(or_local_peap),
                                   ACTION},
    [OR_RULE_LOCAL_NOTIFY_PARTNERS] =
        {ID(LOCAL_NOTIFY_PARTNERS), LOCAL, "local authority",
         "Notify the partner services concerned within one school day.", OR_SRC_LOCAL,
         PARAMS(OR_P_PARTNERS_DEADLINE), PUPIL(or_local_partners), ACTION},
    [OR_RULE_LOCAL_PEP] = {ID(LOCAL_PEP), LOCAL, "Virtual School and school",
                           "Hold a Personal Education Plan meeting every term.", OR_SRC_LOCAL,
                           PUPIL(or_local_pep),
                           .done = {OR_DONE_PLAN, "pep", "Record a PEP", {NULL, NULL}}},
    [OR_RULE_LOCAL_PTT] =
        {ID(LOCAL_PTT), LOCAL, "school",
         "A part-time timetable must have an agreed end date and not run past it or 30 school "
         "days.",
         OR_SRC_LOCAL "; " ATTENDANCE, PARAMS(OR_P_PTT_MAX_DAYS), PUPIL(or_local_ptt),
         .done = {OR_DONE_ACTION,
                  "part_time_timetable",
                  "Record the timetable's review",
                  {NULL, NULL}}},
    [OR_RULE_LOCAL_REFERRAL] =
        {ID(LOCAL_REFERRAL), LOCAL, "the service referred to",
         "Take each step of a referral (accept, allocate, review, exit) within the route's school "
         "days (referrals.c).",
         OR_SRC_LOCAL " referral routes", PUPIL(or_local_referrals),
         .done = {OR_DONE_STEP, "referral", "Open the referral", {NULL, NULL}}},
    [OR_RULE_LOCAL_CME_ENQUIRY] =
        {ID(LOCAL_CME_ENQUIRY), LOCAL, "local authority",
         "Make enquiries to find a child missing education: the first within 5 school days, "
         "then every 10 until the child is found or the case is passed on.",
         "DfE Children missing education (2024): LA procedures; intervals " OR_SRC_LOCAL,
         PARAMS(OR_P_CME_FIRST_DAYS, OR_P_CME_EVERY_DAYS), PUPIL(or_local_cnis), ACTION},
    [OR_RULE_LOCAL_EHE_ENQUIRY] =
        {ID(LOCAL_EHE_ENQUIRY), LOCAL, "local authority",
         "Make enquiries about a child's elective home education: the first within 10 school "
         "days, then once a year while the education is suitable.",
         "DfE Elective home education: guidance for local authorities (2019) s5-6; "
         "intervals " OR_SRC_LOCAL,
         PARAMS(OR_P_EHE_FIRST_DAYS, OR_P_EHE_REVIEW_DAYS), PUPIL(or_local_cnis), ACTION},
    [OR_RULE_LOCAL_MASH_ASSESS] =
        {ID(LOCAL_MASH_ASSESS), LOCAL, "MASH",
         "Record the MASH's safeguarding assessment of every permanent exclusion within one "
         "school day of being told of it, with its outcome.",
         OR_SRC_WT " chapter 3 (within one working day of a referral, a decision on the next "
                   "steps: section 17, section 47, other services); the scrutiny commission's "
                   "report (a safeguarding assessment \"in real time\" for every permanent "
                   "exclusion)",
         PARAMS(OR_P_MASH_DEADLINE), PUPIL(or_local_mash), ACTION},
    [OR_RULE_LOCAL_ATTEND_ALERT] =
        {ID(LOCAL_ATTEND_ALERT), LOCAL, "local authority",
         "Tell the Virtual School and the social worker by the next school day of an unexplained "
         "absence (N or O) of a looked-after child or a child with a social worker, and of their "
         "attendance falling below the persistent-absence line.",
         ATTENDANCE "; the LA's attendance policy (the social worker and the Virtual School hear "
                    "promptly about attendance concerns)",
         PUPIL(or_local_attend_alert), .done = {.how = OR_DONE_NOTHING}},
    /* alternative provision (issue 17; ap_rules.c). The guidance's paragraphs were not read
     * from the source itself (unconfirmed): the sections named are where the rule is taken from */
    [OR_RULE_LOCAL_AP_NOTIFY_LA] =
        {ID(LOCAL_AP_NOTIFY_LA), LOCAL, "school",
         "Tell the local authority of every alternative provision placement by its start "
         "(recording it in onroll does).",
         OR_SRC_AP ", the local authority's oversight of placements (paragraph not verified)", 1,
         PUPIL(or_local_ap), ACTION},
    [OR_RULE_LOCAL_AP_INFO] =
        {ID(LOCAL_AP_INFO), LOCAL, "commissioner (school or LA)",
         "Send the provider the pupil's information before the placement starts.",
         OR_SRC_AP ", sharing information with the provider before the placement "
                   "(paragraph not verified)",
         1, PUPIL(or_local_ap), ACTION},
    [OR_RULE_LOCAL_AP_REVIEW] = {ID(LOCAL_AP_REVIEW), LOCAL, "commissioner (school or LA)",
                                 "Review the placement at least once every half-term.",
                                 OR_SRC_AP ", reviewing placements (paragraph not verified)", 1,
                                 PARAMS(OR_P_AP_REVIEW_MIN_DAYS), PUPIL(or_local_ap), ACTION},
    [OR_RULE_LOCAL_AP_MAX] =
        {ID(LOCAL_AP_MAX), LOCAL, "commissioner (school or LA)",
         "End the placement, recording its outcome, by its latest end date.",
         OR_SRC_AP ", time-limited placements and reintegration (paragraph not verified)", 1,
         PUPIL(or_local_ap), ACTION},
    [OR_RULE_LOCAL_APQA_EXPIRY] =
        {ID(LOCAL_APQA_EXPIRY), LOCAL, "local authority",
         "Check a provider again before its DBS checks or risk assessment expire.",
         OR_SRC_APQA ", standard 1 (safeguarding and welfare) and standard 2 (health and "
                     "safety) (paragraph not verified)",
         1, PARAMS(OR_P_APQA_NOTICE_DAYS), PUPIL(or_local_ap), ACTION},
    /* the multi-agency panel (issue 17 part 9; panel_rules.c, docs/panel.md) */
    [OR_RULE_LOCAL_PANEL_ACTION] =
        {ID(LOCAL_PANEL_ACTION), LOCAL, "the action's owner (multi-agency panel)",
         "Do each action the multi-agency panel agreed for a child by its due date, and record "
         "it done.",
         "RSA \"Pinball kids\" toolkit, LA case study (the weekly Vulnerable Pupil Hot Clinic); "
         "owners and due dates as the panel agrees them " OR_SRC_LOCAL,
         PUPIL(or_local_panel), ACTION},

    /* ---- children at risk (DOMAIN.md §5; risk.c) ---- */
    [OR_RULE_RISK_REPEAT_SUSP] = {ID(RISK_REPEAT_SUSP), INDICATOR, LA_SCHOOL,
                                  "2 or more suspensions in the last 12 school weeks.", OR_SRC_RISK,
                                  PARAMS(OR_P_RISK_REPEAT_COUNT, OR_P_RISK_REPEAT_WEEKS,
                                         OR_P_RISK_W_REPEAT_SUSP),
                                  RISK(or_risk_repeat)},
    [OR_RULE_RISK_SUSP_DAYS] = {ID(RISK_SUSP_DAYS), INDICATOR, LA_SCHOOL,
                                "More than 10 suspension days in the school year.", OR_SRC_RISK,
                                PARAMS(OR_P_RISK_DAYS, OR_P_RISK_W_SUSP_DAYS),
                                RISK(or_risk_days_in_year)},
    [OR_RULE_RISK_HALFTERM] = {ID(RISK_HALFTERM), INDICATOR, LA_SCHOOL,
                               "2 or more suspensions in one half-term.", OR_SRC_RISK,
                               PARAMS(OR_P_RISK_HALFTERM, OR_P_RISK_W_HALFTERM),
                               RISK(or_risk_halfterm)},
    [OR_RULE_RISK_PA] = {ID(RISK_PA), INDICATOR, LA_SCHOOL,
                         "Attendance this school year below 90% (persistent absence).", ATTENDANCE,
                         PARAMS(OR_P_RISK_PA_PCT, OR_P_RISK_W_PA), RISK(or_risk_attendance)},
    [OR_RULE_RISK_SA] = {ID(RISK_SA), INDICATOR, LA_SCHOOL,
                         "Attendance this school year below 50% (severe absence).", ATTENDANCE,
                         PARAMS(OR_P_RISK_SA_PCT, OR_P_RISK_W_SA), RISK(or_risk_attendance)},
    [OR_RULE_RISK_VULNERABLE] =
        {ID(RISK_VULNERABLE), INDICATOR, LA_SCHOOL,
         "A suspension of a pupil who is looked after, has a social worker or has an EHC plan.",
         OR_SRC_RISK, PARAMS(OR_P_RISK_W_VULNERABLE), RISK(or_risk_vulnerable)},
    [OR_RULE_RISK_PTT] = {ID(RISK_PTT), INDICATOR, LA_SCHOOL,
                          "A part-time timetable past its end date or over 30 school days.",
                          OR_SRC_RISK, PARAMS(OR_P_RISK_PTT_DAYS, OR_P_RISK_W_PTT),
                          RISK(or_risk_ptt)},
    [OR_RULE_RISK_MOVES] = {ID(RISK_MOVES), INDICATOR, LA_SCHOOL,
                            "2 or more changes of school in 12 months.", OR_SRC_RISK,
                            PARAMS(OR_P_RISK_MOVES, OR_P_RISK_MOVES_MONTHS, OR_P_RISK_W_MOVES),
                            RISK(or_risk_moves)},
    [OR_RULE_RISK_MISSING] = {ID(RISK_MISSING), INDICATOR, LA_SCHOOL,
                              "10 or more consecutive school days of unexplained absence.",
                              OR_SRC_RISK, PARAMS(OR_P_RISK_MISSING_DAYS, OR_P_RISK_W_MISSING),
                              RISK(or_risk_missing)},
    [OR_RULE_RISK_NO_PLAN] = {ID(RISK_NO_PLAN), INDICATOR, LA_SCHOOL,
                              "An indicator fired and the pupil has no open support plan.",
                              OR_SRC_RISK, PARAMS(OR_P_RISK_W_NO_PLAN), RISK(or_risk_no_plan)},

    /* ---- self-evaluation (docs/self-evaluation.md; reviews.h) ---- */
    [OR_RULE_LOCAL_ACTION_PLAN] =
        {ID(LOCAL_ACTION_PLAN), LOCAL, "the action's lead (school)",
         "Carry out each action of a review's action plan by its finish date.",
         "RSA / Mayor of London, Inclusive and Nurturing Schools toolkit (2021): Hackney's "
         "Wellbeing Framework action plan (\"When will you start and finish this action?\")",
         1, PUPIL(or_local_action_plan), ACTION},
    [OR_RULE_LOCAL_PARTNERSHIP_MEETING] =
        {ID(LOCAL_PARTNERSHIP_MEETING), LOCAL, "the school's senior mental health lead",
         "Meet the CAMHS link worker and the wellbeing framework partner to review the audit and "
         "action plan: half-termly in secondary and special schools, termly in primary schools.",
         "RSA / Mayor of London, Inclusive and Nurturing Schools toolkit (2021): Hackney's WAMHS "
         "partnership (\"half termly in secondary and special schools and termly in primary "
         "schools to review the audit and action plan\")",
         1, PUPIL(or_local_partnership_meeting), ACTION},

    /* ---- workshops: energy for change (docs/workshop-ideas.md; store_ideas.h) ---- */
    [OR_RULE_LOCAL_WORKSHOP_COMMITMENT] =
        {ID(LOCAL_WORKSHOP_COMMITMENT), LOCAL, "the commitment's owner (LA or school)",
         "Carry out each commitment a workshop records against one of its ranked ideas by its "
         "date.",
         "RSA / Mayor of London, Inclusive and Nurturing Schools toolkit (2021): Energy for "
         "change (seed lines 464-470: participants \"identified the following as areas of "
         "opportunity and committed to exploring them further\"; outputs: \"commitments to "
         "explore\")",
         1, PUPIL(or_local_workshop_commitment), ACTION},
};

const or_rule *or_rule_get(or_rule_id id)
{
    return (unsigned)id < OR_RULE__COUNT ? &rows[id] : NULL;
}

size_t or_rules_count(void)
{
    return OR_RULE__COUNT;
}

const or_rule *or_rule_at(size_t i)
{
    return i < OR_RULE__COUNT ? &rows[i] : NULL;
}

const or_rule *or_rule_find(const char *id)
{
    int r = or_rule_parse(id);
    return r < 0 ? NULL : &rows[r];
}
