/* cmd_risk.c - `onroll risk`: the children flagged as at risk, each with the rules that fired,
 * the facts that fired them, each indicator's kind (exclusion or attendance) and weight and the
 * child's tier (formats.md: `onroll risk --format csv` columns; docs/risk.md). `--tier` keeps
 * the children of one tier, `--kind` those at one kind of risk. */
#include <stdio.h>
#include <string.h>

#include "cli/rules_opts.h"

/* `onroll help risk`, `onroll risk --help` (cli.h, cli_help.c) */
static const cli_opt_doc risk_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the flags are worked out for; default today"},
    {"--school URN", "only that school's children (6 digits)"},
    {"--pupil UPN", "only that pupil"},
    {"--tier high|medium|low", "only the children of that tier (docs/risk.md: weights and tiers)"},
    {"--kind exclusion|attendance", "only the flags of that kind"},
    {"--format table|csv|json", "table (default) for people, csv or json for programs"},
    {NULL, NULL},
};
static const char *const risk_examples[] = {
    "onroll risk --school 100001",
    "onroll risk --tier high --kind exclusion",
    "onroll risk --format csv > risk.csv",
    NULL,
};
const cli_doc cmd_risk_doc = {
    "risk", "children flagged as at risk, with the rules that fired",
    "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--pupil UPN] [--tier high|medium|low] "
    "[--kind exclusion|attendance] [--format table|csv|json]",
    risk_opts, risk_examples};

/* Take --tier and --kind (and their values) out of argv for the shared options' parser. */
static int own_opts(int argc, char **argv, char **rest, const char **tier, const char **kind)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char **slot = !strcmp(argv[i], "--tier")   ? tier
                            : !strcmp(argv[i], "--kind") ? kind
                                                         : NULL;
        size_t len = !strncmp(argv[i], "--tier=", 7) || !strncmp(argv[i], "--kind=", 7) ? 7 : 0;
        if (len) {
            *(argv[i][2] == 't' ? tier : kind) = argv[i] + len;
            continue;
        }
        if (slot && i + 1 < argc) {
            *slot = argv[++i];
            continue;
        }
        if (slot)
            return -1;
        rest[n++] = argv[i];
    }
    rest[n] = NULL;
    return n;
}

int cmd_risk(int argc, char **argv)
{
    const char *use = cmd_risk_doc.usage;
    char *rest[argc + 1];
    const char *tier_s = NULL, *kind_s = NULL;
    int nrest = own_opts(argc, argv, rest, &tier_s, &kind_s);
    int tier = tier_s ? or_risk_tier_parse(tier_s) : 0;
    int kind = kind_s ? or_risk_kind_parse(kind_s) : 0;
    if (nrest < 0 || tier < 0 || kind < 0) {
        if (tier < 0)
            fprintf(stderr, "onroll risk: --tier: '%s' is not high, medium or low\n", tier_s);
        if (kind < 0)
            fprintf(stderr, "onroll risk: --kind: '%s' is not exclusion or attendance\n", kind_s);
        return cli_usage("risk", use);
    }
    cli_rules o;
    int rc = cli_rules_opts("risk", use, nrest, rest, &o);
    if (rc)
        return rc;
    if (o.optind < nrest)
        return cli_usage("risk", use);
    if ((rc = cli_rules_audit("risk", &o)))
        return rc;
    or_model *m = cli_load_model("risk", &o);
    if (!m)
        return 1;
    const or_params *p = or_model_params(m);
    or_arena arena = OR_ARENA_INIT;
    or_flag_list all;
    or_flag_list_init(&all, &arena);
    or_error err = {0};
    for (int i = 0; i < or_model_npupils(m) && !rc; i++) {
        int from = all.n;
        rc = or_risk_for_pupil(or_model_pupil(m, i), p, o.as_of, &all, &err);
        or_risk_rank r = or_risk_rank_of(&all.items[from], all.n - from, p);
        if ((tier_s && (int)r.tier != tier) || (kind_s && !(r.kinds & (1u << kind))))
            all.n = from; /* not a child of that tier or kind */
    }
    if (o.school) {
        int n = 0;
        for (int i = 0; i < all.n; i++)
            if (all.items[i].urn == o.school)
                all.items[n++] = all.items[i];
        all.n = n;
    }
    or_flags_sort(&all);
    if (!rc)
        rc = or_write_flags(stdout, &all, p, o.format, &err);
    or_arena_free(&arena);
    or_model_free(m);
    return rc ? cli_fail("risk", &err) : 0;
}
