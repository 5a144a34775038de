/* test_calendar.c - school days, AFTER/NTH day counts, terms and half-terms (calendar.h) on a
 * written-out 2025/26 calendar, every expected answer worked out by hand below.
 *
 * The LA calendar (DOMAIN.md §2):
 *   autumn term  Wed 3 Sep - Fri 19 Dec 2025, half-term holiday Mon 27 - Fri 31 Oct,
 *                INSET day Fri 21 Nov 2025
 *   Christmas    holiday Sat 20 Dec 2025 - Sun 4 Jan 2026 (between terms: splits nothing)
 *   spring term  Mon 5 Jan - Fri 27 Mar 2026, half-term holiday Mon 16 - Fri 20 Feb
 *   summer term  Mon 13 Apr - Wed 22 Jul 2026, half-term holiday Mon 25 - Fri 29 May;
 *                Mon 4 May 2026 is the early May bank holiday (codes.h knows it)
 * School 1 has its own INSET row, Mon 10 Nov 2025, which replaces the LA's INSET rows (so for it
 * Fri 21 Nov is a school day). School 2 has its own autumn term, Thu 4 Sep - Fri 19 Dec 2025,
 * which replaces every LA term row (it has no spring or summer term).
 *
 * School days counted by hand (weekdays, less holidays, INSET and bank holidays):
 *   3-30 Sep: 3,4,5 | 8-12 | 15-19 | 22-26 | 29,30 = 20;   1-24 Oct: 1,2,3 | 6-10 | 13-17 |
 *   20-24 = 18  -> first autumn half-term 38.
 *   3 Nov - 19 Dec: seven Mon-Fri weeks = 35, less the INSET day = 34.   Autumn term 72.
 *   5 Jan - 13 Feb: six weeks = 30;  23 Feb - 27 Mar: five weeks = 25.    Spring term 55.
 *   13 Apr - 22 May: six weeks = 30, less 4 May = 29;  1 Jun - 22 Jul: seven weeks and
 *   Mon-Wed = 38.                                                          Summer term 67.
 *   The year: 72 + 55 + 67 = 194. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/calendar.h"

enum { LA, SCHOOL_INSET, SCHOOL_TERM, NCAL };

typedef struct {
    const char *start, *end;
    or_cal_kind kind;
    bool school;
} row_text;

static const row_text la_rows[] = {
    {"2025-09-03", "2025-12-19", OR_CAL_TERM, false},
    {"2025-10-27", "2025-10-31", OR_CAL_HOLIDAY, false},
    {"2025-11-21", "2025-11-21", OR_CAL_INSET, false},
    {"2025-12-20", "2026-01-04", OR_CAL_HOLIDAY, false},
    {"2026-01-05", "2026-03-27", OR_CAL_TERM, false},
    {"2026-02-16", "2026-02-20", OR_CAL_HOLIDAY, false},
    {"2026-04-13", "2026-07-22", OR_CAL_TERM, false},
    {"2026-05-25", "2026-05-29", OR_CAL_HOLIDAY, false},
};
#define NLA (int)(sizeof la_rows / sizeof la_rows[0])

static const row_text school_inset_row = {"2025-11-10", "2025-11-10", OR_CAL_INSET, true};
static const row_text school_term_row = {"2025-09-04", "2025-12-19", OR_CAL_TERM, true};

typedef struct {
    or_arena arena;
    or_calendar cal[NCAL];
} fixture;

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

static or_cal_row to_row(const row_text *t)
{
    return (or_cal_row){D(t->start), D(t->end), t->kind, t->school};
}

/* Build one calendar: the LA's rows plus an optional row of the school's own. */
static void build(fixture *f, int which, const row_text *extra)
{
    or_cal_row rows[NLA + 1];
    int n = 0;
    for (int i = 0; i < NLA; i++)
        rows[n++] = to_row(&la_rows[i]);
    if (extra)
        rows[n++] = to_row(extra);
    or_error err = {0};
    assert_int_equal(or_calendar_build(&f->cal[which], rows, n, &f->arena, &err), OR_OK);
}

static int setup(void **state)
{
    static fixture f;
    f.arena = (or_arena)OR_ARENA_INIT;
    build(&f, LA, NULL);
    build(&f, SCHOOL_INSET, &school_inset_row);
    build(&f, SCHOOL_TERM, &school_term_row);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    or_arena_free(&f->arena);
    return 0;
}

/* ---- AFTER and NTH (DOMAIN.md §2 CONV) ---- */

typedef enum { AFTER, NTH } count_op;

typedef struct {
    const char *why;
    int cal;
    count_op op;
    const char *d;
    int n;
    const char *want; /* NULL: beyond the table (OR_DATE_NONE) */
} count_case;

static const count_case count_cases[] = {
    /* DOMAIN.md §2 CONV AFTER: d not counted. 27-31 Oct is half-term, so days 1-5 are
     * Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 Nov. */
    {"crossing October half-term", LA, AFTER, "2025-10-24", 5, "2025-11-07"},
    /* CONV AFTER across Christmas: Thu 18 Dec (1), Fri 19 (2), then the holiday 20 Dec - 4 Jan,
     * Mon 5 Jan (3), Tue 6 (4), Wed 7 (5). */
    {"crossing Christmas", LA, AFTER, "2025-12-17", 5, "2026-01-07"},
    /* CONV AFTER with the LA INSET day Fri 21 Nov in the window: Tue 18 (1), Wed 19 (2),
     * Thu 20 (3), [Fri 21 INSET], Mon 24 (4), Tue 25 (5). */
    {"INSET day in the window", LA, AFTER, "2025-11-17", 5, "2025-11-25"},
    /* The same for school 1, whose own INSET row (Mon 10 Nov) replaces the LA's: Fri 21 Nov is
     * a school day for it, so Tue 18 (1), Wed 19 (2), Thu 20 (3), Fri 21 (4), Mon 24 (5). */
    {"school override of the INSET day", SCHOOL_INSET, AFTER, "2025-11-17", 5, "2025-11-24"},
    /* School 1 from Fri 7 Nov: its INSET Mon 10 Nov is skipped: Tue 11 (1), Wed 12 (2). */
    {"school's own INSET day skipped", SCHOOL_INSET, AFTER, "2025-11-07", 2, "2025-11-12"},
    /* CONV AFTER from a Saturday: d is not a school day and is not counted anyway; day 1 is the
     * first school day after it, Mon 10 Nov; day 3 is Wed 12 Nov. */
    {"d on a Saturday, n = 1", LA, AFTER, "2025-11-08", 1, "2025-11-10"},
    {"d on a Saturday, n = 3", LA, AFTER, "2025-11-08", 3, "2025-11-12"},
    /* CONV NTH: day 1 is the first school day on or after d. From Sat 8 Nov that is Mon 10. */
    {"NTH from a Saturday", LA, NTH, "2025-11-08", 1, "2025-11-10"},
    /* CONV NTH from a school day counts d: Mon 3 (1) .. Fri 7 (5), Mon 10 Nov (6): the sixth
     * day of an exclusion starting Mon 3 Nov (STAT-6TH-DAY). */
    {"NTH sixth day", LA, NTH, "2025-11-03", 6, "2025-11-10"},
    /* CONV NTH from inside half-term: nothing until Mon 3 Nov, day 1. */
    {"NTH from inside half-term", LA, NTH, "2025-10-29", 1, "2025-11-03"},
    /* CONV AFTER over the early May bank holiday inside the summer term: Fri 1 May (1),
     * [Mon 4 May bank holiday], Tue 5 May (2). */
    {"bank holiday in the window", LA, AFTER, "2026-04-30", 2, "2026-05-05"},
    /* CONV AFTER over the February half-term: Fri 13 Feb, then 16-20 Feb holiday, Mon 23 (1). */
    {"crossing February half-term", LA, AFTER, "2026-02-13", 1, "2026-02-23"},
    /* CONV AFTER(d, 15) as for STAT-GB-15DAY: Dec 2-5 (1-4), 8-12 (5-9), 15-19 (10-14), then
     * Christmas, Mon 5 Jan (15). */
    {"15 school days over Christmas", LA, AFTER, "2025-12-01", 15, "2026-01-05"},
    /* d before the first row: no school day before Wed 3 Sep, so day 1 is Wed 3 Sep. */
    {"d before the table", LA, AFTER, "2025-08-01", 1, "2025-09-03"},
    {"NTH before the table", LA, NTH, "2025-09-01", 2, "2025-09-04"},
    /* School 2's own term starts Thu 4 Sep: its term rows replace the LA's. */
    {"school override of the term", SCHOOL_TERM, AFTER, "2025-09-02", 1, "2025-09-04"},
    /* School 2 has no spring term, so its 20th day after Fri 12 Dec does not exist. */
    {"beyond the school's own term", SCHOOL_TERM, AFTER, "2025-12-12", 20, NULL},
    /* The last day of the table is Wed 22 Jul 2026: nothing after it. */
    {"beyond the table", LA, AFTER, "2026-07-22", 1, NULL},
    {"n = 0 is no day", LA, NTH, "2025-11-03", 0, NULL},
};

static void test_counts(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof count_cases / sizeof count_cases[0]; i++) {
        const count_case *c = &count_cases[i];
        const or_calendar *cal = &f->cal[c->cal];
        or_date got =
            c->op == AFTER ? or_cal_after(cal, D(c->d), c->n) : or_cal_nth(cal, D(c->d), c->n);
        or_date want = c->want ? D(c->want) : OR_DATE_NONE;
        char g[11] = "none", w[11] = "none";
        if (got != OR_DATE_NONE)
            or_date_format(got, g);
        if (want != OR_DATE_NONE)
            or_date_format(want, w);
        if (got != want)
            fail_msg("%s: %s(%s, %d) = %s, expected %s", c->why, c->op == AFTER ? "AFTER" : "NTH",
                     c->d, c->n, g, w);
    }
}

/* ---- school days, counts between, terms and half-terms ---- */

typedef enum { IS_SCHOOL_DAY, BETWEEN, TERM_OF, HALF_TERM_OF } int_op;

typedef struct {
    const char *why;
    int cal;
    int_op op;
    const char *d, *to; /* to: BETWEEN only */
    int want;
} int_case;

static const int_case int_cases[] = {
    {"a term-time Monday", LA, IS_SCHOOL_DAY, "2025-11-03", NULL, 1},
    {"a Saturday in term", LA, IS_SCHOOL_DAY, "2025-11-08", NULL, 0},
    {"half-term", LA, IS_SCHOOL_DAY, "2025-10-29", NULL, 0},
    {"the LA INSET day", LA, IS_SCHOOL_DAY, "2025-11-21", NULL, 0},
    {"LA INSET day at school 1 (overridden)", SCHOOL_INSET, IS_SCHOOL_DAY, "2025-11-21", NULL, 1},
    {"school 1's own INSET day", SCHOOL_INSET, IS_SCHOOL_DAY, "2025-11-10", NULL, 0},
    {"early May bank holiday in term", LA, IS_SCHOOL_DAY, "2026-05-04", NULL, 0},
    {"Christmas Day", LA, IS_SCHOOL_DAY, "2025-12-25", NULL, 0},
    {"outside the table", LA, IS_SCHOOL_DAY, "2024-01-08", NULL, 0},
    /* counted in the header comment */
    {"first autumn half-term", LA, BETWEEN, "2025-09-03", "2025-10-24", 38},
    {"second autumn half-term", LA, BETWEEN, "2025-11-03", "2025-12-19", 34},
    {"autumn term", LA, BETWEEN, "2025-09-01", "2025-12-19", 72},
    {"spring term", LA, BETWEEN, "2026-01-05", "2026-03-27", 55},
    {"summer term (bank holiday out)", LA, BETWEEN, "2026-04-13", "2026-07-22", 67},
    {"the academic year", LA, BETWEEN, "2025-08-01", "2026-07-31", 194},
    {"half-term week", LA, BETWEEN, "2025-10-27", "2025-10-31", 0},
    {"Fri 19 Dec to Mon 5 Jan", LA, BETWEEN, "2025-12-19", "2026-01-05", 2},
    {"to before from", LA, BETWEEN, "2025-12-19", "2025-12-01", 0},
    /* school 2: 4 Sep - 19 Dec, one day fewer than the LA's autumn term and no INSET day of
     * its own, so the LA's INSET day still applies: 72 - 1 = 71 */
    {"school 2's own term", SCHOOL_TERM, BETWEEN, "2025-08-01", "2026-07-31", 71},
    /* terms in date order: autumn 0, spring 1, summer 2; half-terms 0..5 */
    {"half-term holiday is inside the autumn term", LA, TERM_OF, "2025-10-29", NULL, 0},
    {"but in no half-term", LA, HALF_TERM_OF, "2025-10-29", NULL, -1},
    {"first autumn half-term", LA, HALF_TERM_OF, "2025-10-24", NULL, 0},
    {"second autumn half-term", LA, HALF_TERM_OF, "2025-11-03", NULL, 1},
    {"Christmas holiday is in no term", LA, TERM_OF, "2025-12-22", NULL, -1},
    {"spring term", LA, TERM_OF, "2026-01-05", NULL, 1},
    {"first spring half-term", LA, HALF_TERM_OF, "2026-01-05", NULL, 2},
    {"second spring half-term", LA, HALF_TERM_OF, "2026-02-23", NULL, 3},
    {"summer term", LA, TERM_OF, "2026-05-04", NULL, 2},
    {"bank holiday is still in its half-term", LA, HALF_TERM_OF, "2026-05-04", NULL, 4},
    {"last summer half-term", LA, HALF_TERM_OF, "2026-06-01", NULL, 5},
};

static int eval_int(const or_calendar *cal, const int_case *c)
{
    switch (c->op) {
    case IS_SCHOOL_DAY:
        return or_cal_is_school_day(cal, D(c->d));
    case BETWEEN:
        return or_cal_school_days_between(cal, D(c->d), D(c->to));
    case TERM_OF:
        return or_cal_term_of(cal, D(c->d));
    case HALF_TERM_OF:
        return or_cal_half_term_of(cal, D(c->d));
    }
    return -99;
}

static void test_ints(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof int_cases / sizeof int_cases[0]; i++) {
        const int_case *c = &int_cases[i];
        int got = eval_int(&f->cal[c->cal], c);
        if (got != c->want)
            fail_msg("%s (%s%s%s): got %d, expected %d", c->why, c->d, c->to ? " to " : "",
                     c->to ? c->to : "", got, c->want);
    }
}

static void test_shape(void **state)
{
    fixture *f = *state;
    const or_calendar *la = &f->cal[LA];
    assert_int_equal(la->first, D("2025-09-03"));
    assert_int_equal(la->last, D("2026-07-22"));
    assert_int_equal(la->nterms, 3);
    assert_int_equal(la->nhalf_terms, 6);
    assert_int_equal(la->half_end[0], D("2025-10-26"));
    assert_int_equal(la->half_start[1], D("2025-11-01"));
    assert_int_equal(or_cal_next_school_day(la, D("2025-11-02")), D("2025-11-03"));
    assert_int_equal(or_cal_school_day_after(la, D("2025-10-24")), D("2025-11-03"));
    assert_int_equal(f->cal[SCHOOL_TERM].nterms, 1);
}

static void test_bad_rows(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_calendar cal;
    or_error err = {0};
    or_cal_row backwards[] = {{D("2025-12-19"), D("2025-09-03"), OR_CAL_TERM, false}};
    assert_int_equal(or_calendar_build(&cal, backwards, 1, &a, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "end is before start"));
    or_cal_row overlap[] = {{D("2025-09-03"), D("2025-12-19"), OR_CAL_TERM, false},
                            {D("2025-12-01"), D("2026-03-27"), OR_CAL_TERM, false}};
    assert_int_equal(or_calendar_build(&cal, overlap, 2, &a, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "overlaps"));
    assert_int_equal(or_calendar_build(&cal, NULL, 0, &a, &err), OR_OK);
    assert_false(or_cal_is_school_day(&cal, D("2025-11-03")));
    assert_int_equal(or_cal_after(&cal, D("2025-11-03"), 1), OR_DATE_NONE);
    assert_int_equal(or_cal_school_days_between(&cal, D("2025-01-01"), D("2026-01-01")), 0);
    assert_int_equal(or_cal_term_of(&cal, D("2025-11-03")), -1);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_bad_rows),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
