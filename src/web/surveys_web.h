/* surveys_web.h (internal) - what the survey pages share (surveys_web.c): a survey loaded for
 * the signed-in user (a school its own, LA officers any; else 404 with a "denied" audit line),
 * its definition, words for its vocabularies, and saving a changed definition in one
 * transaction with its audit line. Pages: page_surveys.c (the list, a new survey),
 * page_survey.c (one survey, its waves), page_survey_edit.c (the builder), page_survey_links.c
 * (issuing links). */
#ifndef ONROLL_WEB_SURVEYS_WEB_H
#define ONROLL_WEB_SURVEYS_WEB_H

#include "onroll/surveys.h"
#include "web/web.h"

typedef struct {
    or_survey s;
    or_survey_def d;
    const char *school; /* its school's name */
    const char *path;   /* "/surveys/ID" */
} survey_page;

/* The survey of the path's {id} when the user may see it: true; else the 404 (or 500) page. */
bool survey_load(const web_request *req, web_response *res, survey_page *p);
/* "Pupils", "Parents", "Staff" */
const char *survey_audience_words(or_survey_audience a);
/* A template's title, or "The school's own" for "" */
const char *survey_template_words(const char *id);
/* Replace the definition: OR_OK (saved with its audit line "survey changed: WHAT"), OR_EINPUT
 * with the reason in err (frozen, or the definition refused: nothing saved), else OR_ESTORE. */
or_code survey_save(const web_request *req, const survey_page *p, const or_survey_def *d,
                    const char *what, or_error *err);

#endif
