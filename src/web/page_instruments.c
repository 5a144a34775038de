/* page_instruments.c - the self-evaluation instruments on the web (instruments.h), for LA
 * officers only (routes.c; a school and the analyst get 403):
 *
 *   /instruments            every version of every instrument (list engine: filter by
 *                           instrument and by who made it, paged; /instruments/download its CSV)
 *   /instruments/new        a new instrument: from scratch or as a copy of one (its version 1)
 *   /instruments/ID         its versions, and one version's areas and items
 *                           (?version=N; the newest when not given)
 *
 * Editing (a new version) is page_instrument_edit.c. The seeds are compiled in; the LA's
 * versions are in the database (store_instruments.h), read into the request's arena each
 * time (reviews_instruments), so no two requests share one. */
#include <stdlib.h>
#include <string.h>

#include "onroll/instrument_json.h"
#include "onroll/labels.h"
#include "onroll/store_instruments.h"
#include "web/form.h"
#include "web/instruments_web.h"
#include "web/list.h"
#include "web/reviews_web.h"
#include "web/view.h"
#include "web/web.h"

const or_instrument_set *reviews_instruments(const web_request *req)
{
    or_instrument_set *set = or_arena_alloc(req->arena, sizeof *set);
    or_error err = {0};
    if (or_instruments_load(req->store, req->arena, set, &err)) {
        fprintf(stderr, "onroll serve: the instruments: %s\n", err.msg);
        return NULL;
    }
    return set;
}

const char *instruments_resp_words(or_resp_type t)
{
    static const char *const words[OR_RESP__N] = {[OR_RESP_RATING] = "A level of the scale",
                                                  [OR_RESP_YESNO] = "Yes or no",
                                                  [OR_RESP_MONEY] = "An amount in pounds",
                                                  [OR_RESP_NUMBER] = "A whole number",
                                                  [OR_RESP_TEXT] = "Free text",
                                                  [OR_RESP_DATA] = "A figure from onroll"};
    return (int)t >= 0 && t < OR_RESP__N ? words[t] : "";
}

/* ---- the list ---- */

enum { L_INSTRUMENT, L_MADE, L__N };
static const gov_choice made_choices[] = {{"toolkit", "The toolkit", NULL},
                                          {"la", "The local authority", NULL}};
static const list_filter filters[L__N] = {
    [L_INSTRUMENT] = {"instrument", "Instrument", NULL, LIST_SELECT, .any = "All instruments"},
    [L_MADE] = {"made", "Made by", NULL, LIST_CHECKBOXES, .choices = made_choices, .nchoices = 2},
};
enum { C_TITLE, C_ID, C_VERSION, C_AREAS, C_ITEMS, C_MADE, C__N };
static const list_column columns[C__N] = {
    [C_TITLE] = {"title", "Instrument", "title", LIST_SORT},
    [C_ID] = {NULL, NULL, "id", 0},
    [C_VERSION] = {"version", "Version", "version", LIST_SORT | LIST_NUMERIC},
    [C_AREAS] = {"areas", "Areas", "areas", LIST_SORT | LIST_NUMERIC},
    [C_ITEMS] = {"items", "Items", "items", LIST_SORT | LIST_NUMERIC},
    [C_MADE] = {"made", "Made by", "made_by", LIST_SORT},
};
static const list_spec spec = {"/instruments",
                               "Instruments",
                               columns,
                               C__N,
                               filters,
                               L__N,
                               .sort = "title",
                               .csv_name = "onroll-instruments",
                               .noun = "instruments"};

typedef struct {
    const or_instrument_set *set;
    const list *l;
} sort_ctx;

static bool seeded(const or_instrument *in)
{
    return or_instrument_find(in->id, in->version) == in;
}

static int cmp(const void *x, const void *y, void *ctx)
{
    const sort_ctx *s = ctx;
    const or_instrument *a = s->set->all[*(const int *)x], *b = s->set->all[*(const int *)y];
    int c = 0;
    switch (list_sort(s->l)) {
    case C_VERSION:
        c = a->version - b->version;
        break;
    case C_AREAS:
        c = a->nsections - b->nsections;
        break;
    case C_ITEMS:
        c = or_instrument_items(a) - or_instrument_items(b);
        break;
    case C_MADE:
        c = (int)seeded(b) - (int)seeded(a);
        break;
    default:
        c = strcmp(or_instrument_set_find(s->set, a->id, 0)->title,
                   or_instrument_set_find(s->set, b->id, 0)->title);
    }
    if (!c)
        c = strcmp(a->id, b->id);
    if (!c)
        c = a->version - b->version;
    return list_desc(s->l) ? -c : c;
}

static bool prepare(const web_request *req, web_response *res, list *l,
                    const or_instrument_set **set, int **idx, int *n)
{
    if (!(*set = reviews_instruments(req))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The instruments could not be read.");
        return false;
    }
    const or_instrument **latest = NULL;
    int ni = or_instrument_set_latest(*set, req->arena, &latest);
    gov_choice *ins = or_arena_calloc(req->arena, (size_t)ni + 1, sizeof *ins);
    for (int i = 0; i < ni; i++)
        ins[i] = (gov_choice){latest[i]->id, latest[i]->title, NULL};
    list_init(l, req, &spec);
    list_choices(l, L_INSTRUMENT, ins, ni);
    list_read(l);
    *idx = or_arena_calloc(req->arena, (size_t)(*set)->n + 1, sizeof **idx);
    *n = 0;
    for (int i = 0; i < (*set)->n; i++) {
        const or_instrument *in = (*set)->all[i];
        if (*list_text(l, L_INSTRUMENT) && strcmp(list_text(l, L_INSTRUMENT), in->id))
            continue;
        if (l->v[L_MADE].nitems && !list_has(l, L_MADE, seeded(in) ? "toolkit" : "la"))
            continue;
        (*idx)[(*n)++] = i;
    }
    sort_ctx s = {*set, l};
    if (*n > 1)
        qsort_r(*idx, (size_t)*n, sizeof **idx, cmp, &s);
    return true;
}

static const char *made_words(const or_instrument *in)
{
    return seeded(in) ? "The toolkit" : "The local authority";
}

void page_instruments(const web_request *req, web_response *res)
{
    list l;
    const or_instrument_set *set = NULL;
    int *idx = NULL, n = 0;
    if (!prepare(req, res, &l, &set, &idx, &n))
        return;
    list_paginate(&l, n);
    or_sb *out = &res->body;
    gov_page_start(out, req, l.nerrors ? "Error: Instruments" : "Instruments");
    html_raw(out, "<a href=\"/reviews\" class=\"govuk-back-link\">Back to reviews</a>\n"
                  "<h1 class=\"govuk-heading-l\">Instruments</h1>\n"
                  "<p class=\"govuk-body\">The self-evaluation instruments schools review "
                  "themselves against. Editing an instrument makes a new version: a review keeps "
                  "the version it was started on.</p>\n<p class=\"govuk-body\"><a "
                  "class=\"govuk-button\" href=\"/instruments/new\">Create an "
                  "instrument</a></p>\n");
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        for (int k = l.first; k < l.last; k++) {
            const or_instrument *in = set->all[idx[k]];
            gov_table_row_start(out);
            gov_td_link(
                out, or_arena_printf(req->arena, "/instruments/%s?version=%d", in->id, in->version),
                in->title);
            list_td_num(out, in->version);
            list_td_num(out, in->nsections);
            list_td_num(out, or_instrument_items(in));
            gov_td(out, made_words(in));
            gov_table_row_end(out);
        }
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

void page_instruments_download(const web_request *req, web_response *res)
{
    list l;
    const or_instrument_set *set = NULL;
    int *idx = NULL, n = 0;
    if (!prepare(req, res, &l, &set, &idx, &n))
        return;
    or_csv w;
    if (!list_csv_start(&l, res, &w, n))
        return;
    for (int k = 0; k < n; k++) {
        const or_instrument *in = set->all[idx[k]];
        or_csv_text(&w, in->title);
        or_csv_text(&w, in->id);
        or_csv_int(&w, in->version);
        or_csv_int(&w, in->nsections);
        or_csv_int(&w, or_instrument_items(in));
        or_csv_text(&w, seeded(in) ? "toolkit" : "la");
        or_csv_end_row(&w);
    }
}

/* ---- one instrument ---- */

/* The instrument of the path's id (the version of ?version=N, else the newest); false: 404 */
bool instruments_load(const web_request *req, web_response *res, const or_instrument_set **set,
                      const or_instrument **in)
{
    const char *id = web_param_get(&req->path_params, "id");
    const char *vs = web_param_get(&req->query, "version");
    int version = vs ? atoi(vs) : 0;
    if (!(*set = reviews_instruments(req))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The instruments could not be read.");
        return false;
    }
    if (!(*in = or_instrument_set_find(*set, id, version < 0 ? -1 : version))) {
        web_error(req, res, 404, "Page not found", "There is no such instrument or version.");
        return false;
    }
    return true;
}

static void list_lines(or_sb *out, const char *const *xs, int n)
{
    html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
    for (int i = 0; i < n; i++)
        html_printf(out, "<li>%s</li>\n", xs[i]);
    html_raw(out, "</ul>\n");
}

static void item_html(or_sb *out, const web_request *req, const or_instrument *in, int n,
                      const or_instr_item *it)
{
    html_printf(out, "<h3 class=\"govuk-heading-s\">Item %d</h3>\n<p class=\"govuk-body\">%s</p>\n",
                n, it->text);
    gov_summary_start(out);
    gov_summary_row(out, "Answer", instruments_resp_words(it->resp));
    if (it->descriptors)
        for (int l = 0; l < in->nlevels; l++)
            gov_summary_row(out, in->levels[l], it->descriptors[l]);
    for (int f = 0; f < it->nfields; f++)
        gov_summary_row(
            out, or_arena_printf(req->arena, "Field %d", f + 1),
            it->fields[f].data_key
                ? or_arena_printf(req->arena, "%s (filled from onroll)", it->fields[f].label)
                : it->fields[f].label);
    gov_summary_end(out);
}

void page_instrument(const web_request *req, web_response *res)
{
    const or_instrument_set *set = NULL;
    const or_instrument *in = NULL;
    if (!instruments_load(req, res, &set, &in))
        return;
    const or_instrument *newest = or_instrument_set_find(set, in->id, 0);
    or_sb *out = &res->body;
    char buf[48], n1[OR_FMT_INT_LEN], n2[OR_FMT_INT_LEN];
    gov_page_start(out, req, in->title);
    html_raw(out, "<a href=\"/instruments\" class=\"govuk-back-link\">Back to instruments</a>\n");
    if (web_param_get(&req->query, "saved"))
        gov_notification(out, "Success",
                         or_arena_printf(req->arena, "Version %d was saved.", newest->version),
                         true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">Version %d</span>\n<h1 "
                "class=\"govuk-heading-l\">%s</h1>\n",
                in->version, in->title);
    if (in != newest)
        html_printf(out,
                    "<div class=\"govuk-inset-text\">This is an older version: reviews started "
                    "on it keep it. The newest is version %d.</div>\n",
                    newest->version);
    html_printf(out,
                "<div class=\"govuk-button-group\"><a class=\"govuk-button\" "
                "href=\"/instruments/%t/edit\">Edit (makes version %d)</a><a class=\"govuk-button "
                "govuk-button--secondary\" href=\"/instruments/new?from=%t\">Make a "
                "copy</a></div>\n",
                in->id, newest->version + 1, in->id);
    gov_summary_start(out);
    if (*in->owner)
        gov_summary_row(out, "From", in->owner);
    if (*in->about)
        gov_summary_row(out, "About", in->about);
    gov_summary_row(out, "Scale",
                    in->nlevels ? or_arena_printf(req->arena, "%d levels", in->nlevels) : "None");
    gov_summary_row(out, "Area judgements",
                    in->njudgements ? or_arena_printf(req->arena, "%d levels", in->njudgements)
                                    : "None");
    gov_summary_end(out);
    if (in->nlevels) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">The scale's levels</h2>\n");
        list_lines(out, in->levels, in->nlevels);
    }
    if (in->njudgements) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">Area judgements</h2>\n");
        list_lines(out, in->judgements, in->njudgements);
        if (*in->judgement_note)
            html_printf(out, "<p class=\"govuk-body\">%s</p>\n", in->judgement_note);
    }
    if (in->nboxes) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">Boxes after each area</h2>\n");
        list_lines(out, in->boxes, in->nboxes);
    }

    /* its versions */
    const char *heads[] = {"Version", "Made by", "Made on", "Areas", "Items"};
    html_raw(out, "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                  "aria-label=\"Versions\">\n");
    gov_table_start(out, "Versions", heads, 5);
    for (int i = 0; i < set->n; i++) {
        const or_instrument *v = set->all[i];
        if (strcmp(v->id, in->id))
            continue;
        const char *by = "", *at = "";
        or_error err = {0};
        if (!seeded(v))
            or_instrument_version_made(req->store, v->id, v->version, req->arena, &by, &at, &err);
        gov_table_row_start(out);
        gov_td_link(out,
                    or_arena_printf(req->arena, "/instruments/%s?version=%d", v->id, v->version),
                    or_arena_printf(req->arena, "Version %d", v->version));
        gov_td(out, seeded(v) ? "The toolkit" : by);
        gov_td(out, seeded(v) ? "" : view_time(at, buf));
        gov_td(out, or_fmt_int(v->nsections, n1));
        gov_td(out, or_fmt_int(or_instrument_items(v), n2));
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");

    /* its areas and items */
    html_raw(out, "<h2 class=\"govuk-heading-l\">Areas</h2>\n");
    int n = 0;
    for (int s = 0; s < in->nsections; s++) {
        const or_instr_section *sec = &in->sections[s];
        html_printf(out, "<h2 class=\"govuk-heading-m\">%d. %s</h2>\n", s + 1, sec->title);
        if (*sec->note)
            html_printf(out, "<div class=\"govuk-inset-text\">%s</div>\n", sec->note);
        if (sec->ndescriptors) {
            html_raw(out, "<p class=\"govuk-body\">What good looks like in this area:</p>\n");
            list_lines(out, sec->descriptors, sec->ndescriptors);
        }
        if (sec->njudged) {
            html_raw(out, "<p class=\"govuk-body\">Judgements asked for:</p>\n");
            list_lines(out, sec->judged, sec->njudged);
        }
        if (!sec->nitems)
            html_raw(out, "<p class=\"govuk-body\">No items yet.</p>\n");
        for (int i = 0; i < sec->nitems; i++)
            item_html(out, req, in, ++n, &sec->items[i]);
    }
    gov_page_end(out, req);
}

/* ---- a new instrument ---- */

enum { F_TITLE, F_FROM, F__N };
static const form_field new_fields[F__N] = {
    [F_TITLE] = {"title", "Title", "For example, Attendance self-review", FORM_TEXT, FORM_REQUIRED,
                 .missing = "Enter the instrument's title", .max = 200},
    [F_FROM] = {"from", "Start from", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_QUERY,
                .missing = "Select what to start from"},
};

static void new_form(const web_request *req, const or_instrument_set *set, form *f)
{
    form_init(f, req, new_fields, F__N);
    const or_instrument **latest = NULL;
    int ni = or_instrument_set_latest(set, req->arena, &latest);
    gov_choice *ch = or_arena_calloc(req->arena, (size_t)ni + 2, sizeof *ch);
    ch[0] = (gov_choice){"blank", "Nothing: a blank instrument", "One area, no items yet"};
    for (int i = 0; i < ni; i++)
        ch[i + 1] = (gov_choice){
            latest[i]->id, or_arena_printf(req->arena, "A copy of %s", latest[i]->title),
            or_arena_printf(req->arena, "Version %d: %d areas, %d items", latest[i]->version,
                            latest[i]->nsections, or_instrument_items(latest[i]))};
    f->fields[F_FROM].choices = ch;
    f->fields[F_FROM].nchoices = ni + 1;
    form_read(f);
}

static void new_show(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Create an instrument", "/instruments", "Back to instruments",
                    "Instruments");
    form_start(out, f, "/instruments/new");
    form_fields_html(out, f, 0, F__N);
    form_page_end(out, f, res, "Create the instrument", NULL);
}

void page_instrument_new(const web_request *req, web_response *res)
{
    const or_instrument_set *set = reviews_instruments(req);
    form f;
    new_form(req, set, &f);
    new_show(&f, res);
}

/* An id from the title: lower-case letters and digits, hyphens between words, unique in set */
static const char *id_of(const web_request *req, const or_instrument_set *set, const char *title)
{
    char base[32];
    size_t n = 0;
    for (const char *p = title; *p && n < 24; p++) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            base[n++] = c;
        else if (n && base[n - 1] != '-')
            base[n++] = '-';
    }
    while (n && base[n - 1] == '-')
        n--;
    base[n] = '\0';
    const char *id =
        n && base[0] >= 'a' && base[0] <= 'z' ? base : or_arena_printf(req->arena, "i-%s", base);
    id = or_arena_strdup(req->arena, n ? id : "instrument");
    for (int k = 2; or_instrument_set_find(set, id, 0); k++)
        id = or_arena_printf(req->arena, "%s-%d", n ? base : "instrument", k);
    return id;
}

void page_instrument_new_post(const web_request *req, web_response *res)
{
    const or_instrument_set *set = reviews_instruments(req);
    if (!set) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The instruments could not be read.");
        return;
    }
    form f;
    new_form(req, set, &f);
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        new_show(&f, res);
        return;
    }
    or_instrument in = {0};
    const char *from = form_text(&f, F_FROM);
    if (strcmp(from, "blank")) {
        in = *or_instrument_set_find(set, from, 0);
    } else {
        or_instr_section *sec = or_arena_calloc(req->arena, 1, sizeof *sec);
        sec->title = "Area 1";
        sec->note = "";
        in.sections = sec;
        in.nsections = 1;
        in.about = in.judgement_note = "";
    }
    in.id = id_of(req, set, form_text(&f, F_TITLE));
    in.title = form_text(&f, F_TITLE);
    in.owner = or_arena_printf(
        req->arena, "The local authority%s%s", strcmp(from, "blank") ? ", from " : "",
        strcmp(from, "blank") ? or_instrument_set_find(set, from, 0)->title : "");
    in.version = 1;
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_instrument_version_put(req->store, set, &in, req->user->email, &err);
    if (rc == OR_EINPUT) {
        or_store_rollback(req->store);
        form_error(&f, F_TITLE, err.msg);
        new_show(&f, res);
        return;
    }
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "instrument %s version 1 made (%s)", in.id,
                                       strcmp(from, "blank") ? from : "blank"))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The instrument could not be made. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/instruments/%s?saved=1", in.id));
}
