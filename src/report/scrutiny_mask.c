/* scrutiny_mask.c - secondary suppression of the scrutiny report's tables built on groups of
 * pupils (disproportionality, schools): see scr_mask_secondary in scrutiny_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/stats.h"
#include "report/scrutiny_internal.h"

/* ---- secondary suppression of the tables built on the groups ----
 *
 * or_report_disproportionality and or_report_schools hide small counts (primary
 * suppression), but their groups add up to totals the report publishes elsewhere (the LA's
 * headline, the rates by characteristic, the margins of an intersection), so a lone "c" in a
 * line could be worked out by subtraction. Here the same groups are counted again, suppressed
 * with their totals shown (or_suppress_list / or_suppress_table, per LA), and every cell of
 * the table built on a suppressed count becomes "c" too. */

static int64_t ms_value(const or_group_cell *g, int m)
{
    return m == MS_HEAD   ? g->headcount
           : m == MS_SUSP ? g->suspensions
           : m == MS_ONE  ? g->one_plus
                          : g->perm_excl;
}

void scr_hide_cells(or_table *t, int r, const char *const *cols)
{
    for (int k = 0; cols && cols[k]; k++)
        for (int c = 0; c < t->ncols; c++)
            if (!strcmp(t->cols[c], cols[k]))
                t->cells[(size_t)r * (size_t)t->ncols + (size_t)c] = "c";
}

/* Ethnicities add up to their major groups, whose totals the report publishes (rates by
 * ethnic group): within each major group a lone suppressed ethnicity gets a second one, the
 * smallest other non-zero one (the rule of DOMAIN.md §6 with the group's total shown). A
 * group whose other ethnicities are all 0 has nothing to hide instead (its total is then the
 * hidden count: such a group is better published as its major group only). */
static or_code mask_within_majors(scr *x, const or_group_result *r, size_t base, int m,
                                  uint8_t *flags, or_error *err)
{
    int n = r->size[1];
    int *idx = malloc(((size_t)n + 1) * sizeof *idx);
    uint8_t *done = calloc((size_t)n + 1, 1);
    if (!idx || !done) {
        free(idx);
        free(done);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        if (done[i])
            continue;
        const or_code_entry *e =
            or_code_find(OR_CS_ETHNICITY, or_group_code(x->c, r, 1, i), OR_DATE_NONE);
        const char *major = e && e->major ? e->major : "x";
        int k = 0, hidden = 0, pick = -1;
        for (int j = i; j < n; j++) {
            const or_code_entry *ej =
                or_code_find(OR_CS_ETHNICITY, or_group_code(x->c, r, 1, j), OR_DATE_NONE);
            if (!done[j] && !strcmp(ej && ej->major ? ej->major : "x", major)) {
                done[j] = 1;
                idx[k++] = j;
            }
        }
        for (int j = 0; j < k; j++)
            hidden += flags[base + (size_t)idx[j] * r->stride[1]] != 0;
        if (hidden != 1)
            continue;
        int64_t best = 0;
        for (int j = 0; j < k; j++) {
            size_t at = base + (size_t)idx[j] * r->stride[1];
            int64_t v = ms_value(&r->cells[at], m);
            if (!flags[at] && v > 0 && (pick < 0 || v < best)) {
                pick = j;
                best = v;
            }
        }
        if (pick >= 0)
            flags[base + (size_t)idx[pick] * r->stride[1]] = OR_SUP_SECONDARY;
    }
    free(idx);
    free(done);
    return OR_OK;
}

/* Suppress table t's rows (keyed by la_code and, for each of dims[0..nd), the column
 * names[i]) as above; hide[m] = the columns measure m's suppression hides (a suppressed
 * headcount hides them all). */
or_code scr_mask_secondary(scr *x, or_table *t, int nd, const or_dim *dims,
                           const char *const *names, const char *const *const hide[MS__N],
                           or_error *err)
{
    if (x->thr == 0 || nd < 1 || nd > 2)
        return OR_OK;
    or_group_query q = {x->o->ay, x->o->ay, nd + 1, {OR_DIM_LA}, true, true, 0};
    for (int i = 0; i < nd; i++)
        q.dims[i + 1] = dims[i];
    or_group_result r = {0};
    or_code rc = or_columns_group(x->c, &q, &r, err);
    if (rc)
        return rc;
    uint8_t *flags[MS__N] = {0};
    int rows = r.size[1], cols = nd == 2 ? r.size[2] : 1;
    int64_t *counts = malloc(((size_t)rows * (size_t)cols + 1) * sizeof *counts);
    uint8_t *f = malloc(OR_SUP_NFLAGS(rows, cols));
    for (int m = 0; m < MS__N; m++)
        flags[m] = calloc(r.ncells + 1, 1);
    if (!counts || !f || !flags[0] || !flags[1] || !flags[2] || !flags[3])
        rc = or_fail(err, OR_ENOMEM, "out of memory");
    for (int la = 0; !rc && rows > 0 && cols > 0 && la < r.size[0]; la++) {
        size_t base = (size_t)la * r.stride[0];
        for (int m = 0; !rc && m < MS__N; m++) {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    counts[i * cols + j] =
                        ms_value(&r.cells[base + (size_t)i * r.stride[1] +
                                          (nd == 2 ? (size_t)j * r.stride[2] : 0)],
                                 m);
            rc = nd == 2 ? or_suppress_table(counts, rows, cols, true, true, x->thr, f, err)
                         : or_suppress_list(counts, rows, true, x->thr, f, err);
            for (int i = 0; !rc && i <= rows; i++)
                for (int j = 0; j <= (nd == 2 ? cols : 0); j++)
                    flags[m][base + (size_t)i * r.stride[1] +
                             (nd == 2 ? (size_t)j * r.stride[2] : 0)] =
                        f[nd == 2 ? OR_SUP_AT(cols, i, j) : (size_t)i];
            if (!rc && nd == 1 && dims[0] == OR_DIM_ETHNICITY)
                rc = mask_within_majors(x, &r, base, m, flags[m], err);
        }
    }
    for (int row = 0; !rc && row < t->nrows; row++) {
        int v[3] = {-1, -1, -1};
        const char *la = scr_cell(t, row, "la_code");
        for (int i = 0; la && i < r.size[0]; i++)
            if (!strcmp(or_group_code(x->c, &r, 0, i), la))
                v[0] = i;
        for (int d = 0; d < nd; d++) {
            const char *code = scr_cell(t, row, names[d]);
            if (code && !strcmp(code, "Total"))
                v[d + 1] = r.size[d + 1];
            for (int i = 0; code && v[d + 1] < 0 && i < r.size[d + 1]; i++)
                if (!strcmp(or_group_code(x->c, &r, d + 1, i), code))
                    v[d + 1] = i;
        }
        if (v[0] < 0 || v[1] < 0 || (nd == 2 && v[2] < 0))
            continue;
        size_t at = 0;
        for (int a = 0; a <= nd; a++)
            at += (size_t)v[a] * r.stride[a];
        for (int m = 0; m < MS__N; m++)
            if (flags[m][at]) {
                scr_hide_cells(t, row, hide[m]);
                if (m == MS_HEAD)
                    for (int k = 1; k < MS__N; k++)
                        scr_hide_cells(t, row, hide[k]);
            }
    }
    free(counts);
    free(f);
    for (int m = 0; m < MS__N; m++)
        free(flags[m]);
    or_group_result_release(&r);
    return rc;
}
