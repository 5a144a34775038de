/* view.h (internal) - what the dashboard, school, pupils and pupil pages share: the LA snapshot
 * (view_cache.c: the whole model with every pupil's duties and flags as of today, the pupils'
 * names, the schools' figures and who is sharing data, built once and kept while the database
 * does not change), the list of pupils a user may see (view_scope.c), and the HTML pieces the
 * pages have in common (view_common.c: dates, tags, tables of duties, pupils and exclusions).
 *
 * Everything here writes through html.h's escaping helpers, like the pages. */
#ifndef ONROLL_WEB_VIEW_H
#define ONROLL_WEB_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/duties.h"
#include "onroll/labels.h"
#include "onroll/model.h"
#include "onroll/store_outbox.h"
#include "onroll/report.h"
#include "onroll/risk.h"
#include "onroll/store_sharing.h"
#include "web/govuk.h"

/* ---- view_cache.c: the LA snapshot ---- */

/* One pupil of the model, with what the rules say about them today. */
typedef struct {
    const char *upn;
    const char *name;       /* "Forename Surname" of the latest snapshot; "" when none */
    const char *year_group; /* the year group's code today ("9", "R"; yeargroup.h); "" if none */
    const char *year_words; /* the same in words ("Year 9", "Reception"); "" if none */
    const or_pupil_facts *f;
    int urn;               /* the school of the main registration today, else of the latest
                              enrolment; 0 when none */
    int duty0, nduties;    /* the pupil's duties: snap->duties.items[duty0 .. + nduties) */
    int flag0, nflags;     /* the pupil's flags: snap->flags.items[flag0 .. + nflags) */
    int overdue, due_soon; /* duties overdue; open and due within VIEW_DUE_SOON_DAYS */
} view_pupil;

/* Data sharing: a school is up to date when its latest rows arrived within VIEW_SHARING_LATE
 * days, late within VIEW_SHARING_STOPPED days, and not sharing after that (or never). */
enum { VIEW_DUE_SOON_DAYS = 7, VIEW_SHARING_LATE = 7, VIEW_SHARING_STOPPED = 28 };

typedef enum { VIEW_SHARE_OK, VIEW_SHARE_LATE, VIEW_SHARE_STOPPED, VIEW_SHARE_NEVER } view_share;

typedef struct {
    int urn;
    const char *name, *phase;
    const char *route;       /* "file", "ctf", "form", "api", "demo", "" */
    const char *source;      /* the latest source's name */
    const char *received_at; /* ISO 8601 UTC, "" when never */
    const char *detail;      /* a CTF's version and supplier, "" when none */
    int days;                /* days since received_at (-1 when never) */
    view_share share;
    int row; /* the school's row in report[] (the same in both), -1 when none */
} view_school;

typedef struct view_snapshot {
    int refs; /* view_cache.c's lock */
    char key[OR_FINGERPRINT_LEN];
    int64_t built; /* seconds since the epoch */
    double build_ms;
    or_date as_of; /* today, when built */
    int ay;        /* its academic year */
    or_arena arena;
    or_model *model;
    view_pupil *pupils; /* sorted by upn */
    int npupils;
    or_duty_list duties; /* every pupil's, in pupil order */
    or_flag_list flags;
    view_school *schools; /* by urn */
    int nschools;
    or_table report[2]; /* schools against the LA this year: [0] suppressed, [1] not */
    bool have_report;
    struct view_memo *memos; /* view_memo_get/put, under view_cache.c's lock */
    int nmemos;
} view_snapshot;

/* The LA snapshot as of today for req's store: the cached one while the database's
 * fingerprint (store_sharing.h) and the day are unchanged and it is younger than VIEW_CACHE_MAX_AGE
 * seconds, else a new one (built by one request while the others wait). Hold it with
 * view_snapshot_get, give it back with view_snapshot_put. */
enum { VIEW_CACHE_MAX_AGE = 60 };
or_code view_snapshot_get(const web_request *req, view_snapshot **out, or_error *err);
void view_snapshot_put(view_snapshot *snap);
/* A page or download on the snapshot: fn with it, then it is put back; a snapshot that cannot
 * be worked out is the 500 page, saying "WHAT could not be worked out". */
typedef void (*view_snapshot_fn)(const web_request *req, web_response *res, view_snapshot *snap);
void view_with_snapshot(const web_request *req, web_response *res, const char *what,
                        view_snapshot_fn fn);

/* Results worked out once per snapshot and kept with it (the pupils in a user's scope): the
 * data stored under key (and its length in *n), or NULL. view_memo_put takes data (malloc'd,
 * *n long; freed with the snapshot) and returns what is stored under key, with its length in
 * *n: data, or what another request stored first (then data is freed). At most VIEW_MEMO_MAX
 * entries are kept; past that, put returns data unstored (*kept false: the caller frees it). */
enum { VIEW_MEMO_MAX = 2000 };
const void *view_memo_get(view_snapshot *snap, const char *key, int *n);
const void *view_memo_put(view_snapshot *snap, const char *key, void *data, int *n, bool *kept);

const view_pupil *view_find_pupil(const view_snapshot *snap, const char *upn);
const view_school *view_find_school(const view_snapshot *snap, int urn);
const char *view_school_name(const view_snapshot *snap, int urn); /* "URN 123456" if unknown */
/* The same outside a snapshot (one is got and put back), copied into the request's arena;
 * "URN 123456" when no snapshot can be worked out. */
const char *view_school_label(const web_request *req, int urn);
/* The column of a report table by name, -1 if none; a cell's text ("" out of range). */
int view_report_col(const or_table *t, const char *name);
const char *view_report_cell(const or_table *t, int row, const char *col);

/* ---- view_scope.c: the pupils a user may see ---- */

/* The pupils of the snapshot in the signed-in user's scope, each confirmed by
 * web_can_see_pupil (scope.c decides; the snapshot only narrows the candidates), sorted by
 * UPN: an array of pointers into snap, valid while the snapshot is held (worked out once per
 * user and snapshot, then kept with it; not to be modified), and its length. The analyst
 * gets none. */
or_code view_scope_pupils(const web_request *req, view_snapshot *snap,
                          const view_pupil *const **out, int *n, or_error *err);

/* The user's previous visit: the time of their previous sign-in (the audit log's sign_in
 * row before this session began) as ISO 8601 UTC into since; *first when there is none (then
 * since is 7 days ago). */
void view_last_visit(const web_request *req, char since[32], bool *first);

/* ---- view_common.c: HTML pieces ---- */

/* "24 November 2026" (or "" for OR_DATE_NONE) into buf[24]. */
const char *view_date(or_date d, char buf[24]);
/* An ISO 8601 UTC time as "24 November 2026 at 9:30am" into buf[48] ("" if unreadable). */
const char *view_time(const char *iso, char buf[48]);
/* The day of an ISO 8601 time ("2026-11-24T09:30:00Z" -> that day), OR_DATE_NONE if none. */
or_date view_iso_day(const char *iso); /* view_time.c */
/* "2026-11-24T09:30:00Z" as seconds since the epoch; -1 if it is not that (view_time.c). */
int64_t view_iso_seconds(const char *iso);
/* A GOV.UK tag: colour NULL (blue), "grey", "green", "red", "yellow", "orange", ... */
void view_tag(or_sb *out, const char *text, const char *colour);
/* An event type for people: "suspension" -> "Suspension", "permanent" -> "Permanent exclusion". */
/* An event by what and when ("Suspension from 8 December 2026, 3 days": labels.h
 * or_event_name), in the arena: the one name headings, titles and links use. */
const char *view_event_name(or_arena *a, const or_fact_event *e);
/* Does text find the pupil: the start of its UPN, or a part of its name (any case); "" finds
 * every pupil (the lists' pupil filter). */
bool view_pupil_matches(const char *text, const view_pupil *p);
/* Whether an event id is one onroll made (a web form's "WEB-..."): never shown to people. */
bool view_internal_id(const char *event_id);
const char *view_event_label(const char *type);
/* Exclusion reason codes ("PA;VP", valid on d) as their descriptions, separated by "; ". */
void view_reasons(or_sb *out, const char *reasons, or_date d);
/* A route of data for people: "api" -> "MIS API", "file" -> "File upload"... */
const char *view_route_label(const char *route);
/* A data-sharing state: its words and its tag's colour. */
const char *view_share_label(view_share s, const char **colour);
/* A school's place against the LA (the schools report's funnel column) as a tag: "of concern"
 * red, "watch" orange, "within" grey, "low" and "very low" blue; "c" and "z" as text. */
void view_funnel_tag(or_sb *out, const char *funnel);
/* The tag colour of a duty's status, and its words ("Overdue", "Due", "Done"). */
const char *view_duty_status(or_duty_status s, const char **colour);

/* A table of duties (caption; the pupil column when names is a snapshot to name them from,
 * the school column when show_school). At most max rows, then how many more there are. */
void view_duties_table(or_sb *out, const web_request *req, const char *caption,
                       const or_duty *const *duties, int n, const view_snapshot *names,
                       bool show_school, int max);
/* A table of pupils: name (a link to the record), UPN, year group, school, indicators,
 * duties overdue. */
void view_pupils_table(or_sb *out, const web_request *req, const char *caption,
                       const view_snapshot *snap, const view_pupil *const *pupils, int n);
/* A table cell naming school urn: a link to its page when the user may see it. */
void view_td_school(or_sb *out, const web_request *req, const view_snapshot *snap, int urn);
/* Key figures: a row of up to 4 numbers with their labels (text: already formatted, e.g. "c"). */
typedef struct {
    const char *value, *label;
    const char *href; /* a local link for the label, or NULL */
} view_figure;
void view_figures(or_sb *out, const view_figure *f, int n);
/* A count as published: "c" for 1..2 when suppress, else the number; into buf[24]. */
const char *view_count(int64_t n, bool suppress, char buf[24]);

/* ---- page_notifications.c: partner notifications ---- */

/* What a message is about, in words: "Suspension of 2 days from 6 October 2025" (its subject
 * when the exclusion is not in the ledger). No detail of the child. */
const char *view_notice_what(const or_outbox_row *r, char *buf, size_t size);
/* The services a message is for: their labels in a sentence ("the MASH and the safeguarding
 * partnership"), or with names, their names as a list ("MASH (...), Safeguarding partnership"). */
const char *view_notice_services(const or_outbox_row *r, bool names, char *buf, size_t size);
/* A message's state for people ("Acknowledged", "Failed", "Sent, not acknowledged"...) and its
 * tag's colour. */
const char *view_notice_status(const or_outbox_row *r, const char **colour);
/* The LA dashboard's section "Notifications not acknowledged": how many, how many failed, and
 * the newest of them (service, school, event date, sent, attempts, status). */
void view_notifications_panel(or_sb *out, const web_request *req, const view_snapshot *snap);
/* ---- page_outcomes.c ---- */

/* The pupil page's "Outcomes" section: the latest outcome measurements the user sees (a school:
 * its own school's) and a link to /pupils/{upn}/outcomes. */
void page_outcomes_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                           const char *upn);

#endif
