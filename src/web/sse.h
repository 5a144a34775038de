/* sse.h (internal) - server-sent events: a stream per open page of a topic (a workshop), told
 * when the topic's counter moves, without pinning a worker thread. A stream's connection is
 * suspended (MHD_suspend_connection, from its content reader) while it has nothing to say, and
 * resumed by web_sse_notify, or by the hub's thread for a keep-alive comment every
 * WEB_SSE_PING seconds and at the end of its life (WEB_SSE_LIFE seconds: the browser's
 * EventSource then connects again, so no stream outlives a session for long). */
#ifndef ONROLL_WEB_SSE_H
#define ONROLL_WEB_SSE_H

#include <stdint.h>

enum {
    WEB_SSE_PING = 5,        /* seconds between keep-alive comments (under the idle time-out) */
    WEB_SSE_LIFE = 10 * 60,  /* seconds a stream lives */
    WEB_SSE_RETRY_MS = 1000, /* the browser's wait before it connects again */
};

typedef struct web_sse web_sse;
struct MHD_Response;
struct MHD_Connection;

/* Start the hub (its thread) and stop it: every stream is ended first (server.c, before the
 * daemon stops), then the thread once the daemon has stopped. */
void web_sse_start(void);
void web_sse_end_streams(void);
void web_sse_stop(void);

/* A new stream of topic whose page has seen counter `since`; current is the counter now (an
 * event is sent at once when it is ahead). NULL when the hub is not running. The response owns
 * it once made (web_sse_response); until then the caller (web_response.sse, freed by server.c
 * with web_sse_free when it is never sent). */
web_sse *web_sse_new(int64_t topic, int64_t since, int64_t current);
void web_sse_free(web_sse *s);
/* The counter of topic is now counter: each of its streams sends an event. Any thread. */
void web_sse_notify(int64_t topic, int64_t counter);
/* The response that streams s on conn (s is the response's from then on); NULL when out of
 * memory (s freed). */
struct MHD_Response *web_sse_response(web_sse *s, struct MHD_Connection *conn);
/* How many streams are open (tests, /status). */
int web_sse_open(void);

#endif
