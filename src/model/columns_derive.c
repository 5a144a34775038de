/* columns_derive.c - the columnar model's derived arrays (columns.h, columns_internal.h) and
 * keeping them current: each academic year's census snapshot and school of every pupil, each
 * exclusion's counting flag and statistics snapshot, and the hot exclusion rows the queries
 * scan. A refresh recomputes the pupils rows touched (all of them after a load, in threads);
 * their hot rows change in place, or move to the small tail segment, so that keeping the model
 * current after one event costs that pupil's rows, not the size of the model. */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"
#include "onroll/excl.h"

static or_code nomem(or_error *err)
{
    return or_fail(err, OR_ENOMEM, "out of memory building the columnar model");
}

/* ---- derived arrays ---- */

or_date or_census_day(int ay)
{
    or_date jan1 = or_date_from_ymd(ay + 1, 1, 1);
    int to_thursday = (3 - or_date_weekday(jan1) + 7) % 7; /* Monday = 0, Thursday = 3 */
    return jan1 + to_thursday + 14;
}

/* The snapshot in force on d: the latest as_of on or before d (then the latest received),
 * else the earliest (then the first received); -1 if the pupil has none (facts.c). */
static int snap_on(const or_columns *c, int p, or_date d)
{
    int le = -1, gt = -1;
    for (int s = c->p_snap[p]; s >= 0; s = c->s_next[s]) {
        or_date a = c->s_as_of[s];
        if (a <= d) {
            if (le < 0 || a > c->s_as_of[le] || (a == c->s_as_of[le] && c->s_seq[s] > c->s_seq[le]))
                le = s;
        } else if (gt < 0 || a < c->s_as_of[gt] ||
                   (a == c->s_as_of[gt] && c->s_seq[s] < c->s_seq[gt])) {
            gt = s;
        }
    }
    return le >= 0 ? le : gt;
}

/* The school of the pupil's main registration on roll on day d (the latest started, then the
 * lowest URN), or -1. */
static int school_on(const or_columns *c, int p, or_date d)
{
    int best = -1;
    for (int e = c->p_enrol[p]; e >= 0; e = c->e_next[e]) {
        if (c->e_start[e] > d || c->e_end[e] < d)
            continue;
        if (best < 0 || c->e_start[e] > c->e_start[best] ||
            (c->e_start[e] == c->e_start[best] &&
             c->sch_urn[c->e_school[e]] < c->sch_urn[c->e_school[best]]))
            best = e;
    }
    return best < 0 ? -1 : c->e_school[best];
}

static bool later(const or_columns *c, int a, int b) /* ref a after ref b, by (start, id) */
{
    return c->r_start[a] > c->r_start[b] ||
           (c->r_start[a] == c->r_start[b] && c->r_seq[a] > c->r_seq[b]);
}

/* Whether exclusion x counts over the whole record: what became of it gathered from the
 * columns as or_excl_fate_of gathers it from the facts (a `withdrawn` event; the first
 * `reinstated` event, else the latest board or review action of the first of the reinstating
 * rules whose latest action reinstated it), then excl.h's one decision. */
static bool counts(const or_columns *c, int x)
{
    or_excl_fate fate = {OR_DATE_NONE, c->x_start[x], false, false, OR_DATE_NONE, OR_DATE_NONE};
    int latest[OR_EXCL_REINSTATING] = {-1, -1, -1};
    for (int r = c->p_ref[c->x_pupil[x]]; r >= 0; r = c->r_next[r]) {
        if (c->r_school[r] != c->x_school[x] || strcmp(c->r_ref[r], c->x_id[x]) != 0)
            continue;
        switch (c->r_kind[r]) {
        case CX_R_WITHDRAWN:
            fate.withdrawn = true;
            fate.withdrawn_on = c->r_start[r];
            break;
        case CX_R_REINSTATED:
            if (!fate.reinstated || c->r_start[r] < fate.reinstated_on)
                fate.reinstated_on = c->r_start[r];
            fate.reinstated = true;
            break;
        default:
            if (latest[c->r_rule[r]] < 0 || later(c, r, latest[c->r_rule[r]]))
                latest[c->r_rule[r]] = r;
        }
    }
    for (int k = 0; k < OR_EXCL_REINSTATING && !fate.reinstated; k++)
        if (latest[k] >= 0 && c->r_reinstates[latest[k]]) {
            fate.reinstated = true;
            fate.reinstated_on = c->r_start[latest[k]];
        }
    return or_excl_fate_counts(&fate, INT32_MAX);
}

static void compute_pupil(or_columns *c, int p, const or_date *census)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    for (int y = 0; y < nyears; y++) {
        int k = school_on(c, p, census[y]);
        c->cen_school[y][p] = k;
        c->cen_snap[y][p] = k >= 0 ? snap_on(c, p, census[y]) : -1;
    }
    for (int x = c->p_excl[p]; x >= 0; x = c->x_next[x]) {
        int y = c->x_ay[x] - c->ay_lo;
        bool on_roll = y >= 0 && y < nyears && c->cen_school[y][p] >= 0;
        c->x_snap[x] = on_roll ? c->cen_snap[y][p] : snap_on(c, p, c->x_start[x]);
        c->x_counts[x] = c->x_snap[x] >= 0 && counts(c, x);
    }
}

/* Make the census arrays cover the years wanted (a change of years starts them again and
 * recomputes every pupil) and every pupil (new pupils start not on roll). */
static bool reserve_census(or_columns *c)
{
    int lo = c->want_lo, hi = c->want_hi;
    bool none = hi < lo;
    if (none)
        lo = hi = 0; /* nothing yet: one harmless year, forgotten when rows come */
    if (hi - lo + 1 > CX_MAX_YEARS)
        lo = hi - CX_MAX_YEARS + 1;
    bool have = c->ay_hi >= c->ay_lo && !c->cen_none;
    if (c->ay_hi < c->ay_lo || (c->cen_none && !none) || lo < c->ay_lo || hi > c->ay_hi) {
        if (have) {
            lo = lo < c->ay_lo ? lo : c->ay_lo;
            hi = hi > c->ay_hi ? hi : c->ay_hi;
            if (hi - lo + 1 > CX_MAX_YEARS)
                lo = hi - CX_MAX_YEARS + 1;
        }
        for (int y = 0; c->cen_snap && y <= c->ay_hi - c->ay_lo; y++) {
            free(c->cen_snap[y]);
            free(c->cen_school[y]);
        }
        free(c->cen_snap);
        free(c->cen_school);
        c->ay_lo = 0;
        c->ay_hi = -1;
        c->np_cen = c->cap_cen = 0;
        c->cen_snap = calloc((size_t)(hi - lo + 1), sizeof *c->cen_snap);
        c->cen_school = calloc((size_t)(hi - lo + 1), sizeof *c->cen_school);
        if (!c->cen_snap || !c->cen_school)
            return false;
        c->ay_lo = lo;
        c->ay_hi = hi;
        c->cen_none = none;
        c->all_dirty = true;
    }
    int nyears = c->ay_hi - c->ay_lo + 1;
    if (c->np > c->cap_cen) {
        int cap = c->cap_p;
        for (int y = 0; y < nyears; y++) {
            RESERVE(c->cen_snap[y], cap);
            RESERVE(c->cen_school[y], cap);
        }
        c->cap_cen = cap;
    }
    for (int y = 0; y < nyears; y++)
        for (int p = c->np_cen; p < c->np; p++)
            c->cen_snap[y][p] = c->cen_school[y][p] = -1;
    c->np_cen = c->np;
    return true;
}

/* ---- the hot exclusion rows ---- */

static bool hot_reserve(cx_hot *h, int n)
{
    if (n <= h->cap)
        return true;
    int cap = cx_grown(h->cap, n);
    RESERVE(h->pupil, cap);
    RESERVE(h->snap, cap);
    RESERVE(h->school, cap);
    RESERVE(h->w, cap);
    RESERVE(h->half, cap);
    RESERVE(h->reason, cap);
    RESERVE(h->start, cap);
    h->cap = cap;
    return true;
}

/* Row i of h from exclusion x (of pupil p). */
static void hot_set(const or_columns *c, cx_hot *h, int i, int p, int x)
{
    /* lunchtime suspensions count in no published figure: the school census does not collect
     * them (shared/data/codesets/README.md), so DfE's suspension counts leave them out */
    bool n = c->x_counts[x], perm = c->x_kind[x] == CX_X_PERM, susp = c->x_kind[x] == CX_X_SUSP;
    h->pupil[i] = p;
    h->snap[i] = c->x_snap[x] < 0 ? 0 : c->x_snap[x];
    h->school[i] = c->x_school[x];
    h->w[i] = (uint8_t)((n && susp) | (n && perm) << 1);
    h->half[i] = n && susp ? c->x_sessions[x] : 0;
    memcpy(h->reason[i], c->x_reason[x], 3);
    h->start[i] = c->x_start[x];
}

/* Regather the base segment: by academic year (a counting sort), within a year by pupil
 * (pupils are walked in index order); the tail is emptied. */
static bool rebuild_hot(or_columns *c)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    cx_hot *h = &c->hot;
    if (!hot_reserve(h, c->nx > 0 ? c->nx : 1))
        return false;
    RESERVE(h->year, nyears + 1);
    RESERVE(c->tail.year, nyears + 1);
    memset(c->tail.year, 0, ((size_t)nyears + 1) * sizeof *c->tail.year);
    c->tail.n = 0;
    int *fill = calloc((size_t)nyears + 1, sizeof *fill);
    if (!fill)
        return false;
    for (int x = 0; x < c->nx; x++)
        if (c->x_ay[x] >= c->ay_lo && c->x_ay[x] <= c->ay_hi)
            fill[c->x_ay[x] - c->ay_lo + 1]++;
    for (int y = 0; y < nyears; y++)
        fill[y + 1] += fill[y];
    memcpy(h->year, fill, ((size_t)nyears + 1) * sizeof *fill);
    for (int p = 0; p < c->np; p++)
        for (int x = c->p_excl[p]; x >= 0; x = c->x_next[x]) {
            if (c->x_ay[x] < c->ay_lo || c->x_ay[x] > c->ay_hi)
                continue; /* older than the census years: not grouped */
            hot_set(c, h, fill[c->x_ay[x] - c->ay_lo]++, p, x);
        }
    h->n = h->year[nyears];
    free(fill);
    return true;
}

/* The rows of pupil p in [lo, hi) of h (ordered by pupil): [*a, *b). */
static void pupil_range(const cx_hot *h, int lo, int hi, int p, int *a, int *b)
{
    int l = lo, r = hi;
    while (l < r) {
        int m = l + (r - l) / 2;
        if (h->pupil[m] < p)
            l = m + 1;
        else
            r = m;
    }
    *a = l;
    r = hi;
    while (l < r) {
        int m = l + (r - l) / 2;
        if (h->pupil[m] <= p)
            l = m + 1;
        else
            r = m;
    }
    *b = l;
}

/* Replace the tail's rows [a, b) of year y by the n exclusions xs of pupil p. */
static bool tail_splice(or_columns *c, int y, int a, int b, int p, const int *xs, int n)
{
    cx_hot *t = &c->tail;
    int nyears = c->ay_hi - c->ay_lo + 1, d = n - (b - a);
    if (!hot_reserve(t, t->n + (d > 0 ? d : 0)))
        return false;
    size_t move = (size_t)(t->n - b);
#define SHIFT(col) memmove(&t->col[a + n], &t->col[b], move * sizeof *t->col)
    SHIFT(pupil);
    SHIFT(snap);
    SHIFT(school);
    SHIFT(w);
    SHIFT(half);
    SHIFT(reason);
    SHIFT(start);
#undef SHIFT
    for (int i = 0; i < n; i++)
        hot_set(c, t, a + i, p, xs[i]);
    t->n += d;
    for (int z = y + 1; z <= nyears; z++)
        t->year[z] += d;
    return true;
}

/* Bring pupil p's hot rows up to date (after compute_pupil). */
static bool hot_pupil(or_columns *c, int p)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    int small[64], *xs = small, nx = 0, cap = 64;
    for (int x = c->p_excl[p]; x >= 0; x = c->x_next[x]) {
        if (c->x_ay[x] < c->ay_lo || c->x_ay[x] > c->ay_hi)
            continue;
        if (nx == cap) {
            int *more = xs == small ? malloc(2 * (size_t)cap * sizeof *xs)
                                    : realloc(xs, 2 * (size_t)cap * sizeof *xs);
            if (!more) {
                if (xs != small)
                    free(xs);
                return false;
            }
            if (xs == small)
                memcpy(more, small, sizeof small);
            xs = more;
            cap *= 2;
        }
        xs[nx++] = x;
    }
    bool ok = true;
    int *of_year = malloc(((size_t)nx + 1) * sizeof *of_year);
    ok = of_year != NULL;
    for (int y = 0; ok && y < nyears; y++) {
        int n = 0;
        for (int i = 0; i < nx; i++)
            if (c->x_ay[xs[i]] - c->ay_lo == y)
                of_year[n++] = xs[i];
        cx_hot *h = &c->hot;
        int a, b;
        pupil_range(h, h->year[y], h->year[y + 1], p, &a, &b);
        if (b > a && !(h->w[a] & CX_H_MOVED)) {
            if (n == b - a) { /* as many rows as before: in place */
                for (int i = 0; i < n; i++)
                    hot_set(c, h, a + i, p, of_year[i]);
                continue;
            }
            for (int i = a; i < b; i++) { /* moved: they count for nothing now */
                h->w[i] = CX_H_MOVED;
                h->half[i] = 0;
            }
        }
        cx_hot *t = &c->tail;
        pupil_range(t, t->year[y], t->year[y + 1], p, &a, &b);
        if (n || b > a)
            ok = tail_splice(c, y, a, b, p, of_year, n);
    }
    free(of_year);
    if (xs != small)
        free(xs);
    return ok;
}

/* ---- schools and LAs in order ---- */

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

or_code cx_sort_las(or_columns *c, or_error *err)
{
    cx_dict *d = &c->dict[OR_DIM_LA];
    if (d->n < 2) {
        c->las_sorted = d->n;
        return OR_OK;
    }
    const char **sorted = malloc(((size_t)d->n + 1) * sizeof *sorted);
    const char **labels = malloc(((size_t)d->n + 1) * sizeof *labels);
    int *to = malloc(((size_t)d->n + 1) * sizeof *to);
    if (!sorted || !to || !labels) {
        free(sorted);
        free(labels);
        free(to);
        return nomem(err);
    }
    memcpy(sorted, d->code, (size_t)d->n * sizeof *sorted);
    qsort(sorted, (size_t)d->n, sizeof *sorted, cmp_code); /* 3 digits: text order is numeric */
    for (int i = 0; i < d->n; i++)
        for (int j = 0; j < d->n; j++)
            if (d->code[i] == sorted[j]) {
                to[i] = j;
                labels[j] = d->label[i];
            }
    for (int k = 0; k < c->nsch; k++)
        c->sch_la[k] = to[c->sch_la[k]];
    memcpy(d->code, sorted, (size_t)d->n * sizeof *sorted);
    memcpy(d->label, labels, (size_t)d->n * sizeof *labels);
    c->las_sorted = d->n;
    free(sorted);
    free(labels);
    free(to);
    return OR_OK;
}

static const or_columns *sort_ctx; /* qsort has no context argument: under sort_lock */
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int by_urn(const void *a, const void *b)
{
    int x = sort_ctx->sch_urn[*(const int *)a], y = sort_ctx->sch_urn[*(const int *)b];
    return (x > y) - (x < y);
}

static void remap(int32_t *v, int n, const int *to)
{
    for (int i = 0; v && i < n; i++)
        if (v[i] >= 0)
            v[i] = to[v[i]];
}

/* Schools in URN order, as a load gives them (a school added later with a lower URN): every
 * school index in the model renumbered. Rare (a new school), O(rows). */
static or_code sort_schools(or_columns *c, or_error *err)
{
    int n = c->nsch;
    int *order = malloc(((size_t)n + 1) * sizeof *order),
        *to = malloc(((size_t)n + 1) * sizeof *to);
    int32_t *urn = malloc(((size_t)n + 1) * sizeof *urn),
            *la = malloc(((size_t)n + 1) * sizeof *la);
    uint8_t *phase = malloc((size_t)n + 1);
    const char **code = malloc(((size_t)n + 1) * sizeof *code),
               **label = malloc(((size_t)n + 1) * sizeof *label);
    or_code rc = OR_OK;
    if (!order || !to || !urn || !la || !phase || !code || !label) {
        rc = nomem(err);
        goto done;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    pthread_mutex_lock(&sort_lock);
    sort_ctx = c;
    qsort(order, (size_t)n, sizeof *order, by_urn);
    pthread_mutex_unlock(&sort_lock);
    cx_dict *d = &c->dict[OR_DIM_SCHOOL];
    for (int j = 0; j < n; j++) {
        int i = order[j];
        to[i] = j;
        urn[j] = c->sch_urn[i];
        la[j] = c->sch_la[i];
        phase[j] = c->sch_phase[i];
        code[j] = d->code[i];
        label[j] = d->label[i];
    }
    memcpy(c->sch_urn, urn, (size_t)n * sizeof *urn);
    memcpy(c->sch_la, la, (size_t)n * sizeof *la);
    memcpy(c->sch_phase, phase, (size_t)n);
    memcpy(d->code, code, (size_t)n * sizeof *code);
    memcpy(d->label, label, (size_t)n * sizeof *label);
    for (int j = 0; j < n; j++)
        c->urn_index[urn[j] - 100000] = j + 1;
    remap(c->e_school, c->ne, to);
    remap(c->x_school, c->nx, to);
    remap(c->r_school, c->nr, to);
    remap(c->hot.school, c->hot.n, to);
    remap(c->tail.school, c->tail.n, to);
    for (int y = 0; c->cen_school && y <= c->ay_hi - c->ay_lo; y++)
        remap(c->cen_school[y], c->np_cen, to);
    c->schools_unsorted = false;
done:
    free(order);
    free(to);
    free(urn);
    free(la);
    free(phase);
    free(code);
    free(label);
    return rc;
}

/* ---- refresh ---- */

typedef struct {
    or_columns *c;
    const or_date *census;
    int p0, p1;
} compute_part;

static void *compute_range(void *arg)
{
    compute_part *w = arg;
    for (int p = w->p0; p < w->p1; p++)
        compute_pupil(w->c, p, w->census);
    return NULL;
}

/* Every pupil, in up to `threads` threads (each pupil's derived values are its own). */
static void compute_all(or_columns *c, const or_date *census, int threads)
{
    threads = threads < 1 ? 1 : threads > 8 ? 8 : threads;
    if (c->np < 4096)
        threads = 1;
    compute_part part[8];
    pthread_t tid[8];
    bool started[8] = {false};
    for (int t = 0; t < threads; t++)
        part[t] = (compute_part){c, census, (int)((int64_t)c->np * t / threads),
                                 (int)((int64_t)c->np * (t + 1) / threads)};
    for (int t = 1; t < threads; t++)
        started[t] = !pthread_create(&tid[t], NULL, compute_range, &part[t]);
    compute_range(&part[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            compute_range(&part[t]);
    }
}

or_code cx_refresh(or_columns *c, int threads, or_error *err)
{
    or_code rc;
    if (c->schools_unsorted && (rc = sort_schools(c, err)))
        return rc;
    if (c->las_sorted != c->dict[OR_DIM_LA].n && (rc = cx_sort_las(c, err)))
        return rc;
    if (!c->all_dirty && c->ndirty == 0 && c->np_cen == c->np)
        return OR_OK;
    if (!reserve_census(c))
        return nomem(err);
    int nyears = c->ay_hi - c->ay_lo + 1;
    or_date *census = malloc((size_t)nyears * sizeof *census);
    if (!census)
        return nomem(err);
    for (int y = 0; y < nyears; y++)
        census[y] = or_census_day(c->ay_lo + y);
    bool ok = true;
    if (c->all_dirty || !c->hot.year) {
        compute_all(c, census, threads);
        ok = rebuild_hot(c);
    } else {
        for (int i = 0; i < c->ndirty; i++)
            compute_pupil(c, c->dirty[i], census);
        for (int i = 0; ok && i < c->ndirty; i++)
            ok = hot_pupil(c, c->dirty[i]);
        if (ok && c->tail.n > CX_TAIL_MIN && c->tail.n > c->hot.n / 64)
            ok = rebuild_hot(c);
    }
    free(census);
    if (!ok) { /* the hot rows may be half updated: start them again at the next refresh */
        c->all_dirty = true;
        return nomem(err);
    }
    for (int i = 0; i < c->ndirty; i++)
        c->p_dirty[c->dirty[i]] = 0;
    c->ndirty = 0;
    c->all_dirty = false;
    return OR_OK;
}

or_code or_columns_refresh(or_columns *c, or_error *err)
{
    return cx_refresh(c, 1, err);
}
