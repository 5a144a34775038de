/* surveys.c - a survey's definition (surveys.h): its vocabularies, look-ups and checks. Pure:
 * no I/O. The templates are survey_templates_data.c; JSON is surveys_json.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/invisible.h"
#include "onroll/surveys.h"

const char *const or_sq_type_ids[OR_SQ__N] = {"scale", "count", "text"};
const char *const or_sq_type_names[OR_SQ__N] = {"An answer on a scale", "A number", "Free text"};
const char *const or_scoring_ids[OR_SCORE__N] = {"none", "mean", "sum"};
const char *const or_audience_ids[OR_AUD__N] = {"pupils", "parents", "staff"};

enum { TITLE_MAX = 200, TEXT_MAX = 1000, ANSWER_MAX = 2000, COUNT_MAX = 1000000 };

const or_survey_template *or_survey_template_find(const char *id)
{
    for (int i = 0; id && i < or_survey_templates_count; i++)
        if (!strcmp(or_survey_templates[i].id, id))
            return &or_survey_templates[i];
    return NULL;
}

int or_survey_items(const or_survey_def *d)
{
    int n = 0;
    for (int i = 0; i < d->ndomains; i++)
        n += d->domains[i].nitems;
    return n;
}

const or_survey_item *or_survey_item_find(const or_survey_def *d, const char *key, int *domain)
{
    for (int i = 0; key && i < d->ndomains; i++)
        for (int j = 0; j < d->domains[i].nitems; j++)
            if (!strcmp(d->domains[i].items[j].key, key)) {
                if (domain)
                    *domain = i;
                return &d->domains[i].items[j];
            }
    return NULL;
}

const or_survey_scale *or_survey_scale_find(const or_survey_def *d, const char *id)
{
    for (int i = 0; id && i < d->nscales; i++)
        if (!strcmp(d->scales[i].id, id))
            return &d->scales[i];
    return NULL;
}

const char *or_survey_new_key(const or_survey_def *d, or_arena *a)
{
    long top = 0;
    for (int i = 0; i < d->ndomains; i++)
        for (int j = 0; j < d->domains[i].nitems; j++) {
            const char *k = d->domains[i].items[j].key;
            if (k[0] == 'q') {
                long v = strtol(k + 1, NULL, 10);
                if (v > top)
                    top = v;
            }
        }
    return or_arena_printf(a, "q%ld", top + 1);
}

/* A required one-line (or not) text of at most max bytes. */
static or_code text_ok(const char *where, const char *s, bool required, size_t max, or_error *err)
{
    if (!s || (required && !s[0]))
        return or_fail(err, OR_EINPUT, "%s: is empty; enter it", where);
    if (strlen(s) > max)
        return or_fail(err, OR_EINPUT, "%s: is longer than %zu characters", where, max);
    or_error e = {0};
    if (or_text_check(s, false, &e))
        return or_fail(err, OR_EINPUT, "%s: %s", where, e.msg);
    return OR_OK;
}

/* Whether a scale is used by an item. */
static bool used(const or_survey_def *d, const char *id)
{
    for (int i = 0; i < d->ndomains; i++)
        for (int j = 0; j < d->domains[i].nitems; j++)
            if (d->domains[i].items[j].type == OR_SQ_SCALE &&
                !strcmp(d->domains[i].items[j].scale, id))
                return true;
    return false;
}

or_code or_survey_check(const or_survey_def *d, bool ready, or_error *err)
{
    char w[96];
    or_code rc;
    if ((rc = text_ok("title", d->title, true, TITLE_MAX, err)))
        return rc;
    if ((unsigned)d->audience >= OR_AUD__N)
        return or_fail(err, OR_EINPUT, "audience: %d is not pupils, parents or staff",
                       (int)d->audience);
    if ((unsigned)d->scoring >= OR_SCORE__N)
        return or_fail(err, OR_EINPUT, "scoring.method: %d is not none, mean or sum",
                       (int)d->scoring);
    for (int i = 0; i < d->nscales; i++) {
        const or_survey_scale *sc = &d->scales[i];
        snprintf(w, sizeof w, "scales[%d].id", i);
        if ((rc = text_ok(w, sc->id, true, 40, err)))
            return rc;
        for (int k = 0; k < i; k++)
            if (!strcmp(d->scales[k].id, sc->id))
                return or_fail(err, OR_EINPUT, "%s: \"%s\" is the id of scales[%d] too", w, sc->id,
                               k);
        snprintf(w, sizeof w, "scales[%d].title", i);
        if ((rc = text_ok(w, sc->title, true, TITLE_MAX, err)))
            return rc;
        for (int l = 0; l < sc->nlevels; l++) {
            snprintf(w, sizeof w, "scales[%d].levels[%d].label", i, l);
            if ((rc = text_ok(w, sc->levels[l].label, true, TITLE_MAX, err)))
                return rc;
            for (int k = 0; k < l; k++)
                if (!strcmp(sc->levels[k].label, sc->levels[l].label))
                    return or_fail(err, OR_EINPUT, "%s: \"%s\" is a level of this scale twice", w,
                                   sc->levels[l].label);
        }
        if (ready && used(d, sc->id)) {
            if (sc->nlevels < 2)
                return or_fail(err, OR_EINPUT,
                               "scales[%d]: the scale \"%s\" has %d levels; give it two or more "
                               "before a wave opens",
                               i, sc->title, sc->nlevels);
            for (int l = 0; d->scoring != OR_SCORE_NONE && l < sc->nlevels; l++)
                if (!sc->levels[l].scored)
                    return or_fail(err, OR_EINPUT,
                                   "scales[%d].levels[%d]: \"%s\" has no score, and the domain "
                                   "score needs one for every level",
                                   i, l, sc->levels[l].label);
        }
    }
    if (d->ndomains < 1)
        return or_fail(err, OR_EINPUT, "%s", "domains: there are none; add one");
    int nitems = 0;
    for (int i = 0; i < d->ndomains; i++) {
        const or_survey_domain *dm = &d->domains[i];
        snprintf(w, sizeof w, "domains[%d].title", i);
        if ((rc = text_ok(w, dm->title, false, TITLE_MAX, err)))
            return rc;
        for (int j = 0; j < dm->nitems; j++) {
            const or_survey_item *it = &dm->items[j];
            nitems++;
            snprintf(w, sizeof w, "domains[%d].items[%d].key", i, j);
            if ((rc = text_ok(w, it->key, true, 40, err)))
                return rc;
            int di = -1;
            const or_survey_item *first = or_survey_item_find(d, it->key, &di);
            if (first != it)
                return or_fail(err, OR_EINPUT, "%s: \"%s\" is the key of another item too", w,
                               it->key);
            snprintf(w, sizeof w, "domains[%d].items[%d].text", i, j);
            if ((rc = text_ok(w, it->text, true, TEXT_MAX, err)))
                return rc;
            if ((unsigned)it->type >= OR_SQ__N)
                return or_fail(err, OR_EINPUT,
                               "domains[%d].items[%d].type: %d is not scale, count or text", i, j,
                               (int)it->type);
            if (it->type == OR_SQ_SCALE && !or_survey_scale_find(d, it->scale))
                return or_fail(err, OR_EINPUT,
                               "domains[%d].items[%d].scale: \"%s\" is not one of the survey's "
                               "scales",
                               i, j, it->scale ? it->scale : "");
        }
    }
    if (ready && !nitems)
        return or_fail(err, OR_EINPUT, "%s",
                       "domains: there are no items; add one before a wave opens");
    return OR_OK;
}

bool or_survey_answer_valid(const or_survey_def *d, const or_survey_item *it, const char *value)
{
    if (!value || !value[0])
        return true;
    switch (it->type) {
    case OR_SQ_SCALE: {
        const or_survey_scale *sc = or_survey_scale_find(d, it->scale);
        for (int l = 0; sc && l < sc->nlevels; l++)
            if (!strcmp(sc->levels[l].label, value))
                return true;
        return false;
    }
    case OR_SQ_COUNT: {
        size_t n = strlen(value);
        if (n > 7 || strspn(value, "0123456789") != n)
            return false;
        return atol(value) <= COUNT_MAX;
    }
    case OR_SQ_TEXT:
        return strlen(value) <= ANSWER_MAX && !or_text_check(value, true, NULL);
    default:
        return false;
    }
}
