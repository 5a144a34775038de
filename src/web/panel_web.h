/* panel_web.h - the multi-agency panel's pages (panel.h, docs/panel.md): /panel (the LA's
 * referrals, their turnaround and the meetings), /panel/meetings/{date} (the agenda, its
 * circulation, the decisions), the school's referral form and the panel's decision form, and
 * the panel's feedback on the pupil's page. */
#ifndef ONROLL_WEB_PANEL_WEB_H
#define ONROLL_WEB_PANEL_WEB_H

#include "onroll/panel.h"
#include "web/view_lists.h"

typedef struct {
    const view_referral *w;
    const or_pupil_facts *f;
    or_panel_case c;
    or_panel_turnaround t;
} panel_row;

/* The referrals to the panel the user sees, with their turnaround as of the snapshot's day:
 * urgent first, then by date. False when they cannot be read. */
bool panel_rows(const web_request *req, view_snapshot *snap, panel_row **out, int *n);
/* "Urgent" / "Standard". */
const char *panel_urgency_words(bool urgent);
/* The panel's block on a pupil's page: the referrals to the panel the reader sees, the
 * decision and the actions agreed (the feedback to the school), and a link to refer. */
void panel_pupil_block(or_sb *out, const web_request *req, const or_pupil_facts *f);

/* pages */
void page_panel(const web_request *req, web_response *res);
void page_panel_download(const web_request *req, web_response *res);
void page_panel_meeting_new(const web_request *req, web_response *res);
void page_panel_meeting_add(const web_request *req, web_response *res);
void page_panel_meeting(const web_request *req, web_response *res);
void page_panel_circulate(const web_request *req, web_response *res);
void page_panel_new(const web_request *req, web_response *res);
void page_panel_new_post(const web_request *req, web_response *res);
void page_panel_decide(const web_request *req, web_response *res);
void page_panel_decide_post(const web_request *req, web_response *res);

#endif
