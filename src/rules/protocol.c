/* protocol.c - the LA's local protocol (DOMAIN.md §4), with the thresholds of params.h: the
 * evaluators of the LOCAL-* rows of the catalogue, one function per group of rules, each run
 * once for the pupil: consult the exclusions team, Pastoral Support Programmes and their
 * reviews, pre-exclusion assessment, the Virtual School, EHC plan reviews, partner
 * notifications, Personal Education Plans, part-time timetables and referrals. Defaults are
 * the Hackney protocol; an LA sets its own. */
#include <stdio.h>
#include <string.h>

#include "onroll/notify.h"
#include "onroll/referrals.h"
#include "onroll/attend_alert.h"
#include "rules/rules_internal.h"

/* An exclusion at the same school decided after x (and by the date)? */
static const or_excl_info *later_exclusion(const or_duty_ctx *c, int i, or_event_kind only)
{
    for (int j = i + 1; j < c->nx; j++)
        if (c->x[j].e->urn == c->x[i].e->urn && c->x[j].counts &&
            (only == OR_EV__COUNT || c->x[j].e->kind == only))
            return &c->x[j];
    return NULL;
}

/* An action of `rule` for any event of the pupil at school urn dated on or before `by`. */
static const or_fact_event *any_action(const or_duty_ctx *c, int urn, or_rule_id id, or_date by)
{
    const char *rule = c->rules[id].id;
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *a = &c->f->events[i];
        if (a->kind == OR_EV_ACTION && a->urn == urn && a->rule && !strcmp(a->rule, rule) &&
            a->start <= by && a->start <= c->as_of)
            return a;
    }
    return NULL;
}

/* The first event of `kind` at school urn dated within [from, to] and by the date asked
 * about: the plan (psp, peap, pep) that did a duty as well as its `action` would. */
static const or_fact_event *plan_event(const or_duty_ctx *c, or_event_kind kind, int urn,
                                       or_date from, or_date to)
{
    for (int i = 0; i < c->f->nevents; i++) {
        const or_fact_event *a = &c->f->events[i];
        if (a->kind == kind && a->urn == urn && a->start >= from && a->start <= to &&
            a->start <= c->as_of)
            return a;
    }
    return NULL;
}

/* The first and last day of the school year of d (date.h: from 1 August). */
static or_date year_from(or_date d)
{
    return or_date_academic_year_start(or_date_academic_year(d));
}
static or_date year_to(or_date d)
{
    return or_date_academic_year_start(or_date_academic_year(d) + 1) - 1;
}

/* LOCAL-CONSULT-2-15 (once a school year) and LOCAL-CONSULT-PEX. */
void or_local_consult(or_duty_ctx *c)
{
    const or_params *p = c->p;
    int done_year = -1;
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *x = &c->x[i];
        const or_fact_event *e = x->e;
        if (e->kind == OR_EV_PERMANENT) {
            or_duty_add(c, e, 0, OR_RULE_LOCAL_CONSULT_PEX, e->decided, OR_DUE_BY,
                        or_duty_action(c, e, OR_RULE_LOCAL_CONSULT_PEX),
                        "consult the LA exclusions team on or before a permanent exclusion");
            continue;
        }
        int ay = or_date_academic_year(e->start);
        bool many = x->year_after > p->v[OR_P_CONSULT_SUSPENSIONS];
        bool long_term = x->term_after > 2 * p->v[OR_P_CONSULT_TERM_DAYS];
        if (!x->counts || ay == done_year || !(many || long_term))
            continue;
        done_year = ay;
        const or_fact_event *done = or_duty_action(c, e, OR_RULE_LOCAL_CONSULT_2_15);
        const or_excl_info *next = later_exclusion(c, i, OR_EV__COUNT);
        bool missed = next && (!done || done->start > next->e->decided);
        char why[96];
        if (many)
            snprintf(why, sizeof why, "suspension number %d this school year", x->year_after);
        else
            snprintf(why, sizeof why, "more than %d days of suspension this term",
                     p->v[OR_P_CONSULT_TERM_DAYS]);
        or_duty_add(c, e, 0, OR_RULE_LOCAL_CONSULT_2_15, OR_DATE_NONE,
                    missed ? OR_DUE_OVERDUE : OR_DUE_BY, done,
                    "%s: consult the LA exclusions team before any further exclusion%s", why,
                    missed ? " (a further exclusion was made first)" : "");
    }
}

static bool not_improving(const or_fact_event *review)
{
    return review && review->outcome &&
           (!strcmp(review->outcome, "no_change") || !strcmp(review->outcome, "worse"));
}

/* LOCAL-PSP (once a school year), LOCAL-PSP-REVIEW once it has started, LOCAL-PSP-ESCALATE. */
void or_local_psp(or_duty_ctx *c)
{
    const or_params *p = c->p;
    int done_year = -1;
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *x = &c->x[i];
        const or_fact_event *e = x->e;
        int ay = or_date_academic_year(e->start);
        bool two = x->year_after >= p->v[OR_P_PSP_SUSPENSIONS];
        bool long_one = e->kind == OR_EV_SUSPENSION && e->sessions >= 2 * p->v[OR_P_PSP_LONG_DAYS];
        if (!or_is_suspension(e->kind) || !x->counts || ay == done_year || !(two || long_one))
            continue;
        done_year = ay;
        or_date due;
        char why[128];
        if (long_one && x->ndays > 0) {
            due = x->days[x->ndays - 1];
            snprintf(why, sizeof why,
                     "a suspension of %d days or more: start a Pastoral Support Programme "
                     "before the pupil returns",
                     p->v[OR_P_PSP_LONG_DAYS]);
        } else {
            due = or_duty_after(x, e->start, p->v[OR_P_PSP_DEADLINE]);
            snprintf(why, sizeof why,
                     "suspension number %d this school year: start a Pastoral Support Programme "
                     "within %d school days",
                     x->year_after, p->v[OR_P_PSP_DEADLINE]);
        }
        /* started by its action, or by a `psp` event at the school that school year */
        const or_fact_event *started = or_duty_action(c, e, OR_RULE_LOCAL_PSP);
        if (!started)
            started = plan_event(c, OR_EV_PSP, e->urn, year_from(e->start), year_to(e->start));
        or_duty_add(c, e, 0, OR_RULE_LOCAL_PSP, due, OR_DUE_BY, started, "%s", why);
        if (!started)
            continue;
        /* the next review: 28 days from the start or the last review (an action naming the
         * suspension, or a plan_review of the psp event); two reviews in a row recorded as
         * not improving (no_change or worse) call for escalation */
        const char *plan = started->kind == OR_EV_PSP ? started->event_id : NULL;
        or_date last = started->start;
        const or_fact_event *prev = NULL, *latest = NULL;
        for (int k = 0; k < c->f->nevents; k++) {
            const or_fact_event *a = &c->f->events[k];
            bool review =
                a->ref && ((a->kind == OR_EV_ACTION && a->rule && !strcmp(a->ref, e->event_id) &&
                            !strcmp(a->rule, c->rules[OR_RULE_LOCAL_PSP_REVIEW].id)) ||
                           (a->kind == OR_EV_PLAN_REVIEW && plan && !strcmp(a->ref, plan)));
            if (review && a->urn == e->urn && a->start <= c->as_of && a->start >= started->start) {
                if (a->start > last)
                    last = a->start;
                prev = latest; /* events are in date order */
                latest = a;
            }
        }
        if (not_improving(prev) && not_improving(latest)) {
            char d1[24], d2[24];
            or_date_human(prev->start, d1);
            or_date_human(latest->start, d2);
            /* done by its action, or by a referral to a service of its row */
            const or_rule_done *how = &c->rules[OR_RULE_LOCAL_PSP_ESCALATE].done;
            const or_fact_event *done = or_duty_action(c, e, OR_RULE_LOCAL_PSP_ESCALATE);
            for (int k = 0; !done && k < c->f->nevents; k++) {
                const or_fact_event *r = &c->f->events[k];
                if (r->kind == OR_EV_REFERRAL && r->urn == e->urn && r->to &&
                    (!strcmp(r->to, how->to[0]) || !strcmp(r->to, how->to[1])) &&
                    r->start >= latest->start && r->start <= c->as_of)
                    done = r; /* the referral is the escalation */
            }
            or_duty_add(c, e, 0, OR_RULE_LOCAL_PSP_ESCALATE, OR_DATE_NONE, OR_DUE_BY, done,
                        "two Pastoral Support Programme reviews in a row without improvement (%s: "
                        "%s, %s: %s): refer to the Re-engagement Unit or educational psychology",
                        d1, prev->outcome, d2, latest->outcome);
        }
        or_date next = last + p->v[OR_P_PSP_REVIEW_DAYS];
        if (or_date_academic_year(next) != ay)
            continue; /* a PSP runs within its school year; a new year brings a new one */
        char dd[24];
        or_date_human(last, dd);
        or_duty_add(c, e, 0, OR_RULE_LOCAL_PSP_REVIEW, next, OR_DUE_BY, NULL,
                    "review the Pastoral Support Programme every %d days (last: %s)",
                    p->v[OR_P_PSP_REVIEW_DAYS], dd);
    }
}

/* LOCAL-PEAP: 2 suspensions in one half-term (before any permanent exclusion), and every
 * permanent exclusion; LOCAL-EHCP-REVIEW for a pupil with an EHC plan at risk. */
void or_local_peap(or_duty_ctx *c)
{
    const or_params *p = c->p;
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *x = &c->x[i];
        const or_fact_event *e = x->e;
        const or_fact_snapshot *s = or_facts_snapshot_on(c->f, e->decided);
        bool at_risk = false;
        if (e->kind == OR_EV_PERMANENT) {
            const or_fact_event *done = or_duty_action(c, e, OR_RULE_LOCAL_PEAP);
            if (!done)
                done = any_action(c, e->urn, OR_RULE_LOCAL_PEAP, e->decided);
            if (!done)
                done = plan_event(c, OR_EV_PEAP, e->urn, year_from(e->decided), e->decided);
            or_duty_add(c, e, 0, OR_RULE_LOCAL_PEAP, e->decided, OR_DUE_BY, done,
                        "a pre-exclusion assessment (needs, interventions tried, the pupil's "
                        "voice) before any permanent exclusion");
            at_risk = true;
        } else if (or_is_suspension(e->kind) && x->counts &&
                   x->halfterm_nth == p->v[OR_P_PEAP_HALFTERM]) {
            const or_fact_event *done = or_duty_action(c, e, OR_RULE_LOCAL_PEAP);
            if (!done)
                done = plan_event(c, OR_EV_PEAP, e->urn, year_from(e->start), year_to(e->start));
            const or_excl_info *pex = later_exclusion(c, i, OR_EV_PERMANENT);
            bool missed = pex && (!done || done->start > pex->e->decided);
            or_duty_add(c, e, 0, OR_RULE_LOCAL_PEAP, OR_DATE_NONE,
                        missed ? OR_DUE_OVERDUE : OR_DUE_BY, done,
                        "%d suspensions in one half-term: hold a pre-exclusion assessment "
                        "meeting before any permanent exclusion",
                        x->halfterm_nth);
            at_risk = true;
        }
        if (at_risk && s && s->sen == 'E')
            or_duty_add(c, e, 0, OR_RULE_LOCAL_EHCP_REVIEW, OR_DATE_NONE, OR_DUE_BY,
                        or_duty_action(c, e, OR_RULE_LOCAL_EHCP_REVIEW),
                        "the pupil has an EHC plan and is at risk of permanent exclusion: "
                        "request an emergency annual review");
    }
}

/* LOCAL-VS-CONSULT and LOCAL-NOTIFY-PARTNERS for every exclusion. */
void or_local_partners(or_duty_ctx *c)
{
    const or_params *p = c->p;
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *x = &c->x[i];
        const or_fact_event *e = x->e;
        const or_fact_snapshot *s = or_facts_snapshot_on(c->f, e->decided);
        bool sw = or_facts_has_social_worker(c->f, e->decided);
        bool cla = s && s->cla == 1, pla = s && s->pla == 1;
        if (sw || pla)
            or_duty_add(c, e, 0, OR_RULE_LOCAL_VS_CONSULT, e->decided, OR_DUE_BY,
                        or_duty_action(c, e, OR_RULE_LOCAL_VS_CONSULT),
                        "the pupil %s: consult the Virtual School on or before the %s",
                        cla   ? "is looked after"
                        : pla ? "was previously looked after"
                              : "has a social worker",
                        e->kind == OR_EV_PERMANENT ? "exclusion" : "suspension");
        unsigned told_to = or_notify_services(c->f, e, x->school);
        if (!told_to)
            continue;
        char who[512];
        or_services_words(told_to, who, sizeof who);
        /* the LA was notified when the exclusion was recorded in onroll (its own system) or
         * on its STAT-NOTIFY-LA action's own date, the earlier: no deemed delivery, which the
         * statute applies to notices to parents, the board and the panel, not to the LA's
         * own partners (DOMAIN.md §2, §4); until then, from the decision */
        const or_fact_event *told = or_duty_recorded(c, e, OR_RULE_STAT_NOTIFY_LA);
        or_date from = !told ? e->decided : told == e ? e->recorded : told->start;
        or_duty_add(c, e, 0, OR_RULE_LOCAL_NOTIFY_PARTNERS,
                    or_duty_after(x, from, p->v[OR_P_PARTNERS_DEADLINE]), OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_LOCAL_NOTIFY_PARTNERS),
                    "the LA tells %s within %d school day%s of being notified", who,
                    p->v[OR_P_PARTNERS_DEADLINE], p->v[OR_P_PARTNERS_DEADLINE] == 1 ? "" : "s");
    }
}

/* LOCAL-MASH-ASSESS: the MASH records its safeguarding assessment of every permanent exclusion
 * within mash.deadline school days (1) of being told of it. It is told when the LA is: the
 * earlier of the day the exclusion was recorded in onroll and its STAT-NOTIFY-LA action's own
 * date, else its decision date (as LOCAL-NOTIFY-PARTNERS: the LA's partners hear through it),
 * and the school days are the excluding school's. Done by an action naming the exclusion, with
 * the outcome (no_further_action, early_help, section_17, section_47, already_open). */
void or_local_mash(or_duty_ctx *c)
{
    int days = c->p->v[OR_P_MASH_DEADLINE];
    for (int i = 0; i < c->nx; i++) {
        const or_excl_info *x = &c->x[i];
        const or_fact_event *e = x->e;
        if (e->kind != OR_EV_PERMANENT)
            continue;
        const or_fact_event *told = or_duty_recorded(c, e, OR_RULE_STAT_NOTIFY_LA);
        or_date from = !told ? e->decided : told == e ? e->recorded : told->start;
        or_duty_add(c, e, 0, OR_RULE_LOCAL_MASH_ASSESS, or_duty_after(x, from, days), OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_LOCAL_MASH_ASSESS),
                    "the MASH records its safeguarding assessment of the permanent exclusion "
                    "within %d school day%s of being told of it",
                    days, days == 1 ? "" : "s");
    }
}

/* LOCAL-ATTEND-ALERT: each alert of attend_alert.h (an unexplained absence, a crossing of the
 * persistent-absence line) is the LA's to pass on by the next school day at its school. onroll
 * does it: the notifications outbox sends each alert to the Virtual School and the social worker
 * (src/notify/outbox.c) and /notifications shows what became of it. So the duty stands from the
 * alert's day until its due date, to be seen on the day; after that the outbox is its record. */
void or_local_attend_alert(or_duty_ctx *c)
{
    or_attend_alert alerts[64];
    or_date from = c->as_of - 14; /* the next school day is at most a holiday away */
    int n = or_attend_alerts(c->f, c->p->v[OR_P_RISK_PA_PCT], from, c->as_of, alerts, 64);
    for (int i = 0; i < n && i < 64; i++) {
        const or_attend_alert *a = &alerts[i];
        const or_school_info *s = c->f->school ? c->f->school(c->f->school_ctx, a->urn) : NULL;
        or_date due = s && s->cal ? or_cal_after(s->cal, a->day, 1) : OR_DATE_NONE;
        if (due == OR_DATE_NONE || due < c->as_of)
            continue;
        char day[11];
        or_date_format(a->day, day);
        if (a->kind == OR_ALERT_ABSENCE)
            or_duty_add(c, NULL, a->urn, OR_RULE_LOCAL_ATTEND_ALERT, due, OR_DUE_BY, NULL,
                        "an unexplained absence (%c) on %s: onroll tells the Virtual School and "
                        "the social worker",
                        a->code, day);
        else
            or_duty_add(c, NULL, a->urn, OR_RULE_LOCAL_ATTEND_ALERT, due, OR_DUE_BY, NULL,
                        "attendance %d of %d sessions on %s, below the persistent-absence line: "
                        "onroll tells the Virtual School and the social worker",
                        a->attended, a->possible, day);
    }
}

/* The school of the pupil's main registration on d (0 if none). */
static int school_on(const or_pupil_facts *f, or_date d)
{
    int urn = 0;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *r = &f->enrols[i];
        if (r->reg_type == 'm' && r->start <= d && (r->end == OR_DATE_NONE || r->end >= d))
            urn = r->urn;
    }
    return urn;
}

/* LOCAL-PEP: a Personal Education Plan meeting in every term for a looked-after pupil. */
void or_local_pep(or_duty_ctx *c)
{
    const or_pupil_facts *f = c->f;
    int urn = school_on(f, c->as_of);
    const or_school_info *sc = urn && f->school ? f->school(f->school_ctx, urn) : NULL;
    if (!sc || !sc->cal)
        return;
    const or_calendar *cal = sc->cal;
    int ay = or_date_academic_year(c->as_of);
    for (int t = 0; t < cal->nterms; t++) {
        or_date from = cal->term_start[t], to = cal->term_end[t];
        if (or_date_academic_year(from) != ay || from > c->as_of)
            continue;
        or_date upto = to < c->as_of ? to : c->as_of;
        const or_fact_snapshot *a = or_facts_snapshot_on(f, from),
                               *b = or_facts_snapshot_on(f, upto);
        if (!((a && a->cla == 1) || (b && b->cla == 1)))
            continue;
        const or_fact_event *done = NULL;
        for (int i = 0; i < f->nevents; i++) {
            const or_fact_event *e = &f->events[i];
            if (((e->kind == OR_EV_ACTION && e->rule &&
                  !strcmp(e->rule, c->rules[OR_RULE_LOCAL_PEP].id)) ||
                 e->kind == OR_EV_PEP) &&
                e->start >= from && e->start <= to && e->start <= c->as_of)
                done = e;
        }
        char s1[24], s2[24];
        or_date_human(from, s1);
        or_date_human(to, s2);
        or_duty_add(c, NULL, urn, OR_RULE_LOCAL_PEP, to, OR_DUE_BY, done,
                    "looked after: a Personal Education Plan meeting this term (%s to %s)", s1, s2);
    }
}

/* LOCAL-PTT: a part-time timetable ends by its agreed date and within 30 school days. */
void or_local_ptt(or_duty_ctx *c)
{
    const or_pupil_facts *f = c->f;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind != OR_EV_PART_TIME || e->start > c->as_of)
            continue;
        or_excl_info x = {.e = e};
        x.school = f->school ? f->school(f->school_ctx, e->urn) : NULL;
        x.cal = x.school ? x.school->cal : NULL;
        or_date limit = or_duty_nth(&x, e->start, c->p->v[OR_P_PTT_MAX_DAYS]);
        or_date due = e->end;
        if (limit != OR_DATE_NONE && (due == OR_DATE_NONE || limit < due))
            due = limit;
        char s1[24];
        or_date_human(e->end, s1);
        or_duty_add(c, e, 0, OR_RULE_LOCAL_PTT, due, OR_DUE_BY,
                    or_duty_action(c, e, OR_RULE_LOCAL_PTT),
                    "part-time timetable agreed to end %s: review it by its end date and within "
                    "%d school days",
                    s1, c->p->v[OR_P_PTT_MAX_DAYS]);
    }
}

/* LOCAL-REFERRAL: the next step of every referral (referrals.h), due so many school days
 * after the step before on the referring school's calendar; done when the referral ends. */
void or_local_referrals(or_duty_ctx *c)
{
    const or_pupil_facts *f = c->f;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *r = &f->events[i];
        or_referral_state s;
        if (r->kind != OR_EV_REFERRAL || r->start > c->as_of ||
            !or_referral_state_of(f, r, c->as_of, &s))
            continue;
        const or_referral_flow *fl = s.flow;
        or_excl_info x = {.e = r};
        x.school = f->school ? f->school(f->school_ctx, r->urn) : NULL;
        x.cal = x.school ? x.school->cal : NULL;
        char why[160] = "";
        if (fl->needs_psp && !r->ref)
            snprintf(why, sizeof why,
                     " (no Pastoral Support Programme attached: the %s takes "
                     "school referrals with the PSP)",
                     fl->label);
        if (s.ended) {
            or_duty_add(c, r, 0, OR_RULE_LOCAL_REFERRAL, OR_DATE_NONE, OR_DUE_BY, s.ended_by,
                        "%s referral %s%s", fl->label, s.status, why);
            continue;
        }
        /* the next step: a repeating step again until the placement's end, else the one after */
        int k = s.step + 1;
        if (s.step >= 0 && fl->steps[s.step].repeats) {
            or_date again = or_duty_after(&x, s.since, fl->steps[s.step].days);
            k = r->end == OR_DATE_NONE || again == OR_DATE_NONE || again < r->end ? s.step
                                                                                  : s.step + 1;
        }
        const or_referral_step *st = &fl->steps[k];
        or_date due =
            st->days == 0 && r->end != OR_DATE_NONE ? r->end : or_duty_after(&x, s.since, st->days);
        or_duty_add(c, r, 0, OR_RULE_LOCAL_REFERRAL, due, OR_DUE_BY, NULL, "%s: %s (%s)%s",
                    fl->label, st->label, st->who, why);
    }
}
