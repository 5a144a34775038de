/* forms_ingest.c - a form's row through the importer (forms.h): one or_ingest batch per
 * submission, source kind "form", so that a suspension recorded on screen is validated by the
 * same code, with the same messages, as one in a CSV file or sent by the MIS API; and the
 * importer's messages split back into line, column and message for the pages to place. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/claims.h"
#include "onroll/kinds.h"
#include "onroll/upn.h"
#include "web/forms.h"

int web_import_errors(or_arena *a, const char *text, const char *name, web_import_error **out)
{
    int n = 0, cap = 0;
    web_import_error *v = NULL;
    size_t nlen = strlen(name);
    for (const char *p = text; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = or_arena_strndup(a, p, len);
        p += len + (eol ? 1 : 0);
        if (!*line)
            continue;
        web_import_error e = {0, NULL, line};
        const char *s = line;
        if (!strncmp(s, name, nlen) && s[nlen] == ':') {
            s += nlen + 1;
            char *end;
            long long at = strtoll(s, &end, 10);
            if (end != s && *end == ':') {
                e.line = at;
                s = end + 1;
                if (!strncmp(s, " column ", 8)) {
                    const char *colon = strchr(s + 8, ':');
                    if (colon) {
                        e.column = or_arena_strndup(a, s + 8, (size_t)(colon - s - 8));
                        s = colon + 1;
                    }
                }
            }
            while (*s == ' ')
                s++;
            e.message = s;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            web_import_error *w = or_arena_alloc(a, (size_t)cap * sizeof *w);
            if (n)
                memcpy(w, v, (size_t)n * sizeof *w);
            v = w;
        }
        v[n++] = e;
    }
    *out = v;
    return n;
}

/* One message, in the form's words. */
static const char *message_words(or_arena *a, const web_field *f, const char *m)
{
    if (f->empty && !strncmp(m, "is empty", 8))
        return f->empty;
    if (!strncmp(m, "is empty; a value is required", 29))
        return or_arena_printf(a, "Enter the %s", f->label);
    if (!strncmp(m, "is empty; a ", 12))
        return or_arena_printf(a, "Enter the %s (%s)", f->label, m + 10); /* after "is empty; " */
    if (strstr(m, "is not a date (expected YYYY-MM-DD)"))
        return or_arena_printf(a, "The %s must be a real date, for example 24 11 2026", f->label);
    return or_arena_printf(a, "The %s: %s", f->label, m);
}

void web_form_errors(or_arena *a, const char *text, const char *name, const web_field *fields,
                     int nfields, gov_error *errs, int *n, int max)
{
    web_import_error *ie;
    int k = web_import_errors(a, text, name, &ie);
    for (int i = 0; i < k && *n < max; i++) {
        const web_field *f = NULL;
        for (int j = 0; ie[i].column && j < nfields && !f; j++)
            if (!strcmp(ie[i].column, fields[j].column))
                f = &fields[j];
        if (f)
            errs[(*n)++] = (gov_error){f->field, message_words(a, f, ie[i].message)};
        else
            errs[(*n)++] = (gov_error){
                NULL, ie[i].column ? or_arena_printf(a, "%s: %s", ie[i].column, ie[i].message)
                                   : ie[i].message};
    }
}

void web_new_event_id(char out[WEB_EVENT_ID_LEN + 1])
{
    unsigned char bytes[8];
    if (sodium_init() < 0)
        abort(); /* no source of randomness: no id that could collide */
    randombytes_buf(bytes, sizeof bytes);
    memcpy(out, "WEB-", 4);
    sodium_bin2hex(out + 4, 17, bytes, sizeof bytes);
    for (char *p = out + 4; *p; p++)
        *p = (char)toupper((unsigned char)*p);
}

bool web_event_id_ok(const char *s)
{
    if (strncmp(s, "WEB-", 4) || strlen(s) != WEB_EVENT_ID_LEN)
        return false;
    for (const char *p = s + 4; *p; p++)
        if (!isxdigit((unsigned char)*p) || islower((unsigned char)*p))
            return false;
    return true;
}

void web_event_cells(const web_request *req, const char **cells, const char *event_id,
                     const char *upn, const char *urn, const char *type, const char *start)
{
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    cells[OR_EV_EVENT_ID] = event_id;
    cells[OR_EV_UPN] = upn;
    cells[OR_EV_URN] = urn;
    cells[OR_EV_TYPE] = type;
    cells[OR_EV_START] = start;
    cells[OR_EV_RECORDED_BY] = or_arena_printf(req->arena, "%.200s", req->user->email);
}

or_code web_ingest_row(const web_request *req, const or_kind *k, const char *name,
                       const char *const *cells, or_ingest_result *res, or_error *err)
{
    or_source src = {"form", name, NULL, req->user ? req->user->email : NULL, NULL};
    or_ingest_opts opts = {.max_errors = 50,
                           .school = web_user_school(req),
                           .today = web_today(req),
                           .after_commit = or_claims_after_commit};
    or_ingest *in = NULL;
    memset(res, 0, sizeof *res);
    or_code rc = or_ingest_begin(req->store, k, &src, &opts, &in, err);
    if (rc)
        return rc;
    or_error e = {0};
    or_ingest_row(in, 1, cells, &e); /* its errors are the batch's: or_ingest_end says */
    return or_ingest_end(in, res, err);
}

static bool digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* s without leading and trailing spaces (a copy in a). */
static const char *trim(or_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return or_arena_strndup(a, s, n);
}

const char *web_date_from_parts(or_arena *a, const char *day, const char *month, const char *year)
{
    day = trim(a, day);
    month = trim(a, month);
    year = trim(a, year);
    if (!*day && !*month && !*year)
        return "";
    if (digits(day, 1, 2) && digits(month, 1, 2) && digits(year, 4, 4))
        return or_arena_printf(a, "%s-%02d-%02d", year, atoi(month), atoi(day));
    return or_arena_printf(a, "%s-%s-%s", year, month, day);
}

void web_date_parts(or_date d, char day[3], char month[3], char year[5])
{
    day[0] = month[0] = year[0] = '\0';
    if (d == OR_DATE_NONE)
        return;
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    snprintf(day, 3, "%u", (unsigned)dd % 100u);
    snprintf(month, 3, "%u", (unsigned)m % 100u);
    snprintf(year, 5, "%04u", (unsigned)y % 10000u);
}

void web_pupil_name(const web_request *req, const char *upn, char *buf, size_t size)
{
    const char *forename = "", *surname = "";
    or_error err = {0};
    buf[0] = '\0';
    if (or_store_pupil_names(req->store, upn, req->arena, &forename, &surname, &err) == OR_OK)
        snprintf(buf, size, "%s%s%s", forename, *forename && *surname ? " " : "", surname);
}
