/* board_web.c - the board engine of the system-players map and the iceberg (board_web.h): who
 * sees and changes which card, the page with its drawing and list view, the forms, the
 * downloads and the report's sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/board_svg.h"
#include "onroll/csvout.h"
#include "onroll/labels.h"
#include "onroll/letter_doc.h"
#include "onroll/store_boards.h"
#include "web/board_web.h"
#include "web/form.h"

/* ---- the board as the caller may see it ---- */

typedef struct {
    ws_ctx w;
    or_board_tool tool;
    const char *code;     /* "map" */
    const char *base;     /* "/workshops/7/map" */
    bool revealed;        /* the tool's drafts shown to all */
    bool can_write;       /* a participant, or the facilitator */
    or_board_card *cards; /* what the caller sees */
    int n;
    or_board_link *links;
    int nl;
    bool paper; /* for the PDF: no links to change anything */
} board;

static const char *tool_title(or_board_tool t)
{
    return t == OR_BOARD_MAP ? "System-players map" : "Iceberg";
}

static const char *noun(or_board_tool t)
{
    return t == OR_BOARD_MAP ? "player" : "note";
}

static bool own(const board *b, const or_board_card *c)
{
    return c->author && b->w.who && !strcmp(c->author, b->w.who);
}

static bool card_visible(const board *b, const or_board_card *c)
{
    return c->workshop == b->w.id && c->tool == b->tool && (b->revealed || own(b, c));
}

/* Change or remove: who wrote it, or the facilitator once the tool is revealed. */
static bool may_change(const board *b, const or_board_card *c)
{
    return card_visible(b, c) && b->can_write && (own(b, c) || (b->w.facilitator && b->revealed));
}

static const or_board_card *find_card(const board *b, int64_t id)
{
    for (int i = 0; i < b->n; i++)
        if (b->cards[i].id == id)
            return &b->cards[i];
    return NULL;
}

static void store_failed(const web_request *req, web_response *res)
{
    web_error(req, res, 500, "Sorry, there is a problem with the service",
              "The board could not be read or saved. Nothing was changed.");
}

/* The board of workshop w as w's caller sees it; false on a store failure. */
static bool load_for(const web_request *req, const ws_ctx *w, or_board_tool tool, board *b)
{
    memset(b, 0, sizeof *b);
    b->w = *w;
    b->tool = tool;
    b->code = or_board_tool_code(tool);
    b->base = or_arena_printf(req->arena, "/workshops/%lld/%s", (long long)b->w.id, b->code);
    b->revealed = ws_revealed(req, b->w.id, b->code);
    b->can_write = b->w.participant != 0 || b->w.facilitator;
    or_board_card *all = NULL;
    or_board_link *links = NULL;
    int n = 0, nl = 0;
    or_error err = {0};
    if (or_board_cards(req->store, b->w.id, tool, req->arena, &all, &n, &err) ||
        or_board_links(req->store, b->w.id, tool, req->arena, &links, &nl, &err))
        return false;
    b->cards = all;
    for (int i = 0; i < n; i++)
        if (card_visible(b, &all[i]))
            b->cards[b->n++] = all[i];
    b->links = links;
    for (int j = 0; j < nl; j++) {
        bool mine = links[j].author && !strcmp(links[j].author, b->w.who);
        if ((b->revealed || mine) && find_card(b, links[j].from) && find_card(b, links[j].to))
            b->links[b->nl++] = links[j];
    }
    return true;
}

static bool load(const web_request *req, web_response *res, or_board_tool tool, board *b)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return false;
    if (!load_for(req, &w, tool, b)) {
        store_failed(req, res);
        return false;
    }
    return true;
}

/* 404 for a card or link the caller may not see (or of another workshop or board): audited. */
static void not_found(const web_request *req, web_response *res, const board *b, const char *what)
{
    web_audit(req, "denied", NULL,
              or_arena_printf(req->arena, "workshop %lld %s: %s (%s)", (long long)b->w.id, b->code,
                              what, b->w.who));
    web_error(req, res, 404, "Page not found",
              "If you typed the web address, check it is correct.");
}

static void refused(const web_request *req, web_response *res, const board *b, const char *why)
{
    web_audit(req, "denied", NULL,
              or_arena_printf(req->arena, "workshop %lld %s: %s (%s)", (long long)b->w.id, b->code,
                              why, b->w.who));
    web_error(req, res, 403, "You cannot make this change", why);
}

static int64_t id_of(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    return end && !*end && v > 0 ? (int64_t)v : 0;
}

/* ---- the words of cards ---- */

static const char *kind_words(const or_board_card *c)
{
    const char *l =
        or_board_term_label(c->tool == OR_BOARD_MAP ? or_map_types : or_iceberg_sides, c->kind);
    if (c->tool == OR_BOARD_ICEBERG)
        return !strcmp(c->kind, "barrier") ? "Barrier" : "Driver";
    return l ? l : "Other";
}

/* "CAMHS (ring 2)", "Funding cut (level 3)" */
static const char *card_name(const web_request *req, const or_board_card *c)
{
    return or_arena_printf(req->arena, "%s (%s %d)", c->text,
                           c->tool == OR_BOARD_MAP ? "ring" : "level", c->place);
}

static const char *by_words(const board *b, const or_board_card *c)
{
    return own(b, c) && !b->paper ? "You" : c->by;
}

/* ---- the forms ---- */

static const gov_choice ring_choices[OR_MAP_RINGS] = {
    {"1", "Ring 1: closest to the young person", NULL},
    {"2", "Ring 2: further from the young person", NULL},
    {"3", "Ring 3: furthest from the young person", NULL},
};

static gov_choice *vocab_choices(const web_request *req, const or_board_term *v, int *n)
{
    int k = 0;
    while (v[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)k);
    for (int i = 0; i < k; i++)
        c[i] = (gov_choice){v[i].code, v[i].label, NULL};
    *n = k;
    return c;
}

static gov_choice *level_choices(const web_request *req)
{
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * OR_ICEBERG_LEVELS);
    for (int L = 1; L <= OR_ICEBERG_LEVELS; L++)
        c[L - 1] =
            (gov_choice){or_arena_printf(req->arena, "%d", L),
                         or_arena_printf(req->arena, "%d. %s", L, or_iceberg_level_at(L)->name),
                         or_iceberg_level_at(L)->prompt};
    return c;
}

static const gov_choice side_choices[2] = {
    {"driver", "Driver", NULL},
    {"barrier", "Barrier", NULL},
};

static const gov_choice intervene_choice[1] = {
    {"yes", "Intervene here", "An opportunity to intervene: it becomes a seed on the idea board"},
};

/* A card: the map's player (from the LA's list or new), type and ring; the iceberg's note,
 * level, side and mark. One table for adding and changing (the list is for adding only). */
enum { C_CARD, C_PLAYER, C_TEXT, C_TYPE, C_PLACE, C_SIDE, C_MARK, C__N };
static const form_field card_fields[C__N] = {
    [C_CARD] = {"card", .type = FORM_HIDDEN},
    [C_PLAYER] = {"player", "Player from the local authority's list", NULL, FORM_SELECT, 0,
                  .noun = "player"},
    [C_TEXT] = {"text", "Note", NULL, FORM_TEXT, 0, .max = OR_BOARD_TEXT_MAX},
    [C_TYPE] = {"type", "Type of player", NULL, FORM_RADIOS, FORM_SMALL,
                .missing = "Select the type of player"},
    [C_PLACE] = {"place", "Ring", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                 .missing = "Select the ring"},
    [C_SIDE] = {"side", "Driver or barrier", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                .missing = "Select whether the note is a driver or a barrier"},
    [C_MARK] = {"intervene", "Where to intervene (optional)", NULL, FORM_CHECKBOXES, 0},
};

static void card_form(form *f, const web_request *req, or_board_tool tool, bool adding)
{
    form_init(f, req, card_fields, C__N);
    int n;
    if (tool == OR_BOARD_MAP) {
        if (adding) {
            or_board_player *ps = NULL;
            int np = 0;
            or_error err = {0};
            or_board_players(req->store, req->arena, &ps, &np, &err);
            gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)(np + 1));
            c[0] = (gov_choice){"", "None: a new player, named below", NULL};
            for (int i = 0; i < np; i++)
                c[i + 1] = (gov_choice){ps[i].name, ps[i].name, NULL};
            f->fields[C_PLAYER].choices = c;
            f->fields[C_PLAYER].nchoices = np + 1;
            f->fields[C_TEXT].label = "A player not on the list (optional)";
            f->fields[C_TEXT].hint = "For example, school nurse. It is added to the list";
        } else {
            form_off(f, C_PLAYER);
            f->fields[C_TEXT].label = "Player";
            f->fields[C_TEXT].flags |= FORM_REQUIRED;
            f->fields[C_TEXT].noun = "name of the player";
            f->fields[C_TYPE].flags |= FORM_REQUIRED;
        }
        f->fields[C_TYPE].choices = vocab_choices(req, or_map_types, &n);
        f->fields[C_TYPE].nchoices = n;
        f->fields[C_TYPE].hint =
            adding ? "For a new player. A player from the list keeps the type the list gives it"
                   : NULL;
        f->fields[C_PLACE].choices = ring_choices;
        f->fields[C_PLACE].nchoices = OR_MAP_RINGS;
        f->fields[C_PLACE].hint = "How close the player is to the young person";
        form_off(f, C_SIDE);
        form_off(f, C_MARK);
    } else {
        form_off(f, C_PLAYER);
        form_off(f, C_TYPE);
        f->fields[C_TEXT].flags |= FORM_REQUIRED;
        f->fields[C_TEXT].noun = "note";
        f->fields[C_PLACE].label = "Level";
        f->fields[C_PLACE].missing = "Select the level";
        f->fields[C_PLACE].flags &= ~(unsigned)FORM_SMALL;
        f->fields[C_PLACE].choices = level_choices(req);
        f->fields[C_PLACE].nchoices = OR_ICEBERG_LEVELS;
        f->fields[C_SIDE].choices = side_choices;
        f->fields[C_SIDE].nchoices = 2;
        f->fields[C_MARK].choices = intervene_choice;
        f->fields[C_MARK].nchoices = 1;
    }
    if (adding)
        form_off(f, C_CARD);
}

/* A link from a card: to which card, and (map) what kind. */
enum { L_CARD, L_TO, L_KIND, L__N };
static const form_field link_fields[L__N] = {
    [L_CARD] = {"card", .type = FORM_HIDDEN},
    [L_TO] = {"to", "Link it to", NULL, FORM_SELECT, FORM_REQUIRED,
              .missing = "Select what to link it to"},
    [L_KIND] = {"kind", "Connection", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                .missing = "Select the connection"},
};

static const gov_choice map_link_choices[2] = {
    {"depends_on", "This player depends on that one", NULL},
    {"works_with", "This player works with that one", NULL},
};

static void link_form(form *f, const web_request *req, const board *b, const or_board_card *from)
{
    form_init(f, req, link_fields, L__N);
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)(b->n + 1));
    int k = 0;
    c[k++] = (gov_choice){"", b->tool == OR_BOARD_MAP ? "Choose a player" : "Choose a note", NULL};
    for (int i = 0; i < b->n; i++) {
        const or_board_card *x = &b->cards[i];
        if (x->id == from->id || (b->tool == OR_BOARD_ICEBERG && x->place == from->place))
            continue;
        c[k++] = (gov_choice){or_arena_printf(req->arena, "%lld", (long long)x->id),
                              card_name(req, x), NULL};
    }
    f->fields[L_TO].choices = c;
    f->fields[L_TO].nchoices = k;
    if (b->tool == OR_BOARD_MAP) {
        f->fields[L_KIND].choices = map_link_choices;
        f->fields[L_KIND].nchoices = 2;
    } else {
        f->fields[L_TO].label = "Link it to a note at another level";
        form_off(f, L_KIND);
    }
}

/* How well (the facilitator's), or removing a link: the link's id. */
enum { S_LINK, S_STRENGTH, S__N };
static const form_field strength_fields[S__N] = {
    [S_LINK] = {"link", .type = FORM_HIDDEN},
    [S_STRENGTH] = {"strength", "How well are they working together?", NULL, FORM_SELECT, 0},
};

static void strength_form(form *f, const web_request *req)
{
    form_init(f, req, strength_fields, S__N);
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * 4);
    c[0] = (gov_choice){"", "Not said", NULL};
    for (int i = 0; i < 3; i++)
        c[i + 1] = (gov_choice){or_map_strengths[i].code, or_map_strengths[i].label, NULL};
    f->fields[S_STRENGTH].choices = c;
    f->fields[S_STRENGTH].nchoices = 4;
}

/* ---- the page ---- */

static void intro(or_sb *out, const board *b)
{
    if (b->tool == OR_BOARD_MAP)
        html_raw(out, "<p class=\"govuk-body\">The toolkit's map \"places the young person at the "
                      "centre of the system\": who are the key players, how close are they to "
                      "the young person, and how are they connected? Each ring is nearer the "
                      "young person than the one outside it (the toolkit does not say how many "
                      "rings: onroll draws three).</p>\n");
    else
        html_raw(out, "<p class=\"govuk-body\">The iceberg \"goes beneath the surface of a "
                      "problem, to consider the structural, behavioural and mindset factors "
                      "that might be causing the problem to persist\". Add drivers and barriers "
                      "at each of its four levels, link notes across levels, and mark where to "
                      "intervene.</p>\n");
}

/* Drafting or revealed (the core's words and, for the facilitator, its button). */
static void status_line(or_sb *out, const web_request *req, const board *b)
{
    if (!b->revealed && b->w.facilitator)
        html_printf(out,
                    "<p class=\"govuk-body\">Each person drafts on their own: until you reveal "
                    "the %s, everyone, you too, sees only the %ss they added.</p>\n",
                    b->tool == OR_BOARD_MAP ? "map" : "iceberg", noun(b->tool));
    ws_reveal_button(out, req, &b->w, b->code, b->base);
}

/* A "Change" link for a card the caller may change (a td either way). */
static void change_cell(or_sb *out, const web_request *req, const board *b, const or_board_card *c)
{
    if (b->paper)
        return;
    if (!may_change(b, c)) {
        gov_td(out, "");
        return;
    }
    const char *card_href = or_arena_printf(req->arena, "%s/cards/%lld", b->base, (long long)c->id);
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"%s\">Change"
                "<span class=\"govuk-visually-hidden\"> %s</span></a></td>\n",
                card_href, c->text);
}

static void drawing(or_sb *out, const web_request *req, const board *b)
{
    or_sb svg = OR_SB_INIT;
    if (b->tool == OR_BOARD_MAP)
        or_map_svg(&svg, b->cards, b->n, b->links, b->nl, "board-map", false, req->arena);
    else
        or_iceberg_svg(&svg, b->cards, b->n, b->links, b->nl, "board-iceberg", false, req->arena);
    html_printf(out,
                "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                "aria-label=\"The drawing of the %s (it scrolls)\">\n",
                b->tool == OR_BOARD_MAP ? "map" : "iceberg");
    html_kept(out, svg.buf ? svg.buf : "", svg.len);
    html_raw(out, "</div>\n");
    or_sb_release(&svg);
}

static void map_lists(or_sb *out, const web_request *req, const board *b)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"players\">Players by ring</h2>\n");
    if (!b->n)
        html_raw(out, "<p class=\"govuk-body\">No players yet.</p>\n");
    for (int k = 1; k <= OR_MAP_RINGS && b->n; k++) {
        int here = 0;
        for (int i = 0; i < b->n; i++)
            here += b->cards[i].place == k;
        const char *cap =
            or_arena_printf(req->arena, "Ring %d: %s (%d)", k, or_map_ring_label(k), here);
        if (!here) {
            html_printf(out,
                        "<h3 class=\"govuk-heading-s\">%s</h3>\n<p class=\"govuk-body\">"
                        "No players on this ring.</p>\n",
                        cap);
            continue;
        }
        static const char *const heads[] = {"Player", "Type", "Added by", "Change"};
        html_printf(out,
                    "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                    "aria-label=\"Ring %d players (the table scrolls)\">\n",
                    k);
        gov_table_start(out, cap, heads, b->paper ? 3 : 4);
        for (int i = 0; i < b->n; i++) {
            const or_board_card *c = &b->cards[i];
            if (c->place != k)
                continue;
            gov_table_row_start(out);
            gov_td(out, c->text);
            gov_td(out, kind_words(c));
            gov_td(out, by_words(b, c));
            change_cell(out, req, b, c);
            gov_table_row_end(out);
        }
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"connections\">Connections</h2>\n");
    if (!b->nl) {
        if (b->paper)
            html_raw(out, "<p class=\"govuk-body\">No connections.</p>\n");
        else
            html_raw(out, "<p class=\"govuk-body\">No connections yet. Open a player (Change) "
                          "to connect it to another.</p>\n");
    } else {
        static const char *const heads[] = {"Player", "Connection", "Player", "How well"};
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Connections (the table scrolls)\">\n");
        gov_table_start(out, NULL, heads, 4);
        for (int j = 0; j < b->nl; j++) {
            const or_board_link *l = &b->links[j];
            const or_board_card *f = find_card(b, l->from), *t = find_card(b, l->to);
            gov_table_row_start(out);
            gov_td(out, f->text);
            gov_td(out, or_board_term_label(or_map_link_kinds, l->kind));
            gov_td(out, t->text);
            const char *s = or_board_term_label(or_map_strengths, l->strength);
            gov_td(out, s ? s : "Not said");
            gov_table_row_end(out);
        }
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"dependence\">Who depends on whom</h2>\n");
    or_map_dependence *d = NULL;
    int nd = 0;
    or_map_dependence_count(b->cards, b->n, b->links, b->nl, req->arena, &d, &nd);
    if (!nd) {
        html_raw(out, "<p class=\"govuk-body\">No players yet.</p>\n");
        return;
    }
    html_raw(out, "<p class=\"govuk-body\">Each player once, however many people added them: "
                  "how many other players they depend on and how many depend on them, from "
                  "the \"depends on\" connections.</p>\n"
                  "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Who depends on whom (the table scrolls)\">\n");
    static const char *const heads[] = {
        "Player",         "Depends on",          "Who they depend on",
        "Depended on by", "Who depends on them", "Works with"};
    gov_table_start(out, NULL, heads, 6);
    for (int i = 0; i < nd; i++) {
        gov_table_row_start(out);
        gov_td(out, d[i].player);
        gov_td_num(out, d[i].depends_on);
        gov_td(out, d[i].depends_names);
        gov_td_num(out, d[i].depended_on_by);
        gov_td(out, d[i].depended_names);
        gov_td_num(out, d[i].works_with);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void iceberg_lists(or_sb *out, const web_request *req, const board *b)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"notes\">Notes by level</h2>\n");
    for (int L = 1; L <= OR_ICEBERG_LEVELS; L++) {
        const or_iceberg_level *lv = or_iceberg_level_at(L);
        html_printf(out,
                    "<h3 class=\"govuk-heading-s\">%d. %s</h3>\n"
                    "<p class=\"govuk-hint\">%s</p>\n",
                    L, lv->name, lv->prompt);
        int here = 0;
        for (int i = 0; i < b->n; i++)
            here += b->cards[i].place == L;
        if (!here) {
            html_raw(out, "<p class=\"govuk-body\">No notes at this level.</p>\n");
            continue;
        }
        static const char *const heads[] = {"Note", "Driver or barrier", "Intervene here",
                                            "Added by", "Change"};
        html_printf(out,
                    "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                    "aria-label=\"Level %d notes (the table scrolls)\">\n",
                    L);
        gov_table_start(out, NULL, heads, b->paper ? 4 : 5);
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < b->n; i++) {
                const or_board_card *c = &b->cards[i];
                if (c->place != L || (strcmp(c->kind, "barrier") == 0) != (s == 1))
                    continue;
                gov_table_row_start(out);
                gov_td(out, c->text);
                gov_td(out, kind_words(c));
                gov_td(out, c->intervene ? "Yes" : "");
                gov_td(out, by_words(b, c));
                change_cell(out, req, b, c);
                gov_table_row_end(out);
            }
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"links\">Links across levels</h2>\n");
    if (!b->nl) {
        if (b->paper)
            html_raw(out, "<p class=\"govuk-body\">No links.</p>\n");
        else
            html_raw(out, "<p class=\"govuk-body\">No links yet. Open a note (Change) to link "
                          "it to a note at another level.</p>\n");
    } else {
        html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
        for (int j = 0; j < b->nl; j++) {
            const or_board_card *f = find_card(b, b->links[j].from),
                                *t = find_card(b, b->links[j].to);
            html_printf(out, "<li>%s, level %d, linked to %s, level %d</li>\n", f->text, f->place,
                        t->text, t->place);
        }
        html_raw(out, "</ul>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"intervene\">Where to intervene</h2>\n");
    int marks = 0;
    for (int i = 0; i < b->n; i++)
        if (b->cards[i].intervene) {
            if (!marks++)
                html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
            html_printf(out, "<li>%s (level %d, %s, %s)</li>\n", b->cards[i].text,
                        b->cards[i].place, or_iceberg_level_at(b->cards[i].place)->name,
                        !strcmp(b->cards[i].kind, "barrier") ? "barrier" : "driver");
        }
    if (marks)
        html_raw(out, "</ul>\n<p class=\"govuk-body\">Once the iceberg is revealed, these are "
                      "the idea board's seeds.</p>\n");
    else
        html_raw(out, "<p class=\"govuk-body\">No note is marked \"intervene here\" yet.</p>\n");
}

static const char *const *questions(or_board_tool t, int *n)
{
    *n = t == OR_BOARD_MAP ? or_map_nquestions : or_iceberg_nquestions;
    return t == OR_BOARD_MAP ? or_map_questions : or_iceberg_questions;
}

static const char *note_of(const or_ws_note *notes, int nn, const char *tool, int q)
{
    for (int i = 0; i < nn; i++)
        if (!strcmp(notes[i].tool, tool) && notes[i].question == q)
            return notes[i].note;
    return "";
}

/* The facilitator's notes: one textarea per question, labelled with the question. */
static void notes_form(form *f, const web_request *req, const board *b)
{
    form_init(f, req, NULL, 0);
    int nq;
    const char *const *qs = questions(b->tool, &nq);
    for (int q = 1; q <= nq; q++) {
        form_field fd = {or_arena_printf(req->arena, "q%d", q),
                         or_arena_printf(req->arena, "%d. %s", q, qs[q - 1]),
                         NULL,
                         FORM_TEXTAREA,
                         0,
                         .noun = or_arena_printf(req->arena, "note on question %d", q),
                         .max = 4000,
                         .rows = 3};
        form_add(f, &fd);
    }
}

static void discussion(or_sb *out, const web_request *req, const board *b, form *nf)
{
    int nq;
    const char *const *qs = questions(b->tool, &nq);
    or_ws_note *notes = NULL;
    int nn = 0;
    or_error err = {0};
    or_ws_notes(req->store, b->w.id, req->arena, &notes, &nn, &err);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"discussion\">Discussion</h2>\n"
                  "<p class=\"govuk-body\">The toolkit's questions for the group, once everyone "
                  "has added their own. The facilitator keeps the notes.</p>\n");
    if (b->w.facilitator) {
        form own_nf;
        if (!nf) {
            notes_form(&own_nf, req, b);
            for (int q = 1; q <= nq; q++)
                form_set(&own_nf, q - 1, note_of(notes, nn, b->code, q));
            nf = &own_nf;
        }
        form_start(out, nf, b->base);
        gov_hidden(out, "action", "notes");
        form_fields_html(out, nf, 0, nf->n);
        gov_button(out, "Save the notes", true);
        gov_form_end(out);
        return;
    }
    ws_live_open(out, &b->w, "board-notes");
    html_raw(out, "<ol class=\"govuk-list govuk-list--number\">\n");
    for (int q = 1; q <= nq; q++) {
        const char *note = note_of(notes, nn, b->code, q);
        html_printf(out,
                    "<li><p class=\"govuk-body govuk-!-font-weight-bold "
                    "govuk-!-margin-bottom-1\">%s</p><p class=\"govuk-body\">%s</p></li>\n",
                    qs[q - 1], *note ? note : "No notes yet.");
    }
    html_raw(out, "</ol>\n");
    ws_live_close(out, &b->w);
}

static void downloads(or_sb *out, const board *b)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"download\">Download</h2>\n"
                  "<ul class=\"govuk-list\">\n");
    static const char *const formats[][2] = {
        {"svg", "The drawing (SVG)"},
        {"pdf", "The drawing and the lists (PDF)"},
        {"csv", "The cards and links (CSV)"},
    };
    for (int i = 0; i < 3; i++) {
        char download_href[96];
        snprintf(download_href, sizeof download_href, "%s/download?format=%s", b->base,
                 formats[i][0]);
        html_printf(out, "<li><a class=\"govuk-link\" href=\"%s\">%s</a></li>\n", download_href,
                    formats[i][1]);
    }
    html_raw(out, "</ul>\n");
}

static void add_section(or_sb *out, const web_request *req, const board *b, form *f)
{
    if (!b->can_write)
        return;
    html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"add\">Add a %s</h2>\n", noun(b->tool));
    form_start(out, f, b->base);
    gov_hidden(out, "action", "add");
    form_fields_html(out, f, 0, f->n);
    gov_button(out, b->tool == OR_BOARD_MAP ? "Add the player" : "Add the note", false);
    gov_form_end(out);
}

static void render_board(const web_request *req, web_response *res, const board *b, form *f,
                         form *nf)
{
    int nerr = f->nerrors + (nf ? nf->nerrors : 0);
    or_sb *out = &res->body;
    const char *title = tool_title(b->tool);
    gov_page_start(
        out, req,
        or_arena_printf(req->arena, "%s%s: %s", nerr ? "Error: " : "", title, b->w.title));
    const char *back_href = or_arena_printf(req->arena, "/workshops/%lld", (long long)b->w.id);
    html_printf(out, "<a href=\"%s\" class=\"govuk-back-link\">Back to the workshop</a>\n",
                back_href);
    gov_error_summary(out, f->errors, f->nerrors);
    if (nf)
        gov_error_summary(out, nf->errors, nf->nerrors);
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                ws_caption(req, &b->w), title);
    const char *done = web_query(req, "done");
    static const char *const dones[][2] = {
        {"added", "Added to the board."},
        {"changed", "Changed."},
        {"removed", "Removed."},
        {"linked", "Linked."},
        {"unlinked", "The link is removed."},
        {"notes", "The notes are saved."},
    };
    for (size_t i = 0; i < sizeof dones / sizeof dones[0]; i++)
        if (!strcmp(done, dones[i][0]))
            gov_notification(out, "Success", dones[i][1], true);
    intro(out, b);
    if (b->can_write)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"#add\">Add a "
                    "%s</a></p>\n",
                    noun(b->tool));
    ws_live_open(out, &b->w, "board-live");
    status_line(out, req, b);
    html_printf(out, "<h2 class=\"govuk-heading-m\">The %s</h2>\n",
                b->tool == OR_BOARD_MAP ? "map" : "iceberg");
    drawing(out, req, b);
    if (b->tool == OR_BOARD_MAP)
        map_lists(out, req, b);
    else
        iceberg_lists(out, req, b);
    ws_live_close(out, &b->w);
    add_section(out, req, b, f);
    discussion(out, req, b, nf);
    downloads(out, b);
    ws_live_script(out, req);
    gov_page_end(out, req);
    if (nerr)
        res->status = 400;
}

void board_page(const web_request *req, web_response *res, or_board_tool tool)
{
    board b;
    if (!load(req, res, tool, &b))
        return;
    form f;
    card_form(&f, req, tool, true);
    render_board(req, res, &b, &f, NULL);
}

/* ---- one card's page ---- */

static void render_card(const web_request *req, web_response *res, const board *b,
                        const or_board_card *c, form *edit, form *lf)
{
    or_sb *out = &res->body;
    int nerr = edit->nerrors + lf->nerrors;
    const char *what = b->tool == OR_BOARD_MAP ? "player" : "note";
    gov_page_start(
        out, req,
        or_arena_printf(req->arena, "%sChange the %s: %s", nerr ? "Error: " : "", what, c->text));
    const char *back_href = or_arena_printf(req->arena, "%s#%s", b->base,
                                            b->tool == OR_BOARD_MAP ? "players" : "notes");
    html_printf(out, "<a href=\"%s\" class=\"govuk-back-link\">Back to the %s</a>\n", back_href,
                b->tool == OR_BOARD_MAP ? "map" : "iceberg");
    html_raw(out, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, edit->errors, edit->nerrors);
    gov_error_summary(out, lf->errors, lf->nerrors);
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                ws_caption(req, &b->w), c->text);
    if (!strcmp(web_query(req, "done"), "linked"))
        gov_notification(out, "Success", "Linked.", true);
    if (!strcmp(web_query(req, "done"), "unlinked"))
        gov_notification(out, "Success", "The link is removed.", true);
    /* change it */
    html_printf(out, "<h2 class=\"govuk-heading-m\">Change the %s</h2>\n", what);
    form_start(out, edit, b->base);
    gov_hidden(out, "action", "update");
    form_fields_html(out, edit, 0, edit->n);
    gov_button(out, "Save the changes", false);
    gov_form_end(out);
    /* its links */
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"links\">Connections</h2>\n");
    int mine = 0;
    for (int j = 0; j < b->nl; j++) {
        const or_board_link *l = &b->links[j];
        if (l->from != c->id && l->to != c->id)
            continue;
        const or_board_card *f = find_card(b, l->from), *t = find_card(b, l->to);
        const char *sentence =
            b->tool == OR_BOARD_MAP
                ? or_arena_printf(req->arena, "%s %s %s", f->text,
                                  or_board_term_label(or_map_link_kinds, l->kind), t->text)
                : or_arena_printf(req->arena, "%s linked to %s", card_name(req, f),
                                  card_name(req, t));
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n", sentence);
        mine++;
        if (b->tool == OR_BOARD_MAP) {
            const char *s = or_board_term_label(or_map_strengths, l->strength);
            if (b->w.facilitator) {
                form sf;
                strength_form(&sf, req);
                form_set(&sf, S_LINK, or_arena_printf(req->arena, "%lld", (long long)l->id));
                form_set(&sf, S_STRENGTH, l->strength);
                sf.fields[S_STRENGTH].name =
                    or_arena_printf(req->arena, "strength-%lld", (long long)l->id);
                form_start(out, &sf, b->base);
                gov_hidden(out, "action", "strength");
                gov_hidden(out, "card", or_arena_printf(req->arena, "%lld", (long long)c->id));
                form_field_html(out, &sf, S_STRENGTH);
                gov_button(out, "Set how well", true);
                gov_form_end(out);
            } else {
                html_printf(out, "<p class=\"govuk-body\">How well they work together: %s.</p>\n",
                            s ? s : "not said");
            }
        }
        bool may = b->w.facilitator || (l->author && !strcmp(l->author, b->w.who));
        if (may) {
            gov_form_start(out, req, "post", b->base);
            gov_hidden(out, "action", "unlink");
            gov_hidden(out, "link", or_arena_printf(req->arena, "%lld", (long long)l->id));
            gov_hidden(out, "card", or_arena_printf(req->arena, "%lld", (long long)c->id));
            html_printf(out,
                        "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
                        "data-module=\"govuk-button\">Remove the link<span "
                        "class=\"govuk-visually-hidden\">: %s</span></button>\n",
                        sentence);
            gov_form_end(out);
        }
    }
    if (!mine)
        html_printf(out, "<p class=\"govuk-body\">This %s is not linked to anything yet.</p>\n",
                    what);
    if (lf->fields[L_TO].nchoices > 1) {
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"link\">Link this %s</h2>\n", what);
        form_start(out, lf, b->base);
        gov_hidden(out, "action", "link");
        form_fields_html(out, lf, 0, lf->n);
        gov_button(out, "Add the link", false);
        gov_form_end(out);
    }
    /* remove it */
    html_printf(out,
                "<h2 class=\"govuk-heading-m\">Remove the %s</h2>\n"
                "<p class=\"govuk-body\">Its links are removed with it.</p>\n",
                what);
    gov_form_start(out, req, "post", b->base);
    gov_hidden(out, "action", "delete");
    gov_hidden(out, "card", or_arena_printf(req->arena, "%lld", (long long)c->id));
    html_printf(out,
                "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
                "data-module=\"govuk-button\">Remove the %s</button>\n",
                what);
    gov_form_end(out);
    html_raw(out, "</div></div>\n");
    gov_page_end(out, req);
    if (nerr)
        res->status = 400;
}

static void edit_values(form *f, const web_request *req, const or_board_card *c)
{
    form_set(f, C_CARD, or_arena_printf(req->arena, "%lld", (long long)c->id));
    form_set(f, C_TEXT, c->text);
    form_set(f, C_PLACE, or_arena_printf(req->arena, "%d", c->place));
    if (c->tool == OR_BOARD_MAP) {
        form_set(f, C_TYPE, c->kind);
    } else {
        form_set(f, C_SIDE, c->kind);
        if (c->intervene)
            form_set(f, C_MARK, "yes");
    }
}

void board_card_page(const web_request *req, web_response *res, or_board_tool tool)
{
    board b;
    if (!load(req, res, tool, &b))
        return;
    const or_board_card *c = find_card(&b, id_of(web_path(req, "card")));
    if (!c || !may_change(&b, c)) {
        not_found(req, res, &b, "a card not theirs to change");
        return;
    }
    form edit, lf;
    card_form(&edit, req, tool, false);
    edit_values(&edit, req, c);
    link_form(&lf, req, &b, c);
    form_set(&lf, L_CARD, or_arena_printf(req->arena, "%lld", (long long)c->id));
    render_card(req, res, &b, c, &edit, &lf);
}

/* ---- changes ---- */

/* A check's message for people: without its field's name ("link: both notes ..."), capital
 * first. */
static const char *people_words(const web_request *req, const char *msg)
{
    const char *colon = strstr(msg, ": ");
    char *m = or_arena_strdup(req->arena, colon && colon - msg < 12 ? colon + 2 : msg);
    if (m[0] >= 'a' && m[0] <= 'z')
        m[0] = (char)(m[0] - 32);
    return m;
}

/* Run the write w (already done when rc is OR_OK) with its audit line in one transaction; then
 * tell every open page and go to `to`. False (and the 500 page) when anything failed. */
typedef or_code (*write_fn)(const web_request *req, const board *b, const void *arg, or_error *err);

static bool commit(const web_request *req, web_response *res, const board *b, write_fn fn,
                   const void *arg, const char *detail, const char *to)
{
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = fn(req, b, arg, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld %s: %s (%s)", (long long)b->w.id,
                                       b->code, detail, b->w.who))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        store_failed(req, res);
        return false;
    }
    ws_changed(req, b->w.id);
    web_redirect(req, res, to);
    return true;
}

typedef struct {
    or_board_card card;
    const char *new_player, *new_type; /* a player to add to the LA's list, or NULL */
} add_arg;

static or_code do_add(const web_request *req, const board *b, const void *arg, or_error *err)
{
    const add_arg *a = arg;
    int64_t id = 0;
    or_code rc = or_board_card_add(req->store, &a->card, &id, err);
    if (!rc && a->new_player) {
        bool added = false;
        rc = or_board_player_add(req->store, a->new_player, a->new_type, b->w.who, &added, err);
    }
    return rc;
}

static or_code do_update(const web_request *req, const board *b, const void *arg, or_error *err)
{
    (void)b;
    return or_board_card_update(req->store, arg, err);
}

static or_code do_delete(const web_request *req, const board *b, const void *arg, or_error *err)
{
    (void)b;
    return or_board_card_delete(req->store, ((const or_board_card *)arg)->id, err);
}

static or_code do_link(const web_request *req, const board *b, const void *arg, or_error *err)
{
    (void)b;
    int64_t id = 0;
    return or_board_link_add(req->store, arg, &id, err);
}

static or_code do_strength(const web_request *req, const board *b, const void *arg, or_error *err)
{
    (void)b;
    const or_board_link *l = arg;
    return or_board_link_strength(req->store, l->id, l->strength, err);
}

static or_code do_unlink(const web_request *req, const board *b, const void *arg, or_error *err)
{
    (void)b;
    return or_board_link_delete(req->store, ((const or_board_link *)arg)->id, err);
}

static or_code do_notes(const web_request *req, const board *b, const void *arg, or_error *err)
{
    const form *f = arg;
    or_code rc = OR_OK;
    for (int q = 0; q < f->n && !rc; q++)
        rc = or_ws_note_set(req->store, b->w.id, b->code, q + 1, form_text(f, q), b->w.who, err);
    return rc;
}

static void post_add(const web_request *req, web_response *res, const board *b)
{
    form f;
    card_form(&f, req, b->tool, true);
    form_read(&f);
    add_arg a = {{0}, NULL, NULL};
    a.card.workshop = b->w.id;
    a.card.tool = b->tool;
    a.card.participant = b->w.participant;
    a.card.author = b->w.who;
    if (b->tool == OR_BOARD_MAP) {
        const char *player = form_text(&f, C_PLAYER), *name = form_text(&f, C_TEXT);
        if (!*player && !*name)
            form_error(&f, C_PLAYER, "Select a player from the list, or type a new player's name");
        else if (*player && *name)
            form_error(&f, C_TEXT, "Select a player from the list or type a new one, not both");
        else if (*name && !*form_text(&f, C_TYPE))
            form_error(&f, C_TYPE, "Select the type of player");
        a.card.text = *player ? player : name;
        a.card.kind = form_text(&f, C_TYPE);
        if (*player) {
            or_board_player *ps = NULL;
            int np = 0;
            or_error err = {0};
            or_board_players(req->store, req->arena, &ps, &np, &err);
            for (int i = 0; i < np; i++)
                if (!strcmp(ps[i].name, player))
                    a.card.kind = ps[i].type;
        } else if (!b->w.guest) {
            /* a new player joins the LA's list (a guest's does not: the list is the LA's) */
            a.new_player = name;
            a.new_type = a.card.kind;
        }
    } else {
        a.card.text = form_text(&f, C_TEXT);
        a.card.kind = form_text(&f, C_SIDE);
        a.card.intervene = strstr(form_text(&f, C_MARK), "yes") != NULL;
    }
    a.card.place = atoi(form_text(&f, C_PLACE));
    form_validate(&f);
    or_error err = {0};
    if (!f.nerrors && or_board_card_check(&a.card, &err))
        form_error(&f, C_TEXT, people_words(req, err.msg));
    if (f.nerrors) {
        form_errors_in_order(&f);
        render_board(req, res, b, &f, NULL);
        return;
    }
    commit(req, res, b, do_add, &a,
           or_arena_printf(req->arena, "%s added: %s", noun(b->tool), card_name(req, &a.card)),
           or_arena_printf(req->arena, "%s?done=added", b->base));
}

/* The card a POST names, when the caller may change it; else the refusal is answered. */
static const or_board_card *changeable(const web_request *req, web_response *res, const board *b)
{
    const or_board_card *c = find_card(b, id_of(web_form(req, "card")));
    if (!c) {
        not_found(req, res, b, "a card they cannot see");
        return NULL;
    }
    if (!may_change(b, c)) {
        refused(req, res, b,
                b->can_write ? "Only the person who added it, or the facilitator once the board "
                               "is revealed, can change it."
                             : "Only the workshop's participants and facilitator can change the "
                               "board.");
        return NULL;
    }
    return c;
}

static void post_update(const web_request *req, web_response *res, const board *b)
{
    const or_board_card *c = changeable(req, res, b);
    if (!c)
        return;
    form f, lf;
    card_form(&f, req, b->tool, false);
    form_read(&f);
    form_validate(&f);
    or_board_card n = *c;
    n.text = form_text(&f, C_TEXT);
    n.place = atoi(form_text(&f, C_PLACE));
    n.kind = form_text(&f, b->tool == OR_BOARD_MAP ? C_TYPE : C_SIDE);
    n.intervene = b->tool == OR_BOARD_ICEBERG && strstr(form_text(&f, C_MARK), "yes") != NULL;
    or_error err = {0};
    if (!f.nerrors && or_board_card_check(&n, &err))
        form_error(&f, C_TEXT, people_words(req, err.msg));
    if (f.nerrors) {
        form_errors_in_order(&f);
        link_form(&lf, req, b, c);
        form_set(&lf, L_CARD, or_arena_printf(req->arena, "%lld", (long long)c->id));
        render_card(req, res, b, c, &f, &lf);
        return;
    }
    commit(req, res, b, do_update, &n,
           or_arena_printf(req->arena, "%s changed: %s, was %s", noun(b->tool), card_name(req, &n),
                           card_name(req, c)),
           or_arena_printf(req->arena, "%s?done=changed", b->base));
}

static void post_delete(const web_request *req, web_response *res, const board *b)
{
    const or_board_card *c = changeable(req, res, b);
    if (c)
        commit(req, res, b, do_delete, c,
               or_arena_printf(req->arena, "%s removed: %s", noun(b->tool), card_name(req, c)),
               or_arena_printf(req->arena, "%s?done=removed", b->base));
}

static void post_link(const web_request *req, web_response *res, const board *b)
{
    const or_board_card *c = changeable(req, res, b);
    if (!c)
        return;
    form f, lf;
    link_form(&lf, req, b, c);
    form_read(&lf);
    or_board_link l = {0};
    l.workshop = b->w.id;
    l.tool = b->tool;
    l.from = c->id;
    l.to = id_of(form_text(&lf, L_TO));
    l.kind = b->tool == OR_BOARD_MAP ? form_text(&lf, L_KIND) : "links";
    l.strength = "";
    l.participant = b->w.participant;
    l.author = b->w.who;
    const or_board_card *to = find_card(b, l.to);
    or_error err = {0};
    /* the page's word first (a note at the same level is not among the choices, but the
     * reason is what the person needs to read), then each field's own checks */
    if (to && or_board_link_check(&l, c, to, &err))
        form_error(&lf, L_TO, people_words(req, err.msg));
    form_validate(&lf);
    for (int j = 0; !lf.nerrors && j < b->nl; j++)
        if (b->links[j].from == l.from && b->links[j].to == l.to &&
            !strcmp(b->links[j].kind, l.kind))
            form_error(&lf, L_TO, "The two are linked that way already");
    if (lf.nerrors) {
        form_errors_in_order(&lf);
        card_form(&f, req, b->tool, false);
        edit_values(&f, req, c);
        render_card(req, res, b, c, &f, &lf);
        return;
    }
    const char *card_path =
        or_arena_printf(req->arena, "%s/cards/%lld?done=linked#links", b->base, (long long)c->id);
    commit(req, res, b, do_link, &l,
           or_arena_printf(req->arena, "link added: %s %s %s", card_name(req, c), l.kind,
                           card_name(req, to)),
           card_path);
}

/* The link a POST names, visible to the caller; else 404. */
static const or_board_link *link_of(const web_request *req, web_response *res, const board *b)
{
    int64_t id = id_of(web_form(req, "link"));
    for (int j = 0; j < b->nl; j++)
        if (b->links[j].id == id)
            return &b->links[j];
    not_found(req, res, b, "a link they cannot see");
    return NULL;
}

/* Back to the card the form was on, when the caller may open it; else the board. */
static const char *back_to(const web_request *req, const board *b, const char *done)
{
    const or_board_card *c = find_card(b, id_of(web_form(req, "card")));
    if (c && may_change(b, c))
        return or_arena_printf(req->arena, "%s/cards/%lld?done=%s#links", b->base, (long long)c->id,
                               done);
    return or_arena_printf(req->arena, "%s?done=%s", b->base, done);
}

static void post_strength(const web_request *req, web_response *res, const board *b)
{
    const or_board_link *l = link_of(req, res, b);
    if (!l)
        return;
    if (!b->w.facilitator || b->tool != OR_BOARD_MAP) {
        refused(req, res, b, "Only the facilitator says how well players work together.");
        return;
    }
    form f;
    strength_form(&f, req);
    f.fields[S_STRENGTH].name = or_arena_printf(req->arena, "strength-%lld", (long long)l->id);
    form_read(&f);
    if (!form_validate(&f)) {
        web_error(req, res, 400, "How well is not one of the choices",
                  "Go back and choose how well the players work together.");
        return;
    }
    or_board_link n = *l;
    n.strength = form_text(&f, S_STRENGTH);
    commit(req, res, b, do_strength, &n,
           or_arena_printf(req->arena, "link %lld: how well '%s'", (long long)l->id, n.strength),
           back_to(req, b, "linked"));
}

static void post_unlink(const web_request *req, web_response *res, const board *b)
{
    const or_board_link *l = link_of(req, res, b);
    if (!l)
        return;
    if (!b->can_write || !(b->w.facilitator || !strcmp(l->author, b->w.who))) {
        refused(req, res, b,
                "Only the person who added the link, or the facilitator, can remove "
                "it.");
        return;
    }
    commit(req, res, b, do_unlink, l,
           or_arena_printf(req->arena, "link %lld removed", (long long)l->id),
           back_to(req, b, "unlinked"));
}

static void post_notes(const web_request *req, web_response *res, const board *b)
{
    if (!b->w.facilitator) {
        refused(req, res, b, "Only the facilitator keeps the notes.");
        return;
    }
    form nf;
    notes_form(&nf, req, b);
    form_read(&nf);
    if (!form_validate(&nf)) {
        form f;
        card_form(&f, req, b->tool, true);
        form_errors_in_order(&nf);
        render_board(req, res, b, &f, &nf);
        return;
    }
    commit(req, res, b, do_notes, &nf, "discussion notes saved",
           or_arena_printf(req->arena, "%s?done=notes#discussion", b->base));
}

void board_post(const web_request *req, web_response *res, or_board_tool tool)
{
    board b;
    if (!load(req, res, tool, &b))
        return;
    const char *action = web_form(req, "action");
    if (!b.can_write && strcmp(action, "notes")) {
        refused(req, res, &b,
                "Only the workshop's participants and facilitator can change the board.");
        return;
    }
    if (!strcmp(action, "add"))
        post_add(req, res, &b);
    else if (!strcmp(action, "update"))
        post_update(req, res, &b);
    else if (!strcmp(action, "delete"))
        post_delete(req, res, &b);
    else if (!strcmp(action, "link"))
        post_link(req, res, &b);
    else if (!strcmp(action, "strength"))
        post_strength(req, res, &b);
    else if (!strcmp(action, "unlink"))
        post_unlink(req, res, &b);
    else if (!strcmp(action, "notes"))
        post_notes(req, res, &b);
    else
        web_error(req, res, 400, "Sorry, that did not work",
                  "The form was not one this page knows. Go back and try again.");
}

/* ---- downloads ---- */

static void csv_rows(or_csv *w, const board *b)
{
    static const char *const head[] = {"record",     "id",   "text",      "place",
                                       "place_name", "kind", "intervene", "from",
                                       "link",       "to",   "how_well",  "added_by"};
    or_csv_texts(w, head, 12);
    for (int i = 0; i < b->n; i++) {
        const or_board_card *c = &b->cards[i];
        or_csv_text(w, b->tool == OR_BOARD_MAP ? "player" : "note");
        or_csv_int(w, (long long)c->id);
        or_csv_text(w, c->text);
        or_csv_int(w, c->place);
        or_csv_text(w, b->tool == OR_BOARD_MAP ? or_map_ring_label(c->place)
                                               : or_iceberg_level_at(c->place)->name);
        or_csv_text(w, c->kind);
        or_csv_text(w, c->intervene ? "yes" : "");
        for (int k = 0; k < 3; k++)
            or_csv_text(w, "");
        or_csv_text(w, "");
        or_csv_text(w, c->by);
        or_csv_end_row(w);
    }
    for (int j = 0; j < b->nl; j++) {
        const or_board_link *l = &b->links[j];
        or_csv_text(w, "link");
        or_csv_int(w, (long long)l->id);
        for (int k = 0; k < 5; k++)
            or_csv_text(w, "");
        or_csv_text(w, find_card(b, l->from)->text);
        or_csv_text(w, l->kind);
        or_csv_text(w, find_card(b, l->to)->text);
        or_csv_text(w, l->strength);
        or_csv_text(w, "");
        or_csv_end_row(w);
    }
}

/* The board as a whole HTML document for the PDF: the drawing and the lists. */
static void paper_doc(or_sb *out, const web_request *req, board *b)
{
    b->paper = true;
    html_printf(out,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>%s: %s</title>\n",
                tool_title(b->tool), b->w.title);
    html_raw(out, "<style>\n@page { size: A4; margin: 15mm; }\n"
                  "body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; "
                  "color: #0b0c0c; }\n"
                  "svg { max-width: 100%; height: auto; }\n"
                  "table { border-collapse: collapse; margin: 0 0 6mm; width: 100%; }\n"
                  "caption { text-align: left; font-weight: bold; margin: 0 0 2mm; }\n"
                  "th, td { border-bottom: 1px solid #b1b4b6; padding: 1.5mm; text-align: left; "
                  "vertical-align: top; }\n"
                  "h2 { font-size: 14pt; break-after: avoid; } h3 { font-size: 11.5pt; }\n"
                  ".govuk-visually-hidden { position: absolute; left: -9999px; }\n"
                  "</style>\n</head>\n<body>\n");
    html_printf(out, "<h1>%s</h1>\n<p>%s</p>\n", tool_title(b->tool), ws_caption(req, &b->w));
    drawing(out, req, b);
    if (b->tool == OR_BOARD_MAP)
        map_lists(out, req, b);
    else
        iceberg_lists(out, req, b);
    html_raw(out, "</body>\n</html>\n");
}

void board_download(const web_request *req, web_response *res, or_board_tool tool)
{
    board b;
    if (!load(req, res, tool, &b))
        return;
    const char *format = web_query(req, "format");
    if (strcmp(format, "svg") && strcmp(format, "csv") && strcmp(format, "pdf")) {
        web_error(req, res, 400, "Choose SVG, PDF or CSV",
                  "The board can be downloaded as a drawing (SVG), a document (PDF) or a table "
                  "(CSV).");
        return;
    }
    if (web_audit(req, "export", NULL,
                  or_arena_printf(req->arena, "workshop %lld %s as %s: %d cards, %d links (%s)",
                                  (long long)b.w.id, b.code, format, b.n, b.nl, b.w.who))) {
        store_failed(req, res);
        return;
    }
    const char *file = or_arena_printf(req->arena, "attachment; filename=\"workshop-%lld-%s.%s\"",
                                       (long long)b.w.id, b.code, format);
    if (!strcmp(format, "svg")) {
        if (tool == OR_BOARD_MAP)
            or_map_svg(&res->body, b.cards, b.n, b.links, b.nl, "map", true, req->arena);
        else
            or_iceberg_svg(&res->body, b.cards, b.n, b.links, b.nl, "iceberg", true, req->arena);
        res->content_type = "image/svg+xml";
    } else if (!strcmp(format, "csv")) {
        or_csv w;
        or_csv_to_sb(&w, &res->body);
        csv_rows(&w, &b);
        res->content_type = "text/csv; charset=utf-8";
    } else {
        or_sb doc = OR_SB_INIT;
        paper_doc(&doc, req, &b);
        or_error err = {0};
        or_code rc = or_letter_pdf_bytes(doc.buf, doc.len, &res->body, &err);
        or_sb_release(&doc);
        if (rc) {
            or_sb_reset(&res->body);
            web_error(req, res, rc == OR_ENOTFOUND ? 503 : 500, "The PDF cannot be made",
                      rc == OR_ENOTFOUND ? "Chromium, which makes the PDF, is not installed on "
                                           "the server. Download the SVG or CSV instead."
                                         : "Making the PDF failed. Download the SVG or CSV "
                                           "instead.");
            return;
        }
        res->content_type = "application/pdf";
    }
    web_header_add(res, "Content-Disposition", file);
}

/* ---- the workshop report's sections ---- */

void board_report(const web_request *req, const ws_ctx *w, or_sb *out, or_board_tool tool)
{
    board b;
    if (!load_for(req, w, tool, &b)) {
        html_raw(out, "<p class=\"govuk-body\">The board could not be read.</p>\n");
        return;
    }
    if (!b.revealed) {
        html_printf(out,
                    "<p class=\"govuk-body\">The %s has not been revealed, so its drafts "
                    "are not in the report.</p>\n",
                    tool == OR_BOARD_MAP ? "map" : "iceberg");
        return;
    }
    b.paper = true;
    if (!b.n) {
        html_printf(out, "<p class=\"govuk-body\">No %ss were added.</p>\n", noun(tool));
        return;
    }
    drawing(out, req, &b);
    if (tool == OR_BOARD_MAP)
        map_lists(out, req, &b);
    else
        iceberg_lists(out, req, &b);
}

void board_summary(const web_request *req, const ws_ctx *w, or_sb *out, or_board_tool tool)
{
    board b;
    if (!load_for(req, w, tool, &b) || !b.revealed) {
        html_raw(out, "Not revealed");
        return;
    }
    if (tool == OR_BOARD_MAP) {
        or_map_dependence *d = NULL;
        int nd = 0;
        or_map_dependence_count(b.cards, b.n, b.links, b.nl, req->arena, &d, &nd);
        html_printf(out, "%d players", nd);
        if (nd && d[0].depended_on_by > 0)
            html_printf(out, "; most depended on: %s (%d)", d[0].player, d[0].depended_on_by);
        return;
    }
    html_printf(out, "%d notes", b.n);
    int marks = 0;
    for (int i = 0; i < b.n; i++)
        if (b.cards[i].intervene)
            html_printf(out, "%s%s", marks++ ? "; " : "; intervene: ", b.cards[i].text);
}
