/* scrutiny.h - the annual scrutiny report: one self-contained, accessible HTML document (and a
 * PDF of it through headless Chromium): headline figures with the previous years and England,
 * rates by characteristic, disproportionality, schools (with a funnel plot), movements, and
 * plain-English commentary generated from the figures. Suppressed for publication. */
#ifndef ONROLL_SCRUTINY_H
#define ONROLL_SCRUTINY_H

#include <stdbool.h>
#include <stdio.h>

#include "onroll/columns.h"
#include "onroll/sb.h"
#include "onroll/store.h"

typedef struct {
    int ay;           /* the report's academic year (2024 = 2024/25) */
    int threshold;    /* suppression threshold (0: none - LA-internal use only) */
    const char *path; /* where the PDF goes (pdf only) */
    bool pdf;
} or_scrutiny_opts;

/* Told each input the report had to do without (the LA's name, its own words, England's
 * figures), in a sentence for whoever generates it: the document itself only says "not
 * available". */
typedef void (*or_scrutiny_warn)(void *ctx, const char *message);

/* Write the HTML report to out; with o->pdf, render it to o->path with Chromium instead. */
or_code or_scrutiny_write(or_store *s, const or_columns *c, const or_scrutiny_opts *o, FILE *out,
                          or_error *err);
/* The same, telling warn (with ctx) of every input it did without. */
or_code or_scrutiny_write_warned(or_store *s, const or_columns *c, const or_scrutiny_opts *o,
                                 FILE *out, or_scrutiny_warn warn, void *ctx, or_error *err);

/* The PDF of the report (o->pdf; o->path unused) into out: printed to a private temporary
 * file, read back and the file removed (for a server, which sends it). */
or_code or_scrutiny_pdf(or_store *s, const or_columns *c, const or_scrutiny_opts *o, or_sb *out,
                        or_scrutiny_warn warn, void *ctx, or_error *err);

/* The inputs the report of academic year ay would do without, each told to warn (as
 * or_scrutiny_write tells them): for a page that offers the report. */
or_code or_scrutiny_missing(or_store *s, int ay, or_scrutiny_warn warn, void *ctx, or_error *err);

#endif
