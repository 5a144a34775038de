/* visits.c - the dashboard's last-visit store (visits.h): one row per user in dashboard_visits
 * (migration 014; on SQLite in the log database, beside the sessions). */
#include <stdio.h>
#include <string.h>

#include "onroll/visits.h"
#include "store/access.h"

or_code or_visit_mark(or_store *s, int64_t user_id, int64_t session_at, const char *now_iso,
                      char since[32], bool *known, or_error *err)
{
    since[0] = '\0';
    *known = false;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT session_at, since, visited_at FROM dashboard_visits WHERE user_id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, user_id);
    bool row = false, same = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        same = q.d->col_int(q.st, 0) == session_at;
        /* this session's: what it counted from; an older session's: its last visit */
        snprintf(since, 32, "%s", or_query_text(&q, same ? 1 : 2));
    }
    or_query_done(&q);
    if (rc)
        return rc;
    *known = since[0] != '\0';
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO dashboard_visits (user_id, session_at, since, "
                            "visited_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE "
                            "SET session_at = excluded.session_at, since = excluded.since, "
                            "visited_at = excluded.visited_at",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, user_id);
    q.d->bind_int(q.st, 2, session_at);
    q.d->bind_text(q.st, 3, since);
    q.d->bind_text(q.st, 4, now_iso);
    return or_query_run(&q, err);
}
