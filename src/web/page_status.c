/* page_status.c - GET /status : what the database holds (schools, pupils, events by type), for
 * the LA and analysts; and GET /healthz : a plain "ok" when the database answers (public, for
 * load balancers and monitoring). */
#include "web/govuk.h"

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
