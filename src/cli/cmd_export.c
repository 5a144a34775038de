/* cmd_export.c - `onroll export TYPE [--out FILE]`: every stored row of one kind as CSV. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/export.h"

/* `onroll help export`, `onroll export --help` (cli.h, cli_help.c) */
static const cli_opt_doc export_opts[] = {
    CLI_OPT_DB,
    {"--out FILE", "write to FILE instead of standard output"},
    {"KIND",
     "schools, calendar, pupils, enrolments, caseload, events, attendance or attendance_totals"},
    {NULL, NULL},
};
static const char *const export_examples[] = {
    "onroll export events --out events.csv",
    "onroll export schools",
    NULL,
};
const cli_doc cmd_export_doc = {
    "export", "write every stored row of one kind as CSV, in its import format",
    "[--db URL] [--out FILE] "
    "schools|calendar|pupils|enrolments|caseload|events|attendance|attendance_totals",
    export_opts, export_examples};

int cmd_export(int argc, char **argv)
{
    const char *use = cmd_export_doc.usage;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"out", required_argument, NULL, 'o'}, {0}};
    const char *db = NULL, *path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'o')
            path = optarg;
        else
            return cli_usage("export", use);
    }
    if (optind != argc - 1)
        return cli_usage("export", use);
    const or_kind *k = or_kind_by_name(argv[optind]);
    if (!k) {
        fprintf(stderr, "onroll export: '%s' is not a file kind\n", argv[optind]);
        return cli_usage("export", use);
    }
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    /* every kind but schools and the calendar names pupils: on the record before any row */
    if (strcmp(k->name, "schools") && strcmp(k->name, "calendar")) {
        char what[64];
        snprintf(what, sizeof what, "export %s", k->name);
        if (cli_audit(s, db, "export", what, NULL, &err)) {
            or_store_close(s);
            return cli_fail("export", &err);
        }
    }
    FILE *out = stdout;
    char tmp[4096] = "";
    if (path) {
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        if (!(out = fopen(tmp, "w"))) {
            perror(tmp);
            or_store_close(s);
            return 1;
        }
    }
    long long rows = 0;
    or_code rc = or_export_csv(s, k, out, &rows, &err);
    if (path) {
        if (fclose(out) != 0 && !rc)
            rc = or_fail(&err, OR_EIO, "%s: cannot write", tmp);
        if (!rc && rename(tmp, path) != 0)
            rc = or_fail(&err, OR_EIO, "%s: cannot rename to %s", tmp, path);
        if (rc)
            remove(tmp);
        else
            fprintf(stderr, "%s: %lld %s rows\n", path, rows, k->name);
    }
    or_store_close(s);
    return rc ? cli_fail("export", &err) : 0;
}
