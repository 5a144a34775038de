/* suppress.c - small-count suppression of published tables (DOMAIN.md §6, include/onroll/stats.h):
 * primary suppression of counts 1..threshold, then secondary suppression so that no suppressed
 * count can be worked out from the totals that are shown.
 *
 * The model. A rows x cols table with its margins is an (rows+1) x (cols+1) grid: row i's total
 * sits at column `cols`, column j's at row `rows`, the grand total at the corner. Each grid row
 * and each grid column is a "line" whose last cell is the sum of its others. A line is "known"
 * when its total is shown: inner row i when row totals are shown, inner column j when column
 * totals are, and the totals row and totals column when both are (the grand total is shown).
 * Negating the totals (and un-negating the grand total) turns every known line into "the signed
 * cells add up to 0", so the suppressed cells are the edges of a bipartite graph between line
 * vertices (rows and columns), each known vertex carrying a known sum: its shown total less its
 * shown cells.
 *
 * A suppressed cell's value follows from those sums exactly when its edge is a bridge of that
 * graph and the part cut off on one side of it has only known vertices (add that part's row sums
 * and subtract its column sums: every other edge in it cancels). Otherwise it lies on a cycle (add
 * +t, -t around it) or on a path between two vertices whose sums are not known, and is not
 * determined.
 *
 * Stage 1 (DOMAIN.md §6 as written): a known line with exactly one suppressed cell is a known
 * vertex with one edge, the simplest exposed bridge; the next smallest non-zero cell of the line
 * is suppressed too, else its total. A candidate always exists: every suppressed cell is non-zero
 * (primaries are >= 1, and only non-zero cells are chosen), so if the lone suppressed cell is an
 * inner cell the total is at least its value, and if it is the total some inner cell is non-zero.
 *
 * Stage 2: after stage 1 every known vertex has 0 or >= 2 edges; a remaining exposed bridge (two
 * protected blocks joined by one cell) gets one more cell across it: the smallest unsuppressed
 * cell joining a row on one side to a column on the other (non-zero preferred; such a cell exists
 * because the exposed side, all of degree >= 2, holds a cycle and so at least two rows and two
 * columns). That puts the bridge on a cycle. Stage 1 then runs again, and so on until neither
 * changes anything; each round suppresses one more cell, so it ends.
 *
 * Cost: stage 2 runs a search per suppressed cell over the grid, O(S * rows * cols) per round;
 * published tables are small (schools x categories). Pure: no I/O. */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"

typedef struct {
    int rows, cols; /* the inner table; the grid is (rows+1) x (cols+1) */
    int w;          /* grid width, cols + 1 */
    bool rt, ct;    /* row totals shown, column totals shown */
    int64_t *val;   /* grid values */
    uint8_t *flag;  /* grid flags (the caller's flags_out) */
    int *queue;     /* BFS scratch: (rows+1) + (cols+1) vertices */
    uint8_t *side;  /* BFS marks per vertex */
} grid;

static bool present(const grid *g, int i, int j)
{
    if (i < g->rows && j < g->cols)
        return true;
    if (i < g->rows) /* j == cols: a row total */
        return g->rt;
    if (j < g->cols) /* i == rows: a column total */
        return g->ct;
    return g->rt && g->ct; /* the grand total */
}

static bool row_known(const grid *g, int i)
{
    return i < g->rows ? g->rt : g->rt && g->ct;
}

static bool col_known(const grid *g, int j)
{
    return j < g->cols ? g->ct : g->rt && g->ct;
}

static bool sup(const grid *g, int i, int j)
{
    return g->flag[(size_t)i * (size_t)g->w + (size_t)j] != OR_SUP_NONE;
}

static int64_t at(const grid *g, int i, int j)
{
    return g->val[(size_t)i * (size_t)g->w + (size_t)j];
}

/* Is (i, j) a better candidate than the best so far (bi, bj) (bi < 0: none yet)? Smaller
 * non-zero values first, then zeros; ties keep the first found. */
static bool better(const grid *g, int i, int j, int bi, int bj)
{
    if (bi < 0)
        return true;
    int64_t v = at(g, i, j), b = at(g, bi, bj);
    if ((v == 0) != (b == 0))
        return v != 0;
    return v < b;
}

static void mark(grid *g, int i, int j)
{
    g->flag[(size_t)i * (size_t)g->w + (size_t)j] = OR_SUP_SECONDARY;
}

/* Stage 1 for one known line: the grid row i (horizontal) or grid column i. Returns whether it
 * suppressed a cell. */
static bool fix_line(grid *g, bool horizontal, int i)
{
    int len = horizontal ? g->w : g->rows + 1;
    int nsup = 0;
    for (int k = 0; k < len; k++) {
        int r = horizontal ? i : k, c = horizontal ? k : i;
        if (present(g, r, c) && sup(g, r, c))
            nsup++;
    }
    if (nsup != 1)
        return false;
    int bi = -1, bj = -1;
    for (int k = 0; k < len - 1; k++) { /* the line's cells, not its total */
        int r = horizontal ? i : k, c = horizontal ? k : i;
        if (present(g, r, c) && !sup(g, r, c) && at(g, r, c) > 0 && better(g, r, c, bi, bj))
            bi = r, bj = c;
    }
    int tr = horizontal ? i : g->rows, tc = horizontal ? g->cols : i;
    if (bi < 0 && !sup(g, tr, tc) && at(g, tr, tc) > 0)
        bi = tr, bj = tc;
    for (int k = 0; bi < 0 && k < len; k++) { /* cannot happen (see the top); stay safe */
        int r = horizontal ? i : k, c = horizontal ? k : i;
        if (present(g, r, c) && !sup(g, r, c))
            bi = r, bj = c;
    }
    if (bi < 0)
        return false;
    mark(g, bi, bj);
    return true;
}

static bool stage1(grid *g)
{
    bool any = false, changed = true;
    while (changed) {
        changed = false;
        for (int i = 0; i <= g->rows; i++)
            if (row_known(g, i) && fix_line(g, true, i))
                changed = true;
        for (int j = 0; j <= g->cols; j++)
            if (col_known(g, j) && fix_line(g, false, j))
                changed = true;
        any |= changed;
    }
    return any;
}

/* Vertices: grid row i is i, grid column j is rows + 1 + j. */

/* Mark with `tag` every vertex reachable from v along suppressed cells other than (ei, ej).
 * Returns whether all of them have a known sum. */
static bool reach(grid *g, int v, int ei, int ej, uint8_t tag)
{
    int nr = g->rows + 1, head = 0, tail = 0;
    bool all_known = true;
    g->side[v] = tag;
    g->queue[tail++] = v;
    while (head < tail) {
        int u = g->queue[head++];
        if (u < nr) {
            all_known &= row_known(g, u);
            for (int j = 0; j < g->w; j++) {
                int t = nr + j;
                if (g->side[t] == 0 && present(g, u, j) && sup(g, u, j) && !(u == ei && j == ej)) {
                    g->side[t] = tag;
                    g->queue[tail++] = t;
                }
            }
        } else {
            int j = u - nr;
            all_known &= col_known(g, j);
            for (int i = 0; i < nr; i++) {
                if (g->side[i] == 0 && present(g, i, j) && sup(g, i, j) && !(i == ei && j == ej)) {
                    g->side[i] = tag;
                    g->queue[tail++] = i;
                }
            }
        }
    }
    return all_known;
}

/* Stage 2: find one suppressed cell that the shown totals determine and suppress a cell across
 * it. Returns whether it did. */
static bool stage2(grid *g)
{
    int nr = g->rows + 1, nv = nr + g->w;
    for (int ei = 0; ei < nr; ei++) {
        for (int ej = 0; ej < g->w; ej++) {
            if (!present(g, ei, ej) || !sup(g, ei, ej))
                continue;
            memset(g->side, 0, (size_t)nv);
            bool a_known = reach(g, ei, ei, ej, 1);
            if (g->side[nr + ej] == 1)
                continue; /* on a cycle */
            bool b_known = reach(g, nr + ej, ei, ej, 2);
            if (!a_known && !b_known)
                continue; /* free at both ends */
            int bi = -1, bj = -1;
            for (int i = 0; i < nr; i++) {
                for (int j = 0; j < g->w; j++) {
                    uint8_t si = g->side[i], sj = g->side[nr + j];
                    if (si == 0 || sj == 0 || si == sj || !present(g, i, j) || sup(g, i, j))
                        continue;
                    if (better(g, i, j, bi, bj))
                        bi = i, bj = j;
                }
            }
            assert(bi >= 0); /* always, after stage 1 (see the top) */
            if (bi >= 0) {
                mark(g, bi, bj);
                return true;
            }
        }
    }
    return false;
}

or_code or_suppress_table(const int64_t *counts, int rows, int cols, bool row_totals_shown,
                          bool col_totals_shown, int threshold, uint8_t *flags_out, or_error *err)
{
    if (rows < 1 || cols < 1 || rows > 1000000 || cols > 1000000 ||
        (size_t)(rows + 1) > SIZE_MAX / 16 / (size_t)(cols + 1))
        return or_fail(err, OR_EUSAGE, "or_suppress_table: a %d x %d table", rows, cols);
    size_t n = OR_SUP_NFLAGS(rows, cols);
    memset(flags_out, OR_SUP_NONE, n);
    if (threshold < 0)
        return or_fail(err, OR_EUSAGE, "or_suppress_table: threshold %d", threshold);
    grid g = {rows,      cols, cols + 1, row_totals_shown, col_totals_shown, NULL,
              flags_out, NULL, NULL};
    g.val = calloc(n, sizeof *g.val);
    g.queue = calloc((size_t)(rows + 1) + (size_t)(cols + 1), sizeof *g.queue);
    g.side = calloc((size_t)(rows + 1) + (size_t)(cols + 1), 1);
    or_code rc = OR_OK;
    if (!g.val || !g.queue || !g.side) {
        rc = or_fail(err, OR_ENOMEM, "or_suppress_table: out of memory");
        goto done;
    }
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
            int64_t v = counts[(size_t)i * (size_t)cols + (size_t)j];
            if (v < 0) {
                rc = or_fail(err, OR_EUSAGE, "or_suppress_table: cell (%d, %d) is %" PRId64, i, j,
                             v);
                goto done;
            }
            size_t k = OR_SUP_AT(cols, i, j), rk = OR_SUP_AT(cols, i, cols),
                   ck = OR_SUP_AT(cols, rows, j), gk = OR_SUP_AT(cols, rows, cols);
            if (g.val[rk] > INT64_MAX - v || g.val[ck] > INT64_MAX - v ||
                g.val[gk] > INT64_MAX - v) {
                rc = or_fail(err, OR_EUSAGE, "or_suppress_table: totals overflow");
                goto done;
            }
            g.val[k] = v;
            g.val[rk] += v;
            g.val[ck] += v;
            g.val[gk] += v;
        }
    }
    for (int i = 0; i <= rows; i++)
        for (int j = 0; j <= cols; j++) {
            int64_t v = at(&g, i, j);
            if (present(&g, i, j) && v >= 1 && v <= threshold)
                flags_out[OR_SUP_AT(cols, i, j)] = OR_SUP_PRIMARY;
        }
    for (;;) {
        stage1(&g);
        if (!stage2(&g))
            break;
    }
done:
    if (rc != OR_OK)
        memset(flags_out, OR_SUP_NONE, n);
    free(g.val);
    free(g.queue);
    free(g.side);
    return rc;
}

or_code or_suppress_list(const int64_t *counts, int n, bool total_shown, int threshold,
                         uint8_t *flags_out, or_error *err)
{
    if (n < 1 || n > 1000000)
        return or_fail(err, OR_EUSAGE, "or_suppress_list: %d counts", n);
    memset(flags_out, OR_SUP_NONE, (size_t)n + 1);
    uint8_t *f = malloc(OR_SUP_NFLAGS(n, 1));
    if (!f)
        return or_fail(err, OR_ENOMEM, "or_suppress_list: out of memory");
    or_code rc = or_suppress_table(counts, n, 1, false, total_shown, threshold, f, err);
    if (rc == OR_OK)
        for (int i = 0; i <= n; i++) /* column 0 of the n x 1 grid: cells, then the total */
            flags_out[i] = f[OR_SUP_AT(1, i, 0)];
    free(f);
    return rc;
}
