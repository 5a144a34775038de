/* demo_interventions.c - the demo LA's interventions: `intervention` events naming entries of
 * the directory's seed (interventions.h), as a school would record them.
 *
 * About half the pupils suspended (after their first suspension, lunchtime suspension or
 * permanent exclusion, so that some are suspended again during or after the support, as in
 * life) get one to three interventions from their school, starting days to weeks after it;
 * a few pupils never suspended, on roll today, get one this school year. Each is one the
 * directory offers for the pupil's phase (from the year group: R and below early years, 1-6
 * primary, 7-11 secondary, 12 and above post-16), at the levels a school puts in place for a
 * pupil (universal plus, more often complex after a permanent exclusion), with a planned end 6
 * to 14 weeks on; those whose end has passed are ended, and about one in ten is ended early by
 * a second event naming it (ref) with the actual end. Every pupil has its own random stream:
 * the same parameters give the same rows. Nothing starts after as_of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "onroll/interventions.h"

/* What schools put in place for a pupil, by weight (ids of the seed: the unit tests check
 * that each is there). Levels and phases come from the directory. */
static const struct {
    const char *id;
    int weight;
    const char *who; /* who delivers, when the provider is the school itself */
} menu[] = {
    {"allocation-of-a-key-worker-such-as-a-learning-mentor", 14, "Learning mentor"},
    {"restorative-justice-intervention", 8, "Pastoral team"},
    {"restorative-mediation", 6, "Pastoral team"},
    {"school-counselling-service", 10, NULL},
    {"nurture-groups", 6, "Nurture group staff"},
    {"seal-small-group-work-ks1-and-ks2", 6, "Class teacher and teaching assistant"},
    {"circle-of-friends", 5, "Class teacher"},
    {"solution-focused-approaches", 6, NULL},
    {"change-of-teaching-set-or-class", 5, "Head of year"},
    {"educational-psychology-service-school-educational", 6, NULL},
    {"mindfulness-based-awareness-training-mbat", 3, NULL},
    {"re-engagement-unit-reu", 5, NULL},
    {"short-term-focused-alternative-provision-placement-at-new", 4, NULL},
    {"camhs", 4, NULL},
    {"parenting-programme", 4, NULL},
    {"incredible-years-programme", 3, NULL},
    {"family-seal", 3, "Family liaison worker"},
};
enum { NMENU = sizeof menu / sizeof menu[0], MAX_PER_PUPIL = 3 };

typedef struct {
    const or_iv_seed *seed;
    unsigned phases;
    int level;
    bool school_run; /* the school itself provides it */
} choice;

static bool load_menu(choice *out)
{
    for (int i = 0; i < NMENU; i++) {
        out[i].seed = NULL;
        for (size_t k = 0; k < or_iv_nseeds; k++)
            if (!strcmp(or_iv_seeds[k].id, menu[i].id))
                out[i].seed = &or_iv_seeds[k];
        or_intervention e;
        if (!out[i].seed || or_iv_from_seed(out[i].seed, &e, NULL))
            return false;
        out[i].phases = e.phases;
        out[i].level = (int)e.level;
        out[i].school_run = !strcmp(e.provider, "School");
    }
    return true;
}

static or_iv_phase phase_of(int yg)
{
    return yg <= 0    ? OR_IV_EARLY_YEARS
           : yg <= 6  ? OR_IV_PRIMARY
           : yg <= 11 ? OR_IV_SECONDARY
                      : OR_IV_POST16;
}

/* The main or dual enrolment of pupil at school that covers day d, or -1 (enrolments of each
 * pupil are chained through next[] from first[pupil]). */
static int enrolled(const dm_gen *g, const int *first, const int *next, int pupil, int school,
                    or_date d)
{
    for (int e = first[pupil]; e >= 0; e = next[e]) {
        const dm_enrol *en = &g->enrols[e];
        if (en->school == school && en->start <= d && (en->end == OR_DATE_NONE || en->end >= d))
            return e;
    }
    return -1;
}

typedef struct {
    char id[32], upn[14], urn[16], start[11], end[11], ref[32], provider[200];
    const char *intervention;
} iv_row;

static or_code send(const or_demo_sink *sink, const iv_row *r, or_error *err)
{
    const char *cells[OR_EV__N];
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    cells[OR_EV_EVENT_ID] = r->id;
    cells[OR_EV_UPN] = r->upn;
    cells[OR_EV_URN] = r->urn;
    cells[OR_EV_TYPE] = "intervention";
    cells[OR_EV_START] = r->start;
    cells[OR_EV_END] = r->end;
    cells[OR_EV_INTERVENTION_ID] = r->intervention;
    cells[OR_EV_PROVIDER] = r->provider;
    cells[OR_EV_REF] = r->ref;
    cells[OR_EV_RECORDED_BY] = "demo";
    return sink->row(sink->ctx, OR_K_EVENTS, cells, err);
}

/* One pupil's interventions at school from day `from` (and not after as_of). */
static or_code pupil_interventions(dm_gen *g, const choice *ch, int pupil, int school, or_date from,
                                   int n, bool high, dm_rng *r, const or_demo_sink *sink,
                                   or_error *err)
{
    const dm_pupil *p = &g->pupils[pupil];
    or_iv_phase ph = phase_of(dm_yg_of(p, or_date_academic_year(from)));
    int weights[NMENU], used = 0;
    or_code rc = OR_OK;
    for (int k = 0; k < n && !rc; k++) {
        for (int i = 0; i < NMENU; i++) {
            bool fits =
                (ch[i].phases & (1u << ph)) && !(used & (1 << i)) && ch[i].level != OR_IV_UNIVERSAL;
            weights[i] = fits ? menu[i].weight * (high && ch[i].level == OR_IV_COMPLEX ? 3 : 1) : 0;
        }
        int i = dm_pick(r, weights, NMENU);
        if (!weights[i])
            break; /* nothing left for this phase */
        used |= 1 << i;
        or_date start = from + dm_range(r, 0, 20) + 7 * k;
        while (or_date_is_weekend(start))
            start++;
        if (start > g->p.as_of)
            break;
        or_date end = start + 7 * dm_range(r, 6, 14) - 3; /* a Friday-ish weeks later */
        iv_row row;
        memset(&row, 0, sizeof row);
        snprintf(row.id, sizeof row.id, "IV-%06d-%d", pupil, k + 1);
        snprintf(row.upn, sizeof row.upn, "%s", p->upn);
        snprintf(row.urn, sizeof row.urn, "%d", g->schools[school].urn);
        or_date_format(start, row.start);
        or_date_format(end, row.end);
        row.intervention = ch[i].seed->id;
        snprintf(row.provider, sizeof row.provider, "%s",
                 ch[i].school_run && menu[i].who ? menu[i].who : ch[i].seed->provider);
        if ((rc = send(sink, &row, err)))
            break;
        /* ended early: the school records the actual end, naming the first record */
        or_date early = start + 7 * dm_range(r, 2, 5);
        if (dm_chance(r, 0.1) && early < end && early <= g->p.as_of) {
            snprintf(row.ref, sizeof row.ref, "%s", row.id);
            snprintf(row.id, sizeof row.id, "IV-%06d-%d-E", pupil, k + 1);
            or_date_format(early, row.end);
            rc = send(sink, &row, err);
        }
    }
    return rc;
}

or_code dm_emit_interventions(dm_gen *g, const or_demo_sink *sink, or_error *err)
{
    choice ch[NMENU];
    if (!load_menu(ch))
        return or_fail(err, OR_EUSAGE, "demo: an intervention of the menu is not in the seed");
    size_t np = g->npupils, ne = g->nenrols;
    int *trigger = malloc((np ? np : 1) * sizeof *trigger);
    int *first = malloc((np ? np : 1) * sizeof *first),
        *next = malloc((ne ? ne : 1) * sizeof *next);
    if (!trigger || !first || !next) {
        free(trigger);
        free(first);
        free(next);
        return or_fail(err, OR_ENOMEM, "demo: out of memory");
    }
    for (size_t i = 0; i < np; i++)
        trigger[i] = first[i] = -1;
    for (size_t e = ne; e-- > 0;) {
        next[e] = first[g->enrols[e].pupil];
        first[g->enrols[e].pupil] = (int)e;
    }
    for (size_t i = 0; i < g->nevents; i++) {
        const dm_event *ev = &g->events[i];
        bool excl = ev->type == DM_EV_SUSPENSION || ev->type == DM_EV_LUNCHTIME ||
                    ev->type == DM_EV_PERMANENT;
        if (excl && !ev->withdrawn &&
            (trigger[ev->pupil] < 0 || g->events[trigger[ev->pupil]].start > ev->start))
            trigger[ev->pupil] = (int)i;
    }
    dm_year y;
    dm_year_dates(or_date_academic_year(g->p.as_of), &y);
    or_code rc = OR_OK;
    for (size_t pi = 0; pi < np && !rc; pi++) {
        dm_rng r;
        dm_rng_seed(&r, g->p.seed ^ 0x696e74657276ULL, pi);
        const dm_pupil *p = &g->pupils[pi];
        if (trigger[pi] >= 0) {
            const dm_event *ev = &g->events[trigger[pi]];
            /* after a permanent exclusion the support is the next school's: not drawn here */
            if (ev->type == DM_EV_PERMANENT || !dm_chance(&r, 0.55))
                continue;
            or_date from = ev->start + dm_range(&r, 1, 10);
            if (enrolled(g, first, next, (int)pi, ev->school, from) < 0)
                continue;
            int n = dm_pick(&r, (const int[]){60, 30, 10}, 3) + 1;
            bool high = ev->sessions >= 10 || dm_chance(&r, 0.2);
            rc = pupil_interventions(g, ch, (int)pi, ev->school, from, n, high, &r, sink, err);
        } else if (p->cur >= 0 && dm_chance(&r, 0.03)) {
            int school = g->enrols[p->cur].school;
            or_date from = y.aut_start + dm_below(&r, g->p.as_of - y.aut_start + 1);
            if (from < g->enrols[p->cur].start)
                from = g->enrols[p->cur].start;
            rc = pupil_interventions(g, ch, (int)pi, school, from, 1, false, &r, sink, err);
        }
    }
    free(trigger);
    free(first);
    free(next);
    return rc;
}
