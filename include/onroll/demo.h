/* demo.h - a synthetic local authority for demonstrations and tests: schools, calendars,
 * pupils, enrolments, caseloads, events and attendance marks, generated deterministically.
 *
 * Pure: no I/O, no clock, no global state. Rows go out through a sink as text cells in the
 * kind's column order (kinds.h), exactly as the CSV importer would receive them, all rows of a
 * kind before the next: schools, calendar, pupils, enrolments, caseload, events; then one
 * 732-byte marks string (marks.h) per pupil, school and academic year. The same parameters
 * always give byte-identical output. Nothing is dated after as_of (enrolments still open then
 * have no end; planned ends of placements, timetables and interventions may lie after it).
 * The `intervention` events name entries of the interventions directory's seed
 * (interventions.h): a store they go into must hold it (or_iv_seed_store) first. */
#ifndef ONROLL_DEMO_H
#define ONROLL_DEMO_H

#include <stdint.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/kinds.h"

typedef struct {
    uint64_t seed;
    int schools;   /* 3-999 */
    int pupils;    /* on roll at any one time, 100-500000 */
    int years;     /* academic years: the one containing as_of and years - 1 before it; 1-10
                      (one more when as_of falls before the first term of its year) */
    or_date as_of; /* required; the first academic year must be 2006/07 or later */
    int la_code;   /* 100-999: characters 2-4 of every UPN, first 3 digits of every LAESTAB */
} or_demo_params;

/* seed 1, 80 schools, 30000 pupils, 3 years, LA 999; as_of is left OR_DATE_NONE (the caller
 * decides what "today" is). */
void or_demo_params_default(or_demo_params *p);

typedef struct {
    /* One row of kind `kind`: cells[c] is column c's text ("" = empty). A non-OK return stops
     * the generation, which returns that code. */
    or_code (*row)(void *ctx, or_kind_id kind, const char *const *cells, or_error *err);
    /* A pupil's marks at one school in academic year ay (2025 = 2025/26): OR_MARKS_LEN bytes
     * (NUL-terminated as well), OR_MARK_NONE where there is no mark. */
    or_code (*marks)(void *ctx, const char *upn, int urn, int ay, const char *marks, or_error *err);
    void *ctx;
} or_demo_sink;

or_code or_demo_generate(const or_demo_params *p, const or_demo_sink *sink, or_error *err);

/* The duty actions of the demo LA (issue: "most done on time, some late, some missing"): for
 * each pupil's duties as of as_of (duties.h), emit `action` events (kind OR_K_EVENTS) through
 * sink->row: about 80% on time, 12% late, the rest missing; a third of those not yet due done
 * early; board, review-panel and reconsideration outcomes; some parents applying for review.
 * Actions open new duties (a board's decision starts the review's clock), so the caller stores
 * them and calls again until *emitted is 0. Deterministic for a seed: each duty has its own
 * random stream, so a duty left undone stays undone however many passes run. */
#include "onroll/facts.h"
#include "onroll/params.h"

typedef const or_pupil_facts *(*or_demo_pupil_at)(void *ctx, int i);
or_code or_demo_actions(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, const or_params *p,
                        or_date as_of, uint64_t seed, const or_demo_sink *sink, int *emitted,
                        or_error *err);

/* The graduated response of the demo LA (demo_plans.c): from each pupil's duties as of as_of,
 * Pastoral Support Programmes for the suspensions that call for one (LOCAL-PSP), their reviews
 * every four weeks with a mix of outcomes, referrals after two reviews without improvement
 * (most acted on and followed through their steps, some this year left undone), a few
 * part-time timetables, pre-exclusion assessments before most permanent exclusions, a PEP in
 * most terms for looked-after pupils, and referrals to other services at various steps: events
 * of kind OR_K_EVENTS through sink->row, details built by plans.h, nothing after as_of. Called
 * once, before or_demo_actions (which leaves the duties these events do to them). Deterministic
 * for a seed: each pupil has its own random stream. *emitted = rows sent. */
or_code or_demo_plans(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, const or_params *p,
                      or_date as_of, uint64_t seed, const or_demo_sink *sink, int *emitted,
                      or_error *err);
/* The demo LA's outcome measures (issue 8; src/demo/demo_outcomes.c): for about 70% of the
 * interventions pupils received by as_of an SDQ (teacher report) at the start and, when it has
 * ended, at the end (mostly small improvements, some worse; half entered as item responses,
 * half as scale scores), and for about 60% attendance before and after, as `measure` events
 * (kind OR_K_EVENTS) through sink->row. When no pupil has an intervention, the same for
 * Pastoral Support Programmes; when there are neither, nothing. Deterministic for a seed: each
 * intervention has its own random stream and its rows their own ids, so a second run emits
 * the same rows. *emitted counts them. */
or_code or_demo_outcomes(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, or_date as_of,
                         uint64_t seed, const or_demo_sink *sink, int *emitted, or_error *err);

/* The self-improvement records of the demo LA (src/demo/demo_improve.c): reviews, action plan,
 * partnership meetings, a survey in two waves, a workshop with its boards and ideas, and a
 * theory of change, written through the store with audit lines (actor: the command's user) once
 * the demo accounts exist; nothing when they do not. Deterministic for a seed and date but for
 * the store's random tokens. */
typedef struct or_store or_store;
or_code or_demo_improve(or_store *s, or_date as_of, uint64_t seed, const char *actor,
                        or_error *err);

#endif
