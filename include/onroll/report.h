/* report.h - the published statistics (DOMAIN.md §6; formats.md `onroll report rates`) as
 * tables of text cells, ready for CSV (the DfE Explore Education Statistics tidy layout), JSON
 * or HTML: rates per 100 pupils, disproportionality (risk ratios with 95% confidence
 * intervals), schools against the LA (funnel-plot limits, share of suspensions). Suppression
 * (counts of 1-2 and what is built on them shown as `c`, then secondary suppression) is on
 * unless the caller asks for unsuppressed figures. Tables are built from the columnar model
 * (columns.h) in one pass each. */
#ifndef ONROLL_REPORT_H
#define ONROLL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "onroll/arena.h"
#include "onroll/columns.h"
#include "onroll/listing.h"

typedef struct {
    const char *title;
    int ncols, nrows;
    const char **cols;   /* [ncols] header names */
    const char **cells;  /* [nrows * ncols], row-major; "" for empty */
    const bool *numeric; /* [ncols]: right-aligned in HTML */
} or_table;

typedef struct {
    int ay;                /* academic year (2024 = 2024/25) */
    or_dim dims[3];        /* the groups' dimensions */
    int ndims;             /* 0-3 */
    bool unsuppressed;     /* LA users only (the caller audits it) */
    int threshold;         /* suppress counts 1..threshold (0: the default, 2) */
    const char *reference; /* disproportionality: the reference group's code (NULL: all
                              other pupils) */
    bool dated;            /* only exclusions starting from `from` to `to` (a term: `onroll
                              report rates --from --to`); the headcount stays the year's */
    or_date from, to;
} or_report_opts;

/* rates: time_period, geographic_level, la_code, urn, <dim>, <dim>_label..., headcount,
 * suspension, susp_rate, perm_excl, perm_excl_rate, one_plus_susp, one_plus_susp_rate */
or_code or_report_rates(const or_columns *c, const or_report_opts *o, or_arena *a, or_table *out,
                        or_error *err);
/* disproportionality: per group (one to three dimensions, their intersections), the one-plus
 * suspension rate, the permanent exclusion rate, the risk ratio of a one-plus suspension
 * against the reference with its 95% CI and whether the CI excludes 1, and the same for
 * permanent exclusion. */
or_code or_report_disproportionality(const or_columns *c, const or_report_opts *o, or_arena *a,
                                     or_table *out, or_error *err);
/* schools: every school's headcount, suspensions, rates, one-plus rate against the LA's with
 * funnel-plot limits (95%, 99.8%) and its class, its share of the LA's suspensions and the
 * cumulative share (schools in descending order of suspensions). */
or_code or_report_schools(const or_columns *c, const or_report_opts *o, or_arena *a, or_table *out,
                          or_error *err);

/* OR_EINPUT with "No data for 2031/32: ..." (what is missing and the years the data covers)
 * when academic year ay has no pupil on roll on its census day and no exclusion: a report of
 * it would be all zeros. Every report (`onroll report`, /reports, the scrutiny report) asks
 * this first. */
or_code or_report_year_check(const or_columns *c, int ay, or_error *err);

/* Write a table as CSV (header + rows), JSON (an array of objects) or an HTML <table> with a
 * caption (OR_FMT_TABLE is read as HTML here). */
or_code or_table_write(FILE *out, const or_table *t, or_format fmt, or_error *err);
/* Write a table for a terminal: a header line, then one line per row, columns aligned (numbers
 * to the right). */
or_code or_table_text(FILE *out, const or_table *t, or_error *err);
/* Append a table as an accessible GOV.UK-styled HTML <table> (every cell escaped). */
#include "onroll/sb.h"
void or_table_html(or_sb *out, const or_table *t);
/* Write a table as CSV (header + rows) through the one CSV writer: the numeric columns as
 * numbers, the others as guarded text (csvout.h). The CLI and the web's downloads both. */
#include "onroll/csvout.h"
void or_table_csv(or_csv *w, const or_table *t);

#endif
