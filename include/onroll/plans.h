/* plans.h - the graduated response's plans as data: for each event type that carries a plan,
 * a review, an assessment or a referral (psp, plan_review, peap, pep, part_time_timetable,
 * referral, referral_update), the fields of its `details` JSON object - name, label, hint,
 * type, whether required, how long - and the event columns its form fills besides (the time
 * limit or end date). One table drives the web forms, the pages that show a plan, the demo
 * generator and the importer's check of a `details` column (rowcheck.c), so a plan sent by a
 * school's MIS is refused with the same words as one typed into the form.
 *
 * `details` holds one JSON string per filled-in field (dates YYYY-MM-DD, yes/no as "yes" and
 * "no", numbers as typed, e.g. "12.5"), an array of strings for a list field, and nothing for
 * an empty one. Keys not in the table are refused unless they start with "x_" (as unknown CSV
 * columns are). Pure functions: no I/O; errors are values naming the field and the value. */
#ifndef ONROLL_PLANS_H
#define ONROLL_PLANS_H

#include <stdbool.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/sb.h"

enum {
    OR_PLAN_MAX_FIELDS = 16, /* fields of one kind */
    OR_PLAN_LIST_MAX = 30,   /* items of a list field */
};

typedef enum {
    OR_PF_TEXT,     /* one line */
    OR_PF_TEXTAREA, /* paragraphs (newlines allowed) */
    OR_PF_DATE,     /* YYYY-MM-DD */
    OR_PF_YESNO,    /* "yes" or "no" */
    OR_PF_NUMBER,   /* a number from 0 to max, at most one decimal place ("12.5") */
    OR_PF_LIST,     /* an array of short strings (event ids of the pupil's interventions) */
} or_plan_ftype;

typedef struct {
    const char *name;  /* the key in `details`: "targets_pupil" */
    const char *label; /* "Targets for the pupil" (a question for the PEAP's pupil voice) */
    const char *hint;  /* or NULL */
    or_plan_ftype type;
    bool required;
    const char *required_when; /* required only when the event's outcome is this, or NULL */
    bool yes_only;             /* a yes/no that must be yes (the parents' agreement) */
    int max;                   /* bytes of text; items of a list; the largest number */
    const char *group;         /* the heading it is shown under on forms and pages, or NULL */
    const char *missing;       /* for people, when required and empty: "Enter the targets for
                                  the pupil" (NULL when never required) */
} or_plan_field;

typedef struct {
    const char *type;       /* the event type: "psp" */
    const char *label;      /* "Pastoral Support Programme" */
    const char *short_name; /* "PSP", used in sentences and buttons */
    const char *start_label;
    const char *end_label; /* the event's `end` on the form ("Time limit"), or NULL */
    const char *end_hint;
    bool end_required; /* the form asks for it (the importer requires it of a timetable only) */
    const or_plan_field *fields;
    int nfields;
} or_plan_kind;

int or_plan_kinds_count(void);
const or_plan_kind *or_plan_kind_at(int i);
/* The kind of an event type, or NULL for a type whose details this table does not describe. */
const or_plan_kind *or_plan_kind_find(const char *type);
/* The index of a field of k, or -1. */
int or_plan_field_index(const or_plan_kind *k, const char *name);

/* A form's or a details object's values, by field index of the kind. */
typedef struct {
    const char *text[OR_PLAN_MAX_FIELDS]; /* scalar fields: the text, "" or NULL when empty */
    const char *const *items[OR_PLAN_MAX_FIELDS]; /* list fields: the items */
    int nitems[OR_PLAN_MAX_FIELDS];
} or_plan_values;

typedef enum {
    OR_PE_EMPTY,   /* required and empty */
    OR_PE_LONG,    /* longer than max bytes */
    OR_PE_TEXT,    /* not valid UTF-8 text (control characters, broken bytes) */
    OR_PE_DATE,    /* not a real date YYYY-MM-DD */
    OR_PE_YESNO,   /* not yes or no */
    OR_PE_NOT_YES, /* a yes_only field answered no */
    OR_PE_NUMBER,  /* not a number from 0 to max */
    OR_PE_MANY,    /* a list with more than max items, or an item too long */
    OR_PE_SHAPE,   /* details: not an object, an unknown key, a value of the wrong JSON type */
} or_plan_problem;

typedef struct {
    const char *field; /* the field's name (or the key as found) */
    int index;         /* the field's index, -1 for a key not in the table */
    or_plan_problem problem;
    char message[300]; /* "targets_pupil: is empty; a Pastoral Support Programme needs it" */
} or_plan_error;

/* Check every field of v against kind k; outcome (the event's, or NULL) decides the fields
 * required only with it. Writes at most max errors, in field order; returns how many there
 * are. */
int or_plan_check(const or_plan_kind *k, const char *outcome, const or_plan_values *v,
                  or_plan_error *errs, int max);

/* The details object of v as compact JSON, keys in field order, empty fields left out, into
 * out (appended). OR_EINPUT if a list item or text is not valid UTF-8 (jansson refuses it). */
or_code or_plan_details_json(const or_plan_kind *k, const or_plan_values *v, or_sb *out,
                             or_error *err);

/* Read a details object written for kind k into v (strings copied into arena). Keys starting
 * with "x_" are skipped; OR_EINPUT naming the key for anything else not in the table or of
 * the wrong JSON type, or for text that is not JSON. */
or_code or_plan_details_read(const or_plan_kind *k, const char *json, or_arena *arena,
                             or_plan_values *v, or_error *err);

/* The importer's check of one event row (rowcheck.c), for the types of this table: a
 * referral's `to` names a referral route (referrals.h); an allocation (referral_update
 * "allocated") names the lead worker in `to`; `details`, when given, reads as the kind's
 * object and passes or_plan_check. *column is set to "to" or "details" on failure, and err's
 * message names the field and the value. Other types: OR_OK. */
or_code or_plan_check_row(const char *type, const char *outcome, const char *to,
                          const char *details, const char **column, or_error *err);

#endif
