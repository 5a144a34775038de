/* main.c - the onroll binary: git-style subcommands, one file each (cmd_*.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const struct {
    cmd_fn fn;
    const cli_doc *doc; /* its name, summary, usage, options and examples (its cmd_*.c) */
} commands[] = {
    {cmd_init, &cmd_init_doc},
    {cmd_demo, &cmd_demo_doc},
    {cmd_import, &cmd_import_doc},
    {cmd_export, &cmd_export_doc},
    {cmd_duties, &cmd_duties_doc},
    {cmd_risk, &cmd_risk_doc},
    {cmd_explain, &cmd_explain_doc},
    {cmd_letter, &cmd_letter_doc},
    {cmd_config, &cmd_config_doc},
    {cmd_report, &cmd_report_doc},
    {cmd_user, &cmd_user_doc},
    {cmd_interventions, &cmd_interventions_doc},
    {cmd_notify, &cmd_notify_doc},
    {cmd_serve, &cmd_serve_doc},
    {cmd_backup, &cmd_backup_doc},
    {cmd_restore, &cmd_restore_doc},
    {cmd_roni, &cmd_roni_doc},
    {cmd_panel, &cmd_panel_doc},
    {cmd_instruments, &cmd_instruments_doc},
    {cmd_survey, &cmd_survey_doc},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *f)
{
    fprintf(f, "usage: onroll [--db URL] <command> [options]\n"
               "   or: onroll help <command>\n"
               "   or: onroll <command> --help\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-14s %s\n", commands[i].doc->name, commands[i].doc->summary);
    fprintf(f, "\nThe database is --db URL, else $ONROLL_DB, else ./onroll.db; a postgres:// URL "
               "selects PostgreSQL.\n"
               "Exit status: 0 success, 1 bad input or failure, 2 usage error.\n"
               "`onroll help COMMAND` describes a command's options, with examples.\n");
}

static int find(const char *name)
{
    for (int c = 0; c < NCOMMANDS; c++)
        if (!strcmp(name, commands[c].doc->name))
            return c;
    return -1;
}

static int not_a_command(const char *name)
{
    fprintf(stderr, "onroll: '%s' is not a command\n\n", name);
    usage(stderr);
    return 2;
}

/* `onroll help [COMMAND]` */
static int help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return 0;
    }
    int c = find(argv[1]);
    if (c < 0 || argc > 2)
        return not_a_command(argv[1]);
    cli_help(stdout, commands[c].doc);
    return 0;
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
    if (!strcmp(argv[i], "help"))
        return help(argc - i, argv + i);
    int c = find(argv[i]);
    if (c < 0)
        return not_a_command(argv[i]);
    if (cli_wants_help(argc - i, argv + i)) {
        cli_help(stdout, commands[c].doc);
        return 0;
    }
    return commands[c].fn(argc - i, argv + i);
}
