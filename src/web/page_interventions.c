/* page_interventions.c - GET /interventions : the interventions directory, searched.
 *
 * A GET form (it works without JavaScript; every search is a link that can be shared): words,
 * needs (any of those ticked), levels of need (any of those ticked), a phase, a provider and a
 * cost; the LA may include the entries no longer offered. The results, PAGE_ROWS a page, by
 * name: each entry's name (a link to its page), level of need as a tag, provider, phases and
 * needs; the count found; pagination. The filters of the search live in the query string:
 * q, need (repeated), level (repeated), phase, provider, cost, inactive, page.
 *
 * Who: every role that works with children (routes.c: all but the analyst, whose work is the
 * published statistics; the directory holds no child's data, but it is the tool of those who
 * decide a child's support). Nothing of a pupil is read, so nothing is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store_interventions.h"
#include "web/interventions_view.h"

enum { PAGE_ROWS = 20, QUERY_MAX = 100, PROVIDERS_MAX = 200 };

typedef struct {
    const char *q, *phase, *provider, *cost;
    unsigned needs, levels;
    bool inactive;
    int page;
} filters;

/* Every value of a repeated query parameter that is a term, as a bit set; *bad if one is not. */
static unsigned query_set(const web_request *req, const char *name, const or_iv_term *terms, int n,
                          bool *bad)
{
    unsigned set = 0;
    for (int i = 0; i < req->query.n; i++) {
        if (strcmp(req->query.items[i].name, name) || !*req->query.items[i].value)
            continue;
        int t = or_iv_find(terms, n, req->query.items[i].value);
        if (t < 0)
            *bad = true;
        else
            set |= 1u << t;
    }
    return set;
}

/* The query string of a search (for pagination), without '?', escaped for an attribute. */
static void search_link(or_sb *out, const filters *f, int page)
{
    html_printf(out, "/interventions?q=%t", f->q);
    for (int i = 0; i < OR_IV_NEED__N; i++)
        if (f->needs & (1u << i))
            html_printf(out, "&amp;need=%t", or_iv_needs[i].id);
    for (int i = 0; i < OR_IV_LEVEL__N; i++)
        if (f->levels & (1u << i))
            html_printf(out, "&amp;level=%t", or_iv_levels[i].id);
    html_printf(out, "&amp;phase=%t&amp;provider=%t&amp;cost=%t", f->phase, f->provider, f->cost);
    if (f->inactive)
        html_raw(out, "&amp;inactive=1");
    html_printf(out, "&amp;page=%d", page);
}

/* ---- the results ---- */

/* One result, as much of it as the list shows (strings in the request's arena). */
typedef struct {
    const char *id, *name, *provider;
    or_iv_level level;
    unsigned phases, needs;
    bool active;
} result;

typedef struct {
    or_arena *a;
    result items[PAGE_ROWS];
    int n;
} results;

static or_code on_result(void *ctx, const or_intervention *e, or_error *err)
{
    (void)err;
    results *r = ctx;
    if (r->n < PAGE_ROWS)
        r->items[r->n++] = (result){or_arena_strdup(r->a, e->id),
                                    or_arena_strdup(r->a, e->name),
                                    or_arena_strdup(r->a, e->provider),
                                    e->level,
                                    e->phases,
                                    e->needs,
                                    e->active};
    return OR_OK;
}

static void show_result(or_sb *out, or_arena *a, const result *e)
{
    html_raw(out, "<li class=\"onroll-result\">\n");
    html_printf(out,
                "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a class=\"govuk-link\" "
                "href=\"/interventions/%t\">%s</a></h3>\n",
                e->id, e->name);
    html_raw(out, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
    iv_level_tag(out, e->level);
    if (!e->active)
        html_raw(out, " <strong class=\"govuk-tag govuk-tag--grey\">No longer offered</strong>");
    html_printf(out, " %s</p>\n", e->provider);
    html_printf(out,
                "<p class=\"govuk-body-s govuk-!-margin-bottom-1\"><span "
                "class=\"onroll-secondary\">Phases:</span> %s</p>\n",
                iv_set_words(a, or_iv_phases, OR_IV_PHASE__N, e->phases, "Every phase"));
    html_printf(out,
                "<p class=\"govuk-body-s\"><span class=\"onroll-secondary\">Needs:</span> %s"
                "</p>\n",
                iv_set_words(a, or_iv_needs, OR_IV_NEED__N, e->needs, NULL));
    html_raw(out, "</li>\n");
}

/* ---- the filters ---- */

typedef struct {
    gov_choice items[PROVIDERS_MAX + 1];
    int n;
    or_arena *a;
} providers;

static or_code on_provider(void *ctx, const char *text, or_error *err)
{
    (void)err;
    providers *p = ctx;
    if (p->n <= PROVIDERS_MAX) {
        const char *t = or_arena_strdup(p->a, text);
        p->items[p->n++] = (gov_choice){t, t, NULL};
    }
    return OR_OK;
}

static void filter_form(or_sb *out, const web_request *req, const filters *f, const providers *pr,
                        const gov_error *errs, int nerrs)
{
    gov_form_start(out, req, "get", "/interventions");
    html_raw(out, "<h2 class=\"govuk-heading-m\">Search and filter</h2>\n");
    gov_text_input(out, "q", "Search", "Words in the name, description or provider", f->q, NULL,
                   gov_error_for(errs, nerrs, "q"));
    gov_choice needs[OR_IV_NEED__N], levels[OR_IV_LEVEL__N];
    bool nt[OR_IV_NEED__N], lt[OR_IV_LEVEL__N];
    for (int i = 0; i < OR_IV_NEED__N; i++) {
        needs[i] = (gov_choice){or_iv_needs[i].id, or_iv_needs[i].label, NULL};
        nt[i] = (f->needs & (1u << i)) != 0;
    }
    for (int i = 0; i < OR_IV_LEVEL__N; i++) {
        levels[i] = (gov_choice){or_iv_levels[i].id, or_iv_levels[i].label, NULL};
        lt[i] = (f->levels & (1u << i)) != 0;
    }
    gov_checkboxes(out, "level", "Level of need", NULL, levels, OR_IV_LEVEL__N, lt,
                   gov_error_for(errs, nerrs, "level"));
    gov_checkboxes(out, "need", "Need", "Entries for any of the needs you select", needs,
                   OR_IV_NEED__N, nt, gov_error_for(errs, nerrs, "need"));
    gov_choice phases[OR_IV_PHASE__N + 1] = {{"", "Any phase", NULL}};
    for (int i = 0; i < OR_IV_PHASE__N; i++)
        phases[i + 1] = (gov_choice){or_iv_phases[i].id, or_iv_phases[i].label, NULL};
    gov_select(out, "phase", "Phase", NULL, phases, OR_IV_PHASE__N + 1, f->phase,
               gov_error_for(errs, nerrs, "phase"));
    gov_choice costs[OR_IV_COST__N + 1] = {{"", "Any cost", NULL}};
    for (int i = 0; i < OR_IV_COST__N; i++)
        costs[i + 1] = (gov_choice){or_iv_costs[i].id, or_iv_costs[i].label, NULL};
    gov_select(out, "cost", "Cost", NULL, costs, OR_IV_COST__N + 1, f->cost,
               gov_error_for(errs, nerrs, "cost"));
    gov_select(out, "provider", "Provider", NULL, pr->items, pr->n, f->provider, NULL);
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (la) {
        gov_choice inactive = {"1", "Include entries no longer offered", NULL};
        gov_checkboxes(out, "inactive", "Entries no longer offered", NULL, &inactive, 1,
                       &f->inactive, NULL);
    }
    html_raw(out, "<div class=\"govuk-button-group\">\n");
    gov_button(out, "Apply filters", false);
    html_raw(out, "<a class=\"govuk-link\" href=\"/interventions\">Clear filters</a>\n</div>\n");
    gov_form_end(out);
}

static void pagination(or_sb *out, const filters *f, int page, int pages)
{
    if (pages <= 1)
        return;
    html_raw(out, "<nav class=\"govuk-pagination\" aria-label=\"Pages of results\">\n");
    if (page > 1) {
        html_raw(out, "<div class=\"govuk-pagination__prev\">\n<a class=\"govuk-link "
                      "govuk-pagination__link\" href=\"");
        search_link(out, f, page - 1);
        html_raw(out, "\" rel=\"prev\"><span class=\"govuk-pagination__link-title\">Previous"
                      "<span class=\"govuk-visually-hidden\"> page</span></span></a>\n</div>\n");
    }
    html_printf(out, "<p class=\"govuk-body govuk-!-margin-bottom-0\">Page %d of %d</p>\n", page,
                pages);
    if (page < pages) {
        html_raw(out, "<div class=\"govuk-pagination__next\">\n<a class=\"govuk-link "
                      "govuk-pagination__link\" href=\"");
        search_link(out, f, page + 1);
        html_raw(out, "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next"
                      "<span class=\"govuk-visually-hidden\"> page</span></span></a>\n</div>\n");
    }
    html_raw(out, "</nav>\n");
}

void page_interventions(const web_request *req, web_response *res)
{
    filters f = {0};
    f.q = web_query(req, "q");
    f.phase = web_query(req, "phase");
    f.provider = web_query(req, "provider");
    f.cost = web_query(req, "cost");
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    f.inactive = la && !strcmp(web_query(req, "inactive"), "1");
    f.page = atoi(web_query(req, "page"));
    if (f.page < 1)
        f.page = 1;
    gov_error errs[6];
    int nerrs = 0;
    bool bad_need = false, bad_level = false;
    f.needs = query_set(req, "need", or_iv_needs, OR_IV_NEED__N, &bad_need);
    f.levels = query_set(req, "level", or_iv_levels, OR_IV_LEVEL__N, &bad_level);
    int phase = *f.phase ? or_iv_find(or_iv_phases, OR_IV_PHASE__N, f.phase) : -1;
    int cost = *f.cost ? or_iv_find(or_iv_costs, OR_IV_COST__N, f.cost) : -1;
    if (strlen(f.q) > QUERY_MAX)
        errs[nerrs++] = (gov_error){"q", "Search must be 100 characters or fewer"};
    if (bad_level)
        errs[nerrs++] = (gov_error){"level", "Select levels of need from the list"};
    if (bad_need)
        errs[nerrs++] = (gov_error){"need", "Select needs from the list"};
    if (*f.phase && phase < 0)
        errs[nerrs++] = (gov_error){"phase", "Select a phase from the list"};
    if (*f.cost && cost < 0)
        errs[nerrs++] = (gov_error){"cost", "Select a cost from the list"};

    or_error err = {0};
    providers pr = {.n = 1, .a = req->arena};
    pr.items[0] = (gov_choice){"", "Any provider", NULL};
    if (or_iv_providers(req->store, on_provider, &pr, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The directory could not be read. Try again later.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, nerrs ? "Error: Interventions directory" : "Interventions directory");
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "The entry was saved.", true);
    gov_error_summary(out, errs, nerrs);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Interventions directory</h1>\n"
                  "<p class=\"govuk-body\">What schools and the local authority can put in place "
                  "for a child before exclusion is considered: programmes, services and referral "
                  "routes, each with its level of need, how to get it and what evidence there "
                  "is. Seeded from Hackney's <i>No Need to Exclude</i> guide.</p>\n");
    if (la)
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/interventions/new\">"
                      "Add an entry to the directory</a></p>\n");
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
    filter_form(out, req, &f, &pr, errs, nerrs);
    html_raw(out, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
    if (nerrs) {
        html_raw(out, "<p class=\"govuk-body\">Correct the search to see results.</p>\n");
        html_raw(out, "</div>\n</div>\n");
        gov_page_end(out, req);
        res->status = 400;
        return;
    }
    or_iv_query q = {.text = f.q,
                     .needs = f.needs,
                     .levels = f.levels,
                     .phases = phase >= 0 ? 1u << phase : 0,
                     .costs = cost >= 0 ? 1u << cost : 0,
                     .provider = f.provider,
                     .inactive = f.inactive,
                     .offset = (f.page - 1) * PAGE_ROWS,
                     .limit = PAGE_ROWS};
    int64_t total = 0;
    results *r = or_arena_alloc(req->arena, sizeof *r);
    r->a = req->arena;
    r->n = 0;
    or_code rc = or_iv_search(req->store, &q, on_result, r, &total, &err);
    int pages = total ? (int)((total + PAGE_ROWS - 1) / PAGE_ROWS) : 1;
    if (!rc && f.page > pages) { /* past the end: the last page */
        f.page = pages;
        q.offset = (f.page - 1) * PAGE_ROWS;
        r->n = 0;
        rc = or_iv_search(req->store, &q, on_result, r, NULL, &err);
    }
    if (rc) {
        or_sb_reset(out);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The directory could not be searched. Try again later.");
        return;
    }
    html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"results\">%lld %s found</h2>\n",
                (long long)total, total == 1 ? "intervention" : "interventions");
    if (r->n) {
        if (pages > 1)
            html_printf(out, "<p class=\"govuk-body-s\">By name, page %d of %d.</p>\n", f.page,
                        pages);
        html_raw(out, "<ul class=\"govuk-list onroll-results\" aria-labelledby=\"results\">\n");
        for (int i = 0; i < r->n; i++)
            show_result(out, req->arena, &r->items[i]);
        html_raw(out, "</ul>\n");
    } else {
        html_raw(out,
                 "<p class=\"govuk-body\">No entry matches. Try fewer words or filters.</p>\n");
    }
    pagination(out, &f, f.page, pages);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}
