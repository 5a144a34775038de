/* html.c - HTML escaping (see html.h). One escaper for content and attributes: it escapes
 * both quote characters, so its output is safe inside a quoted attribute as well as in an
 * element; it also repairs text, so that a page is always valid UTF-8 whatever was stored. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "html/html.h"

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if it is broken. */
static int utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    int n;
    unsigned cp;
    if (c < 0x80)
        return 1;
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
        return 0;
    }
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0; /* overlong, out of range, or a surrogate */
    return n + 1;
}

static void escape(or_sb *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (s && *s) {
        switch (*s) {
        case '&':
            or_sb_adds(out, "&amp;");
            break;
        case '<':
            or_sb_adds(out, "&lt;");
            break;
        case '>':
            or_sb_adds(out, "&gt;");
            break;
        case '"':
            or_sb_adds(out, "&quot;");
            break;
        case '\'':
            or_sb_adds(out, "&#39;");
            break;
        case '`':
            or_sb_adds(out, "&#96;");
            break;
        default:
            if (*s < 0x20 && *s != '\n' && *s != '\t') {
                break; /* a control character: dropped */
            } else if (*s == 0x7f) {
                break;
            } else if (*s < 0x80) {
                or_sb_addc(out, (char)*s);
            } else {
                int n = utf8_len(s);
                if (n == 0) {
                    or_sb_adds(out, "\xef\xbf\xbd"); /* U+FFFD for one broken byte */
                } else {
                    or_sb_add(out, s, (size_t)n);
                    s += n - 1;
                }
            }
        }
        s++;
    }
}

void html_text(or_sb *out, const char *s)
{
    escape(out, s);
}

void html_attr(or_sb *out, const char *s)
{
    escape(out, s);
}

void html_kept(or_sb *out, const char *html, size_t len)
{
    or_sb_add(out, html, len);
}

void html_url(or_sb *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            or_sb_addc(out, (char)*p);
        } else {
            or_sb_addc(out, '%');
            or_sb_addc(out, hex[*p >> 4]);
            or_sb_addc(out, hex[*p & 15]);
        }
    }
}

void html_printf(or_sb *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            or_sb_addc(out, *p);
            continue;
        }
        p++;
        if (*p == 's') {
            html_text(out, va_arg(ap, const char *));
        } else if (*p == 't') {
            html_url(out, va_arg(ap, const char *));
        } else if (*p == 'd') {
            or_sb_addf(out, "%d", va_arg(ap, int));
        } else if (*p == 'u') {
            or_sb_addf(out, "%u", va_arg(ap, unsigned));
        } else if (*p == 'z' && p[1] == 'u') {
            or_sb_addf(out, "%zu", va_arg(ap, size_t));
            p++;
        } else if (*p == 'l' && p[1] == 'l' && p[2] == 'd') {
            or_sb_addf(out, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (*p == '%') {
            or_sb_addc(out, '%');
        } else {
            or_sb_addc(out, '?'); /* an unsupported conversion: visible, never unsafe */
            if (!*p)
                break;
        }
    }
    va_end(ap);
}
