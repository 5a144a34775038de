/* store_portfolio.h - what the LA's portfolio (portfolio.h) and the partnership meetings
 * (partnership.h; migration 032) read and write (src/store/portfolio.c). */
#ifndef ONROLL_STORE_PORTFOLIO_H
#define ONROLL_STORE_PORTFOLIO_H

#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/store.h"

/* One area judgement of a review ("a3.j1" and its value). */
typedef struct {
    int64_t review_id;
    int area; /* 1-based */
    const char *value;
} or_pf_judgement;

/* The first area judgement ("aN.j1") of every area of every review of instrument, strings in
 * the arena. */
or_code or_pf_judgements(or_store *s, const char *instrument, or_arena *a, or_pf_judgement **out,
                         int *n, or_error *err);

typedef struct {
    int64_t id;
    int urn;
    or_date held_on;
    const char *roles; /* the roles' codes of partnership.h, ';' between */
    const char *notes;
    const char *next_on; /* YYYY-MM-DD, "" when none agreed */
    const char *recorded_by, *recorded_at;
} or_pm_meeting;

/* The meetings of school urn (0: every school), the latest held first. */
or_code or_pm_list(or_store *s, int urn, or_arena *a, or_pm_meeting **out, int *n, or_error *err);
/* Record one (m->id, recorded_* ignored). The caller holds the transaction and audits it. */
or_code or_pm_add(or_store *s, const or_pm_meeting *m, const char *user, int64_t *id,
                  or_error *err);

#endif
