/* cmd_interventions.c - `onroll interventions`: the interventions directory (interventions.h).
 *
 *   onroll interventions [list] [--need N] [--level L] [--phase P] [--all]
 *                        [--format table|csv|json]   the entries offered, by name (--all: with
 *                                                    those no longer offered)
 *   onroll interventions seed                        seed it from the guide if it is empty
 *
 * The filters are those of the web page's search (each at most once here). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/interventions.h"
#include "onroll/listing.h"
#include "onroll/report.h"
#include "onroll/store_interventions.h"

/* `onroll help interventions`, `onroll interventions --help` (cli.h, cli_help.c) */
static const cli_opt_doc interventions_opts[] = {
    CLI_OPT_DB,
    {"--need NEED", "only those for that need"},
    {"--level LEVEL", "only those at that level of the graduated response"},
    {"--phase PHASE", "only those for that phase"},
    {"--all", "include entries no longer offered"},
    {"--format table|csv|json", "table (default), csv or json"},
    {"seed", "fill an empty directory from the guide"},
    {NULL, NULL},
};
static const char *const interventions_examples[] = {
    "onroll interventions --need semh --format csv",
    "onroll interventions seed",
    NULL,
};
const cli_doc cmd_interventions_doc = {"interventions",
                                       "the interventions directory: list (search) or seed",
                                       "[list] [--db URL] [--need NEED] [--level LEVEL] [--phase "
                                       "PHASE] [--all] [--format table|csv|json]\nseed [--db URL]",
                                       interventions_opts, interventions_examples};

static const char *use = "[list] [--db URL] [--need NEED] [--level LEVEL] [--phase PHASE] [--all] "
                         "[--format table|csv|json] | seed [--db URL]";

/* ---- collecting the rows ---- */

enum { NCOLS = 14 };
static const char *const heads[NCOLS] = {"id",     "name",       "level",    "level_basis",
                                         "phases", "needs",      "provider", "how_to_access",
                                         "cost",   "cost_text",  "evidence", "guide_section",
                                         "active", "description"};

typedef struct {
    or_arena *a;
    const char **cells;
    int n, cap;
} rows;

static or_code on_entry(void *ctx, const or_intervention *e, or_error *err)
{
    (void)err;
    rows *r = ctx;
    if (r->n == r->cap) { /* rows of NCOLS cells: OR_ARENA_GROW's steps, by hand */
        size_t cap = or_alloc_nr((size_t)r->cap, (size_t)r->n + 1);
        r->cells =
            or_arena_grow(r->a, r->cells, (size_t)r->cap * NCOLS, cap * NCOLS, sizeof *r->cells);
        r->cap = (int)cap;
    }
    or_sb phases = OR_SB_INIT, needs = OR_SB_INIT;
    or_iv_set_format(or_iv_phases, OR_IV_PHASE__N, e->phases, ";", &phases);
    or_iv_set_format(or_iv_needs, OR_IV_NEED__N, e->needs, ";", &needs);
    const char *v[NCOLS] = {e->id,
                            e->name,
                            or_iv_levels[e->level].id,
                            e->level_basis,
                            or_sb_str(&phases),
                            or_sb_str(&needs),
                            e->provider,
                            e->how_to_access,
                            or_iv_costs[e->cost].id,
                            e->cost_text,
                            e->evidence,
                            e->guide_section,
                            e->active ? "1" : "0",
                            e->description};
    for (int c = 0; c < NCOLS; c++)
        r->cells[r->n * NCOLS + c] = or_arena_strdup(r->a, v[c] ? v[c] : "");
    r->n++;
    or_sb_release(&phases);
    or_sb_release(&needs);
    return OR_OK;
}

/* The plain-text table: id, level, phases, needs, provider (cut to 40 characters). */
static void print_table(const rows *r)
{
    static const int show[] = {0, 2, 4, 5, 6};
    int width[5] = {0};
    for (int k = 0; k < 5; k++) {
        width[k] = (int)strlen(heads[show[k]]);
        for (int i = 0; i < r->n; i++) {
            int w = (int)strlen(r->cells[i * NCOLS + show[k]]);
            if (w > width[k])
                width[k] = w;
        }
        if (width[k] > 40)
            width[k] = 40;
    }
    for (int k = 0; k < 5; k++)
        printf("%-*s%s", width[k], heads[show[k]], k < 4 ? "  " : "\n");
    for (int i = 0; i < r->n; i++)
        for (int k = 0; k < 5; k++)
            printf("%-*.*s%s", width[k], width[k], r->cells[i * NCOLS + show[k]],
                   k < 4 ? "  " : "\n");
    printf("(%d %s)\n", r->n, r->n == 1 ? "entry" : "entries");
}

/* One term of a vocabulary, or an error naming the option and the terms allowed. */
static int term(const char *opt, const or_iv_term *terms, int n, const char *value, unsigned *set)
{
    int i = or_iv_find(terms, n, value);
    if (i < 0) {
        or_sb allowed = OR_SB_INIT;
        or_iv_set_format(terms, n, (1u << n) - 1u, ", ", &allowed);
        fprintf(stderr, "onroll interventions: --%s '%s' is not one of %s\n", opt, value,
                or_sb_str(&allowed));
        or_sb_release(&allowed);
        return 2;
    }
    *set = 1u << i;
    return 0;
}

static int seed(const char *db)
{
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    or_error err = {0};
    int added = 0;
    char by[64];
    snprintf(by, sizeof by, "cli:%s", cli_user());
    or_code rc = or_iv_seed_store(s, by, &added, &err);
    if (rc) {
        or_store_close(s);
        return cli_fail("interventions", &err);
    }
    if (added)
        printf("%s: interventions directory seeded with %d entries from the guide\n",
               or_store_name(s), added);
    else
        printf("%s: the interventions directory holds entries already; nothing added\n",
               or_store_name(s));
    or_store_close(s);
    return 0;
}

int cmd_interventions(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"need", required_argument, NULL, 'n'},
        {"level", required_argument, NULL, 'l'},  {"phase", required_argument, NULL, 'p'},
        {"format", required_argument, NULL, 'f'}, {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},         {0}};
    const char *db = NULL, *what = "list";
    or_iv_query q = {0};
    or_format fmt = OR_FMT_TABLE;
    int c, bad = 0;
    /* the subcommand may come first: "interventions seed --db X" */
    if (argc > 1 && argv[1][0] != '-') {
        what = argv[1];
        argc--;
        argv++;
    }
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1 && !bad) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'n':
            bad = term("need", or_iv_needs, OR_IV_NEED__N, optarg, &q.needs);
            break;
        case 'l':
            bad = term("level", or_iv_levels, OR_IV_LEVEL__N, optarg, &q.levels);
            break;
        case 'p':
            bad = term("phase", or_iv_phases, OR_IV_PHASE__N, optarg, &q.phases);
            break;
        case 'a':
            q.inactive = true;
            break;
        case 'f':
            if (!or_format_parse(optarg, &fmt)) {
                fprintf(stderr, "onroll interventions: --format '%s': table, csv or json\n",
                        optarg);
                bad = 2;
            }
            break;
        case 'h':
            printf("usage: onroll interventions %s\n", use);
            return 0;
        default:
            return cli_usage("interventions", use);
        }
    }
    if (bad)
        return bad;
    if (optind < argc)
        return cli_usage("interventions", use);
    if (!strcmp(what, "seed"))
        return q.needs || q.levels || q.phases || q.inactive ? cli_usage("interventions", use)
                                                             : seed(db);
    if (strcmp(what, "list"))
        return cli_usage("interventions", use);

    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_arena a = OR_ARENA_INIT;
    rows r = {&a, NULL, 0, 0};
    or_error err = {0};
    or_code rc = or_iv_search(s, &q, on_entry, &r, NULL, &err);
    if (!rc && fmt == OR_FMT_TABLE) {
        print_table(&r);
    } else if (!rc) {
        or_table t = {"Interventions directory", NCOLS, r.n, (const char **)heads, r.cells, NULL};
        rc = or_table_write(stdout, &t, fmt, &err);
    }
    or_arena_free(&a);
    or_store_close(s);
    return rc ? cli_fail("interventions", &err) : 0;
}
