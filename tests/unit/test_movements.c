/* test_movements.c - the movements' table (src/core/movements.c) against formats.md's events
 * table as the importer checks it (src/core/rowcheck.c): the form asks for a movement's
 * columns exactly as the importer needs them, and the exits are the movements formats.md says
 * take the pupil off roll ("removed from roll", "left roll", "moved school"). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "onroll/movements.h"
#include "onroll/rowcheck.h"

#define B(c) (1u << (c))

/* Worked out by hand from formats.md's table. */
static void test_the_seven_movements(void **state)
{
    (void)state;
    static const char *const types[] = {
        "managed_move", "in_year_transfer", "off_site_direction", "ap_placement", "ehe",
        "cme",          "unexplained_exit"};
    static const bool exits[] = {true, true, false, false, true, true, true};
    assert_int_equal(or_movement_count(), 7);
    for (size_t i = 0; i < 7; i++) {
        const or_movement *m = or_movement_find(types[i]);
        assert_non_null(m);
        assert_int_equal(m->exit, exits[i]);
        assert_true(!m->exit || (m->leaving && *m->leaving));
        assert_non_null(m->title);
        assert_true(!strncmp(m->title, "Record ", 7));
    }
    assert_null(or_movement_find("suspension"));
    assert_null(or_movement_find(NULL));
    assert_null(or_movement_at(7));
}

/* Each movement's fields are the importer's: required where it requires them, offered only
 * where it allows them. */
static void test_fields_agree_with_the_importer(void **state)
{
    (void)state;
    for (size_t i = 0; i < or_movement_count(); i++) {
        const or_movement *m = or_movement_at(i);
        const or_event_type *t = or_event_type_find(m->type);
        assert_non_null(t);
        unsigned may = t->required | t->allowed;
        assert_int_equal(m->to_required, (t->required & B(OR_EV_TO_URN)) != 0);
        assert_int_equal(m->to_school, (may & B(OR_EV_TO_URN)) != 0);
        assert_int_equal(m->provider_required, (t->required & B(OR_EV_PROVIDER)) != 0);
        assert_int_equal(m->provider, (may & B(OR_EV_PROVIDER)) != 0);
        assert_int_equal(m->end, (t->required & B(OR_EV_END)) != 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_seven_movements),
        cmocka_unit_test(test_fields_agree_with_the_importer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
