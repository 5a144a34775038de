/* audit.c - web_audit: one line of the append-only audit log for a request - who (the user's
 * email, or "api:URN" for a school's MIS), their role, what, the path, the pupil, the client's
 * address. Pages call it for exports and changes; server.c calls it for every read of a pupil's
 * record (before the page is built: no log line, no page) and for every refusal.
 *
 * A request's rows outside a transaction are kept (req->deferred) and committed by server.c
 * through the audit writer (audit_writer.h), with other requests' rows, before the response
 * is sent; a request that is not the server's (tests) writes them at once.
 *
 * web_audit_listed puts every child a list names on the record, so that the audit log's search
 * by pupil finds the list pages that showed a child as well as the reads of its record. It
 * reads the response itself, after the handler and before anything is sent: every UPN in the
 * page, the download or the API's JSON is a child the reader saw, so a new list page is
 * covered without remembering to log it (a list that shows a child without the UPN writes its
 * row itself, with web_audit_upns). One row names the whole list (or_audit_add_list). */
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

/* The row for a request (actor: a buffer of OR_EMAIL_MAX + 8 bytes for "api:URN"). */
static or_audit_entry entry(const web_request *req, const char *action, const char *upn,
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

/* Write rows now: through the server's writer when there is one, else in a transaction. */
static or_code write_now(const web_request *req, const web_audit_row *rows, int n)
{
    or_error err = {0};
    if (n <= 0)
        return OR_OK;
    if (req->cfg && req->cfg->audit_writer && !or_store_in_transaction(req->store))
        return web_audit_writer_write(req->cfg->audit_writer, rows, n, &err);
    or_code rc = or_store_begin(req->store, &err);
    for (int i = 0; !rc && i < n; i++)
        rc = rows[i].nupns > 0
                 ? or_audit_add_list(req->store, &rows[i].e, rows[i].upns, rows[i].nupns, &err)
                 : or_audit_add(req->store, &rows[i].e, &err);
    if (!rc)
        return or_store_commit(req->store, &err);
    or_store_rollback(req->store);
    return rc;
}

/* Keep a row for the response's commit (copied into the request's arena), or write it now. */
static or_code put(const web_request *req, const web_audit_row *row)
{
    web_audit_rows *d = req->deferred;
    if (!d || or_store_in_transaction(req->store))
        return write_now(req, row, 1);
    if (d->n == d->cap) {
        int cap = d->cap ? 2 * d->cap : 4;
        web_audit_row *items = or_arena_alloc(req->arena, (size_t)cap * sizeof *items);
        if (!items)
            return OR_ENOMEM;
        if (d->n)
            memcpy(items, d->items, (size_t)d->n * sizeof *items);
        d->items = items;
        d->cap = cap;
    }
    or_arena *a = req->arena;
    web_audit_row *r = &d->items[d->n];
    const or_audit_entry *e = &row->e;
    r->e = (or_audit_entry){.actor = e->actor ? or_arena_strdup(a, e->actor) : NULL,
                            .user_id = e->user_id,
                            .role = e->role ? or_arena_strdup(a, e->role) : NULL,
                            .action = or_arena_strdup(a, e->action),
                            .object = e->object ? or_arena_strdup(a, e->object) : NULL,
                            .upn = e->upn ? or_arena_strdup(a, e->upn) : NULL,
                            .remote = e->remote ? or_arena_strdup(a, e->remote) : NULL,
                            .detail = e->detail ? or_arena_strdup(a, e->detail) : NULL};
    r->upns = row->upns; /* the callers' lists live in the arena already */
    r->nupns = row->nupns;
    d->n++;
    return OR_OK;
}

or_code web_audit(const web_request *req, const char *action, const char *upn, const char *detail)
{
    char actor[OR_EMAIL_MAX + 8];
    web_audit_row row = {entry(req, action, upn, detail, actor), NULL, 0};
    return put(req, &row);
}

or_code web_audit_commit(const web_request *req)
{
    web_audit_rows *d = req->deferred;
    if (!d || !d->n)
        return OR_OK;
    or_code rc = write_now(req, d->items, d->n);
    d->n = 0;
    return rc;
}

or_code web_audit_upns(const web_request *req, const char *const *upns, int n)
{
    if (n <= 0)
        return OR_OK;
    char actor[OR_EMAIL_MAX + 8];
    const char *detail =
        or_arena_printf(req->arena, "%d %s listed", n, n == 1 ? "child" : "children");
    const char **copy = or_arena_alloc(req->arena, (size_t)n * sizeof *copy);
    if (!copy || !detail)
        return OR_ENOMEM;
    for (int i = 0; i < n; i++)
        if (!(copy[i] = or_arena_strdup(req->arena, upns[i])))
            return OR_ENOMEM;
    web_audit_row row = {entry(req, "pupil.listed", NULL, detail, actor), copy, n};
    return put(req, &row);
}

enum { UPN_LEN = 13 };

static bool alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Is there a UPN at i, standing alone (no letter or digit either side), its check letter
 * right? */
static bool upn_at(const char *text, size_t len, size_t i)
{
    if (i + UPN_LEN > len || (i > 0 && alnum(text[i - 1])) ||
        (i + UPN_LEN < len && alnum(text[i + UPN_LEN])))
        return false;
    for (size_t k = 1; k < UPN_LEN - 1; k++)
        if (text[i + k] < '0' || text[i + k] > '9')
            return false;
    char last = text[i + UPN_LEN - 1];
    if (!((last >= '0' && last <= '9') || (last >= 'A' && last <= 'Z')))
        return false;
    char upn[UPN_LEN + 1];
    memcpy(upn, text + i, UPN_LEN);
    upn[UPN_LEN] = '\0';
    return or_upn_check_letter(upn) == upn[0];
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
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
    const char **upns = NULL;
    int n = 0, cap = 0;
    /* A UPN's 11 digits after its letter (i + 1 to i + 11) hold exactly one multiple of 11:
     * look only at those bytes (a page is 200 KB); at a digit, take its whole run of digits,
     * which is a UPN's when it is 11 or 12 long with the letter before it, then go on after
     * the run. */
    for (size_t p = 11; p < len; p += 11) {
        if (text[p] < '0' || text[p] > '9')
            continue;
        size_t s = p, e = p;
        while (s > 0 && text[s - 1] >= '0' && text[s - 1] <= '9')
            s--;
        while (e < len && text[e] >= '0' && text[e] <= '9')
            e++;
        if (s > 0 && (e - s == 11 || e - s == 12) && upn_at(text, len, s - 1)) {
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                const char **grown = or_arena_alloc(req->arena, (size_t)cap * sizeof *grown);
                if (!grown)
                    return false;
                if (n)
                    memcpy(grown, upns, (size_t)n * sizeof *grown);
                upns = grown;
            }
            if (!(upns[n++] = or_arena_strndup(req->arena, text + s - 1, UPN_LEN)))
                return false;
        }
        p = e - e % 11; /* the next UPN's digits come after e */
    }
    if (!n)
        return true;
    /* distinct, for the detail's count (or_audit_add_list keeps each once anyway) */
    qsort(upns, (size_t)n, sizeof *upns, by_text);
    int distinct = 0;
    for (int i = 0; i < n; i++)
        if (!distinct || strcmp(upns[distinct - 1], upns[i]))
            upns[distinct++] = upns[i];
    return web_audit_upns(req, upns, distinct) == OR_OK;
}
