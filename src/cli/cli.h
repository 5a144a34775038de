/* cli.h - what the subcommands share: the command table entry, --db resolution, opening the
 * store, and turning an or_code into an exit status (0 ok, 1 bad input or failure, 2 usage). */
#ifndef ONROLL_CLI_H
#define ONROLL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "onroll/error.h"
#include "onroll/store.h"

typedef int (*cmd_fn)(int argc, char **argv);

/* A command's help, git's and curl's way: one table per command, in its cmd_*.c, printed by
 * `onroll help COMMAND`, `onroll COMMAND --help` and (its usage lines) by a usage error. */
typedef struct {
    const char *option; /* "--as-of YYYY-MM-DD", or an argument: "UPN" */
    const char *text;   /* what it does, its default */
} cli_opt_doc;

typedef struct {
    const char *name;            /* "duties" */
    const char *summary;         /* one line, for `onroll help` */
    const char *usage;           /* after "onroll NAME ": its forms, one a line */
    const cli_opt_doc *opts;     /* ends with {NULL, NULL} */
    const char *const *examples; /* whole command lines; ends with NULL */
} cli_doc;

extern const cli_doc cmd_init_doc, cmd_demo_doc, cmd_import_doc, cmd_export_doc, cmd_duties_doc,
    cmd_risk_doc, cmd_explain_doc, cmd_letter_doc, cmd_config_doc, cmd_report_doc, cmd_user_doc,
    cmd_interventions_doc, cmd_notify_doc, cmd_serve_doc, cmd_backup_doc, cmd_restore_doc,
    cmd_roni_doc, cmd_instruments_doc;
extern const cli_doc cmd_panel_doc;  /* cmd_panel.c: the multi-agency panel */
extern const cli_doc cmd_survey_doc; /* cmd_survey.c: survey templates */

/* The --db option's row, which every command shares. */
#define CLI_OPT_DB                                                                                 \
    {                                                                                              \
        "--db URL",                                                                                \
            "the database: a file path (SQLite) or a postgres:// URL; default $ONROLL_DB, "        \
            "else ./onroll.db"                                                                     \
    }

/* Print a command's help: usage, options aligned in two columns, examples. */
void cli_help(FILE *f, const cli_doc *d);
/* Whether a command's arguments ask for its help (--help or -h). */
bool cli_wants_help(int argc, char **argv);

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_duties(int argc, char **argv);
int cmd_risk(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_letter(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_report_outcomes(int argc, char **argv);   /* `report outcomes` */
int cmd_report_benchmarks(int argc, char **argv); /* `report benchmarks` */
int cmd_report_compare(int argc, char **argv);    /* `report compare` */
/* `report roni-outcomes` and `roni` (cmd_roni.c) */
int cmd_report_roni_outcomes(int argc, char **argv);
int cmd_roni(int argc, char **argv);
int cmd_panel(int argc, char **argv);          /* `panel` (cmd_panel.c) */
int cmd_report_reu(int argc, char **argv);     /* `report reu` */
int cmd_report_offroll(int argc, char **argv); /* `report offrolling` */
int cmd_user(int argc, char **argv);
int cmd_interventions(int argc, char **argv);
int cmd_instruments(int argc, char **argv);
int cmd_survey(int argc, char **argv); /* `survey` (cmd_survey.c) */
int cmd_notify(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/* The database URL: --db, else $ONROLL_DB, else ./onroll.db. */
const char *cli_db_url(const char *flag);
/* Open the store and migrate it (commands that write) or only check that its schema is
 * current (commands that read, which may run as a read-only user or on a replica). Prints the
 * error and returns NULL on failure. */
or_store *cli_open(const char *flag);
or_store *cli_open_readonly(const char *flag);
/* Print "onroll <cmd>: message" to stderr and return the exit status for code. */
int cli_fail(const char *cmd, const or_error *err);
int cli_usage(const char *cmd, const char *usage);
/* The user running the command, for provenance and the audit log: the operating-system
 * account (getpwuid(geteuid())), else $LOGNAME. */
const char *cli_user(void);
/* main() keeps the command line for cli_audit. */
void cli_set_command_line(int argc, char **argv);
/* Put a read of pupils' data on the record before anything of it is shown (cli_audit.c): one
 * audit row as "cli:LOGIN", role "cli", action ("pupil.read", "export",
 * "report.unsuppressed"), object (what was read: "explain", "export pupils"...), the pupil or
 * NULL, and the command line (without --db). s: the command's store, or NULL to open --db's.
 * On failure the caller shows nothing (cli_fail prints why). */
or_code cli_audit(or_store *s, const char *db, const char *action, const char *object,
                  const char *upn, or_error *err);

#endif
