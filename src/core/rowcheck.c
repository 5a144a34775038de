/* rowcheck.c - whole-row checks of formats.md: the event-type table (required and allowed
 * extra columns), date order, and plausibility of pupils' and attendance rows. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "onroll/ap.h"
#include "onroll/measures.h"
#include "onroll/nccis.h"
#include "onroll/plans.h"
#include "onroll/rowcheck.h"

#define B(c) (1u << (c))
/* columns every event type may carry (formats.md: "Optional on every type") */
#define EVERY (B(OR_EV_END) | B(OR_EV_NOTES) | B(OR_EV_RECORDED_BY) | B(OR_EV_DECIDED))
#define BASE  (B(OR_EV_EVENT_ID) | B(OR_EV_UPN) | B(OR_EV_URN) | B(OR_EV_TYPE) | B(OR_EV_START))

#define EXCL  "suspension|lunchtime|permanent"
#define PLANS "psp|pep|peap|part_time_timetable"

static const or_event_type types[] = {
    {"suspension", B(OR_EV_SESSIONS) | B(OR_EV_REASONS), B(OR_EV_EXAM_DATE),
     "fixed-period suspension", NULL},
    {"lunchtime", B(OR_EV_SESSIONS) | B(OR_EV_REASONS), 0, "lunchtime suspension", NULL},
    {"permanent", B(OR_EV_REASONS), B(OR_EV_EXAM_DATE), "permanent exclusion", NULL},
    {"withdrawn", B(OR_EV_REF), 0, "the head withdrew the suspension or exclusion", EXCL},
    {"reinstated", B(OR_EV_REF), 0, "the board or a review reinstated the pupil", EXCL},
    {"managed_move", B(OR_EV_TO_URN), 0, "managed move to another school", NULL},
    {"off_site_direction", B(OR_EV_END), B(OR_EV_TO_URN) | B(OR_EV_PROVIDER),
     "directed off-site to improve behaviour", NULL},
    {"ap_placement", B(OR_EV_PROVIDER) | B(OR_EV_END), B(OR_EV_DETAILS),
     "alternative provision placement", NULL},
    {"part_time_timetable", B(OR_EV_END), B(OR_EV_DETAILS), "reduced timetable", NULL},
    {"ehe", 0, 0, "removed from roll to elective home education", NULL},
    {"cme", 0, 0, "child missing education", NULL},
    {"unexplained_exit", 0, 0, "left roll with no known destination", NULL},
    {"in_year_transfer", B(OR_EV_TO_URN), 0, "moved school in year", NULL},
    {"representations", B(OR_EV_REF), 0, "the parent made representations to the board", EXCL},
    /* `ref` for a duty of an event; a duty of the pupil (STAT-ROLL-DELETION-NOTIFY for a
       registration that ended with no exit) has none (formats.md) */
    {"action", B(OR_EV_RULE),
     B(OR_EV_REF) | B(OR_EV_OUTCOME) | B(OR_EV_DELIVERY) | B(OR_EV_TO) | B(OR_EV_SESSIONS) |
         B(OR_EV_DETAILS),
     "a duty done", NULL},
    /* the graduated response (additions to formats.md; plans.h says what `details` holds) */
    {"psp", 0, B(OR_EV_REF) | B(OR_EV_DETAILS), "Pastoral Support Programme started", EXCL},
    {"plan_review", B(OR_EV_REF) | B(OR_EV_OUTCOME), B(OR_EV_DETAILS), "a review of the plan `ref`",
     "psp|pep|part_time_timetable|intervention"},
    {"peap", 0, B(OR_EV_REF) | B(OR_EV_DETAILS), "pre-exclusion assessment meeting held", EXCL},
    {"pep", 0, B(OR_EV_DETAILS), "Personal Education Plan meeting held", NULL},
    {"intervention", B(OR_EV_INTERVENTION_ID), B(OR_EV_PROVIDER) | B(OR_EV_REF) | B(OR_EV_DETAILS),
     "the pupil receives an intervention of the directory", "intervention"},
    {"referral", B(OR_EV_TO), B(OR_EV_REF) | B(OR_EV_PROVIDER) | B(OR_EV_DETAILS),
     "referral to a service", PLANS},
    {"referral_update", B(OR_EV_REF) | B(OR_EV_OUTCOME), B(OR_EV_TO) | B(OR_EV_DETAILS),
     "the referral `ref` moved on", "referral"},
    {"measure", B(OR_EV_REF) | B(OR_EV_MEASURE_ID) | B(OR_EV_SCORE) | B(OR_EV_OUTCOME),
     B(OR_EV_DETAILS), "an outcome measure before or after the intervention or plan `ref`",
     "intervention|referral|" PLANS},
};

/* The outcomes an event type other than `action` may record. */
static const struct {
    const char *type;
    const char *const outcomes[16];
} type_outcomes[] = {
    {"plan_review", {"improving", "no_change", "worse", NULL}},
    {"measure", {"pre", "post", NULL}},
    {"referral_update",
     {"accepted", "declined", "allocated", "meeting_held", "plan_agreed", "mid_review", "assessed",
      "report", "placed", "exit", "closed", "discussed", "panel_action", NULL}},
};

/* The outcomes an `action` may record, by rule (formats.md; LOCAL-PSP-REVIEW's are an
 * addition: how the pupil is doing, which LOCAL-PSP-ESCALATE reads). */
static const struct {
    const char *rule;
    const char *const outcomes[6];
} rule_outcomes[] = {
    {"STAT-GB-15DAY", {"reinstated", "upheld", NULL}},
    {"STAT-GB-50DAY", {"reinstated", "upheld", NULL}},
    {"STAT-IRP-RECONSIDER", {"reinstated", "upheld", NULL}},
    {"STAT-IRP-MEET", {"upheld", "recommend_reconsider", "direct_reconsider", NULL}},
    {"LOCAL-PSP-REVIEW", {"improving", "no_change", "worse", NULL}},
    /* children not in school (docs/children-not-in-school.md): the LA's enquiries */
    {"LOCAL-CME-ENQUIRY",
     {"still_missing", "found_in_school", "found_home_educated", "moved_away",
      "referred_social_care", NULL}},
    {"LOCAL-EHE-ENQUIRY",
     {"suitable", "not_suitable", "no_response", "returned_to_school", "moved_away", NULL}},
    /* the MASH's assessment of a permanent exclusion (issue 17) */
    {"LOCAL-MASH-ASSESS",
     {"no_further_action", "early_help", "section_17", "section_47", "already_open", NULL}},
    /* alternative provision (issue 17): what was sent and when it arrived, how the pupil is
     * doing at a review, how the placement ended */
    {"LOCAL-AP-INFO", {"sent", "received", NULL}},
    {"LOCAL-AP-REVIEW", {"improving", "no_change", "worse", NULL}},
    {"LOCAL-AP-MAX", {"reintegrated", "continued", "moved", "destination", NULL}},
};

bool or_event_ref_ok(const char *type, const char *ref_type, const char **expected)
{
    const or_event_type *t = or_event_type_find(type);
    *expected = t && t->refs ? t->refs : "any event";
    if (!t || !t->refs)
        return true;
    size_t n = strlen(ref_type);
    for (const char *p = t->refs; *p; p += strcspn(p, "|"), p += *p == '|')
        if (strncmp(p, ref_type, n) == 0 && (p[n] == '|' || p[n] == '\0'))
            return true;
    return false;
}

const or_event_type *or_event_type_find(const char *name)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].name, name) == 0)
            return &types[i];
    return NULL;
}

static or_code blame(int *col, int c, or_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static or_code blame(int *col, int c, or_error *err, const char *fmt, ...)
{
    *col = c;
    va_list ap;
    va_start(ap, fmt);
    char msg[OR_ERRMSG_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return or_fail(err, OR_EINPUT, "%s", msg);
}

static bool before(const or_value *a, const or_value *b)
{
    return !a->null && !b->null && a->i < b->i;
}

static or_code check_event(const or_kind *k, const or_value *r, int *col, or_error *err)
{
    const char *type = r[OR_EV_TYPE].s;
    const or_event_type *t = or_event_type_find(type);
    if (!t)
        return blame(col, OR_EV_TYPE, err, "'%s' is not an event type", type);
    for (int c = 0; c < OR_EV__N; c++) {
        bool has = !r[c].null;
        if ((t->required & B(c)) && !has)
            return blame(col, c, err, "is empty; a %s event needs %s", type, k->cols[c].name);
        if (has && !(t->required & B(c)) && !(t->allowed & B(c)) && !(EVERY & B(c)) &&
            !(BASE & B(c)))
            return blame(col, c, err, "does not apply to a %s event (%s); leave it empty", type,
                         t->meaning);
    }
    if (before(&r[OR_EV_END], &r[OR_EV_START]))
        return blame(col, OR_EV_END, err, "is before start (an event cannot end before it starts)");
    /* sessions on an action: the sessions attended at alternative provision, at its review */
    if (!strcmp(type, "action") && !r[OR_EV_SESSIONS].null &&
        (r[OR_EV_RULE].null || strcmp(r[OR_EV_RULE].s, "LOCAL-AP-REVIEW")))
        return blame(col, OR_EV_SESSIONS, err,
                     "applies to an action of LOCAL-AP-REVIEW only (the sessions attended at the "
                     "provision); leave it empty");
    /* details on an action: what was sent to an alternative provision provider (ap.h) */
    or_error ae = {0};
    if (!strcmp(type, "action") &&
        or_ap_action_details_check(r[OR_EV_RULE].null ? NULL : r[OR_EV_RULE].s,
                                   r[OR_EV_DETAILS].null ? NULL : r[OR_EV_DETAILS].s, &ae))
        return blame(col, OR_EV_DETAILS, err, "%s", ae.msg);
    bool exclusion =
        !strcmp(type, "suspension") || !strcmp(type, "lunchtime") || !strcmp(type, "permanent");
    if (exclusion && before(&r[OR_EV_START], &r[OR_EV_DECIDED]))
        return blame(col, OR_EV_DECIDED, err,
                     "is after start: a suspension or exclusion cannot be backdated");
    /* the details of a plan, review, assessment or referral, and a referral's route (plans.h) */
    const char *column = "details";
    or_error pe = {0};
    if (or_plan_check_row(type, r[OR_EV_OUTCOME].null ? NULL : r[OR_EV_OUTCOME].s,
                          r[OR_EV_TO].null ? NULL : r[OR_EV_TO].s,
                          r[OR_EV_DETAILS].null ? NULL : r[OR_EV_DETAILS].s, &column, &pe))
        return blame(col, !strcmp(column, "to") ? OR_EV_TO : OR_EV_DETAILS, err, "%s", pe.msg);
    if (!strcmp(type, "measure")) {
        const or_measure *m = or_measure_find(r[OR_EV_MEASURE_ID].s);
        if (!m) {
            or_sb list = OR_SB_INIT;
            for (int i = 0; i < or_measure_count(); i++)
                or_sb_addf(&list, "%s%s", i ? "|" : "", or_measure_at(i)->id);
            or_code rc = blame(col, OR_EV_MEASURE_ID, err, "'%s' is not a measure (expected %s)",
                               r[OR_EV_MEASURE_ID].s, or_sb_str(&list));
            or_sb_release(&list);
            return rc;
        }
        or_score sc;
        or_error why = {0};
        if (or_measure_parse(m, r[OR_EV_SCORE].s, &sc, &why))
            return blame(col, OR_EV_SCORE, err, "'%.60s' is not a %s score: %s", r[OR_EV_SCORE].s,
                         m->label, why.msg);
    }
    if (!r[OR_EV_OUTCOME].null) {
        bool act = !strcmp(type, "action");
        const char *rule = act ? r[OR_EV_RULE].s : type, *o = r[OR_EV_OUTCOME].s;
        const char *const *allowed = NULL;
        for (size_t i = 0; act && i < sizeof rule_outcomes / sizeof rule_outcomes[0]; i++)
            if (!strcmp(rule_outcomes[i].rule, rule))
                allowed = rule_outcomes[i].outcomes;
        for (size_t i = 0; !act && i < sizeof type_outcomes / sizeof type_outcomes[0]; i++)
            if (!strcmp(type_outcomes[i].type, type))
                allowed = type_outcomes[i].outcomes;
        if (!allowed)
            return blame(col, OR_EV_OUTCOME, err,
                         "'%s': rule %s has no outcome (only the board's, the review panel's, "
                         "PSP reviews' and the MASH's assessments do)",
                         o, rule);
        or_sb list = OR_SB_INIT;
        bool ok = false;
        for (int i = 0; allowed[i]; i++) {
            ok |= !strcmp(allowed[i], o);
            or_sb_addf(&list, "%s%s", i ? "|" : "", allowed[i]);
        }
        or_code rc =
            ok ? OR_OK
               : blame(col, OR_EV_OUTCOME, err, "'%s' is not an outcome of %s (expected %s)", o,
                       rule, or_sb_str(&list));
        or_sb_release(&list);
        return rc;
    }
    return OR_OK;
}

or_code or_row_check(const or_kind *k, const or_value *r, int *col, or_error *err)
{
    char a[11], b[11];
    switch (k->id) {
    case OR_K_EVENTS:
        return check_event(k, r, col, err);
    case OR_K_CALENDAR:
        if (before(&r[OR_CA_END], &r[OR_CA_START]))
            return blame(col, OR_CA_END, err, "is before start");
        return OR_OK;
    case OR_K_ENROLMENTS:
        if (before(&r[OR_EN_END], &r[OR_EN_START]))
            return blame(col, OR_EN_END, err, "is before start");
        return OR_OK;
    case OR_K_CASELOAD:
        if (before(&r[OR_CL_END], &r[OR_CL_START]))
            return blame(col, OR_CL_END, err, "is before start");
        return OR_OK;
    case OR_K_PUPILS: {
        or_date dob = (or_date)r[OR_PU_DOB].i, as_of = (or_date)r[OR_PU_AS_OF].i;
        int age = or_age_on(dob, as_of);
        if (age < 0 || age > 25) {
            or_date_format(dob, a);
            or_date_format(as_of, b);
            return blame(col, OR_PU_DOB, err,
                         "'%s' is not a plausible date of birth for a pupil on %s (age 0-25)", a,
                         b);
        }
        return OR_OK;
    }
    case OR_K_DESTINATIONS:
        if (or_nccis_group_of((int)r[OR_DE_ACTIVITY].i) < 0)
            return blame(col, OR_DE_ACTIVITY, err,
                         "'%lld' is not an NCCIS activity code (200 to 899: education, "
                         "employment, training, NEET, other, not known; docs/roni.md)",
                         (long long)r[OR_DE_ACTIVITY].i);
        return OR_OK;
    case OR_K_ATTENDANCE_AGG:
        if (before(&r[OR_AG_TO], &r[OR_AG_FROM]))
            return blame(col, OR_AG_TO, err, "is before from");
        if (r[OR_AG_PRESENT].i + r[OR_AG_AUTHORISED].i + r[OR_AG_UNAUTHORISED].i >
            r[OR_AG_POSSIBLE].i)
            return blame(col, OR_AG_POSSIBLE, err,
                         "is less than present + authorised + unauthorised");
        return OR_OK;
    default:
        return OR_OK;
    }
}
