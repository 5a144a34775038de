/* test_referrals.c - the referral routes of referrals.h as data: every route well formed, and
 * what a form may offer next at each point of a route (or_referral_next), worked out by hand
 * from the routes' step lists in referrals.c: REU accepted, allocated, mid_review, exit; AP
 * placed, report (repeating), exit. Declining is possible only before acceptance; closing at
 * any point before the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/referrals.h"

static void routes_are_well_formed(void **state)
{
    (void)state;
    assert_true(or_referral_flows_count() >= 5);
    for (int i = 0; i < or_referral_flows_count(); i++) {
        const or_referral_flow *f = or_referral_flow_at(i);
        assert_non_null(f->service);
        assert_ptr_equal(or_referral_flow_find(f->service), f); /* ids unique */
        assert_true(f->nsteps >= 1 && f->nsteps <= OR_REFERRAL_MAX_STEPS);
        for (int k = 0; k < f->nsteps; k++) {
            assert_non_null(f->steps[k].label);
            assert_true(f->steps[k].days >= 0);
            /* a repeating step needs an end date to stop at */
            assert_true(!f->steps[k].repeats || f->has_end);
        }
    }
    assert_null(or_referral_flow_find("nobody"));
    assert_true(or_referral_flow_find("reu")->needs_psp);
    assert_false(or_referral_flow_find("map")->needs_psp);
    assert_true(or_referral_status_final("declined"));
    assert_true(or_referral_status_final("closed"));
    assert_false(or_referral_status_final("accepted"));
}

typedef struct {
    const char *service;
    int step;
    bool ended;
    const char *want; /* the statuses offered, joined with '|' */
} next_case;

static const next_case next_cases[] = {
    {"reu", -1, false, "accepted|declined|closed"}, /* referred: decide, or close */
    {"reu", 0, false, "allocated|closed"},          /* accepted: no declining now */
    {"reu", 1, false, "mid_review|closed"},
    {"reu", 2, false, "exit|closed"},
    {"reu", 3, true, ""}, /* exited: nothing more */
    {"map", -1, false, "meeting_held|closed"},
    {"ap", -1, false, "placed|closed"},
    {"ap", 0, false, "report|exit|closed"}, /* placed: a report, or end early */
    {"ap", 1, false, "report|exit|closed"}, /* a report: another, or the end */
    {"ep", 2, true, ""},
};

static void what_comes_next(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof next_cases / sizeof next_cases[0]; i++) {
        const next_case *c = &next_cases[i];
        or_referral_state s = {
            .flow = or_referral_flow_find(c->service), .step = c->step, .ended = c->ended};
        const char *out[OR_REFERRAL_MAX_STEPS + 4];
        int n = or_referral_next(&s, out, (int)(sizeof out / sizeof out[0]));
        char got[128] = "";
        for (int k = 0; k < n; k++) {
            if (k)
                strcat(got, "|");
            strcat(got, out[k]);
        }
        assert_null(out[n]);
        if (strcmp(got, c->want))
            fail_msg("%s at step %d: got '%s', want '%s'", c->service, c->step, got, c->want);
    }
}

/* Finding (issue 14): a referral's status read "Referral accepted or declined". The inbox's
 * status, worked out by hand from each point of the REU's and the AP's routes. */
static void status_in_words(void **state)
{
    (void)state;
    const or_referral_flow *reu = or_referral_flow_find("reu"), *ap = or_referral_flow_find("ap");
    struct {
        const or_referral_flow *fl;
        int step;
        const char *status;
        bool ended;
        const char *key, *words;
    } cases[] = {
        {reu, -1, "referred", false, "new", "New"},
        {reu, 0, "accepted", false, "accepted", "Accepted"},
        {reu, -1, "declined", true, "declined", "Declined"},
        {reu, 1, "allocated", false, "allocated", "Allocated"},
        {reu, 2, "mid_review", false, "allocated", "Allocated"},
        {reu, 3, "exit", true, "closed", "Closed"},
        {reu, 1, "closed", true, "closed", "Closed"},
        {ap, 0, "placed", false, "allocated", "Allocated"},
        {ap, -1, "referred", false, "new", "New"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_referral_state st = {.flow = cases[i].fl,
                                .step = cases[i].step,
                                .status = cases[i].status,
                                .ended = cases[i].ended};
        or_referral_status got = or_referral_status_of(&st);
        assert_string_equal(or_referral_status_key(got), cases[i].key);
        assert_string_equal(or_referral_status_words(got), cases[i].words);
        assert_int_equal(or_referral_status_parse(cases[i].key), (int)got);
    }
    assert_int_equal(or_referral_status_parse("Referral accepted or declined"), -1);
    assert_int_equal(or_referral_status_parse(NULL), -1);
    /* no step is labelled with both outcomes */
    for (int i = 0; i < or_referral_flows_count(); i++)
        for (int k = 0; k < or_referral_flow_at(i)->nsteps; k++)
            assert_null(strstr(or_referral_flow_at(i)->steps[k].label, " or declined"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(routes_are_well_formed),
        cmocka_unit_test(what_comes_next),
        cmocka_unit_test(status_in_words),
    };
    return cmocka_run_group_tests_name("referrals", tests, NULL, NULL);
}
