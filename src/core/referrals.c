/* referrals.c - the referral routes of the graduated response as one table (referrals.h):
 * the Re-engagement Unit, multi-agency planning, early help, educational psychology and
 * alternative provision placements, each with its steps and their school-day deadlines.
 * The deadlines are the LA protocol's defaults (Hackney No Need to Exclude): an LA with other
 * agreements with its services changes this table. */
#include <string.h>

#include "onroll/referrals.h"

static const or_referral_flow flows[] = {
    {"reu",
     "Re-engagement Unit",
     "reu",
     true,
     false,
     "School referrals only, with the pupil's Pastoral Support Programme attached.",
     {{"accepted", "Referral accepted", "Re-engagement Unit", 10, false},
      {"allocated", "Lead worker allocated", "Re-engagement Unit", 5, false},
      {"mid_review", "Mid-programme review", "Re-engagement Unit and school", 30, false},
      {"exit", "Exit with a sustainability plan", "Re-engagement Unit and school", 30, false}},
     4},
    {"map",
     "Multi-agency planning meeting",
     "la",
     false,
     false,
     "A meeting of the agencies involved with the pupil and family to agree one plan.",
     {{"meeting_held", "Multi-agency meeting held", "local authority", 10, false},
      {"plan_agreed", "Multi-agency plan agreed", "local authority", 5, false},
      {"mid_review", "Plan reviewed", "local authority and school", 30, false},
      {"closed", "Plan closed", "local authority", 30, false}},
     4},
    {"early_help",
     "Early help / multi-agency team",
     "early_help",
     false,
     false,
     "Early help for the family (under 11s to the multi-agency team, older pupils to early help).",
     {{"accepted", "Referral accepted", "early help", 5, false},
      {"allocated", "Key worker allocated", "early help", 5, false},
      {"closed", "Early help closed", "early help", 60, false}},
     3},
    {"ep",
     "Educational psychology",
     "la",
     false,
     false,
     "An educational psychologist's assessment of the pupil's needs.",
     {{"accepted", "Referral accepted", "educational psychology", 10, false},
      {"assessed", "Assessment done", "educational psychology", 30, false},
      {"report", "Report written", "educational psychology", 15, false}},
     3},
    {"ap",
     "Alternative provision placement",
     "la",
     false,
     true,
     "A time-limited placement (e.g. six weeks) with reports to the school every fortnight.",
     {{"placed", "Pupil placed", "local authority", 10, false},
      {"report", "Fortnightly report", "alternative provision", 10, true},
      {"exit", "End-of-placement review", "school and alternative provision", 0, false}},
     3},
    /* the multi-agency panel (panel.h, docs/panel.md): the LA puts the referral on a meeting's
     * agenda, the panel considers it (urgent the same school day, else within 3: the KPI) */
    {"panel",
     "Multi-agency panel",
     "panel",
     false,
     false,
     "The weekly multi-agency panel (hot clinic): safeguarding, health, CAMHS, the MASH, police "
     "and early help agree what happens next.",
     {{"accepted", "Accepted for the panel's agenda", "local authority", 1, false},
      {"discussed", "Considered at the panel", "multi-agency panel", 3, false}},
     2},
};

bool or_referral_status_final(const char *status)
{
    return status && (!strcmp(status, "declined") || !strcmp(status, "closed"));
}

int or_referral_flows_count(void)
{
    return (int)(sizeof flows / sizeof flows[0]);
}

const or_referral_flow *or_referral_flow_at(int i)
{
    return i >= 0 && i < or_referral_flows_count() ? &flows[i] : NULL;
}

const or_referral_flow *or_referral_flow_find(const char *service)
{
    for (int i = 0; service && i < or_referral_flows_count(); i++)
        if (!strcmp(flows[i].service, service))
            return &flows[i];
    return NULL;
}

static int step_index(const or_referral_flow *fl, const char *status)
{
    for (int i = 0; i < fl->nsteps; i++)
        if (!strcmp(fl->steps[i].status, status))
            return i;
    return -1;
}

bool or_referral_state_of(const or_pupil_facts *f, const or_fact_event *r, or_date as_of,
                          or_referral_state *out)
{
    memset(out, 0, sizeof *out);
    if (r->kind != OR_EV_REFERRAL || !(out->flow = or_referral_flow_find(r->to)))
        return false;
    out->step = -1;
    out->status = "referred";
    out->since = r->start;
    for (int i = 0; i < f->nevents; i++) { /* events are in date order, then receipt */
        const or_fact_event *u = &f->events[i];
        if (u->kind != OR_EV_REFERRAL_UPDATE || u->urn != r->urn || !u->ref || !u->outcome ||
            strcmp(u->ref, r->event_id) || u->start > as_of || out->ended ||
            !strcmp(u->outcome, "panel_action")) /* an action agreed: the referral stays */
            continue;
        out->last_update = u;
        out->status = u->outcome;
        out->since = u->start;
        if (or_referral_status_final(u->outcome)) {
            out->ended = true;
            out->ended_by = u;
            continue;
        }
        int k = step_index(out->flow, u->outcome);
        if (k < 0)
            continue; /* a status of another route: recorded, but it moves nothing */
        if (out->flow->steps[k].repeats)
            out->reports++;
        if (k > out->step)
            out->step = k;
        if (k == out->flow->nsteps - 1) {
            out->ended = true;
            out->ended_by = u;
        }
    }
    return true;
}

int or_referral_next(const or_referral_state *s, const char *out[], int max)
{
    int n = 0;
#define ADD(x)                                                                                     \
    do {                                                                                           \
        if (n < max - 1)                                                                           \
            out[n++] = (x);                                                                        \
    } while (0)
    if (!s->ended) {
        const or_referral_flow *fl = s->flow;
        if (s->step >= 0 && fl->steps[s->step].repeats)
            ADD(fl->steps[s->step].status);
        if (s->step + 1 < fl->nsteps)
            ADD(fl->steps[s->step + 1].status);
        if (s->step + 2 < fl->nsteps && fl->steps[s->step + 1].repeats)
            ADD(fl->steps[s->step + 2].status);
        if (s->step < 0 && !strcmp(fl->steps[0].status, "accepted"))
            ADD("declined");
        ADD("closed");
    }
#undef ADD
    out[n] = NULL;
    return n;
}

static const char *const status_keys[OR_REFERRAL__N] = {"new", "accepted", "declined", "allocated",
                                                        "closed"};
/* labels.h */
static const char *const status_words[OR_REFERRAL__N] = {"New", "Accepted", "Declined", "Allocated",
                                                         "Closed"};

or_referral_status or_referral_status_of(const or_referral_state *s)
{
    if (s->ended)
        return s->status && !strcmp(s->status, "declined") ? OR_REFERRAL_DECLINED
                                                           : OR_REFERRAL_CLOSED;
    if (s->step < 0)
        return OR_REFERRAL_NEW;
    return !strcmp(s->flow->steps[s->step].status, "accepted") ? OR_REFERRAL_ACCEPTED
                                                               : OR_REFERRAL_ALLOCATED;
}

const char *or_referral_status_key(or_referral_status s)
{
    return s >= 0 && s < OR_REFERRAL__N ? status_keys[s] : "";
}

const char *or_referral_status_words(or_referral_status s)
{
    return s >= 0 && s < OR_REFERRAL__N ? status_words[s] : "";
}

int or_referral_status_parse(const char *key)
{
    for (int i = 0; key && i < OR_REFERRAL__N; i++)
        if (!strcmp(key, status_keys[i]))
            return i;
    return -1;
}
