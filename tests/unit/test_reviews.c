/* test_reviews.c - reviews on an instrument (reviews.h): the store (migration 030) and the
 * figures onroll fills into the SEND review's data fields, worked by hand on a little LA.
 *
 * Academic year 2025/26, census day Thursday 15 January 2026. School 100002 (secondary):
 *   P1 N, on roll: suspended 6 October 2025 (2 sessions).
 *   P2 K, on roll: suspended 3 November 2025 and 10 March 2026 (one pupil, two suspensions).
 *   P3 E, on roll on census day: permanently excluded 20 January 2026.
 *   P4 N, P5 K: on roll, nothing.
 * School 100001 (primary): P6 N suspended 2 March 2026 (not 100002's).
 * So for 100002: on roll 5 (N 2, K 2, E 1); pupils with one or more suspensions 2 of 5 (40.0%);
 * with SEN (K or E) 1 of 3 (33.3%); without SEN 1 of 2 (50.0%); permanent exclusions: 1 with
 * SEN, 0 without.
 *
 * Attendance (totals, 3 September to 19 December 2025; every pupil of compulsory school age:
 * born 2010-2012, 13 or 14 on 31 August 2025), persistent absence below 90%:
 *   P1 N  90 of 100  (exactly 90%: not persistent, below is strict)
 *   P2 K  85 of 100  persistent
 *   P3 E  58 of  60  (96.67%)
 *   P4 N  99 of 100
 *   P5 K  70 of  80  (87.5%) persistent
 *   P6 N  50 of 100 at 100001: not 100002's
 * With SEN (P2, P3, P5): 85 + 58 + 70 = 213 of 100 + 60 + 80 = 240 = 88.75%; persistent 2 of 3
 * = 66.666.. -> 66.67%. Without (P1, P4): 189 of 200 = 94.50%; persistent 0 of 2 = 0.00%.
 * All: 402 of 440 = 91.3636.. -> 91.36%; persistent 2 of 5 = 40.00%. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "onroll/columns.h"
#include "onroll/ingest.h"
#include "onroll/instruments.h"
#include "onroll/reviews.h"
#include "onroll/stats.h"
#include "onroll/upn.h"
#include "onroll/vulnerability.h"

static char path[256];
static or_store *store;
static char upn[8][14];

static void load(or_kind_id kind, const char *const *rows, int nrows, int ncols)
{
    or_ingest *in = NULL;
    or_error err = {0};
    or_source src = {"file", "test", NULL, "test", NULL};
    const or_kind *k = or_kind_get(kind);
    assert_int_equal(or_ingest_begin(store, k, &src, NULL, &in, &err), OR_OK);
    for (int r = 0; r < nrows; r++) {
        const char *cells[32];
        for (int c = 0; c < k->ncols; c++)
            cells[c] = "";
        for (int c = 0; c < ncols; c++)
            cells[c] = rows[r * ncols + c];
        if (or_ingest_row(in, r + 2, cells, &err))
            fail_msg("row %d of %s: %s", r, k->name, err.msg);
    }
    or_ingest_result res = {0};
    if (or_ingest_end(in, &res, &err))
        fail_msg("%s: %s\n%s", k->name, err.msg, or_sb_str(&res.errors));
    or_ingest_result_release(&res);
}

#define U(n) upn[n]

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_reviews.%d.db", (int)getpid());
    unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    for (unsigned i = 1; i <= 7; i++) {
        snprintf(upn[i], 14, "?999250%06u", i);
        upn[i][0] = or_upn_check_letter(upn[i]);
    }
    /* clang-format off */
    const char *const schools[] = {
        "100001", "9992001", "Riverside", "primary",   "999", /**/
        "100002", "9994001", "Hillside",  "secondary", "999",
    };
    const char *const pupils[] = {
        U(1), "A", "One",   "2012-03-01", "M", "WBRI", "0", "N", "2025-09-01", /**/
        U(2), "B", "Two",   "2011-10-10", "F", "BCRB", "1", "K", "2025-09-01", /**/
        U(3), "C", "Three", "2011-05-05", "M", "BAFR", "0", "E", "2025-09-01", /**/
        U(4), "D", "Four",  "2010-12-12", "F", "WBRI", "0", "N", "2025-09-01", /**/
        U(5), "E", "Five",  "2012-01-01", "M", "WBRI", "0", "K", "2025-09-01", /**/
        U(6), "F", "Six",   "2017-02-02", "M", "WBRI", "1", "N", "2025-09-01",
    };
    const char *const enrols[] = {
        U(1), "100002", "2021-09-01", "", "main", /**/
        U(2), "100002", "2022-09-01", "", "main", /**/
        U(3), "100002", "2022-09-01", "", "main", /**/
        U(4), "100002", "2022-09-01", "", "main", /**/
        U(5), "100002", "2023-09-01", "", "main", /**/
        U(6), "100001", "2022-09-01", "", "main",
    };
    const char *const events[] = {
        "EX1", U(1), "100002", "suspension", "2025-10-06", "2", "DB", "", "", "", "", "", "", "", "",
        "EX2", U(2), "100002", "suspension", "2025-11-03", "2", "DB", "", "", "", "", "", "", "", "",
        "EX3", U(2), "100002", "suspension", "2026-03-10", "4", "VA", "", "", "", "", "", "", "", "",
        "EX4", U(3), "100002", "permanent",  "2026-01-20", "",  "PA", "", "", "", "", "", "", "", "",
        "EX5", U(6), "100001", "suspension", "2026-03-02", "1", "DB", "", "", "", "", "", "", "", "",
    };
    const char *const totals[] = {
        U(1), "100002", "2025-09-03", "2025-12-19", "100", "90", "10", "0", /**/
        U(2), "100002", "2025-09-03", "2025-12-19", "100", "85", "10", "5", /**/
        U(3), "100002", "2025-09-03", "2025-12-19", "60",  "58", "2",  "0", /**/
        U(4), "100002", "2025-09-03", "2025-12-19", "100", "99", "1",  "0", /**/
        U(5), "100002", "2025-09-03", "2025-12-19", "80",  "70", "5",  "5", /**/
        U(6), "100001", "2025-09-03", "2025-12-19", "100", "50", "50", "0",
    };
    /* clang-format on */
    load(OR_K_SCHOOLS, schools, 2, 5);
    load(OR_K_PUPILS, pupils, 6, 9);
    load(OR_K_ENROLMENTS, enrols, 6, 5);
    load(OR_K_EVENTS, events, 5, 15);
    load(OR_K_ATTENDANCE_AGG, totals, 6, 8);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    unlink(path);
    return 0;
}

static void figures_by_hand(void **state)
{
    (void)state;
    or_columns *c = NULL;
    or_error err = {0};
    assert_int_equal(or_columns_load(store, &c, &err), OR_OK);
    or_arena a = OR_ARENA_INIT;
    or_review_figures f;
    assert_int_equal(or_review_figures_of(c, 100002, 2025, &a, &f, &err), OR_OK);
    assert_string_equal(or_review_figure(&f, "sen_k"), "2 pupils on SEN support");
    assert_string_equal(or_review_figure(&f, "sen_e"), "1 pupil with an EHC plan");
    assert_string_equal(or_review_figure(&f, "susp_all"), "2 of 5 pupils (40.0%)");
    assert_string_equal(or_review_figure(&f, "susp_sen"), "1 of 3 pupils (33.3%)");
    assert_string_equal(or_review_figure(&f, "susp_nsen"), "1 of 2 pupils (50.0%)");
    assert_string_equal(or_review_figure(&f, "pex_sen_nsen"), "1 with SEN, 0 without");
    assert_non_null(strstr(f.period, "2025/26"));
    assert_non_null(strstr(f.period, "15 January 2026"));
    assert_null(or_review_figure(&f, "att_sen")); /* not from the columns: the model's, below */
    /* attendance by SEN, the vulnerability dashboard's figures (by hand: the header) */
    or_model *m = NULL;
    assert_int_equal(or_model_load(store, NULL, &m, &err), OR_OK);
    or_review_attendance_of(m, 100002, 2025, or_date_from_ymd(2026, 12, 7), &a, &f);
    assert_string_equal(or_review_figure(&f, "att_sen"),
                        "213 of 240 possible sessions attended (88.75%) by 3 pupils with SEN");
    assert_string_equal(or_review_figure(&f, "att_nsen"),
                        "189 of 200 possible sessions attended (94.50%) by 2 pupils without SEN");
    assert_string_equal(or_review_figure(&f, "att_all"),
                        "402 of 440 possible sessions attended (91.36%) by 5 pupils");
    assert_string_equal(or_review_figure(&f, "pa_sen"),
                        "2 of 3 pupils with SEN (66.67%) attended less than 90% of their possible "
                        "sessions");
    assert_string_equal(or_review_figure(&f, "pa_nsen"),
                        "0 of 2 pupils without SEN (0.00%) attended less than 90% of their "
                        "possible sessions");
    assert_string_equal(or_review_figure(&f, "pa_all"),
                        "2 of 5 pupils (40.00%) attended less than 90% of their possible "
                        "sessions");
    /* the period: the year's sessions (the review is of a past year: to its end), who counts */
    assert_string_equal(or_review_figure_period(&f, "att_sen"),
                        "2025/26: sessions in the school year to 31 July 2026 of the pupils of "
                        "compulsory school age on roll on census day, 15 January 2026; attended: "
                        "present or an approved educational activity; with SEN: on SEN support "
                        "(K) or with an EHC plan (E) on census day");
    assert_string_equal(or_review_figure_period(&f, "pa_nsen"),
                        or_review_figure_period(&f, "att_sen"));
    /* the other figures keep theirs */
    assert_ptr_equal(or_review_figure_period(&f, "susp_sen"), f.period);
    assert_null(or_review_figure_period(&f, "nothing"));
    /* the dashboard's figure (page_vulnerability.c: or_vuln_from_model, or_cell_rate in full) */
    or_vuln v;
    or_vuln_init(&v, 2025);
    or_vuln_from_model(&v, m, 100002, or_date_from_ymd(2026, 12, 7));
    char rate[32];
    or_cell_rate(v.attended[OR_VG_SEN], OR_SUP_NONE, v.possible[OR_VG_SEN], OR_SUP_NONE, rate,
                 sizeof rate);
    assert_string_equal(rate, "88.75");
    assert_non_null(strstr(or_review_figure(&f, "att_sen"), "(88.75%)"));
    or_cell_rate(v.pa[OR_VG_SEN], OR_SUP_NONE, v.att_pupils[OR_VG_SEN], OR_SUP_NONE, rate,
                 sizeof rate);
    assert_string_equal(rate, "66.67");
    /* earlier in the year, before the totals' period ended: no attendance yet */
    or_review_figures early;
    assert_int_equal(or_review_figures_of(c, 100002, 2025, &a, &early, &err), OR_OK);
    or_review_attendance_of(m, 100002, 2025, or_date_from_ymd(2025, 10, 31), &a, &early);
    assert_string_equal(or_review_figure(&early, "att_sen"),
                        "No attendance recorded for pupils with SEN");
    assert_string_equal(or_review_figure(&early, "pa_all"), "No attendance recorded for pupils");
    assert_non_null(strstr(or_review_figure_period(&early, "att_all"),
                           "sessions in the school year to 31 October 2025 "));
    or_model_free(m);
    /* every data key the SEND review names is one onroll fills */
    const or_instrument *in = or_instrument_find("send-review", 1);
    for (int s = 0; s < in->nsections; s++)
        for (int i = 0; i < in->sections[s].nitems; i++)
            for (int k = 0; k < in->sections[s].items[i].nfields; k++) {
                const char *key = in->sections[s].items[i].fields[k].data_key;
                if (key)
                    assert_non_null(or_review_figure(&f, key));
            }
    /* a school with no pupils of that year */
    assert_int_equal(or_review_figures_of(c, 100001, 2030, &a, &f, &err), OR_OK);
    assert_string_equal(or_review_figure(&f, "susp_all"), "0 of no pupils on roll");
    or_arena_free(&a);
    or_columns_free(c);
}

static void store_round_trip(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    int64_t id = 0, again = 0, prev_id = 0;
    assert_int_equal(or_review_start(store, 100002, 2025, "send-review", 1, "s@x", &id, &err),
                     OR_OK);
    assert_true(id > 0);
    /* one review of an instrument per school and year */
    assert_int_equal(or_review_start(store, 100002, 2025, "send-review", 1, "s@x", &again, &err),
                     OR_EINPUT);
    assert_int_equal(or_review_start(store, 100002, 2024, "send-review", 1, "s@x", &prev_id, &err),
                     OR_OK);
    assert_int_equal(or_review_answer_set(store, id, "a1.i4", "Developing", "s@x", &err), OR_OK);
    assert_int_equal(or_review_answer_set(store, id, "a1.i4", "Secure", "s@x", &err), OR_OK);
    assert_int_equal(or_review_answer_set(store, id, "a1.j1", "Improve", "s@x", &err), OR_OK);
    assert_int_equal(or_review_answer_set(store, id, "a1.j1", "", "s@x", &err), OR_OK);
    or_review_answer *as = NULL;
    int n = 0;
    assert_int_equal(or_review_answers(store, id, &a, &as, &n, &err), OR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(or_review_value(as, n, "a1.i4"), "Secure");
    assert_string_equal(or_review_value(as, n, "a1.j1"), "");
    assert_int_equal(or_review_complete(store, id, "2026-03-20", &err), OR_OK);
    or_review r;
    bool found = false;
    assert_int_equal(or_review_get(store, id, &a, &r, &found, &err), OR_OK);
    assert_true(found);
    assert_string_equal(r.status, "complete");
    assert_string_equal(r.completed_at, "2026-03-20");
    assert_int_equal(r.version, 1);
    or_review p;
    assert_int_equal(or_review_previous(store, &r, &a, &p, &found, &err), OR_OK);
    assert_true(found);
    assert_true(p.id == prev_id);
    or_review_action x = {
        0,          id, 2,  "Purpose", "Actions", "The SENCO", "2026-04-13", "2026-05-22",
        "Outcomes", "", "", "",        ""};
    int64_t xid = 0;
    assert_int_equal(or_review_action_add(store, &x, "s@x", &xid, &err), OR_OK);
    or_review_action *xs = NULL;
    int *urns = NULL;
    assert_int_equal(or_review_actions_open(store, 100002, &a, &xs, &urns, &n, &err), OR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(xs[0].due_on, "2026-05-22");
    assert_int_equal(urns[0], 100002);
    assert_int_equal(or_review_actions_open(store, 100001, &a, &xs, &urns, &n, &err), OR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(or_review_action_done(store, xid, "2026-05-20", &err), OR_OK);
    assert_int_equal(or_review_actions_open(store, 0, &a, &xs, &urns, &n, &err), OR_OK);
    assert_int_equal(n, 0);
    or_review *rs = NULL;
    assert_int_equal(or_reviews_list(store, 100002, &a, &rs, &n, &err), OR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(rs[0].ay, 2025);
    or_arena_free(&a);
}

/* The wellbeing audit's areas 6-9 are placeholders (the source names 5 of its 9): the LA names
 * them; a named area (1) keeps the source's name. */
static void area_names(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    const or_instrument *w = or_instrument_find("wellbeing-audit", 1);
    assert_int_equal(or_instrument_area_rename(store, w, 6, "Staff wellbeing", "la@x", &err),
                     OR_OK);
    assert_int_equal(
        or_instrument_area_rename(store, w, 6, "Staff wellbeing and support", "la@x", &err), OR_OK);
    assert_int_equal(or_instrument_area_rename(store, w, 1, "Leading", "la@x", &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "named by the source"));
    assert_int_equal(or_instrument_area_rename(store, w, 10, "x", "la@x", &err), OR_EINPUT);
    assert_int_equal(or_instrument_area_rename(store, w, 7, "", "la@x", &err), OR_EINPUT);
    const char **names = NULL;
    assert_int_equal(or_instrument_area_names(store, w, &a, &names, &err), OR_OK);
    assert_string_equal(names[5], "Staff wellbeing and support");
    assert_null(names[0]);
    assert_null(names[6]);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_by_hand),
        cmocka_unit_test(store_round_trip),
        cmocka_unit_test(area_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
