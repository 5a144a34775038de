/* sender_opts.h - the options of the partner-notification sender, shared by `onroll notify
 * send` and `onroll serve` (which runs the sender in a background thread when an SMTP URL is
 * given). Each has an environment variable as its default, so that the SMTP password never
 * needs to be on a command line: ONROLL_SMTP_URL, ONROLL_SMTP_FROM, ONROLL_SMTP_USER,
 * ONROLL_SMTP_PASSWORD (no flag), ONROLL_SMTP_TLS, ONROLL_BASE_URL. */
#ifndef ONROLL_CLI_SENDER_OPTS_H
#define ONROLL_CLI_SENDER_OPTS_H

#include <getopt.h>

#include "onroll/sender.h"

enum {
    CLI_SO_SMTP = 1000,
    CLI_SO_FROM,
    CLI_SO_BASE_URL,
    CLI_SO_SMTP_USER,
    CLI_SO_SMTP_TLS,
    CLI_SO_MAX_ATTEMPTS,
    CLI_SO_RETRY_BASE,
    CLI_SO_RETRY_MAX,
    CLI_SO_LEASE,
    CLI_SO_POLL,
    CLI_SO_AS_OF,
    CLI_SO_WINDOW,
};

/* getopt_long entries for the options above. */
#define CLI_SENDER_OPTIONS                                                                         \
    {"smtp", required_argument, NULL, CLI_SO_SMTP},                                                \
        {"from", required_argument, NULL, CLI_SO_FROM},                                            \
        {"base-url", required_argument, NULL, CLI_SO_BASE_URL},                                    \
        {"smtp-user", required_argument, NULL, CLI_SO_SMTP_USER},                                  \
        {"smtp-tls", required_argument, NULL, CLI_SO_SMTP_TLS},                                    \
        {"max-attempts", required_argument, NULL, CLI_SO_MAX_ATTEMPTS},                            \
        {"retry-base", required_argument, NULL, CLI_SO_RETRY_BASE},                                \
        {"retry-max", required_argument, NULL, CLI_SO_RETRY_MAX},                                  \
        {"lease", required_argument, NULL, CLI_SO_LEASE},                                          \
        {"poll", required_argument, NULL, CLI_SO_POLL},                                            \
        {"as-of", required_argument, NULL, CLI_SO_AS_OF},                                          \
    {                                                                                              \
        "window", required_argument, NULL, CLI_SO_WINDOW                                           \
    }

#define CLI_SENDER_USAGE                                                                           \
    "[--smtp URL] [--from ADDRESS] [--base-url URL] [--smtp-user USER] "                           \
    "[--smtp-tls try|none|required] [--max-attempts N] [--retry-base SECONDS] "                    \
    "[--retry-max SECONDS] [--lease SECONDS] [--poll SECONDS] [--as-of YYYY-MM-DD] "               \
    "[--window DAYS]"

typedef struct {
    or_sender_opts o;
    int poll; /* seconds between passes */
} cli_sender;

/* Defaults, from the environment. */
void cli_sender_init(cli_sender *c);
/* An option of CLI_SENDER_OPTIONS: 1 taken, 0 not one of them, -1 a bad value (printed, as
 * "onroll CMD: ..."). */
int cli_sender_option(const char *cmd, cli_sender *c, int opt, const char *arg);
/* Whether the sender can run: an SMTP URL and a From address that are right (prints what is
 * wrong and returns false). */
bool cli_sender_ready(const char *cmd, const cli_sender *c);
/* The log callback: ctx is a FILE * (stdout, stderr); each line is written and flushed. */
void cli_sender_log(void *ctx, const char *line);

#endif
