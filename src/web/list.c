/* list.c - the list engine (list.h): a declared list's filters, sort and page read from the
 * query; the MOJ filter layout, the sortable table, the pagination and the CSV download. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/list.h"
#include "web/view.h"

enum { TEXT_MAX = 100 }; /* bytes of a text filter kept */

/* ---- the bounds (pure) ---- */

/* A whole number of at most 9 digits, else -1. */
static int whole(const char *s)
{
    if (!s || !*s || strlen(s) > 9)
        return -1;
    int n = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

int list_parse_per_page(const char *text)
{
    int n = whole(text);
    return n == 25 || n == 50 || n == 100 ? n : LIST_PER_PAGE;
}

int list_parse_page(const char *text)
{
    int n = whole(text);
    return n >= 1 ? n : 1;
}

int list_clamp_page(int page, long long total, int per_page)
{
    if (per_page < 1)
        per_page = LIST_PER_PAGE;
    long long pages = total > 0 ? (total + per_page - 1) / per_page : 1;
    if (page < 1)
        return 1;
    return page > pages ? (int)pages : page;
}

/* ---- reading ---- */

void list_init(list *l, const web_request *req, const list_spec *spec)
{
    memset(l, 0, sizeof *l);
    l->req = req;
    l->spec = spec;
    size_t nf = (size_t)(spec->nfilters > 0 ? spec->nfilters : 1);
    l->filters = or_arena_alloc(req->arena, nf * sizeof *l->filters);
    l->v = or_arena_alloc(req->arena, nf * sizeof *l->v);
    for (int i = 0; i < spec->nfilters; i++) {
        l->filters[i] = spec->filters[i];
        l->v[i] =
            (list_value){.text = "", .date = OR_DATE_NONE, .day = "", .month = "", .year = ""};
    }
    l->page = 1;
    l->per_page = LIST_PER_PAGE;
    l->sort = list_column_of(l, spec->sort);
    if (l->sort < 0)
        l->sort = 0;
    l->desc = spec->desc;
    l->pages = 1;
}

void list_choices(list *l, int i, const gov_choice *choices, int n)
{
    if (i < 0 || i >= l->spec->nfilters)
        return;
    l->filters[i].choices = choices;
    l->filters[i].nchoices = n;
}

int list_column_of(const list *l, const char *key)
{
    if (!key)
        return -1;
    for (int c = 0; c < l->spec->ncolumns; c++)
        if (l->spec->columns[c].key && (l->spec->columns[c].flags & LIST_SORT) &&
            !strcmp(l->spec->columns[c].key, key))
            return c;
    return -1;
}

static const gov_choice *choice_of(const list_filter *f, const char *value)
{
    for (int k = 0; k < f->nchoices; k++)
        if (!strcmp(f->choices[k].value, value))
            return &f->choices[k];
    return NULL;
}

static const char *lower_first(or_arena *a, const char *s)
{
    char *t = or_arena_strdup(a, s);
    if (t[0] && isupper((unsigned char)t[0]) && !(t[1] && isupper((unsigned char)t[1])))
        t[0] = (char)tolower((unsigned char)t[0]);
    return t;
}

static void refuse(list *l, int i, const char *message)
{
    l->v[i].error = message;
    if (l->nerrors < LIST_MAX_ERRORS)
        l->errors[l->nerrors++] =
            (gov_error){l->filters[i].type == LIST_DATE
                            ? or_arena_printf(l->req->arena, "%s-day", l->filters[i].name)
                            : l->filters[i].name,
                        message};
}

static const char *not_a_choice(list *l, int i)
{
    const list_filter *f = &l->filters[i];
    if (f->missing)
        return f->missing;
    return or_arena_printf(l->req->arena, "Select a %s from the list",
                           lower_first(l->req->arena, f->label));
}

/* Spaces at either end off, at most TEXT_MAX bytes (cut at a character's start). */
static const char *trimmed(or_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n > TEXT_MAX) {
        n = TEXT_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return or_arena_strndup(a, s, n);
}

static void read_filter(list *l, int i)
{
    const web_request *req = l->req;
    const list_filter *f = &l->filters[i];
    list_value *v = &l->v[i];
    switch (f->type) {
    case LIST_TEXT:
        v->text = trimmed(req->arena, web_query(req, f->name));
        break;
    case LIST_SELECT: {
        const char *s = web_query(req, f->name);
        if (!*s)
            break;
        if (choice_of(f, s))
            v->text = s;
        else
            refuse(l, i, not_a_choice(l, i));
        break;
    }
    case LIST_DATE: {
        char name[3][96];
        const char *part[3];
        static const char *const suffix[3] = {"day", "month", "year"};
        for (int k = 0; k < 3; k++) {
            snprintf(name[k], sizeof name[k], "%s-%s", f->name, suffix[k]);
            part[k] = web_query(req, name[k]);
        }
        const char *s = *part[0] || *part[1] || *part[2]
                            ? web_date_from_parts(req->arena, part[0], part[1], part[2])
                            : trimmed(req->arena, web_query(req, f->name));
        if (!*s)
            break;
        or_date d;
        if (or_date_parse(s, &d)) {
            v->date = d;
            char iso[11];
            or_date_format(d, iso);
            v->text = or_arena_strdup(req->arena, iso);
            char dd[3], mm[3], yy[5];
            web_date_parts(d, dd, mm, yy);
            v->day = or_arena_strdup(req->arena, dd);
            v->month = or_arena_strdup(req->arena, mm);
            v->year = or_arena_strdup(req->arena, yy);
        } else {
            v->day = part[0];
            v->month = part[1];
            v->year = part[2];
            refuse(l, i,
                   or_arena_printf(req->arena, "%s must be a real date, for example 8 12 2026",
                                   f->label));
        }
        break;
    }
    case LIST_CHECKBOXES: {
        const web_params *q = &req->query;
        v->items = or_arena_alloc(req->arena, ((size_t)f->nchoices + 1) * sizeof *v->items);
        bool bad = false;
        for (int k = 0; k < q->n; k++) {
            if (strcmp(q->items[k].name, f->name) || !*q->items[k].value)
                continue;
            const gov_choice *c = choice_of(f, q->items[k].value);
            if (!c) {
                bad = true;
                continue;
            }
            bool dup = false;
            for (int j = 0; j < v->nitems; j++)
                dup |= !strcmp(v->items[j], c->value);
            if (!dup && v->nitems < f->nchoices)
                v->items[v->nitems++] = c->value;
        }
        if (bad)
            refuse(l, i, not_a_choice(l, i));
        if (v->nitems)
            v->text = v->items[0];
        break;
    }
    }
}

void list_read(list *l)
{
    for (int i = 0; i < l->spec->nfilters; i++)
        read_filter(l, i);
    l->page = list_parse_page(web_query(l->req, "page"));
    l->per_page = list_parse_per_page(web_query(l->req, "per_page"));
    int c = list_column_of(l, web_query(l->req, "sort"));
    if (c >= 0) {
        l->sort = c;
        l->desc = (l->spec->columns[c].flags & LIST_DESC) != 0;
        l->sort_asked = true;
    }
    const char *order = web_query(l->req, "order");
    if (!strcmp(order, "asc") || !strcmp(order, "desc")) {
        l->desc = !strcmp(order, "desc");
        l->sort_asked = true;
    }
}

const char *list_text(const list *l, int i)
{
    return i >= 0 && i < l->spec->nfilters ? l->v[i].text : "";
}

or_date list_date(const list *l, int i)
{
    return i >= 0 && i < l->spec->nfilters ? l->v[i].date : OR_DATE_NONE;
}

bool list_has(const list *l, int i, const char *value)
{
    if (i < 0 || i >= l->spec->nfilters)
        return false;
    const list_value *v = &l->v[i];
    if (l->filters[i].type == LIST_CHECKBOXES) {
        for (int k = 0; k < v->nitems; k++)
            if (!strcmp(v->items[k], value))
                return true;
        return false;
    }
    return *v->text && !strcmp(v->text, value);
}

bool list_set(const list *l, int i)
{
    return i >= 0 && i < l->spec->nfilters && *l->v[i].text;
}

int list_sort(const list *l)
{
    return l->sort;
}

bool list_desc(const list *l)
{
    return l->desc;
}

void list_paginate(list *l, long long total)
{
    l->total = total < 0 ? 0 : total;
    l->pages = l->total ? (int)((l->total + l->per_page - 1) / l->per_page) : 1;
    l->page = list_clamp_page(l->page, l->total, l->per_page);
    long long first = (long long)(l->page - 1) * l->per_page;
    long long last = first + l->per_page < l->total ? first + l->per_page : l->total;
    l->first = (int)first;
    l->last = (int)last;
}

/* ---- links ---- */

/* What a link changes from the list as it is shown. */
typedef struct {
    int page, per_page, sort;
    bool desc;
    int drop;              /* a filter to leave out (-1: none) */
    const char *drop_item; /* ... only this item of it (checkboxes), or NULL: all of it */
    bool download, clear;  /* PATH/download (no page); no filters at all */
} link_opts;

static link_opts here(const list *l)
{
    return (link_opts){l->page, l->per_page, l->sort, l->desc, -1, NULL, false, false};
}

static void param(or_sb *sb, bool *any, const char *name, const char *value)
{
    or_sb_addc(sb, *any ? '&' : '?');
    *any = true;
    html_url(sb, name);
    or_sb_addc(sb, '=');
    html_url(sb, value);
}

/* The list's path with the query of o (a URL this program built, in req->arena). */
static const char *link_path(const list *l, link_opts o)
{
    or_sb sb = {0};
    or_sb_adds(&sb, l->spec->path);
    if (o.download)
        or_sb_adds(&sb, "/download");
    bool any = false;
    for (int i = 0; i < l->spec->nfilters && !o.clear; i++) {
        const list_value *v = &l->v[i];
        if (i == o.drop && !o.drop_item)
            continue;
        if (l->filters[i].type == LIST_CHECKBOXES) {
            for (int k = 0; k < v->nitems; k++)
                if (!(i == o.drop && !strcmp(v->items[k], o.drop_item)))
                    param(&sb, &any, l->filters[i].name, v->items[k]);
        } else if (*v->text) {
            param(&sb, &any, l->filters[i].name, v->text);
        }
    }
    int def = list_column_of(l, l->spec->sort);
    if (def < 0)
        def = 0;
    if (o.sort != def || o.desc != l->spec->desc) {
        param(&sb, &any, "sort", l->spec->columns[o.sort].key);
        param(&sb, &any, "order", o.desc ? "desc" : "asc");
    }
    if (!o.download && o.per_page != LIST_PER_PAGE) {
        char n[16];
        snprintf(n, sizeof n, "%d", o.per_page);
        param(&sb, &any, "per_page", n);
    }
    if (!o.download && o.page > 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", o.page);
        param(&sb, &any, "page", n);
    }
    const char *s = or_arena_strdup(l->req->arena, or_sb_str(&sb));
    or_sb_release(&sb);
    return s;
}

const char *list_here(const list *l)
{
    return link_path(l, here(l));
}

/* ---- the filter panel ---- */

static const char *value_label(const list *l, int i, const char *value)
{
    const list_filter *f = &l->filters[i];
    if (f->type == LIST_DATE) {
        char *buf = or_arena_alloc(l->req->arena, 24);
        return view_date(l->v[i].date, buf);
    }
    const gov_choice *c = f->type == LIST_TEXT ? NULL : choice_of(f, value);
    return c ? c->label : value;
}

static void tag(or_sb *out, const list *l, int i, const char *item)
{
    link_opts o = here(l);
    o.page = 1;
    o.drop = i;
    o.drop_item = item;
    const char *tag_href = link_path(l, o);
    html_printf(out,
                "<li><a class=\"moj-filter__tag\" href=\"%s\"><span "
                "class=\"govuk-visually-hidden\">Remove this filter: %s:</span> %s</a></li>\n",
                tag_href, l->filters[i].label, value_label(l, i, item ? item : l->v[i].text));
}

static void selected(or_sb *out, const list *l)
{
    bool anyset = false;
    for (int i = 0; i < l->spec->nfilters; i++)
        anyset |= list_set(l, i);
    if (!anyset)
        return;
    link_opts o = here(l);
    o.page = 1;
    o.clear = true;
    const char *clear_href = link_path(l, o);
    html_printf(
        out,
        "<div class=\"moj-filter__selected\">\n<div class=\"moj-filter__selected-heading\">\n"
        "<div class=\"moj-filter__heading-title\">\n"
        "<h3 class=\"govuk-heading-m\">Selected filters</h3>\n</div>\n"
        "<div class=\"moj-filter__heading-action\">\n<p class=\"govuk-body\"><a "
        "class=\"govuk-link govuk-link--no-visited-state\" href=\"%s\">Clear "
        "filters</a></p>\n</div>\n</div>\n",
        clear_href);
    for (int i = 0; i < l->spec->nfilters; i++) {
        if (!list_set(l, i))
            continue;
        html_printf(out, "<h4 class=\"govuk-heading-s govuk-!-margin-bottom-0\">%s</h4>\n",
                    l->filters[i].label);
        html_raw(out, "<ul class=\"moj-filter-tags\">\n");
        if (l->filters[i].type == LIST_CHECKBOXES)
            for (int k = 0; k < l->v[i].nitems; k++)
                tag(out, l, i, l->v[i].items[k]);
        else
            tag(out, l, i, NULL);
        html_raw(out, "</ul>\n");
    }
    html_raw(out, "</div>\n");
}

static void filter_input(or_sb *out, const list *l, int i)
{
    const list_filter *f = &l->filters[i];
    const list_value *v = &l->v[i];
    switch (f->type) {
    case LIST_TEXT:
        gov_text_input(out, f->name, f->label, f->hint, v->text, NULL, v->error);
        break;
    case LIST_SELECT: {
        gov_choice *items =
            or_arena_alloc(l->req->arena, ((size_t)f->nchoices + 1) * sizeof *items);
        items[0] = (gov_choice){"", f->any ? f->any : "Any", NULL};
        for (int k = 0; k < f->nchoices; k++)
            items[k + 1] = f->choices[k];
        gov_select(out, f->name, f->label, f->hint, items, f->nchoices + 1, v->text, v->error);
        break;
    }
    case LIST_DATE:
        gov_date_input(out, f->name, f->label, f->hint ? f->hint : "For example, 8 12 2026", v->day,
                       v->month, v->year, v->error);
        break;
    case LIST_CHECKBOXES: {
        bool *ticked = or_arena_alloc(l->req->arena, ((size_t)f->nchoices + 1) * sizeof *ticked);
        for (int k = 0; k < f->nchoices; k++)
            ticked[k] = list_has(l, i, f->choices[k].value);
        gov_checkboxes(out, f->name, f->label, f->hint, f->choices, f->nchoices, ticked, v->error);
        break;
    }
    }
}

static void filter_panel(or_sb *out, const list *l)
{
    html_raw(out, "<div class=\"moj-filter-layout__filter\">\n<div class=\"moj-filter\">\n"
                  "<div class=\"moj-filter__header\">\n<div class=\"moj-filter__header-title\">\n"
                  "<h2 class=\"govuk-heading-m\">Filter</h2>\n</div>\n"
                  "<div class=\"moj-filter__header-action\"></div>\n</div>\n"
                  "<div class=\"moj-filter__content\">\n");
    selected(out, l);
    html_raw(out, "<div class=\"moj-filter__options\">\n");
    gov_form_start(out, l->req, "get", l->spec->path);
    for (int i = 0; i < l->spec->nfilters; i++)
        filter_input(out, l, i);
    /* the sort and page size carried; a new filter starts at page 1 */
    int def = list_column_of(l, l->spec->sort);
    if (l->sort != (def < 0 ? 0 : def) || l->desc != l->spec->desc) {
        gov_hidden(out, "sort", l->spec->columns[l->sort].key);
        gov_hidden(out, "order", l->desc ? "desc" : "asc");
    }
    if (l->per_page != LIST_PER_PAGE) {
        char n[16];
        snprintf(n, sizeof n, "%d", l->per_page);
        gov_hidden(out, "per_page", n);
    }
    html_raw(out, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
                  "Apply filters</button>\n");
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n</div>\n</div>\n");
}

/* ---- the results ---- */

static void per_page_links(or_sb *out, const list *l)
{
    static const int sizes[3] = {25, 50, 100};
    html_raw(out, "<p class=\"govuk-body\">Show ");
    for (int k = 0; k < 3; k++) {
        if (k == 1)
            html_raw(out, ", ");
        else if (k == 2)
            html_raw(out, " or ");
        if (sizes[k] == l->per_page) {
            html_printf(out, "<b>%d</b>", sizes[k]);
        } else {
            link_opts o = here(l);
            o.per_page = sizes[k];
            o.page = 1;
            const char *size_href = link_path(l, o);
            html_printf(out,
                        "<a class=\"govuk-link\" href=\"%s\">%d<span "
                        "class=\"govuk-visually-hidden\"> results</span></a>",
                        size_href, sizes[k]);
        }
    }
    html_raw(out, " a page</p>\n");
}

void list_start(or_sb *out, const list *l)
{
    html_raw(out, "<div class=\"moj-filter-layout\">\n");
    filter_panel(out, l);
    html_raw(out, "<div class=\"moj-filter-layout__content\">\n");
    gov_error_summary(out, l->errors, l->nerrors);
    char a[32], b[32], c[32];
    if (l->total)
        html_printf(out,
                    "<p class=\"govuk-body moj-pagination__results\" id=\"list-count\">Showing "
                    "<b>%s</b> to <b>%s</b> of <b>%s</b> %s</p>\n",
                    or_fmt_int(l->first + 1, a), or_fmt_int(l->last, b), or_fmt_int(l->total, c),
                    l->total == 1 ? "result" : "results");
    else
        html_raw(out, "<p class=\"govuk-body\" id=\"list-count\"><b>0</b> results</p>\n");
    if (l->total > LIST_PER_PAGE)
        per_page_links(out, l);
    if (l->total) {
        link_opts o = here(l);
        o.download = true;
        const char *csv_href = link_path(l, o);
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\" "
                    "download>Download this list (CSV)</a></p>\n",
                    csv_href);
    }
}

static void list_none(or_sb *out, const list *l);

bool list_table_start(or_sb *out, const list *l)
{
    if (l->total == 0) { /* "No NOUN match these filters." in place of the table */
        list_none(out, l);
        return false;
    }
    html_printf(out,
                "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">\n"
                "<table class=\"govuk-table onroll-list\">\n<caption class=\"govuk-table__caption "
                "govuk-table__caption--m\">%s</caption>\n<thead class=\"govuk-table__head\">\n"
                "<tr class=\"govuk-table__row\">\n",
                l->spec->caption, l->spec->caption);
    for (int c = 0; c < l->spec->ncolumns; c++) {
        const list_column *col = &l->spec->columns[c];
        if (!col->heading)
            continue;
        const char *num = col->flags & LIST_NUMERIC ? " govuk-table__header--numeric" : "";
        if (!(col->flags & LIST_SORT) || !col->key) {
            html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n", num,
                        col->heading);
            continue;
        }
        link_opts o = here(l);
        o.page = 1;
        o.sort = c;
        o.desc = c == l->sort ? !l->desc : (col->flags & LIST_DESC) != 0;
        const char *sort_href = link_path(l, o);
        const char *aria = c != l->sort ? "none" : l->desc ? "descending" : "ascending";
        html_printf(out,
                    "<th scope=\"col\" class=\"govuk-table__header%s\" aria-sort=\"%s\"><a "
                    "class=\"govuk-link onroll-sort\" href=\"%s\">%s<span "
                    "class=\"govuk-visually-hidden\">, sort %s</span></a></th>\n",
                    num, aria, sort_href, col->heading,
                    o.desc ? "in descending order" : "in ascending order");
    }
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    return true;
}

void list_td_num(or_sb *out, long long n)
{
    char buf[32];
    html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n",
                or_fmt_int(n, buf));
}

static void page_item(or_sb *out, const list *l, int p)
{
    link_opts o = here(l);
    o.page = p;
    const char *page_href = link_path(l, o);
    if (p == l->page)
        html_printf(out,
                    "<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a "
                    "class=\"govuk-link govuk-pagination__link\" href=\"%s\" aria-label=\"Page "
                    "%d\" aria-current=\"page\">%d</a></li>\n",
                    page_href, p, p);
    else
        html_printf(out,
                    "<li class=\"govuk-pagination__item\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"%s\" aria-label=\"Page %d\">%d</a></li>\n",
                    page_href, p, p);
}

static void pagination(or_sb *out, const list *l)
{
    if (l->pages <= 1)
        return;
    html_raw(out, "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">\n");
    if (l->page > 1) {
        link_opts o = here(l);
        o.page = l->page - 1;
        const char *prev_href = link_path(l, o);
        html_printf(out,
                    "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"%s\" rel=\"prev\"><svg "
                    "class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "
                    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
                    "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
                    "d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768"
                    "h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg><span "
                    "class=\"govuk-pagination__link-title\">Previous<span "
                    "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
                    prev_href);
    }
    html_raw(out, "<ul class=\"govuk-pagination__list\">\n");
    /* the first, the last, and the current with one either side; an ellipsis for a gap */
    int shown = 0;
    for (int p = 1; p <= l->pages; p++) {
        if (p == 1 || p == l->pages || (p >= l->page - 1 && p <= l->page + 1)) {
            if (shown && p > shown + 1)
                html_raw(out, "<li class=\"govuk-pagination__item "
                              "govuk-pagination__item--ellipses\">&ctdot;</li>\n");
            page_item(out, l, p);
            shown = p;
        }
    }
    html_raw(out, "</ul>\n");
    if (l->page < l->pages) {
        link_opts o = here(l);
        o.page = l->page + 1;
        const char *next_href = link_path(l, o);
        html_printf(out,
                    "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"%s\" rel=\"next\"><span "
                    "class=\"govuk-pagination__link-title\">Next<span "
                    "class=\"govuk-visually-hidden\"> page</span></span><svg "
                    "class=\"govuk-pagination__icon govuk-pagination__icon--next\" "
                    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
                    "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
                    "d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 "
                    "3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div>\n",
                    next_href);
    }
    html_raw(out, "</nav>\n");
}

void list_table_end(or_sb *out, const list *l)
{
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    pagination(out, l);
}

static void list_none(or_sb *out, const list *l)
{
    bool anyset = false;
    for (int i = 0; i < l->spec->nfilters; i++)
        anyset |= list_set(l, i);
    const char *noun = l->spec->noun ? l->spec->noun : "results";
    if (!anyset) {
        html_printf(out, "<p class=\"govuk-body\">There are no %s.</p>\n", noun);
        return;
    }
    link_opts o = here(l);
    o.page = 1;
    o.clear = true;
    const char *clear_href = link_path(l, o);
    html_printf(out,
                "<p class=\"govuk-body\">No %s match these filters. <a class=\"govuk-link\" "
                "href=\"%s\">Clear filters</a></p>\n",
                noun, clear_href);
}

void list_end(or_sb *out, const list *l)
{
    (void)l;
    html_raw(out, "</div>\n</div>\n");
}

/* ---- the download ---- */

bool list_csv_start(list *l, web_response *res, or_csv *w, long long n)
{
    const web_request *req = l->req;
    /* what was downloaded, for the audit log: the list, its query and how many rows */
    link_opts o = here(l);
    o.download = true;
    const char *detail =
        or_arena_printf(req->arena, "%s (%lld %s)", link_path(l, o), n, n == 1 ? "row" : "rows");
    if (web_audit(req, "export", NULL, detail)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return false;
    }
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"%s.csv\"",
                                   l->spec->csv_name ? l->spec->csv_name : "onroll-list"));
    or_csv_to_sb(w, &res->body);
    for (int c = 0; c < l->spec->ncolumns; c++)
        if (l->spec->columns[c].csv)
            or_csv_text(w, l->spec->columns[c].csv);
    or_csv_end_row(w);
    return true;
}
