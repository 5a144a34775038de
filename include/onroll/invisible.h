/* invisible.h - the characters refused in people's text (names, notes, free text): control
 * characters, and the invisible ones that change how the text around them is shown.
 *
 * A right-to-left override (U+202E) in a surname reverses everything after it on a page or in
 * a PDF letter; zero-width characters make two different names look the same. Refused:
 *   - C0 controls U+0000-U+001F (tab, LF and CR only where the caller allows line breaks),
 *     DEL U+007F and the C1 controls U+0080-U+009F;
 *   - the bidirectional controls (Unicode's Bidi_Control): U+061C, U+200E, U+200F,
 *     U+202A-U+202E, U+2066-U+2069;
 *   - the zero-width space U+200B and U+FEFF (a byte-order mark inside a value); not the
 *     joiners U+200C and U+200D, which Persian, Urdu and the Indic scripts need in names.
 * The message names the character and where it is, for the caller to prefix with the file,
 * line and column. */
#ifndef ONROLL_INVISIBLE_H
#define ONROLL_INVISIBLE_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/error.h"

/* Decode one UTF-8 character at *p (not at its end) and step past it; -1 for a broken or
 * overlong sequence, a surrogate or a code point above U+10FFFF (*p then steps one byte). */
long or_utf8_next(const unsigned char **p);

/* True when cp is refused in text (line_breaks: tab, LF and CR are allowed). */
bool or_char_refused(long cp, bool line_breaks);
/* The character's Unicode name ("RIGHT-TO-LEFT OVERRIDE"), or NULL for a control character
 * without one here. */
const char *or_char_name(long cp);

/* OR_OK, or OR_EINPUT with a message such as "contains U+202E RIGHT-TO-LEFT OVERRIDE, an
 * invisible control character, at character 4; remove it" (the first refused character; the
 * count is of characters, from 1), or "is not valid UTF-8 (a broken byte at byte 7)". */
or_code or_text_check(const char *s, bool line_breaks, or_error *err);

#endif
