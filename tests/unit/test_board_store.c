/* test_board_store.c - the boards' store (store_boards.h, migration 036) on a real SQLite
 * database: a card's writer as others may see them (a name only with consent, else the role;
 * "Facilitator" for one who is not a participant); a card removed with its links; the LA's
 * catalogue seeded with the toolkit's fifteen players and a name added once, case aside; the
 * idea board's seeds: none before the iceberg is revealed, then the marked notes, deepest
 * first, and never another workshop's or the map's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "onroll/store_boards.h"
#include "onroll/store_workshops.h"

static char path[64];
static or_store *store;

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_board_store.%d.db", (int)getpid());
    unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    unlink(path);
    char log[80];
    snprintf(log, sizeof log, "%s-log", path);
    unlink(log);
    return 0;
}

static int64_t workshop(const char *title)
{
    or_workshop w = {.title = title,
                     .scope = "whole_system",
                     .series = "",
                     .mode = "in_person",
                     .facilitator = "officer@la.example.gov.uk"};
    or_date_parse("2026-12-08", &w.held_on);
    int64_t id = 0;
    or_error err = {0};
    assert_int_equal(or_workshop_add(store, &w, "officer@la.example.gov.uk", &id, &err), OR_OK);
    return id;
}

static int64_t participant(int64_t ws, const char *email, const char *name, const char *role,
                           bool consent)
{
    or_ws_participant p = {.workshop = ws,
                           .email = email,
                           .name = name,
                           .role = role,
                           .organisation = "",
                           .sector = "school",
                           .name_consent = consent};
    char token[OR_TOKEN_LEN + 1] = "";
    int64_t id = 0;
    or_error err = {0};
    assert_int_equal(or_ws_participant_add(store, &p, "officer@la.example.gov.uk",
                                           *email ? NULL : token, &id, &err),
                     OR_OK);
    return id;
}

static int64_t card(int64_t ws, or_board_tool tool, int64_t who, const char *author,
                    const char *text, int place, const char *kind, bool mark)
{
    or_board_card c = {.workshop = ws,
                       .tool = tool,
                       .participant = who,
                       .author = author,
                       .text = text,
                       .place = place,
                       .kind = kind,
                       .intervene = mark};
    int64_t id = 0;
    or_error err = {0};
    assert_int_equal(or_board_card_add(store, &c, &id, &err), OR_OK);
    return id;
}

static void test_cards_and_seeds(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    int64_t A = workshop("A"), B = workshop("B");
    int64_t named = participant(A, "senco@ashgrove.example.uk", "Sam Senco", "SENCO", true);
    int64_t unnamed = participant(A, "head@beacon.example.uk", "Bea Head", "Headteacher", false);
    int64_t m1 =
        card(A, OR_BOARD_MAP, named, "senco@ashgrove.example.uk", "CAMHS", 2, "health", false);
    int64_t m2 =
        card(A, OR_BOARD_MAP, unnamed, "head@beacon.example.uk", "families", 1, "family", false);
    card(A, OR_BOARD_MAP, 0, "officer@la.example.gov.uk", "police", 3, "police", false);
    or_board_card *cs = NULL;
    int n = 0;
    assert_int_equal(or_board_cards(store, A, OR_BOARD_MAP, &a, &cs, &n, &err), OR_OK);
    assert_int_equal(n, 3);
    assert_string_equal(cs[0].by, "Sam Senco");
    assert_string_equal(cs[1].by, "Headteacher");
    assert_string_equal(cs[2].by, "Facilitator");
    assert_string_equal(cs[0].author, "senco@ashgrove.example.uk");

    /* a card removed takes its links */
    or_board_link l = {.workshop = A,
                       .tool = OR_BOARD_MAP,
                       .from = m2,
                       .to = m1,
                       .kind = "depends_on",
                       .strength = "",
                       .author = "head@beacon.example.uk"};
    int64_t lid = 0;
    assert_int_equal(or_board_link_add(store, &l, &lid, &err), OR_OK);
    assert_int_equal(or_board_link_strength(store, lid, "partly", &err), OR_OK);
    or_board_link *ls = NULL;
    int nl = 0;
    assert_int_equal(or_board_links(store, A, OR_BOARD_MAP, &a, &ls, &nl, &err), OR_OK);
    assert_int_equal(nl, 1);
    assert_string_equal(ls[0].strength, "partly");
    assert_int_equal(or_board_card_delete(store, m1, &err), OR_OK);
    assert_int_equal(or_board_links(store, A, OR_BOARD_MAP, &a, &ls, &nl, &err), OR_OK);
    assert_int_equal(nl, 0);

    /* the catalogue */
    or_board_player *ps = NULL;
    int np = 0;
    assert_int_equal(or_board_players(store, &a, &ps, &np, &err), OR_OK);
    assert_int_equal(np, 15);
    bool added = true;
    assert_int_equal(or_board_player_add(store, "camhs", "health", "x", &added, &err), OR_OK);
    assert_false(added);
    assert_int_equal(or_board_player_add(store, "School nurse", "health", "x", &added, &err),
                     OR_OK);
    assert_true(added);
    assert_int_equal(or_board_players(store, &a, &ps, &np, &err), OR_OK);
    assert_int_equal(np, 16);

    /* seeds: marked iceberg notes of a revealed iceberg only */
    card(A, OR_BOARD_ICEBERG, named, "senco@ashgrove.example.uk", "Waiting lists", 3, "barrier",
         true);
    card(A, OR_BOARD_ICEBERG, named, "senco@ashgrove.example.uk", "Beliefs", 4, "barrier", true);
    card(A, OR_BOARD_ICEBERG, named, "senco@ashgrove.example.uk", "Not marked", 1, "driver", false);
    card(B, OR_BOARD_ICEBERG, 0, "officer@la.example.gov.uk", "B's mark", 2, "driver", true);
    assert_int_equal(or_board_seeds(store, A, &a, &cs, &n, &err), OR_OK);
    assert_int_equal(n, 0); /* not revealed */
    assert_int_equal(or_ws_reveal(store, A, "iceberg", "officer@la.example.gov.uk", &err), OR_OK);
    assert_int_equal(or_board_seeds(store, A, &a, &cs, &n, &err), OR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(cs[0].text, "Beliefs");
    assert_string_equal(cs[1].text, "Waiting lists");
    assert_int_equal(or_board_seeds(store, B, &a, &cs, &n, &err), OR_OK);
    assert_int_equal(n, 0); /* B's iceberg is not revealed */
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cards_and_seeds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
