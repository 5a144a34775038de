/* live_model.h (internal) - the server's one columnar model (live.h), loaded once and kept
 * current with every committed write, for the pages that show figures: /reports and its
 * download and charts, /reports/scrutiny, and the dashboard's figures (view_cache.c). */
#ifndef ONROLL_WEB_LIVE_MODEL_H
#define ONROLL_WEB_LIVE_MODEL_H

#include "onroll/live.h"
#include "web/web.h"

/* Start loading the model and keeping it current (every second) in a thread of its own with
 * its own connection to db_url; stop it (server.c). Without a start, the first request that
 * needs the model loads it. */
void web_live_start(const char *db_url);
void web_live_stop(void);

/* The model brought up to date with every write committed before the call (the writes of this
 * request's own form or upload too; if the database cannot be read just now, as it was),
 * read-locked until web_live_put. An error (no model: it could not be loaded) holds nothing. */
or_code web_live_get(or_store *s, const or_columns **out, or_error *err);
void web_live_put(void);

/* Its load and replay counts (/status). */
void web_live_info(or_live_info *out);

#endif
