/* instrument_versions.c (store) - the LA's versions of instruments (store_instruments.h,
 * migration 033): read into a caller's set, written once as JSON. */
#include <string.h>

#include "onroll/instrument_json.h"
#include "onroll/store_instruments.h"
#include "store/access.h"

or_code or_instruments_load(or_store *s, or_arena *a, or_instrument_set *out, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT instrument, version, definition FROM instrument_versions "
                               "ORDER BY instrument, version",
                               err);
    if (rc)
        return rc;
    int n = 0, cap = 8;
    or_instrument *xs = or_arena_calloc(a, (size_t)cap, sizeof *xs);
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        if (n == cap) {
            xs = or_arena_grow(a, xs, (size_t)cap, (size_t)cap * 2, sizeof *xs);
            cap *= 2;
        }
        const char *id = or_arena_strdup(a, or_query_text(&q, 0));
        int version = (int)q.d->col_int(q.st, 1);
        const char *def = or_query_text(&q, 2);
        if ((rc = or_instrument_from_json(def, strlen(def), a, &xs[n], err))) {
            or_error_prefix(err, "instrument_versions %s version %d: ", id, version);
            break;
        }
        xs[n].id = id; /* the row's, whatever the JSON says */
        xs[n].version = version;
        n++;
    }
    or_query_done(&q);
    if (rc)
        return rc;
    or_instrument_set_make(a, xs, n, out);
    return OR_OK;
}

or_code or_instrument_version_put(or_store *s, const or_instrument_set *set,
                                  const or_instrument *in, const char *user, or_error *err)
{
    int next = or_instrument_set_next_version(set, in->id);
    if (in->version != next)
        return or_fail(err, OR_ECONFLICT,
                       "%s version %d: the next version is %d (someone saved one meanwhile?)",
                       in->id, in->version, next);
    or_arena a = OR_ARENA_INIT;
    char *json = NULL;
    or_code rc = or_instrument_to_json(in, &a, &json, err);
    or_query q;
    if (!rc)
        rc = or_query_prep(s, &q,
                           "INSERT INTO instrument_versions (instrument, version, definition, "
                           "made_by, made_at) VALUES (?, ?, ?, ?, ?)",
                           err);
    if (!rc) {
        char ts[32];
        or_store_now_iso(ts);
        q.d->bind_text(q.st, 1, in->id);
        q.d->bind_int(q.st, 2, in->version);
        q.d->bind_text(q.st, 3, json);
        q.d->bind_text(q.st, 4, user ? user : "");
        q.d->bind_text(q.st, 5, ts);
        rc = or_query_run(&q, err);
    }
    or_arena_free(&a);
    return rc;
}

or_code or_instrument_version_made(or_store *s, const char *id, int version, or_arena *a,
                                   const char **by, const char **at, or_error *err)
{
    *by = *at = "";
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT made_by, made_at FROM instrument_versions WHERE "
                               "instrument = ? AND version = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, id);
    q.d->bind_int(q.st, 2, version);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have) {
        *by = or_arena_strdup(a, or_query_text(&q, 0));
        *at = or_arena_strdup(a, or_query_text(&q, 1));
    }
    or_query_done(&q);
    return rc;
}
