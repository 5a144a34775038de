/* surveys.c (store) - surveys, their waves, respondents and answers (surveys.h, migration 034).
 * A respondent is a random pseudonym and its token's hash: the token is made here, handed back
 * once and never stored. The caller holds each write's transaction and audit line. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/surveys.h"
#include "store/access.h"

#define SURVEY_COLS                                                                                \
    "id, urn, title, template, audience, definition, created_by, CAST(created_at AS TEXT)"

static void survey_row(or_query *q, or_arena *a, or_survey *v)
{
    v->id = q->d->col_int(q->st, 0);
    v->urn = (int)q->d->col_int(q->st, 1);
    v->title = or_arena_strdup(a, or_query_text(q, 2));
    v->template_id = or_arena_strdup(a, or_query_text(q, 3));
    v->audience = or_arena_strdup(a, or_query_text(q, 4));
    v->definition = or_arena_strdup(a, or_query_text(q, 5));
    v->created_by = or_arena_strdup(a, or_query_text(q, 6));
    v->created_at = or_arena_strdup(a, or_query_text(q, 7));
}

or_code or_surveys_list(or_store *s, int urn, or_arena *a, or_survey **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      urn ? "SELECT " SURVEY_COLS " FROM surveys WHERE urn = ? ORDER BY id DESC"
                          : "SELECT " SURVEY_COLS " FROM surveys ORDER BY id DESC",
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
        survey_row(&q, a, &(*out)[len++]);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_survey_get(or_store *s, int64_t id, or_arena *a, or_survey *out, bool *found,
                      or_error *err)
{
    *found = false;
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT " SURVEY_COLS " FROM surveys WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, id);
    if (!(rc = q.d->step(q.st, found, err)) && *found)
        survey_row(&q, a, out);
    or_query_done(&q);
    return rc;
}

or_code or_survey_create(or_store *s, int urn, const char *template_id, const or_survey_def *d,
                         const char *user, int64_t *id, or_error *err)
{
    *id = 0;
    or_arena a = OR_ARENA_INIT;
    const char *json = or_survey_to_json(d, &a);
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "INSERT INTO surveys (urn, title, template, audience, definition, "
                               "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               err);
    if (!rc) {
        char ts[32];
        or_store_now_iso(ts);
        q.d->bind_int(q.st, 1, urn);
        q.d->bind_text(q.st, 2, d->title);
        q.d->bind_text(q.st, 3, template_id ? template_id : "");
        q.d->bind_text(q.st, 4, or_audience_ids[d->audience]);
        q.d->bind_text(q.st, 5, json);
        q.d->bind_text(q.st, 6, user ? user : "");
        q.d->bind_text(q.st, 7, ts);
        bool have = false;
        if (!(rc = q.d->step(q.st, &have, err)) && have)
            *id = q.d->col_int(q.st, 0);
        or_query_done(&q);
    }
    or_arena_free(&a);
    return rc;
}

/* One integer from a query with one or two integer parameters and a date. */
static or_code count_of(or_store *s, const char *sql, int64_t a1, const char *day, long long *out,
                        or_error *err)
{
    *out = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, a1);
    if (day)
        q.d->bind_text(q.st, 2, day);
    bool have = false;
    if (!(rc = q.d->step(q.st, &have, err)) && have)
        *out = q.d->col_int(q.st, 0);
    or_query_done(&q);
    return rc;
}

or_code or_survey_frozen(or_store *s, int64_t id, or_date today, bool *frozen, or_error *err)
{
    char day[11];
    or_date_format(today, day);
    long long n = 0, m = 0;
    or_code rc =
        count_of(s, "SELECT COUNT(*) FROM survey_waves WHERE survey_id = ? AND opens_on <= ?", id,
                 day, &n, err);
    if (!rc)
        rc = count_of(s,
                      "SELECT COUNT(*) FROM survey_submissions WHERE wave_id IN (SELECT id FROM "
                      "survey_waves WHERE survey_id = ?)",
                      id, NULL, &m, err);
    *frozen = n > 0 || m > 0;
    return rc;
}

or_code or_survey_set_definition(or_store *s, int64_t id, const or_survey_def *d, or_date today,
                                 or_error *err)
{
    bool frozen = false;
    or_code rc = or_survey_frozen(s, id, today, &frozen, err);
    if (rc)
        return rc;
    if (frozen)
        return or_fail(err, OR_EINPUT, "%s",
                       "a wave of this survey has opened: its questions can no longer change");
    or_arena a = OR_ARENA_INIT;
    or_query q;
    if (!(rc = or_query_prep(
              s, &q, "UPDATE surveys SET title = ?, audience = ?, definition = ? WHERE id = ?",
              err))) {
        q.d->bind_text(q.st, 1, d->title);
        q.d->bind_text(q.st, 2, or_audience_ids[d->audience]);
        q.d->bind_text(q.st, 3, or_survey_to_json(d, &a));
        q.d->bind_int(q.st, 4, id);
        rc = or_query_run(&q, err);
    }
    or_arena_free(&a);
    return rc;
}

or_code or_survey_waves(or_store *s, int64_t survey_id, or_arena *a, or_survey_wave **out, int *n,
                        or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id, survey_id, n, label, CAST(opens_on AS TEXT), "
                               "CAST(closes_on AS TEXT) FROM survey_waves WHERE survey_id = ? "
                               "ORDER BY n",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, survey_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_survey_wave *w = &(*out)[len++];
        w->id = q.d->col_int(q.st, 0);
        w->survey_id = q.d->col_int(q.st, 1);
        w->n = (int)q.d->col_int(q.st, 2);
        w->label = or_arena_strdup(a, or_query_text(&q, 3));
        w->opens_on = w->closes_on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 4), &w->opens_on);
        or_date_parse(or_query_text(&q, 5), &w->closes_on);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_survey_wave_add(or_store *s, int64_t survey_id, const char *label, or_date opens_on,
                           or_date closes_on, int *n, or_error *err)
{
    *n = 0;
    if (closes_on < opens_on)
        return or_fail(err, OR_EINPUT, "%s", "the wave must close on or after the day it opens");
    or_arena a = OR_ARENA_INIT;
    or_survey v;
    bool found = false;
    or_code rc = or_survey_get(s, survey_id, &a, &v, &found, err);
    if (!rc && !found)
        rc = or_fail(err, OR_ENOTFOUND, "no survey %lld", (long long)survey_id);
    or_survey_def d;
    if (!rc)
        rc = or_survey_from_json(v.definition, &a, &d, err);
    if (!rc)
        rc = or_survey_check(&d, true, err);
    long long last = 0;
    if (!rc)
        rc = count_of(s, "SELECT COALESCE(MAX(n), 0) FROM survey_waves WHERE survey_id = ?",
                      survey_id, NULL, &last, err);
    or_query q;
    if (!rc && !(rc = or_query_prep(s, &q,
                                    "INSERT INTO survey_waves (survey_id, n, label, opens_on, "
                                    "closes_on) VALUES (?, ?, ?, ?, ?)",
                                    err))) {
        char o[11], c[11];
        or_date_format(opens_on, o);
        or_date_format(closes_on, c);
        q.d->bind_int(q.st, 1, survey_id);
        q.d->bind_int(q.st, 2, last + 1);
        q.d->bind_text(q.st, 3, label ? label : "");
        q.d->bind_text(q.st, 4, o);
        q.d->bind_text(q.st, 5, c);
        if (!(rc = or_query_run(&q, err)))
            *n = (int)last + 1;
    }
    or_arena_free(&a);
    return rc;
}

/* The stored form of a token: its BLAKE2b (crypto_generichash, 32 bytes) in hex. */
static void survey_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* A pseudonym: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
static void pseudonym(char out[9])
{
    static const char abc[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    unsigned char raw[8];
    randombytes_buf(raw, sizeof raw);
    for (int i = 0; i < 8; i++)
        out[i] = abc[raw[i] % (sizeof abc - 1)];
    out[8] = '\0';
}

or_code or_survey_issue(or_store *s, int64_t survey_id, int n, or_date today, or_arena *a,
                        const char ***tokens, const char ***pseudonyms, or_error *err)
{
    *tokens = *pseudonyms = NULL;
    if (n < 1 || n > OR_SURVEY_ISSUE_MAX)
        return or_fail(err, OR_EINPUT, "the number of links must be from 1 to %d; %d was asked",
                       OR_SURVEY_ISSUE_MAX, n);
    or_code rc = or_store_crypto_ready(err);
    if (rc)
        return rc;
    const char **tk = or_arena_calloc(a, (size_t)n, sizeof *tk);
    const char **ps = or_arena_calloc(a, (size_t)n, sizeof *ps);
    char day[11];
    or_date_format(today, day);
    for (int i = 0; !rc && i < n; i++) {
        char token[OR_TOKEN_LEN + 1], hash[65], p[9];
        bool clash = true;
        for (int tries = 0; !rc && clash && tries < 5; tries++) {
            or_store_random_token(token);
            survey_hash(token, hash);
            pseudonym(p);
            long long k = 0;
            /* a pseudonym is unique in its survey (the table's UNIQUE); check first, as a
             * refused insert would abort PostgreSQL's transaction */
            or_query q;
            if ((rc = or_query_prep(s, &q,
                                    "SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ? "
                                    "AND pseudonym = ?",
                                    err)))
                break;
            q.d->bind_int(q.st, 1, survey_id);
            q.d->bind_text(q.st, 2, p);
            bool have = false;
            if (!(rc = q.d->step(q.st, &have, err)) && have)
                k = q.d->col_int(q.st, 0);
            or_query_done(&q);
            clash = k > 0;
        }
        if (!rc && clash)
            rc = or_fail(err, OR_ESTORE, "%s", "could not make a new pseudonym");
        or_query q;
        if (!rc && !(rc = or_query_prep(s, &q,
                                        "INSERT INTO survey_respondents (survey_id, token_hash, "
                                        "pseudonym, issued_on) VALUES (?, ?, ?, ?)",
                                        err))) {
            q.d->bind_int(q.st, 1, survey_id);
            q.d->bind_text(q.st, 2, hash);
            q.d->bind_text(q.st, 3, p);
            q.d->bind_text(q.st, 4, day);
            rc = or_query_run(&q, err);
        }
        tk[i] = or_arena_strdup(a, token);
        ps[i] = or_arena_strdup(a, p);
        sodium_memzero(token, sizeof token);
    }
    /* handed back in a random order (Fisher-Yates), so the order of the sheet, which names
     * people, cannot be matched to the order the respondents were stored in */
    for (int i = n - 1; !rc && i > 0; i--) {
        int j = (int)randombytes_uniform((uint32_t)i + 1);
        const char *t = tk[i], *q = ps[i];
        tk[i] = tk[j];
        ps[i] = ps[j];
        tk[j] = t;
        ps[j] = q;
    }
    if (!rc) {
        *tokens = tk;
        *pseudonyms = ps;
    }
    return rc;
}

or_code or_survey_counts(or_store *s, int64_t survey_id, or_arena *a, int *issued, int **answered,
                         int *nwaves, or_error *err)
{
    *issued = 0;
    *answered = NULL;
    *nwaves = 0;
    long long k = 0;
    or_code rc = count_of(s, "SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ?",
                          survey_id, NULL, &k, err);
    if (rc)
        return rc;
    *issued = (int)k;
    or_survey_wave *w = NULL;
    int nw = 0;
    if ((rc = or_survey_waves(s, survey_id, a, &w, &nw, err)))
        return rc;
    int *ans = or_arena_calloc(a, (size_t)nw + 1, sizeof *ans);
    for (int i = 0; !rc && i < nw; i++) {
        rc = count_of(s, "SELECT COUNT(*) FROM survey_submissions WHERE wave_id = ?", w[i].id, NULL,
                      &k, err);
        ans[i] = (int)k;
    }
    *answered = ans;
    *nwaves = nw;
    return rc;
}

or_code or_survey_respondent_by_token(or_store *s, const char *token, or_arena *a,
                                      or_survey_respondent *out, bool *found, or_error *err)
{
    *found = false;
    char hash[65];
    or_code rc = or_store_crypto_ready(err);
    if (rc)
        return rc;
    survey_hash(token ? token : "", hash);
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "SELECT id, survey_id, pseudonym, CAST(issued_on AS TEXT) FROM "
                            "survey_respondents WHERE token_hash = ?",
                            err)))
        return rc;
    q.d->bind_text(q.st, 1, hash);
    if (!(rc = q.d->step(q.st, found, err)) && *found) {
        out->id = q.d->col_int(q.st, 0);
        out->survey_id = q.d->col_int(q.st, 1);
        out->pseudonym = or_arena_strdup(a, or_query_text(&q, 2));
        out->issued_on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 3), &out->issued_on);
    }
    or_query_done(&q);
    return rc;
}

or_code or_survey_submitted(or_store *s, int64_t wave_id, int64_t respondent_id, bool *done,
                            or_error *err)
{
    *done = false;
    or_query q;
    or_code rc = or_query_prep(
        s, &q, "SELECT 1 FROM survey_submissions WHERE wave_id = ? AND respondent_id = ?", err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, wave_id);
    q.d->bind_int(q.st, 2, respondent_id);
    rc = q.d->step(q.st, done, err);
    or_query_done(&q);
    return rc;
}

or_code or_survey_submit(or_store *s, int64_t wave_id, int64_t respondent_id, or_date on,
                         const char *const *items, const char *const *values, int na, or_error *err)
{
    bool done = false;
    or_code rc = or_survey_submitted(s, wave_id, respondent_id, &done, err);
    if (rc)
        return rc;
    if (done)
        return or_fail(err, OR_EINPUT, "%s", "already answered: this link has answered this wave");
    char day[11];
    or_date_format(on, day);
    or_query q;
    if ((rc = or_query_prep(s, &q,
                            "INSERT INTO survey_submissions (wave_id, respondent_id, "
                            "submitted_on) VALUES (?, ?, ?)",
                            err)))
        return rc;
    q.d->bind_int(q.st, 1, wave_id);
    q.d->bind_int(q.st, 2, respondent_id);
    q.d->bind_text(q.st, 3, day);
    if ((rc = or_query_run(&q, err)))
        return rc;
    for (int i = 0; !rc && i < na; i++) {
        if (!values[i] || !values[i][0])
            continue;
        if ((rc = or_query_prep(s, &q,
                                "INSERT INTO survey_answers (wave_id, respondent_id, item, value) "
                                "VALUES (?, ?, ?, ?)",
                                err)))
            break;
        q.d->bind_int(q.st, 1, wave_id);
        q.d->bind_int(q.st, 2, respondent_id);
        q.d->bind_text(q.st, 3, items[i]);
        q.d->bind_text(q.st, 4, values[i]);
        rc = or_query_run(&q, err);
    }
    return rc;
}

or_code or_survey_answers(or_store *s, int64_t survey_id, or_arena *a, or_survey_answer **out,
                          int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        "SELECT x.wave_id, x.respondent_id, x.item, x.value FROM survey_answers x JOIN "
        "survey_waves w ON w.id = x.wave_id WHERE w.survey_id = ? ORDER BY w.n, x.respondent_id, "
        "x.item",
        err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, survey_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_survey_answer *x = &(*out)[len++];
        x->wave_id = q.d->col_int(q.st, 0);
        x->respondent_id = q.d->col_int(q.st, 1);
        x->item = or_arena_strdup(a, or_query_text(&q, 2));
        x->value = or_arena_strdup(a, or_query_text(&q, 3));
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}

or_code or_survey_respondents(or_store *s, int64_t survey_id, or_arena *a,
                              or_survey_respondent **out, int *n, or_error *err)
{
    *out = NULL;
    *n = 0;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "SELECT id, survey_id, pseudonym, CAST(issued_on AS TEXT) FROM "
                               "survey_respondents WHERE survey_id = ? ORDER BY id",
                               err);
    if (rc)
        return rc;
    q.d->bind_int(q.st, 1, survey_id);
    size_t cap = 0, len = 0;
    for (;;) {
        bool have = false;
        if ((rc = q.d->step(q.st, &have, err)) || !have)
            break;
        OR_ARENA_GROW(a, *out, len + 1, cap);
        or_survey_respondent *r = &(*out)[len++];
        r->id = q.d->col_int(q.st, 0);
        r->survey_id = q.d->col_int(q.st, 1);
        r->pseudonym = or_arena_strdup(a, or_query_text(&q, 2));
        r->issued_on = OR_DATE_NONE;
        or_date_parse(or_query_text(&q, 3), &r->issued_on);
    }
    or_query_done(&q);
    *n = (int)len;
    return rc;
}
