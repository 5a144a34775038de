/* kinds.c - the column tables of every interchange file kind (shared/spec/formats.md). Column
 * order is the spec's, so an export reads like the spec; the SQL names avoid reserved words. */
#include <string.h>

#include "onroll/facts.h"
#include "onroll/kinds.h"

#define REQ OR_COL_REQUIRED
#define KEY (OR_COL_REQUIRED | OR_COL_KEY)
#define OPT OR_COL_OPTIONAL

static const char *const phases[] = {"nursery", "primary", "secondary", "all-through",
                                     "special", "ap",      "pru",       NULL};
static const char *const school_types[] = {"maintained", "academy", "free", "independent", NULL};
static const char *const sexes[] = {"M", "F", NULL};
static const char *const sen_provision[] = {"N", "K", "E", NULL};
static const char *const enrol_types[] = {"main", "dual", "subsidiary", NULL};
static const char *const cal_kinds[] = {"term", "holiday", "inset", "closure", NULL};
static const char *const case_roles[] = {"social_worker", "youth_justice", "vsh",
                                         "reu",           "early_help",    NULL};
static const char *const sessions[] = {"AM", "PM", NULL};
static const char *const outcomes[] = {
    "reinstated", "upheld", "recommend_reconsider", "direct_reconsider", "improving", "no_change",
    "worse", "pre", "post", "accepted", "declined", "allocated", "meeting_held", "plan_agreed",
    "mid_review", "assessed", "report", "placed", "exit", "closed",
    /* the LA's enquiries: children not in school */
    "still_missing", "found_in_school", "found_home_educated", "moved_away", "referred_social_care",
    "suitable", "not_suitable", "no_response", "returned_to_school",
    /* the MASH's assessment of a permanent exclusion */
    "no_further_action", "early_help", "section_17", "section_47", "already_open",
    /* alternative provision: the information's trail, how a placement ended */
    "sent", "received", "reintegrated", "continued", "moved", "destination",
    /* the multi-agency panel: a referral considered, an action agreed */
    "discussed", "panel_action", NULL};
static const char *const deliveries[] = {"hand", "email", "post", NULL};

#define T(n, s, t, f, max)                                                                         \
    {                                                                                              \
        n, s, t, f, NULL, 0, 0, max                                                                \
    }
#define E(n, s, f, v)                                                                              \
    {                                                                                              \
        n, s, OR_V_ENUM, f, v, 0, 0, 0                                                             \
    }
#define C(n, s, f, cs)                                                                             \
    {                                                                                              \
        n, s, OR_V_CODE, f, NULL, cs, 0, 0                                                         \
    }
#define I(n, s, f, lo, hi)                                                                         \
    {                                                                                              \
        n, s, OR_V_INT, f, NULL, 0, lo, hi                                                         \
    }

static const or_column school_cols[OR_SC__N] = {
    T("urn", "urn", OR_V_URN, KEY, 0),      T("laestab", "laestab", OR_V_LAESTAB, REQ, 0),
    T("name", "name", OR_V_TEXT, REQ, 200), E("phase", "phase", REQ, phases),
    I("la_code", "la_code", REQ, 100, 999), E("type", "school_type", OPT, school_types),
};

static const or_column calendar_cols[OR_CA__N] = {
    T("scope", "scope", OR_V_SCOPE, KEY, 0),  T("start", "start_date", OR_V_DATE, KEY, 0),
    T("end", "end_date", OR_V_DATE, KEY, 0),  E("kind", "kind", KEY, cal_kinds),
    T("label", "label", OR_V_TEXT, OPT, 100),
};

static const or_column pupil_cols[OR_PU__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),
    T("forename", "forename", OR_V_TEXT, REQ, 100),
    T("surname", "surname", OR_V_TEXT, REQ, 100),
    T("dob", "dob", OR_V_DATE, REQ, 0),
    E("sex", "sex", REQ, sexes),
    C("ethnicity", "ethnicity", REQ, OR_CS_ETHNICITY),
    T("fsm", "fsm", OR_V_BOOL, REQ, 0),
    E("sen", "sen", REQ, sen_provision),
    T("as_of", "as_of", OR_V_DATE, KEY, 0),
    T("fsm6", "fsm6", OR_V_BOOL, OPT, 0),
    C("sen_need", "sen_need", OPT, OR_CS_SEN_NEED),
    T("eal", "eal", OR_V_BOOL, OPT, 0),
    T("cla", "cla", OR_V_BOOL, OPT, 0),
    T("pla", "pla", OR_V_BOOL, OPT, 0),
    T("cin", "cin", OR_V_BOOL, OPT, 0),
    T("cp", "cp", OR_V_BOOL, OPT, 0),
    T("social_worker_since", "social_worker_since", OR_V_DATE, OPT, 0),
    T("yjs", "yjs", OR_V_BOOL, OPT, 0),
    C("year_group", "year_group", OPT, OR_CS_YEAR_GROUP),
    T("young_carer", "young_carer", OR_V_BOOL, OPT, 0),
    T("parent_or_pregnant", "parent_or_pregnant", OR_V_BOOL, OPT, 0),
};

/* Where a young person went (docs/roni.md): the NCCIS activity code (nccis.h; rowcheck.c
 * refuses a code it does not know) on a date. A later file's activity for the same day wins. */
static const or_column destination_cols[OR_DE__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),
    T("date", "activity_date", OR_V_DATE, KEY, 0),
    I("activity", "activity", REQ, 100, 999),
};

static const or_column enrolment_cols[OR_EN__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),
    T("urn", "urn", OR_V_URN, KEY, 0),
    T("start", "start_date", OR_V_DATE, KEY, 0),
    T("end", "end_date", OR_V_DATE, OPT, 0),
    E("type", "reg_type", KEY, enrol_types),
    C("year_group", "year_group", OPT, OR_CS_YEAR_GROUP),
    T("leaving_reason", "leaving_reason", OR_V_TEXT, OPT, 100),
};

static const or_column caseload_cols[OR_CL__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),       T("worker", "worker", OR_V_EMAIL, KEY, 254),
    E("role", "role", KEY, case_roles),      T("start", "start_date", OR_V_DATE, KEY, 0),
    T("end", "end_date", OR_V_DATE, OPT, 0),
};

static const or_column event_cols[OR_EV__N] = {
    T("event_id", "event_id", OR_V_TEXT, KEY, 64),
    T("upn", "upn", OR_V_UPN, REQ, 0),
    T("urn", "urn", OR_V_URN, KEY, 0),
    E("type", "type", REQ, or_event_kind_names),
    T("start", "start_date", OR_V_DATE, REQ, 0),
    I("sessions", "sessions", OPT, 1, 90),
    T("reasons", "reasons", OR_V_REASONS, OPT, 0),
    T("ref", "ref", OR_V_TEXT, OPT, 64),
    T("to_urn", "to_urn", OR_V_URN, OPT, 0),
    T("provider", "provider", OR_V_TEXT, OPT, 200),
    T("end", "end_date", OR_V_DATE, OPT, 0),
    T("decided", "decided", OR_V_DATE, OPT, 0),
    T("exam_date", "exam_date", OR_V_DATE, OPT, 0),
    T("rule", "rule", OR_V_RULE, OPT, 0),
    E("outcome", "outcome", OPT, outcomes),
    E("delivery", "delivery", OPT, deliveries),
    T("to", "notified_to", OR_V_TEXT, OPT, 200),
    T("recorded_by", "recorded_by", OR_V_TEXT, OPT, 200),
    T("notes", "notes", OR_V_NOTES, OPT, 4000),
    T("intervention", "intervention", OR_V_TEXT, OPT, 64),
    T("measure", "measure", OR_V_TEXT, OPT, 40),
    T("score", "score", OR_V_TEXT, OPT, 400),
    T("details", "details", OR_V_JSON, OPT, 16000),
};

static const or_column attendance_cols[OR_AT__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),         T("urn", "urn", OR_V_URN, KEY, 0),
    T("date", "mark_date", OR_V_DATE, KEY, 0), E("session", "session", KEY, sessions),
    C("code", "code", REQ, OR_CS_ATTENDANCE),
};

static const or_column attendance_agg_cols[OR_AG__N] = {
    T("upn", "upn", OR_V_UPN, KEY, 0),           T("urn", "urn", OR_V_URN, KEY, 0),
    T("from", "from_date", OR_V_DATE, KEY, 0),   T("to", "to_date", OR_V_DATE, KEY, 0),
    I("possible", "possible", REQ, 0, 1000),     I("present", "present", REQ, 0, 1000),
    I("authorised", "authorised", REQ, 0, 1000), I("unauthorised", "unauthorised", REQ, 0, 1000),
};

/* The DfE's published LA-level statistics, for comparison in the scrutiny report: England,
 * regions and LAs. This is the layout of the 2006-2017 exclusion-statistics app
 * (shared/external-data/dfe-exclusion-statistics-2006-2017/clean_la_data.csv); the current
 * Explore Education Statistics layout is read into the same columns by src/ingest/ees.c. */
static const char *const levels[] = {"National", "Region", "Local authority", NULL};
#define S(n)                                                                                       \
    {                                                                                              \
        n, n, OR_V_STAT, OPT, NULL, 0, 0, 20                                                       \
    }
static const or_column benchmark_cols[OR_BM__N] = {
    I("year", "year", KEY, 200001, 209999),
    E("level", "level", KEY, levels),
    T("la_name", "la_name", OR_V_TEXT, KEY, 100),
    T("school_type", "school_type", OR_V_TEXT, KEY, 50),
    S("num_schools"),
    S("headcount"),
    S("perm_excl"),
    S("perm_excl_rate"),
    S("fixed_excl"),
    S("fixed_excl_rate"),
    S("one_plus_fixed"),
    S("one_or_more_fixed_excl_rate"),
    I("la_code", "la_code", OPT, 100, 999),
    T("area_code", "area_code", OR_V_TEXT, OPT, 9),
    T("region_name", "region_name", OR_V_TEXT, OPT, 100),
};
#undef S

static const or_kind kinds[OR_K__COUNT] = {
    {OR_K_SCHOOLS, "schools", "schools", school_cols, OR_SC__N, -1, OR_ON_CONFLICT_UPDATE},
    {OR_K_CALENDAR, "calendar", "calendar", calendar_cols, OR_CA__N, -1, OR_ON_CONFLICT_UPDATE},
    {OR_K_PUPILS, "pupils", "pupil_snapshots", pupil_cols, OR_PU__N, OR_PU_AS_OF,
     OR_ON_CONFLICT_SNAPSHOT},
    {OR_K_ENROLMENTS, "enrolments", "enrolments", enrolment_cols, OR_EN__N, OR_EN_START,
     OR_ON_CONFLICT_UPDATE},
    {OR_K_CASELOAD, "caseload", "caseload", caseload_cols, OR_CL__N, -1, OR_ON_CONFLICT_UPDATE},
    {OR_K_EVENTS, "events", "events", event_cols, OR_EV__N, OR_EV_START, OR_ON_CONFLICT_REJECT},
    {OR_K_ATTENDANCE, "attendance", "attendance", attendance_cols, OR_AT__N, OR_AT_DATE,
     OR_ON_CONFLICT_UPDATE},
    {OR_K_ATTENDANCE_AGG, "attendance_totals", "attendance_totals", attendance_agg_cols, OR_AG__N,
     -1, OR_ON_CONFLICT_UPDATE},
    {OR_K_BENCHMARKS, "benchmarks", "benchmarks", benchmark_cols, OR_BM__N, -1,
     OR_ON_CONFLICT_UPDATE},
    {OR_K_DESTINATIONS, "destinations", "destinations", destination_cols, OR_DE__N, -1,
     OR_ON_CONFLICT_UPDATE},
};

const or_kind *or_kind_get(or_kind_id id)
{
    return id >= 0 && id < OR_K__COUNT ? &kinds[id] : NULL;
}

const or_kind *or_kind_by_name(const char *name)
{
    for (int i = 0; i < OR_K__COUNT; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

int or_kind_col(const or_kind *k, const char *name)
{
    for (int i = 0; i < k->ncols; i++)
        if (strcmp(k->cols[i].name, name) == 0)
            return i;
    return -1;
}
