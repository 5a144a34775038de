/* cmd_report_offroll.c - `onroll report offrolling --year YYYY/YY [--concern] [--format
 * table|csv|json] [--threshold N | --unsuppressed] [--db URL]`: off-rolling signals per school
 * (offroll.h) against the LA with funnel-plot limits; --concern keeps the schools above a
 * 99.8% limit. Counts of 1 and 2 are suppressed by default (DOMAIN.md §6); --unsuppressed is
 * for LA users and is written to the audit log. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/offroll.h"

int cmd_report_offroll(int argc, char **argv)
{
    static const char *use = "offrolling --year YYYY/YY [--concern] [--format table|csv|json] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"concern", no_argument, NULL, 'c'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"threshold", required_argument, NULL, 't'},
                                         {"unsuppressed", no_argument, NULL, 'u'},
                                         {0}};
    cli_rules o = {.as_of = cli_today()};
    or_format fmt = OR_FMT_TABLE;
    int ay = 0, threshold = 2, c;
    bool have_year = false, unsuppressed = false, concern = false;
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
        case 'c':
            concern = true;
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
        code = cli_audit(NULL, o.db, "report.unsuppressed", "offrolling", NULL, &err);
    or_arena arena = OR_ARENA_INIT;
    or_offroll r;
    or_table t;
    if (!code)
        code = or_offroll_from_model(m, ay, &arena, &r, &err);
    if (!code)
        code = or_offroll_table(&r, unsuppressed ? 0 : threshold, concern, &arena, &t, &err);
    if (!code)
        code = fmt == OR_FMT_TABLE ? or_table_text(stdout, &t, &err)
                                   : or_table_write(stdout, &t, fmt, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
