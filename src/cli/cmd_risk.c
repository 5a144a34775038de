/* cmd_risk.c - `onroll risk`: the children flagged as at risk, each with the rules that fired
 * and the facts that fired them (formats.md: `onroll risk --format csv` columns). */
#include <stdio.h>

#include "cli/rules_opts.h"

/* `onroll help risk`, `onroll risk --help` (cli.h, cli_help.c) */
static const cli_opt_doc risk_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the flags are worked out for; default today"},
    {"--school URN", "only that school's children (6 digits)"},
    {"--pupil UPN", "only that pupil"},
    {"--format table|csv|json", "table (default) for people, csv or json for programs"},
    {NULL, NULL},
};
static const char *const risk_examples[] = {
    "onroll risk --school 100001",
    "onroll risk --format csv > risk.csv",
    NULL,
};
const cli_doc cmd_risk_doc = {
    "risk", "children flagged as at risk, with the rules that fired",
    "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--pupil UPN] [--format table|csv|json]",
    risk_opts, risk_examples};

int cmd_risk(int argc, char **argv)
{
    const char *use = cmd_risk_doc.usage;
    cli_rules o;
    int rc = cli_rules_opts("risk", use, argc, argv, &o);
    if (rc)
        return rc;
    if (o.optind < argc)
        return cli_usage("risk", use);
    if ((rc = cli_rules_audit("risk", &o)))
        return rc;
    or_model *m = cli_load_model("risk", &o);
    if (!m)
        return 1;
    or_arena arena = OR_ARENA_INIT;
    or_flag_list all;
    or_flag_list_init(&all, &arena);
    or_error err = {0};
    for (int i = 0; i < or_model_npupils(m) && !rc; i++)
        rc = or_risk_for_pupil(or_model_pupil(m, i), or_model_params(m), o.as_of, &all, &err);
    if (o.school) {
        int n = 0;
        for (int i = 0; i < all.n; i++)
            if (all.items[i].urn == o.school)
                all.items[n++] = all.items[i];
        all.n = n;
    }
    or_flags_sort(&all);
    if (!rc)
        rc = or_write_flags(stdout, &all, o.format, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return rc ? cli_fail("risk", &err) : 0;
}
