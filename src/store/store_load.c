/* store_load.c - a large batch of one kind into the store (store.h or_store_load_begin/_end):
 * what an import tells the store before its rows come, so that SQLite does less work per row
 * and nothing less in all. PostgreSQL has its own bulk path (COPY: store_bulk.c) and ignores it.
 *
 * Two things, each only when the batch is large against what is stored:
 * - the UPNs of every stored pupil, read once in one pass of an index, so that "is this a known
 *   pupil" (or_store_pupil_exists) and "has this pupil a snapshot in force" (pupils: or_store_put)
 *   are answered from memory, not by a look-up per row; the pupils the batch adds are added;
 * - the kind's look-up indexes that no put of the batch reads (not its key: the key decides
 *   "new, same or changed"), dropped and made again by or_store_load_end from their own SQL as
 *   the database holds it (sqlite_master): CREATE INDEX sorts the rows and writes each index in
 *   one pass, where a row at a time costs a B-tree descent per row and index (docs/performance.md
 *   has the figures). Inside the batch's transaction: a rollback restores them, readers in WAL
 *   mode see the database as it was, and a commit makes them again first if the importer did not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/arena.h"
#include "onroll/sb.h"
#include "onroll/store.h"
#include "onroll/strmap.h"
#include "store/driver.h"
#include "store/store_internal.h"

/* Kept when the batch is at least this many rows: below it, the look-ups cost less than a pass. */
enum { LOAD_MIN_ROWS = 4096 };

static bool is_sqlite(const or_store *s)
{
    return strcmp(s->drv->engine, "sqlite") == 0;
}

/* The UPN of every stored pupil, into s->load.upns. */
static or_code read_upns(or_store *s, or_error *err)
{
    or_stmt *st = NULL;
    or_code rc = s->drv->prepare(s->db, "SELECT DISTINCT upn FROM pupil_snapshots", &st, err);
    for (bool have = true; !rc;) {
        if ((rc = s->drv->step(st, &have, err)) || !have)
            break;
        or_strmap_put(&s->load.upns, s->drv->col_text(st, 0))->value = ST_UPN_STORED;
    }
    if (st)
        s->drv->finalize(st);
    return rc;
}

/* The rows of table, counted up to limit at most (a count of a large table reads all of it). */
static or_code count_upto(or_store *s, const char *table, int64_t limit, int64_t *n, or_error *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM (SELECT 1 FROM %s LIMIT %lld)", table,
             (long long)limit);
    return st_count_one(s, sql, n, err);
}

/* Drop the table's indexes but those named in keep ("a|b|"), remembering their SQL. */
static or_code drop_indexes(or_store *s, const char *table, const char *keep, or_error *err)
{
    or_stmt *st = NULL;
    or_code rc = s->drv->prepare(s->db,
                                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                 "tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                                 &st, err);
    if (!rc)
        s->drv->bind_text(st, 1, table);
    for (bool have = true; !rc;) {
        if ((rc = s->drv->step(st, &have, err)) || !have)
            break;
        const char *name = s->drv->col_text(st, 0);
        char want[80];
        snprintf(want, sizeof want, "%s|", name);
        if (strstr(keep, want))
            continue;
        OR_ALLOC_GROW(s->load.index, s->load.nindex + 1, s->load.capindex);
        s->load.index[s->load.nindex++] =
            (st_index){or_arena_strdup(&s->load.arena, name),
                       or_arena_strdup(&s->load.arena, s->drv->col_text(st, 1))};
    }
    if (st)
        s->drv->finalize(st);
    for (size_t i = 0; i < s->load.nindex && !rc; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP INDEX \"%s\"", s->load.index[i].name);
        rc = s->drv->exec(s->db, sql, err);
    }
    return rc;
}

or_code or_store_load_begin(or_store *s, const or_kind *k, int64_t rows, or_error *err)
{
    /* a batch inside another's transaction (a claim's held rows, put as it commits) leaves the
     * first one's as it is: its or_store_load_end makes the store whole for both */
    if (s->load.active || !is_sqlite(s) || rows < LOAD_MIN_ROWS || s->depth == 0)
        return OR_OK;
    s->load.active = true;
    s->load.depth = s->depth;
    s->load.finish = or_store_load_end;
    s->load.forget = or_store_load_forget;
    or_code rc = OR_OK;
    int64_t pupils = 0, stored = 0;
    if (k->id == OR_K_PUPILS || k->id == OR_K_ENROLMENTS || k->id == OR_K_EVENTS) {
        rc = or_store_estimate_rows(s, or_kind_get(OR_K_PUPILS), &pupils, err);
        if (!rc && pupils <= 4 * rows) {
            or_strmap_init(&s->load.upns, &s->load.arena);
            s->load.have_upns = true;
            rc = read_upns(s, err);
        }
    }
    /* the indexes no put reads: pupils' puts read pupil_snapshots_upn (the snapshot in force) */
    if (!rc && (k->id == OR_K_ENROLMENTS || k->id == OR_K_EVENTS || k->id == OR_K_PUPILS) &&
        !(rc = count_upto(s, k->table, rows / 2 + 1, &stored, err)) && rows > 2 * stored)
        rc = drop_indexes(s, k->table, "pupil_snapshots_upn|", err);
    return rc;
}

or_code or_store_load_end(or_store *s, or_error *err)
{
    or_code rc = OR_OK;
    for (size_t i = 0; i < s->load.nindex && !rc; i++)
        rc = s->drv->exec(s->db, s->load.index[i].sql, err);
    if (!rc)
        or_store_load_forget(s);
    return rc;
}

void or_store_load_forget(or_store *s)
{
    free(s->load.index);
    if (s->load.have_upns)
        or_strmap_free(&s->load.upns);
    or_arena_free(&s->load.arena);
    memset(&s->load, 0, sizeof s->load);
}
