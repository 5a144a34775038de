/* page_ideas.c - Energy for change's board (ideas_web.h; docs/workshop-ideas.md): the page at
 * /workshops/{id}/ideas, adding an idea, and the board as CSV.
 *
 * Each person drafts alone: until the facilitator reveals the ideas ('ideas'), everyone sees
 * only their own (the facilitator: how many there are). Then everyone sees every idea in the
 * toolkit's three category lanes, and each participant votes (nine votes, three per criterion:
 * ideas.h). Nobody sees a count of votes - the facilitator only how many people have voted -
 * until the facilitator shows the results ('votes'): then the ranking and the matrix. Every
 * write is one transaction with its audit line, then ws_changed, so that open pages follow
 * within a second. Everything works without JavaScript: each act is a form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/store_boards.h"
#include "web/form.h"
#include "web/ideas_web.h"
#include "web/view.h"

/* ---- reading the board ---- */

bool ideas_board_read(const web_request *req, web_response *res, ideas_board *b)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return false;
    if (!ideas_board_of(req, &w, b)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The ideas could not be read.");
        return false;
    }
    return true;
}

bool ideas_board_of(const web_request *req, const ws_ctx *w, ideas_board *b)
{
    memset(b, 0, sizeof *b);
    b->w = *w;
    b->revealed = ws_revealed(req, b->w.id, "ideas");
    b->results = b->revealed && ws_revealed(req, b->w.id, "votes");
    b->author = b->w.participant > 0 ? b->w.participant : b->w.facilitator ? 0 : -1;
    b->can_draft = b->author >= 0 && !b->results;
    b->can_vote = b->w.participant > 0 && b->revealed && !b->results;
    or_error err = {0};
    or_idea *all = NULL;
    int nall = 0;
    or_ws_participant *ps = NULL;
    bool ok = !or_ideas_list(req->store, b->w.id, -1, req->arena, &all, &nall, &err) &&
              !or_ws_participants(req->store, b->w.id, req->arena, &ps, &b->nparticipants, &err);
    if (ok && b->w.participant > 0)
        ok = !or_idea_votes_of(req->store, b->w.participant, req->arena, b->used, &b->mine,
                               &b->nmine, &err);
    if (ok && b->w.facilitator)
        ok = !or_idea_voters(req->store, b->w.id, &b->voters, &err);
    if (ok && b->results)
        ok = !or_idea_tally_of(req->store, b->w.id, req->arena, &b->tally, &b->nideas, &err);
    if (!ok)
        return false;
    b->ndrafted = nall;
    /* how many people drafted: distinct authors (ideas come in id order, authors mixed) */
    for (int i = 0; i < nall; i++) {
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = all[j].participant_id == all[i].participant_id;
        b->ndrafters += !seen;
    }
    if (b->revealed) {
        b->ideas = all;
        b->nideas = nall;
        if (b->tally) /* the tally has one entry per idea, in the same (written) order */
            or_ideas_rank(b->tally, b->nideas);
    } else {
        b->ideas = or_arena_alloc(req->arena, sizeof *b->ideas * (size_t)(nall ? nall : 1));
        b->nideas = 0;
        for (int i = 0; i < nall; i++)
            if (b->author >= 0 && all[i].participant_id == b->author)
                b->ideas[b->nideas++] = all[i];
    }
    return true;
}

const or_idea *ideas_find(const ideas_board *b, int64_t id)
{
    for (int i = 0; i < b->nideas; i++)
        if (b->ideas[i].id == id)
            return &b->ideas[i];
    return NULL;
}

const or_idea_tally *ideas_tally_of(const ideas_board *b, int64_t id)
{
    for (int i = 0; b->tally && i < b->nideas; i++)
        if (b->tally[i].id == id)
            return &b->tally[i];
    return NULL;
}

static int my_votes(const ideas_board *b, int64_t idea, int c)
{
    for (int i = 0; i < b->nmine; i++)
        if (b->mine[i].idea_id == idea)
            return b->mine[i].votes[c];
    return 0;
}

/* The idea's number on the board: its place in the order written, from 1. */
static int idea_number(const ideas_board *b, int64_t id)
{
    for (int i = 0; i < b->nideas; i++)
        if (b->ideas[i].id == id)
            return i + 1;
    return 0;
}

/* ---- the add-an-idea form ---- */

enum { A_FRAMING, A_WORDS, A_CATEGORY, A_ENERGY, A_SEED, A__N };
static const gov_choice framings[] = {
    {"hmw", "How might we…?", NULL},
    {"whatif", "What if…?", NULL},
    {"own", "I have written it myself", "It must start with \"How might we\" or \"What if\""},
};
static const form_field add_fields[A__N] = {
    [A_FRAMING] = {"framing", "How does your idea start?",
                   "The toolkit asks for every idea as a question starting \"How might we\" or "
                   "\"What if\"",
                   FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                   .missing = "Select how your idea starts", .choices = framings, .nchoices = 3},
    [A_WORDS] = {"words", "Your idea", "Write the rest of the question", FORM_TEXTAREA,
                 FORM_REQUIRED, .missing = "Enter your idea", .max = OR_IDEA_TEXT_MAX, .rows = 3},
    [A_CATEGORY] = {"category", "Where would the change happen?", NULL, FORM_RADIOS,
                    FORM_REQUIRED | FORM_SMALL, .missing = "Select where the change would happen"},
    [A_ENERGY] = {"energy", "Where is there energy for it? (optional)",
                  "The toolkit's six conditions of energy: tick any that hold", FORM_CHECKBOXES, 0},
    /* the iceberg's "intervene here" note it starts from (a card id of or_board_seeds) */
    [A_SEED] = {"seed", .type = FORM_HIDDEN, .flags = FORM_QUERY},
};

/* The iceberg's seeds (store_boards.h): its notes marked "intervene here", once revealed. */
static or_board_card *seeds_of(const web_request *req, const ideas_board *b, int *n)
{
    or_board_card *cs = NULL;
    or_error err = {0};
    *n = 0;
    if (or_board_seeds(req->store, b->w.id, req->arena, &cs, n, &err))
        *n = 0;
    return cs;
}

static const or_board_card *seed_find(const or_board_card *cs, int n, const char *id)
{
    char *end = NULL;
    long long v = id && *id ? strtoll(id, &end, 10) : 0;
    for (int i = 0; v > 0 && !*end && i < n; i++)
        if (cs[i].id == v)
            return &cs[i];
    return NULL;
}

static void seed_words(or_sb *out, const or_board_card *c)
{
    const or_iceberg_level *l = or_iceberg_level_at(c->place);
    const char *side = or_board_term_label(or_iceberg_sides, c->kind);
    html_printf(out, "%s%s%s: %s", l ? l->name : "", side ? ", " : "", side ? side : "", c->text);
}

static gov_choice *choices_of(const web_request *req, const or_idea_term *vocab, int *n)
{
    int k = 0;
    while (vocab[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)k);
    for (int i = 0; i < k; i++)
        c[i] = (gov_choice){vocab[i].code, vocab[i].label, vocab[i].hint};
    *n = k;
    return c;
}

static void add_form_init(form *f, const web_request *req)
{
    form_init(f, req, add_fields, A__N);
    int n;
    f->fields[A_CATEGORY].choices = choices_of(req, or_idea_categories, &n);
    f->fields[A_CATEGORY].nchoices = n;
    f->fields[A_ENERGY].choices = choices_of(req, or_idea_energies, &n);
    f->fields[A_ENERGY].nchoices = n;
}

/* ---- the page ---- */

static const char *board_path(const web_request *req, const ideas_board *b, const char *rest)
{
    return or_arena_printf(req->arena, "/workshops/%lld/ideas%s", (long long)b->w.id, rest);
}

static void energy_words(or_sb *out, const web_request *req, const char *codes)
{
    if (!codes || !*codes)
        return;
    html_raw(out, "<p class=\"govuk-body-s govuk-!-margin-bottom-2\">Energy: ");
    const char *p = codes;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, ",");
        char *code = or_arena_strndup(req->arena, p, n);
        const char *l = or_idea_label(or_idea_energies, code);
        html_printf(out, "%s%s", first ? "" : "; ", l ? l : code);
        first = false;
        p += n + (p[n] == ',');
    }
    html_raw(out, "</p>\n");
}

static void vote_button(or_sb *out, const web_request *req, const ideas_board *b, int64_t idea,
                        int number, int c, bool cast)
{
    gov_form_start(out, req, "post", board_path(req, b, "/vote"));
    html_printf(out,
                "<input type=\"hidden\" name=\"idea\" value=\"%lld\">\n"
                "<input type=\"hidden\" name=\"criterion\" value=\"%s\">\n"
                "<input type=\"hidden\" name=\"op\" value=\"%s\">\n",
                (long long)idea, or_idea_criteria[c].code, cast ? "cast" : "back");
    html_printf(out,
                "<button type=\"submit\" class=\"govuk-button govuk-button--%s "
                "govuk-!-margin-bottom-0 onroll-vote-button\" data-module=\"govuk-button\">%s"
                "<span class=\"govuk-visually-hidden\"> %s %s on idea %d</span></button>\n",
                cast ? "secondary" : "warning", cast ? "Vote" : "Take back",
                cast ? "for" : "a vote for", or_idea_criteria[c].code, number);
    gov_form_end(out);
}

static void idea_card(or_sb *out, const web_request *req, const ideas_board *b, const or_idea *x)
{
    int number = idea_number(b, x->id);
    html_printf(out,
                "<li class=\"onroll-idea\" id=\"idea-%d\">\n"
                "<p class=\"govuk-body govuk-!-margin-bottom-1\"><span class=\"govuk-caption-s\">"
                "Idea %d</span> <strong>%s</strong></p>\n",
                number, number, x->text);
    if (x->seed && *x->seed)
        html_printf(out,
                    "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">From the iceberg: %s</p>\n",
                    x->seed);
    energy_words(out, req, x->energies);
    if (b->can_vote) {
        html_raw(out, "<ul class=\"govuk-list onroll-votes\">\n");
        for (int c = 0; c < OR_CRIT__N; c++) {
            int mine = my_votes(b, x->id, c);
            html_printf(out,
                        "<li><span class=\"onroll-vote-what\"><strong>%s</strong>: your votes "
                        "%d</span>",
                        or_idea_criteria[c].label, mine);
            vote_button(out, req, b, x->id, number, c, true);
            if (mine)
                vote_button(out, req, b, x->id, number, c, false);
            html_raw(out, "</li>\n");
        }
        html_raw(out, "</ul>\n");
    }
    const or_idea_tally *t = ideas_tally_of(b, x->id);
    if (t)
        html_printf(out,
                    "<p class=\"govuk-body-s\">Votes: feasibility %d, desirability %d, viability "
                    "%d (%d in all)</p>\n",
                    t->votes[0], t->votes[1], t->votes[2], t->total);
    html_raw(out, "</li>\n");
}

static void lanes(or_sb *out, const web_request *req, const ideas_board *b)
{
    html_raw(out, "<div class=\"onroll-idea-lanes\">\n");
    for (int k = 0; or_idea_categories[k].code; k++) {
        const or_idea_term *cat = &or_idea_categories[k];
        html_printf(out,
                    "<section class=\"onroll-idea-lane\" aria-labelledby=\"lane-%s\">\n"
                    "<h3 class=\"govuk-heading-s\" id=\"lane-%s\">%s</h3>\n",
                    cat->code, cat->code, cat->label);
        int shown = 0;
        for (int i = 0; i < b->nideas; i++) {
            if (strcmp(b->ideas[i].category, cat->code))
                continue;
            if (!shown++)
                html_raw(out, "<ul class=\"govuk-list onroll-idea-list\">\n");
            idea_card(out, req, b, &b->ideas[i]);
        }
        if (shown)
            html_raw(out, "</ul>\n");
        else
            html_raw(out, "<p class=\"govuk-body-s\">No ideas yet.</p>\n");
        html_raw(out, "</section>\n");
    }
    html_raw(out, "</div>\n");
}

static void voting_section(or_sb *out, const web_request *req, const ideas_board *b)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\">Voting</h2>\n"
                  "<p class=\"govuk-body\">The toolkit's rule: \"Each participant gets nine votes: "
                  "three per criterion. You can vote for the same question more than once, in "
                  "fact you can give all your nine votes to one question if you feel the "
                  "need.\"</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
    for (int c = 0; c < OR_CRIT__N; c++)
        html_printf(out, "<li><strong>%s</strong>: %s</li>\n", or_idea_criteria[c].label,
                    or_idea_criteria[c].hint);
    html_raw(out, "</ul>\n");
    if (b->can_vote) {
        html_raw(out, "<p class=\"govuk-body\" id=\"votes-left\">Your votes left: ");
        for (int c = 0; c < OR_CRIT__N; c++)
            html_printf(out, "%s%s %d of %d", c ? ", " : "", or_idea_criteria[c].code,
                        OR_IDEA_VOTES_PER_CRITERION - b->used[c], OR_IDEA_VOTES_PER_CRITERION);
        html_raw(out, ".</p>\n");
    }
    html_raw(out, "<p class=\"govuk-body\">Votes are hidden from everyone until the facilitator "
                  "shows the results.</p>\n");
    if (b->w.facilitator) {
        html_printf(out,
                    "<p class=\"govuk-body\" id=\"voters\"><strong>%d of %d</strong> "
                    "participants have voted.</p>\n",
                    b->voters, b->nparticipants);
        gov_form_start(out, req, "post", board_path(req, b, "/results"));
        gov_button(out, "Show the results", false);
        gov_form_end(out);
    }
}

void ideas_board_page(const web_request *req, web_response *res, ideas_board *b, const char *error,
                      struct form *add, struct form *commit)
{
    or_sb *out = &res->body;
    const char *title = or_arena_printf(
        req->arena, "%sEnergy for change: %s",
        error || (add && add->nerrors) || (commit && commit->nerrors) ? "Error: " : "", b->w.title);
    gov_page_start(out, req, title);
    html_printf(out,
                "<a class=\"govuk-back-link\" href=\"/workshops/%lld\">Back to the workshop</a>\n"
                "<span class=\"govuk-caption-l\">%s</span>\n",
                (long long)b->w.id, ws_caption(req, &b->w));
    if (error) {
        gov_error e = {"votes-left", error};
        if (!b->can_vote)
            e.field_id = NULL;
        gov_error_summary(out, &e, 1);
        res->status = 400;
    }
    /* a form's errors at the top of the page, as GOV.UK's pattern has them */
    if (add && add->nerrors)
        gov_error_summary(out, add->errors, add->nerrors);
    if (commit && commit->nerrors)
        gov_error_summary(out, commit->errors, commit->nerrors);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Energy for change</h1>\n");
    const char *q = web_query(req, "done");
    if (!strcmp(q, "added"))
        gov_notification(out, "Success", "Your idea is on the board.", true);
    else if (!strcmp(q, "voted"))
        gov_notification(out, "Success", "Your vote is counted.", true);
    else if (!strcmp(q, "back"))
        gov_notification(out, "Success", "Your vote is taken back.", true);
    else if (!strcmp(q, "committed"))
        gov_notification(out, "Success",
                         "The commitment is recorded: it is now a duty of its "
                         "owner.",
                         true);
    html_raw(out,
             "<p class=\"govuk-body\">\"This exercise helps to prioritise those opportunities.\" "
             "Write ideas as questions starting \"How might we...?\" or \"What if...?\", then "
             "vote for the most feasible, desirable and viable.</p>\n"
             "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
             "class=\"govuk-details__summary-text\">The six conditions of energy</span>"
             "</summary><div class=\"govuk-details__text\"><ul class=\"govuk-list "
             "govuk-list--bullet\">\n");
    for (int i = 0; or_idea_energies[i].code; i++)
        html_printf(out, "<li>%s</li>\n", or_idea_energies[i].label);
    html_raw(out, "</ul></div></details>\n");

    if (b->can_draft) {
        form f0;
        form *f = add;
        if (!f) {
            add_form_init(&f0, req);
            form_read(&f0); /* a GET: the seed a link chose */
            f = &f0;
        }
        html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"add\">Add an idea</h2>\n");
        int nseeds = 0;
        or_board_card *seeds = seeds_of(req, b, &nseeds);
        if (nseeds) {
            html_raw(out, "<h3 class=\"govuk-heading-s\">Seeds from the iceberg</h3>\n"
                          "<p class=\"govuk-body\">The iceberg's notes marked \"intervene "
                          "here\". Start an idea from one, or write your own.</p>\n"
                          "<ul class=\"govuk-list govuk-list--bullet\" id=\"seeds\">\n");
            for (int i = 0; i < nseeds; i++) {
                html_raw(out, "<li>");
                seed_words(out, &seeds[i]);
                html_printf(out,
                            " <a class=\"govuk-link\" href=\"/workshops/%lld/ideas?seed=%lld#add\">"
                            "Start an idea from this<span class=\"govuk-visually-hidden\"> note"
                            "</span></a></li>\n",
                            (long long)b->w.id, (long long)seeds[i].id);
            }
            html_raw(out, "</ul>\n");
        }
        const or_board_card *seed = seed_find(seeds, nseeds, form_text(f, A_SEED));
        if (seed) {
            html_raw(out, "<div class=\"govuk-inset-text\">Your idea starts from the iceberg's "
                          "note: ");
            seed_words(out, seed);
            html_raw(out, "</div>\n");
        } else {
            form_set(f, A_SEED, "");
        }
        form_start(out, f, board_path(req, b, ""));
        form_fields_html(out, f, 0, f->n);
        gov_button(out, "Add the idea", false);
        gov_form_end(out);
    }

    ws_live_open(out, &b->w, "ideas-board");
    html_raw(out, "<h2 class=\"govuk-heading-m\">Ideas</h2>\n");
    ws_reveal_button(out, req, &b->w, "ideas", board_path(req, b, ""));
    if (!b->revealed && b->w.facilitator)
        html_printf(out,
                    "<p class=\"govuk-body\" id=\"drafted\">%d %s drafted by %d %s so far.</p>\n",
                    b->ndrafted, b->ndrafted == 1 ? "idea" : "ideas", b->ndrafters,
                    b->ndrafters == 1 ? "person" : "people");
    if (!b->revealed && b->author < 0)
        html_raw(out, "<p class=\"govuk-body\">The ideas are private to their authors until the "
                      "facilitator reveals them.</p>\n");
    else
        lanes(out, req, b);
    if (b->revealed && !b->results)
        voting_section(out, req, b);
    if (b->results) {
        ideas_results_html(out, req, b, 2);
        ideas_commitments_html(out, req, b, 2);
    }
    ws_live_close(out, &b->w);

    if (b->results && b->w.facilitator && b->nideas)
        ideas_commit_form_html(out, req, b, commit);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/workshops/%lld/ideas/"
                "download\">Download the board (CSV)</a></p>\n",
                (long long)b->w.id);
    ws_live_script(out, req);
    gov_page_end(out, req);
}

void page_ideas(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    ideas_board_page(req, res, &b, NULL, NULL, NULL);
}

void page_ideas_post(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (!b.can_draft) {
        web_audit(req, "denied", NULL, "an idea added by someone who may not, or after results");
        web_error(req, res, 403, "You cannot add an idea",
                  b.results ? "The facilitator has shown the results: the board is closed."
                            : "Only the workshop's facilitator and participants add ideas.");
        return;
    }
    form f;
    add_form_init(&f, req);
    form_read(&f);
    form_validate(&f);
    or_sb text = OR_SB_INIT;
    or_error err = {0};
    if (!form_error_of(&f, A_FRAMING) && !form_error_of(&f, A_WORDS)) {
        const char *fr = form_text(&f, A_FRAMING);
        if (or_idea_compose(strcmp(fr, "own") ? fr : NULL, form_text(&f, A_WORDS), &text, &err))
            form_error(&f, A_WORDS, err.msg);
    }
    if (f.nerrors) {
        or_sb_release(&text);
        form_errors_in_order(&f);
        ideas_board_page(req, res, &b, NULL, &f, NULL);
        res->status = 400;
        return;
    }
    /* the ticked conditions, as codes joined with commas */
    const char *energies = "";
    const form_value *v = &f.v[A_ENERGY];
    for (int i = 0; i < v->nitems; i++)
        energies = or_arena_printf(req->arena, "%s%s%s", energies, i ? "," : "", v->items[i]);
    or_idea x = {0};
    x.workshop_id = b.w.id;
    x.participant_id = b.author;
    x.text = or_arena_strdup(req->arena, or_sb_str(&text));
    x.category = form_text(&f, A_CATEGORY);
    x.energies = energies;
    int nseeds = 0;
    or_board_card *seeds = seeds_of(req, &b, &nseeds);
    const or_board_card *seed = seed_find(seeds, nseeds, form_text(&f, A_SEED));
    x.seed = seed ? seed->text : "";
    or_sb_release(&text);
    int64_t id = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_idea_add(req->store, &x, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: idea %lld added by %s",
                                       (long long)b.w.id, (long long)id, b.w.who))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The idea could not be saved. Nothing was changed.");
        return;
    }
    ws_changed(req, b.w.id);
    web_redirect(req, res, board_path(req, &b, "?done=added#ideas-board"));
}

/* ---- the board as CSV: what the caller may see, votes only once shown ---- */

void page_ideas_download(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (web_audit(req, "export", NULL,
                  or_arena_printf(req->arena, "workshop %lld: ideas (%d rows)%s", (long long)b.w.id,
                                  b.nideas, b.results ? " with votes" : ""))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-ideas-%lld.csv\"",
                                   (long long)b.w.id));
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    static const char *const head[] = {"number",    "idea",        "category",
                                       "energy",    "feasibility", "desirability",
                                       "viability", "total",       "place"};
    or_csv_texts(&w, head, b.results ? 9 : 4);
    or_csv_end_row(&w);
    for (int i = 0; i < b.nideas; i++) {
        const or_idea *x = &b.ideas[i];
        or_csv_int(&w, i + 1);
        or_csv_text(&w, x->text);
        const char *cat = or_idea_label(or_idea_categories, x->category);
        or_csv_text(&w, cat ? cat : x->category);
        or_csv_text(&w, x->energies);
        const or_idea_tally *t = ideas_tally_of(&b, x->id);
        if (b.results && t) {
            for (int c = 0; c < OR_CRIT__N; c++)
                or_csv_int(&w, t->votes[c]);
            or_csv_int(&w, t->total);
            or_csv_int(&w, t->rank_total);
        }
        or_csv_end_row(&w);
    }
}
