/* view_referrals.c - the referrals a user may see, with their status in the inbox's words
 * (view_lists.h): the rows of /referrals and the counts of every dashboard that counts them,
 * from one function, so that the two cannot disagree.
 *
 * From the LA snapshot (view_cache.c: every pupil's facts and duties as of today). The LA sees
 * every referral; any other role the referrals of the pupils in its scope (view_scope_pupils,
 * each confirmed by scope.c) that plan_may_see_referral lets it see; a partner service only
 * those to its own routes while it sees them (view.h, or_view_partner: until
 * scope.partner_days after the referral ended). The analyst sees none. */
#include <string.h>

#include "onroll/rules.h"
#include "web/plans_web.h"
#include "web/view_lists.h"

or_code view_referrals_list(const web_request *req, view_snapshot *snap,
                            const view_referral_filter *flt, view_referral **out, int *n,
                            or_error *err)
{
    *out = NULL;
    *n = 0;
    or_role role = req->user->role;
    if (role == OR_ROLE_ANALYST)
        return OR_OK;
    bool la = role == OR_ROLE_LA_ADMIN || role == OR_ROLE_LA_OFFICER;
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (!la) {
        or_code rc = view_scope_pupils(req, snap, &scope, &nscope, err);
        if (rc)
            return rc;
    }
    const char *services[OR_VIEW_SERVICES_MAX];
    int nservices = role == OR_ROLE_PARTNER
                        ? web_partner_services(req->user->scope, services, OR_VIEW_SERVICES_MAX)
                        : 0;
    const char *service = flt && flt->service && *flt->service ? flt->service : NULL;
    int status = flt ? flt->status : -1, urn = flt ? flt->urn : 0;
    const or_params *params = or_model_params(snap->model);
    int total = la ? snap->npupils : nscope, count = 0, cap = 64;
    view_referral *rows = or_arena_alloc(req->arena, (size_t)cap * sizeof *rows);
    if (!rows)
        return or_fail(err, OR_ENOMEM, "view_referrals.c: out of memory listing referrals");
    for (int i = 0; i < total; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        or_pupil_view v = {.kind = OR_VIEW_WHOLE};
        if (role == OR_ROLE_PARTNER)
            v = or_view_partner(p->f, services, nservices, snap->as_of, params);
        for (int e = 0; e < p->f->nevents; e++) {
            const or_fact_event *r = &p->f->events[e];
            view_referral w = {.p = p, .r = r};
            if (r->kind != OR_EV_REFERRAL || (urn && r->urn != urn) ||
                !or_referral_state_of(p->f, r, snap->as_of, &w.st) ||
                (service && strcmp(service, w.st.flow->service)) ||
                !plan_may_see_referral(req, w.st.flow) ||
                !or_view_event(p->f, &v, r, snap->as_of, params))
                continue;
            w.status = or_referral_status_of(&w.st);
            if (status >= 0 && (int)w.status != status)
                continue;
            for (int d = p->duty0; !w.st.ended && d < p->duty0 + p->nduties; d++) {
                const or_duty *du = &snap->duties.items[d];
                if (du->rule->code == OR_RULE_LOCAL_REFERRAL && du->urn == r->urn && du->event_id &&
                    !strcmp(du->event_id, r->event_id))
                    w.next = du;
            }
            if (count == cap) {
                view_referral *more = or_arena_alloc(req->arena, (size_t)cap * 2 * sizeof *more);
                if (!more)
                    return or_fail(err, OR_ENOMEM,
                                   "view_referrals.c: out of memory listing referrals");
                memcpy(more, rows, (size_t)count * sizeof *rows);
                rows = more;
                cap *= 2;
            }
            rows[count++] = w;
        }
    }
    *out = rows;
    *n = count;
    return OR_OK;
}

or_code view_referral_counts(const web_request *req, view_snapshot *snap, const char *service,
                             int urn, int counts[OR_REFERRAL__N], int *total, or_error *err)
{
    memset(counts, 0, OR_REFERRAL__N * sizeof *counts);
    *total = 0;
    view_referral_filter flt = {service, -1, urn};
    view_referral *rows;
    int n;
    or_code rc = view_referrals_list(req, snap, &flt, &rows, &n, err);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        counts[rows[i].status]++;
    *total = n;
    return OR_OK;
}
