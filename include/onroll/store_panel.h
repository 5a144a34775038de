/* store_panel.h - the multi-agency panel's meetings (panel.h; migration 029): one per date,
 * and when its agenda was circulated. */
#ifndef ONROLL_STORE_PANEL_H
#define ONROLL_STORE_PANEL_H

#include <stdbool.h>

#include "onroll/arena.h"
#include "onroll/date.h"
#include "onroll/store.h"
#include "onroll/store_audit.h"

typedef struct {
    or_date date;
    const char *created_by, *circulated_at, *circulated_by; /* circulated_at "" when not yet */
} or_panel_meeting;

/* Every meeting, the latest first, strings in the arena. */
or_code or_panel_meetings(or_store *s, or_arena *a, or_panel_meeting **out, int *n, or_error *err);
/* The meeting of a date; *found false when there is none. */
or_code or_panel_meeting_get(or_store *s, or_date d, or_arena *a, or_panel_meeting *out,
                             bool *found, or_error *err);
/* Add the meeting of date d with its audit line, in one transaction; *added false when it was
 * there already (nothing changes). */
or_code or_panel_meeting_add(or_store *s, or_date d, const or_audit_entry *who, bool *added,
                             or_error *err);
/* Mark the meeting circulated now, by who->actor (in the caller's transaction, with the
 * outbox rows; the caller writes the audit line). */
or_code or_panel_meeting_circulated(or_store *s, or_date d, const char *by, or_error *err);

#endif
