/* roll_end.c - an exit ends the pupil's registrations at the school (store_roll.h). Portable
 * SQL, parameters only.
 *
 * Set-based: one UPDATE ... FROM (VALUES ...) per CHUNK exits, so a file of 100,000 exits is
 * 200 statements, not 100,000 round trips (PostgreSQL). Two exits of the same pupil and school
 * are never in one statement (which of them would win is not defined): the exits are sorted by
 * pupil, school and date and sent in rounds, the earliest of each pair first. A registration
 * ends on the earliest exit on or after its start whatever the order, so the rounds give the
 * same result as one exit at a time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/sb.h"
#include "onroll/store_roll.h"
#include "store/access.h"

enum { CHUNK = 500 };

static int by_key(const void *a, const void *b)
{
    const or_roll_exit *x = *(const or_roll_exit *const *)a, *y = *(const or_roll_exit *const *)b;
    if (x->la_code != y->la_code)
        return x->la_code < y->la_code ? -1 : 1;
    int c = strcmp(x->upn, y->upn);
    if (c)
        return c;
    if (x->urn != y->urn)
        return x->urn < y->urn ? -1 : 1;
    return (x->last > y->last) - (x->last < y->last);
}

static bool same_key(const or_roll_exit *x, const or_roll_exit *y)
{
    return x->la_code == y->la_code && x->urn == y->urn && !strcmp(x->upn, y->upn);
}

/* One statement for exits v[0..n-1], no two of the same pupil and school. */
static or_code end_chunk(or_store *s, const or_roll_exit *const *v, size_t n, int64_t src_id,
                         int64_t *ended, or_error *err)
{
    or_db *db;
    const or_driver *d = or_store_driver(s, &db);
    const char *date = d->type_for("DATE");
    or_sb sql = OR_SB_INIT;
    or_sb_adds(&sql, "UPDATE enrolments SET end_date = v.column4, leaving_reason = v.column5, "
                     "src_id = CAST(? AS BIGINT), src_line = v.column6 FROM (VALUES ");
    for (size_t i = 0; i < n; i++)
        or_sb_addf(&sql,
                   "%s(CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS %s), "
                   "CAST(? AS TEXT), CAST(? AS BIGINT))",
                   i ? ", " : "", date);
    or_sb_adds(&sql, ") AS v WHERE enrolments.la_code = v.column1 AND enrolments.upn = v.column2 "
                     "AND enrolments.urn = v.column3 AND enrolments.start_date <= v.column4 AND "
                     "(enrolments.end_date IS NULL OR enrolments.end_date > v.column4)");
    or_query q;
    or_code rc = or_query_prep(s, &q, or_sb_str(&sql), err);
    or_sb_release(&sql);
    if (rc)
        return rc;
    char(*days)[11] = or_xmalloc(n * sizeof *days);
    int p = 1;
    q.d->bind_int(q.st, p++, src_id);
    for (size_t i = 0; i < n; i++) {
        or_date_format(v[i]->last, days[i]);
        q.d->bind_int(q.st, p++, v[i]->la_code);
        q.d->bind_text(q.st, p++, v[i]->upn);
        q.d->bind_int(q.st, p++, v[i]->urn);
        q.d->bind_text(q.st, p++, days[i]);
        q.d->bind_text(q.st, p++, v[i]->leaving);
        q.d->bind_int(q.st, p++, v[i]->line);
    }
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)))
        *ended += q.d->changes(q.st);
    or_query_done(&q);
    free(days);
    return rc;
}

or_code or_roll_end_many(or_store *s, const or_roll_exit *x, size_t n, int64_t src_id,
                         int64_t *ended, or_error *err)
{
    *ended = 0;
    if (n == 0)
        return OR_OK;
    const or_roll_exit **sorted = or_xmalloc(n * sizeof *sorted);
    const or_roll_exit **round = or_xmalloc(n * sizeof *round);
    size_t *rank = or_xmalloc(n * sizeof *rank);
    for (size_t i = 0; i < n; i++)
        sorted[i] = &x[i];
    qsort(sorted, n, sizeof *sorted, by_key);
    /* each exit's place among those of its pupil and school (a second of the same day: none) */
    size_t rounds = 0, cur = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && same_key(sorted[i], sorted[i - 1]))
            rank[i] = sorted[i]->last == sorted[i - 1]->last ? SIZE_MAX : ++cur;
        else
            rank[i] = cur = 0;
        if (cur + 1 > rounds)
            rounds = cur + 1;
    }
    or_code rc = OR_OK;
    for (size_t r = 0; r < rounds && !rc; r++) {
        size_t m = 0;
        for (size_t i = 0; i < n && !rc; i++) {
            if (rank[i] == r)
                round[m++] = sorted[i];
            if (m == CHUNK || (i == n - 1 && m)) {
                rc = end_chunk(s, round, m, src_id, ended, err);
                m = 0;
            }
        }
    }
    free(sorted);
    free(round);
    free(rank);
    return rc;
}
