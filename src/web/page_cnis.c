/* page_cnis.c - GET /children-not-in-school[?kind=ehe|cme|unexplained&status=open|overdue|closed
 * &school=URN] : the LA's register of children not in school, and GET
 * /children-not-in-school/download : the same selection as CSV.
 *
 * A child is on the register from the day a school records that they left its roll to
 * elective home education, as missing education, or with no known destination (the movements
 * of page_movement.c, or the same rows from a file or the MIS API), while they are of
 * compulsory school age and not registered at a school since. Each case is the LA's duty of
 * enquiry (cnis.c: LOCAL-CME-ENQUIRY, LOCAL-EHE-ENQUIRY): the register shows when the child
 * left and from where, the enquiries made and the last one's outcome, when the next is due,
 * and a link to record one (page_action.c, with the enquiry's outcomes); an outcome that
 * closes the case (found, moved away, returned to school...) keeps it on the register as
 * closed.
 *
 * Above the list, the open cases by kind and those overdue, each a link to exactly those. The
 * page names children: the audit log gets the read; the CSV its "export" line (list.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "web/list.h"
#include "web/view_lists.h"

typedef enum { K_EHE, K_CME, K_UNEXPLAINED, K__N } cnis_kind;
static const gov_choice kinds[K__N] = {
    [K_EHE] = {"ehe", "Elective home education", NULL},
    [K_CME] = {"cme", "Child missing education", NULL},
    [K_UNEXPLAINED] = {"unexplained", "Left with no known destination", NULL},
};
typedef enum { S_OPEN, S_OVERDUE, S_CLOSED, S__N } cnis_status;
static const gov_choice statuses[S__N] = {
    [S_OPEN] = {"open", "Open", NULL},
    [S_OVERDUE] = {"overdue", "Enquiry overdue", NULL},
    [S_CLOSED] = {"closed", "Closed", NULL},
};

enum { F_KIND, F_STATUS, F_SCHOOL, F__N };
static const list_filter filters[F__N] = {
    [F_KIND] = {"kind", "Why not in school", NULL, LIST_SELECT, .any = "Every reason",
                .choices = kinds, .nchoices = K__N},
    [F_STATUS] = {"status", "Status", NULL, LIST_SELECT, .any = "Every status", .choices = statuses,
                  .nchoices = S__N},
    [F_SCHOOL] = {"school", "School left", NULL, LIST_SELECT, .any = "Every school"},
};
enum { C_PUPIL, C_UPN, C_KIND, C_SCHOOL, C_URN, C_SINCE, C_ENQ, C_LAST, C_DUE, C_STATUS, C__N };
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Child", "name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_KIND] = {"kind", "Why not in school", "kind", LIST_SORT},
    [C_SCHOOL] = {"school", "School left", "school", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_SINCE] = {"since", "Left on", "left_on", LIST_SORT | LIST_DESC},
    [C_ENQ] = {NULL, "Enquiries", "enquiries", 0},
    [C_LAST] = {NULL, NULL, "last_outcome", 0},
    [C_DUE] = {"due", "Next enquiry", "next_due", LIST_SORT},
    [C_STATUS] = {"status", NULL, "status", LIST_SORT}, /* the default order; a tag by the date */
};
static const list_spec spec = {"/children-not-in-school",
                               "Children not in school",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "status",
                               .csv_name = "onroll-not-in-school",
                               .noun = "children"};

typedef struct {
    const view_pupil *p;
    const or_duty *d;
    const or_fact_event *exit; /* the move off the roll */
    const or_fact_event *last; /* the last enquiry, NULL when none */
    int enquiries;
    cnis_kind kind;
    cnis_status status;
} cnis_row;

/* An outcome in words: the enquiry form's own words (page_action.c keeps the choices). */
static const char *outcome_words(const char *o)
{
    static const struct {
        const char *key, *words;
    } w[] = {
        {"still_missing", "Still missing"},
        {"found_in_school", "Found: on a school's roll"},
        {"found_home_educated", "Found: educated at home"},
        {"moved_away", "Moved away"},
        {"referred_social_care", "Referred to children's social care"},
        {"suitable", "Education appears suitable"},
        {"not_suitable", "Education does not appear suitable"},
        {"no_response", "No response"},
        {"returned_to_school", "Returned to school"},
    };
    for (size_t i = 0; o && i < sizeof w / sizeof w[0]; i++)
        if (!strcmp(o, w[i].key))
            return w[i].words;
    return o && *o ? o : "No outcome recorded";
}

static void fill(cnis_row *r, const view_pupil *p, const or_duty *d)
{
    memset(r, 0, sizeof *r);
    r->p = p;
    r->d = d;
    r->exit = or_facts_event(p->f, d->urn, d->event_id);
    r->kind = !r->exit                     ? K_UNEXPLAINED
              : r->exit->kind == OR_EV_EHE ? K_EHE
              : r->exit->kind == OR_EV_CME ? K_CME
                                           : K_UNEXPLAINED;
    for (int i = 0; i < p->f->nevents; i++) {
        const or_fact_event *a = &p->f->events[i];
        if (a->kind == OR_EV_ACTION && a->urn == d->urn && a->ref && a->rule &&
            !strcmp(a->ref, d->event_id) && !strcmp(a->rule, d->rule->id)) {
            r->last = a;
            r->enquiries++;
        }
    }
    r->status = d->status == OR_DUTY_DONE      ? S_CLOSED
                : d->status == OR_DUTY_OVERDUE ? S_OVERDUE
                                               : S_OPEN;
}

typedef struct {
    const view_snapshot *snap;
    int col;
    bool desc;
} sort_by;

static int dates(or_date a, or_date b)
{
    if (a == b)
        return 0;
    return a == OR_DATE_NONE ? 1 : b == OR_DATE_NONE ? -1 : a < b ? -1 : 1;
}

/* overdue first, then open, then closed */
static const int rank[S__N] = {[S_OVERDUE] = 0, [S_OPEN] = 1, [S_CLOSED] = 2};

static int by_column(const void *x, const void *y, void *ctx)
{
    const cnis_row *a = x, *b = y;
    const sort_by *s = ctx;
    int c = 0;
    switch (s->col) {
    case C_PUPIL:
        c = strcasecmp(a->p->name, b->p->name);
        break;
    case C_KIND:
        c = (int)a->kind - (int)b->kind;
        break;
    case C_SCHOOL:
        c = strcmp(view_school_name(s->snap, a->d->urn), view_school_name(s->snap, b->d->urn));
        break;
    case C_SINCE:
        c = dates(a->exit ? a->exit->start : OR_DATE_NONE, b->exit ? b->exit->start : OR_DATE_NONE);
        break;
    case C_DUE:
        c = dates(a->status == S_CLOSED ? OR_DATE_NONE : a->d->due,
                  b->status == S_CLOSED ? OR_DATE_NONE : b->d->due);
        break;
    default:
        c = rank[a->status] - rank[b->status];
        if (!c)
            c = dates(a->d->due, b->d->due);
    }
    if (s->desc)
        c = -c;
    if (!c)
        c = strcasecmp(a->p->name, b->p->name);
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

typedef struct {
    list l;
    view_snapshot *snap;
    cnis_row *rows;
    int n;
    int open[K__N], overdue, closed; /* of the school chosen, every kind and status */
} cnis;

static bool is_case(const or_duty *d)
{
    return d->rule->code == OR_RULE_LOCAL_CME_ENQUIRY || d->rule->code == OR_RULE_LOCAL_EHE_ENQUIRY;
}

static bool load(const web_request *req, web_response *res, cnis *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The register of children not in school could not be listed. Try again later.");
        return false;
    }
    list_init(&b->l, req, &spec);
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *sc);
    for (int i = 0; sc && i < b->snap->nschools; i++)
        sc[i] = (gov_choice){or_arena_printf(req->arena, "%d", b->snap->schools[i].urn),
                             b->snap->schools[i].name, NULL};
    list_choices(&b->l, F_SCHOOL, sc, sc ? b->snap->nschools : 0);
    list_read(&b->l);
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    int want_kind = -1, want_status = -1;
    for (int k = 0; k < K__N; k++)
        if (list_has(&b->l, F_KIND, kinds[k].value))
            want_kind = k;
    for (int k = 0; k < S__N; k++)
        if (list_has(&b->l, F_STATUS, statuses[k].value))
            want_status = k;
    int total = 0;
    for (int i = 0; i < b->snap->duties.n; i++)
        total += is_case(&b->snap->duties.items[i]);
    b->rows = or_arena_alloc(req->arena, (size_t)(total ? total : 1) * sizeof *b->rows);
    for (int i = 0; b->rows && i < b->snap->npupils; i++) {
        const view_pupil *p = &b->snap->pupils[i];
        for (int k = p->duty0; k < p->duty0 + p->nduties; k++) {
            const or_duty *d = &b->snap->duties.items[k];
            if (!is_case(d) || (urn && d->urn != urn))
                continue;
            cnis_row r;
            fill(&r, p, d);
            if (r.status == S_CLOSED)
                b->closed++;
            else
                b->open[r.kind]++;
            b->overdue += r.status == S_OVERDUE;
            bool status_ok = want_status < 0 || (int)r.status == want_status ||
                             (want_status == S_OPEN && r.status == S_OVERDUE);
            if ((want_kind < 0 || (int)r.kind == want_kind) && status_ok)
                b->rows[b->n++] = r;
        }
    }
    sort_by s = {b->snap, list_sort(&b->l), list_desc(&b->l)};
    if (b->n > 1)
        qsort_r(b->rows, (size_t)b->n, sizeof *b->rows, by_column, &s);
    return true;
}

static const char *href(const web_request *req, const char *kind, const char *status)
{
    return or_arena_printf(req->arena, "/children-not-in-school?%s%s%s%s", *kind ? "kind=" : "",
                           kind, *kind && *status ? "&" : "",
                           *status ? or_arena_printf(req->arena, "status=%s", status) : "");
}

static void figures(or_sb *out, const web_request *req, const cnis *b)
{
    char buf[K__N + 2][OR_FMT_INT_LEN];
    view_figure f[K__N + 2];
    for (int k = 0; k < K__N; k++)
        f[k] = (view_figure){or_fmt_int(b->open[k], buf[k]), kinds[k].label,
                             href(req, kinds[k].value, "open")};
    f[K__N] = (view_figure){or_fmt_int(b->overdue, buf[K__N]), "Enquiry overdue",
                            href(req, "", "overdue")};
    f[K__N + 1] =
        (view_figure){or_fmt_int(b->closed, buf[K__N + 1]), "Closed", href(req, "", "closed")};
    view_figures(out, f, K__N + 2);
    html_raw(out, "<p class=\"govuk-body\">The first three are the open cases by why the child "
                  "is not in school; the cases with an enquiry overdue are among them.</p>\n");
}

static const char *status_colour(cnis_status s)
{
    return s == S_OVERDUE ? "red" : s == S_OPEN ? "blue" : "grey";
}

static void row_html(or_sb *out, const web_request *req, const view_snapshot *snap,
                     const cnis_row *r)
{
    char day[24];
    const char *name = r->p->name[0] ? r->p->name : r->p->upn;
    gov_table_row_start(out);
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                "href=\"/pupils/%t\">%s</a></td>\n",
                r->p->upn, name);
    gov_td(out, kinds[r->kind].label);
    view_td_school(out, req, snap, r->d->urn);
    gov_td(out, r->exit ? view_date(r->exit->start, day) : "");
    /* the enquiries made and the last one's outcome; the next due, with the case's status */
    char n[OR_FMT_INT_LEN];
    if (r->last)
        html_printf(out, "<td class=\"govuk-table__cell\">%s<br>Last: %s</td>\n",
                    or_fmt_int(r->enquiries, n), outcome_words(r->last->outcome));
    else
        gov_td(out, "None yet");
    html_printf(out, "<td class=\"govuk-table__cell\">%s ",
                r->status == S_CLOSED ? "" : view_date(r->d->due, day));
    view_tag(out, statuses[r->status].label, status_colour(r->status));
    if (r->status != S_CLOSED)
        html_printf(out,
                    "<br><a class=\"govuk-link\" "
                    "href=\"/pupils/%t/action?urn=%d&amp;event=%t&amp;rule=%t&amp;back=/"
                    "children-not-in-school\">Record an "
                    "enquiry<span class=\"govuk-visually-hidden\"> for %s</span></a>",
                    r->p->upn, r->d->urn, r->d->event_id, r->d->rule->id, name);
    html_raw(out, "</td>\n");
    gov_table_row_end(out);
}

void page_cnis(const web_request *req, web_response *res)
{
    cnis b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    char detail[128];
    snprintf(detail, sizeof detail, "children not in school: %d listed (of %d)",
             b.l.last - b.l.first, b.n);
    if (web_audit(req, "cnis.view", NULL, detail)) {
        view_snapshot_put(b.snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the list cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Children not in school");
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(b.snap->as_of, day));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Children not in school</h1>\n");
    html_raw(out, "<p class=\"govuk-body\">Children of compulsory school age who have left a "
                  "school's roll to be educated at home, who are missing education, or who left "
                  "with no known destination, and are not registered at a school since. Each "
                  "needs the local authority's enquiries until the case is closed.</p>\n");
    figures(out, req, &b);
    list_start(out, &b.l);
    if (list_table_start(out, &b.l)) {
        for (int i = b.l.first; i < b.l.last; i++)
            row_html(out, req, b.snap, &b.rows[i]);
        list_table_end(out, &b.l);
    }
    list_end(out, &b.l);
    gov_page_end(out, req);
    view_snapshot_put(b.snap);
}

void page_cnis_download(const web_request *req, web_response *res)
{
    cnis b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const cnis_row *r = &b.rows[i];
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, r->p->upn);
        or_csv_text(&w, kinds[r->kind].value);
        or_csv_text(&w, view_school_name(b.snap, r->d->urn));
        or_csv_int(&w, r->d->urn);
        or_csv_date(&w, r->exit ? r->exit->start : OR_DATE_NONE);
        or_csv_int(&w, r->enquiries);
        or_csv_text(&w, r->last && r->last->outcome ? r->last->outcome : "");
        or_csv_date(&w, r->status != S_CLOSED ? r->d->due : OR_DATE_NONE);
        or_csv_text(&w, statuses[r->status].value);
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}
