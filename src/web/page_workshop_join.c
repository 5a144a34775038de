/* page_workshop_join.c - a guest joins a workshop through its one-time link (workshop_web.h):
 *
 *   GET  /workshops/join/{token}   the link: what it is for, the guest's name and whether the
 *                                  report may show it; nothing is used yet (a mail scanner that
 *                                  follows links uses nothing)
 *   POST /workshops/join/{token}   joins: the link is used (once: a second use is refused), and
 *                                  the guest gets a cookie that opens only this workshop
 *
 * The token is in the path, so the route is WEB_F_SECRET_PATH (logs get the pattern). */
#include <string.h>

#include "web/form.h"
#include "web/workshop_web.h"

enum { J_NAME, J_CONSENT, J__N };
static const gov_choice consent_choices[] = {
    {"yes", "The workshop's report may show my name", "Otherwise it shows only your role"},
};
static const form_field fields[J__N] = {
    [J_NAME] = {"name", "Your name", "As the others in the workshop will see it", FORM_TEXT,
                FORM_REQUIRED, .noun = "your name", .max = 100, .width = "govuk-input--width-20"},
    [J_CONSENT] = {"consent", "Your name in the report", NULL, FORM_CHECKBOXES, 0,
                   .choices = consent_choices, .nchoices = 1},
};

/* The link's state; on a link that cannot be used, its page is in res and the answer false. */
static bool usable(const web_request *req, web_response *res, int64_t *ws, const char **name)
{
    or_ws_join_state state = OR_WS_JOIN_NONE;
    int64_t pid = 0;
    or_error err = {0};
    if (or_ws_join_peek(req->store, web_path(req, "token"), &state, ws, &pid, req->arena, name,
                        &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The link could not be checked. Try again later.");
        return false;
    }
    if (state == OR_WS_JOIN_OPEN)
        return true;
    web_audit(req, "denied", NULL,
              state == OR_WS_JOIN_USED ? "a workshop's one-time link used again"
                                       : "no such workshop link");
    if (state == OR_WS_JOIN_USED)
        web_error(req, res, 410, "This link has already been used",
                  "A workshop link works once. Ask the facilitator for a new one.");
    else
        web_error(req, res, 404, "This link is not valid",
                  "Check you copied the whole link, or ask the facilitator for a new one.");
    return false;
}

static void show(form *f, web_response *res, const web_request *req, int64_t ws)
{
    or_sb *out = &res->body;
    ws_ctx w;
    or_workshop row;
    bool found = false;
    or_error err = {0};
    const char *caption = NULL;
    if (!or_workshop_get(req->store, ws, req->arena, &row, &found, &err) && found &&
        ws_ctx_of(req, &row, &w))
        caption = ws_caption(req, &w);
    form_page_start(out, f, found ? row.title : "Join a workshop", NULL, NULL, caption);
    html_raw(out, "<p class=\"govuk-body\">You have been invited to take part in this workshop. "
                  "This link works once: after you join, this browser can open the workshop's "
                  "pages for the rest of the day, and nothing else in onroll.</p>\n");
    form_start(out, f, or_arena_printf(req->arena, "/workshops/join/%s", web_path(req, "token")));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Join the workshop", NULL);
}

void page_workshop_join(const web_request *req, web_response *res)
{
    int64_t ws = 0;
    const char *name = "";
    if (!usable(req, res, &ws, &name))
        return;
    web_request r = *req;
    if (!r.csrf || strlen(r.csrf) != OR_TOKEN_LEN) { /* a first visit: a token for the form */
        char token[OR_TOKEN_LEN + 1];
        web_random_token(token);
        r.csrf = or_arena_strdup(req->arena, token);
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, r.csrf, -1);
    }
    form f;
    form_init(&f, &r, fields, J__N);
    form_set(&f, J_NAME, name);
    show(&f, res, &r, ws);
}

void page_workshop_join_post(const web_request *req, web_response *res)
{
    int64_t ws = 0;
    const char *name = "";
    if (!usable(req, res, &ws, &name))
        return;
    form f;
    form_init(&f, req, fields, J__N);
    form_read(&f);
    form_validate(&f);
    if (f.nerrors) {
        form_errors_in_order(&f);
        show(&f, res, req, ws);
        return;
    }
    bool consent = !strcmp(form_text(&f, J_CONSENT), "yes");
    or_ws_join_state state = OR_WS_JOIN_NONE;
    int64_t pid = 0;
    char session[OR_TOKEN_LEN + 1];
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_ws_join(req->store, web_path(req, "token"), req->now, form_text(&f, J_NAME),
                        consent, &state, &ws, &pid, session, &err);
    if (!rc && state == OR_WS_JOIN_OPEN)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "workshop %lld: guest participant %lld joined (name in "
                                       "the report: %s)",
                                       (long long)ws, (long long)pid, consent ? "yes" : "no"))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "You could not join the workshop. Try again later.");
        return;
    }
    if (state != OR_WS_JOIN_OPEN) { /* used by another request meanwhile */
        web_error(req, res, 410, "This link has already been used",
                  "A workshop link works once. Ask the facilitator for a new one.");
        return;
    }
    web_set_cookie(req, res, WEB_WS_GUEST_COOKIE, session, req->cfg->session_max);
    /* the forms' token (double submit) lives as long, so that the guest's forms still work
     * after the browser is closed and opened again */
    if (!req->session && req->csrf)
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, req->csrf, req->cfg->session_max);
    ws_changed(req, ws);
    web_redirect(req, res, or_arena_printf(req->arena, "/workshops/%lld", (long long)ws));
}
