/* sb.c - the growable string buffer (see include/onroll/sb.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/sb.h"

void or_sb_grow(or_sb *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (!p)
        abort();
    sb->buf = p;
    sb->cap = cap;
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
    if (!p) {
        p = malloc(1);
        if (!p)
            abort();
        p[0] = '\0';
    }
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

const char *or_sb_str(const or_sb *sb)
{
    return sb->buf ? sb->buf : "";
}
