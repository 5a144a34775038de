/* duties_fixture.h - the fixture test_duties.c and test_protocol.c share: the written-out
 * calendar and the three schools (DOMAIN.md §2), a case of one pupil's facts written as text
 * (duty_case and the macros for its events and rows), building the or_pupil_facts of a case,
 * running or_duties_for_pupil on it and comparing the rows it gives with the rows the case
 * expects. Each of the two files keeps its own cases, the names of its own rules and whatever
 * only its own cases need; its top comment describes the calendar in full, with the school days
 * numbered for the counting in its cases.
 *
 * Each test file is compiled alone (the Makefile builds one binary from each tests/unit/test_*.c),
 * so everything here is static and the header is meant for those two files only (the
 * Makefile tracks it as a dependency of both).
 * An including file provides:
 *   owned_rule(id)   defined after the #include: whether rows of that rule are its to check;
 *   DUTY_CASE_EXTRA  optionally, defined before the #include: more fields for duty_case
 *                    (test_duties.c: the or_cap_check cases). */
#ifndef ONROLL_TESTS_DUTIES_FIXTURE_H
#define ONROLL_TESTS_DUTIES_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/date.h"
#include "onroll/duties.h"
#include "onroll/error.h"
#include "onroll/excl.h"
#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/rules.h"

#ifndef DUTY_CASE_EXTRA
#define DUTY_CASE_EXTRA
#endif

/* ---- the schools and their calendars ---- */

enum { URN_A = 100001, URN_B = 100002, URN_C = 100003 };

#define UPN "B801200005001"

typedef struct {
    const char *start, *end;
    or_cal_kind kind;
    bool school;
} cal_text;

static const cal_text la_cal[] = {
    {"2025-09-03", "2025-12-19", OR_CAL_TERM, false},
    {"2025-10-27", "2025-10-31", OR_CAL_HOLIDAY, false},
    {"2026-01-05", "2026-03-27", OR_CAL_TERM, false},
    {"2026-02-16", "2026-02-20", OR_CAL_HOLIDAY, false},
    {"2026-04-13", "2026-07-22", OR_CAL_TERM, false},
    {"2026-05-25", "2026-05-29", OR_CAL_HOLIDAY, false},
};
#define NLA_CAL (int)(sizeof la_cal / sizeof la_cal[0])

static const cal_text b_inset = {"2025-11-14", "2025-11-14", OR_CAL_INSET, true};

static or_arena cal_arena = OR_ARENA_INIT;
static or_calendar cal_la, cal_b;
static or_school_info schools[3];

static or_date D(const char *s)
{
    if (!s || !*s)
        return OR_DATE_NONE;
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date in the test table: %s", s);
    return d;
}

static void fmt(or_date d, char buf[11])
{
    if (d == OR_DATE_NONE)
        strcpy(buf, "none");
    else
        or_date_format(d, buf);
}

static void build_cal(or_calendar *cal, const cal_text *extra)
{
    or_cal_row rows[NLA_CAL + 1];
    int n = 0;
    for (int i = 0; i < NLA_CAL; i++)
        rows[n++] =
            (or_cal_row){D(la_cal[i].start), D(la_cal[i].end), la_cal[i].kind, la_cal[i].school};
    if (extra)
        rows[n++] = (or_cal_row){D(extra->start), D(extra->end), extra->kind, extra->school};
    or_error err = {0};
    assert_int_equal(or_calendar_build(cal, rows, n, &cal_arena, &err), OR_OK);
}

static const or_school_info *lookup(void *ctx, int urn)
{
    (void)ctx;
    for (int i = 0; i < 3; i++)
        if (schools[i].urn == urn)
            return &schools[i];
    return NULL;
}

static int group_setup(void **state)
{
    (void)state;
    build_cal(&cal_la, NULL);
    build_cal(&cal_b, &b_inset);
    schools[0] = (or_school_info){URN_A, 204, "School A", "secondary", &cal_la};
    schools[1] = (or_school_info){URN_B, 204, "School B", "secondary", &cal_b};
    schools[2] = (or_school_info){URN_C, 204, "School C", "primary", &cal_la};
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    or_arena_free(&cal_arena);
    return 0;
}

/* ---- a case: one pupil's facts written as text ---- */

#define MAXEV     16
#define MAXWANT   28
#define MAXABSENT 16

typedef struct {
    const char *id; /* NULL for an action, representations or withdrawal: "x1", "x2"... */
    int urn;
    or_event_kind kind;
    const char *start, *decided, *end, *exam;
    int sessions;
    const char *ref, *rule, *outcome, *delivery, *to;
    const char *recorded; /* the day it was recorded in onroll; NULL: not known */
} ev_text;

typedef struct {
    const char *as_of;
    int cla, pla, cin, cp, yjs;
} snap_text;

typedef struct {
    int urn;
    const char *start, *end;
} enrol_text;

typedef struct {
    const char *ev, *rule;
    const char *due;    /* "" = no fixed date, "?" = not checked */
    const char *status; /* "open", "overdue", "done", "?" */
    const char *done;   /* "" = none, "?" = not checked */
    const char *by;     /* "onroll": done by recording the event in onroll; NULL: not */
} want_row;

typedef struct {
    const char *name;
    const char *as_of;
    const char *dob, *year; /* default "2012-05-01", "9" */
    snap_text snap[2];      /* default one snapshot of 1 Aug 2025, no flags */
    enrol_text enrol[3];    /* default: main at each school of the events since 1 Sep 2021 */
    ev_text ev[MAXEV];
    want_row want[MAXWANT];
    const char *absent[MAXABSENT]; /* "EVENT RULE" */
    DUTY_CASE_EXTRA
} duty_case;

/* Events. Every exclusion is decided on its start unless _DEC gives the decision date. */
#define SUSP(i, u, s, n)                                                                           \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_SUSPENSION, .start = s, .sessions = n                     \
    }
#define SUSP_DEC(i, u, dec, s, n)                                                                  \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_SUSPENSION, .start = s, .decided = dec, .sessions = n     \
    }
/* A suspension recorded in onroll on day rec, with no decision date (decided: the earlier of
 * its start and rec, or_fact_decided). */
#define SUSP_REC(i, u, s, n, rec)                                                                  \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_SUSPENSION, .start = s, .sessions = n, .recorded = rec    \
    }
#define PEX(i, u, s)                                                                               \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_PERMANENT, .start = s                                     \
    }
#define PEX_DEC(i, u, dec, s)                                                                      \
    {                                                                                              \
        .id = i, .urn = u, .kind = OR_EV_PERMANENT, .start = s, .decided = dec                     \
    }
#define ACT(u, r, rl, on, how)                                                                     \
    {                                                                                              \
        .urn = u, .kind = OR_EV_ACTION, .start = on, .ref = r, .rule = rl, .delivery = how         \
    }
#define ACT_OUT(u, r, rl, on, how, out)                                                            \
    {                                                                                              \
        .urn = u, .kind = OR_EV_ACTION, .start = on, .ref = r, .rule = rl, .delivery = how,        \
        .outcome = out                                                                             \
    }
#define WITHDRAWN(u, r, on)                                                                        \
    {                                                                                              \
        .urn = u, .kind = OR_EV_WITHDRAWN, .start = on, .ref = r                                   \
    }

#define OPEN    "open"
#define OVERDUE "overdue"
#define DONE    "done"
#define NONE    ""
#define ANY     "?"

/* The one rule both files' cases name (each file names the rest of its rules itself). */
#define NLA "STAT-NOTIFY-LA"

/* ---- building the facts ---- */

typedef struct {
    or_fact_event ev[MAXEV];
    char ids[MAXEV][16];
    or_fact_snapshot snaps[2];
    or_fact_enrolment en[3];
    or_pupil_facts f;
} built_facts;

static void build_facts(const duty_case *c, built_facts *b)
{
    memset(b, 0, sizeof *b);
    int n = 0, x = 0;
    for (int i = 0; i < MAXEV && c->ev[i].start; i++) {
        const ev_text *t = &c->ev[i];
        or_fact_event *e = &b->ev[n];
        if (t->id) {
            e->event_id = t->id;
        } else {
            snprintf(b->ids[n], sizeof b->ids[n], "x%d", ++x);
            e->event_id = b->ids[n];
        }
        e->urn = t->urn;
        e->kind = t->kind;
        e->start = D(t->start);
        e->recorded = t->recorded ? D(t->recorded) : 0;
        e->decided =
            or_fact_decided(t->decided ? D(t->decided) : OR_DATE_NONE, e->start, e->recorded);
        e->end = D(t->end);
        e->exam_date = D(t->exam);
        e->sessions =
            (t->kind == OR_EV_SUSPENSION || t->kind == OR_EV_LUNCHTIME) ? t->sessions : -1;
        e->reasons = or_is_exclusion(t->kind) ? "PP" : NULL;
        e->ref = t->ref;
        e->rule = t->rule;
        e->outcome = t->outcome;
        e->to = t->to;
        e->delivery = t->delivery;
        e->provider = NULL;
        e->to_urn = 0;
        e->seq = i + 1;
        n++;
    }
    /* facts.h: events by start, then seq (stable insertion sort) */
    for (int i = 1; i < n; i++) {
        or_fact_event tmp = b->ev[i];
        int j = i - 1;
        while (j >= 0 && b->ev[j].start > tmp.start) {
            b->ev[j + 1] = b->ev[j];
            j--;
        }
        b->ev[j + 1] = tmp;
    }
    /* the generated ids point into b->ids by the original index, which does not move */

    int ns = 0;
    for (int i = 0; i < 2 && c->snap[i].as_of; i++, ns++) {
        const snap_text *s = &c->snap[i];
        b->snaps[i] = (or_fact_snapshot){.as_of = D(s->as_of),
                                         .cla = (int8_t)s->cla,
                                         .pla = (int8_t)s->pla,
                                         .cin = (int8_t)s->cin,
                                         .cp = (int8_t)s->cp,
                                         .yjs = (int8_t)s->yjs};
    }
    if (ns == 0) {
        b->snaps[0] = (or_fact_snapshot){.as_of = D("2025-08-01")};
        ns = 1;
    }
    for (int i = 0; i < ns; i++) {
        or_fact_snapshot *s = &b->snaps[i];
        s->dob = D(c->dob ? c->dob : "2012-05-01");
        s->sex = 'M';
        s->ethnicity = "WBRI";
        s->sen_need = "";
        s->year_group = c->year ? c->year : "9";
        s->sen = 'N';
        s->fsm = s->fsm6 = s->eal = 0;
        s->social_worker_since = OR_DATE_NONE;
    }

    int ne = 0;
    for (int i = 0; i < 3 && c->enrol[i].urn; i++, ne++)
        b->en[i] = (or_fact_enrolment){c->enrol[i].urn,        D(c->enrol[i].start),
                                       D(c->enrol[i].end),     'm',
                                       b->snaps[0].year_group, NULL};
    if (ne == 0) {
        int urns[3] = {URN_A, URN_B, URN_C};
        for (int u = 0; u < 3; u++) {
            bool used = false;
            for (int i = 0; i < n; i++)
                used = used || b->ev[i].urn == urns[u];
            if (used)
                b->en[ne++] = (or_fact_enrolment){urns[u], D("2021-09-01"),        OR_DATE_NONE,
                                                  'm',     b->snaps[0].year_group, NULL};
        }
    }

    b->f = (or_pupil_facts){.upn = UPN,
                            .snaps = b->snaps,
                            .nsnaps = ns,
                            .events = b->ev,
                            .nevents = n,
                            .enrols = b->en,
                            .nenrols = ne,
                            .school = lookup,
                            .school_ctx = NULL};
}

/* ---- comparing the rows ---- */

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Defined by the including file: whether rows of the rule `id` are that file's to check. A row
 * of an owned rule that its case does not list is a failure; a row of any other rule is
 * ignored unless the case names it in `absent`. */
static bool owned_rule(const char *id);

static int find_want(const duty_case *c, const char *ev, const char *rule)
{
    for (int i = 0; i < MAXWANT && c->want[i].rule; i++)
        if (same(c->want[i].ev, ev) && same(c->want[i].rule, rule))
            return i;
    return -1;
}

static bool named_absent(const duty_case *c, const char *ev, const char *rule)
{
    char key[128];
    snprintf(key, sizeof key, "%s %s", ev ? ev : "", rule);
    for (int i = 0; i < MAXABSENT && c->absent[i]; i++)
        if (strcmp(c->absent[i], key) == 0)
            return true;
    return false;
}

static void add(char *buf, size_t cap, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t cap, const char *f, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf + len, cap - len, f, ap);
    va_end(ap);
}

static char msg[16384];

static void describe(const or_duty *d, char *out, size_t cap)
{
    char due[11], done[11];
    fmt(d->due, due);
    fmt(d->done_on, done);
    snprintf(out, cap, "%s %s due %s %s done_on %s (%s)", d->event_id ? d->event_id : "",
             d->rule ? d->rule->id : "?", due, or_duty_status_name(d->status), done,
             d->detail ? d->detail : "");
}

static void check_rows(const duty_case *c, const built_facts *b, const or_duty_list *l)
{
    bool seen[MAXWANT] = {false};
    char row[1024];
    msg[0] = '\0';
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        const char *rid = d->rule && d->rule->id ? d->rule->id : "(no rule)";
        describe(d, row, sizeof row);
        int w = find_want(c, d->event_id, rid);
        if (w < 0) {
            if (owned_rule(rid) || named_absent(c, d->event_id, rid))
                add(msg, sizeof msg, "\n  unexpected row: %s", row);
            continue;
        }
        if (seen[w]) {
            add(msg, sizeof msg, "\n  duplicate row: %s", row);
            continue;
        }
        seen[w] = true;
        const want_row *x = &c->want[w];
        const or_fact_event *e = or_facts_event(&b->f, d->urn, d->event_id ? d->event_id : "");
        if (!e)
            add(msg, sizeof msg, "\n  row names no event of URN %d: %s", d->urn, row);
        if (!same(d->upn, UPN))
            add(msg, sizeof msg, "\n  wrong upn %s: %s", d->upn ? d->upn : "(null)", row);
        bool bad = false;
        if (strcmp(x->due, ANY) != 0 && d->due != D(x->due))
            bad = true;
        if (strcmp(x->status, ANY) != 0 && strcmp(or_duty_status_name(d->status), x->status))
            bad = true;
        if (strcmp(x->done, ANY) != 0 && d->done_on != D(x->done))
            bad = true;
        if (!same(d->done_by, x->by))
            add(msg, sizeof msg, "\n  done by %s, expected %s: %s",
                d->done_by ? d->done_by : "an action", x->by ? x->by : "an action", row);
        if (bad)
            add(msg, sizeof msg, "\n  got      %s\n  expected %s %s due %s %s done_on %s", row,
                x->ev, x->rule, *x->due ? x->due : "none", x->status, *x->done ? x->done : "none");
    }
    for (int w = 0; w < MAXWANT && c->want[w].rule; w++)
        if (!seen[w])
            add(msg, sizeof msg, "\n  missing row: %s %s due %s %s done_on %s", c->want[w].ev,
                c->want[w].rule, *c->want[w].due ? c->want[w].due : "none", c->want[w].status,
                *c->want[w].done ? c->want[w].done : "none");
}

/* ---- running the cases ---- */

static built_facts facts;

/* Lists the duties of c's pupil as of c->as_of with the default parameters (or_params_default)
 * and fails the test, naming the case, on any difference from the rows c expects. */
static void check_case(const duty_case *c)
{
    build_facts(c, &facts);
    or_params p;
    or_params_default(&p);
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_duty_list l;
    or_duty_list_init(&l, &a);
    or_code rc = or_duties_for_pupil(&facts.f, &p, D(c->as_of), &l, &err);
    if (rc != OR_OK) {
        or_arena_free(&a);
        fail_msg("%s: or_duties_for_pupil = %s: %s", c->name, or_strerror(rc), err.msg);
    }
    check_rows(c, &facts, &l);
    or_arena_free(&a);
    if (msg[0])
        fail_msg("%s (as of %s):%s", c->name, c->as_of, msg);
}

/* Runs each of the n cases as one cmocka test of the group, named by the case, with test. */
static int run_cases(const char *group, const duty_case *cases, size_t n, CMUnitTestFunction test)
{
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] =
            (struct CMUnitTest){cases[i].name, test, NULL, NULL, (void *)(uintptr_t)&cases[i]};
    int rc = _cmocka_run_group_tests(group, tests, n, group_setup, group_teardown);
    free(tests);
    return rc;
}

#endif
