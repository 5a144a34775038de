/* visits.h - each user's last visit to their dashboard (migration 014), for "new since your
 * last visit". A visit is kept per user with the session that made it: within one session the
 * dashboard keeps counting from the same moment (a reload does not empty it), and the next
 * session counts from the last time this one opened the dashboard. */
#ifndef ONROLL_VISITS_H
#define ONROLL_VISITS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/error.h"
#include "onroll/store.h"

/* Record that user_id opened the dashboard at now_iso (ISO 8601 UTC) in the session begun at
 * session_at (seconds since the epoch), and say what it counts from: since (ISO 8601 UTC) the
 * user's previous visit before this session, or "" with *known false when there was none. */
or_code or_visit_mark(or_store *s, int64_t user_id, int64_t session_at, const char *now_iso,
                      char since[32], bool *known, or_error *err);

#endif
