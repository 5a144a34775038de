/* cmd_backup.c - `onroll backup FILE`: a consistent copy of the database while it is in use
 * (the server taking sign-ins and page reads, an import running): SQLite's online backup API
 * copies the records to FILE and the log database (audit log, sessions) to FILE-log as they
 * were at one moment. The copy holds every child's data, so it is written to the audit log
 * first (no row, no copy). On PostgreSQL it says to use pg_dump and exits 2. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* `onroll help backup`, `onroll backup --help` (cli.h, cli_help.c) */
static const cli_opt_doc backup_opts[] = {
    CLI_OPT_DB,
    {"FILE", "the copy: the records to FILE, the log database (audit log, sessions) to FILE-log; "
             "on PostgreSQL use pg_dump"},
    {NULL, NULL},
};
static const char *const backup_examples[] = {
    "onroll backup /backups/onroll-2026-12-08.db",
    NULL,
};
const cli_doc cmd_backup_doc = {"backup", "a consistent copy of the database while it is in use",
                                "[--db URL] FILE", backup_opts, backup_examples};

int cmd_backup(int argc, char **argv)
{
    const char *use = cmd_backup_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {0}};
    const char *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cli_usage("backup", use);
    }
    if (optind != argc - 1 || !*argv[optind])
        return cli_usage("backup", use);
    const char *path = argv[optind];
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_code rc = OR_OK;
    if (!strcmp(or_store_engine(s), "sqlite"))
        rc = cli_audit(s, db, "export", "backup", NULL, &err);
    if (!rc)
        rc = or_store_backup(s, path, &err);
    if (!rc)
        printf("%s copied to %s and %s-log\n", or_store_name(s), path, path);
    or_store_close(s);
    return rc ? cli_fail("backup", &err) : 0;
}
