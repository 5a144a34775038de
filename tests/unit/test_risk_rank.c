/* test_risk_rank.c - risk that ranks (issue 14, risk.h): each indicator's kind, a child's tier
 * from the weights of the indicators that fired (worked out by hand below from the defaults in
 * params.c and from settings as `onroll config` makes them), the words that explain it, the
 * counts the dashboards show; the age DfE's absence statistics count (marks.h) at its
 * boundaries; one rounding of attendance.
 *
 * Default weights: RISK-REPEAT-SUSP 3, RISK-SUSP-DAYS 3, RISK-HALFTERM 2, RISK-PA 1, RISK-SA 3,
 * RISK-VULNERABLE 3, RISK-PTT 2, RISK-MOVES 2, RISK-MISSING 3, RISK-NO-PLAN 1. Tiers: high from
 * 5, medium from 3, low below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/labels.h"
#include "onroll/marks.h"
#include "onroll/risk.h"

enum { MAXF = 6 };

typedef struct {
    const char *why;
    const char *rules[MAXF]; /* the indicators fired, NULL-terminated */
    const char *set[2][2];   /* settings first: {key, value} */
    or_risk_tier tier;
    int weight;
    unsigned kinds;
} tier_case;

#define EX (1u << OR_RISK_EXCLUSION)
#define AT (1u << OR_RISK_ATTENDANCE)

static const tier_case cases[] = {
    {"nothing fired", {NULL}, .tier = OR_TIER_NONE, .weight = 0, .kinds = 0},
    /* the finding: 5,616 of 5,697 "children at risk" were persistent absence alone */
    {"persistent absence, no plan: 1 + 1 = 2, low",
     {"RISK-NO-PLAN", "RISK-PA"},
     .tier = OR_TIER_LOW,
     .weight = 2,
     .kinds = AT},
    {"severe absence, no plan: 1 + 1 + 3 = 5, high",
     {"RISK-NO-PLAN", "RISK-PA", "RISK-SA"},
     .tier = OR_TIER_HIGH,
     .weight = 5,
     .kinds = AT},
    {"repeat suspensions, no plan: 1 + 3 = 4, medium",
     {"RISK-NO-PLAN", "RISK-REPEAT-SUSP"},
     .tier = OR_TIER_MEDIUM,
     .weight = 4,
     .kinds = EX},
    {"repeat and half-term, no plan: 2 + 1 + 3 = 6, high",
     {"RISK-HALFTERM", "RISK-NO-PLAN", "RISK-REPEAT-SUSP"},
     .tier = OR_TIER_HIGH,
     .weight = 6,
     .kinds = EX},
    {"half-term alone, a plan open: 2, low",
     {"RISK-HALFTERM"},
     .tier = OR_TIER_LOW,
     .weight = 2,
     .kinds = EX},
    {"vulnerable alone: 3, medium (the boundary)",
     {"RISK-VULNERABLE"},
     .tier = OR_TIER_MEDIUM,
     .weight = 3,
     .kinds = EX},
    {"moves and persistent absence: 2 + 1 = 3, medium, both kinds",
     {"RISK-MOVES", "RISK-PA"},
     .tier = OR_TIER_MEDIUM,
     .weight = 3,
     .kinds = EX | AT},
    {"missing, no plan, persistent: 3 + 1 + 1 = 5, high",
     {"RISK-MISSING", "RISK-NO-PLAN", "RISK-PA"},
     .tier = OR_TIER_HIGH,
     .weight = 5,
     .kinds = AT},
    {"days and part-time timetable: 3 + 2 = 5, high",
     {"RISK-PTT", "RISK-SUSP-DAYS"},
     .tier = OR_TIER_HIGH,
     .weight = 5,
     .kinds = EX},
    /* settings, as `onroll config set` makes them */
    {"risk.weight.RISK-PA 5: persistent absence alone is 5, high",
     {"RISK-PA"},
     {{"risk.weight.RISK-PA", "5"}},
     .tier = OR_TIER_HIGH,
     .weight = 5,
     .kinds = AT},
    {"risk.tier.high 7: 2 + 1 + 3 = 6 is medium",
     {"RISK-HALFTERM", "RISK-NO-PLAN", "RISK-REPEAT-SUSP"},
     {{"risk.tier.high", "7"}},
     .tier = OR_TIER_MEDIUM,
     .weight = 6,
     .kinds = EX},
    {"risk.weight.RISK-NO-PLAN 0 and risk.tier.medium 2: 1 + 0 = 1, low",
     {"RISK-NO-PLAN", "RISK-PA"},
     {{"risk.weight.RISK-NO-PLAN", "0"}, {"risk.tier.medium", "2"}},
     .tier = OR_TIER_LOW,
     .weight = 1,
     .kinds = AT},
};

static int build_flags(const char *const *rules, or_flag *out, const char *upn)
{
    int n = 0;
    for (; n < MAXF && rules[n]; n++) {
        const or_rule *r = or_rule_find(rules[n]);
        assert_non_null(r);
        out[n] = (or_flag){upn, 100001, r, "detail", (or_date)(20000 + n)};
    }
    return n;
}

static void params_for(const tier_case *c, or_params *p)
{
    or_params_default(p);
    for (int k = 0; k < 2 && c->set[k][0]; k++) {
        or_error err = {0};
        assert_int_equal(or_params_set(p, c->set[k][0], c->set[k][1], &err), OR_OK);
    }
}

static void test_tiers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const tier_case *c = &cases[i];
        or_params p;
        params_for(c, &p);
        or_flag f[MAXF];
        int n = build_flags(c->rules, f, "A123456789012");
        or_risk_rank r = or_risk_rank_of(f, n, &p);
        if (r.tier != c->tier || r.weight != c->weight || r.kinds != c->kinds)
            fail_msg("case '%s': tier %d weight %d kinds %u, expected %d %d %u", c->why, r.tier,
                     r.weight, r.kinds, c->tier, c->weight, c->kinds);
        if (n)
            assert_int_equal(r.latest, 20000 + n - 1);
    }
}

static void test_kinds_and_weights(void **state)
{
    (void)state;
    /* every indicator has a kind and a weight of its own; no other rule has one */
    int attendance = 0;
    for (int r = 0; r < OR_RULE__COUNT; r++) {
        const or_rule *row = or_rule_get((or_rule_id)r);
        bool indicator = row->kind == OR_RULE_RISK;
        assert_int_equal(or_risk_weight_param((or_rule_id)r) >= 0, indicator);
        if (indicator) {
            const or_param_def *d = or_param_def_at(or_risk_weight_param((or_rule_id)r));
            char key[64];
            snprintf(key, sizeof key, "risk.weight.%s", row->id);
            assert_string_equal(d->key, key);
            attendance += or_risk_kind_of((or_rule_id)r) == OR_RISK_ATTENDANCE;
        }
    }
    assert_int_equal(attendance, 3); /* RISK-PA, RISK-SA, RISK-MISSING */
    assert_int_equal(or_risk_kind_of(OR_RULE_RISK_PA), OR_RISK_ATTENDANCE);
    assert_int_equal(or_risk_kind_of(OR_RULE_RISK_REPEAT_SUSP), OR_RISK_EXCLUSION);
    assert_int_equal(or_risk_tier_parse("high"), OR_TIER_HIGH);
    assert_int_equal(or_risk_tier_parse("low"), OR_TIER_LOW);
    assert_int_equal(or_risk_tier_parse(""), -1);
    assert_int_equal(or_risk_tier_parse("urgent"), -1);
    assert_int_equal(or_risk_kind_parse("attendance"), OR_RISK_ATTENDANCE);
    assert_int_equal(or_risk_kind_parse("x"), -1);
    /* a weight out of range is refused with its range */
    or_params p;
    or_params_default(&p);
    or_error err = {0};
    assert_int_equal(or_params_set(&p, "risk.weight.RISK-PA", "11", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "0 to 10"));
}

static void test_explain(void **state)
{
    (void)state;
    or_params p;
    or_params_default(&p);
    or_flag f[MAXF];
    static const char *const rules[] = {"RISK-HALFTERM", "RISK-NO-PLAN", "RISK-REPEAT-SUSP", NULL};
    int n = build_flags(rules, f, "A123456789012");
    char buf[256];
    or_risk_explain(f, n, &p, false, buf, sizeof buf);
    assert_string_equal(buf, "High risk: weight 6 (RISK-HALFTERM 2, RISK-NO-PLAN 1, "
                             "RISK-REPEAT-SUSP 3); high from 5, medium from 3");
    /* for people: the indicators by name */
    or_risk_explain(f, n, &p, true, buf, sizeof buf);
    assert_string_equal(buf, "High risk: weight 6 (Suspensions in one half-term 2, No support "
                             "plan 1, Repeated suspensions 3); high from 5, medium from 3");
    or_risk_explain(f, 0, &p, false, buf, sizeof buf);
    assert_string_equal(buf, "");
    char small[8];
    or_risk_explain(f, n, &p, false, small, sizeof small);
    assert_string_equal(small, "High ri");
}

/* Three children: A (PA + NO-PLAN: low, attendance), B (REPEAT + HALFTERM + NO-PLAN: high,
 * exclusion), C (MOVES + PA: medium, both kinds). */
static void test_counts(void **state)
{
    (void)state;
    or_params p;
    or_params_default(&p);
    or_flag all[12];
    static const char *const a[] = {"RISK-NO-PLAN", "RISK-PA", NULL};
    static const char *const b[] = {"RISK-HALFTERM", "RISK-NO-PLAN", "RISK-REPEAT-SUSP", NULL};
    static const char *const c[] = {"RISK-MOVES", "RISK-PA", NULL};
    int n = build_flags(a, all, "A000000000001");
    n += build_flags(b, all + n, "A000000000002");
    n += build_flags(c, all + n, "A000000000003");
    or_flag_list l = {all, n, 12, NULL};
    or_risk_counts k;
    or_risk_counts_of(&l, &p, &k);
    assert_int_equal(k.pupils[OR_TIER_LOW][OR_RISK_ATTENDANCE], 1);
    assert_int_equal(k.pupils[OR_TIER_LOW][OR_RISK_EXCLUSION], 0);
    assert_int_equal(k.pupils[OR_TIER_LOW][OR_RISK_KIND__N], 1);
    assert_int_equal(k.pupils[OR_TIER_HIGH][OR_RISK_EXCLUSION], 1);
    assert_int_equal(k.pupils[OR_TIER_HIGH][OR_RISK_KIND__N], 1);
    assert_int_equal(k.pupils[OR_TIER_MEDIUM][OR_RISK_EXCLUSION], 1);
    assert_int_equal(k.pupils[OR_TIER_MEDIUM][OR_RISK_ATTENDANCE], 1);
    assert_int_equal(k.pupils[OR_TIER_MEDIUM][OR_RISK_KIND__N], 1);
    or_flag_list empty = {NULL, 0, 0, NULL};
    or_risk_counts_of(&empty, &p, &k);
    assert_int_equal(k.pupils[OR_TIER_HIGH][OR_RISK_KIND__N], 0);
}

static or_date D(int y, int m, int d)
{
    return or_date_from_ymd(y, m, d);
}

/* DfE: pupils of compulsory school age, "aged 5 to 15 at the start of the academic year"
 * (explore-education-statistics.service.gov.uk/methodology/pupil-absence-in-schools-in-england;
 * "A guide to absence statistics" §2.3): the age on 31 August. For 2025/26 (ay 2025): */
static void test_absence_age(void **state)
{
    (void)state;
    assert_false(or_absence_age_counts(D(2020, 9, 1), 2025));  /* 4 on 31 Aug 2025 */
    assert_true(or_absence_age_counts(D(2020, 8, 31), 2025));  /* 5 that day */
    assert_true(or_absence_age_counts(D(2020, 9, 1), 2026));   /* 5 on 31 Aug 2026 */
    assert_true(or_absence_age_counts(D(2009, 9, 1), 2025));   /* 15 on 31 Aug 2025 */
    assert_false(or_absence_age_counts(D(2009, 8, 31), 2025)); /* 16 that day */
    assert_false(or_absence_age_counts(D(2022, 3, 14), 2025)); /* 3: a nursery child */
    assert_true(or_absence_age_counts(D(2016, 2, 29), 2025));  /* 9 */
    assert_true(or_absence_age_counts(OR_DATE_NONE, 2025));    /* not recorded: counted */
}

/* One rounding (DOMAIN.md §6, half away from zero) for attendance everywhere. */
static void test_rounding(void **state)
{
    (void)state;
    assert_int_equal(or_pct_tenths(98, 109), 899);    /* 89.908 */
    assert_int_equal(or_pct_tenths(76, 96), 792);     /* 79.1666 */
    assert_int_equal(or_pct_tenths(102, 120), 850);   /* 85.0 */
    assert_int_equal(or_pct_tenths(49, 100), 490);    /* 49.0 */
    assert_int_equal(or_pct_tenths(1, 2000), 1);      /* 0.05 -> 0.1, the tie up */
    assert_int_equal(or_pct_tenths(1799, 2000), 900); /* 89.95 -> 90.0 */
    assert_int_equal(or_pct_tenths(5, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiers),       cmocka_unit_test(test_kinds_and_weights),
        cmocka_unit_test(test_explain),     cmocka_unit_test(test_counts),
        cmocka_unit_test(test_absence_age), cmocka_unit_test(test_rounding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
