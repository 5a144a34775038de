/* school_days.h (internal to src/ingest) - the school-day check of the importer (issue 14): an
 * exclusion, suspension or movement must start on a school day at its school. The calendar
 * rows are read once per batch, on first use; each school's are gathered once. */
#ifndef ONROLL_INGEST_SCHOOL_DAYS_H
#define ONROLL_INGEST_SCHOOL_DAYS_H

#include <stddef.h>

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/schoolday.h"
#include "onroll/store.h"
#include "onroll/strmap.h"

typedef struct {
    bool loaded;
    or_cal_labelled *rows; /* every calendar row (row.school: a school's own) */
    int *scope;            /* each row's scope: 0 the LA's, else a URN */
    int n;
    or_strmap by_urn; /* "urn" -> school_cal */
} school_days;

/* Whether an event of this kind must start on a school day (exclusions and movements). */
bool school_days_applies(or_event_kind k);

/* The verdict on day d at school urn (schoolday.h), why in words if not; the rows read from s
 * into arena a on first use. */
or_code school_days_check(school_days *sd, or_store *s, or_arena *a, int urn, or_date d,
                          or_sd_verdict *v, char *why, size_t size, or_error *err);

#endif
