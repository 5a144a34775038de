/* labels.c - the one table of names onroll shows for its codes (labels.h): ethnicities as
 * DfE's statistics name them, the census code lists' own descriptions, event types, services,
 * statuses, report dimensions and report columns. Every page, report and CLI table asks here,
 * so that a code reads the same everywhere. Pure lookups: no I/O, no state. */
#include <string.h>

#include "onroll/codes.h"
#include "onroll/labels.h"

typedef struct {
    const char *code, *name;
} pair;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *find(const pair *t, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (!strcmp(t[i].code, code))
            return t[i].name;
    return NULL;
}

/* The main ethnicity codes as DfE's published exclusion statistics name them
 * (shared/external-data/dfe-exclusion-statistics-2006-2017, "Ethnicity_Minor_*"), the two
 * unclassified codes by the census code list. */
static const pair ethnicities[] = {
    {"WBRI", "White British"},
    {"WIRI", "Irish"},
    {"WIRT", "Traveller of Irish heritage"},
    {"WOTH", "Any other white background"},
    {"WROM", "Gypsy/Roma"},
    {"MWBC", "White and Black Caribbean"},
    {"MWBA", "White and Black African"},
    {"MWAS", "White and Asian"},
    {"MOTH", "Any other mixed background"},
    {"AIND", "Indian"},
    {"APKN", "Pakistani"},
    {"ABAN", "Bangladeshi"},
    {"AOTH", "Any other Asian background"},
    {"BCRB", "Black Caribbean"},
    {"BAFR", "Black African"},
    {"BOTH", "Any other black background"},
    {"CHNE", "Chinese"},
    {"OOTH", "Any other ethnic group"},
    {"NOBT", "Information not obtained"},
    {"REFU", "Refused"},
    {"x", "Not recorded"},
};

static const pair ethnic_groups[] = {
    {"WHIT", "White"},        {"MIXD", "Mixed"},     {"ASIA", "Asian"},
    {"BLAC", "Black"},        {"CHIN", "Chinese"},   {"AOEG", "Any other ethnic group"},
    {"UNCL", "Unclassified"}, {"x", "Not recorded"},
};

static const char *from_codeset(or_codeset cs, const char *code)
{
    if (!code)
        return "";
    if (!strcmp(code, "x"))
        return "Not recorded";
    const or_code_entry *e = or_code_find(cs, code, OR_DATE_NONE);
    return e && e->description ? e->description : code;
}

const char *or_label_ethnicity(const char *code)
{
    const char *n = find(ethnicities, N(ethnicities), code);
    return n ? n : from_codeset(OR_CS_ETHNICITY, code);
}

const char *or_label_ethnicity_major(const char *code)
{
    const char *n = find(ethnic_groups, N(ethnic_groups), code);
    return n ? n : code ? code : "";
}

const char *or_label_sen(const char *code)
{
    return from_codeset(OR_CS_SEN_PROVISION, code);
}

const char *or_label_sen_need(const char *code)
{
    return from_codeset(OR_CS_SEN_NEED, code);
}

const char *or_label_reason(const char *code)
{
    return from_codeset(OR_CS_EXCL_REASON, code);
}

const char *or_label_year_group(const char *code)
{
    return from_codeset(OR_CS_YEAR_GROUP, code);
}

static const pair events[] = {
    {"suspension", "Suspension"},
    {"lunchtime", "Lunchtime suspension"},
    {"permanent", "Permanent exclusion"},
    {"withdrawn", "Exclusion withdrawn"},
    {"reinstated", "Reinstated"},
    {"managed_move", "Managed move"},
    {"off_site_direction", "Off-site direction"},
    {"ap_placement", "Alternative provision placement"},
    {"part_time_timetable", "Part-time timetable"},
    {"ehe", "Elective home education"},
    {"cme", "Child missing education"},
    {"unexplained_exit", "Unexplained exit"},
    {"in_year_transfer", "In-year transfer"},
    {"representations", "Representations to the governing board"},
    {"action", "Duty done"},
    {"intervention", "Intervention"},
    {"psp", "Pastoral support plan"},
    {"peap", "Personalised education and attendance plan"},
    {"pep", "Personal education plan"},
    {"plan_review", "Plan review"},
    {"referral", "Referral"},
    {"referral_update", "Referral update"},
    {"measure", "Outcome measurement"},
};

const char *or_label_event(const char *type)
{
    const char *n = find(events, N(events), type);
    return n ? n : type ? type : "";
}

static const pair services[] = {
    {"reu", "Re-engagement Unit"},
    {"early_help", "Early help"},
    {"ep", "Educational psychology"},
    {"map", "Multi-agency planning meeting"},
    {"ap", "Alternative provision placement"},
    {"vsh", "Virtual School"},
    {"virtual_school", "Virtual School"},
    {"social_care", "Children's social care"},
    {"social_worker", "Social worker"},
    {"youth_justice", "Youth justice service"},
    {"pru", "Pupil referral unit"},
    {"mash", "Multi-agency safeguarding hub"},
    {"safeguarding", "Safeguarding"},
    {"la", "Local authority"},
    {"school", "School"},
    {"parent", "Parent or carer"},
    {"governing_board", "Governing board"},
    {"psp", "Pastoral support plan"},
    {"peap", "Personalised education and attendance plan"},
    {"pep", "Personal education plan"},
    {"part_time_timetable", "Part-time timetable"},
};

const char *or_label_service(const char *code)
{
    const char *n = find(services, N(services), code);
    return n ? n : code ? code : "";
}

static const pair statuses[] = {
    {"open", "To do"},
    {"overdue", "Overdue"},
    {"done", "Done"},
    {"due", "Due"},
    {"due-this-week", "Due this week"},
    {"current", "Current"},
    {"never", "Never had one"},
    {"new", "New"},
    {"accepted", "Accepted"},
    {"declined", "Declined"},
    {"allocated", "Allocated"},
    {"closed", "Closed"},
    {"pending", "Waiting to be sent"},
    {"sending", "Sending"},
    {"sent", "Sent"},
    {"failed", "Failed"},
    {"cancelled", "Cancelled"},
};

const char *or_label_status(const char *status)
{
    const char *n = find(statuses, N(statuses), status);
    return n ? n : status ? status : "";
}

/* Report dimensions (`onroll report --by`) and report columns (formats.md; CSV keeps these
 * names, docs/csv-columns.md lists both). */
static const pair columns[] = {
    /* dimensions */
    {"la", "Local authority"},
    {"school", "School"},
    {"phase", "Phase"},
    {"year", "Academic year"},
    {"sex", "Sex"},
    {"ethnicity", "Ethnicity"},
    {"ethnicity_major", "Ethnic group"},
    {"fsm", "Free school meals"},
    {"fsm6", "Free school meals in the last 6 years"},
    {"sen", "Special educational needs provision"},
    {"sen_need", "Special educational needs: primary need"},
    {"year_group", "Year group"},
    {"age", "Age"},
    {"cla", "Looked after"},
    {"cin", "Child in need"},
    {"eal", "English as an additional language"},
    {"pla", "Previously looked after"},
    {"cp", "Child protection plan"},
    {"yjs", "Known to the youth justice service"},
    {"social_worker", "Has a social worker"},
    {"reason", "Reason for exclusion"},
    /* columns */
    /* the Re-engagement Unit's KPIs (reu_kpi.h) */
    {"received", "Referrals received"},
    {"accepted", "Accepted"},
    {"declined", "Declined"},
    {"response_median_days", "Median response, school days"},
    {"response_within_pct", "Accepted within the deadline, %"},
    {"exited", "Exits"},
    {"sustained_6m_due", "Exits 6 months ago or more"},
    {"sustained_6m", "In school 6 months after"},
    {"sustained_6m_pct", "In school 6 months after, %"},
    {"sustained_12m_due", "Exits 12 months ago or more"},
    {"sustained_12m", "In school 12 months after"},
    {"sustained_12m_pct", "In school 12 months after, %"},
    {"susp_pupils", "Pupils whose term after has ended"},
    {"susp_term_before", "Suspensions, term before"},
    {"susp_term_after", "Suspensions, term after"},
    {"susp_before_per_pupil", "Per pupil, term before"},
    {"susp_after_per_pupil", "Per pupil, term after"},
    /* off-rolling signals (offroll.h) */
    {"roll", "Pupils on roll in the year"},
    {"unexplained_pct", "Unexplained exits, %"},
    {"ehe_pct", "Moves to elective home education, %"},
    {"y10_y11_pct", "Left between Year 10 and Year 11, %"},
    {"exit_sen_pct", "In-year exits of pupils with SEN, %"},
    {"exit_fsm_pct", "In-year exits of pupils eligible for FSM, %"},
    {"exit_cla_pct", "In-year exits of looked-after pupils, %"},
    {"measure", "Signal"},
    {"la_pupils", "Pupils"},
    {"la_of", "Out of"},
    {"la_pct", "Local authority, %"},
    {"schools_watch", "Schools above the 95% limit"},
    {"schools_concern", "Schools above the 99.8% limit"},
    {"time_period", "Academic year"},
    {"geographic_level", "Level"},
    {"la_code", "Local authority code"},
    {"urn", "URN"},
    {"headcount", "Pupils"},
    {"suspension", "Suspensions"},
    {"susp_rate", "Suspensions per 100 pupils"},
    {"perm_excl", "Permanent exclusions"},
    {"perm_excl_rate", "Permanent exclusions per 100 pupils"},
    {"one_plus_susp", "Pupils suspended at least once"},
    {"one_plus_susp_rate", "Suspended at least once, per 100 pupils"},
    {"one_plus_rr", "Risk ratio, suspended at least once"},
    {"one_plus_rr_lower", "Lower 95% limit"},
    {"one_plus_rr_upper", "Upper 95% limit"},
    {"one_plus_rr_significant", "Significant"},
    {"perm_excl_rr", "Risk ratio, permanent exclusion"},
    {"perm_excl_rr_lower", "Lower 95% limit"},
    {"perm_excl_rr_upper", "Upper 95% limit"},
    {"perm_excl_rr_significant", "Significant"},
    {"susp_rate_ratio", "Rate ratio, suspensions"},
    {"susp_rate_ratio_lower", "Lower 95% limit"},
    {"susp_rate_ratio_upper", "Upper 95% limit"},
    {"susp_rate_ratio_significant", "Significant"},
    {"la_one_plus_susp_rate", "Local authority's rate"},
    {"lower_limit_95", "Lower 95% limit"},
    {"upper_limit_95", "Upper 95% limit"},
    {"lower_limit_998", "Lower 99.8% limit"},
    {"upper_limit_998", "Upper 99.8% limit"},
    {"funnel", "Against the limits"},
    {"share_of_la_suspensions", "Share of the local authority's suspensions (%)"},
    {"cumulative_share", "Cumulative share (%)"},
};

const char *or_label_column(const char *name)
{
    const char *n = find(columns, N(columns), name);
    return n ? n : name ? name : "";
}

/* The flag dimensions' values: 0, 1 and x (not recorded). */
static const struct {
    const char *dim, *no, *yes;
} flags[] = {
    {"fsm", "Not known to be eligible for free school meals",
     "Known to be eligible for free school meals"},
    {"fsm6", "Not eligible for free school meals in the last 6 years",
     "Eligible for free school meals in the last 6 years"},
    {"cla", "Not looked after", "Looked after"},
    {"cin", "Not a child in need", "Child in need"},
    {"eal", "First language English", "English as an additional language"},
    {"pla", "Not previously looked after", "Previously looked after"},
    {"cp", "No child protection plan", "Child protection plan"},
    {"yjs", "Not known to the youth justice service", "Known to the youth justice service"},
    {"social_worker", "No social worker", "Has a social worker"},
};

const char *or_label_flag(const char *dim, const char *value)
{
    for (size_t i = 0; dim && value && i < N(flags); i++) {
        if (strcmp(flags[i].dim, dim))
            continue;
        return !strcmp(value, "0")   ? flags[i].no
               : !strcmp(value, "1") ? flags[i].yes
               : !strcmp(value, "x") ? "Not recorded"
                                     : NULL;
    }
    return NULL;
}
