/* survey_results.c - a survey's results for publication (include/onroll/survey_results.h): the
 * answers of a wave laid out as a grid (respondent x item), then per item its distribution or
 * mean, per domain the mean domain score, and the change from an earlier wave over the
 * respondents in both (paired by pseudonym), with survey_stats.c doing the statistics and the
 * suppression. Pure: no I/O; memory from the caller's arena. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"
#include "onroll/survey_results.h"

/* One answer in the grid: its level (scale; -1 none), its number (a score or a count). */
typedef struct {
    int level;
    double value;
    bool has;    /* answered */
    bool valued; /* value is a number (a scored level, or a count) */
} cell;

typedef struct {
    int64_t *ids;      /* respondents of the wave, ascending */
    const char **keys; /* their pseudonyms */
    int n;
    cell *grid; /* n x nitems */
} wave_grid;

typedef struct {
    const or_survey_def *d;
    int nitems;
    const or_survey_item **items;
    int *domain_of;
    const or_survey_scale **scale_of;
    bool *scored; /* a scale item whose every level has a score, or a count item */
} layout;

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static int find_id(const int64_t *ids, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (ids[mid] == id)
            return mid;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static int item_index(const layout *L, const char *key)
{
    for (int i = 0; i < L->nitems; i++)
        if (!strcmp(L->items[i]->key, key))
            return i;
    return -1;
}

static int level_index(const or_survey_scale *s, const char *value)
{
    for (int l = 0; s && l < s->nlevels; l++)
        if (!strcmp(s->levels[l].label, value))
            return l;
    return -1;
}

static const char *pseudonym_of(const or_survey_respondent *r, int n, int64_t id)
{
    for (int i = 0; i < n; i++) /* small; ordered by id, but any order will do */
        if (r[i].id == id)
            return r[i].pseudonym;
    return NULL;
}

static or_code build_grid(const layout *L, const or_survey_answer *ans, int na,
                          const or_survey_respondent *resp, int nresp, int64_t wave, or_arena *a,
                          wave_grid *g, or_error *err)
{
    memset(g, 0, sizeof *g);
    if (wave <= 0)
        return OR_OK;
    int k = 0;
    for (int i = 0; i < na; i++)
        k += ans[i].wave_id == wave;
    g->ids = or_arena_alloc(a, sizeof *g->ids * (size_t)(k + 1));
    if (!g->ids)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    for (int i = 0; i < na; i++)
        if (ans[i].wave_id == wave)
            g->ids[g->n++] = ans[i].respondent_id;
    if (g->n > 1)
        qsort(g->ids, (size_t)g->n, sizeof *g->ids, cmp_i64);
    int u = 0;
    for (int i = 0; i < g->n; i++)
        if (u == 0 || g->ids[u - 1] != g->ids[i])
            g->ids[u++] = g->ids[i];
    g->n = u;
    g->keys = or_arena_calloc(a, (size_t)g->n + 1, sizeof *g->keys);
    g->grid = or_arena_calloc(a, (size_t)g->n * (size_t)L->nitems + 1, sizeof *g->grid);
    if (!g->keys || !g->grid)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    for (int r = 0; r < g->n; r++) {
        g->keys[r] = pseudonym_of(resp, nresp, g->ids[r]);
        if (!g->keys[r])
            return or_fail(err, OR_EUSAGE,
                           "survey results: an answer's respondent %" PRId64 " is not the survey's",
                           g->ids[r]);
        for (int i = 0; i < L->nitems; i++)
            g->grid[(size_t)r * (size_t)L->nitems + (size_t)i].level = -1;
    }
    for (int i = 0; i < na; i++) {
        if (ans[i].wave_id != wave || !ans[i].value || !*ans[i].value)
            continue;
        int it = item_index(L, ans[i].item);
        if (it < 0 || !or_survey_answer_valid(L->d, L->items[it], ans[i].value))
            continue;
        int r = find_id(g->ids, g->n, ans[i].respondent_id);
        cell *c = &g->grid[(size_t)r * (size_t)L->nitems + (size_t)it];
        c->has = true;
        if (L->items[it]->type == OR_SQ_SCALE) {
            c->level = level_index(L->scale_of[it], ans[i].value);
            if (c->level < 0) {
                c->has = false;
                continue;
            }
            if (L->scored[it]) {
                c->value = L->scale_of[it]->levels[c->level].score;
                c->valued = true;
            }
        } else if (L->items[it]->type == OR_SQ_COUNT) {
            c->value = strtod(ans[i].value, NULL);
            c->valued = true;
        }
    }
    return OR_OK;
}

static const cell *at(const layout *L, const wave_grid *g, int r, int i)
{
    return &g->grid[(size_t)r * (size_t)L->nitems + (size_t)i];
}

/* Respondent r's domain score in wave g (has false when none). */
static void domain_score(const layout *L, const wave_grid *g, int r, int dom, double *v, bool *has,
                         double *scores, bool *answered)
{
    size_t k = 0;
    for (int i = 0; i < L->nitems; i++) {
        if (L->domain_of[i] != dom || L->items[i]->type != OR_SQ_SCALE || !L->scored[i])
            continue;
        const cell *c = at(L, g, r, i);
        scores[k] = c->value;
        answered[k] = c->has && c->valued;
        k++;
    }
    or_survey_domain_score(scores, answered, k, L->d->scoring == OR_SCORE_SUM, v, has);
}

/* The change between two waves of a value: item i (dom < 0) or domain dom. */
static or_code change_of(const layout *L, const wave_grid *ga, const wave_grid *gb, int i, int dom,
                         int threshold, or_arena *a, or_survey_change *out, or_error *err)
{
    size_t cap = (size_t)(ga->n > gb->n ? ga->n : gb->n) + 1;
    or_survey_keyed *ka = or_arena_calloc(a, (size_t)ga->n + 1, sizeof *ka),
                    *kb = or_arena_calloc(a, (size_t)gb->n + 1, sizeof *kb);
    double *before = or_arena_calloc(a, cap, sizeof *before),
           *after = or_arena_calloc(a, cap, sizeof *after);
    double *scores = or_arena_calloc(a, (size_t)L->nitems + 1, sizeof *scores);
    bool *answered = or_arena_calloc(a, (size_t)L->nitems + 1, sizeof *answered);
    if (!ka || !kb || !before || !after || !scores || !answered)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    size_t na = 0, nb = 0;
    for (int w = 0; w < 2; w++) {
        const wave_grid *g = w ? gb : ga;
        or_survey_keyed *k = w ? kb : ka;
        size_t *n = w ? &nb : &na;
        for (int r = 0; r < g->n; r++) {
            double v = 0;
            bool has = false;
            if (dom >= 0) {
                domain_score(L, g, r, dom, &v, &has, scores, answered);
            } else {
                const cell *c = at(L, g, r, i);
                has = c->has && c->valued;
                v = c->value;
            }
            if (has)
                k[(*n)++] = (or_survey_keyed){g->keys[r], v};
        }
    }
    size_t np = 0;
    or_code rc = or_survey_pair(ka, na, kb, nb, before, after, &np, err);
    if (rc == OR_OK)
        rc = or_survey_change_of(before, after, np, OR_BETTER_UNKNOWN, threshold, out, err);
    return rc;
}

/* Item i's figures in wave g: its distribution (a scale), the mean of its numbers (a count),
 * how many answered it. */
static or_code item_wave(const layout *L, const wave_grid *g, int i, int threshold, int *levels,
                         double *vals, or_survey_dist *dist, or_survey_mean *number,
                         int64_t *answered, or_error *err)
{
    size_t nv = 0;
    int64_t k = 0;
    for (int r = 0; r < g->n; r++) {
        const cell *c = at(L, g, r, i);
        levels[r] = c->has ? c->level : -1;
        k += c->has;
        if (c->has && c->valued)
            vals[nv++] = c->value;
    }
    if (answered)
        *answered = k;
    const or_survey_item *it = L->items[i];
    const or_survey_scale *sc = L->scale_of[i];
    if (it->type == OR_SQ_SCALE && sc && sc->nlevels > 0) {
        int s[OR_SURVEY_LEVELS_MAX];
        if (sc->nlevels > OR_SURVEY_LEVELS_MAX)
            return or_fail(err, OR_EUSAGE, "survey results: item %s has %d levels", it->key,
                           sc->nlevels);
        for (int l = 0; l < sc->nlevels; l++)
            s[l] = sc->levels[l].score;
        return or_survey_dist_of(levels, (size_t)g->n, sc->nlevels, L->scored[i] ? s : NULL,
                                 threshold, dist, err);
    }
    if (it->type == OR_SQ_COUNT)
        return or_survey_mean_of(vals, nv, threshold, number, err);
    return OR_OK;
}

/* Whether an item's mean in the wave (or the earlier one) is shown. */
static bool item_mean_shown(const or_survey_item_result *ir, bool earlier)
{
    if (ir->item->type == OR_SQ_COUNT)
        return earlier ? ir->earlier_number.shown : ir->number.shown;
    return earlier ? ir->earlier_dist.mean_shown : ir->dist.mean_shown;
}

static uint8_t small(int64_t n, int threshold)
{
    return n >= 1 && n <= threshold ? OR_SUP_PRIMARY : OR_SUP_NONE;
}

or_code or_survey_results_of(const or_survey_def *d, const or_survey_answer *answers, int nanswers,
                             const or_survey_respondent *respondents, int nrespondents,
                             int64_t wave_id, int64_t earlier_id, int threshold, or_arena *a,
                             or_survey_results *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (threshold < 0)
        return or_fail(err, OR_EUSAGE, "survey results: threshold %d", threshold);
    layout L = {d, or_survey_items(d), NULL, NULL, NULL, NULL};
    size_t ni = (size_t)L.nitems + 1;
    L.items = or_arena_calloc(a, ni, sizeof *L.items);
    L.domain_of = or_arena_calloc(a, ni, sizeof *L.domain_of);
    L.scale_of = or_arena_calloc(a, ni, sizeof *L.scale_of);
    L.scored = or_arena_calloc(a, ni, sizeof *L.scored);
    out->items = or_arena_calloc(a, ni, sizeof *out->items);
    out->domains = or_arena_calloc(a, (size_t)d->ndomains + 1, sizeof *out->domains);
    if (!L.items || !L.domain_of || !L.scale_of || !L.scored || !out->items || !out->domains)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    int k = 0;
    for (int dm = 0; dm < d->ndomains; dm++)
        for (int j = 0; j < d->domains[dm].nitems && k < L.nitems; j++, k++) {
            const or_survey_item *it = &d->domains[dm].items[j];
            L.items[k] = it;
            L.domain_of[k] = dm;
            if (it->type == OR_SQ_SCALE) {
                L.scale_of[k] = or_survey_scale_find(d, it->scale);
                bool all = L.scale_of[k] && L.scale_of[k]->nlevels > 0;
                for (int l = 0; all && l < L.scale_of[k]->nlevels; l++)
                    all = L.scale_of[k]->levels[l].scored;
                L.scored[k] = all;
            } else {
                L.scored[k] = it->type == OR_SQ_COUNT;
            }
        }
    wave_grid gb, ga;
    or_code rc;
    if ((rc = build_grid(&L, answers, nanswers, respondents, nrespondents, wave_id, a, &gb, err)) ||
        (rc =
             build_grid(&L, answers, nanswers, respondents, nrespondents, earlier_id, a, &ga, err)))
        return rc;
    out->responded = gb.n;
    out->responded_flag = small(gb.n, threshold);
    out->earlier = ga.n;
    for (int r = 0; earlier_id > 0 && r < gb.n; r++) /* one respondent row per pseudonym */
        out->both += find_id(ga.ids, ga.n, gb.ids[r]) >= 0;

    int nmax = (gb.n > ga.n ? gb.n : ga.n) + 1;
    int *levels = or_arena_calloc(a, (size_t)nmax, sizeof *levels);
    double *vals = or_arena_calloc(a, (size_t)nmax, sizeof *vals);
    if (!levels || !vals)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    out->nitems = L.nitems;
    for (int i = 0; i < L.nitems; i++) {
        or_survey_item_result *ir = &out->items[i];
        ir->item = L.items[i];
        ir->domain = L.domain_of[i];
        ir->scale = L.scale_of[i];
        if ((rc = item_wave(&L, &gb, i, threshold, levels, vals, &ir->dist, &ir->number,
                            &ir->answered, err)) ||
            (rc = item_wave(&L, &ga, i, threshold, levels, vals, &ir->earlier_dist,
                            &ir->earlier_number, NULL, err)))
            return rc;
        ir->answered_flag = small(ir->answered, threshold);
        if (earlier_id > 0 && L.scored[i]) {
            ir->has_change = true;
            if ((rc = change_of(&L, &ga, &gb, i, -1, threshold, a, &ir->change, err)))
                return rc;
            ir->change.shown &= item_mean_shown(ir, false) && item_mean_shown(ir, true);
        }
    }

    out->ndomains = d->ndomains;
    bool scoring = d->scoring == OR_SCORE_MEAN || d->scoring == OR_SCORE_SUM;
    double *scores = or_arena_calloc(a, ni, sizeof *scores);
    bool *answered = or_arena_calloc(a, ni, sizeof *answered);
    if (!scores || !answered)
        return or_fail(err, OR_ENOMEM, "survey results: out of memory");
    for (int dm = 0; dm < d->ndomains; dm++) {
        or_survey_domain_result *dr = &out->domains[dm];
        dr->domain = &d->domains[dm];
        bool any = false, later_ok = true, earlier_ok = true;
        for (int i = 0; i < L.nitems; i++)
            if (L.domain_of[i] == dm && L.items[i]->type == OR_SQ_SCALE && L.scored[i]) {
                any = true;
                later_ok &= item_mean_shown(&out->items[i], false);
                earlier_ok &= item_mean_shown(&out->items[i], true);
            }
        dr->scored = scoring && any;
        if (!dr->scored)
            continue;
        for (int w = 0; w < 2; w++) {
            const wave_grid *g = w ? &ga : &gb;
            size_t nv = 0;
            for (int r = 0; r < g->n; r++) {
                double v;
                bool has;
                domain_score(&L, g, r, dm, &v, &has, scores, answered);
                if (has)
                    vals[nv++] = v;
            }
            or_survey_mean *m = w ? &dr->earlier_score : &dr->score;
            if ((rc = or_survey_mean_of(vals, nv, threshold, m, err)))
                return rc;
            m->shown &= w ? earlier_ok : later_ok;
        }
        if (earlier_id > 0) {
            dr->has_change = true;
            if ((rc = change_of(&L, &ga, &gb, -1, dm, threshold, a, &dr->change, err)))
                return rc;
            dr->change.shown &= dr->score.shown && dr->earlier_score.shown;
        }
    }
    return OR_OK;
}

const char *or_survey_change_words(const or_survey_change *c, or_arena *a)
{
    if (!c->shown)
        return "c";
    char m[OR_SURVEY_NUM_LEN], lo[OR_SURVEY_NUM_LEN], hi[OR_SURVEY_NUM_LEN];
    double v = c->pc.mean_change;
    or_survey_fmt2(v < 0 ? -v : v, m);
    bool zero = !strcmp(m, "0.00");
    const char *head = zero ? "did not change" : v > 0 ? "rose by " : "fell by ";
    if (!c->pc.has_ci)
        return or_arena_printf(a, "%s%s", head, zero ? "" : m);
    return or_arena_printf(a, "%s%s (95%% confidence interval %s to %s)", head, zero ? "" : m,
                           or_survey_fmt2(c->pc.ci_lo, lo), or_survey_fmt2(c->pc.ci_hi, hi));
}

const char *or_survey_change_reading(const or_survey_change *c)
{
    if (!c->shown || !c->pc.has_ci)
        return "";
    return c->pc.ci_excludes_zero ? "More than chance would explain."
                                  : "This could be chance: the interval includes no change.";
}
