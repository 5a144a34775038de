/* ctf.h - importing the DfE's Common Transfer File (CTF), the XML every MIS (SIMS, Arbor,
 * Bromcom, ScholarPack...) writes when a pupil moves school or a school sends its roll to the
 * LA: read with libxml2's streaming reader (xmlTextReader), so a 10,000-pupil file never sits
 * in memory whole, and mapped onto the ledger exactly as the CSV kinds are (docs/ctf.md, the
 * mapping element by element): a characteristics snapshot of each pupil dated by the file,
 * enrolments from its school history, attendance totals by school and year, and the marks of
 * AttendSessions placed on the school's own school days. The same checks,
 * provenance, idempotence and all-or-nothing rule as every import: the file's rows go through
 * the importer (ingest.h) in one transaction. A CTF carries no exclusions. */
#ifndef ONROLL_CTF_H
#define ONROLL_CTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/import.h"

/* The kinds a CTF's rows go to: pupils, enrolments, attendance_totals, attendance (marks). */
#define OR_CTF_KINDS 4

/* What a CTF brought, for the import's report (and a dry run's). */
typedef struct {
    char version[16], supplier[64], qualifier[16]; /* CTFversion, SupplierID, DocumentQualifier */
    int64_t pupils;                                /* Pupil elements */
    int64_t pupils_new;                            /* whose UPN onroll did not hold */
    int64_t pupils_former;                         /* matched by FormerUPN */
    int64_t conflicts; /* a different UPN with the same name and date of birth (not merged) */
    or_ingest_result rows[OR_CTF_KINDS]; /* pupils, enrolments, attendance_totals, attendance */
    or_sb notes; /* one line each: the conflicts, every element not used by path and
                    count, a version onroll does not know */
} or_ctf_result;

void or_ctf_result_release(or_ctf_result *r);
/* The three kinds' results as one (sums, every error and note), into *r (released by the
 * caller), for a page or a log line that speaks of the file as a whole. */
void or_ctf_result_sum(const or_ctf_result *c, or_ingest_result *r);

/* Does the file open at path start like XML (after a byte-order mark and blanks)? */
bool or_file_is_xml(const char *path);

/* Import a CTF file (or len bytes of data named name, for an upload): every row through the
 * importer in one transaction, nothing written on any error (res->rows[..].errors say which,
 * each with the file, the XML line and the element path). */
or_code or_import_ctf(or_store *s, const char *path, const or_import_opts *opts, or_ctf_result *res,
                      or_error *err);
or_code or_import_ctf_buffer(or_store *s, const char *name, const char *data, size_t len,
                             const or_import_opts *opts, or_ctf_result *res, or_error *err);

#endif
