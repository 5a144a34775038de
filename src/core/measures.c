/* measures.c - the outcome measures of issue 8 as data, and their scoring (measures.h): the SDQ
 * in its parent, teacher and self-report versions, and three numeric measures; scoring from item
 * responses or from scale scores, the stored text form, and a summary.
 *
 * Source for the SDQ: "Scoring the Strengths & Difficulties Questionnaire for age 4-17"
 * (youthinmind, sdqinfo.org), and its published SPSS syntax:
 *   - 25 items; Not True / Somewhat True / Certainly True score 0 / 1 / 2, except items 7, 11,
 *     14, 21 and 25, which score 2 / 1 / 0;
 *   - emotional symptoms items 3 8 13 16 24; conduct problems 5 7 12 18 22; hyperactivity/
 *     inattention 2 10 15 21 25; peer relationship problems 6 11 14 19 23; prosocial 1 4 9 17
 *     20; each scale 0-10;
 *   - a scale is prorated when at least 3 of its 5 items are answered: RND(MEAN(items) * 5),
 *     halves rounded up ("a score of 4 based on 3 completed items can be scaled up to a score
 *     of 7 (6.67 rounded up)");
 *   - total difficulties = emotional + conduct + hyperactivity + peer (0-40), missing unless all
 *     four are scored; externalising = conduct + hyperactivity, internalising = emotional + peer
 *     (0-20 each);
 *   - bands: the original three-band categorisation (normal / borderline / abnormal), which
 *     differs between the parent, teacher and self-report versions (the table below). The later
 *     four-band categorisation is not used. Externalising and internalising have no bands.
 * No item wording is kept here (it is copyright): items are numbers.
 *
 * Integer arithmetic throughout: a prorated score round(sum x 5 / answered) is computed as
 * floor((2 x 5 x sum + answered) / (2 x answered)), exact, with halves going up (all the values
 * are non-negative, so up is away from zero). Pure: no I/O, no allocation. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "onroll/measures.h"
#include "onroll/stats.h"

/* ---- the table ---- */

enum { EMO, CON, HYP, PEER, PRO, TOT, EXT, INT };

/* A band tuple (a, b, c, d, e, f) travels through SDQ() in parentheses, so its commas do not split
 * macro arguments, and is opened where it lands as `BANDS3 tuple`. */

#define BANDS3(nlo, nhi, blo, bhi, alo, ahi)                                                       \
    .nbands = 3, .bands = {{"normal", nlo, nhi}, {"borderline", blo, bhi}, {"abnormal", alo, ahi}}

#define ITEM_SCALE(id_, label_, i1, i2, i3, i4, i5, in_total_, better_, bands_)                    \
    {                                                                                              \
        .id = id_, .label = label_, .nitems = 5, .items = {i1, i2, i3, i4, i5}, .min_answered = 3, \
        .in_total = in_total_, .max = 10, .better = better_, bands_                                \
    }

/* One SDQ version: the same items and scales, its own bands. */
#define SDQ(id_, label_, age_min_, emo, con, hyp, peer, pro, tot)                                  \
    {                                                                                              \
        .id = id_, .label = label_, .kind = OR_MEASURE_QUESTIONNAIRE, .age_min = age_min_,         \
        .age_max = 17, .nitems = 25, .nresponses = 3,                                              \
        .responses = {"not true", "somewhat true", "certainly true"}, .nreverse = 5,               \
        .reverse = {7, 11, 14, 21, 25}, .nscales = 8,                                              \
        .scales = {                                                                                \
            [EMO] = ITEM_SCALE("emotional", "Emotional symptoms", 3, 8, 13, 16, 24, true,          \
                               OR_BETTER_LOWER, BANDS3 emo),                                       \
            [CON] = ITEM_SCALE("conduct", "Conduct problems", 5, 7, 12, 18, 22, true,              \
                               OR_BETTER_LOWER, BANDS3 con),                                       \
            [HYP] = ITEM_SCALE("hyperactivity", "Hyperactivity/inattention", 2, 10, 15, 21, 25,    \
                               true, OR_BETTER_LOWER, BANDS3 hyp),                                 \
            [PEER] = ITEM_SCALE("peer", "Peer relationship problems", 6, 11, 14, 19, 23, true,     \
                                OR_BETTER_LOWER, BANDS3 peer),                                     \
            [PRO] = ITEM_SCALE("prosocial", "Prosocial behaviour", 1, 4, 9, 17, 20, false,         \
                               OR_BETTER_HIGHER, BANDS3 pro),                                      \
            [TOT] = {.id = "total",                                                                \
                     .label = "Total difficulties",                                                \
                     .nparts = 4,                                                                  \
                     .parts = {EMO, CON, HYP, PEER},                                               \
                     .max = 40,                                                                    \
                     .better = OR_BETTER_LOWER,                                                    \
                     BANDS3 tot},                                                                  \
            [EXT] = {.id = "externalising",                                                        \
                     .label = "Externalising",                                                     \
                     .nparts = 2,                                                                  \
                     .parts = {CON, HYP},                                                          \
                     .max = 20,                                                                    \
                     .better = OR_BETTER_LOWER},                                                   \
            [INT] = {.id = "internalising",                                                        \
                     .label = "Internalising",                                                     \
                     .nparts = 2,                                                                  \
                     .parts = {EMO, PEER},                                                         \
                     .max = 20,                                                                    \
                     .better = OR_BETTER_LOWER},                                                   \
        },                                                                                         \
    }

static const or_measure measures[] = {
    /* Bands: "Scoring the SDQ", original three-band categorisation. Each (a, b, c, d, e, f) is
     * normal a-b, borderline c-d, abnormal e-f; in the order emotional, conduct, hyperactivity,
     * peer, prosocial, total difficulties. */
    SDQ("sdq_parent", "SDQ (parent report)", 4, /* parent completed */
        (0, 3, 4, 4, 5, 10), (0, 2, 3, 3, 4, 10), (0, 5, 6, 6, 7, 10), (0, 2, 3, 3, 4, 10),
        (6, 10, 5, 5, 0, 4), (0, 13, 14, 16, 17, 40)),
    SDQ("sdq_teacher", "SDQ (teacher report)", 4, /* teacher completed */
        (0, 4, 5, 5, 6, 10), (0, 2, 3, 3, 4, 10), (0, 5, 6, 6, 7, 10), (0, 3, 4, 4, 5, 10),
        (6, 10, 5, 5, 0, 4), (0, 11, 12, 15, 16, 40)),
    SDQ("sdq_self", "SDQ (self-report)", 11, /* self completed, 11-17 */
        (0, 5, 6, 6, 7, 10), (0, 3, 4, 4, 5, 10), (0, 5, 6, 6, 7, 10), (0, 3, 4, 5, 6, 10),
        (6, 10, 5, 5, 0, 4), (0, 15, 16, 19, 20, 40)),
    {
        .id = "attendance_pct",
        .label = "Attendance",
        .kind = OR_MEASURE_NUMERIC,
        .decimals = 1,
        .min = 0,
        .has_max = true,
        .max = 1000, /* 100.0 */
        .unit = "%",
        .better = OR_BETTER_HIGHER,
    },
    {
        .id = "suspensions_per_term",
        .label = "Suspensions in the term",
        .kind = OR_MEASURE_NUMERIC,
        .decimals = 0,
        .min = 0,
        .unit = "",
        .better = OR_BETTER_LOWER,
    },
    {
        .id = "suspension_days_per_term",
        .label = "Time suspended in the term",
        .kind = OR_MEASURE_NUMERIC,
        .decimals = 1, /* a suspension can be for part of a day (a lunchtime is half a day) */
        .min = 0,
        .unit = " days",
        .better = OR_BETTER_LOWER,
    },
};

#define NMEASURES ((int)(sizeof measures / sizeof measures[0]))

int or_measure_count(void)
{
    return NMEASURES;
}

const or_measure *or_measure_at(int i)
{
    return i >= 0 && i < NMEASURES ? &measures[i] : NULL;
}

const or_measure *or_measure_find(const char *id)
{
    if (!id)
        return NULL;
    for (int i = 0; i < NMEASURES; i++)
        if (strcmp(measures[i].id, id) == 0)
            return &measures[i];
    return NULL;
}

int or_measure_scale_find(const or_measure *m, const char *scale_id)
{
    if (!m || !scale_id || m->kind != OR_MEASURE_QUESTIONNAIRE)
        return -1;
    for (int k = 0; k < m->nscales; k++)
        if (strcmp(m->scales[k].id, scale_id) == 0)
            return k;
    return -1;
}

or_better or_measure_better(const or_measure *m, const char *scale_id)
{
    if (!m)
        return OR_BETTER_UNKNOWN;
    if (m->kind == OR_MEASURE_NUMERIC)
        return scale_id ? OR_BETTER_UNKNOWN : m->better;
    int k = or_measure_scale_find(m, scale_id);
    return k < 0 ? OR_BETTER_UNKNOWN : m->scales[k].better;
}

/* ---- checking a definition ---- */

static or_code check_bands(const or_measure *m, const or_scale_def *s, or_error *err)
{
    if (s->nbands < 0 || s->nbands > OR_SCALE_MAX_BANDS)
        return or_fail(err, OR_EUSAGE, "%s %s: %d bands", m->id, s->id, s->nbands);
    if (s->nbands == 0)
        return OR_OK;
    /* every score 0..max in exactly one band */
    for (int v = 0; v <= s->max; v++) {
        int hits = 0;
        for (int b = 0; b < s->nbands; b++)
            if (s->bands[b].lo <= v && v <= s->bands[b].hi)
                hits++;
        if (hits != 1)
            return or_fail(err, OR_EUSAGE, "%s %s: score %d is in %d bands", m->id, s->id, v, hits);
    }
    for (int b = 0; b < s->nbands; b++)
        if (!s->bands[b].label || s->bands[b].lo > s->bands[b].hi || s->bands[b].lo < 0 ||
            s->bands[b].hi > s->max)
            return or_fail(err, OR_EUSAGE, "%s %s: band %d is %d to %d (scores 0 to %d)", m->id,
                           s->id, b, s->bands[b].lo, s->bands[b].hi, s->max);
    return OR_OK;
}

or_code or_measure_validate(const or_measure *m, or_error *err)
{
    if (!m || !m->id || !m->label)
        return or_fail(err, OR_EUSAGE, "measure without an id or label");
    if (m->kind == OR_MEASURE_NUMERIC) {
        if (m->decimals < 0 || m->decimals > 6 || !m->unit || m->min < 0 ||
            (m->has_max && m->max < m->min) ||
            (m->better != OR_BETTER_LOWER && m->better != OR_BETTER_HIGHER))
            return or_fail(err, OR_EUSAGE, "%s: inconsistent numeric definition", m->id);
        return OR_OK;
    }
    if (m->kind != OR_MEASURE_QUESTIONNAIRE)
        return or_fail(err, OR_EUSAGE, "%s: kind %d", m->id, (int)m->kind);
    if (m->nitems < 1 || m->nitems > OR_MEASURE_MAX_ITEMS)
        return or_fail(err, OR_EUSAGE, "%s: %d items", m->id, m->nitems);
    if (m->nresponses < 2 || m->nresponses > OR_MEASURE_MAX_RESP)
        return or_fail(err, OR_EUSAGE, "%s: %d responses", m->id, m->nresponses);
    for (int r = 0; r < m->nresponses; r++)
        if (!m->responses[r])
            return or_fail(err, OR_EUSAGE, "%s: response %d has no name", m->id, r);
    if (m->nreverse < 0 || m->nreverse > m->nitems)
        return or_fail(err, OR_EUSAGE, "%s: %d reversed items", m->id, m->nreverse);
    for (int r = 0; r < m->nreverse; r++)
        if (m->reverse[r] < 1 || m->reverse[r] > m->nitems)
            return or_fail(err, OR_EUSAGE, "%s: reversed item %d is not an item", m->id,
                           m->reverse[r]);
    if (m->nscales < 1 || m->nscales > OR_MEASURE_MAX_SCALES)
        return or_fail(err, OR_EUSAGE, "%s: %d scales", m->id, m->nscales);
    int owner[OR_MEASURE_MAX_ITEMS + 1];
    for (int i = 0; i <= OR_MEASURE_MAX_ITEMS; i++)
        owner[i] = -1;
    bool derived_seen = false;
    for (int k = 0; k < m->nscales; k++) {
        const or_scale_def *s = &m->scales[k];
        if (!s->id || !s->label)
            return or_fail(err, OR_EUSAGE, "%s: scale %d has no id or label", m->id, k);
        for (int j = 0; j < k; j++)
            if (strcmp(m->scales[j].id, s->id) == 0)
                return or_fail(err, OR_EUSAGE, "%s: scale id %s twice", m->id, s->id);
        if (s->better != OR_BETTER_LOWER && s->better != OR_BETTER_HIGHER)
            return or_fail(err, OR_EUSAGE, "%s %s: no direction", m->id, s->id);
        if ((s->nitems > 0) == (s->nparts > 0))
            return or_fail(err, OR_EUSAGE, "%s %s: must have items or parts, not both", m->id,
                           s->id);
        if (s->nitems > 0) {
            if (derived_seen)
                return or_fail(err, OR_EUSAGE, "%s %s: item scale after a derived one", m->id,
                               s->id);
            if (s->nitems > OR_SCALE_MAX_ITEMS || s->min_answered < 1 ||
                s->min_answered > s->nitems)
                return or_fail(err, OR_EUSAGE, "%s %s: %d items, %d needed", m->id, s->id,
                               s->nitems, s->min_answered);
            if (s->max != s->nitems * (m->nresponses - 1))
                return or_fail(err, OR_EUSAGE, "%s %s: max %d", m->id, s->id, s->max);
            for (int i = 0; i < s->nitems; i++) {
                int item = s->items[i];
                if (item < 1 || item > m->nitems)
                    return or_fail(err, OR_EUSAGE, "%s %s: item %d is not an item", m->id, s->id,
                                   item);
                if (owner[item] >= 0)
                    return or_fail(err, OR_EUSAGE, "%s: item %d in %s and %s", m->id, item,
                                   m->scales[owner[item]].id, s->id);
                owner[item] = k;
            }
        } else {
            derived_seen = true;
            if (s->nparts > OR_SCALE_MAX_PARTS)
                return or_fail(err, OR_EUSAGE, "%s %s: %d parts", m->id, s->id, s->nparts);
            if (s->in_total)
                return or_fail(err, OR_EUSAGE, "%s %s: a derived score marked in_total", m->id,
                               s->id);
            int max = 0;
            for (int p = 0; p < s->nparts; p++) {
                int part = s->parts[p];
                if (part < 0 || part >= k || m->scales[part].nitems == 0)
                    return or_fail(err, OR_EUSAGE, "%s %s: part %d is not an item scale", m->id,
                                   s->id, part);
                max += m->scales[part].max;
            }
            if (s->max != max)
                return or_fail(err, OR_EUSAGE, "%s %s: max %d, parts add up to %d", m->id, s->id,
                               s->max, max);
        }
        or_code rc = check_bands(m, s, err);
        if (rc != OR_OK)
            return rc;
    }
    for (int item = 1; item <= m->nitems; item++)
        if (owner[item] < 0)
            return or_fail(err, OR_EUSAGE, "%s: item %d is in no scale", m->id, item);
    /* the "total" score is exactly the in_total scales */
    int t = or_measure_scale_find(m, "total");
    if (t >= 0) {
        const or_scale_def *s = &m->scales[t];
        int nin = 0;
        for (int k = 0; k < m->nscales; k++) {
            if (!m->scales[k].in_total)
                continue;
            nin++;
            bool found = false;
            for (int p = 0; p < s->nparts; p++)
                found = found || s->parts[p] == k;
            if (!found)
                return or_fail(err, OR_EUSAGE, "%s: %s counts toward the total but is not in it",
                               m->id, m->scales[k].id);
        }
        if (nin != s->nparts)
            return or_fail(err, OR_EUSAGE, "%s: the total has a part not marked in_total", m->id);
    }
    return OR_OK;
}

/* ---- scoring ---- */

static bool is_reverse(const or_measure *m, int item)
{
    for (int r = 0; r < m->nreverse; r++)
        if (m->reverse[r] == item)
            return true;
    return false;
}

static void set_bands(or_score *s)
{
    const or_measure *m = s->measure;
    for (int k = 0; k < m->nscales; k++) {
        s->band[k] = -1;
        if (!s->present[k])
            continue;
        const or_scale_def *d = &m->scales[k];
        for (int b = 0; b < d->nbands; b++)
            if (d->bands[b].lo <= s->score[k] && s->score[k] <= d->bands[b].hi)
                s->band[k] = b;
    }
}

static void derive(or_score *s)
{
    const or_measure *m = s->measure;
    for (int k = 0; k < m->nscales; k++) {
        const or_scale_def *d = &m->scales[k];
        if (d->nparts == 0)
            continue;
        bool all = true;
        int sum = 0;
        for (int p = 0; p < d->nparts; p++) {
            all = all && s->present[d->parts[p]];
            sum += s->score[d->parts[p]];
        }
        s->present[k] = all;
        s->score[k] = all ? sum : 0;
    }
    set_bands(s);
}

static or_code start(const or_measure *m, or_measure_kind kind, or_entry entry, or_score *out,
                     or_error *err)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
        out->band[k] = -1;
    for (int i = 0; i < OR_MEASURE_MAX_ITEMS; i++)
        out->responses[i] = OR_NO_ANSWER;
    if (!m)
        return or_fail(err, OR_EUSAGE, "no measure");
    out->measure = m;
    out->entry = entry;
    if (m->kind != kind)
        return or_fail(err, OR_EUSAGE, "%s is %s", m->id,
                       m->kind == OR_MEASURE_NUMERIC ? "a number, not a questionnaire"
                                                     : "a questionnaire, not a number");
    return OR_OK;
}

or_code or_measure_set_response(const or_measure *m, int *responses, int item, int value,
                                or_error *err)
{
    if (!m || m->kind != OR_MEASURE_QUESTIONNAIRE)
        return or_fail(err, OR_EUSAGE, "%s is not a questionnaire", m ? m->id : "(null)");
    if (item < 1 || item > m->nitems)
        return or_fail(err, OR_EINPUT, "item %d: there is no such item (items 1 to %d)", item,
                       m->nitems);
    if (value != OR_NO_ANSWER && (value < 0 || value >= m->nresponses))
        return or_fail(err, OR_EINPUT, "item %d: %d is not a response (0 to %d, or blank)", item,
                       value, m->nresponses - 1);
    responses[item - 1] = value;
    return OR_OK;
}

or_code or_measure_score_responses(const or_measure *m, const int *responses, or_score *out,
                                   or_error *err)
{
    or_code rc = start(m, OR_MEASURE_QUESTIONNAIRE, OR_ENTRY_RESPONSES, out, err);
    if (rc != OR_OK)
        return rc;
    int nanswered = 0;
    for (int i = 0; i < m->nitems; i++) {
        int v = responses[i];
        if (v != OR_NO_ANSWER && (v < 0 || v >= m->nresponses)) {
            out->entry = 0;
            return or_fail(err, OR_EINPUT, "item %d: %d is not a response (0 to %d, or blank)",
                           i + 1, v, m->nresponses - 1);
        }
        out->responses[i] = v;
        nanswered += v != OR_NO_ANSWER;
    }
    if (nanswered == 0) {
        out->entry = 0;
        return or_fail(err, OR_EINPUT, "%s: no item is answered", m->id);
    }
    int top = m->nresponses - 1;
    for (int k = 0; k < m->nscales; k++) {
        const or_scale_def *d = &m->scales[k];
        if (d->nitems == 0)
            continue;
        int sum = 0, answered = 0;
        for (int i = 0; i < d->nitems; i++) {
            int item = d->items[i], v = responses[item - 1];
            if (v == OR_NO_ANSWER)
                continue;
            sum += is_reverse(m, item) ? top - v : v;
            answered++;
        }
        out->answered[k] = answered;
        if (answered >= d->min_answered) {
            /* round(sum x nitems / answered), halves up, exactly */
            out->present[k] = true;
            out->score[k] = (2 * d->nitems * sum + answered) / (2 * answered);
        }
    }
    derive(out);
    return OR_OK;
}

or_code or_measure_score_scales(const or_measure *m, const int *scales, or_score *out,
                                or_error *err)
{
    or_code rc = start(m, OR_MEASURE_QUESTIONNAIRE, OR_ENTRY_SCALES, out, err);
    if (rc != OR_OK)
        return rc;
    int given = 0;
    for (int k = 0; k < m->nscales; k++) {
        const or_scale_def *d = &m->scales[k];
        int v = scales[k];
        if (v == OR_NO_ANSWER)
            continue;
        if (d->nitems == 0) {
            out->entry = 0;
            return or_fail(err, OR_EUSAGE, "scale %s: worked out from the scales, not entered",
                           d->id);
        }
        if (v < 0 || v > d->max) {
            out->entry = 0;
            return or_fail(err, OR_EINPUT, "scale %s: %d is outside 0 to %d", d->id, v, d->max);
        }
        out->present[k] = true;
        out->score[k] = v;
        given++;
    }
    if (given == 0) {
        out->entry = 0;
        return or_fail(err, OR_EINPUT, "%s: no scale score is given", m->id);
    }
    derive(out);
    return OR_OK;
}

or_code or_measure_score_number(const or_measure *m, int64_t units, or_score *out, or_error *err)
{
    or_code rc = start(m, OR_MEASURE_NUMERIC, OR_ENTRY_NUMERIC, out, err);
    if (rc != OR_OK)
        return rc;
    if (units < m->min || (m->has_max && units > m->max)) {
        char v[OR_FIXED_STRLEN], lo[OR_FIXED_STRLEN], hi[OR_FIXED_STRLEN];
        or_fixed_format(units, m->decimals, v, sizeof v);
        or_fixed_format(m->min, m->decimals, lo, sizeof lo);
        or_fixed_format(m->max, m->decimals, hi, sizeof hi);
        out->entry = 0;
        if (m->has_max)
            return or_fail(err, OR_EINPUT, "%s: %s is outside %s to %s", m->id, v, lo, hi);
        return or_fail(err, OR_EINPUT, "%s: %s is below %s", m->id, v, lo);
    }
    out->number = units;
    return OR_OK;
}

/* ---- parsing the stored form ---- */

/* User text in a message: at most 24 bytes, anything but printable ASCII as '?'. */
static void quote(char *dst, size_t size, const char *s, size_t len)
{
    size_t n = 0, max = 24;
    for (size_t i = 0; i < len && i < max && n + 1 < size; i++)
        dst[n++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    if (len > max && n + 4 < size) {
        memcpy(dst + n, "...", 3);
        n += 3;
    }
    dst[n] = '\0';
}

static void trim(const char **b, const char **e)
{
    while (*b < *e && (**b == ' ' || **b == '\t'))
        (*b)++;
    while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
        (*e)--;
}

/* A small non-negative integer of digits only: its value, or -1 when it is not one, -2 when it
 * has more than 6 digits (out of any range here). */
static int small_int(const char *b, const char *e)
{
    if (b == e)
        return -1;
    int v = 0;
    for (const char *p = b; p < e; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (p - b >= 6)
            return -2;
        v = v * 10 + (*p - '0');
    }
    return v;
}

static or_code parse_responses(const or_measure *m, const char *text, or_score *out, or_error *err)
{
    int nfields = 1;
    for (const char *p = text; *p; p++)
        nfields += *p == ',';
    if (nfields != m->nitems)
        return or_fail(err, OR_EINPUT,
                       "%s responses: %d value%s, expected %d (comma-separated, empty when not "
                       "answered)",
                       m->id, nfields, nfields == 1 ? "" : "s", m->nitems);
    int responses[OR_MEASURE_MAX_ITEMS];
    const char *b = text;
    for (int i = 0; i < m->nitems; i++) {
        const char *e = strchr(b, ',');
        if (!e)
            e = b + strlen(b);
        const char *next = *e ? e + 1 : e;
        trim(&b, &e);
        if (b == e) {
            responses[i] = OR_NO_ANSWER;
        } else {
            int v = small_int(b, e);
            if (v < 0 || v >= m->nresponses) {
                char q[32];
                quote(q, sizeof q, b, (size_t)(e - b));
                return or_fail(err, OR_EINPUT,
                               "item %d: \"%s\" is not a response (0 = %s, 1 = %s, 2 = %s, or "
                               "empty when not answered)",
                               i + 1, q, m->responses[0], m->responses[1],
                               m->responses[m->nresponses - 1]);
            }
            responses[i] = v;
        }
        b = next;
    }
    return or_measure_score_responses(m, responses, out, err);
}

static void scale_list(const or_measure *m, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int k = 0; k < m->nscales && m->scales[k].nitems > 0; k++) {
        int w = snprintf(buf + n, size - n, "%s%s", k ? ", " : "", m->scales[k].id);
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
}

static or_code parse_scales(const or_measure *m, const char *text, or_score *out, or_error *err)
{
    int scales[OR_MEASURE_MAX_SCALES];
    bool seen[OR_MEASURE_MAX_SCALES] = {false};
    for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
        scales[k] = OR_NO_ANSWER;
    const char *b = text;
    while (*b) {
        const char *e = strchr(b, ';');
        if (!e)
            e = b + strlen(b);
        const char *next = *e ? e + 1 : e;
        trim(&b, &e);
        if (b < e) {
            const char *eq = memchr(b, '=', (size_t)(e - b));
            char q[32];
            if (!eq) {
                quote(q, sizeof q, b, (size_t)(e - b));
                return or_fail(err, OR_EINPUT, "%s scales: \"%s\" is not scale=score", m->id, q);
            }
            const char *ib = b, *ie = eq, *vb = eq + 1, *ve = e;
            trim(&ib, &ie);
            trim(&vb, &ve);
            int k = -1;
            for (int j = 0; j < m->nscales; j++)
                if (strlen(m->scales[j].id) == (size_t)(ie - ib) &&
                    memcmp(m->scales[j].id, ib, (size_t)(ie - ib)) == 0)
                    k = j;
            if (k < 0) {
                char list[160];
                quote(q, sizeof q, ib, (size_t)(ie - ib));
                scale_list(m, list, sizeof list);
                return or_fail(err, OR_EINPUT, "scale \"%s\": %s has no such scale (%s)", q, m->id,
                               list);
            }
            const or_scale_def *d = &m->scales[k];
            if (d->nitems == 0)
                return or_fail(err, OR_EINPUT,
                               "scale %s: worked out from the other scales, not entered", d->id);
            if (seen[k])
                return or_fail(err, OR_EINPUT, "scale %s: given twice", d->id);
            seen[k] = true;
            if (vb < ve) {
                int v = small_int(vb, ve);
                quote(q, sizeof q, vb, (size_t)(ve - vb));
                if (v == -1)
                    return or_fail(err, OR_EINPUT,
                                   "scale %s: \"%s\" is not a score (0 to %d, or empty)", d->id, q,
                                   d->max);
                if (v < 0 || v > d->max)
                    return or_fail(err, OR_EINPUT, "scale %s: %s is outside 0 to %d", d->id, q,
                                   d->max);
                scales[k] = v;
            }
        }
        b = next;
    }
    return or_measure_score_scales(m, scales, out, err);
}

/* A non-negative or negative decimal number into units of 10^-decimals; extra decimal places
 * are accepted only when they are zeros ("92.50" at 1 d.p. is 925). */
static or_code parse_number(const or_measure *m, const char *b, const char *e, or_score *out,
                            or_error *err)
{
    char q[32];
    quote(q, sizeof q, b, (size_t)(e - b));
    const char *p = b;
    bool neg = p < e && *p == '-';
    if (neg)
        p++;
    int64_t v = 0;
    int idigits = 0, fdigits = 0;
    const int64_t limit = INT64_C(1000000000000000); /* 10^15 units: far beyond any range */
    for (; p < e && *p >= '0' && *p <= '9'; p++, idigits++) {
        if (v > limit)
            goto too_big;
        v = v * 10 + (*p - '0');
    }
    if (p < e && *p == '.') {
        for (p++; p < e && *p >= '0' && *p <= '9'; p++) {
            if (fdigits >= m->decimals) {
                if (*p != '0')
                    return or_fail(err, OR_EINPUT, "%s: \"%s\" has more than %d decimal place%s",
                                   m->id, q, m->decimals, m->decimals == 1 ? "" : "s");
                continue;
            }
            if (v > limit)
                goto too_big;
            v = v * 10 + (*p - '0');
            fdigits++;
        }
    }
    if (idigits == 0 || p != e)
        return or_fail(err, OR_EINPUT, "%s: \"%s\" is not a number", m->id, q);
    for (; fdigits < m->decimals; fdigits++) {
        if (v > limit)
            goto too_big;
        v *= 10;
    }
    if (v > limit)
        goto too_big;
    return or_measure_score_number(m, neg ? -v : v, out, err);
too_big:
    return or_fail(err, OR_EINPUT, "%s: \"%s\" is too large", m->id, q);
}

or_code or_measure_parse(const or_measure *m, const char *text, or_score *out, or_error *err)
{
    if (!m) {
        start(NULL, OR_MEASURE_NUMERIC, 0, out, NULL);
        return or_fail(err, OR_EUSAGE, "or_measure_parse: no measure");
    }
    if (!text)
        text = "";
    or_code rc;
    if (m->kind == OR_MEASURE_NUMERIC) {
        const char *b = text, *e = text + strlen(text);
        trim(&b, &e);
        rc = parse_number(m, b, e, out, err);
    } else if (strchr(text, '=')) {
        rc = parse_scales(m, text, out, err);
    } else {
        rc = parse_responses(m, text, out, err);
    }
    if (rc != OR_OK) /* a failed parse leaves an empty score of m (entry 0) */
        start(m, m->kind, 0, out, NULL);
    return rc;
}

/* ---- text out ---- */

typedef struct {
    char *buf;
    size_t size, len; /* len: what the whole text needs, even past size */
} out_text;

static void put(out_text *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(out_text *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

static int finish(out_text *o)
{
    if (o->size > 0 && o->len >= o->size)
        o->buf[o->size - 1] = '\0';
    else if (o->size > 0 && o->len == 0)
        o->buf[0] = '\0';
    return (int)o->len;
}

int or_score_format(const or_score *s, char *buf, size_t size)
{
    out_text o = {buf, size, 0};
    const or_measure *m = s->measure;
    if (!m || s->entry == 0)
        return finish(&o);
    if (s->entry == OR_ENTRY_NUMERIC) {
        char v[OR_FIXED_STRLEN];
        or_fixed_format(s->number, m->decimals, v, sizeof v);
        put(&o, "%s", v);
    } else if (s->entry == OR_ENTRY_RESPONSES) {
        for (int i = 0; i < m->nitems; i++) {
            if (i)
                put(&o, ",");
            if (s->responses[i] != OR_NO_ANSWER)
                put(&o, "%d", s->responses[i]);
        }
    } else {
        bool first = true;
        for (int k = 0; k < m->nscales; k++) {
            if (m->scales[k].nitems == 0 || !s->present[k])
                continue;
            put(&o, "%s%s=%d", first ? "" : ";", m->scales[k].id, s->score[k]);
            first = false;
        }
    }
    return finish(&o);
}

const char *or_score_band(const or_score *s, int k)
{
    if (!s->measure || k < 0 || k >= s->measure->nscales || !s->present[k] || s->band[k] < 0)
        return NULL;
    return s->measure->scales[k].bands[s->band[k]].label;
}

int or_score_summary(const or_score *s, char *buf, size_t size)
{
    out_text o = {buf, size, 0};
    const or_measure *m = s->measure;
    if (!m || s->entry == 0)
        return finish(&o);
    if (s->entry == OR_ENTRY_NUMERIC) {
        char v[OR_FIXED_STRLEN];
        or_fixed_format(s->number, m->decimals, v, sizeof v);
        put(&o, "%s %s%s", m->label, v, m->unit);
        return finish(&o);
    }
    for (int k = 0; k < m->nscales; k++) {
        const or_scale_def *d = &m->scales[k];
        put(&o, "%s%s ", k ? "; " : "", d->label);
        if (s->present[k]) {
            const char *band = or_score_band(s, k);
            put(&o, "%d", s->score[k]);
            if (band)
                put(&o, " (%s)", band);
        } else if (s->entry == OR_ENTRY_RESPONSES && d->nitems > 0) {
            put(&o, "not scored (%d of %d items answered)", s->answered[k], d->nitems);
        } else {
            put(&o, "not scored");
        }
    }
    return finish(&o);
}

bool or_score_get(const or_score *s, const char *scale_id, double *out)
{
    const or_measure *m = s->measure;
    *out = 0;
    if (!m || s->entry == 0)
        return false;
    if (m->kind == OR_MEASURE_NUMERIC) {
        if (scale_id)
            return false;
        double scale = 1;
        for (int d = 0; d < m->decimals; d++)
            scale *= 10;
        *out = (double)s->number / scale;
        return true;
    }
    int k = or_measure_scale_find(m, scale_id);
    if (k < 0 || !s->present[k])
        return false;
    *out = s->score[k];
    return true;
}
