/* rowcheck.h - checks across the columns of one row (formats.md): which extra columns each
 * event type needs and allows, end not before start, sessions present where they count. */
#ifndef ONROLL_ROWCHECK_H
#define ONROLL_ROWCHECK_H

#include "onroll/kinds.h"

typedef struct {
    const char *name;
    unsigned required; /* bit (1u << OR_EV_x) for each column the type needs */
    unsigned allowed;  /* extra columns it may have, besides those every type may have */
    const char *meaning;
    const char *refs; /* the types its `ref` may name, '|'-separated; NULL: any event */
} or_event_type;

const or_event_type *or_event_type_find(const char *name);

/* May an event of `type` name (`ref`) an event of `ref_type`? *expected says what it may name,
 * for the message ("suspension, lunchtime or permanent"). */
bool or_event_ref_ok(const char *type, const char *ref_type, const char **expected);

/* Check the row as a whole. On failure *col is the column to blame (for the message's
 * "column" part) and err says what is wrong. */
or_code or_row_check(const or_kind *k, const or_value *row, int *col, or_error *err);

#endif
