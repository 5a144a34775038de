/* page_dashboard.c - GET /dashboard (and GET /, page_home.c): "what needs me today", one
 * dashboard per role (dashboard.h): the LA's (page_dashboard_la.c), the analyst's, a school's,
 * the Virtual School's, and a partner's or worker's; what they share is dashboard_kit.c.
 *
 * The figures come from the LA snapshot (view_cache.c), as of today. A dashboard that names
 * children is written to the audit log first (no log line, no page). */
#include "web/dashboard.h"

void page_dashboard(const web_request *req, web_response *res)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be worked out. Try again later.");
        return;
    }
    switch (req->user->role) {
    case OR_ROLE_LA_ADMIN:
    case OR_ROLE_LA_OFFICER:
        dash_la(req, res, snap);
        break;
    case OR_ROLE_ANALYST:
        dash_analyst(req, res, snap);
        break;
    case OR_ROLE_SCHOOL:
        dash_school(req, res, snap);
        break;
    case OR_ROLE_VIRTUAL_SCHOOL:
        dash_vs(req, res, snap);
        break;
    default:
        dash_partner(req, res, snap);
    }
    view_snapshot_put(snap);
}
