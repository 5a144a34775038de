/* boards.c (store) - the workshop boards' cards and links and the LA's catalogue of players
 * (store_boards.h, migration 036). */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_boards.h"
#include "store/access.h"

#define CARD_COLS                                                                                  \
    "c.id, c.workshop, c.tool, c.participant, c.author, c.text, c.place, c.kind, c.intervene, "    \
    "c.created_at, CASE WHEN p.id IS NULL THEN 'Facilitator' WHEN p.name_consent = 1 THEN "        \
    "p.display_name WHEN p.role <> '' THEN p.role ELSE 'Participant' END "                         \
    "FROM board_cards c LEFT JOIN workshop_participants p ON p.id = c.participant AND "            \
    "p.workshop = c.workshop "

static void read_card(or_query *q, or_arena *a, or_board_card *c)
{
    memset(c, 0, sizeof *c);
    c->id = q->d->col_int(q->st, 0);
    c->workshop = q->d->col_int(q->st, 1);
    int t = or_board_tool_parse(or_query_text(q, 2));
    c->tool = t < 0 ? OR_BOARD_MAP : (or_board_tool)t;
    c->participant = q->d->col_int(q->st, 3);
    c->author = or_arena_strdup(a, or_query_text(q, 4));
    c->text = or_arena_strdup(a, or_query_text(q, 5));
    c->place = (int)q->d->col_int(q->st, 6);
    c->kind = or_arena_strdup(a, or_query_text(q, 7));
    c->intervene = q->d->col_int(q->st, 8) != 0;
    c->created_at = or_arena_strdup(a, or_query_text(q, 9));
    c->by = or_arena_strdup(a, or_query_text(q, 10));
}

static or_code read_cards(or_query *q, or_arena *a, or_board_card **out, int *n, or_error *err)
{
    size_t cap = 0, len = 0;
    or_code rc;
    for (;;) {
        bool have = false;
        if ((rc = q->d->step(q->st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_card(q, a, &(*out)[len++]);
    }
    or_query_done(q);
    *n = (int)len;
    return rc;
}

or_code or_board_cards(or_store *s, int64_t workshop, or_board_tool tool, or_arena *a,
                       or_board_card **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT " CARD_COLS "WHERE c.workshop = ? AND c.tool = ? ORDER BY c.id", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, or_board_tool_code(tool));
    return read_cards(&q, a, out, n, err);
}

or_code or_board_card_get(or_store *s, int64_t id, or_arena *a, or_board_card *out, bool *found,
                          or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " CARD_COLS "WHERE c.id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have) {
        read_card(&q, a, out);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_board_card_add(or_store *s, const or_board_card *c, int64_t *id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO board_cards (workshop, tool, participant, author, "
                               "text, place, kind, intervene, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, c->workshop);
    q.d->bind_text(q.st, 2, or_board_tool_code(c->tool));
    q.d->bind_int(q.st, 3, c->participant);
    q.d->bind_text(q.st, 4, c->author ? c->author : "");
    q.d->bind_text(q.st, 5, c->text);
    q.d->bind_int(q.st, 6, c->place);
    q.d->bind_text(q.st, 7, c->kind);
    q.d->bind_int(q.st, 8, c->intervene ? 1 : 0);
    q.d->bind_text(q.st, 9, ts);
    q.d->bind_text(q.st, 10, ts);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_board_card_update(or_store *s, const or_board_card *c, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE board_cards SET text = ?, place = ?, kind = ?, "
                               "intervene = ?, updated_at = ? WHERE id = ?",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_text(q.st, 1, c->text);
    q.d->bind_int(q.st, 2, c->place);
    q.d->bind_text(q.st, 3, c->kind);
    q.d->bind_int(q.st, 4, c->intervene ? 1 : 0);
    q.d->bind_text(q.st, 5, ts);
    q.d->bind_int(q.st, 6, c->id);
    return or_query_run(&q, err);
}

static or_code delete_by(or_store *s, const char *sql, int64_t id, int binds, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    for (int i = 1; i <= binds; i++)
        q.d->bind_int(q.st, i, id);
    return or_query_run(&q, err);
}

or_code or_board_card_delete(or_store *s, int64_t id, or_error *err)
{
    or_code rc =
        delete_by(s, "DELETE FROM board_links WHERE from_card = ? OR to_card = ?", id, 2, err);
    if (!rc)
        rc = delete_by(s, "DELETE FROM board_cards WHERE id = ?", id, 1, err);
    return rc;
}

/* ---- links ---- */

#define LINK_COLS                                                                                  \
    "id, workshop, tool, from_card, to_card, kind, strength, participant, author FROM "            \
    "board_links "

static void read_link(or_query *q, or_arena *a, or_board_link *l)
{
    memset(l, 0, sizeof *l);
    l->id = q->d->col_int(q->st, 0);
    l->workshop = q->d->col_int(q->st, 1);
    int t = or_board_tool_parse(or_query_text(q, 2));
    l->tool = t < 0 ? OR_BOARD_MAP : (or_board_tool)t;
    l->from = q->d->col_int(q->st, 3);
    l->to = q->d->col_int(q->st, 4);
    l->kind = or_arena_strdup(a, or_query_text(q, 5));
    l->strength = or_arena_strdup(a, or_query_text(q, 6));
    l->participant = q->d->col_int(q->st, 7);
    l->author = or_arena_strdup(a, or_query_text(q, 8));
}

or_code or_board_links(or_store *s, int64_t workshop, or_board_tool tool, or_arena *a,
                       or_board_link **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT " LINK_COLS "WHERE workshop = ? AND tool = ? ORDER BY id", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    q.d->bind_text(q.st, 2, or_board_tool_code(tool));
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        read_link(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_board_link_get(or_store *s, int64_t id, or_arena *a, or_board_link *out, bool *found,
                          or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " LINK_COLS "WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have) {
        read_link(&q, a, out);
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

or_code or_board_link_add(or_store *s, const or_board_link *l, int64_t *id, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO board_links (workshop, tool, from_card, to_card, "
                               "kind, strength, participant, author, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, l->workshop);
    q.d->bind_text(q.st, 2, or_board_tool_code(l->tool));
    q.d->bind_int(q.st, 3, l->from);
    q.d->bind_int(q.st, 4, l->to);
    q.d->bind_text(q.st, 5, l->kind);
    q.d->bind_text(q.st, 6, l->strength ? l->strength : "");
    q.d->bind_int(q.st, 7, l->participant);
    q.d->bind_text(q.st, 8, l->author ? l->author : "");
    q.d->bind_text(q.st, 9, ts);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_board_link_strength(or_store *s, int64_t id, const char *strength, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "UPDATE board_links SET strength = ? WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, strength ? strength : "");
    q.d->bind_int(q.st, 2, id);
    return or_query_run(&q, err);
}

or_code or_board_link_delete(or_store *s, int64_t id, or_error *err)
{
    return delete_by(s, "DELETE FROM board_links WHERE id = ?", id, 1, err);
}

/* ---- seeds ---- */

or_code or_board_seeds(or_store *s, int64_t workshop, or_arena *a, or_board_card **out, int *n,
                       or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT " CARD_COLS
                               "WHERE c.workshop = ? AND c.tool = 'iceberg' AND c.intervene = 1 "
                               "AND EXISTS (SELECT 1 FROM workshop_reveals r WHERE r.workshop = "
                               "c.workshop AND r.tool = 'iceberg') ORDER BY c.place DESC, c.id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop);
    return read_cards(&q, a, out, n, err);
}

/* ---- the catalogue ---- */

or_code or_board_players(or_store *s, or_arena *a, or_board_player **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT id, name, type, seeded FROM board_players ORDER BY name_key, id", err);
    if (rc)
        return rc;
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_board_player *p = &(*out)[len++];
        p->id = q.d->col_int(q.st, 0);
        p->name = or_arena_strdup(a, or_query_text(&q, 1));
        p->type = or_arena_strdup(a, or_query_text(&q, 2));
        p->seeded = q.d->col_int(q.st, 3) != 0;
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_board_player_add(or_store *s, const char *name, const char *type, const char *user,
                            bool *added, or_error *err)
{
    *added = false;
    /* the key: ASCII letters lower-cased, as the catalogue's seed keys are */
    size_t len = strlen(name);
    char *key = or_xmalloc(len + 1);
    for (size_t i = 0; i <= len; i++)
        key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO board_players (name, name_key, type, seeded, "
                               "added_by, added_at) VALUES (?, ?, ?, 0, ?, ?) "
                               "ON CONFLICT (name_key) DO NOTHING RETURNING id",
                               err);
    if (!rc) {
        char ts[32];
        or_store_now_iso(ts);
        q.d->bind_text(q.st, 1, name);
        q.d->bind_text(q.st, 2, key);
        q.d->bind_text(q.st, 3, type);
        q.d->bind_text(q.st, 4, user ? user : "");
        q.d->bind_text(q.st, 5, ts);
        bool have = false;
        if (!(rc = q.d->step(q.st, &have, err)))
            *added = have;
        or_query_done(&q);
    }
    free(key);
    return rc;
}
