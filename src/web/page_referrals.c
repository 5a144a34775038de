/* page_referrals.c - GET /referrals[?service=S&status=open|ended|all] : the referrals a service
 * works on. A partner service's users (the Re-engagement Unit, early help) see the referrals
 * to their own routes only (referrals.h: each route names its partner); the LA sees every
 * referral and may filter by service and status. Each row: the pupil (a link to the
 * referral), the service, the referring school, the date, the status, and the next step with
 * its due date from the rules (LOCAL-REFERRAL), overdue first.
 *
 * The referrals come from the LA snapshot (view_cache.c: every pupil's facts and duties as of
 * today), each pupil confirmed in the user's scope (view_scope_pupils); the page names
 * children, so it is written to the audit log first, with every child listed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/plans_web.h"
#include "web/view.h"

enum { ROWS_MAX = 300 };

typedef struct {
    const view_pupil *p;
    const or_fact_event *r;
    or_referral_state st;
    const or_duty *next; /* LOCAL-REFERRAL, NULL when ended */
} row;

/* overdue first, then by due date (none last), then the newest referral */
static int by_due(const void *x, const void *y)
{
    const row *a = x, *b = y;
    bool ao = a->next && a->next->status == OR_DUTY_OVERDUE,
         bo = b->next && b->next->status == OR_DUTY_OVERDUE;
    if (ao != bo)
        return ao ? -1 : 1;
    or_date da = a->next ? a->next->due : OR_DATE_NONE, db = b->next ? b->next->due : OR_DATE_NONE;
    if (da != db)
        return da == OR_DATE_NONE ? 1 : db == OR_DATE_NONE ? -1 : da < db ? -1 : 1;
    if (a->r->start != b->r->start)
        return a->r->start > b->r->start ? -1 : 1;
    return strcmp(a->p->upn, b->p->upn);
}

void page_referrals(const web_request *req, web_response *res)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referrals could not be listed. Try again later.");
        return;
    }
    bool la = req->user->role != OR_ROLE_PARTNER;
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referrals could not be listed.");
        return;
    }
    const char *service = la ? web_query(req, "service") : "";
    const char *status = web_query(req, "status");
    if (strcmp(status, "ended") && strcmp(status, "all"))
        status = "open";
    if (!or_referral_flow_find(service))
        service = "";

    const char *services[OR_VIEW_SERVICES_MAX];
    int nservices = la ? 0 : web_partner_services(req->user->scope, services, OR_VIEW_SERVICES_MAX);
    int n = la ? snap->npupils : nscope, count = 0, cap = 64, overdue = 0;
    row *rows = or_arena_alloc(req->arena, (size_t)cap * sizeof *rows);
    for (int i = 0; i < n; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        /* a partner: the referrals to its routes until scope.partner_days after they end */
        or_pupil_view v = {.kind = OR_VIEW_WHOLE};
        if (!la)
            v = or_view_partner(p->f, services, nservices, snap->as_of,
                                or_model_params(snap->model));
        for (int e = 0; e < p->f->nevents; e++) {
            const or_fact_event *r = &p->f->events[e];
            row w = {p, r, {0}, NULL};
            if (r->kind != OR_EV_REFERRAL || !or_referral_state_of(p->f, r, snap->as_of, &w.st) ||
                !plan_may_see_referral(req, w.st.flow) ||
                !or_view_event(p->f, &v, r, snap->as_of, or_model_params(snap->model)) ||
                (*service && strcmp(service, w.st.flow->service)) ||
                (!strcmp(status, "open") && w.st.ended) ||
                (!strcmp(status, "ended") && !w.st.ended))
                continue;
            for (int d = p->duty0; !w.st.ended && d < p->duty0 + p->nduties; d++) {
                const or_duty *du = &snap->duties.items[d];
                if (!strcmp(du->rule->id, "LOCAL-REFERRAL") && du->urn == r->urn &&
                    !strcmp(du->event_id, r->event_id))
                    w.next = du;
            }
            overdue += w.next && w.next->status == OR_DUTY_OVERDUE;
            if (count == cap) {
                row *more = or_arena_alloc(req->arena, (size_t)cap * 2 * sizeof *more);
                memcpy(more, rows, (size_t)count * sizeof *rows);
                rows = more;
                cap *= 2;
            }
            rows[count++] = w;
        }
    }
    if (count > 1)
        qsort(rows, (size_t)count, sizeof *rows, by_due);
    char detail[120];
    snprintf(detail, sizeof detail, "referrals: %d listed (service %s, %s)",
             count < ROWS_MAX ? count : ROWS_MAX, *service ? service : "all", status);
    /* the rows show each child's name, not the UPN the list's record finds (audit.c): name
     * them to the audit log here */
    int shown = count < ROWS_MAX ? count : ROWS_MAX;
    const char **upns = or_arena_alloc(req->arena, ((size_t)shown + 1) * sizeof *upns);
    for (int i = 0; upns && i < shown; i++)
        upns[i] = rows[i].p->upn;
    if (!upns || web_audit(req, "referrals.view", NULL, detail) ||
        web_audit_upns(req, upns, shown)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the referrals cannot be shown.");
        return;
    }

    or_sb *out = &res->body;
    const char *title = "Referrals";
    gov_page_start(out, req, title);
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, day));
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (!la) {
        int ns = nservices;
        html_raw(out, "<p class=\"govuk-body\">The referrals made to ");
        for (int i = 0; i < ns; i++)
            html_printf(out, "%s%s", i ? " and " : "the ",
                        or_referral_flow_find(services[i])->label);
        if (!ns)
            html_raw(out, "your service");
        html_raw(out, ".</p>\n");
    }
    /* filters (GET) */
    gov_form_start(out, req, "get", "/referrals");
    html_raw(out, "<div class=\"govuk-grid-row\">\n");
    if (la) {
        gov_choice sv[12];
        int nsv = 0;
        sv[nsv++] = (gov_choice){"", "Every service", NULL};
        for (int i = 0; i < or_referral_flows_count() && nsv < 12; i++)
            sv[nsv++] =
                (gov_choice){or_referral_flow_at(i)->service, or_referral_flow_at(i)->label, NULL};
        html_raw(out, "<div class=\"govuk-grid-column-one-third\">\n");
        gov_select(out, "service", "Service", NULL, sv, nsv, service, NULL);
        html_raw(out, "</div>\n");
    }
    static const gov_choice statuses[] = {
        {"open", "Open (next step to take)", NULL},
        {"ended", "Ended", NULL},
        {"all", "All", NULL},
    };
    html_raw(out, "<div class=\"govuk-grid-column-one-third\">\n");
    gov_select(out, "status", "Status", NULL, statuses, 3, status, NULL);
    html_raw(out, "</div>\n</div>\n");
    gov_button(out, "Show referrals", true);
    gov_form_end(out);

    html_printf(out, "<p class=\"govuk-body\">%d %s, %d with the next step overdue.</p>\n", count,
                count == 1 ? "referral" : "referrals", overdue);
    if (count) {
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Referrals\">\n<table class=\"govuk-table\">\n<caption "
                      "class=\"govuk-table__caption govuk-table__caption--s\">Referrals, the next "
                      "step overdue first, then by due date</caption>\n<thead "
                      "class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n<th "
                      "scope=\"col\" class=\"govuk-table__header\">Pupil</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Service</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">School</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Referred</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Status</th>\n<th scope=\"col\" "
                      "class=\"govuk-table__header\">Next step due</th>\n</tr>\n</thead>\n<tbody "
                      "class=\"govuk-table__body\">\n");
        for (int i = 0; i < count && i < ROWS_MAX; i++) {
            const row *w = &rows[i];
            html_printf(out,
                        "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                        "class=\"govuk-link\" href=\"/referrals/%d/%t\">%s<span "
                        "class=\"govuk-visually-hidden\">: referral of %s</span></a></td>\n"
                        "<td class=\"govuk-table__cell\">%s</td>\n",
                        w->r->urn, w->r->event_id, w->p->name[0] ? w->p->name : w->p->upn,
                        view_date(w->r->start, day), w->st.flow->label);
            view_td_school(out, req, snap, w->r->urn);
            html_printf(out,
                        "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                        view_date(w->r->start, day));
            const char *colour;
            const char *words = plan_status_words(&w->st, &colour);
            view_tag(out, words, colour);
            html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
            if (w->next) {
                const char *c2;
                const char *w2 = view_duty_status(w->next->status, &c2);
                html_printf(out, "%s ",
                            w->next->due == OR_DATE_NONE ? "No fixed date"
                                                         : view_date(w->next->due, day));
                view_tag(out, w2, c2);
            } else {
                html_raw(out, "None");
            }
            html_raw(out, "</td>\n</tr>\n");
        }
        html_raw(out, "</tbody>\n</table>\n</div>\n");
        if (count > ROWS_MAX)
            html_printf(out,
                        "<p class=\"govuk-body\">And %d more not shown: filter the list.</p>\n",
                        count - ROWS_MAX);
    }
    gov_page_end(out, req);
    view_snapshot_put(snap);
}
