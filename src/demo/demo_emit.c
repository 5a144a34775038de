/* demo_emit.c - the synthetic LA as rows: every kind's cells as text in its column order
 * (kinds.h), as a CSV importer would receive them, all rows of a kind before the next:
 * schools, calendar, pupils (a second snapshot where one was drawn), enrolments, caseload
 * (social workers for CIN, CP and looked-after pupils, the virtual school head for looked-after
 * pupils, youth justice workers), events (in each school's order, with the school's ids). */
#include <stdio.h>
#include <string.h>

#include "demo/demo_internal.h"

#define CELL     160
#define MAX_COLS 24
#define DOMAIN   "children.example.gov.uk"

typedef struct {
    char text[MAX_COLS][CELL];
    const char *cells[MAX_COLS];
    const or_demo_sink *sink;
    or_error *err;
} row_buf;
_Static_assert(OR_EV__N <= MAX_COLS, "a demo row holds every column of the widest kind");

static void row_clear(row_buf *r, int ncols)
{
    for (int c = 0; c < ncols; c++) {
        r->text[c][0] = '\0';
        r->cells[c] = r->text[c];
    }
}

static void put(row_buf *r, int col, const char *s)
{
    snprintf(r->text[col], CELL, "%s", s);
}

static void put_int(row_buf *r, int col, long v)
{
    snprintf(r->text[col], CELL, "%ld", v);
}

static void put_date(row_buf *r, int col, or_date d)
{
    if (d == OR_DATE_NONE)
        r->text[col][0] = '\0';
    else
        or_date_format(d, r->text[col]);
}

static or_code send(row_buf *r, or_kind_id kind)
{
    return r->sink->row(r->sink->ctx, kind, r->cells, r->err);
}

/* ---- schools and calendar ---- */

static or_code emit_schools(dm_gen *g, row_buf *r)
{
    or_code rc = OR_OK;
    for (int i = 0; i < g->nschools && !rc; i++) {
        const dm_school *s = &g->schools[i];
        row_clear(r, OR_SC__N);
        put_int(r, OR_SC_URN, s->urn);
        snprintf(r->text[OR_SC_LAESTAB], CELL, "%07d", s->laestab);
        put(r, OR_SC_NAME, s->name);
        put(r, OR_SC_PHASE, dm_phase_names[s->phase]);
        put_int(r, OR_SC_LA_CODE, g->p.la_code);
        put(r, OR_SC_TYPE, s->type);
        rc = send(r, OR_K_SCHOOLS);
    }
    return rc;
}

static or_code emit_calendar(dm_gen *g, row_buf *r)
{
    static const char *const kinds[] = {"term", "holiday", "inset", "closure"};
    or_code rc = OR_OK;
    for (int i = 0; i < g->ncal_rows && !rc; i++) {
        const dm_cal_row *c = &g->cal_rows[i];
        row_clear(r, OR_CA__N);
        if (c->school < 0)
            put(r, OR_CA_SCOPE, "LA");
        else
            put_int(r, OR_CA_SCOPE, g->schools[c->school].urn);
        put_date(r, OR_CA_START, c->start);
        put_date(r, OR_CA_END, c->end);
        put(r, OR_CA_KIND, kinds[c->kind]);
        put(r, OR_CA_LABEL, c->label);
        rc = send(r, OR_K_CALENDAR);
    }
    return rc;
}

/* ---- pupils ---- */

/* The census code of the pupil's primary need on date d (SEMH was BESD before September 2014). */
static const char *need_code(const dm_chars *c, or_date d)
{
    const char *code = c->sen == DM_SEN_K   ? dm_needs_k[c->need].code
                       : c->sen == DM_SEN_E ? dm_needs_e[c->need].code
                                            : "";
    if (!strcmp(code, "SEMH") && d < or_date_from_ymd(2014, 9, 1))
        return "BESD";
    return code;
}

static or_code emit_snapshot(row_buf *r, const dm_pupil *p, or_date as_of, const dm_chars *c)
{
    row_clear(r, OR_PU__N);
    put(r, OR_PU_UPN, p->upn);
    put(r, OR_PU_FORENAME, p->forename);
    put(r, OR_PU_SURNAME, p->surname);
    put_date(r, OR_PU_DOB, p->dob);
    r->text[OR_PU_SEX][0] = c->sex;
    r->text[OR_PU_SEX][1] = '\0';
    put(r, OR_PU_ETHNICITY, dm_ethnicities[c->eth].code);
    put_int(r, OR_PU_FSM, c->fsm);
    put(r, OR_PU_SEN, c->sen == DM_SEN_E ? "E" : c->sen == DM_SEN_K ? "K" : "N");
    put_date(r, OR_PU_AS_OF, as_of);
    put_int(r, OR_PU_FSM6, c->fsm6);
    put(r, OR_PU_SEN_NEED, need_code(c, as_of));
    put_int(r, OR_PU_EAL, c->eal);
    put_int(r, OR_PU_CLA, c->cla);
    put_int(r, OR_PU_PLA, c->pla);
    put_int(r, OR_PU_CIN, c->cin);
    put_int(r, OR_PU_CP, c->cp);
    put_date(r, OR_PU_SOCIAL_WORKER_SINCE, c->sw_since);
    put_int(r, OR_PU_YJS, c->yjs);
    put(r, OR_PU_YEAR_GROUP, dm_yg_code(or_date_academic_year(as_of) - p->cohort));
    return send(r, OR_K_PUPILS);
}

static or_code emit_pupils(dm_gen *g, row_buf *r)
{
    or_code rc = OR_OK;
    for (size_t i = 0; i < g->npupils && !rc; i++) {
        const dm_pupil *p = &g->pupils[i];
        rc = emit_snapshot(r, p, p->as_of1, &p->c1);
        /* a second snapshot only while the pupil is still on some roll */
        if (!rc && p->as_of2 != OR_DATE_NONE && (p->left == OR_DATE_NONE || p->as_of2 <= p->left))
            rc = emit_snapshot(r, p, p->as_of2, &p->c2);
    }
    return rc;
}

/* ---- enrolments ---- */

static or_code emit_enrolments(dm_gen *g, row_buf *r)
{
    or_code rc = OR_OK;
    for (size_t i = 0; i < g->nenrols && !rc; i++) {
        const dm_enrol *e = &g->enrols[i];
        row_clear(r, OR_EN__N);
        put(r, OR_EN_UPN, g->pupils[e->pupil].upn);
        put_int(r, OR_EN_URN, g->schools[e->school].urn);
        put_date(r, OR_EN_START, e->start);
        put_date(r, OR_EN_END, e->end);
        put(r, OR_EN_TYPE, e->dual ? "dual" : "main");
        put(r, OR_EN_YEAR_GROUP, dm_yg_code(e->yg));
        if (e->end != OR_DATE_NONE)
            put(r, OR_EN_LEAVING_REASON, dm_leaving_text[e->why]);
        rc = send(r, OR_K_ENROLMENTS);
    }
    return rc;
}

/* ---- caseload ---- */

enum { POOL_YJS = 450, POOL_VSH = 470 };

static or_code case_row(row_buf *r, const dm_pupil *p, int worker, const char *role, or_date start,
                        or_date end)
{
    char name[64];
    dm_worker_name(worker, name, sizeof name);
    row_clear(r, OR_CL__N);
    put(r, OR_CL_UPN, p->upn);
    snprintf(r->text[OR_CL_WORKER], CELL, "%s@%s", name, DOMAIN);
    put(r, OR_CL_ROLE, role);
    put_date(r, OR_CL_START, start);
    put_date(r, OR_CL_END, end);
    return send(r, OR_K_CASELOAD);
}

static or_date social_work_since(const dm_pupil *p)
{
    if (p->c1.sw_since != OR_DATE_NONE)
        return p->c1.sw_since;
    return p->as_of2 != OR_DATE_NONE ? p->c2.sw_since : OR_DATE_NONE;
}

static or_date cla_since(const dm_pupil *p)
{
    if (p->c1.cla)
        return p->c1.sw_since;
    return p->as_of2 != OR_DATE_NONE && p->c2.cla ? p->c2.sw_since : OR_DATE_NONE;
}

/* A social worker (one in five changed once), the VSH for a looked-after pupil, a youth
 * justice worker for a pupil known to the YJS. */
static or_code pupil_cases(dm_gen *g, row_buf *r, size_t i, int pool)
{
    const dm_pupil *p = &g->pupils[i];
    dm_rng rng;
    dm_rng_seed(&rng, g->p.seed ^ 0x636173656cULL, i);
    or_code rc = OR_OK;
    or_date since = social_work_since(p), as_of = g->p.as_of;
    if (since != OR_DATE_NONE) {
        int w = dm_below(&rng, pool);
        if (as_of - since > 120 && dm_chance(&rng, 0.2)) {
            or_date change = since + (as_of - since) / 2;
            rc = case_row(r, p, w, "social_worker", since, change - 1);
            w = (w + 1 + dm_below(&rng, pool - 1)) % pool;
            since = change;
        }
        if (!rc)
            rc = case_row(r, p, w, "social_worker", since, OR_DATE_NONE);
    }
    or_date cla = cla_since(p);
    if (!rc && cla != OR_DATE_NONE)
        rc = case_row(r, p, POOL_VSH + dm_below(&rng, 2), "vsh", cla, OR_DATE_NONE);
    if (!rc && p->yjs_since != OR_DATE_NONE)
        rc = case_row(r, p, POOL_YJS + dm_below(&rng, 6), "youth_justice", p->yjs_since,
                      OR_DATE_NONE);
    return rc;
}

static or_code emit_caseload(dm_gen *g, row_buf *r)
{
    int n = 0;
    for (size_t i = 0; i < g->npupils; i++)
        n += social_work_since(&g->pupils[i]) != OR_DATE_NONE;
    int pool = n / 12 < 6 ? 6 : n / 12 > 400 ? 400 : n / 12; /* about a dozen children each */
    or_code rc = OR_OK;
    for (size_t i = 0; i < g->npupils && !rc; i++)
        rc = pupil_cases(g, r, i, pool);
    return rc;
}

/* ---- events ---- */

static const char *id_prefix(int type)
{
    switch (type) {
    case DM_EV_SUSPENSION:
    case DM_EV_LUNCHTIME:
    case DM_EV_PERMANENT:
    case DM_EV_WITHDRAWN:
        return "EX";
    case DM_EV_AP:
    case DM_EV_OFF_SITE:
        return "AP";
    case DM_EV_PTT:
        return "PT";
    default:
        return "MV";
    }
}

static void event_id(const dm_event *e, char *buf)
{
    snprintf(buf, CELL, "%s-%d-%05d", id_prefix(e->type), or_date_academic_year(e->start), e->seq);
}

static void put_reasons(row_buf *r, const dm_event *e)
{
    const dm_weighted *list = dm_old_reasons(e->start) ? dm_reasons_old : dm_reasons;
    char *p = r->text[OR_EV_REASONS];
    p[0] = '\0';
    for (int i = 0; i < e->nreasons; i++) {
        if (i)
            strcat(p, ";");
        strcat(p, list[e->reasons[i]].code);
    }
}

static or_code emit_event(dm_gen *g, row_buf *r, const dm_event *e)
{
    row_clear(r, OR_EV__N);
    event_id(e, r->text[OR_EV_EVENT_ID]);
    put(r, OR_EV_UPN, g->pupils[e->pupil].upn);
    put_int(r, OR_EV_URN, g->schools[e->school].urn);
    put(r, OR_EV_TYPE, dm_ev_names[e->type]);
    put_date(r, OR_EV_START, e->start);
    if (e->sessions)
        put_int(r, OR_EV_SESSIONS, e->sessions);
    put_reasons(r, e);
    if (e->ref >= 0)
        event_id(&g->events[e->ref], r->text[OR_EV_REF]);
    if (e->to_school >= 0)
        put_int(r, OR_EV_TO_URN, g->schools[e->to_school].urn);
    if (e->provider >= 0)
        put(r, OR_EV_PROVIDER, dm_providers[e->provider]);
    put_date(r, OR_EV_END, e->end);
    put_date(r, OR_EV_DECIDED, e->decided);
    return send(r, OR_K_EVENTS);
}

static or_code emit_events(dm_gen *g, row_buf *r)
{
    or_code rc = OR_OK;
    for (size_t i = 0; i < g->nevents && !rc; i++)
        rc = emit_event(g, r, &g->events[g->ev_order[i]]);
    return rc;
}

or_code dm_emit_rows(dm_gen *g, const or_demo_sink *sink, or_error *err)
{
    row_buf r;
    r.sink = sink;
    r.err = err;
    or_code (*steps[])(dm_gen *, row_buf *) = {emit_schools,    emit_calendar, emit_pupils,
                                               emit_enrolments, emit_caseload, emit_events};
    or_code rc = OR_OK;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++)
        rc = steps[i](g, &r);
    if (!rc)
        rc = dm_emit_interventions(g, sink, err);
    return rc;
}
