/* scrutiny_internal.h - what the parts of the scrutiny report (scrutiny.h) share: the
 * movements tables built from the per-pupil model (scrutiny_moves.c) and the PDF rendering
 * through headless Chromium (scrutiny_pdf.c). */
#ifndef ONROLL_SCRUTINY_INTERNAL_H
#define ONROLL_SCRUTINY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/report.h"
#include "onroll/store.h"

/* The pupil movements counted (DOMAIN.md §6 is silent; PRODUCT.md "Collect"), in column
 * order. */
enum { SCR_MV_MANAGED, SCR_MV_OFF_SITE, SCR_MV_AP, SCR_MV_EHE, SCR_MV_CME, SCR_MV_UNEXPLAINED,
       SCR_MV__N };
/* The breakdowns, in table order. */
enum { SCR_BY_SEX, SCR_BY_AGE, SCR_BY_ETHNICITY, SCR_BY_SEN, SCR_BY_SCHOOL, SCR_BY__N };

typedef struct {
    or_table tables[SCR_BY__N]; /* one per breakdown; last row "Total" */
    /* The LA's total of each movement and of all of them (index SCR_MV__N), and their
     * published text (from the first table: "c" when suppressed there). */
    int64_t total[SCR_MV__N + 1];
    const char *total_text[SCR_MV__N + 1];
} scr_moves;

/* "Managed moves", "Off-site directions", ... (table headings) and "managed moves", ... (in a
 * sentence). */
const char *scr_move_heading(int mv);
const char *scr_move_phrase(int mv);

/* Count the movements of academic year ay (events starting in it) by the characteristics in
 * force on each event's date and by the school, with suppression at threshold (0: none). */
or_code scr_moves_build(or_store *s, int ay, int threshold, or_arena *a, scr_moves *out,
                        or_error *err);

/* Render html (len bytes) to a PDF at path with headless Chromium. */
or_code scr_pdf_render(const char *html, size_t len, const char *path, or_error *err);

/* Thousands separators for a cell of digits ("7962" -> "7,962"); anything else unchanged. */
const char *scr_commas(or_arena *a, const char *s);

#endif
