/* ap.h - alternative provision (issue 17 parts 1 and 2) as data and pure functions: the
 * register's vocabularies (how a provider is registered, the school census's setting types,
 * the four pillars of the DfE's voluntary national standards for non-school AP and the kinds
 * of check that expire), a provider's and a QA record's checks, a slug for a provider's page,
 * the date an expiring check is shown as due (LOCAL-APQA-EXPIRY), and a placement's plan read
 * from its `details` (plans.h kind "ap_placement": why, by whom, the maximum length, the
 * sessions a week, the objectives and the reintegration plan). No I/O; errors are values
 * naming the field and the value. The store's side is store_ap.h; the rules src/rules/ap.c. */
#ifndef ONROLL_AP_H
#define ONROLL_AP_H

#include <stdbool.h>

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/sb.h"

/* A vocabulary entry: the id stored, the words shown. */
typedef struct {
    const char *id;
    const char *label;
} or_ap_term;

typedef enum {
    OR_AP_REGISTRATION, /* school (URN), ukprn, none (non-school) */
    OR_AP_SETTING,      /* the school census's AP setting types */
    OR_AP_PILLAR,       /* the four pillars of the voluntary national standards */
    OR_AP_ITEM,         /* what was checked: a check, an enhanced DBS check, a risk assessment */
    OR_AP_REASON,       /* the census's reasons for a placement */
    OR_AP_OUTCOME,      /* how a placement ended */
    OR_AP_PLACED_BY,    /* school, la */
    OR_AP__VOCABS
} or_ap_vocab;

/* The entries of a vocabulary, NULL-terminated (ids in the order offered). */
const or_ap_term *or_ap_terms(or_ap_vocab v, int *n);
/* The words for an id, or NULL when it is not one of the vocabulary's. */
const char *or_ap_label(or_ap_vocab v, const char *id);
/* "a|b|c": the ids, for messages (static storage). */
const char *or_ap_ids(or_ap_vocab v);

/* A provider of the register. Strings borrowed. */
typedef struct {
    const char *slug;         /* its page's address: /ap/providers/SLUG */
    const char *name;         /* "Riverside Learning Centre" */
    const char *registration; /* OR_AP_REGISTRATION id */
    int urn;                  /* registration "school": 6 digits, else 0 */
    const char *ukprn;        /* registration "ukprn": 8 digits, else "" */
    const char *setting;      /* OR_AP_SETTING id */
    const char *contact;      /* who to contact and how, or "" */
    const char *notes;        /* or "" */
} or_ap_provider;

/* Check a provider: the name 1-200 bytes of text, a known registration and setting, the URN
 * with "school", the UKPRN with "ukprn" and neither otherwise, text fields plain text.
 * *field names the field on failure. */
or_code or_ap_provider_check(const or_ap_provider *p, const char **field, or_error *err);

/* A QA record: one check of a provider against one pillar. */
typedef struct {
    const char *provider; /* the provider's slug */
    const char *pillar;   /* OR_AP_PILLAR id */
    const char *item;     /* OR_AP_ITEM id */
    const char *evidence; /* what was seen, 1-3000 bytes */
    const char *checked_by;
    or_date checked_on;
    or_date expires_on; /* OR_DATE_NONE: does not expire (required for dbs, risk_assessment) */
} or_ap_qa;

/* Check a QA record (today: a check cannot be dated in the future; an expiry must be after the
 * check). *field names the field on failure. */
or_code or_ap_qa_check(const or_ap_qa *q, or_date today, const char **field, or_error *err);

/* The slug of a name: lower-case letters and digits, other runs as one '-', at most 60 bytes,
 * "provider" when nothing is left. out has room for 61 bytes. */
void or_ap_slug(const char *name, char out[61]);

/* LOCAL-APQA-EXPIRY: an expiring check is due on its expiry date and shown from `notice`
 * school days before it: the notice-th school day before the expiry (the expiry day not
 * counted), on cal (the LA's calendar); without a calendar, weekdays. */
or_date or_apqa_show_from(const or_calendar *cal, or_date expires, int notice);
/* Its status on `today`: "expired" after the expiry date, "due" from the show-from day,
 * else NULL (not yet shown). */
const char *or_apqa_status(const or_calendar *cal, or_date expires, int notice, or_date today);

/* A placement's plan, read from the details of its ap_placement event. Strings in the arena;
 * absent fields NULL (or OR_DATE_NONE, -1). A placement sent without details (a plain
 * `ap_placement` row of formats.md) reads as placed by the school, no maximum, -1 sessions. */
typedef struct {
    const char *placed_by, *provider, *reason, *objectives, *reintegration_plan;
    or_date max_end, reintegration_date;
    int sessions_per_week; /* -1: not recorded */
} or_ap_plan;
or_code or_ap_plan_read(const char *details, or_arena *a, or_ap_plan *out, or_error *err);

/* What was sent to the provider (LOCAL-AP-INFO's trail): an action of that rule may carry
 * `details` {"what": "..."} (1-2000 bytes of text, line breaks allowed). The details as JSON
 * (appended to out; what is typed, checked), and back ("" when absent or unreadable; in a). */
or_code or_ap_info_json(const char *what, or_sb *out, or_error *err);
const char *or_ap_info_what(const char *details, or_arena *a);
/* The importer's check of an action's details: only LOCAL-AP-INFO's, and of that shape. */
or_code or_ap_action_details_check(const char *rule, const char *details, or_error *err);

#endif
