/* page_reports.c - GET /reports and GET /reports/download : the published statistics
 * (report.h; DOMAIN.md §6) on screen and as CSV.
 *
 * /reports shows a form (the report - rates per 100 pupils, disproportionality, schools
 * against the LA -, the academic year, up to three dimensions, the reference group of a
 * disproportionality report) and, once asked, the report's table (or_table_html), its chart
 * (page_report_charts.c) and a link to download the same table as CSV: /reports/download with
 * the same query, answered as text/csv with a Content-Disposition, exactly the table's cells
 * (`onroll report ... --format csv`), written to the audit log as an export.
 *
 * Small numbers are suppressed (counts of 1 and 2, and what is built on them, shown as c)
 * unless an LA user asks for unsuppressed figures, which is written to the audit log each
 * time; the analyst sees suppressed figures only (asking otherwise is refused, 403, logged).
 *
 * The page also links to the outcomes report of the graduated response (page_report_outcomes.c).
 *
 * The figures come from the server's columnar model (live_model.h: loaded once, kept current
 * with every write), never loaded for a request. */
#include <stdio.h>
#include <string.h>

#include "web/live_model.h"
#include "web/reports.h"

static const gov_choice kinds[REPORT__COUNT] = {
    {"rates", "Rates per 100 pupils",
     "Suspensions, permanent exclusions and pupils with one or more suspensions, by group"},
    {"disproportionality", "Disproportionality",
     "Risk ratios with 95% confidence intervals against a reference group"},
    {"schools", "Schools against the local authority",
     "Each school's one-plus rate with funnel-plot limits, and its share of suspensions"},
};

/* The dimensions a report may be broken down by (those of `onroll report --by`). */
static const gov_choice dims[] = {
    {"", "None", NULL},
    {"sex", "Sex", NULL},
    {"ethnicity", "Ethnicity", NULL},
    {"ethnicity_major", "Ethnic group", NULL},
    {"fsm", "Free school meals", NULL},
    {"fsm6", "Free school meals in the last 6 years", NULL},
    {"sen", "Special educational needs provision", NULL},
    {"sen_need", "Special educational needs: primary need", NULL},
    {"year_group", "Year group", NULL},
    {"age", "Age", NULL},
    {"cla", "Looked after", NULL},
    {"cin", "Child in need", NULL},
    {"cp", "Child protection plan", NULL},
    {"pla", "Previously looked after", NULL},
    {"social_worker", "Has a social worker", NULL},
    {"eal", "English as an additional language", NULL},
    {"yjs", "Known to the youth justice service", NULL},
    {"school", "School", NULL},
    {"phase", "Phase", NULL},
    {"reason", "Reason for exclusion", NULL},
};
enum { NDIMS = sizeof dims / sizeof dims[0] };

report_fn report_function(report_kind k)
{
    return k == REPORT_RATES                ? or_report_rates
           : k == REPORT_DISPROPORTIONALITY ? or_report_disproportionality
                                            : or_report_schools;
}

bool report_la_user(const web_request *req)
{
    return req->user &&
           (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER);
}

int report_default_year(const or_columns *c, const web_request *req)
{
    or_columns_info info;
    or_columns_info_get(c, &info);
    or_date today = web_today(req);
    for (int ay = info.ay_last; ay >= info.ay_first; ay--)
        if (or_census_day(ay) <= today)
            return ay;
    return info.ay_last >= info.ay_first ? info.ay_last : or_date_academic_year(today) - 1;
}

typedef struct {
    gov_error items[8];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < 8)
        e->items[e->n++] = (gov_error){field, msg};
}

/* Read and check the query; *asked is false when no report was asked for yet. */
static void read_query(const web_request *req, const or_columns *c, report_query *q, bool *asked,
                       errors *e)
{
    memset(q, 0, sizeof *q);
    const char *name = web_query(req, "report");
    *asked = *name != '\0';
    q->kind = REPORT_RATES;
    q->name = kinds[0].value;
    for (int k = 0; k < REPORT__COUNT; k++)
        if (!strcmp(name, kinds[k].value)) {
            q->kind = (report_kind)k;
            q->name = kinds[k].value;
        }
    if (*asked && strcmp(name, q->name))
        add_error(e, "report", "Select a report");
    q->year = web_query(req, "year");
    or_columns_info info;
    or_columns_info_get(c, &info);
    if (!*q->year || !or_academic_year_parse(q->year, &q->opts.ay) || q->opts.ay < info.ay_first ||
        q->opts.ay > info.ay_last) {
        if (*q->year)
            add_error(e, "year", "Select an academic year from the list");
        q->opts.ay = report_default_year(c, req);
        q->year = or_arena_printf(req->arena, "%d/%02d", q->opts.ay, (q->opts.ay + 1) % 100);
    }
    static const char *const keys[3] = {"by1", "by2", "by3"};
    for (int i = 0; i < 3; i++) {
        q->by[i] = web_query(req, keys[i]);
        if (!*q->by[i])
            continue;
        int d = or_dim_parse(q->by[i]);
        bool listed = false;
        for (int j = 1; j < NDIMS; j++)
            listed |= !strcmp(dims[j].value, q->by[i]);
        bool twice = false;
        for (int j = 0; j < q->opts.ndims; j++)
            twice |= q->opts.dims[j] == (or_dim)d;
        if (d < 0 || !listed)
            add_error(e, keys[i], "Select a breakdown from the list");
        else if (twice)
            add_error(e, keys[i], "Select each breakdown once");
        else
            q->opts.dims[q->opts.ndims++] = (or_dim)d;
    }
    q->reference = web_query(req, "reference");
    if (strlen(q->reference) > 16)
        add_error(e, "reference", "Enter the reference group's code, like WBRI or 0");
    else if (*q->reference && q->kind == REPORT_DISPROPORTIONALITY)
        q->opts.reference = q->reference;
    q->opts.unsuppressed = !strcmp(web_query(req, "unsuppressed"), "1");
    if (*asked && q->kind == REPORT_DISPROPORTIONALITY && q->opts.ndims == 0)
        add_error(e, "by1", "Select a breakdown: disproportionality compares groups");
}

/* The query string of the report (for the download link), percent-encoded. */
static void query_string(or_sb *out, const report_query *q)
{
    html_printf(out, "report=%t&amp;year=%t", q->name, q->year);
    for (int i = 0; i < 3; i++)
        if (*q->by[i])
            html_printf(out, "&amp;by%d=%t", i + 1, q->by[i]);
    if (q->opts.reference)
        html_printf(out, "&amp;reference=%t", q->opts.reference);
    if (q->opts.unsuppressed)
        html_raw(out, "&amp;unsuppressed=1");
}

/* What the report is, in words, for the audit log. */
static const char *describe(or_arena *a, const report_query *q)
{
    const char *by = "";
    for (int i = 0; i < q->opts.ndims; i++)
        by = or_arena_printf(a, "%s%s%s", by, i ? "," : " by ", or_dim_name(q->opts.dims[i]));
    return or_arena_printf(a, "%s %s%s%s%s (%s)", q->name, q->year, by,
                           q->opts.reference ? " against " : "",
                           q->opts.reference ? q->opts.reference : "",
                           q->opts.unsuppressed ? "unsuppressed" : "suppressed");
}

static void report_form(or_sb *out, const web_request *req, const or_columns *c,
                        const report_query *q, const errors *e)
{
    or_columns_info info;
    or_columns_info_get(c, &info);
    gov_form_start(out, req, "get", "/reports");
    gov_radios(out, "report", "Report", NULL, kinds, REPORT__COUNT, q->name,
               gov_error_for(e->items, e->n, "report"), false);
    int ny = info.ay_last >= info.ay_first ? info.ay_last - info.ay_first + 1 : 0;
    gov_choice *years = or_arena_alloc(req->arena, (size_t)(ny + 1) * sizeof *years);
    for (int i = 0; i < ny; i++) {
        int ay = info.ay_last - i;
        const char *y = or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
        years[i] = (gov_choice){y, y, NULL};
    }
    if (!ny)
        years[ny++] = (gov_choice){q->year, q->year, NULL};
    gov_select(out, "year", "Academic year", NULL, years, ny, q->year,
               gov_error_for(e->items, e->n, "year"));
    html_raw(out, "<div class=\"onroll-report-dims\">\n");
    gov_select(out, "by1", "Broken down by", NULL, dims, NDIMS, q->by[0],
               gov_error_for(e->items, e->n, "by1"));
    gov_select(out, "by2", "and by (optional)", NULL, dims, NDIMS, q->by[1],
               gov_error_for(e->items, e->n, "by2"));
    gov_select(out, "by3", "and by (optional)", NULL, dims, NDIMS, q->by[2],
               gov_error_for(e->items, e->n, "by3"));
    html_raw(out, "</div>\n");
    gov_text_input(out, "reference", "Reference group (disproportionality, optional)",
                   "The code of the group the others are compared with, like WBRI or 0. Leave "
                   "empty to compare each group with all other pupils.",
                   q->reference, "govuk-input--width-5",
                   gov_error_for(e->items, e->n, "reference"));
    if (report_la_user(req)) {
        static const gov_choice un[] = {
            {"1", "Show unsuppressed figures",
             "For use inside the local authority only. Viewing or downloading them is recorded "
             "in the audit log with your name."}};
        bool ticked[1] = {q->opts.unsuppressed};
        gov_checkboxes(out, "unsuppressed", "Small numbers", NULL, un, 1, ticked, NULL);
    }
    gov_button(out, "Show the report", false);
    gov_form_end(out);
}

bool report_refuse_unsuppressed(const web_request *req, web_response *res)
{
    if (report_la_user(req) || strcmp(web_query(req, "unsuppressed"), "1"))
        return false;
    web_audit(req, "denied", NULL,
              "unsuppressed figures asked for by a role that sees "
              "suppressed figures only");
    web_error(req, res, 403, "You do not have access to this page",
              "Your role sees suppressed figures only.");
    return true;
}

void page_reports(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    const or_columns *c = NULL;
    or_error err = {0};
    if (web_live_get(req->store, &c, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    report_query q;
    bool asked;
    errors e = {0};
    read_query(req, c, &q, &asked, &e);
    or_table t = {0};
    bool have = false;
    if (asked && !e.n) {
        if (q.opts.unsuppressed &&
            web_audit(req, "report.unsuppressed", NULL, describe(req->arena, &q))) {
            web_live_put();
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The audit log could not be written, so the figures cannot be shown.");
            return;
        }
        or_code rc = report_function(q.kind)(c, &q.opts, req->arena, &t, &err);
        if (rc == OR_EINPUT && q.opts.reference && !strncmp(err.msg, "--reference ", 12))
            add_error(&e, "reference",
                      or_arena_printf(req->arena, "The reference group %s", err.msg + 12));
        else if (rc == OR_EINPUT || rc == OR_EUSAGE)
            add_error(&e, "by1", or_arena_strdup(req->arena, err.msg));
        else if (rc)
            add_error(&e, NULL, "The report could not be made.");
        else
            have = true;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, e.n ? "Error: Reports" : "Reports");
    gov_error_summary(out, e.items, e.n);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Reports</h1>\n"
                  "<p class=\"govuk-body\">The published statistics of suspensions and permanent "
                  "exclusions (DfE definitions): headcount on the spring census day, rates per "
                  "100 pupils to 2 decimal places. Counts of 1 and 2, and the rates and ratios "
                  "built on them, are shown as c; z means not applicable.</p>\n");
    report_form(out, req, c, &q, &e);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/scrutiny?"
                "year=%t%s\" download>Download the annual scrutiny report for %s (HTML)</a>: "
                "headline figures, rates, disproportionality, schools and commentary in one "
                "document%s.</p>\n",
                q.year, q.opts.unsuppressed ? "&unsuppressed=1" : "", q.year,
                q.opts.unsuppressed ? ", not suppressed" : ", suppressed for publication");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/compare\">"
                  "Compared with England, the region and statistical neighbours</a>: the "
                  "headline rates beside the DfE's published figures, every year held.</p>\n");
    page_report_scrutiny_notes(out, req, q.opts.ay); /* page_report_actions.c */
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/scrutiny?year=%t%s"
                "&amp;format=pdf\" download>Download it as a PDF</a>, with page numbers and a "
                "contents list, to print or circulate.</p>\n",
                q.year, q.opts.unsuppressed ? "&unsuppressed=1" : "");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/outcomes\">"
                  "Outcomes of interventions</a>: for each intervention, the pupils, the mean "
                  "change of every measure before and after with its 95% confidence interval, "
                  "and suspensions in the term before and after.</p>\n");
    if (report_la_user(req)) /* the risk of NEET and destinations (page_report_roni.c) */
        page_report_roni_link(out);
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/reu\">"
                  "Re-engagement Unit</a>: referrals received and accepted, response times in "
                  "school days, pupils still in school 6 and 12 months after leaving the unit, "
                  "and their suspensions before and after.</p>\n");
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/offrolling\">"
                  "Off-rolling signals</a>: each school's unexplained exits, moves to elective "
                  "home education, Year 10 to Year 11 leavers and in-year exits by group against "
                  "the local authority, with funnel-plot limits.</p>\n");
    if (req->user->role != OR_ROLE_SCHOOL) /* page_vulnerability.c */
        html_raw(out,
                 "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/vulnerability\">"
                 "Vulnerability dashboard</a>: pupils by primary need, the crossover of need, "
                 "attendance and exclusions for pupils with SEN and without, funding and staff "
                 "training against need.</p>\n");
    if (have) {
        html_printf(out, "<h2 class=\"govuk-heading-l\">%s</h2>\n", t.title ? t.title : "");
        if (q.opts.unsuppressed)
            gov_warning(out, "These figures are not suppressed. Do not publish or share them "
                             "outside the local authority.");
        html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                      "href=\"/reports/download?");
        query_string(out, &q);
        html_raw(out, "\" download>Download the table as CSV</a></p>\n");
        report_chart(out, req, c, &q, &t);
        if (t.nrows) {
            html_printf(out,
                        "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                        "aria-label=\"%s\">\n",
                        t.title ? t.title : "Report");
            or_table_html(out, &t);
            html_raw(out, "</div>\n");
        } else {
            html_raw(out, "<p class=\"govuk-body\">There are no figures for this year.</p>\n");
        }
    }
    gov_page_end(out, req);
    if (e.n)
        res->status = 400;
    web_live_put();
}

void page_reports_download(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    const or_columns *c = NULL;
    or_error err = {0};
    if (web_live_get(req->store, &c, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    report_query q;
    bool asked;
    errors e = {0};
    read_query(req, c, &q, &asked, &e);
    or_table t = {0};
    if (!asked || e.n) {
        web_live_put();
        web_error(req, res, 400, "Bad request",
                  e.n ? e.items[0].message : "Choose a report on the Reports page first.");
        return;
    }
    or_code rc = report_function(q.kind)(c, &q.opts, req->arena, &t, &err);
    web_live_put();
    if (rc) {
        web_error(req, res, rc == OR_EINPUT || rc == OR_EUSAGE ? 400 : 500,
                  "The report could not be made", err.msg);
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
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-%s-%d%s.csv\"",
                                   q.name, or_time_period(q.opts.ay),
                                   q.opts.unsuppressed ? "-unsuppressed" : ""));
}
