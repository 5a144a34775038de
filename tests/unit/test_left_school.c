/* test_left_school.c - whether a pupil had left a school before a day (facts.h,
 * or_facts_left_school), table-driven, each answer worked out by hand. Issue 14's finding: "A
 * school can record a suspension dated after the pupil's unexplained exit." The importer
 * refuses an exclusion or movement dated after the day this gives.
 *
 * An exit is an unexplained exit, elective home education, child missing education or an
 * in-year transfer at the school (a managed move is a trial: the pupil stays on roll); an
 * enrolment at the school starting after the exit, on or before the day, undoes it. Without an
 * exit: the pupil's enrolments at the school all ended before the day (the last end). Events on
 * the day of leaving itself are allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/facts.h"

static or_date D(const char *s)
{
    if (!s)
        return OR_DATE_NONE;
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date in the table: %s", s);
    return d;
}

typedef struct {
    int urn;
    const char *start, *end;
} en_text;

typedef struct {
    int urn;
    or_event_kind kind;
    const char *start;
} ev_text;

typedef struct {
    const char *name;
    en_text en[2];
    ev_text ev[2];
    int urn;
    const char *day;
    const char *want; /* the day left, NULL: not left */
    bool by_exit;     /* an exit event (else the enrolment's end) */
} left_case;

enum { F = 300001, M = 300002 };

static const left_case cases[] = {
    /* the finding: on roll from Wed 2 Sep 2026, unexplained exit Mon 9 Nov 2026, the enrolment
     * left open; a suspension on Tue 8 Dec 2026 comes after it */
    {"finding: after an unexplained exit",
     {{F, "2026-09-02", NULL}},
     {{F, OR_EV_UNEXPLAINED_EXIT, "2026-11-09"}},
     F,
     "2026-12-08",
     "2026-11-09",
     true},
    {"the day of the exit itself: not after it",
     {{F, "2026-09-02", NULL}},
     {{F, OR_EV_UNEXPLAINED_EXIT, "2026-11-09"}},
     F,
     "2026-11-09",
     NULL,
     false},
    {"before the exit",
     {{F, "2026-09-02", NULL}},
     {{F, OR_EV_UNEXPLAINED_EXIT, "2026-11-09"}},
     F,
     "2026-11-06",
     NULL,
     false},
    /* back on the roll from Mon 23 Nov 2026: the exit no longer stands on 8 Dec */
    {"re-enrolled after the exit",
     {{F, "2026-09-02", "2026-11-09"}, {F, "2026-11-23", NULL}},
     {{F, OR_EV_UNEXPLAINED_EXIT, "2026-11-09"}},
     F,
     "2026-12-08",
     NULL,
     false},
    /* elective home education from Mon 9 Nov */
    {"after elective home education",
     {{F, "2026-09-02", NULL}},
     {{F, OR_EV_EHE, "2026-11-09"}},
     F,
     "2026-12-08",
     "2026-11-09",
     true},
    /* a managed move is a trial: still on the roll */
    {"a managed move is not an exit",
     {{F, "2026-09-02", NULL}},
     {{F, OR_EV_MANAGED_MOVE, "2026-11-09"}},
     F,
     "2026-12-08",
     NULL,
     false},
    /* the exit was at the other school */
    {"an exit from another school",
     {{F, "2026-09-02", NULL}, {M, "2025-09-03", "2026-08-31"}},
     {{M, OR_EV_UNEXPLAINED_EXIT, "2026-06-01"}},
     F,
     "2026-12-08",
     NULL,
     false},
    /* the enrolment ended Fri 20 Nov 2026 */
    {"after the enrolment ended",
     {{F, "2026-09-02", "2026-11-20"}},
     {{0}},
     F,
     "2026-12-08",
     "2026-11-20",
     false},
    {"on the enrolment's last day",
     {{F, "2026-09-02", "2026-11-20"}},
     {{0}},
     F,
     "2026-11-20",
     NULL,
     false},
    /* never on this school's roll: not judged here (a school's rows meet school_scope.c) */
    {"never enrolled at the school",
     {{M, "2026-09-02", NULL}},
     {{0}},
     F,
     "2026-12-08",
     NULL,
     false},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const left_case *c = &cases[i];
        or_fact_enrolment en[2];
        or_fact_event ev[2];
        int ne = 0, nv = 0;
        for (int k = 0; k < 2 && c->en[k].urn; k++)
            en[ne++] = (or_fact_enrolment){
                c->en[k].urn, D(c->en[k].start), D(c->en[k].end), 'm', NULL, NULL};
        for (int k = 0; k < 2 && c->ev[k].urn; k++)
            ev[nv++] = (or_fact_event){.event_id = "X1",
                                       .urn = c->ev[k].urn,
                                       .kind = c->ev[k].kind,
                                       .start = D(c->ev[k].start)};
        or_pupil_facts f = {.upn = "A1", .enrols = en, .nenrols = ne, .events = ev, .nevents = nv};
        const or_fact_event *exit = NULL;
        or_date got = or_facts_left_school(&f, c->urn, D(c->day), &exit);
        if (got != D(c->want) || (exit != NULL) != c->by_exit)
            fail_msg("%s: got %d (exit %s), expected %s", c->name, (int)got, exit ? "yes" : "no",
                     c->want ? c->want : "not left");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
