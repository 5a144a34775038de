/* fuzz_instrument.c - libFuzzer target: an instrument's JSON (instrument_json.h) fed arbitrary
 * bytes. A crash, a sanitizer report, a refusal without a message, or an instrument that reads
 * but does not write and read back to the same JSON is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/instrument_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    or_instrument in, back;
    if (or_instrument_from_json((const char *)data, size, &a, &in, &err) != OR_OK) {
        if (!err.msg[0])
            abort();
        or_arena_free(&a);
        return 0;
    }
    char *json = NULL, *again = NULL;
    if (or_instrument_to_json(&in, &a, &json, &err) ||
        or_instrument_from_json(json, strlen(json), &a, &back, &err) ||
        or_instrument_to_json(&back, &a, &again, &err) || strcmp(json, again))
        abort();
    or_arena_free(&a);
    return 0;
}
