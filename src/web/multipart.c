/* multipart.c - web_multipart_parse: an upload form's multipart/form-data body, parsed with
 * libmicrohttpd's post processor (MHD_PostProcessor) once the body has arrived (server.c
 * keeps an upload's body in a temporary file, up to the route's limit, and hands it here
 * mapped into memory: body.h). Text fields are checked exactly as a URL-encoded form's (valid
 * UTF-8 text, bounded length and count: web_param_add), so that the CSRF token and every other
 * field reach the handler in the same shape; the one file field, "file", is kept as bytes in
 * the caller's buffer (the importer checks its contents). */
#include <microhttpd.h>
#include <string.h>

#include "web/web.h"

enum { PP_BUFFER = 64 * 1024 };

typedef struct {
    web_request *req;
    or_sb *file;    /* the file field's bytes (the caller's) */
    or_sb value;    /* the current field's bytes so far */
    char *key;      /* the current field's name (arena), NULL before the first */
    char *filename; /* the current field's file name, NULL for a text field */
    bool any;       /* a field is in progress */
    int files;
    or_error err;
    bool bad;
} mp_ctx;

/* The field in progress is complete: a text field becomes a parameter, the file is kept. */
static void finish(mp_ctx *c)
{
    if (!c->any || c->bad)
        return;
    c->any = false;
    web_request *req = c->req;
    const char *bytes = or_sb_str(&c->value);
    if (c->filename) {
        if (strcmp(c->key, "file") || ++c->files > 1) {
            or_fail(&c->err, OR_EINPUT, "Send one file, in the field named file.");
            c->bad = true;
            return;
        }
        /* the name as the browser sent it, for messages: valid text, or a plain stand-in */
        const char *name = c->filename;
        req->file_name = or_utf8_valid(name, false) && *name && strlen(name) <= 200
                             ? or_arena_strdup(req->arena, name)
                             : "upload.csv";
        /* the bytes change hands, rather than being copied: a file may be large */
        or_sb_release(c->file);
        *c->file = c->value;
        c->value = (or_sb)OR_SB_INIT;
        req->file_data = or_sb_str(c->file);
        req->file_len = c->file->len;
        return;
    }
    if (memchr(bytes, '\0', c->value.len)) {
        or_fail(&c->err, OR_EINPUT, "A field contains characters that are not valid text.");
        c->bad = true;
        return;
    }
    if (web_param_add(&req->form, req->arena, c->key, or_arena_strdup(req->arena, bytes), &c->err))
        c->bad = true;
    or_sb_reset(&c->value);
}

static enum MHD_Result on_data(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    mp_ctx *c = cls;
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    if (c->bad)
        return MHD_NO;
    /* a new field: another name, or the same name starting again at offset 0 */
    bool fresh = !c->any || strcmp(c->key, key ? key : "") ||
                 (off == 0 && (c->value.len > 0 || (filename != NULL) != (c->filename != NULL)));
    if (fresh) {
        finish(c);
        if (c->bad)
            return MHD_NO;
        c->any = true;
        c->key = or_arena_strdup(c->req->arena, key ? key : "");
        c->filename = filename ? or_arena_strdup(c->req->arena, filename) : NULL;
        or_sb_reset(&c->value);
    }
    if (c->value.len + size > (c->filename ? (size_t)WEB_UPLOAD_MAX : (size_t)WEB_FIELD_MAX)) {
        if (c->filename)
            or_fail(&c->err, OR_EINPUT, "The file is larger than onroll accepts.");
        else
            or_fail(&c->err, OR_EINPUT, "A field is longer than %d characters.", WEB_FIELD_MAX);
        c->bad = true;
        return MHD_NO;
    }
    if (size)
        or_sb_add(&c->value, data, size);
    else
        or_sb_grow(&c->value, 1); /* an empty value is still a value */
    if (c->value.buf)
        c->value.buf[c->value.len] = '\0';
    return MHD_YES;
}

or_code web_multipart_parse(struct MHD_Connection *conn, const char *body, size_t len,
                            web_request *req, or_sb *file, or_error *err)
{
    mp_ctx c = {.req = req, .file = file};
    struct MHD_PostProcessor *pp = MHD_create_post_processor(conn, PP_BUFFER, on_data, &c);
    if (!pp)
        return or_fail(err, OR_EINPUT, "The upload is not a valid form (multipart/form-data).");
    bool ok = MHD_post_process(pp, body, len) == MHD_YES;
    ok &= MHD_destroy_post_processor(pp) == MHD_YES; /* delivers the last field */
    finish(&c);
    or_sb_release(&c.value);
    if (c.bad) {
        if (err)
            *err = c.err;
        return OR_EINPUT;
    }
    if (!ok)
        return or_fail(err, OR_EINPUT, "The upload is not a valid form (multipart/form-data).");
    return OR_OK;
}
