/* columns_internal.h - the columnar model's arrays (include/onroll/columns.h), shared by
 * columns.c (rows in), columns_derive.c (the derived arrays, kept current), columns_load.c
 * (the load), columns_file.c (the saved copy), columns_dict.c (dimensions and their
 * dictionaries), columns_query.c (the grouping scans) and live.c. Not a public API.
 *
 * Raw tables are append-only, in the order rows arrived, each pupil's rows chained through a
 * `next` column (newest first; order never matters: every look-up compares dates and ids).
 * Derived arrays (census, hot exclusions) are recomputed for the pupils rows touched. */
#ifndef ONROLL_COLUMNS_INTERNAL_H
#define ONROLL_COLUMNS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/columns.h"
#include "onroll/published.h"
#include "onroll/strmap.h"

#define CX_NONE8     0xFF      /* an empty reason slot */
#define CX_YG_X      INT16_MIN /* snapshot year group "X" (National Curriculum not followed) */
#define CX_AGE_MIN   2
#define CX_AGE_MAX   19
#define CX_YG_MIN    (-2) /* N1 */
#define CX_YG_MAX    14
#define CX_NYG       (CX_YG_MAX - CX_YG_MIN + 2) /* N1..14 and X */
#define CX_MAX_YEARS 20 /* the census covers at most the latest 20 academic years */
#define CX_YEAR_MIN  OR_DATE_MIN_YEAR
#define CX_YEAR_MAX  OR_DATE_MAX_YEAR

/* The snapshot dimensions, one byte column each. */
enum {
    CX_S_SEX,
    CX_S_ETH,
    CX_S_ETH_MAJOR,
    CX_S_FSM,
    CX_S_FSM6,
    CX_S_SEN,
    CX_S_SEN_NEED,
    CX_S_CLA,
    CX_S_CIN,
    CX_S_EAL,
    CX_S_PLA,
    CX_S_CP,
    CX_S_YJS,
    CX_S_SW,
    CX_S__N
};

/* UPN -> pupil index: open addressing, keys (up to 15 bytes, NUL-padded: UPNs are 13) kept in
 * the slot so that a look-up costs one cache miss; longer keys go to `longer`. */
typedef struct {
    uint64_t k[2];
    int32_t v; /* pupil index + 1; 0 = empty slot */
} cx_slot;

typedef struct {
    cx_slot *slots;
    size_t cap, len;
    or_strmap longer;
} cx_upnmap;

/* A dictionary: value i has code[i] and label[i]. */
typedef struct {
    const char **code, **label;
    int n, cap;
} cx_dict;

/* A segment of hot exclusion rows, by academic year then pupil: year ay's rows are
 * [year[ay - ay_lo], year[ay - ay_lo + 1]). */
typedef struct {
    int n, cap;
    int32_t *pupil, *snap, *school;
    uint8_t *w; /* bit 0: a counted suspension, bit 1: a counted permanent exclusion,
                   CX_H_MOVED: moved to the tail (counts for nothing) */
    uint16_t *half;
    uint8_t (*reason)[3];
    or_date *start; /* the exclusion's first day (a query may keep to a term) */
    int *year;      /* nyears + 1 offsets */
} cx_hot;

#define CX_H_MOVED  4
#define CX_TAIL_MIN 4096 /* the tail is regathered into the base past max(this, base / 64) */

/* The kinds of exclusion kept, and of the events that can stop one counting. */
enum { CX_X_SUSP, CX_X_LUNCH, CX_X_PERM }; /* CX_X_LUNCH: counted in no figure */
/* The kind an exclusion event is kept as: the published count it adds to, from the one table
 * of definitions the scrutiny report's notes read too (published.h). */
static inline uint8_t cx_kind_of(int kind)
{
    or_pub_count p = or_pub_counted_as((or_event_kind)kind);
    return p == OR_PUB_SUSPENSION ? CX_X_SUSP : p == OR_PUB_PERMANENT ? CX_X_PERM : CX_X_LUNCH;
}
enum { CX_R_WITHDRAWN, CX_R_REINSTATED, CX_R_ACTION };

struct or_columns {
    or_arena arena;  /* strings: UPN keys, event ids, refs, dictionary entries */
    or_arena arena2; /* event ids and refs read by the load's second thread (columns_load.c) */
    bool loading;    /* rows come from the load: no pupil is marked dirty (all will be) */
    bool schools_unsorted; /* a school was added after one with a higher URN */
    int las_sorted;        /* the LA dictionary is in code order up to here */

    /* pupils, by dense index */
    cx_upnmap by_upn;
    int np, cap_p;
    int32_t *p_snap, *p_enrol, *p_excl, *p_ref; /* chain heads, -1 = none */
    uint8_t *p_dirty;
    int32_t *dirty;
    int ndirty, cap_dirty;

    /* characteristic snapshots */
    int ns, cap_s;
    int32_t *s_pupil, *s_next;
    or_date *s_as_of;
    int64_t *s_seq;
    uint8_t *s_dim[CX_S__N];
    int16_t *s_age_k; /* age on 31 August of ay = ay - s_age_k */
    int16_t *s_yg_b;  /* year group in ay = s_yg_b + ay (CX_YG_X: X) */

    /* enrolments (main registrations only: the census counts those) */
    int ne, cap_e;
    int32_t *e_pupil, *e_next, *e_school;
    or_date *e_start, *e_end; /* e_end INT32_MAX while on roll */

    /* exclusions, raw */
    int nx, cap_x;
    int32_t *x_pupil, *x_next, *x_school, *x_snap;
    or_date *x_start;
    int16_t *x_ay;
    int64_t *x_seq;
    uint8_t *x_kind, *x_counts;
    uint8_t (*x_reason)[3];
    uint16_t *x_sessions;
    const char **x_id;

    /* events that name an exclusion: withdrawn, reinstated, a board's or review's action */
    int nr, cap_r;
    int32_t *r_pupil, *r_next, *r_school;
    uint8_t *r_kind, *r_rule, *r_reinstates; /* r_rule: 0..2 for the three rules */
    or_date *r_start;
    int64_t *r_seq;
    const char **r_ref;

    /* schools */
    int nsch, cap_sch;
    int32_t *sch_urn;
    uint8_t *sch_phase;
    int32_t *sch_la;    /* index in the LA dictionary; URN and name: dict[OR_DIM_SCHOOL] */
    int32_t *urn_index; /* [URN - 100000] -> school index + 1 (0: unknown) */

    /* census: for each academic year ay_lo..ay_hi and pupil, the snapshot in force on census
     * day and the school of the main registration then (-1: not on roll) */
    int ay_lo, ay_hi;     /* ay_hi < ay_lo: none */
    int want_lo, want_hi; /* the years the rows added so far need */
    int np_cen;           /* pupils the census arrays cover (as of the last refresh) */
    bool cen_none;        /* no rows wanted a year yet: the one year there is is a placeholder */
    int cap_cen;
    int32_t **cen_snap, **cen_school;
    bool all_dirty;

    /* hot exclusions: what the queries scan. The base segment is regathered by a full refresh
     * (by academic year, then pupil); a refresh of a few pupils changes their rows in place
     * when they keep as many, else marks them moved (CX_H_MOVED: they count for nothing) and
     * puts the pupil's rows of that year in the tail segment, kept in the same order, until
     * the tail grows past CX_TAIL_MAX and a full regather empties it. So a pupil's rows of a
     * year are all in one segment, adjacent: the distinct-pupil counts rely on it. */
    cx_hot hot, tail;

    /* dictionaries */
    cx_dict dict[OR_DIM__COUNT];          /* not YEAR (computed); SCHOOL: URN and name by index */
    int16_t *eth_main, *eth_major;        /* codeset index -> ETHNICITY / ETHNICITY_MAJOR value */
    int16_t *need_value;                  /* SEN need codeset index -> value */
    or_strmap eth_cache, need_cache;      /* code -> codeset index + 1 */
    const char **year_code, **year_label; /* CX_YEAR_MIN .. CX_YEAR_MAX, made on demand */
};

/* Grow the column `ptr` to n elements (in a function returning bool). */
#define RESERVE(ptr, n)                                                                            \
    do {                                                                                           \
        void *q_ = realloc((ptr), (size_t)(n) * sizeof *(ptr));                                    \
        if (!q_)                                                                                   \
            return false;                                                                          \
        (ptr) = q_;                                                                                \
    } while (0)

/* columns.c: rows in */
/* The capacity for n elements: cap doubled (from 1024) until it holds n. */
int cx_grown(int cap, int n);
/* A UPN of up to 15 bytes as its map key, and the key's hash. */
void cx_upn_key(const char *upn, size_t len, uint64_t k[2]);
uint64_t cx_key_hash(const uint64_t k[2]);
/* The pupil of a key (hash h), -1 if not known (a read: safe from several threads). */
int cx_pupil_find(const or_columns *c, const uint64_t k[2], uint64_t h);
/* The pupil's dense index, a new one for a new UPN; -1 when out of memory. */
int cx_pupil_of(or_columns *c, const char *upn);
int cx_pupil_put(or_columns *c, const uint64_t k[2], uint64_t h); /* the same, by key */
bool cx_map_reserve(or_columns *c, size_t n); /* room for n pupils without growing */
void cx_prefetch_key(const or_columns *c, uint64_t h);
/* The school of a URN (read only: -1 if unknown; cx_school_of adds it, -1 out of memory). */
int cx_school_find(const or_columns *c, int urn);
int cx_school_of(or_columns *c, int urn);
/* Add or update school urn; -1 when out of memory. */
int cx_put_school(or_columns *c, int urn, int la_code, const char *phase, const char *name);
bool cx_reserve_pupils(or_columns *c, int n);
bool cx_reserve_snaps(or_columns *c, int n);
bool cx_reserve_enrols(or_columns *c, int n);
bool cx_reserve_excls(or_columns *c, int n);
bool cx_reserve_refs(or_columns *c, int n);
void cx_want_year(or_columns *c, int ay);
/* columns_derive.c */
/* Recompute the derived arrays (threads: how many may share a full recompute). */
or_code cx_refresh(or_columns *c, int threads, or_error *err);
void cx_hot_free(cx_hot *h);
or_columns *cx_create(or_error *err); /* columns.c */
/* The LA dictionary in order of LA number. */
or_code cx_sort_las(or_columns *c, or_error *err);

/* columns_load.c: the columns and rows the model reads of kind k (schools, pupils, enrolments,
 * events), without a source bound */
or_scan_spec cx_scan_spec(or_kind_id k);

/* columns_dict.c */
or_code cx_dicts_init(or_columns *c, or_error *err);
int cx_dict_add(or_columns *c, cx_dict *d, const char *code, const char *label);
int cx_dict_push(or_columns *c, cx_dict *d, const char *code, const char *label); /* no look-up */
int cx_dict_find(const cx_dict *d, const char *code);                             /* -1 if absent */
/* Encode one snapshot row (kinds.h OR_PU_*) into snapshot i's columns. */
void cx_encode_snapshot(or_columns *c, int i, const or_value *row);
/* The reason values of a reasons cell ("PA;DB"), CX_NONE8 where none. */
void cx_encode_reasons(or_columns *c, const char *reasons, uint8_t out[3]);
int cx_dim_size(const or_columns *c, or_dim d, int ay_first, int ay_last);

#endif
