/* test_survey_store.c - the surveys' store (surveys.h, migration 034) on SQLite: a survey from a
 * template, a wave refused while its scale has no levels, links issued (only hashes stored, a
 * token found by its hash, a wrong one not), one submission per wave and token (a second
 * refused), answers read back by pseudonymous respondent, the definition frozen once a wave
 * opened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "onroll/store.h"
#include "onroll/surveys.h"

static char path[64];
static or_store *store;

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_survey_store.%d.db", (int)getpid());
    unlink(path);
    or_error err = {0};
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    or_store_close(store);
    unlink(path);
    return 0;
}

static or_date day(const char *s)
{
    or_date d = OR_DATE_NONE;
    or_date_parse(s, &d);
    return d;
}

static void survey_lifecycle(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    int64_t k = 0, id = 0;
    /* Kingsford's template has no scale levels (the source gives none): no wave can open */
    const or_survey_template *kt = or_survey_template_find("kingsford-resilience");
    assert_int_equal(or_survey_create(store, 300001, kt->id, &kt->def, "t@x", &k, &err), OR_OK);
    int n = 0;
    assert_int_equal(
        or_survey_wave_add(store, k, "Before", day("2026-11-01"), day("2026-11-30"), &n, &err),
        OR_EINPUT);
    assert_non_null(strstr(err.msg, "has 0 levels"));

    const or_survey_template *t = or_survey_template_find("st-marys-pupil");
    assert_int_equal(or_survey_create(store, 300001, t->id, &t->def, "t@x", &id, &err), OR_OK);
    or_survey s;
    bool found = false;
    assert_int_equal(or_survey_get(store, id, &a, &s, &found, &err), OR_OK);
    assert_true(found);
    assert_string_equal(s.template_id, "st-marys-pupil");
    assert_string_equal(s.audience, "pupils");
    or_survey *all = NULL;
    int nall = 0;
    assert_int_equal(or_surveys_list(store, 300002, &a, &all, &nall, &err), OR_OK);
    assert_int_equal(nall, 0); /* another school's list */
    assert_int_equal(or_surveys_list(store, 0, &a, &all, &nall, &err), OR_OK);
    assert_int_equal(nall, 2);

    /* a wave closing before it opens */
    assert_int_equal(
        or_survey_wave_add(store, id, "x", day("2026-11-02"), day("2026-11-01"), &n, &err),
        OR_EINPUT);
    /* before the wave opens, the questions can change */
    bool frozen = true;
    assert_int_equal(or_survey_wave_add(store, id, "Before the nurture group", day("2026-11-02"),
                                        day("2026-11-20"), &n, &err),
                     OR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(or_survey_frozen(store, id, day("2026-11-01"), &frozen, &err), OR_OK);
    assert_false(frozen);
    assert_int_equal(or_survey_set_definition(store, id, &t->def, day("2026-11-01"), &err), OR_OK);
    assert_int_equal(or_survey_frozen(store, id, day("2026-11-02"), &frozen, &err), OR_OK);
    assert_true(frozen);
    assert_int_equal(or_survey_set_definition(store, id, &t->def, day("2026-11-02"), &err),
                     OR_EINPUT);
    assert_int_equal(
        or_survey_wave_add(store, id, "After", day("2027-03-01"), day("2027-03-20"), &n, &err),
        OR_OK);
    assert_int_equal(n, 2);

    /* three links: tokens handed back, only hashes stored */
    const char **tokens = NULL, **ps = NULL;
    assert_int_equal(or_survey_issue(store, id, 0, day("2026-11-01"), &a, &tokens, &ps, &err),
                     OR_EINPUT);
    assert_int_equal(or_survey_issue(store, id, 3, day("2026-11-01"), &a, &tokens, &ps, &err),
                     OR_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(strlen(tokens[i]), OR_SURVEY_TOKEN_LEN);
        assert_int_equal(strlen(ps[i]), 8);
    }
    assert_string_not_equal(tokens[0], tokens[1]);
    or_survey_respondent r;
    assert_int_equal(or_survey_respondent_by_token(store, tokens[1], &a, &r, &found, &err), OR_OK);
    assert_true(found);
    assert_int_equal(r.survey_id, id);
    assert_string_equal(r.pseudonym, ps[1]);
    assert_int_equal(or_survey_respondent_by_token(store, "not-a-token", &a, &r, &found, &err),
                     OR_OK);
    assert_false(found);
    /* the respondents: pseudonyms (test_surveys.sh checks no token is in the database) */
    or_survey_respondent *rs = NULL;
    int nr = 0;
    assert_int_equal(or_survey_respondents(store, id, &a, &rs, &nr, &err), OR_OK);
    assert_int_equal(nr, 3);

    /* wave 1: one submission per token */
    or_survey_wave *w = NULL;
    int nw = 0;
    assert_int_equal(or_survey_waves(store, id, &a, &w, &nw, &err), OR_OK);
    assert_int_equal(nw, 2);
    assert_string_equal(w[0].label, "Before the nurture group");
    assert_int_equal(or_survey_respondent_by_token(store, tokens[0], &a, &r, &found, &err), OR_OK);
    bool done = true;
    assert_int_equal(or_survey_submitted(store, w[0].id, r.id, &done, &err), OR_OK);
    assert_false(done);
    const char *items[] = {"q1", "q2", "q3"}, *values[] = {"Yes / Most of the time", "", "No"};
    assert_int_equal(
        or_survey_submit(store, w[0].id, r.id, day("2026-11-03"), items, values, 3, &err), OR_OK);
    assert_int_equal(or_survey_submitted(store, w[0].id, r.id, &done, &err), OR_OK);
    assert_true(done);
    assert_int_equal(
        or_survey_submit(store, w[0].id, r.id, day("2026-11-04"), items, values, 3, &err),
        OR_EINPUT);
    assert_non_null(strstr(err.msg, "already answered"));
    /* the same token answers wave 2 */
    assert_int_equal(
        or_survey_submit(store, w[1].id, r.id, day("2027-03-02"), items, values, 1, &err), OR_OK);
    or_survey_answer *ans = NULL;
    int na = 0;
    assert_int_equal(or_survey_answers(store, id, &a, &ans, &na, &err), OR_OK);
    assert_int_equal(na, 3); /* wave 1: q1, q3 (q2 unanswered); wave 2: q1 */
    assert_int_equal(ans[0].wave_id, w[0].id);
    assert_string_equal(ans[0].item, "q1");
    assert_string_equal(ans[1].item, "q3");
    assert_string_equal(ans[1].value, "No");
    assert_int_equal(ans[2].wave_id, w[1].id);
    assert_int_equal(ans[2].respondent_id, r.id);
    int issued = 0, *answered = NULL;
    assert_int_equal(or_survey_counts(store, id, &a, &issued, &answered, &nw, &err), OR_OK);
    assert_int_equal(issued, 3);
    assert_int_equal(answered[0], 1);
    assert_int_equal(answered[1], 1);
    or_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(survey_lifecycle),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
