/* rules_opts.h - options and model loading shared by the rules subcommands. */
#ifndef ONROLL_CLI_RULES_OPTS_H
#define ONROLL_CLI_RULES_OPTS_H

#include "cli/cli.h"
#include "onroll/listing.h"
#include "onroll/model.h"

typedef struct {
    const char *db;
    or_date as_of; /* default today */
    int school;    /* 0: every school */
    or_format format;
    const char *upn; /* only this pupil (the incremental path) */
    int optind;
} cli_rules;

or_date cli_today(void);
/* Parse the shared options; returns 0, or the exit status of a usage error. */
int cli_rules_opts(const char *cmd, const char *use, int argc, char **argv, cli_rules *o);
/* Load the model (every pupil, or o->upn); prints the error and returns NULL on failure. */
or_model *cli_load_model(const char *cmd, const cli_rules *o);
/* The read of a rules command on the record before anything is loaded or shown (cli_audit):
 * "pupil.read" of o->upn, else "export" of every pupil's (or --school's) rows. 0, or prints
 * why and returns 1. */
int cli_rules_audit(const char *cmd, const cli_rules *o);

#endif
