/* yeargroup.h - a pupil's National Curriculum year group on a day, the one rule every page,
 * report, the model and the CLI use (issue 14: "Year groups come from the last characteristics
 * snapshot and never move on").
 *
 * The year group is the National Curriculum year for the child's age on 31 August before the
 * academic year (DfE: the school census counts pupils by National Curriculum year group, and
 * reports "pupils whose national curriculum year group is different from that expected for
 * their date of birth", age "as at 31 August"; shared/data/codesets/year_groups.csv gives each
 * year's typical age at 31 August): Reception at 4, Year 1 at 5, ... Year 11 at 15, Year 12
 * and 13 at 16 and 17, up to Year 14 at 18; nursery N2 at 3 and N1 at 2. A school may record
 * an out-of-age year group (a snapshot's year_group that differs from the one its age gives
 * in the snapshot's own school year): that offset is kept and rolls forward each September
 * with the age. "X" (National Curriculum not followed) stays X. Pure. */
#ifndef ONROLL_YEARGROUP_H
#define ONROLL_YEARGROUP_H

#include <limits.h>

#include "onroll/date.h"
#include "onroll/facts.h"

/* Year groups as numbers: N1 -2, N2 -1, Reception 0, Year N N (1..14). */
enum {
    OR_YG_MIN = -2,
    OR_YG_MAX = 14,
    OR_YG_NONE = INT_MIN,  /* none: no date of birth, or an age outside N1..Year 14 */
    OR_YG_X = INT_MIN + 1, /* "X": National Curriculum not followed */
};

/* A year_group code ("N1", "N2", "R", "1".."14", "X") as a number; OR_YG_NONE if NULL, ""
 * or not a code. */
int or_yg_parse(const char *code);

/* The base b of a pupil's year groups: in the school year starting in ay (or_date_academic_year)
 * the year group is b + ay. From the date of birth alone (age on 31 August - 4), unless the
 * snapshot of snap_as_of recorded a year group (recorded: a code, NULL or "" if none) that
 * differs from its age's: then from the recorded one. OR_YG_X for "X"; OR_YG_NONE without a
 * date of birth and a recorded year group. */
int or_yg_base(or_date dob, or_date snap_as_of, const char *recorded);

/* The year group on day d from a base (or_yg_base): OR_YG_NONE outside N1..Year 14. */
int or_yg_on(int base, or_date d);

/* The year group on day d of a pupil (the snapshot in force on d: or_facts_snapshot_on). */
int or_facts_year_group(const or_pupil_facts *f, or_date d);

/* "Reception", "Year 9", "Nursery first year", "National Curriculum not followed"; "" for
 * OR_YG_NONE. buf holds 40 bytes. */
const char *or_yg_words(int yg, char buf[40]);
/* The code: "R", "9", "N1", "X"; "" for OR_YG_NONE. buf holds 8 bytes. */
const char *or_yg_code(int yg, char buf[8]);

#endif
