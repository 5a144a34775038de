/* ap_terms.c - alternative provision's vocabularies (ap.h): registration, the school census's
 * setting types and placement reasons (DfE, School census guide, alternative provision
 * placements), the four pillars of DfE "Non-school alternative provision: voluntary national
 * standards" (August 2025), what was checked, how a placement ended and who placed the pupil.
 * Below both ap.c and plans.c, which check a placement's plan against them. */
#include <stdio.h>
#include <string.h>

#include "onroll/ap.h"

static const or_ap_term registrations[] = {
    {"school", "Registered school (URN)"},
    {"ukprn", "Registered provider (UKPRN)"},
    {"none", "Non-school provider (not registered)"},
    {NULL, NULL},
};
static const or_ap_term settings[] = {
    {"urn_setting", "Education setting with a URN"},
    {"one_to_one", "One-to-one tuition"},
    {"other_unregistered", "Other unregistered provider"},
    {"fe_college", "Non-maintained further education college"},
    {"ukprn_provider", "Registered provider with a UKPRN"},
    {"work_based", "Work-based placement"},
    {NULL, NULL},
};
static const or_ap_term pillars[] = {
    {"safeguarding", "Safeguarding and welfare"},
    {"health_safety", "Health and safety"},
    {"admissions", "Admissions, records, support and guidance"},
    {"teaching", "Teaching, learning and behaviour"},
    {NULL, NULL},
};
static const or_ap_term items[] = {
    {"check", "A check of the standard"},
    {"dbs", "Enhanced DBS checks"},
    {"risk_assessment", "Risk assessment"},
    {NULL, NULL},
};
static const or_ap_term reasons[] = {
    {"mental_health", "Mental health need"},
    {"physical_health", "Physical health need"},
    {"behaviour_support", "Off-site behaviour support"},
    {"pex_review", "Permanent exclusion under review"},
    {"suspension", "Suspension"},
    {"other", "Other"},
    {NULL, NULL},
};
static const or_ap_term outcomes[] = {
    {"reintegrated", "Reintegrated into school"},
    {"continued", "Placement continued"},
    {"moved", "Moved to another placement"},
    {"destination", "Left for another destination"},
    {NULL, NULL},
};
static const or_ap_term placed_by[] = {
    {"school", "The school"},
    {"la", "The local authority"},
    {NULL, NULL},
};

static const or_ap_term *const vocabs[OR_AP__VOCABS] = {
    registrations, settings, pillars, items, reasons, outcomes, placed_by,
};

const or_ap_term *or_ap_terms(or_ap_vocab v, int *n)
{
    const or_ap_term *t = (unsigned)v < OR_AP__VOCABS ? vocabs[v] : placed_by;
    if (n)
        for (*n = 0; t[*n].id; (*n)++)
            ;
    return t;
}

const char *or_ap_label(or_ap_vocab v, const char *id)
{
    for (const or_ap_term *t = or_ap_terms(v, NULL); id && t->id; t++)
        if (!strcmp(t->id, id))
            return t->label;
    return NULL;
}

const char *or_ap_ids(or_ap_vocab v)
{
    static char buf[OR_AP__VOCABS][200];
    if ((unsigned)v >= OR_AP__VOCABS)
        return "";
    if (!buf[v][0]) {
        size_t len = 0;
        for (const or_ap_term *t = vocabs[v]; t->id; t++)
            len += (size_t)snprintf(buf[v] + len, sizeof buf[v] - len, "%s%s",
                                    t == vocabs[v] ? "" : "|", t->id);
    }
    return buf[v];
}
