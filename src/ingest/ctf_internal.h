/* ctf_internal.h (internal to src/ingest) - what the CTF reader (ctf.c) and its mapping onto the
 * ledger (ctf_map.c) share: the document's header, each pupil's elements as read, and the
 * elements not used. Strings live in the document's arena. */
#ifndef ONROLL_INGEST_CTF_INTERNAL_H
#define ONROLL_INGEST_CTF_INTERNAL_H

#include <stdbool.h>

#include "ingest/school_days.h"
#include "onroll/arena.h"
#include "onroll/ctf.h"
#include "onroll/strmap.h"

typedef struct {
    const char *lea, *estab, *name, *entry, *leaving, *reason;
    int line;
} ctf_school;

/* The four totals of a year, in this order (ctf_year.totals, .tlines). */
enum { CTF_POSSIBLE, CTF_ATTENDED, CTF_AUTHORISED, CTF_UNAUTHORISED, CTF__TOTALS };

typedef struct {
    const char *year, *lea, *estab;
    const char *totals[CTF__TOTALS]; /* SessionsPossible, -Attended, -Authorised, -Unauthorised */
    int tlines[CTF__TOTALS];         /* the XML line of each */
    const char *start, *marks;       /* AttendSessions/AttendanceStartDate, AttendanceMarks */
    int start_line, marks_line;
    int line;
} ctf_year;

typedef struct {
    const char *start, *end;
} ctf_fsm;

typedef struct {
    const char *start, *provision;
} ctf_sen;

typedef struct {
    const char *type, *rank;
} ctf_need;

typedef struct {
    const char *type, *code;
} ctf_language;

typedef struct {
    int line;
    const char *upn, *former, *surname, *forename, *dob, *sex, *ncyear, *ethnicity, *enrol, *incare;
    ctf_fsm *fsm;
    ctf_sen *sen;
    ctf_need *needs;
    ctf_language *langs;
    ctf_school *schools;
    ctf_year *years;
    int nfsm, nsen, nneeds, nlangs, nschools, nyears;
    int capfsm, capsen, capneeds, caplangs, capschools, capyears;
} ctf_pupil;

typedef struct {
    or_store *s;
    const char *name; /* the file's name in messages */
    or_arena arena;
    or_strmap names;  /* element names, interned */
    or_strmap unused; /* path -> int64_t * count */
    const char **unused_paths;
    int nunused, capunused;
    /* Header */
    const char *version, *datetime, *qualifier, *supplier, *src_lea, *src_estab, *src_urn;
    int datetime_line;
    int unknown_schools; /* named by pupils, not held: the file is refused */
    int bad_marks;       /* errors placing AttendanceMarks: the file is refused */
    school_days days;    /* the schools' calendars, read on first use (ctf_marks.c) */
    ctf_pupil **pupils;
    int npupils, cappupils;
    bool root_seen, failed;
    or_error err;
} ctf_doc;

void ctf_doc_init(ctf_doc *d, or_store *s, const char *name);
void ctf_doc_free(ctf_doc *d);
const char *ctf_intern(ctf_doc *d, const char *name);
/* An element's path (from the root) holding text the mapping did not use. */
void ctf_unused(ctf_doc *d, const char *path);

/* A leaf under Header (path from inside it: "SourceSchool/Estab"): true if used. */
bool ctf_header_leaf(ctf_doc *d, const char *path, const char *text, int line);
/* A pupil starts (<Pupil> at line), an element opens inside it (path[0..n) from inside the
 * Pupil), a leaf's text arrives (path from inside the Pupil: true if used), it ends. */
ctf_pupil *ctf_pupil_new(ctf_doc *d, int line);
void ctf_pupil_open(ctf_doc *d, ctf_pupil *p, const char *const *path, int n, int line);
bool ctf_pupil_leaf(ctf_doc *d, ctf_pupil *p, const char *path, const char *text, int line);
void ctf_pupil_done(ctf_doc *d, ctf_pupil *p);

/* A year's AttendanceMarks placed on school urn's own school days from its
 * AttendanceStartDate (ctf_marks.c): each mark an `attendance` row (upn, urn, date, session,
 * code) appended through add (cells of OR_AT__N); the totals the marks make are checked against
 * the year's Sessions* elements. Errors (a start that is no date, a day the calendar cannot
 * tell, a total that disagrees) are appended to errors, each with the file, the XML line and
 * the element path; returns their number (0: placed), or -1 with *err set on a store failure. */
typedef const char **(*ctf_add_row)(void *ctx, int64_t line);
int ctf_place_marks(ctf_doc *d, const ctf_year *y, const char *upn, int urn, ctf_add_row add,
                    void *ctx, or_sb *errors, or_error *err);

/* Every pupil's rows through the importer, in one transaction (ctf_map.c). */
or_code ctf_doc_import(ctf_doc *d, const char *sha256, const or_import_opts *o, or_ctf_result *res,
                       or_error *err);

#endif
