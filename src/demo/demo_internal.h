/* demo_internal.h - the state shared by the synthetic-LA generator's files (demo*.c); not a
 * public API. demo.c runs the steps: demo_la.c makes the schools and calendars, demo_pupils.c
 * the pupils, demo_roll.c the rolls year by year and the rate calibration, demo_events.c what
 * happens to each pupil in a year, demo_marks.c the attendance marks, demo_emit.c the rows. */
#ifndef ONROLL_DEMO_INTERNAL_H
#define ONROLL_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/calendar.h"
#include "onroll/demo.h"

/* ---- random numbers (demo_rng.c): xoshiro256** seeded through splitmix64 ---- */
typedef struct {
    uint64_t s[4];
} dm_rng;

void dm_rng_seed(dm_rng *r, uint64_t seed, uint64_t stream);
uint64_t dm_next(dm_rng *r);
double dm_unif(dm_rng *r);               /* [0, 1) */
int dm_below(dm_rng *r, int n);          /* 0 .. n - 1 (0 when n <= 0) */
int dm_range(dm_rng *r, int lo, int hi); /* lo .. hi inclusive */
bool dm_chance(dm_rng *r, double p);
double dm_normal(dm_rng *r);
double dm_gamma(dm_rng *r, double shape); /* mean = shape, scale 1 */
int dm_poisson(dm_rng *r, double mean);
int dm_pick(dm_rng *r, const int *weights, int n);  /* index drawn by integer weights */
double dm_lognormal_mean1(dm_rng *r, double sigma); /* exp(sigma z - sigma^2 / 2) */

/* ---- reference tables (demo_names.c) ---- */
/* origins of pupils' names */
enum {
    DM_NG_BRIT,
    DM_NG_TURK,
    DM_NG_EEUR,
    DM_NG_WAFR,
    DM_NG_EAFR,
    DM_NG_CRB,
    DM_NG_SASIA,
    DM_NG_IND,
    DM_NG_CHN,
    DM_NG_ARAB,
    DM_NG_LATIN
};

typedef struct {
    const char *code;
    int weight;  /* per 1000 pupils */
    double susp; /* relative suspension intensity */
    int eal_pct; /* share with English as an additional language */
    int names[2];
    bool mixed; /* forename and surname each from either origin */
} dm_ethnicity;

typedef struct {
    const char *code;
    int weight;
} dm_weighted;

extern const dm_ethnicity dm_ethnicities[];
extern const int dm_nethnicities;
extern const dm_weighted dm_needs_k[], dm_needs_e[], dm_reasons[], dm_reasons_old[];
extern const int dm_nneeds_k, dm_nneeds_e, dm_nreasons, dm_nreasons_old;
extern const char *const dm_providers[];
extern const int dm_nproviders;

const char *dm_forename(dm_rng *r, int group, char sex);
const char *dm_surname(dm_rng *r, int group);
/* A worker's name as "first.last" (lower case ASCII letters and one dot), i-th of a pool. */
void dm_worker_name(int i, char *buf, size_t size);
/* School names: the i-th of its kind; stems run out into numbered names. */
const char *dm_primary_name(or_arena *a, int i, bool faith);
const char *dm_secondary_name(or_arena *a, int i, const char *type);
const char *dm_other_school_name(or_arena *a, int phase, int i);

/* ---- year groups: N1 = -2, N2 = -1, R = 0, then 1..14; index yg + 2 ---- */
#define DM_YG_MIN (-2)
#define DM_YG_MAX 14
#define DM_NYG    17
const char *dm_yg_code(int yg);

typedef enum {
    DM_NURSERY,
    DM_PRIMARY,
    DM_SECONDARY,
    DM_ALL_THROUGH,
    DM_SPECIAL,
    DM_AP,
    DM_PRU,
    DM_NPHASE
} dm_phase;
extern const char *const dm_phase_names[DM_NPHASE];

typedef struct {
    int urn, laestab;
    const char *name, *type;
    dm_phase phase;
    int lo, hi;             /* year groups taught */
    int target[DM_NYG];     /* places per year group */
    double susp, absence;   /* school factors (mean 1 across schools of a phase) */
    const or_calendar *cal; /* the LA's or its own */
    bool own_inset;
    int roll[DM_NYG]; /* scratch: pupils counted at the start of a year */
} dm_school;

/* ---- the academic year's dates, by the LA's rules (demo_la.c) ---- */
typedef struct {
    or_date aut_start, oct_ht, aut_end, spr_start, feb_ht, spr_end, sum_start, may_ht, sum_end;
    or_date census; /* spring census day: third Thursday of January */
} dm_year;
void dm_year_dates(int ay, dm_year *y);

typedef struct {
    int school; /* -1: the LA */
    or_date start, end;
    or_cal_kind kind;
    const char *label;
} dm_cal_row;

/* ---- pupils ---- */
enum { DM_SEN_N, DM_SEN_K, DM_SEN_E };

typedef struct {
    char sex;
    uint8_t eth, fsm, fsm6, sen, need, eal, cla, pla, cin, cp, yjs;
    or_date sw_since; /* OR_DATE_NONE unless cin, cp or cla */
} dm_chars;

typedef struct {
    char upn[14];
    const char *forename, *surname;
    or_date dob, yjs_since;
    int cohort;             /* the academic year of the pupil's Reception year */
    or_date as_of1, as_of2; /* snapshot dates; as_of2 OR_DATE_NONE when one snapshot */
    dm_chars c1, c2;
    float prop;   /* suspension propensity: gamma, mean 1 */
    float absz;   /* absence propensity: standard normal */
    float late;   /* share of morning sessions late */
    int cur;      /* the open main enrolment, -1 if none */
    int cap_ay;   /* academic year cap_used counts */
    int cap_used; /* suspension sessions (half-days) in cap_ay, lunchtimes one each */
    or_date left; /* last day on any roll; OR_DATE_NONE while on roll */
} dm_pupil;

typedef enum {
    DM_LEFT_NONE,
    DM_LEFT_SECONDARY,
    DM_LEFT_PRIMARY,
    DM_LEFT_KS4,
    DM_LEFT_SIXTH,
    DM_LEFT_SIXTH_ELSEWHERE,
    DM_LEFT_LA,
    DM_LEFT_MOVED,
    DM_LEFT_PERMANENT,
    DM_LEFT_MANAGED,
    DM_LEFT_TRANSFER,
    DM_LEFT_EHE,
    DM_LEFT_CME,
    DM_LEFT_UNKNOWN,
    DM_LEFT_MAINSTREAM,
    DM_LEFT_INDEPENDENT,
    DM_LEFT_DUAL_END,
    DM_LEFT_N
} dm_leaving;
extern const char *const dm_leaving_text[DM_LEFT_N];

typedef struct {
    int pupil, school;
    or_date start, end; /* end OR_DATE_NONE while open */
    int8_t yg;          /* year group at start */
    uint8_t dual;
    uint8_t why; /* dm_leaving */
} dm_enrol;

typedef enum {
    DM_EV_SUSPENSION,
    DM_EV_LUNCHTIME,
    DM_EV_PERMANENT,
    DM_EV_WITHDRAWN,
    DM_EV_MANAGED_MOVE,
    DM_EV_OFF_SITE,
    DM_EV_AP,
    DM_EV_PTT,
    DM_EV_EHE,
    DM_EV_CME,
    DM_EV_UNEXPLAINED,
    DM_EV_TRANSFER,
    DM_EV_N
} dm_ev_type;
extern const char *const dm_ev_names[DM_EV_N];

typedef struct {
    int pupil, school;
    uint8_t type, sessions, nreasons, withdrawn;
    uint8_t reasons[3];
    int ref;                     /* event index, -1 */
    int to_school;               /* -1 */
    int provider;                /* index in dm_providers, -1 */
    int dual;                    /* dual enrolment made by an off-site direction, -1 */
    or_date start, end, decided; /* OR_DATE_NONE when not recorded */
    int seq;                     /* number within the school and academic year */
} dm_event;

/* Reasons come from the 2020-onwards list (up to three) from 1 September 2020, before that
 * from the 2006-2020 list (one). */
bool dm_old_reasons(or_date d);

/* ---- the generator ---- */
typedef struct {
    double sex[2], fsm[2], sen[3]; /* raked multipliers: expected suspensions per pupil-year */
    double sec_mean;               /* mean intensity of secondary pupils (for relative risks) */
} dm_rates;

typedef struct {
    or_demo_params p;
    dm_rng rng;
    or_arena arena;
    int ay0, ay1;
    dm_school *schools;
    int nschools;
    dm_cal_row *cal_rows;
    int ncal_rows;
    or_calendar la_cal;
    dm_pupil *pupils;
    size_t npupils, cap_pupils;
    dm_enrol *enrols;
    size_t nenrols, cap_enrols;
    dm_event *events;
    size_t nevents, cap_events;
    int *ev_order;   /* events in output order (school, start, type), after dm_number_events */
    int *upn_serial; /* [nschools * 100]: next serial per school and year of allocation */
    dm_rates rates;  /* of the year being simulated */
} dm_gen;

/* demo_la.c */
or_code dm_make_schools(dm_gen *g, or_error *err);
or_code dm_make_calendars(dm_gen *g, or_error *err);
int dm_school_days_in_year(const dm_school *s, int ay);

/* demo_pupils.c */
int dm_new_pupil(dm_gen *g, int school, int yg, or_date entry);
const dm_chars *dm_chars_on(const dm_pupil *p, or_date d);
int dm_enrol_add(dm_gen *g, int pupil, int school, or_date start, bool dual);
void dm_enrol_end(dm_gen *g, int e, or_date end, dm_leaving why);
int dm_yg_of(const dm_pupil *p, int ay);

/* demo_roll.c */
void dm_roll_first_year(dm_gen *g);
void dm_roll_new_year(dm_gen *g, int ay);
void dm_roll_joiners(dm_gen *g, int ay);
void dm_calibrate(dm_gen *g, int ay);
/* Expected suspensions in a full year at school s, with the year's calibrated multipliers, at
 * most DM_MAX_RATE. */
#define DM_MAX_RATE 12.0
double dm_intensity(const dm_gen *g, const dm_pupil *p, const dm_school *s, int yg,
                    const dm_chars *c);

/* demo_events.c */
void dm_simulate_year(dm_gen *g, int ay);
void dm_number_events(dm_gen *g);

/* demo_marks.c */
or_code dm_emit_marks(dm_gen *g, const or_demo_sink *sink, or_error *err);

/* demo_emit.c */
or_code dm_emit_rows(dm_gen *g, const or_demo_sink *sink, or_error *err);

/* demo_interventions.c: the interventions pupils receive (events, after the others) */
or_code dm_emit_interventions(dm_gen *g, const or_demo_sink *sink, or_error *err);

#endif
