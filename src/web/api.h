/* api.h - what the MIS API's handlers share (api.c): JSON responses and error lists. Errors are
 * {"errors":[{"line":N,"column":"C","message":"..."}]}, line being the array index + 1 of the
 * object in error (as a CSV file's line would be), column the formats.md column name. */
#ifndef ONROLL_WEB_API_H
#define ONROLL_WEB_API_H

#include <jansson.h>

#include "web/web.h"

/* Send j (stolen) with the status. */
void api_send(web_response *res, int status, json_t *j);
/* One error for the list (line 0 and column NULL are left out). */
json_t *api_error(long long line, const char *column, const char *message);
/* Send {"errors":[...]} (errors stolen). */
void api_send_errors(web_response *res, int status, json_t *errors);
/* The importer's messages ("NAME:LINE: column C: message", one a line; a CTF's "NAME:LINE:
 * element PATH: message") as a new list of errors. */
json_t *api_import_errors(const char *text, const char *name);

#endif
