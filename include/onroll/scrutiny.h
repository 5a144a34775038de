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
    or_sb *warnings; /* NULL, or where what the report could not include goes, for whoever
                        generates it (a line each): never into the publication */
} or_scrutiny_opts;

/* Write the HTML report to out; with o->pdf, render it to o->path with Chromium instead. */
or_code or_scrutiny_write(or_store *s, const or_columns *c, const or_scrutiny_opts *o, FILE *out,
                          or_error *err);

#endif
