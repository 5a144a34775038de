/* columns_dict.c - the dimensions of the columnar model (columns.h): their names, their
 * dictionaries of census codes (from codes.h where there is a code list), and how a pupil
 * snapshot or a reasons cell is encoded into small integers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"
#include "onroll/alloc.h"
#include "onroll/codes.h"
#include "onroll/labels.h"
#include "onroll/yeargroup.h"

static const char *const dim_names[OR_DIM__COUNT] = {
    [OR_DIM_LA] = "la",
    [OR_DIM_SCHOOL] = "school",
    [OR_DIM_PHASE] = "phase",
    [OR_DIM_YEAR] = "year",
    [OR_DIM_SEX] = "sex",
    [OR_DIM_ETHNICITY] = "ethnicity",
    [OR_DIM_ETHNICITY_MAJOR] = "ethnicity_major",
    [OR_DIM_FSM] = "fsm",
    [OR_DIM_FSM6] = "fsm6",
    [OR_DIM_SEN] = "sen",
    [OR_DIM_SEN_NEED] = "sen_need",
    [OR_DIM_YEAR_GROUP] = "year_group",
    [OR_DIM_AGE] = "age",
    [OR_DIM_CLA] = "cla",
    [OR_DIM_CIN] = "cin",
    [OR_DIM_EAL] = "eal",
    [OR_DIM_PLA] = "pla",
    [OR_DIM_CP] = "cp",
    [OR_DIM_YJS] = "yjs",
    [OR_DIM_SOCIAL_WORKER] = "social_worker",
    [OR_DIM_REASON] = "reason",
};

const char *or_dim_name(or_dim d)
{
    return d >= 0 && d < OR_DIM__COUNT ? dim_names[d] : "?";
}

int or_dim_parse(const char *name)
{
    for (int d = 0; d < OR_DIM__COUNT; d++)
        if (name && strcmp(dim_names[d], name) == 0)
            return d;
    return -1;
}

int cx_dict_push(or_columns *c, cx_dict *d, const char *code, const char *label)
{
    if (d->n == d->cap) { /* codes and labels side by side, at one capacity */
        int cap = d->cap;
        OR_ALLOC_GROW(d->code, d->n + 1, cap);
        OR_ALLOC_GROW(d->label, d->n + 1, d->cap);
    }
    d->code[d->n] = or_arena_strdup(&c->arena, code);
    d->label[d->n] = or_arena_strdup(&c->arena, label ? label : code);
    return d->n++;
}

int cx_dict_add(or_columns *c, cx_dict *d, const char *code, const char *label)
{
    int have = cx_dict_find(d, code);
    return have >= 0 ? have : cx_dict_push(c, d, code, label);
}

int cx_dict_find(const cx_dict *d, const char *code)
{
    for (int i = 0; i < d->n; i++)
        if (strcmp(d->code[i], code) == 0)
            return i;
    return -1;
}

/* A code list's codes in order, each once, labelled by its latest entry. */
static or_code add_codeset(or_columns *c, cx_dict *d, or_codeset cs)
{
    for (size_t i = 0; i < or_codeset_size(cs); i++) {
        const or_code_entry *e = or_codeset_at(cs, i);
        int v = cx_dict_add(c, d, e->code, e->description);
        if (v < 0)
            return OR_ENOMEM;
        if (e->valid_to == OR_DATE_NONE)
            d->label[v] = e->description;
    }
    return OR_OK;
}

static or_code add_list(or_columns *c, cx_dict *d, const char *const *pairs)
{
    for (int i = 0; pairs[i]; i += 2)
        if (cx_dict_add(c, d, pairs[i], pairs[i + 1]) < 0)
            return OR_ENOMEM;
    return OR_OK;
}

static const char *const sexes[] = {"M", "Male", "F", "Female", NULL};
static const char *const fsm[] = {"0", "Not known to be eligible for free school meals", "1",
                                  "Known to be eligible for free school meals", NULL};
static const char *const fsm6[] = {"0", "Not eligible for free school meals in the last 6 years",
                                   "1", "Eligible for free school meals in the last 6 years",
                                   "x", "Not recorded",
                                   NULL};
static const char *const cla[] = {"0", "Not looked after", "1", "Looked after",
                                  "x", "Not recorded",     NULL};
static const char *const cin[] = {"0", "Not a child in need", "1", "Child in need",
                                  "x", "Not recorded",        NULL};
static const char *const phases[] = {"nursery",     "Nursery",
                                     "primary",     "Primary",
                                     "secondary",   "Secondary",
                                     "all-through", "All-through",
                                     "special",     "Special",
                                     "ap",          "Alternative provision",
                                     "pru",         "Pupil referral unit",
                                     NULL};

/* Index of an entry in its code list (entries are the list's own array). */
static int entry_index(or_codeset cs, const or_code_entry *e)
{
    return e ? (int)(e - or_codeset_at(cs, 0)) : -1;
}

or_code cx_dicts_init(or_columns *c, or_error *err)
{
    cx_dict *d = c->dict;
    or_code rc = OR_OK;
    if (!rc)
        rc = add_list(c, &d[OR_DIM_SEX], sexes);
    if (!rc)
        rc = add_list(c, &d[OR_DIM_FSM], fsm);
    if (!rc)
        rc = add_list(c, &d[OR_DIM_FSM6], fsm6);
    if (!rc)
        rc = add_list(c, &d[OR_DIM_CLA], cla);
    if (!rc)
        rc = add_list(c, &d[OR_DIM_CIN], cin);
    if (!rc)
        rc = add_list(c, &d[OR_DIM_PHASE], phases);
    /* the flags' values in the order 0, 1, x, named by the one label table (labels.h) */
    static const or_dim flags[] = {OR_DIM_EAL, OR_DIM_PLA, OR_DIM_CP, OR_DIM_YJS,
                                   OR_DIM_SOCIAL_WORKER};
    static const char *const values[] = {"0", "1", "x"};
    for (size_t f = 0; !rc && f < sizeof flags / sizeof flags[0]; f++)
        for (int v = 0; !rc && v < (flags[f] == OR_DIM_SOCIAL_WORKER ? 2 : 3); v++)
            if (cx_dict_add(c, &d[flags[f]], values[v],
                            or_label_flag(or_dim_name(flags[f]), values[v])) < 0)
                rc = OR_ENOMEM;
    /* SEN provision: N, K, E in the list's order (the older A, P, Q, S follow, unused) */
    if (!rc)
        rc = add_codeset(c, &d[OR_DIM_SEN], OR_CS_SEN_PROVISION);
    if (!rc)
        rc = add_codeset(c, &d[OR_DIM_SEN_NEED], OR_CS_SEN_NEED);
    if (!rc && cx_dict_add(c, &d[OR_DIM_SEN_NEED], "x", "Not recorded") < 0)
        rc = OR_ENOMEM;
    if (!rc)
        rc = add_codeset(c, &d[OR_DIM_REASON], OR_CS_EXCL_REASON);
    /* year groups N1 .. 14 then X: value = year group + 2 */
    for (int yg = CX_YG_MIN; !rc && yg <= CX_YG_MAX + 1; yg++) {
        char code[16];
        if (yg > CX_YG_MAX)
            snprintf(code, sizeof code, "X");
        else if (yg < 0)
            snprintf(code, sizeof code, "N%d", yg + 3);
        else if (yg == 0)
            snprintf(code, sizeof code, "R");
        else
            snprintf(code, sizeof code, "%d", yg);
        const or_code_entry *e = or_code_find(OR_CS_YEAR_GROUP, code, OR_DATE_NONE);
        if (cx_dict_add(c, &d[OR_DIM_YEAR_GROUP], code, e ? e->description : code) < 0)
            rc = OR_ENOMEM;
    }
    for (int age = CX_AGE_MIN; !rc && age <= CX_AGE_MAX; age++) {
        char code[8], label[32];
        snprintf(code, sizeof code, "%d", age);
        snprintf(label, sizeof label, "Age %d%s", age,
                 age == CX_AGE_MIN   ? " and under"
                 : age == CX_AGE_MAX ? " and over"
                                     : "");
        if (cx_dict_add(c, &d[OR_DIM_AGE], code, label) < 0)
            rc = OR_ENOMEM;
    }
    /* ethnicity: main codes (an entry that is its own group), then each entry's major group */
    size_t neth = or_codeset_size(OR_CS_ETHNICITY);
    c->eth_main = calloc(neth + 1, sizeof *c->eth_main);
    c->eth_major = calloc(neth + 1, sizeof *c->eth_major);
    if (!c->eth_main || !c->eth_major)
        rc = OR_ENOMEM;
    for (size_t i = 0; !rc && i < neth; i++) {
        const or_code_entry *e = or_codeset_at(OR_CS_ETHNICITY, i);
        if (e->group && strcmp(e->group, e->code) == 0 &&
            cx_dict_add(c, &d[OR_DIM_ETHNICITY], e->code, or_label_ethnicity(e->code)) < 0)
            rc = OR_ENOMEM;
    }
    for (size_t i = 0; !rc && i < neth; i++) {
        const or_code_entry *e = or_codeset_at(OR_CS_ETHNICITY, i);
        const char *main = e->group ? e->group : e->code;
        int v = cx_dict_add(c, &d[OR_DIM_ETHNICITY], main, or_label_ethnicity(main));
        int m = cx_dict_add(c, &d[OR_DIM_ETHNICITY_MAJOR], e->major ? e->major : "x",
                            or_label_ethnicity_major(e->major ? e->major : "x"));
        if (v < 0 || m < 0)
            rc = OR_ENOMEM;
        else {
            c->eth_main[i] = (int16_t)v;
            c->eth_major[i] = (int16_t)m;
        }
    }
    size_t nneed = or_codeset_size(OR_CS_SEN_NEED);
    c->need_value = calloc(nneed + 1, sizeof *c->need_value);
    if (!c->need_value)
        rc = OR_ENOMEM;
    for (size_t i = 0; !rc && i < nneed; i++)
        c->need_value[i] =
            (int16_t)cx_dict_find(&d[OR_DIM_SEN_NEED], or_codeset_at(OR_CS_SEN_NEED, i)->code);
    int nyears = CX_YEAR_MAX - CX_YEAR_MIN;
    c->year_code = or_arena_alloc(&c->arena, (size_t)nyears * sizeof *c->year_code);
    c->year_label = or_arena_alloc(&c->arena, (size_t)nyears * sizeof *c->year_label);
    for (int y = 0; !rc && y < nyears; y++) {
        int ay = CX_YEAR_MIN + y;
        c->year_code[y] = or_arena_printf(&c->arena, "%d", or_time_period(ay));
        c->year_label[y] = or_arena_printf(&c->arena, "%d/%02d", ay, (ay + 1) % 100);
    }
    if (rc)
        return or_fail(err, rc, "out of memory building the columnar model's dictionaries");
    return OR_OK;
}

/* A code's value through a small cache in front of or_code_find (a few codes, millions of
 * rows). */
static int cached_entry(or_strmap *cache, or_codeset cs, const char *code)
{
    void *v = or_strmap_get(cache, code);
    if (v)
        return (int)(intptr_t)v - 1;
    int i = entry_index(cs, or_code_find(cs, code, OR_DATE_NONE));
    or_strmap_put(cache, code)->value = (void *)(intptr_t)(i + 1);
    return i;
}

static uint8_t flag3(const or_value *v)
{
    return v->null ? 2 : (uint8_t)(v->i != 0);
}

void cx_encode_snapshot(or_columns *c, int i, const or_value *row)
{
    uint8_t *const *s = c->s_dim;
    s[CX_S_SEX][i] = row[OR_PU_SEX].s && row[OR_PU_SEX].s[0] == 'F';
    int e = row[OR_PU_ETHNICITY].s
                ? cached_entry(&c->eth_cache, OR_CS_ETHNICITY, row[OR_PU_ETHNICITY].s)
                : -1;
    if (e < 0) { /* not a census code: counted under its own value */
        const char *code = row[OR_PU_ETHNICITY].s ? row[OR_PU_ETHNICITY].s : "x";
        s[CX_S_ETH][i] = (uint8_t)cx_dict_add(c, &c->dict[OR_DIM_ETHNICITY], code, code);
        s[CX_S_ETH_MAJOR][i] =
            (uint8_t)cx_dict_add(c, &c->dict[OR_DIM_ETHNICITY_MAJOR], "x", "Not recorded");
    } else {
        s[CX_S_ETH][i] = (uint8_t)c->eth_main[e];
        s[CX_S_ETH_MAJOR][i] = (uint8_t)c->eth_major[e];
    }
    s[CX_S_FSM][i] = row[OR_PU_FSM].i != 0;
    s[CX_S_FSM6][i] = flag3(&row[OR_PU_FSM6]);
    const char *sen = row[OR_PU_SEN].s ? row[OR_PU_SEN].s : "N";
    int sv = cx_dict_find(&c->dict[OR_DIM_SEN], sen);
    s[CX_S_SEN][i] = (uint8_t)(sv < 0 ? 0 : sv);
    int need = -1;
    if (!row[OR_PU_SEN_NEED].null && row[OR_PU_SEN_NEED].s) {
        int n = cached_entry(&c->need_cache, OR_CS_SEN_NEED, row[OR_PU_SEN_NEED].s);
        need = n < 0 ? -1 : c->need_value[n];
    }
    s[CX_S_SEN_NEED][i] = (uint8_t)(need < 0 ? cx_dict_find(&c->dict[OR_DIM_SEN_NEED], "x") : need);
    s[CX_S_CLA][i] = flag3(&row[OR_PU_CLA]);
    s[CX_S_CIN][i] = flag3(&row[OR_PU_CIN]);
    s[CX_S_EAL][i] = flag3(&row[OR_PU_EAL]);
    s[CX_S_PLA][i] = flag3(&row[OR_PU_PLA]);
    s[CX_S_CP][i] = flag3(&row[OR_PU_CP]);
    s[CX_S_YJS][i] = flag3(&row[OR_PU_YJS]);
    s[CX_S_SW][i] = !row[OR_PU_SOCIAL_WORKER_SINCE].null || s[CX_S_CIN][i] == 1 ||
                    s[CX_S_CP][i] == 1 || s[CX_S_CLA][i] == 1;

    /* age on 31 August of ay = ay - k, k = year of birth (+1 if born September-December) */
    int by = 2000, bm = 1, bd = 1;
    if (!row[OR_PU_DOB].null)
        or_date_to_ymd((or_date)row[OR_PU_DOB].i, &by, &bm, &bd);
    int k = by + (bm >= 9);
    c->s_age_k[i] = (int16_t)k;
    /* year group in ay = base + ay: the one rule of yeargroup.h (the age's, or a recorded
     * out-of-age one rolled forward) */
    int b = or_yg_base(row[OR_PU_DOB].null ? OR_DATE_NONE : (or_date)row[OR_PU_DOB].i,
                       row[OR_PU_AS_OF].null ? OR_DATE_NONE : (or_date)row[OR_PU_AS_OF].i,
                       row[OR_PU_YEAR_GROUP].null ? NULL : row[OR_PU_YEAR_GROUP].s);
    c->s_yg_b[i] = b == OR_YG_X      ? CX_YG_X
                   : b == OR_YG_NONE ? (int16_t)(-k - 4) /* Reception at 4 */
                                     : (int16_t)b;
}

void cx_encode_reasons(or_columns *c, const char *reasons, uint8_t out[3])
{
    out[0] = out[1] = out[2] = CX_NONE8;
    if (!reasons)
        return;
    int n = 0;
    const char *p = reasons;
    while (*p && n < 3) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        char code[16];
        if (len > 0 && len < sizeof code) {
            memcpy(code, p, len);
            code[len] = '\0';
            int v = cx_dict_add(c, &c->dict[OR_DIM_REASON], code, code);
            bool dup = false;
            for (int j = 0; j < n; j++)
                dup |= out[j] == v;
            if (v >= 0 && v < CX_NONE8 && !dup)
                out[n++] = (uint8_t)v;
        }
        if (!semi)
            break;
        p = semi + 1;
    }
}

int cx_dim_size(const or_columns *c, or_dim d, int ay_first, int ay_last)
{
    switch (d) {
    case OR_DIM_YEAR:
        return ay_last - ay_first + 1;
    case OR_DIM_SCHOOL:
        return c->nsch;
    default:
        return c->dict[d].n;
    }
}

static const char *year_string(const or_columns *c, int ay, bool label)
{
    if (ay < CX_YEAR_MIN || ay >= CX_YEAR_MAX)
        return "?";
    const char **tab = label ? c->year_label : c->year_code;
    return tab ? tab[ay - CX_YEAR_MIN] : "?";
}

/* The code or label of value v of a grouping's axis ("Total" past its last value). */
static const char *group_string(const or_columns *c, const or_group_result *r, int axis, int v,
                                bool label)
{
    if (axis < 0 || axis >= r->ndims || v < 0 || v > r->size[axis])
        return NULL;
    if (v == r->size[axis])
        return "Total";
    if (r->dims[axis] == OR_DIM_YEAR)
        return year_string(c, r->ay_first + v, label);
    const cx_dict *d = &c->dict[r->dims[axis]];
    return label ? d->label[v] : d->code[v];
}

const char *or_group_code(const or_columns *c, const or_group_result *r, int axis, int v)
{
    return group_string(c, r, axis, v, false);
}

const char *or_group_label(const or_columns *c, const or_group_result *r, int axis, int v)
{
    return group_string(c, r, axis, v, true);
}
