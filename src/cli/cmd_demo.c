/* cmd_demo.c - `onroll demo`: load a synthetic local authority (the files in src/demo) into the
 * database through the same ingest path as `onroll import`, so every demo row is validated
 * exactly as a school's file would be. Attendance marks go straight to the store. The
 * interventions directory is seeded first when it is empty (the demo's pupils receive
 * interventions of it). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "onroll/settings.h"
#include "onroll/store_settings.h"
#include "onroll/demo.h"
#include "onroll/ingest.h"
#include "onroll/interventions.h"
#include "onroll/model.h"
#include "onroll/store_interventions.h"
#include "onroll/store_users.h"
#include "onroll/store_users.h"

/* `onroll help demo`, `onroll demo --help` (cli.h, cli_help.c) */
static const cli_opt_doc demo_opts[] = {
    CLI_OPT_DB,
    {"--seed N", "the random seed; the same seed and date make the same LA; default 1"},
    {"--schools N", "how many schools (at least 3); default 80"},
    {"--pupils N", "how many pupils; default 30000"},
    {"--years N", "how many academic years of history; default 3"},
    {"--as-of YYYY-MM-DD", "the last day of the history; default today"},
    {"--la CODE", "the LA's 3-digit code"},
    {"--no-attendance", "leave out the attendance marks (faster)"},
    {"--no-actions", "leave out the record of duties done"},
    {NULL, NULL},
};
static const char *const demo_examples[] = {
    "onroll demo --schools 20 --pupils 4000 --as-of 2026-11-24",
    "onroll --db demo.db demo --seed 7",
    NULL,
};
const cli_doc cmd_demo_doc = {
    "demo", "load a synthetic local authority (deterministic for a seed and date)",
    "[--db URL] [--seed N] [--schools N] [--pupils N] [--years N] [--as-of YYYY-MM-DD] [--la CODE] "
    "[--no-attendance] [--no-actions]",
    demo_opts, demo_examples};

typedef struct {
    or_store *s;
    char source[128];
    or_ingest *in; /* the batch of the kind being loaded */
    or_kind_id kind;
    int64_t line;
    int la_code;
    bool marks_open; /* the marks transaction has begun */
    int64_t marks_src;
    long long rows[OR_K__COUNT], marks;
} loader;

static or_code end_batch(loader *l, or_error *err)
{
    if (!l->in)
        return OR_OK;
    or_ingest_result res = {0};
    or_code rc = or_ingest_end(l->in, &res, err);
    l->in = NULL;
    if (rc && res.errors.len) /* a generator bug: show what it produced */
        fputs(or_sb_str(&res.errors), stderr);
    l->rows[res.kind] += res.inserted + res.updated;
    or_ingest_result_release(&res);
    return rc;
}

static or_code on_row(void *ctx, or_kind_id kind, const char *const *cells, or_error *err)
{
    loader *l = ctx;
    if (!l->in || kind != l->kind) { /* kinds arrive in order: a new one ends the batch */
        or_code rc = end_batch(l, err);
        if (rc)
            return rc;
        or_source src = {"demo", l->source, NULL, cli_user(), NULL};
        if ((rc = or_ingest_begin(l->s, or_kind_get(kind), &src, NULL, &l->in, err)))
            return rc;
        l->kind = kind;
        l->line = 1;
    }
    return or_ingest_row(l->in, ++l->line, cells, err);
}

static or_code on_marks(void *ctx, const char *upn, int urn, int ay, const char *marks,
                        or_error *err)
{
    loader *l = ctx;
    or_code rc = end_batch(l, err);
    if (rc)
        return rc;
    if (!l->marks_open) {
        or_source src = {"demo", l->source, NULL, cli_user(), NULL};
        if ((rc = or_store_begin(l->s, err)) ||
            (rc = or_store_add_source(l->s, &src, &l->marks_src, err)))
            return rc;
        l->marks_open = true;
    }
    or_prov prov = {l->marks_src, 0, l->la_code};
    l->marks++;
    return or_store_marks_put(l->s, &prov, upn, urn, ay, marks, err);
}

static const or_pupil_facts *pupil_at(void *ctx, int i)
{
    return or_model_pupil(ctx, i);
}

/* The duty actions, pass by pass: each pass's actions open the next duties (a board's
 * decision starts the review's clock). */
static or_code load_actions(loader *l, const or_demo_params *p, or_error *err)
{
    or_demo_sink sink = {on_row, NULL, l};
    /* first the plans, reviews and referrals (demo_plans.c): they do some of the duties */
    or_model *pm = NULL;
    or_code prc = or_model_load(l->s, NULL, &pm, err);
    int planned = 0;
    snprintf(l->source, sizeof l->source, "onroll demo: plans, reviews and referrals");
    if (!prc)
        prc = or_demo_plans(pupil_at, pm, or_model_npupils(pm), or_model_params(pm), p->as_of,
                            p->seed, &sink, &planned, err);
    or_model_free(pm);
    if (prc || (prc = end_batch(l, err)))
        return prc;
    for (int pass = 1; pass <= 6; pass++) {
        or_model *m = NULL;
        or_code rc = or_model_load(l->s, NULL, &m, err);
        if (rc)
            return rc;
        int emitted = 0;
        snprintf(l->source, sizeof l->source, "onroll demo: duty actions, pass %d", pass);
        rc = or_demo_actions(pupil_at, m, or_model_npupils(m), or_model_params(m), p->as_of,
                             p->seed, &sink, &emitted, err);
        or_model_free(m);
        if (!rc)
            rc = end_batch(l, err);
        if (rc || emitted == 0)
            return rc;
    }
    return OR_OK;
}

/* The outcome measures (or_demo_outcomes) of the interventions (else the PSPs) stored by then,
 * read from the model of what is stored: after the generator's rows and the duties done. */
static or_code load_outcomes(loader *l, const or_demo_params *p, or_error *err)
{
    or_demo_sink sink = {on_row, NULL, l};
    or_model *m = NULL;
    or_code rc = or_model_load(l->s, NULL, &m, err);
    if (rc)
        return rc;
    int emitted = 0;
    snprintf(l->source, sizeof l->source, "onroll demo: outcome measures");
    rc =
        or_demo_outcomes(pupil_at, m, or_model_npupils(m), p->as_of, p->seed, &sink, &emitted, err);
    or_model_free(m);
    return rc ? rc : end_batch(l, err);
}

/* The settings people fill once (settings.h), invented for the demo, so that its letters have
 * no gap the system could fill: the LA's name and team, and each school's head teacher, clerk
 * and address (names from a short list, by the school's number). */
typedef struct {
    or_store *s;
    int n;
} demo_schools;

static or_code set_school(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    (void)m;
    demo_schools *d = ctx;
    static const char *const heads[] = {"Ms Asha Patel",  "Mr Daniel Okoro", "Mrs Helen Ward",
                                        "Dr Ruth Mensah", "Mr Tomasz Nowak", "Ms Claire Dunn"};
    static const char *const clerks[] = {"Mr Colin Hart", "Mrs Priya Shah", "Ms Joan Ellis",
                                         "Mr Femi Adebayo"};
    int urn = (int)r[OR_SC_URN].i, k = d->n++;
    char email[96], address[160];
    snprintf(email, sizeof email, "clerk.%d@schools.kestrel.example.org", urn);
    snprintf(address, sizeof address, "%d School Lane\nKestrel KE%d %dAB", 1 + k % 90, 1 + k % 9,
             1 + k % 9);
    or_code rc = or_setting_set(d->s, OR_SET_HEAD_TEACHER, urn, heads[k % 6], "demo", err);
    if (!rc)
        rc = or_setting_set(d->s, OR_SET_CLERK_NAME, urn, clerks[k % 4], "demo", err);
    if (!rc)
        rc = or_setting_set(d->s, OR_SET_CLERK_EMAIL, urn, email, "demo", err);
    if (!rc)
        rc = or_setting_set(d->s, OR_SET_ADDRESS, urn, address, "demo", err);
    return rc;
}

static or_code demo_settings(or_store *s, int la_code, or_error *err)
{
    or_code rc = or_store_begin(s, err);
    if (rc)
        return rc;
    rc = or_setting_set(s, OR_SET_LA_NAME, 0, "Kestrel Borough Council", "demo", err);
    if (!rc)
        rc =
            or_setting_set(s, OR_SET_LA_TEAM_NAME, 0, "Inclusion and Exclusions Team", "demo", err);
    if (!rc)
        rc = or_setting_set(s, OR_SET_LA_TEAM_EMAIL, 0, "exclusions@kestrel.example.gov.uk", "demo",
                            err);
    if (!rc)
        rc = or_setting_set(s, OR_SET_LA_TEAM_PHONE, 0, "01632 960 000", "demo", err);
    /* compare.h: the demo LA (fictional, an inner-London borough's mix of schools) against
       Inner London as the DfE's file codes it and ten real inner-London boroughs as its
       statistical neighbours (docs/benchmarks.md) */
    char code[16];
    snprintf(code, sizeof code, "%d", la_code);
    if (!rc)
        rc = or_setting_set(s, OR_SET_LA_CODE, 0, code, "demo", err);
    if (!rc)
        rc = or_setting_set(s, OR_SET_LA_REGION, 0, "E13000001", "demo", err);
    if (!rc)
        rc = or_setting_set(s, OR_SET_LA_NEIGHBOURS, 0,
                            "202, 204, 205, 206, 207, 208, 209, 210, 211, 212", "demo", err);
    demo_schools d = {s, 0};
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_SCHOOLS), NULL, set_school, &d, err);
    if (rc)
        or_store_rollback(s);
    else
        rc = or_store_commit(s, err);
    return rc;
}

int cmd_demo(int argc, char **argv)
{
    const char *use = cmd_demo_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"schools", required_argument, NULL, 'S'},
                                         {"pupils", required_argument, NULL, 'p'},
                                         {"years", required_argument, NULL, 'y'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {"la", required_argument, NULL, 'l'},
                                         {"no-attendance", no_argument, NULL, 'A'},
                                         {"no-actions", no_argument, NULL, 'N'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    or_demo_params p;
    or_demo_params_default(&p);
    const char *db = NULL;
    bool marks = true, actions = true; /* --no-*: big data sets for bench/national.sh */
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 's':
            p.seed = strtoull(optarg, NULL, 10);
            break;
        case 'S':
            p.schools = atoi(optarg);
            break;
        case 'p':
            p.pupils = atoi(optarg);
            break;
        case 'y':
            p.years = atoi(optarg);
            break;
        case 'l':
            p.la_code = atoi(optarg);
            break;
        case 'A':
            marks = false;
            break;
        case 'N':
            actions = false;
            break;
        case 'a':
            if (!or_date_parse(optarg, &p.as_of)) {
                fprintf(stderr, "onroll demo: --as-of '%s' is not a date (YYYY-MM-DD)\n", optarg);
                return 2;
            }
            break;
        case 'h':
            printf("usage: onroll demo %s\n", use);
            return 0;
        default:
            return cli_usage("demo", use);
        }
    }
    if (optind < argc)
        return cli_usage("demo", use);
    if (p.as_of == OR_DATE_NONE) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        p.as_of = or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    or_store *s = cli_open(db);
    if (!s)
        return 1;
    char asof[11];
    or_date_format(p.as_of, asof);
    loader l = {.s = s, .la_code = p.la_code};
    snprintf(l.source, sizeof l.source,
             "onroll demo --seed %llu --schools %d --pupils %d --years %d --as-of %s",
             (unsigned long long)p.seed, p.schools, p.pupils, p.years, asof);
    or_demo_sink sink = {on_row, marks ? on_marks : NULL, &l};
    or_error err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int seeded = 0; /* the demo's intervention events name entries of the directory */
    or_code rc = or_iv_seed_store(s, "demo", &seeded, &err);
    if (!rc)
        rc = or_demo_generate(&p, &sink, &err);
    if (!rc)
        rc = end_batch(&l, &err);
    else if (l.in)
        end_batch(&l, NULL);
    if (l.marks_open) {
        if (rc)
            or_store_rollback(s);
        else if ((rc = or_store_commit(s, &err)))
            or_store_rollback(s);
    }
    if (!rc && actions)
        rc = load_actions(&l, &p, &err);
    if (!rc && actions)
        rc = load_outcomes(&l, &p, &err);
    if (!rc && actions) /* the settings letters use (not for bulk national data) */
        rc = demo_settings(s, p.la_code, &err);
    if (!rc && actions) /* one account per role, printed (not for bulk national data) */
        rc = or_users_create_demo(s, stdout, &err);
    if (!rc && actions) /* reviews, surveys, a workshop for the pages of issues 18-19 */
        rc = or_demo_improve(s, p.as_of, p.seed, cli_user(), &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) {
        or_store_close(s);
        return cli_fail("demo", &err);
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%s: demo local authority %d as of %s (%.1f s)\n", or_store_name(s), p.la_code, asof,
           secs);
    for (int k = 0; k < OR_K__COUNT; k++)
        if (l.rows[k])
            printf("  %-18s %lld new rows\n", or_kind_get((or_kind_id)k)->name, l.rows[k]);
    printf("  %-18s %lld pupil-years\n", "attendance marks", l.marks);
    or_store_close(s);
    return 0;
}
