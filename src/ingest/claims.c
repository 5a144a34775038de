/* claims.c - settling a school's claims (claims.h): the held rows through the importer, the
 * claim's status and its audit line in the same transaction. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/claims.h"
#include "onroll/ingest.h"
#include "onroll/kinds.h"
#include "onroll/store_claims.h"
#include "onroll/store_audit.h"

enum { CLAIM_WINDOW_DAYS = 365, HELD_MAX = 64 };

typedef struct {
    or_kind_id kind;
    int64_t line;
    json_t *cells;
} held_row;

typedef struct {
    held_row rows[HELD_MAX];
    int n;
} held_rows;

static or_code on_row(void *ctx, const char *kind, const char *cells, int64_t line, or_error *err)
{
    held_rows *h = ctx;
    const or_kind *k = NULL;
    for (int i = 0; i < OR_K__COUNT && !k; i++)
        if (!strcmp(or_kind_get((or_kind_id)i)->name, kind))
            k = or_kind_get((or_kind_id)i);
    json_t *a = json_loads(cells, 0, NULL);
    if (!k || !json_is_array(a) || json_array_size(a) != (size_t)k->ncols || h->n == HELD_MAX) {
        json_decref(a);
        return or_fail(err, OR_ESTORE, "claim_rows: a held %s row (line %lld) cannot be read", kind,
                       (long long)line);
    }
    h->rows[h->n++] = (held_row){k->id, line, a};
    return OR_OK;
}

typedef struct {
    int64_t id;
    const char *status, *by, *how, *note, *upn;
    int urn;
} decision;

/* The claim's new status and its audit line (inside the importer's transaction). */
static or_code decide(void *ctx, or_store *s, or_error *err)
{
    const decision *d = ctx;
    bool done = false;
    or_code rc = or_claim_decide(s, d->id, d->status, d->by, d->how, d->note, &done, err);
    if (rc)
        return rc;
    if (!done)
        return or_fail(err, OR_ENOTFOUND, "claim %lld is no longer waiting for a decision",
                       (long long)d->id);
    char object[16], detail[300];
    snprintf(object, sizeof object, "%d", d->urn);
    snprintf(detail, sizeof detail, "claim %lld of school %d %s (%s)%s%.200s", (long long)d->id,
             d->urn, d->status,
             !strcmp(d->how, "moved")  ? "the previous school recorded the move"
             : !strcmp(d->how, "left") ? "the previous school's enrolment ended"
                                       : "by a local authority officer",
             d->note && *d->note ? ": " : "", d->note ? d->note : "");
    or_audit_entry a = {.actor = d->by ? d->by : "",
                        .action =
                            !strcmp(d->status, "confirmed") ? "claim.confirmed" : "claim.rejected",
                        .object = object,
                        .upn = d->upn,
                        .detail = detail};
    return or_audit_add(s, &a, err);
}

/* One batch of the held rows of one kind; the decision with the last batch. */
static or_code replay(or_store *s, const held_rows *h, or_kind_id kind, const decision *d,
                      const char *by, or_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "claim %lld", (long long)d->id);
    or_source src = {"claim", name, NULL, by, NULL};
    or_ingest_opts opts = {0}; /* no after_commit: a replay settles nothing more */
    if (d->status) {
        opts.before_commit = decide;
        opts.commit_ctx = (void *)d;
    }
    or_ingest *in = NULL;
    or_code rc = or_ingest_begin(s, or_kind_get(kind), &src, &opts, &in, err);
    if (rc)
        return rc;
    for (int i = 0; i < h->n; i++) {
        if (h->rows[i].kind != kind)
            continue;
        const char *cells[32];
        const or_kind *k = or_kind_get(kind);
        for (int c = 0; c < k->ncols && c < 32; c++)
            cells[c] = json_string_value(json_array_get(h->rows[i].cells, (size_t)c));
        or_error e = {0};
        or_ingest_row(in, h->rows[i].line, cells, &e);
    }
    or_ingest_result res = {0};
    rc = or_ingest_end(in, &res, err);
    or_ingest_result_release(&res);
    return rc;
}

static void held_free(held_rows *h)
{
    for (int i = 0; i < h->n; i++)
        json_decref(h->rows[i].cells);
}

static or_code settle_one(or_store *s, int64_t id, const char *status, const char *by,
                          const char *how, const char *note, or_error *err)
{
    or_arena a = OR_ARENA_INIT;
    or_claim c;
    bool found = false;
    or_code rc = or_claim_get(s, id, &a, &c, &found, err);
    if (!rc && (!found || strcmp(c.status, "pending")))
        rc = or_fail(err, OR_ENOTFOUND, "there is no claim %lld waiting for a decision",
                     (long long)id);
    held_rows h = {.n = 0};
    if (!rc)
        rc = or_claim_rows(s, id, on_row, &h, err);
    if (!rc) {
        decision d = {id, status, by, how, note, c.upn, c.urn};
        if (!strcmp(status, "confirmed")) {
            /* snapshots first (the pupil is known), the enrolment last, with the decision */
            decision none = {id, NULL, by, how, note, c.upn, c.urn};
            bool any = false;
            for (int i = 0; i < h.n; i++)
                any |= h.rows[i].kind == OR_K_PUPILS;
            if (any)
                rc = replay(s, &h, OR_K_PUPILS, &none, by, err);
            if (!rc)
                rc = replay(s, &h, OR_K_ENROLMENTS, &d, by, err);
        } else if (!(rc = or_store_begin(s, err))) {
            if ((rc = decide(&d, s, err)) || (rc = or_store_commit(s, err)))
                or_store_rollback(s);
        }
    }
    held_free(&h);
    or_arena_free(&a);
    return rc;
}

or_code or_claim_confirm(or_store *s, int64_t id, const char *by, const char *how, const char *note,
                         or_error *err)
{
    return settle_one(s, id, "confirmed", by, how ? how : "la", note, err);
}

or_code or_claim_reject(or_store *s, int64_t id, const char *by, const char *note, or_error *err)
{
    return settle_one(s, id, "rejected", by, "la", note, err);
}

typedef struct {
    int64_t ids[256];
    int n;
} pending;

static or_code on_pending(void *ctx, const or_claim *c, or_error *err)
{
    pending *p = ctx;
    (void)err;
    if (p->n < 256)
        p->ids[p->n++] = c->id;
    return OR_OK;
}

void or_claims_after_commit(or_store *s, or_kind_id kind, const char *user, int *settled)
{
    or_error err = {0};
    *settled = 0;
    if (kind == OR_K_ENROLMENTS || kind == OR_K_EVENTS)
        or_claims_settle(s, user, settled, &err); /* a failure leaves them pending, as before */
}

or_code or_claims_settle(or_store *s, const char *by, int *n, or_error *err)
{
    pending p = {.n = 0};
    *n = 0;
    or_code rc = or_claims_list(s, "pending", 0, on_pending, &p, err);
    for (int i = 0; !rc && i < p.n; i++) {
        or_arena a = OR_ARENA_INIT;
        or_claim c;
        bool found = false, moved = false, any = false, open = false;
        if (!(rc = or_claim_get(s, p.ids[i], &a, &c, &found, err)) && found &&
            !(rc = or_roll_moved_to(s, c.upn, c.urn, c.start - CLAIM_WINDOW_DAYS, &moved, err)) &&
            !moved && c.was_open)
            rc = or_roll_elsewhere(s, c.upn, c.urn, c.start - CLAIM_WINDOW_DAYS, &any, &open, err);
        const char *how = moved ? "moved" : c.was_open && !open ? "left" : NULL;
        if (!rc && found && how) {
            char who[200];
            snprintf(who, sizeof who, "%s", by && *by ? by : "onroll");
            if (!(rc = or_claim_confirm(s, c.id, who, how, NULL, err)))
                (*n)++;
        }
        or_arena_free(&a);
    }
    return rc;
}
