/* web.h - the HTTP server (libmicrohttpd). */
#ifndef ONROLL_WEB_H
#define ONROLL_WEB_H

#include "onroll/error.h"

typedef struct {
    const char *db_url;
    const char *host; /* "127.0.0.1" */
    int port;         /* 8080 */
    int threads;      /* worker threads (0: 4) */
} or_web_opts;

/* Serve until SIGINT or SIGTERM. */
or_code or_web_serve(const or_web_opts *o, or_error *err);

#endif
