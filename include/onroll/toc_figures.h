/* toc_figures.h - an outcome indicator's figures, term by term, from the live columnar model:
 * for each term the cell `onroll report rates --year Y --by <cohort> --from <term start> --to
 * <term end>` prints for the indicator's cohort and statistic (the same function,
 * or_report_rates, builds both: one source of truth). Suppressed as that report is unless the
 * caller asks for the unsuppressed figures. */
#ifndef ONROLL_TOC_FIGURES_H
#define ONROLL_TOC_FIGURES_H

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/columns.h"
#include "onroll/store.h"
#include "onroll/store_toc.h"
#include "onroll/toc.h"

typedef struct {
    or_toc_term term;
    bool started;        /* the term has begun by `today` (else no figure yet) */
    bool no_data;        /* the year has no data (or_report_year_check) */
    bool no_row;         /* the report prints no row for the cohort: nobody in it that term */
    const char *text;    /* the cell as the report prints it ("4.58", "c", "0") or "" */
    double value;        /* the cell as a number; NAN when not one ("c", "", no data) */
    const char *command; /* the `onroll report rates` command that prints the same figure */
} or_toc_point;

/* The calendar of urn's school (the LA's rows and the school's own), or the LA's alone when urn
 * is 0, built in arena a from the store's calendar rows. */
or_code or_toc_calendar(or_store *s, int urn, or_arena *a, or_calendar *cal, or_error *err);

/* The `--by` list of an indicator's cohort ("school,year_group"; "" for the whole LA). */
const char *or_toc_cohort_dims(const or_toc_indicator *x, or_arena *a);

/* The points of indicator x: every term of its academic years on cal, in order. */
or_code or_toc_figures(const or_columns *c, const or_calendar *cal, const or_toc_indicator *x,
                       bool unsuppressed, or_date today, or_arena *a, or_toc_point **out, int *n,
                       or_error *err);

/* A term's short name for a chart or table: "Autumn 2025", "Spring 2026", "Term 4 2026". */
const char *or_toc_term_short(const or_toc_term *t, or_arena *a);

/* The indicator's line chart (svg.h): the figure each term, the baseline and the target, with
 * <text> labels; standalone adds the XML namespace for a file of its own. Every text escaped. */
void or_toc_chart(or_sb *out, const char *id, const char *title, const char *desc,
                  const or_toc_point *pts, int n, double baseline, double target, bool rate,
                  bool standalone, or_arena *a);

#endif
