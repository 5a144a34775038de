/* page_toc.c - theories of change (issue 19 part 6; toc.h, store_toc.h):
 *
 *   GET       /theories             the list (list engine): the LA's and every school's for the
 *                                   LA and the analyst, a school's own for the school
 *   GET       /theories/download    the same selection as CSV
 *   GET, POST /theories/new         start one: its title, its owner, its first aim
 *   GET       /theories/{id}        the five components side by side (one column when narrow),
 *                                   each item with what it feeds, the guardrails, indicators
 *   GET       /theories/{id}/download  the theory as CSV: one row per item, link, indicator
 *
 * The items, links and indicators are added on page_toc_items.c; an indicator's chart is
 * page_toc_indicator.c. Who: routes.c and toc_can_see / toc_can_edit. */
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/store_workshops.h"
#include "web/form.h"
#include "web/list.h"
#include "web/toc_web.h"
#include "web/view.h"

/* ---- shared (toc_web.h) ---- */

static bool la_role(const web_request *req)
{
    return req->user &&
           (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER);
}

bool toc_can_see(const web_request *req, int owner_urn)
{
    if (!req->user)
        return false;
    if (la_role(req) || req->user->role == OR_ROLE_ANALYST)
        return true;
    return req->user->role == OR_ROLE_SCHOOL && owner_urn && web_user_school(req) == owner_urn;
}

bool toc_can_edit(const web_request *req, int owner_urn)
{
    if (!req->user)
        return false;
    if (la_role(req))
        return true;
    return req->user->role == OR_ROLE_SCHOOL && owner_urn && web_user_school(req) == owner_urn;
}

bool toc_unsuppressed(const web_request *req)
{
    return req->user && req->user->role != OR_ROLE_ANALYST;
}

const char *toc_owner_label(const web_request *req, int owner_urn)
{
    return owner_urn ? view_school_label(req, owner_urn) : "The local authority";
}

const char *toc_year_label(const web_request *req, int ay)
{
    return or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
}

const toc_group toc_groups[] = {
    {"sex", "F", "Girls"},
    {"sex", "M", "Boys"},
    {"fsm", "1", "Pupils eligible for free school meals"},
    {"fsm", "0", "Pupils not eligible for free school meals"},
    {"sen", "K", "Pupils with SEN support"},
    {"sen", "E", "Pupils with an education, health and care plan"},
    {"sen", "N", "Pupils with no special educational needs"},
    {"cla", "1", "Looked-after children"},
    {"cin", "1", "Children in need"},
    {"social_worker", "1", "Pupils with a social worker"},
    {"eal", "1", "Pupils with English as an additional language"},
    {NULL, NULL, NULL},
};

const toc_group *toc_group_find(const char *dim, const char *code)
{
    for (const toc_group *g = toc_groups; dim && code && g->dim; g++)
        if (!strcmp(g->dim, dim) && !strcmp(g->code, code))
            return g;
    return NULL;
}

const char *toc_cohort_words(const web_request *req, const or_toc_indicator *x)
{
    const toc_group *g = toc_group_find(x->dim, x->dim_value);
    const char *who = g ? g->label : "Pupils";
    const char *yg = "";
    if (x->year_group && *x->year_group) {
        const char *l = or_label_year_group(x->year_group);
        yg = or_arena_printf(req->arena, " in %s", l ? l : x->year_group);
    }
    const char *where = x->urn
                            ? or_arena_printf(req->arena, " at %s", view_school_label(req, x->urn))
                            : " across the local authority";
    return or_arena_printf(req->arena, "%s%s%s", who, yg, where);
}

const or_toc_item *toc_item_by_id(const toc_page *p, long long id)
{
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].id == id)
            return &p->items[i];
    return NULL;
}

static void not_found(const web_request *req, web_response *res)
{
    web_error(req, res, 404, "Page not found",
              "If you typed the web address, check it is correct.");
}

bool toc_load(const web_request *req, web_response *res, bool edit, toc_page *p)
{
    memset(p, 0, sizeof *p);
    const char *text = web_path(req, "id");
    char *end = NULL;
    long long id = text ? strtoll(text, &end, 10) : 0;
    if (!text || !*text || !end || *end || id <= 0) {
        not_found(req, res);
        return false;
    }
    or_error err = {0};
    or_code rc = or_toc_get(req->store, id, req->arena, &p->t, &err);
    if (rc == OR_ENOTFOUND || (!rc && !toc_can_see(req, p->t.owner_urn)) ||
        (!rc && edit && !toc_can_edit(req, p->t.owner_urn))) {
        if (!rc)
            web_audit(req, "denied", NULL,
                      or_arena_printf(req->arena, "theory of change %lld", id));
        not_found(req, res);
        return false;
    }
    if (!rc)
        rc = or_toc_items(req->store, id, req->arena, &p->items, &p->nitems, &err);
    if (!rc)
        rc = or_toc_links(req->store, id, req->arena, &p->links, &p->nlinks, &err);
    if (!rc)
        rc = or_toc_indicators(req->store, id, req->arena, &p->ind, &p->nind, &err);
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The theory of change could not be read.");
        return false;
    }
    p->owner = toc_owner_label(req, p->t.owner_urn);
    if (p->t.workshop_id) {
        or_workshop w;
        bool found = false;
        if (!or_workshop_get(req->store, p->t.workshop_id, req->arena, &w, &found, &err) && found)
            p->workshop = w.title;
    }
    p->can_edit = toc_can_edit(req, p->t.owner_urn);
    return true;
}

/* ---- the list ---- */

enum { L_OWNER, L__N };
static const list_filter filters[L__N] = {
    [L_OWNER] = {"owner", "Owner", NULL, LIST_SELECT, .any = "Every owner"},
};
enum { C_TITLE, C_OWNER, C_ITEMS, C_CREATED, C__N };
static const list_column columns[C__N] = {
    [C_TITLE] = {"title", "Theory of change", "title", LIST_SORT},
    [C_OWNER] = {"owner", "Owner", "owner", LIST_SORT},
    [C_ITEMS] = {"items", "Items", "items", LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_CREATED] = {"created", "Started", "created_at", LIST_SORT | LIST_DESC},
};

typedef struct {
    list l;
    or_toc *rows;
    const char **owner;
    int n;
} tlist;

typedef struct {
    int col;
    bool desc;
    const tlist *t;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const or_toc *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_TITLE:
        c = strcasecmp(a->title, b->title);
        break;
    case C_OWNER:
        c = a->owner_urn - b->owner_urn;
        break;
    case C_ITEMS:
        c = a->nitems - b->nitems;
        break;
    default:
        c = strcmp(a->created_at, b->created_at);
        break;
    }
    if (s->desc)
        c = -c;
    return c ? c : (a->id < b->id ? 1 : a->id > b->id ? -1 : 0);
}

static bool load_list(const web_request *req, web_response *res, tlist *t)
{
    memset(t, 0, sizeof *t);
    static const list_spec spec = {"/theories",
                                   "Theories of change",
                                   columns,
                                   C__N,
                                   filters,
                                   L__N,
                                   .sort = "created",
                                   .desc = true,
                                   .csv_name = "onroll-theories-of-change",
                                   .noun = "theories of change"};
    list_init(&t->l, req, &spec);
    int own = req->user->role == OR_ROLE_SCHOOL ? web_user_school(req) : -1;
    or_toc *all = NULL;
    int nall = 0;
    or_error err = {0};
    if (req->user->role == OR_ROLE_SCHOOL && own <= 0) {
        nall = 0; /* a school account without a school sees none */
    } else if (or_toc_list(req->store, own, req->arena, &all, &nall, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The theories of change could not be read.");
        return false;
    }
    /* the owners offered: those in the list */
    gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)(nall + 1));
    int nch = 0;
    for (int i = 0; i < nall; i++) {
        const char *v = or_arena_printf(req->arena, "%d", all[i].owner_urn);
        bool seen = false;
        for (int k = 0; k < nch && !seen; k++)
            seen = !strcmp(ch[k].value, v);
        if (!seen)
            ch[nch++] = (gov_choice){v, toc_owner_label(req, all[i].owner_urn), NULL};
    }
    if (nch > 1)
        qsort(ch, (size_t)nch, sizeof *ch, gov_choice_cmp);
    list_choices(&t->l, L_OWNER, ch, nch);
    list_read(&t->l);
    t->rows = all;
    for (int i = 0; i < nall; i++) {
        if (list_set(&t->l, L_OWNER) && atoi(list_text(&t->l, L_OWNER)) != all[i].owner_urn)
            continue;
        t->rows[t->n++] = all[i];
    }
    sort_by s = {list_sort(&t->l), list_desc(&t->l), t};
    if (t->n > 1)
        qsort_r(t->rows, (size_t)t->n, sizeof *t->rows, by_column, &s);
    return true;
}

void page_theories(const web_request *req, web_response *res)
{
    tlist t;
    if (!load_list(req, res, &t))
        return;
    list_paginate(&t.l, t.n);
    or_sb *out = &res->body;
    gov_page_start(out, req, t.l.nerrors ? "Error: Theories of change" : "Theories of change");
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "The theory of change was started.", true);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Theories of change</h1>\n"
                  "<p class=\"govuk-body\">How you expect your work to lead to the outcomes you "
                  "want to see: aims, outcomes, mediating mechanisms, moderating factors and "
                  "activities, with each outcome's indicators drawn term by term from "
                  "onroll's own figures.</p>\n");
    if (req->user->role != OR_ROLE_ANALYST)
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-button\" "
                      "href=\"/theories/new\">Start a theory of change</a></p>\n");
    list_start(out, &t.l);
    if (list_table_start(out, &t.l)) {
        char buf[48];
        for (int i = t.l.first; i < t.l.last; i++) {
            const or_toc *x = &t.rows[i];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/theories/%lld", x->id), x->title);
            gov_td(out, toc_owner_label(req, x->owner_urn));
            list_td_num(out, x->nitems);
            gov_td(out, view_time(x->created_at, buf));
            gov_table_row_end(out);
        }
        list_table_end(out, &t.l);
    }
    list_end(out, &t.l);
    gov_page_end(out, req);
}

void page_theories_download(const web_request *req, web_response *res)
{
    tlist t;
    if (!load_list(req, res, &t))
        return;
    or_csv w;
    if (!list_csv_start(&t.l, res, &w, t.n))
        return;
    for (int i = 0; i < t.n; i++) {
        const or_toc *x = &t.rows[i];
        or_csv_text(&w, x->title);
        or_csv_text(&w, toc_owner_label(req, x->owner_urn));
        or_csv_int(&w, x->nitems);
        or_csv_text(&w, x->created_at);
        or_csv_end_row(&w);
    }
}

/* ---- starting one ---- */

enum { N_WORKSHOP, N_TITLE, N_OWNER, N_AIM, N__N };
static const form_field new_fields[N__N] = {
    [N_WORKSHOP] = {"workshop", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [N_TITLE] = {"title", "Title", "For example, Fewer suspensions in Year 7", FORM_TEXT,
                 FORM_REQUIRED, .noun = "title", .max = 200},
    [N_OWNER] = {"owner", "Whose theory of change is it?", NULL, FORM_SELECT, FORM_REQUIRED,
                 .missing = "Select whose theory of change it is"},
    [N_AIM] = {"aim", "Aim", NULL, FORM_TEXTAREA, FORM_REQUIRED, .noun = "aim", .max = 2000,
               .rows = 3},
};

/* The form; with ?workshop=ID (a theory of that workshop) the workshop in *ws, its owner the only
 * one offered: false when the workshop is none the user may start a theory for. */
static bool new_form(const web_request *req, form *f, view_snapshot *snap, or_workshop *ws)
{
    form_init(f, req, new_fields, N__N);
    form_read(f);
    memset(ws, 0, sizeof *ws);
    const char *wt = form_text(f, N_WORKSHOP);
    int only = -1; /* the one owner offered, -1: any the user may */
    if (*wt) {
        bool found = false;
        or_error err = {0};
        long long wid = atoll(wt);
        if (wid <= 0 || or_workshop_get(req->store, wid, req->arena, ws, &found, &err) || !found ||
            !toc_can_edit(req, ws->urn))
            return false;
        only = ws->urn;
    }
    int own = web_user_school(req);
    gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)(snap->nschools + 2));
    int n = 0;
    if (!own && only <= 0)
        ch[n++] = (gov_choice){"0", "The local authority", NULL};
    for (int i = 0; i < snap->nschools && only != 0; i++)
        if ((!own || snap->schools[i].urn == own) && (only < 0 || snap->schools[i].urn == only))
            ch[n++] = (gov_choice){or_arena_printf(req->arena, "%d", snap->schools[i].urn),
                                   snap->schools[i].name, NULL};
    if (n > 2 && !own)
        qsort(ch + 1, (size_t)n - 1, sizeof *ch, gov_choice_cmp);
    f->fields[N_OWNER].choices = ch;
    f->fields[N_OWNER].nchoices = n;
    f->fields[N_AIM].hint = or_arena_printf(
        req->arena, "%s %s For example, %s.", or_toc_components[OR_TOC_AIM].definition,
        "Aims are high level; different stakeholders might have different aims (you can add "
        "more).",
        or_toc_aim_examples[0]);
    if (!f->posted && n >= 1 && (own || only >= 0))
        form_set(f, N_OWNER, ch[0].value);
    return true;
}

static void new_show(form *f, web_response *res, const or_workshop *ws)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Start a theory of change", "/theories", "Back to theories of change",
                    ws->id ? ws->title : "Theories of change");
    if (ws->id)
        html_raw(out, "<p class=\"govuk-body\">It will be this workshop's theory of change, and "
                      "its report will show it.</p>\n");
    html_raw(out, "<p class=\"govuk-body\">The toolkit starts with the aim: "
                  "\xe2\x80\x9cYour ultimate ambition for change.\xe2\x80\x9d Then the outcomes, "
                  "the mediating mechanisms, the moderating factors and, last, the "
                  "activities.</p>\n");
    form_start(out, f, "/theories/new");
    form_fields_html(out, f, 0, N__N);
    form_page_end(out, f, res, "Start the theory of change", NULL);
}

static void new_get(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    or_workshop ws;
    if (!new_form(req, &f, snap, &ws)) {
        not_found(req, res);
        return;
    }
    new_show(&f, res, &ws);
}

void page_theory_new(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_get);
}

static void new_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    or_workshop ws;
    if (!new_form(req, &f, snap, &ws)) {
        web_audit(req, "denied", NULL, "a theory of change for a workshop");
        not_found(req, res);
        return;
    }
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        new_show(&f, res, &ws);
        return;
    }
    int owner = atoi(form_text(&f, N_OWNER));
    if (!toc_can_edit(req, owner)) {
        web_audit(req, "denied", NULL, "a theory of change for another school");
        not_found(req, res);
        return;
    }
    or_toc t = {.owner_urn = owner, .title = form_text(&f, N_TITLE), .workshop_id = ws.id};
    or_toc_item aim = {.kind = OR_TOC_AIM,
                       .body = form_text(&f, N_AIM),
                       .starts_on = OR_DATE_NONE,
                       .ends_on = OR_DATE_NONE};
    long long id = 0, item = 0;
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_toc_add(req->store, &t, req->user->email, &id, &err);
    aim.toc_id = id;
    if (!rc)
        rc = or_toc_item_add(req->store, &aim, req->user->email, &item, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "theory of change %lld started: %s (owner %d)",
                                       id, t.title, owner))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The theory of change could not be started. Nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/theories/%lld?added=1", id));
}

void page_theory_new_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_post);
}

/* ---- one theory ---- */

static const or_toc_kind column_order[OR_TOC__KINDS] = {
    OR_TOC_ACTIVITY, OR_TOC_MODERATOR, OR_TOC_MECHANISM, OR_TOC_OUTCOME, OR_TOC_AIM};

static void flags_html(or_sb *out, const or_toc_item *it)
{
    if (it->kind != OR_TOC_OUTCOME)
        return;
    html_raw(out, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
    if (it->accountable)
        html_raw(out, "<strong class=\"govuk-tag govuk-tag--blue\">Accountable</strong> ");
    if (it->consensus)
        html_raw(out, "<strong class=\"govuk-tag govuk-tag--green\">Agreed</strong> ");
    else
        html_raw(out, "<strong class=\"govuk-tag govuk-tag--yellow\">Not agreed yet</strong> ");
    if (it->priority)
        html_raw(out, "<strong class=\"govuk-tag govuk-tag--purple\">Most important</strong>");
    html_raw(out, "</p>\n");
}

static void activity_html(const web_request *req, or_sb *out, const or_toc_item *it)
{
    if (it->kind != OR_TOC_ACTIVITY)
        return;
    char a[24], b[24];
    html_raw(out, "<dl class=\"govuk-body-s govuk-!-margin-bottom-1\">");
    if (*it->who)
        html_printf(out, "<dt><strong>Who</strong></dt><dd>%s</dd>", it->who);
    if (*it->for_whom)
        html_printf(out, "<dt><strong>For whom</strong></dt><dd>%s</dd>", it->for_whom);
    if (it->starts_on != OR_DATE_NONE || it->ends_on != OR_DATE_NONE)
        html_printf(out, "<dt><strong>When</strong></dt><dd>%s to %s</dd>",
                    it->starts_on != OR_DATE_NONE ? view_date(it->starts_on, a) : "not set",
                    it->ends_on != OR_DATE_NONE ? view_date(it->ends_on, b) : "not set");
    if (*it->outputs)
        html_printf(out, "<dt><strong>Outputs</strong></dt><dd>%s</dd>", it->outputs);
    if (!strncmp(it->source, "commitment:", 11))
        html_raw(out, "<dt><strong>From</strong></dt><dd>A commitment of the workshop</dd>");
    html_raw(out, "</dl>\n");
    (void)req;
}

static void item_html(const web_request *req, or_sb *out, const toc_page *p, const or_toc_item *it)
{
    html_raw(out, "<div class=\"onroll-toc__item\">\n");
    html_printf(out, "<p class=\"govuk-body onroll-text govuk-!-margin-bottom-1\">%s</p>\n",
                it->body);
    flags_html(out, it);
    activity_html(req, out, it);
    int nf = 0;
    for (int l = 0; l < p->nlinks; l++) {
        if (p->links[l].from != it->id)
            continue;
        const or_toc_item *to = toc_item_by_id(p, p->links[l].to);
        if (!to)
            continue;
        if (!nf++)
            html_raw(out, "<ul class=\"govuk-list govuk-body-s onroll-toc__feeds\">");
        html_printf(out, "<li>Feeds %s: %s</li>", or_toc_components[to->kind].singular, to->body);
    }
    if (nf)
        html_raw(out, "</ul>\n");
    for (int k = 0; k < p->nind; k++) {
        if (p->ind[k].item_id != it->id)
            continue;
        const or_toc_statistic *st = or_toc_statistic_find(p->ind[k].statistic);
        html_printf(out,
                    "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">Indicator: <a "
                    "class=\"govuk-link\" href=\"/theories/%lld/indicators/%lld\">%s, %s</a></p>\n",
                    p->t.id, p->ind[k].id, st ? st->label : p->ind[k].statistic,
                    toc_cohort_words(req, &p->ind[k]));
    }
    if (p->can_edit) {
        html_printf(out,
                    "<p class=\"govuk-body-s govuk-!-margin-bottom-0\"><a class=\"govuk-link\" "
                    "href=\"/theories/%lld/items/%lld/edit\">Change<span "
                    "class=\"govuk-visually-hidden\"> %s</span></a>",
                    p->t.id, it->id, or_toc_components[it->kind].singular);
        if (it->kind == OR_TOC_OUTCOME)
            html_printf(out,
                        " &middot; <a class=\"govuk-link\" "
                        "href=\"/theories/%lld/indicators/new?outcome=%lld\">Add an indicator<span "
                        "class=\"govuk-visually-hidden\"> to this outcome</span></a>",
                        p->t.id, it->id);
        html_raw(out, "</p>\n");
    }
    html_raw(out, "</div>\n");
}

void page_theory(const web_request *req, web_response *res)
{
    toc_page p;
    if (!toc_load(req, res, false, &p))
        return;
    or_sb *out = &res->body;
    gov_page_start(out, req, or_arena_printf(req->arena, "%s: theory of change", p.t.title));
    html_raw(out, "<a class=\"govuk-back-link\" href=\"/theories\">Back to theories of "
                  "change</a>\n");
    const char *added = web_query(req, "added");
    if (added[0])
        gov_notification(out, "Success", "Saved.", true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                p.owner, p.t.title);
    if (p.workshop)
        html_printf(out,
                    "<p class=\"govuk-body\">From the workshop <a class=\"govuk-link\" "
                    "href=\"/workshops/%lld\">%s</a>.</p>\n",
                    p.t.workshop_id, p.workshop);
    if (p.workshop && p.can_edit) {
        gov_form_start(out, req, "post",
                       or_arena_printf(req->arena, "/theories/%lld/import", p.t.id));
        html_raw(out, "<p class=\"govuk-body\">The workshop's commitments (its energy for change) "
                      "can become this theory's activities, each with its owner and date.</p>\n");
        gov_button(out, "Import the workshop's commitments as activities", true);
        gov_form_end(out);
    }
    if (or_toc_needs_priority(p.items, p.nitems))
        html_printf(out,
                    "<div class=\"govuk-inset-text\">The toolkit says: \xe2\x80\x9c%s\xe2\x80\x9d "
                    "No outcome is marked as the most important yet. (It does not say how many "
                    "outcomes are \xe2\x80\x9clots\xe2\x80\x9d.)</div>\n",
                    or_toc_outcome_rules[3]);
    if (p.can_edit) {
        html_raw(out, "<div class=\"govuk-button-group\">");
        for (int k = 0; k < OR_TOC__KINDS; k++)
            html_printf(out,
                        "<a class=\"govuk-button govuk-button--secondary\" "
                        "href=\"/theories/%lld/items/new?kind=%t\">Add %s %s</a>",
                        p.t.id, or_toc_components[k].code,
                        k == OR_TOC_AIM || k == OR_TOC_OUTCOME || k == OR_TOC_ACTIVITY ? "an" : "a",
                        or_toc_components[k].singular);
        html_printf(out,
                    "<a class=\"govuk-button govuk-button--secondary\" "
                    "href=\"/theories/%lld/links/new\">Say what feeds what</a>",
                    p.t.id);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<div class=\"onroll-toc\">\n");
    for (int c = 0; c < OR_TOC__KINDS; c++) {
        const or_toc_component *k = &or_toc_components[column_order[c]];
        html_printf(out,
                    "<section class=\"onroll-toc__column\" aria-labelledby=\"col-%t\">\n"
                    "<h2 class=\"govuk-heading-m\" id=\"col-%t\">%s</h2>\n"
                    "<p class=\"govuk-body-s\">%s</p>\n",
                    k->code, k->code, k->name, k->definition);
        int n = 0;
        for (int i = 0; i < p.nitems; i++)
            if (p.items[i].kind == column_order[c]) {
                item_html(req, out, &p, &p.items[i]);
                n++;
            }
        if (!n)
            html_raw(out, "<p class=\"govuk-body-s\">None yet.</p>\n");
        html_raw(out, "</section>\n");
    }
    html_raw(out, "</div>\n");
    html_raw(out, "<h2 class=\"govuk-heading-m\">What the toolkit says about outcomes</h2>\n"
                  "<ul class=\"govuk-list govuk-list--bullet\">");
    for (int i = 0; i < 4; i++)
        html_printf(out, "<li>\xe2\x80\x9c%s\xe2\x80\x9d</li>", or_toc_outcome_rules[i]);
    html_raw(out, "</ul>\n<p class=\"govuk-body\">onroll refuses an outcome nobody would be held "
                  "responsible for, and an outcome marked accountable that is not agreed by "
                  "consensus. The toolkit leaves open how to weigh how much an outcome is "
                  "likely to develop and how many outcomes are \xe2\x80\x9clots\xe2\x80\x9d: "
                  "that is for your group.</p>\n");
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/theories/%lld/download\">Download this theory of change (CSV)</a></p>\n",
                p.t.id);
    gov_page_end(out, req);
}

void page_theory_download(const web_request *req, web_response *res)
{
    toc_page p;
    if (!toc_load(req, res, false, &p))
        return;
    if (web_audit(req, "download", NULL,
                  or_arena_printf(req->arena, "theory of change %lld as CSV", p.t.id))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The download could not be recorded, so it was not made.");
        return;
    }
    or_csv w;
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(
        res, "Content-Disposition",
        or_arena_printf(req->arena, "attachment; filename=\"onroll-theory-%lld.csv\"", p.t.id));
    or_csv_to_sb(&w, &res->body);
    static const char *const head[] = {
        "row", "kind",     "text",      "responsible", "accountable", "consensus", "priority",
        "who", "for_whom", "starts_on", "ends_on",     "outputs",     "feeds"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        or_csv_text(&w, head[i]);
    or_csv_end_row(&w);
    char a[11], b[11];
    for (int i = 0; i < p.nitems; i++) {
        const or_toc_item *it = &p.items[i];
        or_csv_text(&w, "item");
        or_csv_text(&w, or_toc_components[it->kind].code);
        or_csv_text(&w, it->body);
        bool o = it->kind == OR_TOC_OUTCOME;
        or_csv_text(&w, o ? (it->responsible ? "yes" : "no") : "");
        or_csv_text(&w, o ? (it->accountable ? "yes" : "no") : "");
        or_csv_text(&w, o ? (it->consensus ? "yes" : "no") : "");
        or_csv_text(&w, o ? (it->priority ? "yes" : "no") : "");
        or_csv_text(&w, it->who);
        or_csv_text(&w, it->for_whom);
        if (it->starts_on != OR_DATE_NONE)
            or_date_format(it->starts_on, a);
        or_csv_text(&w, it->starts_on != OR_DATE_NONE ? a : "");
        if (it->ends_on != OR_DATE_NONE)
            or_date_format(it->ends_on, b);
        or_csv_text(&w, it->ends_on != OR_DATE_NONE ? b : "");
        or_csv_text(&w, it->outputs);
        const char *feeds = "";
        for (int l = 0; l < p.nlinks; l++) {
            const or_toc_item *to =
                p.links[l].from == it->id ? toc_item_by_id(&p, p.links[l].to) : NULL;
            if (to)
                feeds = *feeds ? or_arena_printf(req->arena, "%s; %s", feeds, to->body) : to->body;
        }
        or_csv_text(&w, feeds);
        or_csv_end_row(&w);
    }
    for (int k = 0; k < p.nind; k++) {
        const or_toc_indicator *x = &p.ind[k];
        const or_toc_item *it = toc_item_by_id(&p, x->item_id);
        const or_toc_statistic *st = or_toc_statistic_find(x->statistic);
        or_csv_text(&w, "indicator");
        or_csv_text(&w, x->statistic);
        or_csv_text(&w, or_arena_printf(req->arena, "%s, %s, %s to %s: baseline %s, target %s",
                                        st ? st->label : x->statistic, toc_cohort_words(req, x),
                                        toc_year_label(req, x->ay_first),
                                        toc_year_label(req, x->ay_last), x->baseline, x->target));
        for (int i = 0; i < 9; i++)
            or_csv_text(&w, "");
        or_csv_text(&w, it ? it->body : "");
        or_csv_end_row(&w);
    }
}
