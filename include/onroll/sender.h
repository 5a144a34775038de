/* sender.h - delivering partner notifications: what goes into the outbox (derived from the
 * duties: src/notify/outbox.c), one message by SMTP through libcurl (src/notify/smtp.c), and
 * the sender that claims, sends, retries with exponential backoff and survives restarts
 * (src/notify/sender.c). The database side is store_outbox.h.
 *
 * Delivery guarantee: at least once, never lost. A message is claimed under a lease in one
 * transaction and marked sent in another once the SMTP server has accepted it. A sender that
 * dies (or loses the database) in between leaves it claimed; when the lease has passed it is
 * sent again, with the same Message-ID, so that a partner's mail system (and our tests) can
 * see it is the same message. An SMTP server that is down or refuses for now (4xx) costs an
 * attempt and a wait (retry_base, doubled each time up to retry_max); one that refuses for good
 * (5xx), or max_attempts attempts, make the message failed, which the LA sees.
 *
 * Nothing here prints: a sender reports what it did through an or_sender_log callback. */
#ifndef ONROLL_SENDER_H
#define ONROLL_SENDER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/sb.h"
#include "onroll/store_sharing.h"
#include "onroll/store.h"

/* ---- one message by SMTP (smtp.c) ---- */

/* With a user (and so a password), smtp:// always needs STARTTLS, whatever the mode: a
 * password is never sent in clear (or_smtp_check_conf). */
typedef enum {
    OR_TLS_TRY,      /* smtp://: STARTTLS when the server offers it (the default) */
    OR_TLS_NONE,     /* smtp://: never (a relay on the same machine; no user allowed) */
    OR_TLS_REQUIRED, /* smtp://: STARTTLS or fail; smtps:// is always TLS */
} or_tls_mode;

typedef struct {
    const char *url;             /* smtp://HOST[:PORT] or smtps://HOST[:PORT] */
    const char *user, *password; /* NULL: no authentication */
    or_tls_mode tls;
    long timeout; /* seconds for one message (0: 60) */
} or_smtp_conf;

/* "none", "try", "required" -> mode; false if unknown. */
bool or_tls_mode_parse(const char *s, or_tls_mode *out);
/* OR_EUSAGE unless url is smtp:// or smtps:// with a host (the message names the value, with
 * any password left out). */
or_code or_smtp_check_url(const char *url, or_error *err);
/* The URL for people: scheme and host, without a user or password. */
void or_smtp_url_shown(const char *url, char *buf, size_t size);
/* The URL (or_smtp_check_url), and no login without TLS: OR_EUSAGE for a user (or a user or
 * password in the URL) with smtp:// and --smtp-tls none. */
or_code or_smtp_check_conf(const or_smtp_conf *c, or_error *err);

typedef struct {
    const char *from, *to;      /* addresses (checked: one address, no line breaks) */
    const char *subject, *body; /* UTF-8 text; body lines end in "\n" */
    const char *message_id;     /* "<...@...>" */
    int64_t date;               /* seconds since the epoch */
} or_mail;

/* The message as it is sent: Date, From, To, Subject (RFC 2047 when not ASCII), Message-ID,
 * MIME headers, Auto-Submitted; CRLF lines; the body 7bit when it is short-lined ASCII, else
 * quoted-printable UTF-8. OR_EINPUT naming the header for an address or Message-ID that is
 * not one. */
or_code or_mail_format(const or_mail *m, or_sb *out, or_error *err);

typedef struct {
    int smtp_code;  /* the server's last reply code (0: none, e.g. it could not be reached) */
    bool permanent; /* the server refused the message for good (5xx) */
} or_smtp_result;

/* Send one message: OR_OK once the server has accepted it; else OR_EIO with the server's or
 * libcurl's words (and r says whether trying again can help). */
or_code or_smtp_send(const or_smtp_conf *c, const or_mail *m, or_smtp_result *r, or_error *err);

/* onroll's address when none is configured: links and Message-IDs use it. */
#define OR_NOTIFY_DEFAULT_BASE_URL "http://127.0.0.1:8080"

/* ---- the outbox from the duties (outbox.c) ---- */

typedef struct {
    or_date as_of;        /* the duties as of this day (OR_DATE_NONE: today, local time) */
    int window_days;      /* only exclusions decided within this many days before (0: 30) */
    const char *base_url; /* onroll's address: the Message-IDs' domain is its host (NULL:
                             OR_NOTIFY_DEFAULT_BASE_URL) */
} or_enqueue_opts;

typedef struct {
    int pupils;     /* pupils looked at */
    int exclusions; /* exclusions whose LOCAL-NOTIFY-PARTNERS duty is not done */
    int added;      /* messages added to the outbox (the others were there already) */
    int alerts;     /* LOCAL-ATTEND-ALERT alerts worked out (attend_alert.h) */
} or_enqueue_result;

/* For every exclusion decided in the window whose LOCAL-NOTIFY-PARTNERS duty is not done as
 * of the day, one message to each address of the services to be told (notify.h: one message
 * per address naming every service it serves here). Idempotent: a message that exists is not
 * added again, so running it again, or from several places, never sends twice. An exclusion
 * whose duty was recorded done (the LA told the partners itself) is not sent. */
or_code or_notify_enqueue(or_store *s, const or_enqueue_opts *o, int64_t now, or_enqueue_result *r,
                          or_error *err);

/* ---- the sender (sender.c) ---- */

typedef struct {
    or_smtp_conf smtp;
    const char *from;     /* the From address */
    const char *base_url; /* links are BASE_URL/n/TOKEN (NULL: OR_NOTIFY_DEFAULT_BASE_URL) */
    int max_attempts;     /* then failed (0: 10) */
    int retry_base;       /* seconds before the 2nd attempt, doubled each time (0: 60) */
    int retry_max;        /* the longest wait (0: 3600) */
    int lease;            /* seconds a claimed message is held by its sender (0: 300) */
    bool no_enqueue;      /* only deliver what is in the outbox */
    or_enqueue_opts enqueue;
} or_sender_opts;

/* The wait before the next attempt after `attempts` failed ones: retry_base * 2^(attempts-1),
 * at most retry_max (both in seconds, 0: their defaults). */
int64_t or_sender_backoff(int attempts, int retry_base, int retry_max);

/* One line about what the sender did, for a log. */
typedef void (*or_sender_log)(void *ctx, const char *line);

typedef struct {
    or_enqueue_result enqueued;
    int sent, retrying, failed;
} or_send_result;

/* What a sender remembers between passes: the database's fingerprint, the day and the
 * recipients when the outbox was last filled (a pass fills it only when one has changed). */
typedef struct {
    char fingerprint[OR_FINGERPRINT_LEN];
    or_date day;
    uint64_t recipients;
    bool primed;
} or_sender_state;

/* One pass: fill the outbox from the duties (unless no_enqueue, or nothing has changed since
 * the pass that used state; state may be NULL), then claim and send every message due, until
 * none is left, the SMTP server cannot be reached (the rest wait for the next pass) or *stop
 * (may be NULL) becomes true. */
or_code or_sender_pass(or_store *s, const or_sender_opts *o, or_sender_state *state,
                       atomic_int *stop, or_send_result *r, or_sender_log log, void *ctx,
                       or_error *err);

/* Passes every `poll` seconds (0: 30) on its own connection to db_url until *stop becomes
 * true. A failed pass is logged and the connection opened again for the next one. */
or_code or_sender_run(const char *db_url, const or_sender_opts *o, int poll, atomic_int *stop,
                      or_sender_log log, void *ctx, or_error *err);

#endif
