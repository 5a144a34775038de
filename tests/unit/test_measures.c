/* test_measures.c - outcome measures as data (measures.h): the SDQ's three versions scored from
 * responses and from scale scores, prorating and its rounding, the bands of each version at their
 * edges, the stored text form and its errors, the summary, and the numeric measures. Every
 * expected value is worked out by hand in the comments, not taken from the code.
 *
 * Source: "Scoring the Strengths & Difficulties Questionnaire for age 4-17" (sdqinfo.org), cited
 * below as [SDQ]:
 *   responses      Not True 0, Somewhat True 1, Certainly True 2; items 7, 11, 14, 21, 25
 *                  reversed (2, 1, 0);
 *   scales         emotional 3 8 13 16 24; conduct 5 7 12 18 22; hyperactivity 2 10 15 21 25;
 *                  peer 6 11 14 19 23; prosocial 1 4 9 17 20;
 *   prorating      at least 3 of 5 items answered: round(mean x 5), halves up (SPSS RND);
 *   totals         total = emotional + conduct + hyperactivity + peer, only when all four are
 *                  scored; externalising = conduct + hyperactivity; internalising = emotional +
 *                  peer;
 *   bands          the original three bands (normal / borderline / abnormal):
 *                            parent        teacher       self
 *                  total     0-13/14-16    0-11/12-15    0-15/16-19    (abnormal above)
 *                  emotional 0-3/4         0-4/5         0-5/6
 *                  conduct   0-2/3         0-2/3         0-3/4
 *                  hyper     0-5/6         0-5/6         0-5/6
 *                  peer      0-2/3         0-3/4         0-3/4-5
 *                  prosocial 6-10/5 (abnormal 0-4) in all three. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/measures.h"

/* scale indices of the SDQ table, in its order */
enum { EMO, CON, HYP, PEER, PRO, TOT, EXT, INT };
#define NONE (-1) /* "not scored" in expected scores */

static const or_measure *need(const char *id)
{
    const or_measure *m = or_measure_find(id);
    if (!m)
        fail_msg("no measure %s", id);
    return m;
}

/* ---- the table ---- */

static void test_table(void **state)
{
    (void)state;
    assert_int_equal(or_measure_count(), 6);
    const char *ids[] = {"sdq_parent",     "sdq_teacher",          "sdq_self",
                         "attendance_pct", "suspensions_per_term", "suspension_days_per_term"};
    for (int i = 0; i < 6; i++) {
        const or_measure *m = or_measure_at(i);
        assert_non_null(m);
        assert_string_equal(m->id, ids[i]);
        assert_ptr_equal(or_measure_find(ids[i]), m);
        or_error err = {0};
        if (or_measure_validate(m, &err) != OR_OK)
            fail_msg("%s: %s", ids[i], err.msg);
    }
    assert_null(or_measure_at(6));
    assert_null(or_measure_at(-1));
    assert_null(or_measure_find("sdq"));
    assert_null(or_measure_find(NULL));

    /* [SDQ]: the items of each scale, the reversed items, 0..2, prosocial outside the total */
    static const int items[5][5] = {
        {3, 8, 13, 16, 24},  {5, 7, 12, 18, 22}, {2, 10, 15, 21, 25},
        {6, 11, 14, 19, 23}, {1, 4, 9, 17, 20},
    };
    static const char *scale_ids[8] = {"emotional", "conduct", "hyperactivity", "peer",
                                       "prosocial", "total",   "externalising", "internalising"};
    for (int i = 0; i < 3; i++) {
        const or_measure *m = or_measure_at(i);
        assert_int_equal(m->kind, OR_MEASURE_QUESTIONNAIRE);
        assert_int_equal(m->nitems, 25);
        assert_int_equal(m->nresponses, 3);
        assert_int_equal(m->nreverse, 5);
        static const int rev[5] = {7, 11, 14, 21, 25};
        assert_memory_equal(m->reverse, rev, sizeof rev);
        assert_int_equal(m->nscales, 8);
        for (int k = 0; k < 8; k++) {
            assert_string_equal(m->scales[k].id, scale_ids[k]);
            assert_int_equal(or_measure_scale_find(m, scale_ids[k]), k);
        }
        for (int k = 0; k < 5; k++) {
            assert_int_equal(m->scales[k].nitems, 5);
            assert_memory_equal(m->scales[k].items, items[k], sizeof items[k]);
            assert_int_equal(m->scales[k].max, 10);
            assert_int_equal(m->scales[k].in_total, k != PRO);
        }
        assert_int_equal(m->scales[TOT].max, 40);
        assert_int_equal(m->scales[EXT].max, 20);
        assert_int_equal(m->scales[INT].max, 20);
        assert_int_equal(m->scales[EXT].nbands, 0); /* no published bands */
        assert_int_equal(m->scales[INT].nbands, 0);
        assert_int_equal(or_measure_scale_find(m, "impact"), -1);
    }
    assert_int_equal(need("sdq_self")->age_min, 11);
    assert_int_equal(need("sdq_parent")->age_min, 4);

    /* directions: difficulties lower is better, prosocial and attendance higher */
    const or_measure *p = need("sdq_parent");
    assert_int_equal(or_measure_better(p, "emotional"), OR_BETTER_LOWER);
    assert_int_equal(or_measure_better(p, "total"), OR_BETTER_LOWER);
    assert_int_equal(or_measure_better(p, "prosocial"), OR_BETTER_HIGHER);
    assert_int_equal(or_measure_better(p, "nope"), OR_BETTER_UNKNOWN);
    assert_int_equal(or_measure_better(p, NULL), OR_BETTER_UNKNOWN);
    assert_int_equal(or_measure_better(need("attendance_pct"), NULL), OR_BETTER_HIGHER);
    assert_int_equal(or_measure_better(need("suspensions_per_term"), NULL), OR_BETTER_LOWER);
    assert_int_equal(or_measure_better(need("suspension_days_per_term"), NULL), OR_BETTER_LOWER);
    assert_int_equal(or_measure_better(need("attendance_pct"), "total"), OR_BETTER_UNKNOWN);
    assert_int_equal(or_measure_better(NULL, NULL), OR_BETTER_UNKNOWN);
}

/* A broken definition is caught by or_measure_validate. */
static void test_validate_catches(void **state)
{
    (void)state;
    or_error err = {0};
    or_measure m = *need("sdq_parent");
    m.scales[PEER].items[0] = 3; /* item 3 is emotional's too (and item 6 is in no scale) */
    assert_int_equal(or_measure_validate(&m, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "item 3"));

    m = *need("sdq_parent");
    m.scales[TOT].bands[1].hi = 15; /* 16 in no band */
    assert_int_equal(or_measure_validate(&m, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "16"));

    m = *need("sdq_teacher");
    m.scales[PRO].in_total = true; /* marked but not a part of the total */
    assert_int_equal(or_measure_validate(&m, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "prosocial"));

    m = *need("sdq_self");
    m.reverse[0] = 26;
    assert_int_equal(or_measure_validate(&m, &err), OR_EUSAGE);
}

/* ---- scoring full and partial response sets ---- */

typedef struct {
    const char *measure;
    const char *text;    /* 25 responses */
    int want[8];         /* EMO CON HYP PEER PRO TOT EXT INT; NONE when not scored */
    const char *band[6]; /* EMO CON HYP PEER PRO TOT */
    const char *why;
} resp_case;

#define N "normal"
#define B "borderline"
#define A "abnormal"

static const resp_case resp_cases[] = {
    /* All "Certainly true" (2). [SDQ] reversal: 7, 11, 14, 21, 25 score 0.
     * emotional 3 8 13 16 24 = 2+2+2+2+2 = 10; conduct 5 7r 12 18 22 = 2+0+2+2+2 = 8;
     * hyperactivity 2 10 15 21r 25r = 2+2+2+0+0 = 6; peer 6 11r 14r 19 23 = 2+0+0+2+2 = 6;
     * prosocial 10; total 10+8+6+6 = 30; externalising 8+6 = 14; internalising 10+6 = 16.
     * Parent bands: emotional 10 (5-10 A), conduct 8 (4-10 A), hyper 6 (B), peer 6 (4-10 A),
     * prosocial 10 (6-10 N), total 30 (17-40 A). */
    {"sdq_parent",
     "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2",
     {10, 8, 6, 6, 10, 30, 14, 16},
     {A, A, B, A, N, A},
     "all 2, parent"},
    /* Teacher: emotional 10 (6-10 A), conduct 8 (A), hyper 6 (B), peer 6 (5-10 A), total 30
     * (16-40 A). */
    {"sdq_teacher",
     "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2",
     {10, 8, 6, 6, 10, 30, 14, 16},
     {A, A, B, A, N, A},
     "all 2, teacher"},
    /* Self: emotional 10 (7-10 A), conduct 8 (5-10 A), hyper 6 (B), peer 6 (6-10 A), total 30
     * (20-40 A). */
    {"sdq_self",
     "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2",
     {10, 8, 6, 6, 10, 30, 14, 16},
     {A, A, B, A, N, A},
     "all 2, self"},
    /* All "Not true" (0): only the reversed items score, 2 each. emotional 0; conduct 7r = 2;
     * hyperactivity 21r + 25r = 4; peer 11r + 14r = 4; prosocial 0; total 0+2+4+4 = 10;
     * externalising 6; internalising 4.
     * Parent: E 0 N, C 2 N (0-2), H 4 N, P 4 A (4-10), Pro 0 A (0-4), total 10 N (0-13). */
    {"sdq_parent",
     "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
     {0, 2, 4, 4, 0, 10, 6, 4},
     {N, N, N, A, A, N},
     "all 0, parent"},
    /* Teacher: peer 4 is borderline (4); total 10 N (0-11). */
    {"sdq_teacher",
     "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
     {0, 2, 4, 4, 0, 10, 6, 4},
     {N, N, N, B, A, N},
     "all 0, teacher"},
    /* Self: peer 4 is borderline (4-5); conduct 2 N (0-3); total 10 N (0-15). */
    {"sdq_self",
     "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
     {0, 2, 4, 4, 0, 10, 6, 4},
     {N, N, N, B, A, N},
     "all 0, self"},
    /* All "Somewhat true" (1): reversal leaves 1 as 1, every scale 5; total 20; ext 10; int 10.
     * Parent: E 5 A (5-10), C 5 A, H 5 N (0-5), P 5 A, Pro 5 B, total 20 A (17-40). */
    {"sdq_parent",
     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",
     {5, 5, 5, 5, 5, 20, 10, 10},
     {A, A, N, A, B, A},
     "all 1, parent"},
    /* Teacher: E 5 B (5), C 5 A, H 5 N, P 5 A (5-10), Pro 5 B, total 20 A (16-40). */
    {"sdq_teacher",
     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",
     {5, 5, 5, 5, 5, 20, 10, 10},
     {B, A, N, A, B, A},
     "all 1, teacher"},
    /* Self: E 5 N (0-5), C 5 A (5-10), H 5 N, P 5 B (4-5), Pro 5 B, total 20 A (20-40). */
    {"sdq_self",
     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",
     {5, 5, 5, 5, 5, 20, 10, 10},
     {N, A, N, B, B, A},
     "all 1, self"},
    /* A mixed set, item by item (r = reversed, scored 2 - response):
     *   1 pro 2 | 2 hyp 1 | 3 emo 0 | 4 pro 2 | 5 con 1 | 6 peer 0 | 7r con 2->0 | 8 emo 1 |
     *   9 pro 1 | 10 hyp 2 | 11r peer 2->0 | 12 con 0 | 13 emo 1 | 14r peer 1->1 | 15 hyp 2 |
     *   16 emo 2 | 17 pro 2 | 18 con 1 | 19 peer 0 | 20 pro 1 | 21r hyp 0->2 | 22 con 0 |
     *   23 peer 1 | 24 emo 0 | 25r hyp 1->1
     * emotional 0+1+1+2+0 = 4; conduct 1+0+0+1+0 = 2; hyperactivity 1+2+2+2+1 = 8;
     * peer 0+0+1+0+1 = 2; prosocial 2+2+1+2+1 = 8; total 4+2+8+2 = 16; ext 2+8 = 10;
     * int 4+2 = 6.
     * Parent: E 4 B, C 2 N, H 8 A, P 2 N, Pro 8 N, total 16 B (14-16, the top edge). */
    {"sdq_parent",
     "2,1,0,2,1,0,2,1,1,2,2,0,1,1,2,2,2,1,0,1,0,0,1,0,1",
     {4, 2, 8, 2, 8, 16, 10, 6},
     {B, N, A, N, N, B},
     "mixed, parent"},
    /* Teacher: E 4 N (0-4), P 2 N (0-3), total 16 A (16-40, the bottom edge). */
    {"sdq_teacher",
     "2,1,0,2,1,0,2,1,1,2,2,0,1,1,2,2,2,1,0,1,0,0,1,0,1",
     {4, 2, 8, 2, 8, 16, 10, 6},
     {N, N, A, N, N, A},
     "mixed, teacher"},
    /* Self: E 4 N (0-5), total 16 B (16-19, the bottom edge). */
    {"sdq_self",
     "2,1,0,2,1,0,2,1,1,2,2,0,1,1,2,2,2,1,0,1,0,0,1,0,1",
     {4, 2, 8, 2, 8, 16, 10, 6},
     {N, N, A, N, N, B},
     "mixed, self"},

    /* Prorating, parent, everything else "0" (so conduct 2, hyper 4, peer 4, prosocial 0).
     * Emotional 3 answered (3: 2, 8: 2, 13: 0, 16 and 24 blank): mean 4/3 x 5 = 6.67 -> 7 ([SDQ]'s
     * own example: 4 from 3 items is 7). Total 7+2+4+4 = 17: abnormal, the parent edge 16/17.
     * Internalising 7+4 = 11. */
    {"sdq_parent",
     "0,0,2,0,0,0,0,2,0,0,0,0,0,0,0,,0,0,0,0,0,0,0,,0",
     {7, 2, 4, 4, 0, 17, 6, 11},
     {A, N, N, A, A, A},
     "emotional 3 answered: 4/3 x 5 = 6.67 -> 7"},
    /* Emotional with only 2 answered (3 and 8): no emotional score, so no total and no
     * internalising; externalising (conduct + hyper) is still 6. */
    {"sdq_parent",
     "0,0,2,0,0,0,0,2,0,0,0,0,,0,0,,0,0,0,0,0,0,0,,0",
     {NONE, 2, 4, 4, 0, NONE, 6, NONE},
     {NULL, N, N, A, A, NULL},
     "emotional 2 answered: not scored, no total"},
    /* Hyperactivity 4 answered (2: 1, 10: 1, 15: 0, 21 blank, 25r: 2 -> 0): 2/4 x 5 = 2.5, a half:
     * up to 3. Total 0+2+3+4 = 9; externalising 2+3 = 5. */
    {"sdq_parent",
     "0,1,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,,0,0,0,2",
     {0, 2, 3, 4, 0, 9, 5, 4},
     {N, N, N, A, A, N},
     "hyper 2/4 x 5 = 2.5 -> 3"},
    /* Prosocial 4 answered (1: 2, 4: 2, 9: 1, 17: 1, 20 blank): 6/4 x 5 = 7.5 -> 8 (normal). */
    {"sdq_parent",
     "2,0,0,2,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,,0,0,0,0,0",
     {0, 2, 4, 4, 8, 10, 6, 4},
     {N, N, N, A, N, N},
     "prosocial 6/4 x 5 = 7.5 -> 8"},
    /* Peer 4 answered (6: 2, 11r: 1 -> 1, 14 blank, 19: 2, 23: 0): 5/4 x 5 = 6.25 -> 6.
     * Total 0+2+4+6 = 12 (normal, 0-13); internalising 6. */
    {"sdq_parent",
     "0,0,0,0,0,2,0,0,0,0,1,0,0,,0,0,0,0,2,0,0,0,0,0,0",
     {0, 2, 4, 6, 0, 12, 6, 6},
     {N, N, N, A, A, N},
     "peer 5/4 x 5 = 6.25 -> 6"},
    /* Conduct 3 answered including the reversed item (5: 0, 7r: 0 -> 2, 12: 0, 18 and 22 blank):
     * 2/3 x 5 = 3.33 -> 3 (borderline). Total 0+3+4+4 = 11. */
    {"sdq_parent",
     "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,0,0,0,,0,0,0",
     {0, 3, 4, 4, 0, 11, 7, 4},
     {N, B, N, A, A, N},
     "conduct 2/3 x 5 = 3.33 -> 3"},
    /* Emotional 3 answered (3: 1, 8: 0, 13: 0): 1/3 x 5 = 1.67 -> 2. Total 2+2+4+4 = 12. */
    {"sdq_parent",
     "0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,,0,0,0,0,0,0,0,,0",
     {2, 2, 4, 4, 0, 12, 6, 6},
     {N, N, N, A, A, N},
     "emotional 1/3 x 5 = 1.67 -> 2"},
    /* Emotional 4 answered (3: 1, 8: 1, 13: 1, 16: 0, 24 blank): 3/4 x 5 = 3.75 -> 4 (borderline).
     * Total 4+2+4+4 = 14: borderline, the parent edge 13/14. */
    {"sdq_parent",
     "0,0,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,,0",
     {4, 2, 4, 4, 0, 14, 6, 8},
     {B, N, N, A, A, B},
     "emotional 3/4 x 5 = 3.75 -> 4; total 14"},
    /* Everything blank but items 1 and 2: no scale has 3 answers; nothing is scored, which is
     * still a valid (stored) measurement. */
    {"sdq_teacher",
     "1,1,,,,,,,,,,,,,,,,,,,,,,,",
     {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
     {NULL, NULL, NULL, NULL, NULL, NULL},
     "two items answered"},
    /* Spaces around values are ignored. */
    {"sdq_parent",
     " 2, 1 ,0,2,1,0,2,1,1,2,2,0,1,1,2,2,2,1,0,1,0,0,1,0, 1 ",
     {4, 2, 8, 2, 8, 16, 10, 6},
     {B, N, A, N, N, B},
     "spaces"},
};

static void check_score(const or_score *s, const int want[8], const char *const band[6],
                        const char *why)
{
    for (int k = 0; k < 8; k++) {
        bool present = want[k] != NONE;
        if (s->present[k] != present || (present && s->score[k] != want[k]))
            fail_msg("%s: scale %d: present %d score %d, want %d", why, k, s->present[k],
                     s->score[k], want[k]);
    }
    for (int k = 0; k < 6; k++) {
        const char *got = or_score_band(s, k);
        if ((got == NULL) != (band[k] == NULL) || (got && strcmp(got, band[k]) != 0))
            fail_msg("%s: scale %d band %s, want %s", why, k, got ? got : "(none)",
                     band[k] ? band[k] : "(none)");
    }
    assert_null(or_score_band(s, EXT)); /* externalising and internalising have no bands */
    assert_null(or_score_band(s, INT));
}

static void test_responses(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof resp_cases / sizeof resp_cases[0]; c++) {
        const resp_case *rc = &resp_cases[c];
        or_score s;
        or_error err = {0};
        if (or_measure_parse(need(rc->measure), rc->text, &s, &err) != OR_OK)
            fail_msg("%s: %s", rc->why, err.msg);
        assert_int_equal(s.entry, OR_ENTRY_RESPONSES);
        check_score(&s, rc->want, rc->band, rc->why);

        /* the same through the array API and or_measure_set_response */
        or_score s2;
        int resp[OR_MEASURE_MAX_ITEMS];
        for (int i = 0; i < 25; i++)
            assert_int_equal(or_measure_set_response(s.measure, resp, i + 1, s.responses[i], &err),
                             OR_OK);
        assert_int_equal(or_measure_score_responses(s.measure, resp, &s2, &err), OR_OK);
        check_score(&s2, rc->want, rc->band, rc->why);

        /* the stored form reads back to the same score */
        char text[OR_SCORE_TEXT_MAX], again[OR_SCORE_TEXT_MAX];
        int n = or_score_format(&s, text, sizeof text);
        assert_true(n > 0 && n < (int)sizeof text);
        or_score s3;
        assert_int_equal(or_measure_parse(s.measure, text, &s3, &err), OR_OK);
        check_score(&s3, rc->want, rc->band, rc->why);
        or_score_format(&s3, again, sizeof again);
        assert_string_equal(text, again);
    }
}

static void test_answered_counts(void **state)
{
    (void)state;
    or_score s;
    /* emotional 2 answered, the others all 5 */
    assert_int_equal(or_measure_parse(need("sdq_parent"),
                                      "0,0,2,0,0,0,0,2,0,0,0,0,,0,0,,0,0,0,0,0,0,0,,0", &s, NULL),
                     OR_OK);
    assert_int_equal(s.answered[EMO], 2);
    assert_int_equal(s.answered[CON], 5);
    assert_int_equal(s.answered[PRO], 5);
    assert_int_equal(s.responses[2], 2);             /* item 3 as given */
    assert_int_equal(s.responses[12], OR_NO_ANSWER); /* item 13 blank */
    char text[OR_SCORE_TEXT_MAX];
    or_score_format(&s, text, sizeof text);
    assert_string_equal(text, "0,0,2,0,0,0,0,2,0,0,0,0,,0,0,,0,0,0,0,0,0,0,,0");
    /* the reversed item is kept as answered, not as scored */
    assert_int_equal(or_measure_parse(need("sdq_parent"),
                                      "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2", &s,
                                      NULL),
                     OR_OK);
    assert_int_equal(s.responses[6], 2);
}

/* ---- bands at their edges, through scale-score entry ---- */

typedef struct {
    const char *measure, *scale;
    int score;
    const char *band;
} edge_case;

static const edge_case edge_cases[] = {
    /* parent [SDQ]: emotional 0-3/4/5-10, conduct 0-2/3/4-10, hyper 0-5/6/7-10, peer 0-2/3/4-10,
     * prosocial 6-10/5/0-4, total 0-13/14-16/17-40 */
    {"sdq_parent", "emotional", 0, N},
    {"sdq_parent", "emotional", 3, N},
    {"sdq_parent", "emotional", 4, B},
    {"sdq_parent", "emotional", 5, A},
    {"sdq_parent", "emotional", 10, A},
    {"sdq_parent", "conduct", 2, N},
    {"sdq_parent", "conduct", 3, B},
    {"sdq_parent", "conduct", 4, A},
    {"sdq_parent", "hyperactivity", 5, N},
    {"sdq_parent", "hyperactivity", 6, B},
    {"sdq_parent", "hyperactivity", 7, A},
    {"sdq_parent", "peer", 2, N},
    {"sdq_parent", "peer", 3, B},
    {"sdq_parent", "peer", 4, A},
    {"sdq_parent", "prosocial", 10, N},
    {"sdq_parent", "prosocial", 6, N},
    {"sdq_parent", "prosocial", 5, B},
    {"sdq_parent", "prosocial", 4, A},
    {"sdq_parent", "prosocial", 0, A},
    {"sdq_parent", "total", 0, N},
    {"sdq_parent", "total", 13, N},
    {"sdq_parent", "total", 14, B},
    {"sdq_parent", "total", 16, B},
    {"sdq_parent", "total", 17, A},
    {"sdq_parent", "total", 40, A},
    /* teacher: emotional 0-4/5/6-10, conduct 0-2/3/4-10, hyper 0-5/6/7-10, peer 0-3/4/5-10,
     * prosocial 6-10/5/0-4, total 0-11/12-15/16-40 */
    {"sdq_teacher", "emotional", 4, N},
    {"sdq_teacher", "emotional", 5, B},
    {"sdq_teacher", "emotional", 6, A},
    {"sdq_teacher", "conduct", 2, N},
    {"sdq_teacher", "conduct", 3, B},
    {"sdq_teacher", "conduct", 4, A},
    {"sdq_teacher", "hyperactivity", 5, N},
    {"sdq_teacher", "hyperactivity", 6, B},
    {"sdq_teacher", "hyperactivity", 7, A},
    {"sdq_teacher", "peer", 3, N},
    {"sdq_teacher", "peer", 4, B},
    {"sdq_teacher", "peer", 5, A},
    {"sdq_teacher", "prosocial", 6, N},
    {"sdq_teacher", "prosocial", 5, B},
    {"sdq_teacher", "prosocial", 4, A},
    {"sdq_teacher", "total", 11, N},
    {"sdq_teacher", "total", 12, B},
    {"sdq_teacher", "total", 15, B},
    {"sdq_teacher", "total", 16, A},
    /* self: emotional 0-5/6/7-10, conduct 0-3/4/5-10, hyper 0-5/6/7-10, peer 0-3/4-5/6-10,
     * prosocial 6-10/5/0-4, total 0-15/16-19/20-40 */
    {"sdq_self", "emotional", 5, N},
    {"sdq_self", "emotional", 6, B},
    {"sdq_self", "emotional", 7, A},
    {"sdq_self", "conduct", 3, N},
    {"sdq_self", "conduct", 4, B},
    {"sdq_self", "conduct", 5, A},
    {"sdq_self", "hyperactivity", 5, N},
    {"sdq_self", "hyperactivity", 6, B},
    {"sdq_self", "hyperactivity", 7, A},
    {"sdq_self", "peer", 3, N},
    {"sdq_self", "peer", 4, B},
    {"sdq_self", "peer", 5, B},
    {"sdq_self", "peer", 6, A},
    {"sdq_self", "prosocial", 6, N},
    {"sdq_self", "prosocial", 5, B},
    {"sdq_self", "prosocial", 4, A},
    {"sdq_self", "total", 15, N},
    {"sdq_self", "total", 16, B},
    {"sdq_self", "total", 19, B},
    {"sdq_self", "total", 20, A},
};

static void test_band_edges(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof edge_cases / sizeof edge_cases[0]; c++) {
        const edge_case *e = &edge_cases[c];
        const or_measure *m = need(e->measure);
        int scales[OR_MEASURE_MAX_SCALES];
        for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
            scales[k] = OR_NO_ANSWER;
        int k = or_measure_scale_find(m, e->scale);
        if (k == TOT) {
            /* a total is entered as its four parts: fill emotional, conduct, hyper, peer in turn
             * with up to 10 each (13 = 10 + 3 + 0 + 0) */
            int left = e->score;
            for (int j = EMO; j <= PEER; j++) {
                scales[j] = left > 10 ? 10 : left;
                left -= scales[j];
            }
        } else {
            scales[k] = e->score;
        }
        or_score s;
        or_error err = {0};
        if (or_measure_score_scales(m, scales, &s, &err) != OR_OK)
            fail_msg("%s %s %d: %s", e->measure, e->scale, e->score, err.msg);
        assert_int_equal(s.entry, OR_ENTRY_SCALES);
        assert_true(s.present[k]);
        assert_int_equal(s.score[k], e->score);
        const char *got = or_score_band(&s, k);
        if (!got || strcmp(got, e->band) != 0)
            fail_msg("%s %s %d: band %s, want %s", e->measure, e->scale, e->score,
                     got ? got : "(none)", e->band);
    }
}

/* ---- scale-score entry ---- */

typedef struct {
    const char *measure, *text;
    int want[8];
    const char *band[6];
    const char *stored; /* the canonical stored form */
} scales_case;

static const scales_case scales_cases[] = {
    /* Paper form: emotional 3, conduct 5, hyper 7, peer 2, prosocial 8. Total 3+5+7+2 = 17;
     * externalising 5+7 = 12; internalising 3+2 = 5. Parent: E 3 N, C 5 A, H 7 A, P 2 N, Pro 8 N,
     * total 17 A. */
    {"sdq_parent",
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8",
     {3, 5, 7, 2, 8, 17, 12, 5},
     {N, A, A, N, N, A},
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8"},
    /* Teacher, same scores: total 17 A (16-40); peer 2 N. */
    {"sdq_teacher",
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8",
     {3, 5, 7, 2, 8, 17, 12, 5},
     {N, A, A, N, N, A},
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8"},
    /* Self: conduct 5 A (5-10); total 17 B (16-19). */
    {"sdq_self",
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8",
     {3, 5, 7, 2, 8, 17, 12, 5},
     {N, A, A, N, N, B},
     "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8"},
    /* Any order, spaces, a trailing ';', no prosocial: the total needs only the four. */
    {"sdq_parent",
     " peer = 2 ; hyperactivity=7;conduct=5; emotional=3;",
     {3, 5, 7, 2, NONE, 17, 12, 5},
     {N, A, A, N, NULL, A},
     "emotional=3;conduct=5;hyperactivity=7;peer=2"},
    /* Emotional and prosocial only: no total, no externalising, no internalising. */
    {"sdq_parent",
     "emotional=3;prosocial=8",
     {3, NONE, NONE, NONE, 8, NONE, NONE, NONE},
     {N, NULL, NULL, NULL, N, NULL},
     "emotional=3;prosocial=8"},
    /* An empty value is a blank scale. Conduct 0 and hyper 0: externalising 0. */
    {"sdq_teacher",
     "emotional=;conduct=0;hyperactivity=0",
     {NONE, 0, 0, NONE, NONE, NONE, 0, NONE},
     {NULL, N, N, NULL, NULL, NULL},
     "conduct=0;hyperactivity=0"},
};

static void test_scales_entry(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof scales_cases / sizeof scales_cases[0]; c++) {
        const scales_case *sc = &scales_cases[c];
        or_score s;
        or_error err = {0};
        if (or_measure_parse(need(sc->measure), sc->text, &s, &err) != OR_OK)
            fail_msg("%s: %s", sc->text, err.msg);
        assert_int_equal(s.entry, OR_ENTRY_SCALES);
        check_score(&s, sc->want, sc->band, sc->text);
        char text[OR_SCORE_TEXT_MAX];
        or_score_format(&s, text, sizeof text);
        assert_string_equal(text, sc->stored);
        or_score s2;
        assert_int_equal(or_measure_parse(s.measure, text, &s2, &err), OR_OK);
        check_score(&s2, sc->want, sc->band, sc->text);
    }
}

/* ---- invalid input ---- */

typedef struct {
    const char *measure, *text;
    or_code rc;
    const char *msg; /* a fragment of the message */
} bad_case;

static const bad_case bad_cases[] = {
    {"sdq_parent", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", OR_EINPUT,
     "24 values, expected 25"},
    {"sdq_parent", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", OR_EINPUT,
     "26 values, expected 25"},
    {"sdq_parent", "", OR_EINPUT, "1 value, expected 25"},
    {"sdq_parent", "0,0,0,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", OR_EINPUT,
     "item 4: \"3\" is not a response (0 = not true, 1 = somewhat true, 2 = certainly true"},
    {"sdq_teacher", "0,0,0,0,0,0,x,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", OR_EINPUT,
     "item 7: \"x\" is not a response"},
    {"sdq_self", "-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", OR_EINPUT,
     "item 1: \"-1\" is not a response"},
    {"sdq_self", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1 2", OR_EINPUT,
     "item 25: \"1 2\""},
    {"sdq_self", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,99999999999", OR_EINPUT,
     "item 25: \"99999999999\""},
    {"sdq_parent", ",,,,,,,,,,,,,,,,,,,,,,,,", OR_EINPUT, "no item is answered"},
    {"sdq_parent", "conduct=11", OR_EINPUT, "scale conduct: 11 is outside 0 to 10"},
    {"sdq_parent", "conduct=99999999", OR_EINPUT, "scale conduct: 99999999 is outside 0 to 10"},
    {"sdq_parent", "conduct=-1", OR_EINPUT, "scale conduct: \"-1\" is not a score (0 to 10"},
    {"sdq_parent", "conduct=x", OR_EINPUT, "scale conduct: \"x\" is not a score"},
    {"sdq_parent", "total=12", OR_EINPUT, "scale total: worked out from the other scales"},
    {"sdq_parent", "externalising=12", OR_EINPUT, "scale externalising: worked out"},
    {"sdq_parent", "foo=1", OR_EINPUT,
     "scale \"foo\": sdq_parent has no such scale (emotional, conduct, hyperactivity, peer, "
     "prosocial)"},
    {"sdq_parent", "conduct=1;conduct=2", OR_EINPUT, "scale conduct: given twice"},
    {"sdq_parent", "emotional=1;conduct", OR_EINPUT, "\"conduct\" is not scale=score"},
    {"sdq_parent", "emotional=;", OR_EINPUT, "no scale score is given"},
    {"sdq_parent", "=3", OR_EINPUT, "scale \"\": sdq_parent has no such scale"},
    {"attendance_pct", "101", OR_EINPUT, "attendance_pct: 101.0 is outside 0.0 to 100.0"},
    {"attendance_pct", "100.1", OR_EINPUT, "100.1 is outside 0.0 to 100.0"},
    {"attendance_pct", "-0.5", OR_EINPUT, "-0.5 is outside"},
    {"attendance_pct", "92.55", OR_EINPUT, "attendance_pct: \"92.55\" has more than 1 decimal"},
    {"attendance_pct", "abc", OR_EINPUT, "attendance_pct: \"abc\" is not a number"},
    {"attendance_pct", "", OR_EINPUT, "is not a number"},
    {"attendance_pct", ".5", OR_EINPUT, "is not a number"},
    {"attendance_pct", "9 2", OR_EINPUT, "is not a number"},
    {"attendance_pct", "1e2", OR_EINPUT, "is not a number"},
    {"suspensions_per_term", "-1", OR_EINPUT, "suspensions_per_term: -1 is below 0"},
    {"suspensions_per_term", "1.5", OR_EINPUT, "has more than 0 decimal places"},
    {"suspensions_per_term", "99999999999999999999", OR_EINPUT, "is too large"},
    {"suspension_days_per_term", "2.25", OR_EINPUT, "more than 1 decimal place"},
};

static void test_bad_input(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof bad_cases / sizeof bad_cases[0]; c++) {
        const bad_case *b = &bad_cases[c];
        or_score s;
        or_error err = {0};
        or_code rc = or_measure_parse(need(b->measure), b->text, &s, &err);
        if (rc != b->rc || !strstr(err.msg, b->msg))
            fail_msg("%s \"%s\": rc %d \"%s\", want %d \"%s\"", b->measure, b->text, (int)rc,
                     err.msg, (int)b->rc, b->msg);
        /* a failed parse leaves nothing scored */
        assert_int_equal(s.entry, 0);
        for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
            assert_false(s.present[k]);
        char text[8];
        assert_int_equal(or_score_format(&s, text, sizeof text), 0);
        assert_string_equal(text, "");
        double v;
        assert_false(or_score_get(&s, NULL, &v));
    }
}

static void test_bad_api(void **state)
{
    (void)state;
    const or_measure *p = need("sdq_parent");
    or_error err = {0};
    or_score s;
    int resp[OR_MEASURE_MAX_ITEMS];
    for (int i = 0; i < 25; i++)
        resp[i] = 0;
    /* item numbers outside 1..25, responses outside 0..2 */
    assert_int_equal(or_measure_set_response(p, resp, 26, 1, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "item 26: there is no such item (items 1 to 25)"));
    assert_int_equal(or_measure_set_response(p, resp, 0, 1, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "item 0"));
    assert_int_equal(or_measure_set_response(p, resp, 7, 3, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "item 7: 3 is not a response (0 to 2, or blank)"));
    assert_int_equal(or_measure_set_response(p, resp, 7, OR_NO_ANSWER, &err), OR_OK);
    assert_int_equal(resp[6], OR_NO_ANSWER);
    assert_int_equal(or_measure_set_response(need("attendance_pct"), resp, 1, 1, &err), OR_EUSAGE);
    resp[2] = 5;
    assert_int_equal(or_measure_score_responses(p, resp, &s, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "item 3: 5 is not a response"));
    resp[2] = -7;
    assert_int_equal(or_measure_score_responses(p, resp, &s, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "item 3: -7"));

    /* scale scores outside 0..10; a derived score entered */
    int scales[OR_MEASURE_MAX_SCALES];
    for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
        scales[k] = OR_NO_ANSWER;
    scales[EMO] = -2;
    assert_int_equal(or_measure_score_scales(p, scales, &s, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "scale emotional: -2 is outside 0 to 10"));
    scales[EMO] = 11;
    assert_int_equal(or_measure_score_scales(p, scales, &s, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "scale emotional: 11 is outside 0 to 10"));
    scales[EMO] = 3;
    scales[TOT] = 20;
    assert_int_equal(or_measure_score_scales(p, scales, &s, &err), OR_EUSAGE);
    assert_non_null(strstr(err.msg, "scale total"));

    /* the wrong kind of measure, no measure */
    assert_int_equal(or_measure_score_number(p, 5, &s, &err), OR_EUSAGE);
    assert_int_equal(or_measure_score_scales(need("attendance_pct"), scales, &s, &err), OR_EUSAGE);
    assert_int_equal(or_measure_parse(NULL, "1", &s, &err), OR_EUSAGE);
    assert_null(s.measure);
    assert_int_equal(or_measure_parse(p, NULL, &s, &err), OR_EINPUT); /* as "" */
}

/* ---- numeric measures ---- */

typedef struct {
    const char *measure, *text;
    int64_t units;
    double value;
    const char *stored, *summary;
} num_case;

static const num_case num_cases[] = {
    /* attendance_pct: 0 to 100, one decimal: 92.5 is 925 tenths */
    {"attendance_pct", "92.5", 925, 92.5, "92.5", "Attendance 92.5%"},
    {"attendance_pct", "100", 1000, 100.0, "100.0", "Attendance 100.0%"},
    {"attendance_pct", "0", 0, 0.0, "0.0", "Attendance 0.0%"},
    {"attendance_pct", " 87.30 ", 873, 87.3, "87.3", "Attendance 87.3%"}, /* a zero is no place */
    {"attendance_pct", "100.00", 1000, 100.0, "100.0", "Attendance 100.0%"},
    {"attendance_pct", "7.", 70, 7.0, "7.0", "Attendance 7.0%"},
    /* suspensions: a count, no upper limit */
    {"suspensions_per_term", "3", 3, 3.0, "3", "Suspensions in the term 3"},
    {"suspensions_per_term", "0", 0, 0.0, "0", "Suspensions in the term 0"},
    {"suspensions_per_term", "-0", 0, 0.0, "0", "Suspensions in the term 0"},
    {"suspensions_per_term", "250", 250, 250.0, "250", "Suspensions in the term 250"},
    /* days: tenths, half days */
    {"suspension_days_per_term", "2.5", 25, 2.5, "2.5", "Time suspended in the term 2.5 days"},
    {"suspension_days_per_term", "0", 0, 0.0, "0.0", "Time suspended in the term 0.0 days"},
};

static void test_numeric(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof num_cases / sizeof num_cases[0]; c++) {
        const num_case *nc = &num_cases[c];
        const or_measure *m = need(nc->measure);
        or_score s;
        or_error err = {0};
        if (or_measure_parse(m, nc->text, &s, &err) != OR_OK)
            fail_msg("%s \"%s\": %s", nc->measure, nc->text, err.msg);
        assert_int_equal(s.entry, OR_ENTRY_NUMERIC);
        assert_int_equal(s.number, nc->units);
        double v = -1;
        assert_true(or_score_get(&s, NULL, &v));
        assert_true(v == nc->value);
        assert_false(or_score_get(&s, "total", &v));
        char buf[OR_SCORE_SUMMARY_MAX];
        or_score_format(&s, buf, sizeof buf);
        assert_string_equal(buf, nc->stored);
        or_score_summary(&s, buf, sizeof buf);
        assert_string_equal(buf, nc->summary);
    }
    or_score s;
    assert_int_equal(or_measure_score_number(need("attendance_pct"), 1001, &s, NULL), OR_EINPUT);
    assert_int_equal(or_measure_score_number(need("attendance_pct"), 1000, &s, NULL), OR_OK);
}

/* ---- summary and values ---- */

static void test_summary(void **state)
{
    (void)state;
    or_score s;
    char buf[OR_SCORE_SUMMARY_MAX];
    /* the mixed parent set of resp_cases */
    assert_int_equal(or_measure_parse(need("sdq_parent"),
                                      "2,1,0,2,1,0,2,1,1,2,2,0,1,1,2,2,2,1,0,1,0,0,1,0,1", &s,
                                      NULL),
                     OR_OK);
    const char *want = "Emotional symptoms 4 (borderline); Conduct problems 2 (normal); "
                       "Hyperactivity/inattention 8 (abnormal); Peer relationship problems 2 "
                       "(normal); Prosocial behaviour 8 (normal); Total difficulties 16 "
                       "(borderline); Externalising 10; Internalising 6";
    int n = or_score_summary(&s, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
    /* snprintf's contract: truncated, terminated, full length */
    char small[10];
    assert_int_equal(or_score_summary(&s, small, sizeof small), (int)strlen(want));
    assert_string_equal(small, "Emotional");
    assert_int_equal(or_score_summary(&s, NULL, 0), (int)strlen(want));

    double v;
    assert_true(or_score_get(&s, "total", &v));
    assert_true(v == 16.0);
    assert_true(or_score_get(&s, "prosocial", &v));
    assert_true(v == 8.0);
    assert_false(or_score_get(&s, "impact", &v));
    assert_false(or_score_get(&s, NULL, &v));

    /* emotional with 2 answers: not scored, and so neither are total and internalising */
    assert_int_equal(or_measure_parse(need("sdq_parent"),
                                      "0,0,2,0,0,0,0,2,0,0,0,0,,0,0,,0,0,0,0,0,0,0,,0", &s, NULL),
                     OR_OK);
    or_score_summary(&s, buf, sizeof buf);
    assert_string_equal(buf, "Emotional symptoms not scored (2 of 5 items answered); Conduct "
                             "problems 2 (normal); Hyperactivity/inattention 4 (normal); Peer "
                             "relationship problems 4 (abnormal); Prosocial behaviour 0 "
                             "(abnormal); Total difficulties not scored; Externalising 6; "
                             "Internalising not scored");
    assert_false(or_score_get(&s, "emotional", &v));
    assert_false(or_score_get(&s, "total", &v));
    assert_true(or_score_get(&s, "externalising", &v));
    assert_true(v == 6.0);

    /* scale entry: a blank scale is just "not scored" */
    assert_int_equal(or_measure_parse(need("sdq_self"), "emotional=6;prosocial=4", &s, NULL),
                     OR_OK);
    or_score_summary(&s, buf, sizeof buf);
    assert_string_equal(buf, "Emotional symptoms 6 (borderline); Conduct problems not scored; "
                             "Hyperactivity/inattention not scored; Peer relationship problems "
                             "not scored; Prosocial behaviour 4 (abnormal); Total difficulties "
                             "not scored; Externalising not scored; Internalising not scored");

    /* the longest stored forms fit OR_SCORE_TEXT_MAX */
    assert_int_equal(or_measure_parse(need("sdq_parent"),
                                      "emotional=10;conduct=10;hyperactivity=10;peer=10;"
                                      "prosocial=10",
                                      &s, NULL),
                     OR_OK);
    assert_true(or_score_format(&s, NULL, 0) < OR_SCORE_TEXT_MAX);
    assert_true(or_score_summary(&s, NULL, 0) < OR_SCORE_SUMMARY_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),      cmocka_unit_test(test_validate_catches),
        cmocka_unit_test(test_responses),  cmocka_unit_test(test_answered_counts),
        cmocka_unit_test(test_band_edges), cmocka_unit_test(test_scales_entry),
        cmocka_unit_test(test_bad_input),  cmocka_unit_test(test_bad_api),
        cmocka_unit_test(test_numeric),    cmocka_unit_test(test_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
