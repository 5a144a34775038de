/* table.c - writing a report table (report.h) as CSV (the one CSV writer, csvout.h: numeric
 * columns as numbers, the others as guarded text), JSON, an HTML <table>, or aligned text for
 * a terminal. */
#include <errno.h>
#include <stdlib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/csvout.h"
#include "onroll/labels.h"
#include "onroll/report.h"
#include "onroll/sb.h"
#include "html/html.h"

static or_code done(FILE *out, or_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return or_fail(err, OR_EIO, "writing the report: %s", strerror(errno));
    return OR_OK;
}

static const char *cell(const or_table *t, int r, int c)
{
    return t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
}

/* On screen a column is left out when it only repeats what the page says: a dimension's code
 * when its label (`<dim>_label`) follows it, and the year, level, LA code and URN when every row
 * holds the same value in them (the CSV and JSON keep every column). */
/* Whether column c is a ratio whose 95% limits follow it (X, X_lower, X_upper): on screen
 * the three are one cell, "1.52 (0.98 to 2.31)". */
static bool with_limits(const or_table *t, int c)
{
    if (c + 2 >= t->ncols)
        return false;
    const char *n = t->cols[c];
    size_t len = strlen(n);
    return !strncmp(t->cols[c + 1], n, len) && !strcmp(t->cols[c + 1] + len, "_lower") &&
           !strncmp(t->cols[c + 2], n, len) && !strcmp(t->cols[c + 2] + len, "_upper");
}

static bool hidden_on_screen(const or_table *t, int c)
{
    const char *n = t->cols[c];
    size_t len = strlen(n);
    if (c >= 1 && with_limits(t, c - 1))
        return true;
    if (c >= 2 && with_limits(t, c - 2))
        return true;
    if (c + 1 < t->ncols && !strncmp(t->cols[c + 1], n, len) &&
        !strcmp(t->cols[c + 1] + len, "_label"))
        return true;
    if (strcmp(n, "time_period") && strcmp(n, "geographic_level") && strcmp(n, "la_code") &&
        strcmp(n, "urn"))
        return false;
    for (int r = 1; r < t->nrows; r++)
        if (strcmp(cell(t, r, c), cell(t, 0, c)))
            return false;
    return true;
}

/* A column's heading as people read it (labels.h), a dimension's label column headed by the
 * dimension's name; a limit or significance column also says, to a screen reader, what it is
 * the limit of ("Lower 95% limit" of "Risk ratio, suspended at least once"). */
static void heading(or_sb *out, const or_table *t, int c)
{
    const char *n = t->cols[c];
    size_t len = strlen(n);
    char base[64];
    if (len > 6 && len - 6 < sizeof base && !strcmp(n + len - 6, "_label")) {
        memcpy(base, n, len - 6);
        base[len - 6] = '\0';
        html_text(out, or_label_column(base));
        return;
    }
    html_text(out, or_label_column(n));
    if (with_limits(t, c)) {
        html_raw(out, " (95% confidence interval)");
        return;
    }
    static const char *const parts[] = {"_lower", "_upper", "_significant"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t pl = strlen(parts[i]);
        if (len <= pl || len - pl >= sizeof base || strcmp(n + len - pl, parts[i]))
            continue;
        memcpy(base, n, len - pl);
        base[len - pl] = '\0';
        for (int k = 0; k < t->ncols; k++)
            if (!strcmp(t->cols[k], base)) {
                html_printf(out, "<span class=\"govuk-visually-hidden\"> (%s)</span>",
                            or_label_column(base));
                break;
            }
    }
}

void or_table_html(or_sb *out, const or_table *t)
{
    html_raw(out, "<table class=\"govuk-table\">\n");
    if (t->title) {
        html_raw(out, "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
        html_text(out, t->title);
        html_raw(out, "</caption>\n");
    }
    bool *hide = or_xcalloc((size_t)t->ncols + 1, sizeof *hide);
    for (int c = 0; c < t->ncols; c++)
        hide[c] = hidden_on_screen(t, c);
    html_raw(out, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
    for (int c = 0; c < t->ncols; c++) {
        if (hide[c])
            continue;
        html_raw(out, "<th scope=\"col\" class=\"govuk-table__header");
        if (t->numeric && t->numeric[c])
            html_raw(out, " govuk-table__header--numeric");
        html_raw(out, "\">");
        heading(out, t, c);
        html_raw(out, "</th>");
    }
    html_raw(out, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int r = 0; r < t->nrows; r++) {
        html_raw(out, "<tr class=\"govuk-table__row\">");
        for (int c = 0; c < t->ncols; c++) {
            if (hide[c])
                continue;
            html_raw(out, "<td class=\"govuk-table__cell");
            if (t->numeric && t->numeric[c])
                html_raw(out, " govuk-table__cell--numeric");
            html_raw(out, "\">");
            const char *v = cell(t, r, c);
            if (with_limits(t, c) && strcmp(v, "c") && strcmp(v, "z") && strcmp(v, "x") &&
                *cell(t, r, c + 1)) {
                html_printf(out, "%s (%s to %s)", v, cell(t, r, c + 1), cell(t, r, c + 2));
            } else if (t->numeric && t->numeric[c]) { /* thousands separators (labels.h) */
                char num[64];
                html_text(out, or_fmt_number_text(cell(t, r, c), num, sizeof num));
            } else {
                html_text(out, cell(t, r, c));
            }
            html_raw(out, "</td>");
        }
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
    free(hide);
}

void or_table_csv(or_csv *w, const or_table *t)
{
    or_csv_texts(w, t->cols, t->ncols);
    or_csv_end_row(w);
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            if (t->numeric && t->numeric[c])
                or_csv_number(w, cell(t, r, c));
            else
                or_csv_text(w, cell(t, r, c));
        }
        or_csv_end_row(w);
    }
}

or_code or_table_write(FILE *out, const or_table *t, or_format fmt, or_error *err)
{
    if (fmt == OR_FMT_CSV) {
        or_csv w;
        or_csv_to_file(&w, out);
        or_table_csv(&w, t);
        return or_csv_close(&w, "the report", err);
    }
    or_sb sb = OR_SB_INIT;
    if (fmt == OR_FMT_JSON) {
        json_t *arr = json_array();
        for (int r = 0; r < t->nrows; r++) {
            json_t *o = json_object();
            for (int c = 0; c < t->ncols; c++)
                json_object_set_new(o, t->cols[c], json_string(cell(t, r, c)));
            json_array_append_new(arr, o);
        }
        char *s = json_dumps(arr, JSON_INDENT(1) | JSON_ENSURE_ASCII);
        json_decref(arr);
        if (s) {
            or_sb_adds(&sb, s);
            or_sb_addc(&sb, '\n');
            free(s);
        }
    } else {
        or_table_html(&sb, t);
    }
    if (sb.len)
        fwrite(sb.buf, 1, sb.len, out);
    or_sb_release(&sb);
    return done(out, err);
}

or_code or_table_text(FILE *out, const or_table *t, or_error *err)
{
    size_t *width = calloc((size_t)t->ncols, sizeof *width);
    if (!width)
        return or_fail(err, OR_ENOMEM, "out of memory");
    for (int c = 0; c < t->ncols; c++) {
        width[c] = strlen(t->cols[c]);
        for (int r = 0; r < t->nrows; r++)
            if (strlen(cell(t, r, c)) > width[c])
                width[c] = strlen(cell(t, r, c));
    }
    for (int r = -1; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            const char *v = r < 0 ? t->cols[c] : cell(t, r, c);
            bool right = r >= 0 && t->numeric && t->numeric[c];
            bool last = c == t->ncols - 1;
            if (right)
                fprintf(out, "%*s", (int)width[c], v);
            else if (last)
                fputs(v, out);
            else
                fprintf(out, "%-*s", (int)width[c], v);
            fputs(last ? "\n" : "  ", out);
        }
    }
    free(width);
    return done(out, err);
}
