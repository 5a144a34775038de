/* page_portfolio.c - the LA's portfolio of self-evaluation reviews (portfolio.h):
 *
 *   /reviews/portfolio            for one instrument and academic year, over the LA's schools
 *                                 (of a phase, when filtered): schools engaged ("3 of 5
 *                                 schools"), the level of each area across schools, the
 *                                 movement since each school's year before, and the schools
 *                                 whose review is due on the list engine (list.h): filtered,
 *                                 paged, sorted, each linked to its school;
 *   /reviews/portfolio/download   those schools as CSV.
 *
 * LA officers only (routes.c): a school sees its own reviews on /reviews, not the others'; the
 * analyst gets 403 (a school's judgements are not published figures). Linked from /reviews. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/portfolio.h"
#include "onroll/reviews.h"
#include "onroll/store_portfolio.h"
#include "web/list.h"
#include "web/reviews_web.h"
#include "web/view.h"

enum { F_INSTRUMENT, F_YEAR, F_PHASE, F_WHY, F__N };
static const gov_choice whys[] = {
    {"none", "No review this year", NULL},
    {"started", "Started, not complete", NULL},
    {"outdated", "Last completed more than 12 months ago", NULL},
};
static const list_filter filters[F__N] = {
    [F_INSTRUMENT] = {"instrument", "Instrument", NULL, LIST_SELECT,
                      .any = "Wellbeing Framework audit (the first)"},
    [F_YEAR] = {"year", "Academic year", NULL, LIST_SELECT, .any = "This academic year"},
    [F_PHASE] = {"phase", "Phase", NULL, LIST_SELECT, .any = "All phases"},
    [F_WHY] = {"why", "Why due", NULL, LIST_CHECKBOXES, .choices = whys, .nchoices = 3},
};
enum { C_SCHOOL, C_URN, C_PHASE, C_WHY, C_LAST, C__N };
static const list_column columns[C__N] = {
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", 0},
    [C_PHASE] = {"phase", "Phase", "phase", LIST_SORT},
    [C_WHY] = {"why", "Why due", "why_due", LIST_SORT},
    [C_LAST] = {"last", "Last completed", "last_completed", LIST_SORT | LIST_DESC},
};
static const list_spec spec = {"/reviews/portfolio",
                               "Reviews due",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "school",
                               .csv_name = "onroll-portfolio-due",
                               .noun = "schools"};

/* (as page_schools.c words them) */
static const char *phase_words(const char *phase)
{
    static const char *const map[][2] = {
        {"primary", "Primary"},          {"secondary", "Secondary"},
        {"pru", "Pupil referral unit"},  {"special", "Special"},
        {"all-through", "All-through"},  {"nursery", "Nursery"},
        {"ap", "Alternative provision"}, {"16_plus", "16 plus"},
    };
    for (size_t i = 0; phase && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(phase, map[i][0]))
            return map[i][1];
    return phase ? phase : "";
}

static const char *const due_codes[] = {"", "none", "started", "outdated"};

typedef struct {
    list l;
    const or_instrument *in;
    int ay;
    const char **area; /* the areas' names (the LA's for a renamed placeholder) */
    or_portfolio p;
    const char **school, **phase; /* by row of p */
    int *idx, n;                  /* the due rows shown, in order */
} pf;

typedef struct {
    const list *l;
    const pf *t;
} sort_by;

static int cmp(const void *x, const void *y, void *ctx)
{
    const sort_by *s = ctx;
    const pf *t = s->t;
    int i = *(const int *)x, j = *(const int *)y, c = 0;
    switch (list_sort(s->l)) {
    case C_PHASE:
        c = strcmp(t->phase[i], t->phase[j]);
        break;
    case C_WHY:
        c = (int)t->p.rows[i].due - (int)t->p.rows[j].due;
        break;
    case C_LAST:
        c = strcmp(t->p.rows[i].last_completed, t->p.rows[j].last_completed);
        break;
    default:
        break;
    }
    if (!c)
        c = strcmp(t->school[i], t->school[j]);
    if (!c)
        c = t->p.rows[i].urn - t->p.rows[j].urn;
    return list_desc(s->l) ? -c : c;
}

/* The judgements of each review of the instrument, as portfolio.h wants them. */
static bool reviews_of(const web_request *req, const or_instrument *in, or_pf_review **out, int *n)
{
    or_review *rs = NULL;
    int nr = 0;
    or_pf_judgement *js = NULL;
    int nj = 0;
    or_error err = {0};
    if (or_reviews_list(req->store, 0, req->arena, &rs, &nr, &err) ||
        or_pf_judgements(req->store, in->id, req->arena, &js, &nj, &err))
        return false;
    *out = or_arena_alloc(req->arena, sizeof **out * (size_t)(nr + 1));
    *n = 0;
    for (int i = 0; i < nr; i++) {
        if (strcmp(rs[i].instrument, in->id))
            continue;
        or_pf_review *r = &(*out)[(*n)++];
        *r = (or_pf_review){rs[i].urn,          rs[i].ay, rs[i].status,
                            rs[i].completed_at, NULL,     in->nsections};
        r->judgement =
            or_arena_alloc(req->arena, sizeof *r->judgement * (size_t)(in->nsections + 1));
        memset(r->judgement, 0, sizeof *r->judgement * (size_t)(in->nsections + 1));
        for (int k = 0; k < nj; k++)
            if (js[k].review_id == rs[i].id && js[k].area <= in->nsections)
                r->judgement[js[k].area - 1] = js[k].value;
    }
    return true;
}

static bool prepare(const web_request *req, web_response *res, view_snapshot *snap, pf *t)
{
    memset(t, 0, sizeof *t);
    list_init(&t->l, req, &spec);
    gov_choice *ins =
        or_arena_alloc(req->arena, sizeof *ins * (size_t)(or_instruments_seed_count + 1));
    int ni = 0;
    for (int i = 0; i < or_instruments_seed_count; i++)
        if (or_instrument_find(or_instruments_seed[i].id, 0) == &or_instruments_seed[i])
            ins[ni++] = (gov_choice){or_instruments_seed[i].id, or_instruments_seed[i].title, NULL};
    list_choices(&t->l, F_INSTRUMENT, ins, ni);
    /* the years: this one and the three before */
    gov_choice *ys = or_arena_alloc(req->arena, sizeof *ys * 4);
    for (int i = 0; i < 4; i++)
        ys[i] = (gov_choice){or_arena_printf(req->arena, "%d", snap->ay - i),
                             reviews_year_label(req, snap->ay - i), NULL};
    list_choices(&t->l, F_YEAR, ys, 4);
    /* the phases the LA's schools have */
    gov_choice *ph = or_arena_alloc(req->arena, sizeof *ph * (size_t)(snap->nschools + 1));
    int np = 0;
    for (int i = 0; i < snap->nschools; i++) {
        const char *p = snap->schools[i].phase;
        bool seen = !p || !*p;
        for (int k = 0; k < np && !seen; k++)
            seen = !strcmp(ph[k].value, p);
        if (!seen)
            ph[np++] = (gov_choice){p, phase_words(p), NULL};
    }
    if (np > 1)
        qsort(ph, (size_t)np, sizeof *ph, gov_choice_cmp);
    list_choices(&t->l, F_PHASE, ph, np);
    list_read(&t->l);
    t->in = or_instrument_find(
        *list_text(&t->l, F_INSTRUMENT) ? list_text(&t->l, F_INSTRUMENT) : ins[0].value, 0);
    t->ay = *list_text(&t->l, F_YEAR) ? atoi(list_text(&t->l, F_YEAR)) : snap->ay;
    or_error err = {0};
    const char **names = NULL;
    or_pf_review *rs = NULL;
    int nr = 0;
    if (!t->in || or_instrument_area_names(req->store, t->in, req->arena, &names, &err) ||
        !reviews_of(req, t->in, &rs, &nr)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The reviews could not be read.");
        return false;
    }
    t->area = or_arena_alloc(req->arena, sizeof *t->area * (size_t)(t->in->nsections + 1));
    for (int s = 0; s < t->in->nsections; s++)
        t->area[s] = names && names[s] ? names[s] : t->in->sections[s].title;
    const char *phase = list_text(&t->l, F_PHASE);
    int *urns = or_arena_alloc(req->arena, sizeof *urns * (size_t)(snap->nschools + 1));
    int nu = 0;
    for (int i = 0; i < snap->nschools; i++)
        if (!*phase || (snap->schools[i].phase && !strcmp(snap->schools[i].phase, phase)))
            urns[nu++] = snap->schools[i].urn;
    if (or_portfolio_build(t->in, t->ay, web_today(req), urns, nu, rs, nr, req->arena, &t->p,
                           &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The portfolio could not be worked out.");
        return false;
    }
    t->school = or_arena_alloc(req->arena, sizeof *t->school * (size_t)(nu + 1));
    t->phase = or_arena_alloc(req->arena, sizeof *t->phase * (size_t)(nu + 1));
    t->idx = or_arena_alloc(req->arena, sizeof *t->idx * (size_t)(nu + 1));
    for (int i = 0; i < nu; i++) {
        const view_school *s = view_find_school(snap, urns[i]);
        t->school[i] = s ? s->name : view_school_name(snap, urns[i]);
        t->phase[i] = s && s->phase ? s->phase : "";
        or_pf_due d = t->p.rows[i].due;
        if (d == OR_PF_NOT_DUE)
            continue;
        if (list_set(&t->l, F_WHY) && !list_has(&t->l, F_WHY, due_codes[d]))
            continue;
        t->idx[t->n++] = i;
    }
    sort_by sb = {&t->l, t};
    if (t->n > 1) /* qsort_r of no rows would be handed a null pointer */
        qsort_r(t->idx, (size_t)t->n, sizeof *t->idx, cmp, &sb);
    return true;
}

static const char *iso_words(const web_request *req, const char *iso)
{
    or_date d = OR_DATE_NONE;
    char buf[24];
    if (!iso || !*iso || !or_date_parse(iso, &d))
        return "Never";
    return or_arena_strdup(req->arena, view_date(d, buf));
}

static void scroll_start(or_sb *out, const char *id, const char *label)
{
    html_printf(out,
                "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" id=\"%s\" "
                "aria-label=\"%s\">\n",
                id, label);
}

static void levels_table(or_sb *out, const web_request *req, const pf *t)
{
    const or_portfolio *p = &t->p;
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"levels\">Level of each area</h2>\n");
    if (!p->nareas) {
        html_raw(out, "<p class=\"govuk-body\">This instrument has no area judgements, so there "
                      "are no levels to count.</p>\n");
        return;
    }
    char n1[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">How many of the %s engaged schools judged each area at "
                "each level in their %s review (started or complete).</p>\n",
                or_fmt_int(p->engaged, n1), reviews_year_label(req, t->ay));
    int nh = p->nlevels + 2;
    const char **heads = or_arena_alloc(req->arena, sizeof *heads * (size_t)nh);
    heads[0] = "Area";
    for (int l = 0; l < p->nlevels; l++)
        heads[l + 1] = t->in->judgements[l];
    heads[nh - 1] = "Not judged yet";
    scroll_start(out, "levels-table", "Level of each area");
    gov_table_start(out, "Schools at each level, by area", heads, nh);
    for (int s = 0; s < p->nareas; s++) {
        gov_table_row_start(out);
        gov_td(out, t->area[s]);
        for (int l = 0; l <= p->nlevels; l++)
            gov_td_num(out, p->dist[s * (p->nlevels + 1) + l]);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void movement_table(or_sb *out, const web_request *req, const pf *t)
{
    const or_portfolio *p = &t->p;
    if (!p->nareas)
        return;
    html_printf(out,
                "<h2 class=\"govuk-heading-m\" id=\"movement\">Movement since %s</h2>\n"
                "<p class=\"govuk-body\">Each school's judgement of an area this year against "
                "its own the year before, where both years judged it. Up means towards %s.</p>\n",
                reviews_year_label(req, t->ay - 1), t->in->judgements[p->nlevels - 1]);
    const char *heads[] = {"Area", "Up a level or more", "The same", "Down"};
    scroll_start(out, "movement-table", "Movement since last year");
    gov_table_start(out, "Schools up, the same and down, by area", heads, 4);
    for (int s = 0; s < p->nareas; s++) {
        gov_table_row_start(out);
        gov_td(out, t->area[s]);
        gov_td_num(out, p->up[s]);
        gov_td_num(out, p->same[s]);
        gov_td_num(out, p->down[s]);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void portfolio_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    pf t;
    if (!prepare(req, res, snap, &t))
        return;
    list_paginate(&t.l, t.n);
    or_sb *out = &res->body;
    gov_page_start(out, req, t.l.nerrors ? "Error: Portfolio of reviews" : "Portfolio of reviews");
    html_printf(out,
                "<a class=\"govuk-back-link\" href=\"/reviews\">Back to reviews</a>\n"
                "<span class=\"govuk-caption-l\">%s, %s</span>\n"
                "<h1 class=\"govuk-heading-l\">Portfolio of reviews</h1>\n",
                t.in->title, reviews_year_label(req, t.ay));
    char a[OR_FMT_INT_LEN], b[OR_FMT_INT_LEN], c[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body-l\" id=\"engaged\"><strong>%s of %s schools</strong> "
                "engaged: a review started or complete in %s.</p>\n",
                or_fmt_int(t.p.engaged, a), or_fmt_int(t.p.schools, b),
                reviews_year_label(req, t.ay));
    gov_summary_start(out);
    gov_summary_row(out, "Reviews complete", or_fmt_int(t.p.complete, c));
    gov_summary_row(out, "Reviews started, not complete",
                    or_fmt_int(t.p.engaged - t.p.complete, a));
    gov_summary_end(out);
    html_raw(out, "<p class=\"govuk-body\">To see another instrument, academic year or phase, "
                  "use the <a class=\"govuk-link\" href=\"#due\">filter beside the reviews "
                  "due</a>: it applies to the whole page.</p>\n");
    levels_table(out, req, &t);
    movement_table(out, req, &t);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"due\">Reviews due</h2>\n"
                  "<p class=\"govuk-body\">Schools with no review this year, a review started "
                  "and not complete, or a review last completed more than 12 months ago.</p>\n");
    list_start(out, &t.l);
    if (list_table_start(out, &t.l)) {
        for (int k = t.l.first; k < t.l.last; k++) {
            int i = t.idx[k];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/schools/%d", t.p.rows[i].urn),
                        t.school[i]);
            gov_td(out, phase_words(t.phase[i]));
            gov_td(out, or_pf_due_words(t.p.rows[i].due));
            gov_td(out, iso_words(req, t.p.rows[i].last_completed));
            gov_table_row_end(out);
        }
        list_table_end(out, &t.l);
    }
    list_end(out, &t.l);
    gov_page_end(out, req);
}

void page_portfolio(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", portfolio_page);
}

static void portfolio_csv(const web_request *req, web_response *res, view_snapshot *snap)
{
    pf t;
    if (!prepare(req, res, snap, &t))
        return;
    or_csv w;
    if (!list_csv_start(&t.l, res, &w, t.n))
        return;
    char urn[16];
    for (int k = 0; k < t.n; k++) {
        int i = t.idx[k];
        snprintf(urn, sizeof urn, "%d", t.p.rows[i].urn);
        or_csv_text(&w, t.school[i]);
        or_csv_text(&w, urn);
        or_csv_text(&w, t.phase[i]);
        or_csv_text(&w, due_codes[t.p.rows[i].due]);
        or_csv_text(&w, t.p.rows[i].last_completed);
        or_csv_end_row(&w);
    }
}

void page_portfolio_download(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", portfolio_csv);
}
