/* view_cache.c - the LA snapshot (view.h) and its cache: the whole model, every pupil's duties
 * and risk flags as of today, the pupils' names, the schools' figures against the LA (funnel
 * plot, from the server's live columnar model: live_model.h) and who is sharing data, computed
 * once and shared by the dashboard, school and pupils pages of every worker thread.
 *
 * Why a cache: the dashboard needs every pupil's duties and flags and a pass of the columnar
 * model. Building that (build_ms of each snapshot) took 0.1 s for the demo LA of 20 schools
 * and 5,400 pupils and 1.1-1.6 s for 80 schools and 40,000 pupils, against 3-30 ms for a page
 * drawn from a built snapshot: too slow to repeat on every page.
 * The cache holds one snapshot, in this module, under a mutex:
 *   - it is reused while the database's fingerprint (or_store_fingerprint: the latest source
 *     and a hash of the configuration; every import, form and API call adds a source) and the
 *     day are those it was built from, and it is younger than VIEW_CACHE_MAX_AGE (60 s: a
 *     bound on staleness whatever the fingerprint might miss, e.g. a change made in the
 *     database by hand);
 *   - otherwise one request rebuilds it (a second mutex); requests arriving meanwhile use the
 *     previous snapshot of the same day if there is one (at most one build behind), else wait
 *     for the build; then the new one replaces the old. A snapshot is reference-counted, so a
 *     page still using the old one finishes with it and the last user frees it;
 *   - except when only its age has run out (the same fingerprint and day: nothing is known to
 *     have changed): then it is still used, and the next one is built by a thread of its own
 *     with its own store connection. A build takes a second of one core for an LA of 40,000
 *     pupils, and libmicrohttpd serves each connection from one worker thread: built by a
 *     request, it held up every connection of that thread once a minute (bench/web.sh: the
 *     dashboard's p99 was 560 ms at 1,000 requests a second).
 * Checking the fingerprint is two small queries per request. Memory: a snapshot of 40,000
 * pupils is about 200 MB (the model's facts, duties and flags); two live at once while one
 * replaces the other. The snapshot holds no personal data beyond what the model holds for the
 * rules engine, and lives only in the server's process. Each user's list of pupils in scope
 * is kept with the snapshot (view_memo_*, view_scope.c). */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/alloc.h"
#include "onroll/columns.h"
#include "onroll/kinds.h"
#include "onroll/strmap.h"
#include "onroll/yeargroup.h"
#include "web/live_model.h"
#include "web/view.h"
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER; /* current and refs */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER; /* one build at a time */
static view_snapshot *current;
static bool refreshing; /* a thread is building the next snapshot (under state_lock) */

/* The locking rule: current, refreshing, a snapshot's refs and its memos change only under
 * state_lock; a snapshot is built only under build_lock. A held mutex's trylock fails with
 * EBUSY: so the rule is checked where it applies (held, by this thread or another). */
#define ASSERT_HELD(m) assert(pthread_mutex_trylock(m) == EBUSY)

struct view_memo {
    char *key;
    void *data;
    int n;
    struct view_memo *next;
};

static void snapshot_free(view_snapshot *s)
{
    if (!s)
        return;
    for (struct view_memo *m = s->memos, *next; m; m = next) {
        next = m->next;
        free(m->key);
        free(m->data);
        free(m);
    }
    or_model_free(s->model);
    free(s->pupils);
    free(s->schools);
    or_arena_free(&s->arena);
    free(s);
#ifdef __GLIBC__
    /* a snapshot is built by whichever worker thread asks, in that thread's malloc arena:
     * without this, each arena keeps a freed snapshot's pages (measured: 200 MB more per
     * thread for an LA of 40,000 pupils) */
    malloc_trim(0);
#endif
}

void view_snapshot_put(view_snapshot *snap)
{
    if (!snap)
        return;
    pthread_mutex_lock(&state_lock);
    assert(snap->refs > 0); /* a put without its get */
    bool last = --snap->refs == 0;
    pthread_mutex_unlock(&state_lock);
    if (last)
        snapshot_free(snap);
}

/* ---- building ---- */

typedef struct {
    const char *name;
    or_date as_of;
} name_entry;

typedef struct {
    or_strmap map;
    or_arena *arena;
} names_ctx;

/* Keep each pupil's latest snapshot's name: the latest as_of, then the latest received
 * (snapshots come in the order of receipt). */
static or_code on_name(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    names_ctx *c = ctx;
    (void)meta;
    (void)err;
    const char *upn = row[OR_PU_UPN].s;
    if (!upn)
        return OR_OK;
    or_date as_of = row[OR_PU_AS_OF].null ? OR_DATE_NONE : (or_date)row[OR_PU_AS_OF].i;
    or_strmap_slot *slot = or_strmap_put(&c->map, upn);
    name_entry *e = slot->value;
    if (e && as_of < e->as_of)
        return OR_OK;
    if (!e) {
        e = or_arena_calloc(c->arena, 1, sizeof *e);
        slot->value = e;
    }
    e->as_of = as_of;
    e->name = or_arena_printf(c->arena, "%s %s", row[OR_PU_FORENAME].s ? row[OR_PU_FORENAME].s : "",
                              row[OR_PU_SURNAME].s ? row[OR_PU_SURNAME].s : "");
    return OR_OK;
}

/* The school of the main registration on d, else of the latest enrolment; 0 when none. */
static int school_of(const or_pupil_facts *f, or_date d)
{
    int latest = 0;
    or_date latest_start = OR_DATE_NONE;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        bool on_roll = e->start <= d && (e->end == OR_DATE_NONE || e->end >= d);
        if (on_roll && e->reg_type == 'm')
            return e->urn;
        if (e->start <= d && (latest_start == OR_DATE_NONE || e->start >= latest_start)) {
            latest = e->urn;
            latest_start = e->start;
        }
    }
    return latest;
}

static int by_upn(const void *a, const void *b)
{
    return strcmp(((const view_pupil *)a)->upn, ((const view_pupil *)b)->upn);
}

typedef struct {
    view_snapshot *snap;
    int cap;
} schools_ctx;

static or_code on_school(void *ctx, const or_school_sharing *r, or_error *err)
{
    schools_ctx *c = ctx;
    view_snapshot *s = c->snap;
    OR_ALLOC_GROW(s->schools, s->nschools + 1, c->cap);
    view_school *v = &s->schools[s->nschools++];
    v->urn = r->urn;
    v->name = or_arena_strdup(&s->arena, r->name);
    v->phase = or_arena_strdup(&s->arena, r->phase);
    v->route = or_arena_strdup(&s->arena, r->route);
    v->source = or_arena_strdup(&s->arena, r->source);
    v->received_at = or_arena_strdup(&s->arena, r->received_at);
    v->detail = or_arena_strdup(&s->arena, r->detail);
    or_date day = view_iso_day(r->received_at);
    v->days = day == OR_DATE_NONE ? -1 : s->as_of - day < 0 ? 0 : s->as_of - day;
    v->share = v->days < 0                      ? VIEW_SHARE_NEVER
               : v->days > VIEW_SHARING_STOPPED ? VIEW_SHARE_STOPPED
               : v->days > VIEW_SHARING_LATE    ? VIEW_SHARE_LATE
                                                : VIEW_SHARE_OK;
    v->row = -1;
    return OR_OK;
}

/* The schools' figures against the LA, from the server's columnar model (live_model.h: kept
 * current, never loaded here). */
static or_code build_report(or_store *store, view_snapshot *s, or_error *err)
{
    const or_columns *cols = NULL;
    or_code rc = web_live_get(store, &cols, err);
    if (rc)
        return rc;
    or_report_opts o = {.ay = s->ay};
    rc = or_report_schools(cols, &o, &s->arena, &s->report[0], err);
    o.unsuppressed = true;
    if (!rc)
        rc = or_report_schools(cols, &o, &s->arena, &s->report[1], err);
    web_live_put();
    if (rc)
        return rc;
    s->have_report = true;
    int urn_col = view_report_col(&s->report[1], "urn");
    for (int r = 0; r < s->report[1].nrows && urn_col >= 0; r++) {
        int urn = atoi(s->report[1].cells[(size_t)r * (size_t)s->report[1].ncols + urn_col]);
        for (int i = 0; i < s->nschools; i++)
            if (s->schools[i].urn == urn)
                s->schools[i].row = r;
    }
    return OR_OK;
}

static or_code build(const web_request *req, const char *key, view_snapshot **out, or_error *err)
{
    ASSERT_HELD(&build_lock);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    view_snapshot *s = calloc(1, sizeof *s);
    if (!s)
        return or_fail(err, OR_ENOMEM, "out of memory");
    snprintf(s->key, sizeof s->key, "%s", key);
    s->built = req->now;
    s->as_of = web_today(req);
    s->ay = or_date_academic_year(s->as_of);
    or_duty_list_init(&s->duties, &s->arena);
    or_flag_list_init(&s->flags, &s->arena);
    or_code rc = or_model_load(req->store, NULL, &s->model, err);
    names_ctx names = {{0}, &s->arena};
    or_strmap_init(&names.map, &s->arena);
    if (!rc)
        rc = or_store_scan_pupil(req->store, or_kind_get(OR_K_PUPILS), NULL, on_name, &names, err);
    if (!rc) {
        s->npupils = or_model_npupils(s->model);
        s->pupils = calloc((size_t)s->npupils + 1, sizeof *s->pupils);
        if (!s->pupils)
            rc = or_fail(err, OR_ENOMEM, "out of memory");
    }
    const or_params *params = s->model ? or_model_params(s->model) : NULL;
    for (int i = 0; !rc && i < s->npupils; i++) {
        view_pupil *p = &s->pupils[i];
        p->f = or_model_pupil(s->model, i);
        p->upn = p->f->upn;
        const name_entry *ne = or_strmap_get(&names.map, p->upn);
        p->name = ne ? ne->name : "";
        char yg[40];
        int year = or_facts_year_group(p->f, s->as_of);
        p->year_group = or_arena_strdup(&s->arena, or_yg_code(year, yg));
        p->year_words = or_arena_strdup(&s->arena, or_yg_words(year, yg));
        p->urn = school_of(p->f, s->as_of);
        p->duty0 = s->duties.n;
        if ((rc = or_duties_for_pupil(p->f, params, s->as_of, &s->duties, err)))
            break;
        p->nduties = s->duties.n - p->duty0;
        for (int d = p->duty0; d < s->duties.n; d++) {
            const or_duty *du = &s->duties.items[d];
            if (du->status == OR_DUTY_OVERDUE)
                p->overdue++;
            else if (du->status == OR_DUTY_OPEN && du->due != OR_DATE_NONE &&
                     du->due <= s->as_of + VIEW_DUE_SOON_DAYS)
                p->due_soon++;
        }
        p->flag0 = s->flags.n;
        if ((rc = or_risk_for_pupil(p->f, params, s->as_of, &s->flags, err)))
            break;
        p->nflags = s->flags.n - p->flag0;
    }
    or_strmap_free(&names.map);
    if (!rc && s->npupils > 1)
        qsort(s->pupils, (size_t)s->npupils, sizeof *s->pupils, by_upn);
    schools_ctx sc = {s, 0};
    if (!rc)
        rc = or_sharing_schools(req->store, on_school, &sc, err);
    if (!rc) {
        or_error rerr = {0};
        build_report(req->store, s, &rerr); /* without figures the rest of the page stands */
    }
    if (rc) {
        snapshot_free(s);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s->build_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    *out = s;
    return OR_OK;
}

/* The current snapshot if it may be used for this request (with a reference), else NULL;
 * key NULL: any of today's (while another request builds the next one). */
static view_snapshot *take_current(const web_request *req, const char *key, or_date today)
{
    view_snapshot *s = NULL;
    pthread_mutex_lock(&state_lock);
    assert(!current || current->refs > 0); /* the cache's own reference */
    if (current && current->as_of == today &&
        (!key || (!strcmp(current->key, key) && req->now - current->built < VIEW_CACHE_MAX_AGE &&
                  req->now >= current->built))) {
        s = current;
        s->refs++;
    }
    pthread_mutex_unlock(&state_lock);
    return s;
}

/* Make s the current snapshot; the caller keeps refs - 1 references (0 or 1). */
static void install(view_snapshot *s, int refs)
{
    assert(refs == 1 || refs == 2);
    pthread_mutex_lock(&state_lock);
    view_snapshot *old = current;
    current = s;
    s->refs = refs;
    bool free_old = old && --old->refs == 0;
    pthread_mutex_unlock(&state_lock);
    if (free_old)
        snapshot_free(old);
}

/* ---- building the next snapshot off the requests ---- */

static void *refresh(void *arg)
{
    char *db_url = arg;
    or_store *store = NULL;
    or_error err = {0};
    pthread_mutex_lock(&build_lock);
    web_request req = {.now = (int64_t)time(NULL)};
    char key[OR_FINGERPRINT_LEN];
    or_code rc = or_store_open(db_url, &store, &err);
    if (!rc) {
        req.store = store;
        view_snapshot *s = NULL, *fresh = NULL;
        if (!(rc = or_store_fingerprint(store, key, &err)) &&
            !(fresh = take_current(&req, key, web_today(&req))) &&
            !(rc = build(&req, key, &s, &err)))
            install(s, 1);        /* the cache's reference only */
        view_snapshot_put(fresh); /* one was built meanwhile: nothing to do */
        or_store_close(store);
    }
    if (rc)
        fprintf(stderr, "onroll serve: the LA snapshot could not be rebuilt: %s\n", err.msg);
    pthread_mutex_lock(&state_lock);
    assert(refreshing); /* set by take_aged, which started this thread */
    refreshing = false;
    pthread_mutex_unlock(&state_lock);
    pthread_mutex_unlock(&build_lock);
    free(db_url);
    return NULL;
}

/* The current snapshot when only its age has run out (same fingerprint and day), with a
 * reference, and the next one started on a thread of its own if none is being built; NULL if
 * the current one is not of this database content and day. */
static view_snapshot *take_aged(const web_request *req, const char *key, or_date today)
{
    view_snapshot *s = NULL;
    bool start = false;
    pthread_mutex_lock(&state_lock);
    if (current && current->as_of == today && !strcmp(current->key, key)) {
        s = current;
        s->refs++;
        start = !refreshing;
        refreshing = true;
    }
    pthread_mutex_unlock(&state_lock);
    if (!start)
        return s;
    char *url = strdup(req->cfg->db_url);
    pthread_attr_t attr;
    pthread_t t;
    bool started = false;
    if (url && !pthread_attr_init(&attr)) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        started = !pthread_create(&t, &attr, refresh, url);
        pthread_attr_destroy(&attr);
    }
    if (!started) { /* this request builds it, as when the content changed */
        free(url);
        pthread_mutex_lock(&state_lock);
        refreshing = false;
        pthread_mutex_unlock(&state_lock);
        view_snapshot_put(s);
        return NULL;
    }
    return s;
}

or_code view_snapshot_get(const web_request *req, view_snapshot **out, or_error *err)
{
    char key[OR_FINGERPRINT_LEN];
    *out = NULL;
    or_code rc = or_store_fingerprint(req->store, key, err);
    if (rc)
        return rc;
    or_date today = web_today(req);
    if ((*out = take_current(req, key, today)))
        return OR_OK;
    if (req->cfg && req->cfg->db_url && (*out = take_aged(req, key, today)))
        return OR_OK;
    if (pthread_mutex_trylock(&build_lock)) {
        /* another request is building the next snapshot: use today's previous one, if any,
         * rather than wait (it is at most one build behind) */
        if ((*out = take_current(req, NULL, today)))
            return OR_OK;
        pthread_mutex_lock(&build_lock);
    }
    if ((*out = take_current(req, key, today))) { /* built while this request waited */
        pthread_mutex_unlock(&build_lock);
        return OR_OK;
    }
    view_snapshot *s = NULL;
    rc = build(req, key, &s, err);
    if (rc) /* the pages say only "try again later": the reason goes to the server's log */
        fprintf(stderr, "onroll serve: the LA snapshot could not be built: %s\n", err->msg);
    if (!rc) {
        install(s, 2); /* the cache's and the caller's */
        *out = s;
    }
    pthread_mutex_unlock(&build_lock);
    return rc;
}

/* ---- memos ---- */

static struct view_memo *memo_find(view_snapshot *snap, const char *key)
{
    ASSERT_HELD(&state_lock);
    for (struct view_memo *m = snap->memos; m; m = m->next)
        if (!strcmp(m->key, key))
            return m;
    return NULL;
}

const void *view_memo_get(view_snapshot *snap, const char *key, int *n)
{
    pthread_mutex_lock(&state_lock);
    struct view_memo *m = memo_find(snap, key);
    const void *data = m ? m->data : NULL;
    *n = m ? m->n : 0;
    pthread_mutex_unlock(&state_lock);
    return data;
}

const void *view_memo_put(view_snapshot *snap, const char *key, void *data, int *n, bool *kept)
{
    struct view_memo *fresh = calloc(1, sizeof *fresh);
    char *k = strdup(key);
    pthread_mutex_lock(&state_lock);
    struct view_memo *m = memo_find(snap, key);
    const void *stored = data;
    *kept = false;
    if (m) { /* another request was first: use its answer */
        stored = m->data;
        *n = m->n;
        *kept = true;
    } else if (fresh && k && snap->nmemos < VIEW_MEMO_MAX) {
        *fresh = (struct view_memo){k, data, *n, snap->memos};
        snap->memos = fresh;
        snap->nmemos++;
        fresh = NULL;
        k = NULL;
        *kept = true;
    }
    pthread_mutex_unlock(&state_lock);
    if (m)
        free(data);
    free(fresh);
    free(k);
    return stored;
}

/* ---- look-ups ---- */

const view_pupil *view_find_pupil(const view_snapshot *snap, const char *upn)
{
    int lo = 0, hi = snap->npupils - 1;
    while (upn && lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = strcmp(snap->pupils[mid].upn, upn);
        if (!c)
            return &snap->pupils[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const view_school *view_find_school(const view_snapshot *snap, int urn)
{
    int lo = 0, hi = snap->nschools - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (snap->schools[mid].urn == urn)
            return &snap->schools[mid];
        if (snap->schools[mid].urn < urn)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const char *view_school_name(const view_snapshot *snap, int urn)
{
    const view_school *s = view_find_school(snap, urn);
    if (s && s->name[0])
        return s->name;
    const or_school_info *info = snap->model ? or_model_school(snap->model, urn) : NULL;
    if (info && info->name)
        return info->name;
    return urn ? "Unknown school" : "No school";
}

const char *view_school_label(const web_request *req, int urn)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err))
        return or_arena_printf(req->arena, "URN %d", urn);
    const char *name = or_arena_strdup(req->arena, view_school_name(snap, urn));
    view_snapshot_put(snap);
    return name;
}

int view_report_col(const or_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return -1;
}

const char *view_report_cell(const or_table *t, int row, const char *col)
{
    int c = view_report_col(t, col);
    if (c < 0 || row < 0 || row >= t->nrows)
        return "";
    const char *s = t->cells[(size_t)row * (size_t)t->ncols + (size_t)c];
    return s ? s : "";
}

void view_with_snapshot(const web_request *req, web_response *res, const char *what,
                        view_snapshot_fn fn)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(
            req, res, 500, "Sorry, there is a problem with the service",
            or_arena_printf(req->arena, "%s could not be worked out. Try again later.", what));
        return;
    }
    fn(req, res, snap);
    view_snapshot_put(snap);
}
