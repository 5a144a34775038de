/* web.h - the web application and the MIS API (libmicrohttpd): `onroll serve`. */
#ifndef ONROLL_WEB_H
#define ONROLL_WEB_H

#include <stdbool.h>

#include "onroll/error.h"
#include "onroll/sender.h"

typedef struct {
    const char *db_url;
    const char *host;       /* "127.0.0.1" */
    int port;               /* 8080 */
    int threads;            /* worker threads (0: 4) */
    const char *static_dir; /* served under /assets/ (GOV.UK Frontend's files); NULL: none */
    const char *tls_cert, *tls_key; /* PEM files: serve HTTPS (both, or neither) */
    bool secure_cookies;            /* behind a proxy that terminates TLS: cookies get Secure */
    /* 0 for each of these: the default */
    int session_idle; /* seconds without a request before a session ends (30 min) */
    int session_max;  /* seconds after signing in that a session ends (12 h) */
    /* sign-in back-off (web/auth.c): attempts before any wait, per account (5) and per
     * address (20: offices share one); then each attempt waits login_wait_first seconds (1)
     * after the one before, the wait doubling up to login_wait_max (5 min); a count is
     * forgotten login_window seconds after its last attempt (15 min); attempts refused for
     * coming too early are written to the audit log once per address and period (60 s) */
    int login_max_email;
    int login_max_remote;
    int login_wait_first;
    int login_wait_max;
    int login_window;
    int login_audit_period;
    bool require_totp;   /* LA administrators, LA officers and analysts need a second factor */
    int max_connections; /* open connections in all (2000) */
    int max_per_address; /* open connections from one client address (128) */
    int idle_timeout;    /* seconds without a byte before a connection is closed (10) */
    /* the reverse proxies whose X-Forwarded-For names the client: IPv4 or IPv6 addresses
     * separated by commas; NULL: none (the header is ignored) */
    const char *trusted_proxies;
    /* the partner-notification sender, run in a background thread on its own connection
     * (sender.h): NULL for none */
    const or_sender_opts *sender;
    int sender_poll;          /* seconds between its passes (0: 30) */
    or_sender_log sender_log; /* where its lines go, with sender_log_ctx */
    void *sender_log_ctx;
} or_web_opts;

/* Check the options that can be wrong before serving (the TLS pair, the trusted proxies, room
 * for max_connections in the file descriptor limit, raising it if it can): OR_EUSAGE naming
 * the option and value. or_web_serve checks them too. */
or_code or_web_check(const or_web_opts *o, or_error *err);
/* Serve until SIGINT or SIGTERM. */
or_code or_web_serve(const or_web_opts *o, or_error *err);

#endif
