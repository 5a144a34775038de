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
