/* duty_kit.c - what the rule files (statutory.c, protocol.c) use to add duties: each exclusion
 * worked out once (covered days, term and year totals on its school's calendar), the action
 * that did a duty, and adding a duty with its status as of a date. It calls no rule file and
 * not the catalogue: the rows come in the context (rules_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"

bool or_is_suspension(or_event_kind k)
{
    return k == OR_EV_SUSPENSION || k == OR_EV_LUNCHTIME;
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

const or_fact_event *or_duty_action(const or_duty_ctx *c, const or_fact_event *e, or_rule_id id)
{
    const char *rule = c->rules[id].id;
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

const or_fact_event *or_duty_recorded(const or_duty_ctx *c, const or_fact_event *e, or_rule_id id)
{
    const or_fact_event *a = or_duty_action(c, e, id);
    if (e->recorded <= 0 || e->recorded > c->as_of || (a && a->start <= e->recorded))
        return a;
    return e; /* the recording did it, on e->recorded */
}

static const or_excl_info *info_of(const or_duty_ctx *c, const or_fact_event *e)
{
    for (int i = 0; i < c->nx; i++)
        if (c->x[i].e == e)
            return &c->x[i];
    return NULL;
}

void or_duty_add(or_duty_ctx *c, const or_fact_event *e, int urn, or_rule_id id, or_date due,
                 or_due_mode mode, const or_fact_event *done, const char *fmt, ...)
{
    const or_rule *rule = &c->rules[id];
    const or_excl_info *x = e ? info_of(c, e) : NULL;
    if (x && x->ended_on != OR_DATE_NONE && !done && !rule->survives_end &&
        (due == OR_DATE_NONE || due > x->ended_on))
        return; /* withdrawn or reinstated before it fell due */
    or_duty *d = push(c->out);
    d->event_id = e ? e->event_id : "";
    d->urn = e ? e->urn : urn;
    d->upn = c->f->upn;
    d->rule = rule;
    d->due = due;
    bool by_recording = done && done == e; /* or_duty_recorded */
    d->done_on = !done ? OR_DATE_NONE : by_recording ? done->recorded : done->start;
    d->done_by = by_recording ? "onroll" : NULL;
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

void or_duty_prepare(or_duty_ctx *c, or_arena *arena)
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
        or_excl_fate fate;
        or_excl_fate_of(f, e, &fate);
        x->counts = or_excl_fate_counts(&fate, c->as_of);
        or_date on = fate.withdrawn ? fate.withdrawn_on : fate.reinstated_on;
        x->ended_on = (fate.withdrawn || fate.reinstated) && on <= c->as_of ? on : OR_DATE_NONE;
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
            if (!or_is_suspension(y->e->kind) || (j < i && !y->counts) ||
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
