/* codes.h - the DfE census code lists (ethnicity, SEN, exclusion, attendance, year groups).
 *
 * Compiled in from shared/data/codesets by tools/gen_codes.py (src/core/codes_data.c). Codes
 * are validated against the list valid on the date of the fact they describe (DOMAIN.md §1):
 * e.g. exclusion reasons use the 2006-2020 list up to 31 Aug 2020 and the new list from
 * 1 Sep 2020. Codes in shared/data/codesets/unconfirmed_codes.csv are never accepted. */
#ifndef ONROLL_CODES_H
#define ONROLL_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/date.h"
#include "onroll/sb.h"

typedef enum {
    OR_CS_ETHNICITY,
    OR_CS_SEN_PROVISION,
    OR_CS_SEN_NEED,
    OR_CS_EXCL_CATEGORY,
    OR_CS_EXCL_REASON,
    OR_CS_ATTENDANCE,
    OR_CS_YEAR_GROUP,
    OR_CS__COUNT
} or_codeset;

/* What an attendance code means for the statistics (attendance_codes.csv `meaning`). */
typedef enum {
    OR_ATT_PRESENT,
    OR_ATT_PRESENT_AEA, /* approved educational activity: counts as attendance */
    OR_ATT_AUTHORISED,
    OR_ATT_UNAUTHORISED,
    OR_ATT_NOT_POSSIBLE, /* not counted in possible sessions */
} or_att_meaning;

typedef struct {
    const char *code;
    const char *description;
    or_date valid_from; /* OR_DATE_NONE: in use before anything we can date */
    or_date valid_to;   /* OR_DATE_NONE: still current */
    /* ethnicity: main code; exclusion reason: list ("2006-2020"/"2020-onwards");
     * year group: key stage; otherwise NULL */
    const char *group;
    /* ethnicity: major group code (WHIT...) and its description; otherwise NULL */
    const char *major;
    const char *major_description;
    int meaning;     /* attendance: an or_att_meaning; otherwise 0 */
    int typical_age; /* year group: typical age on 31 August before the year; -1 if none */
} or_code_entry;

const char *or_codeset_name(or_codeset cs); /* "ethnicity", "exclusion reason", ... */
size_t or_codeset_size(or_codeset cs);
const or_code_entry *or_codeset_at(or_codeset cs, size_t i);

/* The entry for code valid on date `on` (OR_DATE_NONE: valid on any date), or NULL.
 * Exact, case-sensitive match: census codes are upper case. */
const or_code_entry *or_code_find(or_codeset cs, const char *code, or_date on);

/* Append to out the codes valid on `on` (OR_DATE_NONE: all), separated by ", ", for messages. */
void or_codeset_allowed(or_codeset cs, or_date on, or_sb *out);

/* True when code appears in unconfirmed_codes.csv for that list (never accepted). */
bool or_code_unconfirmed(or_codeset cs, const char *code);

/* England and Wales bank holidays (shared/external-data/govuk-bank-holidays). */
bool or_bank_holiday(or_date d);
/* The first and last date the bank-holiday table covers (1 Jan of its first year, 31 Dec of
 * its last): outside that range or_bank_holiday() cannot know and returns false. */
or_date or_bank_holidays_from(void);
or_date or_bank_holidays_to(void);

#endif
