/* store_toc.h - theories of change (toc.h; migration 038): theories, their items, the links
 * between items and outcomes' indicators. Strings are in the caller's arena. Writes: the caller
 * holds the transaction and writes the audit line in it. */
#ifndef ONROLL_STORE_TOC_H
#define ONROLL_STORE_TOC_H

#include "onroll/arena.h"
#include "onroll/store.h"
#include "onroll/toc.h"

typedef struct {
    long long id;
    int owner_urn; /* 0: the LA's */
    const char *title;
    long long workshop_id; /* 0: none */
    const char *created_by, *created_at;
    int nitems; /* filled by or_toc_list */
} or_toc;

typedef struct {
    long long from, to;
} or_toc_link;

typedef struct {
    long long id, toc_id, item_id;
    const char *statistic; /* a column of `onroll report rates` (toc.h or_toc_statistics) */
    int urn;               /* 0: the whole LA */
    const char *year_group, *dim, *dim_value; /* "" when not set */
    int ay_first, ay_last;
    const char *baseline, *target; /* as typed */
} or_toc_indicator;

/* Theories owned by owner_urn (-1: every owner), newest first. */
or_code or_toc_list(or_store *s, int owner_urn, or_arena *a, or_toc **out, int *n, or_error *err);
/* The theories that came out of workshop workshop_id, oldest first. */
or_code or_toc_list_workshop(or_store *s, long long workshop_id, or_arena *a, or_toc **out, int *n,
                             or_error *err);
/* One theory; OR_ENOTFOUND when there is none. */
or_code or_toc_get(or_store *s, long long id, or_arena *a, or_toc *out, or_error *err);
or_code or_toc_add(or_store *s, const or_toc *t, const char *user, long long *id, or_error *err);

/* The items of a theory, in the order they were added. */
or_code or_toc_items(or_store *s, long long toc_id, or_arena *a, or_toc_item **out, int *n,
                     or_error *err);
or_code or_toc_item_add(or_store *s, const or_toc_item *it, const char *user, long long *id,
                        or_error *err);
/* Change an item's words, flags and activity fields (its kind and theory stay). */
or_code or_toc_item_update(or_store *s, const or_toc_item *it, or_error *err);

or_code or_toc_links(or_store *s, long long toc_id, or_arena *a, or_toc_link **out, int *n,
                     or_error *err);
/* Add a link (a second time: nothing new). */
or_code or_toc_link_add(or_store *s, long long toc_id, long long from, long long to, or_error *err);

or_code or_toc_indicators(or_store *s, long long toc_id, or_arena *a, or_toc_indicator **out,
                          int *n, or_error *err);
or_code or_toc_indicator_add(or_store *s, const or_toc_indicator *x, const char *user,
                             long long *id, or_error *err);

#endif
