/* surveys_json.c - a survey's definition to and from JSON (surveys.h), through jansson. Reading
 * checks the shape, naming the path and the value of the first thing wrong, then the
 * definition's own checks (or_survey_check). Pure: no I/O. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/surveys.h"

typedef struct {
    or_arena *a;
    or_error *err;
    char path[256];
} rd;

static or_code bad(rd *r, const char *what, const json_t *v)
{
    char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    or_code rc = or_fail(r->err, OR_EINPUT, "%s: %s %s", r->path, s ? s : "(missing)", what);
    free(s);
    return rc;
}

/* A string member (optional: "" when absent). */
static or_code str(rd *r, const json_t *o, const char *prefix, const char *key, bool required,
                   const char **out)
{
    json_t *v = json_object_get(o, key);
    snprintf(r->path, sizeof r->path, "%s%s", prefix, key);
    if (!v) {
        if (required)
            return bad(r, "is required", NULL);
        *out = "";
        return OR_OK;
    }
    if (!json_is_string(v))
        return bad(r, "is not text", v);
    *out = or_arena_strdup(r->a, json_string_value(v));
    return OR_OK;
}

static int id_of(const char *const *ids, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(ids[i], s))
            return i;
    return -1;
}

static or_code array(rd *r, const json_t *o, const char *prefix, const char *key, json_t **out)
{
    *out = json_object_get(o, key);
    snprintf(r->path, sizeof r->path, "%s%s", prefix, key);
    if (!*out)
        return bad(r, "is required (a list)", NULL);
    if (!json_is_array(*out))
        return bad(r, "is not a list", *out);
    return OR_OK;
}

static or_code scale_of(rd *r, const json_t *v, int i, or_survey_scale *sc)
{
    char p[64];
    snprintf(p, sizeof p, "scales[%d].", i);
    if (!json_is_object(v)) {
        snprintf(r->path, sizeof r->path, "scales[%d]", i);
        return bad(r, "is not an object", v);
    }
    or_code rc;
    json_t *lv;
    if ((rc = str(r, v, p, "id", true, &sc->id)) ||
        (rc = str(r, v, p, "title", true, &sc->title)) ||
        (rc = str(r, v, p, "note", false, &sc->note)) || (rc = array(r, v, p, "levels", &lv)))
        return rc;
    sc->nlevels = (int)json_array_size(lv);
    or_survey_level *ls = or_arena_calloc(r->a, (size_t)sc->nlevels + 1, sizeof *ls);
    for (int l = 0; l < sc->nlevels; l++) {
        json_t *x = json_array_get(lv, (size_t)l);
        char q[160];
        snprintf(q, sizeof q, "%slevels[%d].", p, l);
        if (!json_is_object(x)) {
            snprintf(r->path, sizeof r->path, "%slevels[%d]", p, l);
            return bad(r, "is not an object", x);
        }
        if ((rc = str(r, x, q, "label", true, &ls[l].label)))
            return rc;
        json_t *s = json_object_get(x, "score");
        if (s) {
            snprintf(r->path, sizeof r->path, "%sscore", q);
            if (!json_is_integer(s) || json_integer_value(s) < -1000 ||
                json_integer_value(s) > 1000)
                return bad(r, "is not a whole number from -1000 to 1000", s);
            ls[l].scored = true;
            ls[l].score = (int)json_integer_value(s);
        }
    }
    sc->levels = ls;
    return OR_OK;
}

static or_code domain_of(rd *r, const json_t *v, int i, or_survey_domain *dm)
{
    char p[64];
    snprintf(p, sizeof p, "domains[%d].", i);
    if (!json_is_object(v)) {
        snprintf(r->path, sizeof r->path, "domains[%d]", i);
        return bad(r, "is not an object", v);
    }
    or_code rc;
    json_t *its;
    if ((rc = str(r, v, p, "title", false, &dm->title)) ||
        (rc = str(r, v, p, "note", false, &dm->note)) || (rc = array(r, v, p, "items", &its)))
        return rc;
    dm->nitems = (int)json_array_size(its);
    or_survey_item *is = or_arena_calloc(r->a, (size_t)dm->nitems + 1, sizeof *is);
    for (int j = 0; j < dm->nitems; j++) {
        json_t *x = json_array_get(its, (size_t)j);
        char q[160];
        snprintf(q, sizeof q, "%sitems[%d].", p, j);
        if (!json_is_object(x)) {
            snprintf(r->path, sizeof r->path, "%sitems[%d]", p, j);
            return bad(r, "is not an object", x);
        }
        const char *type;
        if ((rc = str(r, x, q, "key", true, &is[j].key)) ||
            (rc = str(r, x, q, "text", true, &is[j].text)) ||
            (rc = str(r, x, q, "type", true, &type)))
            return rc;
        int t = id_of(or_sq_type_ids, OR_SQ__N, type);
        if (t < 0) {
            snprintf(r->path, sizeof r->path, "%stype", q);
            return bad(r, "is not scale, count or text", json_object_get(x, "type"));
        }
        is[j].type = (or_sq_type)t;
        if ((rc = str(r, x, q, "scale", t == OR_SQ_SCALE, &is[j].scale)))
            return rc;
    }
    dm->items = is;
    return OR_OK;
}

or_code or_survey_from_json(const char *json, or_arena *a, or_survey_def *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *o = json_loads(json ? json : "", 0, &je);
    if (!o)
        return or_fail(err, OR_EINPUT, "line %d, column %d: %s", je.line, je.column, je.text);
    rd r = {a, err, ""};
    or_code rc = OR_OK;
    const char *aud, *method = "none";
    json_t *sc = NULL, *dm = NULL;
    if (!json_is_object(o)) {
        snprintf(r.path, sizeof r.path, "%s", "(the definition)");
        rc = bad(&r, "is not an object", o);
        goto done;
    }
    if ((rc = str(&r, o, "", "title", true, &out->title)) ||
        (rc = str(&r, o, "", "audience", true, &aud)) ||
        (rc = str(&r, o, "", "source", false, &out->source)) ||
        (rc = str(&r, o, "", "about", false, &out->about)))
        goto done;
    int au = id_of(or_audience_ids, OR_AUD__N, aud);
    if (au < 0) {
        snprintf(r.path, sizeof r.path, "%s", "audience");
        rc = bad(&r, "is not pupils, parents or staff", json_object_get(o, "audience"));
        goto done;
    }
    out->audience = (or_survey_audience)au;
    out->scoring_note = "";
    json_t *s = json_object_get(o, "scoring");
    if (s) {
        if (!json_is_object(s)) {
            snprintf(r.path, sizeof r.path, "%s", "scoring");
            rc = bad(&r, "is not an object", s);
            goto done;
        }
        if ((rc = str(&r, s, "scoring.", "method", true, &method)) ||
            (rc = str(&r, s, "scoring.", "note", false, &out->scoring_note)))
            goto done;
    }
    int m = id_of(or_scoring_ids, OR_SCORE__N, method);
    if (m < 0) {
        snprintf(r.path, sizeof r.path, "%s", "scoring.method");
        rc = bad(&r, "is not none, mean or sum", json_object_get(s, "method"));
        goto done;
    }
    out->scoring = (or_survey_scoring)m;
    if ((rc = array(&r, o, "", "scales", &sc)) || (rc = array(&r, o, "", "domains", &dm)))
        goto done;
    out->nscales = (int)json_array_size(sc);
    or_survey_scale *scs = or_arena_calloc(a, (size_t)out->nscales + 1, sizeof *scs);
    for (int i = 0; !rc && i < out->nscales; i++)
        rc = scale_of(&r, json_array_get(sc, (size_t)i), i, &scs[i]);
    out->scales = scs;
    out->ndomains = (int)json_array_size(dm);
    or_survey_domain *dms = or_arena_calloc(a, (size_t)out->ndomains + 1, sizeof *dms);
    for (int i = 0; !rc && i < out->ndomains; i++)
        rc = domain_of(&r, json_array_get(dm, (size_t)i), i, &dms[i]);
    out->domains = dms;
    if (!rc)
        rc = or_survey_check(out, false, err);
done:
    json_decref(o);
    return rc;
}

static void set_str(json_t *o, const char *k, const char *v)
{
    json_object_set_new(o, k, json_string(v ? v : ""));
}

const char *or_survey_to_json(const or_survey_def *d, or_arena *a)
{
    json_t *o = json_object();
    set_str(o, "title", d->title);
    set_str(o, "audience",
            (unsigned)d->audience < OR_AUD__N ? or_audience_ids[d->audience] : "pupils");
    set_str(o, "source", d->source);
    set_str(o, "about", d->about);
    json_t *s = json_object();
    set_str(s, "method", (unsigned)d->scoring < OR_SCORE__N ? or_scoring_ids[d->scoring] : "none");
    set_str(s, "note", d->scoring_note);
    json_object_set_new(o, "scoring", s);
    json_t *scs = json_array();
    for (int i = 0; i < d->nscales; i++) {
        const or_survey_scale *sc = &d->scales[i];
        json_t *x = json_object(), *lv = json_array();
        set_str(x, "id", sc->id);
        set_str(x, "title", sc->title);
        set_str(x, "note", sc->note);
        for (int l = 0; l < sc->nlevels; l++) {
            json_t *y = json_object();
            set_str(y, "label", sc->levels[l].label);
            if (sc->levels[l].scored)
                json_object_set_new(y, "score", json_integer(sc->levels[l].score));
            json_array_append_new(lv, y);
        }
        json_object_set_new(x, "levels", lv);
        json_array_append_new(scs, x);
    }
    json_object_set_new(o, "scales", scs);
    json_t *dms = json_array();
    for (int i = 0; i < d->ndomains; i++) {
        const or_survey_domain *dm = &d->domains[i];
        json_t *x = json_object(), *its = json_array();
        set_str(x, "title", dm->title);
        set_str(x, "note", dm->note);
        for (int j = 0; j < dm->nitems; j++) {
            const or_survey_item *it = &dm->items[j];
            json_t *y = json_object();
            set_str(y, "key", it->key);
            set_str(y, "text", it->text);
            set_str(y, "type", (unsigned)it->type < OR_SQ__N ? or_sq_type_ids[it->type] : "text");
            if (it->type == OR_SQ_SCALE)
                set_str(y, "scale", it->scale);
            json_array_append_new(its, y);
        }
        json_object_set_new(x, "items", its);
        json_array_append_new(dms, x);
    }
    json_object_set_new(o, "domains", dms);
    char *txt = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    const char *out = or_arena_strdup(a, txt ? txt : "{}");
    free(txt);
    json_decref(o);
    return out;
}
