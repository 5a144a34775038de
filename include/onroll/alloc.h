/* alloc.h - onroll's one out-of-memory policy: an allocation that fails aborts the program with
 * a message naming its size (git's xmalloc). A failed malloc of a few bytes is not a condition
 * onroll can recover from, so no caller checks for NULL and no error path pretends to.
 *
 * OR_ALLOC_GROW(x, nr, alloc) is the one way an array on the heap grows (git's ALLOC_GROW):
 * before writing element nr - 1, make room for nr elements, x holding alloc of them:
 *
 *     OR_ALLOC_GROW(l->items, l->n + 1, l->cap);
 *     l->items[l->n++] = item;
 *
 * OR_ARENA_GROW(arena, x, nr, alloc) does the same for an array in an arena (arena.h): the old
 * copy stays in the arena until the arena is freed. The arguments are evaluated more than once:
 * pass plain lvalues. alloc may be any integer type; a capacity it cannot hold aborts. */
#ifndef ONROLL_ALLOC_H
#define ONROLL_ALLOC_H

#include <stddef.h>

_Noreturn void or_die_oom(size_t size); /* "onroll: out of memory (N bytes)", then abort() */
void *or_xmalloc(size_t size);
void *or_xcalloc(size_t n, size_t size);
void *or_xrealloc(void *p, size_t size);
void *or_xreallocarray(void *p, size_t n, size_t size); /* n * size, an overflow aborts */
char *or_xstrdup(const char *s);
char *or_xstrndup(const char *s, size_t n);

/* The capacity to grow alloc to so that it holds nr: double, at least 16, at least nr. */
size_t or_alloc_nr(size_t alloc, size_t nr);

#define OR_ALLOC_GROW(x, nr, alloc)                                                                \
    do {                                                                                           \
        if ((size_t)(nr) > (size_t)(alloc)) {                                                      \
            size_t or_grow_n_ = or_alloc_nr((size_t)(alloc), (size_t)(nr));                        \
            (x) = or_xreallocarray((x), or_grow_n_, sizeof *(x));                                  \
            (alloc) = or_grow_n_;                                                                  \
            if ((size_t)(alloc) != or_grow_n_)                                                     \
                or_die_oom(or_grow_n_); /* more than alloc's type can count */                     \
        }                                                                                          \
    } while (0)

#define OR_ARENA_GROW(arena, x, nr, alloc)                                                         \
    do {                                                                                           \
        if ((size_t)(nr) > (size_t)(alloc)) {                                                      \
            size_t or_grow_n_ = or_alloc_nr((size_t)(alloc), (size_t)(nr));                        \
            (x) = or_arena_grow((arena), (x), (size_t)(alloc), or_grow_n_, sizeof *(x));           \
            (alloc) = or_grow_n_;                                                                  \
            if ((size_t)(alloc) != or_grow_n_)                                                     \
                or_die_oom(or_grow_n_);                                                            \
        }                                                                                          \
    } while (0)

#endif
