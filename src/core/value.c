/* value.c - validating one CSV cell against its column's declared type, and writing it back.
 * Every message says what the value is and what was expected; the caller adds where it was
 * (file, line, column). Strings in a parsed value point into the caller's text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "onroll/csvout.h"
#include "onroll/invisible.h"
#include "onroll/kinds.h"
#include "onroll/rule_ids.h"
#include "onroll/upn.h"

bool or_utf8_valid(const char *s, bool allow_newlines)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        long cp = or_utf8_next(&p);
        if (cp < 0 ||
            (cp < 0x20 && !(allow_newlines && (cp == '\n' || cp == '\r' || cp == '\t'))) ||
            cp == 0x7f)
            return false;
    }
    return true;
}

bool or_column_is_text(const or_column *c)
{
    switch (c->type) {
    case OR_V_INT:
    case OR_V_DATE:
    case OR_V_BOOL:
    case OR_V_URN:
    case OR_V_LAESTAB:
    case OR_V_SCOPE:
    case OR_V_STAT:
        return false;
    default:
        return true;
    }
}

/* Every string of a JSON value (keys too) is free text: no control or invisible characters. */
static or_code json_text_check(json_t *j, const char *key, or_error *err)
{
    or_error e = {0};
    if (json_is_string(j)) {
        if (or_text_check(json_string_value(j), true, &e))
            return key ? or_fail(err, OR_EINPUT, "the text of \"%s\" %s", key, e.msg)
                       : or_fail(err, OR_EINPUT, "a text %s", e.msg);
    } else if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v)
        {
            if (or_text_check(k, false, &e))
                return or_fail(err, OR_EINPUT, "a name %s", e.msg);
            if (json_text_check(v, k, err))
                return OR_EINPUT;
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
        {
            if (json_text_check(v, key, err))
                return OR_EINPUT;
        }
    }
    return OR_OK;
}

static or_code parse_int(const char *text, int64_t lo, int64_t hi, int64_t *out, or_error *err)
{
    const char *p = text;
    if (*p == '-')
        p++;
    if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 18)
        return or_fail(err, OR_EINPUT, "'%s' is not a whole number (expected %lld to %lld)", text,
                       (long long)lo, (long long)hi);
    errno = 0;
    long long v = strtoll(text, NULL, 10);
    if (errno || v < lo || v > hi)
        return or_fail(err, OR_EINPUT, "%s is out of range (expected %lld to %lld)", text,
                       (long long)lo, (long long)hi);
    *out = v;
    return OR_OK;
}

static void vocab_list(const char *const *v, or_sb *sb)
{
    for (int i = 0; v[i]; i++) {
        if (i)
            or_sb_adds(sb, "|");
        or_sb_adds(sb, v[i]);
    }
}

static or_code parse_code(or_codeset cs, const char *text, or_date on, or_error *err)
{
    if (or_code_find(cs, text, on))
        return OR_OK;
    or_sb allowed = OR_SB_INIT;
    or_codeset_allowed(cs, on, &allowed);
    char when[11] = "";
    if (on != OR_DATE_NONE)
        or_date_format(on, when);
    const char *why = or_code_unconfirmed(cs, text)
                          ? " (it is not confirmed by any DfE source, so it is not accepted)"
                      : or_code_find(cs, text, OR_DATE_NONE) ? " (it is valid at other dates)"
                                                             : "";
    or_fail(err, OR_EINPUT, "'%s' is not a valid %s code%s%s%s; allowed: %s", text,
            or_codeset_name(cs), on != OR_DATE_NONE ? " on " : "", when, why, or_sb_str(&allowed));
    or_sb_release(&allowed);
    return OR_EINPUT;
}

static or_code parse_reasons(const char *text, or_date on, or_error *err)
{
    /* DOMAIN.md §1: up to three reasons from 1 Sep 2020, one before */
    int max = (on == OR_DATE_NONE || on >= or_date_from_ymd(2020, 9, 1)) ? 3 : 1;
    int n = 0;
    const char *p = text;
    char code[8];
    for (;;) {
        size_t len = strcspn(p, ";");
        if (len == 0 || len >= sizeof code)
            return or_fail(err, OR_EINPUT,
                           "'%s' is not a list of reason codes (expected 1 to %d census codes "
                           "separated by ';', e.g. DB;VA)",
                           text, max);
        memcpy(code, p, len);
        code[len] = '\0';
        for (const char *q = text; q < p; q += strcspn(q, ";") + 1)
            if (strncmp(q, code, len) == 0 && (q[len] == ';' || !q[len]))
                return or_fail(err, OR_EINPUT, "reason '%s' is given twice in '%s'", code, text);
        or_code rc = parse_code(OR_CS_EXCL_REASON, code, on, err);
        if (rc)
            return rc;
        n++;
        if (!p[len])
            break;
        p += len + 1;
    }
    if (n > max)
        return or_fail(err, OR_EINPUT, "'%s' has %d reasons; at most %d %s", text, n, max,
                       max == 1 ? "before 1 September 2020" : "are recorded");
    return OR_OK;
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
           at[strlen(at) - 1] != '.' && !s[strcspn(s, " \t,;<>\"'()[]\\")];
}

or_code or_value_parse(const or_column *c, const char *text, or_date ref, or_value *out,
                       or_error *err)
{
    out->null = false;
    out->i = 0;
    out->s = NULL;
    if (!*text) {
        out->null = true;
        if (c->flags & OR_COL_REQUIRED)
            return or_fail(err, OR_EINPUT, "is empty; a value is required");
        return OR_OK;
    }
    /* a text cell the CSV writer guarded (csvout.h) is taken back as it was written from */
    if (or_column_is_text(c))
        text = or_csv_unguard(text);
    int urn;
    switch (c->type) {
    case OR_V_TEXT:
    case OR_V_NOTES:
        if (or_text_check(text, c->type == OR_V_NOTES, err))
            return OR_EINPUT;
        if (c->max && (int64_t)strlen(text) > c->max)
            return or_fail(err, OR_EINPUT, "is %zu bytes long; at most %lld allowed", strlen(text),
                           (long long)c->max);
        out->s = text;
        return OR_OK;
    case OR_V_INT:
        return parse_int(text, c->min, c->max, &out->i, err);
    case OR_V_DATE: {
        or_date d;
        if (!or_date_parse(text, &d))
            return or_fail(err, OR_EINPUT, "'%s' is not a date (expected YYYY-MM-DD)", text);
        out->i = d;
        return OR_OK;
    }
    case OR_V_BOOL:
        if (strcmp(text, "0") && strcmp(text, "1"))
            return or_fail(err, OR_EINPUT, "'%s' is not allowed (expected 0 or 1)", text);
        out->i = text[0] - '0';
        return OR_OK;
    case OR_V_ENUM:
        for (int i = 0; c->vocab[i]; i++)
            if (strcmp(c->vocab[i], text) == 0) {
                out->s = c->vocab[i];
                return OR_OK;
            }
        {
            or_sb sb = OR_SB_INIT;
            vocab_list(c->vocab, &sb);
            or_fail(err, OR_EINPUT, "'%s' is not allowed (expected %s)", text, or_sb_str(&sb));
            or_sb_release(&sb);
        }
        return OR_EINPUT;
    case OR_V_CODE:
        out->s = text;
        return parse_code(c->codeset, text, ref, err);
    case OR_V_REASONS:
        out->s = text;
        return parse_reasons(text, ref, err);
    case OR_V_UPN:
        out->s = text;
        return or_upn_validate(text, err);
    case OR_V_URN:
        if (or_urn_validate(text, &urn, err))
            return OR_EINPUT;
        out->i = urn;
        return OR_OK;
    case OR_V_LAESTAB:
        if (or_laestab_validate(text, &urn, err))
            return OR_EINPUT;
        out->i = urn;
        return OR_OK;
    case OR_V_EMAIL:
        if (or_text_check(text, false, err))
            return OR_EINPUT;
        if (strlen(text) > 254 || !email_ok(text))
            return or_fail(err, OR_EINPUT, "'%s' is not an email address", text);
        out->s = text;
        return OR_OK;
    case OR_V_SCOPE:
        if (strcmp(text, "LA") == 0) {
            out->i = 0;
            return OR_OK;
        }
        if (or_urn_validate(text, &urn, NULL))
            return or_fail(err, OR_EINPUT, "'%s' is not allowed (expected LA or a school URN)",
                           text);
        out->i = urn;
        return OR_OK;
    case OR_V_STAT: {
        /* DfE's symbols: x not available, z not applicable, c confidential (suppressed), low
         * rounds to 0 but is not 0, : and . not available */
        if (!strcmp(text, "x") || !strcmp(text, ".") || !strcmp(text, "z") || !strcmp(text, "c") ||
            !strcmp(text, "low") || !strcmp(text, ":")) {
            out->s = text;
            return OR_OK;
        }
        const char *p = text + (*text == '-');
        size_t digits = strspn(p, "0123456789");
        if (digits &&
            (!p[digits] ||
             (p[digits] == '.' && strspn(p + digits + 1, "0123456789") == strlen(p + digits + 1) &&
              p[digits + 1])) &&
            strlen(text) <= 20) {
            out->s = text;
            return OR_OK;
        }
        return or_fail(err, OR_EINPUT,
                       "'%s' is not a published figure (a number, or x, z, c, low, : or .)", text);
    }
    case OR_V_JSON: {
        if (c->max && (int64_t)strlen(text) > c->max)
            return or_fail(err, OR_EINPUT, "is %zu bytes long; at most %lld allowed", strlen(text),
                           (long long)c->max);
        json_error_t je;
        json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &je);
        bool object = j && json_is_object(j);
        or_code rc = object ? json_text_check(j, NULL, err) : OR_OK;
        json_decref(j);
        if (!j)
            return or_fail(err, OR_EINPUT, "is not JSON (%s at character %d)", je.text,
                           je.position);
        if (!object)
            return or_fail(err, OR_EINPUT, "is not a JSON object ({\"name\": value, ...})");
        out->s = text;
        return rc;
    }
    case OR_V_RULE:
        if (or_rule_parse(text) < 0)
            return or_fail(err, OR_EINPUT,
                           "'%s' is not a rule id of DOMAIN.md (e.g. STAT-NOTIFY-LA, "
                           "STAT-GB-15DAY, LOCAL-PSP)",
                           text);
        out->s = text;
        return OR_OK;
    }
    return or_fail(err, OR_EUSAGE, "unknown column type");
}

void or_value_format(const or_column *c, const or_value *v, or_sb *out)
{
    if (v->null)
        return;
    char buf[11];
    switch (c->type) {
    case OR_V_INT:
    case OR_V_URN:
    case OR_V_BOOL: {
        /* by hand: this runs for every numeric cell of every exported or digested row */
        char digits[24], *p = digits + sizeof digits;
        unsigned long long u =
            v->i < 0 ? 0ULL - (unsigned long long)v->i : (unsigned long long)v->i;
        do
            *--p = (char)('0' + u % 10);
        while (u /= 10);
        if (v->i < 0)
            *--p = '-';
        or_sb_add(out, p, (size_t)(digits + sizeof digits - p));
        return;
    }
    case OR_V_LAESTAB:
        or_sb_addf(out, "%07lld", (long long)v->i);
        return;
    case OR_V_DATE:
        or_date_format((or_date)v->i, buf);
        or_sb_adds(out, buf);
        return;
    case OR_V_SCOPE:
        if (v->i == 0)
            or_sb_adds(out, "LA");
        else
            or_sb_addf(out, "%lld", (long long)v->i);
        return;
    default:
        or_csv_quote(out, v->s);
        return;
    }
}
