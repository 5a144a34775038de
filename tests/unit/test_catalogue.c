/* test_catalogue.c - the rules wing's catalogue (rules.h) and the two things it counts once:
 *   - every row: its enum id is its index, its text id reads back to it (or_rule_parse, the
 *     one place text becomes an id), it has who, text, source and an evaluator of its kind,
 *     and it lists each parameter that params.c says is its own;
 *   - "how it is done": the graduated response's rows (written out below by hand from
 *     DOMAIN.md §4: PSP, its review and escalation, PEAP, PEP, part-time timetable, referral)
 *     are exactly the rows that name a plan, and only the STAT-NOTIFY-* duties survive the
 *     end of their exclusion;
 *   - whether an exclusion counts (or_excl_fate_counts, excl.h), case by case;
 *   - the 45-day sum (or_cap_sum, duties.h) on one pupil's ledger, every total by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/duties.h"
#include "onroll/excl.h"
#include "onroll/letters.h"
#include "onroll/params.h"
#include "onroll/referrals.h"
#include "onroll/rules.h"

static void every_row_is_its_id(void **state)
{
    (void)state;
    assert_int_equal(or_rules_count(), OR_RULE__COUNT);
    for (int i = 0; i < OR_RULE__COUNT; i++) {
        const or_rule *r = or_rule_get(i);
        assert_non_null(r);
        assert_ptr_equal(or_rule_at((size_t)i), r);
        assert_int_equal(r->code, i);
        assert_non_null(r->id);
        assert_string_equal(r->id, or_rule_name(i));
        assert_int_equal(or_rule_parse(r->id), i);
        assert_ptr_equal(or_rule_find(r->id), r);
        assert_true(r->who && *r->who && r->summary && *r->summary && r->source && *r->source);
        assert_true(r->nparams >= 0 && r->nparams <= OR_RULE_MAX_PARAMS);
        /* the kind of rule goes with the kind of id */
        const char *prefix = r->kind == OR_RULE_STATUTORY ? "STAT-"
                             : r->kind == OR_RULE_LOCAL   ? "LOCAL-"
                                                          : "RISK-";
        assert_int_equal(strncmp(r->id, prefix, strlen(prefix)), 0);
    }
    assert_string_equal(or_rule_get(OR_RULE_STAT_45DAY_CAP)->id, "STAT-45DAY-CAP");
    assert_string_equal(or_rule_get(OR_RULE_LOCAL_CONSULT_2_15)->id, "LOCAL-CONSULT-2-15");
    assert_string_equal(or_rule_get(OR_RULE_RISK_NO_PLAN)->id, "RISK-NO-PLAN");
}

static void a_misspelt_id_reads_as_none(void **state)
{
    (void)state;
    assert_int_equal(or_rule_parse("STAT-NOTIFY-LAX"), -1);
    assert_int_equal(or_rule_parse("stat-notify-la"), -1);
    assert_int_equal(or_rule_parse("STAT_NOTIFY_LA"), -1);
    assert_int_equal(or_rule_parse(""), -1);
    assert_int_equal(or_rule_parse(NULL), -1);
    assert_null(or_rule_find("LOCAL-PSP "));
    assert_null(or_rule_get(OR_RULE__COUNT));
    assert_null(or_rule_name(OR_RULE__COUNT));
}

static void every_row_has_its_evaluator(void **state)
{
    (void)state;
    for (int i = 0; i < OR_RULE__COUNT; i++) {
        const or_rule *r = or_rule_get(i);
        switch (r->eval.kind) {
        case OR_EVAL_EXCLUSION:
            assert_non_null(r->eval.fn.exclusion);
            break;
        case OR_EVAL_PUPIL:
            assert_non_null(r->eval.fn.pupil);
            break;
        case OR_EVAL_RISK:
            assert_non_null(r->eval.fn.risk);
            break;
        case OR_EVAL_RECORD:
            assert_non_null(r->eval.fn.record);
            break;
        default:
            fail_msg("%s: no evaluator", r->id);
        }
        /* indicators are evaluated as indicators, duties as duties */
        assert_int_equal(r->kind == OR_RULE_RISK, r->eval.kind == OR_EVAL_RISK);
    }
    assert_int_equal(or_rule_get(OR_RULE_STAT_45DAY_CAP)->eval.kind, OR_EVAL_RECORD);
    assert_ptr_equal(or_rule_get(OR_RULE_STAT_45DAY_CAP)->eval.fn.record, or_cap_breach);
    /* RISK-NO-PLAN reads what the others fired: it is the last indicator the engine calls */
    for (int i = OR_RULE_RISK_NO_PLAN + 1; i < OR_RULE__COUNT; i++)
        assert_int_not_equal(or_rule_get(i)->eval.kind, OR_EVAL_RISK);
}

static bool lists(const or_rule *r, or_param_id p)
{
    for (int k = 0; k < r->nparams; k++)
        if (r->params[k] == p)
            return true;
    return false;
}

static void every_rule_lists_its_parameters(void **state)
{
    (void)state;
    int owned = 0;
    for (int p = 0; p < OR_P__COUNT; p++) {
        const or_param_def *d = or_param_def_at(p);
        const or_rule *r = or_rule_find(d->rule_id);
        if (!r) { /* not a rule's: who sees what (docs/security.md), a child's risk tier from
                     the weights of the indicators (docs/risk.md) */
            assert_true(strncmp(d->key, "scope.", 6) == 0 ||
                        strncmp(d->key, "risk.tier.", 10) == 0);
            continue;
        }
        if (!lists(r, p))
            fail_msg("%s belongs to %s, which does not list it", d->key, r->id);
        owned++;
    }
    assert_int_equal(owned, OR_P__COUNT - 4); /* 2 scope, 2 tier */
    assert_true(lists(or_rule_get(OR_RULE_STAT_45DAY_CAP), OR_P_CAP_DAYS));
    assert_int_equal(or_rule_get(OR_RULE_STAT_45DAY_CAP)->nparams, 1);
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_PSP)->nparams, 3);
}

static void how_each_is_done(void **state)
{
    (void)state;
    /* the graduated response: the duties the plan pages act on */
    static const or_rule_id plans[] = {
        OR_RULE_LOCAL_PSP, OR_RULE_LOCAL_PSP_REVIEW, OR_RULE_LOCAL_PSP_ESCALATE, OR_RULE_LOCAL_PEAP,
        OR_RULE_LOCAL_PEP, OR_RULE_LOCAL_PTT,        OR_RULE_LOCAL_REFERRAL};
    static const or_rule_id told[] = {OR_RULE_STAT_NOTIFY_PARENT, OR_RULE_STAT_NOTIFY_LA,
                                      OR_RULE_STAT_NOTIFY_SW, OR_RULE_STAT_NOTIFY_VSH,
                                      OR_RULE_STAT_NOTIFY_GB};
    for (int i = 0; i < OR_RULE__COUNT; i++) {
        const or_rule *r = or_rule_get(i);
        bool plan = false, survives = false;
        for (size_t k = 0; k < sizeof plans / sizeof plans[0]; k++)
            plan |= plans[k] == (or_rule_id)i;
        for (size_t k = 0; k < sizeof told / sizeof told[0]; k++)
            survives |= told[k] == (or_rule_id)i;
        if (plan != (r->done.plan != NULL))
            fail_msg("%s: %s", r->id, plan ? "names no plan" : "names a plan");
        assert_int_equal(r->survives_end, survives);
        if (r->done.plan) /* an event type of formats.md */
            assert_true(or_event_kind_parse(r->done.plan) >= 0);
        if (r->done.how == OR_DONE_PLAN || r->done.how == OR_DONE_REVIEW ||
            r->done.how == OR_DONE_STEP)
            assert_non_null(r->done.words);
        if (r->done.how == OR_DONE_REFERRAL)
            for (int k = 0; k < 2; k++)
                assert_non_null(or_referral_flow_find(r->done.to[k]));
        /* a duty of every other rule is done by its action; an indicator by nothing; an
         * attendance alert (issue 17) by onroll's notifications outbox */
        if (!plan && i != OR_RULE_STAT_45DAY_CAP && i != OR_RULE_LOCAL_ATTEND_ALERT)
            assert_int_equal(r->done.how,
                             r->kind == OR_RULE_RISK ? OR_DONE_NOTHING : OR_DONE_ACTION);
    }
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_PSP)->done.how, OR_DONE_PLAN);
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_ATTEND_ALERT)->done.how, OR_DONE_NOTHING);
    assert_string_equal(or_rule_get(OR_RULE_LOCAL_PSP)->done.plan, "psp");
    assert_string_equal(or_rule_get(OR_RULE_LOCAL_PEP)->done.plan, "pep");
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_PSP_REVIEW)->done.how, OR_DONE_REVIEW);
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_PSP_ESCALATE)->done.how, OR_DONE_REFERRAL);
    assert_string_equal(or_rule_get(OR_RULE_LOCAL_PSP_ESCALATE)->done.to[0], "reu");
    assert_string_equal(or_rule_get(OR_RULE_LOCAL_PSP_ESCALATE)->done.to[1], "ep");
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_REFERRAL)->done.how, OR_DONE_STEP);
    assert_int_equal(or_rule_get(OR_RULE_LOCAL_PTT)->done.how, OR_DONE_ACTION);
}

/* ---- whether an exclusion counts ---- */

static void when_an_exclusion_counts(void **state)
{
    (void)state;
    /* decided on day 10, starting on day 12 */
    static const struct {
        bool withdrawn, reinstated;
        or_date withdrawn_on, reinstated_on, as_of;
        bool counts;
    } cases[] = {
        {false, false, 0, 0, 9, false},  /* not decided yet: not known */
        {false, false, 0, 0, 10, true},  /* decided */
        {false, false, 0, 0, 400, true}, /* nothing became of it */
        {true, false, 15, 0, 14, true},  /* withdrawn later */
        {true, false, 15, 0, 15, false}, /* withdrawn */
        {false, true, 0, 12, 11, true},  /* reinstated later */
        {false, true, 0, 12, 12, false}, /* reinstated on its first day: never took effect */
        {false, true, 0, 11, 30, false}, /* reinstated before it */
        {false, true, 0, 13, 30, true},  /* reinstated after it took effect: it counts */
        {true, true, 15, 13, 30, false}, /* withdrawn wins */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_excl_fate x = {10,
                          12,
                          cases[i].withdrawn,
                          cases[i].reinstated,
                          cases[i].withdrawn_on,
                          cases[i].reinstated_on};
        if (or_excl_fate_counts(&x, cases[i].as_of) != cases[i].counts)
            fail_msg("case %zu: expected %s", i, cases[i].counts ? "counts" : "does not count");
    }
    assert_int_equal(or_excl_reinstating("STAT-GB-15DAY"), 0);
    assert_int_equal(or_excl_reinstating("STAT-GB-50DAY"), 1);
    assert_int_equal(or_excl_reinstating("STAT-IRP-RECONSIDER"), 2);
    assert_int_equal(or_excl_reinstating("STAT-IRP-MEET"), -1);
    assert_int_equal(or_excl_reinstating(NULL), -1);
}

/* ---- the 45-day sum ---- */

enum { URN_A = 100001, URN_B = 100002 };

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date %s", s);
    return d;
}

static or_fact_event ev(const char *id, int urn, or_event_kind k, const char *start,
                        const char *decided, int sessions)
{
    return (or_fact_event){.event_id = id,
                           .urn = urn,
                           .kind = k,
                           .start = D(start),
                           .end = OR_DATE_NONE,
                           .decided = D(decided),
                           .exam_date = OR_DATE_NONE,
                           .sessions = sessions};
}

static void the_cap_sums_once(void **state)
{
    (void)state;
    or_fact_event e[8];
    e[0] = ev("S1", URN_A, OR_EV_SUSPENSION, "2025-09-10", "2025-09-10", 20); /* 10 days */
    e[1] = ev("S2", URN_B, OR_EV_LUNCHTIME, "2025-10-01", "2025-10-01", 3);   /* 3 lunchtimes */
    e[2] = ev("S3", URN_A, OR_EV_SUSPENSION, "2025-11-03", "2025-11-03", 10); /* withdrawn */
    e[3] = ev("W3", URN_A, OR_EV_WITHDRAWN, "2025-11-05", "2025-11-05", -1);
    e[3].ref = "S3";
    e[4] = ev("S4", URN_A, OR_EV_SUSPENSION, "2026-01-12", "2026-01-12", 60); /* 30 days */
    e[5] = ev("P6", URN_B, OR_EV_PERMANENT, "2026-02-02", "2026-02-02", -1);
    e[6] = ev("S7", URN_A, OR_EV_SUSPENSION, "2026-09-07", "2026-09-04", 4); /* 2026/27 */
    e[7] = ev("A7", URN_A, OR_EV_ACTION, "2026-09-05", "2026-09-05", -1);    /* board: back */
    e[7].ref = "S7";
    e[7].rule = "STAT-GB-15DAY";
    e[7].outcome = "reinstated";
    or_pupil_facts f = {.upn = "B801200005001", .events = e, .nevents = 8};

    /* 2025/26, all schools: S1 20 + S2 3 + S4 60 = 83 half-days (S3 withdrawn, P6 none) */
    or_cap_total t;
    or_cap_sum(&f, 2025, 0, -1, &t);
    assert_int_equal(t.halfdays, 83);
    assert_true(t.several);
    assert_null(t.over);
    or_cap_sum(&f, 2025, URN_A, -1, &t); /* S1 20 + S4 60 */
    assert_int_equal(t.halfdays, 80);
    assert_false(t.several);
    assert_int_equal(or_cap_school_halfdays(&f, URN_B, 2025), 3);
    /* 2026/27: S7 reinstated before it started, so it never counted */
    or_cap_sum(&f, 2026, 0, -1, &t);
    assert_int_equal(t.halfdays, 0);
    assert_true(or_excl_counts(&f, &e[6], D("2026-09-04")));
    assert_false(or_excl_counts(&f, &e[6], D("2026-09-05")));
    assert_true(or_excl_counts(&f, &e[2], D("2025-11-04")));
    assert_false(or_excl_counts(&f, &e[2], D("2025-11-05")));

    /* every year on its own, stopping where the limit is passed: 20, 23, 83 */
    or_cap_sum(&f, 0, 0, 82, &t);
    assert_ptr_equal(t.over, &e[4]);
    assert_int_equal(t.halfdays, 83);
    assert_int_equal(t.ay, 2025);
    or_cap_sum(&f, 0, 0, 83, &t);
    assert_null(t.over);

    /* the importer's check (limit 45 days = 90 half-days), then an LA's 40 days */
    or_params p;
    or_params_default(&p);
    int total = -1;
    assert_null(or_cap_breach(&f, &p, &total));
    assert_int_equal(total, 0);
    p.v[OR_P_CAP_DAYS] = 40;
    assert_ptr_equal(or_cap_breach(&f, &p, &total), &e[4]);
    assert_int_equal(total, 83);

    /* before recording: 83 + 7 = 90 is the limit itself; 83 + 8 is over it */
    or_params_default(&p);
    or_error err = {0};
    assert_int_equal(or_cap_check(&f, &p, D("2026-03-02"), 7, &err), OR_OK);
    assert_int_equal(or_cap_check(&f, &p, D("2026-03-02"), 8, &err), OR_ERULE);
    assert_non_null(strstr(err.msg, "41.5 days recorded so far across all schools"));
    assert_non_null(strstr(err.msg, "STAT-45DAY-CAP: Education Act 2002 s51A"));
}

/* Issue 14's finding "the letter is reached only from the timeline, not from the duty it does":
 * the catalogue says which letter kinds do each duty (.done.letters), so that the duty's
 * "Write the letter" button comes from data. The column and the kinds' own list (letters.c
 * `closes`) agree both ways: a kind closes a rule exactly when the rule's row names the kind.
 * By hand from letters.c: STAT-NOTIFY-PARENT and STAT-NOTICE-S104 by the parents' letters
 * (suspension-parent, permanent-parent); STAT-NOTIFY-GB by board-notice; STAT-GB-15DAY and
 * STAT-GB-50DAY by the board's decisions (board-upheld, board-reinstated); no other rule. */
static void each_letter_names_its_duties(void **state)
{
    (void)state;
    static const struct {
        or_rule_id id;
        const char *a, *b;
    } want[] = {
        {OR_RULE_STAT_NOTIFY_PARENT, "suspension-parent", "permanent-parent"},
        {OR_RULE_STAT_NOTICE_S104, "suspension-parent", "permanent-parent"},
        {OR_RULE_STAT_NOTIFY_GB, "board-notice", NULL},
        {OR_RULE_STAT_GB_15DAY, "board-upheld", "board-reinstated"},
        {OR_RULE_STAT_GB_50DAY, "board-upheld", "board-reinstated"},
    };
    for (size_t i = 0; i < or_rules_count(); i++) {
        const or_rule *r = or_rule_at(i);
        const char *a = NULL, *b = NULL;
        for (size_t w = 0; w < sizeof want / sizeof want[0]; w++)
            if (want[w].id == r->code) {
                a = want[w].a;
                b = want[w].b;
            }
        const char *got_a = r->done.letters[0], *got_b = r->done.letters[1];
        if ((a == NULL) != (got_a == NULL) || (a && strcmp(a, got_a)) ||
            (b == NULL) != (got_b == NULL) || (b && strcmp(b, got_b)))
            fail_msg("%s: letters %s, %s; expected %s, %s", r->id, got_a ? got_a : "none",
                     got_b ? got_b : "none", a ? a : "none", b ? b : "none");
        /* both ways against the kinds */
        for (size_t k = 0; k < or_letter_kinds_count(); k++) {
            const or_letter_kind *kind = or_letter_kind_at(k);
            bool closes = false, named = false;
            for (int c = 0; kind->closes[c]; c++)
                closes |= !strcmp(kind->closes[c], r->id);
            for (int l = 0; l < 2; l++)
                named |= r->done.letters[l] && !strcmp(r->done.letters[l], kind->id);
            if (closes != named)
                fail_msg("%s and letter %s disagree: the kind %s it, the row %s it", r->id,
                         kind->id, closes ? "closes" : "does not close",
                         named ? "names" : "does not name");
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_is_its_id),
        cmocka_unit_test(a_misspelt_id_reads_as_none),
        cmocka_unit_test(every_row_has_its_evaluator),
        cmocka_unit_test(every_rule_lists_its_parameters),
        cmocka_unit_test(how_each_is_done),
        cmocka_unit_test(each_letter_names_its_duties),
        cmocka_unit_test(when_an_exclusion_counts),
        cmocka_unit_test(the_cap_sums_once),
    };
    return cmocka_run_group_tests_name("catalogue", tests, NULL, NULL);
}
