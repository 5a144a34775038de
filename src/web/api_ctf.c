/* api_ctf.c - POST /api/v1/ctf: a school's MIS sends a Common Transfer File (the body, as
 * Content-Type: application/xml) and onroll imports it exactly as `onroll import FILE.xml` and
 * /upload do (ctf.h): the same checks, one transaction, all or nothing. The token speaks for
 * one school: the importer takes the rows as that school's (ingest.h opts.school: its own roll
 * only, another school's pupils held as claims). The answer is JSON: the rows of each kind and
 * the notes (elements not used, conflicts), or {"errors": [...]} with each error's line (the
 * XML line) and element path. Each pupil named is on the audit log. */
#include <stdio.h>
#include <string.h>

#include "onroll/ctf.h"
#include "onroll/strmap.h"
#include "onroll/upn.h"
#include "web/api.h"

enum { API_MAX_ERRORS = 100 };

/* Every pupil the file names, for the audit log (what a school may send is the importer's). */
static bool note_pupil(void *ctx, const or_kind *k, int64_t line, const char *const *cells,
                       const char **column, char *msg, size_t size)
{
    (void)line;
    (void)column;
    (void)msg;
    (void)size;
    int c = or_kind_col(k, "upn");
    if (c >= 0 && !or_upn_validate(cells[c], NULL))
        or_strmap_put(ctx, cells[c]);
    return true;
}

void api_post_ctf(const web_request *req, web_response *res)
{
    char name[64], actor[32];
    snprintf(name, sizeof name, "api %d ctf", req->api_urn);
    snprintf(actor, sizeof actor, "api:%d", req->api_urn);
    or_strmap upns;
    or_strmap_init(&upns, req->arena);
    or_import_opts opts = {.user = actor,
                           .school = req->api_urn,
                           .max_errors = API_MAX_ERRORS,
                           .row_check = note_pupil,
                           .row_ctx = &upns};
    or_ctf_result r = {0};
    or_error err = {0};
    or_code rc = or_import_ctf_buffer(req->store, name, req->body ? req->body : "", req->body_len,
                                      &opts, &r, &err);
    int64_t refused = r.rows[0].refused + r.rows[1].refused + r.rows[2].refused + r.rows[3].refused;
    if (rc == OR_EINPUT) {
        json_t *errors = json_array();
        bool listed = false;
        for (int k = 0; k < OR_CTF_KINDS; k++)
            if (r.rows[k].errors.len) {
                json_array_extend(errors, api_import_errors(or_sb_str(&r.rows[k].errors), name));
                listed = true;
            }
        if (!listed)
            json_array_append_new(errors, api_error(0, NULL, err.msg));
        char detail[120];
        snprintf(detail, sizeof detail, "ctf refused: %lld rows this token may not write",
                 (long long)refused);
        web_audit(req, refused ? "denied" : "api.rejected", NULL, detail);
        api_send_errors(res, refused ? 403 : 400, errors);
    } else if (rc) {
        web_error(req, res, 500, "Internal error",
                  "the database failed: nothing was written; try again later");
    } else {
        char detail[200];
        snprintf(detail, sizeof detail, "ctf %s from %s: %lld pupils", r.version, r.supplier,
                 (long long)r.pupils);
        web_audit(req, "api.post", NULL, detail);
        if (!or_store_begin(req->store, &err)) { /* each pupil named, in one transaction */
            for (size_t i = 0; i < upns.cap; i++)
                if (upns.slots[i].key && web_audit(req, "api.change", upns.slots[i].key, detail))
                    break;
            or_store_commit(req->store, &err);
        }
        json_t *kinds = json_object();
        for (int k = 0; k < OR_CTF_KINDS; k++)
            if (r.rows[k].rows)
                json_object_set_new(
                    kinds, or_kind_get(r.rows[k].kind)->name,
                    json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)r.rows[k].rows,
                              "inserted", (json_int_t)r.rows[k].inserted, "updated",
                              (json_int_t)r.rows[k].updated, "unchanged",
                              (json_int_t)r.rows[k].unchanged, "held", (json_int_t)r.rows[k].held));
        json_t *notes = json_array();
        const char *p = or_sb_str(&r.notes);
        while (*p) {
            size_t n = strcspn(p, "\n");
            json_array_append_new(notes, json_stringn(p, n));
            p += n + (p[n] == '\n');
        }
        api_send(res, 200,
                 json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:o}", "kind", "ctf", "version",
                           r.version, "supplier", r.supplier, "pupils", (json_int_t)r.pupils,
                           "matched_by_former_upn", (json_int_t)r.pupils_former, "conflicts",
                           (json_int_t)r.conflicts, "rows", kinds, "notes", notes));
    }
    or_strmap_free(&upns);
    or_ctf_result_release(&r);
}
