/* workshop_web.c - who may open a workshop, reveals, the change counter and the live pages'
 * plumbing (workshop_web.h), with the routes that serve them:
 *
 *   POST /workshops/{id}/reveal    the facilitator reveals a tool's drafts (tool, back)
 *   GET  /workshops/{id}/events    server-sent events: "change" when the counter moves (sse.h)
 *   GET  /workshops/{id}/changes   {"changes": N}: the polling fallback (?since=N is ignored)
 *
 * A guest is known only here: the cookie server.c copies into req->ws_guest is looked up
 * (its hash) for this workshop, within the session's absolute time-out from the moment the
 * guest joined. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "onroll/labels.h"
#include "web/govuk.h"
#include "web/sse.h"
#include "web/view.h"
#include "web/workshop_web.h"

static void not_found(const web_request *req, web_response *res, const char *why)
{
    web_audit(req, "denied", NULL, why);
    web_error(req, res, 404, "Page not found",
              "If you typed the web address, check it is correct.");
}

void ws_sign_in_page(const web_request *req, web_response *res, const char *next)
{
    web_audit(req, "denied", NULL, "a workshop's page without an account or a guest's link");
    res->status = 403;
    or_sb *out = &res->body;
    or_sb_reset(out);
    gov_page_start(out, req, "Sign in to open this workshop");
    html_raw(out, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
                  "<h1 class=\"govuk-heading-l\">Sign in to open this workshop</h1>\n"
                  "<p class=\"govuk-body\">Workshops are open to their participants. If you have "
                  "an onroll account, sign in. If the facilitator sent you a link, open that "
                  "link in this browser.</p>\n");
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/sign-in?next=%t\">"
                "Sign in</a></p>\n</div></div>\n",
                web_local_path(next) ? next : "/workshops");
    gov_page_end(out, req);
}

static bool la_role(const web_request *req)
{
    return req->user &&
           (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER);
}

/* The workshop row and the caller's rights in it from the signed-in account (no guest). */
static void fill(const web_request *req, const or_workshop *row, ws_ctx *w)
{
    memset(w, 0, sizeof *w);
    w->id = row->id;
    w->urn = row->urn;
    w->title = row->title;
    w->changes = row->changes;
    w->w = row;
}

bool ws_open(const web_request *req, web_response *res, int64_t id, ws_ctx *w)
{
    memset(w, 0, sizeof *w);
    or_error err = {0};
    or_workshop *row = or_arena_calloc(req->arena, 1, sizeof *row);
    bool found = false;
    if (id <= 0 || or_workshop_get(req->store, id, req->arena, row, &found, &err) || !found) {
        if (!req->user && !req->ws_guest) {
            ws_sign_in_page(req, res, "/workshops");
            return false;
        }
        not_found(req, res, "no such workshop");
        return false;
    }
    fill(req, row, w);
    if (req->user) {
        w->facilitator = !strcasecmp(req->user->email, row->facilitator);
        int64_t pid = 0;
        if (or_ws_participant_of(req->store, id, req->user->email, &pid, &err)) {
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The workshop could not be opened.");
            return false;
        }
        w->participant = pid;
        bool school =
            req->user->role == OR_ROLE_SCHOOL && row->urn && web_user_school(req) == row->urn;
        if (w->facilitator || pid || la_role(req) || school) {
            w->who = req->user->email;
            return true;
        }
    }
    if (req->ws_guest) {
        int64_t ws = 0, pid = 0, joined = 0;
        bool guest = false;
        if (!or_ws_guest(req->store, req->ws_guest, &ws, &pid, &joined, &guest, &err) && guest &&
            ws == id && req->now - joined < req->cfg->session_max) {
            w->facilitator = false;
            w->guest = true;
            w->participant = pid;
            w->who = or_arena_printf(req->arena, "guest:%lld", (long long)pid);
            return true;
        }
    }
    if (!req->user && !req->ws_guest) {
        ws_sign_in_page(req, res, or_arena_printf(req->arena, "/workshops/%lld", (long long)id));
        return false;
    }
    not_found(req, res,
              req->user ? "a workshop the user does not take part in"
                        : "a workshop guest's cookie for another workshop");
    return false;
}

/* The path's {id} as a workshop id (0 when not a number). */
static int64_t path_id(const web_request *req)
{
    const char *s = web_path(req, "id");
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || strlen(s) > 18)
        return 0;
    return (int64_t)v;
}

bool ws_open_path(const web_request *req, web_response *res, ws_ctx *w)
{
    return ws_open(req, res, path_id(req), w);
}

bool ws_ctx_of(const web_request *req, const or_workshop *row, ws_ctx *w)
{
    if (!row)
        return false;
    fill(req, row, w);
    w->who = req->user ? req->user->email : "";
    return true;
}

/* ---- reveals ---- */

bool ws_revealed(const web_request *req, int64_t id, const char *tool)
{
    bool yes = false;
    or_error err = {0};
    return !or_ws_revealed(req->store, id, tool, &yes, &err) && yes;
}

bool ws_reveal(const web_request *req, const ws_ctx *w, const char *tool)
{
    if (!w->facilitator || !or_ws_tool_valid(tool))
        return false;
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_ws_reveal(req->store, w->id, tool, w->who, &err);
    if (!rc)
        rc = web_audit(
                 req, "change", NULL,
                 or_arena_printf(req->arena, "workshop %lld: %s revealed", (long long)w->id, tool))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        return false;
    }
    ws_changed(req, w->id);
    return true;
}

void ws_reveal_button(or_sb *out, const web_request *req, const ws_ctx *w, const char *tool,
                      const char *back_path)
{
    if (ws_revealed(req, w->id, tool)) {
        html_raw(out, "<p class=\"govuk-body\"><strong class=\"govuk-tag govuk-tag--green\">"
                      "Revealed</strong> Everyone can see everyone's answers.</p>\n");
        return;
    }
    if (!w->facilitator) {
        html_raw(out, "<p class=\"govuk-body\"><strong class=\"govuk-tag govuk-tag--grey\">"
                      "Not revealed yet</strong> Only you can see your answers until the "
                      "facilitator reveals them.</p>\n");
        return;
    }
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/workshops/%lld/reveal", (long long)w->id));
    html_printf(out,
                "<input type=\"hidden\" name=\"tool\" value=\"%s\">\n"
                "<input type=\"hidden\" name=\"back\" value=\"%s\">\n",
                tool, web_local_path(back_path) ? back_path : "");
    html_raw(out, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                  "Reveal to everyone</button>\n");
    gov_form_end(out);
}

void page_workshop_reveal_post(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    const char *tool = web_form(req, "tool");
    if (!w.facilitator) {
        web_audit(req, "denied", NULL, "a workshop's reveal by someone who does not run it");
        web_error(req, res, 403, "You do not have access to this page",
                  "Only the workshop's facilitator can reveal the answers.");
        return;
    }
    if (!or_ws_tool_valid(tool)) {
        web_error(req, res, 400, "Bad request", "There is no such tool to reveal.");
        return;
    }
    if (!ws_reveal(req, &w, tool)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The answers could not be revealed. Nothing was changed.");
        return;
    }
    const char *back = web_form(req, "back");
    web_redirect(req, res,
                 web_local_path(back)
                     ? back
                     : or_arena_printf(req->arena, "/workshops/%lld", (long long)w.id));
}

/* ---- the change counter and the live pages ---- */

void ws_changed(const web_request *req, int64_t id)
{
    int64_t counter = 0;
    or_error err = {0};
    if (!or_workshop_bump(req->store, id, &counter, &err))
        web_sse_notify(id, counter);
}

void page_workshop_events(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    int64_t since = strtoll(web_query(req, "since"), NULL, 10);
    if (since < 0)
        since = 0;
    /* listed first, then the counter read: a change in between is not lost */
    web_sse *s = web_sse_new(w.id, since, 0);
    if (!s) {
        web_error(req, res, 503, "Service unavailable", "Live updates are not running.");
        return;
    }
    int64_t now = 0;
    or_error err = {0};
    if (!or_workshop_counter(req->store, w.id, &now, &err))
        web_sse_notify(w.id, now);
    res->content_type = "text/event-stream; charset=utf-8";
    res->sse = s;
    web_header_add(res, "X-Accel-Buffering", "no");
}

void page_workshop_changes(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    int64_t now = 0;
    or_error err = {0};
    if (or_workshop_counter(req->store, w.id, &now, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service", NULL);
        return;
    }
    res->content_type = "application/json";
    or_sb_addf(&res->body, "{\"changes\": %lld}\n", (long long)now);
}

void ws_live_open(or_sb *out, const ws_ctx *w, const char *region_id)
{
    html_printf(out,
                "<div id=\"%s\" class=\"onroll-ws-live\" data-ws-live=\"/workshops/%lld\" "
                "data-ws-since=\"%lld\">\n",
                region_id, (long long)w->id, (long long)w->changes);
}

void ws_live_close(or_sb *out, const ws_ctx *w)
{
    html_printf(out,
                "</div>\n<p class=\"govuk-body-s onroll-ws-refresh\"><a class=\"govuk-link\" "
                "href=\"?r=%lld\">Refresh</a> <span data-ws-status role=\"status\"></span></p>\n",
                (long long)w->changes);
}

void ws_live_script(or_sb *out, const web_request *req)
{
    const char *v = req->cfg ? req->cfg->asset_version : "";
    html_printf(out,
                "<link rel=\"stylesheet\" href=\"/assets/onroll/workshops.css?v=%t\">\n"
                "<script type=\"module\" src=\"/assets/onroll/workshop.mjs?v=%t\"></script>\n",
                v, v);
}

/* ---- words ---- */

const char *ws_caption(const web_request *req, const ws_ctx *w)
{
    char day[24];
    const char *scope = or_ws_label(or_ws_scopes, w->w->scope);
    return or_arena_printf(req->arena, "%s%s%s session, %s", w->w->series,
                           w->w->series[0] ? ": " : "", scope ? scope : w->w->scope,
                           view_date(w->w->held_on, day));
}

const char *ws_shown_name(const or_ws_participant *p)
{
    if (p->name_consent && p->name[0])
        return p->name;
    return p->role[0] ? p->role : "Participant";
}
