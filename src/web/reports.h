/* reports.h (internal) - what page_reports.c (the form, the table, the CSV download) and
 * page_report_charts.c (the chart of each report) share: the report asked for, read and
 * checked from the query string. */
#ifndef ONROLL_WEB_REPORTS_H
#define ONROLL_WEB_REPORTS_H

#include <stdbool.h>

#include "onroll/report.h"
#include "web/forms.h"

typedef enum { REPORT_RATES, REPORT_DISPROPORTIONALITY, REPORT_SCHOOLS, REPORT__COUNT } report_kind;

typedef or_code (*report_fn)(const or_columns *, const or_report_opts *, or_arena *, or_table *,
                             or_error *);

typedef struct {
    report_kind kind;
    const char *name; /* "rates": the query's report= and the CLI's word */
    or_report_opts opts;
    const char *by[3]; /* the query's by1..by3 as given ("" when none) */
    const char *year;  /* "2025/26" */
    const char *reference;
} report_query;

/* Refuse unsuppressed figures to a role that sees suppressed ones only (the analyst): a 403,
 * logged; true when refused. */
bool report_refuse_unsuppressed(const web_request *req, web_response *res);
/* Is the user one of the LA's (who may see unsuppressed figures)? */
bool report_la_user(const web_request *req);
/* The latest academic year whose census day has passed (else the latest there is). */
int report_default_year(const or_columns *c, const web_request *req);

/* The report's function (report.h). */
report_fn report_function(report_kind k);

/* The chart of a report whose table is t (the same figures, suppressed alike): the rates'
 * trend over the years before and including the report's year, the disproportionality's risk
 * ratios with their confidence intervals, the schools' funnel plot. Nothing when there is
 * nothing to draw. */
void report_chart(or_sb *out, const web_request *req, const or_columns *c, const report_query *q,
                  const or_table *t);

#endif
