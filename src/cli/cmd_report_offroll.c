/* cmd_report_offroll.c - `onroll report offrolling --year YYYY/YY [--concern] [--format
 * table|csv|json] [--threshold N | --unsuppressed] [--db URL]`: off-rolling signals per school
 * (offroll.h) against the LA with funnel-plot limits; --concern keeps the schools above a
 * 99.8% limit. Counts of 1 and 2 are suppressed by default (DOMAIN.md §6); --unsuppressed is
 * for LA users and is written to the audit log. */
#include <getopt.h>

#include "cli/report_opts.h"
#include "cli/rules_opts.h"
#include "onroll/offroll.h"

int cmd_report_offroll(int argc, char **argv)
{
    static const char *use = "offrolling --year YYYY/YY [--concern] [--format table|csv|json] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_YEAR,
                                         {"concern", no_argument, NULL, 'c'},
                                         CLI_REPORT_OPT_FORMAT,
                                         CLI_REPORT_OPT_THRESHOLD,
                                         CLI_REPORT_OPT_UNSUPPRESSED,
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_TABLE);
    bool concern = false;
    int c, rc;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'c')
            concern = true;
        else if ((rc = cli_report_opt(c, optarg, &r)))
            return rc > 0 ? rc : cli_usage("report", use);
    }
    if (!r.have_year || optind < argc)
        return cli_usage("report", use);
    cli_rules o = {.db = r.db, .as_of = r.as_of};
    or_model *m = cli_load_model("report", &o);
    if (!m)
        return 1;
    or_error err = {0};
    or_arena arena = OR_ARENA_INIT;
    or_offroll off;
    or_table t;
    or_code code = cli_report_audit(&r, "offrolling", &err);
    if (!code)
        code = or_offroll_from_model(m, r.ay, &arena, &off, &err);
    if (!code)
        code = or_offroll_table(&off, r.unsuppressed ? 0 : r.threshold, concern, &arena, &t, &err);
    if (!code)
        code = cli_report_write(&r, &t, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
