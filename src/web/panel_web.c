/* panel_web.c - what the panel's pages share (panel_web.h): the referrals to the panel with
 * their turnaround, and the panel's block on the pupil's page (the feedback to the school). */
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "web/panel_web.h"

const char *panel_urgency_words(bool urgent)
{
    return urgent ? "Urgent" : "Standard";
}

static int by_urgency(const void *x, const void *y)
{
    const panel_row *a = x, *b = y;
    if (a->c.urgent != b->c.urgent)
        return a->c.urgent ? -1 : 1;
    if (a->c.referral->start != b->c.referral->start)
        return a->c.referral->start < b->c.referral->start ? -1 : 1;
    return strcmp(a->c.referral->event_id, b->c.referral->event_id);
}

bool panel_rows(const web_request *req, view_snapshot *snap, panel_row **out, int *n)
{
    *out = NULL;
    *n = 0;
    view_referral_filter flt = {"panel", -1, 0};
    view_referral *all = NULL;
    int nall = 0;
    or_error err = {0};
    if (view_referrals_list(req, snap, &flt, &all, &nall, &err))
        return false;
    panel_row *rows = or_arena_calloc(req->arena, (size_t)nall + 1, sizeof *rows);
    if (!rows)
        return false;
    int k = 0;
    for (int i = 0; i < nall; i++) {
        panel_row *r = &rows[k];
        r->w = &all[i];
        r->f = or_model_find(snap->model, all[i].p->upn);
        if (!r->f || !or_panel_case_of(r->f, all[i].r, &r->c))
            continue;
        const or_school_info *s = or_model_school(snap->model, all[i].r->urn);
        or_panel_turnaround_of(s ? s->cal : NULL, all[i].r->start, r->c.urgent,
                               r->c.decision ? r->c.decision->start : OR_DATE_NONE, snap->as_of,
                               &r->t);
        k++;
    }
    if (k > 1)
        qsort(rows, (size_t)k, sizeof *rows, by_urgency);
    *out = rows;
    *n = k;
    return true;
}

/* The actions agreed for referral r: the decision's and each later one. */
static void actions_html(or_sb *out, const web_request *req, const or_pupil_facts *f,
                         const or_fact_event *r)
{
    int shown = 0;
    char day[24];
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *u = &f->events[i];
        if (!or_panel_is_action(u) || !u->ref || strcmp(u->ref, r->event_id) || u->urn != r->urn)
            continue;
        if (!shown++)
            html_raw(out, "<h4 class=\"govuk-heading-s\">Actions agreed</h4>\n"
                          "<ul class=\"govuk-list govuk-list--bullet\">\n");
        const char *what = or_panel_detail(u->details, "x_action", req->arena);
        const or_fact_event *done = or_facts_action(f, u->urn, u->event_id, "LOCAL-PANEL-ACTION");
        html_printf(out, "<li>%s: %s, by %s", u->to, *what ? what : "action agreed",
                    view_date(u->end, day));
        if (done)
            html_printf(out, " (done %s)", view_date(done->start, day));
        html_raw(out, "</li>\n");
    }
    if (shown)
        html_raw(out, "</ul>\n");
}

void panel_pupil_block(or_sb *out, const web_request *req, const or_pupil_facts *f)
{
    if (!f)
        return;
    int mine = web_user_school(req);
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (!la && !mine)
        return;
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"panel\">Multi-agency panel</h2>\n");
    int n = 0;
    char day[24];
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        or_panel_case c;
        if ((mine && r->urn != mine) || !or_panel_case_of(f, r, &c))
            continue;
        n++;
        html_printf(out, "<h3 class=\"govuk-heading-s\">Referral of %s (%s)</h3>\n",
                    view_date(r->start, day), c.urgent ? "urgent" : "standard");
        if (!c.decision) {
            html_raw(out, "<p class=\"govuk-body\">Waiting for the panel to consider it.</p>\n");
            continue;
        }
        const char *said = or_panel_detail(c.decision->details, "notes", req->arena);
        html_printf(out,
                    "<p class=\"govuk-body\">The panel considered it on %s and decided:</p>\n"
                    "<div class=\"govuk-inset-text\">%s</div>\n",
                    view_date(c.decision->start, day), said);
        actions_html(out, req, f, r);
    }
    if (!n)
        html_raw(out, "<p class=\"govuk-body\">No referral to the multi-agency panel.</p>\n");
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/pupils/%t/panel/new\">"
                "Refer to the multi-agency panel</a></p>\n",
                f->upn);
}
