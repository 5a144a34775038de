/* page_notifications.c - partner notifications for the LA (LOCAL-NOTIFY-PARTNERS):
 *
 *   GET /notifications              the outbox, newest first, filtered by status,
 *                                   acknowledgement, service and school, a page at a time;
 *   POST /notifications/{id}/retry  send a failed message again;
 *
 * and the LA dashboard's panel "Notifications not acknowledged" (view.h), with the words for
 * a message that page_notice.c shares. Lists that name pupils are written to the audit log
 * first (no log line, no page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/notify.h"
#include "onroll/upn.h"
#include "web/forms.h"
#include "web/view.h"

enum { PAGE_ROWS = 100, PANEL_ROWS = 25 };

/* ---- words shared with page_notice.c and the dashboard ---- */

const char *view_notice_what(const or_outbox_row *r, char *buf, size_t size)
{
    int kind = or_event_kind_parse(r->event_type);
    if (kind < 0 || r->event_start == OR_DATE_NONE) { /* the exclusion is not in the ledger */
        snprintf(buf, size, "%s", r->subject);
        return buf;
    }
    or_fact_event e = {.event_id = r->event_id,
                       .urn = r->urn,
                       .kind = (or_event_kind)kind,
                       .start = r->event_start,
                       .decided = r->event_start,
                       .sessions = r->sessions};
    or_notify_event_words(&e, buf, size);
    if (*buf >= 'a' && *buf <= 'z')
        *buf = (char)(*buf - 'a' + 'A');
    return buf;
}

const char *view_notice_services(const or_outbox_row *r, bool names, char *buf, size_t size)
{
    unsigned set = 0;
    if (!or_services_parse(r->services, &set)) {
        snprintf(buf, size, "%s", r->services);
        return buf;
    }
    if (!names) {
        or_services_words(set, buf, size);
        return buf;
    }
    size_t n = 0;
    buf[0] = '\0';
    for (int s = 0; s < OR_SVC__COUNT; s++)
        if (set & OR_SVC_BIT(s)) {
            int w = snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? ", " : "",
                             or_service_at((or_service)s)->name);
            if (w > 0)
                n += (size_t)w;
        }
    return buf;
}

const char *view_notice_status(const or_outbox_row *r, const char **colour)
{
    if (*r->acknowledged_at) {
        *colour = "green";
        return "Acknowledged";
    }
    if (!strcmp(r->status, "failed")) {
        *colour = "red";
        return "Failed";
    }
    if (!strcmp(r->status, "cancelled")) {
        *colour = "grey";
        return "Cancelled";
    }
    if (!strcmp(r->status, "sent")) {
        *colour = "yellow";
        return "Sent, not acknowledged";
    }
    if (!strcmp(r->status, "sending")) {
        *colour = "light-blue";
        return "Sending";
    }
    *colour = r->attempts ? "orange" : "grey";
    return r->attempts ? "Waiting to try again" : "Waiting to be sent";
}

/* The status cell: its tag, then attempts, the next attempt and the last error. */
static void status_cell(or_sb *out, const or_outbox_row *r)
{
    const char *colour;
    const char *words = view_notice_status(r, &colour);
    char when[48];
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_tag(out, words, colour);
    if (!*r->acknowledged_at && strcmp(r->status, "sent") && strcmp(r->status, "cancelled")) {
        if (!strcmp(r->status, "pending") && r->attempts && *r->next_attempt_at)
            html_printf(out, "<br><span class=\"govuk-body-s\">Next try %s</span>",
                        view_time(r->next_attempt_at, when));
        if (*r->last_error)
            html_printf(out, "<br><span class=\"govuk-body-s\">%s</span>", r->last_error);
    }
    html_raw(out, "</td>\n");
}

/* ---- the dashboard's panel ---- */

typedef struct {
    const web_request *req;
    const view_snapshot *snap;
    or_sb *out;
    int n;
    bool pupils;     /* the /notifications page's columns (pupil, recipient...) */
    int64_t last_id; /* the last row's id (paging) */
} rows_ctx;

static void table_head(or_sb *out, const char *caption, bool pupils)
{
    static const char *const panel[] = {"Service", "School",   "Event date",
                                        "Sent",    "Attempts", "Status"};
    static const char *const full[] = {"Created", "Service", "Recipient", "School", "Pupil",
                                       "What",    "Sent",    "Attempts",  "Status", "Action"};
    const char *const *heads = pupils ? full : panel;
    int n = pupils ? 10 : 6;
    html_printf(out,
                "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">\n"
                "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--s\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n",
                caption, caption);
    for (int i = 0; i < n; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    !strcmp(heads[i], "Attempts") ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

static or_code on_row(void *ctx, const or_outbox_row *r, or_error *err)
{
    rows_ctx *c = ctx;
    (void)err;
    or_sb *out = c->out;
    char svc[512], when[48], day[24], what[160];
    view_notice_services(r, true, svc, sizeof svc);
    if (c->pupils && !c->n) /* the page's table: only when there is a row */
        table_head(out, "Notifications, newest first", true);
    html_raw(out, "<tr class=\"govuk-table__row\">\n");
    if (c->pupils)
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    view_time(r->created_at, when));
    html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", svc);
    if (c->pupils)
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", r->recipient);
    if (c->snap)
        view_td_school(out, c->req, c->snap, r->urn);
    else
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    *r->school ? r->school : "Not known");
    if (c->pupils) {
        if (*r->upn)
            html_printf(out,
                        "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                        "href=\"/pupils/%t\">%s</a></td>\n",
                        r->upn, r->upn);
        else
            html_raw(out, "<td class=\"govuk-table__cell\">Not known</td>\n");
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    view_notice_what(r, what, sizeof what));
    } else {
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    r->event_start != OR_DATE_NONE ? view_date(r->event_start, day) : "Not known");
    }
    html_printf(out,
                "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell "
                "govuk-table__cell--numeric\">%d</td>\n",
                *r->sent_at ? view_time(r->sent_at, when) : "Not yet", r->attempts);
    status_cell(out, r);
    if (c->pupils && !strcmp(r->status, "failed") && !*r->acknowledged_at) {
        /* a failed message can be sent again (after its address has been put right) */
        html_raw(out, "<td class=\"govuk-table__cell\">");
        gov_form_start(
            out, c->req, "post",
            or_arena_printf(c->req->arena, "/notifications/%lld/retry", (long long)r->id));
        gov_button(out, "Send again", true);
        gov_form_end(out);
        html_raw(out, "</td>\n");
    } else if (c->pupils) {
        html_raw(out, "<td class=\"govuk-table__cell\"></td>\n");
    }
    html_raw(out, "</tr>\n");
    c->n++;
    c->last_id = r->id;
    return OR_OK;
}

void view_notifications_panel(or_sb *out, const web_request *req, const view_snapshot *snap)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"notifications\">Notifications not "
                  "acknowledged</h2>\n");
    or_outbox_counts n;
    or_error err = {0};
    if (or_outbox_count(req->store, &n, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The notifications could not be read.</p>\n");
        return;
    }
    int64_t failed_unacked = n.failed; /* acknowledging a failed message makes it sent */
    html_printf(out,
                "<p class=\"govuk-body\">Messages to partner services about suspensions and "
                "exclusions (LOCAL-NOTIFY-PARTNERS) that no one has acknowledged yet: "
                "<strong>%lld</strong>",
                (long long)n.unacknowledged);
    if (failed_unacked)
        html_printf(out, ", of which %lld could not be delivered", (long long)failed_unacked);
    html_raw(out, ". <a class=\"govuk-link\" href=\"/notifications?ack=0\">Every notification "
                  "not acknowledged</a>.</p>\n");
    if (!n.unacknowledged)
        return;
    rows_ctx c = {req, snap, out, 0, false, 0};
    table_head(out, "Not acknowledged, newest first", false);
    or_outbox_query q = {.acknowledged = 0, .limit = PANEL_ROWS};
    if (or_outbox_search(req->store, &q, on_row, &c, &err))
        html_raw(out, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
                      "colspan=\"6\">The notifications could not be read.</td></tr>\n");
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (n.unacknowledged > PANEL_ROWS)
        html_printf(out, "<p class=\"govuk-body\">And %lld more not shown.</p>\n",
                    (long long)(n.unacknowledged - PANEL_ROWS));
}

/* ---- GET /notifications ---- */

void page_notifications(const web_request *req, web_response *res)
{
    or_sb *out = &res->body;
    const char *status = web_query(req, "status"), *ack = web_query(req, "ack");
    const char *service = web_query(req, "service"), *urn_text = web_query(req, "urn");
    static const char *const statuses[] = {"pending", "sending", "sent", "failed", "cancelled"};
    gov_error errs[3];
    int nerrs = 0;
    bool status_ok = !*status;
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        status_ok |= !strcmp(status, statuses[i]);
    if (!status_ok)
        errs[nerrs++] = (gov_error){"status", "Select a status from the list"};
    if (*service && or_service_parse(service) < 0)
        errs[nerrs++] = (gov_error){"service", "Select a service from the list"};
    int urn = 0;
    if (*urn_text && or_urn_validate(urn_text, &urn, NULL))
        errs[nerrs++] = (gov_error){"urn", "Enter a school's URN: 6 digits, like 100001"};
    or_outbox_query q = {.status = status,
                         .acknowledged = !strcmp(ack, "0")   ? 0
                                         : !strcmp(ack, "1") ? 1
                                                             : -1,
                         .service = service,
                         .urn = urn,
                         .before_id = atoll(web_query(req, "before")),
                         .limit = PAGE_ROWS};
    if (q.before_id < 0)
        q.before_id = 0;

    or_outbox_counts n;
    or_error err = {0};
    if (or_outbox_count(req->store, &n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The notifications could not be read.");
        return;
    }
    gov_page_start(out, req, nerrs ? "Error: Notifications" : "Notifications");
    gov_error_summary(out, errs, nerrs);
    if (!strcmp(web_query(req, "retried"), "1"))
        gov_notification(out, "Success", "The message will be sent again.", true);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Notifications to partner services</h1>\n"
                  "<p class=\"govuk-body\">Every message onroll sends to partner services about "
                  "a suspension or exclusion (LOCAL-NOTIFY-PARTNERS), whether it has been "
                  "delivered and whether its reader has acknowledged it. A message holds no "
                  "details of the child: only the school, what happened and when, and a link "
                  "back here. <a class=\"govuk-link\" href=\"/admin/recipients\">Who receives "
                  "them</a> is set by the LA administrator.</p>\n");
    char b[4][24];
    view_figure figs[] = {
        {view_count(n.unacknowledged, false, b[0]), "Not acknowledged", "/notifications?ack=0"},
        {view_count(n.failed, false, b[1]), "Failed", "/notifications?status=failed"},
        {view_count(n.pending + n.sending, false, b[2]), "Waiting to be sent",
         "/notifications?status=pending"},
        {view_count(n.sent, false, b[3]), "Sent", "/notifications?status=sent"},
    };
    view_figures(out, figs, 4);

    gov_form_start(out, req, "get", "/notifications");
    gov_choice st[] = {{"", "Any", NULL},
                       {"pending", "Waiting to be sent", NULL},
                       {"sending", "Sending", NULL},
                       {"sent", "Sent", NULL},
                       {"failed", "Failed", NULL},
                       {"cancelled", "Cancelled", NULL}};
    gov_select(out, "status", "Status", NULL, st, 6, status, gov_error_for(errs, nerrs, "status"));
    gov_choice ac[] = {
        {"", "Any", NULL}, {"0", "Not acknowledged", NULL}, {"1", "Acknowledged", NULL}};
    gov_select(out, "ack", "Acknowledged", NULL, ac, 3, ack, NULL);
    gov_choice sv[OR_SVC__COUNT + 1] = {{"", "Any", NULL}};
    for (int s = 0; s < OR_SVC__COUNT; s++)
        sv[s + 1] = (gov_choice){or_service_at((or_service)s)->id,
                                 or_service_at((or_service)s)->name, NULL};
    gov_select(out, "service", "Service", NULL, sv, OR_SVC__COUNT + 1, service,
               gov_error_for(errs, nerrs, "service"));
    gov_text_input(out, "urn", "School (URN)", NULL, urn_text, "govuk-input--width-10",
                   gov_error_for(errs, nerrs, "urn"));
    gov_button(out, "Show", false);
    gov_form_end(out);
    if (nerrs) {
        res->status = 400;
        gov_page_end(out, req);
        return;
    }
    char detail[200];
    snprintf(detail, sizeof detail, "notifications: status=%.12s ack=%.2s service=%.20s urn=%d",
             status, ack, service, urn);
    if (web_audit(req, "notify.list", NULL, detail)) {
        or_sb_reset(out);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the notifications cannot be shown.");
        return;
    }
    rows_ctx c = {req, NULL, out, 0, true, 0}; /* on_row opens the table at its first row */
    or_code rc = or_outbox_search(req->store, &q, on_row, &c, &err);
    if (c.n)
        html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (rc)
        html_raw(out, "<p class=\"govuk-body\">The notifications could not be read.</p>\n");
    else if (!c.n)
        html_raw(out, "<p class=\"govuk-body\">No notification matches.</p>\n");
    if (!rc && c.n == PAGE_ROWS) {
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/notifications?");
        html_printf(out, "status=%t&amp;ack=%t&amp;service=%t&amp;urn=%t&amp;before=%lld", status,
                    ack, service, urn_text, (long long)c.last_id);
        html_raw(out, "\">Older notifications</a></p>\n");
    }
    gov_page_end(out, req);
}

/* ---- POST /notifications/{id}/retry ---- */

void page_notification_retry(const web_request *req, web_response *res)
{
    char *end;
    long long id = strtoll(web_path(req, "id"), &end, 10);
    if (*end || id <= 0) {
        web_error(req, res, 404, "Page not found", NULL);
        return;
    }
    bool found = false;
    or_error err = {0};
    char detail[64];
    snprintf(detail, sizeof detail, "outbox:%lld sent again", id);
    if (or_store_begin(req->store, &err) ||
        or_outbox_retry(req->store, id, req->now, &found, &err) ||
        (found && web_audit(req, "notify.retry", NULL, detail)) ||
        or_store_commit(req->store, &err)) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The message could not be sent again. Try again later.");
        return;
    }
    if (!found) {
        web_error(req, res, 404, "Page not found",
                  "There is no failed message with that number (it may have been sent again "
                  "already).");
        return;
    }
    web_redirect(req, res, "/notifications?status=pending&retried=1");
}
