/* columns_file.c - the columnar model (columns.h) saved to a file and read back whole: the
 * server's fast start (live.h). The file is the model's arrays as they are in memory - raw
 * rows, the pupils' map, dictionaries, and the derived arrays (census, hot rows), so that
 * reading it is a few large reads and no work per row - with the ledger position the model
 * holds (or_columns_mark), so that what was written since is replayed after.
 *
 * A file is only ever read by the binary that wrote it (its size and modification time are in
 * the header: another build may count differently) and only whole: every section names its
 * element size and count, and the file must end where the last one does. Written to a
 * temporary file, flushed to disk, then renamed over the old one, so that a crash leaves the
 * old file or the new one, never half of one. Anything else - no file, another build, a short
 * or damaged file - is OR_ENOTFOUND: the caller loads from the store instead. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/columns_internal.h"

#define MAGIC   "onroll-columns\n"
#define VERSION 3 /* 2: the EAL, PLA, CP, YJS and social-worker columns; 3: hot rows' start */

typedef struct {
    char magic[16];
    int32_t version, word; /* VERSION; sizeof(void *) */
    int64_t exe_size, exe_mtime_ns;
    int64_t floor, stamp;
    int32_t nabove;
    int32_t np, ns, ne, nx, nr, nsch;
    int32_t ay_lo, ay_hi, want_lo, want_hi, np_cen;
    int32_t las_sorted, cen_none, schools_unsorted;
    int32_t hot_n, tail_n, nlonger;
    size_t map_cap, map_len;
} header;

/* The running binary's size and modification time: a file of another build is not read. */
static bool this_build(int64_t *size, int64_t *mtime_ns)
{
    struct stat st;
    if (stat("/proc/self/exe", &st))
        return false;
    *size = (int64_t)st.st_size;
    *mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return true;
}

/* ---- writing ---- */

typedef struct {
    FILE *f;
    bool ok;
} out;

static void put(out *o, const void *p, size_t size, size_t n)
{
    uint64_t head[2] = {size, n};
    o->ok = o->ok && fwrite(head, sizeof head, 1, o->f) == 1 &&
            (n == 0 || fwrite(p, size, n, o->f) == n);
}

/* Strings: their count, their total length, then each with its NUL. */
static void put_strings(out *o, const char *const *s, int n)
{
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += strlen(s[i] ? s[i] : "") + 1;
    uint64_t head[2] = {(uint64_t)n, len};
    o->ok = o->ok && fwrite(head, sizeof head, 1, o->f) == 1;
    for (int i = 0; i < n && o->ok; i++) {
        const char *t = s[i] ? s[i] : "";
        o->ok = fwrite(t, 1, strlen(t) + 1, o->f) == strlen(t) + 1;
    }
}

static void put_hot(out *o, const cx_hot *h, int nyears)
{
    put(o, h->pupil, sizeof *h->pupil, (size_t)h->n);
    put(o, h->snap, sizeof *h->snap, (size_t)h->n);
    put(o, h->school, sizeof *h->school, (size_t)h->n);
    put(o, h->w, sizeof *h->w, (size_t)h->n);
    put(o, h->half, sizeof *h->half, (size_t)h->n);
    put(o, h->reason, sizeof *h->reason, (size_t)h->n);
    put(o, h->start, sizeof *h->start, (size_t)h->n);
    put(o, h->year, sizeof *h->year, (size_t)nyears + 1);
}

or_code or_columns_save(const or_columns *c, const or_columns_mark *m, const char *path,
                        or_error *err)
{
    header h;
    memset(&h, 0, sizeof h); /* the padding too: the header is written as it is */
    memcpy(h.magic, MAGIC, sizeof h.magic);
    h.version = VERSION;
    h.word = (int32_t)sizeof(void *);
    if (!this_build(&h.exe_size, &h.exe_mtime_ns))
        return or_fail(err, OR_EIO, "cannot tell which build of onroll this is (/proc/self/exe)");
    if (c->all_dirty || c->ndirty || c->np_cen != c->np || !c->hot.year)
        return or_fail(err, OR_EUSAGE, "the model has rows not refreshed yet: not saved");
    int nyears = c->ay_hi - c->ay_lo + 1;
    h.floor = m->floor;
    h.stamp = m->stamp;
    h.nabove = m->nabove;
    h.np = c->np, h.ns = c->ns, h.ne = c->ne, h.nx = c->nx, h.nr = c->nr, h.nsch = c->nsch;
    h.ay_lo = c->ay_lo, h.ay_hi = c->ay_hi, h.want_lo = c->want_lo, h.want_hi = c->want_hi;
    h.np_cen = c->np_cen, h.las_sorted = c->las_sorted, h.cen_none = c->cen_none;
    h.schools_unsorted = c->schools_unsorted;
    h.hot_n = c->hot.n, h.tail_n = c->tail.n;
    h.nlonger = (int32_t)c->by_upn.longer.len;
    h.map_cap = c->by_upn.cap, h.map_len = c->by_upn.len;

    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return or_fail(err, OR_ENOMEM, "out of memory");
    snprintf(tmp, plen + 16, "%s.tmp", path);
    out o = {fopen(tmp, "wb"), true};
    if (!o.f) {
        or_code rc = or_fail(err, OR_EIO, "%s: cannot write: %s", tmp, strerror(errno));
        free(tmp);
        return rc;
    }
    o.ok = fwrite(&h, sizeof h, 1, o.f) == 1;
    put(&o, m->above, sizeof *m->above, (size_t)m->nabove);
    /* pupils and their map */
    put(&o, c->p_snap, sizeof *c->p_snap, (size_t)c->np);
    put(&o, c->p_enrol, sizeof *c->p_enrol, (size_t)c->np);
    put(&o, c->p_excl, sizeof *c->p_excl, (size_t)c->np);
    put(&o, c->p_ref, sizeof *c->p_ref, (size_t)c->np);
    put(&o, c->by_upn.slots, sizeof *c->by_upn.slots, c->by_upn.cap);
    {
        const char **keys = malloc(((size_t)h.nlonger + 1) * sizeof *keys);
        int32_t *vals = malloc(((size_t)h.nlonger + 1) * sizeof *vals);
        int k = 0;
        for (size_t i = 0; keys && vals && i < c->by_upn.longer.cap; i++)
            if (c->by_upn.longer.slots[i].key) {
                keys[k] = c->by_upn.longer.slots[i].key;
                vals[k++] = (int32_t)(intptr_t)c->by_upn.longer.slots[i].value;
            }
        o.ok = o.ok && keys && vals && k == h.nlonger;
        if (o.ok) {
            put_strings(&o, keys, k);
            put(&o, vals, sizeof *vals, (size_t)k);
        }
        free(keys);
        free(vals);
    }
    /* snapshots */
    size_t ns = (size_t)c->ns;
    put(&o, c->s_pupil, sizeof *c->s_pupil, ns);
    put(&o, c->s_next, sizeof *c->s_next, ns);
    put(&o, c->s_as_of, sizeof *c->s_as_of, ns);
    put(&o, c->s_seq, sizeof *c->s_seq, ns);
    for (int d = 0; d < CX_S__N; d++)
        put(&o, c->s_dim[d], 1, ns);
    put(&o, c->s_age_k, sizeof *c->s_age_k, ns);
    put(&o, c->s_yg_b, sizeof *c->s_yg_b, ns);
    /* enrolments */
    size_t ne = (size_t)c->ne;
    put(&o, c->e_pupil, sizeof *c->e_pupil, ne);
    put(&o, c->e_next, sizeof *c->e_next, ne);
    put(&o, c->e_school, sizeof *c->e_school, ne);
    put(&o, c->e_start, sizeof *c->e_start, ne);
    put(&o, c->e_end, sizeof *c->e_end, ne);
    /* exclusions */
    size_t nx = (size_t)c->nx;
    put(&o, c->x_pupil, sizeof *c->x_pupil, nx);
    put(&o, c->x_next, sizeof *c->x_next, nx);
    put(&o, c->x_school, sizeof *c->x_school, nx);
    put(&o, c->x_snap, sizeof *c->x_snap, nx);
    put(&o, c->x_start, sizeof *c->x_start, nx);
    put(&o, c->x_ay, sizeof *c->x_ay, nx);
    put(&o, c->x_seq, sizeof *c->x_seq, nx);
    put(&o, c->x_kind, sizeof *c->x_kind, nx);
    put(&o, c->x_counts, sizeof *c->x_counts, nx);
    put(&o, c->x_reason, sizeof *c->x_reason, nx);
    put(&o, c->x_sessions, sizeof *c->x_sessions, nx);
    put_strings(&o, c->x_id, c->nx);
    /* references */
    size_t nr = (size_t)c->nr;
    put(&o, c->r_pupil, sizeof *c->r_pupil, nr);
    put(&o, c->r_next, sizeof *c->r_next, nr);
    put(&o, c->r_school, sizeof *c->r_school, nr);
    put(&o, c->r_kind, sizeof *c->r_kind, nr);
    put(&o, c->r_rule, sizeof *c->r_rule, nr);
    put(&o, c->r_reinstates, sizeof *c->r_reinstates, nr);
    put(&o, c->r_start, sizeof *c->r_start, nr);
    put(&o, c->r_seq, sizeof *c->r_seq, nr);
    put_strings(&o, c->r_ref, c->nr);
    /* schools */
    size_t nsch = (size_t)c->nsch;
    put(&o, c->sch_urn, sizeof *c->sch_urn, nsch);
    put(&o, c->sch_phase, sizeof *c->sch_phase, nsch);
    put(&o, c->sch_la, sizeof *c->sch_la, nsch);
    /* census and hot rows */
    for (int y = 0; y < nyears; y++) {
        put(&o, c->cen_snap[y], sizeof *c->cen_snap[y], (size_t)c->np_cen);
        put(&o, c->cen_school[y], sizeof *c->cen_school[y], (size_t)c->np_cen);
    }
    put_hot(&o, &c->hot, nyears);
    put_hot(&o, &c->tail, nyears);
    /* dictionaries */
    for (int d = 0; d < OR_DIM__COUNT; d++) {
        put_strings(&o, c->dict[d].code, c->dict[d].n);
        put_strings(&o, c->dict[d].label, c->dict[d].n);
    }
    o.ok = o.ok && fflush(o.f) == 0 && fsync(fileno(o.f)) == 0;
    o.ok = fclose(o.f) == 0 && o.ok;
    or_code rc = OR_OK;
    if (!o.ok || rename(tmp, path) != 0) {
        rc = or_fail(err, OR_EIO, "%s: cannot write the model: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

/* ---- reading ---- */

typedef struct {
    FILE *f;
    bool ok;
} in;

/* n elements of size into a new array (at least one element, so that it can grow). */
static void *get(in *i, size_t size, size_t n)
{
    uint64_t head[2];
    if (!i->ok || fread(head, sizeof head, 1, i->f) != 1 || head[0] != size || head[1] != n) {
        i->ok = false;
        return NULL;
    }
    void *p = calloc(n ? n : 1, size);
    if (!p || (n && fread(p, size, n, i->f) != n)) {
        free(p);
        i->ok = false;
        return NULL;
    }
    return p;
}

/* n strings into the arena; out[k] point at them. */
static void get_strings(in *i, or_arena *a, const char **out_, int n)
{
    uint64_t head[2];
    if (!i->ok || fread(head, sizeof head, 1, i->f) != 1 || head[0] != (uint64_t)n) {
        i->ok = false;
        return;
    }
    char *blob = or_arena_alloc(a, head[1] + 1);
    if (head[1] && fread(blob, 1, head[1], i->f) != head[1]) {
        i->ok = false;
        return;
    }
    blob[head[1]] = '\0';
    char *p = blob, *end = blob + head[1];
    for (int k = 0; k < n; k++) {
        if (p >= end) {
            i->ok = false;
            return;
        }
        out_[k] = p;
        p += strlen(p) + 1;
    }
    i->ok = p == end;
}

static void get_hot(in *i, cx_hot *h, int n, int nyears)
{
    h->n = h->cap = n;
    h->pupil = get(i, sizeof *h->pupil, (size_t)n);
    h->snap = get(i, sizeof *h->snap, (size_t)n);
    h->school = get(i, sizeof *h->school, (size_t)n);
    h->w = get(i, sizeof *h->w, (size_t)n);
    h->half = get(i, sizeof *h->half, (size_t)n);
    h->reason = get(i, sizeof *h->reason, (size_t)n);
    h->start = get(i, sizeof *h->start, (size_t)n);
    h->year = get(i, sizeof *h->year, (size_t)nyears + 1);
    if (!h->cap)
        h->cap = 1;
}

static or_code unusable(in *i, const char *path, const char *why, or_error *err)
{
    if (i->f)
        fclose(i->f);
    return or_fail(err, OR_ENOTFOUND, "%s: %s", path, why);
}

or_code or_columns_read(const char *path, or_columns **out_, or_columns_mark *m, or_error *err)
{
    *out_ = NULL;
    *m = (or_columns_mark){0};
    in i = {fopen(path, "rb"), true};
    if (!i.f)
        return or_fail(err, OR_ENOTFOUND, "%s: %s", path, strerror(errno));
    header h;
    int64_t size, mtime;
    if (fread(&h, sizeof h, 1, i.f) != 1 || memcmp(h.magic, MAGIC, sizeof h.magic) ||
        h.version != VERSION || h.word != (int32_t)sizeof(void *))
        return unusable(&i, path, "not a model file of this version", err);
    if (!this_build(&size, &mtime) || size != h.exe_size || mtime != h.exe_mtime_ns)
        return unusable(&i, path, "written by another build of onroll", err);
    or_columns *c = cx_create(err);
    if (!c)
        return unusable(&i, path, "out of memory", err);
    int nyears = h.ay_hi - h.ay_lo + 1;
    bool sane = h.np >= 0 && h.ns >= 0 && h.ne >= 0 && h.nx >= 0 && h.nr >= 0 && h.nsch >= 0 &&
                h.nabove >= 0 && nyears >= 1 && nyears <= CX_MAX_YEARS && h.np_cen == h.np &&
                h.map_cap >= 1024 && (h.map_cap & (h.map_cap - 1)) == 0 && h.nlonger >= 0;
    if (!sane) {
        or_columns_free(c);
        return unusable(&i, path, "damaged (its counts do not add up)", err);
    }
    m->floor = h.floor;
    m->stamp = h.stamp;
    m->nabove = h.nabove;
    m->above = get(&i, sizeof *m->above, (size_t)h.nabove);
    /* pupils: cx_create made none; the arrays are the file's */
    c->np = c->cap_p = h.np;
    c->p_snap = get(&i, sizeof *c->p_snap, (size_t)h.np);
    c->p_enrol = get(&i, sizeof *c->p_enrol, (size_t)h.np);
    c->p_excl = get(&i, sizeof *c->p_excl, (size_t)h.np);
    c->p_ref = get(&i, sizeof *c->p_ref, (size_t)h.np);
    c->p_dirty = calloc(h.np ? (size_t)h.np : 1, 1);
    if (!c->cap_p)
        c->cap_p = 1;
    c->by_upn.slots = get(&i, sizeof *c->by_upn.slots, h.map_cap);
    c->by_upn.cap = h.map_cap;
    c->by_upn.len = h.map_len;
    {
        const char **keys = calloc((size_t)h.nlonger + 1, sizeof *keys);
        if (!keys)
            i.ok = false;
        get_strings(&i, &c->arena, keys, keys ? h.nlonger : 0);
        int32_t *vals = get(&i, sizeof *vals, (size_t)h.nlonger);
        for (int k = 0; i.ok && k < h.nlonger; k++)
            or_strmap_put(&c->by_upn.longer, keys[k])->value = (void *)(intptr_t)vals[k];
        free(keys);
        free(vals);
    }
    /* snapshots (cx_create reserved some: the file's replace them) */
    size_t ns = (size_t)h.ns;
    free(c->s_pupil);
    free(c->s_next);
    free(c->s_as_of);
    free(c->s_seq);
    for (int d = 0; d < CX_S__N; d++)
        free(c->s_dim[d]);
    free(c->s_age_k);
    free(c->s_yg_b);
    c->ns = h.ns;
    c->cap_s = h.ns ? h.ns : 1;
    c->s_pupil = get(&i, sizeof *c->s_pupil, ns);
    c->s_next = get(&i, sizeof *c->s_next, ns);
    c->s_as_of = get(&i, sizeof *c->s_as_of, ns);
    c->s_seq = get(&i, sizeof *c->s_seq, ns);
    for (int d = 0; d < CX_S__N; d++)
        c->s_dim[d] = get(&i, 1, ns);
    c->s_age_k = get(&i, sizeof *c->s_age_k, ns);
    c->s_yg_b = get(&i, sizeof *c->s_yg_b, ns);
    /* enrolments */
    size_t ne = (size_t)h.ne;
    c->ne = h.ne;
    c->cap_e = h.ne ? h.ne : 1;
    c->e_pupil = get(&i, sizeof *c->e_pupil, ne);
    c->e_next = get(&i, sizeof *c->e_next, ne);
    c->e_school = get(&i, sizeof *c->e_school, ne);
    c->e_start = get(&i, sizeof *c->e_start, ne);
    c->e_end = get(&i, sizeof *c->e_end, ne);
    /* exclusions */
    size_t nx = (size_t)h.nx;
    c->nx = h.nx;
    c->cap_x = h.nx ? h.nx : 1;
    c->x_pupil = get(&i, sizeof *c->x_pupil, nx);
    c->x_next = get(&i, sizeof *c->x_next, nx);
    c->x_school = get(&i, sizeof *c->x_school, nx);
    c->x_snap = get(&i, sizeof *c->x_snap, nx);
    c->x_start = get(&i, sizeof *c->x_start, nx);
    c->x_ay = get(&i, sizeof *c->x_ay, nx);
    c->x_seq = get(&i, sizeof *c->x_seq, nx);
    c->x_kind = get(&i, sizeof *c->x_kind, nx);
    c->x_counts = get(&i, sizeof *c->x_counts, nx);
    c->x_reason = get(&i, sizeof *c->x_reason, nx);
    c->x_sessions = get(&i, sizeof *c->x_sessions, nx);
    c->x_id = malloc((nx ? nx : 1) * sizeof *c->x_id);
    if (!c->x_id)
        i.ok = false;
    get_strings(&i, &c->arena, c->x_id, c->x_id ? h.nx : 0);
    /* references */
    size_t nr = (size_t)h.nr;
    c->nr = h.nr;
    c->cap_r = h.nr ? h.nr : 1;
    c->r_pupil = get(&i, sizeof *c->r_pupil, nr);
    c->r_next = get(&i, sizeof *c->r_next, nr);
    c->r_school = get(&i, sizeof *c->r_school, nr);
    c->r_kind = get(&i, sizeof *c->r_kind, nr);
    c->r_rule = get(&i, sizeof *c->r_rule, nr);
    c->r_reinstates = get(&i, sizeof *c->r_reinstates, nr);
    c->r_start = get(&i, sizeof *c->r_start, nr);
    c->r_seq = get(&i, sizeof *c->r_seq, nr);
    c->r_ref = malloc((nr ? nr : 1) * sizeof *c->r_ref);
    if (!c->r_ref)
        i.ok = false;
    get_strings(&i, &c->arena, c->r_ref, c->r_ref ? h.nr : 0);
    /* schools */
    size_t nsch = (size_t)h.nsch;
    c->nsch = h.nsch;
    c->cap_sch = h.nsch ? h.nsch : 1;
    c->sch_urn = get(&i, sizeof *c->sch_urn, nsch);
    c->sch_phase = get(&i, sizeof *c->sch_phase, nsch);
    c->sch_la = get(&i, sizeof *c->sch_la, nsch);
    c->urn_index = calloc(900000, sizeof *c->urn_index);
    if (!c->urn_index)
        i.ok = false;
    for (int k = 0; i.ok && k < h.nsch; k++) {
        if (c->sch_urn[k] < 100000 || c->sch_urn[k] > 999999)
            i.ok = false;
        else
            c->urn_index[c->sch_urn[k] - 100000] = k + 1;
    }
    /* census and hot rows */
    c->ay_lo = h.ay_lo, c->ay_hi = h.ay_hi, c->want_lo = h.want_lo, c->want_hi = h.want_hi;
    c->cen_none = h.cen_none, c->las_sorted = h.las_sorted;
    c->schools_unsorted = h.schools_unsorted;
    c->cen_snap = calloc((size_t)nyears, sizeof *c->cen_snap);
    c->cen_school = calloc((size_t)nyears, sizeof *c->cen_school);
    if (!c->cen_snap || !c->cen_school)
        i.ok = false;
    for (int y = 0; i.ok && y < nyears; y++) {
        c->cen_snap[y] = get(&i, sizeof *c->cen_snap[y], (size_t)h.np);
        c->cen_school[y] = get(&i, sizeof *c->cen_school[y], (size_t)h.np);
    }
    c->np_cen = c->cap_cen = h.np;
    if (!c->cap_cen)
        c->cap_cen = c->cap_p;
    get_hot(&i, &c->hot, h.hot_n, nyears);
    get_hot(&i, &c->tail, h.tail_n, nyears);
    /* dictionaries: the file's replace those cx_create made, which must be where they start */
    for (int d = 0; i.ok && d < OR_DIM__COUNT; d++) {
        cx_dict *dict = &c->dict[d];
        uint64_t head[2];
        long at = ftell(i.f);
        if (fread(head, sizeof head, 1, i.f) != 1 || head[0] < (uint64_t)dict->n ||
            head[0] > 1u << 20 || fseek(i.f, at, SEEK_SET)) {
            i.ok = false;
            break;
        }
        int n = (int)head[0];
        const char **code = malloc(((size_t)n + 1) * sizeof *code),
                   **label = malloc(((size_t)n + 1) * sizeof *label);
        if (!code || !label)
            i.ok = false;
        get_strings(&i, &c->arena, code, code && label ? n : 0);
        get_strings(&i, &c->arena, label, code && label ? n : 0);
        for (int k = 0; i.ok && k < dict->n; k++)
            i.ok = !strcmp(code[k], dict->code[k]);
        free(dict->code);
        free(dict->label);
        dict->code = code;
        dict->label = label;
        dict->n = dict->cap = n;
        if (!dict->cap)
            dict->cap = 1;
    }
    /* the file ends here */
    i.ok = i.ok && fgetc(i.f) == EOF;
    fclose(i.f);
    i.f = NULL;
    bool pointers = c->p_snap && c->p_enrol && c->p_excl && c->p_ref && c->p_dirty &&
                    c->by_upn.slots && c->s_pupil && c->s_next && c->s_as_of && c->s_seq &&
                    c->s_age_k && c->s_yg_b && c->e_pupil && c->e_next && c->e_school &&
                    c->e_start && c->e_end && c->x_pupil && c->x_next && c->x_school && c->x_snap &&
                    c->x_start && c->x_ay && c->x_seq && c->x_kind && c->x_counts && c->x_reason &&
                    c->x_sessions && c->r_pupil && c->r_next && c->r_school && c->r_kind &&
                    c->r_rule && c->r_reinstates && c->r_start && c->r_seq && c->sch_urn &&
                    c->sch_phase && c->sch_la;
    for (int d = 0; pointers && d < CX_S__N; d++)
        pointers = c->s_dim[d] != NULL;
    if (!i.ok || !pointers) {
        or_columns_free(c);
        free(m->above);
        *m = (or_columns_mark){0};
        return unusable(&i, path, "damaged or cut short", err);
    }
    *out_ = c;
    return OR_OK;
}
