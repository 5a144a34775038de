/* read.c - the store's read paths for the rules engine: a kind's rows (all, or one pupil's)
 * with their provenance, attendance marks, and the LA's configuration. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/sb.h"
#include "store/access.h"

static bool has_id(const or_kind *k)
{
    return k->id == OR_K_EVENTS || k->id == OR_K_PUPILS;
}

or_code or_store_scan_pupil(or_store *s, const or_kind *k, const char *upn, or_meta_cb cb,
                            void *ctx, or_error *err)
{
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    int upn_col = or_kind_col(k, "upn");
    if (upn && upn_col < 0)
        upn = NULL; /* schools, calendar: everything */
    or_sb sql = OR_SB_INIT;
    or_sb_adds(&sql, "SELECT ");
    for (int c = 0; c < k->ncols; c++)
        or_sb_addf(&sql, "%s%s", c ? ", " : "", k->cols[c].sql);
    or_sb_addf(&sql, ", %s, (SELECT name FROM sources WHERE sources.id = %s.src_id), src_line",
               has_id(k) ? "id" : "0", k->table);
    bool events = k->id == OR_K_EVENTS;
    if (events)
        or_sb_adds(&sql, ", " OR_SQL_EVENT_RECORDED);
    or_sb_addf(&sql, " FROM %s", k->table);
    if (upn)
        or_sb_addf(&sql, " WHERE upn = ?");
    if (has_id(k))
        or_sb_adds(&sql, " ORDER BY id");
    or_stmt *st = NULL;
    or_code rc = d->prepare(db, or_sb_str(&sql), &st, err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    if (upn)
        d->bind_text(st, 1, upn);
    or_value row[32];
    for (;;) {
        bool have = false;
        if ((rc = d->step(st, &have, err)) || !have)
            break;
        for (int c = 0; c < k->ncols; c++)
            or_store_read_value(d, st, c, &k->cols[c], &row[c]);
        or_row_meta meta = {d->col_int(st, k->ncols),
                            d->col_null(st, k->ncols + 1) ? "" : d->col_text(st, k->ncols + 1),
                            d->col_int(st, k->ncols + 2), ""};
        if (events && !d->col_null(st, k->ncols + 3))
            meta.received = d->col_text(st, k->ncols + 3);
        if ((rc = cb(ctx, row, &meta, err)))
            break;
    }
    d->finalize(st);
    return rc;
}

or_code or_store_scan_marks_pupil(or_store *s, const char *upn, or_marks_cb cb, void *ctx,
                                  or_error *err)
{
    if (!upn)
        return or_store_scan_marks(s, cb, ctx, err);
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    or_stmt *st = NULL;
    or_code rc = d->prepare(db,
                            "SELECT urn, academic_year, marks FROM attendance WHERE upn = ? "
                            "ORDER BY academic_year, urn",
                            &st, err);
    if (rc)
        return rc;
    d->bind_text(st, 1, upn);
    char marks[OR_MARKS_LEN + 1];
    for (;;) {
        bool have = false;
        if ((rc = d->step(st, &have, err)) || !have)
            break;
        const char *m = d->col_text(st, 2);
        size_t n = strlen(m);
        or_marks_clear(marks);
        memcpy(marks, m, n < OR_MARKS_LEN ? n : OR_MARKS_LEN);
        marks[OR_MARKS_LEN] = '\0';
        if ((rc = cb(ctx, upn, (int)d->col_int(st, 0), (int)d->col_int(st, 1), marks, err)))
            break;
    }
    d->finalize(st);
    return rc;
}

or_code or_store_config_each(or_store *s, or_config_cb cb, void *ctx, or_error *err)
{
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT key, value FROM config ORDER BY key%s", d->collate_bytes);
    or_stmt *st = NULL;
    or_code rc = d->prepare(db, sql, &st, err);
    if (rc)
        return rc;
    for (;;) {
        bool have = false;
        if ((rc = d->step(st, &have, err)) || !have)
            break;
        if ((rc = cb(ctx, d->col_text(st, 0), d->col_text(st, 1), err)))
            break;
    }
    d->finalize(st);
    return rc;
}

or_code or_store_config_set(or_store *s, const char *key, const char *value, const char *user,
                            or_error *err)
{
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    or_stmt *st = NULL;
    or_code rc = d->prepare(db,
                            "INSERT INTO config (key, value, set_by, set_at) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                            "set_by = excluded.set_by, set_at = excluded.set_at",
                            &st, err);
    if (rc)
        return rc;
    char ts[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    d->bind_text(st, 1, key);
    d->bind_text(st, 2, value);
    d->bind_text(st, 3, user);
    d->bind_text(st, 4, ts);
    bool row;
    rc = d->step(st, &row, err);
    d->finalize(st);
    return rc;
}

typedef struct {
    or_arena *a;
    int n;
    or_date as_of;
    const char *forename, *surname;
} names;

static or_code on_snapshot(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    names *c = ctx;
    (void)meta;
    (void)err;
    or_date as_of = row[OR_PU_AS_OF].null ? OR_DATE_NONE : (or_date)row[OR_PU_AS_OF].i;
    if (c->n++ && as_of < c->as_of)
        return OR_OK; /* snapshots come by as_of, then receipt: the last one wins */
    c->as_of = as_of;
    c->forename = or_arena_strdup(c->a, row[OR_PU_FORENAME].s ? row[OR_PU_FORENAME].s : "");
    c->surname = or_arena_strdup(c->a, row[OR_PU_SURNAME].s ? row[OR_PU_SURNAME].s : "");
    return OR_OK;
}

or_code or_store_pupil_names(or_store *s, const char *upn, or_arena *a, const char **forename,
                             const char **surname, or_error *err)
{
    names nm = {a, 0, OR_DATE_NONE, "", ""};
    or_code rc = or_store_scan_pupil(s, or_kind_get(OR_K_PUPILS), upn, on_snapshot, &nm, err);
    *forename = nm.forename;
    *surname = nm.surname;
    return rc;
}
