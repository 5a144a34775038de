/* request.c - validating parameters at the edge (kcgi): form bodies and query strings are
 * decoded and checked (valid UTF-8 text, bounded length and count) before any handler sees
 * them; and the response helpers every page uses: headers, cookies and redirects. The one
 * error page, which needs the page frame (govuk.c), is above both in error_page.c, so that
 * govuk.c calls this file and this file calls nothing of govuk.c. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/kinds.h"
#include "web/web.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode one x-www-form-urlencoded component into the arena ('+' is a space); *n = the decoded
 * length, which is more than strlen() of the result when it held a %00. */
static char *decode(or_arena *arena, const char *s, size_t len, size_t *n)
{
    char *out = or_arena_alloc(arena, len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    *n = o;
    return out;
}

or_code web_param_add(web_params *p, or_arena *arena, const char *name, const char *value,
                      or_error *err)
{
    if (p->n >= WEB_FIELDS_MAX)
        return or_fail(err, OR_EINPUT, "The form has more than %d fields.", WEB_FIELDS_MAX);
    if (strlen(name) > 64 || !or_utf8_valid(name, false))
        return or_fail(err, OR_EINPUT, "A field name is not valid.");
    if (strlen(value) > WEB_FIELD_MAX)
        return or_fail(err, OR_EINPUT, "A field is longer than %d characters.", WEB_FIELD_MAX);
    if (!or_utf8_valid(value, true))
        return or_fail(err, OR_EINPUT,
                       "A field contains characters that are not valid text (broken UTF-8 or "
                       "control characters).");
    OR_ARENA_GROW(arena, p->items, p->n + 1, p->cap);
    p->items[p->n++] = (web_param){name, value};
    return OR_OK;
}

or_code web_form_parse(const char *text, size_t len, web_params *params, or_arena *arena,
                       or_error *err)
{
    const char *end = text + len;
    const char *p = text;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (stop > p) {
            const char *name_end = eq ? eq : stop;
            size_t nn, nv = 0;
            char *name = decode(arena, p, (size_t)(name_end - p), &nn);
            const char *value = eq ? decode(arena, eq + 1, (size_t)(stop - eq - 1), &nv) : "";
            if (strlen(name) != nn || strlen(value) != nv) /* a %00: would cut it short unseen */
                return or_fail(err, OR_EINPUT,
                               "A field contains characters that are not valid text.");
            or_code rc = web_param_add(params, arena, name, value, err);
            if (rc)
                return rc;
        }
        p = amp ? amp + 1 : end;
    }
    return OR_OK;
}

const char *web_param_get(const web_params *p, const char *name)
{
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->items[i].name, name))
            return p->items[i].value;
    return NULL;
}

const char *web_query(const web_request *req, const char *name)
{
    const char *v = web_param_get(&req->query, name);
    return v ? v : "";
}

const char *web_form(const web_request *req, const char *name)
{
    const char *v = web_param_get(&req->form, name);
    return v ? v : "";
}

const char *web_path(const web_request *req, const char *name)
{
    const char *v = web_param_get(&req->path_params, name);
    return v ? v : "";
}

void web_header_add(web_response *res, const char *name, const char *value)
{
    if (res->nheaders < (int)(sizeof res->headers / sizeof res->headers[0]))
        res->headers[res->nheaders++] = (web_header){name, value};
}

void web_set_cookie(const web_request *req, web_response *res, const char *name, const char *value,
                    int64_t max_age)
{
    char age[48] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%lld", (long long)max_age);
    web_header_add(res, "Set-Cookie",
                   or_arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name,
                                   value, req->cfg->secure_cookies ? "; Secure" : "", age));
}

or_date web_today(const web_request *req)
{
    time_t t = (time_t)req->now;
    struct tm tm;
    localtime_r(&t, &tm);
    return or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool web_local_path(const char *s)
{
    if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) >= 1024)
        return false;
    /* browsers drop tabs and newlines from a URL ("/\t/host" is "//host"): no control
     * characters at all */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

const char *web_next_path(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || strlen(next) > WEB_NEXT_MAX ||
        !strncmp(next, "/sign-", 6))
        return "/";
    for (const char *p = next; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("/-._~", *p)))
            return "/";
    return next;
}

void web_redirect(const web_request *req, web_response *res, const char *location)
{
    res->status = 303;
    web_header_add(res, "Location",
                   or_arena_strdup(req->arena, web_local_path(location) ? location : "/"));
    res->content_type = "text/plain; charset=utf-8";
    or_sb_reset(&res->body);
}
