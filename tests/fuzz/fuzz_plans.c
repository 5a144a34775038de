/* fuzz_plans.c - libFuzzer target: the graduated response's free-text parsers fed arbitrary
 * bytes: a plan's `details` JSON read and checked for every plan kind (plans.h) and through
 * the importer's row check (or_plan_check_row), and a letter's edited text checked, parsed
 * into paragraphs and written back (letters.h). A crash, a sanitizer report, a failure
 * without a message, or a letter text that does not read back to the same paragraphs is a
 * bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/letters.h"
#include "onroll/plans.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void letter(const char *text)
{
    or_error err = {0};
    if (or_letter_check_body(text, &err) != OR_OK) {
        if (!err.msg[0])
            abort();
        return;
    }
    or_arena a = OR_ARENA_INIT;
    or_letter l, again;
    memset(&l, 0, sizeof l);
    memset(&again, 0, sizeof again);
    or_letter_parse(text, &a, &l);
    or_sb out = OR_SB_INIT;
    or_letter_text(&l, &out);
    or_letter_parse(or_sb_str(&out), &a, &again);
    if (again.nparas != l.nparas)
        abort();
    char gap[128];
    (void)or_letter_gap(text, gap, sizeof gap);
    or_sb_release(&out);
    or_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    for (int i = 0; i < or_plan_kinds_count(); i++) {
        const or_plan_kind *k = or_plan_kind_at(i);
        or_arena a = OR_ARENA_INIT;
        or_plan_values v;
        memset(&v, 0, sizeof v);
        or_error err = {0};
        if (or_plan_details_read(k, text, &a, &v, &err) == OR_OK) {
            or_plan_error errs[8];
            (void)or_plan_check(k, NULL, &v, errs, 8);
        } else if (!err.msg[0]) {
            abort();
        }
        const char *column = NULL;
        or_error e2 = {0};
        if (or_plan_check_row(k->type, NULL, "reu", text, &column, &e2) != OR_OK && !e2.msg[0])
            abort();
        or_arena_free(&a);
    }
    letter(text);
    free(text);
    return 0;
}
