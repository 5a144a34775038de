/* settings.c - the settings people fill once (settings.h): their definitions as data, reading a
 * key, checking a value, and the LA team's contact as a letter gives it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/invisible.h"
#include "onroll/kinds.h"
#include "onroll/settings.h"

static const or_setting_def defs[OR_SET__COUNT] = {
    {OR_SET_LA_NAME, "la.name", "Name of the local authority",
     "As the letters and the scrutiny report name it. For example, Kestrel Borough Council",
     "the local authority's name", OR_SETV_NAME, OR_SETTING_MAX},
    {OR_SET_LA_TEAM_NAME, "la.team_name", "Name of the exclusions team",
     "For example, Inclusion and Exclusions Team", "the exclusions team's name", OR_SETV_NAME,
     OR_SETTING_MAX},
    {OR_SET_LA_TEAM_EMAIL, "la.team_email", "Exclusions team's email address",
     "For example, exclusions@kestrel.gov.uk", "the exclusions team's email address", OR_SETV_EMAIL,
     254},
    {OR_SET_LA_TEAM_PHONE, "la.team_phone", "Exclusions team's telephone number",
     "A UK number, for example, 01632 960 000", "the exclusions team's telephone number",
     OR_SETV_PHONE, 40},
    {OR_SET_LA_CODE, "la.code", "The local authority's code",
     "The DfE's three-digit LA number, as in the published statistics. For example, 202",
     "the local authority's three-digit code", OR_SETV_LA_CODE, 40},
    {OR_SET_LA_REGION, "la.region", "The region's code",
     "As the DfE's published statistics give it. For example, E12000007 for London",
     "the region's code", OR_SETV_REGION, 40},
    {OR_SET_LA_NEIGHBOURS, "la.neighbours", "Statistical neighbours",
     "The three-digit codes of the local authorities the DfE lists as statistical neighbours, "
     "separated by commas. For example, 202, 204, 206",
     "the statistical neighbours' codes", OR_SETV_LA_CODES, OR_SETTING_MAX},
    {OR_SET_HEAD_TEACHER, "head_teacher", "Head teacher's name",
     "As it is signed on letters. For example, Ms A Patel", "the head teacher's name", OR_SETV_NAME,
     OR_SETTING_MAX},
    {OR_SET_CLERK_NAME, "clerk_name", "Name of the clerk to the governors",
     "Parents write to the clerk to make representations to the governing board",
     "the clerk to the governors' name", OR_SETV_NAME, OR_SETTING_MAX},
    {OR_SET_CLERK_EMAIL, "clerk_email", "Clerk to the governors' email address",
     "For example, clerk@oak.sch.uk", "the clerk to the governors' email address", OR_SETV_EMAIL,
     254},
    {OR_SET_ADDRESS, "address", "The school's address",
     "One line for each part of the address, with the postcode on the last line",
     "the school's address", OR_SETV_ADDRESS, OR_SETTING_ADDRESS_MAX},
    {OR_SET_SEN_NOTIONAL, "sen_notional", "SEN notional funding this year (£)",
     "Whole pounds, digits only. For example, 123456", "the SEN notional funding", OR_SETV_MONEY,
     10},
    {OR_SET_PUPIL_PREMIUM, "pupil_premium", "Pupil premium funding this year (£)",
     "Whole pounds, digits only. For example, 84000", "the pupil premium funding", OR_SETV_MONEY,
     10},
};

const or_setting_def *or_setting_def_at(or_setting_id id)
{
    return id >= 0 && id < OR_SET__COUNT ? &defs[id] : NULL;
}

bool or_setting_is_school(or_setting_id id)
{
    return id >= OR_SET_SCHOOL_FIRST && id < OR_SET__COUNT;
}

const char *or_setting_key(or_setting_id id, int urn, char buf[64])
{
    const or_setting_def *d = or_setting_def_at(id);
    if (!d)
        snprintf(buf, 64, "?");
    else if (or_setting_is_school(id))
        snprintf(buf, 64, "school.%d.%s", urn, d->key);
    else
        snprintf(buf, 64, "%s", d->key);
    return buf;
}

static or_code not_a_key(const char *key, or_error *err)
{
    return or_fail(err, OR_EINPUT,
                   "'%s' is not a setting (expected la.name, la.team_name, la.team_email, "
                   "la.team_phone, la.code, la.region, la.neighbours, or school.URN.head_teacher, "
                   ".clerk_name, .clerk_email or "
                   ".address, URN a school's six digits; see `onroll config list`)",
                   key ? key : "");
}

or_code or_setting_parse_key(const char *key, or_setting_id *id, int *urn, or_error *err)
{
    if (!key)
        return not_a_key(key, err);
    if (!strncmp(key, "la.", 3)) {
        for (int i = 0; i < OR_SET_SCHOOL_FIRST; i++)
            if (!strcmp(defs[i].key, key)) {
                *id = (or_setting_id)i;
                *urn = 0;
                return OR_OK;
            }
        return not_a_key(key, err);
    }
    if (strncmp(key, "school.", 7))
        return not_a_key(key, err);
    const char *u = key + 7;
    size_t digits = strspn(u, "0123456789");
    if (digits != 6 || u[6] != '.' || *u == '0')
        return not_a_key(key, err);
    for (int i = OR_SET_SCHOOL_FIRST; i < OR_SET__COUNT; i++)
        if (!strcmp(defs[i].key, u + 7)) {
            *id = (or_setting_id)i;
            *urn = atoi(u);
            return OR_OK;
        }
    return not_a_key(key, err);
}

/* A UK number: digits with spaces, hyphens, brackets; 0 then 9 or 10 more, or +44 then 9 or 10
 * (an optional "(0)" after +44 not counted). */
static bool phone_ok(const char *s)
{
    char digits[32];
    int n = 0;
    bool plus = false;
    const char *p = s + strspn(s, " ");
    if (*p == '+') {
        plus = true;
        p++;
    }
    if (plus && !strncmp(p, "44", 2)) {
        p += 2;
        const char *q = p + strspn(p, " ");
        if (!strncmp(q, "(0)", 3))
            p = q + 3;
    } else if (plus) {
        return false;
    }
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n >= (int)sizeof digits - 1)
                return false;
            digits[n++] = *p;
        } else if (!strchr(" -()", *p)) {
            return false;
        }
    }
    if (plus)
        return digits[0] != '0' && (n == 9 || n == 10);
    return n >= 10 && n <= 11 && digits[0] == '0';
}

/* One LA code: three digits, 100 to 999 (the DfE's numbers start at 201). */
static bool la_code_ok(const char *s, size_t len)
{
    return len == 3 && strspn(s, "0123456789") >= 3 && s[0] != '0';
}

or_code or_setting_la_codes(const char *value, int *codes, int max, int *n, or_error *err)
{
    *n = 0;
    const char *p = value ? value : "";
    while (*p) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, ",");
        size_t end = len;
        while (end && (p[end - 1] == ' ' || p[end - 1] == '\t'))
            end--;
        if (!la_code_ok(p, end))
            return or_fail(err, OR_EINPUT,
                           "'%.*s' is not a local authority code (expected three digits, such "
                           "as 202)",
                           (int)(end > 40 ? 40 : end), p);
        int code = atoi(p);
        for (int i = 0; i < *n; i++)
            if (codes[i] == code)
                return or_fail(err, OR_EINPUT, "%d is given twice", code);
        if (*n >= max)
            return or_fail(err, OR_EINPUT, "there are more than %d codes", max);
        codes[(*n)++] = code;
        p += len;
        if (*p == ',')
            p++;
    }
    return OR_OK;
}

or_code or_setting_check(or_setting_id id, const char *value, or_error *err)
{
    const or_setting_def *d = or_setting_def_at(id);
    if (!d)
        return or_fail(err, OR_EINPUT, "no such setting");
    if (!value || !*value)
        return OR_OK;
    const char *key = d->key;
    or_error e = {0};
    if (or_text_check(value, d->type == OR_SETV_ADDRESS, &e))
        return or_fail(err, OR_EINPUT, "%s: the value %s", key, e.msg);
    if ((int)strlen(value) > d->max)
        return or_fail(err, OR_EINPUT, "%s: the value is %zu bytes long; it may be at most %d", key,
                       strlen(value), d->max);
    if (strspn(value, " \t\r\n") == strlen(value))
        return or_fail(err, OR_EINPUT, "%s: '%s' is only spaces: enter %s, or nothing to clear it",
                       key, value, d->noun);
    if (d->type == OR_SETV_EMAIL) {
        static const or_column email = {"email", "email", OR_V_EMAIL, OR_COL_REQUIRED,
                                        NULL,    0,       0,          0};
        or_value v;
        if (or_value_parse(&email, value, OR_DATE_NONE, &v, &e))
            return or_fail(err, OR_EINPUT,
                           "%s: '%s' is not an email address (expected one such as "
                           "name@example.gov.uk)",
                           key, value);
    } else if (d->type == OR_SETV_PHONE && !phone_ok(value)) {
        return or_fail(err, OR_EINPUT,
                       "%s: '%s' is not a UK telephone number (expected 10 or 11 digits starting "
                       "0, such as 01632 960 000, or +44 and the number)",
                       key, value);
    } else if (d->type == OR_SETV_LA_CODE && !la_code_ok(value, strlen(value))) {
        return or_fail(err, OR_EINPUT,
                       "%s: '%s' is not a local authority code (expected three digits, such as "
                       "202)",
                       key, value);
    } else if (d->type == OR_SETV_REGION &&
               (strlen(value) != 9 || value[0] < 'A' || value[0] > 'Z' ||
                strspn(value + 1, "0123456789") != 8)) {
        return or_fail(err, OR_EINPUT,
                       "%s: '%s' is not a region's code (expected a letter and eight digits, "
                       "such as E12000007)",
                       key, value);
    } else if (d->type == OR_SETV_LA_CODES) {
        int codes[OR_SETTING_NEIGHBOURS], n;
        if (or_setting_la_codes(value, codes, OR_SETTING_NEIGHBOURS, &n, &e))
            return or_fail(err, OR_EINPUT, "%s: %s", key, e.msg);
    } else if (d->type == OR_SETV_MONEY && strspn(value, "0123456789") != strlen(value)) {
        return or_fail(err, OR_EINPUT,
                       "%s: '%s' is not an amount in whole pounds (expected digits only, such as "
                       "123456)",
                       key, value);
    } else if (d->type == OR_SETV_ADDRESS) {
        int lines = 1;
        for (const char *p = value; *p; p++)
            lines += *p == '\n' && p[1];
        if (lines > OR_SETTING_LINES)
            return or_fail(err, OR_EINPUT,
                           "%s: the address has %d lines; it may have at most %d "
                           "lines",
                           key, lines, OR_SETTING_LINES);
    }
    return OR_OK;
}

bool or_settings_has(const or_settings *s, or_setting_id id)
{
    return s && id >= 0 && id < OR_SET__COUNT && s->v[id] && *s->v[id];
}

const char *or_settings_la_contact(const or_settings *s, char *out, size_t size)
{
    out[0] = '\0';
    if (!or_settings_has(s, OR_SET_LA_TEAM_NAME) && !or_settings_has(s, OR_SET_LA_TEAM_EMAIL) &&
        !or_settings_has(s, OR_SET_LA_TEAM_PHONE))
        return out;
    size_t n = 0;
    /* the team's name, the LA's (only after the team's), the email, the telephone */
    static const or_setting_id order[] = {OR_SET_LA_TEAM_NAME, OR_SET_LA_NAME, OR_SET_LA_TEAM_EMAIL,
                                          OR_SET_LA_TEAM_PHONE};
    static const char *const fmt[] = {"%s%s", "%s%s", "%semail %s", "%stelephone %s"};
    for (int k = 0; k < 4; k++) {
        or_setting_id i = order[k];
        if (!or_settings_has(s, i))
            continue;
        if (i == OR_SET_LA_NAME && !or_settings_has(s, OR_SET_LA_TEAM_NAME))
            continue;
        int w = snprintf(out + n, size - n, fmt[k], n ? ", " : "", s->v[i]);
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
    return out;
}
