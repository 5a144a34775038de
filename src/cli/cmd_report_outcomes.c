/* cmd_report_outcomes.c - `onroll report outcomes [--as-of DATE] [--intervention ID]
 * [--threshold N | --unsuppressed] [--db URL]`: the outcomes report of the graduated response
 * (outcomes_report.h) as CSV: per intervention the pupils, suspensions in the term before and
 * after, and the mean change of every measure with its 95% confidence interval. Rows of 1-2
 * pupils are suppressed by default; --unsuppressed is for LA users and is audited. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/outcomes_report.h"
#include "onroll/accounts.h"

int cmd_report_outcomes(int argc, char **argv)
{
    static const char *use = "outcomes [--as-of YYYY-MM-DD] [--intervention ID] "
                             "[--threshold N | --unsuppressed] [--db URL]";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},           {"as-of", required_argument, NULL, 'a'},
        {"intervention", required_argument, NULL, 'i'}, {"threshold", required_argument, NULL, 't'},
        {"unsuppressed", no_argument, NULL, 'u'},       {0}};
    cli_rules o = {.as_of = cli_today()};
    const char *only = NULL;
    int threshold = 2, c;
    bool unsuppressed = false;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.db = optarg;
            break;
        case 'a':
            if (!or_date_parse(optarg, &o.as_of)) {
                fprintf(stderr, "onroll report: --as-of '%s' is not a date (YYYY-MM-DD)\n", optarg);
                return 2;
            }
            break;
        case 'i':
            only = optarg;
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
    if (optind < argc || threshold < 0)
        return cli_usage("report", use);
    or_model *m = cli_load_model("report", &o);
    if (!m)
        return 1;
    or_error err = {0};
    or_code code = OR_OK;
    if (unsuppressed)
        code = cli_audit(NULL, o.db, "report.unsuppressed", "outcomes", NULL, &err);
    or_arena arena = OR_ARENA_INIT;
    or_outcome_rows rows;
    if (!code)
        code = or_outcomes_build(m, o.as_of, only, &arena, &rows, &err);
    if (!code)
        code = or_outcomes_write_csv(stdout, &rows, unsuppressed ? 0 : threshold, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
