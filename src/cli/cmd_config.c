/* cmd_config.c - `onroll config list | get KEY | set KEY VALUE`: the LA's thresholds and
 * deadlines (params.h). A statutory value may be made stricter, never weaker. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/model.h"
#include "onroll/rules.h"

/* `onroll help config`, `onroll config --help` (cli.h, cli_help.c) */
static const cli_opt_doc config_opts[] = {
    CLI_OPT_DB,
    {"list", "every setting with its value and default"},
    {"get KEY", "one setting's value"},
    {"set KEY VALUE", "change a setting; a statutory one may be made stricter, never weaker"},
    {NULL, NULL},
};
static const char *const config_examples[] = {
    "onroll config list",
    "onroll config set cap.days 40",
    NULL,
};
const cli_doc cmd_config_doc = {"config", "the LA's thresholds and deadlines: list, get or set",
                                "[--db URL] list | get KEY | set KEY VALUE", config_opts,
                                config_examples};

int cmd_config(int argc, char **argv)
{
    const char *use = cmd_config_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {0}};
    const char *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cli_usage("config", use);
    }
    int n = argc - optind;
    char **a = argv + optind;
    bool list = n == 1 && !strcmp(a[0], "list"), get = n == 2 && !strcmp(a[0], "get"),
         set = n == 3 && !strcmp(a[0], "set");
    if (!list && !get && !set)
        return cli_usage("config", use);
    or_store *s = set ? cli_open(db) : cli_open_readonly(db);
    if (!s)
        return 1;
    or_params p;
    or_error err = {0};
    or_code rc = or_params_load(s, &p, &err);
    if (!rc && set) {
        or_params check = p;
        rc = or_params_set(&check, a[1], a[2], &err);
        if (!rc)
            rc = or_store_config_set(s, a[1], a[2], cli_user(), &err);
        if (!rc)
            printf("%s = %s\n", a[1], a[2]);
    } else if (!rc) {
        int id = get ? or_param_find(a[1]) : -1;
        if (get && id < 0)
            rc = or_fail(&err, OR_EINPUT, "'%s' is not a setting (see `onroll config list`)", a[1]);
        for (int i = 0; !rc && i < OR_P__COUNT; i++) {
            if (get && i != id)
                continue;
            const or_param_def *d = or_param_def_at((or_param_id)i);
            if (get) {
                printf("%d\n", p.v[i]);
                continue;
            }
            printf("%-30s %4d%s  %-22s %s%s\n", d->key, p.v[i], p.v[i] != d->def ? "*" : " ",
                   d->rule_id, d->meaning,
                   d->tighten == OR_TIGHTEN_LOWER ? " (statutory: may only be lowered)" : "");
        }
    }
    or_store_close(s);
    return rc ? cli_fail("config", &err) : 0;
}
