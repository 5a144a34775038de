/* store_put.c - one row of a file kind into the store (store.h or_store_put): the SQL built
 * once per kind from its column table (kinds.c) and cached as prepared statements; values
 * bound and read; "insert, and if the key was there already, compare": the common case (new
 * rows) costs one statement; a changed row is updated, or refused, as the kind says. */
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

/* ---- SQL built from a kind's column table ---- */

/* Kinds keyed by a school carry la_code at the head of their key (shard locality). */
bool st_has_la(const or_kind *k)
{
    return k->id == OR_K_EVENTS || k->id == OR_K_ENROLMENTS || k->id == OR_K_ATTENDANCE_AGG;
}

bool st_is_key(const or_kind *k, int c)
{
    return (k->cols[c].flags & OR_COL_KEY) != 0;
}

bool or_store_is_text(const or_column *c)
{
    switch (c->type) {
    case OR_V_INT:
    case OR_V_BOOL:
    case OR_V_URN:
    case OR_V_LAESTAB:
    case OR_V_SCOPE:
        return false;
    default:
        return c->type != OR_V_DATE;
    }
}

static void add_key_where(const or_kind *k, or_sb *sql)
{
    or_sb_adds(sql, " WHERE ");
    const char *sep = "";
    if (st_has_la(k)) {
        or_sb_adds(sql, "la_code = ?");
        sep = " AND ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (st_is_key(k, c)) {
            or_sb_addf(sql, "%s%s = ?", sep, k->cols[c].sql);
            sep = " AND ";
        }
}

static void add_order(const or_store *s, const or_kind *k, or_sb *sql)
{
    or_sb_adds(sql, " ORDER BY ");
    const char *sep = "";
    /* scope, urn first where the kind has them: readers expect a school's rows together */
    static const char *const lead[] = {"scope", "urn", NULL};
    for (int l = 0; lead[l]; l++) {
        int c = or_kind_col(k, lead[l]);
        if (c >= 0 && st_is_key(k, c)) {
            or_sb_addf(sql, "%s%s", sep, k->cols[c].sql);
            sep = ", ";
        }
    }
    for (int c = 0; c < k->ncols; c++) {
        if (!st_is_key(k, c) || !strcmp(k->cols[c].name, "scope") ||
            !strcmp(k->cols[c].name, "urn"))
            continue;
        or_sb_addf(sql, "%s%s%s", sep, k->cols[c].sql,
                   or_store_is_text(&k->cols[c]) ? s->drv->collate_bytes : "");
        sep = ", ";
    }
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        or_sb_adds(sql, ", id");
}

/* What a new row of the kind may collide with: its key (pupils: the snapshot's digest). */
void st_add_conflict_target(const or_kind *k, or_sb *sql)
{
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        or_sb_adds(sql, "digest");
        return;
    }
    const char *sep = "";
    if (st_has_la(k)) {
        or_sb_adds(sql, "la_code");
        sep = ", ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (st_is_key(k, c)) {
            or_sb_addf(sql, "%s%s", sep, k->cols[c].sql);
            sep = ", ";
        }
}

static void build_sql(const or_store *s, const or_kind *k, int q, or_sb *sql)
{
    const char *sep = "";
    switch (q) {
    case Q_INSERT:
        or_sb_addf(sql, "INSERT INTO %s (", k->table);
        if (st_has_la(k)) {
            or_sb_adds(sql, "la_code");
            sep = ", ";
        }
        for (int c = 0; c < k->ncols; c++) {
            or_sb_addf(sql, "%s%s", sep, k->cols[c].sql);
            sep = ", ";
        }
        if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
            or_sb_adds(sql, ", digest");
        or_sb_adds(sql, ", src_id, src_line) VALUES (");
        int n = k->ncols + 2 + st_has_la(k) + (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT);
        for (int i = 0; i < n; i++)
            or_sb_adds(sql, i ? ", ?" : "?");
        or_sb_adds(sql, ") ON CONFLICT (");
        st_add_conflict_target(k, sql);
        or_sb_adds(sql, ") DO NOTHING");
        return;
    case Q_SELECT: /* every column, then where it came from, for one key */
    case Q_SCAN:
    case Q_CURRENT:
        or_sb_adds(sql, "SELECT ");
        for (int c = 0; c < k->ncols; c++) {
            or_sb_addf(sql, "%s%s", sep, k->cols[c].sql);
            sep = ", ";
        }
        or_sb_addf(sql,
                   ", (SELECT name FROM sources WHERE sources.id = %s.src_id), src_line "
                   "FROM %s",
                   k->table, k->table);
        if (q == Q_SELECT)
            add_key_where(k, sql);
        else if (q == Q_SCAN)
            add_order(s, k, sql);
        else /* pupils: the snapshot in force on a date */
            or_sb_adds(sql, " WHERE upn = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1");
        return;
    case Q_UPDATE:
        or_sb_addf(sql, "UPDATE %s SET ", k->table);
        for (int c = 0; c < k->ncols; c++)
            if (!st_is_key(k, c)) {
                or_sb_addf(sql, "%s%s = ?", sep, k->cols[c].sql);
                sep = ", ";
            }
        or_sb_addf(sql, "%ssrc_id = ?, src_line = ?", sep);
        add_key_where(k, sql);
        return;
    }
}

or_code st_kind_stmt(or_store *s, const or_kind *k, int q, or_stmt **out, or_error *err)
{
    or_stmt **st = &s->q[k->id][q];
    if (*st) {
        s->drv->reset(*st);
        *out = *st;
        return OR_OK;
    }
    or_sb sql = OR_SB_INIT;
    build_sql(s, k, q, &sql);
    or_code rc = s->drv->prepare(s->db, or_sb_str(&sql), st, err);
    or_sb_release(&sql);
    *out = *st;
    return rc;
}

/* ---- values in and out ---- */

static void bind_value(const or_driver *d, or_stmt *st, int i, const or_column *c,
                       const or_value *v, char datebuf[11])
{
    if (v->null)
        d->bind_null(st, i);
    else if (c->type == OR_V_DATE) {
        or_date_format((or_date)v->i, datebuf);
        d->bind_text(st, i, datebuf);
    } else if (or_store_is_text(c))
        d->bind_text(st, i, v->s);
    else
        d->bind_int(st, i, v->i);
}

void or_store_read_value(const or_driver *d, or_stmt *st, int i, const or_column *c, or_value *v)
{
    v->null = d->col_null(st, i);
    v->i = 0;
    v->s = NULL;
    if (v->null)
        return;
    if (c->type == OR_V_DATE) {
        or_date dd = 0;
        const char *t = d->col_text(st, i);
        if (!or_date_parse(t, &dd))
            v->null = true;
        v->i = dd;
    } else if (or_store_is_text(c))
        v->s = d->col_text(st, i);
    else
        v->i = d->col_int(st, i);
}

static bool same_value(const or_column *c, const or_value *a, const or_value *b)
{
    if (a->null || b->null)
        return a->null && b->null;
    return or_store_is_text(c) ? strcmp(a->s, b->s) == 0 : a->i == b->i;
}

static void show_value(const or_column *c, const or_value *v, or_sb *out)
{
    if (v->null) {
        or_sb_adds(out, "(empty)");
        return;
    }
    or_sb_addc(out, '\'');
    or_value_format(c, v, out);
    or_sb_addc(out, '\'');
}

/* Bind the key columns (after la_code) from parameter `first`; returns the next number. */
static int bind_key(const or_driver *d, or_stmt *st, const or_kind *k, const or_value *row,
                    const or_prov *prov, int first, char (*dates)[11])
{
    int p = first;
    if (st_has_la(k))
        d->bind_int(st, p++, prov->la_code);
    for (int c = 0; c < k->ncols; c++)
        if (st_is_key(k, c))
            bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    return p;
}

void st_snapshot_digest(const or_kind *k, const or_value *row, char hex[65])
{
    or_sb canon = OR_SB_INIT;
    for (int c = 0; c < k->ncols; c++) {
        /* the columns added by migration 026 count only when given, so that a snapshot
         * stored before keeps its digest and is not stored again */
        if (k->id == OR_K_PUPILS && c >= OR_PU_YOUNG_CARER && row[c].null)
            continue;
        or_value_format(&k->cols[c], &row[c], &canon);
        or_sb_addc(&canon, 0x1f);
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)or_sb_str(&canon), canon.len);
    sodium_bin2hex(hex, 65, h, sizeof h);
    or_sb_release(&canon);
}

/* Compare row with the stored row of the same key in the current result of st (its columns
 * from `off`, then the source's name and line). The first column that differs, or -1; for a
 * difference msg says what is recorded, where it came from and what the row says. */
int st_row_diff(const or_driver *d, or_stmt *st, int off, const or_kind *k, const or_value *row,
                or_sb *msg)
{
    for (int c = 0; c < k->ncols; c++) {
        or_value old;
        or_store_read_value(d, st, off + c, &k->cols[c], &old);
        if (same_value(&k->cols[c], &old, &row[c]))
            continue;
        int from = off + k->ncols;
        or_sb_addf(msg, "%s is recorded as ", k->cols[c].name);
        show_value(&k->cols[c], &old, msg);
        or_sb_addf(msg, " (from %s line %lld), this row says ",
                   d->col_null(st, from) ? "?" : d->col_text(st, from),
                   (long long)d->col_int(st, from + 1));
        show_value(&k->cols[c], &row[c], msg);
        return c;
    }
    return -1;
}

/* The error for a row that contradicts a recorded row of a kind never changed. */
or_code st_conflict(const or_kind *k, const or_sb *msg, or_error *err)
{
    return or_fail(err, OR_ECONFLICT,
                   "%s; a recorded %s is never changed: record a correction as a new event "
                   "(withdrawn, reinstated or action)",
                   or_sb_str(msg), k->name);
}

/* Pupils: is the current result row of st (columns from off) the same snapshot as row, but
 * for its as_of date? */
bool st_same_snapshot(const or_driver *d, or_stmt *st, int off, const or_kind *k,
                      const or_value *row)
{
    for (int c = 0; c < k->ncols; c++) {
        if (c == OR_PU_AS_OF)
            continue;
        or_value old;
        or_store_read_value(d, st, off + c, &k->cols[c], &old);
        if (!same_value(&k->cols[c], &old, &row[c]))
            return false;
    }
    return true;
}

/* Pupils: is the row the same as the snapshot in force on its as_of date? */
static or_code same_as_current(or_store *s, const or_kind *k, const or_value *row, bool *same,
                               or_error *err)
{
    const or_driver *d = s->drv;
    if (st_load_pupil(s, row[OR_PU_UPN].s) == 0) { /* a large batch: no snapshot of the pupil */
        *same = false;
        return OR_OK;
    }
    or_stmt *st;
    or_code rc = st_kind_stmt(s, k, Q_CURRENT, &st, err);
    if (rc)
        return rc;
    char asof[11];
    or_date_format((or_date)row[OR_PU_AS_OF].i, asof);
    d->bind_text(st, 1, row[OR_PU_UPN].s);
    d->bind_text(st, 2, asof);
    bool have = false;
    *same = false;
    if ((rc = d->step(st, &have, err)))
        return rc;
    if (have)
        *same = st_same_snapshot(d, st, 0, k, row);
    d->reset(st);
    return OR_OK;
}

or_code or_store_put(or_store *s, const or_kind *k, const or_value *row, const or_prov *prov,
                     or_put_result *res, or_error *err)
{
    const or_driver *d = s->drv;
    char dates[32][11];
    or_stmt *st;
    or_code rc;
    *res = OR_PUT_UNCHANGED;
    if (k->id == OR_K_ATTENDANCE || k->ncols > 32)
        return or_fail(err, OR_EUSAGE, "or_store_put: kind %s is stored as marks", k->name);

    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        bool same;
        if ((rc = same_as_current(s, k, row, &same, err)))
            return rc;
        if (same)
            return OR_OK;
    }

    if ((rc = st_kind_stmt(s, k, Q_INSERT, &st, err)))
        return rc;
    int p = 1;
    if (st_has_la(k))
        d->bind_int(st, p++, prov->la_code);
    for (int c = 0; c < k->ncols; c++)
        bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    char hex[65];
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        st_snapshot_digest(k, row, hex);
        d->bind_text(st, p++, hex);
    }
    d->bind_int(st, p++, prov->src_id);
    d->bind_int(st, p++, prov->line);
    if ((rc = st_run(s, st, err)))
        return rc;
    int64_t changed = d->changes(st);
    d->reset(st);
    if (changed > 0) {
        if (k->id == OR_K_PUPILS)
            st_load_pupil_added(s, row[OR_PU_UPN].s);
        *res = OR_PUT_INSERTED;
        return OR_OK;
    }
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        return OR_OK; /* this exact snapshot is stored already */

    /* The key is stored: the same row, or a different one? */
    if ((rc = st_kind_stmt(s, k, Q_SELECT, &st, err)))
        return rc;
    bind_key(d, st, k, row, prov, 1, dates);
    bool have = false;
    if ((rc = d->step(st, &have, err)))
        return rc;
    or_sb msg = OR_SB_INIT;
    int diff = have ? st_row_diff(d, st, 0, k, row, &msg) : -1;
    d->reset(st);
    if (diff < 0) {
        or_sb_release(&msg);
        return OR_OK;
    }
    if (k->on_conflict == OR_ON_CONFLICT_REJECT) {
        rc = st_conflict(k, &msg, err);
        or_sb_release(&msg);
        return rc;
    }
    or_sb_release(&msg);
    if ((rc = st_kind_stmt(s, k, Q_UPDATE, &st, err)))
        return rc;
    p = 1;
    for (int c = 0; c < k->ncols; c++)
        if (!st_is_key(k, c))
            bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    d->bind_int(st, p++, prov->src_id);
    d->bind_int(st, p++, prov->line);
    bind_key(d, st, k, row, prov, p, dates);
    rc = st_run(s, st, err);
    d->reset(st);
    if (!rc)
        *res = OR_PUT_UPDATED;
    return rc;
}
