/* demo_marks.c - attendance marks for every pupil, school and academic year on roll: a mark
 * in both sessions of every school day of the enrolment up to as_of (AM '/', PM '\', late 'L'),
 * absence in spells driven by a persistent per-pupil propensity (lognormal: persistent absence,
 * below 90% attendance, is about one pupil in five at secondary and one in eight at primary),
 * coded I, M, C, R (authorised) and O, G, N, U (unauthorised); then E on suspension days and
 * after a permanent exclusion, B in AP placements and off-site directions to a provider, D while
 * dual registered at another school, C2 in the afternoons of a part-time timetable. Each
 * string draws from its own random stream, so marks never depend on the order of output. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "onroll/marks.h"

#define SPELL_DAYS 1.775 /* mean length of an absence spell in days, from the code mix below */

typedef struct {
    dm_gen *g;
    int pupil, school, ay;
    const or_calendar *cal;
    or_date from, to; /* the academic year up to as_of */
    dm_rng rng;
    double absence, late;
    char buf[OR_MARKS_LEN + 1];
    int marked;
} year_marks;

/* Per-pupil lists of enrolments and events (indices, in creation order). */
typedef struct {
    int *first, *list; /* first[p] .. first[p + 1] - 1 index list */
} index_lists;

static void build_lists(size_t npupils, size_t n, const int *owner, index_lists *l)
{
    l->first = calloc(npupils + 1, sizeof *l->first);
    l->list = malloc(sizeof *l->list * (n ? n : 1));
    if (!l->first || !l->list)
        abort();
    for (size_t i = 0; i < n; i++)
        l->first[owner[i] + 1]++;
    for (size_t p = 0; p < npupils; p++)
        l->first[p + 1] += l->first[p];
    int *fill = malloc(sizeof *fill * (npupils + 1));
    if (!fill)
        abort();
    memcpy(fill, l->first, sizeof *fill * (npupils + 1));
    for (size_t i = 0; i < n; i++)
        l->list[fill[owner[i]]++] = (int)i;
    free(fill);
}

static void free_lists(index_lists *l)
{
    free(l->first);
    free(l->list);
}

/* ---- absence ---- */

static double median_absence(const dm_school *s, int yg)
{
    static const double m[DM_NPHASE] = {0.045, 0.031, 0.040, 0.040, 0.055, 0.13, 0.15};
    if (s->phase == DM_ALL_THROUGH && yg < 7)
        return m[DM_PRIMARY];
    return m[s->phase];
}

static double absence_propensity(const dm_gen *g, const dm_pupil *p, const dm_school *s, int ay)
{
    dm_year y;
    dm_year_dates(ay, &y);
    const dm_chars *c = dm_chars_on(p, y.census);
    double adj = (c->fsm ? 0.3 : 0) +
                 (c->sen == DM_SEN_K   ? 0.2
                  : c->sen == DM_SEN_E ? 0.35
                                       : 0) +
                 (c->cin || c->cla ? 0.3 : 0) + log(s->absence) + 0.15 * log(1 + p->prop);
    double a = median_absence(s, dm_yg_of(p, ay)) * exp(0.8 * p->absz + adj);
    (void)g;
    return a < 0.85 ? a : 0.85;
}

typedef struct {
    char code;
    int weight, min_days, max_days;
    bool half; /* one session only */
} spell_kind;

static const spell_kind spells[] = {
    {'I', 50, 1, 3, false}, {'M', 10, 1, 1, true}, {'C', 3, 1, 3, false}, {'R', 2, 1, 1, false},
    {'O', 17, 1, 2, false}, {'G', 6, 5, 5, false}, {'N', 6, 1, 1, false}, {'U', 6, 1, 1, true},
};
#define NSPELLS (int)(sizeof spells / sizeof spells[0])

static void set(year_marks *y, or_date d, int pm, char code)
{
    int pos = or_mark_pos(d, pm);
    if (pos >= 0 && pos < OR_MARKS_LEN)
        y->buf[pos] = code;
}

static char get(const year_marks *y, or_date d, int pm)
{
    int pos = or_mark_pos(d, pm);
    return pos >= 0 && pos < OR_MARKS_LEN ? y->buf[pos] : OR_MARK_NONE;
}

typedef struct {
    int left;
    char code;
} spell;

static void mark_day(year_marks *y, or_date d, spell *sp)
{
    dm_rng *r = &y->rng;
    char am = dm_chance(r, y->late) ? 'L' : '/', pm = '\\';
    if (sp->left == 0 && dm_chance(r, y->absence / SPELL_DAYS)) {
        int w[NSPELLS];
        for (int i = 0; i < NSPELLS; i++)
            w[i] = spells[i].weight;
        const spell_kind *k = &spells[dm_pick(r, w, NSPELLS)];
        if (k->half) {
            if (k->code == 'U' || dm_chance(r, 0.5))
                am = k->code;
            else
                pm = k->code;
        } else {
            sp->left = dm_range(r, k->min_days, k->max_days);
            sp->code = k->code;
        }
    }
    if (sp->left > 0) {
        am = pm = sp->code;
        sp->left--;
    }
    set(y, d, 0, am);
    set(y, d, 1, pm);
    y->marked++;
}

static void base_marks(year_marks *y, const dm_enrol *e)
{
    or_date from = e->start > y->from ? e->start : y->from;
    or_date to = e->end != OR_DATE_NONE && e->end < y->to ? e->end : y->to;
    spell sp = {0, 0};
    for (or_date d = or_cal_next_school_day(y->cal, from); d != OR_DATE_NONE && d <= to;
         d = or_cal_school_day_after(y->cal, d))
        mark_day(y, d, &sp);
}

/* ---- what events do to the marks ---- */

static void overlay_period(year_marks *y, or_date from, or_date to, char code, bool pm_only)
{
    if (to == OR_DATE_NONE || to > y->to)
        to = y->to;
    for (or_date d = from > y->from ? from : y->from; d <= to; d++)
        for (int pm = pm_only ? 1 : 0; pm < 2; pm++)
            if (get(y, d, pm) != OR_MARK_NONE)
                set(y, d, pm, code);
}

static void overlay_suspension(year_marks *y, const dm_event *e)
{
    int left = e->sessions;
    for (or_date d = e->start; left > 0 && d != OR_DATE_NONE && d <= y->to;
         d = or_cal_school_day_after(y->cal, d))
        for (int pm = 0; pm < 2 && left > 0; pm++, left--)
            if (get(y, d, pm) != OR_MARK_NONE)
                set(y, d, pm, 'E');
}

static char c2_byte(or_date d)
{
    /* C2 exists from the 2024 regulations (19 August 2024); C before */
    return d >= or_date_from_ymd(2024, 8, 19) ? or_mark_byte("C2") : 'C';
}

/* Overlays in order of precedence, lowest first: C2, then B and D, then E. */
static void overlay_events(year_marks *y, const index_lists *ev, int pass)
{
    const dm_gen *g = y->g;
    for (int k = ev->first[y->pupil]; k < ev->first[y->pupil + 1]; k++) {
        const dm_event *e = &g->events[ev->list[k]];
        if (e->school != y->school || e->start > y->to)
            continue;
        if (pass == 0 && e->type == DM_EV_PTT)
            overlay_period(y, e->start, e->end, c2_byte(e->start), true);
        else if (pass == 1 && (e->type == DM_EV_AP || e->type == DM_EV_OFF_SITE))
            overlay_period(y, e->start, e->end, e->to_school >= 0 ? 'D' : 'B', false);
        else if (pass == 2 && e->type == DM_EV_SUSPENSION && !e->withdrawn)
            overlay_suspension(y, e);
        else if (pass == 2 && e->type == DM_EV_PERMANENT)
            overlay_period(y, e->start, y->to, 'E', false);
    }
}

/* ---- one string ---- */

static bool overlaps(const dm_enrol *e, or_date from, or_date to)
{
    return e->start <= to && (e->end == OR_DATE_NONE || e->end >= from);
}

static or_code emit_one(year_marks *y, const index_lists *en, const index_lists *ev,
                        const or_demo_sink *sink, or_error *err)
{
    dm_gen *g = y->g;
    const dm_pupil *p = &g->pupils[y->pupil];
    const dm_school *s = &g->schools[y->school];
    dm_rng_seed(&y->rng, g->p.seed ^ 0x6d61726b73ULL,
                (uint64_t)y->pupil * 1000003ULL + (uint64_t)y->school * 4099ULL + (uint64_t)y->ay);
    y->cal = s->cal;
    y->absence = absence_propensity(g, p, s, y->ay);
    y->late = p->late;
    y->marked = 0;
    or_marks_clear(y->buf);
    y->buf[OR_MARKS_LEN] = '\0';
    for (int k = en->first[y->pupil]; k < en->first[y->pupil + 1]; k++) {
        const dm_enrol *e = &g->enrols[en->list[k]];
        if (e->school == y->school && overlaps(e, y->from, y->to))
            base_marks(y, e);
    }
    if (!y->marked)
        return OR_OK;
    for (int pass = 0; pass < 3; pass++)
        overlay_events(y, ev, pass);
    return sink->marks(sink->ctx, p->upn, s->urn, y->ay, y->buf, err);
}

/* Each school the pupil was on the roll of in the year, once, in order of enrolment. */
static or_code emit_pupil_year(year_marks *y, const index_lists *en, const index_lists *ev,
                               const or_demo_sink *sink, or_error *err)
{
    const dm_gen *g = y->g;
    int done[32], ndone = 0;
    for (int k = en->first[y->pupil]; k < en->first[y->pupil + 1]; k++) {
        const dm_enrol *e = &g->enrols[en->list[k]];
        bool seen = false;
        for (int i = 0; i < ndone; i++)
            seen |= done[i] == e->school;
        if (seen || !overlaps(e, y->from, y->to) || ndone == 32)
            continue;
        done[ndone++] = e->school;
        y->school = e->school;
        or_code rc = emit_one(y, en, ev, sink, err);
        if (rc)
            return rc;
    }
    return OR_OK;
}

static or_code emit_all(dm_gen *g, const index_lists *en, const index_lists *ev,
                        const or_demo_sink *sink, or_error *err)
{
    year_marks *y = malloc(sizeof *y);
    if (!y)
        abort();
    y->g = g;
    or_code rc = OR_OK;
    for (size_t p = 0; p < g->npupils && !rc; p++) {
        y->pupil = (int)p;
        for (int ay = g->ay0; ay <= g->ay1 && !rc; ay++) {
            y->ay = ay;
            y->from = or_date_academic_year_start(ay);
            y->to = or_date_academic_year_start(ay + 1) - 1;
            y->to = y->to < g->p.as_of ? y->to : g->p.as_of;
            if (y->from <= y->to)
                rc = emit_pupil_year(y, en, ev, sink, err);
        }
    }
    free(y);
    return rc;
}

or_code dm_emit_marks(dm_gen *g, const or_demo_sink *sink, or_error *err)
{
    if (!sink->marks)
        return OR_OK;
    int *owner = malloc(sizeof *owner * (g->nenrols + g->nevents + 1));
    if (!owner)
        abort();
    index_lists en, ev;
    for (size_t i = 0; i < g->nenrols; i++)
        owner[i] = g->enrols[i].pupil;
    build_lists(g->npupils, g->nenrols, owner, &en);
    for (size_t i = 0; i < g->nevents; i++)
        owner[i] = g->events[i].pupil;
    build_lists(g->npupils, g->nevents, owner, &ev);
    free(owner);
    or_code rc = emit_all(g, &en, &ev, sink, err);
    free_lists(&en);
    free_lists(&ev);
    return rc;
}
