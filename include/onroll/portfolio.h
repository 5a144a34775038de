/* portfolio.h - the LA's portfolio of self-evaluation reviews (issue 18 part 3): for one
 * instrument (instruments.h) and academic year, over the LA's schools, how many are engaged
 * ("69 of 80 schools": a review started or complete this year), how many schools' area judgement
 * is at each level per area, the movement per area since each school's previous year, and the
 * schools whose review is due. Pure: the caller reads the schools and reviews (store_portfolio.h)
 * and owns the arena. docs/self-evaluation.md "Portfolio" says how each figure is counted. */
#ifndef ONROLL_PORTFOLIO_H
#define ONROLL_PORTFOLIO_H

#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/instruments.h"

/* One review of the instrument: its school, year, status and the area judgements (value of
 * key "aN.j1" for area N, judgement[N - 1]; NULL or "" when not judged). */
typedef struct {
    int urn, ay;
    const char *status;       /* "started" or "complete" */
    const char *completed_at; /* YYYY-MM-DD, "" when not complete */
    const char **judgement;   /* [nareas], may be NULL */
    int nareas;
} or_pf_review;

typedef enum {
    OR_PF_NOT_DUE,
    OR_PF_DUE_NONE,     /* no review this year */
    OR_PF_DUE_STARTED,  /* started this year, not complete */
    OR_PF_DUE_OUTDATED, /* complete, but more than 12 months before today */
} or_pf_due;

typedef struct {
    int urn;
    or_pf_due due;
    const char *last_completed; /* the latest completed_at of any year, "" when never */
} or_pf_school;

typedef struct {
    int schools, engaged, complete;
    int nareas, nlevels;
    int *dist; /* [nareas * (nlevels + 1)]: schools at each level; [nlevels]: not judged */
    int *up, *same, *down; /* [nareas]: schools judged this year and the year before */
    or_pf_school *rows;    /* [schools], in the order given */
} or_portfolio;

/* The portfolio of instrument in over the schools urns[0..n) in academic year ay, on today,
 * from every review of that instrument (any school, any year: the others are skipped). A school
 * with two reviews of one year (never: the store's key) counts its first. */
or_code or_portfolio_build(const or_instrument *in, int ay, or_date today, const int *urns, int n,
                           const or_pf_review *reviews, int nreviews, or_arena *a,
                           or_portfolio *out, or_error *err);
/* "No review this year", "Started, not complete", "Last completed more than 12 months ago", "" */
const char *or_pf_due_words(or_pf_due d);

#endif
