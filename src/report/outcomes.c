/* outcomes.c - the outcomes report (outcomes_report.h): per intervention, the pupils who
 * received it, before-and-after change of every measure scale with its 95% confidence interval
 * (core/outcomes.c), and suspensions in the term before against the term after. One pass over
 * the pupils' facts; groups kept in a hash table by "intervention|measure|scale". */
#include <errno.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/excl.h"
#include "onroll/outcomes_report.h"
#include "onroll/sb.h"
#include "onroll/strmap.h"

/* One group's values, grown in the arena. */
typedef struct {
    const char *intervention, *measure, *scale, *label;
    double *pre, *post;
    int64_t *before, *after;
    size_t n, cap;
    int64_t pupils, ended;
    const char *last_upn, *last_ended; /* pupils counted once per intervention */
} group;

typedef struct {
    or_arena *arena;
    or_strmap map;
    group **all;
    size_t n, cap;
} groups;

static group *group_of(groups *g, const char *intervention, const char *measure, const char *scale,
                       const char *label)
{
    char key[256];
    snprintf(key, sizeof key, "%s|%s|%s", intervention, measure ? measure : "", scale ? scale : "");
    or_strmap_slot *slot = or_strmap_put(&g->map, key);
    if (slot->value)
        return slot->value;
    group *gr = or_arena_calloc(g->arena, 1, sizeof *gr);
    gr->intervention = intervention;
    gr->measure = measure;
    gr->scale = scale;
    gr->label = label;
    slot->value = gr;
    OR_ARENA_GROW(g->arena, g->all, g->n + 1, g->cap);
    g->all[g->n++] = gr;
    return gr;
}

static void add_pair(or_arena *a, group *gr, double x, double y, int64_t bx, int64_t by)
{
    if (gr->n == gr->cap) { /* four arrays of one length: OR_ARENA_GROW's steps, by hand */
        size_t cap = or_alloc_nr(gr->cap, gr->n + 1);
        gr->pre = or_arena_grow(a, gr->pre, gr->n, cap, sizeof *gr->pre);
        gr->post = or_arena_grow(a, gr->post, gr->n, cap, sizeof *gr->post);
        gr->before = or_arena_grow(a, gr->before, gr->n, cap, sizeof *gr->before);
        gr->after = or_arena_grow(a, gr->after, gr->n, cap, sizeof *gr->after);
        gr->cap = cap;
    }
    gr->pre[gr->n] = x;
    gr->post[gr->n] = y;
    gr->before[gr->n] = bx;
    gr->after[gr->n] = by;
    gr->n++;
}

/* Counted suspensions of the pupil (any school) starting within [from, to]. */
static int64_t suspensions_in(const or_pupil_facts *f, or_date from, or_date to, or_date as_of)
{
    int64_t n = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind == OR_EV_SUSPENSION && e->start >= from && e->start <= to &&
            or_excl_counts(f, e, as_of))
            n++;
    }
    return n;
}

/* The index of the term containing d, or of the last term that ended before it (-1 if none). */
static int term_at_or_before(const or_calendar *cal, or_date d)
{
    int t = -1;
    for (int i = 0; i < cal->nterms; i++)
        if (cal->term_start[i] <= d)
            t = i;
    return t;
}

/* The intervention's effective end: its own, or that of its latest revision by the date. */
static or_date end_of(const or_pupil_facts *f, const or_fact_event *e, or_date as_of)
{
    or_date end = e->end;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        if (r->kind == OR_EV_INTERVENTION && r->urn == e->urn && r->ref &&
            !strcmp(r->ref, e->event_id) && r->start <= as_of)
            end = r->end;
    }
    return end;
}

/* The pupil's first `pre` and last `post` measurement of measure id naming event e. */
static void pre_post(const or_pupil_facts *f, const or_fact_event *e, const char *id, or_date as_of,
                     const or_fact_event **pre, const or_fact_event **post)
{
    *pre = *post = NULL;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *x = &f->events[i];
        if (x->kind != OR_EV_MEASURE || x->urn != e->urn || !x->ref || !x->measure || !x->outcome ||
            strcmp(x->ref, e->event_id) || strcmp(x->measure, id) || x->start > as_of)
            continue;
        if (!strcmp(x->outcome, "pre") && !*pre)
            *pre = x;
        else if (!strcmp(x->outcome, "post"))
            *post = x;
    }
}

static void measures_of(groups *g, const or_pupil_facts *f, const or_fact_event *e, or_date as_of)
{
    /* each measure id once: the first measurement naming the event brings it */
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *x = &f->events[i];
        if (x->kind != OR_EV_MEASURE || x->urn != e->urn || !x->ref || !x->measure ||
            strcmp(x->ref, e->event_id) || x->start > as_of)
            continue;
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            const or_fact_event *y = &f->events[j];
            seen = y->kind == OR_EV_MEASURE && y->urn == e->urn && y->ref && y->measure &&
                   !strcmp(y->ref, e->event_id) && !strcmp(y->measure, x->measure) &&
                   y->start <= as_of;
        }
        const or_measure *m = or_measure_find(x->measure);
        const or_fact_event *pre, *post;
        pre_post(f, e, x->measure, as_of, &pre, &post);
        or_score a, b;
        or_error ignore = {0};
        if (seen || !m || !pre || !post || !pre->score || !post->score ||
            or_measure_parse(m, pre->score, &a, &ignore) ||
            or_measure_parse(m, post->score, &b, &ignore))
            continue; /* the importer checked them; a measure unknown here is skipped */
        int nscales = m->kind == OR_MEASURE_QUESTIONNAIRE ? m->nscales : 1;
        for (int k = 0; k < nscales; k++) {
            const char *sid = m->kind == OR_MEASURE_QUESTIONNAIRE ? m->scales[k].id : NULL;
            double va, vb;
            if (!or_score_get(&a, sid, &va) || !or_score_get(&b, sid, &vb))
                continue;
            char label[160];
            snprintf(label, sizeof label, "%s%s%s", m->label, sid ? ": " : "",
                     sid ? m->scales[k].label : "");
            group *gr = group_of(g, e->intervention, m->id, sid, NULL);
            if (!gr->label)
                gr->label = or_arena_strdup(g->arena, label);
            add_pair(g->arena, gr, va, vb, 0, 0);
        }
    }
}

static int by_key(const void *x, const void *y)
{
    const group *a = *(group *const *)x, *b = *(group *const *)y;
    int c = strcmp(a->intervention, b->intervention);
    if (c)
        return c;
    if (!a->measure || !b->measure)
        return !a->measure ? (b->measure ? -1 : 0) : 1;
    c = strcmp(a->measure, b->measure);
    if (c)
        return c;
    return 0; /* scales keep the measure's own order: the sort below is stable */
}

or_code or_outcomes_build(const or_model *m, or_date as_of, const char *only, or_arena *arena,
                          or_outcome_rows *out, or_error *err)
{
    groups g = {.arena = arena};
    or_strmap_init(&g.map, arena);
    for (int p = 0; p < or_model_npupils(m); p++) {
        const or_pupil_facts *f = or_model_pupil(m, p);
        for (int i = 0; i < f->nevents; i++) {
            const or_fact_event *e = &f->events[i];
            if (e->kind != OR_EV_INTERVENTION || e->ref || !e->intervention || e->start > as_of ||
                (only && strcmp(only, e->intervention)))
                continue;
            group *sum = group_of(&g, e->intervention, NULL, NULL, "");
            if (!sum->last_upn || strcmp(sum->last_upn, f->upn)) {
                sum->pupils++;
                sum->last_upn = f->upn;
            }
            or_date end = end_of(f, e, as_of);
            const or_school_info *sc = f->school ? f->school(f->school_ctx, e->urn) : NULL;
            const or_calendar *cal = sc ? sc->cal : NULL;
            if (end != OR_DATE_NONE && end <= as_of) {
                if (!sum->last_ended || strcmp(sum->last_ended, f->upn)) {
                    sum->ended++;
                    sum->last_ended = f->upn;
                }
                int t0 = cal ? term_at_or_before(cal, e->start) : -1;
                int t1 = cal ? term_at_or_before(cal, end) : -1;
                /* the term before the one it started in; the term after the one it ended in */
                if (cal && t0 >= 1 && cal->term_start[t0] <= e->start && t1 >= 0 &&
                    t1 + 1 < cal->nterms && cal->term_end[t1 + 1] <= as_of) {
                    int before_t = t0 - 1;
                    int64_t bx = suspensions_in(f, cal->term_start[before_t],
                                                cal->term_end[before_t], as_of);
                    int64_t by =
                        suspensions_in(f, cal->term_start[t1 + 1], cal->term_end[t1 + 1], as_of);
                    add_pair(arena, sum, 0, 0, bx, by);
                }
            }
            measures_of(&g, f, e, as_of);
        }
    }
    /* order: by intervention, its summary first, then measures in name order */
    if (g.n > 1) {
        /* insertion sort keeps the scales of a measure in the measure's own order */
        for (size_t i = 1; i < g.n; i++) {
            group *x = g.all[i];
            size_t j = i;
            while (j > 0 && by_key(&g.all[j - 1], &x) > 0) {
                g.all[j] = g.all[j - 1];
                j--;
            }
            g.all[j] = x;
        }
    }
    out->arena = arena;
    out->n = 0;
    out->rows = or_arena_calloc(arena, g.n ? g.n : 1, sizeof *out->rows);
    or_code rc = OR_OK;
    for (size_t i = 0; i < g.n && rc == OR_OK; i++) {
        group *gr = g.all[i];
        or_outcome_row *r = &out->rows[out->n++];
        r->intervention = gr->intervention;
        r->measure = gr->measure;
        r->scale = gr->scale;
        r->label = gr->label ? gr->label : "";
        if (!gr->measure) {
            r->pupils = gr->pupils;
            r->ended = gr->ended;
            rc = or_suspensions_before_after(gr->before, gr->after, gr->n, &r->susp, err);
        } else {
            const or_measure *ms = or_measure_find(gr->measure);
            r->pupils = (int64_t)gr->n;
            rc = or_paired_change_stats(gr->pre, gr->post, gr->n, or_measure_better(ms, gr->scale),
                                        &r->change, err);
        }
    }
    or_strmap_free(&g.map);
    return rc;
}

/* A count, or c when suppressed. */
static void cell_int(or_csv *w, int64_t v, bool hide)
{
    if (hide)
        or_csv_text(w, "c");
    else
        or_csv_int(w, (long long)v);
}

static void cell_num(or_csv *w, double v, bool have, bool hide)
{
    if (hide) {
        or_csv_text(w, "c");
    } else if (!have) {
        or_csv_text(w, NULL);
    } else {
        char buf[64];
        snprintf(buf, sizeof buf, "%.2f", v);
        or_csv_number(w, buf);
    }
}

or_code or_outcomes_write_csv(FILE *out, const or_outcome_rows *r, int threshold, or_error *err)
{
    static const char *const head[] = {"intervention", "measure",     "scale",     "label",
                                       "pupils",       "ended",       "mean_pre",  "mean_post",
                                       "mean_change",  "ci_low",      "ci_high",   "change",
                                       "susp_pupils",  "susp_before", "susp_after"};
    or_csv w;
    or_csv_to_file(&w, out);
    or_csv_texts(&w, head, (int)(sizeof head / sizeof head[0]));
    or_csv_end_row(&w);
    for (int i = 0; i < r->n; i++) {
        const or_outcome_row *x = &r->rows[i];
        bool hide = x->pupils > 0 && x->pupils <= threshold;
        or_csv_text(&w, x->intervention);
        or_csv_text(&w, x->measure);
        or_csv_text(&w, x->scale);
        or_csv_text(&w, x->label);
        cell_int(&w, x->pupils, hide);
        if (!x->measure) {
            bool sh = x->susp.pupils > 0 && x->susp.pupils <= threshold;
            cell_int(&w, x->ended, hide);
            for (int k = 0; k < 6; k++) /* mean_pre .. change */
                or_csv_text(&w, NULL);
            cell_int(&w, x->susp.pupils, sh);
            cell_int(&w, x->susp.before, sh);
            cell_int(&w, x->susp.after, sh);
        } else {
            const or_paired_change *c = &x->change;
            or_csv_text(&w, NULL); /* ended */
            cell_num(&w, c->mean_pre, c->n > 0, hide);
            cell_num(&w, c->mean_post, c->n > 0, hide);
            cell_num(&w, c->mean_change, c->n > 0, hide);
            cell_num(&w, c->ci_lo, c->has_ci, hide);
            cell_num(&w, c->ci_hi, c->has_ci, hide);
            or_csv_text(&w, hide ? "c" : or_change_name(c->change));
            for (int k = 0; k < 3; k++) /* susp_pupils .. susp_after */
                or_csv_text(&w, NULL);
        }
        or_csv_end_row(&w);
    }
    return or_csv_close(&w, "the outcomes report", err);
}
