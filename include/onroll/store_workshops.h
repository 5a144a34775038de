/* store_workshops.h - workshops, their participants, reveals, notes and change counter
 * (workshops.h; migration 035; docs/workshops.md). The caller holds the transaction of a write
 * and writes its audit line in it. Strings out are in the caller's arena. */
#ifndef ONROLL_STORE_WORKSHOPS_H
#define ONROLL_STORE_WORKSHOPS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/accounts.h"
#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/store.h"

typedef struct {
    int64_t id;
    const char *title;
    const char *scope;  /* workshops.h or_ws_scopes */
    int urn;            /* one school's, else 0 */
    const char *series; /* "" none */
    or_date held_on;
    const char *mode;        /* or_ws_modes */
    const char *facilitator; /* the user's email */
    int64_t changes;         /* the change counter */
    const char *created_by, *created_at;
} or_workshop;

typedef struct {
    int64_t id, workshop;
    const char *email; /* "" for a guest */
    const char *name, *role, *organisation, *sector;
    bool name_consent;
    bool guest;          /* no account: joins through a one-time link */
    int64_t joined_at;   /* a guest's: seconds since the epoch when the link was used, else 0 */
    const char *purpose; /* the warm-up answer, "" none */
} or_ws_participant;

/* ---- workshops ---- */

/* Add a workshop (w->id, changes, created_at ignored); its id out. */
or_code or_workshop_add(or_store *s, const or_workshop *w, const char *user, int64_t *id,
                        or_error *err);
/* One workshop; *found false when there is none. */
or_code or_workshop_get(or_store *s, int64_t id, or_arena *a, or_workshop *out, bool *found,
                        or_error *err);
/* Every workshop, latest first (the pages choose what a user sees). */
or_code or_workshop_list(or_store *s, or_arena *a, or_workshop **out, int *n, or_error *err);
/* The workshops of a series ("" gives none), oldest first. */
or_code or_workshop_series(or_store *s, const char *series, or_arena *a, or_workshop **out, int *n,
                           or_error *err);
/* The ids of the workshops in which email is a participant. */
or_code or_workshop_joined(or_store *s, const char *email, or_arena *a, int64_t **ids, int *n,
                           or_error *err);

/* ---- the change counter: bumped by every change to a workshop's boards ---- */

/* Add one to the counter; its new value out. */
or_code or_workshop_bump(or_store *s, int64_t id, int64_t *counter, or_error *err);
/* The counter now (0 for an unknown workshop). */
or_code or_workshop_counter(or_store *s, int64_t id, int64_t *counter, or_error *err);

/* ---- participants ---- */

/* The participants of a workshop, in the order they were added. */
or_code or_ws_participants(or_store *s, int64_t workshop, or_arena *a, or_ws_participant **out,
                           int *n, or_error *err);
/* Add a participant (p->id, joined_at, purpose ignored). An account's: p->email set, token NULL.
 * A guest's: p->email "", and a new one-time join token made, out in token (only its hash is
 * kept). The new id out. */
or_code or_ws_participant_add(or_store *s, const or_ws_participant *p, const char *user,
                              char token[OR_TOKEN_LEN + 1], int64_t *id, or_error *err);
/* Remove a participant (with their answer). */
or_code or_ws_participant_remove(or_store *s, int64_t workshop, int64_t id, or_error *err);
/* The participant of a workshop with this account's email (0 when none). */
or_code or_ws_participant_of(or_store *s, int64_t workshop, const char *email, int64_t *id,
                             or_error *err);

typedef enum {
    OR_WS_JOIN_NONE, /* no such link */
    OR_WS_JOIN_OPEN, /* a link not yet used */
    OR_WS_JOIN_USED, /* used already: refused */
} or_ws_join_state;

/* What a join token is: its participant (and workshop, name) when it is a link of one. */
or_code or_ws_join_peek(or_store *s, const char *token, or_ws_join_state *state, int64_t *workshop,
                        int64_t *participant, or_arena *a, const char **name, or_error *err);
/* Use a join token once: when it is open, it becomes used at now, the guest's name and consent
 * are set, and a new session token is made for the guest's cookie (out in session; only its
 * hash is kept). *state says what the token was; only OR_WS_JOIN_OPEN joined. */
or_code or_ws_join(or_store *s, const char *token, int64_t now, const char *name, bool name_consent,
                   or_ws_join_state *state, int64_t *workshop, int64_t *participant,
                   char session[OR_TOKEN_LEN + 1], or_error *err);
/* The guest of a session cookie: its workshop and participant, and when it joined; *found false
 * when the token is none. */
or_code or_ws_guest(or_store *s, const char *session, int64_t *workshop, int64_t *participant,
                    int64_t *joined_at, bool *found, or_error *err);

/* ---- the warm-up, reveals, notes ---- */

/* Set a participant's warm-up answer (of that workshop). */
or_code or_ws_purpose_set(or_store *s, int64_t workshop, int64_t participant, const char *text,
                          or_error *err);
/* Reveal a tool's drafts to every participant (again: nothing changes). */
or_code or_ws_reveal(or_store *s, int64_t workshop, const char *tool, const char *user,
                     or_error *err);
/* Has the tool been revealed? */
or_code or_ws_revealed(or_store *s, int64_t workshop, const char *tool, bool *yes, or_error *err);

typedef struct {
    const char *tool;
    int question; /* 1-based */
    const char *note;
} or_ws_note;

/* The notes of a workshop, by tool and question. */
or_code or_ws_notes(or_store *s, int64_t workshop, or_arena *a, or_ws_note **out, int *n,
                    or_error *err);
/* Set one question's note ("" removes it). */
or_code or_ws_note_set(or_store *s, int64_t workshop, const char *tool, int question,
                       const char *note, const char *user, or_error *err);

#endif
