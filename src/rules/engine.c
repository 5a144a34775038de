/* engine.c - the rules engine: it walks the catalogue (catalogue.c) and calls each row's
 * evaluator, once for a group of rows that share one. Duties (duties.h): the per-exclusion
 * evaluators for each exclusion in date order, then the per-pupil ones, in catalogue order.
 * Risk (risk.h): every indicator's evaluator in catalogue order (RISK-NO-PLAN, which reads the
 * others, stands last), the flags in rule-id order. Also the lists and their sorting. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"

/* ---- walking the catalogue ---- */

/* The rows whose evaluator no earlier row has, by kind of evaluation, in catalogue order: the
 * walk is the same for every pupil, so it is worked out once. */
typedef struct {
    const or_rule *first[OR_EVAL_RECORD + 1][OR_RULE__COUNT];
    int n[OR_EVAL_RECORD + 1];
} walk;

static walk the_walk;
static pthread_once_t walk_once = PTHREAD_ONCE_INIT;

static bool same_evaluator(const or_rule *a, const or_rule *b)
{
    switch (a->eval.kind) {
    case OR_EVAL_EXCLUSION:
        return a->eval.fn.exclusion == b->eval.fn.exclusion;
    case OR_EVAL_PUPIL:
        return a->eval.fn.pupil == b->eval.fn.pupil;
    case OR_EVAL_RISK:
        return a->eval.fn.risk == b->eval.fn.risk;
    default:
        return a->eval.fn.record == b->eval.fn.record;
    }
}

static void walk_init(void)
{
    for (size_t r = 0; r < or_rules_count(); r++) {
        const or_rule *row = or_rule_at(r);
        or_eval_kind k = row->eval.kind;
        bool seen = false;
        for (int i = 0; i < the_walk.n[k] && !seen; i++)
            seen = same_evaluator(the_walk.first[k][i], row);
        if (!seen)
            the_walk.first[k][the_walk.n[k]++] = row;
    }
}

static const walk *catalogue_walk(void)
{
    pthread_once(&walk_once, walk_init);
    return &the_walk;
}

/* ---- duties ---- */

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

or_code or_duties_for_pupil(const or_pupil_facts *f, const or_params *p, or_date as_of,
                            or_duty_list *out, or_error *err)
{
    (void)err;
    const walk *w = catalogue_walk();
    const or_rule *const *each = w->first[OR_EVAL_EXCLUSION], *const *once =
                                                                  w->first[OR_EVAL_PUPIL];
    or_arena scratch = OR_ARENA_INIT;
    or_duty_ctx c = {or_rule_at(0), f, p, as_of, out, NULL, 0};
    or_duty_prepare(&c, &scratch);
    for (int i = 0; i < c.nx; i++)
        for (int k = 0; k < w->n[OR_EVAL_EXCLUSION]; k++)
            each[k]->eval.fn.exclusion(&c, &c.x[i]);
    for (int k = 0; k < w->n[OR_EVAL_PUPIL]; k++)
        once[k]->eval.fn.pupil(&c);
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

/* ---- risk ---- */

void or_flag_list_init(or_flag_list *l, or_arena *arena)
{
    l->items = NULL;
    l->n = l->cap = 0;
    l->arena = arena;
}

static void flag_push(or_flag_list *l, const or_flag *fl)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        or_flag *items = or_arena_alloc(l->arena, sizeof *items * (size_t)cap);
        if (l->n)
            memcpy(items, l->items, sizeof *items * (size_t)l->n);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = *fl;
}

or_code or_risk_for_pupil(const or_pupil_facts *f, const or_params *p, or_date as_of,
                          or_flag_list *out, or_error *err)
{
    if (!f || !p || !out || !out->arena || as_of == OR_DATE_NONE)
        return or_fail(err, OR_EUSAGE,
                       "or_risk_for_pupil: facts, parameters, a date and a "
                       "flag list with an arena are required");
    const walk *w = catalogue_walk();
    or_risk_ctx c;
    or_risk_ctx_init(&c, or_rule_at(0), f, p, as_of, out->arena);
    for (int k = 0; k < w->n[OR_EVAL_RISK]; k++)
        w->first[OR_EVAL_RISK][k]->eval.fn.risk(&c);
    const or_rule *fired[OR_RULE__COUNT];
    int nf = or_risk_fired(&c, fired);
    for (int k = 0; k < nf; k++) {
        const or_rtext *t = &c.detail[fired[k]->code];
        or_flag fl = {f->upn, c.urn, fired[k], t->buf ? t->buf : "", c.on[fired[k]->code]};
        flag_push(out, &fl);
    }
    return OR_OK;
}
