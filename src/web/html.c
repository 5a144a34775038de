/* html.c - HTML escaping and the page frame (see html.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "web/html.h"

static void escape(or_sb *out, const char *s, bool attr)
{
    for (; s && *s; s++) {
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
        default:
            if (attr && *s == '`')
                or_sb_adds(out, "&#96;");
            else
                or_sb_addc(out, *s);
        }
    }
}

void html_text(or_sb *out, const char *s)
{
    escape(out, s, false);
}

void html_attr(or_sb *out, const char *s)
{
    escape(out, s, true);
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
        } else if (*p == 'd') {
            or_sb_addf(out, "%d", va_arg(ap, int));
        } else if (*p == 'l' && p[1] == 'l' && p[2] == 'd') {
            or_sb_addf(out, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (*p == '%') {
            or_sb_addc(out, '%');
        } else {
            or_sb_addc(out, '?'); /* an unsupported conversion: visible, never unsafe */
        }
    }
    va_end(ap);
}

void html_page_start(or_sb *out, const char *title)
{
    html_raw(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>");
    html_text(out, title);
    html_raw(out, " - onroll</title>\n</head>\n<body>\n<main id=\"main-content\">\n");
}

void html_page_end(or_sb *out)
{
    html_raw(out, "</main>\n</body>\n</html>\n");
}
