/* listing.c - writing duties and risk flags as a table, CSV (formats.md columns) or JSON. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/listing.h"
#include "onroll/sb.h"

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
                json_pack("{s:s, s:i, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s, s:s, s:b}",
                          "event_id", d->event_id, "urn", d->urn, "upn", d->upn, "rule",
                          d->rule->id, "who", d->rule->who, "due", due[0] ? due : NULL, "status",
                          or_duty_status_name(d->status), "done_on", done[0] ? done : NULL,
                          "detail", d->detail, "rule_text", d->rule->summary, "source",
                          d->rule->source, "unconfirmed", d->rule->unconfirmed != 0));
        }
        return write_json(out, arr, err);
    }
    or_sb line = OR_SB_INIT;
    if (fmt == OR_FMT_CSV)
        fputs("event_id,urn,upn,rule,who,due,status,done_on\n", out);
    else
        fprintf(out, "%-11s %-7s %-14s %-20s %-10s %-8s %-10s %s\n", "due", "urn", "upn", "rule",
                "event", "status", "done", "what");
    for (int i = 0; i < l->n; i++) {
        const or_duty *d = &l->items[i];
        date_or_empty(d->due, due);
        date_or_empty(d->done_on, done);
        or_sb_reset(&line);
        if (fmt == OR_FMT_CSV) {
            or_sb_add_csv(&line, d->event_id);
            or_sb_addf(&line, ",%d,%s,%s,", d->urn, d->upn, d->rule->id);
            or_sb_add_csv(&line, d->rule->who);
            or_sb_addf(&line, ",%s,%s,%s\n", due, or_duty_status_name(d->status), done);
        } else {
            or_sb_addf(&line, "%-11s %-7d %-14s %-20s %-10s %-8s %-10s %s\n", due[0] ? due : "-",
                       d->urn, d->upn, d->rule->id, d->event_id[0] ? d->event_id : "-",
                       or_duty_status_name(d->status), done[0] ? done : "-", d->detail);
        }
        fputs(or_sb_str(&line), out);
    }
    or_sb_release(&line);
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
    or_sb line = OR_SB_INIT;
    if (fmt == OR_FMT_CSV)
        fputs("upn,urn,rule,detail\n", out);
    else
        fprintf(out, "%-7s %-14s %-17s %s\n", "urn", "upn", "rule", "why");
    for (int i = 0; i < l->n; i++) {
        const or_flag *f = &l->items[i];
        or_sb_reset(&line);
        if (fmt == OR_FMT_CSV) {
            or_sb_addf(&line, "%s,%d,%s,", f->upn, f->urn, f->rule->id);
            or_sb_add_csv(&line, f->detail);
            or_sb_addc(&line, '\n');
        } else {
            or_sb_addf(&line, "%-7d %-14s %-17s %s\n", f->urn, f->upn, f->rule->id, f->detail);
        }
        fputs(or_sb_str(&line), out);
    }
    or_sb_release(&line);
    return finish(out, err);
}
