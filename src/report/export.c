/* export.c - interchange CSV out (see export.h): the header is the kind's full column list in
 * the spec's order; values are written by or_value_format, the inverse of the importer's
 * parser. Attendance is expanded from each pupil-year's marks to one row per session. */
#include <errno.h>
#include <string.h>

#include "onroll/export.h"
#include "onroll/marks.h"

typedef struct {
    const or_kind *k;
    FILE *out;
    or_sb line;
    long long rows;
} exporter;

static or_code flush_line(exporter *x, or_error *err)
{
    or_sb_addc(&x->line, '\n');
    if (fwrite(x->line.buf, 1, x->line.len, x->out) != x->line.len)
        return or_fail(err, OR_EIO, "writing the %s export: %s", x->k->name, strerror(errno));
    or_sb_reset(&x->line);
    x->rows++;
    return OR_OK;
}

static or_code write_row(void *ctx, const or_value *row, or_error *err)
{
    exporter *x = ctx;
    for (int c = 0; c < x->k->ncols; c++) {
        if (c)
            or_sb_addc(&x->line, ',');
        or_value_format(&x->k->cols[c], &row[c], &x->line);
    }
    return flush_line(x, err);
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
        or_sb_addf(&x->line, "%s,%d,%s,%s,", upn, urn, date, pos % 2 ? "PM" : "AM");
        or_sb_add_csv(&x->line, code);
        or_code rc = flush_line(x, err);
        if (rc)
            return rc;
    }
    return OR_OK;
}

or_code or_export_csv(or_store *s, const or_kind *k, FILE *out, long long *rows, or_error *err)
{
    exporter x = {k, out, OR_SB_INIT, 0};
    for (int c = 0; c < k->ncols; c++) {
        if (c)
            or_sb_addc(&x.line, ',');
        or_sb_adds(&x.line, k->cols[c].name);
    }
    or_code rc = flush_line(&x, err);
    x.rows = 0;
    if (!rc)
        rc = k->id == OR_K_ATTENDANCE ? or_store_scan_marks(s, write_marks, &x, err)
                                      : or_store_scan(s, k, write_row, &x, err);
    if (!rc && fflush(out) != 0)
        rc = or_fail(err, OR_EIO, "writing the %s export: %s", k->name, strerror(errno));
    or_sb_release(&x.line);
    if (rows)
        *rows = x.rows;
    return rc;
}
