/* page_toc_items.c - changing a theory of change (toc.h; page_toc.c shows it), each a form of
 * the form engine saved with its audit line in one transaction:
 *
 *   GET, POST /theories/{id}/items/new?kind=K        add an aim, outcome, mediating mechanism,
 *                                                    moderating factor or activity
 *   GET, POST /theories/{id}/items/{item}/edit       change one
 *   GET, POST /theories/{id}/links/new               say that one item feeds another
 *   GET, POST /theories/{id}/indicators/new?outcome=N  an outcome's indicator
 *   POST      /theories/{id}/import                  the workshop's commitments as activities
 *
 * An outcome's guardrails are the toolkit's (or_toc_item_refusal): its words are the error. */
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/store_ideas.h"
#include "web/form.h"
#include "web/toc_web.h"
#include "web/view.h"

static const gov_choice yes_no[] = {{"yes", "Yes", NULL}, {"no", "No", NULL}};

static void not_found(const web_request *req, web_response *res)
{
    web_error(req, res, 404, "Page not found",
              "If you typed the web address, check it is correct.");
}

/* Save: fn inside a transaction with the audit line; then to the theory. */
typedef or_code (*save_fn)(const web_request *req, void *ctx, or_error *err);

static bool save(const web_request *req, web_response *res, const toc_page *p, save_fn fn,
                 void *ctx, const char *detail)
{
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = fn(req, ctx, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "theory of change %lld: %s", p->t.id, detail))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The change could not be saved. Nothing was changed.");
        return false;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/theories/%lld?added=1", p->t.id));
    return true;
}

/* ---- an item ---- */

enum { I_KIND, I_BODY, I_RESP, I_ACC, I_CONS, I_PRIO, I_WHO, I_FOR, I_START, I_END, I_OUT, I__N };
static const form_field item_fields[I__N] = {
    [I_KIND] = {"kind", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [I_BODY] = {"body", "Describe it", NULL, FORM_TEXTAREA, FORM_REQUIRED, .noun = "description",
                .max = 2000, .rows = 3},
    [I_RESP] = {"responsible", "Would you be willing to be held responsible for this outcome?",
                NULL, FORM_RADIOS, FORM_REQUIRED | FORM_SMALL, .choices = yes_no, .nchoices = 2,
                .missing = "Select whether you would be willing to be held responsible for it"},
    [I_ACC] = {"accountable", "Will you be held accountable for it?",
               "The toolkit asks you to agree which outcomes you will be held accountable for",
               FORM_RADIOS, FORM_REQUIRED | FORM_SMALL, .choices = yes_no, .nchoices = 2,
               .missing = "Select whether you will be held accountable for it"},
    [I_CONS] = {"consensus", "Is there consensus about it?",
                "Everyone who built the theory of change agrees on it", FORM_RADIOS,
                FORM_REQUIRED | FORM_SMALL, .choices = yes_no, .nchoices = 2,
                .missing = "Select whether there is consensus about it"},
    [I_PRIO] = {"priority", "Is it one of the most important outcomes?", NULL, FORM_RADIOS,
                FORM_REQUIRED | FORM_SMALL, .choices = yes_no, .nchoices = 2,
                .missing = "Select whether it is one of the most important outcomes"},
    [I_WHO] = {"who", "Who will take part (optional)",
               "For example, heads of year and the "
               "pastoral lead",
               FORM_TEXT, 0, .max = 300},
    [I_FOR] = {"for_whom", "For whom (optional)",
               "For example, Year 7 pupils at risk of "
               "suspension",
               FORM_TEXT, 0, .max = 300},
    [I_START] = {"starts_on", "Start date (optional)", "For example, 7 9 2026", FORM_DATE, 0,
                 .noun = "start date"},
    [I_END] = {"ends_on", "End date (optional)", "For example, 16 7 2027", FORM_DATE, 0,
               .noun = "end date"},
    [I_OUT] = {"outputs", "Outputs (optional)", "Toolkits, reports, events to be delivered",
               FORM_TEXTAREA, 0, .max = 2000, .rows = 3},
};

typedef struct {
    toc_page p;
    int kind;
    const or_toc_item *editing; /* NULL: a new item */
} item_ctx;

static void item_form(form *f, const web_request *req, item_ctx *x)
{
    form_init(f, req, item_fields, I__N);
    form_read(f);
    if (x->editing)
        x->kind = (int)x->editing->kind;
    else
        x->kind = or_toc_kind_parse(form_text(f, I_KIND));
    if (x->kind < 0)
        return;
    const or_toc_component *k = &or_toc_components[x->kind];
    form_set(f, I_KIND, k->code);
    f->fields[I_BODY].label = or_arena_printf(req->arena, "The %s", k->singular);
    f->fields[I_BODY].noun = k->singular;
    f->fields[I_BODY].hint = or_arena_printf(req->arena, "%s %s", k->definition, k->guidance);
    if (x->kind == OR_TOC_OUTCOME)
        f->fields[I_BODY].hint = or_arena_printf(req->arena, "%s For example, %s.", k->definition,
                                                 or_toc_outcome_examples[0]);
    if (x->kind != OR_TOC_OUTCOME)
        for (int i = I_RESP; i <= I_PRIO; i++)
            form_off(f, i);
    if (x->kind != OR_TOC_ACTIVITY)
        for (int i = I_WHO; i <= I_OUT; i++)
            form_off(f, i);
    if (x->editing && !f->posted) {
        const or_toc_item *it = x->editing;
        form_set(f, I_BODY, it->body);
        if (x->kind == OR_TOC_OUTCOME) {
            form_set(f, I_RESP, it->responsible ? "yes" : "no");
            form_set(f, I_ACC, it->accountable ? "yes" : "no");
            form_set(f, I_CONS, it->consensus ? "yes" : "no");
            form_set(f, I_PRIO, it->priority ? "yes" : "no");
        }
        if (x->kind == OR_TOC_ACTIVITY) {
            form_set(f, I_WHO, it->who);
            form_set(f, I_FOR, it->for_whom);
            if (it->starts_on != OR_DATE_NONE)
                form_set_date(f, I_START, it->starts_on);
            if (it->ends_on != OR_DATE_NONE)
                form_set_date(f, I_END, it->ends_on);
            form_set(f, I_OUT, it->outputs);
        }
    }
}

static const char *item_path(const web_request *req, const item_ctx *x)
{
    return x->editing ? or_arena_printf(req->arena, "/theories/%lld/items/%lld/edit", x->p.t.id,
                                        x->editing->id)
                      : or_arena_printf(req->arena, "/theories/%lld/items/new", x->p.t.id);
}

static void item_show(form *f, web_response *res, item_ctx *x)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const or_toc_component *k = &or_toc_components[x->kind];
    const char *title = or_arena_printf(
        req->arena, "%s %s %s", x->editing ? "Change the" : "Add",
        x->editing                                                                           ? ""
        : (x->kind == OR_TOC_AIM || x->kind == OR_TOC_OUTCOME || x->kind == OR_TOC_ACTIVITY) ? "an"
                                                                                             : "a",
        k->singular);
    if (x->editing)
        title = or_arena_printf(req->arena, "Change the %s", k->singular);
    form_page_start(out, f, title, or_arena_printf(req->arena, "/theories/%lld", x->p.t.id),
                    "Back to the theory of change", x->p.t.title);
    if (x->kind == OR_TOC_OUTCOME) {
        html_raw(out, "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">The toolkit's "
                      "rules for outcomes:</p><ul class=\"govuk-list govuk-list--bullet\">");
        for (int i = 0; i < 4; i++)
            html_printf(out, "<li>\xe2\x80\x9c%s\xe2\x80\x9d</li>", or_toc_outcome_rules[i]);
        html_raw(out, "</ul></div>\n");
    }
    form_start(out, f, item_path(req, x));
    form_fields_html(out, f, 0, I__N);
    form_page_end(out, f, res, x->editing ? "Save the change" : "Add it", NULL);
}

static bool item_load(const web_request *req, web_response *res, item_ctx *x, bool editing)
{
    memset(x, 0, sizeof *x);
    if (!toc_load(req, res, true, &x->p))
        return false;
    if (editing) {
        const char *text = web_path(req, "item");
        long long id = text ? atoll(text) : 0;
        x->editing = toc_item_by_id(&x->p, id);
        if (!x->editing) {
            not_found(req, res);
            return false;
        }
    }
    return true;
}

static void item_get(const web_request *req, web_response *res, bool editing)
{
    item_ctx x;
    if (!item_load(req, res, &x, editing))
        return;
    form f;
    item_form(&f, req, &x);
    if (x.kind < 0) {
        not_found(req, res);
        return;
    }
    item_show(&f, res, &x);
}

void page_theory_item_new(const web_request *req, web_response *res)
{
    item_get(req, res, false);
}

void page_theory_item_edit(const web_request *req, web_response *res)
{
    item_get(req, res, true);
}

static or_code item_save(const web_request *req, void *ctx, or_error *err)
{
    const or_toc_item *it = ctx;
    if (it->id)
        return or_toc_item_update(req->store, it, err);
    long long id = 0;
    return or_toc_item_add(req->store, it, req->user->email, &id, err);
}

static void item_post(const web_request *req, web_response *res, bool editing)
{
    item_ctx x;
    if (!item_load(req, res, &x, editing))
        return;
    form f;
    item_form(&f, req, &x);
    if (x.kind < 0) {
        not_found(req, res);
        return;
    }
    form_validate(&f);
    or_toc_item it = {.id = editing ? x.editing->id : 0,
                      .toc_id = x.p.t.id,
                      .kind = (or_toc_kind)x.kind,
                      .body = form_text(&f, I_BODY),
                      .responsible = !strcmp(form_text(&f, I_RESP), "yes"),
                      .accountable = !strcmp(form_text(&f, I_ACC), "yes"),
                      .consensus = !strcmp(form_text(&f, I_CONS), "yes"),
                      .priority = !strcmp(form_text(&f, I_PRIO), "yes"),
                      .who = form_text(&f, I_WHO),
                      .for_whom = form_text(&f, I_FOR),
                      .outputs = form_text(&f, I_OUT),
                      .starts_on = OR_DATE_NONE,
                      .ends_on = OR_DATE_NONE,
                      .source = ""};
    or_date_parse(form_text(&f, I_START), &it.starts_on);
    or_date_parse(form_text(&f, I_END), &it.ends_on);
    const char *field = NULL, *why = NULL;
    bool answered = x.kind != OR_TOC_OUTCOME ||
                    (*form_text(&f, I_RESP) && *form_text(&f, I_ACC) && *form_text(&f, I_CONS));
    if (!f.nerrors || answered)
        why = or_toc_item_refusal(&it, &field);
    if (why) {
        int at = !strcmp(field, "responsible")   ? I_RESP
                 : !strcmp(field, "accountable") ? I_ACC
                 : !strcmp(field, "ends_on")     ? I_END
                                                 : I_BODY;
        if (!form_error_of(&f, at))
            form_error(&f, at, why);
    }
    if (f.nerrors) {
        form_errors_in_order(&f);
        item_show(&f, res, &x);
        return;
    }
    save(req, res, &x.p, item_save, &it,
         or_arena_printf(req->arena, "%s %s: %s", editing ? "changed" : "added",
                         or_toc_components[x.kind].singular, it.body));
}

void page_theory_item_new_post(const web_request *req, web_response *res)
{
    item_post(req, res, false);
}

void page_theory_item_edit_post(const web_request *req, web_response *res)
{
    item_post(req, res, true);
}

/* ---- a link ---- */

enum { K_FROM, K_TO, K__N };
static const form_field link_fields[K__N] = {
    [K_FROM] = {"from", "The item that feeds another", NULL, FORM_SELECT, FORM_REQUIRED,
                .missing = "Select the item that feeds another"},
    [K_TO] = {"to", "The item it feeds",
              "An activity can feed a moderating factor, a mediating "
              "mechanism, an outcome or an aim; an item can feed any "
              "item in a column to its right",
              FORM_SELECT, FORM_REQUIRED, .missing = "Select the item it feeds"},
};

static const char *short_text(const web_request *req, const char *s)
{
    size_t n = strlen(s);
    if (n <= 80)
        return s;
    size_t cut = 77;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return or_arena_printf(req->arena, "%.*s...", (int)cut, s);
}

static void link_form(form *f, const web_request *req, const toc_page *p)
{
    form_init(f, req, link_fields, K__N);
    gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)(p->nitems + 1));
    for (int i = 0; i < p->nitems; i++)
        ch[i] = (gov_choice){or_arena_printf(req->arena, "%lld", p->items[i].id),
                             or_arena_printf(req->arena, "%s: %s",
                                             or_toc_components[p->items[i].kind].name,
                                             short_text(req, p->items[i].body)),
                             NULL};
    for (int k = 0; k < K__N; k++) {
        f->fields[k].choices = ch;
        f->fields[k].nchoices = p->nitems;
    }
    form_read(f);
}

static void link_show(form *f, web_response *res, const toc_page *p)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Say what feeds what",
                    or_arena_printf(req->arena, "/theories/%lld", p->t.id),
                    "Back to the theory of change", p->t.title);
    html_raw(out, "<p class=\"govuk-body\">The toolkit draws a theory of change from the "
                  "activities on the left to the aims on the right. It states no rule for the "
                  "arrows: onroll lets an item feed any item in a column to its right.</p>\n");
    form_start(out, f, or_arena_printf(req->arena, "/theories/%lld/links/new", p->t.id));
    form_fields_html(out, f, 0, K__N);
    form_page_end(out, f, res, "Save the link", NULL);
}

void page_theory_link_new(const web_request *req, web_response *res)
{
    toc_page p;
    if (!toc_load(req, res, true, &p))
        return;
    form f;
    link_form(&f, req, &p);
    link_show(&f, res, &p);
}

typedef struct {
    long long toc, from, to;
} link_ctx;

static or_code link_save(const web_request *req, void *ctx, or_error *err)
{
    link_ctx *l = ctx;
    return or_toc_link_add(req->store, l->toc, l->from, l->to, err);
}

void page_theory_link_new_post(const web_request *req, web_response *res)
{
    toc_page p;
    if (!toc_load(req, res, true, &p))
        return;
    form f;
    link_form(&f, req, &p);
    form_validate(&f);
    const or_toc_item *a = toc_item_by_id(&p, atoll(form_text(&f, K_FROM)));
    const or_toc_item *b = toc_item_by_id(&p, atoll(form_text(&f, K_TO)));
    if (!f.nerrors && !or_toc_may_feed(a, b))
        form_error(&f, K_TO,
                   or_arena_printf(req->arena,
                                   "A %s can only feed an item in a column to its right: choose "
                                   "another item",
                                   or_toc_components[a->kind].singular));
    if (f.nerrors) {
        form_errors_in_order(&f);
        link_show(&f, res, &p);
        return;
    }
    link_ctx l = {p.t.id, a->id, b->id};
    save(req, res, &p, link_save, &l,
         or_arena_printf(req->arena, "link: %lld feeds %lld", a->id, b->id));
}

/* ---- an indicator ---- */

enum { D_OUTCOME, D_STAT, D_SCHOOL, D_YG, D_GROUP, D_FIRST, D_LAST, D_BASE, D_TARGET, D__N };
static const form_field ind_fields[D__N] = {
    [D_OUTCOME] = {"outcome", "Outcome", NULL, FORM_SELECT, FORM_REQUIRED | FORM_QUERY,
                   .missing = "Select the outcome it measures"},
    [D_STAT] = {"statistic", "What to measure",
                "Each term's figure is the one onroll's rates "
                "report gives for the term's dates",
                FORM_RADIOS, FORM_REQUIRED, .missing = "Select what to measure"},
    [D_SCHOOL] = {"school", "School", NULL, FORM_SELECT, FORM_REQUIRED,
                  .missing = "Select the school, or the whole local authority"},
    [D_YG] = {"year_group", "Year group", NULL, FORM_SELECT, 0,
              .missing = "Select a year group from the list"},
    [D_GROUP] = {"group", "Pupils", NULL, FORM_SELECT, 0,
                 .missing = "Select a group of pupils from the list"},
    [D_FIRST] = {"first_year", "From academic year", NULL, FORM_SELECT, FORM_REQUIRED,
                 .missing = "Select the first academic year"},
    [D_LAST] = {"last_year", "To academic year", NULL, FORM_SELECT, FORM_REQUIRED,
                .missing = "Select the last academic year"},
    [D_BASE] = {"baseline", "Baseline", "The figure you start from, for example 4.5", FORM_TEXT,
                FORM_REQUIRED, .noun = "baseline", .max = 12, .width = "govuk-input--width-5"},
    [D_TARGET] = {"target", "Target", "The figure you aim for by the last term, for example 3",
                  FORM_TEXT, FORM_REQUIRED, .noun = "target", .max = 12,
                  .width = "govuk-input--width-5"},
};

static const char *const year_groups[] = {"N1", "N2", "R", "1",  "2",  "3",  "4",  "5", "6",
                                          "7",  "8",  "9", "10", "11", "12", "13", "14"};

typedef struct {
    toc_page p;
} ind_ctx;

static void ind_form(form *f, const web_request *req, const toc_page *p, view_snapshot *snap)
{
    form_init(f, req, ind_fields, D__N);
    or_arena *a = req->arena;
    gov_choice *oc = or_arena_alloc(a, sizeof *oc * (size_t)(p->nitems + 1));
    int no = 0;
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].kind == OR_TOC_OUTCOME)
            oc[no++] = (gov_choice){or_arena_printf(a, "%lld", p->items[i].id),
                                    short_text(req, p->items[i].body), NULL};
    f->fields[D_OUTCOME].choices = oc;
    f->fields[D_OUTCOME].nchoices = no;
    gov_choice *st = or_arena_alloc(a, sizeof *st * (size_t)or_toc_nstatistics);
    for (int i = 0; i < or_toc_nstatistics; i++)
        st[i] = (gov_choice){or_toc_statistics[i].column, or_toc_statistics[i].label, NULL};
    f->fields[D_STAT].choices = st;
    f->fields[D_STAT].nchoices = or_toc_nstatistics;
    gov_choice *sc = or_arena_alloc(a, sizeof *sc * (size_t)(snap->nschools + 1));
    int ns = 0;
    if (!p->t.owner_urn)
        sc[ns++] = (gov_choice){"0", "The whole local authority", NULL};
    for (int i = 0; i < snap->nschools; i++)
        if (!p->t.owner_urn || snap->schools[i].urn == p->t.owner_urn)
            sc[ns++] = (gov_choice){or_arena_printf(a, "%d", snap->schools[i].urn),
                                    snap->schools[i].name, NULL};
    if (ns > 2 && !p->t.owner_urn)
        qsort(sc + 1, (size_t)ns - 1, sizeof *sc, gov_choice_cmp);
    f->fields[D_SCHOOL].choices = sc;
    f->fields[D_SCHOOL].nchoices = ns;
    int nyg = (int)(sizeof year_groups / sizeof year_groups[0]);
    gov_choice *yg = or_arena_alloc(a, sizeof *yg * (size_t)(nyg + 1));
    yg[0] = (gov_choice){"", "Every year group", NULL};
    for (int i = 0; i < nyg; i++)
        yg[i + 1] = (gov_choice){year_groups[i], or_label_year_group(year_groups[i]), NULL};
    f->fields[D_YG].choices = yg;
    f->fields[D_YG].nchoices = nyg + 1;
    int ng = 0;
    while (toc_groups[ng].dim)
        ng++;
    gov_choice *gc = or_arena_alloc(a, sizeof *gc * (size_t)(ng + 1));
    gc[0] = (gov_choice){"", "All pupils", NULL};
    for (int i = 0; i < ng; i++)
        gc[i + 1] = (gov_choice){or_arena_printf(a, "%s:%s", toc_groups[i].dim, toc_groups[i].code),
                                 toc_groups[i].label, NULL};
    f->fields[D_GROUP].choices = gc;
    f->fields[D_GROUP].nchoices = ng + 1;
    gov_choice *ys = or_arena_alloc(a, sizeof *ys * 7);
    for (int i = 0; i < 7; i++) {
        int ay = snap->ay - 3 + i;
        ys[i] = (gov_choice){or_arena_printf(a, "%d", ay), toc_year_label(req, ay), NULL};
    }
    for (int k = D_FIRST; k <= D_LAST; k++) {
        f->fields[k].choices = ys;
        f->fields[k].nchoices = 7;
    }
    form_read(f);
    if (!f->posted) {
        form_set(f, D_FIRST, ys[2].value);
        form_set(f, D_LAST, ys[4].value);
        if (ns == 1)
            form_set(f, D_SCHOOL, sc[0].value);
    }
}

static void ind_show(form *f, web_response *res, const toc_page *p)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Add an indicator",
                    or_arena_printf(req->arena, "/theories/%lld", p->t.id),
                    "Back to the theory of change", p->t.title);
    html_raw(out, "<p class=\"govuk-body\">An indicator follows an outcome term by term in "
                  "onroll's own figures: the toolkit's example is \xe2\x80\x9cReduction in number "
                  "of fixed term exclusions or absenteeism per term (for a particular year "
                  "group)\xe2\x80\x9d. onroll's rates report has no absence figure, so an "
                  "indicator can be suspensions or permanent exclusions only.</p>\n");
    form_start(out, f, or_arena_printf(req->arena, "/theories/%lld/indicators/new", p->t.id));
    form_fields_html(out, f, 0, D__N);
    form_page_end(out, f, res, "Add the indicator", NULL);
}

static void ind_get(const web_request *req, web_response *res, view_snapshot *snap)
{
    toc_page p;
    if (!toc_load(req, res, true, &p))
        return;
    form f;
    ind_form(&f, req, &p, snap);
    ind_show(&f, res, &p);
}

void page_theory_indicator_new(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", ind_get);
}

static or_code ind_save(const web_request *req, void *ctx, or_error *err)
{
    long long id = 0;
    return or_toc_indicator_add(req->store, ctx, req->user->email, &id, err);
}

static void ind_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    toc_page p;
    if (!toc_load(req, res, true, &p))
        return;
    form f;
    ind_form(&f, req, &p, snap);
    form_validate(&f);
    double base = 0, target = 0;
    if (!form_error_of(&f, D_BASE) && !or_toc_figure_parse(form_text(&f, D_BASE), &base))
        form_error(&f, D_BASE,
                   "The baseline must be a number from 0 to 100000 with up to 2 "
                   "decimal places, for example 4.5");
    if (!form_error_of(&f, D_TARGET) && !or_toc_figure_parse(form_text(&f, D_TARGET), &target))
        form_error(&f, D_TARGET,
                   "The target must be a number from 0 to 100000 with up to 2 "
                   "decimal places, for example 3");
    int first = atoi(form_text(&f, D_FIRST)), last = atoi(form_text(&f, D_LAST));
    if (!f.nerrors && last < first)
        form_error(&f, D_LAST, "The last academic year must be the same as or after the first");
    int urn = atoi(form_text(&f, D_SCHOOL));
    if (!f.nerrors && p.t.owner_urn && urn != p.t.owner_urn)
        form_error(&f, D_SCHOOL, "Select the school whose theory of change it is");
    if (f.nerrors) {
        form_errors_in_order(&f);
        ind_show(&f, res, &p);
        return;
    }
    const char *group = form_text(&f, D_GROUP), *colon = strchr(group, ':');
    or_toc_indicator x = {
        .toc_id = p.t.id,
        .item_id = atoll(form_text(&f, D_OUTCOME)),
        .statistic = form_text(&f, D_STAT),
        .urn = urn,
        .year_group = form_text(&f, D_YG),
        .dim = colon ? or_arena_printf(req->arena, "%.*s", (int)(colon - group), group) : "",
        .dim_value = colon ? colon + 1 : "",
        .ay_first = first,
        .ay_last = last,
        .baseline = form_text(&f, D_BASE),
        .target = form_text(&f, D_TARGET)};
    save(req, res, &p, ind_save, &x,
         or_arena_printf(req->arena, "indicator %s of outcome %lld, %s", x.statistic, x.item_id,
                         toc_cohort_words(req, &x)));
}

void page_theory_indicator_new_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", ind_post);
}

/* ---- a workshop's commitments as activities ---- */

/* The source an imported commitment's activity keeps: "commitment:ID", so a second import adds
 * only the new ones. */
static bool imported(const toc_page *p, long long id, const web_request *req)
{
    const char *key = or_arena_printf(req->arena, "commitment:%lld", id);
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].source && !strcmp(p->items[i].source, key))
            return true;
    return false;
}

typedef struct {
    const toc_page *p;
    or_idea_commitment *c;
    int n, added;
} import_ctx;

static or_code import_save(const web_request *req, void *ctx, or_error *err)
{
    import_ctx *x = ctx;
    for (int i = 0; i < x->n; i++) {
        const or_idea_commitment *c = &x->c[i];
        if (imported(x->p, (long long)c->id, req))
            continue;
        or_toc_item it = {.toc_id = x->p->t.id,
                          .kind = OR_TOC_ACTIVITY,
                          .body = c->next_step,
                          .who = c->owner_name && *c->owner_name ? c->owner_name : c->owner,
                          .for_whom = "",
                          .outputs = "",
                          .starts_on = OR_DATE_NONE,
                          .ends_on = OR_DATE_NONE,
                          .source =
                              or_arena_printf(req->arena, "commitment:%lld", (long long)c->id)};
        or_date_parse(c->due_on, &it.ends_on);
        long long id = 0;
        or_code rc = or_toc_item_add(req->store, &it, req->user->email, &id, err);
        if (rc)
            return rc;
        x->added++;
    }
    return OR_OK;
}

void page_theory_import_post(const web_request *req, web_response *res)
{
    toc_page p;
    if (!toc_load(req, res, true, &p))
        return;
    if (!p.t.workshop_id) {
        not_found(req, res);
        return;
    }
    import_ctx x = {&p, NULL, 0, 0};
    or_error err = {0};
    if (or_idea_commitments(req->store, p.t.workshop_id, req->arena, &x.c, &x.n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The workshop's commitments could not be read. Nothing was changed.");
        return;
    }
    save(req, res, &p, import_save, &x,
         or_arena_printf(req->arena, "the commitments of workshop %lld imported as activities",
                         p.t.workshop_id));
}
