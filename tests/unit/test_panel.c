/* test_panel.c - the multi-agency panel (issue 17 part 9; panel.h, docs/panel.md): the
 * turnaround KPI and LOCAL-PANEL-ACTION, every date counted by hand on the calendar written out
 * below, independently of src/core/panel.c.
 *
 * The source: the RSA toolkit's LA case study (the weekly Vulnerable Pupil Hot Clinic) and the
 * issue's targets, the LA's local protocol: an urgent referral is considered the same school
 * day, a standard one within 3 school days of the referral (AFTER(referral, 3), the referral's
 * own day not counted), on the referring school's calendar. An action agreed by the panel is
 * due on the day the panel set.
 *
 * The calendar (the school's):
 *   autumn 2025 term Wed 3 Sep - Fri 19 Dec, half-term Mon 27 - Fri 31 Oct; the school's
 *   INSET day Fri 14 Nov.
 *   Oct: Mon 20 Tue 21 Wed 22 Thu 23 Fri 24 | [27-31 half-term] | Nov: Mon 3 Tue 4 Wed 5
 *   Nov: Mon 10 Tue 11 Wed 12 Thu 13 [Fri 14 INSET] | [Sat 15 Sun 16] | Mon 17 Tue 18 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/duties.h"
#include "onroll/panel.h"
#include "onroll/params.h"
#include "onroll/rules.h"

static or_arena arena = OR_ARENA_INIT;
static or_calendar cal;

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (s && !or_date_parse(s, &d))
        fail_msg("bad date %s", s);
    return d;
}

static int setup(void **state)
{
    (void)state;
    or_cal_row rows[] = {
        {D("2025-09-03"), D("2025-12-19"), OR_CAL_TERM, false},
        {D("2025-10-27"), D("2025-10-31"), OR_CAL_HOLIDAY, false},
        {D("2025-11-14"), D("2025-11-14"), OR_CAL_INSET, true},
    };
    or_error err = {0};
    assert_int_equal(or_calendar_build(&cal, rows, 3, &arena, &err), OR_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_arena_free(&arena);
    return 0;
}

typedef struct {
    const char *name;
    bool urgent;
    const char *referred, *considered, *as_of; /* considered NULL: not yet */
    const char *due;
    int days;
    bool within, late;
} turn_case;

static const turn_case turns[] = {
    /* urgent, the same day: due Mon 10 Nov itself; 0 school days */
    {"urgent, considered the same day", true, "2025-11-10", "2025-11-10", "2025-11-20",
     "2025-11-10", 0, true, false},
    /* urgent, the next day: Tue 11 is 1 school day after; due was Mon 10 */
    {"urgent, considered the next day", true, "2025-11-10", "2025-11-11", "2025-11-20",
     "2025-11-10", 1, false, false},
    /* standard from Wed 12 Nov: Thu 13 (1), [Fri 14 INSET, weekend], Mon 17 (2), Tue 18 (3)
     * -> due Tue 18; considered Mon 17 = 2 school days: within */
    {"standard over an INSET day", false, "2025-11-12", "2025-11-17", "2025-11-20", "2025-11-18", 2,
     true, false},
    /* standard from Thu 23 Oct: Fri 24 (1), [half-term], Mon 3 Nov (2), Tue 4 (3) -> due Tue 4;
     * considered Wed 5 = 4 school days: late */
    {"standard over half-term, a day late", false, "2025-10-23", "2025-11-05", "2025-11-20",
     "2025-11-04", 4, false, false},
    /* the same, not yet considered as of Tue 4 Nov (its last day): not late, 3 days so far */
    {"standard waiting on its last day", false, "2025-10-23", NULL, "2025-11-04", "2025-11-04", 3,
     false, false},
    /* ... and as of Wed 5 Nov: late, 4 days so far */
    {"standard waiting past its day", false, "2025-10-23", NULL, "2025-11-05", "2025-11-04", 4,
     false, true},
    /* urgent on Fri 24 Oct, not considered as of Mon 3 Nov: due Fri 24, late, 1 school day */
    {"urgent waiting over half-term", true, "2025-10-24", NULL, "2025-11-03", "2025-10-24", 1,
     false, true},
};

static void test_turnaround(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof turns / sizeof turns[0]; i++) {
        const turn_case *t = &turns[i];
        or_panel_turnaround got;
        or_panel_turnaround_of(&cal, D(t->referred), t->urgent, D(t->considered), D(t->as_of),
                               &got);
        char due[11];
        or_date_format(got.due, due);
        if (strcmp(due, t->due) || got.days != t->days || got.within != t->within ||
            got.late != t->late)
            fail_msg("%s: due %s days %d within %d late %d; want due %s days %d within %d "
                     "late %d",
                     t->name, due, got.days, got.within, got.late, t->due, t->days, t->within,
                     t->late);
        assert_int_equal(got.considered, t->considered != NULL);
    }
}

static void test_median(void **state)
{
    (void)state;
    int a[] = {4, 0, 2, 1}; /* 0 1 2 4: (1 + 2) / 2 */
    assert_true(or_panel_median(a, 4) == 1.5);
    int b[] = {3, 1, 2}; /* 1 2 3 */
    assert_true(or_panel_median(b, 3) == 2);
    assert_true(or_panel_median(b, 0) == -1);
    assert_int_equal(or_panel_target_days(true), 0);
    assert_int_equal(or_panel_target_days(false), 3);
}

static const or_school_info school = {100001, 999, "School A", "secondary", &cal};

static const or_school_info *lookup(void *ctx, int urn)
{
    (void)ctx;
    return urn == school.urn ? &school : NULL;
}

/* LOCAL-PANEL-ACTION: the referral of Mon 10 Nov (urgent), the decision at the meeting of
 * Mon 10 Nov with an action for CAMHS due Tue 18 Nov (the day the panel set), a second action
 * for early help due Mon 17 Nov; the early help action done on Thu 13 Nov. */
static void test_actions(void **state)
{
    (void)state;
    or_fact_event ev[] = {
        {.event_id = "R1",
         .urn = 100001,
         .kind = OR_EV_REFERRAL,
         .start = D("2025-11-10"),
         .end = OR_DATE_NONE,
         .to = "panel",
         .details = "{\"reason\":\"r\",\"consent\":\"yes\",\"x_urgency\":\"urgent\"}"},
        {.event_id = "U1",
         .urn = 100001,
         .kind = OR_EV_REFERRAL_UPDATE,
         .start = D("2025-11-10"),
         .end = D("2025-11-18"),
         .ref = "R1",
         .outcome = "discussed",
         .to = "CAMHS"},
        {.event_id = "U2",
         .urn = 100001,
         .kind = OR_EV_REFERRAL_UPDATE,
         .start = D("2025-11-10"),
         .end = D("2025-11-17"),
         .ref = "R1",
         .outcome = "panel_action",
         .to = "Early help"},
        {.event_id = "A1",
         .urn = 100001,
         .kind = OR_EV_ACTION,
         .start = D("2025-11-13"),
         .end = OR_DATE_NONE,
         .ref = "U2",
         .rule = "LOCAL-PANEL-ACTION"},
    };
    for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++) {
        ev[i].decided = ev[i].start;
        ev[i].exam_date = OR_DATE_NONE;
        ev[i].sessions = -1;
        ev[i].seq = (int64_t)i;
    }
    or_pupil_facts f = {.upn = "B801200005001", .events = ev, .nevents = 4, .school = lookup};
    or_panel_case c;
    assert_true(or_panel_case_of(&f, &ev[0], &c));
    assert_true(c.urgent);
    assert_ptr_equal(c.decision, &ev[1]);
    assert_false(or_panel_case_of(&f, &ev[1], &c));

    or_params p;
    or_params_default(&p);
    or_arena a = OR_ARENA_INIT;
    or_duty_list l;
    or_duty_list_init(&l, &a);
    or_error err = {0};
    assert_int_equal(or_duties_for_pupil(&f, &p, D("2025-11-18"), &l, &err), OR_OK);
    int seen = 0;
    for (int i = 0; i < l.n; i++) {
        const or_duty *d = &l.items[i];
        if (strcmp(d->rule->id, "LOCAL-PANEL-ACTION"))
            continue;
        seen++;
        char due[11];
        or_date_format(d->due, due);
        if (!strcmp(d->event_id, "U1")) { /* CAMHS: due Tue 18 Nov, open on the day */
            assert_string_equal(due, "2025-11-18");
            assert_int_equal(d->status, OR_DUTY_OPEN);
        } else { /* early help: due Mon 17, done Thu 13 */
            assert_string_equal(d->event_id, "U2");
            assert_string_equal(due, "2025-11-17");
            assert_int_equal(d->status, OR_DUTY_DONE);
        }
    }
    assert_int_equal(seen, 2);
    /* as of Wed 19 Nov the CAMHS action is overdue */
    or_duty_list_init(&l, &a);
    assert_int_equal(or_duties_for_pupil(&f, &p, D("2025-11-19"), &l, &err), OR_OK);
    for (int i = 0; i < l.n; i++)
        if (!strcmp(l.items[i].rule->id, "LOCAL-PANEL-ACTION") &&
            !strcmp(l.items[i].event_id, "U1"))
            assert_int_equal(l.items[i].status, OR_DUTY_OVERDUE);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_turnaround),
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_actions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
