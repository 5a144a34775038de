/* live_model.c - the server's one columnar model (live_model.h, live.h): created on first use,
 * loaded by the thread web_live_start starts (or else by the first request that needs it), and
 * brought up to date before every use - one small query when nothing was written - and every
 * second by that thread, so that a request rarely replays a write itself. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/live_model.h"

static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;
static or_live *live;
static pthread_t poller;
static bool polling;
static atomic_int stop;

enum { POLL_MS = 1000, LOAD_THREADS = 2 };
#define SAVE_ROWS 100000 /* rows replayed before the saved copy is written again */

/* Where the model's saved copy lives: beside a SQLite database (its path + ".model"); none for
 * PostgreSQL (no local file of its own). */
static char *copy_path(const char *db_url)
{
    if (!db_url || !strncmp(db_url, "postgres://", 11) || !strncmp(db_url, "postgresql://", 13) ||
        !strcmp(db_url, ":memory:"))
        return NULL;
    const char *path = !strncmp(db_url, "sqlite:", 7) ? db_url + 7 : db_url;
    size_t n = strlen(path);
    char *p = malloc(n + 7);
    if (p)
        snprintf(p, n + 7, "%s.model", path);
    return p;
}

static or_live *the_model(or_error *err)
{
    pthread_mutex_lock(&create_lock);
    if (!live && or_live_new(LOAD_THREADS, &live, err))
        live = NULL;
    or_live *l = live;
    pthread_mutex_unlock(&create_lock);
    return l;
}

static void *poll_thread(void *arg)
{
    const char *db_url = arg;
    or_store *s = NULL;
    or_error err = {0};
    or_live *l = the_model(&err);
    char *copy = copy_path(db_url);
    if (l && copy && or_live_set_file(l, copy, &err))
        fprintf(stderr, "onroll serve: the figures' model: %s\n", err.msg);
    free(copy);
    bool loaded = false;
    while (l && !atomic_load(&stop)) {
        if (!s && or_store_open(db_url, &s, &err)) {
            fprintf(stderr, "onroll serve: the figures' model: %s\n", err.msg);
            s = NULL;
        } else if (s && or_live_catch_up(l, s, &err)) {
            fprintf(stderr,
                    "onroll serve: the figures' model could not be brought up to date: %s\n",
                    err.msg);
        } else if (s && !loaded) {
            or_live_info info;
            or_live_info_get(l, &info);
            fprintf(stderr, "onroll serve: the figures' model loaded in %.0f ms (%d pupils%s)\n",
                    info.load_ms, info.model.pupils,
                    info.file_reads ? ", from its saved copy" : "");
            loaded = true;
        } else if (s && or_live_save(l, s, SAVE_ROWS, &err)) {
            fprintf(stderr, "onroll serve: the figures' model could not be saved: %s\n", err.msg);
        }
        for (int i = 0; i < POLL_MS / 100 && !atomic_load(&stop); i++) {
            struct timespec t = {0, 100 * 1000 * 1000};
            nanosleep(&t, NULL);
        }
    }
    if (l && s && loaded && or_live_save(l, s, 1, &err)) /* what changed, for the next start */
        fprintf(stderr, "onroll serve: the figures' model could not be saved: %s\n", err.msg);
    or_store_close(s);
    return NULL;
}

void web_live_start(const char *db_url)
{
    atomic_store(&stop, 0);
    polling = db_url && !pthread_create(&poller, NULL, poll_thread, (void *)db_url);
}

void web_live_stop(void)
{
    if (polling) {
        atomic_store(&stop, 1);
        pthread_join(poller, NULL);
        polling = false;
    }
    pthread_mutex_lock(&create_lock); /* no request is left (the server has stopped) */
    or_live_free(live);
    live = NULL;
    pthread_mutex_unlock(&create_lock);
}

or_code web_live_get(or_store *s, const or_columns **out, or_error *err)
{
    *out = NULL;
    or_live *l = the_model(err);
    if (!l)
        return OR_ENOMEM;
    or_error e = {0};
    or_code rc = or_live_catch_up(l, s, &e);
    *out = or_live_read(l);
    if (*out) { /* up to date, or as up to date as the database let it be */
        if (rc)
            fprintf(stderr,
                    "onroll serve: the figures' model could not be brought up to date: %s\n",
                    e.msg);
        return OR_OK;
    }
    or_live_release(l);
    *err = e;
    return rc ? rc : or_fail(err, OR_ESTORE, "the figures' model is not loaded");
}

void web_live_put(void)
{
    or_live_release(live);
}

void web_live_info(or_live_info *out)
{
    or_error err = {0};
    or_live *l = the_model(&err);
    if (l)
        or_live_info_get(l, out);
    else
        *out = (or_live_info){0};
}
