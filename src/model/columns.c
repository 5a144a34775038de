/* columns.c - rows into the columnar model (columns.h): the raw tables, the pupils' map and
 * the schools; creating and freeing the model.
 *
 * Rows (from the load: columns_load.c, or from or_columns_add) go into append-only raw tables,
 * chained per pupil. A refresh (columns_derive.c) then recomputes, for the pupils rows touched
 * (every pupil after a load), the derived arrays the queries read: each academic year's census
 * snapshot and school, each exclusion's counting flag and statistics snapshot, and the pupil's rows
 * of the hot exclusion arrays (columns_internal.h: a base segment regathered by a full refresh with
 * a counting sort, O(pupils + exclusions), and a small tail the rows of pupils changed since then
 * move to), so that keeping the model current costs what changed, not the size of the model.
 *
 * Why the chains: a pupil's rows arrive in any order over the model's life, and every look-up
 * ("the snapshot in force on d", "the first reinstatement") compares dates and ids rather than
 * relying on order, so the same answer comes from a load or from any sequence of adds. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"
#include "onroll/alloc.h"
#include "onroll/excl.h"
#include "onroll/facts.h"

/* The capacity for n elements: doubling from 1024. */
int cx_grown(int cap, int n)
{
    if (cap >= n)
        return cap;
    cap = cap ? cap : 1024;
    while (cap < n)
        cap = cap > INT_MAX / 2 ? INT_MAX : cap * 2;
    return cap;
}

void cx_hot_free(cx_hot *h)
{
    free(h->pupil);
    free(h->snap);
    free(h->school);
    free(h->w);
    free(h->half);
    free(h->reason);
    free(h->start);
    free(h->year);
    memset(h, 0, sizeof *h);
}

bool cx_reserve_pupils(or_columns *c, int n)
{
    if (c->np + n <= c->cap_p)
        return true;
    int cap = cx_grown(c->cap_p, c->np + n);
    RESERVE(c->p_snap, cap);
    RESERVE(c->p_enrol, cap);
    RESERVE(c->p_excl, cap);
    RESERVE(c->p_ref, cap);
    RESERVE(c->p_dirty, cap);
    c->cap_p = cap;
    return true;
}

bool cx_reserve_snaps(or_columns *c, int n)
{
    if (c->ns + n <= c->cap_s)
        return true;
    int cap = cx_grown(c->cap_s, c->ns + n);
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

/* Room for n more enrolments, exclusions, references. */
bool cx_reserve_enrols(or_columns *c, int n)
{
    if (c->ne + n <= c->cap_e)
        return true;
    int cap = cx_grown(c->cap_e, c->ne + n);
    RESERVE(c->e_pupil, cap);
    RESERVE(c->e_next, cap);
    RESERVE(c->e_school, cap);
    RESERVE(c->e_start, cap);
    RESERVE(c->e_end, cap);
    c->cap_e = cap;
    return true;
}

bool cx_reserve_excls(or_columns *c, int n)
{
    if (c->nx + n <= c->cap_x)
        return true;
    int cap = cx_grown(c->cap_x, c->nx + n);
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

bool cx_reserve_refs(or_columns *c, int n)
{
    if (c->nr + n <= c->cap_r)
        return true;
    int cap = cx_grown(c->cap_r, c->nr + n);
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
    int cap = cx_grown(c->cap_sch, c->nsch + 1);
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

void cx_want_year(or_columns *c, int ay)
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
    if (c->loading || c->p_dirty[p])
        return;
    OR_ALLOC_GROW(c->dirty, c->ndirty + 1, c->cap_dirty);
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

void cx_upn_key(const char *upn, size_t len, uint64_t k[2])
{
    k[0] = k[1] = 0;
    memcpy(k, upn, len < 16 ? len : 15);
}

uint64_t cx_key_hash(const uint64_t k[2])
{
    return mix(k[0], k[1]);
}

void cx_prefetch_key(const or_columns *c, uint64_t h)
{
    if (c->by_upn.cap)
        __builtin_prefetch(&c->by_upn.slots[h & (c->by_upn.cap - 1)]);
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

int cx_pupil_find(const or_columns *c, const uint64_t k[2], uint64_t h)
{
    const cx_upnmap *m = &c->by_upn;
    if (!m->cap)
        return -1;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const cx_slot *s = &m->slots[i];
        if (!s->v)
            return -1;
        if (s->k[0] == k[0] && s->k[1] == k[1])
            return s->v - 1;
    }
}

bool cx_map_reserve(or_columns *c, size_t n)
{
    cx_upnmap *m = &c->by_upn;
    while (n * 10 > m->cap * 7)
        if (!map_grow(m))
            return false;
    return true;
}

/* The slot of key k (hash h; found, or empty where it goes); NULL when out of memory. */
static cx_slot *map_slot(cx_upnmap *m, const uint64_t k[2], uint64_t h)
{
    if ((m->len + 1) * 10 > m->cap * 7) {
        if (!map_grow(m))
            return NULL;
    }
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
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
    if (!cx_reserve_pupils(c, 1))
        return -1;
    int p = c->np++;
    c->p_snap[p] = c->p_enrol[p] = c->p_excl[p] = c->p_ref[p] = -1;
    c->p_dirty[p] = 0;
    return p;
}

int cx_pupil_put(or_columns *c, const uint64_t k[2], uint64_t h)
{
    cx_slot *s = map_slot(&c->by_upn, k, h);
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

int cx_pupil_of(or_columns *c, const char *upn)
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
    uint64_t k[2];
    cx_upn_key(upn, len, k);
    return cx_pupil_put(c, k, mix(k[0], k[1]));
}

int cx_school_find(const or_columns *c, int urn)
{
    if (urn < 100000 || urn > 999999 || !c->urn_index)
        return -1;
    return c->urn_index[urn - 100000] - 1;
}

int cx_put_school(or_columns *c, int urn, int la_code, const char *phase, const char *name)
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
    int i = cx_school_find(c, urn);
    if (i < 0) {
        if (!reserve_schools(c))
            return -1;
        i = c->nsch;
        snprintf(code, sizeof code, "%d", urn);
        if (cx_dict_push(c, &c->dict[OR_DIM_SCHOOL], code, name ? name : code) != i)
            return -1;
        if (i > 0 && c->sch_urn[i - 1] > urn)
            c->schools_unsorted = true;
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

int cx_school_of(or_columns *c, int urn)
{
    int i = cx_school_find(c, urn);
    return i >= 0 ? i : cx_put_school(c, urn, 0, NULL, NULL);
}

static or_date date_or(const or_value *v, or_date none)
{
    return v->null ? none : (or_date)v->i;
}

static or_code add_school(or_columns *c, const or_value *r, or_error *err)
{
    if (cx_put_school(c, (int)r[OR_SC_URN].i, (int)r[OR_SC_LA_CODE].i, r[OR_SC_PHASE].s,
                      r[OR_SC_NAME].s) < 0)
        return nomem(err);
    return OR_OK;
}

static or_code add_snapshot(or_columns *c, const or_value *r, int64_t id, or_error *err)
{
    int p = cx_pupil_of(c, r[OR_PU_UPN].s);
    if (p < 0 || !cx_reserve_snaps(c, 1))
        return nomem(err);
    int i = c->ns++;
    c->s_pupil[i] = p;
    c->s_as_of[i] = date_or(&r[OR_PU_AS_OF], 0);
    c->s_seq[i] = id;
    cx_encode_snapshot(c, i, r);
    c->s_next[i] = c->p_snap[p];
    c->p_snap[p] = i;
    cx_want_year(c, or_date_academic_year(c->s_as_of[i]));
    dirty(c, p);
    return OR_OK;
}

static or_code add_enrolment(or_columns *c, const or_value *r, or_error *err)
{
    if (!r[OR_EN_TYPE].s || strcmp(r[OR_EN_TYPE].s, "main") != 0)
        return OR_OK; /* dual and subsidiary registrations are not in the headcount */
    int p = cx_pupil_of(c, r[OR_EN_UPN].s);
    int k = cx_school_of(c, (int)r[OR_EN_URN].i);
    if (p < 0 || k < 0)
        return nomem(err);
    or_date start = date_or(&r[OR_EN_START], 0), end = date_or(&r[OR_EN_END], INT32_MAX);
    for (int e = c->p_enrol[p]; e >= 0; e = c->e_next[e])
        if (c->e_school[e] == k && c->e_start[e] == start) { /* the same registration, updated */
            c->e_end[e] = end;
            dirty(c, p);
            return OR_OK;
        }
    if (!cx_reserve_enrols(c, 1))
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
    int p = cx_pupil_of(c, r[OR_EV_UPN].s);
    int k = cx_school_of(c, (int)r[OR_EV_URN].i);
    if (p < 0 || k < 0)
        return nomem(err);
    or_date start = date_or(&r[OR_EV_START], 0);
    if (excl) {
        if (!cx_reserve_excls(c, 1))
            return nomem(err);
        int i = c->nx++;
        c->x_pupil[i] = p;
        c->x_school[i] = k;
        c->x_start[i] = start;
        c->x_ay[i] = (int16_t)or_date_academic_year(start);
        c->x_seq[i] = id;
        c->x_kind[i] = cx_kind_of(kind); /* what it counts as (published.h) */
        c->x_counts[i] = 0;
        c->x_snap[i] = -1;
        int64_t sessions = r[OR_EV_SESSIONS].null ? 0 : r[OR_EV_SESSIONS].i;
        c->x_sessions[i] = (uint16_t)(sessions < 0 ? 0 : sessions > 65535 ? 65535 : sessions);
        cx_encode_reasons(c, r[OR_EV_REASONS].null ? NULL : r[OR_EV_REASONS].s, c->x_reason[i]);
        c->x_id[i] = or_arena_strdup(&c->arena, r[OR_EV_EVENT_ID].s ? r[OR_EV_EVENT_ID].s : "");
        c->x_next[i] = c->p_excl[p];
        c->p_excl[p] = i;
        cx_want_year(c, c->x_ay[i]);
    } else {
        if (!cx_reserve_refs(c, 1))
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

/* ---- creating and freeing ---- */

or_columns *cx_create(or_error *err)
{
    or_columns *c = calloc(1, sizeof *c);
    if (!c) {
        nomem(err);
        return NULL;
    }
    c->arena.block_size = 1 << 20;
    c->arena2.block_size = 1 << 20;
    or_strmap_init(&c->by_upn.longer, &c->arena);
    or_strmap_init(&c->eth_cache, &c->arena);
    or_strmap_init(&c->need_cache, &c->arena);
    c->ay_lo = c->want_lo = 0;
    c->ay_hi = c->want_hi = -1;
    if (cx_dicts_init(c, err) || !cx_reserve_snaps(c, 1)) {
        or_columns_free(c);
        nomem(err);
        return NULL;
    }
    c->las_sorted = c->dict[OR_DIM_LA].n;
    return c;
}

void or_columns_free(or_columns *c)
{
    if (!c)
        return;
    void *cols[] = {c->p_snap,   c->p_enrol,   c->p_excl,     c->p_ref,     c->p_dirty,
                    c->dirty,    c->s_pupil,   c->s_next,     c->s_as_of,   c->s_seq,
                    c->s_age_k,  c->s_yg_b,    c->e_pupil,    c->e_next,    c->e_school,
                    c->e_start,  c->e_end,     c->x_pupil,    c->x_next,    c->x_school,
                    c->x_snap,   c->x_start,   c->x_ay,       c->x_seq,     c->x_kind,
                    c->x_counts, c->x_reason,  c->x_sessions, c->x_id,      c->r_pupil,
                    c->r_next,   c->r_school,  c->r_kind,     c->r_rule,    c->r_reinstates,
                    c->r_start,  c->r_seq,     c->r_ref,      c->sch_urn,   c->sch_phase,
                    c->sch_la,   c->urn_index, c->eth_main,   c->eth_major, c->need_value};
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
    cx_hot_free(&c->hot);
    cx_hot_free(&c->tail);
    for (int d = 0; d < OR_DIM__COUNT; d++) {
        free(c->dict[d].code);
        free(c->dict[d].label);
    }
    free(c->by_upn.slots);
    or_strmap_free(&c->by_upn.longer);
    or_strmap_free(&c->eth_cache);
    or_strmap_free(&c->need_cache);
    or_arena_free(&c->arena);
    or_arena_free(&c->arena2);
    free(c);
}

void or_columns_info_get(const or_columns *c, or_columns_info *out)
{
    int nyears = c->ay_hi - c->ay_lo + 1;
    size_t per_pupil = 4 * sizeof(int32_t) + 1;
    size_t per_census = 2 * sizeof(int32_t);
    size_t per_snap = 2 * sizeof(int32_t) + sizeof(or_date) + 8 + CX_S__N + 4;
    size_t per_enrol = 3 * sizeof(int32_t) + 2 * sizeof(or_date);
    size_t per_excl = 4 * 4 + 4 + 2 + 8 + 1 + 1 + 3 + 2 + sizeof(char *);
    size_t per_ref = 3 * 4 + 3 + 4 + 8 + sizeof(char *);
    size_t per_hot = 3 * 4 + 1 + 2 + 3 + 4;
    *out = (or_columns_info){
        .pupils = c->np,
        .snapshots = c->ns,
        .enrolments = c->ne,
        .exclusions = c->nx,
        .schools = c->nsch,
        .las = c->dict[OR_DIM_LA].n,
        .ay_first = nyears > 0 ? c->ay_lo : 0,
        .ay_last = nyears > 0 ? c->ay_hi : -1,
        .bytes = (size_t)c->cap_p * per_pupil + (size_t)c->cap_cen * per_census * (size_t)nyears +
                 (size_t)c->cap_s * per_snap + (size_t)c->cap_e * per_enrol +
                 (size_t)c->cap_x * per_excl + (size_t)c->cap_r * per_ref +
                 (size_t)(c->hot.cap + c->tail.cap) * per_hot + c->by_upn.cap * sizeof(cx_slot),
    };
}
