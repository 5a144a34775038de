/* page_reviews.c - self-evaluation reviews (reviews.h, instruments.h) on the web:
 *
 *   /reviews            the list (list engine): a school's own reviews, every school's for the
 *                       LA; /reviews/download its CSV
 *   /reviews/new        start one: the instrument, the school (the LA chooses; a school's is
 *                       its own), the academic year
 *
 * A school sees and writes only its own school's; LA officers any school's; the analyst none
 * (routes.c). The review itself is page_review.c. */
#include <stdlib.h>
#include <string.h>

#include "onroll/date.h"
#include "onroll/instruments.h"
#include "onroll/reviews.h"
#include "web/form.h"
#include "web/list.h"
#include "web/reviews_web.h"
#include "web/view.h"
#include "web/web.h"

/* ---- the list ---- */

enum { L_INSTRUMENT, L_STATUS, L__N };
static const gov_choice statuses[] = {{"started", "Started", NULL}, {"complete", "Complete", NULL}};
static const list_filter filters[L__N] = {
    [L_INSTRUMENT] = {"instrument", "Instrument", NULL, LIST_SELECT, .any = "All instruments"},
    [L_STATUS] = {"status", "Status", NULL, LIST_CHECKBOXES, .choices = statuses, .nchoices = 2},
};
enum { C_SCHOOL, C_INSTRUMENT, C_YEAR, C_STATUS, C_STARTED, C__N };
static const list_column columns[C__N] = {
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_INSTRUMENT] = {"instrument", "Instrument", "instrument", LIST_SORT},
    [C_YEAR] = {"year", "Academic year", "academic_year", LIST_SORT | LIST_DESC},
    [C_STATUS] = {"status", "Status", "status", LIST_SORT},
    [C_STARTED] = {"started", "Started", "started_at", LIST_SORT | LIST_DESC},
};
static const list_spec spec = {"/reviews",
                               "Reviews",
                               columns,
                               C__N,
                               filters,
                               L__N,
                               .sort = "year",
                               .desc = true,
                               .csv_name = "onroll-reviews",
                               .noun = "reviews"};

const char *reviews_year_label(const web_request *req, int ay)
{
    return or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
}

const char *reviews_instrument_title(const or_instrument_set *set, const char *id)
{
    const or_instrument *in = or_instrument_set_find(set, id, 0);
    return in ? in->title : id;
}

typedef struct {
    or_review *r;
    const char **school;
    int n;
    const or_instrument_set *set;
} rows;

typedef struct {
    const list *l;
    const rows *r;
} sort_by;

/* (qsort_r's context, never globals: the server sorts for several requests at once) */
static int cmp(const void *x, const void *y, void *ctx)
{
    const sort_by *s = ctx;
    const list *sort_list = s->l;
    const rows *sort_rows = s->r;
    int i = *(const int *)x, j = *(const int *)y, c = 0;
    const or_review *a = &sort_rows->r[i], *b = &sort_rows->r[j];
    switch (list_sort(sort_list)) {
    case C_SCHOOL:
        c = strcmp(sort_rows->school[i], sort_rows->school[j]);
        break;
    case C_INSTRUMENT:
        c = strcmp(reviews_instrument_title(sort_rows->set, a->instrument),
                   reviews_instrument_title(sort_rows->set, b->instrument));
        break;
    case C_STATUS:
        c = strcmp(a->status, b->status);
        break;
    case C_STARTED:
        c = strcmp(a->started_at, b->started_at);
        break;
    default:
        c = a->ay - b->ay;
    }
    if (!c)
        c = a->id < b->id ? -1 : a->id > b->id;
    return list_desc(sort_list) ? -c : c;
}

/* The rows this user may see, filtered and sorted, as indexes into r->r; false: the error page */
static bool prepare(const web_request *req, web_response *res, list *l, rows *r, int **idx, int *n)
{
    const or_instrument **latest = NULL;
    r->set = reviews_instruments(req);
    int ni = or_instrument_set_latest(r->set, req->arena, &latest);
    gov_choice *instruments = or_arena_calloc(req->arena, (size_t)ni + 1, sizeof *instruments);
    for (int i = 0; i < ni; i++)
        instruments[i] = (gov_choice){latest[i]->id, latest[i]->title, NULL};
    list_init(l, req, &spec);
    list_choices(l, L_INSTRUMENT, instruments, ni);
    list_read(l);
    or_error err = {0};
    if (or_reviews_list(req->store, web_user_school(req), req->arena, &r->r, &r->n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The reviews could not be read.");
        return false;
    }
    r->school = or_arena_alloc(req->arena, sizeof *r->school * (size_t)(r->n + 1));
    *idx = or_arena_alloc(req->arena, sizeof **idx * (size_t)(r->n + 1));
    *n = 0;
    for (int i = 0; i < r->n; i++) {
        r->school[i] = view_school_label(req, r->r[i].urn);
        const char *ins = list_text(l, L_INSTRUMENT);
        if (*ins && strcmp(ins, r->r[i].instrument))
            continue;
        if (l->v[L_STATUS].nitems && !list_has(l, L_STATUS, r->r[i].status))
            continue;
        (*idx)[(*n)++] = i;
    }
    sort_by s = {l, r};
    if (*n > 1)
        qsort_r(*idx, (size_t)*n, sizeof **idx, cmp, &s);
    return true;
}

static const char *status_words(const char *status)
{
    return !strcmp(status, "complete") ? "Complete" : "Started";
}

void page_reviews(const web_request *req, web_response *res)
{
    list l;
    rows r;
    int *idx = NULL, n = 0;
    if (!prepare(req, res, &l, &r, &idx, &n))
        return;
    list_paginate(&l, n);
    or_sb *out = &res->body;
    gov_page_start(out, req, l.nerrors ? "Error: Reviews" : "Reviews");
    if (*web_query(req, "completed"))
        gov_notification(out, "Success", "The review was marked as complete.", true);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Reviews</h1>\n"
                  "<p class=\"govuk-body\">Self-evaluation against the toolkit's instruments: "
                  "answer each area, then make an action plan for two or three focus "
                  "areas.</p>\n<p class=\"govuk-body\"><a class=\"govuk-button\" "
                  "href=\"/reviews/new\">Start a review</a></p>\n");
    if (!web_user_school(req)) /* the LA's portfolio (page_portfolio.c) */
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                      "href=\"/reviews/portfolio\">Portfolio of reviews</a>: schools engaged, "
                      "the level of each area across schools, movement since last year and "
                      "the reviews due.</p>\n");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/surveys\">Surveys"
                  "</a>: ask pupils, parents or staff before and after a change.</p>\n"
                  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/theories\">Theories "
                  "of change</a>: aims, outcomes and activities, with indicators from onroll's "
                  "figures term by term.</p>\n");
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER)
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                      "href=\"/instruments\">The instruments</a>: add one, or edit one (a new "
                      "version; reviews keep theirs).</p>\n");
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        char buf[48];
        for (int k = l.first; k < l.last; k++) {
            const or_review *v = &r.r[idx[k]];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/reviews/%lld", (long long)v->id),
                        r.school[idx[k]]);
            gov_td(out, reviews_instrument_title(r.set, v->instrument));
            gov_td(out, reviews_year_label(req, v->ay));
            gov_td(out, status_words(v->status));
            gov_td(out, view_time(v->started_at, buf));
            gov_table_row_end(out);
        }
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

void page_reviews_download(const web_request *req, web_response *res)
{
    list l;
    rows r;
    int *idx = NULL, n = 0;
    if (!prepare(req, res, &l, &r, &idx, &n))
        return;
    or_csv w;
    if (!list_csv_start(&l, res, &w, n))
        return;
    for (int k = 0; k < n; k++) {
        const or_review *v = &r.r[idx[k]];
        or_csv_text(&w, r.school[idx[k]]);
        or_csv_text(&w, reviews_instrument_title(r.set, v->instrument));
        or_csv_text(&w, reviews_year_label(req, v->ay));
        or_csv_text(&w, v->status);
        or_csv_text(&w, v->started_at);
        or_csv_end_row(&w);
    }
}

/* ---- starting one ---- */

enum { F_INSTRUMENT, F_SCHOOL, F_YEAR, F__N };
static const form_field fields[F__N] = {
    [F_INSTRUMENT] = {"instrument", "Instrument", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_QUERY,
                      .missing = "Select the instrument"},
    [F_SCHOOL] = {"school", "School", NULL, FORM_SELECT, FORM_REQUIRED,
                  .missing = "Select the school"},
    [F_YEAR] = {"year", "Academic year", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the academic year"},
};

static void new_form(const web_request *req, form *f, view_snapshot *snap)
{
    form_init(f, req, fields, F__N);
    const or_instrument **latest = NULL;
    int ni = or_instrument_set_latest(reviews_instruments(req), req->arena, &latest);
    gov_choice *ins = or_arena_calloc(req->arena, (size_t)ni + 1, sizeof *ins);
    for (int i = 0; i < ni; i++)
        ins[i] = (gov_choice){latest[i]->id, latest[i]->title, latest[i]->about};
    f->fields[F_INSTRUMENT].choices = ins;
    f->fields[F_INSTRUMENT].nchoices = ni;
    int own = web_user_school(req);
    gov_choice *sc = or_arena_alloc(req->arena, sizeof *sc * (size_t)(snap->nschools + 1));
    int ns = 0;
    for (int i = 0; i < snap->nschools; i++)
        if (!own || snap->schools[i].urn == own)
            sc[ns++] = (gov_choice){or_arena_printf(req->arena, "%d", snap->schools[i].urn),
                                    snap->schools[i].name, NULL};
    if (ns > 1)
        qsort(sc, (size_t)ns, sizeof *sc, gov_choice_cmp);
    f->fields[F_SCHOOL].choices = sc;
    f->fields[F_SCHOOL].nchoices = ns;
    gov_choice *ys = or_arena_alloc(req->arena, sizeof *ys * 2);
    for (int i = 0; i < 2; i++)
        ys[i] =
            (gov_choice){or_arena_printf(req->arena, "%d", snap->ay - i),
                         reviews_year_label(req, snap->ay - i), i ? NULL : "This academic year"};
    f->fields[F_YEAR].choices = ys;
    f->fields[F_YEAR].nchoices = 2;
    form_read(f);
    if (!f->posted && !*form_text(f, F_YEAR))
        form_set(f, F_YEAR, ys[0].value);
    if (own && ns == 1 && !f->posted)
        form_set(f, F_SCHOOL, sc[0].value);
}

static void new_show(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Start a review", "/reviews", "Back to reviews", "Reviews");
    form_start(out, f, "/reviews/new");
    form_fields_html(out, f, 0, F__N);
    form_page_end(out, f, res, "Start the review", NULL);
}

static void new_get(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    new_show(&f, res);
}

void page_review_new(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_get);
}

static void new_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        new_show(&f, res);
        return;
    }
    const or_instrument *in =
        or_instrument_set_find(reviews_instruments(req), form_text(&f, F_INSTRUMENT), 0);
    int urn = atoi(form_text(&f, F_SCHOOL)), ay = atoi(form_text(&f, F_YEAR));
    if (!in || !web_can_see_school(req, urn)) {
        web_error(req, res, 404, "Page not found", "There is no such school or instrument.");
        return;
    }
    or_error err = {0};
    int64_t id = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_review_start(req->store, urn, ay, in->id, in->version, req->user->email, &id, &err);
    if (rc == OR_EINPUT) {
        or_store_rollback(req->store);
        form_error(&f, F_INSTRUMENT,
                   "The school has a review of this instrument for this academic year already");
        new_show(&f, res);
        return;
    }
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "review started: %s version %d, URN %d, %s",
                                       in->id, in->version, urn, reviews_year_label(req, ay)))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The review could not be started. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/reviews/%lld", (long long)id));
}

void page_review_new_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_post);
}
