/* view_peps.c - the looked-after children a user may see, each with their Personal Education
 * Plan's status this term and whether they have a school place (view_lists.h): the rows and
 * the figures of /peps, and of any dashboard that counts them, from one function.
 *
 * Looked after: the characteristics snapshot in force today says so (cla = 1). The status:
 *   - never:   no PEP meeting recorded, ever (a `pep` event, or LOCAL-PEP recorded as done),
 *              whatever the term says: the Virtual School's first PEP is still to hold;
 *   - else the LOCAL-PEP duties of this school year's terms (protocol.c, on the calendar of the
 *     school the child is on the roll of): the latest term's done (current); else a term
 *     ended without one (overdue: the last PEP was missed and none held since); else due by
 *     the end of this term;
 *   - a child with no school place has no such duty (no school's term), so the same question
 *     is asked of this school year's terms on the calendar of their last school (the LA's terms
 *     when they never had one), in the same order.
 * So every looked-after child is in exactly one status, and the figures add up to the total.
 *
 * The Virtual School sees the children of its scope (view_scope_pupils, each confirmed by
 * scope.c); the LA every looked-after child; anyone else none. */
#include <string.h>

#include "onroll/calendar.h"
#include "onroll/rules.h"
#include "web/view_lists.h"

static const char *const keys[VIEW_PEP__N] = {"current", "due", "overdue", "never"};
/* labels.h */
static const char *const words[VIEW_PEP__N] = {"PEP held this term", "PEP due this term",
                                               "PEP overdue", "Never had a PEP"};

const char *view_pep_key(view_pep_status s)
{
    return s >= 0 && s < VIEW_PEP__N ? keys[s] : "";
}

const char *view_pep_words(view_pep_status s)
{
    return s >= 0 && s < VIEW_PEP__N ? words[s] : "";
}

int view_pep_parse(const char *key)
{
    for (int i = 0; key && i < VIEW_PEP__N; i++)
        if (!strcmp(key, keys[i]))
            return i;
    return -1;
}

/* On a school's roll (a main registration) on d? */
static bool on_roll(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nenrols; i++)
        if (f->enrols[i].reg_type == 'm' && f->enrols[i].start <= d &&
            (f->enrols[i].end == OR_DATE_NONE || f->enrols[i].end >= d))
            return true;
    return false;
}

static bool is_pep(const or_fact_event *e, or_date as_of)
{
    return e->start <= as_of &&
           (e->kind == OR_EV_PEP || (e->kind == OR_EV_ACTION && e->rule &&
                                     or_rule_parse(e->rule) == (int)OR_RULE_LOCAL_PEP));
}

/* A calendar for a child with no school's term: their last school's, else the first school's
 * that has one (every school's calendar holds the LA's terms). */
static const or_calendar *calendar_for(const view_snapshot *snap, int urn)
{
    const or_school_info *s = urn ? or_model_school(snap->model, urn) : NULL;
    for (int i = 0; (!s || !s->cal) && i < snap->nschools; i++)
        s = or_model_school(snap->model, snap->schools[i].urn);
    return s ? s->cal : NULL;
}

/* The status from the terms of this school year begun on cal (see the top); *due the end of
 * the latest. */
static view_pep_status by_term(const or_calendar *cal, const or_pupil_facts *f, or_date as_of,
                               or_date *due)
{
    int ay = or_date_academic_year(as_of), latest = -1;
    bool missed = false, held = false;
    for (int t = 0; cal && t < cal->nterms; t++) {
        or_date from = cal->term_start[t], to = cal->term_end[t];
        if (from > as_of || or_date_academic_year(from) != ay)
            continue;
        bool pep = false;
        for (int i = 0; i < f->nevents; i++)
            pep |= is_pep(&f->events[i], as_of) && f->events[i].start >= from &&
                   f->events[i].start <= to;
        if (latest < 0 || from > cal->term_start[latest]) {
            latest = t;
            held = pep;
        }
        missed |= !pep && to < as_of;
    }
    if (latest < 0)
        return VIEW_PEP_CURRENT; /* no term begun this school year: nothing is due */
    *due = cal->term_end[latest];
    return held ? VIEW_PEP_CURRENT : missed ? VIEW_PEP_OVERDUE : VIEW_PEP_DUE;
}

static void pep_of(const view_snapshot *snap, const view_pupil *p, view_pep *w)
{
    memset(w, 0, sizeof *w);
    w->p = p;
    w->due = OR_DATE_NONE;
    w->no_place = !on_roll(p->f, snap->as_of);
    for (int e = 0; e < p->f->nevents; e++)
        if (is_pep(&p->f->events[e], snap->as_of))
            w->last = &p->f->events[e]; /* events are in date order */
    const or_duty *pep = NULL;
    bool missed = false; /* a term of this school year ended without one */
    for (int d = p->duty0; d < p->duty0 + p->nduties; d++) {
        const or_duty *du = &snap->duties.items[d];
        if (du->rule->code != OR_RULE_LOCAL_PEP)
            continue;
        missed |= du->status == OR_DUTY_OVERDUE;
        if (!pep || du->due > pep->due)
            pep = du; /* the latest term begun */
    }
    if (pep) {
        w->due = pep->due;
        w->status = pep->status == OR_DUTY_DONE ? VIEW_PEP_CURRENT
                    : missed                    ? VIEW_PEP_OVERDUE
                                                : VIEW_PEP_DUE;
    } else {
        w->status = by_term(calendar_for(snap, p->urn), p->f, snap->as_of, &w->due);
    }
    if (!w->last)
        w->status = VIEW_PEP_NEVER;
}

or_code view_peps_list(const web_request *req, view_snapshot *snap, view_pep **out, int *n,
                       or_error *err)
{
    *out = NULL;
    *n = 0;
    or_role role = req->user->role;
    bool la = role == OR_ROLE_LA_ADMIN || role == OR_ROLE_LA_OFFICER;
    if (!la && role != OR_ROLE_VIRTUAL_SCHOOL)
        return OR_OK;
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    if (!la) {
        or_code rc = view_scope_pupils(req, snap, &scope, &nscope, err);
        if (rc)
            return rc;
    }
    int total = la ? snap->npupils : nscope, count = 0;
    view_pep *rows = or_arena_alloc(req->arena, ((size_t)total + 1) * sizeof *rows);
    if (!rows)
        return or_fail(err, OR_ENOMEM, "view_peps.c: out of memory listing looked-after children");
    for (int i = 0; i < total; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        const or_fact_snapshot *s = or_facts_snapshot_on(p->f, snap->as_of);
        if (!s || s->cla != 1)
            continue;
        pep_of(snap, p, &rows[count++]);
    }
    *out = rows;
    *n = count;
    return OR_OK;
}

or_code view_pep_counts(const web_request *req, view_snapshot *snap, int counts[VIEW_PEP__N],
                        int *no_place, int *total, or_error *err)
{
    memset(counts, 0, VIEW_PEP__N * sizeof *counts);
    *no_place = *total = 0;
    view_pep *rows;
    int n;
    or_code rc = view_peps_list(req, snap, &rows, &n, err);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        counts[rows[i].status]++;
        *no_place += rows[i].no_place;
    }
    *total = n;
    return OR_OK;
}
