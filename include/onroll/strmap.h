/* strmap.h - a string-keyed hash table (open addressing, linear probing) whose keys and
 * values live in the caller's arena. For per-import and per-report lookups. */
#ifndef ONROLL_STRMAP_H
#define ONROLL_STRMAP_H

#include <stddef.h>

#include "onroll/arena.h"

typedef struct {
    const char *key;
    void *value;
} or_strmap_slot;

typedef struct {
    or_strmap_slot *slots; /* malloc'd; or_strmap_free releases it */
    size_t cap, len;
    or_arena *arena; /* where keys are copied */
} or_strmap;

void or_strmap_init(or_strmap *m, or_arena *arena);
void or_strmap_free(or_strmap *m);
void *or_strmap_get(const or_strmap *m, const char *key);
/* Find key, inserting it with value NULL if absent; returns its slot (valid until next put). */
or_strmap_slot *or_strmap_put(or_strmap *m, const char *key);

#endif
