/* ees.h (internal to src/ingest) - the DfE's current statistics layout, Explore Education
 * Statistics (EES), read as the `benchmarks` kind: "Suspensions and permanent exclusions in
 * England" at national, regional and LA level, as published (time_period, geographic_level,
 * la_name, school_type or education_phase, suspension, susp_rate, ...). csv.c asks or_ees_header
 * whether a header is this layout; then each record's fields become the benchmarks kind's cells
 * through or_ees_cells, and the importer checks and stores them as it does every row. */
#ifndef ONROLL_INGEST_EES_H
#define ONROLL_INGEST_EES_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/kinds.h"
#include "onroll/sb.h"

/* The published columns onroll reads (the field index of each, -1 when absent). */
enum {
    EES_TIME_IDENTIFIER,
    EES_TIME_PERIOD,
    EES_GEOGRAPHIC_LEVEL,
    EES_COUNTRY_CODE,
    EES_COUNTRY_NAME,
    EES_REGION_CODE,
    EES_REGION_NAME,
    EES_OLD_LA_CODE,
    EES_NEW_LA_CODE,
    EES_LA_NAME,
    EES_SCHOOL_TYPE, /* school_type, or education_phase in the newer files */
    EES_NUM_SCHOOLS,
    EES_HEADCOUNT,
    EES_PERM_EXCL,
    EES_PERM_EXCL_RATE,
    EES_SUSPENSION,
    EES_SUSP_RATE,
    EES_ONE_PLUS_SUSP,
    EES_ONE_PLUS_SUSP_RATE,
    EES__N
};

typedef struct {
    int field[EES__N]; /* the header's field index of each column, or -1 */
} or_ees_map;

/* Is the header (n fields, a byte-order mark already taken off) the EES layout? It is when it
 * has time_period and geographic_level. Then *map is filled, and unused gets one line naming
 * the published columns onroll does not read ("" when none). Returns false, with a message in
 * why (when it is the layout but cannot be read: a required column missing, a column twice),
 * or why "" when it is simply not this layout. */
bool or_ees_header(const char *const *fields, int n, or_ees_map *map, or_sb *unused, or_sb *why);

/* One record as the benchmarks kind's cells (cells[OR_BM__N], "" = empty): year from
 * time_period, level in the kind's words (National, Region, Local authority), la_name the
 * area's name at its level (England, the region, the LA), the area's codes. Returns false,
 * with *column and a message in msg naming the value and what was expected, when the record
 * cannot be read (another geographic level, a period that is not an academic year); the
 * importer checks the values themselves. */
bool or_ees_cells(const or_ees_map *map, const char *const *fields, int n,
                  const char *cells[OR_BM__N], const char **column, char *msg, size_t size);

#endif
