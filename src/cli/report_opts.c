/* report_opts.c - the options the `onroll report` subcommands share (report_opts.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/report_opts.h"
#include "cli/rules_opts.h"
#include "onroll/stats.h"

cli_report cli_report_init(or_format fmt)
{
    return (cli_report){.as_of = cli_today(), .fmt = fmt, .threshold = OR_SUPPRESS_THRESHOLD};
}

int cli_report_opt(int c, const char *arg, cli_report *r)
{
    char *end;
    switch (c) {
    case 'd':
        r->db = arg;
        return 0;
    case 'y':
        if (!or_academic_year_parse(arg, &r->ay)) {
            fprintf(stderr,
                    "onroll report: --year '%s' is not an academic year (YYYY/YY, e.g. 2025/26)\n",
                    arg);
            return 2;
        }
        r->have_year = true;
        return 0;
    case 'a':
        if (!or_date_parse(arg, &r->as_of)) {
            fprintf(stderr, "onroll report: --as-of '%s' is not a date (YYYY-MM-DD)\n", arg);
            return 2;
        }
        return 0;
    case 'f':
        if (!or_format_parse(arg, &r->fmt)) {
            fprintf(stderr, "onroll report: --format '%s' is not table, csv or json\n", arg);
            return 2;
        }
        return 0;
    case 't':
        r->threshold = (int)strtol(arg, &end, 10);
        if (end == arg || *end || r->threshold < 0) {
            fprintf(stderr, "onroll report: --threshold '%s' is not a whole number 0 or more\n",
                    arg);
            return 2;
        }
        return 0;
    case 'u':
        r->unsuppressed = true;
        return 0;
    default:
        return -1;
    }
}

or_code cli_report_audit(const cli_report *r, const char *what, or_error *err)
{
    return r->unsuppressed ? cli_audit(NULL, r->db, "report.unsuppressed", what, NULL, err) : OR_OK;
}

or_code cli_report_write(const cli_report *r, const or_table *t, or_error *err)
{
    return r->fmt == OR_FMT_TABLE ? or_table_text(stdout, t, err)
                                  : or_table_write(stdout, t, r->fmt, err);
}
