/* ap.c (store) - the alternative provision register and its QA records (store_ap.h, migration
 * 025): read in order, added with their audit lines in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store_ap.h"
#include "store/access.h"

#define PROVIDER_COLS "slug, name, registration, urn, ukprn, setting, contact, notes"

static void read_provider(or_query *q, or_ap_provider *p)
{
    *p = (or_ap_provider){or_query_text(q, 0),          or_query_text(q, 1), or_query_text(q, 2),
                          (int)q->d->col_int(q->st, 3), or_query_text(q, 4), or_query_text(q, 5),
                          or_query_text(q, 6),          or_query_text(q, 7)};
}

or_code or_ap_providers_each(or_store *s, or_ap_provider_cb cb, void *ctx, or_error *err)
{
    or_query q;
    or_code rc =
        or_query_prep(s, &q, "SELECT " PROVIDER_COLS " FROM ap_providers ORDER BY name, slug", err);
    for (bool row = true; !rc && row;) {
        if ((rc = or_query_step(&q, &row, err)) || !row)
            break;
        or_ap_provider p;
        read_provider(&q, &p);
        rc = cb(ctx, &p, err);
    }
    or_query_done(&q);
    return rc;
}

or_code or_ap_provider_get(or_store *s, const char *slug, or_arena *a, or_ap_provider *out,
                           bool *found, or_error *err)
{
    *found = false;
    or_query q;
    or_code rc =
        or_query_prep(s, &q, "SELECT " PROVIDER_COLS " FROM ap_providers WHERE slug = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, slug ? slug : "");
    bool row = false;
    if (!(rc = or_query_step(&q, &row, err)) && row) {
        or_ap_provider p;
        read_provider(&q, &p);
        *out = (or_ap_provider){or_arena_strdup(a, p.slug),         or_arena_strdup(a, p.name),
                                or_arena_strdup(a, p.registration), p.urn,
                                or_arena_strdup(a, p.ukprn),        or_arena_strdup(a, p.setting),
                                or_arena_strdup(a, p.contact),      or_arena_strdup(a, p.notes)};
        *found = true;
    }
    or_query_done(&q);
    return rc;
}

static or_code taken(or_store *s, const char *slug, bool *yes, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(s, &q, "SELECT 1 FROM ap_providers WHERE slug = ?", err);
    if (rc)
        return rc;
    q.d->bind_text(q.st, 1, slug);
    rc = or_query_step(&q, yes, err);
    or_query_done(&q);
    return rc;
}

or_code or_ap_provider_add(or_store *s, const or_ap_provider *p, const or_audit_entry *who,
                           char slug_out[61], const char **field, or_error *err)
{
    or_code rc = or_ap_provider_check(p, field, err);
    if (rc)
        return rc;
    if ((rc = or_store_begin(s, err)))
        return rc;
    char base[61];
    or_ap_slug(p->slug && *p->slug ? p->slug : p->name, base);
    snprintf(slug_out, 61, "%s", base);
    bool yes = true;
    for (int n = 2; !rc && n < 1000; n++) {
        if ((rc = taken(s, slug_out, &yes, err)) || !yes)
            break;
        snprintf(slug_out, 61, "%.52s-%u", base, (unsigned)n % 1000u);
    }
    char ts[32];
    or_store_now_iso(ts);
    or_query q;
    if (!rc &&
        !(rc = or_query_prep(s, &q,
                             "INSERT INTO ap_providers (" PROVIDER_COLS
                             ", updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             err))) {
        q.d->bind_text(q.st, 1, slug_out);
        q.d->bind_text(q.st, 2, p->name);
        q.d->bind_text(q.st, 3, p->registration);
        q.d->bind_int(q.st, 4, p->urn);
        q.d->bind_text(q.st, 5, p->ukprn ? p->ukprn : "");
        q.d->bind_text(q.st, 6, p->setting);
        q.d->bind_text(q.st, 7, p->contact ? p->contact : "");
        q.d->bind_text(q.st, 8, p->notes ? p->notes : "");
        q.d->bind_text(q.st, 9, who && who->actor ? who->actor : "");
        q.d->bind_text(q.st, 10, ts);
        rc = or_query_run(&q, err);
    }
    char detail[300];
    snprintf(detail, sizeof detail, "added provider %s: %s", slug_out, p->name);
    or_audit_entry line = who ? *who : (or_audit_entry){.actor = ""};
    line.action = "ap.provider.add";
    line.object = slug_out;
    line.detail = detail;
    if (!rc)
        rc = or_audit_add(s, &line, err);
    if (!rc)
        return or_store_commit(s, err);
    or_store_rollback(s);
    return rc;
}

or_code or_ap_qa_each(or_store *s, const char *slug, or_ap_qa_cb cb, void *ctx, or_error *err)
{
    or_query q;
    or_code rc = or_query_prep(
        s, &q,
        slug ? "SELECT id, provider, pillar, item, evidence, checked_by, CAST(checked_on AS TEXT), "
               "CAST(expires_on AS TEXT), recorded_by FROM ap_qa WHERE provider = ? "
               "ORDER BY checked_on DESC, id DESC"
             : "SELECT id, provider, pillar, item, evidence, checked_by, CAST(checked_on AS TEXT), "
               "CAST(expires_on AS TEXT), recorded_by FROM ap_qa ORDER BY checked_on DESC, id DESC",
        err);
    if (rc)
        return rc;
    if (slug)
        q.d->bind_text(q.st, 1, slug);
    for (bool row = true; !rc && row;) {
        if ((rc = or_query_step(&q, &row, err)) || !row)
            break;
        or_ap_qa r = {or_query_text(&q, 1), or_query_text(&q, 2), or_query_text(&q, 3),
                      or_query_text(&q, 4), or_query_text(&q, 5), OR_DATE_NONE,
                      OR_DATE_NONE};
        or_date_parse(or_query_text(&q, 6), &r.checked_on);
        if (!or_date_parse(or_query_text(&q, 7), &r.expires_on))
            r.expires_on = OR_DATE_NONE;
        rc = cb(ctx, q.d->col_int(q.st, 0), &r, or_query_text(&q, 8), err);
    }
    or_query_done(&q);
    return rc;
}

or_code or_ap_qa_add(or_store *s, const or_ap_qa *r, or_date today, const or_audit_entry *who,
                     const char **field, or_error *err)
{
    or_code rc = or_ap_qa_check(r, today, field, err);
    if (rc)
        return rc;
    if ((rc = or_store_begin(s, err)))
        return rc;
    bool yes = false;
    if (!(rc = taken(s, r->provider ? r->provider : "", &yes, err)) && !yes) {
        *field = "provider";
        rc = or_fail(err, OR_ENOTFOUND, "'%.60s' is not a provider of the register",
                     r->provider ? r->provider : "");
    }
    char ts[32], on[11], until[11];
    or_store_now_iso(ts);
    or_date_format(r->checked_on, on);
    if (r->expires_on != OR_DATE_NONE)
        or_date_format(r->expires_on, until);
    or_query q;
    if (!rc && !(rc = or_query_prep(s, &q,
                                    "INSERT INTO ap_qa (provider, pillar, item, evidence, "
                                    "checked_by, checked_on, expires_on, recorded_by, recorded_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    err))) {
        q.d->bind_text(q.st, 1, r->provider);
        q.d->bind_text(q.st, 2, r->pillar);
        q.d->bind_text(q.st, 3, r->item);
        q.d->bind_text(q.st, 4, r->evidence);
        q.d->bind_text(q.st, 5, r->checked_by);
        q.d->bind_text(q.st, 6, on);
        if (r->expires_on != OR_DATE_NONE)
            q.d->bind_text(q.st, 7, until);
        else
            q.d->bind_null(q.st, 7);
        q.d->bind_text(q.st, 8, who && who->actor ? who->actor : "");
        q.d->bind_text(q.st, 9, ts);
        rc = or_query_run(&q, err);
    }
    char detail[300];
    snprintf(detail, sizeof detail, "QA of %s: %s, %s, checked %s%s%s", r->provider, r->pillar,
             r->item, on, r->expires_on != OR_DATE_NONE ? ", expires " : "",
             r->expires_on != OR_DATE_NONE ? until : "");
    or_audit_entry line = who ? *who : (or_audit_entry){.actor = ""};
    line.action = "ap.qa.add";
    line.object = r->provider;
    line.detail = detail;
    if (!rc)
        rc = or_audit_add(s, &line, err);
    if (!rc)
        return or_store_commit(s, err);
    or_store_rollback(s);
    return rc;
}
