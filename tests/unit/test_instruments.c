/* test_instruments.c - the instrument engine (instruments.h): the seeded instruments' shapes
 * against the toolkit's own counts, versions, levels and judgements, answers checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/instruments.h"

/* The counts the toolkit states (toolkit.json: send_review.total_items 79, area_count 5;
 * inclusion_review_interview 9 sections, 52 questions; wellbeing_audit area_count 9). */
static void seeded_shapes(void **state)
{
    (void)state;
    const or_instrument *s = or_instrument_find("send-review", 1);
    assert_non_null(s);
    assert_int_equal(s->nsections, 5);
    assert_int_equal(or_instrument_items(s), 79);
    /* the areas 19 + 12 + 13 + 20 + 15 */
    assert_int_equal(s->sections[0].nitems, 19);
    assert_int_equal(s->sections[3].nitems, 20);
    assert_int_equal(s->nlevels, 3);
    assert_string_equal(s->levels[0], "Not Evident");
    assert_int_equal(s->njudgements, 4);
    /* Tracking asks for two judgements (assessment, and achievement against national SEN) */
    assert_int_equal(s->sections[2].njudged, 2);
    const or_instrument *r = or_instrument_find("inclusion-review", 0);
    assert_non_null(r);
    assert_int_equal(r->nsections, 9);
    assert_int_equal(or_instrument_items(r), 52);
    assert_int_equal(r->njudgements, 0);
    const or_instrument *w = or_instrument_find("wellbeing-audit", 0);
    assert_non_null(w);
    assert_int_equal(w->nsections, 9);
    /* 5 areas named in the source, 4 placeholders saying so */
    int ph = 0;
    for (int i = 0; i < w->nsections; i++)
        if (w->sections[i].placeholder) {
            ph++;
            assert_non_null(strstr(w->sections[i].title, "not in the source"));
        }
    assert_int_equal(ph, 4);
    /* the exemplar area: its 5 descriptor rows at 3 levels, the topic list filled in */
    const or_instr_item *it = or_instrument_item(w, "a3.i2", NULL);
    assert_non_null(it);
    assert_non_null(it->descriptors);
    assert_non_null(strstr(it->descriptors[2], "CEIAG for all students from year 7."));
    assert_null(strstr(it->descriptors[0], "[topic list]"));
}

static void versions_and_keys(void **state)
{
    (void)state;
    assert_null(or_instrument_find("send-review", 2)); /* no version 2 yet */
    assert_null(or_instrument_find("no-such", 0));
    assert_null(or_instrument_find(NULL, 0));
    const or_instrument *s = or_instrument_find("send-review", 0);
    assert_int_equal(s->version, 1);
    int sec = -1;
    const or_instr_item *it = or_instrument_item(s, "a1.i1", &sec);
    assert_int_equal(sec, 0);
    assert_int_equal(it->resp, OR_RESP_MONEY);
    assert_int_equal(or_instrument_item(s, "a1.i2", NULL)->resp, OR_RESP_YESNO);
    assert_null(or_instrument_item(s, "a9.i1", NULL));
    /* the tracking item's fields onroll fills: attendance and persistent absence (whole school,
     * SEND, NSEND), exclusions of SEND pupils, PEX: all 10 */
    it = or_instrument_item(s, "a3.i11", &sec);
    assert_non_null(it);
    int data = 0;
    for (int f = 0; f < it->nfields; f++)
        data += it->fields[f].data_key != NULL;
    assert_int_equal(it->nfields, 10);
    assert_int_equal(data, 10);
}

static void judgements_and_answers(void **state)
{
    (void)state;
    const or_instrument *s = or_instrument_find("send-review", 1);
    assert_int_equal(or_instrument_judgement(s, "Stabilise"), 0);
    assert_int_equal(or_instrument_judgement(s, "Sustain"), 3);
    assert_int_equal(or_instrument_judgement(s, "Secure"), -1);
    assert_int_equal(or_instrument_level(s, "Secure"), 2);
    assert_true(or_instrument_valid(s, OR_RESP_RATING, "Developing"));
    assert_false(or_instrument_valid(s, OR_RESP_RATING, "developing"));
    assert_true(or_instrument_valid(s, OR_RESP_RATING, ""));
    assert_true(or_instrument_valid(s, OR_RESP_YESNO, "no"));
    assert_false(or_instrument_valid(s, OR_RESP_YESNO, "maybe"));
    assert_true(or_instrument_valid(s, OR_RESP_MONEY, "12500"));
    assert_true(or_instrument_valid(s, OR_RESP_MONEY, "12500.50"));
    assert_false(or_instrument_valid(s, OR_RESP_MONEY, "12,500"));
    assert_false(or_instrument_valid(s, OR_RESP_MONEY, "12.5"));
    assert_false(or_instrument_valid(s, OR_RESP_MONEY, "-3"));
    assert_false(or_instrument_valid(s, OR_RESP_NUMBER, "3x"));
    const or_instrument *w = or_instrument_find("wellbeing-audit", 1);
    assert_int_equal(or_instrument_judgement(w, "Advanced"), 2);
}

/* Leadership (area 1 of the SEND review): items 1-3 are pounds and yes/no, 4-19 ratings.
 * Last year: i4 Developing, i5 Secure, i6 Not Evident, i7 Developing, i8 (none); this year:
 * i4 Secure (up), i5 Developing (down), i6 Secure (up two levels: one item up), i7 Developing
 * (same), i8 Secure (not rated last year: not counted), i1 12500 (not a rating). So 2 up,
 * 1 down, 1 the same. */
static void change_by_area(void **state)
{
    (void)state;
    const or_instrument *s = or_instrument_find("send-review", 1);
    const or_instr_answer before[] = {{"a1.i4", "Developing"},
                                      {"a1.i5", "Secure"},
                                      {"a1.i6", "Not Evident"},
                                      {"a1.i7", "Developing"},
                                      {"a1.i1", "9000"}};
    const or_instr_answer now[] = {
        {"a1.i4", "Secure"}, {"a1.i5", "Developing"}, {"a1.i6", "Secure"}, {"a1.i7", "Developing"},
        {"a1.i8", "Secure"}, {"a1.i1", "12500"},      {"a2.i1", "Secure"}};
    int up, down, same;
    or_instrument_change(s, 0, before, 5, now, 7, &up, &down, &same);
    assert_int_equal(up, 2);
    assert_int_equal(down, 1);
    assert_int_equal(same, 1);
    or_instrument_change(s, 1, before, 5, now, 7, &up, &down, &same); /* nothing last year */
    assert_int_equal(up + down + same, 0);
    or_instrument_change(s, 9, before, 5, now, 7, &up, &down, &same); /* no such area */
    assert_int_equal(up + down + same, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeded_shapes),
        cmocka_unit_test(versions_and_keys),
        cmocka_unit_test(judgements_and_answers),
        cmocka_unit_test(change_by_area),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
