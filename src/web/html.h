/* html.h - building HTML with escaping on by default (cgit's html_txt/html_attr): every piece
 * of text that is not a literal of the program goes through html_text() or html_attr(). */
#ifndef ONROLL_WEB_HTML_H
#define ONROLL_WEB_HTML_H

#include "onroll/sb.h"

/* Append text escaped for an element's content / an attribute value. */
void html_text(or_sb *out, const char *s);
void html_attr(or_sb *out, const char *s);
/* Append a literal fragment of the program's own markup (never user data). */
#define html_raw(out, lit) or_sb_add((out), "" lit, sizeof(lit) - 1)
/* printf into the page; every %s argument is escaped as text. Numbers pass through. */
void html_printf(or_sb *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void html_page_start(or_sb *out, const char *title);
void html_page_end(or_sb *out);

#endif
