/* cmd_duties.c - `onroll duties`: every statutory and local-protocol duty with its due date
 * and status as of a date (formats.md: `onroll duties --format csv` columns). */
#include <stdio.h>

#include "cli/rules_opts.h"

int cmd_duties(int argc, char **argv)
{
    static const char *use = "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--pupil UPN] "
                             "[--format table|csv|json]";
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
