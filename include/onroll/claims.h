/* claims.h - a school's enrolment of a pupil who is on another school's roll, or was in the 12
 * months before the enrolment starts, is a claim (issue 12; docs/security.md): it is held, with
 * the rows the school sends for the pupil meanwhile, until one of these confirms it -
 *
 *   - the previous school records the move: an in_year_transfer or managed_move naming the
 *     claiming school (to_urn) dated in the 12 months before the claim's start, or later;
 *   - the previous school ends the enrolment that was open when the claim was made, so that
 *     the pupil is on no other school's roll;
 *   - an LA officer confirms it (the claims worklist, /claims);
 *
 * or an LA officer turns it down. Confirming puts the held rows through the importer in one
 * transaction with the claim's new status and its audit line; until then the claiming school
 * sees only the pupil's name, date of birth and its claim. The LA's own imports are never
 * claims. The store's side: store_claims.h. */
#ifndef ONROLL_CLAIMS_H
#define ONROLL_CLAIMS_H

#include <stdint.h>

#include "onroll/kinds.h"
#include "onroll/store.h"

/* Confirm pending claim id: its held rows imported (as the LA's), its status, who and how
 * ('la', 'moved', 'left') and the audit line, in one transaction. OR_ENOTFOUND when there is
 * no such pending claim. */
or_code or_claim_confirm(or_store *s, int64_t id, const char *by, const char *how, const char *note,
                         or_error *err);
/* Turn pending claim id down (its held rows are kept with it, never imported), audited. */
or_code or_claim_reject(or_store *s, int64_t id, const char *by, const char *note, or_error *err);
/* Confirm every pending claim that the previous school's records now settle; *n how many. */
or_code or_claims_settle(or_store *s, const char *by, int *n, or_error *err);
/* For or_ingest_opts.after_commit: after a committed batch of enrolments or events, settle the
 * claims it confirms (*settled: how many). */
void or_claims_after_commit(or_store *s, or_kind_id kind, const char *user, int *settled);

#endif
