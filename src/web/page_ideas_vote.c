/* page_ideas_vote.c - voting on Energy for change's board (ideas_web.h):
 *
 *   POST /workshops/{id}/ideas/vote     idea, criterion, op=cast|back: one vote cast or taken
 *                                       back by a participant, once the ideas are revealed and
 *                                       before the results; a fourth vote in one criterion is
 *                                       refused with the board again and the rule (ideas.h)
 *   POST /workshops/{id}/ideas/results  the facilitator shows the results ('votes' revealed)
 *
 * Each write is one transaction with its audit line (which never says how anyone voted on what:
 * only that a vote was cast), then ws_changed. */
#include <stdlib.h>
#include <string.h>

#include "web/ideas_web.h"

void page_ideas_vote(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (!b.can_vote) {
        web_audit(req, "denied", NULL, "a vote out of turn or by someone who may not vote");
        const char *why = b.w.participant <= 0 ? "Only the workshop's participants vote."
                          : b.results ? "Voting has closed: the facilitator has shown the results."
                                      : "Voting opens when the facilitator reveals the ideas.";
        web_error(req, res, 403, "You cannot vote now", why);
        return;
    }
    char *end = NULL;
    const char *ids = web_form(req, "idea");
    long long idea = strtoll(ids, &end, 10);
    const or_idea *x = *ids && !*end ? ideas_find(&b, idea) : NULL;
    int c = or_idea_criterion_parse(web_form(req, "criterion"));
    const char *op = web_form(req, "op");
    bool cast = !strcmp(op, "cast");
    if (!x || c < 0 || (!cast && strcmp(op, "back"))) {
        web_error(req, res, 400, "Bad request", "There is no such idea or criterion to vote on.");
        return;
    }
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = cast ? or_idea_vote_cast(req->store, b.w.id, b.w.participant, x->id, c, &err)
                  : or_idea_vote_take_back(req->store, b.w.participant, x->id, c, &err);
    if (rc == OR_ERULE || rc == OR_EINPUT) {
        or_store_rollback(req->store);
        char msg[OR_ERRMSG_MAX];
        memcpy(msg, err.msg, sizeof msg);
        /* the board as it stands, with the refusal */
        ideas_board again;
        if (!ideas_board_read(req, res, &again))
            return;
        ideas_board_page(req, res, &again, or_arena_strdup(req->arena, msg), NULL, NULL);
        return;
    }
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: a %s vote %s by %s",
                                       (long long)b.w.id, or_idea_criteria[c].code,
                                       cast ? "cast" : "taken back", b.w.who))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The vote could not be counted. Nothing was changed: try again.");
        return;
    }
    ws_changed(req, b.w.id);
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/workshops/%lld/ideas?done=%s#idea-%lld",
                                 (long long)b.w.id, cast ? "voted" : "back",
                                 (long long)(x - b.ideas + 1)));
}

void page_ideas_results(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (!b.w.facilitator) {
        web_audit(req, "denied", NULL, "a workshop's results shown by someone who does not run it");
        web_error(req, res, 403, "You do not have access to this page",
                  "Only the workshop's facilitator can show the results.");
        return;
    }
    if (!b.revealed) {
        web_error(req, res, 400, "The ideas are not revealed yet",
                  "Reveal the ideas and let everyone vote before showing the results.");
        return;
    }
    if (!b.results && !ws_reveal(req, &b.w, "votes")) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The results could not be shown. Nothing was changed.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/workshops/%lld/ideas#results", (long long)b.w.id));
}
