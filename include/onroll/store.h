/* store.h - everything onroll needs from its database, and nothing more.
 *
 * One narrow interface over SQLite (the embedded default) and PostgreSQL: put validated rows
 * of a file kind, look up what an import must check, scan a kind in its stable export order,
 * read and write a pupil's year of attendance marks. All SQL lives in src/store/. */
#ifndef ONROLL_STORE_H
#define ONROLL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/error.h"
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

/* Where rows came from: a file (name + sha256), a form, the API or the demo generator. */
typedef struct {
    const char *kind; /* "file", "form", "api", "demo" */
    const char *name;
    const char *sha256; /* hex, files only */
    const char *user;
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

/* Look-ups an import needs. Each returns OR_OK and sets *found. */
or_code or_store_school_la(or_store *s, int urn, int *la_code, bool *found, or_error *err);
or_code or_store_pupil_exists(or_store *s, const char *upn, bool *found, or_error *err);
/* The type and pupil of event event_id of school urn into type[32] and upn[14] (both "" when
 * there is no such event). */
or_code or_store_event_find(or_store *s, int urn, const char *event_id, char type[32],
                            char upn[14], or_error *err);

/* A pupil's attendance marks at one school for one academic year (OR_MARKS_LEN bytes). */
or_code or_store_marks_get(or_store *s, const char *upn, int urn, int ay, char *marks,
                           bool *found, or_error *err);
or_code or_store_marks_put(or_store *s, const or_prov *prov, const char *upn, int urn, int ay,
                           const char *marks, or_error *err);

/* Every stored row of kind k in its stable export order (the key columns, then the order of
 * receipt). The row passed to cb is valid only during the call. For OR_K_ATTENDANCE use
 * or_store_scan_marks. A non-OK return of cb stops the scan and is returned. */
typedef or_code (*or_row_cb)(void *ctx, const or_value *row, or_error *err);
or_code or_store_scan(or_store *s, const or_kind *k, or_row_cb cb, void *ctx, or_error *err);

typedef or_code (*or_marks_cb)(void *ctx, const char *upn, int urn, int ay, const char *marks,
                               or_error *err);
or_code or_store_scan_marks(or_store *s, or_marks_cb cb, void *ctx, or_error *err);

/* Counts for the status page. */
typedef struct {
    int64_t schools, pupils, enrolments, events, attendance_years, sources;
} or_store_counts;
or_code or_store_count(or_store *s, or_store_counts *out, or_error *err);
typedef or_code (*or_count_cb)(void *ctx, const char *key, int64_t n, or_error *err);
or_code or_store_count_events_by_type(or_store *s, or_count_cb cb, void *ctx, or_error *err);

#endif
