/* instruments.c - finding an instrument, its items, levels and judgements, and checking an
 * answer against an item's response type (instruments.h). The data is instruments_data.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/instruments.h"

const char *const or_resp_ids[OR_RESP__N] = {"rating", "yes_no", "money", "number", "text", "data"};

const or_instrument *or_instrument_find(const char *id, int version)
{
    const or_instrument *best = NULL;
    for (int i = 0; id && i < or_instruments_seed_count; i++) {
        const or_instrument *in = &or_instruments_seed[i];
        if (strcmp(in->id, id))
            continue;
        if (version ? in->version == version : (!best || in->version > best->version))
            best = in;
    }
    return best;
}

static int by_id_version(const void *x, const void *y)
{
    const or_instrument *a = *(const or_instrument *const *)x,
                        *b = *(const or_instrument *const *)y;
    int c = strcmp(a->id, b->id);
    return c ? c : a->version - b->version;
}

void or_instrument_set_make(or_arena *a, const or_instrument *stored, int nstored,
                            or_instrument_set *out)
{
    const or_instrument **st = or_arena_calloc(a, (size_t)nstored + 1, sizeof *st);
    int ns = 0;
    for (int i = 0; i < nstored; i++)
        if (or_instrument_find(stored[i].id, stored[i].version) == NULL)
            st[ns++] = &stored[i];
    if (ns > 1)
        qsort(st, (size_t)ns, sizeof *st, by_id_version);
    /* each seed followed by the stored versions of its id; then the LA's own ids, by id */
    const or_instrument **all =
        or_arena_calloc(a, (size_t)(or_instruments_seed_count + ns + 1), sizeof *all);
    bool *used = or_arena_calloc(a, (size_t)ns + 1, sizeof *used);
    int n = 0;
    for (int i = 0; i < or_instruments_seed_count; i++) {
        const or_instrument *seed = &or_instruments_seed[i];
        all[n++] = seed;
        bool last = i + 1 == or_instruments_seed_count || strcmp(seed->id, seed[1].id);
        for (int j = 0; last && j < ns; j++)
            if (!used[j] && !strcmp(st[j]->id, seed->id)) {
                used[j] = true;
                all[n++] = st[j];
            }
    }
    for (int j = 0; j < ns; j++)
        if (!used[j])
            all[n++] = st[j];
    out->all = all;
    out->n = n;
}

const or_instrument *or_instrument_set_find(const or_instrument_set *set, const char *id,
                                            int version)
{
    if (!set)
        return or_instrument_find(id, version);
    const or_instrument *best = NULL;
    for (int i = 0; id && i < set->n; i++) {
        const or_instrument *in = set->all[i];
        if (strcmp(in->id, id))
            continue;
        if (version ? in->version == version : (!best || in->version > best->version))
            best = in;
    }
    return best;
}

int or_instrument_set_latest(const or_instrument_set *set, or_arena *a, const or_instrument ***out)
{
    int total = set ? set->n : or_instruments_seed_count, n = 0;
    const or_instrument **xs = or_arena_calloc(a, (size_t)total + 1, sizeof *xs);
    for (int i = 0; i < total; i++) {
        const or_instrument *in = set ? set->all[i] : &or_instruments_seed[i];
        bool seen = false;
        for (int j = 0; j < n && !seen; j++)
            seen = !strcmp(xs[j]->id, in->id);
        if (!seen)
            xs[n++] = or_instrument_set_find(set, in->id, 0);
    }
    *out = xs;
    return n;
}

int or_instrument_set_next_version(const or_instrument_set *set, const char *id)
{
    const or_instrument *in = or_instrument_set_find(set, id, 0);
    return in ? in->version + 1 : 1;
}

int or_instrument_items(const or_instrument *in)
{
    int n = 0;
    for (int s = 0; s < in->nsections; s++)
        n += in->sections[s].nitems;
    return n;
}

const or_instr_item *or_instrument_item(const or_instrument *in, const char *key, int *section)
{
    for (int s = 0; key && s < in->nsections; s++)
        for (int i = 0; i < in->sections[s].nitems; i++)
            if (!strcmp(in->sections[s].items[i].key, key)) {
                if (section)
                    *section = s;
                return &in->sections[s].items[i];
            }
    return NULL;
}

static int index_of(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (!strcmp(names[i], name))
            return i;
    return -1;
}

int or_instrument_level(const or_instrument *in, const char *name)
{
    return index_of(in->levels, in->nlevels, name);
}

int or_instrument_judgement(const or_instrument *in, const char *name)
{
    return index_of(in->judgements, in->njudgements, name);
}

/* digits, at least one, and nothing else */
static bool digits(const char *s, const char *end)
{
    if (s == end)
        return false;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

bool or_instrument_valid(const or_instrument *in, or_resp_type t, const char *v)
{
    if (!v || !*v)
        return true; /* unanswered */
    size_t n = strlen(v);
    switch (t) {
    case OR_RESP_RATING:
        return or_instrument_level(in, v) >= 0;
    case OR_RESP_YESNO:
        return !strcmp(v, "yes") || !strcmp(v, "no");
    case OR_RESP_MONEY: {
        const char *dot = strchr(v, '.');
        if (!dot)
            return n <= 12 && digits(v, v + n);
        return dot - v <= 12 && digits(v, dot) && strlen(dot + 1) == 2 && digits(dot + 1, v + n);
    }
    case OR_RESP_NUMBER:
        return n <= 12 && digits(v, v + n);
    case OR_RESP_TEXT:
    case OR_RESP_DATA:
        return n <= 4000;
    default:
        return false;
    }
}

static const char *answer_of(const or_instr_answer *as, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(as[i].item, key))
            return as[i].value;
    return NULL;
}

void or_instrument_change(const or_instrument *in, int s, const or_instr_answer *before, int nb,
                          const or_instr_answer *now, int nn, int *up, int *down, int *same)
{
    *up = *down = *same = 0;
    if (s < 0 || s >= in->nsections)
        return;
    const or_instr_section *sec = &in->sections[s];
    for (int i = 0; i < sec->nitems; i++) {
        if (sec->items[i].resp != OR_RESP_RATING)
            continue;
        int b = or_instrument_level(in, answer_of(before, nb, sec->items[i].key));
        int a = or_instrument_level(in, answer_of(now, nn, sec->items[i].key));
        if (a < 0 || b < 0)
            continue;
        if (a > b)
            (*up)++;
        else if (a < b)
            (*down)++;
        else
            (*same)++;
    }
}
