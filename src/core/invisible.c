/* invisible.c - finding control and invisible formatting characters in people's text, and
 * naming them (see include/onroll/invisible.h). */
#include "onroll/invisible.h"

long or_utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned c = s[0];
    int n;
    long cp;
    if (c < 0x80) {
        *p = s + 1;
        return (long)c;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        cp = c & 0x07;
    } else {
        *p = s + 1;
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *p = s + 1;
            return -1;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *p = s + 1;
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *p = s + n + 1;
    return cp;
}

static const struct {
    long cp;
    const char *name;
} names[] = {
    {0x0009, "CHARACTER TABULATION"},
    {0x000a, "LINE FEED"},
    {0x000d, "CARRIAGE RETURN"},
    {0x0085, "NEXT LINE"},
    {0x061c, "ARABIC LETTER MARK"},
    {0x200b, "ZERO WIDTH SPACE"},
    {0x200e, "LEFT-TO-RIGHT MARK"},
    {0x200f, "RIGHT-TO-LEFT MARK"},
    {0x202a, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202b, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202c, "POP DIRECTIONAL FORMATTING"},
    {0x202d, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202e, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
    {0xfeff, "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)"},
};

const char *or_char_name(long cp)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].cp == cp)
            return names[i].name;
    return NULL;
}

static bool is_control(long cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool or_char_refused(long cp, bool line_breaks)
{
    if (is_control(cp))
        return !(line_breaks && (cp == '\t' || cp == '\n' || cp == '\r'));
    /* not U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: Persian, Urdu and the
     * Indic scripts need them inside names, and they reorder nothing */
    return cp == 0x061c || cp == 0x200b || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

or_code or_text_check(const char *s, bool line_breaks, or_error *err)
{
    const unsigned char *p = (const unsigned char *)s;
    for (long at = 1; *p; at++) {
        const unsigned char *start = p;
        long cp = or_utf8_next(&p);
        if (cp < 0)
            return or_fail(err, OR_EINPUT, "is not valid UTF-8 (a broken byte at byte %ld)",
                           (long)(start - (const unsigned char *)s) + 1);
        if (!or_char_refused(cp, line_breaks))
            continue;
        const char *name = or_char_name(cp);
        return or_fail(err, OR_EINPUT, "contains U+%04lX%s%s, %s, at character %ld; remove it", cp,
                       name ? " " : "", name ? name : "",
                       is_control(cp)
                           ? (cp == '\n' || cp == '\r' ? "a line break" : "a control character")
                           : "an invisible control character",
                       at);
    }
    return OR_OK;
}
