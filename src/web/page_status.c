/* page_status.c - GET /status : what the database holds (schools, pupils, events by type), and
 * the figures' model (how often it was loaded, how many writes were replayed into it since),
 * for the LA and analysts; and GET /healthz : a plain "ok" when the database answers (public,
 * for load balancers and monitoring). */
#include <stdio.h>

#include "web/govuk.h"
#include "web/live_model.h"

typedef struct {
    or_sb *out;
} rows_ctx;

static or_code type_row(void *ctx, const char *type, int64_t n, or_error *err)
{
    rows_ctx *c = ctx;
    (void)err;
    gov_table_row_start(c->out);
    gov_td(c->out, type);
    gov_td_num(c->out, (long long)n);
    gov_table_row_end(c->out);
    return OR_OK;
}

static void count_row(or_sb *out, const char *what, int64_t n)
{
    gov_table_row_start(out);
    gov_td(out, what);
    gov_td_num(out, (long long)n);
    gov_table_row_end(out);
}

void page_status(const web_request *req, web_response *res)
{
    or_store_counts n = {0};
    or_error err = {0};
    or_sb *out = &res->body;
    if (or_store_count(req->store, &n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The database did not answer.");
        return;
    }
    gov_page_start(out, req, "Status");
    html_raw(out, "<h1 class=\"govuk-heading-l\">What onroll holds</h1>\n");
    static const char *const heads[] = {"What", "How many"};
    gov_table_start(out, "Records", heads, 2);
    count_row(out, "Schools", n.schools);
    count_row(out, "Pupils", n.pupils);
    count_row(out, "Enrolments", n.enrolments);
    count_row(out, "Events", n.events);
    count_row(out, "Pupil-years of attendance marks", n.attendance_years);
    count_row(out, "Sources (files, forms, API calls)", n.sources);
    gov_table_end(out);
    static const char *const eheads[] = {"Type", "Events"};
    gov_table_start(out, "Events by type", eheads, 2);
    rows_ctx c = {out};
    or_store_count_events_by_type(req->store, type_row, &c, &err);
    gov_table_end(out);
    /* the reports' and dashboard's model: loaded once, then every write replayed into it */
    or_live_info live;
    web_live_info(&live);
    static const char *const mheads[] = {"What", "How many"};
    gov_table_start(out, "The figures' model (reports and dashboard)", mheads, 2);
    count_row(out, "Loads from the database since the service started", or_columns_loads());
    count_row(out, "Loads from its saved copy since the service started", live.file_reads);
    count_row(out, "Imports, forms and API calls added to it since", live.sources);
    count_row(out, "Rows they added to it", live.rows);
    count_row(out, "Pupils in it", live.model.pupils);
    count_row(out, "Exclusions in it", live.model.exclusions);
    char took[32];
    snprintf(took, sizeof took, "%.1f seconds", live.load_ms / 1000);
    gov_table_row_start(out);
    gov_td(out, "Time its last load took");
    gov_td(out, took);
    gov_table_row_end(out);
    gov_table_end(out);
    gov_page_end(out, req);
}

void page_healthz(const web_request *req, web_response *res)
{
    or_store_counts n = {0};
    or_error err = {0};
    res->content_type = "text/plain; charset=utf-8";
    if (or_store_count(req->store, &n, &err)) {
        res->status = 503;
        or_sb_adds(&res->body, "database unavailable\n");
        return;
    }
    or_sb_adds(&res->body, "ok\n");
}
