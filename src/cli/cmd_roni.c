/* cmd_roni.c - `onroll roni`: the Risk of NEET Indicator of every pupil in Years 8 to 11 on a
 * day, each score with its factors and the band of support (roni.h, docs/roni.md), the careers
 * leaders' overrides applied; and `onroll report roni-outcomes`: of the pupils scored in Year
 * 11, the share of each band whose destination was NEET or not known. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/roni_report.h"

static const cli_opt_doc roni_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the scores are worked out for; default today"},
    {"--school URN", "only that school's pupils (6 digits)"},
    {"--year-group N", "only that year group (8 to 11)"},
    {"--format table|csv|json",
     "table (default) for people; csv: upn,urn,year_group,score,band,factors; json"},
    {NULL, NULL},
};
static const char *const roni_examples[] = {
    "onroll roni --school 100001 --year-group 11",
    "onroll roni --format csv > roni.csv",
    "onroll report roni-outcomes --format csv",
    NULL,
};
const cli_doc cmd_roni_doc = {
    "roni", "the Risk of NEET Indicator of pupils in Years 8 to 11, with its factors",
    "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--year-group N] [--format table|csv|json]",
    roni_opts, roni_examples};

/* Take --year-group (and its value) out of argv for the shared options' parser. */
static int own_opts(int argc, char **argv, char **rest, const char **yg)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "--year-group=", 13)) {
            *yg = argv[i] + 13;
            continue;
        }
        if (!strcmp(argv[i], "--year-group")) {
            if (i + 1 >= argc)
                return -1;
            *yg = argv[++i];
            continue;
        }
        rest[n++] = argv[i];
    }
    rest[n] = NULL;
    return n;
}

static int load_overrides(const char *cmd, const char *db, or_arena *a, or_roni_override **ov,
                          int *nov, or_destination **dest, int *ndest)
{
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_code rc = or_roni_overrides_load(s, a, ov, nov, &err);
    if (!rc && dest)
        rc = or_destinations_load(s, a, dest, ndest, &err);
    or_store_close(s);
    return rc ? cli_fail(cmd, &err) : 0;
}

int cmd_roni(int argc, char **argv)
{
    const char *use = cmd_roni_doc.usage;
    char *rest[argc + 1];
    const char *yg_s = NULL;
    int nrest = own_opts(argc, argv, rest, &yg_s);
    int yg = 0;
    if (yg_s) {
        char *end = NULL;
        long v = strtol(yg_s, &end, 10);
        yg = *yg_s && !*end && v >= 8 && v <= 11 ? (int)v : -1;
    }
    if (nrest < 0 || yg < 0) {
        if (yg < 0)
            fprintf(stderr, "onroll roni: --year-group: '%s' is not a year from 8 to 11\n", yg_s);
        return cli_usage("roni", use);
    }
    cli_rules o;
    int rc = cli_rules_opts("roni", use, nrest, rest, &o);
    if (rc)
        return rc;
    if (o.optind < nrest || o.upn)
        return cli_usage("roni", use);
    if ((rc = cli_rules_audit("roni", &o)))
        return rc;
    or_arena arena = OR_ARENA_INIT;
    or_roni_override *ov = NULL;
    int nov = 0;
    if ((rc = load_overrides("roni", o.db, &arena, &ov, &nov, NULL, NULL))) {
        or_arena_free(&arena);
        return rc;
    }
    or_model *m = cli_load_model("roni", &o);
    if (!m) {
        or_arena_free(&arena);
        return 1;
    }
    or_roni_row *rows;
    int n = or_roni_rows(m, o.as_of, ov, nov, o.school, yg, &arena, &rows);
    or_error err = {0};
    or_code code = or_roni_write(stdout, rows, n, o.format, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("roni", &err) : 0;
}

/* `onroll report roni-outcomes [--as-of DATE] [--format table|csv|json] [--db URL]` */
int cmd_report_roni_outcomes(int argc, char **argv)
{
    static const char *use = "roni-outcomes [--as-of YYYY-MM-DD] [--format table|csv|json] "
                             "[--db URL]";
    cli_rules o;
    optind = 1;
    int rc = cli_rules_opts("report", use, argc - 1, argv + 1, &o);
    if (rc)
        return rc;
    if (o.optind < argc - 1 || o.school || o.upn)
        return cli_usage("report", use);
    /* --as-of names the day of scoring; without it, 15 January of last school year */
    bool given = false;
    for (int i = 1; i < argc; i++)
        given |= !strncmp(argv[i], "--as-of", 7);
    or_date day = given ? o.as_of : or_roni_outcomes_day(o.as_of);
    or_error err = {0};
    if (cli_audit(NULL, o.db, "report", "roni-outcomes", NULL, &err))
        return cli_fail("report", &err);
    or_arena arena = OR_ARENA_INIT;
    or_roni_override *ov = NULL;
    or_destination *dest = NULL;
    int nov = 0, ndest = 0;
    if ((rc = load_overrides("report", o.db, &arena, &ov, &nov, &dest, &ndest))) {
        or_arena_free(&arena);
        return rc;
    }
    or_model *m = cli_load_model("report", &o);
    if (!m) {
        or_arena_free(&arena);
        return 1;
    }
    or_roni_outcome out[OR_RONI_BAND__N];
    or_roni_outcomes(m, day, ov, nov, dest, ndest, out);
    or_code code = or_roni_outcomes_write(stdout, out, day, o.format, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return code ? cli_fail("report", &err) : 0;
}
