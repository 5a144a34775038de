/* cnis.c - children not in school (docs/children-not-in-school.md): the evaluators of three
 * catalogue rows.
 *
 * STAT-ROLL-DELETION-NOTIFY: the school makes a deletion return to the LA when it deletes a
 * pupil of compulsory school age from its admission register, as soon as the ground is met and
 * no later than the deletion (SI 2024/208 reg 13(4); DfE Children missing education, August
 * 2024). An exit recorded in onroll (a move, elective home education, a child missing
 * education, an unexplained exit, an in-year transfer) is the return: done by recording it,
 * due on the day the pupil left. A registration that ended with no exit recorded, outside the
 * summer (the standard transition), for a pupil not registered at another school since, is a
 * return the LA has not had, unless the school recorded why it ended (the leaving reason of its
 * enrolments file states the ground): due on the day the registration ended, done by an
 * `action` of the rule at that school.
 *
 * LOCAL-CME-ENQUIRY: after a child missing education or an unexplained exit, the LA's first
 * enquiry within cme.first_days school days of the exit, then one every cme.every_days
 * school days after the last, until an enquiry closes the case (found in school, found
 * educated at home, moved away, referred to children's social care). LOCAL-EHE-ENQUIRY: after
 * a move to elective home education, the LA's first enquiry within ehe.first_days school days,
 * then, while the education is suitable, once a year (ehe.review_days school days after the
 * last), sooner (ehe.first_days) after an enquiry that found it not suitable or had no answer,
 * until the child returns to school or moves away. Either ends when the child is registered at
 * a school again, or is past compulsory school age. School days are those of the school the
 * child left. */
#include <string.h>

#include "rules/rules_internal.h"

/* The outcomes of an enquiry that close a case (rowcheck.c lists every outcome). */
static bool closes(or_rule_id id, const char *outcome)
{
    static const char *const cme[] = {"found_in_school", "found_home_educated", "moved_away",
                                      "referred_social_care", NULL};
    static const char *const ehe[] = {"returned_to_school", "moved_away", NULL};
    const char *const *list = id == OR_RULE_LOCAL_CME_ENQUIRY ? cme : ehe;
    for (int i = 0; outcome && list[i]; i++)
        if (!strcmp(outcome, list[i]))
            return true;
    return false;
}

/* Registered at a school (any) on a day after d, up to as_of. */
static bool back_in_school(const or_duty_ctx *c, or_date d)
{
    for (int i = 0; i < c->f->nenrols; i++) {
        const or_fact_enrolment *en = &c->f->enrols[i];
        if (en->start > d && en->start <= c->as_of)
            return true;
    }
    return false;
}

static bool exit_kind(or_event_kind k)
{
    return or_event_is_exit(k) || k == OR_EV_MANAGED_MOVE;
}

/* The enquiries of one case: the actions of rule naming event e, up to as_of, in date order. */
static void enquiries(const or_duty_ctx *c, const or_fact_event *e, or_rule_id id,
                      const or_fact_event **last, int *n)
{
    *last = NULL;
    *n = 0;
    const char *rule = c->rules[id].id;
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *a = &c->f->events[i];
        if (a->kind == OR_EV_ACTION && a->ref && a->rule && !strcmp(a->rule, rule) &&
            !strcmp(a->ref, e->event_id) && a->urn == e->urn && a->start <= c->as_of) {
            *last = a;
            (*n)++;
        }
    }
}

static void enquiry_duty(or_duty_ctx *c, const or_fact_event *e, or_rule_id id)
{
    const or_params *p = c->p;
    const or_fact_snapshot *s = or_facts_snapshot_on(c->f, e->start);
    if (s && s->dob != OR_DATE_NONE && !or_compulsory_school_age(s->dob, e->start))
        return;
    if (back_in_school(c, e->start))
        return;
    or_excl_info x = {.e = e};
    x.school = c->f->school ? c->f->school(c->f->school_ctx, e->urn) : NULL;
    x.cal = x.school ? x.school->cal : NULL;
    const or_fact_event *last;
    int n;
    enquiries(c, e, id, &last, &n);
    bool cme = id == OR_RULE_LOCAL_CME_ENQUIRY;
    const char *what = e->kind == OR_EV_EHE   ? "elective home education"
                       : e->kind == OR_EV_CME ? "child missing education"
                                              : "left with no known destination";
    if (last && closes(id, last->outcome)) {
        or_duty_add(c, e, 0, id, last->start, OR_DUE_BY, last, "%s: case closed (%s)", what,
                    last->outcome);
        return;
    }
    int first = p->v[cme ? OR_P_CME_FIRST_DAYS : OR_P_EHE_FIRST_DAYS];
    or_date due;
    if (!last)
        due = or_duty_after(&x, e->start, first);
    else if (!cme && last->outcome && !strcmp(last->outcome, "suitable"))
        due = or_duty_after(&x, last->start, p->v[OR_P_EHE_REVIEW_DAYS]);
    else
        due = or_duty_after(&x, last->start, cme ? p->v[OR_P_CME_EVERY_DAYS] : first);
    if (s && s->dob != OR_DATE_NONE && due != OR_DATE_NONE &&
        !or_compulsory_school_age(s->dob, due))
        return; /* past compulsory school age before the next enquiry falls due */
    if (!last)
        or_duty_add(c, e, 0, id, due, OR_DUE_BY, NULL,
                    "%s: the first enquiry within %d school days", what, first);
    else {
        char d1[24];
        or_date_human(last->start, d1);
        or_duty_add(c, e, 0, id, due, OR_DUE_BY, NULL,
                    "%s: the next enquiry (%d so far, the last on %s: %s)", what, n, d1,
                    last->outcome && *last->outcome ? last->outcome : "no outcome recorded");
    }
}

/* LOCAL-CME-ENQUIRY and LOCAL-EHE-ENQUIRY. */
void or_local_cnis(or_duty_ctx *c)
{
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (e->start > c->as_of)
            continue;
        if (e->kind == OR_EV_CME || e->kind == OR_EV_UNEXPLAINED_EXIT)
            enquiry_duty(c, e, OR_RULE_LOCAL_CME_ENQUIRY);
        else if (e->kind == OR_EV_EHE)
            enquiry_duty(c, e, OR_RULE_LOCAL_EHE_ENQUIRY);
    }
}

/* Whether a registration's end is explained by an exit of the pupil recorded at its school
 * within a week of it, or by another registration (elsewhere, or a new one at the same school)
 * starting after it. */
static bool explained(const or_duty_ctx *c, const or_fact_enrolment *en)
{
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if ((exit_kind(e->kind) || e->kind == OR_EV_PERMANENT) && e->urn == en->urn &&
            e->start >= en->end - 7 && e->start <= en->end + 7)
            return true;
    }
    for (int i = 0; i < c->f->nenrols; i++) {
        const or_fact_enrolment *o = &c->f->enrols[i];
        if (o != en && o->start >= en->end - 7 && o->start <= c->as_of)
            return true;
    }
    return false;
}

/* STAT-ROLL-DELETION-NOTIFY, for the school years of as_of and the one before. */
void or_stat_deletion(or_duty_ctx *c)
{
    or_date from = or_date_academic_year_start(or_date_academic_year(c->as_of) - 1);
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (!exit_kind(e->kind) || e->start > c->as_of || e->start < from)
            continue;
        const or_fact_snapshot *s = or_facts_snapshot_on(c->f, e->start);
        if (s && s->dob != OR_DATE_NONE && !or_compulsory_school_age(s->dob, e->start))
            continue;
        char d1[24];
        or_date_human(e->start, d1);
        or_duty_add(c, e, 0, OR_RULE_STAT_ROLL_DELETION_NOTIFY, e->start, OR_DUE_BY,
                    or_duty_recorded(c, e, OR_RULE_STAT_ROLL_DELETION_NOTIFY),
                    "deletion return: the pupil left the roll on %s", d1);
    }
    for (int i = 0; i < c->f->nenrols; i++) {
        const or_fact_enrolment *en = &c->f->enrols[i];
        if (en->end == OR_DATE_NONE || en->end > c->as_of || en->end < from || en->reg_type == 's')
            continue;
        int y, month, day;
        or_date_to_ymd(en->end, &y, &month, &day);
        if (month == 7 || month == 8)
            continue; /* the standard transition at the end of the school year */
        const or_fact_snapshot *s = or_facts_snapshot_on(c->f, en->end);
        if ((s && s->dob != OR_DATE_NONE && !or_compulsory_school_age(s->dob, en->end)) ||
            (en->leaving_reason && *en->leaving_reason) || explained(c, en))
            continue; /* a reason recorded with the end is the return's ground */
        const or_fact_event *done = NULL;
        const char *rule = c->rules[OR_RULE_STAT_ROLL_DELETION_NOTIFY].id;
        for (int k = 0; k < c->f->nevents; k++) {
            const or_fact_event *a = &c->f->events[k];
            if (a->kind == OR_EV_ACTION && a->urn == en->urn && a->rule && !strcmp(a->rule, rule) &&
                (!a->ref || !*a->ref) && a->start >= en->end - 7 && a->start <= c->as_of)
                done = a;
        }
        char d1[24];
        or_date_human(en->end, d1);
        or_duty_add(c, NULL, en->urn, OR_RULE_STAT_ROLL_DELETION_NOTIFY, en->end, OR_DUE_BY, done,
                    "the registration ended on %s with no reason recorded: make the deletion "
                    "return (the ground and where the pupil has gone)",
                    d1);
    }
}
