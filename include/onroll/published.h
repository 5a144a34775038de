/* published.h - what the published figures count: the one table of definitions that the
 * model's counting (src/model: which published count an exclusion adds to) and the scrutiny
 * report's "About the data" both read, so that the notes cannot say one thing while the
 * figures do another. Whether one exclusion still counts (withdrawn, reinstated before it
 * began) is or_excl_fate_counts (excl.h); its words are here beside the table. */
#ifndef ONROLL_PUBLISHED_H
#define ONROLL_PUBLISHED_H

#include "onroll/facts.h"

/* The published count an exclusion of a kind adds to. */
typedef enum { OR_PUB_NONE, OR_PUB_SUSPENSION, OR_PUB_PERMANENT } or_pub_count;

typedef struct {
    or_event_kind kind;
    or_pub_count counted_as;
    const char *plural; /* "lunchtime suspensions", as a sentence names them */
    const char *why;    /* why it counts where it does (a clause), or why it counts nowhere */
} or_pub_def;

/* The kinds of exclusion, in the order the notes list them (n of them). */
const or_pub_def *or_pub_defs(int *n);
/* What kind k counts as (OR_PUB_NONE for a kind that is not an exclusion). */
or_pub_count or_pub_counted_as(or_event_kind k);

/* What stops an exclusion counting (or_excl_fate_counts), in words for the notes: "withdrawn
 * ones, and those the pupil was reinstated from on or before the day they were to begin". */
extern const char *const or_pub_not_counted;
/* Whose characteristics a pupil is counted under (the model's statistics snapshot). */
extern const char *const or_pub_characteristics;

#endif
