/* cmd_instruments.c - `onroll instruments`: the self-evaluation instruments (instruments.h):
 * the seeds compiled in and the LA's versions stored in the database (store_instruments.h).
 *
 *   onroll instruments [list] [--format table|csv|json]   each instrument's id, version, title,
 *                                                          sections and items (every version)
 *   onroll instruments export ID [--version N]             one version as JSON (instrument_json.h;
 *                                                          the newest when no --version)
 *   onroll instruments import FILE.json                    the file as the next version of its id
 *                                                          (one transaction, audited; a bad file
 *                                                          refused with the JSON path)
 *   onroll instruments rename-area ID AREA NAME [--db URL]  the LA's name for a placeholder area
 *                                                          (one the source does not name; audited)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/instrument_json.h"
#include "onroll/instruments.h"
#include "onroll/report.h"
#include "onroll/reviews.h"
#include "onroll/store_instruments.h"

static const cli_opt_doc instruments_opts[] = {
    CLI_OPT_DB,
    {"export ID", "one instrument's version as JSON (the newest unless --version)"},
    {"--version N", "with export: that version"},
    {"import FILE.json", "the file as the next version of its instrument (a new id: version 1)"},
    {"rename-area ID AREA NAME", "name a placeholder area (one the source does not name)"},
    {"--format table|csv|json", "table (default), csv or json"},
    {NULL, NULL},
};
static const char *const instruments_examples[] = {
    "onroll instruments --format csv",
    "onroll instruments export wellbeing-audit >wellbeing.json",
    "onroll instruments import wellbeing.json",
    "onroll instruments rename-area wellbeing-audit 6 \"Staff wellbeing\"",
    NULL,
};
const cli_doc cmd_instruments_doc = {
    "instruments", "the self-evaluation instruments reviews are made on",
    "[list] [--format table|csv|json]\nexport ID [--version N]\nimport FILE.json\n"
    "rename-area ID AREA NAME [--db URL]",
    instruments_opts, instruments_examples};

static const char *use = "[list] [--format table|csv|json] | export ID [--version N] | import "
                         "FILE.json | rename-area ID AREA NAME [--db URL]";

static int rename_area(const char *db, const char *id, const char *area_s, const char *name)
{
    char *end = NULL;
    long area = strtol(area_s, &end, 10);
    if (!*area_s || *end) {
        fprintf(stderr, "onroll instruments: area '%s' is not a number\n", area_s);
        return 2;
    }
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_instrument_set set;
    const or_instrument *in = NULL;
    if (or_instruments_load(s, &a, &set, &err) || !(in = or_instrument_set_find(&set, id, 0))) {
        if (!err.msg[0])
            fprintf(stderr,
                    "onroll instruments: '%s' is not an instrument (see onroll instruments)\n", id);
        or_store_close(s);
        or_arena_free(&a);
        return err.msg[0] ? cli_fail("instruments", &err) : 2;
    }
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
    or_arena_free(&a);
    return rc ? cli_fail("instruments", &err) : 0;
}

static int export_one(const char *db, const char *id, int version)
{
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_instrument_set set;
    const or_instrument *in = NULL;
    char *json = NULL;
    or_code rc = or_instruments_load(s, &a, &set, &err);
    if (!rc && !(in = or_instrument_set_find(&set, id, version)))
        rc = version ? or_fail(&err, OR_ENOTFOUND,
                               "'%s' has no version %d (see onroll instruments)", id, version)
                     : or_fail(&err, OR_ENOTFOUND,
                               "'%s' is not an instrument (see onroll instruments)", id);
    if (!rc)
        rc = or_instrument_to_json(in, &a, &json, &err);
    if (!rc)
        printf("%s\n", json);
    or_store_close(s);
    or_arena_free(&a);
    return rc ? cli_fail("instruments", &err) : 0;
}

/* The file's bytes in arena a (at most 4 MB) */
static or_code read_all(const char *path, or_arena *a, char **out, size_t *len, or_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot be opened", path);
    enum { MAX = 4 << 20 };
    char *buf = or_arena_alloc(a, MAX + 1);
    size_t n = fread(buf, 1, MAX + 1, f);
    bool failed = ferror(f);
    fclose(f);
    if (failed)
        return or_fail(err, OR_EIO, "%s: cannot be read", path);
    if (n > MAX)
        return or_fail(err, OR_EINPUT, "%s: is larger than 4 MB", path);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return OR_OK;
}

static int import_one(const char *db, const char *path)
{
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    char *text = NULL;
    size_t len = 0;
    or_instrument in;
    or_code rc = read_all(path, &a, &text, &len, &err);
    if (!rc && (rc = or_instrument_from_json(text, len, &a, &in, &err)))
        or_error_prefix(&err, "%s: ", path);
    if (rc) {
        or_arena_free(&a);
        return cli_fail("instruments", &err);
    }
    or_store *s = cli_open(db);
    if (!s) {
        or_arena_free(&a);
        return 1;
    }
    char by[64];
    snprintf(by, sizeof by, "cli:%s", cli_user());
    or_instrument_set set;
    rc = or_store_begin(s, &err);
    if (!rc)
        rc = or_instruments_load(s, &a, &set, &err);
    if (!rc) {
        in.version = or_instrument_set_next_version(&set, in.id);
        rc = or_instrument_version_put(s, &set, &in, by, &err);
    }
    if (!rc)
        rc = cli_audit(s, db, "change",
                       or_arena_printf(&a, "instrument %s version %d imported", in.id, in.version),
                       NULL, &err);
    if (!rc)
        rc = or_store_commit(s, &err);
    if (rc)
        or_store_rollback(s);
    else
        printf("%s version %d: imported (%d areas, %d items)\n", in.id, in.version, in.nsections,
               or_instrument_items(&in));
    or_store_close(s);
    or_arena_free(&a);
    return rc ? cli_fail("instruments", &err) : 0;
}

enum { NCOLS = 5 };

/* Every version of every instrument: the seeds and the stored ones */
static int list(const char *db, or_format fmt)
{
    static const char *heads[NCOLS] = {"id", "version", "title", "sections", "items"};
    static const bool numeric[NCOLS] = {false, true, false, true, true};
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_instrument_set set;
    or_code rc = or_instruments_load(s, &a, &set, &err);
    or_store_close(s);
    if (rc) {
        or_arena_free(&a);
        return cli_fail("instruments", &err);
    }
    const char **cells = or_arena_calloc(&a, (size_t)set.n * NCOLS + 1, sizeof *cells);
    for (int i = 0; i < set.n; i++) {
        const or_instrument *in = set.all[i];
        const char *row[NCOLS] = {in->id, or_arena_printf(&a, "%d", in->version), in->title,
                                  or_arena_printf(&a, "%d", in->nsections),
                                  or_arena_printf(&a, "%d", or_instrument_items(in))};
        memcpy(&cells[i * NCOLS], row, sizeof row);
    }
    or_table t = {"Self-evaluation instruments", NCOLS, set.n, heads, cells, numeric};
    rc = fmt == OR_FMT_TABLE ? or_table_text(stdout, &t, &err)
                             : or_table_write(stdout, &t, fmt, &err);
    or_arena_free(&a);
    return rc ? cli_fail("instruments", &err) : 0;
}

int cmd_instruments(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"db", required_argument, NULL, 'd'},
                                         {"version", required_argument, NULL, 'v'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    or_format fmt = OR_FMT_TABLE;
    const char *db = NULL, *what = "list";
    int c, version = 0;
    if (argc > 1 && argv[1][0] != '-') {
        what = argv[1];
        if (strcmp(what, "list") && strcmp(what, "rename-area") && strcmp(what, "export") &&
            strcmp(what, "import"))
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
        case 'v': {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || v > 1000000) {
                fprintf(stderr, "onroll instruments: --version '%s': a version (1, 2, ...)\n",
                        optarg);
                return 2;
            }
            version = (int)v;
            break;
        }
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
    if (!strcmp(what, "export"))
        return argc - optind == 1 ? export_one(db, argv[optind], version)
                                  : cli_usage("instruments", use);
    if (!strcmp(what, "import"))
        return argc - optind == 1 ? import_one(db, argv[optind]) : cli_usage("instruments", use);
    if (optind < argc || version)
        return cli_usage("instruments", use);
    return list(db, fmt);
}
