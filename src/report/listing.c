/* listing.c - writing duties and risk flags as a table, CSV (formats.md columns, through the
 * one CSV writer, csvout.h) or JSON. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/csvout.h"
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
                json_pack("{s:s, s:i, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s, s:s, s:s, s:b}",
                          "event_id", d->event_id, "urn", d->urn, "upn", d->upn, "rule",
                          d->rule->id, "who", d->rule->who, "due", due[0] ? due : NULL, "status",
                          or_duty_status_name(d->status), "done_on", done[0] ? done : NULL,
                          "done_by", d->done_by, "detail", d->detail, "rule_text", d->rule->summary,
                          "source", d->rule->source, "unconfirmed", d->rule->unconfirmed != 0));
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
    fprintf(out, "%-11s %-7s %-14s %-20s %-10s %-8s %-10s %s\n", "due", "urn", "upn", "rule",
            "event", "status", "done", "what");
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        date_or_empty(d->due, due);
        date_or_empty(d->done_on, done);
        fprintf(out, "%-11s %-7d %-14s %-20s %-10s %-8s %-10s %s\n", due[0] ? due : "-", d->urn,
                d->upn, d->rule->id, d->event_id[0] ? d->event_id : "-",
                or_duty_status_name(d->status), done[0] ? done : "-", d->detail);
    }
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
    fprintf(out, "%-7s %-14s %-17s %s\n", "urn", "upn", "rule", "why");
    for (int i = 0; i < l->n; i++) {
        const or_flag *f = &l->items[i];
        fprintf(out, "%-7d %-14s %-17s %s\n", f->urn, f->upn, f->rule->id, f->detail);
    }
    return finish(out, err);
}
