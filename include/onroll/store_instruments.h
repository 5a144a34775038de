/* store_instruments.h - the LA's versions of self-evaluation instruments in the database
 * (migration 033; src/store/instrument_versions.c): each version's definition as JSON
 * (instrument_json.h), written once and never changed. */
#ifndef ONROLL_STORE_INSTRUMENTS_H
#define ONROLL_STORE_INSTRUMENTS_H

#include "onroll/arena.h"
#include "onroll/instruments.h"
#include "onroll/store.h"

/* The seeds and every stored version as one set, every instrument in arena a (the caller's:
 * one per request or command, so nothing is shared between threads). A stored definition that
 * does not read is an error naming its id and version. */
or_code or_instruments_load(or_store *s, or_arena *a, or_instrument_set *out, or_error *err);
/* Store in as a new version: in->version must be the next of its id in set (
 * or_instrument_set_next_version), else OR_ECONFLICT; checked (or_instrument_check) first.
 * Call inside the caller's transaction, with its audit line. */
or_code or_instrument_version_put(or_store *s, const or_instrument_set *set,
                                  const or_instrument *in, const char *user, or_error *err);
/* Who made a stored version and when (*by and *at "" for a seed), in arena a. */
or_code or_instrument_version_made(or_store *s, const char *id, int version, or_arena *a,
                                   const char **by, const char **at, or_error *err);

#endif
