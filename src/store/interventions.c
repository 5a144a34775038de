/* interventions.c - the interventions directory in the store (interventions.h): search (words
 * and filters, paged, with the total), one entry, every entry, the providers, the LA's edits
 * (with their audit line, in one transaction) and the seeding from the guide. Portable SQL
 * (SQLite and PostgreSQL), parameters only: the search's SQL is assembled from fixed pieces,
 * every value the user typed is a bound parameter. Sets (phases, needs) are stored as ids
 * separated by ';', so "has this tag" is (';' || needs || ';') LIKE '%;tag;%'. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/interventions.h"
#include "onroll/store_interventions.h"
#include "store/access.h"

enum { MAX_WORDS = 8, MAX_PARAMS = 64 };

/* The engine's suffix for a bytewise ORDER BY of text (driver.h). */
static const char *collate(or_store *s)
{
    or_db *db;
    return or_store_driver(s, &db)->collate_bytes;
}

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

#define COLUMNS                                                                                    \
    "id, name, description, provider, level, level_basis, level_note, phases, needs, "             \
    "how_to_access, cost, cost_text, evidence, guide_section, active, updated_by, updated_at"

/* The current row of q (COLUMNS, in order) as an entry; strings valid until the next step. */
static or_code read_entry(or_query *q, or_intervention *e, or_error *err)
{
    memset(e, 0, sizeof *e);
    e->id = or_query_text(q, 0);
    e->name = or_query_text(q, 1);
    e->description = or_query_text(q, 2);
    e->provider = or_query_text(q, 3);
    e->level_basis = or_query_text(q, 5);
    e->level_note = or_query_text(q, 6);
    e->how_to_access = or_query_text(q, 9);
    e->cost_text = or_query_text(q, 11);
    e->evidence = or_query_text(q, 12);
    e->guide_section = or_query_text(q, 13);
    e->active = q->d->col_int(q->st, 14) != 0;
    e->updated_by = or_query_text(q, 15);
    e->updated_at = or_query_text(q, 16);
    int level = or_iv_find(or_iv_levels, OR_IV_LEVEL__N, or_query_text(q, 4));
    int cost = or_iv_find(or_iv_costs, OR_IV_COST__N, or_query_text(q, 10));
    or_code rc = OR_OK;
    if (level < 0)
        rc = or_fail(err, OR_ESTORE, "level: '%s' is not a level of need", or_query_text(q, 4));
    else if (cost < 0)
        rc = or_fail(err, OR_ESTORE, "cost: '%s' is not a cost", or_query_text(q, 10));
    else if (or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, or_query_text(q, 7), "phases",
                             &e->phases, err) ||
             or_iv_set_parse(or_iv_needs, OR_IV_NEED__N, or_query_text(q, 8), "needs", &e->needs,
                             err))
        rc = err ? (err->code = OR_ESTORE) : OR_ESTORE;
    if (rc) {
        or_error_prefix(err, "interventions row '%s': ", e->id);
        return rc;
    }
    e->level = (or_iv_level)level;
    e->cost = (or_iv_cost)cost;
    return OR_OK;
}

/* Run q and pass every row to cb as an entry. */
static or_code each_entry(or_query *q, or_iv_cb cb, void *ctx, or_error *err)
{
    or_code rc;
    for (;;) {
        bool row = false;
        if ((rc = q->d->step(q->st, &row, err)) || !row)
            break;
        or_intervention e;
        if ((rc = read_entry(q, &e, err)) || (rc = cb(ctx, &e, err)))
            break;
    }
    or_query_done(q);
    return rc;
}

/* ---- search ---- */

/* The search's parameters, bound in order. */
typedef struct {
    const char *text[MAX_PARAMS];
    int n;
    char buf[MAX_PARAMS][96]; /* the LIKE patterns made here */
} params;

static const char *add_pattern(params *p, const char *fmt, const char *s, size_t len)
{
    char *b = p->buf[p->n];
    size_t o = 0;
    /* LIKE ... ESCAPE '!': % and _ and ! in what was typed match themselves */
    const char *pct = strstr(fmt, "%s");
    size_t pre = (size_t)(pct - fmt);
    memcpy(b, fmt, pre);
    o = pre;
    for (size_t i = 0; i < len && o < sizeof p->buf[0] - 8; i++) {
        if (s[i] == '%' || s[i] == '_' || s[i] == '!')
            b[o++] = '!';
        b[o++] = s[i];
    }
    snprintf(b + o, sizeof p->buf[0] - o, "%s", pct + 2);
    p->text[p->n++] = b;
    return b;
}

/* " AND (COLUMN LIKE ? OR ...)" for the terms of a bit set, each as ';' || COLUMN || ';'. */
static void set_filter(or_sb *sql, params *p, const char *column, const or_iv_term *terms, int n,
                       unsigned set)
{
    if (!set)
        return;
    const char *sep = " AND (";
    for (int i = 0; i < n; i++)
        if (set & (1u << i)) {
            or_sb_addf(sql, "%s(';' || %s || ';') LIKE ? ESCAPE '!'", sep, column);
            add_pattern(p, "%;%s;%", terms[i].id, strlen(terms[i].id));
            sep = " OR ";
        }
    or_sb_adds(sql, ")");
}

/* " AND COLUMN IN (?, ...)" for the ids of a bit set. */
static void in_filter(or_sb *sql, params *p, const char *column, const or_iv_term *terms, int n,
                      unsigned set)
{
    if (!set)
        return;
    const char *sep = "";
    or_sb_addf(sql, " AND %s IN (", column);
    for (int i = 0; i < n; i++)
        if (set & (1u << i)) {
            or_sb_addf(sql, "%s?", sep);
            p->text[p->n++] = terms[i].id;
            sep = ", ";
        }
    or_sb_adds(sql, ")");
}

static void where(const or_iv_query *q, or_sb *sql, params *p)
{
    or_sb_adds(sql, " WHERE 1 = 1");
    if (!q->inactive)
        or_sb_adds(sql, " AND active = 1");
    int words = 0;
    for (const char *t = q->text ? q->text : ""; *t && words < MAX_WORDS;) {
        t += strspn(t, " \t\r\n");
        size_t len = strcspn(t, " \t\r\n");
        if (!len)
            break;
        if (len > 60)
            len = 60;
        or_sb_adds(sql, " AND LOWER(name || ' ' || description || ' ' || provider || ' ' || "
                        "how_to_access || ' ' || evidence || ' ' || guide_section) LIKE "
                        "LOWER(?) ESCAPE '!'");
        add_pattern(p, "%%s%", t, len);
        t += strcspn(t, " \t\r\n");
        words++;
    }
    set_filter(sql, p, "needs", or_iv_needs, OR_IV_NEED__N, q->needs);
    set_filter(sql, p, "phases", or_iv_phases, OR_IV_PHASE__N, q->phases);
    in_filter(sql, p, "level", or_iv_levels, OR_IV_LEVEL__N, q->levels);
    in_filter(sql, p, "cost", or_iv_costs, OR_IV_COST__N, q->costs);
    if (q->provider && *q->provider) {
        or_sb_adds(sql, " AND provider = ?");
        p->text[p->n++] = q->provider;
    }
}

static void bind_params(or_query *q, const params *p)
{
    for (int i = 0; i < p->n; i++)
        q->d->bind_text(q->st, i + 1, p->text[i]);
}

or_code or_iv_search(or_store *s, const or_iv_query *iq, or_iv_cb cb, void *ctx, int64_t *total,
                     or_error *err)
{
    params p = {.n = 0};
    or_sb cond = OR_SB_INIT, sql = OR_SB_INIT;
    where(iq, &cond, &p);
    or_query q;
    or_code rc = OR_OK;
    if (total) {
        or_sb_addf(&sql, "SELECT COUNT(*) FROM interventions%s", or_sb_str(&cond));
        if (!(rc = or_query_prep(s, &q, or_sb_str(&sql), err))) {
            bind_params(&q, &p);
            bool row = false;
            if (!(rc = q.d->step(q.st, &row, err)))
                *total = row ? q.d->col_int(q.st, 0) : 0;
            or_query_done(&q);
        }
    }
    if (!rc) {
        const char *c = collate(s);
        or_sb_reset(&sql);
        or_sb_addf(&sql, "SELECT " COLUMNS " FROM interventions%s ORDER BY LOWER(name)%s, id%s",
                   or_sb_str(&cond), c, c);
        if (iq->limit > 0)
            or_sb_addf(&sql, " LIMIT %d OFFSET %d", iq->limit, iq->offset > 0 ? iq->offset : 0);
        if (!(rc = or_query_prep(s, &q, or_sb_str(&sql), err))) {
            bind_params(&q, &p);
            rc = each_entry(&q, cb, ctx, err);
        }
    }
    or_sb_release(&cond);
    or_sb_release(&sql);
    return rc;
}

or_code or_iv_list(or_store *s, or_iv_cb cb, void *ctx, or_error *err)
{
    or_iv_query q = {.inactive = true};
    return or_iv_search(s, &q, cb, ctx, NULL, err);
}

/* ---- one entry ---- */

typedef struct {
    or_arena *a;
    or_intervention *out;
    bool found;
} get_ctx;

static const char *dup(or_arena *a, const char *s)
{
    return or_arena_strdup(a, s ? s : "");
}

static or_code keep(void *ctx, const or_intervention *e, or_error *err)
{
    (void)err;
    get_ctx *g = ctx;
    or_arena *a = g->a;
    *g->out = *e;
    g->out->id = dup(a, e->id);
    g->out->name = dup(a, e->name);
    g->out->description = dup(a, e->description);
    g->out->provider = dup(a, e->provider);
    g->out->level_basis = dup(a, e->level_basis);
    g->out->level_note = dup(a, e->level_note);
    g->out->how_to_access = dup(a, e->how_to_access);
    g->out->cost_text = dup(a, e->cost_text);
    g->out->evidence = dup(a, e->evidence);
    g->out->guide_section = dup(a, e->guide_section);
    g->out->updated_by = dup(a, e->updated_by);
    g->out->updated_at = dup(a, e->updated_at);
    g->found = true;
    return OR_OK;
}

or_code or_iv_get(or_store *s, const char *id, or_arena *a, or_intervention *out, bool *found,
                  or_error *err)
{
    or_query q;
    get_ctx g = {a, out, false};
    or_code rc = or_query_prep(s, &q, "SELECT " COLUMNS " FROM interventions WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, id ? id : "");
    rc = each_entry(&q, keep, &g, err);
    *found = g.found;
    return rc;
}

or_code or_iv_exists(or_store *s, const char *id, bool *found, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT 1 FROM interventions WHERE id = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, id ? id : "");
    bool row = false;
    rc = q.d->step(q.st, &row, err);
    or_query_done(&q);
    *found = !rc && row;
    return rc;
}

or_code or_iv_providers(or_store *s, or_iv_text_cb cb, void *ctx, or_error *err)
{
    or_query q;
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT provider FROM interventions WHERE active = 1 GROUP BY provider ORDER BY "
             "provider%s", /* not DISTINCT: PostgreSQL's ORDER BY must then be in the list */
             collate(s));
    or_code rc = or_query_prep(s, &q, sql, err);
    if (rc)
        return rc;
    for (;;) {
        bool row = false;
        if ((rc = q.d->step(q.st, &row, err)) || !row)
            break;
        if ((rc = cb(ctx, or_query_text(&q, 0), err)))
            break;
    }
    or_query_done(&q);
    return rc;
}

or_code or_iv_count(or_store *s, int64_t *n, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT COUNT(*) FROM interventions", err);
    if (rc)
        return rc;
    bool row = false;
    if (!(rc = q.d->step(q.st, &row, err)))
        *n = row ? q.d->col_int(q.st, 0) : 0;
    or_query_done(&q);
    return rc;
}

/* ---- changes ---- */

/* Insert (create) or update the entry's row, as set by e, with who and when. */
static or_code write_row(or_store *s, const or_intervention *e, bool create, const char *by,
                         or_error *err)
{
    or_query q;
    or_code rc =
        or_query_prep(s, &q,
                      create ? "INSERT INTO interventions (name, description, provider, level, "
                               "level_basis, level_note, phases, needs, how_to_access, cost, "
                               "cost_text, evidence, guide_section, active, updated_by, "
                               "updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?) ON CONFLICT (id) DO NOTHING"
                             : "UPDATE interventions SET name = ?, description = ?, provider = ?, "
                               "level = ?, level_basis = ?, level_note = ?, phases = ?, needs = "
                               "?, how_to_access = ?, cost = ?, cost_text = ?, evidence = ?, "
                               "guide_section = ?, active = ?, updated_by = ?, updated_at = ? "
                               "WHERE id = ?",
                      err);
    if (rc)
        return rc;
    or_sb phases = OR_SB_INIT, needs = OR_SB_INIT;
    or_iv_set_format(or_iv_phases, OR_IV_PHASE__N, e->phases, ";", &phases);
    or_iv_set_format(or_iv_needs, OR_IV_NEED__N, e->needs, ";", &needs);
    char ts[32];
    now_iso(ts);
    const char *texts[] = {
        e->name,          e->description,          e->provider,        or_iv_levels[e->level].id,
        e->level_basis,   e->level_note,           or_sb_str(&phases), or_sb_str(&needs),
        e->how_to_access, or_iv_costs[e->cost].id, e->cost_text,       e->evidence,
        e->guide_section};
    int i = 1;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        q.d->bind_text(q.st, i++, texts[t] ? texts[t] : "");
    q.d->bind_int(q.st, i++, e->active ? 1 : 0);
    q.d->bind_text(q.st, i++, by ? by : "");
    q.d->bind_text(q.st, i++, ts);
    q.d->bind_text(q.st, i++, e->id);
    bool row;
    if (!(rc = q.d->step(q.st, &row, err)) && q.d->changes(q.st) == 0)
        rc = create ? or_fail(err, OR_ECONFLICT,
                              "id '%s' is taken: another entry of the directory has it", e->id)
                    : or_fail(err, OR_ENOTFOUND, "no entry '%s' in the directory", e->id);
    or_query_done(&q);
    or_sb_release(&phases);
    or_sb_release(&needs);
    return rc;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* "field 'old' -> 'new'" for each field that differs, into detail (shortened values). */
static void describe_changes(const or_intervention *o, const or_intervention *e, or_sb *detail)
{
    struct {
        const char *name;
        or_sb a, b;
    } f[13];
    const char *names[] = {"name",          "description",   "provider",   "level",     "phases",
                           "needs",         "how_to_access", "cost",       "cost_text", "evidence",
                           "guide_section", "active",        "level_basis"};
    for (int i = 0; i < 13; i++) {
        f[i].name = names[i];
        f[i].a = (or_sb)OR_SB_INIT;
        f[i].b = (or_sb)OR_SB_INIT;
    }
    const or_intervention *side[2] = {o, e};
    for (int k = 0; k < 2; k++) {
        const or_intervention *x = side[k];
        or_sb *v[13];
        for (int i = 0; i < 13; i++)
            v[i] = k ? &f[i].b : &f[i].a;
        or_sb_adds(v[0], or_empty(x->name));
        or_sb_adds(v[1], or_empty(x->description));
        or_sb_adds(v[2], or_empty(x->provider));
        or_sb_adds(v[3], or_iv_levels[x->level].id);
        or_iv_set_format(or_iv_phases, OR_IV_PHASE__N, x->phases, ";", v[4]);
        or_iv_set_format(or_iv_needs, OR_IV_NEED__N, x->needs, ";", v[5]);
        or_sb_adds(v[6], or_empty(x->how_to_access));
        or_sb_adds(v[7], or_iv_costs[x->cost].id);
        or_sb_adds(v[8], or_empty(x->cost_text));
        or_sb_adds(v[9], or_empty(x->evidence));
        or_sb_adds(v[10], or_empty(x->guide_section));
        or_sb_adds(v[11], x->active ? "yes" : "no");
        or_sb_adds(v[12], or_empty(x->level_basis));
    }
    const char *sep = "";
    for (int i = 0; i < 13; i++) {
        if (strcmp(or_sb_str(&f[i].a), or_sb_str(&f[i].b))) {
            or_sb_addf(detail, "%s%s '%.60s%s' -> '%.60s%s'", sep, f[i].name, or_sb_str(&f[i].a),
                       f[i].a.len > 60 ? "..." : "", or_sb_str(&f[i].b),
                       f[i].b.len > 60 ? "..." : "");
            sep = "; ";
        }
        or_sb_release(&f[i].a);
        or_sb_release(&f[i].b);
    }
}

or_code or_iv_save(or_store *s, const or_intervention *in, bool create, const or_audit_entry *who,
                   bool *changed, or_error *err)
{
    *changed = false;
    or_intervention e = *in;
    const char *field = NULL;
    if (create && !e.level_basis)
        e.level_basis = OR_IV_BASIS_LA;
    if (!e.level_note)
        e.level_note = "";
    or_code rc = or_iv_check(&e, &field, err);
    if (rc) {
        or_error_prefix(err, "%s: ", field);
        return rc;
    }
    if ((rc = or_store_begin(s, err)))
        return rc;
    or_arena a = OR_ARENA_INIT;
    or_intervention old;
    bool found = false;
    or_sb detail = OR_SB_INIT;
    if ((rc = or_iv_get(s, e.id, &a, &old, &found, err)))
        goto out;
    if (create && found) {
        rc = or_fail(err, OR_ECONFLICT, "id '%s' is taken: another entry of the directory has it",
                     e.id);
        goto out;
    }
    if (!create && !found) {
        rc = or_fail(err, OR_ENOTFOUND, "no entry '%s' in the directory", e.id);
        goto out;
    }
    if (!create && e.level != old.level) { /* the LA's decision now, not the guide's */
        e.level_basis = OR_IV_BASIS_LA;
        e.level_note = "Set by the local authority.";
    } else if (!create) {
        e.level_basis = old.level_basis;
        e.level_note = old.level_note;
    }
    if (create)
        or_sb_addf(&detail, "added intervention %s: %s", e.id, e.name);
    else {
        or_sb_addf(&detail, "changed intervention %s: ", e.id);
        size_t before = detail.len;
        describe_changes(&old, &e, &detail);
        if (detail.len == before)
            goto out; /* nothing changed: nothing written */
    }
    or_audit_entry line = who ? *who : (or_audit_entry){.actor = ""};
    line.action = create ? "intervention.add" : "intervention.edit";
    line.detail = or_sb_str(&detail);
    if ((rc = write_row(s, &e, create, line.actor, err)) || (rc = or_audit_add(s, &line, err)))
        goto out;
    *changed = true;
out:
    if (!rc && *changed)
        rc = or_store_commit(s, err);
    else
        or_store_rollback(s);
    if (rc)
        *changed = false;
    or_sb_release(&detail);
    or_arena_free(&a);
    return rc;
}

or_code or_iv_seed_store(or_store *s, const char *by, int *added, or_error *err)
{
    *added = 0;
    int64_t n = 0;
    or_code rc = or_iv_count(s, &n, err);
    if (rc || n > 0)
        return rc;
    if ((rc = or_store_begin(s, err)))
        return rc;
    for (size_t i = 0; i < or_iv_nseeds && !rc; i++) {
        or_intervention e;
        if (!(rc = or_iv_from_seed(&or_iv_seeds[i], &e, err)) &&
            !(rc = write_row(s, &e, true, by, err)))
            (*added)++;
    }
    if (rc) {
        or_store_rollback(s);
        *added = 0;
        return rc;
    }
    return or_store_commit(s, err);
}
