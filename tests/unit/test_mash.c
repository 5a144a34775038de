/* test_mash.c - LOCAL-MASH-ASSESS (issue 17, part 7): the MASH records its safeguarding
 * assessment of every permanent exclusion within one school day of being told of it, with its
 * outcome. Table-driven on the fixture test_duties.c and test_protocol.c share
 * (duties_fixture.h: its calendar, schools and comparison), every due date counted by hand on
 * the calendar written out below, independently of src/rules/protocol.c.
 *
 * The source: Working Together to Safeguard Children 2023, chapter 3: within one working day of
 * a referral being received, the local authority's social worker decides the next steps and
 * the type of response (a child in need assessed under section 17 of the Children Act 1989,
 * enquiries under section 47, other services, or none); and the scrutiny commission's report,
 * which asks for a safeguarding assessment "in real time" for every permanent exclusion. The
 * one day is the guidance's; counting it in the excluding school's school days (so a referral
 * made on a Friday is due on the Monday, not the Saturday) is the LA's local protocol, as its
 * other deadlines (parameter mash.deadline, 1).
 *
 * Told: the MASH hears of the exclusion from the LA (LOCAL-NOTIFY-PARTNERS names the MASH for
 * every permanent exclusion), so it is told when the LA is: the earlier of the day the
 * exclusion was recorded in onroll and its STAT-NOTIFY-LA action's own date; when neither is
 * known, its decision date. Due AFTER(told, 1): the first school day after it.
 *
 * The calendar (duties_fixture.h; bank holidays of England and Wales apply by themselves):
 *   autumn 2025  term Wed 3 Sep - Fri 19 Dec, half-term Mon 27 - Fri 31 Oct
 *   spring 2026  term Mon 5 Jan - Fri 27 Mar, half-term Mon 16 - Fri 20 Feb
 *   summer 2026  term Mon 13 Apr - Wed 22 Jul, half-term Mon 25 - Fri 29 May
 *   school B adds its own INSET day, Fri 14 Nov 2025.
 *   Oct 20-24 | [27-31 half-term] | Nov 3-7 | 10-13 (B: [14 INSET]) | 17-21
 *   Dec 8-12 | 15-19 | [Christmas]
 *   Apr 27-30, May 1 (Fri) | [Sat 2, Sun 3, Mon 4 May: Early May bank holiday] | May 5-8 */
#include "duties_fixture.h"
#include "onroll/view.h"

#define MASH "LOCAL-MASH-ASSESS"

/* A permanent exclusion recorded in onroll on day rec. */
#define PEX_REC(i, u, s, rec)                                                                      \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_PERMANENT, .start = s, .recorded = rec                    \
    }

static bool owned_rule(const char *id)
{
    return strcmp(id, MASH) == 0;
}

static void run_case(void **state)
{
    check_case(*state);
}

static const duty_case cases[] = {
    /* Decided and starting Fri 7 Nov, the day of recording not known: told on the decision
     * date. AFTER(Fri 7 Nov, 1): Sat, Sun -> Mon 10 Nov; open as of that day. */
    {.name = "told on a Friday: due the Monday",
     .as_of = "2025-11-10",
     .ev = {PEX("E1", URN_A, "2025-11-07")},
     .want = {{"E1", MASH, "2025-11-10", OPEN, NONE}}},

    /* Recorded Fri 24 Oct, the last day before half-term. AFTER(Fri 24 Oct, 1): half-term 27-31
     * Oct -> Mon 3 Nov; not assessed by Tue 4 Nov: overdue. */
    {.name = "told before half-term: due the first day back, then overdue",
     .as_of = "2025-11-04",
     .ev = {PEX_REC("E1", URN_A, "2025-10-24", "2025-10-24")},
     .want = {{"E1", MASH, "2025-11-03", OVERDUE, NONE}}},

    /* Recorded Fri 1 May 2026. AFTER(Fri 1 May, 1): Sat 2, Sun 3, Mon 4 May (Early May bank
     * holiday) -> Tue 5 May; assessed that day (section 47): done on 5 May. */
    {.name = "across a weekend and a bank holiday: due the Tuesday, done",
     .as_of = "2026-05-06",
     .ev = {PEX_REC("E1", URN_A, "2026-05-01", "2026-05-01"),
            ACT_OUT(URN_A, "E1", MASH, "2026-05-05", NULL, "section_47")},
     .want = {{"E1", MASH, "2026-05-05", DONE, "2026-05-05"}}},

    /* Starts Mon 8 Dec, the school told the LA on Tue 9 Dec (STAT-NOTIFY-LA action), recorded
     * in onroll only on Fri 12 Dec: told the earlier, Tue 9 Dec. AFTER(Tue 9 Dec, 1) = Wed 10
     * Dec; assessed Thu 11 Dec (early help): done, a day late. */
    {.name = "the school told the LA before recording it: counted from the telling",
     .as_of = "2025-12-12",
     .ev = {PEX_REC("E1", URN_A, "2025-12-08", "2025-12-12"),
            ACT(URN_A, "E1", NLA, "2025-12-09", NULL),
            ACT_OUT(URN_A, "E1", MASH, "2025-12-11", NULL, "early_help")},
     .want = {{"E1", MASH, "2025-12-10", DONE, "2025-12-11"}}},

    /* School B, recorded Thu 13 Nov. AFTER(Thu 13 Nov, 1) at B: Fri 14 Nov is its INSET day,
     * Sat, Sun -> Mon 17 Nov (school A's calendar would give Fri 14). */
    {.name = "the excluding school's own INSET day is not a school day",
     .as_of = "2025-11-14",
     .ev = {PEX_REC("E1", URN_B, "2025-11-13", "2025-11-13")},
     .want = {{"E1", MASH, "2025-11-17", OPEN, NONE}}},

    /* A suspension: no assessment. */
    {.name = "a suspension: no MASH assessment",
     .as_of = "2025-11-10",
     .ev = {SUSP("S1", URN_A, "2025-11-04", 2)},
     .absent = {"S1 " MASH}},

    /* Recorded Mon 1 Dec, withdrawn the same day, before the assessment fell due (Tue 2 Dec):
     * no duty. */
    {.name = "withdrawn before it fell due: no assessment",
     .as_of = "2025-12-03",
     .ev = {PEX_REC("E1", URN_A, "2025-12-01", "2025-12-01"), WITHDRAWN(URN_A, "E1", "2025-12-01")},
     .absent = {"E1 " MASH}},
};

/* The MASH's scope (or_view_mash, view.h): the whole record of a child with a permanent
 * exclusion decided by the day that counts; nothing of any other child. */
static void mash_sees(const char *name, const duty_case *c, const char *on, bool sees)
{
    built_facts b;
    build_facts(c, &b);
    or_pupil_view v = or_view_mash(&b.f, D(on));
    if ((v.kind == OR_VIEW_WHOLE) != sees)
        fail_msg("%s: the MASH %s, expected it %s", name,
                 v.kind == OR_VIEW_WHOLE ? "sees" : "does not see", sees ? "to" : "not to");
    assert_true(v.kind == OR_VIEW_WHOLE || v.kind == OR_VIEW_NONE);
}

static void the_mash_scope(void **state)
{
    (void)state;
    const duty_case pex = {.ev = {PEX("E1", URN_A, "2025-11-07")}};
    mash_sees("permanently excluded (decided Fri 7 Nov), on Mon 10 Nov", &pex, "2025-11-10", true);
    mash_sees("... the day before it was decided", &pex, "2025-11-06", false);
    const duty_case susp = {.ev = {SUSP("S1", URN_A, "2025-11-04", 2)}};
    mash_sees("suspended only", &susp, "2025-11-10", false);
    const duty_case withdrawn = {.ev = {PEX_REC("E1", URN_A, "2025-12-01", "2025-12-01"),
                                        WITHDRAWN(URN_A, "E1", "2025-12-01")}};
    mash_sees("a permanent exclusion withdrawn before its first day", &withdrawn, "2025-12-03",
              false);
    const duty_case none = {.ev = {{0}}};
    mash_sees("nothing recorded", &none, "2025-12-03", false);
}

int main(void)
{
    /* the table's cases and the scope test, one group (tests/run.sh counts one) */
    enum { N = sizeof cases / sizeof cases[0] };
    struct CMUnitTest tests[N + 1];
    for (size_t i = 0; i < N; i++)
        tests[i] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    tests[N] = (struct CMUnitTest)cmocka_unit_test(the_mash_scope);
    (void)run_cases;
    return _cmocka_run_group_tests("mash", tests, N + 1, group_setup, group_teardown);
}
