/* ap_register.c - the register of alternative provision providers as the pages show it
 * (ap_web.h): every provider with its QA records, the latest record of each pillar and item in
 * force, its soonest expiry and LOCAL-APQA-EXPIRY's status on the LA's calendar; and the small
 * pieces the AP pages share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/ap_web.h"

/* ---- one provider with its checks, as the list and the page show it ---- */

static or_code on_provider(void *ctx, const or_ap_provider *p, or_error *err)
{
    ap_register *g = ctx;
    if (g->n == g->cap) {
        int cap = g->cap ? g->cap * 2 : 32;
        ap_row *more = or_arena_alloc(g->req->arena, (size_t)cap * sizeof *more);
        if (!more)
            return or_fail(err, OR_ENOMEM, "page_ap_providers.c: out of memory");
        if (g->n)
            memcpy(more, g->rows, (size_t)g->n * sizeof *more);
        g->rows = more;
        g->cap = cap;
    }
    or_arena *a = g->req->arena;
    g->rows[g->n++] = (ap_row){{or_arena_strdup(a, p->slug), or_arena_strdup(a, p->name),
                                or_arena_strdup(a, p->registration), p->urn,
                                or_arena_strdup(a, p->ukprn), or_arena_strdup(a, p->setting),
                                or_arena_strdup(a, p->contact), or_arena_strdup(a, p->notes)},
                               OR_DATE_NONE,
                               OR_DATE_NONE,
                               NULL,
                               0,
                               0};
    return OR_OK;
}

/* The notice (school days) and the calendar LOCAL-APQA-EXPIRY counts on: the LA's
 * parameters and, when there is one, the calendar of the first school in the snapshot. */

void ap_notice_done(ap_notice *n)
{
    if (n->snap)
        view_snapshot_put(n->snap);
    n->snap = NULL;
}

/* Each record, newest first: the first of each (pillar, item) of a provider is the one in
 * force (ap_row.seen: a bit for each pair met). */
typedef struct {
    ap_register *g;
    ap_notice *n;
} qa_walk;

/* The bit of a (pillar, item) pair: pillar index x items + item index (ap.h's vocabularies). */
unsigned ap_qa_pair_bit(const char *pillar, const char *item)
{
    int np, ni, p = -1, i = -1;
    const or_ap_term *tp = or_ap_terms(OR_AP_PILLAR, &np), *ti = or_ap_terms(OR_AP_ITEM, &ni);
    for (int k = 0; k < np; k++)
        if (!strcmp(tp[k].id, pillar))
            p = k;
    for (int k = 0; k < ni; k++)
        if (!strcmp(ti[k].id, item))
            i = k;
    return p < 0 || i < 0 ? 0 : 1u << (p * ni + i);
}

ap_row *ap_row_of(ap_register *g, const char *slug)
{
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->rows[i].p.slug, slug))
            return &g->rows[i];
    return NULL;
}

static or_code on_qa(void *ctx, int64_t id, const or_ap_qa *q, const char *by, or_error *err)
{
    (void)id, (void)by, (void)err;
    qa_walk *w = ctx;
    ap_row *r = ap_row_of(w->g, q->provider);
    if (!r)
        return OR_OK;
    r->nchecks++;
    if (r->last_check == OR_DATE_NONE || q->checked_on > r->last_check)
        r->last_check = q->checked_on;
    unsigned bit = ap_qa_pair_bit(q->pillar, q->item);
    if (r->seen & bit)
        return OR_OK; /* an older record of the same check: superseded */
    r->seen |= bit;
    if (q->expires_on != OR_DATE_NONE &&
        (r->next_expiry == OR_DATE_NONE || q->expires_on < r->next_expiry)) {
        r->next_expiry = q->expires_on;
        r->status = or_apqa_status(w->n->cal, q->expires_on, w->n->notice, w->n->today);
    }
    return OR_OK;
}

or_code ap_register_load(const web_request *req, ap_register *g, ap_notice *n, or_error *err)
{
    memset(g, 0, sizeof *g);
    g->req = req;
    n->today = web_today(req);
    or_params p;
    or_code rc = or_params_load(req->store, &p, err);
    n->notice = rc ? 20 : p.v[OR_P_APQA_NOTICE_DAYS];
    n->cal = NULL;
    n->snap = NULL;
    or_error e2 = {0};
    if (!view_snapshot_get(req, &n->snap, &e2)) {
        for (int i = 0; i < n->snap->nschools && !n->cal; i++) {
            const or_school_info *s = or_model_school(n->snap->model, n->snap->schools[i].urn);
            n->cal = s ? s->cal : NULL;
        }
    } else {
        n->snap = NULL;
    }
    if ((rc = or_ap_providers_each(req->store, on_provider, g, err)))
        return rc;
    qa_walk *w = or_arena_calloc(req->arena, 1, sizeof *w);
    if (!w)
        return or_fail(err, OR_ENOMEM, "page_ap_providers.c: out of memory");
    w->g = g;
    w->n = n;
    return or_ap_qa_each(req->store, NULL, on_qa, w, err);
}

const char *ap_qa_words(const char *status, const char **colour)
{
    if (status && !strcmp(status, "expired")) {
        *colour = "red";
        return "Expired";
    }
    if (status) {
        *colour = "orange";
        return "Due for renewal";
    }
    *colour = "green";
    return "In date";
}

gov_choice *ap_terms_choices(const web_request *req, or_ap_vocab v, int *n)
{
    const or_ap_term *t = or_ap_terms(v, n);
    gov_choice *c = or_arena_alloc(req->arena, (size_t)(*n + 1) * sizeof *c);
    for (int i = 0; c && i < *n; i++)
        c[i] = (gov_choice){t[i].id, t[i].label, NULL};
    if (!c)
        *n = 0;
    return c;
}

const char *ap_number_of(const web_request *req, const or_ap_provider *p)
{
    if (!strcmp(p->registration, "school"))
        return or_arena_printf(req->arena, "%d", p->urn);
    return p->ukprn;
}

or_audit_entry ap_who(const web_request *req)
{
    return (or_audit_entry){.actor = req->user->email,
                            .user_id = req->user->id,
                            .role = or_role_name(req->user->role),
                            .object = req->path,
                            .remote = req->remote};
}
