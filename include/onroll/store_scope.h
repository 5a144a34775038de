/* store_scope.h - the store's look-ups that decide whether a pupil is in a user's scope (what
 * web_can_see_pupil is made of): on a school's roll, on a worker's caseload, known to the
 * Virtual School, referred to a service. SQL in src/store/scope.c. */
#ifndef ONROLL_STORE_SCOPE_H
#define ONROLL_STORE_SCOPE_H

#include <stdbool.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* ---- scope look-ups (what web_can_see_pupil is made of) ---- */

/* Is the pupil on school urn's roll on `on`, or was in the year before it (a school still has
 * duties for a pupil it excluded)? */
or_code or_scope_at_school(or_store *s, const char *upn, int urn, or_date on, bool *yes,
                           or_error *err);
/* Is the pupil on an open caseload (on `on`) of role `role`, held by worker (email, any case;
 * NULL: any worker)? */
or_code or_scope_on_caseload(or_store *s, const char *upn, const char *worker, const char *role,
                             or_date on, bool *yes, or_error *err);
/* Is the pupil looked after, previously looked after, in need, on a protection plan or with
 * a social worker on `on` (the snapshot in force, or an open social_worker or vsh caseload)? */
or_code or_scope_virtual_school(or_store *s, const char *upn, or_date on, bool *yes, or_error *err);
/* Has the pupil been referred to one of the services (n of them, at most 8: a `referral`
 * event whose `to` is one, dated on or before `on`), whatever became of the referral? */
or_code or_scope_referred(or_store *s, const char *upn, const char *const *services, int n,
                          or_date on, bool *yes, or_error *err);
/* The UPNs a school has duties for: on its roll on `on` or in the year before, or with an event
 * of the school; each once, in order. */
typedef or_code (*or_upn_cb)(void *ctx, const char *upn, or_error *err);
or_code or_scope_school_pupils(or_store *s, int urn, or_date on, or_upn_cb cb, void *ctx,
                               or_error *err);

#endif
