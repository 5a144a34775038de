/* store_settings.h - the settings of settings.h in the store (migration 013; SQL in
 * src/store/settings.c): read one school's with the LA's, list them all, set or clear one. */
#ifndef ONROLL_STORE_SETTINGS_H
#define ONROLL_STORE_SETTINGS_H

#include "onroll/arena.h"
#include "onroll/settings.h"
#include "onroll/store.h"

/* The LA's settings and, when urn > 0, school urn's, into out (strings in a). Unset: NULL. */
or_code or_settings_load(or_store *s, int urn, or_arena *a, or_settings *out, or_error *err);

typedef struct {
    or_setting_id id;
    int urn; /* 0: the LA's */
    const char *value, *set_by, *set_at;
} or_setting_row;
typedef or_code (*or_setting_cb)(void *ctx, const or_setting_row *r, or_error *err);
/* Every setting stored (urn -1), or the LA's and one school's (urn > 0), or the LA's (0): the
 * LA's first, then by URN, each in the order of settings.h. */
or_code or_settings_each(or_store *s, int urn, or_setting_cb cb, void *ctx, or_error *err);

/* Set setting id (of school urn for a school's) to value, checked with or_setting_check; ""
 * clears it. The caller holds the transaction and writes the audit line in it. */
or_code or_setting_set(or_store *s, or_setting_id id, int urn, const char *value, const char *user,
                       or_error *err);

#endif
