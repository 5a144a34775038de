/* letter_doc.c - a letter as HTML and as a PDF (letter_doc.h). The text is the school's own
 * (edited on the letter's page), so every piece goes through html.h's escaping; the only markup
 * is the sheet's own: paragraphs, line breaks and lists, as letters.h reads the text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/letter_doc.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

/* Text with its line breaks as <br>. */
static void lines(or_sb *out, const char *s)
{
    or_sb piece = OR_SB_INIT;
    while (s && *s) {
        size_t n = strcspn(s, "\n");
        or_sb_reset(&piece);
        or_sb_add(&piece, s, n);
        html_text(out, or_sb_str(&piece));
        s += n;
        if (*s == '\n') {
            s++;
            if (*s)
                html_raw(out, "<br>\n");
        }
    }
    or_sb_release(&piece);
}

void or_letter_html_sheet(const char *school, const char *title, const or_letter *l, or_sb *out)
{
    html_raw(out, "<article class=\"onroll-letter\">\n");
    html_printf(out, "<p class=\"onroll-letter__school\">%s</p>\n", school ? school : "");
    html_printf(out, "<h2 class=\"onroll-letter__title\">%s</h2>\n", title ? title : "");
    for (int i = 0; i < l->nparas; i++) {
        const or_letter_para *p = &l->paras[i];
        if (p->text && *p->text) {
            html_raw(out, "<p class=\"onroll-letter__para\">");
            lines(out, p->text);
            html_raw(out, "</p>\n");
        }
        if (p->nitems) {
            html_raw(out, "<ul class=\"onroll-letter__list\">\n");
            for (int k = 0; k < p->nitems; k++)
                html_printf(out, "<li>%s</li>\n", p->items[k]);
            html_raw(out, "</ul>\n");
        }
    }
    html_raw(out, "</article>\n");
}

void or_letter_html_doc(const char *school, const char *title, const or_letter *l, or_sb *out)
{
    html_raw(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_text(out, title ? title : "Letter");
    html_raw(out,
             "</title>\n<style>\n"
             "@page { size: A4; margin: 20mm 20mm 22mm 20mm; }\n"
             "body { font-family: Arial, Helvetica, sans-serif; font-size: 11.5pt; "
             "line-height: 1.4; color: #0b0c0c; margin: 0; }\n"
             ".onroll-letter { max-width: 170mm; }\n"
             ".onroll-letter__school { font-weight: bold; font-size: 13pt; margin: 0 0 8mm; }\n"
             ".onroll-letter__title { font-size: 13pt; margin: 0 0 5mm; }\n"
             ".onroll-letter__para { margin: 0 0 4mm; }\n"
             ".onroll-letter__list { margin: -2mm 0 4mm; padding-left: 7mm; }\n"
             "p, li { orphans: 3; widows: 3; }\n"
             "</style>\n</head>\n<body>\n");
    or_letter_html_sheet(school, title, l, out);
    html_raw(out, "</body>\n</html>\n");
}

or_code or_letter_pdf(const char *html, size_t len, const char *path, or_error *err)
{
    return scr_pdf_render(html, len, path, err);
}

or_code or_letter_pdf_bytes(const char *html, size_t len, or_sb *out, or_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/onroll-letter-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return or_fail(err, OR_EIO, "cannot make a temporary file in %s: %s",
                       tmp && *tmp ? tmp : "/tmp", strerror(errno));
    close(fd);
    or_code rc = scr_pdf_render(html, len, path, err);
    if (!rc) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = or_fail(err, OR_EIO, "%s: cannot read the PDF: %s", path, strerror(errno));
        } else {
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                or_sb_add(out, buf, n);
            if (ferror(f))
                rc = or_fail(err, OR_EIO, "%s: cannot read the PDF: %s", path, strerror(errno));
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}
