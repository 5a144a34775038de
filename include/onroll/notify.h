/* notify.h - partner notifications as pure functions (DOMAIN.md §4 LOCAL-NOTIFY-PARTNERS, and
 * the STAT-NOTIFY-SW / STAT-NOTIFY-VSH notices the LA relays to social care and the Virtual
 * School): which partner services must be told of an exclusion, and the message each gets.
 *
 * The partner services are data (or_service_at): an id used in the database, on the command
 * line and in URLs ("social_care"), and the words for people. or_notify_services decides who
 * is told from the pupil's facts; or_notify_compose writes the message from the exclusion and
 * its school alone - it is never given the pupil's facts, so no name, UPN, ethnicity, SEN,
 * care or health status can reach a message. A message names only the services it goes to
 * (telling the MASH that the youth justice service was told would say the child is known to
 * it). The link into onroll is passed in; the outbox stores OR_NOTIFY_LINK in its place and
 * the sender puts each attempt's one-click link there. */
#ifndef ONROLL_NOTIFY_H
#define ONROLL_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/arena.h"
#include "onroll/facts.h"

typedef enum {
    OR_SVC_SOCIAL_CARE,    /* children's social care: CIN, CP or CLA */
    OR_SVC_VIRTUAL_SCHOOL, /* CLA, PLA, or with a social worker */
    OR_SVC_YOUTH_JUSTICE,  /* known to the youth justice service */
    OR_SVC_REU,            /* the Re-engagement Unit: a pupil of a primary school */
    OR_SVC_PRU,            /* the pupil referral unit: every permanent exclusion */
    OR_SVC_MASH,           /* the multi-agency safeguarding hub: every permanent exclusion */
    OR_SVC_SAFEGUARDING,   /* the safeguarding partnership: every permanent exclusion */
    /* members of the multi-agency panel only (panel.h): sent its agendas, no exclusions */
    OR_SVC_HEALTH,     /* health: the school nursing service */
    OR_SVC_CAMHS,      /* child and adolescent mental health services */
    OR_SVC_POLICE,     /* police: the schools liaison officer */
    OR_SVC_EARLY_HELP, /* early help */
    OR_SVC__COUNT
} or_service;

typedef struct {
    const char *id;    /* "social_care": stored, typed and put in URLs */
    const char *name;  /* "Children's social care": a heading or a table cell */
    const char *label; /* "children's social care", "the Virtual School": inside a sentence */
} or_service_def;

const or_service_def *or_service_at(or_service s); /* NULL out of range */
int or_service_parse(const char *id);              /* or -1 */
/* Every service id, comma-separated ("social_care, virtual_school, ..."), for messages. */
const char *or_service_ids(void);

/* A set of services: bit (1u << s) for each. */
#define OR_SVC_BIT(s) (1u << (s))
#define OR_SVC_ALL    ((1u << OR_SVC__COUNT) - 1u)

/* LOCAL-NOTIFY-PARTNERS: the services the LA tells of exclusion e of pupil f (a suspension,
 * lunchtime suspension or permanent exclusion), from the characteristics in force on the day
 * it was decided: social care (CIN, CP or CLA), the Virtual School (CLA, PLA or a social
 * worker), youth justice (known to it), the Re-engagement Unit (a primary school: school's
 * phase), and for a permanent exclusion the PRU, the MASH and the safeguarding partnership.
 * school may be NULL (unknown school: not primary). 0 when no one is to be told. */
unsigned or_notify_services(const or_pupil_facts *f, const or_fact_event *e,
                            const or_school_info *school);

/* "children's social care, the Virtual School and the MASH" (the services' labels, in service
 * order) into buf; "" for none. */
void or_services_words(unsigned services, char *buf, size_t size);
/* "social_care,virtual_school" (ids in service order) into buf; as stored in the outbox. */
void or_services_ids(unsigned services, char *buf, size_t size);
/* The set named by a list written by or_services_ids; false if an id is unknown. */
bool or_services_parse(const char *ids, unsigned *out);

/* What happened, in words: "suspension of 2 days from 6 October 2025", "lunchtime suspension
 * of 3 lunchtimes from ...", "permanent exclusion from ..." (from e's kind, sessions, start). */
void or_notify_event_words(const or_fact_event *e, char *buf, size_t size);

/* Where the sender puts the message's one-click link. */
#define OR_NOTIFY_LINK "{link}"

typedef struct {
    unsigned services; /* the services this message is for (one or more bits) */
    const char *subject;
    const char *body; /* text, lines ending in "\n" */
} or_notify_msg;

/* The message about exclusion e at school (NULL: unknown, named by URN) for the services in
 * `services`: what happened (suspension of N days / lunchtime suspension of N lunchtimes /
 * permanent exclusion, from its start date), where, to whom it is sent, why (the rule), and
 * link. Strings are allocated in a. */
void or_notify_compose(const or_fact_event *e, const or_school_info *school, unsigned services,
                       const char *link, or_arena *a, or_notify_msg *out);

/* One message per service of or_notify_services(f, e, school), in service order; *out is
 * allocated in a. Returns how many. */
int or_notify_messages(const or_pupil_facts *f, const or_fact_event *e,
                       const or_school_info *school, const char *link, or_arena *a,
                       or_notify_msg **out);

#endif
