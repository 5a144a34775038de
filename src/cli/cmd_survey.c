/* cmd_survey.c - `onroll survey`: surveys before and after (surveys.h).
 *
 *   onroll survey templates [--format table|csv|json]   each template's id, title, domains and
 *                                                         items (the toolkit's surveys)
 *
 * The templates are data compiled in (survey_templates_data.c), so it needs no database. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/report.h"
#include "onroll/surveys.h"

static const cli_opt_doc survey_opts[] = {
    {"templates", "list the survey templates seeded from the toolkit"},
    {"--format table|csv|json", "table (default), csv or json"},
    {NULL, NULL},
};
static const char *const survey_examples[] = {
    "onroll survey templates",
    "onroll survey templates --format csv",
    NULL,
};
const cli_doc cmd_survey_doc = {"survey", "the survey templates schools start surveys from",
                                "templates [--format table|csv|json]", survey_opts,
                                survey_examples};

static const char *use = "templates [--format table|csv|json]";

enum { NCOLS = 4, MAXT = 16 };

int cmd_survey(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0}};
    or_format fmt = OR_FMT_TABLE;
    if (argc < 2 || strcmp(argv[1], "templates")) {
        if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
            printf("usage: onroll survey %s\n", use);
            return 0;
        }
        return cli_usage("survey", use);
    }
    argc--;
    argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!or_format_parse(optarg, &fmt)) {
                fprintf(stderr, "onroll survey: --format '%s': table, csv or json\n", optarg);
                return 2;
            }
            break;
        case 'h':
            printf("usage: onroll survey %s\n", use);
            return 0;
        default:
            return cli_usage("survey", use);
        }
    }
    if (optind < argc)
        return cli_usage("survey", use);
    static const char *heads[NCOLS] = {"id", "title", "domains", "items"};
    static const bool numeric[NCOLS] = {false, false, true, true};
    int n = or_survey_templates_count < MAXT ? or_survey_templates_count : MAXT;
    const char *cells[MAXT * NCOLS];
    char nums[MAXT][2][16];
    for (int i = 0; i < n; i++) {
        const or_survey_template *t = &or_survey_templates[i];
        snprintf(nums[i][0], 16, "%d", t->def.ndomains);
        snprintf(nums[i][1], 16, "%d", or_survey_items(&t->def));
        const char *row[NCOLS] = {t->id, t->title, nums[i][0], nums[i][1]};
        memcpy(&cells[i * NCOLS], row, sizeof row);
    }
    or_table t = {"Survey templates", NCOLS, n, heads, cells, numeric};
    or_error err = {0};
    or_code rc = fmt == OR_FMT_TABLE ? or_table_text(stdout, &t, &err)
                                     : or_table_write(stdout, &t, fmt, &err);
    return rc ? cli_fail("survey", &err) : 0;
}
