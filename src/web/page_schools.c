/* page_schools.c - GET /schools[?q=TEXT&concern=1] : the LA's schools on the list engine
 * (list.h: sorted on the server, 25 to 100 a page), and GET /schools/download : the same
 * selection as CSV (list.c writes the "export" line). For the LA roles and the analyst (whose
 * figures are suppressed: "c"). Each row: the school (a link to its page), its phase, pupils on
 * roll (census), suspensions and permanent exclusions this school year, where it stands against
 * the LA's rate of pupils with one or more suspensions (the funnel plot: "of concern" above the
 * 99.8% limit) and its data sharing. q matches the name or the URN; concern=1 keeps the
 * schools of concern. No child is named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/list.h"
#include "web/view.h"

enum { F_Q, F_CONCERN, F__N };
static const gov_choice concern[] = {{"1", "Only schools of concern", NULL}};
static const list_filter filters[F__N] = {
    [F_Q] = {"q", "School name or URN", NULL, LIST_TEXT},
    [F_CONCERN] = {"concern", "Concern", NULL, LIST_CHECKBOXES, .choices = concern, .nchoices = 1},
};
enum { C_NAME, C_URN, C_PHASE, C_PUPILS, C_SUSP, C_PERM, C_FUNNEL, C_SHARING, C__N };
static const list_column columns[C__N] = {
    [C_NAME] = {"name", "School", "name", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_PHASE] = {"phase", "Phase", "phase", LIST_SORT},
    [C_PUPILS] = {"pupils", "Pupils on roll", "headcount", LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_SUSP] = {"suspensions", "Suspensions this year", "suspension",
                LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_PERM] = {"exclusions", "Permanent exclusions this year", "perm_excl",
                LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_FUNNEL] = {"concern", "Against the LA", "funnel", LIST_SORT},
    [C_SHARING] = {NULL, "Data sharing", NULL, 0},
};
static const list_spec spec = {
    "/schools",       "Schools", columns,        C__N,
    filters,          F__N,      .sort = "name", .csv_name = "onroll-schools",
    .noun = "schools"};

/* labels.h */
static const char *phase_words(const char *phase)
{
    static const char *const map[][2] = {
        {"primary", "Primary"},          {"secondary", "Secondary"},
        {"pru", "Pupil referral unit"},  {"special", "Special"},
        {"all-through", "All-through"},  {"nursery", "Nursery"},
        {"ap", "Alternative provision"}, {"16_plus", "16 plus"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcasecmp(phase, map[i][0]))
            return map[i][1];
    return phase;
}

typedef struct {
    list l;
    view_snapshot *snap;
    const view_school **rows;
    int n;
    const or_table *t;
} schools;

static const char *cell(const schools *b, const view_school *s, const char *col)
{
    return b->snap->have_report && s->row >= 0 ? view_report_cell(b->t, s->row, col) : "z";
}

static int funnel_rank(const char *f)
{
    static const char *const order[] = {"of concern", "watch", "within", "low", "very low"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(f, order[i]))
            return i;
    return 5;
}

typedef struct {
    const schools *b;
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const view_school *a = *(const view_school *const *)x, *c2 = *(const view_school *const *)y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_PHASE:
        c = strcmp(phase_words(a->phase), phase_words(c2->phase));
        break;
    case C_PUPILS:
    case C_SUSP:
    case C_PERM: {
        const char *col = s->col == C_PUPILS ? "headcount"
                          : s->col == C_SUSP ? "suspension"
                                             : "perm_excl";
        double va = atof(cell(s->b, a, col)), vb = atof(cell(s->b, c2, col));
        c = va < vb ? -1 : va > vb;
        break;
    }
    case C_FUNNEL:
        c = funnel_rank(cell(s->b, a, "funnel")) - funnel_rank(cell(s->b, c2, "funnel"));
        break;
    default:
        break;
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = strcasecmp(a->name, c2->name);
    return c ? c : a->urn - c2->urn;
}

static bool has(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = hay; n && *h; h++)
        if (!strncasecmp(h, needle, n))
            return true;
    return !n;
}

static bool load(const web_request *req, web_response *res, schools *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The schools' figures could not be worked out. Try again later.");
        return false;
    }
    b->t = &b->snap->report[req->user->role == OR_ROLE_ANALYST ? 0 : 1];
    list_init(&b->l, req, &spec);
    list_read(&b->l);
    const char *q = list_text(&b->l, F_Q);
    bool only = list_has(&b->l, F_CONCERN, "1");
    b->rows = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *b->rows);
    for (int i = 0; b->rows && i < b->snap->nschools; i++) {
        const view_school *s = &b->snap->schools[i];
        char urn[16];
        snprintf(urn, sizeof urn, "%d", s->urn);
        if (*q && !has(s->name, q) && strcmp(urn, q))
            continue;
        if (only && strcmp(cell(b, s, "funnel"), "of concern"))
            continue;
        b->rows[b->n++] = s;
    }
    sort_by s = {b, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

static void td_num(or_sb *out, const char *v)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*v && !*end)
        list_td_num(out, n);
    else
        html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n", v);
}

void page_schools(const web_request *req, web_response *res)
{
    schools b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    or_sb *out = &res->body;
    gov_page_start(out, req, "Schools");
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", b.snap->ay, (b.snap->ay + 1) % 100);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Schools</h1>\n");
    html_printf(out,
                "<p class=\"govuk-body\">Every school of the local authority: its suspensions and "
                "permanent exclusions in %s, the pupils with one or more suspensions against the "
                "local authority's rate, and its data sharing.</p>\n",
                year);
    list_start(out, &b.l);
    if (list_table_start(out, &b.l)) {
        for (int i = b.l.first; i < b.l.last; i++) {
            const view_school *s = b.rows[i];
            gov_table_row_start(out);
            html_printf(out,
                        "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                        "href=\"/schools/%d\">%s</a></td>\n",
                        s->urn, s->name);
            gov_td(out, phase_words(s->phase));
            td_num(out, cell(&b, s, "headcount"));
            td_num(out, cell(&b, s, "suspension"));
            td_num(out, cell(&b, s, "perm_excl"));
            html_raw(out, "<td class=\"govuk-table__cell\">");
            view_funnel_tag(out, cell(&b, s, "funnel"));
            html_raw(out, "</td>\n<td class=\"govuk-table__cell\">");
            const char *colour;
            const char *words = view_share_label(s->share, &colour);
            view_tag(out, words, colour);
            html_raw(out, "</td>\n");
            gov_table_row_end(out);
        }
        list_table_end(out, &b.l);
        html_raw(out, "<p class=\"govuk-body\">z: not applicable (no pupils on roll on census "
                      "day). c: a count of 1 or 2, or a figure built on one, suppressed.</p>\n");
    }
    list_end(out, &b.l);
    gov_page_end(out, req);
    view_snapshot_put(b.snap);
}

void page_schools_download(const web_request *req, web_response *res)
{
    schools b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const view_school *s = b.rows[i];
        or_csv_text(&w, s->name);
        or_csv_int(&w, s->urn);
        or_csv_text(&w, s->phase);
        or_csv_number(&w, cell(&b, s, "headcount"));
        or_csv_number(&w, cell(&b, s, "suspension"));
        or_csv_number(&w, cell(&b, s, "perm_excl"));
        or_csv_text(&w, cell(&b, s, "funnel"));
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}
