/* cmd_restore.c - `onroll restore FILE`: fill a new database (--db, with no tables) from a copy
 * made by `onroll backup` (FILE and FILE-log), then bring it up to this onroll's schema and
 * write the restore to its audit log. A database that has any table is refused: a restore
 * never overwrites one in use. On PostgreSQL it says to use pg_restore and exits 2. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"

/* `onroll help restore`, `onroll restore --help` (cli.h, cli_help.c) */
static const cli_opt_doc restore_opts[] = {
    CLI_OPT_DB,
    {"FILE", "the backup (FILE and FILE-log); the database --db names must have no tables yet"},
    {NULL, NULL},
};
static const char *const restore_examples[] = {
    "onroll restore --db new.db /backups/onroll-2026-12-08.db",
    NULL,
};
const cli_doc cmd_restore_doc = {"restore", "fill a new database from a backup", "[--db URL] FILE",
                                 restore_opts, restore_examples};

int cmd_restore(int argc, char **argv)
{
    const char *use = cmd_restore_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {0}};
    const char *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cli_usage("restore", use);
    }
    if (optind != argc - 1 || !*argv[optind])
        return cli_usage("restore", use);
    const char *path = argv[optind];
    or_store *s = NULL;
    or_error err = {0};
    or_code rc = or_store_open(cli_db_url(db), &s, &err);
    if (!rc)
        rc = or_store_restore(s, path, &err);
    if (!rc)
        rc = or_store_migrate(s, NULL, &err);
    if (!rc)
        rc = cli_audit(s, db, "restore", path, NULL, &err);
    if (!rc)
        printf("%s restored from %s and %s-log\n", or_store_name(s), path, path);
    or_store_close(s);
    return rc ? cli_fail("restore", &err) : 0;
}
