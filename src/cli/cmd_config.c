/* cmd_config.c - `onroll config list | get KEY | set KEY VALUE`: the LA's thresholds and
 * deadlines (params.h), of which a statutory value may be made stricter, never weaker; and the
 * settings people fill once (settings.h): la.name, la.team_name, la.team_email, la.team_phone,
 * school.URN.head_teacher, .clerk_name, .clerk_email, .address. A setting is checked (an email
 * address, a UK telephone number, a school that exists) and written with its line in the audit
 * log in one transaction; an empty VALUE clears it. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "onroll/model.h"
#include "onroll/rules.h"
#include "onroll/store_settings.h"
#include "onroll/store_audit.h"

/* One setting as `list` shows it: the key, then the value on one line (an address's lines
 * joined with " / "). */
static or_code list_setting(void *ctx, const or_setting_row *r, or_error *err)
{
    (void)err;
    if (ctx == NULL && r->urn == 0 && r->set_by) /* the LA's are listed first */
        return OR_OK;
    char key[64];
    printf("%-35s ", or_setting_key(r->id, r->urn, key));
    for (const char *p = r->value; *p; p++)
        if (*p == '\n')
            fputs(" / ", stdout);
        else if (*p != '\r')
            putchar(*p);
    printf("\n");
    return OR_OK;
}

typedef struct {
    or_setting_id id;
    int urn;
    const char *value;
} get_ctx;

static or_code get_setting(void *ctx, const or_setting_row *r, or_error *err)
{
    (void)err;
    get_ctx *g = ctx;
    if (r->id == g->id && r->urn == (or_setting_is_school(g->id) ? g->urn : 0))
        g->value = strdup(r->value);
    return OR_OK;
}

/* `config get|set` of a setting (settings.h) rather than a threshold. */
static or_code setting(or_store *s, const char *db, bool set, const char *key, const char *value,
                       or_error *err)
{
    or_setting_id id;
    int urn;
    or_code rc = or_setting_parse_key(key, &id, &urn, err);
    if (rc)
        return rc;
    if (!set) {
        get_ctx g = {id, urn, NULL};
        if ((rc = or_settings_each(s, urn, get_setting, &g, err)))
            return rc;
        if (!g.value)
            return or_fail(err, OR_ENOTFOUND,
                           "%s is not set (set it with `onroll config set %s VALUE`)", key, key);
        printf("%s\n", g.value);
        free((char *)g.value);
        return OR_OK;
    }
    if ((rc = or_setting_check(id, value, err))) {
        if (urn)
            or_error_prefix(err, "school.%d.", urn);
        return rc;
    }
    if (urn) {
        int la;
        bool found = false;
        if ((rc = or_store_school_la(s, urn, &la, &found, err)))
            return rc;
        if (!found)
            return or_fail(err, OR_EINPUT,
                           "%s: there is no school with URN %d (import it in a schools file "
                           "first)",
                           key, urn);
    }
    if ((rc = or_store_begin(s, err)))
        return rc;
    rc = or_setting_set(s, id, urn, value, cli_user(), err);
    if (!rc)
        rc = cli_audit(s, db, "change", key, NULL, err);
    if (!rc)
        rc = or_store_commit(s, err);
    if (rc)
        or_store_rollback(s);
    else if (*value)
        printf("%s = %s\n", key, value);
    else
        printf("%s cleared\n", key);
    return rc;
}

/* `onroll help config`, `onroll config --help` (cli.h, cli_help.c) */
static const cli_opt_doc config_opts[] = {
    CLI_OPT_DB,
    {"list", "every setting with its value and default"},
    {"get KEY", "one setting's value"},
    {"set KEY VALUE", "change a setting; a statutory one may be made stricter, never weaker"},
    {"KEY la.*", "the LA's name and its exclusions team: la.name, la.team_name, la.team_email, "
                 "la.team_phone (docs/settings.md)"},
    {"KEY school.URN.*", "a school's head_teacher, clerk_name, clerk_email, address"},
    {NULL, NULL},
};
static const char *const config_examples[] = {
    "onroll config list",
    "onroll config set cap.days 40",
    "onroll config set la.name \"Kestrel Borough Council\"",
    "onroll config set school.100001.head_teacher \"Ms Asha Patel\"",
    NULL,
};
const cli_doc cmd_config_doc = {"config",
                                "the LA's thresholds and deadlines, and the settings letters use: "
                                "list, get or set",
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
    or_code rc = OR_OK;
    if (!list && (!strncmp(a[1], "la.", 3) || !strncmp(a[1], "school.", 7))) {
        rc = setting(s, db, set, a[1], set ? a[2] : NULL, &err);
        or_store_close(s);
        return rc ? cli_fail("config", &err) : 0;
    }
    rc = or_params_load(s, &p, &err);
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
        if (!rc && list) {
            printf("\nSettings (letters and reports; school.URN.KEY for a school's):\n");
            or_arena ar = OR_ARENA_INIT;
            or_settings la;
            rc = or_settings_load(s, 0, &ar, &la, &err);
            for (int i = 0; !rc && i < OR_SET_SCHOOL_FIRST; i++) /* the LA's, set or not */
                list_setting(NULL,
                             &(or_setting_row){(or_setting_id)i, 0, la.v[i] ? la.v[i] : "(not set)",
                                               NULL, NULL},
                             &err);
            or_arena_free(&ar);
            if (!rc)
                rc = or_settings_each(s, -1, list_setting, NULL, &err); /* schools' */
        }
    }
    or_store_close(s);
    return rc ? cli_fail("config", &err) : 0;
}
