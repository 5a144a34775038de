/* test_protocol.c - the local protocol of DOMAIN.md §4 (the LOCAL-* rows of
 * or_duties_for_pupil, duties.h), table-driven, every expected (event, rule, due, status,
 * done_on) worked out by hand from DOMAIN.md §2 and §4 with the default parameters
 * (or_params_default) and written next to its case, independently of src/core/protocol.c.
 *
 * Each case is one pupil's facts, an as-of date and the exact set of LOCAL-* rows expected: a
 * row the code gives that the case does not list is a failure, as is a listed row it does not
 * give, so every local rule a case leaves out is asserted absent (`absent` names the important
 * ones again). LOCAL-PEP (a PEP meeting every term for a looked-after pupil) is not part of
 * this brief and is ignored, and LOCAL-MASH-ASSESS is test_mash.c's; statutory rows (STAT-*) are
 * test_duties.c's business.
 *
 * The fixture (the calendar and schools below, a case written as text, building the facts,
 * comparing the rows) is shared with test_duties.c: duties_fixture.h.
 *
 * The calendar (written out; DOMAIN.md §2; bank holidays of England and Wales apply by
 * themselves):
 *   autumn 2025  term Wed 3 Sep - Fri 19 Dec, half-term holiday Mon 27 - Fri 31 Oct
 *   spring 2026  term Mon 5 Jan - Fri 27 Mar, half-term holiday Mon 16 - Fri 20 Feb
 *   summer 2026  term Mon 13 Apr - Wed 22 Jul, half-term holiday Mon 25 - Fri 29 May
 *   School A (URN 100001, secondary) and school C (URN 100003, primary) use it as it is;
 *   school B (URN 100002, secondary) adds its own INSET day, Fri 14 Nov 2025.
 *   Half-terms: 3 Sep - 24 Oct, 3 Nov - 19 Dec, 5 Jan - 13 Feb, 23 Feb - 27 Mar.
 * School days (school A):
 *   Sep  3 4 5 | 8-12 | 15-19 | 22-26 | 29 30        Oct 1 2 3 | 6-10 | 13-17 | 20-24
 *   [27-31 Oct half-term]  Nov 3-7 | 10-14 | 17-21 | 24-28   Dec 1-5 | 8-12 | 15-19
 *   [Christmas 20 Dec - 4 Jan]  Jan 5-9 | 12-16 | 19-23 | 26-30   Feb 2-6 | 9-13
 *   [16-20 Feb half-term]  Feb 23-27  Mar 2-6 | 9-13 | 16-20 | 23-27
 * Pupils: born 1 May 2012, Year 9, no EHC plan, no social worker, unless a case says otherwise.
 *
 * Readings of DOMAIN.md §4 this file relies on (reported to the lead):
 *   L1 LOCAL-CONSULT-2-15 belongs to the exclusion that trips it (the 3rd suspension of the
 *      school year at the school, or the suspension after which a term's total is above 15
 *      days). No fixed due date: open until a LOCAL-CONSULT-2-15 action names it; overdue once
 *      a further exclusion at the school has been decided without that action before it.
 *   L2 LOCAL-PSP belongs to the 2nd suspension of the school year (not the 3rd and later: the
 *      PSP is already due), due AFTER(its start, 10); or to a first suspension of 10 days or
 *      more (20+ sessions), due its last school day (the day before the return date).
 *   L3 LOCAL-PSP-REVIEW belongs to the PSP's event once a LOCAL-PSP action (on d) is recorded:
 *      due d + 28 calendar days; after a review action on r, due r + 28 (the next review),
 *      status open/overdue by that date; done_on then not checked.
 *   L4 LOCAL-PEAP: the 2nd suspension whose start falls in the same half-term as another (no
 *      fixed due: open until done); a permanent exclusion (due its decision date).
 *   L5 LOCAL-VS-CONSULT: CLA, PLA, CIN or CP in force on the decision date; due that date.
 *   L6 LOCAL-NOTIFY-PARTNERS: due AFTER(LA notified, 1), LA notified = the earlier of the day
 *      the exclusion was recorded in onroll (the LA's own system) and its STAT-NOTIFY-LA
 *      action's own date (not its deemed date: DOMAIN.md §2 deems service of notices and
 *      applications, which the statute governs, not the LA's own knowledge; issue 14), else its
 *      decision date; only with a partner (social
 *      care: CIN/CP/CLA; Virtual School: CLA/PLA/social worker; youth justice: yjs; the
 *      Re-engagement Unit: a pupil at a primary school; the PRU and MASH: any permanent
 *      exclusion). A plain secondary pupil's suspension has none: no row.
 *   L7 LOCAL-PTT: due the earlier of its end date and NTH(start, 30); without an end date,
 *      NTH(start, 30). */
#include "duties_fixture.h"

/* ---- this file's events and rules ---- */

#define PTT(i, u, s, e)                                                                            \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_PART_TIME, .start = s, .end = e                           \
    }

/* the graduated response's events (plans and referrals as ledger events) */
#define PLAN(i, u, k, s)                                                                           \
    {                                                                                              \
        .id = i, .urn = u, .kind = k, .start = s                                                   \
    }
#define REVIEW(u, plan, s, out)                                                                    \
    {                                                                                              \
        .urn = u, .kind = OR_EV_PLAN_REVIEW, .start = s, .ref = plan, .outcome = out               \
    }
#define REFER(i, u, s, svc, plan, e)                                                               \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_REFERRAL, .start = s, .to = svc, .ref = plan, .end = e    \
    }
#define UPDATE(u, r, s, status)                                                                    \
    {                                                                                              \
        .urn = u, .kind = OR_EV_REFERRAL_UPDATE, .start = s, .ref = r, .outcome = status           \
    }

/* children not in school: a move off the roll (cnis.c) */
#define EXIT(i, u, k, s)                                                                           \
    {                                                                                              \
        .id = i, .urn = u, .kind = k, .start = s                                                   \
    }
#define ENQUIRY(u, r, rl, on, out) ACT_OUT(u, r, rl, on, NULL, out)

#define CONSULT      "LOCAL-CONSULT-2-15"
#define CONSULT_PEX  "LOCAL-CONSULT-PEX"
#define PSP          "LOCAL-PSP"
#define PSP_REVIEW   "LOCAL-PSP-REVIEW"
#define PSP_ESCALATE "LOCAL-PSP-ESCALATE"
#define PEAP         "LOCAL-PEAP"
#define VS           "LOCAL-VS-CONSULT"
#define EHCP         "LOCAL-EHCP-REVIEW"
#define PARTNERS     "LOCAL-NOTIFY-PARTNERS"
#define PTT_RULE     "LOCAL-PTT"
#define REFERRAL     "LOCAL-REFERRAL"
#define CME          "LOCAL-CME-ENQUIRY"
#define EHE          "LOCAL-EHE-ENQUIRY"

/* The rows this file owns: every local-protocol rule except LOCAL-PEP (see the top). */
static bool owned_rule(const char *id)
{
    /* LOCAL-MASH-ASSESS and LOCAL-ATTEND-ALERT (issue 17) have their own files, test_mash.c
     * and test_attend_alert.c */
    return strncmp(id, "LOCAL-", 6) == 0 && strcmp(id, "LOCAL-PEP") != 0 &&
           strcmp(id, "LOCAL-MASH-ASSESS") != 0 && strcmp(id, "LOCAL-ATTEND-ALERT") != 0;
}

static void run_case(void **state)
{
    check_case(*state);
}

/* ---- the cases ---- */

static const duty_case cases[] = {
    /* == nothing local: a first, short suspension of a secondary pupil with no partner == */

    /* Tue 4 Nov, 1 day. First suspension: no PSP (L2), no PEAP, no consultation (1 is not more
     * than 2; 1 day is not more than 15); no social worker: no VS-CONSULT; secondary school, no
     * CIN/CP/CLA/PLA/yjs, not permanent: no partner to tell (L6). No EHC plan: no EHCP-REVIEW. */
    {.name = "first one-day suspension, no partner: no local duty",
     .as_of = "2025-11-10",
     .ev = {SUSP("S1", URN_A, "2025-11-04", 2)},
     .absent = {"S1 " PSP, "S1 " CONSULT, "S1 " PEAP, "S1 " VS, "S1 " PARTNERS, "S1 " EHCP,
                "S1 " PSP_REVIEW, "S1 " CONSULT_PEX}},

    /* == LOCAL-PSP: 2nd suspension in the year, AFTER(its start, 10); a suspension of 10 days
     * or more, before the return date (its last school day) == */

    /* S1 Mon 15 Sep, S2 Mon 8 Dec (different half-terms: no PEAP). S2 is the 2nd: PSP due
     * AFTER(Mon 8 Dec, 10): Dec 9-12 = 1..4, 15-19 = 5..9, Christmas, Mon 5 Jan = 10 -> Mon 5
     * Jan 2026; open as of Fri 19 Dec. No PSP action: no PSP-REVIEW. */
    {.name = "second suspension: PSP within 10 school days, across Christmas",
     .as_of = "2025-12-19",
     .ev = {SUSP("S1", URN_A, "2025-09-15", 2), SUSP("S2", URN_A, "2025-12-08", 2)},
     .want = {{"S2", PSP, "2026-01-05", OPEN, NONE}},
     .absent = {"S1 " PSP, "S2 " PEAP, "S2 " CONSULT, "S2 " PSP_REVIEW}},

    /* S1 Tue 9 Sep, S2 Mon 20 Oct: both in the half-term 3 Sep - 24 Oct: PEAP on S2, no fixed
     * due, open. PSP AFTER(Mon 20 Oct, 10): Oct 21-24 = 1..4, half-term, Nov 3-7 = 5..9, Mon 10
     * Nov = 10 -> Mon 10 Nov; started Thu 6 Nov (done). PSP-REVIEW due Thu 6 Nov + 28 days = Thu
     * 4 Dec; as of Fri 5 Dec not reviewed: overdue. */
    {.name = "two suspensions in one half-term: PEAP; PSP across half-term; review overdue",
     .as_of = "2025-12-05",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-10-20", 2),
            ACT(URN_A, "S2", PSP, "2025-11-06", NULL)},
     .want = {{"S2", PEAP, NONE, OPEN, NONE},
              {"S2", PSP, "2025-11-10", DONE, "2025-11-06"},
              {"S2", PSP_REVIEW, "2025-12-04", OVERDUE, NONE}},
     .absent = {"S1 " PSP, "S1 " PEAP, "S2 " CONSULT}},

    /* S1 Tue 9 Sep, S2 Mon 3 Nov (different half-terms). PSP AFTER(Mon 3 Nov, 10): Nov 4-7 =
     * 1..4, 10-14 = 5..9, Mon 17 Nov = 10; started Mon 10 Nov. First review due 10 Nov + 28 =
     * Mon 8 Dec, held that day; the next due 8 Dec + 28 = Mon 5 Jan 2026 (L3): open as of Mon
     * 15 Dec. */
    {.name = "PSP reviewed on time: next review 28 days on, open",
     .as_of = "2025-12-15",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            ACT(URN_A, "S2", PSP, "2025-11-10", NULL),
            ACT(URN_A, "S2", PSP_REVIEW, "2025-12-08", NULL)},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-01-05", OPEN, ANY}},
     .absent = {"S2 " PEAP, "S2 " PSP_ESCALATE}},

    /* The same as of Tue 6 Jan 2026: the review due Mon 5 Jan was not held: overdue. */
    {.name = "PSP reviewed once, the next review missed: overdue",
     .as_of = "2026-01-06",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            ACT(URN_A, "S2", PSP, "2025-11-10", NULL),
            ACT(URN_A, "S2", PSP_REVIEW, "2025-12-08", NULL)},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-01-05", OVERDUE, ANY}},
     .absent = {"S2 " PEAP}},

    /* LOCAL-PSP-ESCALATE (DOMAIN.md §4: "two PSP reviews in a row recorded as not improving"):
     * PSP started Mon 10 Nov; reviews Mon 8 Dec (no_change) and Mon 5 Jan 2026 (worse): two in
     * a row not improving -> escalate, no fixed due date, open as of Tue 6 Jan. The next review
     * is due 5 Jan + 28 days = Mon 2 Feb 2026, open. */
    {.name = "two PSP reviews without improvement: escalate (REU or EP referral)",
     .as_of = "2026-01-06",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            ACT(URN_A, "S2", PSP, "2025-11-10", NULL),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2025-12-08", NULL, "no_change"),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2026-01-05", NULL, "worse")},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-02-02", OPEN, ANY},
              {"S2", PSP_ESCALATE, NONE, OPEN, NONE}},
     .absent = {"S2 " PEAP}},

    /* The same, but the second review says improving: not two in a row -> no escalation. */
    {.name = "PSP reviews no change then improving: no escalation",
     .as_of = "2026-01-06",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            ACT(URN_A, "S2", PSP, "2025-11-10", NULL),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2025-12-08", NULL, "no_change"),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2026-01-05", NULL, "improving")},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-02-02", OPEN, ANY}},
     .absent = {"S2 " PSP_ESCALATE}},

    /* Escalation recorded Thu 8 Jan (the referral made): done, as of Fri 9 Jan. */
    {.name = "PSP escalation recorded: done",
     .as_of = "2026-01-09",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            ACT(URN_A, "S2", PSP, "2025-11-10", NULL),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2025-12-08", NULL, "no_change"),
            ACT_OUT(URN_A, "S2", PSP_REVIEW, "2026-01-05", NULL, "no_change"),
            ACT(URN_A, "S2", PSP_ESCALATE, "2026-01-08", NULL)},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-02-02", OPEN, ANY},
              {"S2", PSP_ESCALATE, NONE, DONE, "2026-01-08"}},
     .absent = {"S2 " PEAP}},

    /* A first suspension of 10 days: Mon 1 Dec, 20 sessions = Dec 1-5, 8-12; return Mon 15 Dec:
     * PSP due the last school day, Fri 12 Dec; as of Mon 15 Dec overdue. */
    {.name = "10-day suspension: PSP due its last school day",
     .as_of = "2025-12-15",
     .ev = {SUSP("S1", URN_A, "2025-12-01", 20)},
     .want = {{"S1", PSP, "2025-12-12", OVERDUE, NONE}},
     .absent = {"S1 " CONSULT}},

    /* 9.5 days (19 sessions) is not "10 days or more": first suspension, no PSP. */
    {.name = "9.5-day suspension: no PSP",
     .as_of = "2025-12-15",
     .ev = {SUSP("S1", URN_A, "2025-12-01", 19)},
     .absent = {"S1 " PSP, "S1 " CONSULT}},

    /* A 10-day suspension across Christmas: Mon 15 Dec, 20 sessions = Dec 15-19, Jan 5-9; last
     * school day Fri 9 Jan 2026 (return Mon 12 Jan): PSP due Fri 9 Jan; open as of Fri 19 Dec. */
    {.name = "10-day suspension across Christmas: PSP due Fri 9 Jan",
     .as_of = "2025-12-19",
     .ev = {SUSP("S1", URN_A, "2025-12-15", 20)},
     .want = {{"S1", PSP, "2026-01-09", OPEN, NONE}}},

    /* School B (INSET Fri 14 Nov). S1 Fri 24 Oct (first half-term), S2 Mon 3 Nov (second): no
     * PEAP. PSP AFTER(Mon 3 Nov, 10) at B: Nov 4-7 = 1..4, 10-13 = 5..8, [14 INSET], Mon 17 = 9,
     * Tue 18 = 10 -> Tue 18 Nov; open as of Wed 5 Nov. */
    {.name = "PSP window with an INSET day (school B); either side of half-term: no PEAP",
     .as_of = "2025-11-05",
     .ev = {SUSP("S1", URN_B, "2025-10-24", 2), SUSP("S2", URN_B, "2025-11-03", 2)},
     .want = {{"S2", PSP, "2025-11-18", OPEN, NONE}},
     .absent = {"S2 " PEAP, "S1 " PSP}},

    /* == LOCAL-CONSULT-2-15: more than 2 suspensions in the year, or more than 15 days in a
     * term; no fixed due (L1) == */

    /* 16 days: Mon 3 Nov, 32 sessions = Nov 3-7, 10-14, 17-21, Mon 24. Term total 16 > 15:
     * CONSULT on S1, no due, open (no further exclusion). 10+ days: PSP due its last school day,
     * Mon 24 Nov; as of Tue 25 Nov overdue. */
    {.name = "16 days in one term: consultation flagged, PSP due the last day",
     .as_of = "2025-11-25",
     .ev = {SUSP("S1", URN_A, "2025-11-03", 32)},
     .want = {{"S1", CONSULT, NONE, OPEN, NONE}, {"S1", PSP, "2025-11-24", OVERDUE, NONE}}},

    /* Exactly 15 days: Mon 3 Nov, 30 sessions = Nov 3-7, 10-14, 17-21: not above 15, no
     * CONSULT. PSP due Fri 21 Nov, started Thu 20 Nov; review due 20 Nov + 28 = Thu 18 Dec,
     * open as of Mon 24 Nov. */
    {.name = "15 days in one term: no consultation; PSP started, review open",
     .as_of = "2025-11-24",
     .ev = {SUSP("S1", URN_A, "2025-11-03", 30), ACT(URN_A, "S1", PSP, "2025-11-20", NULL)},
     .want = {{"S1", PSP, "2025-11-21", DONE, "2025-11-20"},
              {"S1", PSP_REVIEW, "2025-12-18", OPEN, NONE}},
     .absent = {"S1 " CONSULT}},

    /* Three suspensions then a permanent exclusion without consultation. S1 Tue 16 Sep (autumn
     * 1st half), S2 Wed 12 Nov (autumn 2nd half), S3 Wed 14 Jan (spring 1st half), E1 Mon 2 Mar
     * 2026 (spring 2nd half): no two in one half-term, no suspension PEAP.
     * S2: PSP AFTER(Wed 12 Nov, 10): Nov 13, 14 = 1, 2; 17-21 = 3..7; 24, 25, 26 = 8..10 -> Wed
     * 26 Nov; started Mon 24 Nov; review due 24 Nov + 28 = Mon 22 Dec, not held: overdue.
     * S3 (3rd, more than 2): CONSULT, no due; E1 decided Mon 2 Mar with no consultation before
     * it: overdue (L1). No PSP on S3 (L2).
     * E1: CONSULT-PEX due its decision, Mon 2 Mar: overdue as of Tue 3 Mar; PEAP (permanent)
     * due Mon 2 Mar: overdue. Partners (the PRU, MASH): the LA told by email Mon 2 Mar (issue
     * 14: from that day, not the deemed Wed 4 Mar, which gave Thu 5 Mar); AFTER(Mon 2 Mar, 1) =
     * Tue 3 Mar: open as of that day. The suspensions have no partner (L6). */
    {.name = "third suspension, then a permanent exclusion with no consultation",
     .as_of = "2026-03-03",
     .ev = {SUSP("S1", URN_A, "2025-09-16", 2), SUSP("S2", URN_A, "2025-11-12", 2),
            ACT(URN_A, "S2", PSP, "2025-11-24", NULL), SUSP("S3", URN_A, "2026-01-14", 2),
            PEX("E1", URN_A, "2026-03-02"), ACT(URN_A, "E1", NLA, "2026-03-02", "email")},
     .want = {{"S2", PSP, "2025-11-26", DONE, "2025-11-24"},
              {"S2", PSP_REVIEW, "2025-12-22", OVERDUE, NONE},
              {"S3", CONSULT, NONE, OVERDUE, NONE},
              {"E1", CONSULT_PEX, "2026-03-02", OVERDUE, NONE},
              {"E1", PEAP, "2026-03-02", OVERDUE, NONE},
              {"E1", PARTNERS, "2026-03-03", OPEN, NONE}},
     .absent = {"S1 " PSP, "S3 " PSP, "E1 " PSP, "E1 " CONSULT, "S1 " PARTNERS, "S2 " PARTNERS,
                "S3 " PARTNERS, "S3 " PEAP, "E1 " VS}},

    /* Three suspensions, the consultation recorded Mon 19 Jan: CONSULT on S3 done 19 Jan. S2's
     * PSP (due Wed 26 Nov) never started: overdue, and no review. */
    {.name = "third suspension, consultation done",
     .as_of = "2026-01-30",
     .ev = {SUSP("S1", URN_A, "2025-09-16", 2), SUSP("S2", URN_A, "2025-11-12", 2),
            SUSP("S3", URN_A, "2026-01-14", 2), ACT(URN_A, "S3", CONSULT, "2026-01-19", NULL)},
     .want = {{"S2", PSP, "2025-11-26", OVERDUE, NONE}, {"S3", CONSULT, NONE, DONE, "2026-01-19"}},
     .absent = {"S2 " PSP_REVIEW, "S3 " PSP, "S1 " CONSULT, "S2 " CONSULT}},

    /* Three suspensions, no consultation and no further exclusion: still open at the end of the
     * spring term (Fri 27 Mar), however long after. */
    {.name = "third suspension, no consultation, no further exclusion: open",
     .as_of = "2026-03-27",
     .ev = {SUSP("S1", URN_A, "2025-09-16", 2), SUSP("S2", URN_A, "2025-11-12", 2),
            SUSP("S3", URN_A, "2026-01-14", 2)},
     .want = {{"S2", PSP, "2025-11-26", OVERDUE, NONE}, {"S3", CONSULT, NONE, OPEN, NONE}}},

    /* == LOCAL-PEAP: 2 suspensions within one half-term (no fixed due), a permanent exclusion
     * (due its decision date) == */

    /* S1 Mon 5 Jan, S2 Mon 9 Feb (both in 5 Jan - 13 Feb): PEAP on S2, met Wed 11 Feb: done.
     * PSP AFTER(Mon 9 Feb, 10): Feb 10-13 = 1..4, half-term 16-20 Feb, Feb 23-27 = 5..9, Mon 2
     * Mar = 10 -> Mon 2 Mar; open as of Thu 12 Feb. */
    {.name = "two suspensions in the spring half-term: PEAP done; PSP across February half-term",
     .as_of = "2026-02-12",
     .ev = {SUSP("S1", URN_A, "2026-01-05", 2), SUSP("S2", URN_A, "2026-02-09", 2),
            ACT(URN_A, "S2", PEAP, "2026-02-11", NULL)},
     .want = {{"S2", PEAP, NONE, DONE, "2026-02-11"}, {"S2", PSP, "2026-03-02", OPEN, NONE}},
     .absent = {"S1 " PEAP}},

    /* Primary school C, Year 5 (born 10 Mar 2016). S1 Mon 3 Nov: LA told by hand that day;
     * partners (the Re-engagement Unit, a primary pupil) due AFTER(Mon 3 Nov, 1) = Tue 4 Nov,
     * told Tue 4 Nov: done. S2 Mon 17 Nov (same half-term as S1): PEAP, open; PSP AFTER(Mon 17
     * Nov, 10): Nov 18-21 = 1..4, 24-28 = 5..9, Mon 1 Dec = 10; LA notice not recorded:
     * partners AFTER(decision Mon 17 Nov, 1) = Tue 18 Nov: overdue as of Wed 19 Nov. */
    {.name = "primary pupil: Re-engagement Unit told; two suspensions in one half-term",
     .as_of = "2025-11-19",
     .dob = "2016-03-10",
     .year = "5",
     .ev = {SUSP("S1", URN_C, "2025-11-03", 2), ACT(URN_C, "S1", NLA, "2025-11-03", "hand"),
            ACT(URN_C, "S1", PARTNERS, "2025-11-04", NULL), SUSP("S2", URN_C, "2025-11-17", 2)},
     .want = {{"S1", PARTNERS, "2025-11-04", DONE, "2025-11-04"},
              {"S2", PARTNERS, "2025-11-18", OVERDUE, NONE},
              {"S2", PEAP, NONE, OPEN, NONE},
              {"S2", PSP, "2025-12-01", OPEN, NONE}},
     .absent = {"S1 " PEAP, "S1 " PSP, "S2 " VS}},

    /* Primary school C: permanent exclusion decided Wed 4 Feb, from Thu 5 Feb. CONSULT-PEX due
     * Wed 4 Feb, consulted Mon 2 Feb: done. PEAP due Wed 4 Feb, met Tue 3 Feb: done. Partners
     * (REU, PRU, MASH): LA told by hand Wed 4 Feb, AFTER(4 Feb, 1) = Thu 5 Feb; not done:
     * overdue as of Fri 6 Feb. */
    {.name = "permanent exclusion at a primary school: consultation and PEAP before it",
     .as_of = "2026-02-06",
     .dob = "2016-03-10",
     .year = "5",
     .ev = {ACT(URN_C, "E1", CONSULT_PEX, "2026-02-02", NULL),
            ACT(URN_C, "E1", PEAP, "2026-02-03", NULL),
            PEX_DEC("E1", URN_C, "2026-02-04", "2026-02-05"),
            ACT(URN_C, "E1", NLA, "2026-02-04", "hand")},
     .want = {{"E1", CONSULT_PEX, "2026-02-04", DONE, "2026-02-02"},
              {"E1", PEAP, "2026-02-04", DONE, "2026-02-03"},
              {"E1", PARTNERS, "2026-02-05", OVERDUE, NONE}},
     .absent = {"E1 " CONSULT, "E1 " PSP, "E1 " VS}},

    /* Secondary: permanent exclusion Mon 9 Mar. CONSULT-PEX due Mon 9 Mar, consulted Wed 11 Mar
     * (late): done 11 Mar. PEAP due Mon 9 Mar, never held: overdue. Partners (PRU, MASH), LA
     * notice not recorded: AFTER(Mon 9 Mar, 1) = Tue 10 Mar: overdue as of Thu 12 Mar. */
    {.name = "permanent exclusion: consultation late, no PEAP",
     .as_of = "2026-03-12",
     .ev = {PEX("E1", URN_A, "2026-03-09"), ACT(URN_A, "E1", CONSULT_PEX, "2026-03-11", NULL)},
     .want = {{"E1", CONSULT_PEX, "2026-03-09", DONE, "2026-03-11"},
              {"E1", PEAP, "2026-03-09", OVERDUE, NONE},
              {"E1", PARTNERS, "2026-03-10", OVERDUE, NONE}}},

    /* == LOCAL-VS-CONSULT (CLA, PLA, CIN, CP; due the decision date) and LOCAL-NOTIFY-PARTNERS
     * (AFTER(LA notified, 1)) == */

    /* Looked after. Decided Mon 8 Sep, suspended Tue 9 Sep. VS consulted Mon 8 Sep: done.
     * Partners (social care, Virtual School): LA told by post Mon 8 Sep: the LA knew on 8 Sep
     * (issue 14: no deemed delivery here; was AFTER(deemed Wed 10 Sep, 1) = Thu 11 Sep, open);
     * AFTER(Mon 8 Sep, 1) = Tue 9 Sep: overdue as of Thu 11 Sep. */
    {.name = "looked-after pupil: Virtual School consulted; LA told by post",
     .as_of = "2025-09-11",
     .snap = {{.as_of = "2025-08-01", .cla = 1}},
     .ev = {SUSP_DEC("S1", URN_A, "2025-09-08", "2025-09-09", 2),
            ACT(URN_A, "S1", VS, "2025-09-08", NULL), ACT(URN_A, "S1", NLA, "2025-09-08", "post")},
     .want = {{"S1", VS, "2025-09-08", DONE, "2025-09-08"},
              {"S1", PARTNERS, "2025-09-09", OVERDUE, NONE}},
     .absent = {"S1 " PSP, "S1 " EHCP}},

    /* Previously looked after (Virtual School partner): Mon 12 Jan. VS-CONSULT due Mon 12 Jan;
     * partners from the decision: AFTER(12 Jan, 1) = Tue 13 Jan. As of Wed 14 Jan: overdue. */
    {.name = "previously looked after: VS consultation and partners overdue",
     .as_of = "2026-01-14",
     .snap = {{.as_of = "2025-08-01", .pla = 1}},
     .ev = {SUSP("S1", URN_A, "2026-01-12", 2)},
     .want = {{"S1", VS, "2026-01-12", OVERDUE, NONE},
              {"S1", PARTNERS, "2026-01-13", OVERDUE, NONE}}},

    /* Child in need. Decided Fri 19 Dec (last day of term), suspended Mon 5 Jan. VS-CONSULT due
     * Fri 19 Dec, done Mon 5 Jan (late). LA told by hand Fri 19 Dec: partners (social care,
     * Virtual School) AFTER(Fri 19 Dec, 1): Christmas, Mon 5 Jan = 1 -> Mon 5 Jan; told Tue 6
     * Jan (late): done. */
    {.name = "child in need, decided on the last day of term: both done late",
     .as_of = "2026-01-07",
     .snap = {{.as_of = "2025-08-01", .cin = 1}},
     .ev = {SUSP_DEC("S1", URN_A, "2025-12-19", "2026-01-05", 2),
            ACT(URN_A, "S1", NLA, "2025-12-19", "hand"), ACT(URN_A, "S1", VS, "2026-01-05", NULL),
            ACT(URN_A, "S1", PARTNERS, "2026-01-06", NULL)},
     .want = {{"S1", VS, "2025-12-19", DONE, "2026-01-05"},
              {"S1", PARTNERS, "2026-01-05", DONE, "2026-01-06"}}},

    /* Known to youth justice, no social worker: partners (YJS) but no VS-CONSULT. Wed 1 Oct; LA
     * told by email Wed 1 Oct (issue 14: from that day, not the deemed Fri 3 Oct, which gave
     * Mon 6 Oct, open); AFTER(Wed 1 Oct, 1) = Thu 2 Oct: overdue as of Mon 6 Oct. */
    {.name = "known to youth justice: partners told, no Virtual School",
     .as_of = "2025-10-06",
     .snap = {{.as_of = "2025-08-01", .yjs = 1}},
     .ev = {SUSP("S1", URN_A, "2025-10-01", 2), ACT(URN_A, "S1", NLA, "2025-10-01", "email")},
     .want = {{"S1", PARTNERS, "2025-10-02", OVERDUE, NONE}},
     .absent = {"S1 " VS}},

    /* Primary school C: Thu 23 Oct; LA told by post Thu 23 Oct (issue 14: from that day; the
     * deemed Mon 27 Oct in half-term gave Mon 3 Nov, open); AFTER(Thu 23 Oct, 1) = Fri 24 Oct:
     * overdue as of Fri 31 Oct. */
    {.name = "primary pupil: LA told by post, partners from the day it was sent",
     .as_of = "2025-10-31",
     .dob = "2016-03-10",
     .year = "5",
     .ev = {SUSP("S1", URN_C, "2025-10-23", 2), ACT(URN_C, "S1", NLA, "2025-10-23", "post")},
     .want = {{"S1", PARTNERS, "2025-10-24", OVERDUE, NONE}},
     .absent = {"S1 " VS}},

    /* Finding: "LOCAL-NOTIFY-PARTNERS counts its one school day from the deemed delivery of a
     * letter (2 working days later) instead of from when the exclusion was recorded". Looked
     * after; suspended Mon 8 Sep, recorded in onroll that day, and an email to the LA logged
     * the same day (deemed Wed 10 Sep). The LA knew on Mon 8 Sep: AFTER(8 Sep, 1) = Tue 9 Sep,
     * overdue as of Wed 10 Sep (the deemed date would have given Thu 11 Sep, open). */
    {.name = "finding: partners count from the recording, not the deemed letter",
     .as_of = "2025-09-10",
     .snap = {{.as_of = "2025-08-01", .cla = 1}},
     .ev = {SUSP_REC("S1", URN_A, "2025-09-08", 2, "2025-09-08"),
            ACT(URN_A, "S1", VS, "2025-09-08", NULL), ACT(URN_A, "S1", NLA, "2025-09-08", "email")},
     .want = {{"S1", VS, "2025-09-08", DONE, "2025-09-08"},
              {"S1", PARTNERS, "2025-09-09", OVERDUE, NONE}},
     .absent = {"S1 " PSP, "S1 " EHCP}},

    /* Recorded in onroll (no action) Wed 10 Sep for a suspension decided and started Mon 8 Sep:
     * the LA knew on the day of the recording: AFTER(Wed 10 Sep, 1) = Thu 11 Sep, open as of
     * Thu 11 Sep. */
    {.name = "partners count from the day the exclusion was recorded",
     .as_of = "2025-09-11",
     .snap = {{.as_of = "2025-08-01", .cla = 1}},
     .ev = {SUSP_REC("S1", URN_A, "2025-09-08", 2, "2025-09-10"),
            ACT(URN_A, "S1", VS, "2025-09-08", NULL)},
     .want = {{"S1", VS, "2025-09-08", DONE, "2025-09-08"},
              {"S1", PARTNERS, "2025-09-11", OPEN, NONE}},
     .absent = {"S1 " PSP, "S1 " EHCP}},

    /* == Plans and referrals as ledger events (psp, plan_review, peap, referral, referral_update;
     * LOCAL-REFERRAL's steps are the routes of referrals.c: REU accept 10, allocate 5,
     * mid-programme review 30, exit 30 school days; AP placed 10, a report every 10 until the
     * placement's end, then the end review on the end date) == */

    /* S1 Tue 9 Sep, S2 Mon 3 Nov: PSP due AFTER(3 Nov, 10) = Mon 17 Nov (as above). A `psp`
     * event P1 on Mon 10 Nov starts it (done 10 Nov). No review: due 10 Nov + 28 = Mon 8 Dec,
     * overdue as of Tue 9 Dec. */
    {.name = "PSP started by a psp event; first review overdue",
     .as_of = "2025-12-09",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            PLAN("P1", URN_A, OR_EV_PSP, "2025-11-10")},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2025-12-08", OVERDUE, NONE}},
     .absent = {"S2 " PSP_ESCALATE, "P1 " PSP}},

    /* The same PSP reviewed by plan_review events Mon 8 Dec (no_change) and Mon 5 Jan
     * (no_change): two in a row not improving -> LOCAL-PSP-ESCALATE open, no fixed date; next
     * review 5 Jan + 28 = Mon 2 Feb, open as of Tue 6 Jan. */
    {.name = "two plan_review events no change: escalate",
     .as_of = "2026-01-06",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            PLAN("P1", URN_A, OR_EV_PSP, "2025-11-10"),
            REVIEW(URN_A, "P1", "2025-12-08", "no_change"),
            REVIEW(URN_A, "P1", "2026-01-05", "no_change")},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-02-02", OPEN, NONE},
              {"S2", PSP_ESCALATE, NONE, OPEN, NONE}}},

    /* A review of another plan (P9) does not count for P1: the first review is still due
     * Mon 8 Dec, overdue on Tue 6 Jan; no escalation. */
    {.name = "a review naming another plan does not review the PSP",
     .as_of = "2026-01-06",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            PLAN("P1", URN_A, OR_EV_PSP, "2025-11-10"),
            REVIEW(URN_A, "P9", "2025-12-08", "no_change"),
            REVIEW(URN_A, "P9", "2026-01-05", "no_change")},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2025-12-08", OVERDUE, NONE}},
     .absent = {"S2 " PSP_ESCALATE}},

    /* Then a referral F1 to the REU with the PSP attached, Wed 7 Jan: the escalation is done
     * (7 Jan). LOCAL-REFERRAL: accept or decline within 10 school days of Wed 7 Jan: Jan 8-9 =
     * 1..2, 12-16 = 3..7, 19-21 = 8..10 -> Wed 21 Jan; open as of Thu 8 Jan. */
    {.name = "REU referral with the PSP: escalation done, the REU decides in 10 school days",
     .as_of = "2026-01-08",
     .ev = {SUSP("S1", URN_A, "2025-09-09", 2), SUSP("S2", URN_A, "2025-11-03", 2),
            PLAN("P1", URN_A, OR_EV_PSP, "2025-11-10"),
            REVIEW(URN_A, "P1", "2025-12-08", "no_change"),
            REVIEW(URN_A, "P1", "2026-01-05", "worse"),
            REFER("F1", URN_A, "2026-01-07", "reu", "P1", NULL)},
     .want = {{"S2", PSP, "2025-11-17", DONE, "2025-11-10"},
              {"S2", PSP_REVIEW, "2026-02-02", OPEN, NONE},
              {"S2", PSP_ESCALATE, NONE, DONE, "2026-01-07"},
              {"F1", REFERRAL, "2026-01-21", OPEN, NONE}}},

    /* F1 accepted Mon 12 Jan, lead worker allocated Fri 16 Jan: next the mid-programme review,
     * 30 school days after Fri 16 Jan: Jan 19-23 = 1..5, 26-30 = 6..10, Feb 2-6 = 11..15, 9-13 =
     * 16..20, [half-term], 23-27 = 21..25, Mar 2-6 = 26..30 -> Fri 6 Mar; open on Mon 19 Jan. */
    {.name = "REU referral accepted and allocated: mid-programme review in 30 school days",
     .as_of = "2026-01-19",
     .ev = {REFER("F1", URN_A, "2026-01-07", "reu", NULL, NULL),
            UPDATE(URN_A, "F1", "2026-01-12", "accepted"),
            UPDATE(URN_A, "F1", "2026-01-16", "allocated")},
     .want = {{"F1", REFERRAL, "2026-03-06", OPEN, NONE}}},

    /* Not decided in time: due Wed 21 Jan, overdue on Thu 22 Jan. */
    {.name = "REU referral not decided in 10 school days: overdue",
     .as_of = "2026-01-22",
     .ev = {REFER("F1", URN_A, "2026-01-07", "reu", NULL, NULL)},
     .want = {{"F1", REFERRAL, "2026-01-21", OVERDUE, NONE}}},

    /* Declined Mon 12 Jan: the referral has ended, done on 12 Jan, no due date. */
    {.name = "referral declined: done",
     .as_of = "2026-01-13",
     .ev = {REFER("F1", URN_A, "2026-01-07", "ep", NULL, NULL),
            UPDATE(URN_A, "F1", "2026-01-12", "declined")},
     .want = {{"F1", REFERRAL, NONE, DONE, "2026-01-12"}}},

    /* AP placement Mon 5 Jan to Fri 13 Feb (six weeks), placed Mon 12 Jan: the first report is
     * due 10 school days on: Jan 13-16 = 1..4, 19-23 = 5..9, Mon 26 Jan = 10. */
    {.name = "AP placement: first fortnightly report 10 school days after placing",
     .as_of = "2026-01-13",
     .ev = {REFER("F1", URN_A, "2026-01-05", "ap", NULL, "2026-02-13"),
            UPDATE(URN_A, "F1", "2026-01-12", "placed")},
     .want = {{"F1", REFERRAL, "2026-01-26", OPEN, NONE}}},

    /* Reported Mon 26 Jan: the next report AFTER(26 Jan, 10): Jan 27-30 = 1..4, Feb 2-6 =
     * 5..9, Mon 9 Feb = 10, before the end (13 Feb): due Mon 9 Feb. */
    {.name = "AP placement: the next report a fortnight after the last",
     .as_of = "2026-01-27",
     .ev = {REFER("F1", URN_A, "2026-01-05", "ap", NULL, "2026-02-13"),
            UPDATE(URN_A, "F1", "2026-01-12", "placed"),
            UPDATE(URN_A, "F1", "2026-01-26", "report")},
     .want = {{"F1", REFERRAL, "2026-02-09", OPEN, NONE}}},

    /* Reported Mon 9 Feb: AFTER(9 Feb, 10) = Feb 10-13 = 1..4, [half-term], 23-27 = 5..9, Mon 2
     * Mar = 10, after the end: the end-of-placement review is next, due the end, Fri 13 Feb. */
    {.name = "AP placement: the last report passed, the end review due on the end date",
     .as_of = "2026-02-10",
     .ev = {REFER("F1", URN_A, "2026-01-05", "ap", NULL, "2026-02-13"),
            UPDATE(URN_A, "F1", "2026-01-12", "placed"),
            UPDATE(URN_A, "F1", "2026-01-26", "report"),
            UPDATE(URN_A, "F1", "2026-02-09", "report")},
     .want = {{"F1", REFERRAL, "2026-02-13", OPEN, NONE}}},

    /* S1 Mon 3 Nov, S2 Mon 10 Nov: the same half-term (3 Nov - 19 Dec) -> LOCAL-PEAP, done by
     * the `peap` event A1 on Wed 12 Nov. S2 is also the 2nd suspension of the year: PSP due
     * AFTER(10 Nov, 10): Nov 11-14 = 1..4, 17-21 = 5..9, Mon 24 Nov = 10; open on Thu 13 Nov. */
    {.name = "two suspensions in a half-term: PEAP done by a peap event",
     .as_of = "2025-11-13",
     .ev = {SUSP("S1", URN_A, "2025-11-03", 2), SUSP("S2", URN_A, "2025-11-10", 2),
            PLAN("A1", URN_A, OR_EV_PEAP, "2025-11-12")},
     .want = {{"S2", PSP, "2025-11-24", OPEN, NONE}, {"S2", PEAP, NONE, DONE, "2025-11-12"}}},

    /* == LOCAL-PTT: the earlier of its end date and NTH(start, 30) == */

    /* Mon 3 Nov to Fri 19 Dec. NTH(3 Nov, 30): Nov 3-7 = 1..5, 10-14 = 6..10, 17-21 = 11..15,
     * 24-28 = 16..20, Dec 1-5 = 21..25, 8-12 = 26..30 -> Fri 12 Dec, before 19 Dec: due 12 Dec;
     * as of Mon 15 Dec overdue. */
    {.name = "part-time timetable lasting over 30 school days",
     .as_of = "2025-12-15",
     .ev = {PTT("T1", URN_A, "2025-11-03", "2025-12-19")},
     .want = {{"T1", PTT_RULE, "2025-12-12", OVERDUE, NONE}}},

    /* Mon 3 Nov to Fri 21 Nov (15 school days): due its end, Fri 21 Nov; open that day. */
    {.name = "part-time timetable ending before 30 school days",
     .as_of = "2025-11-21",
     .ev = {PTT("T1", URN_A, "2025-11-03", "2025-11-21")},
     .want = {{"T1", PTT_RULE, "2025-11-21", OPEN, NONE}}},

    /* Mon 1 Dec to Sat 31 Jan. NTH(1 Dec, 30): Dec 1-5 = 1..5, 8-12 = 6..10, 15-19 = 11..15,
     * Christmas, Jan 5-9 = 16..20, 12-16 = 21..25, 19-23 = 26..30 -> Fri 23 Jan; as of Mon 26
     * Jan overdue. */
    {.name = "part-time timetable across Christmas: day 30 is Fri 23 Jan",
     .as_of = "2026-01-26",
     .ev = {PTT("T1", URN_A, "2025-12-01", "2026-01-31")},
     .want = {{"T1", PTT_RULE, "2026-01-23", OVERDUE, NONE}}},

    /* School B (INSET Fri 14 Nov), from Mon 10 Nov, no end date recorded (L7). NTH(10 Nov, 30)
     * at B: Nov 10-13 = 1..4, [14 INSET], 17-21 = 5..9, 24-28 = 10..14, Dec 1-5 = 15..19, 8-12 =
     * 20..24, 15-19 = 25..29, Christmas, Mon 5 Jan = 30; open as of Fri 19 Dec. */
    {.name = "part-time timetable without an end date, INSET day inside (school B)",
     .as_of = "2025-12-19",
     .ev = {PTT("T1", URN_B, "2025-11-10", NULL)},
     .want = {{"T1", PTT_RULE, "2026-01-05", OPEN, NONE}}},

    /* == children not in school (cnis.c; DfE Children missing education 2024, Elective home
     * education guidance 2019; intervals: the local protocol's defaults cme.first_days 5,
     * cme.every_days 10, ehe.first_days 10, ehe.review_days 190) == */

    /* Missing education from Mon 10 Nov at school A: the first enquiry AFTER(10 Nov, 5): Nov
     * 11 = 1, 12 = 2, 13 = 3, 14 = 4, 17 = 5 -> Mon 17 Nov; as of Tue 18 Nov overdue. */
    {.name = "child missing education: the first enquiry within 5 school days, overdue",
     .as_of = "2025-11-18",
     .ev = {EXIT("C1", URN_A, OR_EV_CME, "2025-11-10")},
     .want = {{"C1", CME, "2025-11-17", OVERDUE, NONE}}},

    /* The same at school B, whose INSET day Fri 14 Nov is not a school day: Nov 11, 12, 13 =
     * 1..3, [14], 17 = 4, 18 = 5 -> Tue 18 Nov; as of Tue 18 Nov open. */
    {.name = "child missing education at school B: its INSET day is not counted",
     .as_of = "2025-11-18",
     .ev = {EXIT("C1", URN_B, OR_EV_CME, "2025-11-10")},
     .want = {{"C1", CME, "2025-11-18", OPEN, NONE}}},

    /* An enquiry on Fri 14 Nov still finds the child missing: the next AFTER(14 Nov, 10): Nov
     * 17-21 = 1..5, 24-28 = 6..10 -> Fri 28 Nov; as of Thu 20 Nov open. */
    {.name = "child still missing after an enquiry: the next within 10 school days",
     .as_of = "2025-11-20",
     .ev = {EXIT("C1", URN_A, OR_EV_CME, "2025-11-10"),
            ENQUIRY(URN_A, "C1", CME, "2025-11-14", "still_missing")},
     .want = {{"C1", CME, "2025-11-28", OPEN, NONE}}},

    /* Found on a school's roll on Fri 21 Nov: the case is closed that day. */
    {.name = "child missing education found: the case closes on the enquiry",
     .as_of = "2025-12-01",
     .ev = {EXIT("C1", URN_A, OR_EV_CME, "2025-11-10"),
            ENQUIRY(URN_A, "C1", CME, "2025-11-14", "still_missing"),
            ENQUIRY(URN_A, "C1", CME, "2025-11-21", "found_in_school")},
     .want = {{"C1", CME, "2025-11-21", DONE, "2025-11-21"}}},

    /* An unexplained exit is a child missing education until found. */
    {.name = "unexplained exit: enquiries as for a child missing education",
     .as_of = "2025-11-12",
     .ev = {EXIT("U1", URN_A, OR_EV_UNEXPLAINED_EXIT, "2025-11-10")},
     .want = {{"U1", CME, "2025-11-17", OPEN, NONE}}},

    /* Registered at school B from Mon 17 Nov: no longer missing, no enquiry due. */
    {.name = "child missing education registered at another school: no enquiry",
     .as_of = "2025-11-20",
     .enrol = {{URN_A, "2021-09-01", "2025-11-10"}, {URN_B, "2025-11-17", NULL}},
     .ev = {EXIT("C1", URN_A, OR_EV_CME, "2025-11-10")},
     .absent = {"C1 " CME}},

    /* Elective home education from Wed 1 Oct: the first enquiry AFTER(1 Oct, 10): Oct 2, 3 =
     * 1, 2, 6-10 = 3..7, 13, 14, 15 = 8..10 -> Wed 15 Oct; as of Fri 10 Oct open. */
    {.name = "elective home education: the first enquiry within 10 school days",
     .as_of = "2025-10-10",
     .ev = {EXIT("H1", URN_A, OR_EV_EHE, "2025-10-01")},
     .want = {{"H1", EHE, "2025-10-15", OPEN, NONE}}},

    /* An enquiry on Wed 8 Oct finds the education not suitable: the next AFTER(8 Oct, 10): Oct
     * 9, 10 = 1, 2, 13-17 = 3..7, 20, 21, 22 = 8..10 -> Wed 22 Oct; as of Thu 23 Oct overdue. */
    {.name = "home education not suitable: the next enquiry within 10 school days",
     .as_of = "2025-10-23",
     .ev = {EXIT("H1", URN_A, OR_EV_EHE, "2025-10-01"),
            ENQUIRY(URN_A, "H1", EHE, "2025-10-08", "not_suitable")},
     .want = {{"H1", EHE, "2025-10-22", OVERDUE, NONE}}},

    /* Found suitable on Wed 8 Oct: the next a school year (190 school days) later, beyond this
     * written calendar (169 school days from 9 Oct to 22 Jul 2026): not before 22 Jul 2026, so
     * open as of the end of the summer term; the date itself is not checked here. */
    {.name = "home education suitable: the next enquiry a school year later",
     .as_of = "2026-07-22",
     .ev = {EXIT("H1", URN_A, OR_EV_EHE, "2025-10-01"),
            ENQUIRY(URN_A, "H1", EHE, "2025-10-08", "suitable")},
     .want = {{"H1", EHE, ANY, OPEN, NONE}}},

    /* The child returned to school: closed on the enquiry. */
    {.name = "home educated child returned to school: the case closes",
     .as_of = "2025-11-03",
     .ev = {EXIT("H1", URN_A, OR_EV_EHE, "2025-10-01"),
            ENQUIRY(URN_A, "H1", EHE, "2025-10-08", "returned_to_school")},
     .want = {{"H1", EHE, "2025-10-08", DONE, "2025-10-08"}}},

    /* Born 1 Jul 2009: 16 on 1 Jul 2025, so past compulsory school age from the last Friday of
     * June 2025 (Education Act 1996 s8): no enquiry for home education from 1 Oct 2025. */
    {.name = "past compulsory school age: no enquiry",
     .as_of = "2025-10-20",
     .dob = "2009-07-01",
     .year = "12",
     .ev = {EXIT("H1", URN_A, OR_EV_EHE, "2025-10-01")},
     .absent = {"H1 " EHE}},
};

int main(void)
{
    return run_cases("protocol", cases, sizeof cases / sizeof cases[0], run_case);
}
