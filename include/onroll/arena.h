/* arena.h - a bump allocator: many small allocations, one owner, freed together.
 *
 * Used for everything whose lifetime is "this import", "this request" or "this report": the
 * parsed rows, their strings, the model's scratch. or_arena_free() releases all of it. Out of
 * memory aborts (alloc.h). */
#ifndef ONROLL_ARENA_H
#define ONROLL_ARENA_H

#include <stddef.h>

#include "onroll/alloc.h"

typedef struct or_arena_block or_arena_block;

typedef struct {
    or_arena_block *head;
    size_t block_size;
} or_arena;

#define OR_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

void *or_arena_alloc(or_arena *a, size_t size); /* 16-byte aligned, uninitialised */
void *or_arena_calloc(or_arena *a, size_t n, size_t size);
char *or_arena_strdup(or_arena *a, const char *s);
char *or_arena_strndup(or_arena *a, const char *s, size_t n);
char *or_arena_printf(or_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A copy of old's first n_old elements in room for n_new (old stays in the arena until it is
 * freed): the step OR_ARENA_GROW (alloc.h) takes to grow an array. */
void *or_arena_grow(or_arena *a, const void *old, size_t n_old, size_t n_new, size_t size);
void or_arena_reset(or_arena *a); /* keep the first block, forget everything */
void or_arena_free(or_arena *a);

#endif
