/* test_plans.c - the plans table of plans.h: every kind well formed; the field checks, case by
 * case (required, required only at an outcome, too long, dates, yes/no, yes only, numbers,
 * lists); the details JSON written and read back; the importer's row check (a referral's
 * route, an allocation's lead worker, details of the wrong shape); and which events a plan's
 * `ref` may name (rowcheck.c). Expected messages and JSON are written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/plans.h"
#include "onroll/rowcheck.h"

static void kinds_are_well_formed(void **state)
{
    (void)state;
    static const char *const types[] = {
        "psp",      "plan_review",     "peap",        "pep", "part_time_timetable",
        "referral", "referral_update", "ap_placement"};
    assert_int_equal(or_plan_kinds_count(), 8); /* issue 17 adds the AP placement */
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        const or_plan_kind *k = or_plan_kind_find(types[t]);
        assert_non_null(k);
        assert_string_equal(k->type, types[t]);
        assert_true(k->nfields >= 2 && k->nfields <= OR_PLAN_MAX_FIELDS);
        assert_non_null(k->label);
        assert_non_null(k->start_label);
        assert_true(!k->end_required || k->end_label);
        for (int i = 0; i < k->nfields; i++) {
            const or_plan_field *f = &k->fields[i];
            assert_int_equal(or_plan_field_index(k, f->name), i); /* names unique */
            assert_non_null(f->label);
            assert_true(f->type == OR_PF_YESNO || f->type == OR_PF_DATE || f->max > 0);
            assert_true(!f->yes_only || f->type == OR_PF_YESNO);
            /* a field that may be required says so in the form's words */
            if (f->required || f->required_when)
                assert_non_null(f->missing);
        }
    }
    assert_null(or_plan_kind_find("suspension"));
    assert_null(or_plan_kind_find(NULL));
    assert_int_equal(or_plan_field_index(or_plan_kind_find("psp"), "nothing"), -1);
    /* the PEAP asks the pupil's voice questions and the head teacher's, in this order */
    const or_plan_kind *peap = or_plan_kind_find("peap");
    assert_string_equal(peap->fields[or_plan_field_index(peap, "voice_going_well")].label,
                        "What is going well at school?");
    assert_string_equal(peap->fields[or_plan_field_index(peap, "voice_would_help")].label,
                        "What would help?");
    assert_string_equal(peap->fields[or_plan_field_index(peap, "ht_proportionate")].label,
                        "Is the decision proportionate?");
    assert_true(or_plan_kind_find("psp")->end_required);
}

/* ---- or_plan_check, case by case ---- */

typedef struct {
    const char *type, *outcome;
    const char *values[8][2]; /* field, value (other fields: empty) */
    const char *want;         /* "field:problem;..." in field order, "" for none */
    const char *first;        /* the first error's message, or NULL */
} check_case;

static const char *problem_name(or_plan_problem p)
{
    static const char *const names[] = {"empty",  "long",   "text", "date", "yesno",
                                        "notyes", "number", "many", "shape"};
    return names[p];
}

/* A PSP with every required field, then one changed. */
#define PSP_OK                                                                                     \
    {"targets_pupil", "Arrive on time"}, {"targets_school", "A key adult"},                        \
        {"targets_family", "Check the planner"},                                                   \
    {                                                                                              \
        "leader", "Deputy head (pastoral)"                                                         \
    }

static const check_case check_cases[] = {
    {"psp", NULL, {PSP_OK}, "", NULL},
    {"psp",
     NULL,
     {{"targets_pupil", "Arrive on time"}},
     "targets_school:empty;targets_family:empty;leader:empty",
     "targets_school: is empty; a Pastoral Support Programme needs it"},
    {"psp",
     NULL,
     {PSP_OK,
      {"leader", "0123456789012345678901234567890123456789012345678901234567890123456789"
                 "0123456789012345678901234567890123456789012345678901234567890123456789"
                 "0123456789012345678901234567890123456789012345678901234567890123456789"}},
     "leader:long",
     "leader: is 210 bytes long; at most 200 allowed"},
    {"psp", NULL, {PSP_OK, {"leader", "tab\there"}}, "leader:text", NULL},
    /* a textarea takes line breaks, a one-line field does not */
    {"psp", NULL, {PSP_OK, {"targets_pupil", "one\ntwo"}}, "", NULL},
    {"psp", NULL, {PSP_OK, {"leader", "one\ntwo"}}, "leader:text", NULL},
    {"psp", NULL, {PSP_OK, {"leader", "broken \xC3("}}, "leader:text", NULL},
    /* a review: the views are required */
    {"plan_review",
     "no_change",
     {{"pupil_views", "It is better in maths"}},
     "parent_views:empty;changes:empty",
     NULL},
    /* a timetable: the parents' agreement must be yes; a real date; hours 0 to 40 */
    {"part_time_timetable",
     NULL,
     {{"parent_agreed", "no"},
      {"parent_agreed_on", "2026-02-30"},
      {"authorised_by", "J Head"},
      {"reason", "Phased return"},
      {"hours", "41"}},
     "parent_agreed:notyes;parent_agreed_on:date;hours:number",
     "parent_agreed: is no; a Part-time timetable needs it to be yes"},
    {"part_time_timetable",
     NULL,
     {{"parent_agreed", "yes"},
      {"parent_agreed_on", "2026-02-28"},
      {"authorised_by", "J Head"},
      {"reason", "Phased return"},
      {"hours", "12.5"}},
     "",
     NULL},
    {"part_time_timetable",
     NULL,
     {{"parent_agreed", "maybe"},
      {"parent_agreed_on", "28/02/2026"},
      {"authorised_by", "J Head"},
      {"reason", "Phased return"},
      {"hours", "12.25"}},
     "parent_agreed:yesno;parent_agreed_on:date;hours:number",
     "parent_agreed: 'maybe' is not yes or no"},
    {"part_time_timetable",
     NULL,
     {{"parent_agreed", "yes"},
      {"parent_agreed_on", "2026-02-28"},
      {"authorised_by", "J Head"},
      {"reason", "Phased return"},
      {"hours", "-1"}},
     "hours:number",
     "hours: '-1' is not a number from 0 to 40 (at most one decimal place)"},
    /* an update: the sustainability plan is required at exit only */
    {"referral_update", "allocated", {{"notes", "Sam allocated"}}, "", NULL},
    {"referral_update",
     "exit",
     {{"notes", "Done"}},
     "sustainability_plan:empty",
     "sustainability_plan: is empty; a Referral update needs it at exit"},
    /* a PEP: the yes/no and the attendee */
    {"pep", NULL, {{"targets", "Reading age"}}, "vs_attendee:empty;pupil_premium:empty", NULL},
    /* a long value is quoted in part */
    {"pep",
     NULL,
     {{"targets", "t"},
      {"vs_attendee", "v"},
      {"pupil_premium", "0123456789012345678901234567890123456789012345"}},
     "pupil_premium:yesno",
     "pupil_premium: '0123456789012345678901234567890123456789...' is not yes or no"},
};

static void check_field_by_field(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof check_cases / sizeof check_cases[0]; c++) {
        const check_case *t = &check_cases[c];
        const or_plan_kind *k = or_plan_kind_find(t->type);
        or_plan_values v;
        memset(&v, 0, sizeof v);
        for (int i = 0; i < 8 && t->values[i][0]; i++) {
            int f = or_plan_field_index(k, t->values[i][0]);
            assert_true(f >= 0);
            v.text[f] = t->values[i][1];
        }
        or_plan_error errs[16];
        int n = or_plan_check(k, t->outcome, &v, errs, 16);
        char got[400] = "";
        for (int i = 0; i < n && i < 16; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%s", i ? ";" : "",
                     errs[i].field, problem_name(errs[i].problem));
        if (strcmp(got, t->want))
            fail_msg("case %zu (%s): got '%s', want '%s'", c, t->type, got, t->want);
        if (t->first)
            assert_string_equal(errs[0].message, t->first);
        for (int i = 0; i < n && i < 16; i++)
            assert_int_equal(errs[i].index, or_plan_field_index(k, errs[i].field));
    }
}

static void check_lists_and_max(void **state)
{
    (void)state;
    const or_plan_kind *k = or_plan_kind_find("peap");
    int li = or_plan_field_index(k, "interventions_recorded");
    or_plan_values v;
    memset(&v, 0, sizeof v);
    const char *items[31];
    for (int i = 0; i < 31; i++)
        items[i] = "INT-1";
    v.items[li] = items;
    v.nitems[li] = 31;
    or_plan_error errs[4];
    /* 11 fields, 9 of them required and empty, plus the list too long: 10 errors; 4 written */
    int n = or_plan_check(k, NULL, &v, errs, 4);
    assert_int_equal(n, 10);
    assert_string_equal(errs[0].field, "needs");
    assert_string_equal(errs[2].field, "interventions_recorded");
    assert_string_equal(errs[2].message,
                        "interventions_recorded: has 31 items; at most 30 allowed");
    items[0] = "";
    v.nitems[li] = 2;
    n = or_plan_check(k, NULL, &v, errs, 4);
    assert_int_equal(errs[2].problem, OR_PE_MANY);
    assert_string_equal(errs[2].message, "interventions_recorded: item 1 is not a short text (1 to "
                                         "64 bytes, no control characters)");
}

/* ---- JSON ---- */

static void details_written_and_read(void **state)
{
    (void)state;
    const or_plan_kind *k = or_plan_kind_find("peap");
    or_plan_values v;
    memset(&v, 0, sizeof v);
    v.text[or_plan_field_index(k, "needs")] = "SEMH; \"quotes\" and <b>tags</b>\nnew line";
    v.text[or_plan_field_index(k, "ht_alternatives")] = "no";
    v.text[or_plan_field_index(k, "ht_notes")] = ""; /* empty: left out */
    const char *items[] = {"INT-7", "WEB-00AA"};
    int li = or_plan_field_index(k, "interventions_recorded");
    v.items[li] = items;
    v.nitems[li] = 2;
    or_sb sb = OR_SB_INIT;
    or_error err = {0};
    assert_int_equal(or_plan_details_json(k, &v, &sb, &err), OR_OK);
    /* field order, not the order they were set in; empty fields absent */
    assert_string_equal(or_sb_str(&sb),
                        "{\"needs\":\"SEMH; \\\"quotes\\\" and <b>tags</b>\\nnew line\","
                        "\"interventions_recorded\":[\"INT-7\",\"WEB-00AA\"],"
                        "\"ht_alternatives\":\"no\"}");
    or_arena a = OR_ARENA_INIT;
    or_plan_values back;
    assert_int_equal(or_plan_details_read(k, or_sb_str(&sb), &a, &back, &err), OR_OK);
    assert_string_equal(back.text[or_plan_field_index(k, "needs")],
                        "SEMH; \"quotes\" and <b>tags</b>\nnew line");
    assert_null(back.text[or_plan_field_index(k, "voice_helps")]);
    assert_int_equal(back.nitems[li], 2);
    assert_string_equal(back.items[li][1], "WEB-00AA");
    /* x_ keys are skipped; unknown keys and wrong types named */
    assert_int_equal(or_plan_details_read(k, "{\"x_mis\":1,\"needs\":\"n\"}", &a, &back, &err),
                     OR_OK);
    assert_string_equal(back.text[0], "n");
    assert_int_equal(or_plan_details_read(k, "{\"colour\":\"red\"}", &a, &back, &err), OR_EINPUT);
    assert_string_equal(err.msg, "colour: is not a field of a peap (fields: see plans.c; a key of "
                                 "your own starts with x_)");
    assert_int_equal(or_plan_details_read(k, "{\"needs\":3}", &a, &back, &err), OR_EINPUT);
    assert_string_equal(err.msg, "needs: is not a string (write every value in quotes)");
    assert_int_equal(
        or_plan_details_read(k, "{\"interventions_recorded\":\"INT-7\"}", &a, &back, &err),
        OR_EINPUT);
    assert_string_equal(err.msg, "interventions_recorded: is not a list of strings");
    assert_int_equal(or_plan_details_read(k, "[1]", &a, &back, &err), OR_EINPUT);
    assert_string_equal(err.msg, "is not a JSON object ({\"name\": value, ...})");
    assert_int_equal(or_plan_details_read(k, "{\"needs\":", &a, &back, &err), OR_EINPUT);
    assert_true(strstr(err.msg, "is not JSON") == err.msg);
    or_arena_free(&a);
    or_sb_release(&sb);
}

/* ---- the importer's row check ---- */

typedef struct {
    const char *type, *outcome, *to, *details;
    const char *column; /* NULL: accepted */
    const char *message;
} row_case;

static const row_case row_cases[] = {
    {"suspension", NULL, NULL, "{\"anything\":1}", NULL, NULL}, /* not a plan: not checked */
    {"psp", NULL, NULL, NULL, NULL, NULL},                      /* no details: nothing to check */
    {"psp", NULL, NULL,
     "{\"targets_pupil\":\"a\",\"targets_school\":\"b\",\"targets_family\":\"c\",\"leader\":\"d\"}",
     NULL, NULL},
    {"psp", NULL, NULL, "{\"targets_pupil\":\"a\"}", "details",
     "targets_school: is empty; a Pastoral Support Programme needs it"},
    {"psp", NULL, NULL, "{\"targets\":\"a\"}", "details",
     "targets: is not a field of a psp (fields: see plans.c; a key of your own starts with x_)"},
    {"referral", NULL, "reu", NULL, NULL, NULL},
    {"referral", NULL, "camhs", NULL, "to",
     "'camhs' is not a referral route (expected reu|map|early_help|ep|ap|panel)"},
    {"referral_update", "allocated", NULL, NULL, "to",
     "is empty; an allocation (outcome allocated) names the lead worker"},
    {"referral_update", "allocated", "sam.lee@reu.example", NULL, NULL, NULL},
    {"referral_update", "exit", NULL, "{\"notes\":\"done\"}", "details",
     "sustainability_plan: is empty; a Referral update needs it at exit"},
    {"referral_update", "exit", NULL, "{\"sustainability_plan\":\"Weekly check-in\"}", NULL, NULL},
    {"part_time_timetable", NULL, NULL,
     "{\"parent_agreed\":\"yes\",\"parent_agreed_on\":\"2026-01-05\",\"authorised_by\":\"H\","
     "\"reason\":\"r\",\"hours\":\"15\"}",
     NULL, NULL},
};

static void row_check(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof row_cases / sizeof row_cases[0]; c++) {
        const row_case *t = &row_cases[c];
        const char *column = NULL;
        or_error err = {0};
        or_code rc = or_plan_check_row(t->type, t->outcome, t->to, t->details, &column, &err);
        if (!t->column) {
            if (rc)
                fail_msg("case %zu: refused: %s", c, err.msg);
            continue;
        }
        assert_int_equal(rc, OR_EINPUT);
        assert_string_equal(column, t->column);
        assert_string_equal(err.msg, t->message);
    }
}

/* What a plan's `ref` may name (rowcheck.c's table, which the importer applies). */
static void ref_types(void **state)
{
    (void)state;
    static const struct {
        const char *type, *ref_type;
        bool ok;
    } cases[] = {
        {"psp", "lunchtime", true},           {"psp", "psp", false},
        {"peap", "permanent", true},          {"plan_review", "psp", true},
        {"plan_review", "pep", true},         {"plan_review", "part_time_timetable", true},
        {"plan_review", "suspension", false}, {"referral", "psp", true},
        {"referral", "suspension", false},    {"referral_update", "referral", true},
        {"referral_update", "psp", false},    {"action", "referral", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *expected = NULL;
        if (or_event_ref_ok(cases[i].type, cases[i].ref_type, &expected) != cases[i].ok)
            fail_msg("%s naming a %s: expected %s", cases[i].type, cases[i].ref_type, expected);
    }
    const char *expected = NULL;
    assert_false(or_event_ref_ok("referral_update", "psp", &expected));
    assert_string_equal(expected, "referral");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_are_well_formed),
        cmocka_unit_test(check_field_by_field),
        cmocka_unit_test(check_lists_and_max),
        cmocka_unit_test(details_written_and_read),
        cmocka_unit_test(row_check),
        cmocka_unit_test(ref_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
