/* audit_writer.h (internal) - the web server's audit rows written in groups: one thread with its
 * own store connection takes every row queued since its last commit and commits them together
 * (one transaction, one sync to disk for many requests). Each request still waits for its own
 * rows' commit before it shows anything ("no log line, no page"): either blocked
 * (web_audit_writer_write) or, for a pupil's record, with its connection suspended meanwhile so
 * that the worker thread serves other connections (web_audit_writer_submit, server.c). */
#ifndef ONROLL_WEB_AUDIT_WRITER_H
#define ONROLL_WEB_AUDIT_WRITER_H

#include <stdbool.h>

#include "onroll/error.h"
#include "onroll/store_audit.h"

typedef struct web_audit_writer web_audit_writer;

/* One row to write: an entry, or (nupns > 0) a list naming those children
 * (or_audit_add_list). */
typedef struct {
    or_audit_entry e;
    const char *const *upns;
    int nupns;
} web_audit_row;

/* The rows a request has to write before its response goes (web.h: web_request.deferred). */
typedef struct web_audit_rows {
    web_audit_row *items;
    int n, cap;
} web_audit_rows;

/* Called from the writer's thread once the rows are committed (rc OR_OK) or could not be. */
typedef void (*web_audit_done)(void *ctx, or_code rc);

/* Start the writer on the store at db_url (its own connection, opened here). */
or_code web_audit_writer_start(const char *db_url, web_audit_writer **out, or_error *err);
/* Commit what is queued, then stop the thread and free the writer (NULL: nothing). */
void web_audit_writer_stop(web_audit_writer *w);
/* Queue n rows (copied) to be committed together; done(ctx, rc) follows, from the writer's
 * thread. False (done not called) when the writer is stopping or out of memory. */
bool web_audit_writer_submit(web_audit_writer *w, const web_audit_row *rows, int n,
                             web_audit_done done, void *ctx);
/* Queue n rows and wait for their commit. */
or_code web_audit_writer_write(web_audit_writer *w, const web_audit_row *rows, int n,
                               or_error *err);

#endif
