/* letter_doc.h - a letter (letters.h) as HTML and as a PDF: the letter's sheet (the school, the
 * title, the paragraphs and lists of its text, every piece escaped), which the web page shows
 * and prints; the sheet as a whole standalone document with its own print stylesheet (A4, no
 * page furniture), for the CLI's --format html and for the PDF, which headless Chromium makes
 * from it as it makes the scrutiny report's (scrutiny_pdf.c). */
#ifndef ONROLL_LETTER_DOC_H
#define ONROLL_LETTER_DOC_H

#include <stddef.h>

#include "onroll/error.h"
#include "onroll/letters.h"
#include "onroll/sb.h"

/* <article class="onroll-letter">: the school's name, the title, then the paragraphs of l
 * (each <p>, its line breaks <br>, its list a <ul>). */
void or_letter_html_sheet(const char *school, const char *title, const or_letter *l, or_sb *out);
/* A whole HTML document holding the sheet, its stylesheet inside it (no file, no network). */
void or_letter_html_doc(const char *school, const char *title, const or_letter *l, or_sb *out);
/* Print an HTML document to a PDF file at path with headless Chromium. OR_ENOTFOUND when
 * Chromium is not installed; OR_EIO when it fails (the message says why). */
or_code or_letter_pdf(const char *html, size_t len, const char *path, or_error *err);
/* The same, the PDF's bytes into out (a temporary file in $TMPDIR, removed). */
or_code or_letter_pdf_bytes(const char *html, size_t len, or_sb *out, or_error *err);

#endif
