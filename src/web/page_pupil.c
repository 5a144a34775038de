/* page_pupil.c - GET /pupils/{upn} : a pupil's record. For now the pupil's name and
 * characteristics as last recorded (the pages task adds the timeline, duties and flags).
 *
 * The route is declared WEB_F_PUPIL: before this runs, server.c has checked that the pupil is
 * in the user's scope (404 otherwise, logged) and written the read to the audit log. */
#include <stdio.h>
#include <string.h>

#include "onroll/kinds.h"
#include "web/govuk.h"

typedef struct {
    int n;
    or_date as_of; /* of the snapshot kept */
    char forename[128], surname[128], dob[11], year[8], as_of_text[11];
} latest;

/* Keep the snapshot in force now: the latest as_of, then the latest received (snapshots arrive
 * in the order of receipt). */
static or_code on_snapshot(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    latest *l = ctx;
    (void)meta;
    (void)err;
    or_date as_of = row[OR_PU_AS_OF].null ? OR_DATE_NONE : (or_date)row[OR_PU_AS_OF].i;
    if (l->n++ && as_of < l->as_of)
        return OR_OK;
    l->as_of = as_of;
    snprintf(l->forename, sizeof l->forename, "%s",
             row[OR_PU_FORENAME].s ? row[OR_PU_FORENAME].s : "");
    snprintf(l->surname, sizeof l->surname, "%s", row[OR_PU_SURNAME].s ? row[OR_PU_SURNAME].s : "");
    l->dob[0] = l->as_of_text[0] = '\0';
    if (!row[OR_PU_DOB].null)
        or_date_format((or_date)row[OR_PU_DOB].i, l->dob);
    if (as_of != OR_DATE_NONE)
        or_date_format(as_of, l->as_of_text);
    snprintf(l->year, sizeof l->year, "%s",
             !row[OR_PU_YEAR_GROUP].null && row[OR_PU_YEAR_GROUP].s ? row[OR_PU_YEAR_GROUP].s : "");
    return OR_OK;
}

void page_pupil(const web_request *req, web_response *res)
{
    const char *upn = web_path(req, "upn");
    latest l = {0};
    or_error err = {0};
    if (or_store_scan_pupil(req->store, or_kind_get(OR_K_PUPILS), upn, on_snapshot, &l, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The pupil's record could not be read.");
        return;
    }
    or_sb *out = &res->body;
    char name[260];
    snprintf(name, sizeof name, "%s %s", l.forename, l.surname);
    gov_page_start(out, req, name);
    html_printf(out, "<span class=\"govuk-caption-l\">UPN %s</span>\n", upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", name);
    gov_summary_start(out);
    gov_summary_row(out, "Date of birth", l.dob);
    gov_summary_row(out, "Year group", l.year[0] ? l.year : "Not recorded");
    gov_summary_row(out, "Characteristics as recorded on", l.as_of_text);
    gov_summary_end(out);
    gov_page_end(out, req);
}
