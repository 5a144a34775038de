/* ideas_matrix.c - Energy for change's results (ideas_web.h): the ideas ranked per criterion and
 * overall (ideas.h: overall is the sum of the three; the toolkit is silent on how to combine
 * them and on ties, so ideas with as many votes share a place), the feasibility x desirability
 * matrix as inline SVG with real <text> (role="img", named by its title, described in words) and
 * the same as a table, and the workshop's commitments. Server-rendered; no script. */
#include <stdio.h>
#include <string.h>

#include "web/govuk.h"
#include "web/ideas_web.h"
#include "web/view.h"

/* "1st", "2nd", "3rd", "11th", "22nd" */
static const char *ordinal(const web_request *req, int n)
{
    const char *sfx = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1)
            sfx = "st";
        else if (n % 10 == 2)
            sfx = "nd";
        else if (n % 10 == 3)
            sfx = "rd";
    }
    return or_arena_printf(req->arena, "%d%s", n, sfx);
}

/* How many ideas share place r of criterion `by`? */
static int sharing(const ideas_board *b, int by, int r)
{
    int k = 0;
    for (int i = 0; i < b->nideas; i++)
        k += (by == OR_RANK_OVERALL ? b->tally[i].rank_total : b->tally[i].rank[by]) == r;
    return k;
}

static const char *place(const web_request *req, const ideas_board *b, int by, int r)
{
    return sharing(b, by, r) > 1 ? or_arena_printf(req->arena, "%s (shared)", ordinal(req, r))
                                 : ordinal(req, r);
}

static const char *const by_codes[] = {"feasibility", "desirability", "viability", "overall"};

static void ranking(or_sb *out, const web_request *req, const ideas_board *b, int heading)
{
    int by = OR_RANK_OVERALL;
    for (int c = 0; c < OR_CRIT__N; c++)
        if (!strcmp(web_query(req, "by"), by_codes[c]))
            by = c;
    html_printf(out, "<h%d class=\"govuk-heading-m\" id=\"results\">Results</h%d>\n", heading,
                heading);
    html_raw(out,
             "<p class=\"govuk-body\">Each idea's votes for each criterion, and its place. The "
             "toolkit ranks the ideas per criterion and does not say how to combine the three: "
             "onroll's overall place is by the sum of the three. Nor does it say how to break a "
             "tie: ideas with as many votes share a place, listed in the order they were "
             "written.</p>\n");
    html_raw(out, "<p class=\"govuk-body\">Order by: ");
    static const char *const names[] = {"Feasibility", "Desirability", "Viability", "Overall"};
    for (int k = 0; k <= OR_RANK_OVERALL; k++) {
        if (k)
            html_raw(out, " | ");
        if (k == by)
            html_printf(out, "<strong>%s</strong>", names[k]);
        else
            html_printf(out,
                        "<a class=\"govuk-link\" href=\"/workshops/%lld/ideas?by=%t#results\">%s"
                        "</a>",
                        (long long)b->w.id, by_codes[k], names[k]);
    }
    html_raw(out, "</p>\n");
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)(b->nideas ? b->nideas : 1));
    or_ideas_order(b->tally, b->nideas, by, order);
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Ranked ideas\">\n");
    const char *heads[] = {"Place", "Idea", "Feasibility", "Desirability", "Viability", "Total"};
    gov_table_start(
        out,
        or_arena_printf(req->arena, "Ranked ideas, by %s",
                        by == OR_RANK_OVERALL ? "all three criteria" : or_idea_criteria[by].code),
        heads, 6);
    for (int k = 0; k < b->nideas; k++) {
        int i = order[k];
        const or_idea_tally *t = &b->tally[i];
        gov_table_row_start(out);
        gov_td(out, place(req, b, by, by == OR_RANK_OVERALL ? t->rank_total : t->rank[by]));
        gov_td(out, or_arena_printf(req->arena, "Idea %d: %s", i + 1, b->ideas[i].text));
        for (int c = 0; c < OR_CRIT__N; c++)
            gov_td(out, or_arena_printf(req->arena, "%d, %s", t->votes[c],
                                        place(req, b, c, t->rank[c])));
        gov_td(out, or_arena_printf(req->arena, "%d, %s", t->total,
                                    place(req, b, OR_RANK_OVERALL, t->rank_total)));
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

/* ---- the matrix ---- */

enum { MW = 480, MH = 360, ML = 56, MR = 16, MT = 16, MB = 56 };

static void matrix(or_sb *out, const web_request *req, const ideas_board *b, int heading)
{
    int maxv = 3;
    for (int i = 0; i < b->nideas; i++)
        for (int c = 0; c < 2; c++)
            if (b->tally[i].votes[c] > maxv)
                maxv = b->tally[i].votes[c];
    int pw = MW - ML - MR, ph = MH - MT - MB;
    html_printf(out,
                "<h%d class=\"govuk-heading-m\" id=\"matrix\">Prioritisation matrix: feasibility "
                "and desirability</h%d>\n",
                heading, heading);
    /* the finding in words: the ideas in the top right quarter */
    int top = 0;
    for (int i = 0; i < b->nideas; i++)
        top += b->tally[i].votes[0] * 2 > maxv && b->tally[i].votes[1] * 2 > maxv;
    const char *desc = or_arena_printf(
        req->arena,
        "Each idea is a numbered dot, across by its feasibility votes and up by its desirability "
        "votes, from 0 to %d. %d of %d ideas are in the top right quarter (more than half the "
        "most votes for both). The table below gives the same figures.",
        maxv, top, b->nideas);
    html_printf(out,
                "<svg class=\"onroll-matrix\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                "aria-labelledby=\"matrix-title\" aria-describedby=\"matrix-desc\" "
                "xmlns=\"http://www.w3.org/2000/svg\">\n"
                "<title id=\"matrix-title\">Ideas by feasibility and desirability votes</title>\n"
                "<desc id=\"matrix-desc\">%s</desc>\n",
                MW, MH, desc);
    /* the quarters, the axes and their ticks */
    html_printf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f3f2f1\"/>\n"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b1b4b6\" "
                "stroke-dasharray=\"4 4\"/>\n"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b1b4b6\" "
                "stroke-dasharray=\"4 4\"/>\n"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#0b0c0c\"/>\n"
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#0b0c0c\"/>\n",
                ML + pw / 2, MT, pw / 2, ph / 2, ML + pw / 2, MT, ML + pw / 2, MT + ph, ML,
                MT + ph / 2, ML + pw, MT + ph / 2, ML, MT + ph, ML + pw, MT + ph, ML, MT, ML,
                MT + ph);
    for (int v = 0; v <= maxv; v++) {
        if (maxv > 10 && v % ((maxv + 9) / 10))
            continue;
        int x = ML + pw * v / maxv, y = MT + ph - ph * v / maxv;
        html_printf(out,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
                    "fill=\"#0b0c0c\">%d</text>\n"
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\" "
                    "fill=\"#0b0c0c\">%d</text>\n",
                    x, MT + ph + 18, v, ML - 8, y + 4, v);
    }
    html_printf(out,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\" "
                "fill=\"#0b0c0c\">Feasibility votes</text>\n"
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\" fill=\"#0b0c0c\" "
                "transform=\"rotate(-90 %d %d)\">Desirability votes</text>\n"
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\" "
                "fill=\"#505a5f\">Most feasible and desirable</text>\n",
                ML + pw / 2, MH - 14, 16, MT + ph / 2, 16, MT + ph / 2, ML + pw - 6, MT + 14);
    /* the dots: ideas on the same point side by side */
    for (int i = 0; i < b->nideas; i++) {
        const or_idea_tally *t = &b->tally[i];
        int before = 0;
        for (int j = 0; j < i; j++)
            before += b->tally[j].votes[0] == t->votes[0] && b->tally[j].votes[1] == t->votes[1];
        int x = ML + pw * t->votes[0] / maxv + before * 22, y = MT + ph - ph * t->votes[1] / maxv;
        if (x > ML + pw)
            x = ML + pw;
        html_printf(out,
                    "<g><title>Idea %d: feasibility %d, desirability %d</title>"
                    "<circle cx=\"%d\" cy=\"%d\" r=\"10\" fill=\"#1d70b8\" stroke=\"#ffffff\" "
                    "stroke-width=\"2\"/>"
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                    "font-weight=\"bold\" fill=\"#ffffff\">%d</text></g>\n",
                    i + 1, t->votes[0], t->votes[1], x, y, x, y + 4, i + 1);
    }
    html_raw(out, "</svg>\n");
    /* the same as a table */
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"The matrix as a table\">\n");
    const char *heads[] = {"Dot", "Idea", "Feasibility votes", "Desirability votes"};
    gov_table_start(out, "The matrix as a table", heads, 4);
    for (int i = 0; i < b->nideas; i++) {
        gov_table_row_start(out);
        gov_td_num(out, i + 1);
        gov_td(out, b->ideas[i].text);
        gov_td_num(out, b->tally[i].votes[0]);
        gov_td_num(out, b->tally[i].votes[1]);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

void ideas_results_html(or_sb *out, const web_request *req, const ideas_board *b, int heading)
{
    if (!b->results || !b->tally)
        return;
    if (!b->nideas) {
        html_printf(out,
                    "<h%d class=\"govuk-heading-m\" id=\"results\">Results</h%d>\n"
                    "<p class=\"govuk-body\">There were no ideas to vote on.</p>\n",
                    heading, heading);
        return;
    }
    ranking(out, req, b, heading);
    matrix(out, req, b, heading);
}

void ideas_commitments_html(or_sb *out, const web_request *req, const ideas_board *b, int heading)
{
    or_idea_commitment *cs = NULL;
    int n = 0;
    or_error err = {0};
    html_printf(out, "<h%d class=\"govuk-heading-m\" id=\"commitments\">Commitments</h%d>\n",
                heading, heading);
    if (or_idea_commitments(req->store, b->w.id, req->arena, &cs, &n, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The commitments could not be read.</p>\n");
        return;
    }
    if (!n) {
        html_raw(out, "<p class=\"govuk-body\">No commitments yet. The toolkit's workshops ended "
                      "with the areas of opportunity participants \"committed to exploring them "
                      "further\".</p>\n");
        return;
    }
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Commitments\">\n");
    const char *heads[] = {"Idea", "What will be done", "Owner", "By", "Status"};
    gov_table_start(out, "Commitments", heads, 5);
    char day[24];
    for (int i = 0; i < n; i++) {
        or_date d = OR_DATE_NONE;
        or_date_parse(cs[i].due_on, &d);
        gov_table_row_start(out);
        gov_td(out, cs[i].idea);
        gov_td(out, cs[i].next_step);
        gov_td(out, cs[i].owner_name);
        gov_td(out, view_date(d, day));
        gov_td(out, cs[i].done_on[0] ? "Done" : "Open");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}
