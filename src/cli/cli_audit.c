/* cli_audit.c - reads on the command line are on the record, as on the web: before a command
 * shows anything of a pupil or rows naming pupils (explain, letter, export of pupil-level
 * kinds, duties and risk, unsuppressed reports), it writes one audit row as "cli:LOGIN" (the
 * operating-system account running it), role "cli", with the command line as typed. No row,
 * no output: the caller prints nothing when cli_audit fails. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "onroll/sb.h"
#include "onroll/store_audit.h"

static int saved_argc;
static char **saved_argv;

void cli_set_command_line(int argc, char **argv)
{
    saved_argc = argc;
    saved_argv = argv;
}

const char *cli_user(void)
{
    static char name[64];
    if (name[0])
        return name;
    const struct passwd *pw = getpwuid(geteuid());
    const char *who = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("LOGNAME");
    if (who && *who)
        snprintf(name, sizeof name, "%s", who);
    else
        snprintf(name, sizeof name, "uid %u", (unsigned)geteuid());
    return name;
}

/* The command line as typed, but for --db and its URL (which may hold a password). */
static void command_line(or_sb *out)
{
    or_sb_adds(out, "onroll");
    for (int i = 1; i < saved_argc; i++) {
        const char *a = saved_argv[i];
        if (!strcmp(a, "--db")) {
            i++;
            continue;
        }
        if (!strncmp(a, "--db=", 5))
            continue;
        bool quote = !*a || strpbrk(a, " \t'\"\\") != NULL;
        or_sb_addc(out, ' ');
        if (!quote) {
            or_sb_adds(out, a);
            continue;
        }
        or_sb_addc(out, '\'');
        for (const char *p = a; *p; p++)
            if (*p == '\'')
                or_sb_adds(out, "'\\''");
            else
                or_sb_addc(out, *p);
        or_sb_addc(out, '\'');
    }
}

or_code cli_audit(or_store *s, const char *db, const char *action, const char *object,
                  const char *upn, or_error *err)
{
    or_store *own = NULL;
    or_code rc = OR_OK;
    if (!s && !(rc = or_store_open(cli_db_url(db), &own, err)) &&
        !(rc = or_store_check_schema(own, err)))
        s = own;
    if (!rc) {
        char actor[96];
        snprintf(actor, sizeof actor, "cli:%s", cli_user());
        or_sb line = OR_SB_INIT;
        command_line(&line);
        or_audit_entry e = {.actor = actor,
                            .role = "cli",
                            .action = action,
                            .object = object,
                            .upn = upn,
                            .detail = or_sb_str(&line)};
        rc = or_audit_add(s, &e, err);
        or_sb_release(&line);
    }
    or_store_close(own);
    if (rc)
        or_error_prefix(err, "the audit log could not be written, so nothing is shown: ");
    return rc;
}
