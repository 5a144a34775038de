/* page_ideas_commit.c - Energy for change's commitments (ideas_web.h), LOCAL-WORKSHOP-COMMITMENT:
 *
 *   POST /workshops/{id}/ideas/commitments  the facilitator records, once the results are shown,
 *        a commitment against a ranked idea: what will be done, its owner (an onroll account of
 *        the LA or a school: the workshop's school when it is one school's) and the date;
 *   POST /workshops/commitments/{id}/done   its owner records it done, from /duties;
 *
 * and the /duties section listing the caller's open commitments (page_ideas_duties_section).
 * Each write is one transaction with its audit line; the theory of change imports a workshop's
 * commitments as activities (or_idea_commitments). */
#include <stdlib.h>
#include <string.h>

#include "onroll/accounts.h"
#include "web/form.h"
#include "web/ideas_web.h"
#include "web/view.h"

void page_ideas_commit(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (!b.w.facilitator || !b.results) {
        web_audit(req, "denied", NULL, "a workshop commitment by someone who may not record one");
        web_error(req, res, 403, "You cannot record a commitment",
                  b.w.facilitator ? "Show the results first: commitments follow the ranking."
                                  : "Only the workshop's facilitator records commitments.");
        return;
    }
    form f;
    ideas_commit_form_init(&f, req, &b);
    form_read(&f);
    form_validate(&f);
    char today[11];
    or_date_format(web_today(req), today);
    if (!form_error_of(&f, COMMIT_DUE) && strcmp(form_text(&f, COMMIT_DUE), today) < 0)
        form_error(&f, COMMIT_DUE, "The date must be today or in the future");
    if (f.nerrors) {
        form_errors_in_order(&f);
        ideas_board_page(req, res, &b, NULL, NULL, &f);
        res->status = 400;
        return;
    }
    or_idea_commitment c = {0};
    c.workshop_id = b.w.id;
    c.idea_id = strtoll(form_text(&f, COMMIT_IDEA), NULL, 10);
    c.next_step = form_text(&f, COMMIT_STEP);
    c.owner = form_text(&f, COMMIT_OWNER);
    c.due_on = form_text(&f, COMMIT_DUE);
    int64_t id = 0;
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_idea_commitment_add(req->store, &c, b.w.who, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "workshop %lld: commitment %lld on idea %lld, owner %s, "
                                       "due %s",
                                       (long long)b.w.id, (long long)id, (long long)c.idea_id,
                                       c.owner, c.due_on))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The commitment could not be recorded. Nothing was changed.");
        return;
    }
    ws_changed(req, b.w.id);
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/workshops/%lld/ideas?done=committed#commitments",
                                 (long long)b.w.id));
}

/* ---- on /duties ---- */

void page_ideas_duties_section(or_sb *out, const web_request *req)
{
    if (!req->user)
        return;
    or_idea_commitment *cs = NULL;
    int n = 0;
    or_error err = {0};
    if (web_query(req, "done_commitment")[0])
        gov_notification(out, "Success", "Recorded as done: the workshop commitment.", true);
    if (or_idea_commitments_open(req->store, req->user->email, req->arena, &cs, &n, &err) || !n)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "id=\"commitments\" aria-label=\"Workshop commitments: yours\">\n");
    const char *heads[] = {"Workshop idea", "What you committed to", "Due", "Status", ""};
    gov_table_start(out, "Workshop commitments: yours", heads, 5);
    char today[11], day[24];
    or_date_format(web_today(req), today);
    for (int i = 0; i < n; i++) {
        or_date d = OR_DATE_NONE;
        or_date_parse(cs[i].due_on, &d);
        gov_table_row_start(out);
        gov_td(out, cs[i].idea);
        gov_td(out, cs[i].next_step);
        gov_td(out, view_date(d, day));
        gov_td(out, strcmp(cs[i].due_on, today) < 0 ? "Overdue" : "Open");
        html_raw(out, "<td class=\"govuk-table__cell\">");
        gov_form_start(
            out, req, "post",
            or_arena_printf(req->arena, "/workshops/commitments/%lld/done", (long long)cs[i].id));
        gov_button(out, "Record as done", true);
        gov_form_end(out);
        html_raw(out, "</td>\n");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

void page_ideas_commit_done(const web_request *req, web_response *res)
{
    const char *ids = web_path(req, "id");
    char *end = NULL;
    long long id = strtoll(ids, &end, 10);
    or_idea_commitment *cs = NULL;
    int n = 0, at = -1;
    or_error err = {0};
    /* only the owner's own open commitments can be done by them */
    if (req->user && id > 0 && !*end &&
        !or_idea_commitments_open(req->store, req->user->email, req->arena, &cs, &n, &err))
        for (int i = 0; i < n; i++)
            if (cs[i].id == id)
                at = i;
    if (at < 0) {
        web_audit(req, "denied", NULL, "a workshop commitment that is not the user's to do");
        web_error(req, res, 404, "Page not found", "There is no such commitment to do.");
        return;
    }
    char today[11];
    or_date_format(web_today(req), today);
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_idea_commitment_done(req->store, id, today, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "LOCAL-WORKSHOP-COMMITMENT: commitment %lld done, "
                                       "workshop %lld",
                                       id, (long long)cs[at].workshop_id))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The commitment could not be recorded. Nothing was changed.");
        return;
    }
    ws_changed(req, cs[at].workshop_id);
    web_redirect(req, res, "/duties?done_commitment=1#commitments");
}
