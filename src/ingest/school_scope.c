/* school_scope.c - what a school may write (school_scope.h; docs/security.md, "What a school
 * may record").
 *
 * A school records only for its own school (the row's urn, a calendar's scope) and only for a
 * pupil on its roll - a main, dual or subsidiary registration - on the row's date (an event's
 * start, an attendance mark's date, the first day of attendance totals). A row naming an event
 * (`ref`: an action done, a withdrawal, a plan review...) is the school's if the event it names
 * is the school's own event of the same pupil, which the importer checks of every ref: a school
 * still has duties for a pupil it has excluded, after the pupil has left its roll.
 *
 * Its own enrolments: a pupil onroll does not know yet is enrolled at once, and so is a change
 * to an enrolment the school already has; an enrolment of a pupil on another school's roll, or
 * on one in the 12 months before it starts, is a claim (claims.h). Snapshots of a pupil (the
 * pupils file) are the school's for a pupil unknown to onroll or on its roll on the snapshot's
 * date or today, and are held with the school's claim while one is pending.
 *
 * Files of the LA's own kinds (schools, caseload, benchmarks) are refused whole. */
#include <stdio.h>
#include <string.h>

#include "ingest/school_scope.h"
#include "onroll/store_claims.h"

enum { CLAIM_WINDOW_DAYS = 365 };

static void not_on_roll(const char *upn, or_date on, const char **column, char *msg, size_t size)
{
    char day[11];
    or_date_format(on, day);
    *column = "upn";
    snprintf(msg, size, "pupil %s is not on this school's roll on %s", upn, day);
}

static or_code pupil_row(or_store *s, int school, or_date today, const or_value *row,
                         school_verdict *v, const char **column, char *msg, size_t size,
                         int64_t *claim, or_error *err)
{
    const char *upn = row[OR_PU_UPN].s;
    bool known = false, yes = false;
    or_code rc = or_store_pupil_exists(s, upn, &known, err);
    if (rc || !known)
        return rc;
    or_date as_of = row[OR_PU_AS_OF].null ? today : (or_date)row[OR_PU_AS_OF].i;
    if ((rc = or_roll_on(s, upn, school, as_of, &yes, err)) || yes ||
        (rc = or_roll_on(s, upn, school, today, &yes, err)) || yes)
        return rc;
    if ((rc = or_claim_pending(s, upn, school, claim, err)))
        return rc;
    if (*claim) {
        *v = SCOPE_HELD;
        return OR_OK;
    }
    *v = SCOPE_REFUSED;
    not_on_roll(upn, as_of, column, msg, size);
    return OR_OK;
}

static or_code enrolment_row(or_store *s, int school, const or_value *row, school_verdict *v,
                             bool *was_open, or_error *err)
{
    const char *upn = row[OR_EN_UPN].s;
    or_date start = (or_date)row[OR_EN_START].i;
    bool known = false, mine = false, any = false;
    or_code rc = or_store_pupil_exists(s, upn, &known, err);
    if (rc || !known) /* unknown: the importer asks for the pupils file first */
        return rc;
    if ((rc = or_roll_has(s, upn, school, start, row[OR_EN_TYPE].s, &mine, err)) || mine)
        return rc;
    if ((rc = or_roll_elsewhere(s, upn, school, start - CLAIM_WINDOW_DAYS, &any, was_open, err)))
        return rc;
    if (any)
        *v = SCOPE_CLAIM;
    return OR_OK;
}

or_code school_scope_check(or_store *s, int school, or_date today, const or_kind *k,
                           const or_value *row, school_verdict *v, const char **column, char *msg,
                           size_t size, int64_t *claim, bool *was_open, or_error *err)
{
    *v = SCOPE_OK;
    *claim = 0;
    *was_open = false;
    int urn_col = k->id == OR_K_CALENDAR ? OR_CA_SCOPE : or_kind_col(k, "urn");
    switch (k->id) {
    case OR_K_PUPILS:
    case OR_K_ENROLMENTS:
    case OR_K_EVENTS:
    case OR_K_ATTENDANCE:
    case OR_K_ATTENDANCE_AGG:
    case OR_K_CALENDAR:
        break;
    default:
        *v = SCOPE_REFUSED;
        *column = NULL;
        snprintf(msg, size, "a school cannot send a %s file: only the local authority keeps it",
                 k->name);
        return OR_OK;
    }
    if (urn_col >= 0 && row[urn_col].i != school) {
        *v = SCOPE_REFUSED;
        *column = k->cols[urn_col].name;
        if (k->id == OR_K_CALENDAR && row[urn_col].i == 0)
            snprintf(msg, size,
                     "a school sends its own calendar (scope %d); the LA's calendar is the "
                     "local authority's",
                     school);
        else
            snprintf(msg, size, "this account records for school %d only; this row is for %lld",
                     school, (long long)row[urn_col].i);
        return OR_OK;
    }
    or_date on = OR_DATE_NONE;
    bool yes = false;
    switch (k->id) {
    case OR_K_PUPILS:
        return pupil_row(s, school, today, row, v, column, msg, size, claim, err);
    case OR_K_ENROLMENTS:
        return enrolment_row(s, school, row, v, was_open, err);
    case OR_K_EVENTS:
        if (!row[OR_EV_REF].null)
            return OR_OK; /* the importer checks the ref names the school's own event */
        on = (or_date)row[OR_EV_START].i;
        break;
    case OR_K_ATTENDANCE:
        on = (or_date)row[OR_AT_DATE].i;
        break;
    case OR_K_ATTENDANCE_AGG:
        on = (or_date)row[OR_AG_FROM].i;
        break;
    default:
        return OR_OK; /* its own calendar */
    }
    const char *upn = row[or_kind_col(k, "upn")].s;
    or_code rc = or_roll_on(s, upn, school, on, &yes, err);
    if (!rc && !yes) {
        *v = SCOPE_REFUSED;
        not_on_roll(upn, on, column, msg, size);
    }
    return rc;
}
