/* survey_results_web.h (internal) - the pages of a survey's results and of its respondents
 * (issue 18 part 4, docs/surveys.md):
 *
 *   GET, POST /s/{token}                   a respondent answers (page_survey_answer.c)
 *   GET  /surveys/{id}/results[?wave=N&compare=M]   results, suppressed (page_survey_results.c)
 *   GET  /surveys/{id}/results/download    the same as CSV
 *   GET  /surveys/{id}/summary             the governors' summary (page_survey_summary.c)
 *   GET  /surveys/{id}/summary.pdf         the same as a PDF
 *
 * Who sees results: the school that runs the survey, LA roles for any, the analyst (every figure
 * is suppressed for everyone: answers are anonymous, and a count of one or two could point to a
 * pupil). */
#ifndef ONROLL_WEB_SURVEY_RESULTS_H
#define ONROLL_WEB_SURVEY_RESULTS_H

#include "onroll/survey_results.h"
#include "onroll/surveys.h"
#include "web/web.h"

typedef struct {
    or_survey s;
    or_survey_def def;
    const char *school; /* the school's name */
    or_survey_wave *waves;
    int nwaves;
    int issued;    /* links issued */
    int *answered; /* submissions per wave */
    int wi, ei;    /* the wave shown and the earlier one compared (-1: none) */
    or_survey_results r;
} sr_ctx;

/* Load survey {id} of the path when the user may see it, the waves chosen by the query
 * (?wave=N&compare=M: wave numbers; by default the latest wave that has opened and the one
 * before it), and its results. False: the page is written (404 unknown, 403 another school's,
 * 500). */
bool sr_load(const web_request *req, web_response *res, sr_ctx *x);

/* Text of a count as published ("c" when suppressed), with thousands separators. */
const char *sr_count(const web_request *req, int64_t n, uint8_t flag);
/* A wave named for people: "Before the nurture group (1 to 19 December 2026)". */
const char *sr_wave_name(const web_request *req, const or_survey_wave *w);

void page_survey_answer(const web_request *req, web_response *res);
void page_survey_answer_post(const web_request *req, web_response *res);
void page_survey_results(const web_request *req, web_response *res);
void page_survey_results_download(const web_request *req, web_response *res);
void page_survey_summary(const web_request *req, web_response *res);
void page_survey_summary_pdf(const web_request *req, web_response *res);

#endif
