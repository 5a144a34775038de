/* outcomes_report.h - the outcomes report of the graduated response ("record, reflect,
 * review"): for every intervention of the directory that pupils received, how many pupils,
 * the mean change of each measure recorded before and after it (95% confidence interval), and
 * the pupils' suspensions in the school term before it started against the term after it
 * ended. Built from the ledger (facts of every pupil: `intervention` events, `measure` events
 * whose `ref` names one, suspensions) as of a date; see docs/graduated-response.md. */
#ifndef ONROLL_OUTCOMES_REPORT_H
#define ONROLL_OUTCOMES_REPORT_H

#include <stdio.h>

#include "onroll/arena.h"
#include "onroll/listing.h"
#include "onroll/model.h"
#include "onroll/outcomes.h"

typedef struct {
    const char *intervention;  /* directory id */
    const char *measure;       /* measures.h id; NULL on the intervention's summary row */
    const char *scale;         /* the scale's id; NULL for a numeric measure or the summary */
    const char *label;         /* "SDQ (teacher report): Total difficulties" or "" */
    int64_t pupils;            /* summary: pupils who received it; else pupils measured twice */
    int64_t ended;             /* summary: of them, pupils with an episode of it ended */
    or_paired_change change;   /* measure rows */
    or_suspension_change susp; /* summary row: pupils whose term after has finished */
} or_outcome_row;

typedef struct {
    or_outcome_row *rows; /* by intervention, then the summary first, then measure and scale */
    int n;
    or_arena *arena; /* the caller's: rows and strings live here */
} or_outcome_rows;

/* Build the report as of a date, for every intervention (only NULL) or one. The pre measure of
 * a pupil is the earliest `pre` measurement of that measure naming the intervention's event,
 * the post the latest `post`; a scale counts when both are scored. An intervention changed or
 * ended early is a later `intervention` event whose `ref` names the first: its end wins.
 * Suspensions: counted (not withdrawn) suspensions at any school whose start falls in the term
 * before the one the intervention started in, and in the term after the one it ended in, on
 * the school's calendar; only pupils whose term after has finished by the date count. */
or_code or_outcomes_build(const or_model *m, or_date as_of, const char *only, or_arena *arena,
                          or_outcome_rows *out, or_error *err);

/* Write the rows as CSV (one row each; columns in docs/graduated-response.md). A row of 1 to
 * `threshold` pupils has its counts and statistics shown as "c" (DOMAIN.md §6's suppression of
 * small counts; threshold 0 = unsuppressed, for LA users). */
or_code or_outcomes_write_csv(FILE *out, const or_outcome_rows *r, int threshold, or_error *err);

#endif
