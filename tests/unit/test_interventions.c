/* test_interventions.c - the interventions directory (interventions.h): the fixed vocabularies
 * and their sets, ids, the checks of an entry; the seed compiled in from the guide (every entry
 * with exactly one level, phases and needs of the vocabularies, no person's name, email or phone
 * number where a service belongs, and a few normalisation decisions checked by hand); the
 * directory in a real database (SQLite in a temporary file, or ONROLL_TEST_DB): seeding once,
 * the search's filters one by one and combined, paging, the LA's edits with their audit lines;
 * and the importer's checks of `intervention` events (the id must be in the directory; a ref
 * must name the intervention it changes). Expected values were worked out by hand from the
 * guide's rows (shared/data/interventions.csv) and the review in tools/gen_interventions.py. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/ingest.h"
#include "onroll/interventions.h"
#include "onroll/store_interventions.h"

/* ---- vocabularies, sets, ids, checks ---- */

static void test_vocabularies(void **state)
{
    (void)state;
    assert_int_equal(OR_IV_LEVEL__N, 3);
    assert_string_equal(or_iv_levels[OR_IV_UNIVERSAL].id, "universal");
    assert_string_equal(or_iv_levels[OR_IV_UNIVERSAL_PLUS].id, "universal_plus");
    assert_string_equal(or_iv_levels[OR_IV_COMPLEX].id, "complex");
    assert_string_equal(or_iv_phases[OR_IV_EARLY_YEARS].id, "early_years");
    assert_string_equal(or_iv_phases[OR_IV_POST16].id, "post16");
    assert_string_equal(or_iv_costs[OR_IV_COST_UNKNOWN].id, "unknown");
    assert_string_equal(or_iv_needs[OR_IV_SOCIAL_EMOTIONAL].id, "social_emotional");
    assert_string_equal(or_iv_needs[OR_IV_EXCLUSION_RISK].id, "exclusion_risk");
    /* every term: a unique id of lower-case letters, digits and '_', and a label */
    const struct {
        const or_iv_term *t;
        int n;
    } vocab[] = {{or_iv_levels, OR_IV_LEVEL__N},
                 {or_iv_phases, OR_IV_PHASE__N},
                 {or_iv_needs, OR_IV_NEED__N},
                 {or_iv_costs, OR_IV_COST__N}};
    for (size_t v = 0; v < 4; v++)
        for (int i = 0; i < vocab[v].n; i++) {
            const char *id = vocab[v].t[i].id;
            assert_true(strlen(id) > 0 &&
                        strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(id));
            assert_true(vocab[v].t[i].label && *vocab[v].t[i].label);
            assert_int_equal(or_iv_find(vocab[v].t, vocab[v].n, id), i);
        }
    assert_int_equal(or_iv_find(or_iv_needs, OR_IV_NEED__N, "Behaviour"), -1); /* exact */
    assert_int_equal(or_iv_find(or_iv_needs, OR_IV_NEED__N, NULL), -1);
}

static void test_sets(void **state)
{
    (void)state;
    unsigned set = 99;
    or_error err = {0};
    assert_int_equal(
        or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, "secondary;primary", "phases", &set, &err),
        OR_OK);
    assert_int_equal(set, (1u << OR_IV_PRIMARY) | (1u << OR_IV_SECONDARY));
    or_sb sb = OR_SB_INIT;
    or_iv_set_format(or_iv_phases, OR_IV_PHASE__N, set, ";", &sb);
    assert_string_equal(or_sb_str(&sb), "primary;secondary"); /* the vocabulary's order */
    or_sb_reset(&sb);
    or_iv_set_labels(or_iv_phases, OR_IV_PHASE__N, set, &sb);
    assert_string_equal(or_sb_str(&sb), "Primary; Secondary");
    or_sb_release(&sb);
    assert_int_equal(or_iv_set_parse(or_iv_needs, OR_IV_NEED__N, "", "needs", &set, &err), OR_OK);
    assert_int_equal(set, 0);
    /* refused, naming the field and the value */
    assert_int_equal(
        or_iv_set_parse(or_iv_needs, OR_IV_NEED__N, "behaviour;gangs", "needs", &set, &err),
        OR_EINPUT);
    assert_non_null(strstr(err.msg, "needs: 'gangs' (in 'behaviour;gangs') is not one of"));
    assert_non_null(strstr(err.msg, "gangs_exploitation"));
    assert_int_equal(or_iv_set_parse(or_iv_needs, OR_IV_NEED__N, "sen;sen", "needs", &set, &err),
                     OR_EINPUT);
    assert_non_null(strstr(err.msg, "'sen' is given twice"));
    assert_int_equal(
        or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, "primary;", "phases", &set, &err), OR_EINPUT);
    assert_int_equal(
        or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, ";primary", "phases", &set, &err), OR_EINPUT);
    assert_int_equal(or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, "Primary", "phases", &set, &err),
                     OR_EINPUT);
}

static void test_ids(void **state)
{
    (void)state;
    char s[64];
    or_iv_slug("Restorative Conferences (full)", s, sizeof s);
    assert_string_equal(s, "restorative-conferences-full");
    or_iv_slug("  Children's Social Care!! ", s, sizeof s);
    assert_string_equal(s, "children-s-social-care");
    or_iv_slug("Short term focused alternative provision placement at New Regents College (NRC "
               "Lower)",
               s, sizeof s);
    assert_string_equal(s, "short-term-focused-alternative-provision-placement-at-new");
    assert_true(strlen(s) <= 60);
    or_iv_slug("é ü —", s, sizeof s); /* no ASCII letter or digit */
    assert_string_equal(s, "");
    assert_true(or_iv_id_ok("peer-mediation"));
    assert_true(or_iv_id_ok("2-minute-restorative-chat"));
    assert_false(or_iv_id_ok(""));
    assert_false(or_iv_id_ok("-peer"));
    assert_false(or_iv_id_ok("peer-"));
    assert_false(or_iv_id_ok("peer--mediation"));
    assert_false(or_iv_id_ok("Peer-mediation"));
    assert_false(or_iv_id_ok("peer mediation"));
    assert_false(or_iv_id_ok("peer_mediation"));
    assert_false(or_iv_id_ok("a/../b"));
    char longid[80];
    memset(longid, 'a', 65);
    longid[65] = '\0';
    assert_false(or_iv_id_ok(longid));
    longid[64] = '\0';
    assert_true(or_iv_id_ok(longid));
}

static or_intervention sample(void)
{
    return (or_intervention){.id = "mentoring",
                             .name = "Mentoring",
                             .description = "",
                             .provider = "Youth Offending Service",
                             .level = OR_IV_UNIVERSAL_PLUS,
                             .level_basis = OR_IV_BASIS_LA,
                             .level_note = "",
                             .phases = 1u << OR_IV_SECONDARY,
                             .needs = 1u << OR_IV_YOUTH_OFFENDING,
                             .how_to_access = "Referral by the school.",
                             .cost = OR_IV_FREE,
                             .cost_text = "",
                             .evidence = "",
                             .guide_section = "",
                             .active = true};
}

static void test_check(void **state)
{
    (void)state;
    or_error err = {0};
    const char *field = NULL;
    or_intervention e = sample();
    assert_int_equal(or_iv_check(&e, &field, &err), OR_OK);
    e.name = "  ";
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "name");
    assert_non_null(strstr(err.msg, "is empty"));
    e = sample();
    e.needs = 0;
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "needs");
    e = sample();
    e.phases = 0;
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "phases");
    e = sample();
    e.provider = "Youth\x01Service";
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "provider");
    e = sample();
    e.provider = "line\nbreak"; /* one line */
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    e = sample();
    e.how_to_access = "two\nlines"; /* may have line breaks */
    assert_int_equal(or_iv_check(&e, &field, &err), OR_OK);
    e.how_to_access = "bad \xff byte";
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "how_to_access");
    e = sample();
    char name[300];
    memset(name, 'x', 201);
    name[201] = '\0';
    e.name = name;
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "201 bytes long; at most 200"));
    e = sample();
    e.id = "Mentoring";
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "id");
    assert_non_null(strstr(err.msg, "'Mentoring' is not an id"));
    e = sample();
    e.level_basis = "hearsay";
    assert_int_equal(or_iv_check(&e, &field, &err), OR_EINPUT);
    assert_string_equal(field, "level_basis");
}

/* ---- the seed ---- */

static const or_iv_seed *seed(const char *id)
{
    for (size_t i = 0; i < or_iv_nseeds; i++)
        if (!strcmp(or_iv_seeds[i].id, id))
            return &or_iv_seeds[i];
    fail_msg("no seed entry '%s'", id);
    return NULL;
}

static void test_seed_well_formed(void **state)
{
    (void)state;
    assert_int_equal(or_iv_nseeds, 78); /* one per row of the guide's extract */
    int levels[OR_IV_LEVEL__N] = {0}, inferred = 0;
    for (size_t i = 0; i < or_iv_nseeds; i++) {
        const or_iv_seed *s = &or_iv_seeds[i];
        or_error err = {0};
        or_intervention e;
        if (or_iv_from_seed(s, &e, &err))
            fail_msg("%s", err.msg);
        /* exactly one level of the vocabulary, its basis and a reason */
        int l = or_iv_find(or_iv_levels, OR_IV_LEVEL__N, s->level);
        assert_true(l >= 0);
        levels[l]++;
        if (strcmp(s->level_basis, "guide") && strcmp(s->level_basis, "inferred"))
            fail_msg("%s: level basis '%s'", s->id, s->level_basis);
        inferred += !strcmp(s->level_basis, "inferred");
        assert_true(strlen(s->level_note) > 5);
        /* phases and needs: not empty, of the vocabularies (parsed above), stored in order */
        assert_true(e.phases != 0 && e.needs != 0);
        or_sb sb = OR_SB_INIT;
        or_iv_set_format(or_iv_needs, OR_IV_NEED__N, e.needs, ";", &sb);
        assert_string_equal(or_sb_str(&sb), s->needs);
        or_sb_release(&sb);
        /* the id: well formed, the slug of the name, once */
        char slug[64];
        or_iv_slug(s->name, slug, sizeof slug);
        if (strcmp(slug, s->id))
            fail_msg("%s: the slug of '%s' is '%s'", s->id, s->name, slug);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(or_iv_seeds[j].id, s->id);
        /* every field said: nothing left empty */
        assert_true(*s->provider && *s->how_to_access && *s->evidence && *s->cost_text &&
                    *s->guide_section && *s->description);
    }
    /* counted by hand from the review of the 78 rows */
    assert_int_equal(levels[OR_IV_UNIVERSAL], 28);
    assert_int_equal(levels[OR_IV_UNIVERSAL_PLUS], 29);
    assert_int_equal(levels[OR_IV_COMPLEX], 21);
    assert_int_equal(inferred, 60); /* the guide states a level (or a SEAL wave) for 18 */
}

/* Does pattern (POSIX extended) match s? */
static bool matches(const char *pattern, const char *s, int flags)
{
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB | flags))
        fail_msg("bad pattern %s", pattern);
    bool m = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return m;
}

#define EMAIL  "[[:alnum:]._%+-]+@[[:alnum:].-]+\\.[[:alpha:]]{2,}"
#define PHONE  "(\\+44|\\b0)[0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}"
#define TITLED "\\b(Mr|Mrs|Ms|Miss|Dr|Prof)\\.? [A-Z][a-z]+"
/* a first name and a surname: a few common first names, then a capitalised word */
#define PERSON                                                                                     \
    "\\b(Alastair|Alan|Andrew|Anne|Chris|David|Helen|James|Jane|John|Mary|Michael|Paul|Peter|"     \
    "Sarah|Susan) [A-Z][a-z]+"

static void test_seed_no_people(void **state)
{
    (void)state;
    /* the patterns catch what they are for (a test that cannot fail proves nothing) */
    assert_true(matches(EMAIL, "contact jane.doe@hackney.gov.uk today", 0));
    assert_true(matches(PHONE, "call 020 8356 7777", 0));
    assert_true(matches(PHONE, "call +442083567777", 0));
    assert_true(matches(TITLED, "ask Mrs Smith", 0));
    assert_true(matches(PERSON, "retained Alastair Reid (principal tutor)", 0));
    assert_false(matches(PERSON, "Hackney Learning Trust Educational Psychology Service", 0));
    for (size_t i = 0; i < or_iv_nseeds; i++) {
        const or_iv_seed *s = &or_iv_seeds[i];
        const char *texts[] = {s->provider, s->how_to_access};
        for (int t = 0; t < 2; t++) {
            if (matches(EMAIL, texts[t], 0) || matches(PHONE, texts[t], 0) ||
                matches(TITLED, texts[t], 0) || matches(PERSON, texts[t], 0))
                fail_msg("%s: a person's contact in '%s'", s->id, texts[t]);
        }
    }
    /* the one name the raw data had (Team Teach's tutor) is gone; the service stays */
    const or_iv_seed *tt = seed("team-teach-positive-handling-training");
    assert_null(strstr(tt->how_to_access, "Reid"));
    assert_string_equal(tt->provider, "Team-Teach");
}

static void test_seed_decisions(void **state)
{
    (void)state;
    or_intervention e;
    or_error err = {0};
    /* the guide's levels: Complex/High Risk, Universal Plus; SEAL waves */
    assert_int_equal(or_iv_from_seed(seed("mindfulness-based-awareness-training-mbat"), &e, &err),
                     OR_OK);
    assert_int_equal(e.level, OR_IV_COMPLEX);
    assert_string_equal(e.level_basis, "guide");
    assert_int_equal(or_iv_from_seed(seed("dot-b-whole-class-mindfulness-training"), &e, &err),
                     OR_OK);
    assert_int_equal(e.level, OR_IV_UNIVERSAL_PLUS);
    assert_int_equal(e.phases, 1u << OR_IV_SECONDARY); /* "Secondary" */
    assert_int_equal(or_iv_from_seed(seed("seal-small-group-work-ks1-and-ks2"), &e, &err), OR_OK);
    assert_int_equal(e.level, OR_IV_UNIVERSAL_PLUS); /* SEAL Wave Two */
    assert_int_equal(e.phases, 1u << OR_IV_PRIMARY); /* "KS1 and KS2" */
    assert_int_equal(or_iv_from_seed(seed("word-of-the-week"), &e, &err), OR_OK);
    assert_int_equal(e.level, OR_IV_UNIVERSAL);   /* SEAL Wave One */
    assert_int_equal(e.phases, OR_IV_ALL_PHASES); /* no phase in the guide: every phase */
    /* inferred where the guide states none */
    assert_int_equal(or_iv_from_seed(seed("re-engagement-unit-reu"), &e, &err), OR_OK);
    assert_int_equal(e.level, OR_IV_COMPLEX);
    assert_string_equal(e.level_basis, "inferred");
    assert_int_equal(e.phases, 1u << OR_IV_PRIMARY); /* maintained primary schools */
    assert_int_equal(or_iv_from_seed(seed("multi-agency-team-mat"), &e, &err), OR_OK);
    assert_int_equal(e.phases, (1u << OR_IV_EARLY_YEARS) | (1u << OR_IV_PRIMARY)); /* under 6 */
    assert_int_equal(
        or_iv_from_seed(seed("children-and-young-people-s-partnership-panel-cyppp"), &e, &err),
        OR_OK);
    assert_int_equal(e.phases, OR_IV_ALL_PHASES & ~(1u << OR_IV_EARLY_YEARS)); /* 6 or over */
    /* costs: "Traded services strand", "Reduced cost to schools" */
    assert_int_equal(or_iv_from_seed(seed("incredible-years-programme"), &e, &err), OR_OK);
    assert_int_equal(e.cost, OR_IV_CHARGED);
    assert_string_equal(e.cost_text, "Traded services strand");
    assert_int_equal(or_iv_from_seed(seed("team-teach-positive-handling-training"), &e, &err),
                     OR_OK);
    assert_int_equal(e.cost, OR_IV_CHARGED);
    assert_int_equal(or_iv_from_seed(seed("anti-bullying"), &e, &err), OR_OK);
    assert_int_equal(e.cost, OR_IV_COST_UNKNOWN);
    assert_string_equal(e.cost_text, "Not stated in the guide.");
    assert_string_equal(e.evidence, "Not stated in the guide.");
    /* needs: keyword rules plus overrides (reoffending and parenting are outcomes cited for
     * solution focused work, not its needs) */
    assert_int_equal(or_iv_from_seed(seed("solution-focused-approaches"), &e, &err), OR_OK);
    assert_int_equal(e.needs, (1u << OR_IV_BEHAVIOUR) | (1u << OR_IV_SOCIAL_EMOTIONAL) |
                                  (1u << OR_IV_MENTAL_HEALTH) | (1u << OR_IV_LEARNING));
    assert_non_null(strstr(e.evidence, "reduced reoffending"));
    assert_int_equal(or_iv_from_seed(seed("permanent-exclusion"), &e, &err), OR_OK);
    assert_int_equal(e.needs, (1u << OR_IV_BEHAVIOUR) | (1u << OR_IV_EXCLUSION_RISK));
    /* the citation left the name for the evidence */
    assert_int_equal(or_iv_from_seed(seed("solution-oriented-school-programme"), &e, &err), OR_OK);
    assert_string_equal(e.name, "Solution Oriented School Programme");
    assert_string_equal(e.evidence, "The guide cites Rees (2005).");
}

/* ---- the directory in a database ---- */

static char path[256];
static or_store *store;

static int db_setup(void **state)
{
    (void)state;
    const char *url = getenv("ONROLL_TEST_DB");
    if (url && *url)
        snprintf(path, sizeof path, "%s", url);
    else
        snprintf(path, sizeof path, "/tmp/test_interventions.%d.db", (int)getpid());
    if (!url || !*url)
        unlink(path);
    or_error err = {0};
    int added = -1;
    if (or_store_open(path, &store, &err) || or_store_migrate(store, NULL, &err) ||
        or_iv_seed_store(store, "test", &added, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    return added == 78 ? 0 : 1;
}

static int db_teardown(void **state)
{
    (void)state;
    or_store_close(store);
    if (strncmp(path, "postgres", 8))
        unlink(path);
    return 0;
}

typedef struct {
    char ids[100][64];
    int n;
} id_list;

static or_code collect(void *ctx, const or_intervention *e, or_error *err)
{
    (void)err;
    id_list *f = ctx;
    if (f->n < 100)
        snprintf(f->ids[f->n++], 64, "%s", e->id);
    return OR_OK;
}

/* The ids found by q, joined by spaces (in the search's order: by name). */
static const char *search(const or_iv_query *q, int64_t *total)
{
    static char out[4096];
    id_list f = {.n = 0};
    or_error err = {0};
    if (or_iv_search(store, q, collect, &f, total, &err))
        fail_msg("search: %s", err.msg);
    out[0] = '\0';
    for (int i = 0; i < f.n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", f.ids[i]);
    return out;
}

typedef struct {
    int n;
    char first[64], last[64], prev[200];
    bool ordered;
} providers;

static or_code on_provider(void *ctx, const char *text, or_error *err)
{
    (void)err;
    providers *p = ctx;
    if (p->n++ == 0)
        snprintf(p->first, sizeof p->first, "%s", text);
    else if (strcmp(p->prev, text) >= 0)
        p->ordered = false;
    snprintf(p->last, sizeof p->last, "%s", text);
    snprintf(p->prev, sizeof p->prev, "%s", text);
    return OR_OK;
}

static void test_providers(void **state)
{
    (void)state;
    providers p = {.ordered = true};
    or_error err = {0};
    assert_int_equal(or_iv_providers(store, on_provider, &p, &err), OR_OK);
    /* by hand: the 22 services the review gives (bytewise order, each once) */
    assert_int_equal(p.n, 22);
    assert_true(p.ordered);
    assert_string_equal(p.first, "A Space");
    assert_string_equal(p.last, "Team-Teach");
}

static void test_seeding(void **state)
{
    (void)state;
    int added = -1;
    int64_t n = 0;
    or_error err = {0};
    assert_int_equal(or_iv_seed_store(store, "again", &added, &err), OR_OK);
    assert_int_equal(added, 0); /* not empty: nothing added */
    assert_int_equal(or_iv_count(store, &n, &err), OR_OK);
    assert_int_equal(n, 78);
    bool yes = false;
    assert_int_equal(or_iv_exists(store, "camhs", &yes, &err), OR_OK);
    assert_true(yes);
    assert_int_equal(or_iv_exists(store, "no-such", &yes, &err), OR_OK);
    assert_false(yes);
}

static void test_search_filters(void **state)
{
    (void)state;
    int64_t total = -1;
    or_iv_query q = {.inactive = true};
    search(&q, &total);
    assert_int_equal(total, 78); /* the guide's 78 rows */
    q.inactive = false;
    search(&q, &total);
    /* offered: all but the two sanctions the guide lists (Fixed-Term and Permanent Exclusion),
     * seeded as not offered */
    assert_int_equal(total, 76);
    /* one need: the 8 entries tagged parenting (by hand: the guide's parenting section, Family
     * SEAL, the Solihull Approach and its parent group) */
    q.needs = 1u << OR_IV_PARENTING;
    assert_string_equal(search(&q, &total),
                        "bespoke-parenting-programmes early-bird early-bird-plus family-seal "
                        "incredible-years-programme parenting-programme the-solihull-approach "
                        "understanding-your-child-parent-group-based-on-the-solihull");
    assert_int_equal(total, 8);
    /* combined with a level: the one universal one */
    q.levels = 1u << OR_IV_UNIVERSAL;
    assert_string_equal(search(&q, &total), "the-solihull-approach");
    /* needs are "any of"; with a level and a phase */
    q = (or_iv_query){.needs = 1u << OR_IV_MENTAL_HEALTH,
                      .levels = 1u << OR_IV_UNIVERSAL_PLUS,
                      .phases = 1u << OR_IV_PRIMARY};
    assert_string_equal(search(&q, &total),
                        "paws-dot-b-whole-class-mindfulness-training "
                        "school-counselling-service solution-focused-approaches");
    q.phases = 1u << OR_IV_SECONDARY; /* dot-b for secondary, not Paws dot-b */
    assert_string_equal(search(&q, &total),
                        "dot-b-whole-class-mindfulness-training "
                        "school-counselling-service solution-focused-approaches");
    /* words (any case, every word), with a level */
    q = (or_iv_query){.text = "MINDFULNESS", .levels = 1u << OR_IV_COMPLEX};
    assert_string_equal(search(&q, &total), "mindfulness-based-awareness-training-mbat");
    /* parts of words: "parents", "Groups" (Parenting Programme: "Groups led by..."; solution
     * focused work: "group or class work; meetings with ... parents") */
    q = (or_iv_query){.text = "parent  group"};
    assert_string_equal(search(&q, &total),
                        "parenting-programme solution-focused-approaches "
                        "understanding-your-child-parent-group-based-on-the-solihull");
    /* LIKE's wildcards in what was typed match themselves */
    q = (or_iv_query){.text = "_"}; /* unescaped, it would match all 78 */
    assert_string_equal(search(&q, &total), "");
    q = (or_iv_query){.text = "%"};
    assert_string_equal(search(&q, &total), "team-teach-positive-handling-training");
    q = (or_iv_query){.text = "95%"}; /* Team Teach: "95% of interventions..." */
    assert_string_equal(search(&q, &total), "team-teach-positive-handling-training");
    q = (or_iv_query){.text = "'; DROP TABLE interventions; --"};
    assert_string_equal(search(&q, &total), "");
    /* cost, provider */
    q = (or_iv_query){.costs = 1u << OR_IV_CHARGED};
    assert_string_equal(search(&q, &total), "bespoke-parenting-programmes "
                                            "incredible-years-programme "
                                            "team-teach-positive-handling-training");
    q = (or_iv_query){.provider = "A Space"};
    assert_string_equal(search(&q, &total), "school-counselling-service");
    /* paging: the total is of every match */
    q = (or_iv_query){.limit = 5, .offset = 73};
    search(&q, &total);
    assert_int_equal(total, 76); /* the offered ones; rows 74-76 on this page */
    id_list f = {.n = 0};
    or_error err = {0};
    assert_int_equal(or_iv_search(store, &q, collect, &f, NULL, &err), OR_OK);
    assert_int_equal(f.n, 3);
}

static int audit_lines(const char *action, char *last_detail, size_t size);

static void test_edits(void **state)
{
    (void)state;
    or_error err = {0};
    or_arena a = OR_ARENA_INIT;
    or_intervention e;
    bool found = false, changed = false;
    assert_int_equal(or_iv_get(store, "parenting-programme", &a, &e, &found, &err), OR_OK);
    assert_true(found);
    assert_int_equal(e.level, OR_IV_UNIVERSAL_PLUS);
    assert_string_equal(e.level_basis, "inferred");
    or_audit_entry who = {.actor = "la@x.uk", .role = "la_officer", .object = "/test"};
    char detail[600];
    int before = audit_lines("intervention.edit", detail, sizeof detail);
    /* the LA changes the level: saved, the basis is now the LA's, one audit line */
    e.level = OR_IV_COMPLEX;
    assert_int_equal(or_iv_save(store, &e, false, &who, &changed, &err), OR_OK);
    assert_true(changed);
    assert_int_equal(audit_lines("intervention.edit", detail, sizeof detail), before + 1);
    assert_non_null(strstr(detail, "changed intervention parenting-programme: level "
                                   "'universal_plus' -> 'complex'"));
    or_intervention again;
    assert_int_equal(or_iv_get(store, "parenting-programme", &a, &again, &found, &err), OR_OK);
    assert_int_equal(again.level, OR_IV_COMPLEX);
    assert_string_equal(again.level_basis, "la");
    assert_string_equal(again.updated_by, "la@x.uk");
    /* the same again: nothing written */
    assert_int_equal(or_iv_save(store, &again, false, &who, &changed, &err), OR_OK);
    assert_false(changed);
    assert_int_equal(audit_lines("intervention.edit", detail, sizeof detail), before + 1);
    /* found only with the LA's level now */
    or_iv_query q = {.needs = 1u << OR_IV_PARENTING, .levels = 1u << OR_IV_COMPLEX};
    int64_t total = 0;
    assert_string_equal(search(&q, &total), "parenting-programme");
    /* no longer offered: out of searches, still found by id and by the importer */
    again.active = false;
    assert_int_equal(or_iv_save(store, &again, false, &who, &changed, &err), OR_OK);
    assert_string_equal(search(&q, &total), "");
    q.inactive = true;
    assert_string_equal(search(&q, &total), "parenting-programme");
    /* refused: invalid (nothing written), unknown id, taken id */
    again.name = "";
    assert_int_equal(or_iv_save(store, &again, false, &who, &changed, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "name: is empty"));
    or_intervention x = sample();
    x.id = "no-such-entry";
    assert_int_equal(or_iv_save(store, &x, false, &who, &changed, &err), OR_ENOTFOUND);
    x.id = "camhs";
    assert_int_equal(or_iv_save(store, &x, true, &who, &changed, &err), OR_ECONFLICT);
    /* a new entry */
    x = sample();
    int adds = audit_lines("intervention.add", detail, sizeof detail);
    assert_int_equal(or_iv_save(store, &x, true, &who, &changed, &err), OR_OK);
    assert_true(changed);
    assert_int_equal(audit_lines("intervention.add", detail, sizeof detail), adds + 1);
    assert_non_null(strstr(detail, "added intervention mentoring: Mentoring"));
    q = (or_iv_query){.needs = 1u << OR_IV_YOUTH_OFFENDING};
    assert_string_equal(search(&q, &total), "mentoring");
    or_arena_free(&a);
}

typedef struct {
    int n;
    char *detail;
    size_t size;
} audit_ctx;

static or_code on_audit(void *ctx, const or_audit_row *r, or_error *err)
{
    (void)err;
    audit_ctx *c = ctx;
    if (c->n++ == 0)
        snprintf(c->detail, c->size, "%s", r->detail); /* newest first */
    return OR_OK;
}

static int audit_lines(const char *action, char *last_detail, size_t size)
{
    or_audit_query q = {.action = action, .from = OR_DATE_NONE, .to = OR_DATE_NONE, .limit = 1000};
    audit_ctx c = {0, last_detail, size};
    last_detail[0] = '\0';
    or_error err = {0};
    if (or_audit_search(store, &q, on_audit, &c, &err))
        fail_msg("audit: %s", err.msg);
    return c.n;
}

/* ---- the importer's checks ---- */

/* Import rows of kind (ncols cells each, the rest empty) as one batch named "t.csv"; returns
 * the code and the messages into msgs. */
static or_code import(or_kind_id kind, const int *cols, int ncols, const char *const *rows,
                      int nrows, char *msgs, size_t size)
{
    or_ingest *in = NULL;
    or_error err = {0};
    or_source src = {"file", "t.csv", NULL, "test", NULL};
    const or_kind *k = or_kind_get(kind);
    assert_int_equal(or_ingest_begin(store, k, &src, NULL, &in, &err), OR_OK);
    for (int r = 0; r < nrows; r++) {
        const char *cells[32];
        for (int c = 0; c < k->ncols; c++)
            cells[c] = "";
        for (int c = 0; c < ncols; c++)
            cells[cols ? cols[c] : c] = rows[r * ncols + c];
        or_ingest_row(in, r + 2, cells, &err);
    }
    or_ingest_result res = {0};
    or_code rc = or_ingest_end(in, &res, &err);
    snprintf(msgs, size, "%s", res.errors.len ? or_sb_str(&res.errors) : err.msg);
    or_ingest_result_release(&res);
    return rc;
}

static void test_importer(void **state)
{
    (void)state;
    char msgs[2048];
    static const char *const school[] = {"100001", "9992001", "Riverside", "primary", "999"};
    assert_int_equal(import(OR_K_SCHOOLS, NULL, 5, school, 1, msgs, sizeof msgs), OR_OK);
    static const char *const pupil[] = {"K999250000002", "Jay", "C", "2015-11-02", "M",
                                        "WBRI",          "0",   "K", "2025-09-01"};
    assert_int_equal(import(OR_K_PUPILS, NULL, 9, pupil, 1, msgs, sizeof msgs), OR_OK);
    static const int cols[] = {OR_EV_EVENT_ID, OR_EV_UPN,      OR_EV_URN,
                               OR_EV_TYPE,     OR_EV_START,    OR_EV_END,
                               OR_EV_REF,      OR_EV_PROVIDER, OR_EV_INTERVENTION_ID};
    /* an id the directory does not hold: refused, naming file, line, column and value */
    static const char *const unknown[] = {"IV1",          "K999250000002", "100001", "intervention",
                                          "2025-10-01",   "2025-12-19",    "",       "Mentor",
                                          "no-such-thing"};
    assert_int_equal(import(OR_K_EVENTS, cols, 9, unknown, 1, msgs, sizeof msgs), OR_EINPUT);
    assert_non_null(strstr(msgs, "t.csv:2: column intervention: 'no-such-thing' is not an entry "
                                 "of the interventions directory"));
    /* one it holds, then its change (ref), then a change naming a suspension: refused */
    static const char *const ok[] = {"IV1",
                                     "K999250000002",
                                     "100001",
                                     "intervention",
                                     "2025-10-01",
                                     "2025-12-19",
                                     "",
                                     "Mentor",
                                     "camhs",
                                     "IV2",
                                     "K999250000002",
                                     "100001",
                                     "intervention",
                                     "2025-10-01",
                                     "2025-11-07",
                                     "IV1",
                                     "Mentor",
                                     "camhs"};
    assert_int_equal(import(OR_K_EVENTS, cols, 9, ok, 2, msgs, sizeof msgs), OR_OK);
    static const int scols[] = {OR_EV_EVENT_ID, OR_EV_UPN,      OR_EV_URN,    OR_EV_TYPE,
                                OR_EV_START,    OR_EV_SESSIONS, OR_EV_REASONS};
    static const char *const susp[] = {
        "EX1", "K999250000002", "100001", "suspension", "2025-10-06", "2", "DB"};
    assert_int_equal(import(OR_K_EVENTS, scols, 7, susp, 1, msgs, sizeof msgs), OR_OK);
    static const char *const bad_ref[] = {"IV3",          "K999250000002", "100001",
                                          "intervention", "2025-10-01",    "2025-11-07",
                                          "EX1",          "Mentor",        "camhs"};
    assert_int_equal(import(OR_K_EVENTS, cols, 9, bad_ref, 1, msgs, sizeof msgs), OR_EINPUT);
    assert_non_null(strstr(msgs, "t.csv:2: column ref: 'EX1' is a suspension event; intervention "
                                 "events may name (ref) only events of type intervention"));
    /* an entry no longer offered still names a valid record (re-importing old files works) */
    or_arena a = OR_ARENA_INIT;
    or_intervention e;
    bool found = false, changed = false;
    or_error err = {0};
    assert_int_equal(or_iv_get(store, "camhs", &a, &e, &found, &err), OR_OK);
    e.active = false;
    or_audit_entry who = {.actor = "la@x.uk"};
    assert_int_equal(or_iv_save(store, &e, false, &who, &changed, &err), OR_OK);
    assert_int_equal(import(OR_K_EVENTS, cols, 9, ok, 2, msgs, sizeof msgs), OR_OK);
    or_arena_free(&a);
}

int main(void)
{
    /* one group (tests/run.sh counts a binary's last summary): the pure tests first, then those
     * on the database the group's setup made */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocabularies),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_seed_well_formed),
        cmocka_unit_test(test_seed_no_people),
        cmocka_unit_test(test_seed_decisions),
        cmocka_unit_test(test_seeding),
        cmocka_unit_test(test_providers),
        cmocka_unit_test(test_search_filters),
        cmocka_unit_test(test_edits),
        cmocka_unit_test(test_importer),
    };
    return cmocka_run_group_tests(tests, db_setup, db_teardown);
}
