/* live.c - the columnar model kept current with its database (live.h): loaded once, then the
 * rows of every source committed since replayed into it.
 *
 * What has been replayed is a floor (every source up to it is in the model, or was given up
 * on) and the sorted ids above it that are in (on SQLite the floor simply follows the newest
 * source; the ids above it exist only while a PostgreSQL id is missing below them). The rows
 * of new sources are read without any lock, then added under the write lock and refreshed
 * once; a failure on the way leaves the model as it was (nothing marked replayed), or, when
 * rows were half added, loads it afresh at the next catch-up. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/columns_internal.h"
#include "onroll/alloc.h"
#include "onroll/live.h"

enum {
    BATCH = 4096,  /* source ids read at a time */
    WINDOW = 1000, /* at a load, ids this far below the newest are checked for gaps */
};

struct or_live {
    pthread_rwlock_t lock;  /* c: queries read, replays and loads write */
    pthread_mutex_t turn;   /* catch-ups take turns; guards everything below but c */
    pthread_mutex_t counts; /* info */
    or_columns *c;
    int threads;
    char *file;           /* the saved copy (or_live_set_file), or NULL */
    bool copy_tried;      /* the copy was written (or tried) since the last load */
    int64_t rows_unsaved; /* rows replayed since */
    bool reload;          /* rows were half added: load afresh */
    int64_t floor;        /* every source up to here is in the model (or given up) */
    int64_t *above;       /* sorted ids above the floor that are in the model */
    int nabove, cap_above;
    int64_t newest; /* the highest source id seen */
    int64_t gap;    /* the lowest missing id, while one is (0: none) */
    time_t gap_since;
    or_live_info info;
};

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

or_code or_live_new(int threads, or_live **out, or_error *err)
{
    or_live *l = calloc(1, sizeof *l);
    if (!l)
        return or_fail(err, OR_ENOMEM, "out of memory");
    pthread_rwlock_init(&l->lock, NULL);
    pthread_mutex_init(&l->turn, NULL);
    pthread_mutex_init(&l->counts, NULL);
    l->threads = threads;
    *out = l;
    return OR_OK;
}

or_code or_live_set_file(or_live *l, const char *path, or_error *err)
{
    pthread_mutex_lock(&l->turn);
    free(l->file);
    l->file = path ? strdup(path) : NULL;
    pthread_mutex_unlock(&l->turn);
    if (path && !l->file)
        return or_fail(err, OR_ENOMEM, "out of memory");
    return OR_OK;
}

void or_live_free(or_live *l)
{
    if (!l)
        return;
    or_columns_free(l->c);
    free(l->above);
    free(l->file);
    pthread_rwlock_destroy(&l->lock);
    pthread_mutex_destroy(&l->turn);
    pthread_mutex_destroy(&l->counts);
    free(l);
}

const or_columns *or_live_read(or_live *l)
{
    pthread_rwlock_rdlock(&l->lock);
    return l->c;
}

void or_live_release(or_live *l)
{
    pthread_rwlock_unlock(&l->lock);
}

void or_live_info_get(or_live *l, or_live_info *out)
{
    pthread_mutex_lock(&l->counts);
    *out = l->info;
    pthread_mutex_unlock(&l->counts);
    pthread_rwlock_rdlock(&l->lock);
    if (l->c)
        or_columns_info_get(l->c, &out->model);
    pthread_rwlock_unlock(&l->lock);
}

/* ---- which sources are in ---- */

static bool is_above(const or_live *l, int64_t id)
{
    int lo = 0, hi = l->nabove;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (l->above[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->nabove && l->above[lo] == id;
}

static bool add_above(or_live *l, int64_t id)
{
    if (id <= l->floor || is_above(l, id))
        return true;
    OR_ALLOC_GROW(l->above, l->nabove + 1, l->cap_above);
    int i = l->nabove;
    while (i > 0 && l->above[i - 1] > id) {
        l->above[i] = l->above[i - 1];
        i--;
    }
    l->above[i] = id;
    l->nabove++;
    return true;
}

/* Raise the floor over the ids now in, and over a missing one waited for long enough. */
static void raise_floor(or_live *l, time_t now)
{
    for (;;) {
        int k = 0;
        while (k < l->nabove && l->above[k] == l->floor + 1 + k)
            k++;
        if (k) {
            l->floor += k;
            memmove(l->above, l->above + k, (size_t)(l->nabove - k) * sizeof *l->above);
            l->nabove -= k;
        }
        if (!l->nabove) {
            l->gap = 0;
            return;
        }
        if (l->gap != l->floor + 1) { /* a new lowest gap: wait for it from now */
            l->gap = l->floor + 1;
            l->gap_since = now;
        }
        if (now - l->gap_since < OR_LIVE_GAP_WAIT)
            return;
        l->floor++; /* rolled back, or committed too late to be seen: given up */
        l->gap = 0;
    }
}

/* ---- a full load ---- */

static void install(or_live *l, or_columns *c)
{
    pthread_rwlock_wrlock(&l->lock);
    or_columns_free(l->c);
    l->c = c;
    pthread_rwlock_unlock(&l->lock);
}

/* The saved copy, if it is of this database (its floor source is there, with the same stamp)
 * and of this build: installed with its ledger position, the rest to be replayed. */
static bool read_file(or_live *l, or_store *s)
{
    double t0 = now_ms();
    or_columns *c = NULL;
    or_columns_mark m;
    or_error e = {0};
    if (!l->file || or_columns_read(l->file, &c, &m, &e))
        return false;
    int64_t stamp = 0;
    bool found = false;
    if (m.floor <= 0 || or_store_source_stamp(s, m.floor, &stamp, &found, &e) || !found ||
        stamp != m.stamp) {
        or_columns_free(c);
        free(m.above);
        return false;
    }
    install(l, c);
    free(l->above);
    l->above = m.above;
    l->nabove = l->cap_above = m.nabove;
    l->floor = m.floor;
    l->newest = m.nabove ? m.above[m.nabove - 1] : m.floor;
    l->gap = 0;
    l->reload = false;
    l->copy_tried = true;
    l->rows_unsaved = 0;
    double ms = now_ms() - t0;
    pthread_mutex_lock(&l->counts);
    l->info.file_reads++;
    l->info.load_ms = ms;
    l->info.upto = l->floor;
    pthread_mutex_unlock(&l->counts);
    return true;
}

static or_code save(or_live *l, or_store *s, or_error *err);

static or_code load(or_live *l, or_store *s, or_error *err)
{
    if (read_file(l, s))
        return OR_OK;
    double t0 = now_ms();
    int64_t ids[BATCH], newest = 0;
    int n = 0;
    or_code rc = or_store_begin_read(s, err);
    if (rc)
        return rc;
    /* the newest source, then the ones in a window below it (gaps: PostgreSQL only) */
    rc = or_store_sources_after(s, INT64_MAX - 1, ids, 1, &n, &newest, err);
    int64_t from = newest > WINDOW ? newest - WINDOW : 0;
    if (!rc)
        rc = or_store_sources_after(s, from, ids, BATCH, &n, &newest, err);
    or_columns *c = NULL;
    or_columns_load_opts o = {l->threads, newest > 0 ? newest : 0};
    if (!rc && newest == 0) /* no source yet: no rows either */
        o.src_upto = 0;
    if (!rc)
        rc = or_columns_load_ex(s, &o, &c, err);
    or_store_rollback(s);
    if (rc)
        return rc;
    install(l, c);
    /* every id present up to the newest is in; the floor stops below the first missing */
    l->floor = from;
    l->nabove = 0;
    l->reload = false;
    l->newest = newest;
    time_t now = time(NULL);
    for (int i = 0; i < n; i++)
        if (!add_above(l, ids[i]))
            return or_fail(err, OR_ENOMEM, "out of memory");
    l->gap = 0;
    raise_floor(l, now);
    double ms = now_ms() - t0;
    pthread_mutex_lock(&l->counts);
    l->info.loads++;
    l->info.load_ms = ms;
    l->info.upto = l->floor;
    pthread_mutex_unlock(&l->counts);
    l->copy_tried = false;
    l->rows_unsaved = 0;
    if (l->file) { /* so that the next start reads it rather than the tables */
        or_error e = {0};
        save(l, s, &e);
    }
    return OR_OK;
}

/* ---- the saved copy ---- */

static or_code save(or_live *l, or_store *s, or_error *err)
{
    or_columns_mark m = {l->floor, 0, l->above, l->nabove};
    bool found = false;
    or_code rc = or_store_source_stamp(s, l->floor, &m.stamp, &found, err);
    if (rc)
        return rc;
    if (!found) /* nothing recorded yet: nothing to save */
        return OR_OK;
    pthread_rwlock_rdlock(&l->lock);
    rc = l->c ? or_columns_save(l->c, &m, l->file, err) : OR_OK;
    pthread_rwlock_unlock(&l->lock);
    l->copy_tried = true; /* saved, or not (then again only once more rows came) */
    l->rows_unsaved = 0;
    return rc;
}

or_code or_live_save(or_live *l, or_store *s, int64_t min_rows, or_error *err)
{
    pthread_mutex_lock(&l->turn);
    or_code rc = OR_OK;
    if (l->file && l->c && !l->reload &&
        (!l->copy_tried || (l->rows_unsaved > 0 && l->rows_unsaved >= min_rows)))
        rc = save(l, s, err);
    pthread_mutex_unlock(&l->turn);
    return rc;
}

/* ---- replaying sources ---- */

typedef struct {
    or_kind_id kind;
    int64_t id;
    or_value *row;
} staged_row;

typedef struct {
    staged_row *rows;
    int n, cap;
    or_arena arena;
    or_kind_id kind;
} stage;

static or_code on_row(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    stage *st = ctx;
    OR_ALLOC_GROW(st->rows, st->n + 1, st->cap);
    int ncols = or_kind_get(st->kind)->ncols;
    or_value *copy = or_arena_alloc(&st->arena, (size_t)ncols * sizeof *copy);
    if (!copy)
        return or_fail(err, OR_ENOMEM, "out of memory");
    for (int i = 0; i < ncols; i++) {
        copy[i] = row[i];
        if (!row[i].null && row[i].s && !(copy[i].s = or_arena_strdup(&st->arena, row[i].s)))
            return or_fail(err, OR_ENOMEM, "out of memory");
    }
    st->rows[st->n++] = (staged_row){st->kind, meta->id, copy};
    return OR_OK;
}

/* The rows source id wrote, of the kinds the model keeps. */
static or_code read_source(or_store *s, int64_t id, stage *st, or_error *err)
{
    static const or_kind_id kinds[] = {OR_K_SCHOOLS, OR_K_PUPILS, OR_K_ENROLMENTS, OR_K_EVENTS};
    or_code rc = OR_OK;
    for (size_t i = 0; !rc && i < sizeof kinds / sizeof kinds[0]; i++) {
        or_scan_spec spec = cx_scan_spec(kinds[i]);
        spec.src_only = id;
        st->kind = kinds[i];
        rc = or_store_scan_rows(s, or_kind_get(kinds[i]), &spec, on_row, st, err);
    }
    return rc;
}

/* Replay the sources ids[0..n) (new ones, in order). */
static or_code replay(or_live *l, or_store *s, const int64_t *ids, int n, or_error *err)
{
    double t0 = now_ms();
    stage st = {.arena = {NULL, 1 << 16}};
    or_code rc = OR_OK;
    for (int i = 0; !rc && i < n; i++)
        rc = read_source(s, ids[i], &st, err);
    if (!rc) {
        pthread_rwlock_wrlock(&l->lock);
        for (int i = 0; !rc && i < st.n; i++)
            rc = or_columns_add(l->c, st.rows[i].kind, st.rows[i].row, st.rows[i].id, err);
        if (!rc)
            rc = cx_refresh(l->c, 1, err);
        pthread_rwlock_unlock(&l->lock);
        if (rc)
            l->reload = true;
    }
    for (int i = 0; !rc && i < n; i++)
        if (!add_above(l, ids[i]))
            rc = or_fail(err, OR_ENOMEM, "out of memory");
    free(st.rows);
    or_arena_free(&st.arena);
    if (rc)
        return rc;
    l->rows_unsaved += st.n > 0 ? st.n : 1;
    double ms = now_ms() - t0;
    pthread_mutex_lock(&l->counts);
    l->info.sources += n;
    l->info.rows += st.n;
    l->info.replay_ms = ms;
    if (ms > l->info.replay_max_ms)
        l->info.replay_max_ms = ms;
    pthread_mutex_unlock(&l->counts);
    return OR_OK;
}

or_code or_live_catch_up(or_live *l, or_store *s, or_error *err)
{
    pthread_mutex_lock(&l->turn);
    or_code rc = OR_OK;
    if ((!l->c || l->reload) && (rc = load(l, s, err))) {
        pthread_mutex_unlock(&l->turn);
        return rc;
    }
    /* then what was written since: after a load from the tables, what committed meanwhile;
     * after the saved copy, everything since it was saved */
    int64_t ids[BATCH], fresh[BATCH], after = l->floor;
    for (;;) {
        int n = 0, nfresh = 0;
        int64_t newest = 0;
        if ((rc = or_store_sources_after(s, after, ids, BATCH, &n, &newest, err)))
            break;
        if (newest < l->newest) { /* the database was replaced, or restored from before */
            rc = load(l, s, err);
            break;
        }
        l->newest = newest;
        for (int i = 0; i < n; i++)
            if (!is_above(l, ids[i]))
                fresh[nfresh++] = ids[i];
        if (nfresh && (rc = replay(l, s, fresh, nfresh, err)))
            break;
        raise_floor(l, time(NULL));
        if (n < BATCH)
            break;
        after = ids[n - 1];
    }
    pthread_mutex_lock(&l->counts);
    l->info.catch_ups++;
    l->info.upto = l->floor;
    pthread_mutex_unlock(&l->counts);
    pthread_mutex_unlock(&l->turn);
    return rc;
}
