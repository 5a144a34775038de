/* fuzz_values.c - libFuzzer target: every column validator of every file kind, and header
 * recognition, on arbitrary bytes. A crash, a sanitizer report or an accepted value that does
 * not survive format -> parse unchanged is a bug. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/import.h"
#include "onroll/kinds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    for (int id = 0; id < OR_K__COUNT; id++) {
        const or_kind *k = or_kind_get(id);
        for (int c = 0; c < k->ncols; c++) {
            or_value v;
            or_error err;
            if (or_value_parse(&k->cols[c], text, OR_DATE_NONE, &v, &err) != OR_OK || v.null)
                continue;
            /* round trip: what we accept, we write back in a form we accept unchanged */
            or_sb out = OR_SB_INIT;
            /* as the CSV writer writes it: a text cell that could start a formula guarded
               with a leading ' (csvout.h), which the import takes off again */
            bool guard = or_column_is_text(&k->cols[c]) && v.s && or_csv_needs_guard(v.s);
            if (guard)
                or_sb_addc(&out, '\'');
            or_value_format(&k->cols[c], &v, &out);
            const char *s = or_sb_str(&out);
            if (s[guard] == '"') /* CSV-quoted text: compare the raw text instead */
                s = text;
            or_value w;
            if (or_value_parse(&k->cols[c], s, OR_DATE_NONE, &w, &err) != OR_OK)
                abort();
            if (v.s ? strcmp(v.s, w.s) != 0 : v.i != w.i)
                abort();
            or_sb_release(&out);
        }
    }
    /* header recognition on up to 16 comma-separated names */
    const char *fields[16];
    int cols[16], n = 0;
    for (char *p = text, *tok; n < 16 && (tok = strsep(&p, ",")) != NULL;)
        fields[n++] = tok;
    const or_kind *k;
    or_error err;
    or_header_match(fields, n, &k, cols, &err);
    free(text);
    return 0;
}
