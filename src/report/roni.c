/* roni.c (report) - the RONI list and how well it predicted (roni_report.h, docs/roni.md):
 * the pupils of the model scored on a day with the overrides applied, written for people (a
 * table), for programs (CSV, JSON); the bands against the destinations recorded after. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/csvout.h"
#include "onroll/labels.h"
#include "onroll/nccis.h"
#include "onroll/roni_report.h"

int or_roni_rows(const or_model *m, or_date as_of, const or_roni_override *ov, int nov, int school,
                 int year_group, or_arena *a, or_roni_row **out)
{
    int n = 0, cap = 0;
    or_roni_row *rows = NULL;
    for (int i = 0; i < or_model_npupils(m); i++) {
        const or_pupil_facts *f = or_model_pupil(m, i);
        or_roni_score s;
        if (!or_roni_score_pupil(f, as_of, &s) || (school > 0 && s.urn != school) ||
            (year_group > 0 && s.year_group != year_group))
            continue;
        OR_ARENA_GROW(a, rows, n + 1, cap);
        or_roni_row *r = &rows[n++];
        *r = (or_roni_row){f->upn, f, s, or_roni_override_find(ov, nov, f->upn), s.score, s.band};
        if (r->ov) {
            r->score = r->ov->score;
            r->band = or_roni_band_of(r->score);
        }
    }
    *out = rows;
    return n;
}

const char *or_roni_row_factors(const or_roni_row *r, char *buf, size_t size)
{
    or_roni_factors_text(&r->s, r->ov != NULL, r->score, buf, size);
    return buf;
}

static or_code write_json(FILE *out, const or_roni_row *rows, int n, or_error *err)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        const or_roni_row *r = &rows[i];
        json_t *fs = json_array();
        for (int k = 0; k < OR_RONI__N; k++) {
            if (!r->s.points[k])
                continue;
            char why[200];
            json_array_append_new(fs, json_pack("{s:s, s:i, s:s}", "name",
                                                or_roni_factor_at(k)->key, "points", r->s.points[k],
                                                "why", or_roni_why(&r->s, k, why, sizeof why)));
        }
        json_t *o = json_pack("{s:s, s:i, s:i, s:i, s:s, s:i, s:o, s:s}", "upn", r->upn, "urn",
                              r->s.urn, "year_group", r->s.year_group, "score", r->score, "band",
                              or_roni_band_key(r->band), "calculated", r->s.score, "factors", fs,
                              "version", OR_RONI_VERSION);
        if (r->ov)
            json_object_set_new(o, "override",
                                json_pack("{s:i, s:s, s:s, s:s}", "score", r->ov->score, "reason",
                                          r->ov->reason, "by", r->ov->set_by, "at", r->ov->set_at));
        json_array_append_new(arr, o);
    }
    int rc = json_dumpf(arr, out, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    json_decref(arr);
    if (rc || fputc('\n', out) == EOF)
        return or_fail(err, OR_EIO, "writing the RONI list as JSON failed");
    return OR_OK;
}

or_code or_roni_write(FILE *out, const or_roni_row *rows, int n, or_format fmt, or_error *err)
{
    if (fmt == OR_FMT_JSON)
        return write_json(out, rows, n, err);
    if (fmt == OR_FMT_CSV) {
        or_csv w;
        or_csv_to_file(&w, out);
        static const char *const heads[] = {"upn", "urn", "year_group", "score", "band", "factors"};
        or_csv_texts(&w, heads, 6);
        or_csv_end_row(&w);
        for (int i = 0; i < n; i++) {
            char buf[256];
            or_csv_text(&w, rows[i].upn);
            or_csv_int(&w, rows[i].s.urn);
            or_csv_int(&w, rows[i].s.year_group);
            or_csv_int(&w, rows[i].score);
            or_csv_text(&w, or_roni_band_key(rows[i].band));
            or_csv_text(&w, or_roni_row_factors(&rows[i], buf, sizeof buf));
            or_csv_end_row(&w);
        }
        return or_csv_close(&w, "the RONI list", err);
    }
    static const char *const heads[] = {"UPN", "URN", "Year", "Score", "Band", "Factors"};
    const char **cells = or_xcalloc((size_t)n * 6 + 1, sizeof *cells);
    char(*num)[3][16] = or_xcalloc((size_t)n + 1, sizeof *num);
    char(*fac)[256] = or_xcalloc((size_t)n + 1, sizeof *fac);
    for (int i = 0; i < n; i++) {
        snprintf(num[i][0], 16, "%d", rows[i].s.urn);
        snprintf(num[i][1], 16, "%d", rows[i].s.year_group);
        snprintf(num[i][2], 16, "%d%s", rows[i].score, rows[i].ov ? " (overridden)" : "");
        const char **c = &cells[i * 6];
        c[0] = rows[i].upn;
        c[1] = num[i][0];
        c[2] = num[i][1];
        c[3] = num[i][2];
        c[4] = or_roni_band_label(rows[i].band);
        c[5] = or_roni_row_factors(&rows[i], fac[i], sizeof fac[i]);
    }
    or_text_table(out, heads, 6, cells, n);
    free(cells);
    free(num);
    free(fac);
    return ferror(out) ? or_fail(err, OR_EIO, "writing the RONI list failed") : OR_OK;
}

/* ---- how well it predicted ---- */

typedef struct {
    or_arena *a;
    or_destination *rows;
    int n, cap;
} dest_ctx;

static or_code on_dest(void *ctx, const or_value *r, or_error *err)
{
    dest_ctx *c = ctx;
    (void)err;
    OR_ARENA_GROW(c->a, c->rows, c->n + 1, c->cap);
    c->rows[c->n++] = (or_destination){or_arena_strdup(c->a, r[OR_DE_UPN].s),
                                       (or_date)r[OR_DE_DATE].i, (int)r[OR_DE_ACTIVITY].i};
    return OR_OK;
}

static int by_upn_date(const void *x, const void *y)
{
    const or_destination *a = x, *b = y;
    int c = strcmp(a->upn, b->upn);
    return c ? c : (a->date > b->date) - (a->date < b->date);
}

or_code or_destinations_load(or_store *s, or_arena *a, or_destination **out, int *n, or_error *err)
{
    dest_ctx c = {a, NULL, 0, 0};
    or_code rc = or_store_scan(s, or_kind_get(OR_K_DESTINATIONS), on_dest, &c, err);
    if (c.n > 1)
        qsort(c.rows, (size_t)c.n, sizeof *c.rows, by_upn_date);
    *out = c.rows;
    *n = c.n;
    return rc;
}

const or_destination *or_destination_after(const or_destination *rows, int n, const char *upn,
                                           or_date d)
{
    const or_destination *best = NULL;
    int lo = 0, hi = n;
    while (lo < hi) { /* the first row of upn */
        int mid = (lo + hi) / 2;
        if (strcmp(rows[mid].upn, upn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo; i < n && !strcmp(rows[i].upn, upn); i++)
        if (rows[i].date > d)
            best = &rows[i];
    return best;
}

void or_roni_outcomes(const or_model *m, or_date scored_on, const or_roni_override *ov, int nov,
                      const or_destination *dest, int ndest, or_roni_outcome out[OR_RONI_BAND__N])
{
    memset(out, 0, OR_RONI_BAND__N * sizeof *out);
    or_arena a = OR_ARENA_INIT;
    or_roni_row *rows;
    int n = or_roni_rows(m, scored_on, ov, nov, 0, 11, &a, &rows);
    for (int i = 0; i < n; i++) {
        or_roni_outcome *o = &out[rows[i].band];
        o->pupils++;
        const or_destination *d = or_destination_after(dest, ndest, rows[i].upn, scored_on);
        if (!d)
            continue;
        o->destinations++;
        int g = or_nccis_group_of(d->activity);
        o->neet += g == OR_NCCIS_NEET;
        o->not_known += g == OR_NCCIS_NOT_KNOWN;
    }
    or_arena_free(&a);
}

or_date or_roni_outcomes_day(or_date as_of)
{
    return or_date_from_ymd(or_date_academic_year(as_of), 1, 15);
}

or_code or_roni_outcomes_write(FILE *out, const or_roni_outcome *o, or_date scored_on,
                               or_format fmt, or_error *err)
{
    char day[11], words[OR_FMT_DATE_LEN];
    or_date_format(scored_on, day);
    if (fmt == OR_FMT_JSON) {
        json_t *arr = json_array();
        for (int b = 0; b < OR_RONI_BAND__N; b++)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "scored_on", day,
                                                 "band", or_roni_band_key(b), "pupils", o[b].pupils,
                                                 "destinations", o[b].destinations, "neet",
                                                 o[b].neet, "not_known", o[b].not_known));
        int rc = json_dumpf(arr, out, JSON_INDENT(1) | JSON_ENSURE_ASCII);
        json_decref(arr);
        if (rc || fputc('\n', out) == EOF)
            return or_fail(err, OR_EIO, "writing the RONI outcomes as JSON failed");
        return OR_OK;
    }
    if (fmt == OR_FMT_CSV) {
        or_csv w;
        or_csv_to_file(&w, out);
        static const char *const heads[] = {"scored_on",    "band", "pupils",
                                            "destinations", "neet", "not_known"};
        or_csv_texts(&w, heads, 6);
        or_csv_end_row(&w);
        for (int b = 0; b < OR_RONI_BAND__N; b++) {
            or_csv_text(&w, day);
            or_csv_text(&w, or_roni_band_key(b));
            or_csv_int(&w, o[b].pupils);
            or_csv_int(&w, o[b].destinations);
            or_csv_int(&w, o[b].neet);
            or_csv_int(&w, o[b].not_known);
            or_csv_end_row(&w);
        }
        return or_csv_close(&w, "the RONI outcomes", err);
    }
    static const char *const heads[] = {"Band", "Year 11 pupils", "Destinations",
                                        "NEET", "Not known",      "NEET or not known"};
    const char *cells[OR_RONI_BAND__N * 6];
    char num[OR_RONI_BAND__N][5][OR_FMT_PCT_LEN + 4];
    for (int b = 0; b < OR_RONI_BAND__N; b++) {
        snprintf(num[b][0], sizeof num[b][0], "%d", o[b].pupils);
        snprintf(num[b][1], sizeof num[b][1], "%d", o[b].destinations);
        snprintf(num[b][2], sizeof num[b][2], "%d", o[b].neet);
        snprintf(num[b][3], sizeof num[b][3], "%d", o[b].not_known);
        char pct[OR_FMT_PCT_LEN];
        if (o[b].destinations)
            snprintf(num[b][4], sizeof num[b][4], "%s%%",
                     or_fmt_pct(o[b].neet + o[b].not_known, o[b].destinations, pct));
        else
            snprintf(num[b][4], sizeof num[b][4], "no destinations");
        cells[b * 6] = or_roni_band_label(b);
        for (int k = 0; k < 5; k++)
            cells[b * 6 + 1 + k] = num[b][k];
    }
    fprintf(out, "Year 11 on %s, by RONI band: destinations recorded after that day\n",
            or_fmt_date(scored_on, words));
    or_text_table(out, heads, 6, cells, OR_RONI_BAND__N);
    return ferror(out) ? or_fail(err, OR_EIO, "writing the RONI outcomes failed") : OR_OK;
}
