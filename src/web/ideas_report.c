/* ideas_report.c - Energy for change's part of the workshop report (workshop_web.h's hooks):
 * the ranked ideas with their votes and the matrix once the facilitator has shown the results,
 * and the commitments; for the series comparison, the top three ideas and how many commitments.
 * Nothing private: drafts not revealed and votes not shown stay out of the report. */
#include "web/govuk.h"
#include "web/ideas_web.h"

void ws_report_ideas(const web_request *req, const ws_ctx *w, or_sb *out)
{
    ideas_board b;
    if (!ideas_board_of(req, w, &b)) {
        html_raw(out, "<p class=\"govuk-body\">The ideas could not be read.</p>\n");
        return;
    }
    if (!b.revealed) {
        html_raw(out, "<p class=\"govuk-body\">The ideas have not been revealed.</p>\n");
        return;
    }
    if (!b.results) {
        html_printf(out, "<p class=\"govuk-body\">%d ideas; the votes have not been shown.</p>\n",
                    b.nideas);
    } else {
        ideas_results_html(out, req, &b, 3);
    }
    ideas_commitments_html(out, req, &b, 3);
}

void ws_summary_ideas(const web_request *req, const ws_ctx *w, or_sb *out)
{
    ideas_board b;
    if (!ideas_board_of(req, w, &b) || !b.revealed) {
        html_raw(out, "Not revealed");
        return;
    }
    if (!b.results || !b.nideas) {
        html_printf(out, "%d ideas, votes not shown", b.nideas);
        return;
    }
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)b.nideas);
    or_ideas_order(b.tally, b.nideas, OR_RANK_OVERALL, order);
    html_raw(out, "<ol class=\"govuk-list govuk-list--number\">");
    for (int k = 0; k < b.nideas && k < 3; k++)
        html_printf(out, "<li>%s (%d votes)</li>", b.ideas[order[k]].text, b.tally[order[k]].total);
    html_raw(out, "</ol>");
}
