/* ingest.h - taking rows in: validate, check against what is stored, write, all or nothing.
 *
 * One batch = one transaction = one source (a file, a form, an API call). Rows arrive as text
 * cells in the kind's column order (or_ingest_row); every error is collected with its line and
 * column; or_ingest_end commits only if there was none (and not a dry run). The CSV importer,
 * the web forms and the MIS API all go through here, so they validate identically. */
#ifndef ONROLL_INGEST_H
#define ONROLL_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/kinds.h"
#include "onroll/sb.h"
#include "onroll/store.h"

/* Called inside the batch's transaction just before it commits (a claim confirmed with the
 * rows it held: claims.c); an error rolls the batch back. */
typedef or_code (*or_ingest_commit_fn)(void *ctx, or_store *s, or_error *err);

typedef struct {
    bool dry_run;
    int max_errors; /* stop collecting after this many (0: 20) */
    /* Who sends the rows: 0 for the local authority (the CLI, an LA account), else the URN of
     * the school whose account, form or API token sends them. A school writes only its own
     * pupils' rows (school_scope.c; docs/security.md): others are refused, and an enrolment of
     * a pupil on another school's roll is held as a claim (claims.h). */
    int school;
    or_date today; /* the day the roll is checked on for snapshots (0: today) */
    /* Called after the batch has committed (with who sent it): the importer's callers set
     * or_claims_after_commit (claims.h), so that a move or an end of enrolment settles the
     * claims it confirms; NULL for none (the claims' own replay). */
    void (*after_commit)(or_store *s, or_kind_id kind, const char *user, int *settled);
    /* What to call each column of the kind in messages, when the rows come from another
     * shape than the kind's CSV ("element Pupil/DOB" for a Common Transfer File); NULL, or a
     * NULL entry, for the column's own name. */
    const char *const *labels;
    or_ingest_commit_fn before_commit;
    void *commit_ctx;
    /* About how many rows are coming (a file's lines), 0 if not known: a large batch lets the
     * store prepare for it (or_store_load_begin). */
    int64_t expected_rows;
} or_ingest_opts;

typedef struct {
    or_kind_id kind;
    int64_t rows, inserted, updated, unchanged;
    int64_t held;    /* rows held with a claim until it is confirmed (claims.h) */
    int64_t claims;  /* of which new claims (enrolments) */
    int64_t refused; /* rows a school may not write (opts.school): not its school, not its roll */
    int settled;     /* pending claims this batch settled (the previous school recorded the move) */
    int64_t ended;   /* enrolments an exit of this batch ended (movements.h) */
    int nerrors;
    or_sb errors; /* one line per error: "FILE:LINE: column C: message" */
    or_sb notes;  /* one line per note, not an error: "FILE: published columns not used: ..." */
    bool committed;
} or_ingest_result;

void or_ingest_result_release(or_ingest_result *r);

typedef struct or_ingest or_ingest;

/* Start a batch of rows of kind k from src (src->name prefixes every message). */
or_code or_ingest_begin(or_store *s, const or_kind *k, const or_source *src,
                        const or_ingest_opts *opts, or_ingest **out, or_error *err);
/* One row: cells[c] is column c's text ("" = empty). A row found invalid at once returns
 * OR_EINPUT; some checks (an unknown pupil on PostgreSQL, where look-ups are batched; refs; the
 * 45-day cap) are reported later, in line order, when the group is written or at
 * or_ingest_end. The batch goes on either way so that every error is reported. A store
 * failure returns OR_ESTORE and the batch can only be ended. */
or_code or_ingest_row(or_ingest *in, int64_t line, const char *const *cells, or_error *err);
/* Record an error found by the caller (e.g. a malformed CSV line) against the batch. */
void or_ingest_reject(or_ingest *in, int64_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Abandon the batch with error e (e.g. the file is not valid CSV): or_ingest_end will roll
 * back and return e. */
void or_ingest_abort(or_ingest *in, const or_error *e);
/* Finish: run the checks that need the whole batch (event refs), write buffered attendance,
 * then commit, or roll back if there were errors, a dry run, or nothing changed. Frees in.
 * Returns OR_EINPUT if any row was rejected (err holds the first error and the count). */
or_code or_ingest_end(or_ingest *in, or_ingest_result *res, or_error *err);

#endif
