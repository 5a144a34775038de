/* statutory.c - the statutory duties of DOMAIN.md §3: the evaluators of the STAT-* rows of the
 * catalogue, one function per group of rules (the engine calls each once for each exclusion of
 * the pupil decided by the date; STAT-6TH-DAY-SCHOOL once for the pupil). The 45-day cap is in
 * cap.c. Deadlines count in school days on the excluding school's calendar (AFTER, NTH of §2);
 * a deadline counted from a notice counts from the decision date until the notice's action is
 * recorded, then from its deemed date. */
#include <stdio.h>
#include <string.h>

#include "rules/rules_internal.h"

static const char *what(const or_fact_event *e)
{
    return e->kind == OR_EV_PERMANENT   ? "permanent exclusion"
           : e->kind == OR_EV_LUNCHTIME ? "lunchtime suspension"
                                        : "suspension";
}

/* "2.5 days" into buf (32 bytes) */
static const char *days(int halves, char buf[32])
{
    snprintf(buf, 32, "%d%s day%s", halves / 2, halves % 2 ? ".5" : "", halves == 2 ? "" : "s");
    return buf;
}

/* When a notice recorded by `rule`'s action was received (deemed), else the decision date. */
static or_date received(const or_duty_ctx *c, const or_fact_event *e, or_rule_id rule,
                        const char **how)
{
    const or_fact_event *a = or_duty_action(c, e, rule);
    if (!a) {
        *how = "the decision date (no notice recorded yet)";
        return e->decided;
    }
    *how = a->delivery && strcmp(a->delivery, "hand") ? "the notice's deemed date"
                                                      : "the notice handed over";
    return or_deemed_date(a->start, a->delivery);
}

/* STAT-NOTIFY-*, STAT-NOTICE-S104: who must be told, without delay. */
void or_stat_notify(or_duty_ctx *c, const or_excl_info *x)
{
    const or_fact_event *e = x->e;
    const or_pupil_facts *f = c->f;
    const or_fact_snapshot *s = or_facts_snapshot_on(f, e->decided);
    char dd[24];
    or_date_human(e->decided, dd);
    or_duty_add(c, e, 0, OR_RULE_STAT_NOTIFY_PARENT, e->decided, OR_DUE_BY,
                or_duty_action(c, e, OR_RULE_STAT_NOTIFY_PARENT),
                "%s decided %s: tell the parents without delay", what(e), dd);
    if (s && or_compulsory_school_age(s->dob, e->start)) {
        or_date day1 = or_duty_nth(x, e->start, 1);
        or_duty_add(c, e, 0, OR_RULE_STAT_NOTICE_S104, day1, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_NOTICE_S104),
                    "pupil of compulsory school age: written notice by the end of the afternoon "
                    "session of the first day of the exclusion");
    }
    const or_fact_event *la = or_duty_recorded(c, e, OR_RULE_STAT_NOTIFY_LA);
    or_duty_add(c, e, 0, OR_RULE_STAT_NOTIFY_LA, e->decided, OR_DUE_BY, la,
                "every suspension and permanent exclusion is notified to the LA without delay%s",
                la == e ? " (done by recording it in onroll, the LA's own system)" : "");
    if (or_facts_has_social_worker(f, e->decided))
        or_duty_add(c, e, 0, OR_RULE_STAT_NOTIFY_SW, e->decided, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_NOTIFY_SW),
                    "the pupil has a social worker (child in need, child protection or looked "
                    "after)");
    if (s && s->cla == 1)
        or_duty_add(c, e, 0, OR_RULE_STAT_NOTIFY_VSH, e->decided, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_NOTIFY_VSH),
                    "the pupil is looked after: tell the Virtual School Head");
}

/* STAT-NOTIFY-GB, STAT-GB-15DAY, STAT-GB-50DAY, STAT-GB-EXAM: the governing board. */
void or_stat_board(or_duty_ctx *c, const or_excl_info *x)
{
    const or_fact_event *e = x->e;
    const or_params *p = c->p;
    bool perm = e->kind == OR_EV_PERMANENT, exam = e->exam_date != OR_DATE_NONE;
    bool over5 = x->term_after > 2 * p->v[OR_P_GB_NOTIFY_DAYS];
    bool over15 = x->term_after > 2 * p->v[OR_P_GB_15_TERM_DAYS];
    char t[32], dd[24];
    days(x->term_after, t);
    const char *why = perm     ? "a permanent exclusion"
                      : over15 ? "the pupil's suspensions this term come to more than 15 days"
                      : exam   ? "the pupil would miss a public examination or national test"
                               : "the pupil's suspensions this term come to more than 5 days";
    if (perm || over5 || exam)
        or_duty_add(c, e, 0, OR_RULE_STAT_NOTIFY_GB, e->decided, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_NOTIFY_GB),
                    "%s (term total %s): tell the board", why, t);
    if (perm || over15 || exam) {
        const char *how;
        or_date from = received(c, e, OR_RULE_STAT_NOTIFY_GB, &how);
        or_date_human(from, dd);
        or_duty_add(c, e, 0, OR_RULE_STAT_GB_15DAY,
                    or_duty_after(x, from, p->v[OR_P_GB_15_DEADLINE]), OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_GB_15DAY),
                    "%s: the board must consider reinstatement within %d school days of %s (%s)",
                    why, p->v[OR_P_GB_15_DEADLINE], how, dd);
    } else if (over5) {
        const or_fact_event *rep = NULL;
        for (int i = 0; i < c->f->nevents; i++) {
            const or_fact_event *r = &c->f->events[i];
            if (r->kind == OR_EV_REPRESENTATIONS && r->urn == e->urn && r->ref &&
                !strcmp(r->ref, e->event_id) && r->start <= c->as_of)
                rep = r;
        }
        if (rep) {
            or_date_human(rep->start, dd);
            or_duty_add(c, e, 0, OR_RULE_STAT_GB_50DAY,
                        or_duty_after(x, rep->start, p->v[OR_P_GB_50_DEADLINE]), OR_DUE_BY,
                        or_duty_action(c, e, OR_RULE_STAT_GB_50DAY),
                        "term total %s (more than 5, not more than 15) and the parents made "
                        "representations on %s: the board must consider them within %d school "
                        "days",
                        t, dd, p->v[OR_P_GB_50_DEADLINE]);
        }
    }
    if (exam) {
        or_date before = e->exam_date - 1;
        if (x->cal)
            while (before >= x->cal->first && !or_cal_is_school_day(x->cal, before))
                before--;
        or_date_human(e->exam_date, dd);
        or_duty_add(c, e, 0, OR_RULE_STAT_GB_EXAM, before, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_STAT_GB_EXAM),
                    "the pupil would miss an examination on %s: the board meets before it, so "
                    "far as practicable",
                    dd);
    }
}

static bool outcome_is(const or_fact_event *a, const char *o)
{
    return a && a->outcome && strcmp(a->outcome, o) == 0;
}

/* STAT-IRP-APPLY, -MEET, -RECONSIDER, STAT-ROLL-REMOVAL: the independent review of a
 * permanent exclusion. */
void or_stat_review(or_duty_ctx *c, const or_excl_info *x)
{
    const or_fact_event *e = x->e;
    const or_params *p = c->p;
    if (e->kind != OR_EV_PERMANENT)
        return;
    const or_fact_event *gb = or_duty_action(c, e, OR_RULE_STAT_GB_15DAY);
    if (outcome_is(gb, "reinstated"))
        return;
    char dd[24];
    or_date from = gb ? or_deemed_date(gb->start, gb->delivery) : e->decided;
    or_date_human(from, dd);
    or_date apply_due = or_duty_after(x, from, p->v[OR_P_IRP_APPLY_DEADLINE]);
    const or_fact_event *apply = or_duty_action(c, e, OR_RULE_STAT_IRP_APPLY);
    or_duty_add(c, e, 0, OR_RULE_STAT_IRP_APPLY, apply_due, OR_DUE_BY, apply,
                "the parents may apply for an independent review within %d school days of %s "
                "(%s)",
                p->v[OR_P_IRP_APPLY_DEADLINE], gb ? "the board's decision" : "the decision", dd);
    const or_fact_event *meet = NULL, *recon = NULL;
    /* STAT-ROLL-REMOVAL is a "not before" condition, not a deadline: no due date; the detail
     * says from when removal is allowed, once that is known */
    or_date removal = OR_DATE_NONE;
    const char *removal_why = "the board has not yet decided";
    if (apply) {
        or_date applied = or_deemed_date(apply->start, apply->delivery);
        or_date_human(applied, dd);
        meet = or_duty_action(c, e, OR_RULE_STAT_IRP_MEET);
        removal_why = "the review is under way";
        or_duty_add(c, e, 0, OR_RULE_STAT_IRP_MEET,
                    or_duty_after(x, applied, p->v[OR_P_IRP_MEET_DEADLINE]), OR_DUE_BY, meet,
                    "an application for review was made (deemed %s): the panel meets within %d "
                    "school days",
                    dd, p->v[OR_P_IRP_MEET_DEADLINE]);
        if (outcome_is(meet, "recommend_reconsider") || outcome_is(meet, "direct_reconsider")) {
            or_date told = or_deemed_date(meet->start, meet->delivery);
            or_date_human(told, dd);
            recon = or_duty_action(c, e, OR_RULE_STAT_IRP_RECONSIDER);
            or_duty_add(c, e, 0, OR_RULE_STAT_IRP_RECONSIDER,
                        or_duty_after(x, told, p->v[OR_P_IRP_RECON_DEADLINE]), OR_DUE_BY, recon,
                        "the panel %s reconsideration (deemed notified %s): the board "
                        "reconsiders within %d school days",
                        outcome_is(meet, "direct_reconsider") ? "directed" : "recommended", dd,
                        p->v[OR_P_IRP_RECON_DEADLINE]);
            if (outcome_is(recon, "reinstated"))
                return;
            if (recon) {
                removal = recon->start;
                removal_why = "the board reconsidered and did not reinstate";
            }
        } else if (outcome_is(meet, "upheld")) {
            removal = meet->start;
            removal_why = "the panel upheld the exclusion";
        }
    } else if (gb && apply_due != OR_DATE_NONE) {
        removal = apply_due + 1;
        removal_why = "the deadline for applying for a review passed with no application";
    }
    char allowed[24] = "";
    if (removal != OR_DATE_NONE)
        or_date_human(removal, allowed);
    or_duty_add(c, e, 0, OR_RULE_STAT_ROLL_REMOVAL, OR_DATE_NONE, OR_DUE_BY,
                or_duty_action(c, e, OR_RULE_STAT_ROLL_REMOVAL),
                "remove from roll only once %s%s%s", removal_why,
                removal != OR_DATE_NONE ? ": not before " : "", allowed);
}

/* STAT-6TH-DAY-LA for a permanent exclusion. */
void or_stat_sixth_day_la(or_duty_ctx *c, const or_excl_info *x)
{
    const or_fact_event *e = x->e;
    if (e->kind != OR_EV_PERMANENT)
        return;
    const or_fact_snapshot *s = or_facts_snapshot_on(c->f, e->start);
    or_date day = or_duty_nth(x, e->start, c->p->v[OR_P_SIXTH_DAY]);
    if (!s || (day != OR_DATE_NONE && !or_compulsory_school_age(s->dob, day)))
        return;
    or_duty_add(c, e, 0, OR_RULE_STAT_6TH_DAY_LA, day, OR_DUE_BY,
                or_duty_action(c, e, OR_RULE_STAT_6TH_DAY_LA),
                "the LA arranges full-time education from school day %d of the exclusion",
                c->p->v[OR_P_SIXTH_DAY]);
}

/* STAT-6TH-DAY-SCHOOL: runs of back-to-back suspensions at one school longer than 5 days;
 * the duty belongs to the suspension in which the sixth day falls. */
void or_stat_sixth_day_school(or_duty_ctx *c)
{
    int nth = c->p->v[OR_P_SIXTH_DAY];
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *first = &c->x[i];
        if (first->e->kind != OR_EV_SUSPENSION || !first->counts || first->ndays == 0)
            continue;
        /* is it the start of a run? (no counted suspension at the school ends the school day
         * before it starts) */
        bool starts_run = true;
        for (int j = 0; j < i; j++) {
            const or_excl_info *y = &c->x[j];
            if (y->e->kind == OR_EV_SUSPENSION && y->counts && y->ndays > 0 &&
                y->e->urn == first->e->urn &&
                or_duty_after(first, y->days[y->ndays - 1], 1) >= first->days[0])
                starts_run = false;
        }
        if (!starts_run)
            continue;
        /* walk the run */
        or_date run_start = first->days[0], run_end = first->days[first->ndays - 1];
        or_date sixth = or_duty_nth(first, run_start, nth);
        const or_excl_info *owner = NULL;
        for (int j = i; j < c->nx; j++) {
            const or_excl_info *y = &c->x[j];
            if (y->e->kind != OR_EV_SUSPENSION || !y->counts || y->ndays == 0 ||
                y->e->urn != first->e->urn)
                continue;
            if (j > i && y->days[0] > or_duty_after(first, run_end, 1))
                break;
            for (int k = 0; k < y->ndays; k++)
                if (y->days[k] == sixth)
                    owner = y;
            if (y->days[y->ndays - 1] > run_end)
                run_end = y->days[y->ndays - 1];
        }
        if (!owner)
            continue; /* the run is not longer than 5 days */
        const or_fact_snapshot *s = or_facts_snapshot_on(c->f, sixth);
        if (s && !or_compulsory_school_age(s->dob, sixth))
            continue;
        char a[24], b[24], r[24];
        or_date_human(sixth, a);
        or_date_human(run_end, b);
        or_date_human(run_start, r);
        or_duty_add(c, owner->e, 0, OR_RULE_STAT_6TH_DAY_SCHOOL, sixth, OR_DUE_BY,
                    or_duty_action(c, owner->e, OR_RULE_STAT_6TH_DAY_SCHOOL),
                    "suspended from %s for more than 5 school days in a row: the school provides "
                    "full-time education from %s to %s",
                    r, a, b);
    }
}
