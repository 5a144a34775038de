/* sqlite.c - the SQLite driver (driver.h): the embedded default store, in WAL mode. It has no
 * bulk-load path (copy_begin is NULL): a statement is a function call, so store.c puts a
 * batch of rows one by one.
 *
 * Two files make one database: DB holds the records, and DB-log (the "log database", attached
 * as schema "log" to every connection) holds what a page writes as it is read - the audit
 * log, the sessions, the failed sign-ins (migration 009). Each file has its own write lock, so
 * a long import holding the records' lock never holds up a page's audit row or a session's
 * "last seen". Both are synchronous=FULL: a commit is on disk before it returns, so the audit
 * log and the notification outbox survive a power cut (docs/security.md, with the figures).
 *
 * Each connection keeps the statements it finalizes, reset, for the next prepare of the same
 * SQL text (STMT_CACHE of them, the oldest dropped first): the store's queries are fixed
 * strings, and parsing them again was a fifth of the time of a pupil's page. A statement in
 * use is out of the cache, so the same query may be open twice (nested) as before. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/driver.h"

enum { STMT_CACHE = 64 };

typedef struct {
    char *sql; /* NULL: empty slot */
    uint64_t hash;
    sqlite3_stmt *h;
} cached_stmt;

struct or_db {
    sqlite3 *h;
    char *path;
    cached_stmt cache[STMT_CACHE];
    int next; /* the slot to reuse when the cache is full (round robin) */
};

struct or_stmt {
    or_db *db;
    sqlite3_stmt *h;
    bool started;
    int64_t changes;
};

static or_code db_error(or_db *db, or_error *err, const char *what)
{
    return or_fail(err, OR_ESTORE, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

/* The log database's file: DB-log beside DB (an in-memory or temporary DB gets one of its own
 * kind). */
static char *log_path(const char *path)
{
    if (!*path || !strcmp(path, ":memory:"))
        return strdup(path);
    size_t n = strlen(path);
    char *p = malloc(n + 5);
    if (p) {
        memcpy(p, path, n);
        memcpy(p + n, "-log", 5);
    }
    return p;
}

static int attach_log(or_db *db)
{
    char *path = log_path(db->path);
    sqlite3_stmt *st = NULL;
    int rc =
        path ? sqlite3_prepare_v2(db->h, "ATTACH DATABASE ? AS log", -1, &st, NULL) : SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    free(path);
    return rc;
}

static or_code sq_open(const char *url, or_db **out, or_error *err)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    or_db *db = calloc(1, sizeof *db);
    if (!db)
        return or_fail(err, OR_ENOMEM, "out of memory");
    db->path = strdup(path);
    /* NOMUTEX: a connection is only ever used by one thread at a time (the server gives each
     * worker thread its own store), so SQLite's per-call locking would be pure cost */
    if (sqlite3_open_v2(path, &db->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        or_code rc = or_fail(err, OR_ESTORE, "%s: cannot open the database: %s", path,
                             db->h ? sqlite3_errmsg(db->h) : "out of memory");
        sqlite3_close(db->h);
        free(db->path);
        free(db);
        return rc;
    }
    sqlite3_busy_timeout(db->h, 10000);
    char *msg = NULL;
    if (attach_log(db) != SQLITE_OK ||
        sqlite3_exec(db->h,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "PRAGMA log.journal_mode=WAL; PRAGMA log.synchronous=FULL; "
                     "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
                     "PRAGMA temp_store=MEMORY;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        if (!msg)
            msg = sqlite3_mprintf("%s", sqlite3_errmsg(db->h));
        or_code rc = or_fail(err, OR_ESTORE, "%s: %s", path, msg ? msg : "cannot configure");
        sqlite3_free(msg);
        sqlite3_close(db->h);
        free(db->path);
        free(db);
        return rc;
    }
    *out = db;
    return OR_OK;
}

static void sq_close(or_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < STMT_CACHE; i++) {
        sqlite3_finalize(db->cache[i].h);
        free(db->cache[i].sql);
    }
    sqlite3_close(db->h);
    free(db->path);
    free(db);
}

static or_code sq_exec(or_db *db, const char *sql, or_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        or_code rc = or_fail(err, OR_ESTORE, "%s: %s", db->path, msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return OR_OK;
}

static uint64_t sql_hash(const char *sql)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static or_code sq_prepare(or_db *db, const char *sql, or_stmt **out, or_error *err)
{
    or_stmt *st = calloc(1, sizeof *st);
    if (!st)
        return or_fail(err, OR_ENOMEM, "out of memory");
    st->db = db;
    uint64_t hash = sql_hash(sql);
    for (int i = 0; i < STMT_CACHE; i++) {
        cached_stmt *c = &db->cache[i];
        if (c->sql && c->hash == hash && !strcmp(c->sql, sql)) { /* taken out while in use */
            st->h = c->h;
            free(c->sql);
            *c = (cached_stmt){0};
            *out = st;
            return OR_OK;
        }
    }
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->h, NULL) != SQLITE_OK) {
        free(st);
        return db_error(db, err, "preparing a statement");
    }
    *out = st;
    return OR_OK;
}

static void sq_finalize(or_stmt *st)
{
    if (!st)
        return;
    or_db *db = st->db;
    const char *sql = st->h ? sqlite3_sql(st->h) : NULL;
    char *copy = sql ? strdup(sql) : NULL;
    if (!copy) {
        sqlite3_finalize(st->h);
        free(st);
        return;
    }
    sqlite3_reset(st->h);
    sqlite3_clear_bindings(st->h); /* text is bound SQLITE_STATIC: drop the pointers */
    int slot = -1;
    for (int i = 0; i < STMT_CACHE && slot < 0; i++)
        if (!db->cache[i].sql)
            slot = i;
    if (slot < 0) { /* full: drop the next in turn */
        slot = db->next;
        db->next = (db->next + 1) % STMT_CACHE;
        sqlite3_finalize(db->cache[slot].h);
        free(db->cache[slot].sql);
    }
    db->cache[slot] = (cached_stmt){copy, sql_hash(copy), st->h};
    free(st);
}

static void sq_bind_null(or_stmt *st, int i)
{
    sqlite3_bind_null(st->h, i);
}

static void sq_bind_int(or_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st->h, i, v);
}

static void sq_bind_text(or_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st->h, i, s, -1, SQLITE_STATIC);
}

static or_code sq_step(or_stmt *st, bool *row, or_error *err)
{
    int rc = sqlite3_step(st->h);
    st->started = true;
    if (rc == SQLITE_ROW) {
        *row = true;
        return OR_OK;
    }
    *row = false;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(st->db->h);
        return OR_OK;
    }
    or_code c = db_error(st->db, err, "running a statement");
    sqlite3_reset(st->h);
    return c;
}

static void sq_reset(or_stmt *st)
{
    sqlite3_reset(st->h);
    sqlite3_clear_bindings(st->h);
    st->started = false;
}

static bool sq_col_null(or_stmt *st, int i)
{
    return sqlite3_column_type(st->h, i) == SQLITE_NULL;
}

static int64_t sq_col_int(or_stmt *st, int i)
{
    return sqlite3_column_int64(st->h, i);
}

static const char *sq_col_text(or_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st->h, i);
    return t ? (const char *)t : "";
}

static int64_t sq_changes(or_stmt *st)
{
    return st->changes;
}

static const char *sq_type_for(const char *token)
{
    if (!strcmp(token, "ID"))
        return "INTEGER PRIMARY KEY";
    if (!strcmp(token, "BLOB"))
        return "BLOB";
    return "TEXT"; /* DATE and TS: ISO 8601 text, which sorts and compares correctly */
}

static const char *sq_name(const or_db *db)
{
    return db->path;
}

/* ---- backup and restore (SQLite's online backup API) ---- */

static char *with_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    char *p = malloc(n + m + 1);
    if (p) {
        memcpy(p, path, n);
        memcpy(p + n, suffix, m + 1);
    }
    return p;
}

/* Remove a database file and what SQLite keeps beside it. */
static void remove_db_files(const char *path)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
    char buf[4200];
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, sides[i]);
        remove(buf);
    }
}

/* Copy schema `from` of connection src, as src sees it now, into the database `to` of dst in
 * one step (no restart: src holds its read transaction throughout). */
static or_code copy_pages(sqlite3 *dst, const char *to, sqlite3 *src, const char *from,
                          const char *what, or_error *err)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, to, src, from);
    if (!b)
        return or_fail(err, OR_ESTORE, "%s: cannot start the copy: %s", what, sqlite3_errmsg(dst));
    int rc = sqlite3_backup_step(b, -1);
    int done = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || done != SQLITE_OK)
        return or_fail(err, OR_ESTORE, "%s: the copy failed: %s", what,
                       sqlite3_errstr(rc != SQLITE_DONE ? rc : done));
    return OR_OK;
}

/* Schema `from` of db into a new file at path (readable by its owner only: it holds
 * children's data). */
static or_code backup_to(or_db *db, const char *from, const char *path, or_error *err)
{
    remove_db_files(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return or_fail(err, OR_EIO, "%s: cannot create: %s", path, strerror(errno));
    close(fd);
    sqlite3 *dst = NULL;
    or_code rc = OR_OK;
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        rc = or_fail(err, OR_EIO, "%s: cannot open: %s", path,
                     dst ? sqlite3_errmsg(dst) : "out of memory");
    else
        rc = copy_pages(dst, "main", db->h, from, path, err);
    if (sqlite3_close(dst) != SQLITE_OK && !rc)
        rc = or_fail(err, OR_EIO, "%s: cannot close", path);
    return rc;
}

static or_code sq_backup(or_db *db, const char *path, or_error *err)
{
    char *tmp = with_suffix(path, ".tmp"), *tmp_log = tmp ? with_suffix(tmp, "-log") : NULL,
         *log = with_suffix(path, "-log");
    if (!tmp || !tmp_log || !log) {
        free(tmp);
        free(tmp_log);
        free(log);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    /* one read transaction on both files: the records and the log as of the same moment */
    or_code rc = sq_exec(db,
                         "BEGIN; SELECT COUNT(*) FROM main.sqlite_master; "
                         "SELECT COUNT(*) FROM log.sqlite_master",
                         err);
    if (!rc) {
        rc = backup_to(db, "main", tmp, err);
        if (!rc)
            rc = backup_to(db, "log", tmp_log, err);
        sq_exec(db, "COMMIT", NULL);
    }
    if (!rc && (rename(tmp_log, log) || rename(tmp, path)))
        rc = or_fail(err, OR_EIO, "%s: cannot rename the copy to it: %s", path, strerror(errno));
    if (rc) {
        remove_db_files(tmp);
        remove_db_files(tmp_log);
    }
    free(tmp);
    free(tmp_log);
    free(log);
    return rc;
}

/* Open a backup's file read-only; it must be an onroll database. */
static or_code open_backup(const char *path, const char *check, sqlite3 **out, or_error *err)
{
    if (access(path, R_OK))
        return or_fail(err, OR_EINPUT, "%s: %s%s", path, strerror(errno),
                       strstr(path, "-log") ? " (a backup is two files: FILE and FILE-log)" : "");
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        or_code rc = or_fail(err, OR_EINPUT, "%s: cannot open: %s", path,
                             h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return rc;
    }
    sqlite3_stmt *st = NULL;
    bool ok =
        sqlite3_prepare_v2(h, check, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!ok) {
        sqlite3_close(h);
        return or_fail(err, OR_EINPUT, "%s: not a backup made by onroll backup", path);
    }
    *out = h;
    return OR_OK;
}

static or_code sq_restore(or_db *db, const char *path, or_error *err)
{
    sqlite3_stmt *st = NULL;
    int64_t objects = -1;
    if (sqlite3_prepare_v2(db->h,
                           "SELECT (SELECT COUNT(*) FROM main.sqlite_master) + "
                           "(SELECT COUNT(*) FROM log.sqlite_master)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        objects = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (objects != 0)
        return or_fail(err, OR_EINPUT,
                       "%s: not empty: a backup is restored only into a new database (no tables), "
                       "never over one in use",
                       db->path);
    char *log = with_suffix(path, "-log");
    if (!log)
        return or_fail(err, OR_ENOMEM, "out of memory");
    sqlite3 *src = NULL, *src_log = NULL;
    or_code rc = open_backup(path, "SELECT MAX(version) FROM schema_migrations", &src, err);
    if (!rc)
        rc = open_backup(log, "SELECT COUNT(*) FROM audit_log", &src_log, err);
    if (!rc)
        rc = copy_pages(db->h, "main", src, "main", db->path, err);
    if (!rc)
        rc = copy_pages(db->h, "log", src_log, "main", db->path, err);
    sqlite3_close(src);
    sqlite3_close(src_log);
    free(log);
    return rc;
}

const or_driver or_sqlite_driver = {
    .engine = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_null = sq_bind_null,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .step = sq_step,
    .reset = sq_reset,
    .col_null = sq_col_null,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .changes = sq_changes,
    .type_for = sq_type_for,
    .name = sq_name,
    .collate_bytes = "",
    .copy_begin = NULL,
    .copy_data = NULL,
    .copy_end = NULL,
    .backup = sq_backup,
    .restore = sq_restore,
};
