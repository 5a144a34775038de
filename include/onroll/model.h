/* model.h - every pupil's facts (facts.h) and every school's calendar, loaded from the store
 * in one pass per table, for the rules engine. Loading one pupil is the incremental path:
 * after an event is recorded only that pupil's duties and flags are recomputed. */
#ifndef ONROLL_MODEL_H
#define ONROLL_MODEL_H

#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/store.h"

typedef struct or_model or_model;

/* Load every pupil (upn NULL) or one pupil; the LA's parameters come from the store's config. */
or_code or_model_load(or_store *s, const char *upn, or_model **out, or_error *err);
/* Only the events and enrolments (and the parameters), of one pupil or all (upn NULL): enough
 * for the 45-day cap and the importer's after-exit check. */
or_code or_model_load_events(or_store *s, const char *upn, or_model **out, or_error *err);
void or_model_free(or_model *m);

int or_model_npupils(const or_model *m);
const or_pupil_facts *or_model_pupil(const or_model *m, int i); /* ordered by upn */
const or_pupil_facts *or_model_find(const or_model *m, const char *upn);
const or_school_info *or_model_school(const or_model *m, int urn);
const or_params *or_model_params(const or_model *m);

/* The LA's parameters: the defaults overridden by the config table. */
or_code or_params_load(or_store *s, or_params *p, or_error *err);

#endif
