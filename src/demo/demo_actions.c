/* demo_actions.c - the demo LA's record of duties done (see or_demo_actions in demo.h): the
 * duties engine says what each exclusion requires, and this decides, pupil by pupil with its
 * own random stream, which were done, when, how the notice went and what was decided. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "onroll/duties.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* A weekday on or after d (actions are done on working days). */
static or_date weekday_from(or_date d)
{
    while (or_date_is_weekend(d))
        d++;
    return d;
}

static const char *delivery(dm_rng *r)
{
    int x = dm_below(r, 100);
    return x < 50 ? "hand" : x < 85 ? "email" : "post";
}

static bool is_notice(const char *rule)
{
    return !strncmp(rule, "STAT-NOTIFY-", 12) || !strcmp(rule, "STAT-NOTICE-S104") ||
           !strncmp(rule, "STAT-GB-", 8) || !strncmp(rule, "STAT-IRP-", 9);
}

static const char *outcome(dm_rng *r, const char *rule, const or_fact_event *e)
{
    int x = dm_below(r, 100);
    if (!strcmp(rule, "STAT-GB-15DAY") || !strcmp(rule, "STAT-GB-50DAY"))
        return x < (e && e->kind == OR_EV_PERMANENT ? 88 : 95) ? "upheld" : "reinstated";
    if (!strcmp(rule, "STAT-IRP-MEET"))
        return x < 70 ? "upheld" : x < 90 ? "recommend_reconsider" : "direct_reconsider";
    if (!strcmp(rule, "STAT-IRP-RECONSIDER"))
        return x < 80 ? "upheld" : "reinstated";
    if (!strcmp(rule, "LOCAL-PSP-REVIEW"))
        return x < 50 ? "improving" : x < 85 ? "no_change" : "worse";
    /* the LA's enquiries about children not in school (most found, or suitably educated) */
    if (!strcmp(rule, "LOCAL-CME-ENQUIRY"))
        return x < 55   ? "found_in_school"
               : x < 70 ? "moved_away"
               : x < 80 ? "found_home_educated"
                        : "still_missing";
    if (!strcmp(rule, "LOCAL-EHE-ENQUIRY"))
        return x < 80 ? "suitable" : x < 90 ? "not_suitable" : "no_response";
    return "";
}

/* The duties done by the plans, reviews and referrals of demo_plans.c rather than by actions. */
static bool by_plans(const char *rule)
{
    return !strcmp(rule, "LOCAL-PSP") || !strcmp(rule, "LOCAL-PSP-REVIEW") ||
           !strcmp(rule, "LOCAL-PSP-ESCALATE") || !strcmp(rule, "LOCAL-PEAP") ||
           !strcmp(rule, "LOCAL-REFERRAL");
}

/* When (if at all) the duty was done; OR_DATE_NONE for not done. */
static or_date when_done(dm_rng *r, const or_duty *d, const or_fact_event *e, or_date as_of)
{
    or_date from = e ? e->decided : as_of;
    const char *rule = d->rule->id;
    if (!strcmp(rule, "STAT-IRP-APPLY")) /* the parent's choice: most do not apply */
        return dm_chance(r, 0.25) && d->due != OR_DATE_NONE
                   ? weekday_from(from + dm_below(r, d->due - from + 1))
                   : OR_DATE_NONE;
    if (d->due == OR_DATE_NONE)
        return dm_chance(r, 0.6) ? weekday_from(from + dm_below(r, 6)) : OR_DATE_NONE;
    if (!strcmp(rule, "STAT-ROLL-REMOVAL"))
        return d->due <= as_of && dm_chance(r, 0.9) ? weekday_from(d->due + dm_below(r, 4))
                                                    : OR_DATE_NONE;
    if (d->due > as_of) /* not yet due: some done early */
        return dm_chance(r, 0.35) ? from + dm_below(r, as_of - from + 1) : OR_DATE_NONE;
    int x = dm_below(r, 100);
    if (x < 80) {
        or_date on = d->due - dm_below(r, 3);
        return on < from ? from : on;
    }
    if (x < 92)
        return weekday_from(d->due + 1 + dm_below(r, 10));
    return OR_DATE_NONE;
}

or_code or_demo_actions(or_demo_pupil_at pupil, void *pupils_ctx, int npupils, const or_params *p,
                        or_date as_of, uint64_t seed, const or_demo_sink *sink, int *emitted,
                        or_error *err)
{
    or_arena arena = OR_ARENA_INIT;
    or_code rc = OR_OK;
    *emitted = 0;
    for (int i = 0; i < npupils && !rc; i++) {
        const or_pupil_facts *f = pupil(pupils_ctx, i);
        or_duty_list duties;
        or_duty_list_init(&duties, &arena);
        if ((rc = or_duties_for_pupil(f, p, as_of, &duties, err)))
            break;
        for (int k = 0; k < duties.n && !rc; k++) {
            const or_duty *d = &duties.items[k];
            if (d->status == OR_DUTY_DONE || !d->event_id[0] || by_plans(d->rule->id))
                continue; /* done already, a pupil-level duty with no event to name, or one
                             the plans of demo_plans.c do (or leave undone) */
            /* one stream per duty, so a duty left undone stays undone in later passes */
            dm_rng r;
            dm_rng_seed(&r, seed ^ hash(f->upn) ^ (hash(d->event_id) * 31) ^ hash(d->rule->id),
                        (uint64_t)d->due);
            const or_fact_event *e = or_facts_event(f, d->urn, d->event_id);
            or_date on = when_done(&r, d, e, as_of);
            if (on == OR_DATE_NONE || on > as_of)
                continue;
            char id[96], start[11], due[11], urn[16];
            /* the id names the duty: its rule, its event and its due date when it has one (a
               duty with none, such as a consultation "when needed", has no date to add) */
            if (d->due == OR_DATE_NONE)
                snprintf(id, sizeof id, "%s/%s", d->rule->id, d->event_id);
            else {
                or_date_format(d->due, due);
                snprintf(id, sizeof id, "%s/%s/%s", d->rule->id, d->event_id, due);
            }
            or_date_format(on, start);
            snprintf(urn, sizeof urn, "%d", d->urn);
            const char *cells[OR_EV__N];
            for (int c = 0; c < OR_EV__N; c++)
                cells[c] = "";
            cells[OR_EV_EVENT_ID] = id;
            cells[OR_EV_UPN] = f->upn;
            cells[OR_EV_URN] = urn;
            cells[OR_EV_TYPE] = "action";
            cells[OR_EV_START] = start;
            cells[OR_EV_REF] = d->event_id;
            cells[OR_EV_RULE] = d->rule->id;
            cells[OR_EV_OUTCOME] = outcome(&r, d->rule->id, e);
            cells[OR_EV_DELIVERY] = is_notice(d->rule->id) ? delivery(&r) : "";
            cells[OR_EV_RECORDED_BY] = "demo";
            rc = sink->row(sink->ctx, OR_K_EVENTS, cells, err);
            (*emitted)++;
        }
        or_arena_reset(&arena);
    }
    or_arena_free(&arena);
    return rc;
}
