/* portfolio.c - the LA's portfolio of reviews on one instrument (portfolio.h): engaged schools,
 * the level distribution per area, movement since the year before and the reviews due. */
#include <stdbool.h>
#include <string.h>

#include "onroll/portfolio.h"

const char *or_pf_due_words(or_pf_due d)
{
    switch (d) {
    case OR_PF_DUE_NONE:
        return "No review this year";
    case OR_PF_DUE_STARTED:
        return "Started, not complete";
    case OR_PF_DUE_OUTDATED:
        return "Last completed more than 12 months ago";
    default:
        return "";
    }
}

/* The review of urn in ay, or NULL. */
static const or_pf_review *review_of(const or_pf_review *rs, int n, int urn, int ay)
{
    for (int i = 0; i < n; i++)
        if (rs[i].urn == urn && rs[i].ay == ay)
            return &rs[i];
    return NULL;
}

/* Area s's judgement as a level index, -1 when not judged (or not a level of in). */
static int level_of(const or_instrument *in, const or_pf_review *r, int s)
{
    if (!r || !r->judgement || s >= r->nareas || !r->judgement[s] || !*r->judgement[s])
        return -1;
    return or_instrument_judgement(in, r->judgement[s]);
}

/* The same day a year before (28 February for 29 February). */
static or_date year_before(or_date d)
{
    int y, m, day;
    or_date_to_ymd(d, &y, &m, &day);
    if (m == 2 && day == 29)
        day = 28;
    return or_date_from_ymd(y - 1, m, day);
}

or_code or_portfolio_build(const or_instrument *in, int ay, or_date today, const int *urns, int n,
                           const or_pf_review *reviews, int nreviews, or_arena *a,
                           or_portfolio *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (!in || n < 0 || nreviews < 0 || (n && !urns) || (nreviews && !reviews))
        return or_fail(err, OR_EUSAGE, "portfolio: no instrument, schools or reviews given");
    if (today == OR_DATE_NONE)
        return or_fail(err, OR_EUSAGE, "portfolio: no date given for today");
    int na = in->njudgements ? in->nsections : 0, nl = in->njudgements;
    out->nareas = na;
    out->nlevels = nl;
    out->schools = n;
    out->dist = or_arena_alloc(a, sizeof *out->dist * (size_t)(na * (nl + 1) + 1));
    out->up = or_arena_alloc(a, sizeof *out->up * (size_t)(na + 1));
    out->same = or_arena_alloc(a, sizeof *out->same * (size_t)(na + 1));
    out->down = or_arena_alloc(a, sizeof *out->down * (size_t)(na + 1));
    out->rows = or_arena_alloc(a, sizeof *out->rows * (size_t)(n + 1));
    memset(out->dist, 0, sizeof *out->dist * (size_t)(na * (nl + 1) + 1));
    memset(out->up, 0, sizeof *out->up * (size_t)(na + 1));
    memset(out->same, 0, sizeof *out->same * (size_t)(na + 1));
    memset(out->down, 0, sizeof *out->down * (size_t)(na + 1));
    char cutoff[11];
    or_date_format(year_before(today), cutoff);
    for (int i = 0; i < n; i++) {
        or_pf_school *row = &out->rows[i];
        row->urn = urns[i];
        row->last_completed = "";
        for (int k = 0; k < nreviews; k++)
            if (reviews[k].urn == urns[i] && reviews[k].completed_at &&
                strcmp(reviews[k].completed_at, row->last_completed) > 0)
                row->last_completed = reviews[k].completed_at;
        const or_pf_review *now = review_of(reviews, nreviews, urns[i], ay);
        if (!now) {
            row->due = OR_PF_DUE_NONE;
            continue;
        }
        out->engaged++;
        bool complete = now->status && !strcmp(now->status, "complete");
        if (complete)
            out->complete++;
        row->due = !complete ? OR_PF_DUE_STARTED
                   : strcmp(now->completed_at ? now->completed_at : "", cutoff) < 0
                       ? OR_PF_DUE_OUTDATED
                       : OR_PF_NOT_DUE;
        const or_pf_review *before = review_of(reviews, nreviews, urns[i], ay - 1);
        for (int s = 0; s < na; s++) {
            int l = level_of(in, now, s);
            out->dist[s * (nl + 1) + (l >= 0 ? l : nl)]++;
            int p = level_of(in, before, s);
            if (l < 0 || p < 0)
                continue;
            if (l > p)
                out->up[s]++;
            else if (l < p)
                out->down[s]++;
            else
                out->same[s]++;
        }
    }
    return OR_OK;
}
