/* live.h - the columnar model (columns.h) kept current with the database it was loaded from:
 * loaded once, then every committed write replayed into it, whoever made it (a form, an
 * upload, the API, or an `onroll import` in another process on the same database).
 *
 * Every write to the ledger records a source (store.h: or_store_add_source) in the same
 * transaction as its rows, and every row keeps the id of the source that last wrote it. So
 * catching up is: the sources committed since the last look (one small query when there are
 * none), then for each, in order, the rows it wrote (an index look-up per kind), added to the
 * model (or_columns_add), then one refresh - O(what changed). A full load happens once, and
 * again only if the database no longer holds the sources the model has seen (it was replaced
 * or restored from an older backup).
 *
 * On SQLite writers take turns, so sources commit in the order of their ids. On PostgreSQL a
 * source with a lower id can commit after one with a higher: ids missing below the highest seen
 * are looked for again at every catch-up, for up to OR_LIVE_GAP_WAIT seconds (a transaction
 * rolled back leaves its id missing for ever).
 *
 * Threads: queries hold the model with or_live_read / or_live_release (a read lock; many at
 * once); or_live_catch_up reads the new rows from the store without the lock, then takes the
 * write lock only to add them and refresh. Catch-ups take turns. */
#ifndef ONROLL_LIVE_H
#define ONROLL_LIVE_H

#include <stdint.h>

#include "onroll/columns.h"
#include "onroll/store.h"

typedef struct or_live or_live;

enum { OR_LIVE_GAP_WAIT = 900 };

/* A live model not loaded yet (the first catch-up loads it); threads: for the load. */
or_code or_live_new(int threads, or_live **out, or_error *err);
void or_live_free(or_live *l);

/* Keep a saved copy of the model at path (columns.h: or_columns_save): after a load from the
 * tables, and by or_live_save. The next load reads the copy instead of the tables when it is
 * of this database and this build, then replays the sources written since. */
or_code or_live_set_file(or_live *l, const char *path, or_error *err);
/* Save the copy if min_rows or more rows (at least one) were replayed since it was saved. */
or_code or_live_save(or_live *l, or_store *s, int64_t min_rows, or_error *err);

/* Load the model if it is not loaded (or the database was replaced), else replay into it the
 * sources committed since the last catch-up. s: a connection to the model's database, used by
 * this thread only for the call. */
or_code or_live_catch_up(or_live *l, or_store *s, or_error *err);

/* The model, read-locked until or_live_release (NULL: not loaded yet; release anyway). */
const or_columns *or_live_read(or_live *l);
void or_live_release(or_live *l);

typedef struct {
    int64_t loads;         /* full loads from the database */
    int64_t file_reads;    /* loads from the saved copy instead */
    int64_t sources;       /* sources replayed since the first load */
    int64_t rows;          /* rows of theirs added to the model */
    int64_t catch_ups;     /* catch-ups (most find nothing new) */
    int64_t upto;          /* every source up to this id is in the model */
    double load_ms;        /* the last load (from the database, or the copy) */
    double replay_ms;      /* the last replay of one or more sources (read, add, refresh) */
    double replay_max_ms;  /* the longest */
    or_columns_info model; /* zeros when not loaded */
} or_live_info;
void or_live_info_get(or_live *l, or_live_info *out);

#endif
