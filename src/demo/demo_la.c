/* demo_la.c - the synthetic LA's schools and calendars.
 *
 * Schools: the phase mix of an inner-London borough (per 80: 4 nursery, 52 primary,
 * 16 secondary, 1 all-through, 4 special, 2 alternative provision academies, 1 PRU), sized so
 * that the places add up to the pupils asked for. Calendar: each academic year has three terms
 * with half-term holidays, Christmas and Easter holidays and five INSET days, by the rules
 * London LAs use (autumn from the first weekday of September, spring term ending the Friday
 * before Holy Week, May half-term in the spring bank holiday week); bank holidays come from
 * codes.h when the calendar is built. About one school in eleven sets its own INSET days. */
#include <math.h>

#include "demo/demo_internal.h"

static const int phase_mix[DM_NPHASE] = {4, 52, 16, 1, 4, 2, 1}; /* per 80 schools */

static void phase_counts(int n, int counts[DM_NPHASE])
{
    int rem[DM_NPHASE], used = 0;
    for (int k = 0; k < DM_NPHASE; k++) {
        counts[k] = n * phase_mix[k] / 80;
        rem[k] = n * phase_mix[k] % 80;
        used += counts[k];
    }
    for (; used < n; used++) {
        int best = 0;
        for (int k = 1; k < DM_NPHASE; k++)
            if (rem[k] > rem[best])
                best = k;
        counts[best]++;
        rem[best] = -1;
    }
    static const dm_phase needed[] = {DM_PRIMARY, DM_SECONDARY, DM_PRU};
    for (int i = 0; i < 3; i++) {
        if (counts[needed[i]] > 0)
            continue;
        int most = 0;
        for (int k = 1; k < DM_NPHASE; k++)
            if (counts[k] > counts[most])
                most = k;
        counts[most]--;
        counts[needed[i]]++;
    }
}

static const char *school_type(dm_rng *r, dm_phase ph)
{
    switch (ph) {
    case DM_PRIMARY:
        return dm_chance(r, 0.3) ? "academy" : "maintained";
    case DM_SECONDARY:
        return dm_chance(r, 0.07) ? "free" : dm_chance(r, 0.65) ? "academy" : "maintained";
    case DM_ALL_THROUGH:
    case DM_AP:
        return "academy";
    default:
        return "maintained";
    }
}

/* URNs: maintained schools 100000-135999, academies and free schools 136000-149999. */
static int school_urn(int la, int i, const char *type)
{
    if (type[0] == 'm')
        return 100000 + (la * 100 + i) % 36000;
    return 136000 + (la * 131 + i * 17) % 14000;
}

static const int estab_base[DM_NPHASE] = {1000, 2000, 4000, 4600, 7000, 1100, 1150};

static void year_range(dm_school *s, int k)
{
    static const int lo[DM_NPHASE] = {-2, 0, 7, 0, 1, 7, 5};
    static const int hi[DM_NPHASE] = {-1, 6, 11, 13, 14, 11, 11};
    s->lo = lo[s->phase];
    s->hi = hi[s->phase];
    if (s->phase == DM_SECONDARY && k % 5 < 3)
        s->hi = 13; /* three secondaries in five have a sixth form */
}

/* Places per year group before scaling: forms of entry of 30. */
static double natural_places(const dm_school *s, int yg, double forms)
{
    switch (s->phase) {
    case DM_NURSERY:
        return yg == -2 ? 20 : 30;
    case DM_PRIMARY:
        return 30 * forms;
    case DM_SECONDARY:
        return yg >= 12 ? 0.55 * 30 * forms : 30 * forms;
    case DM_ALL_THROUGH:
        return yg <= 6 ? 60 : yg <= 11 ? 180 : 100;
    case DM_SPECIAL:
        return 10;
    case DM_AP:
        return 8;
    default:
        return yg <= 6 ? 2 : 10;
    }
}

static double school_forms(dm_rng *r, dm_phase ph)
{
    static const double primary[] = {1, 1.5, 2, 2, 2, 3};
    static const double secondary[] = {4, 5, 6, 6, 7, 8};
    return ph == DM_PRIMARY ? primary[dm_below(r, 6)] : secondary[dm_below(r, 6)];
}

static const char *school_name(dm_gen *g, dm_phase ph, int k, const char *type, int *faith_n,
                               int *plain_n)
{
    if (ph == DM_PRIMARY) {
        bool faith = k % 4 == 3;
        return dm_primary_name(&g->arena, faith ? (*faith_n)++ : (*plain_n)++, faith);
    }
    if (ph == DM_SECONDARY)
        return dm_secondary_name(&g->arena, k, type);
    return dm_other_school_name(&g->arena, ph, k);
}

static double susp_sigma(dm_phase ph)
{
    /* heavy-tailed between secondaries: a few issue most suspensions */
    return ph == DM_SECONDARY || ph == DM_ALL_THROUGH ? 1.0 : ph == DM_PRIMARY ? 0.6 : 0.3;
}

static void init_school(dm_gen *g, dm_school *s, dm_phase ph, int i, int k, double nat[DM_NYG],
                        int *faith_n, int *plain_n)
{
    dm_rng *r = &g->rng;
    s->phase = ph;
    s->type = school_type(r, ph);
    s->urn = school_urn(g->p.la_code, i, s->type);
    s->laestab = g->p.la_code * 10000 + estab_base[ph] + k;
    s->name = school_name(g, ph, k, s->type, faith_n, plain_n);
    year_range(s, k);
    double forms = school_forms(r, ph);
    for (int yg = s->lo; yg <= s->hi; yg++)
        nat[yg - DM_YG_MIN] = natural_places(s, yg, forms);
    s->susp = dm_lognormal_mean1(r, susp_sigma(ph));
    s->absence = dm_lognormal_mean1(r, 0.15);
    s->own_inset = i % 11 == 5;
    s->cal = &g->la_cal;
}

/* Scale every school's places so that they add up to the pupils asked for. */
static void scale_places(dm_gen *g, double (*nat)[DM_NYG])
{
    double total = 0;
    for (int i = 0; i < g->nschools; i++)
        for (int y = 0; y < DM_NYG; y++)
            total += nat[i][y];
    double f = g->p.pupils / total;
    for (int i = 0; i < g->nschools; i++)
        for (int y = 0; y < DM_NYG; y++) {
            int t = (int)floor(nat[i][y] * f + 0.5);
            g->schools[i].target[y] = nat[i][y] > 0 && t < 1 ? 1 : t;
        }
}

or_code dm_make_schools(dm_gen *g, or_error *err)
{
    int counts[DM_NPHASE];
    phase_counts(g->p.schools, counts);
    g->nschools = g->p.schools;
    g->schools = or_arena_calloc(&g->arena, (size_t)g->nschools, sizeof *g->schools);
    double(*nat)[DM_NYG] = or_arena_calloc(&g->arena, (size_t)g->nschools, sizeof *nat);
    int i = 0, faith_n = 0, plain_n = 0;
    for (int ph = 0; ph < DM_NPHASE; ph++)
        for (int k = 0; k < counts[ph]; k++, i++)
            init_school(g, &g->schools[i], (dm_phase)ph, i, k, nat[i], &faith_n, &plain_n);
    scale_places(g, nat);
    g->upn_serial = or_arena_calloc(&g->arena, (size_t)g->nschools * 100, sizeof(int));
    (void)err;
    return OR_OK;
}

/* ---- dates ---- */

static or_date weekday_on_or_after(or_date d, int wd)
{
    return d + (wd - or_date_weekday(d) + 7) % 7;
}

static or_date weekday_on_or_before(or_date d, int wd)
{
    return d - (or_date_weekday(d) - wd + 7) % 7;
}

static or_date first_weekday(or_date d)
{
    while (or_date_is_weekend(d))
        d++;
    return d;
}

static or_date last_weekday(or_date d)
{
    while (or_date_is_weekend(d))
        d--;
    return d;
}

/* Easter Sunday (the anonymous Gregorian algorithm). */
static or_date easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
    int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return or_date_from_ymd(y, month, day);
}

enum { MON, TUE, WED, THU, FRI };

void dm_year_dates(int ay, dm_year *y)
{
    int n = ay + 1;
    y->aut_start = first_weekday(or_date_from_ymd(ay, 9, 1));
    y->oct_ht = weekday_on_or_before(or_date_from_ymd(ay, 10, 31), MON);
    y->aut_end = weekday_on_or_before(or_date_from_ymd(ay, 12, 20), FRI);
    y->spr_start = weekday_on_or_after(or_date_from_ymd(n, 1, 2), MON);
    if (y->spr_start >= or_date_from_ymd(n, 1, 7))
        y->spr_start = or_date_from_ymd(n, 1, 3); /* New Year on a Monday or Tuesday */
    y->feb_ht = weekday_on_or_after(or_date_from_ymd(n, 2, 12), MON);
    or_date e = easter(n);
    y->spr_end = e - 9;
    y->sum_start = e + 8;
    y->may_ht = weekday_on_or_before(or_date_from_ymd(n, 5, 31), MON);
    y->sum_end = last_weekday(or_date_from_ymd(n, 7, 22));
    y->census = weekday_on_or_after(or_date_from_ymd(n, 1, 1), THU) + 14;
}

/* ---- calendar rows ---- */

static void add_row(dm_gen *g, size_t *cap, int school, or_date a, or_date b, or_cal_kind k,
                    const char *label)
{
    OR_ALLOC_GROW(g->cal_rows, g->ncal_rows + 1, *cap);
    g->cal_rows[g->ncal_rows++] = (dm_cal_row){school, a, b, k, label};
}

static void la_year_rows(dm_gen *g, size_t *cap, int ay)
{
    dm_year y;
    dm_year_dates(ay, &y);
    or_date nov = weekday_on_or_after(or_date_from_ymd(ay, 11, 1), FRI) + 21;
    add_row(g, cap, -1, y.aut_start, y.aut_end, OR_CAL_TERM, "Autumn term");
    add_row(g, cap, -1, y.oct_ht, y.oct_ht + 4, OR_CAL_HOLIDAY, "October half-term");
    add_row(g, cap, -1, y.aut_end + 1, y.spr_start - 1, OR_CAL_HOLIDAY, "Christmas holiday");
    add_row(g, cap, -1, y.spr_start, y.spr_end, OR_CAL_TERM, "Spring term");
    add_row(g, cap, -1, y.feb_ht, y.feb_ht + 4, OR_CAL_HOLIDAY, "February half-term");
    add_row(g, cap, -1, y.spr_end + 1, y.sum_start - 1, OR_CAL_HOLIDAY, "Easter holiday");
    add_row(g, cap, -1, y.sum_start, y.sum_end, OR_CAL_TERM, "Summer term");
    add_row(g, cap, -1, y.may_ht, y.may_ht + 4, OR_CAL_HOLIDAY, "May half-term");
    or_date inset[5] = {y.aut_start, first_weekday(y.aut_start + 1), y.spr_start, nov, y.sum_start};
    for (int i = 0; i < 5; i++)
        add_row(g, cap, -1, inset[i], inset[i], OR_CAL_INSET, "INSET day");
}

static void school_year_rows(dm_gen *g, size_t *cap, int school, int ay)
{
    dm_year y;
    dm_year_dates(ay, &y);
    or_date inset[5] = {y.aut_start, first_weekday(y.aut_start + 1), y.oct_ht - 3, y.feb_ht + 7,
                        y.may_ht - 3};
    for (int i = 0; i < 5; i++)
        add_row(g, cap, school, inset[i], inset[i], OR_CAL_INSET, "INSET day (school)");
}

static or_code build_calendar(dm_gen *g, int school, or_calendar *cal, or_error *err)
{
    or_cal_row *rows = or_arena_alloc(&g->arena, sizeof *rows * (size_t)g->ncal_rows);
    int n = 0;
    for (int i = 0; i < g->ncal_rows; i++) {
        const dm_cal_row *r = &g->cal_rows[i];
        if (r->school == -1 || r->school == school)
            rows[n++] = (or_cal_row){r->start, r->end, r->kind, r->school >= 0};
    }
    return or_calendar_build(cal, rows, n, &g->arena, err);
}

or_code dm_make_calendars(dm_gen *g, or_error *err)
{
    size_t cap = 0;
    for (int ay = g->ay0; ay <= g->ay1; ay++)
        la_year_rows(g, &cap, ay);
    for (int s = 0; s < g->nschools; s++)
        for (int ay = g->ay0; ay <= g->ay1 && g->schools[s].own_inset; ay++)
            school_year_rows(g, &cap, s, ay);
    or_code rc = build_calendar(g, -2, &g->la_cal, err);
    for (int s = 0; s < g->nschools && !rc; s++) {
        if (!g->schools[s].own_inset)
            continue;
        or_calendar *cal = or_arena_alloc(&g->arena, sizeof *cal);
        rc = build_calendar(g, s, cal, err);
        g->schools[s].cal = cal;
    }
    return rc;
}

int dm_school_days_in_year(const dm_school *s, int ay)
{
    return or_cal_school_days_between(s->cal, or_date_academic_year_start(ay),
                                      or_date_academic_year_start(ay + 1) - 1);
}
