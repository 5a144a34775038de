/* store.h - everything onroll needs from its database, and nothing more.
 *
 * One narrow interface over SQLite (the embedded default) and PostgreSQL: put validated rows
 * of a file kind, look up what an import must check, scan a kind in its stable export order,
 * read and write a pupil's year of attendance marks. All SQL lives in src/store/. */
#ifndef ONROLL_STORE_H
#define ONROLL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"
#include "onroll/arena.h"
#include "onroll/kinds.h"
#include "onroll/marks.h"

typedef struct or_store or_store;

/* url: a file path (SQLite, created if absent) or postgres://... / postgresql://... */
or_code or_store_open(const char *url, or_store **out, or_error *err);
void or_store_close(or_store *s);
const char *or_store_engine(const or_store *s); /* "sqlite" or "postgresql" */
/* The database's name for messages: the file, or the URL without its password. */
const char *or_store_name(const or_store *s);

/* Apply the numbered migrations not yet applied; *applied = how many (may be NULL). */
or_code or_store_migrate(or_store *s, int *applied, or_error *err);
/* OR_OK if every migration is applied; otherwise an error asking for `onroll init`. Needs no
 * write access (for read-only users and replicas). */
or_code or_store_check_schema(or_store *s, or_error *err);

or_code or_store_begin(or_store *s, or_error *err);
or_code or_store_commit(or_store *s, or_error *err);
or_code or_store_rollback(or_store *s);
/* Is a transaction open (between begin and its commit or rollback)? */
bool or_store_in_transaction(const or_store *s);

/* A consistent copy of the database as it is at one moment, taken while others go on writing
 * (SQLite's online backup API): the records to path and the log database (audit log,
 * sessions) to path-log, each readable by its owner only, written whole then renamed over any
 * old copy. OR_EUSAGE on PostgreSQL, whose own pg_dump does it. */
or_code or_store_backup(or_store *s, const char *path, or_error *err);
/* Fill this database from a copy made by or_store_backup (path and path-log): OR_EINPUT when
 * this database has any table (never restored over one in use) or path is not such a copy;
 * OR_EUSAGE on PostgreSQL (pg_restore). */
or_code or_store_restore(or_store *s, const char *path, or_error *err);

/* Where rows came from: a file (name + sha256), a form, the API or the demo generator. */
typedef struct {
    const char *kind; /* "file", "form", "api", "demo" */
    const char *name;
    const char *sha256; /* hex, files only */
    const char *user;
    const char
        *detail; /* what the source says of itself (a CTF: "CTF 25.0 from SUPPLIER"), or NULL */
} or_source;

or_code or_store_add_source(or_store *s, const or_source *src, int64_t *id, or_error *err);

typedef enum { OR_PUT_INSERTED, OR_PUT_UNCHANGED, OR_PUT_UPDATED } or_put_result;

/* Provenance and routing of one row. la_code is the LA of the row's school (for kinds keyed
 * by a URN; 0 otherwise): it leads the key of the big tables so one LA's rows shard together. */
typedef struct {
    int64_t src_id;
    int64_t line;
    int la_code;
} or_prov;

/* Store one validated row of kind k (not OR_K_ATTENDANCE: see marks below). Idempotent: a row
 * equal to what is stored is OR_PUT_UNCHANGED. A row whose key is stored with other values is
 * updated, rejected (OR_ECONFLICT, naming the column and both values) or kept as a new
 * snapshot, as the kind's on_conflict says. */
or_code or_store_put(or_store *s, const or_kind *k, const or_value *row, const or_prov *prov,
                     or_put_result *res, or_error *err);

/* True when the engine does many rows at once in far fewer round trips than one by one
 * (PostgreSQL): callers that can gather rows into batches should. */
bool or_store_prefers_batches(const or_store *s);

/* Store rows[0..n) of kind k in that order, with the same results as n calls of or_store_put
 * (a row sees the rows before it), in a few statements per batch where the engine can bulk
 * load (PostgreSQL: COPY into a staging table, then set-based SQL). res[i] is row i's
 * result; a row that contradicts a recorded one of a kind never changed gets row_errs[i]
 * (OR_ECONFLICT, the message of or_store_put) and the call goes on and returns OR_OK. Other
 * failures return their code (and fill err); then nothing of the batch is reliable and the
 * transaction should be rolled back. */
or_code or_store_put_many(or_store *s, const or_kind *k, const or_value *const *rows,
                          const or_prov *provs, size_t n, or_put_result *res, or_error *row_errs,
                          or_error *err);

/* About how many rows of kind k are stored, cheaply (the highest row id where the kind has
 * one, else a count): to choose between look-ups one by one and one pass over a table. */
or_code or_store_estimate_rows(or_store *s, const or_kind *k, int64_t *n, or_error *err);

/* A large batch of kind k (about rows rows) is about to be put in the current transaction: the
 * store may prepare for it (SQLite: the stored pupils' UPNs read once; the kind's look-up indexes
 * made again in one pass at the end: store_load.c). or_store_load_end, once every row is put and
 * before anything reads the kind's rows by another key, makes the store whole again (a commit
 * does it too; a rollback forgets it). The results of every call are those without it. */
or_code or_store_load_begin(or_store *s, const or_kind *k, int64_t rows, or_error *err);
or_code or_store_load_end(or_store *s, or_error *err);
/* Forget a large batch without making anything again (the transaction is being rolled back). */
void or_store_load_forget(or_store *s);

/* Look-ups an import needs. Each returns OR_OK and sets *found. */
or_code or_store_school_la(or_store *s, int urn, int *la_code, bool *found, or_error *err);
or_code or_store_pupil_exists(or_store *s, const char *upn, bool *found, or_error *err);
/* Another pupil (a UPN other than upn) with this surname, forename (any case) and date of birth:
 * *found and its UPN in other (a CTF's conflict: ctf.h). */
or_code or_store_pupil_same_person(or_store *s, const char *surname, const char *forename,
                                   const char *dob, const char *upn, char other[16], bool *found,
                                   or_error *err);
/* The type and pupil of event event_id of school urn into type[32] and upn[14] (both "" when
 * there is no such event). */
or_code or_store_event_find(or_store *s, int urn, const char *event_id, char type[32], char upn[14],
                            or_error *err);

/* Look-ups of many keys at once (an import's batch): the answers of the single look-ups, in a
 * few round trips. found[i]: is upns[i] a known pupil. */
or_code or_store_pupils_exist(or_store *s, const char *const *upns, size_t n, bool *found,
                              or_error *err);
/* Events: la_code (the school's LA code), urn and event_id in; type and upn out (both "" when
 * there is no such event of that school). */
typedef struct {
    int la_code, urn;
    const char *event_id;
    char type[32], upn[14];
} or_event_ref;
or_code or_store_events_find(or_store *s, or_event_ref *refs, size_t n, or_error *err);

/* A pupil's attendance marks at one school for one academic year (OR_MARKS_LEN bytes). */
or_code or_store_marks_get(or_store *s, const char *upn, int urn, int ay, char *marks, bool *found,
                           or_error *err);
or_code or_store_marks_put(or_store *s, const or_prov *prov, const char *upn, int urn, int ay,
                           const char *marks, or_error *err);

/* Many pupil-years at once. Get: la_code, upn, urn and ay in; marks (OR_MARKS_LEN bytes,
 * the caller's) and found out (not found: every mark OR_MARK_NONE). Put: the keys (la_code,
 * upn, urn, ay) must all differ; each year is stored whole, from source src_id. */
typedef struct {
    int la_code, urn, ay;
    const char *upn;
    char *marks;
    bool found;
} or_year_marks;
or_code or_store_marks_get_many(or_store *s, or_year_marks *y, size_t n, or_error *err);
or_code or_store_marks_put_many(or_store *s, int64_t src_id, const or_year_marks *y, size_t n,
                                or_error *err);

/* Every stored row of kind k in its stable export order (the key columns, then the order of
 * receipt). The row passed to cb is valid only during the call. For OR_K_ATTENDANCE use
 * or_store_scan_marks. A non-OK return of cb stops the scan and is returned. */
typedef or_code (*or_row_cb)(void *ctx, const or_value *row, or_error *err);
or_code or_store_scan(or_store *s, const or_kind *k, or_row_cb cb, void *ctx, or_error *err);

typedef or_code (*or_marks_cb)(void *ctx, const char *upn, int urn, int ay, const char *marks,
                               or_error *err);
or_code or_store_scan_marks(or_store *s, or_marks_cb cb, void *ctx, or_error *err);

/* Where a scanned row came from: its ledger id (events and pupil snapshots; else 0), and
 * the source's name and line; for events, when the source was received ("YYYY-MM-DDTHH:MM:SSZ",
 * UTC), else "". */
typedef struct {
    int64_t id;
    const char *source;
    int64_t line;
    const char *received;
} or_row_meta;
typedef or_code (*or_meta_cb)(void *ctx, const or_value *row, const or_row_meta *meta,
                              or_error *err);
/* Every row of kind k (upn NULL) or one pupil's rows, with where each came from: events in
 * the order of receipt, pupils' snapshots by upn, as_of, receipt, others by their key. */
or_code or_store_scan_pupil(or_store *s, const or_kind *k, const char *upn, or_meta_cb cb,
                            void *ctx, or_error *err);
/* A pupil's names in force now (the snapshot of the latest as_of, then the latest received),
 * copied into a; "" when not recorded or the pupil is unknown. */
or_code or_store_pupil_names(or_store *s, const char *upn, or_arena *a, const char **forename,
                             const char **surname, or_error *err);
/* Attendance marks of every pupil (upn NULL) or one. */
or_code or_store_scan_marks_pupil(or_store *s, const char *upn, or_marks_cb cb, void *ctx,
                                  or_error *err);

/* The LA's configuration (params.h keys), as stored text. */
typedef or_code (*or_config_cb)(void *ctx, const char *key, const char *value, or_error *err);
or_code or_store_config_each(or_store *s, or_config_cb cb, void *ctx, or_error *err);
or_code or_store_config_set(or_store *s, const char *key, const char *value, const char *user,
                            or_error *err);

/* Counts for the status page. */
typedef struct {
    int64_t schools, pupils, enrolments, events, attendance_years, sources;
} or_store_counts;
or_code or_store_count(or_store *s, or_store_counts *out, or_error *err);
typedef or_code (*or_count_cb)(void *ctx, const char *key, int64_t n, or_error *err);
or_code or_store_count_events_by_type(or_store *s, or_count_cb cb, void *ctx, or_error *err);

/* ---- the in-memory model's reads (columns.h, live.h; src/store/model_read.c) ---- */

/* Another connection to s's database, to read in parallel; OR_EUSAGE when there cannot be
 * another (an in-memory SQLite database). */
or_code or_store_reopen(or_store *s, or_store **out, or_error *err);

/* Begin a read-only transaction that sees one state of the database throughout (SQLite: a
 * deferred transaction, which in WAL mode reads one snapshot; PostgreSQL: REPEATABLE READ).
 * End it with or_store_rollback. */
or_code or_store_begin_read(or_store *s, or_error *err);

/* A condition on a row: column col (of the kind) is one of in[] (NULL-terminated). */
typedef struct {
    int col;
    const char *const *in;
} or_scan_in;

/* Which rows of a kind to read, and which of their columns. */
typedef struct {
    const int *cols; /* the columns read (the others are given as null) */
    int ncols;
    /* rows kept: those meeting both conditions of any clause (a condition with in NULL always
     * holds); no clause (nclauses 0): every row */
    or_scan_in clause[2][2];
    int nclauses;
    int64_t src_upto; /* > 0: only rows last written by a source up to this id */
    int64_t src_only; /* > 0: only rows last written by this source */
    bool whole;       /* read the whole table, never an index on the clauses' columns (most
                         rows match: one pass beats a look-up per row) */
    bool received;    /* events: also read when each row's source was received (meta) */
} or_scan_spec;

/* The rows of kind k the spec asks for, in no particular order, each with its ledger id in
 * meta (events and pupil snapshots; else 0; meta->source is "": this scan does not read it).
 * The lean read the columnar model is loaded and kept current with. */
or_code or_store_scan_rows(or_store *s, const or_kind *k, const or_scan_spec *spec, or_meta_cb cb,
                           void *ctx, or_error *err);

/* A number that tells source id apart from any other (a hash of its kind, name, digest, user
 * and time of receipt); *found false when there is no such source. */
or_code or_store_source_stamp(or_store *s, int64_t id, int64_t *stamp, bool *found, or_error *err);

/* The ids of the sources (every import, form, API call, demo) recorded after `after`, in
 * order, at most max of them (*n); *last is the largest id recorded at all (0: none). */
or_code or_store_sources_after(or_store *s, int64_t after, int64_t *ids, int max, int *n,
                               int64_t *last, or_error *err);

#endif
