/* store.c - the store interface (store.h) over a driver (driver.h): migrations, the generic
 * idempotent put of a file kind's row, look-ups, ordered scans and attendance marks.
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

enum { Q_INSERT, Q_SELECT, Q_UPDATE, Q_CURRENT, Q_SCAN, Q__N };
enum { B_MERGE, B_UPDATE, B_CURRENT, B_SNAPSHOT, B__N }; /* batches: see "many rows at once" */

struct or_store {
    const or_driver *drv;
    or_db *db;
    or_stmt *q[OR_K__COUNT][Q__N];
    or_stmt *b[OR_K__COUNT][B__N];
    or_stmt *school_la, *pupil_exists, *event_type, *marks_get, *marks_put, *add_source,
        *source_name, *pupils_many, *event_la, *events_many, *marks_get_la, *marks_many;
    int depth; /* open transactions: 1 = BEGIN, more = savepoints */
    char *url; /* as opened (or_store_reopen) */
};

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

static or_code prep(or_store *s, or_stmt **st, const char *sql, or_error *err)
{
    if (*st) {
        s->drv->reset(*st);
        return OR_OK;
    }
    return s->drv->prepare(s->db, sql, st, err);
}

/* Run a prepared statement that returns no rows. */
static or_code run(or_store *s, or_stmt *st, or_error *err)
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
            rc = run(s, st, err);
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
    char sql[32];
    if (s->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT sp%d", s->depth - 1);
    or_code rc = s->drv->exec(s->db, sql, err);
    if (!rc)
        s->depth--;
    return rc;
}

or_code or_store_rollback(or_store *s)
{
    if (s->depth <= 0)
        return OR_OK;
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
    or_code rc = prep(s, &s->add_source,
                      "INSERT INTO sources (kind, name, sha256, user_name, received_at) "
                      "VALUES (?, ?, ?, ?, ?) RETURNING id",
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
    bool row = false;
    rc = d->step(s->add_source, &row, err);
    if (!rc && row)
        *id = d->col_int(s->add_source, 0);
    d->reset(s->add_source);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "recording the source %s returned no id", src->name);
    return rc;
}

/* ---- SQL built from a kind's column table ---- */

/* Kinds keyed by a school carry la_code at the head of their key (shard locality). */
static bool has_la(const or_kind *k)
{
    return k->id == OR_K_EVENTS || k->id == OR_K_ENROLMENTS || k->id == OR_K_ATTENDANCE_AGG;
}

static bool is_key(const or_kind *k, int c)
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
    if (has_la(k)) {
        or_sb_adds(sql, "la_code = ?");
        sep = " AND ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (is_key(k, c)) {
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
        if (c >= 0 && is_key(k, c)) {
            or_sb_addf(sql, "%s%s", sep, k->cols[c].sql);
            sep = ", ";
        }
    }
    for (int c = 0; c < k->ncols; c++) {
        if (!is_key(k, c) || !strcmp(k->cols[c].name, "scope") || !strcmp(k->cols[c].name, "urn"))
            continue;
        or_sb_addf(sql, "%s%s%s", sep, k->cols[c].sql,
                   or_store_is_text(&k->cols[c]) ? s->drv->collate_bytes : "");
        sep = ", ";
    }
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        or_sb_adds(sql, ", id");
}

/* What a new row of the kind may collide with: its key (pupils: the snapshot's digest). */
static void add_conflict_target(const or_kind *k, or_sb *sql)
{
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        or_sb_adds(sql, "digest");
        return;
    }
    const char *sep = "";
    if (has_la(k)) {
        or_sb_adds(sql, "la_code");
        sep = ", ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (is_key(k, c)) {
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
        if (has_la(k)) {
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
        int n = k->ncols + 2 + has_la(k) + (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT);
        for (int i = 0; i < n; i++)
            or_sb_adds(sql, i ? ", ?" : "?");
        or_sb_adds(sql, ") ON CONFLICT (");
        add_conflict_target(k, sql);
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
            if (!is_key(k, c)) {
                or_sb_addf(sql, "%s%s = ?", sep, k->cols[c].sql);
                sep = ", ";
            }
        or_sb_addf(sql, "%ssrc_id = ?, src_line = ?", sep);
        add_key_where(k, sql);
        return;
    }
}

static or_code kind_stmt(or_store *s, const or_kind *k, int q, or_stmt **out, or_error *err)
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
    if (has_la(k))
        d->bind_int(st, p++, prov->la_code);
    for (int c = 0; c < k->ncols; c++)
        if (is_key(k, c))
            bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    return p;
}

static void snapshot_digest(const or_kind *k, const or_value *row, char hex[65])
{
    or_sb canon = OR_SB_INIT;
    for (int c = 0; c < k->ncols; c++) {
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
static int row_diff(const or_driver *d, or_stmt *st, int off, const or_kind *k, const or_value *row,
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
static or_code conflict(const or_kind *k, const or_sb *msg, or_error *err)
{
    return or_fail(err, OR_ECONFLICT,
                   "%s; a recorded %s is never changed: record a correction as a new event "
                   "(withdrawn, reinstated or action)",
                   or_sb_str(msg), k->name);
}

/* Pupils: is the current result row of st (columns from off) the same snapshot as row, but
 * for its as_of date? */
static bool same_snapshot(const or_driver *d, or_stmt *st, int off, const or_kind *k,
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
    or_stmt *st;
    or_code rc = kind_stmt(s, k, Q_CURRENT, &st, err);
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
        *same = same_snapshot(d, st, 0, k, row);
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

    if ((rc = kind_stmt(s, k, Q_INSERT, &st, err)))
        return rc;
    int p = 1;
    if (has_la(k))
        d->bind_int(st, p++, prov->la_code);
    for (int c = 0; c < k->ncols; c++)
        bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    char hex[65];
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
        snapshot_digest(k, row, hex);
        d->bind_text(st, p++, hex);
    }
    d->bind_int(st, p++, prov->src_id);
    d->bind_int(st, p++, prov->line);
    if ((rc = run(s, st, err)))
        return rc;
    int64_t changed = d->changes(st);
    d->reset(st);
    if (changed > 0) {
        *res = OR_PUT_INSERTED;
        return OR_OK;
    }
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        return OR_OK; /* this exact snapshot is stored already */

    /* The key is stored: the same row, or a different one? */
    if ((rc = kind_stmt(s, k, Q_SELECT, &st, err)))
        return rc;
    bind_key(d, st, k, row, prov, 1, dates);
    bool have = false;
    if ((rc = d->step(st, &have, err)))
        return rc;
    or_sb msg = OR_SB_INIT;
    int diff = have ? row_diff(d, st, 0, k, row, &msg) : -1;
    d->reset(st);
    if (diff < 0) {
        or_sb_release(&msg);
        return OR_OK;
    }
    if (k->on_conflict == OR_ON_CONFLICT_REJECT) {
        rc = conflict(k, &msg, err);
        or_sb_release(&msg);
        return rc;
    }
    or_sb_release(&msg);
    if ((rc = kind_stmt(s, k, Q_UPDATE, &st, err)))
        return rc;
    p = 1;
    for (int c = 0; c < k->ncols; c++)
        if (!is_key(k, c))
            bind_value(d, st, p++, &k->cols[c], &row[c], dates[c]);
    d->bind_int(st, p++, prov->src_id);
    d->bind_int(st, p++, prov->line);
    bind_key(d, st, k, row, prov, p, dates);
    rc = run(s, st, err);
    d->reset(st);
    if (!rc)
        *res = OR_PUT_UPDATED;
    return rc;
}

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

enum {
    BULK_MIN = 8,         /* a wave smaller than this is put row by row */
    COPY_CHUNK = 1 << 16, /* bytes of COPY data sent at a time */
    ARRAY_MAX = 4096,     /* keys per array parameter of a look-up */
};

static bool bulk(const or_store *s)
{
    return s->drv->copy_begin != NULL;
}

bool or_store_prefers_batches(const or_store *s)
{
    return bulk(s);
}

static void add_int(or_sb *out, int64_t v)
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
static void copy_text(or_sb *out, const char *t)
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
        copy_text(out, v->s);
    } else {
        add_int(out, v->i);
    }
}

/* One element of a PostgreSQL array literal: double-quoted, '"' and '\' escaped. */
static void array_text(or_sb *out, const char *t)
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
    if (has_la(k))
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
    if (has_la(k)) {
        or_sb_adds(sql, "t.la_code = s.la_code");
        sep = " AND ";
    }
    for (int c = 0; c < k->ncols; c++)
        if (is_key(k, c)) {
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
        add_conflict_target(k, sql);
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
            if (!is_key(k, c))
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
static or_code copy_flush(or_store *s, or_sb *buf, bool all, or_error *err)
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
static or_code stage_begin(or_store *s, const char *stage, const char *shape, const char *cols,
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
    or_code rc = stage_begin(s, or_sb_str(&stage), or_sb_str(&shape), or_sb_str(&cols), err);
    or_sb_release(&shape);
    or_sb_release(&cols);
    or_sb_release(&stage);
    if (rc)
        return rc;
    or_sb buf = OR_SB_INIT;
    for (size_t j = 0; j < n && !rc; j++) {
        const or_value *row = rows[idx[j]];
        const or_prov *prov = &provs[idx[j]];
        add_int(&buf, (int64_t)j);
        or_sb_addc(&buf, '\t');
        if (has_la(k)) {
            add_int(&buf, prov->la_code);
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
        add_int(&buf, prov->src_id);
        or_sb_addc(&buf, '\t');
        add_int(&buf, prov->line);
        or_sb_addc(&buf, '\n');
        rc = copy_flush(s, &buf, false, err);
    }
    if (!rc)
        rc = copy_flush(s, &buf, true, err);
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
            add_int(out, (int64_t)j);
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
        if (row_diff(d, st, 1, k, rows[i], &msg) < 0)
            res[i] = OR_PUT_UNCHANGED;
        else if (k->on_conflict == OR_ON_CONFLICT_REJECT)
            conflict(k, &msg, &row_errs[i]);
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
        rc = run(s, st, err);
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
        snapshot_digest(k, rows[idx[j]], digests[j]);
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
            if (j >= 0 && (size_t)j < n && same_snapshot(d, st, 1, k, rows[idx[j]]))
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
    if (has_la(k)) {
        add_int(out, prov->la_code);
        or_sb_addc(out, '\t');
    }
    for (int c = 0; c < k->ncols; c++)
        if (is_key(k, c)) {
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
    if (!bulk(s) || n < BULK_MIN)
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

/* ---- look-ups of many keys ---- */

or_code or_store_pupils_exist(or_store *s, const char *const *upns, size_t n, bool *found,
                              or_error *err)
{
    or_code rc = OR_OK;
    if (!bulk(s)) {
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
            array_text(&arr, upns[from + i]);
        }
        or_sb_addc(&arr, '}');
        if ((rc = prep(s, &s->pupils_many,
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
    if (!bulk(s)) { /* by the school's key first, which its index answers */
        for (size_t i = 0; i < n && !rc; i++) {
            if ((rc = prep(s, &s->event_la,
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
    for (size_t from = 0; bulk(s) && from < n && !rc; from += ARRAY_MAX) {
        size_t m = n - from < ARRAY_MAX ? n - from : ARRAY_MAX;
        or_sb_reset(&la);
        or_sb_reset(&urn);
        or_sb_reset(&id);
        for (size_t i = 0; i < m; i++) {
            const or_event_ref *r = &refs[from + i];
            or_sb_addc(&la, i ? ',' : '{');
            add_int(&la, r->la_code);
            or_sb_addc(&urn, i ? ',' : '{');
            add_int(&urn, r->urn);
            or_sb_addc(&id, i ? ',' : '{');
            array_text(&id, r->event_id);
        }
        or_sb_addc(&la, '}');
        or_sb_addc(&urn, '}');
        or_sb_addc(&id, '}');
        if ((rc = prep(s, &s->events_many,
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
    if (!bulk(s)) {
        for (size_t i = 0; i < n && !rc; i++) {
            if ((rc = prep(s, &s->marks_get_la,
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
            add_int(&la, r->la_code);
            array_text(&upn, r->upn);
            add_int(&urn, r->urn);
            add_int(&ay, r->ay);
        }
        for (int a = 0; a < 4; a++)
            or_sb_addc(arrs[a], '}');
        if ((rc = prep(s, &s->marks_many,
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
    if (!bulk(s) || n < BULK_MIN) {
        for (size_t i = 0; i < n && !rc; i++) {
            or_prov prov = {src_id, 0, y[i].la_code};
            rc = or_store_marks_put(s, &prov, y[i].upn, y[i].urn, y[i].ay, y[i].marks, err);
        }
        return rc;
    }
    static const char cols[] = "la_code, upn, urn, academic_year, marks, src_id";
    if ((rc = stage_begin(s, "or_stage_attendance",
                          "SELECT la_code, upn, urn, academic_year, marks, src_id FROM "
                          "attendance WITH NO DATA",
                          cols, err)))
        return rc;
    or_sb buf = OR_SB_INIT;
    for (size_t i = 0; i < n && !rc; i++) {
        add_int(&buf, y[i].la_code);
        or_sb_addc(&buf, '\t');
        copy_text(&buf, y[i].upn);
        or_sb_addc(&buf, '\t');
        add_int(&buf, y[i].urn);
        or_sb_addc(&buf, '\t');
        add_int(&buf, y[i].ay);
        or_sb_addc(&buf, '\t');
        char m[OR_MARKS_LEN + 1];
        memcpy(m, y[i].marks, OR_MARKS_LEN);
        m[OR_MARKS_LEN] = '\0';
        copy_text(&buf, m); /* '\\' is a register code */
        or_sb_addc(&buf, '\t');
        add_int(&buf, src_id);
        or_sb_addc(&buf, '\n');
        rc = copy_flush(s, &buf, false, err);
    }
    if (!rc)
        rc = copy_flush(s, &buf, true, err);
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

static or_code count_one(or_store *s, const char *sql, int64_t *out, or_error *err);

/* ---- look-ups ---- */

or_code or_store_estimate_rows(or_store *s, const or_kind *k, int64_t *n, or_error *err)
{
    char sql[96];
    if (k->id == OR_K_EVENTS || k->id == OR_K_PUPILS) /* ids: their index answers MAX */
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) FROM %s", k->table);
    else
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", k->table);
    return count_one(s, sql, n, err);
}

or_code or_store_school_la(or_store *s, int urn, int *la_code, bool *found, or_error *err)
{
    or_code rc = prep(s, &s->school_la, "SELECT la_code FROM schools WHERE urn = ?", err);
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
    or_code rc =
        prep(s, &s->pupil_exists, "SELECT 1 FROM pupil_snapshots WHERE upn = ? LIMIT 1", err);
    if (rc)
        return rc;
    s->drv->bind_text(s->pupil_exists, 1, upn);
    rc = s->drv->step(s->pupil_exists, found, err);
    s->drv->reset(s->pupil_exists);
    return rc;
}

or_code or_store_event_find(or_store *s, int urn, const char *event_id, char type[32], char upn[14],
                            or_error *err)
{
    or_code rc = prep(s, &s->event_type,
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
    or_code rc = prep(s, &s->marks_get,
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
    or_code rc = prep(s, &s->marks_put,
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
    rc = run(s, s->marks_put, err);
    d->reset(s->marks_put);
    return rc;
}

/* ---- scans ---- */

or_code or_store_scan(or_store *s, const or_kind *k, or_row_cb cb, void *ctx, or_error *err)
{
    or_stmt *st;
    or_code rc = kind_stmt(s, k, Q_SCAN, &st, err);
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

static or_code count_one(or_store *s, const char *sql, int64_t *out, or_error *err)
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
    if ((rc = count_one(s, "SELECT COUNT(*) FROM schools", &out->schools, err)) ||
        (rc = count_one(s, "SELECT COUNT(DISTINCT upn) FROM pupil_snapshots", &out->pupils, err)) ||
        (rc = count_one(s, "SELECT COUNT(*) FROM enrolments", &out->enrolments, err)) ||
        (rc = count_one(s, "SELECT COUNT(*) FROM events", &out->events, err)) ||
        (rc = count_one(s, "SELECT COUNT(*) FROM attendance", &out->attendance_years, err)) ||
        (rc = count_one(s, "SELECT COUNT(*) FROM sources", &out->sources, err)))
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

/* ---- for the other files of src/store/ (access.h) ---- */

const or_driver *or_store_driver(const or_store *s, or_db **db)
{
    *db = s->db;
    return s->drv;
}
