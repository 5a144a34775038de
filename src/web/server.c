/* server.c - the HTTP server: libmicrohttpd with a thread pool, the one route table, the
 * security headers set in one place. Each worker thread has its own store connection. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/web.h"
#include "web/web.h"

static const struct {
    const char *method, *path;
    web_handler fn;
} routes[] = {
    {"GET", "/", page_status},
    {"GET", "/healthz", page_healthz},
};

typedef struct {
    const char *db_url;
    pthread_key_t store_key;
} server;

static void close_store(void *p)
{
    or_store_close(p);
}

/* This thread's store, opened on first use. */
static or_store *thread_store(server *srv)
{
    or_store *s = pthread_getspecific(srv->store_key);
    if (s)
        return s;
    or_error err = {0};
    if (or_store_open(srv->db_url, &s, &err))
        return NULL;
    pthread_setspecific(srv->store_key, s);
    return s;
}

static void security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; "
                            "script-src 'self'; font-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    server *srv = cls;
    (void)version;
    (void)upload;
    if (!*con_cls) { /* first call: headers only */
        *con_cls = (void *)1;
        return MHD_YES;
    }
    *upload_size = 0;
    web_request req = {method, url, thread_store(srv)};
    web_response res = {200, "text/html; charset=utf-8", OR_SB_INIT};
    web_handler fn = page_not_found;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (!strcmp(routes[i].path, url) &&
            (!strcmp(routes[i].method, method) || (!strcmp(method, "HEAD"))))
            fn = routes[i].fn;
    if (!req.store) {
        res.status = 503;
        res.content_type = "text/plain; charset=utf-8";
        or_sb_adds(&res.body, "database unavailable\n");
    } else {
        fn(&req, &res);
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(
        res.body.len, res.body.buf ? res.body.buf : (void *)"", MHD_RESPMEM_MUST_COPY);
    or_sb_release(&res.body);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", res.content_type);
    security_headers(r);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)res.status, r);
    MHD_destroy_response(r);
    return ret;
}

or_code or_web_serve(const or_web_opts *o, or_error *err)
{
    server srv = {o->db_url, 0};
    if (pthread_key_create(&srv.store_key, close_store))
        return or_fail(err, OR_ENOMEM, "cannot create thread storage");
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1)
        return or_fail(err, OR_EUSAGE, "'%s' is not an IPv4 address to listen on", o->host);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the workers inherit this mask */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG,
        (uint16_t)o->port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 4),
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)256 * 1024, MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        return or_fail(err, OR_EIO, "cannot listen on %s:%d (in use, or not allowed)", o->host,
                       o->port);
    }
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
    pthread_key_delete(srv.store_key);
    return OR_OK;
}
