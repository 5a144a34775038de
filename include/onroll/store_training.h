/* store_training.h - staff training recorded by schools (training.h; migration 031). */
#ifndef ONROLL_STORE_TRAINING_H
#define ONROLL_STORE_TRAINING_H

#include "onroll/arena.h"
#include "onroll/store.h"
#include "onroll/training.h"

/* The courses of school urn (0: every school), latest first, strings in the arena. */
or_code or_training_list(or_store *s, int urn, or_arena *a, or_training **out, int *n,
                         or_error *err);
/* Add one course (t->id, recorded_at ignored; recorded_by the user). The caller holds the
 * transaction and writes the audit line in it. */
or_code or_training_add(or_store *s, const or_training *t, const char *user, or_error *err);

#endif
