/* compare.c - the LA against England, its region and its statistical neighbours (compare.h):
 * the published rows read once (the benchmarks kind, both layouts), each put in its slot of
 * year, school type and area (an Explore Education Statistics row, which carries codes, before
 * a 2006-2017 one of the same slot, which names its area only), then each slot's rates worked
 * out; the LA's own figures from the columnar model, grouped by year and phase. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "onroll/alloc.h"
#include "onroll/compare.h"
#include "onroll/kinds.h"
#include "onroll/stats.h"
#include "onroll/store_settings.h"

static const char *const type_codes[OR_CMP__TYPES] = {"total", "primary", "secondary", "special"};
static const char *const type_names[OR_CMP__TYPES] = {"All schools", "Primary", "Secondary",
                                                      "Special"};
static const char *const measure_names[OR_CMP__MEASURES] = {
    "Suspensions per 100 pupils", "Pupils with one or more suspensions (%)",
    "Permanent exclusions per 100 pupils"};
static const char *const measure_codes[OR_CMP__MEASURES] = {"susp_rate", "one_plus_susp_rate",
                                                            "perm_excl_rate"};
/* The benchmarks columns of each measure: count, rate. */
static const int bm_cols[OR_CMP__MEASURES][2] = {{OR_BM_FIXED_EXCL, OR_BM_FIXED_EXCL_RATE},
                                                 {OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE},
                                                 {OR_BM_PERM_EXCL, OR_BM_PERM_EXCL_RATE}};

const char *or_cmp_type_code(or_cmp_type t)
{
    return t >= 0 && t < OR_CMP__TYPES ? type_codes[t] : "";
}
const char *or_cmp_type_name(or_cmp_type t)
{
    return t >= 0 && t < OR_CMP__TYPES ? type_names[t] : "";
}
const char *or_cmp_measure_name(or_cmp_measure m)
{
    return m >= 0 && m < OR_CMP__MEASURES ? measure_names[m] : "";
}
const char *or_cmp_measure_code(or_cmp_measure m)
{
    return m >= 0 && m < OR_CMP__MEASURES ? measure_codes[m] : "";
}

int or_cmp_type_parse(const char *code)
{
    for (int t = 0; code && t < OR_CMP__TYPES; t++)
        if (!strcmp(code, type_codes[t]))
            return t;
    return -1;
}

int or_cmp_type_of_published(const char *s)
{
    if (!s)
        return -1;
    if (!strcasecmp(s, "Total"))
        return OR_CMP_TOTAL;
    if (!strcasecmp(s, "Primary") || !strcasecmp(s, "State-funded primary"))
        return OR_CMP_PRIMARY;
    if (!strcasecmp(s, "Secondary") || !strcasecmp(s, "State-funded secondary"))
        return OR_CMP_SECONDARY;
    if (!strcasecmp(s, "Special") || !strcasecmp(s, "State-funded special"))
        return OR_CMP_SPECIAL;
    return -1;
}

const char *or_cmp_year_label(or_arena *a, int ay)
{
    return or_arena_printf(a, "%d/%02d", ay, (ay + 1) % 100);
}

/* ---- a cell from counts ---- */

static bool whole(const char *s, int64_t *v)
{
    or_error e = {0};
    return s && *s && or_fixed_parse(s, 0, v, &e) == OR_OK && *v >= 0;
}

static void cell_rate(or_cmp_cell *c, int64_t num, int64_t den)
{
    int64_t r = or_rate_x100(num, den);
    c->num = num;
    c->den = den;
    if (r == OR_RATE_Z || r == OR_RATE_INVALID) {
        snprintf(c->text, sizeof c->text, "z");
        return;
    }
    or_fixed_format(r, 2, c->text, sizeof c->text);
    c->rate = (double)r / 100;
    c->shown = true;
}

void or_cmp_pool(const char *const *counts, const char *const *headcounts, int n, or_cmp_cell *out)
{
    memset(out, 0, sizeof *out);
    int64_t num = 0, den = 0;
    for (int i = 0; i < n; i++) {
        int64_t a, b;
        if (!whole(counts[i], &a) || !whole(headcounts[i], &b) || b == 0)
            continue;
        if (num > INT64_MAX / 4 - a || den > INT64_MAX / 4 - b)
            continue;
        num += a;
        den += b;
        out->areas++;
    }
    if (!out->areas) {
        snprintf(out->text, sizeof out->text, "x");
        return;
    }
    cell_rate(out, num, den);
}

/* A published row's rate: from its counts, else its rate at 2 places, else its symbol. */
static void cell_published(or_cmp_cell *c, const char *count, const char *head, const char *rate)
{
    memset(c, 0, sizeof *c);
    int64_t a, b, r;
    or_error e = {0};
    if (whole(count, &a) && whole(head, &b) && b > 0) {
        cell_rate(c, a, b);
        c->areas = 1;
    } else if (rate && or_fixed_parse(rate, 9, &r, &e) == OR_OK &&
               or_round_div(r, 10000000, 0, &r, &e) == OR_OK) {
        or_fixed_format(r, 2, c->text, sizeof c->text);
        c->rate = (double)r / 100;
        c->shown = true;
        c->areas = 1;
    } else {
        snprintf(c->text, sizeof c->text, "%s", rate && *rate ? rate : "x");
    }
}

/* ---- the published rows ---- */

enum { LV_NATIONAL, LV_REGION, LV_LA };

typedef struct {
    int ay, level, type, la_code;
    bool ees; /* carries codes (Explore Education Statistics) */
    const char *area_code, *name, *region_name, *head, *count[OR_CMP__MEASURES],
        *rate[OR_CMP__MEASURES];
} bm_row;

typedef struct {
    or_arena *a;
    bm_row *rows;
    int n, cap;
} bm_read;

static const char *text(or_arena *a, const or_value *v)
{
    return v->null || !v->s ? "" : or_arena_strdup(a, v->s);
}

static or_code on_row(void *ctx, const or_value *row, const or_row_meta *m, or_error *err)
{
    (void)m;
    (void)err;
    bm_read *r = ctx;
    const char *level = row[OR_BM_LEVEL].null ? "" : row[OR_BM_LEVEL].s;
    int lv = !strcmp(level, "National")          ? LV_NATIONAL
             : !strcmp(level, "Region")          ? LV_REGION
             : !strcmp(level, "Local authority") ? LV_LA
                                                 : -1;
    int type =
        or_cmp_type_of_published(row[OR_BM_SCHOOL_TYPE].null ? NULL : row[OR_BM_SCHOOL_TYPE].s);
    if (lv < 0 || type < 0)
        return OR_OK;
    OR_ARENA_GROW(r->a, r->rows, r->n + 1, r->cap);
    bm_row *b = &r->rows[r->n++];
    b->ay = (int)(row[OR_BM_YEAR].i / 100);
    b->level = lv;
    b->type = type;
    b->la_code = row[OR_BM_LA_CODE].null ? 0 : (int)row[OR_BM_LA_CODE].i;
    b->area_code = text(r->a, &row[OR_BM_AREA_CODE]);
    b->ees = *b->area_code != '\0';
    b->name = text(r->a, &row[OR_BM_LA_NAME]);
    b->region_name = text(r->a, &row[OR_BM_REGION_NAME]);
    b->head = text(r->a, &row[OR_BM_HEADCOUNT]);
    for (int k = 0; k < OR_CMP__MEASURES; k++) {
        b->count[k] = text(r->a, &row[bm_cols[k][0]]);
        b->rate[k] = text(r->a, &row[bm_cols[k][1]]);
    }
    return OR_OK;
}

or_code or_cmp_opts_load(or_store *s, or_arena *a, or_cmp_opts *o, or_error *err)
{
    or_settings st;
    or_code rc = or_settings_load(s, 0, a, &st, err);
    if (rc)
        return rc;
    or_error e = {0};
    int one[1], n = 0;
    if (or_settings_has(&st, OR_SET_LA_CODE) &&
        !or_setting_la_codes(st.v[OR_SET_LA_CODE], one, 1, &n, &e) && n == 1)
        o->la_code = one[0];
    if (or_settings_has(&st, OR_SET_LA_NAME))
        o->la_name = st.v[OR_SET_LA_NAME];
    if (or_settings_has(&st, OR_SET_LA_REGION))
        o->region = st.v[OR_SET_LA_REGION];
    if (or_settings_has(&st, OR_SET_LA_NEIGHBOURS) &&
        or_setting_la_codes(st.v[OR_SET_LA_NEIGHBOURS], o->neighbours, OR_SETTING_NEIGHBOURS,
                            &o->nneighbours, &e))
        o->nneighbours = 0;
    return OR_OK;
}

/* ---- building ---- */

static int cell_index(const or_cmp *c, int y, int t, int s, int m)
{
    (void)c;
    return ((y * OR_CMP__TYPES + t) * OR_CMP__SERIES + s) * OR_CMP__MEASURES + m;
}

const or_cmp_cell *or_cmp_at(const or_cmp *c, int year, or_cmp_type t, or_cmp_series s,
                             or_cmp_measure m)
{
    static const or_cmp_cell none = {0};
    for (int y = 0; y < c->nyears; y++)
        if (c->years[y] == year)
            return &c->cells[cell_index(c, y, t, s, m)];
    return &none;
}

static int year_slot(const or_cmp *c, int ay)
{
    for (int y = 0; y < c->nyears; y++)
        if (c->years[y] == ay)
            return y;
    return -1;
}

static void add_year(int *years, int *n, int ay)
{
    for (int i = 0; i < *n; i++)
        if (years[i] == ay)
            return;
    int i = *n;
    while (i > 0 && years[i - 1] > ay) {
        years[i] = years[i - 1];
        i--;
    }
    years[i] = ay;
    (*n)++;
}

/* Put row b in slot *p unless a row with codes is there already (EES before 2006-2017). */
static void put(const bm_row **p, const bm_row *b)
{
    if (!*p || (!(*p)->ees && b->ees))
        *p = b;
}

/* The LA's own figures: phases grouped into the compared types (all-through counted as
 * secondary; nursery, pupil referral units and AP in none, as the DfE's totals leave them). */
static int type_of_phase(const char *code)
{
    return !strcmp(code, "primary")                                     ? OR_CMP_PRIMARY
           : !strcmp(code, "secondary") || !strcmp(code, "all-through") ? OR_CMP_SECONDARY
           : !strcmp(code, "special")                                   ? OR_CMP_SPECIAL
                                                                        : -1;
}

static void own_cell(or_cmp_cell *c, int64_t num, int64_t den, int thr)
{
    memset(c, 0, sizeof *c);
    if ((num > 0 && num <= thr) || (den > 0 && den <= thr)) {
        snprintf(c->text, sizeof c->text, "c");
        return;
    }
    cell_rate(c, num, den);
    c->areas = 1;
}

static or_code own_figures(const or_cmp_opts *o, or_cmp *out, or_error *err)
{
    or_columns_info info;
    or_columns_info_get(o->c, &info);
    int last = o->ay_last && o->ay_last < info.ay_last ? o->ay_last : info.ay_last;
    if (info.ay_first > last || info.ay_first < OR_DATE_MIN_YEAR)
        return OR_OK; /* no census in the records */
    or_group_query q = {info.ay_first, last, 2, {OR_DIM_YEAR, OR_DIM_PHASE}, false, true, 0};
    or_group_result r = {0};
    or_code rc = or_columns_group(o->c, &q, &r, err);
    if (rc)
        return rc;
    for (int v = 0; v < r.size[0]; v++) {
        int y = year_slot(out, info.ay_first + v);
        or_group_cell sum[OR_CMP__TYPES] = {{0}};
        for (int p = 0; p < r.size[1]; p++) {
            int t = type_of_phase(or_group_code(o->c, &r, 1, p));
            if (t < 0)
                continue;
            const or_group_cell *g = or_group_at(&r, (int[]){v, p});
            for (int k = 0; k < 2; k++) {
                or_group_cell *s = &sum[k ? t : OR_CMP_TOTAL];
                s->headcount += g->headcount;
                s->suspensions += g->suspensions;
                s->one_plus += g->one_plus;
                s->perm_excl += g->perm_excl;
            }
        }
        const or_group_cell *all = &sum[OR_CMP_TOTAL];
        if (y < 0 || (!all->headcount && !all->suspensions && !all->perm_excl))
            continue; /* a year before the records begin */
        if (out->own_first < 0)
            out->own_first = info.ay_first + v;
        out->own_last = info.ay_first + v;
        for (int t = 0; t < OR_CMP__TYPES; t++) {
            const or_group_cell *g = &sum[t];
            int64_t nums[OR_CMP__MEASURES] = {g->suspensions, g->one_plus, g->perm_excl};
            for (int m = 0; m < OR_CMP__MEASURES; m++)
                own_cell(&out->cells[cell_index(out, y, t, OR_CMP_OWN, m)], nums[m], g->headcount,
                         o->threshold);
        }
    }
    or_group_result_release(&r);
    return OR_OK;
}

or_code or_compare_build(or_store *s, const or_cmp_opts *o, or_arena *a, or_cmp *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    out->latest_published = -1;
    out->own_first = -1;
    out->own_last = -2;
    out->nneighbours = o->nneighbours;
    out->la_code = o->la_code;
    bm_read r = {a, NULL, 0, 0};
    or_code rc = or_store_scan_pupil(s, or_kind_get(OR_K_BENCHMARKS), NULL, on_row, &r, err);
    if (rc)
        return rc;
    out->benchmarks = r.n > 0;
    /* the names the codes stand for, from the rows that carry both */
    const char *nb_name[OR_SETTING_NEIGHBOURS] = {0};
    const char *la_region = NULL; /* the region the LA's published row names */
    out->region_code = o->region;
    for (int i = 0; i < r.n; i++) {
        const bm_row *b = &r.rows[i];
        if (b->level == LV_LA && b->la_code && b->la_code == o->la_code) {
            out->la_name = b->name;
            if (b->ees && *b->region_name && !la_region)
                la_region = b->region_name;
        }
        for (int k = 0; k < o->nneighbours; k++)
            if (b->level == LV_LA && b->la_code == o->neighbours[k])
                nb_name[k] = b->name;
    }
    /* the region: la.region's, else the one the LA's published row names */
    for (int pass = 0; pass < 2 && !out->region_name; pass++)
        for (int i = 0; i < r.n && !out->region_name; i++) {
            const bm_row *b = &r.rows[i];
            if (b->level != LV_REGION || !b->ees)
                continue;
            if (pass == 0 ? out->region_code && !strcmp(b->area_code, out->region_code)
                          : la_region && !strcmp(b->name, la_region)) {
                out->region_name = b->name;
                out->region_code = b->area_code;
            }
        }
    for (int k = 0; k < o->nneighbours; k++)
        out->neighbours_found += nb_name[k] != NULL;
    out->la_label = o->la_name ? o->la_name : out->la_name ? out->la_name : "The local authority";
    /* the years: the published ones and onroll's */
    int cap = r.n + 64;
    out->years = or_arena_alloc(a, (size_t)cap * sizeof *out->years);
    for (int i = 0; i < r.n; i++)
        if (!o->ay_last || r.rows[i].ay <= o->ay_last)
            add_year(out->years, &out->nyears, r.rows[i].ay);
    if (o->c) {
        or_columns_info info;
        or_columns_info_get(o->c, &info);
        for (int ay = info.ay_first;
             ay >= OR_DATE_MIN_YEAR && ay <= info.ay_last && out->nyears < cap; ay++)
            if (!o->ay_last || ay <= o->ay_last)
                add_year(out->years, &out->nyears, ay);
    }
    /* every year between the first and the last, so that a chart shows a gap where no one has
       figures (the DfE's lag before onroll's own years) rather than joining across it */
    if (out->nyears > 1) {
        int first = out->years[0], last = out->years[out->nyears - 1];
        if (last - first + 1 > cap)
            out->years = or_arena_alloc(a, (size_t)(last - first + 1) * sizeof *out->years);
        out->nyears = last - first + 1;
        for (int y = 0; y < out->nyears; y++)
            out->years[y] = first + y;
    }
    size_t ncells =
        (size_t)(out->nyears ? out->nyears : 1) * OR_CMP__TYPES * OR_CMP__SERIES * OR_CMP__MEASURES;
    out->cells = or_arena_calloc(a, ncells, sizeof *out->cells);
    /* each published row in its slot */
    int ny = out->nyears ? out->nyears : 1, nn = o->nneighbours ? o->nneighbours : 1;
    const bm_row **slot = or_arena_calloc(a, (size_t)ny * OR_CMP__TYPES * 3, sizeof *slot);
    const bm_row **nb = or_arena_calloc(a, (size_t)ny * OR_CMP__TYPES * (size_t)nn, sizeof *nb);
    for (int i = 0; i < r.n; i++) {
        const bm_row *b = &r.rows[i];
        int y = year_slot(out, b->ay);
        if (y < 0)
            continue;
        const bm_row **sl = &slot[((size_t)y * OR_CMP__TYPES + (size_t)b->type) * 3];
        if (b->level == LV_NATIONAL)
            put(&sl[0], b);
        else if (b->level == LV_REGION &&
                 (b->ees ? out->region_code && !strcmp(b->area_code, out->region_code)
                         : out->region_name && !strcasecmp(b->name, out->region_name)))
            put(&sl[1], b);
        else if (b->level == LV_LA) {
            if (o->la_code && (b->ees ? b->la_code == o->la_code
                                      : out->la_name && !strcasecmp(b->name, out->la_name)))
                put(&sl[2], b);
            for (int k = 0; k < o->nneighbours; k++)
                if (b->ees ? b->la_code == o->neighbours[k]
                           : nb_name[k] && !strcasecmp(b->name, nb_name[k]))
                    put(&nb[((size_t)y * OR_CMP__TYPES + (size_t)b->type) * (size_t)nn + (size_t)k],
                        b);
        }
    }
    static const or_cmp_series ser[3] = {OR_CMP_ENGLAND, OR_CMP_REGION, OR_CMP_PUBLISHED};
    const char **counts = or_arena_calloc(a, (size_t)nn, sizeof *counts);
    const char **heads = or_arena_calloc(a, (size_t)nn, sizeof *heads);
    for (int y = 0; y < out->nyears; y++)
        for (int t = 0; t < OR_CMP__TYPES; t++) {
            const bm_row **sl = &slot[((size_t)y * OR_CMP__TYPES + (size_t)t) * 3];
            for (int k = 0; k < 3; k++)
                for (int m = 0; m < OR_CMP__MEASURES; m++) {
                    or_cmp_cell *c = &out->cells[cell_index(out, y, t, ser[k], m)];
                    if (sl[k])
                        cell_published(c, sl[k]->count[m], sl[k]->head, sl[k]->rate[m]);
                }
            if (sl[0] && t == OR_CMP_TOTAL)
                out->latest_published = out->years[y];
            if (!o->nneighbours)
                continue;
            const bm_row **row = &nb[((size_t)y * OR_CMP__TYPES + (size_t)t) * (size_t)nn];
            bool any = false;
            for (int k = 0; k < nn; k++)
                any |= row[k] != NULL;
            if (!any)
                continue;
            for (int m = 0; m < OR_CMP__MEASURES; m++) {
                int n = 0;
                for (int k = 0; k < nn; k++)
                    if (row[k]) {
                        counts[n] = row[k]->count[m];
                        heads[n++] = row[k]->head;
                    }
                or_cmp_pool(counts, heads, n,
                            &out->cells[cell_index(out, y, t, OR_CMP_NEIGHBOURS, m)]);
            }
        }
    if (o->c && out->nyears)
        rc = own_figures(o, out, err);
    return rc;
}

/* ---- charts and tables ---- */

int or_cmp_series_of(const or_cmp *c, or_cmp_measure m, or_cmp_type t, or_arena *a,
                     or_svg_series series[4], const char ***labels)
{
    int n = c->nyears ? c->nyears : 1;
    *labels = or_arena_calloc(a, (size_t)n, sizeof **labels);
    double *v[4];
    for (int s = 0; s < 4; s++)
        v[s] = or_arena_calloc(a, (size_t)n, sizeof *v[s]);
    static const or_cmp_series others[3] = {OR_CMP_ENGLAND, OR_CMP_REGION, OR_CMP_NEIGHBOURS};
    for (int y = 0; y < c->nyears; y++) {
        (*labels)[y] = or_cmp_year_label(a, c->years[y]);
        const or_cmp_cell *l = &c->cells[cell_index(c, y, t, OR_CMP_OWN, m)];
        if (!l->text[0])
            l = &c->cells[cell_index(c, y, t, OR_CMP_PUBLISHED, m)];
        v[0][y] = l->shown ? l->rate : NAN;
        for (int k = 0; k < 3; k++) {
            const or_cmp_cell *e = &c->cells[cell_index(c, y, t, others[k], m)];
            v[k + 1][y] = e->shown ? e->rate : NAN;
        }
    }
    int ns = 0;
    series[ns++] = (or_svg_series){c->la_label, v[0]};
    series[ns++] = (or_svg_series){"England", v[1]};
    if (c->region_name)
        series[ns++] = (or_svg_series){c->region_name, v[2]};
    if (c->nneighbours)
        series[ns++] = (or_svg_series){"Statistical neighbours (average)", v[3]};
    return ns;
}

static const char *series_heading(const or_cmp *c, int s, const char *la, or_arena *a)
{
    switch (s) {
    case OR_CMP_OWN:
        return or_arena_printf(a, "%s (onroll's records)", la);
    case OR_CMP_PUBLISHED:
        return or_arena_printf(a, "%s (published)", la);
    case OR_CMP_ENGLAND:
        return "England";
    case OR_CMP_REGION:
        return c->region_name ? c->region_name : "Region";
    default:
        return "Statistical neighbours (average)";
    }
}

void or_cmp_table(const or_cmp *c, or_cmp_measure m, or_cmp_type t, or_arena *a, or_table *out)
{
    const char *la_label = c->la_label;
    bool has[OR_CMP__SERIES] = {false};
    for (int y = 0; y < c->nyears; y++)
        for (int s = 0; s < OR_CMP__SERIES; s++)
            has[s] |= c->cells[cell_index(c, y, t, s, m)].text[0] != '\0';
    int nc = 1;
    for (int s = 0; s < OR_CMP__SERIES; s++)
        nc += has[s] + (s == OR_CMP_NEIGHBOURS && has[s]);
    const char **cols = or_arena_calloc(a, (size_t)nc, sizeof *cols);
    bool *numeric = or_arena_calloc(a, (size_t)nc, sizeof *numeric);
    int k = 0;
    cols[k++] = "Academic year";
    for (int s = 0; s < OR_CMP__SERIES; s++)
        if (has[s]) {
            numeric[k] = true;
            cols[k++] = series_heading(c, s, la_label, a);
            if (s == OR_CMP_NEIGHBOURS) {
                numeric[k] = true;
                cols[k++] = "Neighbours with figures";
            }
        }
    /* the years with any figure of this type */
    int nr = 0;
    const char **cells =
        or_arena_calloc(a, (size_t)(c->nyears ? c->nyears : 1) * (size_t)nc, sizeof *cells);
    for (int y = 0; y < c->nyears; y++) {
        bool any = false;
        for (int s = 0; s < OR_CMP__SERIES; s++)
            any |= c->cells[cell_index(c, y, t, s, m)].text[0] != '\0';
        if (!any)
            continue;
        const char **row = cells + (size_t)nr++ * (size_t)nc;
        int j = 0;
        row[j++] = or_cmp_year_label(a, c->years[y]);
        for (int s = 0; s < OR_CMP__SERIES; s++) {
            if (!has[s])
                continue;
            const or_cmp_cell *e = &c->cells[cell_index(c, y, t, s, m)];
            row[j++] = or_arena_strdup(a, e->text);
            if (s == OR_CMP_NEIGHBOURS)
                row[j++] =
                    e->text[0] ? or_arena_printf(a, "%d of %d", e->areas, c->nneighbours) : "";
        }
    }
    *out = (or_table){or_arena_printf(a, "%s, %s", measure_names[m],
                                      t == OR_CMP_TOTAL
                                          ? "all schools"
                                          : or_arena_printf(a, "%s schools", type_codes[t])),
                      nc,
                      nr,
                      cols,
                      cells,
                      numeric};
}

void or_cmp_long_table(const or_cmp *c, int t, or_arena *a, or_table *out)
{
    static const char *cols[] = {"time_period", "school_type", "measure",
                                 "area",        "area_code",   "rate",
                                 "numerator",   "denominator", "neighbours_with_figures"};
    static const bool numeric[] = {false, false, false, false, false, true, true, true, true};
    enum { NC = 9 };
    int cap = 0, nr = 0;
    const char **cells = NULL;
    for (int y = 0; y < c->nyears; y++)
        for (int ty = 0; ty < OR_CMP__TYPES; ty++) {
            if (t >= 0 && ty != t)
                continue;
            for (int m = 0; m < OR_CMP__MEASURES; m++)
                for (int s = 0; s < OR_CMP__SERIES; s++) {
                    const or_cmp_cell *e = &c->cells[cell_index(c, y, ty, s, m)];
                    if (!e->text[0])
                        continue;
                    OR_ARENA_GROW(a, cells, (size_t)(nr + 1) * NC, cap);
                    const char **row = cells + (size_t)nr++ * NC;
                    row[0] = or_arena_printf(a, "%d%02d", c->years[y], (c->years[y] + 1) % 100);
                    row[1] = type_codes[ty];
                    row[2] = measure_codes[m];
                    row[3] = s == OR_CMP_OWN
                                 ? or_arena_printf(a, "%s (onroll's records)", c->la_label)
                             : s == OR_CMP_PUBLISHED ? (c->la_name ? c->la_name : c->la_label)
                             : s == OR_CMP_ENGLAND   ? "England"
                             : s == OR_CMP_REGION    ? c->region_name
                                                     : "Statistical neighbours (average)";
                    row[4] = s == OR_CMP_ENGLAND  ? "E92000001"
                             : s == OR_CMP_REGION ? (c->region_code ? c->region_code : "")
                             : s <= OR_CMP_PUBLISHED && c->la_code
                                 ? or_arena_printf(a, "%d", c->la_code)
                                 : "";
                    row[5] = or_arena_strdup(a, e->text);
                    bool counts = s != OR_CMP_OWN && e->den > 0;
                    row[6] = counts ? or_arena_printf(a, "%lld", (long long)e->num) : "";
                    row[7] = counts ? or_arena_printf(a, "%lld", (long long)e->den) : "";
                    row[8] = s == OR_CMP_NEIGHBOURS ? or_arena_printf(a, "%d", e->areas) : "";
                }
        }
    *out = (or_table){"The local authority against England, its region and its statistical "
                      "neighbours",
                      NC,
                      nr,
                      cols,
                      cells,
                      numeric};
}
