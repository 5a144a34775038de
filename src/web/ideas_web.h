/* ideas_web.h (internal) - Energy for change's pages (issue 19 part 5; docs/workshop-ideas.md):
 *
 *   GET  /workshops/{id}/ideas              the board: the add-an-idea form, the ideas (each
 *                                           one's own until the facilitator reveals them), the
 *                                           votes, and once shown the results (page_ideas.c)
 *   POST /workshops/{id}/ideas              add an idea (page_ideas.c)
 *   GET  /workshops/{id}/ideas/download     the board as CSV: what the caller may see, votes
 *                                           only once the results are shown (page_ideas.c)
 *   POST /workshops/{id}/ideas/vote         cast or take back one vote (page_ideas_vote.c)
 *   POST /workshops/{id}/ideas/results      the facilitator shows the results (page_ideas_vote.c)
 *   POST /workshops/{id}/ideas/commitments  the facilitator records a commitment
 *                                           (page_ideas_commit.c)
 *   POST /workshops/commitments/{id}/done   its owner records it done (page_ideas_commit.c)
 *
 * and the section of /duties listing the caller's open commitments (LOCAL-WORKSHOP-COMMITMENT),
 * the report's section (ideas_report.c), the matrix (ideas_matrix.c). */
#ifndef ONROLL_WEB_IDEAS_WEB_H
#define ONROLL_WEB_IDEAS_WEB_H

#include "onroll/store_ideas.h"
#include "web/web.h"
#include "web/workshop_web.h"

/* What the board shows a caller, read once per request. */
typedef struct {
    ws_ctx w;
    int64_t author; /* the caller's ideas are those of this author id: their participant id, 0
                       for a facilitator who is not a participant; -1 for a reader */
    bool can_draft; /* the facilitator or a participant, before the results */
    bool can_vote;  /* a participant, once the ideas are revealed and before the results */
    bool revealed;  /* the ideas ('ideas') */
    bool results;   /* the votes ('votes') */
    or_idea *ideas; /* what the caller may see: everyone's once revealed, else their own */
    int nideas;
    int ndrafted; /* every idea of the board, counted (what the facilitator sees before) */
    int ndrafters;
    or_idea_tally *tally; /* once the results are shown: per idea of `ideas`, ranked */
    int used[OR_CRIT__N]; /* the caller's votes used */
    or_idea_my_votes *mine;
    int nmine;
    int voters, nparticipants;
} ideas_board;

/* Open the path's workshop and read its board for the caller; false with the page in res. */
bool ideas_board_read(const web_request *req, web_response *res, ideas_board *b);
/* The same for a workshop already open (the report); false on a store failure. */
bool ideas_board_of(const web_request *req, const ws_ctx *w, ideas_board *b);
/* The board page, with an error of the whole page (a refused vote) or NULL (status 400 with
 * one), and the add-an-idea and commitment forms with their errors (NULL: empty forms). */
struct form;
void ideas_board_page(const web_request *req, web_response *res, ideas_board *b, const char *error,
                      struct form *add, struct form *commit);
/* The idea of the board's list with this id, or NULL. */
const or_idea *ideas_find(const ideas_board *b, int64_t id);
/* The tally of an idea (once the results are shown), or NULL. */
const or_idea_tally *ideas_tally_of(const ideas_board *b, int64_t id);

/* The results: the ranking per criterion and overall, the feasibility x desirability matrix
 * (SVG with its table), with the rule of the overall rank stated (ideas_matrix.c). */
void ideas_results_html(or_sb *out, const web_request *req, const ideas_board *b, int heading);
/* The commitments of the workshop as a table (none: a sentence). */
void ideas_commitments_html(or_sb *out, const web_request *req, const ideas_board *b, int heading);
/* The facilitator's form recording a commitment (page_ideas_commit.c); f NULL: an empty one. */
void ideas_commit_form_html(or_sb *out, const web_request *req, const ideas_board *b,
                            struct form *f);

/* /duties: the caller's open commitments, each with "Record as done". */
void page_ideas_duties_section(or_sb *out, const web_request *req);

void page_ideas(const web_request *req, web_response *res);
void page_ideas_post(const web_request *req, web_response *res);
void page_ideas_download(const web_request *req, web_response *res);
void page_ideas_vote(const web_request *req, web_response *res);
void page_ideas_results(const web_request *req, web_response *res);
void page_ideas_commit(const web_request *req, web_response *res);
void page_ideas_commit_done(const web_request *req, web_response *res);

#endif
