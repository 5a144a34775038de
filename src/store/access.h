/* access.h - for the files of src/store/ beyond store.c: the driver and connection behind a
 * store (so each group of queries can live in its own file). */
#ifndef ONROLL_STORE_ACCESS_H
#define ONROLL_STORE_ACCESS_H

#include "onroll/store.h"
#include "store/driver.h"

const or_driver *or_store_driver(const or_store *s, or_db **db);
/* Whether a column is stored as text (else an integer; dates are ISO text). */
bool or_store_is_text(const or_column *c);
/* Read result column i of st into v as column c's value (text valid until the next step). */
void or_store_read_value(const or_driver *d, or_stmt *st, int i, const or_column *c, or_value *v);

#endif
