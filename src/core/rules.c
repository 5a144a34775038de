/* rules.c - the rule catalogue: every rule id of DOMAIN.md §3 (statutory), §4 (local protocol)
 * and §5 (children at risk), with who acts and its source. One row per rule. */
#include <string.h>

#include "onroll/rules.h"

#define GUIDE "DfE Suspension and permanent exclusion guidance (2024)"
#define REGS  "SI 2012/1033 School Discipline (Pupil Exclusions and Reviews) Regulations"
#define LOCAL "LA local protocol (Hackney No Need to Exclude)"
#define RISK  "onroll early identification indicator (configurable)"

static const or_rule rules[] = {
    {"STAT-45DAY-CAP", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "A pupil may not be suspended for more than 45 school days in a school year.",
     "Education Act 2002 s51A; " REGS " reg 4", 0},
    {"STAT-NOTIFY-PARENT", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Tell the parent of the suspension or exclusion without delay.", REGS " regs 5 and 21", 0},
    {"STAT-NOTICE-S104", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Give written notice of the days the pupil must not be in a public place in school hours "
     "by the end of the afternoon session of the first day.",
     "Education and Inspections Act 2006 s103-104; " GUIDE, 0},
    {"STAT-NOTIFY-LA", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Tell the local authority of every suspension and permanent exclusion without delay.",
     REGS " regs 5 and 21 (as amended 2022)", 0},
    {"STAT-NOTIFY-SW", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Tell the pupil's social worker without delay.", GUIDE " (pupils with a social worker)", 0},
    {"STAT-NOTIFY-VSH", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Tell the Virtual School Head without delay.", GUIDE " (looked-after children)", 0},
    {"STAT-NOTIFY-GB", OR_RULE_STATUTORY, OR_RULE_MUST, "head teacher",
     "Tell the governing board without delay.", REGS " regs 5 and 21", 0},
    {"STAT-GB-15DAY", OR_RULE_STATUTORY, OR_RULE_MUST, "governing board",
     "Consider reinstatement within 15 school days of receiving the head teacher's notice.",
     REGS " regs 6 and 22", 0},
    {"STAT-GB-50DAY", OR_RULE_STATUTORY, OR_RULE_MUST, "governing board",
     "Consider the parent's representations within 50 school days.", REGS " regs 6 and 22", 0},
    {"STAT-GB-EXAM", OR_RULE_STATUTORY, OR_RULE_MUST, "governing board",
     "Meet before the public examination or national test, so far as practicable.",
     REGS " regs 6 and 22", 0},
    {"STAT-IRP-APPLY", OR_RULE_STATUTORY, OR_RULE_MUST, "parent",
     "The parent may apply for an independent review within 15 school days of the board's "
     "decision.",
     REGS " regs 7 and 23", 0},
    {"STAT-IRP-MEET", OR_RULE_STATUTORY, OR_RULE_MUST, "LA or academy trust",
     "Convene the independent review panel within 15 school days of the application.",
     REGS " regs 7 and 23", 0},
    {"STAT-IRP-RECONSIDER", OR_RULE_STATUTORY, OR_RULE_MUST, "governing board",
     "Reconsider within 10 school days of the panel's decision.", REGS " regs 7 and 23", 0},
    {"STAT-6TH-DAY-SCHOOL", OR_RULE_STATUTORY, OR_RULE_MUST, "school",
     "Arrange full-time education from the sixth school day of a suspension.",
     "SI 2007/1870 reg 3; Education Act 1996 s100", 0},
    {"STAT-6TH-DAY-LA", OR_RULE_STATUTORY, OR_RULE_MUST, "local authority",
     "Arrange full-time education from the sixth school day of a permanent exclusion.",
     "Education Act 1996 s19(3A); SI 2014/3216", 0},
    {"STAT-ROLL-REMOVAL", OR_RULE_STATUTORY, OR_RULE_MUST, "school",
     "Remove the pupil from roll only once the review deadlines have passed or ended.",
     "SI 2024/208 reg 9 (secondary source)", 1},
    {"LOCAL-CONSULT-2-15", OR_RULE_LOCAL, OR_RULE_SHOULD, "head teacher",
     "Consult the LA exclusions team before any further exclusion.", LOCAL, 0},
    {"LOCAL-CONSULT-PEX", OR_RULE_LOCAL, OR_RULE_SHOULD, "head teacher",
     "Consult the LA exclusions team on or before a permanent exclusion.", LOCAL, 0},
    {"LOCAL-PSP", OR_RULE_LOCAL, OR_RULE_SHOULD, "school", "Start a Pastoral Support Programme.",
     LOCAL, 0},
    {"LOCAL-PSP-REVIEW", OR_RULE_LOCAL, OR_RULE_SHOULD, "school",
     "Review the Pastoral Support Programme every 4 weeks.", LOCAL, 0},
    {"LOCAL-PSP-ESCALATE", OR_RULE_LOCAL, OR_RULE_SHOULD, "school",
     "After two reviews without improvement, refer to the Re-engagement Unit or educational "
     "psychology.",
     LOCAL, 0},
    {"LOCAL-PEAP", OR_RULE_LOCAL, OR_RULE_SHOULD, "school",
     "Hold a pre-exclusion assessment meeting before any permanent exclusion.",
     LOCAL " and Astrea Academy Trust pre-exclusion assessment", 0},
    {"LOCAL-VS-CONSULT", OR_RULE_LOCAL, OR_RULE_SHOULD, "head teacher",
     "Consult the Virtual School on or before suspending a pupil with a social worker.",
     LOCAL "; Children with a Social Worker policy (2024)", 0},
    {"LOCAL-EHCP-REVIEW", OR_RULE_LOCAL, OR_RULE_SHOULD, "school",
     "Request an emergency annual review of the EHC plan.", LOCAL, 0},
    {"LOCAL-NOTIFY-PARTNERS", OR_RULE_LOCAL, OR_RULE_SHOULD, "local authority",
     "Notify the partner services concerned within one school day.", LOCAL, 0},
    {"LOCAL-PEP", OR_RULE_LOCAL, OR_RULE_SHOULD, "Virtual School and school",
     "Hold a Personal Education Plan meeting every term.", LOCAL, 0},
    {"LOCAL-PTT", OR_RULE_LOCAL, OR_RULE_SHOULD, "school",
     "A part-time timetable must have an agreed end date and not run past it or 30 school "
     "days.",
     LOCAL "; DfE Working together to improve school attendance (2024)", 0},
    {"LOCAL-REFERRAL", OR_RULE_LOCAL, OR_RULE_SHOULD, "the service referred to",
     "Take each step of a referral (accept, allocate, review, exit) within the route's school "
     "days (referrals.c).",
     LOCAL " referral routes", 0},
    {"RISK-REPEAT-SUSP", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "2 or more suspensions in the last 12 school weeks.", RISK, 0},
    {"RISK-SUSP-DAYS", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "More than 10 suspension days in the school year.", RISK, 0},
    {"RISK-HALFTERM", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "2 or more suspensions in one half-term.", RISK, 0},
    {"RISK-PA", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "Attendance this school year below 90% (persistent absence).",
     "DfE Working together to improve school attendance (2024)", 0},
    {"RISK-SA", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "Attendance this school year below 50% (severe absence).",
     "DfE Working together to improve school attendance (2024)", 0},
    {"RISK-VULNERABLE", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "A suspension of a pupil who is looked after, has a social worker or has an EHC plan.", RISK,
     0},
    {"RISK-PTT", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "A part-time timetable past its end date or over 30 school days.", RISK, 0},
    {"RISK-MOVES", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "2 or more changes of school in 12 months.", RISK, 0},
    {"RISK-MISSING", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "10 or more consecutive school days of unexplained absence.", RISK, 0},
    {"RISK-NO-PLAN", OR_RULE_RISK, OR_RULE_SHOULD, "LA and school",
     "An indicator fired and the pupil has no open support plan.", RISK, 0},
};

size_t or_rules_count(void)
{
    return sizeof rules / sizeof rules[0];
}

const or_rule *or_rule_at(size_t i)
{
    return i < or_rules_count() ? &rules[i] : NULL;
}

const or_rule *or_rule_find(const char *id)
{
    for (size_t i = 0; i < or_rules_count(); i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}
