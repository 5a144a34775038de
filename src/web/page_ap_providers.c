/* page_ap_providers.c - the LA's register of alternative provision providers (issue 17 part 1):
 *
 *   GET  /ap/providers[?registration=R&setting=S&qa=Q&q=WORDS]  the register on the list engine
 *        (list.h): each provider's name (a link to its page), registration, setting, its last
 *        check and its next expiry with LOCAL-APQA-EXPIRY's status; filtered, paged, sorted;
 *   GET  /ap/providers/download  the same selection as CSV;
 *   GET, POST /ap/providers/new  add a provider (a form of the form engine, form.h).
 *
 * A provider's own page and its QA are page_ap_provider.c.
 * A provider's page is addressed by its slug, never an internal id. Who: the LA reads and
 * writes; schools read the register (routes.c). Each write goes with its audit line in one
 * transaction (store_ap.h). The pages name no child. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/store_ap.h"
#include "web/ap_web.h"
#include "web/form.h"
#include "web/list.h"
#include "web/view.h"

/* ---- the register: GET /ap/providers and its download ---- */

enum { F_Q, F_REGISTRATION, F_SETTING, F_QA, F__NF };
static const gov_choice qa_choices[] = {
    {"due", "Checks due or expired", NULL},
    {"none", "Never checked", NULL},
};
static const list_filter filters[F__NF] = {
    [F_Q] = {"q", "Name", "Words in the provider's name", LIST_TEXT},
    [F_REGISTRATION] = {"registration", "Registration", NULL, LIST_SELECT,
                        .any = "Every registration"},
    [F_SETTING] = {"setting", "Type of setting", NULL, LIST_SELECT, .any = "Every type"},
    [F_QA] = {"qa", "Quality assurance", NULL, LIST_SELECT, .any = "Any", .choices = qa_choices,
              .nchoices = 2},
};
enum { C_NAME, C_SLUG, C_REGISTRATION, C_NUMBER, C_SETTING, C_LAST, C_EXPIRY, C_STATUS, C__N };
static const list_column columns[C__N] = {
    [C_NAME] = {"name", "Provider", "name", LIST_SORT},
    [C_SLUG] = {NULL, NULL, "provider", 0},
    [C_REGISTRATION] = {"registration", "Registration", "registration", LIST_SORT},
    [C_NUMBER] = {NULL, NULL, "urn_or_ukprn", 0},
    [C_SETTING] = {"setting", "Type of setting", "setting", LIST_SORT},
    [C_LAST] = {"checked", "Last checked", "last_checked", LIST_SORT | LIST_DESC},
    [C_EXPIRY] = {"expiry", "Next expiry", "next_expiry", LIST_SORT},
    [C_STATUS] = {NULL, "Checks", "checks", 0},
};
static const list_spec spec = {"/ap/providers",
                               "Alternative provision providers",
                               columns,
                               C__N,
                               filters,
                               F__NF,
                               .sort = "name",
                               .csv_name = "onroll-ap-providers",
                               .noun = "providers"};

static int cmp_date(or_date a, or_date b)
{
    if (a == b)
        return 0;
    if (a == OR_DATE_NONE)
        return 1;
    if (b == OR_DATE_NONE)
        return -1;
    return a < b ? -1 : 1;
}

typedef struct {
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const ap_row *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_REGISTRATION:
        c = strcmp(a->p.registration, b->p.registration);
        break;
    case C_SETTING:
        c = strcmp(or_ap_label(OR_AP_SETTING, a->p.setting),
                   or_ap_label(OR_AP_SETTING, b->p.setting));
        break;
    case C_LAST:
        c = cmp_date(a->last_check, b->last_check);
        break;
    case C_EXPIRY:
        c = cmp_date(a->next_expiry, b->next_expiry);
        break;
    default:
        break;
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = strcasecmp(a->p.name, b->p.name);
    return c ? c : strcmp(a->p.slug, b->p.slug);
}

static bool has_words(const char *name, const char *q)
{
    return !*q || strcasestr(name, q) != NULL;
}

typedef struct {
    list l;
    ap_register g;
    ap_notice n;
    ap_row *rows;
    int nrows;
} reg;

static bool load(const web_request *req, web_response *res, reg *r)
{
    memset(r, 0, sizeof *r);
    or_error err = {0};
    if (ap_register_load(req, &r->g, &r->n, &err)) {
        ap_notice_done(&r->n);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The register of providers could not be read.");
        return false;
    }
    list_init(&r->l, req, &spec);
    int n;
    gov_choice *c = ap_terms_choices(req, OR_AP_REGISTRATION, &n);
    list_choices(&r->l, F_REGISTRATION, c, n);
    c = ap_terms_choices(req, OR_AP_SETTING, &n);
    list_choices(&r->l, F_SETTING, c, n);
    list_read(&r->l);
    r->rows = r->g.rows;
    for (int i = 0; i < r->g.n; i++) {
        const ap_row *x = &r->g.rows[i];
        const char *reg_ = list_text(&r->l, F_REGISTRATION), *set = list_text(&r->l, F_SETTING);
        if ((*reg_ && strcmp(reg_, x->p.registration)) || (*set && strcmp(set, x->p.setting)) ||
            !has_words(x->p.name, list_text(&r->l, F_Q)) ||
            (list_has(&r->l, F_QA, "due") && !x->status) ||
            (list_has(&r->l, F_QA, "none") && x->nchecks))
            continue;
        r->rows[r->nrows++] = *x;
    }
    sort_by s = {list_sort(&r->l), list_desc(&r->l)};
    if (r->nrows > 1)
        qsort_r(r->rows, (size_t)r->nrows, sizeof *r->rows, by_column, &s);
    return true;
}

void page_ap_providers(const web_request *req, web_response *res)
{
    reg r;
    if (!load(req, res, &r))
        return;
    list_paginate(&r.l, r.nrows);
    or_sb *out = &res->body;
    gov_page_start(out, req, "Alternative provision providers");
    html_raw(out, "<span class=\"govuk-caption-l\">Alternative provision</span>\n"
                  "<h1 class=\"govuk-heading-l\">Alternative provision providers</h1>\n");
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "Provider added.", true);
    html_raw(out, "<p class=\"govuk-body\">The providers the local authority and its schools "
                  "place pupils with, and the local authority's checks of each against the four "
                  "pillars of the national standards for non-school alternative provision. "
                  "<a class=\"govuk-link\" href=\"/ap/placements\">Placements</a>.</p>\n");
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (la)
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                      "href=\"/ap/providers/new\">Add a provider</a></p>\n");
    list_start(out, &r.l);
    char day[24];
    if (list_table_start(out, &r.l)) {
        for (int i = r.l.first; i < r.l.last; i++) {
            const ap_row *x = &r.rows[i];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/ap/providers/%s", x->p.slug), x->p.name);
            gov_td(out, or_ap_label(OR_AP_REGISTRATION, x->p.registration));
            gov_td(out, or_ap_label(OR_AP_SETTING, x->p.setting));
            gov_td(out, x->last_check == OR_DATE_NONE ? "Never" : view_date(x->last_check, day));
            gov_td(out, x->next_expiry == OR_DATE_NONE ? "None" : view_date(x->next_expiry, day));
            html_raw(out, "<td class=\"govuk-table__cell\">");
            const char *colour, *words = ap_qa_words(x->status, &colour);
            view_tag(out, x->nchecks ? words : "Not checked", x->nchecks ? colour : "grey");
            html_raw(out, "</td>\n");
            gov_table_row_end(out);
        }
        list_table_end(out, &r.l);
    }
    list_end(out, &r.l);
    gov_page_end(out, req);
    ap_notice_done(&r.n);
}

void page_ap_providers_download(const web_request *req, web_response *res)
{
    reg r;
    if (!load(req, res, &r))
        return;
    or_csv w;
    if (!list_csv_start(&r.l, res, &w, r.nrows)) {
        ap_notice_done(&r.n);
        return;
    }
    for (int i = 0; i < r.nrows; i++) {
        const ap_row *x = &r.rows[i];
        or_csv_text(&w, x->p.name);
        or_csv_text(&w, x->p.slug);
        or_csv_text(&w, x->p.registration);
        or_csv_text(&w, ap_number_of(req, &x->p));
        or_csv_text(&w, x->p.setting);
        or_csv_date(&w, x->last_check);
        or_csv_date(&w, x->next_expiry);
        or_csv_text(&w, !x->nchecks ? "not_checked" : x->status ? x->status : "in_date");
        or_csv_end_row(&w);
    }
    ap_notice_done(&r.n);
}

/* ---- add a provider: GET and POST /ap/providers/new ---- */

enum { P_NAME, P_REGISTRATION, P_URN, P_UKPRN, P_SETTING, P_CONTACT, P_NOTES, P__N };
static const form_field provider_fields[P__N] = {
    [P_NAME] = {"name", "Name of the provider", "The organisation, never a person's name",
                FORM_TEXT, FORM_REQUIRED, .max = 200},
    [P_REGISTRATION] = {"registration", "How is it registered?", NULL, FORM_RADIOS, FORM_REQUIRED,
                        .missing = "Select how the provider is registered"},
    [P_URN] = {"urn", "URN (a registered school)", "6 digits", FORM_TEXT, 0, .noun = "URN",
               .max = 6, .width = "govuk-input--width-10"},
    [P_UKPRN] = {"ukprn", "UKPRN (a registered provider)", "8 digits", FORM_TEXT, 0,
                 .noun = "UKPRN", .max = 8, .width = "govuk-input--width-10"},
    [P_SETTING] = {"setting", "Type of setting", "As the school census records it", FORM_RADIOS,
                   FORM_REQUIRED, .missing = "Select the type of setting"},
    [P_CONTACT] = {"contact", "Contact (optional)",
                   "The provider's office: a telephone number or a shared email address",
                   FORM_TEXTAREA, .rows = 2, .max = 500},
    [P_NOTES] = {"notes", "Notes (optional)", NULL, FORM_TEXTAREA, .rows = 3, .max = 2000},
};

static void provider_form(form *f, const web_request *req)
{
    form_init(f, req, provider_fields, P__N);
    int n;
    gov_choice *c = ap_terms_choices(req, OR_AP_REGISTRATION, &n);
    f->fields[P_REGISTRATION].choices = c;
    f->fields[P_REGISTRATION].nchoices = n;
    c = ap_terms_choices(req, OR_AP_SETTING, &n);
    f->fields[P_SETTING].choices = c;
    f->fields[P_SETTING].nchoices = n;
}

static void show_provider_form(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Add a provider", "/ap/providers", "Back to the providers",
                    "Alternative provision");
    form_start(out, f, "/ap/providers/new");
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Add the provider", NULL);
}

void page_ap_provider_new(const web_request *req, web_response *res)
{
    form f;
    provider_form(&f, req);
    form_read(&f);
    show_provider_form(&f, res);
}

/* The store's check's field, against the form's. */
static int provider_field(const char *field)
{
    for (int i = 0; field && i < P__N; i++)
        if (!strcmp(provider_fields[i].name, field))
            return i;
    return P_NAME;
}

void page_ap_provider_new_post(const web_request *req, web_response *res)
{
    form f;
    provider_form(&f, req);
    form_read(&f);
    form_validate(&f);
    const char *regn = form_text(&f, P_REGISTRATION);
    const char *urn = form_text(&f, P_URN), *ukprn = form_text(&f, P_UKPRN);
    if (!strcmp(regn, "school") && !*urn)
        form_error(&f, P_URN, "Enter the URN of the registered school");
    if (!strcmp(regn, "ukprn") && !*ukprn)
        form_error(&f, P_UKPRN, "Enter the UKPRN of the registered provider");
    if (*urn && strspn(urn, "0123456789") != strlen(urn))
        form_error(&f, P_URN, "The URN must be 6 digits, for example 100123");
    or_ap_provider p = {"",
                        form_text(&f, P_NAME),
                        regn,
                        strcmp(regn, "school") ? 0 : atoi(urn),
                        strcmp(regn, "ukprn") ? "" : ukprn,
                        form_text(&f, P_SETTING),
                        form_text(&f, P_CONTACT),
                        form_text(&f, P_NOTES)};
    const char *field = NULL;
    or_error err = {0};
    if (!f.nerrors && or_ap_provider_check(&p, &field, &err))
        form_error(&f, provider_field(field),
                   or_arena_printf(req->arena, "The %s %s", form_noun(&f, provider_field(field)),
                                   err.msg));
    if (f.nerrors) {
        form_errors_in_order(&f);
        show_provider_form(&f, res);
        return;
    }
    or_audit_entry line = ap_who(req);
    char slug[61];
    or_code rc = or_ap_provider_add(req->store, &p, &line, slug, &field, &err);
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The provider could not be added (or its audit line written): nothing was "
                  "saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/ap/providers/%s?added=1", slug));
}
