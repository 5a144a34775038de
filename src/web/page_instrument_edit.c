/* page_instrument_edit.c - editing an instrument on the form engine (form.h), for LA officers:
 * every save makes a NEW version (the next after the newest; the old stays for the reviews
 * started on it), stored as one transaction with its audit line (store_instruments.h).
 *
 *   /instruments/ID/edit          the instrument: title, about, the scale's levels, the area
 *                                 judgements' levels and note, the boxes after each area (one a
 *                                 line); its areas, each with a link to edit it; remove areas,
 *                                 add one
 *   /instruments/ID/edit?area=N   area N: its title (a placeholder area the source does not name
 *                                 is renamed here: it is then the LA's name, no longer a
 *                                 placeholder), note, quality descriptors, judgements asked for;
 *                                 each item's text, response type, descriptors (one per level)
 *                                 and fields, or removed; a new item
 *
 * A placeholder's name set with `onroll instruments rename-area` is the title the form starts
 * with, so it carries into the new version. Every message names the field and the value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/instrument_json.h"
#include "onroll/reviews.h"
#include "onroll/store_instruments.h"
#include "web/form.h"
#include "web/instruments_web.h"
#include "web/reviews_web.h"
#include "web/view.h"
#include "web/web.h"

/* ---- lines ---- */

/* The non-empty lines of a textarea, trimmed, in the request's arena */
static int lines_of(const web_request *req, const char *text, const char ***out)
{
    int n = 0, cap = 4;
    const char **xs = or_arena_calloc(req->arena, (size_t)cap, sizeof *xs);
    const char *p = text;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *b = p, *z = p + len;
        while (b < z && (*b == ' ' || *b == '\t' || *b == '\r'))
            b++;
        while (z > b && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r'))
            z--;
        if (z > b) {
            if (n + 1 >= cap) {
                xs = or_arena_grow(req->arena, xs, (size_t)cap, (size_t)cap * 2, sizeof *xs);
                cap *= 2;
            }
            xs[n++] = or_arena_strndup(req->arena, b, (size_t)(z - b));
        }
        p = e ? e + 1 : NULL;
    }
    *out = xs;
    return n;
}

static const char *join_lines(const web_request *req, const char *const *xs, int n)
{
    const char *s = "";
    for (int i = 0; i < n; i++)
        s = or_arena_printf(req->arena, "%s%s%s", s, i ? "\n" : "", xs[i]);
    return s;
}

/* An item's fields as lines: "Label", or "Label | data_key" for a figure onroll fills */
static const char *fields_text(const web_request *req, const or_instr_item *it)
{
    const char *s = "";
    for (int f = 0; f < it->nfields; f++)
        s = or_arena_printf(req->arena, "%s%s%s%s%s", s, f ? "\n" : "", it->fields[f].label,
                            it->fields[f].data_key ? " | " : "",
                            it->fields[f].data_key ? it->fields[f].data_key : "");
    return s;
}

static int fields_of(const web_request *req, const char *text, or_instr_field **out)
{
    const char **ls = NULL;
    int n = lines_of(req, text, &ls);
    or_instr_field *fs = or_arena_calloc(req->arena, (size_t)n + 1, sizeof *fs);
    for (int i = 0; i < n; i++) {
        const char *bar = strrchr(ls[i], '|');
        if (!bar) {
            fs[i].label = ls[i];
            continue;
        }
        const char *l = ls[i], *le = bar, *k = bar + 1;
        while (le > l && le[-1] == ' ')
            le--;
        while (*k == ' ')
            k++;
        fs[i].label = or_arena_strndup(req->arena, l, (size_t)(le - l));
        fs[i].data_key = *k ? k : NULL;
    }
    *out = fs;
    return n;
}

/* A placeholder area's note once the LA has named it */
static const char *const named_note =
    "The local authority named this area: the toolkit does not name it.";

/* ---- what is being edited ---- */

typedef struct {
    const or_instrument_set *set;
    const or_instrument *in; /* the newest version: the new one starts as its copy */
    const char **area_names; /* the LA's names of its placeholders (rename-area), or NULL */
    int area;                /* 0-based, or -1: the instrument itself */
    const gov_choice *resp;  /* the response types as choices */
    form f;
} edit_ctx;

static const char *area_title(const edit_ctx *x, int s)
{
    return x->area_names && x->area_names[s] ? x->area_names[s] : x->in->sections[s].title;
}

static bool load(const web_request *req, web_response *res, edit_ctx *x)
{
    memset(x, 0, sizeof *x);
    if (!instruments_load(req, res, &x->set, &x->in))
        return false;
    x->in = or_instrument_set_find(x->set, x->in->id, 0); /* always from the newest */
    or_error err = {0};
    if (or_instrument_area_names(req->store, x->in, req->arena, &x->area_names, &err))
        x->area_names = NULL;
    const char *a = web_param_get(&req->query, "area");
    int n = a ? atoi(a) : 0;
    x->area = -1;
    if (a && (n < 1 || n > x->in->nsections)) {
        web_error(req, res, 404, "Page not found", "There is no such area.");
        return false;
    }
    if (a)
        x->area = n - 1;
    return true;
}

/* ---- the instrument's own form ---- */

enum { I_TITLE, I_ABOUT, I_LEVELS, I_JUDGEMENTS, I_JNOTE, I_BOXES, I_REMOVE, I_ADD, I_BASE, I__N };
static const form_field ifields[I__N] = {
    [I_TITLE] = {"title", "Title", NULL, FORM_TEXT, FORM_REQUIRED,
                 .missing = "Enter the instrument's title", .max = 200},
    [I_ABOUT] = {"about", "About (optional)", "What it is for, for the schools", FORM_TEXTAREA, 0,
                 .max = 4000, .rows = 3},
    [I_LEVELS] = {"levels", "The scale's levels (optional)",
                  "One a line, lowest first, for example Emerging, Established, Advanced. Items "
                  "answered with a level need two or more.",
                  FORM_TEXTAREA, 0, .max = 2000, .rows = 4},
    [I_JUDGEMENTS] = {"judgements", "Area judgements (optional)",
                      "One a line: the levels a whole area is judged at. None: no area judgement.",
                      FORM_TEXTAREA, 0, .max = 2000, .rows = 4},
    [I_JNOTE] = {"judgement_note", "How a judgement is reached (optional)", NULL, FORM_TEXTAREA, 0,
                 .max = 4000, .rows = 2},
    [I_BOXES] = {"boxes", "Boxes after each area (optional)",
                 "One a line, for example Evidence, or Strengths and areas for development",
                 FORM_TEXTAREA, 0, .max = 2000, .rows = 3},
    [I_REMOVE] = {"remove", "Remove areas (optional)",
                  "A removed area stays in the older versions and the reviews made on them",
                  FORM_CHECKBOXES, 0, .group = "Remove or add areas"},
    [I_ADD] = {"add", "Add an area (optional)", "Its title: its items are added on its own page",
               FORM_TEXT, 0, .max = 200, .group = "Remove or add areas"},
    [I_BASE] = {"base", .type = FORM_HIDDEN}, /* the version the form was made from */
};

static void inst_build(const web_request *req, edit_ctx *x)
{
    form_init(&x->f, req, ifields, I__N);
    gov_choice *ch = or_arena_calloc(req->arena, (size_t)x->in->nsections + 1, sizeof *ch);
    for (int s = 0; s < x->in->nsections; s++)
        ch[s] = (gov_choice){or_arena_printf(req->arena, "%d", s + 1),
                             or_arena_printf(req->arena, "%d. %s", s + 1, area_title(x, s)), NULL};
    x->f.fields[I_REMOVE].choices = ch;
    x->f.fields[I_REMOVE].nchoices = x->in->nsections;
    form_set(&x->f, I_TITLE, x->in->title);
    form_set(&x->f, I_ABOUT, x->in->about);
    form_set(&x->f, I_LEVELS, join_lines(req, x->in->levels, x->in->nlevels));
    form_set(&x->f, I_JUDGEMENTS, join_lines(req, x->in->judgements, x->in->njudgements));
    form_set(&x->f, I_JNOTE, x->in->judgement_note);
    form_set(&x->f, I_BOXES, join_lines(req, x->in->boxes, x->in->nboxes));
    form_set(&x->f, I_REMOVE, "");
    form_set(&x->f, I_ADD, "");
    form_set(&x->f, I_BASE, or_arena_printf(req->arena, "%d", x->in->version));
}

static void caption_and_areas(or_sb *out, const web_request *req, const edit_ctx *x)
{
    html_printf(out,
                "<p class=\"govuk-body\">Saving makes version %d. Reviews started on version %d "
                "or before keep theirs.</p>\n",
                x->in->version + 1, x->in->version);
    const char *heads[] = {"Area", "Items", "Change"};
    html_raw(out, "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                  "aria-label=\"Areas\">\n");
    gov_table_start(out, "Areas", heads, 3);
    for (int s = 0; s < x->in->nsections; s++) {
        char n[16];
        snprintf(n, sizeof n, "%d", x->in->sections[s].nitems);
        gov_table_row_start(out);
        gov_td(out, or_arena_printf(req->arena, "%d. %s", s + 1, area_title(x, s)));
        gov_td(out, n);
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/instruments/%t/edit?area=%d\">Edit<span "
                    "class=\"govuk-visually-hidden\"> area %d</span></a></td>\n",
                    x->in->id, s + 1, s + 1);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void inst_show(const web_request *req, web_response *res, edit_ctx *x)
{
    or_sb *out = &res->body;
    form_page_start(out, &x->f, "Edit the instrument",
                    or_arena_printf(req->arena, "/instruments/%s", x->in->id),
                    "Back to the instrument", x->in->title);
    caption_and_areas(out, req, x);
    form_start(out, &x->f, or_arena_printf(req->arena, "/instruments/%s/edit", x->in->id));
    form_fields_html(out, &x->f, 0, I__N);
    form_page_end(out, &x->f, res,
                  or_arena_printf(req->arena, "Save as version %d", x->in->version + 1), "save");
}

/* The new version's instrument fields from the form; false with errors on the form */
static bool inst_apply(const web_request *req, edit_ctx *x, or_instrument *nw)
{
    form *f = &x->f;
    nw->title = form_text(f, I_TITLE);
    nw->about = form_text(f, I_ABOUT);
    nw->judgement_note = form_text(f, I_JNOTE);
    const char **ls = NULL;
    nw->nlevels = lines_of(req, form_text(f, I_LEVELS), &ls);
    nw->levels = ls;
    nw->njudgements = lines_of(req, form_text(f, I_JUDGEMENTS), &ls);
    nw->judgements = ls;
    nw->nboxes = lines_of(req, form_text(f, I_BOXES), &ls);
    nw->boxes = ls;
    /* areas: the kept ones, then the new one */
    or_instr_section *ss = or_arena_calloc(req->arena, (size_t)x->in->nsections + 2, sizeof *ss);
    int n = 0;
    for (int s = 0; s < x->in->nsections; s++) {
        char v[16];
        snprintf(v, sizeof v, "%d", s + 1);
        bool gone = false;
        for (int k = 0; k < f->v[I_REMOVE].nitems; k++)
            gone |= !strcmp(f->v[I_REMOVE].items[k], v);
        if (gone)
            continue;
        ss[n] = x->in->sections[s];
        if (x->area_names && x->area_names[s]) { /* the CLI's name carries */
            ss[n].title = x->area_names[s];
            ss[n].placeholder = false;
            ss[n].note = named_note;
        }
        n++;
    }
    if (*form_text(f, I_ADD))
        ss[n++] = (or_instr_section){.title = form_text(f, I_ADD), .note = ""};
    if (!n)
        form_error(f, I_REMOVE, "An instrument needs one area or more: keep one");
    nw->sections = ss;
    nw->nsections = n;
    /* the levels against the items that use them */
    for (int s = 0; s < n; s++)
        for (int i = 0; i < ss[s].nitems; i++) {
            const or_instr_item *it = &ss[s].items[i];
            if (it->resp == OR_RESP_RATING && nw->nlevels < 2 && !form_error_of(f, I_LEVELS))
                form_error(f, I_LEVELS,
                           or_arena_printf(req->arena,
                                           "The scale's levels: %d given; area %d, '%s', has "
                                           "items answered with a level, so give two or more",
                                           nw->nlevels, s + 1, ss[s].title));
            if (it->descriptors && nw->nlevels != x->in->nlevels && !form_error_of(f, I_LEVELS))
                form_error(f, I_LEVELS,
                           or_arena_printf(req->arena,
                                           "The scale's levels: %d given, but area %d, '%s', "
                                           "has items with a descriptor for each of %d levels: "
                                           "keep %d levels, or change those items first",
                                           nw->nlevels, s + 1, ss[s].title, x->in->nlevels,
                                           x->in->nlevels));
        }
    for (int s = 0; s < n; s++)
        if (ss[s].njudged && !nw->njudgements && !form_error_of(f, I_JUDGEMENTS))
            form_error(f, I_JUDGEMENTS,
                       or_arena_printf(req->arena,
                                       "Area judgements: none given, but area %d, '%s', asks "
                                       "for %d: give their levels, one a line",
                                       s + 1, ss[s].title, ss[s].njudged));
    return f->nerrors == 0;
}

/* ---- an area's form ---- */

enum { A_TITLE, A_NOTE, A_DESCR, A_JUDGED, A_BASE, A__N };
enum { PER_ITEM = 5 }; /* text, response, descriptors, fields, remove */
static const form_field afields[A__N] = {
    [A_TITLE] = {"title", "Area title", NULL, FORM_TEXT, FORM_REQUIRED,
                 .missing = "Enter the area's title", .max = 200},
    [A_NOTE] = {"note", "Note (optional)", "What the source says about this area, or does not",
                FORM_TEXTAREA, 0, .max = 4000, .rows = 2},
    [A_DESCR] = {"descriptors", "What good looks like in this area (optional)",
                 "One a line: shown to the school as guidance", FORM_TEXTAREA, 0, .max = 20000,
                 .rows = 4},
    [A_JUDGED] = {"judged", "Judgements asked for (optional)",
                  "One a line, for example Overall judgement. The levels are the instrument's "
                  "area judgements.",
                  FORM_TEXTAREA, 0, .max = 1000, .rows = 2},
    [A_BASE] = {"base", .type = FORM_HIDDEN}, /* the version the form was made from */
};

static const gov_choice remove_choice[] = {{"yes", "Remove this item", NULL}};

/* The response types as choices, in the request's arena */
static const gov_choice *resp_choices(const web_request *req)
{
    gov_choice *ch = or_arena_calloc(req->arena, OR_RESP__N, sizeof *ch);
    for (int t = 0; t < OR_RESP__N; t++)
        ch[t] = (gov_choice){or_resp_ids[t], instruments_resp_words((or_resp_type)t), NULL};
    return ch;
}

/* Item i's fields (i == nitems: the new item) from index A__N + i * PER_ITEM */
static void item_fields(const web_request *req, edit_ctx *x, int i, const or_instr_item *it)
{
    bool fresh = !it;
    const char *g = fresh ? "A new item (optional)" : or_arena_printf(req->arena, "Item %d", i + 1);
    const char *lv = x->in->nlevels
                         ? or_arena_printf(req->arena,
                                           "One a line, one for each of the %d levels (%s first), "
                                           "or none",
                                           x->in->nlevels, x->in->levels[0])
                         : "The instrument has no scale: leave this empty";
    form_field fs[PER_ITEM] = {
        {or_arena_printf(req->arena, "item%d-text", i), fresh ? "Text (optional)" : "Text",
         fresh ? "The question or statement: leave empty to add no item" : NULL, FORM_TEXTAREA,
         fresh ? 0 : FORM_REQUIRED, .max = 4000, .rows = 3, .group = g,
         .missing = or_arena_printf(req->arena, "Enter item %d's text", i + 1)},
        {or_arena_printf(req->arena, "item%d-resp", i), "Answered with", NULL, FORM_SELECT,
         FORM_REQUIRED, .choices = x->resp, .nchoices = OR_RESP__N,
         .missing = "Select how the item is answered"},
        {or_arena_printf(req->arena, "item%d-descr", i), "Descriptors of the levels (optional)", lv,
         FORM_TEXTAREA, 0, .max = 20000, .rows = 3},
        {or_arena_printf(req->arena, "item%d-fields", i), "Fields (optional)",
         "One a line, for example Insert details here. A figure onroll fills: the label, | and "
         "its key, for example Pupils on SEN support | sen_k",
         FORM_TEXTAREA, 0, .max = 4000, .rows = 2},
        {or_arena_printf(req->arena, "item%d-remove", i), "Remove", NULL, FORM_CHECKBOXES, 0,
         .choices = remove_choice, .nchoices = 1},
    };
    for (int k = 0; k < PER_ITEM; k++) {
        if (fresh && k == PER_ITEM - 1)
            fs[k].type = FORM_HIDDEN; /* nothing to remove */
        fs[k].noun = or_arena_printf(req->arena, "%s of %s", fs[k].label, g);
        int fi = form_add(&x->f, &fs[k]);
        if (fresh) {
            form_set(&x->f, fi, k == 1 ? "text" : "");
            continue;
        }
        switch (k) {
        case 0:
            form_set(&x->f, fi, it->text);
            break;
        case 1:
            form_set(&x->f, fi, or_resp_ids[it->resp]);
            break;
        case 2:
            form_set(&x->f, fi,
                     it->descriptors ? join_lines(req, it->descriptors, x->in->nlevels) : "");
            break;
        case 3:
            form_set(&x->f, fi, fields_text(req, it));
            break;
        default:
            form_set(&x->f, fi, "");
        }
    }
}

static void area_build(const web_request *req, edit_ctx *x)
{
    x->resp = resp_choices(req);
    const or_instr_section *sec = &x->in->sections[x->area];
    form_init(&x->f, req, afields, A__N);
    form_set(&x->f, A_TITLE, area_title(x, x->area));
    form_set(&x->f, A_NOTE, sec->note);
    form_set(&x->f, A_DESCR, join_lines(req, sec->descriptors, sec->ndescriptors));
    form_set(&x->f, A_JUDGED, join_lines(req, sec->judged, sec->njudged));
    form_set(&x->f, A_BASE, or_arena_printf(req->arena, "%d", x->in->version));
    for (int i = 0; i < sec->nitems; i++)
        item_fields(req, x, i, &sec->items[i]);
    item_fields(req, x, sec->nitems, NULL);
}

static void area_show(const web_request *req, web_response *res, edit_ctx *x)
{
    or_sb *out = &res->body;
    const or_instr_section *sec = &x->in->sections[x->area];
    form_page_start(
        out, &x->f,
        or_arena_printf(req->arena, "Edit area %d: %s", x->area + 1, area_title(x, x->area)),
        or_arena_printf(req->arena, "/instruments/%s/edit", x->in->id), "Back to the instrument",
        x->in->title);
    html_printf(out,
                "<p class=\"govuk-body\">Saving makes version %d. Reviews started on version %d "
                "or before keep theirs.</p>\n",
                x->in->version + 1, x->in->version);
    if (sec->placeholder)
        html_raw(out, "<div class=\"govuk-inset-text\">The toolkit does not name this area: "
                      "give it the local authority's name.</div>\n");
    form_start(out, &x->f,
               or_arena_printf(req->arena, "/instruments/%s/edit?area=%d", x->in->id, x->area + 1));
    form_fields_html(out, &x->f, 0, x->f.n);
    form_page_end(out, &x->f, res,
                  or_arena_printf(req->arena, "Save as version %d", x->in->version + 1), "save");
}

/* A key "aS.iK" in area s (1-based) that no item of the new version has yet */
static const char *new_key(const web_request *req, const or_instrument *nw, int s, int from)
{
    for (int k = from;; k++) {
        const char *key = or_arena_printf(req->arena, "a%d.i%d", s, k);
        bool used = false;
        for (int t = 0; t < nw->nsections && !used; t++)
            for (int i = 0; i < nw->sections[t].nitems && !used; i++)
                used = nw->sections[t].items[i].key && !strcmp(nw->sections[t].items[i].key, key);
        if (!used)
            return key;
    }
}

static bool area_apply(const web_request *req, edit_ctx *x, or_instrument *nw)
{
    form *f = &x->f;
    const or_instr_section *old = &x->in->sections[x->area];
    or_instr_section *ss = or_arena_calloc(req->arena, (size_t)x->in->nsections + 1, sizeof *ss);
    memcpy(ss, x->in->sections, sizeof *ss * (size_t)x->in->nsections);
    nw->sections = ss;
    or_instr_section *sec = &ss[x->area];
    sec->title = form_text(f, A_TITLE);
    if (strcmp(sec->title, old->title))
        sec->placeholder = false; /* the LA's name now */
    sec->note = form_text(f, A_NOTE);
    if (old->placeholder && !sec->placeholder && !strcmp(sec->note, old->note))
        sec->note = named_note; /* the placeholder's note said the LA renames it */
    const char **ls = NULL;
    sec->ndescriptors = lines_of(req, form_text(f, A_DESCR), &ls);
    sec->descriptors = ls;
    sec->njudged = lines_of(req, form_text(f, A_JUDGED), &ls);
    sec->judged = ls;
    if (sec->njudged && !nw->njudgements)
        form_error(f, A_JUDGED,
                   or_arena_printf(req->arena,
                                   "Judgements asked for: %d given, but the instrument has no "
                                   "area judgement levels: add them on the instrument's page first",
                                   sec->njudged));
    else if (sec->njudged > 4)
        form_error(
            f, A_JUDGED,
            or_arena_printf(req->arena, "Judgements asked for: %d given; at most 4", sec->njudged));
    or_instr_item *its = or_arena_calloc(req->arena, (size_t)old->nitems + 2, sizeof *its);
    int n = 0;
    for (int i = 0; i <= old->nitems; i++) {
        int b = A__N + i * PER_ITEM;
        bool fresh = i == old->nitems;
        if (!fresh && f->v[b + 4].nitems)
            continue; /* removed */
        const char *text = form_text(f, b);
        if (fresh && !*text)
            continue;
        or_instr_item *it = &its[n];
        it->key = fresh ? NULL : old->items[i].key;
        it->text = text;
        it->resp = OR_RESP_TEXT;
        for (int t = 0; t < OR_RESP__N; t++)
            if (!strcmp(form_text(f, b + 1), or_resp_ids[t]))
                it->resp = (or_resp_type)t;
        const char *name = fresh ? "The new item" : or_arena_printf(req->arena, "Item %d", i + 1);
        int nd = lines_of(req, form_text(f, b + 2), &ls);
        it->descriptors = nd ? ls : NULL;
        if (nd && nd != nw->nlevels)
            form_error(f, b + 2,
                       nw->nlevels
                           ? or_arena_printf(req->arena,
                                             "%s's descriptors: %d lines given, starting '%.40s'; "
                                             "the scale has %d levels: give one a line for each, "
                                             "or none",
                                             name, nd, ls[0], nw->nlevels)
                           : or_arena_printf(req->arena,
                                             "%s's descriptors: %d lines given, starting '%.40s'; "
                                             "the instrument has no scale: leave them empty",
                                             name, nd, ls[0]));
        if (it->resp == OR_RESP_RATING && nw->nlevels < 2)
            form_error(f, b + 1,
                       or_arena_printf(req->arena,
                                       "%s is answered with a level, but the instrument has no "
                                       "scale: choose another answer, or add the scale's levels "
                                       "on the instrument's page",
                                       name));
        or_instr_field *fs = NULL;
        it->nfields = fields_of(req, form_text(f, b + 3), &fs);
        it->fields = fs;
        for (int k = 0; k < it->nfields; k++) {
            const char *dk = fs[k].data_key;
            if (dk && strspn(dk, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(dk))
                form_error(f, b + 3,
                           or_arena_printf(req->arena,
                                           "%s's field %d: '%s' is not a figure's key (lower-case "
                                           "letters, digits and _, for example sen_k)",
                                           name, k + 1, dk));
        }
        n++;
    }
    sec->items = its;
    sec->nitems = n;
    for (int i = 0; i < n; i++)
        if (!its[i].key)
            its[i].key = new_key(req, nw, x->area + 1, n);
    return f->nerrors == 0;
}

/* ---- the pages ---- */

void page_instrument_edit(const web_request *req, web_response *res)
{
    edit_ctx x;
    if (!load(req, res, &x))
        return;
    if (x.area < 0) {
        inst_build(req, &x);
        inst_show(req, res, &x);
    } else {
        area_build(req, &x);
        area_show(req, res, &x);
    }
}

void page_instrument_edit_post(const web_request *req, web_response *res)
{
    edit_ctx x;
    if (!load(req, res, &x))
        return;
    if (x.area < 0)
        inst_build(req, &x);
    else
        area_build(req, &x);
    form_read(&x.f);
    form_validate(&x.f);
    if (atoi(form_text(&x.f, x.area < 0 ? I_BASE : A_BASE)) != x.in->version) {
        /* another version was saved since this form was opened: its items may differ */
        web_error(req, res, 409, "Someone saved a new version meanwhile",
                  "This instrument has a newer version than the one your form was made from. "
                  "Nothing was saved: open it again and make your change on the newest.");
        return;
    }
    or_instrument nw = *x.in;
    nw.version = x.in->version + 1;
    bool ok =
        x.f.nerrors == 0 && (x.area < 0 ? inst_apply(req, &x, &nw) : area_apply(req, &x, &nw));
    or_error err = {0};
    if (ok && or_instrument_check(&nw, &err)) {
        form_error(&x.f, -1, err.msg); /* a backstop: the checks above name it in words */
        ok = false;
    }
    if (!ok) {
        form_errors_in_order(&x.f);
        if (x.area < 0)
            inst_show(req, res, &x);
        else
            area_show(req, res, &x);
        return;
    }
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_instrument_version_put(req->store, x.set, &nw, req->user->email, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       x.area < 0
                           ? or_arena_printf(req->arena, "instrument %s version %d saved", nw.id,
                                             nw.version)
                           : or_arena_printf(req->arena,
                                             "instrument %s version %d saved: area %d, '%s', %d "
                                             "items",
                                             nw.id, nw.version, x.area + 1,
                                             nw.sections[x.area].title, nw.sections[x.area].nitems))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        if (rc == OR_ECONFLICT) {
            form_error(&x.f, -1,
                       "Someone saved a new version of this instrument meanwhile: open it again "
                       "and make your change on the newest");
            form_errors_in_order(&x.f);
            x.area < 0 ? inst_show(req, res, &x) : area_show(req, res, &x);
            return;
        }
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The instrument could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/instruments/%s?saved=1", nw.id));
}
