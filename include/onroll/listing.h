/* listing.h - duties and risk flags written out as a table (for people at a terminal), CSV
 * (formats.md: the columns other tools read) or JSON (with the rule's text and source). */
#ifndef ONROLL_LISTING_H
#define ONROLL_LISTING_H

#include <stdio.h>

#include "onroll/duties.h"
#include "onroll/risk.h"

typedef enum { OR_FMT_TABLE, OR_FMT_CSV, OR_FMT_JSON } or_format;

/* "table", "csv", "json" -> format; false if unknown. */
bool or_format_parse(const char *s, or_format *out);

/* Flags in the CSV's order: by urn, upn, rule. */
void or_flags_sort(or_flag_list *l);

/* Rows of text cells as a plain-text table for people (the CLI's `--format table`): each
 * column as wide as its widest cell or heading (in characters, UTF-8 counted as such), two
 * spaces between columns, the last column left as it is. cells: nrows * ncols, row-major. */
void or_text_table(FILE *out, const char *const *heads, int ncols, const char *const *cells,
                   int nrows);
or_code or_write_duties(FILE *out, const or_duty_list *l, or_format fmt, or_error *err);
/* The flags (sorted by or_flags_sort: each pupil's together); with p, each row also has the
 * indicator's kind and weight and its pupil's tier (formats.md: columns added after detail:
 * kind, weight, tier), and JSON the words of why that tier. */
or_code or_write_flags(FILE *out, const or_flag_list *l, const or_params *p, or_format fmt,
                       or_error *err);

#endif
