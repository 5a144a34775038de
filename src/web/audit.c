/* audit.c - web_audit: one line of the append-only audit log for a request - who (the user's
 * email, or "api:URN" for a school's MIS), their role, what, the path, the pupil, the client's
 * address. Pages call it for exports and changes; server.c calls it for every read of a pupil's
 * record (before the page is built: no log line, no page) and for every refusal.
 *
 * web_audit_listed puts every child a list names on the record, one row each, so that the
 * audit log's search by pupil finds the list pages that showed a child as well as the reads
 * of its record. It reads the response itself, after the handler and before anything is
 * sent: every UPN in the page, the download or the API's JSON is a child the reader saw, so a
 * new list page is covered without remembering to log it (a list that shows a child without
 * the UPN writes its rows itself first, with web_audit_upns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/upn.h"
#include "web/audit_writer.h"
#include "web/web.h"

const char *web_logged_path(const web_request *req)
{
    return req->route && (req->route->flags & WEB_F_SECRET_PATH) ? req->route->pattern : req->path;
}

or_audit_entry web_audit_entry(const web_request *req, const char *action, const char *upn,
                               const char *detail, char *actor)
{
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
        snprintf(actor, OR_EMAIL_MAX + 8, "api:%d", req->api_urn);
        e.actor = actor;
        e.role = "api";
    } else {
        e.actor = "";
    }
    return e;
}

/* Rows outside any transaction of the request: through the writer (one commit for many
 * requests) when the server has one, else in a transaction of their own. */
static or_code write_rows(const web_request *req, const or_audit_entry *rows, int n)
{
    or_error err = {0};
    if (req->cfg && req->cfg->audit_writer && !or_store_in_transaction(req->store))
        return web_audit_writer_write(req->cfg->audit_writer, rows, n, &err);
    if (n == 1)
        return or_audit_add(req->store, rows, &err);
    or_code rc = or_store_begin(req->store, &err);
    for (int i = 0; !rc && i < n; i++)
        rc = or_audit_add(req->store, &rows[i], &err);
    if (!rc)
        return or_store_commit(req->store, &err);
    or_store_rollback(req->store);
    return rc;
}

or_code web_audit(const web_request *req, const char *action, const char *upn, const char *detail)
{
    char actor[OR_EMAIL_MAX + 8];
    or_audit_entry e = web_audit_entry(req, action, upn, detail, actor);
    return write_rows(req, &e, 1);
}

enum { UPN_LEN = 13 };

static bool upn_char_end(char c)
{
    return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

/* Is there a UPN (check letter right) at p, standing alone (no letter or digit either side)? */
static bool upn_at(const char *text, size_t len, size_t i)
{
    if (i + UPN_LEN > len || text[i] < 'A' || text[i] > 'Z' ||
        (i > 0 && !upn_char_end(text[i - 1])))
        return false;
    for (size_t k = 1; k < UPN_LEN - 1; k++)
        if (text[i + k] < '0' || text[i + k] > '9')
            return false;
    char last = text[i + UPN_LEN - 1];
    if (!((last >= '0' && last <= '9') || (last >= 'A' && last <= 'Z')))
        return false;
    if (i + UPN_LEN < len && !upn_char_end(text[i + UPN_LEN]))
        return false;
    char upn[UPN_LEN + 1];
    memcpy(upn, text + i, UPN_LEN);
    upn[UPN_LEN] = '\0';
    return or_upn_check_letter(upn) == upn[0];
}

static int by_upn(const void *a, const void *b)
{
    return memcmp(a, b, UPN_LEN + 1);
}

or_code web_audit_upns(const web_request *req, const char *const *upns, int n)
{
    if (n <= 0)
        return OR_OK;
    char actor[OR_EMAIL_MAX + 8];
    const char *detail =
        or_arena_printf(req->arena, "one of %d %s listed", n, n == 1 ? "child" : "children");
    or_audit_entry *rows = or_arena_alloc(req->arena, (size_t)n * sizeof *rows);
    if (!rows || !detail)
        return OR_ENOMEM;
    for (int i = 0; i < n; i++)
        rows[i] = web_audit_entry(req, "pupil.listed", upns[i], detail, actor);
    return write_rows(req, rows, n);
}

bool web_audit_listed(const web_request *req, const web_response *res)
{
    if (!req->route || (req->route->flags & WEB_F_PUPIL) || (!req->user && !req->api_urn) ||
        res->status != 200 || res->data || !res->body.len ||
        (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")) ||
        !strcmp(req->route->pattern, "/admin/audit"))
        return true;
    const char *text = res->body.buf;
    size_t len = res->body.len;
    char(*upns)[UPN_LEN + 1] = NULL;
    int n = 0, cap = 0;
    for (size_t i = 0; i + UPN_LEN <= len; i++) {
        if (!upn_at(text, len, i))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            void *grown = or_arena_alloc(req->arena, (size_t)cap * sizeof *upns);
            if (!grown)
                return false;
            if (n)
                memcpy(grown, upns, (size_t)n * sizeof *upns);
            upns = grown;
        }
        memcpy(upns[n], text + i, UPN_LEN);
        upns[n][UPN_LEN] = '\0';
        n++;
        i += UPN_LEN - 1;
    }
    if (!n)
        return true;
    qsort(upns, (size_t)n, sizeof *upns, by_upn);
    int distinct = 0;
    for (int i = 0; i < n; i++)
        if (!distinct || strcmp(upns[distinct - 1], upns[i]))
            memmove(upns[distinct++], upns[i], UPN_LEN + 1);
    const char **list = or_arena_alloc(req->arena, (size_t)distinct * sizeof *list);
    if (!list)
        return false;
    for (int i = 0; i < distinct; i++)
        list[i] = upns[i];
    return web_audit_upns(req, list, distinct) == OR_OK;
}
