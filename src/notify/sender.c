/* sender.c - the sender (sender.h): each pass fills the outbox from the duties when something
 * has changed, then claims due messages one by one (store_outbox.h), puts this attempt's one-click
 * link in, sends it by SMTP and marks it sent, or schedules the next attempt with exponential
 * backoff, or gives up. or_sender_run repeats passes on its own connection until told to stop
 * (`onroll notify send`, and `onroll serve`'s background thread). Never prints: every line
 * goes to the caller's log callback. */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/accounts.h"
#include "onroll/ingest.h"
#include "onroll/notify.h"
#include "onroll/store_outbox.h"
#include "onroll/sender.h"

int64_t or_sender_backoff(int attempts, int retry_base, int retry_max)
{
    int64_t base = retry_base > 0 ? retry_base : 60, max = retry_max > 0 ? retry_max : 3600;
    int64_t d = base;
    for (int i = 1; i < attempts && d < max; i++)
        d *= 2;
    return d < max ? d : max;
}

static void say(or_sender_log log, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(or_sender_log log, void *ctx, const char *fmt, ...)
{
    if (!log)
        return;
    char line[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    log(ctx, line);
}

static bool stopping(atomic_int *stop)
{
    return stop && atomic_load(stop);
}

/* 32 random bytes as base64url: this attempt's one-click token. */
static void new_token(char out[OR_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, OR_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* body with every OR_NOTIFY_LINK replaced by link. */
static void put_link(const char *body, const char *link, or_sb *out)
{
    const char *p = body;
    size_t mark = strlen(OR_NOTIFY_LINK);
    for (const char *q; (q = strstr(p, OR_NOTIFY_LINK)); p = q + mark) {
        or_sb_add(out, p, (size_t)(q - p));
        or_sb_adds(out, link);
    }
    or_sb_adds(out, p);
}

/* A digest of the recipients (which addresses serve which services). */
static or_code hash_recipient(void *ctx, const or_recipient *r, or_error *err)
{
    uint64_t *h = ctx;
    (void)err;
    for (const char *s = r->service; *s; s++)
        *h = (*h ^ (unsigned char)*s) * 1099511628211ull;
    *h = (*h ^ 0xff) * 1099511628211ull;
    for (const char *s = r->email; *s; s++)
        *h = (*h ^ (unsigned char)*s) * 1099511628211ull;
    *h = (*h ^ 0xfe) * 1099511628211ull;
    return OR_OK;
}

/* Fill the outbox, unless the database, the day and the recipients are what they were. */
static or_code enqueue(or_store *s, const or_sender_opts *o, or_sender_state *st, or_send_result *r,
                       or_sender_log log, void *ctx, or_error *err)
{
    int64_t now = (int64_t)time(NULL);
    or_enqueue_opts eo = o->enqueue;
    if (!eo.base_url)
        eo.base_url = o->base_url ? o->base_url : OR_NOTIFY_DEFAULT_BASE_URL;
    char fp[OR_FINGERPRINT_LEN];
    uint64_t h = 1469598103934665603ull;
    or_code rc = OR_OK;
    if (st) {
        time_t t = (time_t)now;
        struct tm tm;
        localtime_r(&t, &tm);
        or_date day = eo.as_of != OR_DATE_NONE
                          ? eo.as_of
                          : or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        if ((rc = or_store_fingerprint(s, fp, err)) ||
            (rc = or_recipients_each(s, hash_recipient, &h, err)))
            return rc;
        if (st->primed && st->day == day && st->recipients == h && !strcmp(st->fingerprint, fp))
            return OR_OK;
        st->day = day;
        st->recipients = h;
        snprintf(st->fingerprint, sizeof st->fingerprint, "%s", fp);
    }
    if ((rc = or_notify_enqueue(s, &eo, now, &r->enqueued, err)))
        return rc;
    if (st)
        st->primed = true;
    if (r->enqueued.added)
        say(log, ctx, "outbox: %d new message%s (%d exclusion%s to tell partners of)",
            r->enqueued.added, r->enqueued.added == 1 ? "" : "s", r->enqueued.exclusions,
            r->enqueued.exclusions == 1 ? "" : "s");
    return OR_OK;
}

/* Once every message of an exclusion has gone, the LA has done LOCAL-NOTIFY-PARTNERS: record
 * its `action` in the ledger through the importer (source "notify"), dated the day the last
 * one went, so the duty shows done like any other. Its event id is derived from the
 * exclusion's, so recording it twice (a pass that died after it) is the same row again. */
static or_code record_done(or_store *s, const or_outbox_row *m, int64_t now, or_sender_log log,
                           void *ctx, or_error *err)
{
    int64_t unsent = 0;
    or_code rc = or_outbox_unsent(s, m->rule, m->urn, m->event_id, &unsent, err);
    if (rc || unsent || !*m->upn)
        return rc;
    uint64_t h = 1469598103934665603ull; /* FNV-1a of urn/event_id */
    char key[160];
    snprintf(key, sizeof key, "%d/%s", m->urn, m->event_id);
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    char id[32], urn[16], day[11];
    snprintf(id, sizeof id, "NOTIFY-%016llx", (unsigned long long)h);
    snprintf(urn, sizeof urn, "%d", m->urn);
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    or_date_format(or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), day);
    const char *cells[OR_EV__N];
    for (int c = 0; c < OR_EV__N; c++)
        cells[c] = "";
    cells[OR_EV_EVENT_ID] = id;
    cells[OR_EV_UPN] = m->upn;
    cells[OR_EV_URN] = urn;
    cells[OR_EV_TYPE] = "action";
    cells[OR_EV_START] = day;
    cells[OR_EV_REF] = m->event_id;
    cells[OR_EV_RULE] = m->rule;
    cells[OR_EV_DELIVERY] = "email";
    cells[OR_EV_TO] = "the partner services (onroll's notifications)";
    cells[OR_EV_RECORDED_BY] = "onroll notify";
    or_source src = {"notify", "onroll notify", NULL, "onroll notify", NULL};
    or_ingest_opts opts = {.max_errors = 5};
    or_ingest *in = NULL;
    or_ingest_result res = {0};
    if ((rc = or_ingest_begin(s, or_kind_get(OR_K_EVENTS), &src, &opts, &in, err)))
        return rc;
    or_error e = {0};
    or_ingest_row(in, 1, cells, &e);
    rc = or_ingest_end(in, &res, err);
    if (!rc && res.committed)
        say(log, ctx, "%s done for %s at school %d: every partner has been sent theirs", m->rule,
            m->event_id, m->urn);
    or_ingest_result_release(&res);
    return rc;
}

or_code or_sender_pass(or_store *s, const or_sender_opts *o, or_sender_state *state,
                       atomic_int *stop, or_send_result *r, or_sender_log log, void *ctx,
                       or_error *err)
{
    memset(r, 0, sizeof *r);
    or_code rc = OR_OK;
    if (!o->no_enqueue && (rc = enqueue(s, o, state, r, log, ctx, err)))
        return rc;
    const char *base = o->base_url && *o->base_url ? o->base_url : OR_NOTIFY_DEFAULT_BASE_URL;
    size_t blen = strlen(base);
    while (blen > 0 && base[blen - 1] == '/')
        blen--;
    int max_attempts = o->max_attempts > 0 ? o->max_attempts : 10;
    or_arena arena = OR_ARENA_INIT;
    while (!stopping(stop)) {
        or_arena_reset(&arena);
        char token[OR_TOKEN_LEN + 1];
        new_token(token);
        or_outbox_row m;
        bool found = false;
        int64_t now = (int64_t)time(NULL);
        if ((rc = or_outbox_claim(s, now, o->lease, token, &arena, &m, &found, err)) || !found)
            break;
        if (m.attempts > max_attempts) { /* its senders kept dying while sending it */
            char why[160];
            snprintf(why, sizeof why, "gave up after %d attempts (%s)", max_attempts,
                     *m.last_error ? m.last_error : "the sender stopped while sending it");
            if ((rc = or_outbox_mark_failed(s, m.id, now, now, true, why, err)))
                break;
            r->failed++;
            say(log, ctx, "message %lld to %s: failed: %s", (long long)m.id, m.recipient, why);
            continue;
        }
        char *link = or_arena_printf(&arena, "%.*s/n/%s", (int)blen, base, token);
        or_sb body = OR_SB_INIT;
        put_link(m.body, link, &body);
        or_mail mail = {o->from, m.recipient, m.subject, or_sb_str(&body), m.message_id, now};
        or_smtp_result sr;
        or_error serr = {0};
        or_code src = or_smtp_send(&o->smtp, &mail, &sr, &serr);
        or_sb_release(&body);
        now = (int64_t)time(NULL);
        if (!src) {
            /* a failure here leaves it sending: sent again, same Message-ID, after its lease */
            if ((rc = or_outbox_mark_sent(s, m.id, now, err)) ||
                (rc = record_done(s, &m, now, log, ctx, err)))
                break;
            r->sent++;
            say(log, ctx, "message %lld to %s (%s): sent, attempt %d, %s", (long long)m.id,
                m.recipient, m.services, m.attempts, m.message_id);
            continue;
        }
        bool give_up = sr.permanent || m.attempts >= max_attempts;
        int64_t wait = or_sender_backoff(m.attempts, o->retry_base, o->retry_max);
        if ((rc = or_outbox_mark_failed(s, m.id, now, now + wait, give_up, serr.msg, err)))
            break;
        if (give_up) {
            r->failed++;
            say(log, ctx, "message %lld to %s: failed after %d attempt%s: %s", (long long)m.id,
                m.recipient, m.attempts, m.attempts == 1 ? "" : "s", serr.msg);
        } else {
            r->retrying++;
            say(log, ctx, "message %lld to %s: attempt %d failed, next in %llds: %s",
                (long long)m.id, m.recipient, m.attempts, (long long)wait, serr.msg);
        }
        if (!sr.permanent)
            break; /* the server is unreachable or busy: the others wait for the next pass */
    }
    or_arena_free(&arena);
    return rc;
}

/* Sleep up to secs seconds, waking early when *stop is set. */
static void nap(int secs, atomic_int *stop)
{
    for (int i = 0; i < secs * 5 && !stopping(stop); i++) {
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

or_code or_sender_run(const char *db_url, const or_sender_opts *o, int poll, atomic_int *stop,
                      or_sender_log log, void *ctx, or_error *err)
{
    or_code rc = or_smtp_check_url(o->smtp.url, err);
    if (rc)
        return rc;
    or_sender_state state = {0};
    or_store *s = NULL;
    while (!stopping(stop)) {
        or_error e = {0};
        if (!s && (or_store_open(db_url, &s, &e) || or_store_check_schema(s, &e))) {
            or_store_close(s);
            s = NULL;
            say(log, ctx, "sender: %s", e.msg);
        }
        or_send_result r;
        if (s && or_sender_pass(s, o, &state, stop, &r, log, ctx, &e)) {
            say(log, ctx, "sender: %s (trying again in %ds)", e.msg, poll > 0 ? poll : 30);
            or_store_close(s); /* a fresh connection for the next pass */
            s = NULL;
            state.primed = false;
        }
        nap(poll > 0 ? poll : 30, stop);
    }
    or_store_close(s);
    return OR_OK;
}
