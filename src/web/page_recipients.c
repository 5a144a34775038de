/* page_recipients.c - GET /admin/recipients and POST /admin/recipients (LA administrators):
 * the email addresses of each partner service that LOCAL-NOTIFY-PARTNERS messages go to
 * (store_outbox.h). One form adds an address to a service; each address has a button that removes
 * it (an address that then serves no service has its messages not yet sent cancelled). Every
 * change is written to the audit log in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "web/forms.h"
#include "web/govuk.h"

typedef struct {
    const web_request *req;
    or_sb *out;
    int service; /* the service being listed */
    int n;
} list_ctx;

static or_code on_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    list_ctx *c = ctx;
    (void)err;
    if (or_service_parse(r->service) != c->service)
        return OR_OK;
    or_sb *out = c->out;
    if (!c->n++)
        html_raw(out, "<dl class=\"govuk-summary-list\">\n");
    html_printf(out,
                "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                "%s</dt>\n<dd class=\"govuk-summary-list__value\">Added %s by %s</dd>\n"
                "<dd class=\"govuk-summary-list__actions\">\n",
                r->email, r->added_at, *r->added_by ? r->added_by : "unknown");
    gov_form_start(out, c->req, "post", "/admin/recipients");
    gov_hidden(out, "op", "remove");
    gov_hidden(out, "service", r->service);
    gov_hidden(out, "email", r->email);
    html_printf(out,
                "<button type=\"submit\" class=\"govuk-button govuk-button--warning "
                "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Remove<span "
                "class=\"govuk-visually-hidden\"> %s from %s</span></button>\n",
                r->email, or_service_at((or_service)c->service)->name);
    gov_form_end(out);
    html_raw(out, "</dd>\n</div>\n");
    return OR_OK;
}

static void render(const web_request *req, web_response *res, const char *service,
                   const char *email, const gov_error *errs, int nerrs, const char *notice)
{
    or_sb *out = &res->body;
    gov_page_start(out, req, nerrs ? "Error: Partner recipients" : "Partner recipients");
    gov_error_summary(out, errs, nerrs);
    if (notice)
        gov_notification(out, "Success", notice, true);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Who partner notifications go to</h1>\n"
                  "<p class=\"govuk-body\">When a school records a suspension or exclusion, "
                  "onroll tells the partner services concerned (LOCAL-NOTIFY-PARTNERS): "
                  "children's social care and the Virtual School for children with a social "
                  "worker or in care, the youth justice service for children known to it, the "
                  "Re-engagement Unit for primary pupils, and for every permanent exclusion the "
                  "pupil referral unit, the MASH and the safeguarding partnership. A message "
                  "goes to every address of each service below. It holds no details of the "
                  "child.</p>\n");
    or_error err = {0};
    for (int s = 0; s < OR_SVC__COUNT; s++) {
        const or_service_def *d = or_service_at((or_service)s);
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"service-%s\">%s</h2>\n", d->id,
                    d->name);
        list_ctx c = {req, out, s, 0};
        if (or_recipients_each(req->store, on_recipient, &c, &err)) {
            html_raw(out, "<p class=\"govuk-body\">The addresses could not be read.</p>\n");
            break;
        }
        if (c.n)
            html_raw(out, "</dl>\n");
        else
            html_raw(out, "<p class=\"govuk-body\">No address: this service is not told.</p>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"add\">Add an address</h2>\n");
    gov_form_start(out, req, "post", "/admin/recipients");
    gov_hidden(out, "op", "add");
    gov_choice items[OR_SVC__COUNT + 1] = {{"", "Select a service", NULL}};
    for (int s = 0; s < OR_SVC__COUNT; s++)
        items[s + 1] = (gov_choice){or_service_at((or_service)s)->id,
                                    or_service_at((or_service)s)->name, NULL};
    gov_select(out, "service", "Service", NULL, items, OR_SVC__COUNT + 1, service,
               gov_error_for(errs, nerrs, "service"));
    gov_input(out, "email", "Email address", "email", email, "off",
              gov_error_for(errs, nerrs, "email"));
    gov_button(out, "Add address", false);
    gov_form_end(out);
    gov_page_end(out, req);
}

void page_recipients(const web_request *req, web_response *res)
{
    const char *done = web_query(req, "done");
    render(req, res, "", "", NULL, 0,
           !strcmp(done, "added")     ? "The address was added."
           : !strcmp(done, "removed") ? "The address was removed."
                                      : NULL);
}

void page_recipients_post(const web_request *req, web_response *res)
{
    const char *op = web_form(req, "op"), *service = web_form(req, "service");
    const char *email = web_form(req, "email");
    bool add = !strcmp(op, "add");
    if (!add && strcmp(op, "remove")) {
        web_error(req, res, 400, "Bad request", "The form was not one of this page's.");
        return;
    }
    gov_error errs[2];
    int nerrs = 0;
    if (or_service_parse(service) < 0)
        errs[nerrs++] = (gov_error){"service", "Select a service"};
    char addr[OR_EMAIL_MAX + 1];
    or_error e = {0};
    if (!*email)
        errs[nerrs++] = (gov_error){"email", "Enter an email address"};
    else if (or_user_email(email, addr, &e))
        errs[nerrs++] = (gov_error){"email", "Enter an email address in the correct format, "
                                             "like name@example.gov.uk"};
    if (nerrs) {
        res->status = 400;
        render(req, res, service, email, errs, nerrs, NULL);
        return;
    }
    or_error err = {0};
    bool added = false;
    int64_t cancelled = 0;
    char detail[OR_EMAIL_MAX + 80];
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = add ? or_recipient_add(req->store, service, addr, req->user->email, req->now, &added,
                                    &err)
                 : or_recipient_remove(req->store, service, addr, &cancelled, &err);
    if (rc == OR_ENOTFOUND) {
        or_store_rollback(req->store);
        errs[0] = (gov_error){"email", "That address is not one of the service's"};
        res->status = 400;
        render(req, res, service, email, errs, 1, NULL);
        return;
    }
    snprintf(detail, sizeof detail, "%s %s%s", service, addr,
             add && !added ? " (there already)" : "");
    if (!rc && (add ? added : true))
        rc = web_audit(req, add ? "notify.recipient.add" : "notify.recipient.remove", NULL, detail);
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The change could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, add ? "/admin/recipients?done=added" : "/admin/recipients?done=removed");
}
