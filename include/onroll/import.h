/* import.h - importing interchange CSV files (shared/spec/formats.md): the kind is recognised
 * from the header, the file is hashed for provenance, and every row goes through ingest.h in
 * one transaction per file. */
#ifndef ONROLL_IMPORT_H
#define ONROLL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/ingest.h"

typedef void (*or_progress_fn)(void *ctx, const char *path, uint64_t done, uint64_t total);

/* An optional check of each record before it goes to the importer (e.g. that a school's upload
 * names only that school): cells[] in the kind's column order ("" = empty), line as in the
 * messages. Return false to refuse the row, with *column (a column name, or NULL for the whole
 * row) and a message in msg; it is reported like any other error of the file. */
typedef bool (*or_import_row_fn)(void *ctx, const or_kind *k, int64_t line,
                                 const char *const *cells, const char **column, char *msg,
                                 size_t size);

typedef struct {
    const char *user; /* who is importing (provenance) */
    int school;       /* 0: the local authority; else the school sending (ingest.h) */
    bool dry_run;
    int max_errors;
    or_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    or_import_row_fn row_check; /* may be NULL */
    void *row_ctx;
} or_import_opts;

/* Recognise the kind of a file from its header alone (to order a multi-file import). */
or_code or_import_sniff(const char *path, or_kind_id *kind, or_error *err);

/* Recognise the kind of a parsed header; on failure the message names the missing and the
 * unknown columns. cols[i] receives the kind's column index of header field i, or -1 for an
 * ignored x_ column. */
or_code or_header_match(const char *const *fields, int n, const or_kind **kind, int *cols,
                        or_error *err);

or_code or_import_csv(or_store *s, const char *path, const or_import_opts *opts,
                      or_ingest_result *res, or_error *err);

/* The same for a file held in memory (len bytes of data, e.g. a web upload): name is the
 * file's name in every message and in the provenance, with the data's sha256. */
or_code or_import_csv_buffer(or_store *s, const char *name, const char *data, size_t len,
                             const or_import_opts *opts, or_ingest_result *res, or_error *err);

#endif
