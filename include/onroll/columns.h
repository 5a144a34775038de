/* columns.h - the in-memory columnar model of pupils and exclusions that every rate, ratio and
 * crosstab is computed from (ARCHITECTURE.md principle 5; DOMAIN.md §6).
 *
 * Loaded once from the store (one scan per kind: columns_load.c), then kept current by adding
 * each stored row (live.h: the server's, replayed from the ledger as writes commit).
 * Pupils get a dense index (UPN -> index while loading); every other table is a set of flat
 * arrays, one per column, with the census codes dictionary-encoded as small integers:
 *   - characteristic snapshots (sex, ethnicity, FSM, SEN, ... one byte each per snapshot);
 *   - for every academic year and pupil, the snapshot in force on the spring census day and
 *     the school of the main registration on roll that day (-1: not on roll); the years are
 *     those of the exclusions and snapshots, the latest 20 at most (older exclusions are
 *     kept but not grouped);
 *   - exclusions (suspension, lunchtime, permanent) by academic year then pupil, with whether
 *     each counts (withdrawn and reinstated-before-start ones do not) resolved at load and the
 *     snapshot the statistics use: the census one when the pupil was on roll on census day,
 *     else the one in force on the exclusion's date;
 *   - schools (URN, LA, phase).
 * A query is one pass over those arrays, in chunks, grouping by up to four dimensions.
 *
 * The statistics (DfE definitions, DOMAIN.md §6):
 *   headcount    pupils on roll with a main registration on the census day (the third
 *                Thursday of January of the academic year), each counted once, grouped by the
 *                characteristics in force that day and the school of that registration;
 *   suspensions  suspensions that started in the academic year and count: not withdrawn, not
 *                reinstated on or before the day they started. Lunchtime suspensions count
 *                in no published figure: the school census does not collect them, so DfE's
 *                suspension statistics leave them out (they count towards the 45-day cap and
 *                the board's thresholds: duties.h);
 *   one_plus     pupils with one or more such suspension (distinct within each group);
 *   perm_excl    permanent exclusions that count, likewise;
 *   halfdays     sessions of the counted suspensions: days lost is
 *                halfdays / 2.
 * An exclusion's school, LA and phase are those of the school that excluded; its pupil's
 * characteristics are the census ones when the pupil was on roll on census day of that
 * exclusion's academic year, else those in force on its start date. */
#ifndef ONROLL_COLUMNS_H
#define ONROLL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/kinds.h"
#include "onroll/store.h"

typedef struct or_columns or_columns;

/* Load every school, pupil snapshot, enrolment and event of the store (two threads). */
or_code or_columns_load(or_store *s, or_columns **out, or_error *err);

typedef struct {
    int threads;      /* 0 or 1: the calling thread and connection only; 2: on SQLite, two
                         tables read at a time on a second connection, and the work after
                         shared by two threads */
    int64_t src_upto; /* > 0: only the rows last written by sources up to this id (the rest
                         are for or_columns_add: live.h) */
} or_columns_load_opts;
or_code or_columns_load_ex(or_store *s, const or_columns_load_opts *o, or_columns **out,
                           or_error *err);
/* A model saved to a file and read back whole (columns_file.c: the server's fast start, live.h),
 * with the ledger position it holds: every source up to floor, and the ids above it in `above`
 * (PostgreSQL: committed before a lower one), and the floor source's stamp (the store's
 * or_store_source_stamp), to tell that the database is still the one the model came from. A
 * file is read only by the build that wrote it, and only whole: anything else is OR_ENOTFOUND
 * (load from the store instead). or_columns_read gives `above` malloc'd (the caller frees it). */
typedef struct {
    int64_t floor, stamp;
    int64_t *above;
    int nabove;
} or_columns_mark;
or_code or_columns_save(const or_columns *c, const or_columns_mark *m, const char *path,
                        or_error *err);
or_code or_columns_read(const char *path, or_columns **out, or_columns_mark *m, or_error *err);

/* How many loads this process has begun (the server's /status: it loads the model once). */
long or_columns_loads(void);
void or_columns_free(or_columns *c);

/* Keeping current (live.h does it for the server, as rows are committed): add one stored row of
 * kind k (schools, pupils, enrolments or events; other kinds are ignored) with its ledger id
 * (events and pupil snapshots: the order of receipt; else 0). The row is copied. Added rows
 * become visible to queries at the next or_columns_refresh, which recomputes only the pupils
 * they touch: what it costs is their rows, not the size of the model. Adds, refreshes and
 * queries must not run at the same time (a read-write lock in the caller: queries read, adds
 * and refreshes write). A snapshot or an event already in the model must not be added again; a
 * school or an enrolment added again (its stored row was updated) updates it. */
or_code or_columns_add(or_columns *c, or_kind_id k, const or_value *row, int64_t id, or_error *err);
or_code or_columns_refresh(or_columns *c, or_error *err);

/* The spring census day of academic year ay (2025 = 2025/26): the third Thursday of January
 * of ay + 1. */
or_date or_census_day(int ay);

typedef struct {
    int pupils, snapshots, enrolments, exclusions, schools, las;
    int ay_first, ay_last; /* the academic years with a census (0, -1 when none) */
    size_t bytes;          /* memory held by the arrays */
} or_columns_info;
void or_columns_info_get(const or_columns *c, or_columns_info *out);

/* What a group is keyed by. The names are those of `onroll report rates --by` (formats.md). */
typedef enum {
    OR_DIM_LA,              /* the LA of the school (census code: the LA number) */
    OR_DIM_SCHOOL,          /* the school (URN) */
    OR_DIM_PHASE,           /* the school's phase */
    OR_DIM_YEAR,            /* the academic year ("202526") */
    OR_DIM_SEX,             /* M, F */
    OR_DIM_ETHNICITY,       /* the census main code (an extended code counts under its main) */
    OR_DIM_ETHNICITY_MAJOR, /* WHIT, MIXD, ASIA, BLAC, ... */
    OR_DIM_FSM,             /* 0, 1 */
    OR_DIM_FSM6,            /* 0, 1, x (not recorded) */
    OR_DIM_SEN,             /* N, K, E */
    OR_DIM_SEN_NEED,        /* primary need, x (not recorded) */
    OR_DIM_YEAR_GROUP,      /* N1 .. 14 in the year (a recorded year group moves up each
                               year after the snapshot; none recorded: the typical one for
                               the age), X */
    OR_DIM_AGE,             /* age on 31 August before the academic year, 2 (and under) to
                               19 (and over) */
    OR_DIM_CLA,             /* 0, 1, x */
    OR_DIM_CIN,             /* 0, 1, x */
    OR_DIM_EAL,             /* English as an additional language: 0, 1, x */
    OR_DIM_PLA,             /* previously looked after: 0, 1, x */
    OR_DIM_CP,              /* a child protection plan: 0, 1, x */
    OR_DIM_YJS,             /* known to the youth justice service: 0, 1, x */
    OR_DIM_SOCIAL_WORKER,   /* has a social worker (a social_worker_since date, or CIN, CP or
                               looked after, as facts.h or_facts_has_social_worker): 0, 1 */
    OR_DIM_REASON,          /* exclusion reason code: an exclusion counts under each of its
                               (up to three) reasons; no headcount but the Total */
    OR_DIM__COUNT
} or_dim;

const char *or_dim_name(or_dim d);  /* "la", "school", "phase", "year", "sex", ... */
int or_dim_parse(const char *name); /* an or_dim, or -1 */

#define OR_GROUP_MAXDIMS 4

typedef struct {
    int ay_first, ay_last; /* academic years; more than one needs OR_DIM_YEAR among dims */
    int ndims;             /* 0 (just the total) to OR_GROUP_MAXDIMS, all different */
    or_dim dims[OR_GROUP_MAXDIMS];
    bool totals;    /* also the Total of each dimension and their combinations */
    bool headcount; /* count the pupils on roll too (a pass over every pupil per year) */
    int threads;    /* 0 or 1: the calling thread only; 2 or more: that many (the result is
                       the same) */
} or_group_query;

typedef struct {
    int64_t headcount, suspensions, one_plus, perm_excl, halfdays;
} or_group_cell;

/* Every combination of the dimensions' values, row-major (the last dimension varies
 * fastest). Dimension i has size[i] values, 0 .. size[i] - 1; the value size[i] is its Total
 * (filled only when the query asked for totals). Cells with no pupils and no exclusions are
 * all zeros. */
typedef struct {
    int ay_first, ay_last;
    int ndims;
    or_dim dims[OR_GROUP_MAXDIMS];
    int size[OR_GROUP_MAXDIMS];
    size_t stride[OR_GROUP_MAXDIMS]; /* cell index = sum of value[i] * stride[i] */
    size_t ncells;
    or_group_cell *cells;
} or_group_result;

/* Group the statistics of academic years ay_first..ay_last by the query's dimensions. Fails
 * with OR_EUSAGE on a bad query (and OR_ENOMEM); years without a census give zero headcounts. */
or_code or_columns_group(const or_columns *c, const or_group_query *q, or_group_result *out,
                         or_error *err);
void or_group_result_release(or_group_result *r);
/* The same, counting only the exclusions that start from `from` to `to` inclusive (such as one
 * term's: `onroll report rates --from --to`); headcounts stay the year's census. */
or_code or_columns_group_dated(const or_columns *c, const or_group_query *q, or_date from,
                               or_date to, or_group_result *out, or_error *err);
/* The cell of values v[0..ndims) (each 0 .. size, size = Total). */
const or_group_cell *or_group_at(const or_group_result *r, const int *v);

/* A dimension's value in a result: its census code ("BCRB", "1", "202526", a URN, an LA
 * number) and its description ("Black Caribbean"); "Total" for the value size[axis]. */
const char *or_group_code(const or_columns *c, const or_group_result *r, int axis, int v);
const char *or_group_label(const or_columns *c, const or_group_result *r, int axis, int v);

/* The exclusions that started in academic year ay, by the published count their kind adds to
 * (published.h: [OR_PUB_NONE] lunchtime suspensions, [OR_PUB_SUSPENSION], [OR_PUB_PERMANENT]):
 * how many are recorded, and how many count (not withdrawn, nor reinstated before they began,
 * with characteristics to count them under; OR_PUB_NONE counts in no figure: 0). The counted
 * suspensions and permanent exclusions are the headline's (columns_tally.c). */
typedef struct {
    int64_t recorded[3], counted[3];
} or_excl_tally;
void or_columns_excl_tally(const or_columns *c, int ay, or_excl_tally *out);

#endif
