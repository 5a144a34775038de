/* training.h - staff training against the cohort's needs (issue 18 part 6): the fixed
 * vocabulary of the areas of need a course addresses, its levels and the staff it was for, and
 * which training areas meet which census primary need (data, not code). The toolkit names
 * restorative practice, trauma-informed practice, mental health first aid, de-escalation and
 * coaching; the SEND Code of Practice (2015, 6.28-6.35) names the four broad areas of need, of
 * which speech, language and communication and autism stand as areas of their own. Pure. */
#ifndef ONROLL_TRAINING_H
#define ONROLL_TRAINING_H

#include <stddef.h>

#include "onroll/date.h"

typedef struct {
    const char *code;  /* stored: "slcn" */
    const char *label; /* "Speech, language and communication" */
    const char *hint;  /* a form's words under the choice, or NULL */
} or_training_term;

/* The areas, levels and staff roles, each NULL-code terminated, in the order forms offer them. */
extern const or_training_term or_training_areas[];
extern const or_training_term or_training_levels[];
extern const or_training_term or_training_roles[];

/* The label of a code in a vocabulary, or NULL when it is not one. */
const char *or_training_label(const or_training_term *vocab, const char *code);

/* A census primary need (codes.h OR_CS_SEN_NEED) in a sentence ("speech, language and
 * communication needs") and the training areas that meet it (NULL-terminated; none for OTH and
 * NSA). NULL when the need has no entry. */
typedef struct {
    const char *need;   /* "SLCN" */
    const char *phrase; /* "speech, language and communication needs" */
    const char *areas[6];
} or_need_training;
const or_need_training *or_need_training_of(const char *need);
extern const or_need_training or_need_trainings[];
extern const size_t or_need_trainings_count;

/* One course recorded (store_training.h keeps them). */
typedef struct {
    long long id;
    int urn;
    const char *course, *area, *level, *role; /* area, level, role: codes of the vocabularies */
    or_date on;
    int staff; /* how many staff took it */
    const char *recorded_by, *recorded_at;
} or_training;

#endif
