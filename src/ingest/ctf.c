/* ctf.c - the Common Transfer File read with libxml2's streaming reader (ctf.h). One pass: the
 * reader keeps the path of open elements; each leaf's text goes to the header or to the pupil
 * being read, by its path; at a pupil's end its rows are made (ctf_map.c) and kept, a few
 * hundred bytes a pupil, and the XML itself is never held. Then the rows go through the
 * importer, kind by kind, in one transaction. Every leaf element the mapping does not use is
 * counted by its path and listed after the import: nothing is dropped silently.
 *
 * Hostile files: no network, no DTD loaded, entities not substituted (a DOCTYPE is refused
 * outright), elements nested at most MAX_DEPTH deep, a leaf's text at most MAX_TEXT bytes. */
#include <errno.h>
#include <libxml/xmlreader.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ctf_internal.h"
#include "onroll/alloc.h"

enum { MAX_DEPTH = 32, MAX_TEXT = 4096 };

typedef struct {
    xmlTextReaderPtr r;
    const char *name; /* the file's name in messages */
    const char *path[MAX_DEPTH];
    bool parent[MAX_DEPTH]; /* the open element at each depth has child elements: not a leaf */
    int lines[MAX_DEPTH];   /* the line of each open element's start tag (a leaf's line) */
    int depth;
    or_sb text;
    ctf_doc *doc;
    ctf_pupil *p; /* the pupil being read, or NULL */
    or_error err;
    bool failed;
} reader;

static void xml_error(void *ctx, const char *msg, xmlParserSeverities severity,
                      xmlTextReaderLocatorPtr loc)
{
    reader *x = ctx;
    if (x->failed ||
        (severity != XML_PARSER_SEVERITY_ERROR && severity != XML_PARSER_SEVERITY_VALIDITY_ERROR))
        return;
    char m[256];
    snprintf(m, sizeof m, "%s", msg ? msg : "");
    m[strcspn(m, "\n")] = '\0';
    or_fail(&x->err, OR_EINPUT, "%s:%d: not well-formed XML: %s", x->name,
            xmlTextReaderLocatorLineNumber(loc), m);
    x->failed = true;
}

/* The path of the open elements from `from` ("Pupil/BasicDetails/Ethnicity"). */
static const char *path_from(reader *x, int from, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = from; i < x->depth && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i > from ? "/" : "", x->path[i]);
    return buf;
}

static bool under(reader *x, int at, const char *name)
{
    return x->depth > at && !strcmp(x->path[at], name);
}

static void element_start(reader *x, int line)
{
    /* CTfile / CTFpupilData / Pupil */
    if (x->depth == 3 && under(x, 1, "CTFpupilData") && !strcmp(x->path[2], "Pupil"))
        x->p = ctf_pupil_new(x->doc, line);
    else if (x->p)
        ctf_pupil_open(x->doc, x->p, x->path + 3, x->depth - 3, line);
}

/* text without the blanks around it */
static const char *trimmed(or_sb *sb)
{
    char *t = (char *)or_sb_str(sb);
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        t++;
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n' || t[n - 1] == '\r'))
        t[--n] = '\0';
    return t;
}

static void element_end(reader *x, int line)
{
    char rel[512];
    if (x->depth == 3 && x->p && under(x, 1, "CTFpupilData")) { /* </Pupil> */
        ctf_pupil_done(x->doc, x->p);
        x->p = NULL;
        return;
    }
    if (x->parent[x->depth - 1])
        return; /* not a leaf: its children were read */
    const char *text = trimmed(&x->text);
    line = x->lines[x->depth - 1];
    bool used = false;
    if (x->depth >= 3 && x->p && under(x, 1, "CTFpupilData")) {
        used = ctf_pupil_leaf(x->doc, x->p, path_from(x, 3, rel, sizeof rel), text, line);
    } else if (x->depth >= 2 && under(x, 1, "Header")) {
        used = ctf_header_leaf(x->doc, path_from(x, 2, rel, sizeof rel), text, line);
    }
    if (!used && *text)
        ctf_unused(x->doc, path_from(x, 0, rel, sizeof rel));
}

/* Read the whole document; the rows it makes are kept in doc. */
static or_code read_doc(reader *x)
{
    int ret;
    while (!x->failed && (ret = xmlTextReaderRead(x->r)) == 1) {
        int type = xmlTextReaderNodeType(x->r);
        int line = xmlTextReaderGetParserLineNumber(x->r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
            or_fail(&x->err, OR_EINPUT,
                    "%s:%d: a DOCTYPE or entity reference: a Common Transfer File has none",
                    x->name, line);
            return OR_EINPUT;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(x->r);
            if (x->depth == 0 && strcmp(name, "CTfile")) {
                or_fail(&x->err, OR_EINPUT,
                        "%s:%d: the root element is %s, not CTfile: not a Common Transfer File",
                        x->name, line, name);
                return OR_EINPUT;
            }
            if (x->depth == MAX_DEPTH) {
                or_fail(&x->err, OR_EINPUT, "%s:%d: elements nested more than %d deep", x->name,
                        line, MAX_DEPTH);
                return OR_EINPUT;
            }
            if (x->depth == 0)
                x->doc->root_seen = true;
            if (x->depth > 0)
                x->parent[x->depth - 1] = true;
            x->parent[x->depth] = false;
            /* the parser reads ahead: its line is past the tag; the node knows its own */
            xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
            long at = node ? xmlGetLineNo(node) : -1;
            x->lines[x->depth] = at > 0 ? (int)at : line;
            x->path[x->depth++] = ctf_intern(x->doc, name);
            or_sb_reset(&x->text);
            element_start(x, line);
            if (xmlTextReaderIsEmptyElement(x->r)) {
                element_end(x, line);
                x->depth--;
            }
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const char *v = (const char *)xmlTextReaderConstValue(x->r);
            if (v && x->text.len + strlen(v) > MAX_TEXT) {
                or_fail(&x->err, OR_EINPUT, "%s:%d: element %s holds more than %d bytes of text",
                        x->name, line, x->depth ? x->path[x->depth - 1] : "?", MAX_TEXT);
                return OR_EINPUT;
            }
            if (v)
                or_sb_adds(&x->text, v);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            element_end(x, line);
            or_sb_reset(&x->text);
            if (x->depth > 0)
                x->depth--;
        }
        if (x->doc->failed) {
            x->err = x->doc->err;
            return OR_EINPUT;
        }
    }
    if (x->failed)
        return OR_EINPUT;
    if (ret < 0) {
        or_fail(&x->err, OR_EINPUT, "%s: not well-formed XML", x->name);
        return OR_EINPUT;
    }
    if (!x->doc->root_seen) {
        or_fail(&x->err, OR_EINPUT, "%s: no CTfile element: not a Common Transfer File", x->name);
        return OR_EINPUT;
    }
    return OR_OK;
}

static or_code run(or_store *s, xmlTextReaderPtr xr, const char *name, const char *sha,
                   const or_import_opts *o, or_ctf_result *res, or_error *err)
{
    if (!xr)
        return or_fail(err, OR_EINPUT, "%s: cannot be read as XML", name);
    ctf_doc doc;
    ctf_doc_init(&doc, s, name);
    reader x = {.r = xr, .name = name, .doc = &doc};
    xmlTextReaderSetErrorHandler(xr, xml_error, &x);
    or_code rc = read_doc(&x);
    if (rc)
        *err = x.err;
    else
        rc = ctf_doc_import(&doc, sha, o, res, err);
    or_sb_release(&x.text);
    ctf_doc_free(&doc);
    xmlFreeTextReader(xr);
    return rc;
}

enum { XML_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT };

static void sha_hex(const unsigned char *h, char hex[65])
{
    sodium_bin2hex(hex, 65, h, crypto_hash_sha256_BYTES);
}

or_code or_import_ctf_buffer(or_store *s, const char *name, const char *data, size_t len,
                             const or_import_opts *opts, or_ctf_result *res, or_error *err)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sha_hex(h, hex);
    if (len > (size_t)INT32_MAX)
        return or_fail(err, OR_EINPUT, "%s: too large", name);
    return run(s, xmlReaderForMemory(data, (int)len, name, NULL, XML_OPTIONS), name, hex, opts, res,
               err);
}

or_code or_import_ctf(or_store *s, const char *path, const or_import_opts *opts, or_ctf_result *res,
                      or_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot open: %s", path, strerror(errno));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_hash_sha256_update(&st, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad)
        return or_fail(err, OR_EIO, "%s: read error", path);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256_final(&st, h);
    sha_hex(h, hex);
    return run(s, xmlReaderForFile(path, NULL, XML_OPTIONS), path, hex, opts, res, err);
}

bool or_file_is_xml(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char b[4] = {0};
    size_t n = fread(b, 1, sizeof b, f);
    int c = EOF;
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        fclose(f);
        return n >= 3 && (b[2] == '<' || b[3] == '<'); /* UTF-16 with its byte-order mark */
    }
    rewind(f);
    while ((c = fgetc(f)) != EOF &&
           (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF))
        ;
    fclose(f);
    return c == '<';
}

void or_ctf_result_release(or_ctf_result *r)
{
    for (int i = 0; i < OR_CTF_KINDS; i++)
        or_ingest_result_release(&r->rows[i]);
    or_sb_release(&r->notes);
}

void or_ctf_result_sum(const or_ctf_result *c, or_ingest_result *r)
{
    *r = (or_ingest_result){.kind = OR_K_PUPILS};
    for (int k = 0; k < OR_CTF_KINDS; k++) {
        const or_ingest_result *x = &c->rows[k];
        r->rows += x->rows;
        r->inserted += x->inserted;
        r->updated += x->updated;
        r->unchanged += x->unchanged;
        r->held += x->held;
        r->claims += x->claims;
        r->refused += x->refused;
        r->nerrors += x->nerrors;
        r->committed |= x->committed;
        if (x->errors.len)
            or_sb_adds(&r->errors, or_sb_str(&x->errors));
    }
    if (c->notes.len)
        or_sb_adds(&r->notes, or_sb_str(&c->notes));
}
