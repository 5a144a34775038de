/* workshops.c (store) - workshops, participants, one-time join links and guests' sessions,
 * reveals, notes and the change counter (store_workshops.h, migration 035). Tokens are random
 * (libsodium) and kept only as their hashes (or_store_hash_of), as sessions' are. */
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_workshops.h"
#include "store/access.h"

#define WS_COLS                                                                                    \
    "id, title, scope, urn, series, CAST(held_on AS TEXT), mode, facilitator, changes, "           \
    "created_by, CAST(created_at AS TEXT)"

static void read_workshop(or_query *q, or_arena *a, or_workshop *w)
{
    w->id = q->d->col_int(q->st, 0);
    w->title = or_arena_strdup(a, or_query_text(q, 1));
    w->scope = or_arena_strdup(a, or_query_text(q, 2));
    w->urn = (int)q->d->col_int(q->st, 3);
    w->series = or_arena_strdup(a, or_query_text(q, 4));
    w->held_on = OR_DATE_NONE;
    or_date_parse(or_query_text(q, 5), &w->held_on);
    w->mode = or_arena_strdup(a, or_query_text(q, 6));
    w->facilitator = or_arena_strdup(a, or_query_text(q, 7));
    w->changes = q->d->col_int(q->st, 8);
    w->created_by = or_arena_strdup(a, or_query_text(q, 9));
    w->created_at = or_arena_strdup(a, or_query_text(q, 10));
}

or_code or_workshop_add(or_store *s, const or_workshop *w, const char *user, int64_t *id,
                        or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO workshops (title, scope, urn, series, held_on, mode, "
                               "facilitator, changes, created_by, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32], on[11];
    or_store_now_iso(ts);
    or_date_format(w->held_on, on);
    q.d->bind_text(q.st, 1, w->title);
    q.d->bind_text(q.st, 2, w->scope);
    q.d->bind_int(q.st, 3, w->urn);
    q.d->bind_text(q.st, 4, w->series ? w->series : "");
    q.d->bind_text(q.st, 5, on);
    q.d->bind_text(q.st, 6, w->mode);
    q.d->bind_text(q.st, 7, w->facilitator);
    q.d->bind_text(q.st, 8, user ? user : "");
    q.d->bind_text(q.st, 9, ts);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "workshops: the new workshop's id was not returned");
    return rc;
}

or_code or_workshop_get(or_store *s, int64_t id, or_arena *a, or_workshop *out, bool *found,
                        or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " WS_COLS " FROM workshops WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        read_workshop(&q, a, out);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

static or_code read_workshops(or_query *q, or_arena *a, or_workshop **out, int *n, or_error *err)
{
    size_t cap = 0, len = 0;
    or_code rc;
    for (;;) {
        bool have = false;
        if ((rc = or_query_step(q, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_workshop(q, a, &(*out)[len++]);
    }
    or_query_done(q);
    *n = (int)len;
    return rc;
}

or_code or_workshop_list(or_store *s, or_arena *a, or_workshop **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT " WS_COLS " FROM workshops ORDER BY held_on DESC, id DESC", err);
    return rc ? rc : read_workshops(&q, a, out, n, err);
}

or_code or_workshop_series(or_store *s, const char *series, or_arena *a, or_workshop **out, int *n,
                           or_error *err)
{
    *out = NULL;
    *n = 0;
    if (!series || !*series)
        return OR_OK;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT " WS_COLS " FROM workshops WHERE series = ? ORDER BY held_on, id", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, series);
    return read_workshops(&q, a, out, n, err);
}

or_code or_workshop_joined(or_store *s, const char *email, or_arena *a, int64_t **ids, int *n,
                           or_error *err)
{
    *ids = NULL;
    *n = 0;
    if (!email || !*email)
        return OR_OK;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT DISTINCT workshop FROM workshop_participants WHERE email = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, email);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = or_query_step(&q, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *ids, len + 1, cap);
        (*ids)[len++] = q.d->col_int(q.st, 0);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

/* ---- the change counter ---- */

or_code or_workshop_bump(or_store *s, int64_t id, int64_t *counter, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE workshops SET changes = changes + 1 WHERE id = ? RETURNING changes", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    *counter = 0;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        *counter = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_workshop_counter(or_store *s, int64_t id, int64_t *counter, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT changes FROM workshops WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool row = false;
    *counter = 0;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        *counter = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

/* ---- participants ---- */

or_code or_ws_participants(or_store *s, int64_t workshop, or_arena *a, or_ws_participant **out,
                           int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id, workshop, email, display_name, role, organisation, "
                               "sector, name_consent, joined_at, purpose FROM "
                               "workshop_participants WHERE workshop = ? ORDER BY id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = or_query_step(&q, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_ws_participant *p = &(*out)[len++];
        p->id = q.d->col_int(q.st, 0);
        p->workshop = q.d->col_int(q.st, 1);
        p->email = or_arena_strdup(a, or_query_text(&q, 2));
        p->name = or_arena_strdup(a, or_query_text(&q, 3));
        p->role = or_arena_strdup(a, or_query_text(&q, 4));
        p->organisation = or_arena_strdup(a, or_query_text(&q, 5));
        p->sector = or_arena_strdup(a, or_query_text(&q, 6));
        p->name_consent = q.d->col_int(q.st, 7) != 0;
        p->joined_at = q.d->col_null(q.st, 8) ? 0 : q.d->col_int(q.st, 8);
        p->purpose = or_arena_strdup(a, or_query_text(&q, 9));
        p->guest = !p->email[0];
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_ws_participant_add(or_store *s, const or_ws_participant *p, const char *user,
                              char token[OR_TOKEN_LEN + 1], int64_t *id, or_error *err)
{
    char hash[65] = "";
    or_code rc = OR_OK;
    if (token) {
        token[0] = '\0';
        if ((rc = or_store_crypto_ready(err)))
            return rc;
        or_store_random_token(token);
        or_store_token_hash(token, hash);
    }
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO workshop_participants (workshop, email, display_name, "
                            "role, organisation, sector, name_consent, token_hash, added_by, "
                            "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            err)))
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, p->workshop);
    q.d->bind_text(q.st, 2, token ? "" : (p->email ? p->email : ""));
    q.d->bind_text(q.st, 3, p->name ? p->name : "");
    q.d->bind_text(q.st, 4, p->role ? p->role : "");
    q.d->bind_text(q.st, 5, p->organisation ? p->organisation : "");
    q.d->bind_text(q.st, 6, p->sector ? p->sector : "");
    q.d->bind_int(q.st, 7, p->name_consent ? 1 : 0);
    q.d->bind_text(q.st, 8, hash);
    q.d->bind_text(q.st, 9, user ? user : "");
    q.d->bind_text(q.st, 10, ts);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    if (!rc && !row)
        rc = or_fail(err, OR_ESTORE, "workshop participants: the new id was not returned");
    return rc;
}

or_code or_ws_participant_remove(or_store *s, int64_t workshop, int64_t id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "DELETE FROM workshop_participants WHERE workshop = ? AND id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_int(q.st, 2, id);
    return or_query_run(&q, err);
}

or_code or_ws_participant_of(or_store *s, int64_t workshop, const char *email, int64_t *id,
                             or_error *err)
{
    *id = 0;
    if (!email || !*email)
        return OR_OK;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id FROM workshop_participants WHERE workshop = ? AND "
                               "email = ? ORDER BY id LIMIT 1",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, email);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

/* ---- one-time links and guests' sessions ---- */

or_code or_ws_join_peek(or_store *s, const char *token, or_ws_join_state *state, int64_t *workshop,
                        int64_t *participant, or_arena *a, const char **name, or_error *err)
{
    *state = OR_WS_JOIN_NONE;
    *workshop = *participant = 0;
    *name = "";
    if (!token || strlen(token) != OR_TOKEN_LEN)
        return OR_OK;
    char hash[65];
    or_code rc = or_store_hash_of(token, hash, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "SELECT workshop, id, joined_at, display_name FROM "
                            "workshop_participants WHERE token_hash = ?",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        *workshop = q.d->col_int(q.st, 0);
        *participant = q.d->col_int(q.st, 1);
        *state = q.d->col_null(q.st, 2) ? OR_WS_JOIN_OPEN : OR_WS_JOIN_USED;
        *name = or_arena_strdup(a, or_query_text(&q, 3));
    }
    or_query_done(&q);
    return rc;
}

or_code or_ws_join(or_store *s, const char *token, int64_t now, const char *name, bool name_consent,
                   or_ws_join_state *state, int64_t *workshop, int64_t *participant,
                   char session[OR_TOKEN_LEN + 1], or_error *err)
{
    *state = OR_WS_JOIN_NONE;
    *workshop = *participant = 0;
    session[0] = '\0';
    if (!token || strlen(token) != OR_TOKEN_LEN)
        return OR_OK;
    char hash[65], shash[65];
    or_code rc = or_store_hash_of(token, hash, err);
    if (rc)
        return rc;
    or_store_random_token(session);
    or_store_token_hash(session, shash);
    /* the one statement that uses the link: only while it is unused, so that two at once
     * cannot both join */
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "UPDATE workshop_participants SET joined_at = ?, session_hash = ?, "
                            "display_name = CASE WHEN ? <> '' THEN ? ELSE display_name END, "
                            "name_consent = ? WHERE token_hash = ? AND joined_at IS NULL "
                            "RETURNING workshop, id",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, now);
    q.d->bind_text(q.st, 2, shash);
    q.d->bind_text(q.st, 3, name ? name : "");
    q.d->bind_text(q.st, 4, name ? name : "");
    q.d->bind_int(q.st, 5, name_consent ? 1 : 0);
    q.d->bind_text(q.st, 6, hash);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        *workshop = q.d->col_int(q.st, 0);
        *participant = q.d->col_int(q.st, 1);
        *state = OR_WS_JOIN_OPEN;
    }
    or_query_done(&q);
    if (rc || row)
        return rc;
    session[0] = '\0';
    /* not joined: a link used already, or none */
    const char *ignored;
    int64_t w, p;
    or_arena a = OR_ARENA_INIT;
    rc = or_ws_join_peek(s, token, state, &w, &p, &a, &ignored, err);
    or_arena_free(&a);
    if (*state == OR_WS_JOIN_OPEN) /* cannot be: the update would have used it */
        *state = OR_WS_JOIN_USED;
    return rc;
}

or_code or_ws_guest(or_store *s, const char *session, int64_t *workshop, int64_t *participant,
                    int64_t *joined_at, bool *found, or_error *err)
{
    *found = false;
    *workshop = *participant = *joined_at = 0;
    if (!session || strlen(session) != OR_TOKEN_LEN)
        return OR_OK;
    char hash[65];
    or_code rc = or_store_hash_of(session, hash, err);
    if (rc)
        return rc;
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "SELECT workshop, id, joined_at FROM workshop_participants WHERE "
                            "session_hash = ? AND email = '' AND joined_at IS NOT NULL",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        *workshop = q.d->col_int(q.st, 0);
        *participant = q.d->col_int(q.st, 1);
        *joined_at = q.d->col_int(q.st, 2);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

/* ---- the warm-up, reveals, notes ---- */

or_code or_ws_purpose_set(or_store *s, int64_t workshop, int64_t participant, const char *text,
                          or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "UPDATE workshop_participants SET purpose = ? WHERE workshop = ? AND id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, text ? text : "");
    q.d->bind_int(q.st, 2, workshop);
    q.d->bind_int(q.st, 3, participant);
    return or_query_run(&q, err);
}

or_code or_ws_reveal(or_store *s, int64_t workshop, const char *tool, const char *user,
                     or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO workshop_reveals (workshop, tool, revealed_by, "
                               "revealed_at) VALUES (?, ?, ?, ?) ON CONFLICT (workshop, tool) "
                               "DO NOTHING",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, tool);
    q.d->bind_text(q.st, 3, user ? user : "");
    q.d->bind_text(q.st, 4, ts);
    return or_query_run(&q, err);
}

or_code or_ws_revealed(or_store *s, int64_t workshop, const char *tool, bool *yes, or_error *err)
{
    *yes = false;
    or_query q;
    or_code rc =
        or_query_prep(s, &q, "SELECT 1 FROM workshop_reveals WHERE workshop = ? AND tool = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, tool ? tool : "");
    rc = or_query_step(&q, yes, err);
    or_query_done(&q);
    return rc;
}

or_code or_ws_notes(or_store *s, int64_t workshop, or_arena *a, or_ws_note **out, int *n,
                    or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT tool, question, note FROM workshop_notes WHERE workshop "
                               "= ? ORDER BY tool, question",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = or_query_step(&q, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_ws_note *x = &(*out)[len++];
        x->tool = or_arena_strdup(a, or_query_text(&q, 0));
        x->question = (int)q.d->col_int(q.st, 1);
        x->note = or_arena_strdup(a, or_query_text(&q, 2));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_ws_note_set(or_store *s, int64_t workshop, const char *tool, int question,
                       const char *note, const char *user, or_error *err)
{
    or_query q;
    or_code rc;
    if (!note || !*note) {
        if ((rc = or_query_prep(s, &q,
                                "DELETE FROM workshop_notes WHERE workshop = ? AND tool = ? AND "
                                "question = ?",
                                err)))
            return rc;
        q.d->bind_int(q.st, 1, workshop);
        q.d->bind_text(q.st, 2, tool);
        q.d->bind_int(q.st, 3, question);
        return or_query_run(&q, err);
    }
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO workshop_notes (workshop, tool, question, note, "
                            "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                            "(workshop, tool, question) DO UPDATE SET note = excluded.note, "
                            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                            err)))
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, tool);
    q.d->bind_int(q.st, 3, question);
    q.d->bind_text(q.st, 4, note);
    q.d->bind_text(q.st, 5, user ? user : "");
    q.d->bind_text(q.st, 6, ts);
    return or_query_run(&q, err);
}
