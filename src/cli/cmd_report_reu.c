/* cmd_report_reu.c - `onroll report reu --year YYYY/YY [--as-of YYYY-MM-DD] [--format
 * table|csv|json] [--threshold N | --unsuppressed] [--db URL]`: the Re-engagement Unit's KPIs
 * (reu_kpi.h) of the referrals received in the year, per referring school and for the LA, as
 * of a date (default today). Counts of 1 and 2 are suppressed by default (DOMAIN.md §6);
 * --unsuppressed is for LA users and is written to the audit log. */
#include <getopt.h>

#include "cli/report_opts.h"
#include "cli/rules_opts.h"
#include "onroll/reu_kpi.h"

int cmd_report_reu(int argc, char **argv)
{
    static const char *use = "reu --year YYYY/YY [--as-of YYYY-MM-DD] [--format table|csv|json] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_YEAR,
                                         CLI_REPORT_OPT_AS_OF,
                                         CLI_REPORT_OPT_FORMAT,
                                         CLI_REPORT_OPT_THRESHOLD,
                                         CLI_REPORT_OPT_UNSUPPRESSED,
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_TABLE);
    int c, rc;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        if ((rc = cli_report_opt(c, optarg, &r)))
            return rc > 0 ? rc : cli_usage("report", use);
    if (!r.have_year || optind < argc)
        return cli_usage("report", use);
    cli_rules o = {.db = r.db, .as_of = r.as_of};
    or_model *m = cli_load_model("report", &o);
    if (!m)
        return 1;
    or_error err = {0};
    or_arena arena = OR_ARENA_INIT;
    or_reu_kpi k;
    or_table t;
    or_code code = cli_report_audit(&r, "reu", &err);
    if (!code)
        code = or_reu_kpi_from_model(m, r.ay, r.as_of, &arena, &k, &err);
    if (!code)
        code = or_reu_kpi_table(&k, r.unsuppressed ? 0 : r.threshold, &arena, &t, &err);
    if (!code)
        code = cli_report_write(&r, &t, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
