/* ap.c - alternative provision (ap.h): the checks of a provider and of a QA record, slugs, the
 * day an expiring check is shown as due, and a placement's plan read from its details. The
 * vocabularies they check against are ap_terms.c's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/ap.h"
#include "onroll/invisible.h"
#include "onroll/plans.h"

static or_code text_ok(const char *s, const char *name, size_t max, bool required, bool lines,
                       const char **field, or_error *err)
{
    *field = name;
    if (!s || !*s)
        return required ? or_fail(err, OR_EINPUT, "is empty") : OR_OK;
    if (strlen(s) > max)
        return or_fail(err, OR_EINPUT, "is %zu bytes long; at most %zu allowed", strlen(s), max);
    return or_text_check(s, lines, err);
}

static bool digits(const char *s, size_t n)
{
    return s && strlen(s) == n && strspn(s, "0123456789") == n;
}

or_code or_ap_provider_check(const or_ap_provider *p, const char **field, or_error *err)
{
    or_code rc;
    if ((rc = text_ok(p->name, "name", 200, true, false, field, err)) ||
        (rc = text_ok(p->contact, "contact", 500, false, true, field, err)) ||
        (rc = text_ok(p->notes, "notes", 2000, false, true, field, err)))
        return rc;
    *field = "registration";
    if (!or_ap_label(OR_AP_REGISTRATION, p->registration))
        return or_fail(err, OR_EINPUT, "'%.40s' is not a kind of registration (expected %s)",
                       p->registration ? p->registration : "", or_ap_ids(OR_AP_REGISTRATION));
    *field = "setting";
    if (!or_ap_label(OR_AP_SETTING, p->setting))
        return or_fail(err, OR_EINPUT, "'%.40s' is not a type of setting (expected %s)",
                       p->setting ? p->setting : "", or_ap_ids(OR_AP_SETTING));
    bool school = !strcmp(p->registration, "school"), ukprn = !strcmp(p->registration, "ukprn");
    *field = "urn";
    if (school && (p->urn < 100000 || p->urn > 999999))
        return or_fail(err, OR_EINPUT, "'%d' is not a URN (6 digits); a registered school has one",
                       p->urn);
    if (!school && p->urn)
        return or_fail(err, OR_EINPUT, "'%d': only a registered school has a URN here", p->urn);
    *field = "ukprn";
    if (ukprn && !digits(p->ukprn, 8))
        return or_fail(err, OR_EINPUT,
                       "'%.40s' is not a UKPRN (8 digits); a registered provider has one",
                       p->ukprn ? p->ukprn : "");
    if (!ukprn && p->ukprn && *p->ukprn)
        return or_fail(err, OR_EINPUT, "'%.40s': only a registered provider has a UKPRN here",
                       p->ukprn);
    *field = NULL;
    return OR_OK;
}

or_code or_ap_qa_check(const or_ap_qa *q, or_date today, const char **field, or_error *err)
{
    or_code rc;
    *field = "pillar";
    if (!or_ap_label(OR_AP_PILLAR, q->pillar))
        return or_fail(err, OR_EINPUT, "'%.40s' is not a pillar of the standards (expected %s)",
                       q->pillar ? q->pillar : "", or_ap_ids(OR_AP_PILLAR));
    *field = "item";
    if (!or_ap_label(OR_AP_ITEM, q->item))
        return or_fail(err, OR_EINPUT, "'%.40s' is not a kind of check (expected %s)",
                       q->item ? q->item : "", or_ap_ids(OR_AP_ITEM));
    if ((rc = text_ok(q->evidence, "evidence", 3000, true, true, field, err)) ||
        (rc = text_ok(q->checked_by, "checked_by", 200, true, false, field, err)))
        return rc;
    char a[11], b[11];
    *field = "checked_on";
    if (q->checked_on == OR_DATE_NONE)
        return or_fail(err, OR_EINPUT, "is empty");
    if (q->checked_on > today) {
        or_date_format(q->checked_on, a);
        return or_fail(err, OR_EINPUT, "'%s' is in the future: record a check once it is made", a);
    }
    *field = "expires_on";
    if (q->expires_on == OR_DATE_NONE && strcmp(q->item, "check"))
        return or_fail(err, OR_EINPUT, "is empty; %s expire and need the date",
                       strcmp(q->item, "dbs") ? "risk assessments" : "DBS checks");
    if (q->expires_on != OR_DATE_NONE && q->expires_on <= q->checked_on) {
        or_date_format(q->expires_on, a);
        or_date_format(q->checked_on, b);
        return or_fail(err, OR_EINPUT, "'%s' is not after the check (%s)", a, b);
    }
    *field = NULL;
    return OR_OK;
}

void or_ap_slug(const char *name, char out[61])
{
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p && n < 60; p++) {
        if (isalnum(*p) && *p < 128) {
            if (dash && n > 0 && n < 59)
                out[n++] = '-';
            dash = false;
            out[n++] = (char)tolower(*p);
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
    if (!n)
        strcpy(out, "provider");
}

static bool school_day(const or_calendar *cal, or_date d)
{
    if (cal && d >= cal->first && d <= cal->last)
        return or_cal_is_school_day(cal, d);
    return !or_date_is_weekend(d);
}

or_date or_apqa_show_from(const or_calendar *cal, or_date expires, int notice)
{
    if (expires == OR_DATE_NONE)
        return OR_DATE_NONE;
    or_date d = expires;
    for (int n = 0; n < notice; n++)
        do
            d--;
        while (!school_day(cal, d) && d > expires - 400);
    return d;
}

const char *or_apqa_status(const or_calendar *cal, or_date expires, int notice, or_date today)
{
    if (expires == OR_DATE_NONE)
        return NULL;
    if (today > expires)
        return "expired";
    return today >= or_apqa_show_from(cal, expires, notice) ? "due" : NULL;
}

static or_date date_of(const char *s)
{
    or_date d;
    return s && or_date_parse(s, &d) ? d : OR_DATE_NONE;
}

or_code or_ap_plan_read(const char *details, or_arena *a, or_ap_plan *out, or_error *err)
{
    *out = (or_ap_plan){.placed_by = "school",
                        .max_end = OR_DATE_NONE,
                        .reintegration_date = OR_DATE_NONE,
                        .sessions_per_week = -1};
    if (!details || !*details)
        return OR_OK;
    const or_plan_kind *k = or_plan_kind_find("ap_placement");
    or_plan_values v;
    or_code rc = or_plan_details_read(k, details, a, &v, err);
    if (rc)
        return rc;
#define F(name) (v.text[or_plan_field_index(k, name)])
    if (F("placed_by") && *F("placed_by"))
        out->placed_by = F("placed_by");
    out->provider = F("provider");
    out->reason = F("reason");
    out->objectives = F("objectives");
    out->reintegration_plan = F("reintegration_plan");
    out->max_end = date_of(F("max_end"));
    out->reintegration_date = date_of(F("reintegration_date"));
    if (F("sessions_per_week") && *F("sessions_per_week"))
        out->sessions_per_week = atoi(F("sessions_per_week"));
#undef F
    return OR_OK;
}

/* LOCAL-AP-INFO's details: what was sent. */
static const or_plan_field info_fields[] = {
    {"what", "What was sent", NULL, OR_PF_TEXTAREA, true, NULL, false, 2000, NULL,
     "Enter what was sent"},
};
static const or_plan_kind info_kind = {"action",
                                       "Information sent to the provider",
                                       "information",
                                       "Date it was sent",
                                       NULL,
                                       NULL,
                                       false,
                                       info_fields,
                                       1};

or_code or_ap_info_json(const char *what, or_sb *out, or_error *err)
{
    or_plan_values v = {.text = {what}};
    or_plan_error e;
    if (or_plan_check(&info_kind, NULL, &v, &e, 1))
        return or_fail(err, OR_EINPUT, "%s", e.message);
    return or_plan_details_json(&info_kind, &v, out, err);
}

const char *or_ap_info_what(const char *details, or_arena *a)
{
    or_plan_values v;
    or_error err = {0};
    if (!details || !*details || or_plan_details_read(&info_kind, details, a, &v, &err) ||
        !v.text[0])
        return "";
    return v.text[0];
}

or_code or_ap_action_details_check(const char *rule, const char *details, or_error *err)
{
    if (!details)
        return OR_OK;
    if (!rule || strcmp(rule, "LOCAL-AP-INFO"))
        return or_fail(err, OR_EINPUT,
                       "applies to an action of LOCAL-AP-INFO only (what was sent to the "
                       "provider); leave it empty");
    or_arena a = OR_ARENA_INIT;
    or_plan_values v;
    or_plan_error e;
    or_code rc = or_plan_details_read(&info_kind, details, &a, &v, err);
    if (!rc && or_plan_check(&info_kind, NULL, &v, &e, 1))
        rc = or_fail(err, OR_EINPUT, "%s", e.message);
    or_arena_free(&a);
    return rc;
}
