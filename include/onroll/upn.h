/* upn.h - Unique Pupil Numbers, URNs and LAESTABs (DOMAIN.md §1).
 *
 * A UPN is 13 characters: a check letter, then 12 digits (permanent) or 11 digits and a final
 * letter (temporary). The check letter is sum(p * value(char p), p = 2..13) mod 23 mapped onto
 * "ABCDEFGHJKLMNPQRTUVWXYZ"; a temporary UPN's final letter counts as its index in that table. */
#ifndef ONROLL_UPN_H
#define ONROLL_UPN_H

#include <stdbool.h>

#include "onroll/error.h"

/* The check letter the 12 characters after the first should have, or 0 if they are malformed. */
char or_upn_check_letter(const char *upn);
/* OR_OK, or OR_EINPUT with a message saying what is wrong with the value (not where: the
 * caller adds file, line and column). */
or_code or_upn_validate(const char *upn, or_error *err);
bool or_upn_is_temporary(const char *upn);
/* The issuing LA's number (characters 2-4), or -1 if malformed. */
int or_upn_la(const char *upn);

/* URN: exactly 6 digits, not starting with 0 (100000-999999). */
or_code or_urn_validate(const char *s, int *out, or_error *err);
/* LAESTAB: exactly 7 digits (3-digit LA + 4-digit establishment). */
or_code or_laestab_validate(const char *s, int *out, or_error *err);

#endif
