/* listing.c - writing duties and risk flags as a table, CSV (formats.md columns, through the
 * one CSV writer, csvout.h) or JSON. */
#include <errno.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/csvout.h"
#include "onroll/labels.h"
#include "onroll/listing.h"

bool or_format_parse(const char *s, or_format *out)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(s, names[i])) {
            *out = (or_format)i;
            return true;
        }
    return false;
}

static void date_or_empty(or_date d, char buf[11])
{
    if (d == OR_DATE_NONE)
        buf[0] = '\0';
    else
        or_date_format(d, buf);
}

static or_code finish(FILE *out, or_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return or_fail(err, OR_EIO, "writing the listing: %s", strerror(errno));
    return OR_OK;
}

static or_code write_json(FILE *out, json_t *arr, or_error *err)
{
    int rc = json_dumpf(arr, out, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    json_decref(arr);
    fputc('\n', out);
    if (rc)
        return or_fail(err, OR_EIO, "writing JSON: %s", strerror(errno));
    return finish(out, err);
}

/* Characters in a UTF-8 string (its bytes that do not continue a character). */
static int chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void or_text_table(FILE *out, const char *const *heads, int ncols, const char *const *cells,
                   int nrows)
{
    int *w = or_xcalloc((size_t)ncols + 1, sizeof *w);
    for (int c = 0; c < ncols; c++) {
        w[c] = chars(heads[c]);
        for (int r = 0; r < nrows; r++) {
            const char *v = cells[(size_t)r * (size_t)ncols + (size_t)c];
            int n = chars(v ? v : "");
            if (n > w[c])
                w[c] = n;
        }
    }
    for (int r = -1; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *v = r < 0 ? heads[c] : cells[(size_t)r * (size_t)ncols + (size_t)c];
            v = v ? v : "";
            if (c == ncols - 1) {
                fprintf(out, "%s\n", v);
                break;
            }
            fprintf(out, "%s%*s", v, w[c] - chars(v) + 2, "");
        }
    }
    free(w);
}

or_code or_write_duties(FILE *out, const or_duty_list *l, or_format fmt, or_error *err)
{
    char due[11], done[11];
    if (fmt == OR_FMT_JSON) {
        json_t *arr = json_array();
        for (int i = 0; i < l->n; i++) {
            const or_duty *d = &l->items[i];
            date_or_empty(d->due, due);
            date_or_empty(d->done_on, done);
            json_array_append_new(
                arr,
                json_pack("{s:s, s:i, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s, s:s, s:b}",
                          "event_id", d->event_id, "urn", d->urn, "upn", d->upn, "rule",
                          d->rule->id, "who", d->rule->who, "due", due[0] ? due : NULL, "status",
                          or_duty_status_name(d->status), "done_on", done[0] ? done : NULL,
                          "detail", d->detail, "rule_text", d->rule->summary, "source",
                          d->rule->source, "unconfirmed", d->rule->unconfirmed != 0));
        }
        return write_json(out, arr, err);
    }
    if (fmt == OR_FMT_CSV) {
        static const char *const head[] = {"event_id", "urn", "upn",    "rule",
                                           "who",      "due", "status", "done_on"};
        or_csv w;
        or_csv_to_file(&w, out);
        or_csv_texts(&w, head, 8);
        or_csv_end_row(&w);
        for (int i = 0; i < l->n; i++) {
            const or_duty *d = &l->items[i];
            date_or_empty(d->due, due);
            date_or_empty(d->done_on, done);
            or_csv_text(&w, d->event_id);
            or_csv_int(&w, d->urn);
            or_csv_text(&w, d->upn);
            or_csv_text(&w, d->rule->id);
            or_csv_text(&w, d->rule->who);
            or_csv_number(&w, due);
            or_csv_text(&w, or_duty_status_name(d->status));
            or_csv_number(&w, done);
            or_csv_end_row(&w);
        }
        return or_csv_close(&w, "the duties", err);
    }
    enum { NC = 8 };
    static const char *const heads[NC] = {"Due",   "School", "UPN",  "Rule",
                                          "Event", "Status", "Done", "What"};
    const char **cells = or_xcalloc((size_t)l->n * NC + 1, sizeof *cells);
    char(*dates)[2][24] = or_xcalloc((size_t)l->n + 1, sizeof *dates);
    char(*urns)[16] = or_xcalloc((size_t)l->n + 1, sizeof *urns);
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        const char **row = &cells[(size_t)i * NC];
        date_or_empty(d->due, dates[i][0]);
        date_or_empty(d->done_on, dates[i][1]);
        snprintf(urns[i], sizeof urns[i], "%d", d->urn);
        row[0] = dates[i][0][0] ? dates[i][0] : "-";
        row[1] = urns[i];
        row[2] = d->upn;
        row[3] = d->rule->id;
        row[4] = d->event_id[0] ? d->event_id : "-";
        row[5] = or_label_status(or_duty_status_name(d->status));
        row[6] = dates[i][1][0] ? dates[i][1] : "-";
        row[7] = d->detail;
    }
    or_text_table(out, heads, NC, cells, l->n);
    free(cells);
    free(dates);
    free(urns);
    return finish(out, err);
}

static int cmp_flag(const void *a, const void *b)
{
    const or_flag *x = a, *y = b;
    if (x->urn != y->urn)
        return x->urn < y->urn ? -1 : 1;
    int r = strcmp(x->upn, y->upn);
    return r ? r : strcmp(x->rule->id, y->rule->id);
}

void or_flags_sort(or_flag_list *l)
{
    if (l->n > 1)
        qsort(l->items, (size_t)l->n, sizeof *l->items, cmp_flag);
}

or_code or_write_flags(FILE *out, const or_flag_list *l, or_format fmt, or_error *err)
{
    if (fmt == OR_FMT_JSON) {
        json_t *arr = json_array();
        for (int i = 0; i < l->n; i++) {
            const or_flag *f = &l->items[i];
            json_array_append_new(arr, json_pack("{s:s, s:i, s:s, s:s, s:s, s:s}", "upn", f->upn,
                                                 "urn", f->urn, "rule", f->rule->id, "detail",
                                                 f->detail, "rule_text", f->rule->summary, "source",
                                                 f->rule->source));
        }
        return write_json(out, arr, err);
    }
    if (fmt == OR_FMT_CSV) {
        static const char *const head[] = {"upn", "urn", "rule", "detail"};
        or_csv w;
        or_csv_to_file(&w, out);
        or_csv_texts(&w, head, 4);
        or_csv_end_row(&w);
        for (int i = 0; i < l->n; i++) {
            const or_flag *f = &l->items[i];
            or_csv_text(&w, f->upn);
            or_csv_int(&w, f->urn);
            or_csv_text(&w, f->rule->id);
            or_csv_text(&w, f->detail);
            or_csv_end_row(&w);
        }
        return or_csv_close(&w, "the risk flags", err);
    }
    enum { NC = 4 };
    static const char *const heads[NC] = {"School", "UPN", "Rule", "Why"};
    const char **cells = or_xcalloc((size_t)l->n * NC + 1, sizeof *cells);
    char(*urns)[16] = or_xcalloc((size_t)l->n + 1, sizeof *urns);
    for (int i = 0; i < l->n; i++) {
        const or_flag *f = &l->items[i];
        snprintf(urns[i], sizeof urns[i], "%d", f->urn);
        const char **row = &cells[(size_t)i * NC];
        row[0] = urns[i];
        row[1] = f->upn;
        row[2] = f->rule->id;
        row[3] = f->detail;
    }
    or_text_table(out, heads, NC, cells, l->n);
    free(cells);
    free(urns);
    return finish(out, err);
}
