/* fuzz_measures.c - libFuzzer target: the stored form of a measurement (measures.h), parsed for
 * every measure from arbitrary bytes. A crash, a sanitizer report, an accepted text whose stored
 * form does not parse back to the same score, or a summary that overruns is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/measures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_score(const or_score *a, const or_score *b)
{
    if (a->measure != b->measure || a->entry != b->entry || a->number != b->number)
        abort();
    for (int k = 0; k < OR_MEASURE_MAX_SCALES; k++)
        if (a->present[k] != b->present[k] || a->score[k] != b->score[k] ||
            a->band[k] != b->band[k])
            abort();
    if (a->entry == OR_ENTRY_RESPONSES &&
        memcmp(a->responses, b->responses, sizeof a->responses) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    for (int i = 0; i < or_measure_count(); i++) {
        const or_measure *m = or_measure_at(i);
        or_score s, again;
        or_error err;
        char out[OR_SCORE_TEXT_MAX], summary[OR_SCORE_SUMMARY_MAX];
        if (or_measure_parse(m, text, &s, &err) != OR_OK) {
            if (err.msg[0] == '\0' || s.entry != 0)
                abort();
            continue;
        }
        for (int k = 0; k < m->nscales; k++)
            if (s.present[k] && (s.score[k] < 0 || s.score[k] > m->scales[k].max))
                abort();
        int n = or_score_format(&s, out, sizeof out);
        if (n < 0 || (size_t)n >= sizeof out)
            abort();
        if (or_measure_parse(m, out, &again, &err) != OR_OK)
            abort();
        same_score(&s, &again);
        n = or_score_summary(&s, summary, sizeof summary);
        if (n < 0 || (size_t)n >= sizeof summary || strlen(summary) != (size_t)n)
            abort();
        double v;
        or_score_get(&s, NULL, &v);
        or_score_get(&s, "total", &v);
    }
    free(text);
    return 0;
}
