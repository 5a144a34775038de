/* cap.c - STAT-45DAY-CAP (DOMAIN.md §3): a pupil may not be suspended for more than 45 school
 * days in a school year, across all schools. The one sum of it (or_cap_sum), which the
 * importer's refusal (ingest.c, through or_cap_breach), the recording form's warning
 * (page_record.c) and or_cap_check all use; the limit is the parameter cap.days. */
#include <stdio.h>

#include "rules/rules_internal.h"

void or_cap_sum(const or_pupil_facts *f, int ay, int urn, int limit, or_cap_total *out)
{
    *out = (or_cap_total){ay, 0, false, NULL};
    int first_urn = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (!or_is_suspension(e->kind) || (urn && e->urn != urn))
            continue;
        int y = or_date_academic_year(e->start);
        if ((ay && y != ay) || !or_excl_counts(f, e, INT32_MAX))
            continue;
        if (y != out->ay) { /* every year on its own, in date order */
            out->ay = y;
            out->halfdays = 0;
        }
        out->halfdays += or_excl_halfdays(e);
        out->several |= first_urn && e->urn != first_urn;
        first_urn = e->urn;
        if (limit >= 0 && out->halfdays > limit) {
            out->over = e;
            return;
        }
    }
}

const or_fact_event *or_cap_breach(const or_pupil_facts *f, const or_params *p, int *total)
{
    or_cap_total t;
    or_cap_sum(f, 0, 0, 2 * p->v[OR_P_CAP_DAYS], &t);
    *total = t.over ? t.halfdays : 0;
    return t.over;
}

int or_cap_school_halfdays(const or_pupil_facts *f, int urn, int ay)
{
    or_cap_total t;
    or_cap_sum(f, ay, urn, -1, &t);
    return t.halfdays;
}

or_code or_cap_check(const or_pupil_facts *f, const or_params *p, or_date start, int halfdays,
                     or_error *err)
{
    int ay = or_date_academic_year(start);
    or_cap_total t;
    or_cap_sum(f, ay, 0, -1, &t);
    int total = t.halfdays, cap = 2 * p->v[OR_P_CAP_DAYS];
    if (total + halfdays <= cap)
        return OR_OK;
    return or_fail(err, OR_ERULE,
                   "this suspension of %d.%d days would take the pupil's suspensions in %d/%02d "
                   "to %d.%d days, above the limit of %d school days a year (STAT-45DAY-CAP: "
                   "%s); %d.%d days recorded so far%s",
                   halfdays / 2, halfdays % 2 * 5, ay, (ay + 1) % 100, (total + halfdays) / 2,
                   (total + halfdays) % 2 * 5, p->v[OR_P_CAP_DAYS], OR_SRC_CAP, total / 2,
                   total % 2 * 5, t.several ? " across all schools" : "");
}
