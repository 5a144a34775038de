/* store_audit.h - the append-only audit log in the store: who read or changed what, when
 * and from where, and the search of it (src/store/audit_log.c; a list's children once each:
 * audit_lists.c). */
#ifndef ONROLL_STORE_AUDIT_H
#define ONROLL_STORE_AUDIT_H

#include <stdint.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* ---- audit log (append-only) ---- */

typedef struct {
    const char *actor;  /* the account's email, "api:URN", "cli:LOGIN" or "" when unknown */
    int64_t user_id;    /* 0 when none */
    const char *role;   /* role name, "api", "cli", or NULL */
    const char *action; /* "pupil.read", "export", "sign_in", "denied", "user.add"... */
    const char *object; /* what was touched: a path, a URN, an email */
    const char *upn;    /* the pupil concerned, or NULL */
    const char *remote; /* the client's address, or NULL */
    const char *detail; /* free text, or NULL */
} or_audit_entry;

or_code or_audit_add(or_store *s, const or_audit_entry *e, or_error *err);
/* One row for a list that names n children (their UPNs in any order, repeats allowed): the
 * row names the list by a digest of them (its `list`; e->upn is not used) and audit_lists
 * keeps each distinct list's children once, in the same transaction. */
or_code or_audit_add_list(or_store *s, const or_audit_entry *e, const char *const *upns, int n,
                          or_error *err);

typedef struct {
    const char *actor; /* exact, or NULL */
    const char *upn;   /* exact (the pupil's own rows and every list that named them), or NULL */
    const char *action;
    or_date from, to;  /* inclusive days (UTC), OR_DATE_NONE for open */
    int64_t before_id; /* only rows with a smaller id (paging), 0 for none */
    int limit;         /* 0: 100 */
} or_audit_query;

typedef struct {
    int64_t id;
    const char *at, *actor, *role, *action, *object, *upn, *remote, *detail; /* "" when NULL */
} or_audit_row;

typedef or_code (*or_audit_cb)(void *ctx, const or_audit_row *r, or_error *err);
/* Matching rows, newest first. */
or_code or_audit_search(or_store *s, const or_audit_query *q, or_audit_cb cb, void *ctx,
                        or_error *err);

#endif
