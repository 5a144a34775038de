/* test_suppress.c - small-count suppression (stats.h, suppress.c; DOMAIN.md §6): primary
 * suppression of counts 1..threshold, secondary suppression (stage 1: a line with a shown total
 * and one "c" gets its next smallest non-zero cell suppressed; stage 2: no "c" may follow from
 * several totals either), worked by hand on small tables, then checked on random tables.
 *
 * Expected grids are written one grid row per word: the inner cells, then the row total; the
 * last word is the column totals then the grand total. 'P' primary, 'S' secondary, '.' shown,
 * '-' not shown at all (a margin the table does not have; its flag must be NONE).
 *
 * The random check does not trust suppress.c's reasoning: it writes the shown totals as linear
 * equations in the suppressed cells and row-reduces them (Gauss-Jordan) to see whether any
 * suppressed cell is determined by them; and it checks the DOMAIN.md §6 condition directly: every
 * row and column whose total is shown has 0 or at least 2 suppressed cells. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/stats.h"

#define MAXR 8
#define MAXC 8

/* ---- an independent model of what the reader of a table sees ---- */

static bool shown(int rows, int cols, bool rt, bool ct, int i, int j)
{
    if (i < rows && j < cols)
        return true;
    if (i < rows)
        return rt;
    if (j < cols)
        return ct;
    return rt && ct;
}

/* The grid's values: cells, row totals, column totals, grand total. */
static void grid_values(const int64_t *counts, int rows, int cols, int64_t *val)
{
    memset(val, 0, sizeof(int64_t) * (size_t)(rows + 1) * (size_t)(cols + 1));
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            int64_t v = counts[i * cols + j];
            val[OR_SUP_AT(cols, i, j)] = v;
            val[OR_SUP_AT(cols, i, cols)] += v;
            val[OR_SUP_AT(cols, rows, j)] += v;
            val[OR_SUP_AT(cols, rows, cols)] += v;
        }
}

/* Lines whose total is shown: grid rows 0..rows and grid columns 0..cols, each the sum of its
 * other cells equals its last cell. Returns the number of suppressed cells in the line, or -1
 * when the line's total is not shown. */
static int line_suppressed(int rows, int cols, bool rt, bool ct, const uint8_t *flags,
                           bool horizontal, int k)
{
    int len = horizontal ? cols + 1 : rows + 1;
    int ti = horizontal ? k : rows, tj = horizontal ? cols : k;
    if (!shown(rows, cols, rt, ct, ti, tj))
        return -1;
    int n = 0;
    for (int m = 0; m < len; m++) {
        int i = horizontal ? k : m, j = horizontal ? m : k;
        if (shown(rows, cols, rt, ct, i, j) && flags[OR_SUP_AT(cols, i, j)] != OR_SUP_NONE)
            n++;
    }
    return n;
}

/* How many suppressed cells the shown totals determine exactly (by any combination of them);
 * *first gets the grid index of the first such cell. Gauss-Jordan on the equations "sum of the
 * suppressed cells of a line = (what is shown)", coefficients +1 for a cell and -1 for the
 * line's total: cell u is determined iff the unit vector e_u is in the row space, i.e. u is a
 * pivot column whose reduced row has no other non-zero entry. */
static int recoverable(int rows, int cols, bool rt, bool ct, const uint8_t *flags, int *first)
{
    int w = cols + 1, ncell = (rows + 1) * w;
    int var[(MAXR + 1) * (MAXC + 1)], nvar = 0;
    for (int g = 0; g < ncell; g++) {
        var[g] = -1;
        if (shown(rows, cols, rt, ct, g / w, g % w) && flags[g] != OR_SUP_NONE)
            var[g] = nvar++;
    }
    if (nvar == 0)
        return 0;
    static double m[(MAXR + 1) + (MAXC + 1)][(MAXR + 1) * (MAXC + 1)];
    int neq = 0;
    for (int h = 0; h < 2; h++) {
        bool horizontal = h == 0;
        for (int k = 0; k <= (horizontal ? rows : cols); k++) {
            if (line_suppressed(rows, cols, rt, ct, flags, horizontal, k) < 0)
                continue;
            memset(m[neq], 0, sizeof m[neq]);
            int len = horizontal ? w : rows + 1;
            for (int t = 0; t < len; t++) {
                int i = horizontal ? k : t, j = horizontal ? t : k;
                int v = var[i * w + j];
                if (v >= 0)
                    m[neq][v] = t == len - 1 ? -1.0 : 1.0;
            }
            neq++;
        }
    }
    int pivot_row_of[(MAXR + 1) * (MAXC + 1)];
    int r = 0;
    for (int c = 0; c < nvar; c++) {
        pivot_row_of[c] = -1;
        int best = -1;
        for (int q = r; q < neq; q++)
            if (fabs(m[q][c]) > 1e-9 && (best < 0 || fabs(m[q][c]) > fabs(m[best][c])))
                best = q;
        if (best < 0)
            continue;
        for (int t = 0; t < nvar; t++) {
            double tmp = m[r][t];
            m[r][t] = m[best][t];
            m[best][t] = tmp;
        }
        double pv = m[r][c];
        for (int t = 0; t < nvar; t++)
            m[r][t] /= pv;
        for (int q = 0; q < neq; q++) {
            if (q == r || fabs(m[q][c]) < 1e-12)
                continue;
            double f = m[q][c];
            for (int t = 0; t < nvar; t++)
                m[q][t] -= f * m[r][t];
        }
        pivot_row_of[c] = r++;
    }
    int n = 0;
    for (int g = 0; g < ncell; g++) {
        int c = var[g];
        if (c < 0 || pivot_row_of[c] < 0)
            continue;
        bool unit = true;
        for (int t = 0; t < nvar; t++)
            if (t != c && fabs(m[pivot_row_of[c]][t]) > 1e-9)
                unit = false;
        if (unit) {
            if (n == 0 && first)
                *first = g;
            n++;
        }
    }
    return n;
}

/* ---- hand-worked tables ---- */

typedef struct {
    const char *name;
    int rows, cols;
    bool rt, ct;
    int threshold;
    int64_t counts[MAXR * MAXC];
    const char *want; /* one word per grid row, see the top */
} table_case;

static const table_case table_cases[] = {
    /* 3x3 with both totals. Rows: 14, 27, 37; columns: 14, 24, 40; grand 78.
     *   [1 5 8] [6 9 12] [7 10 20]
     * Primary: the 1. Stage 1, rows first: row 0 has one "c" -> its next smallest non-zero
     * cell, 5. Columns: column 0 has one (the 1) -> 6; column 1 has one (the 5) -> 9.
     * Again: rows 0 and 1 have two each, columns 0 and 1 two each: stable. The four form a
     * 2x2 loop: +t/-t around it keeps every total, so none is determined. */
    {"3x3 one primary", 3, 3, true, true, 2, {1, 5, 8, 6, 9, 12, 7, 10, 20}, "PS.. SS.. .... ...."},
    /* Two primaries. [1 4 9] [20 30 40] [50 2 60]: rows 14, 90, 112; columns 71, 36, 109.
     * Primary: the 1 and the 2 (row 2, column 1). Stage 1, pass 1: row 0 (one "c") -> 4; row 2
     * has one (the 2) -> 50; columns: column 0 has the 1 and the 50, column 1 the 4 and the 2.
     * Pass 2: nothing. The loop 1-4-2-50 (rows 0 and 2, columns 0 and 1) holds. */
    {"3x3 two primaries",
     3,
     3,
     true,
     true,
     2,
     {1, 4, 9, 20, 30, 40, 50, 2, 60},
     "PS.. .... SP.. ...."},
    /* A longer cascade: [1 4 9] [20 30 40] [50 5 60] (only the 1 is small). Pass 1: row 0 ->
     * 4; column 0 (the 1 alone) -> 20; column 1 (the 4 alone) -> 5. Pass 2: row 1 (the 20
     * alone) -> 30; row 2 (the 5 alone) -> 50. Pass 3: every line 0, 2 or 3: stable. Five
     * secondary cells from one primary. */
    {"3x3 cascade", 3, 3, true, true, 2, {1, 4, 9, 20, 30, 40, 50, 5, 60}, "PS.. SS.. SS.. ...."},
    /* Stage 2. [1 2 10 11] [2 1 1 12] [13 14 2 1] [15 16 1 2]: rows 24, 16, 30, 34; columns
     * 31, 33, 14, 26; grand 104. Nine primaries: two 2x2 blocks (rows 0-1 x columns 0-1, rows
     * 2-3 x columns 2-3) and the 1 at row 1, column 2 joining them. Every line has 0, 2 or 3
     * "c", so stage 1 does nothing; yet rows 0 and 1 less columns 0 and 1 give that 1 away:
     * (24 - 21) + (16 - 12) - (31 - 28) - (33 - 30) = 3 + 4 - 3 - 3 = 1 (test_stage2_needed).
     * Stage 2 suppresses the smallest cell joining the two sides (a row of one block with a
     * column of the other): 10, 11, 12, 13, 14, 15, 16 -> the 10 at row 0, column 2. */
    {"4x4 two blocks and a bridge",
     4,
     4,
     true,
     true,
     2,
     {1, 2, 10, 11, 2, 1, 1, 12, 13, 14, 2, 1, 15, 16, 1, 2},
     "PPS.. PPP.. ..PP. ..PP. ....."},
    /* A total that is itself small. [1 0 0] [4 5 6]: rows 1 and 15, columns 5, 5, 6, grand 16.
     * Primary: the 1 and row 0's total 1. Row 0: two. Column 0: the 1 alone -> 4 (row 1).
     * Columns 1, 2: none. Row totals with the grand total (a line when both margins are
     * shown): row 0's total alone -> the next smallest row total, 15. Then row 1: 4 and its
     * total: two. A loop: 1 - 4 - 15 - (total 1). */
    {"a small row total", 2, 3, true, true, 2, {1, 0, 0, 4, 5, 6}, "P..P S..S ...."},
    /* The total as the only candidate. [1 5] [4 0]: rows 6, 4; columns 5, 5; grand 10.
     * Pass 1: row 0 (the 1 alone) -> 5; column 0 (the 1 alone) -> 4; column 1 (the 5 alone,
     * its other cell 0) -> its total 5. Pass 2: row 1 (the 4 alone, other cell 0) -> its total
     * 4; column totals (column 1's alone) -> column 0's total 5; row totals (row 1's alone) ->
     * row 0's total 6. Pass 3: stable. Only the 0 and the grand total 10 are shown. */
    {"totals as candidates", 2, 2, true, true, 2, {1, 5, 4, 0}, "PSS S.S SS."},
    /* Zeros are never chosen. [2 0 7] [0 8 9]: rows 9, 17; columns 2, 8, 16; grand 26.
     * Primary: the 2 and column 0's total 2. Row 0: the 2 alone -> 7 (the 0 skipped).
     * Column totals: column 0's alone -> the next smallest, 8 (column 1's total). Column 1:
     * its total alone -> 8 (the 0 skipped). Column 2: the 7 alone -> 9. Then every line has
     * 0 or 2: a loop 2 - 7 - 9 - 8 - (column 1 total) - (column 0 total). */
    {"zeros skipped", 2, 3, true, true, 2, {2, 0, 7, 0, 8, 9}, "P.S. .SS. PS.."},
    /* Column totals only. [1 3] [4 5]: column 0 has the 1 alone -> 4. Rows have no total: the
     * 1 and 4 are not determined (only their sum, 5, is). */
    {"column totals only", 2, 2, false, true, 2, {1, 3, 4, 5}, "P.- S.- ..-"},
    /* Row totals only, one row: [2 0 0 9] total 11: the 2 alone -> 9, zeros skipped. */
    {"row totals only", 1, 4, true, false, 2, {2, 0, 0, 9}, "P..S. -----"},
    /* No totals: primary only. */
    {"no totals", 2, 2, false, false, 2, {1, 2, 3, 4}, "PP- ..- ---"},
    /* Everything in one cell: the 1, its row and column totals and the grand total are all 1. */
    {"a single 1", 2, 2, true, true, 2, {1, 0, 0, 0}, "P.P ... P.P"},
    /* Threshold 3 (configurable): the 3 is primary. [3 4 10] total 17 -> 3 P, 4 S. */
    {"threshold 3", 1, 3, true, false, 3, {3, 4, 10}, "PS.. ----"},
    /* Threshold 0: suppression off. */
    {"threshold 0", 2, 2, true, true, 0, {1, 2, 3, 4}, "... ... ..."},
};

static void check_grid(const char *name, int rows, int cols, const uint8_t *flags, const char *want)
{
    const char *p = want;
    for (int i = 0; i <= rows; i++) {
        for (int j = 0; j <= cols; j++, p++) {
            uint8_t f = flags[OR_SUP_AT(cols, i, j)];
            char got = f == OR_SUP_PRIMARY ? 'P' : f == OR_SUP_SECONDARY ? 'S' : '.';
            char exp = *p == '-' ? '.' : *p;
            if (got != exp)
                fail_msg("%s: grid (%d, %d) is %c, want %c (want \"%s\")", name, i, j, got, *p,
                         want);
        }
        assert_true(*p == ' ' || *p == '\0');
        if (*p)
            p++;
    }
}

static void test_tables(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof table_cases / sizeof table_cases[0]; k++) {
        const table_case *c = &table_cases[k];
        uint8_t flags[(MAXR + 1) * (MAXC + 1)];
        or_error err = {0};
        or_code rc =
            or_suppress_table(c->counts, c->rows, c->cols, c->rt, c->ct, c->threshold, flags, &err);
        if (rc != OR_OK)
            fail_msg("%s: %s", c->name, err.msg);
        check_grid(c->name, c->rows, c->cols, flags, c->want);
        int first = -1;
        int n = recoverable(c->rows, c->cols, c->rt, c->ct, flags, &first);
        if (n != 0)
            fail_msg("%s: %d suppressed cells determined by the totals (first at %d)", c->name, n,
                     first);
    }
}

/* The two-block table with its primaries alone: every line with a shown total has 0 or >= 2
 * "c" (DOMAIN.md's condition holds), yet the joining cell is determined by the totals. This is
 * why stage 2 exists. */
static void test_stage2_needed(void **state)
{
    (void)state;
    const table_case *c = &table_cases[3];
    uint8_t flags[(MAXR + 1) * (MAXC + 1)];
    memset(flags, OR_SUP_NONE, sizeof flags);
    for (int i = 0; i < c->rows; i++)
        for (int j = 0; j < c->cols; j++) {
            int64_t v = c->counts[i * c->cols + j];
            if (v >= 1 && v <= 2)
                flags[OR_SUP_AT(c->cols, i, j)] = OR_SUP_PRIMARY;
        }
    for (int h = 0; h < 2; h++)
        for (int k = 0; k <= 4; k++) {
            int n = line_suppressed(4, 4, true, true, flags, h == 0, k);
            assert_true(n == 0 || n >= 2);
        }
    int first = -1;
    assert_int_equal(recoverable(4, 4, true, true, flags, &first), 1);
    assert_int_equal(first, (int)OR_SUP_AT(4, 1, 2));
}

/* ---- lists ---- */

typedef struct {
    int n;
    bool total_shown;
    int threshold;
    int64_t counts[12];
    const char *want; /* n cells then the total */
} list_case;

static const list_case list_cases[] = {
    /* [5 1 7 0 12] total 25: the 1 alone -> the next smallest non-zero, 5 (the 0 skipped). */
    {5, true, 2, {5, 1, 7, 0, 12}, "SP...."},
    /* [5 1 2 9] total 17: two primaries hide each other (total 17 - 14 = 3 = 1 + 2). */
    {4, true, 2, {5, 1, 2, 9}, ".PP.."},
    /* [1 40 30 0] total 71: the 1 alone -> 30. */
    {4, true, 2, {1, 40, 30, 0}, "P.S.."},
    /* No total shown: nothing to subtract from. */
    {2, false, 2, {1, 5}, "P.-"},
    /* [1 0 0] total 1: the total is a count of 1 as well. */
    {3, true, 2, {1, 0, 0}, "P..P"},
    /* [1] total 1; [5] total 5. */
    {1, true, 2, {1}, "PP"},
    {1, true, 2, {5}, ".."},
    /* [3 0 0] and [0 0 0]: nothing small but zero. */
    {3, true, 2, {3, 0, 0}, "...."},
    {3, true, 2, {0, 0, 0}, "...."},
    /* Threshold 3: [3 4 10] -> 3 P, 4 S. Threshold 0: off. */
    {3, true, 3, {3, 4, 10}, "PS.."},
    {3, true, 0, {1, 1, 5}, "...."},
    /* [8 2 2 3] total 15: two primaries, nothing more. */
    {4, true, 2, {8, 2, 2, 3}, ".PP.."},
};

static void test_lists(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof list_cases / sizeof list_cases[0]; k++) {
        const list_case *c = &list_cases[k];
        uint8_t flags[13];
        or_code rc = or_suppress_list(c->counts, c->n, c->total_shown, c->threshold, flags, NULL);
        assert_int_equal(rc, OR_OK);
        for (int i = 0; i <= c->n; i++) {
            char got = flags[i] == OR_SUP_PRIMARY ? 'P' : flags[i] == OR_SUP_SECONDARY ? 'S' : '.';
            char exp = c->want[i] == '-' ? '.' : c->want[i];
            if (got != exp)
                fail_msg("list case %zu: [%d] is %c, want %c (\"%s\")", k, i, got, exp, c->want);
        }
    }
}

static void test_errors(void **state)
{
    (void)state;
    uint8_t flags[(MAXR + 1) * (MAXC + 1)];
    or_error err = {0};
    const int64_t neg[] = {1, -1};
    assert_int_equal(or_suppress_table(neg, 1, 2, true, true, 2, flags, &err), OR_EUSAGE);
    for (size_t k = 0; k < OR_SUP_NFLAGS(1, 2); k++)
        assert_int_equal(flags[k], OR_SUP_NONE);
    const int64_t ok[] = {1, 2};
    assert_int_equal(or_suppress_table(ok, 0, 2, true, true, 2, flags, &err), OR_EUSAGE);
    assert_int_equal(or_suppress_table(ok, 1, 0, true, true, 2, flags, &err), OR_EUSAGE);
    assert_int_equal(or_suppress_table(ok, 1, 2, true, true, -1, flags, &err), OR_EUSAGE);
    const int64_t big[] = {INT64_MAX, 1};
    assert_int_equal(or_suppress_table(big, 1, 2, true, true, 2, flags, &err), OR_EUSAGE);
    assert_int_equal(or_suppress_list(ok, 0, true, 2, flags, &err), OR_EUSAGE);
    assert_int_equal(or_suppress_list(neg, 2, true, 2, flags, &err), OR_EUSAGE);
}

/* ---- random tables ---- */

static uint64_t rng_state = 0x0123456789abcdefULL;

static uint64_t rng(void) /* splitmix64: deterministic, so failures reproduce */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int64_t small_count(void) /* many 0s, 1s and 2s, as in a real breakdown by school */
{
    int r = (int)(rng() % 100);
    if (r < 25)
        return 0;
    if (r < 60)
        return 1 + (int64_t)(rng() % 3);
    return 3 + (int64_t)(rng() % 40);
}

static void test_random_tables(void **state)
{
    (void)state;
    const int trials = 4000;
    long cells = 0, primary = 0, secondary = 0, zeros = 0, stage1_lines = 0;
    for (int t = 0; t < trials; t++) {
        int rows = 1 + (int)(rng() % 6), cols = 1 + (int)(rng() % 6);
        bool rt = rng() % 4 != 0, ct = rng() % 4 != 0;
        int thr = t % 10 == 0 ? (int)(rng() % 4) : 2;
        int64_t counts[MAXR * MAXC], val[(MAXR + 1) * (MAXC + 1)];
        for (int k = 0; k < rows * cols; k++)
            counts[k] = small_count();
        uint8_t flags[(MAXR + 1) * (MAXC + 1)];
        or_error err = {0};
        if (or_suppress_table(counts, rows, cols, rt, ct, thr, flags, &err) != OR_OK)
            fail_msg("trial %d: %s", t, err.msg);
        grid_values(counts, rows, cols, val);
        for (int i = 0; i <= rows; i++)
            for (int j = 0; j <= cols; j++) {
                size_t g = OR_SUP_AT(cols, i, j);
                bool is_shown = shown(rows, cols, rt, ct, i, j);
                bool small = is_shown && val[g] >= 1 && val[g] <= thr;
                if (!is_shown) {
                    assert_int_equal(flags[g], OR_SUP_NONE);
                    continue;
                }
                cells++;
                /* primary exactly on the small counts; zeros shown as 0 */
                if ((flags[g] == OR_SUP_PRIMARY) != small)
                    fail_msg("trial %d: (%d, %d) = %lld flag %d", t, i, j, (long long)val[g],
                             flags[g]);
                primary += flags[g] == OR_SUP_PRIMARY;
                secondary += flags[g] == OR_SUP_SECONDARY;
                zeros += flags[g] != OR_SUP_NONE && val[g] == 0;
            }
        /* DOMAIN.md §6: every line with a shown total has 0 or >= 2 suppressed cells */
        for (int h = 0; h < 2; h++)
            for (int k = 0; k <= (h == 0 ? rows : cols); k++) {
                int n = line_suppressed(rows, cols, rt, ct, flags, h == 0, k);
                if (n == 1)
                    fail_msg("trial %d: %s %d has one suppressed cell", t, h ? "column" : "row", k);
                stage1_lines += n >= 0;
            }
        /* and nothing suppressed follows from any combination of the shown totals */
        int first = -1;
        int n = recoverable(rows, cols, rt, ct, flags, &first);
        if (n)
            fail_msg("trial %d (%dx%d rt %d ct %d thr %d): %d cells recoverable, first grid %d", t,
                     rows, cols, rt, ct, thr, n, first);
    }
    print_message("%d random tables: %ld shown cells, %ld primary, %ld secondary, %ld zero cells "
                  "suppressed; %ld lines with a shown total, none with exactly one \"c\"; "
                  "0 cells recoverable from the totals\n",
                  trials, cells, primary, secondary, zeros, stage1_lines);
    assert_true(primary > 0 && secondary > 0);
}

static void test_random_lists(void **state)
{
    (void)state;
    const int trials = 2000;
    long sup = 0;
    for (int t = 0; t < trials; t++) {
        int n = 1 + (int)(rng() % 10);
        int64_t counts[12], total = 0;
        for (int k = 0; k < n; k++)
            total += counts[k] = small_count();
        uint8_t flags[13];
        assert_int_equal(or_suppress_list(counts, n, true, 2, flags, NULL), OR_OK);
        int nsup = 0;
        for (int k = 0; k <= n; k++) {
            int64_t v = k < n ? counts[k] : total;
            assert_int_equal(flags[k] == OR_SUP_PRIMARY, v >= 1 && v <= 2);
            nsup += flags[k] != OR_SUP_NONE;
        }
        assert_true(nsup == 0 || nsup >= 2);
        sup += nsup;
    }
    print_message("%d random lists with totals: %ld cells suppressed, none alone\n", trials, sup);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),        cmocka_unit_test(test_stage2_needed),
        cmocka_unit_test(test_lists),         cmocka_unit_test(test_errors),
        cmocka_unit_test(test_random_tables), cmocka_unit_test(test_random_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
