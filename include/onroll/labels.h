/* labels.h - the one table of words onroll shows for its codes, and the one way it writes
 * numbers and dates on screen, used by the web pages, the reports and the CLI's tables.
 *
 * Codes are data (CSV, JSON, the database, URLs); people read names. Every name here is the
 * one shown everywhere: an ethnicity is named as DfE's statistics name it ("White British",
 * "Black Caribbean"), a census code by its DfE code list, a year group as "Year 7", a service
 * as "Re-engagement Unit", a report column by a heading people read ("Risk ratio, one or more
 * suspensions: lower 95% limit") while the CSV keeps the machine name (docs/csv-columns.md).
 * An unknown code is returned as it is, so nothing is ever hidden.
 *
 * Numbers: whole numbers with thousands separators ("37,166"); percentages to one decimal
 * place rounded down ("74.1%": 89.96% reads 89.9%, never the 90% it is below); dates in
 * GOV.UK style ("8 December 2026"). Pure functions: no I/O, no allocation. */
#ifndef ONROLL_LABELS_H
#define ONROLL_LABELS_H

#include <stddef.h>
#include <stdint.h>

#include "onroll/date.h"

/* ---- codes to names (never NULL; "" for NULL) ---- */

/* An ethnicity code, main or extended: DfE's statistics name for a main code ("WBRI" ->
 * "White British", "BCRB" -> "Black Caribbean", "REFU" -> "Refused"), else the code list's
 * description ("WENG" -> "English"). */
const char *or_label_ethnicity(const char *code);
/* An ethnic group ("WHIT" -> "White", "AOEG" -> "Any other ethnic group"). */
const char *or_label_ethnicity_major(const char *code);
/* SEN provision: "N" -> "No special educational needs", "K" -> "SEN support", "E" ->
 * "Education, health and care plan". */
const char *or_label_sen(const char *code);
/* SEN primary need ("SEMH" -> "Social, emotional and mental health"), from the code list. */
const char *or_label_sen_need(const char *code);
/* An exclusion reason code, from the code list. */
const char *or_label_reason(const char *code);
/* A year group code: "N1" -> "Nursery 1", "R" -> "Reception", "7" -> "Year 7", "X" ->
 * "Not following the National Curriculum". */
const char *or_label_year_group(const char *code);
/* An event type: "suspension" -> "Suspension", "ehe" -> "Elective home education". */
const char *or_label_event(const char *type);
/* A service, a caseload role, a plan kind or a referral route: "reu" -> "Re-engagement Unit",
 * "pep" -> "Personal education plan", "social_worker" -> "Social worker". */
const char *or_label_service(const char *code);
/* A status (of a duty, a referral, a plan, a message): "overdue" -> "Overdue", "open" ->
 * "To do", "new" -> "New". */
const char *or_label_status(const char *status);
/* A report dimension ("eal" -> "English as an additional language") or a report column
 * ("one_plus_rr_lower" -> "Risk ratio, one or more suspensions: lower 95% limit"). */
const char *or_label_column(const char *name);
/* A flag dimension's value ("0", "1", "x") for the dimension name: "eal" "1" -> "English
 * as an additional language"; NULL when the dimension has no such value. */
const char *or_label_flag(const char *dim, const char *value);

/* An event named by what and when, the one name every heading, link and title uses (never its
 * internal id): "Suspension from 8 December 2026, 3 days", "Lunchtime suspension on 8 December
 * 2026", "Permanent exclusion from 8 December 2026", "Managed move from 8 December 2026 to 5
 * January 2027". type: an event type; sessions: half-day sessions, -1 if none; end:
 * OR_DATE_NONE if none. Writes into buf (cut to size) and returns it. */
const char *or_event_name(const char *type, or_date start, int sessions, or_date end, char *buf,
                          size_t size);

/* ---- numbers and dates ---- */

enum { OR_FMT_INT_LEN = 32, OR_FMT_DATE_LEN = 24, OR_FMT_PCT_LEN = 32 };

/* A whole number with thousands separators: 37166 -> "37,166", -1234 -> "-1,234". */
const char *or_fmt_int(int64_t v, char buf[OR_FMT_INT_LEN]);
/* A number already written as text ("37166", "4.76", "c") with separators put into its whole
 * part ("37,166", "4.76"); anything that is not a plain number is copied. */
const char *or_fmt_number_text(const char *text, char *buf, size_t size);
/* GOV.UK's date: "8 December 2026"; "" for OR_DATE_NONE. */
const char *or_fmt_date(or_date d, char buf[OR_FMT_DATE_LEN]);
/* num / den as a percentage to one decimal place, rounded half away from zero exactly (the
 * rounding of DOMAIN.md §6): 1483 of 2000 (74.15%) -> "74.2"; "" when den <= 0. The one
 * rounding rule of every percentage shown (the pupil's attendance, the flags, the demo's
 * measures). A flag's wording shows a rate just below its threshold to two places (risk.c). */
const char *or_fmt_pct(int64_t num, int64_t den, char buf[OR_FMT_PCT_LEN]);
/* The same in tenths of a percent (741), for comparing with thresholds as shown. */
int64_t or_pct_tenths(int64_t num, int64_t den);

#endif
