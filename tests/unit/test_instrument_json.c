/* test_instrument_json.c - instruments as JSON both ways (instrument_json.h) and the LA's
 * versions (store_instruments.h, migration 033): every seeded instrument written and read back
 * equal field by field; bad JSON refused with its path and value; the lookup of seeds and
 * stored versions, where a review started on version 1 keeps version 1's items after version 2
 * is saved (counted by hand: the Wellbeing Framework audit has 13 items, 1 in area 6; version 2
 * adds one to area 6, so 14 and 2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "onroll/instrument_json.h"
#include "onroll/instruments.h"
#include "onroll/reviews.h"
#include "onroll/store_instruments.h"

static void same_text(const char *a, const char *b)
{
    assert_string_equal(a ? a : "", b ? b : "");
}

static void same_list(const char *const *a, int na, const char *const *b, int nb)
{
    assert_int_equal(na, nb);
    for (int i = 0; i < na; i++)
        assert_string_equal(a[i], b[i]);
}

/* every field of or_instrument, its sections, items and fields */
static void same_instrument(const or_instrument *a, const or_instrument *b)
{
    assert_string_equal(a->id, b->id);
    assert_int_equal(a->version, b->version);
    same_text(a->title, b->title);
    same_text(a->owner, b->owner);
    same_text(a->about, b->about);
    same_list(a->levels, a->nlevels, b->levels, b->nlevels);
    same_list(a->judgements, a->njudgements, b->judgements, b->njudgements);
    same_text(a->judgement_note, b->judgement_note);
    same_list(a->boxes, a->nboxes, b->boxes, b->nboxes);
    assert_int_equal(a->nsections, b->nsections);
    for (int s = 0; s < a->nsections; s++) {
        const or_instr_section *x = &a->sections[s], *y = &b->sections[s];
        same_text(x->title, y->title);
        assert_int_equal(x->placeholder, y->placeholder);
        same_text(x->note, y->note);
        same_list(x->descriptors, x->ndescriptors, y->descriptors, y->ndescriptors);
        same_list(x->judged, x->njudged, y->judged, y->njudged);
        assert_int_equal(x->nitems, y->nitems);
        for (int i = 0; i < x->nitems; i++) {
            const or_instr_item *p = &x->items[i], *q = &y->items[i];
            assert_string_equal(p->key, q->key);
            assert_string_equal(p->text, q->text);
            assert_int_equal(p->resp, q->resp);
            assert_int_equal(p->descriptors == NULL, q->descriptors == NULL);
            if (p->descriptors)
                same_list(p->descriptors, a->nlevels, q->descriptors, b->nlevels);
            assert_int_equal(p->nfields, q->nfields);
            for (int f = 0; f < p->nfields; f++) {
                assert_string_equal(p->fields[f].label, q->fields[f].label);
                assert_int_equal(p->fields[f].data_key == NULL, q->fields[f].data_key == NULL);
                if (p->fields[f].data_key)
                    assert_string_equal(p->fields[f].data_key, q->fields[f].data_key);
            }
        }
    }
}

static void seeds_round_trip(void **state)
{
    (void)state;
    assert_int_equal(or_instruments_seed_count, 3);
    for (int i = 0; i < or_instruments_seed_count; i++) {
        or_arena a = OR_ARENA_INIT;
        or_error err = {0};
        char *json = NULL;
        or_instrument back;
        if (or_instrument_to_json(&or_instruments_seed[i], &a, &json, &err) ||
            or_instrument_from_json(json, strlen(json), &a, &back, &err))
            fail_msg("%s: %s", or_instruments_seed[i].id, err.msg);
        same_instrument(&or_instruments_seed[i], &back);
        /* and written again, the same text */
        char *again = NULL;
        assert_int_equal(or_instrument_to_json(&back, &a, &again, &err), OR_OK);
        assert_string_equal(json, again);
        or_arena_free(&a);
    }
}

/* The smallest whole instrument, with one thing wrong at a time */
static const char *good = "{\"id\": \"my-audit\", \"title\": \"My audit\", \"levels\": [\"Low\", "
                          "\"High\"], \"sections\": [{\"title\": \"Area one\", \"items\": "
                          "[{\"key\": \"a1.i1\", \"text\": \"Rate it\", \"response\": \"rating\", "
                          "\"descriptors\": [\"little\", \"much\"]}]}]}";

static void refused(const char *json, const char *want)
{
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    or_instrument in;
    assert_int_equal(or_instrument_from_json(json, strlen(json), &a, &in, &err), OR_EINPUT);
    if (!strstr(err.msg, want))
        fail_msg("wanted '%s' in '%s'", want, err.msg);
    or_arena_free(&a);
}

/* good with the first occurrence of from replaced by to */
static const char *with(char *buf, size_t n, const char *from, const char *to)
{
    const char *p = strstr(good, from);
    assert_non_null(p);
    snprintf(buf, n, "%.*s%s%s", (int)(p - good), good, to, p + strlen(from));
    return buf;
}

static void bad_json(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    or_instrument in;
    assert_int_equal(or_instrument_from_json(good, strlen(good), &a, &in, &err), OR_OK);
    assert_string_equal(in.id, "my-audit");
    assert_int_equal(in.version, 0); /* not given */
    assert_int_equal(in.sections[0].items[0].resp, OR_RESP_RATING);
    or_arena_free(&a);
    char b[1024];
    refused("{\"id\": ", "line 1, column");
    refused("[1, 2]", "$: is not an object");
    refused(with(b, sizeof b, "\"rating\"", "\"ratings\""),
            "$.sections[0].items[0].response: \"ratings\" is not a response type");
    refused(with(b, sizeof b, "\"little\", \"much\"", "\"little\""),
            "$.sections[0].items[0].descriptors: has 1 entries; one for each of the 2 levels");
    refused(with(b, sizeof b, "\"a1.i1\"", "\"item one\""),
            "$.sections[0].items[0].key: \"item one\" is not an item key");
    refused(with(b, sizeof b, "\"my-audit\"", "\"My Audit\""), "$.id: \"My Audit\" is not an id");
    refused(with(b, sizeof b, "\"title\": \"Area one\"", "\"titel\": \"Area one\""),
            "$.sections[0]: \"titel\" is not one of its members");
    refused(with(b, sizeof b, "\"title\": \"Area one\"", "\"title\": \"\""),
            "$.sections[0].title: is empty");
    refused(with(b, sizeof b, "\"levels\": [\"Low\", \"High\"], ", ""),
            "$.sections[0].items[0].descriptors: has 2 entries; one for each of the 0 levels");
    refused(with(b, sizeof b, "\"Low\", \"High\"", "\"Low\", \"Low\""),
            "$.levels[1]: \"Low\" is there twice");
}

static void bad_json_more(void **state)
{
    (void)state;
    char b[1024];
    refused(with(b, sizeof b, "{\"id\"", "{\"version\": \"two\", \"id\""),
            "$.version: is not a version");
    refused(with(b, sizeof b, "\"sections\": [",
                 "\"judgements\": [], \"sections\": [{\"title\": "
                 "\"Two\", \"judged\": [\"Overall\"], \"items\": "
                 "[]}, "),
            "$.sections[0].judged: asks for judgements but the instrument has none");
    refused(with(b, sizeof b,
                 "\"a1.i1\", \"text\": \"Rate it\", \"response\": \"rating\", "
                 "\"descriptors\": [\"little\", \"much\"]}",
                 "\"a1.i1\", \"text\": \"Rate it\", \"response\": \"text\"}, {\"key\": \"a1.i1\", "
                 "\"text\": \"Again\", \"response\": \"text\"}"),
            "$.sections[0].items[1].key: \"a1.i1\" is the key of another item");
    refused(with(b, sizeof b, "\"response\": \"rating\"",
                 "\"response\": \"data\", \"fields\": [{\"label\": \"SEN\", \"data_key\": "
                 "\"Sen K\"}]"),
            "$.sections[0].items[0].fields[0].data_key: \"Sen K\" is not a figure's key");
}

/* A control character (as JSON's \u0001) and bytes that are not UTF-8 (an instrument made in
 * C: jansson would write no member for them, and the version would not read back) */
static void control_and_bad_utf8(void **state)
{
    (void)state;
    char b[1024];
    refused(with(b, sizeof b, "\"My audit\"", "\"My\\u0001audit\""),
            "$.title: holds a control character or is not UTF-8");
    or_instrument in = *or_instrument_find("inclusion-review", 1);
    in.title = "Bad \xff byte";
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    char *json = NULL;
    assert_int_equal(or_instrument_to_json(&in, &a, &json, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "$.title: holds a control character or is not UTF-8"));
    or_arena_free(&a);
}

static void set_lookup(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    /* a stored v2 of the SEND review and a v1 of the LA's own; a "v1" of a seed is ignored */
    or_instrument stored[3];
    stored[0] = *or_instrument_find("send-review", 1);
    stored[0].version = 2;
    stored[0].title = "SEND Review Tool (ours)";
    stored[1] = *or_instrument_find("inclusion-review", 1);
    stored[1].id = "a-own";
    stored[2] = *or_instrument_find("wellbeing-audit", 1);
    stored[2].title = "not the seed";
    or_instrument_set set;
    or_instrument_set_make(&a, stored, 3, &set);
    assert_int_equal(set.n, 5);
    assert_string_equal(or_instrument_set_find(&set, "send-review", 0)->title,
                        "SEND Review Tool (ours)");
    assert_string_equal(or_instrument_set_find(&set, "send-review", 1)->title, "SEND Review Tool");
    assert_string_equal(or_instrument_set_find(&set, "wellbeing-audit", 1)->title,
                        "Wellbeing Framework audit");
    assert_null(or_instrument_set_find(&set, "send-review", 3));
    assert_int_equal(or_instrument_set_next_version(&set, "send-review"), 3);
    assert_int_equal(or_instrument_set_next_version(&set, "new-one"), 1);
    const or_instrument **latest = NULL;
    int n = or_instrument_set_latest(&set, &a, &latest);
    assert_int_equal(n, 4); /* the three seeds' ids, then the LA's own */
    assert_string_equal(latest[0]->id, "wellbeing-audit");
    assert_int_equal(latest[1]->version, 2);
    assert_string_equal(latest[3]->id, "a-own");
    /* a NULL set: the seeds */
    assert_int_equal(or_instrument_set_find(NULL, "send-review", 0)->version, 1);
    assert_int_equal(or_instrument_set_latest(NULL, &a, &latest), 3);
    or_arena_free(&a);
}

/* A review on v1 keeps v1 after the LA saves v2 (the store, SQLite) */
static void review_keeps_its_version(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "/tmp/test_instrument_json.%d.db", (int)getpid());
    unlink(path);
    or_store *s = NULL;
    or_error err = {0};
    if (or_store_open(path, &s, &err) || or_store_migrate(s, NULL, &err))
        fail_msg("%s", err.msg);
    or_arena a = OR_ARENA_INIT;
    or_instrument_set set;
    assert_int_equal(or_instruments_load(s, &a, &set, &err), OR_OK);
    const or_instrument *w1 = or_instrument_set_find(&set, "wellbeing-audit", 0);
    assert_int_equal(w1->version, 1);
    int64_t id = 0;
    assert_int_equal(
        or_review_start(s, 100001, 2025, w1->id, w1->version, "senco@example.uk", &id, &err),
        OR_OK);

    /* v2: area 6 renamed, an item added to it */
    or_instrument w2 = *w1;
    w2.version = or_instrument_set_next_version(&set, w2.id);
    assert_int_equal(w2.version, 2);
    or_instr_section *secs = or_arena_calloc(&a, (size_t)w2.nsections, sizeof *secs);
    memcpy(secs, w1->sections, sizeof *secs * (size_t)w2.nsections);
    secs[5].title = "Staff wellbeing";
    secs[5].placeholder = false;
    or_instr_item *items = or_arena_calloc(&a, 2, sizeof *items);
    items[0] = secs[5].items[0];
    items[1] = (or_instr_item){"a6.i2", "Staff have supervision", OR_RESP_YESNO, NULL, 0, NULL};
    secs[5].items = items;
    secs[5].nitems = 2;
    w2.sections = secs;
    /* the wrong version is refused */
    w2.version = 3;
    assert_int_equal(or_instrument_version_put(s, &set, &w2, "la@example.gov.uk", &err),
                     OR_ECONFLICT);
    w2.version = 2;
    assert_int_equal(or_instrument_version_put(s, &set, &w2, "la@example.gov.uk", &err), OR_OK);

    or_arena b = OR_ARENA_INIT;
    or_instrument_set now;
    assert_int_equal(or_instruments_load(s, &b, &now, &err), OR_OK);
    or_review r;
    bool found = false;
    assert_int_equal(or_review_get(s, id, &b, &r, &found, &err), OR_OK);
    assert_true(found);
    const or_instrument *kept = or_instrument_set_find(&now, r.instrument, r.version);
    assert_int_equal(kept->version, 1);
    assert_int_equal(or_instrument_items(kept), 13);
    assert_int_equal(kept->sections[5].nitems, 1);
    assert_true(kept->sections[5].placeholder);
    const or_instrument *latest = or_instrument_set_find(&now, "wellbeing-audit", 0);
    assert_int_equal(latest->version, 2);
    assert_int_equal(or_instrument_items(latest), 14);
    assert_int_equal(latest->sections[5].nitems, 2);
    assert_string_equal(latest->sections[5].title, "Staff wellbeing");
    assert_int_equal(or_instrument_item(latest, "a6.i2", NULL)->resp, OR_RESP_YESNO);
    const char *by = NULL, *at = NULL;
    assert_int_equal(or_instrument_version_made(s, "wellbeing-audit", 2, &b, &by, &at, &err),
                     OR_OK);
    assert_string_equal(by, "la@example.gov.uk");
    /* saving v2 again (someone else saved meanwhile) is refused */
    assert_int_equal(or_instrument_version_put(s, &now, &w2, "la@example.gov.uk", &err),
                     OR_ECONFLICT);
    or_arena_free(&b);
    or_arena_free(&a);
    or_store_close(s);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeds_round_trip),
        cmocka_unit_test(bad_json),
        cmocka_unit_test(bad_json_more),
        cmocka_unit_test(set_lookup),
        cmocka_unit_test(review_keeps_its_version),
        cmocka_unit_test(control_and_bad_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
