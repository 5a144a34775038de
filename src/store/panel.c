/* panel.c (store) - the multi-agency panel's meetings (store_panel.h, migration 029): one row
 * per date. */
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_panel.h"
#include "store/access.h"

static void read_row(or_query *q, or_arena *a, or_panel_meeting *m)
{
    or_date d = OR_DATE_NONE;
    or_date_parse(or_query_text(q, 0), &d);
    m->date = d;
    m->created_by = or_arena_strdup(a, or_query_text(q, 1));
    m->circulated_at = or_arena_strdup(a, or_query_text(q, 2));
    m->circulated_by = or_arena_strdup(a, or_query_text(q, 3));
}

#define COLS "SELECT meeting_date, created_by, circulated_at, circulated_by FROM panel_meetings "

or_code or_panel_meetings(or_store *s, or_arena *a, or_panel_meeting **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q, COLS "ORDER BY meeting_date DESC", err);
    if (rc)
        return rc;
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_row(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_panel_meeting_get(or_store *s, or_date d, or_arena *a, or_panel_meeting *out,
                             bool *found, or_error *err)
{
    *found = false;
    char day[11];
    or_date_format(d, day);
    or_query q;
    or_code rc = or_query_prep(s, &q, COLS "WHERE meeting_date = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, day);
    if (!(rc = q.d->step(q.st, found, err)) && *found)
        read_row(&q, a, out);
    or_query_done(&q);
    return rc;
}

or_code or_panel_meeting_add(or_store *s, or_date d, const or_audit_entry *who, bool *added,
                             or_error *err)
{
    *added = false;
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    or_arena a = OR_ARENA_INIT;
    or_panel_meeting m;
    bool found = false;
    char day[11], ts[32];
    or_date_format(d, day);
    or_store_now_iso(ts);
    rc = or_panel_meeting_get(s, d, &a, &m, &found, err);
    or_arena_free(&a);
    if (!rc && !found) {
        or_query q;
        if (!(rc = or_query_prep(s, &q,
                                 "INSERT INTO panel_meetings (meeting_date, created_by, "
                                 "created_at) VALUES (?, ?, ?)",
                                 err))) {
            q.d->bind_text(q.st, 1, day);
            q.d->bind_text(q.st, 2, who && who->actor ? who->actor : "");
            q.d->bind_text(q.st, 3, ts);
            rc = or_query_run(&q, err);
        }
        or_audit_entry line = who ? *who : (or_audit_entry){.actor = ""};
        line.action = "panel.meeting.add";
        line.object = day;
        line.detail = "multi-agency panel meeting added";
        if (!rc)
            rc = or_audit_add(s, &line, err);
        *added = !rc;
    }
    if (!rc)
        return or_store_commit(s, err);
    or_store_rollback(s);
    *added = false;
    return rc;
}

or_code or_panel_meeting_circulated(or_store *s, or_date d, const char *by, or_error *err)
{
    char day[11], ts[32];
    or_date_format(d, day);
    or_store_now_iso(ts);
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "UPDATE panel_meetings SET circulated_at = ?, circulated_by = ? WHERE meeting_date = ?",
        err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, ts);
    q.d->bind_text(q.st, 2, by ? by : "");
    q.d->bind_text(q.st, 3, day);
    return or_query_run(&q, err);
}
