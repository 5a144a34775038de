/* boards.c - the boards' vocabularies, checks and figures (boards.h): the toolkit's words for
 * the iceberg's levels and both tools' questions, onroll's for what the toolkit leaves open,
 * and who depends on whom on a map. Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/boards.h"
#include "onroll/invisible.h"
#include "onroll/sb.h"

const char *or_board_tool_code(or_board_tool t)
{
    return t == OR_BOARD_MAP ? "map" : t == OR_BOARD_ICEBERG ? "iceberg" : NULL;
}

int or_board_tool_parse(const char *s)
{
    if (s && !strcmp(s, "map"))
        return OR_BOARD_MAP;
    if (s && !strcmp(s, "iceberg"))
        return OR_BOARD_ICEBERG;
    return -1;
}

/* onroll's: the toolkit's map was a picture; "proximity" implies rings, not how many. */
static const char *const ring_labels[OR_MAP_RINGS] = {
    "Closest to the young person",
    "Further from the young person",
    "Furthest from the young person",
};

const char *or_map_ring_label(int ring)
{
    return ring >= 1 && ring <= OR_MAP_RINGS ? ring_labels[ring - 1] : NULL;
}

/* toolkit.json iceberg.levels: name and template_prompt, verbatim. */
static const or_iceberg_level levels[OR_ICEBERG_LEVELS] = {
    {"Events & Experiences", "What is happening? What events, behaviours, issues, initiatives, "
                             "interventions, experiences are we seeing?"},
    {"Behavioural Patterns & Incentives",
     "Why? What's been happening? What are the trends? What changes have occurred?"},
    {"Underlying Structures",
     "What is causing the pattern we are observing? What's the relationships between the parts? "
     "This could include funding, policy, technology, commissioning relationships, public "
     "services infrastructure, benefits models, educational systems, social care systems, etc."},
    {"Mental Models",
     "Attitudes, beliefs, morals, expectations and values that allow structures to continue "
     "functioning as they are. These are the things that we often learn subconsciously from our "
     "society or family and are likely unaware of."},
};

const or_iceberg_level *or_iceberg_level_at(int level)
{
    return level >= 1 && level <= OR_ICEBERG_LEVELS ? &levels[level - 1] : NULL;
}

/* onroll's types of player (the toolkit names players, not types). */
const or_board_term or_map_types[] = {
    {"education", "School or education"},
    {"la", "Local authority"},
    {"health", "Health"},
    {"social_care", "Social care and early help"},
    {"police", "Police and youth justice"},
    {"voluntary", "Voluntary and community sector"},
    {"family", "Family, friends and peers"},
    {"other", "Other"},
    {NULL, NULL},
};

/* the template's two columns (toolkit.json iceberg.template.columns) */
const or_board_term or_iceberg_sides[] = {
    {"driver", "Drivers"},
    {"barrier", "Barriers"},
    {NULL, NULL},
};

/* "add in connections between different players"; the discussion asks who depends on whom and
 * how well they work together */
const or_board_term or_map_link_kinds[] = {
    {"depends_on", "depends on"},
    {"works_with", "works with"},
    {NULL, NULL},
};

/* onroll's scale for "How well are they working together with others?" */
const or_board_term or_map_strengths[] = {
    {"well", "Working well together"},
    {"partly", "Working together in part"},
    {"poorly", "Not working well together"},
    {NULL, NULL},
};

const char *or_board_term_label(const or_board_term *vocab, const char *code)
{
    for (int i = 0; code && vocab[i].code; i++)
        if (!strcmp(vocab[i].code, code))
            return vocab[i].label;
    return NULL;
}

/* toolkit.json system_players_map.discussion_questions, verbatim */
const char *const or_map_questions[] = {
    "Who are the key players in the system?",
    "How are they connected to others?",
    "Who do they depend on to be able to do their job, i.e., support pupils, successfully?",
    "Who depends on them?",
    "How well are they working together with others?",
    "What could be improved in how players work with one another?",
};
const int or_map_nquestions = 6;

/* toolkit.json iceberg.discussion_questions, verbatim */
const char *const or_iceberg_questions[] = {
    "What is emerging from this exercise?",
    "What is resonating and/or jarring?",
    "What is missing?",
    "What connections between the different layers can you draw from this?",
    "What opportunities exist to intervene and at what level?",
};
const int or_iceberg_nquestions = 5;

/* toolkit.json system_players_map.example_players_named_in_document.players, verbatim (the
 * toolkit's list is itself inferred from its participant lists); the types are onroll's. */
const or_board_term or_map_seed_players[] = {
    {"headteachers", "education"},
    {"SENCOs", "education"},
    {"special schools", "education"},
    {"alternative provision", "education"},
    {"local authority education", "la"},
    {"social care", "social_care"},
    {"early help", "social_care"},
    {"health", "health"},
    {"CAMHS", "health"},
    {"police", "police"},
    {"youth workers", "voluntary"},
    {"social workers", "social_care"},
    {"charities / voluntary sector", "voluntary"},
    {"families", "family"},
    {"peer groups", "family"},
    {NULL, NULL},
};

or_code or_board_card_check(const or_board_card *c, or_error *err)
{
    const char *what = c->tool == OR_BOARD_MAP ? "player" : "note";
    if (c->tool != OR_BOARD_MAP && c->tool != OR_BOARD_ICEBERG)
        return or_fail(err, OR_EINPUT, "tool: %d is not the map or the iceberg", (int)c->tool);
    if (!c->text || !*c->text)
        return or_fail(err, OR_EINPUT, "%s: the text is empty", what);
    size_t len = strlen(c->text);
    if (len > OR_BOARD_TEXT_MAX)
        return or_fail(err, OR_EINPUT, "%s: is %zu bytes long, more than %d", what, len,
                       OR_BOARD_TEXT_MAX);
    if (or_text_check(c->text, false, err))
        return OR_EINPUT;
    if (c->tool == OR_BOARD_MAP) {
        if (c->place < 1 || c->place > OR_MAP_RINGS)
            return or_fail(err, OR_EINPUT, "ring: %d is not 1 to %d", c->place, OR_MAP_RINGS);
        if (!or_board_term_label(or_map_types, c->kind))
            return or_fail(err, OR_EINPUT, "type: '%s' is not a type of player",
                           c->kind ? c->kind : "");
        if (c->intervene)
            return or_fail(err, OR_EINPUT, "%s", "intervene: only the iceberg's notes are marked");
    } else {
        if (c->place < 1 || c->place > OR_ICEBERG_LEVELS)
            return or_fail(err, OR_EINPUT, "level: %d is not 1 to %d", c->place, OR_ICEBERG_LEVELS);
        if (!or_board_term_label(or_iceberg_sides, c->kind))
            return or_fail(err, OR_EINPUT, "side: '%s' is not driver or barrier",
                           c->kind ? c->kind : "");
    }
    return OR_OK;
}

or_code or_board_link_check(const or_board_link *l, const or_board_card *from,
                            const or_board_card *to, or_error *err)
{
    if (!from || !to)
        return or_fail(err, OR_EINPUT, "%s", "link: a card it joins is not on this board");
    if (from->id == to->id)
        return or_fail(err, OR_EINPUT, "%s", "link: a card cannot be linked to itself");
    if (from->workshop != l->workshop || to->workshop != l->workshop || from->tool != l->tool ||
        to->tool != l->tool)
        return or_fail(err, OR_EINPUT, "%s", "link: a card it joins is not on this board");
    const char *strength = l->strength ? l->strength : "";
    if (l->tool == OR_BOARD_MAP) {
        if (!or_board_term_label(or_map_link_kinds, l->kind))
            return or_fail(err, OR_EINPUT, "kind: '%s' is not depends_on or works_with",
                           l->kind ? l->kind : "");
        if (*strength && !or_board_term_label(or_map_strengths, strength))
            return or_fail(err, OR_EINPUT, "strength: '%s' is not well, partly or poorly",
                           strength);
    } else {
        if (!l->kind || strcmp(l->kind, "links"))
            return or_fail(err, OR_EINPUT, "kind: '%s' is not links", l->kind ? l->kind : "");
        if (*strength)
            return or_fail(err, OR_EINPUT, "%s", "strength: only the map's links have one");
        if (from->place == to->place)
            return or_fail(err, OR_EINPUT,
                           "link: both notes are at level %d; a link goes across levels",
                           from->place);
    }
    return OR_OK;
}

/* ---- who depends on whom ---- */

/* The name folded for comparing: ASCII letters lower-cased, spaces trimmed and collapsed. */
static char *fold(or_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *f = or_arena_alloc(a, n + 1);
    size_t k = 0;
    bool space = false;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == ' ' || ch == '\t') {
            space = k > 0;
            continue;
        }
        if (space)
            f[k++] = ' ';
        space = false;
        f[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    f[k] = '\0';
    return f;
}

typedef struct {
    int n;
    int *of; /* players, in the order first met */
} pset;

static bool pset_add(pset *s, int p)
{
    for (int i = 0; i < s->n; i++)
        if (s->of[i] == p)
            return false;
    s->of[s->n++] = p;
    return true;
}

static int by_dependence(const void *x, const void *y)
{
    const or_map_dependence *a = x, *b = y;
    if (a->depended_on_by != b->depended_on_by)
        return b->depended_on_by - a->depended_on_by;
    if (a->depends_on != b->depends_on)
        return b->depends_on - a->depends_on;
    return strcasecmp(a->player, b->player);
}

static const char *names_of(or_arena *a, const pset *s, const or_map_dependence *rows)
{
    or_sb sb = OR_SB_INIT;
    for (int i = 0; i < s->n; i++) {
        if (i)
            or_sb_adds(&sb, "; ");
        or_sb_adds(&sb, rows[s->of[i]].player);
    }
    const char *r = or_arena_strdup(a, sb.len ? or_sb_str(&sb) : "");
    or_sb_release(&sb);
    return r;
}

void or_map_dependence_count(const or_board_card *cards, int n, const or_board_link *links, int nl,
                             or_arena *a, or_map_dependence **out, int *nout)
{
    *out = NULL;
    *nout = 0;
    if (n <= 0)
        return;
    or_map_dependence *rows = or_arena_calloc(a, (size_t)n, sizeof *rows);
    const char **keys = or_arena_calloc(a, (size_t)n, sizeof *keys);
    int *player_of = or_arena_calloc(a, (size_t)n, sizeof *player_of);
    int np = 0;
    for (int i = 0; i < n; i++) {
        const char *k = fold(a, cards[i].text ? cards[i].text : "");
        int p = 0;
        while (p < np && strcmp(keys[p], k))
            p++;
        if (p == np) {
            keys[np] = k;
            rows[np].player = cards[i].text ? cards[i].text : "";
            rows[np].ring = cards[i].place;
            np++;
        }
        rows[p].cards++;
        if (cards[i].place < rows[p].ring)
            rows[p].ring = cards[i].place;
        player_of[i] = p;
    }
    pset *deps = or_arena_calloc(a, (size_t)np, sizeof *deps);
    pset *by = or_arena_calloc(a, (size_t)np, sizeof *by);
    pset *with = or_arena_calloc(a, (size_t)np, sizeof *with);
    for (int p = 0; p < np; p++) {
        deps[p].of = or_arena_calloc(a, (size_t)np, sizeof(int));
        by[p].of = or_arena_calloc(a, (size_t)np, sizeof(int));
        with[p].of = or_arena_calloc(a, (size_t)np, sizeof(int));
    }
    for (int j = 0; j < nl; j++) {
        int f = -1, t = -1;
        for (int i = 0; i < n; i++) {
            if (cards[i].id == links[j].from)
                f = player_of[i];
            if (cards[i].id == links[j].to)
                t = player_of[i];
        }
        if (f < 0 || t < 0 || f == t || !links[j].kind)
            continue;
        if (!strcmp(links[j].kind, "depends_on")) {
            pset_add(&deps[f], t);
            pset_add(&by[t], f);
        } else if (!strcmp(links[j].kind, "works_with")) {
            pset_add(&with[f], t);
            pset_add(&with[t], f);
        }
    }
    for (int p = 0; p < np; p++) {
        rows[p].depends_on = deps[p].n;
        rows[p].depended_on_by = by[p].n;
        rows[p].works_with = with[p].n;
    }
    for (int p = 0; p < np; p++) {
        rows[p].depends_names = names_of(a, &deps[p], rows);
        rows[p].depended_names = names_of(a, &by[p], rows);
    }
    if (np > 1)
        qsort(rows, (size_t)np, sizeof *rows, by_dependence);
    *out = rows;
    *nout = np;
}

/* ---- wrapping text for the drawings ---- */

/* Bytes of the first `chars` code points of s (or all of s). */
static size_t bytes_of(const char *s, int chars)
{
    const unsigned char *p = (const unsigned char *)s;
    for (int i = 0; i < chars && *p; i++) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
    }
    return (size_t)((const char *)p - s);
}

static int chars_of(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

int or_board_wrap(const char *text, int width, int max_lines, or_arena *a, const char **lines)
{
    int nl = 0;
    const char *p = text ? text : "";
    if (width < 2 || max_lines < 1)
        return 0;
    while (*p && nl < max_lines) {
        while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t rest = strlen(p);
        size_t take;
        if (chars_of(p, rest) <= width) {
            take = rest;
        } else {
            size_t limit = bytes_of(p, width);
            take = 0;
            for (size_t i = 1; i <= limit; i++) /* the last space within the width */
                if (p[i] == ' ' || p[i] == '\n' || p[i] == '\t')
                    take = i;
            if (take == 0)
                take = limit; /* one long word: cut it */
        }
        const char *next = p + take;
        bool more = false;
        for (const char *q = next; *q; q++)
            if (*q != ' ' && *q != '\n' && *q != '\r' && *q != '\t')
                more = true;
        size_t len = take;
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\n' || p[len - 1] == '\r'))
            len--;
        if (nl == max_lines - 1 && more) {
            /* the last line: as much as fits with an ellipsis after it */
            size_t fit = bytes_of(p, width - 1);
            if (fit < len)
                len = fit;
            while (len > 0 && p[len - 1] == ' ')
                len--;
            lines[nl++] = or_arena_printf(a, "%.*s\xe2\x80\xa6", (int)len, p);
            return nl;
        }
        char *line = or_arena_strndup(a, p, len);
        for (char *c = line; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        lines[nl++] = line;
        p = next;
    }
    return nl;
}
