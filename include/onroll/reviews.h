/* reviews.h - self-evaluation reviews on an instrument (instruments.h) and their action plans:
 * the store (migration 030; src/store/reviews.c) and the figures onroll fills into an
 * instrument's data fields (src/report/review_figures.c).
 *
 * A review is one school's, for one academic year and instrument, and names the instrument's
 * version. Its answers are keyed as the instrument's items are ("a2.i5"), with a field of an
 * item ("a2.i5.f1"), an area judgement ("a2.j1") or an area's box ("a2.b1"). The caller holds
 * the transaction of each write and writes its audit line in it. */
#ifndef ONROLL_REVIEWS_H
#define ONROLL_REVIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/columns.h"
#include "onroll/instruments.h"
#include "onroll/model.h"
#include "onroll/store.h"

typedef struct {
    int64_t id;
    int urn, ay;
    const char *instrument;
    int version;
    const char *status; /* "started" or "complete" */
    const char *started_by, *started_at, *completed_at;
} or_review;

typedef or_instr_answer or_review_answer; /* instruments.h */

typedef struct {
    int64_t id, review_id;
    int area; /* the section's number, 1-based */
    const char *purpose, *actions, *lead, *starts_on, *due_on, *outcomes;
    const char *review_note, *review_on, *new_actions, *done_on;
} or_review_action;

/* Start a review; OR_EINPUT when the school has one of that instrument for that year. */
or_code or_review_start(or_store *s, int urn, int ay, const char *instrument, int version,
                        const char *user, int64_t *id, or_error *err);
/* The review of that id (*found false when none). */
or_code or_review_get(or_store *s, int64_t id, or_arena *a, or_review *out, bool *found,
                      or_error *err);
/* Reviews newest first: one school's (urn > 0) or every school's (urn 0). */
or_code or_reviews_list(or_store *s, int urn, or_arena *a, or_review **out, int *n, or_error *err);
/* The school's review of that instrument in the year before ay (*found false when none). */
or_code or_review_previous(or_store *s, const or_review *r, or_arena *a, or_review *out,
                           bool *found, or_error *err);
or_code or_review_answers(or_store *s, int64_t id, or_arena *a, or_review_answer **out, int *n,
                          or_error *err);
/* The value of a key among answers, or "". */
const char *or_review_value(const or_review_answer *as, int n, const char *item);
/* Set (or with "" clear) one answer. */
or_code or_review_answer_set(or_store *s, int64_t id, const char *item, const char *value,
                             const char *user, or_error *err);
or_code or_review_complete(or_store *s, int64_t id, const char *today, or_error *err);
or_code or_review_action_add(or_store *s, const or_review_action *x, const char *user, int64_t *id,
                             or_error *err);
or_code or_review_actions(or_store *s, int64_t review_id, or_arena *a, or_review_action **out,
                          int *n, or_error *err);
/* Every action of every review, not done, of a school (urn > 0) or all schools (urn 0). */
or_code or_review_actions_open(or_store *s, int urn, or_arena *a, or_review_action **out,
                               int **urns, int *n, or_error *err);
or_code or_review_action_done(or_store *s, int64_t action_id, const char *done_on, or_error *err);

/* The LA's names of an instrument's placeholder areas: names[s] for section s (0-based),
 * NULL when not renamed; names has in->nsections entries, in the arena. */
or_code or_instrument_area_names(or_store *s, const or_instrument *in, or_arena *a,
                                 const char ***names, or_error *err);
/* Name placeholder area (1-based) of the instrument; OR_EINPUT when it is not a placeholder
 * (the source's names are kept) or no such area. The caller audits it. */
or_code or_instrument_area_rename(or_store *s, const or_instrument *in, int area, const char *name,
                                  const char *user, or_error *err);

/* ---- the figures onroll fills in (review_figures.c) ---- */

/* The data keys of instruments.h filled from the model for school urn in academic year ay,
 * each a sentence ("2 of 40 pupils (5.0%)"), and the period they cover ("2025/26: pupils on
 * roll on census day, 15 January 2026; exclusions that started in the year"). Keys: sen_k,
 * sen_e (pupils on SEN support / with an EHC plan on census day), susp_all, susp_sen,
 * susp_nsen (pupils with one or more suspensions, of those on roll), pex_sen_nsen (permanent
 * exclusions of pupils with and without SEN); the attendance keys come from
 * or_review_attendance_of below. */
typedef struct {
    const char *period;
    int n;
    const char *keys[16], *values[16];
    const char *periods[16]; /* a figure's own period; NULL: `period` */
} or_review_figures;
or_code or_review_figures_of(const or_columns *c, int urn, int ay, or_arena *a,
                             or_review_figures *out, or_error *err);
const char *or_review_figure(const or_review_figures *f, const char *key); /* or NULL */
/* The period of key's figure (its own, else f->period); NULL when there is no such figure. */
const char *or_review_figure_period(const or_review_figures *f, const char *key);

/* The attendance keys, added to out (after or_review_figures_of) with their own period, from
 * the vulnerability dashboard's own figures (vulnerability.h: or_vuln_from_model of m for school
 * urn in year ay up to as_of, the dashboard's rates in full, so the review and the dashboard
 * show the same figure): att_all, att_sen, att_nsen ("420 of 500 possible sessions attended
 * (84.00%) by 5 pupils with SEN") and pa_all, pa_sen, pa_nsen ("3 of 5 pupils with SEN (60.00%)
 * attended less than 90% of their possible sessions", the line risk.persistent_absence_pct);
 * with SEN: on SEN support (K) or with an EHC plan (E) on census day. Their period: "2025/26:
 * sessions in the school year to 31 July 2026 of the pupils of compulsory school age on roll on
 * census day, 15 January 2026; ...". Not suppressed: the school sees its own in full. */
void or_review_attendance_of(const or_model *m, int urn, int ay, or_date as_of, or_arena *a,
                             or_review_figures *out);

#endif
