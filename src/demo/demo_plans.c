/* demo_plans.c - the demo LA's graduated response (or_demo_plans in demo.h): for every
 * suspension that calls for a Pastoral Support Programme (LOCAL-PSP, as the duties engine says
 * from the loaded demo), a PSP with targets for the pupil, the school, the family and other
 * agencies, reviewed about every four weeks with a mix of outcomes - most improving; some with
 * two reviews in a row without improvement followed by a referral to the Re-engagement Unit
 * (accepted, a lead worker allocated, a mid-programme review, an exit with a sustainability
 * plan) or educational psychology; some escalations this school year left undone - a few
 * part-time timetables; pre-exclusion assessments before most (not all) permanent exclusions
 * and after some second suspensions in a half-term; a Personal Education Plan meeting in most
 * terms for looked-after pupils; and multi-agency planning, early help and alternative
 * provision referrals at various steps. Nothing is dated after as_of; each pupil has its own
 * random stream, so the output is the same for a seed and date. Text is made up: no names,
 * only roles. Details are built with plans.h, so they pass the importer's check. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "onroll/duties.h"
#include "onroll/plans.h"
#include "onroll/referrals.h"

#define PICK(r, a) ((a)[dm_below((r), (int)(sizeof(a) / sizeof((a)[0])))])

static const char *const targets_pupil[] = {
    "Arrive on time to every lesson and go straight to class after break.",
    "Use the agreed time-out card instead of walking out of the classroom.",
    "Hand in English and maths homework every week.",
    "Talk to the key adult when feeling angry, before reacting.",
    "Stay in every lesson for the whole period, with no more than one warning a day.",
    "Go to the lunchtime club at least three days a week.",
    "Follow the first instruction from staff without arguing.",
};
static const char *const targets_school[] = {
    "A named key adult checks in every morning and at the end of the day.",
    "Weekly mentoring with the learning mentor; a movement break agreed with every teacher.",
    "Daily report card reviewed by the head of year; seating plans changed in three subjects.",
    "The SENCO assesses literacy and shares strategies with every teacher.",
    "A quiet space at lunchtime and a timetable with two fewer room changes a day.",
};
static const char *const targets_family[] = {
    "Check and sign the report card every evening.",
    "Come to the fortnightly review meetings.",
    "Keep to the agreed bedtime and morning routine on school days.",
    "Call the key adult if something at home may affect the school day.",
};
static const char *const targets_agencies[] = {
    "",
    "Early help worker to offer parenting support.",
    "The school nurse to follow up the CAMHS referral.",
    "A youth worker to meet the pupil weekly after school.",
    "",
};
static const char *const leaders[] = {
    "Deputy head (pastoral)",
    "Assistant head (inclusion)",
    "Head of year",
    "SENCO",
    "Assistant head (behaviour and attendance)",
};
static const char *const views_pupil[3][3] = {
    {"I like having the card; lessons feel easier.", "I've been getting fewer warnings.",
     "The mentoring helps me calm down."},
    {"It's the same as before.", "Some teachers don't use the plan.",
     "I still get sent out of science."},
    {"Things at home are hard right now.", "I don't want to be in school.",
     "I got into a fight at lunchtime and it all went wrong."},
};
static const char *const views_parent[3][2] = {
    {"Pleased with the progress; the daily contact helps.", "We can see a difference at home."},
    {"Worried that nothing has changed yet.", "Would like the plan used in every lesson."},
    {"Very worried; asks for more help from outside school.", "Feels the school is giving up."},
};
static const char *const next_steps[] = {
    "Carry on with the plan; review in four weeks.",
    "Add a second check-in at lunchtime.",
    "Ask the SENCO to observe two lessons before the next review.",
};
static const char *const needs[] = {
    "Social, emotional and mental health needs; SEN support in place since the autumn term.",
    "Speech and language needs; reading age about two years below the pupil's age.",
    "Known to early help; a young carer at home.",
    "No identified special educational needs; attendance has fallen this term.",
};
static const char *const interventions[] = {
    "Pastoral Support Programme, mentoring, a daily report card, and a reduced timetable for two "
    "weeks.",
    "Key adult, social skills group, restorative meetings after each incident.",
    "Mentoring, a referral to the Re-engagement Unit, a managed move considered with the family.",
};
static const char *const voice[4][3] = {
    {"PE and art.", "My friends.", "The breakfast club."},
    {"Loud classrooms.", "Being told off in front of everyone.", "Maths, when I don't get it."},
    {"My key worker.", "My nan.", "The teacher in the inclusion room."},
    {"Someone to talk to when I'm angry.", "Fewer lessons in a row without a break.",
     "Help with reading."},
};
static const char *const referral_reasons[] = {
    "Two Pastoral Support Programme reviews without improvement; persistent disruption in "
    "lessons.",
    "Escalating behaviour since the start of term despite the PSP; the family asks for more help.",
    "Repeated suspensions for physical assault on peers; the PSP targets are not being met.",
};
static const char *const pep_targets[] = {
    "Reading: move up two book bands by the end of term.",
    "Maths: know the times tables to 12; join the tuition group.",
    "Attend every lesson; join one after-school club.",
    "Prepare for the move to secondary school with three visits.",
};
static const char *const pep_use[] = {
    "One-to-one tuition in maths twice a week.",
    "A mentor and a place in the holiday activity programme.",
    "Speech and language sessions and a laptop for homework.",
};

typedef struct {
    const or_demo_sink *sink;
    or_error *err;
    const or_pupil_facts *f;
    dm_rng r;
    or_date as_of;
    int cur_ay;
    int *emitted;
    or_arena *a; /* this pupil's scratch */
} pl_ctx;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static const or_calendar *cal_of(const pl_ctx *c, int urn)
{
    const or_school_info *s = c->f->school ? c->f->school(c->f->school_ctx, urn) : NULL;
    return s ? s->cal : NULL;
}

/* The first school day on or after d (a weekday without a calendar). */
static or_date school_day(const or_calendar *cal, or_date d)
{
    or_date s = cal ? or_cal_next_school_day(cal, d) : OR_DATE_NONE;
    if (s != OR_DATE_NONE)
        return s;
    while (or_date_is_weekend(d))
        d++;
    return d;
}

/* The n-th school day after d (about 7 days a week of 5 without a calendar). */
static or_date school_after(const or_calendar *cal, or_date d, int n)
{
    or_date s = cal ? or_cal_after(cal, d, n) : OR_DATE_NONE;
    return s != OR_DATE_NONE ? s : school_day(cal, d + n + 2 * (n / 5) + 1);
}

/* The last school day of the school year of d (the summer term's end), else 20 July. */
static or_date term_last(const or_calendar *cal, int ay)
{
    or_date best = or_date_from_ymd(ay + 1, 7, 20);
    for (int t = 0; cal && t < cal->nterms; t++)
        if (or_date_academic_year(cal->term_end[t]) == ay)
            best = cal->term_end[t];
    return best;
}

/* A details object of `type` from name, value pairs (NULL-terminated); "" on failure. */
static const char *details(pl_ctx *c, const char *type, const char *const *kv)
{
    const or_plan_kind *k = or_plan_kind_find(type);
    or_plan_values v;
    memset(&v, 0, sizeof v);
    for (int i = 0; kv[i]; i += 2) {
        int f = or_plan_field_index(k, kv[i]);
        if (f >= 0)
            v.text[f] = kv[i + 1];
    }
    or_sb sb = OR_SB_INIT;
    const char *out = or_plan_details_json(k, &v, &sb, NULL)
                          ? ""
                          : or_arena_strdup(c->a, sb.len ? or_sb_str(&sb) : "");
    or_sb_release(&sb);
    return out;
}

typedef struct {
    const char *type, *id, *ref, *outcome, *to, *provider, *details;
    int urn;
    or_date start, end;
} pl_event;

static or_code emit(pl_ctx *c, const pl_event *e)
{
    const char *cells[OR_EV__N];
    for (int i = 0; i < OR_EV__N; i++)
        cells[i] = "";
    char urn[16], start[11], end[11] = "";
    snprintf(urn, sizeof urn, "%d", e->urn);
    or_date_format(e->start, start);
    if (e->end != OR_DATE_NONE)
        or_date_format(e->end, end);
    cells[OR_EV_EVENT_ID] = e->id;
    cells[OR_EV_UPN] = c->f->upn;
    cells[OR_EV_URN] = urn;
    cells[OR_EV_TYPE] = e->type;
    cells[OR_EV_START] = start;
    cells[OR_EV_END] = end;
    cells[OR_EV_REF] = e->ref ? e->ref : "";
    cells[OR_EV_OUTCOME] = e->outcome ? e->outcome : "";
    cells[OR_EV_TO] = e->to ? e->to : "";
    cells[OR_EV_PROVIDER] = e->provider ? e->provider : "";
    cells[OR_EV_DETAILS] = e->details ? e->details : "";
    cells[OR_EV_RECORDED_BY] = "demo";
    (*c->emitted)++;
    return c->sink->row(c->sink->ctx, OR_K_EVENTS, cells, c->err);
}

/* ---- referrals ---- */

static const char *worker(pl_ctx *c, const char *service)
{
    char name[64];
    dm_worker_name(300 + dm_below(&c->r, 40), name, sizeof name);
    return or_arena_printf(c->a, "%s@%s.example.gov.uk", name,
                           !strcmp(service, "reu") ? "reu" : "children");
}

static const char *step_notes(pl_ctx *c, const char *status)
{
    if (!strcmp(status, "accepted"))
        return "Referral meets the criteria; first meeting with the family booked.";
    if (!strcmp(status, "mid_review"))
        return dm_chance(&c->r, 0.7) ? "Good engagement; fewer incidents in lessons."
                                     : "Engagement is patchy; the plan is adjusted.";
    if (!strcmp(status, "report"))
        return dm_chance(&c->r, 0.7) ? "Attending every day; working towards the targets."
                                     : "Two absences this fortnight; targets partly met.";
    if (!strcmp(status, "assessed"))
        return "Assessment in school and at home completed.";
    if (!strcmp(status, "meeting_held"))
        return "School, early help and the family met; actions agreed.";
    return "";
}

/* A referral from school urn to `service` on `on` (ref: the PSP, or NULL), and its steps as
 * far as as_of: mostly on time, some late, a few left at a step (then overdue). */
static or_code referral(pl_ctx *c, const char *service, int urn, or_date on, const char *ref,
                        const char *base)
{
    const or_referral_flow *fl = or_referral_flow_find(service);
    const or_calendar *cal = cal_of(c, urn);
    if (!fl || on > c->as_of)
        return OR_OK;
    bool current = or_date_academic_year(on) == c->cur_ay;
    const char *id = or_arena_printf(c->a, "REF-%s-%s", base, service);
    pl_event r = {"referral", id, ref, NULL, service, NULL, NULL, urn, on, OR_DATE_NONE};
    if (fl->has_end) {
        r.provider = dm_providers[dm_below(&c->r, dm_nproviders)];
        r.end = school_day(cal, on + 42 + dm_below(&c->r, 5)); /* six weeks */
    }
    const char *kv[] = {"reason",      PICK(&c->r, referral_reasons),
                        "consent",     dm_chance(&c->r, 0.95) ? "yes" : "no",
                        "lead_worker", PICK(&c->r, leaders),
                        NULL};
    r.details = details(c, "referral", kv);
    or_code rc = emit(c, &r);
    or_date at = on;
    int n = 0;
    for (int k = 0; !rc && k < fl->nsteps; k++) {
        const or_referral_step *st = &fl->steps[k];
        if (current && dm_chance(&c->r, 0.1))
            return OR_OK; /* left at this step */
        const char *status = st->status;
        if (k == 0 && !strcmp(status, "accepted") && dm_chance(&c->r, 0.07))
            status = "declined";
        if (st->repeats) { /* a report every fortnight until the placement's end */
            for (;;) {
                or_date when = school_after(cal, at, st->days - dm_below(&c->r, 2));
                if (when >= r.end || when > c->as_of)
                    break;
                pl_event u = {"referral_update",
                              or_arena_printf(c->a, "UPD-%s-%d", id, ++n),
                              id,
                              "report",
                              NULL,
                              NULL,
                              NULL,
                              urn,
                              when,
                              OR_DATE_NONE};
                const char *ukv[] = {"notes", step_notes(c, "report"), NULL};
                u.details = details(c, "referral_update", ukv);
                if ((rc = emit(c, &u)))
                    return rc;
                at = when;
            }
            continue;
        }
        int days = st->days, early = days - dm_below(&c->r, days / 2 + 1);
        or_date when;
        if (days == 0 && r.end != OR_DATE_NONE)
            when = r.end;
        else if (current && dm_chance(&c->r, 0.15))
            when = school_after(cal, at, days + 1 + dm_below(&c->r, 6)); /* late */
        else
            when = school_after(cal, at, early > 0 ? early : 1);
        if (when > c->as_of)
            return OR_OK;
        pl_event u = {"referral_update",
                      or_arena_printf(c->a, "UPD-%s-%d", id, ++n),
                      id,
                      status,
                      NULL,
                      NULL,
                      NULL,
                      urn,
                      when,
                      OR_DATE_NONE};
        if (!strcmp(status, "allocated"))
            u.to = worker(c, service);
        const char *plan = !strcmp(status, "exit")
                               ? "Weekly check-in with the key adult for a term; the head of year "
                                 "reviews the report card each Friday; the school reviews the "
                                 "plan at half-term and calls the service if incidents return."
                               : NULL;
        const char *ukv[] = {"notes", step_notes(c, status), "sustainability_plan", plan, NULL};
        u.details = details(c, "referral_update", ukv);
        if ((rc = emit(c, &u)) || or_referral_status_final(status))
            return rc;
        at = when;
    }
    return rc;
}

/* ---- Pastoral Support Programmes ---- */

enum { SC_IMPROVING, SC_REU, SC_EP, SC_UNDONE, SC_MIXED };

static const char *review_outcome(pl_ctx *c, int scenario, int n, int two, bool referred,
                                  bool prev_bad)
{
    bool escalate = (scenario == SC_REU || scenario == SC_EP || scenario == SC_UNDONE) &&
                    !referred && (n == two || n == two + 1);
    if (escalate)
        return dm_chance(&c->r, 0.7) ? "no_change" : "worse";
    if (prev_bad ||
        (!referred && (scenario != SC_IMPROVING && scenario != SC_MIXED) && n == two - 1))
        return "improving"; /* never two in a row without improvement, but where wanted */
    int x = dm_below(&c->r, 100);
    if (scenario == SC_MIXED)
        return x < 45 ? "improving" : x < 85 ? "no_change" : "worse";
    return x < 72 ? "improving" : x < 95 ? "no_change" : "worse";
}

static int outcome_index(const char *o)
{
    return !strcmp(o, "improving") ? 0 : !strcmp(o, "no_change") ? 1 : 2;
}

static or_code review(pl_ctx *c, const char *psp, int urn, or_date on, int n, const char *outcome)
{
    int oi = outcome_index(outcome);
    int before = 6 + dm_below(&c->r, 10), after = oi == 0   ? before - 1 - dm_below(&c->r, 4)
                                                  : oi == 1 ? before - dm_below(&c->r, 2)
                                                            : before + 1 + dm_below(&c->r, 4);
    char changes[160];
    snprintf(changes, sizeof changes,
             "Behaviour points this period: %d (the period before: %d). Attendance: %d%%.",
             after < 0 ? 0 : after, before, 84 + dm_below(&c->r, 14));
    const char *kv[] = {"pupil_views",
                        views_pupil[oi][dm_below(&c->r, 3)],
                        "parent_views",
                        views_parent[oi][dm_below(&c->r, 2)],
                        "changes",
                        changes,
                        "next_steps",
                        PICK(&c->r, next_steps),
                        NULL};
    pl_event e = {"plan_review",
                  or_arena_printf(c->a, "REV-%s-%d", psp, n),
                  psp,
                  outcome,
                  NULL,
                  NULL,
                  details(c, "plan_review", kv),
                  urn,
                  on,
                  OR_DATE_NONE};
    return emit(c, &e);
}

/* A part-time timetable agreed within a PSP, ending within 30 school days. */
static or_code timetable(pl_ctx *c, const char *psp, int urn, or_date from)
{
    const or_calendar *cal = cal_of(c, urn);
    or_date start = school_after(cal, from, 3 + dm_below(&c->r, 8));
    if (start > c->as_of)
        return OR_OK;
    or_date end = school_after(cal, start, 15 + dm_below(&c->r, 14));
    char agreed[11], hours[8];
    or_date_format(start - 2 - dm_below(&c->r, 4), agreed);
    static const char *const h[] = {"12.5", "15", "18", "20", "22.5"};
    snprintf(hours, sizeof hours, "%s", PICK(&c->r, h));
    const char *kv[] = {"parent_agreed",
                        "yes",
                        "parent_agreed_on",
                        agreed,
                        "authorised_by",
                        "Head teacher",
                        "reason",
                        "Phased return after a period of anxiety-related absence, building up to "
                        "full time within six weeks.",
                        "hours",
                        hours,
                        NULL};
    pl_event e = {"part_time_timetable",
                  or_arena_printf(c->a, "PTT-%s", psp),
                  NULL,
                  NULL,
                  NULL,
                  NULL,
                  details(c, "part_time_timetable", kv),
                  urn,
                  start,
                  end};
    return emit(c, &e);
}

static or_code psp_story(pl_ctx *c, const or_duty *d, const or_fact_event *e)
{
    const or_calendar *cal = cal_of(c, d->urn);
    int ay = or_date_academic_year(e->start);
    bool current = ay == c->cur_ay;
    or_date start, from = e->start + 1, year_end = or_date_academic_year_start(ay + 1) - 1;
    int x = dm_below(&c->r, 100);
    if (d->due == OR_DATE_NONE || d->due > c->as_of) { /* not yet due: some started already */
        if (x >= 55 || from > c->as_of)
            return OR_OK;
        start = from + dm_below(&c->r, c->as_of - from + 1);
    } else if (x < 76) {
        start = from + dm_below(&c->r, d->due > from ? d->due - from + 1 : 1);
    } else if (x < 90) {
        start = school_after(cal, d->due, 1 + dm_below(&c->r, 8)); /* late */
    } else {
        return OR_OK; /* never started */
    }
    start = school_day(cal, start);
    if (start > c->as_of || start > year_end)
        return OR_OK;
    const char *psp = or_arena_printf(c->a, "PSP-%s", e->event_id);
    const char *kv[] = {"targets_pupil",
                        PICK(&c->r, targets_pupil),
                        "targets_school",
                        PICK(&c->r, targets_school),
                        "targets_family",
                        PICK(&c->r, targets_family),
                        "targets_agencies",
                        PICK(&c->r, targets_agencies),
                        "leader",
                        PICK(&c->r, leaders),
                        NULL};
    pl_event p = {"psp",
                  psp,
                  e->event_id,
                  NULL,
                  NULL,
                  NULL,
                  details(c, "psp", kv),
                  d->urn,
                  start,
                  school_day(cal, start + 112)}; /* a 16-week time limit */
    or_code rc = emit(c, &p);
    int s = dm_below(&c->r, 100);
    int scenario = s < 45   ? SC_IMPROVING
                   : s < 65 ? SC_REU
                   : s < 73 ? SC_EP
                   : s < 85 ? SC_UNDONE
                            : SC_MIXED;
    if (scenario == SC_UNDONE && ay < c->cur_ay - 1)
        scenario = SC_REU; /* only this year's and last year's escalations are left undone */
    if (!rc && dm_chance(&c->r, 0.1))
        rc = timetable(c, psp, d->urn, start);
    /* reviews about every four weeks until the end of the school year */
    int two = dm_below(&c->r, 3), n = 0;
    bool referred = false, prev_bad = false;
    or_date last = start, summer_end = term_last(cal, ay);
    while (!rc) {
        or_date next = school_day(cal, last + 25 + dm_below(&c->r, 7));
        if (next > summer_end) {
            if (last + 28 > year_end || summer_end <= last)
                break;
            next = summer_end; /* the last review before the summer */
        }
        if (next > c->as_of || next > year_end)
            break;
        if (current && next + 28 > c->as_of && dm_chance(&c->r, 0.12))
            break; /* the latest review missed: overdue */
        const char *o = review_outcome(c, scenario, n, two, referred, prev_bad);
        if ((rc = review(c, psp, d->urn, next, ++n, o)))
            break;
        prev_bad = strcmp(o, "improving") != 0;
        last = next;
        if (n == two + 2 && !referred && (scenario == SC_REU || scenario == SC_EP)) {
            or_date on = school_after(cal, next, 1 + dm_below(&c->r, 5));
            rc = referral(c, scenario == SC_REU ? "reu" : "ep", d->urn, on,
                          scenario == SC_REU ? psp : NULL, psp);
            referred = true; /* the next review improving (prev_bad), so it stays done */
        }
        if (n == two + 2 && scenario == SC_UNDONE)
            break; /* two without improvement, and nothing done yet */
        if (next == summer_end)
            break;
    }
    /* other services for some of those improving */
    if (!rc && (scenario == SC_IMPROVING || scenario == SC_MIXED)) {
        /* this year's more often, so that some are in progress */
        int y = dm_below(&c->r, current ? 55 : 100);
        or_date on = school_after(cal, start, 5 + dm_below(&c->r, 15));
        if (y < 12)
            rc = referral(c, "map", d->urn, on, NULL, psp);
        else if (y < 20)
            rc = referral(c, "early_help", d->urn, on, NULL, psp);
        else if (y < 26)
            rc = referral(c, "ap", d->urn, on, NULL, psp);
        else if (y < 30)
            rc = referral(c, "ep", d->urn, on, NULL, psp);
    }
    return rc;
}

/* ---- pre-exclusion assessments ---- */

static or_code peap_story(pl_ctx *c, const or_duty *d, const or_fact_event *e)
{
    if (d->status == OR_DUTY_DONE)
        return OR_OK;
    const or_calendar *cal = cal_of(c, d->urn);
    or_date on;
    const char *ref = NULL;
    if (e->kind == OR_EV_PERMANENT) {
        if (dm_chance(&c->r, 0.2))
            return OR_OK; /* excluded without one */
        or_date year_start = or_date_academic_year_start(or_date_academic_year(e->decided));
        on = e->decided - 2 - dm_below(&c->r, 14);
        if (on < year_start)
            on = year_start;
        on = school_day(cal, on);
        if (on > e->decided)
            on = e->decided;
    } else {
        if (dm_chance(&c->r, 0.45))
            return OR_OK;
        on = school_after(cal, e->start, 2 + dm_below(&c->r, 9));
        ref = e->event_id;
    }
    if (on > c->as_of)
        return OR_OK;
    bool pex = e->kind == OR_EV_PERMANENT;
    const char *kv[] = {"needs",
                        PICK(&c->r, needs),
                        "interventions",
                        PICK(&c->r, interventions),
                        "voice_going_well",
                        voice[0][dm_below(&c->r, 3)],
                        "voice_difficult",
                        voice[1][dm_below(&c->r, 3)],
                        "voice_helps",
                        voice[2][dm_below(&c->r, 3)],
                        "voice_would_help",
                        voice[3][dm_below(&c->r, 3)],
                        "ht_alternatives",
                        dm_chance(&c->r, pex ? 0.8 : 0.5) ? "yes" : "no",
                        "ht_involved",
                        dm_chance(&c->r, 0.75) ? "yes" : "no",
                        "ht_proportionate",
                        dm_chance(&c->r, pex ? 0.85 : 0.3) ? "yes" : "no",
                        "ht_notes",
                        pex ? "Governors to be told of the assessment with the exclusion notice."
                            : "Further support to be put in place before any further exclusion.",
                        NULL};
    pl_event p = {"peap",
                  or_arena_printf(c->a, "PEAP-%s", e->event_id),
                  ref,
                  NULL,
                  NULL,
                  NULL,
                  details(c, "peap", kv),
                  d->urn,
                  on,
                  OR_DATE_NONE};
    return emit(c, &p);
}

/* ---- Personal Education Plans ---- */

static bool looked_after_ever(const or_pupil_facts *f)
{
    for (int i = 0; i < f->nsnaps; i++)
        if (f->snaps[i].cla == 1)
            return true;
    return false;
}

static or_code pep_story(pl_ctx *c)
{
    const or_pupil_facts *f = c->f;
    if (!looked_after_ever(f))
        return OR_OK;
    or_code rc = OR_OK;
    for (int i = 0; i < f->nenrols && !rc; i++) {
        const or_fact_enrolment *en = &f->enrols[i];
        const or_calendar *cal = en->reg_type == 'm' ? cal_of(c, en->urn) : NULL;
        for (int t = 0; cal && t < cal->nterms && !rc; t++) {
            or_date from = cal->term_start[t], to = cal->term_end[t];
            or_date upto = to < c->as_of ? to : c->as_of;
            if (from > c->as_of || from < en->start || (en->end != OR_DATE_NONE && from > en->end))
                continue;
            const or_fact_snapshot *a = or_facts_snapshot_on(f, from),
                                   *b = or_facts_snapshot_on(f, upto);
            if (!((a && a->cla == 1) || (b && b->cla == 1)))
                continue;
            bool now = to >= c->as_of;
            if (!dm_chance(&c->r, now ? 0.55 : 0.88))
                continue;
            or_date on = school_day(
                cal, from + 10 + dm_below(&c->r, upto - from > 20 ? upto - from - 10 : 10));
            if (on > upto || on > c->as_of)
                continue;
            char id[40], att[80];
            int y, m, dd;
            or_date_to_ymd(from, &y, &m, &dd);
            snprintf(id, sizeof id, "PEP-%s-%04d%02d%02d", f->upn, y, m, dd);
            snprintf(att, sizeof att, "Attendance %d%% this term so far.",
                     88 + dm_below(&c->r, 12));
            const char *kv[] = {"targets",
                                PICK(&c->r, pep_targets),
                                "vs_attendee",
                                "Virtual School education adviser",
                                "attendance",
                                att,
                                "attainment",
                                dm_chance(&c->r, 0.6) ? "Working at the expected standard in "
                                                        "reading; below it in maths."
                                                      : "Below the expected standard; making "
                                                        "progress with tuition.",
                                "pupil_premium",
                                dm_chance(&c->r, 0.9) ? "yes" : "no",
                                "pupil_premium_use",
                                PICK(&c->r, pep_use),
                                NULL};
            pl_event p = {"pep", or_arena_strdup(c->a, id), NULL,    NULL, NULL,
                          NULL,  details(c, "pep", kv),     en->urn, on,   OR_DATE_NONE};
            rc = emit(c, &p);
        }
    }
    return rc;
}

or_code or_demo_plans(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, const or_params *p,
                      or_date as_of, uint64_t seed, const or_demo_sink *sink, int *emitted,
                      or_error *err)
{
    or_arena arena = OR_ARENA_INIT;
    or_code rc = OR_OK;
    *emitted = 0;
    for (int i = 0; i < npupils && !rc; i++) {
        const or_pupil_facts *f = pupil(pupils_ctx, i);
        pl_ctx c = {sink, err, f, {{0}}, as_of, or_date_academic_year(as_of), emitted, &arena};
        dm_rng_seed(&c.r, seed ^ hash(f->upn) ^ 0x706c616e73ULL, 7);
        or_duty_list duties;
        or_duty_list_init(&duties, &arena);
        if ((rc = or_duties_for_pupil(f, p, as_of, &duties, err)))
            break;
        for (int k = 0; k < duties.n && !rc; k++) {
            const or_duty *d = &duties.items[k];
            const or_fact_event *e = d->event_id[0] ? or_facts_event(f, d->urn, d->event_id) : NULL;
            if (!e)
                continue;
            if (!strcmp(d->rule->id, "LOCAL-PSP") && d->status != OR_DUTY_DONE)
                rc = psp_story(&c, d, e);
            else if (!strcmp(d->rule->id, "LOCAL-PEAP"))
                rc = peap_story(&c, d, e);
        }
        if (!rc)
            rc = pep_story(&c);
        or_arena_reset(&arena);
    }
    or_arena_free(&arena);
    return rc;
}
