/* listing.c - writing duties and risk flags as a table, CSV (formats.md columns, through the
 * one CSV writer, csvout.h) or JSON. */
#include <errno.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/csvout.h"
#include "onroll/alloc.h"
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

/* The tier of the pupil of each flag (flags of one pupil together), into tiers[l->n]. */
static void tiers_of(const or_flag_list *l, const or_params *p, or_risk_tier *tiers)
{
    for (int i = 0; i < l->n;) {
        int j = i + 1;
        while (j < l->n && !strcmp(l->items[j].upn, l->items[i].upn))
            j++;
        or_risk_tier t = or_risk_rank_of(&l->items[i], j - i, p).tier;
        for (int k = i; k < j; k++)
            tiers[k] = t;
        i = j;
    }
}

static int weight(const or_flag *f, const or_params *p)
{
    int w = or_risk_weight_param(f->rule->code);
    return w < 0 ? 0 : p->v[w];
}

or_code or_write_flags(FILE *out, const or_flag_list *l, const or_params *p, or_format fmt,
                       or_error *err)
{
    or_risk_tier *tiers = or_xcalloc((size_t)l->n + 1, sizeof *tiers);
    if (p)
        tiers_of(l, p, tiers);
    or_code rc;
    if (fmt == OR_FMT_JSON) {
        json_t *arr = json_array();
        for (int i = 0; i < l->n; i++) {
            const or_flag *f = &l->items[i];
            json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s}", "upn", f->upn, "urn", f->urn,
                                  "rule", f->rule->id, "detail", f->detail, "rule_text",
                                  f->rule->summary, "source", f->rule->source);
            if (p) {
                int j = i, k = i; /* the pupil's flags [j, k) */
                while (j > 0 && !strcmp(l->items[j - 1].upn, f->upn))
                    j--;
                while (k < l->n && !strcmp(l->items[k].upn, f->upn))
                    k++;
                char why[512];
                or_risk_explain(&l->items[j], k - j, p, false, why, sizeof why);
                json_object_set_new(o, "kind",
                                    json_string(or_risk_kind_key(or_risk_kind_of(f->rule->code))));
                json_object_set_new(o, "weight", json_integer(weight(f, p)));
                json_object_set_new(o, "tier", json_string(or_risk_tier_key(tiers[i])));
                json_object_set_new(o, "tier_why", json_string(why));
            }
            json_array_append_new(arr, o);
        }
        rc = write_json(out, arr, err);
    } else if (fmt == OR_FMT_CSV) {
        static const char *const head[] = {"upn",  "urn",    "rule", "detail",
                                           "kind", "weight", "tier"};
        or_csv w;
        or_csv_to_file(&w, out);
        or_csv_texts(&w, head, p ? 7 : 4);
        or_csv_end_row(&w);
        for (int i = 0; i < l->n; i++) {
            const or_flag *f = &l->items[i];
            or_csv_text(&w, f->upn);
            or_csv_int(&w, f->urn);
            or_csv_text(&w, f->rule->id);
            or_csv_text(&w, f->detail);
            if (p) {
                or_csv_text(&w, or_risk_kind_key(or_risk_kind_of(f->rule->code)));
                or_csv_int(&w, weight(f, p));
                or_csv_text(&w, or_risk_tier_key(tiers[i]));
            }
            or_csv_end_row(&w);
        }
        rc = or_csv_close(&w, "the risk flags", err);
    } else { /* for people: aligned, headings in words (labels.h) */
        static const char *const heads[7] = {"School", "UPN",    "Rule", "Tier",
                                             "Kind",   "Weight", "Why"};
        static const char *const heads4[4] = {"School", "UPN", "Rule", "Why"};
        int nc = p ? 7 : 4;
        const char **cells = or_xcalloc((size_t)l->n * (size_t)nc + 1, sizeof *cells);
        char(*nums)[2][16] = or_xcalloc((size_t)l->n + 1, sizeof *nums);
        for (int i = 0; i < l->n; i++) {
            const or_flag *f = &l->items[i];
            const char **row = &cells[(size_t)i * (size_t)nc];
            snprintf(nums[i][0], sizeof nums[i][0], "%d", f->urn);
            row[0] = nums[i][0];
            row[1] = f->upn;
            row[2] = f->rule->id;
            if (p) {
                snprintf(nums[i][1], sizeof nums[i][1], "%d", weight(f, p));
                row[3] = or_risk_tier_key(tiers[i]);
                row[4] = or_risk_kind_key(or_risk_kind_of(f->rule->code));
                row[5] = nums[i][1];
            }
            row[nc - 1] = f->detail;
        }
        or_text_table(out, p ? heads : heads4, nc, cells, l->n);
        free(cells);
        free(nums);
        rc = finish(out, err);
    }
    free(tiers);
    return rc;
}
