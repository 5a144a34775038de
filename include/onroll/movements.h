/* movements.h - the pupil movements of formats.md's events (managed move, off-site direction,
 * alternative provision placement, elective home education, child missing education,
 * unexplained exit, in-year transfer) as data: what each is called, which columns it takes,
 * and whether it takes the pupil off the school's roll. The importer ends the pupil's
 * enrolment at the school on an exit's date (its `start`, the last day on roll: the school's
 * registrations open on that day end then, with the exit's leaving reason); the web form
 * (src/web/page_movement.c) shows each movement's own fields. */
#ifndef ONROLL_MOVEMENTS_H
#define ONROLL_MOVEMENTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *type;    /* the events type: "managed_move" */
    const char *label;   /* "Managed move" */
    const char *words;   /* in a sentence: "managed move" */
    const char *title;   /* the form's: "Record a managed move" */
    const char *hint;    /* what it is, for the choice */
    bool exit;           /* ends the pupil's registration at the school on its date */
    const char *leaving; /* the enrolment's leaving reason when it does */
    bool to_school;      /* names the school the pupil goes to (to_urn) */
    bool to_required;    /* ... and must */
    bool provider;       /* names a provider */
    bool provider_required;
    bool end; /* has an end date (required) */
} or_movement;

/* The movements, in the order they are offered. */
size_t or_movement_count(void);
const or_movement *or_movement_at(size_t i);
/* The movement of an events type, or NULL. */
const or_movement *or_movement_find(const char *type);

#endif
