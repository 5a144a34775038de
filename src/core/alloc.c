/* alloc.c - the out-of-memory policy (see include/onroll/alloc.h): allocate or abort. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"

_Noreturn void or_die_oom(size_t size)
{
    fprintf(stderr, "onroll: out of memory (an allocation of %zu bytes failed)\n", size);
    abort();
}

void *or_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        or_die_oom(size);
    return p;
}

void *or_xcalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        or_die_oom(SIZE_MAX);
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        or_die_oom(n * size);
    return p;
}

void *or_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        or_die_oom(size);
    return q;
}

void *or_xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        or_die_oom(SIZE_MAX);
    return or_xrealloc(p, n * size);
}

char *or_xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = or_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *or_xstrdup(const char *s)
{
    return or_xstrndup(s, SIZE_MAX);
}

size_t or_alloc_nr(size_t alloc, size_t nr)
{
    if (alloc > SIZE_MAX / 2)
        or_die_oom(SIZE_MAX);
    size_t n = alloc * 2;
    if (n < 16)
        n = 16;
    return n < nr ? nr : n;
}
