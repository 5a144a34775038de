/* instrument_json.h - an instrument (instruments.h) as JSON, both ways, through jansson: the
 * form the LA's versions are stored in (migration 033, store_instruments.h) and that
 * `onroll instruments export` writes and `import` reads (docs/self-evaluation.md).
 *
 *   {"id": "wellbeing-audit", "version": 2, "title": "...", "owner": "...", "about": "...",
 *    "levels": ["Emerging", ...], "judgements": [...], "judgement_note": "", "boxes": [...],
 *    "sections": [{"title": "...", "placeholder": false, "note": "", "descriptors": [...],
 *                  "judged": [...],
 *                  "items": [{"key": "a1.i1", "text": "...", "response": "rating",
 *                             "descriptors": [...] or null,
 *                             "fields": [{"label": "...", "data_key": null}]}]}]}
 *
 * Reading checks everything an instrument must be (or_instrument_check) and names the JSON
 * path and value of the first thing wrong: `$.sections[5].items[0].response: "ratings" is not
 * a response type (rating, yes_no, money, number, text, data)`. */
#ifndef ONROLL_INSTRUMENT_JSON_H
#define ONROLL_INSTRUMENT_JSON_H

#include <stddef.h>

#include "onroll/arena.h"
#include "onroll/error.h"
#include "onroll/instruments.h"

/* Read an instrument from JSON text (len bytes) into *out, every string and array in arena a.
 * OR_EINPUT with the path (or the line and column of text that is not JSON). A missing
 * "version" reads as 0. */
or_code or_instrument_from_json(const char *text, size_t len, or_arena *a, or_instrument *out,
                                or_error *err);
/* The instrument as JSON (indented, UTF-8), the text in arena a. */
or_code or_instrument_to_json(const or_instrument *in, or_arena *a, char **out, or_error *err);
/* Whether the instrument is whole: an id of lower-case letters, digits and hyphens, a title,
 * at least one section each with a title, item keys "aN.iM" unique, a known response type,
 * rating items only with levels, descriptors one per level, area judgements only with
 * judgement levels. OR_EINPUT names the path as or_instrument_from_json does. */
or_code or_instrument_check(const or_instrument *in, or_error *err);

#endif
