/* columns_load.c - loading the columnar model (columns.h) from the store, fast: each table is
 * read once with only the columns the model keeps (or_store_scan_rows: no source names, no
 * order, the other events filtered out in SQL), and on SQLite two tables at a time.
 *
 * The pupils' snapshots are read by the calling thread, which owns the pupils' map and the
 * dictionaries of characteristics while it does; meanwhile a second thread, on a connection
 * of its own, reads the enrolments and the events straight into their columns, keeping each
 * row's UPN as its 16-byte map key (never touching the map, the shared arena or a dictionary it
 * would have to add to: what it cannot settle alone - an unknown school or reason code, a UPN
 * too long for a key - it leaves for after). Then the keys are resolved to pupils (look-ups
 * only, in both threads; the pupils no snapshot named are added after), each pupil's chains
 * are linked (each thread its half of the pupils), and the derived arrays are computed, the
 * pupils again shared between the threads.
 *
 * Consistency: every scan reads only rows of sources up to one id (src_upto), so rows written
 * while the load runs are left to the live model's replay (live.h) rather than half seen; on
 * SQLite writers take turns, so a source's id orders its commit. PostgreSQL, where a source
 * with a lower id may commit later, is read on one connection in one snapshot. */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "model/columns_internal.h"
#include "onroll/alloc.h"
#include "onroll/excl.h"
#include "onroll/facts.h"

static or_code nomem(or_error *err)
{
    return or_fail(err, OR_ENOMEM, "out of memory loading the columnar model");
}

/* ---- schools, in URN order ---- */

typedef struct {
    int urn, la;
    const char *phase, *name;
} school_row;

typedef struct {
    school_row *rows;
    int n, cap;
    or_arena *a;
} schools_ctx;

static or_code on_school(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    schools_ctx *s = ctx;
    (void)m;
    OR_ALLOC_GROW(s->rows, s->n + 1, s->cap);
    s->rows[s->n++] =
        (school_row){(int)r[OR_SC_URN].i, (int)r[OR_SC_LA_CODE].i,
                     r[OR_SC_PHASE].s ? or_arena_strdup(s->a, r[OR_SC_PHASE].s) : NULL,
                     r[OR_SC_NAME].s ? or_arena_strdup(s->a, r[OR_SC_NAME].s) : NULL};
    return OR_OK;
}

static int by_urn(const void *a, const void *b)
{
    int x = ((const school_row *)a)->urn, y = ((const school_row *)b)->urn;
    return (x > y) - (x < y);
}

static or_code load_schools(or_columns *c, or_store *s, int64_t upto, or_error *err)
{
    or_arena a = {NULL, 1 << 16};
    schools_ctx ctx = {NULL, 0, 0, &a};
    or_scan_spec spec = cx_scan_spec(OR_K_SCHOOLS);
    spec.src_upto = upto;
    or_code rc = or_store_scan_rows(s, or_kind_get(OR_K_SCHOOLS), &spec, on_school, &ctx, err);
    if (!rc && ctx.n > 1)
        qsort(ctx.rows, (size_t)ctx.n, sizeof *ctx.rows, by_urn);
    for (int i = 0; !rc && i < ctx.n; i++)
        if (cx_put_school(c, ctx.rows[i].urn, ctx.rows[i].la, ctx.rows[i].phase, ctx.rows[i].name) <
            0)
            rc = nomem(err);
    free(ctx.rows);
    or_arena_free(&a);
    return rc ? rc : cx_sort_las(c, err);
}

/* ---- the rows, staged with their UPN keys ---- */

typedef struct {
    int kind; /* 0 enrolment, 1 exclusion, 2 reference */
    int row;
    const char *text; /* the reasons (kind 1), else NULL */
} fixup;

typedef struct {
    or_columns *c;
    /* the rows' UPN keys; a key whose second word is all ones names long[first word] */
    uint64_t (*skey)[2], (*ekey)[2], (*xkey)[2], (*rkey)[2];
    int scap, ecap, xcap, rcap;
    const char **longer;
    int nlonger, cap_longer;
    fixup *fix;
    int nfix, cap_fix;
    int lo, hi;      /* the exclusions' academic years */
    or_arena *arena; /* this thread's: the model's own, or arena2 for the second thread */
} staged;

static bool grow_keys(uint64_t (**k)[2], int *cap, int n)
{
    OR_ALLOC_GROW(*k, n, *cap);
    return true;
}

static bool stage_key(staged *st, const char *upn, uint64_t key[2])
{
    size_t len = upn ? strlen(upn) : 0;
    if (len < 16) {
        cx_upn_key(upn ? upn : "", len, key);
        return true;
    }
    OR_ALLOC_GROW(st->longer, st->nlonger + 1, st->cap_longer);
    st->longer[st->nlonger] = or_arena_strdup(st->arena, upn);
    key[0] = (uint64_t)st->nlonger++;
    key[1] = UINT64_MAX;
    return true;
}

static bool add_fix(staged *st, int kind, int row, const char *text)
{
    OR_ALLOC_GROW(st->fix, st->nfix + 1, st->cap_fix);
    st->fix[st->nfix++] = (fixup){kind, row, text ? or_arena_strdup(st->arena, text) : NULL};
    return true;
}

/* A school's index, or -1 - urn when the model does not know it yet (settled after). */
static int32_t stage_school(const or_columns *c, int64_t urn)
{
    int k = cx_school_find(c, (int)urn);
    return k >= 0 ? k : -1 - (int32_t)(urn < 0 ? 0 : urn > INT32_MAX - 1 ? INT32_MAX - 1 : urn);
}

static or_date date_or(const or_value *v, or_date none)
{
    return v->null ? none : (or_date)v->i;
}

/* Snapshots: encoded into their columns by the calling thread, which owns the dictionaries of
 * characteristics meanwhile; their pupils are settled after (the first snapshot of a UPN makes
 * its pupil). */
static or_code on_snapshot(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    staged *st = ctx;
    or_columns *c = st->c;
    if (!cx_reserve_snaps(c, 1) || !grow_keys(&st->skey, &st->scap, c->ns + 1))
        return nomem(err);
    int i = c->ns;
    if (!stage_key(st, r[OR_PU_UPN].s, st->skey[i]))
        return nomem(err);
    c->s_as_of[i] = date_or(&r[OR_PU_AS_OF], 0);
    c->s_seq[i] = m->id;
    cx_encode_snapshot(c, i, r);
    cx_want_year(c, or_date_academic_year(c->s_as_of[i]));
    c->ns++;
    return OR_OK;
}

static or_code load_snapshots(staged *st, or_store *s, int64_t upto, or_error *err)
{
    static const int cols[] = {OR_PU_UPN,
                               OR_PU_DOB,
                               OR_PU_SEX,
                               OR_PU_ETHNICITY,
                               OR_PU_FSM,
                               OR_PU_SEN,
                               OR_PU_AS_OF,
                               OR_PU_FSM6,
                               OR_PU_SEN_NEED,
                               OR_PU_CLA,
                               OR_PU_CIN,
                               OR_PU_YEAR_GROUP,
                               OR_PU_EAL,
                               OR_PU_PLA,
                               OR_PU_CP,
                               OR_PU_YJS,
                               OR_PU_SOCIAL_WORKER_SINCE};
    or_scan_spec spec = {cols, (int)(sizeof cols / sizeof cols[0]), .src_upto = upto};
    return or_store_scan_rows(s, or_kind_get(OR_K_PUPILS), &spec, on_snapshot, st, err);
}

static or_code on_enrolment(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    staged *st = ctx;
    or_columns *c = st->c;
    (void)m;
    if (!cx_reserve_enrols(c, 1) || !grow_keys(&st->ekey, &st->ecap, c->ne + 1))
        return nomem(err);
    int i = c->ne;
    if (!stage_key(st, r[OR_EN_UPN].s, st->ekey[i]))
        return nomem(err);
    c->e_school[i] = stage_school(c, r[OR_EN_URN].i);
    if (c->e_school[i] < 0 && !add_fix(st, 0, i, NULL))
        return nomem(err);
    c->e_start[i] = date_or(&r[OR_EN_START], 0);
    c->e_end[i] = date_or(&r[OR_EN_END], INT32_MAX);
    c->ne++;
    return OR_OK;
}

/* The reason values of a reasons cell from the dictionary as it is (cx_encode_reasons, without
 * adding a code): false when a code is not in it. */
static bool find_reasons(const or_columns *c, const char *reasons, uint8_t out[3])
{
    out[0] = out[1] = out[2] = CX_NONE8;
    if (!reasons)
        return true;
    int n = 0;
    const char *p = reasons;
    while (*p && n < 3) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        char code[16];
        if (len > 0 && len < sizeof code) {
            memcpy(code, p, len);
            code[len] = '\0';
            int v = cx_dict_find(&c->dict[OR_DIM_REASON], code);
            if (v < 0)
                return false;
            bool dup = false;
            for (int j = 0; j < n; j++)
                dup |= out[j] == v;
            if (v < CX_NONE8 && !dup)
                out[n++] = (uint8_t)v;
        }
        if (!semi)
            break;
        p = semi + 1;
    }
    return true;
}

static or_code on_event(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    staged *st = ctx;
    or_columns *c = st->c;
    int kind = r[OR_EV_TYPE].s ? or_event_kind_parse(r[OR_EV_TYPE].s) : -1;
    int rule = kind == OR_EV_ACTION ? or_excl_reinstating(r[OR_EV_RULE].s) : -1;
    bool excl = kind == OR_EV_SUSPENSION || kind == OR_EV_LUNCHTIME || kind == OR_EV_PERMANENT;
    bool ref = ((kind == OR_EV_WITHDRAWN || kind == OR_EV_REINSTATED) ||
                (kind == OR_EV_ACTION && rule >= 0)) &&
               r[OR_EV_REF].s;
    or_date start = date_or(&r[OR_EV_START], 0);
    if (excl) {
        if (!cx_reserve_excls(c, 1) || !grow_keys(&st->xkey, &st->xcap, c->nx + 1))
            return nomem(err);
        int i = c->nx;
        if (!stage_key(st, r[OR_EV_UPN].s, st->xkey[i]))
            return nomem(err);
        c->x_school[i] = stage_school(c, r[OR_EV_URN].i);
        c->x_start[i] = start;
        int ay = or_date_academic_year(start);
        c->x_ay[i] = (int16_t)ay;
        c->x_seq[i] = m->id;
        c->x_kind[i] = cx_kind_of(kind); /* what it counts as (published.h) */
        c->x_counts[i] = 0;
        c->x_snap[i] = -1;
        int64_t sessions = r[OR_EV_SESSIONS].null ? 0 : r[OR_EV_SESSIONS].i;
        c->x_sessions[i] = (uint16_t)(sessions < 0 ? 0 : sessions > 65535 ? 65535 : sessions);
        const char *reasons = r[OR_EV_REASONS].null ? NULL : r[OR_EV_REASONS].s;
        bool known = find_reasons(c, reasons, c->x_reason[i]);
        if ((c->x_school[i] < 0 || !known) && !add_fix(st, 1, i, known ? NULL : reasons))
            return nomem(err);
        c->x_id[i] = or_arena_strdup(st->arena, r[OR_EV_EVENT_ID].s ? r[OR_EV_EVENT_ID].s : "");
        if (!c->x_id[i])
            return nomem(err);
        if (st->hi < st->lo)
            st->lo = st->hi = ay;
        st->lo = ay < st->lo ? ay : st->lo;
        st->hi = ay > st->hi ? ay : st->hi;
        c->nx++;
    } else if (ref) {
        if (!cx_reserve_refs(c, 1) || !grow_keys(&st->rkey, &st->rcap, c->nr + 1))
            return nomem(err);
        int i = c->nr;
        if (!stage_key(st, r[OR_EV_UPN].s, st->rkey[i]))
            return nomem(err);
        c->r_school[i] = stage_school(c, r[OR_EV_URN].i);
        if (c->r_school[i] < 0 && !add_fix(st, 2, i, NULL))
            return nomem(err);
        c->r_kind[i] = kind == OR_EV_WITHDRAWN    ? CX_R_WITHDRAWN
                       : kind == OR_EV_REINSTATED ? CX_R_REINSTATED
                                                  : CX_R_ACTION;
        c->r_rule[i] = (uint8_t)(rule < 0 ? 0 : rule);
        c->r_reinstates[i] = r[OR_EV_OUTCOME].s && strcmp(r[OR_EV_OUTCOME].s, "reinstated") == 0;
        c->r_start[i] = start;
        c->r_seq[i] = m->id;
        c->r_ref[i] = or_arena_strdup(st->arena, r[OR_EV_REF].s);
        if (!c->r_ref[i])
            return nomem(err);
        c->nr++;
    }
    return OR_OK;
}

static const char *const excl_types[] = {"suspension", "lunchtime",  "permanent",
                                         "withdrawn",  "reinstated", NULL};
static const char *const action_type[] = {"action", NULL};
static const char *const reinstating[] = {"STAT-GB-15DAY", "STAT-GB-50DAY", "STAT-IRP-RECONSIDER",
                                          NULL};
static const char *const main_type[] = {"main", NULL};

static or_code stage_rows(staged *st, or_store *s, int64_t upto, or_error *err)
{
    or_scan_spec es = cx_scan_spec(OR_K_ENROLMENTS);
    es.src_upto = upto;
    es.ncols = 4; /* the type is in the clause */
    or_code rc = or_store_scan_rows(s, or_kind_get(OR_K_ENROLMENTS), &es, on_enrolment, st, err);
    if (rc)
        return rc;
    or_scan_spec vs = cx_scan_spec(OR_K_EVENTS);
    vs.src_upto = upto;
    vs.whole = true;
    return or_store_scan_rows(s, or_kind_get(OR_K_EVENTS), &vs, on_event, st, err);
}

or_scan_spec cx_scan_spec(or_kind_id k)
{
    static const int scols[] = {OR_SC_URN, OR_SC_NAME, OR_SC_PHASE, OR_SC_LA_CODE};
    static const int pcols[] = {OR_PU_UPN,
                                OR_PU_DOB,
                                OR_PU_SEX,
                                OR_PU_ETHNICITY,
                                OR_PU_FSM,
                                OR_PU_SEN,
                                OR_PU_AS_OF,
                                OR_PU_FSM6,
                                OR_PU_SEN_NEED,
                                OR_PU_CLA,
                                OR_PU_CIN,
                                OR_PU_YEAR_GROUP,
                                OR_PU_EAL,
                                OR_PU_PLA,
                                OR_PU_CP,
                                OR_PU_YJS,
                                OR_PU_SOCIAL_WORKER_SINCE};
    static const int ecols[] = {OR_EN_UPN, OR_EN_URN, OR_EN_START, OR_EN_END, OR_EN_TYPE};
    /* exclusions, what can stop one counting, and the board's and review's decisions (the
     * other actions are most of the ledger and never matter here) */
    static const int vcols[] = {OR_EV_EVENT_ID, OR_EV_UPN,      OR_EV_URN,     OR_EV_TYPE,
                                OR_EV_START,    OR_EV_SESSIONS, OR_EV_REASONS, OR_EV_REF,
                                OR_EV_RULE,     OR_EV_OUTCOME};
    switch (k) {
    case OR_K_SCHOOLS:
        return (or_scan_spec){scols, 4, .nclauses = 0};
    case OR_K_PUPILS:
        return (or_scan_spec){pcols, (int)(sizeof pcols / sizeof pcols[0]), .nclauses = 0};
    case OR_K_ENROLMENTS:
        return (or_scan_spec){ecols, 5, {{{OR_EN_TYPE, main_type}}}, 1, 0, 0, false, false};
    case OR_K_EVENTS:
        return (or_scan_spec){
            vcols,
            (int)(sizeof vcols / sizeof vcols[0]),
            {{{OR_EV_TYPE, excl_types}}, {{OR_EV_TYPE, action_type}, {OR_EV_RULE, reinstating}}},
            2,
            0,
            0,
            false,
            false};
    default:
        return (or_scan_spec){NULL, 0, .nclauses = 0};
    }
}

typedef struct {
    staged *st;
    or_store *s;
    int64_t upto;
    or_code rc;
    or_error err;
} stage_job;

static void *stage_thread(void *arg)
{
    stage_job *j = arg;
    j->rc = stage_rows(j->st, j->s, j->upto, &j->err);
    return NULL;
}

/* ---- keys to pupils, chains ---- */

typedef struct {
    const or_columns *c;
    uint64_t (*key)[2];
    int32_t *pupil;
    int i0, i1;
} find_part;

enum { AHEAD = 8 }; /* look-ups prefetched ahead */

static void *find_range(void *arg)
{
    find_part *f = arg;
    uint64_t h[AHEAD];
    for (int i = f->i0; i < f->i1 && i < f->i0 + AHEAD; i++) {
        h[i % AHEAD] = cx_key_hash(f->key[i]);
        cx_prefetch_key(f->c, h[i % AHEAD]);
    }
    for (int i = f->i0; i < f->i1; i++) {
        uint64_t hi = h[i % AHEAD];
        if (i + AHEAD < f->i1) {
            h[i % AHEAD] = cx_key_hash(f->key[i + AHEAD]);
            cx_prefetch_key(f->c, h[i % AHEAD]);
        }
        f->pupil[i] = f->key[i][1] == UINT64_MAX ? -1 : cx_pupil_find(f->c, f->key[i], hi);
    }
    return NULL;
}

/* The snapshots' pupils, in the order of the snapshots (new UPNs become new pupils), the
 * map's slots fetched a few keys ahead. */
static or_code insert_keys(or_columns *c, const staged *st, uint64_t (*key)[2], int32_t *pupil,
                           int n, or_error *err)
{
    uint64_t h[AHEAD];
    for (int i = 0; i < n && i < AHEAD; i++) {
        h[i % AHEAD] = cx_key_hash(key[i]);
        cx_prefetch_key(c, h[i % AHEAD]);
    }
    for (int i = 0; i < n; i++) {
        uint64_t hi = h[i % AHEAD];
        if (i + AHEAD < n) {
            h[i % AHEAD] = cx_key_hash(key[i + AHEAD]);
            cx_prefetch_key(c, h[i % AHEAD]);
        }
        pupil[i] = key[i][1] == UINT64_MAX ? cx_pupil_of(c, st->longer[key[i][0]])
                                           : cx_pupil_put(c, key[i], hi);
        if (pupil[i] < 0)
            return nomem(err);
    }
    return OR_OK;
}

/* pupil[i] for every key (look-ups in `threads` threads), then the unknown added. */
static or_code resolve(or_columns *c, staged *st, uint64_t (*key)[2], int32_t *pupil, int n,
                       int threads, or_error *err)
{
    find_part part[2];
    pthread_t tid;
    threads = threads >= 2 && n >= 4096 ? 2 : 1;
    for (int t = 0; t < threads; t++)
        part[t] = (find_part){c, key, pupil, (int)((int64_t)n * t / threads),
                              (int)((int64_t)n * (t + 1) / threads)};
    bool started = threads == 2 && !pthread_create(&tid, NULL, find_range, &part[1]);
    find_range(&part[0]);
    if (started)
        pthread_join(tid, NULL);
    else if (threads == 2)
        find_range(&part[1]);
    for (int i = 0; i < n; i++)
        if (pupil[i] < 0) {
            const char *upn =
                key[i][1] == UINT64_MAX ? st->longer[key[i][0]] : (const char *)key[i];
            if ((pupil[i] = cx_pupil_of(c, upn)) < 0)
                return nomem(err);
        }
    return OR_OK;
}

typedef struct {
    or_columns *c;
    int part, parts;
} link_part;

/* Chain each row to its pupil, newest first, for the pupils p % parts == part. */
static void *link_range(void *arg)
{
    link_part *l = arg;
    or_columns *c = l->c;
    for (int i = 0; i < c->ns; i++)
        if (c->s_pupil[i] % l->parts == l->part) {
            c->s_next[i] = c->p_snap[c->s_pupil[i]];
            c->p_snap[c->s_pupil[i]] = i;
        }
    for (int i = 0; i < c->ne; i++)
        if (c->e_pupil[i] % l->parts == l->part) {
            c->e_next[i] = c->p_enrol[c->e_pupil[i]];
            c->p_enrol[c->e_pupil[i]] = i;
        }
    for (int i = 0; i < c->nx; i++)
        if (c->x_pupil[i] % l->parts == l->part) {
            c->x_next[i] = c->p_excl[c->x_pupil[i]];
            c->p_excl[c->x_pupil[i]] = i;
        }
    for (int i = 0; i < c->nr; i++)
        if (c->r_pupil[i] % l->parts == l->part) {
            c->r_next[i] = c->p_ref[c->r_pupil[i]];
            c->p_ref[c->r_pupil[i]] = i;
        }
    return NULL;
}

static void link_rows(or_columns *c, int threads)
{
    link_part part[2] = {{c, 0, 1}, {c, 1, 2}};
    pthread_t tid;
    if (threads >= 2 && c->ns + c->ne + c->nx + c->nr >= 4096 &&
        !pthread_create(&tid, NULL, link_range, &part[1])) {
        part[0].parts = 2;
        link_range(&part[0]);
        pthread_join(tid, NULL);
        return;
    }
    link_range(&part[0]);
}

/* What the second thread left: unknown schools and reason codes. */
static or_code settle(or_columns *c, const staged *st, or_error *err)
{
    for (int f = 0; f < st->nfix; f++) {
        const fixup *x = &st->fix[f];
        int32_t *school = x->kind == 0   ? &c->e_school[x->row]
                          : x->kind == 1 ? &c->x_school[x->row]
                                         : &c->r_school[x->row];
        if (*school < 0 && (*school = cx_school_of(c, -1 - *school)) < 0)
            return nomem(err);
        if (x->kind == 1 && x->text)
            cx_encode_reasons(c, x->text, c->x_reason[x->row]);
    }
    return OR_OK;
}

static void staged_free(staged *st)
{
    free(st->skey);
    free(st->ekey);
    free(st->xkey);
    free(st->rkey);
    free(st->longer);
    free(st->fix);
}

static atomic_long loads; /* or_columns_loads */

long or_columns_loads(void)
{
    return atomic_load(&loads);
}

or_code or_columns_load_ex(or_store *s, const or_columns_load_opts *o, or_columns **out,
                           or_error *err)
{
    *out = NULL;
    atomic_fetch_add(&loads, 1);
    or_columns *c = cx_create(err);
    if (!c)
        return OR_ENOMEM;
    int threads = o && o->threads > 1 ? o->threads : 1;
    int64_t upto = o ? o->src_upto : 0;
    c->loading = true;
    /* the snapshots' thread (this one) and the second thread each stage into their own */
    staged st = {.c = c, .lo = 0, .hi = -1, .arena = &c->arena};
    staged st2 = {.c = c, .lo = 0, .hi = -1, .arena = &c->arena2};
    or_store *s2 = NULL;
    or_error e2 = {0};
    bool pg = strcmp(or_store_engine(s), "sqlite") != 0;
    if (threads > 1 && !pg && or_store_reopen(s, &s2, &e2))
        s2 = NULL; /* one connection, then */
    int64_t est = 0;
    or_code rc = or_store_estimate_rows(s, or_kind_get(OR_K_PUPILS), &est, err);
    if (!rc && est > 0 && est < INT_MAX / 2 &&
        (!cx_map_reserve(c, (size_t)est) || !cx_reserve_pupils(c, (int)est) ||
         !cx_reserve_snaps(c, (int)est + 1)))
        rc = nomem(err);
    if (!rc)
        rc = load_schools(c, s, upto, err);
    pthread_t tid;
    stage_job job = {&st2, s2, upto, OR_OK, {0}};
    bool started = !rc && s2 && !pthread_create(&tid, NULL, stage_thread, &job);
    if (!rc)
        rc = load_snapshots(&st, s, upto, err);
    if (started) {
        pthread_join(tid, NULL);
        if (!rc && job.rc) {
            rc = job.rc;
            *err = job.err;
        }
    } else if (!rc) {
        rc = stage_rows(&st2, s, upto, err);
    }
    or_store_close(s2);
    if (!rc)
        rc = insert_keys(c, &st, st.skey, c->s_pupil, c->ns, err);
    if (!rc)
        rc = resolve(c, &st2, st2.ekey, c->e_pupil, c->ne, threads, err);
    if (!rc)
        rc = resolve(c, &st2, st2.xkey, c->x_pupil, c->nx, threads, err);
    if (!rc)
        rc = resolve(c, &st2, st2.rkey, c->r_pupil, c->nr, threads, err);
    if (!rc)
        rc = settle(c, &st2, err);
    if (!rc) {
        link_rows(c, threads);
        if (st2.hi >= st2.lo) {
            cx_want_year(c, st2.lo);
            cx_want_year(c, st2.hi);
        }
        c->loading = false;
        c->all_dirty = true;
        rc = cx_refresh(c, threads, err);
    }
    staged_free(&st);
    staged_free(&st2);
    if (rc) {
        or_columns_free(c);
        return rc;
    }
    *out = c;
    return OR_OK;
}

or_code or_columns_load(or_store *s, or_columns **out, or_error *err)
{
    or_columns_load_opts o = {.threads = 2};
    return or_columns_load_ex(s, &o, out, err);
}
