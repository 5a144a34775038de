/* demo_roll.c - who is on which school's roll, year by year, and the suspension calibration.
 *
 * The first year starts with every school full (pupils who joined in earlier years, most at
 * the school's entry year group). Each later year moves everyone up a year group: Year 6 go to
 * a secondary, nursery children to a primary, some Year 11 stay on for sixth form, some pupils
 * in alternative provision return to mainstream, and places left empty are filled by new
 * pupils; more join during the year. The calibration sets the suspension intensities of the
 * year so that the rates per 100 pupils on roll on the spring census day follow the national
 * 2016/17 pattern by sex, FSM and SEN provision (DfE, SFR35/2017): see dm_calibrate. */
#include <math.h>
#include <stdlib.h>

#include "demo/demo_internal.h"

static bool open_on(const dm_enrol *e, or_date d)
{
    return e->start <= d && (e->end == OR_DATE_NONE || e->end >= d);
}

static bool mainstream(const dm_school *s)
{
    return s->phase == DM_PRIMARY || s->phase == DM_SECONDARY || s->phase == DM_ALL_THROUGH;
}

static bool alternative(const dm_school *s)
{
    return s->phase == DM_AP || s->phase == DM_PRU;
}

/* ---- the first year ---- */

static or_date random_weekday(dm_rng *r, or_date from, or_date to)
{
    or_date d = from + dm_below(r, to - from + 1);
    while (or_date_is_weekend(d))
        d++;
    return d;
}

/* The year group a pupil now in year group yg joined this school in. */
static int entry_yg(dm_rng *r, const dm_school *s, int yg)
{
    if (alternative(s))
        return yg - dm_below(r, 2);
    if (yg >= 12 && s->lo < 12)
        return dm_chance(r, 0.6) ? (s->lo > 7 ? s->lo : 7) : 12;
    if (yg == s->lo || dm_chance(r, 0.85))
        return s->lo;
    return dm_range(r, s->lo + 1, yg);
}

static void first_year_pupil(dm_gen *g, int si, int yg)
{
    dm_rng *r = &g->rng;
    const dm_school *s = &g->schools[si];
    int e_yg = entry_yg(r, s, yg), ey = g->ay0 - (yg - e_yg);
    dm_year y;
    dm_year_dates(ey, &y);
    bool at_start = ey == g->ay0 || (!alternative(s) && dm_chance(r, 0.9));
    or_date entry = at_start ? y.aut_start : random_weekday(r, y.aut_start + 7, y.sum_end - 7);
    int p = dm_new_pupil(g, si, e_yg, entry);
    dm_enrol_add(g, p, si, entry, false);
}

void dm_roll_first_year(dm_gen *g)
{
    for (int si = 0; si < g->nschools; si++) {
        const dm_school *s = &g->schools[si];
        for (int yg = s->lo; yg <= s->hi; yg++)
            for (int n = 0; n < s->target[yg - DM_YG_MIN]; n++)
                first_year_pupil(g, si, yg);
    }
}

/* ---- a new year ---- */

/* A school with room in year group yg for a pupil moving on (mainstream only), by places
 * still free; -1 if there is no such school. */
static int choose_school(dm_gen *g, int yg, bool sixth)
{
    int w[1000], ids[1000], n = 0, any = 0;
    for (int si = 0; si < g->nschools && n < 1000; si++) {
        const dm_school *s = &g->schools[si];
        if (!mainstream(s) || yg < s->lo || yg > s->hi || (sixth && s->hi < 13))
            continue;
        int free = s->target[yg - DM_YG_MIN] - s->roll[yg - DM_YG_MIN];
        ids[n] = si;
        w[n] = free > 0 ? free : 0;
        any += w[n];
        n++;
    }
    if (n == 0)
        return -1;
    if (any == 0)
        for (int i = 0; i < n; i++)
            w[i] = g->schools[ids[i]].target[yg - DM_YG_MIN];
    return ids[dm_pick(&g->rng, w, n)];
}

static void place(dm_gen *g, int pupil, int yg, bool sixth, or_date start)
{
    int si = choose_school(g, yg, sixth);
    if (si < 0)
        return;
    if (dm_enrol_add(g, pupil, si, start, false) >= 0)
        g->schools[si].roll[yg - DM_YG_MIN]++;
}

/* Move one pupil on at the end of the year: stay, leave, or go to another school. */
static void move_on(dm_gen *g, int pupil, or_date last, or_date first, int ay)
{
    dm_rng *r = &g->rng;
    dm_pupil *p = &g->pupils[pupil];
    int e = p->cur, yg = dm_yg_of(p, ay);
    dm_school *s = &g->schools[g->enrols[e].school];
    if (alternative(s) && (yg < s->lo || (yg <= 10 && dm_chance(r, 0.4)))) {
        dm_enrol_end(g, e, last, DM_LEFT_MAINSTREAM);
        place(g, pupil, yg, false, first);
        return;
    }
    if (yg >= s->lo && yg <= s->hi && !(yg == 12 && s->lo < 12 && !dm_chance(r, 0.55))) {
        s->roll[yg - DM_YG_MIN]++;
        return;
    }
    if (yg == 0 || yg == 7) {
        bool stays = dm_chance(r, yg == 0 ? 0.95 : 0.86);
        dm_enrol_end(g, e, last,
                     stays ? (yg == 0 ? DM_LEFT_PRIMARY : DM_LEFT_SECONDARY)
                           : (yg == 7 && dm_chance(r, 0.5) ? DM_LEFT_INDEPENDENT : DM_LEFT_LA));
        if (stays)
            place(g, pupil, yg, false, first);
    } else if (yg == 12) {
        bool sixth = dm_chance(r, 0.35);
        dm_enrol_end(g, e, last, sixth ? DM_LEFT_SIXTH_ELSEWHERE : DM_LEFT_KS4);
        if (sixth)
            place(g, pupil, yg, true, first);
    } else {
        dm_enrol_end(g, e, last, yg >= 13 ? DM_LEFT_SIXTH : DM_LEFT_LA);
    }
}

/* Share of the places still empty at the start of the year that new pupils fill at once. */
static double fill_share(const dm_school *s, int yg)
{
    if (alternative(s))
        return 0.3;
    if (yg == s->lo || yg == 7 || yg == 12)
        return 1.0;
    return 0.3;
}

static void fill_places(dm_gen *g, or_date first)
{
    for (int si = 0; si < g->nschools; si++) {
        dm_school *s = &g->schools[si];
        for (int yg = s->lo; yg <= s->hi; yg++) {
            int i = yg - DM_YG_MIN;
            int n = (int)floor((s->target[i] - s->roll[i]) * fill_share(s, yg) + 0.5);
            for (int k = 0; k < n; k++) {
                int p = dm_new_pupil(g, si, yg, first);
                dm_enrol_add(g, p, si, first, false);
                s->roll[i]++;
            }
        }
    }
}

void dm_roll_new_year(dm_gen *g, int ay)
{
    dm_year prev, y;
    dm_year_dates(ay - 1, &prev);
    dm_year_dates(ay, &y);
    for (int si = 0; si < g->nschools; si++)
        for (int i = 0; i < DM_NYG; i++)
            g->schools[si].roll[i] = 0;
    size_t n = g->npupils;
    for (size_t i = 0; i < n; i++)
        if (g->pupils[i].cur >= 0)
            move_on(g, (int)i, prev.sum_end, y.aut_start, ay);
    if (y.aut_start <= g->p.as_of)
        fill_places(g, y.aut_start);
}

/* ---- joiners during the year ---- */

static double join_rate(const dm_school *s)
{
    static const double rate[DM_NPHASE] = {0.04, 0.02, 0.015, 0.015, 0.015, 0, 0};
    return rate[s->phase];
}

static void school_joiners(dm_gen *g, int si, const dm_year *y, or_date to)
{
    dm_rng *r = &g->rng;
    const dm_school *s = &g->schools[si];
    or_date from = y->aut_start + 7;
    if (to < from)
        return;
    int w[DM_NYG], places = 0;
    for (int i = 0; i < DM_NYG; i++)
        places += w[i] = s->target[i];
    double frac = (double)(to - from) / (double)(y->sum_end - 5 - from);
    int n = dm_poisson(r, places * join_rate(s) * frac);
    for (int k = 0; k < n; k++) {
        int yg = dm_pick(r, w, DM_NYG) + DM_YG_MIN;
        or_date d = or_cal_next_school_day(s->cal, from + dm_below(r, to - from + 1));
        if (d == OR_DATE_NONE || d > to)
            continue;
        int p = dm_new_pupil(g, si, yg, d);
        dm_enrol_add(g, p, si, d, false);
    }
}

void dm_roll_joiners(dm_gen *g, int ay)
{
    dm_year y;
    dm_year_dates(ay, &y);
    or_date to = y.sum_end - 5 < g->p.as_of ? y.sum_end - 5 : g->p.as_of;
    for (int si = 0; si < g->nschools; si++)
        school_joiners(g, si, &y, to);
}

/* ---- suspension intensity ---- */

/* Relative suspension intensity by year group: rising steeply at secondary transfer, highest
 * in Years 9-10, low in the sixth form (DfE national tables by age). */
static double age_factor(int yg)
{
    static const double f[DM_NYG] = {0,   0,   0.15, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7,
                                     4.0, 6.0, 7.0,  7.0,  5.0, 1.0, 0.8, 0.8};
    return yg >= DM_YG_MIN && yg <= DM_YG_MAX ? f[yg - DM_YG_MIN] : 0;
}

static double phase_factor(dm_phase ph)
{
    static const double f[DM_NPHASE] = {0, 1, 1, 1, 1.5, 2, 2.5};
    return f[ph];
}

static double base_intensity(const dm_pupil *p, const dm_school *s, int yg, const dm_chars *c)
{
    double other =
        (c->cla ? 1.8 : 1) * (c->cin || c->cp ? 1.6 : 1) * (c->yjs ? 2.0 : 1) * (c->eal ? 0.85 : 1);
    return age_factor(yg) * phase_factor(s->phase) * s->susp * dm_ethnicities[c->eth].susp * other *
           p->prop;
}

/* National 2016/17 suspension (fixed-period exclusion) rates per 100 pupils. */
static const double nat_sex[2] = {6.91, 2.53}; /* M, F */
static const double nat_fsm[2] = {3.50, 12.54};
static const double nat_sen[3] = {3.06, 14.76, 15.94};
#define NAT_ALL 4.76

/* The census-day population of a year: each pupil's groups and base intensity. */
typedef struct {
    uint8_t v[3]; /* sex (0 M, 1 F), fsm, sen */
    double w;
} census_pupil;

typedef struct {
    census_pupil *p;
    size_t n;
    double count[3][3]; /* pupils by dimension and value */
} census_pop;

static double rate_of(const double *shares, const double *nat, int k)
{
    double r = 0;
    for (int i = 0; i < k; i++)
        r += shares[i] * nat[i];
    return r;
}

static double capped(const double m[3][3], const census_pupil *q)
{
    double l = m[0][q->v[0]] * m[1][q->v[1]] * m[2][q->v[2]] * q->w;
    return l < DM_MAX_RATE ? l : DM_MAX_RATE;
}

/* One raking step for dimension dim (0 sex, 1 fsm, 2 sen): scale m[dim][v] so that group v's
 * expected rate (with each pupil's intensity capped as the simulation caps it) is target[v]. */
static void rake(const census_pop *c, double m[3][3], int dim, const double *target, int k)
{
    double num[3] = {0, 0, 0};
    for (size_t i = 0; i < c->n; i++)
        num[c->p[i].v[dim]] += capped(m, &c->p[i]);
    for (int v = 0; v < k; v++)
        if (num[v] > 0)
            m[dim][v] *= target[v] * c->count[dim][v] / num[v];
}

static void census_collect(dm_gen *g, int ay, or_date day, census_pop *c)
{
    c->p = malloc(sizeof *c->p * (g->npupils ? g->npupils : 1));
    if (!c->p)
        abort();
    for (size_t i = 0; i < g->npupils; i++) {
        const dm_pupil *p = &g->pupils[i];
        if (p->cur < 0 || !open_on(&g->enrols[p->cur], day))
            continue;
        const dm_school *s = &g->schools[g->enrols[p->cur].school];
        const dm_chars *ch = dm_chars_on(p, day);
        census_pupil *q = &c->p[c->n++];
        q->v[0] = ch->sex == 'M' ? 0 : 1;
        q->v[1] = ch->fsm;
        q->v[2] = ch->sen;
        q->w = base_intensity(p, s, dm_yg_of(p, ay), ch);
        for (int d = 0; d < 3; d++)
            c->count[d][q->v[d]]++;
    }
}

double dm_intensity(const dm_gen *g, const dm_pupil *p, const dm_school *s, int yg,
                    const dm_chars *c)
{
    double l = base_intensity(p, s, yg, c) * g->rates.sex[c->sex == 'M' ? 0 : 1] *
               g->rates.fsm[c->fsm] * g->rates.sen[c->sen];
    return l < DM_MAX_RATE ? l : DM_MAX_RATE;
}

/* Mean expected suspensions of secondary pupils: relative risks of other events use it. */
static double secondary_mean(const dm_gen *g, int ay, or_date census)
{
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < g->npupils; i++) {
        const dm_pupil *p = &g->pupils[i];
        if (p->cur < 0 || !open_on(&g->enrols[p->cur], census))
            continue;
        const dm_school *s = &g->schools[g->enrols[p->cur].school];
        if (s->phase != DM_SECONDARY)
            continue;
        sum += dm_intensity(g, p, s, dm_yg_of(p, ay), dm_chars_on(p, census));
        n++;
    }
    return n > 0 && sum > 0 ? sum / n : 0.1;
}

/* The group rates to aim at: national rates, scaled per dimension to one overall rate. */
static void targets(const census_pop *c, double t[3][3])
{
    static const double *const nat[3] = {nat_sex, nat_fsm, nat_sen};
    static const int k[3] = {2, 2, 3};
    double total = c->n ? (double)c->n : 1, implied[3];
    double lo = NAT_ALL, hi = NAT_ALL;
    for (int d = 0; d < 3; d++) {
        double shares[3];
        for (int v = 0; v < k[d]; v++)
            shares[v] = c->count[d][v] / total;
        implied[d] = rate_of(shares, nat[d], k[d]);
        lo = implied[d] < lo ? implied[d] : lo;
        hi = implied[d] > hi ? implied[d] : hi;
    }
    double overall = 2.0 / (1.0 / lo + 1.0 / hi);
    for (int d = 0; d < 3; d++)
        for (int v = 0; v < k[d]; v++)
            t[d][v] = nat[d][v] * overall / implied[d] / 100.0;
}

/* Expected suspensions per pupil-year = base intensity x sex x FSM x SEN multipliers, raked so
 * that each group's rate is the national one times a factor per dimension. The LA's mix (more
 * FSM and SEN than England) makes the national margins disagree about the overall rate; the
 * overall rate is set half-way (harmonically) between the lowest and highest they imply, which
 * keeps every group within the same relative distance of its national rate. */
void dm_calibrate(dm_gen *g, int ay)
{
    dm_year y;
    dm_year_dates(ay, &y);
    census_pop c = {0};
    census_collect(g, ay, y.census, &c);
    double t[3][3], m[3][3] = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    targets(&c, t);
    for (int it = 0; it < 40; it++)
        for (int d = 0; d < 3; d++)
            rake(&c, m, d, t[d], d == 2 ? 3 : 2);
    free(c.p);
    for (int v = 0; v < 3; v++) {
        if (v < 2) {
            g->rates.sex[v] = m[0][v];
            g->rates.fsm[v] = m[1][v];
        }
        g->rates.sen[v] = m[2][v];
    }
    g->rates.sec_mean = secondary_mean(g, ay, y.census);
}
