/* pupils.c - loading pupils' facts and schools' calendars from the store (see model.h).
 *
 * One scan per table (or, for one pupil, one filtered scan), grouped by UPN through a hash
 * map; strings are copied into the model's arena; each pupil's arrays are then sorted as
 * facts.h promises. Calendars: the LA's rows plus each school's own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/marks.h"
#include "onroll/model.h"
#include "onroll/strmap.h"

/* A growable array in the model's arena. */
typedef struct {
    void *items;
    int n, cap;
} vec;

static void *vec_push(or_arena *a, vec *v, size_t size)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void *items = or_arena_alloc(a, (size_t)cap * size);
        if (v->n)
            memcpy(items, v->items, (size_t)v->n * size);
        v->items = items;
        v->cap = cap;
    }
    return (char *)v->items + (size_t)v->n++ * size;
}

typedef struct {
    or_pupil_facts f;
    vec snaps, events, enrols, cases, marks, totals;
} pupil;

struct or_model {
    or_arena arena;
    or_strmap by_upn; /* upn -> pupil */
    pupil **pupils;   /* sorted by upn */
    int npupils;
    or_school_info *schools; /* sorted by urn */
    int nschools;
    or_params params;
    vec school_list; /* or_school_info *, while loading */
    vec cal_rows;    /* or_cal_row */
    vec cal_scopes;  /* int: the row's scope (a URN, 0 = the LA) */
};

static const or_school_info *lookup_school(void *ctx, int urn)
{
    return or_model_school(ctx, urn);
}

static pupil *pupil_of(or_model *m, const char *upn)
{
    or_strmap_slot *slot = or_strmap_put(&m->by_upn, upn);
    if (!slot->value) {
        pupil *p = or_arena_calloc(&m->arena, 1, sizeof *p);
        p->f.upn = slot->key;
        p->f.school = lookup_school;
        p->f.school_ctx = m;
        slot->value = p;
    }
    return slot->value;
}

static const char *dup(or_model *m, const or_value *v)
{
    return v->null ? NULL : or_arena_strdup(&m->arena, v->s);
}

static or_date date_of(const or_value *v)
{
    return v->null ? OR_DATE_NONE : (or_date)v->i;
}

static int8_t flag_of(const or_value *v)
{
    return v->null ? -1 : (int8_t)v->i;
}

/* ---- one callback per kind ---- */

static or_code on_school(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)meta;
    (void)err;
    or_school_info *s = or_arena_calloc(&m->arena, 1, sizeof *s);
    s->urn = (int)r[OR_SC_URN].i;
    s->la_code = (int)r[OR_SC_LA_CODE].i;
    s->name = dup(m, &r[OR_SC_NAME]);
    s->phase = dup(m, &r[OR_SC_PHASE]);
    *(or_school_info **)vec_push(&m->arena, &m->school_list, sizeof(or_school_info *)) = s;
    return OR_OK;
}

static or_code on_calendar(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)meta;
    (void)err;
    static const char *const kinds[] = {"term", "holiday", "inset", "closure"};
    or_cal_row *row = vec_push(&m->arena, &m->cal_rows, sizeof *row);
    row->start = (or_date)r[OR_CA_START].i;
    row->end = (or_date)r[OR_CA_END].i;
    row->kind = OR_CAL_TERM;
    for (int k = 0; k < 4; k++)
        if (!strcmp(r[OR_CA_KIND].s, kinds[k]))
            row->kind = (or_cal_kind)k;
    row->school = r[OR_CA_SCOPE].i != 0;
    int *scope = vec_push(&m->arena, &m->cal_scopes, sizeof(int));
    *scope = (int)r[OR_CA_SCOPE].i;
    return OR_OK;
}

static or_code on_snapshot(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)err;
    (void)meta;
    pupil *p = pupil_of(m, r[OR_PU_UPN].s);
    or_fact_snapshot *s = vec_push(&m->arena, &p->snaps, sizeof *s);
    s->as_of = date_of(&r[OR_PU_AS_OF]);
    s->dob = date_of(&r[OR_PU_DOB]);
    s->sex = r[OR_PU_SEX].s[0];
    s->ethnicity = dup(m, &r[OR_PU_ETHNICITY]);
    s->sen_need = dup(m, &r[OR_PU_SEN_NEED]);
    s->year_group = dup(m, &r[OR_PU_YEAR_GROUP]);
    s->sen = r[OR_PU_SEN].s[0];
    s->fsm = flag_of(&r[OR_PU_FSM]);
    s->fsm6 = flag_of(&r[OR_PU_FSM6]);
    s->eal = flag_of(&r[OR_PU_EAL]);
    s->cla = flag_of(&r[OR_PU_CLA]);
    s->pla = flag_of(&r[OR_PU_PLA]);
    s->cin = flag_of(&r[OR_PU_CIN]);
    s->cp = flag_of(&r[OR_PU_CP]);
    s->yjs = flag_of(&r[OR_PU_YJS]);
    s->social_worker_since = date_of(&r[OR_PU_SOCIAL_WORKER_SINCE]);
    s->young_carer = flag_of(&r[OR_PU_YOUNG_CARER]);
    s->parent_or_pregnant = flag_of(&r[OR_PU_PARENT_OR_PREGNANT]);
    return OR_OK;
}

/* The local day of a time of receipt "YYYY-MM-DDTHH:MM:SSZ" (UTC); 0 if there is none. */
static or_date received_day(const char *ts)
{
    int y, mo, d, h, mi, sec;
    if (!ts || sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6 ||
        !or_date_valid_ymd(y, mo, d))
        return 0;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = sec};
    time_t t = timegm(&tm);
    struct tm local;
    if (t == (time_t)-1 || !localtime_r(&t, &local))
        return or_date_from_ymd(y, mo, d);
    return or_date_from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

static or_code on_event(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)err;
    pupil *p = pupil_of(m, r[OR_EV_UPN].s);
    or_fact_event *e = vec_push(&m->arena, &p->events, sizeof *e);
    e->event_id = dup(m, &r[OR_EV_EVENT_ID]);
    e->urn = (int)r[OR_EV_URN].i;
    int kind = or_event_kind_parse(r[OR_EV_TYPE].s);
    e->kind = kind < 0 ? OR_EV_ACTION : (or_event_kind)kind;
    e->start = date_of(&r[OR_EV_START]);
    e->end = date_of(&r[OR_EV_END]);
    e->recorded = received_day(meta->received);
    e->decided = or_fact_decided(date_of(&r[OR_EV_DECIDED]), e->start, e->recorded);
    e->exam_date = date_of(&r[OR_EV_EXAM_DATE]);
    e->sessions = r[OR_EV_SESSIONS].null ? -1 : (int)r[OR_EV_SESSIONS].i;
    e->reasons = dup(m, &r[OR_EV_REASONS]);
    e->ref = dup(m, &r[OR_EV_REF]);
    e->rule = dup(m, &r[OR_EV_RULE]);
    e->outcome = dup(m, &r[OR_EV_OUTCOME]);
    e->delivery = dup(m, &r[OR_EV_DELIVERY]);
    e->provider = dup(m, &r[OR_EV_PROVIDER]);
    e->to = dup(m, &r[OR_EV_TO]);
    e->intervention = dup(m, &r[OR_EV_INTERVENTION_ID]);
    e->measure = dup(m, &r[OR_EV_MEASURE_ID]);
    e->score = dup(m, &r[OR_EV_SCORE]);
    e->details = dup(m, &r[OR_EV_DETAILS]);
    e->to_urn = r[OR_EV_TO_URN].null ? 0 : (int)r[OR_EV_TO_URN].i;
    e->seq = meta->id;
    return OR_OK;
}

static or_code on_enrolment(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)err;
    (void)meta;
    pupil *p = pupil_of(m, r[OR_EN_UPN].s);
    or_fact_enrolment *e = vec_push(&m->arena, &p->enrols, sizeof *e);
    e->urn = (int)r[OR_EN_URN].i;
    e->start = date_of(&r[OR_EN_START]);
    e->end = date_of(&r[OR_EN_END]);
    e->reg_type = r[OR_EN_TYPE].s[0];
    e->year_group = dup(m, &r[OR_EN_YEAR_GROUP]);
    e->leaving_reason = r[OR_EN_LEAVING_REASON].null ? NULL : dup(m, &r[OR_EN_LEAVING_REASON]);
    return OR_OK;
}

static or_code on_case(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)err;
    (void)meta;
    pupil *p = pupil_of(m, r[OR_CL_UPN].s);
    or_fact_case *c = vec_push(&m->arena, &p->cases, sizeof *c);
    c->worker = dup(m, &r[OR_CL_WORKER]);
    c->role = dup(m, &r[OR_CL_ROLE]);
    c->start = date_of(&r[OR_CL_START]);
    c->end = date_of(&r[OR_CL_END]);
    return OR_OK;
}

static or_code on_marks(void *ctx, const char *upn, int urn, int ay, const char *marks,
                        or_error *err)
{
    or_model *m = ctx;
    (void)err;
    pupil *p = pupil_of(m, upn);
    or_fact_marks *k = vec_push(&m->arena, &p->marks, sizeof *k);
    k->urn = urn;
    k->ay = ay;
    char *copy = or_arena_alloc(&m->arena, OR_MARKS_LEN + 1);
    memcpy(copy, marks, OR_MARKS_LEN);
    copy[OR_MARKS_LEN] = '\0';
    k->marks = copy;
    return OR_OK;
}

/* Attendance sent as totals (formats.md): counted with the marks (or_attendance_summary). */
static or_code on_totals(void *ctx, const or_value *r, const or_row_meta *meta, or_error *err)
{
    or_model *m = ctx;
    (void)err;
    (void)meta;
    pupil *p = pupil_of(m, r[OR_AG_UPN].s);
    or_fact_totals *t = vec_push(&m->arena, &p->totals, sizeof *t);
    *t = (or_fact_totals){(int)r[OR_AG_URN].i,         date_of(&r[OR_AG_FROM]),
                          date_of(&r[OR_AG_TO]),       (int)r[OR_AG_POSSIBLE].i,
                          (int)r[OR_AG_PRESENT].i,     (int)r[OR_AG_AUTHORISED].i,
                          (int)r[OR_AG_UNAUTHORISED].i};
    return OR_OK;
}

static int cmp_totals(const void *a, const void *b)
{
    const or_fact_totals *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->urn != y->urn)
        return x->urn < y->urn ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

/* ---- ordering ---- */

static int cmp_event(const void *a, const void *b)
{
    const or_fact_event *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_snap(const void *a, const void *b)
{
    const or_fact_snapshot *x = a, *y = b;
    return x->as_of < y->as_of ? -1 : x->as_of > y->as_of; /* stable enough: scan order */
}

static int cmp_enrol(const void *a, const void *b)
{
    const or_fact_enrolment *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_marks(const void *a, const void *b)
{
    const or_fact_marks *x = a, *y = b;
    if (x->ay != y->ay)
        return x->ay < y->ay ? -1 : 1;
    return x->urn < y->urn ? -1 : x->urn > y->urn;
}

static int cmp_pupil(const void *a, const void *b)
{
    return strcmp((*(pupil *const *)a)->f.upn, (*(pupil *const *)b)->f.upn);
}

static int cmp_school(const void *a, const void *b)
{
    const or_school_info *x = a, *y = b;
    return x->urn < y->urn ? -1 : x->urn > y->urn;
}

/* qsort, which must not be given a NULL array even when it is empty */
static void sort(vec *v, size_t size, int (*cmp)(const void *, const void *))
{
    if (v->n > 1)
        qsort(v->items, (size_t)v->n, size, cmp);
}

static void finish_pupil(pupil *p)
{
    /* snapshots arrive by (upn, as_of, id): already in receipt order within a date; a stable
     * merge is not needed, but sort defensively by as_of only when out of order */
    bool sorted = true;
    or_fact_snapshot *s = p->snaps.items;
    for (int i = 1; i < p->snaps.n && sorted; i++)
        sorted = s[i - 1].as_of <= s[i].as_of;
    if (!sorted)
        sort(&p->snaps, sizeof *s, cmp_snap);
    sort(&p->events, sizeof(or_fact_event), cmp_event);
    sort(&p->enrols, sizeof(or_fact_enrolment), cmp_enrol);
    sort(&p->marks, sizeof(or_fact_marks), cmp_marks);
    sort(&p->totals, sizeof(or_fact_totals), cmp_totals);
    p->f.snaps = p->snaps.items;
    p->f.nsnaps = p->snaps.n;
    p->f.events = p->events.items;
    p->f.nevents = p->events.n;
    p->f.enrols = p->enrols.items;
    p->f.nenrols = p->enrols.n;
    p->f.cases = p->cases.items;
    p->f.ncases = p->cases.n;
    p->f.marks = p->marks.items;
    p->f.nmarks = p->marks.n;
    p->f.totals = p->totals.items;
    p->f.ntotals = p->totals.n;
}

/* Each school's calendar: the LA's rows and the school's own (which override by kind). The
 * schools with no rows of their own (most of them) share one calendar built from the LA's rows
 * alone: a calendar is read-only once built, and building one per school was most of the time
 * of loading one pupil (a pupil's page) for an LA of 80 schools. */
static or_code build_calendars(or_model *m, or_error *err)
{
    const or_cal_row *rows = m->cal_rows.items;
    const int *scope = m->cal_scopes.items;
    or_cal_row *mine = malloc(((size_t)m->cal_rows.n + 1) * sizeof *mine);
    if (!mine)
        return or_fail(err, OR_ENOMEM, "out of memory building calendars");
    or_calendar *la_only = NULL;
    for (int s = 0; s < m->nschools; s++) {
        int n = 0;
        bool own = false;
        for (int i = 0; i < m->cal_rows.n; i++)
            if (scope[i] == 0 || scope[i] == m->schools[s].urn) {
                mine[n++] = rows[i];
                own |= scope[i] != 0;
            }
        if (!own && la_only) {
            m->schools[s].cal = la_only;
            continue;
        }
        or_calendar *cal = or_arena_calloc(&m->arena, 1, sizeof *cal);
        or_code rc = or_calendar_build(cal, mine, n, &m->arena, err);
        if (rc) {
            free(mine);
            or_error_prefix(err, "calendar of school %d: ", m->schools[s].urn);
            return rc;
        }
        m->schools[s].cal = cal;
        if (!own)
            la_only = cal;
    }
    free(mine);
    return OR_OK;
}

static or_code set_param(void *ctx, const char *key, const char *value, or_error *err)
{
    or_code rc = or_params_set(ctx, key, value, err);
    if (rc)
        or_error_prefix(err, "the LA's configuration: ");
    return rc;
}

or_code or_params_load(or_store *s, or_params *p, or_error *err)
{
    or_params_default(p);
    return or_store_config_each(s, set_param, p, err);
}

/* The events (of every pupil: upn NULL, or one). Every pupil's are sorted after (by start, then
 * receipt), so the scan of them all needs no order nor the sources' names it would look up row
 * by row: the lean scan of every column (or_store_scan_rows). */
static or_code scan_events(or_store *s, const char *upn, or_model *m, or_error *err)
{
    const or_kind *k = or_kind_get(OR_K_EVENTS);
    if (upn)
        return or_store_scan_pupil(s, k, upn, on_event, m, err);
    int cols[32];
    for (int c = 0; c < k->ncols; c++)
        cols[c] = c;
    or_scan_spec spec = {cols, k->ncols, .nclauses = 0, .received = true};
    return or_store_scan_rows(s, k, &spec, on_event, m, err);
}

static or_code load(or_store *s, const char *upn, bool events_only, or_model **out, or_error *err)
{
    or_model *m = calloc(1, sizeof *m);
    if (!m)
        return or_fail(err, OR_ENOMEM, "out of memory");
    or_strmap_init(&m->by_upn, &m->arena);
    or_code rc = or_params_load(s, &m->params, err);
    if (events_only) {
        if (!rc)
            rc = or_store_scan_pupil(s, or_kind_get(OR_K_ENROLMENTS), upn, on_enrolment, m, err);
        if (!rc)
            rc = scan_events(s, upn, m, err);
        goto done;
    }
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_SCHOOLS), NULL, on_school, m, err);
    if (!rc) {
        m->nschools = m->school_list.n;
        m->schools = or_arena_alloc(&m->arena, (size_t)(m->nschools + 1) * sizeof *m->schools);
        for (int i = 0; i < m->nschools; i++)
            m->schools[i] = *((or_school_info **)m->school_list.items)[i];
        if (m->nschools > 1)
            qsort(m->schools, (size_t)m->nschools, sizeof *m->schools, cmp_school);
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_CALENDAR), NULL, on_calendar, m, err);
    }
    if (!rc)
        rc = build_calendars(m, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_PUPILS), upn, on_snapshot, m, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_ENROLMENTS), upn, on_enrolment, m, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_CASELOAD), upn, on_case, m, err);
    if (!rc)
        rc = scan_events(s, upn, m, err);
    if (!rc)
        rc = or_store_scan_marks_pupil(s, upn, on_marks, m, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_ATTENDANCE_AGG), upn, on_totals, m, err);
done:
    if (rc) {
        or_model_free(m);
        return rc;
    }
    m->npupils = (int)m->by_upn.len;
    m->pupils = or_arena_alloc(&m->arena, (size_t)(m->npupils + 1) * sizeof *m->pupils);
    int n = 0;
    for (size_t i = 0; i < m->by_upn.cap; i++)
        if (m->by_upn.slots[i].key)
            m->pupils[n++] = m->by_upn.slots[i].value;
    if (n > 1)
        qsort(m->pupils, (size_t)n, sizeof *m->pupils, cmp_pupil);
    for (int i = 0; i < n; i++)
        finish_pupil(m->pupils[i]);
    *out = m;
    return OR_OK;
}

or_code or_model_load(or_store *s, const char *upn, or_model **out, or_error *err)
{
    return load(s, upn, false, out, err);
}

or_code or_model_load_events(or_store *s, const char *upn, or_model **out, or_error *err)
{
    return load(s, upn, true, out, err);
}

void or_model_free(or_model *m)
{
    if (!m)
        return;
    or_strmap_free(&m->by_upn);
    or_arena_free(&m->arena);
    free(m);
}

int or_model_npupils(const or_model *m)
{
    return m->npupils;
}

const or_pupil_facts *or_model_pupil(const or_model *m, int i)
{
    return i >= 0 && i < m->npupils ? &m->pupils[i]->f : NULL;
}

const or_pupil_facts *or_model_find(const or_model *m, const char *upn)
{
    pupil *p = or_strmap_get(&m->by_upn, upn);
    return p ? &p->f : NULL;
}

const or_school_info *or_model_school(const or_model *m, int urn)
{
    int lo = 0, hi = m->nschools - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (m->schools[mid].urn == urn)
            return &m->schools[mid];
        if (m->schools[mid].urn < urn)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const or_params *or_model_params(const or_model *m)
{
    return &m->params;
}
