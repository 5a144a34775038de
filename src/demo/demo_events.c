/* demo_events.c - what happens to one pupil at one school in one academic year ("a stint"):
 * whether and when they leave (moved away, in-year transfer, managed move, elective home
 * education, missing education, unexplained exit), their suspensions and lunchtime
 * suspensions (gamma-Poisson counts, so some children have many; starting on school days, never
 * overlapping, never past 45 days in the year), a permanent exclusion that usually follows
 * suspensions and sends the pupil to the PRU or an AP academy, and placements (part-time
 * timetables, AP placements, off-site directions). Then every event gets its school's id. */
#include <stdlib.h>

#include "demo/demo_internal.h"

#define CAP_SESSIONS    90     /* 45 school days (STAT-45DAY-CAP) */
#define LUNCH_SHARE     0.05   /* lunchtime suspensions per suspension */
#define WITHDRAWN_SHARE 0.01   /* suspensions the head withdraws */
#define PEX_PER_SUSP    0.027  /* chance of a permanent exclusion per suspension that year */
#define PEX_BASE        0.0002 /* ... and per unit of relative risk without suspensions */
#define MAX_SUSP        64

typedef struct {
    dm_gen *g;
    int pupil, enrol, school, ay, yg;
    const dm_school *s;
    const or_calendar *cal;
    or_date a, b, stop; /* window; the last day a suspension may start */
    double lam, rel;    /* expected suspensions in a full year; relative to secondary mean */
    const dm_chars *c;
    int nsusp;
    or_date cover[MAX_SUSP][2];
    or_date last_start; /* of the latest suspension, a withdrawn one too */
} stint;

typedef enum { X_NONE, X_MOVED, X_TRANSFER, X_MANAGED, X_EHE, X_CME, X_UNEXPLAINED, X_N } exit_kind;

static or_date prev_school_day(const or_calendar *cal, or_date d)
{
    for (int i = 1; i <= 30; i++)
        if (or_cal_is_school_day(cal, d - i))
            return d - i;
    return OR_DATE_NONE;
}

static int add_event(dm_gen *g, const stint *st, dm_ev_type t, or_date start)
{
    OR_ALLOC_GROW(g->events, g->nevents + 1, g->cap_events);
    dm_event *e = &g->events[g->nevents];
    *e = (dm_event){0};
    e->pupil = st->pupil;
    e->school = st->school;
    e->type = (uint8_t)t;
    e->ref = e->to_school = e->provider = e->dual = -1;
    e->start = start;
    e->end = e->decided = OR_DATE_NONE;
    return (int)g->nevents++;
}

/* A random school day of the window [from, to], skipping the first `skip` of them. */
static or_date random_day(dm_rng *r, const or_calendar *cal, or_date from, or_date to, int skip)
{
    int n = or_cal_school_days_between(cal, from, to);
    if (n <= skip)
        return OR_DATE_NONE;
    return or_cal_nth(cal, from, skip + 1 + dm_below(r, n - skip));
}

/* 1 reason mostly, sometimes 2 or 3 (from 1 September 2020 up to three are recorded). */
static int draw_nreasons(dm_rng *r)
{
    double u = dm_unif(r);
    return u < 0.75 ? 1 : u < 0.95 ? 2 : 3;
}

bool dm_old_reasons(or_date d)
{
    return d < or_date_from_ymd(2020, 9, 1);
}

/* Add n more reasons, each different from those already given. */
static void add_reasons(dm_rng *r, dm_event *e, int n)
{
    bool old = dm_old_reasons(e->start);
    const dm_weighted *list = old ? dm_reasons_old : dm_reasons;
    int w[32], nlist = old ? dm_nreasons_old : dm_nreasons, max = old ? 1 : 3;
    for (int i = 0; i < nlist; i++)
        w[i] = list[i].weight;
    for (int i = 0; i < e->nreasons; i++)
        w[e->reasons[i]] = 0;
    for (int k = 0; k < n && e->nreasons < max; k++) {
        int i = dm_pick(r, w, nlist);
        w[i] = 0;
        e->reasons[e->nreasons++] = (uint8_t)i;
    }
}

/* The head's decision: often the school day before (never before the pupil joined). */
static void add_decided(dm_rng *r, const stint *st, dm_event *e)
{
    if (!dm_chance(r, 0.3))
        return;
    or_date d = prev_school_day(st->cal, e->start);
    if (d != OR_DATE_NONE && d >= st->g->enrols[st->enrol].start)
        e->decided = d;
}

/* ---- leaving ---- */

typedef struct {
    double h[X_N];
} hazards;

static void exit_hazards(const stint *st, hazards *hz)
{
    static const double base[DM_NPHASE][X_N] = {
        /* none, moved, transfer, managed, ehe, cme, unexplained */
        {0, 0.06, 0, 0, 0, 0, 0},                      /* nursery */
        {0, 0.04, 0.015, 0, 0.003, 0.001, 0.001},      /* primary */
        {0, 0.03, 0.015, 0.003, 0.006, 0.0015, 0.001}, /* secondary */
        {0, 0.03, 0.015, 0.003, 0.006, 0.0015, 0.001}, /* all-through */
        {0, 0.01, 0.003, 0, 0.002, 0.0005, 0.0005},    /* special */
        {0, 0.05, 0, 0, 0.01, 0.003, 0.005},           /* ap */
        {0, 0.05, 0, 0, 0.01, 0.003, 0.005},           /* pru */
    };
    dm_phase ph = st->s->phase == DM_ALL_THROUGH && st->yg < 7 ? DM_PRIMARY : st->s->phase;
    for (int k = 0; k < X_N; k++)
        hz->h[k] = base[ph][k];
    double rel = st->rel < 8 ? st->rel : 8;
    hz->h[X_MANAGED] *= st->yg >= 7 && st->yg <= 11 ? rel : 0;
    hz->h[X_EHE] *= (st->c->sen ? 1.8 : 1) * (0.5 + (rel < 3 ? rel : 3) / 2);
    hz->h[X_CME] *= st->c->cin || st->c->cla ? 3 : 1;
}

/* The earliest leaving drawn for the window, or X_NONE; *day is the last day on roll. */
static exit_kind draw_exit(dm_rng *r, const stint *st, double frac, or_date *day)
{
    hazards hz;
    exit_hazards(st, &hz);
    exit_kind kind = X_NONE;
    *day = OR_DATE_NONE;
    for (int k = 1; k < X_N; k++) {
        if (!dm_chance(r, hz.h[k] * frac))
            continue;
        or_date d = random_day(r, st->cal, st->a, st->b, 1);
        if (d != OR_DATE_NONE && d > st->g->enrols[st->enrol].start &&
            (*day == OR_DATE_NONE || d < *day)) {
            *day = d;
            kind = (exit_kind)k;
        }
    }
    return kind;
}

/* Another school a moving pupil can go to: same kind of school, teaching the year group. */
static int other_school(dm_gen *g, const stint *st, bool secondary_only)
{
    int w[1000], ids[1000], n = 0;
    bool special = st->s->phase == DM_SPECIAL;
    for (int si = 0; si < g->nschools && n < 1000; si++) {
        const dm_school *s = &g->schools[si];
        bool kind = special ? s->phase == DM_SPECIAL
                            : s->phase == DM_PRIMARY || s->phase == DM_SECONDARY ||
                                  s->phase == DM_ALL_THROUGH;
        if (si == st->school || !kind || st->yg < s->lo || st->yg > s->hi ||
            (secondary_only && s->phase == DM_PRIMARY))
            continue;
        ids[n] = si;
        w[n++] = s->target[st->yg - DM_YG_MIN];
    }
    return n ? ids[dm_pick(&g->rng, w, n)] : -1;
}

static void move_to(dm_gen *g, const stint *st, int to, or_date last)
{
    if (to >= 0)
        dm_enrol_add(g, st->pupil, to, or_cal_school_day_after(g->schools[to].cal, last), false);
}

static void apply_exit(dm_gen *g, const stint *st, exit_kind kind, or_date x)
{
    static const dm_ev_type ev[X_N] = {0,         0,         DM_EV_TRANSFER,   DM_EV_MANAGED_MOVE,
                                       DM_EV_EHE, DM_EV_CME, DM_EV_UNEXPLAINED};
    static const dm_leaving why[X_N] = {
        0,           DM_LEFT_MOVED, DM_LEFT_TRANSFER, DM_LEFT_MANAGED,
        DM_LEFT_EHE, DM_LEFT_CME,   DM_LEFT_UNKNOWN};
    int to = -1;
    if (kind == X_TRANSFER || kind == X_MANAGED) {
        to = other_school(g, st, kind == X_MANAGED);
        if (to < 0)
            kind = X_MOVED;
    }
    if (kind != X_MOVED) {
        int e = add_event(g, st, ev[kind], x);
        g->events[e].to_school = to;
    }
    dm_enrol_end(g, st->enrol, x, why[kind]);
    move_to(g, st, to, x);
}

/* ---- suspensions ---- */

static int draw_sessions(dm_rng *r)
{
    static const int sessions[] = {1, 2, 3, 4, 6, 8, 10, 14, 20, 30};
    static const int weight[] = {5, 46, 4, 24, 10, 3, 5, 1, 1, 1};
    return sessions[dm_pick(r, weight, 10)];
}

static int cmp_date(const void *a, const void *b)
{
    or_date x = *(const or_date *)a, y = *(const or_date *)b;
    return (x > y) - (x < y);
}

static int cap_left(dm_gen *g, const stint *st)
{
    dm_pupil *p = &g->pupils[st->pupil];
    if (p->cap_ay != st->ay) {
        p->cap_ay = st->ay;
        p->cap_used = 0;
    }
    return CAP_SESSIONS - p->cap_used;
}

/* One suspension at d; returns the last school day it covers, OR_DATE_NONE if withdrawn. */
static or_date suspend(dm_gen *g, stint *st, or_date d, int sessions)
{
    dm_rng *r = &g->rng;
    int e = add_event(g, st, DM_EV_SUSPENSION, d);
    g->events[e].sessions = (uint8_t)sessions;
    add_reasons(r, &g->events[e], draw_nreasons(r));
    add_decided(r, st, &g->events[e]);
    if (st->last_start == OR_DATE_NONE || d > st->last_start)
        st->last_start = d;
    if (dm_chance(r, WITHDRAWN_SHARE)) {
        g->events[e].withdrawn = 1;
        int w = add_event(g, st, DM_EV_WITHDRAWN, d);
        g->events[w].ref = e;
        return OR_DATE_NONE;
    }
    g->pupils[st->pupil].cap_used += sessions;
    or_date end = or_cal_nth(st->cal, d, (sessions + 1) / 2);
    end = end == OR_DATE_NONE ? d : end;
    if (st->nsusp < MAX_SUSP) {
        st->cover[st->nsusp][0] = d;
        st->cover[st->nsusp][1] = end;
    }
    st->nsusp++;
    return end;
}

/* Suspensions on random school days of [a, stop], moved later where they would overlap. */
static void place_suspensions(dm_gen *g, stint *st, double mean)
{
    dm_rng *r = &g->rng;
    int n = dm_poisson(r, mean);
    n = n > MAX_SUSP ? MAX_SUSP : n;
    or_date starts[MAX_SUSP];
    for (int i = 0; i < n; i++)
        starts[i] = random_day(r, st->cal, st->a, st->stop, 0);
    qsort(starts, (size_t)n, sizeof starts[0], cmp_date);
    or_date covered = OR_DATE_NONE;
    for (int i = 0; i < n && starts[i] != OR_DATE_NONE; i++) {
        or_date d = starts[i];
        if (covered != OR_DATE_NONE && d <= covered)
            d = or_cal_after(st->cal, covered, 1);
        int left = cap_left(g, st), sessions = draw_sessions(r);
        if (d == OR_DATE_NONE || d > st->stop || left <= 0)
            break;
        or_date end = suspend(g, st, d, sessions < left ? sessions : left);
        if (end != OR_DATE_NONE)
            covered = end;
    }
}

static bool covered_day(const stint *st, or_date d)
{
    for (int i = 0; i < st->nsusp && i < MAX_SUSP; i++)
        if (d >= st->cover[i][0] && d <= st->cover[i][1])
            return true;
    return false;
}

static void place_lunchtimes(dm_gen *g, stint *st, double mean)
{
    dm_rng *r = &g->rng;
    int n = dm_poisson(r, mean * LUNCH_SHARE);
    for (int i = 0; i < n; i++) {
        or_date d = random_day(r, st->cal, st->a, st->stop, 0);
        int sessions = dm_range(r, 1, 10) <= 7 ? 1 : dm_range(r, 2, 3);
        if (d == OR_DATE_NONE || covered_day(st, d) || cap_left(g, st) < sessions)
            continue;
        int e = add_event(g, st, DM_EV_LUNCHTIME, d);
        g->events[e].sessions = (uint8_t)sessions;
        add_reasons(r, &g->events[e], 1);
        g->pupils[st->pupil].cap_used += sessions;
    }
}

/* ---- permanent exclusion ---- */

static bool pex_eligible(const stint *st)
{
    dm_phase ph = st->s->phase;
    return st->yg >= 1 &&
           (ph == DM_PRIMARY || ph == DM_SECONDARY || ph == DM_ALL_THROUGH || ph == DM_SPECIAL);
}

static int destination(dm_gen *g)
{
    int pru = -1, ap[1000], nap = 0;
    for (int si = 0; si < g->nschools; si++) {
        if (g->schools[si].phase == DM_PRU && pru < 0)
            pru = si;
        if (g->schools[si].phase == DM_AP && nap < 1000)
            ap[nap++] = si;
    }
    if (nap && (pru < 0 || dm_chance(&g->rng, 0.3)))
        return ap[dm_below(&g->rng, nap)];
    return pru;
}

/* The day of a permanent exclusion, or OR_DATE_NONE: after the last suspension if any. */
static or_date pex_day(dm_gen *g, const stint *st, or_date limit)
{
    dm_rng *r = &g->rng;
    double rel = st->rel < 10 ? st->rel : 10;
    double p = PEX_PER_SUSP * st->nsusp + PEX_BASE * rel;
    if (!pex_eligible(st) || !dm_chance(r, p < 0.5 ? p : 0.5))
        return OR_DATE_NONE;
    or_date d = OR_DATE_NONE;
    if (st->nsusp > 0) {
        int last = (st->nsusp < MAX_SUSP ? st->nsusp : MAX_SUSP) - 1;
        /* after the last suspension, a withdrawn one too: nothing at the school after the
         * pupil has left it (the importer refuses it, issue 14) */
        or_date after = st->cover[last][1] > st->last_start ? st->cover[last][1] : st->last_start;
        d = or_cal_after(st->cal, after, 1 + dm_below(r, 10));
    } else {
        d = random_day(r, st->cal, st->last_start != OR_DATE_NONE ? st->last_start + 1 : st->a,
                       limit, 1);
    }
    or_date sixth = d == OR_DATE_NONE ? OR_DATE_NONE : or_cal_nth(st->cal, d, 6);
    if (sixth == OR_DATE_NONE || d > limit || sixth > st->b)
        return OR_DATE_NONE;
    return d;
}

static void exclude(dm_gen *g, const stint *st, or_date d)
{
    int e = add_event(g, st, DM_EV_PERMANENT, d);
    dm_event *ev = &g->events[e];
    /* permanent exclusions more often give more than one reason */
    add_reasons(&g->rng, ev, draw_nreasons(&g->rng) + dm_chance(&g->rng, 0.3));
    add_decided(&g->rng, st, ev);
    or_date last = or_cal_nth(st->cal, d, 5);
    dm_enrol_end(g, st->enrol, last, DM_LEFT_PERMANENT);
    int to = destination(g);
    if (to >= 0)
        dm_enrol_add(g, st->pupil, to, or_cal_school_day_after(g->schools[to].cal, last), false);
}

/* ---- placements: part-time timetables, AP placements, off-site directions ---- */

static or_date end_after(const or_calendar *cal, or_date start, int days)
{
    or_date d = or_cal_nth(cal, start, days);
    return d != OR_DATE_NONE ? d : start + days * 7 / 5;
}

static void part_time(dm_gen *g, stint *st, or_date d)
{
    dm_rng *r = &g->rng;
    int days = dm_chance(r, 0.7) ? dm_range(r, 10, 30) : dm_range(r, 31, 60);
    int e = add_event(g, st, DM_EV_PTT, d);
    g->events[e].end = end_after(st->cal, d, days);
}

static int host_school(dm_gen *g)
{
    int ids[1000], n = 0;
    for (int si = 0; si < g->nschools && n < 1000; si++)
        if (g->schools[si].phase == DM_AP || g->schools[si].phase == DM_PRU)
            ids[n++] = si;
    return n ? ids[dm_below(&g->rng, n)] : -1;
}

static void placement(dm_gen *g, stint *st, or_date d, bool off_site)
{
    dm_rng *r = &g->rng;
    int e = add_event(g, st, off_site ? DM_EV_OFF_SITE : DM_EV_AP, d);
    or_date end = end_after(st->cal, d, off_site ? dm_range(r, 20, 40) : dm_range(r, 30, 60));
    int host = off_site && dm_chance(r, 0.4) ? host_school(g) : -1;
    g->events[e].end = end;
    if (host < 0) {
        g->events[e].provider = dm_below(r, dm_nproviders);
        return;
    }
    g->events[e].to_school = host;
    int dual = dm_enrol_add(g, st->pupil, host, d, true);
    g->events[e].dual = dual;
    if (dual >= 0)
        dm_enrol_end(g, dual, end, DM_LEFT_DUAL_END);
}

static void placements(dm_gen *g, stint *st, double frac)
{
    dm_rng *r = &g->rng;
    double rel = st->rel, sen = st->c->sen == DM_SEN_E ? 3 : st->c->sen == DM_SEN_K ? 2 : 1;
    bool ks34 = st->yg >= 7 && st->yg <= 11 && st->s->phase != DM_AP && st->s->phase != DM_PRU;
    double h[3] = {st->yg >= 0 ? 0.004 * sen * (rel < 4.5 ? 0.5 + rel : 5) : 0,
                   ks34 ? 0.003 * (rel < 10 ? rel : 10) : 0,
                   ks34 ? 0.002 * (rel < 10 ? rel : 10) : 0};
    for (int k = 0; k < 3; k++) {
        if (!dm_chance(r, h[k] * frac))
            continue;
        or_date d = random_day(r, st->cal, st->a, st->stop, 0);
        if (d == OR_DATE_NONE)
            continue;
        if (k == 0)
            part_time(g, st, d);
        else
            placement(g, st, d, k == 2);
    }
}

/* Dual registrations made by off-site directions end when the main registration does. */
static void end_duals(dm_gen *g, size_t first_event, or_date last)
{
    for (size_t i = first_event; i < g->nevents; i++) {
        dm_event *e = &g->events[i];
        if (e->dual < 0)
            continue;
        dm_enrol *d = &g->enrols[e->dual];
        if (d->end == OR_DATE_NONE || d->end > last)
            dm_enrol_end(g, e->dual, last < d->start ? d->start : last, DM_LEFT_DUAL_END);
    }
}

/* ---- one stint ---- */

static bool start_stint(dm_gen *g, stint *st, int enrol, int ay, or_date b)
{
    const dm_enrol *en = &g->enrols[enrol];
    const dm_pupil *p = &g->pupils[en->pupil];
    dm_year y;
    dm_year_dates(ay, &y);
    *st = (stint){.g = g,
                  .pupil = en->pupil,
                  .enrol = enrol,
                  .school = en->school,
                  .ay = ay,
                  .last_start = OR_DATE_NONE};
    st->s = &g->schools[en->school];
    st->cal = st->s->cal;
    st->yg = dm_yg_of(p, ay);
    st->a =
        en->start > or_date_academic_year_start(ay) ? en->start : or_date_academic_year_start(ay);
    st->b = b;
    st->c = dm_chars_on(p, y.census > p->as_of1 ? y.census : p->as_of1);
    st->lam = dm_intensity(g, p, st->s, st->yg, st->c);
    st->rel = st->lam / g->rates.sec_mean;
    return or_cal_school_days_between(st->cal, st->a, st->b) > 0;
}

static void simulate_stint(dm_gen *g, int enrol, int ay, or_date b)
{
    stint st;
    if (!start_stint(g, &st, enrol, ay, b))
        return;
    size_t first_event = g->nevents;
    double year = dm_school_days_in_year(st.s, ay);
    double frac = or_cal_school_days_between(st.cal, st.a, st.b) / year;
    or_date x;
    exit_kind kind = draw_exit(&g->rng, &st, frac, &x);
    st.stop = kind != X_NONE ? x - 1 : st.b;
    double part = or_cal_school_days_between(st.cal, st.a, st.stop) / year;
    place_suspensions(g, &st, st.lam * part);
    or_date pex = pex_day(g, &st, st.stop);
    if (pex != OR_DATE_NONE)
        st.stop = pex - 1; /* nothing more at this school once excluded */
    place_lunchtimes(g, &st, st.lam * part);
    placements(g, &st, part);
    if (pex != OR_DATE_NONE)
        exclude(g, &st, pex);
    else if (kind != X_NONE)
        apply_exit(g, &st, kind, x);
    const dm_enrol *en = &g->enrols[enrol];
    if (en->end != OR_DATE_NONE)
        end_duals(g, first_event, en->end);
}

void dm_simulate_year(dm_gen *g, int ay)
{
    or_date b = or_date_academic_year_start(ay + 1) - 1;
    if (b > g->p.as_of)
        b = g->p.as_of;
    for (size_t i = 0; i < g->nenrols; i++) {
        const dm_enrol *e = &g->enrols[i];
        if (!e->dual && e->end == OR_DATE_NONE && e->start <= b)
            simulate_stint(g, (int)i, ay, b);
    }
}

/* ---- ids ---- */

typedef struct {
    int urn;
    or_date start;
    int type, index;
} sort_key;

static int cmp_keys(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->urn != b->urn)
        return a->urn < b->urn ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Output order (school, start, type: a suspension before its withdrawal) and ids numbered in
 * it, one sequence per school and academic year. */
void dm_number_events(dm_gen *g)
{
    size_t n = g->nevents;
    sort_key *keys = or_arena_alloc(&g->arena, sizeof *keys * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        const dm_event *e = &g->events[i];
        keys[i] = (sort_key){g->schools[e->school].urn, e->start, e->type, (int)i};
    }
    qsort(keys, n, sizeof *keys, cmp_keys);
    g->ev_order = or_arena_alloc(&g->arena, sizeof(int) * (n ? n : 1));
    int school = -1, ay = 0, seq = 0;
    for (size_t i = 0; i < n; i++) {
        g->ev_order[i] = keys[i].index;
        dm_event *e = &g->events[keys[i].index];
        int eay = or_date_academic_year(e->start);
        if (e->school != school || eay != ay) {
            school = e->school;
            ay = eay;
            seq = 0;
        }
        e->seq = ++seq;
    }
}
