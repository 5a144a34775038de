/* demo_pupils.c - one synthetic pupil: UPN, name, date of birth, characteristics drawn
 * independently of each other (sex, ethnicity, FSM, SEN, EAL, social care, youth justice),
 * a persistent suspension propensity and absence propensity, and for about one pupil in ten a
 * second snapshot in which FSM, SEN or looked-after status changes. Also the enrolment helpers
 * every other step uses. */
#include <stdlib.h>

#include "demo/demo_internal.h"
#include "onroll/upn.h"

#define FSM_SHARE       0.20  /* eligible for free school meals */
#define SEN_K_SHARE     0.13  /* SEN support, mainstream */
#define SEN_E_SHARE     0.025 /* EHC plan, mainstream (special schools: nearly all) */
#define PROP_SHAPE      0.16  /* gamma shape of the suspension propensity: repeat suspensions */
#define SECOND_SNAPSHOT 0.10

/* Write v as exactly n decimal digits. */
static char *digits(char *p, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

/* Permanent UPN: check letter, LA (3), establishment (4), year of allocation (2), serial (3). */
static void make_upn(dm_gen *g, int school, or_date entry, char out[14])
{
    int y, m, d;
    or_date_to_ymd(entry, &y, &m, &d);
    int *serial = &g->upn_serial[school * 100], yy = y % 100, n = 0;
    for (int k = 0; k < 100; k++) {
        int b = (y + k) % 100;
        if (serial[b] < 1000) {
            yy = b;
            n = serial[b]++;
            break;
        }
    }
    char *q = out + 1;
    q = digits(q, (unsigned)g->p.la_code, 3);
    q = digits(q, (unsigned)(g->schools[school].laestab % 10000), 4);
    q = digits(q, (unsigned)yy, 2);
    q = digits(q, (unsigned)n, 3);
    *q = '\0';
    out[0] = 'A';
    out[0] = or_upn_check_letter(out);
}

static int pick_weighted(dm_rng *r, const dm_weighted *w, int n)
{
    int weights[32];
    for (int i = 0; i < n && i < 32; i++)
        weights[i] = w[i].weight;
    return dm_pick(r, weights, n < 32 ? n : 32);
}

static int pick_ethnicity(dm_rng *r)
{
    int weights[32];
    for (int i = 0; i < dm_nethnicities; i++)
        weights[i] = dm_ethnicities[i].weight;
    return dm_pick(r, weights, dm_nethnicities);
}

static void draw_sen(dm_rng *r, dm_phase ph, dm_chars *c)
{
    double k = SEN_K_SHARE, e = SEN_E_SHARE;
    if (ph == DM_SPECIAL)
        k = 0.04, e = 0.95;
    else if (ph == DM_AP || ph == DM_PRU)
        k = 0.40, e = 0.12;
    else if (ph == DM_NURSERY)
        k = 0.05, e = 0.01;
    double u = dm_unif(r);
    c->sen = u < e ? DM_SEN_E : u < e + k ? DM_SEN_K : DM_SEN_N;
    c->need = 0;
    if (c->sen == DM_SEN_K)
        c->need = (uint8_t)pick_weighted(r, dm_needs_k, dm_nneeds_k);
    else if (c->sen == DM_SEN_E)
        c->need = (uint8_t)pick_weighted(r, dm_needs_e, dm_nneeds_e);
}

static void draw_care(dm_rng *r, or_date as_of, or_date dob, dm_chars *c)
{
    c->cla = dm_chance(r, 0.007);
    c->cp = !c->cla && dm_chance(r, 0.005);
    c->cin = c->cp || (!c->cla && dm_chance(r, 0.025));
    c->pla = !c->cla && dm_chance(r, 0.004);
    c->sw_since = OR_DATE_NONE;
    if (c->cla || c->cin) {
        or_date since = as_of - dm_range(r, 20, 1000);
        c->sw_since = since > dob + 30 ? since : dob + 30;
    }
}

static void draw_chars(dm_gen *g, dm_phase ph, or_date as_of, or_date dob, dm_chars *c)
{
    dm_rng *r = &g->rng;
    c->sex = dm_chance(r, 0.51) ? 'M' : 'F';
    c->eth = (uint8_t)pick_ethnicity(r);
    c->fsm = dm_chance(r, FSM_SHARE);
    c->fsm6 = c->fsm || dm_chance(r, 0.12);
    draw_sen(r, ph, c);
    c->eal = dm_chance(r, dm_ethnicities[c->eth].eal_pct / 100.0);
    draw_care(r, as_of, dob, c);
    c->yjs = or_age_on(dob, as_of) >= 12 && dm_chance(r, 0.01);
}

/* Which change the second snapshot records: only changes that can happen to this pupil. */
static void change_chars(dm_rng *r, dm_chars *c, or_date when)
{
    int w[6] = {c->fsm ? 0 : 25,
                c->fsm ? 20 : 0,
                c->sen < DM_SEN_E ? 30 : 0,
                c->sen == DM_SEN_K ? 8 : 0,
                c->cla ? 0 : 2,
                c->cin || c->cla ? 0 : 4};
    switch (dm_pick(r, w, 6)) {
    case 0:
        c->fsm = c->fsm6 = 1;
        break;
    case 1:
        c->fsm = 0;
        break;
    case 2:
        c->sen++;
        c->need = (uint8_t)(c->sen == DM_SEN_K ? pick_weighted(r, dm_needs_k, dm_nneeds_k)
                                               : pick_weighted(r, dm_needs_e, dm_nneeds_e));
        break;
    case 3:
        c->sen = DM_SEN_N;
        c->need = 0;
        break;
    case 4:
        c->cla = 1;
        c->cin = c->cp = 0;
        if (c->sw_since == OR_DATE_NONE)
            c->sw_since = when - dm_range(r, 5, 60);
        break;
    default:
        c->cin = 1;
        c->sw_since = when - dm_range(r, 5, 60);
        break;
    }
}

static void second_snapshot(dm_gen *g, dm_pupil *p)
{
    dm_rng *r = &g->rng;
    or_date from = p->as_of1 + 60, first = or_date_academic_year_start(g->ay0) + 31;
    if (from < first)
        from = first;
    p->as_of2 = OR_DATE_NONE;
    if (from > g->p.as_of || !dm_chance(r, SECOND_SNAPSHOT))
        return;
    p->as_of2 = from + dm_below(r, g->p.as_of - from + 1);
    p->c2 = p->c1;
    change_chars(r, &p->c2, p->as_of2);
}

static void draw_names(dm_rng *r, dm_pupil *p)
{
    const dm_ethnicity *e = &dm_ethnicities[p->c1.eth];
    int origin = e->names[dm_below(r, 2)];
    p->forename = dm_forename(r, origin, p->c1.sex);
    p->surname = dm_surname(r, e->mixed ? e->names[dm_below(r, 2)] : origin);
}

int dm_new_pupil(dm_gen *g, int school, int yg, or_date entry)
{
    OR_ALLOC_GROW(g->pupils, g->npupils + 1, g->cap_pupils);
    int idx = (int)g->npupils++;
    dm_pupil *p = &g->pupils[idx];
    dm_rng *r = &g->rng;
    p->cohort = or_date_academic_year(entry) - yg;
    or_date born_from = or_date_from_ymd(p->cohort - 5, 9, 1);
    or_date born_to = or_date_from_ymd(p->cohort - 4, 8, 31);
    p->dob = born_from + dm_below(r, born_to - born_from + 1);
    /* the first snapshot: when the pupil joined, or the start of the data for those on roll */
    dm_year y0;
    dm_year_dates(g->ay0, &y0);
    p->as_of1 = entry > y0.aut_start ? entry : y0.aut_start;
    draw_chars(g, g->schools[school].phase, p->as_of1, p->dob, &p->c1);
    draw_names(r, p);
    make_upn(g, school, entry, p->upn);
    p->yjs_since = p->c1.yjs ? p->as_of1 - dm_range(r, 30, 500) : OR_DATE_NONE;
    p->prop = (float)(dm_gamma(r, PROP_SHAPE) / PROP_SHAPE);
    p->absz = (float)dm_normal(r);
    p->late = (float)(0.005 + 0.06 * dm_unif(r) * dm_unif(r));
    p->cur = -1;
    p->cap_ay = 0;
    p->cap_used = 0;
    p->left = OR_DATE_NONE;
    second_snapshot(g, p);
    return idx;
}

const dm_chars *dm_chars_on(const dm_pupil *p, or_date d)
{
    return p->as_of2 != OR_DATE_NONE && d >= p->as_of2 ? &p->c2 : &p->c1;
}

int dm_yg_of(const dm_pupil *p, int ay)
{
    return ay - p->cohort;
}

int dm_enrol_add(dm_gen *g, int pupil, int school, or_date start, bool dual)
{
    dm_pupil *p = &g->pupils[pupil];
    if (start == OR_DATE_NONE || start > g->p.as_of) {
        if (!dual)
            p->cur = -1;
        return -1;
    }
    OR_ALLOC_GROW(g->enrols, g->nenrols + 1, g->cap_enrols);
    int idx = (int)g->nenrols++;
    int yg = dm_yg_of(p, or_date_academic_year(start));
    g->enrols[idx] = (dm_enrol){pupil, school, start, OR_DATE_NONE, (int8_t)yg, dual, 0};
    if (!dual) {
        p->cur = idx;
        p->left = OR_DATE_NONE;
    }
    return idx;
}

void dm_enrol_end(dm_gen *g, int e, or_date end, dm_leaving why)
{
    dm_enrol *en = &g->enrols[e];
    if (end > g->p.as_of || end < en->start)
        return; /* not known yet as of as_of */
    en->end = end;
    en->why = (uint8_t)why;
    dm_pupil *p = &g->pupils[en->pupil];
    if (!en->dual && p->cur == e) {
        p->cur = -1;
        p->left = end;
    }
}
