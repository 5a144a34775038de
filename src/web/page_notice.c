/* page_notice.c - GET /n/{token} and POST /n/{token}: the one-click link of a partner
 * notification. Open to everyone: the token (random, one per sending attempt, stored only as
 * its SHA-256: store_outbox.h) is the credential, so no sign-in is needed. The page says what
 * happened - the school, the kind of exclusion and its date, the services told - and nothing
 * about the child; one button acknowledges it. Opening the link changes nothing (mail
 * scanners open links); only the button's POST does, with the CSRF token of the page (before
 * sign-in, a cookie's: double submit, as the sign-in form), and it is written to the audit log
 * as done by the message's recipient. The audit log never holds the token. */
#include <stdio.h>
#include <string.h>

#include "onroll/notify.h"
#include "web/view.h"

/* The message of the path's token into *m, or an error page (false). */
static bool find(const web_request *req, web_response *res, or_outbox_row *m)
{
    bool found = false;
    or_error err = {0};
    if (or_outbox_by_token(req->store, web_path(req, "token"), req->arena, m, &found, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The notification could not be read. Try again later.");
        return false;
    }
    if (!found) {
        web_error(req, res, 404, "This link is not right",
                  "Check that you copied the whole link from the email. If you did, ask the "
                  "local authority's inclusion team about the notification.");
        return false;
    }
    return true;
}

static void render(const web_request *req, web_response *res, const or_outbox_row *m,
                   const char *notice)
{
    or_sb *out = &res->body;
    web_request r = *req;
    if (!r.csrf || strlen(r.csrf) != OR_TOKEN_LEN) { /* not signed in: a token for the form */
        char token[OR_TOKEN_LEN + 1];
        web_random_token(token);
        r.csrf = or_arena_strdup(req->arena, token);
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, r.csrf, -1);
    }
    char what[160], to[512], when[48], ack[48];
    view_notice_what(m, what, sizeof what);
    view_notice_services(m, false, to, sizeof to);
    gov_page_start(out, &r, "Notification");
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    if (notice)
        gov_notification(out, "Success", notice, true);
    html_raw(out, "<span class=\"govuk-caption-l\">Partner notification</span>\n");
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s: %s</h1>\n",
                *m->school ? m->school : "A school", what);
    if (!strcmp(m->rule, "LOCAL-ATTEND-ALERT"))
        html_printf(out,
                    "<p class=\"govuk-body\">The local authority tells you as %s, under its "
                    "protocol for telling the Virtual School and the social worker of the "
                    "attendance of a child they work with by the next school day "
                    "(LOCAL-ATTEND-ALERT).</p>\n",
                    to);
    else
        html_printf(out,
                    "<p class=\"govuk-body\">The local authority tells you as %s, under its "
                    "protocol for telling partner services of every suspension and exclusion "
                    "that concerns them (LOCAL-NOTIFY-PARTNERS).</p>\n",
                    to);
    gov_summary_start(out);
    gov_summary_row(out, "School", *m->school ? m->school : "Not known");
    gov_summary_row(out, "What happened", what);
    gov_summary_row(out, "Sent to", m->recipient);
    gov_summary_row(out, "Sent", *m->sent_at ? view_time(m->sent_at, when) : "Being sent");
    gov_summary_row(out, "Acknowledged",
                    *m->acknowledged_at ? view_time(m->acknowledged_at, ack) : "Not yet");
    gov_summary_end(out);
    if (!*m->acknowledged_at) {
        html_raw(out, "<p class=\"govuk-body\">Acknowledge it so that the local authority knows "
                      "your service has been told.</p>\n");
        char *action = or_arena_printf(req->arena, "/n/%s", web_path(req, "token"));
        gov_form_start(out, &r, "post", action);
        gov_button(out, "Acknowledge", false);
        gov_form_end(out);
    }
    html_raw(out, "<p class=\"govuk-body\">This page holds no details of the child on purpose. "
                  "<a class=\"govuk-link\" href=\"/sign-in\">Sign in to onroll</a> to see the "
                  "child's record, if your role allows it.</p>\n</div>\n</div>\n");
    gov_page_end(out, &r);
}

void page_notice(const web_request *req, web_response *res)
{
    or_outbox_row m;
    if (!find(req, res, &m))
        return;
    render(req, res, &m,
           *web_query(req, "acknowledged") && *m.acknowledged_at
               ? "Thank you: the local authority can see that your service has been told."
               : NULL);
}

void page_notice_post(const web_request *req, web_response *res)
{
    or_outbox_row m;
    if (!find(req, res, &m))
        return;
    bool already = false;
    or_error err = {0};
    char object[40], detail[160], actor[OR_EMAIL_MAX + 8];
    snprintf(object, sizeof object, "outbox:%lld", (long long)m.id);
    snprintf(detail, sizeof detail, "acknowledged %.60s notification of %.40s at school %d",
             m.services, m.event_id, m.urn);
    snprintf(actor, sizeof actor, "notify:%s", m.recipient);
    or_audit_entry e = {.actor = req->user ? req->user->email : actor,
                        .user_id = req->user ? req->user->id : 0,
                        .role = req->user ? or_role_name(req->user->role) : "recipient",
                        .action = "notify.ack",
                        .object = object,
                        .remote = req->remote,
                        .detail = detail};
    if (or_store_begin(req->store, &err) ||
        or_outbox_acknowledge(req->store, m.id, req->now, &already, &err) ||
        (!already && or_audit_add(req->store, &e, &err)) || or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The acknowledgement could not be saved. Try again later.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/n/%s?acknowledged=1", web_path(req, "token")));
}
