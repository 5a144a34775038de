/* cmd_notify.c - `onroll notify`: partner notifications (LOCAL-NOTIFY-PARTNERS).
 *
 *   onroll notify recipients [list]                 the addresses of each partner service
 *   onroll notify recipients add SERVICE EMAIL
 *   onroll notify recipients remove SERVICE EMAIL
 *   onroll notify enqueue [--as-of DATE] [--window DAYS] [--base-url URL]
 *   onroll notify send [--once] [--no-enqueue] SENDER-OPTIONS (sender_opts.h)
 *   onroll notify list [--status S] [--unacknowledged] [--service ID] [--format table|csv]
 *   onroll notify retry ID                          send a failed message again
 *
 * `send` fills the outbox from the duties and delivers by SMTP, then (without --once) goes on
 * every --poll seconds until SIGINT or SIGTERM; it logs one line per message on stdout.
 * Changes of recipients are written to the audit log as done by cli:$USER. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/sender_opts.h"
#include "onroll/csvout.h"
#include "onroll/listing.h"
#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "onroll/sb.h"
#include "onroll/store_audit.h"

/* `onroll help notify`, `onroll notify --help` (cli.h, cli_help.c) */
static const cli_opt_doc notify_opts[] = {
    CLI_OPT_DB,
    {"SERVICE", "social_care, virtual_school, youth_justice, reu, pru, mash or safeguarding"},
    {"--once", "send: one pass, then stop (else every --poll seconds until stopped)"},
    {"--no-enqueue", "send: deliver what is queued, add nothing"},
    {"--status STATUS",
     "list: only messages with that status (pending, sending, sent, failed, cancelled)"},
    {"--unacknowledged", "list: only messages nobody has acknowledged"},
    {"--service SERVICE", "list: only that service's messages"},
    {"--format table|csv", "list: table (default) or csv"},
    {"--smtp URL", "the SMTP server (smtp:// or smtps://); default $ONROLL_SMTP_URL"},
    {"--from ADDRESS", "the From address; default $ONROLL_SMTP_FROM"},
    {"--base-url URL", "the web address links in messages start with; default $ONROLL_BASE_URL"},
    {"--smtp-user USER", "the SMTP account (the password only from $ONROLL_SMTP_PASSWORD)"},
    {"--smtp-tls try|none|required",
     "TLS on the SMTP connection; default $ONROLL_SMTP_TLS, else try"},
    {"--max-attempts N", "tries before a message is marked failed"},
    {"--retry-base SECONDS", "the first wait before a retry (it doubles each time)"},
    {"--retry-max SECONDS", "the longest wait before a retry"},
    {"--lease SECONDS", "how long a sender holds a message it is sending"},
    {"--poll SECONDS", "send: seconds between passes; default 30"},
    {"--as-of YYYY-MM-DD", "enqueue: the day the duties are worked out for; default today"},
    {"--window DAYS", "enqueue: how many days back exclusions are looked for"},
    {NULL, NULL},
};
static const char *const notify_examples[] = {
    "onroll notify recipients add social_care mash@la.example",
    "onroll notify send --once --smtp smtp://mail.la.example --from onroll@la.example",
    "onroll notify list --status failed",
    NULL,
};
const cli_doc cmd_notify_doc = {
    "notify", "partner notifications: recipients, outbox, sender (SMTP)",
    "recipients [list | add SERVICE EMAIL | remove SERVICE EMAIL]\nenqueue [--as-of YYYY-MM-DD] "
    "[--window DAYS] [--base-url URL]\nsend [--once] [--no-enqueue] " CLI_SENDER_USAGE
    "\nlist [--status STATUS] [--unacknowledged] [--service SERVICE] [--format table|csv]\nretry "
    "ID",
    notify_opts, notify_examples};

static const char *use_text =
    "recipients [list | add SERVICE EMAIL | remove SERVICE EMAIL]\n"
    "       onroll notify enqueue [--as-of YYYY-MM-DD] [--window DAYS] [--base-url URL]\n"
    "       onroll notify send [--once] [--no-enqueue] " CLI_SENDER_USAGE "\n"
    "       onroll notify list [--status STATUS] [--unacknowledged] [--service SERVICE] "
    "[--format table|csv]\n"
    "       onroll notify retry ID\n"
    "services: social_care virtual_school youth_justice reu pru mash safeguarding";

static int usage(void)
{
    return cli_usage("notify", use_text);
}

static void audit(or_store *s, const char *action, const char *object, const char *detail)
{
    char actor[96];
    snprintf(actor, sizeof actor, "cli:%s", cli_user());
    or_audit_entry e = {actor, 0, "cli", action, object, NULL, NULL, detail};
    or_error err = {0};
    if (or_audit_add(s, &e, &err))
        fprintf(stderr, "onroll notify: warning: the audit log was not written: %s\n", err.msg);
}

static or_code print_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    (void)err;
    int *n = ctx;
    if (!(*n)++)
        printf("%-16s %-40s %-20s %s\n", "service", "email", "added", "by");
    printf("%-16s %-40s %-20s %s\n", r->service, r->email, r->added_at, r->added_by);
    return OR_OK;
}

static int recipients(const char *db, int argc, char **argv)
{
    bool list = argc == 0 || (argc == 1 && !strcmp(argv[0], "list"));
    bool add = argc == 3 && !strcmp(argv[0], "add");
    bool remove = argc == 3 && !strcmp(argv[0], "remove");
    if (!list && !add && !remove)
        return usage();
    or_store *s = list ? cli_open_readonly(db) : cli_open(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_code rc = OR_OK;
    if (list) {
        int n = 0;
        rc = or_recipients_each(s, print_recipient, &n, &err);
        if (!rc && !n)
            printf("No addresses yet: add one with `onroll notify recipients add SERVICE "
                   "EMAIL` (services: %s).\n",
                   or_service_ids());
    } else if (add) {
        bool added = false;
        char by[96];
        snprintf(by, sizeof by, "cli:%s", cli_user());
        rc = or_recipient_add(s, argv[1], argv[2], by, (int64_t)time(NULL), &added, &err);
        if (!rc) {
            printf("%s: %s %s\n", argv[1], argv[2], added ? "added" : "was there already");
            if (added)
                audit(s, "notify.recipient.add", argv[2], argv[1]);
        }
    } else {
        int64_t cancelled = 0;
        rc = or_recipient_remove(s, argv[1], argv[2], &cancelled, &err);
        if (!rc) {
            printf("%s: %s removed", argv[1], argv[2]);
            if (cancelled)
                printf("; %lld message%s not yet sent to it cancelled", (long long)cancelled,
                       cancelled == 1 ? "" : "s");
            printf("\n");
            audit(s, "notify.recipient.remove", argv[2], argv[1]);
        }
    }
    or_store_close(s);
    return rc ? cli_fail("notify", &err) : 0;
}

static int enqueue(const char *db, int argc, char **argv)
{
    static const struct option opts[] = {{"as-of", required_argument, NULL, CLI_SO_AS_OF},
                                         {"window", required_argument, NULL, CLI_SO_WINDOW},
                                         {"base-url", required_argument, NULL, CLI_SO_BASE_URL},
                                         {0}};
    cli_sender c;
    cli_sender_init(&c);
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int took = cli_sender_option("notify", &c, opt, optarg);
        if (took < 0)
            return 2;
        if (!took)
            return usage();
    }
    if (optind < argc)
        return usage();
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    or_enqueue_opts eo = c.o.enqueue;
    eo.base_url = c.o.base_url;
    or_enqueue_result r;
    or_error err = {0};
    or_code rc = or_notify_enqueue(s, &eo, (int64_t)time(NULL), &r, &err);
    if (!rc)
        printf("%d new message%s (%d exclusion%s to tell partners of; %d pupil%s with an "
               "exclusion in the window)\n",
               r.added, r.added == 1 ? "" : "s", r.exclusions, r.exclusions == 1 ? "" : "s",
               r.pupils, r.pupils == 1 ? "" : "s");
    if (!rc && r.alerts) /* LOCAL-ATTEND-ALERT */
        printf("%d attendance alert%s in the window (unexplained absences and falls below the "
               "persistent-absence line of children looked after or with a social worker)\n",
               r.alerts, r.alerts == 1 ? "" : "s");
    or_store_close(s);
    return rc ? cli_fail("notify", &err) : 0;
}

static atomic_int stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_flag, 1);
}

static int send_cmd(const char *db, int argc, char **argv)
{
    static const struct option opts[] = {{"once", no_argument, NULL, 'o'},
                                         {"no-enqueue", no_argument, NULL, 'n'},
                                         CLI_SENDER_OPTIONS,
                                         {0}};
    cli_sender c;
    cli_sender_init(&c);
    bool once = false;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 'o') {
            once = true;
            continue;
        }
        if (opt == 'n') {
            c.o.no_enqueue = true;
            continue;
        }
        int took = cli_sender_option("notify", &c, opt, optarg);
        if (took < 0)
            return 2;
        if (!took)
            return usage();
    }
    if (optind < argc)
        return usage();
    if (!cli_sender_ready("notify", &c))
        return 2;
    or_error err = {0};
    if (!once) {
        or_store *s = cli_open(db); /* migrate once, before the loop */
        if (!s)
            return 1;
        or_store_close(s);
        struct sigaction sa = {0};
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        char shown[256];
        or_smtp_url_shown(c.o.smtp.url, shown, sizeof shown);
        printf("onroll notify: sending every %ds through %s (Ctrl-C to stop)\n", c.poll, shown);
        fflush(stdout);
        if (or_sender_run(cli_db_url(db), &c.o, c.poll, &stop_flag, cli_sender_log, stdout, &err))
            return cli_fail("notify", &err);
        return 0;
    }
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    or_send_result r;
    or_code rc = or_sender_pass(s, &c.o, NULL, NULL, &r, cli_sender_log, stdout, &err);
    if (!rc)
        printf("%d sent, %d waiting to be tried again, %d failed\n", r.sent, r.retrying, r.failed);
    or_store_close(s);
    return rc ? cli_fail("notify", &err) : 0;
}

typedef struct {
    or_format fmt;
    int n;
} list_ctx;

static or_code print_row(void *ctx, const or_outbox_row *r, or_error *err)
{
    list_ctx *c = ctx;
    if (c->fmt == OR_FMT_CSV) {
        static const char *const head[] = {
            "id",      "status",          "attempts",   "services",   "recipient",
            "urn",     "event_id",        "message_id", "created_at", "next_attempt_at",
            "sent_at", "acknowledged_at", "last_error"};
        or_csv w;
        or_csv_to_file(&w, stdout);
        if (!c->n) {
            or_csv_texts(&w, head, (int)(sizeof head / sizeof head[0]));
            or_csv_end_row(&w);
        }
        or_csv_int(&w, (long long)r->id);
        or_csv_text(&w, r->status);
        or_csv_int(&w, r->attempts);
        or_csv_text(&w, r->services);
        or_csv_text(&w, r->recipient);
        or_csv_int(&w, r->urn);
        or_csv_text(&w, r->event_id);
        or_csv_text(&w, r->message_id);
        or_csv_text(&w, r->created_at);
        or_csv_text(&w, r->next_attempt_at);
        or_csv_text(&w, r->sent_at);
        or_csv_text(&w, r->acknowledged_at);
        or_csv_text(&w, r->last_error);
        or_csv_end_row(&w);
        or_code rc = or_csv_close(&w, "the outbox", err);
        if (rc)
            return rc;
    } else {
        if (!c->n)
            printf("%-6s %-10s %-3s %-28s %-36s %-6s %-12s %s\n", "id", "status", "try", "services",
                   "recipient", "urn", "event", "acknowledged");
        printf("%-6lld %-10s %-3d %-28s %-36s %-6d %-12s %s\n", (long long)r->id, r->status,
               r->attempts, r->services, r->recipient, r->urn, r->event_id,
               *r->acknowledged_at ? r->acknowledged_at : "no");
        if (*r->last_error && strcmp(r->status, "sent"))
            printf("       last error: %s\n", r->last_error);
    }
    c->n++;
    return OR_OK;
}

static int list(const char *db, int argc, char **argv)
{
    static const struct option opts[] = {{"status", required_argument, NULL, 's'},
                                         {"unacknowledged", no_argument, NULL, 'u'},
                                         {"service", required_argument, NULL, 'v'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0}};
    or_outbox_query q = {.acknowledged = -1, .limit = 10000};
    list_ctx c = {OR_FMT_TABLE, 0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 's')
            q.status = optarg;
        else if (opt == 'u')
            q.acknowledged = 0;
        else if (opt == 'v')
            q.service = optarg;
        else if (opt == 'f' && or_format_parse(optarg, &c.fmt) && c.fmt != OR_FMT_JSON)
            continue;
        else
            return usage();
    }
    if (optind < argc)
        return usage();
    if (q.service && or_service_parse(q.service) < 0) {
        fprintf(stderr, "onroll notify: --service: '%s' is not a partner service (one of: %s)\n",
                q.service, or_service_ids());
        return 2;
    }
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_code rc = or_outbox_search(s, &q, print_row, &c, &err);
    if (!rc && !c.n && c.fmt == OR_FMT_TABLE)
        printf("No messages.\n");
    or_store_close(s);
    return rc ? cli_fail("notify", &err) : 0;
}

static int retry(const char *db, int argc, char **argv)
{
    char *end;
    long long id = argc == 1 ? strtoll(argv[0], &end, 10) : 0;
    if (argc != 1 || *end || id <= 0)
        return usage();
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    bool found = false;
    or_error err = {0};
    or_code rc = or_outbox_retry(s, id, (int64_t)time(NULL), &found, &err);
    if (!rc && !found)
        rc = or_fail(&err, OR_ENOTFOUND, "message %lld is not a failed message", id);
    if (!rc) {
        char object[32];
        snprintf(object, sizeof object, "outbox:%lld", id);
        audit(s, "notify.retry", object, NULL);
        printf("message %lld will be sent again\n", id);
    }
    or_store_close(s);
    return rc ? cli_fail("notify", &err) : 0;
}

int cmd_notify(int argc, char **argv)
{
    /* --db URL (or --db=URL) anywhere: taken out before the subcommand's options are read */
    const char *db = NULL;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args)
        return 1;
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5))
            db = argv[i] + 5;
        else
            args[n++] = argv[i];
    }
    int rc;
    const char *sub = n ? args[0] : "";
    if (!strcmp(sub, "recipients"))
        rc = recipients(db, n - 1, args + 1);
    else if (!strcmp(sub, "list"))
        rc = list(db, n, args);
    else if (!strcmp(sub, "enqueue"))
        rc = enqueue(db, n, args);
    else if (!strcmp(sub, "send"))
        rc = send_cmd(db, n, args);
    else if (!strcmp(sub, "retry"))
        rc = retry(db, n - 1, args + 1);
    else
        rc = usage();
    free(args);
    return rc;
}
