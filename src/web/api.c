/* api.c - JSON responses of the MIS API, and the importer's messages as its errors (api.h). */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
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

json_t *api_import_errors(const char *text, const char *name)
{
    json_t *errors = json_array();
    size_t nlen = strlen(name);
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = or_xstrndup(p, len);
        const char *s = line;
        long long at = 0;
        char *column = NULL;
        if (!strncmp(s, name, nlen) && s[nlen] == ':') {
            s += nlen + 1;
            char *end;
            at = strtoll(s, &end, 10);
            if (end != s && *end == ':') {
                s = end + 1;
                /* a CSV column, or a CTF's element path (in "column" too) */
                size_t skip = !strncmp(s, " column ", 8) ? 8 : !strncmp(s, " element ", 9) ? 9 : 0;
                const char *colon = skip ? strchr(s + skip, ':') : NULL;
                if (colon) {
                    column = or_xstrndup(s + skip, (size_t)(colon - s - skip));
                    s = colon + 1;
                }
            } else {
                at = 0;
            }
            while (*s == ' ')
                s++;
        }
        json_array_append_new(errors, api_error(at, column, s));
        free(column);
        free(line);
        p += len + (eol ? 1 : 0);
    }
    return errors;
}

/* One audit line per pupil named in a batch that changed something, so that a search of the
 * audit log by UPN finds the change (the ledger's own provenance says which rows). */
