/* accounts.c - who a user is, without the store (accounts.h): the roles, the scope each
 * takes, and the checks of an account's email address and name. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "onroll/accounts.h"
#include "onroll/kinds.h"
#include "onroll/upn.h"

/* ---- roles ---- */

static const struct {
    const char *name, *label;
} roles[OR_ROLE__COUNT] = {
    [OR_ROLE_LA_ADMIN] = {"la_admin", "LA administrator"},
    [OR_ROLE_LA_OFFICER] = {"la_officer", "LA inclusion officer"},
    [OR_ROLE_VIRTUAL_SCHOOL] = {"virtual_school", "Virtual School"},
    [OR_ROLE_SCHOOL] = {"school", "School"},
    [OR_ROLE_SOCIAL_WORKER] = {"social_worker", "Social worker"},
    [OR_ROLE_YOUTH_JUSTICE] = {"youth_justice", "Youth justice worker"},
    [OR_ROLE_PARTNER] = {"partner", "Partner service"},
    [OR_ROLE_ANALYST] = {"analyst", "Analyst"},
};

const char *or_role_name(or_role r)
{
    return (unsigned)r < OR_ROLE__COUNT ? roles[r].name : "?";
}

const char *or_role_label(or_role r)
{
    return (unsigned)r < OR_ROLE__COUNT ? roles[r].label : "?";
}

int or_role_parse(const char *name)
{
    for (int r = 0; r < OR_ROLE__COUNT; r++)
        if (name && !strcmp(name, roles[r].name))
            return r;
    return -1;
}

or_code or_role_check_scope(or_role r, const char *scope, or_error *err)
{
    bool has = scope && *scope;
    switch (r) {
    case OR_ROLE_SCHOOL: {
        int urn;
        if (!has || or_urn_validate(scope, &urn, NULL))
            return or_fail(err, OR_EINPUT,
                           "a school account needs --scope URN (the school's 6-digit URN)");
        return OR_OK;
    }
    case OR_ROLE_PARTNER:
        if (!has || (strcmp(scope, "reu") && strcmp(scope, "early_help") && strcmp(scope, "vsh") &&
                     strcmp(scope, "mash") && strcmp(scope, "panel")))
            return or_fail(err, OR_EINPUT,
                           "a partner account needs --scope reu, early_help, vsh (the caseload "
                           "role of the pupils referred to it) or mash (the permanently excluded "
                           "children, whose safeguarding it assesses) or panel (the children "
                           "referred to the multi-agency panel)");
        return OR_OK;
    default:
        if (has)
            return or_fail(err, OR_EINPUT, "a %s account takes no scope (got '%s')",
                           or_role_name(r), scope);
        return OR_OK;
    }
}

void or_ascii_lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

or_code or_user_email(const char *in, char out[OR_EMAIL_MAX + 1], or_error *err)
{
    static const or_column email = {"email", "email", OR_V_EMAIL, OR_COL_REQUIRED, NULL, 0, 0, 0};
    or_value v;
    or_error e = {0};
    if (!in || !*in)
        return or_fail(err, OR_EINPUT, "enter an email address");
    if (strlen(in) > OR_EMAIL_MAX)
        return or_fail(err, OR_EINPUT, "an email address has at most %d characters", OR_EMAIL_MAX);
    if (or_value_parse(&email, in, OR_DATE_NONE, &v, &e))
        return or_fail(err, OR_EINPUT, "%s", e.msg);
    snprintf(out, OR_EMAIL_MAX + 1, "%s", in);
    or_ascii_lower(out);
    return OR_OK;
}

or_code or_user_check_name(const char *name, or_error *err)
{
    if (!name || !*name)
        return or_fail(err, OR_EINPUT, "enter the person's name");
    if (strlen(name) > OR_NAME_MAX)
        return or_fail(err, OR_EINPUT, "a name has at most %d bytes", OR_NAME_MAX);
    if (!or_utf8_valid(name, false))
        return or_fail(err, OR_EINPUT, "the name is not valid UTF-8 text");
    return OR_OK;
}
