/* page_ap_providers.c - the LA's register of alternative provision providers and its quality
 * assurance (issue 17 part 1):
 *
 *   GET  /ap/providers[?registration=R&setting=S&qa=Q&q=WORDS]  the register on the list engine
 *        (list.h): each provider's name (a link to its page), registration, setting, its last
 *        check and its next expiry with LOCAL-APQA-EXPIRY's status; filtered, paged, sorted;
 *   GET  /ap/providers/download  the same selection as CSV;
 *   GET, POST /ap/providers/new  add a provider (a form of the form engine, form.h);
 *   GET  /ap/providers/{slug}    the provider: its details, the checks due and every QA record;
 *   GET, POST /ap/providers/{slug}/qa  record a check against a pillar of the standards.
 *
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

/* ---- one provider with its checks, as the list and the page show it ---- */

typedef struct {
    or_ap_provider p;
    or_date last_check;  /* the latest check, OR_DATE_NONE if none */
    or_date next_expiry; /* the soonest expiry of its latest check of each pillar and item */
    const char *status;  /* or_apqa_status of it: "due", "expired" or NULL */
    int nchecks;
} row;

typedef struct {
    const web_request *req;
    row *rows;
    int n, cap;
} gather;

static or_code on_provider(void *ctx, const or_ap_provider *p, or_error *err)
{
    gather *g = ctx;
    if (g->n == g->cap) {
        int cap = g->cap ? g->cap * 2 : 32;
        row *more = or_arena_alloc(g->req->arena, (size_t)cap * sizeof *more);
        if (!more)
            return or_fail(err, OR_ENOMEM, "page_ap_providers.c: out of memory");
        if (g->n)
            memcpy(more, g->rows, (size_t)g->n * sizeof *more);
        g->rows = more;
        g->cap = cap;
    }
    or_arena *a = g->req->arena;
    g->rows[g->n++] = (row){{or_arena_strdup(a, p->slug), or_arena_strdup(a, p->name),
                             or_arena_strdup(a, p->registration), p->urn,
                             or_arena_strdup(a, p->ukprn), or_arena_strdup(a, p->setting),
                             or_arena_strdup(a, p->contact), or_arena_strdup(a, p->notes)},
                            OR_DATE_NONE,
                            OR_DATE_NONE,
                            NULL,
                            0};
    return OR_OK;
}

/* The notice (school days) and the calendar LOCAL-APQA-EXPIRY counts on: the LA's
 * parameters and, when there is one, the calendar of the first school in the snapshot. */
typedef struct {
    int notice;
    const or_calendar *cal;
    or_date today;
    view_snapshot *snap; /* held while cal is used: notice_done puts it back */
} notice_on;

static void notice_done(notice_on *n)
{
    if (n->snap)
        view_snapshot_put(n->snap);
    n->snap = NULL;
}

/* Each record, newest first: the first of each (pillar, item) is the one in force. */
typedef struct {
    gather *g;
    notice_on *n;
    char seen[256][48];
    int nseen;
} qa_walk;

static row *row_of(gather *g, const char *slug)
{
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->rows[i].p.slug, slug))
            return &g->rows[i];
    return NULL;
}

static or_code on_qa(void *ctx, int64_t id, const or_ap_qa *q, const char *by, or_error *err)
{
    (void)id, (void)by, (void)err;
    qa_walk *w = ctx;
    row *r = row_of(w->g, q->provider);
    if (!r)
        return OR_OK;
    r->nchecks++;
    if (r->last_check == OR_DATE_NONE || q->checked_on > r->last_check)
        r->last_check = q->checked_on;
    char key[48];
    snprintf(key, sizeof key, "%.20s/%.12s/%.12s", q->provider, q->pillar, q->item);
    for (int i = 0; i < w->nseen; i++)
        if (!strcmp(w->seen[i], key))
            return OR_OK; /* an older record of the same check: superseded */
    if (w->nseen < 256)
        snprintf(w->seen[w->nseen++], sizeof w->seen[0], "%s", key);
    if (q->expires_on != OR_DATE_NONE &&
        (r->next_expiry == OR_DATE_NONE || q->expires_on < r->next_expiry)) {
        r->next_expiry = q->expires_on;
        r->status = or_apqa_status(w->n->cal, q->expires_on, w->n->notice, w->n->today);
    }
    return OR_OK;
}

static or_code load_all(const web_request *req, gather *g, notice_on *n, or_error *err)
{
    memset(g, 0, sizeof *g);
    g->req = req;
    n->today = web_today(req);
    or_params p;
    or_code rc = or_params_load(req->store, &p, err);
    n->notice = rc ? 20 : p.v[OR_P_APQA_NOTICE_DAYS];
    n->cal = NULL;
    n->snap = NULL;
    or_error e2 = {0};
    if (!view_snapshot_get(req, &n->snap, &e2)) {
        for (int i = 0; i < n->snap->nschools && !n->cal; i++) {
            const or_school_info *s = or_model_school(n->snap->model, n->snap->schools[i].urn);
            n->cal = s ? s->cal : NULL;
        }
    } else {
        n->snap = NULL;
    }
    if ((rc = or_ap_providers_each(req->store, on_provider, g, err)))
        return rc;
    qa_walk *w = or_arena_calloc(req->arena, 1, sizeof *w);
    if (!w)
        return or_fail(err, OR_ENOMEM, "page_ap_providers.c: out of memory");
    w->g = g;
    w->n = n;
    return or_ap_qa_each(req->store, NULL, on_qa, w, err);
}

static const char *status_words(const char *status, const char **colour)
{
    if (status && !strcmp(status, "expired")) {
        *colour = "red";
        return "Expired";
    }
    if (status) {
        *colour = "orange";
        return "Due for renewal";
    }
    *colour = "green";
    return "In date";
}

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

static gov_choice *terms_choices(const web_request *req, or_ap_vocab v, int *n)
{
    const or_ap_term *t = or_ap_terms(v, n);
    gov_choice *c = or_arena_alloc(req->arena, (size_t)(*n + 1) * sizeof *c);
    for (int i = 0; c && i < *n; i++)
        c[i] = (gov_choice){t[i].id, t[i].label, NULL};
    if (!c)
        *n = 0;
    return c;
}

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
    const row *a = x, *b = y;
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
    gather g;
    notice_on n;
    row *rows;
    int nrows;
} reg;

static bool load(const web_request *req, web_response *res, reg *r)
{
    memset(r, 0, sizeof *r);
    or_error err = {0};
    if (load_all(req, &r->g, &r->n, &err)) {
        notice_done(&r->n);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The register of providers could not be read.");
        return false;
    }
    list_init(&r->l, req, &spec);
    int n;
    gov_choice *c = terms_choices(req, OR_AP_REGISTRATION, &n);
    list_choices(&r->l, F_REGISTRATION, c, n);
    c = terms_choices(req, OR_AP_SETTING, &n);
    list_choices(&r->l, F_SETTING, c, n);
    list_read(&r->l);
    r->rows = r->g.rows;
    for (int i = 0; i < r->g.n; i++) {
        const row *x = &r->g.rows[i];
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

static const char *number_of(const web_request *req, const or_ap_provider *p)
{
    if (!strcmp(p->registration, "school"))
        return or_arena_printf(req->arena, "%d", p->urn);
    return p->ukprn;
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
            const row *x = &r.rows[i];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/ap/providers/%s", x->p.slug), x->p.name);
            gov_td(out, or_ap_label(OR_AP_REGISTRATION, x->p.registration));
            gov_td(out, or_ap_label(OR_AP_SETTING, x->p.setting));
            gov_td(out, x->last_check == OR_DATE_NONE ? "Never" : view_date(x->last_check, day));
            gov_td(out, x->next_expiry == OR_DATE_NONE ? "None" : view_date(x->next_expiry, day));
            html_raw(out, "<td class=\"govuk-table__cell\">");
            const char *colour, *words = status_words(x->status, &colour);
            view_tag(out, x->nchecks ? words : "Not checked", x->nchecks ? colour : "grey");
            html_raw(out, "</td>\n");
            gov_table_row_end(out);
        }
        list_table_end(out, &r.l);
    }
    list_end(out, &r.l);
    gov_page_end(out, req);
    notice_done(&r.n);
}

void page_ap_providers_download(const web_request *req, web_response *res)
{
    reg r;
    if (!load(req, res, &r))
        return;
    or_csv w;
    if (!list_csv_start(&r.l, res, &w, r.nrows)) {
        notice_done(&r.n);
        return;
    }
    char iso[11];
    for (int i = 0; i < r.nrows; i++) {
        const row *x = &r.rows[i];
        or_csv_text(&w, x->p.name);
        or_csv_text(&w, x->p.slug);
        or_csv_text(&w, x->p.registration);
        or_csv_text(&w, number_of(req, &x->p));
        or_csv_text(&w, x->p.setting);
        iso[0] = '\0';
        if (x->last_check != OR_DATE_NONE)
            or_date_format(x->last_check, iso);
        or_csv_text(&w, iso);
        iso[0] = '\0';
        if (x->next_expiry != OR_DATE_NONE)
            or_date_format(x->next_expiry, iso);
        or_csv_text(&w, iso);
        or_csv_text(&w, !x->nchecks ? "not_checked" : x->status ? x->status : "in_date");
        or_csv_end_row(&w);
    }
    notice_done(&r.n);
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
    gov_choice *c = terms_choices(req, OR_AP_REGISTRATION, &n);
    f->fields[P_REGISTRATION].choices = c;
    f->fields[P_REGISTRATION].nchoices = n;
    c = terms_choices(req, OR_AP_SETTING, &n);
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

static or_audit_entry who(const web_request *req)
{
    return (or_audit_entry){.actor = req->user->email,
                            .user_id = req->user->id,
                            .role = or_role_name(req->user->role),
                            .object = req->path,
                            .remote = req->remote};
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
    or_audit_entry line = who(req);
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

/* ---- one provider: GET /ap/providers/{slug} ---- */

static bool slug_ok(const char *s)
{
    return s && *s && strlen(s) <= 60 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

typedef struct {
    const web_request *req;
    or_sb *out;
    notice_on *n;
    int count;
} qa_table;

static or_code qa_row(void *ctx, int64_t id, const or_ap_qa *q, const char *by, or_error *err)
{
    (void)id, (void)by, (void)err;
    qa_table *t = ctx;
    char day[24];
    gov_table_row_start(t->out);
    gov_td(t->out, or_ap_label(OR_AP_PILLAR, q->pillar));
    gov_td(t->out, or_ap_label(OR_AP_ITEM, q->item));
    gov_td(t->out, q->evidence);
    gov_td(t->out, q->checked_by);
    gov_td(t->out, view_date(q->checked_on, day));
    html_raw(t->out, "<td class=\"govuk-table__cell\">");
    if (q->expires_on == OR_DATE_NONE) {
        html_raw(t->out, "Does not expire");
    } else {
        html_printf(t->out, "%s ", view_date(q->expires_on, day));
        const char *st = or_apqa_status(t->n->cal, q->expires_on, t->n->notice, t->n->today);
        if (st) {
            const char *colour, *words = status_words(st, &colour);
            view_tag(t->out, words, colour);
        }
    }
    html_raw(t->out, "</td>\n");
    gov_table_row_end(t->out);
    t->count++;
    return OR_OK;
}

void page_ap_provider(const web_request *req, web_response *res)
{
    const char *slug = web_path(req, "slug");
    gather g;
    notice_on n;
    or_error err = {0};
    if (!slug_ok(slug)) {
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return;
    }
    if (load_all(req, &g, &n, &err)) {
        notice_done(&n);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The register of providers could not be read.");
        return;
    }
    const row *r = row_of(&g, slug);
    if (!r) {
        notice_done(&n);
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, r->p.name);
    html_raw(out,
             "<a href=\"/ap/providers\" class=\"govuk-back-link\">Back to the providers</a>\n");
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "Provider added.", true);
    if (web_query(req, "checked")[0])
        gov_notification(out, "Success", "Check recorded.", true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">Alternative provision provider</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                r->p.name);
    gov_summary_start(out);
    gov_summary_row(out, "Registration", or_ap_label(OR_AP_REGISTRATION, r->p.registration));
    if (!strcmp(r->p.registration, "school"))
        gov_summary_row(out, "URN", number_of(req, &r->p));
    if (!strcmp(r->p.registration, "ukprn"))
        gov_summary_row(out, "UKPRN", r->p.ukprn);
    gov_summary_row(out, "Type of setting", or_ap_label(OR_AP_SETTING, r->p.setting));
    gov_summary_row(out, "Contact", *r->p.contact ? r->p.contact : "Not recorded");
    if (*r->p.notes)
        gov_summary_row(out, "Notes", r->p.notes);
    char day[24];
    gov_summary_row(out, "Next expiry",
                    r->next_expiry == OR_DATE_NONE ? "None" : view_date(r->next_expiry, day));
    gov_summary_end(out);
    if (r->status) {
        char from[24];
        html_printf(out,
                    "<div class=\"govuk-inset-text\">A check %s on %s: the local authority checks "
                    "the provider again before then (LOCAL-APQA-EXPIRY, shown from %s).</div>\n",
                    !strcmp(r->status, "expired") ? "expired" : "expires",
                    view_date(r->next_expiry, day),
                    view_date(or_apqa_show_from(n.cal, r->next_expiry, n.notice), from));
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\">Quality assurance</h2>\n");
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (la)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                    "href=\"/ap/providers/%t/qa\">Record a check</a></p>\n",
                    r->p.slug);
    static const char *const heads[] = {"Pillar",     "What was checked", "Evidence",
                                        "Checked by", "Checked on",       "Expires"};
    html_raw(out, "<div class=\"govuk-table-wrapper\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Checks of the provider\">\n");
    gov_table_start(out, "Checks of the provider, the latest first", heads, 6);
    qa_table t = {req, out, &n, 0};
    if (or_ap_qa_each(req->store, r->p.slug, qa_row, &t, &err))
        html_raw(out, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
                      "colspan=\"6\">The checks could not be read.</td></tr>\n");
    else if (!t.count)
        html_raw(out, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
                      "colspan=\"6\">No checks recorded yet.</td></tr>\n");
    gov_table_end(out);
    html_raw(out, "</div>\n");
    gov_page_end(out, req);
    notice_done(&n);
}

/* ---- record a check: GET and POST /ap/providers/{slug}/qa ---- */

enum { Q_PILLAR, Q_ITEM, Q_EVIDENCE, Q_BY, Q_ON, Q_EXPIRES, Q__N };
static const form_field qa_fields[Q__N] = {
    [Q_PILLAR] = {"pillar", "Which pillar of the standards?", NULL, FORM_RADIOS, FORM_REQUIRED,
                  .missing = "Select the pillar of the standards"},
    [Q_ITEM] = {"item", "What was checked?", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select what was checked"},
    [Q_EVIDENCE] = {"evidence", "Evidence seen", "What was seen, and where it is kept",
                    FORM_TEXTAREA, FORM_REQUIRED, .max = 3000},
    [Q_BY] = {"checked_by", "Checked by", "The officer's name and role", FORM_TEXT, FORM_REQUIRED,
              .noun = "name of who checked", .max = 200},
    [Q_ON] = {"checked_on", "Date of the check", "For example, 24 11 2026", FORM_DATE,
              FORM_REQUIRED | FORM_PAST, .noun = "date of the check"},
    [Q_EXPIRES] = {"expires_on", "Expiry date (DBS checks and risk assessments)",
                   "When it must be checked again", FORM_DATE, 0, .noun = "expiry date"},
};

static void qa_form(form *f, const web_request *req)
{
    form_init(f, req, qa_fields, Q__N);
    int n;
    gov_choice *c = terms_choices(req, OR_AP_PILLAR, &n);
    f->fields[Q_PILLAR].choices = c;
    f->fields[Q_PILLAR].nchoices = n;
    c = terms_choices(req, OR_AP_ITEM, &n);
    f->fields[Q_ITEM].choices = c;
    f->fields[Q_ITEM].nchoices = n;
}

static void show_qa_form(form *f, web_response *res, const or_ap_provider *p)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Record a check",
                    or_arena_printf(req->arena, "/ap/providers/%s", p->slug),
                    "Back to the provider", p->name);
    form_start(out, f, or_arena_printf(req->arena, "/ap/providers/%s/qa", p->slug));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Record the check", NULL);
}

static bool provider_of(const web_request *req, web_response *res, or_ap_provider *p)
{
    const char *slug = web_path(req, "slug");
    bool found = false;
    or_error err = {0};
    if (!slug_ok(slug) || or_ap_provider_get(req->store, slug, req->arena, p, &found, &err) ||
        !found) {
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return false;
    }
    return true;
}

void page_ap_provider_qa(const web_request *req, web_response *res)
{
    or_ap_provider p;
    if (!provider_of(req, res, &p))
        return;
    form f;
    qa_form(&f, req);
    form_read(&f);
    show_qa_form(&f, res, &p);
}

void page_ap_provider_qa_post(const web_request *req, web_response *res)
{
    or_ap_provider p;
    if (!provider_of(req, res, &p))
        return;
    form f;
    qa_form(&f, req);
    form_read(&f);
    form_validate(&f);
    or_ap_qa q = {p.slug,
                  form_text(&f, Q_PILLAR),
                  form_text(&f, Q_ITEM),
                  form_text(&f, Q_EVIDENCE),
                  form_text(&f, Q_BY),
                  OR_DATE_NONE,
                  OR_DATE_NONE};
    if (!or_date_parse(form_text(&f, Q_ON), &q.checked_on))
        q.checked_on = OR_DATE_NONE;
    if (!or_date_parse(form_text(&f, Q_EXPIRES), &q.expires_on))
        q.expires_on = OR_DATE_NONE;
    const char *field = NULL;
    or_error err = {0};
    if (!f.nerrors && or_ap_qa_check(&q, web_today(req), &field, &err)) {
        int i = Q_EVIDENCE;
        for (int k = 0; field && k < Q__N; k++)
            if (!strcmp(qa_fields[k].name, field))
                i = k;
        if (i == Q_EXPIRES && q.expires_on == OR_DATE_NONE)
            form_error(&f, i, "Enter the expiry date: DBS checks and risk assessments expire");
        else if (i == Q_EXPIRES)
            form_error(&f, i, "The expiry date must be after the date of the check");
        else
            form_error(&f, i, or_arena_printf(req->arena, "The %s %s", form_noun(&f, i), err.msg));
    }
    if (f.nerrors) {
        form_errors_in_order(&f);
        show_qa_form(&f, res, &p);
        return;
    }
    or_audit_entry line = who(req);
    if (or_ap_qa_add(req->store, &q, web_today(req), &line, &field, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The check could not be recorded (or its audit line written): nothing was "
                  "saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/ap/providers/%s?checked=1", p.slug));
}

/* ---- /duties: the LA's checks due (ap_web.h) ---- */

void page_ap_duties_section(or_sb *out, const web_request *req)
{
    if (req->user->role != OR_ROLE_LA_ADMIN && req->user->role != OR_ROLE_LA_OFFICER)
        return;
    gather g;
    notice_on n;
    or_error err = {0};
    if (load_all(req, &g, &n, &err)) {
        notice_done(&n);
        return;
    }
    int due = 0;
    char day[24], from[24];
    for (int i = 0; i < g.n; i++) {
        const row *r = &g.rows[i];
        if (!r->status)
            continue;
        if (!due++) {
            static const char *const heads[] = {"Provider", "Expires", "Shown from", "Status"};
            html_raw(out, "<h2 class=\"govuk-heading-m\">Alternative provision providers' "
                          "checks due</h2>\n<div class=\"govuk-table-wrapper\" tabindex=\"0\" "
                          "role=\"region\" aria-label=\"Providers' checks due\">\n");
            gov_table_start(out, "Checks to make again before they expire (LOCAL-APQA-EXPIRY)",
                            heads, 4);
        }
        gov_table_row_start(out);
        gov_td_link(out, or_arena_printf(req->arena, "/ap/providers/%s", r->p.slug), r->p.name);
        gov_td(out, view_date(r->next_expiry, day));
        gov_td(out, view_date(or_apqa_show_from(n.cal, r->next_expiry, n.notice), from));
        html_raw(out, "<td class=\"govuk-table__cell\">");
        const char *colour, *words = status_words(r->status, &colour);
        view_tag(out, words, colour);
        html_raw(out, "</td>\n");
        gov_table_row_end(out);
    }
    if (due) {
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    notice_done(&n);
}
