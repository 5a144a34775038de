/* dashboard_kit.c - what the role dashboards (page_dashboard_*.c, dashboard.h) share, below
 * them: the user's last visit (kept by visits.h), the suspensions and exclusions recorded since
 * then, the one function that says which children are at high risk, and the counts that link
 * to their lists.
 *
 * The figures come from the LA snapshot (view_cache.c), as of today. A dashboard that names
 * children is written to the audit log first (no log line, no page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/labels.h"
#include "onroll/visits.h"
#include "web/dashboard.h"

/* ---- the last visit ---- */

void dash_visit(const web_request *req, char since[32], bool *first)
{
    char now[32];
    time_t t = (time_t)req->now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    bool known = false;
    or_error err = {0};
    int64_t started = req->session ? req->session->created : 0;
    if (req->user && req->session && started > 0 &&
        or_visit_mark(req->store, req->user->id, started, now, since, &known, &err) == OR_OK &&
        known) {
        *first = false;
        return;
    }
    /* never opened the dashboard before: since the previous sign-in (or the last 7 days) */
    view_last_visit(req, since, first);
}

/* ---- arrivals ---- */

typedef struct {
    const web_request *req;
    const view_pupil *const *scope; /* sorted by upn, or NULL for all */
    int nscope, cap;
    dash_arrivals *a;
} arrivals_ctx;

static bool in_scope(const arrivals_ctx *c, const char *upn)
{
    int lo = 0, hi = c->nscope - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, k = strcmp(c->scope[mid]->upn, upn);
        if (!k)
            return true;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

static or_code on_arrival(void *ctx, const or_received_event *e, or_error *err)
{
    (void)err;
    arrivals_ctx *c = ctx;
    if (c->scope && !in_scope(c, e->upn))
        return OR_OK;
    dash_arrivals *a = c->a;
    or_arena *ar = c->req->arena;
    OR_ARENA_GROW(ar, a->items, a->n + 1, c->cap);
    a->items[a->n++] = (dash_arrival){or_arena_strdup(ar, e->upn), or_arena_strdup(ar, e->type),
                                      or_arena_strdup(ar, e->received_at), e->urn, e->start};
    a->by_type[!strcmp(e->type, "suspension") ? 0 : !strcmp(e->type, "lunchtime") ? 1 : 2]++;
    return OR_OK;
}

/* newest recorded first, then the latest start, then by pupil */
static int by_arrival(const void *x, const void *y)
{
    const dash_arrival *a = x, *b = y;
    int c = strcmp(b->received_at, a->received_at);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start > b->start ? -1 : 1;
    return strcmp(a->upn, b->upn);
}

or_code dash_arrivals_since(const web_request *req, const view_pupil *const *scope, int nscope,
                            const char *since, dash_arrivals *out, or_error *err)
{
    *out = (dash_arrivals){0};
    arrivals_ctx c = {req, scope, nscope, 0, out};
    or_code rc = or_exclusions_received_since(req->store, since, on_arrival, &c, err);
    if (!rc && out->n > 1)
        qsort(out->items, (size_t)out->n, sizeof *out->items, by_arrival);
    return rc;
}

void dash_since_sentence(or_sb *out, const char *since, bool first)
{
    char when[48];
    if (first)
        html_raw(out, "<p class=\"govuk-body\">This is your first visit, so this shows what was "
                      "recorded in the last 7 days.</p>\n");
    else
        html_printf(out,
                    "<p class=\"govuk-body\">Since your last visit on %s: the suspensions and "
                    "exclusions recorded since then, newest first.</p>\n",
                    view_time(since, when));
}

void dash_arrivals_table(or_sb *out, const web_request *req, const view_snapshot *snap,
                         const dash_arrivals *a, int max, bool show_school)
{
    if (!a->n)
        return;
    html_raw(
        out,
        "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
        "aria-label=\"New suspensions and exclusions\">\n<table class=\"govuk-table\">\n"
        "<caption class=\"govuk-table__caption govuk-table__caption--s\">The newest "
        "recorded</caption>\n<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">"
        "\n<th scope=\"col\" class=\"govuk-table__header\">Pupil</th>\n");
    if (show_school)
        html_raw(out, "<th scope=\"col\" class=\"govuk-table__header\">School</th>\n");
    html_raw(out, "<th scope=\"col\" class=\"govuk-table__header\">What</th>\n</tr>\n</thead>\n"
                  "<tbody class=\"govuk-table__body\">\n");
    char day[OR_FMT_INT_LEN];
    for (int i = 0; i < a->n && i < max; i++) {
        const dash_arrival *e = &a->items[i];
        const view_pupil *p = view_find_pupil(snap, e->upn);
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a "
                    "class=\"govuk-link\" href=\"/pupils/%t\">%s</a></td>\n",
                    e->upn, p && p->name[0] ? p->name : e->upn);
        if (show_school)
            view_td_school(out, req, snap, e->urn);
        html_printf(out, "<td class=\"govuk-table__cell\">%s from %s</td>\n</tr>\n",
                    view_event_label(e->type), view_date(e->start, day));
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
}

/* ---- risk and duties ---- */

bool dash_risk_high(const view_snapshot *snap, const view_pupil *p)
{
    return p->nflags &&
           or_risk_rank_of(&snap->flags.items[p->flag0], p->nflags, or_model_params(snap->model))
                   .tier == OR_TIER_HIGH;
}

bool dash_due_this_week(const view_snapshot *snap, const or_duty *d)
{
    return d->status == OR_DUTY_OPEN && d->due != OR_DATE_NONE &&
           d->due <= snap->as_of + VIEW_DUE_SOON_DAYS;
}

static _Thread_local const view_snapshot *sort_snap; /* dash_sort_by_risk's, for by_risk */

static int by_risk(const void *x, const void *y)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    bool ha = dash_risk_high(sort_snap, a), hb = dash_risk_high(sort_snap, b);
    if (ha != hb)
        return ha ? -1 : 1;
    if (a->nflags != b->nflags)
        return b->nflags - a->nflags;
    if (a->overdue != b->overdue)
        return b->overdue - a->overdue;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->upn, b->upn);
}

void dash_sort_by_risk(const view_snapshot *snap, const view_pupil **list, int n)
{
    sort_snap = snap;
    if (n > 1)
        qsort(list, (size_t)n, sizeof *list, by_risk);
    sort_snap = NULL;
}

/* ---- words and links ---- */

void dash_as_of(or_sb *out, const view_snapshot *snap)
{
    char day[OR_FMT_INT_LEN];
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, day));
}

void dash_count_link(or_sb *out, int64_t n, const char *href)
{
    char b[OR_FMT_INT_LEN];
    if (n && web_local_path(href))
        html_printf(out, "<a class=\"govuk-link\" href=\"%s\">%s</a>", href, or_fmt_int(n, b));
    else
        html_printf(out, "%s", or_fmt_int(n, b));
}

void dash_see_all(or_sb *out, int64_t n, int shown, const char *what, const char *href)
{
    char b[OR_FMT_INT_LEN];
    if (n > shown && web_local_path(href))
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">See all %s %s"
                    "</a></p>\n",
                    href, or_fmt_int(n, b), what);
}

bool dash_open(const web_request *req, web_response *res, view_snapshot *snap, bool scoped,
               const char *audit, dash_start *d)
{
    memset(d, 0, sizeof *d);
    or_error err = {0};
    if (scoped && view_scope_pupils(req, snap, &d->scope, &d->nscope, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your children could not be listed.");
        return false;
    }
    dash_visit(req, d->since, &d->first);
    if (dash_arrivals_since(req, d->scope, d->nscope, d->since, &d->a, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The new exclusions could not be read.");
        return false;
    }
    if (web_audit(req, "dashboard.view", NULL, audit)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the dashboard cannot be shown.");
        return false;
    }
    return true;
}
