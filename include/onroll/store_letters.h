/* store_letters.h - the letters a school has written (008_letters.sql): drafts it may edit, and
 * sent letters, frozen. All SQL lives in src/store/letters.c, always with parameters.
 *
 * A draft is changed only while it is not sent: every update says so in its WHERE clause, so
 * that two people (or a repeated form) cannot change a letter after it went, whatever the
 * engine. Sending is one update (the day, the way, who) that the caller makes inside the same
 * transaction as the `action` events that do the letter's duties. */
#ifndef ONROLL_STORE_LETTERS_H
#define ONROLL_STORE_LETTERS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* One letter. Strings live in the arena given to the read; "" when not recorded. */
typedef struct {
    int64_t id;
    int urn;
    const char *event_id, *upn, *kind;
    const char *title, *body; /* the letter's heading ("Suspension of ..."), its text */
    const char *created_by, *created_at, *updated_by, *updated_at;
    const char *sent_at, *sent_by, *sent_on, *delivery; /* "" while a draft */
} or_letter_row;

static inline bool or_letter_row_sent(const or_letter_row *r)
{
    return r->sent_at && *r->sent_at;
}

/* Store a new draft (urn, event_id, upn, kind, title, body, created_by); r->id and the times
 * are set. */
or_code or_letter_add(or_store *s, or_letter_row *r, or_error *err);
/* Letter id, or *found false. */
or_code or_letter_get(or_store *s, int64_t id, or_arena *a, or_letter_row *out, bool *found,
                      or_error *err);
/* The letters about event event_id of school urn, oldest first (into an array in a). */
or_code or_letters_of_event(or_store *s, int urn, const char *event_id, or_arena *a,
                            or_letter_row **out, int *n, or_error *err);
/* Replace a draft's text. OR_ECONFLICT when it has been sent (it is then unchanged);
 * OR_ENOTFOUND when there is no such letter. */
or_code or_letter_save(or_store *s, int64_t id, const char *body, const char *user, or_error *err);
/* Mark a draft as sent on sent_on (YYYY-MM-DD) by delivery (hand, email, post), by user.
 * OR_ECONFLICT when it had been sent already; OR_ENOTFOUND when there is no such letter. */
or_code or_letter_mark_sent(or_store *s, int64_t id, const char *sent_on, const char *delivery,
                            const char *user, or_error *err);

#endif
