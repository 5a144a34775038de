/* rules_opts.c - the options `onroll duties`, `onroll risk` and `onroll explain` share
 * (--as-of, --school, --format, --pupil), and loading the model they run on. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/rules_opts.h"

or_date cli_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int cli_rules_opts(const char *cmd, const char *use, int argc, char **argv, cli_rules *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"as-of", required_argument, NULL, 'a'},
        {"school", required_argument, NULL, 's'}, {"format", required_argument, NULL, 'f'},
        {"pupil", required_argument, NULL, 'p'},  {0}};
    memset(o, 0, sizeof *o);
    o->as_of = cli_today();
    o->format = OR_FMT_TABLE;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o->db = optarg;
            break;
        case 'a':
            if (!or_date_parse(optarg, &o->as_of)) {
                fprintf(stderr, "onroll %s: --as-of '%s' is not a date (YYYY-MM-DD)\n", cmd,
                        optarg);
                return 2;
            }
            break;
        case 's':
            o->school = atoi(optarg);
            if (o->school < 100000 || o->school > 999999) {
                fprintf(stderr, "onroll %s: --school '%s' is not a URN (6 digits)\n", cmd, optarg);
                return 2;
            }
            break;
        case 'f':
            if (!or_format_parse(optarg, &o->format)) {
                fprintf(stderr, "onroll %s: --format '%s': use table, csv or json\n", cmd, optarg);
                return 2;
            }
            break;
        case 'p':
            o->upn = optarg;
            break;
        default:
            return cli_usage(cmd, use);
        }
    }
    o->optind = optind;
    return 0;
}

int cli_rules_audit(const char *cmd, const cli_rules *o)
{
    or_error err = {0};
    if (cli_audit(NULL, o->db, o->upn ? "pupil.read" : "export", cmd, o->upn, &err))
        return cli_fail(cmd, &err);
    return 0;
}

or_model *cli_load_model(const char *cmd, const cli_rules *o)
{
    or_store *s = cli_open_readonly(o->db);
    if (!s)
        return NULL;
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(s, o->upn, &m, &err)) {
        cli_fail(cmd, &err);
        m = NULL;
    }
    or_store_close(s);
    return m;
}
