/* page_home.c - GET / : who you are, what onroll lets you see, and the pages open to your
 * role (from the route table, so a new page appears here by its route line alone); the same,
 * folded away, at the foot of every dashboard (dash_account). Signing in lands on the
 * dashboard (page_sign_in.c), not here. */
#include <stdio.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/govuk.h"
#include "web/dashboard.h"

/* In plain words, whose records this role sees. */
static const char *scope_words(const or_user *u, char *buf, size_t size)
{
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
        return "Every school and every pupil in the local authority, the accounts and the audit "
               "log.";
    case OR_ROLE_LA_OFFICER:
        return "Every school and every pupil in the local authority.";
    case OR_ROLE_VIRTUAL_SCHOOL:
        return "Children looked after, previously looked after, and children with a social "
               "worker.";
    case OR_ROLE_SCHOOL:
        snprintf(buf, size,
                 "The pupils on the roll of school %s (and those who left it in the "
                 "last year).",
                 u->scope);
        return buf;
    case OR_ROLE_SOCIAL_WORKER:
    case OR_ROLE_YOUTH_JUSTICE:
        return "The children on your own caseload, and nobody else's.";
    case OR_ROLE_PARTNER:
        snprintf(buf, size, "The children referred to your service (%s).",
                 or_label_service(u->scope));
        return buf;
    case OR_ROLE_ANALYST:
        return "Aggregated figures, with small numbers suppressed. No child's record.";
    default:
        return "Nothing.";
    }
}

void dash_account(or_sb *out, const web_request *req)
{
    const or_user *u = req->user;
    char buf[200];
    html_raw(out, "<details class=\"govuk-details onroll-dash-account\">\n<summary "
                  "class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
                  "Your account, and what you can see and do</span></summary>\n<div "
                  "class=\"govuk-details__text\">\n");
    gov_summary_start(out);
    gov_summary_row(out, "Name", u->name);
    gov_summary_row(out, "Email address", u->email);
    gov_summary_row(out, "Role", or_role_label(u->role));
    gov_summary_row(out, "What you can see", scope_words(u, buf, sizeof buf));
    gov_summary_end(out);
    html_raw(out, "<ul class=\"govuk-list\">\n");
    unsigned who = WEB_R(u->role);
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        if (!r->nav || strcmp(r->method, "GET") || !(r->roles & who) || !strcmp(r->pattern, "/") ||
            !strcmp(r->pattern, "/dashboard") || strchr(r->pattern, '{') || strchr(r->pattern, '*'))
            continue;
        html_printf(out, "<li><a class=\"govuk-link\" href=\"%s\">%s</a></li>\n", r->pattern,
                    r->nav);
    }
    html_raw(out, "</ul>\n<p class=\"govuk-body\">Everything you open about a child is recorded "
                  "in the audit log with your name, the time and where you were.</p>\n</div>\n"
                  "</details>\n");
}

void page_home(const web_request *req, web_response *res)
{
    const or_user *u = req->user;
    or_sb *out = &res->body;
    char buf[200];
    gov_page_start(out, req, "Home");
    html_printf(out, "<h1 class=\"govuk-heading-l\">Hello, %s</h1>\n", u->name);
    gov_summary_start(out);
    gov_summary_row(out, "Name", u->name);
    gov_summary_row(out, "Email address", u->email);
    gov_summary_row(out, "Role", or_role_label(u->role));
    gov_summary_row(out, "What you can see", scope_words(u, buf, sizeof buf));
    gov_summary_end(out);

    html_raw(out,
             "<h2 class=\"govuk-heading-m\">What you can do</h2>\n<ul class=\"govuk-list\">\n");
    unsigned who = WEB_R(u->role);
    int n = 0;
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        if (!r->nav || r == req->route || strcmp(r->method, "GET") || !(r->roles & who) ||
            strchr(r->pattern, '{') || strchr(r->pattern, '*'))
            continue;
        html_printf(out, "<li><a class=\"govuk-link\" href=\"%s\">%s</a></li>\n", r->pattern,
                    r->nav);
        n++;
    }
    html_raw(out, "</ul>\n");
    if (!n)
        html_raw(out, "<p class=\"govuk-body\">The pages for your role are being built.</p>\n");
    html_raw(out, "<p class=\"govuk-body\">Everything you open about a child is recorded in the "
                  "audit log with your name, the time and where you were.</p>\n");
    gov_page_end(out, req);
}
