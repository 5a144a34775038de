/* export.h - writing every stored row of one kind back out in its interchange CSV format, in
 * a stable order, so that import -> export -> import is a fixed point. */
#ifndef ONROLL_EXPORT_H
#define ONROLL_EXPORT_H

#include <stdio.h>

#include "onroll/kinds.h"
#include "onroll/store.h"

/* Write the header and every row of kind k to out; *rows = rows written (may be NULL). */
or_code or_export_csv(or_store *s, const or_kind *k, FILE *out, long long *rows, or_error *err);

#endif
