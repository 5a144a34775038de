/* settings.c (store) - the settings people fill once (store_settings.h, migration 013): one row
 * per (scope, key), scope 0 for the LA's and a URN for a school's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/store_settings.h"
#include "store/access.h"

static int find_def(int scope, const char *key)
{
    for (int i = 0; i < OR_SET__COUNT; i++)
        if (or_setting_is_school((or_setting_id)i) == (scope != 0) &&
            !strcmp(or_setting_def_at((or_setting_id)i)->key, key))
            return i;
    return -1;
}

static int by_scope_then_id(const void *x, const void *y)
{
    const or_setting_row *a = x, *b = y;
    if (a->urn != b->urn)
        return a->urn < b->urn ? -1 : 1;
    return (int)a->id - (int)b->id;
}

or_code or_settings_each(or_store *s, int urn, or_setting_cb cb, void *ctx, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               urn < 0 ? "SELECT scope, key, value, set_by, set_at FROM settings"
                                       : "SELECT scope, key, value, set_by, set_at FROM settings "
                                         "WHERE scope = 0 OR scope = ?",
                               err);
    if (rc)
        return rc;
    if (urn >= 0)
        q.d->bind_int(q.st, 1, urn);
    or_arena a = OR_ARENA_INIT;
    or_setting_row *rows = NULL;
    int n = 0, cap = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int sc = (int)q.d->col_int(q.st, 0), id = find_def(sc, or_query_text(&q, 1));
        if (id < 0)
            continue; /* a key this build does not know */
        OR_ARENA_GROW(&a, rows, n + 1, cap);
        rows[n++] = (or_setting_row){
            (or_setting_id)id, sc, or_arena_strdup(&a, or_query_text(&q, 2)),
            or_arena_strdup(&a, or_query_text(&q, 3)), or_arena_strdup(&a, or_query_text(&q, 4))};
    }
    or_query_done(&q);
    if (n)
        qsort(rows, (size_t)n, sizeof *rows, by_scope_then_id);
    for (int i = 0; !rc && i < n; i++)
        rc = cb(ctx, &rows[i], err);
    or_arena_free(&a);
    return rc;
}

typedef struct {
    or_arena *a;
    or_settings *out;
} load_ctx;

static or_code on_load(void *ctx, const or_setting_row *r, or_error *err)
{
    load_ctx *c = ctx;
    (void)err;
    c->out->v[r->id] = or_arena_strdup(c->a, r->value);
    return OR_OK;
}

or_code or_settings_load(or_store *s, int urn, or_arena *a, or_settings *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    out->urn = urn > 0 ? urn : 0;
    load_ctx c = {a, out};
    return or_settings_each(s, urn > 0 ? urn : 0, on_load, &c, err);
}

or_code or_setting_set(or_store *s, or_setting_id id, int urn, const char *value, const char *user,
                       or_error *err)
{
    const or_setting_def *d = or_setting_def_at(id);
    if (!d)
        return or_fail(err, OR_EINPUT, "no such setting");
    int scope = or_setting_is_school(id) ? urn : 0;
    if (or_setting_is_school(id) && urn <= 0)
        return or_fail(err, OR_EINPUT, "%s: a school's setting needs the school's URN", d->key);
    or_code rc = or_setting_check(id, value, err);
    if (rc)
        return rc;
    or_query q;
    if (!value || !*value) {
        if ((rc = or_query_prep(s, &q, "DELETE FROM settings WHERE scope = ? AND key = ?", err)))
            return rc;
        q.d->bind_int(q.st, 1, scope);
        q.d->bind_text(q.st, 2, d->key);
        return or_query_run(&q, err);
    }
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO settings (scope, key, value, set_by, set_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET "
                            "value = excluded.value, set_by = excluded.set_by, "
                            "set_at = excluded.set_at",
                            err)))
        return rc;
    char ts[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    q.d->bind_int(q.st, 1, scope);
    q.d->bind_text(q.st, 2, d->key);
    q.d->bind_text(q.st, 3, value);
    q.d->bind_text(q.st, 4, user ? user : "");
    q.d->bind_text(q.st, 5, ts);
    return or_query_run(&q, err);
}
