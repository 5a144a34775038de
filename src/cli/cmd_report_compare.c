/* cmd_report_compare.c - `onroll report compare [--year YYYY/YY] [--type
 * total|primary|secondary|special] [--format table|csv|json] [--db URL]`: the LA against
 * England, its region and its statistical neighbours (compare.h) for every year held up to
 * --year: a table per measure (table), or every figure one a row (csv, json). The LA's own
 * figures are suppressed (counts of 1 and 2 shown as c). What cannot be compared (no published
 * figures, no la.code, la.region or la.neighbours) is said on stderr. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/report_opts.h"
#include "onroll/compare.h"
#include "onroll/listing.h"
#include "onroll/stats.h"

int cmd_report_compare(int argc, char **argv)
{
    static const char *use = "compare [--year YYYY/YY] [--type total|primary|secondary|special] "
                             "[--format table|csv|json] [--db URL]";
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_YEAR,
                                         {"type", required_argument, NULL, 'T'},
                                         CLI_REPORT_OPT_FORMAT,
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_TABLE);
    int type = -1, c, bad;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'T') {
            if ((type = or_cmp_type_parse(optarg)) < 0) {
                fprintf(stderr,
                        "onroll report: --type '%s' is not total, primary, secondary or special\n",
                        optarg);
                return 2;
            }
        } else if ((bad = cli_report_opt(c, optarg, &r))) {
            return bad > 0 ? bad : cli_usage("report", use);
        }
    }
    if (optind < argc)
        return cli_usage("report", use);
    or_store *s = cli_open_readonly(r.db);
    if (!s)
        return 1;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_columns *cols = NULL;
    or_cmp_opts o = {0};
    or_cmp cmp;
    or_code rc = or_columns_load(s, &cols, &err);
    if (!rc)
        rc = or_cmp_opts_load(s, &a, &o, &err);
    o.c = cols;
    o.ay_last = r.ay;
    o.threshold = OR_SUPPRESS_THRESHOLD;
    if (!rc)
        rc = or_compare_build(s, &o, &a, &cmp, &err);
    int status = 0;
    if (rc) {
        status = cli_fail("report", &err);
    } else if (!cmp.benchmarks) {
        fprintf(stderr, "onroll report: no published figures to compare with: import the DfE's "
                        "file (onroll import exc_nat_region_la.csv)\n");
        status = 1;
    } else {
        if (!o.la_code)
            fprintf(stderr, "onroll report: la.code is not set: the LA's published figures are "
                            "not compared (onroll config set la.code NNN)\n");
        if (!cmp.region_name)
            fprintf(stderr, "onroll report: no region to compare with: set la.region (onroll "
                            "config set la.region E12000007)\n");
        if (!o.nneighbours)
            fprintf(stderr, "onroll report: la.neighbours is not set: no statistical neighbours "
                            "to compare with\n");
        or_table t;
        if (r.fmt == OR_FMT_TABLE) {
            for (int m = 0; !rc && m < OR_CMP__MEASURES; m++) {
                or_cmp_table(&cmp, (or_cmp_measure)m, type < 0 ? OR_CMP_TOTAL : (or_cmp_type)type,
                             &a, &t);
                printf("%s%s\n", m ? "\n" : "", t.title);
                rc = or_table_text(stdout, &t, &err);
            }
            if (!rc && cmp.latest_published >= 0)
                printf("\nLatest published: %s. Statistical neighbours: the pupil-weighted "
                       "average (their counts added over their pupils added) of %d LAs, %d of "
                       "them in the published figures.\n",
                       or_cmp_year_label(&a, cmp.latest_published), cmp.nneighbours,
                       cmp.neighbours_found);
        } else {
            or_cmp_long_table(&cmp, type, &a, &t);
            rc = or_table_write(stdout, &t, r.fmt, &err);
        }
        if (rc)
            status = cli_fail("report", &err);
    }
    or_arena_free(&a);
    or_columns_free(cols);
    or_store_close(s);
    return status;
}
