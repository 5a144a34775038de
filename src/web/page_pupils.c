/* page_pupils.c - GET /pupils[?q=TEXT&school=URN&year=N&risk=1] : the pupils in the user's
 * scope, searched by name or UPN, by school (chosen by name), by year group, and narrowed to the
 * children at risk, on the list engine (list.h: sorted on the server, 25 to 100 a page); and
 * GET /pupils/download : the same selection as CSV (list.c writes the "export" line; the UPNs
 * it holds go on the record as read, web_audit_listed). Every role that may open a pupil's
 * record may use it (not the analyst); the list is view_scope_pupils's: each pupil confirmed
 * by scope.c, so no filter can reach beyond it. A search is written to the audit log (what was
 * asked, how many were listed) before the list is shown.
 *
 * With ?assign=ID (an entry of the interventions directory, from its "Assign to a pupil"), for
 * those who record: the same search, to choose the pupil; each name then leads to the pupil's
 * interventions page with that entry chosen (page_pupil_interventions.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/interventions.h"
#include "onroll/store_interventions.h"
#include "onroll/upn.h"
#include "web/list.h"
#include "web/view.h"

enum { QUERY_MAX = 100 };

/* F_ASSIGN only when choosing a pupil for an intervention (spec_assign) */
enum { F_Q, F_SCHOOL, F_YEAR, F_RISK, F__N, F_ASSIGN = F__N, F__ALL };
static const gov_choice years[] = {
    {"N1", "Nursery 1", NULL}, {"N2", "Nursery 2", NULL}, {"R", "Reception", NULL},
    {"1", "Year 1", NULL},     {"2", "Year 2", NULL},     {"3", "Year 3", NULL},
    {"4", "Year 4", NULL},     {"5", "Year 5", NULL},     {"6", "Year 6", NULL},
    {"7", "Year 7", NULL},     {"8", "Year 8", NULL},     {"9", "Year 9", NULL},
    {"10", "Year 10", NULL},   {"11", "Year 11", NULL},   {"12", "Year 12", NULL},
    {"13", "Year 13", NULL},   {"14", "Year 14", NULL},
};
static const gov_choice risky[] = {{"1", "Only children with a risk indicator", NULL}};
static const list_filter filters[F__ALL] = {
    [F_Q] = {"q", "Name or UPN", NULL, LIST_TEXT},
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "Every school"},
    [F_YEAR] = {"year", "Year group", NULL, LIST_SELECT, .any = "Every year group",
                .choices = years, .nchoices = (int)(sizeof years / sizeof years[0])},
    [F_RISK] = {"risk", "Risk", NULL, LIST_CHECKBOXES, .choices = risky, .nchoices = 1},
    [F_ASSIGN] = {"assign", "Intervention to assign", NULL, LIST_SELECT, .any = "None"},
};
enum { C_NAME, C_UPN, C_YEAR, C_SCHOOL, C_URN, C_FLAGS, C_OVERDUE, C__N };
static const list_column columns[C__N] = {
    [C_NAME] = {"name", "Name", "name", LIST_SORT},
    [C_UPN] = {"upn", "UPN", "upn", LIST_SORT},
    [C_YEAR] = {"year", "Year group", "year_group", LIST_SORT},
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_FLAGS] = {"risk", "Risk indicators", "risk_indicators",
                 LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_OVERDUE] = {"overdue", "Duties overdue", "duties_overdue",
                   LIST_SORT | LIST_DESC | LIST_NUMERIC},
};
static const list_spec spec = {
    "/pupils",       "Pupils", columns,        C__N,
    filters,         F__N,     .sort = "name", .csv_name = "onroll-pupils",
    .noun = "pupils"};
static const list_spec spec_assign = {
    "/pupils",       "Pupils", columns,        C__N,
    filters,         F__ALL,   .sort = "name", .csv_name = "onroll-pupils",
    .noun = "pupils"};

/* Does haystack contain needle, ignoring ASCII case? */
static bool contains(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return true;
    for (const char *h = haystack; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* by surname (the last word), then the whole name, then the UPN */
static int by_surname(const view_pupil *a, const view_pupil *b)
{
    const char *sa = strrchr(a->name, ' '), *sb = strrchr(b->name, ' ');
    int c = strcasecmp(sa ? sa + 1 : a->name, sb ? sb + 1 : b->name);
    if (!c)
        c = strcasecmp(a->name, b->name);
    return c ? c : strcmp(a->upn, b->upn);
}

static int year_rank(const char *y)
{
    if (!*y)
        return 99;
    if (y[0] == 'N')
        return -3 + atoi(y + 1);
    if (y[0] == 'R')
        return 0;
    return atoi(y);
}

typedef struct {
    const view_snapshot *snap;
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_UPN:
        c = strcmp(a->upn, b->upn);
        break;
    case C_YEAR:
        c = year_rank(a->year_group) - year_rank(b->year_group);
        break;
    case C_SCHOOL:
        c = strcmp(view_school_name(s->snap, a->urn), view_school_name(s->snap, b->urn));
        break;
    case C_FLAGS:
        c = a->nflags - b->nflags;
        break;
    case C_OVERDUE:
        c = a->overdue - b->overdue;
        break;
    default:
        break;
    }
    if (s->desc)
        c = -c;
    return c ? c : by_surname(a, b);
}

typedef struct {
    list l;
    view_snapshot *snap;
    const view_pupil **rows;
    int n, nscope;
    or_intervention iv;
    bool assigning;
    gov_error errs[1];
    int nerrs;
} search;

static bool load(const web_request *req, web_response *res, search *b)
{
    memset(b, 0, sizeof *b);
    /* choosing a pupil for an intervention of the directory (those who record only) */
    const char *assign = web_query(req, "assign");
    bool listed = false;
    if (*assign && (WEB_RECORD_ROLES & WEB_R(req->user->role)) && or_iv_id_ok(assign)) {
        or_error e = {0};
        b->assigning = !or_iv_get(req->store, assign, req->arena, &b->iv, &listed, &e) && listed &&
                       b->iv.active;
    }
    or_error err = {0};
    const view_pupil *const *scope = NULL;
    if (view_snapshot_get(req, &b->snap, &err) ||
        view_scope_pupils(req, b->snap, &scope, &b->nscope, &err)) {
        if (b->snap)
            view_snapshot_put(b->snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupils could not be listed. Try again later.");
        return false;
    }
    list_init(&b->l, req, b->assigning ? &spec_assign : &spec);
    if (b->assigning) {
        gov_choice *iv = or_arena_alloc(req->arena, sizeof *iv);
        if (iv)
            *iv = (gov_choice){b->iv.id, b->iv.name, NULL};
        list_choices(&b->l, F_ASSIGN, iv, iv ? 1 : 0);
    }
    /* the schools to choose from, by name: the LA every school; others those of their pupils */
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *sc);
    int nsc = 0;
    for (int i = 0; sc && i < b->snap->nschools; i++) {
        int urn = b->snap->schools[i].urn;
        bool have = la, school = req->user->role == OR_ROLE_SCHOOL;
        if (school) /* its own: where a pupil who left went is not its to know */
            have = urn == web_user_school(req);
        for (int k = 0; !have && !school && k < b->nscope; k++)
            have = scope[k]->urn == urn;
        if (have)
            sc[nsc++] = (gov_choice){or_arena_printf(req->arena, "%d", urn),
                                     b->snap->schools[i].name, NULL};
    }
    list_choices(&b->l, F_SCHOOL, sc, nsc);
    list_read(&b->l);
    const char *q = list_text(&b->l, F_Q), *year = list_text(&b->l, F_YEAR);
    if (strlen(q) > QUERY_MAX)
        b->errs[b->nerrs++] = (gov_error){"q", "Enter 100 characters or fewer"};
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    bool risk = list_has(&b->l, F_RISK, "1");
    b->rows = or_arena_alloc(req->arena, ((size_t)b->nscope + 1) * sizeof *b->rows);
    for (int i = 0; b->rows && !b->nerrs && i < b->nscope; i++) {
        const view_pupil *p = scope[i];
        if ((urn && p->urn != urn) || (risk && !p->nflags) ||
            (*year && strcmp(p->year_group, year)) ||
            (*q && !contains(p->name, q) && !contains(p->upn, q)))
            continue;
        b->rows[b->n++] = p;
    }
    sort_by s = {b->snap, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

/* May this user see where the pupil is and what others recorded (a school: not of a pupil who
 * has left it)? */
static bool whole(const web_request *req, const view_snapshot *snap, const view_pupil *p)
{
    int mine = web_user_school(req);
    return !mine || or_view_school(p->f, mine, snap->as_of, or_model_params(snap->model)).kind ==
                        OR_VIEW_WHOLE;
}

static void row_html(or_sb *out, const web_request *req, const search *b, const view_pupil *p)
{
    const char *name = p->name[0] ? p->name : p->upn;
    gov_table_row_start(out);
    if (b->assigning)
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/pupils/%t/interventions?intervention=%t#assign\">%s<span "
                    "class=\"govuk-visually-hidden\">: assign %s</span></a></td>\n",
                    p->upn, b->iv.id, name, b->iv.name);
    else
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/pupils/%t\">%s</a></td>\n",
                    p->upn, name);
    gov_td(out, p->upn);
    gov_td(out, p->year_words[0] ? p->year_words : "Not recorded");
    if (!whole(req, b->snap, p)) {
        /* a pupil who has left the school: not where they went, nor what others recorded */
        gov_td(out, "Left your school");
        html_raw(out,
                 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not shown</td>\n"
                 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not shown</td>\n");
    } else {
        view_td_school(out, req, b->snap, p->urn);
        list_td_num(out, p->nflags);
        list_td_num(out, p->overdue);
    }
    gov_table_row_end(out);
}

void page_pupils(const web_request *req, web_response *res)
{
    search b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    if (!b.nerrs) {
        char detail[300];
        snprintf(detail, sizeof detail, "q=%.100s school=%.6s year=%.4s risk=%d page=%d: %d listed",
                 list_text(&b.l, F_Q), list_text(&b.l, F_SCHOOL), list_text(&b.l, F_YEAR),
                 list_has(&b.l, F_RISK, "1"), b.l.page, b.l.last - b.l.first);
        if (web_audit(req, "pupils.search", NULL, detail)) {
            view_snapshot_put(b.snap);
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The audit log could not be written, so the list cannot be shown.");
            return;
        }
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, b.nerrs ? "Error: Pupils" : "Pupils");
    gov_error_summary(out, b.errs, b.nerrs);
    if (b.assigning)
        gov_notification(out, "Assign an intervention",
                         or_arena_printf(req->arena,
                                         "Choose the pupil to assign \"%s\" to: search, then "
                                         "select their name.",
                                         b.iv.name),
                         false);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Pupils</h1>\n");
    char n[32];
    html_printf(out, "<p class=\"govuk-body\">The %s %s you can see.</p>\n",
                or_fmt_int(b.nscope, n), b.nscope == 1 ? "pupil" : "pupils");
    list_start(out, &b.l);
    if (b.nerrs) {
        res->status = 400;
    } else if (list_table_start(out, &b.l)) {
        for (int i = b.l.first; i < b.l.last; i++)
            row_html(out, req, &b, b.rows[i]);
        list_table_end(out, &b.l);
    }
    list_end(out, &b.l);
    gov_page_end(out, req);
    view_snapshot_put(b.snap);
}

void page_pupils_download(const web_request *req, web_response *res)
{
    search b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const view_pupil *p = b.rows[i];
        bool all = whole(req, b.snap, p);
        or_csv_text(&w, p->name);
        or_csv_text(&w, p->upn);
        or_csv_text(&w, p->year_group);
        or_csv_text(&w, !all ? "Left your school" : p->urn ? view_school_name(b.snap, p->urn) : "");
        if (all && p->urn)
            or_csv_int(&w, p->urn);
        else
            or_csv_text(&w, "");
        if (all) {
            or_csv_int(&w, p->nflags);
            or_csv_int(&w, p->overdue);
        } else {
            or_csv_text(&w, "");
            or_csv_text(&w, "");
        }
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}
