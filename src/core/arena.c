/* arena.c - the bump allocator (see include/onroll/arena.h). Blocks are chained; a request
 * larger than the block size gets a block of its own. Out of memory aborts (alloc.h). */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/arena.h"

struct or_arena_block {
    or_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { OR_ARENA_DEFAULT_BLOCK = 64 * 1024 };

void *or_arena_alloc(or_arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(or_arena_block) - 15)
        or_die_oom(size);
    size = (size + 15) & ~(size_t)15;
    if (!a->block_size)
        a->block_size = OR_ARENA_DEFAULT_BLOCK;
    or_arena_block *b = a->head;
    assert(!b || b->used <= b->size);
    if (!b || b->size - b->used < size) {
        size_t bs = size > a->block_size ? size : a->block_size;
        or_arena_block *nb = or_xmalloc(sizeof *nb + bs);
        nb->used = 0;
        nb->size = bs;
        if (b && size > a->block_size) {
            /* keep filling the current block: put the big one behind it */
            nb->next = b->next;
            b->next = nb;
            nb->used = size;
            assert(((uintptr_t)nb->data & 15) == 0);
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    /* every size is rounded to 16 and each block's data starts 16-aligned: so is p */
    assert(((uintptr_t)p & 15) == 0);
    return p;
}

void *or_arena_calloc(or_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        or_die_oom(SIZE_MAX);
    void *p = or_arena_alloc(a, n * size);
    memset(p, 0, n * size);
    return p;
}

void *or_arena_grow(or_arena *a, const void *old, size_t n_old, size_t n_new, size_t size)
{
    assert(n_new >= n_old);
    if (size && n_new > SIZE_MAX / size)
        or_die_oom(SIZE_MAX);
    void *p = or_arena_alloc(a, n_new * size);
    if (n_old)
        memcpy(p, old, n_old * size);
    return p;
}

char *or_arena_strndup(or_arena *a, const char *s, size_t n)
{
    char *p = or_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *or_arena_strdup(or_arena *a, const char *s)
{
    return s ? or_arena_strndup(a, s, strlen(s)) : NULL;
}

char *or_arena_printf(or_arena *a, const char *fmt, ...)
{
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *p = or_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    return p;
}

void or_arena_reset(or_arena *a)
{
    or_arena_block *b = a->head;
    if (!b)
        return;
    or_arena_block *rest = b->next;
    while (rest) {
        or_arena_block *n = rest->next;
        free(rest);
        rest = n;
    }
    b->next = NULL;
    b->used = 0;
}

void or_arena_free(or_arena *a)
{
    or_arena_block *b = a->head;
    while (b) {
        or_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}
