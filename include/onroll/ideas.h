/* ideas.h - Energy for change (issue 19 part 5; the RSA / Mayor of London toolkit's "How Might
 * We...?" board and Prioritisation Matrix, toolkit-requirements.md §1.3): the board's
 * vocabularies, verbatim from toolkit.json `energy_for_change` (the framing of an idea, the three
 * categories, the six conditions of energy, the three voting criteria), the rule that an idea
 * starts "How might we" or "What if", the rules of the vote ("Each participant gets nine votes:
 * three per criterion", stacking allowed) and the ranking per criterion and overall. Pure: the
 * store (store_ideas.h) keeps ideas, votes and commitments. */
#ifndef ONROLL_IDEAS_H
#define ONROLL_IDEAS_H

#include <stdint.h>

#include "onroll/error.h"
#include "onroll/sb.h"

typedef struct {
    const char *code;  /* stored: "across-schools" */
    const char *label; /* the source's words: "Across school practice" */
    const char *hint;  /* more of the source's words, or NULL */
} or_idea_term;

/* Each NULL-code terminated, in the source's order. */
extern const or_idea_term or_idea_framings[];   /* "hmw" How might we, "whatif" What if */
extern const or_idea_term or_idea_categories[]; /* categories_for_local_authorities */
extern const or_idea_term or_idea_energies[];   /* energy_conditions (6) */
extern const or_idea_term or_idea_criteria[];   /* voting_criteria: label, hint its text_prompt */

/* The label of a code in a vocabulary, or NULL when it is not one. */
const char *or_idea_label(const or_idea_term *vocab, const char *code);

/* ---- an idea's words ---- */

#define OR_IDEA_TEXT_MAX 500 /* bytes, with its framing */

/* The idea's text from the framing the participant chose ("hmw", "whatif"; NULL or "" for
 * none) and the words they typed, added to out. With a framing, its words go first unless the
 * typed words already start with them ("How might we" + "involve families early?"). With none,
 * the typed words must start with "How might we" or "What if" (any case): otherwise OR_EINPUT,
 * with a message naming the rule. Empty words, or more than OR_IDEA_TEXT_MAX bytes: OR_EINPUT. */
or_code or_idea_compose(const char *framing, const char *words, or_sb *out, or_error *err);

/* ---- the vote ---- */

enum { OR_CRIT_FEASIBILITY, OR_CRIT_DESIRABILITY, OR_CRIT_VIABILITY, OR_CRIT__N };

#define OR_IDEA_VOTES_PER_CRITERION   3 /* voting_rules.votes_per_criterion */
#define OR_IDEA_VOTES_PER_PARTICIPANT 9 /* voting_rules.votes_per_participant */

/* The criterion of a code ("feasibility"), or -1. */
int or_idea_criterion_parse(const char *code);

/* May a participant who has used used[c] votes of each criterion cast one more for criterion?
 * Any idea, any number of times (stacking): only the three per criterion bind. OR_ERULE "You
 * have used your 3 votes for feasibility" when they are used. */
or_code or_vote_check_cast(const int used[OR_CRIT__N], int criterion, or_error *err);

/* May a participant take back one of their votes of criterion on an idea where they have
 * on_idea of them? OR_EINPUT when they have none there. */
or_code or_vote_check_take_back(int on_idea, int criterion, or_error *err);

/* ---- ranking ---- */

typedef struct {
    int64_t id;
    int votes[OR_CRIT__N]; /* in: the votes each criterion gave it */
    int total;             /* out: the sum of the three */
    int rank[OR_CRIT__N];  /* out: 1 + the ideas with more votes of that criterion */
    int rank_total;        /* out: 1 + the ideas with a greater total */
} or_idea_tally;

#define OR_RANK_OVERALL OR_CRIT__N

/* Fills total and the ranks. The toolkit ranks per criterion and does not say how to combine
 * the three: overall is their sum. Ideas with as many votes share a place ("1, 2, 2, 4"): the
 * source names no tie-break, and onroll invents none. */
void or_ideas_rank(or_idea_tally *t, int n);

/* order[0..n) := the indices of t, most votes of `by` (a criterion or OR_RANK_OVERALL) first;
 * ideas with as many keep their order in t (the order they were written). */
void or_ideas_order(const or_idea_tally *t, int n, int by, int *order);

#endif
