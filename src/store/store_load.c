/* store_load.c - a large batch of one kind into the store (store.h or_store_load_begin/_end):
 * what an import tells the store before its rows come, so that SQLite does less work per row
 * and nothing less in all. PostgreSQL has its own bulk path (COPY: store_bulk.c) and ignores it.
 *
 * When the batch is large against what is stored, the UPNs of every stored pupil are read once
 * in one pass of an index, so that "is this a known pupil" (or_store_pupil_exists) and "has this
 * pupil a snapshot in force" (pupils: or_store_put) are answered from memory, not by a look-up
 * per row; the pupils the batch adds are added. A commit or a rollback of the batch's
 * transaction forgets them. */
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

#define UPN_STORED ((void *)1) /* in load->upns: the pupil has a snapshot */

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
        or_strmap_put(&s->load.upns, s->drv->col_text(st, 0))->value = UPN_STORED;
    }
    if (st)
        s->drv->finalize(st);
    return rc;
}

or_code or_store_load_begin(or_store *s, const or_kind *k, int64_t rows, or_error *err)
{
    or_store_load_forget(s);
    if (!is_sqlite(s) || rows < LOAD_MIN_ROWS || s->depth == 0)
        return OR_OK;
    s->load.active = true;
    s->load.depth = s->depth;
    or_code rc = OR_OK;
    int64_t pupils = 0;
    if (k->id == OR_K_PUPILS || k->id == OR_K_ENROLMENTS || k->id == OR_K_EVENTS) {
        rc = or_store_estimate_rows(s, or_kind_get(OR_K_PUPILS), &pupils, err);
        if (!rc && pupils <= 4 * rows) {
            or_strmap_init(&s->load.upns, &s->load.arena);
            s->load.have_upns = true;
            rc = read_upns(s, err);
        }
    }
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

int st_load_pupil(or_store *s, const char *upn)
{
    if (!s->load.active || !s->load.have_upns)
        return -1;
    return or_strmap_get(&s->load.upns, upn) != NULL;
}

void st_load_pupil_added(or_store *s, const char *upn)
{
    if (s->load.active && s->load.have_upns)
        or_strmap_put(&s->load.upns, upn)->value = UPN_STORED;
}
