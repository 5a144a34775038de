/* store_scan.c - every stored row of a kind in its order, every pupil-year of attendance
 * marks, and the counts of what is stored (store.h), through the statements store_put.c builds
 * from a kind's column table. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "onroll/store.h"
#include "store/access.h"
#include "store/driver.h"
#include "store/store_internal.h"

or_code or_store_scan(or_store *s, const or_kind *k, or_row_cb cb, void *ctx, or_error *err)
{
    or_stmt *st;
    or_code rc = st_kind_stmt(s, k, Q_SCAN, &st, err);
    if (rc)
        return rc;
    or_value row[32];
    for (;;) {
        bool have = false;
        if ((rc = s->drv->step(st, &have, err)) || !have)
            break;
        for (int c = 0; c < k->ncols; c++)
            or_store_read_value(s->drv, st, c, &k->cols[c], &row[c]);
        if ((rc = cb(ctx, row, err)))
            break;
    }
    s->drv->reset(st);
    return rc;
}

or_code or_store_scan_marks(or_store *s, or_marks_cb cb, void *ctx, or_error *err)
{
    or_sb sql = OR_SB_INIT;
    or_sb_addf(&sql,
               "SELECT upn, urn, academic_year, marks FROM attendance ORDER BY upn%s, urn, "
               "academic_year",
               s->drv->collate_bytes);
    or_stmt *st = NULL;
    or_code rc = s->drv->prepare(s->db, or_sb_str(&sql), &st, err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    char marks[OR_MARKS_LEN];
    for (;;) {
        bool have = false;
        if ((rc = s->drv->step(st, &have, err)) || !have)
            break;
        const char *m = s->drv->col_text(st, 3);
        size_t n = strlen(m);
        or_marks_clear(marks);
        memcpy(marks, m, n < OR_MARKS_LEN ? n : OR_MARKS_LEN);
        if ((rc = cb(ctx, s->drv->col_text(st, 0), (int)s->drv->col_int(st, 1),
                     (int)s->drv->col_int(st, 2), marks, err)))
            break;
    }
    s->drv->finalize(st);
    return rc;
}

or_code st_count_one(or_store *s, const char *sql, int64_t *out, or_error *err)
{
    or_stmt *st = NULL;
    or_code rc = s->drv->prepare(s->db, sql, &st, err);
    if (rc)
        return rc;
    bool have = false;
    rc = s->drv->step(st, &have, err);
    *out = (!rc && have) ? s->drv->col_int(st, 0) : 0;
    s->drv->finalize(st);
    return rc;
}

or_code or_store_count(or_store *s, or_store_counts *out, or_error *err)
{
    or_code rc;
    if ((rc = st_count_one(s, "SELECT COUNT(*) FROM schools", &out->schools, err)) ||
        (rc = st_count_one(s, "SELECT COUNT(DISTINCT upn) FROM pupil_snapshots", &out->pupils,
                           err)) ||
        (rc = st_count_one(s, "SELECT COUNT(*) FROM enrolments", &out->enrolments, err)) ||
        (rc = st_count_one(s, "SELECT COUNT(*) FROM events", &out->events, err)) ||
        (rc = st_count_one(s, "SELECT COUNT(*) FROM attendance", &out->attendance_years, err)) ||
        (rc = st_count_one(s, "SELECT COUNT(*) FROM sources", &out->sources, err)))
        return rc;
    return OR_OK;
}

or_code or_store_count_events_by_type(or_store *s, or_count_cb cb, void *ctx, or_error *err)
{
    or_stmt *st = NULL;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type%s",
             s->drv->collate_bytes);
    or_code rc = s->drv->prepare(s->db, sql, &st, err);
    if (rc)
        return rc;
    for (;;) {
        bool have = false;
        if ((rc = s->drv->step(st, &have, err)) || !have)
            break;
        if ((rc = cb(ctx, s->drv->col_text(st, 0), s->drv->col_int(st, 1), err)))
            break;
    }
    s->drv->finalize(st);
    return rc;
}
