/* reu_kpi.h - the Re-engagement Unit's key performance indicators (issue 16 part 6): per
 * academic year and per school, the REU referrals received, accepted and declined, the response
 * time in school days from referral to acceptance (the median, and the share within the route's
 * deadline), the pupils sustained in school 6 and 12 months after their exit from the unit, and
 * their suspensions in the term before the referral against the term after the exit.
 *
 * Pure: built from pupils' facts (facts.h; the REU route of referrals.h: `referral` events to
 * "reu" and the `referral_update` events naming them) as of a date, then published as a table
 * of text cells (report.h) with small numbers suppressed (DOMAIN.md §6). Definitions:
 *
 * - A referral belongs to the academic year of its date and to the school that made it; every
 *   figure of a year is about the referrals received in it (a cohort), whenever they moved on.
 * - Accepted: the referral reached any step of the route (acceptance is its first step) by the
 *   date; declined: declined before that. Response time: school days on the referring school's
 *   calendar after the referral date up to the acceptance (a step recorded on a day that is not a
 *   school day counts as recorded on the next school day); within the deadline when that is at
 *   most the route's first step's days (referrals.c: 10), as LOCAL-REFERRAL's due date.
 * - Exit: the route's last step ("exit"). Sustained 6 (12) months after: on the day 6 (12)
 *   calendar months after the exit the pupil is on a school roll (a main or dual registration in
 *   force, not left by an exit event) and has had no counted permanent exclusion since the exit.
 *   Only exits whose 6 (12) months have passed by the date are counted ("due").
 * - Suspensions: counted suspensions at any school starting in the term before the one the
 *   referral was made in, and in the term after the one the exit was in (the referring school's
 *   terms); only exits whose term after has finished by the date count. */
#ifndef ONROLL_REU_KPI_H
#define ONROLL_REU_KPI_H

#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/model.h"
#include "onroll/report.h"

typedef struct {
    int urn;            /* 0 on the LA's total row */
    const char *school; /* the school's name ("" when unknown); "All schools" on the total */
    int64_t received, accepted, declined;
    int64_t timed;         /* accepted referrals with a response time (their calendar known) */
    int64_t median2;       /* twice the median response time in school days (exact halves) */
    int64_t within;        /* of `timed`, accepted within the deadline */
    int64_t exited;        /* referrals that reached the exit by the date */
    int64_t due6, kept6;   /* exits 6 months ago or more; of them sustained */
    int64_t due12, kept12; /* the same at 12 months */
    int64_t susp_n;        /* exits whose term after has finished */
    int64_t before, after; /* their suspensions in the term before and the term after */
} or_reu_kpi_row;

typedef struct {
    int ay;               /* 2025 = 2025/26 */
    or_date as_of;        /* the date the figures are as of */
    int deadline;         /* school days: the route's acceptance deadline */
    or_reu_kpi_row *rows; /* schools in URN order, then the LA's total (always there) */
    int n;                /* including the total */
} or_reu_kpi;

/* Build the KPIs of academic year ay as of a date from n pupils' facts. Rows and strings in the
 * arena. OR_EUSAGE for a year out of range. */
or_code or_reu_kpi_build(const or_pupil_facts *const *pupils, int n, int ay, or_date as_of,
                         or_arena *a, or_reu_kpi *out, or_error *err);
/* The same over every pupil of a model. */
or_code or_reu_kpi_from_model(const or_model *m, int ay, or_date as_of, or_arena *a,
                              or_reu_kpi *out, or_error *err);

/* The published table: one row per school then "All schools"; columns time_period, school,
 * urn, received, accepted, declined, response_median_days, response_within_pct, exited,
 * sustained_6m_due, sustained_6m, sustained_6m_pct, sustained_12m_due, sustained_12m,
 * sustained_12m_pct, susp_pupils, susp_term_before, susp_term_after, susp_before_per_pupil,
 * susp_after_per_pupil. Counts of 1 to threshold (0: none) are "c", with secondary suppression
 * down each column against its total (or_suppress_list); received, accepted and declined are
 * suppressed as one table with its margins (received = accepted + declined + waiting), so that a
 * hidden one cannot be worked out along its row. Every figure built on a suppressed count is
 * "c"; a figure with nothing to be built on is "z". */
or_code or_reu_kpi_table(const or_reu_kpi *k, int threshold, or_arena *a, or_table *out,
                         or_error *err);

/* The table in three parts for a screen or a page (each narrow enough to read): the school and,
 * part 0, the referrals and the response; 1, sustained in school; 2, suspensions. Cells shared
 * with t (in the arena). */
enum { OR_REU_PART_REFERRALS, OR_REU_PART_SUSTAINED, OR_REU_PART_SUSPENSIONS, OR_REU_PART__N };
void or_reu_kpi_part(const or_table *t, int part, or_arena *a, or_table *out);

#endif
