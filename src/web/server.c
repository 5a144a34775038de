/* server.c - the HTTP server: libmicrohttpd with a thread pool, each worker thread with its own
 * store connection; the one place where every request is checked before its handler runs
 * (in this order, each refusal ending the request). When the headers arrive, before any of the
 * body is read:
 *
 *   1. who is asking: the session cookie for pages (idle and absolute time-outs), the bearer
 *      token for the API; on a route not open to everyone, not allowed yet -> the sign-in page
 *      (or 401 on the API), and the role not among the route's -> 403, logged;
 *   2. the body's announced size (413); the body then goes to memory (forms: WEB_FORM_MAX, the
 *      API) or, for an upload, to a temporary file (body.h);
 *
 * and once the body is in:
 *
 *   3. the route (routes.c): 404, or 405 for a known path in another method;
 *   4. parameters valid at the edge: UTF-8 text, bounded length and count (400), body size (413);
 *      a route declared WEB_F_UPLOAD also takes multipart/form-data with one file (multipart.c);
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
 * response is made (the page's own rows, a refusal's, the list's);
 *
 * and the security headers, set here for every response. libmicrohttpd bounds the connections
 * (in all, per address) and closes idle ones; the client's address is the TCP peer's, or behind
 * a trusted proxy the one its X-Forwarded-For names (forwarded.h). When given a sender
 * (sender.h), it also runs the partner-notification sender in a thread of its own until the
 * server stops. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "onroll/store_signin.h"
#include "onroll/upn.h"
#include "onroll/web.h"
#include "web/audit_writer.h"
#include "web/body.h"
#include "web/forwarded.h"
#include "web/live_model.h"
#include "web/sse.h"
#include "web/web.h"

/* The connection limits when `onroll serve` is not given them (README.md, docs/security.md). */
enum {
    WEB_DEFAULT_MAX_CONNECTIONS = 2000, /* in all */
    WEB_DEFAULT_PER_ADDRESS = 128,      /* from one address (an office behind one NAT) */
    WEB_DEFAULT_IDLE_TIMEOUT = 10,      /* seconds without a byte before a connection is closed */
};

typedef struct {
    const char *db_url;
    pthread_key_t store_key;
    web_config cfg;
    int64_t last_purge;  /* when expired sessions were last removed */
    web_trusted proxies; /* whose X-Forwarded-For is believed */
    atomic_int held;     /* requests waiting for their audit rows (connections suspended) */
    atomic_int closing;  /* stopping: hold no more requests */
} server;

/* Why a request's connection is suspended for its audit rows: before the handler (a pupil's
 * record, its read on the record first) or after it (the response made). */
enum { HELD_BEFORE = 1, HELD_AFTER };

/* One request, from its headers to its end (libmicrohttpd's con_cls): what is learnt when the
 * headers arrive (the route, who is asking), the body as it arrives and an upload's file. All
 * of it is freed by completed(), also when the client goes away half way. */
typedef struct {
    or_arena arena; /* the request's (req.arena) */
    web_request req;
    web_response res;
    bool other_method;   /* no route, but the path has one in another method (405) */
    const char *expired; /* the session cookie's session had ended: "idle" or "max" */
    bool answered;       /* refused when the headers arrived */
    web_body body;
    or_sb file; /* an upload's file field (multipart.c) */
    /* the audit rows of the request, and its wait for the writer to commit them (mu orders
     * the writer's wake-up after the suspension) */
    web_audit_rows deferred;
    struct MHD_Connection *conn;
    pthread_mutex_t mu;
    or_code audit_rc;
    int phase; /* HELD_BEFORE or HELD_AFTER while suspended, else 0 */
} exchange;

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
    if (res->sse) { /* a stream: the response owns it now */
        r = web_sse_response(res->sse, conn);
        res->sse = NULL;
    } else if (res->data)
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

static enum MHD_Result on_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    or_sb *all = cls;
    (void)kind;
    if (key && value && !strcasecmp(key, "X-Forwarded-For") && all->len < 16384) {
        if (all->len)
            or_sb_addc(all, ',');
        or_sb_adds(all, value);
    }
    return MHD_YES;
}

/* The client's address: the peer's, or behind a trusted proxy the one its X-Forwarded-For
 * names (every such header, in order, as one list). */
static const char *remote_address(const server *srv, struct MHD_Connection *conn, or_arena *arena)
{
    const char *peer = client_address(conn, arena);
    if (!srv->proxies.n || !web_trusted_has(&srv->proxies, peer))
        return peer;
    or_sb xff = OR_SB_INIT;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, on_forwarded, &xff);
    char out[WEB_ADDR_MAX];
    web_forwarded_client(&srv->proxies, peer, xff.len ? or_sb_str(&xff) : NULL, out);
    or_sb_release(&xff);
    return or_arena_strdup(arena, out);
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

/* Who is asking: the session cookie's user (pages), or the API token's school (JSON routes).
 * An ended session's cookie is cleared, and why it ended kept for the sign-in page. */
static void identify(const server *srv, struct MHD_Connection *conn, exchange *ex)
{
    const web_config *cfg = &srv->cfg;
    web_request *req = &ex->req;
    bool json = req->route && (req->route->flags & WEB_F_JSON);
    or_session *sess = or_arena_calloc(req->arena, 1, sizeof *sess);
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
                ex->expired = state == OR_SESSION_IDLE_EXPIRED  ? "idle"
                              : state == OR_SESSION_ABS_EXPIRED ? "max"
                                                                : NULL;
                web_set_cookie(req, &ex->res, WEB_SESSION_COOKIE, "", 0);
            }
        }
        const char *guest = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, WEB_WS_GUEST_COOKIE);
        if (guest && strlen(guest) == OR_TOKEN_LEN) /* checked by ws_open, workshops only */
            req->ws_guest = or_arena_strdup(req->arena, guest);
        if (!req->session) {
            const char *pre =
                MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, WEB_PRESIGN_COOKIE);
            if (pre && strlen(pre) == OR_TOKEN_LEN)
                req->csrf = or_arena_strdup(req->arena, pre);
        }
    }
}

/* May the caller use the route? If not, the refusal is in ex->res (the sign-in page, 401 on
 * the API, or 403, logged) and the answer is false. */
static bool caller_allowed(exchange *ex)
{
    web_request *req = &ex->req;
    web_response *res = &ex->res;
    web_verdict v = web_authorize(req->route, web_caller_bit(req));
    if (v == WEB_SIGN_IN) {
        if (req->route->flags & WEB_F_JSON) {
            web_error(req, res, 401, "Unauthorised",
                      "send a school's API token as: Authorization: Bearer onr_...");
            web_header_add(res, "WWW-Authenticate", "Bearer realm=\"onroll\"");
        } else {
            /* back to where they were going after signing in (GETs only) */
            or_sb to = OR_SB_INIT;
            or_sb_adds(&to, "/sign-in");
            if (ex->expired)
                or_sb_addf(&to, "?expired=%s", ex->expired);
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
    return true;
}

/* The audit writer's word on a held request's rows: keep it, and let the connection go on. */
static void audit_committed(void *ctx, or_code rc)
{
    exchange *ex = ctx;
    pthread_mutex_lock(&ex->mu); /* the request is suspended by now */
    ex->audit_rc = rc;
    struct MHD_Connection *conn = ex->conn;
    pthread_mutex_unlock(&ex->mu);
    MHD_resume_connection(conn); /* handle() is called again */
}

/* Hand the request's audit rows to the writer and suspend the connection until they are
 * committed; false when there are none, there is no writer or the server is stopping (the
 * caller writes them itself). */
static bool hold(server *srv, struct MHD_Connection *conn, exchange *ex, int phase)
{
    web_audit_writer *w = srv->cfg.audit_writer;
    if (!w || !ex->deferred.n)
        return false;
    atomic_fetch_add(&srv->held, 1); /* before looking at closing: see or_web_serve */
    if (atomic_load(&srv->closing)) {
        atomic_fetch_sub(&srv->held, 1);
        return false;
    }
    ex->conn = conn;
    pthread_mutex_lock(&ex->mu);
    bool queued =
        web_audit_writer_submit(w, ex->deferred.items, ex->deferred.n, audit_committed, ex);
    if (queued) {
        ex->deferred.n = 0;
        ex->phase = phase;
        MHD_suspend_connection(conn);
    }
    pthread_mutex_unlock(&ex->mu);
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

/* Everything between the route table and the handler, once the body is in (see the top of
 * this file); true when the request is held for its audit rows (the connection suspended:
 * handle() goes on when it is resumed). */
static bool dispatch(server *srv, struct MHD_Connection *conn, exchange *ex)
{
    web_request *req = &ex->req;
    web_response *res = &ex->res;
    bool json = req->route && (req->route->flags & WEB_F_JSON);

    if (!req->route) {
        if (ex->other_method) {
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

    /* authentication and role (already checked when the headers came: at_headers) */
    if (!caller_allowed(ex))
        return false;

    /* the body */
    bool post = !strcmp(req->method, "POST");
    if (ex->body.too_large) {
        web_error(req, res, 413, "Too much data", "The request is larger than onroll accepts.");
        return false;
    }
    const char *body = "";
    size_t body_len = 0;
    if (web_body_bytes(&ex->body, &body, &body_len, &perr)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your file could not be received. Try again later.");
        return false;
    }
    if (post && json) {
        bool xml = req->route->flags & WEB_F_XML;
        if (xml ? !content_type_is(conn, "application/xml") && !content_type_is(conn, "text/xml")
                : !content_type_is(conn, "application/json")) {
            web_error(req, res, 415, "Unsupported media type",
                      xml ? "send the Common Transfer File as Content-Type: application/xml"
                          : "send the rows as Content-Type: application/json");
            return false;
        }
        req->body = body;
        req->body_len = body_len;
    } else if (post) {
        /* an upload route takes a file (multipart); any other form is URL-encoded and small */
        bool multipart =
            (req->route->flags & WEB_F_UPLOAD) && content_type_is(conn, "multipart/form-data");
        if (body_len && !multipart && !content_type_is(conn, "application/x-www-form-urlencoded")) {
            web_error(req, res, 415, "Unsupported media type", "Send the form as a web form.");
            return false;
        }
        if (!multipart && body_len > WEB_FORM_MAX) {
            web_error(req, res, 413, "Too much data", "The form is larger than onroll accepts.");
            return false;
        }
        if (multipart ? web_multipart_parse(conn, body, body_len, req, &ex->file, &perr)
                      : web_form_parse(body, body_len, &req->form, req->arena, &perr)) {
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
        req->view = web_pupil_view(req, upn);
        if (req->view.kind == OR_VIEW_NONE) {
            deny(req, res, 404, upn, "pupil not in the user's scope (or unknown)");
            return false;
        }
        if ((req->view.kind != OR_VIEW_WHOLE && !(req->route->flags & WEB_F_PART)) ||
            (req->view.kind == OR_VIEW_CLAIM && !(req->route->flags & WEB_F_CLAIM))) {
            deny(req, res, 404, upn, "the user sees only part of this pupil's record");
            return false;
        }
        if (web_audit(req, "pupil.read", upn, NULL)) {
            audit_failed(req, res);
            return false;
        }
        if (hold(srv, conn, ex, HELD_BEFORE))
            return true;
        if (web_audit_commit(req)) {
            audit_failed(req, res);
            return false;
        }
    }
    run_handler(req, res);
    return false;
}

/* The response is made: its audit rows are committed before it is sent (the connection held
 * meanwhile), or it is a 500. */
static enum MHD_Result finish(server *srv, struct MHD_Connection *conn, exchange *ex)
{
    if (hold(srv, conn, ex, HELD_AFTER))
        return MHD_YES;
    if (web_audit_commit(&ex->req))
        audit_failed(&ex->req, &ex->res);
    ex->answered = true;
    return send_response(conn, &srv->cfg, &ex->res);
}

/* A plain-text answer to a request refused before it was read, closing the connection. */
static enum MHD_Result answer_now(struct MHD_Connection *conn, const server *srv, int status,
                                  const char *text)
{
    web_response res = {status, "text/plain; charset=utf-8", OR_SB_INIT, NULL, 0, NULL, {{0}}, 0,
                        NULL};
    or_sb_adds(&res.body, text);
    web_header_add(&res, "Connection", "close");
    enum MHD_Result ret = send_response(conn, &srv->cfg, &res);
    or_sb_release(&res.body);
    return ret;
}

/* A new request's state, when its headers have arrived: the request as handlers see it, its
 * route and its client; NULL when out of memory. */
static exchange *exchange_new(server *srv, struct MHD_Connection *conn, const char *url,
                              const char *method)
{
    exchange *ex = calloc(1, sizeof *ex);
    if (!ex)
        return NULL;
    ex->body.fd = -1; /* nothing to close yet */
    pthread_mutex_init(&ex->mu, NULL);
    ex->arena = (or_arena)OR_ARENA_INIT;
    ex->res =
        (web_response){200, "text/html; charset=utf-8", OR_SB_INIT, NULL, 0, NULL, {{0}}, 0, NULL};
    web_request *req = &ex->req;
    *req = (web_request){.method = method,
                         .path = url,
                         .cfg = &srv->cfg,
                         .arena = &ex->arena,
                         .now = (int64_t)time(NULL)};
    req->deferred = &ex->deferred;
    req->route = web_route_find(method, url, &req->path_params, req->arena, &ex->other_method);
    req->remote = remote_address(srv, conn, req->arena);
    req->store = thread_store(srv);
    if (req->store) {
        int64_t last = __atomic_load_n(&srv->last_purge, __ATOMIC_RELAXED);
        if (req->now - last >= 300 &&
            __atomic_compare_exchange_n(&srv->last_purge, &last, req->now, false, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
            or_error err = {0};
            or_session_purge(req->store, req->now, srv->cfg.session_idle, srv->cfg.session_max,
                             NULL, &err);
            or_login_refused_flush(req->store, req->now, NULL, &err); /* throttled: to the audit */
        }
    }
    return ex;
}

/* The headers have arrived: refuse now a caller the route does not allow, or a body announced
 * too large, without reading the body; else get ready to receive it. */
static enum MHD_Result at_headers(server *srv, struct MHD_Connection *conn, exchange *ex)
{
    web_request *req = &ex->req;
    const web_route *r = req->route;
    if (req->store) {
        identify(srv, conn, ex);
        if (r && !caller_allowed(ex)) {
            ex->answered = true;
            if (web_audit_commit(req)) /* a refusal's row, at once (no body, nothing held) */
                audit_failed(req, &ex->res);
            if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
                web_header_add(&ex->res, "Connection", "close"); /* its body is never read */
            return send_response(conn, &srv->cfg, &ex->res);
        }
    }
    bool upload = r && (r->flags & WEB_F_UPLOAD) && content_type_is(conn, "multipart/form-data");
    size_t limit = r && (r->flags & WEB_F_JSON) ? WEB_API_BODY_MAX
                   : upload                     ? WEB_UPLOAD_MAX
                                                : WEB_FORM_MAX;
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > limit) {
        ex->answered = true;
        return answer_now(conn, srv, 413, "The request is larger than onroll accepts.\n");
    }
    or_error err = {0};
    if (web_body_init(&ex->body, limit, upload, &err)) {
        ex->answered = true;
        return answer_now(conn, srv, 503, "The upload cannot be received now. Try again later.\n");
    }
    return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_size, void **con_cls)
{
    server *srv = cls;
    (void)version;
    exchange *ex = *con_cls;
    if (!ex) { /* first call: headers only */
        if (!(ex = exchange_new(srv, conn, url, method)))
            return MHD_NO;
        *con_cls = ex;
        return at_headers(srv, conn, ex);
    }
    if (*data_size) { /* a piece of the body */
        if (!ex->answered)
            web_body_add(&ex->body, data, *data_size);
        *data_size = 0;
        return MHD_YES;
    }
    if (ex->phase) { /* resumed: its audit rows are committed, or could not be */
        int phase = ex->phase;
        ex->phase = 0;
        atomic_fetch_sub(&srv->held, 1);
        if (ex->audit_rc) {
            audit_failed(&ex->req, &ex->res);
            ex->deferred.n = 0; /* nothing more to write: nothing is shown */
            phase = HELD_AFTER;
        }
        if (phase == HELD_AFTER) {
            ex->answered = true;
            return send_response(conn, &srv->cfg, &ex->res);
        }
        run_handler(&ex->req, &ex->res); /* a pupil's record, its read on the record */
        return finish(srv, conn, ex);
    }
    if (ex->answered)
        return MHD_YES;
    if (!ex->req.store) {
        ex->res.status = 503;
        ex->res.content_type = "text/plain; charset=utf-8";
        or_sb_reset(&ex->res.body);
        or_sb_adds(&ex->res.body, "database unavailable\n");
    } else if (dispatch(srv, conn, ex)) {
        return MHD_YES; /* held: answered when resumed */
    }
    return finish(srv, conn, ex);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    server *srv = cls;
    (void)conn;
    (void)toe;
    exchange *ex = *con_cls;
    if (ex) {
        if (ex->phase) /* the connection ended while it waited for its audit rows */
            atomic_fetch_sub(&srv->held, 1);
        pthread_mutex_destroy(&ex->mu);
        web_body_release(&ex->body);
        or_sb_release(&ex->file);
        or_sb_release(&ex->res.body);
        web_sse_free(ex->res.sse); /* a stream never sent */
        or_arena_free(&ex->arena);
        free(ex);
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

/* How many connections to allow in all (o->max_connections, else the default), making room
 * for them in the process's file descriptor limit: the soft limit is raised towards the hard
 * one; the default is lowered to what fits, a number asked for is refused if it does not. */
static or_code connection_room(const or_web_opts *o, unsigned *max, or_error *err)
{
    rlim_t want = (rlim_t)or_default(o->max_connections, WEB_DEFAULT_MAX_CONNECTIONS);
    rlim_t spare = 64; /* the stores, the assets, the log, the sender */
    struct rlimit rl;
    if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur < want + spare) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want + spare ? want + spare
                                                                                  : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < want + spare) {
            if (o->max_connections > 0 || rl.rlim_cur < 2 * spare)
                return or_fail(err, OR_EUSAGE,
                               "--max-connections %lld needs %lld file descriptors, and this "
                               "process may open only %lld (ulimit -n)",
                               (long long)want, (long long)(want + spare), (long long)rl.rlim_cur);
            want = rl.rlim_cur - spare;
        }
    }
    *max = (unsigned)want;
    return OR_OK;
}

or_code or_web_check(const or_web_opts *o, or_error *err)
{
    if ((o->tls_cert != NULL) != (o->tls_key != NULL))
        return or_fail(err, OR_EUSAGE, "TLS needs both a certificate and a key");
    web_trusted t = {0};
    unsigned max = 0;
    or_code rc = o->trusted_proxies ? web_trusted_add(&t, o->trusted_proxies, err) : OR_OK;
    return rc ? rc : connection_room(o, &max, err);
}

or_code or_web_serve(const or_web_opts *o, or_error *err)
{
    server srv = {.db_url = o->db_url};
    web_config *cfg = &srv.cfg;
    cfg->db_url = o->db_url;
    cfg->session_idle = or_default(o->session_idle, 30 * 60);
    cfg->session_max = or_default(o->session_max, 12 * 3600);
    cfg->login_max_email = (int)or_default(o->login_max_email, 5);
    cfg->login_max_remote = (int)or_default(o->login_max_remote, 20);
    cfg->login_wait_first = (int)or_default(o->login_wait_first, 1);
    cfg->login_wait_max = (int)or_default(o->login_wait_max, 5 * 60);
    cfg->login_window = or_default(o->login_window, 15 * 60);
    cfg->login_audit_period = (int)or_default(o->login_audit_period, 60);
    cfg->require_totp = o->require_totp;
    bool tls = o->tls_cert && o->tls_key;
    cfg->secure_cookies = tls || o->secure_cookies;
    or_code rc = or_web_check(o, err);
    if (rc || (o->trusted_proxies && (rc = web_trusted_add(&srv.proxies, o->trusted_proxies, err))))
        return rc;
    unsigned max_connections = 0;
    if ((rc = connection_room(o, &max_connections, err)))
        return rc;
    rc = web_assets_load(o->static_dir, &cfg->assets, &cfg->nassets, err);
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
    rc = web_audit_writer_start(o->db_url, &cfg->audit_writer, err);
    if (rc) {
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        pthread_key_delete(srv.store_key);
        free(cert);
        free(key);
        web_assets_free(cfg->assets, cfg->nassets);
        return rc;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
                     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    if (tls)
        flags |= MHD_USE_TLS;
    /* connections: so many in all, so many from one address (the rest are closed as soon as
     * they are accepted), and closed after so long without a byte either way */
    struct MHD_OptionItem ops[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_THREAD_POOL_SIZE, o->threads > 0 ? o->threads : 4, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)max_connections, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT,
         or_default(o->max_per_address, WEB_DEFAULT_PER_ADDRESS), NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, or_default(o->idle_timeout, WEB_DEFAULT_IDLE_TIMEOUT),
         NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 256 * 1024, NULL},
        {MHD_OPTION_END, 0, NULL}, /* TLS: its certificate and key */
        {MHD_OPTION_END, 0, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    if (tls) {
        size_t n = sizeof ops / sizeof ops[0];
        ops[n - 3] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert};
        ops[n - 2] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key};
    }
    struct MHD_Daemon *d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, &srv,
                                            MHD_OPTION_NOTIFY_COMPLETED, completed, &srv,
                                            MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
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
    web_live_start(o->db_url); /* the figures' model: loaded now, kept current from then on */
    web_sse_start();           /* the workshops' live pages (sse.h) */
    sender_thread st = {o, 0};
    pthread_t sender;
    bool sending = o->sender && !pthread_create(&sender, NULL, run_sender, &st);
    int sig = 0;
    sigwait(&stop, &sig);
    if (sending) {
        atomic_store(&st.stop, 1);
        pthread_join(sender, NULL);
    }
    /* no request is held once closing is seen (hold() counts itself in before it looks), and
     * the writer, still running, lets every held one go (within the store's 10 s busy
     * time-out); then the daemon may stop (it must have no suspended connection) and the
     * writer after it */
    atomic_store(&srv.closing, 1);
    for (int i = 0; i < 15000 && atomic_load(&srv.held) > 0; i++)
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    web_sse_end_streams(); /* no stream may be suspended when the daemon stops */
    MHD_stop_daemon(d);
    web_sse_stop();
    web_audit_writer_stop(cfg->audit_writer);
    web_live_stop();
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
    pthread_key_delete(srv.store_key);
    free(cert);
    free(key);
    web_assets_free(cfg->assets, cfg->nassets);
    return OR_OK;
}
