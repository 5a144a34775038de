/* ap_rules.c - the duties of an alternative provision placement (issue 17 part 2), one
 * evaluator for the LOCAL-AP-* rows of the catalogue, per pupil, each placement (an
 * `ap_placement` event, its plan in `details`: ap.h) on its placing school's calendar:
 *
 *   LOCAL-AP-NOTIFY-LA  a school's placement: the LA told by its start; recording the
 *                       placement in onroll (the LA's own system) tells it (or_duty_recorded)
 *   LOCAL-AP-INFO       the information the provider needs sent before the first day: due
 *                       the last school day before the start; done by an action of the rule
 *                       with outcome "sent" (a "received" one records its arrival)
 *   LOCAL-AP-REVIEW     reviewed at least once in each half-term the placement runs in for
 *                       ap.review_min_days school days or more (10): due the earlier of the
 *                       half-term's last school day and the placement's end (its outcome, else
 *                       its planned end); done by an action of the rule dated from the later
 *                       of the placement's start and the half-term's first day to that due day
 *   LOCAL-AP-MAX        ended by its latest end date (else its planned end): done by the action
 *                       of the rule that records the outcome; overdue (flagged) past it
 *
 * LOCAL-APQA-EXPIRY is the LA's, about a provider, not a pupil: its row shares this evaluator
 * (which adds nothing for it) and its dates are or_apqa_show_from (ap.h), shown on /duties
 * and /ap/providers. */
#include <stdio.h>
#include <string.h>

#include "onroll/ap.h"
#include "rules/rules_internal.h"

/* The actions of `rule` naming placement p (by its id, at its school) dated by as_of: the
 * first one dated within [from, to] (with outcome `outcome` when not NULL), or NULL. */
static const or_fact_event *action_in(const or_duty_ctx *c, const or_fact_event *p, or_rule_id id,
                                      const char *outcome, or_date from, or_date to)
{
    const char *rule = c->rules[id].id;
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *a = &c->f->events[i];
        if (a->kind == OR_EV_ACTION && a->urn == p->urn && a->ref && a->rule &&
            !strcmp(a->ref, p->event_id) && !strcmp(a->rule, rule) && a->start >= from &&
            a->start <= to && a->start <= c->as_of &&
            (!outcome || (a->outcome && !strcmp(a->outcome, outcome))))
            return a;
    }
    return NULL;
}

/* The last school day before d on cal (OR_DATE_NONE without one). */
static or_date school_day_before(const or_calendar *cal, or_date d)
{
    if (!cal || d == OR_DATE_NONE)
        return OR_DATE_NONE;
    for (or_date x = d - 1; x >= cal->first && x > d - 400; x--)
        if (or_cal_is_school_day(cal, x))
            return x;
    return OR_DATE_NONE;
}

static void one(or_duty_ctx *c, const or_fact_event *p, or_arena *a)
{
    const or_pupil_facts *f = c->f;
    const or_school_info *sc = f->school ? f->school(f->school_ctx, p->urn) : NULL;
    const or_calendar *cal = sc ? sc->cal : NULL;
    or_ap_plan plan;
    or_error err = {0};
    if (or_ap_plan_read(p->details, a, &plan, &err))
        or_ap_plan_read(NULL, a, &plan, &err); /* the importer checked it: never here */
    const char *who = p->provider && *p->provider ? p->provider : "the provider";
    char s1[24], s2[24];
    or_date_human(p->start, s1);

    /* the school tells the LA */
    if (strcmp(plan.placed_by, "la"))
        or_duty_add(c, p, 0, OR_RULE_LOCAL_AP_NOTIFY_LA, p->start, OR_DUE_BY,
                    or_duty_recorded(c, p, OR_RULE_LOCAL_AP_NOTIFY_LA),
                    "placement at %s from %s: the school tells the local authority by its start "
                    "(recording it in onroll does)",
                    who, s1);

    /* information to the provider before the first day */
    or_date info_due = school_day_before(cal, p->start);
    or_duty_add(c, p, 0, OR_RULE_LOCAL_AP_INFO, info_due != OR_DATE_NONE ? info_due : p->start,
                OR_DUE_BY,
                action_in(c, p, OR_RULE_LOCAL_AP_INFO, "sent", OR_DATE_NONE + 1, c->as_of),
                "placement at %s from %s: send the provider the pupil's information (needs, "
                "attendance, safeguarding, the plan) before the first day",
                who, s1);

    /* the end: its outcome recorded by the latest end date */
    const or_fact_event *ended =
        action_in(c, p, OR_RULE_LOCAL_AP_MAX, NULL, OR_DATE_NONE + 1, c->as_of);
    or_date limit = plan.max_end != OR_DATE_NONE ? plan.max_end : p->end;
    or_date_human(limit, s2);
    or_duty_add(c, p, 0, OR_RULE_LOCAL_AP_MAX, limit, OR_DUE_BY, ended,
                "placement at %s from %s may last until %s: record how it ended by then", who, s1,
                s2);

    /* a review in every half-term it runs in for at least ap.review_min_days school days */
    if (!cal)
        return;
    or_date until = ended ? ended->start : p->end != OR_DATE_NONE ? p->end : limit;
    for (int h = 0; h < cal->nhalf_terms; h++) {
        or_date from = cal->half_start[h], last = school_day_before(cal, cal->half_end[h] + 1);
        if (last == OR_DATE_NONE || last < p->start || from > c->as_of ||
            (until != OR_DATE_NONE && from > until))
            continue;
        or_date since = from > p->start ? from : p->start;
        or_date to = until != OR_DATE_NONE && until < last ? until : last;
        if (or_cal_school_days_between(cal, since, to) < c->p->v[OR_P_AP_REVIEW_MIN_DAYS])
            continue;
        or_date_human(since, s1);
        or_date_human(to, s2);
        or_duty_add(c, p, 0, OR_RULE_LOCAL_AP_REVIEW, to, OR_DUE_BY,
                    action_in(c, p, OR_RULE_LOCAL_AP_REVIEW, NULL, since, to),
                    "placement at %s: review it this half-term (it runs from %s to %s)", who, s1,
                    s2);
    }
}

void or_local_ap(or_duty_ctx *c)
{
    or_arena a = OR_ARENA_INIT;
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        /* known: started, or recorded ahead of its start (its information is due before) */
        if (e->kind == OR_EV_AP_PLACEMENT &&
            (e->start <= c->as_of || (e->recorded > 0 && e->recorded <= c->as_of)))
            one(c, e, &a);
    }
    or_arena_free(&a);
}
