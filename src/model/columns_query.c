/* columns_query.c - or_columns_group: the statistics of the columnar model (columns.h) grouped
 * by up to four dimensions, in one pass over flat arrays.
 *
 * Rows are taken a chunk at a time. For each chunk the cell index of every row is computed a
 * dimension at a time (a gather from a byte column and a multiply-add: no branches that depend
 * on the data), then the counters are scattered into the cube of cells. Rows that must not
 * count (a pupil not on roll, an empty reason slot) are sent to a spare "trash" cell instead of
 * being branched around. Pupils with one or more suspension are counted with a per-cell "last
 * pupil seen": the exclusions of a year are ordered by pupil, so a pupil's rows are adjacent.
 *
 * Margins (Totals): headcounts, suspensions, permanent exclusions and half-days add up, so
 * they are summed from the cells afterwards; distinct pupils do not, so every row updates the
 * cell of each combination of its values and Totals. The reason dimension is the exception
 * both ways: an exclusion counts under each of its reasons, so its Total is scattered directly
 * (once per exclusion), never summed. The year dimension has no Total (a pupil counted in
 * several years is not one pupil-year).
 *
 * With threads, each thread takes half of the pupils (their headcount rows and their
 * exclusions, split at a pupil boundary) into its own cube; the cubes are then added up, which
 * is exact for distinct pupils too because the halves share no pupil: the same numbers
 * whatever the thread count. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"

#define CHUNK     1024
#define MAX_CELLS (1u << 23)

typedef enum { A_SNAP, A_AGE, A_YG, A_SCHOOL, A_PHASE, A_LA, A_YEAR, A_REASON } axis_kind;

typedef struct {
    axis_kind kind;
    const uint8_t *col; /* A_SNAP */
    uint32_t stride;
    int size; /* the values; value `size` is the Total */
} axis;

typedef struct {
    const or_columns *c;
    const or_group_query *q;
    axis ax[OR_GROUP_MAXDIMS];
    int nax;
    int reason; /* the axis of OR_DIM_REASON, -1 */
    uint32_t ncells, trash;
    /* the cell-index offsets of the combinations of values and Totals used for distinct pupils:
     * for combination m, an axis outside mask[m] adds (size - value) * stride */
    unsigned mask[1 << OR_GROUP_MAXDIMS];
    int nmask;
    bool dated; /* only exclusions starting in [from, to] */
    or_date from, to;
} plan;

typedef struct {
    const plan *pl;
    int p0, p1; /* this worker's pupils */
    or_group_cell *cells;
    int32_t *last;
} worker;

static int snap_col(or_dim d)
{
    switch (d) {
    case OR_DIM_SEX:
        return CX_S_SEX;
    case OR_DIM_ETHNICITY:
        return CX_S_ETH;
    case OR_DIM_ETHNICITY_MAJOR:
        return CX_S_ETH_MAJOR;
    case OR_DIM_FSM:
        return CX_S_FSM;
    case OR_DIM_FSM6:
        return CX_S_FSM6;
    case OR_DIM_SEN:
        return CX_S_SEN;
    case OR_DIM_SEN_NEED:
        return CX_S_SEN_NEED;
    case OR_DIM_CLA:
        return CX_S_CLA;
    case OR_DIM_CIN:
        return CX_S_CIN;
    case OR_DIM_EAL:
        return CX_S_EAL;
    case OR_DIM_PLA:
        return CX_S_PLA;
    case OR_DIM_CP:
        return CX_S_CP;
    case OR_DIM_YJS:
        return CX_S_YJS;
    case OR_DIM_SOCIAL_WORKER:
        return CX_S_SW;
    default:
        return -1;
    }
}

static axis_kind kind_of(or_dim d)
{
    switch (d) {
    case OR_DIM_AGE:
        return A_AGE;
    case OR_DIM_YEAR_GROUP:
        return A_YG;
    case OR_DIM_SCHOOL:
        return A_SCHOOL;
    case OR_DIM_PHASE:
        return A_PHASE;
    case OR_DIM_LA:
        return A_LA;
    case OR_DIM_YEAR:
        return A_YEAR;
    case OR_DIM_REASON:
        return A_REASON;
    default:
        return A_SNAP;
    }
}

static or_code make_plan(const or_columns *c, const or_group_query *q, plan *pl, or_error *err)
{
    memset(pl, 0, sizeof *pl);
    pl->c = c;
    pl->q = q;
    pl->reason = -1;
    if (q->ndims < 0 || q->ndims > OR_GROUP_MAXDIMS)
        return or_fail(err, OR_EUSAGE, "%d dimensions: 0 to %d allowed", q->ndims,
                       OR_GROUP_MAXDIMS);
    if (q->ay_last < q->ay_first || q->ay_first < CX_YEAR_MIN || q->ay_last >= CX_YEAR_MAX)
        return or_fail(err, OR_EUSAGE, "academic years %d to %d: not a range of years", q->ay_first,
                       q->ay_last);
    bool by_year = false;
    pl->nax = q->ndims;
    uint64_t cells = 1;
    for (int i = q->ndims - 1; i >= 0; i--) {
        or_dim d = q->dims[i];
        if (d < 0 || d >= OR_DIM__COUNT)
            return or_fail(err, OR_EUSAGE, "dimension %d: no such dimension", (int)d);
        for (int j = 0; j < i; j++)
            if (q->dims[j] == d)
                return or_fail(err, OR_EUSAGE, "dimension %s given twice", or_dim_name(d));
        axis *a = &pl->ax[i];
        a->kind = kind_of(d);
        a->size = cx_dim_size(c, d, q->ay_first, q->ay_last);
        if (a->kind == A_SNAP)
            a->col = c->s_dim[snap_col(d)];
        a->stride = (uint32_t)cells;
        cells *= (uint64_t)a->size + 1;
        if (cells > MAX_CELLS)
            return or_fail(err, OR_EUSAGE, "too many groups: narrow the query (at most %u cells)",
                           MAX_CELLS);
        by_year |= d == OR_DIM_YEAR;
        if (d == OR_DIM_REASON)
            pl->reason = i;
    }
    if (q->ay_last > q->ay_first && !by_year)
        return or_fail(err, OR_EUSAGE,
                       "academic years %d to %d: group by year too (distinct pupils are "
                       "counted within a year)",
                       q->ay_first, q->ay_last);
    pl->ncells = (uint32_t)cells;
    pl->trash = pl->ncells;
    /* the combinations for distinct pupils: every subset of the axes that have a Total (not
     * reason, not year) when totals are asked for, else just all axes' own values */
    unsigned marginal = 0;
    for (int i = 0; i < pl->nax; i++)
        if (q->totals && pl->ax[i].kind != A_REASON && pl->ax[i].kind != A_YEAR)
            marginal |= 1u << i;
    unsigned all = (1u << pl->nax) - 1;
    for (unsigned m = 0; m <= all; m++)
        if ((m | marginal) == all) /* axes outside marginal are always kept */
            pl->mask[pl->nmask++] = m;
    return OR_OK;
}

/* The cell index of n rows, from their snapshots s[], schools k[], reason values r[] (the
 * Total for headcount rows) and the year; rows with ok[i] == 0 go to the trash (ok NULL: none
 * do). Also the value of each axis in val (for the distinct-pupil combinations). */
static void cell_index(const plan *pl, int n, const int32_t *s, const int32_t *k, const int32_t *r,
                       int year, int ay, const uint8_t *ok, uint32_t *cell, uint16_t (*val)[CHUNK])
{
    const or_columns *c = pl->c;
    for (int i = 0; i < n; i++)
        cell[i] = 0;
    for (int a = 0; a < pl->nax; a++) {
        const axis *x = &pl->ax[a];
        uint16_t *v = val[a];
        switch (x->kind) {
        case A_SNAP:
            for (int i = 0; i < n; i++)
                v[i] = x->col[s[i]];
            break;
        case A_AGE:
            for (int i = 0; i < n; i++) {
                int age = ay - c->s_age_k[s[i]] - CX_AGE_MIN;
                age = age < 0 ? 0 : age;
                v[i] = (uint16_t)(age >= x->size ? x->size - 1 : age);
            }
            break;
        case A_YG:
            for (int i = 0; i < n; i++) {
                int b = c->s_yg_b[s[i]];
                int yg = b + ay - CX_YG_MIN;
                yg = yg < 0 ? 0 : yg > CX_NYG - 2 ? CX_NYG - 2 : yg;
                v[i] = (uint16_t)(b == CX_YG_X ? CX_NYG - 1 : yg);
            }
            break;
        case A_SCHOOL:
            for (int i = 0; i < n; i++)
                v[i] = (uint16_t)k[i];
            break;
        case A_PHASE:
            for (int i = 0; i < n; i++)
                v[i] = c->sch_phase[k[i]];
            break;
        case A_LA:
            for (int i = 0; i < n; i++)
                v[i] = (uint16_t)c->sch_la[k[i]];
            break;
        case A_YEAR:
            for (int i = 0; i < n; i++)
                v[i] = (uint16_t)year;
            break;
        case A_REASON:
            for (int i = 0; i < n; i++)
                v[i] = (uint16_t)r[i];
            break;
        }
        for (int i = 0; i < n; i++)
            cell[i] += v[i] * x->stride;
    }
    if (ok)
        for (int i = 0; i < n; i++)
            cell[i] = ok[i] ? cell[i] : pl->trash;
}

/* Schools are indexed by uint16_t values in the chunk: more than 65535 schools would not fit. */

/* Headcounts of one year: the pupils on roll are picked out of the chunk (branch-free), then
 * counted in LANES interleaved counters per cell so that runs of pupils of the same group do
 * not wait on one another's increments. */
#define LANES 4

static void headcount_year(const worker *w, uint32_t *lanes, int year, int ay)
{
    const plan *pl = w->pl;
    const or_columns *c = pl->c;
    if (ay < c->ay_lo || ay > c->ay_hi || c->np_cen == 0)
        return;
    if (pl->reason >= 0 && !pl->q->totals)
        return; /* under a reason only the Total has a headcount */
    const int32_t *cs = c->cen_snap[ay - c->ay_lo], *ck = c->cen_school[ay - c->ay_lo];
    int32_t s[CHUNK], k[CHUNK], r[CHUNK];
    uint32_t cell[CHUNK];
    uint16_t val[OR_GROUP_MAXDIMS][CHUNK];
    int total_reason = pl->reason >= 0 ? pl->ax[pl->reason].size : 0;
    for (int i = 0; i < CHUNK; i++)
        r[i] = total_reason;
    int p1 = w->p1 < c->np_cen ? w->p1 : c->np_cen;
    for (int p = w->p0; p < p1; p += CHUNK) {
        int n = p1 - p < CHUNK ? p1 - p : CHUNK, m = 0;
        for (int i = 0; i < n; i++) {
            int32_t sn = cs[p + i];
            s[m] = sn;
            k[m] = ck[p + i];
            m += sn >= 0;
        }
        cell_index(pl, m, s, k, r, year, ay, NULL, cell, val);
        if (lanes) {
            int i = 0;
            for (; i + LANES <= m; i += LANES)
                for (int l = 0; l < LANES; l++)
                    lanes[(size_t)cell[i + l] * LANES + l]++;
            for (; i < m; i++)
                lanes[(size_t)cell[i] * LANES]++;
        } else {
            for (int i = 0; i < m; i++)
                w->cells[cell[i]].headcount++;
        }
    }
}

/* The exclusions of one year, rows [i0, i1) of segment h (ordered by pupil). */
static void exclusions_year(const worker *w, const cx_hot *h, int year, int ay, int i0, int i1)
{
    const plan *pl = w->pl;
    int32_t s[CHUNK], k[CHUNK], r[CHUNK], pupil[CHUNK];
    uint8_t ok[CHUNK], wt[CHUNK];
    uint16_t half[CHUNK];
    uint32_t cell[CHUNK];
    uint16_t val[OR_GROUP_MAXDIMS][CHUNK];
    /* rows per exclusion: 1, or with reasons one per reason slot (and one for the Total) */
    int slots = pl->reason < 0 ? 1 : pl->q->totals ? 4 : 3;
    int total_reason = pl->reason >= 0 ? pl->ax[pl->reason].size : 0;
    int step = CHUNK / slots;
    for (int e = i0; e < i1; e += step) {
        int ne = i1 - e < step ? i1 - e : step;
        int n = 0;
        for (int j = 0; j < ne; j++) {
            int x = e + j;
            for (int t = 0; t < slots; t++, n++) {
                int rv = t == 3 || pl->reason < 0 ? total_reason : h->reason[x][t];
                s[n] = h->snap[x];
                k[n] = h->school[x];
                pupil[n] = h->pupil[x];
                wt[n] = h->w[x];
                half[n] = h->half[x];
                ok[n] = rv != CX_NONE8 &&
                        (!pl->dated || (h->start[x] >= pl->from && h->start[x] <= pl->to));
                r[n] = rv == CX_NONE8 ? 0 : rv;
            }
        }
        cell_index(pl, n, s, k, r, year, ay, ok, cell, val);
        for (int i = 0; i < n; i++) {
            or_group_cell *g = &w->cells[cell[i]];
            g->suspensions += wt[i] & 1;
            g->perm_excl += wt[i] >> 1 & 1;
            g->halfdays += half[i];
        }
        for (int m = 0; m < pl->nmask; m++) {
            unsigned mask = pl->mask[m];
            for (int i = 0; i < n; i++) {
                uint32_t id = cell[i];
                for (int a = 0; a < pl->nax; a++)
                    if (!(mask >> a & 1))
                        id += (uint32_t)(pl->ax[a].size - val[a][i]) * pl->ax[a].stride;
                id = (wt[i] & 1) && cell[i] != pl->trash ? id : pl->trash;
                w->cells[id].one_plus += w->last[id] != pupil[i];
                w->last[id] = pupil[i];
            }
        }
    }
}

/* The first row of [lo, hi) of h whose pupil is p or later. */
static int first_of_pupil(const cx_hot *h, int lo, int hi, int p)
{
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (h->pupil[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#define LANE_CELLS 65536 /* cubes up to this many cells count headcounts in lanes */

static void *work(void *arg)
{
    const worker *w = arg;
    const plan *pl = w->pl;
    const or_columns *c = pl->c;
    size_t ncells = (size_t)pl->ncells + 1;
    uint32_t *lanes = pl->q->headcount && ncells <= LANE_CELLS
                          ? calloc(ncells * LANES, sizeof *lanes)
                          : NULL; /* none (or no memory): count straight into the cells */
    for (int ay = pl->q->ay_first; ay <= pl->q->ay_last; ay++) {
        int year = ay - pl->q->ay_first;
        if (pl->q->headcount)
            headcount_year(w, lanes, year, ay);
        if (ay < c->ay_lo || ay > c->ay_hi)
            continue;
        /* the base segment, then the tail: a pupil's rows of a year are all in one of them */
        const cx_hot *seg[2] = {&c->hot, &c->tail};
        for (int g = 0; g < 2; g++) {
            const cx_hot *h = seg[g];
            int lo = h->year[ay - c->ay_lo], hi = h->year[ay - c->ay_lo + 1];
            if (hi > lo)
                exclusions_year(w, h, year, ay, first_of_pupil(h, lo, hi, w->p0),
                                first_of_pupil(h, lo, hi, w->p1));
        }
    }
    if (lanes) {
        for (size_t i = 0; i < ncells; i++)
            for (int l = 0; l < LANES; l++)
                w->cells[i].headcount += lanes[i * LANES + l];
        free(lanes);
    }
    return NULL;
}

/* Add the additive counters of every cell into the Total of axis a. */
static void sum_axis(const plan *pl, or_group_cell *cells, int a)
{
    const axis *x = &pl->ax[a];
    for (uint32_t i = 0; i < pl->ncells; i++) {
        uint32_t v = i / x->stride % (uint32_t)(x->size + 1);
        if (v == (uint32_t)x->size)
            continue;
        or_group_cell *from = &cells[i], *to = &cells[i + (x->size - v) * x->stride];
        to->headcount += from->headcount;
        to->suspensions += from->suspensions;
        to->perm_excl += from->perm_excl;
        to->halfdays += from->halfdays;
    }
}

static or_code group_run(const or_columns *c, const or_group_query *q, const or_date *period,
                         or_group_result *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    plan pl;
    or_code rc = make_plan(c, q, &pl, err);
    if (rc)
        return rc;
    if (period) {
        pl.dated = true;
        pl.from = period[0];
        pl.to = period[1];
    }
    if (c->nsch > 65535)
        return or_fail(err, OR_EUSAGE, "%d schools: at most 65535 can be grouped", c->nsch);
    int nthreads = q->threads < 1 ? 1 : q->threads > 8 ? 8 : q->threads;
    if (c->np_cen < 2 * CHUNK)
        nthreads = 1;
    worker w[8];
    pthread_t tid[8];
    bool started[8] = {false};
    size_t ncells = (size_t)pl.ncells + 1;
    for (int t = 0; t < nthreads; t++) {
        w[t] = (worker){&pl, (int)((int64_t)c->np_cen * t / nthreads),
                        (int)((int64_t)c->np_cen * (t + 1) / nthreads), NULL, NULL};
        if (t == nthreads - 1)
            w[t].p1 = INT32_MAX; /* and any pupil added since */
        w[t].cells = calloc(ncells, sizeof *w[t].cells);
        w[t].last = malloc(ncells * sizeof *w[t].last);
        if (!w[t].cells || !w[t].last) {
            rc = or_fail(err, OR_ENOMEM, "out of memory for %zu groups", ncells);
            nthreads = t + 1;
            break;
        }
        memset(w[t].last, 0xff, ncells * sizeof *w[t].last);
    }
    for (int t = 1; !rc && t < nthreads; t++)
        started[t] = pthread_create(&tid[t], NULL, work, &w[t]) == 0;
    if (!rc)
        work(&w[0]);
    for (int t = 1; !rc && t < nthreads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            work(&w[t]); /* no thread: do its share here */
    }
    for (int t = 1; !rc && t < nthreads; t++)
        for (size_t i = 0; i < ncells; i++) {
            w[0].cells[i].headcount += w[t].cells[i].headcount;
            w[0].cells[i].suspensions += w[t].cells[i].suspensions;
            w[0].cells[i].one_plus += w[t].cells[i].one_plus;
            w[0].cells[i].perm_excl += w[t].cells[i].perm_excl;
            w[0].cells[i].halfdays += w[t].cells[i].halfdays;
        }
    for (int t = 0; t < nthreads; t++) {
        free(w[t].last);
        if (t > 0 || rc)
            free(w[t].cells);
    }
    if (rc)
        return rc;
    if (q->totals)
        for (int a = 0; a < pl.nax; a++)
            if (pl.ax[a].kind != A_REASON && pl.ax[a].kind != A_YEAR)
                sum_axis(&pl, w[0].cells, a);
    out->ay_first = q->ay_first;
    out->ay_last = q->ay_last;
    out->ndims = q->ndims;
    for (int a = 0; a < q->ndims; a++) {
        out->dims[a] = q->dims[a];
        out->size[a] = pl.ax[a].size;
        out->stride[a] = pl.ax[a].stride;
    }
    out->ncells = pl.ncells;
    out->cells = w[0].cells; /* the trash cell stays past the end */
    return OR_OK;
}

void or_group_result_release(or_group_result *r)
{
    free(r->cells);
    memset(r, 0, sizeof *r);
}

const or_group_cell *or_group_at(const or_group_result *r, const int *v)
{
    size_t i = 0;
    for (int a = 0; a < r->ndims; a++) {
        if (v[a] < 0 || v[a] > r->size[a])
            return NULL;
        i += (size_t)v[a] * r->stride[a];
    }
    return i < r->ncells ? &r->cells[i] : NULL;
}

or_code or_columns_group(const or_columns *c, const or_group_query *q, or_group_result *out,
                         or_error *err)
{
    return group_run(c, q, NULL, out, err);
}

or_code or_columns_group_dated(const or_columns *c, const or_group_query *q, or_date from,
                               or_date to, or_group_result *out, or_error *err)
{
    or_date period[2] = {from, to};
    return group_run(c, q, period, out, err);
}
