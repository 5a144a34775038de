/* store_outbox.h - partner notifications in the database: the addresses of each partner service,
 * the outbox of messages (001_init.sql, 007_notify.sql) and its one-click acknowledgement
 * tokens. All SQL lives in src/store/outbox.c, in the store's portable dialect, always with
 * parameters. Times are passed in as seconds since the epoch (so that tests need not wait) and
 * stored as ISO 8601 UTC text.
 *
 * The life of a message: or_outbox_add (pending, once per rule, exclusion and address: adding
 * it again changes nothing) -> or_outbox_claim (sending, under a lease, in one transaction) ->
 * the SMTP server accepts it -> or_outbox_mark_sent (another transaction); or the attempt
 * fails -> or_outbox_mark_failed (pending again from a later time, or failed for good). A
 * sender that dies between claim and mark leaves the row sending: once its lease has passed,
 * the next claim takes it again and it is sent again with the same Message-ID (at least once,
 * never lost). A recipient's click (or_outbox_acknowledge) also proves delivery. */
#ifndef ONROLL_STORE_OUTBOX_H
#define ONROLL_STORE_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/store.h"
#include "onroll/store_scope.h"

/* ---- the addresses of each partner service ---- */

typedef struct {
    int64_t id;
    const char *service; /* a service id of notify.h */
    const char *email;   /* lower case */
    const char *added_by, *added_at;
} or_recipient;

typedef or_code (*or_recipient_cb)(void *ctx, const or_recipient *r, or_error *err);

/* Add an address to a service. OR_EINPUT (naming the field and value) for a service that is
 * not one of notify.h's or an email that is not an address; *added false when it was there
 * already (nothing changes). */
or_code or_recipient_add(or_store *s, const char *service, const char *email, const char *by,
                         int64_t now, bool *added, or_error *err);
/* Remove an address from a service (OR_ENOTFOUND if it was not there). When the address then
 * serves no service at all, its messages not yet sent (pending, failed) are cancelled:
 * *cancelled says how many (may be NULL). */
or_code or_recipient_remove(or_store *s, const char *service, const char *email, int64_t *cancelled,
                            or_error *err);
/* Every address, by service then email. */
or_code or_recipients_each(or_store *s, or_recipient_cb cb, void *ctx, or_error *err);

/* ---- what to notify ---- */

/* The pupils with a suspension, lunchtime suspension or permanent exclusion decided (its
 * `decided` date, else its start) from `from` to `to` inclusive: each once, in order. */
or_code or_notify_candidates(or_store *s, or_date from, or_date to, or_upn_cb cb, void *ctx,
                             or_error *err);

/* The pupils with attendance marks in school years ay_from to ay_to who are, by any snapshot or
 * caseload, looked after, in need, on a protection plan or with a social worker: those
 * LOCAL-ATTEND-ALERT may alert about (attend_alert.h decides, day by day); each once, in order. */
or_code or_notify_attend_candidates(or_store *s, int ay_from, int ay_to, or_upn_cb cb, void *ctx,
                                    or_error *err);

/* ---- the outbox ---- */

typedef struct {
    const char *rule; /* "LOCAL-NOTIFY-PARTNERS" */
    int urn;
    const char *event_id;
    const char *services; /* service ids, comma-separated (notify.h or_services_ids) */
    const char *recipient;
    const char *subject, *body; /* the body holds OR_NOTIFY_LINK where the link goes */
    const char *msgid_domain;   /* the right-hand side of its Message-ID */
} or_outbox_new;

/* Add a message (pending, due at once) unless one for the same rule, exclusion and recipient
 * exists: *id is the new row's id, or 0 when it existed (nothing changes). Its Message-ID,
 * "<onroll.ID.RANDOM@DOMAIN>", is fixed here and never changes. */
or_code or_outbox_add(or_store *s, const or_outbox_new *m, int64_t now, int64_t *id, or_error *err);

typedef struct {
    int64_t id;
    const char *created_at, *rule, *event_id, *services, *recipient, *subject, *body;
    const char *status; /* pending, sending, sent, failed, cancelled */
    int urn, attempts;
    const char *next_attempt_at, *sent_at, *acknowledged_at, *message_id, *lease_until;
    const char *last_attempt_at, *last_error; /* every time "" when not set */
    /* the exclusion and its school, when known ("" / OR_DATE_NONE / -1 otherwise) */
    const char *upn, *event_type, *school;
    or_date event_start;
    int sessions;
} or_outbox_row;

/* Claim the oldest message due at `now` - pending with no next attempt or one not after now,
 * or sending with its lease passed (its sender died) - and not acknowledged: in one
 * transaction, it becomes sending with attempts + 1 and lease_until = now + lease seconds,
 * and `token` (this attempt's one-click token; only its SHA-256 is stored) is recorded for it.
 * *found false when nothing is due. Strings of *out are allocated in a. */
or_code or_outbox_claim(or_store *s, int64_t now, int lease, const char *token, or_arena *a,
                        or_outbox_row *out, bool *found, or_error *err);
/* The SMTP server accepted message id: sent (the first time it was is kept). */
or_code or_outbox_mark_sent(or_store *s, int64_t id, int64_t now, or_error *err);
/* An attempt of message id failed with `error`: pending again, due at retry_at, or failed for
 * good when give_up. A message no longer sending (sent or acknowledged meanwhile) is left. */
or_code or_outbox_mark_failed(or_store *s, int64_t id, int64_t now, int64_t retry_at, bool give_up,
                              const char *error, or_error *err);
/* Send a failed message again (pending, attempts from 0); *found false if id is not failed. */
or_code or_outbox_retry(or_store *s, int64_t id, int64_t now, bool *found, or_error *err);
/* How many messages of one exclusion's duty (rule, urn, event_id) are not yet sent (cancelled
 * ones aside): 0 once every partner has been sent theirs. */
or_code or_outbox_unsent(or_store *s, const char *rule, int urn, const char *event_id,
                         int64_t *unsent, or_error *err);

/* The message of a one-click token (any attempt's); *found false for an unknown token. */
or_code or_outbox_by_token(or_store *s, const char *token, or_arena *a, or_outbox_row *out,
                           bool *found, or_error *err);
/* Acknowledge message id at now; *already true when it had been (then nothing changes). A
 * message acknowledged is delivered: one still pending, sending or failed becomes sent. */
or_code or_outbox_acknowledge(or_store *s, int64_t id, int64_t now, bool *already, or_error *err);

typedef struct {
    const char *status;  /* exact, or NULL / "" for any */
    int acknowledged;    /* -1 any; 0 awaiting acknowledgement (not cancelled); 1 acknowledged */
    const char *service; /* a service id: messages for it, or NULL / "" */
    int urn;             /* 0: any school */
    int64_t before_id;   /* only older rows (paging), 0 for none */
    int limit;           /* 0: 100 */
} or_outbox_query;

typedef or_code (*or_outbox_cb)(void *ctx, const or_outbox_row *r, or_error *err);
/* Matching messages, newest first; rows valid during the call only. */
or_code or_outbox_search(or_store *s, const or_outbox_query *q, or_outbox_cb cb, void *ctx,
                         or_error *err);

typedef struct {
    int64_t pending, sending, sent, failed, cancelled;
    int64_t unacknowledged; /* not acknowledged and not cancelled */
} or_outbox_counts;
or_code or_outbox_count(or_store *s, or_outbox_counts *out, or_error *err);

#endif
