/* demo.c - or_demo_generate: a deterministic synthetic local authority (include/onroll/demo.h).
 *
 * The steps, each in its own file: schools and calendars (demo_la.c); the first year's rolls,
 * then for every academic year the move up, new pupils and joiners (demo_roll.c), the year's
 * suspension calibration (demo_roll.c) and what happens to every pupil on roll (demo_events.c);
 * then event ids, the rows (demo_emit.c) and the attendance marks (demo_marks.c). All state is
 * in one dm_gen; nothing is read from outside but the parameters. */
#include <stdlib.h>

#include "demo/demo_internal.h"

void or_demo_params_default(or_demo_params *p)
{
    *p = (or_demo_params){.seed = 1,
                          .schools = 80,
                          .pupils = 30000,
                          .years = 3,
                          .as_of = OR_DATE_NONE,
                          .la_code = 999};
}

/* The academic years: years of them ending with the one containing as_of, starting early
 * enough that the first has begun by as_of. */
static void academic_years(const or_demo_params *p, int *ay0, int *ay1)
{
    *ay1 = or_date_academic_year(p->as_of);
    *ay0 = *ay1 - p->years + 1;
    dm_year y;
    for (dm_year_dates(*ay0, &y); y.aut_start > p->as_of; dm_year_dates(*ay0, &y))
        (*ay0)--;
}

static or_code check_params(const or_demo_params *p, const or_demo_sink *sink, or_error *err)
{
    if (!p || !sink || !sink->row)
        return or_fail(err, OR_EUSAGE, "demo: parameters and a row sink are required");
    if (p->schools < 3 || p->schools > 999)
        return or_fail(err, OR_EUSAGE, "demo: %d schools; between 3 and 999 allowed", p->schools);
    if (p->pupils < 100 || p->pupils > 500000)
        return or_fail(err, OR_EUSAGE, "demo: %d pupils; between 100 and 500000 allowed",
                       p->pupils);
    if (p->years < 1 || p->years > 10)
        return or_fail(err, OR_EUSAGE, "demo: %d years; between 1 and 10 allowed", p->years);
    if (p->la_code < 100 || p->la_code > 999)
        return or_fail(err, OR_EUSAGE, "demo: LA code %d; a 3-digit number (100-999) expected",
                       p->la_code);
    int y, m, d;
    if (p->as_of == OR_DATE_NONE)
        return or_fail(err, OR_EUSAGE, "demo: as_of (the date the data is as of) is required");
    or_date_to_ymd(p->as_of, &y, &m, &d);
    if (y > 2190)
        return or_fail(err, OR_EUSAGE, "demo: as_of year %d; at most 2190", y);
    int first, last;
    academic_years(p, &first, &last);
    if (first < 2006)
        return or_fail(err, OR_EUSAGE,
                       "demo: the first academic year would be %d/%02d; the census code lists "
                       "used go back to 2006/07",
                       first, (first + 1) % 100);
    return OR_OK;
}

static void simulate(dm_gen *g)
{
    dm_roll_first_year(g);
    for (int ay = g->ay0; ay <= g->ay1; ay++) {
        if (ay > g->ay0)
            dm_roll_new_year(g, ay);
        dm_roll_joiners(g, ay);
        dm_calibrate(g, ay);
        dm_simulate_year(g, ay);
    }
    dm_number_events(g);
}

static void free_gen(dm_gen *g)
{
    free(g->pupils);
    free(g->enrols);
    free(g->events);
    free(g->cal_rows);
    or_arena_free(&g->arena);
    free(g);
}

or_code or_demo_generate(const or_demo_params *p, const or_demo_sink *sink, or_error *err)
{
    or_code rc = check_params(p, sink, err);
    if (rc)
        return rc;
    dm_gen *g = calloc(1, sizeof *g);
    if (!g)
        return or_fail(err, OR_ENOMEM, "demo: out of memory");
    g->p = *p;
    g->arena = (or_arena)OR_ARENA_INIT;
    g->arena.block_size = 1 << 20;
    dm_rng_seed(&g->rng, p->seed, 0);
    academic_years(p, &g->ay0, &g->ay1);
    rc = dm_make_schools(g, err);
    if (!rc)
        rc = dm_make_calendars(g, err);
    if (!rc) {
        simulate(g);
        rc = dm_emit_rows(g, sink, err);
    }
    if (!rc)
        rc = dm_emit_marks(g, sink, err);
    free_gen(g);
    return rc;
}
