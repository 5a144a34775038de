/* sb.h - a growable string buffer with one ownership rule (git's strbuf, Redis's sds).
 *
 * An or_sb owns its bytes; buf is always NUL-terminated once anything has been added.
 * or_sb_release() frees them; or_sb_detach() hands them to the caller. Out of memory aborts
 * (an allocation failure of a few bytes is not a condition the program can recover from). */
#ifndef ONROLL_SB_H
#define ONROLL_SB_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *buf;
    size_t len;
    size_t cap;
} or_sb;

#define OR_SB_INIT                                                                                 \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void or_sb_grow(or_sb *sb, size_t extra);
void or_sb_add(or_sb *sb, const void *data, size_t len);
void or_sb_adds(or_sb *sb, const char *s);
void or_sb_addc(or_sb *sb, char c);
void or_sb_addf(or_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void or_sb_vaddf(or_sb *sb, const char *fmt, va_list ap);
void or_sb_reset(or_sb *sb);
void or_sb_release(or_sb *sb);
char *or_sb_detach(or_sb *sb);
/* The contents, "" when empty. */
const char *or_sb_str(const or_sb *sb);

#endif
