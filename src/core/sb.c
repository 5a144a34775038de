/* sb.c - the growable string buffer (see include/onroll/sb.h). */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/sb.h"

void or_sb_grow(or_sb *sb, size_t extra)
{
    assert(sb->buf ? sb->len < sb->cap : !sb->len && !sb->cap); /* room for the NUL */
    if (extra > SIZE_MAX - sb->len - 1)
        or_die_oom(SIZE_MAX);
    bool was_empty = !sb->buf;
    OR_ALLOC_GROW(sb->buf, sb->len + extra + 1, sb->cap);
    if (was_empty)
        sb->buf[0] = '\0';
}

void or_sb_add(or_sb *sb, const void *data, size_t len)
{
    or_sb_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void or_sb_adds(or_sb *sb, const char *s)
{
    or_sb_add(sb, s, strlen(s));
}

void or_sb_addc(or_sb *sb, char c)
{
    or_sb_grow(sb, 1);
    sb->buf[sb->len++] = c;
    sb->buf[sb->len] = '\0';
}

void or_sb_vaddf(or_sb *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    or_sb_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void or_sb_addf(or_sb *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_sb_vaddf(sb, fmt, ap);
    va_end(ap);
}

void or_sb_reset(or_sb *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void or_sb_release(or_sb *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

char *or_sb_detach(or_sb *sb)
{
    char *p = sb->buf;
    if (!p)
        p = or_xstrdup("");
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

const char *or_sb_str(const or_sb *sb)
{
    return sb->buf ? sb->buf : "";
}
