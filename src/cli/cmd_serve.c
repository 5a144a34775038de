/* cmd_serve.c - `onroll serve`: the web application and the MIS API.
 *
 * Assets (GOV.UK Frontend's stylesheet and script, built by tools/build_assets.sh) are served
 * from --static DIR, else $ONROLL_STATIC, else the `static` directory beside the binary
 * (build/static). Session and sign-in limits can be changed by the environment, for tests and
 * for an LA's own policy: ONROLL_SESSION_IDLE, ONROLL_SESSION_MAX (seconds),
 * ONROLL_LOGIN_MAX_ACCOUNT, ONROLL_LOGIN_MAX_ADDRESS (attempts before the sign-in back-off
 * starts), ONROLL_LOGIN_WAIT_FIRST, ONROLL_LOGIN_WAIT_MAX (its first and longest wait),
 * ONROLL_LOGIN_WINDOW (seconds after which a count is forgotten) and ONROLL_LOGIN_AUDIT_PERIOD
 * (seconds of throttled attempts per audit row). --require-totp (or ONROLL_REQUIRE_TOTP=1):
 * LA administrators, LA officers and analysts sign in only with a second factor
 * (`onroll user totp`). Connections: --max-connections N in all, --max-per-address N from one
 * address, --idle-timeout SECONDS before an idle one is closed; behind a reverse proxy,
 * --trusted-proxy ADDR (repeated, or a comma-separated list) makes its X-Forwarded-For name the
 * client (docs/security.md). With --smtp URL (or ONROLL_SMTP_URL) the partner-notification
 * sender runs in a background thread, with the options of `onroll notify send` (sender_opts.h). */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/sender_opts.h"
#include "onroll/web.h"

/* `onroll help serve`, `onroll serve --help` (cli.h, cli_help.c) */
static const cli_opt_doc serve_opts[] = {
    CLI_OPT_DB,
    {"--listen HOST:PORT", "where to listen; default 127.0.0.1:8080"},
    {"--threads N", "worker threads; default 4"},
    {"--static DIR", "GOV.UK Frontend's assets; default $ONROLL_STATIC, else the static directory "
                     "beside the binary"},
    {"--tls-cert PEM", "serve HTTPS with this certificate (with --tls-key)"},
    {"--tls-key PEM", "the certificate's private key"},
    {"--secure-cookies", "mark cookies Secure (behind an HTTPS proxy)"},
    {"--require-totp",
     "LA administrators, officers and analysts sign in only with a second factor"},
    {"--max-connections N", "connections in all; default 2000"},
    {"--max-per-address N", "connections from one address; default 128"},
    {"--idle-timeout SECONDS", "close an idle connection after this; default 10"},
    {"--trusted-proxy ADDR[,ADDR]",
     "believe X-Forwarded-For only from these addresses (repeatable)"},
    {"--smtp URL", "also send partner notifications through this SMTP server, with the sender "
                   "options of onroll notify send (onroll help notify)"},
    {"--from ADDRESS", "sender: the From address"},
    {"--base-url URL", "sender: the web address links start with"},
    {"--smtp-user USER", "sender: the SMTP account"},
    {"--smtp-tls try|none|required", "sender: TLS on the SMTP connection"},
    {"--max-attempts N", "sender: tries before a message is marked failed"},
    {"--retry-base SECONDS", "sender: the first wait before a retry"},
    {"--retry-max SECONDS", "sender: the longest wait"},
    {"--lease SECONDS", "sender: how long a message is held while sent"},
    {"--poll SECONDS", "sender: seconds between passes"},
    {"--as-of YYYY-MM-DD", "sender: the day duties are worked out for"},
    {"--window DAYS", "sender: how many days back exclusions are looked for"},
    {NULL, NULL},
};
static const char *const serve_examples[] = {
    "onroll serve",
    "onroll serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem --require-totp",
    NULL,
};
const cli_doc cmd_serve_doc = {
    "serve", "run the web server and the MIS API",
    "[--db URL] [--listen HOST:PORT] [--threads N] [--static DIR] [--tls-cert PEM --tls-key PEM] "
    "[--secure-cookies] [--require-totp] [--max-connections N] [--max-per-address N] "
    "[--idle-timeout SECONDS] [--trusted-proxy ADDR[,ADDR...]]... " CLI_SENDER_USAGE,
    serve_opts, serve_examples};

static int env_int(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : 0;
}

/* A positive whole number of an option, else 0 (a usage error). */
static int positive(const char *text)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    return end != text && !*end && v > 0 && v <= 1000000 ? (int)v : 0;
}

/* The `static` directory beside the running binary, into buf. */
static const char *static_beside_binary(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    snprintf(buf, size, "%s/static", dirname(exe));
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

int cmd_serve(int argc, char **argv)
{
    const char *use = cmd_serve_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"static", required_argument, NULL, 's'},
                                         {"tls-cert", required_argument, NULL, 'c'},
                                         {"tls-key", required_argument, NULL, 'k'},
                                         {"secure-cookies", no_argument, NULL, 'S'},
                                         {"max-connections", required_argument, NULL, 'M'},
                                         {"max-per-address", required_argument, NULL, 'A'},
                                         {"idle-timeout", required_argument, NULL, 'I'},
                                         {"trusted-proxy", required_argument, NULL, 'P'},
                                         {"require-totp", no_argument, NULL, 'T'},
                                         CLI_SENDER_OPTIONS,
                                         {0}};
    const char *db = NULL;
    char host[64] = "127.0.0.1", beside[PATH_MAX + 8], proxies[2048] = "";
    int port = 8080, threads = 4, c;
    or_web_opts o = {0};
    o.static_dir = getenv("ONROLL_STATIC");
    cli_sender snd;
    cli_sender_init(&snd);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'l') {
            const char *colon = strrchr(optarg, ':');
            if (!colon || colon == optarg || (size_t)(colon - optarg) >= sizeof host ||
                (port = atoi(colon + 1)) <= 0 || port > 65535)
                return cli_usage("serve", use);
            memcpy(host, optarg, (size_t)(colon - optarg));
            host[colon - optarg] = '\0';
        } else if (c == 't') {
            threads = atoi(optarg);
        } else if (c == 's') {
            o.static_dir = optarg;
        } else if (c == 'c') {
            o.tls_cert = optarg;
        } else if (c == 'k') {
            o.tls_key = optarg;
        } else if (c == 'S') {
            o.secure_cookies = true;
        } else if (c == 'M' || c == 'A' || c == 'I') {
            int *to = c == 'M'   ? &o.max_connections
                      : c == 'A' ? &o.max_per_address
                                 : &o.idle_timeout;
            if (!(*to = positive(optarg))) {
                fprintf(stderr, "onroll serve: --%s: '%s' is not a positive whole number\n",
                        c == 'M'   ? "max-connections"
                        : c == 'A' ? "max-per-address"
                                   : "idle-timeout",
                        optarg);
                return 2;
            }
        } else if (c == 'P') {
            size_t len = strlen(proxies);
            if (len + strlen(optarg) + 2 > sizeof proxies) {
                fprintf(stderr, "onroll serve: too many --trusted-proxy addresses\n");
                return 2;
            }
            snprintf(proxies + len, sizeof proxies - len, "%s%s", len ? "," : "", optarg);
        } else if (c == 'T') {
            o.require_totp = true;
        } else {
            int took = cli_sender_option("serve", &snd, c, optarg);
            if (took < 0)
                return 2;
            if (!took)
                return cli_usage("serve", use);
        }
    }
    if (optind < argc)
        return cli_usage("serve", use);
    o.trusted_proxies = proxies[0] ? proxies : NULL;
    or_error err = {0};
    if (or_web_check(&o, &err))
        return cli_fail("serve", &err);
    if (snd.o.smtp.url && !cli_sender_ready("serve", &snd))
        return 2;
    if (!o.static_dir || !*o.static_dir)
        o.static_dir = static_beside_binary(beside, sizeof beside);
    or_store *s = cli_open(db); /* create or migrate before serving */
    if (!s)
        return 1;
    fprintf(stderr, "onroll: serving %s on %s://%s:%d/ (Ctrl-C to stop)\n", or_store_name(s),
            o.tls_cert ? "https" : "http", host, port);
    if (!o.static_dir)
        fprintf(stderr, "onroll: no assets (run tools/build_assets.sh, or pass --static DIR): "
                        "pages will be unstyled\n");
    or_store_close(s);
    o.db_url = cli_db_url(db);
    o.host = host;
    o.port = port;
    o.threads = threads;
    o.session_idle = env_int("ONROLL_SESSION_IDLE");
    o.session_max = env_int("ONROLL_SESSION_MAX");
    o.login_max_email = env_int("ONROLL_LOGIN_MAX_ACCOUNT");
    o.login_max_remote = env_int("ONROLL_LOGIN_MAX_ADDRESS");
    o.login_window = env_int("ONROLL_LOGIN_WINDOW");
    o.login_wait_first = env_int("ONROLL_LOGIN_WAIT_FIRST");
    o.login_wait_max = env_int("ONROLL_LOGIN_WAIT_MAX");
    o.login_audit_period = env_int("ONROLL_LOGIN_AUDIT_PERIOD");
    if (env_int("ONROLL_REQUIRE_TOTP") > 0)
        o.require_totp = true;
    if (snd.o.smtp.url) {
        o.sender = &snd.o;
        o.sender_poll = snd.poll;
        o.sender_log = cli_sender_log;
        o.sender_log_ctx = stderr;
        char shown[256];
        or_smtp_url_shown(snd.o.smtp.url, shown, sizeof shown);
        fprintf(stderr, "onroll: sending partner notifications through %s every %ds\n", shown,
                snd.poll);
    }
    if (or_web_serve(&o, &err))
        return cli_fail("serve", &err);
    return 0;
}
