/* store.c - the store interface (store.h) over a driver (driver.h): opening, migrations,
 * transactions, sources. The generic idempotent put of a file kind's row is store_put.c, many
 * rows at once store_bulk.c, the look-ups and marks store_lookup.c, the ordered scans and
 * counts store_scan.c; what they share is store_internal.h.
 *
 * SQL is built once per kind from its column table (kinds.c) and cached as prepared
 * statements. Put is "insert, and if the key was there already, compare": the common case
 * (new rows) costs one statement. On an engine that can bulk load (PostgreSQL), batches of
 * rows, look-ups and marks go through COPY and set-based SQL instead (see "many rows at
 * once"), with the same results. */
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

static bool is_pg_url(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

or_code or_store_open(const char *url, or_store **out, or_error *err)
{
    if (sodium_init() < 0)
        return or_fail(err, OR_ESTORE, "libsodium failed to initialise");
    or_store *s = calloc(1, sizeof *s);
    if (!s)
        return or_fail(err, OR_ENOMEM, "out of memory opening %s", url);
    s->drv = is_pg_url(url) ? &or_pg_driver : &or_sqlite_driver;
    s->url = strdup(url);
    or_code rc = s->url ? s->drv->open(url, &s->db, err)
                        : or_fail(err, OR_ENOMEM, "out of memory opening %s", url);
    if (rc) {
        free(s->url);
        free(s);
        return rc;
    }
    *out = s;
    return OR_OK;
}

void or_store_close(or_store *s)
{
    if (!s)
        return;
    for (int k = 0; k < OR_K__COUNT; k++) {
        for (int q = 0; q < Q__N; q++)
            if (s->q[k][q])
                s->drv->finalize(s->q[k][q]);
        for (int q = 0; q < B__N; q++)
            if (s->b[k][q])
                s->drv->finalize(s->b[k][q]);
    }
    or_stmt *one[] = {s->school_la, s->pupil_exists, s->event_type,   s->marks_get,
                      s->marks_put, s->add_source,   s->source_name,  s->pupils_many,
                      s->event_la,  s->events_many,  s->marks_get_la, s->marks_many};
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (one[i])
            s->drv->finalize(one[i]);
    if (s->load.forget)
        s->load.forget(s);
    s->drv->close(s->db);
    free(s->url);
    free(s);
}

or_code or_store_reopen(or_store *s, or_store **out, or_error *err)
{
    const char *u = s->url;
    if (!strcmp(u, ":memory:") || !strcmp(u, "") || strstr(u, "mode=memory"))
        return or_fail(err, OR_EUSAGE, "an in-memory database has no second connection");
    return or_store_open(u, out, err);
}

or_code or_store_begin_read(or_store *s, or_error *err)
{
    if (s->depth)
        return or_fail(err, OR_EUSAGE, "a read transaction inside another transaction");
    const char *sql = strcmp(s->drv->engine, "postgresql") == 0
                          ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                          : "BEGIN";
    or_code rc = s->drv->exec(s->db, sql, err);
    if (!rc)
        s->depth++;
    return rc;
}

const char *or_store_engine(const or_store *s)
{
    return s->drv->engine;
}

const char *or_store_name(const or_store *s)
{
    return s->drv->name(s->db);
}

/* ---- statements ---- */

or_code st_prep(or_store *s, or_stmt **st, const char *sql, or_error *err)
{
    if (*st) {
        s->drv->reset(*st);
        return OR_OK;
    }
    return s->drv->prepare(s->db, sql, st, err);
}

/* Run a prepared statement that returns no rows. */
or_code st_run(or_store *s, or_stmt *st, or_error *err)
{
    bool row;
    or_code rc = s->drv->step(st, &row, err);
    return rc;
}

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- migrations ---- */

/* A migration's lines for this engine: a line "-- @sqlite" or "-- @postgresql" starts lines for
 * that engine only, "-- @all" lines for both again (the default). */
static void for_engine(const or_driver *d, const char *sql, or_sb *out)
{
    bool mine = true;
    for (const char *p = sql; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (!strncmp(p, "-- @", 4)) {
            const char *tag = p + 4;
            size_t t = strcspn(tag, " \r\n");
            mine = (t == 3 && !strncmp(tag, "all", 3)) ||
                   (t == strlen(d->engine) && !strncmp(tag, d->engine, t));
        } else if (mine) {
            or_sb_add(out, p, n);
        }
        p += n;
    }
}

static void substitute(const or_driver *d, const char *sql, or_sb *out)
{
    const char *p = sql;
    for (;;) {
        const char *open = strstr(p, "{{");
        if (!open) {
            or_sb_adds(out, p);
            return;
        }
        const char *close = strstr(open, "}}");
        if (!close) {
            or_sb_adds(out, p);
            return;
        }
        or_sb_add(out, p, (size_t)(open - p));
        char token[16] = "";
        size_t n = (size_t)(close - open - 2);
        if (n < sizeof token)
            memcpy(token, open + 2, n);
        or_sb_adds(out, d->type_for(token));
        p = close + 2;
    }
}

/* The highest migration applied; fails if there is no schema_migrations table. */
static or_code schema_version(or_store *s, int *version)
{
    or_stmt *st = NULL;
    or_code rc = s->drv->prepare(s->db, "SELECT MAX(version) FROM schema_migrations", &st, NULL);
    if (rc)
        return rc;
    bool row = false;
    rc = s->drv->step(st, &row, NULL);
    *version = (!rc && row && !s->drv->col_null(st, 0)) ? (int)s->drv->col_int(st, 0) : 0;
    s->drv->finalize(st);
    return rc;
}

/* The audit log is there (on SQLite, in the log database DB-log: a database copied without it
 * must not run as if nobody had ever read anything). */
static or_code check_log(or_store *s, or_error *err)
{
    or_stmt *st = NULL;
    if (s->drv->prepare(s->db, "SELECT id FROM audit_log WHERE id = 0", &st, NULL) == OR_OK) {
        s->drv->finalize(st);
        return OR_OK;
    }
    return or_fail(err, OR_ESTORE,
                   "%s: the audit log is missing%s: put the log database back beside it (a copy "
                   "of a database is made with `onroll backup`, never by copying its file alone)",
                   or_store_name(s),
                   strcmp(s->drv->engine, "sqlite") ? ""
                                                    : " (it is in the file of the same name "
                                                      "ending -log)");
}

or_code or_store_check_schema(or_store *s, or_error *err)
{
    int have = 0, want = or_migrations[or_migrations_count - 1].version;
    if (schema_version(s, &have) != OR_OK || have < want)
        return or_fail(err, OR_ESTORE,
                       "%s: the database schema is at version %d, this onroll needs %d: run "
                       "`onroll init` first",
                       or_store_name(s), have, want);
    return check_log(s, err);
}

bool or_store_in_transaction(const or_store *s)
{
    return s->depth > 0;
}

or_code or_store_backup(or_store *s, const char *path, or_error *err)
{
    if (!s->drv->backup)
        return or_fail(err, OR_EUSAGE,
                       "%s is a PostgreSQL database: back it up with PostgreSQL's own tool, "
                       "pg_dump (for example pg_dump --format=custom --file=%s DATABASE_URL)",
                       or_store_name(s), path);
    if (s->depth)
        return or_fail(err, OR_EUSAGE, "a backup is not taken inside a transaction");
    return s->drv->backup(s->db, path, err);
}

or_code or_store_restore(or_store *s, const char *path, or_error *err)
{
    if (!s->drv->restore)
        return or_fail(err, OR_EUSAGE,
                       "%s is a PostgreSQL database: restore a pg_dump copy with PostgreSQL's "
                       "own tool, pg_restore (for example pg_restore --dbname=DATABASE_URL %s)",
                       or_store_name(s), path);
    if (s->depth)
        return or_fail(err, OR_EUSAGE, "a restore is not made inside a transaction");
    return s->drv->restore(s->db, path, err);
}

or_code or_store_migrate(or_store *s, int *applied, or_error *err)
{
    const or_driver *d = s->drv;
    int have = 0;
    or_code rc = OR_OK;
    if (schema_version(s, &have) != OR_OK) /* no table yet (or not readable): create it */
        rc = d->exec(s->db,
                     "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL "
                     "PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                     err);
    if (rc)
        return rc;
    int n = 0;
    for (int i = 0; i < or_migrations_count; i++) {
        const or_migration *m = &or_migrations[i];
        or_stmt *st = NULL;
        rc = d->prepare(s->db, "SELECT 1 FROM schema_migrations WHERE version = ?", &st, err);
        if (rc)
            return rc;
        d->bind_int(st, 1, m->version);
        bool row = false;
        rc = d->step(st, &row, err);
        d->finalize(st);
        if (rc)
            return rc;
        if (row)
            continue;
        if ((rc = or_store_begin(s, err)))
            return rc;
        or_sb mine = OR_SB_INIT, sql = OR_SB_INIT;
        for_engine(d, m->sql, &mine);
        substitute(d, or_sb_str(&mine), &sql);
        rc = d->exec(s->db, or_sb_str(&sql), err);
        or_sb_release(&mine);
        or_sb_release(&sql);
        if (!rc)
            rc = d->prepare(s->db,
                            "INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (?, ?, ?)",
                            &st, err);
        if (!rc) {
            char ts[32];
            now_iso(ts);
            d->bind_int(st, 1, m->version);
            d->bind_text(st, 2, m->name);
            d->bind_text(st, 3, ts);
            rc = st_run(s, st, err);
            d->finalize(st);
        }
        if (rc) {
            or_error_prefix(err, "migration %s: ", m->name);
            or_store_rollback(s);
            return rc;
        }
        if ((rc = or_store_commit(s, err)))
            return rc;
        n++;
    }
    if (applied)
        *applied = n;
    return check_log(s, err);
}

/* Transactions nest: the outermost is BEGIN/COMMIT, inner ones are savepoints, so that a
 * dry run of several files can wrap their batches in one transaction it rolls back. */
or_code or_store_begin(or_store *s, or_error *err)
{
    char sql[32];
    if (s->depth == 0)
        snprintf(sql, sizeof sql, "BEGIN");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT sp%d", s->depth);
    or_code rc = s->drv->exec(s->db, sql, err);
    if (!rc)
        s->depth++;
    return rc;
}

or_code or_store_commit(or_store *s, or_error *err)
{
    if (s->depth <= 0)
        return or_fail(err, OR_EUSAGE, "commit without a transaction");
    or_code rc;
    if (s->load.active && s->depth == s->load.depth && (rc = s->load.finish(s, err)))
        return rc; /* never commit a batch's table without its indexes */
    char sql[32];
    if (s->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT sp%d", s->depth - 1);
    rc = s->drv->exec(s->db, sql, err);
    if (!rc)
        s->depth--;
    return rc;
}

or_code or_store_rollback(or_store *s)
{
    if (s->depth <= 0)
        return OR_OK;
    if (s->load.active && s->depth == s->load.depth)
        s->load.forget(s); /* the rollback restores what it dropped */
    s->depth--;
    if (s->depth == 0)
        return s->drv->exec(s->db, "ROLLBACK", NULL);
    char sql[96];
    snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT sp%d; RELEASE SAVEPOINT sp%d", s->depth,
             s->depth);
    return s->drv->exec(s->db, sql, NULL);
}

or_code or_store_add_source(or_store *s, const or_source *src, int64_t *id, or_error *err)
{
    or_code rc = st_prep(s, &s->add_source,
                         "INSERT INTO sources (kind, name, sha256, user_name, received_at, detail) "
                         "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                         err);
    if (rc)
        return rc;
    char ts[32];
    now_iso(ts);
    const or_driver *d = s->drv;
    d->bind_text(s->add_source, 1, src->kind);
    d->bind_text(s->add_source, 2, src->name);
    if (src->sha256)
        d->bind_text(s->add_source, 3, src->sha256);
    else
        d->bind_null(s->add_source, 3);
    if (src->user)
        d->bind_text(s->add_source, 4, src->user);
    else
        d->bind_null(s->add_source, 4);
    d->bind_text(s->add_source, 5, ts);
    if (src->detail)
        d->bind_text(s->add_source, 6, src->detail);
    else
        d->bind_null(s->add_source, 6);
    bool row = false;
    rc = d->step(s->add_source, &row, err);
    if (!rc && row)
        *id = d->col_int(s->add_source, 0);
    d->reset(s->add_source);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "recording the source %s returned no id", src->name);
    return rc;
}

/* ---- for the other files of src/store/ (access.h) ---- */

const or_driver *or_store_driver(const or_store *s, or_db **db)
{
    *db = s->db;
    return s->drv;
}
