/* test_ideas.c - Energy for change's pure rules (ideas.h): the framing of an idea, the nine
 * votes (three per criterion, stacking allowed), and the ranking, counted by hand.
 *
 * The board of the ranking test, ideas in the order written: A, B, C, D, E.
 *   P1: feasibility 3 on A; desirability 2 on B, 1 on A; viability 1 on each of A, B, C.
 *   P2: feasibility 1 on B, 2 on C; desirability 3 on C; viability 3 on B.
 *   P3: feasibility 1 on each of A, B, D; desirability 1 on each of A, B, D; no viability.
 * By hand:         F  D  V  total
 *             A    4  2  1   7
 *             B    2  3  4   9
 *             C    2  3  1   6
 *             D    1  1  0   2
 *             E    0  0  0   0
 * Feasibility: A 1st, B and C 2nd, D 4th, E 5th.   Desirability: B and C 1st, A 3rd, D 4th, E 5th.
 * Viability: B 1st, A and C 2nd, D 4th, E 4th.     Overall: B, A, C, D, E (1 to 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/ideas.h"
#include "onroll/rules.h"
#include "onroll/store_ideas.h"
#include "onroll/store_workshops.h"

static void vocabularies_are_the_sources(void **state)
{
    (void)state;
    assert_string_equal(or_idea_label(or_idea_categories, "within-school"),
                        "Within school practice");
    assert_string_equal(or_idea_label(or_idea_categories, "across-schools"),
                        "Across school practice");
    assert_string_equal(or_idea_label(or_idea_categories, "across-sectors"), "Across sectors");
    int n = 0;
    while (or_idea_energies[n].code)
        n++;
    assert_int_equal(n, 6);
    assert_string_equal(or_idea_energies[0].label, "we can move things around relatively easily");
    assert_string_equal(or_idea_energies[5].label, "change is timely");
    assert_string_equal(or_idea_criteria[OR_CRIT_FEASIBILITY].label, "Feasibility");
    assert_string_equal(or_idea_criteria[OR_CRIT_DESIRABILITY].label, "Desirability");
    assert_string_equal(or_idea_criteria[OR_CRIT_VIABILITY].label, "Viability");
    assert_int_equal(or_idea_criterion_parse("viability"), OR_CRIT_VIABILITY);
    assert_int_equal(or_idea_criterion_parse("Viability"), -1);
    assert_int_equal(or_idea_criterion_parse(NULL), -1);
    assert_null(or_idea_label(or_idea_categories, "elsewhere"));
    assert_int_equal(OR_IDEA_VOTES_PER_PARTICIPANT, OR_CRIT__N * OR_IDEA_VOTES_PER_CRITERION);
}

static void compose_one(const char *framing, const char *words, const char *want)
{
    or_sb sb = OR_SB_INIT;
    or_error err = {0};
    if (or_idea_compose(framing, words, &sb, &err))
        fail_msg("%s / %s: %s", framing ? framing : "-", words, err.msg);
    assert_string_equal(or_sb_str(&sb), want);
    or_sb_release(&sb);
}

static void refuse_one(const char *framing, const char *words, const char *msg)
{
    or_sb sb = OR_SB_INIT;
    or_error err = {0};
    assert_int_equal(or_idea_compose(framing, words, &sb, &err), OR_EINPUT);
    if (!strstr(err.msg, msg))
        fail_msg("'%s' not in '%s'", msg, err.msg);
    assert_int_equal(sb.len, 0);
    or_sb_release(&sb);
}

static void framing(void **state)
{
    (void)state;
    compose_one("hmw", "involve families early?", "How might we involve families early?");
    compose_one("whatif", "  every school shared one threshold?  ",
                "What if every school shared one threshold?");
    /* the framing typed as well is not doubled */
    compose_one("hmw", "how might we share practice?", "how might we share practice?");
    /* no framing chosen: the words must start with one, in any case */
    compose_one(NULL, "What if pupils chaired the panel?", "What if pupils chaired the panel?");
    compose_one("", "HOW MIGHT WE listen?", "HOW MIGHT WE listen?");
    refuse_one(NULL, "Let's share practice",
               "Start your idea with \"How might we\" or \"What if\"");
    refuse_one("", "How mighty we are", "Start your idea with"); /* a word, not a prefix */
    refuse_one("", "Whatif", "Start your idea with");
    refuse_one("hmw", "   ", "Enter your idea after \"How might we\"");
    refuse_one(NULL, "", "Enter your idea");
    refuse_one("maybe", "x", "Choose \"How might we\" or \"What if\"");
    char big[OR_IDEA_TEXT_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    refuse_one("hmw", big, "500 characters or fewer");
    /* exactly at the limit with the framing's 13 bytes ("How might we ") */
    big[OR_IDEA_TEXT_MAX - 13] = 0;
    or_sb sb = OR_SB_INIT;
    or_error err = {0};
    assert_int_equal(or_idea_compose("hmw", big, &sb, &err), OR_OK);
    assert_int_equal(sb.len, OR_IDEA_TEXT_MAX);
    or_sb_release(&sb);
}

/* A participant votes on several ideas; only the three per criterion bind. */
static void three_per_criterion(void **state)
{
    (void)state;
    int used[OR_CRIT__N] = {0, 0, 0};
    or_error err = {0};
    /* stacking: all nine on one idea, criterion by criterion */
    for (int c = 0; c < OR_CRIT__N; c++)
        for (int k = 0; k < 3; k++) {
            assert_int_equal(or_vote_check_cast(used, c, &err), OR_OK);
            used[c]++;
        }
    /* the tenth vote, whatever its criterion, is a fourth in one */
    for (int c = 0; c < OR_CRIT__N; c++)
        assert_int_equal(or_vote_check_cast(used, c, &err), OR_ERULE);
    assert_int_equal(or_vote_check_cast(used, OR_CRIT_FEASIBILITY, &err), OR_ERULE);
    assert_non_null(strstr(err.msg, "You have used your 3 votes for feasibility"));
    assert_int_equal(or_vote_check_cast(used, OR_CRIT_VIABILITY, &err), OR_ERULE);
    assert_non_null(strstr(err.msg, "You have used your 3 votes for viability"));
    /* a fourth in one criterion with others unused */
    int some[OR_CRIT__N] = {0, 3, 1};
    assert_int_equal(or_vote_check_cast(some, OR_CRIT_DESIRABILITY, &err), OR_ERULE);
    assert_non_null(strstr(err.msg, "You have used your 3 votes for desirability"));
    assert_int_equal(or_vote_check_cast(some, OR_CRIT_FEASIBILITY, &err), OR_OK);
    assert_int_equal(or_vote_check_cast(some, OR_CRIT_VIABILITY, &err), OR_OK);
    assert_int_equal(or_vote_check_cast(some, 3, &err), OR_EINPUT);
    assert_int_equal(or_vote_check_cast(some, -1, &err), OR_EINPUT);
    /* taking back: only a vote one has there */
    assert_int_equal(or_vote_check_take_back(1, OR_CRIT_VIABILITY, &err), OR_OK);
    assert_int_equal(or_vote_check_take_back(0, OR_CRIT_VIABILITY, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "You have no viability vote on this idea to take back"));
}

static void ranking_by_hand(void **state)
{
    (void)state;
    /* the votes, participant by participant, as the header writes them */
    enum { A, B, C, D, E, N };
    or_idea_tally t[N] = {{.id = 11}, {.id = 12}, {.id = 13}, {.id = 14}, {.id = 15}};
    /* P1 */
    t[A].votes[OR_CRIT_FEASIBILITY] += 3;
    t[B].votes[OR_CRIT_DESIRABILITY] += 2;
    t[A].votes[OR_CRIT_DESIRABILITY] += 1;
    t[A].votes[OR_CRIT_VIABILITY] += 1;
    t[B].votes[OR_CRIT_VIABILITY] += 1;
    t[C].votes[OR_CRIT_VIABILITY] += 1;
    /* P2 */
    t[B].votes[OR_CRIT_FEASIBILITY] += 1;
    t[C].votes[OR_CRIT_FEASIBILITY] += 2;
    t[C].votes[OR_CRIT_DESIRABILITY] += 3;
    t[B].votes[OR_CRIT_VIABILITY] += 3;
    /* P3 */
    t[A].votes[OR_CRIT_FEASIBILITY] += 1;
    t[B].votes[OR_CRIT_FEASIBILITY] += 1;
    t[D].votes[OR_CRIT_FEASIBILITY] += 1;
    t[A].votes[OR_CRIT_DESIRABILITY] += 1;
    t[B].votes[OR_CRIT_DESIRABILITY] += 1;
    t[D].votes[OR_CRIT_DESIRABILITY] += 1;
    or_ideas_rank(t, N);
    const int total[N] = {7, 9, 6, 2, 0};
    const int rank[4][N] = {
        {1, 2, 2, 4, 5}, /* feasibility */
        {3, 1, 1, 4, 5}, /* desirability */
        {2, 1, 2, 4, 4}, /* viability: D and E both 0 */
        {2, 1, 3, 4, 5}, /* overall */
    };
    for (int i = 0; i < N; i++) {
        assert_int_equal(t[i].total, total[i]);
        for (int c = 0; c < OR_CRIT__N; c++)
            assert_int_equal(t[i].rank[c], rank[c][i]);
        assert_int_equal(t[i].rank_total, rank[3][i]);
    }
    const int order[4][N] = {
        {A, B, C, D, E}, /* B and C tie: written order */
        {B, C, A, D, E},
        {B, A, C, D, E}, /* A and C tie; D and E tie */
        {B, A, C, D, E},
    };
    for (int by = 0; by <= OR_RANK_OVERALL; by++) {
        int got[N];
        or_ideas_order(t, N, by, got);
        assert_memory_equal(got, order[by], sizeof got);
    }
}

static void ties_share_a_place(void **state)
{
    (void)state;
    or_idea_tally t[3] = {{.id = 1, .votes = {1, 1, 1}},
                          {.id = 2, .votes = {3, 0, 0}},
                          {.id = 3, .votes = {0, 0, 4}}};
    or_ideas_rank(t, 3);
    assert_int_equal(t[2].rank_total, 1); /* 4 */
    assert_int_equal(t[0].rank_total, 2); /* 3 */
    assert_int_equal(t[1].rank_total, 2); /* 3 */
    int got[3];
    or_ideas_order(t, 3, OR_RANK_OVERALL, got);
    assert_int_equal(got[0], 2);
    assert_int_equal(got[1], 0);
    assert_int_equal(got[2], 1);
    /* no ideas: nothing to do, nothing touched */
    or_ideas_rank(NULL, 0);
    or_ideas_order(NULL, 0, OR_RANK_OVERALL, NULL);
}

/* LOCAL-WORKSHOP-COMMITMENT: a duty done by an action, sourced to the toolkit's words */
static void the_commitment_rule(void **state)
{
    (void)state;
    const or_rule *r = or_rule_find("LOCAL-WORKSHOP-COMMITMENT");
    assert_non_null(r);
    assert_int_equal(r->code, OR_RULE_LOCAL_WORKSHOP_COMMITMENT);
    assert_non_null(strstr(r->source, "committed to exploring them further"));
    assert_non_null(strstr(r->source, "Energy for change"));
    assert_int_equal(r->done.how, OR_DONE_ACTION);
}

/* ---- the store (migration 037): votes in slots, taken back, the tally, commitments ---- */

static char path[256];
static or_store *store;

static int db_setup(void **state)
{
    (void)state;
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_ideas.%d.db", (int)getpid());
    if (!url || !*url)
        unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    return 0;
}

static int db_teardown(void **state)
{
    (void)state;
    or_store_close(store);
    if (strncmp(path, "postgres", 8)) {
        unlink(path);
        char log[300];
        snprintf(log, sizeof log, "%s-log", path);
        unlink(log);
    }
    return 0;
}

static void store_round_trip(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_workshop w = {
        .title = "Staff", .scope = "staff", .mode = "online", .facilitator = "f@example.org"};
    or_date_parse("2026-12-08", &w.held_on);
    int64_t ws = 0, pid = 0, i1 = 0, i2 = 0;
    assert_int_equal(or_workshop_add(store, &w, "f@example.org", &ws, &err), OR_OK);
    or_ws_participant p = {.workshop = ws, .name = "Gail", .role = "Parent", .sector = "charity"};
    char token[OR_TOKEN_LEN + 1];
    assert_int_equal(or_ws_participant_add(store, &p, "f@example.org", token, &pid, &err), OR_OK);
    or_idea x = {.workshop_id = ws,
                 .participant_id = pid,
                 .text = "How might we listen?",
                 .category = "within-school",
                 .energies = "timely"};
    assert_int_equal(or_idea_add(store, &x, &i1, &err), OR_OK);
    x.participant_id = 0; /* the facilitator's */
    x.text = "What if we met monthly?";
    assert_int_equal(or_idea_add(store, &x, &i2, &err), OR_OK);
    or_idea *ideas = NULL;
    int n = 0;
    assert_int_equal(or_ideas_list(store, ws, pid, &a, &ideas, &n, &err), OR_OK);
    assert_int_equal(n, 1); /* the participant's own */
    assert_int_equal(or_ideas_list(store, ws, 0, &a, &ideas, &n, &err), OR_OK);
    assert_int_equal(n, 1); /* the facilitator's own */
    assert_string_equal(ideas[0].text, "What if we met monthly?");
    assert_int_equal(or_ideas_list(store, ws, -1, &a, &ideas, &n, &err), OR_OK);
    assert_int_equal(n, 2);

    /* three feasibility votes stacked on idea 1, a fourth refused by the rule */
    for (int k = 0; k < 3; k++)
        assert_int_equal(or_idea_vote_cast(store, ws, pid, i1, OR_CRIT_FEASIBILITY, &err), OR_OK);
    assert_int_equal(or_idea_vote_cast(store, ws, pid, i2, OR_CRIT_FEASIBILITY, &err), OR_ERULE);
    assert_non_null(strstr(err.msg, "You have used your 3 votes for feasibility"));
    assert_int_equal(or_idea_vote_cast(store, ws, pid, i2, OR_CRIT_VIABILITY, &err), OR_OK);
    int used[OR_CRIT__N];
    or_idea_my_votes *mine = NULL;
    assert_int_equal(or_idea_votes_of(store, pid, &a, used, &mine, &n, &err), OR_OK);
    assert_int_equal(used[OR_CRIT_FEASIBILITY], 3);
    assert_int_equal(used[OR_CRIT_VIABILITY], 1);
    assert_int_equal(n, 2);
    assert_int_equal(mine[0].votes[OR_CRIT_FEASIBILITY], 3);
    assert_int_equal(mine[1].votes[OR_CRIT_VIABILITY], 1);
    /* taken back: the slot is free again, and the vote goes where it is cast */
    assert_int_equal(or_idea_vote_take_back(store, pid, i1, OR_CRIT_FEASIBILITY, &err), OR_OK);
    assert_int_equal(or_idea_vote_take_back(store, pid, i2, OR_CRIT_FEASIBILITY, &err), OR_EINPUT);
    assert_int_equal(or_idea_vote_cast(store, ws, pid, i2, OR_CRIT_FEASIBILITY, &err), OR_OK);
    int voters = 0;
    assert_int_equal(or_idea_voters(store, ws, &voters, &err), OR_OK);
    assert_int_equal(voters, 1);
    or_idea_tally *t = NULL;
    assert_int_equal(or_idea_tally_of(store, ws, &a, &t, &n, &err), OR_OK);
    assert_int_equal(n, 2);
    assert_true(t[0].id == i1 && t[0].votes[0] == 2 && t[0].votes[1] == 0 && t[0].votes[2] == 0);
    assert_true(t[1].id == i2 && t[1].votes[0] == 1 && t[1].votes[1] == 0 && t[1].votes[2] == 1);

    /* commitments: its owner's until done */
    or_idea_commitment c = {.workshop_id = ws,
                            .idea_id = i1,
                            .next_step = "Ask the council",
                            .owner = "senco@example.org",
                            .due_on = "2027-03-26"};
    int64_t cid = 0;
    assert_int_equal(or_idea_commitment_add(store, &c, "f@example.org", &cid, &err), OR_OK);
    or_idea_commitment *cs = NULL;
    assert_int_equal(or_idea_commitments(store, ws, &a, &cs, &n, &err), OR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(cs[0].idea, "How might we listen?");
    assert_string_equal(cs[0].owner_name, "senco@example.org"); /* no such account: the email */
    assert_int_equal(or_idea_commitments_open(store, "senco@example.org", &a, &cs, &n, &err),
                     OR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(or_idea_commitments_open(store, "other@example.org", &a, &cs, &n, &err),
                     OR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(or_idea_commitment_done(store, cid, "2026-12-09", &err), OR_OK);
    assert_int_equal(or_idea_commitments_open(store, "senco@example.org", &a, &cs, &n, &err),
                     OR_OK);
    assert_int_equal(n, 0);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocabularies_are_the_sources),
        cmocka_unit_test(framing),
        cmocka_unit_test(three_per_criterion),
        cmocka_unit_test(ranking_by_hand),
        cmocka_unit_test(ties_share_a_place),
        cmocka_unit_test(the_commitment_rule),
        cmocka_unit_test_setup_teardown(store_round_trip, db_setup, db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
