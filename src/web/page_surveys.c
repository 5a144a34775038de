/* page_surveys.c - surveys before and after (issue 18 part 4; surveys.h) on the web:
 *
 *   /surveys            the list (list engine): a school's own surveys, every school's for the
 *                       LA; /surveys/download its CSV
 *   /surveys/new        a new survey: from one of the toolkit's templates or blank, for a school
 *                       (the LA chooses; a school's is its own)
 *
 * A school sees and writes only its own; LA officers any school's; the analyst none (routes.c).
 * One survey is page_survey.c. */
#include <stdlib.h>
#include <string.h>

#include "onroll/surveys.h"
#include "web/form.h"
#include "web/list.h"
#include "web/surveys_web.h"
#include "web/view.h"

/* ---- the list ---- */

enum { L_AUDIENCE, L_TEMPLATE, L__N };
static const gov_choice audiences[OR_AUD__N] = {
    {"pupils", "Pupils", NULL}, {"parents", "Parents", NULL}, {"staff", "Staff", NULL}};
static const list_filter filters[L__N] = {
    [L_AUDIENCE] = {"audience", "Who answers", NULL, LIST_SELECT, .any = "Everyone",
                    .choices = audiences, .nchoices = OR_AUD__N},
    [L_TEMPLATE] = {"template", "Started from", NULL, LIST_SELECT, .any = "Any template"},
};
enum { C_TITLE, C_SCHOOL, C_TEMPLATE, C_AUDIENCE, C_CREATED, C__N };
static const list_column columns[C__N] = {
    [C_TITLE] = {"title", "Survey", "title", LIST_SORT},
    [C_SCHOOL] = {"school", "School", "school", LIST_SORT},
    [C_TEMPLATE] = {"template", "Started from", "template", LIST_SORT},
    [C_AUDIENCE] = {"audience", "Who answers", "audience", LIST_SORT},
    [C_CREATED] = {"created", "Created", "created_at", LIST_SORT | LIST_DESC},
};
static const list_spec spec = {"/surveys",
                               "Surveys",
                               columns,
                               C__N,
                               filters,
                               L__N,
                               .sort = "created",
                               .desc = true,
                               .csv_name = "onroll-surveys",
                               .noun = "surveys"};

typedef struct {
    or_survey *s;
    const char **school;
    int n;
} rows;

typedef struct {
    const list *l;
    const rows *r;
} sort_by;

static int cmp(const void *x, const void *y, void *ctx)
{
    const sort_by *sb = ctx;
    int i = *(const int *)x, j = *(const int *)y, c = 0;
    const or_survey *a = &sb->r->s[i], *b = &sb->r->s[j];
    switch (list_sort(sb->l)) {
    case C_TITLE:
        c = strcasecmp(a->title, b->title);
        break;
    case C_SCHOOL:
        c = strcmp(sb->r->school[i], sb->r->school[j]);
        break;
    case C_TEMPLATE:
        c = strcmp(survey_template_words(a->template_id), survey_template_words(b->template_id));
        break;
    case C_AUDIENCE:
        c = strcmp(a->audience, b->audience);
        break;
    default:
        c = strcmp(a->created_at, b->created_at);
    }
    if (!c)
        c = a->id < b->id ? -1 : a->id > b->id;
    return list_desc(sb->l) ? -c : c;
}

static bool prepare(const web_request *req, web_response *res, list *l, rows *r, int **idx, int *n)
{
    gov_choice *tc = or_arena_alloc(req->arena, sizeof *tc * (size_t)(or_survey_templates_count));
    for (int i = 0; i < or_survey_templates_count; i++)
        tc[i] = (gov_choice){or_survey_templates[i].id, or_survey_templates[i].title, NULL};
    list_init(l, req, &spec);
    list_choices(l, L_TEMPLATE, tc, or_survey_templates_count);
    list_read(l);
    or_error err = {0};
    if (or_surveys_list(req->store, web_user_school(req), req->arena, &r->s, &r->n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The surveys could not be read.");
        return false;
    }
    r->school = or_arena_alloc(req->arena, sizeof *r->school * (size_t)(r->n + 1));
    *idx = or_arena_alloc(req->arena, sizeof **idx * (size_t)(r->n + 1));
    *n = 0;
    for (int i = 0; i < r->n; i++) {
        r->school[i] = view_school_label(req, r->s[i].urn);
        if (list_set(l, L_AUDIENCE) && !list_has(l, L_AUDIENCE, r->s[i].audience))
            continue;
        if (list_set(l, L_TEMPLATE) && !list_has(l, L_TEMPLATE, r->s[i].template_id))
            continue;
        (*idx)[(*n)++] = i;
    }
    sort_by s = {l, r};
    if (*n > 1)
        qsort_r(*idx, (size_t)*n, sizeof **idx, cmp, &s);
    return true;
}

static const char *audience_label(const char *id)
{
    for (int i = 0; i < OR_AUD__N; i++)
        if (!strcmp(or_audience_ids[i], id))
            return survey_audience_words((or_survey_audience)i);
    return id;
}

void page_surveys(const web_request *req, web_response *res)
{
    list l;
    rows r;
    int *idx = NULL, n = 0;
    if (!prepare(req, res, &l, &r, &idx, &n))
        return;
    list_paginate(&l, n);
    or_sb *out = &res->body;
    gov_page_start(out, req, l.nerrors ? "Error: Surveys" : "Surveys");
    html_raw(out, "<h1 class=\"govuk-heading-l\">Surveys</h1>\n"
                  "<p class=\"govuk-body\">Ask pupils, parents or staff how they feel before and "
                  "after a change, or a year apart. Each person answers through their own link, "
                  "without an account; onroll keeps their answers apart from who they are.</p>\n"
                  "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/surveys/new\">"
                  "Start a survey</a></p>\n");
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        char buf[48];
        for (int k = l.first; k < l.last; k++) {
            const or_survey *v = &r.s[idx[k]];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/surveys/%lld", (long long)v->id),
                        v->title);
            gov_td(out, r.school[idx[k]]);
            gov_td(out, survey_template_words(v->template_id));
            gov_td(out, audience_label(v->audience));
            gov_td(out, view_time(v->created_at, buf));
            gov_table_row_end(out);
        }
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

void page_surveys_download(const web_request *req, web_response *res)
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
        const or_survey *v = &r.s[idx[k]];
        or_csv_text(&w, v->title);
        or_csv_text(&w, r.school[idx[k]]);
        or_csv_text(&w, v->template_id);
        or_csv_text(&w, v->audience);
        or_csv_text(&w, v->created_at);
        or_csv_end_row(&w);
    }
}

/* ---- a new survey ---- */

enum { F_TEMPLATE, F_SCHOOL, F_TITLE, F_AUDIENCE, F__N };
static const form_field fields[F__N] = {
    [F_TEMPLATE] = {"template", "Start from", NULL, FORM_RADIOS, FORM_REQUIRED | FORM_QUERY,
                    .missing = "Select a template, or a blank survey"},
    [F_SCHOOL] = {"school", "School", NULL, FORM_SELECT, FORM_REQUIRED,
                  .missing = "Select the school"},
    [F_TITLE] = {"title", "Title (optional)",
                 "For example, Year 7 nurture group. Leave it empty to use the template's",
                 FORM_TEXT, 0, .max = 200},
    [F_AUDIENCE] = {"audience", "Who answers it",
                    "A template already says who; choose only to change it, or for a blank "
                    "survey",
                    FORM_RADIOS, 0, .choices = audiences, .nchoices = OR_AUD__N},
};

static void new_form(const web_request *req, form *f, view_snapshot *snap)
{
    form_init(f, req, fields, F__N);
    gov_choice *tc =
        or_arena_alloc(req->arena, sizeof *tc * (size_t)(or_survey_templates_count + 1));
    for (int i = 0; i < or_survey_templates_count; i++) {
        const or_survey_template *t = &or_survey_templates[i];
        tc[i] =
            (gov_choice){t->id, t->title,
                         or_arena_printf(req->arena, "%s: %d %s, %d statements",
                                         survey_audience_words(t->def.audience), t->def.ndomains,
                                         t->def.ndomains == 1 ? "section" : "sections",
                                         or_survey_items(&t->def))};
    }
    tc[or_survey_templates_count] =
        (gov_choice){"blank", "A blank survey", "Write your own questions"};
    f->fields[F_TEMPLATE].choices = tc;
    f->fields[F_TEMPLATE].nchoices = or_survey_templates_count + 1;
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
    form_read(f);
    if (own && ns == 1 && !f->posted)
        form_set(f, F_SCHOOL, sc[0].value);
}

static void new_show(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Start a survey", "/surveys", "Back to surveys", "Surveys");
    form_start(out, f, "/surveys/new");
    form_fields_html(out, f, 0, F__N);
    form_page_end(out, f, res, "Start the survey", NULL);
}

static void new_get(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    new_show(&f, res);
}

void page_survey_new(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_get);
}

static void new_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    form f;
    new_form(req, &f, snap);
    const char *tid = form_text(&f, F_TEMPLATE);
    bool blank = !strcmp(tid, "blank");
    if (blank && !*form_text(&f, F_TITLE))
        form_error(&f, F_TITLE, "Enter a title for the survey");
    if (blank && !*form_text(&f, F_AUDIENCE))
        form_error(&f, F_AUDIENCE, "Select who answers the survey");
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        new_show(&f, res);
        return;
    }
    const or_survey_template *t = or_survey_template_find(tid);
    int urn = atoi(form_text(&f, F_SCHOOL));
    if ((!t && !blank) || !web_can_see_school(req, urn)) {
        web_error(req, res, 404, "Page not found", "There is no such school or template.");
        return;
    }
    or_survey_def d;
    if (t) {
        d = t->def;
    } else {
        static const or_survey_domain one = {"", "", 0, NULL};
        d = (or_survey_def){"", OR_AUD_PUPILS, "", "", OR_SCORE_NONE, "", 0, NULL, 1, &one};
    }
    if (*form_text(&f, F_TITLE))
        d.title = form_text(&f, F_TITLE);
    for (int i = 0; i < OR_AUD__N; i++)
        if (!strcmp(form_text(&f, F_AUDIENCE), or_audience_ids[i]))
            d.audience = (or_survey_audience)i;
    or_error err = {0};
    int64_t id = 0;
    or_code rc = or_survey_check(&d, false, &err);
    if (rc == OR_EINPUT) {
        form_error(&f, F_TITLE, "The title must be one line of ordinary text");
        form_errors_in_order(&f);
        new_show(&f, res);
        return;
    }
    if (!rc)
        rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_survey_create(req->store, urn, t ? t->id : "", &d, req->user->email, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "survey started: %lld, %s, URN %d",
                                       (long long)id, t ? t->id : "blank", urn))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey could not be started. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/surveys/%lld?started=1", (long long)id));
}

void page_survey_new_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the schools", new_post);
}
