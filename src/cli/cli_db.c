/* cli_db.c - which database a command uses (--db, else $ONROLL_DB, else ./onroll.db), and
 * opening it: below main.c and every command, so that they all call down to it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

const char *cli_db_url(const char *flag)
{
    if (flag && *flag)
        return flag;
    const char *env = getenv("ONROLL_DB");
    return env && *env ? env : "onroll.db";
}

static or_store *open_store(const char *flag, bool migrate)
{
    or_store *s = NULL;
    or_error err = {0};
    const char *url = cli_db_url(flag);
    if (or_store_open(url, &s, &err) ||
        (migrate ? or_store_migrate(s, NULL, &err) : or_store_check_schema(s, &err))) {
        fprintf(stderr, "onroll: %s\n", err.msg);
        or_store_close(s);
        return NULL;
    }
    return s;
}

or_store *cli_open(const char *flag)
{
    return open_store(flag, true);
}

or_store *cli_open_readonly(const char *flag)
{
    return open_store(flag, false);
}
