/* letters.h - the statutory letters a school sends about a suspension or a permanent exclusion
 * (issue 8): the kinds of letter as data (which events each is written for, to whom, and which
 * rules' duties sending it does), filling one from plain facts into structured paragraphs and
 * key dates, and the letter's text as the school edits it (paragraphs separated by blank
 * lines, list items starting "- ").
 *
 * Every date is counted in school days on the excluding school's calendar (DOMAIN.md §2: AFTER,
 * NTH, deemed service), as the duties of duties.h count them, so that a letter and the duties
 * list always give the same dates. Pure: no I/O; what a filled letter holds lives in the
 * caller's arena. The web pages and the CLI render the paragraphs (HTML, text, PDF). */
#ifndef ONROLL_LETTERS_H
#define ONROLL_LETTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/error.h"
#include "onroll/facts.h"
#include "onroll/params.h"
#include "onroll/sb.h"
#include "onroll/settings.h"

/* ---- kinds of letter (data) ---- */

enum { OR_LETTER_MAX_CLOSES = 3 };

typedef struct {
    const char *id;      /* "suspension-parent": what the CLI's --kind and the store take */
    const char *title;   /* "Suspension: letter to the parents" */
    const char *purpose; /* one plain sentence: what the letter is for */
    unsigned events;     /* OR_LETTER_EV(kind) bits: the exclusions it is written for */
    const char *to;      /* the `to` of the action recorded when it is sent */
    /* the rules whose duty for the event sending it does, each where it applies (NULL-ended) */
    const char *closes[OR_LETTER_MAX_CLOSES + 1];
    const char *outcome; /* the board's decision it gives ("upheld", "reinstated"), or NULL */
} or_letter_kind;

#define OR_LETTER_EV(k) (1u << (k))

size_t or_letter_kinds_count(void);
const or_letter_kind *or_letter_kind_at(size_t i);
const or_letter_kind *or_letter_kind_find(const char *id); /* NULL if none */
/* Is kind k written for an event of type ev whose duties are of the rules rules[0..n)? When
 * ev is one of its events and at least one rule it closes is among them. */
bool or_letter_kind_applies(const or_letter_kind *k, or_event_kind ev, const char *const *rules,
                            int n);

/* ---- filling a letter ---- */

/* What a letter says, as plain facts. Strings are borrowed. */
typedef struct {
    const or_letter_kind *kind;
    const char *school;   /* the school's name */
    const char *pupil;    /* "Forename Surname" */
    const char *forename; /* how the letter names the pupil after the first time; NULL: pupil */
    const char *parent;   /* whom "Dear ..." names; NULL: a gap for the school to fill */
    or_date dob;          /* OR_DATE_NONE: taken to be of compulsory school age */
    or_event_kind type;   /* OR_EV_SUSPENSION, OR_EV_LUNCHTIME or OR_EV_PERMANENT */
    const char *event_id;
    or_date start, decided; /* decided OR_DATE_NONE: the start */
    int sessions;           /* half-day sessions (a lunchtime suspension: lunchtimes) */
    const char *reasons;    /* census reason codes, "DB;VA" */
    or_date exam;           /* a public examination or national test missed, or OR_DATE_NONE */
    /* the pupil's suspensions at the school in the (most loaded) term the exclusion falls in,
     * it included, in half-days (duties.h's term total) */
    int term_halfdays;
    or_date run_start;    /* the first day of its run of back-to-back suspensions; NONE: its own */
    or_date board_told;   /* when the board's notice was received (deemed); NONE: not yet sent, so
                             counted from the decision (DOMAIN.md §3) */
    or_date send_on;      /* the day the letter is sent (a board's decision: the review deadline
                             counts from it); OR_DATE_NONE: the day it is dated */
    const char *delivery; /* "hand", "email" or "post"; NULL or "": handed over */
    or_date dated;        /* the date on the letter */
    const char *la_contact; /* the LA's exclusions team; NULL: a gap for the school to fill */
    /* the settings people fill once (settings.h); NULL or "": a gap, which
     * or_letter_missing_settings names */
    const char *head_teacher;   /* signs the school's letters */
    const char *clerk_name;     /* the clerk to the governing board: representations, the
                                   board's letters */
    const char *clerk_email;    /* where to write to the clerk, with or instead of the address */
    const char *school_address; /* lines ("\n"): heads the letter; the clerk's address */
    const or_calendar *cal;     /* the school's calendar */
    const or_params *p;         /* the LA's deadlines and thresholds */
} or_letter_facts;

/* A paragraph: text (may hold line breaks; "" when it is only a list), then a list. */
typedef struct {
    const char *text;
    const char **items;
    int nitems;
} or_letter_para;

/* A date the letter gives, and the rule it comes from (NULL: none). */
typedef struct {
    const char *label;
    or_date date;
    const char *rule;
} or_letter_date;

typedef struct {
    const or_letter_kind *kind;
    const char *title; /* the heading: "Suspension of Jayden Campbell" */
    or_letter_para *paras;
    int nparas;
    or_letter_date *dates;
    int ndates;
    /* the school days the exclusion covers (a permanent exclusion: its first five), those on
     * which the pupil must not be in a public place in school hours, and the first day of
     * full-time provision (OR_DATE_NONE: none) */
    or_date *days;
    int ndays;
    or_date *public_days;
    int npublic;
    or_date provision_from;
    or_date review_deadline; /* a board's decision upholding a permanent exclusion */
} or_letter;

/* Fill a letter. OR_EINPUT, naming the field and value, when the facts cannot make it: a
 * kind not written for the event's type, no calendar, a calendar that ends before the days
 * the letter must count. */
or_code or_letter_fill(const or_letter_facts *f, or_arena *a, or_letter *out, or_error *err);

/* The facts of exclusion e from the pupil's ledger as of as_of (the calendar of e's school,
 * the term total, the run of back-to-back suspensions, the board's notice): everything but
 * kind, school, pupil, forename, send_on, delivery, dated and la_contact, which the caller
 * sets. OR_EINPUT when e is not a suspension or permanent exclusion. */
or_code or_letter_facts_from(const or_pupil_facts *pf, const or_fact_event *e, const or_params *p,
                             or_date as_of, or_letter_facts *out, or_error *err);

/* "Friday 24 October 2025" into buf (32 bytes); "" for OR_DATE_NONE. */
const char *or_letter_date_words(or_date d, char buf[32]);

/* ---- the letter's text ---- */

enum { OR_LETTER_BODY_MAX = 24000, OR_LETTER_PARAS_MAX = 80 };

/* The letter's paragraphs as the text the school edits: paragraphs separated by a blank line,
 * a list item a line starting "- ". */
void or_letter_text(const or_letter *l, or_sb *out);
/* Read such a text back into paragraphs (out->paras, out->nparas; the rest untouched).
 * "\r\n" counts as a line break; blank lines (spaces only) separate paragraphs; a line after a
 * list item that does not start "- " continues the item. */
void or_letter_parse(const char *body, or_arena *a, or_letter *out);
/* Can the text be kept as a letter? Not empty, valid UTF-8, no control character but line
 * breaks and tabs, at most OR_LETTER_BODY_MAX bytes and OR_LETTER_PARAS_MAX paragraphs. The
 * message names the problem and where it is. */
or_code or_letter_check_body(const char *body, or_error *err);
/* The first gap left for the school to fill ("[name of parent or carer]"), copied into out
 * (at most size - 1 bytes); false when there is none. */
bool or_letter_gap(const char *body, char *out, size_t size);
/* The settings (settings.h) whose gaps the text still holds, each once, in the order of
 * settings.h, into out (at most max); returns how many. The gaps a setting fills: the LA team's
 * contact (la.team_email), the head teacher's name, the clerk's name and address (clerk_name),
 * the clerk's address alone (clerk_email, or the school's address). */
int or_letter_missing_settings(const char *body, or_setting_id *out, int max);

#endif
