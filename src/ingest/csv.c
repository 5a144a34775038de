/* csv.c - reading an interchange CSV file with libcsv and handing its rows to ingest.c.
 *
 * The file is read twice: once to hash it (sha256, the provenance of every row), once to
 * parse it line by line so that every message can name the line a record starts on. */
#include <csv.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "onroll/claims.h"
#include "onroll/arena.h"
#include "onroll/import.h"
#include "ingest/ees.h"

enum { MAX_FIELDS = 64, MAX_LINE = 1 << 20 };

typedef struct {
    or_arena arena; /* fields of the current record */
    const char *fields[MAX_FIELDS];
    int nfields;
    bool too_many;
    int64_t line, rec_line;
    /* after the header */
    const or_kind *kind;
    int map[MAX_FIELDS];
    int nheader;
    or_ingest *in;
    or_error header_err;
    bool header_failed;
    or_error fatal;
    bool failed;
    bool sniff_only;
    const or_import_opts *opts; /* its row_check, if any */
    bool ees;                   /* the DfE's Explore Education Statistics layout (ees.h) */
    or_ees_map ees_map;
    or_sb unused; /* the published columns of an EES file onroll does not read */
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->rec_line == 0)
        r->rec_line = r->line;
    if (r->nfields == MAX_FIELDS) {
        r->too_many = true;
        return;
    }
    r->fields[r->nfields++] = or_arena_strndup(&r->arena, s ? s : "", s ? len : 0);
}

static bool is_ignored(const char *name)
{
    return strncmp(name, "x_", 2) == 0;
}

or_code or_header_match(const char *const *fields, int n, const or_kind **kind, int *cols,
                        or_error *err)
{
    const or_kind *best = NULL;
    int best_score = -1, best_unknown = 0;
    for (int id = 0; id < OR_K__COUNT; id++) {
        const or_kind *k = or_kind_get(id);
        int required = 0, present = 0, unknown = 0;
        for (int c = 0; c < k->ncols; c++) {
            if (!(k->cols[c].flags & OR_COL_REQUIRED))
                continue;
            required++;
            for (int i = 0; i < n; i++)
                if (strcmp(fields[i], k->cols[c].name) == 0) {
                    present++;
                    break;
                }
        }
        for (int i = 0; i < n; i++)
            if (!is_ignored(fields[i]) && or_kind_col(k, fields[i]) < 0)
                unknown++;
        /* all required columns, then fewest unknown, then most specific */
        int score = (present == required ? 1000000 : 0) - unknown * 1000 + present;
        if (present >= 2 && score > best_score) {
            best = k;
            best_score = score;
            best_unknown = unknown;
        }
    }
    if (!best) {
        or_sb kinds = OR_SB_INIT;
        for (int id = 0; id < OR_K__COUNT; id++)
            or_sb_addf(&kinds, "%s%s", id ? ", " : "", or_kind_get(id)->name);
        or_code rc = or_fail(err, OR_EINPUT,
                             "header not recognised as any onroll file kind (%s; or the DfE's "
                             "statistics as benchmarks, with time_period and geographic_level): "
                             "see shared/spec/formats.md",
                             or_sb_str(&kinds));
        or_sb_release(&kinds);
        return rc;
    }
    or_sb msg = OR_SB_INIT;
    for (int c = 0; c < best->ncols; c++) {
        if (!(best->cols[c].flags & OR_COL_REQUIRED))
            continue;
        bool found = false;
        for (int i = 0; i < n && !found; i++)
            found = strcmp(fields[i], best->cols[c].name) == 0;
        if (!found)
            or_sb_addf(&msg, "%s%s", msg.len ? ", " : "missing required column ",
                       best->cols[c].name);
    }
    if (msg.len) {
        or_code rc = or_fail(err, OR_EINPUT, "looks like a file of kind %s but is %s", best->name,
                             or_sb_str(&msg));
        or_sb_release(&msg);
        return rc;
    }
    for (int i = 0; i < n; i++) {
        cols[i] = is_ignored(fields[i]) ? -1 : or_kind_col(best, fields[i]);
        for (int j = 0; j < i; j++)
            if (strcmp(fields[i], fields[j]) == 0) {
                or_sb_release(&msg);
                return or_fail(err, OR_EINPUT, "column '%s' appears twice in the header",
                               fields[i]);
            }
        if (cols[i] < 0 && !is_ignored(fields[i])) {
            or_sb_addf(&msg, "unknown column '%s' (the columns of kind %s are: ", fields[i],
                       best->name);
            for (int c = 0; c < best->ncols; c++)
                or_sb_addf(&msg, "%s%s", c ? ", " : "", best->cols[c].name);
            or_sb_adds(&msg, "; prefix a column of your own with x_ to have it ignored)");
            or_code rc = or_fail(err, OR_EINPUT, "%s", or_sb_str(&msg));
            or_sb_release(&msg);
            return rc;
        }
    }
    (void)best_unknown;
    or_sb_release(&msg);
    *kind = best;
    return OR_OK;
}

static void on_header(reader *r)
{
    if (r->nfields > 0 && strncmp(r->fields[0], "\xEF\xBB\xBF", 3) == 0)
        r->fields[0] += 3; /* a byte-order mark is accepted and ignored */
    if (r->too_many) {
        or_fail(&r->header_err, OR_EINPUT, "the header has more than %d columns", MAX_FIELDS);
        r->header_failed = true;
        return;
    }
    or_sb why = OR_SB_INIT;
    if (or_ees_header(r->fields, r->nfields, &r->ees_map, &r->unused, &why)) {
        r->ees = true;
        r->kind = or_kind_get(OR_K_BENCHMARKS);
        r->nheader = r->nfields;
        return;
    }
    if (why.len) {
        or_fail(&r->header_err, OR_EINPUT, "%s", or_sb_str(&why));
        or_sb_release(&why);
        r->header_failed = true;
        return;
    }
    if (or_header_match(r->fields, r->nfields, &r->kind, r->map, &r->header_err)) {
        r->header_failed = true;
        return;
    }
    r->nheader = r->nfields;
}

static void on_record(int c, void *data)
{
    reader *r = data;
    (void)c;
    int64_t line = r->rec_line ? r->rec_line : r->line;
    if (!r->kind && !r->header_failed) {
        on_header(r);
    } else if (r->in && !r->failed) {
        if (r->nfields != r->nheader || r->too_many) {
            or_ingest_reject(r->in, line, NULL, "has %d fields; the header has %d", r->nfields,
                             r->nheader);
        } else {
            const char *cells[MAX_FIELDS];
            const char *column = NULL;
            char msg[OR_ERRMSG_MAX] = "";
            bool read = true;
            if (r->ees) {
                read = or_ees_cells(&r->ees_map, r->fields, r->nfields, cells, &column, msg,
                                    sizeof msg);
            } else {
                for (int i = 0; i < r->kind->ncols; i++)
                    cells[i] = "";
                for (int i = 0; i < r->nfields; i++)
                    if (r->map[i] >= 0)
                        cells[r->map[i]] = r->fields[i];
            }
            if (!read) {
                or_ingest_reject(r->in, line, column, "%s", msg);
            } else if (r->opts && r->opts->row_check &&
                       !r->opts->row_check(r->opts->row_ctx, r->kind, line, cells, &column, msg,
                                           sizeof msg)) {
                or_ingest_reject(r->in, line, column, "%s", msg);
            } else {
                or_error e = {0};
                or_code rc = or_ingest_row(r->in, line, cells, &e);
                if (rc && rc != OR_EINPUT) {
                    r->failed = true;
                    r->fatal = e;
                }
            }
        }
    }
    r->nfields = 0;
    r->too_many = false;
    r->rec_line = 0;
    or_arena_reset(&r->arena);
}

/* The newlines in buf: about how many rows a file holds (or_ingest_opts.expected_rows). */
static int64_t count_lines(const char *buf, size_t n)
{
    int64_t lines = 0;
    for (const char *p = buf, *end = buf + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        lines++;
    return lines;
}

static or_code hash_file(const char *path, char hex[65], uint64_t *size, int64_t *lines,
                         or_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot open: %s", path, strerror(errno));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    static unsigned char buf[1 << 16];
    size_t n;
    *size = 0;
    *lines = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        crypto_hash_sha256_update(&st, buf, n);
        *size += n;
        *lines += count_lines((const char *)buf, n);
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad)
        return or_fail(err, OR_EIO, "%s: read error", path);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(hex, 65, h, sizeof h);
    return OR_OK;
}

/* Feed the file to libcsv line by line; stops after the header when sniffing. */
static or_code parse(reader *r, FILE *f, const char *path, const or_import_opts *o, uint64_t total,
                     or_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
        return or_fail(err, OR_ENOMEM, "cannot initialise the CSV parser");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint64_t done = 0;
    or_code rc = OR_OK;
    while ((n = getline(&line, &cap, f)) > 0) {
        r->line++;
        done += (uint64_t)n;
        if (n > MAX_LINE) {
            rc = or_fail(err, OR_EINPUT, "%s:%lld: line is longer than %d bytes", path,
                         (long long)r->line, MAX_LINE);
            break;
        }
        if (memchr(line, '\0', (size_t)n)) {
            rc = or_fail(err, OR_EINPUT, "%s:%lld: contains a NUL byte (not a text file?)", path,
                         (long long)r->line);
            break;
        }
        if (csv_parse(&p, line, (size_t)n, on_field, on_record, r) != (size_t)n) {
            rc = or_fail(err, OR_EINPUT, "%s:%lld: malformed CSV: %s", path, (long long)r->line,
                         csv_strerror(csv_error(&p)));
            break;
        }
        if (r->header_failed) {
            rc = or_fail(err, OR_EINPUT, "%s:1: %s", path, r->header_err.msg);
            break;
        }
        if (r->failed || (r->sniff_only && r->kind))
            break;
        if (o && o->progress && (r->line & 0xffff) == 0)
            o->progress(o->progress_ctx, path, done, total);
    }
    if (!rc && !r->failed && !(r->sniff_only && r->kind) &&
        csv_fini(&p, on_field, on_record, r) != 0)
        rc = or_fail(err, OR_EINPUT, "%s:%lld: malformed CSV at the end of the file: %s", path,
                     (long long)r->line, csv_strerror(csv_error(&p)));
    if (!rc && r->header_failed)
        rc = or_fail(err, OR_EINPUT, "%s:1: %s", path, r->header_err.msg);
    if (!rc && !r->kind)
        rc = or_fail(err, OR_EINPUT, "%s: empty file (a header row is required)", path);
    if (o && o->progress && !rc)
        o->progress(o->progress_ctx, path, total, total);
    free(line);
    csv_free(&p);
    return rc;
}

static bool looks_like_xml(FILE *f)
{
    int c;
    while ((c = fgetc(f)) != EOF &&
           (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF))
        ;
    rewind(f);
    return c == '<';
}

/* The kind of the file open as f (named path in messages), from its header; rewinds f. */
static or_code sniff(FILE *f, const char *path, or_kind_id *kind, or_error *err)
{
    if (looks_like_xml(f))
        return or_fail(err, OR_EINPUT,
                       "%s: an XML file: a Common Transfer File is imported as one (ctf.h), "
                       "not as CSV",
                       path);
    reader r = {0};
    r.sniff_only = true;
    or_code rc = parse(&r, f, path, NULL, 0, err);
    rewind(f);
    if (!rc)
        *kind = r.kind->id;
    or_sb_release(&r.unused);
    or_arena_free(&r.arena);
    return rc;
}

or_code or_import_sniff(const char *path, or_kind_id *kind, or_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot open: %s", path, strerror(errno));
    or_code rc = sniff(f, path, kind, err);
    fclose(f);
    return rc;
}

/* Import the file open as f (size bytes, sha256 hex) under the name path: one batch. */
static or_code import_stream(or_store *s, FILE *f, const char *path, const char *hex, uint64_t size,
                             int64_t lines, const or_import_opts *o, or_ingest_result *res,
                             or_error *err)
{
    or_kind_id kid;
    or_code rc = sniff(f, path, &kid, err);
    if (rc)
        return rc;
    reader r = {0};
    r.opts = o;
    or_source src = {"file", path, hex, o ? o->user : NULL, NULL};
    or_ingest_opts io = {.dry_run = o ? o->dry_run : false,
                         .max_errors = o ? o->max_errors : 0,
                         .school = o ? o->school : 0,
                         .after_commit = or_claims_after_commit,
                         .expected_rows = lines};
    if ((rc = or_ingest_begin(s, or_kind_get(kid), &src, &io, &r.in, err)))
        return rc;
    or_error pe = {0};
    rc = parse(&r, f, path, o, size, &pe);
    if (rc)
        or_ingest_abort(r.in, &pe);
    else if (r.failed)
        or_ingest_abort(r.in, &r.fatal);
    or_code end = or_ingest_end(r.in, res, err);
    if (r.unused.len)
        or_sb_addf(&res->notes, "%s: published columns not used: %s\n", path, or_sb_str(&r.unused));
    or_sb_release(&r.unused);
    or_arena_free(&r.arena);
    return end;
}

or_code or_import_csv(or_store *s, const char *path, const or_import_opts *o, or_ingest_result *res,
                      or_error *err)
{
    char hex[65];
    uint64_t size = 0;
    int64_t lines = 0;
    or_code rc = hash_file(path, hex, &size, &lines, err);
    if (rc)
        return rc;
    FILE *f = fopen(path, "rb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot open: %s", path, strerror(errno));
    rc = import_stream(s, f, path, hex, size, lines, o, res, err);
    fclose(f);
    return rc;
}

or_code or_import_csv_buffer(or_store *s, const char *name, const char *data, size_t len,
                             const or_import_opts *o, or_ingest_result *res, or_error *err)
{
    if (len == 0)
        return or_fail(err, OR_EINPUT, "%s: empty file (a header row is required)", name);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    FILE *f = fmemopen((void *)data, len, "rb");
    if (!f)
        return or_fail(err, OR_ENOMEM, "%s: cannot read the file: %s", name, strerror(errno));
    or_code rc = import_stream(s, f, name, hex, (uint64_t)len, count_lines(data, len), o, res, err);
    fclose(f);
    return rc;
}
