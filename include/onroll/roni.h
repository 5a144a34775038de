/* roni.h - the Risk of NEET Indicator (RONI) for Years 8 to 11 (issue 17 part 5; docs/roni.md):
 * points for each factor a pupil has, added into a score, and the score's band of support.
 *
 * The points are data: one versioned table (src/rules/roni.c, OR_RONI_VERSION), starting from
 * Oxfordshire County Council's RONI criteria as issue 17 lists them: attendance at or below 90%
 * 1 point, at or below 85% 2 points (one or the other); English as an additional language 1;
 * an EHC plan 2; SEN support 1; ever permanently excluded or suspended 2; free school meals 2;
 * in alternative provision 1; looked after 2; pregnant or a parent 2; a young carer 2; in
 * custody 2; supervised by the youth justice service 2. Bands: 0 none, 1 offer support, 2-3
 * additional support, 4 or more substantial support (issue 17 cites DfE's "Identifying and
 * supporting young people at risk of NEET", January 2025). Every score names its factors.
 * Pure: facts and a date in, a score out. */
#ifndef ONROLL_RONI_H
#define ONROLL_RONI_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/facts.h"

#define OR_RONI_VERSION "oxfordshire-1"

typedef enum {
    OR_RONI_ATTENDANCE_90, /* attendance this school year at or below 90% (above 85%) */
    OR_RONI_ATTENDANCE_85, /* at or below 85% (instead of the 90% factor) */
    OR_RONI_EAL,
    OR_RONI_EHC_PLAN,
    OR_RONI_SEN_SUPPORT,
    OR_RONI_EXCLUDED, /* ever permanently excluded or suspended (one that counts: excl.h) */
    OR_RONI_FSM,
    OR_RONI_IN_AP, /* an AP placement covering the day, or on the roll of an AP or PRU */
    OR_RONI_LOOKED_AFTER,
    OR_RONI_PARENT_OR_PREGNANT,
    OR_RONI_YOUNG_CARER,
    OR_RONI_CUSTODY, /* the latest attendance mark this school year is Y5 (detention) */
    OR_RONI_YOUTH_JUSTICE,
    OR_RONI__N
} or_roni_factor;

typedef struct {
    const char *key;    /* in CSV and JSON: "fsm"; both attendance factors are "attendance" */
    const char *name;   /* for people: "Eligible for free school meals" */
    int points;         /* this version's */
    int pct;            /* an attendance factor's threshold (at or below), else 0 */
    const char *source; /* where onroll finds it, for people */
} or_roni_factor_def;

const or_roni_factor_def *or_roni_factor_at(or_roni_factor f);

typedef enum {
    OR_RONI_BAND_NONE,        /* 0 */
    OR_RONI_BAND_OFFER,       /* 1: offer support */
    OR_RONI_BAND_ADDITIONAL,  /* 2-3: additional support */
    OR_RONI_BAND_SUBSTANTIAL, /* 4 or more: substantial support */
    OR_RONI_BAND__N
} or_roni_band;

or_roni_band or_roni_band_of(int score);
const char *or_roni_band_key(or_roni_band b);   /* "none", "offer", "additional", "substantial" */
const char *or_roni_band_label(or_roni_band b); /* "No support indicated", "Offer support"... */
int or_roni_band_parse(const char *key);        /* -1 if not a key */

typedef struct {
    int urn;        /* the pupil's school on the day (main registration), else the latest */
    int year_group; /* 8..11 */
    int score;
    or_roni_band band;
    int points[OR_RONI__N]; /* each factor's points; 0: the pupil does not have it */
    int possible, attended; /* this school year's sessions to the day (attendance) */
    or_date excluded_on;    /* the first exclusion that counts, else OR_DATE_NONE */
    or_date custody_on;     /* the day of the latest mark this year (custody: a Y5) */
} or_roni_score;

/* Score the pupil on as_of. false (and *out zeroed) when the pupil is not in Years 8 to 11 on
 * that day. */
bool or_roni_score_pupil(const or_pupil_facts *f, or_date as_of, or_roni_score *out);

/* The factors as "name=points;..." in the table's order ("" when none): the CSV's factors
 * column. With an override (overridden: its score), a last item "override=D" where D is the
 * override less the calculated score, so that the points still add up to the score shown. */
void or_roni_factors_text(const or_roni_score *s, bool overridden, int override, char *buf,
                          size_t size);
/* Why factor f scored, for people: "attendance 84.5% this school year (169 of 200 sessions),
 * at or below 85%", "eligible for free school meals". buf of at least 160 bytes. */
const char *or_roni_why(const or_roni_score *s, or_roni_factor f, char *buf, size_t size);

#endif
