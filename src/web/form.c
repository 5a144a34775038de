/* form.c - the form engine's fields (form.h): declared in a table, read from the request by
 * their index, checked by their type (every error kept), the importer's messages put against
 * them, and written as GOV.UK Frontend components (forms.c) with their values and errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/invisible.h"
#include "web/form.h"
#include "web/view.h"

/* ---- declaring and reading ---- */

static void grow(form *f, int cap)
{
    form_field *fields = or_arena_alloc(f->req->arena, (size_t)cap * sizeof *fields);
    form_value *v = or_arena_calloc(f->req->arena, (size_t)cap, sizeof *v);
    if (f->n) {
        memcpy(fields, f->fields, (size_t)f->n * sizeof *fields);
        memcpy(v, f->v, (size_t)f->n * sizeof *v);
    }
    f->fields = fields;
    f->v = v;
    f->cap = cap;
}

static void empty_value(form_value *v)
{
    v->text = v->day = v->month = v->year = "";
    v->items = NULL;
    v->nitems = 0;
    v->sent = false;
}

void form_init(form *f, const web_request *req, const form_field *fields, int n)
{
    memset(f, 0, sizeof *f);
    f->req = req;
    grow(f, n + 8);
    for (int i = 0; i < n; i++)
        form_add(f, &fields[i]);
}

int form_add(form *f, const form_field *field)
{
    if (f->n == f->cap)
        grow(f, f->cap * 2);
    f->fields[f->n] = *field;
    empty_value(&f->v[f->n]);
    f->v[f->n].off = false;
    return f->n++;
}

/* Line breaks as "\n" (browsers send "\r\n"). */
static const char *unix_lines(or_arena *a, const char *s)
{
    char *out = or_arena_strdup(a, s), *o = out;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *o++ = *p == '\r' ? '\n' : *p;
    *o = '\0';
    return out;
}

static const char *trim(or_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return or_arena_strndup(a, s, n);
}

static const char *param(const web_params *p, const char *name)
{
    const char *v = web_param_get(p, name);
    return v ? v : "";
}

static void read_field(form *f, int i, const web_params *p)
{
    const form_field *fd = &f->fields[i];
    form_value *v = &f->v[i];
    or_arena *a = f->req->arena;
    empty_value(v);
    switch (fd->type) {
    case FORM_DATE: {
        const char *d = or_arena_printf(a, "%s-day", fd->name);
        const char *m = or_arena_printf(a, "%s-month", fd->name);
        const char *y = or_arena_printf(a, "%s-year", fd->name);
        v->sent = web_param_get(p, d) || web_param_get(p, m) || web_param_get(p, y);
        v->day = param(p, d);
        v->month = param(p, m);
        v->year = param(p, y);
        v->text = web_date_from_parts(a, v->day, v->month, v->year);
        return;
    }
    case FORM_CHECKBOXES:
        v->items = or_arena_alloc(a, (size_t)(p->n + 1) * sizeof *v->items);
        for (int k = 0; k < p->n; k++)
            if (!strcmp(p->items[k].name, fd->name) && *p->items[k].value)
                v->items[v->nitems++] = p->items[k].value;
        v->text = v->nitems ? v->items[0] : "";
        v->sent = v->nitems > 0;
        return;
    case FORM_TEXTAREA:
        v->text = unix_lines(a, param(p, fd->name));
        break;
    case FORM_NUMBER:
        v->text = trim(a, param(p, fd->name));
        break;
    default:
        v->text = param(p, fd->name);
    }
    v->sent = web_param_get(p, fd->name) != NULL;
}

void form_read(form *f)
{
    form_read_range(f, 0, f->n);
}

void form_read_range(form *f, int from, int to)
{
    const web_request *req = f->req;
    f->posted = req->method && !strcmp(req->method, "POST");
    for (int i = from; i < to && i < f->n; i++) {
        if (f->v[i].off)
            continue;
        if (f->posted)
            read_field(f, i, &req->form);
        else if (f->fields[i].flags & FORM_QUERY)
            read_field(f, i, &req->query);
    }
}

void form_set(form *f, int i, const char *text)
{
    form_value *v = &f->v[i];
    or_date d;
    if (f->fields[i].type == FORM_DATE && text && or_date_parse(text, &d)) {
        form_set_date(f, i, d);
        return;
    }
    empty_value(v);
    v->text = text ? text : "";
    v->sent = true;
    if (f->fields[i].type == FORM_CHECKBOXES && *v->text) {
        v->items = or_arena_alloc(f->req->arena, sizeof *v->items);
        v->items[0] = v->text;
        v->nitems = 1;
    }
}

void form_set_date(form *f, int i, or_date d)
{
    form_value *v = &f->v[i];
    or_arena *a = f->req->arena;
    char day[3], month[3], year[5];
    empty_value(v);
    web_date_parts(d, day, month, year);
    v->day = or_arena_strdup(a, day);
    v->month = or_arena_strdup(a, month);
    v->year = or_arena_strdup(a, year);
    v->text = web_date_from_parts(a, v->day, v->month, v->year);
    v->sent = true;
}

void form_off(form *f, int i)
{
    empty_value(&f->v[i]);
    f->v[i].off = true;
}

const char *form_text(const form *f, int i)
{
    return i >= 0 && i < f->n && f->v[i].text ? f->v[i].text : "";
}

void form_event_id(form *f, int i)
{
    if (web_event_id_ok(form_text(f, i)))
        return;
    char id[WEB_EVENT_ID_LEN + 1];
    web_new_event_id(id);
    form_set(f, i, or_arena_strdup(f->req->arena, id));
}

const char *form_field_id(const form *f, int i)
{
    const form_field *fd = &f->fields[i];
    return fd->type == FORM_DATE ? or_arena_printf(f->req->arena, "%s-day", fd->name) : fd->name;
}

const char *form_label(const form *f, int i)
{
    const char *label = f->fields[i].label ? f->fields[i].label : f->fields[i].name;
    const char *o = strstr(label, " (optional)");
    return o ? or_arena_strndup(f->req->arena, label, (size_t)(o - label)) : label;
}

const char *form_noun(const form *f, int i)
{
    if (f->fields[i].noun)
        return f->fields[i].noun;
    char *s = or_arena_strdup(f->req->arena, form_label(f, i));
    if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) /* not "URN" */
        s[0] = (char)(s[0] - 'A' + 'a');
    return s;
}

/* ---- checking ---- */

void form_error(form *f, int i, const char *message)
{
    if (f->nerrors == FORM_MAX_ERRORS)
        return;
    f->errors[f->nerrors] = (gov_error){i >= 0 ? form_field_id(f, i) : NULL, message};
    f->error_field[f->nerrors++] = i >= 0 ? i : -1;
}

const char *form_error_of(const form *f, int i)
{
    for (int k = 0; k < f->nerrors; k++)
        if (f->error_field[k] == i)
            return f->errors[k].message;
    return NULL;
}

static bool offered(const form_field *fd, const char *value)
{
    for (int c = 0; c < fd->nchoices; c++)
        if (!strcmp(fd->choices[c].value, value))
            return true;
    return false;
}

static bool is_choice(form_type t)
{
    return t == FORM_RADIOS || t == FORM_SELECT || t == FORM_CHECKBOXES;
}

/* "Enter the NOUN" or "Select the NOUN", or the field's own words. */
static const char *missing(const form *f, int i)
{
    const form_field *fd = &f->fields[i];
    if (fd->missing)
        return fd->missing;
    return or_arena_printf(f->req->arena, "%s the %s", is_choice(fd->type) ? "Select" : "Enter",
                           form_noun(f, i));
}

/* A whole number of at most 9 digits: its value, else -1. */
static long whole(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
        return -1;
    return strtol(s, NULL, 10);
}

static void check_field(form *f, int i)
{
    const form_field *fd = &f->fields[i];
    const form_value *v = &f->v[i];
    or_arena *a = f->req->arena;
    bool empty = fd->type == FORM_CHECKBOXES ? v->nitems == 0 : !*v->text;
    if (empty) {
        if (fd->flags & FORM_REQUIRED)
            form_error(f, i, missing(f, i));
        return;
    }
    switch (fd->type) {
    case FORM_DATE: {
        or_date d;
        if (!or_date_parse(v->text, &d))
            form_error(f, i,
                       or_arena_printf(a, "The %s must be a real date, for example 24 11 2026",
                                       form_noun(f, i)));
        else if ((fd->flags & FORM_PAST) && d > web_today(f->req))
            form_error(f, i,
                       or_arena_printf(a, "The %s must be today or in the past", form_noun(f, i)));
        break;
    }
    case FORM_NUMBER: {
        long n = whole(v->text);
        bool range = fd->max > fd->min;
        if (n < 0)
            form_error(f, i,
                       range ? or_arena_printf(a, "%s: enter a whole number from %d to %d",
                                               form_label(f, i), fd->min, fd->max)
                             : or_arena_printf(a, "%s: enter a whole number", form_label(f, i)));
        else if (range && (n < fd->min || n > fd->max))
            form_error(f, i,
                       or_arena_printf(a, "%s: %s is outside %d to %d", form_label(f, i), v->text,
                                       fd->min, fd->max));
        break;
    }
    case FORM_TEXT:
    case FORM_TEXTAREA: {
        or_error err = {0};
        if (or_text_check(v->text, fd->type == FORM_TEXTAREA, &err))
            form_error(f, i, or_arena_printf(a, "%s: %s", form_label(f, i), err.msg));
        else if (fd->max > 0 && strlen(v->text) > (size_t)fd->max)
            form_error(
                f, i,
                or_arena_printf(a, "%s must be %d characters or fewer", form_label(f, i), fd->max));
        break;
    }
    case FORM_RADIOS:
    case FORM_SELECT:
        if (!(fd->flags & FORM_ANY) && !offered(fd, v->text))
            form_error(f, i, missing(f, i));
        break;
    case FORM_CHECKBOXES:
        for (int k = 0; !(fd->flags & FORM_ANY) && k < v->nitems; k++)
            if (!offered(fd, v->items[k])) {
                form_error(f, i,
                           or_arena_printf(a, "Select the %s from the list", form_noun(f, i)));
                return;
            }
        if (fd->max > 0 && v->nitems > fd->max)
            form_error(f, i,
                       or_arena_printf(a, "Select no more than %d %s", fd->max, form_noun(f, i)));
        break;
    default: /* hidden and fixed values: the page and the importer check them */
        break;
    }
}

bool form_validate_range(form *f, int from, int to)
{
    for (int i = from; i < to && i < f->n; i++)
        if (!f->v[i].off && !(f->fields[i].flags & FORM_OWN) && !form_error_of(f, i))
            check_field(f, i);
    return f->nerrors == 0;
}

bool form_validate(form *f)
{
    return form_validate_range(f, 0, f->n);
}

/* The field that fills column name, or -1. */
static int field_of_column(const form *f, const char *name)
{
    const or_kind *k = or_kind_get(OR_K_EVENTS);
    for (int i = 0; name && i < f->n; i++) {
        int c = f->fields[i].column - 1;
        if (c >= 0 && c < k->ncols && !f->v[i].off && !strcmp(k->cols[c].name, name))
            return i;
    }
    return -1;
}

/* A details message "KEY: ..." against the FORM_DETAILS field KEY; false if none is named. */
static bool details_error(form *f, const char *msg)
{
    const char *colon = strstr(msg, ": ");
    if (!colon)
        return false;
    for (int i = 0; i < f->n; i++) {
        const form_field *fd = &f->fields[i];
        if (!(fd->flags & FORM_DETAILS) || f->v[i].off ||
            strlen(fd->name) != (size_t)(colon - msg) ||
            strncmp(fd->name, msg, (size_t)(colon - msg)))
            continue;
        form_error(f, i,
                   !strncmp(colon + 2, "is empty", 8) && fd->missing
                       ? fd->missing
                       : or_arena_printf(f->req->arena, "%s: %s", form_label(f, i), colon + 2));
        return true;
    }
    return false;
}

void form_importer_errors(form *f, const char *text, const char *source)
{
    or_arena *a = f->req->arena;
    web_import_error *ie;
    int n = web_import_errors(a, text, source, &ie);
    for (int k = 0; k < n; k++) {
        const char *column = ie[k].column, *msg = ie[k].message;
        if (column && !strcmp(column, "details") && details_error(f, msg))
            continue;
        int i = field_of_column(f, column);
        if (i < 0) {
            form_error(f, -1, column ? or_arena_printf(a, "%s: %s", column, msg) : msg);
            continue;
        }
        /* the form's words for the importer's (forms_ingest.c) */
        web_field wf = {column, form_field_id(f, i), form_noun(f, i), f->fields[i].missing};
        gov_error one[1];
        int got = 0;
        web_form_errors(a,
                        or_arena_printf(a, "%s:%lld: column %s: %s", source, (long long)ie[k].line,
                                        column, msg),
                        source, &wf, 1, one, &got, 1);
        if (got)
            form_error(f, i, one[0].message);
    }
}

void form_errors_in_order(form *f)
{
    gov_error errors[FORM_MAX_ERRORS];
    int fields[FORM_MAX_ERRORS], n = 0;
    for (int k = 0; k < f->nerrors; k++)
        if (f->error_field[k] < 0) {
            errors[n] = f->errors[k];
            fields[n++] = -1;
        }
    for (int i = 0; i < f->n; i++)
        for (int k = 0; k < f->nerrors; k++)
            if (f->error_field[k] == i) { /* the first message for a field is enough */
                errors[n] = f->errors[k];
                fields[n++] = i;
                break;
            }
    memcpy(f->errors, errors, (size_t)n * sizeof *errors);
    memcpy(f->error_field, fields, (size_t)n * sizeof *fields);
    f->nerrors = n;
}

/* ---- markup ---- */

void form_page_start(or_sb *out, const form *f, const char *title, const char *back_href,
                     const char *back_text, const char *caption)
{
    const web_request *req = f->req;
    gov_page_start(out, req, f->nerrors ? or_arena_printf(req->arena, "Error: %s", title) : title);
    if (back_href)
        html_printf(out, "<a href=\"%s\" class=\"govuk-back-link\">%s</a>\n",
                    web_local_path(back_href) ? back_href : "/", back_text);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, f->errors, f->nerrors);
    if (caption)
        html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", caption);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
}

void form_start(or_sb *out, const form *f, const char *path)
{
    gov_form_start(out, f->req, "post", path);
    for (int i = 0; i < f->n; i++)
        if (!f->v[i].off && f->fields[i].type == FORM_HIDDEN)
            gov_hidden(out, f->fields[i].name, f->v[i].text);
}

void form_field_html(or_sb *out, const form *f, int i)
{
    const form_field *fd = &f->fields[i];
    const form_value *v = &f->v[i];
    if (v->off)
        return;
    if (fd->render) {
        fd->render(out, f, i);
        return;
    }
    const char *err = form_error_of(f, i), *label = fd->label ? fd->label : fd->name;
    switch (fd->type) {
    case FORM_TEXT:
    case FORM_NUMBER:
        gov_text_input(out, fd->name, label, fd->hint, v->text, fd->width, err);
        break;
    case FORM_TEXTAREA:
        gov_textarea(out, fd->name, label, fd->hint, v->text, fd->rows ? fd->rows : 5, err);
        break;
    case FORM_DATE:
        gov_date_input(out, fd->name, label, fd->hint, v->day, v->month, v->year, err);
        break;
    case FORM_RADIOS:
        gov_radios(out, fd->name, label, fd->hint, fd->choices, fd->nchoices, v->text, err,
                   fd->flags & FORM_SMALL);
        break;
    case FORM_SELECT:
        gov_select(out, fd->name, label, fd->hint, fd->choices, fd->nchoices, v->text, err);
        break;
    case FORM_CHECKBOXES: {
        bool *ticked = or_arena_calloc(f->req->arena, (size_t)fd->nchoices + 1, sizeof *ticked);
        for (int c = 0; c < fd->nchoices; c++)
            for (int k = 0; k < v->nitems; k++)
                ticked[c] |= !strcmp(v->items[k], fd->choices[c].value);
        gov_checkboxes(out, fd->name, label, fd->hint, fd->choices, fd->nchoices, ticked, err);
        break;
    }
    case FORM_HIDDEN:
        gov_hidden(out, fd->name, v->text);
        break;
    case FORM_FIXED:
        gov_hidden(out, fd->name, v->text);
        html_printf(out, "<p class=\"govuk-body\">%s</p>\n", label);
        break;
    }
}

void form_fields_html(or_sb *out, const form *f, int from, int to)
{
    const char *group = NULL;
    for (int i = from; i < to && i < f->n; i++) {
        const form_field *fd = &f->fields[i];
        if (f->v[i].off || fd->type == FORM_HIDDEN)
            continue;
        if (fd->group && (!group || strcmp(group, fd->group)))
            html_printf(out, "<h2 class=\"govuk-heading-m\">%s</h2>\n", fd->group);
        group = fd->group;
        form_field_html(out, f, i);
    }
}

void form_hidden_html(or_sb *out, const form *f)
{
    form_hidden_range(out, f, 0, f->n);
}

void form_hidden_range(or_sb *out, const form *f, int from, int to)
{
    or_arena *a = f->req->arena;
    for (int i = from; i < to && i < f->n; i++) {
        const form_field *fd = &f->fields[i];
        const form_value *v = &f->v[i];
        if (v->off || (!v->sent && !*v->text))
            continue;
        if (fd->type == FORM_DATE) {
            gov_hidden(out, or_arena_printf(a, "%s-day", fd->name), v->day);
            gov_hidden(out, or_arena_printf(a, "%s-month", fd->name), v->month);
            gov_hidden(out, or_arena_printf(a, "%s-year", fd->name), v->year);
        } else if (fd->type == FORM_CHECKBOXES) {
            for (int k = 0; k < v->nitems; k++)
                gov_hidden(out, fd->name, v->items[k]);
        } else {
            gov_hidden(out, fd->name, v->text);
        }
    }
}

void form_page_end(or_sb *out, const form *f, web_response *res, const char *label,
                   const char *action)
{
    if (action)
        gov_button_value(out, label, "action", action, false);
    else
        gov_button(out, label, false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, f->req);
    if (f->nerrors)
        res->status = 400;
}

static const char *choice_label(const form_field *fd, const char *value)
{
    for (int c = 0; c < fd->nchoices; c++)
        if (!strcmp(fd->choices[c].value, value))
            return fd->choices[c].label;
    return value;
}

const char *form_words(const form *f, int i)
{
    const form_field *fd = &f->fields[i];
    const form_value *v = &f->v[i];
    or_arena *a = f->req->arena;
    if (v->off)
        return "";
    switch (fd->type) {
    case FORM_DATE: {
        or_date d;
        char buf[24];
        return or_date_parse(v->text, &d) ? or_arena_strdup(a, view_date(d, buf)) : v->text;
    }
    case FORM_RADIOS:
    case FORM_SELECT:
        return *v->text ? choice_label(fd, v->text) : "";
    case FORM_CHECKBOXES: {
        const char *s = "";
        for (int k = 0; k < v->nitems; k++)
            s = k ? or_arena_printf(a, "%s; %s", s, choice_label(fd, v->items[k]))
                  : choice_label(fd, v->items[k]);
        return s;
    }
    default:
        return v->text;
    }
}

void form_summary_row(or_sb *out, const form *f, int i)
{
    const char *words = form_words(f, i);
    if (*words)
        gov_summary_row(out, form_label(f, i), words);
}

void form_check_start(or_sb *out, const form *f, const char *title, const char *caption, bool full)
{
    gov_page_start(out, f->req, title);
    if (full)
        html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    else
        html_raw(out,
                 "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    if (caption)
        html_printf(out, "<span class=\"govuk-caption-l\">%s</span>\n", caption);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_raw(out, "<p class=\"govuk-body\">Nothing has been saved yet.</p>\n");
}

void form_check_end(or_sb *out, const form *f, const char *path, const char *save_label)
{
    gov_form_start(out, f->req, "post", path);
    form_hidden_html(out, f);
    gov_check_page_end(out, f->req, save_label);
}

/* ---- the row ---- */

void form_cells(const form *f, const char **cells)
{
    for (int i = 0; i < f->n; i++) {
        const form_field *fd = &f->fields[i];
        const form_value *v = &f->v[i];
        if (v->off || fd->column <= 0 || fd->column > OR_EV__N)
            continue;
        const char *s = v->text;
        if (fd->type == FORM_CHECKBOXES) {
            s = "";
            for (int k = 0; k < v->nitems; k++)
                s = k ? or_arena_printf(f->req->arena, "%s;%s", s, v->items[k]) : v->items[k];
        }
        cells[fd->column - 1] = s;
    }
}
