/* cmd_instruments.c - `onroll instruments`: the self-evaluation instruments (instruments.h).
 *
 *   onroll instruments [list] [--format table|csv|json]   each instrument's id, version, title,
 *                                                          sections and items
 *
 * The seeded instruments are data compiled in (instruments_data.c), so it needs no database. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/instruments.h"
#include "onroll/report.h"

static const cli_opt_doc instruments_opts[] = {
    {"--format table|csv|json", "table (default), csv or json"},
    {NULL, NULL},
};
static const char *const instruments_examples[] = {
    "onroll instruments --format csv",
    NULL,
};
const cli_doc cmd_instruments_doc = {
    "instruments", "the self-evaluation instruments reviews are made on",
    "[list] [--format table|csv|json]", instruments_opts, instruments_examples};

static const char *use = "[list] [--format table|csv|json]";

enum { NCOLS = 5 };

int cmd_instruments(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0}};
    or_format fmt = OR_FMT_TABLE;
    int c;
    if (argc > 1 && argv[1][0] != '-') {
        if (strcmp(argv[1], "list"))
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
        case 'h':
            printf("usage: onroll instruments %s\n", use);
            return 0;
        default:
            return cli_usage("instruments", use);
        }
    }
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
