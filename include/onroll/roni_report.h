/* roni_report.h - the RONI list and how well it predicted (docs/roni.md): every pupil in Years
 * 8 to 11 scored on a day with the careers leaders' overrides applied, written as a table, CSV
 * (upn,urn,year_group,score,band,factors) or JSON; and, once destinations are in, the share of
 * each band's Year 11 pupils whose destination was NEET or not known. */
#ifndef ONROLL_RONI_REPORT_H
#define ONROLL_RONI_REPORT_H

#include <stdio.h>

#include "onroll/arena.h"
#include "onroll/listing.h"
#include "onroll/model.h"
#include "onroll/roni.h"
#include "onroll/store_roni.h"

typedef struct {
    const char *upn;
    const or_pupil_facts *f;
    or_roni_score s;            /* as calculated */
    const or_roni_override *ov; /* the careers leader's, or NULL */
    int score;                  /* the score shown: the override's, else the calculated */
    or_roni_band band;          /* its band */
} or_roni_row;

/* Every pupil of the model in Years 8 to 11 on as_of, by UPN; school > 0 keeps that school's,
 * year_group > 0 that year's. Rows in a. */
int or_roni_rows(const or_model *m, or_date as_of, const or_roni_override *ov, int nov, int school,
                 int year_group, or_arena *a, or_roni_row **out);
/* The factors column of a row ("fsm=2;eal=1", "...;override=-1"): buf of 256 bytes. */
const char *or_roni_row_factors(const or_roni_row *r, char *buf, size_t size);
or_code or_roni_write(FILE *out, const or_roni_row *rows, int n, or_format fmt, or_error *err);

/* ---- how well it predicted ---- */

typedef struct {
    int pupils;       /* scored in the band (Year 11 on the day) */
    int destinations; /* of them, with a destination recorded after the day */
    int neet, not_known;
} or_roni_outcome;

typedef struct {
    const char *upn;
    or_date date;
    int activity;
} or_destination;

/* The destinations kind's rows, by UPN then date (into a). */
or_code or_destinations_load(or_store *s, or_arena *a, or_destination **out, int *n, or_error *err);
/* The pupil's latest destination dated after d, or NULL. */
const or_destination *or_destination_after(const or_destination *rows, int n, const char *upn,
                                           or_date d);
/* Of the pupils in Year 11 on scored_on, by band (the score shown, overrides applied): how
 * many, how many with a destination after that day, and how many of those NEET or not known. */
void or_roni_outcomes(const or_model *m, or_date scored_on, const or_roni_override *ov, int nov,
                      const or_destination *dest, int ndest, or_roni_outcome out[OR_RONI_BAND__N]);
/* The default day of scoring: 15 January of the school year before as_of's (the last Year 11
 * whose destinations can be in). */
or_date or_roni_outcomes_day(or_date as_of);
or_code or_roni_outcomes_write(FILE *out, const or_roni_outcome *o, or_date scored_on,
                               or_format fmt, or_error *err);

#endif
