/* scrutiny_words.c (store) - the LA's own words in the scrutiny report (store_scrutiny.h,
 * migration 022): one row per academic year. */
#include <string.h>

#include "onroll/store_scrutiny.h"
#include "store/access.h"

or_code or_scrutiny_words_get(or_store *s, int ay, or_arena *a, or_scrutiny_words *out,
                              or_error *err)
{
    *out = (or_scrutiny_words){false, "", "", "", ""};
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT actions, recommendations, set_by, set_at "
                               "FROM scrutiny_words WHERE ay = ?",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, ay);
    bool row = false;
    rc = or_query_step(&q, &row, err);
    if (!rc && row) {
        out->found = true;
        out->actions = or_arena_strdup(a, or_query_text(&q, 0));
        out->recommendations = or_arena_strdup(a, or_query_text(&q, 1));
        out->set_by = or_arena_strdup(a, or_query_text(&q, 2));
        out->set_at = or_arena_strdup(a, or_query_text(&q, 3));
    }
    or_query_done(&q);
    return rc;
}

or_code or_scrutiny_words_set(or_store *s, int ay, const char *actions, const char *recommendations,
                              const char *user, or_error *err)
{
    if (!actions)
        actions = "";
    if (!recommendations)
        recommendations = "";
    if (strlen(actions) > OR_SCRUTINY_WORDS_MAX || strlen(recommendations) > OR_SCRUTINY_WORDS_MAX)
        return or_fail(err, OR_EINPUT, "scrutiny words of %d: longer than %d characters", ay,
                       OR_SCRUTINY_WORDS_MAX);
    or_query q;
    or_code rc;
    if (!*actions && !*recommendations) {
        if ((rc = or_query_prep(s, &q, "DELETE FROM scrutiny_words WHERE ay = ?", err)))
            return rc;
        q.d->bind_int(q.st, 1, ay);
        return or_query_run(&q, err);
    }
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO scrutiny_words (ay, actions, recommendations, set_by, "
                            "set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (ay) DO UPDATE SET "
                            "actions = excluded.actions, recommendations = "
                            "excluded.recommendations, set_by = excluded.set_by, "
                            "set_at = excluded.set_at",
                            err)))
        return rc;
    char ts[32];
    or_store_now_iso(ts);
    q.d->bind_int(q.st, 1, ay);
    q.d->bind_text(q.st, 2, actions);
    q.d->bind_text(q.st, 3, recommendations);
    q.d->bind_text(q.st, 4, user ? user : "");
    q.d->bind_text(q.st, 5, ts);
    return or_query_run(&q, err);
}
