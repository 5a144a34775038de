/* page_duties.c - GET /duties and GET /duties/download : every duty the user may see, as a
 * worklist on the list engine (list.h): filtered by school (by name), rule (by what must be
 * done), who acts, status (overdue, due this week, open, done), due from and to, and pupil (UPN
 * or name); sorted by due date (overdue first, the longest overdue first: the default), pupil,
 * school or rule; 25, 50 or 100 a page; the same selection as CSV at /duties/download.
 *
 * Each row links to the pupil's record and to the page where the duty is done (the action form
 * of page_action.c, or the plan, review or referral page plans_web.c names for it).
 *
 * Whose duties: the LA roles every duty of the LA snapshot (view_cache.c, as of today); a
 * school the duties of its own school for the pupils in its scope (as its school page); the
 * caseload roles (social worker, youth justice, Virtual School, partner) the duties of the
 * children in their scope (view_scope_pupils, as their dashboard). The school choices are the
 * schools of the duties the user may see, so a value naming another school is refused rather
 * than applied, and the scope is applied before any filter. Every child the page or the file
 * names is put on the audit log as read (web_audit_listed); the file also as an export. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/ap_web.h"
#include "web/ideas_web.h"
#include "web/list.h"
#include "web/portfolio_web.h"
#include "web/reviews_web.h"
#include "web/plans_web.h"
#include "web/view.h"

static const gov_choice statuses[] = {
    {"overdue", "Overdue", NULL},
    {"due-this-week", "Due this week", NULL},
    {"open", "Open", NULL},
    {"done", "Done", NULL},
};

enum { F_SCHOOL, F_RULE, F_WHO, F_STATUS, F_FROM, F_TO, F_PUPIL, F__N };
static const list_filter filters[F__N] = {
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "All schools"},
    [F_RULE] = {"rule", "What must be done", NULL, LIST_SELECT, .any = "Any duty",
                .missing = "Select a duty from the list"},
    [F_WHO] = {"who", "Who acts", NULL, LIST_SELECT, .any = "Anyone",
               .missing = "Select who acts from the list"},
    [F_STATUS] = {"status", "Status", NULL, LIST_CHECKBOXES, .choices = statuses, .nchoices = 4},
    [F_FROM] = {"due_from", "Due from", "For example, 1 9 2026", LIST_DATE},
    [F_TO] = {"due_to", "Due by", "For example, 31 12 2026", LIST_DATE},
    [F_PUPIL] = {"pupil", "Pupil", "UPN or name", LIST_TEXT},
};

enum {
    C_DUE,
    C_STATUS,
    C_PUPIL,
    C_UPN,
    C_SCHOOL,
    C_URN,
    C_RULE,
    C_RULE_ID,
    C_WHO,
    C_EVENT,
    C_DONE_ON,
    C_DO,
    C__N
};
static const list_column columns[C__N] = {
    [C_DUE] = {"due", "Due", "due", LIST_SORT},
    [C_STATUS] = {NULL, NULL, "status", 0}, /* on screen under the date */
    [C_PUPIL] = {"pupil", "Pupil", "pupil_name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", "school_name", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", 0},
    [C_RULE] = {"rule", "What must be done", "duty", LIST_SORT},
    [C_RULE_ID] = {NULL, NULL, "rule", 0},
    [C_WHO] = {NULL, NULL, "who", 0}, /* on screen under what must be done */
    [C_EVENT] = {NULL, NULL, "event_id", 0},
    [C_DONE_ON] = {NULL, NULL, "done_on", 0},
    [C_DO] = {NULL, "Next step", NULL, 0},
};

static const list_spec spec = {
    "/duties",       "Duties", columns,       C__N,
    filters,         F__N,     .sort = "due", .csv_name = "onroll-duties",
    .noun = "duties"};

/* One duty of the list, with what it is sorted by. */
typedef struct {
    const or_duty *d;
    const view_pupil *p;
    const char *school; /* its name */
    int rank;           /* overdue 0, open 1, done 2 */
} row;

/* The rule's name for people: what must be done. labels.h */
static const char *rule_label(const or_rule *r)
{
    return r ? r->summary : "";
}

/* "head teacher" -> "Head teacher" (in req->arena). labels.h */
static const char *who_label(or_arena *a, const char *who)
{
    char *s = or_arena_strdup(a, who);
    if (s[0])
        s[0] = (char)toupper((unsigned char)s[0]);
    return s;
}

/* ---- sorting (the sort of this request: one thread per request) ---- */

static _Thread_local int sort_col;
static _Thread_local bool sort_desc;

static int cmp_due(const row *a, const row *b)
{
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->d->due != b->d->due) /* no fixed date last */
        return a->d->due == OR_DATE_NONE   ? 1
               : b->d->due == OR_DATE_NONE ? -1
               : a->d->due < b->d->due     ? -1
                                           : 1;
    return 0;
}

static int cmp_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_sort(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int c = 0;
    switch (sort_col) {
    case C_PUPIL:
        c = cmp_text(a->p->name, b->p->name);
        if (!c)
            c = strcmp(a->d->upn, b->d->upn);
        break;
    case C_SCHOOL:
        c = cmp_text(a->school, b->school);
        if (!c)
            c = a->d->urn - b->d->urn;
        break;
    case C_RULE:
        c = cmp_text(rule_label(a->d->rule), rule_label(b->d->rule));
        break;
    default:
        c = cmp_due(a, b);
    }
    if (sort_desc)
        c = -c;
    /* then always the same way: by due (overdue first), pupil, rule, event */
    if (!c && sort_col != C_DUE)
        c = cmp_due(a, b);
    if (!c)
        c = strcmp(a->d->upn, b->d->upn);
    if (!c)
        c = strcmp(a->d->rule->id, b->d->rule->id);
    if (!c)
        c = cmp_text(a->d->event_id, b->d->event_id);
    return c ? c : a->d->urn - b->d->urn;
}

/* ---- whose duties ---- */

typedef struct {
    row *rows;
    int n;
} selection;

/* The duties the user may see (rows, before any filter), and the filter choices they give. */
static or_code candidates(const web_request *req, view_snapshot *snap, list *l, selection *all,
                          or_error *err)
{
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    or_role role = req->user->role;
    bool la = role == OR_ROLE_LA_ADMIN || role == OR_ROLE_LA_OFFICER;
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, err))
        return OR_EIO;
    int mine = web_user_school(req);
    /* the MASH: its own assessments, not every duty of the children it assesses */
    bool mash = role == OR_ROLE_PARTNER && !strcmp(req->user->scope, "mash");
    all->rows = or_arena_alloc(req->arena, ((size_t)snap->duties.n + 1) * sizeof *all->rows);
    all->n = 0;
    /* the schools seen, for the school filter */
    bool *school_seen = or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof(bool));
    memset(school_seen, 0, ((size_t)snap->nschools + 1) * sizeof(bool));
    gov_choice *schools =
        or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *schools);
    int nschools = 0;
    int npupils = la ? snap->npupils : nscope;
    for (int i = 0; i < npupils; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        for (int k = p->duty0; k < p->duty0 + p->nduties; k++) {
            const or_duty *d = &snap->duties.items[k];
            if (!d->rule || (mine && d->urn != mine) ||
                (mash && d->rule->code != OR_RULE_LOCAL_MASH_ASSESS))
                continue;
            const view_school *s = view_find_school(snap, d->urn);
            row r = {d, p, view_school_name(snap, d->urn),
                     d->status == OR_DUTY_OVERDUE ? 0
                     : d->status == OR_DUTY_OPEN  ? 1
                                                  : 2};
            all->rows[all->n++] = r;
            int si = s ? (int)(s - snap->schools) : -1;
            if (si >= 0 && !school_seen[si]) {
                school_seen[si] = true;
                schools[nschools++] =
                    (gov_choice){or_arena_printf(req->arena, "%d", d->urn), r.school, NULL};
            }
        }
    }
    if (nschools > 1)
        qsort(schools, (size_t)nschools, sizeof *schools, gov_choice_cmp);
    list_choices(l, F_SCHOOL, schools, nschools);
    /* the rules that make duties, in the catalogue's order; who acts in them */
    size_t nr = or_rules_count();
    gov_choice *rules = or_arena_alloc(req->arena, (nr + 1) * sizeof *rules);
    gov_choice *whos = or_arena_alloc(req->arena, (nr + 1) * sizeof *whos);
    int nrules = 0, nwhos = 0;
    for (size_t i = 0; i < nr; i++) {
        const or_rule *r = or_rule_at(i);
        if (!r || (r->eval.kind != OR_EVAL_EXCLUSION && r->eval.kind != OR_EVAL_PUPIL))
            continue;
        rules[nrules++] = (gov_choice){r->id, rule_label(r), NULL};
        bool dup = false;
        for (int k = 0; k < nwhos; k++)
            dup |= !strcmp(whos[k].value, r->who);
        if (!dup)
            whos[nwhos++] = (gov_choice){r->who, who_label(req->arena, r->who), NULL};
    }
    if (nwhos > 1)
        qsort(whos, (size_t)nwhos, sizeof *whos, gov_choice_cmp);
    list_choices(l, F_RULE, rules, nrules);
    list_choices(l, F_WHO, whos, nwhos);
    return OR_OK;
}

static bool status_matches(const list *l, const row *r, or_date today)
{
    if (!list_set(l, F_STATUS))
        return true;
    const or_duty *d = r->d;
    return (d->status == OR_DUTY_OVERDUE && list_has(l, F_STATUS, "overdue")) ||
           (d->status == OR_DUTY_OPEN && list_has(l, F_STATUS, "open")) ||
           (d->status == OR_DUTY_DONE && list_has(l, F_STATUS, "done")) ||
           (d->status == OR_DUTY_OPEN && d->due != OR_DATE_NONE &&
            d->due <= today + VIEW_DUE_SOON_DAYS && list_has(l, F_STATUS, "due-this-week"));
}

/* The rows of all that the filters keep, sorted as asked (in place). */
static void select_rows(const list *l, selection *all, or_date today)
{
    int n = 0;
    int school = atoi(list_text(l, F_SCHOOL));
    or_date from = list_date(l, F_FROM), to = list_date(l, F_TO);
    for (int i = 0; i < all->n; i++) {
        const row *r = &all->rows[i];
        const or_duty *d = r->d;
        if ((school && d->urn != school) || !status_matches(l, r, today))
            continue;
        if (list_set(l, F_RULE) && strcmp(d->rule->id, list_text(l, F_RULE)))
            continue;
        if (list_set(l, F_WHO) && strcmp(d->rule->who, list_text(l, F_WHO)))
            continue;
        if ((from != OR_DATE_NONE || to != OR_DATE_NONE) &&
            (d->due == OR_DATE_NONE || (from != OR_DATE_NONE && d->due < from) ||
             (to != OR_DATE_NONE && d->due > to)))
            continue;
        if (!view_pupil_matches(list_text(l, F_PUPIL), r->p))
            continue;
        all->rows[n++] = *r;
    }
    all->n = n;
    sort_col = list_sort(l);
    sort_desc = list_desc(l);
    if (n > 1)
        qsort(all->rows, (size_t)n, sizeof *all->rows, by_sort);
}

/* ---- the page ---- */

/* The page where the duty is done, for this user, and its words; NULL when none. */
static const char *do_path(const web_request *req, const row *r, const char *back,
                           const char **words)
{
    const or_duty *d = r->d;
    *words = NULL;
    if (d->status == OR_DUTY_DONE)
        return NULL;
    if (d->rule->done.how == OR_DONE_ACTION) {
        or_role role = req->user->role;
        /* the MASH's assessment is the MASH's (or the LA's on its behalf), not the school's */
        bool mash = d->rule->code == OR_RULE_LOCAL_MASH_ASSESS;
        bool may = role == OR_ROLE_LA_ADMIN || role == OR_ROLE_LA_OFFICER ||
                   (role == OR_ROLE_SCHOOL && web_user_school(req) == d->urn && !mash) ||
                   (role == OR_ROLE_PARTNER && !strcmp(req->user->scope, "mash") && mash);
        if (!may)
            return NULL;
        *words = "Record it";
        return or_arena_printf(req->arena, "/pupils/%s/action?urn=%d&event=%s&rule=%s&back=%s",
                               plan_url_part(req, d->upn), d->urn,
                               plan_url_part(req, d->event_id ? d->event_id : ""), d->rule->id,
                               plan_url_part(req, back)); /* back to this list once saved */
    }
    if (!r->p->f)
        return NULL;
    return plan_duty_link(req, r->p->f, d, words);
}

static void write_row(or_sb *out, const web_request *req, const view_snapshot *snap, const row *r,
                      const char *back)
{
    const or_duty *d = r->d;
    char due[24], done[24];
    html_raw(out, "<tr class=\"govuk-table__row\">\n");
    if (d->due == OR_DATE_NONE)
        html_raw(out, "<td class=\"govuk-table__cell\">No fixed date");
    else
        html_printf(out, "<td class=\"govuk-table__cell\">%s", view_date(d->due, due));
    const char *colour;
    const char *words = view_duty_status(d->status, &colour);
    html_raw(out, "<br>");
    view_tag(out, words, colour);
    if (d->status == OR_DUTY_DONE && d->done_on != OR_DATE_NONE)
        html_printf(out, " <span class=\"onroll-secondary\">on %s</span>",
                    view_date(d->done_on, done));
    html_raw(out, "</td>\n");
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/pupils/%t\">%s"
                "</a><br><span class=\"onroll-secondary\">UPN %s</span></td>\n",
                d->upn, r->p->name && *r->p->name ? r->p->name : d->upn, d->upn);
    view_td_school(out, req, snap, d->urn);
    html_printf(out,
                "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">Who acts: "
                "%s</span></td>\n",
                rule_label(d->rule), who_label(req->arena, d->rule->who));
    const char *link_words;
    const char *do_href = do_path(req, r, back, &link_words);
    if (do_href)
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"%s\">%s<span "
                    "class=\"govuk-visually-hidden\">: %s for %s</span></a></td>\n",
                    do_href, link_words ? link_words : "Do it", rule_label(d->rule),
                    r->p->name && *r->p->name ? r->p->name : d->upn);
    else
        html_raw(out, "<td class=\"govuk-table__cell\"></td>\n");
    html_raw(out, "</tr>\n");
}

/* Read the list and its rows; false with an error page written when they cannot be. */
static bool prepare(const web_request *req, web_response *res, view_snapshot *snap, list *l,
                    selection *rows)
{
    or_error err = {0};
    list_init(l, req, &spec);
    if (candidates(req, snap, l, rows, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your duties could not be listed.");
        return false;
    }
    list_read(l);
    select_rows(l, rows, snap->as_of);
    return true;
}

static void duties_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    list_paginate(&l, rows.n);
    or_sb *out = &res->body;
    char as_of[24];
    gov_page_start(out, req, l.nerrors ? "Error: Duties" : "Duties");
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, as_of));
    const or_rule *recorded = or_rule_find(web_query(req, "recorded"));
    if (recorded) /* back from recording one of the list's duties (page_action.c) */
        gov_notification(out, "Success",
                         or_arena_printf(req->arena, "Recorded as done: %s", rule_label(recorded)),
                         true);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Duties</h1>\n");
    page_ap_duties_section(out, req); /* the LA's: AP providers' checks due (ap_web.h) */
    /* the reviews' action plans' actions due (LOCAL-ACTION-PLAN; reviews_web.h) */
    page_review_duties_section(out, req);
    /* partnership meetings due (LOCAL-PARTNERSHIP-MEETING; portfolio_web.h) */
    page_partnership_duties_section(out, req, snap);
    page_ideas_duties_section(out, req); /* workshop commitments (LOCAL-WORKSHOP-COMMITMENT) */
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        for (int i = l.first; i < l.last; i++)
            write_row(out, req, snap, &rows.rows[i], list_here(&l));
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

static void duties_csv(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    or_csv w;
    if (!list_csv_start(&l, res, &w, rows.n))
        return;
    for (int i = 0; i < rows.n; i++) {
        const row *r = &rows.rows[i];
        const or_duty *d = r->d;
        char due[11] = "", done[11] = "";
        if (d->due != OR_DATE_NONE)
            or_date_format(d->due, due);
        if (d->done_on != OR_DATE_NONE)
            or_date_format(d->done_on, done);
        or_csv_text(&w, due);
        or_csv_text(&w, or_duty_status_name(d->status));
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, d->upn);
        or_csv_text(&w, r->school);
        or_csv_int(&w, d->urn);
        or_csv_text(&w, rule_label(d->rule));
        or_csv_text(&w, d->rule->id);
        or_csv_text(&w, d->rule->who);
        or_csv_text(&w, d->event_id);
        or_csv_text(&w, done);
        or_csv_end_row(&w);
    }
}

void page_duties(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The duties", duties_page);
}

void page_duties_download(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The duties", duties_csv);
}
