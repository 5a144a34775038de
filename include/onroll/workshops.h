/* workshops.h - the vocabularies of a workshop (issue 19 part 1; docs/workshops.md): its scopes
 * (the toolkit's three, "whole system", "school" and "trust", its pupil council and parent forum
 * run separately, and a staff session), its modes, the participants' sectors, and the
 * facilitator's script: each tool's discussion questions as the toolkit words them
 * (shared/data/toolkit/toolkit.json; the words in quotes are the source's). Pure. */
#ifndef ONROLL_WORKSHOPS_H
#define ONROLL_WORKSHOPS_H

#include <stdbool.h>
#include <stddef.h>

#include "onroll/date.h"

typedef struct {
    const char *code;  /* stored: "pupil_council" */
    const char *label; /* "Pupil council" */
    const char *hint;  /* a form's words under the choice, or NULL */
} or_ws_term;

/* Each NULL-code terminated, in the order forms offer them. */
extern const or_ws_term or_ws_scopes[];  /* whole_system school trust pupil_council ... */
extern const or_ws_term or_ws_modes[];   /* in_person online hybrid */
extern const or_ws_term or_ws_sectors[]; /* school la_education social_care ... */

/* The label of a code in a vocabulary, or NULL when it is not one. */
const char *or_ws_label(const or_ws_term *vocab, const char *code);

/* The warm-up (toolkit.json purpose_definition_warmup): its prompt and use, verbatim. */
extern const char *const or_ws_warmup_prompt;
extern const char *const or_ws_warmup_use;

/* One tool of the facilitator's script: its id (the reveal and notes key: "map", "iceberg",
 * "ideas", "toc"), its name, where its page is under /workshops/ID/ and its questions as the
 * toolkit words them (NULL-terminated). */
typedef struct {
    const char *tool;  /* "map" */
    const char *name;  /* "System-players map" */
    const char *path;  /* "map": /workshops/ID/map */
    const char *intro; /* what the questions are, in onroll's words */
    const char *questions[8];
} or_ws_script;

/* The tools in the toolkit's recommended order ("We suggest that you do them in the order
 * they're presented here"), the theory of change last; or_ws_scripts_count of them. */
extern const or_ws_script or_ws_scripts[];
extern const size_t or_ws_scripts_count;
/* The script of a tool id, or NULL. */
const or_ws_script *or_ws_script_of(const char *tool);
/* How many questions a script has. */
int or_ws_script_questions(const or_ws_script *s);

/* Is this a tool id a reveal or a note may name: lower-case letters, digits and '_', 1 to 24
 * bytes? (Tools add their own ids: "votes" beside "ideas".) */
bool or_ws_tool_valid(const char *tool);

#endif
