/* page_report_reu.c - GET /reports/reu and GET /reports/reu/download : the Re-engagement
 * Unit's KPIs (reu_kpi.h, `onroll report reu`) on screen and as CSV, linked from /reports.
 *
 * A form chooses the academic year of the referrals (the years in which the unit received
 * any, the latest by default). The page shows the LA's figures in a summary list, then three
 * tables per referring school (referrals and the response; in school 6 and 12 months after
 * the exit; suspensions before and after), as of today. The download is exactly the CLI's CSV
 * for the same year (`onroll report reu --year Y --format csv`), written to the audit log as
 * an export.
 *
 * Small numbers: counts of 1 and 2 and what is built on them are c, as the CLI's default. An
 * LA administrator or officer may ask for unsuppressed figures (?unsuppressed=1), written to
 * the audit log each time; the analyst sees suppressed figures only (403, logged).
 *
 * The figures come from the LA snapshot's model (view_cache.c). */
#include <stdio.h>
#include <string.h>

#include "onroll/reu_kpi.h"
#include "web/reports.h"
#include "web/view.h"

enum { THRESHOLD = 2, MAX_YEARS = 16 };

typedef struct {
    int ay;
    const char *year; /* "2025/26" */
    bool unsuppressed;
    int years[MAX_YEARS]; /* the years with a referral to the unit, latest first */
    int nyears;
} reu_query;

/* The academic years in which the unit received a referral by today (latest first); today's
 * when there is none. */
static void years_of(const or_model *m, or_date today, reu_query *q)
{
    q->nyears = 0;
    for (int p = 0; p < or_model_npupils(m); p++) {
        const or_pupil_facts *f = or_model_pupil(m, p);
        for (int i = 0; i < f->nevents; i++) {
            const or_fact_event *e = &f->events[i];
            if (e->kind != OR_EV_REFERRAL || !e->to || strcmp(e->to, "reu") ||
                e->start == OR_DATE_NONE || e->start > today)
                continue;
            int ay = or_date_academic_year(e->start), k = 0;
            while (k < q->nyears && q->years[k] != ay)
                k++;
            if (k == q->nyears && q->nyears < MAX_YEARS)
                q->years[q->nyears++] = ay;
        }
    }
    if (!q->nyears)
        q->years[q->nyears++] = or_date_academic_year(today);
    for (int i = 1; i < q->nyears; i++) /* latest first */
        for (int j = i; j > 0 && q->years[j] > q->years[j - 1]; j--) {
            int t = q->years[j];
            q->years[j] = q->years[j - 1];
            q->years[j - 1] = t;
        }
}

/* Read the query; false with a message when the year is not one of the years offered. */
static bool read_query(const web_request *req, const or_model *m, reu_query *q)
{
    memset(q, 0, sizeof *q);
    or_date today = web_today(req);
    years_of(m, today, q);
    q->unsuppressed = !strcmp(web_query(req, "unsuppressed"), "1") && report_la_user(req);
    const char *y = web_query(req, "year");
    q->ay = q->years[0]; /* the latest, unless asked */
    if (*y) {
        int ay;
        bool ok = or_academic_year_parse(y, &ay);
        for (int i = 0; ok && i < q->nyears; i++)
            if (q->years[i] == ay) {
                q->ay = ay;
                q->year = or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
                return true;
            }
        q->year = or_arena_printf(req->arena, "%d/%02d", q->ay, (q->ay + 1) % 100);
        return false;
    }
    q->year = or_arena_printf(req->arena, "%d/%02d", q->ay, (q->ay + 1) % 100);
    return true;
}

static const char *describe(or_arena *a, const reu_query *q)
{
    return or_arena_printf(a, "reu %s (%s)", q->year,
                           q->unsuppressed ? "unsuppressed" : "suppressed");
}

static void query_form(or_sb *out, const web_request *req, const reu_query *q, const char *error)
{
    gov_form_start(out, req, "get", "/reports/reu");
    gov_choice *items = or_arena_alloc(req->arena, (size_t)q->nyears * sizeof *items);
    for (int i = 0; i < q->nyears; i++) {
        const char *y =
            or_arena_printf(req->arena, "%d/%02d", q->years[i], (q->years[i] + 1) % 100);
        items[i] = (gov_choice){y, y, NULL};
    }
    gov_select(out, "year", "Academic year of the referrals", NULL, items, q->nyears, q->year,
               error);
    if (report_la_user(req)) {
        static const gov_choice un[] = {
            {"1", "Show unsuppressed figures",
             "For use inside the local authority only. Viewing or downloading them is recorded "
             "in the audit log with your name."}};
        bool ticked[1] = {q->unsuppressed};
        gov_checkboxes(out, "unsuppressed", "Small numbers", NULL, un, 1, ticked, NULL);
    }
    gov_button(out, "Show the figures", false);
    gov_form_end(out);
}

/* The cell of column name in the last row (the LA's), with thousands separators. */
static const char *total(const web_request *req, const or_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name)) {
            const char *v = t->cells[(size_t)(t->nrows - 1) * (size_t)t->ncols + (size_t)c];
            char num[64];
            return or_arena_strdup(req->arena, or_fmt_number_text(v, num, sizeof num));
        }
    return "";
}

static const char *words(const web_request *req, const char *v, const char *unit)
{
    if (!strcmp(v, "c"))
        return "Too few to publish (c)";
    if (!strcmp(v, "z"))
        return "None yet";
    return or_arena_printf(req->arena, "%s%s", v, unit);
}

static void la_summary(or_sb *out, const web_request *req, const or_table *t, int deadline)
{
    gov_summary_start(out);
    gov_summary_row(out, "Referrals received", words(req, total(req, t, "received"), ""));
    gov_summary_row(out, "Accepted", words(req, total(req, t, "accepted"), ""));
    gov_summary_row(out, "Declined", words(req, total(req, t, "declined"), ""));
    gov_summary_row(out, "Median response",
                    words(req, total(req, t, "response_median_days"), " school days"));
    gov_summary_row(out, or_arena_printf(req->arena, "Accepted within %d school days", deadline),
                    words(req, total(req, t, "response_within_pct"), "%"));
    gov_summary_row(out, "In school 6 months after the exit",
                    words(req, total(req, t, "sustained_6m_pct"), "%"));
    gov_summary_row(out, "In school 12 months after the exit",
                    words(req, total(req, t, "sustained_12m_pct"), "%"));
    gov_summary_row(out, "Suspensions per pupil, term before the referral",
                    words(req, total(req, t, "susp_before_per_pupil"), ""));
    gov_summary_row(out, "Suspensions per pupil, term after the exit",
                    words(req, total(req, t, "susp_after_per_pupil"), ""));
    gov_summary_end(out);
}

/* Build the table of the query's year as of today. */
static or_code build(const web_request *req, const or_model *m, const reu_query *q, or_reu_kpi *k,
                     or_table *t, or_error *err)
{
    or_code rc = or_reu_kpi_from_model(m, q->ay, web_today(req), req->arena, k, err);
    return rc ? rc : or_reu_kpi_table(k, q->unsuppressed ? 0 : THRESHOLD, req->arena, t, err);
}

void page_report_reu(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    reu_query q;
    bool ok = read_query(req, snap->model, &q);
    or_reu_kpi k;
    or_table t;
    or_code rc = build(req, snap->model, &q, &k, &t, &err);
    view_snapshot_put(snap);
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Re-engagement Unit's figures could not be made.");
        return;
    }
    if (q.unsuppressed && ok &&
        web_audit(req, "report.unsuppressed", NULL, describe(req->arena, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the figures cannot be shown.");
        return;
    }
    const char *error = ok ? NULL : "Select an academic year from the list";
    gov_error e = {"year", error};
    or_sb *out = &res->body;
    const char *title = "Re-engagement Unit";
    gov_page_start(out, req, ok ? title : "Error: Re-engagement Unit");
    html_raw(out, "<a href=\"/reports\" class=\"govuk-back-link\">Back to reports</a>\n");
    if (!ok)
        gov_error_summary(out, &e, 1);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_printf(out,
                "<p class=\"govuk-body\">The referrals schools made to the Re-engagement Unit "
                "in the year, by the school that made them, as they stand today: how many were "
                "accepted and how quickly (in school days; the unit accepts or declines within "
                "%d), how many pupils were still on a school's roll, and not permanently "
                "excluded, 6 and 12 months after leaving the unit, and their suspensions in the "
                "term before the referral against the term after the exit.</p>\n",
                k.deadline);
    if (!q.unsuppressed)
        html_raw(out, "<p class=\"govuk-body\">Counts of 1 and 2, and the figures built on "
                      "them, are shown as c; z means there is nothing to count yet.</p>\n");
    query_form(out, req, &q, error);
    if (q.unsuppressed)
        gov_warning(out, "These figures are not suppressed. Do not publish or share them "
                         "outside the local authority.");
    html_printf(out, "<h2 class=\"govuk-heading-l\">Referrals received in %s</h2>\n", q.year);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/reu/download?"
                "year=%t%s\" download>Download the figures as CSV</a> (the same as "
                "<code>onroll report reu --format csv</code>)</p>\n",
                q.year, q.unsuppressed ? "&unsuppressed=1" : "");
    html_raw(out, "<h3 class=\"govuk-heading-m\">All schools</h3>\n");
    la_summary(out, req, &t, k.deadline);
    if (k.n > 1) {
        for (int p = 0; p < OR_REU_PART__N; p++) {
            or_table part;
            or_reu_kpi_part(&t, p, req->arena, &part);
            html_printf(out,
                        "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                        "aria-label=\"%s\">\n",
                        part.title);
            or_table_html(out, &part);
            html_raw(out, "</div>\n");
        }
    } else {
        html_raw(out, "<p class=\"govuk-body\">No school referred a pupil to the unit in this "
                      "year.</p>\n");
    }
    gov_page_end(out, req);
    if (!ok)
        res->status = 400;
}

void page_report_reu_download(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    reu_query q;
    bool ok = read_query(req, snap->model, &q);
    or_reu_kpi k;
    or_table t;
    or_code rc = ok ? build(req, snap->model, &q, &k, &t, &err) : OR_OK;
    view_snapshot_put(snap);
    if (!ok) {
        web_error(req, res, 400, "Bad request", "Select an academic year from the list");
        return;
    }
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The Re-engagement Unit's figures could not be made.");
        return;
    }
    if (web_audit(req, "export", NULL, describe(req->arena, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    or_table_csv(&w, &t);
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-reu-%d%s.csv\"",
                                   or_time_period(q.ay), q.unsuppressed ? "-unsuppressed" : ""));
}
