/* store_roll.h - ending a pupil's registrations at a school when an exit is recorded
 * (movements.h): the importer calls it inside the batch's transaction, so a CSV file, a form
 * and the MIS API all end the enrolment the same way. */
#ifndef ONROLL_STORE_ROLL_H
#define ONROLL_STORE_ROLL_H

#include <stddef.h>
#include <stdint.h>

#include "onroll/date.h"
#include "onroll/store.h"

typedef struct {
    int la_code, urn;
    const char *upn;
    or_date last;        /* the last day on roll: the exit's start */
    const char *leaving; /* the leaving reason */
    int64_t line;        /* the exit's line in its source */
} or_roll_exit;

/* For each exit, end the pupil's registrations at the school that are open on its last day
 * (started on or before it, not ended by then): end_date = last, the leaving reason, and the
 * source (src_id, the exit's line), so the model replays them with the exit. *ended: how
 * many registrations were ended. */
or_code or_roll_end_many(or_store *s, const or_roll_exit *x, size_t n, int64_t src_id,
                         int64_t *ended, or_error *err);

#endif
