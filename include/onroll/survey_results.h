/* survey_results.h - a survey's results for publication (issue 18 part 4): from its definition
 * (surveys.h) and its answers, per item of one wave the distribution and the mean where the
 * scale is scored (a count item: the mean of its numbers; a free-text item: only how many
 * answered it), per domain the mean domain score (surveys.h's scoring), and for an earlier wave
 * the change of each item and domain over the respondents who answered both, paired by their
 * pseudonym, with its 95% confidence interval. Everything suppressed as survey_stats.h says
 * (DOMAIN.md §6). No single respondent's answers and no free text leave this module.
 *
 * Pure: the answers are passed in; results in the caller's arena. */
#ifndef ONROLL_SURVEY_RESULTS_H
#define ONROLL_SURVEY_RESULTS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/survey_stats.h"
#include "onroll/surveys.h"

typedef struct {
    const or_survey_item *item;
    int domain;
    const or_survey_scale *scale; /* OR_SQ_SCALE: its scale; else NULL */
    or_survey_dist dist;          /* OR_SQ_SCALE: the wave's answers per level */
    or_survey_mean number;        /* OR_SQ_COUNT: the mean of the numbers given */
    int64_t answered;             /* answers given (OR_SQ_TEXT: the comments' count) */
    uint8_t answered_flag;        /* OR_SUP_PRIMARY when 1 to threshold */
    bool has_change;              /* an earlier wave was given and the item has a number */
    or_survey_change change;      /* earlier -> this wave, paired respondents; not shown when
                                     either wave's mean is not (it would give that mean away) */
    or_survey_dist earlier_dist;  /* the same of the earlier wave */
    or_survey_mean earlier_number;
} or_survey_item_result;

typedef struct {
    const or_survey_domain *domain;
    bool scored;          /* the survey scores its domains */
    or_survey_mean score; /* the mean domain score of the wave's respondents; not shown when the
                             mean of any of its items is not (the domain's total less the other
                             items' would give it away) */
    or_survey_mean earlier_score; /* the same of the earlier wave */
    bool has_change;              /* scored and an earlier wave was given */
    or_survey_change change;      /* not shown when either wave's score is not */
} or_survey_domain_result;

typedef struct {
    int64_t responded;      /* respondents who submitted the wave */
    uint8_t responded_flag; /* OR_SUP_PRIMARY when 1 to threshold */
    int64_t earlier;        /* ... the earlier wave (0 when none) */
    int64_t both;           /* ... both waves */
    int nitems;
    or_survey_item_result *items; /* in the definition's order */
    int ndomains;
    or_survey_domain_result *domains;
} or_survey_results;

/* Results of wave wave_id, and the change from earlier_id (0: none) to it. answers: every answer
 * of the survey (or_survey_answers: any order); respondents: its respondents (for their
 * pseudonyms); threshold: DOMAIN.md §6's (OR_SUPPRESS_THRESHOLD). An answer that is not valid
 * for its item (or_survey_answer_valid) or names no item is not counted. OR_EUSAGE for a
 * respondent of an answer missing from respondents; OR_ENOMEM. */
or_code or_survey_results_of(const or_survey_def *d, const or_survey_answer *answers, int nanswers,
                             const or_survey_respondent *respondents, int nrespondents,
                             int64_t wave_id, int64_t earlier_id, int threshold, or_arena *a,
                             or_survey_results *out, or_error *err);

/* The words for a change with its interval: "rose by 0.40 (95% confidence interval 0.12 to
 * 0.68)", "fell by 0.25 (...)", "did not change (...)"; "c" when suppressed. In the arena. */
const char *or_survey_change_words(const or_survey_change *c, or_arena *a);
/* Whether the interval excludes 0: "more than chance would explain" / "could be chance". */
const char *or_survey_change_reading(const or_survey_change *c);

#endif
