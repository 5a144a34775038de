/* api.c - JSON responses of the MIS API (see api.h). */
#include <stdlib.h>

#include "web/api.h"

void api_send(web_response *res, int status, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    res->status = text ? status : 500;
    res->content_type = "application/json";
    or_sb_reset(&res->body);
    or_sb_adds(&res->body, text ? text : "{\"errors\":[{\"message\":\"out of memory\"}]}");
    or_sb_addc(&res->body, '\n');
    free(text);
    json_decref(j);
}

json_t *api_error(long long line, const char *column, const char *message)
{
    json_t *e = json_object();
    if (line > 0)
        json_object_set_new(e, "line", json_integer(line));
    if (column)
        json_object_set_new(e, "column", json_string(column));
    /* a message quoting broken input may not be valid UTF-8: jansson would refuse it */
    json_t *m = json_string(message);
    json_object_set_new(e, "message", m ? m : json_string("(a message that is not valid UTF-8)"));
    return e;
}

void api_send_errors(web_response *res, int status, json_t *errors)
{
    json_t *j = json_object();
    json_object_set_new(j, "errors", errors);
    api_send(res, status, j);
}
