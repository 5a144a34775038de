/* view.c - what part of one pupil's record a reader may see (view.h; docs/security.md). */
#include <string.h>

#include "onroll/excl.h"
#include "onroll/referrals.h"
#include "onroll/view.h"

or_pupil_view or_view_school(const or_pupil_facts *f, int urn, or_date today, const or_params *p)
{
    or_pupil_view v = {.kind = OR_VIEW_NONE, .urn = urn};
    or_date left = OR_DATE_NONE;
    for (int i = 0; f && urn > 0 && i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        if (e->urn != urn)
            continue;
        if (e->end == OR_DATE_NONE || e->end >= today) {
            v.kind = OR_VIEW_WHOLE; /* on roll, or admitted ahead */
            return v;
        }
        if (left == OR_DATE_NONE || e->end > left)
            left = e->end;
    }
    if (left != OR_DATE_NONE && today - left <= p->v[OR_P_SCOPE_PREVIOUS_DAYS]) {
        v.kind = OR_VIEW_PERIOD;
        v.left = left;
        v.until = left + p->v[OR_P_SCOPE_PREVIOUS_DAYS];
    }
    return v;
}

or_pupil_view or_view_mash(const or_pupil_facts *f, or_date today)
{
    or_pupil_view v = {.kind = OR_VIEW_NONE};
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        or_date decided = e->decided != OR_DATE_NONE ? e->decided : e->start;
        if (e->kind != OR_EV_PERMANENT || decided == OR_DATE_NONE || decided > today)
            continue;
        or_excl_fate fate;
        or_excl_fate_of(f, e, &fate);
        if (or_excl_fate_counts(&fate, today)) {
            v.kind = OR_VIEW_WHOLE;
            break;
        }
    }
    return v;
}

static bool one_of(const char *s, const char *const *list, int n)
{
    for (int i = 0; s && i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

/* The last day a partner sees referral r: open-ended while it runs. */
static or_date referral_until(const or_pupil_facts *f, const or_fact_event *r, or_date today,
                              const or_params *p)
{
    or_referral_state st;
    if (!or_referral_state_of(f, r, today, &st) || !st.ended || !st.ended_by)
        return OR_DATE_NONE;
    return st.ended_by->start + p->v[OR_P_SCOPE_PARTNER_DAYS];
}

/* The partner's visible referral that e is, or belongs to (a step of it, or the plan it
 * names), or NULL. */
static const or_fact_event *partner_referral(const or_pupil_facts *f, const or_pupil_view *v,
                                             const or_fact_event *e, or_date today,
                                             const or_params *p)
{
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        if (r->kind != OR_EV_REFERRAL || r->start > today ||
            !one_of(r->to, v->services, v->nservices))
            continue;
        or_date until = referral_until(f, r, today, p);
        if (until != OR_DATE_NONE && today > until)
            continue;
        if (e == r)
            return r;
        if (e->urn != r->urn)
            continue;
        /* a step of the referral */
        if (e->kind == OR_EV_REFERRAL_UPDATE && e->ref && !strcmp(e->ref, r->event_id))
            return r;
        /* the plan the referral names (the PSP attached), and that plan's reviews */
        if (r->ref && *r->ref &&
            (!strcmp(e->event_id, r->ref) ||
             (e->kind == OR_EV_PLAN_REVIEW && e->ref && !strcmp(e->ref, r->ref))))
            return r;
    }
    return NULL;
}

or_pupil_view or_view_partner(const or_pupil_facts *f, const char *const *services, int n,
                              or_date today, const or_params *p)
{
    or_pupil_view v = {.kind = OR_VIEW_NONE};
    for (int i = 0; i < n && v.nservices < OR_VIEW_SERVICES_MAX; i++)
        v.services[v.nservices++] = services[i];
    for (int i = 0; f && i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        if (r->kind == OR_EV_REFERRAL && partner_referral(f, &v, r, today, p)) {
            v.kind = OR_VIEW_REFERRALS;
            break;
        }
    }
    return v;
}

bool or_view_event(const or_pupil_facts *f, const or_pupil_view *v, const or_fact_event *e,
                   or_date today, const or_params *p)
{
    switch (v->kind) {
    case OR_VIEW_WHOLE:
        return true;
    case OR_VIEW_PERIOD:
        return e->urn == v->urn;
    case OR_VIEW_REFERRALS:
        return partner_referral(f, v, e, today, p) != NULL;
    default:
        return false;
    }
}

void or_view_facts(const or_pupil_facts *f, const or_pupil_view *v, or_date today,
                   const or_params *p, or_arena *a, or_pupil_facts *out)
{
    *out = *f;
    if (v->kind == OR_VIEW_WHOLE)
        return;
    out->ncases = 0;
    out->cases = NULL;
    or_fact_event *ev = or_arena_alloc(a, (size_t)(f->nevents + 1) * sizeof *ev);
    out->nevents = 0;
    for (int i = 0; i < f->nevents; i++)
        if (or_view_event(f, v, &f->events[i], today, p))
            ev[out->nevents++] = f->events[i];
    out->events = ev;
    or_fact_enrolment *en = or_arena_alloc(a, (size_t)(f->nenrols + 1) * sizeof *en);
    or_fact_marks *mk = or_arena_alloc(a, (size_t)(f->nmarks + 1) * sizeof *mk);
    or_fact_totals *tt = or_arena_alloc(a, (size_t)(f->ntotals + 1) * sizeof *tt);
    out->ntotals = 0;
    or_fact_snapshot *sn = or_arena_alloc(a, (size_t)(f->nsnaps + 1) * sizeof *sn);
    out->nenrols = out->nmarks = out->nsnaps = 0;
    if (v->kind == OR_VIEW_PERIOD) {
        for (int i = 0; i < f->nenrols; i++)
            if (f->enrols[i].urn == v->urn)
                en[out->nenrols++] = f->enrols[i];
        for (int i = 0; i < f->nmarks; i++)
            if (f->marks[i].urn == v->urn)
                mk[out->nmarks++] = f->marks[i];
        for (int i = 0; i < f->ntotals; i++)
            if (f->totals[i].urn == v->urn)
                tt[out->ntotals++] = f->totals[i];
        /* the characteristics as they were while the pupil was there */
        for (int i = 0; i < f->nsnaps; i++)
            if (f->snaps[i].as_of <= v->left)
                sn[out->nsnaps++] = f->snaps[i];
    }
    out->enrols = en;
    out->marks = mk;
    out->totals = tt;
    out->snaps = sn;
}
