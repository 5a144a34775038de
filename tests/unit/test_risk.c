/* test_risk.c - children at risk (risk.h, DOMAIN.md §5): every RISK-* indicator fires on a case
 * built by hand and stays silent on one just below its threshold; every expected answer is
 * worked out by hand below from DOMAIN.md, not taken from the code.
 *
 * The LA calendar (DOMAIN.md §2), used by schools 100001 and 100002 (school 100003 has none):
 *   autumn term  Wed 3 Sep - Fri 19 Dec 2025, half-term holiday Mon 27 - Fri 31 Oct
 *   spring term  Mon 5 Jan - Fri 27 Mar 2026, half-term holiday Mon 16 - Fri 20 Feb
 *   summer term  Mon 13 Apr - Wed 22 Jul 2026, half-term holiday Mon 25 - Fri 29 May
 *                (Mon 4 May 2026 is a bank holiday)
 * School days of autumn 2025, numbered from Wed 3 Sep = #1 (no bank holiday or INSET in it):
 *   wk1 3-5 Sep #1-#3 | wk2 8-12 Sep #4-#8 | wk3 15-19 Sep #9-#13 | wk4 22-26 Sep #14-#18 |
 *   wk5 29 Sep-3 Oct #19-#23 | wk6 6-10 Oct #24-#28 | wk7 13-17 Oct #29-#33 |
 *   wk8 20-24 Oct #34-#38 | (half-term) | wk9 3-7 Nov #39-#43 | wk10 10-14 Nov #44-#48 |
 *   wk11 17-21 Nov #49-#53 | wk12 24-28 Nov #54-#58 | wk13 1-5 Dec #59-#63 |
 *   wk14 8-12 Dec #64-#68 | wk15 15-19 Dec #69-#73.
 *   Spring 2026 continues: 5-9 Jan #74-#78 ... 9-13 Feb #99-#103 | (half-term) |
 *   23-27 Feb #104-#108 | 2-6 Mar #109-#113.
 * Half-terms (a holiday inside a term splits it): autumn 1 = school days 3 Sep - 24 Oct,
 * autumn 2 = 3 Nov - 19 Dec, spring 1 = 5 Jan - 13 Feb, spring 2 = 23 Feb - 27 Mar.
 *
 * Default parameters (params.c): RISK-REPEAT-SUSP 2 in 12 school weeks, RISK-SUSP-DAYS more than
 * 10, RISK-HALFTERM 2, RISK-PA 90%, RISK-SA 50%, RISK-PTT over 30 school days, RISK-MOVES 2 in
 * 12 months, RISK-MISSING 10 days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/marks.h"
#include "onroll/risk.h"

#define URN1 100001 /* Northgate Academy, LA calendar */
#define URN2 100002 /* Riverside School, LA calendar */
#define URN3 100003 /* Hillcrest School, no calendar recorded */
#define UPN  "B801200005001"

/* ---- the case table's vocabulary ---- */

typedef struct {
    const char *id; /* NULL ends the list */
    or_event_kind kind;
    int urn;
    const char *start;
    int sessions;
    const char *end, *decided, *ref, *rule;
    int to_urn;
    const char *provider;
    const char *to, *outcome; /* a referral's service; a referral update's step */
} ev_t;

typedef struct {
    const char *as_of; /* NULL ends the list */
    int cla, cin, cp;
    char sen;
    const char *dob; /* NULL: 1 May 2011 */
} snap_t;

typedef struct {
    int urn; /* 0 ends the list */
    const char *start, *end;
    char type;
} enrol_t;

typedef struct {
    const char *role; /* NULL ends the list */
    const char *start, *end;
} case_t;

/* Marks on every school day (weekday without a calendar) in [from, to] at urn: am and pm are
 * register codes, NULL to leave the session as it is. Later runs overwrite earlier ones. */
typedef struct {
    int urn;
    const char *from, *to; /* from NULL ends the list */
    const char *am, *pm;
} run_t;

typedef struct {
    const char *rule; /* NULL ends the list */
    const char *has;  /* a piece of that flag's detail */
} want_t;

/* Attendance sent as totals (formats.md, the aggregate form). */
typedef struct {
    int urn; /* 0 ends the list */
    const char *from, *to;
    int possible, present, authorised, unauthorised;
} tot_t;

typedef struct {
    const char *why;
    const char *as_of;
    ev_t ev[8];
    snap_t snap[3];
    enrol_t en[4];
    case_t cs[2];
    run_t runs[8];
    tot_t tot[3];
    const char *fires; /* the rule ids fired, in order, space-separated */
    int urn;           /* the urn of every flag */
    want_t want[4];
} risk_case;

/* clang-format off */
#define MAIN1 {URN1, "2021-09-01", NULL, 'm'}
#define MAIN3 {URN3, "2021-09-01", NULL, 'm'}
#define PRESENT(from, to) {URN1, from, to, "/", "\\"}
#define SUSP(i, s, n) {.id = i, .kind = OR_EV_SUSPENSION, .urn = URN1, .start = s, .sessions = n}
/* clang-format on */

static const risk_case cases[] = {
    /* ---- RISK-REPEAT-SUSP ---- */
    /* DOMAIN.md §5 RISK-REPEAT-SUSP: 2 or more suspensions in the last 12 school weeks, read as
     * the 60 school days ending on as_of (§2 school days) on the calendar of the pupil's school.
     * As of Fri 12 Dec 2025 = #68 those are #9..#68 = Mon 15 Sep - Fri 12 Dec. 15 Sep (4
     * sessions = 2 days) and 5 Nov (2 sessions = 1 day) are both inside: 2 >= 2, fires. They are
     * in different half-terms (autumn 1 and 2), so RISK-HALFTERM does not; 3 days is not more
     * than 10 (RISK-SUSP-DAYS). No LOCAL-PSP action, so RISK-NO-PLAN. */
    {"repeat: 2 in the last 60 school days",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4), SUSP("S2", "2025-11-05", 2)},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1,
     .want = {{"RISK-REPEAT-SUSP", "2 suspensions in the last 12 school weeks: 15 Sep 2025 "
                                   "(2 days), 5 Nov 2025 (1 day)"},
              {"RISK-NO-PLAN", "flagged RISK-REPEAT-SUSP and no open support plan"}}},
    /* Just outside: Fri 12 Sep is #8, the school day before the window (#9..#68): 1 suspension
     * in the window, not 2. Nothing else fires, so no RISK-NO-PLAN either. */
    {"repeat: the earlier one is the 61st school day back",
     "2025-12-12",
     {SUSP("S1", "2025-09-12", 4), SUSP("S2", "2025-11-05", 2)},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* A withdrawn suspension does not count (DOMAIN.md §6, excl.h): S2 withdrawn on 6 Nov leaves
     * 1 suspension in the window. */
    {"repeat: a withdrawn suspension does not count",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "W1", .kind = OR_EV_WITHDRAWN, .urn = URN1, .start = "2025-11-06", .ref = "S2"}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* ... but withdrawn on 15 Dec, after as_of: on 12 Dec it still counts, 2 >= 2. */
    {"repeat: withdrawn after as_of still counts on as_of",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "W1", .kind = OR_EV_WITHDRAWN, .urn = URN1, .start = "2025-12-15", .ref = "S2"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1,
     .want = {{"RISK-REPEAT-SUSP", "5 Nov 2025"}}},
    /* School 100003 has no calendar: 12 weeks = 84 calendar days ending on as_of, Sat 20 Sep -
     * Fri 12 Dec 2025 (12 Dec - 83 days: 12 Sep + 91 days = 12 Dec, so 12 Dec - 83 = 20 Sep).
     * 19 Sep is outside: 1 suspension. */
    {"repeat without a calendar: 19 Sep is outside 84 days",
     "2025-12-12",
     {{.id = "S1", .kind = OR_EV_SUSPENSION, .urn = URN3, .start = "2025-09-19", .sessions = 2},
      {.id = "S2", .kind = OR_EV_SUSPENSION, .urn = URN3, .start = "2025-11-05", .sessions = 2}},
     .en = {MAIN3},
     .fires = "",
     .urn = URN3},
    /* 22 Sep is inside: 2 >= 2. No calendar anywhere, so no half-term: RISK-HALFTERM cannot
     * be judged (and 22 Sep / 5 Nov would be different half-terms anyway). */
    {"repeat without a calendar: 22 Sep is inside 84 days",
     "2025-12-12",
     {{.id = "S1", .kind = OR_EV_SUSPENSION, .urn = URN3, .start = "2025-09-22", .sessions = 2},
      {.id = "S2", .kind = OR_EV_SUSPENSION, .urn = URN3, .start = "2025-11-05", .sessions = 2}},
     .en = {MAIN3},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN3,
     .want = {{"RISK-REPEAT-SUSP", "22 Sep 2025 (1 day), 5 Nov 2025 (1 day)"}}},

    /* ---- RISK-SUSP-DAYS ---- */
    /* DOMAIN.md §5 RISK-SUSP-DAYS: more than 10 suspension days in the school year; §2: a
     * suspension's days are sessions / 2, a lunchtime 0.5 day, and thresholds are strict (more
     * than 10 = 10.5 or more). 18 sessions from Mon 8 Sep (9 days) + 2 lunchtimes on 2 and
     * 3 Mar 2026 (1 day) = 10 days: not more than 10. As of Fri 6 Mar 2026 (#113) the last 60
     * school days are #54..#113 = Mon 24 Nov - Fri 6 Mar: only the lunchtime is in them, so no
     * RISK-REPEAT-SUSP; different half-terms, no RISK-HALFTERM. */
    {"days: exactly 10 days does not fire",
     "2026-03-06",
     {SUSP("S1", "2025-09-08", 18),
      {.id = "L1", .kind = OR_EV_LUNCHTIME, .urn = URN1, .start = "2026-03-02", .sessions = 2}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* 20 sessions from 8 Sep (10 days) + 1 lunchtime (0.5) = 10.5 > 10: fires. */
    {"days: 10.5 days fires",
     "2026-03-06",
     {SUSP("S1", "2025-09-08", 20),
      {.id = "L1", .kind = OR_EV_LUNCHTIME, .urn = URN1, .start = "2026-03-02", .sessions = 1}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-SUSP-DAYS",
     .urn = URN1,
     .want = {{"RISK-SUSP-DAYS", "10.5 days"},
              {"RISK-SUSP-DAYS", "8 Sep 2025 (10 days), 2 Mar 2026 (lunchtime, 0.5 days)"}}},
    /* The year is the one containing as_of (§2: 1 Aug - 31 Jul): 20 sessions in June 2025
     * belong to 2024/25 and do not add to 2025/26's 1 lunchtime. */
    {"days: last school year's days do not count",
     "2026-03-06",
     {SUSP("S0", "2025-06-09", 20),
      SUSP("S1", "2025-09-08", 20),
      {.id = "L1", .kind = OR_EV_LUNCHTIME, .urn = URN1, .start = "2026-03-02", .sessions = 1}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-SUSP-DAYS",
     .urn = URN1,
     .want = {{"RISK-SUSP-DAYS", "10.5 days of suspension this school year (more than 10): "
                                 "8 Sep 2025"}}},

    /* ---- RISK-HALFTERM ---- */
    /* DOMAIN.md §5 RISK-HALFTERM: 2 or more suspensions in one half-term (§2: the holiday
     * 27-31 Oct splits the autumn term). 15 Sep and 3 Oct are both in autumn 1 (3 Sep - 24 Oct):
     * fires. Both are also in the last 60 school days (15 Sep - 12 Dec): RISK-REPEAT-SUSP. */
    {"half-term: 2 in autumn 1",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4), SUSP("S2", "2025-10-03", 2)},
     .en = {MAIN1},
     .fires = "RISK-HALFTERM RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1,
     .want = {{"RISK-HALFTERM", "2 suspensions in the half-term 3 Sep 2025 - 24 Oct 2025: "
                                "15 Sep 2025 (2 days), 3 Oct 2025 (1 day)"}}},
    /* Fri 24 Oct (last day of autumn 1) and Mon 3 Nov (first of autumn 2): one in each, no
     * RISK-HALFTERM, though they are 2 in the last 12 school weeks. */
    {"half-term: either side of the October holiday",
     "2025-12-12",
     {SUSP("S1", "2025-10-24", 2), SUSP("S2", "2025-11-03", 2)},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},
    /* Known as of as_of = decided on or before it: S2 starts Mon 15 Dec but was decided on
     * Fri 12 Dec, so it is known, and 5 Nov + 15 Dec are 2 in autumn 2. RISK-REPEAT-SUSP counts
     * suspensions starting in the 60 school days ending on as_of, so only 5 Nov: 1, no flag. */
    {"half-term: decided on as_of, starting after it, counts",
     "2025-12-12",
     {SUSP("S1", "2025-11-05", 2),
      {.id = "S2",
       .kind = OR_EV_SUSPENSION,
       .urn = URN1,
       .start = "2025-12-15",
       .sessions = 2,
       .decided = "2025-12-12"}},
     .en = {MAIN1},
     .fires = "RISK-HALFTERM RISK-NO-PLAN",
     .urn = URN1,
     .want = {{"RISK-HALFTERM", "5 Nov 2025 (1 day), 15 Dec 2025 (1 day)"}}},
    /* A suspension decided after as_of (Mon 15 Dec) is not yet known: 1 in autumn 2. */
    {"half-term: decided after as_of does not count",
     "2025-12-12",
     {SUSP("S1", "2025-11-05", 2),
      {.id = "S2",
       .kind = OR_EV_SUSPENSION,
       .urn = URN1,
       .start = "2025-12-15",
       .sessions = 2,
       .decided = "2025-12-15"}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},

    /* ---- RISK-PA and RISK-SA ---- */
    /* DOMAIN.md §5 RISK-PA: attendance below 90% of possible sessions. As of Tue 16 Sep the
     * school days are 3,4,5,8,9,10,11,12,15,16 Sep = 10 days, 20 sessions (§2: two a day).
     * Illness (I, authorised absence) both sessions of 9 Sep: 18 of 20 = 90.0%, not below 90
     * (18*100 = 1800, 90*20 = 1800). The O marks on Wed 17 Sep are after as_of. */
    {"PA: exactly 90.0% does not fire", "2025-09-16", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-09", "2025-09-09", "I", "I"},
              {URN1, "2025-09-17", "2025-09-17", "O", "O"}},
     .fires = "", .urn = URN1},
    /* As of Tue 25 Nov the school days are #1..#55 (wk12 is #54-#58): 110 sessions. AM of 3 Sep
     * is D (dual registration: not a possible session): 109 possible. Absent: I on both
     * sessions of 8-12 Sep (10) and O on the AM of 15 Sep (1): 11. L (late, present), V (visit)
     * and K (LA provision) count as attended. 109 - 11 = 98 attended: 98*100 = 9800 <
     * 90*109 = 9810, fires; 9800 >= 50*109 = 5450, no RISK-SA. 98/109 = 89.908...% -> 89.9%. */
    {"PA: 89.9% fires", "2025-11-25", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-11-25"),
              {URN1, "2025-09-03", "2025-09-03", "D", NULL},
              {URN1, "2025-09-08", "2025-09-12", "I", "I"},
              {URN1, "2025-09-15", "2025-09-15", "O", NULL},
              {URN1, "2025-09-16", "2025-09-16", "L", NULL},
              {URN1, "2025-09-17", "2025-09-17", "V", "V"},
              {URN1, "2025-09-18", "2025-09-18", NULL, "K"}},
     .fires = "RISK-NO-PLAN RISK-PA", .urn = URN1,
     .want = {{"RISK-PA", "attendance 89.9% this school year (98 of 109 sessions)"}}},
    /* DOMAIN.md §5 RISK-SA: below 50%. 20 sessions to 16 Sep; O on both sessions of 3,4,5,8,9 Sep
     * (10) and the AM of 10 Sep (1): 9 attended, 900 < 1000, fires, and so does RISK-PA
     * (900 < 1800). 45.0%. The O run is 5 school days: no RISK-MISSING. */
    {"SA: 45.0% fires both", "2025-09-16", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-03", "2025-09-09", "O", "O"},
              {URN1, "2025-09-10", "2025-09-10", "O", NULL}},
     .fires = "RISK-NO-PLAN RISK-PA RISK-SA", .urn = URN1,
     .want = {{"RISK-SA", "attendance 45.0% this school year (9 of 20 sessions), below 50%"},
              {"RISK-PA", "below 90%"}}},
    /* O on both sessions of 3-9 Sep: 10 of 20 = 50.0%, not below 50 (1000 = 1000), but below
     * 90%. */
    {"SA: exactly 50.0% is persistent, not severe", "2025-09-16", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-09-16"), {URN1, "2025-09-03", "2025-09-09", "O", "O"}},
     .fires = "RISK-NO-PLAN RISK-PA", .urn = URN1, .want = {{"RISK-PA", "50.0%"}}},

    /* ---- RISK-VULNERABLE ---- */
    /* DOMAIN.md §5 RISK-VULNERABLE: a suspension of a pupil who is looked after. CLA from
     * 1 Sep 2025, suspended Fri 3 Oct. */
    {"vulnerable: looked after",
     "2025-10-10",
     {SUSP("S1", "2025-10-03", 2)},
     .snap = {{"2025-09-01", 1, 0, 0, 'N'}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-VULNERABLE",
     .urn = URN1,
     .want = {{"RISK-VULNERABLE", "looked after; suspended 3 Oct 2025"}}},
    /* Looked after only from Mon 6 Oct, after the suspension on 3 Oct: on its date the pupil
     * was not (the 1 Sep snapshot is in force on 3 Oct). */
    {"vulnerable: looked after only after the suspension",
     "2025-10-10",
     {SUSP("S1", "2025-10-03", 2)},
     .snap = {{"2025-09-01", 0, 0, 0, 'N'}, {"2025-10-06", 1, 0, 0, 'N'}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* An EHC plan (sen E) and a lunchtime suspension. */
    {"vulnerable: EHC plan, lunchtime",
     "2025-10-10",
     {{.id = "L1", .kind = OR_EV_LUNCHTIME, .urn = URN1, .start = "2025-10-03", .sessions = 1}},
     .snap = {{"2025-09-01", 0, 0, 0, 'E'}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-VULNERABLE",
     .urn = URN1,
     .want = {{"RISK-VULNERABLE", "has an EHC plan; lunchtime suspension 3 Oct 2025"}}},
    /* A social worker from the caseload (no snapshot), and a permanent exclusion: DOMAIN.md
     * §5 RISK-VULNERABLE fires on "a suspension of a pupil who ... has a social worker"; a
     * permanent exclusion is not a suspension, so nothing fires. */
    {"vulnerable: social worker, permanent exclusion is not a suspension",
     "2025-11-12",
     {{.id = "P1", .kind = OR_EV_PERMANENT, .urn = URN1, .start = "2025-11-10", .sessions = -1}},
     .en = {MAIN1},
     .cs = {{"social_worker", "2025-09-01", NULL}},
     .fires = "",
     .urn = URN1},
    /* The same pupil with a suspension: it fires, naming the social worker. */
    {"vulnerable: social worker from the caseload, suspension",
     "2025-11-12",
     {SUSP("S1", "2025-11-10", 2)},
     .en = {MAIN1},
     .cs = {{"social_worker", "2025-09-01", NULL}},
     .fires = "RISK-NO-PLAN RISK-VULNERABLE",
     .urn = URN1,
     .want = {{"RISK-VULNERABLE", "has a social worker; suspended 10 Nov 2025"}}},
    /* The social worker's case ended on 30 Sep; SEN support (K) is not an EHC plan. */
    {"vulnerable: case closed before, SEN support only",
     "2025-10-10",
     {SUSP("S1", "2025-10-03", 2)},
     .snap = {{"2025-09-01", 0, 0, 0, 'K'}},
     .en = {MAIN1},
     .cs = {{"social_worker", "2025-09-01", "2025-09-30"}},
     .fires = "",
     .urn = URN1},
    /* Looked after, but the suspension (2 Jul 2025) was last school year (§2: 1 Aug - 31 Jul). */
    {"vulnerable: last school year's suspension",
     "2025-10-10",
     {SUSP("S0", "2025-07-02", 2)},
     .snap = {{"2025-06-01", 1, 0, 0, 'N'}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},

    /* ---- RISK-PTT ---- */
    /* DOMAIN.md §5 RISK-PTT: a part-time timetable past its end date. Mon 8 - Fri 19 Sep, as of
     * Mon 22 Sep: the end has passed. (10 school days: not over 30.) */
    {"PTT: past its end date",
     "2025-09-22",
     {{.id = "T1",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-09-08",
       .end = "2025-09-19"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-PTT",
     .urn = URN1,
     .want = {{"RISK-PTT", "part-time timetable from 8 Sep 2025: end date 19 Sep 2025 passed"}}},
    /* Ending on as_of itself is not past it; 8-22 Sep is 11 school days. */
    {"PTT: ends on as_of",
     "2025-09-22",
     {{.id = "T1",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-09-08",
       .end = "2025-09-22"}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* Followed by a new timetable 22 Sep - 17 Oct: the first was extended, not left to lapse;
     * the second has run 3 school days (22-24 Sep). */
    {"PTT: extended by a later one",
     "2025-09-24",
     {{.id = "T1",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-09-08",
       .end = "2025-09-19"},
      {.id = "T2",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-09-22",
       .end = "2025-10-17"}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* Over 30 school days: from Wed 3 Sep with no end date, as of Wed 15 Oct = #31 (§2 school
     * days: #28 is Fri 10 Oct, so 13, 14, 15 Oct are #29-#31): 31 > 30. */
    {"PTT: 31 school days",
     "2025-10-15",
     {{.id = "T1", .kind = OR_EV_PART_TIME, .urn = URN1, .start = "2025-09-03"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-PTT",
     .urn = URN1,
     .want = {{"RISK-PTT", "from 3 Sep 2025 (no end date): 31 school days, more than 30"}}},
    /* As of Tue 14 Oct = #30: exactly 30 is not over 30. */
    {"PTT: 30 school days",
     "2025-10-14",
     {{.id = "T1", .kind = OR_EV_PART_TIME, .urn = URN1, .start = "2025-09-03"}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},

    /* ---- RISK-MOVES ---- */
    /* DOMAIN.md §5 RISK-MOVES: 2 or more changes of school in 12 months. As of Mon 2 Mar 2026
     * the 12 months are 3 Mar 2025 - 2 Mar 2026. A managed move (10 Oct 2025, to 100002) and an
     * in-year transfer (2 Jan 2026, back to 100001) are 2; the new main enrolments that carry
     * them out (13 Oct 2025, 5 Jan 2026) are the same two moves, not two more. */
    {"moves: managed move and transfer, with their enrolments",
     "2026-03-02",
     {{.id = "M1", .kind = OR_EV_MANAGED_MOVE, .urn = URN1, .start = "2025-10-10", .to_urn = URN2},
      {.id = "X1",
       .kind = OR_EV_IN_YEAR_TRANSFER,
       .urn = URN2,
       .start = "2026-01-02",
       .to_urn = URN1}},
     .en = {{URN1, "2023-09-04", "2025-10-10", 'm'},
            {URN2, "2025-10-13", "2026-01-02", 'm'},
            {URN1, "2026-01-05", NULL, 'm'}},
     .fires = "RISK-MOVES RISK-NO-PLAN",
     .urn = URN1,
     .want = {{"RISK-MOVES", "2 changes of school in the last 12 months: managed move "
                             "10 Oct 2025 (to Riverside School, URN 100002), in-year "
                             "transfer 2 Jan 2026"}}},
    /* One managed move and its enrolment at the new school: one move, not two. The flag's urn
     * is the school of the main enrolment covering as_of, 100002. */
    {"moves: a move and its enrolment count once",
     "2026-03-02",
     {{.id = "M1", .kind = OR_EV_MANAGED_MOVE, .urn = URN1, .start = "2025-10-10", .to_urn = URN2}},
     .en = {{URN1, "2023-09-04", "2025-10-10", 'm'}, {URN2, "2025-10-13", NULL, 'm'}},
     .fires = "",
     .urn = URN2},
    /* Enrolments alone: main at 100002 from 2 Apr 2025, back at 100001 from 5 Jan 2026: 2. */
    {"moves: two new main enrolments", "2026-03-02",
     .en = {{URN1, "2023-09-04", "2025-04-01", 'm'},
            {URN2, "2025-04-02", "2025-12-19", 'm'},
            {URN1, "2026-01-05", NULL, 'm'}},
     .fires = "RISK-MOVES RISK-NO-PLAN", .urn = URN1,
     .want = {{"RISK-MOVES", "new school 2 Apr 2025 (Riverside School, URN 100002), new "
                             "school 5 Jan 2026"}}},
    /* An AP placement on 2 Mar 2025 is 12 months before 2 Mar 2026, outside the window
     * 3 Mar 2025 - 2 Mar 2026: 1 move in it. */
    {"moves: AP placement a day too early",
     "2026-03-02",
     {{.id = "A1",
       .kind = OR_EV_AP_PLACEMENT,
       .urn = URN1,
       .start = "2025-03-02",
       .end = "2025-04-30",
       .provider = "Bridge"},
      {.id = "M1", .kind = OR_EV_MANAGED_MOVE, .urn = URN1, .start = "2025-10-10", .to_urn = URN2}},
     .en = {MAIN1},
     .fires = "",
     .urn = URN1},
    /* On 3 Mar 2025 it is inside: 2. */
    {"moves: AP placement on the first day of the window",
     "2026-03-02",
     {{.id = "A1",
       .kind = OR_EV_AP_PLACEMENT,
       .urn = URN1,
       .start = "2025-03-03",
       .end = "2025-04-30",
       .provider = "Bridge"},
      {.id = "M1", .kind = OR_EV_MANAGED_MOVE, .urn = URN1, .start = "2025-10-10", .to_urn = URN2}},
     .en = {MAIN1},
     .fires = "RISK-MOVES RISK-NO-PLAN",
     .urn = URN1,
     .want = {{"RISK-MOVES", "AP placement 3 Mar 2025 (Bridge)"}}},

    /* ---- RISK-MISSING ---- */
    /* DOMAIN.md §5 RISK-MISSING: 10 or more consecutive school days of unexplained absence
     * (N, O, G). N on 20-24 Oct (5 days), the half-term holiday (no school days, no marks),
     * O (AM) and G (PM) on 3-7 Nov (5 days): 10 consecutive school days (§2), fires. Present on
     * 10 Nov again. Attendance as of Fri 14 Nov (#48): 96 sessions, 20 absent, 76 attended:
     * 7600 < 90*96 = 8640 (RISK-PA), 7600 >= 50*96 = 4800 (no RISK-SA); 79.166...% -> 79.2% (issue
     * 14: one rounding, DOMAIN.md §6 half away from zero; it was 79.1%, rounded down). */
    {"missing: 10 days across half-term", "2025-11-14", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-11-14"),
              {URN1, "2025-10-20", "2025-10-24", "N", "N"},
              {URN1, "2025-11-03", "2025-11-07", "O", "G"}},
     .fires = "RISK-MISSING RISK-NO-PLAN RISK-PA", .urn = URN1,
     .want = {{"RISK-MISSING", "10 consecutive school days of unexplained absence (codes N, O, "
                               "G) from 20 Oct 2025 to 7 Nov 2025"},
              {"RISK-PA", "79.2% this school year (76 of 96 sessions)"}}},
    /* N on 20-24 Oct and 3-6 Nov (9 days), then Fri 7 Nov has N in the morning but the pupil
     * present (\) in the afternoon: not every marked session is N/O/G, the run ends at 9. N
     * again on 10 Nov starts a new run of 1. Absent sessions 10 + 8 + 1 + 2 = 21, attended
     * 75 of 96: RISK-PA. */
    {"missing: 9 days, then present in an afternoon", "2025-11-14", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-11-14"),
              {URN1, "2025-10-20", "2025-10-24", "N", "N"},
              {URN1, "2025-11-03", "2025-11-06", "N", "N"},
              {URN1, "2025-11-07", "2025-11-07", "N", NULL},
              {URN1, "2025-11-10", "2025-11-10", "N", "N"}},
     .fires = "RISK-NO-PLAN RISK-PA", .urn = URN1},
    /* The first case's marks as of Thu 6 Nov: the run so far is 20-24 Oct + 3-6 Nov = 9 days.
     * Attendance: #1..#42, 84 sessions, 18 absent, 66 attended: 6600 < 7560, RISK-PA. */
    {"missing: only 9 days of the run by as_of", "2025-11-06", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-11-14"),
              {URN1, "2025-10-20", "2025-10-24", "N", "N"},
              {URN1, "2025-11-03", "2025-11-07", "O", "G"}},
     .fires = "RISK-NO-PLAN RISK-PA", .urn = URN1, .want = {{"RISK-PA", "(66 of 84 sessions)"}}},

    /* ---- RISK-NO-PLAN ---- */
    /* DOMAIN.md §5 RISK-NO-PLAN: an indicator fired and there is no open support plan (a
     * LOCAL-PSP action this school year). The first repeat case with a PSP started 20 Nov 2025:
     * RISK-REPEAT-SUSP alone. */
    {"no plan: a PSP this year",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "A1",
       .kind = OR_EV_ACTION,
       .urn = URN1,
       .start = "2025-11-20",
       .ref = "S2",
       .rule = "LOCAL-PSP"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    /* A PSP from last school year (1 Jul 2025) is not open in this one. */
    {"no plan: last year's PSP",
     "2025-12-12",
     {{.id = "A0",
       .kind = OR_EV_ACTION,
       .urn = URN1,
       .start = "2025-07-01",
       .ref = "S0",
       .rule = "LOCAL-PSP"},
      SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2)},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},
    /* A PSP recorded on 15 Dec is not known on 12 Dec. */
    {"no plan: PSP after as_of",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "A1",
       .kind = OR_EV_ACTION,
       .urn = URN1,
       .start = "2025-12-15",
       .ref = "S2",
       .rule = "LOCAL-PSP"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},

    /* ---- issue 14: attendance indicators for pupils of compulsory school age only ----
     * Finding: 392 persistent-absence flags for children below school age (3-year-olds in a
     * nursery). DfE's pupil absence statistics count "pupils of compulsory school age, i.e.
     * aged 5 to 15 at the start of the academic year" (explore-education-statistics.service.
     * gov.uk/methodology/pupil-absence-in-schools-in-england; DfE "A guide to absence
     * statistics" §2.3, "Cohort used in absence measures"): the age on 31 August 2025 for
     * 2025/26. The SA case above (9 of 20 sessions, 45.0%: RISK-PA and RISK-SA) with a date of
     * birth recorded: */
    /* born 1 Sep 2020: 4 on 31 Aug 2025 (5 the next day): not counted this year, nothing fires */
    {"age: born 1 Sep 2020, 4 on 31 Aug 2025", "2025-09-16", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2020-09-01"}},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-03", "2025-09-09", "O", "O"},
              {URN1, "2025-09-10", "2025-09-10", "O", NULL}},
     .fires = "", .urn = URN1},
    /* born 31 Aug 2020: 5 on 31 Aug 2025, counted: both fire, and RISK-NO-PLAN */
    {"age: born 31 Aug 2020, 5 on 31 Aug 2025", "2025-09-16", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2020-08-31"}},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-03", "2025-09-09", "O", "O"},
              {URN1, "2025-09-10", "2025-09-10", "O", NULL}},
     .fires = "RISK-NO-PLAN RISK-PA RISK-SA", .urn = URN1},
    /* born 1 Sep 2009: 15 on 31 Aug 2025 (16 the next day): counted */
    {"age: born 1 Sep 2009, 15 on 31 Aug 2025", "2025-09-16", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2009-09-01"}},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-03", "2025-09-09", "O", "O"},
              {URN1, "2025-09-10", "2025-09-10", "O", NULL}},
     .fires = "RISK-NO-PLAN RISK-PA RISK-SA", .urn = URN1},
    /* born 31 Aug 2009: 16 on 31 Aug 2025: past compulsory school age, nothing fires */
    {"age: born 31 Aug 2009, 16 on 31 Aug 2025", "2025-09-16", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2009-08-31"}},
     .runs = {PRESENT("2025-09-03", "2025-09-16"),
              {URN1, "2025-09-03", "2025-09-09", "O", "O"},
              {URN1, "2025-09-10", "2025-09-10", "O", NULL}},
     .fires = "", .urn = URN1},
    /* RISK-MISSING is an attendance indicator too: 10 school days of N from 3 Sep (#1-#10 =
     * 3-16 Sep) would fire it, but a child of 3 (born 10 Jan 2022) is not counted. */
    {"age: RISK-MISSING not for a 3-year-old", "2025-09-16", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2022-01-10"}},
     .runs = {{URN1, "2025-09-03", "2025-09-16", "N", "N"}}, .fires = "", .urn = URN1},
    /* ... and a suspension indicator still fires for a child of any age (reception, 4) */
    {"age: exclusion indicators whatever the age",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4), SUSP("S2", "2025-11-05", 2)},
     .snap = {{"2025-09-01", .dob = "2021-03-01"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},

    /* ---- issue 14: RISK-NO-PLAN cleared by any open support plan or referral ----
     * Finding: starting a PSP does not clear RISK-NO-PLAN (the rule looked only for a LOCAL-PSP
     * action); 87 flagged children already had an open PSP. DOMAIN.md §5: "no open PSP, PEAP,
     * part-time timetable under review, or open referral (REU, educational psychology, early
     * help, MAP), however it was recorded". The repeat case (2 suspensions, 15 Sep and 5 Nov:
     * RISK-REPEAT-SUSP as of 12 Dec 2025) with each kind of plan: */
    {"no plan: a psp event (the PSP form) clears it",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "P1",
       .kind = OR_EV_PSP,
       .urn = URN1,
       .start = "2025-11-20",
       .end = "2026-03-13",
       .ref = "S2"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    /* a PSP whose time limit (1 Oct 2025) has passed is not open */
    {"no plan: a PSP past its time limit",
     "2025-12-12",
     {{.id = "P0", .kind = OR_EV_PSP, .urn = URN1, .start = "2025-06-02", .end = "2025-10-01"},
      SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2)},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},
    /* a PSP started last school year (1 Jul 2025), its time limit 30 Jan 2026: still open */
    {"no plan: last year's PSP still within its time limit",
     "2025-12-12",
     {{.id = "P0", .kind = OR_EV_PSP, .urn = URN1, .start = "2025-07-01", .end = "2026-01-30"},
      SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2)},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    {"no plan: a pre-exclusion assessment this school year",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "Q1", .kind = OR_EV_PEAP, .urn = URN1, .start = "2025-11-10", .ref = "S2"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    /* a part-time timetable from Mon 17 Nov to be reviewed by 16 Jan 2026: school days 17 Nov -
     * 12 Dec are #49..#68 = 20, not over 30, and its end is to come: no RISK-PTT, and open */
    {"no plan: a part-time timetable under review",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "T1",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-11-17",
       .end = "2026-01-16"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    /* ... whose agreed end (Fri 5 Dec) passed: RISK-PTT, and no plan open */
    {"no plan: a part-time timetable past its end",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "T1",
       .kind = OR_EV_PART_TIME,
       .urn = URN1,
       .start = "2025-11-17",
       .end = "2025-12-05"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-PTT RISK-REPEAT-SUSP",
     .urn = URN1},
    {"no plan: an open referral to the Re-engagement Unit",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "R1", .kind = OR_EV_REFERRAL, .urn = URN1, .start = "2025-11-20", .to = "reu"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    {"no plan: an open referral to educational psychology",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "R1", .kind = OR_EV_REFERRAL, .urn = URN1, .start = "2025-11-20", .to = "ep"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    {"no plan: an open referral to early help",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "R1", .kind = OR_EV_REFERRAL, .urn = URN1, .start = "2025-11-20", .to = "early_help"}},
     .en = {MAIN1},
     .fires = "RISK-REPEAT-SUSP",
     .urn = URN1},
    /* a referral closed on 1 Dec is not open on 12 Dec */
    {"no plan: a closed referral",
     "2025-12-12",
     {SUSP("S1", "2025-09-15", 4),
      SUSP("S2", "2025-11-05", 2),
      {.id = "R1", .kind = OR_EV_REFERRAL, .urn = URN1, .start = "2025-11-20", .to = "ep"},
      {.id = "U1",
       .kind = OR_EV_REFERRAL_UPDATE,
       .urn = URN1,
       .start = "2025-12-01",
       .ref = "R1",
       .outcome = "closed"}},
     .en = {MAIN1},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},

    /* ---- issue 14: attendance sent as totals feeds the flags as marks do ----
     * Finding: pupils at 85% and 49% sent as totals were never flagged. Persistent absence is
     * attendance below 90% (risk.persistent_absence_pct), severe below 50%. */
    /* 102 present of 120 possible, 3 Sep - 28 Nov: 102*100 = 10200 < 90*120 = 10800, RISK-PA;
     * 10200 >= 50*120 = 6000, no RISK-SA. 102/120 = 85.0% exactly. */
    {"totals: 85% is persistent absence", "2025-12-12", .en = {MAIN1},
     .tot = {{URN1, "2025-09-03", "2025-11-28", 120, 102, 10, 8}}, .fires = "RISK-NO-PLAN RISK-PA",
     .urn = URN1,
     .want = {{"RISK-PA", "attendance 85.0% this school year (102 of 120 sessions), below 90%"}}},
    /* 49 of 100: 4900 < 5000 (50%), RISK-SA, and below 90%: RISK-PA; 49.0% */
    {"totals: 49% is severe absence", "2025-12-12", .en = {MAIN1},
     .tot = {{URN1, "2025-09-03", "2025-10-24", 100, 49, 20, 31}},
     .fires = "RISK-NO-PLAN RISK-PA RISK-SA", .urn = URN1,
     .want = {{"RISK-SA", "attendance 49.0% this school year (49 of 100 sessions), below 50%"}}},
    /* a period that ends after as_of (19 Dec) is not known on 12 Dec */
    {"totals: a period not over by as_of", "2025-12-12", .en = {MAIN1},
     .tot = {{URN1, "2025-09-03", "2025-12-19", 100, 49, 20, 31}}, .fires = "", .urn = URN1},
    /* sent so far each month: 3 Sep - 31 Oct (60 of 80, 75%) then 3 Sep - 28 Nov (114 of 120,
     * 95%): the second contains the first, which is left out: 95%, nothing fires (counted
     * twice it would be 174 of 200, 87%, RISK-PA) */
    {"totals: a longer period of the same school replaces the shorter", "2025-12-12", .en = {MAIN1},
     .tot = {{URN1, "2025-09-03", "2025-10-31", 80, 60, 10, 10},
             {URN1, "2025-09-03", "2025-11-28", 120, 114, 3, 3}},
     .fires = "", .urn = URN1},
    /* marks and totals of the same school and year: the marks (all present, 3-16 Sep, 20 of
     * 20) count, the totals (49%) do not */
    {"totals: a school's marks win over its totals", "2025-09-16", .en = {MAIN1},
     .runs = {PRESENT("2025-09-03", "2025-09-16")},
     .tot = {{URN1, "2025-09-03", "2025-09-12", 100, 49, 20, 31}}, .fires = "", .urn = URN1},
    /* totals are attendance as marks are: not for a child below compulsory school age */
    {"totals: not for a 4-year-old", "2025-12-12", .en = {MAIN1},
     .snap = {{"2025-09-01", .dob = "2021-02-01"}},
     .tot = {{URN1, "2025-09-03", "2025-11-28", 120, 102, 10, 8}}, .fires = "", .urn = URN1},

    /* ---- the flag's school ---- */
    /* No main enrolment covers Mon 2 Mar 2026 (main at 100002 ended 19 Dec), so the urn is the
     * latest enrolment's, the dual registration at 100001 from 5 Jan. The 60 school days ending
     * on 2 Mar (#109) are #50..#109 = Tue 18 Nov - 2 Mar: 1 and 10 Dec are in them, and both in
     * autumn 2 of 100002's calendar. */
    {"urn: no main enrolment on as_of, the latest enrolment",
     "2026-03-02",
     {{.id = "S1", .kind = OR_EV_SUSPENSION, .urn = URN2, .start = "2025-12-01", .sessions = 2},
      {.id = "S2", .kind = OR_EV_SUSPENSION, .urn = URN2, .start = "2025-12-10", .sessions = 2}},
     .en = {{URN2, "2022-09-01", "2025-12-19", 'm'}, {URN1, "2026-01-05", NULL, 'd'}},
     .fires = "RISK-HALFTERM RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN1},
    /* No enrolment: the school of the latest event. Its calendar is the LA's: as of 12 Dec
     * the window is 15 Sep - 12 Dec as in the first case. */
    {"urn: no enrolment, the latest event's school",
     "2025-12-12",
     {{.id = "S1", .kind = OR_EV_SUSPENSION, .urn = URN1, .start = "2025-09-15", .sessions = 4},
      {.id = "S2", .kind = OR_EV_SUSPENSION, .urn = URN2, .start = "2025-11-05", .sessions = 2}},
     .fires = "RISK-NO-PLAN RISK-REPEAT-SUSP",
     .urn = URN2},
};

#define NCASES (sizeof cases / sizeof cases[0])

/* ---- fixture: the calendar and the schools ---- */

typedef struct {
    or_arena arena;
    or_calendar cal;
    or_school_info schools[3];
    or_params params;
} fixture;

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (!s)
        return OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

static const or_school_info *lookup(void *ctx, int urn)
{
    fixture *fx = ctx;
    for (int i = 0; i < 3; i++)
        if (fx->schools[i].urn == urn)
            return &fx->schools[i];
    return NULL;
}

static int setup(void **state)
{
    static fixture fx;
    fx.arena = (or_arena)OR_ARENA_INIT;
    const struct {
        const char *start, *end;
        or_cal_kind kind;
    } rows[] = {
        {"2025-09-03", "2025-12-19", OR_CAL_TERM}, {"2025-10-27", "2025-10-31", OR_CAL_HOLIDAY},
        {"2026-01-05", "2026-03-27", OR_CAL_TERM}, {"2026-02-16", "2026-02-20", OR_CAL_HOLIDAY},
        {"2026-04-13", "2026-07-22", OR_CAL_TERM}, {"2026-05-25", "2026-05-29", OR_CAL_HOLIDAY},
    };
    or_cal_row r[6];
    for (int i = 0; i < 6; i++)
        r[i] = (or_cal_row){D(rows[i].start), D(rows[i].end), rows[i].kind, false};
    or_error err = {0};
    assert_int_equal(or_calendar_build(&fx.cal, r, 6, &fx.arena, &err), OR_OK);
    fx.schools[0] = (or_school_info){URN1, 938, "Northgate Academy", "secondary", &fx.cal};
    fx.schools[1] = (or_school_info){URN2, 938, "Riverside School", "secondary", &fx.cal};
    fx.schools[2] = (or_school_info){URN3, 938, "Hillcrest School", "secondary", NULL};
    or_params_default(&fx.params);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    or_arena_free(&fx->arena);
    return 0;
}

/* ---- building one case's facts ---- */

enum { MAXMARKS = 4 };

typedef struct {
    or_fact_event ev[8];
    or_fact_snapshot snap[3];
    or_fact_enrolment en[4];
    or_fact_case cs[2];
    or_fact_marks marks[MAXMARKS];
    or_fact_totals tot[3];
    char buf[MAXMARKS][OR_MARKS_LEN];
    or_pupil_facts f;
} built;

static char *marks_for(built *b, int urn, int ay)
{
    for (int i = 0; i < b->f.nmarks; i++)
        if (b->marks[i].urn == urn && b->marks[i].ay == ay)
            return b->buf[i];
    assert_true(b->f.nmarks < MAXMARKS);
    int i = b->f.nmarks++;
    or_marks_clear(b->buf[i]);
    b->marks[i] = (or_fact_marks){urn, ay, b->buf[i]};
    return b->buf[i];
}

static void build(const fixture *fx, const risk_case *c, built *b)
{
    memset(b, 0, sizeof *b);
    or_pupil_facts *f = &b->f;
    f->upn = UPN;
    f->events = b->ev;
    f->snaps = b->snap;
    f->enrols = b->en;
    f->cases = b->cs;
    f->marks = b->marks;
    f->school = lookup;
    f->school_ctx = (void *)fx;
    for (const ev_t *e = c->ev; e < c->ev + 8 && e->id; e++) {
        or_date start = D(e->start);
        b->ev[f->nevents] = (or_fact_event){
            .event_id = e->id,
            .urn = e->urn,
            .kind = e->kind,
            .start = start,
            .end = D(e->end),
            .decided = e->decided ? D(e->decided) : start,
            .exam_date = OR_DATE_NONE,
            .sessions = e->sessions,
            .ref = e->ref,
            .rule = e->rule,
            .provider = e->provider,
            .to = e->to,
            .outcome = e->outcome,
            .to_urn = e->to_urn,
            .seq = f->nevents,
        };
        f->nevents++;
    }
    for (const snap_t *s = c->snap; s < c->snap + 3 && s->as_of; s++)
        b->snap[f->nsnaps++] = (or_fact_snapshot){
            .as_of = D(s->as_of),
            .dob = D(s->dob ? s->dob : "2011-05-01"),
            .sex = 'M',
            .sen = s->sen ? s->sen : 'N',
            .fsm = -1,
            .fsm6 = -1,
            .eal = -1,
            .cla = (int8_t)s->cla,
            .pla = 0,
            .cin = (int8_t)s->cin,
            .cp = (int8_t)s->cp,
            .yjs = -1,
            .social_worker_since = OR_DATE_NONE,
        };
    f->totals = b->tot;
    for (const tot_t *t = c->tot; t < c->tot + 3 && t->urn; t++)
        b->tot[f->ntotals++] = (or_fact_totals){
            t->urn, D(t->from), D(t->to), t->possible, t->present, t->authorised, t->unauthorised};
    for (const enrol_t *e = c->en; e < c->en + 4 && e->urn; e++)
        b->en[f->nenrols++] =
            (or_fact_enrolment){e->urn, D(e->start), D(e->end), e->type, "9", NULL};
    for (const case_t *k = c->cs; k < c->cs + 2 && k->role; k++)
        b->cs[f->ncases++] = (or_fact_case){"sw@example.org", k->role, D(k->start), D(k->end)};
    for (const run_t *r = c->runs; r < c->runs + 8 && r->from; r++) {
        const or_school_info *s = lookup((void *)fx, r->urn);
        for (or_date d = D(r->from); d <= D(r->to); d++) {
            const or_calendar *cal = s && s->cal && d >= s->cal->first && d <= s->cal->last
                                         ? s->cal
                                         : NULL; /* outside it: every weekday */
            bool school = cal ? or_cal_is_school_day(cal, d) : !or_date_is_weekend(d);
            if (!school)
                continue;
            char *m = marks_for(b, r->urn, or_date_academic_year(d));
            if (r->am)
                m[or_mark_pos(d, 0)] = or_mark_byte(r->am);
            if (r->pm)
                m[or_mark_pos(d, 1)] = or_mark_byte(r->pm);
        }
    }
}

/* The fired rule ids, space-separated, in the list's order. */
static void fired(const or_flag_list *l, int from, char *out, size_t n)
{
    out[0] = '\0';
    for (int i = from; i < l->n; i++) {
        if (out[0])
            strncat(out, " ", n - strlen(out) - 1);
        strncat(out, l->items[i].rule->id, n - strlen(out) - 1);
    }
}

/* ---- tests ---- */

static void test_cases(void **state)
{
    fixture *fx = *state;
    for (size_t i = 0; i < NCASES; i++) {
        const risk_case *c = &cases[i];
        built b;
        build(fx, c, &b);
        or_params p = fx->params;
        or_arena a = OR_ARENA_INIT;
        or_flag_list l;
        or_flag_list_init(&l, &a);
        or_error err = {0};
        assert_int_equal(or_risk_for_pupil(&b.f, &p, D(c->as_of), &l, &err), OR_OK);
        char got[256];
        fired(&l, 0, got, sizeof got);
        if (strcmp(got, c->fires) != 0)
            fail_msg("case '%s': fired [%s], expected [%s]", c->why, got, c->fires);
        for (int k = 0; k < l.n; k++) {
            assert_string_equal(l.items[k].upn, UPN);
            if (l.items[k].urn != c->urn)
                fail_msg("case '%s': %s has urn %d, expected %d", c->why, l.items[k].rule->id,
                         l.items[k].urn, c->urn);
            assert_non_null(l.items[k].detail);
            assert_true(strlen(l.items[k].detail) > 0);
        }
        for (const want_t *w = c->want; w < c->want + 4 && w->rule; w++) {
            const or_flag *fl = NULL;
            for (int k = 0; k < l.n; k++)
                if (strcmp(l.items[k].rule->id, w->rule) == 0)
                    fl = &l.items[k];
            if (!fl)
                fail_msg("case '%s': %s did not fire", c->why, w->rule);
            if (!strstr(fl->detail, w->has))
                fail_msg("case '%s': %s detail \"%s\" lacks \"%s\"", c->why, w->rule, fl->detail,
                         w->has);
        }
        or_arena_free(&a);
    }
}

/* or_attendance_summary over several schools' marks: only the year asked for, only up to
 * as_of. Year 2025: at 100001, Wed 3 - Fri 5 Sep present (6 sessions); at 100002, Mon 8 Sep
 * AM present, PM authorised absence I, Tue 9 Sep AM D (not possible), PM unauthorised O, Wed
 * 10 Sep AM B (approved educational activity), PM X (not possible); Thu 11 Sep present, after
 * as_of. Year 2024 (a June 2025 day) is another year. As of Wed 10 Sep: possible 6 + 2 + 1 +
 * 1 = 10, attended 6 + 1 + 0 + 1 = 8. */
static void test_attendance_summary(void **state)
{
    fixture *fx = *state;
    static const risk_case c = {
        "summary",
        "2025-09-10",
        .runs = {PRESENT("2025-09-03", "2025-09-05"),
                 {URN2, "2025-09-08", "2025-09-08", "/", "I"},
                 {URN2, "2025-09-09", "2025-09-09", "D", "O"},
                 {URN2, "2025-09-10", "2025-09-10", "B", "X"},
                 {URN2, "2025-09-11", "2025-09-11", "/", "\\"},
                 {URN1, "2025-06-09", "2025-06-09", "/", "\\"}},
    };
    built b;
    build(fx, &c, &b);
    int possible = -1, attended = -1;
    or_attendance_summary(&b.f, 2025, D("2025-09-10"), &possible, &attended);
    assert_int_equal(possible, 10);
    assert_int_equal(attended, 8);
    /* 2024/25: the one June day, 2 sessions, both attended */
    or_attendance_summary(&b.f, 2024, D("2025-09-10"), &possible, &attended);
    assert_int_equal(possible, 2);
    assert_int_equal(attended, 2);
    /* as of Sun 7 Sep: the 6 sessions at 100001 */
    or_attendance_summary(&b.f, 2025, D("2025-09-07"), &possible, &attended);
    assert_int_equal(possible, 6);
    assert_int_equal(attended, 6);
}

/* Flags of several pupils accumulate in one list (its array grows in the arena), in each
 * pupil's rule-id order; the earlier ones are kept. */
static void test_list_accumulates(void **state)
{
    fixture *fx = *state;
    or_arena a = OR_ARENA_INIT;
    or_flag_list l;
    or_flag_list_init(&l, &a);
    assert_int_equal(l.n, 0);
    or_error err = {0};
    int total = 0;
    for (size_t i = 0; i < NCASES; i++) {
        built b;
        build(fx, &cases[i], &b);
        int before = l.n;
        assert_int_equal(or_risk_for_pupil(&b.f, &fx->params, D(cases[i].as_of), &l, &err), OR_OK);
        char got[256];
        fired(&l, before, got, sizeof got);
        assert_string_equal(got, cases[i].fires);
        total = l.n;
    }
    assert_true(total > 40);
    assert_true(l.cap >= l.n);
    /* the first case's flags are still first */
    assert_string_equal(l.items[0].rule->id, "RISK-NO-PLAN");
    assert_string_equal(l.items[1].rule->id, "RISK-REPEAT-SUSP");
    assert_non_null(strstr(l.items[1].detail, "15 Sep 2025 (2 days)"));
    or_arena_free(&a);
}

static void test_bad_use(void **state)
{
    fixture *fx = *state;
    or_arena a = OR_ARENA_INIT;
    or_flag_list l;
    or_flag_list_init(&l, &a);
    or_pupil_facts f = {0};
    f.upn = UPN;
    or_error err = {0};
    assert_int_equal(or_risk_for_pupil(NULL, &fx->params, D("2025-12-12"), &l, &err), OR_EUSAGE);
    assert_int_equal(or_risk_for_pupil(&f, &fx->params, OR_DATE_NONE, &l, &err), OR_EUSAGE);
    or_flag_list none;
    or_flag_list_init(&none, NULL);
    assert_int_equal(or_risk_for_pupil(&f, &fx->params, D("2025-12-12"), &none, &err), OR_EUSAGE);
    /* no facts at all: nothing fires */
    assert_int_equal(or_risk_for_pupil(&f, &fx->params, D("2025-12-12"), &l, &err), OR_OK);
    assert_int_equal(l.n, 0);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_attendance_summary),
        cmocka_unit_test(test_list_accumulates),
        cmocka_unit_test(test_bad_use),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
