/* page_roni.c - the Risk of NEET Indicator on the web (roni.h, docs/roni.md):
 *
 *   GET  /roni                   the worklist of pupils in Years 8 to 11 the user may see, the
 *                                highest score first, on the list engine (list.h): filtered by
 *                                school, year group, band and pupil; 25, 50 or 100 a page; the
 *                                same selection as CSV at /roni/download (upn, urn, year_group,
 *                                score, band, factors: the columns of `onroll roni`);
 *   GET  /roni/schools/{urn}     a school's page: its pupils by year group and band;
 *
 * (a pupil's score and its override: page_roni_pupil.c).
 *
 * Who: the LA roles every pupil; a school the pupils on its roll today; the Virtual School the
 * children in its scope whose whole record it sees. Never the analyst (routes.c). The factors
 * name special-category characteristics (young carer, pregnant or a parent), which is why only
 * these roles see them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/roni_report.h"
#include "web/list.h"
#include "web/roni_web.h"
#include "web/view.h"

static const gov_choice bands[] = {
    {"substantial", "Substantial support (4 or more)", NULL},
    {"additional", "Additional support (2 or 3)", NULL},
    {"offer", "Offer support (1)", NULL},
    {"none", "No support indicated (0)", NULL},
};
static const gov_choice years[] = {
    {"8", "Year 8", NULL},
    {"9", "Year 9", NULL},
    {"10", "Year 10", NULL},
    {"11", "Year 11", NULL},
};

enum { F_BAND, F_SCHOOL, F_YEAR, F_PUPIL, F__N };
static const list_filter filters[F__N] = {
    [F_BAND] = {"band", "Band", NULL, LIST_SELECT, .any = "Any band", .choices = bands,
                .nchoices = 4, .missing = "Select a band from the list"},
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "All schools"},
    [F_YEAR] = {"year_group", "Year group", NULL, LIST_SELECT, .any = "Years 8 to 11",
                .choices = years, .nchoices = 4, .missing = "Select a year from 8 to 11"},
    [F_PUPIL] = {"pupil", "Pupil", "UPN or name", LIST_TEXT},
};

enum { C_PUPIL, C_UPN, C_SCHOOL, C_URN, C_YEAR, C_SCORE, C_BAND, C_FACTORS, C__N };
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Pupil", NULL, LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", NULL, LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", 0},
    [C_YEAR] = {"year", "Year", "year_group", LIST_SORT | LIST_NUMERIC},
    [C_SCORE] = {"score", "Score", "score", LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_BAND] = {NULL, "Band", "band", 0},
    [C_FACTORS] = {NULL, "Why (each factor's points)", "factors", 0},
};

static const list_spec spec = {"/roni",
                               "Risk of NEET, highest score first",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "score",
                               .desc = true,
                               .csv_name = "onroll-roni",
                               .noun = "pupils"};

typedef struct {
    const view_pupil *p;
    or_roni_row r;
    const char *school;
} row;

typedef struct {
    row *rows;
    int n;
} selection;

static _Thread_local int sort_col;
static _Thread_local bool sort_desc;

static int cmp_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_sort(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int c = 0;
    switch (sort_col) {
    case C_PUPIL:
        c = cmp_text(a->p->name, b->p->name);
        break;
    case C_SCHOOL:
        c = cmp_text(a->school, b->school);
        break;
    case C_YEAR:
        c = a->r.s.year_group - b->r.s.year_group;
        break;
    default:
        c = a->r.score - b->r.score;
    }
    if (sort_desc)
        c = -c;
    if (!c && sort_col != C_SCORE) /* then the highest score first */
        c = b->r.score - a->r.score;
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

static bool is_la(const web_request *req)
{
    return req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
}

/* The overrides, once a request. */
static or_code overrides(const web_request *req, or_roni_override **ov, int *nov, or_error *err)
{
    return or_roni_overrides_load(req->store, req->arena, ov, nov, err);
}

/* Every pupil's calculated score today, by the snapshot's pupil index (year_group 0: not in
 * Years 8 to 11), worked out once per snapshot and kept with it (view_memo); *owned when it
 * could not be kept: the caller frees it. */
static const or_roni_score *scores_of(view_snapshot *snap, bool *owned)
{
    int n = 0;
    *owned = false;
    const or_roni_score *got = view_memo_get(snap, "roni", &n);
    if (got)
        return got;
    or_roni_score *all = or_xcalloc((size_t)snap->npupils + 1, sizeof *all);
    for (int i = 0; i < snap->npupils; i++)
        or_roni_score_pupil(snap->pupils[i].f, snap->as_of, &all[i]); /* zeroed when not */
    n = snap->npupils;
    bool kept = false;
    const or_roni_score *stored = view_memo_put(snap, "roni", all, &n, &kept);
    *owned = !kept;
    return stored;
}

/* The pupils in Years 8 to 11 the user may see, each scored today, and the school choices. */
static or_code candidates(const web_request *req, view_snapshot *snap, list *l, selection *all,
                          or_error *err)
{
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    bool la = is_la(req);
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, err))
        return OR_EIO;
    or_roni_override *ov = NULL;
    int nov = 0;
    if (overrides(req, &ov, &nov, err))
        return OR_EIO;
    int mine = web_user_school(req);
    bool owned = false;
    const or_roni_score *scores = scores_of(snap, &owned);
    int npupils = la ? snap->npupils : nscope;
    all->rows = or_arena_alloc(req->arena, ((size_t)npupils + 1) * sizeof *all->rows);
    all->n = 0;
    bool *seen = or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof(bool));
    memset(seen, 0, ((size_t)snap->nschools + 1) * sizeof(bool));
    gov_choice *schools =
        or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *schools);
    int nschools = 0;
    for (int i = 0; i < npupils; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        if (mine && p->urn != mine) /* a school: the pupils on its roll */
            continue;
        if (!la && web_pupil_view(req, p->upn).kind != OR_VIEW_WHOLE)
            continue;
        const or_roni_score *sc = &scores[p - snap->pupils];
        if (!sc->year_group)
            continue;
        row r = {p, {0}, view_school_name(snap, p->urn)};
        r.r.s = *sc;
        r.r.upn = p->upn;
        r.r.f = p->f;
        r.r.ov = or_roni_override_find(ov, nov, p->upn);
        r.r.score = r.r.ov ? r.r.ov->score : r.r.s.score;
        r.r.band = or_roni_band_of(r.r.score);
        all->rows[all->n++] = r;
        const view_school *s = view_find_school(snap, p->urn);
        int si = s ? (int)(s - snap->schools) : -1;
        if (si >= 0 && !seen[si]) {
            seen[si] = true;
            schools[nschools++] =
                (gov_choice){or_arena_printf(req->arena, "%d", p->urn), r.school, NULL};
        }
    }
    if (owned)
        free((void *)scores);
    if (nschools > 1)
        qsort(schools, (size_t)nschools, sizeof *schools, gov_choice_cmp);
    list_choices(l, F_SCHOOL, schools, nschools);
    return OR_OK;
}

static void select_rows(const list *l, selection *all)
{
    int n = 0;
    int school = atoi(list_text(l, F_SCHOOL)), year = atoi(list_text(l, F_YEAR));
    int band = list_set(l, F_BAND) ? or_roni_band_parse(list_text(l, F_BAND)) : -1;
    for (int i = 0; i < all->n; i++) {
        const row *r = &all->rows[i];
        if ((school && r->p->urn != school) || (year && r->r.s.year_group != year) ||
            (band >= 0 && (int)r->r.band != band) ||
            !view_pupil_matches(list_text(l, F_PUPIL), r->p))
            continue;
        all->rows[n++] = *r;
    }
    all->n = n;
    sort_col = list_sort(l);
    sort_desc = list_desc(l);
    if (n > 1)
        qsort(all->rows, (size_t)n, sizeof *all->rows, by_sort);
}

const char *roni_band_colour(or_roni_band b)
{
    return b == OR_RONI_BAND_SUBSTANTIAL  ? "red"
           : b == OR_RONI_BAND_ADDITIONAL ? "orange"
           : b == OR_RONI_BAND_OFFER      ? "yellow"
                                          : "grey";
}

static void factor_items(or_sb *out, const or_roni_row *r)
{
    html_raw(out, "<ul class=\"govuk-list\">");
    for (int k = 0; k < OR_RONI__N; k++)
        if (r->s.points[k])
            html_printf(out, "<li>%s <span class=\"onroll-secondary\">(%d)</span></li>",
                        or_roni_factor_at(k)->name, r->s.points[k]);
    if (r->ov)
        html_printf(out, "<li>Overridden by the school: %d, was %d</li>", r->score, r->s.score);
    if (!r->ov && !r->s.score)
        html_raw(out, "<li>No factor</li>");
    html_raw(out, "</ul>");
}

static void write_row(or_sb *out, const web_request *req, const view_snapshot *snap, const row *r)
{
    html_raw(out, "<tr class=\"govuk-table__row\">\n");
    const char *name = r->p->name && *r->p->name ? r->p->name : r->p->upn;
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/roni/pupils/%t\">"
                "%s</a><br><span class=\"onroll-secondary\">UPN %s</span></td>\n",
                r->p->upn, name, r->p->upn);
    view_td_school(out, req, snap, r->p->urn);
    list_td_num(out, r->r.s.year_group);
    list_td_num(out, r->r.score);
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_tag(out, or_roni_band_label(r->r.band), roni_band_colour(r->r.band));
    html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
    factor_items(out, &r->r);
    html_raw(out, "</td>\n</tr>\n");
}

/* How a score is worked out: the table of this version and where each factor comes from. */
static void how_scored(or_sb *out)
{
    html_printf(out,
                "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                "<span class=\"govuk-details__summary-text\">How the score is worked out</span>"
                "</summary>\n<div class=\"govuk-details__text\">\n<p class=\"govuk-body\">Each "
                "factor a pupil in Years 8 to 11 has adds its points (Oxfordshire's Risk of NEET "
                "Indicator, version %s). 1 point: offer support. 2 or 3 points: additional "
                "support. 4 points or more: substantial support. A school's careers leader can "
                "change a score, with a reason.</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
                "\n",
                OR_RONI_VERSION);
    for (int k = 0; k < OR_RONI__N; k++) {
        const or_roni_factor_def *d = or_roni_factor_at(k);
        html_printf(out, "<li>%s: %d point%s</li>\n", d->name, d->points,
                    d->points == 1 ? "" : "s");
    }
    html_raw(out, "</ul>\n<p class=\"govuk-body\">In custody comes only from attendance marks: "
                  "the latest mark this school year is Y5 (unable to attend: in criminal "
                  "justice detention). Attendance sent as totals has no codes, so a school that "
                  "sends totals cannot show it: its careers leader can change the score.</p>\n"
                  "</div>\n</details>\n");
}

static bool prepare(const web_request *req, web_response *res, view_snapshot *snap, list *l,
                    selection *rows)
{
    or_error err = {0};
    list_init(l, req, &spec);
    if (candidates(req, snap, l, rows, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The risk of NEET could not be worked out.");
        return false;
    }
    list_read(l);
    select_rows(l, rows);
    return true;
}

static void roni_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    list_paginate(&l, rows.n);
    or_sb *out = &res->body;
    char as_of[24];
    gov_page_start(out, req, l.nerrors ? "Error: Risk of NEET" : "Risk of NEET");
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, as_of));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Risk of NEET</h1>\n<p class=\"govuk-body\">"
                  "Pupils in Years 8 to 11 at risk of not being in education, employment or "
                  "training after Year 11, and the support their score suggests.</p>\n");
    int mine = web_user_school(req);
    if (!mine && atoi(list_text(&l, F_SCHOOL)) > 0) /* the LA, one school chosen */
        mine = atoi(list_text(&l, F_SCHOOL));
    if (mine)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/roni/schools/%d\">"
                    "The school's pupils by year group and band</a></p>\n",
                    mine);
    how_scored(out);
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        for (int i = l.first; i < l.last; i++)
            write_row(out, req, snap, &rows.rows[i]);
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

static void roni_csv(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    or_csv w;
    if (!list_csv_start(&l, res, &w, rows.n))
        return;
    for (int i = 0; i < rows.n; i++) {
        const row *r = &rows.rows[i];
        char buf[256];
        or_csv_text(&w, r->p->upn);
        or_csv_int(&w, r->p->urn);
        or_csv_int(&w, r->r.s.year_group);
        or_csv_int(&w, r->r.score);
        or_csv_text(&w, or_roni_band_key(r->r.band));
        or_csv_text(&w, or_roni_row_factors(&r->r, buf, sizeof buf));
        or_csv_end_row(&w);
    }
}

void page_roni(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET", roni_page);
}

void page_roni_download(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET", roni_csv);
}

/* ---- a school's page ---- */

static void school_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    const char *u = web_path(req, "urn");
    char *end = NULL;
    long urn = strtol(u, &end, 10);
    const view_school *s = *end ? NULL : view_find_school(snap, (int)urn);
    int mine = web_user_school(req);
    if (s && mine && urn != mine) {
        web_audit(req, "denied", NULL, "another school's risk of NEET");
        s = NULL;
    }
    if (!s) {
        web_error(req, res, 404, "Page not found", "There is no such school.");
        return;
    }
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    int counts[4][OR_RONI_BAND__N] = {{0}};
    for (int i = 0; i < rows.n; i++)
        if (rows.rows[i].p->urn == (int)urn)
            counts[rows.rows[i].r.s.year_group - 8][rows.rows[i].r.band]++;
    or_sb *out = &res->body;
    char as_of[24];
    gov_page_start(out, req, or_arena_printf(req->arena, "Risk of NEET: %s", s->name));
    html_printf(out,
                "<a class=\"govuk-back-link\" href=\"/roni\">Back to the risk of NEET</a>\n"
                "<span class=\"govuk-caption-l\">%s, as of %s</span>\n<h1 class=\"govuk-heading-l"
                "\">Risk of NEET by year group</h1>\n",
                s->name, view_date(snap->as_of, as_of));
    static const char *const heads[] = {"Year group", "Substantial support", "Additional support",
                                        "Offer support", "No support indicated"};
    gov_table_start(out, "Pupils by year group and band", heads, 5);
    for (int y = 0; y < 4; y++) {
        gov_table_row_start(out);
        gov_td_link(out, or_arena_printf(req->arena, "/roni?school=%ld&year_group=%d", urn, y + 8),
                    or_arena_printf(req->arena, "Year %d", y + 8));
        for (int b = OR_RONI_BAND__N - 1; b >= 0; b--)
            gov_td_num(out, counts[y][b]);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/roni?school=%d\">Every "
                "pupil of the school, with the factors of each score</a></p>\n",
                (int)urn);
    how_scored(out);
    gov_page_end(out, req);
}

void page_roni_school(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET", school_page);
}
