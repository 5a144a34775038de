/* test_view.c - who sees what of a pupil's record (view.h; docs/security.md), worked by hand.
 *
 * The pupil: on roll at school 100001 from 1 Sep 2024 to 31 Mar 2026 (main), then at 100002
 * from 13 Apr 2026 (main, open). Events: a suspension at 100001 (S1, 10 Mar 2026), a PSP at
 * 100001 (P1, 1 Feb 2026), a referral to the REU by 100001 (R1, 2 Feb 2026, ref P1) declined
 * on 20 Feb 2026; a suspension at 100002 (S2, 5 Oct 2026); a referral to early help by
 * 100002 (R2, 6 Oct 2026), open. Characteristics recorded 1 Sep 2024 and 20 Apr 2026.
 * Settings: a previous school sees 365 days after the pupil left; a partner 30 days after the
 * referral ends (params.c defaults). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/view.h"

static or_date d(const char *s)
{
    or_date x = OR_DATE_NONE;
    assert_int_equal(or_date_parse(s, &x), 1);
    return x;
}

static or_fact_enrolment enrols[2];
static or_fact_event events[7];
static or_fact_snapshot snaps[2];
static or_fact_marks marks[2];
static or_pupil_facts facts;
static or_params params;

static or_fact_event ev(const char *id, int urn, or_event_kind k, const char *start)
{
    or_fact_event e = {0};
    e.event_id = id;
    e.urn = urn;
    e.kind = k;
    e.start = e.decided = d(start);
    e.end = e.exam_date = OR_DATE_NONE;
    e.sessions = -1;
    return e;
}

static int setup(void **state)
{
    (void)state;
    enrols[0] = (or_fact_enrolment){100001, d("2024-09-01"), d("2026-03-31"), 'm', NULL, NULL};
    enrols[1] = (or_fact_enrolment){100002, d("2026-04-13"), OR_DATE_NONE, 'm', NULL, NULL};
    events[0] = ev("P1", 100001, OR_EV_PSP, "2026-02-01");
    events[1] = ev("R1", 100001, OR_EV_REFERRAL, "2026-02-02");
    events[1].to = "reu";
    events[1].ref = "P1";
    events[2] = ev("R1-D", 100001, OR_EV_REFERRAL_UPDATE, "2026-02-20");
    events[2].ref = "R1";
    events[2].outcome = "declined";
    events[3] = ev("S1", 100001, OR_EV_SUSPENSION, "2026-03-10");
    events[4] = ev("S2", 100002, OR_EV_SUSPENSION, "2026-10-05");
    events[5] = ev("R2", 100002, OR_EV_REFERRAL, "2026-10-06");
    events[5].to = "early_help";
    events[6] = ev("P1-R", 100001, OR_EV_PLAN_REVIEW, "2026-03-01");
    events[6].ref = "P1";
    /* events in date order, as the model gives them */
    or_fact_event tmp = events[6];
    events[6] = events[5];
    events[5] = events[4];
    events[4] = events[3];
    events[3] = tmp; /* P1-R (1 Mar) before S1 (10 Mar) */
    snaps[0] = (or_fact_snapshot){.as_of = d("2024-09-01"), .sex = 'M', .ethnicity = "WBRI"};
    snaps[1] = (or_fact_snapshot){.as_of = d("2026-04-20"), .sex = 'M', .ethnicity = "WBRI"};
    marks[0] = (or_fact_marks){100001, 2025, ""};
    marks[1] = (or_fact_marks){100002, 2026, ""};
    facts = (or_pupil_facts){.upn = "A123456789012",
                             .snaps = snaps,
                             .nsnaps = 2,
                             .events = events,
                             .nevents = 7,
                             .enrols = enrols,
                             .nenrols = 2,
                             .marks = marks,
                             .nmarks = 2};
    or_params_default(&params);
    return 0;
}

typedef struct {
    int urn;
    const char *today;
    or_view_kind want;
    const char *until; /* for OR_VIEW_PERIOD */
} school_case;

static const school_case school_cases[] = {
    {100002, "2026-12-07", OR_VIEW_WHOLE, NULL},          /* on roll today */
    {100002, "2026-04-01", OR_VIEW_WHOLE, NULL},          /* admitted ahead (starts 13 Apr) */
    {100001, "2026-03-31", OR_VIEW_WHOLE, NULL},          /* its last day */
    {100001, "2026-04-01", OR_VIEW_PERIOD, "2027-03-31"}, /* the day after: its period */
    {100001, "2026-12-07", OR_VIEW_PERIOD, "2027-03-31"},
    {100001, "2027-03-31", OR_VIEW_PERIOD, "2027-03-31"}, /* 365 days after 31 Mar 2026 */
    {100001, "2027-04-01", OR_VIEW_NONE, NULL},           /* 366 days: nothing */
    {100003, "2026-12-07", OR_VIEW_NONE, NULL},           /* never on its roll */
    {0, "2026-12-07", OR_VIEW_NONE, NULL},
};

static void what_a_school_sees(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof school_cases / sizeof school_cases[0]; i++) {
        const school_case *c = &school_cases[i];
        or_pupil_view v = or_view_school(&facts, c->urn, d(c->today), &params);
        if (v.kind != c->want)
            fail_msg("case %zu: school %d on %s: view %d, want %d", i, c->urn, c->today, v.kind,
                     c->want);
        if (c->until)
            assert_int_equal(v.until, d(c->until));
    }
}

static void a_previous_school_sees_its_own_part(void **state)
{
    (void)state;
    or_date today = d("2026-12-07");
    or_pupil_view v = or_view_school(&facts, 100001, today, &params);
    assert_int_equal(v.kind, OR_VIEW_PERIOD);
    or_arena a = OR_ARENA_INIT;
    or_pupil_facts f;
    or_view_facts(&facts, &v, today, &params, &a, &f);
    /* its own five events (P1, R1, R1-D, P1-R, S1); not S2 nor R2 of the new school */
    assert_int_equal(f.nevents, 5);
    for (int i = 0; i < f.nevents; i++)
        assert_int_equal(f.events[i].urn, 100001);
    assert_int_equal(f.nenrols, 1);
    assert_int_equal(f.enrols[0].urn, 100001);
    assert_int_equal(f.nmarks, 1);
    assert_int_equal(f.marks[0].urn, 100001);
    /* the characteristics of 20 Apr 2026 were recorded after it left (31 Mar) */
    assert_int_equal(f.nsnaps, 1);
    assert_int_equal(f.snaps[0].as_of, d("2024-09-01"));
    assert_int_equal(f.ncases, 0);
    or_arena_free(&a);
}

typedef struct {
    const char *service, *today;
    or_view_kind want;
    const char *events; /* the event ids seen, joined with ' ' */
} partner_case;

static const partner_case partner_cases[] = {
    /* R1 to the REU on 2 Feb, declined 20 Feb: seen with its step, the PSP it names and the
     * PSP's review, until 30 days after the decline (22 Mar 2026) */
    {"reu", "2026-02-01", OR_VIEW_NONE, ""}, /* before the referral */
    {"reu", "2026-02-02", OR_VIEW_REFERRALS, "P1 R1"},
    {"reu", "2026-03-22", OR_VIEW_REFERRALS, "P1 R1 R1-D P1-R"},
    {"reu", "2026-03-23", OR_VIEW_NONE, ""}, /* 31 days after the decline */
    /* R2 to early help on 6 Oct, still open: the referral alone, never R1 nor S2 */
    {"early_help", "2026-12-07", OR_VIEW_REFERRALS, "R2"},
    {"early_help", "2026-10-05", OR_VIEW_NONE, ""},
    {"ep", "2026-12-07", OR_VIEW_NONE, ""},
};

static void what_a_partner_sees(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof partner_cases / sizeof partner_cases[0]; i++) {
        const partner_case *c = &partner_cases[i];
        const char *services[1] = {c->service};
        or_date today = d(c->today);
        or_pupil_view v = or_view_partner(&facts, services, 1, today, &params);
        if (v.kind != c->want)
            fail_msg("case %zu: %s on %s: view %d, want %d", i, c->service, c->today, v.kind,
                     c->want);
        char seen[200] = "";
        for (int k = 0; k < facts.nevents; k++)
            if (or_view_event(&facts, &v, &facts.events[k], today, &params) &&
                facts.events[k].start <= today) {
                if (seen[0])
                    strcat(seen, " ");
                strcat(seen, facts.events[k].event_id);
            }
        if (strcmp(seen, c->events))
            fail_msg("case %zu: %s on %s: saw '%s', want '%s'", i, c->service, c->today, seen,
                     c->events);
    }
}

static void the_setting_changes_the_period(void **state)
{
    (void)state;
    or_params p = params;
    p.v[OR_P_SCOPE_PREVIOUS_DAYS] = 30; /* 31 Mar + 30 = 30 Apr 2026 */
    assert_int_equal(or_view_school(&facts, 100001, d("2026-04-30"), &p).kind, OR_VIEW_PERIOD);
    assert_int_equal(or_view_school(&facts, 100001, d("2026-05-01"), &p).kind, OR_VIEW_NONE);
    p.v[OR_P_SCOPE_PARTNER_DAYS] = 0; /* declined 20 Feb: seen that day, not the next */
    const char *reu[1] = {"reu"};
    assert_int_equal(or_view_partner(&facts, reu, 1, d("2026-02-20"), &p).kind, OR_VIEW_REFERRALS);
    assert_int_equal(or_view_partner(&facts, reu, 1, d("2026-02-21"), &p).kind, OR_VIEW_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(what_a_school_sees, setup),
        cmocka_unit_test_setup(a_previous_school_sees_its_own_part, setup),
        cmocka_unit_test_setup(what_a_partner_sees, setup),
        cmocka_unit_test_setup(the_setting_changes_the_period, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
