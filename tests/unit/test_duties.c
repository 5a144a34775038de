/* test_duties.c - the statutory duties of DOMAIN.md §3 (duties.h: or_duties_for_pupil,
 * or_cap_check), table-driven, every expected (event, rule, due, status, done_on) worked out by
 * hand from DOMAIN.md §2-§3 and written next to its case, independently of src/core/duties.c.
 *
 * Each case is one pupil's facts, an as-of date and the exact set of STAT-* rows expected: a row
 * the code gives that the case does not list is a failure, as is a listed row it does not give
 * (so every rule a case leaves out is asserted absent; `absent` names the important ones again).
 * STAT-ROLL-REMOVAL has no due date of its own in §3 ("not before: ..."), so it is checked only
 * where a case lists it (present, due and status unchecked: "?") or names it in `absent`.
 * Local-protocol rows (LOCAL-*) are test_protocol.c's business and are ignored here.
 *
 * The fixture (the calendar and schools below, a case written as text, building the facts,
 * comparing the rows) is shared with test_protocol.c: duties_fixture.h.
 *
 * The calendar (written out; DOMAIN.md §2; bank holidays of England and Wales apply by
 * themselves, or_bank_holiday):
 *   autumn 2025  term Wed 3 Sep - Fri 19 Dec, half-term holiday Mon 27 - Fri 31 Oct
 *   spring 2026  term Mon 5 Jan - Fri 27 Mar, half-term holiday Mon 16 - Fri 20 Feb
 *   summer 2026  term Mon 13 Apr - Wed 22 Jul, half-term holiday Mon 25 - Fri 29 May (added so
 *                that 50-school-day windows from late January end inside the table)
 *   School A (URN 100001, secondary) and school C (URN 100003, primary) use it as it is;
 *   school B (URN 100002, secondary) adds its own INSET day, Fri 14 Nov 2025.
 *   No bank holiday falls in these terms' weekdays except Mon 4 May 2026; Thu 25 and Fri 26 Dec
 *   2025 and Thu 1 Jan 2026 are bank holidays (not working days, for deemed service).
 * School days by number (school A), for the counting in the comments:
 *   Sep  3 4 5 | 8-12 | 15-19 | 22-26 | 29 30        Oct 1 2 3 | 6-10 | 13-17 | 20-24
 *   [27-31 Oct half-term]  Nov 3-7 | 10-14 | 17-21 | 24-28   Dec 1-5 | 8-12 | 15-19
 *   [Christmas 20 Dec - 4 Jan]  Jan 5-9 | 12-16 | 19-23 | 26-30   Feb 2-6 | 9-13
 *   [16-20 Feb half-term]  Feb 23-27  Mar 2-6 | 9-13 | 16-20 | 23-27  [Easter]  Apr 13-17 | 20-24
 * Pupils are of compulsory school age (dob 1 May 2012, Year 9) unless a case says otherwise.
 *
 * Readings of DOMAIN.md this file relies on (reported to the lead):
 *   R1 The characteristics that decide NOTIFY-SW / NOTIFY-VSH are those in force on the decision
 *      date. "Social worker" for STAT-NOTIFY-SW is CIN, CP or CLA (§3); PLA alone is not.
 *   R2 STAT-IRP-APPLY applies to a permanent exclusion as soon as it is decided (it is "not
 *      reinstated by the board" until the board reinstates); until the board's STAT-GB-15DAY
 *      action is recorded its deadline counts from the exclusion's decision date (§3, "a
 *      deadline that counts from a notice not yet recorded counts from the decision date").
 *   R3 Withdrawal: a duty "had fallen due" when its due date is on or before the withdrawal
 *      date; the cases keep clear of the boundary. STAT-NOTIFY-* stay whatever their date
 *      (including STAT-NOTIFY-GB: "the parent, board and LA must still be told").
 *   R4 A term total is the pupil's total at that school in that term; a suspension's days go
 *      to the term in which each falls (§2), so a suspension across Christmas adds to two terms.
 *   R5 STAT-NOTICE-S104 applies to every suspension, lunchtime suspension and permanent
 *      exclusion of a pupil of compulsory school age on the exclusion's first day; due NTH(start,
 *      1). done_on is always the action's own date, not its deemed date.
 *   R6 A board reinstatement does not itself end STAT-6TH-DAY-LA that fell due before it. */
#include "onroll/error.h"

/* A case of or_cap_check (STAT-45DAY-CAP): the field cap of duty_case, added by
 * DUTY_CASE_EXTRA. */
typedef struct {
    const char *start; /* NULL: not a cap case */
    int halfdays;
    or_code want;
    const char *msg_has; /* the total the message must name */
} cap_text;

#define DUTY_CASE_EXTRA cap_text cap;
#include "duties_fixture.h"

/* ---- this file's events and rules ---- */

#define SUSP_EXAM(i, u, dec, s, n, x)                                                              \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_SUSPENSION, .start = s, .decided = dec, .sessions = n,    \
        .exam = x                                                                                  \
    }
#define LUNCH(i, u, s, n)                                                                          \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_LUNCHTIME, .start = s, .sessions = n                      \
    }
#define REPS(u, r, on)                                                                             \
    {                                                                                              \
        .urn = u, .kind = OR_EV_REPRESENTATIONS, .start = on, .ref = r                             \
    }

/* NLA (STAT-NOTIFY-LA) is in duties_fixture.h. */
#define PARENT       "STAT-NOTIFY-PARENT"
#define S104         "STAT-NOTICE-S104"
#define NSW          "STAT-NOTIFY-SW"
#define NVSH         "STAT-NOTIFY-VSH"
#define NGB          "STAT-NOTIFY-GB"
#define GB15         "STAT-GB-15DAY"
#define GB50         "STAT-GB-50DAY"
#define GBEXAM       "STAT-GB-EXAM"
#define IRPAPPLY     "STAT-IRP-APPLY"
#define IRPMEET      "STAT-IRP-MEET"
#define IRPRECON     "STAT-IRP-RECONSIDER"
#define SIXTH_SCHOOL "STAT-6TH-DAY-SCHOOL"
#define SIXTH_LA     "STAT-6TH-DAY-LA"
#define ROLL         "STAT-ROLL-REMOVAL"
#define DELETION     "STAT-ROLL-DELETION-NOTIFY"

/* The rows this file owns: every statutory rule except STAT-ROLL-REMOVAL (see the top). */
static bool owned_rule(const char *id)
{
    return strncmp(id, "STAT-", 5) == 0 && strcmp(id, ROLL) != 0;
}

/* A cap case: or_cap_check on the case's facts must give its code (and name its total); any
 * other case: the rows of or_duties_for_pupil, check_case. */
static void run_case(void **state)
{
    const duty_case *c = *state;
    if (!c->cap.start) {
        check_case(c);
        return;
    }
    build_facts(c, &facts);
    or_params p;
    or_params_default(&p);
    or_error err = {0};
    or_code rc = or_cap_check(&facts.f, &p, D(c->cap.start), c->cap.halfdays, &err);
    if (rc != c->cap.want)
        fail_msg("%s: or_cap_check(%s, %d half-days) = %s, expected %s (message: %s)", c->name,
                 c->cap.start, c->cap.halfdays, or_strerror(rc), or_strerror(c->cap.want), err.msg);
    if (c->cap.msg_has && !strstr(err.msg, c->cap.msg_has))
        fail_msg("%s: the refusal should name the total so far, %s days: \"%s\"", c->name,
                 c->cap.msg_has, err.msg);
}

/* ---- the cases ---- */

static const duty_case cases[] = {
    /* == issue 14 "Facts that are right": an event's duties exist from the moment it is
     * recorded, and STAT-NOTIFY-LA is done by the recording itself (onroll is the LA's own
     * system: the LA knows the day the school records it) == */

    /* Finding: "a suspension recorded today starting tomorrow shows its duties on the check
     * page, then 'No statutory duty applies' after saving, and `onroll duties` lists none until
     * tomorrow, though telling the parents is due today". Recorded Mon 8 Dec 2025, starting
     * Tue 9 Dec, no decision date: decided Mon 8 Dec (the earlier of start and recording,
     * or_fact_decided). As of Mon 8 Dec: PARENT due the decision day, 8 Dec, open; S104 due
     * NTH(Tue 9 Dec, 1) = Tue 9 Dec, open; LA due 8 Dec, done 8 Dec by the recording. */
    {.name = "finding: recorded today, starting tomorrow: its duties exist today",
     .as_of = "2025-12-08",
     .ev = {SUSP_REC("S1", URN_A, "2025-12-09", 2, "2025-12-08")},
     .want = {{"S1", PARENT, "2025-12-08", OPEN, NONE},
              {"S1", S104, "2025-12-09", OPEN, NONE},
              {"S1", NLA, "2025-12-08", DONE, "2025-12-08", "onroll"}}},

    /* Finding: "'Tell the local authority' stays 'To do' after the school recorded the
     * suspension in onroll". Mon 3 Nov 2025, recorded Wed 5 Nov: decided 3 Nov (start, the
     * earlier). As of Thu 6 Nov: LA due 3 Nov, done 5 Nov (late) by the recording; PARENT due
     * 3 Nov and S104 due NTH(3 Nov, 1) = 3 Nov, both overdue. */
    {.name = "finding: the LA is told by the recording itself (done the day it was recorded)",
     .as_of = "2025-11-06",
     .ev = {SUSP_REC("S1", URN_A, "2025-11-03", 2, "2025-11-05")},
     .want = {{"S1", PARENT, "2025-11-03", OVERDUE, NONE},
              {"S1", S104, "2025-11-03", OVERDUE, NONE},
              {"S1", NLA, "2025-11-03", DONE, "2025-11-05", "onroll"}}},

    /* The same as of Tue 4 Nov, the day before it was recorded: the LA had not been told yet
     * (the recording is later than the date asked about): LA overdue. */
    {.name = "the recording does not tell the LA before the day it was made",
     .as_of = "2025-11-04",
     .ev = {SUSP_REC("S1", URN_A, "2025-11-03", 2, "2025-11-05")},
     .want = {{"S1", PARENT, "2025-11-03", OVERDUE, NONE},
              {"S1", S104, "2025-11-03", OVERDUE, NONE},
              {"S1", NLA, "2025-11-03", OVERDUE, NONE}}},

    /* The LA told by email on Mon 3 Nov, the suspension recorded in onroll Wed 5 Nov: the
     * earlier, the action, did it (done 3 Nov, its own date). */
    {.name = "an earlier STAT-NOTIFY-LA action stands before the recording",
     .as_of = "2025-11-06",
     .ev = {SUSP_REC("S1", URN_A, "2025-11-03", 2, "2025-11-05"),
            ACT(URN_A, "S1", NLA, "2025-11-03", "email")},
     .want = {{"S1", PARENT, "2025-11-03", OVERDUE, NONE},
              {"S1", S104, "2025-11-03", OVERDUE, NONE},
              {"S1", NLA, "2025-11-03", DONE, "2025-11-03"}}},

    /* == the notices of the day of decision: STAT-NOTIFY-PARENT, STAT-NOTICE-S104,
     * STAT-NOTIFY-LA (DOMAIN.md §3: "day of decision"; S104 "by the end of the afternoon session
     * of day 1" = NTH(start, 1), §2) == */

    /* Tue 4 Nov 2025, 2 sessions (1 day), decided that day. PARENT and LA due the decision day,
     * Tue 4 Nov; S104 due NTH(Tue 4 Nov, 1) = Tue 4 Nov (a school day, so day 1 itself). All
     * three done on 4 Nov (the LA's by email: done_on is the action's date, not the deemed one).
     * 1 day in the term: nothing for the board (not above 5), no sixth day (not above 5 days). */
    {.name = "one-day suspension, every notice given on the day",
     .as_of = "2025-11-10",
     .ev = {SUSP("S1", URN_A, "2025-11-04", 2), ACT(URN_A, "S1", PARENT, "2025-11-04", "hand"),
            ACT(URN_A, "S1", S104, "2025-11-04", "hand"),
            ACT(URN_A, "S1", NLA, "2025-11-04", "email")},
     .want = {{"S1", PARENT, "2025-11-04", DONE, "2025-11-04"},
              {"S1", S104, "2025-11-04", DONE, "2025-11-04"},
              {"S1", NLA, "2025-11-04", DONE, "2025-11-04"}},
     .absent = {"S1 " NSW, "S1 " NVSH, "S1 " NGB, "S1 " GB15, "S1 " GB50, "S1 " GBEXAM,
                "S1 " SIXTH_SCHOOL, "S1 " SIXTH_LA, "S1 " IRPAPPLY, "S1 " ROLL,
                "S1 STAT-45DAY-CAP"}},

    /* Decided Fri 7 Nov, suspended from Mon 10 Nov (4 sessions). PARENT and LA are due on the
     * day of decision, Fri 7 Nov: as of Mon 10 Nov (10 > 7) overdue. S104: NTH(Mon 10 Nov, 1) =
     * Mon 10 Nov; as of that day not passed: open. */
    {.name = "decided on Friday, suspended from Monday, nothing done",
     .as_of = "2025-11-10",
     .ev = {SUSP_DEC("S1", URN_A, "2025-11-07", "2025-11-10", 4)},
     .want = {{"S1", PARENT, "2025-11-07", OVERDUE, NONE},
              {"S1", S104, "2025-11-10", OPEN, NONE},
              {"S1", NLA, "2025-11-07", OVERDUE, NONE}},
     .absent = {"S1 " NGB, "S1 " SIXTH_SCHOOL}},

    /* A notice given on a non-school day: decided Thu 30 Oct (half-term), suspended Mon 3 Nov.
     * PARENT due Thu 30 Oct, handed over that day: done 30 Oct. S104 due NTH(Mon 3 Nov, 1) =
     * Mon 3 Nov, emailed Thu 30 Oct: done, done_on 30 Oct. LA due Thu 30 Oct, not done: as of
     * Mon 3 Nov overdue. */
    {.name = "decided in half-term, notices given on a non-school day",
     .as_of = "2025-11-03",
     .ev = {SUSP_DEC("S1", URN_A, "2025-10-30", "2025-11-03", 2),
            ACT(URN_A, "S1", PARENT, "2025-10-30", "hand"),
            ACT(URN_A, "S1", S104, "2025-10-30", "email")},
     .want = {{"S1", PARENT, "2025-10-30", DONE, "2025-10-30"},
              {"S1", S104, "2025-11-03", DONE, "2025-10-30"},
              {"S1", NLA, "2025-10-30", OVERDUE, NONE}}},

    /* A reception pupil, born 15 Sep 2020, at primary school C. Compulsory school age starts on
     * the prescribed day on or after the 5th birthday (15 Sep 2025): 31 Dec 2025. Mon 10 Nov
     * 2025: not of compulsory school age, no S104 (§3 "pupil of compulsory school age"). Mon 12
     * Jan 2026: of compulsory school age, S104 due NTH(12 Jan, 1) = 12 Jan. As of Tue 13 Jan
     * every due date has passed: overdue. */
    {.name = "reception pupil: no S104 before compulsory school age, S104 after",
     .as_of = "2026-01-13",
     .dob = "2020-09-15",
     .year = "R",
     .ev = {SUSP("S1", URN_C, "2025-11-10", 2), SUSP("S2", URN_C, "2026-01-12", 2)},
     .want = {{"S1", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S1", NLA, "2025-11-10", OVERDUE, NONE},
              {"S2", PARENT, "2026-01-12", OVERDUE, NONE},
              {"S2", S104, "2026-01-12", OVERDUE, NONE},
              {"S2", NLA, "2026-01-12", OVERDUE, NONE}},
     .absent = {"S1 " S104}},

    /* A Year 12 pupil born 1 Jun 2009: turned 16 in school year 2024/25, so compulsory school
     * age ended on the last Friday of June 2025 (27 Jun). Suspension Mon 10 Nov 2025: PARENT and
     * LA due that day (open as of that day); no S104. */
    {.name = "Year 12 pupil past compulsory school age: no S104",
     .as_of = "2025-11-10",
     .dob = "2009-06-01",
     .year = "12",
     .ev = {SUSP("S1", URN_A, "2025-11-10", 2)},
     .want = {{"S1", PARENT, "2025-11-10", OPEN, NONE}, {"S1", NLA, "2025-11-10", OPEN, NONE}},
     .absent = {"S1 " S104}},

    /* == social workers and looked-after pupils: STAT-NOTIFY-SW (CIN, CP or CLA),
     * STAT-NOTIFY-VSH (looked after); both "day of decision" == */

    /* Looked after: Tue 9 Sep, 1 day. SW and VSH due Tue 9 Sep. VSH told on the day (done 9
     * Sep), the social worker the next day (done, late: done_on 10 Sep, §3 "late or not"). */
    {.name = "looked-after pupil: social worker told late, VSH on the day",
     .as_of = "2025-09-12",
     .snap = {{.as_of = "2025-08-01", .cla = 1}},
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), ACT(URN_A, "S1", PARENT, "2025-09-09", "hand"),
            ACT(URN_A, "S1", S104, "2025-09-09", "hand"),
            ACT(URN_A, "S1", NLA, "2025-09-09", "hand"),
            ACT(URN_A, "S1", NVSH, "2025-09-09", "email"),
            ACT(URN_A, "S1", NSW, "2025-09-10", "email")},
     .want = {{"S1", PARENT, "2025-09-09", DONE, "2025-09-09"},
              {"S1", S104, "2025-09-09", DONE, "2025-09-09"},
              {"S1", NLA, "2025-09-09", DONE, "2025-09-09"},
              {"S1", NSW, "2025-09-09", DONE, "2025-09-10"},
              {"S1", NVSH, "2025-09-09", DONE, "2025-09-09"}}},

    /* Child in need (not looked after): Mon 13 Oct. SW due Mon 13 Oct; as of Tue 14 Oct
     * overdue. No VSH (not looked after). */
    {.name = "child in need: social worker, no VSH",
     .as_of = "2025-10-14",
     .snap = {{.as_of = "2025-08-01", .cin = 1}},
     .ev = {SUSP("S1", URN_A, "2025-10-13", 2)},
     .want = {{"S1", PARENT, "2025-10-13", OVERDUE, NONE},
              {"S1", S104, "2025-10-13", OVERDUE, NONE},
              {"S1", NLA, "2025-10-13", OVERDUE, NONE},
              {"S1", NSW, "2025-10-13", OVERDUE, NONE}},
     .absent = {"S1 " NVSH}},

    /* Child protection plan: decided Fri 5 Dec, suspended Mon 8 Dec. SW, PARENT, LA due Fri 5
     * Dec, S104 NTH(Mon 8 Dec, 1) = Mon 8 Dec; as of Fri 5 Dec all open. No VSH. */
    {.name = "child protection plan: social worker on the day of decision",
     .as_of = "2025-12-05",
     .snap = {{.as_of = "2025-08-01", .cp = 1}},
     .ev = {SUSP_DEC("S1", URN_A, "2025-12-05", "2025-12-08", 2)},
     .want = {{"S1", PARENT, "2025-12-05", OPEN, NONE},
              {"S1", S104, "2025-12-08", OPEN, NONE},
              {"S1", NLA, "2025-12-05", OPEN, NONE},
              {"S1", NSW, "2025-12-05", OPEN, NONE}},
     .absent = {"S1 " NVSH}},

    /* Previously looked after only (R1): not looked after, no CIN/CP/CLA: neither SW nor VSH
     * (LOCAL-VS-CONSULT is test_protocol.c's). Mon 19 Jan 2026, as of that day: open. */
    {.name = "previously looked after: no statutory social worker or VSH notice",
     .as_of = "2026-01-19",
     .snap = {{.as_of = "2025-08-01", .pla = 1}},
     .ev = {SUSP("S1", URN_A, "2026-01-19", 2)},
     .want = {{"S1", PARENT, "2026-01-19", OPEN, NONE},
              {"S1", S104, "2026-01-19", OPEN, NONE},
              {"S1", NLA, "2026-01-19", OPEN, NONE}},
     .absent = {"S1 " NSW, "S1 " NVSH}},

    /* Taken into care on 1 Nov 2025 (a second snapshot). S1 Mon 20 Oct (not looked after then,
     * R1): no SW or VSH; its notices were given that day. S2 Mon 10 Nov (looked after): SW and
     * VSH due Mon 10 Nov; as of Tue 11 Nov overdue. */
    {.name = "became looked after between two suspensions",
     .as_of = "2025-11-11",
     .snap = {{.as_of = "2025-08-01"}, {.as_of = "2025-11-01", .cla = 1}},
     .ev = {SUSP("S1", URN_A, "2025-10-20", 2), ACT(URN_A, "S1", PARENT, "2025-10-20", "hand"),
            ACT(URN_A, "S1", S104, "2025-10-20", "hand"),
            ACT(URN_A, "S1", NLA, "2025-10-20", "hand"), SUSP("S2", URN_A, "2025-11-10", 2)},
     .want = {{"S1", PARENT, "2025-10-20", DONE, "2025-10-20"},
              {"S1", S104, "2025-10-20", DONE, "2025-10-20"},
              {"S1", NLA, "2025-10-20", DONE, "2025-10-20"},
              {"S2", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S2", S104, "2025-11-10", OVERDUE, NONE},
              {"S2", NLA, "2025-11-10", OVERDUE, NONE},
              {"S2", NSW, "2025-11-10", OVERDUE, NONE},
              {"S2", NVSH, "2025-11-10", OVERDUE, NONE}},
     .absent = {"S1 " NSW, "S1 " NVSH}},

    /* == term totals: STAT-NOTIFY-GB (above 5 days), STAT-GB-15DAY (above 15); thresholds strict
     * (§2: "more than 5" = 5.5 or more); lunchtimes 0.5 day each; a suspension's days go to the
     * term in which each falls == */

    /* Exactly 5 days: Mon 17 Nov, 10 sessions = Mon 17 - Fri 21 Nov. Term total 5, not above 5:
     * no NOTIFY-GB; a 5-day run: no sixth day. Due Mon 17 Nov; as of Fri 21 Nov overdue. */
    {.name = "5-day suspension: nothing for the board, no sixth day",
     .as_of = "2025-11-21",
     .ev = {SUSP("S1", URN_A, "2025-11-17", 10)},
     .want = {{"S1", PARENT, "2025-11-17", OVERDUE, NONE},
              {"S1", S104, "2025-11-17", OVERDUE, NONE},
              {"S1", NLA, "2025-11-17", OVERDUE, NONE}},
     .absent = {"S1 " NGB, "S1 " SIXTH_SCHOOL, "S1 " GB15}},

    /* 5.5 days: Mon 17 Nov, 11 sessions = Mon 17 - Fri 21 (5 days) and Mon 24 AM. Term total
     * 5.5 > 5: NOTIFY-GB due Mon 17 Nov (overdue as of Fri 21). The run is longer than 5 school
     * days: STAT-6TH-DAY-SCHOOL due NTH(Mon 17 Nov, 6): 17,18,19,20,21 = 1..5, Mon 24 Nov = 6;
     * as of Fri 21 Nov open. Not above 15: no GB-15DAY. */
    {.name = "5.5-day suspension: board told, sixth day is a half day",
     .as_of = "2025-11-21",
     .ev = {SUSP("S1", URN_A, "2025-11-17", 11)},
     .want = {{"S1", PARENT, "2025-11-17", OVERDUE, NONE},
              {"S1", S104, "2025-11-17", OVERDUE, NONE},
              {"S1", NLA, "2025-11-17", OVERDUE, NONE},
              {"S1", NGB, "2025-11-17", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2025-11-24", OPEN, NONE}},
     .absent = {"S1 " GB15, "S1 " GB50}},

    /* Lunchtimes at the 5-day threshold. S1 Mon 8 Sep, 9 sessions = 4.5 days (8-11 Sep, Fri 12
     * AM); L1 Mon 22 Sep, 1 lunchtime = 0.5 day: total 5.0, not above 5; L2 Wed 1 Oct, 1
     * lunchtime: total 5.5 > 5, so NOTIFY-GB on L2 only (§3: every exclusion after which the
     * total is above), due Wed 1 Oct. S104 of a lunchtime: NTH(its day, 1) = that day (R5). As of
     * Wed 1 Oct: S1 and L1 overdue, L2 open. */
    {.name = "lunchtimes: 4.5 + 0.5 = 5 days (no board), + 0.5 = 5.5 (board)",
     .as_of = "2025-10-01",
     .ev = {SUSP("S1", URN_A, "2025-09-08", 9), LUNCH("L1", URN_A, "2025-09-22", 1),
            LUNCH("L2", URN_A, "2025-10-01", 1)},
     .want = {{"S1", PARENT, "2025-09-08", OVERDUE, NONE},
              {"S1", S104, "2025-09-08", OVERDUE, NONE},
              {"S1", NLA, "2025-09-08", OVERDUE, NONE},
              {"L1", PARENT, "2025-09-22", OVERDUE, NONE},
              {"L1", S104, "2025-09-22", OVERDUE, NONE},
              {"L1", NLA, "2025-09-22", OVERDUE, NONE},
              {"L2", PARENT, "2025-10-01", OPEN, NONE},
              {"L2", S104, "2025-10-01", OPEN, NONE},
              {"L2", NLA, "2025-10-01", OPEN, NONE},
              {"L2", NGB, "2025-10-01", OPEN, NONE}},
     .absent = {"S1 " NGB, "L1 " NGB, "S1 " SIXTH_SCHOOL, "L1 " SIXTH_SCHOOL, "L2 " SIXTH_SCHOOL}},

    /* Lunchtimes at the 15-day threshold. S1 Mon 3 Nov, 29 sessions = 14.5 days (3-20 Nov, Fri
     * 21 AM): NOTIFY-GB (done 3 Nov), sixth day NTH(3 Nov, 6) = Mon 10 Nov (done 10 Nov).
     * L1 Tue 2 Dec: total 15.0 > 5 but not above 15: NOTIFY-GB due 2 Dec, no GB-15DAY.
     * L2 Wed 3 Dec: total 15.5 > 15: NOTIFY-GB due 3 Dec (emailed that day: done 3 Dec) and
     * GB-15DAY: the board's notice emailed Wed 3 Dec is deemed received on the 2nd working day
     * after, Thu 4 (1), Fri 5 Dec (2); AFTER(Fri 5 Dec, 15): Dec 8-12 = 1..5, 15-19 = 6..10,
     * Christmas, Jan 5-9 = 11..15 -> Fri 9 Jan 2026. As of Wed 3 Dec: L1 overdue, L2 open. */
    {.name = "lunchtimes: 14.5 + 0.5 = 15 days (no 15-day duty), + 0.5 = 15.5 (duty)",
     .as_of = "2025-12-03",
     .ev = {SUSP("S1", URN_A, "2025-11-03", 29), ACT(URN_A, "S1", PARENT, "2025-11-03", "hand"),
            ACT(URN_A, "S1", S104, "2025-11-03", "hand"),
            ACT(URN_A, "S1", NLA, "2025-11-03", "hand"),
            ACT(URN_A, "S1", NGB, "2025-11-03", "hand"),
            ACT(URN_A, "S1", SIXTH_SCHOOL, "2025-11-10", NULL), LUNCH("L1", URN_A, "2025-12-02", 1),
            LUNCH("L2", URN_A, "2025-12-03", 1), ACT(URN_A, "L2", NGB, "2025-12-03", "email")},
     .want = {{"S1", PARENT, "2025-11-03", DONE, "2025-11-03"},
              {"S1", S104, "2025-11-03", DONE, "2025-11-03"},
              {"S1", NLA, "2025-11-03", DONE, "2025-11-03"},
              {"S1", NGB, "2025-11-03", DONE, "2025-11-03"},
              {"S1", SIXTH_SCHOOL, "2025-11-10", DONE, "2025-11-10"},
              {"L1", PARENT, "2025-12-02", OVERDUE, NONE},
              {"L1", S104, "2025-12-02", OVERDUE, NONE},
              {"L1", NLA, "2025-12-02", OVERDUE, NONE},
              {"L1", NGB, "2025-12-02", OVERDUE, NONE},
              {"L2", PARENT, "2025-12-03", OPEN, NONE},
              {"L2", S104, "2025-12-03", OPEN, NONE},
              {"L2", NLA, "2025-12-03", OPEN, NONE},
              {"L2", NGB, "2025-12-03", DONE, "2025-12-03"},
              {"L2", GB15, "2026-01-09", OPEN, NONE}},
     .absent = {"S1 " GB15, "L1 " GB15, "L1 " SIXTH_SCHOOL, "L2 " SIXTH_SCHOOL, "S1 " GB50}},

    /* A suspension that straddles two terms: Mon 15 Dec, 20 sessions = 10 school days: Dec
     * 15-19 (5, autumn) and Jan 5-9 (5, spring). Each term's total is 5, not above 5: no
     * NOTIFY-GB (R4). The run is 10 school days: sixth day NTH(15 Dec, 6): Dec 15-19 = 1..5,
     * Christmas, Mon 5 Jan = 6. As of Fri 19 Dec: notices overdue, the sixth day open. */
    {.name = "suspension straddling two terms: 5 + 5 days, no board",
     .as_of = "2025-12-19",
     .ev = {SUSP("S1", URN_A, "2025-12-15", 20)},
     .want = {{"S1", PARENT, "2025-12-15", OVERDUE, NONE},
              {"S1", S104, "2025-12-15", OVERDUE, NONE},
              {"S1", NLA, "2025-12-15", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2026-01-05", OPEN, NONE}},
     .absent = {"S1 " NGB, "S1 " GB15}},

    /* The same after a day earlier in the autumn term (S0 Tue 7 Oct, 1 day): autumn total after
     * S1 = 1 + 5 = 6 > 5: NOTIFY-GB on S1, due Mon 15 Dec; spring 5. S0 alone (1 day) nothing. */
    {.name = "suspension straddling two terms after an earlier autumn day: board told",
     .as_of = "2025-12-19",
     .ev = {SUSP("S0", URN_A, "2025-10-07", 2), SUSP("S1", URN_A, "2025-12-15", 20)},
     .want = {{"S0", PARENT, "2025-10-07", OVERDUE, NONE},
              {"S0", S104, "2025-10-07", OVERDUE, NONE},
              {"S0", NLA, "2025-10-07", OVERDUE, NONE},
              {"S1", PARENT, "2025-12-15", OVERDUE, NONE},
              {"S1", S104, "2025-12-15", OVERDUE, NONE},
              {"S1", NLA, "2025-12-15", OVERDUE, NONE},
              {"S1", NGB, "2025-12-15", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2026-01-05", OPEN, NONE}},
     .absent = {"S0 " NGB, "S0 " SIXTH_SCHOOL, "S1 " GB15}},

    /* == the sixth day: STAT-6TH-DAY-SCHOOL (a run of back-to-back suspensions longer than 5
     * school days; the duty belongs to the suspension in which day 6 falls; due NTH(run start,
     * 6)) == */

    /* Back to back: S1 Mon 10 Nov, 6 sessions = Mon 10, Tue 11, Wed 12; S2 decided Wed 12,
     * from Thu 13 Nov, 6 sessions = Thu 13, Fri 14, Mon 17. No school day between: one run of
     * 10,11,12,13,14,17 = days 1..6; day 6 (Mon 17 Nov) falls in S2: the duty is S2's, due
     * NTH(Mon 10 Nov, 6) = Mon 17 Nov. Term total 3 after S1, 6 after S2: NOTIFY-GB on S2 only,
     * due its decision, Wed 12 Nov. S2's S104 NTH(Thu 13, 1) = Thu 13 Nov. As of Fri 14 Nov. */
    {.name = "back-to-back 3 + 3 days: sixth day in the second",
     .as_of = "2025-11-14",
     .ev = {SUSP("S1", URN_A, "2025-11-10", 6),
            SUSP_DEC("S2", URN_A, "2025-11-12", "2025-11-13", 6)},
     .want = {{"S1", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S1", S104, "2025-11-10", OVERDUE, NONE},
              {"S1", NLA, "2025-11-10", OVERDUE, NONE},
              {"S2", PARENT, "2025-11-12", OVERDUE, NONE},
              {"S2", S104, "2025-11-13", OVERDUE, NONE},
              {"S2", NLA, "2025-11-12", OVERDUE, NONE},
              {"S2", NGB, "2025-11-12", OVERDUE, NONE},
              {"S2", SIXTH_SCHOOL, "2025-11-17", OPEN, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL, "S1 " NGB}},

    /* An INSET day inside the window, school B (INSET Fri 14 Nov). S1 Tue 11 Nov, 6 sessions =
     * Tue 11, Wed 12, Thu 13; S2 Mon 17 Nov, 6 sessions = 17, 18, 19. Between Thu 13 and Mon
     * 17: Fri 14 (INSET) and the weekend, no school day: back to back. NTH(Tue 11 Nov, 6) at B:
     * 11, 12, 13, [14 INSET], 17, 18, 19 = 1..6 -> Wed 19 Nov, in S2. Total 6 after S2:
     * NOTIFY-GB on S2. As of Mon 17 Nov: S1's overdue, S2's open. */
    {.name = "back-to-back over an INSET day and a weekend (school B)",
     .as_of = "2025-11-17",
     .ev = {SUSP("S1", URN_B, "2025-11-11", 6), SUSP("S2", URN_B, "2025-11-17", 6)},
     .want = {{"S1", PARENT, "2025-11-11", OVERDUE, NONE},
              {"S1", S104, "2025-11-11", OVERDUE, NONE},
              {"S1", NLA, "2025-11-11", OVERDUE, NONE},
              {"S2", PARENT, "2025-11-17", OPEN, NONE},
              {"S2", S104, "2025-11-17", OPEN, NONE},
              {"S2", NLA, "2025-11-17", OPEN, NONE},
              {"S2", NGB, "2025-11-17", OPEN, NONE},
              {"S2", SIXTH_SCHOOL, "2025-11-19", OPEN, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL, "S1 " NGB}},

    /* Not back to back: S1 Mon 10 Nov (10, 11, 12), S2 Fri 14 Nov (14, 17, 18); Thu 13 Nov is a
     * school day between them: two runs of 3 days, no sixth day. Term total 6 after S2:
     * NOTIFY-GB on S2, due Fri 14 Nov (open as of that day). */
    {.name = "a school day between two 3-day suspensions: no run",
     .as_of = "2025-11-14",
     .ev = {SUSP("S1", URN_A, "2025-11-10", 6), SUSP("S2", URN_A, "2025-11-14", 6)},
     .want = {{"S1", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S1", S104, "2025-11-10", OVERDUE, NONE},
              {"S1", NLA, "2025-11-10", OVERDUE, NONE},
              {"S2", PARENT, "2025-11-14", OPEN, NONE},
              {"S2", S104, "2025-11-14", OPEN, NONE},
              {"S2", NLA, "2025-11-14", OPEN, NONE},
              {"S2", NGB, "2025-11-14", OPEN, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL, "S2 " SIXTH_SCHOOL, "S1 " NGB}},

    /* A 5-day run: S1 Mon 17 Nov, 4 sessions (17, 18); S2 Wed 19 Nov, 6 sessions (19, 20, 21):
     * back to back, 5 school days: no sixth day. Term total 5: no NOTIFY-GB. */
    {.name = "back-to-back 2 + 3 days: a 5-day run, no sixth day",
     .as_of = "2025-11-21",
     .ev = {SUSP("S1", URN_A, "2025-11-17", 4), SUSP("S2", URN_A, "2025-11-19", 6)},
     .want = {{"S1", PARENT, "2025-11-17", OVERDUE, NONE},
              {"S1", S104, "2025-11-17", OVERDUE, NONE},
              {"S1", NLA, "2025-11-17", OVERDUE, NONE},
              {"S2", PARENT, "2025-11-19", OVERDUE, NONE},
              {"S2", S104, "2025-11-19", OVERDUE, NONE},
              {"S2", NLA, "2025-11-19", OVERDUE, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL, "S2 " SIXTH_SCHOOL, "S1 " NGB, "S2 " NGB}},

    /* Day 6 inside the first of two back-to-back suspensions: S1 Mon 1 Dec, 12 sessions = Dec
     * 1-5 and Mon 8 (day 6); S2 Tue 9 Dec, 4 sessions (9, 10). One run, one sixth day: S1's, due
     * NTH(1 Dec, 6) = Mon 8 Dec, done that day. S2 none. Totals 6 and 8: NOTIFY-GB on both. */
    {.name = "back-to-back: sixth day inside the first suspension",
     .as_of = "2025-12-10",
     .ev = {SUSP("S1", URN_A, "2025-12-01", 12), ACT(URN_A, "S1", SIXTH_SCHOOL, "2025-12-08", NULL),
            SUSP("S2", URN_A, "2025-12-09", 4)},
     .want = {{"S1", PARENT, "2025-12-01", OVERDUE, NONE},
              {"S1", S104, "2025-12-01", OVERDUE, NONE},
              {"S1", NLA, "2025-12-01", OVERDUE, NONE},
              {"S1", NGB, "2025-12-01", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2025-12-08", DONE, "2025-12-08"},
              {"S2", PARENT, "2025-12-09", OVERDUE, NONE},
              {"S2", S104, "2025-12-09", OVERDUE, NONE},
              {"S2", NLA, "2025-12-09", OVERDUE, NONE},
              {"S2", NGB, "2025-12-09", OVERDUE, NONE}},
     .absent = {"S2 " SIXTH_SCHOOL}},

    /* Three back to back: S1 Wed 3 Dec (3, 4), S2 Fri 5 Dec (5, 8), S3 Tue 9 Dec (9, 10, 11).
     * Run 3, 4, 5, 8, 9, 10 = days 1..6: day 6 Wed 10 Dec in S3; due NTH(Wed 3 Dec, 6) = Wed 10
     * Dec. Totals 2, 4, 7: NOTIFY-GB on S3 only. As of Tue 9 Dec: S3's open. */
    {.name = "three back-to-back suspensions: sixth day in the third",
     .as_of = "2025-12-09",
     .ev = {SUSP("S1", URN_A, "2025-12-03", 4), SUSP("S2", URN_A, "2025-12-05", 4),
            SUSP("S3", URN_A, "2025-12-09", 6)},
     .want = {{"S1", PARENT, "2025-12-03", OVERDUE, NONE},
              {"S1", S104, "2025-12-03", OVERDUE, NONE},
              {"S1", NLA, "2025-12-03", OVERDUE, NONE},
              {"S2", PARENT, "2025-12-05", OVERDUE, NONE},
              {"S2", S104, "2025-12-05", OVERDUE, NONE},
              {"S2", NLA, "2025-12-05", OVERDUE, NONE},
              {"S3", PARENT, "2025-12-09", OPEN, NONE},
              {"S3", S104, "2025-12-09", OPEN, NONE},
              {"S3", NLA, "2025-12-09", OPEN, NONE},
              {"S3", NGB, "2025-12-09", OPEN, NONE},
              {"S3", SIXTH_SCHOOL, "2025-12-10", OPEN, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL, "S2 " SIXTH_SCHOOL, "S1 " NGB, "S2 " NGB}},

    /* Withdrawn (§3 last paragraph, R3): S1 Mon 10 Nov, 12 sessions (10-14, 17), withdrawn Wed
     * 12 Nov. Sixth day NTH(10 Nov, 6) = Mon 17 Nov, not yet due on 12 Nov: ends. PARENT, LA
     * (STAT-NOTIFY-*) stay; NOTIFY-GB (6 days > 5 when decided) stays: the board must still be
     * told; S104 due Mon 10 Nov had fallen due by 12 Nov: stays. As of Thu 20 Nov: overdue. */
    {.name = "withdrawn suspension: notices stay, the sixth day ends",
     .as_of = "2025-11-20",
     .ev = {SUSP("S1", URN_A, "2025-11-10", 12), WITHDRAWN(URN_A, "S1", "2025-11-12")},
     .want = {{"S1", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S1", S104, "2025-11-10", OVERDUE, NONE},
              {"S1", NLA, "2025-11-10", OVERDUE, NONE},
              {"S1", NGB, "2025-11-10", OVERDUE, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL}},

    /* The same facts as of Tue 11 Nov, before the withdrawal (decided 12 Nov, not yet known):
     * the sixth day (Mon 17 Nov) is there and open. */
    {.name = "the same suspension as of the day before its withdrawal",
     .as_of = "2025-11-11",
     .ev = {SUSP("S1", URN_A, "2025-11-10", 12), WITHDRAWN(URN_A, "S1", "2025-11-12")},
     .want = {{"S1", PARENT, "2025-11-10", OVERDUE, NONE},
              {"S1", S104, "2025-11-10", OVERDUE, NONE},
              {"S1", NLA, "2025-11-10", OVERDUE, NONE},
              {"S1", NGB, "2025-11-10", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2025-11-17", OPEN, NONE}}},

    /* == public exams: STAT-NOTIFY-GB, STAT-GB-15DAY and STAT-GB-EXAM (due the last school day
     * before the exam) == */

    /* Year 11 (born 15 Jan 2010, of compulsory school age to Fri 26 Jun 2026). Suspended Mon 3
     * Nov, 4 sessions (3, 4 Nov), would miss a GCSE resit on Tue 4 Nov. GB-EXAM due the last
     * school day before Tue 4 Nov = Mon 3 Nov: the board met that day (done). NOTIFY-GB due Mon
     * 3 Nov, handed over: done. GB-15DAY (exam trigger): AFTER(Mon 3 Nov, 15): Nov 4-7 = 1..4,
     * 10-14 = 5..9, 17-21 = 10..14, Mon 24 Nov = 15; as of Wed 5 Nov open. */
    {.name = "exam the day after the suspension starts: board meets on day 1",
     .as_of = "2025-11-05",
     .dob = "2010-01-15",
     .year = "11",
     .ev = {SUSP_EXAM("S1", URN_A, "2025-11-03", "2025-11-03", 4, "2025-11-04"),
            ACT(URN_A, "S1", PARENT, "2025-11-03", "hand"),
            ACT(URN_A, "S1", S104, "2025-11-03", "hand"),
            ACT(URN_A, "S1", NLA, "2025-11-03", "hand"),
            ACT(URN_A, "S1", NGB, "2025-11-03", "hand"),
            ACT_OUT(URN_A, "S1", GBEXAM, "2025-11-03", "hand", "upheld")},
     .want = {{"S1", PARENT, "2025-11-03", DONE, "2025-11-03"},
              {"S1", S104, "2025-11-03", DONE, "2025-11-03"},
              {"S1", NLA, "2025-11-03", DONE, "2025-11-03"},
              {"S1", NGB, "2025-11-03", DONE, "2025-11-03"},
              {"S1", GBEXAM, "2025-11-03", DONE, "2025-11-03"},
              {"S1", GB15, "2025-11-24", OPEN, NONE}},
     .absent = {"S1 " GB50, "S1 " SIXTH_SCHOOL}},

    /* Exam on a Monday: decided Wed 3 Dec, suspended Thu 4 Dec, 6 sessions (4, 5, 8 Dec), exam
     * Mon 8 Dec. GB-EXAM due the last school day before Mon 8 Dec = Fri 5 Dec. NOTIFY-GB due Wed
     * 3 Dec. GB-15DAY, notice not recorded, from the decision: AFTER(Wed 3 Dec, 15): Dec 4, 5 =
     * 1, 2; 8-12 = 3..7; 15-19 = 8..12; Christmas; Jan 5, 6, 7 = 13, 14, 15 -> Wed 7 Jan 2026.
     * As of Tue 9 Dec nothing done: all overdue but GB-15DAY (open). */
    {.name = "exam on a Monday: board due the Friday before; 15 days over Christmas",
     .as_of = "2025-12-09",
     .dob = "2010-01-15",
     .year = "11",
     .ev = {SUSP_EXAM("S1", URN_A, "2025-12-03", "2025-12-04", 6, "2025-12-08")},
     .want = {{"S1", PARENT, "2025-12-03", OVERDUE, NONE},
              {"S1", S104, "2025-12-04", OVERDUE, NONE},
              {"S1", NLA, "2025-12-03", OVERDUE, NONE},
              {"S1", NGB, "2025-12-03", OVERDUE, NONE},
              {"S1", GBEXAM, "2025-12-05", OVERDUE, NONE},
              {"S1", GB15, "2026-01-07", OPEN, NONE}},
     .absent = {"S1 " SIXTH_SCHOOL}},

    /* Exam after half-term; the board's notice posted with its deemed date in the holiday.
     * Decided Thu 23 Oct, suspended Fri 24 Oct, 4 sessions (Fri 24 Oct, Mon 3 Nov), exam Mon 3
     * Nov. GB-EXAM due the last school day before Mon 3 Nov = Fri 24 Oct (board met: done).
     * NOTIFY-GB due Thu 23 Oct, posted that day: done 23 Oct; deemed Mon 27 Oct (working days
     * Fri 24, Mon 27; half-term days are working days). GB-15DAY AFTER(Mon 27 Oct, 15):
     * half-term 27-31 Oct, school days Nov 3..21 = 1..15 -> Fri 21 Nov; open as of Fri 31 Oct.
     * S104 NTH(Fri 24 Oct, 1) = Fri 24 Oct, handed over Thu 23 Oct. */
    {.name = "exam after half-term; board's notice posted, deemed in the holiday",
     .as_of = "2025-10-31",
     .dob = "2010-01-15",
     .year = "11",
     .ev = {SUSP_EXAM("S1", URN_A, "2025-10-23", "2025-10-24", 4, "2025-11-03"),
            ACT(URN_A, "S1", PARENT, "2025-10-23", "hand"),
            ACT(URN_A, "S1", S104, "2025-10-23", "hand"),
            ACT(URN_A, "S1", NLA, "2025-10-23", "email"),
            ACT(URN_A, "S1", NGB, "2025-10-23", "post"),
            ACT_OUT(URN_A, "S1", GBEXAM, "2025-10-24", "hand", "upheld")},
     .want = {{"S1", PARENT, "2025-10-23", DONE, "2025-10-23"},
              {"S1", S104, "2025-10-24", DONE, "2025-10-23"},
              {"S1", NLA, "2025-10-23", DONE, "2025-10-23"},
              {"S1", NGB, "2025-10-23", DONE, "2025-10-23"},
              {"S1", GBEXAM, "2025-10-24", DONE, "2025-10-24"},
              {"S1", GB15, "2025-11-21", OPEN, NONE}},
     .absent = {"S1 " GB50, "S1 " SIXTH_SCHOOL}},

    /* == STAT-GB-50DAY: term total above 5 and not above 15, and representations (their start
     * = the day received): AFTER(received, 50) == */

    /* S1 Mon 6 Oct, 12 sessions = Oct 6-10, Mon 13 (6 days): NOTIFY-GB (done 6 Oct), sixth day
     * NTH(6 Oct, 6) = Mon 13 Oct (done). Representations received Mon 13 Oct: AFTER(13 Oct, 50):
     * Oct 14-17 = 1..4, 20-24 = 5..9, half-term, Nov 3-7 = 10..14, 10-14 = 15..19, 17-21 =
     * 20..24, 24-28 = 25..29, Dec 1-5 = 30..34, 8-12 = 35..39, 15-19 = 40..44, Christmas, Jan
     * 5-9 = 45..49, Mon 12 Jan = 50 -> Mon 12 Jan 2026; open as of Mon 3 Nov. */
    {.name = "representations on a 6-day suspension: 50 days over half-term and Christmas",
     .as_of = "2025-11-03",
     .ev = {SUSP("S1", URN_A, "2025-10-06", 12), ACT(URN_A, "S1", PARENT, "2025-10-06", "hand"),
            ACT(URN_A, "S1", S104, "2025-10-06", "hand"),
            ACT(URN_A, "S1", NLA, "2025-10-06", "hand"),
            ACT(URN_A, "S1", NGB, "2025-10-06", "hand"),
            ACT(URN_A, "S1", SIXTH_SCHOOL, "2025-10-13", NULL), REPS(URN_A, "S1", "2025-10-13")},
     .want = {{"S1", PARENT, "2025-10-06", DONE, "2025-10-06"},
              {"S1", S104, "2025-10-06", DONE, "2025-10-06"},
              {"S1", NLA, "2025-10-06", DONE, "2025-10-06"},
              {"S1", NGB, "2025-10-06", DONE, "2025-10-06"},
              {"S1", SIXTH_SCHOOL, "2025-10-13", DONE, "2025-10-13"},
              {"S1", GB50, "2026-01-12", OPEN, NONE}},
     .absent = {"S1 " GB15}},

    /* School B (INSET Fri 14 Nov). S1 Mon 3 Nov, 30 sessions = 15 school days: Nov 3-7 = 1..5,
     * 10-13 = 6..9, [14 INSET], 17-21 = 10..14, Mon 24 = 15. Total 15: above 5, not above 15:
     * NOTIFY-GB, no GB-15DAY. Sixth day NTH(3 Nov, 6) = Mon 10 Nov. Representations received Wed
     * 26 Nov: AFTER(26 Nov, 50) at B: Nov 27, 28 = 1, 2; Dec 1-5 = 3..7; 8-12 = 8..12; 15-19 =
     * 13..17; Jan 5-9 = 18..22; 12-16 = 23..27; 19-23 = 28..32; 26-30 = 33..37; Feb 2-6 =
     * 38..42; 9-13 = 43..47; half-term; Feb 23, 24, 25 = 48, 49, 50 -> Wed 25 Feb 2026. The board
     * met Thu 15 Jan: done. Nothing else recorded: overdue as of Fri 16 Jan. */
    {.name = "representations on exactly 15 days (school B): 50-day duty done early",
     .as_of = "2026-01-16",
     .ev = {SUSP("S1", URN_B, "2025-11-03", 30), REPS(URN_B, "S1", "2025-11-26"),
            ACT_OUT(URN_B, "S1", GB50, "2026-01-15", "hand", "upheld")},
     .want = {{"S1", PARENT, "2025-11-03", OVERDUE, NONE},
              {"S1", S104, "2025-11-03", OVERDUE, NONE},
              {"S1", NLA, "2025-11-03", OVERDUE, NONE},
              {"S1", NGB, "2025-11-03", OVERDUE, NONE},
              {"S1", SIXTH_SCHOOL, "2025-11-10", OVERDUE, NONE},
              {"S1", GB50, "2026-02-25", DONE, "2026-01-15"}},
     .absent = {"S1 " GB15}},

    /* Lunchtime at the 5-day threshold with representations: S1 Mon 5 Jan, 10 sessions (Jan
     * 5-9, 5 days: no board); L1 Wed 21 Jan, 1 lunchtime: spring total 5.5: NOTIFY-GB on L1.
     * Representations about L1 received Fri 23 Jan: AFTER(23 Jan, 50): Jan 26-30 = 1..5, Feb 2-6
     * = 6..10, 9-13 = 11..15, half-term, Feb 23-27 = 16..20, Mar 2-6 = 21..25, 9-13 = 26..30,
     * 16-20 = 31..35, 23-27 = 36..40, Easter, Apr 13-17 = 41..45, 20-24 = 46..50 -> Fri 24 Apr
     * 2026. As of Fri 23 Jan. */
    {.name = "lunchtime taking the term to 5.5 days, representations: 50 days to April",
     .as_of = "2026-01-23",
     .ev = {SUSP("S1", URN_A, "2026-01-05", 10), LUNCH("L1", URN_A, "2026-01-21", 1),
            REPS(URN_A, "L1", "2026-01-23")},
     .want = {{"S1", PARENT, "2026-01-05", OVERDUE, NONE},
              {"S1", S104, "2026-01-05", OVERDUE, NONE},
              {"S1", NLA, "2026-01-05", OVERDUE, NONE},
              {"L1", PARENT, "2026-01-21", OVERDUE, NONE},
              {"L1", S104, "2026-01-21", OVERDUE, NONE},
              {"L1", NLA, "2026-01-21", OVERDUE, NONE},
              {"L1", NGB, "2026-01-21", OVERDUE, NONE},
              {"L1", GB50, "2026-04-24", OPEN, NONE}},
     .absent = {"S1 " NGB, "S1 " GB50, "L1 " GB15}},

    /* Representations about a 3-day suspension (Mon 12 Jan, 6 sessions): 5 or fewer days in the
     * term, "record representations, no duty" (§3): no GB-50DAY, no NOTIFY-GB. */
    {.name = "representations on 3 days: no duty",
     .as_of = "2026-01-15",
     .ev = {SUSP("S1", URN_A, "2026-01-12", 6), REPS(URN_A, "S1", "2026-01-14")},
     .want = {{"S1", PARENT, "2026-01-12", OVERDUE, NONE},
              {"S1", S104, "2026-01-12", OVERDUE, NONE},
              {"S1", NLA, "2026-01-12", OVERDUE, NONE}},
     .absent = {"S1 " GB50, "S1 " NGB}},

    /* Representations about a 16-day suspension: Mon 12 Jan, 32 sessions = Jan 12-16, 19-23,
     * 26-30, Mon 2 Feb. Above 15: GB-15DAY, not GB-50DAY. The board's notice handed over Mon 12
     * Jan: AFTER(12 Jan, 15): Jan 13-16 = 1..4, 19-23 = 5..9, 26-30 = 10..14, Mon 2 Feb = 15.
     * Sixth day NTH(12 Jan, 6) = Mon 19 Jan. As of Thu 15 Jan. */
    {.name = "representations on 16 days: the 15-day duty, not the 50-day",
     .as_of = "2026-01-15",
     .ev = {SUSP("S1", URN_A, "2026-01-12", 32), ACT(URN_A, "S1", NGB, "2026-01-12", "hand"),
            REPS(URN_A, "S1", "2026-01-14")},
     .want = {{"S1", PARENT, "2026-01-12", OVERDUE, NONE},
              {"S1", S104, "2026-01-12", OVERDUE, NONE},
              {"S1", NLA, "2026-01-12", OVERDUE, NONE},
              {"S1", NGB, "2026-01-12", DONE, "2026-01-12"},
              {"S1", SIXTH_SCHOOL, "2026-01-19", OPEN, NONE},
              {"S1", GB15, "2026-02-02", OPEN, NONE}},
     .absent = {"S1 " GB50}},

    /* == permanent exclusions: NOTIFY-GB, GB-15DAY, IRP-APPLY / MEET / RECONSIDER,
     * 6TH-DAY-LA (NTH(start, 6)), ROLL-REMOVAL present == */

    /* Mon 3 Nov, nothing recorded, as of that day. GB-15DAY and IRP-APPLY count from the
     * decision (notices not recorded, R2): AFTER(3 Nov, 15): Nov 4-7 = 1..4, 10-14 = 5..9,
     * 17-21 = 10..14, Mon 24 Nov = 15. 6TH-DAY-LA NTH(3 Nov, 6): 3-7 = 1..5, Mon 10 Nov = 6. No
     * IRP-MEET (no application), no RECONSIDER, no GB-50DAY, no 6TH-DAY-SCHOOL. */
    {.name = "permanent exclusion on the day of decision, nothing recorded",
     .as_of = "2025-11-03",
     .ev = {PEX("E1", URN_A, "2025-11-03")},
     .want = {{"E1", PARENT, "2025-11-03", OPEN, NONE},
              {"E1", S104, "2025-11-03", OPEN, NONE},
              {"E1", NLA, "2025-11-03", OPEN, NONE},
              {"E1", NGB, "2025-11-03", OPEN, NONE},
              {"E1", GB15, "2025-11-24", OPEN, NONE},
              {"E1", IRPAPPLY, "2025-11-24", OPEN, NONE},
              {"E1", SIXTH_LA, "2025-11-10", OPEN, NONE},
              {"E1", ROLL, ANY, ANY, ANY}},
     .absent = {"E1 " IRPMEET, "E1 " IRPRECON, "E1 " GB50, "E1 " GBEXAM, "E1 " SIXTH_SCHOOL,
                "E1 " NSW, "E1 " NVSH}},

    /* Thu 23 Oct; the board's notice posted Thu 23 Oct, deemed Mon 27 Oct (working days Fri 24,
     * Mon 27). GB-15DAY AFTER(27 Oct, 15): half-term 27-31 Oct, Nov 3..21 = 1..15 -> Fri 21 Nov.
     * IRP-APPLY, board's decision not recorded, from the decision (R2): AFTER(Thu 23 Oct, 15):
     * Fri 24 = 1, half-term, Nov 3-7 = 2..6, 10-14 = 7..11, 17, 18, 19, 20 = 12..15 -> Thu 20
     * Nov. 6TH-DAY-LA NTH(23 Oct, 6): 23, 24, Nov 3, 4, 5, 6 -> Thu 6 Nov. As of Mon 17 Nov. */
    {.name = "permanent exclusion before half-term: posted notice deemed in the holiday",
     .as_of = "2025-11-17",
     .ev = {PEX("E1", URN_A, "2025-10-23"), ACT(URN_A, "E1", PARENT, "2025-10-23", "hand"),
            ACT(URN_A, "E1", S104, "2025-10-23", "hand"),
            ACT(URN_A, "E1", NLA, "2025-10-23", "email"),
            ACT(URN_A, "E1", NGB, "2025-10-23", "post")},
     .want = {{"E1", PARENT, "2025-10-23", DONE, "2025-10-23"},
              {"E1", S104, "2025-10-23", DONE, "2025-10-23"},
              {"E1", NLA, "2025-10-23", DONE, "2025-10-23"},
              {"E1", NGB, "2025-10-23", DONE, "2025-10-23"},
              {"E1", GB15, "2025-11-21", OPEN, NONE},
              {"E1", IRPAPPLY, "2025-11-20", OPEN, NONE},
              {"E1", SIXTH_LA, "2025-11-06", OVERDUE, NONE},
              {"E1", ROLL, ANY, ANY, ANY}},
     .absent = {"E1 " IRPMEET, "E1 " IRPRECON}},

    /* Mon 1 Dec, board's notice handed over that day: GB-15DAY AFTER(1 Dec, 15): Dec 2-5 = 1..4,
     * 8-12 = 5..9, 15-19 = 10..14, Christmas, Mon 5 Jan = 15. The board reinstated on Fri 12 Dec
     * (GB-15DAY action, outcome reinstated): done; no IRP-APPLY (§3 "not reinstated by the
     * board"), no IRP-MEET. 6TH-DAY-LA NTH(1 Dec, 6) = Mon 8 Dec, not done: overdue (R6). */
    {.name = "permanent exclusion reinstated by the board: no IRP",
     .as_of = "2025-12-15",
     .ev = {PEX("E1", URN_A, "2025-12-01"), ACT(URN_A, "E1", PARENT, "2025-12-01", "hand"),
            ACT(URN_A, "E1", S104, "2025-12-01", "hand"),
            ACT(URN_A, "E1", NLA, "2025-12-01", "hand"),
            ACT(URN_A, "E1", NGB, "2025-12-01", "hand"),
            ACT_OUT(URN_A, "E1", GB15, "2025-12-12", "hand", "reinstated")},
     .want = {{"E1", PARENT, "2025-12-01", DONE, "2025-12-01"},
              {"E1", S104, "2025-12-01", DONE, "2025-12-01"},
              {"E1", NLA, "2025-12-01", DONE, "2025-12-01"},
              {"E1", NGB, "2025-12-01", DONE, "2025-12-01"},
              {"E1", GB15, "2026-01-05", DONE, "2025-12-12"},
              {"E1", SIXTH_LA, "2025-12-08", OVERDUE, NONE}},
     .absent = {"E1 " IRPAPPLY, "E1 " IRPMEET, "E1 " IRPRECON}},

    /* Wed 1 Oct. GB-15DAY AFTER(1 Oct, 15): Oct 2, 3 = 1, 2; 6-10 = 3..7; 13-17 = 8..12; 20,
     * 21, 22 = 13..15 -> Wed 22 Oct. The board upheld, its decision emailed Sun 19 Oct (a
     * non-school day): deemed the 2nd working day after, Mon 20 (1), Tue 21 Oct (2). IRP-APPLY
     * AFTER(Tue 21 Oct, 15): Oct 22, 23, 24 = 1..3, half-term, Nov 3-7 = 4..8, 10-14 = 9..13,
     * 17, 18 = 14, 15 -> Tue 18 Nov. Application posted Fri 14 Nov: deemed Mon 17 (1), Tue 18 Nov
     * (2). IRP-MEET AFTER(Tue 18 Nov, 15): Nov 19, 20, 21 = 1..3, 24-28 = 4..8, Dec 1-5 = 9..13,
     * 8, 9 = 14, 15 -> Tue 9 Dec. Panel Mon 8 Dec recommended reconsideration, posted: deemed Tue
     * 9 (1), Wed 10 Dec (2). IRP-RECONSIDER AFTER(Wed 10 Dec, 10): Dec 11, 12 = 1, 2; 15-19 =
     * 3..7; Christmas; Jan 5, 6, 7 = 8..10 -> Wed 7 Jan 2026; open as of Mon 5 Jan. 6TH-DAY-LA
     * NTH(1 Oct, 6): Oct 1, 2, 3, 6, 7, 8 -> Wed 8 Oct, done that day. */
    {.name = "permanent exclusion through to reconsideration: Sunday email, posted application",
     .as_of = "2026-01-05",
     .ev = {PEX("E1", URN_A, "2025-10-01"), ACT(URN_A, "E1", PARENT, "2025-10-01", "hand"),
            ACT(URN_A, "E1", S104, "2025-10-01", "hand"),
            ACT(URN_A, "E1", NLA, "2025-10-01", "hand"),
            ACT(URN_A, "E1", NGB, "2025-10-01", "hand"),
            ACT(URN_A, "E1", SIXTH_LA, "2025-10-08", NULL),
            ACT_OUT(URN_A, "E1", GB15, "2025-10-19", "email", "upheld"),
            ACT(URN_A, "E1", IRPAPPLY, "2025-11-14", "post"),
            ACT_OUT(URN_A, "E1", IRPMEET, "2025-12-08", "post", "recommend_reconsider")},
     .want = {{"E1", PARENT, "2025-10-01", DONE, "2025-10-01"},
              {"E1", S104, "2025-10-01", DONE, "2025-10-01"},
              {"E1", NLA, "2025-10-01", DONE, "2025-10-01"},
              {"E1", NGB, "2025-10-01", DONE, "2025-10-01"},
              {"E1", SIXTH_LA, "2025-10-08", DONE, "2025-10-08"},
              {"E1", GB15, "2025-10-22", DONE, "2025-10-19"},
              {"E1", IRPAPPLY, "2025-11-18", DONE, "2025-11-14"},
              {"E1", IRPMEET, "2025-12-09", DONE, "2025-12-08"},
              {"E1", IRPRECON, "2026-01-07", OPEN, NONE},
              {"E1", ROLL, ANY, ANY, ANY}}},

    /* School B (INSET Fri 14 Nov). Decided Mon 10 Nov, excluded from Tue 11 Nov. S104
     * NTH(Tue 11 Nov, 1) = Tue 11 Nov. The board's notice emailed Mon 10 Nov: deemed Tue 11 (1),
     * Wed 12 Nov (2). GB-15DAY AFTER(Wed 12 Nov, 15) at B: Thu 13 = 1, [Fri 14 INSET], 17-21 =
     * 2..6, 24-28 = 7..11, Dec 1-4 = 12..15 -> Thu 4 Dec. 6TH-DAY-LA NTH(Tue 11 Nov, 6) at B:
     * 11, 12, 13, [14], 17, 18, 19 -> Wed 19 Nov, never done: overdue. Board upheld, handed over
     * Sat 29 Nov (deemed that day): IRP-APPLY AFTER(Sat 29 Nov, 15): Dec 1-5 = 1..5, 8-12 =
     * 6..10, 15-19 = 11..15 -> Fri 19 Dec. Application emailed Fri 19 Dec: deemed Mon 22 (1),
     * Tue 23 Dec (2) - in the Christmas holiday. IRP-MEET AFTER(Tue 23 Dec, 15): Jan 5-9 = 1..5,
     * 12-16 = 6..10, 19-23 = 11..15 -> Fri 23 Jan. Panel directed reconsideration Wed 21 Jan,
     * handed over: IRP-RECONSIDER AFTER(21 Jan, 10): Jan 22, 23 = 1, 2; 26-30 = 3..7; Feb 2, 3,
     * 4 = 8..10 -> Wed 4 Feb; done Tue 10 Feb (late). As of Mon 16 Feb. */
    {.name = "permanent exclusion at the INSET school: emailed notices, late reconsideration",
     .as_of = "2026-02-16",
     .ev = {PEX_DEC("E1", URN_B, "2025-11-10", "2025-11-11"),
            ACT(URN_B, "E1", PARENT, "2025-11-10", "hand"),
            ACT(URN_B, "E1", S104, "2025-11-10", "hand"),
            ACT(URN_B, "E1", NLA, "2025-11-10", "hand"),
            ACT(URN_B, "E1", NGB, "2025-11-10", "email"),
            ACT_OUT(URN_B, "E1", GB15, "2025-11-29", "hand", "upheld"),
            ACT(URN_B, "E1", IRPAPPLY, "2025-12-19", "email"),
            ACT_OUT(URN_B, "E1", IRPMEET, "2026-01-21", "hand", "direct_reconsider"),
            ACT_OUT(URN_B, "E1", IRPRECON, "2026-02-10", "hand", "upheld")},
     .want = {{"E1", PARENT, "2025-11-10", DONE, "2025-11-10"},
              {"E1", S104, "2025-11-11", DONE, "2025-11-10"},
              {"E1", NLA, "2025-11-10", DONE, "2025-11-10"},
              {"E1", NGB, "2025-11-10", DONE, "2025-11-10"},
              {"E1", GB15, "2025-12-04", DONE, "2025-11-29"},
              {"E1", SIXTH_LA, "2025-11-19", OVERDUE, NONE},
              {"E1", IRPAPPLY, "2025-12-19", DONE, "2025-12-19"},
              {"E1", IRPMEET, "2026-01-23", DONE, "2026-01-21"},
              {"E1", IRPRECON, "2026-02-04", DONE, "2026-02-10"},
              {"E1", ROLL, ANY, ANY, ANY}}},

    /* Mon 24 Nov. GB-15DAY AFTER(24 Nov, 15): Nov 25-28 = 1..4, Dec 1-5 = 5..9, 8-12 = 10..14,
     * Mon 15 Dec = 15. Board upheld Thu 4 Dec, posted: deemed Fri 5 (1), Mon 8 Dec (2).
     * IRP-APPLY AFTER(Mon 8 Dec, 15): Dec 9-12 = 1..4, 15-19 = 5..9, Christmas, Jan 5-9 =
     * 10..14, Mon 12 Jan = 15. Application posted Tue 23 Dec: working days Wed 24 (1), [Thu 25,
     * Fri 26 bank holidays, weekend], Mon 29 Dec (2). IRP-MEET AFTER(Mon 29 Dec, 15): Jan 5-9 =
     * 1..5, 12-16 = 6..10, 19-23 = 11..15 -> Fri 23 Jan; panel upheld Mon 26 Jan (late: done).
     * No reconsideration. 6TH-DAY-LA NTH(24 Nov, 6) = Mon 1 Dec, done. LA told Tue 25 Nov (late).
     */
    {.name = "permanent exclusion: application posted over the Christmas bank holidays",
     .as_of = "2026-02-02",
     .ev = {PEX("E1", URN_A, "2025-11-24"), ACT(URN_A, "E1", PARENT, "2025-11-24", "hand"),
            ACT(URN_A, "E1", S104, "2025-11-24", "post"),
            ACT(URN_A, "E1", NGB, "2025-11-24", "hand"),
            ACT(URN_A, "E1", NLA, "2025-11-25", "email"),
            ACT(URN_A, "E1", SIXTH_LA, "2025-12-01", NULL),
            ACT_OUT(URN_A, "E1", GB15, "2025-12-04", "post", "upheld"),
            ACT(URN_A, "E1", IRPAPPLY, "2025-12-23", "post"),
            ACT_OUT(URN_A, "E1", IRPMEET, "2026-01-26", "hand", "upheld")},
     .want = {{"E1", PARENT, "2025-11-24", DONE, "2025-11-24"},
              {"E1", S104, "2025-11-24", DONE, "2025-11-24"},
              {"E1", NLA, "2025-11-24", DONE, "2025-11-25"},
              {"E1", NGB, "2025-11-24", DONE, "2025-11-24"},
              {"E1", SIXTH_LA, "2025-12-01", DONE, "2025-12-01"},
              {"E1", GB15, "2025-12-15", DONE, "2025-12-04"},
              {"E1", IRPAPPLY, "2026-01-12", DONE, "2025-12-23"},
              {"E1", IRPMEET, "2026-01-23", DONE, "2026-01-26"},
              {"E1", ROLL, ANY, ANY, ANY}},
     .absent = {"E1 " IRPRECON}},

    /* Primary school C, a Year 5 pupil (born 10 Mar 2016). Mon 5 Jan 2026; the board's notice
     * never recorded, so GB-15DAY counts from the decision: AFTER(5 Jan, 15): Jan 6-9 = 1..4,
     * 12-16 = 5..9, 19-23 = 10..14, Mon 26 Jan = 15; the board upheld that day (handed over).
     * IRP-APPLY AFTER(Mon 26 Jan, 15): Jan 27-30 = 1..4, Feb 2-6 = 5..9, 9-13 = 10..14,
     * half-term 16-20 Feb, Mon 23 Feb = 15. Application handed in Fri 13 Feb: IRP-MEET
     * AFTER(13 Feb, 15): half-term, Feb 23-27 = 1..5, Mar 2-6 = 6..10, 9-13 = 11..15 -> Fri 13
     * Mar; no panel yet: overdue as of Mon 16 Mar. 6TH-DAY-LA NTH(5 Jan, 6) = Mon 12 Jan, done.
     * S104 and NOTIFY-GB due 5 Jan never done: overdue. */
    {.name = "permanent exclusion at a primary school: panel late, across February half-term",
     .as_of = "2026-03-16",
     .dob = "2016-03-10",
     .year = "5",
     .ev = {PEX("E1", URN_C, "2026-01-05"), ACT(URN_C, "E1", PARENT, "2026-01-05", "hand"),
            ACT(URN_C, "E1", NLA, "2026-01-05", "hand"),
            ACT(URN_C, "E1", SIXTH_LA, "2026-01-12", NULL),
            ACT_OUT(URN_C, "E1", GB15, "2026-01-26", "hand", "upheld"),
            ACT(URN_C, "E1", IRPAPPLY, "2026-02-13", "hand")},
     .want = {{"E1", PARENT, "2026-01-05", DONE, "2026-01-05"},
              {"E1", S104, "2026-01-05", OVERDUE, NONE},
              {"E1", NLA, "2026-01-05", DONE, "2026-01-05"},
              {"E1", NGB, "2026-01-05", OVERDUE, NONE},
              {"E1", GB15, "2026-01-26", DONE, "2026-01-26"},
              {"E1", SIXTH_LA, "2026-01-12", DONE, "2026-01-12"},
              {"E1", IRPAPPLY, "2026-02-23", DONE, "2026-02-13"},
              {"E1", IRPMEET, "2026-03-13", OVERDUE, NONE},
              {"E1", ROLL, ANY, ANY, ANY}},
     .absent = {"E1 " IRPRECON}},

    /* Looked after; Mon 8 Sep. GB-15DAY AFTER(8 Sep, 15): Sep 9-12 = 1..4, 15-19 = 5..9, 22-26 =
     * 10..14, Mon 29 Sep = 15. Board upheld Thu 25 Sep, handed over: IRP-APPLY AFTER(25 Sep,
     * 15): Sep 26, 29, 30 = 1..3, Oct 1-3 = 4..6, 6-10 = 7..11, 13-16 = 12..15 -> Thu 16 Oct.
     * Application handed in Mon 13 Oct: IRP-MEET AFTER(13 Oct, 15): Oct 14-17 = 1..4, 20-24 =
     * 5..9, half-term, Nov 3-7 = 10..14, Mon 10 Nov = 15. Panel directed reconsideration Fri 7
     * Nov, posted: deemed Mon 10 (1), Tue 11 Nov (2). IRP-RECONSIDER AFTER(Tue 11 Nov, 10): Nov
     * 12, 13, 14 = 1..3, 17-21 = 4..8, 24, 25 = 9, 10 -> Tue 25 Nov; not done: overdue as of Wed
     * 26 Nov. SW and VSH due Mon 8 Sep: VSH told, social worker not (overdue). 6TH-DAY-LA
     * NTH(8 Sep, 6) = Mon 15 Sep, done. */
    {.name = "looked-after pupil permanently excluded: reconsideration overdue",
     .as_of = "2025-11-26",
     .snap = {{.as_of = "2025-08-01", .cla = 1}},
     .ev = {PEX("E1", URN_A, "2025-09-08"), ACT(URN_A, "E1", PARENT, "2025-09-08", "hand"),
            ACT(URN_A, "E1", S104, "2025-09-08", "hand"),
            ACT(URN_A, "E1", NLA, "2025-09-08", "hand"),
            ACT(URN_A, "E1", NGB, "2025-09-08", "hand"),
            ACT(URN_A, "E1", NVSH, "2025-09-08", "hand"),
            ACT(URN_A, "E1", SIXTH_LA, "2025-09-15", NULL),
            ACT_OUT(URN_A, "E1", GB15, "2025-09-25", "hand", "upheld"),
            ACT(URN_A, "E1", IRPAPPLY, "2025-10-13", "hand"),
            ACT_OUT(URN_A, "E1", IRPMEET, "2025-11-07", "post", "direct_reconsider")},
     .want = {{"E1", PARENT, "2025-09-08", DONE, "2025-09-08"},
              {"E1", S104, "2025-09-08", DONE, "2025-09-08"},
              {"E1", NLA, "2025-09-08", DONE, "2025-09-08"},
              {"E1", NGB, "2025-09-08", DONE, "2025-09-08"},
              {"E1", NSW, "2025-09-08", OVERDUE, NONE},
              {"E1", NVSH, "2025-09-08", DONE, "2025-09-08"},
              {"E1", SIXTH_LA, "2025-09-15", DONE, "2025-09-15"},
              {"E1", GB15, "2025-09-29", DONE, "2025-09-25"},
              {"E1", IRPAPPLY, "2025-10-16", DONE, "2025-10-13"},
              {"E1", IRPMEET, "2025-11-10", DONE, "2025-11-07"},
              {"E1", IRPRECON, "2025-11-25", OVERDUE, NONE},
              {"E1", ROLL, ANY, ANY, ANY}}},

    /* Withdrawn permanent exclusion (R3): Mon 3 Nov, withdrawn Wed 5 Nov. PARENT and LA (done 3
     * Nov) and NOTIFY-GB (due 3 Nov, not done) stay; S104 due Mon 3 Nov had fallen due: stays.
     * GB-15DAY (Mon 24 Nov), IRP-APPLY (Mon 24 Nov), 6TH-DAY-LA (Mon 10 Nov) had not: gone, and
     * the pupil is not removed from roll. As of Mon 10 Nov. */
    {.name = "withdrawn permanent exclusion: notices stay, the rest ends",
     .as_of = "2025-11-10",
     .ev = {PEX("E1", URN_A, "2025-11-03"), ACT(URN_A, "E1", PARENT, "2025-11-03", "hand"),
            ACT(URN_A, "E1", NLA, "2025-11-03", "hand"), WITHDRAWN(URN_A, "E1", "2025-11-05")},
     .want = {{"E1", PARENT, "2025-11-03", DONE, "2025-11-03"},
              {"E1", S104, "2025-11-03", OVERDUE, NONE},
              {"E1", NLA, "2025-11-03", DONE, "2025-11-03"},
              {"E1", NGB, "2025-11-03", OVERDUE, NONE}},
     .absent = {"E1 " GB15, "E1 " IRPAPPLY, "E1 " SIXTH_LA, "E1 " ROLL}},

    /* == STAT-45DAY-CAP (or_cap_check): the total in the school year across all schools may not
     * go above 45 days ==
     * At school A (roll 1 Sep 2021 - Fri 14 Nov 2025): S1 Mon 8 Sep, 30 sessions (15 days, 8-26
     * Sep); S2 Mon 6 Oct, 40 sessions (20 days: Oct 6-24 and Nov 3-7). At school B (from Mon 17
     * Nov): S3 Mon 24 Nov, 15 sessions (7.5 days). Total 30 + 40 + 15 = 85 half-days = 42.5
     * days. */
    {.name = "cap: 42.5 + 2.5 = 45.0 days across two schools is allowed",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15)},
     .cap = {"2025-12-08", 5, OR_OK, NULL}},
    {.name = "cap: 42.5 + 3 = 45.5 days across two schools is refused, naming 42.5",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15)},
     .cap = {"2025-12-08", 6, OR_ERULE, "42.5"}},
    /* A lunchtime is a half-day: 42.5 + 5 lunchtimes (5 half-days) = 45.0: allowed (the caller
     * passes half-days, duties.h). */
    {.name = "cap: lunchtimes as half-days, 42.5 + 5 x 0.5 = 45.0 allowed",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15)},
     .cap = {"2025-12-09", 5, OR_OK, NULL}},
    /* S3 withdrawn (Wed 26 Nov) no longer counts: 35 days; + 10 = 45 allowed, + 10.5 refused. */
    {.name = "cap: a withdrawn suspension does not count (35 + 10 = 45 allowed)",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15), WITHDRAWN(URN_B, "S3", "2025-11-26")},
     .cap = {"2025-12-08", 20, OR_OK, NULL}},
    {.name = "cap: a withdrawn suspension does not count (35 + 10.5 refused, naming 35)",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15), WITHDRAWN(URN_B, "S3", "2025-11-26")},
     .cap = {"2025-12-08", 21, OR_ERULE, "35"}},
    /* A new school year starts the count again: a 10-day suspension from Mon 7 Sep 2026. */
    {.name = "cap: the next school year starts again from 0",
     .enrol = {{URN_A, "2021-09-01", "2025-11-14"}, {URN_B, "2025-11-17", NULL}},
     .ev = {SUSP("S1", URN_A, "2025-09-08", 30), SUSP("S2", URN_A, "2025-10-06", 40),
            SUSP("S3", URN_B, "2025-11-24", 15)},
     .cap = {"2026-09-07", 20, OR_OK, NULL}},

    /* == STAT-ROLL-DELETION-NOTIFY (SI 2024/208 reg 13(4); CME guidance 2024: the return no
     * later than the deletion): an exit recorded in onroll is the deletion return, done on the
     * day it was recorded; due the day the pupil left. == */
    {.name = "deletion return: elective home education recorded the day it happened",
     .as_of = "2025-10-10",
     .ev = {{.id = "H1",
             .urn = URN_A,
             .kind = OR_EV_EHE,
             .start = "2025-10-01",
             .recorded = "2025-10-01"}},
     .want = {{"H1", DELETION, "2025-10-01", DONE, "2025-10-01", "onroll"}}},
    /* recorded two days after the pupil left: done, on the day it was recorded (late) */
    {.name = "deletion return: an in-year transfer recorded two days late",
     .as_of = "2025-10-10",
     .ev = {{.id = "T1",
             .urn = URN_A,
             .kind = OR_EV_IN_YEAR_TRANSFER,
             .start = "2025-10-01",
             .recorded = "2025-10-03"}},
     .want = {{"T1", DELETION, "2025-10-01", DONE, "2025-10-03", "onroll"}}},
    /* a row with no day of recording (built by hand) and no action: overdue after the day */
    {.name = "deletion return: a child missing education with no return on record",
     .as_of = "2025-10-02",
     .ev = {{.id = "C1", .urn = URN_A, .kind = OR_EV_CME, .start = "2025-10-01"}},
     .want = {{"C1", DELETION, "2025-10-01", OVERDUE, NONE}}},
    /* Born 1 Jul 2009: past compulsory school age from 27 Jun 2025 (the last Friday of June of
     * the school year in which 16; Education Act 1996 s8): no return due. */
    {.name = "deletion return: not for a pupil past compulsory school age",
     .as_of = "2025-10-10",
     .dob = "2009-07-01",
     .year = "12",
     .ev = {{.id = "H1",
             .urn = URN_A,
             .kind = OR_EV_EHE,
             .start = "2025-10-01",
             .recorded = "2025-10-01"}},
     .absent = {"H1 " DELETION}},
};

int main(void)
{
    return run_cases("duties", cases, sizeof cases / sizeof cases[0], run_case);
}
