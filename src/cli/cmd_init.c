/* cmd_init.c - `onroll init`: create the database or bring its schema up to date, and seed
 * the interventions directory from the guide when it is empty (interventions.h). */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "onroll/interventions.h"
#include "onroll/store_interventions.h"

/* `onroll help init`, `onroll init --help` (cli.h, cli_help.c) */
static const cli_opt_doc init_opts[] = {
    CLI_OPT_DB,
    {NULL, NULL},
};
static const char *const init_examples[] = {
    "onroll init",
    "onroll --db postgres://onroll@/onroll init",
    NULL,
};
const cli_doc cmd_init_doc = {"init", "create or migrate the database (safe to repeat)",
                              "[--db URL]", init_opts, init_examples};

int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {0}};
    const char *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cli_usage("init", cmd_init_doc.usage);
    }
    if (optind < argc)
        return cli_usage("init", cmd_init_doc.usage);
    or_store *s = NULL;
    or_error err = {0};
    int applied = 0;
    const char *url = cli_db_url(db);
    int seeded = 0;
    char by[64];
    snprintf(by, sizeof by, "cli:%s", cli_user());
    if (or_store_open(url, &s, &err) || or_store_migrate(s, &applied, &err) ||
        or_iv_seed_store(s, by, &seeded, &err)) {
        or_store_close(s);
        return cli_fail("init", &err);
    }
    printf("%s: %d migration%s applied; schema up to date\n", or_store_name(s), applied,
           applied == 1 ? "" : "s");
    if (seeded)
        printf("%s: interventions directory seeded with %d entries from the guide\n",
               or_store_name(s), seeded);
    or_store_close(s);
    return 0;
}
