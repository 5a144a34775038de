/* school_scope.h (internal to src/ingest) - what a school may write: the check ingest.c runs on
 * every row of a batch sent by a school (or_ingest_opts.school), before the row is put. */
#ifndef ONROLL_INGEST_SCHOOL_SCOPE_H
#define ONROLL_INGEST_SCHOOL_SCOPE_H

#include <stddef.h>

#include "onroll/kinds.h"
#include "onroll/store.h"

typedef enum {
    SCOPE_OK,      /* the school's own: put the row */
    SCOPE_REFUSED, /* not the school's: *column and msg say why */
    SCOPE_CLAIM,   /* an enrolment of a pupil on another roll: a new claim (claims.h) */
    SCOPE_HELD,    /* a snapshot of a pupil the school has claimed: held with claim *claim */
} school_verdict;

/* The verdict on one valid row, today being `today`, of kind k from school `school`; *was_open
 * (SCOPE_CLAIM): the pupil is on another school's roll now (not only in the 12 months before). A
 * message never says anything of the pupil's record elsewhere: not whether the UPN is known, not
 * where the pupil is on roll. */
or_code school_scope_check(or_store *s, int school, or_date today, const or_kind *k,
                           const or_value *row, school_verdict *v, const char **column, char *msg,
                           size_t size, int64_t *claim, bool *was_open, or_error *err);

#endif
