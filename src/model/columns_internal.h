/* columns_internal.h - the columnar model's arrays (include/onroll/columns.h), shared by
 * columns.c (loading, keeping current, the derived arrays), columns_dict.c (dimensions and
 * their dictionaries) and columns_query.c (the grouping scans). Not a public API.
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

/* The kinds of exclusion kept, and of the events that can stop one counting. */
enum { CX_X_SUSP, CX_X_LUNCH, CX_X_PERM };
enum { CX_R_WITHDRAWN, CX_R_REINSTATED, CX_R_ACTION };

struct or_columns {
    or_arena arena; /* strings: UPN keys, event ids, refs, dictionary entries */

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
    int cap_cen;
    int32_t **cen_snap, **cen_school;
    bool all_dirty;

    /* hot exclusions: by academic year, then pupil, start, id; year ay's rows are
     * [h_year[ay - ay_lo], h_year[ay - ay_lo + 1]) */
    int nh;
    int32_t *h_pupil, *h_snap, *h_school;
    uint8_t *h_w; /* bit 0: a counted suspension, bit 1: a counted permanent exclusion */
    uint16_t *h_half;
    uint8_t (*h_reason)[3];
    int *h_year;

    /* dictionaries */
    cx_dict dict[OR_DIM__COUNT];          /* not YEAR (computed); SCHOOL: URN and name by index */
    int16_t *eth_main, *eth_major;        /* codeset index -> ETHNICITY / ETHNICITY_MAJOR value */
    int16_t *need_value;                  /* SEN need codeset index -> value */
    or_strmap eth_cache, need_cache;      /* code -> codeset index + 1 */
    const char **year_code, **year_label; /* CX_YEAR_MIN .. CX_YEAR_MAX, made on demand */
};

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
