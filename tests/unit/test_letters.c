/* test_letters.c - the statutory letters (letters.h): the kinds as data, filling a letter from
 * plain facts, table-driven, every date worked out by hand on the written-out 2025/26 calendar
 * of the duties tests (duties_fixture.h) and written next to its case with the rule it comes
 * from; the facts taken from a pupil's ledger (term totals, runs of back-to-back suspensions,
 * the board's notice) checked against the duties of the same ledger; and the letter's text
 * (written, read back, checked, its gaps found).
 *
 * The calendar (DOMAIN.md §2; bank holidays of England and Wales apply by themselves):
 *   autumn 2025  term Wed 3 Sep - Fri 19 Dec, half-term holiday Mon 27 - Fri 31 Oct
 *   spring 2026  term Mon 5 Jan - Fri 27 Mar, half-term holiday Mon 16 - Fri 20 Feb
 *   summer 2026  term Mon 13 Apr - Wed 22 Jul, half-term holiday Mon 25 - Fri 29 May
 *   School A (URN 100001) uses it as it is; school B (URN 100002) adds an INSET day, Fri 14 Nov.
 *   Bank holidays met below: Thu 25 and Fri 26 Dec 2025, Thu 1 Jan 2026, Mon 4 May 2026 (not
 *   school days, and not working days for deemed service; a school holiday is a working day).
 *
 * Readings of DOMAIN.md and the statute this file relies on:
 *   L1 The days a pupil must not be in a public place in school hours (STAT-NOTICE-S104;
 *      Education and Inspections Act 2006 s103-104, DfE guidance: "for the first five school
 *      days of an exclusion, or until the start date of any alternative provision or the end of
 *      the exclusion if earlier") are the exclusion's school days among its first five, before
 *      full-time provision starts; only for a pupil of compulsory school age on its first day
 *      (as STAT-NOTICE-S104 applies in duties_stat.c). A lunchtime suspension's days are its
 *      lunchtimes.
 *   L2 The governing board's rules in the letters are those of duties_stat.c (DOMAIN.md §3):
 *      a permanent exclusion, a term total above 15 days or a missed exam -> the board must
 *      meet within AFTER(notice received, 15) (the decision date until the notice is
 *      recorded); above 5 -> within 50 school days of the parents' representations; otherwise
 *      representations are considered but the board cannot reinstate.
 *   L3 The review deadline in a board's decision letter is AFTER(deemed receipt of the
 *      letter, 15): handed over -> that day; post or email -> the second working day after.
 *   L4 A suspension whose run of back-to-back suspensions reached its sixth school day before
 *      it started gets provision from its own first day (the run's provision continues). */
#include "onroll/letters.h"

#include "duties_fixture.h"

static bool owned_rule(const char *id)
{
    (void)id;
    return false; /* this file checks letters, not the duty rows */
}

/* ---- the kinds ---- */

static void test_kinds(void **state)
{
    (void)state;
    assert_true(or_letter_kinds_count() >= 5);
    for (size_t i = 0; i < or_letter_kinds_count(); i++) {
        const or_letter_kind *k = or_letter_kind_at(i);
        assert_ptr_equal(or_letter_kind_find(k->id), k);
        assert_non_null(k->closes[0]);
        for (int c = 0; k->closes[c]; c++)
            if (!or_rule_find(k->closes[c]))
                fail_msg("kind %s closes %s, which is not a rule", k->id, k->closes[c]);
    }
    assert_null(or_letter_kind_find("no-such-kind"));
    assert_null(or_letter_kind_at(or_letter_kinds_count()));

    const char *susp[] = {"STAT-NOTIFY-PARENT", "STAT-NOTICE-S104", "STAT-NOTIFY-LA"};
    const char *pex[] = {"STAT-NOTIFY-PARENT", "STAT-NOTIFY-GB", "STAT-GB-15DAY", "STAT-IRP-APPLY"};
    const char *reps[] = {"STAT-NOTIFY-PARENT", "STAT-NOTIFY-GB", "STAT-GB-50DAY"};
    const or_letter_kind *sp = or_letter_kind_find("suspension-parent"),
                         *pp = or_letter_kind_find("permanent-parent"),
                         *bn = or_letter_kind_find("board-notice"),
                         *bu = or_letter_kind_find("board-upheld");
    assert_true(or_letter_kind_applies(sp, OR_EV_SUSPENSION, susp, 3));
    assert_true(or_letter_kind_applies(sp, OR_EV_LUNCHTIME, susp, 3));
    assert_false(or_letter_kind_applies(sp, OR_EV_PERMANENT, pex, 4)); /* wrong event type */
    assert_true(or_letter_kind_applies(pp, OR_EV_PERMANENT, pex, 4));
    assert_false(or_letter_kind_applies(bn, OR_EV_SUSPENSION, susp, 3)); /* no STAT-NOTIFY-GB */
    assert_true(or_letter_kind_applies(bn, OR_EV_PERMANENT, pex, 4));
    assert_false(or_letter_kind_applies(bu, OR_EV_SUSPENSION, susp, 3)); /* no board duty */
    assert_true(or_letter_kind_applies(bu, OR_EV_SUSPENSION, reps, 3));  /* STAT-GB-50DAY */
    assert_false(or_letter_kind_applies(bu, OR_EV_ACTION, pex, 4));
    assert_string_equal(sp->to, "parent");
    assert_string_equal(bn->to, "governing board");
    assert_string_equal(bu->outcome, "upheld");
    assert_string_equal(or_letter_kind_find("board-reinstated")->outcome, "reinstated");
}

/* ---- filling letters from plain facts ---- */

typedef struct {
    const char *label; /* part of the key date's label */
    const char *date;
    const char *rule; /* NULL: none */
} want_date;

typedef struct {
    const char *name;
    const char *kind;
    or_event_kind type;
    const char *start, *decided;
    int sessions;
    const char *reasons, *exam;
    int term_halfdays;
    const char *run_start, *board_told, *send_on, *delivery, *dob;
    /* expected */
    const char *days[20];  /* every school day covered (a permanent exclusion: its first 5) */
    const char *public[6]; /* the days not to be in a public place (L1) */
    const char *provision; /* full-time provision from ("" none) */
    const char *review;    /* the last day to apply for a review ("" none) */
    want_date dates[8];    /* key dates that must be there */
    const char *has[10];   /* phrases the text must contain */
    const char *hasnt[6];  /* and must not */
} letter_case;

static const letter_case cases[] = {
    /* Fri 24 Oct is the last school day before half term (27-31 Oct): 6 sessions cover Fri 24
     * Oct, Mon 3 and Tue 4 Nov; back Wed 5 Nov. 3 days in the term, not more than 5: the board
     * cannot reinstate (L2). Written notice (STAT-NOTICE-S104) by the end of day 1, Fri 24 Oct. */
    {.name = "3-day suspension from the Friday before half term",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-10-24",
     .sessions = 6,
     .reasons = "DB;VA",
     .term_halfdays = 6,
     .days = {"2025-10-24", "2025-11-03", "2025-11-04"},
     .public = {"2025-10-24", "2025-11-03", "2025-11-04"},
     .provision = "",
     .review = "",
     .dates = {{"First day", "2025-10-24", NULL},
               {"Last day", "2025-11-04", NULL},
               {"Written notice", "2025-10-24", "STAT-NOTICE-S104"},
               {"Back at school", "2025-11-05", NULL}},
     .has = {"Friday 24 October 2025", "- Monday 3 November 2025", "- Tuesday 4 November 2025",
             "return to school on Wednesday 5 November 2025",
             "- Persistent or general disruptive behaviour",
             "- Verbal abuse/threatening behaviour against an adult",
             "not present in a public place during school hours",
             "cannot direct that Jayden be reinstated", "3 school days"},
     .hasnt = {"Monday 27 October", "sixth school day", "independent review"}},
    /* 20 sessions from Wed 10 Dec: Dec 10 11 12 15 16 17 18 19 | Christmas | Jan 5 6 (10 days);
     * back Wed 7 Jan. Day 6 = Wed 17 Dec: provision from it (STAT-6TH-DAY-SCHOOL); public
     * place on days 1-5 (L1). Autumn term total 8 days (16 half-days): more than 5, not more
     * than 15 -> the 50-day rule on representations (L2). */
    {.name = "10-day suspension across Christmas: provision from the sixth day",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-12-10",
     .sessions = 20,
     .reasons = "PA",
     .term_halfdays = 16,
     .days = {"2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-17",
              "2025-12-18", "2025-12-19", "2026-01-05", "2026-01-06"},
     .public = {"2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16"},
     .provision = "2025-12-17",
     .review = "",
     .dates = {{"Full-time education from", "2025-12-17", "STAT-6TH-DAY-SCHOOL"},
               {"Back at school", "2026-01-07", NULL},
               {"Last day", "2026-01-06", NULL}},
     .has = {"full-time education for Jayden from Wednesday 17 December 2025, the sixth school "
             "day",
             "return to school on Wednesday 7 January 2026", "now come to 8 school days",
             "within 50 school days", "10 school days"},
     .hasnt = {"cannot direct", "- Thursday 18 December 2025 (half a day)"}},
    /* 11 sessions from Mon 1 Dec: Dec 1-5 and the morning or afternoon of Mon 8 Dec (5.5 days,
     * "more than 5"): day 6 = Mon 8 Dec, provision from it; back for the other half of it. */
    {.name = "5.5-day suspension: the sixth day is a half day",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-12-01",
     .sessions = 11,
     .reasons = "DM",
     .term_halfdays = 11,
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05", "2025-12-08"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .dates = {{"Back at school", "2025-12-08", NULL},
               {"Full-time education from", "2025-12-08", "STAT-6TH-DAY-SCHOOL"}},
     .has = {"- Monday 8 December 2025 (half a day)", "5.5 school days",
             "The last day of the suspension, Monday 8 December 2025, is half a day"}},
    /* 3 lunchtimes from Thu 18 Dec: Thu 18, Fri 19 Dec, Mon 5 Jan; no provision, no return. */
    {.name = "lunchtime suspension across Christmas",
     .kind = "suspension-parent",
     .type = OR_EV_LUNCHTIME,
     .start = "2025-12-18",
     .sessions = 3,
     .reasons = "VP",
     .term_halfdays = 2,
     .days = {"2025-12-18", "2025-12-19", "2026-01-05"},
     .public = {"2025-12-18", "2025-12-19", "2026-01-05"},
     .provision = "",
     .review = "",
     .dates = {{"First day", "2025-12-18", NULL}, {"Last day", "2026-01-05", NULL}},
     .has = {"- Monday 5 January 2026, at lunchtime", "3 lunchtimes",
             "Each lunchtime counts as half a school day"},
     .hasnt = {"Back at school", "sixth school day"}},
    /* A pupil born 1 Jun 2021 is of compulsory school age only from 31 Aug 2026: no notice of
     * public-place days (L1), no written-notice date. */
    {.name = "a pupil below compulsory school age: no public-place days",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-10-24",
     .sessions = 2,
     .reasons = "DB",
     .term_halfdays = 2,
     .dob = "2021-06-01",
     .days = {"2025-10-24"},
     .public = {NULL},
     .provision = "",
     .review = "",
     .dates = {{"Back at school", "2025-11-03", NULL}},
     .hasnt = {"public place", "Written notice"}},
    /* A run: an earlier suspension Mon 1 - Wed 3 Dec; this one Thu 4 Dec, 6 sessions: Thu 4,
     * Fri 5, Mon 8 Dec. Day 6 of the run = Mon 8 Dec: provision from it; public place on Thu 4
     * and Fri 5 only (L1). */
    {.name = "back-to-back suspensions: the run's sixth day falls in the second",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-12-04",
     .sessions = 6,
     .reasons = "DB",
     .term_halfdays = 12,
     .run_start = "2025-12-01",
     .days = {"2025-12-04", "2025-12-05", "2025-12-08"},
     .public = {"2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = ""},
    /* The run reached day 6 (Mon 8 Dec) before this suspension started (Tue 9 Dec): provision
     * continues from its first day, no public-place days (L4). */
    {.name = "back-to-back suspensions: the run's provision continues",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2025-12-09",
     .sessions = 4,
     .reasons = "DB",
     .term_halfdays = 20,
     .run_start = "2025-12-01",
     .days = {"2025-12-09", "2025-12-10"},
     .public = {NULL},
     .provision = "2025-12-09",
     .review = ""},
    /* A 2-day suspension from Mon 2 Mar 2026, with an exam on Wed 11 Mar: the board must meet
     * (STAT-GB-15DAY by the exam) within AFTER(Mon 2 Mar, 15): Mar 3-6 (4), 9-13 (9), 16-20
     * (14), Mon 23 Mar (15). */
    {.name = "a missed exam: the board must meet within 15 school days",
     .kind = "suspension-parent",
     .type = OR_EV_SUSPENSION,
     .start = "2026-03-02",
     .sessions = 4,
     .reasons = "DB",
     .exam = "2026-03-11",
     .term_halfdays = 4,
     .days = {"2026-03-02", "2026-03-03"},
     .public = {"2026-03-02", "2026-03-03"},
     .provision = "",
     .review = "",
     .dates = {{"governing board must meet by", "2026-03-23", "STAT-GB-15DAY"}},
     .has = {"by Monday 23 March 2026", "Wednesday 11 March 2026"}},
    /* Permanent exclusion from Mon 1 Dec, decided Fri 28 Nov: public place Dec 1-5 (days 1-5),
     * the LA's provision from day 6, Mon 8 Dec (STAT-6TH-DAY-LA). No notice to the board
     * recorded: the board meets within AFTER(decision Fri 28 Nov, 15): Dec 1-5 (5), 8-12 (10),
     * 15-19 (15) -> Fri 19 Dec (STAT-GB-15DAY). */
    {.name = "permanent exclusion: provision from day 6, board by the decision date",
     .kind = "permanent-parent",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .decided = "2025-11-28",
     .reasons = "PA;OW",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .dates = {{"takes effect", "2025-12-01", NULL},
               {"Written notice", "2025-12-01", "STAT-NOTICE-S104"},
               {"local authority from", "2025-12-08", "STAT-6TH-DAY-LA"},
               {"governing board must meet by", "2025-12-19", "STAT-GB-15DAY"}},
     .has = {"with effect from Monday 1 December 2025", "on Friday 28 November 2025",
             "From Monday 8 December 2025, the sixth school day", "by Friday 19 December 2025",
             "SEN expert", "- Use or threat of use of an offensive weapon or prohibited item",
             "school record"}},
    /* The same, the board's notice received Mon 1 Dec (recorded): AFTER(Mon 1 Dec, 15): Dec 2-5
     * (4), 8-12 (9), 15-19 (14), Mon 5 Jan 2026 (15). */
    {.name = "permanent exclusion: the board counted from its notice",
     .kind = "permanent-parent",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .decided = "2025-11-28",
     .reasons = "PA",
     .board_told = "2025-12-01",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .dates = {{"governing board must meet by", "2026-01-05", "STAT-GB-15DAY"}},
     .has = {"by Monday 5 January 2026"}},
    /* The head's notice to the board, sent by email Mon 1 Dec: deemed received the second
     * working day after, Wed 3 Dec; the board meets within AFTER(Wed 3 Dec, 15): Dec 4-5 (2),
     * 8-12 (7), 15-19 (12), Jan 5-7 (15) -> Wed 7 Jan 2026. */
    {.name = "notice to the board by email",
     .kind = "board-notice",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-01",
     .delivery = "email",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .dates = {{"received by the board", "2025-12-03", NULL},
               {"governing board must meet by", "2026-01-07", "STAT-GB-15DAY"}},
     .has = {"To the governing board of School A,",
             "deemed to be received on Wednesday 3 "
             "December 2025",
             "must meet by Wednesday 7 January 2026"}},
    /* The board's decision upholding a permanent exclusion (L3), posted Thu 11 Dec: deemed the
     * second working day after, Mon 15 Dec (Fri 12 is the first); AFTER(Mon 15 Dec, 15): Dec
     * 16-19 (4), Jan 5-9 (9), 12-16 (14), Mon 19 Jan 2026 (15) (STAT-IRP-APPLY). */
    {.name = "board upholds: review deadline, decision posted",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-11",
     .delivery = "post",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "2026-01-19",
     .dates = {{"deemed received", "2025-12-15", NULL},
               {"Last day to apply", "2026-01-19", "STAT-IRP-APPLY"}},
     .has = {"sent by first-class post on Thursday 11 December 2025",
             "deemed to be received on Monday 15 December 2025",
             "The last day to apply for a review is therefore Monday 19 January 2026", "SEN expert",
             "Equality Act 2010", "six months"}},
    /* The same decision sent by email Thu 11 Dec: deemed Mon 15 Dec too (unconfirmed rule of
     * §2, as for post): Mon 19 Jan 2026. */
    {.name = "board upholds: review deadline, decision emailed",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-11",
     .delivery = "email",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "2026-01-19",
     .has = {"sent by email on Thursday 11 December 2025"}},
    /* Handed over Thu 11 Dec: received that day; AFTER(Thu 11 Dec, 15): Fri 12 (1), Dec 15-19
     * (6), Jan 5-9 (11), Jan 12-15 (15) -> Thu 15 Jan 2026. */
    {.name = "board upholds: review deadline, decision handed over",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-11",
     .delivery = "hand",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "2026-01-15",
     .has = {"handed over on Thursday 11 December 2025"}},
    /* Emailed Thu 12 Feb 2026: deemed Mon 16 Feb (half term: a working day); AFTER(16 Feb, 15):
     * Feb 23-27 (5), Mar 2-6 (10), Mar 9-13 (15) -> Fri 13 Mar. Handed over the same day:
     * AFTER(Thu 12 Feb, 15): Fri 13 Feb (1), Feb 23-27 (6), Mar 2-6 (11), Mar 9-12 (15) ->
     * Thu 12 Mar. */
    {.name = "board upholds: emailed before half term",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2026-01-12",
     .reasons = "PA",
     .send_on = "2026-02-12",
     .delivery = "email",
     .days = {"2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16"},
     .public = {"2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16"},
     .provision = "2026-01-19",
     .review = "2026-03-13",
     .dates = {{"deemed received", "2026-02-16", NULL}}},
    {.name = "board upholds: handed over before half term",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2026-01-12",
     .reasons = "PA",
     .send_on = "2026-02-12",
     .delivery = "hand",
     .days = {"2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16"},
     .public = {"2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16"},
     .provision = "2026-01-19",
     .review = "2026-03-12"},
    /* Posted Thu 30 Apr 2026: Fri 1 May (1), Mon 4 May a bank holiday, Tue 5 May (2) -> deemed
     * Tue 5 May; AFTER(5 May, 15): May 6-8 (3), 11-15 (8), 18-22 (13), half term 25-29 May,
     * Jun 1 (14), Tue 2 Jun 2026 (15). */
    {.name = "board upholds: posted before the May bank holiday",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2026-04-13",
     .reasons = "PA",
     .send_on = "2026-04-30",
     .delivery = "post",
     .days = {"2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-17"},
     .public = {"2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-17"},
     .provision = "2026-04-20",
     .review = "2026-06-02",
     .dates = {{"deemed received", "2026-05-05", NULL},
               {"Last day to apply", "2026-06-02", "STAT-IRP-APPLY"}}},
    /* Posted Tue 23 Dec 2025: Wed 24 (1), Thu 25 and Fri 26 bank holidays, Mon 29 Dec (2) ->
     * deemed Mon 29 Dec; AFTER(29 Dec, 15): Jan 5-9 (5), 12-16 (10), 19-23 (15) -> Fri 23 Jan. */
    {.name = "board upholds: posted over Christmas",
     .kind = "board-upheld",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-23",
     .delivery = "post",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "2026-01-23",
     .dates = {{"deemed received", "2025-12-29", NULL}}},
    /* A board that upholds a suspension of 17 days (34 sessions from Mon 1 Dec: Dec 1-5, 8-12,
     * 15-19, Jan 5-6; more than 15 in the term, STAT-GB-15DAY): no review, there is none for a
     * suspension. */
    {.name = "board upholds a suspension: no review",
     .kind = "board-upheld",
     .type = OR_EV_SUSPENSION,
     .start = "2025-12-01",
     .sessions = 34,
     .reasons = "DB",
     .term_halfdays = 34,
     .send_on = "2025-12-11",
     .delivery = "post",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05", "2025-12-08",
              "2025-12-09", "2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16",
              "2025-12-17", "2025-12-18", "2025-12-19", "2026-01-05", "2026-01-06"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .has = {"There is no independent review of a suspension", "the suspension stands"},
     .hasnt = {"Last day to apply"}},
    {.name = "board reinstates: no review",
     .kind = "board-reinstated",
     .type = OR_EV_PERMANENT,
     .start = "2025-12-01",
     .reasons = "PA",
     .send_on = "2025-12-11",
     .delivery = "post",
     .days = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .public = {"2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05"},
     .provision = "2025-12-08",
     .review = "",
     .has = {"should be reinstated"},
     .hasnt = {"independent review", "Monday 19 January 2026"}},
};

static or_letter_facts facts_of(const letter_case *c, or_params *p)
{
    or_params_default(p);
    return (or_letter_facts){.kind = or_letter_kind_find(c->kind),
                             .school = "School A",
                             .pupil = "Jayden Campbell",
                             .forename = "Jayden",
                             .dob = c->dob ? D(c->dob) : D("2012-05-01"),
                             .type = c->type,
                             .event_id = "EX1",
                             .start = D(c->start),
                             .decided = D(c->decided),
                             .sessions = c->sessions,
                             .reasons = c->reasons,
                             .exam = D(c->exam),
                             .term_halfdays = c->term_halfdays,
                             .run_start = D(c->run_start),
                             .board_told = D(c->board_told),
                             .send_on = D(c->send_on),
                             .delivery = c->delivery,
                             .dated = D(c->send_on ? c->send_on : c->start),
                             .la_contact = NULL,
                             .cal = &cal_la,
                             .p = p};
}

static void check_dates(const char *what, const or_date *got, int n, const char *const *want,
                        int max)
{
    int nw = 0;
    while (nw < max && want[nw])
        nw++;
    char a[11], b[11];
    for (int i = 0; i < n || i < nw; i++) {
        fmt(i < n ? got[i] : OR_DATE_NONE, a);
        snprintf(b, sizeof b, "%s", i < nw ? want[i] : "none");
        if (strcmp(a, b))
            fail_msg("%s %d: got %s, expected %s (%d got, %d expected)", what, i + 1, a, b, n, nw);
    }
}

static void test_fill_case(void **state)
{
    const letter_case *c = *state;
    or_params p;
    or_letter_facts f = facts_of(c, &p);
    assert_non_null(f.kind);
    or_arena a = OR_ARENA_INIT;
    or_letter l;
    or_error err = {0};
    or_code rc = or_letter_fill(&f, &a, &l, &err);
    if (rc)
        fail_msg("%s: %s", c->name, err.msg);
    check_dates("school day", l.days, l.ndays, c->days, 20);
    check_dates("public-place day", l.public_days, l.npublic, c->public, 6);
    char got[11];
    fmt(l.provision_from, got);
    if (strcmp(got, *c->provision ? c->provision : "none"))
        fail_msg("%s: provision from %s, expected %s", c->name, got, c->provision);
    fmt(l.review_deadline, got);
    if (strcmp(got, *c->review ? c->review : "none"))
        fail_msg("%s: review deadline %s, expected %s", c->name, got, c->review);
    for (int i = 0; i < 8 && c->dates[i].label; i++) {
        const want_date *w = &c->dates[i];
        bool found = false;
        for (int k = 0; k < l.ndates && !found; k++) {
            if (!strstr(l.dates[k].label, w->label))
                continue;
            found = true;
            fmt(l.dates[k].date, got);
            if (strcmp(got, w->date))
                fail_msg("%s: key date '%s' is %s, expected %s", c->name, l.dates[k].label, got,
                         w->date);
            if (strcmp(l.dates[k].rule ? l.dates[k].rule : "", w->rule ? w->rule : ""))
                fail_msg("%s: key date '%s' comes from %s, expected %s", c->name, l.dates[k].label,
                         l.dates[k].rule ? l.dates[k].rule : "no rule",
                         w->rule ? w->rule : "no rule");
        }
        if (!found)
            fail_msg("%s: no key date '%s'", c->name, w->label);
    }
    or_sb text = OR_SB_INIT;
    or_letter_text(&l, &text);
    /* the key dates' labels count as text too (they are shown with the letter) */
    for (int k = 0; k < l.ndates; k++)
        or_sb_addf(&text, "\n%s", l.dates[k].label);
    for (int i = 0; i < 10 && c->has[i]; i++)
        if (!strstr(or_sb_str(&text), c->has[i]))
            fail_msg("%s: the letter does not say \"%s\":\n%s", c->name, c->has[i],
                     or_sb_str(&text));
    for (int i = 0; i < 6 && c->hasnt[i]; i++)
        if (strstr(or_sb_str(&text), c->hasnt[i]))
            fail_msg("%s: the letter says \"%s\":\n%s", c->name, c->hasnt[i], or_sb_str(&text));
    /* the text is a valid letter with gaps for the school to fill, and reads back the same */
    assert_int_equal(or_letter_check_body(or_sb_str(&text), &err), OR_OK);
    char gap[128];
    assert_true(or_letter_gap(or_sb_str(&text), gap, sizeof gap));
    assert_int_equal(gap[0], '[');
    assert_non_null(strstr(l.title, "Jayden Campbell"));
    or_letter back;
    or_letter_parse(or_sb_str(&text), &a, &back);
    assert_true(back.nparas >= l.nparas);
    or_sb_release(&text);
    or_arena_free(&a);
}

/* What the facts cannot make: each refusal names the field and the value. */
static void test_fill_refusals(void **state)
{
    (void)state;
    or_params p;
    or_params_default(&p);
    or_arena a = OR_ARENA_INIT;
    or_letter l;
    or_error err = {0};
    or_letter_facts f = {.kind = or_letter_kind_find("permanent-parent"),
                         .school = "School A",
                         .pupil = "Jayden Campbell",
                         .dob = OR_DATE_NONE,
                         .type = OR_EV_SUSPENSION,
                         .event_id = "EX7",
                         .start = D("2025-10-24"),
                         .decided = OR_DATE_NONE,
                         .sessions = 4,
                         .exam = OR_DATE_NONE,
                         .run_start = OR_DATE_NONE,
                         .board_told = OR_DATE_NONE,
                         .send_on = OR_DATE_NONE,
                         .dated = OR_DATE_NONE,
                         .cal = &cal_la,
                         .p = &p};
    /* a permanent exclusion's letter for a suspension */
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "permanent-parent"));
    assert_non_null(strstr(err.msg, "EX7"));
    /* no calendar */
    f.kind = or_letter_kind_find("suspension-parent");
    f.cal = NULL;
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "no calendar"));
    /* the calendar ends (Wed 22 Jul 2026) before a 10-day suspension from Mon 20 Jul ends */
    f.cal = &cal_la;
    f.start = D("2026-07-20");
    f.sessions = 20;
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "2026-07-22"));
    /* no sessions */
    f.start = D("2025-10-24");
    f.sessions = 0;
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "sessions 0"));
    /* not an exclusion */
    f.sessions = 4;
    f.type = OR_EV_MANAGED_MOVE;
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "managed_move"));
    /* an unknown reason code is kept as written; no reasons at all leaves a gap */
    f.type = OR_EV_SUSPENSION;
    f.reasons = "";
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb t = OR_SB_INIT;
    or_letter_text(&l, &t);
    assert_non_null(strstr(or_sb_str(&t), "- [the reasons for the decision]"));
    /* the LA's contact and the parent's name, when given, fill their gaps */
    or_sb_reset(&t);
    f.la_contact = "exclusions@la.example.gov.uk, 020 7946 0000";
    f.parent = "Ms Campbell";
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_letter_text(&l, &t);
    assert_non_null(strstr(or_sb_str(&t), "exclusions team: exclusions@la.example.gov.uk"));
    assert_null(strstr(or_sb_str(&t), "[contact details of the local authority"));
    assert_non_null(strstr(or_sb_str(&t), "Dear Ms Campbell,"));
    assert_null(strstr(or_sb_str(&t), "[name of parent or carer]"));
    or_sb_release(&t);
    or_arena_free(&a);
}

/* ---- the facts from a pupil's ledger, against the duties of the same ledger ---- */

static const duty_case ledger_case = {
    .name = "ledger",
    .as_of = "2026-01-30",
    .ev =
        {
            /* EX1 Mon 1 - Wed 3 Dec (6 sessions), EX2 Thu 4 Dec 10 sessions: Thu 4, Fri 5,
               Mon 8, Tue 9, Wed 10 Dec: one run from Mon 1 Dec; its sixth day Mon 8 Dec falls
               in EX2 (STAT-6TH-DAY-SCHOOL of EX2, due Mon 8 Dec). Autumn term at A: 3 + 5 = 8
               days (16 half-days). */
            SUSP("EX1", URN_A, "2025-12-01", 6),
            SUSP("EX2", URN_A, "2025-12-04", 10),
            /* a suspension at school B in the same term does not add to A's total */
            SUSP("EB1", URN_B, "2025-11-17", 4),
            /* PX1 at school A from Mon 12 Jan 2026, the board told by post on Mon 12 Jan:
               deemed Wed 14 Jan; STAT-GB-15DAY due AFTER(14 Jan, 15): Jan 15-16 (2), 19-23
               (7), 26-30 (12), Feb 2-4 (15) -> Wed 4 Feb 2026. */
            PEX("PX1", URN_A, "2026-01-12"),
            ACT(URN_A, "PX1", "STAT-NOTIFY-GB", "2026-01-12", "post"),
        },
};

static void test_facts_from_ledger(void **state)
{
    (void)state;
    build_facts(&ledger_case, &facts);
    or_params p;
    or_params_default(&p);
    or_error err = {0};
    or_date as_of = D(ledger_case.as_of);
    const or_fact_event *ex2 = or_facts_event(&facts.f, URN_A, "EX2");
    const or_fact_event *px1 = or_facts_event(&facts.f, URN_A, "PX1");
    const or_fact_event *act = NULL;
    for (int i = 0; i < facts.f.nevents; i++)
        if (facts.f.events[i].kind == OR_EV_ACTION)
            act = &facts.f.events[i];
    assert_non_null(ex2);
    assert_non_null(px1);
    or_letter_facts lf;
    assert_int_equal(or_letter_facts_from(&facts.f, ex2, &p, as_of, &lf, &err), OR_OK);
    assert_string_equal(lf.school, "School A");
    assert_ptr_equal(lf.cal, &cal_la);
    assert_int_equal(lf.term_halfdays, 16);
    assert_int_equal(lf.run_start, D("2025-12-01"));
    assert_int_equal(lf.sessions, 10);
    assert_int_equal(lf.board_told, OR_DATE_NONE);

    /* the letter: provision from Mon 8 Dec, the public-place days Thu 4 and Fri 5 Dec */
    or_arena a = OR_ARENA_INIT;
    or_letter l;
    lf.kind = or_letter_kind_find("suspension-parent");
    lf.pupil = "Jayden Campbell";
    assert_int_equal(or_letter_fill(&lf, &a, &l, &err), OR_OK);
    assert_int_equal(l.provision_from, D("2025-12-08"));
    assert_int_equal(l.npublic, 2);
    assert_int_equal(l.public_days[1], D("2025-12-05"));

    /* ... the date the duties give for the same ledger */
    or_duty_list duties;
    or_duty_list_init(&duties, &a);
    assert_int_equal(or_duties_for_pupil(&facts.f, &p, as_of, &duties, &err), OR_OK);
    bool sixth = false, gb = false;
    for (int i = 0; i < duties.n; i++) {
        const or_duty *d = &duties.items[i];
        if (!strcmp(d->rule->id, "STAT-6TH-DAY-SCHOOL")) {
            assert_string_equal(d->event_id, "EX2");
            assert_int_equal(d->due, D("2025-12-08"));
            sixth = true;
        }
        if (!strcmp(d->rule->id, "STAT-GB-15DAY") && !strcmp(d->event_id, "PX1")) {
            assert_int_equal(d->due, D("2026-02-04"));
            gb = true;
        }
    }
    assert_true(sixth);
    assert_true(gb);

    /* the permanent exclusion: the board's notice deemed Wed 14 Jan, its meeting by Wed 4 Feb */
    assert_int_equal(or_letter_facts_from(&facts.f, px1, &p, as_of, &lf, &err), OR_OK);
    assert_int_equal(lf.board_told, D("2026-01-14"));
    lf.kind = or_letter_kind_find("permanent-parent");
    lf.pupil = "Jayden Campbell";
    assert_int_equal(or_letter_fill(&lf, &a, &l, &err), OR_OK);
    bool meet = false;
    for (int k = 0; k < l.ndates; k++)
        if (l.dates[k].rule && !strcmp(l.dates[k].rule, "STAT-GB-15DAY")) {
            assert_int_equal(l.dates[k].date, D("2026-02-04"));
            meet = true;
        }
    assert_true(meet);
    /* ... as of a day before the notice was recorded, counted from the decision */
    assert_int_equal(or_letter_facts_from(&facts.f, px1, &p, D("2026-01-11"), &lf, &err), OR_OK);
    assert_int_equal(lf.board_told, OR_DATE_NONE);
    /* an action is no exclusion */
    assert_non_null(act);
    assert_int_equal(or_letter_facts_from(&facts.f, act, &p, as_of, &lf, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "action"));
    or_arena_free(&a);
}

/* ---- the letter's text ---- */

static void test_text_round_trip(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    const char *items[] = {"Friday 24 October 2025", "Monday 3 November 2025"};
    or_letter_para paras[] = {{"Dear [name of parent or carer],", NULL, 0},
                              {"The days are:", items, 2},
                              {"", items, 1},
                              {"Yours sincerely,\n[name]\nHead teacher", NULL, 0}};
    or_letter l = {.paras = paras, .nparas = 4};
    or_sb t = OR_SB_INIT;
    or_letter_text(&l, &t);
    assert_string_equal(or_sb_str(&t), "Dear [name of parent or carer],\n\n"
                                       "The days are:\n- Friday 24 October 2025\n"
                                       "- Monday 3 November 2025\n\n"
                                       "- Friday 24 October 2025\n\n"
                                       "Yours sincerely,\n[name]\nHead teacher\n");
    or_letter back;
    or_letter_parse(or_sb_str(&t), &a, &back);
    assert_int_equal(back.nparas, 4);
    assert_string_equal(back.paras[1].text, "The days are:");
    assert_int_equal(back.paras[1].nitems, 2);
    assert_string_equal(back.paras[1].items[1], "Monday 3 November 2025");
    assert_string_equal(back.paras[2].text, "");
    assert_int_equal(back.paras[2].nitems, 1);
    assert_string_equal(back.paras[3].text, "Yours sincerely,\n[name]\nHead teacher");

    /* as a browser sends it: CRLF, a "blank" line of spaces, trailing spaces, an item that
     * runs on to a second line, markup kept as text */
    or_letter_parse("First line  \r\nsecond line\r\n   \r\n- one\r\n  continued\r\n- <b>two</b>"
                    "\r\n\r\n\r\nLast",
                    &a, &back);
    assert_int_equal(back.nparas, 3);
    assert_string_equal(back.paras[0].text, "First line\nsecond line");
    assert_int_equal(back.paras[1].nitems, 2);
    assert_string_equal(back.paras[1].items[0], "one   continued");
    assert_string_equal(back.paras[1].items[1], "<b>two</b>");
    assert_string_equal(back.paras[2].text, "Last");
    or_letter_parse("", &a, &back);
    assert_int_equal(back.nparas, 0);
    /* a list of 20,000 items and a paragraph of 20,000 lines: read in one pass (a parse that
       copied the paragraph at each line would take gigabytes here) */
    or_sb big = OR_SB_INIT;
    for (int i = 0; i < 20000; i++)
        or_sb_adds(&big, "- x\n");
    or_sb_adds(&big, "\n");
    for (int i = 0; i < 20000; i++)
        or_sb_adds(&big, "y\n");
    or_arena_reset(&a);
    or_letter_parse(or_sb_str(&big), &a, &back);
    assert_int_equal(back.nparas, 2);
    assert_int_equal(back.paras[0].nitems, 20000);
    assert_string_equal(back.paras[0].items[19999], "x");
    assert_int_equal(strlen(back.paras[1].text), 2 * 20000 - 1);
    or_sb_release(&big);
    or_sb_release(&t);
    or_arena_free(&a);
}

static void test_check_body(void **state)
{
    (void)state;
    or_error err = {0};
    assert_int_equal(or_letter_check_body("Dear Ms Smith,\n\nYours,\n\tHead\r\n", &err), OR_OK);
    assert_int_equal(or_letter_check_body("<script>alert(1)</script>", &err), OR_OK);
    assert_int_equal(or_letter_check_body("", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "empty"));
    assert_int_equal(or_letter_check_body(" \r\n\n\t ", &err), OR_EINPUT);
    assert_int_equal(or_letter_check_body(NULL, &err), OR_EINPUT);
    assert_int_equal(or_letter_check_body("bad \xff byte", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_int_equal(or_letter_check_body("overlong \xc0\xaf slash", &err), OR_EINPUT);
    assert_int_equal(or_letter_check_body("bell \a here", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "contains U+0007, a control character, at character 6"));
    /* a right-to-left override would reverse the rest of the printed letter */
    assert_int_equal(or_letter_check_body("Dear Mr \xe2\x80\xae"
                                          "abmoC\n",
                                          &err),
                     OR_EINPUT);
    assert_non_null(strstr(err.msg, "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control "
                                    "character, at character 9"));
    char *big = malloc(OR_LETTER_BODY_MAX + 2);
    memset(big, 'x', OR_LETTER_BODY_MAX);
    big[OR_LETTER_BODY_MAX] = '\0';
    assert_int_equal(or_letter_check_body(big, &err), OR_OK); /* exactly the limit */
    big[OR_LETTER_BODY_MAX] = 'x';
    big[OR_LETTER_BODY_MAX + 1] = '\0';
    assert_int_equal(or_letter_check_body(big, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "24001 bytes"));
    free(big);
    or_sb many = OR_SB_INIT;
    for (int i = 0; i <= OR_LETTER_PARAS_MAX; i++)
        or_sb_adds(&many, "p\n\n");
    assert_int_equal(or_letter_check_body(or_sb_str(&many), &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "81 paragraphs"));
    or_sb_release(&many);
}

static void test_gap(void **state)
{
    (void)state;
    char g[32];
    assert_true(or_letter_gap("Dear [name of parent or carer],", g, sizeof g));
    assert_string_equal(g, "[name of parent or carer]");
    assert_false(or_letter_gap("Dear Ms Smith, [] and [unclosed\n]", g, sizeof g));
    assert_string_equal(g, "");
    assert_true(or_letter_gap("a [b] c [d]", g, sizeof g));
    assert_string_equal(g, "[b]");
    char small[8];
    assert_true(or_letter_gap("[a long gap to fill]", small, sizeof small));
    assert_string_equal(small, "[a long");
    assert_false(or_letter_gap(NULL, g, sizeof g));
}

/* Issue 14's finding "letters leave gaps for the head teacher's, the clerk's and the LA team's
 * names": with the settings filled (settings.h), the parents' letter of a 3-day suspension from
 * Fri 24 Oct 2025 leaves no gap at all, and says, word for word (worked out by hand from the
 * sentences of letters.c): the school's address first, the clerk with both ways to write, the
 * LA's team, and the head teacher's name under "Yours sincerely". Without them, the gaps name
 * the settings that would fill them. */
static void test_settings_fill(void **state)
{
    (void)state;
    or_params p;
    or_params_default(&p);
    or_arena a = OR_ARENA_INIT;
    or_letter l;
    or_error err = {0};
    or_letter_facts f = {.kind = or_letter_kind_find("suspension-parent"),
                         .school = "School A",
                         .pupil = "Jayden Campbell",
                         .forename = "Jayden",
                         .parent = "Ms Campbell",
                         .dob = D("2012-05-01"),
                         .type = OR_EV_SUSPENSION,
                         .event_id = "EX1",
                         .start = D("2025-10-24"),
                         .decided = OR_DATE_NONE,
                         .sessions = 6,
                         .reasons = "DB",
                         .exam = OR_DATE_NONE,
                         .run_start = OR_DATE_NONE,
                         .board_told = OR_DATE_NONE,
                         .send_on = OR_DATE_NONE,
                         .dated = D("2025-10-24"),
                         .cal = &cal_la,
                         .p = &p};
    /* no settings: the gaps, and the settings that fill them, in settings.h's order */
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb t = OR_SB_INIT;
    or_letter_text(&l, &t);
    or_setting_id miss[OR_SET__COUNT];
    int n = or_letter_missing_settings(or_sb_str(&t), miss, OR_SET__COUNT);
    assert_int_equal(n, 3);
    assert_int_equal(miss[0], OR_SET_LA_TEAM_EMAIL);
    assert_int_equal(miss[1], OR_SET_HEAD_TEACHER);
    assert_int_equal(miss[2], OR_SET_CLERK_NAME);

    f.head_teacher = "Ms A Patel";
    f.clerk_name = "Mr B Jones";
    f.clerk_email = "clerk@a.example.sch.uk";
    f.school_address = "1 Oak Lane\nKestrel KE1 2AB";
    f.la_contact = "Exclusions Team, Kestrel Borough Council, email exclusions@kestrel.gov.uk, "
                   "telephone 01632 960 000";
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb_reset(&t);
    or_letter_text(&l, &t);
    const char *s = or_sb_str(&t);
    char gap[128];
    if (or_letter_gap(s, gap, sizeof gap))
        fail_msg("a gap is left: %s\n%s", gap, s);
    assert_int_equal(or_letter_missing_settings(s, miss, OR_SET__COUNT), 0);
    /* the address, then the date */
    assert_int_equal(strncmp(s,
                             "1 Oak Lane\nKestrel KE1 2AB\n\nFriday 24 October 2025\n\nDear Ms "
                             "Campbell,\n",
                             strlen("1 Oak Lane\nKestrel KE1 2AB\n\nFriday 24 October 2025\n\nDear "
                                    "Ms Campbell,\n")),
                     0);
    assert_non_null(strstr(s, "To make representations, write to the clerk to the governing "
                              "board: Mr B Jones, by email to clerk@a.example.sch.uk, or by post "
                              "to School A, 1 Oak Lane, Kestrel KE1 2AB.\n"));
    assert_non_null(strstr(s, "you can contact the local authority's exclusions team: Exclusions "
                              "Team, Kestrel Borough Council, email exclusions@kestrel.gov.uk, "
                              "telephone 01632 960 000. If Jayden"));
    assert_non_null(strstr(s, "Yours sincerely,\nMs A Patel\nHead teacher, School A\n"));

    /* the clerk's name alone: the address is the gap left, named by its setting */
    f.clerk_email = NULL;
    f.school_address = "";
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb_reset(&t);
    or_letter_text(&l, &t);
    s = or_sb_str(&t);
    assert_non_null(strstr(s, "write to the clerk to the governing board: Mr B Jones, "
                              "[address of the clerk to the governing board].\n"));
    assert_int_equal(strncmp(s, "Friday 24 October 2025\n", 23), 0); /* no address: the date */
    assert_int_equal(or_letter_missing_settings(s, miss, OR_SET__COUNT), 1);
    assert_int_equal(miss[0], OR_SET_CLERK_EMAIL);

    /* the board's notice is signed by the head teacher; the board's decision by the clerk */
    f.kind = or_letter_kind_find("board-notice");
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb_reset(&t);
    or_letter_text(&l, &t);
    assert_non_null(strstr(or_sb_str(&t), "\n\nMs A Patel\nHead teacher, School A\n"));
    f.kind = or_letter_kind_find("board-reinstated");
    assert_int_equal(or_letter_fill(&f, &a, &l, &err), OR_OK);
    or_sb_reset(&t);
    or_letter_text(&l, &t);
    assert_non_null(strstr(or_sb_str(&t), "Yours sincerely,\nMr B Jones\nClerk to the governing "
                                          "board, on behalf of the governing board of School A\n"));
    assert_null(strstr(or_sb_str(&t), "[name of the clerk"));
    or_sb_release(&t);
    or_arena_free(&a);
}

static void test_date_words(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(or_letter_date_words(D("2025-10-24"), b), "Friday 24 October 2025");
    assert_string_equal(or_letter_date_words(D("2026-01-05"), b), "Monday 5 January 2026");
    assert_string_equal(or_letter_date_words(D("2026-03-01"), b), "Sunday 1 March 2026");
    assert_string_equal(or_letter_date_words(OR_DATE_NONE, b), "");
}

int main(void)
{
    (void)check_case; /* the fixture's duty-row checker: this file checks letters */
    (void)run_cases;
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n + 8, sizeof *tests);
    if (!tests)
        return 1;
    size_t k = 0;
    tests[k++] = (struct CMUnitTest){"kinds", test_kinds, NULL, NULL, NULL};
    for (size_t i = 0; i < n; i++)
        tests[k++] =
            (struct CMUnitTest){cases[i].name, test_fill_case, NULL, NULL, (void *)&cases[i]};
    tests[k++] = (struct CMUnitTest){"fill refusals", test_fill_refusals, NULL, NULL, NULL};
    tests[k++] =
        (struct CMUnitTest){"facts from the ledger", test_facts_from_ledger, NULL, NULL, NULL};
    tests[k++] = (struct CMUnitTest){"text round trip", test_text_round_trip, NULL, NULL, NULL};
    tests[k++] = (struct CMUnitTest){"check body", test_check_body, NULL, NULL, NULL};
    tests[k++] = (struct CMUnitTest){"gaps", test_gap, NULL, NULL, NULL};
    tests[k++] = (struct CMUnitTest){"date words", test_date_words, NULL, NULL, NULL};
    tests[k++] =
        (struct CMUnitTest){"settings fill the gaps", test_settings_fill, NULL, NULL, NULL};
    int rc = _cmocka_run_group_tests("letters", tests, k, group_setup, group_teardown);
    free(tests);
    return rc;
}
