/* ingest.c - one batch of rows into the store, all or nothing (see ingest.h).
 *
 * Per row: parse every cell by its column type (kinds.c), check the row as a whole
 * (rowcheck.c), check what it refers to (the school, the pupil), then put it. Rows are taken
 * in groups of BATCH: a group's pupils are looked up together and its rows written together
 * (or_store_put_many: a few statements per group on PostgreSQL), then the group's results and
 * errors are reported in line order, so the messages are those of checking and putting one row
 * at a time. A store that gains nothing from groups (SQLite) gets groups of one row. Checks that
 * need the whole file (an event's `ref` may name an event later in the same file) run at the end.
 * Attendance marks are gathered per pupil, school and year, read and written in bulk, once each. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <time.h>

#include "ingest/school_days.h"
#include "ingest/school_scope.h"
#include "onroll/alloc.h"
#include "onroll/arena.h"
#include "onroll/ingest.h"
#include "onroll/store_claims.h"
#include "onroll/store_audit.h"
#include "onroll/duties.h"
#include "onroll/excl.h"
#include "onroll/interventions.h"
#include "onroll/letters.h"
#include "onroll/marks.h"
#include "onroll/model.h"
#include "onroll/movements.h"
#include "onroll/rowcheck.h"
#include "onroll/store_interventions.h"
#include "onroll/store_roll.h"
#include "onroll/strmap.h"

enum {
    BATCH = 4096,        /* rows written together */
    REFS_AT_ONCE = 4096, /* event refs looked up together */
    MARKS_AT_ONCE = 4096 /* pupil-years of marks written together */
};

/* What is known of a UPN (values of the pupils map). */
#define PUPIL_KNOWN   ((void *)1)
#define PUPIL_UNKNOWN ((void *)2)
#define PUPIL_ASKED   ((void *)3) /* to be looked up with the current group */

typedef struct {
    int64_t line;
    int la_code, urn;
    const char *ref, *type, *upn;
} pending_ref;

/* An exclusion or movement of this batch, to be checked at the end against the 45-day cap (a
 * suspension) and the day the pupil left the school (all of them). An exit itself (a CME or EHE
 * record after an unexplained exit, say) is not: how a child left is often recorded twice. */
typedef struct {
    int64_t line;
    int urn;
    const char *event_id, *upn;
    bool susp;
    or_date start;
} pending_cap;

typedef struct {
    or_year_marks y; /* y.marks points at marks */
    char marks[OR_MARKS_LEN];
    bool read, dirty; /* read from the store; changed since */
} year_marks;

typedef struct row_error {
    struct row_error *next;
    const char *column, *msg;
} row_error;

/* One row of the current group, or an error the caller reported (or_ingest_reject). */
typedef struct {
    int64_t line;
    row_error *errors, **tail; /* found as the row came, reported when the group is done */
    bool valid;
    const or_value *row; /* a valid row (not attendance), kept until the group is done */
    or_prov prov;
    const char *upn;  /* the pupil the row names, when it is to be looked up */
    year_marks *year; /* attendance: the mark, where it goes */
    int pos;
    char mark;
} entry;

struct or_ingest {
    or_store *store;
    const or_kind *kind;
    const char *name; /* source name, for messages */
    const char *user; /* who sends the rows (claims' audit lines) */
    or_ingest_opts opts;
    size_t group_max; /* rows per group: BATCH, or 1 when the store gains nothing from more */
    int64_t src_id;
    or_arena arena;
    or_strmap schools; /* "urn" -> la_code + 1 (as a pointer-sized integer) */
    or_strmap pupils;  /* upn -> PUPIL_KNOWN, PUPIL_UNKNOWN or PUPIL_ASKED */
    or_strmap years;   /* "upn|urn|ay" -> year_marks */
    or_strmap ivs;     /* intervention id -> PUPIL_KNOWN or PUPIL_UNKNOWN (the directory) */
    school_days days;  /* the calendars, for exclusions and movements (school_days.h) */
    pending_ref *refs;
    size_t nrefs, caprefs;
    pending_cap *caps;
    size_t ncaps, capcaps;
    or_roll_exit *exits; /* exits of this batch: they end the enrolment (movements.h) */
    size_t nexits, capexits;
    /* the current group */
    or_arena group; /* its rows, strings and errors */
    entry *entries;
    size_t nentries;
    const char **asked; /* UPNs to look up */
    size_t nasked;
    /* the group's results (allocated on first use) */
    const or_value **rows;
    or_prov *provs;
    or_put_result *results;
    or_error *row_errs;
    bool *found;
    or_ingest_result res;
    or_error first;
    bool broken; /* a store error: nothing more can be written */
};

void or_ingest_result_release(or_ingest_result *r)
{
    or_sb_release(&r->errors);
    or_sb_release(&r->notes);
}

static void release(or_ingest *in)
{
    free(in->refs);
    free(in->caps);
    free(in->exits);
    free(in->entries);
    free(in->asked);
    free(in->rows);
    free(in->provs);
    free(in->results);
    free(in->row_errs);
    free(in->found);
    or_strmap_free(&in->schools);
    or_strmap_free(&in->pupils);
    or_strmap_free(&in->years);
    or_strmap_free(&in->ivs);
    if (in->days.loaded)
        or_strmap_free(&in->days.by_urn);
    or_arena_free(&in->group);
    or_arena_free(&in->arena);
    free(in);
}

or_code or_ingest_begin(or_store *s, const or_kind *k, const or_source *src,
                        const or_ingest_opts *opts, or_ingest **out, or_error *err)
{
    or_ingest *in = calloc(1, sizeof *in);
    if (!in)
        return or_fail(err, OR_ENOMEM, "out of memory");
    in->store = s;
    in->kind = k;
    in->opts = opts ? *opts : (or_ingest_opts){0};
    if (in->opts.max_errors <= 0)
        in->opts.max_errors = 20;
    in->name = or_arena_strdup(&in->arena, src->name);
    in->user = or_arena_strdup(&in->arena, src->user ? src->user : "");
    if (in->opts.today == 0 || in->opts.today == OR_DATE_NONE) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        in->opts.today = or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    or_strmap_init(&in->schools, &in->arena);
    or_strmap_init(&in->pupils, &in->arena);
    or_strmap_init(&in->years, &in->arena);
    or_strmap_init(&in->ivs, &in->arena);
    in->group_max = or_store_prefers_batches(s) ? BATCH : 1;
    in->entries = malloc(in->group_max * sizeof *in->entries);
    in->asked = malloc(in->group_max * sizeof *in->asked);
    in->res.kind = k->id;
    or_code rc = OR_OK;
    if (!in->entries || !in->asked)
        rc = or_fail(err, OR_ENOMEM, "out of memory");
    /* a large batch: the store prepares for it (not for a school's rows, whose scope checks
     * read the roll by every key) */
    if (!rc && !(rc = or_store_begin(s, err)) &&
        ((rc = or_store_add_source(s, src, &in->src_id, err)) ||
         (in->opts.school == 0 && k->id != OR_K_ATTENDANCE &&
          (rc = or_store_load_begin(s, k, in->opts.expected_rows, err)))))
        or_store_rollback(s);
    if (rc) {
        release(in);
        return rc;
    }
    *out = in;
    return OR_OK;
}

/* Record an error in the result (in line order: see flush). */
static void report(or_ingest *in, int64_t line, const char *column, const char *msg)
{
    const char *word = " column ";
    if (column && in->opts.labels) { /* a column named by where it came from (ingest.h) */
        int c = or_kind_col(in->kind, column);
        if (c >= 0 && in->opts.labels[c]) {
            column = in->opts.labels[c];
            word = " ";
        }
    }
    in->res.nerrors++;
    if (in->res.nerrors == 1)
        or_fail(&in->first, OR_EINPUT, "%s:%lld:%s%s%s %s", in->name, (long long)line,
                column ? word : "", column ? column : "", column ? ":" : "", msg);
    if (in->res.nerrors > in->opts.max_errors)
        return;
    or_sb_addf(&in->res.errors, "%s:%lld:%s%s%s %s\n", in->name, (long long)line,
               column ? word : "", column ? column : "", column ? ":" : "", msg);
}

static or_code store_failed(or_ingest *in, or_error *err, const or_error *e)
{
    in->broken = true;
    in->first = *e;
    if (err)
        *err = *e;
    return e->code;
}

static entry *new_entry(or_ingest *in, int64_t line)
{
    entry *e = &in->entries[in->nentries++];
    *e = (entry){.line = line};
    e->tail = &e->errors;
    return e;
}

static void entry_error(or_ingest *in, entry *e, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void entry_error(or_ingest *in, entry *e, const char *column, const char *fmt, ...)
{
    char msg[OR_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    row_error *r = or_arena_alloc(&in->group, sizeof *r);
    r->next = NULL;
    r->column = column ? or_arena_strdup(&in->group, column) : NULL;
    r->msg = or_arena_strdup(&in->group, msg);
    *e->tail = r;
    e->tail = &r->next;
}

static bool unknown_pupil(const or_ingest *in, const entry *e)
{
    return e->upn && or_strmap_get(&in->pupils, e->upn) == PUPIL_UNKNOWN;
}

static void add_ref(or_ingest *in, const entry *e)
{
    OR_ALLOC_GROW(in->refs, in->nrefs + 1, in->caprefs);
    const or_value *row = e->row;
    in->refs[in->nrefs++] = (pending_ref){e->line,
                                          e->prov.la_code,
                                          (int)row[OR_EV_URN].i,
                                          or_arena_strdup(&in->arena, row[OR_EV_REF].s),
                                          or_arena_strdup(&in->arena, row[OR_EV_TYPE].s),
                                          or_arena_strdup(&in->arena, row[OR_EV_UPN].s)};
}

/* The pupil-year an attendance row marks (created, not yet read, when new). */
static year_marks *year_of(or_ingest *in, int la, const or_value *row)
{
    int urn = (int)row[OR_AT_URN].i, ay = or_date_academic_year((or_date)row[OR_AT_DATE].i);
    char key[48];
    snprintf(key, sizeof key, "%s|%d|%d", row[OR_AT_UPN].s, urn, ay);
    or_strmap_slot *slot = or_strmap_put(&in->years, key);
    year_marks *y = slot->value;
    if (!y) {
        y = or_arena_alloc(&in->arena, sizeof *y);
        y->y = (or_year_marks){la,       urn,  ay, or_arena_strdup(&in->arena, row[OR_AT_UPN].s),
                               y->marks, false};
        y->read = y->dirty = false;
        slot->value = y;
    }
    return y;
}

static void put_mark(or_ingest *in, const entry *en)
{
    year_marks *y = en->year;
    if (y->marks[en->pos] == en->mark) {
        in->res.unchanged++;
        return;
    }
    if (y->marks[en->pos] == OR_MARK_NONE)
        in->res.inserted++;
    else
        in->res.updated++;
    y->marks[en->pos] = en->mark;
    y->dirty = true;
}

/* Attendance rows of the group (the first n): read the pupil-years not yet read, then mark. */
static or_code put_marks(or_ingest *in, size_t n, or_error *err)
{
    or_year_marks one, *fresh = n == 1 ? &one : or_arena_alloc(&in->group, n * sizeof *fresh);
    size_t nfresh = 0;
    for (size_t j = 0; j < n; j++) {
        year_marks *y = in->entries[j].year;
        if (!y->read) {
            y->read = true;
            fresh[nfresh++] = y->y;
        }
    }
    or_error e = {0};
    if (nfresh && or_store_marks_get_many(in->store, fresh, nfresh, &e))
        return store_failed(in, err, &e);
    for (size_t j = 0; j < n; j++)
        put_mark(in, &in->entries[j]);
    return OR_OK;
}

static or_code alloc_results(or_ingest *in, or_error *err)
{
    if (in->rows)
        return OR_OK;
    size_t n = in->group_max;
    in->rows = malloc(n * sizeof *in->rows);
    in->provs = malloc(n * sizeof *in->provs);
    in->results = malloc(n * sizeof *in->results);
    in->row_errs = malloc(n * sizeof *in->row_errs);
    in->found = malloc(n * sizeof *in->found);
    if (!in->rows || !in->provs || !in->results || !in->row_errs || !in->found) {
        or_error e;
        or_fail(&e, OR_ENOMEM, "out of memory");
        return store_failed(in, err, &e);
    }
    return OR_OK;
}

/* Finish the current group: look up its pupils, write its rows up to the first one with an
 * error (none once any row has had one), then report results and errors in line order. */
static or_code flush(or_ingest *in, or_error *err)
{
    if (in->broken)
        return in->first.code;
    if (in->nentries == 0)
        return OR_OK;
    or_code rc = alloc_results(in, err);
    if (rc)
        return rc;
    const or_kind *k = in->kind;
    or_error e = {0};
    if (in->nasked) {
        if (or_store_pupils_exist(in->store, in->asked, in->nasked, in->found, &e))
            return store_failed(in, err, &e);
        for (size_t i = 0; i < in->nasked; i++)
            or_strmap_put(&in->pupils, in->asked[i])->value =
                in->found[i] ? PUPIL_KNOWN : PUPIL_UNKNOWN;
    }
    size_t n = in->nentries, stop = 0;
    while (stop < n && in->entries[stop].valid && !unknown_pupil(in, &in->entries[stop]))
        stop++;
    size_t written = in->res.nerrors == 0 ? stop : 0;
    if (written > 0 && k->id == OR_K_ATTENDANCE) {
        if ((rc = put_marks(in, written, err)))
            return rc;
    } else if (written > 0) {
        for (size_t j = 0; j < written; j++) {
            in->rows[j] = in->entries[j].row;
            in->provs[j] = in->entries[j].prov;
        }
        if (or_store_put_many(in->store, k, in->rows, in->provs, written, in->results, in->row_errs,
                              &e))
            return store_failed(in, err, &e);
    }
    for (size_t j = 0; j < n; j++) {
        entry *en = &in->entries[j];
        if (j < written && k->id != OR_K_ATTENDANCE && in->res.nerrors == 0) {
            if (in->row_errs[j].code)
                report(in, en->line, NULL, in->row_errs[j].msg);
            else if (in->results[j] == OR_PUT_INSERTED)
                in->res.inserted++;
            else if (in->results[j] == OR_PUT_UPDATED)
                in->res.updated++;
            else
                in->res.unchanged++;
        }
        for (row_error *r = en->errors; r; r = r->next)
            report(in, en->line, r->column, r->msg);
        if (en->valid && unknown_pupil(in, en)) {
            char msg[OR_ERRMSG_MAX];
            snprintf(msg, sizeof msg, "'%s' is not a known pupil: import the pupils file first",
                     en->upn);
            report(in, en->line, "upn", msg);
        } else if (en->valid && k->id == OR_K_EVENTS && !en->row[OR_EV_REF].null &&
                   in->res.nerrors == 0) {
            add_ref(in, en);
        }
    }
    in->nentries = 0;
    in->nasked = 0;
    or_arena_reset(&in->group);
    return OR_OK;
}

void or_ingest_reject(or_ingest *in, int64_t line, const char *column, const char *fmt, ...)
{
    char msg[OR_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (in->broken)
        return;
    entry_error(in, new_entry(in, line), column, "%s", msg);
    if (in->nentries == in->group_max)
        flush(in, NULL);
}

void or_ingest_abort(or_ingest *in, const or_error *e)
{
    flush(in, NULL); /* the errors of the rows before, as if they had been put one by one */
    store_failed(in, NULL, e);
}

/* The school's LA code, or -1 if the school is not known (cached per batch). */
static or_code school_la(or_ingest *in, int urn, int *la, or_error *err)
{
    char key[16];
    snprintf(key, sizeof key, "%d", urn);
    void *v = or_strmap_get(&in->schools, key);
    if (v) {
        *la = (int)((intptr_t)v - 1);
        return OR_OK;
    }
    bool found = false;
    or_error e = {0};
    if (or_store_school_la(in->store, urn, la, &found, &e))
        return store_failed(in, err, &e);
    if (!found)
        *la = -1;
    or_strmap_put(&in->schools, key)->value = (void *)(intptr_t)(*la + 1);
    return OR_OK;
}

/* Is id an entry of the interventions directory (active or not: a record made while it was
 * offered stays valid)? Cached per batch. */
static or_code intervention_known(or_ingest *in, const char *id, bool *known, or_error *err)
{
    void *v = or_strmap_get(&in->ivs, id);
    if (v) {
        *known = v == PUPIL_KNOWN;
        return OR_OK;
    }
    or_error e = {0};
    if (or_iv_exists(in->store, id, known, &e))
        return store_failed(in, err, &e);
    or_strmap_put(&in->ivs, id)->value = *known ? PUPIL_KNOWN : PUPIL_UNKNOWN;
    return OR_OK;
}

/* Keep a valid row until the group is done: its strings are the caller's, valid only during the
 * call, so they are copied unless the group is done within it (one row per group). */
static const or_value *keep_row(or_ingest *in, const or_value *row)
{
    const or_kind *k = in->kind;
    if (in->group_max == 1)
        return row;
    or_value *copy = or_arena_alloc(&in->group, (size_t)k->ncols * sizeof *copy);
    for (int c = 0; c < k->ncols; c++) {
        copy[c] = row[c];
        if (row[c].s)
            copy[c].s = or_arena_strdup(&in->group, row[c].s);
    }
    return copy;
}

static void add_cap(or_ingest *in, int64_t line, const or_value *row)
{
    int urn = (int)row[OR_EV_URN].i;
    const char *event_id = row[OR_EV_EVENT_ID].s, *upn = row[OR_EV_UPN].s;
    bool susp = !strcmp(row[OR_EV_TYPE].s, "suspension") || !strcmp(row[OR_EV_TYPE].s, "lunchtime");
    OR_ALLOC_GROW(in->caps, in->ncaps + 1, in->capcaps);
    in->caps[in->ncaps++] = (pending_cap){line,
                                          urn,
                                          or_arena_strdup(&in->arena, event_id),
                                          or_arena_strdup(&in->arena, upn),
                                          susp,
                                          (or_date)row[OR_EV_START].i};
}

/* An exit (movements.h) of this batch: once the batch is written it ends the pupil's
 * registrations at the school on its date. */
static void add_exit(or_ingest *in, int64_t line, int la, const or_value *row, const char *leaving)
{
    OR_ALLOC_GROW(in->exits, in->nexits + 1, in->capexits);
    in->exits[in->nexits++] = (or_roll_exit){la,
                                             (int)row[OR_EV_URN].i,
                                             or_arena_strdup(&in->arena, row[OR_EV_UPN].s),
                                             (or_date)row[OR_EV_START].i,
                                             leaving,
                                             line};
}

/* The cells of a row as a JSON array of text (a row held with a claim). */
static char *cells_json(const or_kind *k, const char *const *cells)
{
    json_t *a = json_array();
    for (int c = 0; c < k->ncols; c++)
        json_array_append_new(a, json_string(cells[c] ? cells[c] : ""));
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    if (!text)
        abort(); /* out of memory (the cells are valid UTF-8: they parsed) */
    return text;
}

/* A row sent by a school (opts.school): the school's own, refused (*status OR_EINPUT), or held
 * with a claim (*held: counted, and stored with the claim). */
static or_code school_row(or_ingest *in, entry *en, const char *const *cells, const or_value *row,
                          or_code *status, bool *held, or_error *err)
{
    const or_kind *k = in->kind;
    school_verdict v;
    const char *column = NULL;
    char msg[OR_ERRMSG_MAX];
    int64_t claim = 0;
    bool was_open = false, created = false;
    or_error e = {0};
    if (school_scope_check(in->store, in->opts.school, in->opts.today, k, row, &v, &column, msg,
                           sizeof msg, &claim, &was_open, &e))
        return store_failed(in, err, &e);
    if (v == SCOPE_REFUSED) {
        in->res.refused++;
        entry_error(in, en, column, "%s", msg);
        *status = OR_EINPUT;
        return OR_OK;
    }
    if (v == SCOPE_OK)
        return OR_OK;
    if (v == SCOPE_CLAIM) {
        or_claim c = {.la_code = en->prov.la_code,
                      .upn = row[OR_EN_UPN].s,
                      .urn = in->opts.school,
                      .start = (or_date)row[OR_EN_START].i,
                      .reg_type = row[OR_EN_TYPE].s,
                      .was_open = was_open,
                      .claimed_by = in->user};
        char state[16] = "";
        if (or_claim_put(in->store, &c, in->src_id, &claim, &created, state, &e))
            return store_failed(in, err, &e);
        if (strcmp(state, "pending")) {
            /* decided already: a confirmed claim is an enrolment now (or_roll_has would have
             * said so unless it changed); a rejected one stays rejected */
            entry_error(in, en, "upn",
                        "the local authority has %s this school's claim to enrol pupil %s from "
                        "this date",
                        !strcmp(state, "rejected") ? "turned down" : "settled", c.upn);
            *status = OR_EINPUT;
            return OR_OK;
        }
        if (created) {
            char day[11], detail[160];
            or_date_format(c.start, day);
            snprintf(detail, sizeof detail,
                     "school %d claims the pupil from %s (%s registration); on another roll %s",
                     c.urn, day, c.reg_type, was_open ? "now" : "in the 12 months before");
            char object[16];
            snprintf(object, sizeof object, "%d", c.urn);
            or_audit_entry a = {.actor = in->user,
                                .action = "claim.made",
                                .object = object,
                                .upn = c.upn,
                                .detail = detail};
            if (or_audit_add(in->store, &a, &e))
                return store_failed(in, err, &e);
            in->res.claims++;
        }
    }
    char *text = cells_json(k, cells);
    or_code rc =
        or_claim_row_put(in->store, claim, k->name, text, in->src_id, en->line, &created, &e);
    free(text);
    if (rc)
        return store_failed(in, err, &e);
    if (created)
        in->res.held++;
    else
        in->res.unchanged++;
    *held = true;
    return OR_OK;
}

/* An exclusion, suspension or movement must start on a school day at its school (DOMAIN.md
 * §2; issue 14): refused, with what covers the day, whatever else is wrong with the row (a
 * form lists every error at once). A school that has no term in that school year's calendar
 * cannot be judged: nothing is refused. */
static or_code school_day_row(or_ingest *in, entry *en, const or_value *row, const bool *parsed,
                              or_code *status, or_error *err)
{
    if (!parsed[OR_EV_TYPE] || !parsed[OR_EV_URN] || !parsed[OR_EV_START] ||
        row[OR_EV_START].null || !row[OR_EV_TYPE].s)
        return OR_OK;
    int kind = or_event_kind_parse(row[OR_EV_TYPE].s);
    int urn = (int)row[OR_EV_URN].i;
    if (kind < 0 || !school_days_applies((or_event_kind)kind) ||
        (in->opts.school > 0 && urn != in->opts.school))
        return OR_OK;
    int la = -1;
    if (school_la(in, urn, &la, err))
        return in->first.code;
    if (la < 0)
        return OR_OK; /* an unknown school: said already */
    or_sd_verdict v;
    char why[512], day[32];
    or_error e = {0};
    if (school_days_check(&in->days, in->store, &in->arena, urn, (or_date)row[OR_EV_START].i, &v,
                          why, sizeof why, &e))
        return store_failed(in, err, &e);
    if (v != OR_SD_NOT)
        return OR_OK;
    /* labels.h: the date in words, "Saturday 12 December 2026" */
    or_letter_date_words((or_date)row[OR_EV_START].i, day);
    entry_error(in, en, "start",
                "%s is not a school day at school %d (%s): a suspension, exclusion or "
                "movement must start on a school day",
                day, urn, why);
    *status = OR_EINPUT;
    return OR_OK;
}

or_code or_ingest_row(or_ingest *in, int64_t line, const char *const *cells, or_error *err)
{
    const or_kind *k = in->kind;
    if (in->broken)
        return in->first.code;
    in->res.rows++;
    entry *en = new_entry(in, line);
    or_value row[32];
    or_error e = {0};
    or_date ref = OR_DATE_NONE;
    or_code status = OR_OK;
    if (k->ref_date_col >= 0) {
        or_value v;
        if (or_value_parse(&k->cols[k->ref_date_col], cells[k->ref_date_col], OR_DATE_NONE, &v,
                           NULL) == OR_OK &&
            !v.null)
            ref = (or_date)v.i;
    }
    bool parsed[32];
    for (int c = 0; c < k->ncols; c++) {
        parsed[c] = !or_value_parse(&k->cols[c], cells[c], ref, &row[c], &e);
        if (!parsed[c])
            entry_error(in, en, k->cols[c].name, "%s", e.msg);
    }
    int bad = 0;
    if (en->errors) {
        status = OR_EINPUT;
    } else if (or_row_check(k, row, &bad, &e)) {
        entry_error(in, en, k->cols[bad].name, "%s", e.msg);
        status = OR_EINPUT;
    }

    /* what the row refers to must exist */
    en->prov = (or_prov){in->src_id, line, 0};
    int urn_col = or_kind_col(k, "urn"), upn_col = or_kind_col(k, "upn");
    int scope_col = k->id == OR_K_CALENDAR ? OR_CA_SCOPE : -1;
    int school_col = urn_col >= 0 ? urn_col : scope_col;
    if (!status && school_col >= 0 && k->id != OR_K_SCHOOLS && row[school_col].i != 0) {
        int la;
        if (school_la(in, (int)row[school_col].i, &la, err))
            return in->first.code;
        if (la < 0) {
            entry_error(in, en, k->cols[school_col].name,
                        "'%lld' is not a known school: import the schools file first",
                        (long long)row[school_col].i);
            status = OR_EINPUT;
        }
        en->prov.la_code = la;
    }
    if (!status && k->id == OR_K_EVENTS && !strcmp(row[OR_EV_TYPE].s, "intervention") &&
        !row[OR_EV_INTERVENTION_ID].null) {
        bool known = false;
        if (intervention_known(in, row[OR_EV_INTERVENTION_ID].s, &known, err))
            return in->first.code;
        if (!known) {
            entry_error(in, en, "intervention",
                        "'%s' is not an entry of the interventions directory",
                        row[OR_EV_INTERVENTION_ID].s);
            status = OR_EINPUT;
        }
    }
    if (k->id == OR_K_EVENTS && school_day_row(in, en, row, parsed, &status, err))
        return in->first.code;
    if (!status && in->opts.school > 0) {
        bool held = false;
        if (school_row(in, en, cells, row, &status, &held, err))
            return in->first.code;
        if (held) { /* kept with its claim: nothing more to do with the row */
            in->nentries--;
            return OR_OK;
        }
    }
    if (!status && upn_col >= 0 && k->id != OR_K_PUPILS) {
        /* looked up with the rest of the group; reported, if unknown, in its turn */
        const char *upn = row[upn_col].s;
        or_strmap_slot *slot = or_strmap_put(&in->pupils, upn);
        if (slot->value == PUPIL_UNKNOWN) {
            entry_error(in, en, "upn", "'%s' is not a known pupil: import the pupils file first",
                        upn);
            status = OR_EINPUT;
        } else if (slot->value != PUPIL_KNOWN) {
            en->upn = slot->key;
            if (!slot->value) {
                slot->value = PUPIL_ASKED;
                in->asked[in->nasked++] = slot->key;
            }
        }
    }
    en->valid = !status;
    if (!status && k->id == OR_K_ATTENDANCE) {
        en->year = year_of(in, en->prov.la_code, row);
        en->pos = or_mark_pos((or_date)row[OR_AT_DATE].i, strcmp(row[OR_AT_SESSION].s, "PM") == 0);
        en->mark = or_mark_byte(row[OR_AT_CODE].s);
    } else if (!status) {
        en->row = keep_row(in, row);
    }
    if (!status && k->id == OR_K_EVENTS && or_event_kind_parse(row[OR_EV_TYPE].s) >= 0 &&
        school_days_applies((or_event_kind)or_event_kind_parse(row[OR_EV_TYPE].s)) &&
        !or_event_is_exit((or_event_kind)or_event_kind_parse(row[OR_EV_TYPE].s)))
        add_cap(in, line, row);
    const or_movement *mv =
        !status && k->id == OR_K_EVENTS ? or_movement_find(row[OR_EV_TYPE].s) : NULL;
    if (mv && mv->exit)
        add_exit(in, line, en->prov.la_code, row, mv->leaving);
    if (in->nentries == in->group_max && flush(in, err))
        return in->first.code;
    return status;
}

static or_code check_refs(or_ingest *in, or_error *err)
{
    or_event_ref *found = malloc(REFS_AT_ONCE * sizeof *found);
    if (!found) {
        or_error e;
        or_fail(&e, OR_ENOMEM, "out of memory");
        return store_failed(in, err, &e);
    }
    for (size_t from = 0; from < in->nrefs; from += REFS_AT_ONCE) {
        size_t n = in->nrefs - from < REFS_AT_ONCE ? in->nrefs - from : REFS_AT_ONCE;
        for (size_t i = 0; i < n; i++) {
            const pending_ref *r = &in->refs[from + i];
            found[i] = (or_event_ref){.la_code = r->la_code, .urn = r->urn, .event_id = r->ref};
        }
        or_error e = {0};
        if (or_store_events_find(in->store, found, n, &e)) {
            free(found);
            return store_failed(in, err, &e);
        }
        for (size_t i = 0; i < n; i++) {
            const pending_ref *r = &in->refs[from + i];
            const char *type = found[i].type, *upn = found[i].upn, *expected;
            if (!type[0])
                or_ingest_reject(in, r->line, "ref",
                                 "'%s' names no event of school %d (a ref must name an event of "
                                 "the same school)",
                                 r->ref, r->urn);
            else if (strcmp(upn, r->upn))
                or_ingest_reject(in, r->line, "ref", "'%s' is an event of pupil %s, not of %s",
                                 r->ref, upn, r->upn);
            else if (!or_event_ref_ok(r->type, type, &expected)) {
                or_sb list = OR_SB_INIT; /* "a|b" -> "a, b" */
                for (const char *p = expected; *p; p++)
                    *p == '|' ? or_sb_adds(&list, ", ") : or_sb_addc(&list, *p);
                or_ingest_reject(in, r->line, "ref",
                                 "'%s' is a %s event; %s events may name (ref) only events of "
                                 "type %s",
                                 r->ref, type, r->type, or_sb_str(&list));
                or_sb_release(&list);
            }
        }
        flush(in, err); /* report them */
    }
    free(found);
    return OR_OK;
}

/* An exclusion or movement dated after the pupil left its school (issue 14), which a school's
 * own rows meet first as "not on this school's roll" (school_scope.c) when the enrolment
 * ended: refused, whoever sends it, with the day and how the pupil left. */
static void after_exit(or_ingest *in, const or_pupil_facts *f, const pending_cap *p)
{
    const or_fact_event *exit = NULL;
    or_date left = f ? or_facts_left_school(f, p->urn, p->start, &exit) : OR_DATE_NONE;
    if (left == OR_DATE_NONE)
        return;
    char on[32], day[32];
    /* labels.h: the dates in words, the kinds of exit by their names */
    or_letter_date_words(left, on);
    or_letter_date_words(p->start, day);
    const char *how = !exit                                  ? "the enrolment ended"
                      : exit->kind == OR_EV_UNEXPLAINED_EXIT ? "unexplained exit"
                      : exit->kind == OR_EV_EHE              ? "elective home education"
                      : exit->kind == OR_EV_CME              ? "child missing education"
                                                             : "in-year transfer";
    or_ingest_reject(in, p->line, "start",
                     "pupil %s left school %d on %s (%s): a suspension, exclusion or movement "
                     "dated after that (%s) cannot be recorded for that school",
                     p->upn, p->urn, on, how, day);
}

static int cmp_cap(const void *a, const void *b)
{
    const pending_cap *x = a, *y = b;
    int r = strcmp(x->upn, y->upn);
    return r ? r : (x->line > y->line) - (x->line < y->line);
}

/* STAT-45DAY-CAP: with the batch written (inside its transaction), does any pupil it names
 * now have more than 45 days of suspension in a school year, across all schools? The row to
 * blame is the suspension that crossed the line, or the batch's first for that pupil and year
 * if the line was crossed by what was stored before. */
static or_code check_cap(or_ingest *in, or_error *err)
{
    qsort(in->caps, in->ncaps, sizeof *in->caps, cmp_cap);
    /* Many pupils: load every pupil's events in one pass rather than each pupil's in turn (a
     * few statements each), when that reads fewer than about 100 events per pupil checked. */
    size_t pupils = 0;
    for (size_t i = 0; i < in->ncaps; i++)
        pupils += i == 0 || strcmp(in->caps[i].upn, in->caps[i - 1].upn) != 0;
    or_model *all = NULL;
    or_error e = {0};
    int64_t stored = 0;
    if (pupils >= 16 &&
        (or_store_estimate_rows(in->store, or_kind_get(OR_K_EVENTS), &stored, &e) ||
         ((int64_t)pupils * 100 >= stored && or_model_load_events(in->store, NULL, &all, &e))))
        return store_failed(in, err, &e);
    for (size_t i = 0; i < in->ncaps;) {
        size_t j = i;
        while (j < in->ncaps && !strcmp(in->caps[j].upn, in->caps[i].upn))
            j++;
        or_model *m = all;
        if (!all && or_model_load_events(in->store, in->caps[i].upn, &m, &e))
            return store_failed(in, err, &e);
        const or_pupil_facts *f = or_model_find(m, in->caps[i].upn);
        bool susp = false;
        for (size_t k = i; k < j; k++) {
            susp |= in->caps[k].susp;
            after_exit(in, f, &in->caps[k]);
        }
        int total = 0;
        const or_fact_event *over = f && susp ? or_cap_breach(f, or_model_params(m), &total) : NULL;
        if (over) {
            const pending_cap *blame = NULL;
            int ay = or_date_academic_year(over->start);
            for (size_t k = i; k < j && !blame; k++)
                if (in->caps[k].urn == over->urn && !strcmp(in->caps[k].event_id, over->event_id))
                    blame = &in->caps[k];
            for (size_t k = i; k < j && !blame; k++) {
                const or_fact_event *ev = or_facts_event(f, in->caps[k].urn, in->caps[k].event_id);
                if (ev && in->caps[k].susp && or_date_academic_year(ev->start) == ay)
                    blame = &in->caps[k];
            }
            const or_rule *r = or_rule_get(OR_RULE_STAT_45DAY_CAP);
            int cap = or_model_params(m)->v[OR_P_CAP_DAYS], before = total - or_excl_halfdays(over);
            if (in->opts.school > 0) {
                /* to a school: its own days and the limit, nothing of other schools' records */
                int own = or_cap_school_halfdays(f, in->opts.school, ay);
                or_ingest_reject(in, blame ? blame->line : in->caps[i].line, "sessions",
                                 "this suspension would take pupil %s above the limit of %d "
                                 "school days of suspension in a school year, counted across "
                                 "all schools (STAT-45DAY-CAP: %s); this school's suspensions "
                                 "of the pupil in %d/%02d come to %d%s days with it",
                                 in->caps[i].upn, cap, r ? r->source : "", ay, (ay + 1) % 100,
                                 own / 2, own % 2 ? ".5" : "");
            } else {
                or_ingest_reject(in, blame ? blame->line : in->caps[i].line, "sessions",
                                 "this suspension takes pupil %s's suspensions in %d/%02d to %d%s "
                                 "days across all schools (%d%s days before it), above the limit "
                                 "of %d school days in a school year (STAT-45DAY-CAP: %s)",
                                 in->caps[i].upn, ay, (ay + 1) % 100, total / 2,
                                 total % 2 ? ".5" : "", before / 2, before % 2 ? ".5" : "", cap,
                                 r ? r->source : "");
            }
        }
        if (m != all)
            or_model_free(m);
        i = j;
    }
    or_model_free(all);
    flush(in, err); /* report them */
    return OR_OK;
}

static or_code flush_marks(or_ingest *in, or_error *err)
{
    or_year_marks *out = malloc(MARKS_AT_ONCE * sizeof *out);
    if (!out) {
        or_error e;
        or_fail(&e, OR_ENOMEM, "out of memory");
        return store_failed(in, err, &e);
    }
    size_t n = 0;
    for (size_t i = 0; i <= in->years.cap; i++) {
        year_marks *y = i < in->years.cap ? in->years.slots[i].value : NULL;
        if (y && y->dirty)
            out[n++] = y->y;
        if (n == MARKS_AT_ONCE || (i == in->years.cap && n > 0)) {
            or_error e = {0};
            if (or_store_marks_put_many(in->store, in->src_id, out, n, &e)) {
                free(out);
                return store_failed(in, err, &e);
            }
            n = 0;
        }
    }
    free(out);
    return OR_OK;
}

or_code or_ingest_end(or_ingest *in, or_ingest_result *res, or_error *err)
{
    or_code rc = OR_OK;
    flush(in, err);
    if (!in->broken && in->res.nerrors == 0) { /* every row put: the store whole for the checks */
        or_error e = {0};
        if (or_store_load_end(in->store, &e))
            store_failed(in, err, &e);
    }
    if (!in->broken && in->res.nerrors == 0)
        check_refs(in, err);
    if (!in->broken && in->res.nerrors == 0 && in->ncaps)
        check_cap(in, err);
    if (!in->broken && in->res.nerrors == 0 && !in->opts.dry_run)
        flush_marks(in, err);
    if (!in->broken && in->res.nerrors == 0 && in->nexits) {
        /* an exit ends the pupil's registrations at the school on its date, in this batch */
        or_error e = {0};
        if (or_roll_end_many(in->store, in->exits, in->nexits, in->src_id, &in->res.ended, &e))
            store_failed(in, err, &e);
    }
    bool changed = in->res.inserted + in->res.updated + in->res.held + in->res.ended > 0 ||
                   in->opts.before_commit;
    if (!in->broken && in->res.nerrors == 0 && !in->opts.dry_run && in->opts.before_commit) {
        or_error e = {0};
        if (in->opts.before_commit(in->opts.commit_ctx, in->store, &e))
            store_failed(in, err, &e);
    }
    if (in->broken) {
        or_store_rollback(in->store);
        rc = in->first.code;
        if (err)
            *err = in->first;
    } else if (in->res.nerrors > 0) {
        or_store_rollback(in->store);
        rc = OR_EINPUT;
        if (in->res.nerrors > in->opts.max_errors)
            or_sb_addf(&in->res.errors, "%s: ... and %d more errors\n", in->name,
                       in->res.nerrors - in->opts.max_errors);
        if (err)
            or_fail(err, OR_EINPUT, "%s (%d error%s in all; nothing was written)", in->first.msg,
                    in->res.nerrors, in->res.nerrors == 1 ? "" : "s");
    } else if (in->opts.dry_run || !changed) {
        or_store_rollback(in->store); /* a dry run, or a re-import: leave no trace */
    } else {
        or_error e = {0};
        if ((rc = or_store_commit(in->store, &e))) {
            or_store_rollback(in->store);
            if (err)
                *err = e;
        } else {
            in->res.committed = true;
        }
    }
    if (in->res.committed && in->opts.after_commit)
        in->opts.after_commit(in->store, in->kind->id, in->user, &in->res.settled);
    if (res)
        *res = in->res;
    else
        or_ingest_result_release(&in->res);
    release(in);
    return rc;
}
