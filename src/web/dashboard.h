/* dashboard.h (internal) - what the role dashboards share (dashboard_kit.c) and the role
 * dashboards themselves, one file each: the LA officer and administrator
 * (page_dashboard_la.c), the school (page_dashboard_school.c), the Virtual School
 * (page_dashboard_vs.c), the partner services, social workers and youth justice workers
 * (page_dashboard_partner.c) and the analyst (page_dashboard_analyst.c).
 *
 * Each answers "what needs me today" in a short page: counts, each linking to the list it
 * counts (the list URLs of docs/architecture.md's contract: /duties, /risk, /referrals, /peps,
 * /pupils, /schools, /claims, /notifications), and the top few of each with "See all N". */
#ifndef ONROLL_WEB_DASHBOARD_H
#define ONROLL_WEB_DASHBOARD_H

#include "web/view.h"

enum { DASH_TOP = 5 };

/* One suspension or exclusion recorded since a time (sharing.h's received rows). */
typedef struct {
    const char *upn, *type, *received_at;
    int urn;
    or_date start;
} dash_arrival;

typedef struct {
    dash_arrival *items; /* newest recorded first */
    int n;
    int64_t by_type[3]; /* suspension, lunchtime, permanent */
} dash_arrivals;

/* What a dashboard has in hand before it writes anything: the children in the user's scope
 * (NULL, 0 for the LA's dashboards), the last visit, and what was recorded since then. */
typedef struct {
    const view_pupil *const *scope;
    int nscope;
    char since[32];
    bool first; /* the user's first visit */
    dash_arrivals a;
} dash_start;

/* Open a dashboard: the scope (when scoped), the last visit, the arrivals since it, and the
 * line on the audit log naming the dashboard (audit), in that order; false when it has answered
 * with an error page instead (dashboard_kit.c). */
bool dash_open(const web_request *req, web_response *res, view_snapshot *snap, bool scoped,
               const char *audit, dash_start *d);

/* The user's last visit, and this one kept (visits.h): since (ISO 8601 UTC) is what "new since
 * your last visit" counts from; *first when there was none (then the last 7 days). */
void dash_visit(const web_request *req, char since[32], bool *first);

/* The suspensions and exclusions recorded since `since`, of the given pupils (all when scope
 * is NULL), newest first. */
or_code dash_arrivals_since(const web_request *req, const view_pupil *const *scope, int nscope,
                            const char *since, dash_arrivals *out, or_error *err);
/* "Since your last visit on ...": the sentence above the new ones. */
void dash_since_sentence(or_sb *out, const char *since, bool first);
/* The newest max of them as a table: the pupil, the school (when show_school), what and from
 * when. */
void dash_arrivals_table(or_sb *out, const web_request *req, const view_snapshot *snap,
                         const dash_arrivals *a, int max, bool show_school);

/* Children at high risk: the one place the dashboards decide it - the risk tier (risk.h,
 * or_risk_rank_of: the weights of the indicators that fired, docs/risk.md) is high. */
bool dash_risk_high(const view_snapshot *snap, const view_pupil *p);
/* Open and due within the next VIEW_DUE_SOON_DAYS days (the lists' status=due-this-week). */
bool dash_due_this_week(const view_snapshot *snap, const or_duty *d);
/* Sort pupils by risk: high first, then most indicators, most duties overdue, name. */
void dash_sort_by_risk(const view_snapshot *snap, const view_pupil **list, int n);

/* "As of 8 December 2026" above the heading. */
void dash_as_of(or_sb *out, const view_snapshot *snap);
/* A count linking to the list it counts: <a href="href">N</a> (just N when 0). */
void dash_count_link(or_sb *out, int64_t n, const char *href);
/* "See all N ..." under a top few, when there are more than shown. */
void dash_see_all(or_sb *out, int64_t n, int shown, const char *what, const char *href);

/* page_dashboard_figures.c: the LA-wide sections of the LA's and the analyst's dashboards
 * (suppressed for the analyst): children by indicator (children: how many have any); the
 * schools of concern (h2#schools); data sharing (h2#sharing). */
void dash_risk_counts(or_sb *out, const view_snapshot *snap, bool suppress, int64_t children);
void dash_schools_of_concern(or_sb *out, const web_request *req, const view_snapshot *snap,
                             bool suppress);
void dash_sharing(or_sb *out, const web_request *req, const view_snapshot *snap);
/* page_report_offroll.c: the schools above an off-rolling limit, linking to their challenges */
void dash_offrolling(or_sb *out, const web_request *req, view_snapshot *snap);

/* page_home.c: the user's account, what they can see and the pages open to them, folded
 * away at the foot of every dashboard. */
void dash_account(or_sb *out, const web_request *req);

/* The role dashboards: each writes its audit line, then its page. */
void dash_la(const web_request *req, web_response *res, view_snapshot *snap);
void dash_school(const web_request *req, web_response *res, view_snapshot *snap);
void dash_vs(const web_request *req, web_response *res, view_snapshot *snap);
void dash_partner(const web_request *req, web_response *res, view_snapshot *snap);
void dash_analyst(const web_request *req, web_response *res, view_snapshot *snap);

#endif
