/* marks.h - a pupil's year of attendance marks as one string: one byte per session.
 *
 * Position (date - 1 August) * 2 + (PM ? 1 : 0), so a year (366 days) is 732 bytes and a
 * pupil's year loads in one read. Each byte is the register code: one-letter codes stand for
 * themselves, the two-character codes of the 2024 regulations (C1, C2, J1, Y1-Y7) have a fixed
 * digit, and '-' means no mark. The mapping is fixed forever: stored data depends on it. */
#ifndef ONROLL_MARKS_H
#define ONROLL_MARKS_H

#include <stdbool.h>

#include "onroll/date.h"

#define OR_MARKS_LEN 732
#define OR_MARK_NONE '-'

/* The byte for a register code, or 0 if it is not one. */
char or_mark_byte(const char *code);
/* The register code of a byte into code[3] ("" for no mark); false if the byte is unknown. */
bool or_mark_code(char byte, char code[3]);
/* Position of a session in its academic year's string (-1 if pm is not 0/1). */
int or_mark_pos(or_date d, int pm);
or_date or_mark_date(int ay, int pos);
void or_marks_clear(char *marks); /* fill with OR_MARK_NONE */

/* Whether a child born on dob is counted in absence statistics for academic year ay: DfE's
 * pupil absence statistics cover pupils of compulsory school age, "aged 5 to 15 at the start
 * of the academic year", i.e. on 31 August before it (the 31 August of year ay). Born on
 * 31 August 2020: 5 on 31 August 2025, counted in 2025/26; born 1 September 2020: not until
 * 2026/27. dob OR_DATE_NONE: unknown, counted (an indicator is not hidden for want of it). */
bool or_absence_age_counts(or_date dob, int ay);

#endif
