/* ideas.c (store) - Energy for change: ideas, votes and commitments (store_ideas.h, migration
 * 037). The vote's rules are ideas.h's; the table's key (participant, criterion, slot 1-3) keeps
 * the three per criterion when requests race. */
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/store_ideas.h"
#include "store/access.h"

#define IDEA_COLS "id, workshop_id, participant_id, text, category, energies, seed, created_at"

static void idea_row(or_query *q, or_arena *a, or_idea *x)
{
    x->id = q->d->col_int(q->st, 0);
    x->workshop_id = q->d->col_int(q->st, 1);
    x->participant_id = q->d->col_int(q->st, 2);
    x->text = or_arena_strdup(a, or_query_text(q, 3));
    x->category = or_arena_strdup(a, or_query_text(q, 4));
    x->energies = or_arena_strdup(a, or_query_text(q, 5));
    x->seed = or_arena_strdup(a, or_query_text(q, 6));
    x->created_at = or_arena_strdup(a, or_query_text(q, 7));
}

or_code or_idea_add(or_store *s, const or_idea *x, int64_t *id, or_error *err)
{
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO ideas (workshop_id, participant_id, text, category, "
                               "energies, seed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                               "RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, x->workshop_id);
    q.d->bind_int(q.st, 2, x->participant_id);
    q.d->bind_text(q.st, 3, x->text);
    q.d->bind_text(q.st, 4, x->category);
    q.d->bind_text(q.st, 5, x->energies ? x->energies : "");
    q.d->bind_text(q.st, 6, x->seed ? x->seed : "");
    q.d->bind_text(q.st, 7, ts);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_ideas_list(or_store *s, int64_t workshop_id, int64_t author, or_arena *a, or_idea **out,
                      int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        author >= 0 ? "SELECT " IDEA_COLS
                      " FROM ideas WHERE workshop_id = ? AND participant_id = ? "
                      "ORDER BY id"
                    : "SELECT " IDEA_COLS " FROM ideas WHERE workshop_id = ? ORDER BY id",
        err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop_id);
    if (author >= 0)
        q.d->bind_int(q.st, 2, author);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        idea_row(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_idea_get(or_store *s, int64_t id, or_arena *a, or_idea *out, bool *found, or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " IDEA_COLS " FROM ideas WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    if (!(rc = q.d->step(q.st, found, err)) && *found)
        idea_row(&q, a, out);
    or_query_done(&q);
    return rc;
}

/* ---- votes ---- */

or_code or_idea_votes_of(or_store *s, int64_t participant_id, or_arena *a, int used[OR_CRIT__N],
                         or_idea_my_votes **mine, int *n, or_error *err)
{
    for (int c = 0; c < OR_CRIT__N; c++)
        used[c] = 0;
    if (mine)
        *mine = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT idea_id, criterion, COUNT(*) FROM idea_votes WHERE "
                               "participant_id = ? GROUP BY idea_id, criterion ORDER BY idea_id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, participant_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int64_t idea = q.d->col_int(q.st, 0);
        int c = or_idea_criterion_parse(or_query_text(&q, 1));
        int k = (int)q.d->col_int(q.st, 2);
        if (c < 0)
            continue; /* the table's CHECK keeps this from happening */
        used[c] += k;
        if (!mine)
            continue;
        if (!len || (*mine)[len - 1].idea_id != idea) {
            OR_ARENA_GROW(a, *mine, len + 1, cap);
            memset(&(*mine)[len], 0, sizeof **mine);
            (*mine)[len++].idea_id = idea;
        }
        (*mine)[len - 1].votes[c] += k;
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_idea_vote_cast(or_store *s, int64_t workshop_id, int64_t participant_id, int64_t idea_id,
                          int criterion, or_error *err)
{
    if (criterion < 0 || criterion >= OR_CRIT__N)
        return or_vote_check_cast(NULL, criterion, err);
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT slot FROM idea_votes WHERE participant_id = ? AND criterion = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, participant_id);
    q.d->bind_text(q.st, 2, or_idea_criteria[criterion].code);
    bool taken[OR_IDEA_VOTES_PER_CRITERION + 1] = {false};
    int used[OR_CRIT__N] = {0};
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int slot = (int)q.d->col_int(q.st, 0);
        if (slot >= 1 && slot <= OR_IDEA_VOTES_PER_CRITERION)
            taken[slot] = true;
        used[criterion]++;
    }
    or_query_done(&q);
    if (rc || (rc = or_vote_check_cast(used, criterion, err)))
        return rc;
    int slot = 1;
    while (slot <= OR_IDEA_VOTES_PER_CRITERION && taken[slot])
        slot++;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO idea_votes (workshop_id, participant_id, criterion, slot, "
                            "idea_id, cast_at) VALUES (?, ?, ?, ?, ?, ?)",
                            err)))
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, workshop_id);
    q.d->bind_int(q.st, 2, participant_id);
    q.d->bind_text(q.st, 3, or_idea_criteria[criterion].code);
    q.d->bind_int(q.st, 4, slot);
    q.d->bind_int(q.st, 5, idea_id);
    q.d->bind_text(q.st, 6, ts);
    return or_query_run(&q, err);
}

or_code or_idea_vote_take_back(or_store *s, int64_t participant_id, int64_t idea_id, int criterion,
                               or_error *err)
{
    if (criterion < 0 || criterion >= OR_CRIT__N)
        return or_vote_check_take_back(0, criterion, err);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT MAX(slot), COUNT(*) FROM idea_votes WHERE participant_id = "
                               "? AND criterion = ? AND idea_id = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, participant_id);
    q.d->bind_text(q.st, 2, or_idea_criteria[criterion].code);
    q.d->bind_int(q.st, 3, idea_id);
    bool have = false;
    int slot = 0, on_idea = 0;
    if (!(rc = q.d->step(q.st, &have, err)) && have && !q.d->col_null(q.st, 0)) {
        slot = (int)q.d->col_int(q.st, 0);
        on_idea = (int)q.d->col_int(q.st, 1);
    }
    or_query_done(&q);
    if (rc || (rc = or_vote_check_take_back(on_idea, criterion, err)))
        return rc;
    if ((rc = or_query_prep(s, &q,
                            "DELETE FROM idea_votes WHERE participant_id = ? AND criterion = ? "
                            "AND slot = ?",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, participant_id);
    q.d->bind_text(q.st, 2, or_idea_criteria[criterion].code);
    q.d->bind_int(q.st, 3, slot);
    return or_query_run(&q, err);
}

or_code or_idea_voters(or_store *s, int64_t workshop_id, int *n, or_error *err)
{
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT COUNT(DISTINCT participant_id) FROM idea_votes WHERE workshop_id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop_id);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *n = (int)q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_idea_tally_of(or_store *s, int64_t workshop_id, or_arena *a, or_idea_tally **out, int *n,
                         or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    /* every idea, voted on or not, in the order written; one row per idea and criterion */
    or_code rc = or_query_prep(s, &q,
                               "SELECT i.id, v.criterion, COUNT(v.slot) FROM ideas i LEFT JOIN "
                               "idea_votes v ON v.idea_id = i.id WHERE i.workshop_id = ? GROUP "
                               "BY i.id, v.criterion ORDER BY i.id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        int64_t id = q.d->col_int(q.st, 0);
        if (!len || (*out)[len - 1].id != id) {
            OR_ARENA_GROW(a, *out, len + 1, cap);
            memset(&(*out)[len], 0, sizeof **out);
            (*out)[len++].id = id;
        }
        int c = or_idea_criterion_parse(or_query_text(&q, 1));
        if (c >= 0)
            (*out)[len - 1].votes[c] = (int)q.d->col_int(q.st, 2);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

/* ---- commitments ---- */

or_code or_idea_commitment_add(or_store *s, const or_idea_commitment *c, const char *user,
                               int64_t *id, or_error *err)
{
    *id = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO idea_commitments (workshop_id, idea_id, next_step, "
                               "owner, due_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, "
                               "?, ?) RETURNING id",
                               err);
    if (rc)
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, c->workshop_id);
    q.d->bind_int(q.st, 2, c->idea_id);
    q.d->bind_text(q.st, 3, c->next_step);
    q.d->bind_text(q.st, 4, c->owner);
    q.d->bind_text(q.st, 5, c->due_on);
    q.d->bind_text(q.st, 6, user ? user : "");
    q.d->bind_text(q.st, 7, ts);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *id = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

#define COMMIT_SELECT                                                                              \
    "SELECT c.id, c.workshop_id, c.idea_id, i.text, c.next_step, c.owner, "                        \
    "COALESCE(u.display_name, c.owner), c.due_on, c.done_on, c.recorded_by, c.recorded_at FROM "   \
    "idea_commitments c JOIN ideas i ON i.id = c.idea_id LEFT JOIN users u ON u.email = c.owner "

static or_code commitments_read(or_query *q, or_arena *a, or_idea_commitment **out, int *n,
                                or_error *err)
{
    size_t cap = 0, len = 0;
    or_code rc;
    for (;;) {
        bool have = false;
        if ((rc = q->d->step(q->st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_idea_commitment *c = &(*out)[len++];
        c->id = q->d->col_int(q->st, 0);
        c->workshop_id = q->d->col_int(q->st, 1);
        c->idea_id = q->d->col_int(q->st, 2);
        const char **t[] = {&c->idea,   &c->next_step, &c->owner,       &c->owner_name,
                            &c->due_on, &c->done_on,   &c->recorded_by, &c->recorded_at};
        for (int i = 0; i < 8; i++)
            *t[i] = or_arena_strdup(a, or_query_text(q, 3 + i));
    }
    or_query_done(q);
    *n = (int)len;
    return rc;
}

or_code or_idea_commitments(or_store *s, int64_t workshop_id, or_arena *a, or_idea_commitment **out,
                            int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc =
        or_query_prep(s, &q, COMMIT_SELECT "WHERE c.workshop_id = ? ORDER BY c.due_on, c.id", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, workshop_id);
    return commitments_read(&q, a, out, n, err);
}

or_code or_idea_commitments_open(or_store *s, const char *owner, or_arena *a,
                                 or_idea_commitment **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, COMMIT_SELECT "WHERE c.owner = ? AND c.done_on = '' ORDER BY c.due_on, c.id", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, owner ? owner : "");
    return commitments_read(&q, a, out, n, err);
}

or_code or_idea_commitment_done(or_store *s, int64_t id, const char *done_on, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "UPDATE idea_commitments SET done_on = ? WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, done_on);
    q.d->bind_int(q.st, 2, id);
    return or_query_run(&q, err);
}
