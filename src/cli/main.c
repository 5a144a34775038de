/* main.c - the onroll binary: git-style subcommands, one file each (cmd_*.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    cmd_fn fn;
    const char *summary;
} commands[] = {
    {"init", cmd_init, "create or migrate the database"},
    {"demo", cmd_demo, "load a synthetic local authority"},
    {"import", cmd_import, "import CSV files (kind recognised by header)"},
    {"export", cmd_export, "write every stored row of one kind as CSV"},
    {"duties", cmd_duties, "statutory and local-protocol duties with due dates"},
    {"risk", cmd_risk, "children flagged as at risk, with the rules that fired"},
    {"explain", cmd_explain, "a pupil's timeline, duties and flags with the rules behind them"},
    {"letter", cmd_letter, "a statutory letter about an exclusion, filled from the ledger"},
    {"config", cmd_config, "the LA's thresholds and deadlines, and the settings letters use"},
    {"report", cmd_report, "rates, disproportionality, schools, the scrutiny report"},
    {"user", cmd_user, "manage web accounts and schools' API tokens"},
    {"interventions", cmd_interventions, "the interventions directory: list (search), seed"},
    {"notify", cmd_notify, "partner notifications: recipients, outbox, sender (SMTP)"},
    {"serve", cmd_serve, "run the web server"},
    {"backup", cmd_backup, "a consistent copy of the database while it is in use"},
    {"restore", cmd_restore, "fill a new database from a backup"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: onroll [--db URL] <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nThe database is --db URL, else $ONROLL_DB, else ./onroll.db; a postgres:// URL "
               "selects PostgreSQL.\n");
}

int cli_fail(const char *cmd, const or_error *err)
{
    fprintf(stderr, "onroll %s: %s\n", cmd, err->msg);
    return err->code == OR_EUSAGE ? 2 : 1;
}

int cli_usage(const char *cmd, const char *text)
{
    fprintf(stderr, "usage: onroll %s %s\n", cmd, text);
    return 2;
}

int main(int argc, char **argv)
{
    cli_set_command_line(argc, argv);
    /* a global --db before the command is passed on to it */
    const char *db = NULL;
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[i + 1];
            i += 2;
        } else if (!strncmp(argv[i], "--db=", 5)) {
            db = argv[i] + 5;
            i++;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (db)
        setenv("ONROLL_DB", db, 1);
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (!strcmp(argv[i], commands[c].name))
            return commands[c].fn(argc - i, argv + i);
    fprintf(stderr, "onroll: '%s' is not a command\n\n", argv[i]);
    usage(stderr);
    return 2;
}
