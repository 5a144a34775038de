/* driver.h - the few primitives store.c needs from a database engine. SQL is written once, in
 * store.c, with '?' placeholders; each driver (sqlite.c, pg.c) runs it on its engine. An
 * engine with a bulk-load path (copy_begin) also gets store.c's set-based batch SQL. */
#ifndef ONROLL_STORE_DRIVER_H
#define ONROLL_STORE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"

typedef struct or_db or_db;
typedef struct or_stmt or_stmt;

typedef struct {
    const char *engine; /* "sqlite", "postgresql" */
    or_code (*open)(const char *url, or_db **out, or_error *err);
    void (*close)(or_db *db);
    /* Run one or more statements with no parameters and no result rows. */
    or_code (*exec)(or_db *db, const char *sql, or_error *err);
    or_code (*prepare)(or_db *db, const char *sql, or_stmt **out, or_error *err);
    void (*finalize)(or_stmt *st);
    /* Parameters are numbered from 1; a bound string must stay valid until step. */
    void (*bind_null)(or_stmt *st, int i);
    void (*bind_int)(or_stmt *st, int i, int64_t v);
    void (*bind_text)(or_stmt *st, int i, const char *s);
    /* Run (first call) or advance; *row says whether a result row is available. */
    or_code (*step)(or_stmt *st, bool *row, or_error *err);
    void (*reset)(or_stmt *st); /* ready to bind and run again */
    /* Result columns are numbered from 0; text is valid until the next step or reset. */
    bool (*col_null)(or_stmt *st, int i);
    int64_t (*col_int)(or_stmt *st, int i);
    const char *(*col_text)(or_stmt *st, int i);
    int64_t (*changes)(or_stmt *st); /* rows changed by the last statement run */
    /* Dialect: what the migrations' {{ID}}, {{DATE}}, {{TS}}, {{BLOB}} tokens become, and what
     * to add after a text column in ORDER BY to sort bytewise (stable across engines). */
    const char *(*type_for)(const char *token);
    /* The database's name for messages and screens (a URL with any password removed). */
    const char *(*name)(const or_db *db);
    const char *collate_bytes;
    /* Bulk load, or all three NULL when the engine has none (SQLite: a row per statement is
     * already a function call). copy_begin runs a COPY ... FROM STDIN statement; copy_data
     * sends rows in PostgreSQL's text format (tab-separated, \N for NULL, backslash escapes,
     * each row ending in a newline); copy_end finishes it (abort: cancel it) and reports the
     * server's verdict. Nothing else may run on the connection in between. */
    or_code (*copy_begin)(or_db *db, const char *sql, or_error *err);
    or_code (*copy_data)(or_db *db, const char *buf, size_t len, or_error *err);
    or_code (*copy_end)(or_db *db, bool abort, or_error *err);
    /* Online backup, or NULL when the engine has its own tools (PostgreSQL: pg_dump): copy the
     * database as it is at one moment, while others go on writing, to path (and its log
     * database to path-log); restore fills this database, which must have no tables, from
     * such a copy. */
    or_code (*backup)(or_db *db, const char *path, or_error *err);
    or_code (*restore)(or_db *db, const char *path, or_error *err);
} or_driver;

extern const or_driver or_sqlite_driver;
extern const or_driver or_pg_driver;

#endif
