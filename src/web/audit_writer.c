/* audit_writer.c - the audit log's group commit for the web server (audit_writer.h).
 *
 * Requests queue their rows (each request's rows one job, copied); the writer's thread takes
 * the whole queue, writes it in one transaction and commits it: on SQLite one sync of the log
 * database's WAL (synchronous=FULL) for every request that arrived during the previous commit,
 * instead of one each, and no lock fight between the worker threads (one writer). If the
 * group's commit fails, each job is tried again in a transaction of its own, so that one bad
 * job fails alone. Then every job's done() is called. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store.h"
#include "web/audit_writer.h"

typedef struct job {
    struct job *next;
    int n;
    web_audit_row *rows; /* n rows, their text copied after them in the same block */
    web_audit_done done;
    void *ctx;
} job;

struct web_audit_writer {
    char *db_url;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t more;
    job *head, *tail;
    bool stopping;
    or_store *store; /* the thread's own connection */
};

static size_t text_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

static const char *text_copy(const char *s, char **at)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    memcpy(*at, s, n);
    const char *r = *at;
    *at += n;
    return r;
}

static job *job_new(const web_audit_row *rows, int n, web_audit_done done, void *ctx)
{
    size_t size = sizeof(job) + (size_t)n * sizeof(web_audit_row), lists = 0;
    for (int i = 0; i < n; i++) {
        const or_audit_entry *e = &rows[i].e;
        size += text_size(e->actor) + text_size(e->role) + text_size(e->action) +
                text_size(e->object) + text_size(e->upn) + text_size(e->remote) +
                text_size(e->detail);
        lists += (size_t)rows[i].nupns;
        for (int k = 0; k < rows[i].nupns; k++)
            size += text_size(rows[i].upns[k]);
    }
    size += lists * sizeof(const char *);
    job *j = malloc(size);
    if (!j)
        return NULL;
    j->next = NULL;
    j->n = n;
    j->rows = (web_audit_row *)(j + 1);
    j->done = done;
    j->ctx = ctx;
    const char **ptrs = (const char **)(j->rows + n);
    char *at = (char *)(ptrs + lists);
    for (int i = 0; i < n; i++) {
        const or_audit_entry *from = &rows[i].e;
        or_audit_entry *e = &j->rows[i].e;
        e->user_id = from->user_id;
        e->actor = text_copy(from->actor, &at);
        e->role = text_copy(from->role, &at);
        e->action = text_copy(from->action, &at);
        e->object = text_copy(from->object, &at);
        e->upn = text_copy(from->upn, &at);
        e->remote = text_copy(from->remote, &at);
        e->detail = text_copy(from->detail, &at);
        j->rows[i].upns = ptrs;
        j->rows[i].nupns = rows[i].nupns;
        for (int k = 0; k < rows[i].nupns; k++)
            *ptrs++ = text_copy(rows[i].upns[k], &at);
    }
    return j;
}

/* Write jobs from first up to (not including) end in one transaction. */
static or_code write_group(or_store *s, job *first, job *end)
{
    or_error err = {0};
    or_code rc = or_store_begin(s, &err);
    for (job *j = first; !rc && j != end; j = j->next)
        for (int i = 0; !rc && i < j->n; i++)
            rc = j->rows[i].nupns > 0
                     ? or_audit_add_list(s, &j->rows[i].e, j->rows[i].upns, j->rows[i].nupns, &err)
                     : or_audit_add(s, &j->rows[i].e, &err);
    if (!rc)
        rc = or_store_commit(s, &err);
    else if (or_store_in_transaction(s))
        or_store_rollback(s);
    return rc;
}

static void *run(void *p)
{
    web_audit_writer *w = p;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->more, &w->mu);
        if (!w->head)
            break; /* stopping, and nothing left */
        job *group = w->head;
        w->head = w->tail = NULL;
        pthread_mutex_unlock(&w->mu);
        or_code rc = w->store ? write_group(w->store, group, NULL) : OR_ESTORE;
        for (job *j = group, *next; j; j = next) {
            next = j->next;
            or_code mine = rc;
            if (rc && w->store && group->next) /* a group failed: each job on its own */
                mine = write_group(w->store, j, next);
            j->done(j->ctx, mine);
            free(j);
        }
        pthread_mutex_lock(&w->mu);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

or_code web_audit_writer_start(const char *db_url, web_audit_writer **out, or_error *err)
{
    web_audit_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->db_url = strdup(db_url))) {
        free(w);
        return or_fail(err, OR_ENOMEM, "out of memory starting the audit writer");
    }
    or_code rc = or_store_open(db_url, &w->store, err);
    if (rc) {
        free(w->db_url);
        free(w);
        return rc;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->more, NULL);
    if (pthread_create(&w->thread, NULL, run, w)) {
        or_store_close(w->store);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->more);
        free(w->db_url);
        free(w);
        return or_fail(err, OR_ENOMEM, "cannot start the audit writer's thread");
    }
    *out = w;
    return OR_OK;
}

void web_audit_writer_stop(web_audit_writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stopping = true;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    or_store_close(w->store);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->more);
    free(w->db_url);
    free(w);
}

bool web_audit_writer_submit(web_audit_writer *w, const web_audit_row *rows, int n,
                             web_audit_done done, void *ctx)
{
    job *j = job_new(rows, n, done, ctx);
    if (!j)
        return false;
    pthread_mutex_lock(&w->mu);
    bool open = !w->stopping;
    if (open) {
        if (w->tail)
            w->tail->next = j;
        else
            w->head = j;
        w->tail = j;
        pthread_cond_signal(&w->more);
    }
    pthread_mutex_unlock(&w->mu);
    if (!open)
        free(j);
    return open;
}

/* A blocked request's wait for its rows. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done;
    or_code rc;
} waiter;

static void wake(void *ctx, or_code rc)
{
    waiter *wt = ctx;
    pthread_mutex_lock(&wt->mu);
    wt->rc = rc;
    wt->done = true;
    pthread_cond_signal(&wt->cv);
    pthread_mutex_unlock(&wt->mu);
}

or_code web_audit_writer_write(web_audit_writer *w, const web_audit_row *rows, int n, or_error *err)
{
    waiter wt = {.done = false, .rc = OR_OK};
    pthread_mutex_init(&wt.mu, NULL);
    pthread_cond_init(&wt.cv, NULL);
    or_code rc = OR_ESTORE;
    if (web_audit_writer_submit(w, rows, n, wake, &wt)) {
        pthread_mutex_lock(&wt.mu);
        while (!wt.done)
            pthread_cond_wait(&wt.cv, &wt.mu);
        rc = wt.rc;
        pthread_mutex_unlock(&wt.mu);
    }
    pthread_mutex_destroy(&wt.mu);
    pthread_cond_destroy(&wt.cv);
    return rc ? or_fail(err, rc, "the audit log could not be written") : OR_OK;
}
