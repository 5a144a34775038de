/* reviews.c (store) - self-evaluation reviews, their answers and action plans (reviews.h,
 * migration 030). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/alloc.h"
#include "onroll/reviews.h"
#include "store/access.h"

static void now_iso(char ts[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ts, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

#define REVIEW_COLS "id, urn, ay, instrument, version, status, started_by, started_at, completed_at"

static void review_row(or_query *q, or_arena *a, or_review *r)
{
    r->id = q->d->col_int(q->st, 0);
    r->urn = (int)q->d->col_int(q->st, 1);
    r->ay = (int)q->d->col_int(q->st, 2);
    r->instrument = or_arena_strdup(a, or_query_text(q, 3));
    r->version = (int)q->d->col_int(q->st, 4);
    r->status = or_arena_strdup(a, or_query_text(q, 5));
    r->started_by = or_arena_strdup(a, or_query_text(q, 6));
    r->started_at = or_arena_strdup(a, or_query_text(q, 7));
    r->completed_at = or_arena_strdup(a, or_query_text(q, 8));
}

or_code or_review_start(or_store *s, int urn, int ay, const char *instrument, int version,
                        const char *user, int64_t *id, or_error *err)
{
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT id FROM reviews WHERE urn = ? AND ay = ? AND instrument = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, urn);
    q.d->bind_int(q.st, 2, ay);
    q.d->bind_text(q.st, 3, instrument);
    bool have = false;
    rc = q.d->step(q.st, &have, err);
    or_query_done(&q);
    if (rc)
        return rc;
    if (have)
        return or_fail(err, OR_EINPUT, "%s",
                       "the school has a review of this instrument for this year already");
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO reviews (urn, ay, instrument, version, status, "
                            "started_by, started_at) VALUES (?, ?, ?, ?, 'started', ?, ?) "
                            "RETURNING id",
                            err)))
        return rc;
    char ts[32];
    now_iso(ts);
    q.d->bind_int(q.st, 1, urn);
    q.d->bind_int(q.st, 2, ay);
    q.d->bind_text(q.st, 3, instrument);
    q.d->bind_int(q.st, 4, version);
    q.d->bind_text(q.st, 5, user ? user : "");
    q.d->bind_text(q.st, 6, ts);
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

static or_code review_one(or_store *s, const char *sql, int64_t a1, int64_t a2, const char *a3,
                          or_arena *a, or_review *out, bool *found, or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, a1);
    if (a3) {
        q.d->bind_int(q.st, 2, a2);
        q.d->bind_text(q.st, 3, a3);
    }
    if (!(rc = q.d->step(q.st, found, err)) && *found)
        review_row(&q, a, out);
    or_query_done(&q);
    return rc;
}

or_code or_review_get(or_store *s, int64_t id, or_arena *a, or_review *out, bool *found,
                      or_error *err)
{
    return review_one(s, "SELECT " REVIEW_COLS " FROM reviews WHERE id = ?", id, 0, NULL, a, out,
                      found, err);
}

or_code or_review_previous(or_store *s, const or_review *r, or_arena *a, or_review *out,
                           bool *found, or_error *err)
{
    return review_one(s,
                      "SELECT " REVIEW_COLS " FROM reviews WHERE urn = ? AND ay = ? AND "
                      "instrument = ?",
                      r->urn, r->ay - 1, r->instrument, a, out, found, err);
}

or_code or_reviews_list(or_store *s, int urn, or_arena *a, or_review **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        urn ? "SELECT " REVIEW_COLS " FROM reviews WHERE urn = ? ORDER BY ay DESC, id DESC"
            : "SELECT " REVIEW_COLS " FROM reviews ORDER BY ay DESC, urn, id DESC",
        err);
    if (rc)
        return rc;
    if (urn)
        q.d->bind_int(q.st, 1, urn);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        review_row(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_review_answers(or_store *s, int64_t id, or_arena *a, or_review_answer **out, int *n,
                          or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT item, value FROM review_answers WHERE review_id = ? ORDER BY item", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        (*out)[len].item = or_arena_strdup(a, or_query_text(&q, 0));
        (*out)[len].value = or_arena_strdup(a, or_query_text(&q, 1));
        len++;
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

const char *or_review_value(const or_review_answer *as, int n, const char *item)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(as[i].item, item))
            return as[i].value;
    return "";
}

or_code or_review_answer_set(or_store *s, int64_t id, const char *item, const char *value,
                             const char *user, or_error *err)
{
    or_query q;
    or_code rc;
    if (!value || !*value) {
        if ((rc = or_query_prep(
                 s, &q, "DELETE FROM review_answers WHERE review_id = ? AND item = ?", err)))
            return rc;
        q.d->bind_int(q.st, 1, id);
        q.d->bind_text(q.st, 2, item);
        return or_query_run(&q, err);
    }
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO review_answers (review_id, item, value, set_by, set_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id, item) DO UPDATE SET "
                            "value = excluded.value, set_by = excluded.set_by, "
                            "set_at = excluded.set_at",
                            err)))
        return rc;
    char ts[32];
    now_iso(ts);
    q.d->bind_int(q.st, 1, id);
    q.d->bind_text(q.st, 2, item);
    q.d->bind_text(q.st, 3, value);
    q.d->bind_text(q.st, 4, user ? user : "");
    q.d->bind_text(q.st, 5, ts);
    return or_query_run(&q, err);
}

or_code or_review_complete(or_store *s, int64_t id, const char *today, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE reviews SET status = 'complete', completed_at = ? WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, today);
    q.d->bind_int(q.st, 2, id);
    return or_query_run(&q, err);
}

or_code or_review_action_add(or_store *s, const or_review_action *x, const char *user, int64_t *id,
                             or_error *err)
{
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO review_actions (review_id, area, purpose, actions, lead, starts_on, due_on, "
        "outcomes, review_note, review_on, new_actions, recorded_by, recorded_at) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        err);
    if (rc)
        return rc;
    char ts[32];
    now_iso(ts);
    const char *t[] = {x->purpose,  x->actions,     x->lead,      x->starts_on,   x->due_on,
                       x->outcomes, x->review_note, x->review_on, x->new_actions, user,
                       ts};
    q.d->bind_int(q.st, 1, x->review_id);
    q.d->bind_int(q.st, 2, x->area);
    for (int i = 0; i < 11; i++)
        q.d->bind_text(q.st, 3 + i, t[i] ? t[i] : "");
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

#define ACTION_COLS                                                                                \
    "x.id, x.review_id, x.area, x.purpose, x.actions, x.lead, x.starts_on, x.due_on, "             \
    "x.outcomes, x.review_note, x.review_on, x.new_actions, x.done_on, r.urn"

static or_code actions_read(or_query *q, or_arena *a, or_review_action **out, int **urns, int *n,
                            or_error *err)
{
    size_t cap = 0, len = 0, ucap = 0;
    or_code rc;
    for (;;) {
        bool have = false;
        if ((rc = q->d->step(q->st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        if (urns) {
            OR_ARENA_GROW(a, *urns, len + 1, ucap);
            (*urns)[len] = (int)q->d->col_int(q->st, 13);
        }
        or_review_action *x = &(*out)[len++];
        x->id = q->d->col_int(q->st, 0);
        x->review_id = q->d->col_int(q->st, 1);
        x->area = (int)q->d->col_int(q->st, 2);
        const char **t[] = {&x->purpose,     &x->actions,  &x->lead,        &x->starts_on,
                            &x->due_on,      &x->outcomes, &x->review_note, &x->review_on,
                            &x->new_actions, &x->done_on};
        for (int i = 0; i < 10; i++)
            *t[i] = or_arena_strdup(a, or_query_text(q, 3 + i));
    }
    or_query_done(q);
    *n = (int)len;
    return rc;
}

or_code or_review_actions(or_store *s, int64_t review_id, or_arena *a, or_review_action **out,
                          int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT " ACTION_COLS " FROM review_actions x JOIN reviews r ON "
                               "r.id = x.review_id WHERE x.review_id = ? ORDER BY x.area, x.id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, review_id);
    return actions_read(&q, a, out, NULL, n, err);
}

or_code or_review_actions_open(or_store *s, int urn, or_arena *a, or_review_action **out,
                               int **urns, int *n, or_error *err)
{
    *out = NULL;
    *urns = NULL;
    *n = 0;
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      urn ? "SELECT " ACTION_COLS " FROM review_actions x JOIN reviews r ON r.id = "
                            "x.review_id WHERE x.done_on = '' AND r.urn = ? ORDER BY x.due_on, x.id"
                          : "SELECT " ACTION_COLS " FROM review_actions x JOIN reviews r ON r.id = "
                            "x.review_id WHERE x.done_on = '' ORDER BY x.due_on, x.id",
                      err);
    if (rc)
        return rc;
    if (urn)
        q.d->bind_int(q.st, 1, urn);
    return actions_read(&q, a, out, urns, n, err);
}

or_code or_review_action_done(or_store *s, int64_t action_id, const char *done_on, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "UPDATE review_actions SET done_on = ? WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, done_on);
    q.d->bind_int(q.st, 2, action_id);
    return or_query_run(&q, err);
}

or_code or_instrument_area_names(or_store *s, const or_instrument *in, or_arena *a,
                                 const char ***names, or_error *err)
{
    *names = or_arena_alloc(a, sizeof **names * (size_t)(in->nsections + 1));
    for (int i = 0; i < in->nsections; i++)
        (*names)[i] = NULL;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT area, name FROM instrument_area_names WHERE instrument = "
                               "? AND version = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, in->id);
    q.d->bind_int(q.st, 2, in->version);
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int area = (int)q.d->col_int(q.st, 0);
        if (area >= 1 && area <= in->nsections)
            (*names)[area - 1] = or_arena_strdup(a, or_query_text(&q, 1));
    }
    or_query_done(&q);
    return rc;
}

or_code or_instrument_area_rename(or_store *s, const or_instrument *in, int area, const char *name,
                                  const char *user, or_error *err)
{
    if (area < 1 || area > in->nsections)
        return or_fail(err, OR_EINPUT, "%s has no area %d (1 to %d)", in->id, area, in->nsections);
    if (!in->sections[area - 1].placeholder)
        return or_fail(err, OR_EINPUT,
                       "%s area %d is named by the source ('%s'): only a placeholder is renamed",
                       in->id, area, in->sections[area - 1].title);
    if (!name || !*name || strlen(name) > 200)
        return or_fail(err, OR_EINPUT, "the area's name must be 1 to 200 characters");
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "INSERT INTO instrument_area_names (instrument, version, area, name, set_by, set_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instrument, version, area) DO UPDATE SET name = "
        "excluded.name, set_by = excluded.set_by, set_at = excluded.set_at",
        err);
    if (rc)
        return rc;
    char ts[32];
    now_iso(ts);
    q.d->bind_text(q.st, 1, in->id);
    q.d->bind_int(q.st, 2, in->version);
    q.d->bind_int(q.st, 3, area);
    q.d->bind_text(q.st, 4, name);
    q.d->bind_text(q.st, 5, user ? user : "");
    q.d->bind_text(q.st, 6, ts);
    return or_query_run(&q, err);
}
