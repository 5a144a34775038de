/* cmd_report_reu.c - `onroll report reu --year YYYY/YY [--as-of YYYY-MM-DD] [--format
 * table|csv|json] [--threshold N | --unsuppressed] [--db URL]`: the Re-engagement Unit's KPIs
 * (reu_kpi.h) of the referrals received in the year, per referring school and for the LA, as
 * of a date (default today). Counts of 1 and 2 are suppressed by default (DOMAIN.md §6);
 * --unsuppressed is for LA users and is written to the audit log. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/reu_kpi.h"

int cmd_report_reu(int argc, char **argv)
{
    static const char *use = "reu --year YYYY/YY [--as-of YYYY-MM-DD] [--format table|csv|json] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"threshold", required_argument, NULL, 't'},
                                         {"unsuppressed", no_argument, NULL, 'u'},
                                         {0}};
    cli_rules o = {.as_of = cli_today()};
    or_format fmt = OR_FMT_TABLE;
    int ay = 0, threshold = 2, c;
    bool have_year = false, unsuppressed = false;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.db = optarg;
            break;
        case 'y':
            if (!or_academic_year_parse(optarg, &ay)) {
                fprintf(stderr, "onroll report: --year '%s' is not an academic year (2025/26)\n",
                        optarg);
                return 2;
            }
            have_year = true;
            break;
        case 'a':
            if (!or_date_parse(optarg, &o.as_of)) {
                fprintf(stderr, "onroll report: --as-of '%s' is not a date (YYYY-MM-DD)\n", optarg);
                return 2;
            }
            break;
        case 'f':
            if (!or_format_parse(optarg, &fmt)) {
                fprintf(stderr, "onroll report: --format '%s' is not table, csv or json\n", optarg);
                return 2;
            }
            break;
        case 't':
            threshold = atoi(optarg);
            break;
        case 'u':
            unsuppressed = true;
            break;
        default:
            return cli_usage("report", use);
        }
    }
    if (!have_year || optind < argc || threshold < 0)
        return cli_usage("report", use);
    or_model *m = cli_load_model("report", &o);
    if (!m)
        return 1;
    or_error err = {0};
    or_code code = OR_OK;
    if (unsuppressed)
        code = cli_audit(NULL, o.db, "report.unsuppressed", "reu", NULL, &err);
    or_arena arena = OR_ARENA_INIT;
    or_reu_kpi k;
    or_table t;
    if (!code)
        code = or_reu_kpi_from_model(m, ay, o.as_of, &arena, &k, &err);
    if (!code)
        code = or_reu_kpi_table(&k, unsuppressed ? 0 : threshold, &arena, &t, &err);
    if (!code)
        code = fmt == OR_FMT_TABLE ? or_table_text(stdout, &t, &err)
                                   : or_table_write(stdout, &t, fmt, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
