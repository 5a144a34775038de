/* test_scrutiny_findings.c - the order of the scrutiny report's commentary on groups of pupils
 * (scrutiny_findings.c, issue 16 "commentary that leads with what matters"): the generated list
 * opened with pupils whose ethnicity was refused and with "no SEN 0.25 times as likely", and
 * left Black Caribbean pupils out. Here groups are planted with counts worked out by hand, their
 * ratios and intervals computed by stats.h as the report computes them, and the order checked:
 * a significant group before a non-significant one even when the latter's ratio is larger; among
 * the significant, the ratio further from 1 first (0.4 is further than 1.5); at the same ratio,
 * more children first; a suppressed group last; and the unrecorded groups and the complements
 * never lead. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/stats.h"
#include "report/scrutiny_internal.h"

/* A group of n1 pupils, a of them suspended, against n2 others, c of them suspended. */
static scr_finding planted(const char *phrase, int64_t a, int64_t n1, int64_t c, int64_t n2)
{
    or_ratio r;
    or_error e;
    assert_int_equal(or_risk_ratio(a, n1, c, n2, &r, &e), OR_OK);
    scr_finding f;
    memset(&f, 0, sizeof f);
    f.phrase = phrase;
    f.shown = true;
    f.ratio = r.ratio;
    f.significant = r.excludes_one;
    f.children = a;
    f.leads = true;
    f.ndims = 1;
    return f;
}

static void evidence_order(void **state)
{
    (void)state;
    scr_finding f[5];
    /* B: 2 of 8 (25%) against 1,000 of 10,000 (10%): ratio 2.50; se = sqrt(1/2 - 1/8 + 1/1000
     * - 1/10000) = 0.613, CI exp(0.916 +- 1.201) = 0.75 to 8.3: the interval includes 1, not
     * significant, though its ratio is the largest of all. */
    f[0] = planted("B not significant 2.5", 2, 8, 1000, 10000);
    /* A: 150 of 1,000 (15%) against 1,000 of 10,000 (10%): ratio 1.50; se = sqrt(1/150 -
     * 1/1000 + 1/1000 - 1/10000) = 0.0810, CI exp(0.405 +- 0.159) = 1.28 to 1.76. */
    f[1] = planted("A significant 1.5", 150, 1000, 1000, 10000);
    /* D: 40 of 1,000 (4%) against 1,000 of 10,000: ratio 0.40; se = sqrt(1/40 - 1/1000 +
     * 1/1000 - 1/10000) = 0.158, CI exp(-0.916 +- 0.310) = 0.29 to 0.55. */
    f[2] = planted("D significant 0.4", 40, 1000, 1000, 10000);
    /* E: 300 of 2,000 (15%) against 1,000 of 10,000: ratio 1.50 as A, twice the children. */
    f[3] = planted("E significant 1.5, more children", 300, 2000, 1000, 10000);
    /* C: suppressed (c): no ratio shown. */
    memset(&f[4], 0, sizeof f[4]);
    f[4].phrase = "C suppressed";
    f[4].suppressed = true;
    f[4].ratio = 1;
    assert_true(f[1].significant && f[2].significant && f[3].significant);
    assert_false(f[0].significant);
    assert_true(fabs(f[0].ratio - 2.5) < 1e-9 && fabs(f[1].ratio - 1.5) < 1e-9);
    qsort(f, 5, sizeof f[0], scr_finding_cmp);
    assert_string_equal(f[0].phrase, "D significant 0.4");
    assert_string_equal(f[1].phrase, "E significant 1.5, more children");
    assert_string_equal(f[2].phrase, "A significant 1.5");
    assert_string_equal(f[3].phrase, "B not significant 2.5");
    assert_string_equal(f[4].phrase, "C suppressed");
}

static void who_may_lead(void **state)
{
    (void)state;
    assert_true(scr_group_may_lead(OR_DIM_ETHNICITY, "BCRB"));
    assert_true(scr_group_may_lead(OR_DIM_ETHNICITY, "MWBC"));
    assert_true(scr_group_may_lead(OR_DIM_ETHNICITY, "WROM"));
    assert_true(scr_group_may_lead(OR_DIM_ETHNICITY, "WIRT"));
    assert_false(scr_group_may_lead(OR_DIM_ETHNICITY, "REFU")); /* refused */
    assert_false(scr_group_may_lead(OR_DIM_ETHNICITY, "NOBT")); /* not obtained */
    assert_false(scr_group_may_lead(OR_DIM_ETHNICITY, "x"));
    assert_false(scr_group_may_lead(OR_DIM_ETHNICITY_MAJOR, "UNCL")); /* unclassified */
    assert_true(scr_group_may_lead(OR_DIM_ETHNICITY_MAJOR, "BLAC"));
    assert_false(scr_group_may_lead(OR_DIM_SEN, "N")); /* no SEN */
    assert_true(scr_group_may_lead(OR_DIM_SEN, "K"));
    assert_true(scr_group_may_lead(OR_DIM_SEN, "E"));
    assert_false(scr_group_may_lead(OR_DIM_FSM, "0"));
    assert_true(scr_group_may_lead(OR_DIM_FSM, "1"));
    assert_false(scr_group_may_lead(OR_DIM_CLA, "0"));
    assert_false(scr_group_may_lead(OR_DIM_CLA, "x"));
    assert_true(scr_group_may_lead(OR_DIM_CLA, "1"));
    assert_false(scr_group_may_lead(OR_DIM_SOCIAL_WORKER, "0"));
    assert_true(scr_group_may_lead(OR_DIM_SOCIAL_WORKER, "1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(evidence_order),
        cmocka_unit_test(who_may_lead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
