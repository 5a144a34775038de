/* accounts.h - who a user is, without the store: the roles and the scope each takes, an
 * account's fields and the checks of its email address, name and password. Pure functions
 * (src/core/accounts.c, src/core/password.c); the accounts' SQL is store_users.h. */
#ifndef ONROLL_ACCOUNTS_H
#define ONROLL_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/error.h"

/* ---- roles ---- */

/* Who a user is, which decides what they may see (PRODUCT.md "Users"). */
typedef enum {
    OR_ROLE_LA_ADMIN,       /* accounts, audit log, everything an LA officer sees */
    OR_ROLE_LA_OFFICER,     /* the whole LA: every school, every pupil */
    OR_ROLE_VIRTUAL_SCHOOL, /* looked-after, previously looked-after, with a social worker */
    OR_ROLE_SCHOOL,         /* one school's pupils (scope = its URN) */
    OR_ROLE_SOCIAL_WORKER,  /* the pupils on their own caseload */
    OR_ROLE_YOUTH_JUSTICE,  /* the pupils on their own caseload */
    OR_ROLE_PARTNER,        /* a partner service's referrals (scope = caseload role, e.g. reu) */
    OR_ROLE_ANALYST,        /* aggregated, suppressed figures only: no pupil record */
    OR_ROLE__COUNT
} or_role;

const char *or_role_name(or_role r);  /* "la_admin" ... */
const char *or_role_label(or_role r); /* "LA administrator" ... */
int or_role_parse(const char *name);  /* or -1 */
/* Check that scope fits the role: school -> a URN; partner -> a caseload role other than
 * social_worker and youth_justice (reu, early_help, vsh); every other role -> no scope. */
or_code or_role_check_scope(or_role r, const char *scope, or_error *err);

/* ---- accounts ---- */

enum {
    OR_EMAIL_MAX = 254,
    OR_NAME_MAX = 200,
    OR_SCOPE_MAX = 31,
    OR_PASSWORD_MIN = 12,
    OR_PASSWORD_MAX = 1024,
    OR_TOKEN_LEN = 43, /* 32 random bytes, base64url without padding */
};

typedef struct {
    int64_t id;
    char email[OR_EMAIL_MAX + 1]; /* stored in lower case */
    char name[OR_NAME_MAX + 1];
    or_role role;
    char scope[OR_SCOPE_MAX + 1]; /* "" when the role has none */
    bool disabled;
    bool totp; /* enrolled in the second factor (filled by or_user_find, _verify, _each) */
    char created_at[32];
} or_user;

/* ASCII letters of s to lower case, in place (an email address is kept so). */
void or_ascii_lower(char *s);
/* Normalise an email address for an account (lower case) into out; OR_EINPUT if it is not one. */
or_code or_user_email(const char *in, char out[OR_EMAIL_MAX + 1], or_error *err);
/* A display name: valid UTF-8 text, 1 to OR_NAME_MAX bytes, no control characters. */
or_code or_user_check_name(const char *name, or_error *err);
/* A password strong enough for the account of email (may be NULL): libpwquality with its
 * dictionary check, at least OR_PASSWORD_MIN characters, not the email's name; OR_EINPUT with
 * libpwquality's reason ("The password is shorter than 12 characters") if not (password.c). */
or_code or_password_check(const char *password, const char *email, or_error *err);
/* A new random password of 20 letters and digits in four groups ("abcd-efgh-..."), one that
 * or_password_check accepts. */
void or_password_generate(char out[32]);

#endif
