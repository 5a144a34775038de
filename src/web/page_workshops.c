/* page_workshops.c - the workshops a user runs or has joined (issue 19 part 1):
 *
 *   GET  /workshops[?scope=S&mode=M]  on the list engine (list.h): date, title, scope, series,
 *        mode, participants; filtered, paged, sorted. LA roles see every workshop of the LA; a
 *        school those of its own school and those its staff run or joined. A guest (no
 *        account, a workshop's cookie) is sent to their own workshop;
 *   GET  /workshops/download          the same selection as CSV;
 *   GET, POST /workshops/new          a new workshop (the form engine, form.h): its title,
 *        scope, school, series, date and mode; the one who creates it runs it. LA officers and
 *        school staff. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "onroll/labels.h"
#include "web/form.h"
#include "web/list.h"
#include "web/view.h"
#include "web/workshop_web.h"

static gov_choice *choices_of(const web_request *req, const or_ws_term *vocab, int *n)
{
    int k = 0;
    while (vocab[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)k);
    for (int i = 0; i < k; i++)
        c[i] = (gov_choice){vocab[i].code, vocab[i].label, vocab[i].hint};
    *n = k;
    return c;
}

static const char *label_of(const or_ws_term *vocab, const char *code)
{
    const char *l = or_ws_label(vocab, code);
    return l ? l : code;
}

/* ---- the list ---- */

enum { F_SCOPE, F_MODE, F__NF };
static const list_filter filters[F__NF] = {
    [F_SCOPE] = {"scope", "Scope", NULL, LIST_SELECT, .any = "Every scope"},
    [F_MODE] = {"mode", "Mode", NULL, LIST_SELECT, .any = "Every mode"},
};
enum { C_ON, C_TITLE, C_SCOPE, C_SERIES, C_MODE, C_SCHOOL, C__N };
static const list_column columns[C__N] = {
    [C_ON] = {"date", "Date", "date", LIST_SORT | LIST_DESC},
    [C_TITLE] = {"title", "Workshop", "title", LIST_SORT},
    [C_SCOPE] = {"scope", "Scope", "scope", LIST_SORT},
    [C_SERIES] = {"series", "Series", "series", LIST_SORT},
    [C_MODE] = {NULL, NULL, "mode", 0},
    [C_SCHOOL] = {NULL, NULL, "urn", 0},
};

typedef struct {
    list l;
    or_workshop *rows;
    int nrows;
} wlist;

typedef struct {
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const or_workshop *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_TITLE:
        c = strcasecmp(a->title, b->title);
        break;
    case C_SCOPE:
        c = strcmp(label_of(or_ws_scopes, a->scope), label_of(or_ws_scopes, b->scope));
        break;
    case C_SERIES:
        c = strcasecmp(a->series, b->series);
        break;
    default:
        c = a->held_on < b->held_on ? -1 : a->held_on > b->held_on;
        break;
    }
    if (s->desc)
        c = -c;
    return c ? c : (a->id < b->id ? 1 : a->id > b->id ? -1 : 0);
}

/* May the signed-in user see this workshop in the list? */
static bool listed(const web_request *req, const or_workshop *w, const int64_t *joined, int nj)
{
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER)
        return true;
    if (!strcasecmp(w->facilitator, req->user->email))
        return true;
    for (int i = 0; i < nj; i++)
        if (joined[i] == w->id)
            return true;
    return req->user->role == OR_ROLE_SCHOOL && w->urn && w->urn == web_user_school(req);
}

static bool load(const web_request *req, web_response *res, wlist *t)
{
    memset(t, 0, sizeof *t);
    list_spec *spec = or_arena_alloc(req->arena, sizeof *spec);
    *spec = (list_spec){"/workshops",
                        "Workshops",
                        columns,
                        C__N,
                        filters,
                        F__NF,
                        .sort = "date",
                        .desc = true,
                        .csv_name = "onroll-workshops",
                        .noun = "workshops"};
    list_init(&t->l, req, spec);
    int n;
    gov_choice *c = choices_of(req, or_ws_scopes, &n);
    list_choices(&t->l, F_SCOPE, c, n);
    c = choices_of(req, or_ws_modes, &n);
    list_choices(&t->l, F_MODE, c, n);
    list_read(&t->l);
    or_workshop *all = NULL;
    int nall = 0, nj = 0;
    int64_t *joined = NULL;
    or_error err = {0};
    if (or_workshop_list(req->store, req->arena, &all, &nall, &err) ||
        or_workshop_joined(req->store, req->user->email, req->arena, &joined, &nj, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The workshops could not be read.");
        return false;
    }
    t->rows = all;
    for (int i = 0; i < nall; i++) {
        if (!listed(req, &all[i], joined, nj))
            continue;
        if (list_set(&t->l, F_SCOPE) && !list_has(&t->l, F_SCOPE, all[i].scope))
            continue;
        if (list_set(&t->l, F_MODE) && !list_has(&t->l, F_MODE, all[i].mode))
            continue;
        t->rows[t->nrows++] = all[i];
    }
    sort_by s = {list_sort(&t->l), list_desc(&t->l)};
    if (t->nrows > 1) /* qsort_r of no rows would be handed a null pointer */
        qsort_r(t->rows, (size_t)t->nrows, sizeof *t->rows, by_column, &s);
    return true;
}

void page_workshops(const web_request *req, web_response *res)
{
    if (!req->user) { /* a guest: their own workshop, if the cookie still opens one */
        int64_t ws = 0, pid = 0, joined = 0;
        bool found = false;
        or_error err = {0};
        if (req->ws_guest &&
            !or_ws_guest(req->store, req->ws_guest, &ws, &pid, &joined, &found, &err) && found &&
            req->now - joined < req->cfg->session_max)
            web_redirect(req, res, or_arena_printf(req->arena, "/workshops/%lld", (long long)ws));
        else
            ws_sign_in_page(req, res, "/workshops");
        return;
    }
    wlist t;
    if (!load(req, res, &t))
        return;
    list_paginate(&t.l, t.nrows);
    or_sb *out = &res->body;
    gov_page_start(out, req, "Workshops");
    html_raw(out, "<h1 class=\"govuk-heading-l\">Workshops</h1>\n"
                  "<p class=\"govuk-body\">Workshops look at the system together with the "
                  "toolkit's tools: the system-players map, the iceberg, energy for change and a "
                  "theory of change. Each participant drafts alone, then the facilitator reveals "
                  "everyone's answers. Sessions in the same series, for example with the pupil "
                  "council, parents and staff, are compared side by side in the report.</p>\n");
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER ||
        req->user->role == OR_ROLE_SCHOOL)
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-button\" "
                      "href=\"/workshops/new\">Plan a workshop</a></p>\n");
    list_start(out, &t.l);
    char day[24];
    if (list_table_start(out, &t.l)) {
        for (int i = t.l.first; i < t.l.last; i++) {
            const or_workshop *x = &t.rows[i];
            gov_table_row_start(out);
            gov_td(out, view_date(x->held_on, day));
            gov_td_link(out, or_arena_printf(req->arena, "/workshops/%lld", (long long)x->id),
                        x->title);
            gov_td(out, label_of(or_ws_scopes, x->scope));
            gov_td(out, x->series[0] ? x->series : "None");
            gov_table_row_end(out);
        }
        list_table_end(out, &t.l);
    }
    list_end(out, &t.l);
    gov_page_end(out, req);
}

void page_workshops_download(const web_request *req, web_response *res)
{
    wlist t;
    if (!load(req, res, &t))
        return;
    or_csv w;
    if (!list_csv_start(&t.l, res, &w, t.nrows))
        return;
    for (int i = 0; i < t.nrows; i++) {
        const or_workshop *x = &t.rows[i];
        or_csv_date(&w, x->held_on);
        or_csv_text(&w, x->title);
        or_csv_text(&w, x->scope);
        or_csv_text(&w, x->series);
        or_csv_text(&w, x->mode);
        if (x->urn)
            or_csv_int(&w, x->urn);
        else
            or_csv_text(&w, "");
        or_csv_end_row(&w);
    }
}

/* ---- plan a workshop ---- */

enum { N_TITLE, N_SCOPE, N_SCHOOL, N_SERIES, N_ON, N_MODE, N__N };
static const form_field fields[N__N] = {
    [N_TITLE] = {"title", "Title", "For example, Inclusion in our borough: staff session",
                 FORM_TEXT, FORM_REQUIRED, .noun = "title", .max = 200},
    [N_SCOPE] = {"scope", "Who takes part", NULL, FORM_RADIOS, FORM_REQUIRED,
                 .missing = "Select who takes part"},
    [N_SCHOOL] = {"urn", "School (optional)", "When the workshop is about one school", FORM_SELECT,
                  0, .noun = "school"},
    [N_SERIES] = {"series", "Series (optional)",
                  "A name shared by sessions to compare side by side, for example Inclusion 2027",
                  FORM_TEXT, 0, .noun = "series", .max = 100},
    [N_ON] = {"held_on", "Date", "For example, 8 12 2026", FORM_DATE, FORM_REQUIRED,
              .noun = "date of the workshop"},
    [N_MODE] = {"mode", "How it is held", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL,
                .missing = "Select how the workshop is held"},
};

static void new_form(const web_request *req, form *f, view_snapshot *snap)
{
    form_init(f, req, fields, N__N);
    int n;
    f->fields[N_SCOPE].choices = choices_of(req, or_ws_scopes, &n);
    f->fields[N_SCOPE].nchoices = n;
    f->fields[N_MODE].choices = choices_of(req, or_ws_modes, &n);
    f->fields[N_MODE].nchoices = n;
    int own = web_user_school(req);
    gov_choice *sc = or_arena_alloc(req->arena, sizeof *sc * (size_t)(snap->nschools + 2));
    int ns = 0;
    for (int i = 0; i < snap->nschools; i++)
        if (!own || snap->schools[i].urn == own)
            sc[ns++] = (gov_choice){or_arena_printf(req->arena, "%d", snap->schools[i].urn),
                                    snap->schools[i].name, NULL};
    if (ns > 1)
        qsort(sc, (size_t)ns, sizeof *sc, gov_choice_cmp);
    if (!own) { /* the LA: no school is a choice, first */
        memmove(sc + 1, sc, sizeof *sc * (size_t)ns);
        sc[0] = (gov_choice){"", "No one school", NULL};
        ns++;
    }
    f->fields[N_SCHOOL].choices = sc;
    f->fields[N_SCHOOL].nchoices = ns;
    if (own)
        f->fields[N_SCHOOL].label = "School";
    form_read(f);
    if (own && !f->posted)
        form_set(f, N_SCHOOL, sc[0].value);
}

static void new_show(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Plan a workshop", "/workshops", "Back to workshops", "Workshops");
    form_start(out, f, "/workshops/new");
    form_fields_html(out, f, 0, N__N);
    form_page_end(out, f, res, "Plan the workshop", NULL);
}

static void new_get(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    new_show(&f, res);
}

void page_workshop_new(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_get);
}

static void new_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    form_validate(&f);
    int urn = atoi(form_text(&f, N_SCHOOL));
    int own = web_user_school(req);
    if (own && urn != own)
        form_error(&f, N_SCHOOL, "Select your school");
    else if (urn && !web_can_see_school(req, urn))
        form_error(&f, N_SCHOOL, "Select a school of the local authority");
    if (f.nerrors) {
        form_errors_in_order(&f);
        new_show(&f, res);
        return;
    }
    or_workshop w = {0};
    w.title = form_text(&f, N_TITLE);
    w.scope = form_text(&f, N_SCOPE);
    w.urn = urn;
    w.series = form_text(&f, N_SERIES);
    or_date_parse(form_text(&f, N_ON), &w.held_on);
    w.mode = form_text(&f, N_MODE);
    w.facilitator = req->user->email;
    or_error err = {0};
    int64_t id = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_workshop_add(req->store, &w, req->user->email, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld planned: %s (%s, %s)",
                                       (long long)id, w.title, w.scope, form_text(&f, N_ON)))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The workshop could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/workshops/%lld?planned=1", (long long)id));
}

void page_workshop_new_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_post);
}
