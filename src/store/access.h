/* access.h - for the files of src/store/ beyond store.c: the driver and connection behind a
 * store (so each group of queries can live in its own file). */
#ifndef ONROLL_STORE_ACCESS_H
#define ONROLL_STORE_ACCESS_H

#include "onroll/store.h"
#include "store/driver.h"

const or_driver *or_store_driver(const or_store *s, or_db **db);

#endif
