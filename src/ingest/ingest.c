/* ingest.c - one batch of rows into the store, all or nothing (see ingest.h).
 *
 * Per row: parse every cell by its column type (kinds.c), check the row as a whole
 * (rowcheck.c), check what it refers to (the school, the pupil), then put it. Checks that need
 * the whole batch (an event's `ref` may name an event later in the same file) run at the end.
 * Attendance marks are gathered per pupil, school and year and written once each. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/arena.h"
#include "onroll/ingest.h"
#include "onroll/marks.h"
#include "onroll/rowcheck.h"
#include "onroll/strmap.h"

typedef struct {
    int64_t line;
    int urn;
    const char *ref, *type, *upn;
} pending_ref;

typedef struct {
    int la_code, urn, ay;
    const char *upn;
    char marks[OR_MARKS_LEN];
    bool dirty;
} year_marks;

struct or_ingest {
    or_store *store;
    const or_kind *kind;
    const char *name; /* source name, for messages */
    or_ingest_opts opts;
    int64_t src_id;
    or_arena arena;
    or_strmap schools; /* "urn" -> la_code + 1 (as a pointer-sized integer) */
    or_strmap pupils;  /* upn -> (void *)1 when known */
    or_strmap years;   /* "upn|urn|ay" -> year_marks */
    pending_ref *refs;
    size_t nrefs, caprefs;
    or_ingest_result res;
    or_error first;
    bool broken; /* a store error: nothing more can be written */
};

void or_ingest_result_release(or_ingest_result *r)
{
    or_sb_release(&r->errors);
}

or_code or_ingest_begin(or_store *s, const or_kind *k, const or_source *src,
                        const or_ingest_opts *opts, or_ingest **out, or_error *err)
{
    or_ingest *in = calloc(1, sizeof *in);
    if (!in)
        return or_fail(err, OR_ENOMEM, "out of memory");
    in->store = s;
    in->kind = k;
    in->opts = opts ? *opts : (or_ingest_opts){0};
    if (in->opts.max_errors <= 0)
        in->opts.max_errors = 20;
    in->name = or_arena_strdup(&in->arena, src->name);
    or_strmap_init(&in->schools, &in->arena);
    or_strmap_init(&in->pupils, &in->arena);
    or_strmap_init(&in->years, &in->arena);
    in->res.kind = k->id;
    or_code rc = or_store_begin(s, err);
    if (!rc)
        rc = or_store_add_source(s, src, &in->src_id, err);
    if (rc) {
        if (rc != OR_OK)
            or_store_rollback(s);
        or_strmap_free(&in->schools);
        or_arena_free(&in->arena);
        free(in);
        return rc;
    }
    *out = in;
    return OR_OK;
}

void or_ingest_reject(or_ingest *in, int64_t line, const char *column, const char *fmt, ...)
{
    char msg[OR_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    in->res.nerrors++;
    if (in->res.nerrors == 1)
        or_fail(&in->first, OR_EINPUT, "%s:%lld:%s%s%s %s", in->name, (long long)line,
                column ? " column " : "", column ? column : "", column ? ":" : "", msg);
    if (in->res.nerrors > in->opts.max_errors)
        return;
    or_sb_addf(&in->res.errors, "%s:%lld:%s%s%s %s\n", in->name, (long long)line,
               column ? " column " : "", column ? column : "", column ? ":" : "", msg);
}

static or_code store_failed(or_ingest *in, or_error *err, const or_error *e)
{
    in->broken = true;
    in->first = *e;
    if (err)
        *err = *e;
    return e->code;
}

void or_ingest_abort(or_ingest *in, const or_error *e)
{
    store_failed(in, NULL, e);
}

/* The school's LA code, or -1 if the school is not known (cached per batch). */
static or_code school_la(or_ingest *in, int urn, int *la, or_error *err)
{
    char key[16];
    snprintf(key, sizeof key, "%d", urn);
    void *v = or_strmap_get(&in->schools, key);
    if (v) {
        *la = (int)((intptr_t)v - 1);
        return OR_OK;
    }
    bool found = false;
    or_error e = {0};
    if (or_store_school_la(in->store, urn, la, &found, &e))
        return store_failed(in, err, &e);
    if (!found)
        *la = -1;
    or_strmap_put(&in->schools, key)->value = (void *)(intptr_t)(*la + 1);
    return OR_OK;
}

static or_code pupil_known(or_ingest *in, const char *upn, bool *known, or_error *err)
{
    if (or_strmap_get(&in->pupils, upn)) {
        *known = true;
        return OR_OK;
    }
    or_error e = {0};
    if (or_store_pupil_exists(in->store, upn, known, &e))
        return store_failed(in, err, &e);
    if (*known)
        or_strmap_put(&in->pupils, upn)->value = (void *)1;
    return OR_OK;
}

static void add_ref(or_ingest *in, int64_t line, int urn, const or_value *row)
{
    if (in->nrefs == in->caprefs) {
        in->caprefs = in->caprefs ? in->caprefs * 2 : 64;
        pending_ref *r = realloc(in->refs, in->caprefs * sizeof *r);
        if (!r)
            abort();
        in->refs = r;
    }
    in->refs[in->nrefs++] = (pending_ref){line, urn, or_arena_strdup(&in->arena, row[OR_EV_REF].s),
                                          or_arena_strdup(&in->arena, row[OR_EV_TYPE].s),
                                          or_arena_strdup(&in->arena, row[OR_EV_UPN].s)};
}

static or_code put_mark(or_ingest *in, int la, const or_value *row, or_error *err)
{
    or_date d = (or_date)row[OR_AT_DATE].i;
    int urn = (int)row[OR_AT_URN].i, ay = or_date_academic_year(d);
    char key[48];
    snprintf(key, sizeof key, "%s|%d|%d", row[OR_AT_UPN].s, urn, ay);
    or_strmap_slot *slot = or_strmap_put(&in->years, key);
    year_marks *y = slot->value;
    if (!y) {
        y = or_arena_alloc(&in->arena, sizeof *y);
        y->la_code = la;
        y->urn = urn;
        y->ay = ay;
        y->upn = or_arena_strdup(&in->arena, row[OR_AT_UPN].s);
        y->dirty = false;
        bool found = false;
        or_error e = {0};
        if (or_store_marks_get(in->store, y->upn, urn, ay, y->marks, &found, &e))
            return store_failed(in, err, &e);
        if (!found)
            or_marks_clear(y->marks);
        slot->value = y;
    }
    int pos = or_mark_pos(d, strcmp(row[OR_AT_SESSION].s, "PM") == 0);
    char b = or_mark_byte(row[OR_AT_CODE].s);
    if (y->marks[pos] == b) {
        in->res.unchanged++;
        return OR_OK;
    }
    if (y->marks[pos] == OR_MARK_NONE)
        in->res.inserted++;
    else
        in->res.updated++;
    y->marks[pos] = b;
    y->dirty = true;
    return OR_OK;
}

or_code or_ingest_row(or_ingest *in, int64_t line, const char *const *cells, or_error *err)
{
    const or_kind *k = in->kind;
    if (in->broken)
        return in->first.code;
    in->res.rows++;
    or_value row[32];
    or_error e = {0};
    or_date ref = OR_DATE_NONE;
    int nerr = in->res.nerrors;
    if (k->ref_date_col >= 0) {
        or_value v;
        if (or_value_parse(&k->cols[k->ref_date_col], cells[k->ref_date_col], OR_DATE_NONE, &v,
                           NULL) == OR_OK &&
            !v.null)
            ref = (or_date)v.i;
    }
    for (int c = 0; c < k->ncols; c++)
        if (or_value_parse(&k->cols[c], cells[c], ref, &row[c], &e))
            or_ingest_reject(in, line, k->cols[c].name, "%s", e.msg);
    if (in->res.nerrors > nerr)
        return OR_EINPUT;
    int bad = 0;
    if (or_row_check(k, row, &bad, &e)) {
        or_ingest_reject(in, line, k->cols[bad].name, "%s", e.msg);
        return OR_EINPUT;
    }

    /* what the row refers to must exist */
    or_prov prov = {in->src_id, line, 0};
    int urn_col = or_kind_col(k, "urn"), upn_col = or_kind_col(k, "upn");
    int scope_col = k->id == OR_K_CALENDAR ? OR_CA_SCOPE : -1;
    int school_col = urn_col >= 0 ? urn_col : scope_col;
    if (school_col >= 0 && k->id != OR_K_SCHOOLS && row[school_col].i != 0) {
        int la;
        if (school_la(in, (int)row[school_col].i, &la, err))
            return in->first.code;
        if (la < 0) {
            or_ingest_reject(in, line, k->cols[school_col].name,
                             "'%lld' is not a known school: import the schools file first",
                             (long long)row[school_col].i);
            return OR_EINPUT;
        }
        prov.la_code = la;
    }
    if (upn_col >= 0 && k->id != OR_K_PUPILS) {
        bool known;
        if (pupil_known(in, row[upn_col].s, &known, err))
            return in->first.code;
        if (!known) {
            or_ingest_reject(in, line, "upn",
                             "'%s' is not a known pupil: import the pupils file first",
                             row[upn_col].s);
            return OR_EINPUT;
        }
    }
    if (k->id == OR_K_PUPILS)
        or_strmap_put(&in->pupils, row[OR_PU_UPN].s)->value = (void *)1;
    if (k->id == OR_K_EVENTS && !row[OR_EV_REF].null)
        add_ref(in, line, (int)row[OR_EV_URN].i, row);
    if (in->res.nerrors > 0)
        return OR_OK; /* validate the rest, write nothing more */

    if (k->id == OR_K_ATTENDANCE)
        return put_mark(in, prov.la_code, row, err);
    or_put_result r;
    or_code rc = or_store_put(in->store, k, row, &prov, &r, &e);
    if (rc == OR_ECONFLICT) {
        or_ingest_reject(in, line, NULL, "%s", e.msg);
        return OR_EINPUT;
    }
    if (rc)
        return store_failed(in, err, &e);
    if (r == OR_PUT_INSERTED)
        in->res.inserted++;
    else if (r == OR_PUT_UPDATED)
        in->res.updated++;
    else
        in->res.unchanged++;
    return OR_OK;
}

static bool is_exclusion(const char *type)
{
    return !strcmp(type, "suspension") || !strcmp(type, "lunchtime") ||
           !strcmp(type, "permanent");
}

static or_code check_refs(or_ingest *in, or_error *err)
{
    for (size_t i = 0; i < in->nrefs; i++) {
        pending_ref *r = &in->refs[i];
        char type[32], upn[14];
        or_error e = {0};
        if (or_store_event_find(in->store, r->urn, r->ref, type, upn, &e))
            return store_failed(in, err, &e);
        if (!type[0])
            or_ingest_reject(in, r->line, "ref",
                             "'%s' names no event of school %d (a ref must name an event of the "
                             "same school)",
                             r->ref, r->urn);
        else if (strcmp(upn, r->upn))
            or_ingest_reject(in, r->line, "ref", "'%s' is an event of pupil %s, not of %s",
                             r->ref, upn, r->upn);
        else if (strcmp(r->type, "action") && !is_exclusion(type))
            or_ingest_reject(in, r->line, "ref",
                             "'%s' is a %s; a %s event must name a suspension, lunchtime "
                             "suspension or permanent exclusion",
                             r->ref, type, r->type);
    }
    return OR_OK;
}

static or_code flush_marks(or_ingest *in, or_error *err)
{
    for (size_t i = 0; i < in->years.cap; i++) {
        year_marks *y = in->years.slots[i].value;
        if (!y || !y->dirty)
            continue;
        or_prov prov = {in->src_id, 0, y->la_code};
        or_error e = {0};
        if (or_store_marks_put(in->store, &prov, y->upn, y->urn, y->ay, y->marks, &e))
            return store_failed(in, err, &e);
    }
    return OR_OK;
}

or_code or_ingest_end(or_ingest *in, or_ingest_result *res, or_error *err)
{
    or_code rc = OR_OK;
    if (!in->broken && in->res.nerrors == 0)
        check_refs(in, err);
    if (!in->broken && in->res.nerrors == 0 && !in->opts.dry_run)
        flush_marks(in, err);
    bool changed = in->res.inserted + in->res.updated > 0;
    if (in->broken) {
        or_store_rollback(in->store);
        rc = in->first.code;
        if (err)
            *err = in->first;
    } else if (in->res.nerrors > 0) {
        or_store_rollback(in->store);
        rc = OR_EINPUT;
        if (in->res.nerrors > in->opts.max_errors)
            or_sb_addf(&in->res.errors, "%s: ... and %d more errors\n", in->name,
                       in->res.nerrors - in->opts.max_errors);
        if (err)
            or_fail(err, OR_EINPUT, "%s (%d error%s in all; nothing was written)",
                    in->first.msg, in->res.nerrors, in->res.nerrors == 1 ? "" : "s");
    } else if (in->opts.dry_run || !changed) {
        or_store_rollback(in->store); /* a dry run, or a re-import: leave no trace */
    } else {
        or_error e = {0};
        if ((rc = or_store_commit(in->store, &e))) {
            or_store_rollback(in->store);
            if (err)
                *err = e;
        } else {
            in->res.committed = true;
        }
    }
    if (res)
        *res = in->res;
    else
        or_ingest_result_release(&in->res);
    free(in->refs);
    or_strmap_free(&in->schools);
    or_strmap_free(&in->pupils);
    or_strmap_free(&in->years);
    or_arena_free(&in->arena);
    free(in);
    return rc;
}
