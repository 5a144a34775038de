/* upn.c - checking Unique Pupil Numbers, URNs and LAESTABs (DOMAIN.md §1, include/onroll/upn.h).
 *
 * Validation is exact: a UPN is upper case with no spaces, as the census holds it; nothing is
 * trimmed or folded here (an importer that wants to be lenient does that before, and says so).
 * Messages say what is wrong with the value and the form expected, never where it came from. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "onroll/upn.h"

#define UPN_LEN  13
#define UPN_FORM "13 characters, a check letter then 12 digits (or 11 digits and a letter)"

/* Check letters: 0..22, no I, O or S. */
static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Index 0..22 of c in the check-letter table, or -1. */
static int letter_index(char c)
{
    if (c == '\0')
        return -1;
    const char *p = strchr(letters, c);
    return p ? (int)(p - letters) : -1;
}

/* The value, quoted for a message: control and non-ASCII bytes as \xNN, cut after 40 bytes.
 * buf must hold QUOTE_MAX bytes. */
#define QUOTE_MAX 192
static void quote(const char *s, char *buf)
{
    size_t o = 0, i;
    buf[o++] = '\'';
    for (i = 0; s[i] && i < 40; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f)
            o += (size_t)snprintf(buf + o, QUOTE_MAX - o, "\\x%02X", c);
        else
            buf[o++] = (char)c;
    }
    if (s[i]) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

char or_upn_check_letter(const char *upn)
{
    if (!upn || upn[0] == '\0' || strlen(upn) != UPN_LEN)
        return 0;
    int sum = 0;
    for (int p = 2; p <= UPN_LEN; p++) {
        char c = upn[p - 1];
        /* a temporary UPN's final letter counts as its place in the table */
        int v = is_digit(c) ? c - '0' : p == UPN_LEN ? letter_index(c) : -1;
        if (v < 0)
            return 0;
        sum += p * v;
    }
    return letters[sum % 23];
}

or_code or_upn_validate(const char *upn, or_error *err)
{
    if (!upn || upn[0] == '\0')
        return or_fail(err, OR_EINPUT, "the UPN is empty: it must be " UPN_FORM);

    char q[QUOTE_MAX];
    quote(upn, q);
    size_t len = strlen(upn);
    for (size_t i = 0; i < len; i++) {
        if (upn[i] == ' ' || (upn[i] >= '\t' && upn[i] <= '\r'))
            return or_fail(err, OR_EINPUT,
                           "%s is not a valid UPN: it must not contain spaces or other white "
                           "space; expected " UPN_FORM,
                           q);
    }
    for (size_t i = 0; i < len; i++) {
        if (upn[i] >= 'a' && upn[i] <= 'z')
            return or_fail(err, OR_EINPUT,
                           "%s is not a valid UPN: letters must be upper case; expected " UPN_FORM,
                           q);
    }
    if (len != UPN_LEN)
        return or_fail(err, OR_EINPUT, "%s is not a valid UPN: must be " UPN_FORM ", got %zu", q,
                       len);

    char first = upn[0];
    if (first == 'I' || first == 'O' || first == 'S')
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid UPN: '%c' is never a check letter (I, O and S are not "
                       "used); expected " UPN_FORM,
                       q, first);
    if (letter_index(first) < 0)
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid UPN: character 1 must be a check letter (A-Z except I, "
                       "O and S), got '%c'; expected " UPN_FORM,
                       q, first);
    for (int p = 2; p < UPN_LEN; p++) {
        char c = upn[p - 1];
        if (!is_digit(c))
            return or_fail(err, OR_EINPUT,
                           "%s is not a valid UPN: character %d must be a digit, got '%c'; "
                           "expected " UPN_FORM,
                           q, p, c);
    }
    char last = upn[UPN_LEN - 1];
    if (last == 'I' || last == 'O' || last == 'S')
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid UPN: a temporary UPN's final letter cannot be '%c' (I, O "
                       "and S are not used); expected " UPN_FORM,
                       q, last);
    if (!is_digit(last) && letter_index(last) < 0)
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid UPN: character 13 must be a digit or, for a temporary "
                       "UPN, a letter (A-Z except I, O and S), got '%c'",
                       q, last);

    char want = or_upn_check_letter(upn);
    if (want != first)
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid UPN: check letter should be '%c' for the %s that follow",
                       q, want, is_digit(last) ? "digits" : "digits and letter");
    return OR_OK;
}

bool or_upn_is_temporary(const char *upn)
{
    return or_upn_check_letter(upn) != 0 && !is_digit(upn[UPN_LEN - 1]);
}

int or_upn_la(const char *upn)
{
    if (or_upn_check_letter(upn) == 0)
        return -1;
    return (upn[1] - '0') * 100 + (upn[2] - '0') * 10 + (upn[3] - '0');
}

/* Exactly n digits; their value in *v. */
static bool all_digits(const char *s, size_t n, int *v)
{
    if (strlen(s) != n)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

or_code or_urn_validate(const char *s, int *out, or_error *err)
{
    if (!s || s[0] == '\0')
        return or_fail(err, OR_EINPUT, "the URN is empty: it must be 6 digits (100000-999999)");
    int v;
    if (!all_digits(s, 6, &v) || s[0] == '0') {
        char q[QUOTE_MAX];
        quote(s, q);
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid URN: must be 6 digits, 100000-999999 (no spaces or "
                       "leading zero)",
                       q);
    }
    if (out)
        *out = v;
    return OR_OK;
}

or_code or_laestab_validate(const char *s, int *out, or_error *err)
{
    if (!s || s[0] == '\0')
        return or_fail(err, OR_EINPUT,
                       "the LAESTAB is empty: it must be 7 digits, the 3-digit LA number then the "
                       "4-digit establishment number");
    int v;
    if (!all_digits(s, 7, &v)) {
        char q[QUOTE_MAX];
        quote(s, q);
        return or_fail(err, OR_EINPUT,
                       "%s is not a valid LAESTAB: must be 7 digits, the 3-digit LA number then "
                       "the 4-digit establishment number (e.g. 8014001), with no spaces or '/'",
                       q);
    }
    if (out)
        *out = v;
    return OR_OK;
}
