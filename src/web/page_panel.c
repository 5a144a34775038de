/* page_panel.c - the multi-agency panel's LA pages (panel_web.h, docs/panel.md):
 *   GET  /panel[?status=S&urgency=U&school=URN]  the referrals to the panel on the list engine
 *        with their turnaround (urgent: the same school day; standard: within 3), the KPIs
 *        above (within target, the median in school days, waiting past target), the meetings
 *        and the form to add one; GET /panel/download the same rows as CSV;
 *   GET and POST /panel/meetings/new             add the meeting of a date (one a day);
 *   GET  /panel/meetings/{date}                  the agenda (accepted, not yet considered,
 *        urgent first), the referrals waiting to be accepted, what was decided at it;
 *   POST /panel/meetings/{date}/circulate        one message per member address (the
 *        safeguarding partnership, health, CAMHS, the MASH, police, early help: notify.h)
 *        through the outbox, naming no child: the reader signs in to read the agenda.
 * Who: the LA. The pages name children: the audit log gets each read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/labels.h"
#include "onroll/model.h"
#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "onroll/store_panel.h"
#include "web/form.h"
#include "web/list.h"
#include "web/panel_web.h"

/* ---- /panel: the referrals and their turnaround ---- */

enum { F_STATUS, F_URGENCY, F_SCHOOL, F__N };
static const list_filter filters[F__N] = {
    [F_STATUS] = {"status", "Status", NULL, LIST_SELECT, .any = "Every status"},
    [F_URGENCY] = {"urgency", "Urgency", NULL, LIST_SELECT, .any = "Urgent and standard"},
    [F_SCHOOL] = {"school", "Referring school", NULL, LIST_SELECT, .any = "Every school"},
};
enum {
    C_PUPIL,
    C_UPN,
    C_SCHOOL,
    C_URN,
    C_REFERRED,
    C_URGENCY,
    C_STATUS,
    C_CONSIDERED,
    C_DAYS,
    C_TARGET,
    C__N
};
static const list_column columns[C__N] = {
    [C_PUPIL] = {"pupil", "Pupil", "name", 0},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "Referring school", "school", 0},
    [C_URN] = {NULL, NULL, "urn", LIST_NUMERIC},
    [C_REFERRED] = {"referred", "Referred", "referred", 0},
    [C_URGENCY] = {"urgency", "Urgency", "urgency", 0},
    [C_STATUS] = {"status", "Status", "status", 0},
    [C_CONSIDERED] = {NULL, NULL, "considered", 0}, /* the CSV's: the days say it on screen */
    [C_DAYS] = {"days", "School days", "school_days", LIST_NUMERIC},
    [C_TARGET] = {"target", "Within target", "within_target", 0},
};
static const list_spec spec = {"/panel",
                               "Referrals to the multi-agency panel",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .csv_name = "onroll-panel",
                               .noun = "referrals"};

static const gov_choice urgency_choices[] = {{"urgent", "Urgent", NULL},
                                             {"standard", "Standard", NULL}};

typedef struct {
    list l;
    view_snapshot *snap;
    panel_row *rows;
    int n;
} panel_list;

static bool load(const web_request *req, web_response *res, panel_list *b)
{
    memset(b, 0, sizeof *b);
    or_error err = {0};
    if (view_snapshot_get(req, &b->snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The panel's referrals could not be listed. Try again later.");
        return false;
    }
    list_init(&b->l, req, &spec);
    gov_choice *st = or_arena_alloc(req->arena, OR_REFERRAL__N * sizeof *st);
    for (int i = 0; i < OR_REFERRAL__N; i++)
        st[i] = (gov_choice){or_referral_status_key(i), or_referral_status_words(i), NULL};
    list_choices(&b->l, F_STATUS, st, OR_REFERRAL__N);
    list_choices(&b->l, F_URGENCY, urgency_choices, 2);
    gov_choice *sc = or_arena_alloc(req->arena, ((size_t)b->snap->nschools + 1) * sizeof *sc);
    for (int i = 0; i < b->snap->nschools; i++)
        sc[i] = (gov_choice){or_arena_printf(req->arena, "%d", b->snap->schools[i].urn),
                             b->snap->schools[i].name, NULL};
    list_choices(&b->l, F_SCHOOL, sc, b->snap->nschools);
    list_read(&b->l);
    panel_row *all;
    int nall;
    if (!panel_rows(req, b->snap, &all, &nall)) {
        view_snapshot_put(b->snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The panel's referrals could not be listed.");
        return false;
    }
    int want = or_referral_status_parse(list_text(&b->l, F_STATUS));
    const char *urg = list_text(&b->l, F_URGENCY);
    int urn = atoi(list_text(&b->l, F_SCHOOL));
    b->rows = all;
    for (int i = 0; i < nall; i++)
        if ((want < 0 || (int)all[i].w->status == want) &&
            (!*urg || all[i].c.urgent == !strcmp(urg, "urgent")) &&
            (!urn || all[i].w->r->urn == urn))
            b->rows[b->n++] = all[i];
    return true;
}

static const char *target_words(const panel_row *r)
{
    return r->t.considered ? (r->t.within ? "Yes" : "No") : r->t.late ? "No (waiting)" : "Not yet";
}

/* The KPIs of the rows listed. */
static void kpis(or_sb *out, const web_request *req, const panel_list *b)
{
    int considered = 0, within = 0, late = 0;
    int *days = or_arena_alloc(req->arena, ((size_t)b->n + 1) * sizeof *days);
    for (int i = 0; i < b->n; i++) {
        const panel_row *r = &b->rows[i];
        if (r->t.considered) {
            days[considered++] = r->t.days;
            within += r->t.within;
        }
        late += r->t.late;
    }
    double med = or_panel_median(days, considered);
    char v[4][48], pct[OR_FMT_PCT_LEN];
    or_fmt_int(b->n, v[0]);
    snprintf(v[1], sizeof v[1], "%d of %d", within, considered);
    if (med < 0)
        snprintf(v[2], sizeof v[2], "None yet");
    else if (med == (int)med)
        snprintf(v[2], sizeof v[2], "%d", (int)med);
    else
        snprintf(v[2], sizeof v[2], "%.1f", med);
    or_fmt_int(late, v[3]);
    view_figure f[4] = {
        {v[0], "Referrals", NULL},
        {v[1],
         considered ? or_arena_printf(req->arena, "Considered within target (%s)",
                                      or_fmt_pct(within, considered, pct))
                    : "Considered within target",
         NULL},
        {v[2], "Median school days to be considered", NULL},
        {v[3], "Waiting past their target", NULL},
    };
    view_figures(out, f, 4);
}

static void meetings_html(or_sb *out, const web_request *req)
{
    or_panel_meeting *ms = NULL;
    int n = 0;
    or_error err = {0};
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"meetings\">Meetings</h2>\n");
    if (or_panel_meetings(req->store, req->arena, &ms, &n, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The meetings could not be read.</p>\n");
        return;
    }
    char day[24];
    if (!n)
        html_raw(out, "<p class=\"govuk-body\">No meeting yet.</p>\n");
    else
        html_raw(out, "<ul class=\"govuk-list\">\n");
    for (int i = 0; i < n; i++) {
        char iso[11];
        or_date_format(ms[i].date, iso);
        html_printf(out,
                    "<li><a class=\"govuk-link\" href=\"/panel/meetings/%t\">Meeting of %s</a>"
                    " (%s)</li>\n",
                    iso, view_date(ms[i].date, day),
                    *ms[i].circulated_at ? "agenda circulated" : "agenda not circulated yet");
    }
    if (n)
        html_raw(out, "</ul>\n");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                  "href=\"/panel/meetings/new\">Add a meeting</a></p>\n");
}

static void row_html(or_sb *out, const web_request *req, const view_snapshot *snap,
                     const panel_row *r)
{
    char day[24];
    gov_table_row_start(out);
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/referrals/%d/%t\">"
                "%s<span class=\"govuk-visually-hidden\">: referral to the panel</span></a></td>\n",
                r->w->r->urn, r->w->r->event_id, r->w->p->name[0] ? r->w->p->name : r->w->p->upn);
    view_td_school(out, req, snap, r->w->r->urn);
    gov_td(out, view_date(r->w->r->start, day));
    html_raw(out, "<td class=\"govuk-table__cell\">");
    view_tag(out, panel_urgency_words(r->c.urgent), r->c.urgent ? "red" : "grey");
    html_raw(out, "</td>\n");
    gov_td(out, or_referral_status_words(r->w->status));
    gov_td_num(out, r->t.days);
    gov_td(out, target_words(r));
    gov_table_row_end(out);
}

void page_panel(const web_request *req, web_response *res)
{
    panel_list b;
    if (!load(req, res, &b))
        return;
    list_paginate(&b.l, b.n);
    int shown = b.l.last - b.l.first;
    const char **upns = or_arena_alloc(req->arena, ((size_t)shown + 1) * sizeof *upns);
    for (int i = 0; i < shown; i++)
        upns[i] = b.rows[b.l.first + i].w->p->upn;
    if (web_audit(req, "panel.view", NULL, "multi-agency panel referrals") ||
        web_audit_upns(req, upns, shown)) {
        view_snapshot_put(b.snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the referrals cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, "Multi-agency panel");
    char day[24];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(b.snap->as_of, day));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Multi-agency panel</h1>\n"
                  "<p class=\"govuk-body\">Schools refer a pupil from the pupil's page. The panel "
                  "considers an urgent referral the same school day and a standard one within 3 "
                  "school days of the referral.</p>\n");
    kpis(out, req, &b);
    meetings_html(out, req);
    html_raw(out, "<h2 class=\"govuk-heading-m\">Referrals</h2>\n");
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

void page_panel_download(const web_request *req, web_response *res)
{
    panel_list b;
    if (!load(req, res, &b))
        return;
    or_csv w;
    if (!list_csv_start(&b.l, res, &w, b.n)) {
        view_snapshot_put(b.snap);
        return;
    }
    for (int i = 0; i < b.n; i++) {
        const panel_row *r = &b.rows[i];
        char iso[11];
        or_csv_text(&w, r->w->p->name);
        or_csv_text(&w, r->w->p->upn);
        or_csv_text(&w, view_school_name(b.snap, r->w->r->urn));
        or_csv_int(&w, r->w->r->urn);
        or_date_format(r->w->r->start, iso);
        or_csv_text(&w, iso);
        or_csv_text(&w, r->c.urgent ? "urgent" : "standard");
        or_csv_text(&w, or_referral_status_key(r->w->status));
        if (r->c.decision)
            or_date_format(r->c.decision->start, iso);
        else
            iso[0] = '\0';
        or_csv_text(&w, iso);
        or_csv_int(&w, r->t.days);
        or_csv_text(&w, r->t.considered ? (r->t.within ? "yes" : "no") : r->t.late ? "late" : "");
        or_csv_end_row(&w);
    }
    view_snapshot_put(b.snap);
}

/* ---- meetings ---- */

static bool meeting_of(const web_request *req, web_response *res, or_panel_meeting *m)
{
    or_date d = OR_DATE_NONE;
    bool found = false;
    or_error err = {0};
    if (!or_date_parse(web_path(req, "date"), &d) ||
        or_panel_meeting_get(req->store, d, req->arena, m, &found, &err) || !found) {
        web_error(req, res, 404, "Page not found", "There is no panel meeting on that day.");
        return false;
    }
    return true;
}

/* The form of a new meeting (form.h): its date. */
enum { M_DATE, M__N };
static const form_field meeting_fields[M__N] = {
    [M_DATE] = {"date", "Date of the meeting", "The day the panel meets, for example 10 12 2026",
                FORM_DATE, FORM_REQUIRED, .noun = "date of the meeting"},
};

static void meeting_form(form *f, web_response *res)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Add a meeting of the panel", "/panel", "Back to the panel",
                    "Multi-agency panel");
    form_start(out, f, "/panel/meetings/new");
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Add the meeting", NULL);
}

void page_panel_meeting_new(const web_request *req, web_response *res)
{
    form f;
    form_init(&f, req, meeting_fields, M__N);
    form_read(&f);
    meeting_form(&f, res);
}

void page_panel_meeting_add(const web_request *req, web_response *res)
{
    form f;
    form_init(&f, req, meeting_fields, M__N);
    form_read(&f);
    or_date d = OR_DATE_NONE;
    if (!form_validate(&f) || !or_date_parse(form_text(&f, M_DATE), &d)) {
        form_errors_in_order(&f);
        meeting_form(&f, res);
        return;
    }
    char iso[11];
    or_date_format(d, iso);
    or_audit_entry who = {.actor = req->user->email,
                          .user_id = req->user->id,
                          .role = or_role_name(req->user->role),
                          .object = req->path,
                          .remote = req->remote};
    bool added = false;
    or_error err = {0};
    if (or_panel_meeting_add(req->store, d, &who, &added, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The meeting could not be added: nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/panel/meetings/%s", iso));
}

/* The agenda: accepted and not yet considered; `waiting`: new, to accept first. */
static bool on_agenda(const panel_row *r)
{
    return r->w->status == OR_REFERRAL_ACCEPTED && !r->c.decision;
}

void page_panel_meeting(const web_request *req, web_response *res)
{
    or_panel_meeting m;
    if (!meeting_of(req, res, &m))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    panel_row *rows = NULL;
    int n = 0;
    if (view_snapshot_get(req, &snap, &err) || !panel_rows(req, snap, &rows, &n)) {
        if (snap)
            view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The agenda could not be read.");
        return;
    }
    char iso[11], day[24], day2[24];
    or_date_format(m.date, iso);
    const char **upns = or_arena_alloc(req->arena, ((size_t)n + 1) * sizeof *upns);
    for (int i = 0; i < n; i++)
        upns[i] = rows[i].w->p->upn;
    if (web_audit(req, "panel.meeting.view", NULL, iso) || web_audit_upns(req, upns, n)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the agenda cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    const char *title = or_arena_printf(req->arena, "Panel meeting of %s", view_date(m.date, day));
    gov_page_start(out, req, title);
    html_printf(out,
                "<span class=\"govuk-caption-l\">Multi-agency panel</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                title);
    const char *sent = web_query(req, "circulated");
    if (*sent) {
        char num[OR_FMT_INT_LEN];
        int k = atoi(sent);
        gov_notification(out, "Agenda circulated",
                         or_arena_printf(req->arena, "%s message%s queued to the panel's members.",
                                         or_fmt_int(k, num), k == 1 ? "" : "s"),
                         true);
    }
    if (*web_query(req, "recorded"))
        gov_notification(out, "Decision recorded", "The school sees it on the pupil's page.", true);
    html_raw(out, "<h2 class=\"govuk-heading-m\">Agenda</h2>\n");
    int k = 0;
    static const char *const heads[] = {"Pupil",   "Referring school", "Referred",
                                        "Urgency", "Consider by",      "Decision"};
    for (int i = 0; i < n; i++) {
        const panel_row *r = &rows[i];
        if (!on_agenda(r))
            continue;
        if (!k++) {
            html_raw(out, "<div class=\"govuk-table-wrapper\" tabindex=\"0\" role=\"region\" "
                          "aria-label=\"Agenda\">\n");
            gov_table_start(out, "Accepted referrals not yet considered, urgent first", heads, 6);
        }
        gov_table_row_start(out);
        gov_td_link(
            out, or_arena_printf(req->arena, "/referrals/%d/%s", r->w->r->urn, r->w->r->event_id),
            r->w->p->name[0] ? r->w->p->name : r->w->p->upn);
        view_td_school(out, req, snap, r->w->r->urn);
        gov_td(out, view_date(r->w->r->start, day));
        gov_td(out, panel_urgency_words(r->c.urgent));
        gov_td(out, view_date(r->t.due, day2));
        gov_td_link(out,
                    or_arena_printf(req->arena, "/pupils/%s/panel/decide?meeting=%s&urn=%d&ref=%s",
                                    r->w->p->upn, iso, r->w->r->urn, r->w->r->event_id),
                    "Record the decision");
        gov_table_row_end(out);
    }
    if (k) {
        gov_table_end(out);
        html_raw(out, "</div>\n");
    } else {
        html_raw(out,
                 "<p class=\"govuk-body\">No accepted referral is waiting for the panel.</p>\n");
    }
    if (*m.circulated_at)
        html_printf(out, "<p class=\"govuk-body\">The agenda was circulated by %s.</p>\n",
                    m.circulated_by);
    gov_form_start(out, req, "post",
                   or_arena_printf(req->arena, "/panel/meetings/%s/circulate", iso));
    html_raw(out, "<p class=\"govuk-body\">Circulating sends each member of the panel "
                  "(safeguarding, health, CAMHS, the MASH, police, early help) a message that "
                  "names no child: they sign in to read the agenda.</p>\n");
    gov_button(out, *m.circulated_at ? "Circulate the agenda again" : "Circulate the agenda",
               false);
    gov_form_end(out);

    int w = 0;
    for (int i = 0; i < n; i++) {
        const panel_row *r = &rows[i];
        if (r->w->status != OR_REFERRAL_NEW)
            continue;
        if (!w++)
            html_raw(out, "<h2 class=\"govuk-heading-m\">Referrals to accept</h2>\n"
                          "<ul class=\"govuk-list\">\n");
        html_printf(out,
                    "<li><a class=\"govuk-link\" href=\"/referrals/%d/%t\">%s</a>, %s, referred "
                    "%s</li>\n",
                    r->w->r->urn, r->w->r->event_id,
                    r->w->p->name[0] ? r->w->p->name : r->w->p->upn,
                    panel_urgency_words(r->c.urgent), view_date(r->w->r->start, day));
    }
    if (w)
        html_raw(out, "</ul>\n");
    int d = 0;
    for (int i = 0; i < n; i++) {
        const panel_row *r = &rows[i];
        if (!r->c.decision ||
            strcmp(or_panel_detail(r->c.decision->details, "x_meeting", req->arena), iso))
            continue;
        if (!d++)
            html_raw(out, "<h2 class=\"govuk-heading-m\">Decided at this meeting</h2>\n"
                          "<ul class=\"govuk-list\">\n");
        html_printf(out,
                    "<li>%s: %s <a class=\"govuk-link\" "
                    "href=\"/pupils/%t/panel/decide?meeting=%t&amp;urn=%d&amp;ref=%t\">Add an "
                    "action<span class=\"govuk-visually-hidden\"> for %s</span></a></li>\n",
                    r->w->p->name[0] ? r->w->p->name : r->w->p->upn,
                    or_panel_detail(r->c.decision->details, "notes", req->arena), r->w->p->upn, iso,
                    r->w->r->urn, r->w->r->event_id,
                    r->w->p->name[0] ? r->w->p->name : r->w->p->upn);
    }
    if (d)
        html_raw(out, "</ul>\n");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/panel\">Back to the "
                  "multi-agency panel</a></p>\n");
    gov_page_end(out, req);
    view_snapshot_put(snap);
}

/* The members of the panel: the services its agenda goes to. */
static const or_service members[] = {OR_SVC_SAFEGUARDING, OR_SVC_HEALTH, OR_SVC_CAMHS,
                                     OR_SVC_MASH,         OR_SVC_POLICE, OR_SVC_EARLY_HELP};

typedef struct {
    or_arena *a;
    const char **emails;
    unsigned *services;
    int n, cap;
} member_list;

static or_code on_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    (void)err;
    member_list *m = ctx;
    int s = or_service_parse(r->service);
    bool member = false;
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
        member |= s == (int)members[i];
    if (!member)
        return OR_OK;
    for (int i = 0; i < m->n; i++)
        if (!strcmp(m->emails[i], r->email)) {
            m->services[i] |= OR_SVC_BIT(s);
            return OR_OK;
        }
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        const char **e = or_arena_alloc(m->a, (size_t)cap * sizeof *e);
        unsigned *sv = or_arena_alloc(m->a, (size_t)cap * sizeof *sv);
        if (m->n) {
            memcpy(e, m->emails, (size_t)m->n * sizeof *e);
            memcpy(sv, m->services, (size_t)m->n * sizeof *sv);
        }
        m->emails = e;
        m->services = sv;
        m->cap = cap;
    }
    m->emails[m->n] = or_arena_strdup(m->a, r->email);
    m->services[m->n++] = OR_SVC_BIT(s);
    return OR_OK;
}

void page_panel_circulate(const web_request *req, web_response *res)
{
    or_panel_meeting m;
    if (!meeting_of(req, res, &m))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    panel_row *rows = NULL;
    int n = 0, agenda = 0, urgent = 0;
    if (view_snapshot_get(req, &snap, &err) || !panel_rows(req, snap, &rows, &n)) {
        if (snap)
            view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The agenda could not be read: nothing was sent.");
        return;
    }
    for (int i = 0; i < n; i++)
        if (on_agenda(&rows[i])) {
            agenda++;
            urgent += rows[i].c.urgent;
        }
    view_snapshot_put(snap);
    char iso[11], day[24], cnt[OR_FMT_INT_LEN];
    or_date_format(m.date, iso);
    view_date(m.date, day);
    member_list to = {req->arena, NULL, NULL, 0, 0};
    int queued = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_recipients_each(req->store, on_recipient, &to, &err);
    /* the words: the day and how many children, never who */
    const char *subject = or_arena_printf(req->arena, "Multi-agency panel: the agenda for %s", day);
    const char *body = or_arena_printf(
        req->arena,
        "The multi-agency panel meets on %s. Its agenda has %s child%s (%d urgent).\n\n"
        "This message holds no details of any child on purpose. Sign in to onroll and open "
        "the multi-agency panel's meeting of %s to read the agenda.\n",
        day, or_fmt_int(agenda, cnt), agenda == 1 ? "" : "ren", urgent, day);
    const char *key = or_arena_printf(req->arena, "panel-%s", iso);
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; !rc && i < to.n; i++) {
        char ids[160];
        or_services_ids(to.services[i], ids, sizeof ids);
        or_outbox_new row = {"LOCAL-PANEL-ACTION", 0,       key,  ids,
                             to.emails[i],         subject, body, "onroll"};
        int64_t id = 0;
        rc = or_outbox_add(req->store, &row, now, &id, &err);
        queued += !rc && id;
    }
    if (!rc)
        rc = or_panel_meeting_circulated(req->store, m.date, req->user->email, &err);
    if (!rc)
        rc = web_audit(req, "panel.circulate", NULL,
                       or_arena_printf(req->arena,
                                       "agenda of %s: %d message%s queued to %d "
                                       "address%s",
                                       iso, queued, queued == 1 ? "" : "s", to.n,
                                       to.n == 1 ? "" : "es"));
    if (rc || (rc = or_store_commit(req->store, &err))) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The agenda could not be circulated: nothing was sent.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/panel/meetings/%s?circulated=%d", iso, queued));
}
