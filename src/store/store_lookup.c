/* store_lookup.c - the importer's look-ups (does a pupil exist, which events do refs name,
 * which LA is a school's) and attendance marks by pupil-year, one at a time or many at once
 * (set-based SQL on PostgreSQL). */
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

/* ---- look-ups of many keys ---- */

or_code or_store_pupils_exist(or_store *s, const char *const *upns, size_t n, bool *found,
                              or_error *err)
{
    or_code rc = OR_OK;
    if (!st_bulk(s)) {
        for (size_t i = 0; i < n && !rc; i++)
            rc = or_store_pupil_exists(s, upns[i], &found[i], err);
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        found[i] = false;
    or_sb arr = OR_SB_INIT;
    for (size_t from = 0; from < n && !rc; from += ARRAY_MAX) {
        size_t m = n - from < ARRAY_MAX ? n - from : ARRAY_MAX;
        or_sb_reset(&arr);
        or_sb_addc(&arr, '{');
        for (size_t i = 0; i < m; i++) {
            if (i)
                or_sb_addc(&arr, ',');
            st_array_text(&arr, upns[from + i]);
        }
        or_sb_addc(&arr, '}');
        if ((rc = st_prep(s, &s->pupils_many,
                          "SELECT u.n FROM unnest(?::text[]) WITH ORDINALITY AS u(upn, n) WHERE "
                          "EXISTS (SELECT 1 FROM pupil_snapshots p WHERE p.upn = u.upn)",
                          err)))
            break;
        s->drv->bind_text(s->pupils_many, 1, or_sb_str(&arr));
        for (;;) {
            bool have = false;
            if ((rc = s->drv->step(s->pupils_many, &have, err)) || !have)
                break;
            int64_t j = s->drv->col_int(s->pupils_many, 0) - 1;
            if (j >= 0 && (size_t)j < m)
                found[from + (size_t)j] = true;
        }
        s->drv->reset(s->pupils_many);
    }
    or_sb_release(&arr);
    return rc;
}

static void copy_event(or_stmt *st, const or_driver *d, int col, or_event_ref *r)
{
    snprintf(r->type, sizeof r->type, "%s", d->col_text(st, col));
    snprintf(r->upn, sizeof r->upn, "%s", d->col_text(st, col + 1));
}

or_code or_store_events_find(or_store *s, or_event_ref *refs, size_t n, or_error *err)
{
    const or_driver *d = s->drv;
    or_code rc = OR_OK;
    for (size_t i = 0; i < n; i++)
        refs[i].type[0] = refs[i].upn[0] = '\0';
    if (!st_bulk(s)) { /* by the school's key first, which its index answers */
        for (size_t i = 0; i < n && !rc; i++) {
            if ((rc = st_prep(s, &s->event_la,
                              "SELECT type, upn FROM events WHERE la_code = ? AND urn = ? AND "
                              "event_id = ?",
                              err)))
                break;
            d->bind_int(s->event_la, 1, refs[i].la_code);
            d->bind_int(s->event_la, 2, refs[i].urn);
            d->bind_text(s->event_la, 3, refs[i].event_id);
            bool have = false;
            rc = d->step(s->event_la, &have, err);
            if (!rc && have)
                copy_event(s->event_la, d, 0, &refs[i]);
            d->reset(s->event_la);
        }
    }
    or_sb la = OR_SB_INIT, urn = OR_SB_INIT, id = OR_SB_INIT;
    for (size_t from = 0; st_bulk(s) && from < n && !rc; from += ARRAY_MAX) {
        size_t m = n - from < ARRAY_MAX ? n - from : ARRAY_MAX;
        or_sb_reset(&la);
        or_sb_reset(&urn);
        or_sb_reset(&id);
        for (size_t i = 0; i < m; i++) {
            const or_event_ref *r = &refs[from + i];
            or_sb_addc(&la, i ? ',' : '{');
            st_add_int(&la, r->la_code);
            or_sb_addc(&urn, i ? ',' : '{');
            st_add_int(&urn, r->urn);
            or_sb_addc(&id, i ? ',' : '{');
            st_array_text(&id, r->event_id);
        }
        or_sb_addc(&la, '}');
        or_sb_addc(&urn, '}');
        or_sb_addc(&id, '}');
        if ((rc = st_prep(s, &s->events_many,
                          "SELECT u.n, e.type, e.upn FROM unnest(?::int[], ?::int[], ?::text[]) "
                          "WITH ORDINALITY AS u(la, urn, id, n) JOIN events e ON e.la_code = u.la "
                          "AND e.urn = u.urn AND e.event_id = u.id",
                          err)))
            break;
        d->bind_text(s->events_many, 1, or_sb_str(&la));
        d->bind_text(s->events_many, 2, or_sb_str(&urn));
        d->bind_text(s->events_many, 3, or_sb_str(&id));
        for (;;) {
            bool have = false;
            if ((rc = d->step(s->events_many, &have, err)) || !have)
                break;
            int64_t j = d->col_int(s->events_many, 0) - 1;
            if (j >= 0 && (size_t)j < m)
                copy_event(s->events_many, d, 1, &refs[from + (size_t)j]);
        }
        d->reset(s->events_many);
    }
    or_sb_release(&la);
    or_sb_release(&urn);
    or_sb_release(&id);
    /* not under the school's LA code (or none at all): as or_store_event_find */
    for (size_t i = 0; i < n && !rc; i++)
        if (!refs[i].type[0])
            rc = or_store_event_find(s, refs[i].urn, refs[i].event_id, refs[i].type, refs[i].upn,
                                     err);
    return rc;
}

/* ---- attendance marks, many pupil-years at once ---- */

static void copy_marks(const char *m, char *marks)
{
    size_t n = strlen(m);
    or_marks_clear(marks);
    memcpy(marks, m, n < OR_MARKS_LEN ? n : OR_MARKS_LEN);
}

or_code or_store_marks_get_many(or_store *s, or_year_marks *y, size_t n, or_error *err)
{
    const or_driver *d = s->drv;
    or_code rc = OR_OK;
    for (size_t i = 0; i < n; i++) {
        y[i].found = false;
        or_marks_clear(y[i].marks);
    }
    if (!st_bulk(s)) {
        for (size_t i = 0; i < n && !rc; i++) {
            if ((rc =
                     st_prep(s, &s->marks_get_la,
                             "SELECT marks FROM attendance WHERE la_code = ? AND upn = ? AND urn = "
                             "? AND academic_year = ?",
                             err)))
                break;
            d->bind_int(s->marks_get_la, 1, y[i].la_code);
            d->bind_text(s->marks_get_la, 2, y[i].upn);
            d->bind_int(s->marks_get_la, 3, y[i].urn);
            d->bind_int(s->marks_get_la, 4, y[i].ay);
            rc = d->step(s->marks_get_la, &y[i].found, err);
            if (!rc && y[i].found)
                copy_marks(d->col_text(s->marks_get_la, 0), y[i].marks);
            d->reset(s->marks_get_la);
        }
        return rc;
    }
    or_sb la = OR_SB_INIT, upn = OR_SB_INIT, urn = OR_SB_INIT, ay = OR_SB_INIT;
    for (size_t from = 0; from < n && !rc; from += ARRAY_MAX) {
        size_t m = n - from < ARRAY_MAX ? n - from : ARRAY_MAX;
        or_sb *arrs[] = {&la, &upn, &urn, &ay};
        for (int a = 0; a < 4; a++)
            or_sb_reset(arrs[a]);
        for (size_t i = 0; i < m; i++) {
            const or_year_marks *r = &y[from + i];
            for (int a = 0; a < 4; a++)
                or_sb_addc(arrs[a], i ? ',' : '{');
            st_add_int(&la, r->la_code);
            st_array_text(&upn, r->upn);
            st_add_int(&urn, r->urn);
            st_add_int(&ay, r->ay);
        }
        for (int a = 0; a < 4; a++)
            or_sb_addc(arrs[a], '}');
        if ((rc =
                 st_prep(s, &s->marks_many,
                         "SELECT u.n, a.marks FROM unnest(?::int[], ?::text[], ?::int[], ?::int[]) "
                         "WITH ORDINALITY AS u(la, upn, urn, ay, n) JOIN attendance a ON "
                         "a.la_code = u.la AND a.upn = u.upn AND a.urn = u.urn AND "
                         "a.academic_year = u.ay",
                         err)))
            break;
        for (int a = 0; a < 4; a++)
            d->bind_text(s->marks_many, a + 1, or_sb_str(arrs[a]));
        for (;;) {
            bool have = false;
            if ((rc = d->step(s->marks_many, &have, err)) || !have)
                break;
            int64_t j = d->col_int(s->marks_many, 0) - 1;
            if (j >= 0 && (size_t)j < m) {
                y[from + (size_t)j].found = true;
                copy_marks(d->col_text(s->marks_many, 1), y[from + (size_t)j].marks);
            }
        }
        d->reset(s->marks_many);
    }
    or_sb_release(&la);
    or_sb_release(&upn);
    or_sb_release(&urn);
    or_sb_release(&ay);
    return rc;
}

or_code or_store_marks_put_many(or_store *s, int64_t src_id, const or_year_marks *y, size_t n,
                                or_error *err)
{
    or_code rc = OR_OK;
    if (!st_bulk(s) || n < BULK_MIN) {
        for (size_t i = 0; i < n && !rc; i++) {
            or_prov prov = {src_id, 0, y[i].la_code};
            rc = or_store_marks_put(s, &prov, y[i].upn, y[i].urn, y[i].ay, y[i].marks, err);
        }
        return rc;
    }
    static const char cols[] = "la_code, upn, urn, academic_year, marks, src_id";
    if ((rc = st_stage_begin(s, "or_stage_attendance",
                             "SELECT la_code, upn, urn, academic_year, marks, src_id FROM "
                             "attendance WITH NO DATA",
                             cols, err)))
        return rc;
    or_sb buf = OR_SB_INIT;
    for (size_t i = 0; i < n && !rc; i++) {
        st_add_int(&buf, y[i].la_code);
        or_sb_addc(&buf, '\t');
        st_copy_text(&buf, y[i].upn);
        or_sb_addc(&buf, '\t');
        st_add_int(&buf, y[i].urn);
        or_sb_addc(&buf, '\t');
        st_add_int(&buf, y[i].ay);
        or_sb_addc(&buf, '\t');
        char m[OR_MARKS_LEN + 1];
        memcpy(m, y[i].marks, OR_MARKS_LEN);
        m[OR_MARKS_LEN] = '\0';
        st_copy_text(&buf, m); /* '\\' is a register code */
        or_sb_addc(&buf, '\t');
        st_add_int(&buf, src_id);
        or_sb_addc(&buf, '\n');
        rc = st_copy_flush(s, &buf, false, err);
    }
    if (!rc)
        rc = st_copy_flush(s, &buf, true, err);
    or_sb_release(&buf);
    or_code end = s->drv->copy_end(s->db, rc != OR_OK, rc ? NULL : err);
    if (rc || (rc = end))
        return rc;
    return s->drv->exec(s->db,
                        "INSERT INTO attendance (la_code, upn, urn, academic_year, marks, src_id) "
                        "SELECT la_code, upn, urn, academic_year, marks, src_id FROM "
                        "or_stage_attendance ON CONFLICT (la_code, upn, urn, academic_year) DO "
                        "UPDATE SET marks = excluded.marks, src_id = excluded.src_id",
                        err);
}

/* ---- look-ups ---- */

or_code or_store_estimate_rows(or_store *s, const or_kind *k, int64_t *n, or_error *err)
{
    char sql[96];
    if (k->id == OR_K_EVENTS || k->id == OR_K_PUPILS) /* ids: their index answers MAX */
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) FROM %s", k->table);
    else
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", k->table);
    return st_count_one(s, sql, n, err);
}

or_code or_store_school_la(or_store *s, int urn, int *la_code, bool *found, or_error *err)
{
    or_code rc = st_prep(s, &s->school_la, "SELECT la_code FROM schools WHERE urn = ?", err);
    if (rc)
        return rc;
    s->drv->bind_int(s->school_la, 1, urn);
    rc = s->drv->step(s->school_la, found, err);
    if (!rc && *found)
        *la_code = (int)s->drv->col_int(s->school_la, 0);
    s->drv->reset(s->school_la);
    return rc;
}

or_code or_store_pupil_exists(or_store *s, const char *upn, bool *found, or_error *err)
{
    int known = st_load_pupil(s, upn);
    if (known >= 0) { /* a large batch: every stored UPN is in memory */
        *found = known;
        return OR_OK;
    }
    or_code rc =
        st_prep(s, &s->pupil_exists, "SELECT 1 FROM pupil_snapshots WHERE upn = ? LIMIT 1", err);
    if (rc)
        return rc;
    s->drv->bind_text(s->pupil_exists, 1, upn);
    rc = s->drv->step(s->pupil_exists, found, err);
    s->drv->reset(s->pupil_exists);
    return rc;
}

or_code or_store_pupil_same_person(or_store *s, const char *surname, const char *forename,
                                   const char *dob, const char *upn, char other[16], bool *found,
                                   or_error *err)
{
    or_date d;
    *found = false;
    other[0] = '\0';
    if (!or_date_parse(dob, &d))
        return OR_OK; /* the importer refuses the date itself */
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT upn FROM pupil_snapshots WHERE lower(surname) = lower(?) "
                               "AND lower(forename) = lower(?) AND dob = ? AND upn <> ? "
                               "ORDER BY upn LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, surname);
    q.d->bind_text(q.st, 2, forename);
    q.d->bind_text(q.st, 3, dob);
    q.d->bind_text(q.st, 4, upn);
    if (!(rc = or_query_step(&q, found, err)) && *found)
        or_copy_text(other, 16, or_query_text(&q, 0));
    or_query_done(&q);
    return rc;
}

or_code or_store_event_find(or_store *s, int urn, const char *event_id, char type[32], char upn[14],
                            or_error *err)
{
    or_code rc =
        st_prep(s, &s->event_type,
                "SELECT type, upn FROM events WHERE urn = ? AND event_id = ? LIMIT 1", err);
    if (rc)
        return rc;
    s->drv->bind_int(s->event_type, 1, urn);
    s->drv->bind_text(s->event_type, 2, event_id);
    bool found = false;
    rc = s->drv->step(s->event_type, &found, err);
    type[0] = upn[0] = '\0';
    if (!rc && found) {
        snprintf(type, 32, "%s", s->drv->col_text(s->event_type, 0));
        snprintf(upn, 14, "%s", s->drv->col_text(s->event_type, 1));
    }
    s->drv->reset(s->event_type);
    return rc;
}

/* ---- attendance marks ---- */

or_code or_store_marks_get(or_store *s, const char *upn, int urn, int ay, char *marks, bool *found,
                           or_error *err)
{
    or_code rc = st_prep(s, &s->marks_get,
                         "SELECT marks FROM attendance WHERE upn = ? AND urn = ? AND "
                         "academic_year = ?",
                         err);
    if (rc)
        return rc;
    const or_driver *d = s->drv;
    d->bind_text(s->marks_get, 1, upn);
    d->bind_int(s->marks_get, 2, urn);
    d->bind_int(s->marks_get, 3, ay);
    rc = d->step(s->marks_get, found, err);
    if (!rc && *found) {
        const char *m = d->col_text(s->marks_get, 0);
        size_t n = strlen(m);
        or_marks_clear(marks);
        memcpy(marks, m, n < OR_MARKS_LEN ? n : OR_MARKS_LEN);
    }
    d->reset(s->marks_get);
    return rc;
}

or_code or_store_marks_put(or_store *s, const or_prov *prov, const char *upn, int urn, int ay,
                           const char *marks, or_error *err)
{
    or_code rc = st_prep(s, &s->marks_put,
                         "INSERT INTO attendance (la_code, upn, urn, academic_year, marks, src_id) "
                         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (la_code, upn, urn, academic_year) "
                         "DO UPDATE SET marks = excluded.marks, src_id = excluded.src_id",
                         err);
    if (rc)
        return rc;
    const or_driver *d = s->drv;
    char buf[OR_MARKS_LEN + 1];
    memcpy(buf, marks, OR_MARKS_LEN);
    buf[OR_MARKS_LEN] = '\0';
    d->bind_int(s->marks_put, 1, prov->la_code);
    d->bind_text(s->marks_put, 2, upn);
    d->bind_int(s->marks_put, 3, urn);
    d->bind_int(s->marks_put, 4, ay);
    d->bind_text(s->marks_put, 5, buf);
    d->bind_int(s->marks_put, 6, prov->src_id);
    rc = st_run(s, s->marks_put, err);
    d->reset(s->marks_put);
    return rc;
}
