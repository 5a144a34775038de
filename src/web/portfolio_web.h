/* portfolio_web.h (internal) - what page_duties.c shows of the partnership meetings
 * (page_partnership.c). */
#ifndef ONROLL_WEB_PORTFOLIO_WEB_H
#define ONROLL_WEB_PORTFOLIO_WEB_H

#include "web/view.h"

/* /duties: the partnership meetings due this half-term or term, or overdue
 * (LOCAL-PARTNERSHIP-MEETING), of the user's school (every school's for the LA), each with
 * "Record meeting". */
void page_partnership_duties_section(or_sb *out, const web_request *req, view_snapshot *snap);

#endif
