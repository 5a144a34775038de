/* cmd_instruments.c - `onroll instruments`: the self-evaluation instruments (instruments.h).
 *
 *   onroll instruments [list] [--format table|csv|json]   each instrument's id, version, title,
 *                                                          sections and items
 *   onroll instruments rename-area ID AREA NAME [--db URL]  the LA's name for a placeholder area
 *                                                          (one the source does not name; audited)
 *
 * The seeded instruments are data compiled in (instruments_data.c), so it needs no database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/instruments.h"
#include "onroll/report.h"
#include "onroll/reviews.h"

static const cli_opt_doc instruments_opts[] = {
    CLI_OPT_DB,
    {"rename-area ID AREA NAME", "name a placeholder area (one the source does not name)"},
    {"--format table|csv|json", "table (default), csv or json"},
    {NULL, NULL},
};
static const char *const instruments_examples[] = {
    "onroll instruments --format csv",
    "onroll instruments rename-area wellbeing-audit 6 \"Staff wellbeing\"",
    NULL,
};
const cli_doc cmd_instruments_doc = {
    "instruments", "the self-evaluation instruments reviews are made on",
    "[list] [--format table|csv|json]\nrename-area ID AREA NAME [--db URL]", instruments_opts,
    instruments_examples};

static const char *use = "[list] [--format table|csv|json] | rename-area ID AREA NAME [--db URL]";

static int rename_area(const char *db, const char *id, const char *area_s, const char *name)
{
    const or_instrument *in = or_instrument_find(id, 0);
    char *end = NULL;
    long area = strtol(area_s, &end, 10);
    if (!in) {
        fprintf(stderr, "onroll instruments: '%s' is not an instrument (see onroll instruments)\n",
                id);
        return 2;
    }
    if (!*area_s || *end) {
        fprintf(stderr, "onroll instruments: area '%s' is not a number\n", area_s);
        return 2;
    }
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    or_error err = {0};
    char by[64];
    snprintf(by, sizeof by, "cli:%s", cli_user());
    or_code rc = or_store_begin(s, &err);
    if (!rc)
        rc = or_instrument_area_rename(s, in, (int)area, name, by, &err);
    if (!rc)
        rc = cli_audit(s, db, "change", "instrument area name", NULL, &err);
    if (!rc)
        rc = or_store_commit(s, &err);
    if (rc)
        or_store_rollback(s);
    else
        printf("%s version %d, area %ld: named '%s'\n", in->id, in->version, area, name);
    or_store_close(s);
    return rc ? cli_fail("instruments", &err) : 0;
}

enum { NCOLS = 5 };

int cmd_instruments(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0}};
    or_format fmt = OR_FMT_TABLE;
    const char *db = NULL, *what = "list";
    int c;
    if (argc > 1 && argv[1][0] != '-') {
        what = argv[1];
        if (strcmp(what, "list") && strcmp(what, "rename-area"))
            return cli_usage("instruments", use);
        argc--;
        argv++;
    }
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!or_format_parse(optarg, &fmt)) {
                fprintf(stderr, "onroll instruments: --format '%s': table, csv or json\n", optarg);
                return 2;
            }
            break;
        case 'd':
            db = optarg;
            break;
        case 'h':
            printf("usage: onroll instruments %s\n", use);
            return 0;
        default:
            return cli_usage("instruments", use);
        }
    }
    if (!strcmp(what, "rename-area"))
        return argc - optind == 3
                   ? rename_area(db, argv[optind], argv[optind + 1], argv[optind + 2])
                   : cli_usage("instruments", use);
    if (optind < argc)
        return cli_usage("instruments", use);

    static const char *heads[NCOLS] = {"id", "version", "title", "sections", "items"};
    static const bool numeric[NCOLS] = {false, true, false, true, true};
    int n = or_instruments_seed_count;
    const char *cells[16 * NCOLS];
    char nums[16][3][16];
    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++) {
        const or_instrument *in = &or_instruments_seed[i];
        snprintf(nums[i][0], 16, "%d", in->version);
        snprintf(nums[i][1], 16, "%d", in->nsections);
        snprintf(nums[i][2], 16, "%d", or_instrument_items(in));
        const char *row[NCOLS] = {in->id, nums[i][0], in->title, nums[i][1], nums[i][2]};
        memcpy(&cells[i * NCOLS], row, sizeof row);
    }
    or_table t = {"Self-evaluation instruments", NCOLS, n, heads, cells, numeric};
    or_error err = {0};
    or_code rc = fmt == OR_FMT_TABLE ? or_table_text(stdout, &t, &err)
                                     : or_table_write(stdout, &t, fmt, &err);
    return rc ? cli_fail("instruments", &err) : 0;
}
