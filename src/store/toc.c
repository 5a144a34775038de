/* toc.c (store) - theories of change, their items, links and indicators (store_toc.h,
 * migration 038). */
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_toc.h"
#include "store/access.h"

/* Step a statement that returns the new row's id. */
static or_code returning_id(or_query *q, const char *what, long long *id, or_error *err)
{
    bool row = false;
    or_code rc = q->d->step(q->st, &row, err);
    if (!rc && row && id)
        *id = (long long)q->d->col_int(q->st, 0);
    or_query_done(q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "%s: the new row got no id", what);
    return rc;
}

#define TOC_COLS "id, owner_urn, title, workshop_id, created_by, CAST(created_at AS TEXT)"

static void read_toc(or_query *q, or_arena *a, or_toc *t)
{
    memset(t, 0, sizeof *t);
    t->id = (long long)q->d->col_int(q->st, 0);
    t->owner_urn = (int)q->d->col_int(q->st, 1);
    t->title = or_arena_strdup(a, or_query_text(q, 2));
    t->workshop_id = (long long)q->d->col_int(q->st, 3);
    t->created_by = or_arena_strdup(a, or_query_text(q, 4));
    t->created_at = or_arena_strdup(a, or_query_text(q, 5));
}

or_code or_toc_list(or_store *s, int owner_urn, or_arena *a, or_toc **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        owner_urn >= 0 ? "SELECT " TOC_COLS ", (SELECT COUNT(*) FROM toc_items i WHERE i.toc_id "
                         "= toc.id) FROM toc WHERE owner_urn = ? ORDER BY id DESC"
                       : "SELECT " TOC_COLS ", (SELECT COUNT(*) FROM toc_items i WHERE i.toc_id "
                         "= toc.id) FROM toc ORDER BY id DESC",
        err);
    if (rc)
        return rc;
    if (owner_urn >= 0)
        q.d->bind_int(q.st, 1, owner_urn);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_toc(&q, a, &(*out)[len]);
        (*out)[len++].nitems = (int)q.d->col_int(q.st, 6);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_toc_list_workshop(or_store *s, long long workshop_id, or_arena *a, or_toc **out, int *n,
                             or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT " TOC_COLS " FROM toc WHERE workshop_id = ? AND "
                               "workshop_id <> 0 ORDER BY id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_toc(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_toc_get(or_store *s, long long id, or_arena *a, or_toc *out, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " TOC_COLS " FROM toc WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        read_toc(&q, a, out);
    or_query_done(&q);
    if (!rc && !have)
        rc = or_fail(err, OR_ENOTFOUND, "theory of change %lld: not found", id);
    return rc;
}

or_code or_toc_add(or_store *s, const or_toc *t, const char *user, long long *id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO toc (owner_urn, title, workshop_id, created_by, "
                               "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, t->owner_urn);
    q.d->bind_text(q.st, 2, t->title);
    q.d->bind_int(q.st, 3, t->workshop_id);
    q.d->bind_text(q.st, 4, user ? user : "");
    q.d->bind_text(q.st, 5, ts);
    return returning_id(&q, "toc", id, err);
}

static const char *date_text(or_date d, char buf[11])
{
    if (d == OR_DATE_NONE)
        return "";
    or_date_format(d, buf);
    return buf;
}

or_code or_toc_items(or_store *s, long long toc_id, or_arena *a, or_toc_item **out, int *n,
                     or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "SELECT id, toc_id, kind, body, responsible, accountable, consensus, priority, who, "
        "for_whom, starts_on, ends_on, outputs, source FROM toc_items WHERE toc_id = ? ORDER BY id",
        err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, toc_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int kind = or_toc_kind_parse(or_query_text(&q, 2));
        if (kind < 0)
            continue; /* a kind this build does not know: not shown */
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_toc_item *it = &(*out)[len++];
        memset(it, 0, sizeof *it);
        it->id = (long long)q.d->col_int(q.st, 0);
        it->toc_id = (long long)q.d->col_int(q.st, 1);
        it->kind = (or_toc_kind)kind;
        it->body = or_arena_strdup(a, or_query_text(&q, 3));
        it->responsible = q.d->col_int(q.st, 4) != 0;
        it->accountable = q.d->col_int(q.st, 5) != 0;
        it->consensus = q.d->col_int(q.st, 6) != 0;
        it->priority = q.d->col_int(q.st, 7) != 0;
        it->who = or_arena_strdup(a, or_query_text(&q, 8));
        it->for_whom = or_arena_strdup(a, or_query_text(&q, 9));
        it->starts_on = it->ends_on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 10), &it->starts_on);
        or_date_parse(or_query_text(&q, 11), &it->ends_on);
        it->outputs = or_arena_strdup(a, or_query_text(&q, 12));
        it->source = or_arena_strdup(a, or_query_text(&q, 13));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

static void bind_item_fields(or_query *q, int at, const or_toc_item *it, char s1[11], char s2[11])
{
    q->d->bind_text(q->st, at, it->body);
    q->d->bind_int(q->st, at + 1, it->responsible);
    q->d->bind_int(q->st, at + 2, it->accountable);
    q->d->bind_int(q->st, at + 3, it->consensus);
    q->d->bind_int(q->st, at + 4, it->priority);
    q->d->bind_text(q->st, at + 5, it->who ? it->who : "");
    q->d->bind_text(q->st, at + 6, it->for_whom ? it->for_whom : "");
    q->d->bind_text(q->st, at + 7, date_text(it->starts_on, s1));
    q->d->bind_text(q->st, at + 8, date_text(it->ends_on, s2));
    q->d->bind_text(q->st, at + 9, it->outputs ? it->outputs : "");
}

or_code or_toc_item_add(or_store *s, const or_toc_item *it, const char *user, long long *id,
                        or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO toc_items (toc_id, kind, body, responsible, accountable, consensus, "
        "priority, who, for_whom, starts_on, ends_on, outputs, source, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        err);
    if (rc)
        return rc;
    char ts[32], s1[11], s2[11];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, it->toc_id);
    q.d->bind_text(q.st, 2, or_toc_components[it->kind].code);
    bind_item_fields(&q, 3, it, s1, s2);
    q.d->bind_text(q.st, 13, it->source ? it->source : "");
    q.d->bind_text(q.st, 14, user ? user : "");
    q.d->bind_text(q.st, 15, ts);
    return returning_id(&q, "toc_items", id, err);
}

or_code or_toc_item_update(or_store *s, const or_toc_item *it, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE toc_items SET body = ?, responsible = ?, accountable = ?, "
                               "consensus = ?, priority = ?, who = ?, for_whom = ?, starts_on = "
                               "?, ends_on = ?, outputs = ? WHERE id = ? AND toc_id = ?",
                               err);
    if (rc)
        return rc;
    char s1[11], s2[11];
    bind_item_fields(&q, 1, it, s1, s2);
    q.d->bind_int(q.st, 11, it->id);
    q.d->bind_int(q.st, 12, it->toc_id);
    return or_query_run(&q, err);
}

or_code or_toc_links(or_store *s, long long toc_id, or_arena *a, or_toc_link **out, int *n,
                     or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT from_item, to_item FROM toc_links WHERE toc_id = ? "
                               "ORDER BY from_item, to_item",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, toc_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        (*out)[len++] =
            (or_toc_link){(long long)q.d->col_int(q.st, 0), (long long)q.d->col_int(q.st, 1)};
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_toc_link_add(or_store *s, long long toc_id, long long from, long long to, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO toc_links (toc_id, from_item, to_item) VALUES (?, ?, "
                               "?) ON CONFLICT (from_item, to_item) DO NOTHING",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, toc_id);
    q.d->bind_int(q.st, 2, from);
    q.d->bind_int(q.st, 3, to);
    return or_query_run(&q, err);
}

or_code or_toc_indicators(or_store *s, long long toc_id, or_arena *a, or_toc_indicator **out,
                          int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id, toc_id, item_id, statistic, urn, year_group, dim, "
                               "dim_value, ay_first, ay_last, baseline, target FROM "
                               "toc_indicators WHERE toc_id = ? ORDER BY id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, toc_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_toc_indicator *x = &(*out)[len++];
        x->id = (long long)q.d->col_int(q.st, 0);
        x->toc_id = (long long)q.d->col_int(q.st, 1);
        x->item_id = (long long)q.d->col_int(q.st, 2);
        x->statistic = or_arena_strdup(a, or_query_text(&q, 3));
        x->urn = (int)q.d->col_int(q.st, 4);
        x->year_group = or_arena_strdup(a, or_query_text(&q, 5));
        x->dim = or_arena_strdup(a, or_query_text(&q, 6));
        x->dim_value = or_arena_strdup(a, or_query_text(&q, 7));
        x->ay_first = (int)q.d->col_int(q.st, 8);
        x->ay_last = (int)q.d->col_int(q.st, 9);
        x->baseline = or_arena_strdup(a, or_query_text(&q, 10));
        x->target = or_arena_strdup(a, or_query_text(&q, 11));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_toc_indicator_add(or_store *s, const or_toc_indicator *x, const char *user,
                             long long *id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO toc_indicators (toc_id, item_id, statistic, urn, year_group, dim, dim_value, "
        "ay_first, ay_last, baseline, target, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?) RETURNING id",
        err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, x->toc_id);
    q.d->bind_int(q.st, 2, x->item_id);
    q.d->bind_text(q.st, 3, x->statistic);
    q.d->bind_int(q.st, 4, x->urn);
    q.d->bind_text(q.st, 5, x->year_group ? x->year_group : "");
    q.d->bind_text(q.st, 6, x->dim ? x->dim : "");
    q.d->bind_text(q.st, 7, x->dim_value ? x->dim_value : "");
    q.d->bind_int(q.st, 8, x->ay_first);
    q.d->bind_int(q.st, 9, x->ay_last);
    q.d->bind_text(q.st, 10, x->baseline);
    q.d->bind_text(q.st, 11, x->target);
    q.d->bind_text(q.st, 12, user ? user : "");
    q.d->bind_text(q.st, 13, ts);
    return returning_id(&q, "toc_indicators", id, err);
}
