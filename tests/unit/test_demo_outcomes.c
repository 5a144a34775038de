/* test_demo_outcomes.c - the demo LA's outcome measures (or_demo_outcomes, demo.h) over pupils'
 * facts built here by hand: 300 pupils aged 13 each with an intervention from 15 Sep 2025 for
 * 10 weeks (every tenth still running on the date; every seventh ended early by a revision),
 * plus a few pupils too young or too old for the SDQ. What is checked:
 *   - every row is a `measure` naming the pupil's intervention at its school, its score read by
 *     measures.h, the SDQ before on the start date, after on the (revised) end date, nothing
 *     after for an intervention still running, no SDQ outside ages 4-17;
 *   - determinism: the same rows twice; each intervention its own stream (the rows of a pupil
 *     do not change when other pupils are left out);
 *   - the shares drawn: SDQ for about 70% (within 60-80% of 300), attendance about 60%
 *     (50-70%); both ways of entering an SDQ are used;
 *   - believable change, from the generator's design: the pupil's response r ~ N(0.9, 1) moves
 *     the four difficulty scales by -r x (0.6 + 0.9 + 0.7 + 0.5) = -2.4 on average, less once
 *     scores are held at 0 (emotional and peer start near it): a mean change of the total
 *     between -3 and -0.8, with some pupils worse (P(r < 0) = 18%, noise added: 10% to 45%
 *     worse) and more better than worse; the total before averages 4 + 4.5 + 6 + 3 = 17.5
 *     (bounds 15 to 20); attendance without marks starts about 88% (85 to 91) and gains about
 *     1.5 points (0.5 to 2.5);
 *   - PSPs are measured when there are no interventions; with neither, nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/demo.h"
#include "onroll/measures.h"

enum { NPUPILS = 300, NEXTRA = 4, NALL = NPUPILS + NEXTRA, MAXROWS = 4 * NALL };

typedef struct {
    char upn[16];
    or_fact_snapshot snap;
    or_fact_event ev[2];
    char id[2][16];
    or_pupil_facts f;
} pupil;

typedef struct {
    char event_id[48], upn[16], urn[12], start[12], ref[16], measure[24], score[160], outcome[8];
} row;

typedef struct {
    row rows[MAXROWS];
    int n;
} rows;

static pupil P[NALL];
static or_date as_of;

static or_code on_row(void *ctx, or_kind_id kind, const char *const *cells, or_error *err)
{
    (void)err;
    rows *r = ctx;
    assert_int_equal(kind, OR_K_EVENTS);
    assert_true(r->n < MAXROWS);
    row *x = &r->rows[r->n++];
    snprintf(x->event_id, sizeof x->event_id, "%s", cells[OR_EV_EVENT_ID]);
    snprintf(x->upn, sizeof x->upn, "%s", cells[OR_EV_UPN]);
    snprintf(x->urn, sizeof x->urn, "%s", cells[OR_EV_URN]);
    snprintf(x->start, sizeof x->start, "%s", cells[OR_EV_START]);
    snprintf(x->ref, sizeof x->ref, "%s", cells[OR_EV_REF]);
    snprintf(x->measure, sizeof x->measure, "%s", cells[OR_EV_MEASURE_ID]);
    snprintf(x->score, sizeof x->score, "%s", cells[OR_EV_SCORE]);
    snprintf(x->outcome, sizeof x->outcome, "%s", cells[OR_EV_OUTCOME]);
    assert_string_equal(cells[OR_EV_TYPE], "measure");
    return OR_OK;
}

static const pupil *only; /* when set, the facts list holds this pupil alone */

static const or_pupil_facts *pupil_at(void *ctx, int i)
{
    (void)ctx;
    return only ? &only->f : &P[i].f;
}

/* Pupil i: born 2012-03-01 (13 at the start) unless told otherwise; an intervention (or PSP)
 * from 15 Sep 2025 + i % 10 days for 10 weeks; every tenth ends after the date; every seventh
 * has a revision ending it after 5 weeks. */
static void make(int i, or_event_kind kind, or_date dob)
{
    pupil *p = &P[i];
    memset(p, 0, sizeof *p);
    snprintf(p->upn, sizeof p->upn, "T%012d", i);
    p->snap = (or_fact_snapshot){.as_of = or_date_from_ymd(2025, 9, 1), .dob = dob};
    snprintf(p->id[0], sizeof p->id[0], "IV-%d", i);
    or_date start = or_date_from_ymd(2025, 9, 15) + i % 10;
    p->ev[0] = (or_fact_event){.event_id = p->id[0],
                               .urn = 100001 + i % 3,
                               .kind = kind,
                               .start = start,
                               .end = i % 10 == 9 ? as_of + 30 : start + 70,
                               .decided = start,
                               .sessions = -1,
                               .intervention = kind == OR_EV_INTERVENTION ? "mentoring" : NULL,
                               .seq = 2 * i};
    int n = 1;
    if (kind == OR_EV_INTERVENTION && i % 7 == 3) {
        snprintf(p->id[1], sizeof p->id[1], "IVR-%d", i);
        p->ev[1] = p->ev[0];
        p->ev[1].event_id = p->id[1];
        p->ev[1].ref = p->id[0];
        p->ev[1].start = start + 20;
        p->ev[1].end = start + 35;
        p->ev[1].seq = 2 * i + 1;
        n = 2;
    }
    p->f = (or_pupil_facts){
        .upn = p->upn, .snaps = &p->snap, .nsnaps = 1, .events = p->ev, .nevents = n};
}

static void setup_all(or_event_kind kind)
{
    as_of = or_date_from_ymd(2026, 3, 1);
    only = NULL;
    for (int i = 0; i < NPUPILS; i++)
        make(i, kind, or_date_from_ymd(2012, 3, 1));
    /* too young (3) and too old (18) for the SDQ at the start */
    make(NPUPILS + 0, kind, or_date_from_ymd(2022, 6, 1));
    make(NPUPILS + 1, kind, or_date_from_ymd(2022, 6, 1));
    make(NPUPILS + 2, kind, or_date_from_ymd(2007, 6, 1));
    make(NPUPILS + 3, kind, or_date_from_ymd(2007, 6, 1));
}

static rows R1, R2;

static void run(rows *r, int npupils)
{
    or_demo_sink sink = {on_row, NULL, r};
    or_error err = {0};
    int emitted = -1;
    r->n = 0;
    assert_int_equal(or_demo_outcomes(pupil_at, NULL, npupils, as_of, 42, &sink, &emitted, &err),
                     OR_OK);
    assert_int_equal(emitted, r->n);
}

static const pupil *pupil_of(const row *x)
{
    for (int i = 0; i < NALL; i++)
        if (!strcmp(P[i].upn, x->upn))
            return &P[i];
    return NULL;
}

static or_date effective_end(const pupil *p)
{
    return p->f.nevents == 2 ? p->ev[1].end : p->ev[0].end;
}

static void test_rows_valid(void **state)
{
    (void)state;
    setup_all(OR_EV_INTERVENTION);
    run(&R1, NALL);
    assert_true(R1.n > 0);
    for (int k = 0; k < R1.n; k++) {
        const row *x = &R1.rows[k];
        const pupil *p = pupil_of(x);
        assert_non_null(p);
        assert_string_equal(x->ref, p->id[0]); /* the intervention, never its revision */
        char urn[12];
        snprintf(urn, sizeof urn, "%d", p->ev[0].urn);
        assert_string_equal(x->urn, urn);
        const or_measure *m = or_measure_find(x->measure);
        assert_non_null(m);
        or_score s;
        or_error err = {0};
        if (or_measure_parse(m, x->score, &s, &err))
            fail_msg("%s: %s", x->score, err.msg);
        or_date on;
        assert_true(or_date_parse(x->start, &on));
        if (!strcmp(x->outcome, "pre")) {
            assert_int_equal(on, p->ev[0].start);
        } else {
            assert_string_equal(x->outcome, "post");
            assert_int_equal(on, effective_end(p)); /* a revision's end wins */
            assert_true(on <= as_of);
        }
        bool sdq = !strcmp(x->measure, "sdq_teacher");
        assert_true(sdq || !strcmp(x->measure, "attendance_pct"));
        if (sdq) /* only pupils aged 4-17 */
            assert_true(p - P < NPUPILS);
        assert_int_equal(strlen(x->event_id) > 0 && strlen(x->event_id) <= 64, 1);
        for (int j = 0; j < k; j++)
            if (!strcmp(R1.rows[j].event_id, x->event_id) && !strcmp(R1.rows[j].urn, x->urn))
                fail_msg("event id %s twice at %s", x->event_id, x->urn);
    }
}

static void test_deterministic(void **state)
{
    (void)state;
    setup_all(OR_EV_INTERVENTION);
    run(&R1, NALL);
    run(&R2, NALL);
    assert_int_equal(R1.n, R2.n);
    assert_memory_equal(R1.rows, R2.rows, (size_t)R1.n * sizeof R1.rows[0]);
    /* pupil 17 alone: the same rows as among everyone */
    only = &P[17];
    run(&R2, 1);
    only = NULL;
    int k = 0;
    for (int j = 0; j < R1.n; j++)
        if (!strcmp(R1.rows[j].upn, P[17].upn))
            assert_memory_equal(&R1.rows[j], &R2.rows[k++], sizeof R1.rows[0]);
    assert_int_equal(k, R2.n);
}

static void test_shares_and_change(void **state)
{
    (void)state;
    setup_all(OR_EV_INTERVENTION);
    run(&R1, NALL);
    int sdq_pre = 0, att_pre = 0, as_items = 0, as_scales = 0, running_post = 0;
    double pre_total[NPUPILS], post_total[NPUPILS];
    int npairs = 0, worse = 0, better = 0;
    double att_sum = 0, att_gain = 0;
    int natt = 0, natt_pairs = 0;
    const or_measure *sdq = or_measure_find("sdq_teacher");
    const or_measure *att = or_measure_find("attendance_pct");
    for (int i = 0; i < NPUPILS; i++) {
        const pupil *p = &P[i];
        const row *pre = NULL, *post = NULL, *apre = NULL, *apost = NULL;
        for (int k = 0; k < R1.n; k++) {
            const row *x = &R1.rows[k];
            if (strcmp(x->upn, p->upn))
                continue;
            bool is_sdq = !strcmp(x->measure, "sdq_teacher"), is_pre = !strcmp(x->outcome, "pre");
            if (is_sdq)
                *(is_pre ? &pre : &post) = x;
            else
                *(is_pre ? &apre : &apost) = x;
        }
        if ((post || apost) && effective_end(p) > as_of)
            running_post++;
        if (pre) {
            sdq_pre++;
            *(strchr(pre->score, '=') ? &as_scales : &as_items) += 1;
        }
        if (pre && post) {
            or_score a, b;
            or_error err = {0};
            assert_int_equal(or_measure_parse(sdq, pre->score, &a, &err), OR_OK);
            assert_int_equal(or_measure_parse(sdq, post->score, &b, &err), OR_OK);
            double x, y;
            if (or_score_get(&a, "total", &x) && or_score_get(&b, "total", &y)) {
                pre_total[npairs] = x;
                post_total[npairs] = y;
                worse += y > x;
                better += y < x;
                npairs++;
            }
        }
        if (apre) {
            or_score a;
            or_error err = {0};
            assert_int_equal(or_measure_parse(att, apre->score, &a, &err), OR_OK);
            att_pre++;
            att_sum += (double)a.number / 10.0;
            natt++;
            if (apost) {
                or_score b;
                assert_int_equal(or_measure_parse(att, apost->score, &b, &err), OR_OK);
                att_gain += (double)(b.number - a.number) / 10.0;
                natt_pairs++;
            }
        }
    }
    assert_int_equal(running_post, 0);  /* nothing "after" an intervention still running */
    assert_in_range(sdq_pre, 180, 240); /* 70% of 300 */
    assert_in_range(att_pre, 150, 210); /* 60% of 300 */
    assert_true(as_items > 30 && as_scales > 30);
    assert_true(npairs > 100);
    double mean_pre = 0, change = 0;
    for (int k = 0; k < npairs; k++) {
        mean_pre += pre_total[k] / npairs;
        change += (post_total[k] - pre_total[k]) / npairs;
    }
    if (change < -3.0 || change > -0.8)
        fail_msg("mean change of the total difficulties %.2f, expected -3 to -0.8", change);
    if (mean_pre < 15.0 || mean_pre > 20.0)
        fail_msg("mean total before %.2f, expected about 17.5", mean_pre);
    double share_worse = (double)worse / npairs;
    if (share_worse < 0.10 || share_worse > 0.45)
        fail_msg("%.0f%% worse, expected some (10%% to 45%%)", 100 * share_worse);
    assert_true(better > worse);
    double att_mean = att_sum / natt, gain = att_gain / natt_pairs;
    if (att_mean < 85.0 || att_mean > 91.0)
        fail_msg("attendance before %.1f%%, expected about 88%%", att_mean);
    if (gain < 0.5 || gain > 2.5)
        fail_msg("attendance gain %.2f points, expected about 1.5", gain);
}

static void test_psp_when_no_interventions(void **state)
{
    (void)state;
    setup_all(OR_EV_PSP);
    run(&R1, NALL);
    assert_true(R1.n > 0);
    for (int k = 0; k < R1.n; k++)
        assert_non_null(strstr(R1.rows[k].ref, "IV-")); /* the PSP's id */
    /* neither: nothing */
    setup_all(OR_EV_PEP);
    run(&R1, NALL);
    assert_int_equal(R1.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_valid),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_shares_and_change),
        cmocka_unit_test(test_psp_when_no_interventions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
