/* page_training.c - staff training against need (issue 18 part 6; training.h):
 *
 *   GET  /schools/{urn}/training[?area=A&role=R]  the school's courses on the list engine
 *        (list.h): course, area of need, level, staff, date; filtered, paged, sorted;
 *   GET  /schools/{urn}/training/download         the same selection as CSV;
 *   GET, POST /schools/{urn}/training/new         record a course (a form of the form engine,
 *        form.h), with its audit line in one transaction.
 *
 * Who: the school itself and LA roles (web_can_see_school). The vulnerability dashboard sets
 * the courses beside the cohort's needs (page_vulnerability.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/store_training.h"
#include "onroll/upn.h"
#include "web/form.h"
#include "web/list.h"
#include "web/view.h"

static gov_choice *choices_of(const web_request *req, const or_training_term *vocab, int *n)
{
    int k = 0;
    while (vocab[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)k);
    for (int i = 0; i < k; i++)
        c[i] = (gov_choice){vocab[i].code, vocab[i].label, vocab[i].hint};
    *n = k;
    return c;
}

/* A code's label, or the code itself when the vocabulary no longer has it. */
static const char *label_of(const or_training_term *vocab, const char *code)
{
    const char *l = or_training_label(vocab, code);
    return l ? l : code;
}

/* The school of the path when the user may see it; else the 404 page and 0. */
static int school_of(const web_request *req, web_response *res, const char **name)
{
    int urn = 0;
    if (or_urn_validate(web_path(req, "urn"), &urn, NULL) || !web_can_see_school(req, urn)) {
        web_audit(req, "denied", NULL, "another school's staff training");
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return 0;
    }
    *name = view_school_label(req, urn);
    return urn;
}

/* ---- the list ---- */

enum { F_AREA, F_ROLE, F__NF };
static const list_filter filters[F__NF] = {
    [F_AREA] = {"area", "Area of need", NULL, LIST_SELECT, .any = "Every area"},
    [F_ROLE] = {"role", "Staff", NULL, LIST_SELECT, .any = "All staff"},
};
enum { C_ON, C_COURSE, C_AREA, C_LEVEL, C_ROLE, C_STAFF, C__N };
static const list_column columns[C__N] = {
    [C_ON] = {"date", "Date", "date", LIST_SORT | LIST_DESC},
    [C_COURSE] = {"course", "Course", "course", LIST_SORT},
    [C_AREA] = {"area", "Area of need", "area", LIST_SORT},
    [C_LEVEL] = {NULL, NULL, "level", 0}, /* in the CSV only: the page keeps to the width */
    [C_ROLE] = {NULL, "Staff", "staff_role", 0},
    [C_STAFF] = {"staff", "Number", "staff", LIST_SORT | LIST_DESC | LIST_NUMERIC},
};

typedef struct {
    list l;
    int urn;
    const char *school;
    or_training *rows;
    int nrows;
} tlist;

typedef struct {
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const or_training *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_COURSE:
        c = strcasecmp(a->course, b->course);
        break;
    case C_AREA:
        c = strcmp(label_of(or_training_areas, a->area), label_of(or_training_areas, b->area));
        break;
    case C_STAFF:
        c = a->staff - b->staff;
        break;
    default:
        c = a->on < b->on ? -1 : a->on > b->on;
        break;
    }
    if (s->desc)
        c = -c;
    return c ? c : (a->id < b->id ? 1 : a->id > b->id ? -1 : 0);
}

static bool load(const web_request *req, web_response *res, tlist *t)
{
    memset(t, 0, sizeof *t);
    if (!(t->urn = school_of(req, res, &t->school)))
        return false;
    list_spec *spec = or_arena_alloc(req->arena, sizeof *spec);
    *spec = (list_spec){or_arena_printf(req->arena, "/schools/%d/training", t->urn),
                        "Staff training",
                        columns,
                        C__N,
                        filters,
                        F__NF,
                        .sort = "date",
                        .desc = true,
                        .csv_name = or_arena_printf(req->arena, "onroll-training-%d", t->urn),
                        .noun = "courses"};
    list_init(&t->l, req, spec);
    int n;
    gov_choice *c = choices_of(req, or_training_areas, &n);
    list_choices(&t->l, F_AREA, c, n);
    c = choices_of(req, or_training_roles, &n);
    list_choices(&t->l, F_ROLE, c, n);
    list_read(&t->l);
    or_training *all = NULL;
    int nall = 0;
    or_error err = {0};
    if (or_training_list(req->store, t->urn, req->arena, &all, &nall, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The training recorded could not be read.");
        return false;
    }
    t->rows = all;
    for (int i = 0; i < nall; i++) {
        if (list_set(&t->l, F_AREA) && !list_has(&t->l, F_AREA, all[i].area))
            continue;
        if (list_set(&t->l, F_ROLE) && !list_has(&t->l, F_ROLE, all[i].role))
            continue;
        t->rows[t->nrows++] = all[i];
    }
    sort_by s = {list_sort(&t->l), list_desc(&t->l)};
    if (t->nrows > 1) /* qsort_r of no rows would be handed a null pointer */
        qsort_r(t->rows, (size_t)t->nrows, sizeof *t->rows, by_column, &s);
    return true;
}

void page_training(const web_request *req, web_response *res)
{
    tlist t;
    if (!load(req, res, &t))
        return;
    list_paginate(&t.l, t.nrows);
    or_sb *out = &res->body;
    gov_page_start(out, req, or_arena_printf(req->arena, "Staff training: %s", t.school));
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">Staff training</h1>\n",
                t.school);
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "Training recorded.", true);
    html_printf(out,
                "<p class=\"govuk-body\">The courses the school's staff have taken, by the area "
                "of need each addresses. The <a class=\"govuk-link\" "
                "href=\"/schools/%d/vulnerability#training\">vulnerability dashboard</a> sets "
                "them beside the pupils' needs.</p>\n"
                "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                "href=\"/schools/%d/training/new\">Record training</a></p>\n",
                t.urn, t.urn);
    list_start(out, &t.l);
    char day[24];
    if (list_table_start(out, &t.l)) {
        for (int i = t.l.first; i < t.l.last; i++) {
            const or_training *x = &t.rows[i];
            gov_table_row_start(out);
            gov_td(out, view_date(x->on, day));
            gov_td(out, x->course);
            gov_td(out, label_of(or_training_areas, x->area));
            gov_td(out, label_of(or_training_roles, x->role));
            list_td_num(out, x->staff);
            gov_table_row_end(out);
        }
        list_table_end(out, &t.l);
    }
    list_end(out, &t.l);
    gov_page_end(out, req);
}

void page_training_download(const web_request *req, web_response *res)
{
    tlist t;
    if (!load(req, res, &t))
        return;
    or_csv w;
    if (!list_csv_start(&t.l, res, &w, t.nrows))
        return;
    for (int i = 0; i < t.nrows; i++) {
        const or_training *x = &t.rows[i];
        or_csv_date(&w, x->on);
        or_csv_text(&w, x->course);
        or_csv_text(&w, x->area);
        or_csv_text(&w, x->level);
        or_csv_text(&w, x->role);
        or_csv_int(&w, x->staff);
        or_csv_end_row(&w);
    }
}

/* ---- record a course ---- */

enum { T_COURSE, T_AREA, T_LEVEL, T_ROLE, T_STAFF, T_ON, T__N };
static const form_field fields[T__N] = {
    [T_COURSE] = {"course", "Name of the course", "For example, Talk for Learning (Elklan)",
                  FORM_TEXT, FORM_REQUIRED, .noun = "name of the course", .max = 200},
    [T_AREA] = {"area", "Area of need it addresses", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the area of need the course addresses"},
    [T_LEVEL] = {"level", "Level", NULL, FORM_RADIOS, FORM_REQUIRED,
                 .missing = "Select the level of the course"},
    [T_ROLE] = {"role", "Staff who took it", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the staff who took the course"},
    [T_STAFF] = {"staff", "Number of staff", "How many took it", FORM_NUMBER, FORM_REQUIRED,
                 .noun = "number of staff", .min = 1, .max = 10000,
                 .width = "govuk-input--width-4"},
    [T_ON] = {"held_on", "Date of the course",
              "For example, 24 11 2026. The last day, if it "
              "ran over several",
              FORM_DATE, FORM_REQUIRED | FORM_PAST, .noun = "date of the course"},
};

static void training_form(form *f, const web_request *req)
{
    form_init(f, req, fields, T__N);
    int n;
    f->fields[T_AREA].choices = choices_of(req, or_training_areas, &n);
    f->fields[T_AREA].nchoices = n;
    f->fields[T_LEVEL].choices = choices_of(req, or_training_levels, &n);
    f->fields[T_LEVEL].nchoices = n;
    f->fields[T_ROLE].choices = choices_of(req, or_training_roles, &n);
    f->fields[T_ROLE].nchoices = n;
}

static void show_form(form *f, web_response *res, int urn, const char *school)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const char *back = or_arena_printf(req->arena, "/schools/%d/training", urn);
    form_page_start(out, f, "Record staff training", back, "Back to the staff training", school);
    form_start(out, f, or_arena_printf(req->arena, "/schools/%d/training/new", urn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Record the training", NULL);
}

void page_training_new(const web_request *req, web_response *res)
{
    const char *school = NULL;
    int urn = school_of(req, res, &school);
    if (!urn)
        return;
    form f;
    training_form(&f, req);
    form_read(&f);
    show_form(&f, res, urn, school);
}

void page_training_new_post(const web_request *req, web_response *res)
{
    const char *school = NULL;
    int urn = school_of(req, res, &school);
    if (!urn)
        return;
    form f;
    training_form(&f, req);
    form_read(&f);
    form_validate(&f);
    if (f.nerrors) {
        form_errors_in_order(&f);
        show_form(&f, res, urn, school);
        return;
    }
    or_training t = {0};
    t.urn = urn;
    t.course = form_text(&f, T_COURSE);
    t.area = form_text(&f, T_AREA);
    t.level = form_text(&f, T_LEVEL);
    t.role = form_text(&f, T_ROLE);
    t.staff = atoi(form_text(&f, T_STAFF));
    or_date_parse(form_text(&f, T_ON), &t.on);
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_training_add(req->store, &t, req->user->email, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "staff training: URN %d, %s (%s), %d staff, %s",
                                       urn, t.course, t.area, t.staff, form_text(&f, T_ON)))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The training could not be recorded. Nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/schools/%d/training?added=1", urn));
}
