/* cmd_report_outcomes.c - `onroll report outcomes [--as-of DATE] [--intervention ID]
 * [--threshold N | --unsuppressed] [--db URL]`: the outcomes report of the graduated response
 * (outcomes_report.h) as CSV: per intervention the pupils, suspensions in the term before and
 * after, and the mean change of every measure with its 95% confidence interval. Rows of 1-2
 * pupils are suppressed by default; --unsuppressed is for LA users and is audited. */
#include <getopt.h>

#include "cli/report_opts.h"
#include "cli/rules_opts.h"
#include "onroll/outcomes_report.h"
#include "onroll/accounts.h"

int cmd_report_outcomes(int argc, char **argv)
{
    static const char *use = "outcomes [--as-of YYYY-MM-DD] [--intervention ID] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_AS_OF,
                                         {"intervention", required_argument, NULL, 'i'},
                                         CLI_REPORT_OPT_THRESHOLD,
                                         CLI_REPORT_OPT_UNSUPPRESSED,
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_CSV);
    const char *only = NULL;
    int c, rc;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'i')
            only = optarg;
        else if ((rc = cli_report_opt(c, optarg, &r)))
            return rc > 0 ? rc : cli_usage("report", use);
    }
    if (optind < argc)
        return cli_usage("report", use);
    cli_rules o = {.db = r.db, .as_of = r.as_of};
    or_model *m = cli_load_model("report", &o);
    if (!m)
        return 1;
    or_error err = {0};
    or_arena arena = OR_ARENA_INIT;
    or_outcome_rows rows;
    or_code code = cli_report_audit(&r, "outcomes", &err);
    if (!code)
        code = or_outcomes_build(m, r.as_of, only, &arena, &rows, &err);
    if (!code)
        code = or_outcomes_write_csv(stdout, &rows, r.unsuppressed ? 0 : r.threshold, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
