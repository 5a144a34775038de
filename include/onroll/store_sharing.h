/* store_sharing.h - who is sending their data, and where each row came from (the sources table of
 * 001_init.sql): for every school, when its latest rows (events, enrolments, attendance)
 * arrived and by which route (a file, a form, the MIS API, the demo generator), so that the LA
 * sees which schools are not sharing; the exclusions that arrived after a moment (the LA
 * dashboard's "since your last visit"); every event of one pupil with its source (a pupil's
 * timeline); and a cheap fingerprint of the database's content, for caches. All SQL lives in
 * src/store/sharing.c, always with parameters.
 *
 * Source ids grow with time (each import, form, API call or demo run adds one row to sources,
 * with its received_at), so "the latest source of a school" is its rows' largest src_id. */
#ifndef ONROLL_STORE_SHARING_H
#define ONROLL_STORE_SHARING_H

#include <stdint.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/store.h"

/* One school and the latest source of its rows. Strings are valid during the callback. */
typedef struct {
    int urn;
    const char *name, *phase;
    int64_t src_id;          /* 0: nothing of the school has ever arrived */
    const char *route;       /* sources.kind: "file", "ctf", "form", "api", "demo"; "" when none */
    const char *source;      /* the source's name (a file name, "api", ...); "" when none */
    const char *received_at; /* ISO 8601 UTC ("2026-11-24T09:30:00Z"); "" when none */
    const char *detail;      /* a CTF's version and supplier; "" when none */
} or_school_sharing;

typedef or_code (*or_sharing_cb)(void *ctx, const or_school_sharing *r, or_error *err);
/* Every school (by URN) with the latest source of its events, enrolments and attendance (the
 * rows a school sends; the schools table and the calendar come from the LA). */
or_code or_sharing_schools(or_store *s, or_sharing_cb cb, void *ctx, or_error *err);

/* An exclusion as it arrived. */
typedef struct {
    int64_t id;                        /* the event's ledger id */
    const char *upn, *event_id, *type; /* type: "suspension", "lunchtime" or "permanent" */
    int urn;
    or_date start;
    int sessions;                    /* -1 when not recorded */
    const char *route, *received_at; /* of its source */
} or_received_event;

typedef or_code (*or_received_cb)(void *ctx, const or_received_event *e, or_error *err);
/* Suspensions, lunchtime suspensions and permanent exclusions whose source arrived after
 * `since` (ISO 8601 UTC, compared as text), newest arrival first. */
or_code or_exclusions_received_since(or_store *s, const char *since, or_received_cb cb, void *ctx,
                                     or_error *err);

/* Where one event came from. */
typedef struct {
    int64_t id;              /* the event's ledger id (or_fact_event.seq) */
    const char *route;       /* sources.kind */
    const char *source;      /* its name: the file, "api", the demo's command line */
    const char *received_at; /* ISO 8601 UTC */
    const char *user;        /* who sent it, "" when not recorded */
    int64_t line;            /* the row's line in the file (or array index + 1) */
} or_event_source;

typedef or_code (*or_event_source_cb)(void *ctx, const or_event_source *e, or_error *err);
/* Every event of pupil upn with its source, in the order of receipt. */
or_code or_event_sources(or_store *s, const char *upn, or_event_source_cb cb, void *ctx,
                         or_error *err);

enum { OR_FINGERPRINT_LEN = 96 };
/* A short text that changes whenever rows arrive (every write to the ledger, the roll and the
 * attendance records a source) or the LA's configuration changes: the latest source id, the
 * number of sources and a hash of the configuration's keys and values. Two equal fingerprints
 * mean the same content. */
or_code or_store_fingerprint(or_store *s, char out[OR_FINGERPRINT_LEN], or_error *err);

#endif
