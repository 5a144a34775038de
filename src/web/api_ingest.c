/* api_ingest.c - POST /api/v1/events and POST /api/v1/pupils: a school's MIS sends a JSON
 * array of objects whose keys are the formats.md column names and whose values are strings
 * (null = empty). Each object goes through the importer (ingest.h), exactly as a CSV row
 * would, with object i as line i + 1: the same validation, the same messages, the same
 * idempotency (an event is known by the school's event_id), all or nothing.
 *
 * A token speaks for one school: the importer takes its rows as the school's (ingest.h,
 * opts.school): every row must carry its URN and name a pupil on its roll on the row's date (a
 * snapshot: a pupil not yet known to onroll, or on its roll); otherwise the whole request is
 * refused (400, every row's error listed) and nothing is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/claims.h"
#include "onroll/alloc.h"
#include "onroll/ingest.h"
#include "onroll/strmap.h"
#include "onroll/upn.h"
#include "web/api.h"

enum { API_MAX_ERRORS = 100 };

static void audit_pupils(const web_request *req, json_t *rows, const char *detail)
{
    or_error err = {0};
    if (or_store_begin(req->store, &err))
        return;
    or_strmap seen; /* each pupil once */
    or_strmap_init(&seen, req->arena);
    size_t i;
    json_t *obj;
    json_array_foreach(rows, i, obj)
    {
        const char *upn = json_string_value(json_object_get(obj, "upn"));
        if (!upn)
            continue;
        or_strmap_slot *slot = or_strmap_put(&seen, upn);
        if (slot->value)
            continue;
        slot->value = (void *)1;
        if (web_audit(req, "api.change", upn, detail))
            break;
    }
    or_strmap_free(&seen);
    or_store_commit(req->store, &err);
}

static void post_rows(const web_request *req, web_response *res, or_kind_id kind)
{
    const or_kind *k = or_kind_get(kind);
    json_error_t je;
    json_t *rows =
        json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!rows) {
        char msg[300];
        snprintf(msg, sizeof msg, "the body is not valid JSON: %s (line %d, column %d)", je.text,
                 je.line, je.column);
        json_t *errors = json_array();
        json_array_append_new(errors, api_error(0, NULL, msg));
        api_send_errors(res, 400, errors);
        return;
    }
    if (!json_is_array(rows) || json_array_size(rows) == 0) {
        json_t *errors = json_array();
        json_array_append_new(errors, api_error(0, NULL,
                                                "the body must be a JSON array of one or more "
                                                "objects, one per row"));
        json_decref(rows);
        api_send_errors(res, 400, errors);
        return;
    }
    char name[64], actor[32];
    snprintf(name, sizeof name, "api %d %s", req->api_urn, k->name);
    snprintf(actor, sizeof actor, "api:%d", req->api_urn);
    or_source src = {"api", name, NULL, actor, NULL};
    or_ingest_opts opts = {.max_errors = API_MAX_ERRORS,
                           .school = req->api_urn,
                           .today = web_today(req),
                           .after_commit = or_claims_after_commit};
    or_ingest *in = NULL;
    or_error err = {0};
    if (or_ingest_begin(req->store, k, &src, &opts, &in, &err)) {
        json_decref(rows);
        web_error(req, res, 500, "Internal error",
                  "the database did not answer: nothing was written; try again later");
        return;
    }
    size_t i;
    json_t *obj;
    json_array_foreach(rows, i, obj)
    {
        int64_t line = (int64_t)i + 1;
        if (!json_is_object(obj)) {
            or_ingest_reject(in, line, NULL, "is not a JSON object (one object per row)");
            continue;
        }
        const char *cells[32];
        for (int c = 0; c < k->ncols; c++)
            cells[c] = "";
        bool bad = false;
        const char *key;
        json_t *v;
        json_object_foreach(obj, key, v)
        {
            int c = or_kind_col(k, key);
            if (c < 0) {
                if (strncmp(key, "x_", 2)) {
                    or_ingest_reject(in, line, key,
                                     "is not a column of %s (formats.md); prefix it with x_ to "
                                     "have it ignored",
                                     k->name);
                    bad = true;
                }
            } else if (json_is_string(v)) {
                cells[c] = json_string_value(v);
            } else if (!json_is_null(v)) {
                or_ingest_reject(in, line, key, "must be a string (or null for empty)");
                bad = true;
            }
        }
        if (bad)
            continue;
        or_code rc = or_ingest_row(in, line, cells, &err);
        if (rc && rc != OR_EINPUT)
            break; /* the store failed: or_ingest_end reports it */
    }
    or_ingest_result r = {0};
    or_code rc = or_ingest_end(in, &r, &err);
    char detail[160];
    if (rc == OR_EINPUT) {
        snprintf(detail, sizeof detail, "%s: %lld rows refused, %d errors", k->name,
                 (long long)r.rows, r.nerrors);
        web_audit(req, r.refused ? "denied" : "api.rejected", NULL, detail);
        api_send_errors(res, r.refused ? 403 : 400, api_import_errors(or_sb_str(&r.errors), name));
    } else if (rc) {
        web_error(req, res, 500, "Internal error",
                  "the database failed: nothing was written; try again later");
    } else {
        snprintf(detail, sizeof detail, "%s: %lld rows, %lld new, %lld updated, %lld unchanged",
                 k->name, (long long)r.rows, (long long)r.inserted, (long long)r.updated,
                 (long long)r.unchanged);
        web_audit(req, "api.post", NULL, detail);
        if (r.committed)
            audit_pupils(req, rows, detail);
        api_send(res, 200,
                 json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:b}", "kind", k->name, "rows",
                           (json_int_t)r.rows, "inserted", (json_int_t)r.inserted, "updated",
                           (json_int_t)r.updated, "unchanged", (json_int_t)r.unchanged, "held",
                           (json_int_t)r.held, "committed", r.committed));
    }
    or_ingest_result_release(&r);
    json_decref(rows);
}

void api_post_events(const web_request *req, web_response *res)
{
    post_rows(req, res, OR_K_EVENTS);
}

void api_post_pupils(const web_request *req, web_response *res)
{
    post_rows(req, res, OR_K_PUPILS);
}
