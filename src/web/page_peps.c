/* page_peps.c - GET /peps[?status=current|due|overdue|never&school=URN&place=none] : the
 * looked-after children and their Personal Education Plans; GET /peps/download : the same
 * selection as CSV. For the Virtual School, the looked-after children in its scope; for the LA,
 * every one (view_peps.c decides, for this page and any dashboard that counts them).
 *
 * Above the list, the children in each PEP status (held this term, due, overdue, never had a
 * PEP: they add up to the total) and those with no school place, each a link to the list of
 * exactly those. The list (list.h): filters by status, school (by name) and "no school place",
 * sorted on the server (never had a PEP and overdue first, by default), 25 to 100 a page. Each
 * row: the child, the school (or "No school place"), the status in words, when it is due, the
 * last PEP meeting and a link to record one (page_plan_new.c).
 *
 * The page names children: the audit log gets the read and every child on the page; the CSV
 * download its own "export" line (list.c), and the UPNs it holds (web_audit_listed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/list.h"
#include "web/view_lists.h"

enum { F_STATUS, F_SCHOOL, F_PLACE, F__N };
static const gov_choice places[] = {{"none", "No school place", NULL}};
static const list_filter filters[F__N] = {
    [F_STATUS] = {"status", "PEP status", NULL, LIST_SELECT, .any = "Every status"},
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "Every school"},
    [F_PLACE] = {"place", "School place", NULL, LIST_SELECT, .any = "Any", .choices = places,
                 .nchoices = 1},
};
enum { C_PUPIL, C_UPN, C_SCHOOL, C_URN, C_STATUS, C_DUE, C_LAST, C_ACTION, C__N };
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Child", "name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_STATUS] = {"status", "PEP this term", "status", LIST_SORT},
    [C_DUE] = {"due", "Due by", "due", LIST_SORT},
    [C_LAST] = {"last", "Last PEP meeting", "last_pep", LIST_SORT | LIST_DESC},
    [C_ACTION] = {NULL, "Action", NULL, 0},
};
static const list_spec spec = {"/peps",           "Looked-after children and their PEPs",
                               columns,           C__N,
                               filters,           F__N,
                               .sort = "status",  .csv_name = "onroll-peps",
                               .noun = "children"};

/* never and overdue first */
static const int rank[VIEW_PEP__N] = {
    [VIEW_PEP_NEVER] = 0, [VIEW_PEP_OVERDUE] = 1, [VIEW_PEP_DUE] = 2, [VIEW_PEP_CURRENT] = 3};

typedef struct {
    const view_snapshot *snap;
    int col;
    bool desc;
} sort_by;

static const char *school_of(const view_snapshot *snap, const view_pep *w)
{
    return w->no_place ? "" : view_school_name(snap, w->p->urn);
}

static int dates(or_date a, or_date b)
{
    if (a == b)
        return 0;
    return a == OR_DATE_NONE ? 1 : b == OR_DATE_NONE ? -1 : a < b ? -1 : 1;
}

static int by_column(const void *x, const void *y, void *ctx)
{
    const view_pep *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_PUPIL:
        c = strcasecmp(a->p->name, b->p->name);
        break;
    case C_SCHOOL:
        c = strcmp(school_of(s->snap, a), school_of(s->snap, b));
        break;
    case C_DUE:
        c = dates(a->due, b->due);
        break;
    case C_LAST:
        c = dates(a->last ? a->last->start : OR_DATE_NONE, b->last ? b->last->start : OR_DATE_NONE);
        break;
    default:
        c = rank[a->status] - rank[b->status];
        if (!c)
            c = dates(a->due, b->due);
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = strcasecmp(a->p->name, b->p->name);
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

typedef struct {
    list l;
    view_snapshot *snap;
    view_pep *rows;
    int n;
    int counts[VIEW_PEP__N], no_place, total; /* of the school chosen */
} peps;

static bool load(const web_request *req, web_response *res, peps *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Personal Education Plans could not be listed. Try again later.");
        return false;
    }
    list_init(&b->l, req, &spec);
    gov_choice *st = or_arena_alloc(req->arena, VIEW_PEP__N * sizeof *st);
    for (int i = 0; st && i < VIEW_PEP__N; i++)
        st[i] = (gov_choice){view_pep_key(i), view_pep_words(i), NULL};
    list_choices(&b->l, F_STATUS, st, st ? VIEW_PEP__N : 0);
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *sc);
    for (int i = 0; sc && i < b->snap->nschools; i++)
        sc[i] = (gov_choice){or_arena_printf(req->arena, "%d", b->snap->schools[i].urn),
                             b->snap->schools[i].name, NULL};
    list_choices(&b->l, F_SCHOOL, sc, sc ? b->snap->nschools : 0);
    list_read(&b->l);
    view_pep *all;
    int nall;
    if (view_peps_list(req, b->snap, &all, &nall, &err)) {
        view_snapshot_put(b->snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Personal Education Plans could not be listed.");
        return false;
    }
    int urn = atoi(list_text(&b->l, F_SCHOOL)), want = view_pep_parse(list_text(&b->l, F_STATUS));
    bool none = list_has(&b->l, F_PLACE, "none");
    b->rows = all;
    for (int i = 0; i < nall; i++) {
        const view_pep *w = &all[i];
        if (urn && (w->no_place || w->p->urn != urn))
            continue;
        b->counts[w->status]++; /* the figures: the school chosen, every status and place */
        b->no_place += w->no_place;
        b->total++;
        if ((want < 0 || (int)w->status == want) && (!none || w->no_place))
            b->rows[b->n++] = *w;
    }
    sort_by s = {b->snap, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

/* A link to the list with these filters. */
static const char *href(const web_request *req, const char *status, bool none, int urn)
{
    return or_arena_printf(
        req->arena, "/peps%s%s%s%s%s", *status || none || urn ? "?" : "", *status ? "status=" : "",
        status, none ? (*status ? "&place=none" : "place=none") : "",
        urn ? or_arena_printf(req->arena, "%sschool=%d", *status || none ? "&" : "", urn) : "");
}

static void figures(or_sb *out, const web_request *req, const peps *b)
{
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    char buf[VIEW_PEP__N + 2][32];
    view_figure f[VIEW_PEP__N + 2];
    f[0] = (view_figure){or_fmt_int(b->total, buf[0]), "Looked-after children",
                         href(req, "", false, urn)};
    static const view_pep_status order[VIEW_PEP__N] = {VIEW_PEP_CURRENT, VIEW_PEP_DUE,
                                                       VIEW_PEP_OVERDUE, VIEW_PEP_NEVER};
    for (int i = 0; i < VIEW_PEP__N; i++)
        f[i + 1] =
            (view_figure){or_fmt_int(b->counts[order[i]], buf[i + 1]), view_pep_words(order[i]),
                          href(req, view_pep_key(order[i]), false, urn)};
    f[VIEW_PEP__N + 1] = (view_figure){or_fmt_int(b->no_place, buf[VIEW_PEP__N + 1]),
                                       "No school place", href(req, "", true, urn)};
    view_figures(out, f, VIEW_PEP__N + 2);
    html_raw(out, "<p class=\"govuk-body\">The four PEP statuses add up to the looked-after "
                  "children. Those with no school place are counted in their status too.</p>\n");
}

static const char *colour_of(view_pep_status s)
{
    static const char *const c[VIEW_PEP__N] = {[VIEW_PEP_CURRENT] = "green",
                                               [VIEW_PEP_DUE] = "yellow",
                                               [VIEW_PEP_OVERDUE] = "red",
                                               [VIEW_PEP_NEVER] = "purple"};
    return c[s];
}

static void row_html(or_sb *out, const web_request *req, const view_snapshot *snap,
                     const view_pep *w)
{
    char day[24];
    const char *name = w->p->name[0] ? w->p->name : w->p->upn;
    gov_table_row_start(out);
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                "href=\"/pupils/%t/plans#pep\">%s</a></td>\n",
                w->p->upn, name);
    if (w->no_place)
        html_raw(out, "<td class=\"govuk-table__cell\"><strong class=\"govuk-tag "
                      "govuk-tag--orange\">No school place</strong></td>\n");
    else
        view_td_school(out, req, snap, w->p->urn);
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_tag(out, view_pep_words(w->status), colour_of(w->status));
    html_raw(out, "</td>\n");
    gov_td(out,
           w->due != OR_DATE_NONE && w->status != VIEW_PEP_CURRENT ? view_date(w->due, day) : "");
    gov_td(out, w->last ? view_date(w->last->start, day) : "None recorded");
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                "href=\"/pupils/%t/plans/new?kind=pep\">Record a PEP<span "
                "class=\"govuk-visually-hidden\"> for %s</span></a></td>\n",
                w->p->upn, name);
    gov_table_row_end(out);
}

void page_peps(const web_request *req, web_response *res)
{
    peps b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    char detail[128];
    snprintf(detail, sizeof detail, "PEPs: %d looked-after children listed (of %d)",
             b.l.last - b.l.first, b.n);
    if (web_audit(req, "peps.view", NULL, detail)) {
        view_snapshot_put(b.snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the list cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Personal Education Plans");
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(b.snap->as_of, day));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Personal Education Plans</h1>\n");
    html_raw(out, "<p class=\"govuk-body\">Every looked-after child has a Personal Education "
                  "Plan meeting with the Virtual School every term.</p>\n");
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

void page_peps_download(const web_request *req, web_response *res)
{
    peps b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const view_pep *r = &b.rows[i];
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, r->p->upn);
        or_csv_text(&w, school_of(b.snap, r));
        if (r->no_place)
            or_csv_text(&w, "");
        else
            or_csv_int(&w, r->p->urn);
        or_csv_text(&w, view_pep_key(r->status));
        or_csv_date(&w, r->due);
        or_csv_date(&w, r->last ? r->last->start : OR_DATE_NONE);
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}
