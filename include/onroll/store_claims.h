/* store_claims.h - the store's claims (migration 011) and the roll look-ups a school's writes
 * are checked against (ingest_scope.c). What a claim is and how one is settled: claims.h. */
#ifndef ONROLL_STORE_CLAIMS_H
#define ONROLL_STORE_CLAIMS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/store.h"

/* ---- the roll ---- */

/* Is the pupil on school urn's roll (an enrolment of any type) on day `on`? */
or_code or_roll_on(or_store *s, const char *upn, int urn, or_date on, bool *yes, or_error *err);
/* Has the pupil an enrolment at a school other than urn that is open, or ended on or after
 * `since`? *open: one of them is open. */
or_code or_roll_elsewhere(or_store *s, const char *upn, int urn, or_date since, bool *any,
                          bool *open, or_error *err);
/* Is this exact enrolment (upn, urn, start, type) stored already (a school changing its own)? */
or_code or_roll_has(or_store *s, const char *upn, int urn, or_date start, const char *type,
                    bool *yes, or_error *err);
/* Has a school other than urn recorded that the pupil moved to urn (an in_year_transfer or a
 * managed_move with to_urn = urn) on or after `since`? */
or_code or_roll_moved_to(or_store *s, const char *upn, int urn, or_date since, bool *yes,
                         or_error *err);

/* ---- claims ---- */

typedef struct {
    int64_t id;
    int la_code, urn;
    const char *upn, *reg_type, *status; /* "pending" | "confirmed" | "rejected" */
    or_date start;
    bool was_open;
    const char *claimed_by, *claimed_at, *decided_by, *decided_at, *decision, *note; /* "" */
} or_claim;

/* Record a claim (or find the one already made for the same enrolment): *id, and *created
 * when it is new. A claim once decided stays decided: *status says which. */
or_code or_claim_put(or_store *s, const or_claim *c, int64_t src_id, int64_t *id, bool *created,
                     char status[16], or_error *err);
/* Hold a row the school sent for the claimed pupil (cells: a JSON array of the kind's columns'
 * text); *created false when the same row is held already. */
or_code or_claim_row_put(or_store *s, int64_t claim_id, const char *kind, const char *cells,
                         int64_t src_id, int64_t line, bool *created, or_error *err);
/* The pending claim of school urn for the pupil (*id 0 when none). */
or_code or_claim_pending(or_store *s, const char *upn, int urn, int64_t *id, or_error *err);
/* Claims by status ("pending", or NULL for every one) and school (0: every school), newest
 * first; strings valid during the call. */
typedef or_code (*or_claim_cb)(void *ctx, const or_claim *c, or_error *err);
or_code or_claims_list(or_store *s, const char *status, int urn, or_claim_cb cb, void *ctx,
                       or_error *err);
or_code or_claim_get(or_store *s, int64_t id, or_arena *a, or_claim *out, bool *found,
                     or_error *err);
/* The rows held with a claim, in the order they came. */
typedef or_code (*or_claim_row_cb)(void *ctx, const char *kind, const char *cells, int64_t line,
                                   or_error *err);
or_code or_claim_rows(or_store *s, int64_t id, or_claim_row_cb cb, void *ctx, or_error *err);
/* Settle a pending claim: status "confirmed" or "rejected", by whom, how ('la', 'moved',
 * 'left') and why (may be NULL). *done false when it was no longer pending. */
or_code or_claim_decide(or_store *s, int64_t id, const char *status, const char *by,
                        const char *decision, const char *note, bool *done, or_error *err);

#endif
