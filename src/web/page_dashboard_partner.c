/* page_dashboard_partner.c - the dashboard of a partner service (the Re-engagement Unit,
 * early help...), a social worker and a youth justice worker: for a partner service, its
 * referrals by status (new, accepted, declined, allocated, closed: each a link to
 * /referrals?status=..., counted by the list's own function, view_lists.h); for everyone, the
 * children of their caseload suspended or excluded recently that they should know of (recorded
 * since the last visit, or in the last 28 days), their children's duties overdue and risk, and the
 * children with the most indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/labels.h"
#include "web/dashboard.h"
#include "web/view_lists.h"

enum { RECENT_DAYS = 28 };

/* The referrals to the service by status: view_referral_counts (view_referrals.c), the same
 * function as /referrals' own figures, so each number is the length of the list it links to. */
static void referrals(or_sb *out, const web_request *req, view_snapshot *snap)
{
    int counts[OR_REFERRAL__N] = {0}, total = 0;
    or_error err = {0};
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"referrals\">Referrals</h2>\n");
    if (view_referral_counts(req, snap, NULL, 0, counts, &total, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The referrals could not be counted.</p>\n");
        return;
    }
    html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                  "govuk-table__caption--s\">Referrals to your service by status</caption>\n"
                  "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                  "scope=\"col\" class=\"govuk-table__header\">Status</th>\n<th scope=\"col\" "
                  "class=\"govuk-table__header govuk-table__header--numeric\">Referrals</th>\n"
                  "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < OR_REFERRAL__N; i++) {
        char href[64];
        snprintf(href, sizeof href, "/referrals?status=%s",
                 or_referral_status_key((or_referral_status)i));
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n<td class=\"govuk-table__cell "
                    "govuk-table__cell--numeric\">",
                    or_referral_status_words((or_referral_status)i));
        dash_count_link(out, counts[i], href);
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}

void dash_partner(const web_request *req, web_response *res, view_snapshot *snap)
{
    or_error err = {0};
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your children could not be listed.");
        return;
    }
    char since[32], window[32];
    bool first = false;
    dash_visit(req, since, &first);
    /* recently: since the last visit or in the last 28 days, whichever is longer */
    time_t t = (time_t)(req->now - RECENT_DAYS * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(window, sizeof window, "%Y-%m-%dT%H:%M:%SZ", &tm);
    dash_arrivals a;
    if (dash_arrivals_since(req, scope, nscope, strcmp(since, window) < 0 ? since : window, &a,
                            &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The new exclusions could not be read.");
        return;
    }
    int nnew = 0;
    for (int i = 0; i < a.n; i++)
        nnew += strcmp(a.items[i].received_at, since) > 0;
    if (web_audit(req, "dashboard.view", NULL, "caseload dashboard")) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the dashboard cannot be shown.");
        return;
    }
    int nover = 0, nrisk = 0;
    for (int i = 0; i < nscope; i++) {
        nover += scope[i]->overdue;
        nrisk += scope[i]->nflags > 0;
    }
    bool partner = req->user->role == OR_ROLE_PARTNER;
    const char *title = partner ? "Children referred to your service" : "Your caseload";
    or_sb *out = &res->body;
    gov_page_start(out, req, title);
    dash_as_of(out, snap);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    char b[4][OR_FMT_INT_LEN];
    view_figure figs[] = {
        {or_fmt_int(nscope, b[0]), "Children", "/pupils"},
        {or_fmt_int(nnew, b[1]), "New suspensions and exclusions", "#new"},
        {or_fmt_int(nover, b[2]), "Duties overdue", "/duties?status=overdue"},
        {or_fmt_int(nrisk, b[3]), "Children at risk", "/risk"},
    };
    view_figures(out, figs, 4);
    if (partner)
        referrals(out, req, snap);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"new\">Recently suspended or excluded</h2>\n");
    dash_since_sentence(out, since, first);
    char c1[OR_FMT_INT_LEN], c2[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">%s new since then; %s recorded in the last %d days or "
                "since your last visit.</p>\n",
                or_fmt_int(nnew, c1), or_fmt_int(a.n, c2), RECENT_DAYS);
    dash_arrivals_table(out, req, snap, &a, DASH_TOP, true);

    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"children\">Children</h2>\n");
    if (!nscope) {
        html_raw(out, "<p class=\"govuk-body\">No child is in your scope today.</p>\n");
    } else {
        const view_pupil **sorted = or_arena_alloc(req->arena, (size_t)nscope * sizeof *sorted);
        memcpy(sorted, scope, (size_t)nscope * sizeof *sorted);
        dash_sort_by_risk(snap, sorted, nscope);
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Children\">\n");
        view_pupils_table(out, req, "Children, those with the most indicators first", snap, sorted,
                          nscope < DASH_TOP ? nscope : DASH_TOP);
        html_raw(out, "</div>\n");
        dash_see_all(out, nscope, DASH_TOP, "children", "/pupils");
    }
    dash_account(out, req);
    gov_page_end(out, req);
}
