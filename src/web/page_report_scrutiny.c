/* page_report_scrutiny.c - GET /reports/scrutiny?year=YYYY/YY[&format=pdf] : the annual
 * scrutiny report (scrutiny.h: one self-contained HTML document of headline figures, rates,
 * disproportionality, schools and commentary) as a file to download, the same document as
 * `onroll report scrutiny --format html`; with format=pdf, the same PDF as `--format pdf`
 * (or_scrutiny_write prints it with headless Chromium into a private temporary file, read back
 * here). It is given as an attachment: it carries its own inline style, which the service's
 * Content-Security-Policy would block if it were shown as a page.
 *
 * Suppressed for publication (counts of 1 and 2 as c); an LA user may ask for it unsuppressed
 * (&unsuppressed=1), the analyst may not (403). Every download is an export in the audit log.
 * The figures come from the server's columnar model (live_model.h), never loaded for a request. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/scrutiny.h"
#include "onroll/stats.h"
#include "web/live_model.h"
#include "web/reports.h"

static void warn_log(void *ctx, const char *message)
{
    int ay = *(const int *)ctx;
    fprintf(stderr, "onroll: scrutiny report %d/%02d: warning: %s\n", ay, (ay + 1) % 100, message);
}

void page_reports_scrutiny(const web_request *req, web_response *res)
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
    or_columns_info info;
    or_columns_info_get(c, &info);
    const char *year = web_query(req, "year");
    int ay = 0;
    if (!*year)
        ay = report_default_year(c, req);
    else if (!or_academic_year_parse(year, &ay) || ay < info.ay_first || ay > info.ay_last) {
        web_live_put();
        web_error(req, res, 400, "Bad request", "Choose an academic year from the Reports page.");
        return;
    }
    const char *format = web_query(req, "format");
    bool pdf = !strcmp(format, "pdf");
    if (*format && !pdf && strcmp(format, "html")) {
        web_live_put();
        web_error(req, res, 400, "Bad request", "Choose the report as HTML or PDF.");
        return;
    }
    bool unsuppressed = !strcmp(web_query(req, "unsuppressed"), "1");
    char detail[96];
    snprintf(detail, sizeof detail, "scrutiny %d/%02d (%s)%s", ay, (ay + 1) % 100,
             unsuppressed ? "unsuppressed" : "suppressed", pdf ? " PDF" : "");
    or_scrutiny_opts o = {ay, unsuppressed ? 0 : OR_SUPPRESS_THRESHOLD, NULL, pdf};
    or_code rc;
    if (pdf) {
        rc = or_scrutiny_pdf(req->store, c, &o, &res->body, warn_log, &o.ay, &err);
    } else {
        FILE *f = web_body_stream(res);
        /* what the report did without goes to the server's log (/reports shows it first) */
        rc = f ? or_scrutiny_write_warned(req->store, c, &o, f, warn_log, &o.ay, &err)
               : or_fail(&err, OR_ENOMEM, "out of memory");
        if (f)
            fclose(f);
    }
    web_live_put();
    if (!rc && web_audit(req, "export", NULL, detail))
        rc = or_fail(&err, OR_ESTORE, "the audit log could not be written");
    if (rc && pdf && rc == OR_ENOTFOUND) {
        or_sb_reset(&res->body);
        web_error(req, res, 503, "The PDF cannot be made",
                  "Chromium, which makes the PDF, is not installed on the server. Download the "
                  "report as HTML from the Reports page and print that instead.");
        return;
    }
    if (rc) {
        or_sb_reset(&res->body);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The scrutiny report could not be made.");
        return;
    }
    res->content_type = pdf ? "application/pdf" : "text/html; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-scrutiny-%d%s.%s\"",
                                   or_time_period(ay), unsuppressed ? "-unsuppressed" : "",
                                   pdf ? "pdf" : "html"));
}
