/* body.h (internal) - a request's body as it arrives, up to a limit: in memory for forms and
 * the API, and for an upload in a temporary file (in $TMPDIR, unlinked as soon as it is made,
 * so nothing is left behind even if the server dies), so that slow or many uploads do not
 * hold the server's memory. Owned by the request's state in server.c, released when the
 * request completes or is aborted. (body.c) */
#ifndef ONROLL_WEB_BODY_H
#define ONROLL_WEB_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/error.h"
#include "onroll/sb.h"

typedef struct {
    size_t len, limit;
    bool too_large; /* more than limit bytes came: the rest was dropped */
    bool failed;    /* the temporary file could not be written */
    int fd;         /* the temporary file, or -1: in memory */
    or_sb mem;
    void *map; /* the file mapped by web_body_bytes, or NULL */
} web_body;

/* Start an empty body of at most limit bytes, in a temporary file when to_file. OR_EIO when
 * the file cannot be made (its message names the directory). */
or_code web_body_init(web_body *b, size_t limit, bool to_file, or_error *err);
/* Add a piece that arrived (dropped, setting too_large, beyond the limit). */
void web_body_add(web_body *b, const char *data, size_t n);
/* The whole body as one run of bytes (NUL-terminated when in memory; the file mapped read-only
 * otherwise), valid until web_body_release. OR_EIO when the file cannot be read back. */
or_code web_body_bytes(web_body *b, const char **data, size_t *len, or_error *err);
/* Free the memory, unmap and close the file. Safe to repeat. */
void web_body_release(web_body *b);

#endif
