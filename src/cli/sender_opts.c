/* sender_opts.c - the sender's options and environment (sender_opts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/sender_opts.h"

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

void cli_sender_init(cli_sender *c)
{
    memset(c, 0, sizeof *c);
    c->o.smtp.url = env("ONROLL_SMTP_URL");
    c->o.smtp.user = env("ONROLL_SMTP_USER");
    c->o.smtp.password = env("ONROLL_SMTP_PASSWORD");
    c->o.smtp.tls = OR_TLS_TRY;
    if (env("ONROLL_SMTP_TLS"))
        or_tls_mode_parse(env("ONROLL_SMTP_TLS"), &c->o.smtp.tls);
    c->o.from = env("ONROLL_SMTP_FROM");
    c->o.base_url = env("ONROLL_BASE_URL");
    c->o.enqueue.as_of = OR_DATE_NONE;
    c->poll = 30;
}

/* A whole number from lo to hi, else -1 (and a message). */
static int number(const char *cmd, const char *name, const char *arg, int lo, int hi)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < lo || v > hi) {
        fprintf(stderr, "onroll %s: --%s: '%s' is not a whole number from %d to %d\n", cmd, name,
                arg, lo, hi);
        return -1;
    }
    return (int)v;
}

int cli_sender_option(const char *cmd, cli_sender *c, int opt, const char *arg)
{
    int *target = NULL, lo = 1, hi = 1000000;
    const char *name = "";
    switch (opt) {
    case CLI_SO_SMTP:
        c->o.smtp.url = arg;
        return 1;
    case CLI_SO_FROM:
        c->o.from = arg;
        return 1;
    case CLI_SO_BASE_URL:
        if (strncmp(arg, "http://", 7) && strncmp(arg, "https://", 8)) {
            fprintf(stderr, "onroll %s: --base-url: '%s' is not an http:// or https:// URL\n", cmd,
                    arg);
            return -1;
        }
        c->o.base_url = arg;
        return 1;
    case CLI_SO_SMTP_USER:
        c->o.smtp.user = arg;
        return 1;
    case CLI_SO_SMTP_TLS:
        if (!or_tls_mode_parse(arg, &c->o.smtp.tls)) {
            fprintf(stderr, "onroll %s: --smtp-tls: '%s' is not try, none or required\n", cmd, arg);
            return -1;
        }
        return 1;
    case CLI_SO_AS_OF:
        if (!or_date_parse(arg, &c->o.enqueue.as_of)) {
            fprintf(stderr, "onroll %s: --as-of: '%s' is not a date (YYYY-MM-DD)\n", cmd, arg);
            return -1;
        }
        return 1;
    case CLI_SO_MAX_ATTEMPTS:
        target = &c->o.max_attempts, name = "max-attempts", hi = 100;
        break;
    case CLI_SO_RETRY_BASE:
        target = &c->o.retry_base, name = "retry-base", hi = 86400;
        break;
    case CLI_SO_RETRY_MAX:
        target = &c->o.retry_max, name = "retry-max", hi = 7 * 86400;
        break;
    case CLI_SO_LEASE:
        target = &c->o.lease, name = "lease", hi = 86400;
        break;
    case CLI_SO_POLL:
        target = &c->poll, name = "poll", hi = 86400;
        break;
    case CLI_SO_WINDOW:
        target = &c->o.enqueue.window_days, name = "window", hi = 3660;
        break;
    default:
        return 0;
    }
    int v = number(cmd, name, arg, lo, hi);
    if (v < 0)
        return -1;
    *target = v;
    return 1;
}

bool cli_sender_ready(const char *cmd, const cli_sender *c)
{
    or_error err = {0};
    if (or_smtp_check_url(c->o.smtp.url, &err)) {
        fprintf(stderr, "onroll %s: %s (or set ONROLL_SMTP_URL)\n", cmd, err.msg);
        return false;
    }
    if (or_smtp_check_conf(&c->o.smtp, &err)) {
        fprintf(stderr, "onroll %s: %s\n", cmd, err.msg);
        return false;
    }
    const char *f = c->o.from;
    const char *at = f ? strchr(f, '@') : NULL;
    if (!f || !at || at == f || !at[1] || strpbrk(f, " <>\r\n")) {
        fprintf(stderr,
                "onroll %s: --from: %s%s%s: give the address messages come from, like "
                "onroll@example.gov.uk (or set ONROLL_SMTP_FROM)\n",
                cmd, f ? "'" : "no address", f ? f : "", f ? "' is not an email address" : "");
        return false;
    }
    return true;
}

void cli_sender_log(void *ctx, const char *line)
{
    FILE *f = ctx ? ctx : stderr;
    fprintf(f, "%s\n", line);
    fflush(f);
}
