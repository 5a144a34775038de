/* columns.c - building the columnar model (columns.h) and keeping it current.
 *
 * Rows (from the load's scans or from or_columns_add) go into append-only raw tables, chained
 * per pupil. A refresh then recomputes, for the pupils rows touched (every pupil after a load),
 * the derived arrays the queries read: each academic year's census snapshot and school, and
 * each exclusion's counting flag and statistics snapshot; and it regathers the hot exclusion
 * arrays, grouped by academic year then pupil (a counting sort: O(pupils + exclusions)).
 *
 * Why the chains: a pupil's rows arrive in any order over the model's life, and every look-up
 * ("the snapshot in force on d", "the first reinstatement") compares dates and ids rather than
 * relying on order, so the same answer comes from a load or from any sequence of adds. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"
#include "onroll/excl.h"
#include "onroll/facts.h"

/* Grow the column `ptr` to n elements (in a function returning bool). */
#define RESERVE(ptr, n)                                                                            \
    do {                                                                                           \
        void *q_ = realloc((ptr), (size_t)(n) * sizeof *(ptr));                                    \
        if (!q_)                                                                                   \
            return false;                                                                          \
        (ptr) = q_;                                                                                \
    } while (0)

static int next_cap(int cap)
{
    return cap ? cap * 2 : 1024;
}

static bool reserve_pupils(or_columns *c)
{
    if (c->np < c->cap_p)
        return true;
    int cap = next_cap(c->cap_p);
    RESERVE(c->p_snap, cap);
    RESERVE(c->p_enrol, cap);
    RESERVE(c->p_excl, cap);
    RESERVE(c->p_ref, cap);
    RESERVE(c->p_dirty, cap);
    c->cap_p = cap;
    return true;
}

static bool reserve_snaps(or_columns *c)
{
    if (c->ns < c->cap_s)
        return true;
    int cap = next_cap(c->cap_s);
    RESERVE(c->s_pupil, cap);
    RESERVE(c->s_next, cap);
    RESERVE(c->s_as_of, cap);
    RESERVE(c->s_seq, cap);
    for (int d = 0; d < CX_S__N; d++)
        RESERVE(c->s_dim[d], cap);
    RESERVE(c->s_age_k, cap);
    RESERVE(c->s_yg_b, cap);
    if (c->cap_s == 0) { /* snapshot 0 is read (and ignored) by rows with none */
        for (int d = 0; d < CX_S__N; d++)
            c->s_dim[d][0] = 0;
        c->s_age_k[0] = c->s_yg_b[0] = 0;
    }
    c->cap_s = cap;
    return true;
}

static bool reserve_enrols(or_columns *c)
{
    if (c->ne < c->cap_e)
        return true;
    int cap = next_cap(c->cap_e);
    RESERVE(c->e_pupil, cap);
    RESERVE(c->e_next, cap);
    RESERVE(c->e_school, cap);
    RESERVE(c->e_start, cap);
    RESERVE(c->e_end, cap);
    c->cap_e = cap;
    return true;
}

static bool reserve_excls(or_columns *c)
{
    if (c->nx < c->cap_x)
        return true;
    int cap = next_cap(c->cap_x);
    RESERVE(c->x_pupil, cap);
    RESERVE(c->x_next, cap);
    RESERVE(c->x_school, cap);
    RESERVE(c->x_snap, cap);
    RESERVE(c->x_start, cap);
    RESERVE(c->x_ay, cap);
    RESERVE(c->x_seq, cap);
    RESERVE(c->x_kind, cap);
    RESERVE(c->x_counts, cap);
    RESERVE(c->x_reason, cap);
    RESERVE(c->x_sessions, cap);
    RESERVE(c->x_id, cap);
    c->cap_x = cap;
    return true;
}

static bool reserve_refs(or_columns *c)
{
    if (c->nr < c->cap_r)
        return true;
    int cap = next_cap(c->cap_r);
    RESERVE(c->r_pupil, cap);
    RESERVE(c->r_next, cap);
    RESERVE(c->r_school, cap);
    RESERVE(c->r_kind, cap);
    RESERVE(c->r_rule, cap);
    RESERVE(c->r_reinstates, cap);
    RESERVE(c->r_start, cap);
    RESERVE(c->r_seq, cap);
    RESERVE(c->r_ref, cap);
    c->cap_r = cap;
    return true;
}

static bool reserve_schools(or_columns *c)
{
    if (c->nsch < c->cap_sch)
        return true;
    int cap = next_cap(c->cap_sch);
    RESERVE(c->sch_urn, cap);
    RESERVE(c->sch_phase, cap);
    RESERVE(c->sch_la, cap);
    c->cap_sch = cap;
    return true;
}

static or_code nomem(or_error *err)
{
    return or_fail(err, OR_ENOMEM, "out of memory building the columnar model");
}

/* ---- rows in ---- */

static void want_year(or_columns *c, int ay)
{
    if (c->want_hi < c->want_lo) {
        c->want_lo = c->want_hi = ay;
        return;
    }
    if (ay < c->want_lo)
        c->want_lo = ay;
    if (ay > c->want_hi)
        c->want_hi = ay;
}

static void dirty(or_columns *c, int p)
{
    if (c->p_dirty[p])
        return;
    if (c->ndirty == c->cap_dirty) {
        int cap = next_cap(c->cap_dirty);
        int32_t *d = realloc(c->dirty, (size_t)cap * sizeof *d);
        if (!d) { /* cannot remember which: recompute everyone */
            c->all_dirty = true;
            return;
        }
        c->dirty = d;
        c->cap_dirty = cap;
    }
    c->p_dirty[p] = 1;
    c->dirty[c->ndirty++] = p;
}

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15u ^ (b + 0x632BE59BD9B4E019u);
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93u;
    return h ^ (h >> 29);
}

static bool map_grow(cx_upnmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    cx_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].v)
            continue;
        size_t j = mix(m->slots[i].k[0], m->slots[i].k[1]) & (cap - 1);
        while (s[j].v)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return true;
}

/* The slot of key (found, or empty where it goes); NULL when out of memory. */
static cx_slot *map_slot(cx_upnmap *m, const char *key, size_t len)
{
    if ((m->len + 1) * 10 > m->cap * 7 && !map_grow(m))
        return NULL;
    uint64_t k[2] = {0, 0};
    memcpy(k, key, len);
    for (size_t i = mix(k[0], k[1]) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        cx_slot *s = &m->slots[i];
        if (!s->v || (s->k[0] == k[0] && s->k[1] == k[1])) {
            s->k[0] = k[0];
            s->k[1] = k[1];
            return s;
        }
    }
}

static int new_pupil(or_columns *c)
{
    if (!reserve_pupils(c))
        return -1;
    int p = c->np++;
    c->p_snap[p] = c->p_enrol[p] = c->p_excl[p] = c->p_ref[p] = -1;
    c->p_dirty[p] = 0;
    return p;
}

/* The pupil's dense index, a new one for a new UPN; -1 when out of memory. */
static int pupil_of(or_columns *c, const char *upn)
{
    size_t len = strlen(upn);
    if (len >= 16) {
        or_strmap_slot *slot = or_strmap_put(&c->by_upn.longer, upn);
        if (!slot->value) {
            int p = new_pupil(c);
            if (p < 0)
                return -1;
            slot->value = (void *)(intptr_t)(p + 1);
        }
        return (int)(intptr_t)slot->value - 1;
    }
    cx_slot *s = map_slot(&c->by_upn, upn, len);
    if (!s)
        return -1;
    if (!s->v) {
        int p = new_pupil(c);
        if (p < 0)
            return -1;
        s->v = p + 1;
        c->by_upn.len++;
    }
    return s->v - 1;
}

static int school_index(const or_columns *c, int urn)
{
    if (urn < 100000 || urn > 999999 || !c->urn_index)
        return -1;
    return c->urn_index[urn - 100000] - 1;
}

/* Add or update school urn; -1 when out of memory. la_code 0 / phase NULL: not known (a
 * school named by a row before its own row arrived). */
static int put_school(or_columns *c, int urn, int la_code, const char *phase, const char *name)
{
    if (urn < 100000 || urn > 999999)
        return -1;
    if (!c->urn_index && !(c->urn_index = calloc(900000, sizeof *c->urn_index)))
        return -1;
    char code[16];
    snprintf(code, sizeof code, "%d", la_code);
    int la =
        cx_dict_add(c, &c->dict[OR_DIM_LA], la_code ? code : "x", la_code ? code : "Not recorded");
    int ph = phase ? cx_dict_find(&c->dict[OR_DIM_PHASE], phase) : -1;
    if (ph < 0)
        ph = cx_dict_add(c, &c->dict[OR_DIM_PHASE], "x", "Not recorded");
    if (la < 0 || ph < 0)
        return -1;
    int i = school_index(c, urn);
    if (i < 0) {
        if (!reserve_schools(c))
            return -1;
        i = c->nsch;
        snprintf(code, sizeof code, "%d", urn);
        if (cx_dict_push(c, &c->dict[OR_DIM_SCHOOL], code, name ? name : code) != i)
            return -1;
        c->nsch++;
        c->sch_urn[i] = urn;
        c->urn_index[urn - 100000] = i + 1;
    } else if (!la_code) {
        return i; /* a reference to a school already known */
    } else if (name) {
        c->dict[OR_DIM_SCHOOL].label[i] = or_arena_strdup(&c->arena, name);
    }
    c->sch_la[i] = la;
    c->sch_phase[i] = (uint8_t)ph;
    return i;
}

static int school_of(or_columns *c, int urn)
{
    int i = school_index(c, urn);
    return i >= 0 ? i : put_school(c, urn, 0, NULL, NULL);
}

static or_date date_or(const or_value *v, or_date none)
{
    return v->null ? none : (or_date)v->i;
}

static or_code add_school(or_columns *c, const or_value *r, or_error *err)
{
    if (put_school(c, (int)r[OR_SC_URN].i, (int)r[OR_SC_LA_CODE].i, r[OR_SC_PHASE].s,
                   r[OR_SC_NAME].s) < 0)
        return nomem(err);
    return OR_OK;
}

static or_code add_snapshot(or_columns *c, const or_value *r, int64_t id, or_error *err)
{
    int p = pupil_of(c, r[OR_PU_UPN].s);
    if (p < 0 || !reserve_snaps(c))
        return nomem(err);
    int i = c->ns++;
    c->s_pupil[i] = p;
    c->s_as_of[i] = date_or(&r[OR_PU_AS_OF], 0);
    c->s_seq[i] = id;
    cx_encode_snapshot(c, i, r);
    c->s_next[i] = c->p_snap[p];
    c->p_snap[p] = i;
    want_year(c, or_date_academic_year(c->s_as_of[i]));
    dirty(c, p);
    return OR_OK;
}

static or_code add_enrolment(or_columns *c, const or_value *r, or_error *err)
{
    if (!r[OR_EN_TYPE].s || strcmp(r[OR_EN_TYPE].s, "main") != 0)
        return OR_OK; /* dual and subsidiary registrations are not in the headcount */
    int p = pupil_of(c, r[OR_EN_UPN].s);
    int k = school_of(c, (int)r[OR_EN_URN].i);
    if (p < 0 || k < 0)
        return nomem(err);
    or_date start = date_or(&r[OR_EN_START], 0), end = date_or(&r[OR_EN_END], INT32_MAX);
    for (int e = c->p_enrol[p]; e >= 0; e = c->e_next[e])
        if (c->e_school[e] == k && c->e_start[e] == start) { /* the same registration, updated */
            c->e_end[e] = end;
            dirty(c, p);
            return OR_OK;
        }
    if (!reserve_enrols(c))
        return nomem(err);
    int i = c->ne++;
    c->e_pupil[i] = p;
    c->e_school[i] = k;
    c->e_start[i] = start;
    c->e_end[i] = end;
    c->e_next[i] = c->p_enrol[p];
    c->p_enrol[p] = i;
    dirty(c, p);
    return OR_OK;
}

static or_code add_event(or_columns *c, const or_value *r, int64_t id, or_error *err)
{
    int kind = r[OR_EV_TYPE].s ? or_event_kind_parse(r[OR_EV_TYPE].s) : -1;
    /* the board's and the review's decisions that can reinstate (excl.h) */
    int rule = kind == OR_EV_ACTION ? or_excl_reinstating(r[OR_EV_RULE].s) : -1;
    bool excl = kind == OR_EV_SUSPENSION || kind == OR_EV_LUNCHTIME || kind == OR_EV_PERMANENT;
    bool ref = ((kind == OR_EV_WITHDRAWN || kind == OR_EV_REINSTATED) ||
                (kind == OR_EV_ACTION && rule >= 0)) &&
               r[OR_EV_REF].s;
    if (!excl && !ref)
        return OR_OK;
    int p = pupil_of(c, r[OR_EV_UPN].s);
    int k = school_of(c, (int)r[OR_EV_URN].i);
    if (p < 0 || k < 0)
        return nomem(err);
    or_date start = date_or(&r[OR_EV_START], 0);
    if (excl) {
        if (!reserve_excls(c))
            return nomem(err);
        int i = c->nx++;
        c->x_pupil[i] = p;
        c->x_school[i] = k;
        c->x_start[i] = start;
        c->x_ay[i] = (int16_t)or_date_academic_year(start);
        c->x_seq[i] = id;
        c->x_kind[i] = kind == OR_EV_SUSPENSION  ? CX_X_SUSP
                       : kind == OR_EV_LUNCHTIME ? CX_X_LUNCH
                                                 : CX_X_PERM;
        c->x_counts[i] = 0;
        c->x_snap[i] = -1;
        int64_t sessions = r[OR_EV_SESSIONS].null ? 0 : r[OR_EV_SESSIONS].i;
        c->x_sessions[i] = (uint16_t)(sessions < 0 ? 0 : sessions > 65535 ? 65535 : sessions);
        cx_encode_reasons(c, r[OR_EV_REASONS].null ? NULL : r[OR_EV_REASONS].s, c->x_reason[i]);
        c->x_id[i] = or_arena_strdup(&c->arena, r[OR_EV_EVENT_ID].s ? r[OR_EV_EVENT_ID].s : "");
        c->x_next[i] = c->p_excl[p];
        c->p_excl[p] = i;
        want_year(c, c->x_ay[i]);
    } else {
        if (!reserve_refs(c))
            return nomem(err);
        int i = c->nr++;
        c->r_pupil[i] = p;
        c->r_school[i] = k;
        c->r_kind[i] = kind == OR_EV_WITHDRAWN    ? CX_R_WITHDRAWN
                       : kind == OR_EV_REINSTATED ? CX_R_REINSTATED
                                                  : CX_R_ACTION;
        c->r_rule[i] = (uint8_t)(rule < 0 ? 0 : rule);
        c->r_reinstates[i] = r[OR_EV_OUTCOME].s && strcmp(r[OR_EV_OUTCOME].s, "reinstated") == 0;
        c->r_start[i] = start;
        c->r_seq[i] = id;
        c->r_ref[i] = or_arena_strdup(&c->arena, r[OR_EV_REF].s);
        c->r_next[i] = c->p_ref[p];
        c->p_ref[p] = i;
    }
    dirty(c, p);
    return OR_OK;
}

or_code or_columns_add(or_columns *c, or_kind_id k, const or_value *row, int64_t id, or_error *err)
{
    switch (k) {
    case OR_K_SCHOOLS:
        return add_school(c, row, err);
    case OR_K_PUPILS:
        return add_snapshot(c, row, id, err);
    case OR_K_ENROLMENTS:
        return add_enrolment(c, row, err);
    case OR_K_EVENTS:
        return add_event(c, row, id, err);
    default:
        return OR_OK;
    }
}

/* ---- derived arrays ---- */

or_date or_census_day(int ay)
{
    or_date jan1 = or_date_from_ymd(ay + 1, 1, 1);
    int to_thursday = (3 - or_date_weekday(jan1) + 7) % 7; /* Monday = 0, Thursday = 3 */
    return jan1 + to_thursday + 14;
}

/* The snapshot in force on d: the latest as_of on or before d (then the latest received),
 * else the earliest (then the first received); -1 if the pupil has none (facts.c). */
static int snap_on(const or_columns *c, int p, or_date d)
{
    int le = -1, gt = -1;
    for (int s = c->p_snap[p]; s >= 0; s = c->s_next[s]) {
        or_date a = c->s_as_of[s];
        if (a <= d) {
            if (le < 0 || a > c->s_as_of[le] || (a == c->s_as_of[le] && c->s_seq[s] > c->s_seq[le]))
                le = s;
        } else if (gt < 0 || a < c->s_as_of[gt] ||
                   (a == c->s_as_of[gt] && c->s_seq[s] < c->s_seq[gt])) {
            gt = s;
        }
    }
    return le >= 0 ? le : gt;
}

/* The school of the pupil's main registration on roll on day d (the latest started, then the
 * lowest URN), or -1. */
static int school_on(const or_columns *c, int p, or_date d)
{
    int best = -1;
    for (int e = c->p_enrol[p]; e >= 0; e = c->e_next[e]) {
        if (c->e_start[e] > d || c->e_end[e] < d)
            continue;
        if (best < 0 || c->e_start[e] > c->e_start[best] ||
            (c->e_start[e] == c->e_start[best] &&
             c->sch_urn[c->e_school[e]] < c->sch_urn[c->e_school[best]]))
            best = e;
    }
    return best < 0 ? -1 : c->e_school[best];
}

static bool later(const or_columns *c, int a, int b) /* ref a after ref b, by (start, id) */
{
    return c->r_start[a] > c->r_start[b] ||
           (c->r_start[a] == c->r_start[b] && c->r_seq[a] > c->r_seq[b]);
}

/* Whether exclusion x counts over the whole record: what became of it gathered from the
 * columns as or_excl_fate_of gathers it from the facts (a `withdrawn` event; the first
 * `reinstated` event, else the latest board or review action of the first of the reinstating
 * rules whose latest action reinstated it), then excl.h's one decision. */
static bool counts(const or_columns *c, int x)
{
    or_excl_fate fate = {OR_DATE_NONE, c->x_start[x], false, false, OR_DATE_NONE, OR_DATE_NONE};
    int latest[OR_EXCL_REINSTATING] = {-1, -1, -1};
    for (int r = c->p_ref[c->x_pupil[x]]; r >= 0; r = c->r_next[r]) {
        if (c->r_school[r] != c->x_school[x] || strcmp(c->r_ref[r], c->x_id[x]) != 0)
            continue;
        switch (c->r_kind[r]) {
        case CX_R_WITHDRAWN:
            fate.withdrawn = true;
            fate.withdrawn_on = c->r_start[r];
            break;
        case CX_R_REINSTATED:
            if (!fate.reinstated || c->r_start[r] < fate.reinstated_on)
                fate.reinstated_on = c->r_start[r];
            fate.reinstated = true;
            break;
        default:
            if (latest[c->r_rule[r]] < 0 || later(c, r, latest[c->r_rule[r]]))
                latest[c->r_rule[r]] = r;
        }
    }
    for (int k = 0; k < OR_EXCL_REINSTATING && !fate.reinstated; k++)
        if (latest[k] >= 0 && c->r_reinstates[latest[k]]) {
            fate.reinstated = true;
            fate.reinstated_on = c->r_start[latest[k]];
        }
    return or_excl_fate_counts(&fate, INT32_MAX);
}

static void compute_pupil(or_columns *c, int p, const or_date *census)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    for (int y = 0; y < nyears; y++) {
        int k = school_on(c, p, census[y]);
        c->cen_school[y][p] = k;
        c->cen_snap[y][p] = k >= 0 ? snap_on(c, p, census[y]) : -1;
    }
    for (int x = c->p_excl[p]; x >= 0; x = c->x_next[x]) {
        int y = c->x_ay[x] - c->ay_lo;
        bool on_roll = y >= 0 && y < nyears && c->cen_school[y][p] >= 0;
        c->x_snap[x] = on_roll ? c->cen_snap[y][p] : snap_on(c, p, c->x_start[x]);
        c->x_counts[x] = c->x_snap[x] >= 0 && counts(c, x);
    }
}

/* Make the census arrays cover the years wanted (a change of years starts them again and
 * recomputes every pupil) and every pupil (new pupils start not on roll). */
static bool reserve_census(or_columns *c)
{
    int lo = c->want_lo, hi = c->want_hi;
    if (hi < lo)
        lo = hi = 0; /* nothing yet: one harmless year */
    if (hi - lo + 1 > CX_MAX_YEARS)
        lo = hi - CX_MAX_YEARS + 1;
    bool have = c->ay_hi >= c->ay_lo;
    if (!have || lo < c->ay_lo || hi > c->ay_hi) {
        if (have) {
            lo = lo < c->ay_lo ? lo : c->ay_lo;
            hi = hi > c->ay_hi ? hi : c->ay_hi;
            if (hi - lo + 1 > CX_MAX_YEARS)
                lo = hi - CX_MAX_YEARS + 1;
        }
        for (int y = 0; have && y <= c->ay_hi - c->ay_lo; y++) {
            free(c->cen_snap[y]);
            free(c->cen_school[y]);
        }
        free(c->cen_snap);
        free(c->cen_school);
        c->ay_lo = 0;
        c->ay_hi = -1;
        c->np_cen = c->cap_cen = 0;
        c->cen_snap = calloc((size_t)(hi - lo + 1), sizeof *c->cen_snap);
        c->cen_school = calloc((size_t)(hi - lo + 1), sizeof *c->cen_school);
        if (!c->cen_snap || !c->cen_school)
            return false;
        c->ay_lo = lo;
        c->ay_hi = hi;
        c->all_dirty = true;
    }
    int nyears = c->ay_hi - c->ay_lo + 1;
    if (c->np > c->cap_cen) {
        int cap = c->cap_p;
        for (int y = 0; y < nyears; y++) {
            RESERVE(c->cen_snap[y], cap);
            RESERVE(c->cen_school[y], cap);
        }
        c->cap_cen = cap;
    }
    for (int y = 0; y < nyears; y++)
        for (int p = c->np_cen; p < c->np; p++)
            c->cen_snap[y][p] = c->cen_school[y][p] = -1;
    c->np_cen = c->np;
    return true;
}

/* Regather the hot exclusion arrays: by academic year (a counting sort), within a year by
 * pupil (pupils are walked in index order). */
static bool rebuild_hot(or_columns *c)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    int cap = c->nx > 0 ? c->nx : 1;
    RESERVE(c->h_pupil, cap);
    RESERVE(c->h_snap, cap);
    RESERVE(c->h_school, cap);
    RESERVE(c->h_w, cap);
    RESERVE(c->h_half, cap);
    RESERVE(c->h_reason, cap);
    RESERVE(c->h_year, nyears + 1);
    int *fill = calloc((size_t)nyears + 1, sizeof *fill);
    if (!fill)
        return false;
    for (int x = 0; x < c->nx; x++)
        if (c->x_ay[x] >= c->ay_lo && c->x_ay[x] <= c->ay_hi)
            fill[c->x_ay[x] - c->ay_lo + 1]++;
    for (int y = 0; y < nyears; y++)
        fill[y + 1] += fill[y];
    memcpy(c->h_year, fill, ((size_t)nyears + 1) * sizeof *fill);
    for (int p = 0; p < c->np; p++)
        for (int x = c->p_excl[p]; x >= 0; x = c->x_next[x]) {
            if (c->x_ay[x] < c->ay_lo || c->x_ay[x] > c->ay_hi)
                continue; /* older than the census years: not grouped */
            int i = fill[c->x_ay[x] - c->ay_lo]++;
            /* lunchtime suspensions count in no published figure: the school census does not
             * collect them (shared/data/codesets/README.md), so DfE's suspension counts
             * leave them out */
            bool n = c->x_counts[x], perm = c->x_kind[x] == CX_X_PERM,
                 susp = c->x_kind[x] == CX_X_SUSP;
            c->h_pupil[i] = p;
            c->h_snap[i] = c->x_snap[x] < 0 ? 0 : c->x_snap[x];
            c->h_school[i] = c->x_school[x];
            c->h_w[i] = (uint8_t)((n && susp) | (n && perm) << 1);
            c->h_half[i] = n && susp ? c->x_sessions[x] : 0;
            memcpy(c->h_reason[i], c->x_reason[x], 3);
        }
    c->nh = fill[nyears - 1];
    free(fill);
    return true;
}

or_code or_columns_refresh(or_columns *c, or_error *err)
{
    if (!c->all_dirty && c->ndirty == 0 && c->np_cen == c->np)
        return OR_OK;
    if (!reserve_census(c))
        return nomem(err);
    int nyears = c->ay_hi - c->ay_lo + 1;
    or_date *census = malloc((size_t)nyears * sizeof *census);
    if (!census)
        return nomem(err);
    for (int y = 0; y < nyears; y++)
        census[y] = or_census_day(c->ay_lo + y);
    if (c->all_dirty)
        for (int p = 0; p < c->np; p++)
            compute_pupil(c, p, census);
    else
        for (int i = 0; i < c->ndirty; i++)
            compute_pupil(c, c->dirty[i], census);
    free(census);
    for (int i = 0; i < c->ndirty; i++)
        c->p_dirty[c->dirty[i]] = 0;
    c->ndirty = 0;
    c->all_dirty = false;
    if (!rebuild_hot(c))
        return nomem(err);
    return OR_OK;
}

/* ---- load ---- */

static or_columns *create(or_error *err)
{
    or_columns *c = calloc(1, sizeof *c);
    if (!c) {
        nomem(err);
        return NULL;
    }
    c->arena.block_size = 1 << 20;
    or_strmap_init(&c->by_upn.longer, &c->arena);
    or_strmap_init(&c->eth_cache, &c->arena);
    or_strmap_init(&c->need_cache, &c->arena);
    c->ay_lo = c->want_lo = 0;
    c->ay_hi = c->want_hi = -1;
    if (cx_dicts_init(c, err) || !reserve_snaps(c)) {
        or_columns_free(c);
        nomem(err);
        return NULL;
    }
    return c;
}

typedef struct {
    or_columns *c;
    or_kind_id kind;
} scan_ctx;

static or_code on_row(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    scan_ctx *s = ctx;
    return or_columns_add(s->c, s->kind, row, meta->id, err);
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The LA dictionary in order of LA number (schools arrive by URN). */
static or_code sort_las(or_columns *c, or_error *err)
{
    cx_dict *d = &c->dict[OR_DIM_LA];
    const char **sorted = malloc(((size_t)d->n + 1) * sizeof *sorted);
    int *to = malloc(((size_t)d->n + 1) * sizeof *to);
    if (!sorted || !to) {
        free(sorted);
        free(to);
        return nomem(err);
    }
    memcpy(sorted, d->code, (size_t)d->n * sizeof *sorted);
    qsort(sorted, (size_t)d->n, sizeof *sorted, cmp_code); /* 3 digits: text order is numeric */
    for (int i = 0; i < d->n; i++)
        for (int j = 0; j < d->n; j++)
            if (d->code[i] == sorted[j])
                to[i] = j;
    for (int k = 0; k < c->nsch; k++)
        c->sch_la[k] = to[c->sch_la[k]];
    memcpy(d->code, sorted, (size_t)d->n * sizeof *sorted);
    memcpy(d->label, sorted, (size_t)d->n * sizeof *sorted);
    free(sorted);
    free(to);
    return OR_OK;
}

or_code or_columns_load(or_store *s, or_columns **out, or_error *err)
{
    *out = NULL;
    or_columns *c = create(err);
    if (!c)
        return OR_ENOMEM;
    static const or_kind_id kinds[] = {OR_K_SCHOOLS, OR_K_PUPILS, OR_K_ENROLMENTS, OR_K_EVENTS};
    or_code rc = OR_OK;
    for (size_t i = 0; !rc && i < sizeof kinds / sizeof kinds[0]; i++) {
        scan_ctx ctx = {c, kinds[i]};
        rc = or_store_scan_pupil(s, or_kind_get(kinds[i]), NULL, on_row, &ctx, err);
        if (!rc && kinds[i] == OR_K_SCHOOLS)
            rc = sort_las(c, err);
    }
    if (!rc) {
        c->all_dirty = true;
        rc = or_columns_refresh(c, err);
    }
    if (rc) {
        or_columns_free(c);
        return rc;
    }
    *out = c;
    return OR_OK;
}

void or_columns_free(or_columns *c)
{
    if (!c)
        return;
    void *cols[] = {
        c->p_snap,  c->p_enrol,  c->p_excl,    c->p_ref,      c->p_dirty,      c->dirty,
        c->s_pupil, c->s_next,   c->s_as_of,   c->s_seq,      c->s_age_k,      c->s_yg_b,
        c->e_pupil, c->e_next,   c->e_school,  c->e_start,    c->e_end,        c->x_pupil,
        c->x_next,  c->x_school, c->x_snap,    c->x_start,    c->x_ay,         c->x_seq,
        c->x_kind,  c->x_counts, c->x_reason,  c->x_sessions, c->x_id,         c->r_pupil,
        c->r_next,  c->r_school, c->r_kind,    c->r_rule,     c->r_reinstates, c->r_start,
        c->r_seq,   c->r_ref,    c->sch_urn,   c->sch_phase,  c->sch_la,       c->urn_index,
        c->h_pupil, c->h_snap,   c->h_school,  c->h_w,        c->h_half,       c->h_reason,
        c->h_year,  c->eth_main, c->eth_major, c->need_value};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        free(cols[i]);
    for (int d = 0; d < CX_S__N; d++)
        free(c->s_dim[d]);
    for (int y = 0; c->cen_snap && y <= c->ay_hi - c->ay_lo; y++) {
        free(c->cen_snap[y]);
        free(c->cen_school ? c->cen_school[y] : NULL);
    }
    free(c->cen_snap);
    free(c->cen_school);
    for (int d = 0; d < OR_DIM__COUNT; d++) {
        free(c->dict[d].code);
        free(c->dict[d].label);
    }
    free(c->by_upn.slots);
    or_strmap_free(&c->by_upn.longer);
    or_strmap_free(&c->eth_cache);
    or_strmap_free(&c->need_cache);
    or_arena_free(&c->arena);
    free(c);
}

void or_columns_info_get(const or_columns *c, or_columns_info *out)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    size_t per_pupil = 4 * sizeof(int32_t) + 1 + (size_t)nyears * 2 * sizeof(int32_t);
    size_t per_snap = 2 * sizeof(int32_t) + sizeof(or_date) + 8 + CX_S__N + 4;
    size_t per_enrol = 3 * sizeof(int32_t) + 2 * sizeof(or_date);
    size_t per_excl = 4 * 4 + 4 + 2 + 8 + 2 + 3 + 2 + sizeof(char *) + 3 * 4 + 1 + 2 + 3;
    *out = (or_columns_info){
        .pupils = c->np,
        .snapshots = c->ns,
        .enrolments = c->ne,
        .exclusions = c->nx,
        .schools = c->nsch,
        .las = c->dict[OR_DIM_LA].n,
        .ay_first = nyears > 0 ? c->ay_lo : 0,
        .ay_last = nyears > 0 ? c->ay_hi : -1,
        .bytes = (size_t)c->cap_p * per_pupil + (size_t)c->cap_s * per_snap +
                 (size_t)c->cap_e * per_enrol + (size_t)c->cap_x * per_excl +
                 c->by_upn.cap * sizeof(cx_slot),
    };
}
