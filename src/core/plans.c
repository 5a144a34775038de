/* plans.c - the plans, reviews, assessments and referrals of the graduated response as one
 * table (plans.h): the fields of each kind's `details`, their checks, and building and reading
 * the JSON object with jansson. The questions are those of the LA's guide (Hackney "No need to
 * exclude"): the pupil's voice in the pupil's own words, the head teacher's questions before
 * any permanent exclusion. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "onroll/ap.h"
#include "onroll/date.h"
#include "onroll/invisible.h"
#include "onroll/kinds.h"
#include "onroll/plans.h"
#include "onroll/referrals.h"

#define TXT   OR_PF_TEXT
#define AREA  OR_PF_TEXTAREA
#define DATE  OR_PF_DATE
#define YESNO OR_PF_YESNO
#define NUM   OR_PF_NUMBER
#define LIST  OR_PF_LIST

static const or_plan_field psp_fields[] = {
    {"targets_pupil", "Targets for the pupil",
     "What the pupil will work on, in words the pupil understands, for example \"Arrive on "
     "time to every lesson\"",
     AREA, true, NULL, false, 2000, "Targets", "Enter the targets for the pupil"},
    {"targets_school", "What the school will do",
     "The support the school gives: a key adult, a mentor, changes to the timetable", AREA, true,
     NULL, false, 2000, "Targets", "Enter what the school will do"},
    {"targets_family", "What the family will do", NULL, AREA, true, NULL, false, 2000, "Targets",
     "Enter what the family will do"},
    {"targets_agencies", "What other agencies will do (optional)",
     "For example early help, CAMHS, the youth justice service", AREA, false, NULL, false, 2000,
     "Targets", NULL},
    {"leader", "Overseeing leader",
     "The senior leader who oversees the programme, for example the deputy head (pastoral)", TXT,
     true, NULL, false, 200, NULL, "Enter the name of the overseeing leader"},
};

static const or_plan_field review_fields[] = {
    {"pupil_views", "The pupil's views", "In the pupil's own words where possible", AREA, true,
     NULL, false, 2000, NULL, "Enter the pupil's views"},
    {"parent_views", "The parents' or carers' views", NULL, AREA, true, NULL, false, 2000, NULL,
     "Enter the parents' or carers' views"},
    {"changes", "What has changed since the start or the last review", NULL, AREA, true, NULL,
     false, 2000, NULL, "Enter what has changed"},
    {"next_steps", "What happens next (optional)", NULL, AREA, false, NULL, false, 2000, NULL,
     NULL},
};

static const or_plan_field peap_fields[] = {
    {"needs", "The pupil's needs",
     "Learning, special educational needs, health, family and safeguarding, as known to the "
     "school",
     AREA, true, NULL, false, 3000, NULL, "Enter the pupil's needs"},
    {"interventions", "Interventions tried",
     "What was tried, for how long, and what difference it made", AREA, true, NULL, false, 3000,
     NULL, "Enter the interventions tried"},
    {"interventions_recorded", "Recorded interventions",
     "The pupil's interventions recorded in onroll that were tried", LIST, false, NULL, false, 30,
     NULL, NULL},
    {"voice_going_well", "What is going well at school?", NULL, AREA, true, NULL, false, 2000,
     "The pupil's voice", "Enter the pupil's answer to: What is going well at school?"},
    {"voice_difficult", "What makes school difficult?", NULL, AREA, true, NULL, false, 2000,
     "The pupil's voice", "Enter the pupil's answer to: What makes school difficult?"},
    {"voice_helps", "Who helps you?", NULL, AREA, true, NULL, false, 2000, "The pupil's voice",
     "Enter the pupil's answer to: Who helps you?"},
    {"voice_would_help", "What would help?", NULL, AREA, true, NULL, false, 2000,
     "The pupil's voice", "Enter the pupil's answer to: What would help?"},
    {"ht_alternatives", "Have all alternatives to exclusion been tried?",
     "A managed move, alternative provision, a part-time timetable agreed with the parents, "
     "outside agencies",
     YESNO, true, NULL, false, 0, "The head teacher's questions",
     "Select yes if all alternatives to exclusion have been tried"},
    {"ht_involved", "Have the SENCO, educational psychology and the Virtual School been involved?",
     "The Virtual School for a pupil who is or was looked after, or has a social worker", YESNO,
     true, NULL, false, 0, "The head teacher's questions",
     "Select yes if the SENCO, educational psychology and the Virtual School have been involved"},
    {"ht_proportionate", "Is the decision proportionate?",
     "Would a permanent exclusion be lawful, reasonable and fair, given the pupil's needs and "
     "what was tried?",
     YESNO, true, NULL, false, 0, "The head teacher's questions",
     "Select yes if the decision is proportionate"},
    {"ht_notes", "The head teacher's notes (optional)", NULL, AREA, false, NULL, false, 3000,
     "The head teacher's questions", NULL},
};

static const or_plan_field pep_fields[] = {
    {"targets", "Targets",
     "The pupil's education targets for this term, and who will help with each", AREA, true, NULL,
     false, 3000, NULL, "Enter the targets"},
    {"vs_attendee", "Virtual School attendee", "Who from the Virtual School attended the meeting",
     TXT, true, NULL, false, 200, NULL, "Enter who attended from the Virtual School"},
    {"attendance", "Attendance (optional)", "Attendance this term and what is being done about it",
     AREA, false, NULL, false, 1000, NULL, NULL},
    {"attainment", "Attainment and progress (optional)", NULL, AREA, false, NULL, false, 1000, NULL,
     NULL},
    {"pupil_premium", "Is pupil premium plus allocated for this term?", NULL, YESNO, true, NULL,
     false, 0, "Pupil premium plus", "Select yes if pupil premium plus is allocated for this term"},
    {"pupil_premium_use", "How the pupil premium plus is used (optional)",
     "For example one-to-one tuition, a mentor, a trip", AREA, false, NULL, false, 1000,
     "Pupil premium plus", NULL},
};

static const or_plan_field ptt_fields[] = {
    {"parent_agreed", "Have the parents or carers agreed to the part-time timetable?",
     "A part-time timetable needs their agreement, and must end by an agreed date", YESNO, true,
     NULL, true, 0, "Agreement", "Select yes if the parents or carers have agreed"},
    {"parent_agreed_on", "Date the parents agreed", "For example, 24 11 2026", DATE, true, NULL,
     false, 0, "Agreement", "Enter the date the parents agreed"},
    {"authorised_by", "Authorised by (head teacher)", "The head teacher's name", TXT, true, NULL,
     false, 200, "Agreement", "Enter the name of the head teacher who authorised it"},
    {"reason", "Why a part-time timetable",
     "What it is for, and how the pupil returns to full time", AREA, true, NULL, false, 2000, NULL,
     "Enter why a part-time timetable is needed"},
    {"hours", "Hours a week in school", "A number, for example 12.5", NUM, true, NULL, false, 40,
     NULL, "Enter the hours a week in school"},
};

static const or_plan_field referral_fields[] = {
    {"reason", "Why the pupil is being referred",
     "What the service is asked to do, and what has been tried", AREA, true, NULL, false, 3000,
     NULL, "Enter why the pupil is being referred"},
    {"consent", "Have the parents or carers consented to the referral?", NULL, YESNO, true, NULL,
     false, 0, NULL, "Select yes if the parents or carers have consented"},
    {"lead_worker", "Lead worker at the school (optional)",
     "Who the service should contact about the pupil", TXT, false, NULL, false, 200, NULL, NULL},
};

static const or_plan_field update_fields[] = {
    {"notes", "Notes (optional)", "What was decided or found", AREA, false, NULL, false, 3000, NULL,
     NULL},
    {"sustainability_plan", "Sustainability plan",
     "How the pupil's progress will be kept up once the programme or placement ends: who does "
     "what, and when the school reviews it",
     AREA, false, "exit", false, 4000, NULL, "Enter the sustainability plan"},
};

/* An alternative provision placement as a plan (issue 17; ap.h reads it, the rules in
 * src/rules/ap.c): by whom and why (ap.h's vocabularies, checked in or_plan_check_row), the
 * provider of the register, the longest it may last, the sessions a week, what it is for and
 * how the pupil goes back. */
static const or_plan_field ap_fields[] = {
    {"placed_by", "Who placed the pupil", "school or la", TXT, true, NULL, false, 10, NULL,
     "Select who placed the pupil"},
    {"provider", "Provider in the register (optional)", "The provider's address on /ap/providers",
     TXT, false, NULL, false, 60, NULL, NULL},
    {"reason", "Reason for the placement", NULL, TXT, true, NULL, false, 40, NULL,
     "Select the reason for the placement"},
    {"max_end", "Latest end date", "The placement may not run past it without a new decision", DATE,
     true, NULL, false, 0, NULL, "Enter the latest end date"},
    {"sessions_per_week", "Sessions a week", "Half-day sessions at the provision, from 1 to 10",
     NUM, true, NULL, false, 10, NULL, "Enter the sessions a week"},
    {"objectives", "Objectives", "What the placement is for, and how progress will be measured",
     AREA, true, NULL, false, 3000, NULL, "Enter the objectives"},
    {"reintegration_plan", "Reintegration plan",
     "How and when the pupil goes back to school, or moves on", AREA, true, NULL, false, 3000, NULL,
     "Enter the reintegration plan"},
    {"reintegration_date", "Planned reintegration date (optional)", NULL, DATE, false, NULL, false,
     0, NULL, NULL},
};

#define N(a) (int)(sizeof a / sizeof a[0])

static const or_plan_kind kinds[] = {
    {"psp", "Pastoral Support Programme", "PSP", "Date the programme started", "Time limit",
     "The date the programme ends, usually 16 weeks after it starts", true, psp_fields,
     N(psp_fields)},
    {"plan_review", "Review", "review", "Date of the review", NULL, NULL, false, review_fields,
     N(review_fields)},
    {"peap", "Pre-exclusion assessment", "PEAP", "Date of the assessment meeting", NULL, NULL,
     false, peap_fields, N(peap_fields)},
    {"pep", "Personal Education Plan", "PEP", "Date of the PEP meeting", NULL, NULL, false,
     pep_fields, N(pep_fields)},
    {"part_time_timetable", "Part-time timetable", "part-time timetable",
     "Date the part-time timetable starts", "Agreed end date",
     "A part-time timetable must end by an agreed date, within 30 school days", true, ptt_fields,
     N(ptt_fields)},
    {"referral", "Referral", "referral", "Date of the referral", "End of the placement",
     "For an alternative provision placement: its planned last day", false, referral_fields,
     N(referral_fields)},
    {"referral_update", "Referral update", "update", "Date of this step", NULL, NULL, false,
     update_fields, N(update_fields)},
    {"ap_placement", "Alternative provision placement", "placement", "Start date",
     "Planned end date", "The last day the pupil is planned to attend the provision", true,
     ap_fields, N(ap_fields)},
};
_Static_assert(N(peap_fields) <= OR_PLAN_MAX_FIELDS, "a kind has at most OR_PLAN_MAX_FIELDS");

int or_plan_kinds_count(void)
{
    return N(kinds);
}

const or_plan_kind *or_plan_kind_at(int i)
{
    return i >= 0 && i < N(kinds) ? &kinds[i] : NULL;
}

const or_plan_kind *or_plan_kind_find(const char *type)
{
    for (int i = 0; type && i < N(kinds); i++)
        if (!strcmp(kinds[i].type, type))
            return &kinds[i];
    return NULL;
}

int or_plan_field_index(const or_plan_kind *k, const char *name)
{
    for (int i = 0; k && name && i < k->nfields; i++)
        if (!strcmp(k->fields[i].name, name))
            return i;
    return -1;
}

/* ---- checks ---- */

static void add(or_plan_error *errs, int max, int *n, const char *field, int index,
                or_plan_problem p, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void add(or_plan_error *errs, int max, int *n, const char *field, int index,
                or_plan_problem p, const char *fmt, ...)
{
    if (*n < max) {
        or_plan_error *e = &errs[*n];
        e->field = field;
        e->index = index;
        e->problem = p;
        int len = snprintf(e->message, sizeof e->message, "%s: ", field);
        va_list ap;
        va_start(ap, fmt);
        if (len >= 0 && (size_t)len < sizeof e->message)
            vsnprintf(e->message + len, sizeof e->message - (size_t)len, fmt, ap);
        va_end(ap);
    }
    (*n)++;
}

/* 0 to max with at most one decimal place: "12", "12.5". */
static bool number_ok(const char *s, int max)
{
    size_t whole = strspn(s, "0123456789");
    if (whole == 0 || whole > 3)
        return false;
    const char *p = s + whole;
    if (*p == '.') {
        if (strspn(p + 1, "0123456789") != 1 || p[2])
            return false;
    } else if (*p) {
        return false;
    }
    return atof(s) <= max;
}

static bool date_ok(const char *s)
{
    or_date d;
    return strlen(s) == 10 && or_date_parse(s, &d);
}

/* The value shown in a message: at most 40 bytes of it, cut on a character boundary. */
static const char *quote(const char *s, char buf[48])
{
    size_t n = strlen(s);
    if (n <= 40)
        return s;
    n = 40;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(buf, 48, "%.*s...", (int)n, s);
    return buf;
}

int or_plan_check(const or_plan_kind *k, const char *outcome, const or_plan_values *v,
                  or_plan_error *errs, int max)
{
    int n = 0;
    char q[48];
    for (int i = 0; i < k->nfields; i++) {
        const or_plan_field *f = &k->fields[i];
        bool required =
            f->required || (f->required_when && outcome && !strcmp(outcome, f->required_when));
        if (f->type == OR_PF_LIST) {
            if (v->nitems[i] > f->max)
                add(errs, max, &n, f->name, i, OR_PE_MANY, "has %d items; at most %d allowed",
                    v->nitems[i], f->max);
            for (int j = 0; j < v->nitems[i] && j < f->max; j++) {
                const char *it = v->items[i][j];
                if (!it || !*it || strlen(it) > 64 || or_text_check(it, false, NULL)) {
                    add(errs, max, &n, f->name, i, OR_PE_MANY,
                        "item %d is not a short text (1 to 64 bytes, no control characters)",
                        j + 1);
                    break;
                }
            }
            if (required && v->nitems[i] == 0)
                add(errs, max, &n, f->name, i, OR_PE_EMPTY, "is empty; a %s needs it", k->label);
            continue;
        }
        const char *s = v->text[i] ? v->text[i] : "";
        if (!*s) {
            if (required)
                add(errs, max, &n, f->name, i, OR_PE_EMPTY, "is empty; a %s needs it%s%s", k->label,
                    f->required_when ? " at " : "", f->required_when ? f->required_when : "");
            continue;
        }
        or_error te = {0};
        if (or_text_check(s, f->type == OR_PF_TEXTAREA, &te)) { /* invisible.h */
            add(errs, max, &n, f->name, i, OR_PE_TEXT, "%s", te.msg);
            continue;
        }
        switch (f->type) {
        case OR_PF_TEXT:
        case OR_PF_TEXTAREA:
            if ((int)strlen(s) > f->max)
                add(errs, max, &n, f->name, i, OR_PE_LONG, "is %zu bytes long; at most %d allowed",
                    strlen(s), f->max);
            break;
        case OR_PF_DATE:
            if (!date_ok(s))
                add(errs, max, &n, f->name, i, OR_PE_DATE,
                    "'%s' is not a date (expected YYYY-MM-DD)", quote(s, q));
            break;
        case OR_PF_YESNO:
            if (strcmp(s, "yes") && strcmp(s, "no"))
                add(errs, max, &n, f->name, i, OR_PE_YESNO, "'%s' is not yes or no", quote(s, q));
            else if (f->yes_only && !strcmp(s, "no"))
                add(errs, max, &n, f->name, i, OR_PE_NOT_YES, "is no; a %s needs it to be yes",
                    k->label);
            break;
        case OR_PF_NUMBER:
            if (!number_ok(s, f->max))
                add(errs, max, &n, f->name, i, OR_PE_NUMBER,
                    "'%s' is not a number from 0 to %d (at most one decimal place)", quote(s, q),
                    f->max);
            break;
        case OR_PF_LIST:
            break;
        }
    }
    return n;
}

/* ---- JSON ---- */

or_code or_plan_details_json(const or_plan_kind *k, const or_plan_values *v, or_sb *out,
                             or_error *err)
{
    json_t *o = json_object();
    if (!o)
        return or_fail(err, OR_ENOMEM, "out of memory");
    or_code rc = OR_OK;
    for (int i = 0; i < k->nfields && !rc; i++) {
        const or_plan_field *f = &k->fields[i];
        json_t *val = NULL;
        if (f->type == OR_PF_LIST) {
            if (!v->nitems[i])
                continue;
            val = json_array();
            for (int j = 0; val && j < v->nitems[i]; j++)
                if (json_array_append_new(val, json_string(v->items[i][j] ? v->items[i][j] : "")))
                    rc = or_fail(err, OR_EINPUT, "%s: item %d is not valid UTF-8 text", f->name,
                                 j + 1);
        } else {
            if (!v->text[i] || !*v->text[i])
                continue;
            if (!(val = json_string(v->text[i])))
                rc = or_fail(err, OR_EINPUT, "%s: is not valid UTF-8 text", f->name);
        }
        if (val && json_object_set_new(o, f->name, val) && !rc)
            rc = or_fail(err, OR_ENOMEM, "out of memory");
    }
    if (!rc) {
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s)
            or_sb_adds(out, s);
        else
            rc = or_fail(err, OR_ENOMEM, "out of memory");
        free(s);
    }
    json_decref(o);
    return rc;
}

/* Read the object o into v; on a problem, its message into err (the first one). */
static or_code read_object(const or_plan_kind *k, json_t *o, or_arena *arena, or_plan_values *v,
                           or_error *err)
{
    memset(v, 0, sizeof *v);
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val)
    {
        if (!strncmp(key, "x_", 2))
            continue;
        int i = or_plan_field_index(k, key);
        char q[48];
        if (i < 0)
            return or_fail(err, OR_EINPUT,
                           "%s: is not a field of a %s (fields: see plans.c; a key of your own "
                           "starts with x_)",
                           quote(key, q), k->type);
        const or_plan_field *f = &k->fields[i];
        if (f->type == OR_PF_LIST) {
            if (!json_is_array(val))
                return or_fail(err, OR_EINPUT, "%s: is not a list of strings", key);
            size_t n = json_array_size(val);
            const char **items = or_arena_alloc(arena, (n ? n : 1) * sizeof *items);
            for (size_t j = 0; j < n; j++) {
                json_t *it = json_array_get(val, j);
                if (!json_is_string(it))
                    return or_fail(err, OR_EINPUT, "%s: item %zu is not a string", key, j + 1);
                items[j] = or_arena_strdup(arena, json_string_value(it));
            }
            v->items[i] = items;
            v->nitems[i] = (int)n;
        } else {
            if (!json_is_string(val))
                return or_fail(err, OR_EINPUT, "%s: is not a string (write every value in quotes)",
                               key);
            v->text[i] = or_arena_strndup(arena, json_string_value(val), json_string_length(val));
            if (strlen(v->text[i]) != json_string_length(val))
                return or_fail(err, OR_EINPUT, "%s: holds a NUL character", key);
        }
    }
    return OR_OK;
}

or_code or_plan_details_read(const or_plan_kind *k, const char *json, or_arena *arena,
                             or_plan_values *v, or_error *err)
{
    memset(v, 0, sizeof *v);
    json_error_t je;
    json_t *o = json_loads(json ? json : "", JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!o)
        return or_fail(err, OR_EINPUT, "is not JSON (%s at character %d)", je.text, je.position);
    or_code rc = json_is_object(o)
                     ? read_object(k, o, arena, v, err)
                     : or_fail(err, OR_EINPUT, "is not a JSON object ({\"name\": value, ...})");
    json_decref(o);
    return rc;
}

/* An AP placement's details: the plan's checks, then who placed the pupil and why from ap.h's
 * vocabularies. */
static or_code ap_check(const or_plan_kind *k, const char *details, or_error *err)
{
    or_arena arena = OR_ARENA_INIT;
    or_plan_values v;
    or_code rc = or_plan_details_read(k, details, &arena, &v, err);
    or_plan_error e;
    if (!rc && or_plan_check(k, NULL, &v, &e, 1))
        rc = or_fail(err, OR_EINPUT, "%s", e.message);
    const char *by = v.text[or_plan_field_index(k, "placed_by")],
               *why = v.text[or_plan_field_index(k, "reason")];
    char q[48];
    if (!rc && !or_ap_label(OR_AP_PLACED_BY, by))
        rc = or_fail(err, OR_EINPUT, "placed_by: '%s' is not who places a pupil (expected %s)",
                     quote(by, q), or_ap_ids(OR_AP_PLACED_BY));
    if (!rc && !or_ap_label(OR_AP_REASON, why))
        rc = or_fail(err, OR_EINPUT, "reason: '%s' is not a reason for a placement (expected %s)",
                     quote(why, q), or_ap_ids(OR_AP_REASON));
    or_arena_free(&arena);
    return rc;
}

or_code or_plan_check_row(const char *type, const char *outcome, const char *to,
                          const char *details, const char **column, or_error *err)
{
    const or_plan_kind *k = or_plan_kind_find(type);
    if (!k)
        return OR_OK;
    if (!strcmp(type, "referral") && to && !or_referral_flow_find(to)) {
        or_sb list = OR_SB_INIT;
        for (int i = 0; i < or_referral_flows_count(); i++)
            or_sb_addf(&list, "%s%s", i ? "|" : "", or_referral_flow_at(i)->service);
        char q[48];
        *column = "to";
        or_fail(err, OR_EINPUT, "'%s' is not a referral route (expected %s)", quote(to, q),
                or_sb_str(&list));
        or_sb_release(&list);
        return OR_EINPUT;
    }
    if (!strcmp(type, "referral_update") && outcome && !strcmp(outcome, "allocated") &&
        (!to || !*to)) {
        *column = "to";
        return or_fail(err, OR_EINPUT,
                       "is empty; an allocation (outcome allocated) names the lead worker");
    }
    if (!details)
        return OR_OK;
    *column = "details";
    if (!strcmp(type, "ap_placement"))
        return ap_check(k, details, err);
    or_arena arena = OR_ARENA_INIT;
    or_plan_values v;
    or_code rc = or_plan_details_read(k, details, &arena, &v, err);
    if (!rc) {
        or_plan_error e;
        if (or_plan_check(k, outcome, &v, &e, 1))
            rc = or_fail(err, OR_EINPUT, "%s", e.message);
    }
    or_arena_free(&arena);
    return rc;
}
