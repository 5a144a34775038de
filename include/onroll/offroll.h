/* offroll.h - off-rolling signals per school and year (issue 17 part 4): unexplained exits,
 * moves to elective home education, pupils on roll in January of Year 10 and not in January of
 * Year 11, and in-year exits of pupils with SEN, eligible for free school meals or looked after,
 * each against the rate of the LA's schools of its kind with funnel-plot limits (DOMAIN.md §6,
 * or_funnel_classify: the limits the scrutiny report's schools section uses). The kinds are
 * or_offroll_peers': primary (and nursery), secondary (and all-through), special, and pupil
 * referral units with alternative provision, so that a PRU is judged against PRUs and AP, not
 * against mainstream schools. A school above a 99.8% limit on any measure is "of concern": the
 * LA challenges it.
 *
 * Pure: built from pupils' facts (facts.h) for academic year ay. Definitions:
 * - On roll in the year at a school: a main or dual registration there in force on some day of
 *   the year (1 August to 31 July), or an exit event there dated in the year.
 * - Unexplained exits, moves to EHE: pupils on roll with such an event at the school dated in
 *   the year, over the pupils on roll in the year.
 * - Year 10 to Year 11: pupils on the school's roll on the spring census day of the year before
 *   (the third Thursday of January) in Year 10 (yeargroup.h), and of them those not on its roll
 *   on the census day of the year (or left by an exit event).
 * - In-year exits by group: pupils on roll in the year whose characteristics on the year's
 *   census day (the snapshot in force then) put them in the group (SEN: SEN support or an EHC
 *   plan; FSM: eligible; looked after), and of them those with an exit event at the school
 *   dated in the year (elective home education, child missing education, unexplained exit,
 *   in-year transfer). */
#ifndef ONROLL_OFFROLL_H
#define ONROLL_OFFROLL_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/model.h"
#include "onroll/report.h"
#include "onroll/stats.h"

enum {
    OR_OFF_UNEXPLAINED,
    OR_OFF_EHE,
    OR_OFF_Y10_Y11,
    OR_OFF_EXIT_SEN,
    OR_OFF_EXIT_FSM,
    OR_OFF_EXIT_CLA,
    OR_OFF__N
};

typedef struct {
    int64_t x, n;        /* pupils with the signal, pupils it could happen to */
    bool classed;        /* n > 0 and the LA's rate known: cls holds */
    or_funnel_class cls; /* against the LA's rate */
} or_off_cell;

typedef struct {
    int urn;            /* 0 on the LA's row */
    const char *school; /* name; "All schools" on the LA's row */
    const char *phase;  /* the school's phase ("" when unknown or the LA's row) */
    int64_t roll;       /* pupils on roll in the year */
    or_off_cell m[OR_OFF__N];
    bool concern; /* above a 99.8% limit on some measure */
} or_off_row;

typedef struct {
    int ay;
    or_off_row *rows; /* schools with a pupil on roll in the year, by URN; the LA's last */
    int n;
    int nconcern; /* schools of concern */
    /* each kind of school's pupils with the signal and out of (or_offroll_peers) */
    int64_t peer_x[5][OR_OFF__N], peer_n[5][OR_OFF__N];
} or_offroll;

or_code or_offroll_build(const or_pupil_facts *const *pupils, int n, int ay, or_arena *a,
                         or_offroll *out, or_error *err);
or_code or_offroll_from_model(const or_model *m, int ay, or_arena *a, or_offroll *out,
                              or_error *err);

/* The peer group of a phase: 0 primary and nursery, 1 secondary and all-through, 2 special,
 * 3 pupil referral units and alternative provision, 4 anything else. */
int or_offroll_peers(const char *phase);
/* "primary schools", "secondary schools", "special schools", "pupil referral units and
 * alternative provision", "other schools". */
const char *or_offroll_peers_words(int k);

/* "Unexplained exits", ... (headings) and their column key ("unexplained", "ehe", "y10_y11",
 * "exit_sen", "exit_fsm", "exit_cla"). */
const char *or_offroll_heading(int measure);
const char *or_offroll_key(int measure);

/* The published table: time_period, school, urn, roll, then per measure KEY, KEY_of, KEY_pct,
 * KEY_funnel (the pupils, those it could happen to, the percentage, the funnel class), then
 * concern ("yes" or ""). Counts of 1 to threshold are "c" (0: none), down each column against
 * the LA's total, and every figure built on them; only_concern keeps the schools of concern
 * (and the LA's row). */
or_code or_offroll_table(const or_offroll *o, int threshold, bool only_concern, or_arena *a,
                         or_table *out, or_error *err);

/* The LA's figures, a row per measure: measure (its heading), la_pupils, la_of, la_pct and,
 * when schools, schools_watch (schools above the 95% upper limit, not the 99.8%) and
 * schools_concern (above the 99.8%). Suppressed as the table. */
or_code or_offroll_summary(const or_offroll *o, int threshold, bool schools, or_arena *a,
                           or_table *out, or_error *err);
/* For a screen: from a table of or_offroll_table, the school and, per measure, its percentage
 * with its funnel class in words when not "within" ("70.00, of concern"). */
void or_offroll_screen(const or_table *t, or_arena *a, or_table *out);

#endif
