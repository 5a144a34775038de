/* ap_web.h (internal) - alternative provision's blocks on other pages (issue 17): the pupil
 * page's placements (page_pupil.c calls it once) and the LA's expiring provider checks on
 * /duties (page_duties.c calls it once). Both in page_ap_placements.c. */
#ifndef ONROLL_WEB_AP_WEB_H
#define ONROLL_WEB_AP_WEB_H

#include "onroll/duties.h"
#include "web/web.h"

/* The pupil's placements (facts f, as this reader sees them; duties as of today): each with
 * its plan, its information trail, reviews and outcome, and the links that record them. */
void page_ap_pupil_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                           const char *upn, const or_duty_list *duties);
/* For the LA: the providers' checks due or expired (LOCAL-APQA-EXPIRY), as a table linking
 * to each provider; nothing for other roles or when none is due. */
void page_ap_duties_section(or_sb *out, const web_request *req);

#endif
