/* test_surveys.c - survey definitions (surveys.h): the templates against the toolkit's own
 * counts, JSON both ways (every template round-trips; errors name the path and value), the
 * checks of a definition and of answers, scale validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "onroll/surveys.h"

/* The counts of toolkit.json: resilience_wellbeing_survey domain_count 5, item_count 39
 * (BASICS 9, BELONGING 10, LEARNING 6, COPING 8, MY SELF 6, counted by hand); St Mary's pupil
 * survey 14 statements, parental 7, happiness 3. */
static void template_counts(void **state)
{
    (void)state;
    assert_int_equal(or_survey_templates_count, 4);
    const or_survey_template *k = or_survey_template_find("kingsford-resilience");
    assert_non_null(k);
    assert_int_equal(k->def.ndomains, 5);
    assert_int_equal(or_survey_items(&k->def), 39);
    assert_int_equal(k->source_domains, 5);
    assert_int_equal(k->source_items, 39);
    int per[5] = {9, 10, 6, 8, 6};
    const char *names[5] = {"BASICS", "BELONGING", "LEARNING", "COPING", "MY SELF"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(k->def.domains[i].nitems, per[i]);
        assert_string_equal(k->def.domains[i].title, names[i]);
    }
    /* the source gives no scale and no domain score: none invented */
    assert_int_equal(k->def.nscales, 1);
    assert_int_equal(k->def.scales[0].nlevels, 0);
    assert_int_equal(k->def.scoring, OR_SCORE_NONE);
    assert_non_null(strstr(k->def.scoring_note, "does not say"));
    assert_string_equal(or_survey_item_find(&k->def, "q39", NULL)->text,
                        "I take advice from others and try different solutions to solve the "
                        "problems I have");

    const or_survey_template *p = or_survey_template_find("st-marys-pupil");
    assert_non_null(p);
    assert_int_equal(or_survey_items(&p->def), 14);
    assert_int_equal(p->def.scales[0].nlevels, 2);
    assert_string_equal(p->def.scales[0].levels[0].label, "Yes / Most of the time");
    assert_string_equal(p->def.scales[0].levels[1].label, "No");
    assert_false(p->def.scales[0].levels[0].scored);
    const or_survey_template *pa = or_survey_template_find("st-marys-parental");
    assert_int_equal(or_survey_items(&pa->def), 7);
    assert_int_equal(pa->def.audience, OR_AUD_PARENTS);
    assert_int_equal(pa->def.scales[0].nlevels, 3);
    assert_string_equal(pa->def.scales[0].levels[2].label, "Do not Agree");
    const or_survey_template *h = or_survey_template_find("st-marys-happiness");
    assert_int_equal(or_survey_items(&h->def), 3);
    assert_int_equal(h->def.scales[0].nlevels, 0);
    assert_null(or_survey_template_find("nope"));
    /* every template passes the definition's checks; those without a scale are not ready */
    for (int i = 0; i < or_survey_templates_count; i++) {
        const or_survey_def *d = &or_survey_templates[i].def;
        assert_int_equal(or_survey_check(d, false, NULL), OR_OK);
        assert_int_equal(or_survey_check(d, true, NULL), d->scales[0].nlevels ? OR_OK : OR_EINPUT);
    }
}

static void same_def(const or_survey_def *a, const or_survey_def *b)
{
    assert_string_equal(a->title, b->title);
    assert_int_equal(a->audience, b->audience);
    assert_string_equal(a->source, b->source);
    assert_string_equal(a->about, b->about);
    assert_int_equal(a->scoring, b->scoring);
    assert_string_equal(a->scoring_note, b->scoring_note);
    assert_int_equal(a->nscales, b->nscales);
    for (int i = 0; i < a->nscales; i++) {
        assert_string_equal(a->scales[i].id, b->scales[i].id);
        assert_string_equal(a->scales[i].title, b->scales[i].title);
        assert_string_equal(a->scales[i].note, b->scales[i].note);
        assert_int_equal(a->scales[i].nlevels, b->scales[i].nlevels);
        for (int l = 0; l < a->scales[i].nlevels; l++) {
            assert_string_equal(a->scales[i].levels[l].label, b->scales[i].levels[l].label);
            assert_int_equal(a->scales[i].levels[l].scored, b->scales[i].levels[l].scored);
            assert_int_equal(a->scales[i].levels[l].score, b->scales[i].levels[l].score);
        }
    }
    assert_int_equal(a->ndomains, b->ndomains);
    for (int i = 0; i < a->ndomains; i++) {
        assert_string_equal(a->domains[i].title, b->domains[i].title);
        assert_string_equal(a->domains[i].note, b->domains[i].note);
        assert_int_equal(a->domains[i].nitems, b->domains[i].nitems);
        for (int j = 0; j < a->domains[i].nitems; j++) {
            const or_survey_item *x = &a->domains[i].items[j], *y = &b->domains[i].items[j];
            assert_string_equal(x->key, y->key);
            assert_string_equal(x->text, y->text);
            assert_int_equal(x->type, y->type);
            if (x->type == OR_SQ_SCALE)
                assert_string_equal(x->scale, y->scale);
        }
    }
}

static void json_round_trip(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    for (int i = 0; i < or_survey_templates_count; i++) {
        const or_survey_def *d = &or_survey_templates[i].def;
        const char *j = or_survey_to_json(d, &a);
        or_survey_def back;
        or_error err = {0};
        assert_int_equal(or_survey_from_json(j, &a, &back, &err), OR_OK);
        same_def(d, &back);
        /* and again: the same text */
        assert_string_equal(or_survey_to_json(&back, &a), j);
    }
    /* scores, counts and free text survive too */
    or_survey_level lv[] = {{"Often", true, 2}, {"Sometimes", true, 1}, {"Never", true, 0}};
    or_survey_scale sc[] = {{"s1", "How often", "", 3, lv}};
    or_survey_item it[] = {{"q1", "I laugh a lot", OR_SQ_SCALE, "s1"},
                           {"q2", "How many clubs do you go to?", OR_SQ_COUNT, ""},
                           {"q3", "Anything else?", OR_SQ_TEXT, ""}};
    or_survey_domain dm[] = {{"Me", "", 3, it}};
    or_survey_def d = {"Our survey", OR_AUD_STAFF, "", "", OR_SCORE_MEAN, "ours", 1, sc, 1, dm};
    assert_int_equal(or_survey_check(&d, true, NULL), OR_OK);
    const char *j = or_survey_to_json(&d, &a);
    assert_non_null(strstr(j, "{\"label\":\"Often\",\"score\":2}"));
    assert_non_null(strstr(j, "\"type\":\"count\""));
    or_survey_def back;
    assert_int_equal(or_survey_from_json(j, &a, &back, NULL), OR_OK);
    same_def(&d, &back);
    or_arena_free(&a);
}

/* Each error names the path and the value. */
static void json_errors(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_survey_def d;
    or_error err = {0};
    assert_int_equal(or_survey_from_json("{\"title\":", &a, &d, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "line 1"));
    assert_int_equal(or_survey_from_json("[]", &a, &d, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "is not an object"));
    const char *bad_type =
        "{\"title\":\"T\",\"audience\":\"pupils\",\"scales\":[],\"domains\":[{\"title\":\"D\","
        "\"items\":[{\"key\":\"q1\",\"text\":\"x\",\"type\":\"scales\"}]}]}";
    assert_int_equal(or_survey_from_json(bad_type, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg,
                        "domains[0].items[0].type: \"scales\" is not scale, count or text");
    const char *bad_aud =
        "{\"title\":\"T\",\"audience\":\"governors\",\"scales\":[],\"domains\":[]}";
    assert_int_equal(or_survey_from_json(bad_aud, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg, "audience: \"governors\" is not pupils, parents or staff");
    const char *no_scale =
        "{\"title\":\"T\",\"audience\":\"pupils\",\"scales\":[],\"domains\":[{\"title\":\"D\","
        "\"items\":[{\"key\":\"q1\",\"text\":\"x\",\"type\":\"scale\",\"scale\":\"s9\"}]}]}";
    assert_int_equal(or_survey_from_json(no_scale, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg,
                        "domains[0].items[0].scale: \"s9\" is not one of the survey's scales");
    const char *bad_score =
        "{\"title\":\"T\",\"audience\":\"pupils\",\"scales\":[{\"id\":\"s1\",\"title\":\"S\","
        "\"levels\":[{\"label\":\"A\",\"score\":\"high\"}]}],\"domains\":[]}";
    assert_int_equal(or_survey_from_json(bad_score, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg,
                        "scales[0].levels[0].score: \"high\" is not a whole number from -1000 to "
                        "1000");
    const char *dup_key =
        "{\"title\":\"T\",\"audience\":\"pupils\",\"scales\":[],\"domains\":[{\"title\":\"D\","
        "\"items\":[{\"key\":\"q1\",\"text\":\"x\",\"type\":\"text\"},{\"key\":\"q1\",\"text\":"
        "\"y\",\"type\":\"count\"}]}]}";
    assert_int_equal(or_survey_from_json(dup_key, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg, "domains[0].items[1].key: \"q1\" is the key of another item too");
    const char *no_title = "{\"audience\":\"pupils\",\"scales\":[],\"domains\":[]}";
    assert_int_equal(or_survey_from_json(no_title, &a, &d, &err), OR_EINPUT);
    assert_string_equal(err.msg, "title: (missing) is required");
    const char *rlo = "{\"title\":\"T\\u202e\",\"audience\":\"pupils\",\"scales\":[],"
                      "\"domains\":[{\"title\":\"D\",\"items\":[]}]}";
    assert_int_equal(or_survey_from_json(rlo, &a, &d, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "title: contains U+202E"));
    or_arena_free(&a);
}

/* Scales: levels unique; ready needs two levels, and scores for a domain score; answers. */
static void scales_and_answers(void **state)
{
    (void)state;
    or_survey_level twice[] = {{"Yes", false, 0}, {"Yes", false, 0}};
    or_survey_scale sc[] = {{"s1", "S", "", 2, twice}};
    or_survey_item it[] = {{"q1", "I feel safe", OR_SQ_SCALE, "s1"},
                           {"q2", "How many friends?", OR_SQ_COUNT, ""},
                           {"q3", "Tell us more", OR_SQ_TEXT, ""}};
    or_survey_domain dm[] = {{"", "", 3, it}};
    or_survey_def d = {"T", OR_AUD_PUPILS, "", "", OR_SCORE_NONE, "", 1, sc, 1, dm};
    or_error err = {0};
    assert_int_equal(or_survey_check(&d, false, &err), OR_EINPUT);
    assert_string_equal(err.msg,
                        "scales[0].levels[1].label: \"Yes\" is a level of this scale twice");
    or_survey_level one[] = {{"Yes", false, 0}};
    sc[0].levels = one;
    sc[0].nlevels = 1;
    assert_int_equal(or_survey_check(&d, false, &err), OR_OK);
    assert_int_equal(or_survey_check(&d, true, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "has 1 levels; give it two or more"));
    or_survey_level yn[] = {{"Yes", true, 1}, {"No", false, 0}};
    sc[0].levels = yn;
    sc[0].nlevels = 2;
    assert_int_equal(or_survey_check(&d, true, &err), OR_OK);
    d.scoring = OR_SCORE_MEAN;
    assert_int_equal(or_survey_check(&d, true, &err), OR_EINPUT);
    assert_string_equal(err.msg, "scales[0].levels[1]: \"No\" has no score, and the domain score "
                                 "needs one for every level");
    yn[1].scored = true;
    assert_int_equal(or_survey_check(&d, true, &err), OR_OK);
    /* answers */
    assert_true(or_survey_answer_valid(&d, &it[0], "Yes"));
    assert_true(or_survey_answer_valid(&d, &it[0], ""));
    assert_false(or_survey_answer_valid(&d, &it[0], "yes"));
    assert_false(or_survey_answer_valid(&d, &it[0], "Maybe"));
    assert_true(or_survey_answer_valid(&d, &it[1], "0"));
    assert_true(or_survey_answer_valid(&d, &it[1], "1000000"));
    assert_false(or_survey_answer_valid(&d, &it[1], "1000001"));
    assert_false(or_survey_answer_valid(&d, &it[1], "-1"));
    assert_false(or_survey_answer_valid(&d, &it[1], "2.5"));
    assert_true(or_survey_answer_valid(&d, &it[2], "Line one\nline two"));
    assert_false(or_survey_answer_valid(&d, &it[2], "bad \xe2\x80\xae text"));
    /* a new item's key is one more than the highest */
    or_arena a = OR_ARENA_INIT;
    assert_string_equal(or_survey_new_key(&d, &a), "q4");
    assert_string_equal(
        or_survey_new_key(&or_survey_template_find("kingsford-resilience")->def, &a), "q40");
    or_arena_free(&a);
    /* no domains at all */
    d.ndomains = 0;
    assert_int_equal(or_survey_check(&d, false, &err), OR_EINPUT);
    assert_string_equal(err.msg, "domains: there are none; add one");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(template_counts),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(json_errors),
        cmocka_unit_test(scales_and_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
