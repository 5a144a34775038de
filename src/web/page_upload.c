/* page_upload.c - GET and POST /upload : import a CSV file of any interchange kind
 * (shared/spec/formats.md: schools, calendar, pupils, enrolments, caseload, events,
 * attendance), the DfE's statistics, or a Common Transfer File (XML, ctf.h), through the same
 * importer as `onroll import` (import.h): the kind recognised from the header, one
 * transaction, all or nothing, the same errors (file, line, column or element, message), shown
 * in a table. "Only check" runs it as a dry run.
 *
 * A school account uploads its own school's rows only: a row naming another school (urn, or a
 * calendar's scope), a pupil snapshot of a pupil on another school's roll, or a file of a kind
 * only the LA keeps (schools, caseload, benchmarks) is refused, as another error of the file
 * (the status is then 403), and nothing is written. The LA uploads anything.
 *
 * The route is WEB_F_UPLOAD: server.c takes the form as multipart/form-data (multipart.c),
 * checks its CSRF token, and hands over the file's bytes. A file that changed something is
 * written to the audit log (one line for the file, one per pupil named) in its transaction. */
#include <stdio.h>
#include <string.h>

#include "onroll/ctf.h"
#include "onroll/import.h"
#include "onroll/strmap.h"
#include "onroll/upn.h"
#include "web/forms.h"

enum { UPLOAD_MAX_ERRORS = 100 };

typedef struct {
    or_strmap upns; /* the pupils the rows name (for the audit log) */
} upload_ctx;

/* Every pupil the file names, for the audit log. What a school may send is the importer's to
 * decide (ingest.h, opts.school). */
static bool row_check(void *ctx, const or_kind *k, int64_t line, const char *const *cells,
                      const char **column, char *msg, size_t size)
{
    upload_ctx *c = ctx;
    (void)line;
    (void)column;
    (void)msg;
    (void)size;
    int upn_col = or_kind_col(k, "upn");
    if (upn_col >= 0 && *cells[upn_col] && strlen(cells[upn_col]) <= 13)
        or_strmap_put(&c->upns, cells[upn_col]);
    return true;
}

static void upload_form(or_sb *out, const web_request *req, const char *error, bool check)
{
    gov_form_start_upload(out, req, "/upload");
    int mine = web_user_school(req);
    gov_file_upload(out, "file", "CSV or Common Transfer File",
                    mine ? "Pupils, enrolments, events, attendance or your calendar, in the "
                           "onroll interchange format, or a Common Transfer File (XML) from your "
                           "MIS, for your school only"
                         : "Schools, calendar, pupils, enrolments, caseload, events, attendance "
                           "or the DfE's statistics, in the onroll interchange format, or a "
                           "Common Transfer File (XML) from a school's MIS",
                    ".csv,text/csv,.xml,application/xml,text/xml", error);
    static const gov_choice only[] = {
        {"1", "Only check the file", "Nothing is written, whatever the file holds"}};
    bool ticked[1] = {check};
    gov_checkboxes(out, "check", "Check or import", NULL, only, 1, ticked, NULL);
    gov_button(out, "Upload", false);
    gov_form_end(out);
}

static void page_top(or_sb *out, const web_request *req, const char *title)
{
    gov_page_start(out, req, title);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
}

static void page_bottom(or_sb *out, const web_request *req)
{
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}

void page_upload(const web_request *req, web_response *res)
{
    or_sb *out = &res->body;
    page_top(out, req, "Upload a file");
    html_raw(out, "<h1 class=\"govuk-heading-l\">Upload a file</h1>\n"
                  "<p class=\"govuk-body\">The file is checked exactly as <code>onroll "
                  "import</code> checks it. If any row has an error, nothing in the file is "
                  "written and every error is listed with its line and column.</p>\n");
    upload_form(out, req, NULL, false);
    page_bottom(out, req);
}

/* The importer's errors as a table: file, line, column, message. */
static void errors_table(or_sb *out, const web_request *req, const char *name, const char *text)
{
    web_import_error *e;
    int n = web_import_errors(req->arena, text, name, &e);
    static const char *const heads[] = {"File", "Line", "Column", "Message"};
    gov_table_start(out, or_arena_printf(req->arena, "Errors in %s", name), heads, 4);
    for (int i = 0; i < n; i++) {
        gov_table_row_start(out);
        gov_td(out, name);
        if (e[i].line)
            gov_td_num(out, e[i].line);
        else
            gov_td(out, "");
        gov_td(out, e[i].column ? e[i].column : "");
        gov_td(out, e[i].message);
        gov_table_row_end(out);
    }
    gov_table_end(out);
}

/* One audit line for the file, one per pupil it names; false if the log cannot be written. */
static bool audit_upload(const web_request *req, const upload_ctx *c, const char *detail)
{
    if (web_audit(req, "change", NULL, detail))
        return false;
    for (size_t i = 0; i < c->upns.cap; i++)
        if (c->upns.slots[i].key && !or_upn_validate(c->upns.slots[i].key, NULL) &&
            web_audit(req, "change", c->upns.slots[i].key, detail))
            return false;
    return true;
}

/* Does the upload start like XML (a byte-order mark, blanks, then "<"; or UTF-16's mark)? */
static bool looks_like_xml(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return true;
    size_t i = len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    while (i < len && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
        i++;
    return i < len && p[i] == '<';
}

void page_upload_post(const web_request *req, web_response *res)
{
    or_sb *out = &res->body;
    bool check = !strcmp(web_form(req, "check"), "1");
    if (!req->file_data || req->file_len == 0) {
        gov_error e = {"file", "Select a CSV file"};
        page_top(out, req, "Error: Upload a file");
        gov_error_summary(out, &e, 1);
        html_raw(out, "<h1 class=\"govuk-heading-l\">Upload a file</h1>\n");
        upload_form(out, req, e.message, check);
        page_bottom(out, req);
        res->status = 400;
        return;
    }
    const char *name = req->file_name ? req->file_name : "upload.csv";
    upload_ctx c = {{0}};
    or_strmap_init(&c.upns, req->arena);
    or_import_opts opts = {.user = req->user->email,
                           .school = web_user_school(req),
                           .dry_run = check,
                           .max_errors = UPLOAD_MAX_ERRORS,
                           .row_check = row_check,
                           .row_ctx = &c};
    or_ingest_result r = {0};
    or_ctf_result ctf = {0};
    bool is_ctf = looks_like_xml(req->file_data, req->file_len);
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc && is_ctf) {
        rc = or_import_ctf_buffer(req->store, name, req->file_data, req->file_len, &opts, &ctf,
                                  &err);
        or_ctf_result_sum(&ctf, &r);
    } else if (!rc) {
        rc = or_import_csv_buffer(req->store, name, req->file_data, req->file_len, &opts, &r, &err);
    }
    char detail[400];
    snprintf(detail, sizeof detail,
             "upload %.200s: %s, %lld rows, %lld new, %lld updated, "
             "%lld unchanged, %lld held with claims",
             name, is_ctf ? "Common Transfer File" : or_kind_get(r.kind)->name, (long long)r.rows,
             (long long)r.inserted, (long long)r.updated, (long long)r.unchanged,
             (long long)r.held);
    if (rc == OR_OK && r.committed && !audit_upload(req, &c, detail))
        rc = or_fail(&err, OR_ESTORE, "the audit log could not be written");
    if (rc == OR_OK && or_store_commit(req->store, &err))
        rc = OR_ESTORE;
    if (rc)
        or_store_rollback(req->store);
    if (rc && rc != OR_EINPUT) {
        or_strmap_free(&c.upns);
        or_ingest_result_release(&r);
        or_ctf_result_release(&ctf);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The database did not answer, or the audit log could not be written. Nothing "
                  "was written.");
        return;
    }
    if (rc == OR_EINPUT) {
        snprintf(detail, sizeof detail,
                 "upload %.200s refused: %d errors, %lld rows this "
                 "account may not write",
                 name, r.nerrors ? r.nerrors : 1, (long long)r.refused);
        web_audit(req, r.refused ? "denied" : "upload.rejected", NULL, detail);
        page_top(out, req, "Error: Upload a file");
        gov_error e = {"file",
                       or_arena_printf(req->arena, "%s has %d error%s: nothing in it was written",
                                       name, r.nerrors ? r.nerrors : 1, r.nerrors > 1 ? "s" : "")};
        gov_error_summary(out, &e, 1);
        html_raw(out, "<h1 class=\"govuk-heading-l\">The file was not imported</h1>\n");
        if (r.refused)
            html_raw(out, "<p class=\"govuk-body\">Your account records your own school's "
                          "pupils only: the pupils on its roll on the date of each row.</p>\n");
        errors_table(out, req, name, r.errors.len ? or_sb_str(&r.errors) : err.msg);
        html_raw(out, "<h2 class=\"govuk-heading-m\">Upload the file again</h2>\n");
        upload_form(out, req, NULL, check);
        page_bottom(out, req);
        res->status = r.refused ? 403 : 400;
        or_strmap_free(&c.upns);
        or_ingest_result_release(&r);
        or_ctf_result_release(&ctf);
        return;
    }
    const char *kind = is_ctf
                           ? or_arena_printf(req->arena, "Common Transfer File, CTF %s from %s",
                                             *ctf.version ? ctf.version : "of no stated version",
                                             *ctf.supplier ? ctf.supplier : "a supplier not named")
                           : or_kind_get(r.kind)->name;
    const char *text =
        or_arena_printf(req->arena, "%s (%s): %lld rows, %lld new, %lld updated, %lld unchanged.%s",
                        name, kind, (long long)r.rows, (long long)r.inserted, (long long)r.updated,
                        (long long)r.unchanged, check ? " Only checked: nothing was written." : "");
    if (r.held)
        text = or_arena_printf(
            req->arena,
            "%s %lld %s of pupils on another school's roll %s held as %s: the local authority "
            "confirms %s, or the other school records the move (see Claims).",
            text, (long long)r.held, r.held == 1 ? "row" : "rows", r.held == 1 ? "is" : "are",
            r.claims == 1 ? "a claim" : "claims", r.claims == 1 ? "it" : "them");
    page_top(out, req, check ? "File checked" : "File imported");
    gov_notification(out, "Success", check ? "The file has no errors" : "The file was imported",
                     true);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                check ? "File checked" : "File imported");
    html_printf(out, "<p class=\"govuk-body\">%s</p>\n", text);
    if (r.notes.len) { /* what the file held that onroll did not use, and the conflicts */
        html_raw(out, "<h2 class=\"govuk-heading-m\">Notes on the file</h2>\n"
                      "<ul class=\"govuk-list govuk-list--bullet\">\n");
        const char *p = or_sb_str(&r.notes);
        size_t prefix = strlen(name) + 1; /* each note starts "NAME:" */
        while (*p) {
            size_t n = strcspn(p, "\n");
            const char *line = or_arena_strndup(req->arena, p, n);
            if (!strncmp(line, name, prefix - 1) && line[prefix - 1] == ':')
                line += prefix;
            html_printf(out, "<li>%s</li>\n", line);
            p += n + (p[n] == '\n');
        }
        html_raw(out, "</ul>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\">Upload another file</h2>\n");
    upload_form(out, req, NULL, false);
    page_bottom(out, req);
    or_strmap_free(&c.upns);
    or_ingest_result_release(&r);
    or_ctf_result_release(&ctf);
}
