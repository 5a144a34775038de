/* export.c - interchange CSV out (see export.h): the header is the kind's full column list in
 * the spec's order; every file through the one CSV writer (csvout.h), text columns as guarded
 * text cells (the importer takes the guard off again), the others as or_value_format writes
 * them. Attendance is expanded from each pupil-year's marks to one row per session. */
#include <errno.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/export.h"
#include "onroll/marks.h"

typedef struct {
    const or_kind *k;
    or_csv w;
    or_sb scratch; /* a non-text value's text */
    long long rows;
} exporter;

static void write_value(exporter *x, const or_column *c, const or_value *v)
{
    if (v->null) {
        or_csv_text(&x->w, NULL);
    } else if (or_column_is_text(c)) {
        or_csv_text(&x->w, v->s);
    } else {
        or_sb_reset(&x->scratch);
        or_value_format(c, v, &x->scratch);
        or_csv_number(&x->w, or_sb_str(&x->scratch));
    }
}

static or_code end_row(exporter *x, or_error *err)
{
    or_csv_end_row(&x->w);
    x->rows++;
    if (x->w.errnum)
        return or_fail(err, OR_EIO, "writing the %s export: %s", x->k->name, strerror(x->w.errnum));
    return OR_OK;
}

static or_code write_row(void *ctx, const or_value *row, or_error *err)
{
    exporter *x = ctx;
    for (int c = 0; c < x->k->ncols; c++)
        write_value(x, &x->k->cols[c], &row[c]);
    return end_row(x, err);
}

static or_code write_marks(void *ctx, const char *upn, int urn, int ay, const char *marks,
                           or_error *err)
{
    exporter *x = ctx;
    for (int pos = 0; pos < OR_MARKS_LEN; pos++) {
        char code[3];
        if (marks[pos] == OR_MARK_NONE || !or_mark_code(marks[pos], code))
            continue;
        char date[11];
        or_date_format(or_mark_date(ay, pos), date);
        or_csv_text(&x->w, upn);
        or_csv_int(&x->w, urn);
        or_csv_number(&x->w, date);
        or_csv_text(&x->w, pos % 2 ? "PM" : "AM");
        or_csv_text(&x->w, code);
        or_code rc = end_row(x, err);
        if (rc)
            return rc;
    }
    return OR_OK;
}

or_code or_export_csv(or_store *s, const or_kind *k, FILE *out, long long *rows, or_error *err)
{
    exporter x = {.k = k, .scratch = OR_SB_INIT};
    or_csv_to_file(&x.w, out);
    for (int c = 0; c < k->ncols; c++)
        or_csv_text(&x.w, k->cols[c].name);
    or_csv_end_row(&x.w);
    or_code rc = k->id == OR_K_ATTENDANCE ? or_store_scan_marks(s, write_marks, &x, err)
                                          : or_store_scan(s, k, write_row, &x, err);
    char what[64];
    snprintf(what, sizeof what, "the %s export", k->name);
    or_error close_err = {0};
    if (or_csv_close(&x.w, what, &close_err) && !rc)
        rc = or_fail(err, close_err.code, "%s", close_err.msg);
    or_sb_release(&x.scratch);
    if (rows)
        *rows = x.rows;
    return rc;
}
