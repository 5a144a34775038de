/* store_ap.h - the register of alternative provision providers and its QA records in the store
 * (migration 025, SQL in src/store/ap.c). A provider's and a record's fields and checks are
 * ap.h; each write is checked with them and written with its audit line in one transaction
 * (no line, no change). */
#ifndef ONROLL_STORE_AP_H
#define ONROLL_STORE_AP_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/ap.h"
#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/store.h"
#include "onroll/store_audit.h"

/* A provider read from the store (strings valid during the callback only). */
typedef or_code (*or_ap_provider_cb)(void *ctx, const or_ap_provider *p, or_error *err);
/* Every provider, by name then slug. */
or_code or_ap_providers_each(or_store *s, or_ap_provider_cb cb, void *ctx, or_error *err);
/* One provider, its strings copied into a; *found false when there is none. */
or_code or_ap_provider_get(or_store *s, const char *slug, or_arena *a, or_ap_provider *out,
                           bool *found, or_error *err);
/* Add a provider (p->slug set by the caller, or_ap_slug of the name, made unique with "-2",
 * "-3"... when taken: the slug used is written back into slug_out, 61 bytes). Checked with
 * or_ap_provider_check (OR_EINPUT, *field set); audit action "ap.provider.add". */
or_code or_ap_provider_add(or_store *s, const or_ap_provider *p, const or_audit_entry *who,
                           char slug_out[61], const char **field, or_error *err);

/* A QA record read from the store, with its id (strings valid during the callback only). */
typedef or_code (*or_ap_qa_cb)(void *ctx, int64_t id, const or_ap_qa *q, const char *recorded_by,
                               or_error *err);
/* The records of one provider (slug) or of all (NULL), the latest check first. */
or_code or_ap_qa_each(or_store *s, const char *slug, or_ap_qa_cb cb, void *ctx, or_error *err);
/* Add a QA record of an existing provider (OR_ENOTFOUND if not), checked with or_ap_qa_check
 * against today; audit action "ap.qa.add". */
or_code or_ap_qa_add(or_store *s, const or_ap_qa *q, or_date today, const or_audit_entry *who,
                     const char **field, or_error *err);

#endif
