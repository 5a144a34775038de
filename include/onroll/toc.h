/* toc.h - a theory of change (issue 19 part 6; the RSA / Mayor of London toolkit's §1.4,
 * shared/data/toolkit/toolkit.json `theory_of_change`): the five components with the toolkit's
 * names and definitions verbatim, the outcome guardrails as rules, which item may feed which,
 * the statistics an outcome's indicator may be (the columns `onroll report rates` prints) and
 * the terms of an academic year on a school's calendar. Pure: the store keeps theories
 * (store_toc.h), src/report/toc_figures.c works out an indicator's figures. */
#ifndef ONROLL_TOC_H
#define ONROLL_TOC_H

#include <stdbool.h>

#include "onroll/calendar.h"
#include "onroll/date.h"

/* The components in the order the toolkit builds them (aim first, activities last). */
typedef enum {
    OR_TOC_AIM,
    OR_TOC_OUTCOME,
    OR_TOC_MECHANISM,
    OR_TOC_MODERATOR,
    OR_TOC_ACTIVITY,
    OR_TOC__KINDS
} or_toc_kind;

typedef struct {
    const char *code;       /* stored: "aim", "outcome", "mechanism", "moderator", "activity" */
    const char *name;       /* the toolkit's: "Aim(s)", "Outcomes", ... */
    const char *singular;   /* for buttons and headings: "aim", "outcome", ... */
    const char *definition; /* the toolkit's, verbatim */
    const char *guidance;   /* the development step's guidance, verbatim */
    int column;             /* the diagram's column, left to right: activities 0 .. aim 4 */
} or_toc_component;

extern const or_toc_component or_toc_components[OR_TOC__KINDS];
int or_toc_kind_parse(const char *code); /* an or_toc_kind, or -1 */

/* The toolkit's rules for outcomes (development step 3), verbatim. */
extern const char *const or_toc_outcome_rules[4];
/* The toolkit's example outcomes and aims (step 3 and step 2), verbatim, NULL-terminated. */
extern const char *const or_toc_outcome_examples[];
extern const char *const or_toc_aim_examples[];

/* One item of a theory (store_toc.h keeps them; strings owned by the caller's arena). */
typedef struct {
    long long id, toc_id;
    or_toc_kind kind;
    const char *body;
    bool responsible, accountable, consensus, priority; /* outcomes only */
    const char *who, *for_whom, *outputs;               /* activities only */
    or_date starts_on, ends_on;                         /* activities: OR_DATE_NONE if not set */
    const char *source;                                 /* where an imported item came from */
} or_toc_item;

/* The guardrails, as refusals in the toolkit's own words (NULL: allowed):
 *  - an outcome nobody is willing to be held responsible for is not listed ("Don't list
 *    outcomes you wouldn't want to be held responsible for");
 *  - an outcome held accountable for must be agreed by consensus ("Make sure there is consensus
 *    about what the outcomes are and which you will be held accountable for.");
 *  - only an outcome carries the flags; an activity's end is not before its start.
 * *field is set to the field at fault: "responsible", "accountable", "ends_on" or "kind". */
const char *or_toc_item_refusal(const or_toc_item *it, const char **field);

/* Whether item `from` may feed item `to`: both of one theory, `to` in a column to the right
 * of `from`'s (activities feed moderating factors, mechanisms, outcomes or aims; outcomes feed
 * aims). The toolkit draws its arrows left to right and states no other rule. */
bool or_toc_may_feed(const or_toc_item *from, const or_toc_item *to);

/* The prompt of step 3's last rule: true when the theory has two or more outcomes and none is
 * marked the most important. The toolkit does not say how many outcomes are "lots". */
bool or_toc_needs_priority(const or_toc_item *items, int n);

/* ---- indicators ---- */

/* The statistics an indicator may be: the columns of `onroll report rates` (report.h). */
typedef struct {
    const char *column; /* "susp_rate" */
    const char *label;  /* "Suspensions per 100 pupils" */
    bool rate;          /* per 100 pupils (else a count) */
} or_toc_statistic;
extern const or_toc_statistic or_toc_statistics[];
extern const int or_toc_nstatistics;
const or_toc_statistic *or_toc_statistic_find(const char *column); /* NULL if not one */

/* A term: its name ("Autumn term"), first and last day (inclusive, as the calendar's term
 * row), and the academic year it is in. */
typedef struct {
    const char *name;
    or_date start, end;
    int ay;
} or_toc_term;

/* The terms of academic year ay (1 September ay to 31 August ay + 1) on calendar cal: every
 * term that starts in the year, in order, named "Autumn term", "Spring term", "Summer term"
 * when there are three (else "Term 1", "Term 2", ...). At most max; returns how many. */
int or_toc_terms(const or_calendar *cal, int ay, or_toc_term *out, int max);

/* A baseline or target as typed: a number with up to 2 decimal places, 0 to 100000. */
bool or_toc_figure_parse(const char *s, double *out);

#endif
