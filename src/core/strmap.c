/* strmap.c - string-keyed hash table (FNV-1a, linear probing, doubling at 50% load). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/strmap.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void or_strmap_init(or_strmap *m, or_arena *arena)
{
    m->slots = NULL;
    m->cap = m->len = 0;
    m->arena = arena;
}

void or_strmap_free(or_strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}

void *or_strmap_get(const or_strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->slots[i].key)
            return NULL;
        if (strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    }
}

static void grow(or_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    or_strmap_slot *s = or_xcalloc(cap, sizeof *s);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = hash(m->slots[i].key) & (cap - 1);
        while (s[j].key)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
}

or_strmap_slot *or_strmap_put(or_strmap *m, const char *key)
{
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    /* the probes mask with cap - 1, and stop at an empty slot: one is always left */
    assert((m->cap & (m->cap - 1)) == 0 && m->len < m->cap);
    size_t i = hash(key) & (m->cap - 1);
    while (m->slots[i].key) {
        if (strcmp(m->slots[i].key, key) == 0)
            return &m->slots[i];
        i = (i + 1) & (m->cap - 1);
    }
    m->slots[i].key = or_arena_strdup(m->arena, key);
    m->slots[i].value = NULL;
    m->len++;
    return &m->slots[i];
}
