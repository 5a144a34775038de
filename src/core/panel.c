/* panel.c - the multi-agency panel's vocabulary and its turnaround KPI (panel.h): the adverse
 * experiences of the referral's checklist, the target (urgent: the same school day; standard:
 * within 3 school days), and a referral's case read from the pupil's facts. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "onroll/panel.h"
#include "onroll/sb.h"

/* The adverse childhood experiences of the CDC-Kaiser study (abuse, neglect, household
 * challenges), as the RSA toolkit's hot clinic asks of a referral. */
static const or_panel_ace aces[] = {
    {"physical_abuse", "Physical abuse"},
    {"emotional_abuse", "Emotional abuse"},
    {"sexual_abuse", "Sexual abuse"},
    {"neglect", "Neglect"},
    {"domestic_abuse", "Domestic abuse in the household"},
    {"substance_misuse", "Substance misuse in the household"},
    {"mental_illness", "Mental illness in the household"},
    {"separation", "Parental separation or divorce"},
    {"imprisonment", "A household member in prison"},
    {"bereavement", "Bereavement"},
};

int or_panel_aces_count(void)
{
    return (int)(sizeof aces / sizeof aces[0]);
}

const or_panel_ace *or_panel_ace_at(int i)
{
    return i >= 0 && i < or_panel_aces_count() ? &aces[i] : NULL;
}

const char *or_panel_ace_label(const char *key)
{
    for (int i = 0; key && i < or_panel_aces_count(); i++)
        if (!strcmp(aces[i].key, key))
            return aces[i].label;
    return key;
}

int or_panel_target_days(bool urgent)
{
    return urgent ? 0 : 3;
}

static bool school_day(const or_calendar *cal, or_date d)
{
    return cal ? or_cal_is_school_day(cal, d) : or_date_weekday(d) < 5;
}

/* The n-th school day after d (d itself for n = 0). */
static or_date after(const or_calendar *cal, or_date d, int n)
{
    for (int k = 0; k < n && d != OR_DATE_NONE; k++) {
        int guard = 0;
        do
            d++;
        while (!school_day(cal, d) && ++guard < 400);
        if (guard >= 400)
            return OR_DATE_NONE;
    }
    return d;
}

/* School days in (from, to]. */
static int days_after(const or_calendar *cal, or_date from, or_date to)
{
    int n = 0;
    for (or_date d = from + 1; d <= to; d++)
        n += school_day(cal, d);
    return n;
}

void or_panel_turnaround_of(const or_calendar *cal, or_date referred, bool urgent,
                            or_date considered, or_date as_of, or_panel_turnaround *out)
{
    memset(out, 0, sizeof *out);
    out->due = after(cal, referred, or_panel_target_days(urgent));
    out->considered = considered != OR_DATE_NONE && considered <= as_of;
    or_date until = out->considered ? considered : as_of;
    out->days = days_after(cal, referred, until);
    out->within = out->considered && out->due != OR_DATE_NONE && considered <= out->due;
    out->late = !out->considered && out->due != OR_DATE_NONE && as_of > out->due;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

double or_panel_median(int *days, int n)
{
    if (n <= 0)
        return -1;
    qsort(days, (size_t)n, sizeof *days, cmp_int);
    return n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
}

const char *or_panel_detail(const char *details, const char *key, or_arena *a)
{
    if (!details || !*details)
        return "";
    json_t *o = json_loads(details, 0, NULL);
    json_t *v = o ? json_object_get(o, key) : NULL;
    const char *out = "";
    if (json_is_string(v)) {
        out = or_arena_strdup(a, json_string_value(v));
    } else if (json_is_array(v)) {
        or_sb b = OR_SB_INIT;
        size_t i;
        json_t *it;
        json_array_foreach(v, i, it) if (json_is_string(it))
            or_sb_addf(&b, "%s%s", b.len ? "; " : "", json_string_value(it));
        out = or_arena_strdup(a, or_sb_str(&b));
        or_sb_release(&b);
    }
    json_decref(o);
    return out;
}

bool or_panel_is_action(const or_fact_event *u)
{
    return u->kind == OR_EV_REFERRAL_UPDATE && u->outcome &&
           (!strcmp(u->outcome, "discussed") || !strcmp(u->outcome, "panel_action")) && u->to &&
           *u->to && u->end != OR_DATE_NONE;
}

bool or_panel_case_of(const or_pupil_facts *f, const or_fact_event *r, or_panel_case *out)
{
    memset(out, 0, sizeof *out);
    if (r->kind != OR_EV_REFERRAL || !r->to || strcmp(r->to, "panel"))
        return false;
    out->referral = r;
    json_t *o = r->details && *r->details ? json_loads(r->details, 0, NULL) : NULL;
    const char *u = o ? json_string_value(json_object_get(o, "x_urgency")) : NULL;
    out->urgent = u && !strcmp(u, "urgent");
    json_decref(o);
    for (int i = 0; i < f->nevents && !out->decision; i++) {
        const or_fact_event *ev = &f->events[i];
        if (ev->kind == OR_EV_REFERRAL_UPDATE && ev->urn == r->urn && ev->ref && ev->outcome &&
            !strcmp(ev->ref, r->event_id) && !strcmp(ev->outcome, "discussed"))
            out->decision = ev;
    }
    return true;
}
