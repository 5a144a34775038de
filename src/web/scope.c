/* scope.c - what each role may see (users.h's roles): the one place that decides whether a
 * user may open a pupil's record or a school's pages. Pages never decide this themselves: a
 * route that reads a pupil's record is declared with WEB_F_PUPIL and server.c asks here before
 * the handler runs; pages that list pupils call web_can_see_pupil for each.
 *
 * A partner service (the Re-engagement Unit, early help) sees the pupils referred to it: a
 * `referral` event naming one of its routes (referrals.h: each route says which partner's
 * users see it), whatever became of the referral, and the pupils on an open caseload of its
 * role. Which of a pupil's referrals it may open is the referral pages' own check. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/date.h"
#include "onroll/referrals.h"
#include "onroll/upn.h"
#include "web/web.h"

bool web_can_see_pupil(const web_request *req, const char *upn)
{
    const or_user *u = req->user;
    if (!u || u->disabled || !upn || or_upn_validate(upn, NULL))
        return false;
    bool yes = false, known = false;
    or_error err = {0};
    or_date on = web_today(req);
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        /* the whole LA: every pupil the LA knows */
        return or_store_pupil_exists(req->store, upn, &known, &err) == OR_OK && known;
    case OR_ROLE_SCHOOL: {
        int urn;
        if (or_urn_validate(u->scope, &urn, NULL))
            return false;
        return or_scope_at_school(req->store, upn, urn, on, &yes, &err) == OR_OK && yes;
    }
    case OR_ROLE_SOCIAL_WORKER:
        return or_scope_on_caseload(req->store, upn, u->email, "social_worker", on, &yes, &err) ==
                   OR_OK &&
               yes;
    case OR_ROLE_YOUTH_JUSTICE:
        return or_scope_on_caseload(req->store, upn, u->email, "youth_justice", on, &yes, &err) ==
                   OR_OK &&
               yes;
    case OR_ROLE_VIRTUAL_SCHOOL:
        return or_scope_virtual_school(req->store, upn, on, &yes, &err) == OR_OK && yes;
    case OR_ROLE_PARTNER: {
        /* the pupils referred to the service (a `referral` to one of the routes whose partner
         * it is: referrals.h), and those on an open caseload of its role */
        if (!u->scope[0])
            return false;
        const char *services[8];
        int n = web_partner_services(u->scope, services, 8);
        if (or_scope_referred(req->store, upn, services, n, on, &yes, &err) || yes)
            return yes;
        return or_scope_on_caseload(req->store, upn, NULL, u->scope, on, &yes, &err) == OR_OK &&
               yes;
    }
    case OR_ROLE_ANALYST: /* aggregated, suppressed figures only */
    default:
        return false;
    }
}

int web_partner_services(const char *scope, const char *out[], int max)
{
    int n = 0;
    for (int i = 0; scope && *scope && i < or_referral_flows_count() && n < max; i++) {
        const or_referral_flow *f = or_referral_flow_at(i);
        if (!strcmp(f->partner, scope))
            out[n++] = f->service;
    }
    return n;
}

bool web_can_see_school(const web_request *req, int urn)
{
    const or_user *u = req->user;
    if (!u || u->disabled)
        return false;
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
    case OR_ROLE_ANALYST: /* a school's aggregated figures */
        return true;
    case OR_ROLE_SCHOOL:
        return atoi(u->scope) == urn && urn > 0;
    default:
        return false;
    }
}
