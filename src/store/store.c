/* store.c - the store interface (store.h) over a driver (driver.h): migrations, the generic
 * idempotent put of a file kind's row, look-ups, ordered scans and attendance marks.
 *
 * SQL is built once per kind from its column table (kinds.c) and cached as prepared
 * statements. Put is "insert, and if the key was there already, compare": the common case
 * (new rows) costs one statement. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/sb.h"
#include "onroll/store.h"
#include "store/driver.h"
#include "store/migrations.h"

enum { Q_INSERT, Q_SELECT, Q_UPDATE, Q_CURRENT, Q_SCAN, Q__N };

struct or_store {
    const or_driver *drv;
    or_db *db;
    or_stmt *q[OR_K__COUNT][Q__N];
    or_stmt *school_la, *pupil_exists, *event_type, *marks_get, *marks_put, *add_source,
        *source_name;
    int depth; /* open transactions: 1 = BEGIN, more = savepoints */
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
    or_code rc = s->drv->open(url, &s->db, err);
    if (rc) {
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
    for (int k = 0; k < OR_K__COUNT; k++)
        for (int q = 0; q < Q__N; q++)
            if (s->q[k][q])
                s->drv->finalize(s->q[k][q]);
    or_stmt *one[] = {s->school_la, s->pupil_exists, s->event_type, s->marks_get,
                      s->marks_put, s->add_source,   s->source_name};
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (one[i])
            s->drv->finalize(one[i]);
    s->drv->close(s->db);
    free(s);
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

or_code or_store_check_schema(or_store *s, or_error *err)
{
    int have = 0, want = or_migrations[or_migrations_count - 1].version;
    if (schema_version(s, &have) != OR_OK || have < want)
        return or_fail(err, OR_ESTORE,
                       "%s: the database schema is at version %d, this onroll needs %d: run "
                       "`onroll init` first",
                       or_store_name(s), have, want);
    return OR_OK;
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
        or_sb sql = OR_SB_INIT;
        substitute(d, m->sql, &sql);
        rc = d->exec(s->db, or_sb_str(&sql), err);
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
    return OR_OK;
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

static bool is_text(const or_column *c)
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
                   is_text(&k->cols[c]) ? s->drv->collate_bytes : "");
        sep = ", ";
    }
    if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT)
        or_sb_adds(sql, ", id");
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
        sep = "";
        if (k->on_conflict == OR_ON_CONFLICT_SNAPSHOT) {
            or_sb_adds(sql, "digest");
        } else {
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
        or_sb_addf(sql, ", (SELECT name FROM sources WHERE sources.id = %s.src_id), src_line "
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
    } else if (is_text(c))
        d->bind_text(st, i, v->s);
    else
        d->bind_int(st, i, v->i);
}

static void read_value(const or_driver *d, or_stmt *st, int i, const or_column *c,
                       or_value *v)
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
    } else if (is_text(c))
        v->s = d->col_text(st, i);
    else
        v->i = d->col_int(st, i);
}

static bool same_value(const or_column *c, const or_value *a, const or_value *b)
{
    if (a->null || b->null)
        return a->null && b->null;
    return is_text(c) ? strcmp(a->s, b->s) == 0 : a->i == b->i;
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
    if (have) {
        *same = true;
        for (int c = 0; c < k->ncols && *same; c++) {
            if (c == OR_PU_AS_OF)
                continue;
            or_value old;
            read_value(d, st, c, &k->cols[c], &old);
            *same = same_value(&k->cols[c], &old, &row[c]);
        }
    }
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
    int diff = -1;
    or_sb msg = OR_SB_INIT;
    for (int c = 0; have && c < k->ncols; c++) {
        or_value old;
        read_value(d, st, c, &k->cols[c], &old);
        if (!same_value(&k->cols[c], &old, &row[c])) {
            diff = c;
            const char *from = d->col_null(st, k->ncols) ? "?" : d->col_text(st, k->ncols);
            or_sb_addf(&msg, "%s is recorded as ", k->cols[c].name);
            show_value(&k->cols[c], &old, &msg);
            or_sb_addf(&msg, " (from %s line %lld), this row says ", from,
                       (long long)d->col_int(st, k->ncols + 1));
            show_value(&k->cols[c], &row[c], &msg);
            break;
        }
    }
    d->reset(st);
    if (diff < 0) {
        or_sb_release(&msg);
        return OR_OK;
    }
    if (k->on_conflict == OR_ON_CONFLICT_REJECT) {
        rc = or_fail(err, OR_ECONFLICT,
                     "%s; a recorded %s is never changed: record a correction as a new event "
                     "(withdrawn, reinstated or action)",
                     or_sb_str(&msg), k->name);
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

/* ---- look-ups ---- */

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

or_code or_store_event_find(or_store *s, int urn, const char *event_id, char type[32],
                            char upn[14], or_error *err)
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

or_code or_store_marks_get(or_store *s, const char *upn, int urn, int ay, char *marks,
                           bool *found, or_error *err)
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
            read_value(s->drv, st, c, &k->cols[c], &row[c]);
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
        (rc = count_one(s, "SELECT COUNT(DISTINCT upn) FROM pupil_snapshots", &out->pupils,
                        err)) ||
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
