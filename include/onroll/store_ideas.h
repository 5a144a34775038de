/* store_ideas.h - Energy for change's store (migration 037; the rules are ideas.h): a
 * workshop's ideas, each participant's votes (one row per dot, at most three per criterion:
 * the table's key refuses a fourth even when two requests race), and the commitments the
 * facilitator records against ranked ideas, each its owner's LOCAL-WORKSHOP-COMMITMENT duty.
 * Every write is the caller's to put in a transaction with its audit line. */
#ifndef ONROLL_STORE_IDEAS_H
#define ONROLL_STORE_IDEAS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/ideas.h"
#include "onroll/store.h"

typedef struct {
    int64_t id, workshop_id, participant_id; /* its author; 0: the facilitator */
    const char *text;                        /* starts "How might we" or "What if" (ideas.h) */
    const char *category;                    /* a code of or_idea_categories */
    const char *energies;                    /* codes of or_idea_energies, comma-separated */
    const char *seed;                        /* the iceberg mark it grew from, or "" */
    const char *created_at;
} or_idea;

or_code or_idea_add(or_store *s, const or_idea *x, int64_t *id, or_error *err);
/* A workshop's ideas in the order written; author >= 0: only that author's (0: the facilitator
 * who is not a participant), < 0: everyone's. */
or_code or_ideas_list(or_store *s, int64_t workshop_id, int64_t author, or_arena *a, or_idea **out,
                      int *n, or_error *err);
or_code or_idea_get(or_store *s, int64_t id, or_arena *a, or_idea *out, bool *found, or_error *err);

/* ---- votes ---- */

/* A participant's votes: how many of each criterion on each idea (ideas they voted on only). */
typedef struct {
    int64_t idea_id;
    int votes[OR_CRIT__N];
} or_idea_my_votes;

/* used[c]: the participant's votes of each criterion; mine: per idea, in idea order. */
or_code or_idea_votes_of(or_store *s, int64_t participant_id, or_arena *a, int used[OR_CRIT__N],
                         or_idea_my_votes **mine, int *n, or_error *err);
/* One vote of criterion on idea_id by the participant, after or_vote_check_cast on what they
 * have used (OR_ERULE "You have used your 3 votes for feasibility"). */
or_code or_idea_vote_cast(or_store *s, int64_t workshop_id, int64_t participant_id, int64_t idea_id,
                          int criterion, or_error *err);
/* Take one of the participant's votes of criterion off idea_id (OR_EINPUT if none there). */
or_code or_idea_vote_take_back(or_store *s, int64_t participant_id, int64_t idea_id, int criterion,
                               or_error *err);
/* How many participants of the workshop have cast one or more votes. */
or_code or_idea_voters(or_store *s, int64_t workshop_id, int *n, or_error *err);
/* The workshop's tally, one per idea in the order written (ranks not yet filled: or_ideas_rank). */
or_code or_idea_tally_of(or_store *s, int64_t workshop_id, or_arena *a, or_idea_tally **out, int *n,
                         or_error *err);

/* ---- commitments (LOCAL-WORKSHOP-COMMITMENT) ---- */

typedef struct {
    int64_t id, workshop_id, idea_id;
    const char *idea;      /* the idea's text */
    const char *next_step; /* what the owner commits to */
    const char *owner;     /* the owner's onroll account (email) */
    const char *owner_name;
    const char *due_on; /* YYYY-MM-DD */
    const char *done_on;
    const char *recorded_by, *recorded_at;
} or_idea_commitment;

or_code or_idea_commitment_add(or_store *s, const or_idea_commitment *c, const char *user,
                               int64_t *id, or_error *err);
/* A workshop's commitments, by due date: what the theory of change imports as activities. */
or_code or_idea_commitments(or_store *s, int64_t workshop_id, or_arena *a, or_idea_commitment **out,
                            int *n, or_error *err);
/* The open commitments an account owns, by due date (its /duties). */
or_code or_idea_commitments_open(or_store *s, const char *owner, or_arena *a,
                                 or_idea_commitment **out, int *n, or_error *err);
or_code or_idea_commitment_done(or_store *s, int64_t id, const char *done_on, or_error *err);

#endif
