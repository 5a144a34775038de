/* error.c - filling and naming onroll's error values (see include/onroll/error.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "onroll/error.h"

or_code or_fail(or_error *err, or_code code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void or_error_prefix(or_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[OR_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t h = (size_t)n < sizeof head ? (size_t)n : sizeof head - 1;
    size_t old = strnlen(err->msg, sizeof err->msg - 1);
    if (h + old > sizeof err->msg - 1)
        old = sizeof err->msg - 1 - h;
    memmove(err->msg + h, err->msg, old);
    memcpy(err->msg, head, h);
    err->msg[h + old] = '\0';
}

void or_error_clear(or_error *err)
{
    if (err) {
        err->code = OR_OK;
        err->msg[0] = '\0';
    }
}

const char *or_strerror(or_code code)
{
    switch (code) {
    case OR_OK:
        return "ok";
    case OR_EINPUT:
        return "bad input";
    case OR_EUSAGE:
        return "usage error";
    case OR_ECONFLICT:
        return "conflicts with what is recorded";
    case OR_ERULE:
        return "refused by a statutory rule";
    case OR_ESTORE:
        return "database error";
    case OR_EIO:
        return "input/output error";
    case OR_ENOMEM:
        return "out of memory";
    case OR_ENOTFOUND:
        return "not found";
    }
    return "unknown error";
}
