/* test_live.c - the live model (live.h): loaded once, then the rows of every source committed
 * since replayed into it, whatever connection or process wrote them; a source that commits
 * after one with a higher id (PostgreSQL can do that; here the rows are written with explicit
 * ids straight into SQLite) is still replayed; a database that no longer holds the sources the
 * model has seen (replaced) is loaded afresh.
 *
 * The LA: school 100001 (LA 999), pupils P1..P3 on roll from 2021, all suspended once in
 * 2025/26 (as the events file below says); each step adds one suspension, so the model's
 * count of suspensions (grouped by nothing, 2025/26) goes 3, 4, 5, 6, 7. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "onroll/ingest.h"
#include "onroll/live.h"
#include "onroll/upn.h"

static char path[256];
static or_store *store;
static char upn[4][14];

static void load(or_store *s, or_kind_id kind, const char *const *rows, int nrows, int ncols)
{
    or_ingest *in = NULL;
    or_error err = {0};
    or_source src = {"file", "test", NULL, "test", NULL};
    const or_kind *k = or_kind_get(kind);
    assert_int_equal(or_ingest_begin(s, k, &src, NULL, &in, &err), OR_OK);
    for (int r = 0; r < nrows; r++) {
        const char *cells[32];
        for (int c = 0; c < k->ncols; c++)
            cells[c] = "";
        for (int c = 0; c < ncols; c++)
            cells[c] = rows[r * ncols + c];
        if (or_ingest_row(in, r + 2, cells, &err))
            fail_msg("row %d of %s: %s", r, k->name, err.msg);
    }
    or_ingest_result res = {0};
    if (or_ingest_end(in, &res, &err))
        fail_msg("%s: %s\n%s", k->name, err.msg, or_sb_str(&res.errors));
    or_ingest_result_release(&res);
}

static void make_db(or_store **s, const char *p)
{
    or_error err = {0};
    unlink(p);
    assert_int_equal(or_store_open(p, s, &err), OR_OK);
    assert_int_equal(or_store_migrate(*s, NULL, &err), OR_OK);
}

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_live.%d.db", (int)getpid());
    make_db(&store, path);
    for (unsigned i = 1; i <= 3; i++) {
        snprintf(upn[i], 14, "?999250%06u", i % 1000000);
        upn[i][0] = or_upn_check_letter(upn[i]);
    }
    const char *const schools[] = {"100001", "9992001", "Riverside", "primary", "999"};
    load(store, OR_K_SCHOOLS, schools, 1, 5);
    const char *const pupils[] = {
        upn[1], "A", "One",   "2012-03-01", "M", "WBRI", "0", "N", "2025-09-01", /**/
        upn[2], "B", "Two",   "2012-03-02", "F", "WBRI", "0", "N", "2025-09-01", /**/
        upn[3], "C", "Three", "2012-03-03", "M", "BCRB", "1", "N", "2025-09-01",
    };
    load(store, OR_K_PUPILS, pupils, 3, 9);
    const char *const enrols[] = {
        upn[1], "100001", "2021-09-01", "", "main", /**/
        upn[2], "100001", "2021-09-01", "", "main", /**/
        upn[3], "100001", "2021-09-01", "", "main",
    };
    load(store, OR_K_ENROLMENTS, enrols, 3, 5);
    const char *const events[] = {
        "E1", upn[1], "100001", "suspension", "2025-10-06", "2", "DB", /**/
        "E2", upn[2], "100001", "suspension", "2025-10-07", "2", "DB", /**/
        "E3", upn[3], "100001", "suspension", "2025-10-08", "2", "DB",
    };
    load(store, OR_K_EVENTS, events, 3, 7);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    unlink(path);
    return 0;
}

/* Suspensions of 2025/26 in the model. */
static int64_t suspensions(or_live *l)
{
    const or_columns *c = or_live_read(l);
    assert_non_null(c);
    or_group_query q = {2025, 2025, 0, {0}, false, true, 1};
    or_group_result r;
    or_error err = {0};
    assert_int_equal(or_columns_group(c, &q, &r, &err), OR_OK);
    int64_t n = r.cells[0].suspensions;
    or_group_result_release(&r);
    or_live_release(l);
    return n;
}

/* One suspension of pupil p written straight into the database by source `src` (with that id),
 * as a transaction of another engine's connection could commit it. */
static void raw_suspension(int64_t src, const char *event_id, int p, const char *day)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "BEGIN; INSERT INTO sources (id, kind, name, received_at) VALUES (%lld, 'file', "
             "'raw', '2026-03-01T00:00:00Z'); INSERT INTO events (la_code, event_id, upn, urn, "
             "type, start_date, sessions, reasons, src_id, src_line) VALUES (999, '%s', '%s', "
             "100001, 'suspension', '%s', 2, 'DB', %lld, 2); COMMIT;",
             (long long)src, event_id, upn[p], day, (long long)src);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s", msg);
    sqlite3_close(db);
}

static int64_t newest_source(void)
{
    int64_t ids[1], last = 0;
    int n = 0;
    or_error err = {0};
    assert_int_equal(or_store_sources_after(store, INT64_MAX - 1, ids, 1, &n, &last, &err), OR_OK);
    return last;
}

static void test_live(void **state)
{
    (void)state;
    or_live *l = NULL;
    or_error err = {0};
    assert_int_equal(or_live_new(2, &l, &err), OR_OK);
    long loads = or_columns_loads();
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    assert_int_equal(or_columns_loads(), loads + 1);
    assert_int_equal(suspensions(l), 3);
    or_live_info info;
    or_live_info_get(l, &info);
    assert_int_equal(info.loads, 1);
    assert_int_equal(info.upto, newest_source());

    /* nothing new: nothing replayed */
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    or_live_info_get(l, &info);
    assert_int_equal(info.sources, 0);

    /* an import on another connection */
    or_store *other = NULL;
    assert_int_equal(or_store_open(path, &other, &err), OR_OK);
    const char *const e4[] = {"E4", upn[1], "100001", "suspension", "2026-02-02", "2", "DB"};
    load(other, OR_K_EVENTS, e4, 1, 7);
    assert_int_equal(suspensions(l), 3); /* not yet: not caught up */
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    assert_int_equal(suspensions(l), 4);
    or_live_info_get(l, &info);
    assert_int_equal(info.sources, 1);
    assert_int_equal(info.rows, 1);

    /* source n + 2 commits first, then n + 1: both replayed, the floor waits for n + 1 */
    int64_t n = newest_source();
    raw_suspension(n + 2, "E6", 3, "2026-03-03");
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    assert_int_equal(suspensions(l), 5);
    or_live_info_get(l, &info);
    assert_int_equal(info.upto, n); /* n + 1 is missing: the floor stays below it */
    raw_suspension(n + 1, "E5", 2, "2026-03-02");
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    assert_int_equal(suspensions(l), 6);
    or_live_info_get(l, &info);
    assert_int_equal(info.upto, n + 2);
    assert_int_equal(info.sources, 3);
    /* and the next import as usual */
    const char *const e7[] = {"E7", upn[2], "100001", "suspension", "2026-03-10", "2", "DB"};
    load(other, OR_K_EVENTS, e7, 1, 7);
    assert_int_equal(or_live_catch_up(l, other, &err), OR_OK);
    assert_int_equal(suspensions(l), 7);
    or_live_info_get(l, &info);
    assert_int_equal(info.loads, 1);
    assert_int_equal(info.sources, 4);
    assert_int_equal(or_columns_loads(), loads + 1); /* loaded once */
    or_store_close(other);

    /* saved, then read by a new live model: no load; what was written since is replayed */
    char mpath[300];
    snprintf(mpath, sizeof mpath, "%s.model", path);
    unlink(mpath);
    assert_int_equal(or_live_set_file(l, mpath, &err), OR_OK);
    assert_int_equal(or_live_save(l, store, 1, &err), OR_OK); /* 4 sources replayed: saved */
    or_live *again = NULL;
    assert_int_equal(or_live_new(2, &again, &err), OR_OK);
    assert_int_equal(or_live_set_file(again, mpath, &err), OR_OK);
    const char *const e8[] = {"E8", upn[3], "100001", "suspension", "2026-03-11", "2", "DB"};
    load(store, OR_K_EVENTS, e8, 1, 7);
    assert_int_equal(or_live_catch_up(again, store, &err), OR_OK);
    assert_int_equal(suspensions(again), 8);
    or_live_info_get(again, &info);
    assert_int_equal(info.file_reads, 1);
    assert_int_equal(info.loads, 0);
    assert_int_equal(info.sources, 1);
    assert_int_equal(or_columns_loads(), loads + 1); /* still the first load only */
    or_live_free(again);
    /* a copy of another database (its floor source differs there) is not read */
    assert_int_equal(or_live_catch_up(l, store, &err), OR_OK);
    assert_int_equal(suspensions(l), 8);

    /* another database, whose sources stop short of those seen: loaded afresh */
    char p2[300];
    snprintf(p2, sizeof p2, "%s.other", path);
    or_store *fresh = NULL;
    make_db(&fresh, p2);
    const char *const schools[] = {"100001", "9992001", "Riverside", "primary", "999"};
    load(fresh, OR_K_SCHOOLS, schools, 1, 5);
    assert_int_equal(or_live_catch_up(l, fresh, &err), OR_OK);
    assert_int_equal(suspensions(l), 0);
    or_live_info_get(l, &info);
    assert_int_equal(info.loads, 2);
    assert_int_equal(info.file_reads, 0);
    or_store_close(fresh);
    unlink(p2);
    unlink(mpath);
    or_live_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
