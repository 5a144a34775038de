/* page_pupil_referrals.c - GET /pupils/{upn}/referrals : a pupil's referrals (referrals.h),
 * newest first: the service, the referring school, the date, the status and the next step
 * with its due date from the rules (LOCAL-REFERRAL), each linking to the referral's page
 * (page_referral.c); and for the LA and the pupil's school, a button to make a referral
 * (page_referral_new.c). A partner service sees only the referrals to its own routes.
 *
 * The route is WEB_F_PUPIL: the pupil is in the user's scope (else 404) and the read is
 * logged before this runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/plans_web.h"
#include "web/view.h"

void page_pupil_referrals(const web_request *req, web_response *res)
{
    const char *upn = web_path(req, "upn");
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, upn, &m, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return;
    }
    const or_pupil_facts *f = web_view_facts(req, or_model_params(m), or_model_find(m, upn));
    or_date today = web_today(req);
    or_duty_list duties;
    or_duty_list_init(&duties, req->arena);
    if (f && or_duties_for_pupil(f, or_model_params(m), today, &duties, &err)) {
        or_model_free(m);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's referrals could not be worked out.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Referrals");
    html_printf(out,
                "<a href=\"/pupils/%t/plans\" class=\"govuk-back-link\">Back to the pupil's "
                "plans</a>\n",
                upn);
    html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", plan_caption(req, upn));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Referrals</h1>\n");
    int mine = web_user_school(req);
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER || mine)
        html_printf(out,
                    "<a href=\"/pupils/%t/referrals/new\" role=\"button\" draggable=\"false\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "Make a referral</a>\n",
                    upn);
    int n = 0;
    char day[24], due[24];
    for (int i = f ? f->nevents - 1 : -1; i >= 0; i--) {
        const or_fact_event *r = &f->events[i];
        or_referral_state st;
        if (r->kind != OR_EV_REFERRAL || !or_referral_state_of(f, r, today, &st) ||
            !plan_may_see_referral(req, st.flow))
            continue;
        if (!n++)
            html_raw(out, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
                          "govuk-table__caption--m\">Referrals, newest first</caption>\n<thead "
                          "class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Referred</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Service</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">School</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Status</th>\n<th "
                          "scope=\"col\" class=\"govuk-table__header\">Next step</th>\n</tr>\n"
                          "</thead>\n<tbody class=\"govuk-table__body\">\n");
        const or_duty *next = NULL;
        for (int k = 0; k < duties.n; k++)
            if (duties.items[k].rule->code == OR_RULE_LOCAL_REFERRAL &&
                duties.items[k].urn == r->urn && !strcmp(duties.items[k].event_id, r->event_id))
                next = &duties.items[k];
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/referrals/%d/%t\">%s<span "
                    "class=\"govuk-visually-hidden\"> referral to the %s</span></a></td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">%s"
                    "</td>\n<td class=\"govuk-table__cell\">",
                    r->urn, r->event_id, view_date(r->start, day), st.flow->label, st.flow->label,
                    plan_school_name(req, m, r->urn));
        const char *colour;
        const char *words = plan_status_words(&st, &colour);
        view_tag(out, words, colour);
        html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
        if (!st.ended && next) {
            const char *c2;
            const char *w2 = view_duty_status(next->status, &c2);
            html_printf(out, "%s, due %s ", next->detail,
                        next->due == OR_DATE_NONE ? "with no fixed date"
                                                  : view_date(next->due, due));
            view_tag(out, w2, c2);
        } else {
            html_raw(out, "None: the referral has ended");
        }
        html_raw(out, "</td>\n</tr>\n");
    }
    if (n)
        html_raw(out, "</tbody>\n</table>\n");
    else
        html_raw(out, "<p class=\"govuk-body\">No referral has been recorded.</p>\n");
    gov_page_end(out, req);
    or_model_free(m);
}
