/* roll_end.c - an exit ends the pupil's registrations at the school (store_roll.h). Portable
 * SQL, parameters only, one prepared statement for the batch. */
#include "onroll/store_roll.h"
#include "store/access.h"

or_code or_roll_end_many(or_store *s, const or_roll_exit *x, size_t n, int64_t src_id,
                         int64_t *ended, or_error *err)
{
    *ended = 0;
    if (n == 0)
        return OR_OK;
    or_query q;
    or_code rc = or_query_prep(s, &q,
                               "UPDATE enrolments SET end_date = ?, leaving_reason = ?, "
                               "src_id = ?, src_line = ? WHERE la_code = ? AND upn = ? AND "
                               "urn = ? AND start_date <= ? AND "
                               "(end_date IS NULL OR end_date > ?)",
                               err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        char day[11];
        or_date_format(x[i].last, day);
        q.d->bind_text(q.st, 1, day);
        q.d->bind_text(q.st, 2, x[i].leaving);
        q.d->bind_int(q.st, 3, src_id);
        q.d->bind_int(q.st, 4, x[i].line);
        q.d->bind_int(q.st, 5, x[i].la_code);
        q.d->bind_text(q.st, 6, x[i].upn);
        q.d->bind_int(q.st, 7, x[i].urn);
        q.d->bind_text(q.st, 8, day);
        q.d->bind_text(q.st, 9, day);
        bool row = false;
        if (!(rc = q.d->step(q.st, &row, err)))
            *ended += q.d->changes(q.st);
        q.d->reset(q.st);
    }
    or_query_done(&q);
    return rc;
}
