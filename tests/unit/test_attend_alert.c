/* test_attend_alert.c - LOCAL-ATTEND-ALERT (issue 17, part 8): an unexplained absence (N or O)
 * of a looked-after child or a child with a social worker, and their attendance falling below
 * the persistent-absence line (DOMAIN.md §5 RISK-PA: 90% of the year's possible sessions), are
 * passed on to the Virtual School and the social worker by the next school day. Every alert and
 * due date is counted by hand on the fixture's calendar (duties_fixture.h), written out:
 *
 *   autumn 2025 term Wed 3 Sep - Fri 19 Dec, half-term Mon 27 - Fri 31 Oct
 *   School days before half-term: Sep 3 4 5 | 8-12 | 15-19 | 22-26 | 29 30   Oct 1 2 3 | 6-10 |
 *   13-17 | 20-24: 20 in September, 18 in October (3 Sep - 23 Oct: 37 days, 74 sessions)
 *   [27-31 Oct half-term]  Nov 3-7 | 10-14 | 17-21
 *
 * The source: the LA's attendance policy (the social worker and the Virtual School hear
 * promptly about attendance concerns) and DfE "Working together to improve school attendance"
 * (2024): the duty's day is the next school day at the school of the mark. */
#include "duties_fixture.h"
#include "onroll/attend_alert.h"
#include "onroll/marks.h"

#define ALERT "LOCAL-ATTEND-ALERT"

static bool owned_rule(const char *id)
{
    return strcmp(id, ALERT) == 0;
}

/* A year of marks (2025/26) at school A: present from 3 Sep to 23 Oct on every school day, then
 * `more` from 24 Oct: one string of two characters a school day (AM, PM), school days only. */
static char marks[OR_MARKS_LEN + 1];

static void set_date(or_date d, char am, char pm)
{
    marks[or_mark_pos(d, 0)] = am;
    marks[or_mark_pos(d, 1)] = pm;
}

static void set_day(const char *day, char am, char pm)
{
    set_date(D(day), am, pm);
}

/* Present on every weekday from `from` to `to` (the test's ranges hold no holiday). */
static void present(const char *from, const char *to)
{
    for (or_date d = D(from); d <= D(to); d++)
        if (or_date_weekday(d) < 5)
            set_date(d, '/', '\\');
}

static void present_to_23_oct(void)
{
    or_marks_clear(marks);
    marks[OR_MARKS_LEN] = '\0';
    present("2025-09-03", "2025-10-23");
}

typedef struct {
    built_facts b;
    or_fact_marks m;
    or_fact_case sw;
} pupil;

/* A pupil of school A, looked after (cla) or with a social worker's open caseload (sw). */
static void make(pupil *p, int cla, bool sw)
{
    duty_case c = {.name = "x",
                   .as_of = "2025-11-01",
                   .snap = {{.as_of = "2025-08-01", .cla = cla}},
                   .enrol = {{URN_A, "2021-09-01", NULL}}};
    build_facts(&c, &p->b);
    p->m = (or_fact_marks){URN_A, 2025, marks};
    p->b.f.marks = &p->m;
    p->b.f.nmarks = 1;
    if (sw) {
        p->sw =
            (or_fact_case){"sw@la.example.gov.uk", "social_worker", D("2025-09-01"), OR_DATE_NONE};
        p->b.f.cases = &p->sw;
        p->b.f.ncases = 1;
    }
}

/* The pupil's LOCAL-ATTEND-ALERT duties as of a day: "due|status|detail" lines. */
static void alert_duties(pupil *p, const char *as_of, char *out, size_t size)
{
    or_params params;
    or_params_default(&params);
    or_arena a = OR_ARENA_INIT;
    or_duty_list l;
    or_duty_list_init(&l, &a);
    or_error err = {0};
    assert_int_equal(or_duties_for_pupil(&p->b.f, &params, D(as_of), &l, &err), OR_OK);
    out[0] = '\0';
    for (int i = 0; i < l.n; i++) {
        if (strcmp(l.items[i].rule->id, ALERT))
            continue;
        char due[11];
        fmt(l.items[i].due, due);
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s|%s|%s\n", due, or_duty_status_name(l.items[i].status),
                 l.items[i].detail);
    }
    or_arena_free(&a);
}

/* Fri 24 Oct: N in the morning, O in the afternoon: one alert (once per pupil per day), its
 * code the first, N. Due AFTER(Fri 24 Oct, 1): half-term 27-31 Oct -> Mon 3 Nov. Attendance
 * 74 of 76 (97.4%): no crossing. The duty stands from the day to its due date. */
static void unexplained_absence_looked_after(void **state)
{
    (void)state;
    present_to_23_oct();
    set_day("2025-10-24", 'N', 'O');
    pupil p;
    make(&p, 1, false);
    or_attend_alert al[8];
    assert_int_equal(or_attend_alerts(&p.b.f, 90, D("2025-09-01"), D("2025-12-19"), al, 8), 1);
    assert_int_equal(al[0].kind, OR_ALERT_ABSENCE);
    assert_int_equal(al[0].day, D("2025-10-24"));
    assert_int_equal(al[0].code, 'N');
    assert_int_equal(al[0].urn, URN_A);
    char got[2048];
    alert_duties(&p, "2025-10-24", got, sizeof got);
    assert_string_equal(got, "2025-11-03|open|an unexplained absence (N) on 2025-10-24: onroll "
                             "tells the Virtual School and the social worker\n");
    alert_duties(&p, "2025-11-03", got, sizeof got); /* the due day: still to do */
    assert_string_equal(got, "2025-11-03|open|an unexplained absence (N) on 2025-10-24: onroll "
                             "tells the Virtual School and the social worker\n");
    alert_duties(&p, "2025-11-04", got, sizeof got); /* past: the outbox is its record */
    assert_string_equal(got, "");
}

/* Not looked after and no social worker: the same marks make no alert. */
static void no_alert_without_care_or_social_worker(void **state)
{
    (void)state;
    present_to_23_oct();
    set_day("2025-10-24", 'N', 'O');
    pupil p;
    make(&p, 0, false);
    or_attend_alert al[8];
    assert_int_equal(or_attend_alerts(&p.b.f, 90, D("2025-09-01"), D("2025-12-19"), al, 8), 0);
}

/* With a social worker (an open caseload from 1 Sep), present to Fri 24 Oct (76 of 76), then
 * ill (I: authorised, no absence alert) from Mon 3 Nov: 76 of 76 + 2k. Below 90% when
 * 7600 < 90 (76 + 2k), k > 4.2: after Thu 6 Nov (k = 4) 76/84 = 90.5%, after Fri 7 Nov (k = 5)
 * 76/86 = 88.4%: the crossing is Fri 7 Nov, due AFTER(Fri 7 Nov, 1) = Mon 10 Nov. Still ill Mon
 * 10 - Wed 12 Nov: still below, no second alert. */
static void crossing_the_persistent_absence_line(void **state)
{
    (void)state;
    present_to_23_oct();
    set_day("2025-10-24", '/', '\\');
    const char *ill[] = {"2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06",
                         "2025-11-07", "2025-11-10", "2025-11-11", "2025-11-12"};
    for (size_t i = 0; i < sizeof ill / sizeof ill[0]; i++)
        set_day(ill[i], 'I', 'I');
    pupil p;
    make(&p, 0, true);
    or_attend_alert al[8];
    assert_int_equal(or_attend_alerts(&p.b.f, 90, D("2025-09-01"), D("2025-12-19"), al, 8), 1);
    assert_int_equal(al[0].kind, OR_ALERT_PA);
    assert_int_equal(al[0].day, D("2025-11-07"));
    assert_int_equal(al[0].attended, 76);
    assert_int_equal(al[0].possible, 86);
    char got[2048];
    alert_duties(&p, "2025-11-07", got, sizeof got);
    assert_string_equal(got, "2025-11-10|open|attendance 76 of 86 sessions on 2025-11-07, below "
                             "the persistent-absence line: onroll tells the Virtual School and "
                             "the social worker\n");
}

/* Once per crossing, with the line at 98% (a parameter): Fri 24 Oct present (76 of 76); Mon
 * 3 Nov ill (76 of 78 = 97.4%, below 98%: a crossing on Mon 3 Nov); present Tue 4 - Fri 21 Nov
 * (14 days): 76 + 2j of 78 + 2j is 98% or more when 0.04j >= 0.44, j >= 11 (back above on Tue
 * 18 Nov); Mon 24 Nov O O: 104 of 108 = 96.3%, below again: a second crossing, and an
 * unexplained absence the same day (listed first). */
static void once_per_crossing(void **state)
{
    (void)state;
    present_to_23_oct();
    set_day("2025-10-24", '/', '\\');
    set_day("2025-11-03", 'I', 'I');
    present("2025-11-04", "2025-11-21");
    set_day("2025-11-24", 'O', 'O');
    pupil p;
    make(&p, 1, false);
    or_attend_alert al[8];
    assert_int_equal(or_attend_alerts(&p.b.f, 98, D("2025-09-01"), D("2025-12-19"), al, 8), 3);
    assert_int_equal(al[0].kind, OR_ALERT_PA);
    assert_int_equal(al[0].day, D("2025-11-03"));
    assert_int_equal(al[1].kind, OR_ALERT_ABSENCE); /* an absence before a crossing, same day */
    assert_int_equal(al[1].day, D("2025-11-24"));
    assert_int_equal(al[2].kind, OR_ALERT_PA);
    assert_int_equal(al[2].day, D("2025-11-24"));
    assert_int_equal(al[2].attended, 104);
    assert_int_equal(al[2].possible, 108);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unexplained_absence_looked_after),
        cmocka_unit_test(no_alert_without_care_or_social_worker),
        cmocka_unit_test(crossing_the_persistent_absence_line),
        cmocka_unit_test(once_per_crossing),
    };
    (void)check_case; /* the fixture's table runner: test_mash.c's and test_protocol.c's */
    (void)run_cases;
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
