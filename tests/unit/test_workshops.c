/* test_workshops.c - a workshop's vocabularies and script (workshops.h) and, on a SQLite store,
 * its one-time guest links (store_workshops.h): a link is peeked without being used, used once
 * (a second use is refused and changes nothing), and the guest's session token opens its own
 * workshop only; tokens are never stored (only their hashes); the change counter counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "onroll/store_workshops.h"
#include "onroll/workshops.h"

static void test_vocab(void **state)
{
    (void)state;
    assert_string_equal(or_ws_label(or_ws_scopes, "pupil_council"), "Pupil council");
    assert_null(or_ws_label(or_ws_scopes, "everyone"));
    assert_string_equal(or_ws_label(or_ws_modes, "hybrid"), "Hybrid");
    /* the toolkit's order: players map, iceberg, energy for change; then the theory of change */
    assert_int_equal(or_ws_scripts_count, 4);
    assert_string_equal(or_ws_scripts[0].tool, "map");
    assert_int_equal(or_ws_script_questions(or_ws_script_of("map")), 6);
    assert_int_equal(or_ws_script_questions(or_ws_script_of("iceberg")), 5);
    assert_int_equal(or_ws_script_questions(or_ws_script_of("ideas")), 3);
    assert_int_equal(or_ws_script_questions(or_ws_script_of("toc")), 6);
    assert_null(or_ws_script_of("votes"));
    assert_string_equal(or_ws_script_of("map")->questions[5],
                        "What could be improved in how players work with one another?");
    assert_true(or_ws_tool_valid("votes"));
    assert_true(or_ws_tool_valid("map_2"));
    assert_false(or_ws_tool_valid(""));
    assert_false(or_ws_tool_valid("Map"));
    assert_false(or_ws_tool_valid("map;drop"));
    assert_false(or_ws_tool_valid("abcdefghijklmnopqrstuvwxy")); /* 25 */
}

static char path[256];
static or_store *store;

static int db_setup(void **state)
{
    (void)state;
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_workshops.%d.db", (int)getpid());
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

static void test_links(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_workshop w = {.title = "Staff",
                     .scope = "staff",
                     .series = "S",
                     .mode = "online",
                     .facilitator = "f@example.org"};
    or_date_parse("2026-12-08", &w.held_on);
    int64_t id = 0, other = 0;
    assert_int_equal(or_workshop_add(store, &w, "f@example.org", &id, &err), OR_OK);
    assert_int_equal(or_workshop_add(store, &w, "f@example.org", &other, &err), OR_OK);
    assert_true(id > 0 && other > id);

    or_ws_participant p = {
        .workshop = id, .name = "Gail", .role = "Youth worker", .sector = "youth"};
    char token[OR_TOKEN_LEN + 1];
    int64_t pid = 0;
    assert_int_equal(or_ws_participant_add(store, &p, "f@example.org", token, &pid, &err), OR_OK);
    assert_int_equal(strlen(token), OR_TOKEN_LEN);

    or_ws_join_state st;
    int64_t ws = 0, who = 0;
    const char *name = NULL;
    assert_int_equal(or_ws_join_peek(store, token, &st, &ws, &who, &a, &name, &err), OR_OK);
    assert_int_equal(st, OR_WS_JOIN_OPEN);
    assert_true(ws == id && who == pid);
    assert_string_equal(name, "Gail");
    /* peeking again: still open */
    assert_int_equal(or_ws_join_peek(store, token, &st, &ws, &who, &a, &name, &err), OR_OK);
    assert_int_equal(st, OR_WS_JOIN_OPEN);

    char session[OR_TOKEN_LEN + 1];
    assert_int_equal(
        or_ws_join(store, token, 1000, "Gail G.", false, &st, &ws, &who, session, &err), OR_OK);
    assert_int_equal(st, OR_WS_JOIN_OPEN);
    assert_int_equal(strlen(session), OR_TOKEN_LEN);
    assert_string_not_equal(session, token);
    char again[OR_TOKEN_LEN + 1];
    assert_int_equal(or_ws_join(store, token, 2000, "Mallory", true, &st, &ws, &who, again, &err),
                     OR_OK);
    assert_int_equal(st, OR_WS_JOIN_USED);
    assert_string_equal(again, "");
    assert_int_equal(or_ws_join_peek(store, token, &st, &ws, &who, &a, &name, &err), OR_OK);
    assert_int_equal(st, OR_WS_JOIN_USED);

    or_ws_participant *ps = NULL;
    int np = 0;
    assert_int_equal(or_ws_participants(store, id, &a, &ps, &np, &err), OR_OK);
    assert_int_equal(np, 1);
    assert_string_equal(ps[0].name, "Gail G."); /* the second use changed nothing */
    assert_false(ps[0].name_consent);
    assert_true(ps[0].guest);
    assert_int_equal(ps[0].joined_at, 1000);

    bool found = false;
    int64_t joined = 0;
    assert_int_equal(or_ws_guest(store, session, &ws, &who, &joined, &found, &err), OR_OK);
    assert_true(found && ws == id && who == pid && joined == 1000);
    assert_int_equal(or_ws_guest(store, token, &ws, &who, &joined, &found, &err), OR_OK);
    assert_false(found); /* the link is not a session */
    assert_int_equal(or_ws_guest(store, "short", &ws, &who, &joined, &found, &err), OR_OK);
    assert_false(found);
    assert_int_equal(or_ws_join_peek(store, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &st, &ws,
                                     &who, &a, &name, &err),
                     OR_OK);
    assert_int_equal(st, OR_WS_JOIN_NONE);

    int64_t c = -1;
    assert_int_equal(or_workshop_counter(store, id, &c, &err), OR_OK);
    assert_int_equal(c, 0);
    assert_int_equal(or_workshop_bump(store, id, &c, &err), OR_OK);
    assert_int_equal(or_workshop_bump(store, id, &c, &err), OR_OK);
    assert_int_equal(c, 2);
    assert_int_equal(or_workshop_counter(store, other, &c, &err), OR_OK);
    assert_int_equal(c, 0);

    bool yes = true;
    assert_int_equal(or_ws_revealed(store, id, "purpose", &yes, &err), OR_OK);
    assert_false(yes);
    assert_int_equal(or_ws_reveal(store, id, "purpose", "f@example.org", &err), OR_OK);
    assert_int_equal(or_ws_reveal(store, id, "purpose", "f@example.org", &err), OR_OK);
    assert_int_equal(or_ws_revealed(store, id, "purpose", &yes, &err), OR_OK);
    assert_true(yes);
    assert_int_equal(or_ws_revealed(store, other, "purpose", &yes, &err), OR_OK);
    assert_false(yes);

    or_workshop *rows = NULL;
    int n = 0;
    assert_int_equal(or_workshop_series(store, "S", &a, &rows, &n, &err), OR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(or_workshop_series(store, "", &a, &rows, &n, &err), OR_OK);
    assert_int_equal(n, 0);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab),
        cmocka_unit_test(test_links),
    };
    return cmocka_run_group_tests(tests, db_setup, db_teardown);
}
