/* settings.h - what people fill in once and the letters and reports then use (issue 14 item 5):
 * the LA's name and its exclusions team's contact details, and each school's head teacher,
 * clerk to the governors and address. The settings are data (one table of definitions: key,
 * words, how the value is checked); the values live in the store (migration 013, store.h
 * or_store_setting_*), set with `onroll config set KEY VALUE` and on /admin/settings.
 *
 * Keys: the LA's are "la.name", "la.team_name", "la.team_email", "la.team_phone", "la.code",
 * "la.region" and "la.neighbours" (compare.h); a school's are
 * "school.URN.head_teacher", "school.URN.clerk_name", "school.URN.clerk_email",
 * "school.URN.address", "school.URN.sen_notional", "school.URN.pupil_premium" (URN the school's
 * six-digit reference number). Pure: no I/O. */
#ifndef ONROLL_SETTINGS_H
#define ONROLL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/error.h"

typedef enum {
    OR_SET_LA_NAME,
    OR_SET_LA_TEAM_NAME,
    OR_SET_LA_TEAM_EMAIL,
    OR_SET_LA_TEAM_PHONE,

    OR_SET_LA_CODE,       /* the DfE's three-digit (old) LA code: "999" */
    OR_SET_LA_REGION,     /* the region's code as the DfE's files give it: "E12000007" */
    OR_SET_LA_NEIGHBOURS, /* the statistical neighbours' LA codes: "202, 204, 206" */

    OR_SET_HEAD_TEACHER, /* the first of a school's */
    OR_SET_CLERK_NAME,
    OR_SET_CLERK_EMAIL,
    OR_SET_ADDRESS,
    OR_SET_SEN_NOTIONAL,  /* the school's SEN notional funding, whole pounds (vulnerability.h) */
    OR_SET_PUPIL_PREMIUM, /* the school's pupil premium funding, whole pounds */
    OR_SET__COUNT
} or_setting_id;

#define OR_SET_SCHOOL_FIRST OR_SET_HEAD_TEACHER

typedef enum {
    OR_SETV_NAME,    /* one line of text: a person's or a body's name */
    OR_SETV_EMAIL,   /* an email address */
    OR_SETV_PHONE,   /* a UK telephone number: 10 or 11 digits from 0, or +44 then 9 or 10 */
    OR_SETV_ADDRESS, /* lines of text (line breaks allowed), at most OR_SETTING_LINES lines */

    OR_SETV_LA_CODE,  /* three digits, 100 to 999 */
    OR_SETV_REGION,   /* an ONS area code: a capital letter and eight digits */
    OR_SETV_LA_CODES, /* three-digit LA codes separated by commas, each once, at most
                         OR_SETTING_NEIGHBOURS */
    OR_SETV_MONEY,    /* whole pounds: 1 to 10 digits */
} or_setting_type;

enum { OR_SETTING_MAX = 200, OR_SETTING_ADDRESS_MAX = 400, OR_SETTING_LINES = 6 };
enum { OR_SETTING_NEIGHBOURS = 20 }; /* the DfE publishes ten for each LA */

typedef struct {
    or_setting_id id;
    const char *key;   /* "la.name"; a school's: "head_teacher" (after "school.URN.") */
    const char *label; /* "Name of the local authority" */
    const char *hint;  /* "For example, Kestrel Borough Council" */
    const char *noun;  /* in sentences: "the head teacher's name" */
    or_setting_type type;
    int max; /* bytes */
} or_setting_def;

const or_setting_def *or_setting_def_at(or_setting_id id);
bool or_setting_is_school(or_setting_id id);

/* Read a key: "la.name" (*urn 0) or "school.100001.head_teacher" (*urn 100001). OR_EINPUT naming
 * the key and what was expected when it is no setting. */
or_code or_setting_parse_key(const char *key, or_setting_id *id, int *urn, or_error *err);
/* The key of a setting (of school urn for a school's) into buf (64 bytes). */
const char *or_setting_key(or_setting_id id, int urn, char buf[64]);

/* Check a value for a setting. "" is allowed (it clears the setting). A name: valid UTF-8 with
 * no control or invisible character, at most max bytes; an email: an email address; a phone: a
 * UK telephone number; an address: lines of text, at most OR_SETTING_LINES. The message names
 * the setting and the value: "la.team_email: 'exclusions.kestrel' is not an email address". */
or_code or_setting_check(or_setting_id id, const char *value, or_error *err);

/* The LA codes of a la.code or la.neighbours value ("202, 204,206") into codes[max]; *n of them.
 * OR_EINPUT naming the value that is not a three-digit code, or the one given twice. */
or_code or_setting_la_codes(const char *value, int *codes, int max, int *n, or_error *err);

/* The values of the LA's and of one school's settings, as the letters and reports use them
 * (NULL or "": not set). Borrowed strings. */
typedef struct {
    int urn; /* the school's (0: only the LA's are loaded) */
    const char *v[OR_SET__COUNT];
} or_settings;

/* Is setting id filled? */
bool or_settings_has(const or_settings *s, or_setting_id id);
/* The LA's exclusions team as a letter gives it: "Exclusions Team, Kestrel Borough Council, email
 * exclusions@kestrel.gov.uk, telephone 01632 960 000" (the parts set, in that order) into out
 * (size bytes); "" when neither the team's name nor a way to reach it is set. */
const char *or_settings_la_contact(const or_settings *s, char *out, size_t size);

#endif
