/* test_offroll.c - off-rolling signals (offroll.h) worked out by hand for 2025/26 on six pupils
 * at two schools: who counts as on roll in the year (1 Aug 2025 - 31 Jul 2026), the Year 10
 * cohort on the census day of 2024/25 (Thu 16 Jan 2025) and who is gone by that of 2025/26 (Thu
 * 15 Jan 2026), in-year exits by the characteristics on the year's census day, the LA's rates
 * and the funnel classes, and the published table's suppression.
 *
 * Year 10 in 2024/25: aged 14 on 31 Aug 2024, born 1 Sep 2009 - 31 Aug 2010.
 *   P1 A, born 1 Oct 2009 (Y10), FSM; elective home education from A on 6 Oct 2025.
 *   P2 A until 18 Jul 2025, born 1 Mar 2010 (Y10); at B from 3 Sep 2025.
 *   P3 A, born 1 Dec 2009 (Y10), SEN support; stays.
 *   P4 A, born 1 Nov 2010 (Y9), EHC plan; unexplained exit from A on 2 Feb 2026.
 *   P5 subsidiary at A, main at B, born 2008, looked after.
 *   P6 B, born 5 Sep 2009 (Y10), looked after; stays.
 * A: on roll P1, P3, P4 (P2 left before the year; P5's subsidiary registration does not
 *    count) = 3; unexplained 1 of 3 (P4); EHE 1 of 3 (P1); Year 10 on 16 Jan 2025: P1, P2, P3,
 *    gone by 15 Jan 2026: P1 (home educated), P2 (at B) = 2 of 3; SEN P3, P4: exits 1 of 2;
 *    FSM P1: 1 of 1; looked after: none.
 * B: P2, P5, P6 = 3; 0 of 3, 0 of 3; Year 10 at B on 16 Jan 2025: P6, stays: 0 of 1; looked
 *    after P5, P6: 0 of 2.
 * LA: 6; 1 of 6; 1 of 6; 2 of 4; 1 of 2; 1 of 1; 0 of 2.
 * Funnel (p +/- z sqrt(p(1-p)/n)): A unexplained 1/3 against p = 1/6: sd 0.21517, 95% upper
 * 0.58840: within; A Year 10 to 11 2/3 against p = 0.5: sd 0.28868, upper 1.06580 clipped to 1:
 * within; B 0/1: lower -0.48 clipped to 0: on the limit, within. No school of concern. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/offroll.h"

enum { URN_A = 100001, URN_B = 100002, NP = 6 };

static or_school_info schools[2] = {{URN_A, 204, "School A", "secondary", NULL},
                                    {URN_B, 204, "School B", "secondary", NULL}};

static const or_school_info *lookup(void *ctx, int urn)
{
    (void)ctx;
    for (int i = 0; i < 2; i++)
        if (schools[i].urn == urn)
            return &schools[i];
    return NULL;
}

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (s && *s && !or_date_parse(s, &d))
        fail_msg("bad date in the test: %s", s);
    return d;
}

static or_fact_snapshot sn[NP];
static or_fact_enrolment en[NP][2];
static or_fact_event ev[NP][1];
static or_pupil_facts pf[NP];
static const or_pupil_facts *pp[NP];

static void pupil(int i, const char *dob, char sen, int fsm, int cla)
{
    sn[i] = (or_fact_snapshot){.as_of = D("2024-09-01"),
                               .dob = D(dob),
                               .sex = 'F',
                               .sen = sen,
                               .fsm = (int8_t)fsm,
                               .fsm6 = -1,
                               .eal = -1,
                               .cla = (int8_t)cla,
                               .pla = -1,
                               .cin = -1,
                               .cp = -1,
                               .yjs = -1,
                               .social_worker_since = OR_DATE_NONE};
    pf[i] = (or_pupil_facts){.upn = "x",
                             .snaps = &sn[i],
                             .nsnaps = 1,
                             .enrols = en[i],
                             .events = ev[i],
                             .school = lookup};
    pp[i] = &pf[i];
}

static void enrol(int i, int urn, const char *start, const char *end, char reg)
{
    en[i][pf[i].nenrols++] = (or_fact_enrolment){urn, D(start), D(end), reg, NULL, NULL};
}

static void exit_event(int i, int urn, or_event_kind k, const char *on)
{
    ev[i][pf[i].nevents++] = (or_fact_event){.event_id = "X",
                                             .urn = urn,
                                             .kind = k,
                                             .start = D(on),
                                             .end = OR_DATE_NONE,
                                             .decided = D(on),
                                             .sessions = -1};
}

static void build(void)
{
    memset(pf, 0, sizeof pf);
    pupil(0, "2009-10-01", 'N', 1, 0);
    enrol(0, URN_A, "2020-09-01", "", 'm');
    exit_event(0, URN_A, OR_EV_EHE, "2025-10-06");
    pupil(1, "2010-03-01", 'N', 0, 0);
    enrol(1, URN_A, "2020-09-01", "2025-07-18", 'm');
    enrol(1, URN_B, "2025-09-03", "", 'm');
    pupil(2, "2009-12-01", 'K', 0, 0);
    enrol(2, URN_A, "2020-09-01", "", 'm');
    pupil(3, "2010-11-01", 'E', 0, 0);
    enrol(3, URN_A, "2020-09-01", "", 'm');
    exit_event(3, URN_A, OR_EV_UNEXPLAINED_EXIT, "2026-02-02");
    pupil(4, "2008-05-01", 'N', 0, 1);
    enrol(4, URN_A, "2020-09-01", "", 's');
    enrol(4, URN_B, "2020-09-01", "", 'm');
    pupil(5, "2009-09-05", 'N', 0, 1);
    enrol(5, URN_B, "2020-09-01", "", 'm');
}

static void want(const or_off_row *r, int urn, long long roll, const long long xn[OR_OFF__N][2])
{
    assert_int_equal(r->urn, urn);
    if (r->roll != roll)
        fail_msg("%d: roll %lld, want %lld", urn, (long long)r->roll, roll);
    for (int m = 0; m < OR_OFF__N; m++)
        if (r->m[m].x != xn[m][0] || r->m[m].n != xn[m][1])
            fail_msg("%d: %s %lld of %lld, want %lld of %lld", urn, or_offroll_key(m),
                     (long long)r->m[m].x, (long long)r->m[m].n, xn[m][0], xn[m][1]);
}

static void test_by_hand(void **state)
{
    (void)state;
    build();
    or_arena a = OR_ARENA_INIT;
    or_offroll o;
    or_error err = {0};
    assert_int_equal(or_offroll_build(pp, NP, 2025, &a, &o, &err), OR_OK);
    assert_int_equal(o.n, 3);
    /* unexplained, EHE, Y10-11, SEN, FSM, looked after */
    const long long a_[OR_OFF__N][2] = {{1, 3}, {1, 3}, {2, 3}, {1, 2}, {1, 1}, {0, 0}};
    const long long b_[OR_OFF__N][2] = {{0, 3}, {0, 3}, {0, 1}, {0, 0}, {0, 0}, {0, 2}};
    const long long la[OR_OFF__N][2] = {{1, 6}, {1, 6}, {2, 4}, {1, 2}, {1, 1}, {0, 2}};
    want(&o.rows[0], URN_A, 3, a_);
    want(&o.rows[1], URN_B, 3, b_);
    want(&o.rows[2], 0, 6, la);
    assert_true(o.rows[0].m[OR_OFF_UNEXPLAINED].classed);
    assert_int_equal(o.rows[0].m[OR_OFF_UNEXPLAINED].cls, OR_FUNNEL_WITHIN);
    assert_int_equal(o.rows[0].m[OR_OFF_Y10_Y11].cls, OR_FUNNEL_WITHIN);
    assert_int_equal(o.rows[1].m[OR_OFF_Y10_Y11].cls, OR_FUNNEL_WITHIN);
    assert_false(o.rows[0].m[OR_OFF_EXIT_CLA].classed); /* none to count: no class */
    assert_int_equal(o.nconcern, 0);
    /* both schools secondary: their peers' rates are the LA's */
    assert_int_equal(o.peer_x[1][OR_OFF_Y10_Y11], 2);
    assert_int_equal(o.peer_n[1][OR_OFF_Y10_Y11], 4);
    assert_int_equal(o.peer_n[0][OR_OFF_Y10_Y11], 0);
    /* the kinds of school judged together */
    assert_int_equal(or_offroll_peers("primary"), 0);
    assert_int_equal(or_offroll_peers("nursery"), 0);
    assert_int_equal(or_offroll_peers("all-through"), 1);
    assert_int_equal(or_offroll_peers("special"), 2);
    assert_int_equal(or_offroll_peers("pru"), 3);
    assert_int_equal(or_offroll_peers("ap"), 3);
    assert_int_equal(or_offroll_peers(NULL), 4);

    /* the table, unsuppressed, then at 2 */
    or_table t;
    assert_int_equal(or_offroll_table(&o, 0, false, &a, &t, &err), OR_OK);
    assert_int_equal(t.ncols, 4 + 4 * OR_OFF__N + 1);
    assert_int_equal(t.nrows, 3);
    const char *const *r0 = &t.cells[0];
    assert_string_equal(r0[1], "School A");
    assert_string_equal(r0[4 + 4 * OR_OFF_Y10_Y11 + 2], "66.67"); /* 2 of 3 */
    assert_string_equal(r0[4 + 4 * OR_OFF_Y10_Y11 + 3], "within");
    assert_string_equal(r0[4 + 4 * OR_OFF_EXIT_CLA + 2], "z");
    assert_string_equal(r0[4 + 4 * OR_OFF_EXIT_CLA + 3], "z");
    const char *const *la_row = &t.cells[2 * t.ncols];
    assert_string_equal(la_row[4 + 4 * OR_OFF_Y10_Y11 + 2], "50.00");
    assert_string_equal(la_row[4 + 4 * OR_OFF_Y10_Y11 + 3], ""); /* the LA has no class */
    assert_int_equal(or_offroll_table(&o, 2, false, &a, &t, &err), OR_OK);
    r0 = &t.cells[0];
    assert_string_equal(r0[3], "3");                          /* roll */
    assert_string_equal(r0[4 + 4 * OR_OFF_Y10_Y11], "c");     /* 2 pupils */
    assert_string_equal(r0[4 + 4 * OR_OFF_Y10_Y11 + 2], "c"); /* built on it */
    assert_string_equal(r0[4 + 4 * OR_OFF_Y10_Y11 + 3], "c"); /* and its class */
    assert_string_equal(r0[4 + 4 * OR_OFF_UNEXPLAINED + 1], "3");
    /* only the schools of concern: none, the LA's row alone */
    assert_int_equal(or_offroll_table(&o, 2, true, &a, &t, &err), OR_OK);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(t.cells[1], "All schools");
    or_arena_free(&a);
}

/* A pupil referral unit judged against its peers, not mainstream (issue 16: "the funnel plot
 * judges pupil referral units and AP against mainstream schools"). A secondary school of 20
 * pupils, none home educated; a PRU of 5, 3 of them home educated in the year. Against the LA
 * (3 of 25, p = 0.12): sd = sqrt(0.12 x 0.88 / 5) = 0.14533, 99.8% upper 0.12 + 3.09 x 0.14533
 * = 0.56906 < 0.6, of concern. Against PRUs and AP alone (3 of 5, p = 0.6): on its own rate,
 * within. */
static void test_pru_against_its_peers(void **state)
{
    (void)state;
    static or_school_info two[2] = {{URN_A, 204, "School A", "secondary", NULL},
                                    {URN_B, 204, "Unit B", "pru", NULL}};
    enum { N = 25 };
    static or_fact_enrolment e[N];
    static or_fact_event x[N];
    static or_pupil_facts f[N];
    const or_pupil_facts *p[N];
    for (int i = 0; i < N; i++) {
        int urn = i < 20 ? URN_A : URN_B;
        e[i] = (or_fact_enrolment){urn, D("2020-09-01"), OR_DATE_NONE, 'm', NULL, NULL};
        x[i] = (or_fact_event){.event_id = "X",
                               .urn = urn,
                               .kind = OR_EV_EHE,
                               .start = D("2025-10-06"),
                               .end = OR_DATE_NONE,
                               .decided = D("2025-10-06"),
                               .sessions = -1};
        f[i] = (or_pupil_facts){.upn = "x",
                                .enrols = &e[i],
                                .nenrols = 1,
                                .events = &x[i],
                                .nevents = i >= 22 ? 1 : 0,
                                .school = lookup};
        p[i] = &f[i];
    }
    memcpy(schools, two, sizeof two);
    or_arena a = OR_ARENA_INIT;
    or_offroll o;
    or_error err = {0};
    assert_int_equal(or_offroll_build(p, N, 2025, &a, &o, &err), OR_OK);
    assert_int_equal(o.n, 3);
    assert_int_equal(o.rows[1].urn, URN_B);
    assert_int_equal(o.rows[1].m[OR_OFF_EHE].x, 3);
    assert_int_equal(o.rows[1].m[OR_OFF_EHE].n, 5);
    assert_int_equal(o.rows[1].m[OR_OFF_EHE].cls, OR_FUNNEL_WITHIN);
    assert_false(o.rows[1].concern);
    assert_int_equal(o.peer_x[3][OR_OFF_EHE], 3);
    assert_int_equal(o.rows[2].m[OR_OFF_EHE].x, 3); /* the LA's row: every school */
    assert_int_equal(o.rows[2].m[OR_OFF_EHE].n, 25);
    or_arena_free(&a);
    schools[1] = (or_school_info){URN_B, 204, "School B", "secondary", NULL};
}

static void test_bad_year(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_offroll o;
    or_error err = {0};
    assert_int_equal(or_offroll_build(NULL, 0, 99999, &a, &o, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "99999"));
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_pru_against_its_peers),
        cmocka_unit_test(test_bad_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
