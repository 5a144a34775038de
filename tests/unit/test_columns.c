/* test_columns.c - the columnar model (columns.h) on a little LA worked by hand, kept current
 * by adds (checked against a fresh load of the same rows), and on the demo LA (threads give
 * the same numbers; Totals add up).
 *
 * Academic year 2025/26, census day Thursday 15 January 2026. Schools: 100001 primary and
 * 100002 secondary in LA 999, 200001 secondary in LA 888.
 *   P1 WBRI M fsm0 N, main at 100002 from 2021: suspended 6 Oct (2 sessions, DB) and 2 Feb
 *      (3 sessions, PA;DB).
 *   P2 BCRB F fsm1 K (from 1 Sep 2025), fsm0 E (from 1 Mar 2026), main at 100002: suspended
 *      10 Mar (4 sessions: counted with the census characteristics, fsm1 K); suspended 3 Nov
 *      (2 sessions) then withdrawn: not counted.
 *   P3 BAFR M fsm1 (from Jun 2025), fsm0 (from 2 Feb 2026), joins 100001 on 2 Feb 2026 (after
 *      census: no headcount): suspended 2 Mar (1 session, a half day), counted with the
 *      characteristics of that day (fsm0).
 *   P1 also has a lunchtime suspension (L9, 2 lunchtimes): it counts in no published figure
 *      (the school census does not collect lunchtime suspensions), so nothing below changes.
 *   P4 WBRI F fsm0 E, main at 200001 until 31 Jan 2026: suspended 1 Dec (2 sessions), board
 *      reinstated 10 Dec (after it took effect: counts); suspended 12 Jan (2 sessions),
 *      reinstated 9 Jan (before it started: does not count); permanently excluded 20 Jan.
 *   P5 WBRI M, main at 100002 until 19 Dec 2025, dual at 100001 on census day: not on roll.
 *   P6 WBRI M fsm1 N, main at 100001, only snapshot as of 1 Jun 2026 (after census day: the
 *      earliest one is in force): on roll.
 * So by ethnicity: WBRI headcount 3 (P1, P4, P6), 3 suspensions (P1 x2, P4), 7 half-days, 2
 * pupils, 1 permanent; BCRB 1, 1, 4, 1; BAFR headcount 0, 1 suspension, 1 half-day, 1 pupil;
 * Total 4, 5, 12, 4, 1 permanent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/interventions.h"
#include "onroll/columns.h"
#include "onroll/demo.h"
#include "onroll/ingest.h"
#include "onroll/store_interventions.h"
#include "onroll/upn.h"
#include "model/columns_internal.h" /* the hot rows: that keeping current moved some */

#define AY 2025

static char path[256];
static or_store *store;
static char upn[8][14]; /* P1..P7 at 1..7 */

/* A valid UPN of LA 999 with serial n. */
static void make_upn(unsigned n, char out[14])
{
    snprintf(out, 14, "?999250%06d", n % 1000000);
    out[0] = or_upn_check_letter(out);
}

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
    snprintf(path, sizeof path, "/tmp/test_columns.%d.db", (int)getpid());
    unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    for (unsigned i = 1; i <= 7; i++)
        make_upn(i, upn[i]);
    /* clang-format off */
    /* urn, laestab, name, phase, la_code */
    const char *const schools[] = {
        "100001", "9992001", "Riverside", "primary",   "999", /**/
        "100002", "9994001", "Hillside",  "secondary", "999", /**/
        "200001", "8884001", "Moorside",  "secondary", "888",
    };
    /* clang-format on */
    load(OR_K_SCHOOLS, schools, 3, 5);
    /* clang-format off */
    /* upn, forename, surname, dob, sex, ethnicity, fsm, sen, as_of */
    const char *const pupils[] = {
        U(1), "A", "One",   "2012-03-01", "M", "WBRI", "0", "N", "2025-09-01", /**/
        U(2), "B", "Two",   "2011-10-10", "F", "BCRB", "1", "K", "2025-09-01", /**/
        U(2), "B", "Two",   "2011-10-10", "F", "BCRB", "0", "E", "2026-03-01", /**/
        U(3), "C", "Three", "2016-05-05", "M", "BAFR", "1", "N", "2025-06-01", /**/
        U(3), "C", "Three", "2016-05-05", "M", "BAFR", "0", "N", "2026-02-02", /**/
        U(4), "D", "Four",  "2010-12-12", "F", "WBRI", "0", "E", "2025-09-01", /**/
        U(5), "E", "Five",  "2012-01-01", "M", "WBRI", "0", "N", "2025-09-01", /**/
        U(6), "F", "Six",   "2017-02-02", "M", "WBRI", "1", "N", "2026-06-01",
    };
    /* clang-format on */
    load(OR_K_PUPILS, pupils, 8, 9);
    /* clang-format off */
    /* upn, urn, start, end, type */
    const char *const enrols[] = {
        U(1), "100002", "2021-09-01", "",           "main", /**/
        U(2), "100002", "2022-09-01", "",           "main", /**/
        U(3), "100001", "2026-02-02", "",           "main", /**/
        U(4), "200001", "2022-09-01", "2026-01-31", "main", /**/
        U(5), "100002", "2023-09-01", "2025-12-19", "main", /**/
        U(5), "100001", "2026-01-05", "",           "dual", /**/
        U(6), "100001", "2022-09-01", "",           "main",
    };
    /* clang-format on */
    load(OR_K_ENROLMENTS, enrols, 7, 5);
    /* clang-format off */
    /* event_id, upn, urn, type, start, sessions, reasons, ref, to_urn, provider, end, decided,
     * exam_date, rule, outcome */
    const char *const events[] = {
        "EX1", U(1), "100002", "suspension", "2025-10-06", "2", "DB",    "",    "", "", "", "", "", "",              "",
        "EX2", U(1), "100002", "suspension", "2026-02-02", "3", "PA;DB", "",    "", "", "", "", "", "",              "",
        "EX3", U(2), "100002", "suspension", "2026-03-10", "4", "VA",    "",    "", "", "", "", "", "",              "",
        "EX4", U(2), "100002", "suspension", "2025-11-03", "2", "DB",    "",    "", "", "", "", "", "",              "",
        "W4",  U(2), "100002", "withdrawn",  "2025-11-04", "",  "",      "EX4", "", "", "", "", "", "",              "",
        "EX5", U(3), "100001", "suspension", "2026-03-02", "1", "DB",    "",    "", "", "", "", "", "",              "",
        "L9",  U(1), "100002", "lunchtime",  "2026-03-04", "2", "DB",    "",    "", "", "", "", "", "",              "",
        "EX8", U(4), "200001", "suspension", "2025-12-01", "2", "VP",    "",    "", "", "", "", "", "",              "",
        "A8",  U(4), "200001", "action",     "2025-12-10", "",  "",      "EX8", "", "", "", "", "", "STAT-GB-15DAY", "reinstated",
        "EX7", U(4), "200001", "suspension", "2026-01-12", "2", "DB",    "",    "", "", "", "2026-01-08", "", "", "",
        "R7",  U(4), "200001", "reinstated", "2026-01-09", "",  "",      "EX7", "", "", "", "", "", "",              "",
        "EX6", U(4), "200001", "permanent",  "2026-01-20", "",  "PA",    "",    "", "", "", "", "", "",              "",
    };
    /* clang-format on */
    load(OR_K_EVENTS, events, 12, 15);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    unlink(path);
    return 0;
}

static or_columns *load_model(void)
{
    or_columns *c = NULL;
    or_error err = {0};
    if (or_columns_load(store, &c, &err))
        fail_msg("load: %s", err.msg);
    return c;
}

static void group(const or_columns *c, or_group_result *r, int ndims, const or_dim *dims,
                  bool totals, int threads)
{
    or_group_query q = {AY, AY, ndims, {0}, totals, true, threads};
    for (int i = 0; i < ndims; i++)
        q.dims[i] = dims[i];
    or_error err = {0};
    if (or_columns_group(c, &q, r, &err))
        fail_msg("group: %s", err.msg);
}

/* The value of code on axis 0 (size = Total) */
static int value_of(const or_columns *c, const or_group_result *r, int axis, const char *code)
{
    for (int v = 0; v <= r->size[axis]; v++)
        if (strcmp(or_group_code(c, r, axis, v), code) == 0)
            return v;
    fail_msg("no value %s on axis %d", code, axis);
    return -1;
}

static void expect(const or_group_cell *g, int64_t hc, int64_t susp, int64_t half, int64_t one,
                   int64_t perm)
{
    assert_non_null(g);
    assert_int_equal(g->headcount, hc);
    assert_int_equal(g->suspensions, susp);
    assert_int_equal(g->halfdays, half);
    assert_int_equal(g->one_plus, one);
    assert_int_equal(g->perm_excl, perm);
}

static const or_group_cell *at1(const or_columns *c, const or_group_result *r, const char *code)
{
    int v = value_of(c, r, 0, code);
    return or_group_at(r, &v);
}

static void test_census_day(void **state)
{
    (void)state;
    char buf[11];
    or_date_format(or_census_day(2025), buf);
    assert_string_equal(buf, "2026-01-15");
    or_date_format(or_census_day(2016), buf);
    assert_string_equal(buf, "2017-01-19");
    or_date_format(or_census_day(2020), buf); /* 1 Jan 2021 was a Friday */
    assert_string_equal(buf, "2021-01-21");
}

static void test_by_ethnicity(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_columns_info info;
    or_columns_info_get(c, &info);
    assert_int_equal(info.pupils, 6);
    assert_int_equal(info.las, 2);
    assert_int_equal(info.ay_first, 2024); /* P3's first snapshot is of June 2025 */
    assert_int_equal(info.ay_last, 2025);
    or_group_result r;
    or_dim eth = OR_DIM_ETHNICITY;
    group(c, &r, 1, &eth, true, 1);
    expect(at1(c, &r, "WBRI"), 3, 3, 7, 2, 1);
    expect(at1(c, &r, "BCRB"), 1, 1, 4, 1, 0);
    expect(at1(c, &r, "BAFR"), 0, 1, 1, 1, 0);
    expect(at1(c, &r, "Total"), 4, 5, 12, 4, 1);
    assert_string_equal(or_group_label(c, &r, 0, value_of(c, &r, 0, "BCRB")),
                        "Black Caribbean"); /* DfE's name (issue 14: one name everywhere) */
    or_group_result_release(&r);
    /* the year before: P4, P5 and P6 were on roll (P1, P2 too); nothing happened */
    or_group_query q = {AY - 1, AY - 1, 0, {0}, false, true, 1};
    or_error err = {0};
    assert_int_equal(or_columns_group(c, &q, &r, &err), OR_OK);
    expect(&r.cells[0], 5, 0, 0, 0, 0);
    or_group_result_release(&r);
    or_columns_free(c);
}

/* A term's figures (or_columns_group_dated; `onroll report rates --from --to`), by hand from the
 * LA above. Autumn, 1 September - 19 December 2025: P1 6 Oct (2 sessions), P4 1 Dec (2): 2
 * suspensions, 4 half-days, 2 pupils; P2's 3 Nov is withdrawn. Spring, 5 January - 27 March
 * 2026: P1 2 Feb (3), P3 2 Mar (1), P2 10 Mar (4): 3 suspensions, 8 half-days, 3 pupils, and P4's
 * permanent exclusion of 20 Jan (P4's 12 Jan suspension does not count). Each term keeps the
 * year's census headcount, 4; the two terms add up to the year's 5, 12, 1. One day: 6 October
 * alone is P1's suspension. */
static void test_dated(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_group_query q = {AY, AY, 0, {0}, false, true, 1};
    or_group_result r;
    or_error err = {0};
    assert_int_equal(or_columns_group_dated(c, &q, or_date_from_ymd(2025, 9, 1),
                                            or_date_from_ymd(2025, 12, 19), &r, &err),
                     OR_OK);
    expect(&r.cells[0], 4, 2, 4, 2, 0);
    or_group_result_release(&r);
    assert_int_equal(or_columns_group_dated(c, &q, or_date_from_ymd(2026, 1, 5),
                                            or_date_from_ymd(2026, 3, 27), &r, &err),
                     OR_OK);
    expect(&r.cells[0], 4, 3, 8, 3, 1);
    or_group_result_release(&r);
    assert_int_equal(or_columns_group_dated(c, &q, or_date_from_ymd(2025, 10, 6),
                                            or_date_from_ymd(2025, 10, 6), &r, &err),
                     OR_OK);
    expect(&r.cells[0], 4, 1, 2, 1, 0);
    or_group_result_release(&r);
    or_columns_free(c);
}

static void test_by_la_fsm_school(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_group_result r;
    or_dim la_fsm[] = {OR_DIM_LA, OR_DIM_FSM};
    group(c, &r, 2, la_fsm, true, 1);
    int v[2];
    v[0] = value_of(c, &r, 0, "999");
    v[1] = r.size[1];
    expect(or_group_at(&r, v), 3, 4, 10, 3, 0); /* P1, P2, P6; EX1, EX2, EX3, EX5 */
    v[0] = value_of(c, &r, 0, "888");
    expect(or_group_at(&r, v), 1, 1, 2, 1, 1);
    v[0] = r.size[0]; /* all LAs */
    v[1] = value_of(c, &r, 1, "0");
    expect(or_group_at(&r, v), 2, 4, 8, 3, 1); /* P1, P4; EX1, EX2, EX5 (P3 on 2 Mar), EX8 */
    v[1] = value_of(c, &r, 1, "1");
    expect(or_group_at(&r, v), 2, 1, 4, 1, 0); /* P2, P6; EX3 with P2's census FSM */
    v[0] = value_of(c, &r, 0, "999");
    expect(or_group_at(&r, v), 2, 1, 4, 1, 0);
    v[1] = r.size[1];
    v[0] = r.size[0];
    expect(or_group_at(&r, v), 4, 5, 12, 4, 1);
    or_group_result_release(&r);

    or_dim school = OR_DIM_SCHOOL;
    group(c, &r, 1, &school, false, 1);
    expect(at1(c, &r, "100002"), 2, 3, 9, 2, 0);
    expect(at1(c, &r, "100001"), 1, 1, 1, 1, 0);
    expect(at1(c, &r, "200001"), 1, 1, 2, 1, 1);
    assert_string_equal(or_group_label(c, &r, 0, value_of(c, &r, 0, "200001")), "Moorside");
    or_group_result_release(&r);

    or_dim sen = OR_DIM_SEN;
    group(c, &r, 1, &sen, false, 1);
    expect(at1(c, &r, "N"), 2, 3, 6, 2, 0); /* P1, P6; EX1, EX2, EX5 */
    expect(at1(c, &r, "K"), 1, 1, 4, 1, 0); /* P2 on census day */
    expect(at1(c, &r, "E"), 1, 1, 2, 1, 1); /* P4 */
    or_group_result_release(&r);

    /* ages on 31 August 2025: P1 13, P2 13, P4 14, P6 8 */
    or_dim age = OR_DIM_AGE;
    group(c, &r, 1, &age, false, 1);
    expect(at1(c, &r, "13"), 2, 3, 9, 2, 0);
    expect(at1(c, &r, "14"), 1, 1, 2, 1, 1);
    expect(at1(c, &r, "8"), 1, 0, 0, 0, 0);
    expect(at1(c, &r, "9"), 0, 1, 1, 1, 0); /* P3, 9 on 31 August 2025 */
    or_group_result_release(&r);
    or_columns_free(c);
}

static void test_by_reason(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_group_result r;
    or_dim reason = OR_DIM_REASON;
    group(c, &r, 1, &reason, true, 1);
    expect(at1(c, &r, "DB"), 0, 3, 6, 2, 0); /* EX1, EX2 (P1), EX5 (P3) */
    expect(at1(c, &r, "PA"), 0, 1, 3, 1, 1); /* EX2; EX6 permanent */
    expect(at1(c, &r, "VA"), 0, 1, 4, 1, 0);
    expect(at1(c, &r, "Total"), 4, 5, 12, 4, 1); /* EX2 once, not under each reason */
    or_group_result_release(&r);
    or_columns_free(c);
}

static void parse(or_kind_id kind, const char *const *cells, int n, or_value *row)
{
    const or_kind *k = or_kind_get(kind);
    for (int i = 0; i < k->ncols; i++) {
        or_error err = {0};
        if (or_value_parse(&k->cols[i], i < n ? cells[i] : "", OR_DATE_NONE, &row[i], &err))
            fail_msg("%s column %s: %s", k->name, k->cols[i].name, err.msg);
    }
}

/* Every cell of a by-ethnicity-and-school query with totals */
static void same_results(const or_columns *a, const or_columns *b)
{
    or_group_result ra, rb;
    or_dim dims[] = {OR_DIM_SCHOOL, OR_DIM_ETHNICITY};
    group(a, &ra, 2, dims, true, 1);
    group(b, &rb, 2, dims, true, 1);
    assert_int_equal(ra.ncells, rb.ncells);
    assert_memory_equal(ra.cells, rb.cells, ra.ncells * sizeof *ra.cells);
    or_group_result_release(&ra);
    or_group_result_release(&rb);
}

static void test_kept_current(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_error err = {0};
    or_value row[OR_EV__N];
    /* P6 suspended on 5 March: WBRI 4 suspensions, 3 pupils; invisible until the refresh */
    const char *ex9[] = {"EX9", U(6), "100001", "suspension", "2026-03-05", "2", "DB"};
    parse(OR_K_EVENTS, ex9, 7, row);
    assert_int_equal(or_columns_add(c, OR_K_EVENTS, row, 1001, &err), OR_OK);
    or_group_result r;
    or_dim eth = OR_DIM_ETHNICITY;
    group(c, &r, 1, &eth, true, 1);
    expect(at1(c, &r, "WBRI"), 3, 3, 7, 2, 1);
    or_group_result_release(&r);
    assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    group(c, &r, 1, &eth, true, 1);
    expect(at1(c, &r, "WBRI"), 3, 4, 9, 3, 1);
    or_group_result_release(&r);
    /* withdrawn again */
    const char *w9[] = {"W9", U(6), "100001", "withdrawn", "2026-03-06", "", "", "EX9"};
    parse(OR_K_EVENTS, w9, 8, row);
    assert_int_equal(or_columns_add(c, OR_K_EVENTS, row, 1002, &err), OR_OK);
    /* P7, new: on roll at 100001 since September; P3's registration backdated to before
     * census day: both now in the headcount, P3 with the census day's characteristics (fsm1) */
    or_value prow[OR_PU__N], erow[OR_EN__N];
    const char *p7[] = {U(7), "G", "Seven", "2015-04-04", "F", "CHNE", "1", "N", "2025-09-01"};
    parse(OR_K_PUPILS, p7, 9, prow);
    assert_int_equal(or_columns_add(c, OR_K_PUPILS, prow, 1003, &err), OR_OK);
    const char *e7[] = {U(7), "100001", "2025-09-01", "", "main"};
    parse(OR_K_ENROLMENTS, e7, 5, erow);
    assert_int_equal(or_columns_add(c, OR_K_ENROLMENTS, erow, 0, &err), OR_OK);
    const char *e3[] = {U(3), "100001", "2026-01-05", "2026-02-01", "main"};
    parse(OR_K_ENROLMENTS, e3, 5, erow);
    assert_int_equal(or_columns_add(c, OR_K_ENROLMENTS, erow, 0, &err), OR_OK);
    assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    group(c, &r, 1, &eth, true, 1);
    expect(at1(c, &r, "WBRI"), 3, 3, 7, 2, 1);
    expect(at1(c, &r, "CHNE"), 1, 0, 0, 0, 0);
    expect(at1(c, &r, "BAFR"), 1, 1, 1, 1, 0);
    expect(at1(c, &r, "Total"), 6, 5, 12, 4, 1);
    or_group_result_release(&r);
    or_dim fsm = OR_DIM_FSM;
    group(c, &r, 1, &fsm, false, 1);
    expect(at1(c, &r, "1"), 4, 2, 5, 2, 0); /* P2, P6, P7, P3; EX3, EX5 */
    or_group_result_release(&r);

    /* the same rows through the store and a fresh load give the same model */
    const char *const events[] = {
        "EX9", U(6), "100001", "suspension", "2026-03-05", "2", "DB", "", /**/
        "W9",  U(6), "100001", "withdrawn",  "2026-03-06", "",  "",   "EX9",
    };
    load(OR_K_EVENTS, events, 2, 8);
    load(OR_K_PUPILS, p7, 1, 9);
    const char *const enrols[] = {
        U(7), "100001", "2025-09-01", "",           "main", /**/
        U(3), "100001", "2026-01-05", "2026-02-01", "main",
    };
    load(OR_K_ENROLMENTS, enrols, 2, 5);
    or_columns *fresh = load_model();
    same_results(c, fresh);
    or_columns_free(fresh);
    or_columns_free(c);
}

/* A snapshot dated long ago does not stretch the census beyond the latest 20 years. */
static void test_years_bounded(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_error err = {0};
    or_value row[OR_PU__N];
    const char *old[] = {U(7), "G", "Seven", "1980-04-04", "F", "CHNE", "1", "N", "1990-09-01"};
    parse(OR_K_PUPILS, old, 9, row);
    assert_int_equal(or_columns_add(c, OR_K_PUPILS, row, 2001, &err), OR_OK);
    assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    or_columns_info info;
    or_columns_info_get(c, &info);
    assert_int_equal(info.ay_last, AY);
    assert_int_equal(info.ay_first, AY - 19);
    assert_int_equal(info.pupils, 7);
    or_group_result r;
    or_dim eth = OR_DIM_ETHNICITY;
    group(c, &r, 1, &eth, true, 1);
    expect(at1(c, &r, "Total"), 4, 5, 12, 4, 1);
    or_group_result_release(&r);
    or_columns_free(c);
}

static void test_bad_queries(void **state)
{
    (void)state;
    or_columns *c = load_model();
    or_group_result r;
    or_error err = {0};
    or_group_query q = {2024, 2025, 1, {OR_DIM_SEX}, false, true, 1};
    assert_int_equal(or_columns_group(c, &q, &r, &err), OR_EUSAGE); /* two years, no year */
    or_group_query twice = {AY, AY, 2, {OR_DIM_SEX, OR_DIM_SEX}, false, true, 1};
    assert_int_equal(or_columns_group(c, &twice, &r, &err), OR_EUSAGE);
    or_group_query years = {2024, 2025, 2, {OR_DIM_YEAR, OR_DIM_SEX}, false, true, 1};
    assert_int_equal(or_columns_group(c, &years, &r, &err), OR_OK);
    int v[2] = {1, value_of(c, &r, 1, "M")};
    assert_string_equal(or_group_code(c, &r, 0, 1), "202526");
    assert_string_equal(or_group_label(c, &r, 0, 1), "2025/26");
    expect(or_group_at(&r, v), 2, 3, 6, 2, 0); /* P1, P6; EX1, EX2, EX5 */
    or_group_result_release(&r);
    assert_int_equal(or_dim_parse("ethnicity_major"), OR_DIM_ETHNICITY_MAJOR);
    assert_int_equal(or_dim_parse("colour"), -1);
    or_columns_free(c);
}

/* ---- the demo LA ---- */

typedef struct {
    or_store *s;
    or_ingest *in;
    or_kind_id kind;
    int64_t line;
} demo_loader;

static or_code demo_end(demo_loader *l, or_error *err)
{
    if (!l->in)
        return OR_OK;
    or_ingest_result res = {0};
    or_code rc = or_ingest_end(l->in, &res, err);
    l->in = NULL;
    or_ingest_result_release(&res);
    return rc;
}

static or_code demo_row(void *ctx, or_kind_id kind, const char *const *cells, or_error *err)
{
    demo_loader *l = ctx;
    if (!l->in || kind != l->kind) {
        or_code rc = demo_end(l, err);
        or_source src = {"demo", "test", NULL, "test", NULL};
        if (rc || (rc = or_ingest_begin(l->s, or_kind_get(kind), &src, NULL, &l->in, err)))
            return rc;
        l->kind = kind;
        l->line = 1;
    }
    return or_ingest_row(l->in, ++l->line, cells, err);
}

/* ---- kept current, row by row ---- */

typedef struct {
    or_kind_id kind;
    or_value *row; /* copies: the scan's rows live only during the call */
    int64_t id;
} kept_row;

typedef struct {
    kept_row *rows;
    int n, cap;
    or_arena arena;
    or_kind_id kind; /* of the scan */
} kept_rows;

static or_code keep_row(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    kept_rows *k = ctx;
    (void)err;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 1024;
        k->rows = realloc(k->rows, (size_t)k->cap * sizeof *k->rows);
        assert_non_null(k->rows);
    }
    kept_row *r = &k->rows[k->n++];
    r->kind = k->kind;
    r->id = meta->id;
    r->row = or_arena_alloc(&k->arena, 32 * sizeof *r->row);
    int ncols = or_kind_get(k->kind)->ncols;
    for (int c = 0; c < 32; c++) {
        r->row[c] = c < ncols ? row[c] : (or_value){.null = true};
        if (c < ncols && !row[c].null && row[c].s)
            r->row[c].s = or_arena_strdup(&k->arena, row[c].s);
    }
    return OR_OK;
}

/* The same groupings of a and b, cell for cell. */
static void same_model(const or_columns *a, const or_columns *b)
{
    const or_dim sets[][2] = {
        {OR_DIM_SCHOOL, OR_DIM_ETHNICITY}, {OR_DIM_LA, OR_DIM_SEX},    {OR_DIM_REASON, OR_DIM_FSM},
        {OR_DIM_YEAR_GROUP, OR_DIM_SEN},   {OR_DIM_AGE, OR_DIM_PHASE},
    };
    or_columns_info ia, ib;
    or_columns_info_get(a, &ia);
    or_columns_info_get(b, &ib);
    assert_int_equal(ia.ay_first, ib.ay_first);
    assert_int_equal(ia.ay_last, ib.ay_last);
    assert_int_equal(ia.pupils, ib.pupils);
    assert_int_equal(ia.exclusions, ib.exclusions);
    for (int ay = ia.ay_first; ay <= ia.ay_last; ay++)
        for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
            or_group_query q = {ay, ay, 2, {sets[s][0], sets[s][1]}, true, true, 1};
            or_group_result ra, rb;
            or_error err = {0};
            assert_int_equal(or_columns_group(a, &q, &ra, &err), OR_OK);
            assert_int_equal(or_columns_group(b, &q, &rb, &err), OR_OK);
            assert_int_equal(ra.ncells, rb.ncells);
            assert_memory_equal(ra.cells, rb.cells, ra.ncells * sizeof *ra.cells);
            for (int v = 0; v < ra.size[0]; v++)
                assert_string_equal(or_group_code(a, &ra, 0, v), or_group_code(b, &rb, 0, v));
            or_group_result_release(&ra);
            or_group_result_release(&rb);
            /* the autumn term's exclusions only (the hot rows' first days: theory of change) */
            or_date from = or_date_from_ymd(ay, 9, 1), to = or_date_from_ymd(ay, 12, 31);
            assert_int_equal(or_columns_group_dated(a, &q, from, to, &ra, &err), OR_OK);
            assert_int_equal(or_columns_group_dated(b, &q, from, to, &rb, &err), OR_OK);
            assert_int_equal(ra.ncells, rb.ncells);
            assert_memory_equal(ra.cells, rb.cells, ra.ncells * sizeof *ra.cells);
            or_group_result_release(&ra);
            or_group_result_release(&rb);
        }
}

/* Every row of store s added to a model of an empty store - the schools last first, most of
 * the rest at once, then the last exclusions, snapshots and registrations a few at a time with
 * a refresh after each few (so pupils' hot rows change in place, move to the tail, and move
 * again) - gives the model a load of s gives. */
static void kept_current_matches_load(or_store *s, const or_columns *loaded)
{
    kept_rows k = {.arena = {NULL, 1 << 16}};
    static const or_kind_id kinds[] = {OR_K_SCHOOLS, OR_K_PUPILS, OR_K_ENROLMENTS, OR_K_EVENTS};
    int first[5] = {0};
    or_error err = {0};
    for (int i = 0; i < 4; i++) {
        first[i] = k.n;
        k.kind = kinds[i];
        assert_int_equal(or_store_scan_pupil(s, or_kind_get(kinds[i]), NULL, keep_row, &k, &err),
                         OR_OK);
    }
    first[4] = k.n;
    char epath[300];
    snprintf(epath, sizeof epath, "%s.empty", path);
    unlink(epath);
    or_store *empty = NULL;
    assert_int_equal(or_store_open(epath, &empty, &err), OR_OK);
    assert_int_equal(or_store_migrate(empty, NULL, &err), OR_OK);
    or_columns *c = NULL;
    assert_int_equal(or_columns_load(empty, &c, &err), OR_OK);
    /* the schools in reverse: each new one lower than the last */
    for (int r = first[1] - 1; r >= first[0]; r--)
        assert_int_equal(or_columns_add(c, k.rows[r].kind, k.rows[r].row, k.rows[r].id, &err),
                         OR_OK);
    /* six rows in seven of each other kind at once */
    bool *later = calloc((size_t)k.n, sizeof *later);
    assert_non_null(later);
    for (int r = first[1]; r < k.n; r++) {
        later[r] = r % 7 == 3;
        if (!later[r])
            assert_int_equal(or_columns_add(c, k.rows[r].kind, k.rows[r].row, k.rows[r].id, &err),
                             OR_OK);
    }
    assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    /* the rest, a refresh every 5 rows */
    int added = 0;
    for (int r = first[1]; r < k.n; r++) {
        if (!later[r])
            continue;
        assert_int_equal(or_columns_add(c, k.rows[r].kind, k.rows[r].row, k.rows[r].id, &err),
                         OR_OK);
        if (++added % 5 == 0)
            assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    }
    /* the pupils' hot rows did move: some to the tail, some base rows left behind */
    int moved = 0;
    for (int i = 0; i < c->hot.n; i++)
        moved += (c->hot.w[i] & CX_H_MOVED) != 0;
    assert_true(c->tail.n > 10);
    assert_true(moved > 10);
    assert_int_equal(or_columns_refresh(c, &err), OR_OK);
    assert_true(added > 100);
    same_model(c, loaded);
    free(later);
    free(k.rows);
    or_arena_free(&k.arena);
    or_columns_free(c);
    or_store_close(empty);
    unlink(epath);
}

static void test_demo_threads_and_totals(void **state)
{
    (void)state;
    char dpath[300];
    snprintf(dpath, sizeof dpath, "%s.demo", path);
    unlink(dpath);
    or_error err = {0};
    demo_loader l = {0};
    assert_int_equal(or_store_open(dpath, &l.s, &err), OR_OK);
    assert_int_equal(or_store_migrate(l.s, NULL, &err), OR_OK);
    int seeded = 0; /* the demo's interventions name entries of the directory */
    assert_int_equal(or_iv_seed_store(l.s, "test", &seeded, &err), OR_OK);
    assert_int_equal(seeded, (int)or_iv_nseeds);
    or_demo_params p;
    or_demo_params_default(&p);
    p.pupils = 3000;
    p.schools = 12;
    p.years = 2;
    p.as_of = or_date_from_ymd(2026, 7, 20);
    or_demo_sink sink = {demo_row, NULL, &l};
    if (or_demo_generate(&p, &sink, &err) || demo_end(&l, &err))
        fail_msg("demo: %s", err.msg);
    or_columns *c = NULL;
    if (or_columns_load(l.s, &c, &err))
        fail_msg("load: %s", err.msg);
    or_columns_info info;
    or_columns_info_get(c, &info);
    assert_true(info.pupils > 3000);
    assert_true(info.exclusions > 100);
    const or_dim sets[][3] = {
        {OR_DIM_ETHNICITY, OR_DIM_SEX, 0},
        {OR_DIM_SCHOOL, OR_DIM_FSM, 0},
        {OR_DIM_REASON, OR_DIM_SEN, 0},
        {OR_DIM_YEAR_GROUP, OR_DIM_ETHNICITY_MAJOR, OR_DIM_PHASE},
        {OR_DIM_AGE, OR_DIM_SEN_NEED, OR_DIM_CIN},
    };
    const int nd[] = {2, 2, 2, 3, 3};
    for (size_t s = 0; s < sizeof nd / sizeof nd[0]; s++) {
        or_group_result one, two;
        group(c, &one, nd[s], sets[s], true, 1);
        group(c, &two, nd[s], sets[s], true, 2);
        assert_int_equal(one.ncells, two.ncells);
        assert_memory_equal(one.cells, two.cells, one.ncells * sizeof *one.cells);
        /* the grand total is the same whatever the grouping, and additive totals add up */
        size_t total = 0;
        for (int a = 0; a < one.ndims; a++)
            total += (size_t)one.size[a] * one.stride[a];
        const or_group_cell *t = &one.cells[total];
        or_group_result plain;
        group(c, &plain, 0, NULL, false, 1);
        assert_int_equal(t->headcount, plain.cells[0].headcount);
        assert_int_equal(t->suspensions, plain.cells[0].suspensions);
        assert_int_equal(t->one_plus, plain.cells[0].one_plus);
        assert_int_equal(t->halfdays, plain.cells[0].halfdays);
        assert_true(plain.cells[0].headcount > 2500);
        assert_true(plain.cells[0].one_plus > 50);
        or_group_result_release(&plain);
        if (one.dims[0] != OR_DIM_REASON) {
            int64_t sum = 0;
            int v[3] = {0, one.size[1], nd[s] > 2 ? one.size[2] : 0};
            for (v[0] = 0; v[0] < one.size[0]; v[0]++)
                sum += or_group_at(&one, v)->suspensions;
            assert_int_equal(sum, t->suspensions);
        }
        or_group_result_release(&one);
        or_group_result_release(&two);
    }
    /* one thread loads the same model as two */
    or_columns *single = NULL;
    or_columns_load_opts o = {.threads = 1};
    assert_int_equal(or_columns_load_ex(l.s, &o, &single, &err), OR_OK);
    same_model(single, c);
    or_columns_free(single);
    kept_current_matches_load(l.s, c);
    /* saved and read back: the same model, and its position; cut short: not read */
    char mpath[320];
    snprintf(mpath, sizeof mpath, "%s.model", dpath);
    int64_t above[2] = {7, 9};
    or_columns_mark mark = {5, 1234, above, 2}, back;
    assert_int_equal(or_columns_save(c, &mark, mpath, &err), OR_OK);
    or_columns *read = NULL;
    assert_int_equal(or_columns_read(mpath, &read, &back, &err), OR_OK);
    assert_int_equal(back.floor, 5);
    assert_int_equal(back.stamp, 1234);
    assert_int_equal(back.nabove, 2);
    assert_int_equal(back.above[1], 9);
    free(back.above);
    same_model(read, c);
    or_columns_free(read);
    assert_int_equal(truncate(mpath, 1000), 0);
    assert_int_equal(or_columns_read(mpath, &read, &back, &err), OR_ENOTFOUND);
    assert_null(read);
    unlink(mpath);
    or_columns_free(c);
    or_store_close(l.s);
    unlink(dpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_census_day),
        cmocka_unit_test(test_by_ethnicity),
        cmocka_unit_test(test_dated),
        cmocka_unit_test(test_by_la_fsm_school),
        cmocka_unit_test(test_by_reason),
        cmocka_unit_test(test_bad_queries),
        cmocka_unit_test(test_years_bounded),
        cmocka_unit_test(test_kept_current), /* last of the little LA: it adds rows */
        cmocka_unit_test(test_demo_threads_and_totals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
