/* cmd_user.c - `onroll user`: accounts for the web application and the schools' API tokens.
 *
 *   onroll user add EMAIL --name NAME --role ROLE [--scope SCOPE] [--password-stdin]
 *   onroll user list
 *   onroll user disable EMAIL
 *   onroll user enable EMAIL
 *   onroll user reset EMAIL [--password-stdin]
 *   onroll user token URN [--revoke]
 *   onroll user totp EMAIL [--remove]
 *
 * Without --password-stdin a password is generated and printed once; with it, the first line
 * of standard input is the password (so it never appears in the process list or the shell's
 * history). A password must pass libpwquality's check (accounts.h or_password_check). `totp`
 * enrols the account in the second factor: a new secret, printed once as an otpauth:// URI and
 * in base32 for an authenticator app (enrolling again replaces it; --remove takes it away).
 * Every change is written to the audit log as done by cli:$USER. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/totp.h"
#include "onroll/upn.h"
#include "onroll/store_audit.h"
#include "onroll/store_signin.h"
#include "onroll/store_users.h"

/* `onroll help user`, `onroll user --help` (cli.h, cli_help.c) */
static const cli_opt_doc user_opts[] = {
    CLI_OPT_DB,
    {"--name NAME", "add: the person's name"},
    {"--role ROLE", "add: la_admin, la_officer, virtual_school, school, social_worker, "
                    "youth_justice, partner or analyst"},
    {"--scope SCOPE",
     "add: a school's URN for role school; reu, early_help, vsh or mash for role partner"},
    {"--password-stdin", "read the password from standard input (12 characters or more, not in "
                         "libpwquality's dictionary)"},
    {"--revoke", "token: revoke the school's API tokens"},
    {"--remove", "totp: remove the account's second factor"},
    {NULL, NULL},
};
static const char *const user_examples[] = {
    "onroll user add head@school.example --name \"A Head\" --role school --scope 100001",
    "onroll user token 100001",
    "onroll user totp officer@la.example",
    NULL,
};
const cli_doc cmd_user_doc = {
    "user", "web accounts, schools' API tokens and second factors",
    "add EMAIL --name NAME --role ROLE [--scope SCOPE] [--password-stdin]\nlist\ndisable|enable "
    "EMAIL\nreset EMAIL [--password-stdin]\ntoken URN [--revoke]\ntotp EMAIL [--remove]",
    user_opts, user_examples};

static const char *use_text =
    "add EMAIL --name NAME --role ROLE [--scope SCOPE] [--password-stdin]\n"
    "       onroll user list\n"
    "       onroll user disable|enable EMAIL\n"
    "       onroll user reset EMAIL [--password-stdin]\n"
    "       onroll user token URN [--revoke]\n"
    "       onroll user totp EMAIL [--remove]\n"
    "roles: la_admin la_officer virtual_school school (--scope URN) social_worker youth_justice\n"
    "       partner (--scope reu|early_help|vsh|mash) analyst";

static int usage(void)
{
    return cli_usage("user", use_text);
}

static void audit(or_store *s, const char *action, const char *object, const char *detail)
{
    char actor[96];
    snprintf(actor, sizeof actor, "cli:%s", cli_user());
    or_audit_entry e = {actor, 0, "cli", action, object, NULL, NULL, detail};
    or_error err = {0};
    if (or_audit_add(s, &e, &err))
        fprintf(stderr, "onroll user: warning: the audit log was not written: %s\n", err.msg);
}

/* The password: the first line of stdin, or a generated one (printed by the caller). */
static int get_password(bool from_stdin, char *buf, size_t size, bool *generated)
{
    *generated = false;
    if (!from_stdin) {
        or_password_generate(buf);
        *generated = true;
        return 0;
    }
    if (!fgets(buf, (int)size, stdin)) {
        fprintf(stderr, "onroll user: no password on standard input\n");
        return 1;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

static or_code print_user(void *ctx, const or_user *u, or_error *err)
{
    (void)ctx;
    (void)err;
    printf("%-40s %-15s %-10s %-9s %s%s\n", u->email, or_role_name(u->role),
           u->scope[0] ? u->scope : "-", u->disabled ? "disabled" : "active", u->name,
           u->totp ? " (second factor)" : "");
    return OR_OK;
}

static int user_add(or_store *s, int argc, char **argv)
{
    static const struct option opts[] = {{"name", required_argument, NULL, 'n'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"scope", required_argument, NULL, 's'},
                                         {"password-stdin", no_argument, NULL, 'p'},
                                         {0}};
    const char *name = NULL, *role = NULL, *scope = "";
    bool from_stdin = false;
    int c;
    optind = 0; /* GNU getopt: start afresh */
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'n')
            name = optarg;
        else if (c == 'r')
            role = optarg;
        else if (c == 's')
            scope = optarg;
        else if (c == 'p')
            from_stdin = true;
        else
            return usage();
    }
    if (optind != argc - 1 || !name || !role)
        return usage();
    int r = or_role_parse(role);
    if (r < 0) {
        fprintf(stderr, "onroll user: '%s' is not a role\n", role);
        return usage();
    }
    or_user u = {.role = (or_role)r};
    snprintf(u.email, sizeof u.email, "%s", argv[optind]);
    snprintf(u.scope, sizeof u.scope, "%s", scope);
    or_error err = {0};
    if (strlen(argv[optind]) > OR_EMAIL_MAX || strlen(scope) > OR_SCOPE_MAX ||
        strlen(name) > OR_NAME_MAX) {
        or_fail(&err, OR_EINPUT, "the email, name or scope is too long");
        return cli_fail("user", &err);
    }
    snprintf(u.name, sizeof u.name, "%s", name);
    if (u.role == OR_ROLE_SCHOOL) { /* the school must exist */
        int urn = 0, la = 0;
        bool found = false;
        if (!or_urn_validate(scope, &urn, NULL) &&
            (or_store_school_la(s, urn, &la, &found, &err) || !found)) {
            if (!found)
                or_fail(&err, OR_EINPUT, "%s is not a known school: import the schools first",
                        scope);
            return cli_fail("user", &err);
        }
    }
    char password[OR_PASSWORD_MAX + 2];
    bool generated;
    if (get_password(from_stdin, password, sizeof password, &generated))
        return 1;
    if (or_user_add(s, &u, password, &err))
        return cli_fail("user", &err);
    char detail[128];
    snprintf(detail, sizeof detail, "role %s%s%s", or_role_name(u.role),
             u.scope[0] ? " scope " : "", u.scope);
    audit(s, "user.add", u.email, detail);
    printf("added %s (%s%s%s)\n", u.email, or_role_name(u.role), u.scope[0] ? " " : "", u.scope);
    if (generated)
        printf("password: %s\n", password);
    return 0;
}

/* onroll user totp EMAIL [--remove] */
static int user_totp(or_store *s, int argc, char **argv)
{
    bool remove = argc == 4 && !strcmp(argv[3], "--remove");
    if (argc != 3 && !remove)
        return usage();
    or_error err = {0};
    char email[OR_EMAIL_MAX + 1], secret[OR_TOTP_SECRET_MAX + 1] = "";
    if (or_user_email(argv[2], email, &err) || (!remove && or_totp_secret_new(secret, &err)) ||
        or_user_totp_set(s, email, remove ? NULL : secret, &err))
        return cli_fail("user", &err);
    audit(s, remove ? "user.totp_remove" : "user.totp", email, NULL);
    if (remove) {
        printf("second factor removed for %s\n", email);
        return 0;
    }
    or_sb uri = OR_SB_INIT;
    or_totp_uri("onroll", email, secret, &uri);
    printf("second factor set up for %s\n%s\nsecret: %s\n", email, or_sb_str(&uri), secret);
    fprintf(stderr,
            "onroll: give this to %s for an authenticator app (the otpauth:// address as a "
            "QR code, or the secret typed in): it is shown only now\n",
            email);
    or_sb_release(&uri);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *sub = argv[1];
    bool known = !strcmp(sub, "add") || !strcmp(sub, "list") || !strcmp(sub, "disable") ||
                 !strcmp(sub, "enable") || !strcmp(sub, "reset") || !strcmp(sub, "token") ||
                 !strcmp(sub, "totp");
    if (!known)
        return usage();
    or_store *s = cli_open(NULL);
    if (!s)
        return 1;
    or_error err = {0};
    int rc = 0;
    if (!strcmp(sub, "add")) {
        rc = user_add(s, argc - 1, argv + 1);
    } else if (!strcmp(sub, "list")) {
        if (argc != 2)
            rc = usage();
        else if (or_user_each(s, print_user, NULL, &err))
            rc = cli_fail("user", &err);
    } else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
        bool off = !strcmp(sub, "disable");
        if (argc != 3)
            rc = usage();
        else if (or_user_set_disabled(s, argv[2], off, &err))
            rc = cli_fail("user", &err);
        else {
            audit(s, off ? "user.disable" : "user.enable", argv[2], NULL);
            printf("%s %s\n", off ? "disabled" : "enabled", argv[2]);
        }
    } else if (!strcmp(sub, "reset")) {
        bool from_stdin = argc == 4 && !strcmp(argv[3], "--password-stdin");
        char password[OR_PASSWORD_MAX + 2];
        bool generated = false;
        if (argc != 3 && !from_stdin)
            rc = usage();
        else if ((rc = get_password(from_stdin, password, sizeof password, &generated)))
            ;
        else if (or_user_set_password(s, argv[2], password, &err))
            rc = cli_fail("user", &err);
        else {
            audit(s, "user.reset", argv[2], NULL);
            printf("new password set for %s (signed out everywhere)\n", argv[2]);
            if (generated)
                printf("password: %s\n", password);
        }
    } else if (!strcmp(sub, "totp")) {
        rc = user_totp(s, argc, argv);
    } else { /* token */
        int urn = 0;
        bool revoke = argc == 4 && !strcmp(argv[3], "--revoke");
        char actor[96];
        snprintf(actor, sizeof actor, "cli:%s", cli_user());
        if ((argc != 3 && !revoke) || or_urn_validate(argv[2], &urn, &err)) {
            rc = usage();
        } else if (revoke) {
            int64_t n = 0;
            if (or_api_tokens_revoke(s, urn, &n, &err))
                rc = cli_fail("user", &err);
            else {
                audit(s, "token.revoke", argv[2], NULL);
                printf("revoked %lld token%s of school %d\n", (long long)n, n == 1 ? "" : "s", urn);
            }
        } else {
            char token[OR_TOKEN_LEN + 5];
            if (or_api_token_create(s, urn, actor, token, &err))
                rc = cli_fail("user", &err);
            else {
                audit(s, "token.add", argv[2], NULL);
                printf("%s\n", token);
                fprintf(stderr,
                        "onroll: a new API token for school %d: it is shown only now; "
                        "onroll keeps only its hash\n",
                        urn);
            }
        }
    }
    or_store_close(s);
    return rc;
}
