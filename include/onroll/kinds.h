/* kinds.h - the interchange file kinds of shared/spec/formats.md, declared as data.
 *
 * Each kind (schools, pupils, enrolments, events, caseload, attendance, calendar) is a table of
 * columns: CSV name, SQL column, value type, whether required, whether part of the natural key.
 * The importer validates against it, the store builds its SQL from it and the exporter writes
 * it back out, so the three cannot drift apart (kcgi's declared-and-validated fields). */
#ifndef ONROLL_KINDS_H
#define ONROLL_KINDS_H

#include <stdbool.h>
#include <stdint.h>

#include "onroll/codes.h"
#include "onroll/date.h"
#include "onroll/error.h"

typedef enum {
    OR_K_SCHOOLS,
    OR_K_CALENDAR,
    OR_K_PUPILS,
    OR_K_ENROLMENTS,
    OR_K_CASELOAD,
    OR_K_EVENTS,
    OR_K_ATTENDANCE,     /* upn,urn,date,session,code: one mark per row */
    OR_K_ATTENDANCE_AGG, /* upn,urn,from,to,possible,present,authorised,unauthorised */
    OR_K_BENCHMARKS,     /* published DfE figures for England, regions, LAs (comparison) */
    OR_K_DESTINATIONS,   /* upn,date,activity: where a young person went (NCCIS codes; nccis.h) */
    OR_K__COUNT
} or_kind_id; /* in dependency order: importing several files takes them in this order */

typedef enum {
    OR_V_TEXT,    /* UTF-8, no control characters, at most maxlen bytes */
    OR_V_NOTES,   /* like TEXT, but line breaks allowed */
    OR_V_INT,     /* decimal integer in [min, max] */
    OR_V_DATE,    /* YYYY-MM-DD */
    OR_V_BOOL,    /* 0 or 1 */
    OR_V_ENUM,    /* one of vocab */
    OR_V_CODE,    /* a census code of `codeset`, valid on the row's reference date */
    OR_V_REASONS, /* 1-3 exclusion reason codes separated by ';' (1 before 1 Sep 2020) */
    OR_V_UPN,
    OR_V_URN,
    OR_V_LAESTAB,
    OR_V_EMAIL,
    OR_V_SCOPE, /* calendar scope: LA or a URN */
    OR_V_RULE,  /* a rule id of DOMAIN.md */
    OR_V_JSON,  /* a JSON object (jansson), at most maxlen bytes: a plan's structured details */
    OR_V_STAT,  /* a published figure: a number, or DfE's x (suppressed), . or z (not
                   applicable), c (confidential) */
} or_vtype;

enum {
    OR_COL_REQUIRED = 1 << 0,
    OR_COL_KEY = 1 << 1,
    OR_COL_OPTIONAL = 0,
};

typedef struct {
    const char *name; /* CSV header */
    const char *sql;  /* column in the store */
    or_vtype type;
    unsigned flags;
    const char *const *vocab; /* OR_V_ENUM: NULL-terminated */
    or_codeset codeset;       /* OR_V_CODE */
    int64_t min, max;         /* OR_V_INT; OR_V_TEXT: max = length limit in bytes */
} or_column;

/* What re-importing a row whose key is already stored does when other columns differ. */
typedef enum {
    OR_ON_CONFLICT_UPDATE,   /* reference or registration state: the newer file wins */
    OR_ON_CONFLICT_REJECT,   /* ledger facts: corrections are new events, never overwrites */
    OR_ON_CONFLICT_SNAPSHOT, /* pupils: a changed snapshot is a new row (history) */
} or_conflict_policy;

typedef struct {
    or_kind_id id;
    const char *name;  /* "schools": the export TYPE and the CLI's word for it */
    const char *table; /* SQL table */
    const or_column *cols;
    int ncols;
    int ref_date_col; /* the column whose date decides which code lists apply; -1 if none */
    or_conflict_policy on_conflict;
} or_kind;

const or_kind *or_kind_get(or_kind_id id);
const or_kind *or_kind_by_name(const char *name);    /* "schools" ... or NULL */
int or_kind_col(const or_kind *k, const char *name); /* column index or -1 */

/* A validated value. Text-like types use s (NULL = not recorded); numeric ones and dates use i. */
typedef struct {
    bool null;
    int64_t i;
    const char *s;
} or_value;

/* Column indices, in the order of the tables in kinds.c. */
enum { OR_SC_URN, OR_SC_LAESTAB, OR_SC_NAME, OR_SC_PHASE, OR_SC_LA_CODE, OR_SC_TYPE, OR_SC__N };
enum { OR_CA_SCOPE, OR_CA_START, OR_CA_END, OR_CA_KIND, OR_CA_LABEL, OR_CA__N };
enum {
    OR_PU_UPN,
    OR_PU_FORENAME,
    OR_PU_SURNAME,
    OR_PU_DOB,
    OR_PU_SEX,
    OR_PU_ETHNICITY,
    OR_PU_FSM,
    OR_PU_SEN,
    OR_PU_AS_OF,
    OR_PU_FSM6,
    OR_PU_SEN_NEED,
    OR_PU_EAL,
    OR_PU_CLA,
    OR_PU_PLA,
    OR_PU_CIN,
    OR_PU_CP,
    OR_PU_SOCIAL_WORKER_SINCE,
    OR_PU_YJS,
    OR_PU_YEAR_GROUP,
    OR_PU_YOUNG_CARER,        /* issue 17: special-category, for the RONI (roni.h) */
    OR_PU_PARENT_OR_PREGNANT, /* likewise */
    OR_PU__N
};
enum {
    OR_EN_UPN,
    OR_EN_URN,
    OR_EN_START,
    OR_EN_END,
    OR_EN_TYPE,
    OR_EN_YEAR_GROUP,
    OR_EN_LEAVING_REASON,
    OR_EN__N
};
enum { OR_CL_UPN, OR_CL_WORKER, OR_CL_ROLE, OR_CL_START, OR_CL_END, OR_CL__N };
enum {
    OR_EV_EVENT_ID,
    OR_EV_UPN,
    OR_EV_URN,
    OR_EV_TYPE,
    OR_EV_START,
    OR_EV_SESSIONS,
    OR_EV_REASONS,
    OR_EV_REF,
    OR_EV_TO_URN,
    OR_EV_PROVIDER,
    OR_EV_END,
    OR_EV_DECIDED,
    OR_EV_EXAM_DATE,
    OR_EV_RULE,
    OR_EV_OUTCOME,
    OR_EV_DELIVERY,
    OR_EV_TO,
    OR_EV_RECORDED_BY,
    OR_EV_NOTES,
    OR_EV_INTERVENTION_ID, /* the graduated response (additions to formats.md): directory entry id
                            */
    OR_EV_MEASURE_ID,      /* measures.h id of an outcome measurement */
    OR_EV_SCORE,           /* the measurement as entered (responses, scale scores or a number) */
    OR_EV_DETAILS,         /* a plan's, referral's or assessment's structured content (JSON) */
    OR_EV__N
};
enum {
    OR_BM_YEAR,
    OR_BM_LEVEL,
    OR_BM_LA_NAME,
    OR_BM_SCHOOL_TYPE,
    OR_BM_NUM_SCHOOLS,
    OR_BM_HEADCOUNT,
    OR_BM_PERM_EXCL,
    OR_BM_PERM_EXCL_RATE,
    OR_BM_FIXED_EXCL,
    OR_BM_FIXED_EXCL_RATE,
    OR_BM_ONE_PLUS_FIXED,
    OR_BM_ONE_PLUS_RATE,
    OR_BM_LA_CODE,     /* the DfE's three-digit LA code (old_la_code), for LA rows */
    OR_BM_AREA_CODE,   /* the ONS code of the area (E92000001, E12000005, E09000002...) */
    OR_BM_REGION_NAME, /* the region an LA or regional row belongs to */
    OR_BM__N
};
enum { OR_DE_UPN, OR_DE_DATE, OR_DE_ACTIVITY, OR_DE__N };
enum { OR_AT_UPN, OR_AT_URN, OR_AT_DATE, OR_AT_SESSION, OR_AT_CODE, OR_AT__N };
enum {
    OR_AG_UPN,
    OR_AG_URN,
    OR_AG_FROM,
    OR_AG_TO,
    OR_AG_POSSIBLE,
    OR_AG_PRESENT,
    OR_AG_AUTHORISED,
    OR_AG_UNAUTHORISED,
    OR_AG__N
};

/* Validate one cell of column c (text as read, "" = empty) into *out. ref_date is the row's
 * reference date for code lists (OR_DATE_NONE: any). Strings in *out point into `text`.
 * On failure the message says what the value is and what was expected. */
or_code or_value_parse(const or_column *c, const char *text, or_date ref_date, or_value *out,
                       or_error *err);

/* Write a value back in its canonical text form (the inverse of or_value_parse; text quoted as
 * one RFC 4180 field, not guarded: the store's digests and messages); NULL → "". Files are
 * written through csvout.h instead (or_export_csv). */
void or_value_format(const or_column *c, const or_value *v, or_sb *out);

/* True for a column of text (names, notes, codes, ids: a CSV writer guards it, the importer
 * unguards it); false for numbers, dates, URNs, LAESTABs, calendar scopes and published
 * figures. */
bool or_column_is_text(const or_column *c);

/* True when the text is valid UTF-8 without NUL or control characters (newline/tab allowed
 * when allow_newlines). */
bool or_utf8_valid(const char *s, bool allow_newlines);

#endif
