/* audit_log.c - the append-only audit log in the store (store_audit.h): one row per read or
 * change, lists of children named by digest (audit_lists.c), and the search of it. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "onroll/store_audit.h"
#include "store/access.h"

/* ---- audit ---- */

static or_code audit_insert(or_store *s, const or_audit_entry *e, const char *list, or_error *err)
{
    char ts[32];
    or_store_now_iso(ts);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "INSERT INTO audit_log (at, user_id, role, action, object, upn, remote, "
                      "detail, actor, list) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, ts);
    if (e->user_id)
        q.d->bind_int(q.st, 2, e->user_id);
    else
        q.d->bind_null(q.st, 2);
    or_query_bind_opt(&q, 3, e->role);
    q.d->bind_text(q.st, 4, e->action);
    or_query_bind_opt(&q, 5, e->object);
    or_query_bind_opt(&q, 6, list ? NULL : e->upn);
    or_query_bind_opt(&q, 7, e->remote);
    or_query_bind_opt(&q, 8, e->detail);
    or_query_bind_opt(&q, 9, e->actor);
    or_query_bind_opt(&q, 10, list);
    return or_query_run(&q, err);
}

or_code or_audit_add(or_store *s, const or_audit_entry *e, or_error *err)
{
    return audit_insert(s, e, NULL, err);
}

or_code or_audit_add_list(or_store *s, const or_audit_entry *e, const char *const *upns, int n,
                          or_error *err)
{
    if (n <= 0)
        return audit_insert(s, e, NULL, err);
    char list[33];
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    if ((rc = or_audit_list_put(s, upns, n, list, err)) || (rc = audit_insert(s, e, list, err))) {
        or_store_rollback(s);
        return rc;
    }
    return or_store_commit(s, err);
}

or_code or_audit_search(or_store *s, const or_audit_query *aq, or_audit_cb cb, void *ctx,
                        or_error *err)
{
    or_sb sql = OR_SB_INIT;
    const char *texts[9];
    int ntexts = 0;
    char from[16], to[16];
    or_sb_adds(&sql, "SELECT id, at, actor, role, action, object, upn, remote, detail, list "
                     "FROM audit_log WHERE 1 = 1");
    if (aq->actor && *aq->actor) {
        or_sb_adds(&sql, " AND actor = ?");
        texts[ntexts++] = aq->actor;
    }
    bool by_upn = aq->upn && *aq->upn;
    if (by_upn) { /* the pupil's own rows, and every list that named them */
        or_sb_adds(&sql, " AND (upn = ? OR list IN (SELECT list FROM audit_lists WHERE upn = ?))");
        texts[ntexts++] = aq->upn;
        texts[ntexts++] = aq->upn;
    }
    if (aq->action && *aq->action) {
        or_sb_adds(&sql, " AND action = ?");
        texts[ntexts++] = aq->action;
    }
    if (aq->from != OR_DATE_NONE) { /* at is ISO 8601 text: it sorts as it reads */
        or_date_format(aq->from, from);
        or_sb_adds(&sql, " AND at >= ?");
        texts[ntexts++] = from;
    }
    if (aq->to != OR_DATE_NONE) {
        or_date_format(aq->to + 1, to);
        or_sb_adds(&sql, " AND at < ?");
        texts[ntexts++] = to;
    }
    if (aq->before_id > 0)
        or_sb_adds(&sql, " AND id < ?");
    or_sb_adds(&sql, " ORDER BY id DESC LIMIT ?");
    or_query q;
    or_code rc = or_query_prep(s, &q, or_sb_str(&sql), err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    int p = 1;
    for (int i = 0; i < ntexts; i++)
        q.d->bind_text(q.st, p++, texts[i]);
    if (aq->before_id > 0)
        q.d->bind_int(q.st, p++, aq->before_id);
    q.d->bind_int(q.st, p, aq->limit > 0 ? aq->limit : 100);
    for (;;) {
        bool row = false;
        if ((rc = or_query_step(&q, &row, err)) || !row)
            break;
        or_audit_row r = {q.d->col_int(q.st, 0), or_query_text(&q, 1), or_query_text(&q, 2),
                          or_query_text(&q, 3),  or_query_text(&q, 4), or_query_text(&q, 5),
                          or_query_text(&q, 6),  or_query_text(&q, 7), or_query_text(&q, 8)};
        if (by_upn && !*r.upn && !q.d->col_null(q.st, 9))
            r.upn = aq->upn; /* a list that named the pupil */
        if ((rc = cb(ctx, &r, err)))
            break;
    }
    or_query_done(&q);
    return rc;
}
