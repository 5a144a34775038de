/* cmd_report_benchmarks.c - `onroll report benchmarks [--year YYYY/YY] [--level
 * national|regional|la] [--la CODE] [--format table|csv|json] [--db URL]`: the DfE's published
 * rows onroll holds (the benchmarks kind), each rate recomputed from its counts (benchmarks.h),
 * then a last line saying how many published rates were recomputed and how many agree. A
 * selection with no rows says so and exits 1. Published statistics only: nothing is audited. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/report_opts.h"
#include "onroll/benchmarks.h"
#include "onroll/listing.h"

int cmd_report_benchmarks(int argc, char **argv)
{
    static const char *use = "benchmarks [--year YYYY/YY] [--level national|regional|la] "
                             "[--la CODE] [--format table|csv|json] [--db URL]";
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_YEAR,
                                         {"level", required_argument, NULL, 'l'},
                                         {"la", required_argument, NULL, 'L'},
                                         CLI_REPORT_OPT_FORMAT,
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_TABLE);
    or_bm_opts o = {0};
    int c, bad;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            o.level = !strcmp(optarg, "national")   ? OR_BM_NATIONAL
                      : !strcmp(optarg, "regional") ? OR_BM_REGIONAL
                      : !strcmp(optarg, "la")       ? OR_BM_LA
                                                    : (or_bm_level)-1;
            if ((int)o.level < 0) {
                fprintf(stderr, "onroll report: --level '%s' is not national, regional or la\n",
                        optarg);
                return 2;
            }
            break;
        case 'L':
            o.la_code = atoi(optarg);
            if (o.la_code < 100 || o.la_code > 999) {
                fprintf(stderr, "onroll report: --la '%s' is not a three-digit LA code\n", optarg);
                return 2;
            }
            break;
        default:
            if ((bad = cli_report_opt(c, optarg, &r)))
                return bad > 0 ? bad : cli_usage("report", use);
        }
    }
    if (optind < argc)
        return cli_usage("report", use);
    o.year = r.have_year ? r.ay : 0;
    or_store *s = cli_open_readonly(r.db);
    if (!s)
        return 1;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_table t;
    or_bm_tally tally;
    or_code rc = or_report_benchmarks(s, &o, &a, &t, &tally, &err);
    int status = 0;
    if (rc) {
        status = cli_fail("report", &err);
    } else if (tally.rows == 0) {
        fprintf(stderr,
                "onroll report: no published figures for that selection: import the "
                "DfE's file (onroll import FILE.csv) or choose another year, level or LA\n");
        status = 1;
    } else {
        rc = cli_report_write(&r, &t, &err);
        if (rc)
            status = cli_fail("report", &err);
        else if (r.fmt == OR_FMT_TABLE)
            printf("%lld published rates recomputed from their counts, %lld agree (%lld rate cells "
                   "not recomputed: a symbol, empty or a headcount of 0)\n",
                   (long long)tally.rates, (long long)tally.agree, (long long)tally.not_rates);
        else
            fprintf(stderr,
                    "%lld published rates recomputed from their counts, %lld agree (%lld rate "
                    "cells not recomputed: a symbol, empty or a headcount of 0)\n",
                    (long long)tally.rates, (long long)tally.agree, (long long)tally.not_rates);
    }
    or_arena_free(&a);
    or_store_close(s);
    return status;
}
