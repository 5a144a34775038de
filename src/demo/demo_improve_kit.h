/* demo_improve_kit.h - what the demo LA's self-improvement files share (demo_improve.c: reviews,
 * meetings, the survey; demo_workshop.c: the workshop, its boards, ideas and theory of change):
 * the generator's state and the write helpers. Private to src/demo. */
#ifndef ONROLL_DEMO_IMPROVE_KIT_H
#define ONROLL_DEMO_IMPROVE_KIT_H

#include "demo/demo_internal.h"
#include "onroll/store.h"

typedef struct {
    int urn;
    const char *name, *phase;
} im_school;

typedef struct {
    or_store *s;
    or_arena a;
    dm_rng r;
    or_date as_of;
    int ay; /* the academic year of as_of */
    const char *actor, *officer, *school_email, *virtual_email;
    int demo_urn; /* the demo school account's school, 0 when none */
    im_school *schools;
    int n, cap;
    or_error *err;
} imp;
/* A date as YYYY-MM-DD in x's arena. */
const char *im_day(imp *x, or_date d);
#define DAY(d) im_day(x, (d))
/* A weekday on or before d. */
or_date im_weekday(or_date d);
/* One audit line of a write (action "change", actor the command's user). */
or_code im_audit(imp *x, const char *object, const char *detail);
/* End a transaction begun with or_store_begin: commit when rc is OR_OK, else roll back. */
or_code im_finish(imp *x, or_code rc);
/* The workshop, its boards, ideas and theory of change (demo_workshop.c). */
or_code im_workshops(imp *x);

#endif
