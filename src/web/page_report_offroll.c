/* page_report_offroll.c - GET /reports/offrolling (and /download), GET and POST
 * /reports/offrolling/challenge, and the LA dashboard's off-rolling lines: the off-rolling
 * signals of offroll.h (`onroll report offrolling`) per school against the LA with funnel
 * limits, and the LA's challenge to each school above a 99.8% limit with the school's answer.
 *
 * /reports/offrolling: a form chooses the academic year (and, for LA users, unsuppressed
 * figures: audited; the analyst is refused them, report_refuse_unsuppressed) and whether to list
 * only the schools of concern (?concern=1, where the dashboard links); the LA's figures, the
 * schools' percentages with their funnel class in words, a CSV download (the CLI's file,
 * audited as an export) and, for LA users, each school of concern with the challenge recorded.
 *
 * The challenge form is a form of the form engine (form.h): what the LA asked and when, the
 * school's answer and when (optional until it comes). A save is one transaction: the row
 * (store_offroll.h, migration 028) and its line in the audit log; then back to the list.
 *
 * The figures come from the LA snapshot's model (view_cache.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/columns.h"
#include "onroll/offroll.h"
#include "onroll/store_offroll.h"
#include "web/dashboard.h"
#include "web/form.h"
#include "web/reports.h"
#include "web/view.h"

enum { THRESHOLD = 2, NYEARS = 5 };

/* The year whose census day has passed last: the latest with a Year 11 January. */
static int default_year(or_date today)
{
    int ay = or_date_academic_year(today);
    return or_census_day(ay) <= today ? ay : ay - 1;
}

static const char *year_text(const web_request *req, int ay)
{
    return or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
}

typedef struct {
    int ay;
    bool unsuppressed, concern, ok;
} off_query;

static void read_query(const web_request *req, off_query *q)
{
    memset(q, 0, sizeof *q);
    int last = default_year(web_today(req));
    q->ay = last;
    q->ok = true;
    const char *y = web_query(req, "year");
    if (*y) {
        int ay;
        q->ok = or_academic_year_parse(y, &ay) && ay <= last + 1 && ay > last - NYEARS;
        if (q->ok)
            q->ay = ay;
    }
    q->unsuppressed = !strcmp(web_query(req, "unsuppressed"), "1") && report_la_user(req);
    q->concern = !strcmp(web_query(req, "concern"), "1");
}

static const char *describe(const web_request *req, const off_query *q)
{
    return or_arena_printf(req->arena, "offrolling %s (%s)", year_text(req, q->ay),
                           q->unsuppressed ? "unsuppressed" : "suppressed");
}

static void query_form(or_sb *out, const web_request *req, const off_query *q)
{
    gov_form_start(out, req, "get", "/reports/offrolling");
    gov_choice items[NYEARS + 1];
    int last = default_year(web_today(req)), n = 0;
    for (int ay = last + 1; ay > last - NYEARS; ay--) {
        const char *y = year_text(req, ay);
        items[n++] = (gov_choice){y, y, NULL};
    }
    gov_select(out, "year", "Academic year", NULL, items, n, year_text(req, q->ay),
               q->ok ? NULL : "Select an academic year from the list");
    static const gov_choice only[] = {{"1", "Only the schools above a 99.8% limit", NULL}};
    bool ticked[1] = {q->concern};
    gov_checkboxes(out, "concern", "Schools", NULL, only, 1, ticked, NULL);
    if (report_la_user(req)) {
        static const gov_choice un[] = {
            {"1", "Show unsuppressed figures",
             "For use inside the local authority only. Viewing or downloading them is recorded "
             "in the audit log with your name."}};
        bool t2[1] = {q->unsuppressed};
        gov_checkboxes(out, "unsuppressed", "Small numbers", NULL, un, 1, t2, NULL);
    }
    gov_button(out, "Show the signals", false);
    gov_form_end(out);
}

static void table_out(or_sb *out, const or_table *t)
{
    html_printf(out,
                "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-label=\"%s\">\n",
                t->title);
    or_table_html(out, t);
    html_raw(out, "</div>\n");
}

/* The challenge recorded for urn, or NULL. */
static const or_offroll_challenge *challenge_of(const or_offroll_challenge *cs, int n, int urn)
{
    for (int i = 0; i < n; i++)
        if (cs[i].urn == urn)
            return &cs[i];
    return NULL;
}

static const char *date_words(const web_request *req, const char *iso)
{
    or_date d;
    char buf[24];
    return iso && or_date_parse(iso, &d) ? or_arena_strdup(req->arena, view_date(d, buf)) : "";
}

/* Which measures put a school above a 99.8% limit, in words with the figures. */
static const char *why(const web_request *req, const or_offroll *o, const or_off_row *r)
{
    const char *s = "";
    int k = or_offroll_peers(r->phase);
    for (int m = 0; m < OR_OFF__N; m++) {
        const or_off_cell *c = &r->m[m];
        if (!c->classed || c->cls != OR_FUNNEL_CONCERN)
            continue;
        char b[4][OR_FMT_INT_LEN];
        s = or_arena_printf(req->arena, "%s%s%s: %s of %s (%s: %s of %s)", s, *s ? "; " : "",
                            or_offroll_heading(m), or_fmt_int(c->x, b[0]), or_fmt_int(c->n, b[1]),
                            or_offroll_peers_words(k), or_fmt_int(o->peer_x[k][m], b[2]),
                            or_fmt_int(o->peer_n[k][m], b[3]));
    }
    return s;
}

static void challenges(or_sb *out, const web_request *req, const or_offroll *o, int ay)
{
    or_offroll_challenge *cs = NULL;
    int ncs = 0;
    or_error err = {0};
    if (or_offroll_challenges(req->store, ay, req->arena, &cs, &ncs, &err))
        ncs = 0;
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"challenges\">The local authority's "
                  "challenges</h2>\n");
    if (!o->nconcern) {
        html_raw(out, "<p class=\"govuk-body\">No school is above a 99.8% limit.</p>\n");
        return;
    }
    for (int i = 0; i + 1 < o->n; i++) {
        const or_off_row *r = &o->rows[i];
        if (!r->concern)
            continue;
        const or_offroll_challenge *c = challenge_of(cs, ncs, r->urn);
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n", r->school);
        gov_summary_start(out);
        gov_summary_row(out, "Above the 99.8% limit", why(req, o, r));
        gov_summary_row(out, "Challenge",
                        c && *c->challenge ? or_arena_printf(req->arena, "%s (%s)", c->challenge,
                                                             date_words(req, c->challenged_on))
                                           : "Not recorded yet");
        gov_summary_row(out, "The school's answer",
                        c && *c->answer ? or_arena_printf(req->arena, "%s (%s)", c->answer,
                                                          date_words(req, c->answered_on))
                                        : "Not recorded yet");
        gov_summary_end(out);
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/reports/offrolling/challenge?year=%t&amp;urn=%d\">%s<span "
                    "class=\"govuk-visually-hidden\"> for %s</span></a></p>\n",
                    year_text(req, ay), r->urn,
                    c ? "Change the challenge or record the answer" : "Record the challenge",
                    r->school);
    }
}

static bool build(const web_request *req, const or_model *m, const off_query *q, or_offroll *o,
                  or_table *t)
{
    or_error err = {0};
    return !or_offroll_from_model(m, q->ay, req->arena, o, &err) &&
           !or_offroll_table(o, q->unsuppressed ? 0 : THRESHOLD, false, req->arena, t, &err);
}

void page_report_offroll(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    off_query q;
    read_query(req, &q);
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    or_offroll o;
    or_table t, sum, conc;
    bool ok =
        build(req, snap->model, &q, &o, &t) &&
        !or_offroll_summary(&o, q.unsuppressed ? 0 : THRESHOLD, true, req->arena, &sum, &err) &&
        !or_offroll_table(&o, q.unsuppressed ? 0 : THRESHOLD, q.concern, req->arena, &conc, &err);
    view_snapshot_put(snap);
    if (!ok) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The off-rolling signals could not be worked out.");
        return;
    }
    if (q.unsuppressed && q.ok && web_audit(req, "report.unsuppressed", NULL, describe(req, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the figures cannot be shown.");
        return;
    }
    or_sb *out = &res->body;
    const char *title = "Off-rolling signals";
    gov_page_start(out, req, q.ok ? title : "Error: Off-rolling signals");
    html_raw(out, "<a href=\"/reports\" class=\"govuk-back-link\">Back to reports</a>\n");
    if (!q.ok) {
        gov_error e = {"year", "Select an academic year from the list"};
        gov_error_summary(out, &e, 1);
    }
    if (!strcmp(web_query(req, "saved"), "1"))
        gov_notification(out, "Success", "The challenge was saved.", true);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_raw(out, "<p class=\"govuk-body\">Signs that pupils may have left a school's roll in "
                  "the school's interest rather than their own: unexplained exits, moves to "
                  "elective home education, pupils on the roll in January of Year 10 and not in "
                  "January of Year 11, and in-year exits of pupils with special educational "
                  "needs, eligible for free school meals or looked after. Each school is "
                  "compared with the local authority's schools of its kind (primary, secondary, "
                  "special, and pupil referral units with alternative provision) with "
                  "funnel-plot limits (95% and 99.8%). None of them proves off-rolling: a school "
                  "above a 99.8% limit is one to ask.</p>\n");
    if (!q.unsuppressed)
        html_raw(out, "<p class=\"govuk-body\">Counts of 1 and 2, and the figures built on "
                      "them, are shown as c; z means not applicable.</p>\n");
    query_form(out, req, &q);
    if (q.unsuppressed)
        gov_warning(out, "These figures are not suppressed. Do not publish or share them "
                         "outside the local authority.");
    const char *year = year_text(req, q.ay);
    html_printf(out, "<h2 class=\"govuk-heading-l\">%s</h2>\n", year);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/offrolling/"
                "download?year=%t%s\" download>Download the figures as CSV</a> (the same as "
                "<code>onroll report offrolling --format csv</code>)</p>\n",
                year, q.unsuppressed ? "&unsuppressed=1" : "");
    table_out(out, &sum);
    or_table st;
    or_offroll_screen(&conc, req->arena, &st);
    st.title = q.concern ? or_arena_printf(req->arena, "Schools above a 99.8%% limit, %s", year)
                         : or_arena_printf(req->arena, "Schools, %s", year);
    table_out(out, &st);
    if (report_la_user(req))
        challenges(out, req, &o, q.ay);
    gov_page_end(out, req);
    if (!q.ok)
        res->status = 400;
}

void page_report_offroll_download(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    off_query q;
    read_query(req, &q);
    if (!q.ok) {
        web_error(req, res, 400, "Bad request", "Select an academic year from the list");
        return;
    }
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    or_offroll o;
    or_table t;
    bool ok = build(req, snap->model, &q, &o, &t);
    view_snapshot_put(snap);
    if (!ok) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The off-rolling signals could not be worked out.");
        return;
    }
    if (web_audit(req, "export", NULL, describe(req, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    or_table_csv(&w, &t);
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena,
                                   "attachment; filename=\"onroll-offrolling-%d%s.csv\"",
                                   or_time_period(q.ay), q.unsuppressed ? "-unsuppressed" : ""));
}

/* ---- the challenge ---- */

enum { F_YEAR, F_URN, F_CHALLENGE, F_CHALLENGED_ON, F_ANSWER, F_ANSWERED_ON, F__N };
static const form_field fields[F__N] = {
    [F_YEAR] = {"year", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_URN] = {"urn", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_CHALLENGE] = {"challenge", "The challenge made",
                     "What the local authority asked the school, and of whom", FORM_TEXTAREA,
                     FORM_REQUIRED, .noun = "challenge made", .max = 4000},
    [F_CHALLENGED_ON] = {"challenged_on", "Date of the challenge", "For example, 24 11 2026",
                         FORM_DATE, FORM_REQUIRED | FORM_PAST, .noun = "date of the challenge"},
    [F_ANSWER] = {"answer", "The school's answer (optional)",
                  "Record it when it comes: what the school said about these pupils", FORM_TEXTAREA,
                  .noun = "school's answer", .max = 4000},
    [F_ANSWERED_ON] = {"answered_on", "Date of the answer (optional)", "For example, 8 12 2026",
                       FORM_DATE, FORM_PAST, .noun = "date of the answer"},
};

typedef struct {
    form f;
    int ay, urn;
    const char *school;
} chal_page;

/* The year and school asked for, the school's name; false (and the error page) when either is
 * not one. */
static bool chal_prepare(const web_request *req, web_response *res, chal_page *p)
{
    form_init(&p->f, req, fields, F__N);
    form_read(&p->f);
    const char *y = form_text(&p->f, F_YEAR), *u = form_text(&p->f, F_URN);
    char *end = NULL;
    long urn = strtol(u, &end, 10);
    if (!or_academic_year_parse(y, &p->ay) || !*u || *end || urn <= 0 || urn > 9999999) {
        web_error(req, res, 404, "Page not found", "There is no such school or year.");
        return false;
    }
    p->urn = (int)urn;
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The schools could not be read.");
        return false;
    }
    const view_school *s = view_find_school(snap, p->urn);
    p->school = s ? or_arena_strdup(req->arena, s->name) : NULL;
    view_snapshot_put(snap);
    if (!p->school) {
        web_error(req, res, 404, "Page not found", "There is no school with that URN.");
        return false;
    }
    return true;
}

static void chal_show(chal_page *p, web_response *res)
{
    const web_request *req = p->f.req;
    or_sb *out = &res->body;
    const char *back = or_arena_printf(
        req->arena, "/reports/offrolling?year=%s&concern=1#challenges", year_text(req, p->ay));
    form_page_start(out, &p->f, "The challenge and the school's answer", back,
                    "Back to the off-rolling signals",
                    or_arena_printf(req->arena, "%s, %s", p->school, year_text(req, p->ay)));
    form_start(out, &p->f, "/reports/offrolling/challenge");
    form_fields_html(out, &p->f, 0, F__N);
    form_page_end(out, &p->f, res, "Save", NULL);
}

void page_report_offroll_challenge(const web_request *req, web_response *res)
{
    chal_page p;
    if (!chal_prepare(req, res, &p))
        return;
    or_offroll_challenge *cs = NULL;
    int n = 0;
    or_error err = {0};
    if (or_offroll_challenges(req->store, p.ay, req->arena, &cs, &n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The challenges could not be read.");
        return;
    }
    const or_offroll_challenge *c = challenge_of(cs, n, p.urn);
    if (c) {
        form_set(&p.f, F_CHALLENGE, c->challenge);
        form_set(&p.f, F_CHALLENGED_ON, c->challenged_on);
        form_set(&p.f, F_ANSWER, c->answer);
        form_set(&p.f, F_ANSWERED_ON, c->answered_on);
    }
    chal_show(&p, res);
}

void page_report_offroll_challenge_post(const web_request *req, web_response *res)
{
    chal_page p;
    if (!chal_prepare(req, res, &p))
        return;
    form *f = &p.f;
    form_validate(f);
    if (!form_error_of(f, F_ANSWERED_ON) && *form_text(f, F_ANSWERED_ON) &&
        !*form_text(f, F_ANSWER))
        form_error(f, F_ANSWER, "Enter the school's answer, or leave its date empty");
    if (!form_error_of(f, F_ANSWERED_ON) && !form_error_of(f, F_CHALLENGED_ON) &&
        *form_text(f, F_ANSWERED_ON) &&
        strcmp(form_text(f, F_ANSWERED_ON), form_text(f, F_CHALLENGED_ON)) < 0)
        form_error(f, F_ANSWERED_ON,
                   "The date of the answer must be on or after the date of "
                   "the challenge");
    if (f->nerrors) {
        form_errors_in_order(f);
        chal_show(&p, res);
        return;
    }
    or_offroll_challenge c = {p.ay,
                              p.urn,
                              form_text(f, F_CHALLENGE),
                              form_text(f, F_CHALLENGED_ON),
                              form_text(f, F_ANSWER),
                              form_text(f, F_ANSWERED_ON),
                              NULL,
                              NULL};
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_offroll_challenge_set(req->store, &c, req->user->email, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "off-rolling challenge: URN %d, %s%s", p.urn,
                                       year_text(req, p.ay), *c.answer ? ", answered" : ""))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The challenge could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/reports/offrolling?year=%s&concern=1&saved=1",
                                 year_text(req, p.ay)));
}

/* ---- the LA dashboard ---- */

static void dash_offrolling_html(or_sb *out, const web_request *req, const view_snapshot *snap)
{
    int ay = default_year(snap->as_of);
    or_offroll o;
    or_error err = {0};
    if (or_offroll_from_model(snap->model, ay, req->arena, &o, &err))
        return;
    const char *year = year_text(req, ay);
    if (!o.nconcern) {
        html_printf(out,
                    "<p class=\"govuk-body\">Off-rolling signals: no school is above a limit in "
                    "%s (<a class=\"govuk-link\" href=\"/reports/offrolling?year=%t\">every "
                    "school's signals</a>).</p>\n",
                    year, year);
        return;
    }
    char b[OR_FMT_INT_LEN];
    html_printf(out,
                "<p class=\"govuk-body\">Off-rolling signals: <a class=\"govuk-link\" "
                "href=\"/reports/offrolling?year=%t&amp;concern=1#challenges\">%s school%s above "
                "a 99.8%% limit in %s</a>.</p>\n",
                year, or_fmt_int(o.nconcern, b), o.nconcern == 1 ? "" : "s", year);
    html_raw(out, "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                  "<span class=\"govuk-details__summary-text\">The schools and their figures</span>"
                  "</summary>\n"
                  "<div class=\"govuk-details__text\">\n<ul class=\"govuk-list\">\n");
    for (int i = 0; i + 1 < o.n; i++)
        if (o.rows[i].concern)
            html_printf(out, "<li>%s: %s</li>\n", o.rows[i].school, why(req, &o, &o.rows[i]));
    html_raw(out, "</ul>\n</div>\n</details>\n");
}

/* Worked out once per snapshot (view_memo): a pass over every pupil. */
void dash_offrolling(or_sb *out, const web_request *req, view_snapshot *snap)
{
    static const char key[] = "dash_offrolling";
    int n = 0;
    const char *kept = view_memo_get(snap, key, &n);
    if (kept) {
        html_kept(out, kept, (size_t)n);
        return;
    }
    or_sb sb = OR_SB_INIT;
    dash_offrolling_html(&sb, req, snap);
    char *data = sb.len ? malloc(sb.len) : NULL;
    if (!data) {
        html_kept(out, sb.buf, sb.len);
        or_sb_release(&sb);
        return;
    }
    memcpy(data, sb.buf, sb.len);
    n = (int)sb.len;
    or_sb_release(&sb);
    bool stored = false;
    const char *html = view_memo_put(snap, key, data, &n, &stored);
    html_kept(out, html, (size_t)n);
    if (!stored && html == data)
        free(data);
}
