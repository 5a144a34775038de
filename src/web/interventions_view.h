/* interventions_view.h (internal) - what the interventions pages share (page_interventions.c,
 * page_intervention.c, page_intervention_edit.c, page_pupil_interventions.c, page_pupil.c):
 * a level of need as a tag, a set of phases or needs in words, and a pupil's interventions as
 * recorded in the ledger.
 *
 * A pupil's intervention is an `intervention` event (the entry of the directory it names, the
 * school, start, planned end, who delivers, notes). Changing it or ending it early is a new
 * `intervention` event whose ref is the first event's event_id, restating it with the new
 * values: the latest record of the chain (in the order of receipt) wins, and the ledger is never
 * overwritten. A ref naming a later record of the chain is followed back to the first.
 *
 * Everything here writes through html.h's escaping helpers, like the pages. */
#ifndef ONROLL_WEB_INTERVENTIONS_VIEW_H
#define ONROLL_WEB_INTERVENTIONS_VIEW_H

#include "onroll/interventions.h"
#include "web/forms.h"

/* The level of need as a GOV.UK tag (universal green, universal plus blue, complex orange). */
void iv_level_tag(or_sb *out, or_iv_level level);
/* A set's labels separated by "; " (allocated in a); all_words when every term is in it. */
const char *iv_set_words(or_arena *a, const or_iv_term *terms, int n, unsigned set,
                         const char *all_words);

typedef enum { IV_PLANNED, IV_CURRENT, IV_ENDED } iv_status;

/* One intervention of a pupil: the chain of records from its first, as the latest says. */
typedef struct {
    const char *first_id;  /* event_id of the first record (what a change names as ref) */
    const char *latest_id; /* event_id of the record in force */
    int urn;
    const char *intervention; /* the directory's id */
    const char *name;         /* the entry's name, or the id when the directory has none */
    or_iv_level level;
    bool in_directory;
    or_date start, end; /* end OR_DATE_NONE: open-ended */
    const char *provider, *notes, *recorded_by;
    int changes; /* records after the first */
    iv_status status;
    int64_t seq; /* the first record's ledger id (order of receipt) */
} iv_record;

/* The pupil's interventions (allocated in req->arena), the latest started first. */
or_code iv_pupil_records(const web_request *req, const char *upn, iv_record **out, int *n,
                         or_error *err);
/* The words and tag colour of a status. */
const char *iv_status_words(iv_status s, const char **colour);
/* A table of records: intervention (a link to the directory's entry), level, start, planned
 * end, who delivers, status; with change_links, a "Change or end" link on each record the
 * user may change (the LA any; a school its own school's). */
void iv_records_table(or_sb *out, const web_request *req, const char *caption, const char *upn,
                      const iv_record *r, int n, bool change_links);

#endif
