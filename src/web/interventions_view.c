/* interventions_view.c - the pieces the interventions pages share (interventions_view.h): level
 * tags, sets in words, a pupil's interventions from the ledger (chains of `intervention`
 * events, the latest record winning) and their table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store_interventions.h"
#include "onroll/strmap.h"
#include "web/interventions_view.h"
#include "web/view.h"

void iv_level_tag(or_sb *out, or_iv_level level)
{
    static const char *const colours[OR_IV_LEVEL__N] = {"green", "blue", "orange"};
    if ((int)level < 0 || level >= OR_IV_LEVEL__N)
        return;
    view_tag(out, or_iv_levels[level].label, colours[level]);
}

const char *iv_set_words(or_arena *a, const or_iv_term *terms, int n, unsigned set,
                         const char *all_words)
{
    unsigned all = n >= 32 ? ~0u : (1u << n) - 1u;
    if (all_words && (set & all) == all)
        return all_words;
    or_sb sb = OR_SB_INIT;
    or_iv_set_labels(terms, n, set, &sb);
    const char *s = or_arena_strdup(a, or_sb_str(&sb));
    or_sb_release(&sb);
    return s;
}

const char *iv_status_words(iv_status s, const char **colour)
{
    switch (s) {
    case IV_PLANNED:
        *colour = "grey";
        return "Planned";
    case IV_CURRENT:
        *colour = "green";
        return "Current";
    default:
        *colour = "grey";
        return "Ended";
    }
}

/* ---- the pupil's records ---- */

typedef struct {
    const char *event_id, *ref, *intervention, *provider, *notes, *recorded_by;
    int urn;
    or_date start, end;
    int64_t seq;
} raw;

typedef struct {
    or_arena *a;
    raw *items;
    int n, cap;
} raws;

static const char *dup(or_arena *a, const or_value *v)
{
    return v->null || !v->s ? "" : or_arena_strdup(a, v->s);
}

static or_code on_event(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    (void)err;
    raws *r = ctx;
    if (row[OR_EV_TYPE].null || strcmp(row[OR_EV_TYPE].s, "intervention"))
        return OR_OK;
    OR_ARENA_GROW(r->a, r->items, r->n + 1, r->cap);
    r->items[r->n++] = (raw){
        dup(r->a, &row[OR_EV_EVENT_ID]),
        dup(r->a, &row[OR_EV_REF]),
        dup(r->a, &row[OR_EV_INTERVENTION_ID]),
        dup(r->a, &row[OR_EV_PROVIDER]),
        dup(r->a, &row[OR_EV_NOTES]),
        dup(r->a, &row[OR_EV_RECORDED_BY]),
        (int)row[OR_EV_URN].i,
        row[OR_EV_START].null ? OR_DATE_NONE : (or_date)row[OR_EV_START].i,
        row[OR_EV_END].null ? OR_DATE_NONE : (or_date)row[OR_EV_END].i,
        meta ? meta->id : 0,
    };
    return OR_OK;
}

static int by_start_desc(const void *x, const void *y)
{
    const iv_record *a = x, *b = y;
    if (a->start != b->start)
        return a->start > b->start ? -1 : 1;
    return a->seq > b->seq ? -1 : a->seq < b->seq;
}

or_code iv_pupil_records(const web_request *req, const char *upn, iv_record **out, int *n,
                         or_error *err)
{
    raws r = {req->arena, NULL, 0, 0};
    *out = NULL;
    *n = 0;
    or_code rc = or_store_scan_pupil(req->store, or_kind_get(OR_K_EVENTS), upn, on_event, &r, err);
    if (rc || !r.n)
        return rc;
    or_arena tmp = OR_ARENA_INIT;
    or_strmap by_key;
    or_strmap_init(&by_key, &tmp);
    char key[96];
    for (int i = 0; i < r.n; i++) {
        snprintf(key, sizeof key, "%d|%s", r.items[i].urn, r.items[i].event_id);
        or_strmap_put(&by_key, key)->value = (void *)(intptr_t)(i + 1);
    }
    /* each record's first: follow refs back (at most n steps: a cycle cannot loop) */
    int *first = or_arena_alloc(&tmp, (size_t)r.n * sizeof *first);
    int *chain = or_arena_alloc(&tmp, (size_t)r.n * sizeof *chain); /* first -> its record */
    for (int i = 0; i < r.n; i++) {
        int at = i;
        for (int steps = 0; steps < r.n && *r.items[at].ref; steps++) {
            snprintf(key, sizeof key, "%d|%s", r.items[at].urn, r.items[at].ref);
            intptr_t to = (intptr_t)or_strmap_get(&by_key, key);
            if (!to || to - 1 == at)
                break;
            at = (int)(to - 1);
        }
        first[i] = at;
        chain[i] = -1;
    }
    iv_record *recs = or_arena_calloc(req->arena, (size_t)r.n, sizeof *recs);
    int k = 0;
    or_date today = web_today(req);
    for (int i = 0; i < r.n; i++) { /* firsts, in the order of receipt */
        if (first[i] != i)
            continue;
        chain[i] = k;
        recs[k].first_id = r.items[i].event_id;
        recs[k].seq = r.items[i].seq;
        recs[k].changes = -1;
        k++;
    }
    for (int i = 0; i < r.n; i++) { /* every record, in the order of receipt: the latest wins */
        int c = chain[first[i]];
        if (c < 0)
            continue;
        iv_record *x = &recs[c];
        const raw *w = &r.items[i];
        x->latest_id = w->event_id;
        x->urn = w->urn;
        x->intervention = w->intervention;
        x->start = w->start;
        x->end = w->end;
        x->provider = w->provider;
        x->notes = w->notes;
        x->recorded_by = w->recorded_by;
        x->changes++;
    }
    or_strmap_free(&by_key);
    or_arena_free(&tmp);
    for (int i = 0; i < k; i++) {
        iv_record *x = &recs[i];
        or_intervention e;
        bool found = false;
        if ((rc = or_iv_get(req->store, x->intervention, req->arena, &e, &found, err)))
            return rc;
        x->in_directory = found;
        x->name = found ? e.name : x->intervention;
        x->level = found ? e.level : OR_IV_UNIVERSAL;
        x->status = x->start > today                           ? IV_PLANNED
                    : x->end != OR_DATE_NONE && x->end < today ? IV_ENDED
                                                               : IV_CURRENT;
    }
    qsort(recs, (size_t)k, sizeof *recs, by_start_desc);
    *out = recs;
    *n = k;
    return OR_OK;
}

/* May the user change this record (the LA any; a school its own school's)? */
static bool may_change(const web_request *req, int urn)
{
    if (!(WEB_RECORD_ROLES & WEB_R(req->user->role)))
        return false;
    int mine = web_user_school(req);
    return !mine || mine == urn;
}

void iv_records_table(or_sb *out, const web_request *req, const char *caption, const char *upn,
                      const iv_record *r, int n, bool change_links)
{
    bool links = false;
    for (int i = 0; change_links && i < n; i++)
        links |= may_change(req, r[i].urn);
    html_raw(out, "<table class=\"govuk-table\">\n");
    html_printf(out,
                "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s</caption>\n",
                caption);
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Intervention</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Start</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Planned end</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Who delivers</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Status</th>\n");
    if (links)
        html_raw(out, "<th scope=\"col\" class=\"govuk-table__header\">Change</th>\n");
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    char d1[24], d2[24];
    for (int i = 0; i < n; i++) {
        const iv_record *x = &r[i];
        html_raw(out, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">");
        if (x->in_directory)
            html_printf(out, "<a class=\"govuk-link\" href=\"/interventions/%t\">%s</a>",
                        x->intervention, x->name);
        else
            html_text(out, x->name);
        html_raw(out, "<br>");
        if (x->in_directory)
            iv_level_tag(out, x->level);
        if (x->changes > 0)
            html_printf(out, " <span class=\"onroll-secondary\">changed %d %s</span>", x->changes,
                        x->changes == 1 ? "time" : "times");
        html_printf(out,
                    "</td>\n<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n"
                    "<td class=\"govuk-table__cell\">%s</td>\n<td class=\"govuk-table__cell\">",
                    view_date(x->start, d1),
                    x->end == OR_DATE_NONE ? "None set" : view_date(x->end, d2),
                    *x->provider ? x->provider : "Not recorded");
        const char *colour;
        const char *words = iv_status_words(x->status, &colour);
        view_tag(out, words, colour);
        html_raw(out, "</td>\n");
        if (links) {
            if (may_change(req, x->urn))
                html_printf(out,
                            "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                            "href=\"/pupils/%t/interventions?change=%t&amp;urn=%d\">Change or "
                            "end<span class=\"govuk-visually-hidden\"> %s</span></a></td>\n",
                            upn, x->first_id, x->urn, x->name);
            else
                html_raw(out, "<td class=\"govuk-table__cell\"></td>\n");
        }
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}
