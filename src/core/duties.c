/* duties.c - the duties framework: each exclusion worked out once (covered days, term and
 * year totals on its school's calendar), the status of a duty as of a date, sorting, and the
 * 45-day cap. The rules themselves are in duties_stat.c (§3) and protocol.c (§4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/duties_internal.h"

const char *or_duty_status_name(or_duty_status s)
{
    return s == OR_DUTY_DONE ? "done" : s == OR_DUTY_OVERDUE ? "overdue" : "open";
}

void or_duty_list_init(or_duty_list *l, or_arena *arena)
{
    l->items = NULL;
    l->n = l->cap = 0;
    l->arena = arena;
}

static or_duty *push(or_duty_list *l)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        or_duty *items = or_arena_alloc(l->arena, (size_t)cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, (size_t)l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    return &l->items[l->n++];
}

const or_fact_event *or_duty_action(const or_duty_ctx *c, const or_fact_event *e, const char *rule)
{
    const or_fact_event *a = or_facts_action(c->f, e->urn, e->event_id, rule);
    if (a && a->start > c->as_of) { /* recorded later than the date asked about */
        a = NULL;
        for (int i = 0; i < c->f->nevents; i++) {
            const or_fact_event *b = &c->f->events[i];
            if (b->kind == OR_EV_ACTION && b->urn == e->urn && b->start <= c->as_of && b->ref &&
                b->rule && !strcmp(b->ref, e->event_id) && !strcmp(b->rule, rule))
                a = b;
        }
    }
    return a;
}

static const or_excl_info *info_of(const or_duty_ctx *c, const or_fact_event *e)
{
    for (int i = 0; i < c->nx; i++)
        if (c->x[i].e == e)
            return &c->x[i];
    return NULL;
}

void or_duty_add(or_duty_ctx *c, const or_fact_event *e, int urn, const char *rule_id, or_date due,
                 or_due_mode mode, const or_fact_event *done, const char *fmt, ...)
{
    const or_rule *rule = or_rule_find(rule_id);
    if (!rule)
        return;
    const or_excl_info *x = e ? info_of(c, e) : NULL;
    if (x && x->ended_on != OR_DATE_NONE && !done && strncmp(rule_id, "STAT-NOTIFY-", 12) != 0 &&
        (due == OR_DATE_NONE || due > x->ended_on))
        return; /* withdrawn or reinstated before it fell due */
    or_duty *d = push(c->out);
    d->event_id = e ? e->event_id : "";
    d->urn = e ? e->urn : urn;
    d->upn = c->f->upn;
    d->rule = rule;
    d->due = due;
    d->done_on = done ? done->start : OR_DATE_NONE;
    if (done)
        d->status = OR_DUTY_DONE;
    else if (mode == OR_DUE_OVERDUE)
        d->status = OR_DUTY_OVERDUE;
    else if (mode == OR_DUE_BY && due != OR_DATE_NONE && c->as_of > due)
        d->status = OR_DUTY_OVERDUE;
    else
        d->status = OR_DUTY_OPEN;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d->detail = or_arena_strdup(c->out->arena, buf);
}

or_date or_duty_after(const or_excl_info *x, or_date d, int n)
{
    return x->cal && d != OR_DATE_NONE ? or_cal_after(x->cal, d, n) : OR_DATE_NONE;
}

or_date or_duty_nth(const or_excl_info *x, or_date d, int n)
{
    return x->cal && d != OR_DATE_NONE ? or_cal_nth(x->cal, d, n) : OR_DATE_NONE;
}

static bool is_suspension(or_event_kind k)
{
    return k == OR_EV_SUSPENSION || k == OR_EV_LUNCHTIME;
}

/* Work out every exclusion once: days, term totals, year counts, half-term order. */
static void prepare(or_duty_ctx *c, or_arena *arena)
{
    const or_pupil_facts *f = c->f;
    c->x = or_arena_calloc(arena, (size_t)(f->nevents ? f->nevents : 1), sizeof *c->x);
    c->nx = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (!or_is_exclusion(e->kind) || e->decided > c->as_of)
            continue;
        or_excl_info *x = &c->x[c->nx++];
        x->e = e;
        x->school = f->school ? f->school(f->school_ctx, e->urn) : NULL;
        x->cal = x->school ? x->school->cal : NULL;
        x->counts = or_excl_counts(f, e, c->as_of);
        or_date on;
        x->ended_on = OR_DATE_NONE;
        if ((or_facts_withdrawn(f, e, &on) || or_facts_reinstated(f, e, &on)) && on <= c->as_of)
            x->ended_on = on;
        x->ndays = or_excl_days(x->cal, e, x->days, x->halves, OR_MAX_EXCL_DAYS);
        if (x->ndays > OR_MAX_EXCL_DAYS)
            x->ndays = OR_MAX_EXCL_DAYS;
        if (x->ndays < 0)
            x->ndays = 0;
    }
    /* running totals, in order; an exclusion that does not count is measured as if it did
     * (what the head had before them when deciding) but adds nothing for the later ones */
    for (int i = 0; i < c->nx; i++) {
        or_excl_info *x = &c->x[i];
        int ay = or_date_academic_year(x->e->start);
        x->year_after = 0;
        x->halfterm_nth = 0;
        int my_half = x->cal ? or_cal_half_term_of(x->cal, x->e->start) : -1;
        for (int j = 0; j <= i; j++) {
            const or_excl_info *y = &c->x[j];
            if (!is_suspension(y->e->kind) || (j < i && !y->counts) ||
                or_date_academic_year(y->e->start) != ay)
                continue;
            x->year_after++;
            if (y->e->urn == x->e->urn && my_half >= 0 &&
                or_cal_half_term_of(x->cal, y->e->start) == my_half)
                x->halfterm_nth++;
        }
        x->term_after = 0;
        for (int d = 0; d < x->ndays; d++) {
            int term = or_cal_term_of(x->cal, x->days[d]);
            if (term < 0)
                continue;
            int total = 0;
            for (int j = 0; j <= i; j++) {
                const or_excl_info *y = &c->x[j];
                if (y->e->urn != x->e->urn || (j < i && !y->counts))
                    continue;
                for (int k = 0; k < y->ndays; k++)
                    if (or_cal_term_of(x->cal, y->days[k]) == term)
                        total += y->halves[k];
            }
            if (total > x->term_after)
                x->term_after = total;
        }
    }
}

or_code or_duties_for_pupil(const or_pupil_facts *f, const or_params *p, or_date as_of,
                            or_duty_list *out, or_error *err)
{
    (void)err;
    or_arena scratch = OR_ARENA_INIT;
    or_duty_ctx c = {f, p, as_of, out, NULL, 0};
    prepare(&c, &scratch);
    or_duties_statutory(&c);
    or_duties_local(&c);
    or_arena_free(&scratch);
    return OR_OK;
}

static int cmp_duty(const void *a, const void *b)
{
    const or_duty *x = a, *y = b;
    if (x->due != y->due) {
        if (x->due == OR_DATE_NONE)
            return 1;
        if (y->due == OR_DATE_NONE)
            return -1;
        return x->due < y->due ? -1 : 1;
    }
    if (x->urn != y->urn)
        return x->urn < y->urn ? -1 : 1;
    int r = strcmp(x->event_id, y->event_id);
    if (r)
        return r;
    r = strcmp(x->rule->id, y->rule->id);
    return r ? r : strcmp(x->upn, y->upn);
}

void or_duties_sort(or_duty_list *l)
{
    if (l->n > 1)
        qsort(l->items, (size_t)l->n, sizeof *l->items, cmp_duty);
}

const or_fact_event *or_cap_breach(const or_pupil_facts *f, const or_params *p, int *total)
{
    /* running totals per school year, in date order: the first suspension that goes over */
    int cap = 2 * p->v[OR_P_CAP_DAYS], ay = 0, sum = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (!is_suspension(e->kind) || !or_excl_counts(f, e, INT32_MAX))
            continue;
        int y = or_date_academic_year(e->start);
        if (y != ay) {
            ay = y;
            sum = 0;
        }
        sum += or_excl_halfdays(e);
        if (sum > cap) {
            *total = sum;
            return e;
        }
    }
    *total = 0;
    return NULL;
}

int or_cap_school_halfdays(const or_pupil_facts *f, int urn, int ay)
{
    int sum = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->urn == urn && is_suspension(e->kind) && or_date_academic_year(e->start) == ay &&
            or_excl_counts(f, e, INT32_MAX))
            sum += or_excl_halfdays(e);
    }
    return sum;
}

or_code or_cap_check(const or_pupil_facts *f, const or_params *p, or_date start, int halfdays,
                     or_error *err)
{
    int ay = or_date_academic_year(start), total = 0, first_urn = 0;
    bool several = false;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (!is_suspension(e->kind) || or_date_academic_year(e->start) != ay ||
            !or_excl_counts(f, e, INT32_MAX))
            continue;
        total += or_excl_halfdays(e);
        several |= first_urn && e->urn != first_urn;
        first_urn = e->urn;
    }
    int cap = 2 * p->v[OR_P_CAP_DAYS];
    if (total + halfdays <= cap)
        return OR_OK;
    const or_rule *r = or_rule_find("STAT-45DAY-CAP");
    return or_fail(err, OR_ERULE,
                   "this suspension of %d.%d days would take the pupil's suspensions in %d/%02d "
                   "to %d.%d days, above the limit of %d school days a year (STAT-45DAY-CAP: "
                   "%s); %d.%d days recorded so far%s",
                   halfdays / 2, halfdays % 2 * 5, ay, (ay + 1) % 100, (total + halfdays) / 2,
                   (total + halfdays) % 2 * 5, p->v[OR_P_CAP_DAYS], r ? r->source : "", total / 2,
                   total % 2 * 5, several ? " across all schools" : "");
}
