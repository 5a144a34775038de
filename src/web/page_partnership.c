/* page_partnership.c - the school's partnership meetings (LOCAL-PARTNERSHIP-MEETING;
 * partnership.h, store_portfolio.h, migration 032):
 *
 *   GET  /schools/{urn}/partnership            the cadence, the next meeting due by, and the
 *        meetings held on the list engine (list.h): filtered by who attended, paged, sorted;
 *   GET  /schools/{urn}/partnership/download   the same selection as CSV;
 *   GET, POST /schools/{urn}/partnership/new   record a meeting (the form engine, form.h): the
 *        day it was held, who attended, notes, the next date agreed; with its audit line in
 *        one transaction;
 *   and the duties section of /duties (portfolio_web.h).
 *
 * Who: the school itself and LA roles (web_can_see_school; another school's is "not found",
 * logged as denied); never the analyst (routes.c). */
#include <stdlib.h>
#include <string.h>

#include "onroll/partnership.h"
#include "onroll/store_portfolio.h"
#include "onroll/upn.h"
#include "web/form.h"
#include "web/list.h"
#include "web/portfolio_web.h"
#include "web/view.h"

/* The calendar of a school: its own, else the first school's that has one (every school's
 * holds the LA's terms). */
static const or_calendar *calendar_of(const view_snapshot *snap, int urn)
{
    const or_school_info *s = snap->model ? or_model_school(snap->model, urn) : NULL;
    for (int i = 0; (!s || !s->cal) && snap->model && i < snap->nschools; i++)
        s = or_model_school(snap->model, snap->schools[i].urn);
    return s ? s->cal : NULL;
}

static const char *phase_of(const view_snapshot *snap, int urn)
{
    const view_school *s = view_find_school(snap, urn);
    return s && s->phase ? s->phase : "";
}

/* The roles' labels of a stored "smhl;camhs" */
static const char *roles_words(const web_request *req, const char *codes)
{
    const char *out = "";
    const char *p = codes;
    while (p && *p) {
        size_t k = strcspn(p, ";");
        const char *code = or_arena_strndup(req->arena, p, k);
        const char *l = or_pm_role_label(code);
        out = or_arena_printf(req->arena, "%s%s%s", out, *out ? "; " : "", l ? l : code);
        p += k;
        if (*p)
            p++;
    }
    return out;
}

static gov_choice *role_choices(const web_request *req, int *n)
{
    int k = 0;
    while (or_pm_roles[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)k);
    for (int i = 0; i < k; i++)
        c[i] = (gov_choice){or_pm_roles[i].code, or_pm_roles[i].label, NULL};
    *n = k;
    return c;
}

/* The school of the path when the user may see it; else the 404 page and 0. */
static int school_of(const web_request *req, web_response *res)
{
    int urn = 0;
    if (or_urn_validate(web_path(req, "urn"), &urn, NULL) || !web_can_see_school(req, urn)) {
        web_audit(req, "denied", NULL, "another school's partnership meetings");
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return 0;
    }
    return urn;
}

/* When the school's next meeting is due (OR_DATE_NONE: no cadence or no term ahead). */
static or_date due_of(const web_request *req, const view_snapshot *snap, int urn, or_date last)
{
    return or_pm_due(calendar_of(snap, urn), or_pm_cadence_of(phase_of(snap, urn)), last,
                     web_today(req));
}

/* ---- the school's meetings ---- */

enum { F_ROLE, F__NF };
static const list_filter filters[F__NF] = {
    [F_ROLE] = {"role", "Who attended", NULL, LIST_SELECT, .any = "Anyone"},
};
enum { C_HELD, C_ROLES, C_NOTES, C_NEXT, C__N };
static const list_column columns[C__N] = {
    [C_HELD] = {"held", "Date held", "held_on", LIST_SORT | LIST_DESC},
    [C_ROLES] = {NULL, "Who attended", "attended", 0},
    [C_NOTES] = {NULL, "Notes", "notes", 0},
    [C_NEXT] = {"next", "Next date agreed", "next_agreed", LIST_SORT},
};

typedef struct {
    list l;
    int urn;
    const char *school;
    or_pm_meeting *rows;
    int nrows;
    or_date last; /* the latest meeting held, of all */
} mlist;

typedef struct {
    int col;
    bool desc;
} sort_by;

static int by_column(const void *x, const void *y, void *ctx)
{
    const or_pm_meeting *a = x, *b = y;
    const sort_by *s = ctx;
    int c = s->col == C_NEXT ? strcmp(a->next_on, b->next_on)
                             : (a->held_on < b->held_on ? -1 : a->held_on > b->held_on);
    if (s->desc)
        c = -c;
    return c ? c : (a->id < b->id ? 1 : a->id > b->id ? -1 : 0);
}

static bool load(const web_request *req, web_response *res, mlist *t)
{
    memset(t, 0, sizeof *t);
    t->last = OR_DATE_NONE;
    if (!(t->urn = school_of(req, res)))
        return false;
    t->school = view_school_label(req, t->urn);
    list_spec *spec = or_arena_alloc(req->arena, sizeof *spec);
    *spec = (list_spec){or_arena_printf(req->arena, "/schools/%d/partnership", t->urn),
                        "Meetings held",
                        columns,
                        C__N,
                        filters,
                        F__NF,
                        .sort = "held",
                        .desc = true,
                        .csv_name = or_arena_printf(req->arena, "onroll-partnership-%d", t->urn),
                        .noun = "meetings"};
    list_init(&t->l, req, spec);
    int n = 0;
    gov_choice *roles = role_choices(req, &n);
    list_choices(&t->l, F_ROLE, roles, n);
    list_read(&t->l);
    or_pm_meeting *all = NULL;
    int nall = 0;
    or_error err = {0};
    if (or_pm_list(req->store, t->urn, req->arena, &all, &nall, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The partnership meetings could not be read.");
        return false;
    }
    if (nall)
        t->last = all[0].held_on;
    t->rows = all;
    const char *role = list_text(&t->l, F_ROLE);
    for (int i = 0; i < nall; i++) {
        if (*role) {
            bool has = false;
            for (const char *p = all[i].roles; p && *p && !has;) {
                size_t k = strcspn(p, ";");
                has = k == strlen(role) && !strncmp(p, role, k);
                p += k;
                if (*p)
                    p++;
            }
            if (!has)
                continue;
        }
        t->rows[t->nrows++] = all[i];
    }
    sort_by s = {list_sort(&t->l), list_desc(&t->l)};
    if (t->nrows > 1) /* qsort_r of no rows would be handed a null pointer */
        qsort_r(t->rows, (size_t)t->nrows, sizeof *t->rows, by_column, &s);
    return true;
}

static const char *iso_words(const web_request *req, const char *iso)
{
    or_date d = OR_DATE_NONE;
    char buf[24];
    if (!iso || !*iso || !or_date_parse(iso, &d))
        return "";
    return or_arena_strdup(req->arena, view_date(d, buf));
}

static void meetings_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    mlist t;
    if (!load(req, res, &t))
        return;
    list_paginate(&t.l, t.nrows);
    or_sb *out = &res->body;
    gov_page_start(out, req, or_arena_printf(req->arena, "Partnership meetings: %s", t.school));
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">Partnership meetings</h1>\n",
                t.school);
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "Meeting recorded.", true);
    html_raw(out, "<p class=\"govuk-body\">The school's senior mental health lead, its CAMHS "
                  "link worker and its wellbeing framework partner meet to review the audit and "
                  "action plan: half-termly in secondary and special schools, termly in primary "
                  "schools (Hackney's WAMHS partnership, in the RSA and Mayor of London "
                  "toolkit).</p>\n");
    or_pm_cadence c = or_pm_cadence_of(phase_of(snap, t.urn));
    or_date due = due_of(req, snap, t.urn, t.last);
    char b1[24], b2[24];
    gov_summary_start(out);
    gov_summary_row(out, "How often",
                    c == OR_PM_HALF_TERMLY ? "Every half-term"
                    : c == OR_PM_TERMLY    ? "Every term"
                                        : "The toolkit gives no cadence for this kind of school");
    gov_summary_row(out, "Last meeting",
                    t.last != OR_DATE_NONE ? view_date(t.last, b1) : "None recorded");
    if (c != OR_PM_NONE)
        gov_summary_row(out, "Next meeting due by",
                        due != OR_DATE_NONE
                            ? or_arena_printf(req->arena, "%s%s", view_date(due, b2),
                                              due < web_today(req) ? " (overdue)" : "")
                            : "No term on the calendar after the last meeting");
    gov_summary_end(out);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-button\" "
                "href=\"/schools/%d/partnership/new\">Record meeting</a></p>\n",
                t.urn);
    list_start(out, &t.l);
    char day[24];
    if (list_table_start(out, &t.l)) {
        for (int i = t.l.first; i < t.l.last; i++) {
            const or_pm_meeting *x = &t.rows[i];
            gov_table_row_start(out);
            gov_td(out, view_date(x->held_on, day));
            gov_td(out, roles_words(req, x->roles));
            gov_td(out, *x->notes ? x->notes : "None");
            gov_td(out, *x->next_on ? iso_words(req, x->next_on) : "None agreed");
            gov_table_row_end(out);
        }
        list_table_end(out, &t.l);
    }
    list_end(out, &t.l);
    gov_page_end(out, req);
}

void page_partnership(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the school's calendar", meetings_page);
}

void page_partnership_download(const web_request *req, web_response *res)
{
    mlist t;
    if (!load(req, res, &t))
        return;
    or_csv w;
    if (!list_csv_start(&t.l, res, &w, t.nrows))
        return;
    for (int i = 0; i < t.nrows; i++) {
        const or_pm_meeting *x = &t.rows[i];
        or_csv_date(&w, x->held_on);
        or_csv_text(&w, roles_words(req, x->roles));
        or_csv_text(&w, x->notes);
        or_csv_text(&w, x->next_on);
        or_csv_end_row(&w);
    }
}

/* ---- record a meeting ---- */

enum { M_HELD, M_ROLES, M_NOTES, M_NEXT, M__N };
static const form_field fields[M__N] = {
    [M_HELD] = {"held_on", "Date held", "For example, 24 11 2026", FORM_DATE,
                FORM_REQUIRED | FORM_PAST, .noun = "date the meeting was held"},
    [M_ROLES] = {"roles", "Who attended", "Select all that apply", FORM_CHECKBOXES, FORM_REQUIRED,
                 .missing = "Select who attended the meeting"},
    [M_NOTES] = {"notes", "Notes (optional)", "What was reviewed and agreed", FORM_TEXTAREA, 0,
                 .max = 4000, .rows = 4},
    [M_NEXT] = {"next_on", "Next date agreed (optional)", "For example, 9 2 2027", FORM_DATE, 0,
                .noun = "next date agreed"},
};

static void meeting_form(form *f, const web_request *req)
{
    form_init(f, req, fields, M__N);
    int n = 0;
    f->fields[M_ROLES].choices = role_choices(req, &n);
    f->fields[M_ROLES].nchoices = n;
}

static void show_form(form *f, web_response *res, int urn)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const char *back = or_arena_printf(req->arena, "/schools/%d/partnership", urn);
    form_page_start(out, f, "Record a partnership meeting", back,
                    "Back to the partnership meetings", view_school_label(req, urn));
    form_start(out, f, or_arena_printf(req->arena, "/schools/%d/partnership/new", urn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Record the meeting", NULL);
}

void page_partnership_new(const web_request *req, web_response *res)
{
    int urn = school_of(req, res);
    if (!urn)
        return;
    form f;
    meeting_form(&f, req);
    form_read(&f);
    show_form(&f, res, urn);
}

void page_partnership_new_post(const web_request *req, web_response *res)
{
    int urn = school_of(req, res);
    if (!urn)
        return;
    form f;
    meeting_form(&f, req);
    form_read(&f);
    form_validate(&f);
    or_pm_meeting m = {0};
    m.urn = urn;
    m.held_on = OR_DATE_NONE;
    or_date next = OR_DATE_NONE;
    or_date_parse(form_text(&f, M_HELD), &m.held_on);
    if (*form_text(&f, M_NEXT) && or_date_parse(form_text(&f, M_NEXT), &next) &&
        m.held_on != OR_DATE_NONE && next <= m.held_on && !form_error_of(&f, M_NEXT))
        form_error(&f, M_NEXT, "The next date agreed must be after the date held");
    if (f.nerrors) {
        form_errors_in_order(&f);
        show_form(&f, res, urn);
        return;
    }
    const char *roles = "";
    const form_value *v = &f.v[M_ROLES];
    for (int i = 0; i < v->nitems; i++)
        roles = or_arena_printf(req->arena, "%s%s%s", roles, *roles ? ";" : "", v->items[i]);
    m.roles = roles;
    m.notes = form_text(&f, M_NOTES);
    m.next_on = form_text(&f, M_NEXT);
    or_error err = {0};
    int64_t id = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_pm_add(req->store, &m, req->user->email, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "LOCAL-PARTNERSHIP-MEETING: meeting %lld held %s, URN %d",
                                       (long long)id, form_text(&f, M_HELD), urn))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The meeting could not be recorded. Nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/schools/%d/partnership?added=1", urn));
}

/* ---- on /duties ---- */

void page_partnership_duties_section(or_sb *out, const web_request *req, view_snapshot *snap)
{
    int own = web_user_school(req);
    or_pm_meeting *ms = NULL;
    int nm = 0;
    or_error err = {0};
    if (or_pm_list(req->store, own, req->arena, &ms, &nm, &err))
        return;
    or_date today = web_today(req);
    bool started = false;
    char b1[24], b2[24];
    for (int i = 0; i < snap->nschools; i++) {
        int urn = snap->schools[i].urn;
        if ((own && urn != own) || !web_can_see_school(req, urn))
            continue;
        or_pm_cadence c = or_pm_cadence_of(snap->schools[i].phase);
        const or_calendar *cal = calendar_of(snap, urn);
        if (c == OR_PM_NONE || !cal)
            continue;
        or_date last = OR_DATE_NONE; /* ms is the latest first */
        for (int k = 0; k < nm && last == OR_DATE_NONE; k++)
            if (ms[k].urn == urn)
                last = ms[k].held_on;
        or_date due = or_pm_due(cal, c, last, today);
        or_date now_end = or_pm_period_end(cal, c, today);
        if (due == OR_DATE_NONE || (now_end != OR_DATE_NONE && due > now_end))
            continue; /* due in a later half-term or term */
        if (!started) {
            html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                          "id=\"partnership\" aria-label=\"Partnership meetings due\">\n");
            const char *heads[] = {"School", "How often", "Last meeting", "Due by", "Status", ""};
            gov_table_start(out, "Partnership meetings due", heads, 6);
            started = true;
        }
        gov_table_row_start(out);
        gov_td_link(out, or_arena_printf(req->arena, "/schools/%d/partnership", urn),
                    snap->schools[i].name);
        gov_td(out, c == OR_PM_HALF_TERMLY ? "Every half-term" : "Every term");
        gov_td(out, last != OR_DATE_NONE ? view_date(last, b1) : "None recorded");
        gov_td(out, view_date(due, b2));
        gov_td(out, due < today ? "Overdue" : "Due");
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/schools/%d/partnership/new\">Record meeting<span "
                    "class=\"govuk-visually-hidden\"> for %s</span></a></td>\n",
                    urn, snap->schools[i].name);
        gov_table_row_end(out);
    }
    if (started) {
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
}
