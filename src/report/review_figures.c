/* review_figures.c - the figures onroll fills into an instrument's data fields (reviews.h
 * or_review_figures_of): a school's pupils by SEN status on census day and their suspensions and
 * permanent exclusions in the year, from the model (or_columns_group by school and SEN status,
 * the published counts: columns.h). */
#include <stdio.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/reviews.h"

/* "2 of 40 pupils (5.0%)" */
static const char *of(or_arena *a, int64_t num, int64_t den)
{
    char n[OR_FMT_INT_LEN], d[OR_FMT_INT_LEN], p[OR_FMT_PCT_LEN];
    if (den <= 0)
        return or_arena_printf(a, "%s of no pupils on roll", or_fmt_int(num, n));
    return or_arena_printf(a, "%s of %s pupil%s (%s%%)", or_fmt_int(num, n), or_fmt_int(den, d),
                           den == 1 ? "" : "s", or_fmt_pct(num, den, p));
}

static void put(or_review_figures *f, const char *key, const char *value)
{
    if (f->n < 8) {
        f->keys[f->n] = key;
        f->values[f->n++] = value;
    }
}

or_code or_review_figures_of(const or_columns *c, int urn, int ay, or_arena *a,
                             or_review_figures *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    or_group_query q = {.ay_first = ay,
                        .ay_last = ay,
                        .ndims = 2,
                        .dims = {OR_DIM_SCHOOL, OR_DIM_SEN},
                        .totals = true,
                        .headcount = true};
    or_group_result r;
    or_code rc = or_columns_group(c, &q, &r, err);
    if (rc)
        return rc;
    char urn_s[16], day[OR_FMT_DATE_LEN];
    snprintf(urn_s, sizeof urn_s, "%d", urn);
    int school = -1;
    for (int v = 0; v < r.size[0]; v++)
        if (!strcmp(or_group_code(c, &r, 0, v), urn_s))
            school = v;
    /* by SEN status: N (none), K (SEN support), E (EHC plan); others (not recorded) in Total */
    or_group_cell none = {0}, k = {0}, e = {0}, all = {0};
    if (school >= 0) {
        for (int v = 0; v < r.size[1]; v++) {
            int at[2] = {school, v};
            const or_group_cell *g = or_group_at(&r, at);
            const char *code = or_group_code(c, &r, 1, v);
            or_group_cell *to = !strcmp(code, "N")   ? &none
                                : !strcmp(code, "K") ? &k
                                : !strcmp(code, "E") ? &e
                                                     : NULL;
            if (to)
                *to = *g;
        }
        int at[2] = {school, r.size[1]};
        all = *or_group_at(&r, at);
    }
    or_group_result_release(&r);
    or_group_cell sen = {k.headcount + e.headcount, k.suspensions + e.suspensions,
                         k.one_plus + e.one_plus, k.perm_excl + e.perm_excl,
                         k.halfdays + e.halfdays};
    char n1[OR_FMT_INT_LEN], n2[OR_FMT_INT_LEN];
    out->period = or_arena_printf(a,
                                  "%d/%02d: pupils on roll on census day, %s; suspensions and "
                                  "permanent exclusions that started in the year",
                                  ay, (ay + 1) % 100, or_fmt_date(or_census_day(ay), day));
    put(out, "sen_k",
        or_arena_printf(a, "%s pupil%s on SEN support", or_fmt_int(k.headcount, n1),
                        k.headcount == 1 ? "" : "s"));
    put(out, "sen_e",
        or_arena_printf(a, "%s pupil%s with an EHC plan", or_fmt_int(e.headcount, n2),
                        e.headcount == 1 ? "" : "s"));
    put(out, "susp_all", of(a, all.one_plus, all.headcount));
    put(out, "susp_sen", of(a, sen.one_plus, sen.headcount));
    put(out, "susp_nsen", of(a, none.one_plus, none.headcount));
    put(out, "pex_sen_nsen",
        or_arena_printf(a, "%s with SEN, %s without", or_fmt_int(sen.perm_excl, n1),
                        or_fmt_int(none.perm_excl, n2)));
    return OR_OK;
}

const char *or_review_figure(const or_review_figures *f, const char *key)
{
    for (int i = 0; key && i < f->n; i++)
        if (!strcmp(f->keys[i], key))
            return f->values[i];
    return NULL;
}
