/* audit.c - web_audit: one line of the append-only audit log for a request - who (the user's
 * email, or "api:URN" for a school's MIS), their role, what, the path, the pupil, the client's
 * address. Pages call it for exports and changes; server.c calls it for every read of a pupil's
 * record (before the page is built: no log line, no page) and for every refusal. */
#include <stdio.h>

#include "web/web.h"

const char *web_logged_path(const web_request *req)
{
    return req->route && (req->route->flags & WEB_F_SECRET_PATH) ? req->route->pattern : req->path;
}

or_code web_audit(const web_request *req, const char *action, const char *upn, const char *detail)
{
    char actor[OR_EMAIL_MAX + 8];
    or_audit_entry e = {.action = action,
                        .object = web_logged_path(req),
                        .upn = upn,
                        .remote = req->remote,
                        .detail = detail};
    if (req->user) {
        e.actor = req->user->email;
        e.user_id = req->user->id;
        e.role = or_role_name(req->user->role);
    } else if (req->api_urn) {
        snprintf(actor, sizeof actor, "api:%d", req->api_urn);
        e.actor = actor;
        e.role = "api";
    } else {
        e.actor = "";
    }
    or_error err = {0};
    return or_audit_add(req->store, &e, &err);
}
