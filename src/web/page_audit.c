/* page_audit.c - GET /admin/audit (LA administrators): search the audit log by user, pupil,
 * action and dates, newest first, a page at a time. Looking at the log is itself logged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/upn.h"
#include "web/govuk.h"

enum { PAGE_ROWS = 100 };

typedef struct {
    or_sb *out;
    int n;
    int64_t last_id;
} rows_ctx;

/* One entry; the table starts with the first, so that no match is a sentence, not a table. */
static or_code audit_row(void *ctx, const or_audit_row *r, or_error *err)
{
    static const char *const heads[] = {"When (UTC)", "Who", "Role", "Action",
                                        "What",       "UPN", "From", "Detail"};
    rows_ctx *c = ctx;
    (void)err;
    if (!c->n)
        gov_table_start(c->out, "Entries, newest first", heads, 8);
    gov_table_row_start(c->out);
    gov_td(c->out, r->at);
    gov_td(c->out, r->actor);
    gov_td(c->out, r->role);
    gov_td(c->out, r->action);
    gov_td(c->out, r->object);
    gov_td(c->out, r->upn);
    gov_td(c->out, r->remote);
    gov_td(c->out, r->detail);
    gov_table_row_end(c->out);
    c->n++;
    c->last_id = r->id;
    return OR_OK;
}

/* A date field: "" (open) or YYYY-MM-DD. */
static bool date_field(const char *s, or_date *d)
{
    *d = OR_DATE_NONE;
    return !*s || or_date_parse(s, d);
}

void page_audit(const web_request *req, web_response *res)
{
    or_sb *out = &res->body;
    const char *actor = web_query(req, "user"), *upn = web_query(req, "upn");
    const char *action = web_query(req, "action"), *from = web_query(req, "from");
    const char *to = web_query(req, "to");
    gov_error errs[4];
    int nerrs = 0;
    or_audit_query q = {.actor = actor, .upn = upn, .action = action, .limit = PAGE_ROWS};
    char email[OR_EMAIL_MAX + 1];
    if (*actor && !or_user_email(actor, email, NULL))
        q.actor = email; /* accounts are stored in lower case */
    if (*upn && or_upn_validate(upn, NULL))
        errs[nerrs++] = (gov_error){"upn", "Enter a UPN: a letter and 12 more characters, like "
                                           "A123456789012"};
    if (!date_field(from, &q.from))
        errs[nerrs++] = (gov_error){"from", "Enter the date as YYYY-MM-DD, like 2025-09-03"};
    if (!date_field(to, &q.to))
        errs[nerrs++] = (gov_error){"to", "Enter the date as YYYY-MM-DD, like 2025-09-03"};
    q.before_id = atoll(web_query(req, "before"));
    if (q.before_id < 0)
        q.before_id = 0;

    gov_page_start(out, req, nerrs ? "Error: Audit log" : "Audit log");
    gov_error_summary(out, errs, nerrs);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Audit log</h1>\n"
                  "<p class=\"govuk-body\">Every read of a child's record, every export, every "
                  "change, every sign-in and every refused request.</p>\n");
    gov_form_start(out, req, "get", "/admin/audit");
    gov_input(out, "user", "User (email address, or api:URN)", "text", actor, NULL, NULL);
    gov_input(out, "upn", "Pupil (UPN)", "text", upn, NULL, gov_error_for(errs, nerrs, "upn"));
    gov_input(out, "action", "Action (for example pupil.read, denied, sign_in.failed)", "text",
              action, NULL, NULL);
    gov_input(out, "from", "From (YYYY-MM-DD)", "text", from, NULL,
              gov_error_for(errs, nerrs, "from"));
    gov_input(out, "to", "To (YYYY-MM-DD)", "text", to, NULL, gov_error_for(errs, nerrs, "to"));
    gov_button(out, "Search", false);
    gov_form_end(out);
    if (nerrs) {
        res->status = 400;
        gov_page_end(out, req);
        return;
    }
    char detail[600];
    snprintf(detail, sizeof detail, "user=%.254s upn=%.13s action=%.64s from=%.10s to=%.10s", actor,
             upn, action, from, to);
    if (web_audit(req, "audit.search", NULL, detail)) {
        or_sb_reset(out);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so it cannot be shown.");
        return;
    }
    rows_ctx c = {out, 0, 0};
    or_error err = {0};
    or_code rc = or_audit_search(req->store, &q, audit_row, &c, &err);
    if (c.n)
        gov_table_end(out);
    if (rc)
        html_raw(out, "<p class=\"govuk-body\">The audit log could not be read.</p>\n");
    else if (!c.n)
        html_raw(out, "<p class=\"govuk-body\">No entries match.</p>\n");
    if (!rc && c.n == PAGE_ROWS) {
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/audit?");
        html_printf(out, "user=%t&amp;upn=%t&amp;action=%t&amp;from=%t&amp;to=%t&amp;before=%lld",
                    actor, upn, action, from, to, (long long)c.last_id);
        html_raw(out, "\">Older entries</a></p>\n");
    }
    gov_page_end(out, req);
}
