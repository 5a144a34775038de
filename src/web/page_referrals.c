/* page_referrals.c - GET /referrals[?status=S&service=SERVICE&school=URN] : a service's inbox,
 * and GET /referrals/download : the same selection as CSV. A partner service's users (the
 * Re-engagement Unit, early help) see the referrals to their own routes only; the LA every
 * referral (view_referrals.c decides, for this page and for every dashboard that counts them).
 *
 * Above the list, how many referrals are in each status (new, accepted, declined, allocated,
 * closed: referrals.h's words), each a link to the list of exactly those; then the list on the
 * list engine (list.h): filters by status, service and school (by name), sorted on the server
 * (the next step overdue first, by default), 25 to 100 a page. Each row: the pupil (a link to
 * the referral, where its next step is recorded), the service, the referring school, the date,
 * the status in words, the next step with its due date from the rules (LOCAL-REFERRAL).
 *
 * The page names children: the audit log gets the read and every child on the page; the CSV
 * download its own "export" line (list.c), and the UPNs it holds (web_audit_listed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/list.h"
#include "web/plans_web.h"
#include "web/view_lists.h"

enum { F_STATUS, F_SERVICE, F_SCHOOL, F__N };
static const list_filter filters[F__N] = {
    [F_STATUS] = {"status", "Status", NULL, LIST_SELECT, .any = "Every status"},
    [F_SERVICE] = {"service", "Service", NULL, LIST_SELECT, .any = "Every service"},
    [F_SCHOOL] = {"school", "Referring school", NULL, LIST_SELECT, .any = "Every school"},
};
enum { C_PUPIL, C_UPN, C_SERVICE, C_SCHOOL, C_URN, C_REFERRED, C_STATUS, C_NEXT, C_DUE, C__N };
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Pupil", "name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SERVICE] = {"service", "Service", "service", LIST_SORT},
    [C_SCHOOL] = {"school", "Referring school", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_REFERRED] = {"referred", "Referred", "referred", LIST_SORT | LIST_DESC},
    [C_STATUS] = {"status", "Status", "status", LIST_SORT},
    [C_NEXT] = {NULL, "Next step", "next_step", 0},
    [C_DUE] = {"due", "Next step due", "next_due", LIST_SORT},
};
static const list_spec spec = {"/referrals",
                               "Referrals",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "due",
                               .csv_name = "onroll-referrals",
                               .noun = "referrals"};

typedef struct {
    const view_snapshot *snap;
    int col;
    bool desc;
} sort_by;

static bool overdue(const view_referral *r)
{
    return r->next && r->next->status == OR_DUTY_OVERDUE;
}

static int by_column(const void *x, const void *y, void *ctx)
{
    const view_referral *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_PUPIL:
        c = strcasecmp(a->p->name, b->p->name);
        break;
    case C_SERVICE:
        c = strcmp(a->st.flow->label, b->st.flow->label);
        break;
    case C_SCHOOL:
        c = strcmp(view_school_name(s->snap, a->r->urn), view_school_name(s->snap, b->r->urn));
        break;
    case C_REFERRED:
        c = a->r->start < b->r->start ? -1 : a->r->start > b->r->start;
        break;
    case C_STATUS:
        c = (int)a->status - (int)b->status;
        break;
    default: { /* the next step overdue first, then by due date, none last */
        if (overdue(a) != overdue(b)) {
            c = overdue(a) ? -1 : 1;
            break;
        }
        or_date da = a->next ? a->next->due : OR_DATE_NONE,
                db = b->next ? b->next->due : OR_DATE_NONE;
        if (da != db)
            c = da == OR_DATE_NONE ? 1 : db == OR_DATE_NONE ? -1 : da < db ? -1 : 1;
    }
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = a->r->start != b->r->start ? (a->r->start > b->r->start ? -1 : 1)
                                       : strcmp(a->p->upn, b->p->upn);
    return c ? c : strcmp(a->r->event_id, b->r->event_id);
}

/* A link to the list with these filters ("" leaves one out): status and service are keys the
 * list engine checked against its choices; view_figures escapes the link. */
static const char *href(const web_request *req, const char *status, const char *service, int urn)
{
    char school[24] = "";
    if (urn)
        snprintf(school, sizeof school, "school=%d", urn);
    const char *parts[3] = {*status ? or_arena_printf(req->arena, "status=%s", status) : "",
                            *service ? or_arena_printf(req->arena, "service=%s", service) : "",
                            school};
    const char *out = "/referrals";
    char sep = '?';
    for (int i = 0; i < 3; i++)
        if (*parts[i]) {
            out = or_arena_printf(req->arena, "%s%c%s", out, sep, parts[i]);
            sep = '&';
        }
    return out;
}

typedef struct {
    list l;
    view_snapshot *snap;
    view_referral *rows;
    int n;
    int counts[OR_REFERRAL__N], total; /* of the service and school chosen, every status */
    const char *services[OR_VIEW_SERVICES_MAX];
    int nservices; /* a partner's own routes */
    bool la;
} inbox;

/* Read the query and gather the rows; false with an error page written. */
static bool load(const web_request *req, web_response *res, inbox *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referrals could not be listed. Try again later.");
        return false;
    }
    b->la = req->user->role != OR_ROLE_PARTNER;
    if (!b->la)
        b->nservices = web_partner_services(req->user->scope, b->services, OR_VIEW_SERVICES_MAX);
    list_init(&b->l, req, &spec);
    gov_choice *st = or_arena_alloc(req->arena, OR_REFERRAL__N * sizeof *st);
    for (int i = 0; st && i < OR_REFERRAL__N; i++)
        st[i] = (gov_choice){or_referral_status_key(i), or_referral_status_words(i), NULL};
    list_choices(&b->l, F_STATUS, st, st ? OR_REFERRAL__N : 0);
    /* the services this user may ask for: the LA every route; a partner its own */
    gov_choice *sv =
        or_arena_alloc(req->arena, (size_t)(or_referral_flows_count() + 1) * sizeof *sv);
    int nsv = 0;
    for (int i = 0; sv && i < or_referral_flows_count(); i++) {
        const or_referral_flow *fl = or_referral_flow_at(i);
        bool mine = b->la;
        for (int k = 0; k < b->nservices; k++)
            mine |= !strcmp(b->services[k], fl->service);
        if (mine)
            sv[nsv++] = (gov_choice){fl->service, fl->label, NULL};
    }
    list_choices(&b->l, F_SERVICE, sv, nsv);
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *sc);
    for (int i = 0; sc && i < b->snap->nschools; i++)
        sc[i] = (gov_choice){or_arena_printf(req->arena, "%d", b->snap->schools[i].urn),
                             b->snap->schools[i].name, NULL};
    list_choices(&b->l, F_SCHOOL, sc, sc ? b->snap->nschools : 0);
    list_read(&b->l);
    view_referral_filter flt = {list_text(&b->l, F_SERVICE), -1, atoi(list_text(&b->l, F_SCHOOL))};
    view_referral *all;
    int nall;
    if (view_referrals_list(req, b->snap, &flt, &all, &nall, &err)) {
        view_snapshot_put(b->snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referrals could not be listed.");
        return false;
    }
    /* the chosen status listed; the figures of every status from the dashboards' function */
    int want = or_referral_status_parse(list_text(&b->l, F_STATUS));
    b->rows = all;
    for (int i = 0; i < nall; i++)
        if (want < 0 || (int)all[i].status == want)
            b->rows[b->n++] = all[i];
    if (view_referral_counts(req, b->snap, flt.service, flt.urn, b->counts, &b->total, &err)) {
        view_snapshot_put(b->snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The referrals could not be counted.");
        return false;
    }
    sort_by s = {b->snap, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

static void figures(or_sb *out, const web_request *req, const inbox *b)
{
    const char *service = list_text(&b->l, F_SERVICE);
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    char buf[OR_REFERRAL__N + 1][32];
    view_figure f[OR_REFERRAL__N + 1];
    f[0] =
        (view_figure){or_fmt_int(b->total, buf[0]), "All referrals", href(req, "", service, urn)};
    for (int i = 0; i < OR_REFERRAL__N; i++)
        f[i + 1] = (view_figure){or_fmt_int(b->counts[i], buf[i + 1]), or_referral_status_words(i),
                                 href(req, or_referral_status_key(i), service, urn)};
    view_figures(out, f, OR_REFERRAL__N + 1);
}

static void row_html(or_sb *out, const web_request *req, const view_snapshot *snap,
                     const view_referral *w)
{
    char day[24];
    gov_table_row_start(out);
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/referrals/%d/%t\">"
                "%s<span class=\"govuk-visually-hidden\">: referral to the %s</span></a></td>\n",
                w->r->urn, w->r->event_id, w->p->name[0] ? w->p->name : w->p->upn,
                w->st.flow->label);
    gov_td(out, w->st.flow->label);
    view_td_school(out, req, snap, w->r->urn);
    gov_td(out, view_date(w->r->start, day));
    html_raw(out, "<td class=\"govuk-table__cell\">");
    const char *colour;
    const char *words = plan_status_words(&w->st, &colour);
    view_tag(out, words, colour);
    html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
    const or_referral_flow *fl = w->st.flow;
    int k = w->st.step + 1 < fl->nsteps ? w->st.step + 1 : w->st.step; /* a repeating last */
    if (w->next && k >= 0)
        html_printf(out, "%s", fl->steps[k].label);
    else
        html_raw(out, "None");
    html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
    if (w->next) {
        const char *c2;
        const char *w2 = view_duty_status(w->next->status, &c2);
        html_printf(out, "%s ",
                    w->next->due == OR_DATE_NONE ? "No fixed date" : view_date(w->next->due, day));
        view_tag(out, w2, c2);
    } else {
        html_raw(out, "None");
    }
    html_raw(out, "</td>\n");
    gov_table_row_end(out);
}

void page_referrals(const web_request *req, web_response *res)
{
    inbox b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    char detail[160];
    snprintf(detail, sizeof detail, "referrals: %d listed (status %s, service %s, school %s)",
             b.l.last - b.l.first, *list_text(&b.l, F_STATUS) ? list_text(&b.l, F_STATUS) : "any",
             *list_text(&b.l, F_SERVICE) ? list_text(&b.l, F_SERVICE) : "any",
             *list_text(&b.l, F_SCHOOL) ? list_text(&b.l, F_SCHOOL) : "any");
    /* the rows show each child's name, not the UPN the list's record finds (audit.c): name
     * them to the audit log here */
    int shown = b.l.last - b.l.first;
    const char **upns = or_arena_alloc(req->arena, ((size_t)shown + 1) * sizeof *upns);
    for (int i = 0; upns && i < shown; i++)
        upns[i] = b.rows[b.l.first + i].p->upn;
    if (!upns || web_audit(req, "referrals.view", NULL, detail) ||
        web_audit_upns(req, upns, shown)) {
        view_snapshot_put(b.snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the referrals cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Referrals");
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(b.snap->as_of, day));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Referrals</h1>\n");
    if (!b.la) {
        html_raw(out, "<p class=\"govuk-body\">The referrals made to ");
        for (int i = 0; i < b.nservices; i++)
            html_printf(out, "%s%s", i ? " and " : "the ",
                        or_referral_flow_find(b.services[i])->label);
        if (!b.nservices)
            html_raw(out, "your service");
        html_raw(out, ", and those ended in the last 30 days.</p>\n");
    }
    figures(out, req, &b);
    list_start(out, &b.l);
    if (list_table_start(out, &b.l)) {
        for (int i = b.l.first; i < b.l.last; i++)
            row_html(out, req, b.snap, &b.rows[i]);
        list_table_end(out, &b.l);
    }
    list_end(out, &b.l);
    gov_page_end(out, req);
    view_snapshot_put(b.snap);
}

void page_referrals_download(const web_request *req, web_response *res)
{
    inbox b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const view_referral *r = &b.rows[i];
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, r->p->upn);
        or_csv_text(&w, r->st.flow->service);
        or_csv_text(&w, view_school_name(b.snap, r->r->urn));
        or_csv_int(&w, r->r->urn);
        or_csv_date(&w, r->r->start);
        or_csv_text(&w, or_referral_status_key(r->status));
        or_csv_text(&w, r->next ? r->next->detail : "");
        or_csv_date(&w, r->next ? r->next->due : OR_DATE_NONE);
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}
