/* national_q.c - bench/national.sh's in-process timer for onroll: load the columnar model
 * (columns.h) from a store once, then answer the benchmark's two queries from it, warm, the
 * best of RUNS times each, and write their answers as CSV for comparison with DuckDB and
 * sqlite3.
 *   Q1: for academic year AY, by ethnicity and in total: pupils on roll on census day,
 *       suspensions, pupils suspended, suspensions per 100 pupils, days lost.
 *   Q2: for every academic year of the data, by LA x SEN x FSM x year: suspensions, distinct
 *       pupils suspended, days lost.
 * Then it saves the model to OUTDIR/model (columns.h: the server's saved copy, live.h) and
 * starts as the server does from it (the copy read, checked against the database's ledger,
 * nothing to replay), and checks Q1 is the same. Then, when given a pupil (UPN) and a school
 * (URN), it keeps the model current: adds one suspension of that pupil at that school on census
 * day of AY (as the server would after a form is saved), refreshes, and checks Q1's total went
 * up by exactly one.
 * usage: national_q DB AY OUTDIR [RUNS [THREADS [UPN URN]]]
 * prints: load_ms=.. q1_ms=.. q2_ms=.. (the model's size, the process's resident memory after
 * the load; save_ms=.. start_ms=.. copy_mb=..; add_ms=.. refresh_ms=..) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <string.h>
#include <sys/stat.h>

#include "onroll/columns.h"
#include "onroll/live.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* n * 100 / d to 2 decimal places, half away from zero, in integers (DOMAIN.md §6) */
static void rate(int64_t n, int64_t d, char *buf, size_t size)
{
    if (d == 0) {
        snprintf(buf, size, "z");
        return;
    }
    int64_t q = (2 * n * 10000 + d) / (2 * d);
    snprintf(buf, size, "%lld.%02lld", (long long)(q / 100), (long long)(q % 100));
}

static void days(int64_t halfdays, char *buf, size_t size)
{
    snprintf(buf, size, "%lld.%d", (long long)(halfdays / 2), (int)(halfdays % 2) * 5);
}

/* The process's resident memory in MB (VmRSS). */
static double rss_mb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = atof(line + 6);
    if (f)
        fclose(f);
    return kb / 1024;
}

static int fail(const char *what, const or_error *err)
{
    fprintf(stderr, "national_q: %s: %s\n", what, err->msg);
    return 1;
}

typedef struct {
    const or_columns *c;
    or_group_query q;
    or_group_result r;
} query;

/* Run q `runs` times (each result released but the last), the best time in ms. */
static double best_of(query *x, int runs, or_error *err, or_code *rc)
{
    double best = -1;
    for (int i = 0; i < runs; i++) {
        if (i)
            or_group_result_release(&x->r);
        double t0 = now_ms();
        *rc = or_columns_group(x->c, &x->q, &x->r, err);
        double t = now_ms() - t0;
        if (*rc)
            return -1;
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

static int write_q1(const or_columns *c, const or_group_result *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    for (int v = 0; v <= r->size[0]; v++) {
        const or_group_cell *g = or_group_at(r, &v);
        if (!g->headcount && !g->suspensions)
            continue;
        char rt[32], dl[32];
        rate(g->suspensions, g->headcount, rt, sizeof rt);
        days(g->halfdays, dl, sizeof dl);
        fprintf(f, "%s,%lld,%lld,%lld,%s,%s\n", or_group_code(c, r, 0, v), (long long)g->headcount,
                (long long)g->suspensions, (long long)g->one_plus, rt, dl);
    }
    return fclose(f) != 0;
}

static int write_q2(const or_columns *c, const or_group_result *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    int v[4];
    for (v[0] = 0; v[0] < r->size[0]; v[0]++)
        for (v[1] = 0; v[1] < r->size[1]; v[1]++)
            for (v[2] = 0; v[2] < r->size[2]; v[2]++)
                for (v[3] = 0; v[3] < r->size[3]; v[3]++) {
                    const or_group_cell *g = or_group_at(r, v);
                    if (!g->suspensions)
                        continue;
                    char dl[32];
                    days(g->halfdays, dl, sizeof dl);
                    fprintf(f, "%s,%s,%s,%d,%lld,%lld,%s\n", or_group_code(c, r, 0, v[0]),
                            or_group_code(c, r, 1, v[1]), or_group_code(c, r, 2, v[2]),
                            r->ay_first + v[3], (long long)g->suspensions, (long long)g->one_plus,
                            dl);
                }
    return fclose(f) != 0;
}

/* Add one suspension (sessions 2, reason DB) of upn at urn on census day of ay, refresh, and
 * check that Q1's total has one more suspension. */
static or_code keep_current(or_columns *c, query *q1, int ay, const char *upn, const char *urn,
                            int runs, or_error *err)
{
    const or_kind *k = or_kind_get(OR_K_EVENTS);
    char day[11];
    or_date_format(or_census_day(ay), day);
    const char *cells[OR_EV__N] = {"BENCH-1", upn, urn, "suspension", day, "2", "DB"};
    or_value row[OR_EV__N];
    for (int i = 0; i < k->ncols; i++) {
        or_code rc =
            or_value_parse(&k->cols[i], cells[i] ? cells[i] : "", OR_DATE_NONE, &row[i], err);
        if (rc)
            return rc;
    }
    int total = q1->r.size[0];
    int64_t before = or_group_at(&q1->r, &total)->suspensions;
    double t0 = now_ms();
    or_code rc = or_columns_add(c, OR_K_EVENTS, row, INT64_MAX, err);
    double t1 = now_ms();
    if (!rc)
        rc = or_columns_refresh(c, err);
    double t2 = now_ms();
    if (rc)
        return rc;
    or_group_result_release(&q1->r);
    double q = best_of(q1, runs, err, &rc);
    if (rc)
        return rc;
    int64_t after = or_group_at(&q1->r, &total)->suspensions;
    if (after != before + 1)
        return or_fail(err, OR_EINPUT, "Q1 counted %lld suspensions, then %lld after adding one",
                       (long long)before, (long long)after);
    printf(" add_ms=%.3f refresh_ms=%.3f q1_after_ms=%.2f", t1 - t0, t2 - t1, q);
    return OR_OK;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: national_q DB AY OUTDIR [RUNS [THREADS [UPN URN]]]\n");
        return 2;
    }
    int ay = atoi(argv[2]);
    int runs = argc > 4 ? atoi(argv[4]) : 5;
    int threads = argc > 5 ? atoi(argv[5]) : 2;
    or_error err = {0};
    or_store *s = NULL;
    if (or_store_open(argv[1], &s, &err) || or_store_check_schema(s, &err))
        return fail(argv[1], &err);
    double t0 = now_ms();
    or_columns *c = NULL;
    if (or_columns_load(s, &c, &err))
        return fail("load", &err);
    double load = now_ms() - t0;
    or_columns_info info;
    or_columns_info_get(c, &info);

    or_code rc = OR_OK;
    query q1 = {c, {ay, ay, 1, {OR_DIM_ETHNICITY}, true, true, threads}, {0}};
    double t1 = best_of(&q1, runs, &err, &rc);
    if (rc)
        return fail("Q1", &err);
    query q2 = {c,
                {info.ay_first,
                 info.ay_last,
                 4,
                 {OR_DIM_LA, OR_DIM_SEN, OR_DIM_FSM, OR_DIM_YEAR},
                 false,
                 false,
                 threads},
                {0}};
    double t2 = best_of(&q2, runs, &err, &rc);
    if (rc)
        return fail("Q2", &err);

    double rss = rss_mb();
    /* the saved copy: written, then read as the server starts from it */
    char copy[4096];
    snprintf(copy, sizeof copy, "%s/model", argv[3]);
    int64_t ids[1], newest = 0, stamp = 0;
    int n = 0;
    bool found = false;
    if (or_store_sources_after(s, INT64_MAX - 1, ids, 1, &n, &newest, &err) ||
        or_store_source_stamp(s, newest, &stamp, &found, &err))
        return fail("the ledger", &err);
    or_columns_mark mark = {newest, stamp, NULL, 0};
    double ts = now_ms();
    if (or_columns_save(c, &mark, copy, &err))
        return fail("save", &err);
    double save = now_ms() - ts;
    struct stat st;
    double copy_mb = stat(copy, &st) ? 0 : (double)st.st_size / 1e6;
    or_live *live = NULL;
    ts = now_ms();
    if (or_live_new(threads, &live, &err) || or_live_set_file(live, copy, &err) ||
        or_live_catch_up(live, s, &err))
        return fail("start from the copy", &err);
    double start = now_ms() - ts;
    or_live_info li;
    or_live_info_get(live, &li);
    if (li.file_reads != 1 || li.loads != 0) {
        fprintf(stderr, "national_q: the copy was not read\n");
        return 1;
    }
    query q1c = {or_live_read(live), q1.q, {0}};
    best_of(&q1c, 1, &err, &rc);
    or_live_release(live);
    if (rc || q1c.r.ncells != q1.r.ncells ||
        memcmp(q1c.r.cells, q1.r.cells, q1.r.ncells * sizeof *q1.r.cells)) {
        fprintf(stderr, "national_q: Q1 differs from the copy\n");
        return 1;
    }
    or_group_result_release(&q1c.r);
    or_live_free(live);
    or_store_close(s);

    char path[4096];
    snprintf(path, sizeof path, "%s/q1.onroll.csv", argv[3]);
    int bad = write_q1(c, &q1.r, path);
    snprintf(path, sizeof path, "%s/q2.onroll.csv", argv[3]);
    bad |= write_q2(c, &q2.r, path);
    if (bad) {
        fprintf(stderr, "national_q: cannot write the answers in %s\n", argv[3]);
        return 1;
    }
    printf("load_ms=%.0f q1_ms=%.2f q2_ms=%.2f pupils=%d snapshots=%d enrolments=%d "
           "exclusions=%d schools=%d las=%d years=%d-%d mb=%.0f rss_mb=%.0f threads=%d "
           "save_ms=%.0f start_ms=%.0f copy_mb=%.0f",
           load, t1, t2, info.pupils, info.snapshots, info.enrolments, info.exclusions,
           info.schools, info.las, info.ay_first, info.ay_last, (double)info.bytes / 1e6, rss,
           threads, save, start, copy_mb);
    if (argc > 7 && keep_current(c, &q1, ay, argv[6], argv[7], runs, &err)) {
        printf("\n");
        return fail("keeping current", &err);
    }
    printf("\n");
    or_group_result_release(&q1.r);
    or_group_result_release(&q2.r);
    or_columns_free(c);
    return 0;
}
