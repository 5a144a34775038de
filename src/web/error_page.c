/* error_page.c - the one error page (web_error, web.h): an HTML page in the GOV.UK frame, or
 * {"errors":[{"message":...}]} on a JSON route. It sits above govuk.c (the frame) and request.c
 * (the response helpers), so neither of those calls the other's way round. */
#include <jansson.h>
#include <stdlib.h>

#include "web/govuk.h"
#include "web/web.h"

void web_error(const web_request *req, web_response *res, int status, const char *title,
               const char *message)
{
    res->status = status;
    or_sb_reset(&res->body);
    if (req->route && (req->route->flags & WEB_F_JSON)) {
        json_t *j = json_pack("{s:[{s:s}]}", "errors", "message", message ? message : title);
        char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
        res->content_type = "application/json";
        or_sb_adds(&res->body, text ? text : "{\"errors\":[]}");
        or_sb_addc(&res->body, '\n');
        free(text);
        json_decref(j);
        return;
    }
    res->content_type = "text/html; charset=utf-8";
    gov_page_start(&res->body, req, title);
    html_printf(&res->body, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (message)
        html_printf(&res->body, "<p class=\"govuk-body\">%s</p>\n", message);
    if (!req->user && status == 401)
        html_raw(&res->body, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                             "href=\"/sign-in\">Sign in</a></p>\n");
    else
        html_raw(&res->body, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to "
                             "the home page</a></p>\n");
    gov_page_end(&res->body, req);
}
