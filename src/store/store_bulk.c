/* store_bulk.c - many rows of a kind at once (store.h or_store_put_many): on an engine with a
 * bulk-load path (PostgreSQL's COPY) a batch costs a handful of round trips, with the same
 * results as putting the rows one by one (store_put.c), which is what SQLite does. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/arena.h"
#include "onroll/sb.h"
#include "onroll/store.h"
#include "onroll/strmap.h"
#include "store/access.h"
#include "store/driver.h"
#include "store/migrations.h"
#include "store/store_internal.h"

/* ---- many rows at once ----
 *
 * On an engine with a bulk-load path (PostgreSQL's COPY), a batch of rows costs a handful of
 * round trips instead of one or more per row: the rows are copied into a TEMP staging table
 * (numbered by rn, their place in the batch), then one statement inserts the new ones and
 * returns the stored rows of the keys that were there already, which are compared here
 * exactly as or_store_put compares them; the rows that differ are then updated by one more
 * statement, or rejected. Pupils: one statement fetches the snapshot in force on each row's
 * as_of date, compared here; the rows that differ from it are inserted by one more (ON
 * CONFLICT on the digest: a snapshot stored before is not stored again). Temporary tables
 * need the TEMP privilege on the database (PUBLIC has it by default).
 *
 * Rows are independent unless they share a key (pupils: a UPN), so a batch is put in waves:
 * every key's first row, then every key's second row, and so on, which gives the results of
 * putting the rows one by one in order. Without a bulk path (SQLite), rows are put one by one. */

bool st_bulk(const or_store *s)
{
    return s->drv->copy_begin != NULL;
}

bool or_store_prefers_batches(const or_store *s)
{
    return st_bulk(s);
}

void st_add_int(or_sb *out, int64_t v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    or_sb_add(out, p, (size_t)(buf + sizeof buf - p));
}

/* Text in COPY's text format: backslash, tab, newline and carriage return escaped. */
void st_copy_text(or_sb *out, const char *t)
{
    for (;;) {
        size_t n = strcspn(t, "\\\t\n\r");
        or_sb_add(out, t, n);
        t += n;
        if (!*t)
            return;
        char esc[2] = {'\\', *t == '\\' ? '\\' : *t == '\t' ? 't' : *t == '\n' ? 'n' : 'r'};
        or_sb_add(out, esc, 2);
        t++;
    }
}

static void copy_value(or_sb *out, const or_column *c, const or_value *v)
{
    if (v->null) {
        or_sb_add(out, "\\N", 2);
    } else if (c->type == OR_V_DATE) {
        char buf[11];
        or_date_format((or_date)v->i, buf);
        or_sb_adds(out, buf);
    } else if (or_store_is_text(c)) {
        st_copy_text(out, v->s);
    } else {
        st_add_int(out, v->i);
    }
}

/* One element of a PostgreSQL array literal: double-quoted, '"' and '\' escaped. */
void st_array_text(or_sb *out, const char *t)
{
    or_sb_addc(out, '"');
    for (;;) {
        size_t n = strcspn(t, "\\\"");
        or_sb_add(out, t, n);
        t += n;
        if (!*t)
            break;
        or_sb_addc(out, '\\');
        or_sb_addc(out, *t++);
    }
    or_sb_addc(out, '"');
}

/* The columns a kind's rows are stored with, in Q_INSERT's order: [la_code,] the kind's
 * columns, [digest,] src_id, src_line; each prefixed with p (a table alias and '.', or ""). */
static void add_stored_cols(const or_kind *k, const char *p, or_sb *sql)
{
    if (st_has_la(k))
        or_sb_addf(sql, "%sla_code, ", p);
    for (int c = 0; c < k->ncols; c++)
        or_sb_addf(sql, "%s%s, ", p, k->cols[c].sql);
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        or_sb_addf(sql, "%sdigest, ", p);
    or_sb_addf(sql, "%ssrc_id, %ssrc_line", p, p);
}

/* "t.k1 = s.k1 AND ...": the kind's key (la_code first where it has one). */
static void add_key_join(const or_kind *k, or_sb *sql)
{
    const char *sep = "";
    if (st_has_la(k)) {
        or_sb_adds(sql, "t.la_code = s.la_code");
        sep = " AND ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (st_is_key(k, c)) {
            or_sb_addf(sql, "%st.%s = s.%s", sep, k->cols[c].sql, k->cols[c].sql);
            sep = " AND ";
        }
}

static void build_bulk_sql(const or_kind *k, int q, or_sb *sql)
{
    const char *t = k->table;
    switch (q) {
    case B_MERGE: /* insert the new rows; the stored rows of the keys that were there */
        or_sb_addf(sql, "WITH ins AS (INSERT INTO %s (", t);
        add_stored_cols(k, "", sql);
        or_sb_adds(sql, ") SELECT ");
        add_stored_cols(k, "", sql);
        or_sb_addf(sql, " FROM or_stage_%s ORDER BY rn ON CONFLICT (", t);
        st_add_conflict_target(k, sql);
        /* the statement's snapshot is taken before the insert: the join sees only the rows
         * that were stored already */
        or_sb_adds(sql, ") DO NOTHING) SELECT s.rn");
        for (int c = 0; c < k->ncols; c++)
            or_sb_addf(sql, ", t.%s", k->cols[c].sql);
        or_sb_addf(sql,
                   ", (SELECT name FROM sources WHERE sources.id = t.src_id), t.src_line "
                   "FROM or_stage_%s s JOIN %s t ON ",
                   t, t);
        add_key_join(k, sql);
        return;
    case B_UPDATE: /* the rows numbered in the array parameter, as in Q_UPDATE */
        or_sb_addf(sql, "UPDATE %s AS t SET ", t);
        for (int c = 0; c < k->ncols; c++)
            if (!st_is_key(k, c))
                or_sb_addf(sql, "%s = s.%s, ", k->cols[c].sql, k->cols[c].sql);
        or_sb_addf(sql,
                   "src_id = s.src_id, src_line = s.src_line FROM or_stage_%s s WHERE s.rn IN "
                   "(SELECT unnest(?::int[])) AND ",
                   t);
        add_key_join(k, sql);
        return;
    case B_CURRENT: /* pupils: the snapshot in force on each row's as_of date, as Q_CURRENT */
        or_sb_adds(sql, "SELECT s.rn");
        for (int c = 0; c < k->ncols; c++)
            or_sb_addf(sql, ", c.%s", k->cols[c].sql);
        or_sb_addf(sql, " FROM or_stage_%s s CROSS JOIN LATERAL (SELECT ", t);
        for (int c = 0; c < k->ncols; c++)
            or_sb_addf(sql, "%sp.%s", c ? ", " : "", k->cols[c].sql);
        or_sb_addf(sql,
                   " FROM %s p WHERE p.upn = s.upn AND p.as_of <= s.as_of ORDER BY p.as_of DESC, "
                   "p.id DESC LIMIT 1) c",
                   t);
        return;
    case B_SNAPSHOT: /* pupils: store the rows numbered in the array parameter */
        or_sb_addf(sql, "INSERT INTO %s (", t);
        add_stored_cols(k, "", sql);
        or_sb_adds(sql, ") SELECT ");
        add_stored_cols(k, "", sql);
        or_sb_addf(sql,
                   " FROM or_stage_%s WHERE rn IN (SELECT unnest(?::int[])) ORDER BY rn ON "
                   "CONFLICT (digest) DO NOTHING RETURNING digest",
                   t);
        return;
    }
}

static or_code bulk_stmt(or_store *s, const or_kind *k, int q, or_stmt **out, or_error *err)
{
    or_stmt **st = &s->b[k->id][q];
    if (*st) {
        s->drv->reset(*st);
        *out = *st;
        return OR_OK;
    }
    or_sb sql = OR_SB_INIT;
    build_bulk_sql(k, q, &sql);
    or_code rc = s->drv->prepare(s->db, or_sb_str(&sql), st, err);
    or_sb_release(&sql);
    *out = *st;
    return rc;
}

/* COPY what is in buf once it holds a chunk (or, with all, whatever it holds). */
or_code st_copy_flush(or_store *s, or_sb *buf, bool all, or_error *err)
{
    if (buf->len == 0 || (!all && buf->len < COPY_CHUNK))
        return OR_OK;
    or_code rc = s->drv->copy_data(s->db, buf->buf, buf->len, err);
    or_sb_reset(buf);
    return rc;
}

/* Empty the staging table `stage` (a TEMP table shaped by `shape`, a SELECT ... WITH NO DATA;
 * created again when the transaction that created it was rolled back) and start a COPY into
 * its columns `cols`. */
or_code st_stage_begin(or_store *s, const char *stage, const char *shape, const char *cols,
                       or_error *err)
{
    or_sb sql = OR_SB_INIT;
    or_sb_addf(&sql, "CREATE TEMP TABLE IF NOT EXISTS %s AS %s; TRUNCATE %s", stage, shape, stage);
    or_code rc = s->drv->exec(s->db, or_sb_str(&sql), err);
    if (!rc) {
        or_sb_reset(&sql);
        or_sb_addf(&sql, "COPY %s (%s) FROM STDIN", stage, cols);
        rc = s->drv->copy_begin(s->db, or_sb_str(&sql), err);
    }
    or_sb_release(&sql);
    return rc;
}

/* Copy rows idx[0..n) into the kind's staging table, numbered 0..n-1 (digests[j]: row j's,
 * for pupils). */
static or_code stage_rows(or_store *s, const or_kind *k, const or_value *const *rows,
                          const or_prov *provs, const size_t *idx, size_t n, char (*digests)[65],
                          or_error *err)
{
    or_sb shape = OR_SB_INIT, cols = OR_SB_INIT, stage = OR_SB_INIT;
    or_sb_addf(&stage, "or_stage_%s", k->table);
    or_sb_adds(&shape, "SELECT 0 AS rn, ");
    add_stored_cols(k, "", &shape);
    or_sb_addf(&shape, " FROM %s WITH NO DATA", k->table);
    or_sb_adds(&cols, "rn, ");
    add_stored_cols(k, "", &cols);
    or_code rc = st_stage_begin(s, or_sb_str(&stage), or_sb_str(&shape), or_sb_str(&cols), err);
    or_sb_release(&shape);
    or_sb_release(&cols);
    or_sb_release(&stage);
    if (rc)
        return rc;
    or_sb buf = OR_SB_INIT;
    for (size_t j = 0; j < n && !rc; j++) {
        const or_value *row = rows[idx[j]];
        const or_prov *prov = &provs[idx[j]];
        st_add_int(&buf, (int64_t)j);
        or_sb_addc(&buf, '\t');
        if (st_has_la(k)) {
            st_add_int(&buf, prov->la_code);
            or_sb_addc(&buf, '\t');
        }
        for (int c = 0; c < k->ncols; c++) {
            copy_value(&buf, &k->cols[c], &row[c]);
            or_sb_addc(&buf, '\t');
        }
        if (digests) {
            or_sb_add(&buf, digests[j], 64);
            or_sb_addc(&buf, '\t');
        }
        st_add_int(&buf, prov->src_id);
        or_sb_addc(&buf, '\t');
        st_add_int(&buf, prov->line);
        or_sb_addc(&buf, '\n');
        rc = st_copy_flush(s, &buf, false, err);
    }
    if (!rc)
        rc = st_copy_flush(s, &buf, true, err);
    or_sb_release(&buf);
    or_code end = s->drv->copy_end(s->db, rc != OR_OK, rc ? NULL : err);
    return rc ? rc : end;
}

/* "{0,5,7}": the row numbers j with pick[j]. */
static size_t rn_array(const bool *pick, size_t n, or_sb *out)
{
    size_t count = 0;
    or_sb_addc(out, '{');
    for (size_t j = 0; j < n; j++)
        if (pick[j]) {
            if (count++)
                or_sb_addc(out, ',');
            st_add_int(out, (int64_t)j);
        }
    or_sb_addc(out, '}');
    return count;
}

/* Kinds updated or rejected on conflict: rows idx[0..n), whose keys are all different. */
static or_code merge_wave(or_store *s, const or_kind *k, const or_value *const *rows,
                          const or_prov *provs, const size_t *idx, size_t n, or_put_result *res,
                          or_error *row_errs, or_error *err)
{
    const or_driver *d = s->drv;
    or_code rc = stage_rows(s, k, rows, provs, idx, n, NULL, err);
    or_stmt *st;
    if (rc || (rc = bulk_stmt(s, k, B_MERGE, &st, err)))
        return rc;
    bool *stored = calloc(n, sizeof *stored), *update = calloc(n, sizeof *update);
    if (!stored || !update) {
        free(stored);
        free(update);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    for (;;) {
        bool have = false;
        if ((rc = d->step(st, &have, err)) || !have)
            break;
        int64_t j = d->col_int(st, 0);
        if (j < 0 || (size_t)j >= n || stored[j])
            continue;
        stored[j] = true;
        size_t i = idx[j];
        or_sb msg = OR_SB_INIT;
        if (st_row_diff(d, st, 1, k, rows[i], &msg) < 0)
            res[i] = OR_PUT_UNCHANGED;
        else if (k->on_conflict == OR_ON_CONFLICT_REJECT)
            st_conflict(k, &msg, &row_errs[i]);
        else
            update[j] = true;
        or_sb_release(&msg);
    }
    d->reset(st);
    for (size_t j = 0; j < n && !rc; j++)
        if (!stored[j])
            res[idx[j]] = OR_PUT_INSERTED;
    or_sb arr = OR_SB_INIT;
    if (!rc && rn_array(update, n, &arr) > 0 && !(rc = bulk_stmt(s, k, B_UPDATE, &st, err))) {
        d->bind_text(st, 1, or_sb_str(&arr));
        rc = st_run(s, st, err);
        d->reset(st);
        for (size_t j = 0; j < n && !rc; j++)
            if (update[j])
                res[idx[j]] = OR_PUT_UPDATED;
    }
    or_sb_release(&arr);
    free(stored);
    free(update);
    return rc;
}

/* Pupils: rows idx[0..n), all of different pupils. */
static or_code snapshot_wave(or_store *s, const or_kind *k, const or_value *const *rows,
                             const or_prov *provs, const size_t *idx, size_t n, or_put_result *res,
                             or_error *err)
{
    const or_driver *d = s->drv;
    char(*digests)[65] = malloc(n * sizeof *digests);
    bool *add = malloc(n * sizeof *add);
    if (!digests || !add) {
        free(digests);
        free(add);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < n; j++) {
        st_snapshot_digest(k, rows[idx[j]], digests[j]);
        add[j] = true;
    }
    or_code rc = stage_rows(s, k, rows, provs, idx, n, digests, err);
    or_stmt *st;
    if (!rc && !(rc = bulk_stmt(s, k, B_CURRENT, &st, err))) {
        /* the same as the snapshot in force on its date: nothing to store */
        for (;;) {
            bool have = false;
            if ((rc = d->step(st, &have, err)) || !have)
                break;
            int64_t j = d->col_int(st, 0);
            if (j >= 0 && (size_t)j < n && st_same_snapshot(d, st, 1, k, rows[idx[j]]))
                add[j] = false;
        }
        d->reset(st);
    }
    or_sb arr = OR_SB_INIT;
    if (!rc && rn_array(add, n, &arr) > 0 && !(rc = bulk_stmt(s, k, B_SNAPSHOT, &st, err))) {
        /* the returned digests are of the rows stored; the others were stored already */
        or_arena a = OR_ARENA_INIT;
        or_strmap by_digest;
        or_strmap_init(&by_digest, &a);
        for (size_t j = 0; j < n; j++)
            if (add[j])
                or_strmap_put(&by_digest, digests[j])->value = (void *)(idx + j);
        d->bind_text(st, 1, or_sb_str(&arr));
        for (;;) {
            bool have = false;
            if ((rc = d->step(st, &have, err)) || !have)
                break;
            const size_t *i = or_strmap_get(&by_digest, d->col_text(st, 0));
            if (i)
                res[*i] = OR_PUT_INSERTED;
        }
        d->reset(st);
        or_strmap_free(&by_digest);
        or_arena_free(&a);
    }
    or_sb_release(&arr);
    free(digests);
    free(add);
    return rc;
}

/* Rows idx[0..n) (all rows when idx is NULL) one by one. */
static or_code put_each(or_store *s, const or_kind *k, const or_value *const *rows,
                        const or_prov *provs, const size_t *idx, size_t n, or_put_result *res,
                        or_error *row_errs, or_error *err)
{
    for (size_t j = 0; j < n; j++) {
        size_t i = idx ? idx[j] : j;
        or_code rc = or_store_put(s, k, rows[i], &provs[i], &res[i], &row_errs[i]);
        if (rc == OR_ECONFLICT)
            continue;
        if (rc) {
            if (err)
                *err = row_errs[i];
            row_errs[i].code = OR_OK;
            return rc;
        }
    }
    return OR_OK;
}

/* What makes two rows of a batch depend on each other: the key (pupils: the UPN). */
static void wave_key(const or_kind *k, const or_value *row, const or_prov *prov, or_sb *out)
{
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        or_sb_adds(out, row[OR_PU_UPN].s);
        return;
    }
    if (st_has_la(k)) {
        st_add_int(out, prov->la_code);
        or_sb_addc(out, '\t');
    }
    for (int c = 0; c < k->ncols; c++)
        if (st_is_key(k, c)) {
            copy_value(out, &k->cols[c], &row[c]);
            or_sb_addc(out, '\t');
        }
}

or_code or_store_put_many(or_store *s, const or_kind *k, const or_value *const *rows,
                          const or_prov *provs, size_t n, or_put_result *res, or_error *row_errs,
                          or_error *err)
{
    for (size_t i = 0; i < n; i++) {
        res[i] = OR_PUT_UNCHANGED;
        row_errs[i].code = OR_OK;
        row_errs[i].msg[0] = '\0';
    }
    if (k->id == OR_K_ATTENDANCE || k->ncols > 32)
        return or_fail(err, OR_EUSAGE, "or_store_put_many: kind %s is stored as marks", k->name);
    if (!st_bulk(s) || n < BULK_MIN)
        return put_each(s, k, rows, provs, NULL, n, res, row_errs, err);

    /* wave[i]: how many rows before row i share its key; rows sorted by wave into idx */
    size_t *wave = malloc(n * sizeof *wave), *idx = malloc(n * sizeof *idx);
    size_t *start = calloc(n + 1, sizeof *start);
    if (!wave || !idx || !start) {
        free(wave);
        free(idx);
        free(start);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    or_arena a = OR_ARENA_INIT;
    or_strmap seen;
    or_strmap_init(&seen, &a);
    or_sb key = OR_SB_INIT;
    size_t waves = 0;
    for (size_t i = 0; i < n; i++) {
        or_sb_reset(&key);
        wave_key(k, rows[i], &provs[i], &key);
        or_strmap_slot *slot = or_strmap_put(&seen, or_sb_str(&key));
        wave[i] = (size_t)(uintptr_t)slot->value;
        slot->value = (void *)(uintptr_t)(wave[i] + 1);
        start[wave[i] + 1]++;
        if (wave[i] + 1 > waves)
            waves = wave[i] + 1;
    }
    or_sb_release(&key);
    or_strmap_free(&seen);
    or_arena_free(&a);
    for (size_t w = 0; w < waves; w++)
        start[w + 1] += start[w];
    size_t *fill = calloc(waves, sizeof *fill);
    or_code rc = OR_OK;
    if (!fill)
        rc = or_fail(err, OR_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && !rc; i++)
        idx[start[wave[i]] + fill[wave[i]]++] = i;
    for (size_t w = 0; w < waves && !rc; w++) {
        const size_t *wi = idx + start[w];
        size_t wn = start[w + 1] - start[w];
        if (wn < BULK_MIN)
            rc = put_each(s, k, rows, provs, wi, wn, res, row_errs, err);
        else if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
            rc = snapshot_wave(s, k, rows, provs, wi, wn, res, err);
        else
            rc = merge_wave(s, k, rows, provs, wi, wn, res, row_errs, err);
    }
    free(fill);
    free(wave);
    free(idx);
    free(start);
    return rc;
}
