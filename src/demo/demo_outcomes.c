/* demo_outcomes.c - the demo LA's outcome measures (or_demo_outcomes in demo.h, issue 8): for
 * a share of the interventions the pupils received, an SDQ (teacher report) at the start and
 * at the end, and attendance before and after, as `measure` events the outcomes report and
 * pages read.
 *
 * What is drawn, per intervention (each with its own random stream, so the result does not
 * depend on the order of pupils or on other interventions):
 *   - about 70% have an SDQ (teacher report), for pupils aged 4-17 at the start: before, on the
 *     start date, scale scores around those of children referred for support (emotional 4,
 *     conduct 4.5, hyperactivity 6, peer 3, prosocial 5, each +/- about 2); after, on the
 *     (revised) end date when it has ended, 90% of the time: a pupil's response drawn around a
 *     small improvement (total difficulties down by about 2, prosocial up a little), so most
 *     change a little for the better, about a quarter for the worse. Half are entered as the 25
 * item responses (the scores spread over the items, reverse-scored items answered the other way
 *     round, now and then an item left blank), half as the scale scores of a scored paper form;
 *   - about 60% have attendance before (the pupil's own attendance that school year up to the
 *     start, from the marks, when there are enough of them; else about 88%) and after (about
 *     1.5 points higher, +/- 4).
 * The interventions are those the demo's pupils receive (demo_interventions.c), read back from
 * the store. When no pupil has one, the same is done for Pastoral Support Programmes (after: at
 * the programme's end, or 16 weeks on); when there are neither, nothing is emitted.
 *
 * Scores are built and written with measures.h (or_measure_score_*, or_score_format), so every
 * row is one the importer accepts. Pure: no I/O; rows go out through the sink. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "onroll/labels.h"
#include "onroll/measures.h"
#include "onroll/marks.h"
#include "onroll/risk.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The events measured: original interventions (not revisions), else PSPs. */
static bool target(const or_fact_event *e, or_event_kind kind)
{
    return e->kind == kind && (kind != OR_EV_INTERVENTION || !e->ref || !*e->ref);
}

/* The end of e: for an intervention its latest revision's; for a PSP without a time limit 16
 * weeks on. */
static or_date end_of(const or_pupil_facts *f, const or_fact_event *e)
{
    or_date end = e->end;
    for (int i = 0; e->kind == OR_EV_INTERVENTION && i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        if (r->kind == OR_EV_INTERVENTION && r->urn == e->urn && r->ref &&
            !strcmp(r->ref, e->event_id))
            end = r->end;
    }
    if (end == OR_DATE_NONE && e->kind == OR_EV_PSP)
        end = e->start + 16 * 7;
    return end;
}

typedef struct {
    const or_demo_sink *sink;
    const or_pupil_facts *f;
    const or_fact_event *e;
    int *emitted;
    or_error *err;
} emit_ctx;

/* One `measure` row; n numbers it among the event's (an id unique at the school). */
static or_code emit(emit_ctx *c, int n, or_date on, const char *measure, const char *score,
                    const char *outcome)
{
    char id[48], start[11], urn[16];
    char key[160];
    snprintf(key, sizeof key, "%d|%s", c->e->urn, c->e->event_id);
    snprintf(id, sizeof id, "OM-%016llX-%d", (unsigned long long)hash(key), n);
    or_date_format(on, start);
    snprintf(urn, sizeof urn, "%d", c->e->urn);
    const char *cells[OR_EV__N];
    for (int k = 0; k < OR_EV__N; k++)
        cells[k] = "";
    cells[OR_EV_EVENT_ID] = id;
    cells[OR_EV_UPN] = c->f->upn;
    cells[OR_EV_URN] = urn;
    cells[OR_EV_TYPE] = "measure";
    cells[OR_EV_START] = start;
    cells[OR_EV_REF] = c->e->event_id;
    cells[OR_EV_MEASURE_ID] = measure;
    cells[OR_EV_SCORE] = score;
    cells[OR_EV_OUTCOME] = outcome;
    cells[OR_EV_RECORDED_BY] = "demo";
    (*c->emitted)++;
    return c->sink->row(c->sink->ctx, OR_K_EVENTS, cells, c->err);
}

/* Scale scores (item scales of m, by index) as the stored text: as the scale scores, or as item
 * responses that add up to them (reverse-scored items answered the other way round), now and
 * then with an item left blank. */
static or_code sdq_text(dm_rng *r, const or_measure *m, const int *scales, bool as_items, char *buf,
                        size_t size, or_error *err)
{
    or_score s;
    or_code rc;
    if (!as_items) {
        int given[OR_MEASURE_MAX_SCALES];
        for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
            given[k] = k < m->nscales && m->scales[k].nitems > 0 ? scales[k] : OR_NO_ANSWER;
        rc = or_measure_score_scales(m, given, &s, err);
    } else {
        int responses[OR_MEASURE_MAX_ITEMS];
        for (int i = 0; i < OR_MEASURE_MAX_ITEMS; i++)
            responses[i] = OR_NO_ANSWER;
        int top = m->nresponses - 1;
        for (int k = 0; k < m->nscales; k++) {
            const or_scale_def *d = &m->scales[k];
            if (d->nitems == 0)
                continue;
            int scored[OR_SCALE_MAX_ITEMS] = {0};
            for (int left = clamp(scales[k], 0, d->max); left > 0;) {
                int j = dm_below(r, d->nitems);
                if (scored[j] < top) {
                    scored[j]++;
                    left--;
                }
            }
            for (int j = 0; j < d->nitems; j++) {
                bool rev = false;
                for (int x = 0; x < m->nreverse; x++)
                    rev |= m->reverse[x] == d->items[j];
                responses[d->items[j] - 1] = rev ? top - scored[j] : scored[j];
            }
        }
        if (dm_chance(r, 0.1)) /* an item left blank: its scale is prorated */
            responses[dm_below(r, m->nitems)] = OR_NO_ANSWER;
        rc = or_measure_score_responses(m, responses, &s, err);
    }
    if (!rc)
        or_score_format(&s, buf, size);
    return rc;
}

static int draw(dm_rng *r, double mean, double sd, int max)
{
    return clamp((int)lround(mean + sd * dm_normal(r)), 0, max);
}

/* The SDQ (teacher report) before and, when it has ended, after. */
static or_code sdq(emit_ctx *c, dm_rng *r, or_date end, or_date as_of)
{
    const or_measure *m = or_measure_find("sdq_teacher");
    const or_fact_snapshot *snap = or_facts_snapshot_on(c->f, c->e->start);
    if (!m || !snap || snap->dob == OR_DATE_NONE)
        return OR_OK;
    int age = or_age_on(snap->dob, c->e->start);
    if (age < m->age_min || age > m->age_max)
        return OR_OK;
    enum { EMO, CON, HYP, PEER, PRO };
    int pre[OR_MEASURE_MAX_SCALES] = {0}, post[OR_MEASURE_MAX_SCALES] = {0};
    pre[EMO] = draw(r, 4.0, 2.2, 10);
    pre[CON] = draw(r, 4.5, 2.2, 10);
    pre[HYP] = draw(r, 6.0, 2.3, 10);
    pre[PEER] = draw(r, 3.0, 2.0, 10);
    pre[PRO] = draw(r, 5.0, 2.2, 10);
    /* the pupil's response: mostly a small improvement, sometimes none or worse */
    double resp = 0.9 + 1.0 * dm_normal(r);
    static const double weight[] = {0.6, 0.9, 0.7, 0.5};
    for (int k = EMO; k <= PEER; k++)
        post[k] = clamp(pre[k] + (int)lround(-resp * weight[k] + 0.9 * dm_normal(r)), 0, 10);
    post[PRO] = clamp(pre[PRO] + (int)lround(resp * 0.6 + 0.9 * dm_normal(r)), 0, 10);
    bool as_items = dm_chance(r, 0.5);
    char text[OR_SCORE_TEXT_MAX];
    or_code rc = sdq_text(r, m, pre, as_items, text, sizeof text, c->err);
    if (!rc)
        rc = emit(c, 1, c->e->start, m->id, text, "pre");
    if (rc || end == OR_DATE_NONE || end > as_of || end < c->e->start || !dm_chance(r, 0.9))
        return rc;
    rc = sdq_text(r, m, post, as_items, text, sizeof text, c->err);
    return rc ? rc : emit(c, 2, end, m->id, text, "post");
}

/* Attendance before (the pupil's own this school year so far, when there is enough of it) and
 * after. */
static or_code attendance(emit_ctx *c, dm_rng *r, or_date end, or_date as_of)
{
    int possible = 0, attended = 0;
    or_attendance_summary(c->f, or_date_academic_year(c->e->start), c->e->start, &possible,
                          &attended);
    double pre = possible >= 20 ? 100.0 * attended / possible : 88.0 + 6.0 * dm_normal(r);
    pre = pre < 40 ? 40 + 10 * dm_unif(r) : pre > 100 ? 100 : pre;
    double post = pre + 1.5 + 4.0 * dm_normal(r);
    post = post < 0 ? 0 : post > 100 ? 100 : post;
    char text[32];
    if (possible >= 20 && pre == 100.0 * attended / possible) /* as the pupil's page shows it */
        or_fmt_pct(attended, possible, text);
    else
        snprintf(text, sizeof text, "%.1f", pre);
    or_code rc = emit(c, 3, c->e->start, "attendance_pct", text, "pre");
    if (rc || end == OR_DATE_NONE || end > as_of || end < c->e->start || !dm_chance(r, 0.9))
        return rc;
    snprintf(text, sizeof text, "%.1f", post);
    return emit(c, 4, end, "attendance_pct", text, "post");
}

or_code or_demo_outcomes(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, or_date as_of,
                         uint64_t seed, const or_demo_sink *sink, int *emitted, or_error *err)
{
    *emitted = 0;
    /* interventions if there are any, else PSPs */
    int nint = 0, npsp = 0;
    for (int i = 0; i < npupils; i++) {
        const or_pupil_facts *f = pupil(pupils_ctx, i);
        for (int k = 0; k < f->nevents; k++) {
            nint += target(&f->events[k], OR_EV_INTERVENTION);
            npsp += target(&f->events[k], OR_EV_PSP);
        }
    }
    if (!nint && !npsp)
        return OR_OK;
    or_event_kind kind = nint ? OR_EV_INTERVENTION : OR_EV_PSP;
    or_code rc = OR_OK;
    for (int i = 0; i < npupils && !rc; i++) {
        const or_pupil_facts *f = pupil(pupils_ctx, i);
        for (int k = 0; k < f->nevents && !rc; k++) {
            const or_fact_event *e = &f->events[k];
            if (!target(e, kind) || e->start > as_of)
                continue;
            dm_rng r;
            dm_rng_seed(&r, seed ^ 0x6f7574636f6d6573ULL ^ hash(f->upn) ^ (hash(e->event_id) * 31),
                        (uint64_t)e->urn);
            bool with_sdq = dm_chance(&r, 0.7), with_att = dm_chance(&r, 0.6);
            or_date end = end_of(f, e);
            emit_ctx c = {sink, f, e, emitted, err};
            if (with_sdq)
                rc = sdq(&c, &r, end, as_of);
            if (!rc && with_att)
                rc = attendance(&c, &r, end, as_of);
        }
    }
    return rc;
}
