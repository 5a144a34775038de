/* school_days.c - the importer's school-day check (school_days.h): the calendar's rows read
 * once per batch, each school's own and the LA's gathered once, and the verdict on a day asked
 * of or_school_day_why (src/core/schoolday.c), which words what covers a day that is not a
 * school day. */
#include <stdio.h>
#include <string.h>

#include "ingest/school_days.h"
#include "onroll/kinds.h"

typedef struct {
    or_cal_labelled *rows;
    int n;
} school_cal;

bool school_days_applies(or_event_kind k)
{
    switch (k) {
    case OR_EV_SUSPENSION:
    case OR_EV_LUNCHTIME:
    case OR_EV_PERMANENT:
    case OR_EV_MANAGED_MOVE:
    case OR_EV_OFF_SITE:
    case OR_EV_AP_PLACEMENT:
    case OR_EV_EHE:
    case OR_EV_CME:
    case OR_EV_UNEXPLAINED_EXIT:
    case OR_EV_IN_YEAR_TRANSFER:
        return true;
    default:
        return false;
    }
}

typedef struct {
    school_days *sd;
    or_arena *a;
    int cap;
} load_ctx;

static or_code on_row(void *ctx, const or_value *r, or_error *err)
{
    load_ctx *c = ctx;
    school_days *sd = c->sd;
    (void)err;
    if (sd->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 64;
        or_cal_labelled *rows = or_arena_alloc(c->a, (size_t)cap * sizeof *rows);
        int *scope = or_arena_alloc(c->a, (size_t)cap * sizeof *scope);
        if (sd->n) {
            memcpy(rows, sd->rows, (size_t)sd->n * sizeof *rows);
            memcpy(scope, sd->scope, (size_t)sd->n * sizeof *scope);
        }
        sd->rows = rows;
        sd->scope = scope;
        c->cap = cap;
    }
    static const char *const kinds[] = {"term", "holiday", "inset", "closure"};
    or_cal_kind kind = OR_CAL_TERM;
    for (int k = 0; k < 4; k++)
        if (r[OR_CA_KIND].s && !strcmp(r[OR_CA_KIND].s, kinds[k]))
            kind = (or_cal_kind)k;
    int scope = (int)r[OR_CA_SCOPE].i;
    sd->scope[sd->n] = scope;
    sd->rows[sd->n++] = (or_cal_labelled){
        {(or_date)r[OR_CA_START].i, (or_date)r[OR_CA_END].i, kind, scope != 0},
        r[OR_CA_LABEL].null || !r[OR_CA_LABEL].s ? NULL : or_arena_strdup(c->a, r[OR_CA_LABEL].s)};
    return OR_OK;
}

or_code school_days_check(school_days *sd, or_store *s, or_arena *a, int urn, or_date d,
                          or_sd_verdict *v, char *why, size_t size, or_error *err)
{
    if (!sd->loaded) {
        load_ctx c = {sd, a, 0};
        or_strmap_init(&sd->by_urn, a);
        or_code rc = or_store_scan(s, or_kind_get(OR_K_CALENDAR), on_row, &c, err);
        if (rc)
            return rc;
        sd->loaded = true;
    }
    char key[16];
    snprintf(key, sizeof key, "%d", urn);
    or_strmap_slot *slot = or_strmap_put(&sd->by_urn, key);
    school_cal *sc = slot->value;
    if (!sc) {
        sc = or_arena_calloc(a, 1, sizeof *sc);
        sc->rows = or_arena_alloc(a, (size_t)(sd->n ? sd->n : 1) * sizeof *sc->rows);
        for (int i = 0; i < sd->n; i++)
            if (sd->scope[i] == 0 || sd->scope[i] == urn)
                sc->rows[sc->n++] = sd->rows[i];
        slot->value = sc;
    }
    *v = or_school_day_why(sc->rows, sc->n, d, why, size);
    return OR_OK;
}
