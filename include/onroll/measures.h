/* measures.h - outcome measures defined as data (issue 8): questionnaires with their items,
 * response scale, reverse-scored items, scales, derived totals and bands, and free numeric
 * measures with their range, unit and direction. Scoring, the stored text form of one
 * measurement, and a summary of a score.
 *
 * Shipped: the Strengths and Difficulties Questionnaire (SDQ) for 4-17 year olds in three
 * versions - parent report (sdq_parent), teacher report (sdq_teacher), self-report for 11-17s
 * (sdq_self) - scored per "Scoring the SDQ" (sdqinfo.org) with its original three-band
 * categorisation (normal / borderline / abnormal); and attendance_pct, suspensions_per_term,
 * suspension_days_per_term. Items are referred to by number only: the SDQ's wording is
 * copyright and appears nowhere in onroll.
 *
 * Pure: the table is const, nothing is allocated, nothing printed. Functions that take user
 * input return an or_code and fill an or_error naming the field ("item 7", "scale conduct"), the
 * value and what was expected. */
#ifndef ONROLL_MEASURES_H
#define ONROLL_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/error.h"

#define OR_MEASURE_MAX_ITEMS  25 /* items of a questionnaire */
#define OR_MEASURE_MAX_SCALES 8  /* item scales and derived scores together */
#define OR_SCALE_MAX_ITEMS    5  /* items of one scale */
#define OR_SCALE_MAX_PARTS    4  /* scales summed into one derived score */
#define OR_SCALE_MAX_BANDS    3
#define OR_MEASURE_MAX_RESP   3 /* response options (0..2 for the SDQ) */

#define OR_NO_ANSWER (-1) /* a response or a scale score left blank */

typedef enum {
    OR_MEASURE_QUESTIONNAIRE = 1, /* items answered on a response scale, scored into scales */
    OR_MEASURE_NUMERIC,           /* one number in a range (attendance, counts) */
} or_measure_kind;

/* Which way is better, so a report can say whether a change is an improvement. */
typedef enum {
    OR_BETTER_UNKNOWN = 0, /* no such scale */
    OR_BETTER_LOWER = -1,  /* difficulties, suspensions */
    OR_BETTER_HIGHER = 1,  /* prosocial behaviour, attendance */
} or_better;

/* A band of scores, inclusive at both ends. */
typedef struct {
    const char *label; /* "normal", "borderline", "abnormal" */
    int lo, hi;
} or_band;

/* One score of a questionnaire: either an item scale (nitems > 0: the sum of its items after
 * reversal, prorated when some are missing) or a derived score (nparts > 0: the sum of other
 * scales, present only when all of them are). */
typedef struct {
    const char *id;    /* "emotional", "total": stable, used in stored text */
    const char *label; /* "Emotional symptoms" */
    int nitems;
    int items[OR_SCALE_MAX_ITEMS]; /* item numbers, 1-based */
    int min_answered;              /* fewest answered items that still give a (prorated) score */
    bool in_total;                 /* item scale counted in the total difficulties score */
    int nparts;
    int parts[OR_SCALE_MAX_PARTS]; /* indices into the measure's scales */
    int max;                       /* scores run 0..max */
    or_better better;
    int nbands; /* 0: no published bands (externalising, internalising) */
    or_band bands[OR_SCALE_MAX_BANDS];
} or_scale_def;

typedef struct {
    const char *id;    /* "sdq_parent": stable, stored with each measurement */
    const char *label; /* "SDQ (parent report)" */
    or_measure_kind kind;
    int age_min, age_max; /* the ages the version is for; 0 when any */

    /* questionnaire */
    int nitems;                                 /* items numbered 1..nitems */
    int nresponses;                             /* responses 0..nresponses-1 */
    const char *responses[OR_MEASURE_MAX_RESP]; /* the response options' names */
    int nreverse;
    int reverse[OR_MEASURE_MAX_ITEMS]; /* items scored nresponses-1 - response */
    int nscales;
    or_scale_def scales[OR_MEASURE_MAX_SCALES]; /* item scales first, then derived ones */

    /* numeric: values are fixed-point, in units of 10^-decimals */
    int decimals;
    int64_t min;      /* in units */
    bool has_max;     /* false: no upper limit */
    int64_t max;      /* in units */
    const char *unit; /* appended to the value: "%", " suspensions", " days" */
    or_better better; /* of the number */
} or_measure;

/* ---- the table ---- */

int or_measure_count(void);
const or_measure *or_measure_at(int i);            /* NULL when out of range */
const or_measure *or_measure_find(const char *id); /* NULL when unknown */

/* The index of a scale of m by id, -1 when it has none. */
int or_measure_scale_find(const or_measure *m, const char *scale_id);

/* Which way is better for a scale of m (questionnaires) or for the number (numeric measures,
 * scale_id NULL). OR_BETTER_UNKNOWN when there is no such scale. */
or_better or_measure_better(const or_measure *m, const char *scale_id);

/* Check a definition's consistency: items in range and each in exactly one item scale, reverse
 * items in range, derived parts valid, the total's parts exactly the in_total scales, bands
 * tiling 0..max without gaps or overlaps. OR_EUSAGE naming the fault. (The tests run it over
 * the whole table.) */
or_code or_measure_validate(const or_measure *m, or_error *err);

/* ---- scoring ---- */

typedef enum {
    OR_ENTRY_RESPONSES = 1, /* item responses, scored here */
    OR_ENTRY_SCALES,        /* scale scores typed from a scored paper form */
    OR_ENTRY_NUMERIC,       /* a numeric measure's value */
} or_entry;

typedef struct {
    const or_measure *measure;
    or_entry entry;
    /* questionnaires, per scale k of measure->scales */
    int responses[OR_MEASURE_MAX_ITEMS]; /* responses entry: as given, by item number - 1 (not
                                            reversed); OR_NO_ANSWER when blank */
    bool present[OR_MEASURE_MAX_SCALES]; /* scored */
    int score[OR_MEASURE_MAX_SCALES];    /* 0..max when present, else 0 */
    int answered[OR_MEASURE_MAX_SCALES]; /* items answered (responses entry, item scales) */
    int band[OR_MEASURE_MAX_SCALES];     /* index into the scale's bands; -1 when absent or none */
    /* numeric measures */
    int64_t number; /* in units of 10^-measure->decimals */
} or_score;

/* Set the response to item (1..nitems) in responses[] (nitems entries, by item number - 1).
 * value 0..nresponses-1 or OR_NO_ANSWER. OR_EINPUT "item 26: ..." / "item 7: 3 is not ..." */
or_code or_measure_set_response(const or_measure *m, int *responses, int item, int value,
                                or_error *err);

/* Score item responses (m->nitems of them, by item number - 1, OR_NO_ANSWER when blank).
 * Reverse-scored items count nresponses-1 - response. An item scale is scored when at least
 * min_answered of its items are answered: round(mean of answered items x nitems), halves away
 * from zero (the published syntax's RND(MEAN(...)*5)), so 4 from 3 answered items is 6.67 -> 7.
 * A derived score is present when all its parts are. OR_EINPUT for a response out of range or
 * no answer at all; OR_EUSAGE when m is not a questionnaire. */
or_code or_measure_score_responses(const or_measure *m, const int *responses, or_score *out,
                                   or_error *err);

/* Score scale scores typed from a paper form: scales[k] for each scale k of m (m->nscales
 * entries), OR_NO_ANSWER when blank; derived scores must be OR_NO_ANSWER (they are worked out
 * here; OR_EUSAGE otherwise). OR_EINPUT "scale conduct: 11 is outside 0 to 10", or when every
 * scale is blank. */
or_code or_measure_score_scales(const or_measure *m, const int *scales, or_score *out,
                                or_error *err);

/* A numeric measure's value in units of 10^-decimals. OR_EINPUT when outside the range. */
or_code or_measure_score_number(const or_measure *m, int64_t units, or_score *out, or_error *err);

/* Parse one stored measurement of m and score it. Spaces around values are ignored.
 *   questionnaire, responses: m->nitems comma-separated values, empty when blank:
 *                             "0,1,2,,1,0,2,1,1,0,2,1,0,0,1,2,0,1,0,1,2,0,1,1,2"
 *   questionnaire, scales:    scale=score pairs separated by ';', any order, blanks omitted or
 *                             empty: "emotional=3;conduct=5;hyperactivity=7;peer=2;prosocial=8"
 *                             (told apart from responses by the '=')
 *   numeric:                  a number with at most m->decimals decimals: "92.5"
 * OR_EINPUT naming the field and value; OR_EUSAGE for a NULL measure. On failure out is an
 * empty score (entry 0, nothing present), which formats as "". */
or_code or_measure_parse(const or_measure *m, const char *text, or_score *out, or_error *err);

/* The stored form of s, which or_measure_parse reads back to the same score. snprintf's
 * contract: returns the length needed, writes at most size bytes, NUL-terminated when
 * size > 0. */
#define OR_SCORE_TEXT_MAX 128 /* enough for any stored form of the shipped measures */
int or_score_format(const or_score *s, char *buf, size_t size);

/* A one-line summary for people: "Emotional symptoms 5 (abnormal); Conduct problems 3
 * (borderline); ...; Total difficulties 17 (abnormal); Externalising 9; Internalising 8", a
 * scale not scored as "Peer relationship problems not scored (2 of 5 items answered)"; a number
 * as "Attendance 92.5%". snprintf's contract. */
#define OR_SCORE_SUMMARY_MAX 640
int or_score_summary(const or_score *s, char *buf, size_t size);

/* The band label of scale k of s ("borderline"), NULL when not scored or without bands. */
const char *or_score_band(const or_score *s, int k);

/* The value of a scale (questionnaires, by id) or of the number (numeric measures, scale_id
 * NULL) as a double for outcome statistics. false when absent, unknown or not scored. */
bool or_score_get(const or_score *s, const char *scale_id, double *out);

#endif
