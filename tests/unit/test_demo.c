/* test_demo.c - the synthetic LA (demo.h): determinism, every row valid as the importer would
 * check it (cell types, codes on the row's date, whole-row checks, schools and pupils that
 * exist, refs to earlier events of the same school and pupil), and the statistics an LA officer
 * will look at: 2025/26 suspension rates per 100 by sex, FSM and SEN provision against the
 * national 2016/17 rates (DOMAIN.md §6 definitions, computed here from the emitted rows only),
 * the 45-day cap, persistent absence at secondary, repeat suspensions and their concentration
 * in a few schools. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "onroll/demo.h"
#include "onroll/marks.h"
#include "onroll/rowcheck.h"
#include "onroll/strmap.h"

#define MAX_SNAPS 4
#define NYEARS    10

typedef struct {
    or_date as_of;
    char sex;
    int fsm, sen; /* sen: 0 N, 1 K, 2 E */
} snap;

typedef struct {
    snap s[MAX_SNAPS];
    int nsnaps;
    int susp_sessions[NYEARS]; /* suspension + lunchtime sessions per academic year */
    int susp_count[NYEARS];
} pupil_rec;

typedef struct {
    int pupil, urn;
    or_date start, end;
    bool main;
} enrol_rec;

typedef struct {
    int pupil, urn, sessions;
    char type[24];
    or_date start;
    bool withdrawn;
} event_rec;

typedef struct {
    /* determinism */
    uint64_t hash;
    long rows[OR_K__COUNT], marks;
    /* validation */
    int failures, last_kind;
    char first_failure[600];
    or_arena arena;
    or_strmap school_map, pupil_map,
        event_map; /* urn -> phase + 1; upn -> index + 1; "urn|id" -> + 1 */
    int first_ay;
    /* kept for the statistics */
    pupil_rec *pupils;
    size_t npupils, cap_pupils;
    enrol_rec *enrols;
    size_t nenrols, cap_enrols;
    event_rec *events;
    size_t nevents, cap_events;
    long pa_strings[2], pa_persistent[2]; /* [0] primary, [1] secondary; academic year 2025/26 */
    or_date as_of;
} collect;

static const char *const phases[] = {"nursery", "primary", "secondary", "all-through",
                                     "special", "ap",      "pru"};

static void *grow(void *p, size_t *cap, size_t n, size_t elem)
{
    if (n <= *cap)
        return p;
    *cap = *cap ? *cap * 2 : 1024;
    p = realloc(p, *cap * elem);
    assert_non_null(p);
    return p;
}

static void hash_bytes(collect *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = c->hash;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    c->hash = h;
}

static void failure(collect *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void failure(collect *c, const char *fmt, ...)
{
    if (c->failures++ > 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->first_failure, sizeof c->first_failure, fmt, ap);
    va_end(ap);
}

static void collect_init(collect *c, or_date as_of)
{
    memset(c, 0, sizeof *c);
    c->hash = 1469598103934665603ULL;
    c->arena = (or_arena)OR_ARENA_INIT;
    or_strmap_init(&c->school_map, &c->arena);
    or_strmap_init(&c->pupil_map, &c->arena);
    or_strmap_init(&c->event_map, &c->arena);
    c->as_of = as_of;
    c->first_ay = or_date_academic_year(as_of) - NYEARS + 1;
}

static void collect_free(collect *c)
{
    or_strmap_free(&c->school_map);
    or_strmap_free(&c->pupil_map);
    or_strmap_free(&c->event_map);
    or_arena_free(&c->arena);
    free(c->pupils);
    free(c->enrols);
    free(c->events);
}

/* ---- validation, as the importer does it (ingest.c) ---- */

static bool parse_row(collect *c, const or_kind *k, const char *const *cells, or_value *row)
{
    or_date ref = OR_DATE_NONE;
    or_value v;
    if (k->ref_date_col >= 0 &&
        or_value_parse(&k->cols[k->ref_date_col], cells[k->ref_date_col], OR_DATE_NONE, &v, NULL) ==
            OR_OK &&
        !v.null)
        ref = (or_date)v.i;
    or_error err = {0};
    for (int col = 0; col < k->ncols; col++)
        if (or_value_parse(&k->cols[col], cells[col], ref, &row[col], &err)) {
            failure(c, "%s column %s '%s': %s", k->name, k->cols[col].name, cells[col], err.msg);
            return false;
        }
    int bad = 0;
    if (or_row_check(k, row, &bad, &err)) {
        failure(c, "%s row (column %s): %s", k->name, k->cols[bad].name, err.msg);
        return false;
    }
    return true;
}

static int school_phase(collect *c, int64_t urn)
{
    char key[16];
    snprintf(key, sizeof key, "%lld", (long long)urn);
    return (int)(intptr_t)or_strmap_get(&c->school_map, key) - 1;
}

static int pupil_index(collect *c, const char *upn)
{
    return (int)(intptr_t)or_strmap_get(&c->pupil_map, upn) - 1;
}

static void check_refs(collect *c, const or_kind *k, const or_value *row)
{
    int urn_col = or_kind_col(k, "urn"), upn_col = or_kind_col(k, "upn");
    if (k->id == OR_K_CALENDAR && row[OR_CA_SCOPE].i && school_phase(c, row[OR_CA_SCOPE].i) < 0)
        failure(c, "calendar: unknown school %lld", (long long)row[OR_CA_SCOPE].i);
    if (urn_col >= 0 && k->id != OR_K_SCHOOLS && school_phase(c, row[urn_col].i) < 0)
        failure(c, "%s: unknown school %lld", k->name, (long long)row[urn_col].i);
    if (upn_col >= 0 && k->id != OR_K_PUPILS && pupil_index(c, row[upn_col].s) < 0)
        failure(c, "%s: unknown pupil %s", k->name, row[upn_col].s);
}

/* Event ids unique per school; a ref names an earlier exclusion of the same school and pupil
 * (an intervention's ref: an earlier intervention, the one it changes). */
static void check_event(collect *c, const or_value *row)
{
    char key[96];
    snprintf(key, sizeof key, "%lld|%s", (long long)row[OR_EV_URN].i, row[OR_EV_EVENT_ID].s);
    or_strmap_slot *slot = or_strmap_put(&c->event_map, key);
    if (slot->value)
        failure(c, "events: event id %s given twice", key);
    slot->value = (void *)(intptr_t)(c->nevents + 1);
    if (!row[OR_EV_TO_URN].null && school_phase(c, row[OR_EV_TO_URN].i) < 0)
        failure(c, "events: to_urn %lld unknown", (long long)row[OR_EV_TO_URN].i);
    if (row[OR_EV_REF].null)
        return;
    snprintf(key, sizeof key, "%lld|%s", (long long)row[OR_EV_URN].i, row[OR_EV_REF].s);
    int ref = (int)(intptr_t)or_strmap_get(&c->event_map, key) - 1;
    if (ref < 0) {
        failure(c, "events: ref %s names no earlier event", key);
        return;
    }
    event_rec *e = &c->events[ref];
    bool iv = !strcmp(row[OR_EV_TYPE].s, "intervention");
    if (e->pupil != pupil_index(c, row[OR_EV_UPN].s) ||
        strcmp(e->type, iv ? "intervention" : "suspension") || e->start > row[OR_EV_START].i)
        failure(c, "events: ref %s is not an earlier %s of the same pupil", key,
                iv ? "intervention" : "suspension");
    if (!iv)
        e->withdrawn = true;
}

/* ---- keeping what the statistics need ---- */

static int sen_index(const char *s)
{
    return s[0] == 'E' ? 2 : s[0] == 'K' ? 1 : 0;
}

static void keep_pupil(collect *c, const or_value *row)
{
    or_strmap_slot *slot = or_strmap_put(&c->pupil_map, row[OR_PU_UPN].s);
    if (!slot->value) {
        c->pupils = grow(c->pupils, &c->cap_pupils, c->npupils + 1, sizeof *c->pupils);
        memset(&c->pupils[c->npupils], 0, sizeof *c->pupils);
        slot->value = (void *)(intptr_t)(++c->npupils);
    }
    pupil_rec *p = &c->pupils[(intptr_t)slot->value - 1];
    if (p->nsnaps == MAX_SNAPS)
        return failure(c, "pupils: more than %d snapshots of %s", MAX_SNAPS, row[OR_PU_UPN].s);
    p->s[p->nsnaps++] = (snap){(or_date)row[OR_PU_AS_OF].i, row[OR_PU_SEX].s[0],
                               (int)row[OR_PU_FSM].i, sen_index(row[OR_PU_SEN].s)};
}

static void keep_enrolment(collect *c, const or_value *row)
{
    c->enrols = grow(c->enrols, &c->cap_enrols, c->nenrols + 1, sizeof *c->enrols);
    c->enrols[c->nenrols++] = (enrol_rec){
        pupil_index(c, row[OR_EN_UPN].s), (int)row[OR_EN_URN].i, (or_date)row[OR_EN_START].i,
        row[OR_EN_END].null ? OR_DATE_NONE : (or_date)row[OR_EN_END].i,
        strcmp(row[OR_EN_TYPE].s, "main") == 0};
}

static void keep_event(collect *c, const or_value *row)
{
    c->events = grow(c->events, &c->cap_events, c->nevents + 1, sizeof *c->events);
    event_rec *e = &c->events[c->nevents++];
    *e = (event_rec){pupil_index(c, row[OR_EV_UPN].s),
                     (int)row[OR_EV_URN].i,
                     row[OR_EV_SESSIONS].null ? 0 : (int)row[OR_EV_SESSIONS].i,
                     "",
                     (or_date)row[OR_EV_START].i,
                     false};
    snprintf(e->type, sizeof e->type, "%s", row[OR_EV_TYPE].s);
}

static void keep(collect *c, const or_kind *k, const or_value *row)
{
    char key[16];
    switch (k->id) {
    case OR_K_SCHOOLS:
        snprintf(key, sizeof key, "%lld", (long long)row[OR_SC_URN].i);
        for (int i = 0; i < 7; i++)
            if (!strcmp(row[OR_SC_PHASE].s, phases[i]))
                or_strmap_put(&c->school_map, key)->value = (void *)(intptr_t)(i + 1);
        break;
    case OR_K_PUPILS:
        keep_pupil(c, row);
        break;
    case OR_K_ENROLMENTS:
        keep_enrolment(c, row);
        break;
    case OR_K_EVENTS:
        check_event(c, row);
        keep_event(c, row);
        break;
    default:
        break;
    }
}

static or_code on_row(void *ctx, or_kind_id kind, const char *const *cells, or_error *err)
{
    collect *c = ctx;
    const or_kind *k = or_kind_get(kind);
    unsigned char kb = (unsigned char)kind;
    hash_bytes(c, &kb, 1);
    for (int col = 0; col < k->ncols; col++)
        hash_bytes(c, cells[col], strlen(cells[col]) + 1);
    c->rows[kind]++;
    if ((int)kind < c->last_kind)
        failure(c, "%s row after a row of a later kind", k->name);
    c->last_kind = kind;
    /* Finding (issue 14): 289 demo ids held "-2147483648", an unset date printed as a day
     * number. No cell of any row may hold INT_MIN or an unset date's day number. */
    for (int col = 0; col < k->ncols; col++)
        if (strstr(cells[col], "2147483648"))
            failure(c, "%s: %s is \"%s\", an unset number printed", k->name, k->cols[col].name,
                    cells[col]);
    or_value row[32];
    if (!parse_row(c, k, cells, row))
        return OR_OK;
    check_refs(c, k, row);
    keep(c, k, row);
    (void)err;
    return OR_OK;
}

/* ---- marks ---- */

static int meaning_of(char byte)
{
    static int table[256];
    static bool ready;
    if (!ready) {
        for (int b = 0; b < 256; b++) {
            char code[3];
            const or_code_entry *e = NULL;
            if (or_mark_code((char)b, code) && code[0])
                e = or_code_find(OR_CS_ATTENDANCE, code, OR_DATE_NONE);
            table[b] = e ? e->meaning : -1;
        }
        ready = true;
    }
    return table[(unsigned char)byte];
}

static void count_pa(collect *c, int phase, const char *marks)
{
    int possible = 0, attended = 0;
    for (int i = 0; i < OR_MARKS_LEN; i++) {
        if (marks[i] == OR_MARK_NONE)
            continue;
        int m = meaning_of(marks[i]);
        possible += m != OR_ATT_NOT_POSSIBLE;
        attended += m == OR_ATT_PRESENT || m == OR_ATT_PRESENT_AEA;
    }
    /* phases[1] primary, phases[2] secondary; a stay of under two weeks says nothing about
     * persistent absence */
    int k = phase == 1 ? 0 : phase == 2 ? 1 : -1;
    if (k < 0 || possible < 20)
        return;
    c->pa_strings[k]++;
    c->pa_persistent[k] += attended * 10 < possible * 9; /* below 90% attendance */
}

static or_code on_marks(void *ctx, const char *upn, int urn, int ay, const char *marks,
                        or_error *err)
{
    collect *c = ctx;
    hash_bytes(c, upn, strlen(upn) + 1);
    hash_bytes(c, &urn, sizeof urn);
    hash_bytes(c, &ay, sizeof ay);
    hash_bytes(c, marks, OR_MARKS_LEN);
    c->marks++;
    if (strlen(marks) != OR_MARKS_LEN)
        failure(c, "marks of %s at %d: %zu bytes", upn, urn, strlen(marks));
    for (int i = 0; i < OR_MARKS_LEN; i++) {
        if (marks[i] != OR_MARK_NONE && meaning_of(marks[i]) < 0)
            failure(c, "marks of %s at %d: unknown byte '%c'", upn, urn, marks[i]);
        if (marks[i] != OR_MARK_NONE && or_mark_date(ay, i) > c->as_of)
            failure(c, "marks of %s at %d: a mark after as_of", upn, urn);
    }
    if (pupil_index(c, upn) < 0 || school_phase(c, urn) < 0)
        failure(c, "marks of unknown pupil %s or school %d", upn, urn);
    if (ay == 2025)
        count_pa(c, school_phase(c, urn), marks);
    (void)err;
    return OR_OK;
}

/* ---- running ---- */

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

static double run(collect *c, uint64_t seed, int schools, int pupils)
{
    or_demo_params p;
    or_demo_params_default(&p);
    p.seed = seed;
    p.schools = schools;
    p.pupils = pupils;
    p.as_of = D("2026-11-24");
    collect_init(c, p.as_of);
    or_demo_sink sink = {on_row, on_marks, c};
    or_error err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    or_code rc = or_demo_generate(&p, &sink, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc)
        fail_msg("or_demo_generate: %s", err.msg);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void assert_valid(const collect *c)
{
    if (c->failures)
        fail_msg("%d invalid rows or marks; first: %s", c->failures, c->first_failure);
    for (int k = OR_K_SCHOOLS; k <= OR_K_EVENTS; k++)
        assert_true(c->rows[k] > 0);
    assert_true(c->marks > 0);
}

/* ---- the statistics (DOMAIN.md §6), from the rows alone ---- */

static const snap *snap_on(const pupil_rec *p, or_date d)
{
    const snap *best = NULL, *earliest = &p->s[0];
    for (int i = 0; i < p->nsnaps; i++) {
        if (p->s[i].as_of < earliest->as_of)
            earliest = &p->s[i];
        if (p->s[i].as_of <= d && (!best || p->s[i].as_of > best->as_of))
            best = &p->s[i];
    }
    return best ? best : earliest;
}

enum { G_ALL, G_BOYS, G_GIRLS, G_FSM, G_NOT_FSM, G_SEN_N, G_SEN_K, G_SEN_E, G_N };
static const char *const group_names[G_N] = {"all pupils", "boys",     "girls",       "FSM",
                                             "not FSM",    "SEN none", "SEN support", "EHC plan"};
static const double national[G_N] = {4.76, 6.91, 2.53, 12.54, 3.50, 3.06, 14.76, 15.94};

static void add_groups(const snap *s, double *count)
{
    count[G_ALL]++;
    count[s->sex == 'M' ? G_BOYS : G_GIRLS]++;
    count[s->fsm ? G_FSM : G_NOT_FSM]++;
    count[G_SEN_N + s->sen]++;
}

/* Headcount: pupils with a main enrolment covering the census day (once each). */
static void headcount(const collect *c, or_date census, char *on_roll, double *head)
{
    for (size_t i = 0; i < c->nenrols; i++) {
        const enrol_rec *e = &c->enrols[i];
        if (!e->main || e->start > census || (e->end != OR_DATE_NONE && e->end < census) ||
            on_roll[e->pupil])
            continue;
        on_roll[e->pupil] = 1;
        add_groups(snap_on(&c->pupils[e->pupil], census), head);
    }
}

static bool counted_suspension(const event_rec *e, or_date from, or_date to)
{
    return !strcmp(e->type, "suspension") && !e->withdrawn && e->start >= from && e->start <= to;
}

static void check_rates(const collect *c)
{
    or_date census = D("2026-01-15"), from = D("2025-08-01"), to = D("2026-07-31");
    double head[G_N] = {0}, susp[G_N] = {0};
    char *on_roll = calloc(c->npupils + 1, 1);
    assert_non_null(on_roll);
    headcount(c, census, on_roll, head);
    for (size_t i = 0; i < c->nevents; i++) {
        const event_rec *e = &c->events[i];
        if (counted_suspension(e, from, to))
            add_groups(snap_on(&c->pupils[e->pupil], on_roll[e->pupil] ? census : e->start), susp);
    }
    free(on_roll);
    printf("    2025/26 suspension rates per 100 (census 2026-01-15) vs national 2016/17\n");
    printf("    %-12s %9s %11s %8s %9s %7s\n", "group", "headcount", "suspensions", "rate",
           "national", "diff");
    int bad = 0;
    for (int gi = 0; gi < G_N; gi++) {
        double rate = head[gi] > 0 ? susp[gi] / head[gi] * 100 : 0;
        double diff = rate / national[gi] - 1;
        printf("    %-12s %9.0f %11.0f %8.2f %9.2f %+6.1f%%\n", group_names[gi], head[gi], susp[gi],
               rate, national[gi], diff * 100);
        bad += diff > 0.25 || diff < -0.25;
    }
    if (bad)
        fail_msg("%d suspension rates differ from the national rates by more than 25%%", bad);
}

/* Suspension days per pupil and academic year (lunchtimes half a day): never over 45. */
static void check_cap(collect *c)
{
    for (size_t i = 0; i < c->npupils; i++)
        memset(c->pupils[i].susp_sessions, 0, sizeof c->pupils[i].susp_sessions);
    for (size_t i = 0; i < c->nevents; i++) {
        const event_rec *e = &c->events[i];
        bool susp = !strcmp(e->type, "suspension"), lunch = !strcmp(e->type, "lunchtime");
        int y = or_date_academic_year(e->start) - c->first_ay;
        if ((!susp && !lunch) || e->withdrawn || y < 0 || y >= NYEARS)
            continue;
        c->pupils[e->pupil].susp_sessions[y] += e->sessions;
        c->pupils[e->pupil].susp_count[y] += susp;
    }
    int worst = 0;
    for (size_t i = 0; i < c->npupils; i++)
        for (int y = 0; y < NYEARS; y++)
            worst = c->pupils[i].susp_sessions[y] > worst ? c->pupils[i].susp_sessions[y] : worst;
    printf("    most suspension days of one pupil in a year: %.1f (cap 45)\n", worst / 2.0);
    assert_true(worst <= 90);
}

static void check_absence(const collect *c)
{
    double pa[2];
    for (int k = 0; k < 2; k++)
        pa[k] = c->pa_strings[k] ? 100.0 * c->pa_persistent[k] / c->pa_strings[k] : 0;
    printf("    2025/26 persistent absence (below 90%%): primary %.1f%%, secondary %.1f%%\n", pa[0],
           pa[1]);
    assert_true(pa[1] >= 12 && pa[1] <= 30);
}

static int cmp_desc(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x < y) - (x > y);
}

/* Repeat suspensions exist, and the top fifth of schools issue most suspensions. */
static void check_concentration(const collect *c)
{
    int y = 2025 - c->first_ay, most = 0;
    long suspended = 0, total = 0;
    for (size_t i = 0; i < c->npupils; i++) {
        int n = c->pupils[i].susp_count[y];
        most = n > most ? n : most;
        suspended += n > 0;
        total += n;
    }
    size_t nschools = c->school_map.len;
    long *per = calloc(nschools + 1, sizeof *per);
    assert_non_null(per);
    or_strmap urns;
    or_arena a = OR_ARENA_INIT;
    or_strmap_init(&urns, &a);
    for (size_t i = 0; i < c->nevents; i++) {
        const event_rec *e = &c->events[i];
        if (!counted_suspension(e, D("2025-08-01"), D("2026-07-31")))
            continue;
        char key[16];
        snprintf(key, sizeof key, "%d", e->urn);
        or_strmap_slot *s = or_strmap_put(&urns, key);
        if (!s->value)
            s->value = (void *)(intptr_t)urns.len;
        per[(intptr_t)s->value - 1]++;
    }
    qsort(per, nschools, sizeof *per, cmp_desc);
    long top = 0, all = 0;
    for (size_t i = 0; i < nschools; i++) {
        all += per[i];
        top += i < (nschools + 4) / 5 ? per[i] : 0;
    }
    printf("    2025/26: %ld suspended pupils, %.2f suspensions each, most %d; top fifth of "
           "schools: %.0f%% of suspensions\n",
           suspended, suspended ? (double)total / suspended : 0, most, all ? 100.0 * top / all : 0);
    free(per);
    or_strmap_free(&urns);
    or_arena_free(&a);
    assert_true(most >= 3);
    assert_true(top * 2 > all);
}

static void print_events(const collect *c)
{
    static const char *const types[] = {"suspension",   "lunchtime",           "permanent",
                                        "withdrawn",    "managed_move",        "off_site_direction",
                                        "ap_placement", "part_time_timetable", "ehe",
                                        "cme",          "unexplained_exit",    "in_year_transfer"};
    size_t n = sizeof types / sizeof types[0];
    printf("    2025/26 events:");
    for (size_t t = 0; t < n; t++) {
        long count = 0;
        for (size_t i = 0; i < c->nevents; i++)
            count += !strcmp(c->events[i].type, types[t]) &&
                     or_date_academic_year(c->events[i].start) == 2025;
        printf(" %s %ld%s", types[t], count, t + 1 == n ? "\n" : t % 4 == 3 ? "\n     " : ",");
    }
}

/* ---- tests ---- */

static void test_small_valid_and_deterministic(void **state)
{
    (void)state;
    collect a, b, other;
    run(&a, 1, 20, 4000);
    assert_valid(&a);
    run(&b, 1, 20, 4000);
    run(&other, 2, 20, 4000);
    printf("    small LA: %ld schools, %ld pupil rows, %ld enrolments, %ld events, %ld marks\n",
           a.rows[OR_K_SCHOOLS], a.rows[OR_K_PUPILS], a.rows[OR_K_ENROLMENTS], a.rows[OR_K_EVENTS],
           a.marks);
    assert_true(a.hash == b.hash);
    assert_true(a.hash != other.hash);
    collect_free(&a);
    collect_free(&b);
    collect_free(&other);
}

static void test_default_la(void **state)
{
    (void)state;
    collect a, b;
    double t = run(&a, 1, 80, 30000);
    run(&b, 1, 80, 30000);
    printf("    default LA (80 schools, 30000 pupils): generated and checked in %.2f s; %ld pupil "
           "rows, %ld enrolments, %ld events, %ld marks strings\n",
           t, a.rows[OR_K_PUPILS], a.rows[OR_K_ENROLMENTS], a.rows[OR_K_EVENTS], a.marks);
    assert_valid(&a);
    assert_true(a.hash == b.hash);
    assert_int_equal(a.rows[OR_K_SCHOOLS], 80);
    check_rates(&a);
    check_cap(&a);
    check_absence(&a);
    check_concentration(&a);
    print_events(&a);
    collect_free(&a);
    collect_free(&b);
}

static void test_bad_params(void **state)
{
    (void)state;
    or_demo_params p;
    or_demo_params_default(&p);
    collect c;
    collect_init(&c, D("2026-11-24"));
    or_demo_sink sink = {on_row, on_marks, &c};
    or_error err = {0};
    assert_int_equal(or_demo_generate(&p, &sink, &err), OR_EUSAGE); /* no as_of */
    p.as_of = D("2026-11-24");
    p.schools = 2;
    assert_int_equal(or_demo_generate(&p, &sink, &err), OR_EUSAGE);
    assert_int_equal(c.rows[OR_K_SCHOOLS], 0);
    collect_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_params),
        cmocka_unit_test(test_small_valid_and_deterministic),
        cmocka_unit_test(test_default_la),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
