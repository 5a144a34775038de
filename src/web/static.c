/* static.c - /assets/: GOV.UK Frontend's stylesheet and script and onroll's own, copied into
 * a directory at build time (tools/build_assets.sh) and read into memory once when the server
 * starts. Requests are answered from that table only, so no request path ever reaches the
 * file system (no traversal to guard against), with the right content type and a long cache
 * life (the files change only with a new build). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "onroll/alloc.h"
#include "web/web.h"

enum { ASSET_FILE_MAX = 16 << 20, ASSETS_MAX = 2048 };

const char *web_content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".map", "application/json"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (!strcmp(dot, types[i].ext))
                return types[i].type;
    return "application/octet-stream";
}

typedef struct {
    web_asset *items;
    size_t n, cap;
} asset_list;

static or_code read_file(const char *file, void **data, size_t *len, or_error *err)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: %s", file, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) || st.st_size > ASSET_FILE_MAX) {
        fclose(f);
        return or_fail(err, OR_EIO, "%s: too large for an asset", file);
    }
    *len = (size_t)st.st_size;
    *data = malloc(*len ? *len : 1);
    if (!*data || fread(*data, 1, *len, f) != *len) {
        free(*data);
        fclose(f);
        return or_fail(err, OR_EIO, "%s: cannot be read", file);
    }
    fclose(f);
    return OR_OK;
}

static or_code walk(const char *dir, const char *rel, asset_list *l, or_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return or_fail(err, OR_EIO, "%s: %s", dir, strerror(errno));
    or_code rc = OR_OK;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files are not served */
        char *file = NULL, *sub = NULL;
        if (asprintf(&file, "%s/%s", dir, e->d_name) < 0 ||
            asprintf(&sub, "%s/%s", rel, e->d_name) < 0) {
            free(file);
            closedir(d);
            return or_fail(err, OR_ENOMEM, "out of memory");
        }
        struct stat st;
        if (stat(file, &st)) {
            rc = or_fail(err, OR_EIO, "%s: %s", file, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(file, sub, l, err);
        } else if (S_ISREG(st.st_mode)) {
            if (l->n == ASSETS_MAX) {
                rc = or_fail(err, OR_EIO, "%s: more than %d assets", dir, ASSETS_MAX);
            } else {
                OR_ALLOC_GROW(l->items, l->n + 1, l->cap);
                web_asset *a = &l->items[l->n];
                if (!(rc = read_file(file, &a->data, &a->len, err))) {
                    a->path = sub;
                    sub = NULL;
                    a->type = web_content_type(a->path);
                    l->n++;
                }
            }
        }
        free(file);
        free(sub);
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const web_asset *)a)->path, ((const web_asset *)b)->path);
}

or_code web_assets_load(const char *dir, web_asset **out, size_t *n, or_error *err)
{
    asset_list l = {0};
    *out = NULL;
    *n = 0;
    struct stat st;
    if (!dir || stat(dir, &st) || !S_ISDIR(st.st_mode))
        return OR_OK; /* no assets built: pages still work, unstyled */
    or_code rc = walk(dir, "/assets", &l, err);
    if (rc) {
        web_assets_free(l.items, l.n);
        return rc;
    }
    if (l.n)
        qsort(l.items, l.n, sizeof *l.items, by_path);
    *out = l.items;
    *n = l.n;
    return OR_OK;
}

void web_assets_free(web_asset *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i].path);
        free(a[i].data);
    }
    free(a);
}

void web_assets_version(const web_asset *a, size_t n, char out[17])
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: a cache key, not a security measure */
    for (size_t i = 0; i < n; i++) {
        for (const char *p = a[i].path; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        for (size_t j = 0; j < a[i].len; j++)
            h = (h ^ ((const unsigned char *)a[i].data)[j]) * 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void page_asset(const web_request *req, web_response *res)
{
    const web_config *cfg = req->cfg;
    web_asset key = {.path = (char *)req->path};
    const web_asset *a =
        cfg->nassets ? bsearch(&key, cfg->assets, cfg->nassets, sizeof key, by_path) : NULL;
    if (!a) {
        res->status = 404;
        res->content_type = "text/plain; charset=utf-8";
        or_sb_adds(&res->body, "not found\n");
        return;
    }
    res->content_type = a->type;
    res->data = a->data;
    res->data_len = a->len;
    res->cache_control = "public, max-age=31536000, immutable";
}
