/* sse.c - server-sent events without a thread per listener (sse.h). Each stream is a response
 * made with MHD_create_response_from_callback; its content reader writes what is due (the
 * retry interval first, then an event when the topic's counter is ahead of what the page has
 * seen, a keep-alive comment when one is due) and, with nothing to say, suspends its own
 * connection and returns 0, as libmicrohttpd's manual says a reader must to avoid busy waiting.
 * web_sse_notify resumes the topic's suspended streams; the hub's thread resumes those whose
 * keep-alive or end of life is due, once a second. One mutex guards the list and every
 * stream's state; a connection is suspended and resumed only under it, so a stream is never
 * resumed twice nor left asleep with an event due. The hub is the server's one instance,
 * started and stopped by or_web_serve (server.c). */
#include <microhttpd.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/sse.h"

struct web_sse {
    int64_t topic;
    int64_t seen;            /* the counter the page has been told of */
    int64_t pending;         /* the counter now */
    int64_t next_ping, ends; /* seconds (monotonic) */
    bool started;            /* the retry line has been sent */
    bool suspended;
    bool listed;
    struct MHD_Connection *conn;
    web_sse *prev, *next;
};

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool running, stopping, ending;
    web_sse *head;
    int n;
} hub_t;

static hub_t hub = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static int64_t mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

/* Wake a suspended stream (hub.mu held). */
static void wake(web_sse *s)
{
    if (s->suspended && s->conn) {
        s->suspended = false;
        MHD_resume_connection(s->conn);
    }
}

static void *hub_run(void *p)
{
    (void)p;
    pthread_mutex_lock(&hub.mu);
    while (!hub.stopping) {
        int64_t now = mono_now();
        for (web_sse *s = hub.head; s; s = s->next)
            if (s->suspended && (now >= s->next_ping || now >= s->ends || hub.ending))
                wake(s);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&hub.cv, &hub.mu, &until);
    }
    pthread_mutex_unlock(&hub.mu);
    return NULL;
}

void web_sse_start(void)
{
    pthread_mutex_lock(&hub.mu);
    if (!hub.running) {
        hub.stopping = hub.ending = false;
        hub.running = !pthread_create(&hub.thread, NULL, hub_run, NULL);
    }
    pthread_mutex_unlock(&hub.mu);
}

void web_sse_end_streams(void)
{
    pthread_mutex_lock(&hub.mu);
    hub.ending = true;
    for (web_sse *s = hub.head; s; s = s->next)
        wake(s);
    pthread_mutex_unlock(&hub.mu);
}

void web_sse_stop(void)
{
    pthread_mutex_lock(&hub.mu);
    bool running = hub.running;
    hub.stopping = true;
    hub.ending = true;
    for (web_sse *s = hub.head; s; s = s->next)
        wake(s);
    pthread_cond_broadcast(&hub.cv);
    pthread_mutex_unlock(&hub.mu);
    if (running)
        pthread_join(hub.thread, NULL);
    pthread_mutex_lock(&hub.mu);
    hub.running = false;
    pthread_mutex_unlock(&hub.mu);
}

web_sse *web_sse_new(int64_t topic, int64_t since, int64_t current)
{
    pthread_mutex_lock(&hub.mu);
    if (!hub.running || hub.ending) {
        pthread_mutex_unlock(&hub.mu);
        return NULL;
    }
    web_sse *s = calloc(1, sizeof *s);
    if (s) {
        int64_t now = mono_now();
        s->topic = topic;
        s->seen = since;
        s->pending = current > since ? current : since;
        s->next_ping = now + WEB_SSE_PING;
        s->ends = now + WEB_SSE_LIFE;
        s->listed = true;
        s->next = hub.head;
        if (hub.head)
            hub.head->prev = s;
        hub.head = s;
        hub.n++;
    }
    pthread_mutex_unlock(&hub.mu);
    return s;
}

void web_sse_free(web_sse *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&hub.mu);
    if (s->listed) {
        if (s->prev)
            s->prev->next = s->next;
        else
            hub.head = s->next;
        if (s->next)
            s->next->prev = s->prev;
        hub.n--;
    }
    pthread_mutex_unlock(&hub.mu);
    free(s);
}

void web_sse_notify(int64_t topic, int64_t counter)
{
    pthread_mutex_lock(&hub.mu);
    for (web_sse *s = hub.head; s; s = s->next)
        if (s->topic == topic && counter > s->pending) {
            s->pending = counter;
            wake(s);
        }
    pthread_mutex_unlock(&hub.mu);
}

int web_sse_open(void)
{
    pthread_mutex_lock(&hub.mu);
    int n = hub.n;
    pthread_mutex_unlock(&hub.mu);
    return n;
}

/* libmicrohttpd's content reader: what is due, or suspend (see the top of the file). */
static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    web_sse *s = cls;
    (void)pos;
    if (max < 128)
        return 0; /* called again when there is room */
    pthread_mutex_lock(&hub.mu);
    int64_t now = mono_now();
    int n = 0;
    if (hub.ending || now >= s->ends) {
        pthread_mutex_unlock(&hub.mu);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (!s->started) {
        s->started = true;
        n = snprintf(buf, max, "retry: %d\n: onroll\n\n", WEB_SSE_RETRY_MS);
    } else if (s->pending > s->seen) {
        s->seen = s->pending;
        n = snprintf(buf, max, "id: %lld\nevent: change\ndata: %lld\n\n", (long long)s->seen,
                     (long long)s->seen);
        s->next_ping = now + WEB_SSE_PING;
    } else if (now >= s->next_ping) {
        s->next_ping = now + WEB_SSE_PING;
        n = snprintf(buf, max, ": ping\n\n");
    } else {
        s->suspended = true;
        MHD_suspend_connection(s->conn);
    }
    pthread_mutex_unlock(&hub.mu);
    return n;
}

static void release(void *cls)
{
    web_sse_free(cls);
}

struct MHD_Response *web_sse_response(web_sse *s, struct MHD_Connection *conn)
{
    pthread_mutex_lock(&hub.mu);
    s->conn = conn;
    pthread_mutex_unlock(&hub.mu);
    struct MHD_Response *r =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, reader, s, release);
    if (!r)
        web_sse_free(s);
    return r;
}
