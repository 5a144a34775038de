/* scope.c - what each role may see (accounts.h's roles): the one place that decides how much of a
 * pupil's record a user may open, and whether a user may open a school's pages. Pages never
 * decide this themselves: a route that reads a pupil's record is declared with WEB_F_PUPIL and
 * server.c asks here before the handler runs (a route that shows part of a record to a reader
 * who may see only part of it is also WEB_F_PART, and reads req->view); pages that list pupils
 * call web_can_see_pupil for each.
 *
 * The rules for schools and partner services are pure functions of the pupil's facts (view.h);
 * here they are given the facts from the store as of today. The LA, social workers, youth
 * justice and the Virtual School see whole records, by the store's look-ups. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/date.h"
#include "onroll/model.h"
#include "onroll/referrals.h"
#include "onroll/store_claims.h"
#include "onroll/store_scope.h"
#include "onroll/upn.h"
#include "web/web.h"

static or_pupil_view whole(bool yes)
{
    return (or_pupil_view){.kind = yes ? OR_VIEW_WHOLE : OR_VIEW_NONE};
}

/* The view a school or a partner has, from the pupil's facts (nservices -1: the MASH's). */
static or_pupil_view from_facts(const web_request *req, const char *upn, int urn,
                                const char *const *services, int nservices)
{
    or_pupil_view v = {.kind = OR_VIEW_NONE};
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, upn, &m, &err))
        return v;
    const or_pupil_facts *f = or_model_find(m, upn);
    or_date today = web_today(req);
    if (f && urn)
        v = or_view_school(f, urn, today, or_model_params(m));
    else if (f && nservices < 0)
        v = or_view_mash(f, today);
    else if (f)
        v = or_view_partner(f, services, nservices, today, or_model_params(m));
    or_model_free(m);
    return v;
}

or_pupil_view web_pupil_view(const web_request *req, const char *upn)
{
    const or_user *u = req->user;
    if (!u || u->disabled || !upn || or_upn_validate(upn, NULL))
        return whole(false);
    bool yes = false, known = false;
    or_error err = {0};
    or_date on = web_today(req);
    switch (u->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        /* the whole LA: every pupil the LA knows */
        return whole(or_store_pupil_exists(req->store, upn, &known, &err) == OR_OK && known);
    case OR_ROLE_SCHOOL: {
        int urn;
        if (or_urn_validate(u->scope, &urn, NULL))
            return whole(false);
        or_pupil_view v = from_facts(req, upn, urn, NULL, 0);
        int64_t claim = 0;
        if (v.kind == OR_VIEW_NONE &&
            or_claim_pending(req->store, upn, urn, &claim, &err) == OR_OK && claim) {
            v.kind = OR_VIEW_CLAIM;
            v.urn = urn;
        }
        return v;
    }
    case OR_ROLE_SOCIAL_WORKER:
        return whole(or_scope_on_caseload(req->store, upn, u->email, "social_worker", on, &yes,
                                          &err) == OR_OK &&
                     yes);
    case OR_ROLE_YOUTH_JUSTICE:
        return whole(or_scope_on_caseload(req->store, upn, u->email, "youth_justice", on, &yes,
                                          &err) == OR_OK &&
                     yes);
    case OR_ROLE_VIRTUAL_SCHOOL:
        return whole(or_scope_virtual_school(req->store, upn, on, &yes, &err) == OR_OK && yes);
    case OR_ROLE_PARTNER: {
        /* a pupil on an open caseload of its role: the whole record; else the referrals to
         * its routes (referrals.h: each route says which partner's users see it) */
        if (!u->scope[0])
            return whole(false);
        if (!strcmp(u->scope, "mash")) /* the permanently excluded children (view.h) */
            return from_facts(req, upn, 0, NULL, -1);
        if (or_scope_on_caseload(req->store, upn, NULL, u->scope, on, &yes, &err) == OR_OK && yes)
            return whole(true);
        const char *services[OR_VIEW_SERVICES_MAX];
        int n = web_partner_services(u->scope, services, OR_VIEW_SERVICES_MAX);
        return n ? from_facts(req, upn, 0, services, n) : whole(false);
    }
    case OR_ROLE_ANALYST: /* aggregated, suppressed figures only */
    default:
        return whole(false);
    }
}

bool web_can_see_pupil(const web_request *req, const char *upn)
{
    return web_pupil_view(req, upn).kind != OR_VIEW_NONE;
}

const or_pupil_facts *web_view_facts(const web_request *req, const or_params *p,
                                     const or_pupil_facts *f)
{
    if (!f || req->view.kind == OR_VIEW_WHOLE)
        return f;
    or_pupil_facts *cut = or_arena_alloc(req->arena, sizeof *cut);
    or_view_facts(f, &req->view, web_today(req), p, req->arena, cut);
    return cut;
}

int web_user_school(const web_request *req)
{
    int urn = 0;
    if (req->user && req->user->role == OR_ROLE_SCHOOL &&
        or_urn_validate(req->user->scope, &urn, NULL) == OR_OK)
        return urn;
    return 0;
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
