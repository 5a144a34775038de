/* compare.h - the LA against England, its region and its statistical neighbours (issue 15
 * part 4, issue 16 part 3): for every academic year the DfE's published figures hold (the
 * benchmarks kind, in either layout: 2006-2017 "clean" or Explore Education Statistics) and
 * every year onroll's own records hold, by school type (total, primary, secondary, special),
 * the three headline rates - suspensions per 100 pupils, the percentage of pupils with one or
 * more suspensions, permanent exclusions per 100 pupils - of
 *   - the LA from onroll's own records (the same statistics as the reports: columns.h),
 *   - the LA as the DfE published it (its row with the LA's code, la.code),
 *   - England,
 *   - the region (la.region; when no published row has that code or it is not set, the
 *     region the LA's published row names: the DfE's file splits London into Inner London
 *     E13000001 and Outer London E13000002),
 *   - the statistical neighbours (la.neighbours) pooled: the sum of their counts over the sum
 *     of their headcounts (a pupil-weighted average), over the neighbours whose row has both as
 *     numbers; how many did is kept with the figure.
 * Rates are recomputed from their counts at 2 decimal places (DOMAIN.md §6: half away from
 * zero, exactly) where the counts are numbers; else the published rate rounded to 2 places.
 * The LA's own figures are suppressed as the reports are (a count of 1 to threshold: "c"). */
#ifndef ONROLL_COMPARE_H
#define ONROLL_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/columns.h"
#include "onroll/report.h"
#include "onroll/settings.h"
#include "onroll/store.h"

typedef enum {
    OR_CMP_TOTAL,
    OR_CMP_PRIMARY,
    OR_CMP_SECONDARY,
    OR_CMP_SPECIAL,
    OR_CMP__TYPES
} or_cmp_type;
typedef enum { OR_CMP_SUSP, OR_CMP_ONE, OR_CMP_PERM, OR_CMP__MEASURES } or_cmp_measure;
typedef enum {
    OR_CMP_OWN,       /* the LA, from onroll's records */
    OR_CMP_PUBLISHED, /* the LA, as the DfE published it */
    OR_CMP_ENGLAND,
    OR_CMP_REGION,
    OR_CMP_NEIGHBOURS, /* pooled */
    OR_CMP__SERIES
} or_cmp_series;

const char *or_cmp_type_code(or_cmp_type t);       /* "total", "primary", "secondary", "special" */
const char *or_cmp_type_name(or_cmp_type t);       /* "All state-funded schools", "Primary" ... */
int or_cmp_type_parse(const char *code);           /* an or_cmp_type, or -1 */
const char *or_cmp_measure_name(or_cmp_measure m); /* "Suspensions per 100 pupils" ... */
const char *or_cmp_measure_code(or_cmp_measure m); /* "susp_rate", "one_plus_susp_rate" ... */
/* The school type of a published school_type or education_phase cell ("Total",
 * "state-funded primary", "Primary", "special"...), or -1 for one not compared. */
int or_cmp_type_of_published(const char *s);

typedef struct {
    bool shown;       /* a figure */
    char text[24];    /* as shown: "5.37"; "c" suppressed; "x" not available; "" not held */
    double rate;      /* when shown */
    int64_t num, den; /* the counts it was worked out from (den 0: not known or not given) */
    int areas;        /* neighbours: how many had figures */
} or_cmp_cell;

/* The neighbours' pooled rate: the sum of counts[i] over the sum of headcounts[i] (published
 * text), per 100 at 2 places, over the i whose count and headcount are both whole numbers and
 * whose headcount is not 0; out->areas says how many. None: not shown, "x". */
void or_cmp_pool(const char *const *counts, const char *const *headcounts, int n, or_cmp_cell *out);

typedef struct {
    int la_code;        /* 0: not set */
    const char *region; /* "E12000007", or NULL */
    int neighbours[OR_SETTING_NEIGHBOURS];
    int nneighbours;
    const or_columns *c; /* onroll's own records (NULL: none) */
    int ay_last;         /* only years up to this one (0: every year) */
    int threshold;       /* suppress onroll's own counts of 1 to threshold (0: none) */
    const char *la_name; /* la.name, or NULL */
} or_cmp_opts;

/* The options from the settings la.code, la.region, la.neighbours, la.name (those not set left
 * 0/NULL);
 * the strings in a. */
or_code or_cmp_opts_load(or_store *s, or_arena *a, or_cmp_opts *o, or_error *err);

typedef struct {
    int la_code; /* the options' */
    int nyears;
    int *years;                        /* academic years (2022 = 2022/23), ascending */
    const char *la_name;               /* as published for la_code (NULL: no row has it) */
    const char *la_label;              /* la.name, else la_name, else "The local authority" */
    const char *region_code;           /* la.region's when the published figures have it, else the
                                          region the LA's published row names (region_name NULL:
                                          neither) */
    const char *region_name;           /* NULL: not found */
    int nneighbours, neighbours_found; /* asked for; of which the published figures name */
    bool benchmarks;                   /* any published row read */
    int latest_published;              /* the last year with a figure for England (-1: none) */
    int own_first, own_last;           /* the years onroll's records have figures (-1, -2: none) */
    or_cmp_cell *cells;                /* see or_cmp_at */
} or_cmp;

or_code or_compare_build(or_store *s, const or_cmp_opts *o, or_arena *a, or_cmp *out,
                         or_error *err);
const or_cmp_cell *or_cmp_at(const or_cmp *c, int year, or_cmp_type t, or_cmp_series s,
                             or_cmp_measure m);
/* "2022/23" */
const char *or_cmp_year_label(or_arena *a, int ay);

/* A measure's trend for a line chart (svg.h): the LA (onroll's figure where it has one, else
 * the published one), England, the region and the neighbours (those there are), each over every
 * year (NAN where there is no figure: suppressed, not available), in a. Returns how many
 * series (2 to 4) went into series[4]; *labels gets the years' labels ("2022/23"). */
#include "onroll/svg.h"
int or_cmp_series_of(const or_cmp *c, or_cmp_measure m, or_cmp_type t, or_arena *a,
                     or_svg_series series[4], const char ***labels);

/* A measure's table for one school type: a row per year, a column per series that has a
 * figure in some year (and the neighbours counted), the LA named by c->la_label. */
void or_cmp_table(const or_cmp *c, or_cmp_measure m, or_cmp_type t, or_arena *a, or_table *out);
/* Every figure, one a row (for CSV and JSON): time_period, school_type, measure, area,
 * area_code, rate, numerator, denominator, neighbours_with_figures. t < 0: every type. The
 * LA's own counts are not given (only its rate, suppressed as shown). */
void or_cmp_long_table(const or_cmp *c, int t, or_arena *a, or_table *out);

#endif
