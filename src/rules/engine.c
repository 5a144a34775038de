/* engine.c - the rules engine: it walks the catalogue (catalogue.c) and calls each row's
 * evaluator, once for a group of rows that share one. Duties (duties.h): the per-exclusion
 * evaluators for each exclusion in date order, then the per-pupil ones, in catalogue order.
 * Risk (risk.h): every indicator's evaluator in catalogue order (RISK-NO-PLAN, which reads the
 * others, stands last), the flags in rule-id order. Also the lists and their sorting. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"

/* ---- walking the catalogue ---- */

/* The rows of one evaluation kind whose evaluator no earlier row has, in catalogue order. */
static int first_rows(const or_rule *rows, or_eval_kind kind, const or_rule **out)
{
    int n = 0;
    for (int r = 0; r < OR_RULE__COUNT; r++) {
        const or_rule *row = &rows[r];
        if (row->eval.kind != kind)
            continue;
        bool seen = false;
        for (int k = 0; k < n && !seen; k++)
            seen = kind == OR_EVAL_EXCLUSION ? out[k]->eval.fn.exclusion == row->eval.fn.exclusion
                   : kind == OR_EVAL_PUPIL   ? out[k]->eval.fn.pupil == row->eval.fn.pupil
                   : kind == OR_EVAL_RISK    ? out[k]->eval.fn.risk == row->eval.fn.risk
                                             : out[k]->eval.fn.record == row->eval.fn.record;
        if (!seen)
            out[n++] = row;
    }
    return n;
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
    const or_rule *rows = or_rule_get(0);
    const or_rule *each[OR_RULE__COUNT], *once[OR_RULE__COUNT];
    int neach = first_rows(rows, OR_EVAL_EXCLUSION, each);
    int nonce = first_rows(rows, OR_EVAL_PUPIL, once);
    or_arena scratch = OR_ARENA_INIT;
    or_duty_ctx c = {rows, f, p, as_of, out, NULL, 0};
    or_duty_prepare(&c, &scratch);
    for (int i = 0; i < c.nx; i++)
        for (int k = 0; k < neach; k++)
            each[k]->eval.fn.exclusion(&c, &c.x[i]);
    for (int k = 0; k < nonce; k++)
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
    const or_rule *rows = or_rule_get(0);
    const or_rule *eval[OR_RULE__COUNT];
    int n = first_rows(rows, OR_EVAL_RISK, eval);
    or_risk_ctx c;
    or_risk_ctx_init(&c, rows, f, p, as_of, out->arena);
    for (int k = 0; k < n; k++)
        eval[k]->eval.fn.risk(&c);
    const or_rule *fired[OR_RULE__COUNT];
    int nf = or_risk_fired(&c, fired);
    for (int k = 0; k < nf; k++) {
        const or_rtext *t = &c.detail[fired[k]->code];
        or_flag fl = {f->upn, c.urn, fired[k], t->buf ? t->buf : ""};
        flag_push(out, &fl);
    }
    return OR_OK;
}
