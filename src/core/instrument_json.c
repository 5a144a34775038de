/* instrument_json.c - an instrument as JSON, both ways, through jansson, and the checks an
 * instrument passes before it is stored (instrument_json.h). Everything read is copied into
 * the caller's arena; jansson's own values are freed before returning. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/instrument_json.h"
#include "onroll/kinds.h"

/* How much an instrument may hold: enough for the toolkit's (79 items, 10 fields to an item) */
enum {
    MAX_LIST = 12,     /* levels, judgements, boxes, an area's judgements */
    MAX_SECTIONS = 40, /* areas */
    MAX_ITEMS = 200,   /* items of an area */
    MAX_FIELDS = 20,   /* fields of an item */
    MAX_DESCR = 40,    /* an area's quality descriptors */
    MAX_SHORT = 200,   /* a title, a level, a label */
    MAX_LONG = 4000,   /* a text, a descriptor, a note */
};

typedef struct {
    or_arena *a;
    or_error *err;
} rd;

/* ---- the checks (on an or_instrument, read or made by a form) ---- */

static or_code bad(or_error *err, const char *path, const char *value, const char *what)
{
    if (value)
        return or_fail(err, OR_EINPUT, "%s: \"%.80s\" %s", path, value, what);
    return or_fail(err, OR_EINPUT, "%s: %s", path, what);
}

static or_code check_text(or_error *err, const char *path, const char *s, size_t max, bool need)
{
    if (!s)
        return bad(err, path, NULL, "is missing");
    if (need && !*s)
        return bad(err, path, NULL, "is empty: enter the words");
    if (!or_utf8_valid(s, true))
        return bad(err, path, NULL, "holds a control character or is not UTF-8");
    if (strlen(s) > max)
        return or_fail(err, OR_EINPUT, "%s: is %zu characters long; at most %zu", path, strlen(s),
                       max);
    return OR_OK;
}

static or_code check_list(or_error *err, const char *path, const char *const *xs, int n, int max,
                          size_t len)
{
    char p[160];
    if (n < 0 || n > max)
        return or_fail(err, OR_EINPUT, "%s: has %d entries; at most %d", path, n, max);
    for (int i = 0; i < n; i++) {
        snprintf(p, sizeof p, "%s[%d]", path, i);
        or_code rc = check_text(err, p, xs ? xs[i] : NULL, len, true);
        if (rc)
            return rc;
    }
    return OR_OK;
}

/* "aN.iM": the key answers are stored under (reviews.h) */
static bool key_ok(const char *k)
{
    int a = 0, i = 0, used = 0;
    return k && strlen(k) <= 16 && sscanf(k, "a%d.i%d%n", &a, &i, &used) == 2 &&
           (size_t)used == strlen(k) && a >= 1 && i >= 1 && k[1] != '0' && k[1] != '+';
}

static bool id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > 40 || id[0] < 'a' || id[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
            return false;
    return true;
}

static or_code check_item(const or_instrument *in, int s, int i, or_error *err)
{
    const or_instr_item *it = &in->sections[s].items[i];
    char p[160], q[200];
    snprintf(p, sizeof p, "$.sections[%d].items[%d]", s, i);
    snprintf(q, sizeof q, "%s.key", p);
    if (!key_ok(it->key))
        return bad(err, q, it->key ? it->key : "", "is not an item key (a1.i1: area, item)");
    for (int t = 0; t <= s; t++)
        for (int j = 0; j < (t == s ? i : in->sections[t].nitems); j++)
            if (!strcmp(in->sections[t].items[j].key, it->key))
                return bad(err, q, it->key, "is the key of another item");
    snprintf(q, sizeof q, "%s.text", p);
    or_code rc = check_text(err, q, it->text, MAX_LONG, true);
    if (rc)
        return rc;
    snprintf(q, sizeof q, "%s.response", p);
    if ((int)it->resp < 0 || it->resp >= OR_RESP__N)
        return bad(err, q, NULL, "is not a response type");
    if (it->resp == OR_RESP_RATING && in->nlevels < 2)
        return bad(err, q, "rating", "needs the instrument's levels ($.levels): give two or more");
    snprintf(q, sizeof q, "%s.descriptors", p);
    if (it->descriptors &&
        (rc = check_list(err, q, it->descriptors, in->nlevels, MAX_LIST, MAX_LONG)))
        return rc;
    if (it->descriptors && in->nlevels == 0)
        return bad(err, q, NULL, "are given but the instrument has no levels");
    if (it->nfields < 0 || it->nfields > MAX_FIELDS)
        return or_fail(err, OR_EINPUT, "%s.fields: has %d entries; at most %d", p, it->nfields,
                       MAX_FIELDS);
    for (int f = 0; f < it->nfields; f++) {
        snprintf(q, sizeof q, "%s.fields[%d].label", p, f);
        if ((rc = check_text(err, q, it->fields[f].label, MAX_SHORT, true)))
            return rc;
        const char *dk = it->fields[f].data_key;
        snprintf(q, sizeof q, "%s.fields[%d].data_key", p, f);
        if (dk && (!*dk || strlen(dk) > 32 ||
                   strspn(dk, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(dk)))
            return bad(err, q, dk, "is not a figure's key (lower-case letters and _)");
    }
    return OR_OK;
}

or_code or_instrument_check(const or_instrument *in, or_error *err)
{
    or_code rc;
    if (!id_ok(in->id))
        return bad(err, "$.id", in->id ? in->id : "",
                   "is not an id (1 to 40 lower-case letters, digits and hyphens, a letter first)");
    if (in->version < 0)
        return or_fail(err, OR_EINPUT, "$.version: %d is not a version (1, 2, ...)", in->version);
    if ((rc = check_text(err, "$.title", in->title, MAX_SHORT, true)) ||
        (rc = check_text(err, "$.owner", in->owner, MAX_LONG, false)) ||
        (rc = check_text(err, "$.about", in->about, MAX_LONG, false)) ||
        (rc = check_list(err, "$.levels", in->levels, in->nlevels, MAX_LIST, MAX_SHORT)) ||
        (rc = check_list(err, "$.judgements", in->judgements, in->njudgements, MAX_LIST,
                         MAX_SHORT)) ||
        (rc = check_text(err, "$.judgement_note", in->judgement_note, MAX_LONG, false)) ||
        (rc = check_list(err, "$.boxes", in->boxes, in->nboxes, MAX_LIST, MAX_SHORT)))
        return rc;
    for (int i = 0; i < in->nlevels; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(in->levels[i], in->levels[j])) {
                char p[40];
                snprintf(p, sizeof p, "$.levels[%d]", i);
                return bad(err, p, in->levels[i], "is there twice");
            }
    if (in->nsections < 1 || in->nsections > MAX_SECTIONS)
        return or_fail(err, OR_EINPUT, "$.sections: has %d areas; 1 to %d", in->nsections,
                       MAX_SECTIONS);
    for (int s = 0; s < in->nsections; s++) {
        const or_instr_section *sec = &in->sections[s];
        char p[80], q[120];
        snprintf(p, sizeof p, "$.sections[%d]", s);
        snprintf(q, sizeof q, "%s.title", p);
        if ((rc = check_text(err, q, sec->title, MAX_SHORT, true)))
            return rc;
        snprintf(q, sizeof q, "%s.note", p);
        if ((rc = check_text(err, q, sec->note, MAX_LONG, false)))
            return rc;
        snprintf(q, sizeof q, "%s.descriptors", p);
        if ((rc = check_list(err, q, sec->descriptors, sec->ndescriptors, MAX_DESCR, MAX_LONG)))
            return rc;
        snprintf(q, sizeof q, "%s.judged", p);
        if ((rc = check_list(err, q, sec->judged, sec->njudged, 4, MAX_SHORT)))
            return rc;
        if (sec->njudged && !in->njudgements)
            return bad(err, q, NULL,
                       "asks for judgements but the instrument has none ($.judgements)");
        if (sec->nitems < 0 || sec->nitems > MAX_ITEMS)
            return or_fail(err, OR_EINPUT, "%s.items: has %d entries; at most %d", p, sec->nitems,
                           MAX_ITEMS);
        for (int i = 0; i < sec->nitems; i++)
            if ((rc = check_item(in, s, i, err)))
                return rc;
    }
    return OR_OK;
}

/* ---- reading ---- */

/* json's members must be among names (NULL-terminated) */
static or_code members_ok(rd *r, json_t *o, const char *path, const char *const *names)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        bool known = false;
        for (int i = 0; names[i] && !known; i++)
            known = !strcmp(names[i], k);
        if (!known)
            return or_fail(r->err, OR_EINPUT, "%s: \"%.60s\" is not one of its members", path, k);
    }
    return OR_OK;
}

static or_code get_string(rd *r, json_t *o, const char *path, const char *name, bool need,
                          const char **out)
{
    json_t *v = json_object_get(o, name);
    if (!v || json_is_null(v)) {
        *out = "";
        return need ? or_fail(r->err, OR_EINPUT, "%s.%s: is missing", path, name) : OR_OK;
    }
    if (!json_is_string(v))
        return or_fail(r->err, OR_EINPUT, "%s.%s: is not a string", path, name);
    *out = or_arena_strndup(r->a, json_string_value(v), json_string_length(v));
    if (strlen(*out) != json_string_length(v))
        return or_fail(r->err, OR_EINPUT, "%s.%s: holds a NUL character", path, name);
    return OR_OK;
}

/* An array of strings: NULL and 0 when absent (or null) */
static or_code get_strings(rd *r, json_t *o, const char *path, const char *name,
                           const char *const **out, int *n)
{
    json_t *v = json_object_get(o, name);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return OR_OK;
    if (!json_is_array(v))
        return or_fail(r->err, OR_EINPUT, "%s.%s: is not a list of strings", path, name);
    size_t len = json_array_size(v);
    if (len > MAX_DESCR)
        return or_fail(r->err, OR_EINPUT, "%s.%s: has %zu entries; at most %d", path, name, len,
                       MAX_DESCR);
    const char **xs = or_arena_calloc(r->a, len + 1, sizeof *xs);
    for (size_t i = 0; i < len; i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e))
            return or_fail(r->err, OR_EINPUT, "%s.%s[%zu]: is not a string", path, name, i);
        xs[i] = or_arena_strndup(r->a, json_string_value(e), json_string_length(e));
    }
    *out = xs;
    *n = (int)len;
    return OR_OK;
}

static or_code get_array(rd *r, json_t *o, const char *path, const char *name, bool need,
                         json_t **out)
{
    *out = json_object_get(o, name);
    if (!*out || json_is_null(*out)) {
        *out = NULL;
        return need ? or_fail(r->err, OR_EINPUT, "%s.%s: is missing", path, name) : OR_OK;
    }
    if (!json_is_array(*out))
        return or_fail(r->err, OR_EINPUT, "%s.%s: is not a list", path, name);
    return OR_OK;
}

static or_code read_item(rd *r, json_t *o, const char *p, int nlevels, or_instr_item *it)
{
    static const char *const names[] = {"key", "text", "response", "descriptors", "fields", NULL};
    if (!json_is_object(o))
        return or_fail(r->err, OR_EINPUT, "%s: is not an object", p);
    const char *resp = "";
    or_code rc = members_ok(r, o, p, names);
    if (!rc)
        rc = get_string(r, o, p, "key", true, &it->key);
    if (!rc)
        rc = get_string(r, o, p, "text", true, &it->text);
    if (!rc)
        rc = get_string(r, o, p, "response", true, &resp);
    if (rc)
        return rc;
    it->resp = OR_RESP__N;
    for (int t = 0; t < OR_RESP__N; t++)
        if (!strcmp(or_resp_ids[t], resp))
            it->resp = (or_resp_type)t;
    if (it->resp == OR_RESP__N)
        return or_fail(r->err, OR_EINPUT,
                       "%s.response: \"%.60s\" is not a response type (rating, yes_no, money, "
                       "number, text, data)",
                       p, resp);
    int nd = 0;
    if ((rc = get_strings(r, o, p, "descriptors", &it->descriptors, &nd)))
        return rc;
    if (it->descriptors && nd != nlevels)
        return or_fail(r->err, OR_EINPUT,
                       "%s.descriptors: has %d entries; one for each of the %d levels", p, nd,
                       nlevels);
    json_t *fs;
    if ((rc = get_array(r, o, p, "fields", false, &fs)))
        return rc;
    it->nfields = fs ? (int)json_array_size(fs) : 0;
    if (it->nfields > MAX_FIELDS)
        return or_fail(r->err, OR_EINPUT, "%s.fields: has %d entries; at most %d", p, it->nfields,
                       MAX_FIELDS);
    or_instr_field *f = or_arena_calloc(r->a, (size_t)it->nfields + 1, sizeof *f);
    for (int i = 0; i < it->nfields; i++) {
        static const char *const fnames[] = {"label", "data_key", NULL};
        char q[200];
        snprintf(q, sizeof q, "%s.fields[%d]", p, i);
        json_t *e = json_array_get(fs, (size_t)i);
        if (!json_is_object(e))
            return or_fail(r->err, OR_EINPUT, "%s: is not an object", q);
        const char *dk = "";
        if ((rc = members_ok(r, e, q, fnames)) ||
            (rc = get_string(r, e, q, "label", true, &f[i].label)) ||
            (rc = get_string(r, e, q, "data_key", false, &dk)))
            return rc;
        f[i].data_key = *dk ? dk : NULL;
    }
    it->fields = f;
    return OR_OK;
}

static or_code read_section(rd *r, json_t *o, const char *p, int nlevels, or_instr_section *sec)
{
    static const char *const names[] = {"title",  "placeholder", "note", "descriptors",
                                        "judged", "items",       NULL};
    if (!json_is_object(o))
        return or_fail(r->err, OR_EINPUT, "%s: is not an object", p);
    or_code rc = members_ok(r, o, p, names);
    if (!rc)
        rc = get_string(r, o, p, "title", true, &sec->title);
    if (!rc)
        rc = get_string(r, o, p, "note", false, &sec->note);
    if (rc)
        return rc;
    json_t *ph = json_object_get(o, "placeholder");
    if (ph && !json_is_boolean(ph))
        return or_fail(r->err, OR_EINPUT, "%s.placeholder: is not true or false", p);
    sec->placeholder = ph && json_is_true(ph);
    if ((rc = get_strings(r, o, p, "descriptors", &sec->descriptors, &sec->ndescriptors)) ||
        (rc = get_strings(r, o, p, "judged", &sec->judged, &sec->njudged)))
        return rc;
    json_t *items;
    if ((rc = get_array(r, o, p, "items", true, &items)))
        return rc;
    sec->nitems = (int)json_array_size(items);
    if (sec->nitems > MAX_ITEMS)
        return or_fail(r->err, OR_EINPUT, "%s.items: has %d entries; at most %d", p, sec->nitems,
                       MAX_ITEMS);
    or_instr_item *its = or_arena_calloc(r->a, (size_t)sec->nitems + 1, sizeof *its);
    for (int i = 0; i < sec->nitems; i++) {
        char q[160];
        snprintf(q, sizeof q, "%s.items[%d]", p, i);
        if ((rc = read_item(r, json_array_get(items, (size_t)i), q, nlevels, &its[i])))
            return rc;
    }
    sec->items = its;
    return OR_OK;
}

static or_code read_root(rd *r, json_t *o, or_instrument *in)
{
    static const char *const names[] = {"id",    "version",  "title",      "owner",
                                        "about", "levels",   "judgements", "judgement_note",
                                        "boxes", "sections", NULL};
    if (!json_is_object(o))
        return or_fail(r->err, OR_EINPUT, "$: is not an object (an instrument)");
    or_code rc = members_ok(r, o, "$", names);
    if (!rc)
        rc = get_string(r, o, "$", "id", true, &in->id);
    if (!rc)
        rc = get_string(r, o, "$", "title", true, &in->title);
    if (!rc)
        rc = get_string(r, o, "$", "owner", false, &in->owner);
    if (!rc)
        rc = get_string(r, o, "$", "about", false, &in->about);
    if (!rc)
        rc = get_string(r, o, "$", "judgement_note", false, &in->judgement_note);
    if (!rc)
        rc = get_strings(r, o, "$", "levels", &in->levels, &in->nlevels);
    if (!rc)
        rc = get_strings(r, o, "$", "judgements", &in->judgements, &in->njudgements);
    if (!rc)
        rc = get_strings(r, o, "$", "boxes", &in->boxes, &in->nboxes);
    if (rc)
        return rc;
    json_t *v = json_object_get(o, "version");
    if (v && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000)
            return or_fail(r->err, OR_EINPUT, "$.version: is not a version (a whole number)");
        in->version = (int)json_integer_value(v);
    }
    json_t *secs;
    if ((rc = get_array(r, o, "$", "sections", true, &secs)))
        return rc;
    in->nsections = (int)json_array_size(secs);
    if (in->nsections > MAX_SECTIONS)
        return or_fail(r->err, OR_EINPUT, "$.sections: has %d areas; at most %d", in->nsections,
                       MAX_SECTIONS);
    or_instr_section *ss = or_arena_calloc(r->a, (size_t)in->nsections + 1, sizeof *ss);
    for (int s = 0; s < in->nsections; s++) {
        char p[40];
        snprintf(p, sizeof p, "$.sections[%d]", s);
        if ((rc = read_section(r, json_array_get(secs, (size_t)s), p, in->nlevels, &ss[s])))
            return rc;
    }
    in->sections = ss;
    return OR_OK;
}

or_code or_instrument_from_json(const char *text, size_t len, or_arena *a, or_instrument *out,
                                or_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return or_fail(err, OR_EINPUT, "line %d, column %d: not JSON: %s", je.line, je.column,
                       je.text);
    rd r = {a, err};
    or_code rc = read_root(&r, root, out);
    json_decref(root);
    if (rc)
        return rc;
    return or_instrument_check(out, err);
}

/* ---- writing ---- */

static json_t *strings(const char *const *xs, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_string(xs[i]));
    return arr;
}

static json_t *item_json(const or_instrument *in, const or_instr_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(it->key));
    json_object_set_new(o, "text", json_string(it->text));
    json_object_set_new(o, "response", json_string(or_resp_ids[it->resp]));
    json_object_set_new(o, "descriptors",
                        it->descriptors ? strings(it->descriptors, in->nlevels) : json_null());
    json_t *fs = json_array();
    for (int f = 0; f < it->nfields; f++) {
        json_t *x = json_object();
        json_object_set_new(x, "label", json_string(it->fields[f].label));
        json_object_set_new(x, "data_key",
                            it->fields[f].data_key ? json_string(it->fields[f].data_key)
                                                   : json_null());
        json_array_append_new(fs, x);
    }
    json_object_set_new(o, "fields", fs);
    return o;
}

or_code or_instrument_to_json(const or_instrument *in, or_arena *a, char **out, or_error *err)
{
    or_code rc = or_instrument_check(in, err);
    if (rc)
        return rc;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(in->id));
    json_object_set_new(o, "version", json_integer(in->version));
    json_object_set_new(o, "title", json_string(in->title));
    json_object_set_new(o, "owner", json_string(in->owner ? in->owner : ""));
    json_object_set_new(o, "about", json_string(in->about ? in->about : ""));
    json_object_set_new(o, "levels", strings(in->levels, in->nlevels));
    json_object_set_new(o, "judgements", strings(in->judgements, in->njudgements));
    json_object_set_new(o, "judgement_note",
                        json_string(in->judgement_note ? in->judgement_note : ""));
    json_object_set_new(o, "boxes", strings(in->boxes, in->nboxes));
    json_t *ss = json_array();
    for (int s = 0; s < in->nsections; s++) {
        const or_instr_section *sec = &in->sections[s];
        json_t *x = json_object();
        json_object_set_new(x, "title", json_string(sec->title));
        json_object_set_new(x, "placeholder", json_boolean(sec->placeholder));
        json_object_set_new(x, "note", json_string(sec->note ? sec->note : ""));
        json_object_set_new(x, "descriptors", strings(sec->descriptors, sec->ndescriptors));
        json_object_set_new(x, "judged", strings(sec->judged, sec->njudged));
        json_t *its = json_array();
        for (int i = 0; i < sec->nitems; i++)
            json_array_append_new(its, item_json(in, &sec->items[i]));
        json_object_set_new(x, "items", its);
        json_array_append_new(ss, x);
    }
    json_object_set_new(o, "sections", ss);
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return or_fail(err, OR_ENOMEM, "the instrument %s could not be written as JSON", in->id);
    *out = or_arena_strdup(a, s);
    free(s);
    return OR_OK;
}
