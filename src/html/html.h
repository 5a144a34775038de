/* html.h - building HTML with escaping on by default (cgit's html_txt/html_attr, Fossil's %h):
 * every piece of text that is not a literal of the program goes through html_text(),
 * html_attr() or html_printf()'s %s, which escape it; html_raw() takes only string literals
 * (it will not compile with a variable), so markup from data cannot slip in.
 *
 * This is the layer below src/web and src/report (both use it; it uses only core's or_sb).
 * The page frame and the GOV.UK Frontend patterns built on these are in web/govuk.h. */
#ifndef ONROLL_HTML_HTML_H
#define ONROLL_HTML_HTML_H

#include "onroll/sb.h"

/* Append text escaped for an element's content / an attribute value. Broken UTF-8 becomes
 * U+FFFD, control characters other than tab and newline are dropped. */
void html_text(or_sb *out, const char *s);
void html_attr(or_sb *out, const char *s);
/* Append s percent-encoded for a URL's query or path segment (RFC 3986 unreserved kept). */
void html_url(or_sb *out, const char *s);
/* Append a literal fragment of the program's own markup (never data). */
#define html_raw(out, lit) or_sb_add((out), "" lit, sizeof(lit) - 1)
/* Append markup this program built earlier with the functions above and kept (a part of a page
 * worked out once and reused, like the LA dashboard's content): never data. */
void html_kept(or_sb *out, const char *html, size_t len);
/* printf into the page: %s escapes text (safe in content and in quoted attributes), %t
 * percent-encodes it (for URLs), %d %u %lld %zu print numbers, %% a percent sign. Any other
 * conversion prints '?'. Every call is checked when the program is built (tools/htmlcheck.c,
 * run by make): the format must be literals, with only these conversions and as many arguments;
 * no conversion in an unquoted, style or on... attribute or inside <script>; and a %s or %t
 * that begins an href/src/action value must be a URL this program built: a literal, an
 * expression through web_local_path(), or a name ending in "href" or "pattern" or a call to a
 * function ending in "_path" (names that by convention never hold data). */
void html_printf(or_sb *out, const char *fmt, ...);

#endif
