/* page_status.c - GET / : what the database holds (schools, pupils, events by type), and
 * GET /healthz : a plain "ok" when the database answers. */
#include "web/html.h"
#include "web/web.h"

typedef struct {
    or_sb *out;
} rows_ctx;

static or_code type_row(void *ctx, const char *type, int64_t n, or_error *err)
{
    rows_ctx *c = ctx;
    (void)err;
    html_printf(c->out, "<tr><td>%s</td><td class=\"num\">%lld</td></tr>\n", type,
                (long long)n);
    return OR_OK;
}

void page_status(const web_request *req, web_response *res)
{
    or_store_counts n = {0};
    or_error err = {0};
    or_sb *out = &res->body;
    html_page_start(out, "Status");
    if (or_store_count(req->store, &n, &err)) {
        res->status = 500;
        html_raw(out, "<h1>The database did not answer</h1>\n");
        html_page_end(out);
        return;
    }
    html_raw(out, "<h1>onroll</h1>\n<p>Keeping every child on roll: this is the status of the "
                  "local authority's data.</p>\n<table>\n<caption>What onroll holds</caption>\n");
    html_printf(out, "<tr><th scope=\"row\">Schools</th><td>%lld</td></tr>\n",
                (long long)n.schools);
    html_printf(out, "<tr><th scope=\"row\">Pupils</th><td>%lld</td></tr>\n",
                (long long)n.pupils);
    html_printf(out, "<tr><th scope=\"row\">Enrolments</th><td>%lld</td></tr>\n",
                (long long)n.enrolments);
    html_printf(out, "<tr><th scope=\"row\">Events</th><td>%lld</td></tr>\n",
                (long long)n.events);
    html_printf(out,
                "<tr><th scope=\"row\">Pupil-years of attendance marks</th><td>%lld</td></tr>\n",
                (long long)n.attendance_years);
    html_raw(out, "</table>\n<table>\n<caption>Events by type</caption>\n<thead><tr><th "
                  "scope=\"col\">Type</th><th scope=\"col\">Events</th></tr></thead>\n<tbody>\n");
    rows_ctx c = {out};
    or_store_count_events_by_type(req->store, type_row, &c, &err);
    html_raw(out, "</tbody>\n</table>\n");
    html_page_end(out);
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

void page_not_found(const web_request *req, web_response *res)
{
    (void)req;
    res->status = 404;
    html_page_start(&res->body, "Page not found");
    html_raw(&res->body, "<h1>Page not found</h1>\n");
    html_page_end(&res->body);
}
