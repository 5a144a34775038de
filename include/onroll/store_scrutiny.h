/* store_scrutiny.h - the LA's own words in the annual scrutiny report (migration 022; SQL in
 * src/store/scrutiny_words.c): "What the LA is doing", its actions and recommendations, one
 * pair per academic year, with who wrote them and when. */
#ifndef ONROLL_STORE_SCRUTINY_H
#define ONROLL_STORE_SCRUTINY_H

#include <stdbool.h>

#include "onroll/arena.h"
#include "onroll/store.h"

/* The most a section may hold (bytes), as the form allows. */
#define OR_SCRUTINY_WORDS_MAX 20000

typedef struct {
    bool found;                  /* a row for the year exists */
    const char *actions;         /* "" when none */
    const char *recommendations; /* "" when none */
    const char *set_by, *set_at; /* who saved them last and when (ISO 8601 UTC) */
} or_scrutiny_words;

/* The words of academic year ay (strings in a); out->found false when none are stored. */
or_code or_scrutiny_words_get(or_store *s, int ay, or_arena *a, or_scrutiny_words *out,
                              or_error *err);

/* Store the words of academic year ay (both empty: the row is removed). The caller holds the
 * transaction and writes the audit line in it. */
or_code or_scrutiny_words_set(or_store *s, int ay, const char *actions, const char *recommendations,
                              const char *user, or_error *err);

#endif
