/* review_figures.c - the figures onroll fills into an instrument's data fields (reviews.h
 * or_review_figures_of): a school's pupils by SEN status on census day and their suspensions and
 * permanent exclusions in the year, from the model (or_columns_group by school and SEN status,
 * the published counts: columns.h); and (or_review_attendance_of) their attendance and persistent
 * absence by SEN, the vulnerability dashboard's own figures (vulnerability.h). */
#include <stdio.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/reviews.h"
#include "onroll/stats.h"
#include "onroll/vulnerability.h"

/* "2 of 40 pupils (5.0%)" */
static const char *of(or_arena *a, int64_t num, int64_t den)
{
    char n[OR_FMT_INT_LEN], d[OR_FMT_INT_LEN], p[OR_FMT_PCT_LEN];
    if (den <= 0)
        return or_arena_printf(a, "%s of no pupils on roll", or_fmt_int(num, n));
    return or_arena_printf(a, "%s of %s pupil%s (%s%%)", or_fmt_int(num, n), or_fmt_int(den, d),
                           den == 1 ? "" : "s", or_fmt_pct(num, den, p));
}

/* A figure with its own period (NULL: the figures' period). */
static void put_in(or_review_figures *f, const char *key, const char *value, const char *period)
{
    if (f->n < 16) {
        f->keys[f->n] = key;
        f->periods[f->n] = period;
        f->values[f->n++] = value;
    }
}

static void put(or_review_figures *f, const char *key, const char *value)
{
    put_in(f, key, value, NULL);
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

/* The dashboard's rate in full (page_vulnerability.c rate_text: or_cell_rate, "84.00"). */
static const char *rate(or_arena *a, int64_t num, int64_t den)
{
    char buf[32];
    or_cell_rate(num, OR_SUP_NONE, den, OR_SUP_NONE, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

void or_review_attendance_of(const or_model *m, int urn, int ay, or_date as_of, or_arena *a,
                             or_review_figures *out)
{
    or_vuln v;
    or_vuln_init(&v, ay);
    or_vuln_from_model(&v, m, urn, as_of);
    int pa_pct = or_model_params(m)->v[OR_P_RISK_PA_PCT];
    or_date year_end = or_date_academic_year_start(ay + 1) - 1;
    char to[OR_FMT_DATE_LEN], census[OR_FMT_DATE_LEN];
    const char *period = or_arena_printf(
        a,
        "%d/%02d: sessions in the school year to %s of the pupils of compulsory school age on "
        "roll on census day, %s; attended: present or an approved educational activity; with "
        "SEN: on SEN support (K) or with an EHC plan (E) on census day",
        ay, (ay + 1) % 100, or_fmt_date(as_of < year_end ? as_of : year_end, to),
        or_fmt_date(or_census_day(ay), census));
    static const struct {
        const char *att, *pa, *who;
        int g;
    } groups[] = {{"att_all", "pa_all", "", OR_VG_ALL},
                  {"att_sen", "pa_sen", " with SEN", OR_VG_SEN},
                  {"att_nsen", "pa_nsen", " without SEN", OR_VG_NONSEN}};
    char n1[OR_FMT_INT_LEN], n2[OR_FMT_INT_LEN], n3[OR_FMT_INT_LEN];
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        int g = groups[i].g;
        const char *who = groups[i].who;
        const char *att, *pa;
        if (v.possible[g] <= 0) {
            att = or_arena_printf(a, "No attendance recorded for pupils%s", who);
            pa = att;
        } else {
            att = or_arena_printf(a, "%s of %s possible sessions attended (%s%%) by %s pupil%s%s",
                                  or_fmt_int(v.attended[g], n1), or_fmt_int(v.possible[g], n2),
                                  rate(a, v.attended[g], v.possible[g]),
                                  or_fmt_int(v.att_pupils[g], n3), v.att_pupils[g] == 1 ? "" : "s",
                                  who);
            pa = or_arena_printf(a,
                                 "%s of %s pupil%s%s (%s%%) attended less than %d%% of their "
                                 "possible sessions",
                                 or_fmt_int(v.pa[g], n1), or_fmt_int(v.att_pupils[g], n2),
                                 v.att_pupils[g] == 1 ? "" : "s", who,
                                 rate(a, v.pa[g], v.att_pupils[g]), pa_pct);
        }
        put_in(out, groups[i].att, att, period);
        put_in(out, groups[i].pa, pa, period);
    }
}

const char *or_review_figure(const or_review_figures *f, const char *key)
{
    for (int i = 0; key && i < f->n; i++)
        if (!strcmp(f->keys[i], key))
            return f->values[i];
    return NULL;
}

const char *or_review_figure_period(const or_review_figures *f, const char *key)
{
    for (int i = 0; key && i < f->n; i++)
        if (!strcmp(f->keys[i], key))
            return f->periods[i] ? f->periods[i] : f->period;
    return NULL;
}
