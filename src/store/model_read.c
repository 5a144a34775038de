/* model_read.c - the store's reads for the in-memory columnar model (columns.h, live.h): a
 * kind's rows with only the columns the model keeps, filtered in SQL, without the source's name
 * or any order (the model compares dates and ledger ids, never relies on order), so that loading
 * the national model is a plain scan of each table; and the ledger's sources after a given one,
 * so that the server can replay into its model exactly the rows committed since it last looked. */
#include <stdio.h>
#include <string.h>

#include "onroll/sb.h"
#include "store/access.h"

static bool has_id(const or_kind *k)
{
    return k->id == OR_K_EVENTS || k->id == OR_K_PUPILS;
}

/* " AND (c IN (?, ?) AND ...)" for each clause, ORed; the number of parameters in *np. */
static void add_clauses(const or_kind *k, const or_scan_spec *spec, or_sb *sql, int *np)
{
    if (spec->nclauses <= 0)
        return;
    or_sb_adds(sql, " AND (");
    for (int i = 0; i < spec->nclauses && i < 2; i++) {
        or_sb_adds(sql, i ? " OR (" : "(");
        bool any = false;
        for (int j = 0; j < 2; j++) {
            const or_scan_in *c = &spec->clause[i][j];
            if (!c->in || c->col < 0 || c->col >= k->ncols)
                continue;
            /* a text column made an expression: no index is used for it */
            or_sb_addf(sql, spec->whole ? "%s(%s || '') IN (" : "%s%s IN (", any ? " AND " : "",
                       k->cols[c->col].sql);
            for (int v = 0; c->in[v]; v++) {
                or_sb_adds(sql, v ? ", ?" : "?");
                (*np)++;
            }
            or_sb_adds(sql, ")");
            any = true;
        }
        or_sb_adds(sql, any ? ")" : "1 = 1)");
    }
    or_sb_adds(sql, ")");
}

or_code or_store_scan_rows(or_store *s, const or_kind *k, const or_scan_spec *spec, or_meta_cb cb,
                           void *ctx, or_error *err)
{
    if (spec->ncols <= 0 || spec->ncols > 32 || k->ncols > 32)
        return or_fail(err, OR_EUSAGE, "or_store_scan_rows: 1 to 32 columns of %s", k->name);
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    or_sb sql = OR_SB_INIT;
    or_sb_adds(&sql, "SELECT ");
    for (int c = 0; c < spec->ncols; c++)
        or_sb_addf(&sql, "%s%s", c ? ", " : "", k->cols[spec->cols[c]].sql);
    bool received = spec->received && k->id == OR_K_EVENTS;
    or_sb_addf(&sql, ", %s", has_id(k) ? "id" : "0");
    if (received)
        or_sb_adds(&sql, ", " OR_SQL_EVENT_RECORDED);
    or_sb_addf(&sql, " FROM %s WHERE 1 = 1", k->table);
    int np = 0;
    add_clauses(k, spec, &sql, &np);
    if (spec->src_upto > 0) /* "+": a bound on almost every row, never worth the index */
        or_sb_adds(&sql, " AND +src_id <= ?");
    if (spec->src_only > 0)
        or_sb_adds(&sql, " AND src_id = ?");
    or_stmt *st = NULL;
    or_code rc = d->prepare(db, or_sb_str(&sql), &st, err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    int p = 1;
    for (int i = 0; i < spec->nclauses && i < 2; i++)
        for (int j = 0; j < 2; j++) {
            const or_scan_in *c = &spec->clause[i][j];
            if (!c->in || c->col < 0 || c->col >= k->ncols)
                continue;
            for (int v = 0; c->in[v]; v++)
                d->bind_text(st, p++, c->in[v]);
        }
    if (spec->src_upto > 0)
        d->bind_int(st, p++, spec->src_upto);
    if (spec->src_only > 0)
        d->bind_int(st, p++, spec->src_only);
    or_value row[32];
    for (int c = 0; c < k->ncols; c++)
        row[c] = (or_value){.null = true};
    for (;;) {
        bool have = false;
        if ((rc = d->step(st, &have, err)) || !have)
            break;
        for (int c = 0; c < spec->ncols; c++)
            or_store_read_value(d, st, c, &k->cols[spec->cols[c]], &row[spec->cols[c]]);
        or_row_meta meta = {d->col_int(st, spec->ncols), "", 0, ""};
        if (received && !d->col_null(st, spec->ncols + 1))
            meta.received = d->col_text(st, spec->ncols + 1);
        if ((rc = cb(ctx, row, &meta, err)))
            break;
    }
    d->finalize(st);
    return rc;
}

or_code or_store_sources_after(or_store *s, int64_t after, int64_t *ids, int max, int *n,
                               int64_t *last, or_error *err)
{
    *n = 0;
    *last = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT MAX(id) FROM sources", err);
    if (rc)
        return rc;
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row && !q.d->col_null(q.st, 0))
        *last = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (rc || *last <= after) /* nothing new: one query */
        return rc;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id FROM sources WHERE id > ? ORDER BY id LIMIT %d",
             max > 0 ? max : 1);
    if ((rc = or_query_prep(s, &q, sql, err)))
        return rc;
    q.d->bind_int(q.st, 1, after);
    while (*n < max) {
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        ids[(*n)++] = q.d->col_int(q.st, 0);
    }
    or_query_done(&q);
    return rc;
}

or_code or_store_source_stamp(or_store *s, int64_t id, int64_t *stamp, bool *found, or_error *err)
{
    *stamp = 0;
    *found = false;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT kind, name, sha256, user_name, received_at FROM sources WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        uint64_t h = 1469598103934665603ull; /* FNV-1a over the five, each ending in 0x1f */
        for (int c = 0; c < 5; c++) {
            for (const unsigned char *p = (const unsigned char *)or_query_text(&q, c); *p; p++)
                h = (h ^ *p) * 1099511628211ull;
            h = (h ^ 0x1f) * 1099511628211ull;
        }
        h = (h ^ (uint64_t)id) * 1099511628211ull;
        *stamp = (int64_t)(h >> 1);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}
