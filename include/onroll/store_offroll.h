/* store_offroll.h - the LA's challenges to schools over their off-rolling signals (offroll.h;
 * migration 028): per academic year and school, what the LA asked and when, and the school's
 * answer and when. */
#ifndef ONROLL_STORE_OFFROLL_H
#define ONROLL_STORE_OFFROLL_H

#include "onroll/arena.h"
#include "onroll/store.h"

typedef struct {
    int ay, urn;
    const char *challenge, *challenged_on; /* "" when none; a date as YYYY-MM-DD */
    const char *answer, *answered_on;
    const char *set_by, *set_at;
} or_offroll_challenge;

/* The challenges of a year (ay) in URN order, strings in the arena. */
or_code or_offroll_challenges(or_store *s, int ay, or_arena *a, or_offroll_challenge **out, int *n,
                              or_error *err);
/* Write (insert or replace) the challenge of (c->ay, c->urn); set_at is now. The caller holds
 * the transaction (and writes the audit line in it). */
or_code or_offroll_challenge_set(or_store *s, const or_offroll_challenge *c, const char *user,
                                 or_error *err);

#endif
