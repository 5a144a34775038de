/* view_scope.c - the pupils a signed-in user may see, as a list (the dashboard's caseload, the
 * pupils page), and the user's previous visit.
 *
 * scope.c alone decides whether a user may see a pupil (web_can_see_pupil). Asking it for every
 * pupil of the LA would be a query or two per pupil, so the snapshot first narrows the
 * candidates with the same rules over the pupil's facts (the worker's open caseload, the
 * Virtual School's cohort), and each candidate is then confirmed by web_can_see_pupil: a pupil
 * the facts let through but scope.c refuses is left out. A school's and a partner service's
 * are the pure rules of view.h that scope.c applies too, so they need no confirming. LA roles see
 * every pupil the LA knows (scope.c: a recorded snapshot), which is what a name in the snapshot
 * means, so they are not asked one by one. Confirming a school's pupils is a query each (about 0.3
 * s for 3,000 pupils), so a user's list is worked out once per snapshot and kept with it
 * (view_memo_*: the snapshot is the same database content and day, and at most VIEW_CACHE_MAX_AGE
 * seconds old). */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/upn.h"
#include "web/view.h"

static bool same_email(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

static bool open_case(const or_pupil_facts *f, const char *worker, const char *role, or_date d)
{
    for (int i = 0; i < f->ncases; i++) {
        const or_fact_case *c = &f->cases[i];
        if (c->role && !strcmp(c->role, role) && c->start <= d &&
            (c->end == OR_DATE_NONE || c->end >= d) && (!worker || same_email(c->worker, worker)))
            return true;
    }
    return false;
}

static bool in_cohort(const or_pupil_facts *f, or_date d)
{
    const or_fact_snapshot *s = NULL;
    for (int i = 0; i < f->nsnaps; i++)
        if (f->snaps[i].as_of <= d)
            s = &f->snaps[i];
    if (s && (s->cla == 1 || s->pla == 1 || s->cin == 1 || s->cp == 1 ||
              (s->social_worker_since != OR_DATE_NONE && s->social_worker_since <= d)))
        return true;
    return open_case(f, NULL, "social_worker", d) || open_case(f, NULL, "vsh", d);
}

or_code view_scope_pupils(const web_request *req, view_snapshot *snap,
                          const view_pupil *const **out, int *n, or_error *err)
{
    const or_user *u = req->user;
    *out = NULL;
    *n = 0;
    if (!u || u->disabled)
        return OR_OK;
    int urn = 0;
    if (u->role == OR_ROLE_SCHOOL && or_urn_validate(u->scope, &urn, NULL))
        return OR_OK;
    /* worked out once per snapshot for each user (account, role and scope) */
    char key[OR_EMAIL_MAX + OR_SCOPE_MAX + 64];
    snprintf(key, sizeof key, "scope %lld %d %s %s", (long long)u->id, (int)u->role, u->scope,
             u->email);
    const view_pupil *const *memo = view_memo_get(snap, key, n);
    if (memo) {
        *out = memo;
        return OR_OK;
    }
    const view_pupil **list = malloc(((size_t)snap->npupils + 1) * sizeof *list);
    if (!list)
        return or_fail(err, OR_ENOMEM, "out of memory");
    or_date d = web_today(req);
    const char *services[OR_VIEW_SERVICES_MAX];
    int nservices = u->role == OR_ROLE_PARTNER
                        ? web_partner_services(u->scope, services, OR_VIEW_SERVICES_MAX)
                        : 0;
    const or_params *params = or_model_params(snap->model);
    int count = 0;
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        bool candidate = false, confirm = true;
        switch (u->role) {
        case OR_ROLE_LA_ADMIN:
        case OR_ROLE_LA_OFFICER:
            candidate = p->f->nsnaps > 0;
            confirm = false;
            break;
        case OR_ROLE_SCHOOL: /* view.h, the same rule as scope.c's */
            candidate = or_view_school(p->f, urn, d, params).kind != OR_VIEW_NONE;
            confirm = false;
            break;
        case OR_ROLE_SOCIAL_WORKER:
            candidate = open_case(p->f, u->email, "social_worker", d);
            break;
        case OR_ROLE_YOUTH_JUSTICE:
            candidate = open_case(p->f, u->email, "youth_justice", d);
            break;
        case OR_ROLE_VIRTUAL_SCHOOL:
            candidate = in_cohort(p->f, d);
            break;
        case OR_ROLE_PARTNER: /* view.h, the same rule as scope.c's */
            if (!strcmp(u->scope, "mash")) {
                candidate = or_view_mash(p->f, d).kind != OR_VIEW_NONE;
                confirm = false;
                break;
            }
            candidate =
                u->scope[0] &&
                (open_case(p->f, NULL, u->scope, d) ||
                 or_view_partner(p->f, services, nservices, d, params).kind != OR_VIEW_NONE);
            confirm = false;
            break;
        default:
            candidate = false;
        }
        if (candidate && (!confirm || web_can_see_pupil(req, p->upn)))
            list[count++] = p;
    }
    bool kept = false;
    const view_pupil *const *stored = view_memo_put(snap, key, list, &count, &kept);
    if (!kept) { /* too many memos: this request's own copy */
        const view_pupil **copy = or_arena_alloc(req->arena, ((size_t)count + 1) * sizeof *copy);
        if (count)
            memcpy(copy, list, (size_t)count * sizeof *copy);
        free(list);
        stored = copy;
    }
    *out = stored;
    *n = count;
    return OR_OK;
}

/* ---- the previous visit ---- */

typedef struct {
    const char *before; /* this session's start */
    char *since;
    bool found;
} visit_ctx;

static or_code on_sign_in(void *ctx, const or_audit_row *r, or_error *err)
{
    visit_ctx *v = ctx;
    (void)err;
    if (!v->found && strcmp(r->at, v->before) < 0) {
        snprintf(v->since, 32, "%s", r->at);
        v->found = true;
    }
    return OR_OK;
}

static void iso_at(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Each recent session's previous visit, kept: it cannot change for a session (it is the newest
 * sign-in before the session's start, in the append-only log), while finding it searches the
 * user's audit rows, which grow by one with every record they open: a dashboard that asked each
 * time grew slower the more the user worked (bench/web.sh: a median of 129 ms once the user had
 * opened 10,000 records, 0.2 ms with the visit kept). */
enum { VISITS_KEPT = 256 };
static struct {
    int64_t user, started; /* the session: its user and start (0: empty slot) */
    char since[32];
    bool found;
} visits[VISITS_KEPT];
static int visits_next;
static pthread_mutex_t visits_lock = PTHREAD_MUTEX_INITIALIZER;

static bool visit_kept(int64_t user, int64_t started, char since[32], bool *found)
{
    bool hit = false;
    pthread_mutex_lock(&visits_lock);
    for (int i = 0; i < VISITS_KEPT && !hit; i++)
        if (visits[i].started && visits[i].user == user && visits[i].started == started) {
            snprintf(since, 32, "%s", visits[i].since);
            *found = visits[i].found;
            hit = true;
        }
    pthread_mutex_unlock(&visits_lock);
    return hit;
}

static void visit_keep(int64_t user, int64_t started, const char since[32], bool found)
{
    pthread_mutex_lock(&visits_lock);
    int i = visits_next;
    visits_next = (visits_next + 1) % VISITS_KEPT;
    visits[i].user = user;
    visits[i].started = started;
    snprintf(visits[i].since, sizeof visits[i].since, "%s", since);
    visits[i].found = found;
    pthread_mutex_unlock(&visits_lock);
}

void view_last_visit(const web_request *req, char since[32], bool *first)
{
    char before[32];
    int64_t started = req->session ? req->session->created : req->now;
    bool keep = req->user && req->session && started > 0;
    visit_ctx v = {before, since, false};
    if (keep && visit_kept(req->user->id, started, since, &v.found)) {
        keep = false;
    } else if (req->user) {
        iso_at(started, before);
        /* the newest sign-ins, newest first: this session's own is at or after its start */
        or_audit_query q = {.actor = req->user->email, .action = "sign_in", .limit = 5};
        q.from = q.to = OR_DATE_NONE;
        or_error err = {0};
        if (or_audit_search(req->store, &q, on_sign_in, &v, &err))
            keep = false;
    }
    if (keep)
        visit_keep(req->user->id, started, v.found ? since : "", v.found);
    *first = !v.found;
    if (!v.found)
        iso_at(req->now - 7 * 86400, since);
}
