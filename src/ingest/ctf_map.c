/* ctf_map.c - a Common Transfer File's elements onto the ledger (docs/ctf.md has the table):
 * each pupil's characteristics as a snapshot dated by the file (Header/DateTime), its school
 * history as enrolments (LEA + Estab matched to a school's laestab), its attendance years as
 * totals and its AttendanceMarks as marks on the school's own school days (ctf_marks.c); then
 * the rows through the importer, kind by kind, in one transaction, so the same
 * checks, provenance and idempotence apply as to a CSV file. Matching: the UPN; else the
 * FormerUPN, when onroll holds that one; a pupil whose UPN is new but whose name and date of
 * birth are those of another UPN is a conflict, listed and never merged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ctf_internal.h"
#include "onroll/alloc.h"
#include "onroll/claims.h"
#include "onroll/date.h"
#include "onroll/store.h"

void ctf_doc_init(ctf_doc *d, or_store *s, const char *name)
{
    *d = (ctf_doc){.s = s, .arena = OR_ARENA_INIT};
    d->name = or_arena_strdup(&d->arena, name);
    or_strmap_init(&d->names, &d->arena);
    or_strmap_init(&d->unused, &d->arena);
}

void ctf_doc_free(ctf_doc *d)
{
    for (int i = 0; i < d->npupils; i++) {
        ctf_pupil *p = d->pupils[i];
        free(p->fsm);
        free(p->sen);
        free(p->needs);
        free(p->langs);
        free(p->schools);
        free(p->years);
        free(p);
    }
    free(d->pupils);
    free(d->unused_paths);
    if (d->days.loaded)
        or_strmap_free(&d->days.by_urn);
    or_strmap_free(&d->names);
    or_strmap_free(&d->unused);
    or_arena_free(&d->arena);
}

const char *ctf_intern(ctf_doc *d, const char *name)
{
    return or_strmap_put(&d->names, name)->key;
}

void ctf_unused(ctf_doc *d, const char *path)
{
    or_strmap_slot *slot = or_strmap_put(&d->unused, path);
    if (!slot->value) {
        slot->value = or_arena_alloc(&d->arena, sizeof(int64_t));
        *(int64_t *)slot->value = 0;
        OR_ALLOC_GROW(d->unused_paths, d->nunused + 1, d->capunused);
        d->unused_paths[d->nunused++] = slot->key;
    }
    (*(int64_t *)slot->value)++;
}

static const char *dup(ctf_doc *d, const char *text)
{
    return or_arena_strdup(&d->arena, text);
}

bool ctf_header_leaf(ctf_doc *d, const char *path, const char *text, int line)
{
    static const char *const read_only[] = {
        "DocumentName",         "SourceSchool/SchoolName", "SourceSchool/AcademicYear",
        "DestSchool/LEA",       "DestSchool/Estab",        "DestSchool/URN",
        "DestSchool/SchoolName"};
    if (!strcmp(path, "CTFversion"))
        d->version = dup(d, text);
    else if (!strcmp(path, "DateTime")) {
        d->datetime = dup(d, text);
        d->datetime_line = line;
    } else if (!strcmp(path, "DocumentQualifier"))
        d->qualifier = dup(d, text);
    else if (!strcmp(path, "SupplierID"))
        d->supplier = dup(d, text);
    else if (!strcmp(path, "SourceSchool/LEA"))
        d->src_lea = dup(d, text);
    else if (!strcmp(path, "SourceSchool/Estab"))
        d->src_estab = dup(d, text);
    else if (!strcmp(path, "SourceSchool/URN"))
        d->src_urn = dup(d, text);
    else {
        /* read for the report, not stored: the destination is the LA itself */
        for (size_t i = 0; i < sizeof read_only / sizeof read_only[0]; i++)
            if (!strcmp(path, read_only[i]))
                return true;
        return false;
    }
    return true;
}

ctf_pupil *ctf_pupil_new(ctf_doc *d, int line)
{
    ctf_pupil *p = or_xcalloc(1, sizeof *p);
    p->line = line;
    OR_ALLOC_GROW(d->pupils, d->npupils + 1, d->cappupils);
    d->pupils[d->npupils++] = p;
    return p;
}

/* Each repeated group starts a new element of its array when it opens. */
void ctf_pupil_open(ctf_doc *d, ctf_pupil *p, const char *const *path, int n, int line)
{
    (void)d;
    if (n == 2 && !strcmp(path[0], "SchoolHistory") && !strcmp(path[1], "School")) {
        OR_ALLOC_GROW(p->schools, p->nschools + 1, p->capschools);
        p->schools[p->nschools++] = (ctf_school){.line = line};
    } else if (n == 2 && !strcmp(path[0], "Attendance") && !strcmp(path[1], "YearData")) {
        OR_ALLOC_GROW(p->years, p->nyears + 1, p->capyears);
        p->years[p->nyears++] = (ctf_year){.line = line};
    } else if (n == 2 && !strcmp(path[0], "FSMhistory") && !strcmp(path[1], "FSMinstance")) {
        OR_ALLOC_GROW(p->fsm, p->nfsm + 1, p->capfsm);
        p->fsm[p->nfsm++] = (ctf_fsm){0};
    } else if (n == 2 && !strcmp(path[0], "SENhistory") && !strcmp(path[1], "SEN")) {
        OR_ALLOC_GROW(p->sen, p->nsen + 1, p->capsen);
        p->sen[p->nsen++] = (ctf_sen){0};
    } else if (n >= 2 && !strcmp(path[n - 2], "SENneeds") && !strcmp(path[n - 1], "SENneed")) {
        OR_ALLOC_GROW(p->needs, p->nneeds + 1, p->capneeds);
        p->needs[p->nneeds++] = (ctf_need){0};
    } else if (n == 3 && !strcmp(path[0], "BasicDetails") && !strcmp(path[1], "Languages") &&
               !strcmp(path[2], "Type")) {
        OR_ALLOC_GROW(p->langs, p->nlangs + 1, p->caplangs);
        p->langs[p->nlangs++] = (ctf_language){0};
    }
}

/* Does path end with the elements of suffix ("SchoolHistory/School/LEA")? */
static bool ends(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    return n >= m && !strcmp(path + n - m, suffix) && (n == m || path[n - m - 1] == '/');
}

bool ctf_pupil_leaf(ctf_doc *d, ctf_pupil *p, const char *path, const char *text, int line)
{
    const char *v = dup(d, text);
    /* the pupil's own fields */
    static const struct {
        const char *path;
        size_t offset;
    } fields[] = {
        {"UPN", offsetof(ctf_pupil, upn)},
        {"FormerUPN", offsetof(ctf_pupil, former)},
        {"Surname", offsetof(ctf_pupil, surname)},
        {"Forename", offsetof(ctf_pupil, forename)},
        {"DOB", offsetof(ctf_pupil, dob)},
        {"Sex", offsetof(ctf_pupil, sex)},
        {"Gender", offsetof(ctf_pupil, sex)}, /* before CTF 24 */
        {"BasicDetails/NCyearActual", offsetof(ctf_pupil, ncyear)},
        {"BasicDetails/Ethnicity", offsetof(ctf_pupil, ethnicity)},
        {"BasicDetails/EnrolStatus", offsetof(ctf_pupil, enrol)},
        {"LookedAfter/InCare", offsetof(ctf_pupil, incare)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!strcmp(path, fields[i].path)) {
            *(const char **)((char *)p + fields[i].offset) = v;
            return true;
        }
    if (p->nschools && !strncmp(path, "SchoolHistory/School/", 21)) {
        ctf_school *s = &p->schools[p->nschools - 1];
        const char *f = path + 21;
        const char **slot = !strcmp(f, "LEA")             ? &s->lea
                            : !strcmp(f, "Estab")         ? &s->estab
                            : !strcmp(f, "SchoolName")    ? &s->name
                            : !strcmp(f, "EntryDate")     ? &s->entry
                            : !strcmp(f, "LeavingDate")   ? &s->leaving
                            : !strcmp(f, "LeavingReason") ? &s->reason
                                                          : NULL;
        if (slot)
            *slot = v;
        return slot != NULL;
    }
    if (p->nyears && !strncmp(path, "Attendance/YearData/", 20)) {
        ctf_year *y = &p->years[p->nyears - 1];
        const char *f = path + 20;
        static const char *const totals[CTF__TOTALS] = {[CTF_POSSIBLE] = "SessionsPossible",
                                                        [CTF_ATTENDED] = "SessionsAttended",
                                                        [CTF_AUTHORISED] = "SessionsAuthorised",
                                                        [CTF_UNAUTHORISED] =
                                                            "SessionsUnauthorised"};
        for (int t = 0; t < CTF__TOTALS; t++)
            if (!strcmp(f, totals[t])) {
                y->totals[t] = v;
                y->tlines[t] = line;
                return true;
            }
        if (!strcmp(f, "AttendSessions/AttendanceStartDate")) {
            y->start = v;
            y->start_line = line;
            return true;
        }
        if (!strcmp(f, "AttendSessions/AttendanceMarks")) {
            y->marks = v;
            y->marks_line = line;
            return true;
        }
        const char **slot = !strcmp(f, "Year")    ? &y->year
                            : !strcmp(f, "LEA")   ? &y->lea
                            : !strcmp(f, "Estab") ? &y->estab
                                                  : NULL;
        if (slot)
            *slot = v;
        return slot != NULL;
    }
    if (p->nfsm && ends(path, "FSMinstance/FSMstartDate")) {
        p->fsm[p->nfsm - 1].start = v;
        return true;
    }
    if (p->nfsm && ends(path, "FSMinstance/FSMendDate")) {
        p->fsm[p->nfsm - 1].end = v;
        return true;
    }
    if (p->nsen && !strcmp(path, "SENhistory/SEN/StartDate")) {
        p->sen[p->nsen - 1].start = v;
        return true;
    }
    if (p->nsen && !strcmp(path, "SENhistory/SEN/SENprovision")) {
        p->sen[p->nsen - 1].provision = v;
        return true;
    }
    if (p->nneeds && (ends(path, "SENneeds/SENneed") || ends(path, "SENneed/Type") ||
                      ends(path, "SENneed/NeedType"))) {
        p->needs[p->nneeds - 1].type = v;
        return true;
    }
    if (p->nneeds && (ends(path, "SENneed/Rank") || ends(path, "SENneed/TypeRank"))) {
        p->needs[p->nneeds - 1].rank = v;
        return true;
    }
    if (p->nlangs && !strcmp(path, "BasicDetails/Languages/Type/LanguageType")) {
        p->langs[p->nlangs - 1].type = v;
        return true;
    }
    if (p->nlangs && !strcmp(path, "BasicDetails/Languages/Type/Language")) {
        p->langs[p->nlangs - 1].code = v;
        return true;
    }
    return false;
}

void ctf_pupil_done(ctf_doc *d, ctf_pupil *p)
{
    (void)d;
    (void)p;
}

/* ---- the rows ---- */

typedef struct {
    int64_t line;
    const char *cells[OR_PU__N]; /* the widest of the three kinds */
} row;

typedef struct {
    row *rows;
    int n, cap;
} rows;

static const char **add_row(rows *r, int64_t line)
{
    OR_ALLOC_GROW(r->rows, r->n + 1, r->cap);
    row *x = &r->rows[r->n++];
    x->line = line;
    for (int c = 0; c < OR_PU__N; c++)
        x->cells[c] = "";
    return x->cells;
}

static const char **add_mark(void *ctx, int64_t line)
{
    return add_row(ctx, line);
}

/* "2026-11-24T10:15:00" or "2026-11-24" -> its day */
static bool date_of(const char *text, or_date *out)
{
    char day[11];
    if (!text || strlen(text) < 10)
        return false;
    memcpy(day, text, 10);
    day[10] = '\0';
    return or_date_parse(day, out);
}

static bool is_true(const char *v)
{
    return v && (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "Y") || !strcmp(v, "T"));
}

/* FSM on the day, and at any time in the six years before it (FSM6). */
static void fsm_of(const ctf_pupil *p, or_date on, const char **fsm, const char **fsm6)
{
    *fsm = "0";
    *fsm6 = "0";
    int y, m, dd;
    or_date_to_ymd(on, &y, &m, &dd);
    or_date six = or_date_from_ymd(y - 6, m, m == 2 && dd == 29 ? 28 : dd);
    for (int i = 0; i < p->nfsm; i++) {
        or_date s, e = OR_DATE_NONE;
        if (!date_of(p->fsm[i].start, &s))
            continue;
        bool open = !p->fsm[i].end || !*p->fsm[i].end || !date_of(p->fsm[i].end, &e);
        if (s <= on && (open || e >= on))
            *fsm = "1";
        if (s <= on && (open || e >= six))
            *fsm6 = "1";
    }
}

/* The SEN provision in force on the day (the latest record starting on or before it). */
static const char *sen_of(const ctf_pupil *p, or_date on)
{
    const char *best = "N";
    or_date when = OR_DATE_NONE;
    for (int i = 0; i < p->nsen; i++) {
        or_date s;
        if (!p->sen[i].provision || !date_of(p->sen[i].start, &s) || s > on)
            continue;
        if (when == OR_DATE_NONE || s >= when) {
            when = s;
            best = p->sen[i].provision;
        }
    }
    return best;
}

/* The primary need: rank 1, else the first listed. */
static const char *need_of(const ctf_pupil *p)
{
    for (int i = 0; i < p->nneeds; i++)
        if (p->needs[i].rank && !strcmp(p->needs[i].rank, "1") && p->needs[i].type)
            return p->needs[i].type;
    return p->nneeds && p->needs[0].type ? p->needs[0].type : "";
}

/* English as an additional language: "1" when the first language is known and not English,
 * "0" when it is English (ENG, or ENB believed to be English), "" when not known. */
static const char *eal_of(const ctf_pupil *p)
{
    const char *first = NULL;
    for (int i = 0; i < p->nlangs && !first; i++)
        if (p->langs[i].code && (!p->langs[i].type || !strcmp(p->langs[i].type, "F")))
            first = p->langs[i].code;
    if (!first || !strcmp(first, "NOT") || !strcmp(first, "REF"))
        return "";
    return !strcmp(first, "ENG") || !strcmp(first, "ENB") ? "0" : "1";
}

typedef struct {
    or_strmap laestab; /* "2014001" -> URN text */
    or_arena *a;
} schools;

static or_code on_school(void *ctx, const or_value *r, const or_row_meta *m, or_error *err)
{
    (void)m;
    (void)err;
    schools *x = ctx;
    char urn[24], laestab[24];
    snprintf(urn, sizeof urn, "%lld", (long long)r[OR_SC_URN].i);
    snprintf(laestab, sizeof laestab, "%lld", (long long)r[OR_SC_LAESTAB].i);
    or_strmap_put(&x->laestab, laestab)->value = or_arena_strdup(x->a, urn);
    return OR_OK;
}

/* The URN of the school LEA + Estab, or NULL. */
static const char *urn_of(schools *x, const char *lea, const char *estab)
{
    if (!lea || !estab)
        return NULL;
    char key[32];
    snprintf(key, sizeof key, "%s%s", lea, estab);
    return or_strmap_get(&x->laestab, key);
}

/* Element paths for the importer's messages, by the kind's column. */
static const char *const pupil_paths[OR_PU__N] = {
    [OR_PU_UPN] = "element Pupil/UPN",
    [OR_PU_FORENAME] = "element Pupil/Forename",
    [OR_PU_SURNAME] = "element Pupil/Surname",
    [OR_PU_DOB] = "element Pupil/DOB",
    [OR_PU_SEX] = "element Pupil/Sex",
    [OR_PU_ETHNICITY] = "element Pupil/BasicDetails/Ethnicity",
    [OR_PU_SEN] = "element Pupil/SENhistory/SEN/SENprovision",
    [OR_PU_AS_OF] = "element Header/DateTime",
    [OR_PU_SEN_NEED] = "element Pupil/SENhistory/SENneeds/SENneed",
    [OR_PU_CLA] = "element Pupil/LookedAfter/InCare",
    [OR_PU_YEAR_GROUP] = "element Pupil/BasicDetails/NCyearActual",
};
static const char *const enrol_paths[OR_EN__N] = {
    [OR_EN_UPN] = "element Pupil/UPN",
    [OR_EN_URN] = "element Pupil/SchoolHistory/School/Estab",
    [OR_EN_START] = "element Pupil/SchoolHistory/School/EntryDate",
    [OR_EN_END] = "element Pupil/SchoolHistory/School/LeavingDate",
    [OR_EN_TYPE] = "element Pupil/BasicDetails/EnrolStatus",
    [OR_EN_LEAVING_REASON] = "element Pupil/SchoolHistory/School/LeavingReason",
};
static const char *const totals_paths[OR_AG__N] = {
    [OR_AG_UPN] = "element Pupil/UPN",
    [OR_AG_URN] = "element Pupil/Attendance/YearData/Estab",
    [OR_AG_FROM] = "element Pupil/Attendance/YearData/Year",
    [OR_AG_TO] = "element Pupil/Attendance/YearData/Year",
    [OR_AG_POSSIBLE] = "element Pupil/Attendance/YearData/SessionsPossible",
    [OR_AG_PRESENT] = "element Pupil/Attendance/YearData/SessionsAttended",
    [OR_AG_AUTHORISED] = "element Pupil/Attendance/YearData/SessionsAuthorised",
    [OR_AG_UNAUTHORISED] = "element Pupil/Attendance/YearData/SessionsUnauthorised",
};

static const char *const marks_paths[OR_AT__N] = {
    [OR_AT_UPN] = "element Pupil/UPN",
    [OR_AT_URN] = "element Pupil/Attendance/YearData/Estab",
    [OR_AT_DATE] = "element Pupil/Attendance/YearData/AttendSessions/AttendanceStartDate",
    [OR_AT_SESSION] = "element Pupil/Attendance/YearData/AttendSessions/AttendanceMarks",
    [OR_AT_CODE] = "element Pupil/Attendance/YearData/AttendSessions/AttendanceMarks",
};

/* The UPN a pupil's rows go under: its own; else its FormerUPN when onroll holds that one. */
static or_code key_of(ctf_doc *d, const ctf_pupil *p, or_ctf_result *res, const char **key,
                      or_error *err)
{
    bool found = false;
    *key = p->upn ? p->upn : "";
    or_code rc = or_store_pupil_exists(d->s, *key, &found, err);
    if (rc || found)
        return rc;
    if (p->former && *p->former) {
        bool former = false;
        if ((rc = or_store_pupil_exists(d->s, p->former, &former, err)))
            return rc;
        if (former) {
            res->pupils_former++;
            or_sb_addf(&res->notes,
                       "%s:%d: pupil %s matched by FormerUPN %s (its rows are kept under %s)\n",
                       d->name, p->line, *key, p->former, p->former);
            *key = p->former;
            return OR_OK;
        }
    }
    res->pupils_new++;
    char other[16];
    bool same = false;
    if (p->surname && p->forename && p->dob &&
        (rc = or_store_pupil_same_person(d->s, p->surname, p->forename, p->dob, *key, other, &same,
                                         err)))
        return rc;
    if (same) {
        res->conflicts++;
        or_sb_addf(&res->notes,
                   "%s:%d: conflict: pupil %s has the name and date of birth of pupil %s, whom "
                   "onroll holds: recorded as a new pupil, not merged; check which UPN is right\n",
                   d->name, p->line, *key, other);
    }
    return OR_OK;
}

/* A school sending its own file writes its own school's enrolments and attendance only. */
static bool not_mine(const or_import_opts *o, const char *urn)
{
    return o && o->school && atoi(urn) != o->school;
}

/* A school the LA does not hold, named by a pupil's history or attendance: an error of the
 * file (nothing of it is written). */
static void unknown_school(ctf_doc *d, or_ingest_result *r, int line, const char *where,
                           const char *lea, const char *estab)
{
    r->nerrors++;
    or_sb_addf(&r->errors,
               "%s:%d: element Pupil/%s/Estab: school LEA %s, Estab %s (laestab %s%s) is not one "
               "of the LA's schools: import it in the schools file first\n",
               d->name, line, where, lea ? lea : "(none)", estab ? estab : "(none)", lea ? lea : "",
               estab ? estab : "");
    d->unknown_schools++;
}

static const char *enrol_type(const char *status)
{
    if (!status || !*status || !strcmp(status, "C"))
        return "main";
    if (!strcmp(status, "M"))
        return "dual";
    if (!strcmp(status, "S"))
        return "subsidiary";
    return status; /* G (guest) and others: the importer refuses them, naming the value */
}

or_code ctf_doc_import(ctf_doc *d, const char *sha256, const or_import_opts *o, or_ctf_result *res,
                       or_error *err)
{
    snprintf(res->version, sizeof res->version, "%s", d->version ? d->version : "");
    snprintf(res->supplier, sizeof res->supplier, "%s", d->supplier ? d->supplier : "");
    snprintf(res->qualifier, sizeof res->qualifier, "%s", d->qualifier ? d->qualifier : "");
    res->pupils = d->npupils;
    if (!d->version || (strcmp(d->version, "24.0") && strcmp(d->version, "25.0") &&
                        strncmp(d->version, "24", 2) && strncmp(d->version, "25", 2)))
        or_sb_addf(&res->notes,
                   "%s: CTF version %s is not 24 or 25: imported by the element names onroll "
                   "knows; check the elements listed as not used\n",
                   d->name, d->version ? d->version : "(none)");
    or_date as_of;
    if (!date_of(d->datetime, &as_of))
        return or_fail(err, OR_EINPUT,
                       "%s:%d: element Header/DateTime: '%s' is not a date and time "
                       "(YYYY-MM-DDThh:mm:ss): the characteristics are dated by it",
                       d->name, d->datetime_line, d->datetime ? d->datetime : "");
    char day[11];
    or_date_format(as_of, day);

    schools sc = {.a = &d->arena};
    or_strmap_init(&sc.laestab, &d->arena);
    or_code rc = or_store_scan_pupil(d->s, or_kind_get(OR_K_SCHOOLS), NULL, on_school, &sc, err);
    rows pupils = {0}, enrols = {0}, totals = {0}, marks = {0};
    int64_t others = 0; /* a school's file: rows of other schools, not written */
    for (int i = 0; !rc && i < d->npupils; i++) {
        ctf_pupil *p = d->pupils[i];
        const char *key;
        if ((rc = key_of(d, p, res, &key, err)))
            break;
        const char **c = add_row(&pupils, p->line);
        c[OR_PU_UPN] = key;
        c[OR_PU_FORENAME] = p->forename ? p->forename : "";
        c[OR_PU_SURNAME] = p->surname ? p->surname : "";
        c[OR_PU_DOB] = p->dob ? p->dob : "";
        c[OR_PU_SEX] = p->sex ? p->sex : "";
        c[OR_PU_ETHNICITY] = p->ethnicity ? p->ethnicity : "";
        fsm_of(p, as_of, &c[OR_PU_FSM], &c[OR_PU_FSM6]);
        c[OR_PU_SEN] = sen_of(p, as_of);
        c[OR_PU_AS_OF] = or_arena_strdup(&d->arena, day);
        c[OR_PU_SEN_NEED] = need_of(p);
        c[OR_PU_EAL] = eal_of(p);
        c[OR_PU_CLA] = !p->incare ? "" : is_true(p->incare) ? "1" : "0";
        c[OR_PU_YEAR_GROUP] = p->ncyear ? p->ncyear : "";
        for (int k = 0; k < p->nschools; k++) {
            const ctf_school *s = &p->schools[k];
            const char *urn = urn_of(&sc, s->lea, s->estab);
            if (!urn) {
                unknown_school(d, &res->rows[1], s->line, "SchoolHistory/School", s->lea, s->estab);
                continue;
            }
            if (not_mine(o, urn)) {
                others++;
                continue;
            }
            const char **e = add_row(&enrols, s->line);
            e[OR_EN_UPN] = key;
            e[OR_EN_URN] = urn;
            e[OR_EN_START] = s->entry ? s->entry : "";
            e[OR_EN_END] = s->leaving ? s->leaving : "";
            bool source = s->lea && s->estab && d->src_lea && d->src_estab &&
                          !strcmp(s->lea, d->src_lea) && !strcmp(s->estab, d->src_estab);
            e[OR_EN_TYPE] = source ? enrol_type(p->enrol) : "main";
            e[OR_EN_LEAVING_REASON] = s->reason ? s->reason : "";
        }
        for (int k = 0; k < p->nyears; k++) {
            const ctf_year *y = &p->years[k];
            const char *urn = urn_of(&sc, y->lea, y->estab);
            if (!urn) {
                unknown_school(d, &res->rows[2], y->line, "Attendance/YearData", y->lea, y->estab);
                continue;
            }
            if (not_mine(o, urn)) {
                others++;
                continue;
            }
            const char **t = add_row(&totals, y->line);
            int year = y->year ? atoi(y->year) : 0;
            t[OR_AG_UPN] = key;
            t[OR_AG_URN] = urn;
            t[OR_AG_FROM] = year ? or_arena_printf(&d->arena, "%04d-09-01", year) : "";
            t[OR_AG_TO] = year ? or_arena_printf(&d->arena, "%04d-08-31", year + 1) : "";
            t[OR_AG_POSSIBLE] = y->totals[CTF_POSSIBLE] ? y->totals[CTF_POSSIBLE] : "";
            t[OR_AG_PRESENT] = y->totals[CTF_ATTENDED] ? y->totals[CTF_ATTENDED] : "";
            t[OR_AG_AUTHORISED] = y->totals[CTF_AUTHORISED] ? y->totals[CTF_AUTHORISED] : "";
            t[OR_AG_UNAUTHORISED] = y->totals[CTF_UNAUTHORISED] ? y->totals[CTF_UNAUTHORISED] : "";
            if (y->marks) {
                int bad = ctf_place_marks(d, y, key, atoi(urn), add_mark, &marks,
                                          &res->rows[3].errors, err);
                if (bad < 0) {
                    rc = err->code;
                    break;
                }
                res->rows[3].nerrors += bad;
                d->bad_marks += bad;
            }
        }
    }
    if (others)
        or_sb_addf(&res->notes,
                   "%s: %lld enrolments and attendance years at other schools not written: a "
                   "school records its own; the LA keeps the others' records\n",
                   d->name, (long long)others);
    for (int i = 0; i < d->nunused; i++)
        or_sb_addf(&res->notes, "%s: element not used: %s (%lld)\n", d->name, d->unused_paths[i],
                   (long long)*(int64_t *)or_strmap_get(&d->unused, d->unused_paths[i]));

    /* The rows through the importer: one transaction for the file, rolled back on any error
     * and for a dry run. */
    bool dry = o && o->dry_run;
    if (!rc)
        rc = or_store_begin(d->s, err);
    bool failed = d->unknown_schools > 0 || d->bad_marks > 0;
    if (d->unknown_schools)
        or_fail(err, OR_EINPUT, "%s: %d school%s not held by the LA", d->name, d->unknown_schools,
                d->unknown_schools == 1 ? "" : "s");
    else if (d->bad_marks)
        or_fail(err, OR_EINPUT, "%s: %d error%s in its attendance marks", d->name, d->bad_marks,
                d->bad_marks == 1 ? "" : "s");
    if (!rc) {
        const struct {
            or_kind_id kind;
            rows *r;
            const char *const *paths;
        } batches[OR_CTF_KINDS] = {{OR_K_PUPILS, &pupils, pupil_paths},
                                   {OR_K_ENROLMENTS, &enrols, enrol_paths},
                                   {OR_K_ATTENDANCE_AGG, &totals, totals_paths},
                                   {OR_K_ATTENDANCE, &marks, marks_paths}};
        const char *detail =
            or_arena_printf(&d->arena, "CTF %s from %s", d->version ? d->version : "(no version)",
                            d->supplier ? d->supplier : "a supplier not named");
        or_source src = {"ctf", d->name, sha256, o ? o->user : NULL, detail};
        for (int b = 0; b < OR_CTF_KINDS && !rc && (b == 0 || !failed);
             b++) { /* the pupils always: their errors too */
            res->rows[b].kind = batches[b].kind;
            if (batches[b].r->n == 0)
                continue;
            or_ingest_opts io = {.max_errors = o ? o->max_errors : 0,
                                 .school = o ? o->school : 0,
                                 .after_commit = or_claims_after_commit,
                                 .labels = batches[b].paths};
            or_ingest *in;
            if ((rc = or_ingest_begin(d->s, or_kind_get(batches[b].kind), &src, &io, &in, err)))
                break;
            for (int i = 0; i < batches[b].r->n; i++) {
                const row *x = &batches[b].r->rows[i];
                const char *column = NULL;
                char msg[OR_ERRMSG_MAX] = "";
                if (o && o->row_check &&
                    !o->row_check(o->row_ctx, or_kind_get(batches[b].kind), x->line, x->cells,
                                  &column, msg, sizeof msg)) {
                    or_ingest_reject(in, x->line, column, "%s", msg);
                    continue;
                }
                or_error e = {0};
                or_code r = or_ingest_row(in, x->line, x->cells, &e);
                if (r && r != OR_EINPUT) {
                    or_ingest_abort(in, &e);
                    break;
                }
            }
            rc = or_ingest_end(in, &res->rows[b], err);
            if (rc == OR_EINPUT) {
                if (!failed)
                    or_fail(err, OR_EINPUT, "%s: %d error%s in its %s", d->name,
                            res->rows[b].nerrors, res->rows[b].nerrors == 1 ? "" : "s",
                            or_kind_get(batches[b].kind)->name);
                failed = true;
                rc = OR_OK;
            }
        }
        if (rc || failed || dry)
            or_store_rollback(d->s);
        else
            rc = or_store_commit(d->s, err);
    }
    free(pupils.rows);
    free(enrols.rows);
    free(totals.rows);
    free(marks.rows);
    or_strmap_free(&sc.laestab);
    return rc ? rc : failed ? OR_EINPUT : OR_OK;
}
