/* page_letter_pdf.c - GET /pupils/{upn}/events/{event_id}/letters/{letter}/pdf : a letter as a
 * PDF to download: its text (the saved draft, or the letter as sent) as the standalone document
 * of letter_doc.h, printed by Debian's headless Chromium as the scrutiny report is
 * (scrutiny_pdf.c); answered as application/pdf. The download is written to the audit log as an
 * export of the pupil's data (the read itself is logged by server.c: WEB_F_PUPIL).
 *
 * Who: the LA, and a school for its own school's exclusions (web/letters.h). */
#include <stdio.h>
#include <string.h>

#include "web/letters.h"

void page_letter_pdf(const web_request *req, web_response *res)
{
    web_letter_ctx c;
    if (!web_letter_ctx_load(req, res, &c))
        return;
    or_letter_row r;
    if (!web_letter_row_load(req, res, &c, &r)) {
        web_letter_ctx_free(&c);
        return;
    }
    or_letter l;
    or_letter_parse(r.body, req->arena, &l);
    or_sb html = OR_SB_INIT;
    or_letter_html_doc(c.school_name, r.title, &l, &html);
    char detail[160];
    snprintf(detail, sizeof detail, "letter %lld as PDF (%s)", (long long)r.id,
             or_letter_row_sent(&r) ? "sent" : "draft");
    if (web_audit(req, "export", c.upn, detail)) {
        or_sb_release(&html);
        web_letter_ctx_free(&c);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_error err = {0};
    or_code rc = or_letter_pdf_bytes(html.buf, html.len, &res->body, &err);
    or_sb_release(&html);
    if (rc) {
        or_sb_reset(&res->body);
        web_error(req, res, rc == OR_ENOTFOUND ? 503 : 500, "The PDF cannot be made",
                  rc == OR_ENOTFOUND ? "Chromium, which makes the PDF, is not installed on the "
                                       "server. Print the letter from its page instead."
                                     : "Making the PDF failed. Print the letter from its page "
                                       "instead.");
    } else {
        res->content_type = "application/pdf";
        web_header_add(res, "Content-Disposition",
                       or_arena_printf(req->arena, "attachment; filename=\"letter-%lld.pdf\"",
                                       (long long)r.id));
    }
    web_letter_ctx_free(&c);
}
