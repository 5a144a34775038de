/* store_internal.h - what the files of the store's generic rows share (store.c: opening,
 * migrations, transactions, sources and scans; store_put.c: one row; store_bulk.c: many rows
 * at once; store_lookup.c: look-ups and attendance marks): the store's struct with its cached
 * statements, and the helpers each of them uses from another. Not for files outside them
 * (the query files use access.h). */
#ifndef ONROLL_STORE_INTERNAL_H
#define ONROLL_STORE_INTERNAL_H

#include "onroll/arena.h"
#include "onroll/sb.h"
#include "onroll/store.h"
#include "onroll/strmap.h"
#include "store/driver.h"

enum { Q_INSERT, Q_SELECT, Q_UPDATE, Q_CURRENT, Q_SCAN, Q__N };
enum { B_MERGE, B_UPDATE, B_CURRENT, B_SNAPSHOT, B__N }; /* batches: see "many rows at once" */

/* Batches (store_bulk.c, store_lookup.c). */
enum {
    BULK_MIN = 8,         /* a wave smaller than this is put row by row */
    COPY_CHUNK = 1 << 16, /* bytes of COPY data sent at a time */
    ARRAY_MAX = 4096,     /* keys per array parameter of a look-up */
};

/* An index dropped for a large batch (store_load.c): made again from its SQL. */
typedef struct {
    const char *name, *sql;
} st_index;

struct or_store {
    const or_driver *drv;
    or_db *db;
    or_stmt *q[OR_K__COUNT][Q__N];
    or_stmt *b[OR_K__COUNT][B__N];
    or_stmt *school_la, *pupil_exists, *event_type, *marks_get, *marks_put, *add_source,
        *source_name, *pupils_many, *event_la, *events_many, *marks_get_la, *marks_many;
    int depth; /* open transactions: 1 = BEGIN, more = savepoints */
    char *url; /* as opened (or_store_reopen) */
    struct {   /* a large batch of one kind (store_load.c) */
        bool active, have_upns;
        int depth;       /* the transaction depth it began in */
        or_arena arena;  /* upns' keys, index names and SQL */
        or_strmap upns;  /* the UPN of every stored pupil (have_upns) */
        st_index *index; /* the indexes dropped, to make again */
        size_t nindex, capindex;
        /* set by or_store_load_begin, called by the transaction's owner (store.c), which
           so knows nothing of the batch: make the indexes again before a commit, and forget
           the batch (on rollback, the database restores what was dropped) */
        or_code (*finish)(struct or_store *s, or_error *err);
        void (*forget)(struct or_store *s);
    } load;
};

/* Prepare sql (the store's portable dialect) on the store's connection. */
or_code st_prep(or_store *s, or_stmt **st, const char *sql, or_error *err);
/* Run a prepared statement that returns no rows. */
or_code st_run(or_store *s, or_stmt *st, or_error *err);
/* The one integer a query returns. */
or_code st_count_one(or_store *s, const char *sql, int64_t *out, or_error *err);
/* Kinds keyed by a school carry la_code at the head of their key (shard locality). */
bool st_has_la(const or_kind *k);
/* Is column c part of the kind's key? */
bool st_is_key(const or_kind *k, int c);
/* What a new row of the kind may collide with: its key (pupils: the snapshot's digest). */
void st_add_conflict_target(const or_kind *k, or_sb *sql);
/* The kind's statement q (Q_INSERT...), prepared once and cached. */
or_code st_kind_stmt(or_store *s, const or_kind *k, int q, or_stmt **out, or_error *err);
/* The hex SHA-256 of a pupil snapshot's values but its as_of date. */
void st_snapshot_digest(const or_kind *k, const or_value *row, char hex[65]);
/* Compare row with the stored row of the same key in the current result of st (its columns
 * from `off`, then the source's name and line). The first column that differs, or -1; for a
 * difference msg says what is recorded, where it came from and what the row says. */
int st_row_diff(const or_driver *d, or_stmt *st, int off, const or_kind *k, const or_value *row,
                or_sb *msg);
/* The error for a row that contradicts a recorded row of a kind never changed. */
or_code st_conflict(const or_kind *k, const or_sb *msg, or_error *err);
/* Pupils: is the current result row of st (columns from off) the same snapshot as row, but
 * for its as_of date? */
bool st_same_snapshot(const or_driver *d, or_stmt *st, int off, const or_kind *k,
                      const or_value *row);
/* Has the engine a bulk-load path (COPY)? */
bool st_bulk(const or_store *s);
/* A whole number as decimal text. */
void st_add_int(or_sb *out, int64_t v);
/* Text in COPY's text format: backslash, tab, newline and carriage return escaped. */
void st_copy_text(or_sb *out, const char *t);
/* One element of a PostgreSQL array literal: double-quoted, '"' and '\' escaped. */
void st_array_text(or_sb *out, const char *t);
/* COPY what is in buf once it holds a chunk (or, with all, whatever it holds). */
or_code st_copy_flush(or_store *s, or_sb *buf, bool all, or_error *err);
/* Empty the staging table `stage` (a TEMP table shaped by `shape`, a SELECT ... WITH NO DATA;
 * created again when the transaction that created it was rolled back) and start a COPY into
 * its columns `cols`. */
or_code st_stage_begin(or_store *s, const char *stage, const char *shape, const char *cols,
                       or_error *err);

/* A large batch (store_load.c) keeps every stored pupil's UPN in memory: is upn a stored pupil
 * (1, 0), or -1 when not known in memory. Here, below the puts and look-ups that ask. */
#define ST_UPN_STORED ((void *)1) /* in load.upns: the pupil has a snapshot */
static inline int st_load_pupil(or_store *s, const char *upn)
{
    if (!s->load.active || !s->load.have_upns)
        return -1;
    return or_strmap_get(&s->load.upns, upn) != NULL;
}
/* A large batch put a snapshot of upn. */
static inline void st_load_pupil_added(or_store *s, const char *upn)
{
    if (s->load.active && s->load.have_upns)
        or_strmap_put(&s->load.upns, upn)->value = ST_UPN_STORED;
}

#endif
