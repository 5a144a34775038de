/* letters.c (store) - the letters table of 008_letters.sql (store_letters.h): add a draft, read
 * one or an event's, save a draft's text, mark it sent. Portable SQL, parameters only; every
 * update of a letter is guarded by "sent_at IS NULL", so a sent letter is never changed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/store_letters.h"
#include "store/access.h"

static const char *text(or_query *q, int i, or_arena *a)
{
    return q->d->col_null(q->st, i) ? "" : or_arena_strdup(a, q->d->col_text(q->st, i));
}

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

#define COLS                                                                                       \
    "id, urn, event_id, upn, kind, title, body, created_by, created_at, updated_by, "              \
    "updated_at, sent_at, sent_by, sent_on, delivery"

static void read_row(or_query *q, or_arena *a, or_letter_row *r)
{
    r->id = q->d->col_int(q->st, 0);
    r->urn = (int)q->d->col_int(q->st, 1);
    r->event_id = text(q, 2, a);
    r->upn = text(q, 3, a);
    r->kind = text(q, 4, a);
    r->title = text(q, 5, a);
    r->body = text(q, 6, a);
    r->created_by = text(q, 7, a);
    r->created_at = text(q, 8, a);
    r->updated_by = text(q, 9, a);
    r->updated_at = text(q, 10, a);
    r->sent_at = text(q, 11, a);
    r->sent_by = text(q, 12, a);
    r->sent_on = text(q, 13, a);
    r->delivery = text(q, 14, a);
}

or_code or_letter_add(or_store *s, or_letter_row *r, or_error *err)
{
    char now[32];
    now_iso(now);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "INSERT INTO letters (urn, event_id, upn, kind, title, body, created_by, "
                      "created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                      "RETURNING id",
                      err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, r->urn);
    q.d->bind_text(q.st, 2, r->event_id);
    q.d->bind_text(q.st, 3, r->upn);
    q.d->bind_text(q.st, 4, r->kind);
    q.d->bind_text(q.st, 5, r->title);
    q.d->bind_text(q.st, 6, r->body);
    q.d->bind_text(q.st, 7, r->created_by);
    q.d->bind_text(q.st, 8, now);
    q.d->bind_text(q.st, 9, r->created_by);
    q.d->bind_text(q.st, 10, now);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row)
        r->id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "letters: the new letter of event %s (URN %d) got no id",
                     r->event_id, r->urn);
    return rc;
}

or_code or_letter_get(or_store *s, int64_t id, or_arena *a, or_letter_row *out, bool *found,
                      or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " COLS " FROM letters WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)) && row) {
        read_row(&q, a, out);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_letters_of_event(or_store *s, int urn, const char *event_id, or_arena *a,
                            or_letter_row **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT " COLS " FROM letters WHERE urn = ? AND event_id = ? ORDER BY id", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, urn);
    q.d->bind_text(q.st, 2, event_id);
    int cap = 0;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        OR_ARENA_GROW(a, *out, *n + 1, cap);
        read_row(&q, a, &(*out)[(*n)++]);
    }
    or_query_done(&q);
    return rc;
}

/* Why an update of a letter changed nothing: no such letter, or it was sent. */
static or_code unchanged(or_store *s, int64_t id, const char *what, or_error *err)
{
    or_arena a = OR_ARENA_INIT;
    or_letter_row r;
    bool found = false;
    or_code rc = or_letter_get(s, id, &a, &r, &found, err);
    if (!rc && !found)
        rc = or_fail(err, OR_ENOTFOUND, "letter %lld: no such letter", (long long)id);
    else if (!rc)
        rc = or_fail(err, OR_ECONFLICT,
                     "letter %lld was sent on %s (%s, by %s): a sent letter cannot be %s; write a "
                     "new letter to correct it",
                     (long long)id, r.sent_on, r.delivery, r.sent_by, what);
    or_arena_free(&a);
    return rc;
}

or_code or_letter_save(or_store *s, int64_t id, const char *body, const char *user, or_error *err)
{
    char now[32];
    now_iso(now);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "UPDATE letters SET body = ?, updated_by = ?, updated_at = ? WHERE id = ? "
                      "AND sent_at IS NULL",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, body);
    q.d->bind_text(q.st, 2, user);
    q.d->bind_text(q.st, 3, now);
    q.d->bind_int(q.st, 4, id);
    bool row;
    rc = q.d->step(q.st, &row, err);
    int64_t changed = rc ? 0 : q.d->changes(q.st);
    or_query_done(&q);
    if (!rc && changed == 0)
        rc = unchanged(s, id, "changed", err);
    return rc;
}

or_code or_letter_mark_sent(or_store *s, int64_t id, const char *sent_on, const char *delivery,
                            const char *user, or_error *err)
{
    char now[32];
    now_iso(now);
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      "UPDATE letters SET sent_at = ?, sent_by = ?, sent_on = ?, delivery = ? "
                      "WHERE id = ? AND sent_at IS NULL",
                      err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, now);
    q.d->bind_text(q.st, 2, user);
    q.d->bind_text(q.st, 3, sent_on);
    q.d->bind_text(q.st, 4, delivery);
    q.d->bind_int(q.st, 5, id);
    bool row;
    rc = q.d->step(q.st, &row, err);
    int64_t changed = rc ? 0 : q.d->changes(q.st);
    or_query_done(&q);
    if (!rc && changed == 0)
        rc = unchanged(s, id, "sent again", err);
    return rc;
}
