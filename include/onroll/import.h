/* import.h - importing interchange CSV files (shared/spec/formats.md): the kind is recognised
 * from the header, the file is hashed for provenance, and every row goes through ingest.h in
 * one transaction per file. */
#ifndef ONROLL_IMPORT_H
#define ONROLL_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/ingest.h"

typedef void (*or_progress_fn)(void *ctx, const char *path, uint64_t done, uint64_t total);

typedef struct {
    const char *user; /* who is importing (provenance) */
    bool dry_run;
    int max_errors;
    or_progress_fn progress; /* may be NULL */
    void *progress_ctx;
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

#endif
