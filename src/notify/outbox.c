/* outbox.c - filling the outbox from the ledger (sender.h or_notify_enqueue): for each pupil
 * with an exclusion decided in the window, the duties as of the day (duties.h); for each
 * LOCAL-NOTIFY-PARTNERS duty not done, the services to tell (notify.h), and one message to
 * each of their addresses. The outbox's unique key (rule, school, event, address) makes this
 * idempotent: it is derived state, worked out again as often as anyone likes, and a message is
 * only ever added once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/attend_alert.h"
#include "onroll/duties.h"
#include "onroll/model.h"
#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "onroll/sender.h"

#define RULE       "LOCAL-NOTIFY-PARTNERS"
#define ALERT_RULE "LOCAL-ATTEND-ALERT"

/* The addresses, each with the services it serves. */
typedef struct {
    const char *email;
    unsigned services;
} address;

typedef struct {
    or_arena *a;
    address *items;
    int n, cap;
} addresses;

static or_code on_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    addresses *l = ctx;
    int s = or_service_parse(r->service);
    if (s < 0)
        return OR_OK; /* not a service this onroll knows: ignored */
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->items[i].email, r->email)) {
            l->items[i].services |= OR_SVC_BIT(s);
            return OR_OK;
        }
    OR_ARENA_GROW(l->a, l->items, l->n + 1, l->cap);
    l->items[l->n++] = (address){or_arena_strdup(l->a, r->email), OR_SVC_BIT(s)};
    return OR_OK;
}

typedef struct {
    or_arena *a;
    const char **upns;
    int n, cap;
} upn_list;

static or_code on_upn(void *ctx, const char *upn, or_error *err)
{
    upn_list *l = ctx;
    OR_ARENA_GROW(l->a, l->upns, l->n + 1, l->cap);
    l->upns[l->n++] = or_arena_strdup(l->a, upn);
    return OR_OK;
}

/* The host of a URL ("http://onroll.example.gov.uk:8080/x" -> "onroll.example.gov.uk"). */
static void url_host(const char *url, char *buf, size_t size)
{
    const char *p = url ? strstr(url, "://") : NULL;
    p = p ? p + 3 : url ? url : "";
    const char *at = strchr(p, '@');
    size_t auth = strcspn(p, "/?#");
    if (at && (size_t)(at - p) < auth)
        p = at + 1;
    size_t n = strcspn(p, ":/?#");
    if (n == 0 || n >= size)
        snprintf(buf, size, "onroll.invalid");
    else
        snprintf(buf, size, "%.*s", (int)n, p);
}

static or_date local_today(int64_t now)
{
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    return or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The messages of one pupil's exclusions. */
static or_code enqueue_pupil(or_store *s, const char *upn, const addresses *to, or_date as_of,
                             or_date from, const char *domain, int64_t now, or_enqueue_result *r,
                             or_error *err)
{
    or_model *m = NULL;
    or_code rc = or_model_load(s, upn, &m, err);
    if (rc)
        return rc;
    const or_pupil_facts *f = or_model_find(m, upn);
    or_arena arena = OR_ARENA_INIT;
    or_duty_list duties;
    or_duty_list_init(&duties, &arena);
    if (f)
        rc = or_duties_for_pupil(f, or_model_params(m), as_of, &duties, err);
    r->pupils++;
    for (int i = 0; !rc && i < duties.n; i++) {
        const or_duty *d = &duties.items[i];
        if (d->rule->code != OR_RULE_LOCAL_NOTIFY_PARTNERS || d->status == OR_DUTY_DONE)
            continue;
        const or_fact_event *e = or_facts_event(f, d->urn, d->event_id);
        if (!e || e->decided < from || e->decided > as_of)
            continue;
        r->exclusions++;
        const or_school_info *school = or_model_school(m, e->urn);
        unsigned set = or_notify_services(f, e, school);
        for (int k = 0; !rc && k < to->n; k++) {
            unsigned mine = set & to->items[k].services;
            if (!mine)
                continue;
            or_notify_msg msg;
            or_notify_compose(e, school, mine, OR_NOTIFY_LINK, &arena, &msg);
            char ids[160];
            or_services_ids(mine, ids, sizeof ids);
            or_outbox_new row = {RULE,        e->urn,   e->event_id, ids, to->items[k].email,
                                 msg.subject, msg.body, domain};
            int64_t id = 0;
            rc = or_outbox_add(s, &row, now, &id, err);
            if (!rc && id)
                r->added++;
        }
    }
    or_arena_free(&arena);
    or_model_free(m);
    return rc;
}

/* The email of the pupil's social worker on d (an open social_worker caseload), or NULL. */
static const char *social_worker(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->ncases; i++) {
        const or_fact_case *c = &f->cases[i];
        if (c->role && !strcmp(c->role, "social_worker") && c->worker && strchr(c->worker, '@') &&
            c->start <= d && (c->end == OR_DATE_NONE || c->end >= d))
            return c->worker;
    }
    return NULL;
}

/* LOCAL-ATTEND-ALERT: one pupil's alerts from `from` to as_of (attend_alert.h), each to the
 * Virtual School's addresses and to the social worker (the caseload's worker; else children's
 * social care's addresses). The outbox's key (rule, school, alert, address) sends each once. */
static or_code enqueue_alerts(or_store *s, const char *upn, const addresses *to, or_date as_of,
                              or_date from, const char *domain, int64_t now, or_enqueue_result *r,
                              or_error *err)
{
    or_model *m = NULL;
    or_code rc = or_model_load(s, upn, &m, err);
    if (rc)
        return rc;
    const or_pupil_facts *f = or_model_find(m, upn);
    int pct = or_model_params(m)->v[OR_P_RISK_PA_PCT];
    or_attend_alert alerts[64];
    int n = f ? or_attend_alerts(f, pct, from, as_of, alerts, 64) : 0;
    or_arena arena = OR_ARENA_INIT;
    for (int i = 0; !rc && i < n && i < 64; i++) {
        const or_attend_alert *a = &alerts[i];
        const or_school_info *school = or_model_school(m, a->urn);
        char key[80];
        or_attend_alert_key(a, upn, key, sizeof key);
        const char *worker = social_worker(f, a->day);
        r->alerts++;
        for (int k = -1; !rc && k < to->n; k++) {
            unsigned mine;
            const char *email;
            if (k < 0) { /* the social worker, by name */
                if (!worker)
                    continue;
                mine = OR_SVC_BIT(OR_SVC_SOCIAL_CARE);
                email = worker;
            } else {
                unsigned want = OR_SVC_BIT(OR_SVC_VIRTUAL_SCHOOL) |
                                (worker ? 0u : OR_SVC_BIT(OR_SVC_SOCIAL_CARE));
                mine = want & to->items[k].services;
                email = to->items[k].email;
                if (!mine || (worker && !strcmp(email, worker)))
                    continue;
            }
            or_notify_msg msg;
            or_notify_alert_compose(a, school, mine, pct, OR_NOTIFY_LINK, &arena, &msg);
            char ids[160];
            or_services_ids(mine, ids, sizeof ids);
            or_outbox_new row = {ALERT_RULE, a->urn,      key,      ids,
                                 email,      msg.subject, msg.body, domain};
            int64_t id = 0;
            rc = or_outbox_add(s, &row, now, &id, err);
            if (!rc && id)
                r->added++;
        }
    }
    or_arena_free(&arena);
    or_model_free(m);
    return rc;
}

or_code or_notify_enqueue(or_store *s, const or_enqueue_opts *o, int64_t now, or_enqueue_result *r,
                          or_error *err)
{
    memset(r, 0, sizeof *r);
    or_arena arena = OR_ARENA_INIT;
    addresses to = {&arena, NULL, 0, 0};
    or_code rc = or_recipients_each(s, on_recipient, &to, err);
    or_date as_of = o && o->as_of != OR_DATE_NONE ? o->as_of : local_today(now);
    int window = o && o->window_days > 0 ? o->window_days : 30;
    char domain[256];
    url_host(o && o->base_url ? o->base_url : OR_NOTIFY_DEFAULT_BASE_URL, domain, sizeof domain);
    /* LOCAL-ATTEND-ALERT first: a social worker is told by name, whoever else is on the list */
    upn_list alerted = {&arena, NULL, 0, 0};
    if (!rc)
        rc = or_notify_attend_candidates(s, or_date_academic_year(as_of - window),
                                         or_date_academic_year(as_of), on_upn, &alerted, err);
    for (int i = 0; !rc && i < alerted.n; i++)
        rc = enqueue_alerts(s, alerted.upns[i], &to, as_of, as_of - window, domain, now, r, err);
    if (rc || !to.n) { /* nobody to tell of exclusions: nothing more to work out */
        or_arena_free(&arena);
        return rc;
    }
    upn_list upns = {&arena, NULL, 0, 0};
    rc = or_notify_candidates(s, as_of - window, as_of, on_upn, &upns, err);
    for (int i = 0; !rc && i < upns.n; i++)
        rc = enqueue_pupil(s, upns.upns[i], &to, as_of, as_of - window, domain, now, r, err);
    or_arena_free(&arena);
    return rc;
}
