/* reviews_web.h (internal) - what the review pages share (page_reviews.c, page_review.c) and
 * the action plans' section on /duties. */
#ifndef ONROLL_WEB_REVIEWS_WEB_H
#define ONROLL_WEB_REVIEWS_WEB_H

#include "onroll/instruments.h"
#include "web/web.h"

/* "2025/26" */
const char *reviews_year_label(const web_request *req, int ay);
/* The instruments: the seeds and the LA's stored versions, read into the request's arena
 * (page_instruments.c); NULL when the store could not be read. */
const or_instrument_set *reviews_instruments(const web_request *req);
/* The instrument's title (its latest version's in set), or the id when unknown. */
const char *reviews_instrument_title(const or_instrument_set *set, const char *id);
/* /duties: the action plans' actions not yet done, of the user's school (every school's for the
 * LA), each with its lead, due date and a button recording it done (LOCAL-ACTION-PLAN). */
void page_review_duties_section(or_sb *out, const web_request *req);

#endif
