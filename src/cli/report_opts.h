/* report_opts.h - the options the `onroll report` subcommands share, read in one place:
 * --db, --year, --as-of, --format, --threshold and --unsuppressed. A subcommand lists the ones
 * it takes (CLI_REPORT_OPT_* in its getopt_long table), hands every option to cli_report_opt
 * first and handles only its own; its output goes through cli_report_write. */
#ifndef ONROLL_CLI_REPORT_OPTS_H
#define ONROLL_CLI_REPORT_OPTS_H

#include <getopt.h>
#include <stdbool.h>

#include "onroll/date.h"
#include "onroll/listing.h"
#include "onroll/report.h"

typedef struct {
    const char *db;
    int ay;         /* --year */
    bool have_year; /* whether --year was given */
    or_date as_of;  /* --as-of; default today */
    or_format fmt;  /* --format; default the one cli_report_init was given */
    int threshold;  /* --threshold; default OR_SUPPRESS_THRESHOLD (DOMAIN.md §6) */
    bool unsuppressed;
} cli_report;

#define CLI_REPORT_OPT_DB                                                                          \
    {                                                                                              \
        "db", required_argument, NULL, 'd'                                                         \
    }
#define CLI_REPORT_OPT_YEAR                                                                        \
    {                                                                                              \
        "year", required_argument, NULL, 'y'                                                       \
    }
#define CLI_REPORT_OPT_AS_OF                                                                       \
    {                                                                                              \
        "as-of", required_argument, NULL, 'a'                                                      \
    }
#define CLI_REPORT_OPT_FORMAT                                                                      \
    {                                                                                              \
        "format", required_argument, NULL, 'f'                                                     \
    }
#define CLI_REPORT_OPT_THRESHOLD                                                                   \
    {                                                                                              \
        "threshold", required_argument, NULL, 't'                                                  \
    }
#define CLI_REPORT_OPT_UNSUPPRESSED                                                                \
    {                                                                                              \
        "unsuppressed", no_argument, NULL, 'u'                                                     \
    }

/* The defaults: today, no year, the given format, the default threshold. */
cli_report cli_report_init(or_format fmt);
/* Reads option c of getopt_long with its argument: 0 when it is a shared option and its value
 * is good; 2 when the value is not (the error is printed, naming the option and the value);
 * -1 when c is not a shared option (the subcommand's own, or a usage error). */
int cli_report_opt(int c, const char *arg, cli_report *r);
/* The audit line of an unsuppressed report of `what` (report.unsuppressed), when --unsuppressed
 * was given; OR_OK otherwise. */
or_code cli_report_audit(const cli_report *r, const char *what, or_error *err);
/* Writes t to stdout in r->fmt: an aligned text table, CSV or JSON. */
or_code cli_report_write(const cli_report *r, const or_table *t, or_error *err);

#endif
