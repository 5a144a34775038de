/* error.h - onroll's error values: one enum, one message buffer, never printed by the library.
 *
 * Every library function that can fail returns an or_code and, on failure, fills an or_error
 * with a message that names the file, line, field and value involved (like curl's CURLcode +
 * error buffer). Callers decide whether to print or exit; the library never does. */
#ifndef ONROLL_ERROR_H
#define ONROLL_ERROR_H

#include <stddef.h>

typedef enum {
    OR_OK = 0,
    OR_EINPUT,    /* bad input: a file, a row, a form field (exit status 1) */
    OR_EUSAGE,    /* wrong use of a command or function (exit status 2) */
    OR_ECONFLICT, /* input contradicts what is already recorded */
    OR_ERULE,     /* a statutory rule forbids it (e.g. the 45-day cap) */
    OR_ESTORE,    /* the database failed or refused */
    OR_EIO,       /* a file or socket failed */
    OR_ENOMEM,    /* out of memory */
    OR_ENOTFOUND, /* the thing asked for does not exist */
} or_code;

#define OR_ERRMSG_MAX 1024

typedef struct {
    or_code code;
    char msg[OR_ERRMSG_MAX];
} or_error;

/* Set err (may be NULL) to code with a printf-style message; returns code. */
or_code or_fail(or_error *err, or_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message, e.g. with "pupils.csv:12: ". */
void or_error_prefix(or_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void or_error_clear(or_error *err);

/* A short English name for an error code. */
const char *or_strerror(or_code code);

#endif
