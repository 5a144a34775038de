/* attend_alert.h - LOCAL-ATTEND-ALERT (issue 17, part 8) as a pure function of a pupil's facts:
 * the attendance alerts the Virtual School and the social worker get for a looked-after child
 * or a child with a social worker. An alert is
 *   - an unexplained absence: a day with a session marked N (reason not yet established) or O
 *     (absent in other or unknown circumstances), once per pupil per day (both sessions, or two
 *     schools, are one alert, at the school of the first such mark);
 *   - a crossing of the persistent-absence line (DOMAIN.md §5 RISK-PA: attendance this school
 *     year below risk.persistent_absence_pct, 90% of possible sessions): the school day at the
 *     end of which the year's attendance from the marks (all schools, sessions that count) is
 *     below the line when at the end of the school day before it had any, it was not; once
 *     per crossing (back above the line and below again is a second crossing).
 * Only while the child is looked after (the snapshot in force that day) or has a social worker
 * (facts.h or_facts_has_social_worker). The alert is due by the next school day at its school
 * (the rule's duty; the outbox sends it). Totals rows are not marks: they make no alert. */
#ifndef ONROLL_ATTEND_ALERT_H
#define ONROLL_ATTEND_ALERT_H

#include "onroll/arena.h"
#include "onroll/facts.h"
#include "onroll/notify.h"

typedef enum { OR_ALERT_ABSENCE, OR_ALERT_PA } or_alert_kind;

typedef struct {
    or_alert_kind kind;
    or_date day;            /* the day of the absence, or of the crossing */
    int urn;                /* the school of the mark */
    char code;              /* OR_ALERT_ABSENCE: the first N or O mark of the day */
    int attended, possible; /* OR_ALERT_PA: the year's sessions at the end of the day */
} or_attend_alert;

/* The alerts whose day is from `from` to `to` inclusive, in day order (an absence before a
 * crossing on the same day), at most max written to out; returns how many there are (which
 * may be more than max). pa_pct: the persistent-absence line in percent. */
int or_attend_alerts(const or_pupil_facts *f, int pa_pct, or_date from, or_date to,
                     or_attend_alert *out, int max);

/* The message of alert a (src/core/notify_alert.c) for the services in `services` (the Virtual
 * School, children's social care: the social worker), from the alert and its school alone: what
 * happened, on which day, where, why the reader is told, and the link (OR_NOTIFY_LINK in the
 * outbox). No name, UPN or other detail of the child: the reader signs in to see who. Strings
 * are allocated in arena. pa_pct: the line, for the words. */
void or_notify_alert_compose(const or_attend_alert *a, const or_school_info *school,
                             unsigned services, int pa_pct, const char *link, or_arena *arena,
                             or_notify_msg *out);

/* The outbox's event_id of an alert (unique per pupil, kind and day: "ATT-N-2026-05-01-UPN" for
 * an absence, "ATT-PA-2026-05-01-UPN" for a crossing), into buf. */
void or_attend_alert_key(const or_attend_alert *a, const char *upn, char *buf, size_t size);

#endif
