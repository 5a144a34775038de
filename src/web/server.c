/* server.c - the HTTP server: libmicrohttpd with a thread pool, each worker thread with its own
 * store connection; the one place where every request is checked before its handler runs
 * (in this order, each refusal ending the request):
 *
 *   1. the route (routes.c): 404, or 405 for a known path in another method;
 *   2. parameters valid at the edge: UTF-8 text, bounded length and count (400), body size (413);
 *      a route declared WEB_F_UPLOAD also takes multipart/form-data with one file (multipart.c);
 *   3. who is asking: the session cookie for pages (idle and absolute time-outs), the bearer
 *      token for the API; not allowed yet -> the sign-in page (or 401 on the API);
 *   4. the role: not among the route's -> 403, logged;
 *   5. a POST's CSRF token, compared in constant time with the session's -> 403, logged;
 *   6. a route that reads a pupil's record: the pupil in the user's scope, else 404 (the user
 *      may not know the pupil exists), logged; the read itself logged before the page is built
 *      (a route naming an event, {urn}/{event_id}, reads the record of the event's pupil);
 *   7. after the handler, every child the response names is on the record (web_audit_listed);
 *
 * and every audit row of a request (outside a transaction of its own) is committed before any
 * byte of its response is sent, else the response is a 500. The rows go to the audit writer
 * (audit_writer.h: many requests' rows in one commit, one sync to disk) and the connection is
 * suspended until they are committed, so that the worker thread serves other connections
 * meanwhile: for a pupil's record, before the handler runs (6); for the rest, once the
 * response is made (the page's own rows, a refusal's, the list's).
 *
 * and the security headers, set here for every response. When given a sender (sender.h), it
 * also runs the partner-notification sender in a thread of its own until the server stops. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "onroll/upn.h"
#include "onroll/web.h"
#include "web/audit_writer.h"
#include "web/web.h"

typedef struct {
    const char *db_url;
    pthread_key_t store_key;
    web_config cfg;
    int64_t last_purge; /* when expired sessions were last removed */
    atomic_int held;    /* requests waiting for their audit row (connections suspended) */
    atomic_int closing; /* stopping: hold no more requests */
} server;

/* A request from its last piece to its response: kept while its connection is suspended for
 * its audit rows (mu orders the writer's wake-up after the suspension). */
enum { HELD_BEFORE = 1, HELD_AFTER };
typedef struct {
    or_arena arena;
    web_request req;
    web_response res;
    web_audit_rows deferred;
    struct MHD_Connection *conn;
    pthread_mutex_t mu;
    or_code audit_rc;
    int phase; /* held before the handler (a pupil's record) or after it */
} request_state;

/* What a connection's request gathers while its body arrives. */
typedef struct {
    or_sb body;
    size_t limit;
    bool too_large;
    request_state *held; /* suspended until its audit row is committed, or NULL */
} upload;

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

static void security_headers(struct MHD_Response *r, const web_config *cfg)
{
    /* no inline script or style anywhere: GOV.UK Frontend's script is a file, started by
     * another file (/assets/onroll/init.mjs) */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; "
                            "script-src 'self'; font-src 'self'; connect-src 'self'; "
                            "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                            "base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=(), payment=()");
    if (cfg->secure_cookies)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(struct MHD_Connection *conn, const web_config *cfg,
                                     web_response *res)
{
    struct MHD_Response *r;
    if (res->data)
        r = MHD_create_response_from_buffer(res->data_len, (void *)res->data,
                                            MHD_RESPMEM_PERSISTENT);
    else
        r = MHD_create_response_from_buffer(
            res->body.len, res->body.buf ? res->body.buf : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", res->content_type);
    MHD_add_response_header(r, "Cache-Control",
                            res->cache_control ? res->cache_control : "no-store");
    security_headers(r, cfg);
    for (int i = 0; i < res->nheaders; i++)
        MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ret;
}

typedef struct {
    web_params *params;
    or_arena *arena;
    or_error err;
    bool bad;
} query_ctx;

static enum MHD_Result on_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    query_ctx *q = cls;
    (void)kind;
    if (q->bad)
        return MHD_NO;
    if (web_param_add(q->params, q->arena, or_arena_strdup(q->arena, key ? key : ""),
                      or_arena_strdup(q->arena, value ? value : ""), &q->err))
        q->bad = true;
    return q->bad ? MHD_NO : MHD_YES;
}

static const char *client_address(struct MHD_Connection *conn, or_arena *arena)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                      sizeof buf);
    }
    return or_arena_strdup(arena, buf[0] ? buf : "unknown");
}

/* Does the Content-Type header name this media type (ignoring parameters and case)? */
static bool content_type_is(struct MHD_Connection *conn, const char *type)
{
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    size_t n = strlen(type);
    return ct && !strncasecmp(ct, type, n) && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* "?next=PATH", the path percent-encoded but for its slashes. */
static void add_next(or_sb *to, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    or_sb_adds(to, "?next=");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p)) {
            or_sb_addc(to, (char)*p);
        } else {
            or_sb_addc(to, '%');
            or_sb_addc(to, hex[*p >> 4]);
            or_sb_addc(to, hex[*p & 15]);
        }
    }
}

static void deny(web_request *req, web_response *res, int status, const char *upn, const char *why)
{
    char detail[200];
    snprintf(detail, sizeof detail, "%s %s: %s", req->method, web_logged_path(req), why);
    web_audit(req, "denied", upn, detail);
    if (status == 404)
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
    else
        web_error(req, res, status, "You do not have access to this page", why);
}

/* Everything between the route table and the handler (see the top of this file). */
/* A route that names an event rather than a pupil (/referrals/{urn}/{event_id}): look up the
 * event's pupil and add it to the path's parameters as {upn}, so that the scope check, the
 * audit and the handler see the pupil. False when there is no such event. */
static bool pupil_of_event(web_request *req)
{
    const char *urn_text = web_path(req, "urn"), *event_id = web_path(req, "event_id");
    int urn = 0;
    char type[32], upn[14];
    or_error err = {0};
    if (!*event_id || or_urn_validate(urn_text, &urn, NULL) ||
        or_store_event_find(req->store, urn, event_id, type, upn, &err) || !upn[0])
        return false;
    /* the parameter keeps the pointer: the pupil's UPN goes in the request's arena */
    return web_param_add(&req->path_params, req->arena, "upn", or_arena_strdup(req->arena, upn),
                         &err) == OR_OK;
}

/* The audit writer's word on a held request's row: keep it, and let the connection go on. */
static void audit_committed(void *ctx, or_code rc)
{
    request_state *st = ctx;
    pthread_mutex_lock(&st->mu); /* the request is suspended by now */
    st->audit_rc = rc;
    struct MHD_Connection *conn = st->conn;
    pthread_mutex_unlock(&st->mu);
    MHD_resume_connection(conn); /* st may be gone from here on */
}

/* Hand the request's audit rows to the writer and suspend the connection until they are
 * committed; false when there are none, there is no writer or the server is stopping (the
 * caller writes them itself). */
static bool hold(server *srv, struct MHD_Connection *conn, request_state *st, upload *up, int phase)
{
    web_audit_writer *w = srv->cfg.audit_writer;
    if (!w || !st->deferred.n)
        return false;
    atomic_fetch_add(&srv->held, 1); /* before looking at closing: see or_web_serve */
    if (atomic_load(&srv->closing)) {
        atomic_fetch_sub(&srv->held, 1);
        return false;
    }
    st->conn = conn;
    st->phase = phase;
    pthread_mutex_lock(&st->mu);
    bool queued =
        web_audit_writer_submit(w, st->deferred.items, st->deferred.n, audit_committed, st);
    if (queued) {
        st->deferred.n = 0;
        up->held = st;
        MHD_suspend_connection(conn);
    }
    pthread_mutex_unlock(&st->mu);
    if (!queued)
        atomic_fetch_sub(&srv->held, 1);
    return queued;
}

static void audit_failed(const web_request *req, web_response *res)
{
    res->nheaders = 0;
    web_error(req, res, 500, "Sorry, there is a problem with the service",
              "The audit log could not be written, so this page cannot be shown.");
}

/* The route's handler, then the record of every child its response names. */
static void run_handler(web_request *req, web_response *res)
{
    req->route->fn(req, res);
    if (!web_audit_listed(req, res))
        audit_failed(req, res);
}

/* Everything up to the handler; true when the request is held for its audit row (the
 * connection suspended: handle() finishes it when it is resumed). */
static bool dispatch(server *srv, struct MHD_Connection *conn, request_state *st, upload *up)
{
    web_request *req = &st->req;
    web_response *res = &st->res;
    const web_config *cfg = &srv->cfg;
    bool other = false;
    req->route = web_route_find(req->method, req->path, &req->path_params, req->arena, &other);
    bool json = req->route && (req->route->flags & WEB_F_JSON);

    /* who is asking */
    or_session *sess = or_arena_calloc(req->arena, 1, sizeof *sess);
    const char *expired = NULL;
    if (json) {
        const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
        int urn = 0;
        bool found = false;
        or_error err = {0};
        if (auth && !strncasecmp(auth, "Bearer ", 7) &&
            !or_api_token_find(req->store, auth + 7, &urn, &found, &err) && found)
            req->api_urn = urn;
    } else {
        const char *token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, WEB_SESSION_COOKIE);
        or_session_state state = OR_SESSION_NONE;
        or_error err = {0};
        if (token && *token &&
            !or_session_get(req->store, token, req->now, cfg->session_idle, cfg->session_max, sess,
                            &state, &err)) {
            if (state == OR_SESSION_VALID) {
                req->session = sess;
                req->user = &sess->user;
                req->csrf = sess->csrf;
                req->session_token = or_arena_strdup(req->arena, token);
            } else {
                expired = state == OR_SESSION_IDLE_EXPIRED  ? "idle"
                          : state == OR_SESSION_ABS_EXPIRED ? "max"
                                                            : NULL;
                web_set_cookie(req, res, WEB_SESSION_COOKIE, "", 0);
            }
        }
        if (!req->session) {
            const char *pre =
                MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, WEB_PRESIGN_COOKIE);
            if (pre && strlen(pre) == OR_TOKEN_LEN)
                req->csrf = or_arena_strdup(req->arena, pre);
        }
    }

    if (!req->route) {
        if (other) {
            web_error(req, res, 405, "Method not allowed", NULL);
            web_header_add(res, "Allow", "GET, HEAD, POST");
        } else {
            web_error(req, res, 404, "Page not found",
                      "If you typed the web address, check it is correct.");
        }
        return false;
    }

    /* parameters, at the edge */
    or_error perr = {0};
    for (int i = 0; i < req->path_params.n; i++)
        if (!or_utf8_valid(req->path_params.items[i].value, false) ||
            strlen(req->path_params.items[i].value) > WEB_FIELD_MAX) {
            web_error(req, res, 400, "Bad request", "The web address is not valid.");
            return false;
        }
    query_ctx q = {&req->query, req->arena, {0}, false};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, on_query, &q);
    if (q.bad) {
        web_error(req, res, 400, "Bad request", q.err.msg);
        return false;
    }

    /* authentication and role */
    web_verdict v = web_authorize(req->route, web_caller_bit(req));
    if (v == WEB_SIGN_IN) {
        if (json) {
            web_error(req, res, 401, "Unauthorised",
                      "send a school's API token as: Authorization: Bearer onr_...");
            web_header_add(res, "WWW-Authenticate", "Bearer realm=\"onroll\"");
        } else {
            /* back to where they were going after signing in (GETs only) */
            or_sb to = OR_SB_INIT;
            or_sb_adds(&to, "/sign-in");
            if (expired)
                or_sb_addf(&to, "?expired=%s", expired);
            else if (!strcmp(req->method, "GET") && strcmp(req->path, "/"))
                add_next(&to, req->path);
            web_redirect(req, res, or_arena_strdup(req->arena, or_sb_str(&to)));
            or_sb_release(&to);
        }
        return false;
    }
    if (v == WEB_FORBID) {
        deny(req, res, 403, NULL, "your role may not use this page");
        return false;
    }

    /* the body */
    bool post = !strcmp(req->method, "POST");
    if (up->too_large) {
        web_error(req, res, 413, "Too much data", "The request is larger than onroll accepts.");
        return false;
    }
    if (post && json) {
        if (!content_type_is(conn, "application/json")) {
            web_error(req, res, 415, "Unsupported media type",
                      "send the rows as Content-Type: application/json");
            return false;
        }
        req->body = or_sb_str(&up->body);
        req->body_len = up->body.len;
    } else if (post) {
        /* an upload route takes a file (multipart); any other form is URL-encoded and small */
        bool multipart =
            (req->route->flags & WEB_F_UPLOAD) && content_type_is(conn, "multipart/form-data");
        if (up->body.len && !multipart &&
            !content_type_is(conn, "application/x-www-form-urlencoded")) {
            web_error(req, res, 415, "Unsupported media type", "Send the form as a web form.");
            return false;
        }
        if (!multipart && up->body.len > WEB_FORM_MAX) {
            web_error(req, res, 413, "Too much data", "The form is larger than onroll accepts.");
            return false;
        }
        if (multipart ? web_multipart_parse(conn, or_sb_str(&up->body), up->body.len, req, &perr)
                      : web_form_parse(or_sb_str(&up->body), up->body.len, &req->form, req->arena,
                                       &perr)) {
            web_error(req, res, 400, "Bad request", perr.msg);
            return false;
        }
        /* CSRF: the form's token must be the session's (or, before signing in, the cookie's) */
        if (!web_token_equal(web_form(req, WEB_CSRF_FIELD), req->csrf)) {
            deny(req, res, 403, NULL,
                 "the form was not sent from an onroll page (its security token is missing or "
                 "out of date): go back, reload the page and try again");
            return false;
        }
    }

    /* a pupil's record: in scope, and logged before anything of it is shown */
    if (req->route->flags & WEB_F_PUPIL) {
        /* the pupil is named, or is the pupil of the event {event_id} of school {urn} */
        const char *upn = web_path(req, "upn");
        if (!*upn && !pupil_of_event(req)) {
            deny(req, res, 404, NULL, "no such event (or the store did not answer)");
            return false;
        }
        upn = web_path(req, "upn");
        if (!web_can_see_pupil(req, upn)) {
            deny(req, res, 404, upn, "pupil not in the user's scope (or unknown)");
            return false;
        }
        if (web_audit(req, "pupil.read", upn, NULL)) {
            audit_failed(req, res);
            return false;
        }
        if (hold(srv, conn, st, up, HELD_BEFORE))
            return true;
        if (web_audit_commit(req)) {
            audit_failed(req, res);
            return false;
        }
    }
    run_handler(req, res);
    return false;
}

static void request_state_free(request_state *st)
{
    or_sb_release(&st->res.body);
    or_arena_free(&st->arena);
    pthread_mutex_destroy(&st->mu);
    free(st);
}

/* Send a request's response and let its state go. */
static enum MHD_Result respond(struct MHD_Connection *conn, const web_config *cfg,
                               request_state *st)
{
    enum MHD_Result ret = send_response(conn, cfg, &st->res);
    request_state_free(st);
    return ret;
}

/* The response is made: its audit rows are committed before it is sent (the connection held
 * meanwhile), or it is a 500. */
static enum MHD_Result finish(server *srv, struct MHD_Connection *conn, request_state *st,
                              upload *up)
{
    if (hold(srv, conn, st, up, HELD_AFTER))
        return MHD_YES;
    if (web_audit_commit(&st->req))
        audit_failed(&st->req, &st->res);
    return respond(conn, &srv->cfg, st);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_size, void **con_cls)
{
    server *srv = cls;
    (void)version;
    upload *up = *con_cls;
    if (!up) { /* first call: headers only */
        up = calloc(1, sizeof *up);
        if (!up)
            return MHD_NO;
        bool other;
        const web_route *r = web_route_find(method, url, NULL, NULL, &other);
        up->limit = r && (r->flags & WEB_F_JSON)     ? WEB_API_BODY_MAX
                    : r && (r->flags & WEB_F_UPLOAD) ? WEB_UPLOAD_MAX
                                                     : WEB_FORM_MAX;
        *con_cls = up;
        /* a body announced as too large is refused before it is read */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > up->limit) {
            web_response res = {413, "text/plain; charset=utf-8", OR_SB_INIT, NULL, 0, NULL, {{0}},
                                0};
            or_sb_adds(&res.body, "The request is larger than onroll accepts.\n");
            web_header_add(&res, "Connection", "close");
            enum MHD_Result ret = send_response(conn, &srv->cfg, &res);
            or_sb_release(&res.body);
            return ret;
        }
        return MHD_YES;
    }
    if (*data_size) { /* a piece of the body */
        if (up->body.len + *data_size > up->limit)
            up->too_large = true;
        else
            or_sb_add(&up->body, data, *data_size);
        *data_size = 0;
        return MHD_YES;
    }
    request_state *st = up->held;
    if (st) { /* resumed: its audit rows are committed, or could not be */
        up->held = NULL;
        atomic_fetch_sub(&srv->held, 1);
        if (st->audit_rc) {
            audit_failed(&st->req, &st->res);
            st->deferred.n = 0; /* nothing more to write: nothing is shown */
            return respond(conn, &srv->cfg, st);
        }
        if (st->phase == HELD_AFTER)
            return respond(conn, &srv->cfg, st);
        run_handler(&st->req, &st->res); /* a pupil's record, its read on the record */
        return finish(srv, conn, st, up);
    }
    if (!(st = calloc(1, sizeof *st)))
        return MHD_NO;
    pthread_mutex_init(&st->mu, NULL);
    st->req = (web_request){.method = method,
                            .path = url,
                            .cfg = &srv->cfg,
                            .arena = &st->arena,
                            .now = (int64_t)time(NULL)};
    st->res = (web_response){200, "text/html; charset=utf-8", OR_SB_INIT, NULL, 0, NULL, {{0}}, 0};
    st->req.deferred = &st->deferred;
    web_request *req = &st->req;
    web_response *res = &st->res;
    req->remote = client_address(conn, &st->arena);
    req->store = thread_store(srv);
    if (!req->store) {
        res->status = 503;
        res->content_type = "text/plain; charset=utf-8";
        or_sb_adds(&res->body, "database unavailable\n");
    } else {
        int64_t last = __atomic_load_n(&srv->last_purge, __ATOMIC_RELAXED);
        if (req->now - last >= 300 &&
            __atomic_compare_exchange_n(&srv->last_purge, &last, req->now, false, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
            or_error err = {0};
            or_session_purge(req->store, req->now, srv->cfg.session_idle, srv->cfg.session_max,
                             NULL, &err);
        }
        if (dispatch(srv, conn, st, up))
            return MHD_YES; /* held: answered when resumed */
    }
    return finish(srv, conn, st, up);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    server *srv = cls;
    (void)conn;
    (void)toe;
    upload *up = *con_cls;
    if (up) {
        if (up->held) { /* the connection ended while it waited for its audit row */
            request_state_free(up->held);
            atomic_fetch_sub(&srv->held, 1);
        }
        or_sb_release(&up->body);
        free(up);
    }
    *con_cls = NULL;
}

static or_code read_pem(const char *path, char **out, or_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: %s", path, strerror(errno));
    or_sb sb = OR_SB_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (1 << 20))
        or_sb_add(&sb, buf, n);
    fclose(f);
    *out = or_sb_detach(&sb);
    return OR_OK;
}

/* The partner-notification sender's thread. */
typedef struct {
    const or_web_opts *o;
    atomic_int stop;
} sender_thread;

static void *run_sender(void *p)
{
    sender_thread *t = p;
    or_error err = {0};
    if (or_sender_run(t->o->db_url, t->o->sender, t->o->sender_poll, &t->stop, t->o->sender_log,
                      t->o->sender_log_ctx, &err) &&
        t->o->sender_log)
        t->o->sender_log(t->o->sender_log_ctx, err.msg);
    return NULL;
}

static int64_t or_default(int64_t v, int64_t def)
{
    return v > 0 ? v : def;
}

or_code or_web_serve(const or_web_opts *o, or_error *err)
{
    server srv = {o->db_url, 0, {0}, 0, 0, 0};
    web_config *cfg = &srv.cfg;
    cfg->db_url = o->db_url;
    cfg->session_idle = or_default(o->session_idle, 30 * 60);
    cfg->session_max = or_default(o->session_max, 12 * 3600);
    cfg->login_max_email = (int)or_default(o->login_max_email, 5);
    cfg->login_max_remote = (int)or_default(o->login_max_remote, 20);
    cfg->login_window = or_default(o->login_window, 15 * 60);
    bool tls = o->tls_cert && o->tls_key;
    cfg->secure_cookies = tls || o->secure_cookies;
    if ((o->tls_cert != NULL) != (o->tls_key != NULL))
        return or_fail(err, OR_EUSAGE, "TLS needs both a certificate and a key");
    or_code rc = web_assets_load(o->static_dir, &cfg->assets, &cfg->nassets, err);
    if (rc)
        return rc;
    web_assets_version(cfg->assets, cfg->nassets, cfg->asset_version);
    char *cert = NULL, *key = NULL;
    if (tls &&
        ((rc = read_pem(o->tls_cert, &cert, err)) || (rc = read_pem(o->tls_key, &key, err)))) {
        free(cert);
        web_assets_free(cfg->assets, cfg->nassets);
        return rc;
    }
    if (pthread_key_create(&srv.store_key, close_store)) {
        free(cert);
        free(key);
        web_assets_free(cfg->assets, cfg->nassets);
        return or_fail(err, OR_ENOMEM, "cannot create thread storage");
    }
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
        free(cert);
        free(key);
        web_assets_free(cfg->assets, cfg->nassets);
        return or_fail(err, OR_EUSAGE, "'%s' is not an IPv4 address to listen on", o->host);
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the workers inherit this mask */
    if ((rc = web_audit_writer_start(o->db_url, &cfg->audit_writer, err))) {
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        pthread_key_delete(srv.store_key);
        free(cert);
        free(key);
        web_assets_free(cfg->assets, cfg->nassets);
        return rc;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
                     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    struct MHD_Daemon *d;
    if (tls)
        d = MHD_start_daemon(
            flags | MHD_USE_TLS, (uint16_t)o->port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR,
            &addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 4),
            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
            (size_t)256 * 1024, MHD_OPTION_NOTIFY_COMPLETED, completed, &srv,
            MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
    else
        d = MHD_start_daemon(
            flags, (uint16_t)o->port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR, &addr,
            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 4),
            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
            (size_t)256 * 1024, MHD_OPTION_NOTIFY_COMPLETED, completed, &srv, MHD_OPTION_END);
    if (!d) {
        web_audit_writer_stop(cfg->audit_writer);
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        pthread_key_delete(srv.store_key);
        free(cert);
        free(key);
        web_assets_free(cfg->assets, cfg->nassets);
        return or_fail(err, OR_EIO, "cannot listen on %s:%d (in use, or not allowed%s)", o->host,
                       o->port, tls ? ", or the certificate and key do not fit" : "");
    }
    sender_thread st = {o, 0};
    pthread_t sender;
    bool sending = o->sender && !pthread_create(&sender, NULL, run_sender, &st);
    int sig = 0;
    sigwait(&stop, &sig);
    if (sending) {
        atomic_store(&st.stop, 1);
        pthread_join(sender, NULL);
    }
    /* no request is held once closing is seen (hold_for_audit counts itself in before it
     * looks), and the writer, still running, lets every held one go (within the store's 10 s
     * busy time-out); then the daemon may stop (it must have no suspended connection) and the
     * writer after it */
    atomic_store(&srv.closing, 1);
    for (int i = 0; i < 15000 && atomic_load(&srv.held) > 0; i++)
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    MHD_stop_daemon(d);
    web_audit_writer_stop(cfg->audit_writer);
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
    pthread_key_delete(srv.store_key);
    free(cert);
    free(key);
    web_assets_free(cfg->assets, cfg->nassets);
    return OR_OK;
}
