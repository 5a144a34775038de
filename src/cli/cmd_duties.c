/* cmd_duties.c - `onroll duties`: every statutory and local-protocol duty with its due date
 * and status as of a date (formats.md: `onroll duties --format csv` columns). */
#include <stdio.h>

#include "cli/rules_opts.h"

/* `onroll help duties`, `onroll duties --help` (cli.h, cli_help.c) */
static const cli_opt_doc duties_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the duties and flags are worked out for; default today"},
    {"--school URN", "only that school's duties (6 digits)"},
    {"--pupil UPN", "only that pupil's duties"},
    {"--format table|csv|json",
     "table (default) for people, csv or json for programs (columns in formats.md)"},
    {NULL, NULL},
};
static const char *const duties_examples[] = {
    "onroll duties --school 100001",
    "onroll duties --as-of 2026-12-08 --format csv > duties.csv",
    NULL,
};
const cli_doc cmd_duties_doc = {
    "duties", "statutory and local-protocol duties with who acts, due dates and status",
    "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--pupil UPN] [--format table|csv|json]",
    duties_opts, duties_examples};

int cmd_duties(int argc, char **argv)
{
    const char *use = cmd_duties_doc.usage;
    cli_rules o;
    int rc = cli_rules_opts("duties", use, argc, argv, &o);
    if (rc)
        return rc;
    if (o.optind < argc)
        return cli_usage("duties", use);
    if ((rc = cli_rules_audit("duties", &o)))
        return rc;
    or_model *m = cli_load_model("duties", &o);
    if (!m)
        return 1;
    or_arena arena = OR_ARENA_INIT;
    or_duty_list all;
    or_duty_list_init(&all, &arena);
    or_error err = {0};
    for (int i = 0; i < or_model_npupils(m) && !rc; i++)
        rc = or_duties_for_pupil(or_model_pupil(m, i), or_model_params(m), o.as_of, &all, &err);
    if (o.school) { /* keep one school's duties */
        int n = 0;
        for (int i = 0; i < all.n; i++)
            if (all.items[i].urn == o.school)
                all.items[n++] = all.items[i];
        all.n = n;
    }
    or_duties_sort(&all);
    if (!rc)
        rc = or_write_duties(stdout, &all, o.format, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return rc ? cli_fail("duties", &err) : 0;
}
