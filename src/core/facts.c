/* facts.c - look-ups over one pupil's facts (facts.h): the snapshot in force on a date, an
 * event by id, the action that did a duty, withdrawals, social workers, compulsory school age. */
#include <string.h>

#include "onroll/facts.h"

const char *const or_event_kind_names[OR_EV__COUNT + 1] = {
    "suspension",
    "lunchtime",
    "permanent",
    "withdrawn",
    "reinstated",
    "managed_move",
    "off_site_direction",
    "ap_placement",
    "part_time_timetable",
    "ehe",
    "cme",
    "unexplained_exit",
    "in_year_transfer",
    "representations",
    "action",
    "psp",
    "plan_review",
    "peap",
    "pep",
    "intervention",
    "referral",
    "referral_update",
    "measure",
    NULL,
};

const char *or_event_kind_name(or_event_kind k)
{
    return k >= 0 && k < OR_EV__COUNT ? or_event_kind_names[k] : "?";
}

int or_event_kind_parse(const char *name)
{
    for (int k = 0; k < OR_EV__COUNT; k++)
        if (strcmp(or_event_kind_names[k], name) == 0)
            return k;
    return -1;
}

const or_fact_snapshot *or_facts_snapshot_on(const or_pupil_facts *f, or_date d)
{
    const or_fact_snapshot *best = NULL;
    for (int i = 0; i < f->nsnaps; i++)
        if (f->snaps[i].as_of <= d)
            best = &f->snaps[i]; /* sorted by as_of then receipt: the last one wins */
    return best ? best : (f->nsnaps ? &f->snaps[0] : NULL);
}

const or_fact_event *or_facts_event(const or_pupil_facts *f, int urn, const char *event_id)
{
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].urn == urn && strcmp(f->events[i].event_id, event_id) == 0)
            return &f->events[i];
    return NULL;
}

const or_fact_event *or_facts_action(const or_pupil_facts *f, int urn, const char *ref,
                                     const char *rule)
{
    const or_fact_event *found = NULL;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind == OR_EV_ACTION && e->urn == urn && e->ref && e->rule &&
            strcmp(e->ref, ref) == 0 && strcmp(e->rule, rule) == 0)
            found = e; /* by start then receipt: the latest */
    }
    return found;
}

static bool named_by(const or_pupil_facts *f, const or_fact_event *ex, or_event_kind kind,
                     or_date *on)
{
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind == kind && e->urn == ex->urn && e->ref && strcmp(e->ref, ex->event_id) == 0) {
            *on = e->start;
            return true;
        }
    }
    return false;
}

bool or_facts_withdrawn(const or_pupil_facts *f, const or_fact_event *ex, or_date *on)
{
    return named_by(f, ex, OR_EV_WITHDRAWN, on);
}

bool or_facts_has_social_worker(const or_pupil_facts *f, or_date d)
{
    const or_fact_snapshot *s = or_facts_snapshot_on(f, d);
    if (s && (s->cin == 1 || s->cp == 1 || s->cla == 1))
        return true;
    for (int i = 0; i < f->ncases; i++) {
        const or_fact_case *c = &f->cases[i];
        if (strcmp(c->role, "social_worker") == 0 && c->start <= d &&
            (c->end == OR_DATE_NONE || c->end >= d))
            return true;
    }
    return false;
}

bool or_compulsory_school_age(or_date dob, or_date d)
{
    /* starts on the first prescribed day (31 Dec, 31 Mar, 31 Aug) on or after the 5th
     * birthday (Education Act 1996 s8(2), SI 1998/1607) */
    int y, m, dd;
    or_date_to_ymd(dob, &y, &m, &dd);
    int y5 = y + 5;
    or_date fifth = (m == 2 && dd == 29) ? or_date_from_ymd(y5, 3, 1) : or_date_from_ymd(y5, m, dd);
    or_date prescribed[] = {or_date_from_ymd(y5, 3, 31), or_date_from_ymd(y5, 8, 31),
                            or_date_from_ymd(y5, 12, 31), or_date_from_ymd(y5 + 1, 3, 31)};
    or_date start = prescribed[3];
    for (int i = 0; i < 4; i++)
        if (prescribed[i] >= fifth) {
            start = prescribed[i];
            break;
        }
    /* ends on the last Friday in June of the school year in which the child turns 16 */
    int y16 = y + 16;
    int ay16 = or_date_academic_year(
        or_date_from_ymd(y16, m == 2 && dd == 29 ? 3 : m, m == 2 && dd == 29 ? 1 : dd));
    or_date june30 = or_date_from_ymd(ay16 + 1, 6, 30);
    or_date end = june30 - ((or_date_weekday(june30) - 4 + 7) % 7); /* Friday = 4 */
    return d >= start && d <= end;
}

or_date or_fact_decided(or_date decided, or_date start, or_date recorded)
{
    if (decided != OR_DATE_NONE)
        return decided;
    return recorded > 0 && (start == OR_DATE_NONE || recorded < start) ? recorded : start;
}

bool or_event_is_exit(or_event_kind k)
{
    return k == OR_EV_UNEXPLAINED_EXIT || k == OR_EV_EHE || k == OR_EV_CME ||
           k == OR_EV_IN_YEAR_TRANSFER;
}

or_date or_facts_left_school(const or_pupil_facts *f, int urn, or_date d,
                             const or_fact_event **exit)
{
    *exit = NULL;
    if (!f || d == OR_DATE_NONE)
        return OR_DATE_NONE;
    bool covered = false, enrolled = false;
    or_date last_end = OR_DATE_NONE, rejoined = OR_DATE_NONE;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *r = &f->enrols[i];
        if (r->urn != urn)
            continue;
        enrolled = true;
        if (r->start <= d && (r->end == OR_DATE_NONE || r->end >= d))
            covered = true;
        if (r->end != OR_DATE_NONE && r->end < d && (last_end == OR_DATE_NONE || r->end > last_end))
            last_end = r->end;
        if (r->start <= d && (rejoined == OR_DATE_NONE || r->start > rejoined))
            rejoined = r->start;
    }
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->urn == urn && or_event_is_exit(e->kind) && e->start < d &&
            (!*exit || e->start >= (*exit)->start))
            *exit = e;
    }
    if (*exit && (rejoined == OR_DATE_NONE || rejoined <= (*exit)->start))
        return (*exit)->start;
    *exit = NULL;
    return enrolled && !covered && last_end != OR_DATE_NONE ? last_end : OR_DATE_NONE;
}
